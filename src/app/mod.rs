//! The window's application: owns the session and its undo history, the open articles, the
//! derived matrix, the UI state and the background jobs. Each frame it collects events from the
//! jobs and the keyboard, lets the widgets draw and emit actions, and applies those actions here.

mod codebook;
mod compare;
mod keys;
mod sessions;
mod view_settings;

use crate::analysis::Analyzer;
use crate::base::same_path;
use crate::command::{Command, CommandError};
use crate::document::{Document, SAMPLE_PATH};
use crate::jobs::{JobError, JobEvent, Jobs, Purpose};
use crate::model::matrix::Matrix;
use crate::model::session::{ArticleRef, Session};
use crate::openings::{Opening, Openings, Why};
use crate::session_file::SessionFile;
use crate::storage::Recent;
use crate::storage::session as store;
use crate::ui::{self, Action, Modal, SessionAction, UiState, View};
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The least time between two batches of arriving articles (see `BriefingApp::add_arrived`).
const BATCH_EVERY: Duration = Duration::from_millis(250);

/// How often unsaved work is written to the autosave file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// Articles to open at start.
    pub files: Vec<PathBuf>,
    /// Where recent files and sessions live; `None` keeps nothing between runs.
    pub config_dir: Option<PathBuf>,
    /// Open the bundled sample article when no file and no session is given.
    pub open_sample: bool,
    /// A session to open at start: a name in the config directory or a path.
    pub session: Option<String>,
    /// A folder whose lexicon files extend the bundled lexicon (`--lexicon DIR`).
    pub lexicon: Option<PathBuf>,
    /// How old unsaved work may be before it is in the autosave; `None`: [`AUTOSAVE_EVERY`].
    pub autosave_every: Option<Duration>,
    /// Other coders' sessions to compare with once the window's own work is open
    /// (`--compare FILE`).
    pub compare: Vec<PathBuf>,
}

/// What the window is in the middle of, beyond single actions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Flow {
    #[default]
    Idle,
    /// No file dialog could show: the path field asks for the new place of this missing article.
    Locating(PathBuf),
    /// "Save and quit": the window closes once the save succeeds; it is dropped when the save
    /// fails or the analyst cancels the name question.
    QuitAfterSave,
    /// The window may close now.
    Closing,
}

/// The Briefing window.
pub struct BriefingApp {
    work: Workspace,
    /// The session's file, its locks and its autosave.
    disk: SessionFile,
    flow: Flow,
    ui: UiState,
    jobs: Jobs,
    /// The articles being opened, one entry per job.
    openings: Openings,
    /// Articles read since the last batch was added, waiting for the next (see `add_arrived`).
    arrived: Vec<(Box<Document>, Opening)>,
    /// Articles the analyst asked for that arrived since the window last had none to open:
    /// the status line counts them all, not the last batch alone.
    opened_together: usize,
    last_batch: Instant,
    batch_every: Duration,
    recent: Recent,
    config_dir: Option<PathBuf>,
    title: String,
    autosaver: crate::autosave::Autosaver,
    /// The analyser the open articles should be read with (the session's codebook).
    reading: codebook::Reading,
    /// Other coders' sessions compared with this one.
    compared: compare::Compared,
    /// What the window keeps between runs (the analyst's name, the theme, zoom and size).
    settings: crate::storage::settings::Settings,
    /// When the settings were last written.
    kept: view_settings::Kept,
}

/// The desktop's id for Briefing: the window's app id (X11 `WM_CLASS`, Wayland `app_id`), the
/// name of its .desktop file and its `AppStream` component id.
pub const APP_ID: &str = "io.briefing.Briefing";

