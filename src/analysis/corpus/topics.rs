//! Topics across articles: "the impeachment inquiry", "impeachment proceedings" and "the
//! impeachment process" are one column. A topic is known by its content words, singular and
//! in lower case, without the words that only frame an issue ("inquiry", "process", "deal",
//! "talks", "bill"): topics of different articles with the same content words are one column,
//! under the one named in the most articles (then the most often). A topic with nothing left
//! ("the deal") joins nothing; nor does one scoped to its article ("Attack (US kills Iranian
//! general …)"), nor one the analyst renamed, merged, added or coded.

use crate::model::session::Session;
use crate::model::{Briefing, TopicId};
use std::collections::{BTreeMap, BTreeSet};

/// Words that frame an issue without saying which it is.
const FRAMES: &[&str] = &[
    "process",
    "proceeding",
    "inquiry",
    "investigation",
    "talk",
    "negotiation",
    "dialogue",
    "initiative",
    "proposal",
    "summit",
    "meeting",
    "deal",
    "agreement",
    "accord",
    "treaty",
    "pact",
    "plan",
    "charter",
    "bill",
    "resolution",
    "mission",
    "programme",
    "program",
    "reform",
    "legislation",
    "law",
    "measure",
    "policy",
    "campaign",
    "effort",
    "issue",
    "question",
    "vote",
    "decision",
    "move",
    "case",
    "debate",
];

/// Words that say nothing of the issue.
const EMPTY: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "new",
    "proposed",
    "planned",
    "possible",
    "current",
    "latest",
    "ongoing",
    "so-called",
    "of",
    "and",
    "on",
    "to",
    "for",
    "against",
    "in",
];

struct Seen {
    key: BTreeSet<String>,
    articles: usize,
    mentions: u32,
    /// Whether `key` comes from the column's own topic.
    by_own_name: bool,
}

/// Each topic (after the analyst's merges) named alike with another, and the column it joins.
pub fn topic_joins(briefings: &[&Briefing], session: &Session) -> BTreeMap<TopicId, TopicId> {
    let touched = touched(session);
    let mut seen: BTreeMap<TopicId, Seen> = BTreeMap::new();
    for b in briefings {
        for topic in &b.topics {
            let root = crate::model::session::root(&session.topics.merged, &topic.id);
            let own = topic.id == root;
            let entry = seen.entry(root).or_insert_with(|| Seen {
                key: BTreeSet::new(),
                articles: 0,
                mentions: 0,
                by_own_name: false,
            });
            entry.articles += 1;
            entry.mentions += topic.mentions;
            // The column's own topic names it; its name is read once.
            if entry.key.is_empty() || own && !entry.by_own_name {
                entry.key = key(&topic.name);
                entry.by_own_name = own;
            }
        }
    }
    let mut groups: BTreeMap<&BTreeSet<String>, Vec<&TopicId>> = BTreeMap::new();
    for (id, s) in &seen {
        if !s.key.is_empty() && !touched.contains(id) {
            groups.entry(&s.key).or_default().push(id);
        }
    }
    let mut joins = BTreeMap::new();
    for members in groups.values_mut() {
        members.sort_by(|a, b| {
            let (sa, sb) = (&seen[*a], &seen[*b]);
            (sb.articles, sb.mentions)
                .cmp(&(sa.articles, sa.mentions))
                .then(a.cmp(b))
        });
        for &other in &members[1..] {
            joins.insert(other.clone(), members[0].clone());
        }
    }
    joins
}

/// Whether a word only frames an issue ("proceedings", "the deal"), folded or not.
pub(crate) fn is_frame(word: &str) -> bool {
    FRAMES.contains(&fold(word).as_str())
}

/// A topic's content words: singular, lower case, without framing and empty words; none for
/// a topic scoped to its article ("Bill (Hong Kong …)").
fn key(name: &str) -> BTreeSet<String> {
    // "Attack (US kills Iranian general …)" is that article's attack: it joins nothing.
    if name.contains(" (") && name.ends_with(')') {
        return BTreeSet::new();
    }
    name.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .map(fold)
        .filter(|w| !w.is_empty() && !EMPTY.contains(&w.as_str()) && !FRAMES.contains(&w.as_str()))
        .collect()
}

