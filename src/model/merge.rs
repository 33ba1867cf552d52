//! One session out of two coders' sessions on the same or overlapping articles: everything one
//! has and the other lacks is taken; where both set a cell's stance by hand differently, both
//! are kept in the cell ([`Session::disputed`]) and its settled stance stays empty until
//! someone settles it; added, renamed and merged actors and topics are combined by id, and
//! where the two disagree (two names for one actor, one actor merged into two) the first
//! session's choice is kept and the other named among the conflicts. Nothing is dropped
//! without being named. Pure: `briefing merge` and File › Merge session… share it.

use super::session::{Annotation, Cell, Disputed, Session};
use std::collections::BTreeMap;

/// Something the two sessions disagreed on, as the merge report names it.
#[derive(Clone, Debug, PartialEq)]
pub enum Conflict {
    /// Both set the cell's stance by hand, differently: both kept, the cell unsettled.
    Stance { cell: Cell },
    /// One set the stance by hand, the other accepted or rejected the analysis' suggestion:
    /// the hand stance shows, and the decision is kept beside it.
    HandAndDecision { cell: Cell },
    /// One accepted the suggestion, the other rejected it: neither is kept (the suggestion
    /// shows, not reviewed).
    Decision { cell: Cell },
    /// Both wrote a note: both are kept, one after the other.
    Note { cell: Cell },
    /// Two names for one actor or topic: the first session's is kept.
    Renamed {
        id: String,
        kept: String,
        other: String,
    },
    /// One actor or topic merged into two different ones: the first session's is kept.
    Merged {
        id: String,
        kept: String,
        other: String,
    },
    /// Both sessions have a codebook and they differ: the first session's is kept.
    Codebook,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = |c: &Cell| format!("{} × {}", c.actor.0, c.topic.0);
        match self {
            Self::Stance { cell } => write!(
                f,
                "{}: the coders set different stances; both are kept and the cell waits to be settled",
                at(cell)
            ),
            Self::HandAndDecision { cell } => write!(
                f,
                "{}: one coder set a stance by hand, the other reviewed the suggestion; the hand stance shows",
                at(cell)
            ),
            Self::Decision { cell } => write!(
                f,
                "{}: one coder accepted the suggestion, the other rejected it; it shows as not reviewed",
                at(cell)
            ),
            Self::Note { cell } => write!(f, "{}: both wrote a note; both are kept", at(cell)),
            Self::Renamed { id, kept, other } => {
                write!(
                    f,
                    "{id} is named “{kept}” (the other session says “{other}”)"
                )
            }
            Self::Merged { id, kept, other } => {
                write!(
                    f,
                    "{id} is merged into {kept} (the other session merged it into {other})"
                )
            }
            Self::Codebook => write!(f, "both sessions have a codebook; the first one's is kept"),
        }
    }
}

/// The merged session and what the two disagreed on.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub session: Session,
    pub conflicts: Vec<Conflict>,
}

/// Adds `b`'s entries to `a` where `a` has none; where both have one and they differ, keeps
/// `a`'s and names the other through `conflict`.
fn union<K: Ord + Clone, V: Clone + PartialEq>(
    a: &mut BTreeMap<K, V>,
    b: &BTreeMap<K, V>,
    mut conflict: impl FnMut(&K, &V, &V),
) {
    for (k, v) in b {
        match a.get(k) {
            Some(kept) if kept != v => conflict(k, kept, v),
            Some(_) => {}
            None => {
                a.insert(k.clone(), v.clone());
            }
        }
    }
}