/// The window's icon, drawn for Briefing (`assets/icon/briefing.svg`, 256 px PNG).
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/briefing-256.png")).ok()
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl BriefingApp {
    /// Creates the app; files and sessions given are opened in the background.
    pub fn new(ctx: &egui::Context, options: AppOptions) -> Self {
        let waker_ctx = ctx.clone();
        let mut ui_state = UiState::default();
        // A user lexicon is compiled once and lives as long as the program, like the bundled
        // one; one that cannot be read is reported and the bundled lexicon is used.
        // The bundled lexicon is compiled by the first job that needs it, off the way to the
        // first frame.
        let analyzer: Option<std::sync::Arc<Analyzer>> = match options.lexicon.as_deref() {
            Some(dir) => match Analyzer::with_lexicon_dir(dir) {
                Ok(a) => Some(std::sync::Arc::new(a)),
                Err(e) => {
                    ui_state.warn(format!(
                        "The lexicon in {} could not be read ({e}); using the bundled one.",
                        dir.display()
                    ));
                    None
                }
            },
            None => None,
        };
        let reading = codebook::Reading::new(options.lexicon.clone(), analyzer.clone());
        let jobs = Jobs::new(
            std::sync::Arc::new(move || waker_ctx.request_repaint()),
            analyzer,
        );
        let autosaver = crate::autosave::Autosaver::start(
            options.autosave_every.unwrap_or(AUTOSAVE_EVERY),
            jobs.reporter(),
        );
        // The app handles Ctrl+plus/minus itself, so that the menu shows them.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let recent = match options.config_dir.as_deref().map(Recent::load) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                ui_state.warn(format!("The list of recent files could not be read: {e}"));
                Recent::default()
            }
            None => Recent::default(),
        };
        let settings = match options
            .config_dir
            .as_deref()
            .map(crate::storage::settings::Settings::load)
        {
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                ui_state.warn(format!(
                    "Your settings could not be read ({e}); the defaults are used."
                ));
                crate::storage::settings::Settings::default()
            }
            None => crate::storage::settings::Settings::default(),
        };
        let mut app = Self {
            work: Workspace::default(),
            disk: SessionFile::default(),
            flow: Flow::Idle,
            ui: ui_state,
            jobs,
            openings: Openings::default(),
            arrived: Vec::new(),
            opened_together: 0,
            last_batch: Instant::now(),
            batch_every: BATCH_EVERY,
            recent,
            config_dir: options.config_dir,
            title: String::new(),
            autosaver,
            reading,
            compared: compare::Compared::default(),
            settings,
            kept: view_settings::Kept::default(),
        };
        // What killed saves of an earlier run left behind goes (another copy's save under way
        // is younger than the age kept).
        let sessions = app.config_dir.as_deref().map(store::sessions_dir);
        if let Some(sessions) = sessions.clone() {
            app.jobs.write("remove-leftovers", move || {
                crate::storage::remove_leftovers(&sessions, store::LEFTOVER_AGE);
                Ok(())
            });
        }
        ctx.set_theme(egui::Theme::Light);
        // Work left in an untitled autosave is offered back only when no session was asked for.
        if let Some(sessions) = sessions {
            app.jobs.claim_untitled(sessions, options.session.is_none());
        }
        if let Some(session) = options.session {
            app.open_session_by_name_or_path(&session);
        } else if options.files.is_empty() && options.open_sample {
            app.add_sample();
            app.ui.say("Showing the sample article. Open your own with File › Open articles… (Ctrl+O), a typed path, or by dropping files.");
        }
        for path in options.files {
            app.open(path);
        }
        app.compared.pending = options.compare;
        app.work.set_editor(app.settings.coder.clone());
        app.apply_view_settings(ctx);
        app
    }

    /// The saved part of the state.
    pub fn session(&self) -> &Session {
        self.work.session()
    }

    /// The one article the matrix shows, if the analyst chose one (*Matrix of*).
    pub fn matrix_article(&self) -> Option<&Path> {
        self.work.filter()
    }

    /// The open articles.
    pub fn documents(&self) -> &[Document] {
        self.work.docs()
    }

    /// The matrix as shown.
    pub fn matrix(&self) -> &Matrix {
        self.work.matrix()
    }

    /// Where the names the analyst gave stand in each open article.
    pub fn hand_mentions(&self) -> &[Vec<(crate::parse::Span, crate::model::ActorId)>] {
        self.work.hand_mentions()
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
        self.jobs.is_busy() || self.work.is_building()
    }

    /// Builds edits' matrices on another thread from `articles` open articles on (see
    /// [`Workspace::set_background_from`]; tests show the way with a few).
    pub fn build_in_background_from(&mut self, articles: usize) {
        self.work.set_background_from(articles);
    }

    /// How many files are being opened (each shows a progress bar with a Cancel button).
    pub fn opening(&self) -> usize {
        self.openings.len()
    }

    /// Whether the session has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.disk.is_dirty()
    }

    /// A handle that makes the autosave thread write at once (for a process ending on a
    /// signal).
    pub fn autosave_flusher(&self) -> crate::autosave::Flusher {
        self.autosaver.flusher()
    }

    /// What the window is in the middle of.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// The file the session saves to.
    pub fn session_file(&self) -> Option<&Path> {
        self.disk.file()
    }

    /// Articles of the session whose files are gone.
    pub fn missing(&self) -> &[ArticleRef] {
        &self.work.missing
    }

    /// The window title for the current state.
    pub fn title(&self) -> String {
        let name = self
            .session_name()
            .unwrap_or_else(|| "Untitled session".to_owned());
        let marker = if self.is_dirty() { "*" } else { "" };
        format!("{marker}{name} — Briefing")
    }

    fn session_name(&self) -> Option<String> {
        self.disk.name()
    }

    /// Starts opening an article in the background; a folder opens every article in it and
    /// in the folders below (listed in the background too).
    pub fn open(&mut self, path: PathBuf) {
        if path.is_dir() {
            self.ui
                .say(format!("Looking for articles in {}…", path.display()));
            self.jobs.list_folder(path);
            return;
        }
        self.open_file(path);
    }

    /// Starts opening an article file in the background, unless it is open already.
    fn open_file(&mut self, path: PathBuf) {
        if let Some(d) = self
            .work
            .docs()
            .iter()
            .position(|d| same_path(&d.source.path, &path))
        {
            self.ui.doc = d;
            self.ui.say(format!("{} is already open", path.display()));
            return;
        }
        let order = self.openings.next_order();
        self.start_opening(path, order, Why::Asked);
    }

    /// Starts the job that opens `path`, listed in request order `order` with a progress bar.
    fn start_opening(&mut self, path: PathBuf, order: u64, why: Why) {
        let job = self.jobs.open(path.clone());
        self.openings.start(job, path, order, why);
    }

    /// Opens the bundled sample in the background; it is shown, not counted as a change.
    fn add_sample(&mut self) {
        let order = self.openings.next_order();
        self.start_opening(PathBuf::from(SAMPLE_PATH), order, Why::Quiet);
    }

    /// The one way an edit reaches the session: applied (and recorded for undo when it is the
    /// analyst's), the matrix rebuilt, the session marked unsaved.
    fn edit(&mut self, command: Command) -> Result<(), CommandError> {
        self.work.edit(command, now_secs())?;
        self.disk.save.edited(self.work.state());
        Ok(())
    }

    /// Adds opened articles (each with whether the analyst asked for it, and its place in
    /// request order): the session records them, in one undoable step for those new to it, and
    /// each joins the open articles. The session's articles are looked up once for the batch.
    fn add_documents(&mut self, docs: Vec<(Document, bool, u64)>) {
        let own = docs
            .iter()
            .any(|(d, remember, _)| *remember && d.source.path != Path::new(SAMPLE_PATH));
        if own {
            self.sample_gives_way();
        }
        // The hash the session recorded for each of these articles it already holds.
        let session = self.work.session();
        let recorded: HashMap<PathBuf, String> = session
            .positions_of(docs.iter().map(|(d, _, _)| d.source.path.as_path()))
            .into_iter()
            .map(|i| {
                (
                    session.articles[i].path.clone(),
                    session.articles[i].hash.clone(),
                )
            })
            .collect();
        let (mut opened, mut read) = (Vec::new(), Vec::new());
        for (doc, remember, _) in &docs {
            let path = &doc.source.path;
            // A changed article: move the evidence to where its sentences are now.
            if let Some(hash) = recorded.get(path).filter(|h| **h != doc.source.hash) {
                self.reanchor(doc, hash);
            }
            let article = ArticleRef {
                path: path.clone(),
                hash: doc.source.hash.clone(),
                title: doc.article.title.clone(),
                date: doc.article.date.clone(),
                format: doc.source.format,
                encoding: doc.source.encoding.clone(),
            };
            // Recording an article cannot fail. It is a change to save only when the analyst
            // opened an article the session did not hold (not the sample shown at start, not an
            // article the session reopens).
            if *remember && !recorded.contains_key(path) {
                opened.push(article);
            } else {
                read.push(article);
            }
            // Written once a batch, by the caller.
            if *remember {
                self.recent.push(path);
            }
            let typed = self.ui.path_input.trim().trim_matches(['"', '\'']).trim();
            if !typed.is_empty() && Path::new(typed) == path {
                self.ui.path_input.clear();
            }
        }
        if !read.is_empty() {
            let _ = self.work.edit(Command::AddArticles(read), now_secs());
        }
        if !opened.is_empty() {
            let _ = self.edit(Command::OpenArticles(opened));
        }
        for (doc, _, order) in docs {
            let pos = self.work.insert_doc(doc, order);
            self.ui.document_inserted(pos);
        }
    }

    /// The analyst's own article opened: the sample shown at start closes, so that it never
    /// fills their matrix, session or exports. Work done on it keeps it open (the analyst
    /// closes it when done with it).
    fn sample_gives_way(&mut self) {
        let sample = Path::new(SAMPLE_PATH);
        if !self.work.docs().iter().any(|d| d.source.path == sample) {
            return;
        }
        if store::holds_work(self.work.session()) {
            self.ui.say("The sample article stays open: your session holds work on it. Close it with File › Close article (Ctrl+W) when done.");
            return;
        }
        // Cannot fail; not a change to save.
        let _ = self.work.edit(Command::DropSample, now_secs());
        self.follow_session();
    }

    /// `doc` differs from the article the session recorded with `hash`: the evidence moves to
    /// where its sentences are now.
    fn reanchor(&mut self, doc: &Document, hash: &str) {
        let path = &doc.source.path;
        let moves = crate::anchor::moves(self.work.session(), path, &doc.article);
        let found_again = moves.len();
        let reanchor = Command::Reanchor {
            article: path.clone(),
            hash: doc.source.hash.clone(),
            moves,
        };
        if hash.is_empty() && found_again == 0 {
            // The session did not know the article's hash (written by a script or by hand):
            // learning it moves nothing and is not a change to save.
            let _ = self.work.edit(reanchor, now_secs());
        } else {
            let _ = self.edit(reanchor);
            self.ui.say(format!(
                "{} changed since the session was saved (hash {} then, {} now); {found_again} evidence sentences were found again by their text.",
                path.display(),
                if hash.is_empty() { "unknown" } else { hash },
                doc.source.hash
            ));
        }
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

    fn handle_job_events(&mut self) {
        for event in self.jobs.poll() {
            // Articles that arrive together (a folder, a session's articles) build the matrix
            // once, after the last of them; anything else sees it up to date.
            if matches!(event, JobEvent::Opened { .. } | JobEvent::Progress { .. }) {
                self.work.hold();
            } else {
                self.work.settle();
            }
            match event {
                // Only a file still being opened moves on: progress that arrives after a cancel
                // (or after the session was replaced) must not bring its job back.
                JobEvent::Progress {
                    job,
                    stage,
                    fraction,
                } => self.openings.progress(job, stage, fraction),
                JobEvent::Opened { job, result } => self.on_opened(job, result),
                JobEvent::Picked {
                    purpose,
                    paths,
                    not_shown,
                } => self.on_picked(purpose, paths, not_shown),
                JobEvent::WriteFailed(message) => self.ui.warn(message),
                JobEvent::FolderListed { folder, found } => self.on_folder_listed(&folder, found),
                JobEvent::Exported { path, result } => match result {
                    Ok(()) => self
                        .ui
                        .say(format!("Exported the matrix to {}", path.display())),
                    Err(e) => self.ui.warn(format!(
                        "The export could not be written to {}: {e}",
                        path.display()
                    )),
                },
                JobEvent::CodebookRead { path, result } => self.on_codebook_read(&path, result),
                JobEvent::CompareLoaded {
                    path,
                    merge: false,
                    result,
                } => self.on_compare_loaded(&path, result),
                JobEvent::CompareLoaded {
                    path,
                    merge: true,
                    result,
                } => self.on_merge_loaded(&path, result),
                JobEvent::CodebookWritten { path, result } => {
                    self.on_codebook_written(&path, result);
                }
                JobEvent::AnalyzerBuilt { codebook, result } => {
                    self.on_analyzer_built(codebook, result);
                }
                JobEvent::ReadAgain(results) => self.on_read_again(results),
                JobEvent::MatrixBuilt(Ok(built)) => {
                    self.work.install(*built);
                }
                JobEvent::MatrixBuilt(Err(message)) => {
                    self.work.build_failed();
                    self.ui.warn(message);
                }
                JobEvent::Saved { path, result, lock } => self.on_saved(&path, result, lock),
                JobEvent::SessionLoaded { path, result } => self.on_session_loaded(path, *result),
                JobEvent::Untitled { path, lock, left } => {
                    self.disk.untitled_claimed(path, lock);
                    if let Some((session, saved_at)) = left {
                        self.ui.modal = Some(Modal::RestoreAutosave {
                            session,
                            saved_at,
                            untitled: true,
                        });
                    }
                }
            }
        }
        self.work.settle();
        self.add_arrived();
        self.follow_codebook();
    }

    /// An article's job ended: what it opened joins the window as its opening asked, or the
    /// reason it could not be read is said.
    fn on_opened(&mut self, job: u64, result: Result<Box<Document>, JobError>) {
        // Not listed: opened for a session that has since been replaced.
        let Some(opening) = self.openings.end(job) else {
            return;
        };
        match (opening.why, result) {
            (Why::Restoring, result) => self.on_reopened(&opening.path, result, opening.order),
            // Joins the others that arrived since the last batch (see `add_arrived`).
            (Why::Quiet | Why::Asked, Ok(doc)) => self.arrived.push((doc, opening)),
            // The message names the file and the reason; what was open stays open.
            (Why::Quiet | Why::Asked, Err(e)) => {
                let message = e.to_string();
                // Kept in the outline too: a later message must not hide it.
                self.ui.failed.push(message.clone());
                self.ui.warn(message);
            }
        }
    }

    /// Adds the articles that arrived since the last batch, once the last article being opened
    /// arrived or a while has passed: the matrix is built once a batch, not once an article,
    /// and the while grows with what a build costs, so that a folder of thousands keeps the
    /// window answering.
    fn add_arrived(&mut self) {
        if self.arrived.is_empty()
            || !self.openings.is_empty() && self.last_batch.elapsed() < self.batch_every
        {
            return;
        }
        let started = Instant::now();
        self.work.hold();
        let asked = self.arrived.iter().any(|(_, o)| o.why == Why::Asked);
        let mut docs = Vec::new();
        let mut news = Vec::new();
        for (doc, opening) in std::mem::take(&mut self.arrived) {
            if opening.why == Why::Asked {
                let name = doc.source.path.display().to_string();
                let sentences = doc.article.sentences.len();
                let s = if sentences == 1 { "" } else { "s" };
                // What the reader had to leave out (markup nested too deep) is said.
                let note = doc.article.notes.iter().fold(String::new(), |mut s, n| {
                    let _ = write!(s, " {n}");
                    s
                });
                news.push(format!(
                    "Opened {name} ({sentences} sentence{s}, {}).{note}",
                    doc.source.encoding
                ));
            }
            docs.push((*doc, opening.why == Why::Asked, opening.order));
        }
        self.add_documents(docs);
        // One line for the batch: a folder's thousand articles arrive in a few batches, and
        // the line counts every article of the opening so far.
        self.opened_together += news.len();
        let together = self.opened_together;
        if self.openings.is_empty() {
            self.opened_together = 0;
        }
        match (news.len(), together) {
            (0, _) => {}
            (1, 1) => self.ui.say(news.remove(0)),
            (_, n) => self.ui.say(format!(
                "Opened {n} articles. The last: {}",
                news.pop().unwrap_or_default().trim_start_matches("Opened ")
            )),
        }
        self.work.settle();
        if asked {
            self.save_recent();
        }
        self.batch_every = (started.elapsed() * 4).max(BATCH_EVERY);
        self.last_batch = Instant::now();
    }

    /// A folder's articles were found: each opens, and the analyst hears how many, and what was
    /// left out.
    fn on_folder_listed(&mut self, folder: &Path, found: crate::load::folder::FolderArticles) {
        let count = found.files.len();
        // Files, as listed: no need to ask the disk again for each whether it is a folder.
        for file in found.files {
            self.open_file(file);
        }
        let mut left_out = String::new();
        if found.skipped > 0 {
            let _ = write!(
                left_out,
                " {} other file(s) were skipped (not .txt, .md or .html).",
                found.skipped
            );
        }
        if let Some(first) = found.unreadable.first() {
            let _ = write!(
                left_out,
                " {} folder(s) could not be read ({first}).",
                found.unreadable.len()
            );
        }
        if count == 0 {
            self.ui.warn(format!(
                "{} holds no article file (.txt, .md, .html).{left_out}",
                folder.display()
            ));
        } else {
            self.ui.say(format!(
                "Opening {count} article(s) from {}.{left_out}",
                folder.display()
            ));
        }
    }

    /// The file dialog closed: what was chosen goes where it was asked for.
    fn on_picked(&mut self, purpose: Purpose, paths: Vec<PathBuf>, not_shown: bool) {
        if not_shown {
            if let Purpose::Locate(from) = purpose {
                self.ui.warn(format!("The file dialog could not be shown (no file-chooser portal, no zenity). Type the new path of {} in the field on the left and press Locate.", from.display()));
                self.flow = Flow::Locating(from);
                self.ui.requests.ask(ui::Request::FocusPathInput);
            } else {
                self.ui.warn("The file dialog could not be shown: this desktop has neither a file-chooser portal nor zenity. Type a path in the field on the left, drop files onto the window, use File › Recent, or give files on the command line.");
            }
            return;
        }
        if purpose == Purpose::Articles && !paths.is_empty() {
            // Several articles may be chosen at once.
            for path in paths {
                self.open(path);
            }
            return;
        }
        match (purpose, paths.into_iter().next()) {
            (_, None) => self.ui.say("No file chosen."),
            (Purpose::Articles, Some(first)) => self.open(first),
            (Purpose::Folder, Some(folder)) => self.open(folder),
            (Purpose::OpenSession, Some(p)) => self.jobs.load_session(p),
            (Purpose::SaveSession, Some(p)) => self.save_as(p, false),
            (Purpose::Locate(from), Some(to)) => self.locate(&from, to),
            (Purpose::Export(format, _), Some(path)) => {
                self.session_action(SessionAction::Export(format, path));
            }
            (Purpose::CompareSession, Some(path)) => self.compare_with(path),
            (Purpose::MergeSession, Some(path)) => self.merge_with(path),
            (purpose @ (Purpose::ImportCodebook | Purpose::ExportCodebook), Some(path)) => {
                self.codebook_picked(&purpose, path);
            }
        }
    }

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_job_events();
        self.keep_view_settings(&ctx);
        self.start_pending_comparisons();
        self.refresh_comparison();
        self.close_guard(&ctx);
        if self.escape_closes_a_window(&ctx) {
            // Escape went to the window it closed.
        } else if self.ui.dialog().is_none() {
            // Run before the window is drawn: a dialog a shortcut opens is drawn this frame,
            // with the keyboard, and the keys typed after the shortcut are its text.
            self.keyboard(&ctx);
        }
        self.give_dialog_the_keyboard(&ctx);
        let mut actions = Vec::new();
        let session_name = self.session_name();
        let view = View {
            docs: self.work.docs(),
            docs_version: self.work.docs_version(),
            session_state: self.work.state(),
            filter: self.work.filter(),
            hand_mentions: self.work.hand_mentions(),
            session: self.work.session(),
            matrix: self.work.matrix(),
            matrix_version: self.work.matrix_version(),
            matrix_building: self.work.is_building(),
            loading: &self.openings,
            recent: &self.recent.files,
            undo_label: self.work.undo_label(),
            redo_label: self.work.redo_label(),
            dialog_open: self.jobs.is_dialog_open(),
            session_name,
            is_dirty: self.is_dirty(),
            missing: &self.work.missing,
            held_back: &self.work.held_back,
            recent_sessions: &self.recent.sessions,
            locating: match &self.flow {
                Flow::Locating(path) => Some(path.as_path()),
                _ => None,
            },
        };
        ui::window_ui(ui, &view, &mut self.ui, &mut actions);
        self.apply(&ctx, actions);
        // With many articles open, an edit's matrix is built on another thread.
        if let Some(input) = self.work.take_build() {
            self.jobs.build_matrix(input);
        }
        // "Save and quit" lasts while its save runs or asks for a name; cancelled, it ends.
        if self.flow == Flow::QuitAfterSave
            && self.ui.modal.is_none()
            && !self.disk.save.is_saving()
            && !self.jobs.is_dialog_open()
        {
            self.flow = Flow::Idle;
        }
        self.publish_for_autosave();
        self.update_title(&ctx);
        if self.flow == Flow::Closing {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.jobs.is_dialog_open() || !self.openings.is_empty() {
            // Keep the window alive (progress, and a dialog that may take a while).
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Quitting with unsaved changes asks first.
    fn close_guard(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.is_dirty()
            && self.flow != Flow::Closing
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.ui.modal = Some(Modal::UnsavedOnQuit);
        }
    }

    /// Hands the session to the autosave thread when it changed since the last frame. Edits
    /// happen only in frames, so the thread always holds the latest; it writes within
    /// the autosave interval whether or not the window draws again.
    fn publish_for_autosave(&mut self) {
        let news = self.disk.publish(self.config_dir.is_some());
        self.tell_autosave(news);
    }

    /// Applies the actions of a frame, in order; commands may queue further actions.
    fn apply(&mut self, ctx: &egui::Context, mut actions: Vec<Action>) {
        if !actions.is_empty() {
            self.ui.acted();
        }
        let mut i = 0;
        while i < actions.len() {
            let action = actions[i].clone();
            i += 1;
            match action {
                Action::Edit(command) => {
                    let label = command.label();
                    let closes = matches!(command, Command::CloseArticle { .. });
                    match self.edit(command) {
                        Ok(()) => self.ui.say(format!("Done: {label} (Ctrl+Z undoes it)")),
                        Err(e) => self.ui.warn(format!("Could not {label}: {e}")),
                    }
                    if closes {
                        self.follow_session();
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
                Action::Session(action) => self.session_action(action),
                Action::FilterArticle(only) => self.work.set_filter(only),
                Action::CancelOpen(job) => {
                    self.jobs.cancel(job);
                    if let Some(l) = self.openings.end(job) {
                        self.ui.say(format!("Stopped opening {}", l.path.display()));
                    }
                }
                Action::CancelAllOpens => {
                    let jobs = self.openings.clear();
                    let count = jobs.len();
                    for job in jobs {
                        self.jobs.cancel(job);
                    }
                    // What had been read already joins the others.
                    self.add_arrived();
                    self.ui.say(format!(
                        "Stopped opening {count} article(s); those already read are open."
                    ));
                }
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
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
