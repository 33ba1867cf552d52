//! The command bodies of the `briefing` binary: the window's start-up, `analyze`, `export`,
//! `session show` and `eval`. `main.rs` parses the command line and calls one of these; each
//! prints what it has to say and returns the exit code.

use briefing::analysis::Analyzer;
use briefing::app::{AppOptions, BriefingApp};
use briefing::document::Document;
use briefing::export;
use briefing::export::formats::ExportFormat;
use clap::ValueEnum;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// `briefing analyze`: exits 0 when every file was read, 1 when one was not, 2 when nothing
/// could be done (a lexicon that cannot be read).
pub(crate) fn analyze(
    files: &[PathBuf],
    format: OutputFormat,
    lexicon: Option<&std::path::Path>,
    codebook: Option<&std::path::Path>,
) -> ExitCode {
    let analyzer = match analyzer_for(lexicon, codebook) {
        Ok(analyzer) => analyzer,
        Err(e) => {
            eprintln!("briefing: {e:#}");
            return ExitCode::from(2);
        }
    };
    match analyze_files(
        files,
        format,
        analyzer.as_deref().unwrap_or_else(|| Analyzer::bundled()),
    ) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("briefing: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `briefing session show`.
pub(crate) fn session_show(
    session: &str,
    config_dir: Option<PathBuf>,
    allow_outside: bool,
) -> ExitCode {
    let config_dir = config_dir.or_else(briefing::storage::default_config_dir);
    match resolve_session(session, config_dir.as_deref()) {
        Ok(file) => {
            let readable = Readable::new(&file, config_dir.as_deref(), allow_outside);
            show_session_file(&file, &readable)
        }
        Err(code) => code,
    }
}

/// `briefing export`: a session's matrix, or the analysis of articles named instead.
pub(crate) fn export(
    session: Option<&str>,
    articles: &[PathBuf],
    config_dir: Option<PathBuf>,
    target: &ExportTarget,
    allow_outside: bool,
) -> ExitCode {
    let config_dir = config_dir.or_else(briefing::storage::default_config_dir);
    match session {
        Some(session) => match resolve_session(session, config_dir.as_deref()) {
            Ok(file) => {
                let readable = Readable::new(&file, config_dir.as_deref(), allow_outside);
                export_session(&file, target, &readable)
            }
            Err(code) => code,
        },
        None => export_articles(articles, target),
    }
}

/// What `briefing agree` counts as one unit.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum AgreeUnit {
    /// An actor × topic cell.
    Cell,
    /// An actor × topic cell in one article (articles matched by content).
    Article,
}

impl From<AgreeUnit> for briefing::export::agreement::UnitKind {
    fn from(unit: AgreeUnit) -> Self {
        match unit {
            AgreeUnit::Cell => Self::Cell,
            AgreeUnit::Article => Self::Article,
        }
    }
}

/// What `briefing agree` writes.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum AgreeFormat {
    /// Markdown, for a methods section.
    Md,
    /// One self-contained HTML page.
    Html,
    /// The disagreements, a row per unit and coder.
    Csv,
    /// Every figure and disagreement.
    Json,
}

/// `briefing agree`: how far the coders of two or more sessions on the same articles agree.
/// Each session's coder is the name it carries, else its file's name.
pub(crate) fn agree(
    sessions: &[String],
    config_dir: Option<PathBuf>,
    unit: AgreeUnit,
    format: AgreeFormat,
    output: Option<&std::path::Path>,
    force: bool,
    allow_outside: bool,
) -> ExitCode {
    let config_dir = config_dir.or_else(briefing::storage::default_config_dir);
    let mut work = Vec::new();
    for name in sessions {
        let file = match resolve_session(name, config_dir.as_deref()) {
            Ok(file) => file,
            Err(code) => return code,
        };
        let readable = Readable::new(&file, config_dir.as_deref(), allow_outside);
        let (export, session) = match session_export(&file, None, &readable) {
            Ok(read) => read,
            Err(code) => return code,
        };
        let coder = session.coder.clone().unwrap_or_else(|| {
            file.file_stem()
                .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned())
        });
        work.push(briefing::export::agreement::coder_work(
            &export,
            &coder,
            unit.into(),
            &session.articles,
        ));
    }
    let report = briefing::model::agreement::Report::build(&work);
    let mut bytes = Vec::new();
    let written = match format {
        AgreeFormat::Md => {
            bytes = briefing::export::agreement::markdown(&report).into_bytes();
            Ok(())
        }
        AgreeFormat::Html => {
            bytes = briefing::export::agreement::html(&report).into_bytes();
            Ok(())
        }
        AgreeFormat::Csv => briefing::export::agreement::csv(&report, &mut bytes),
        AgreeFormat::Json => serde_json::to_writer_pretty(&mut bytes, &report)
            .map_err(std::io::Error::from)
            .map(|()| bytes.push(b'\n')),
    };
    let written = written
        .map_err(|e| e.to_string())
        .and_then(|()| match output {
            Some(path) if path.exists() && !force => Err(format!(
                "{} exists; nothing was written (add --force to replace it)",
                path.display()
            )),
            Some(path) => briefing::storage::write_atomic(path, &bytes).map_err(|e| e.to_string()),
            None => std::io::stdout()
                .lock()
                .write_all(&bytes)
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .map_err(|e| e.to_string()),
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("briefing: the agreement report could not be written: {e}");
            ExitCode::from(1)
        }
    }
}

