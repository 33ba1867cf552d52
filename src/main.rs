//! The `briefing` binary: the window (default) and the command line (`briefing analyze`).

use anyhow::Context as _;
use briefing::analysis::Analyzer;
use briefing::app::{AppOptions, BriefingApp};
use briefing::document::Document;
use briefing::export;
use briefing::export::formats::ExportFormat;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Who stands where on what: news articles as a stance matrix.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Articles to open in the window. Without any, the bundled sample article opens.
    files: Vec<PathBuf>,
    /// Keep recent files and sessions in DIR instead of the user's config directory.
    #[arg(long, value_name = "DIR")]
    config_dir: Option<PathBuf>,
    /// Open the window on a saved session: a name in the config directory, or a path.
    #[arg(long, value_name = "NAME_OR_PATH")]
    session: Option<String>,
    /// A folder with extra actors.ron / cues.ron / topics.ron / sentiment.ron to add to the bundled lexicon.
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the analysis of one or more articles (.txt, .md, .html).
    Analyze {
        /// Article files. Without any, the bundled sample article is analysed.
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
        /// A folder with extra actors.ron / cues.ron / topics.ron / sentiment.ron to add to the bundled lexicon.
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
    },
    /// Work with saved sessions.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Export the analyst's matrix of a session (hand stances, accepted suggestions, notes,
    /// evidence), or of articles without a session, as JSON, CSV or a Markdown briefing.
    Export {
        /// The session: a name in the config folder, or a path to a .ron file.
        #[arg(required_unless_present = "articles")]
        session: Option<String>,
        /// Export these articles' analysis instead of a session.
        #[arg(long, num_args = 1.., value_name = "FILE", conflicts_with = "session")]
        articles: Vec<PathBuf>,
        /// Where named sessions live (default: the user's config folder).
        #[arg(long, value_name = "DIR")]
        config_dir: Option<PathBuf>,
        /// Output format: md or html (a briefing to read), svg (the matrix as a picture),
        /// json, csv (actors × topics), csv-long (one row per actor × topic × article), graphml.
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write over FILE if it exists.
        #[arg(long)]
        force: bool,
        /// Also read the session's articles that lie outside every folder you opened articles
        /// from (and outside the session's own folder). Without it they are left unread, as
        /// the window does, and their hand work is exported without their text.
        #[arg(long)]
        allow_outside: bool,
    },
    /// Score the analysis against hand-labelled real articles (actor and stance recall and
    /// precision, alias merge, spurious headings), per article and overall.
    Eval {
        /// The corpus folder: articles in sub-folders and labels/NAME.ron beside them.
        #[arg(default_value = "assets/corpus")]
        corpus: PathBuf,
        /// Which half to score.
        #[arg(long, value_enum, default_value_t = EvalSplit::All)]
        split: EvalSplit,
        /// Also list the labelled actors that were missed, by kind.
        #[arg(long)]
        misses: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalSplit {
    Dev,
    Test,
    All,
}

#[derive(Subcommand)]
enum SessionCommand {
    /// Check a session file and print a summary (articles, actors, topics, annotations).
    Show {
        /// The session: a name in the config folder, or a path to a .ron file.
        session: String,
        /// Where named sessions live (default: the user's config folder).
        #[arg(long, value_name = "DIR")]
        config_dir: Option<PathBuf>,
        /// Also look for the session's articles that lie outside every folder you opened
        /// articles from (and outside the session's own folder).
        #[arg(long)]
        allow_outside: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Md,
    Csv,
}

fn main() -> ExitCode {
    briefing::guard::install_hook();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Analyze {
            files,
            format,
            lexicon,
        }) => match analyze(&files, format, lexicon) {
            Ok(all_read) => {
                if all_read {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => {
                eprintln!("briefing: {e:#}");
                ExitCode::from(2)
            }
        },
        Some(Command::Session(SessionCommand::Show {
            session,
            config_dir,
            allow_outside,
        })) => {
            let config_dir = config_dir.or_else(briefing::storage::default_config_dir);
            match resolve_session(&session, config_dir.as_deref()) {
                Ok(file) => {
                    let readable = Readable::new(&file, config_dir.as_deref(), allow_outside);
                    session_show(&file, &readable)
                }
                Err(code) => code,
            }
        }
        Some(Command::Export {
            session,
            articles,
            config_dir,
            format,
            output,
            force,
            allow_outside,
        }) => {
            let target = ExportTarget {
                format,
                output,
                force,
            };
            let config_dir = config_dir.or_else(briefing::storage::default_config_dir);
            match session {
                Some(session) => match resolve_session(&session, config_dir.as_deref()) {
                    Ok(file) => {
                        let readable = Readable::new(&file, config_dir.as_deref(), allow_outside);
                        export_session(&file, &target, &readable)
                    }
                    Err(code) => code,
                },
                None => export_articles(&articles, &target),
            }
        }
        Some(Command::Eval {
            corpus,
            split,
            misses,
        }) => {
            let split = match split {
                EvalSplit::Dev => briefing::eval::Split::Dev,
                EvalSplit::Test => briefing::eval::Split::Test,
                EvalSplit::All => briefing::eval::Split::All,
            };
            let result = briefing::eval::run(&corpus, split, Analyzer::bundled()).map(|rows| {
                let mut out = briefing::eval::report(&rows);
                if misses {
                    out.push('\n');
                    out.push_str(&briefing::eval::misses_report(&rows));
                }
                out
            });
            match result {
                Ok(out) => {
                    print!("{out}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("briefing: {e}");
                    ExitCode::from(1)
                }
            }
        }
        None => match misplaced_command(&cli.files) {
            Some(name) => {
                eprintln!(
                    "briefing: `{name}` is a command, and options given before a command belong to the window. Put them after it: briefing {name} … --config-dir DIR"
                );
                ExitCode::from(2)
            }
            None => window(cli.files, cli.config_dir, cli.session, cli.lexicon),
        },
    }
}

/// A command's name given where the window takes files (`briefing --config-dir D session show
/// N` reads "session" as a file), when no file of that name exists.
fn misplaced_command(files: &[PathBuf]) -> Option<String> {
    use clap::CommandFactory;
    let first = files.first()?.to_str()?;
    let is_command = Cli::command()
        .get_subcommands()
        .any(|c| c.get_name() == first);
    (is_command && !std::path::Path::new(first).exists()).then(|| first.to_owned())
}

/// Opens the window; returns when it closes.
fn window(
    files: Vec<PathBuf>,
    config_dir: Option<PathBuf>,
    session: Option<String>,
    lexicon: Option<PathBuf>,
) -> ExitCode {
    let config_dir = config_dir.or_else(briefing::storage::default_config_dir);
    let options = AppOptions {
        files,
        config_dir,
        open_sample: true,
        session,
        lexicon,
        autosave_every: None,
    };
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Briefing")
            .with_app_id("briefing")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Briefing",
        native,
        Box::new(move |cc| {
            let app = BriefingApp::new(&cc.egui_ctx, options);
            briefing::terminate::install(app.autosave_flusher());
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "briefing: the window could not be opened ({e}). Is there a display? `briefing analyze FILE...` works without one."
            );
            ExitCode::from(1)
        }
    }
}

/// The file of a session named on the command line (a name in the config folder, or a path).
fn resolve_session(
    session: &str,
    config_dir: Option<&std::path::Path>,
) -> Result<PathBuf, ExitCode> {
    briefing::storage::session::resolve(session, config_dir).map_err(|message| {
        eprintln!("briefing: {message}");
        ExitCode::from(2)
    })
}

/// Which of a session's articles the command line may read: the window's rule (the folders
/// articles were opened from, kept in the config folder, and the session's own folder), or
/// every one with `--allow-outside`.
struct Readable {
    recent: briefing::storage::Recent,
    session_file: PathBuf,
    allow_outside: bool,
}

impl Readable {
    fn new(
        session_file: &std::path::Path,
        config_dir: Option<&std::path::Path>,
        allow_outside: bool,
    ) -> Self {
        let recent = match config_dir.map(briefing::storage::Recent::load) {
            Some(Ok(recent)) => recent,
            Some(Err(e)) if !allow_outside => {
                eprintln!("briefing: warning: {e}; only the session's own folder counts as yours");
                briefing::storage::Recent::default()
            }
            _ => briefing::storage::Recent::default(),
        };
        Self {
            recent,
            session_file: session_file.to_path_buf(),
            allow_outside,
        }
    }

    fn allows(&self, article: &std::path::Path) -> bool {
        self.allow_outside || self.recent.may_read(article, Some(&self.session_file))
    }
}

/// Where and how an export is written.
struct ExportTarget {
    format: ExportFormat,
    output: Option<PathBuf>,
    force: bool,
}

/// Exports a session over its articles; articles that cannot be read are named on stderr and
/// their hand work is still exported.
fn export_session(file: &std::path::Path, target: &ExportTarget, readable: &Readable) -> ExitCode {
    let session = match briefing::storage::session::load_noting(file) {
        Ok((session, _, notes)) => {
            if let Some(message) = notes.message(&file.display().to_string()) {
                eprintln!("briefing: warning: {message}");
            }
            session
        }
        Err(e) => {
            eprintln!("briefing: {e}");
            return ExitCode::from(1);
        }
    };
    let opened = Document::open_session(&session, Analyzer::bundled(), |p| readable.allows(p));
    for (article, why) in &opened.missing {
        eprintln!(
            "briefing: warning: {} could not be read ({why}); its hand work is exported without its text",
            article.path.display()
        );
    }
    for article in &opened.held_back {
        eprintln!(
            "briefing: warning: {} was not read: it is outside the folders you have opened articles from and the session's folder (add --allow-outside to read it); its hand work is exported without its text",
            article.path.display()
        );
    }
    let not_read: Vec<_> = opened
        .missing
        .into_iter()
        .map(|(a, _)| a)
        .chain(opened.held_back)
        .collect();
    let export = briefing::export::model::build(&opened.docs, &session, &not_read);
    write_export(&export, target)
}

/// Exports the analysis of articles, with no session.
fn export_articles(files: &[PathBuf], target: &ExportTarget) -> ExitCode {
    let mut session = briefing::model::session::Session::default();
    for path in files {
        session.articles.push(briefing::model::session::ArticleRef {
            path: path.clone(),
            hash: String::new(),
            title: None,
            date: None,
            format: briefing::load::Format::Text,
            encoding: String::new(),
        });
    }
    // Files named on the command line are the analyst's own choice: all are read.
    let opened = Document::open_session(&session, Analyzer::bundled(), |_| true);
    for (_, why) in &opened.missing {
        eprintln!("briefing: {why}");
    }
    if opened.docs.is_empty() {
        return ExitCode::from(1);
    }
    let read: std::collections::HashSet<&std::path::Path> = opened
        .docs
        .iter()
        .map(|d| d.source.path.as_path())
        .collect();
    session.articles.retain(|a| read.contains(a.path.as_path()));
    let export = briefing::export::model::build(&opened.docs, &session, &[]);
    write_export(&export, target)
}

fn write_export(export: &briefing::export::model::Export, target: &ExportTarget) -> ExitCode {
    let written = if let Some(path) = &target.output {
        if path.exists() && !target.force {
            eprintln!(
                "briefing: {} exists; nothing was written (add --force to replace it)",
                path.display()
            );
            return ExitCode::from(1);
        }
        let mut bytes = Vec::new();
        briefing::export::formats::write(export, target.format, &mut bytes)
            .map_err(|e| e.to_string())
            .and_then(|()| briefing::storage::write_atomic(path, &bytes).map_err(|e| e.to_string()))
    } else {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        match briefing::export::formats::write(export, target.format, &mut stdout)
            .and_then(|()| stdout.flush())
        {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
            _ => Ok(()),
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("briefing: the export could not be written: {e}");
            ExitCode::from(1)
        }
    }
}

/// Validates a session file and prints what it holds; a broken file exits 1 with
/// `file:line:column: reason`.
fn session_show(file: &std::path::Path, readable: &Readable) -> ExitCode {
    let loaded = briefing::guard::catch(|| briefing::storage::session::load_noting(file));
    let Ok(loaded) = loaded.map_err(|detail| {
        let message = briefing::guard::internal_error("reading the session", &detail);
        eprintln!("briefing: {}: {message}", file.display());
    }) else {
        return ExitCode::from(1);
    };
    match loaded {
        Ok((session, _, notes)) => {
            if let Some(message) = notes.message(&file.display().to_string()) {
                eprintln!("briefing: warning: {message}");
            }
            print!(
                "{}",
                briefing::storage::session::summary(&session, |p| readable.allows(p))
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("briefing: {e}");
            ExitCode::from(1)
        }
    }
}

/// Prints the analysis of every readable file; returns whether all of them could be read.
fn analyze(
    files: &[PathBuf],
    format: OutputFormat,
    lexicon_dir: Option<PathBuf>,
) -> anyhow::Result<bool> {
    let owned;
    let analyzer = match lexicon_dir {
        Some(dir) => {
            owned = Analyzer::with_lexicon_dir(&dir)
                .with_context(|| format!("reading the lexicon in {}", dir.display()))?;
            &owned
        }
        None => Analyzer::bundled(),
    };
    let mut docs = Vec::new();
    let mut all_read = true;
    let sample = files.is_empty().then(|| Document::sample(analyzer));
    // One article's failure, a bug in the analysis included, is that article's line on stderr;
    // every other article is still printed.
    let opened = files.iter().map(|path| Document::open(path, analyzer));
    for result in sample.into_iter().chain(opened) {
        match result {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("briefing: {e}");
                all_read = false;
            }
        }
    }
    if docs.is_empty() {
        return Ok(false);
    }
    // Written as it is made: the JSON of a large article is larger than the article.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match format {
        OutputFormat::Json => export::write_json(&docs, &mut stdout),
        OutputFormat::Csv => {
            let out = export::csv(&docs)?;
            stdout.write_all(out.as_bytes())
        }
        OutputFormat::Md => {
            let out = docs
                .iter()
                .map(export::markdown)
                .collect::<Vec<_>>()
                .join("\n---\n\n");
            stdout.write_all(out.as_bytes())
        }
    }
    .and_then(|()| writeln!(stdout))
    .and_then(|()| stdout.flush());
    match written {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(all_read),
    }
}
