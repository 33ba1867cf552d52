//! The window's application: owns the session and its undo history, the open articles, the
//! derived matrix, the UI state and the background jobs. Each frame it collects events from the
//! jobs and the keyboard, lets the widgets draw and emit actions, and applies those actions here.

use crate::analysis::Analyzer;
use crate::command::{Command, CommandError};
use crate::document::{Document, SAMPLE_PATH};
use crate::jobs::{BadSession, JobEvent, Jobs, LoadedSession, Purpose, SaveError};
use crate::model::matrix::Matrix;
use crate::model::session::{ArticleRef, Session};
use crate::storage::Recent;
use crate::storage::session::{self as store, Checked, Stamp};
use crate::ui::commands::UiCommand;
use crate::openings::{Openings, Why};
use crate::ui::{self, Action, Modal, SessionAction, UiState, View};
use crate::session_file::{ForAutosave, SaveAsNext, SaveNext, SessionFile};
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    recent: Recent,
    config_dir: Option<PathBuf>,
    title: String,
    autosaver: crate::autosave::Autosaver,
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
        let analyzer: Option<&'static Analyzer> = match options.lexicon.as_deref() {
            Some(dir) => match Analyzer::with_lexicon_dir(dir) {
                Ok(a) => Some(Box::leak(Box::new(a))),
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
        let mut app = Self {
            work: Workspace::default(),
            disk: SessionFile::default(),
            flow: Flow::Idle,
            ui: ui_state,
            jobs,
            openings: Openings::default(),
            recent,
            config_dir: options.config_dir,
            title: String::new(),
            autosaver,
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
        app
    }

    /// The saved part of the state.
    pub fn session(&self) -> &Session {
        self.work.session()
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
        self.jobs.is_busy()
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

    /// Starts opening an article in the background.
    pub fn open(&mut self, path: PathBuf) {
        if let Some(d) = self.work.docs().iter().position(|d| d.source.path == path) {
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

    fn add_document(&mut self, doc: Document, remember: bool, order: u64) {
        let path = doc.source.path.clone();
        // A changed article: move the evidence to where its sentences are now.
        let recorded = self
            .work
            .session()
            .articles
            .iter()
            .find(|a| a.path == path)
            .map(|a| a.hash.clone());
        if let Some(hash) = recorded.filter(|h| *h != doc.source.hash) {
            let moves = crate::anchor::moves(self.work.session(), &path, &doc.article);
            let found_again = moves.len();
            let reanchor = Command::Reanchor {
                article: path.clone(),
                hash: doc.source.hash.clone(),
                moves,
            };
            if hash.is_empty() && found_again == 0 {
                // The session did not know the article's hash (written by a script or by
                // hand): learning it moves nothing and is not a change to save.
                let _ = self.work.edit(reanchor, now_secs());
            } else {
                let _ = self.edit(reanchor);
                self.ui.say(format!(
                    "{} changed since the session was saved (hash {} → {}); {found_again} evidence sentences were found again by their text.",
                    path.display(),
                    if hash.is_empty() { "unknown" } else { &hash },
                    doc.source.hash
                ));
            }
        }
        let article = ArticleRef {
            path: path.clone(),
            hash: doc.source.hash.clone(),
            title: doc.article.title.clone(),
            date: doc.article.date.clone(),
            format: doc.source.format,
            encoding: doc.source.encoding.clone(),
        };
        // Recording an article cannot fail. It is a change to save only when the analyst opened
        // an article the session did not hold (not the sample shown at start, not an article
        // the session reopens).
        let new_to_session = !self.work.session().articles.iter().any(|a| a.path == path);
        if remember && new_to_session {
            let _ = self.edit(Command::OpenArticle(article));
        } else {
            let _ = self.work.edit(Command::AddArticle(article), now_secs());
        }
        if remember {
            self.recent.push(&path);
            self.save_recent();
        }
        let typed = self.ui.path_input.trim().trim_matches(['"', '\'']).trim();
        if !typed.is_empty() && Path::new(typed) == path {
            self.ui.path_input.clear();
        }
        let pos = self.work.insert_doc(doc, order);
        self.ui.document_inserted(pos);
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

    // ----- sessions -------------------------------------------------------------------------

    fn open_session_by_name_or_path(&mut self, name_or_path: &str) {
        match store::resolve(name_or_path, self.config_dir.as_deref()) {
            Ok(path) => {
                self.ui.say(format!("Opening session {}…", path.display()));
                self.jobs.load_session(path);
            }
            Err(message) => self.ui.warn(crate::ui::capitalised(&message)),
        }
    }

    /// Replaces the workspace with a loaded session and reopens its articles.
    fn install_session(&mut self, checked: Checked, file: Option<PathBuf>, stamp: Option<Stamp>) {
        let Checked { session, present } = checked;
        self.work.replace(session);
        for job in self.openings.clear() {
            self.jobs.cancel(job);
        }
        self.ui.doc = 0;
        self.ui.detail = ui::Detail::None;
        self.ui.selected_sentence = None;
        self.ui.outline_rows = ui::OutlineRows::default();
        self.disk.save.opened(file, stamp, self.work.state());
        self.flow = Flow::Idle;
        let articles = self.work.session().articles.clone();
        let file = self.disk.save.file.clone();
        for (article, here) in articles.into_iter().zip(present) {
            if article.path == Path::new(SAMPLE_PATH) {
                // The bundled sample opens from anywhere.
                self.add_sample();
            } else if here && !self.recent.may_read(&article.path, file.as_deref()) {
                // A session can name any file: one outside the analyst's folders is shown
                // first and read only when asked.
                self.work.held_back.push(article);
            } else if here {
                self.open(article.path.clone());
            } else {
                self.work.missing.push(article);
            }
        }
        if !self.work.missing.is_empty() {
            self.ui.warn(format!(
                "{} article(s) of this session are missing; their annotations are kept. Use Locate… in the outline.",
                self.work.missing.len()
            ));
        }
        if !self.work.held_back.is_empty() {
            self.ui.warn(format!(
                "{} article(s) of this session are outside the folders you have opened articles from, so they were not read. They are listed on the left with their full paths: open them there if you expect them.",
                self.work.held_back.len()
            ));
        }
    }

    fn on_session_loaded(&mut self, path: PathBuf, result: Result<LoadedSession, BadSession>) {
        match result {
            Ok(loaded) => {
                self.recent.push_session(&path);
                self.save_recent();
                let name = path.display().to_string();
                // Another running copy owns it: open it here as an untitled copy, so that the
                // two never write the same file or autosave.
                let lock = match loaded.lock {
                    Ok(lock) => lock,
                    Err(held) => {
                        self.disk.owns(None);
                        self.install_session(loaded.checked, None, None);
                        self.ui.warn(format!(
                            "{name} is open in another Briefing window (process {}). It was opened here as an untitled copy: use Save as to keep changes under another name.",
                            held.pid
                        ));
                        return;
                    }
                };
                if let Some((auto, saved_at)) = loaded.newer_autosave {
                    self.ui.modal = Some(Modal::RestoreAutosave {
                        session: Box::new(auto),
                        saved_at,
                        untitled: false,
                    });
                }
                self.install_session(loaded.checked, Some(path), loaded.stamp);
                self.disk.owns(lock);
                // Said, not dropped in silence.
                if let Some(message) = loaded.notes.message(&name) {
                    self.ui.warn(message);
                } else if self.work.missing.is_empty() {
                    self.ui.say(format!("Opened session {name}"));
                }
            }
            Err(bad) => {
                // The broken file is not made current, and no save goes to it under any name.
                self.disk.broken(path.clone());
                self.ui.warn(bad.message);
                if let Some((backup, session)) = bad.backup {
                    self.ui.modal = Some(Modal::OfferBackup {
                        broken: path,
                        backup,
                        session: Box::new(session),
                    });
                }
            }
        }
    }

    fn save(&mut self, force: bool) {
        let next = self.disk.save();
        self.carry_out(next, force);
    }

    fn carry_out(&mut self, next: SaveNext, force: bool) {
        let (path, stamp) = match next {
            SaveNext::AskName => {
                self.ui.modal = Some(Modal::SaveAs {
                    name: String::new(),
                });
                return;
            }
            SaveNext::Write { path, stamp } => (path, stamp),
        };
        if self
            .jobs
            .save(path.clone(), self.work.session().clone(), stamp, force)
        {
            self.disk.save.saving();
            self.ui.say(format!("Saving {}…", path.display()));
        } else {
            self.ui
                .say("A save is already under way; try again in a moment.");
        }
    }

    /// Saves under a new file, over another existing session only once the analyst said so
    /// (`confirmed`).
    fn save_as(&mut self, path: PathBuf, confirmed: bool) {
        match self.disk.save_as(path, confirmed) {
            SaveAsNext::Refuse(message) => self.ui.warn(message),
            SaveAsNext::ConfirmReplace(path) => self.ui.modal = Some(Modal::ConfirmReplace { path }),
            SaveAsNext::Save(next) => self.carry_out(next, false),
        }
    }

    /// Tells the autosave thread what the session file said.
    fn tell_autosave(&self, news: Option<ForAutosave>) {
        match news {
            Some(ForAutosave::Changed { path, revision }) => {
                self.autosaver.changed(path, self.work.shared(), revision);
            }
            Some(ForAutosave::Stale {
                revision,
                autosaves,
            }) => self.autosaver.saved(revision, autosaves),
            None => {}
        }
    }

    fn on_saved(
        &mut self,
        path: &Path,
        result: Result<Stamp, SaveError>,
        lock: Option<crate::storage::lock::Lock>,
    ) {
        match result {
            Ok(stamp) => {
                let news = self.disk.saved(path, stamp, lock);
                self.tell_autosave(news);
                self.recent.push_session(path);
                self.save_recent();
                self.ui.say(format!("Saved {}", path.display()));
                if self.flow == Flow::QuitAfterSave {
                    self.flow = Flow::Closing;
                }
            }
            Err(SaveError::Conflict) => {
                self.disk.save.not_saved();
                self.ui.warn(format!(
                    "{} changed on disk since it was opened; nothing was written.",
                    path.display()
                ));
                self.ui.modal = Some(Modal::Conflict);
            }
            Err(SaveError::Failed(message)) => {
                self.disk.save.not_saved();
                if self.flow == Flow::QuitAfterSave {
                    self.flow = Flow::Idle;
                }
                self.ui.warn(format!("Not saved: {message}"));
            }
        }
    }

    fn session_action(&mut self, action: SessionAction) {
        if action.replaces_session() && self.is_dirty() {
            self.ui.modal = Some(Modal::ConfirmDiscard { then: action });
            return;
        }
        match action {
            SessionAction::Discarding(then) => self.session_action_confirmed(*then),
            other => self.session_action_confirmed(other),
        }
    }

    fn session_action_confirmed(&mut self, action: SessionAction) {
        match action {
            SessionAction::Discarding(then) => self.session_action_confirmed(*then),
            SessionAction::SaveAsName(name) => {
                match (&self.config_dir, store::sanitise_name(&name)) {
                    (Some(dir), Ok(_)) => {
                        if let Ok(path) = store::session_path(dir, &name) {
                            self.save_as(path, false);
                        }
                    }
                    (None, _) => self
                        .ui
                        .warn("There is no config folder; use “Choose a file…” to save anywhere."),
                    (_, Err(e)) => self.ui.warn(e.to_string()),
                }
            }
            SessionAction::SaveAsDialog => self.jobs.pick(Purpose::SaveSession),
            SessionAction::OpenNamed(name) => self.open_session_by_name_or_path(&name),
            SessionAction::OpenPath(path) => self.jobs.load_session(path),
            SessionAction::OpenDialog => self.jobs.pick(Purpose::OpenSession),
            SessionAction::QuitWithoutSaving => self.flow = Flow::Closing,
            SessionAction::SaveAndQuit => {
                self.flow = Flow::QuitAfterSave;
                self.save(false);
            }
            SessionAction::LocateAt(to) => {
                if let Flow::Locating(from) = std::mem::take(&mut self.flow) {
                    self.locate(&from, to);
                }
            }
            SessionAction::Replace(path) => self.save_as(path, true),
            SessionAction::KeepSaved => self.tell_autosave(self.disk.keep_saved()),
            SessionAction::StopLocating => {
                self.flow = Flow::Idle;
                self.ui.say("Stopped looking for the missing article.");
            }
            SessionAction::Overwrite => self.save(true),
            SessionAction::Reload => {
                if let Some(path) = self.disk.save.file.clone() {
                    self.jobs.load_session(path);
                }
            }
            SessionAction::RestoreAutosave => {
                if let Some(Modal::RestoreAutosave { session, .. }) = self.ui.modal.take() {
                    let file = self.disk.save.file.clone();
                    let stamp = self.disk.save.stamp.clone();
                    let untitled = file.is_none();
                    self.install_session(*session, file, stamp);
                    // Restored work is not saved yet.
                    self.disk.save.changed();
                    self.disk.save.in_untitled_autosave = untitled;
                    self.ui.say("The autosave was restored. Save to keep it.");
                }
            }
            SessionAction::OpenBackup => {
                if let Some(Modal::OfferBackup {
                    backup, session, ..
                }) = self.ui.modal.take()
                {
                    // Opened as untitled, so that saving never writes over the broken file.
                    self.install_session(*session, None, None);
                    self.disk.owns(None);
                    self.disk.save.changed();
                    self.ui.say(format!(
                        "Opened the backup {}. Save it under a new name.",
                        backup.display()
                    ));
                }
            }
            SessionAction::Locate(path) => self.jobs.pick(Purpose::Locate(path)),
            SessionAction::Export(format, path) => {
                if path.exists() {
                    self.ui.modal = Some(Modal::ConfirmExportReplace { format, path });
                } else {
                    self.export(format, path);
                }
            }
            SessionAction::ExportReplace(format, path) => self.export(format, path),
            SessionAction::ExportDialog(format) => self.jobs.pick(Purpose::Export(format)),
            SessionAction::ReadHeldBack(path) => {
                self.work.held_back.retain(|a| a.path != path);
                // The folder is the analyst's now: its articles open without asking.
                self.recent.push(&path);
                self.save_recent();
                self.open(path);
            }
        }
    }

    /// After undo, redo or a close: the open articles follow the session. Articles it no
    /// longer holds close (and stop opening); articles it holds again open again.
    fn follow_session(&mut self) {
        let session = self.work.session();
        for job in self
            .openings
            .drop_restoring(|path| session.articles.iter().any(|a| a.path == path))
        {
            self.jobs.cancel(job);
        }
        let openings = &mut self.openings;
        let follow = self.work.follow(|| openings.next_order());
        for pos in follow.closed {
            self.ui.document_removed(pos);
        }
        for (path, order) in follow.reopen {
            if !self.openings.has(&path) {
                self.start_opening(path, order, Why::Restoring);
            }
        }
    }

    /// An article that undo or redo brought back has been read again (or could not be).
    fn on_reopened(&mut self, path: &Path, result: Result<Box<Document>, String>, order: u64) {
        let Some(article) = self
            .work
            .session()
            .articles
            .iter()
            .find(|a| a.path == path)
            .cloned()
        else {
            return;
        };
        match result {
            Ok(doc) => self.add_document(*doc, false, order),
            // Its annotations stay; it is listed as missing, with Locate….
            Err(message) => {
                self.work.missing.push(article);
                self.ui.warn(format!(
                    "{message} The article is back in the session as missing; its annotations are kept."
                ));
            }
        }
    }

    /// Where an export goes unless the analyst says otherwise: the documents folder (else the
    /// home folder), named after the session.
    fn default_export_path(&self, format: crate::export::formats::ExportFormat) -> PathBuf {
        let folder = directories::UserDirs::new()
            .map(|u| {
                u.document_dir()
                    .map_or_else(|| u.home_dir().to_path_buf(), Path::to_path_buf)
            })
            .unwrap_or_default();
        let name = self
            .session_name()
            .unwrap_or_else(|| "Untitled session".to_owned());
        folder.join(format!("{name} briefing.{}", format.extension()))
    }

    /// Writes the matrix as it stands in `format`: its model is taken here from what is shown
    /// (a walk over the cells), then formatted and written by a background job.
    fn export(&mut self, format: crate::export::formats::ExportFormat, path: PathBuf) {
        // Articles not read (missing, or held back) keep their hand work in the cells.
        let not_read: Vec<ArticleRef> = self
            .work
            .missing
            .iter()
            .chain(&self.work.held_back)
            .cloned()
            .collect();
        let export = crate::export::model::from_matrix(
            self.work.matrix(),
            self.work.docs(),
            self.work.session(),
            &not_read,
        );
        self.ui.say(format!("Exporting to {}…", path.display()));
        self.jobs.export(path, export, format);
    }

    fn locate(&mut self, from: &Path, to: PathBuf) {
        let _ = self.edit(Command::RelocateArticle {
            from: from.to_path_buf(),
            to: to.clone(),
        });
        self.work.missing.retain(|m| m.path != from);
        self.open(to);
    }

    // ----- frame ----------------------------------------------------------------------------

    fn handle_job_events(&mut self) {
        for event in self.jobs.poll() {
            match event {
                // Only a file still being opened moves on: progress that arrives after a cancel
                // (or after the session was replaced) must not bring its job back.
                JobEvent::Progress {
                    job,
                    stage,
                    fraction,
                } => self.openings.progress(job, stage, fraction),
                JobEvent::Opened { job, result } => {
                    // Not listed: opened for a session that has since been replaced.
                    let Some(opening) = self.openings.end(job) else {
                        continue;
                    };
                    let order = opening.order;
                    match opening.why {
                        Why::Restoring => {
                            self.on_reopened(&opening.path, result, order);
                            continue;
                        }
                        Why::Quiet => {
                            match result {
                                Ok(doc) => self.add_document(*doc, false, order),
                                Err(message) => {
                                    self.ui.failed.push(message.clone());
                                    self.ui.warn(message);
                                }
                            }
                            continue;
                        }
                        Why::Asked => {}
                    }
                    match result {
                        Ok(doc) => {
                            let name = doc.source.path.display().to_string();
                            let sentences = doc.article.sentences.len();
                            let encoding = doc.source.encoding.clone();
                            let s = if sentences == 1 { "" } else { "s" };
                            // What the reader had to leave out (markup nested too deep) is said.
                            let note = doc
                                .article
                                .metadata
                                .get("note")
                                .map_or_else(String::new, |n| format!(" {n}"));
                            self.add_document(*doc, true, order);
                            self.ui.say(format!(
                                "Opened {name} ({sentences} sentence{s}, {encoding}).{note}"
                            ));
                        }
                        // The message names the file and the reason; what was open stays open.
                        Err(message) => {
                            // Kept in the outline too: a later message must not hide it.
                            self.ui.failed.push(message.clone());
                            self.ui.warn(message);
                        }
                    }
                }
                JobEvent::Picked {
                    purpose,
                    paths,
                    not_shown,
                } => self.on_picked(purpose, paths, not_shown),
                JobEvent::WriteFailed(message) => self.ui.warn(message),
                JobEvent::Exported { path, result } => match result {
                    Ok(()) => self
                        .ui
                        .say(format!("Exported the matrix to {}", path.display())),
                    Err(e) => self.ui.warn(format!(
                        "The export could not be written to {}: {e}",
                        path.display()
                    )),
                },
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
    }

    /// The file dialog closed: what was chosen goes where it was asked for.
    fn on_picked(&mut self, purpose: Purpose, paths: Vec<PathBuf>, not_shown: bool) {
        if not_shown {
            if let Purpose::Locate(from) = purpose {
                self.ui.warn(format!("The file dialog could not be shown (no file-chooser portal, no zenity). Type the new path of {} in the field on the left and press Locate.", from.display()));
                self.flow = Flow::Locating(from);
                self.ui.focus_path_input = true;
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
            (Purpose::OpenSession, Some(p)) => self.jobs.load_session(p),
            (Purpose::SaveSession, Some(p)) => self.save_as(p, false),
            (Purpose::Locate(from), Some(to)) => self.locate(&from, to),
            (Purpose::Export(format), Some(path)) => {
                self.session_action(SessionAction::Export(format, path));
            }
        }
    }

    fn keyboard(ctx: &egui::Context, state: &mut ui::UiState, actions: &mut Vec<Action>) {
        // Bare keys (1–6, arrows, letters, Enter) are text only while a text field has focus; a
        // focused button (reached with Tab) leaves them to the commands. An open menu keeps
        // them for itself (arrows, Enter, Escape), and so do the outline and the card for
        // their focused control, except the stance keys.
        let typing = ctx.text_edit_focused();
        let menu_open = egui::Popup::is_any_open(ctx);
        let on_control =
            !state.key_panel.moves_selection() && ctx.memory(|m| m.focused().is_some());
        for &(shortcut, command) in UiCommand::by_shortcut() {
            if UiCommand::is_bare_key(&shortcut)
                && (typing
                    || menu_open
                    || on_control && (command.is_move() || command == UiCommand::AcceptSuggestion))
            {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                actions.push(Action::Run(command));
            }
        }
        if ctx.input(|i| state.alt_tap.feed(&i.events)) {
            actions.push(Action::Run(UiCommand::MenuBar));
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
        let cell = self.ui.selected_cell().cloned();
        match command {
            UiCommand::OpenArticles => {
                self.jobs.pick(Purpose::Articles);
                self.ui.say("Choose articles in the file dialog…");
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
            UiCommand::OpenPath => self.ui.focus_path_input = true,
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

    /// Undo or redo moved the session to another state. Back at the state the file holds, it
    /// is saved again, and its autosave (now older news) goes.
    fn stepped(&mut self) {
        let news = self.disk.stepped(self.work.state());
        self.tell_autosave(news);
    }

    /// F6, Ctrl+Tab (`forward`) or Shift+F6: the keyboard goes to the next or previous panel.
    fn switch_panel(&mut self, ctx: &egui::Context, forward: bool) {
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
            self.ui.focus_first = Some(panel);
        }
        self.ui.say(panel.entered());
    }

    /// F10 or an Alt tap: the File menu opens for the keyboard, or an open menu closes.
    fn menu_bar_key(&mut self, ctx: &egui::Context) {
        if egui::Popup::is_any_open(ctx) {
            egui::Popup::close_all(ctx);
        } else {
            self.ui.open_menu_bar = true;
            ctx.request_repaint();
        }
    }

    /// An arrow key: the selected cell moves in the matrix, or the selected sentence in the
    /// reader (left and right there go to the article before and after).
    fn key_move(&mut self, command: UiCommand) {
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
                self.ui.focus_first = Some(panel);
            }
            ui::KeyPanel::Matrix => {
                let matrix = self.work.matrix();
                let rows: Vec<crate::model::ActorId> = matrix
                    .display_rows(self.ui.group_people)
                    .iter()
                    .map(|(r, _)| r.id.clone())
                    .collect();
                if rows.is_empty() || matrix.columns.is_empty() {
                    return;
                }
                // From the selected cell, or from the first one.
                let (r, c) = self.ui.selected_cell().map_or((0, 0), |cell| {
                    let r = rows.iter().position(|id| *id == cell.actor).unwrap_or(0);
                    let c = matrix
                        .columns
                        .iter()
                        .position(|col| col.id == cell.topic)
                        .unwrap_or(0);
                    (step(r, dr, rows.len()), step(c, dc, matrix.columns.len()))
                });
                self.ui.detail = ui::Detail::Cell(crate::model::session::Cell {
                    actor: rows[r].clone(),
                    topic: matrix.columns[c].id.clone(),
                });
                self.ui.reveal_cell = true;
            }
            ui::KeyPanel::Reader => {
                let docs = self.work.docs();
                if docs.is_empty() {
                    return;
                }
                if dc != 0 {
                    self.ui.doc = step(self.ui.doc, dc, docs.len());
                    self.ui.selected_sentence = None;
                    self.ui.scroll_to = Some((self.ui.doc, ui::ScrollTarget::Section(0)));
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
                self.ui.scroll_to = Some((d, ui::ScrollTarget::Sentence(id)));
            }
        }
    }

    /// A command on the selected cell: it becomes an edit, or a plain word on what is missing.
    fn cell_command(
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
    fn view_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::ToggleTheme => {
                self.ui.dark = !self.ui.dark;
                ctx.set_theme(if self.ui.dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            UiCommand::ZoomIn => {
                ctx.set_zoom_factor((ctx.zoom_factor() * 1.1).min(3.0));
            }
            UiCommand::ZoomOut => ctx.set_zoom_factor((ctx.zoom_factor() / 1.1).max(0.5)),
            UiCommand::ZoomReset => ctx.set_zoom_factor(1.0),
            _ => {}
        }
    }

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_job_events();
        self.close_guard(&ctx);
        let mut actions = Vec::new();
        if self.escape_closes_a_window(&ctx) {
            // Escape went to the window it closed.
        } else if self.ui.modal.is_none() {
            Self::keyboard(&ctx, &mut self.ui, &mut actions);
        }
        let session_name = self.session_name();
        let view = View {
            docs: self.work.docs(),
            docs_version: self.work.docs_version(),
            filter: self.work.filter(),
            hand_mentions: self.work.hand_mentions(),
            session: self.work.session(),
            matrix: self.work.matrix(),
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

    /// Escape closes the window on top: a question that has a way out without a choice, the
    /// shortcut list, or the add-actor and add-topic fields. On the autosave question it takes
    /// the answer that loses nothing (restore: the saved file stays as it is on disk, the newer
    /// work is shown unsaved); a conflict on disk needs an answer and stays.
    fn escape_closes_a_window(&mut self, ctx: &egui::Context) -> bool {
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
                | Modal::OfferBackup { .. },
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