/// `briefing merge A B -o C`: one session out of two coders' sessions; what they disagreed
/// on is printed, and cells set differently wait in the result to be settled.
pub(crate) fn merge(
    first: &str,
    second: &str,
    output: &std::path::Path,
    force: bool,
    config_dir: Option<PathBuf>,
) -> ExitCode {
    let config_dir = config_dir.or_else(briefing::storage::default_config_dir);
    let mut read = Vec::new();
    for name in [first, second] {
        let file = match resolve_session(name, config_dir.as_deref()) {
            Ok(file) => file,
            Err(code) => return code,
        };
        match briefing::storage::session::load_noting(&file) {
            Ok((session, _, notes)) => {
                if let Some(message) = notes.message(&file.display().to_string()) {
                    eprintln!("briefing: warning: {message}");
                }
                let coder = session.coder.clone().unwrap_or_else(|| {
                    file.file_stem()
                        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned())
                });
                read.push((session, coder));
            }
            Err(e) => {
                eprintln!("briefing: {e}");
                return ExitCode::from(1);
            }
        }
    }
    if output.exists() && !force {
        eprintln!(
            "briefing: {} exists; nothing was written (add --force to replace it)",
            output.display()
        );
        return ExitCode::from(1);
    }
    let merged = briefing::model::merge::merge(&read[0].0, &read[1].0, &read[0].1, &read[1].1);
    if let Err(e) = briefing::storage::session::save(output, &merged.session) {
        eprintln!("briefing: the merged session could not be written: {e}");
        return ExitCode::from(1);
    }
    println!(
        "Merged {} ({}) and {} ({}) into {}: {} cells wait to be settled.",
        first,
        read[0].1,
        second,
        read[1].1,
        output.display(),
        merged.session.disputed.len()
    );
    for conflict in &merged.conflicts {
        println!("- {conflict}");
    }
    ExitCode::SUCCESS
}

/// How `briefing eval` scores.
pub(crate) struct EvalHow {
    pub misses: bool,
    pub together: bool,
    pub parses: Option<std::path::PathBuf>,
    pub dump_sentences: Option<std::path::PathBuf>,
    pub predictions: Option<std::path::PathBuf>,
    pub against: Option<std::path::PathBuf>,
    pub write_baseline: Option<std::path::PathBuf>,
    pub lexicon: Option<std::path::PathBuf>,
}

/// The bundled lexicon with the files of `dir` added, or the exit code once the reason it
/// could not be read is said.
fn eval_lexicon(
    dir: Option<&std::path::Path>,
) -> Result<briefing::analysis::lexicon::Lexicon, ExitCode> {
    let read = || {
        let mut lexicon = briefing::analysis::lexicon::Lexicon::bundled()?;
        if let Some(dir) = dir {
            lexicon.extend_from_dir(dir)?;
        }
        Ok::<_, briefing::analysis::lexicon::LexiconError>(lexicon)
    };
    read().map_err(|e| {
        eprintln!("briefing: reading the lexicon: {e}");
        ExitCode::from(1)
    })
}

