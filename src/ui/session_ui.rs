//! The session questions: save as, open session, unsaved changes on quit, a file changed on
//! disk, an autosave to restore, a broken session with a good backup.

use super::{Action, Modal, SessionAction, UiState, View, focus_once};

pub fn modal_ui(
    ctx: &egui::Context,
    view: &View<'_>,
    state: &mut UiState,
    actions: &mut Vec<Action>,
) {
    let Some(modal) = state.modal.take() else {
        return;
    };
    let mut keep = true;
    let mut next: Option<Modal> = None;
    let title = match &modal {
        Modal::SaveAs { .. } => "Save session as",
        Modal::OpenSession { .. } => "Open session",
        Modal::UnsavedOnQuit => "Unsaved changes",
        Modal::Conflict => "The session file changed on disk",
        Modal::RestoreAutosave { .. } => "Restore autosave?",
        Modal::OfferBackup { .. } => "The session could not be read",
    };
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| match &modal {
            Modal::SaveAs { name } => {
                let mut name = name.clone();
                let label = ui.label("Name (saved in your Briefing config folder):");
                let r = ui
                    .add(egui::TextEdit::singleline(&mut name).hint_text("e.g. Ukraine talks"))
                    .labelled_by(label.id);
                focus_once(ui, &r);
                let enter = (r.has_focus() || r.lost_focus())
                    && ui.input(|i| i.key_pressed(egui::Key::Enter));
                match crate::storage::session::sanitise_name(&name) {
                    Err(e) if !name.trim().is_empty() => {
                        ui.colored_label(super::theme::error_text(state.dark), e.to_string());
                    }
                    _ => {}
                }
                ui.horizontal(|ui| {
                    let valid = crate::storage::session::sanitise_name(&name).is_ok();
                    let clicked = ui.add_enabled(valid, egui::Button::new("Save")).clicked();
                    if valid && (clicked || enter) {
                        actions.push(Action::Session(SessionAction::SaveAsName(name.clone())));
                        keep = false;
                    }
                    if ui.button("Choose a file…").on_hover_text("Save anywhere, through the file dialog").clicked() {
                        actions.push(Action::Session(SessionAction::SaveAsDialog));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
                if keep {
                    next = Some(Modal::SaveAs { name });
                }
            }
            Modal::OpenSession { names } => {
                if names.is_empty() {
                    ui.weak("No saved sessions in your config folder yet.");
                }
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for name in names {
                        if ui.button(name).clicked() {
                            actions.push(Action::Session(SessionAction::OpenNamed(name.clone())));
                            keep = false;
                        }
                    }
                });
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("Other file…").clicked() {
                        actions.push(Action::Session(SessionAction::OpenDialog));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
                if keep {
                    next = Some(modal.clone());
                }
            }
            Modal::UnsavedOnQuit => {
                ui.label("This session has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save and quit").clicked() {
                        actions.push(Action::Session(SessionAction::SaveAndQuit));
                        keep = false;
                    }
                    if ui.button("Quit without saving").clicked() {
                        actions.push(Action::Session(SessionAction::QuitWithoutSaving));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
                if keep {
                    next = Some(Modal::UnsavedOnQuit);
                }
            }
            Modal::Conflict => {
                ui.label("Another program (or another Briefing window) saved this session since you opened it. Writing now would lose its changes.");
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        actions.push(Action::Session(SessionAction::Overwrite));
                        keep = false;
                    }
                    if ui.button("Save as…").clicked() {
                        next = Some(Modal::SaveAs {
                            name: view.session_name.clone().map(|n| format!("{n} (mine)")).unwrap_or_default(),
                        });
                    }
                    if ui.button("Reload from disk").on_hover_text("Drop the changes made here and read the file again").clicked() {
                        actions.push(Action::Session(SessionAction::Reload));
                        keep = false;
                    }
                });
                if keep && next.is_none() {
                    next = Some(Modal::Conflict);
                }
            }
            Modal::RestoreAutosave { saved_at, .. } => {
                ui.label(format!("An autosave from {saved_at} is newer than the saved session. It holds work that was not saved (perhaps the program was closed unexpectedly)."));
                ui.horizontal(|ui| {
                    if ui.button("Restore the autosave").clicked() {
                        actions.push(Action::Session(SessionAction::RestoreAutosave));
                        next = Some(modal.clone());
                        keep = false;
                    }
                    if ui.button("Keep the saved session").clicked() {
                        keep = false;
                    }
                });
                if keep {
                    next = Some(modal.clone());
                }
            }
            Modal::OfferBackup { broken, backup, .. } => {
                ui.label(format!(
                    "{} could not be read (see the status line). It will not be written over.",
                    broken.display()
                ));
                ui.label(format!("The newest backup that reads cleanly is {}.", backup.display()));
                ui.horizontal(|ui| {
                    if ui.button("Open the backup").clicked() {
                        actions.push(Action::Session(SessionAction::OpenBackup));
                        next = Some(modal.clone());
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
                if keep {
                    next = Some(modal.clone());
                }
            }
        });
    if !open {
        next = None;
    }
    state.modal = next;
}
