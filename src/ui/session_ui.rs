//! The session questions: save as, open session, unsaved changes on quit, a file changed on
//! disk, an autosave to restore, a broken session with a good backup.

use super::{Action, Modal, SessionAction, UiState, View, focus_once};

/// What becomes of the question after this frame.
enum Outcome {
    /// It stays as it is (moved back, never copied: a restore question holds a whole session).
    Keep,
    /// It is replaced (the name being typed, or another question).
    Replace(Modal),
    /// It is answered or cancelled.
    Close,
}

pub fn modal_ui(
    ctx: &egui::Context,
    view: &View<'_>,
    state: &mut UiState,
    actions: &mut Vec<Action>,
) {
    let Some(modal) = state.modal.take() else {
        return;
    };
    let dark = state.dark;
    let outcome = super::dialog_ui(ctx, modal.title(), |ui| match &modal {
        Modal::SaveAs { name } => save_as(ui, name, dark, actions),
        Modal::OpenSession { names } => open_session(ui, names, actions),
        Modal::UnsavedOnQuit => unsaved_on_quit(ui, actions),
        Modal::ConfirmReplace { path } => confirm_replace(ui, path, actions),
        Modal::Conflict => conflict(ui, view, actions),
        Modal::ConfirmDiscard { then } => confirm_discard(ui, then, actions),
        Modal::Export { format, path } => export(ui, *format, path, actions),
        Modal::ConfirmExportReplace { format, path } => {
            confirm_export_replace(ui, *format, path, actions)
        }
        Modal::RestoreAutosave {
            saved_at, untitled, ..
        } => restore_autosave(ui, saved_at, *untitled, actions),
        Modal::OfferBackup { broken, backup, .. } => offer_backup(ui, broken, backup, actions),
        Modal::Preferences { name, why } => preferences(ui, name, *why, actions),
    });
    state.modal = match outcome {
        Outcome::Close => None,
        Outcome::Keep => Some(modal),
        Outcome::Replace(next) => Some(next),
    };
}

fn save_as(ui: &mut egui::Ui, name: &str, dark: bool, actions: &mut Vec<Action>) -> Outcome {
    let mut name = name.to_owned();
    let label = ui.label("Name (saved in your Briefing config folder):");
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut name)
                .id(super::dialog_field_id())
                .hint_text("e.g. Ukraine talks"),
        )
        .labelled_by(label.id);
    focus_once(ui, &r);
    let enter = (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let checked = crate::storage::session::sanitise_name(&name);
    if let Err(e) = &checked
        && !name.trim().is_empty()
    {
        ui.colored_label(super::theme::error_text(dark), e.to_string());
    }
    let mut outcome = None;
    ui.horizontal(|ui| {
        let valid = checked.is_ok();
        let clicked = ui.add_enabled(valid, egui::Button::new("Save")).clicked();
        if valid && (clicked || enter) {
            actions.push(Action::Session(SessionAction::SaveAsName(name.clone())));
            outcome = Some(Outcome::Close);
        }
        if ui
            .button("Choose a file…")
            .on_hover_text("Save anywhere, through the file dialog")
            .clicked()
        {
            actions.push(Action::Session(SessionAction::SaveAsDialog));
            outcome = Some(Outcome::Close);
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(Outcome::Close);
        }
    });
    outcome.unwrap_or(Outcome::Replace(Modal::SaveAs { name }))
}

/// Edit › Preferences…: the analyst's name, kept in the config folder and written on each
/// hand edit, so that two coders' work can be told apart and compared.
fn preferences(
    ui: &mut egui::Ui,
    name: &str,
    why: Option<&'static str>,
    actions: &mut Vec<Action>,
) -> Outcome {
    let mut name = name.to_owned();
    if let Some(why) = why {
        ui.label(why);
    }
    let label =
        ui.label("Your name (written on the stances you set and the suggestions you review):");
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut name)
                .id(super::dialog_field_id())
                .hint_text("e.g. Ana Lopez"),
        )
        .labelled_by(label.id);
    focus_once(ui, &r);
    ui.weak("Kept in your Briefing config folder. Leave it empty to set no name.");
    let enter = (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut outcome = None;
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() || enter {
            actions.push(Action::Session(SessionAction::SetCoder(name.clone())));
            outcome = Some(Outcome::Close);
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(Outcome::Close);
        }
    });
    outcome.unwrap_or(Outcome::Replace(Modal::Preferences { name, why }))
}

