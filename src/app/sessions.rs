//! The session's life in the window: opening and installing a session, saving (through
//! [`SessionFile`](crate::session_file::SessionFile), which decides), the questions a session
//! asks (replace, discard, restore, backup), undo and redo following the articles, export and
//! locating a missing article.

use super::{BriefingApp, Flow};
use crate::command::Command;
use crate::document::{Document, SAMPLE_PATH};
use crate::jobs::{BadSession, JobError, LoadedSession, Purpose, SaveError};
use crate::openings::Why;
use crate::session_file::{ForAutosave, SaveAsNext, SaveNext};
use crate::storage::session::{self as store, Checked, Stamp};
use crate::ui::{self, Modal, SessionAction};
use std::path::{Path, PathBuf};

impl BriefingApp {
    pub(super) fn open_session_by_name_or_path(&mut self, name_or_path: &str) {
        match store::resolve(name_or_path, self.config_dir.as_deref()) {
            Ok(path) => {
                self.ui.say(format!("Opening session {}…", path.display()));
                self.jobs.load_session(path);
            }
            Err(e) => self.ui.warn(crate::ui::capitalised(&e.to_string())),
        }
    }

    /// Replaces the workspace with a loaded session and reopens its articles.
    pub(super) fn install_session(
        &mut self,
        checked: Checked,
        file: Option<PathBuf>,
        stamp: Option<Stamp>,
    ) {
        let Checked { session, present } = checked;
        self.work.replace(session);
        for job in self.openings.clear() {
            self.jobs.cancel(job);
        }
        self.arrived.clear();
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

    pub(super) fn on_session_loaded(
        &mut self,
        path: PathBuf,
        result: Result<LoadedSession, BadSession>,
    ) {
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

    pub(super) fn save(&mut self, force: bool) {
        let next = self.disk.save();
        self.carry_out(next, force);
    }

    pub(super) fn carry_out(&mut self, next: SaveNext, force: bool) {
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

    /// Edit › Preferences… (Ctrl+,): the analyst's name.
    pub(super) fn open_preferences(&mut self) {
        self.ui.modal = Some(Modal::Preferences {
            name: self.settings.coder.clone().unwrap_or_default(),
            why: None,
        });
    }

    /// Keeps `typed` as the analyst's name: written on each hand edit from now on, and in the
    /// settings file (on a thread).
    pub(super) fn set_coder(&mut self, typed: &str) {
        let name = crate::storage::settings::Settings::name_from(typed);
        self.settings.coder.clone_from(&name);
        self.work.set_editor(name.clone());
        self.write_settings(false);
        match name {
            Some(name) => self.ui.say(format!(
                "Your name, {name}, is written on the stances you set and the suggestions you review from now on."
            )),
            None => self.ui.say("No name is written on your edits from now on."),
        }
    }

    /// Saves under a new file, over another existing session only once the analyst said so
    /// (`confirmed`).
    pub(super) fn save_as(&mut self, path: PathBuf, confirmed: bool) {
        match self.disk.save_as(path, confirmed) {
            SaveAsNext::Refuse(message) => self.ui.warn(message),
            SaveAsNext::ConfirmReplace(path) => {
                self.ui.modal = Some(Modal::ConfirmReplace { path });
            }
            SaveAsNext::Save(next) => self.carry_out(next, false),
        }
    }

    /// Tells the autosave thread what the session file said.
    pub(super) fn tell_autosave(&self, news: Option<ForAutosave>) {
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

    pub(super) fn on_saved(
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

    pub(super) fn session_action(&mut self, action: SessionAction) {
        if action.replaces_session() && self.is_dirty() {
            self.ui.modal = Some(Modal::ConfirmDiscard { then: action });
            return;
        }
        match action {
            SessionAction::Discarding(then) => self.session_action_confirmed(*then),
            other => self.session_action_confirmed(other),
        }
    }

    pub(super) fn session_action_confirmed(&mut self, action: SessionAction) {
        match action {
            SessionAction::SetCoder(typed) => self.set_coder(&typed),
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
            SessionAction::ExportDialog(format) => {
                let name = self
                    .default_export_path(format)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.jobs.pick(Purpose::Export(format, name));
            }
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
    pub(super) fn follow_session(&mut self) {
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
    pub(super) fn on_reopened(
        &mut self,
        path: &Path,
        result: Result<Box<Document>, JobError>,
        order: u64,
    ) {
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
            Ok(doc) => self.add_documents(vec![(*doc, false, order)]),
            // Its annotations stay; it is listed as missing, with Locate….
            Err(e) => {
                self.work.missing.push(article);
                self.ui.warn(format!(
                    "{e} The article is back in the session as missing; its annotations are kept."
                ));
            }
        }
    }

    /// Where an export goes unless the analyst says otherwise: the documents folder (else the
    /// home folder), named after the session.
    pub(super) fn default_export_path(
        &self,
        format: crate::export::formats::ExportFormat,
    ) -> PathBuf {
        let folder = directories::UserDirs::new()
            .map(|u| {
                u.document_dir()
                    .map_or_else(|| u.home_dir().to_path_buf(), Path::to_path_buf)
            })
            .unwrap_or_default();
        let name = self
            .session_name()
            .unwrap_or_else(|| "Untitled session".to_owned());
        folder.join(format.default_file_name(&name))
    }

    /// Writes the matrix as it stands in `format`: its model is taken here from what is shown
    /// (a walk over the cells), then formatted and written by a background job.
    pub(super) fn export(&mut self, format: crate::export::formats::ExportFormat, path: PathBuf) {
        // The export names sentences: the matrix must be up to date with the articles.
        self.work.finish_build();
        let export = self.work.export_model();
        self.ui.say(format!("Exporting to {}…", path.display()));
        self.jobs.export(path, export, format);
    }

    pub(super) fn locate(&mut self, from: &Path, to: PathBuf) {
        let _ = self.edit(Command::RelocateArticle {
            from: from.to_path_buf(),
            to: to.clone(),
        });
        self.work.missing.retain(|m| m.path != from);
        self.open(to);
    }

    /// Undo or redo moved the session to another state. Back at the state the file holds, it
    /// is saved again, and its autosave (now older news) goes.
    pub(super) fn stepped(&mut self) {
        let news = self.disk.stepped(self.work.state());
        self.tell_autosave(news);
    }
}
