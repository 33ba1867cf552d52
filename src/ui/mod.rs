//! The window's widgets. They read the model and push [`Action`]s; the app applies them at the
//! end of the frame. Nothing here edits a session directly.

pub mod actor_ui;
pub mod cell_ui;
pub mod commands;
pub mod matrix_ui;
pub mod menu_bar;
pub mod outline_ui;
pub mod reader_ui;
pub mod session_ui;
pub mod status_ui;
pub mod theme;

use crate::command::Command;
use crate::document::Document;
use crate::model::matrix::Matrix;
use crate::model::session::{Cell, Session};
use crate::model::{ActorId, ActorKind, SentenceId};
use commands::UiCommand;
use std::path::PathBuf;

/// What the user asked for this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Edit the session (undoable).
    Edit(Command),
    /// A menu or keyboard command.
    Run(UiCommand),
    /// Open these files.
    Open(Vec<PathBuf>),
    /// Stop opening the file of this job.
    CancelOpen(u64),
    /// Stop opening every file being opened.
    CancelAllOpens,
    /// Something about the session file (save, open, recover).
    Session(SessionAction),
    /// Show the matrix of this one open article, or (`None`) of all of them.
    FilterArticle(Option<PathBuf>),
}

/// What the session dialogs ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionAction {
    /// Save under this name in the config directory.
    SaveAsName(String),
    /// Save through the file dialog.
    SaveAsDialog,
    /// Open the named session of the config directory.
    OpenNamed(String),
    /// Open a session file (from Recent).
    OpenPath(PathBuf),
    /// Open a session file through the file dialog.
    OpenDialog,
    /// Quit without saving.
    QuitWithoutSaving,
    /// Write over a session file that changed on disk.
    Overwrite,
    /// Read the session file again, dropping what was not saved.
    Reload,
    /// Take the autosave instead of the saved session.
    RestoreAutosave,
    /// Keep the saved session: the autosave offered is removed, so it is not offered again.
    KeepSaved,
    /// Save over this existing session file (the analyst said yes).
    Replace(PathBuf),
    /// Open the newest good backup of a session that could not be read.
    OpenBackup,
    /// Look for a missing article.
    Locate(PathBuf),
    /// Read an article of the session that lies outside the analyst's folders.
    ReadHeldBack(PathBuf),
    /// Save, then close the window once the save succeeded.
    SaveAndQuit,
    /// The missing article being looked for is at this path (typed when no dialog could show).
    LocateAt(PathBuf),
    /// Stop looking for the missing article.
    StopLocating,
    /// Do this although it drops the changes not saved (the analyst said so).
    Discarding(Box<SessionAction>),
    /// Export the matrix in this format to this file (asks first if the file exists).
    Export(crate::export::formats::ExportFormat, PathBuf),
    /// Export, replacing the file (the analyst said so).
    ExportReplace(crate::export::formats::ExportFormat, PathBuf),
    /// Keep this as the analyst's name (empty: none).
    SetCoder(String),
    /// Choose where to export through the file dialog.
    ExportDialog(crate::export::formats::ExportFormat),
}

impl SessionAction {
    /// Whether doing this replaces the session shown, so that its unsaved changes would go.
    pub fn replaces_session(&self) -> bool {
        matches!(
            self,
            Self::OpenNamed(_) | Self::OpenPath(_) | Self::OpenDialog | Self::Reload
        )
    }
}

/// A question the window is asking.
#[derive(Clone, Debug)]
pub enum Modal {
    SaveAs {
        name: String,
    },
    OpenSession {
        names: Vec<String>,
    },
    UnsavedOnQuit,
    /// Save as would write over another session: ask first.
    ConfirmReplace {
        path: PathBuf,
    },
    Conflict,
    /// This would drop the changes not saved: ask first.
    ConfirmDiscard {
        then: SessionAction,
    },
    /// Where and how to export the matrix.
    Export {
        format: crate::export::formats::ExportFormat,
        path: String,
    },
    /// The export would write over an existing file: ask first.
    ConfirmExportReplace {
        format: crate::export::formats::ExportFormat,
        path: PathBuf,
    },
    RestoreAutosave {
        session: Box<crate::storage::session::Checked>,
        saved_at: String,
        /// Work that never had a name (there is no saved session to keep instead).
        untitled: bool,
    },
    OfferBackup {
        broken: PathBuf,
        backup: PathBuf,
        session: Box<crate::storage::session::Checked>,
    },
    /// The analyst's settings (Edit › Preferences…): their name, written on what they code.
    Preferences {
        name: String,
        /// Why it is asked now ("Comparing needs your name…"), if it was not asked for.
        why: Option<&'static str>,
    },
}

