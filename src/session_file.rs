//! The session's life on disk, as the window sees it: which file it saves to and whether what
//! is shown is saved (`SaveState`), the files this run could not read (never written over),
//! the locks that keep two windows off one file, the untitled session that holds work without a
//! name, and what was last handed to the autosave. No egui: each step returns what should
//! happen next, and the app carries it out.

use crate::storage::lock::Lock;
use crate::storage::session::{self as store, Stamp};
use std::path::{Path, PathBuf};

/// Where the session is saved and whether what is shown is saved: every change counts one
/// revision (the autosave follows revisions); the session is unsaved while the revision differs
/// from the one last written, unless undo and redo brought it back to the very state written.
#[derive(Debug, Default)]
pub struct SaveState {
    /// Where Save writes; `None` until the session is saved or opened.
    pub file: Option<PathBuf>,
    /// The file as last read or written, to notice changes made by others.
    pub stamp: Option<Stamp>,
    revision: u64,
    saved: u64,
    /// The undo state (see [`crate::command::History::state`]) shown, and the one the file
    /// holds when known.
    /// `None` after a change outside undo and redo, until the next edit.
    state: Option<u64>,
    saved_state: Option<u64>,
    /// The revision and state being written by the save under way.
    pending: Option<(u64, Option<u64>)>,
    /// This work is also in the untitled autosave (autosaved before it had a name, or restored
    /// from there): once saved under a name, that autosave is removed.
    pub in_untitled_autosave: bool,
}

impl SaveState {
    /// Something changed that the saved file does not have, outside undo and redo (an
    /// autosave restored, say): only a save makes it saved again.
    pub fn changed(&mut self) {
        self.revision += 1;
        self.state = None;
        self.saved_state = None;
    }

    /// An edit, undo or redo brought the session to undo state `state`.
    pub fn edited(&mut self, state: u64) {
        self.revision += 1;
        self.state = Some(state);
    }

    /// Whether there are changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved && (self.state.is_none() || self.saved_state != self.state)
    }

    /// A session was read from `file` (or restored, untitled, with `None`) and is in undo state
    /// `state`: what is shown is what the file holds.
    pub fn opened(&mut self, file: Option<PathBuf>, stamp: Option<Stamp>, state: u64) {
        self.file = file;
        self.stamp = stamp;
        self.revision += 1;
        self.saved = self.revision;
        self.state = Some(state);
        self.saved_state = Some(state);
        self.pending = None;
    }

    /// A save of the current revision started.
    pub fn saving(&mut self) {
        self.pending = Some((self.revision, self.state));
    }

    /// The save under way wrote `stamp`; what it wrote is saved (later edits are not).
    pub fn saved(&mut self, stamp: Stamp) {
        self.stamp = Some(stamp);
        if let Some((revision, state)) = self.pending.take() {
            self.saved = revision;
            self.saved_state = state;
        }
    }

    /// The save under way wrote nothing.
    pub fn not_saved(&mut self) {
        self.pending = None;
    }

    /// Whether a save has started and not finished.
    pub fn is_saving(&self) -> bool {
        self.pending.is_some()
    }

    /// The count of changes so far.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The revision the session file holds.
    pub fn saved_revision(&self) -> u64 {
        self.saved
    }
}

/// What Save should do.
#[derive(Debug, PartialEq)]
pub enum SaveNext {
    /// The session has no file yet: ask for a name.
    AskName,
    /// Write the session to `path`, expecting the file as `stamp` says (a conflict otherwise).
    Write { path: PathBuf, stamp: Option<Stamp> },
}

/// What Save as should do with the name the analyst chose.
#[derive(Debug, PartialEq)]
pub enum SaveAsNext {
    /// Nothing is written; the message says why.
    Refuse(String),
    /// Another session has that name: ask before writing over it.
    ConfirmReplace(PathBuf),
    /// Go on as Save does, now that the file is `path`.
    Save(SaveNext),
}

