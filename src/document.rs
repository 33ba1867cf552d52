//! One opened article: where it came from, its parsed text and its analysis.
//!
//! This is what the command line prints and what the window shows; building one is the whole
//! pipeline (load, parse, analyse) and does no I/O beyond reading the file.

use crate::analysis::{Analyzer, Highlights};
use crate::guard;
use crate::load::{self, Format, LoadError, Loaded};
use crate::model::Briefing;
use crate::parse::{self, Article};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where the bundled sample article lives in the repository.
pub const SAMPLE_PATH: &str = "assets/samples/seed-article.txt";

/// The text of the bundled sample article.
pub const SAMPLE_TEXT: &str = include_str!("../assets/samples/seed-article.txt");

/// Where an article came from and how it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    pub encoding: String,
    pub bytes: u64,
    /// FNV-1a 64 of the decoded text as 16 hex digits: tells whether the article changed.
    pub hash: String,
}

/// An article with its analysis.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: Source,
    pub article: Article,
    pub briefing: std::sync::Arc<Briefing>,
    /// Where actors and cue words stand in the text, for the reader.
    pub highlights: Highlights,
    /// The analyser that read it ([`Analyzer::id`]).
    pub analyzer: u64,
}

impl Document {
    /// What people call this article: its title, else its file name, else its path.
    pub fn display_name(&self) -> String {
        self.article.title.clone().unwrap_or_else(|| {
            self.source.path.file_name().map_or_else(
                || self.source.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
    }

    /// Loads, parses and analyses a file. Any failure, a bug in the analysis included, comes back
    /// as an error naming the file: this is the boundary of one article's work.
    pub fn open(path: &Path, analyzer: &Analyzer) -> Result<Self, LoadError> {
        let loaded = guard::catch(|| load::load_file(path))
            .map_err(|detail| internal(path, "reading the file", &detail))??;
        Self::from_owned(path, loaded, analyzer)
    }

    /// The bundled sample article (the user's example wire story), compiled into the binary so
    /// that it opens from anywhere.
    pub fn sample(analyzer: &Analyzer) -> Result<Self, LoadError> {
        let path = Path::new(SAMPLE_PATH);
        let loaded = load::load_bytes(path, SAMPLE_TEXT.as_bytes().to_vec())?;
        Self::from_owned(path, loaded, analyzer)
    }

    /// Opens the articles of a session as the window does (the bundled sample from anywhere):
    /// those `may_read` allows are read; the others are held back unread.
    pub fn open_session(
        session: &crate::model::session::Session,
        analyzer: &Analyzer,
        may_read: impl Fn(&Path) -> bool,
    ) -> SessionArticles {
        let mut opened = SessionArticles::default();
        for article in &session.articles {
            if !may_read(&article.path) {
                opened.held_back.push(article.clone());
                continue;
            }
            let doc = if article.path == Path::new(SAMPLE_PATH) {
                Self::sample(analyzer)
            } else {
                Self::open(&article.path, analyzer)
            };
            match doc {
                Ok(doc) => opened.docs.push(doc),
                Err(e) => opened.missing.push((article.clone(), e.to_string())),
            }
        }
        opened
    }

    /// Parses and analyses text already decoded. A page in which no sentence is found (only
    /// links and navigation) is refused with a message saying so. A panic in parsing or analysis
    /// is caught here and becomes [`LoadError::Internal`].
    pub fn from_loaded(
        path: &Path,
        loaded: &Loaded,
        analyzer: &Analyzer,
    ) -> Result<Self, LoadError> {
        let source = Source::of(path, loaded);
        let article = parsed(path, loaded)?;
        Self::analysed(source, article, analyzer)
    }

    /// Like [`Document::from_loaded`], and the decoded text is let go once it is parsed, so
    /// that a large file is not held twice while it is analysed.
    pub fn from_owned(path: &Path, loaded: Loaded, analyzer: &Analyzer) -> Result<Self, LoadError> {
        let source = Source::of(path, &loaded);
        let article = parsed(path, &loaded)?;
        drop(loaded);
        Self::analysed(source, article, analyzer)
    }

    fn analysed(source: Source, article: Article, analyzer: &Analyzer) -> Result<Self, LoadError> {
        let (briefing, highlights) = guard::catch(|| analyzer.analyze_with_highlights(&article))
            .map_err(|detail| internal(&source.path, "analysing the article", &detail))?;
        Ok(Self {
            source,
            article,
            briefing: std::sync::Arc::new(briefing),
            highlights,
            analyzer: analyzer.id(),
        })
    }

    /// The same article read again with another analyser (a codebook was imported): its text
    /// and parse stay, its analysis is new.
    pub fn read_again(
        source: Source,
        article: Article,
        analyzer: &Analyzer,
    ) -> Result<Self, LoadError> {
        Self::analysed(source, article, analyzer)
    }
}

/// A session's articles, opened: those read, those that could not be (with why, in words), and
/// those not read because they lie outside the analyst's folders.
#[derive(Debug, Default)]
pub struct SessionArticles {
    pub docs: Vec<Document>,
    pub missing: Vec<(crate::model::session::ArticleRef, String)>,
    pub held_back: Vec<crate::model::session::ArticleRef>,
}

impl Source {
    fn of(path: &Path, loaded: &Loaded) -> Self {
        Self {
            path: path.to_path_buf(),
            format: loaded.format,
            encoding: loaded.encoding.clone(),
            bytes: loaded.byte_len,
            hash: fnv1a_hex(loaded.text.as_bytes()),
        }
    }
}

/// The article of a decoded text; one with no sentence at all is refused in plain words.
fn parsed(path: &Path, loaded: &Loaded) -> Result<Article, LoadError> {
    guard::catch(|| {
        guard::failpoint(&loaded.text);
        parse::parse(loaded)
    })
    .map_err(|detail| internal(path, "analysing the article", &detail))
    .and_then(|article| {
        if article.sentences.is_empty() {
            Err(LoadError::NoText {
                path: path.to_path_buf(),
                what: match loaded.format {
                    Format::Html => "page (only links, menus or scripts)",
                    Format::Markdown | Format::Text => "file (only headings, credits or markup)",
                },
            })
        } else {
            Ok(article)
        }
    })
}

fn internal(path: &Path, doing: &str, detail: &str) -> LoadError {
    LoadError::Internal {
        path: path.to_path_buf(),
        message: guard::internal_error(doing, detail),
    }
}

/// FNV-1a, 64 bits, as hex. Not cryptographic: it only has to notice an edited file.
pub fn fnv1a_hex(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