impl Modal {
    /// The question's title.
    pub fn title(&self) -> &'static str {
        match self {
            Self::SaveAs { .. } => "Save session as",
            Self::OpenSession { .. } => "Open session",
            Self::UnsavedOnQuit => "Unsaved changes",
            Self::ConfirmReplace { .. } => "Replace the session?",
            Self::Conflict => "The session file changed on disk",
            Self::ConfirmDiscard { .. } => "Drop the unsaved changes?",
            Self::Export { .. } => "Export the matrix",
            Self::ConfirmExportReplace { .. } => "Replace the file?",
            Self::RestoreAutosave { .. } => "Restore autosave?",
            Self::OfferBackup { .. } => "The session could not be read",
            Self::Preferences { .. } => "Preferences",
        }
    }

    /// Whether the question has a text field to type into (a name, a path).
    pub fn has_field(&self) -> bool {
        matches!(
            self,
            Self::SaveAs { .. } | Self::Export { .. } | Self::Preferences { .. }
        )
    }
}

/// The titles of the small dialogs.
const ADD_ACTOR: &str = "Add actor";
const ADD_TOPIC: &str = "Add topic";
const PALETTE: &str = "Find a command";
const SHORTCUTS: &str = "Keyboard shortcuts";

/// The text field of the open dialog: it has the keyboard from the frame the dialog opens,
/// so that nothing typed after the shortcut that opened it is lost or reaches the window.
pub fn dialog_field_id() -> egui::Id {
    egui::Id::unique("briefing dialog field")
}

/// A dialog over the window: its title, then its content. The backdrop keeps clicks and the
/// Tab key from the window behind until it closes (Escape, or its own buttons).
pub fn dialog_ui<R>(
    ctx: &egui::Context,
    title: &str,
    content: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    egui::Modal::new(egui::Id::unique(("briefing dialog", title)))
        .show(ctx, |ui| {
            // Never wider than the window, nor taller: a long list scrolls inside.
            let room = ctx.content_rect().size() - egui::vec2(48.0, 48.0);
            ui.set_max_width(room.x.min(640.0));
            ui.set_max_height(room.y);
            ui.heading(title);
            ui.add_space(4.0);
            content(ui)
        })
        .inner
}

/// Which detail the lower right panel shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    #[default]
    None,
    Cell(Cell),
    Actor(ActorId),
    Topic(crate::model::TopicId),
}

/// Where the reader should scroll to on the next frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollTarget {
    Section(usize),
    Sentence(SentenceId),
}

/// A message on the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
    /// A warning that routine news must not replace until the analyst does something.
    pub held: bool,
}

/// What one frame asks a widget drawn later to do once. The asker files it; the widget that
/// carries it out takes it, which clears it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// The reader scrolls to this place of article `.0` (also the outline, to its row).
    ScrollTo(usize, ScrollTarget),
    /// The outline's path field takes the keyboard.
    FocusPathInput,
    /// The matrix scrolls the selected cell (moved by keyboard) into view.
    RevealCell,
    /// The matrix's find box takes the keyboard (Ctrl+F).
    FocusMatrixFind,
    /// The panel just entered with F6 gives its first control the keyboard.
    FocusFirst(KeyPanel),
    /// F10 or an Alt tap asked for the menu bar: the File menu opens.
    OpenMenuBar,
    /// A menu just opened from the keyboard (F10, Left, Right): its first entry that can be
    /// used takes the focus. By place in the menu bar (0 is File).
    FocusMenu(usize),
}

/// The requests filed and not yet carried out; at most one of each kind.
#[derive(Debug, Default)]
pub struct Requests(Vec<Request>);

impl Requests {
    /// Files `request` in place of any of its kind.
    pub fn ask(&mut self, request: Request) {
        let kind = std::mem::discriminant(&request);
        self.0.retain(|r| std::mem::discriminant(r) != kind);
        self.0.push(request);
    }

    /// Takes the first request `pick` answers for, with the answer.
    pub fn take<T>(&mut self, mut pick: impl FnMut(&Request) -> Option<T>) -> Option<T> {
        let i = self.0.iter().position(|r| pick(r).is_some())?;
        pick(&self.0.remove(i))
    }

    /// Takes `request` if it was filed; whether it was.
    pub fn take_if(&mut self, request: Request) -> bool {
        self.take(|r| (*r == request).then_some(())).is_some()
    }

    /// Whether `request` is filed.
    pub fn has(&self, request: Request) -> bool {
        self.0.contains(&request)
    }

    /// Where the reader is asked to scroll, if it is.
    pub fn scroll_to(&self) -> Option<(usize, ScrollTarget)> {
        self.0.iter().find_map(|r| match r {
            Request::ScrollTo(d, target) => Some((*d, *target)),
            _ => None,
        })
    }

    /// The open articles moved: a scroll request follows its article (`None`: it closed).
    fn article_moved(&mut self, to: impl Fn(usize) -> Option<usize>) {
        self.0.retain_mut(|r| match r {
            Request::ScrollTo(d, _) => to(*d).map(|new| *d = new).is_some(),
            _ => true,
        });
    }
}

