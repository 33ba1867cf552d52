//! A codebook: the analyst's own list of topics (a name and the phrases that mean it) and actors
//! (a name, a kind and aliases), as discourse-network coders work from a fixed list of concepts
//! and a team agrees on its columns. It is kept in the session and shared as a RON file of its
//! own. The analysis reads a codebook's phrases and names like its lexicon, and a stance lands on
//! a codebook topic named in its sentence before any other topic.

use super::{ActorId, ActorKind, TopicId, slug};
use serde::{Deserialize, Serialize};

/// The version written in codebook files.
pub const CODEBOOK_VERSION: u32 = 1;

/// What a codebook topic's id starts with: its columns are known by it.
pub const TOPIC_PREFIX: &str = "codebook:";

/// The analyst's topics and actors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Codebook {
    pub version: u32,
    pub topics: Vec<CodedTopic>,
    pub actors: Vec<CodedActor>,
}

impl Default for Codebook {
    fn default() -> Self {
        Self {
            version: CODEBOOK_VERSION,
            topics: Vec::new(),
            actors: Vec::new(),
        }
    }
}

/// A topic of the codebook: its column's name, and phrases that mean it (matched without
/// regard to case, as whole words; the name itself is one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CodedTopic {
    pub name: String,
    pub phrases: Vec<String>,
}

/// An actor of the codebook: its row's name, its kind, and other names for it (matched as
/// written, as whole words).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodedActor {
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Why a codebook file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodebookError {
    #[error("this is not a codebook (line {line}, column {column}: {reason})")]
    Invalid {
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("the codebook names no topic and no actor")]
    Empty,
    #[error("the codebook has a topic or actor with no name")]
    Nameless,
}

impl Codebook {
    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty() && self.actors.is_empty()
    }

    /// Reads a codebook from RON text; one with nothing in it, or a nameless entry, is refused.
    pub fn read(text: &str) -> Result<Self, CodebookError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let book: Self = ron::from_str(text).map_err(|e| CodebookError::Invalid {
            line: e.span.start.line,
            column: e.span.start.col,
            reason: e.code.to_string(),
        })?;
        if book.is_empty() {
            return Err(CodebookError::Empty);
        }
        let nameless = book.topics.iter().any(|t| slug(&t.name).is_empty())
            || book.actors.iter().any(|a| slug(&a.name).is_empty());
        if nameless {
            return Err(CodebookError::Nameless);
        }
        Ok(book)
    }

    /// The codebook as a RON file.
    pub fn to_ron(&self) -> String {
        let book = Self {
            version: CODEBOOK_VERSION,
            ..self.clone()
        };
        let config = ron::ser::PrettyConfig::new().struct_names(false);
        let mut text = ron::ser::to_string_pretty(&book, config).unwrap_or_default();
        text.insert_str(
            0,
            "// A Briefing codebook: the analyst's topics and actors.\n",
        );
        text.push('\n');
        text
    }

    /// The column id of a codebook topic named `name`.
    pub fn topic_id(name: &str) -> TopicId {
        TopicId(format!("{TOPIC_PREFIX}{}", slug(name)))
    }

    /// Whether a topic id is a codebook topic's.
    pub fn is_codebook_topic(id: &TopicId) -> bool {
        id.0.starts_with(TOPIC_PREFIX)
    }

    /// The row id the analysis gives a codebook actor: a person's as for any person found by
    /// name, so that the articles' rows for them meet; a body's likewise.
    pub fn actor_id(actor: &CodedActor) -> ActorId {
        let prefix = if actor.kind == ActorKind::Person {
            "person"
        } else {
            "body"
        };
        ActorId(format!("{prefix}:{}", slug(&actor.name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_codebook_reads_back_what_it_wrote() {
        let book = Codebook {
            version: CODEBOOK_VERSION,
            topics: vec![CodedTopic {
                name: "Impeachment".into(),
                phrases: vec![
                    "impeachment inquiry".into(),
                    "articles of impeachment".into(),
                ],
            }],
            actors: vec![CodedActor {
                name: "Nancy Pelosi".into(),
                kind: ActorKind::Person,
                aliases: vec!["Speaker Pelosi".into()],
            }],
        };
        assert_eq!(Codebook::read(&book.to_ron()), Ok(book.clone()));
        assert_eq!(Codebook::topic_id("Impeachment").0, "codebook:impeachment");
        assert_eq!(Codebook::actor_id(&book.actors[0]).0, "person:nancy-pelosi");
    }

    #[test]
    fn what_is_no_codebook_is_refused_in_words() {
        assert_eq!(Codebook::read("()"), Err(CodebookError::Empty));
        assert_eq!(
            Codebook::read("(topics: [(name: \"  \")])"),
            Err(CodebookError::Nameless)
        );
        let err = Codebook::read("(topics: [(name: 3)])").expect_err("not text");
        assert!(
            err.to_string()
                .starts_with("this is not a codebook (line 1"),
            "{err}"
        );
        // Hand-written files may leave out what they do not need.
        let book =
            Codebook::read("(actors: [(name: \"IAEA\", kind: organisation)])").expect("a codebook");
        assert_eq!(book.actors[0].aliases, Vec::<String>::new());
    }
}
