//! The saved state of an analyst's work: which articles are open and every correction made by
//! hand. Suggestions are not saved: they are recomputed from the articles.
//!
//! Everything is kept in sorted maps so that a saved session diffs well and tests are stable.

use super::{ActorId, ActorKind, SentenceId, Stance, TopicId};
use crate::base::Format;
use crate::repeats::combining;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

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
    /// When it was last changed, in seconds since 1970 (UTC); written as an RFC 3339 time
    /// ("2026-11-27T12:06:22Z"), read from that or from a bare number (older files).
    #[serde(with = "rfc3339")]
    pub set_at: u64,
    /// Who last changed it (the analyst's name from the settings); none in older files or
    /// when no name was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<String>,
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

/// Who reviewed a suggestion, and when (seconds since 1970, UTC).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coded {
    pub coder: String,
    #[serde(with = "rfc3339")]
    pub set_at: u64,
}

/// One coder's stance on a cell that two merged sessions set differently.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Disputed {
    pub coder: String,
    pub stance: Stance,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: Vec<EvidenceRef>,
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
    /// Who coded this session (for `briefing agree`); none in older files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coder: Option<String>,
    pub articles: Vec<ArticleRef>,
    pub actors: ActorEdits,
    pub topics: TopicEdits,
    #[serde(deserialize_with = "combining")]
    pub annotations: BTreeMap<Cell, Annotation>,
    #[serde(deserialize_with = "combining")]
    pub decisions: BTreeMap<Cell, Decision>,
    /// Cells two merged sessions' coders set differently: each coder's stance, kept until
    /// someone settles the cell (a stance set by hand settles it). Empty in most sessions.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "combining"
    )]
    pub disputed: BTreeMap<Cell, Vec<Disputed>>,
    /// Who accepted or rejected each suggestion, where a name was given.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "combining"
    )]
    pub decided_by: BTreeMap<Cell, Coded>,
    /// The analyst editing now (from the window's settings): written on each hand edit as
    /// its coder. Never saved.
    #[serde(skip)]
    pub editor: Option<String>,
    /// Each actor's place in the palette of [`PALETTE_SIZE`] colours, given once and kept, so
    /// that an actor keeps its colour when articles open, close or reorder the rows.
    pub colours: BTreeMap<ActorId, u8>,
    /// The analyst's own topics and actors (empty: none).
    pub codebook: super::codebook::Codebook,
    /// People the open articles name by a shorter form, with the full-name row each joins
    /// (see `analysis::corpus`): derived from the articles, never saved.
    #[serde(skip)]
    pub joined: BTreeMap<ActorId, ActorId>,
    /// Topics the open articles name alike ("the impeachment inquiry", "impeachment
    /// proceedings"), with the column each joins: derived from the articles, never saved.
    #[serde(skip)]
    pub topics_joined: BTreeMap<TopicId, TopicId>,
    /// Bare surnames that several people of the open articles bear, none far more present,
    /// with those people: left apart, and the actor card says so. Derived, never saved.
    #[serde(skip)]
    pub ambiguous: BTreeMap<ActorId, Vec<ActorId>>,
}

impl Session {
    /// A copy of everything but the list of articles, which a matrix build does not read:
    /// at ten thousand articles the list is most of what a copy would cost.
    #[must_use]
    pub fn without_articles(&self) -> Session {
        Session {
            version: self.version,
            coder: self.coder.clone(),
            articles: Vec::new(),
            actors: self.actors.clone(),
            topics: self.topics.clone(),
            annotations: self.annotations.clone(),
            decisions: self.decisions.clone(),
            disputed: self.disputed.clone(),
            decided_by: self.decided_by.clone(),
            editor: self.editor.clone(),
            colours: self.colours.clone(),
            codebook: self.codebook.clone(),
            joined: self.joined.clone(),
            topics_joined: self.topics_joined.clone(),
            ambiguous: self.ambiguous.clone(),
        }
    }
}

/// How many actor colours the window's palette has.
pub const PALETTE_SIZE: usize = 12;

impl Default for Session {
    fn default() -> Self {
        Self {
            version: SESSION_VERSION,
            coder: None,
            disputed: BTreeMap::new(),
            decided_by: BTreeMap::new(),
            editor: None,
            articles: Vec::new(),
            actors: ActorEdits::default(),
            topics: TopicEdits::default(),
            annotations: BTreeMap::new(),
            decisions: BTreeMap::new(),
            colours: BTreeMap::new(),
            codebook: super::codebook::Codebook::default(),
            joined: BTreeMap::new(),
            topics_joined: BTreeMap::new(),
            ambiguous: BTreeMap::new(),
        }
    }
}