/// `first` and `second` (their coders named `first_coder`, `second_coder`) as one session.
pub fn merge(first: &Session, second: &Session, first_coder: &str, second_coder: &str) -> Merged {
    let mut out = first.clone();
    let mut conflicts = Vec::new();
    for article in &second.articles {
        let known = out
            .articles
            .iter()
            .any(|a| a.path == article.path || (!a.hash.is_empty() && a.hash == article.hash));
        if !known {
            out.articles.push(article.clone());
        }
    }
    merge_names(&mut out, second, &mut conflicts);
    union(&mut out.colours, &second.colours, |_, _, _| {});
    if out.codebook.is_empty() {
        out.codebook = second.codebook.clone();
    } else if !second.codebook.is_empty() && second.codebook != out.codebook {
        conflicts.push(Conflict::Codebook);
    }
    for (cell, d) in &second.disputed {
        let kept = out.disputed.entry(cell.clone()).or_default();
        for one in d {
            if !kept.contains(one) {
                kept.push(one.clone());
            }
        }
    }
    merge_cells(
        &mut out,
        second,
        (first_coder, second_coder),
        &mut conflicts,
    );
    if out.coder.as_deref() != Some(first_coder) || first_coder != second_coder {
        out.coder = Some(if first_coder == second_coder {
            first_coder.to_owned()
        } else {
            format!("{first_coder} + {second_coder}")
        });
    }
    Merged {
        session: out,
        conflicts,
    }
}

/// Actors and topics, by id: added ones joined, names and merges of the second taken where
/// the first has none, the first's kept (and the other named) where both differ.
fn merge_names(out: &mut Session, second: &Session, conflicts: &mut Vec<Conflict>) {
    // Actors and topics, by id.
    for added in &second.actors.added {
        if !out.actors.added.iter().any(|a| a.id == added.id) {
            out.actors.added.push(added.clone());
        }
    }
    for added in &second.topics.added {
        if !out.topics.added.iter().any(|t| t.id == added.id) {
            out.topics.added.push(added.clone());
        }
    }
    // Names and merges, by id: the first's kept where both differ, the other named.
    let renamed = |conflicts: &mut Vec<Conflict>, id: &str, kept: &str, other: &str| {
        conflicts.push(Conflict::Renamed {
            id: id.to_owned(),
            kept: kept.to_owned(),
            other: other.to_owned(),
        });
    };
    let merged = |conflicts: &mut Vec<Conflict>, id: &str, kept: &str, other: &str| {
        conflicts.push(Conflict::Merged {
            id: id.to_owned(),
            kept: kept.to_owned(),
            other: other.to_owned(),
        });
    };
    union(
        &mut out.actors.renamed,
        &second.actors.renamed,
        |id, a, b| {
            renamed(conflicts, &id.0, a, b);
        },
    );
    union(
        &mut out.topics.renamed,
        &second.topics.renamed,
        |id, a, b| {
            renamed(conflicts, &id.0, a, b);
        },
    );
    union(&mut out.actors.merged, &second.actors.merged, |id, a, b| {
        merged(conflicts, &id.0, &a.0, &b.0);
    });
    union(&mut out.topics.merged, &second.topics.merged, |id, a, b| {
        merged(conflicts, &id.0, &a.0, &b.0);
    });
    for (id, aliases) in &second.actors.aliases_added {
        out.actors
            .aliases_added
            .entry(id.clone())
            .or_default()
            .extend(aliases.iter().cloned());
    }
    for (id, aliases) in &second.actors.aliases_removed {
        out.actors
            .aliases_removed
            .entry(id.clone())
            .or_default()
            .extend(aliases.iter().cloned());
    }
}