/// What the autosave thread should hear.
#[derive(Debug, PartialEq)]
pub enum ForAutosave {
    /// The session at `revision` should be in the autosave beside `path`.
    Changed { path: PathBuf, revision: u64 },
    /// Nothing shown is newer than the saved file at `revision`: these autosaves are stale.
    Stale {
        revision: u64,
        autosaves: Vec<PathBuf>,
    },
}

/// The session's file, its locks and its autosave, for one window.
#[derive(Debug, Default)]
pub struct SessionFile {
    pub save: SaveState,
    /// Session files that could not be read this run: never the target of a save.
    broken: Vec<PathBuf>,
    /// The session file this window owns (see `storage::lock`), while it has one.
    lock: Option<Lock>,
    /// The untitled session this window autosaves to while its work has no name: its own,
    /// so that two windows never write one autosave. `None` until claimed at start.
    untitled: Option<PathBuf>,
    untitled_lock: Option<Lock>,
    /// The revision last handed to the autosave thread.
    published: u64,
}

impl SessionFile {
    /// The file Save writes to.
    pub fn file(&self) -> Option<&Path> {
        self.save.file.as_deref()
    }

    /// The session's name: its file's, without the extension.
    pub fn name(&self) -> Option<String> {
        self.file()
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
    }

    /// Whether there are changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.save.is_dirty()
    }

    /// A session file could not be read: it is never written over.
    pub fn broken(&mut self, path: PathBuf) {
        self.broken.push(path);
    }

    /// The window owns this session file now (or, with `None`, none: an untitled copy).
    pub fn owns(&mut self, lock: Option<Lock>) {
        self.lock = lock;
    }

    /// The untitled session this window autosaves to was claimed.
    pub fn untitled_claimed(&mut self, path: PathBuf, lock: Option<Lock>) {
        self.untitled = Some(path);
        self.untitled_lock = lock;
    }

    /// Save: to the file, or a name is asked for first.
    pub fn save(&self) -> SaveNext {
        match &self.save.file {
            Some(path) => SaveNext::Write {
                path: path.clone(),
                stamp: self.save.stamp.clone(),
            },
            None => SaveNext::AskName,
        }
    }

    /// Save as `path`: never over a session that could not be read, never over one another
    /// window holds, and over another existing session only once the analyst said so
    /// (`confirmed`).
    pub fn save_as(&mut self, path: PathBuf, confirmed: bool) -> SaveAsNext {
        if self.broken.contains(&path) {
            return SaveAsNext::Refuse(format!(
                "{} could not be read when it was opened; Briefing never writes over it. Choose another name.",
                path.display()
            ));
        }
        // The save job takes the lock; here only whether another copy holds it is read, before
        // asking whether to replace: a question whose "yes" is refused would waste a step.
        if let Some(held) = crate::storage::lock::holder(&path) {
            return SaveAsNext::Refuse(format!(
                "{} is open in another Briefing window (process {}); nothing was written. Choose another name.",
                path.display(),
                held.pid
            ));
        }
        if !confirmed && path.exists() && self.file() != Some(path.as_path()) {
            return SaveAsNext::ConfirmReplace(path);
        }
        // A new file: nothing to conflict with unless it exists.
        self.save.stamp = store::stamp(&path);
        self.save.file = Some(path);
        SaveAsNext::Save(self.save())
    }

    /// A save of `path` wrote `stamp` (and, for a new file, took `lock`). When `path` is still
    /// the session's file, the autosaves it makes stale are returned.
    pub fn saved(&mut self, path: &Path, stamp: Stamp, lock: Option<Lock>) -> Option<ForAutosave> {
        if self.file() != Some(path) {
            return None;
        }
        self.save.saved(stamp);
        if lock.is_some() {
            self.lock = lock;
        }
        // The session's own autosave is stale now, and so is the untitled one this work was
        // kept in before it had a name.
        let mut autosaves = vec![path.to_path_buf()];
        if std::mem::take(&mut self.save.in_untitled_autosave)
            && let Some(untitled) = self.untitled.clone()
            && untitled != path
        {
            autosaves.push(untitled);
        }
        Some(ForAutosave::Stale {
            revision: self.save.saved_revision(),
            autosaves,
        })
    }

    /// Undo or redo moved the session to undo state `state`. Back at the state the file holds,
    /// it is saved again, and its autosave (now older news) goes.
    pub fn stepped(&mut self, state: u64) -> Option<ForAutosave> {
        self.save.edited(state);
        if self.save.is_dirty() {
            return None;
        }
        Some(ForAutosave::Stale {
            revision: self.save.revision(),
            autosaves: self
                .file()
                .into_iter()
                .chain(self.untitled.as_deref())
                .map(Path::to_path_buf)
                .collect(),
        })
    }

    /// The analyst declined the autosave offered for the session shown (its file's, or the
    /// untitled one): it goes, after any write of the autosave thread's own.
    pub fn keep_saved(&self) -> Option<ForAutosave> {
        let session = self.save.file.clone().or_else(|| self.untitled.clone())?;
        Some(ForAutosave::Stale {
            revision: self.save.saved_revision(),
            autosaves: vec![session],
        })
    }

    /// Once a frame: when the session changed since the last call, what the autosave thread
    /// should hear. Unsaved work goes beside its file, or into the untitled session while it
    /// has no name; `has_config` says whether an untitled session will be claimed at all
    /// (until it is, the work waits: the claim wakes the window).
    pub fn publish(&mut self, has_config: bool) -> Option<ForAutosave> {
        let revision = self.save.revision();
        if revision == self.published {
            return None;
        }
        let target = match (&self.save.file, &self.untitled) {
            (Some(file), _) => Some(file.clone()),
            (None, Some(untitled)) => {
                self.save.in_untitled_autosave = true;
                Some(untitled.clone())
            }
            (None, None) if has_config => return None,
            (None, None) => None,
        };
        self.published = revision;
        if !self.save.is_dirty() {
            return None;
        }
        target.map(|path| ForAutosave::Changed { path, revision })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.ron");
        std::fs::write(&path, "()").expect("write");
        crate::storage::session::stamp(&path).expect("stamp")
    }

    #[test]
    fn an_edit_during_a_save_stays_unsaved() {
        let mut s = SaveState::default();
        assert!(!s.is_dirty());
        s.changed();
        assert!(s.is_dirty());
        s.saving();
        s.changed();
        s.saved(stamp());
        assert!(s.is_dirty(), "the second edit was not in the file");
        s.saving();
        s.saved(stamp());
        assert!(!s.is_dirty());
    }

    #[test]
    fn undo_back_to_the_state_saved_is_saved_unless_something_else_changed() {
        let mut s = SaveState::default();
        s.opened(None, None, 1);
        s.edited(2);
        s.saving();
        s.saved(stamp());
        s.edited(3);
        assert!(s.is_dirty());
        s.edited(2);
        assert!(!s.is_dirty(), "undo came back to the state saved");
        // A change outside undo (an autosave restored) is unsaved whatever state follows.
        s.changed();
        s.edited(4);
        s.edited(2);
        assert!(s.is_dirty());
    }

    #[test]
    fn a_failed_save_leaves_the_work_unsaved() {
        let mut s = SaveState::default();
        s.changed();
        s.saving();
        s.not_saved();
        assert!(s.is_dirty());
        assert!(!s.is_saving());
    }

    #[test]
    fn save_as_onto_a_session_another_window_holds_is_refused_before_any_question() {
        // pid 1 is always running on Linux: it stands for the other window.
        if !cfg!(target_os = "linux") {
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let held = dir.path().join("held.ron");
        std::fs::write(&held, "a session").expect("write");
        std::fs::write(crate::storage::lock::lock_path(&held), "1").expect("write");
        let mut f = SessionFile::default();
        match f.save_as(held.clone(), false) {
            SaveAsNext::Refuse(message) => assert!(message.contains("another Briefing window")),
            other => panic!("asked first: {other:?}"),
        }
        // Not held: an existing session is replaced only once the analyst says so.
        std::fs::remove_file(crate::storage::lock::lock_path(&held)).expect("remove");
        assert_eq!(
            f.save_as(held.clone(), false),
            SaveAsNext::ConfirmReplace(held)
        );
        assert_eq!(f.file(), None);
    }

    #[test]
    fn save_asks_for_a_name_until_there_is_a_file_and_never_writes_over_a_broken_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut f = SessionFile::default();
        assert_eq!(f.save(), SaveNext::AskName);
        let broken = dir.path().join("broken.ron");
        std::fs::write(&broken, "not a session").expect("write");
        f.broken(broken.clone());
        assert!(
            matches!(f.save_as(broken.clone(), true), SaveAsNext::Refuse(m) if m.contains("never writes over it"))
        );
        assert_eq!(f.file(), None);
        // Another session of that name: asked first, written once confirmed.
        let other = dir.path().join("other.ron");
        std::fs::write(&other, "()").expect("write");
        assert_eq!(
            f.save_as(other.clone(), false),
            SaveAsNext::ConfirmReplace(other.clone())
        );
        assert!(matches!(
            f.save_as(other.clone(), true),
            SaveAsNext::Save(SaveNext::Write { path, stamp: Some(_) }) if path == other
        ));
        assert_eq!(f.name().as_deref(), Some("other"));
        // A new name needs no question, and its stamp says nothing is there yet.
        let new = dir.path().join("new.ron");
        assert_eq!(
            f.save_as(new.clone(), false),
            SaveAsNext::Save(SaveNext::Write {
                path: new,
                stamp: None
            })
        );
    }

    #[test]
    fn work_goes_to_the_untitled_autosave_until_it_has_a_name_then_that_autosave_is_stale() {
        let dir = tempfile::tempdir().expect("temp dir");
        let untitled = dir.path().join("untitled-1.ron");
        let mut f = SessionFile::default();
        f.save.changed();
        // The untitled session is still being claimed: nothing yet, and it is asked again.
        assert_eq!(f.publish(true), None);
        f.untitled_claimed(untitled.clone(), None);
        let revision = f.save.revision();
        assert_eq!(
            f.publish(true),
            Some(ForAutosave::Changed {
                path: untitled.clone(),
                revision
            })
        );
        // Nothing changed since: nothing to say.
        assert_eq!(f.publish(true), None);
        let named = dir.path().join("named.ron");
        let SaveAsNext::Save(SaveNext::Write { path, .. }) = f.save_as(named.clone(), false) else {
            panic!("a new name is written");
        };
        f.save.saving();
        assert_eq!(
            f.saved(&path, stamp(), None),
            Some(ForAutosave::Stale {
                revision,
                autosaves: vec![named.clone(), untitled]
            })
        );
        assert!(!f.is_dirty());
        // A save that finishes for a file no longer the session's says nothing.
        assert_eq!(f.saved(&dir.path().join("old.ron"), stamp(), None), None);
    }

    #[test]
    fn undo_back_to_the_saved_state_makes_the_autosaves_stale() {
        let mut f = SessionFile::default();
        let file = PathBuf::from("/s/a.ron");
        f.save.opened(Some(file.clone()), None, 1);
        assert_eq!(f.stepped(2), None, "a change is unsaved");
        assert!(f.is_dirty());
        match f.stepped(1) {
            Some(ForAutosave::Stale { autosaves, .. }) => assert_eq!(autosaves, vec![file.clone()]),
            other => panic!("back at the saved state: {other:?}"),
        }
        assert!(
            matches!(f.keep_saved(), Some(ForAutosave::Stale { autosaves, .. }) if autosaves == vec![file])
        );
        // Without a config folder there is no untitled session: unsaved untitled work stays
        // in the window only.
        let mut bare = SessionFile::default();
        bare.save.changed();
        assert_eq!(bare.publish(false), None);
        assert!(bare.keep_saved().is_none());
    }
}
