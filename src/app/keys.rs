//! The keyboard: shortcuts become commands, and commands that are not edits (moves, panels,
//! the menu bar, theme and zoom) are carried out here; edits go back to the frame as actions.

use super::{BriefingApp, Flow};
use crate::command::Command;
use crate::jobs::Purpose;
use crate::storage::session as store;
use crate::ui::commands::UiCommand;
use crate::ui::{self, Action, Modal, Request, SessionAction};
use egui::KeyboardShortcut;
use std::path::PathBuf;

/// Takes the first key press among `events` that is a shortcut not `skipped`, with the text
/// it typed (a bare key's character, which must not reach a field that takes the keyboard
/// later in the frame); the command it runs.
fn take_shortcut(
    events: &mut Vec<egui::Event>,
    skipped: impl Fn(&KeyboardShortcut, UiCommand) -> bool,
) -> Option<UiCommand> {
    for (at, event) in events.iter().enumerate() {
        let egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } = event
        else {
            continue;
        };
        // The pairs come with more modifiers first: Ctrl+Shift+Z before Ctrl+Z.
        let Some(&(shortcut, command)) = UiCommand::by_shortcut().iter().find(|(s, c)| {
            s.logical_key == *key && modifiers.matches_logically(s.modifiers) && !skipped(s, *c)
        }) else {
            continue;
        };
        events.remove(at);
        if UiCommand::is_bare_key(&shortcut) && matches!(events.get(at), Some(egui::Event::Text(_)))
        {
            events.remove(at);
        }
        return Some(command);
    }
    None
}

