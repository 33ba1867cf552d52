//! One opened article: where it came from, its parsed text and its analysis.
//!
//! This is what the command line prints and what the window shows; building one is the whole
//! pipeline (load, parse, analyse) and does no I/O beyond reading the file.

use crate::analysis::{Analyzer, Highlights};
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
    pub briefing: Briefing,
    /// Where actors and cue words stand in the text, for the reader.
    pub highlights: Highlights,
}

impl Document {
    /// Loads, parses and analyses a file.
    pub fn open(path: &Path, analyzer: &Analyzer) -> Result<Self, LoadError> {
        let loaded = load::load_file(path)?;
        Ok(Self::from_loaded(path, &loaded, analyzer))
    }

    /// The bundled sample article (the user's example wire story), compiled into the binary so
    /// that it opens from anywhere.
    pub fn sample(analyzer: &Analyzer) -> Self {
        let path = Path::new(SAMPLE_PATH);
        match load::load_bytes(path, SAMPLE_TEXT.as_bytes().to_vec()) {
            Ok(loaded) => Self::from_loaded(path, &loaded, analyzer),
            // The sample is known text; this arm only keeps the signature honest.
            Err(_) => Self::from_loaded(
                path,
                &Loaded {
                    format: Format::Text,
                    encoding: "UTF-8".into(),
                    text: SAMPLE_TEXT.into(),
                    byte_len: SAMPLE_TEXT.len() as u64,
                },
                analyzer,
            ),
        }
    }

    /// Parses and analyses text already decoded.
    pub fn from_loaded(path: &Path, loaded: &Loaded, analyzer: &Analyzer) -> Self {
        let article = parse::parse(loaded);
        let (briefing, highlights) = analyzer.analyze_with_highlights(&article);
        Self {
            source: Source {
                path: path.to_path_buf(),
                format: loaded.format,
                encoding: loaded.encoding.clone(),
                bytes: loaded.byte_len,
                hash: fnv1a_hex(loaded.text.as_bytes()),
            },
            article,
            briefing,
            highlights,
        }
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
