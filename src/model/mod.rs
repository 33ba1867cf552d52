//! The plain data types shared by the analysis, the command line, the window and saved sessions.
//!
//! Nothing here knows about egui or files; everything serialises with serde so that sessions
//! (RON) and the command line (JSON) use the very same shapes.

pub mod agreement;
pub mod calibration;
pub mod codebook;
pub mod filter;
pub mod matrix;
pub mod merge;
pub mod scoring;
pub mod session;
pub mod timeline;

pub use crate::base::SentenceId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifies an actor across analyses and sessions: a readable slug such as `russia` or
/// `person:volodymyr-zelensky`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorId(pub String);

/// Identifies a topic: a readable slug such as `direct-talks` or `miami-talks`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TopicId(pub String);

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for TopicId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for SentenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{}", self.0)
    }
}

/// Turns a display name into an id-friendly slug: lowercase letters and digits joined by `-`.
/// Non-Latin letters are kept, so `Молдова` stays readable.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// What sort of actor a row of the matrix stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state, often named by its capital or government ("Moscow", "the Kremlin").
    Country,
    /// An international organisation (the UN, NATO).
    Organisation,
    /// A group of states acting together (the EU, the African Union).
    Bloc,
    /// A named person (a leader, minister, adviser).
    Person,
    /// Any other group (a party, a company, an armed group).
    Group,
}

impl ActorKind {
    /// Every kind, in the order menus list them.
    pub const ALL: [ActorKind; 5] = [
        ActorKind::Country,
        ActorKind::Organisation,
        ActorKind::Bloc,
        ActorKind::Person,
        ActorKind::Group,
    ];

    /// The word for several ("people"), as a filter names them.
    pub fn plural(self) -> &'static str {
        match self {
            Self::Country => "countries",
            Self::Organisation => "organisations",
            Self::Bloc => "blocs",
            Self::Person => "people",
            Self::Group => "groups",
        }
    }

    /// The word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Organisation => "organisation",
            Self::Bloc => "bloc",
            Self::Person => "person",
            Self::Group => "group",
        }
    }
}

/// A position on the six-step scale used throughout the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Support,
    LeanSupport,
    Neutral,
    LeanOppose,
    Oppose,
    /// Evidence pulls both ways with comparable weight.
    Mixed,
}

impl Stance {
    /// All stances in the order the scale is shown (also the order of the keys 1–6).
    pub const ALL: [Stance; 6] = [
        Stance::Support,
        Stance::LeanSupport,
        Stance::Neutral,
        Stance::LeanOppose,
        Stance::Oppose,
        Stance::Mixed,
    ];

    /// The snake-case word used in files and on the command line.
    pub fn word(self) -> &'static str {
        match self {
            Self::Support => "support",
            Self::LeanSupport => "lean_support",
            Self::Neutral => "neutral",
            Self::LeanOppose => "lean_oppose",
            Self::Oppose => "oppose",
            Self::Mixed => "mixed",
        }
    }

    /// The symbol shown with the stance on screen, so that nothing relies on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Support => "++",
            Self::LeanSupport => "+",
            Self::Neutral => "0",
            Self::LeanOppose => "−",
            Self::Oppose => "−−",
            Self::Mixed => "±",
        }
    }

    /// The stance's colour (red, green, blue), the same on screen and in exported pictures;
    /// never the only signal: the symbol goes with it.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Self::Support => [46, 140, 87],
            Self::LeanSupport => [126, 180, 110],
            Self::Neutral => [140, 140, 140],
            Self::LeanOppose => [214, 134, 84],
            Self::Oppose => [196, 64, 64],
            Self::Mixed => [150, 110, 190],
        }
    }

    /// The same symbol in plain ASCII, for files other programs read (Markdown, CSV).
    pub fn ascii_symbol(self) -> &'static str {
        match self {
            Self::Support => "++",
            Self::LeanSupport => "+",
            Self::Neutral => "0",
            Self::LeanOppose => "-",
            Self::Oppose => "--",
            Self::Mixed => "+/-",
        }
    }

    /// The words shown to people ("lean support").
    pub fn label(self) -> &'static str {
        match self {
            Self::Support => "support",
            Self::LeanSupport => "lean support",
            Self::Neutral => "neutral",
            Self::LeanOppose => "lean oppose",
            Self::Oppose => "oppose",
            Self::Mixed => "mixed",
        }
    }

    /// Parses the snake-case word back.
    pub fn from_word(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.word() == word)
    }

    /// Signed strength: support = 2 … oppose = −2; mixed and neutral are 0.
    pub fn score(self) -> i32 {
        match self {
            Self::Support => 2,
            Self::LeanSupport => 1,
            Self::Neutral | Self::Mixed => 0,
            Self::LeanOppose => -1,
            Self::Oppose => -2,
        }
    }

    /// The stance nearest to a signed score.
    pub fn from_score(score: f32) -> Self {
        if score >= 1.5 {
            Self::Support
        } else if score >= 0.5 {
            Self::LeanSupport
        } else if score > -0.5 {
            Self::Neutral
        } else if score > -1.5 {
            Self::LeanOppose
        } else {
            Self::Oppose
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// A country, organisation, bloc, person or group that takes positions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// Other names seen for this actor in the text (metonyms, spellings, demonyms), sorted.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How many times the text names this actor (outside datelines and headings).
    #[serde(default)]
    pub mentions: u32,
    /// For people: the country or organisation they speak for, when the text says so.
    #[serde(default)]
    pub affiliation: Option<ActorId>,
    /// For people: the role the text gives them ("President", "diplomatic advisor").
    #[serde(default)]
    pub role: Option<String>,
}

/// An issue actors take positions on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: TopicId,
    pub name: String,
    /// The phrases in the text that were read as this topic, sorted.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// How many sentences name this topic.
    #[serde(default)]
    pub mentions: u32,
}