/// A word made comparable: lower case, without a possessive or a plural ending.
pub(crate) fn fold(word: &str) -> String {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .to_lowercase();
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return format!("{stem}y");
    }
    match w.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !w.ends_with("ss") => stem.to_owned(),
        _ => w,
    }
}

/// The topics the analyst's own work names: they stay as the analyst has them.
fn touched(session: &Session) -> BTreeSet<TopicId> {
    let edits = &session.topics;
    let mut touched: BTreeSet<TopicId> = edits
        .renamed
        .keys()
        .chain(edits.merged.keys())
        .chain(edits.merged.values())
        .cloned()
        .collect();
    touched.extend(edits.added.iter().map(|a| a.id.clone()));
    touched.extend(
        session
            .annotations
            .keys()
            .chain(session.decisions.keys())
            .map(|c| c.topic.clone()),
    );
    touched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Topic;

    fn topic(id: &str, name: &str, mentions: u32) -> Topic {
        Topic {
            id: TopicId(id.into()),
            name: name.into(),
            phrases: Vec::new(),
            mentions,
        }
    }

    fn joins(articles: Vec<Vec<Topic>>, session: &Session) -> BTreeMap<String, String> {
        let briefings: Vec<Briefing> = articles
            .into_iter()
            .map(|topics| Briefing {
                topics,
                ..Briefing::default()
            })
            .collect();
        let refs: Vec<&Briefing> = briefings.iter().collect();
        topic_joins(&refs, session)
            .into_iter()
            .map(|(a, b)| (a.0, b.0))
            .collect()
    }

    #[test]
    fn phrases_on_one_issue_framed_differently_are_one_column() {
        let j = joins(
            vec![
                vec![topic("impeachment-inquiry", "Impeachment inquiry", 3)],
                vec![topic(
                    "impeachment-proceedings",
                    "Impeachment proceedings",
                    1,
                )],
                vec![
                    topic("impeachment-inquiry", "Impeachment inquiry", 2),
                    topic("the-impeachment-process", "The impeachment process", 1),
                ],
            ],
            &Session::default(),
        );
        assert_eq!(j.len(), 2, "{j:?}");
        assert!(j.values().all(|to| to == "impeachment-inquiry"), "{j:?}");
    }

    #[test]
    fn different_issues_and_bare_frames_stay_apart() {
        let j = joins(
            vec![
                vec![
                    topic("eu-sanctions", "EU sanctions", 3),
                    topic("deal", "Deal", 2),
                ],
                vec![
                    topic("us-sanctions", "US sanctions", 2),
                    topic("deal-2", "The deal", 1),
                ],
                vec![topic("bill-a", "Bill (Hong Kong protesters …)", 1)],
                vec![topic("bill-b", "Bill (Senate passes …)", 1)],
            ],
            &Session::default(),
        );
        assert!(j.is_empty(), "{j:?}");
    }

    #[test]
    fn a_topic_scoped_to_its_article_joins_nothing() {
        let j = joins(
            vec![
                vec![topic("attack-a", "Attack (US kills Iranian general …)", 2)],
                vec![topic("attack-b", "Attack (Drones strike Saudi oil …)", 1)],
                vec![topic("attack", "Attack", 1)],
            ],
            &Session::default(),
        );
        assert!(j.is_empty(), "{j:?}");
    }

    #[test]
    fn a_topic_the_analyst_coded_stays_its_own_column() {
        let mut session = Session::default();
        session
            .topics
            .renamed
            .insert(TopicId("peace-talks".into()), "Peace talks (Geneva)".into());
        let j = joins(
            vec![
                vec![topic("peace-talks", "Peace talks", 3)],
                vec![topic("peace-deal", "Peace deal", 1)],
                vec![topic("peace-process", "Peace process", 1)],
            ],
            &session,
        );
        assert_eq!(
            j,
            BTreeMap::from([("peace-process".to_owned(), "peace-deal".to_owned())])
        );
    }
}
