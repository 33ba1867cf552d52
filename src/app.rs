//! The window's application: owns the session and its undo history, the open articles, the
//! derived matrix, the UI state and the background jobs. Each frame it collects events from the
//! jobs and the keyboard, lets the widgets draw and emit actions, and applies those actions here.

use crate::command::History;
use crate::document::Document;
use crate::jobs::{JobEvent, Jobs};
use crate::model::matrix::{self, Matrix};
use crate::model::session::{ArticleRef, Session};
use crate::storage::Recent;
use crate::ui::commands::UiCommand;
use crate::ui::{self, Action, Loading, UiState, View};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// Articles to open at start.
    pub files: Vec<PathBuf>,
    /// Where recent files (and, later, sessions) live; `None` keeps nothing between runs.
    pub config_dir: Option<PathBuf>,
    /// Open the bundled sample article when no file is given.
    pub open_sample: bool,
}

/// The Briefing window.
pub struct BriefingApp {
    session: Session,
    history: History,
    docs: Vec<Document>,
    matrix: Matrix,
    ui: UiState,
    jobs: Jobs,
    loading: BTreeMap<u64, Loading>,
    recent: Recent,
    config_dir: Option<PathBuf>,
    title: String,
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl BriefingApp {
    /// Creates the app; files given are opened in the background.
    pub fn new(ctx: &egui::Context, options: AppOptions) -> Self {
        let waker_ctx = ctx.clone();
        let jobs = Jobs::new(std::sync::Arc::new(move || waker_ctx.request_repaint()));
        // The app handles Ctrl+plus/minus itself, so that the menu shows them.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let mut ui_state = UiState::default();
        let recent = match options.config_dir.as_deref().map(Recent::load) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                ui_state.warn(format!("The list of recent files could not be read: {e}"));
                Recent::default()
            }
            None => Recent::default(),
        };
        let mut app = Self {
            session: Session::default(),
            history: History::default(),
            docs: Vec::new(),
            matrix: Matrix::default(),
            ui: ui_state,
            jobs,
            loading: BTreeMap::new(),
            recent,
            config_dir: options.config_dir,
            title: String::new(),
        };
        ctx.set_theme(egui::Theme::Light);
        if options.files.is_empty() && options.open_sample {
            let doc = Document::sample(crate::analysis::Analyzer::bundled());
            app.add_document(doc, false);
            app.ui.say("Showing the sample article. Open your own with File › Open articles… (Ctrl+O), a typed path, or by dropping files.");
        }
        for path in options.files {
            app.open(path);
        }
        app
    }

    /// The saved part of the state.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The open articles.
    pub fn documents(&self) -> &[Document] {
        &self.docs
    }

    /// The matrix as shown.
    pub fn matrix(&self) -> &Matrix {
        &self.matrix
    }

    /// The window's state (selection, messages).
    pub fn ui_state(&self) -> &UiState {
        &self.ui
    }

    /// The window's state, for tests that set up a selection.
    pub fn ui_state_mut(&mut self) -> &mut UiState {
        &mut self.ui
    }

    /// Whether background work is still running.
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy()
    }

    /// Starts opening an article in the background.
    pub fn open(&mut self, path: PathBuf) {
        if let Some(d) = self.docs.iter().position(|d| d.source.path == path) {
            self.ui.doc = d;
            self.ui.say(format!("{} is already open", path.display()));
            return;
        }
        let job = self.jobs.open(path.clone());
        self.loading.insert(
            job,
            Loading {
                path,
                stage: "opening",
                fraction: 0.0,
            },
        );
    }

    fn add_document(&mut self, doc: Document, remember: bool) {
        let article = ArticleRef {
            path: doc.source.path.clone(),
            hash: doc.source.hash.clone(),
            title: doc.article.title.clone(),
            date: doc.article.date.clone(),
            format: doc.source.format,
            encoding: doc.source.encoding.clone(),
        };
        // Recording an article cannot fail.
        let _ = self.history.apply(
            &mut self.session,
            crate::command::Command::AddArticle(article),
            now_secs(),
        );
        if remember {
            self.recent.push(&doc.source.path);
            self.save_recent();
        }
        self.docs.push(doc);
        self.ui.doc = self.docs.len() - 1;
        self.rebuild();
    }

    fn save_recent(&self) {
        let Some(dir) = self.config_dir.clone() else {
            return;
        };
        let recent = self.recent.clone();
        self.jobs.write("save-recent", move || {
            recent.save(&dir).map_err(|e| e.to_string())
        });
    }

    fn rebuild(&mut self) {
        let briefings: Vec<&crate::model::Briefing> =
            self.docs.iter().map(|d| &d.briefing).collect();
        self.matrix = matrix::build(&briefings, &self.session);
    }

    fn handle_job_events(&mut self) {
        for event in self.jobs.poll() {
            match event {
                JobEvent::Progress {
                    job,
                    path,
                    stage,
                    fraction,
                } => {
                    self.loading.insert(
                        job,
                        Loading {
                            path,
                            stage,
                            fraction,
                        },
                    );
                }
                JobEvent::Opened { job, result } => {
                    self.loading.remove(&job);
                    match result {
                        Ok(doc) => {
                            let name = doc.source.path.display().to_string();
                            let sentences = doc.article.sentences.len();
                            let encoding = doc.source.encoding.clone();
                            self.add_document(*doc, true);
                            self.ui
                                .say(format!("Opened {name} ({sentences} sentences, {encoding})"));
                        }
                        // The message names the file and the reason; what was open stays open.
                        Err(message) => self.ui.warn(message),
                    }
                }
                JobEvent::Picked { paths, not_shown } => {
                    if not_shown {
                        self.ui.warn("The file dialog could not be shown: this desktop has neither a file-chooser portal nor zenity. Type a path in the field on the left, drop files onto the window, use File › Recent, or give files on the command line.");
                    } else if paths.is_empty() {
                        self.ui.say("No file chosen.");
                    }
                    for p in paths {
                        self.open(p);
                    }
                }
                JobEvent::WriteFailed(message) => self.ui.warn(message),
            }
        }
    }

    fn keyboard(ctx: &egui::Context, actions: &mut Vec<Action>) {
        let typing = ctx.egui_wants_keyboard_input();
        for command in UiCommand::ALL {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if typing && command.is_bare_key() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                actions.push(Action::Run(command));
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
            actions.push(Action::Open(dropped));
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: UiCommand, actions: &mut Vec<Action>) {
        use crate::command::Command;
        let cell = self.ui.selected_cell().cloned();
        match command {
            UiCommand::OpenArticles => {
                self.jobs.pick_files();
                self.ui.say("Choose articles in the file dialog…");
            }
            UiCommand::OpenPath => self.ui.focus_path_input = true,
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo => match self.history.undo(&mut self.session) {
                Some(label) => {
                    self.ui.say(format!("Undid {label}"));
                    self.rebuild();
                }
                None => self.ui.say("Nothing to undo"),
            },
            UiCommand::Redo | UiCommand::RedoAlt => match self.history.redo(&mut self.session) {
                Some(label) => {
                    self.ui.say(format!("Redid {label}"));
                    self.rebuild();
                }
                None => self.ui.say("Nothing to redo"),
            },
            UiCommand::AddActor => {
                self.ui.add_actor = Some((String::new(), crate::model::ActorKind::Country));
            }
            UiCommand::AddTopic => self.ui.add_topic = Some(String::new()),
            UiCommand::AttachSentence => {
                let view = self.view();
                let evidence = ui::cell_ui::selected_evidence(&view, &self.ui);
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
                    .and_then(|c| self.matrix.cell(&c.actor, &c.topic))
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
            UiCommand::GroupPeople => self.ui.group_people = !self.ui.group_people,
            UiCommand::ToggleTheme => {
                self.ui.dark = !self.ui.dark;
                ctx.set_theme(if self.ui.dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            UiCommand::ZoomIn | UiCommand::ZoomInAlt => {
                ctx.set_zoom_factor((ctx.zoom_factor() * 1.1).min(3.0));
            }
            UiCommand::ZoomOut => ctx.set_zoom_factor((ctx.zoom_factor() / 1.1).max(0.5)),
            UiCommand::ZoomReset => ctx.set_zoom_factor(1.0),
            UiCommand::Shortcuts => self.ui.show_shortcuts = true,
        }
    }

    fn view(&self) -> View<'_> {
        View {
            docs: &self.docs,
            session: &self.session,
            matrix: &self.matrix,
            loading: &[],
            recent: &self.recent.files,
            undo_label: self.history.undo_label(),
            redo_label: self.history.redo_label(),
            dialog_open: self.jobs.is_dialog_open(),
        }
    }

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_job_events();
        let mut actions = Vec::new();
        Self::keyboard(&ctx, &mut actions);
        let loading: Vec<Loading> = self.loading.values().cloned().collect();
        let view = View {
            docs: &self.docs,
            session: &self.session,
            matrix: &self.matrix,
            loading: &loading,
            recent: &self.recent.files,
            undo_label: self.history.undo_label(),
            redo_label: self.history.redo_label(),
            dialog_open: self.jobs.is_dialog_open(),
        };
        ui::window_ui(ui, &view, &mut self.ui, &mut actions);
        self.apply(&ctx, actions);
        self.update_title(&ctx);
        if self.jobs.is_dialog_open() || !self.loading.is_empty() {
            // Keep the window alive (progress, and a dialog that may take a while).
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Applies the actions of a frame, in order; commands may queue further actions.
    fn apply(&mut self, ctx: &egui::Context, mut actions: Vec<Action>) {
        let mut i = 0;
        while i < actions.len() {
            let action = actions[i].clone();
            i += 1;
            match action {
                Action::Edit(command) => {
                    let label = command.label();
                    match self.history.apply(&mut self.session, command, now_secs()) {
                        Ok(()) => {
                            self.rebuild();
                            self.ui.say(format!("Done: {label} (Ctrl+Z undoes it)"));
                        }
                        Err(e) => self.ui.warn(format!("Could not {label}: {e}")),
                    }
                }
                Action::Run(command) => {
                    let mut more = Vec::new();
                    self.run(ctx, command, &mut more);
                    actions.extend(more);
                }
                Action::Open(paths) => {
                    for p in paths {
                        self.open(p);
                    }
                }
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match self.docs.as_slice() {
            [] => "Briefing".to_owned(),
            [one] => format!("Briefing — {}", doc_name(one)),
            [first, rest @ ..] => format!("Briefing — {} and {} more", doc_name(first), rest.len()),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

fn doc_name(doc: &Document) -> String {
    doc.article
        .title
        .clone()
        .unwrap_or_else(|| file_name(&doc.source.path))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl eframe::App for BriefingApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        // The gaps between panels show this colour: make it the panels' own.
        visuals.panel_fill.to_normalized_gamma_f32()
    }
}