/// One sentence supporting a stance, and the cue words found in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: SentenceId,
    /// Cue words as written in the text, with negation noted (`not confident`).
    pub cues: Vec<String>,
    /// How the analysis read the first cue (for its confidence); not saved.
    #[serde(skip)]
    pub signal: Signal,
}

/// How the analysis came to a stance in one sentence: what the confidence is reckoned from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Signal {
    /// The tone of quoted speech, not a stance word.
    pub tone: bool,
    pub holder: HolderFrom,
    /// Words between the holder's name and the stance word (0 when not before it).
    pub gap: u8,
    pub negated: bool,
    pub topic: TopicFrom,
}

/// How the holder of a stance word was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum HolderFrom {
    /// Named before the stance word.
    #[default]
    Before,
    /// Named after it ("…, said Pelosi").
    After,
    /// The agent of a passive ("rejected by Kyiv").
    Agent,
    /// The speaker of a quotation still open.
    Quote,
    /// Read from the sentence's tree.
    Tree,
    /// The speaker of reported speech whose tone is read.
    Speaker,
}

/// Where a stance's topic came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TopicFrom {
    /// The analyst's codebook, named in the sentence.
    Codebook,
    /// A known topic right after the stance word.
    #[default]
    Near,
    /// The noun phrase after the stance word.
    Phrase,
    /// Another topic named in the sentence.
    Sentence,
    /// A phrase after the stance word that makes a poor column.
    Loose,
    /// The topic of the sentences before.
    Carried,
    /// The topic the article names most.
    Main,
}

/// A suggested stance of one actor on one topic, computed from the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceSuggestion {
    pub actor: ActorId,
    pub topic: TopicId,
    pub stance: Stance,
    /// 0.0 to 1.0: grows with the amount of evidence and shrinks when it disagrees.
    pub confidence: f32,
    pub evidence: Vec<Evidence>,
}

/// Everything the analysis says about one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Briefing {
    pub actors: Vec<Actor>,
    pub topics: Vec<Topic>,
    pub stances: Vec<StanceSuggestion>,
}

impl Briefing {
    /// The actor with this id.
    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actors.iter().find(|a| &a.id == id)
    }

    /// The topic with this id.
    pub fn topic(&self, id: &TopicId) -> Option<&Topic> {
        self.topics.iter().find(|t| &t.id == id)
    }

    /// The suggestion for one cell of the matrix.
    pub fn stance(&self, actor: &ActorId, topic: &TopicId) -> Option<&StanceSuggestion> {
        self.stances
            .iter()
            .find(|s| &s.actor == actor && &s.topic == topic)
    }

    /// Its actors, topics and stances by id, for code that looks many of them up (the lookups
    /// above walk the lists: fine for one, quadratic for all).
    pub fn index(&self) -> BriefingIndex<'_> {
        let mut index = BriefingIndex::default();
        for a in &self.actors {
            index.actors.entry(&a.id).or_insert(a);
        }
        for t in &self.topics {
            index.topics.entry(&t.id).or_insert(t);
        }
        for s in &self.stances {
            index.stances.entry((&s.actor, &s.topic)).or_insert(s);
            index.of_actor.entry(&s.actor).or_default().push(s);
        }
        index
    }
}

/// A [`Briefing`]'s actors, topics and stances by id (the first of each, as the lookups on
/// `Briefing` find them).
#[derive(Debug, Default)]
pub struct BriefingIndex<'a> {
    pub actors: std::collections::HashMap<&'a ActorId, &'a Actor>,
    pub topics: std::collections::HashMap<&'a TopicId, &'a Topic>,
    pub stances: std::collections::HashMap<(&'a ActorId, &'a TopicId), &'a StanceSuggestion>,
    /// Each actor's stances, in the briefing's order.
    pub of_actor: std::collections::HashMap<&'a ActorId, Vec<&'a StanceSuggestion>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_makes_readable_ids() {
        for (name, want) in [
            ("Volodymyr Zelensky", "volodymyr-zelensky"),
            ("  The U.S. -- talks ", "the-u-s-talks"),
            ("Молдова", "молдова"),
            ("", ""),
        ] {
            assert_eq!(slug(name), want, "{name:?}");
        }
    }

    #[test]
    fn stance_words_round_trip_and_scores_map_back() {
        for s in Stance::ALL {
            assert_eq!(Stance::from_word(s.word()), Some(s));
            if s != Stance::Mixed {
                assert_eq!(Stance::from_score(s.score() as f32), s);
            }
        }
        assert_eq!(Stance::from_word("maybe"), None);
    }
}
