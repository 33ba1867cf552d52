//! How two entries of one key in a session file fold together: both evidence lists and notes
//! of a cell are kept, a later stance wins and the earlier one is written into the note, other
//! values are replaced and the loss is said. The reading itself is [`crate::repeats`].

use crate::model::session::{Annotation, Cell, Decision};
use crate::model::{ActorId, TopicId};
use crate::repeats::{Combine, Describe, replace};

impl Describe for Cell {
    fn describe(&self) -> String {
        format!("{} on {}", self.actor, self.topic)
    }
}

impl Describe for ActorId {
    fn describe(&self) -> String {
        self.0.clone()
    }
}

impl Describe for TopicId {
    fn describe(&self) -> String {
        self.0.clone()
    }
}

impl Combine for Annotation {
    fn combine(&mut self, later: Self) -> Option<String> {
        let mut lost = None;
        for e in later.evidence {
            if !self.evidence.contains(&e) {
                self.evidence.push(e);
            }
        }
        if self.note.is_empty() {
            self.note = later.note;
        } else if !later.note.is_empty() && later.note != self.note {
            self.note = format!("{}\n{}", self.note, later.note);
        }
        if let Some(stance) = later.stance {
            if let Some(earlier) = self.stance.filter(|s| *s != stance) {
                // The later entry wins, as in the file's own order; the other stance stays
                // in the note, where the analyst will see it.
                let word = earlier.word();
                let said = format!("(The file also gave this cell the stance “{word}”.)");
                if !self.note.contains(&said) {
                    if !self.note.is_empty() {
                        self.note.push('\n');
                    }
                    self.note.push_str(&said);
                }
                lost = Some(format!(
                    "the stance “{word}” was replaced by “{}” (kept in the cell's note)",
                    stance.word()
                ));
            }
            self.stance = Some(stance);
        }
        if later.confidence.is_some() {
            self.confidence = later.confidence;
        }
        self.set_at = self.set_at.max(later.set_at);
        lost
    }
}

impl Combine for Decision {
    fn combine(&mut self, later: Self) -> Option<String> {
        replace(self, later)
    }
}

impl Combine for ActorId {
    fn combine(&mut self, later: Self) -> Option<String> {
        replace(self, later)
    }
}

impl Combine for TopicId {
    fn combine(&mut self, later: Self) -> Option<String> {
        replace(self, later)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stance;
    use crate::model::session::EvidenceRef;

    fn evidence(n: u32) -> EvidenceRef {
        EvidenceRef {
            article: "a.txt".into(),
            sentence: crate::model::SentenceId(n),
            quote: format!("sentence {n}"),
            context: String::new(),
        }
    }

    #[test]
    fn two_annotations_of_one_cell_keep_both_evidence_lists_and_notes() {
        let mut first = Annotation {
            stance: Some(Stance::Support),
            note: "first".into(),
            evidence: vec![evidence(1)],
            set_at: 5,
            ..Annotation::default()
        };
        let lost = first.combine(Annotation {
            stance: Some(Stance::Oppose),
            note: "second".into(),
            evidence: vec![evidence(1), evidence(2)],
            set_at: 3,
            ..Annotation::default()
        });
        assert_eq!(first.evidence, vec![evidence(1), evidence(2)]);
        assert_eq!(first.stance, Some(Stance::Oppose));
        assert!(first.note.starts_with("first\nsecond\n"), "{}", first.note);
        assert!(first.note.contains("“support”"), "{}", first.note);
        assert_eq!(first.set_at, 5);
        assert!(lost.is_some_and(|l| l.contains("replaced")));
    }

    #[test]
    fn the_same_stance_twice_loses_nothing() {
        let mut first = Annotation {
            stance: Some(Stance::Support),
            ..Annotation::default()
        };
        let lost = first.combine(Annotation {
            stance: Some(Stance::Support),
            confidence: Some(0.5),
            ..Annotation::default()
        });
        assert_eq!(lost, None);
        assert_eq!(first.confidence, Some(0.5));
        assert!(first.note.is_empty());
    }
}