/// The cells: annotations and decisions of `second` into `out` (a copy of the first).
fn merge_cells(
    out: &mut Session,
    second: &Session,
    coders: (&str, &str),
    conflicts: &mut Vec<Conflict>,
) {
    let cells: std::collections::BTreeSet<&Cell> = second
        .annotations
        .keys()
        .chain(second.decisions.keys())
        .collect();
    for cell in cells {
        let theirs = second.annotations.get(cell);
        let their_decision = second.decisions.get(cell).copied();
        let ours = out.annotations.get(cell).cloned();
        let our_decision = out.decisions.get(cell).copied();
        let has_stance = |a: Option<&Annotation>| a.is_some_and(|a| a.stance.is_some());
        // One set the stance by hand, the other only reviewed the suggestion: both kept (the
        // hand stance shows), and named.
        if (has_stance(ours.as_ref()) && !has_stance(theirs) && their_decision.is_some())
            || (has_stance(theirs) && !has_stance(ours.as_ref()) && our_decision.is_some())
        {
            conflicts.push(Conflict::HandAndDecision { cell: cell.clone() });
        }
        let merged = match (ours, theirs) {
            (None, None) => None,
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b.clone()),
            (Some(a), Some(b)) => Some(combine(cell, &a, b, coders, out, conflicts)),
        };
        if let Some(a) = merged {
            out.annotations.insert(cell.clone(), a);
        }
        match (our_decision, their_decision) {
            (Some(x), Some(y)) if x != y => {
                out.decisions.remove(cell);
                conflicts.push(Conflict::Decision { cell: cell.clone() });
            }
            (None, Some(y)) => {
                out.decisions.insert(cell.clone(), y);
            }
            _ => {}
        }
    }
}

