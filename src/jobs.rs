//! Work that must not run on the UI thread: opening articles (read, decode, parse, analyse),
//! the native file dialog, and small writes. Each job runs on a named thread and reports back
//! over a channel, waking the window with `request_repaint`.

use crate::analysis::Analyzer;
use crate::document::Document;
use crate::guard;
use crate::load::{self, LoadError};
use crate::model::session::Session;
use crate::storage::session::{self as store, Checked, Stamp};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::PoisonError;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Something a background job has to say.
#[derive(Debug)]
pub enum JobEvent {
    /// How far opening a file has come: a stage name and 0.0–1.0 within the whole job.
    Progress {
        job: u64,
        stage: &'static str,
        fraction: f32,
    },
    /// A file was opened, or could not be (the message names the file and the reason).
    Opened {
        job: u64,
        result: Result<Box<Document>, JobError>,
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
    /// The articles of a folder were listed.
    FolderListed {
        folder: PathBuf,
        found: crate::load::folder::FolderArticles,
    },
    /// A session was saved, or not.
    Saved {
        path: PathBuf,
        result: Result<Stamp, SaveError>,
        /// The saved file, now owned by this window (see `storage::lock`).
        lock: Option<crate::storage::lock::Lock>,
    },
    /// A session file was read, or could not be.
    SessionLoaded {
        path: PathBuf,
        result: Box<Result<LoadedSession, BadSession>>,
    },
    /// An export was written, or could not be.
    Exported {
        path: PathBuf,
        result: Result<(), JobError>,
    },
    /// A codebook file was read, or could not be (the message names the file).
    CodebookRead {
        path: PathBuf,
        result: Result<crate::model::codebook::Codebook, String>,
    },
    /// Another coder's session was read, or could not be (the message names the file), to
    /// compare with or (`merge`) to merge into the open one.
    CompareLoaded {
        path: PathBuf,
        merge: bool,
        result: Result<Box<crate::model::session::Session>, String>,
    },
    /// The codebook was written, or could not be.
    CodebookWritten {
        path: PathBuf,
        result: Result<(), String>,
    },
    /// The analyser for a codebook was compiled (with the user lexicon, if any), or could not
    /// be.
    AnalyzerBuilt {
        codebook: crate::model::codebook::Codebook,
        result: Result<Arc<Analyzer>, String>,
    },
    /// Open articles were read again with another analyser.
    ReadAgain(Vec<Result<Box<Document>, JobError>>),
    /// A matrix was built on another thread (many articles open).
    MatrixBuilt(Result<Box<crate::workspace::Built>, String>),
    /// At start: the untitled session this window autosaves to while its work has no name,
    /// owned by it, and work another copy left there (with when it was written), to offer.
    Untitled {
        path: PathBuf,
        lock: Option<crate::storage::lock::Lock>,
        left: Option<(Box<Checked>, String)>,
    },
}

/// Why a background job did not do what it was asked. Each message is a sentence for the
/// analyst (an article's names the file).
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The article could not be read or made sense of.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The export could not be formatted.
    #[error(transparent)]
    Format(#[from] std::io::Error),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] crate::storage::StorageError),
    /// The job failed in Briefing's own code (a panic, caught): what it was doing, as
    /// [`guard::internal_error`] says it.
    #[error("{0}")]
    Internal(String),
    /// No thread could be started for the job.
    #[error("could not start a thread to {0}")]
    NoThread(&'static str),
}

/// What a file dialog was opened for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Articles to open (several).
    Articles,
    /// A folder whose articles to open.
    Folder,
    /// A session file to open.
    OpenSession,
    /// Where to save the session.
    SaveSession,
    /// The new place of an article that went missing.
    Locate(PathBuf),
    /// Where to write an export in this format (the file name the dialog suggests: each
    /// format its own, as [`ExportFormat::default_file_name`] says).
    ///
    /// [`ExportFormat::default_file_name`]: crate::export::formats::ExportFormat::default_file_name
    Export(crate::export::formats::ExportFormat, String),
    /// A codebook file to read.
    ImportCodebook,
    /// Where to write the session's codebook.
    ExportCodebook,
    /// Another coder's session to compare with.
    CompareSession,
    /// Another coder's session to merge into the open one.
    MergeSession,
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
    /// What reading noticed: unknown fields skipped, keys written twice combined.
    pub notes: store::ReadNotes,
    /// The file, owned by this window now, or held by another running copy.
    pub lock: Result<Option<crate::storage::lock::Lock>, crate::storage::lock::Held>,
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
    /// The cancel flag of each article being opened.
    cancels: HashMap<u64, Arc<AtomicBool>>,
    /// Articles asked for and not yet taken by a reader thread, in the order asked.
    articles: Arc<std::sync::Mutex<ArticleQueue>>,
    /// The analyser every opened article goes through: a user lexicon or codebook, or `None`
    /// for the bundled one, compiled by the first job that needs it (not on the way to the
    /// first frame).
    analyzer: Option<Arc<Analyzer>>,
}

/// The stack of every job thread. Parsing and analysis walk their data with loops, not
/// recursion, so the default 2 MiB would do; the margin covers the libraries underneath
/// (HTML tree building, RON reading, the file dialog).
const JOB_STACK_BYTES: usize = 16 * 1024 * 1024;

/// Reads and analyses one article, saying how far it has come; a job cancelled meanwhile
/// stops at the next step it checks.
fn read_article(
    job: u64,
    path: &Path,
    cancel: &AtomicBool,
    analyzer: &Analyzer,
    send: &dyn Fn(JobEvent),
) -> Result<Box<Document>, JobError> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    if cancelled() {
        return Err(JobError::Load(LoadError::Cancelled {
            path: path.to_path_buf(),
        }));
    }
    if path == Path::new(crate::document::SAMPLE_PATH) {
        // The bundled sample, compiled in: it opens from anywhere.
        return Ok(Box::new(Document::sample(analyzer)?));
    }
    let mut last = Instant::now();
    let loaded = load::load_file_with_progress(path, &mut |done, total| {
        if last.elapsed() > Duration::from_millis(50) && !cancelled() {
            last = Instant::now();
            send(JobEvent::Progress {
                job,
                stage: "reading",
                fraction: 0.5 * done as f32 / total.max(1) as f32,
            });
        }
    })?;
    if cancelled() {
        return Err(JobError::Load(LoadError::Cancelled {
            path: path.to_path_buf(),
        }));
    }
    send(JobEvent::Progress {
        job,
        stage: "analysing",
        fraction: 0.6,
    });
    Ok(Box::new(Document::from_owned(path, loaded, analyzer)?))
}

