//! The `briefing` binary: the window (default) and the command line (`briefing analyze`).

use anyhow::Context as _;
use briefing::analysis::Analyzer;
use briefing::app::{AppOptions, BriefingApp};
use briefing::document::Document;
use briefing::export;
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
        /// The session file (.ron).
        file: PathBuf,
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
        Some(Command::Session(SessionCommand::Show { file })) => session_show(&file),
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
        None => window(cli.files, cli.config_dir, cli.session, cli.lexicon),
    }
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
        Box::new(move |cc| Ok(Box::new(BriefingApp::new(&cc.egui_ctx, options)))),
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

/// Validates a session file and prints what it holds; a broken file exits 1 with
/// `file:line:column: reason`.
fn session_show(file: &std::path::Path) -> ExitCode {
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
            print!("{}", briefing::storage::session::summary(&session));
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
