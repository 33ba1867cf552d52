//! How evidence becomes a stance and a confidence, in one place: the cues of one article on one
//! cell (`from_cues`), and the suggestions of several articles or merged actors on one cell
//! (`combine`). Both call a cell `mixed` by the same rule.

use super::Stance;

/// Evidence both ways is `mixed` when the weaker side weighs at least this share of the
/// stronger one.
pub const MIXED_SHARE: f32 = 0.5;

/// Confidence of a cell with one cue; each further cue adds [`PER_CUE`], up to
/// [`CUES_COUNTED`] cues.
pub const BASE_CONFIDENCE: f32 = 0.35;
pub const PER_CUE: f32 = 0.15;
pub const CUES_COUNTED: f32 = 4.0;

/// A mixed cell's confidence: [`MIXED_BASE`] plus [`MIXED_PER_CUE`] per cue (same cap).
pub const MIXED_BASE: f32 = 0.3;
pub const MIXED_PER_CUE: f32 = 0.1;

/// Share of the confidence kept when the cues disagree completely (without being mixed);
/// agreeing cues keep all of it.
pub const DISAGREEMENT_FLOOR: f32 = 0.6;

/// The least weight a suggestion has when combined, so that a zero confidence still counts.
pub const MIN_WEIGHT: f32 = 0.05;

/// A combined cell that is mixed is never more confident than this.
pub const MIXED_CAP: f32 = 0.7;

/// Whether support weighing `pos` and opposition weighing `neg` make a mixed cell.
pub fn is_mixed(pos: f32, neg: f32) -> bool {
    pos > 0.0 && neg > 0.0 && pos.min(neg) >= MIXED_SHARE * pos.max(neg)
}

/// The stance and confidence of one article's cues on a cell, each cue a signed strength
/// (support 2 … oppose −2, as [`Stance::score`]).
pub fn from_cues(scores: &[i32]) -> (Stance, f32) {
    let pos: i32 = scores.iter().map(|s| (*s).max(0)).sum();
    let neg: i32 = scores.iter().map(|s| (-*s).max(0)).sum();
    let n = (scores.len().max(1) as f32).min(CUES_COUNTED);
    if is_mixed(pos as f32, neg as f32) {
        return (Stance::Mixed, MIXED_BASE + MIXED_PER_CUE * n);
    }
    let agreement = if pos + neg == 0 {
        1.0
    } else {
        (pos - neg).abs() as f32 / (pos + neg) as f32
    };
    let confidence = (BASE_CONFIDENCE + PER_CUE * n)
        * (DISAGREEMENT_FLOOR + (1.0 - DISAGREEMENT_FLOOR) * agreement);
    let mean = (pos - neg) as f32 / scores.len().max(1) as f32;
    (Stance::from_score(mean), confidence)
}

/// Several suggestions on one cell (from several articles, or actors merged into one), each a
/// stance and a confidence, weighed by confidence. A single suggestion stands as it is.
pub fn combine(parts: &[(Stance, f32)]) -> (Stance, f32) {
    if let [(stance, confidence)] = parts {
        return (*stance, *confidence);
    }
    let (mut pos, mut neg, mut weight, mut best) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    for &(stance, confidence) in parts {
        let c = confidence.max(MIN_WEIGHT);
        if stance == Stance::Mixed {
            pos += c;
            neg += c;
        } else {
            let score = stance.score() as f32;
            pos += c * score.max(0.0);
            neg += c * (-score).max(0.0);
        }
        weight += c;
        best = best.max(confidence);
    }
    if is_mixed(pos, neg) {
        return (Stance::Mixed, best.min(MIXED_CAP));
    }
    (
        Stance::from_score((pos - neg) / weight.max(MIN_WEIGHT)),
        best,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stance::{LeanOppose, LeanSupport, Mixed, Neutral, Oppose, Support};

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn cues_on_one_cell() {
        // (cue strengths, stance, confidence)
        let table: &[(&[i32], Stance, f32)] = &[
            (&[2], Support, 0.5),
            (&[-2], Oppose, 0.5),
            (&[1], LeanSupport, 0.5),
            (&[-1], LeanOppose, 0.5),
            (&[0], Neutral, 0.5),
            (&[2, 2], Support, 0.65),
            (&[2, 2, 2, 2, 2, 2], Support, 0.95),
            // One support against one doubt: the weaker is half the stronger, so mixed.
            (&[2, -1], Mixed, 0.5),
            (&[2, -2], Mixed, 0.5),
            (&[-1, -1, 1], Mixed, 0.6),
            // Three supports against one doubt: the mean (1.25) leans to support, less sure.
            (&[2, 2, 2, -1], LeanSupport, 0.95 * (0.6 + 0.4 * 5.0 / 7.0)),
            (&[], Neutral, 0.5),
        ];
        for (scores, stance, confidence) in table {
            let (s, c) = from_cues(scores);
            assert_eq!(s, *stance, "{scores:?}");
            assert!(close(c, *confidence), "{scores:?}: {c} != {confidence}");
        }
    }

    #[test]
    fn suggestions_from_several_articles() {
        // (suggestions, stance, confidence)
        type Row<'a> = (&'a [(Stance, f32)], Stance, f32);
        let table: &[Row] = &[
            (&[(Oppose, 0.4)], Oppose, 0.4),
            (&[(Oppose, 0.5), (Oppose, 0.8)], Oppose, 0.8),
            (&[(Support, 0.5), (Oppose, 0.5)], Mixed, 0.5),
            (&[(Support, 0.9), (Oppose, 0.9)], Mixed, MIXED_CAP),
            // A strong support outweighs a weak doubt but is softened by it.
            (&[(Support, 0.8), (LeanOppose, 0.3)], LeanSupport, 0.8),
            // A mixed article and a supporting one lean to support.
            (&[(Mixed, 0.5), (Support, 0.5)], LeanSupport, 0.5),
            (&[(Mixed, 0.5), (Mixed, 0.5)], Mixed, 0.5),
            // A zero confidence still counts a little.
            (&[(Support, 0.0), (Support, 0.0)], Support, 0.0),
        ];
        for (parts, stance, confidence) in table {
            let (s, c) = combine(parts);
            assert_eq!(s, *stance, "{parts:?}");
            assert!(close(c, *confidence), "{parts:?}: {c} != {confidence}");
        }
    }

    #[test]
    fn both_paths_call_the_same_balance_mixed() {
        for (pos, neg) in [(2, 1), (3, 2), (4, 1), (1, 1), (5, 2), (6, 3)] {
            let cues: Vec<i32> = std::iter::repeat_n(1, pos)
                .chain(std::iter::repeat_n(-1, neg))
                .collect();
            let parts: Vec<(Stance, f32)> = std::iter::repeat_n((LeanSupport, 0.5), pos)
                .chain(std::iter::repeat_n((LeanOppose, 0.5), neg))
                .collect();
            assert_eq!(
                from_cues(&cues).0 == Mixed,
                combine(&parts).0 == Mixed,
                "{pos} for, {neg} against"
            );
        }
    }
}