impl BriefingApp {
    /// The frame's shortcuts, run in the order they were typed. One that hands the keyboard
    /// to a dialog or a field (Ctrl+Shift+T, Ctrl+F) ends the frame's shortcuts: the keys typed
    /// after it, in the same frame, are the dialog's text, never commands on the matrix.
    pub(super) fn keyboard(&mut self, ctx: &egui::Context) {
        let state = &self.ui;
        // Bare keys (1–6, arrows, letters, Enter) are text only while a text field has focus; a
        // focused button (reached with Tab) leaves them to the commands. An open menu keeps
        // them for itself (arrows, Enter, Escape), and so do the outline and the card for
        // their focused control, except the stance keys.
        // Escape takes the keyboard from a field before the frame starts: that Escape was
        // the field's (the matrix's find box clears), not a command's.
        let left_field = state.last_focus.is_some_and(|id| {
            ctx.memory(egui::Memory::focused) != Some(id)
                && egui::text_edit::TextEditState::load(ctx, id).is_some()
        });
        let typing = ctx.text_edit_focused() || left_field;
        let menu_open = egui::Popup::is_any_open(ctx);
        // The matrix's filter bar is a row of controls above its cells: a control focused
        // there keeps its keys (arrows change the articles count).
        let on_control = ctx.memory(egui::Memory::focused).is_some_and(|id| {
            !state.key_panel.moves_selection()
                || state.matrix_bar.is_some_and(|bar| {
                    ctx.read_response(id)
                        .is_some_and(|r| bar.contains(r.rect.center()))
                })
        });
        let skipped = |shortcut: &KeyboardShortcut, command: UiCommand| {
            UiCommand::is_bare_key(shortcut)
                && (typing
                    || menu_open
                    || on_control && (command.is_move() || command == UiCommand::AcceptSuggestion))
        };
        if ctx.input(|i| self.ui.alt_tap.feed(&i.events)) {
            self.apply(ctx, vec![Action::Run(UiCommand::MenuBar)]);
            return;
        }
        while let Some(command) = ctx.input_mut(|i| take_shortcut(&mut i.events, skipped)) {
            self.apply(ctx, vec![Action::Run(command)]);
            if command.takes_keyboard() || self.ui.dialog().is_some() {
                break;
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.apply(ctx, vec![Action::Open(dropped)]);
        }
    }

    /// A dialog that just opened takes the keyboard from whatever had it (a field of the
    /// outline, a button), before anything is drawn: its text field when it has one.
    pub(super) fn give_dialog_the_keyboard(&mut self, ctx: &egui::Context) {
        let dialog = self.ui.dialog();
        let title = dialog.map(|(title, _)| title);
        if title == self.ui.dialog_seen {
            return;
        }
        self.ui.dialog_seen = title;
        if let Some((_, has_field)) = dialog {
            ctx.memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
                if has_field {
                    m.request_focus(ui::dialog_field_id());
                }
            });
        }
    }

    pub(super) fn run(
        &mut self,
        ctx: &egui::Context,
        command: UiCommand,
        actions: &mut Vec<Action>,
    ) {
        let cell = self.ui.selected_cell().cloned();
        match command {
            UiCommand::OpenArticles => {
                self.jobs.pick(Purpose::Articles);
                self.ui.say("Choose articles in the file dialog…");
            }
            UiCommand::OpenFolder => {
                self.jobs.pick(Purpose::Folder);
                self.ui.say("Choose a folder in the file dialog…");
            }
            UiCommand::OpenSession => {
                let names = self
                    .config_dir
                    .as_deref()
                    .map(store::list)
                    .unwrap_or_default();
                self.ui.modal = Some(Modal::OpenSession { names });
            }
            UiCommand::Save => self.save(false),
            UiCommand::SaveAs => {
                self.ui.modal = Some(Modal::SaveAs {
                    name: self.session_name().unwrap_or_default(),
                });
            }
            UiCommand::OpenPath => self.ui.requests.ask(Request::FocusPathInput),
            UiCommand::ImportCodebook => self.import_codebook(),
            UiCommand::Preferences => self.open_preferences(),
            UiCommand::CompareSession
            | UiCommand::MergeSession
            | UiCommand::StopComparing
            | UiCommand::NextDisagreement
            | UiCommand::PreviousDisagreement => self.compare_command(command),
            UiCommand::ExportCodebook => self.export_codebook(),
            UiCommand::Export => {
                let format = crate::export::formats::ExportFormat::Md;
                self.ui.modal = Some(Modal::Export {
                    format,
                    path: self.default_export_path(format).display().to_string(),
                });
            }
            UiCommand::CloseArticle => match self.work.docs().get(self.ui.doc) {
                Some(doc) => actions.push(Action::Edit(Command::CloseArticle {
                    path: doc.source.path.clone(),
                })),
                None => self.ui.say("No article is open."),
            },
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo => match self.work.undo() {
                Some(label) => {
                    self.stepped();
                    self.follow_session();
                    self.ui.say(format!("Undid {label}"));
                }
                None => self.ui.say("Nothing to undo"),
            },
            UiCommand::Redo => match self.work.redo() {
                Some(label) => {
                    self.stepped();
                    self.follow_session();
                    self.ui.say(format!("Redid {label}"));
                }
                None => self.ui.say("Nothing to redo"),
            },
            UiCommand::AddActor => {
                self.ui.add_actor = Some((String::new(), crate::model::ActorKind::Country));
            }
            UiCommand::AddTopic => self.ui.add_topic = Some(String::new()),
            UiCommand::AttachSentence
            | UiCommand::SetStance(_)
            | UiCommand::AcceptSuggestion
            | UiCommand::RejectSuggestion
            | UiCommand::ClearHandStance => self.cell_command(command, cell, actions),
            UiCommand::GroupPeople => self.ui.group_people = !self.ui.group_people,
            UiCommand::FindInMatrix => {
                self.ui.key_panel = ui::KeyPanel::Matrix;
                self.ui.requests.ask(Request::FocusMatrixFind);
            }
            UiCommand::ToggleTheme
            | UiCommand::ZoomIn
            | UiCommand::ZoomOut
            | UiCommand::ZoomReset => self.view_command(ctx, command),
            UiCommand::Shortcuts => self.ui.show_shortcuts = !self.ui.show_shortcuts,
            UiCommand::MoveUp
            | UiCommand::MoveDown
            | UiCommand::MoveLeft
            | UiCommand::MoveRight => self.key_move(command),
            UiCommand::Palette => self.ui.palette = Some(String::new()),
            UiCommand::ToggleOutline => {
                let shown = self.ui.outline_shown(ctx.content_rect().width());
                self.ui.show_outline = Some(!shown);
            }
            UiCommand::NextPanel | UiCommand::PreviousPanel => {
                self.switch_panel(ctx, command == UiCommand::NextPanel);
            }
            UiCommand::MenuBar => self.menu_bar_key(ctx),
            UiCommand::ClearSelection => {
                self.ui.detail = ui::Detail::None;
                self.ui.selected_sentence = None;
            }
        }
    }

    /// F6, Ctrl+Tab (`forward`) or Shift+F6: the keyboard goes to the next or previous panel.
    pub(super) fn switch_panel(&mut self, ctx: &egui::Context, forward: bool) {
        let outline = self.ui.outline_shown(ctx.content_rect().width());
        let panel = self.ui.key_panel.next(forward, outline);
        self.ui.key_panel = panel;
        if panel.moves_selection() {
            // A field or button keeping the keyboard would take the arrow keys.
            ctx.memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
            });
        } else {
            self.ui.requests.ask(Request::FocusFirst(panel));
        }
        self.ui.say(panel.entered());
    }

    /// F10 or an Alt tap: the File menu opens for the keyboard, or an open menu closes.
    pub(super) fn menu_bar_key(&mut self, ctx: &egui::Context) {
        if egui::Popup::is_any_open(ctx) {
            egui::Popup::close_all(ctx);
        } else {
            self.ui.focus_before_menu = ctx.memory(egui::Memory::focused);
            self.ui.requests.ask(Request::OpenMenuBar);
            ctx.request_repaint();
        }
    }

    /// An arrow key: the selected cell moves in the matrix, or the selected sentence in the
    /// reader (left and right there go to the article before and after).
    pub(super) fn key_move(&mut self, command: UiCommand) {
        let (dr, dc): (isize, isize) = match command {
            UiCommand::MoveUp => (-1, 0),
            UiCommand::MoveDown => (1, 0),
            UiCommand::MoveLeft => (0, -1),
            _ => (0, 1),
        };
        let step =
            |i: usize, d: isize, len: usize| i.saturating_add_signed(d).min(len.saturating_sub(1));
        match self.ui.key_panel {
            // In the outline and the card the arrow keys move between controls; with none
            // focused, the first one takes the keyboard again.
            panel @ (ui::KeyPanel::Outline | ui::KeyPanel::Detail) => {
                self.ui.requests.ask(Request::FocusFirst(panel));
            }
            ui::KeyPanel::Matrix => {
                let selected = self.ui.selected_cell().cloned();
                let matrix = self.work.matrix();
                // Over the rows and columns shown: the filter's, in the order drawn.
                let shown = self.ui.shown(matrix, self.work.matrix_version());
                if shown.rows.is_empty() || shown.columns.is_empty() {
                    return;
                }
                // From the selected cell, or from the first one; a row or column the filter
                // hides starts again from the first shown.
                let (r, c) = selected.map_or((0, 0), |cell| {
                    let r = shown.row_position(matrix, &cell.actor);
                    let c = shown.column_position(matrix, &cell.topic);
                    (
                        r.map_or(0, |r| step(r, dr, shown.rows.len())),
                        c.map_or(0, |c| step(c, dc, shown.columns.len())),
                    )
                });
                self.ui.detail = ui::Detail::Cell(crate::model::session::Cell {
                    actor: matrix.rows[shown.rows[r].0].id.clone(),
                    topic: matrix.columns[shown.columns[c]].id.clone(),
                });
                self.ui.requests.ask(Request::RevealCell);
            }
            ui::KeyPanel::Reader => {
                let docs = self.work.docs();
                if docs.is_empty() {
                    return;
                }
                if dc != 0 {
                    self.ui.doc = step(self.ui.doc, dc, docs.len());
                    self.ui.selected_sentence = None;
                    let doc = self.ui.doc;
                    self.ui
                        .requests
                        .ask(Request::ScrollTo(doc, ui::ScrollTarget::Section(0)));
                    return;
                }
                let d = self.ui.doc.min(docs.len() - 1);
                let count = docs[d].article.sentences.len();
                let next = match self.ui.selected_sentence {
                    Some((sd, id)) if sd == d => step(id.0 as usize, dr, count),
                    _ => 0,
                };
                let id = crate::model::SentenceId(u32::try_from(next).unwrap_or(0));
                self.ui.selected_sentence = Some((d, id));
                self.ui
                    .requests
                    .ask(Request::ScrollTo(d, ui::ScrollTarget::Sentence(id)));
            }
        }
    }

    /// A command on the selected cell: it becomes an edit, or a plain word on what is missing.
    pub(super) fn cell_command(
        &mut self,
        command: UiCommand,
        cell: Option<crate::model::session::Cell>,
        actions: &mut Vec<Action>,
    ) {
        match command {
            UiCommand::AttachSentence => {
                let evidence = self.ui.selected_sentence.and_then(|(d, id)| {
                    self.work
                        .docs()
                        .get(d)
                        .map(|doc| crate::anchor::evidence_for(&doc.source.path, &doc.article, id))
                });
                match (cell, evidence) {
                    (Some(cell), Some(evidence)) => {
                        actions.push(Action::Edit(Command::AttachEvidence { cell, evidence }));
                    }
                    _ => self
                        .ui
                        .warn("Select a cell of the matrix and a sentence in the reader first."),
                }
            }
            UiCommand::SetStance(stance) => match cell {
                Some(cell) => actions.push(Action::Edit(Command::SetStance { cell, stance })),
                None => self.ui.warn("Select a cell of the matrix first."),
            },
            UiCommand::AcceptSuggestion | UiCommand::RejectSuggestion => {
                let has_suggestion = cell
                    .as_ref()
                    .and_then(|c| self.work.matrix().cell(&c.actor, &c.topic))
                    .is_some_and(|c| c.suggestion.is_some());
                match (cell, has_suggestion) {
                    (Some(cell), true) => {
                        actions.push(Action::Edit(if command == UiCommand::AcceptSuggestion {
                            Command::AcceptSuggestion { cell }
                        } else {
                            Command::RejectSuggestion { cell }
                        }));
                    }
                    (Some(_), false) => self
                        .ui
                        .warn("This cell has no suggestion to accept or reject."),
                    (None, _) => self.ui.warn("Select a cell of the matrix first."),
                }
            }
            UiCommand::ClearHandStance => {
                if let Some(cell) = cell {
                    actions.push(Action::Edit(Command::ClearStance { cell }));
                }
            }
            _ => {}
        }
    }

    /// Theme and zoom.
    pub(super) fn view_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::ToggleTheme => {
                self.ui.dark = !self.ui.dark;
                ctx.set_theme(if self.ui.dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            UiCommand::ZoomIn => ctx.set_zoom_factor(next_zoom(ctx.zoom_factor(), true)),
            UiCommand::ZoomOut => ctx.set_zoom_factor(next_zoom(ctx.zoom_factor(), false)),
            UiCommand::ZoomReset => ctx.set_zoom_factor(1.0),
            _ => {}
        }
    }

    /// Escape closes the window on top: a question that has a way out without a choice, the
    /// shortcut list, or the add-actor and add-topic fields. On the autosave question it takes
    /// the answer that loses nothing (restore: the saved file stays as it is on disk, the newer
    /// work is shown unsaved); a conflict on disk needs an answer and stays.
    pub(super) fn escape_closes_a_window(&mut self, ctx: &egui::Context) -> bool {
        // F1 opened the list of shortcuts, and closes it.
        if self.ui.modal.is_none()
            && self.ui.show_shortcuts
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F1))
        {
            self.ui.show_shortcuts = false;
            return true;
        }
        if matches!(self.ui.modal, Some(Modal::RestoreAutosave { .. }))
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.session_action(SessionAction::RestoreAutosave);
            return true;
        }
        let closable = match &self.ui.modal {
            Some(
                Modal::SaveAs { .. }
                | Modal::OpenSession { .. }
                | Modal::UnsavedOnQuit
                | Modal::ConfirmReplace { .. }
                | Modal::ConfirmDiscard { .. }
                | Modal::Export { .. }
                | Modal::ConfirmExportReplace { .. }
                | Modal::OfferBackup { .. }
                | Modal::Preferences { .. },
            ) => true,
            Some(Modal::Conflict | Modal::RestoreAutosave { .. }) => return false,
            None => {
                self.ui.show_shortcuts
                    || self.ui.add_actor.is_some()
                    || self.ui.add_topic.is_some()
                    || self.ui.palette.is_some()
            }
        };
        if !closable || !ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            return false;
        }
        if self.ui.modal.take().is_none() {
            self.ui.show_shortcuts = false;
            self.ui.add_actor = None;
            self.ui.add_topic = None;
            self.ui.palette = None;
        }
        if self.flow == Flow::QuitAfterSave {
            self.flow = Flow::Idle;
        }
        true
    }
}

