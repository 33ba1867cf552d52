//! The few plain types that the readers, the parser and the model all speak: where a piece of
//! text stands in an article ([`Span`]), which sentence it is ([`SentenceId`]) and how the
//! article's file is marked up ([`Format`]). They sit below `load`, `parse` and `model`, so that
//! none of those has to reach up into another for them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A byte range in an article's text ([`crate::parse::Article::text`]). `u32` keeps the tables small; articles are capped far
/// below 4 GB by [`crate::load::MAX_ARTICLE_BYTES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from `usize` offsets.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: start as u32,
            end: end as u32,
        }
    }

    /// As a range for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Position of a sentence in its article, counted from zero in reading order. Stable for the
/// same text: parsing is deterministic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SentenceId(pub u32);

/// How the text of an article is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text, possibly hard-wrapped, with heading lines between paragraphs.
    Text,
    /// Markdown, optionally with YAML front matter.
    Markdown,
    /// An HTML page, typically saved from a browser.
    Html,
}

impl Format {
    /// The word shown to users and printed by the command line.
    pub fn word(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// Whether two paths name the same file as [`Path`]'s `==` says (component by component), with
/// a quick answer for the common case of two different file names: comparing a session's
/// thousands of articles with a new one component by component costs more than reading it.
pub fn same_path(a: &std::path::Path, b: &std::path::Path) -> bool {
    // Only '/' separates components here; elsewhere the slow way always decides.
    if cfg!(unix)
        && let (Some(x), Some(y)) = (own_name(a), own_name(b))
        && x != y
    {
        return false;
    }
    a == b
}

/// The bytes after a path's last separator, when they are its last component ("dir/" and
/// "dir/." end in none of their own).
fn own_name(path: &std::path::Path) -> Option<&[u8]> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let name = bytes.rsplit(|&c| c == b'/').next().unwrap_or(bytes);
    (!name.is_empty() && name != b".").then_some(name)
}

#[cfg(test)]
mod tests {
    use super::same_path;
    use std::path::Path;

    #[test]
    fn same_path_agrees_with_path_equality() {
        let paths = [
            "/a/b.txt",
            "/a/c.txt",
            "/a//b.txt",
            "/a/./b.txt",
            "/a/b.txt/",
            "/a/b.txt/.",
            "a/b.txt",
            "./a/b.txt",
            "b.txt",
            "/",
            "",
            ".",
            "/a/b",
            "/a/b/",
            "/x/b.txt",
            "/a/b.txt.",
        ];
        for a in paths {
            for b in paths {
                assert_eq!(
                    same_path(Path::new(a), Path::new(b)),
                    Path::new(a) == Path::new(b),
                    "{a:?} and {b:?}"
                );
            }
        }
    }
}
