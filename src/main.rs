//! The `briefing` binary: the command line, and (next) the window.

use anyhow::Context as _;
use briefing::analysis::{Analyzer, lexicon::Lexicon};
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
    about = "Who stands where on what: news articles as a stance matrix."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
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
        /// A folder with extra actors.ron / cues.ron / topics.ron to add to the bundled lexicon.
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Md,
    Csv,
}

fn main() -> ExitCode {
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
        None => {
            eprintln!(
                "briefing: the window is not built yet; use `briefing analyze FILE...` (see --help)"
            );
            ExitCode::from(2)
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
            let mut lexicon = Lexicon::bundled()?;
            lexicon
                .extend_from_dir(&dir)
                .with_context(|| format!("reading the lexicon in {}", dir.display()))?;
            owned = Analyzer::new(lexicon);
            &owned
        }
        None => Analyzer::bundled(),
    };
    let mut docs = Vec::new();
    let mut all_read = true;
    if files.is_empty() {
        docs.push(Document::sample(analyzer));
    }
    for path in files {
        match Document::open(path, analyzer) {
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
    let out = match format {
        OutputFormat::Json => export::json(&docs),
        OutputFormat::Csv => export::csv(&docs)?,
        OutputFormat::Md => docs
            .iter()
            .map(export::markdown)
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    match writeln!(stdout, "{out}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(all_read)
}