impl Session {
    /// The palette place of the actor an id is shown as, if it has been given one.
    pub fn colour(&self, actor: &ActorId) -> Option<usize> {
        self.colours
            .get(&self.actor_root(actor))
            .map(|&i| usize::from(i) % PALETTE_SIZE)
    }

    /// Gives each actor of `shown` (matrix rows, in order) that has no colour yet the palette
    /// place least used among the rows shown, the first such place on a tie. Colours given
    /// before never change. Returns whether any was given.
    pub fn give_colours(&mut self, shown: &[ActorId]) -> bool {
        let mut uses = [0usize; PALETTE_SIZE];
        for id in shown {
            if let Some(place) = self.colours.get(id) {
                uses[usize::from(*place) % PALETTE_SIZE] += 1;
            }
        }
        let mut given = false;
        for id in shown {
            if self.colours.contains_key(id) {
                continue;
            }
            let (place, _) = uses
                .iter()
                .enumerate()
                .min_by_key(|&(i, n)| (*n, i))
                .unwrap_or((0, &0));
            uses[place] += 1;
            self.colours
                .insert(id.clone(), u8::try_from(place).unwrap_or(0));
            given = true;
        }
        given
    }

    /// The actor an id is shown as, after merges (follows chains, stops on a cycle).
    pub fn actor_root(&self, id: &ActorId) -> ActorId {
        let own = root(&self.actors.merged, id);
        match self.joined.get(&own) {
            Some(full) => root(&self.actors.merged, full),
            None => own,
        }
    }

    /// Where each of `paths` stands in [`Session::articles`], for those the session holds: one
    /// pass over the list, however many articles it holds (a folder of thousands arrives in
    /// many batches). Paths are compared by their bytes: hashing a `Path` walks its
    /// components, which costs more than the rest of a batch at ten thousand articles.
    pub fn positions_of<'a>(&self, paths: impl IntoIterator<Item = &'a Path>) -> Vec<usize> {
        let wanted: HashSet<&OsStr> = paths.into_iter().map(Path::as_os_str).collect();
        self.articles
            .iter()
            .enumerate()
            .filter(|(_, a)| wanted.contains(a.path.as_os_str()))
            .map(|(i, _)| i)
            .collect()
    }

    /// The topic an id is shown as, after merges.
    pub fn topic_root(&self, id: &TopicId) -> TopicId {
        let own = root(&self.topics.merged, id);
        match self.topics_joined.get(&own) {
            Some(joined) => root(&self.topics.merged, joined),
            None => own,
        }
    }

    /// The cell an (actor, topic) pair is shown in, after merges.
    pub fn cell(&self, actor: &ActorId, topic: &TopicId) -> Cell {
        Cell {
            actor: self.actor_root(actor),
            topic: self.topic_root(topic),
        }
    }
}

/// Seconds since 1970 as an RFC 3339 UTC time, and back; a bare number (as older files have)
/// still reads. The calendar arithmetic is the proleptic Gregorian one of Howard Hinnant's
/// `days_from_civil` and `civil_from_days`.
mod rfc3339 {
    use serde::{Deserialize, Deserializer, Serializer};

    const DAY: u64 = 86_400;

