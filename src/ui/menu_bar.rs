//! The menu bar: File, Edit, Cell, View, Help. Every entry is a [`UiCommand`] with its shortcut.

use super::commands::UiCommand;
use super::{Action, UiState, View, command_button};
use crate::model::Stance;

pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        // F10 or an Alt tap: the File menu opens on the next frame with its first entry focused,
        // so the arrow keys, Enter and Escape work in it at once.
        let focus_first = state.requests.take_if(super::Request::FocusMenu);
        let file = ui.menu_button("File", |ui| file_menu(ui, view, focus_first, actions));
        if state.requests.take_if(super::Request::OpenMenuBar) {
            egui::Popup::open_id(ui.ctx(), egui::Popup::default_response_id(&file.response));
            state.requests.ask(super::Request::FocusMenu);
            ui.ctx().request_repaint();
        }
        ui.menu_button("Edit", |ui| edit_menu(ui, view, state, actions));
        ui.menu_button("Cell", |ui| {
            let has_cell = state.selected_cell().is_some();
            if !has_cell {
                ui.weak("Select a cell of the matrix first");
            }
            for s in Stance::ALL {
                command_button(ui, UiCommand::SetStance(s), has_cell, actions);
            }
            ui.separator();
            command_button(ui, UiCommand::AcceptSuggestion, has_cell, actions);
            command_button(ui, UiCommand::RejectSuggestion, has_cell, actions);
            command_button(ui, UiCommand::ClearHandStance, has_cell, actions);
        });
        ui.menu_button("View", |ui| {
            let mut group = state.group_people;
            if ui
                .checkbox(&mut group, with_shortcut(ui, UiCommand::GroupPeople))
                .on_hover_text(UiCommand::GroupPeople.tooltip())
                .changed()
            {
                actions.push(Action::Run(UiCommand::GroupPeople));
            }
            command_button(
                ui,
                UiCommand::FindInMatrix,
                !view.matrix.rows.is_empty(),
                actions,
            );
            let mut dark = state.dark;
            if ui
                .checkbox(&mut dark, with_shortcut(ui, UiCommand::ToggleTheme))
                .on_hover_text(UiCommand::ToggleTheme.tooltip())
                .changed()
            {
                actions.push(Action::Run(UiCommand::ToggleTheme));
            }
            // Suggestions under the confidence threshold (set in the bar above the matrix).
            let default = crate::model::filter::DEFAULT_MIN_CONFIDENCE;
            let mut hide = state.matrix_filter.min_confidence > 0;
            let at = if hide {
                state.matrix_filter.min_confidence
            } else {
                default
            };
            let text = format!(
                "Hide suggestions under confidence {:.2}",
                f32::from(at) / 100.0
            );
            if ui
                .checkbox(&mut hide, text)
                .on_hover_text("Unreviewed suggestions less confident than this show empty in the matrix; the line above the matrix says how many")
                .changed()
            {
                state.matrix_filter.min_confidence = if hide { default } else { 0 };
            }
            ui.separator();
            command_button(ui, UiCommand::ToggleOutline, true, actions);
            command_button(ui, UiCommand::ZoomIn, true, actions);
            command_button(ui, UiCommand::ZoomOut, true, actions);
            command_button(ui, UiCommand::ZoomReset, true, actions);
        });
        ui.menu_button("Help", |ui| {
            command_button(ui, UiCommand::Shortcuts, true, actions);
            ui.label(format!("Briefing {}", env!("CARGO_PKG_VERSION")));
        });
    });
}

/// A checkbox's text with its command's shortcut ("Dark theme (Ctrl+T)"): a checkbox has no
/// place for it on the right as a button has.
fn with_shortcut(ui: &egui::Ui, command: UiCommand) -> String {
    match command.shortcut() {
        Some(s) => format!("{} ({})", command.label(), ui.ctx().format_shortcut(&s)),
        None => command.label().to_owned(),
    }
}

/// Open, recent files and sessions, save, quit.
fn file_menu(ui: &mut egui::Ui, view: &View<'_>, focus_first: bool, actions: &mut Vec<Action>) {
    let first = super::labelled_command_button(
        ui,
        UiCommand::OpenArticles,
        UiCommand::OpenArticles.label(),
        !view.dialog_open,
        actions,
    );
    if focus_first {
        first.request_focus();
    }
    command_button(ui, UiCommand::OpenFolder, !view.dialog_open, actions);
    command_button(ui, UiCommand::OpenPath, true, actions);
    ui.menu_button("Recent", |ui| {
        if view.recent.is_empty() {
            ui.weak("No recent articles yet");
        }
        for path in view.recent {
            if ui
                .button(path.display().to_string())
                .on_hover_text("Open this article again")
                .clicked()
            {
                actions.push(Action::Open(vec![path.clone()]));
            }
        }
    });
    command_button(ui, UiCommand::CloseArticle, !view.docs.is_empty(), actions);
    ui.separator();
    command_button(ui, UiCommand::OpenSession, !view.dialog_open, actions);
    ui.menu_button("Recent sessions", |ui| {
        if view.recent_sessions.is_empty() {
            ui.weak("No recent sessions yet");
        }
        for path in view.recent_sessions {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::Session(super::SessionAction::OpenPath(
                    path.clone(),
                )));
            }
        }
    });
    command_button(ui, UiCommand::Save, true, actions);
    command_button(ui, UiCommand::SaveAs, true, actions);
    command_button(ui, UiCommand::Export, true, actions);
    ui.separator();
    command_button(ui, UiCommand::ImportCodebook, !view.dialog_open, actions);
    command_button(
        ui,
        UiCommand::ExportCodebook,
        !view.dialog_open && !view.session.codebook.is_empty(),
        actions,
    );
    ui.separator();
    command_button(ui, UiCommand::Quit, true, actions);
}

/// Undo and redo with what they would do, and adding actors, topics and evidence.
fn edit_menu(ui: &mut egui::Ui, view: &View<'_>, state: &UiState, actions: &mut Vec<Action>) {
    let undo = view
        .undo_label
        .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
    let redo = view
        .redo_label
        .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
    super::labelled_command_button(
        ui,
        UiCommand::Undo,
        &undo,
        view.undo_label.is_some(),
        actions,
    );
    super::labelled_command_button(
        ui,
        UiCommand::Redo,
        &redo,
        view.redo_label.is_some(),
        actions,
    );
    ui.separator();
    command_button(ui, UiCommand::AddActor, true, actions);
    command_button(ui, UiCommand::AddTopic, true, actions);
    let can_attach = state.selected_sentence.is_some() && state.selected_cell().is_some();
    command_button(ui, UiCommand::AttachSentence, can_attach, actions);
}