/// The cell panel's edits in progress, each with the cell it belongs to, and how many
/// evidence sentences it lists.
#[derive(Debug, Default)]
pub struct CellPanel {
    pub note: Option<(Cell, String)>,
    pub confidence: Option<(Cell, f32)>,
    pub evidence_shown: EvidencePage,
}

/// How many evidence sentences the cell panel lists, for which cell.
#[derive(Debug, Default)]
pub struct EvidencePage {
    pub cell: Option<Cell>,
    pub shown: usize,
}

/// The actor card's edits in progress.
#[derive(Debug, Default)]
pub struct ActorPanel {
    pub rename: String,
    pub alias: String,
    pub merge_target: Option<ActorId>,
    /// The actor's stance by article, kept while the actor, the open articles and the session
    /// stay the same (see [`crate::model::timeline`]).
    pub timeline: Option<TimelineCache>,
}

/// An actor's timeline and what it was computed for: the actor, the open articles' version and
/// the session's state.
#[derive(Debug)]
pub struct TimelineCache {
    pub key: (ActorId, u64, u64),
    pub entries: Vec<crate::model::timeline::TimelineEntry>,
}

/// The topic card's edits in progress.
#[derive(Debug, Default)]
pub struct TopicPanel {
    pub rename: String,
    pub merge_target: Option<crate::model::TopicId>,
}

/// The outline's rows: (article, heading section) pairs, built for one list of open articles.
#[derive(Debug, Default)]
pub struct OutlineRows {
    /// The version of the list of open articles the rows were built for; `None` until built.
    pub built_for: Option<u64>,
    pub rows: Vec<(usize, Option<usize>)>,
}

/// This session compared with other coders' (File › Compare with session…): the agreement
/// report, and the cells where the coders differ in the matrix's order, each with every
/// coder's decision (this session's first).
#[derive(Clone, Debug)]
pub struct Comparison {
    pub report: crate::model::agreement::Report,
    pub differ: Vec<(Cell, Vec<Option<crate::model::agreement::Coding>>)>,
    /// Where each cell of `differ` is in it.
    index: std::collections::BTreeMap<Cell, usize>,
}

impl Comparison {
    pub fn new(
        report: crate::model::agreement::Report,
        differ: Vec<(Cell, Vec<Option<crate::model::agreement::Coding>>)>,
    ) -> Self {
        let index = differ
            .iter()
            .enumerate()
            .map(|(i, (cell, _))| (cell.clone(), i))
            .collect();
        Self {
            report,
            differ,
            index,
        }
    }

    /// Where `cell` is among the cells where coders differ, if it is one.
    pub fn position(&self, cell: &Cell) -> Option<usize> {
        self.index.get(cell).copied()
    }

    /// Every coder's decision on `cell`, when the coders differ on it.
    pub fn codings(&self, cell: &Cell) -> Option<&[Option<crate::model::agreement::Coding>]> {
        self.position(cell).map(|i| self.differ[i].1.as_slice())
    }
}

/// Everything about the window that is not saved with the session.
#[derive(Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches of the window: theme, grouping, the F1 list, the folded filters"
)]
pub struct UiState {
    /// The article shown in the reader (index into the open documents).
    pub doc: usize,
    pub selected_sentence: Option<(usize, SentenceId)>,
    pub detail: Detail,
    /// What this frame asks a widget drawn later to do once.
    pub requests: Requests,
    pub group_people: bool,
    pub dark: bool,
    pub path_input: String,
    pub status: Option<Status>,
    /// Files that could not be opened, with the reason, until the user clears the list.
    pub failed: Vec<String>,
    /// What each detail panel is editing; a panel's buffers are its own.
    pub cell_panel: CellPanel,
    pub actor_panel: ActorPanel,
    pub topic_panel: TopicPanel,
    pub add_actor: Option<(String, ActorKind)>,
    pub add_topic: Option<String>,
    pub show_shortcuts: bool,
    pub modal: Option<Modal>,
    /// How far the matrix body is scrolled; its header and name column follow.
    pub matrix_offset: egui::Vec2,
    /// What the matrix is narrowed to (kind, articles, stances, text); never saved.
    pub matrix_filter: crate::model::filter::MatrixFilter,
    /// The rows and columns the filter leaves, kept until the matrix or the filter changes.
    pub matrix_shown: crate::model::filter::ShownCache,
    /// The outline's rows (article, heading), kept while the number of articles is the same.
    pub outline_rows: OutlineRows,
    pub reader: reader_ui::ReaderCache,
    /// Where the arrow keys act.
    pub key_panel: KeyPanel,
    /// Whether the outline shows; `None` follows the window's width (hidden when narrow).
    pub show_outline: Option<bool>,
    /// The command palette's query, while it is open.
    pub palette: Option<String>,
    /// Watches for Alt pressed and let go alone.
    pub alt_tap: commands::AltTap,
    /// Where the outline and the card were drawn this frame, to tell which panel a focused
    /// control is in.
    pub panel_areas: Vec<(KeyPanel, egui::Rect)>,
    /// The control that had the keyboard at the end of the last frame.
    pub last_focus: Option<egui::Id>,
    /// Where the matrix's filter bar was drawn: its controls keep the keys they use (arrows
    /// in the articles count, Enter and Space), as the outline's and the card's do.
    pub matrix_bar: Option<egui::Rect>,
    /// The dialog that was given the keyboard (see [`UiState::dialog`]), by title.
    pub dialog_seen: Option<&'static str>,
    /// The control that had the keyboard before F10 opened the menus: Escape gives it back.
    pub focus_before_menu: Option<egui::Id>,
    /// The menus of the menu bar, as drawn last frame (their popups' ids, File first).
    pub menu_ids: Vec<egui::Id>,
    /// How many whole matrix rows the last frame showed (however many the filter leaves).
    pub rows_in_view: usize,
    /// In a short matrix panel, the analyst unfolded the filters.
    pub filters_open: bool,
    /// Other coders' sessions compared with this one, while comparing.
    pub compare: Option<Comparison>,
    /// The width of each phrase of the matrix's filter bar, as drawn last frame.
    pub bar_widths: [f32; 6],
    /// The width of the matrix's actor names, this frame.
    pub name_w: f32,
    /// The most characters in an actor's name, and the matrix version it was counted for.
    pub longest_name: Option<(u64, usize)>,
}