    fn civil_from_days(days: i64) -> (i64, u32, u32) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        // d is 1..=31 and m 1..=12 by construction.
        (
            y,
            u32::try_from(m).unwrap_or(1),
            u32::try_from(d).unwrap_or(1),
        )
    }

    fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
        let y = y - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = i64::from(if m > 2 { m - 3 } else { m + 9 });
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// "2026-11-27T12:06:22Z".
    pub fn format(secs: u64) -> String {
        let days = i64::try_from(secs / DAY).unwrap_or(0);
        let rest = secs % DAY;
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )
    }

    /// The seconds of "YYYY-MM-DDTHH:MM:SSZ" (a `+00:00` offset too), if it is one.
    pub fn parse(text: &str) -> Option<u64> {
        let text = text.trim();
        let text = text
            .strip_suffix('Z')
            .or_else(|| text.strip_suffix("+00:00"))?;
        let (date, time) = text.split_once(['T', ' '])?;
        let mut date = date.splitn(3, '-').map(str::parse::<i64>);
        let (year, month, day) = (date.next()?.ok()?, date.next()?.ok()?, date.next()?.ok()?);
        let mut time = time
            .splitn(3, ':')
            .map(|p| p.split('.').next().unwrap_or(p).parse::<u64>());
        let (hour, minute, second) = (time.next()?.ok()?, time.next()?.ok()?, time.next()?.ok()?);
        let (month, day) = (u32::try_from(month).ok()?, u32::try_from(day).ok()?);
        if !(1..=12).contains(&month)
            || !(1..=31).contains(&day)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let days = u64::try_from(days_from_civil(year, month, day)).ok()?;
        Some(days * DAY + hour * 3600 + minute * 60 + second)
    }

    // serde's `with` hands the field by reference.
    #[allow(clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: Serializer>(secs: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        // Zero means "not known": kept as the number it is.
        if *secs == 0 {
            serializer.serialize_u64(0)
        } else {
            serializer.serialize_str(&format(*secs))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Secs(u64),
            Text(String),
        }
        match Either::deserialize(deserializer)? {
            Either::Secs(secs) => Ok(secs),
            Either::Text(text) => parse(&text).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "“{text}” is not a time like 2026-11-27T12:06:22Z"
                ))
            }),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn times_round_trip_through_their_rfc3339_text() {
            for (secs, text) in [
                (0, "1970-01-01T00:00:00Z"),
                (951_782_400, "2000-02-29T00:00:00Z"),
                (1_795_704_345, "2026-11-26T14:45:45Z"),
                (4_102_444_799, "2099-12-31T23:59:59Z"),
            ] {
                assert_eq!(format(secs), text);
                assert_eq!(parse(text), Some(secs), "{text}");
            }
            assert_eq!(parse("2026-11-26T14:45:45+00:00"), Some(1_795_704_345));
            assert_eq!(parse("2026-13-01T00:00:00Z"), None);
            assert_eq!(parse("yesterday"), None);
        }

        #[test]
        fn a_session_writes_the_time_as_text_and_reads_old_numbers() {
            use crate::model::session::Annotation;
            let a = Annotation {
                set_at: 1_795_704_345,
                ..Annotation::default()
            };
            let text = ron::to_string(&a).expect("writes");
            assert!(text.contains("\"2026-11-26T14:45:45Z\""), "{text}");
            let back: Annotation = ron::from_str(&text).expect("reads");
            assert_eq!(back.set_at, a.set_at);
            let old: Annotation = ron::from_str("(set_at: 1795704345)").expect("old file");
            assert_eq!(old.set_at, 1_795_704_345);
        }
    }
}

#[cfg(test)]
mod colour_tests {
    use super::*;

    fn ids(names: &[&str]) -> Vec<ActorId> {
        names.iter().map(|n| ActorId((*n).into())).collect()
    }

    #[test]
    fn an_actor_keeps_its_colour_when_rows_reorder_and_new_ones_take_free_places() {
        let mut session = Session::default();
        assert!(session.give_colours(&ids(&["russia", "usa", "ukraine"])));
        let before: Vec<_> = ids(&["russia", "usa", "ukraine"])
            .iter()
            .map(|id| session.colour(id))
            .collect();
        assert_eq!(before, vec![Some(0), Some(1), Some(2)]);
        // Another article puts new actors first and reorders the rest: the old keep theirs,
        // the new take places no row shown uses.
        assert!(session.give_colours(&ids(&["eu", "ukraine", "china", "russia", "usa"])));
        assert_eq!(session.colour(&ActorId("russia".into())), Some(0));
        assert_eq!(session.colour(&ActorId("ukraine".into())), Some(2));
        assert_eq!(session.colour(&ActorId("eu".into())), Some(3));
        assert_eq!(session.colour(&ActorId("china".into())), Some(4));
        assert!(!session.give_colours(&ids(&["usa", "russia"])));
        // A merged actor is shown in the colour of the actor it joined.
        session
            .actors
            .merged
            .insert(ActorId("eu".into()), ActorId("usa".into()));
        assert_eq!(session.colour(&ActorId("eu".into())), Some(1));
        // Past the palette, places come round by least use.
        let many: Vec<ActorId> = (0..30).map(|i| ActorId(format!("a{i}"))).collect();
        let mut fresh = Session::default();
        fresh.give_colours(&many);
        let mut uses = [0; PALETTE_SIZE];
        for id in &many {
            uses[fresh.colour(id).expect("given")] += 1;
        }
        assert!(uses.iter().all(|n| (2..=3).contains(n)), "{uses:?}");
    }
}
