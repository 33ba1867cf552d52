//! Work that must not run on the UI thread: opening articles (read, decode, parse, analyse),
//! the native file dialog, and small writes. Each job runs on a named thread and reports back
//! over a channel, waking the window with `request_repaint`.

use crate::analysis::Analyzer;
use crate::document::Document;
use crate::load;
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
    /// The file dialog closed: the chosen paths, and whether it closed so fast that it cannot
    /// have been shown (no desktop portal and no zenity).
    Picked {
        paths: Vec<PathBuf>,
        not_shown: bool,
    },
    /// A background write failed.
    WriteFailed(String),
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
        }
    }

    /// Whether any job is still working (tests wait for this to become false).
    pub fn is_busy(&self) -> bool {
        self.running > 0 || self.dialog_open
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

    /// Shows the native multi-file dialog on a background thread.
    pub fn pick_files(&mut self) {
        if self.dialog_open {
            return;
        }
        self.dialog_open = true;
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let picked = pollster::block_on(
                    rfd::AsyncFileDialog::new()
                        .set_title("Open articles")
                        .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
                        .add_filter("Text", &["txt", "text"])
                        .add_filter("Markdown", &["md", "markdown"])
                        .add_filter("HTML", &["html", "htm"])
                        .add_filter("All files", &["*"])
                        .pick_files(),
                );
                let paths: Vec<PathBuf> = picked
                    .unwrap_or_default()
                    .into_iter()
                    .map(|h| h.path().to_path_buf())
                    .collect();
                let not_shown = paths.is_empty() && started.elapsed() < DIALOG_MIN_VISIBLE;
                let _ = tx.send(JobEvent::Picked { paths, not_shown });
                waker();
            });
        if spawned.is_err() {
            self.dialog_open = false;
            let _ = self.tx.send(JobEvent::Picked {
                paths: Vec::new(),
                not_shown: true,
            });
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

    /// Takes the events that have arrived.
    pub fn poll(&mut self) -> Vec<JobEvent> {
        let events: Vec<JobEvent> = self.rx.try_iter().collect();
        for e in &events {
            match e {
                JobEvent::Opened { .. } => self.running = self.running.saturating_sub(1),
                JobEvent::Picked { .. } => self.dialog_open = false,
                _ => {}
            }
        }
        events
    }
}
