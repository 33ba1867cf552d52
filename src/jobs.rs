//! Work that must not run on the UI thread: opening articles (read, decode, parse, analyse),
//! the native file dialog, and small writes. Each job runs on a named thread and reports back
//! over a channel, waking the window with `request_repaint`.

use crate::analysis::Analyzer;
use crate::document::Document;
use crate::load;
use crate::model::session::Session;
use crate::storage::session::{self as store, Checked, Stamp};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Something a background job has to say.
#[derive(Debug)]
pub enum JobEvent {
    /// How far opening a file has come: a stage name and 0.0–1.0 within the whole job.
    Progress {
        job: u64,
        path: PathBuf,
        stage: &'static str,
        fraction: f32,
    },
    /// A file was opened, or could not be (the message names the file and the reason).
    Opened {
        job: u64,
        result: Result<Box<Document>, String>,
    },
    /// The file dialog closed: what it was for, the chosen paths, and whether it closed so
    /// fast that it cannot have been shown (no desktop portal and no zenity).
    Picked {
        purpose: Purpose,
        paths: Vec<PathBuf>,
        not_shown: bool,
    },
    /// A background write failed.
    WriteFailed(String),
    /// A session was saved, or not.
    Saved {
        path: PathBuf,
        result: Result<Stamp, SaveError>,
    },
    /// A session file was read, or could not be.
    SessionLoaded {
        path: PathBuf,
        result: Box<Result<LoadedSession, BadSession>>,
    },
    /// At start: an untitled session's autosave with work in it (and when it was written), if
    /// there is one.
    UntitledAutosave(Option<(Box<Checked>, String)>),
}

/// What a file dialog was opened for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Articles to open (several).
    Articles,
    /// A session file to open.
    OpenSession,
    /// Where to save the session.
    SaveSession,
    /// The new place of an article that went missing.
    Locate(PathBuf),
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The file changed on disk since it was read or last saved: ask before writing over it.
    Conflict,
    Failed(String),
}

/// A session read from disk.
#[derive(Debug)]
pub struct LoadedSession {
    pub checked: Checked,
    pub stamp: Option<Stamp>,
    /// An autosave newer than the file, to offer, and when it was written.
    pub newer_autosave: Option<(Checked, String)>,
}

/// A session file that could not be read, and the newest backup that can.
#[derive(Debug)]
pub struct BadSession {
    pub message: String,
    pub backup: Option<(PathBuf, Checked)>,
}

/// A way to wake the window from another thread; the app passes `ctx.request_repaint`.
pub type Waker = std::sync::Arc<dyn Fn() + Send + Sync>;

/// Runs jobs and collects their events.
pub struct Jobs {
    tx: Sender<JobEvent>,
    rx: Receiver<JobEvent>,
    waker: Waker,
    next_id: u64,
    running: usize,
    dialog_open: bool,
    saving: bool,
}

/// A file dialog that returns within this time was never shown to the user.
const DIALOG_MIN_VISIBLE: Duration = Duration::from_millis(400);

