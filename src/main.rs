//! The `briefing` binary: parses the command line and hands it to the window or to a command
//! (`briefing analyze`, `export`, `session show`, `eval`), whose bodies live in `cli.rs`.

mod cli;

use briefing::export::formats::ExportFormat;
use clap::{Parser, Subcommand};
use cli::{AgreeFormat, AgreeUnit, EvalSplit, ExportTarget, OutputFormat};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "briefing",
    version = env!("BRIEFING_VERSION"),
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
    /// A folder with extra actors.ron / cues.ron / topics.ron / sentiment.ron / words.ron to add to the bundled lexicon.
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// Compare the window's session with another coder's session (a .ron file), as File ›
    /// Compare with session… does; may be given more than once.
    #[arg(long, value_name = "FILE")]
    compare: Vec<PathBuf>,
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
        /// A folder with extra actors.ron / cues.ron / topics.ron / sentiment.ron / words.ron to add to the bundled lexicon.
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
        /// A codebook (RON: the analyst's topics and actors) to read the articles with: its
        /// topics take the stances named in their sentences first.
        #[arg(long, value_name = "FILE")]
        codebook: Option<PathBuf>,
    },
    /// How far coders agree: Krippendorff's alpha, Cohen's kappa, percent agreement and the
    /// disagreements between two or more sessions on the same articles (only hand stances and
    /// accepted suggestions count).
    Agree {
        /// Two or more sessions: names in the config folder, or paths to .ron files. Each
        /// session's coder is the name it carries, else its file's name.
        #[arg(required = true, num_args = 2..)]
        sessions: Vec<String>,
        /// What one unit is: an actor × topic cell, or a cell in one article (a hand stance
        /// counts in each article the cell stands in; articles matched by their content, so a
        /// moved file still matches).
        #[arg(long, value_enum, default_value_t = AgreeUnit::Cell)]
        unit: AgreeUnit,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AgreeFormat::Md)]
        format: AgreeFormat,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write over FILE if it exists.
        #[arg(long)]
        force: bool,
        /// Where named sessions live (default: the user's config folder).
        #[arg(long, value_name = "DIR")]
        config_dir: Option<PathBuf>,
        /// Also read the sessions' articles outside every folder you opened articles from.
        #[arg(long)]
        allow_outside: bool,
    },
    /// One session out of two coders' sessions on the same or overlapping articles: what one
    /// has and the other lacks is taken; cells they set differently keep both stances and wait
    /// to be settled (in the window: Take X's); every disagreement is listed.
    Merge {
        /// The first session (its choices win where names or merges differ).
        first: String,
        /// The second session.
        second: String,
        /// The merged session file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Write over FILE if it exists.
        #[arg(long)]
        force: bool,
        /// Where named sessions live (default: the user's config folder).
        #[arg(long, value_name = "DIR")]
        config_dir: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `briefing manpage > briefing.1`.
    Manpage,
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
        /// A codebook (RON: the analyst's topics and actors) to read the articles with, in
        /// place of the session's own.
        #[arg(long, value_name = "FILE")]
        codebook: Option<PathBuf>,
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
        folder: PathBuf,
        /// Which half to score.
        #[arg(long, value_enum, default_value_t = EvalSplit::All)]
        split: EvalSplit,
        /// Also list the labelled actors that were missed, by kind.
        #[arg(long)]
        misses: bool,
        /// Open the articles of the half together, as one corpus, and score the matrix they
        /// make: actors on one row across articles, columns that mean a labelled topic, the
        /// most salient rows and columns.
        #[arg(long)]
        corpus: bool,
        /// Read sentence structure from this file (one JSON tree a line, as
        /// `tools/peer_parse.py` writes it): who holds each stance word is then read from
        /// the tree.
        #[arg(long, value_name = "FILE")]
        parses: Option<PathBuf>,
        /// Write the sentences of the half to FILE (one JSON object a line, for a peer parser)
        /// and stop.
        #[arg(long, value_name = "FILE")]
        dump_sentences: Option<PathBuf>,
        /// Write every suggested stance's evidence sentence of the half to FILE as CSV, with
        /// its cues and whether a label confirms it (for calibrating confidence), and stop.
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
        /// Compare both halves with a baseline file (as --write-baseline writes it): each
        /// score's change and the articles that moved.
        #[arg(long, value_name = "FILE")]
        against: Option<PathBuf>,
        /// Write both halves' scores, and every article's, to FILE as a baseline, and stop.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Add the actors.ron / cues.ron / topics.ron / sentiment.ron / words.ron in DIR to
        /// the bundled lexicon before scoring (to measure a change to the word lists).
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
    },
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

fn main() -> ExitCode {
    briefing::guard::install_hook();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Analyze {
            files,
            format,
            lexicon,
            codebook,
        }) => cli::analyze(&files, format, lexicon.as_deref(), codebook.as_deref()),
        Some(Command::Session(SessionCommand::Show {
            session,
            config_dir,
            allow_outside,
        })) => cli::session_show(&session, config_dir, allow_outside),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Manpage) => manpage(),
        Some(Command::Merge {
            first,
            second,
            output,
            force,
            config_dir,
        }) => cli::merge(&first, &second, &output, force, config_dir),
        Some(agree @ Command::Agree { .. }) => run_agree(agree),
        Some(Command::Export {
            session,
            articles,
            config_dir,
            format,
            output,
            force,
            allow_outside,
            codebook,
        }) => {
            let target = ExportTarget {
                format,
                output,
                force,
                codebook,
            };
            cli::export(
                session.as_deref(),
                &articles,
                config_dir,
                &target,
                allow_outside,
            )
        }
        Some(Command::Eval {
            folder,
            split,
            misses,
            corpus,
            parses,
            dump_sentences,
            predictions,
            against,
            write_baseline,
            lexicon,
        }) => {
            let how = cli::EvalHow {
                lexicon,
                misses,
                together: corpus,
                parses,
                dump_sentences,
                predictions,
                against,
                write_baseline,
            };
            cli::eval(&folder, split, &how)
        }
        None => match misplaced_command(&cli.files) {
            Some(name) => {
                eprintln!(
                    "briefing: `{name}` is a command, and options given before a command belong to the window. Put them after it: briefing {name} … --config-dir DIR"
                );
                ExitCode::from(2)
            }
            None => cli::window(
                cli.files,
                cli.config_dir,
                cli.session,
                cli.lexicon,
                cli.compare,
            ),
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

/// `briefing completions SHELL`: the completion script, from the command line's definition.
fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "briefing", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// `briefing manpage`: the manual page (roff), from the command line's definition.
fn manpage() -> ExitCode {
    let page = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
    match page.render(&mut std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("briefing: the manual page could not be written: {e}");
            ExitCode::from(1)
        }
    }
}

/// `briefing agree …`, its arguments handed on.
fn run_agree(command: Command) -> ExitCode {
    let Command::Agree {
        sessions,
        unit,
        format,
        output,
        force,
        config_dir,
        allow_outside,
    } = command
    else {
        return ExitCode::from(2);
    };
    cli::agree(
        &sessions,
        config_dir,
        unit,
        format,
        output.as_deref(),
        force,
        allow_outside,
    )
}
