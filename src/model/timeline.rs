//! An actor's stances article by article: what each article alone suggests, dated articles in
//! date order, and where a stance moved from one dated article to the next (a shift).

use super::session::Session;
use super::{ActorId, Briefing, Stance, TopicId};
use std::collections::BTreeMap;

/// One line of an actor's stances over time: what one article alone suggests on one topic.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    /// Index of the article among the open ones.
    pub doc: usize,
    pub date: Option<String>,
    pub topic: TopicId,
    pub stance: Stance,
    /// The stance differs from what the previous dated article said on the same topic.
    pub is_shift: bool,
}

/// An actor's stance per article (each given by its date and its analysis, in the order the
/// articles were opened) and topic (after the session's merges): dated articles in date order
/// first, then the undated ones in the order they were opened.
pub fn timeline<'a>(
    articles: impl IntoIterator<Item = (Option<&'a str>, &'a Briefing)>,
    session: &Session,
    actor: &ActorId,
) -> Vec<TimelineEntry> {
    let mut entries: Vec<TimelineEntry> = Vec::new();
    for (d, (date, briefing)) in articles.into_iter().enumerate() {
        for s in &briefing.stances {
            let cell = session.cell(&s.actor, &s.topic);
            if cell.actor == *actor {
                entries.push(TimelineEntry {
                    doc: d,
                    date: date.map(str::to_owned),
                    topic: cell.topic,
                    stance: s.stance,
                    is_shift: false,
                });
            }
        }
    }
    // Dated first, by date (stable: same-day articles keep their order), then undated.
    entries.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => crate::parse::cmp_dates(x, y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut last: BTreeMap<TopicId, Stance> = BTreeMap::new();
    for e in entries.iter_mut().filter(|e| e.date.is_some()) {
        if let Some(previous) = last.insert(e.topic.clone(), e.stance) {
            e.is_shift = previous != e.stance;
        }
    }
    entries
}