/// The panel the keyboard acts in (F6 and Ctrl+Tab go forward, Shift+F6 back). In the matrix
/// and the reader the arrow keys move the selection; in the outline and the card they move
/// between controls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyPanel {
    Outline,
    Reader,
    #[default]
    Matrix,
    Detail,
}

impl KeyPanel {
    /// The panel after this one (`forward`) or before it; the outline is skipped while hidden.
    #[must_use]
    pub fn next(self, forward: bool, outline_shown: bool) -> Self {
        let order = [Self::Outline, Self::Reader, Self::Matrix, Self::Detail];
        let at = order.iter().position(|p| *p == self).unwrap_or(0);
        let mut i = at;
        loop {
            i = if forward { (i + 1) % 4 } else { (i + 3) % 4 };
            if order[i] != Self::Outline || outline_shown {
                return order[i];
            }
        }
    }

    /// What the status line says when the keyboard enters the panel.
    pub fn entered(self) -> &'static str {
        match self {
            Self::Outline => {
                "Keyboard: the outline. Tab and the arrow keys move between its controls, Enter uses one; F6 goes on."
            }
            Self::Reader => {
                "Keyboard: the reader. Up and down select sentences, left and right change article; Ctrl+E attaches the sentence; F6 goes on."
            }
            Self::Matrix => {
                "Keyboard: the matrix. Arrow keys (or h, j, k, l) select a cell, 1–6 set its stance; F6 goes on."
            }
            Self::Detail => {
                "Keyboard: the card under the matrix. Tab and the arrow keys move between its controls; F6 goes on."
            }
        }
    }

    /// Whether the arrow keys move the selection here (or, in the outline and the card, the
    /// focus between controls).
    pub fn moves_selection(self) -> bool {
        matches!(self, Self::Reader | Self::Matrix)
    }
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            doc: 0,
            selected_sentence: None,
            detail: Detail::None,
            requests: Requests::default(),
            group_people: false,
            dark: false,
            path_input: String::new(),
            status: None,
            failed: Vec::new(),
            cell_panel: CellPanel::default(),
            actor_panel: ActorPanel::default(),
            topic_panel: TopicPanel::default(),
            add_actor: None,
            add_topic: None,
            show_shortcuts: false,
            modal: None,
            matrix_offset: egui::Vec2::ZERO,
            matrix_filter: crate::model::filter::MatrixFilter::default(),
            matrix_shown: crate::model::filter::ShownCache::default(),
            outline_rows: OutlineRows::default(),
            reader: reader_ui::ReaderCache::default(),
            key_panel: KeyPanel::default(),
            show_outline: None,
            palette: None,
            alt_tap: commands::AltTap::default(),
            panel_areas: Vec::new(),
            last_focus: None,
            matrix_bar: None,
            dialog_seen: None,
            focus_before_menu: None,
            menu_ids: Vec::new(),
            rows_in_view: 0,
            filters_open: false,
            compare: None,
            bar_widths: [0.0; 6],
            name_w: 150.0,
            longest_name: None,
        }
    }
}

impl UiState {
    /// The dialog open over the window, if any: its title, and whether it has a text field
    /// that takes the keyboard when it opens ([`dialog_field_id`]). While one is open no
    /// shortcut reaches the window behind it.
    pub fn dialog(&self) -> Option<(&'static str, bool)> {
        if let Some(modal) = &self.modal {
            return Some((modal.title(), modal.has_field()));
        }
        if self.add_actor.is_some() {
            Some((ADD_ACTOR, true))
        } else if self.add_topic.is_some() {
            Some((ADD_TOPIC, true))
        } else if self.palette.is_some() {
            Some((PALETTE, true))
        } else if self.show_shortcuts {
            Some((SHORTCUTS, false))
        } else {
            None
        }
    }