/// `briefing eval`: the scores on the labelled corpus, or why it could not be read.
pub(crate) fn eval(corpus: &std::path::Path, split: EvalSplit, how: &EvalHow) -> ExitCode {
    let split = match split {
        EvalSplit::Dev => briefing::eval::Split::Dev,
        EvalSplit::Test => briefing::eval::Split::Test,
        EvalSplit::All => briefing::eval::Split::All,
    };
    if let Some(out) = &how.dump_sentences {
        return match briefing::eval::dump_sentences(corpus, split, out) {
            Ok(n) => {
                eprintln!("briefing: wrote {n} sentences to {}", out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("briefing: {e}");
                ExitCode::from(1)
            }
        };
    }
    // Read only when the bundled analyser will not do.
    let lexicon = || eval_lexicon(how.lexicon.as_deref());
    let own;
    let analyzer: &Analyzer = match (&how.parses, &how.lexicon) {
        (None, None) => Analyzer::bundled(),
        (None, Some(_)) => match lexicon() {
            Ok(lexicon) => {
                own = Analyzer::new(lexicon);
                &own
            }
            Err(code) => return code,
        },
        (Some(path), _) => {
            let read = std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|text| briefing::analysis::grammar::external::Parses::read(&text));
            match read {
                Ok(parses) => {
                    eprintln!(
                        "briefing: {} parsed sentences from {}",
                        parses.len(),
                        path.display()
                    );
                    let lexicon = match lexicon() {
                        Ok(lexicon) => lexicon,
                        Err(code) => return code,
                    };
                    own = Analyzer::new(lexicon).with_parser(std::sync::Arc::new(parses));
                    &own
                }
                Err(e) => {
                    eprintln!("briefing: {}: {e}", path.display());
                    return ExitCode::from(1);
                }
            }
        }
    };
    if let Some(out) = &how.predictions {
        return predictions(corpus, split, analyzer, out);
    }
    if how.against.is_some() || how.write_baseline.is_some() {
        return baseline(corpus, analyzer, how);
    }
    if how.together {
        let result = briefing::eval::corpus::run(corpus, split, analyzer);
        return match result {
            Ok(score) => {
                print!("{}", briefing::eval::corpus::report(&score));
                if how.misses {
                    print!("{}", briefing::eval::corpus::misses_report(&score));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("briefing: {e}");
                ExitCode::from(1)
            }
        };
    }
    let result = briefing::eval::run(corpus, split, analyzer).map(|rows| {
        let mut out = briefing::eval::report(&rows);
        if how.misses {
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

/// `briefing eval --predictions FILE`: every suggested stance sentence of the half, as CSV.
fn predictions(
    corpus: &std::path::Path,
    split: briefing::eval::Split,
    analyzer: &Analyzer,
    out: &std::path::Path,
) -> ExitCode {
    let written = briefing::eval::predictions(corpus, split, analyzer).and_then(|rows| {
        let mut w = csv::Writer::from_path(out)
            .map_err(|e| briefing::eval::EvalError::Article(format!("{}: {e}", out.display())))?;
        for row in &rows {
            w.serialize(row)
                .map_err(|e| briefing::eval::EvalError::Article(e.to_string()))?;
        }
        w.flush()
            .map_err(|e| briefing::eval::EvalError::Article(e.to_string()))?;
        Ok(rows.len())
    });
    match written {
        Ok(n) => {
            eprintln!("briefing: wrote {n} predictions to {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("briefing: {e}");
            ExitCode::from(1)
        }
    }
}

/// `briefing eval --write-baseline FILE` and `--against FILE`: both halves scored, then
/// written as a baseline or compared with one.
fn baseline(corpus: &std::path::Path, analyzer: &Analyzer, how: &EvalHow) -> ExitCode {
    use briefing::eval::baseline::Baseline;
    let rows = match briefing::eval::run(corpus, briefing::eval::Split::All, analyzer) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("briefing: {e}");
            return ExitCode::from(1);
        }
    };
    let now = Baseline::of(
        &rows,
        &format!(
            "briefing {}, {} articles",
            env!("CARGO_PKG_VERSION"),
            rows.len()
        ),
    );
    if let Some(out) = &how.write_baseline {
        return match std::fs::write(out, now.write()) {
            Ok(()) => {
                eprintln!("briefing: wrote the baseline to {}", out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("briefing: {}: {e}", out.display());
                ExitCode::from(1)
            }
        };
    }
    let Some(path) = &how.against else {
        return ExitCode::SUCCESS;
    };
    let then = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| Baseline::read(&text));
    match then {
        Ok(then) => {
            print!("{}", then.compare(&now));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("briefing: {}: {e}", path.display());
            ExitCode::from(1)
        }
    }
}

/// What `briefing analyze` prints.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum OutputFormat {
    Json,
    Md,
    Csv,
}

/// Which half of the labelled corpus `briefing eval` scores.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum EvalSplit {
    Dev,
    Test,
    All,
}

/// The window's icon (title bar and task bar), from the bundled PNG; none if it cannot be
/// read, which a test rules out.
fn window_icon() -> egui::IconData {
    briefing::app::window_icon().unwrap_or_default()
}

/// Opens the window; returns when it closes.
pub(crate) fn window(
    files: Vec<PathBuf>,
    config_dir: Option<PathBuf>,
    session: Option<String>,
    lexicon: Option<PathBuf>,
    compare: Vec<PathBuf>,
) -> ExitCode {
    let config_dir = config_dir.or_else(briefing::storage::default_config_dir);
    let options = AppOptions {
        files,
        config_dir,
        open_sample: true,
        session,
        lexicon,
        autosave_every: None,
        compare,
    };
    // The size and place the window had when it last closed (the app reads the rest of the
    // settings; a broken file is said there).
    let kept = options
        .config_dir
        .as_deref()
        .and_then(|d| briefing::storage::settings::Settings::load(d).ok())
        .unwrap_or_default();
    let size = kept
        .window_size
        .filter(|s| briefing::storage::settings::sensible(*s, 200.0))
        .unwrap_or([1400.0, 900.0]);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Briefing")
        .with_app_id(briefing::app::APP_ID)
        .with_inner_size(size)
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true)
        .with_icon(window_icon());
    if let Some(at) = kept
        .window_position
        .filter(|p| briefing::storage::settings::sensible(*p, 0.0))
    {
        viewport = viewport.with_position(at);
    }
    let native = eframe::NativeOptions {
        viewport,
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
pub(crate) struct ExportTarget {
    pub format: ExportFormat,
    pub output: Option<PathBuf>,
    pub force: bool,
    /// A codebook file to read the articles with, in place of the session's own.
    pub codebook: Option<PathBuf>,
}

/// The session's codebook, or the one named on the command line in its place; and the
/// analyser for it (`None`: the bundled one).
fn export_codebook(
    session: &mut briefing::model::session::Session,
    codebook: Option<&std::path::Path>,
) -> Result<Option<Box<Analyzer>>, ExitCode> {
    let fail = |e: anyhow::Error| {
        eprintln!("briefing: {e:#}");
        ExitCode::from(2)
    };
    if let Some(path) = codebook {
        session.codebook = read_codebook(path).map_err(fail)?;
    }
    if session.codebook.is_empty() {
        return Ok(None);
    }
    Analyzer::with_codebook(None, &session.codebook)
        .map(|a| Some(Box::new(a)))
        .map_err(|e| fail(e.into()))
}

/// Exports a session over its articles; articles that cannot be read are named on stderr and
/// their hand work is still exported.
fn export_session(file: &std::path::Path, target: &ExportTarget, readable: &Readable) -> ExitCode {
    match session_export(file, target.codebook.as_deref(), readable) {
        Ok((export, _)) => write_export(&export, target),
        Err(code) => code,
    }
}

/// The export model of a session over its articles (and the session), or the exit code of
/// why it could not be read.
fn session_export(
    file: &std::path::Path,
    codebook: Option<&std::path::Path>,
    readable: &Readable,
) -> Result<
    (
        briefing::export::model::Export,
        briefing::model::session::Session,
    ),
    ExitCode,
> {
    let mut session = match briefing::storage::session::load_noting(file) {
        Ok((session, _, notes)) => {
            if let Some(message) = notes.message(&file.display().to_string()) {
                eprintln!("briefing: warning: {message}");
            }
            session
        }
        Err(e) => {
            eprintln!("briefing: {e}");
            return Err(ExitCode::from(1));
        }
    };
    let analyzer = export_codebook(&mut session, codebook)?;
    let analyzer = analyzer.as_deref().unwrap_or_else(|| Analyzer::bundled());
    let opened = Document::open_session(&session, analyzer, |p| readable.allows(p));
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
    Ok((export, session))
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
    let analyzer = match export_codebook(&mut session, target.codebook.as_deref()) {
        Ok(analyzer) => analyzer,
        Err(code) => return code,
    };
    let analyzer = analyzer.as_deref().unwrap_or_else(|| Analyzer::bundled());
    // Files named on the command line are the analyst's own choice: all are read.
    let opened = Document::open_session(&session, analyzer, |_| true);
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
fn show_session_file(file: &std::path::Path, readable: &Readable) -> ExitCode {
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

/// Reads a codebook file, or says in words why it cannot be used.
fn read_codebook(path: &std::path::Path) -> anyhow::Result<briefing::model::codebook::Codebook> {
    briefing::storage::codebook::read(path).map_err(anyhow::Error::msg)
}

/// The analyser for a user lexicon folder and codebook, when either is given (`None`: the
/// bundled one).
fn analyzer_for(
    lexicon_dir: Option<&std::path::Path>,
    codebook: Option<&std::path::Path>,
) -> anyhow::Result<Option<Box<Analyzer>>> {
    let book = codebook.map(read_codebook).transpose()?;
    let lexicon = |e| {
        anyhow::Error::new(e).context(format!(
            "reading the lexicon in {}",
            lexicon_dir.map_or_else(String::new, |d| d.display().to_string())
        ))
    };
    Ok(match (lexicon_dir, book) {
        (dir, Some(book)) => Some(Box::new(
            Analyzer::with_codebook(dir, &book).map_err(lexicon)?,
        )),
        (Some(dir), None) => Some(Box::new(Analyzer::with_lexicon_dir(dir).map_err(lexicon)?)),
        (None, None) => None,
    })
}

/// Prints the analysis of every readable file; returns whether all of them could be read.
fn analyze_files(
    files: &[PathBuf],
    format: OutputFormat,
    analyzer: &Analyzer,
) -> anyhow::Result<bool> {
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