fn open_session(ui: &mut egui::Ui, names: &[String], actions: &mut Vec<Action>) -> Outcome {
    let mut outcome = Outcome::Keep;
    if names.is_empty() {
        ui.weak("No saved sessions in your config folder yet.");
    }
    egui::ScrollArea::vertical()
        .max_height(300.0)
        .show(ui, |ui| {
            for name in names {
                if ui.button(name).clicked() {
                    actions.push(Action::Session(SessionAction::OpenNamed(name.clone())));
                    outcome = Outcome::Close;
                }
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Other file…").clicked() {
            actions.push(Action::Session(SessionAction::OpenDialog));
            outcome = Outcome::Close;
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn unsaved_on_quit(ui: &mut egui::Ui, actions: &mut Vec<Action>) -> Outcome {
    let mut outcome = Outcome::Keep;
    ui.label("This session has changes that are not saved.");
    ui.horizontal(|ui| {
        if ui.button("Save and quit").clicked() {
            actions.push(Action::Session(SessionAction::SaveAndQuit));
            outcome = Outcome::Close;
        }
        if ui.button("Quit without saving").clicked() {
            actions.push(Action::Session(SessionAction::QuitWithoutSaving));
            outcome = Outcome::Close;
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn confirm_replace(
    ui: &mut egui::Ui,
    path: &std::path::Path,
    actions: &mut Vec<Action>,
) -> Outcome {
    let text = format!(
        "{} is another session. Replace it with this one? (Its present content is kept as a backup, {}.1.)",
        path.display(),
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    );
    let yes = SessionAction::Replace(path.to_path_buf());
    confirm(ui, &text, ("Replace", yes), "Cancel", actions)
}

/// A question with one way forward and one way back: the answer `yes` runs its action.
fn confirm(
    ui: &mut egui::Ui,
    text: &str,
    (yes, action): (&str, SessionAction),
    no: &str,
    actions: &mut Vec<Action>,
) -> Outcome {
    let mut outcome = Outcome::Keep;
    ui.label(text);
    ui.horizontal(|ui| {
        if ui.button(yes).clicked() {
            actions.push(Action::Session(action));
            outcome = Outcome::Close;
        }
        if ui.button(no).clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn conflict(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) -> Outcome {
    let mut outcome = Outcome::Keep;
    ui.label("Another program (or another Briefing window) saved this session since you opened it. Writing now would lose its changes.");
    ui.horizontal(|ui| {
        if ui.button("Overwrite").clicked() {
            actions.push(Action::Session(SessionAction::Overwrite));
            outcome = Outcome::Close;
        }
        if ui.button("Save as…").clicked() {
            let name = view
                .session_name
                .clone()
                .map(|n| format!("{n} (mine)"))
                .unwrap_or_default();
            outcome = Outcome::Replace(Modal::SaveAs { name });
        }
        if ui
            .button("Reload from disk")
            .on_hover_text("Drop the changes made here and read the file again")
            .clicked()
        {
            // Asked again in the app: the changes made here would go for good.
            actions.push(Action::Session(SessionAction::Reload));
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn confirm_discard(ui: &mut egui::Ui, then: &SessionAction, actions: &mut Vec<Action>) -> Outcome {
    let what = if *then == SessionAction::Reload {
        "Reading the session file again"
    } else {
        "Opening another session"
    };
    let text = format!(
        "{what} drops the changes made here since the last save. Undo cannot bring them back."
    );
    let yes = SessionAction::Discarding(Box::new(then.clone()));
    confirm(
        ui,
        &text,
        ("Drop my changes", yes),
        "Keep my changes",
        actions,
    )
}

/// Restoring is done by the app, which takes the session out of the question: the question
/// stays until then.
fn restore_autosave(
    ui: &mut egui::Ui,
    saved_at: &str,
    untitled: bool,
    actions: &mut Vec<Action>,
) -> Outcome {
    let mut outcome = Outcome::Keep;
    // Untitled work was never saved: there is no saved session to compare with or keep.
    let (text, keep) = if untitled {
        (
            format!(
                "Work that was never saved was kept by the autosave at {saved_at} (perhaps Briefing was closed unexpectedly)."
            ),
            "Discard it",
        )
    } else {
        (
            format!(
                "An autosave from {saved_at} is newer than the saved session. It holds work that was not saved (perhaps the program was closed unexpectedly)."
            ),
            "Keep the saved session",
        )
    };
    ui.label(text);
    ui.label("Escape restores it as well: the saved file is not changed until you save.");
    ui.horizontal(|ui| {
        if ui.button("Restore the autosave").clicked() {
            actions.push(Action::Session(SessionAction::RestoreAutosave));
        }
        if ui.button(keep).clicked() {
            actions.push(Action::Session(SessionAction::KeepSaved));
            outcome = Outcome::Close;
        }
    });
    outcome
}

/// Like restoring, opening the backup takes the session out of the question in the app.
fn offer_backup(
    ui: &mut egui::Ui,
    broken: &std::path::Path,
    backup: &std::path::Path,
    actions: &mut Vec<Action>,
) -> Outcome {
    let mut outcome = Outcome::Keep;
    ui.label(format!(
        "{} could not be read (see the status line). It will not be written over.",
        broken.display()
    ));
    ui.label(format!(
        "The newest backup that reads cleanly is {}.",
        backup.display()
    ));
    ui.horizontal(|ui| {
        if ui.button("Open the backup").clicked() {
            actions.push(Action::Session(SessionAction::OpenBackup));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn export(
    ui: &mut egui::Ui,
    format: crate::export::formats::ExportFormat,
    path: &str,
    actions: &mut Vec<Action>,
) -> Outcome {
    use crate::export::formats::ExportFormat;
    let (mut format, mut path) = (format, path.to_owned());
    ui.label("The matrix as it stands: hand stances, accepted suggestions, notes and evidence.");
    for f in ExportFormat::ALL {
        if ui.radio(format == f, f.label()).clicked() && format != f {
            // The file name follows the format.
            let stem = std::path::Path::new(&path).with_extension(f.extension());
            path = stem.display().to_string();
            format = f;
        }
    }
    let label = ui.label("File:");
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut path)
                .id(super::dialog_field_id())
                .desired_width(420.0),
        )
        .labelled_by(label.id);
    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut outcome = None;
    ui.horizontal(|ui| {
        let typed = path.trim();
        let export = ui
            .add_enabled(!typed.is_empty(), egui::Button::new("Export"))
            .clicked();
        if (export || enter) && !typed.is_empty() {
            actions.push(Action::Session(SessionAction::Export(
                format,
                std::path::PathBuf::from(typed),
            )));
            outcome = Some(Outcome::Close);
        }
        if ui
            .button("Choose a file…")
            .on_hover_text("Pick the file through the file dialog")
            .clicked()
        {
            actions.push(Action::Session(SessionAction::ExportDialog(format)));
            outcome = Some(Outcome::Close);
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(Outcome::Close);
        }
    });
    outcome.unwrap_or(Outcome::Replace(Modal::Export { format, path }))
}

fn confirm_export_replace(
    ui: &mut egui::Ui,
    format: crate::export::formats::ExportFormat,
    path: &std::path::Path,
    actions: &mut Vec<Action>,
) -> Outcome {
    let text = format!("{} exists. Replace it with this export?", path.display());
    let yes = SessionAction::ExportReplace(format, path.to_path_buf());
    confirm(ui, &text, ("Replace", yes), "Cancel", actions)
}