    /// A document was inserted at index `pos`: selections on documents after it move along.
    pub fn document_inserted(&mut self, pos: usize) {
        if let Some((d, _)) = &mut self.selected_sentence
            && *d >= pos
        {
            *d += 1;
        }
        self.requests
            .article_moved(|d| Some(if d >= pos { d + 1 } else { d }));
        self.doc = pos;
    }

    /// The document at index `pos` was closed: selections on it go, those after it move back.
    pub fn document_removed(&mut self, pos: usize) {
        let shift = |d: &mut usize| {
            if *d > pos {
                *d -= 1;
            }
        };
        if self.selected_sentence.is_some_and(|(d, _)| d == pos) {
            self.selected_sentence = None;
        }
        if let Some((d, _)) = &mut self.selected_sentence {
            shift(d);
        }
        self.requests.article_moved(|d| match d.cmp(&pos) {
            std::cmp::Ordering::Less => Some(d),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(d - 1),
        });
        if self.doc > pos || (self.doc == pos && pos > 0) {
            self.doc -= 1;
        }
    }

    /// Shows a message on the status line.
    pub fn say(&mut self, text: impl Into<String>) {
        // A warning stays until the analyst does something: news of background work (an
        // article finished opening, say) must not hide it before it is read.
        if self.status.as_ref().is_some_and(|s| s.is_error && s.held) {
            return;
        }
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
            held: false,
        });
    }

    /// Shows an error on the status line; it stays until the analyst's next action.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: true,
            held: true,
        });
    }

    /// The analyst did something: later news may replace the warning shown.
    pub fn acted(&mut self) {
        if let Some(status) = &mut self.status {
            status.held = false;
        }
    }

    /// Whether the outline shows in a window this wide.
    pub fn outline_shown(&self, window_width: f32) -> bool {
        self.show_outline
            .unwrap_or(window_width >= OUTLINE_MIN_WINDOW)
    }

    /// The keyboard moves to `panel` (a click there): the status line says what the keys do,
    /// when that is news.
    pub fn enter_panel(&mut self, panel: KeyPanel) {
        if self.key_panel != panel {
            self.key_panel = panel;
            self.say(panel.entered());
        }
    }

    /// Gives the keyboard to `control`, the first control of `panel`, when F6 just entered it.
    pub fn claim_focus(&mut self, panel: KeyPanel, control: &egui::Response) {
        if self.requests.take_if(Request::FocusFirst(panel)) {
            control.request_focus();
            control.scroll_to_me(None);
        }
    }

    /// The rows and columns of `matrix` (at `version`) the filter leaves, computed again only
    /// when one of them or the grouping changed.
    pub fn shown(
        &mut self,
        matrix: &Matrix,
        version: u64,
    ) -> std::sync::Arc<crate::model::filter::Shown> {
        self.matrix_shown
            .get(matrix, version, &self.matrix_filter, self.group_people)
    }

    /// The selected cell, if the detail panel shows one.
    pub fn selected_cell(&self) -> Option<&Cell> {
        match &self.detail {
            Detail::Cell(c) => Some(c),
            _ => None,
        }
    }
}

/// What the widgets read.
pub struct View<'a> {
    pub docs: &'a [Document],
    /// Changes whenever an article opens or closes.
    pub docs_version: u64,
    /// Changes whenever the session does (see [`crate::command::History::state`]).
    pub session_state: u64,
    /// The one article the matrix shows, if the analyst chose one.
    pub filter: Option<&'a std::path::Path>,
    /// Where the names the analyst gave stand in each open article (by position).
    pub hand_mentions: &'a [Vec<(crate::parse::Span, crate::model::ActorId)>],
    pub session: &'a Session,
    pub matrix: &'a Matrix,
    /// Changes whenever the matrix does (see [`crate::workspace::Workspace::matrix_version`]).
    pub matrix_version: u64,
    /// The matrix is being brought up to date on another thread (many articles open): its
    /// evidence may name articles at places they no longer hold, so none is shown meanwhile.
    pub matrix_building: bool,
    pub loading: &'a crate::openings::Openings,
    pub recent: &'a [PathBuf],
    pub undo_label: Option<&'static str>,
    pub redo_label: Option<&'static str>,
    pub dialog_open: bool,
    /// The session's name (file stem), if it has been saved or opened.
    pub session_name: Option<String>,
    pub is_dirty: bool,
    /// Articles of the session whose files are gone.
    pub missing: &'a [crate::model::session::ArticleRef],
    /// Articles of the session outside the analyst's folders, not read yet.
    pub held_back: &'a [crate::model::session::ArticleRef],
    pub recent_sessions: &'a [PathBuf],
    /// The missing article whose new place the path field asks for, if any.
    pub locating: Option<&'a std::path::Path>,
}

/// A message that starts with a capital letter, for the status line.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The height the matrix keeps above the card: its heading, legend, filter bar, column names
/// and a few rows.
const MATRIX_MIN_HEIGHT: f32 = 290.0;