/// The articles waiting to be read, and how many reader threads run.
#[derive(Default)]
struct ArticleQueue {
    waiting: std::collections::VecDeque<(u64, PathBuf, Arc<AtomicBool>)>,
    readers: usize,
}

/// How many articles are read at once: one a core.
fn article_threads() -> usize {
    static THREADS: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
        std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
    });
    *THREADS
}

/// Lowers the calling thread's priority (nice 10 on Linux, "below normal" elsewhere), for
/// work that must not take the window's frames: with two cores and a reader on each, the
/// window's thread otherwise waits its turn behind them while a folder of articles arrives.
/// Where the system refuses, the thread goes on at its priority.
fn yield_to_the_window() {
    if let Ok(value) = thread_priority::ThreadPriorityValue::try_from(BACKGROUND_PRIORITY) {
        let _ = thread_priority::set_current_thread_priority(
            thread_priority::ThreadPriority::Crossplatform(value),
        );
    }
}

/// The priority of reading articles, from 0 (lowest) to 99: 22 is nice 10 on Linux.
const BACKGROUND_PRIORITY: u8 = 22;

/// A file dialog that returns within this time was never shown to the user.
const DIALOG_MIN_VISIBLE: Duration = Duration::from_millis(400);

impl Jobs {
    /// A job runner that wakes the UI with `waker`.
    pub fn new(waker: Waker, analyzer: Option<Arc<Analyzer>>) -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            waker,
            next_id: 1,
            running: 0,
            dialog_open: false,
            saving: false,
            cancels: HashMap::new(),
            articles: Arc::default(),
            analyzer,
        }
    }

    /// The analyser articles are opened with from now on (`None`: the bundled one).
    pub fn set_analyzer(&mut self, analyzer: Option<Arc<Analyzer>>) {
        self.analyzer = analyzer;
    }

    /// The analyser articles are opened with (`None`: the bundled one).
    pub fn analyzer(&self) -> Option<&Arc<Analyzer>> {
        self.analyzer.as_ref()
    }

    /// Whether any job is still working (tests wait for this to become false).
    pub fn is_busy(&self) -> bool {
        self.running > 0 || self.dialog_open || self.saving
    }

    /// Whether the file dialog is open.
    pub fn is_dialog_open(&self) -> bool {
        self.dialog_open
    }

    /// Runs `work` on a thread named `name` and sends the event it returns. A panic inside is
    /// contained here, at the job boundary, and sent as the event `on_panic` makes of its
    /// message, so that the window always hears back and never waits forever. Returns whether the
    /// thread started.
    fn spawn(
        &self,
        name: &str,
        work: impl FnOnce(&dyn Fn(JobEvent)) -> Option<JobEvent> + Send + 'static,
        on_panic: impl FnOnce(String) -> Option<JobEvent> + Send + 'static,
    ) -> bool {
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .stack_size(JOB_STACK_BYTES)
            .spawn(move || {
                let send = |event| {
                    // The window may have closed; then nobody needs the result.
                    let _ = tx.send(event);
                    waker();
                };
                let last = guard::catch(|| work(&send)).unwrap_or_else(on_panic);
                if let Some(event) = last {
                    send(event);
                }
            })
            .is_ok()
    }

    /// Opens an article on a background thread; returns the job id. At most one article a
    /// core is read at a time (a folder of ten thousand must not start ten thousand threads):
    /// the others wait their turn, in the order asked, and a reader thread that finishes one
    /// takes the next itself.
    pub fn open(&mut self, path: PathBuf) -> u64 {
        let job = self.next_id;
        self.next_id += 1;
        self.running += 1;
        let cancel = Arc::new(AtomicBool::new(false));
        self.cancels.insert(job, cancel.clone());
        let start = {
            let mut queue = self.articles.lock().unwrap_or_else(PoisonError::into_inner);
            queue.waiting.push_back((job, path, cancel));
            let start = queue.readers < article_threads();
            if start {
                queue.readers += 1;
            }
            start
        };
        if start {
            self.start_reader();
        }
        job
    }

    /// Starts a thread that reads the waiting articles until none is left.
    fn start_reader(&self) {
        let articles = self.articles.clone();
        let (tx, waker) = (self.tx.clone(), self.waker.clone());
        let analyzer = self.analyzer.clone();
        let started = std::thread::Builder::new()
            .name("open-article".to_owned())
            .stack_size(JOB_STACK_BYTES)
            .spawn(move || {
                yield_to_the_window();
                loop {
                    let next = {
                        let mut queue = articles.lock().unwrap_or_else(PoisonError::into_inner);
                        let next = queue.waiting.pop_front();
                        if next.is_none() {
                            queue.readers -= 1;
                        }
                        next
                    };
                    let Some((job, path, cancel)) = next else {
                        return;
                    };
                    let send = |event| {
                        // The window may have closed; then nobody needs the result.
                        let _ = tx.send(event);
                        waker();
                    };
                    let analyzer = analyzer.as_deref().unwrap_or_else(|| Analyzer::bundled());
                    let result =
                        guard::catch(|| read_article(job, &path, &cancel, analyzer, &send))
                            .unwrap_or_else(|detail| {
                                Err(JobError::Load(LoadError::Internal {
                                    path: path.clone(),
                                    message: guard::internal_error("opening the file", &detail),
                                }))
                            });
                    send(JobEvent::Opened { job, result });
                }
            });
        if started.is_err() {
            // No thread: every article waiting says so, rather than wait for ever.
            let mut queue = self.articles.lock().unwrap_or_else(PoisonError::into_inner);
            queue.readers -= 1;
            if queue.readers == 0 {
                for (job, _, _) in queue.waiting.drain(..) {
                    let _ = self.tx.send(JobEvent::Opened {
                        job,
                        result: Err(JobError::NoThread("open the file")),
                    });
                }
            }
        }
    }

    /// Stops waiting for an article being opened: its result, when it comes, is dropped, and the
    /// job stops at the next step it checks.
    pub fn cancel(&mut self, job: u64) {
        if let Some(flag) = self.cancels.get(&job) {
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// Lists the articles of a folder (and the folders below) on a background thread.
    pub fn list_folder(&mut self, folder: PathBuf) {
        let for_panic = folder.clone();
        let started = self.spawn(
            "list-folder",
            move |_| {
                let found = crate::load::folder::articles_in(&folder);
                Some(JobEvent::FolderListed { folder, found })
            },
            move |detail| {
                Some(JobEvent::FolderListed {
                    found: crate::load::folder::FolderArticles {
                        unreadable: vec![guard::internal_error("listing the folder", &detail)],
                        ..Default::default()
                    },
                    folder: for_panic,
                })
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Shows a native file dialog on a background thread.
    pub fn pick(&mut self, purpose: Purpose) {
        if self.dialog_open {
            return;
        }
        self.dialog_open = true;
        let for_thread = purpose.clone();
        let for_panic = purpose.clone();
        let started = self.spawn(
            "file-dialog",
            move |_| {
                let purpose = for_thread;
                let started = Instant::now();
                let paths = show_dialog(&purpose);
                let not_shown = paths.is_empty() && started.elapsed() < DIALOG_MIN_VISIBLE;
                Some(JobEvent::Picked {
                    purpose,
                    paths,
                    not_shown,
                })
            },
            // A dialog that failed inside is one that could not be shown.
            move |_| {
                Some(JobEvent::Picked {
                    purpose: for_panic,
                    paths: Vec::new(),
                    not_shown: true,
                })
            },
        );
        if !started {
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
        let for_panic = path.clone();
        let started = self.spawn(
            "save-session",
            move |_| {
                let now = store::stamp(&path);
                let result = if !force && now.is_some() && now != expected {
                    Err(SaveError::Conflict)
                } else {
                    store::save(&path, &session).map_err(|e| SaveError::Failed(e.to_string()))
                };
                let lock = result
                    .is_ok()
                    .then(|| crate::storage::lock::acquire(&path).ok().flatten())
                    .flatten();
                Some(JobEvent::Saved { path, result, lock })
            },
            move |detail| {
                let message = guard::internal_error("saving the session", &detail);
                Some(JobEvent::Saved {
                    result: Err(SaveError::Failed(format!(
                        "{}: {message}",
                        for_panic.display()
                    ))),
                    path: for_panic,
                    lock: None,
                })
            },
        );
        self.saving = started;
        started
    }

    /// Writes the autosave of a session on a background thread.
    pub fn autosave(&self, path: PathBuf, session: Session) {
        self.write("autosave", move || {
            store::autosave(&path, &session).map_err(|e| format!("Autosave failed: {e}"))
        });
    }

    /// Reads a session file on a background thread.
    pub fn load_session(&mut self, path: PathBuf) {
        let for_panic = path.clone();
        let started = self.spawn(
            "load-session",
            move |_| {
                let result = match store::load_noting(&path) {
                    Ok((session, stamp, notes)) => {
                        // Offered only when it holds something the saved session does not.
                        let newer = store::newer_autosave(&path).filter(|auto| *auto != session);
                        Ok(LoadedSession {
                            checked: Checked::new(session),
                            stamp,
                            notes,
                            lock: crate::storage::lock::acquire(&path),
                            newer_autosave: newer.map(|auto| {
                                let saved_at = store::modified_text(&store::autosave_path(&path));
                                (Checked::new(auto), saved_at)
                            }),
                        })
                    }
                    Err(e) => Err(BadSession {
                        message: e.to_string(),
                        backup: store::newest_good_backup(&path)
                            .map(|(b, session)| (b, Checked::new(session))),
                    }),
                };
                Some(JobEvent::SessionLoaded {
                    path,
                    result: Box::new(result),
                })
            },
            move |detail| {
                let message = guard::internal_error("reading the session", &detail);
                Some(JobEvent::SessionLoaded {
                    result: Box::new(Err(BadSession {
                        message: format!("{}: {message}", for_panic.display()),
                        backup: None,
                    })),
                    path: for_panic,
                })
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Runs a small write (recent files, autosave) off the UI thread; a failure, a panic
    /// included, is reported as [`JobEvent::WriteFailed`].
    pub fn write(&self, name: &str, work: impl FnOnce() -> Result<(), String> + Send + 'static) {
        let doing = format!("writing ({name})");
        self.spawn(
            name,
            move |_| work().err().map(JobEvent::WriteFailed),
            move |detail| {
                Some(JobEvent::WriteFailed(guard::internal_error(
                    &doing, &detail,
                )))
            },
        );
    }

    /// Writes an export in `format` (atomically) on a background thread; the window hears how
    /// it went.
    pub fn export(
        &mut self,
        path: PathBuf,
        export: crate::export::model::Export,
        format: crate::export::formats::ExportFormat,
    ) {
        let for_panic = path.clone();
        let started = self.spawn(
            "export",
            move |_| {
                let mut bytes = Vec::new();
                let result = crate::export::formats::write(&export, format, &mut bytes)
                    .map_err(JobError::from)
                    .and_then(|()| {
                        crate::storage::write_atomic(&path, &bytes).map_err(JobError::from)
                    });
                Some(JobEvent::Exported { path, result })
            },
            move |detail| {
                Some(JobEvent::Exported {
                    path: for_panic,
                    result: Err(JobError::Internal(guard::internal_error(
                        "writing the export",
                        &detail,
                    ))),
                })
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Reads a codebook file on a thread.
    pub fn read_codebook(&mut self, path: PathBuf) {
        let for_panic = path.clone();
        let started = self.spawn(
            "read-codebook",
            move |_| {
                let result = crate::storage::codebook::read(&path);
                Some(JobEvent::CodebookRead { path, result })
            },
            move |detail| {
                Some(JobEvent::CodebookRead {
                    path: for_panic,
                    result: Err(guard::internal_error("reading the codebook", &detail)),
                })
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Reads another coder's session on a thread, to compare with (nothing is locked or
    /// offered: it is only read).
    pub fn load_compare(&mut self, path: PathBuf, merge: bool) {
        let for_panic = path.clone();
        let started = self.spawn(
            "load-compare",
            move |_| {
                let result = store::load_noting(&path)
                    .map(|(session, _, _)| Box::new(session))
                    .map_err(|e| e.to_string());
                Some(JobEvent::CompareLoaded {
                    path,
                    merge,
                    result,
                })
            },
            move |detail| {
                Some(JobEvent::CompareLoaded {
                    path: for_panic,
                    merge,
                    result: Err(guard::internal_error("reading the session", &detail)),
                })
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Writes the codebook on a thread.
    pub fn write_codebook(&mut self, path: PathBuf, book: crate::model::codebook::Codebook) {
        let for_panic = path.clone();
        let started = self.spawn(
            "write-codebook",
            move |_| {
                let result = crate::storage::codebook::write(&path, &book);
                Some(JobEvent::CodebookWritten { path, result })
            },
            move |detail| {
                Some(JobEvent::CodebookWritten {
                    path: for_panic,
                    result: Err(guard::internal_error("writing the codebook", &detail)),
                })
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Compiles the analyser for `codebook` (over the user lexicon in `lexicon_dir`, if any)
    /// on a thread.
    pub fn build_analyzer(
        &mut self,
        lexicon_dir: Option<PathBuf>,
        codebook: crate::model::codebook::Codebook,
    ) {
        let for_panic = codebook.clone();
        let started = self.spawn(
            "build-analyzer",
            move |_| {
                let result = Analyzer::with_codebook(lexicon_dir.as_deref(), &codebook)
                    .map(Arc::new)
                    .map_err(|e| e.to_string());
                Some(JobEvent::AnalyzerBuilt { codebook, result })
            },
            move |detail| {
                Some(JobEvent::AnalyzerBuilt {
                    codebook: for_panic,
                    result: Err(guard::internal_error("reading the codebook", &detail)),
                })
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Reads open articles again with the current analyser (`articles`: their sources and
    /// parsed text) on a thread.
    pub fn read_again(&mut self, articles: Vec<(crate::document::Source, crate::parse::Article)>) {
        let analyzer = self.analyzer.clone();
        let started = self.spawn(
            "read-again",
            move |_| {
                let analyzer = analyzer.as_deref().unwrap_or_else(|| Analyzer::bundled());
                let docs = articles
                    .into_iter()
                    .map(|(source, article)| {
                        Document::read_again(source, article, analyzer)
                            .map(Box::new)
                            .map_err(JobError::from)
                    })
                    .collect();
                Some(JobEvent::ReadAgain(docs))
            },
            |detail| {
                Some(JobEvent::ReadAgain(vec![Err(JobError::Internal(
                    guard::internal_error("reading the articles again", &detail),
                ))]))
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Builds a matrix on a thread (see [`crate::workspace::Workspace::take_build`]). A
    /// panic inside is a bug in Briefing: it is said, and the matrix shown stays.
    pub fn build_matrix(&mut self, input: crate::workspace::BuildInput) {
        let started = self.spawn(
            "build-matrix",
            move |_| Some(JobEvent::MatrixBuilt(Ok(Box::new(input.build())))),
            |detail| {
                Some(JobEvent::MatrixBuilt(Err(guard::internal_error(
                    "building the matrix",
                    &detail,
                ))))
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// A way for another thread (the autosave) to report a failed write to the window.
    pub fn reporter(&self) -> impl Fn(String) + Send + Sync + 'static {
        let (tx, waker) = (self.tx.clone(), self.waker.clone());
        move |message| {
            let _ = tx.send(JobEvent::WriteFailed(message));
            waker();
        }
    }

    /// Takes an untitled name for this window in `sessions` (see `store::claim_untitled`); with
    /// `take_left`, work another copy left in an untitled autosave comes back to be offered.
    pub fn claim_untitled(&mut self, sessions: PathBuf, take_left: bool) {
        let fallback = sessions.join(format!("Untitled-{}.ron", std::process::id()));
        let started = self.spawn(
            "claim-untitled",
            move |_| {
                let claimed = store::claim_untitled(&sessions, take_left);
                let saved_at = store::modified_text(&store::autosave_path(&claimed.path));
                let left = claimed
                    .left
                    .filter(store::holds_work)
                    .map(|session| (Box::new(Checked::new(session)), saved_at));
                Some(JobEvent::Untitled {
                    path: claimed.path,
                    lock: claimed.lock,
                    left,
                })
            },
            // Should claiming fail, a name of this process's own stands in, unguarded.
            move |_| {
                Some(JobEvent::Untitled {
                    path: fallback,
                    lock: None,
                    left: None,
                })
            },
        );
        if started {
            self.running += 1;
        }
    }

    /// Takes the events that have arrived.
    pub fn poll(&mut self) -> Vec<JobEvent> {
        let events: Vec<JobEvent> = self.rx.try_iter().collect();
        for e in &events {
            match e {
                JobEvent::Opened { job, .. } => {
                    self.cancels.remove(job);
                    self.running = self.running.saturating_sub(1);
                }
                JobEvent::SessionLoaded { .. }
                | JobEvent::FolderListed { .. }
                | JobEvent::Untitled { .. }
                | JobEvent::Exported { .. }
                | JobEvent::CodebookRead { .. }
                | JobEvent::CompareLoaded { .. }
                | JobEvent::CodebookWritten { .. }
                | JobEvent::AnalyzerBuilt { .. }
                | JobEvent::ReadAgain(_)
                | JobEvent::MatrixBuilt(_) => {
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

/// Shows the native file dialog for `purpose` and waits for it; no path when cancelled or when
/// no dialog can be shown.
fn show_dialog(purpose: &Purpose) -> Vec<PathBuf> {
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
    let one = |handle: Option<rfd::FileHandle>| {
        handle.map(|h| h.path().to_path_buf()).into_iter().collect()
    };
    match purpose {
        Purpose::Articles => pollster::block_on(
            article_filters(rfd::AsyncFileDialog::new().set_title("Open articles")).pick_files(),
        )
        .unwrap_or_default()
        .into_iter()
        .map(|h| h.path().to_path_buf())
        .collect(),
        Purpose::Folder => one(pollster::block_on(
            rfd::AsyncFileDialog::new()
                .set_title("Open the articles of a folder")
                .pick_folder(),
        )),
        Purpose::Locate(old) => one(pollster::block_on(
            article_filters(
                rfd::AsyncFileDialog::new().set_title(format!("Where is {}?", old.display())),
            )
            .pick_file(),
        )),
        Purpose::OpenSession => one(pollster::block_on(
            session_filters(rfd::AsyncFileDialog::new().set_title("Open session")).pick_file(),
        )),
        Purpose::SaveSession => one(pollster::block_on(
            session_filters(rfd::AsyncFileDialog::new().set_title("Save session as"))
                .set_file_name("briefing.ron")
                .save_file(),
        )),
        Purpose::Export(format, name) => one(pollster::block_on(
            rfd::AsyncFileDialog::new()
                .set_title(format!("Export the matrix as {}", format.label()))
                .set_file_name(name)
                .save_file(),
        )),
        Purpose::ImportCodebook => one(pollster::block_on(
            rfd::AsyncFileDialog::new()
                .set_title("Import a codebook")
                .add_filter("Codebooks", &["ron"])
                .add_filter("All files", &["*"])
                .pick_file(),
        )),
        Purpose::CompareSession => one(pollster::block_on(
            session_filters(rfd::AsyncFileDialog::new().set_title("Compare with session"))
                .pick_file(),
        )),
        Purpose::MergeSession => one(pollster::block_on(
            session_filters(rfd::AsyncFileDialog::new().set_title("Merge session")).pick_file(),
        )),
        Purpose::ExportCodebook => one(pollster::block_on(
            rfd::AsyncFileDialog::new()
                .set_title("Export the codebook")
                .add_filter("Codebooks", &["ron"])
                .set_file_name("codebook.ron")
                .save_file(),
        )),
    }
}

#[cfg(all(test, target_os = "linux"))]
mod priority_tests {
    /// The calling thread's nice value, from /proc.
    fn nice() -> i32 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("stat");
        let after = &stat[stat.rfind(')').expect("name") + 2..];
        // After the name: state is field 3 of the file, nice field 19.
        after
            .split(' ')
            .nth(16)
            .and_then(|n| n.parse().ok())
            .expect("nice")
    }

    #[test]
    fn reading_articles_runs_below_the_windows_priority() {
        let window = nice();
        let reader = std::thread::spawn(|| {
            super::yield_to_the_window();
            nice()
        })
        .join()
        .expect("thread");
        assert!(reader > window, "reader {reader}, window {window}");
        // The window's own thread is left as it was.
        assert_eq!(nice(), window);
    }
}
