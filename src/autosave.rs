//! Autosave on its own thread, so that it never waits for the window to draw a frame (a
//! covered or minimised window draws none). The window points the thread at the session
//! whenever it changed; the thread writes the newest one at most `every` after the change it
//! holds, and never one that a save has already written.
//!
//! The thread holds the session weakly and takes it only while writing: held strongly, the
//! window's next edit would have to copy the whole session first (for a session of 85,000
//! annotations, a tenth of a second per keystroke).

use crate::model::session::Session;
use crate::storage::session as store;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

enum Message {
    /// The session as of `revision`, to autosave beside the session file `path`.
    Changed {
        path: PathBuf,
        session: Weak<Session>,
        revision: u64,
    },
    /// Everything up to `revision` is in the session file itself; the autosaves beside these
    /// session files are stale and go.
    Saved { revision: u64, stale: Vec<PathBuf> },
    /// Write what is unsaved now, whatever the interval, and say when it is done.
    Flush(Sender<()>),
}

/// The handle of the autosave thread; the thread ends when this is dropped.
pub struct Autosaver {
    tx: Sender<Message>,
}

impl Autosaver {
    /// Starts the thread. `report` hears of a write that failed, in plain words.
    pub fn start(every: Duration, report: impl Fn(String) + Send + Sync + 'static) -> Self {
        let (tx, rx) = channel();
        let report = Arc::new(report);
        let for_thread = Arc::clone(&report);
        let spawned = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || run(&rx, every, &*for_thread));
        if let Err(e) = spawned {
            report(format!(
                "Autosave could not start ({e}); save by hand (Ctrl+S) to keep your work."
            ));
        }
        Self { tx }
    }

    /// The session changed: this is the one to autosave next. The window keeps it; once the
    /// window edits it again, a newer one follows.
    pub fn changed(&self, path: PathBuf, session: &Arc<Session>, revision: u64) {
        let _ = self.tx.send(Message::Changed {
            path,
            session: Arc::downgrade(session),
            revision,
        });
    }

    /// A save wrote everything up to `revision`: no autosave is needed for it, and the
    /// autosaves beside the session files `stale` are removed (here, after any write under way,
    /// so that none comes back).
    pub fn saved(&self, revision: u64, stale: Vec<PathBuf>) {
        let _ = self.tx.send(Message::Saved { revision, stale });
    }

    /// A handle that asks the thread to write at once, for a process about to end.
    pub fn flusher(&self) -> Flusher {
        Flusher {
            tx: self.tx.clone(),
        }
    }
}

/// Asks the autosave thread to write what is unsaved now.
#[derive(Clone)]
pub struct Flusher {
    tx: Sender<Message>,
}

impl Flusher {
    /// Writes what is unsaved and waits for it, at most `wait`; whether it was done in time.
    pub fn flush(&self, wait: Duration) -> bool {
        let (done, finished) = channel();
        self.tx.send(Message::Flush(done)).is_ok() && finished.recv_timeout(wait).is_ok()
    }
}