/// The card stands beside the matrix when it gets at least this width, and takes at most the
/// other: its evidence lines stay readable.
const CARD_MIN_WIDTH: f32 = 480.0;
const CARD_MAX_WIDTH: f32 = 720.0;

/// The least width the matrix keeps when the card stands beside it.
const MATRIX_MIN_BESIDE: f32 = 640.0;

/// The height under the matrix for the line of help that stands where a card will be.
const CARD_HINT_HEIGHT: f32 = 36.0;
/// The least height of the card under the matrix (its heading and a few lines, scrolled).
const CARD_MIN_HEIGHT: f32 = 96.0;

/// Below this width the outline is hidden unless the analyst shows it.
const OUTLINE_MIN_WINDOW: f32 = 1000.0;

/// Lays out the whole window.
pub fn window_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    actions: &mut Vec<Action>,
) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        menu_bar::menu_bar_ui(ui, view, state, actions);
    });
    egui::Panel::bottom("status").show(ui, |ui| {
        status_ui::status_ui(ui, view, state);
    });
    // The reader keeps room to read: in a narrow window the outline gives way (Ctrl+B brings it
    // back) and the matrix takes at most half of what is left.
    let total = ui.available_width();
    let mut outline = state.outline_shown(total);
    egui::Panel::left("outline")
        .resizable(true)
        .default_size(240.0)
        .max_size(480.0)
        .show_collapsible(ui, &mut outline, |ui| {
            state.panel_areas.push((KeyPanel::Outline, ui.max_rect()));
            key_frame(ui, state, KeyPanel::Outline);
            outline_ui::outline_ui(ui, view, state, actions);
        });
    let left = ui.available_width();
    // On a wide screen the reader keeps lines of about 90 characters and the matrix takes the
    // rest; otherwise the matrix panel is resizable, up to 60 % of what is left.
    let body = egui::TextStyle::Body.resolve(ui.style());
    let reader_width = ui.fonts_mut(|f| f.glyph_width(&body, 'n')) * 90.0 + 48.0;
    // Sizes the analyst drags are kept per zoom level and per layout (wide or not), so that
    // zooming out and back, or a wide screen, never leaves a squeezed split behind.
    let wide = left - reader_width > 600.0;
    let zoom = (ui.ctx().zoom_factor() * 100.0).round() as i32;
    let mut matrix = egui::Panel::right(("matrix", wide, zoom)).min_size(280.0);
    matrix = if wide {
        matrix.exact_size(left - reader_width)
    } else {
        matrix
            .resizable(true)
            .default_size((left * 0.5).clamp(280.0, 540.0))
            .max_size((left * 0.6).max(280.0))
    };
    matrix.show(ui, |ui| {
        // The panel claims the width it was given: one sized by what it holds would leave the
        // reader beside it the rest of the window, and the reader would draw over it.
        ui.set_min_width(ui.available_width());
        // Where the matrix leaves room enough beside it (a wide screen, few topics), the card
        // stands beside it, full height; otherwise under it.
        // Beside also when the matrix is wider than the room: it scrolls sideways, and the
        // rows keep the whole height (a tall screen).
        let room = ui.available_width();
        let natural = matrix_ui::natural_width(view);
        let beside = (room - natural).clamp(CARD_MIN_WIDTH, CARD_MAX_WIDTH);
        if room - beside >= natural.min(MATRIX_MIN_BESIDE) {
            egui::Panel::right(("card beside", zoom))
                .exact_size(beside)
                .show(ui, |ui| card_ui(ui, view, state, actions));
        } else if matches!(state.detail, Detail::None) {
            // No card yet: a line of help under the matrix, and the rows take the rest.
            egui::Panel::bottom(("card hint", zoom))
                .exact_size(CARD_HINT_HEIGHT)
                .show(ui, |ui| card_ui(ui, view, state, actions));
        } else {
            // The card under the matrix never takes the matrix's room: however short the
            // window or large the zoom, the matrix keeps its header and a few rows.
            let height = ui.available_height();
            let most = (height - MATRIX_MIN_HEIGHT).max(CARD_MIN_HEIGHT);
            egui::Panel::bottom(("detail", zoom))
                .resizable(true)
                .default_size((height * 0.36).min(most))
                .min_size(CARD_MIN_HEIGHT)
                .max_size(most)
                .show(ui, |ui| card_ui(ui, view, state, actions));
        }
        matrix_ui::matrix_ui(ui, view, state, actions);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        key_frame(ui, state, KeyPanel::Reader);
        reader_ui::reader_ui(ui, view, state);
    });
    dialogs_ui(ui.ctx(), state, actions);
    session_ui::modal_ui(ui.ctx(), view, state, actions);
    // A panel with nothing to focus (an empty card) leaves the request unanswered.
    state
        .requests
        .take(|r| matches!(r, Request::FocusFirst(_)).then_some(()));
    follow_focus(ui.ctx(), state);
}

