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
    let focus_menu = keyboard_between_menus(ui.ctx(), state);
    let mut ids = Vec::new();
    // The menu whose first entry still waits for the focus (a menu's first frame only
    // measures it: nothing in it can take the focus yet).
    let mut waiting = None;
    let comparing = state.compare.is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        let wants = |at: usize| focus_menu == Some(at);
        let file = ui.menu_button("File", |ui| {
            in_menu(ui, wants(0), |ui| file_menu(ui, view, comparing, actions))
        });
        ids.push(egui::Popup::default_response_id(&file.response));
        // F10 or an Alt tap: the File menu opens with its first entry focused, so that the
        // arrow keys, Enter and Escape work in it at once.
        if state.requests.take_if(super::Request::OpenMenuBar) {
            egui::Popup::open_id(ui.ctx(), ids[0]);
            waiting = Some(0);
            ui.ctx().request_repaint();
        }
        let edit = ui.menu_button("Edit", |ui| {
            in_menu(ui, wants(1), |ui| edit_menu(ui, view, state, actions))
        });
        ids.push(egui::Popup::default_response_id(&edit.response));
        let cell = ui.menu_button("Cell", |ui| {
            in_menu(ui, wants(2), |ui| cell_menu(ui, state, actions))
        });
        ids.push(egui::Popup::default_response_id(&cell.response));
        let view_menu = ui.menu_button("View", |ui| {
            in_menu(ui, wants(3), |ui| self::view_menu(ui, view, state, actions))
        });
        ids.push(egui::Popup::default_response_id(&view_menu.response));
        let help = ui.menu_button("Help", |ui| {
            in_menu(ui, wants(4), |ui| {
                command_button(ui, UiCommand::Shortcuts, true, actions);
                ui.label(format!("Briefing {}", env!("CARGO_PKG_VERSION")));
            })
        });
        ids.push(egui::Popup::default_response_id(&help.response));
        for (at, shown) in [
            file.inner,
            edit.inner,
            cell.inner,
            view_menu.inner,
            help.inner,
        ]
        .into_iter()
        .enumerate()
        {
            if shown == Some(true) {
                waiting = Some(at);
            }
        }
    });
    if let Some(at) = waiting {
        state.requests.ask(super::Request::FocusMenu(at));
        ui.ctx().request_repaint();
    }
    state.menu_ids = ids;
}

/// With a menu open, Left and Right go to the menu before or after it (round the bar), as
/// on desktops; the menu that opens gives its first entry the focus. With none open, Escape
/// (which closed the menu F10 opened) gives the keyboard back to the control that had it.
/// The menu whose first entry takes the focus this frame, if any.
fn keyboard_between_menus(ctx: &egui::Context, state: &mut UiState) -> Option<usize> {
    let mut focus_menu = state.requests.take(|r| match r {
        super::Request::FocusMenu(at) => Some(*at),
        _ => None,
    });
    let open = state
        .menu_ids
        .iter()
        .position(|id| egui::Popup::is_id_open(ctx, *id));
    let Some(at) = open else {
        let opening = focus_menu.is_some() || state.requests.has(super::Request::OpenMenuBar);
        if !opening
            && let Some(before) = state.focus_before_menu.take()
            && ctx.memory(|m| m.focused().is_none())
        {
            ctx.memory_mut(|m| m.request_focus(before));
        }
        return focus_menu;
    };
    let (left, right) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowLeft),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowRight),
        )
    });
    if left != right {
        let count = state.menu_ids.len();
        let next = if right {
            (at + 1) % count
        } else {
            (at + count - 1) % count
        };
        egui::Popup::open_id(ctx, state.menu_ids[next]);
        // The arrow already asked egui to move the focus sideways, out of the menu.
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        focus_menu = Some(next);
        ctx.request_repaint();
    }
    focus_menu
}

/// A menu's entries; with `focus_first`, the first entry that can be used takes the focus
/// (none in a menu whose entries are all greyed out: the focus goes nowhere else). Whether
/// the focus is still to be given (the menu was only measured this frame).
fn in_menu(ui: &mut egui::Ui, focus_first: bool, entries: impl FnOnce(&mut egui::Ui)) -> bool {
    if !focus_first {
        entries(ui);
        return false;
    }
    ui.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
        m.move_focus(egui::FocusDirection::Next);
    });
    let measuring = ui.is_sizing_pass() || !ui.is_visible();
    entries(ui);
    ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    measuring
}

/// The stances, and what can be done with a suggestion.
fn cell_menu(ui: &mut egui::Ui, state: &UiState, actions: &mut Vec<Action>) {
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
}

/// Grouping, finding, theme, the confidence threshold, the outline and zoom.
fn view_menu(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, actions: &mut Vec<Action>) {
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
fn file_menu(ui: &mut egui::Ui, view: &View<'_>, comparing: bool, actions: &mut Vec<Action>) {
    command_button(ui, UiCommand::OpenArticles, !view.dialog_open, actions);
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
    command_button(ui, UiCommand::CompareSession, !view.dialog_open, actions);
    command_button(ui, UiCommand::StopComparing, comparing, actions);
    command_button(ui, UiCommand::MergeSession, !view.dialog_open, actions);
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
    ui.separator();
    command_button(ui, UiCommand::Preferences, true, actions);
}