/// The zoom levels Ctrl+Plus and Ctrl+Minus step through, as browsers and office suites do
/// (so that 200 % is three presses from 125 %, not a power of 1.1).
const ZOOM_LEVELS: [f32; 13] = [
    0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0,
];

/// The next zoom level above (or below) `now`; the last (or first) stays.
fn next_zoom(now: f32, up: bool) -> f32 {
    let near = 0.005;
    if up {
        ZOOM_LEVELS
            .iter()
            .copied()
            .find(|z| *z > now + near)
            .unwrap_or(ZOOM_LEVELS[12])
    } else {
        ZOOM_LEVELS
            .iter()
            .rev()
            .copied()
            .find(|z| *z < now - near)
            .unwrap_or(ZOOM_LEVELS[0])
    }
}

#[cfg(test)]
mod tests {
    use super::next_zoom;

    #[test]
    fn zoom_steps_reach_two_hundred_percent_and_stop_at_the_ends() {
        let mut z = 1.0;
        let mut seen = Vec::new();
        for _ in 0..5 {
            z = next_zoom(z, true);
            seen.push((z * 100.0).round() as i32);
        }
        assert_eq!(seen, [110, 125, 150, 175, 200]);
        assert!((next_zoom(3.0, true) - 3.0).abs() < f32::EPSILON);
        assert!((next_zoom(0.5, false) - 0.5).abs() < f32::EPSILON);
        // From a level not on the list (set by the system's scale), the nearest one beyond.
        assert!((next_zoom(1.2, true) - 1.25).abs() < f32::EPSILON);
        assert!((next_zoom(1.2, false) - 1.1).abs() < f32::EPSILON);
        assert!((next_zoom(1.0, false) - 0.9).abs() < f32::EPSILON);
    }
}