/// A control of the outline or the card that takes the keyboard (by Tab, a click, or a
/// command such as Open by path) takes the keyboard panel with it, so that the frame and the
/// status line say where the keys go.
fn follow_focus(ctx: &egui::Context, state: &mut UiState) {
    let areas = std::mem::take(&mut state.panel_areas);
    let focused = ctx.memory(egui::Memory::focused);
    if focused != state.last_focus
        && let Some(control) = focused.and_then(|id| ctx.read_response(id))
        // Not a menu or window floating over a panel.
        && control.layer_id.order == egui::Order::Background
        && let Some((panel, _)) = areas
            .iter()
            .find(|(_, area)| area.contains(control.rect.center()))
    {
        state.enter_panel(*panel);
    }
    state.last_focus = focused;
}

/// The card of what is selected: a cell, an actor or a topic.
fn card_ui(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, actions: &mut Vec<Action>) {
    state.panel_areas.push((KeyPanel::Detail, ui.max_rect()));
    key_frame(ui, state, KeyPanel::Detail);
    if matches!(state.detail, Detail::None) {
        // A line of help in a low panel: nothing to scroll.
        ui.add(
            egui::Label::new(
                egui::RichText::new(
                    "Click a cell for its evidence and stance, or a name for its card.",
                )
                .weak(),
            )
            .truncate(),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("detail_scroll")
        .auto_shrink(false)
        .show(ui, |ui| match state.detail.clone() {
            Detail::Cell(cell) => cell_ui::cell_ui(ui, view, state, &cell, actions),
            Detail::Actor(actor) => actor_ui::actor_ui(ui, view, state, &actor, actions),
            Detail::Topic(topic) => actor_ui::topic_ui(ui, view, state, &topic, actions),
            Detail::None => {}
        });
}

/// The panel the keyboard acts in has a visible frame, drawn inside the panel's own area so
/// that no neighbour clips it.
pub fn key_frame(ui: &egui::Ui, state: &UiState, panel: KeyPanel) {
    if state.key_panel == panel {
        // What is left of the panel: the matrix's frame stops above the card.
        let area = ui
            .available_rect_before_wrap()
            .expand(4.0)
            .intersect(ui.clip_rect());
        ui.painter().rect_stroke(
            area,
            2.0,
            egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
}

/// The command palette (Ctrl+K): type words of a command's name; Enter runs the first found.
fn palette_ui(ctx: &egui::Context, state: &mut UiState, actions: &mut Vec<Action>) {
    if let Some(mut query) = state.palette.take() {
        let mut open = true;
        let mut run = None;
        dialog_ui(ctx, PALETTE, |ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut query)
                    .id(dialog_field_id())
                    .hint_text("type part of a command, Enter runs the first")
                    .desired_width(360.0),
            );
            focus_once(ui, &r);
            let found = UiCommand::matching(&query);
            let enter =
                (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if enter {
                run = found.first().copied();
            }
            for c in found.iter().take(12) {
                let shortcut = c
                    .shortcut()
                    .map(|s| ctx.format_shortcut(&s))
                    .unwrap_or_default();
                if ui
                    .add(egui::Button::new(c.label()).shortcut_text(shortcut))
                    .on_hover_text(c.tooltip())
                    .clicked()
                {
                    run = Some(*c);
                }
            }
            if found.is_empty() {
                ui.weak("No command has that in its name.");
            }
            open = !ui.button("Cancel").clicked();
        });
        match run {
            Some(command) => actions.push(Action::Run(command)),
            None if open => state.palette = Some(query),
            None => {}
        }
    }
}

/// The small windows: add actor, add topic, shortcuts.
fn dialogs_ui(ctx: &egui::Context, state: &mut UiState, actions: &mut Vec<Action>) {
    if let Some((mut name, mut kind)) = state.add_actor.take() {
        let (done, open) = dialog_ui(ctx, ADD_ACTOR, |ui| {
            let mut done = name_field_ui(ui, &mut name);
            // Choices in a row, not a drop-down: Tab reaches each, Space or Enter picks it,
            // and Escape can only mean the dialog.
            ui.horizontal_wrapped(|ui| {
                ui.label("Kind:");
                for k in ActorKind::ALL {
                    ui.radio_value(&mut kind, k, k.label());
                }
            });
            buttons_ui(ui, &mut done)
        });
        if done && !name.trim().is_empty() {
            actions.push(Action::Edit(Command::AddActor { name, kind }));
        } else if open && !done {
            state.add_actor = Some((name, kind));
        }
    }
    if let Some(mut name) = state.add_topic.take() {
        let (done, open) = dialog_ui(ctx, ADD_TOPIC, |ui| {
            let mut done = name_field_ui(ui, &mut name);
            buttons_ui(ui, &mut done)
        });
        if done && !name.trim().is_empty() {
            actions.push(Action::Edit(Command::AddTopic { name }));
        } else if open && !done {
            state.add_topic = Some(name);
        }
    }
    palette_ui(ctx, state, actions);
    if state.show_shortcuts {
        state.show_shortcuts = dialog_ui(ctx, SHORTCUTS, shortcuts_ui);
    }
}

/// "Add" and "Cancel" under a small dialog: (whether to add, whether it stays open).
fn buttons_ui(ui: &mut egui::Ui, done: &mut bool) -> (bool, bool) {
    ui.horizontal(|ui| {
        *done |= ui.button("Add").clicked();
        let open = !ui.button("Cancel").clicked();
        (*done, open)
    })
    .inner
}

/// The list of shortcuts (F1), scrolled inside the dialog when the window is short; whether
/// it stays open.
fn shortcuts_ui(ui: &mut egui::Ui) -> bool {
    let room = ui.ctx().content_rect().height() - 160.0;
    egui::ScrollArea::vertical()
        .max_height(room.max(120.0))
        .show(ui, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for c in UiCommand::ALL {
                    let keys: Vec<String> = c
                        .shortcuts()
                        .iter()
                        .map(|s| ui.ctx().format_shortcut(s))
                        .collect();
                    if !keys.is_empty() {
                        ui.label(keys.join(", "));
                        ui.label(c.label());
                        ui.end_row();
                    }
                }
            });
        });
    !ui.button("Close").clicked()
}