impl Jobs {
    /// A job runner that wakes the UI with `waker`.
    pub fn new(waker: Waker) -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            waker,
            next_id: 1,
            running: 0,
            dialog_open: false,
            saving: false,
        }
    }

    /// Whether any job is still working (tests wait for this to become false).
    pub fn is_busy(&self) -> bool {
        self.running > 0 || self.dialog_open || self.saving
    }

    /// Whether the file dialog is open.
    pub fn is_dialog_open(&self) -> bool {
        self.dialog_open
    }

    /// Opens an article on a background thread; returns the job id.
    pub fn open(&mut self, path: PathBuf) -> u64 {
        let job = self.next_id;
        self.next_id += 1;
        self.running += 1;
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        let spawned = std::thread::Builder::new()
            .name("open-article".into())
            .spawn(move || {
                let send = |event| {
                    // The window may have closed; then nobody needs the result.
                    let _ = tx.send(event);
                    waker();
                };
                let mut last = Instant::now();
                let result = load::load_file_with_progress(&path, &mut |done, total| {
                    if last.elapsed() > Duration::from_millis(50) {
                        last = Instant::now();
                        send(JobEvent::Progress {
                            job,
                            path: path.clone(),
                            stage: "reading",
                            fraction: 0.5 * done as f32 / total.max(1) as f32,
                        });
                    }
                })
                .map(|loaded| {
                    send(JobEvent::Progress {
                        job,
                        path: path.clone(),
                        stage: "analysing",
                        fraction: 0.6,
                    });
                    Box::new(Document::from_loaded(&path, &loaded, Analyzer::bundled()))
                })
                .map_err(|e| e.to_string());
                send(JobEvent::Opened { job, result });
            });
        if let Err(e) = spawned {
            self.running -= 1;
            let _ = self.tx.send(JobEvent::Opened {
                job,
                result: Err(format!("could not start a thread to open the file ({e})")),
            });
        }
        job
    }

    /// Shows a native file dialog on a background thread.
    pub fn pick(&mut self, purpose: Purpose) {
        if self.dialog_open {
            return;
        }
        self.dialog_open = true;
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        let for_thread = purpose.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let purpose = for_thread;
                let started = Instant::now();
                let article_filters = |d: rfd::AsyncFileDialog| {
                    d.add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
                        .add_filter("Text", &["txt", "text"])
                        .add_filter("Markdown", &["md", "markdown"])
                        .add_filter("HTML", &["html", "htm"])
                        .add_filter("All files", &["*"])
                };
                let session_filters = |d: rfd::AsyncFileDialog| {
                    d.add_filter("Briefing sessions", &["ron"])
                        .add_filter("All files", &["*"])
                };
                let paths: Vec<PathBuf> = match &purpose {
                    Purpose::Articles => pollster::block_on(
                        article_filters(rfd::AsyncFileDialog::new().set_title("Open articles"))
                            .pick_files(),
                    )
                    .unwrap_or_default()
                    .into_iter()
                    .map(|h| h.path().to_path_buf())
                    .collect(),
                    Purpose::Locate(old) => pollster::block_on(
                        article_filters(
                            rfd::AsyncFileDialog::new()
                                .set_title(format!("Where is {}?", old.display())),
                        )
                        .pick_file(),
                    )
                    .map(|h| h.path().to_path_buf())
                    .into_iter()
                    .collect(),
                    Purpose::OpenSession => pollster::block_on(
                        session_filters(rfd::AsyncFileDialog::new().set_title("Open session"))
                            .pick_file(),
                    )
                    .map(|h| h.path().to_path_buf())
                    .into_iter()
                    .collect(),
                    Purpose::SaveSession => pollster::block_on(
                        session_filters(rfd::AsyncFileDialog::new().set_title("Save session as"))
                            .set_file_name("briefing.ron")
                            .save_file(),
                    )
                    .map(|h| h.path().to_path_buf())
                    .into_iter()
                    .collect(),
                };
                let not_shown = paths.is_empty() && started.elapsed() < DIALOG_MIN_VISIBLE;
                let _ = tx.send(JobEvent::Picked {
                    purpose,
                    paths,
                    not_shown,
                });
                waker();
            });
        if spawned.is_err() {
            self.dialog_open = false;
            let _ = self.tx.send(JobEvent::Picked {
                purpose,
                paths: Vec::new(),
                not_shown: true,
            });
        }
    }

    /// Saves a session on a background thread, one save at a time. Unless `force`, a file that
    /// changed on disk since `expected` is not written over: the result is a conflict.
    /// Returns false when another save is still running.
    pub fn save(
        &mut self,
        path: PathBuf,
        session: Session,
        expected: Option<Stamp>,
        force: bool,
    ) -> bool {
        if self.saving {
            return false;
        }
        self.saving = true;
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        let spawned = std::thread::Builder::new()
            .name("save-session".into())
            .spawn(move || {
                let now = store::stamp(&path);
                let result = if !force && now.is_some() && now != expected {
                    Err(SaveError::Conflict)
                } else {
                    store::save(&path, &session).map_err(|e| SaveError::Failed(e.to_string()))
                };
                if result.is_ok() {
                    // The session is now newer than its autosave.
                    let _ = std::fs::remove_file(store::autosave_path(&path));
                }
                let _ = tx.send(JobEvent::Saved { path, result });
                waker();
            });
        if spawned.is_err() {
            self.saving = false;
        }
        spawned.is_ok()
    }

    /// Writes the autosave of a session on a background thread.
    pub fn autosave(&self, path: PathBuf, session: Session) {
        self.write("autosave", move || {
            store::autosave(&path, &session).map_err(|e| format!("Autosave failed: {e}"))
        });
    }

    /// Reads a session file on a background thread.
    pub fn load_session(&mut self, path: PathBuf) {
        self.running += 1;
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        let spawned = std::thread::Builder::new()
            .name("load-session".into())
            .spawn(move || {
                let result = match store::load(&path) {
                    Ok((session, stamp)) => Ok(LoadedSession {
                        checked: Checked::new(session),
                        stamp,
                        newer_autosave: store::newer_autosave(&path).map(|auto| {
                            let saved_at = store::modified_text(&store::autosave_path(&path));
                            (Checked::new(auto), saved_at)
                        }),
                    }),
                    Err(e) => Err(BadSession {
                        message: e.to_string(),
                        backup: store::newest_good_backup(&path)
                            .map(|(b, session)| (b, Checked::new(session))),
                    }),
                };
                let _ = tx.send(JobEvent::SessionLoaded {
                    path,
                    result: Box::new(result),
                });
                waker();
            });
        if spawned.is_err() {
            self.running -= 1;
        }
    }

    /// Runs a small write (recent files) off the UI thread.
    pub fn write(&self, name: &str, work: impl FnOnce() -> Result<(), String> + Send + 'static) {
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        let _ = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                if let Err(e) = work() {
                    let _ = tx.send(JobEvent::WriteFailed(e));
                    waker();
                }
            });
    }

    /// Looks for the autosave of an untitled session with work in it, on a background thread.
    pub fn check_untitled_autosave(&mut self, session_path: PathBuf) {
        self.running += 1;
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        let spawned = std::thread::Builder::new()
            .name("check-autosave".into())
            .spawn(move || {
                let auto = store::autosave_path(&session_path);
                let found = store::load(&auto)
                    .ok()
                    .filter(|(s, _)| !(s.annotations.is_empty() && s.decisions.is_empty()))
                    .map(|(session, _)| {
                        (Box::new(Checked::new(session)), store::modified_text(&auto))
                    });
                let _ = tx.send(JobEvent::UntitledAutosave(found));
                waker();
            });
        if spawned.is_err() {
            self.running -= 1;
        }
    }

    /// Takes the events that have arrived.
    pub fn poll(&mut self) -> Vec<JobEvent> {
        let events: Vec<JobEvent> = self.rx.try_iter().collect();
        for e in &events {
            match e {
                JobEvent::Opened { .. }
                | JobEvent::SessionLoaded { .. }
                | JobEvent::UntitledAutosave(_) => {
                    self.running = self.running.saturating_sub(1);
                }
                JobEvent::Picked { .. } => self.dialog_open = false,
                JobEvent::Saved { .. } => self.saving = false,
                _ => {}
            }
        }
        events
    }
}
