//! The saved state of an analyst's work: which articles are open and every correction made by
//! hand. Suggestions are not saved: they are recomputed from the articles.
//!
//! Everything is kept in sorted maps so that a saved session diffs well and tests are stable.

use super::duplicates::combining;
use super::{ActorId, ActorKind, SentenceId, Stance, TopicId};
use crate::load::Format;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The version written by this build. Older versions are migrated on load.
pub const SESSION_VERSION: u32 = 1;

/// An article of the session, as it was when opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub path: PathBuf,
    /// Hash of the decoded text: whether the file changed since (see `document::fnv1a_hex`).
    pub hash: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub format: Format,
    pub encoding: String,
}

/// One sentence attached as evidence. The quote lets the sentence be found again if the
/// article changes and sentence ids move.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub article: PathBuf,
    pub sentence: SentenceId,
    pub quote: String,
    /// The end of the sentence before it, to tell apart sentences that read the same.
    #[serde(default)]
    pub context: String,
}

/// What the analyst set by hand on one cell of the matrix.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotation {
    /// The stance set by hand; `None` while only a note or evidence was added.
    pub stance: Option<Stance>,
    /// 0.0 to 1.0, how sure the analyst is.
    pub confidence: Option<f32>,
    pub note: String,
    pub evidence: Vec<EvidenceRef>,
    /// When it was last changed, in seconds since 1970 (UTC).
    pub set_at: u64,
}

impl Annotation {
    /// Whether nothing is set any more.
    pub fn is_empty(&self) -> bool {
        self.stance.is_none()
            && self.confidence.is_none()
            && self.note.is_empty()
            && self.evidence.is_empty()
    }
}

/// The analyst's verdict on a suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accepted,
    Rejected,
}

/// An actor added by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedActor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
}

/// A topic added by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedTopic {
    pub id: TopicId,
    pub name: String,
}

/// Hand edits to the actors found by the analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorEdits {
    pub added: Vec<AddedActor>,
    #[serde(deserialize_with = "combining")]
    pub renamed: BTreeMap<ActorId, String>,
    /// `from -> into`: `from` is shown as part of `into`.
    #[serde(deserialize_with = "combining")]
    pub merged: BTreeMap<ActorId, ActorId>,
    #[serde(deserialize_with = "combining")]
    pub aliases_added: BTreeMap<ActorId, BTreeSet<String>>,
    #[serde(deserialize_with = "combining")]
    pub aliases_removed: BTreeMap<ActorId, BTreeSet<String>>,
}

/// Hand edits to the topics found by the analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopicEdits {
    pub added: Vec<AddedTopic>,
    #[serde(deserialize_with = "combining")]
    pub renamed: BTreeMap<TopicId, String>,
    #[serde(deserialize_with = "combining")]
    pub merged: BTreeMap<TopicId, TopicId>,
}

/// What `id` is shown as after the merges in `merged` (`from -> into`), following at most 64
/// steps so that a loop in a hand-edited file cannot hang.
pub fn root<K: Ord + Clone>(merged: &BTreeMap<K, K>, id: &K) -> K {
    let mut cur = id.clone();
    for _ in 0..64 {
        match merged.get(&cur) {
            Some(next) => cur = next.clone(),
            None => break,
        }
    }
    cur
}

/// A cell of the matrix: one actor on one topic.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cell {
    pub actor: ActorId,
    pub topic: TopicId,
}

/// An analyst's saved work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub version: u32,
    pub articles: Vec<ArticleRef>,
    pub actors: ActorEdits,
    pub topics: TopicEdits,
    #[serde(deserialize_with = "combining")]
    pub annotations: BTreeMap<Cell, Annotation>,
    #[serde(deserialize_with = "combining")]
    pub decisions: BTreeMap<Cell, Decision>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            version: SESSION_VERSION,
            articles: Vec::new(),
            actors: ActorEdits::default(),
            topics: TopicEdits::default(),
            annotations: BTreeMap::new(),
            decisions: BTreeMap::new(),
        }
    }
}

impl Session {
    /// The actor an id is shown as, after merges (follows chains, stops on a cycle).
    pub fn actor_root(&self, id: &ActorId) -> ActorId {
        root(&self.actors.merged, id)
    }

    /// The topic an id is shown as, after merges.
    pub fn topic_root(&self, id: &TopicId) -> TopicId {
        root(&self.topics.merged, id)
    }

    /// The cell an (actor, topic) pair is shown in, after merges.
    pub fn cell(&self, actor: &ActorId, topic: &TopicId) -> Cell {
        Cell {
            actor: self.actor_root(actor),
            topic: self.topic_root(topic),
        }
    }
}