/// Gives a dialog's field the keyboard when nothing else has it (asking every frame would
/// keep taking it back, and Enter would never be seen).
pub fn focus_once(ui: &egui::Ui, field: &egui::Response) {
    if ui.ctx().memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
}

/// A menu button for a command, with its shortcut and tooltip; pushes the command when clicked.
pub fn command_button(
    ui: &mut egui::Ui,
    command: UiCommand,
    enabled: bool,
    actions: &mut Vec<Action>,
) {
    labelled_command_button(ui, command, command.label(), enabled, actions);
}

/// Like [`command_button`], with a label that says more ("Undo set stance"). Returns the
/// button, to give it the keyboard. In a menu, using it closes the menu, also when it was
/// pressed with Enter or Space.
pub fn labelled_command_button(
    ui: &mut egui::Ui,
    command: UiCommand,
    label: &str,
    enabled: bool,
    actions: &mut Vec<Action>,
) -> egui::Response {
    let mut button = egui::Button::new(label);
    if let Some(s) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    let response = ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip());
    if response.clicked() {
        actions.push(Action::Run(command));
        if egui::containers::menu::is_in_menu(ui) {
            ui.close();
        }
    }
    response
}

/// Gives a control the name a screen reader reads, where no visible label names it (a field
/// with only a hint, a slider's number box).
pub fn speak_as(ui: &egui::Ui, control: &egui::Response, name: &str) {
    ui.ctx()
        .accesskit_node_builder(control.id, |node| node.set_label(name));
}

/// A "Name:" field for a small dialog; returns whether Enter was pressed in it.
fn name_field_ui(ui: &mut egui::Ui, name: &mut String) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label("Name:");
        let r = ui
            .add(egui::TextEdit::singleline(name).id(dialog_field_id()))
            .labelled_by(label.id);
        focus_once(ui, &r);
        (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter))
    })
    .inner
}

#[cfg(test)]
mod status_tests {
    use super::{KeyPanel, Request, ScrollTarget, UiState};

    #[test]
    fn a_warning_stays_until_the_analyst_acts() {
        let mut state = UiState::default();
        state.warn("the session is open in another window");
        state.say("Opened an article");
        let shown = state.status.clone().expect("status");
        assert!(shown.is_error && shown.text.contains("another window"));
        state.acted();
        state.say("Opened an article");
        assert_eq!(state.status.expect("status").text, "Opened an article");
    }

    #[test]
    fn a_request_is_carried_out_once_and_follows_its_article() {
        let mut state = UiState::default();
        state.requests.ask(Request::FocusFirst(KeyPanel::Outline));
        state.requests.ask(Request::FocusFirst(KeyPanel::Detail));
        // One of a kind: the later panel asked wins.
        assert!(
            !state
                .requests
                .take_if(Request::FocusFirst(KeyPanel::Outline))
        );
        assert!(
            state
                .requests
                .take_if(Request::FocusFirst(KeyPanel::Detail))
        );
        assert!(
            !state
                .requests
                .take_if(Request::FocusFirst(KeyPanel::Detail))
        );
        // A scroll request moves with its article, and goes with it.
        state
            .requests
            .ask(Request::ScrollTo(2, ScrollTarget::Section(1)));
        state.requests.ask(Request::RevealCell);
        state.document_inserted(1);
        assert_eq!(
            state.requests.scroll_to(),
            Some((3, ScrollTarget::Section(1)))
        );
        state.document_removed(0);
        assert_eq!(
            state.requests.scroll_to(),
            Some((2, ScrollTarget::Section(1)))
        );
        state.document_removed(2);
        assert_eq!(state.requests.scroll_to(), None);
        assert!(state.requests.has(Request::RevealCell));
    }
}