/// Two annotations of one cell as one: stances that differ become a dispute (the settled
/// stance empty), notes both kept, evidence joined, the first confidence kept.
fn combine(
    cell: &Cell,
    a: &Annotation,
    b: &Annotation,
    (first_coder, second_coder): (&str, &str),
    out: &mut Session,
    conflicts: &mut Vec<Conflict>,
) -> Annotation {
    let mut merged = a.clone();
    for e in &b.evidence {
        if !merged.evidence.contains(e) {
            merged.evidence.push(e.clone());
        }
    }
    if merged.confidence.is_none() {
        merged.confidence = b.confidence;
    }
    merged.set_at = merged.set_at.max(b.set_at);
    match (a.stance, b.stance) {
        (Some(x), Some(y)) if x != y => {
            let entry = out.disputed.entry(cell.clone()).or_default();
            for (coder, stance, ann) in [(first_coder, x, a), (second_coder, y, b)] {
                let one = Disputed {
                    coder: coder.to_owned(),
                    stance,
                    note: ann.note.clone(),
                    evidence: ann.evidence.clone(),
                };
                if !entry.contains(&one) {
                    entry.push(one);
                }
            }
            merged.stance = None;
            conflicts.push(Conflict::Stance { cell: cell.clone() });
        }
        (None, Some(y)) => merged.stance = Some(y),
        _ => {}
    }
    if !b.note.is_empty() && b.note != a.note {
        merged.note = if a.note.is_empty() {
            b.note.clone()
        } else {
            conflicts.push(Conflict::Note { cell: cell.clone() });
            format!("{first_coder}: {}\n{second_coder}: {}", a.note, b.note)
        };
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::{AddedActor, Annotation, Cell, Decision};
    use crate::model::{ActorId, ActorKind, Stance, TopicId};

    fn cell(actor: &str, topic: &str) -> Cell {
        Cell {
            actor: ActorId(actor.into()),
            topic: TopicId(topic.into()),
        }
    }

    fn hand(stance: Stance, note: &str) -> Annotation {
        Annotation {
            stance: Some(stance),
            note: note.into(),
            ..Annotation::default()
        }
    }

    #[test]
    fn what_one_has_and_the_other_lacks_is_taken_and_differing_stances_wait_to_be_settled() {
        let mut ana = Session::default();
        let mut ben = Session::default();
        ana.annotations
            .insert(cell("russia", "talks"), hand(Stance::Oppose, "denied"));
        ben.annotations.insert(
            cell("russia", "talks"),
            hand(Stance::LeanOppose, "not talks as such"),
        );
        ana.annotations
            .insert(cell("us", "talks"), hand(Stance::Support, ""));
        ben.annotations
            .insert(cell("eu", "talks"), hand(Stance::Support, ""));
        ben.annotations
            .insert(cell("us", "talks"), hand(Stance::Support, ""));
        ben.decisions
            .insert(cell("kyiv", "talks"), Decision::Accepted);
        ben.actors.added.push(AddedActor {
            id: ActorId("iaea".into()),
            name: "IAEA".into(),
            kind: ActorKind::Organisation,
        });
        let m = merge(&ana, &ben, "Ana", "Ben");
        let s = &m.session;
        // Taken from Ben: his cell, his decision, his actor.
        assert_eq!(
            s.annotations[&cell("eu", "talks")].stance,
            Some(Stance::Support)
        );
        assert_eq!(
            s.decisions.get(&cell("kyiv", "talks")),
            Some(&Decision::Accepted)
        );
        assert!(s.actors.added.iter().any(|a| a.id.0 == "iaea"));
        // Agreed: one stance.
        assert_eq!(
            s.annotations[&cell("us", "talks")].stance,
            Some(Stance::Support)
        );
        assert!(!s.disputed.contains_key(&cell("us", "talks")));
        // Differed: both kept, nothing settled, notes of both.
        let russia = cell("russia", "talks");
        assert_eq!(s.annotations[&russia].stance, None);
        let both: Vec<(&str, Stance)> = s.disputed[&russia]
            .iter()
            .map(|d| (d.coder.as_str(), d.stance))
            .collect();
        assert_eq!(both, [("Ana", Stance::Oppose), ("Ben", Stance::LeanOppose)]);
        assert!(s.annotations[&russia].note.contains("Ana: denied"));
        assert!(
            s.annotations[&russia]
                .note
                .contains("Ben: not talks as such")
        );
        assert!(m.conflicts.contains(&Conflict::Stance { cell: russia }));
        assert_eq!(s.coder.as_deref(), Some("Ana + Ben"));
    }

    #[test]
    fn names_and_merges_that_differ_keep_the_first_and_are_named() {
        let mut ana = Session::default();
        let mut ben = Session::default();
        ana.actors
            .renamed
            .insert(ActorId("russia".into()), "Russian Federation".into());
        ben.actors
            .renamed
            .insert(ActorId("russia".into()), "Moscow".into());
        ben.actors
            .renamed
            .insert(ActorId("kyiv".into()), "Ukraine".into());
        ana.topics
            .merged
            .insert(TopicId("deal".into()), TopicId("talks".into()));
        ben.topics
            .merged
            .insert(TopicId("deal".into()), TopicId("ceasefire".into()));
        let m = merge(&ana, &ben, "Ana", "Ben");
        assert_eq!(
            m.session.actors.renamed[&ActorId("russia".into())],
            "Russian Federation"
        );
        assert_eq!(m.session.actors.renamed[&ActorId("kyiv".into())], "Ukraine");
        assert_eq!(m.session.topics.merged[&TopicId("deal".into())].0, "talks");
        assert!(
            m.conflicts
                .iter()
                .any(|c| matches!(c, Conflict::Renamed { other, .. } if other == "Moscow"))
        );
        assert!(
            m.conflicts
                .iter()
                .any(|c| matches!(c, Conflict::Merged { other, .. } if other == "ceasefire"))
        );
    }

    #[test]
    fn an_accepted_and_a_rejected_suggestion_leave_it_unreviewed() {
        let mut ana = Session::default();
        let mut ben = Session::default();
        ana.decisions
            .insert(cell("eu", "talks"), Decision::Accepted);
        ben.decisions
            .insert(cell("eu", "talks"), Decision::Rejected);
        let m = merge(&ana, &ben, "Ana", "Ben");
        assert!(m.session.decisions.is_empty());
        assert_eq!(
            m.conflicts,
            [Conflict::Decision {
                cell: cell("eu", "talks")
            }]
        );
    }

    #[test]
    fn merging_a_session_with_itself_changes_nothing_but_the_coder() {
        let mut ana = Session {
            coder: Some("Ana".into()),
            ..Session::default()
        };
        ana.annotations
            .insert(cell("russia", "talks"), hand(Stance::Oppose, "denied"));
        ana.decisions
            .insert(cell("us", "talks"), Decision::Accepted);
        let m = merge(&ana, &ana, "Ana", "Ana");
        assert_eq!(m.session, ana);
        assert!(m.conflicts.is_empty());
    }
}