fn run(rx: &Receiver<Message>, every: Duration, report: &dyn Fn(String)) {
    let tick = every.min(Duration::from_secs(1));
    let mut latest: Option<(PathBuf, Weak<Session>, u64)> = None;
    let (mut written, mut saved) = (0u64, 0u64);
    // The first change after a quiet spell is written at the next tick.
    let mut last_write: Option<Instant> = None;
    loop {
        let mut flushed = None;
        match rx.recv_timeout(tick) {
            Ok(Message::Changed {
                path,
                session,
                revision,
            }) => latest = Some((path, session, revision)),
            Ok(Message::Flush(done)) => flushed = Some(done),
            Ok(Message::Saved { revision, stale }) => {
                saved = saved.max(revision);
                for session in stale {
                    match std::fs::remove_file(store::autosave_path(&session)) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            report(format!("The old autosave could not be removed: {e}"));
                        }
                        _ => {}
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if let Some((path, session, revision)) = &latest {
            let due = flushed.is_some() || last_write.is_none_or(|t| t.elapsed() >= every);
            // Gone if the window has edited it since: the newer one is on its way.
            if *revision > written
                && *revision > saved
                && due
                && let Some(session) = session.upgrade()
            {
                let outcome = crate::guard::catch(|| store::autosave(path, &session));
                drop(session);
                match outcome {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => report(format!("Autosave failed: {e}")),
                    Err(detail) => report(crate::guard::internal_error("autosaving", &detail)),
                }
                written = *revision;
                last_write = Some(Instant::now());
            }
        }
        if let Some(done) = flushed {
            let _ = done.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, apply};
    use crate::model::Stance;
    use crate::model::session::Cell;

    fn edited() -> Arc<Session> {
        let mut s = Session::default();
        apply(
            &mut s,
            Command::SetStance {
                cell: Cell {
                    actor: crate::model::ActorId("russia".into()),
                    topic: crate::model::TopicId("talks".into()),
                },
                stance: Stance::Oppose,
            },
            0,
        )
        .expect("edit");
        Arc::new(s)
    }

    fn wait_for(path: &std::path::Path, limit: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if path.exists() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    #[test]
    fn a_change_is_autosaved_with_no_frame_drawn() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("s.ron");
        let saver = Autosaver::start(Duration::from_millis(50), |_| {});
        // Nothing else happens: no frame, no further call. The window keeps its session.
        let session = edited();
        saver.changed(file.clone(), &session, 1);
        let auto = store::autosave_path(&file);
        assert!(
            wait_for(&auto, Duration::from_secs(5)),
            "no autosave written"
        );
        let (back, _) = store::load(&auto).expect("autosave reads");
        assert_eq!(back, *edited());
    }

    #[test]
    fn a_flush_writes_the_latest_at_once_and_says_when_it_is_done() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("s.ron");
        let saver = Autosaver::start(Duration::from_hours(1), |_| {});
        let flusher = saver.flusher();
        // Nothing to write yet: the flush still answers.
        assert!(flusher.flush(Duration::from_secs(5)));
        // The first change is written at once; the next would wait an hour.
        let first = Arc::new(Session::default());
        saver.changed(file.clone(), &first, 1);
        assert!(wait_for(
            &store::autosave_path(&file),
            Duration::from_secs(5)
        ));
        let second = edited();
        saver.changed(file.clone(), &second, 2);
        assert!(flusher.flush(Duration::from_secs(5)));
        let (back, _) = store::load(&store::autosave_path(&file)).expect("autosave reads");
        assert_eq!(back, *second);
    }

    #[test]
    fn what_a_save_wrote_is_not_autosaved_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("s.ron");
        let saver = Autosaver::start(Duration::from_millis(20), |_| {});
        let session = edited();
        saver.saved(1, Vec::new());
        saver.changed(file.clone(), &session, 1);
        std::thread::sleep(Duration::from_millis(300));
        assert!(!store::autosave_path(&file).exists());
        // A later edit is.
        saver.changed(file.clone(), &session, 2);
        assert!(wait_for(
            &store::autosave_path(&file),
            Duration::from_secs(5)
        ));
    }

    #[test]
    fn a_failed_autosave_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A file where the folder should be: the autosave cannot be written.
        std::fs::write(dir.path().join("blocked"), "x").expect("write");
        let file = dir.path().join("blocked/s.ron");
        let (tx, rx) = channel();
        let saver = Autosaver::start(Duration::from_millis(20), move |m| {
            let _ = tx.send(m);
        });
        let session = edited();
        saver.changed(file, &session, 1);
        let message = rx.recv_timeout(Duration::from_secs(5)).expect("a report");
        assert!(message.starts_with("Autosave failed"), "{message}");
    }

    #[test]
    fn a_session_edited_again_before_the_write_is_written_as_it_is_then() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("s.ron");
        let saver = Autosaver::start(Duration::from_millis(200), |_| {});
        let first = edited();
        saver.changed(file.clone(), &first, 1);
        // The window edits again (its old session is gone) and points at the new one.
        drop(first);
        let mut second = Session::default();
        second
            .topics
            .renamed
            .insert(crate::model::TopicId("t".into()), "T".into());
        let second = Arc::new(second);
        saver.changed(file.clone(), &second, 2);
        let auto = store::autosave_path(&file);
        assert!(
            wait_for(&auto, Duration::from_secs(5)),
            "no autosave written"
        );
        let (back, _) = store::load(&auto).expect("autosave reads");
        assert_eq!(back, *second);
        // Holding it weakly: the window's next edit needs no copy.
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(Arc::strong_count(&second), 1, "the thread let go of it");
    }
}
