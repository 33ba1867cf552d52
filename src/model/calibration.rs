//! A confidence that means what it says: the chance that a suggested stance is right, from
//! how the analysis came to it (a logistic model over a few signals of each evidence
//! sentence), fitted on the labelled dev half by `tools/calibrate.py` from the rows
//! `briefing eval --predictions` writes. The weights live in
//! `assets/lexicon/calibration.ron`.

use super::{ActorKind, HolderFrom, Signal, Stance, TopicFrom};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The bundled weights.
const BUNDLED: &str = include_str!("../../assets/lexicon/calibration.ron");

/// A fitted model: one weight per signal name (see [`features`]); a signal without a weight
/// counts nothing.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Calibration {
    /// What it was fitted on, for people.
    pub fitted_on: String,
    pub weights: BTreeMap<String, f32>,
}

/// The bundled calibration, read on first use.
pub fn bundled() -> &'static Calibration {
    static CAL: OnceLock<Calibration> = OnceLock::new();
    CAL.get_or_init(|| ron::from_str(BUNDLED).unwrap_or_default())
}

/// What one evidence sentence of a suggestion looks like to the model.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    pub signal: Signal,
    /// The suggestion's stance (over all its sentences).
    pub stance: Stance,
    pub kind: ActorKind,
    /// Sentences the suggestion rests on.
    pub sentences: usize,
    /// Stance words in this sentence.
    pub cues: usize,
}

/// The signals of a case, each 0 or 1, by name.
pub fn features(case: &Case) -> Vec<(&'static str, bool)> {
    let s = &case.signal;
    let before = |lo: u8, hi: u8| s.holder == HolderFrom::Before && (lo..=hi).contains(&s.gap);
    vec![
        ("bias", true),
        ("tone", s.tone),
        ("mixed", case.stance == Stance::Mixed),
        (
            "lean",
            matches!(case.stance, Stance::LeanSupport | Stance::LeanOppose),
        ),
        ("person", case.kind == ActorKind::Person),
        (
            "country_or_group",
            matches!(case.kind, ActorKind::Country | ActorKind::Group),
        ),
        ("three_or_more_sentences", case.sentences >= 3),
        ("quote", s.holder == HolderFrom::Quote),
        ("speaker", s.holder == HolderFrom::Speaker),
        ("agent", s.holder == HolderFrom::Agent),
        ("holder_next_to_cue", before(0, 0)),
        ("one_word_between", before(1, 1)),
        ("two_to_four_between", before(2, 4)),
        ("negated", s.negated),
        (
            "topic_carried",
            matches!(s.topic, TopicFrom::Carried | TopicFrom::Main),
        ),
        (
            "topic_named_next",
            matches!(s.topic, TopicFrom::Near | TopicFrom::Codebook),
        ),
        ("several_cues", case.cues > 1),
    ]
}

impl Calibration {
    /// The chance that the case is right, 0 to 1.
    pub fn probability(&self, case: &Case) -> f32 {
        let z: f32 = features(case)
            .into_iter()
            .filter(|&(_, on)| on)
            .filter_map(|(name, _)| self.weights.get(name))
            .sum();
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(holder: HolderFrom, gap: u8, topic: TopicFrom, stance: Stance) -> Case {
        Case {
            signal: Signal {
                tone: false,
                holder,
                gap,
                negated: false,
                topic,
            },
            stance,
            kind: ActorKind::Person,
            sentences: 1,
            cues: 1,
        }
    }

    #[test]
    fn the_bundled_weights_read_and_every_one_names_a_signal() {
        let cal = bundled();
        assert!(!cal.weights.is_empty(), "calibration.ron reads");
        let names: Vec<&str> = features(&case(
            HolderFrom::Before,
            0,
            TopicFrom::Near,
            Stance::Support,
        ))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
        for name in cal.weights.keys() {
            assert!(names.contains(&name.as_str()), "{name} is no signal");
        }
    }

    #[test]
    fn a_holder_next_to_its_cue_is_likelier_right_than_a_carried_mixed_one() {
        let cal = bundled();
        let good = cal.probability(&case(
            HolderFrom::Before,
            0,
            TopicFrom::Near,
            Stance::Support,
        ));
        let poor = cal.probability(&case(
            HolderFrom::Quote,
            0,
            TopicFrom::Carried,
            Stance::Mixed,
        ));
        assert!(good > 0.6 && poor < 0.4, "{good} {poor}");
        assert!((0.0..=1.0).contains(&good) && (0.0..=1.0).contains(&poor));
    }
}
