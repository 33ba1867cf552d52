//! How far coders agree on the stances they set: Krippendorff's alpha (nominal over the six
//! stances, ordinal over the five-step scale support … oppose), Cohen's kappa for each pair of
//! coders, the share of agreeing pairs, the stance confusion table and the list of cells where
//! coders differ. Pure: the command line (`briefing agree`) and the window share it.
//!
//! Only what a coder decided counts: a stance set by hand or a suggestion accepted. A
//! suggestion nobody reviewed is the analysis's, not a coder's.
//!
//! Alpha follows Krippendorff's coincidence-matrix computation (K. Krippendorff, "Computing
//! Krippendorff's Alpha-Reliability", 2011): every unit coded by at least two coders adds its
//! pairs of values, each weighted 1/(m−1) for m values in the unit; units coded once are left
//! out, which is how alpha handles missing values.

use super::{ActorId, Stance, TopicId};
use serde::Serialize;
use std::collections::BTreeMap;

/// How different two values are taken to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Equal or not.
    Nominal,
    /// By rank: the values between two count, as many times as they were used.
    Ordinal,
    /// By the difference of the values.
    Interval,
}

/// Krippendorff's alpha of `data`: a row per unit, an entry per coder (`None`: that coder did
/// not code the unit). `None` when alpha is undefined: fewer than two pairable values, or
/// every pairable value the same (no disagreement is expected, so none can be measured).
pub fn alpha(data: &[Vec<Option<f64>>], level: Level) -> Option<f64> {
    let mut values: Vec<f64> = data.iter().flatten().flatten().copied().collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    // Values are compared exactly: they are codes, not measurements.
    let index = |v: f64| values.iter().position(|x| x.total_cmp(&v).is_eq());
    let k = values.len();
    // The coincidence matrix.
    let mut o = vec![vec![0.0_f64; k]; k];
    for unit in data {
        let present: Vec<usize> = unit.iter().flatten().filter_map(|v| index(*v)).collect();
        let m = present.len();
        if m < 2 {
            continue;
        }
        let weight = 1.0 / (m as f64 - 1.0);
        for (i, &a) in present.iter().enumerate() {
            for (j, &b) in present.iter().enumerate() {
                if i != j {
                    o[a][b] += weight;
                }
            }
        }
    }
    let marginals: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = marginals.iter().sum();
    if n < 2.0 {
        return None;
    }
    let distance = |c: usize, d: usize| -> f64 {
        if c == d {
            return 0.0;
        }
        match level {
            Level::Nominal => 1.0,
            Level::Interval => (values[c] - values[d]).powi(2),
            Level::Ordinal => {
                let (lo, hi) = (c.min(d), c.max(d));
                let between: f64 = marginals[lo..=hi].iter().sum();
                (between - f64::midpoint(marginals[lo], marginals[hi])).powi(2)
            }
        }
    };
    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..k {
        for d in 0..k {
            let delta = distance(c, d);
            observed += o[c][d] * delta;
            expected += marginals[c] * marginals[d] * delta;
        }
    }
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

/// Cohen's kappa of two coders over the units both coded (`pairs`: the category each gave,
/// of `categories`). `None` with no unit, or when chance alone would agree on every unit.
pub fn cohen_kappa(pairs: &[(usize, usize)], categories: usize) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut first = vec![0.0; categories];
    let mut second = vec![0.0; categories];
    let mut agree = 0.0;
    for &(a, b) in pairs {
        first[a] += 1.0;
        second[b] += 1.0;
        if a == b {
            agree += 1.0;
        }
    }
    let observed = agree / n;
    let chance: f64 = first
        .iter()
        .zip(&second)
        .map(|(a, b)| (a / n) * (b / n))
        .sum();
    if (1.0 - chance).abs() < 1e-12 {
        return None;
    }
    Some((observed - chance) / (1.0 - chance))
}

/// A cell of the matrix, matched across sessions by the actor's and the topic's ids; with
/// article units, also by the article (its content hash where known, so that a moved file
/// still matches).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unit {
    pub actor: ActorId,
    pub topic: TopicId,
    /// With article units: the article's key (`hash:…`, or its path when no hash is known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

/// What one coder decided for a unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coding {
    pub stance: Stance,
    /// "hand" or "accepted".
    pub provenance: &'static str,
    pub note: String,
    /// The first sentence of the evidence behind it, if any.
    pub evidence: Option<String>,
}

/// One coder's decisions, and the names the coder's session gives actors and topics.
#[derive(Clone, Debug, Default)]
pub struct CoderWork {
    pub coder: String,
    pub codings: BTreeMap<Unit, Coding>,
    pub actor_names: BTreeMap<ActorId, String>,
    pub topic_names: BTreeMap<TopicId, String>,
    /// With article units: each article key's file name, for the report.
    pub article_names: BTreeMap<String, String>,
}

/// Agreement over a set of units.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Units at least two coders coded (the ones alpha and kappa can use).
    pub pairable_units: usize,
    pub alpha_nominal: Option<f64>,
    /// Over support … oppose; codings of "mixed" are left out of it.
    pub alpha_ordinal: Option<f64>,
    /// Codings of "mixed" among the pairable units (not in the ordinal figure).
    pub mixed: usize,
    /// Of the pairs of coders who coded the same unit, the share that gave the same stance.
    pub percent_agreement: Option<f64>,
}

/// Cohen's kappa of two coders.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairKappa {
    pub first: String,
    pub second: String,
    /// Units both coded.
    pub units: usize,
    pub kappa: Option<f64>,
}

/// A unit the coders who coded it did not agree on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    pub actor: String,
    pub topic: String,
    /// With article units: the article's file name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    pub unit: Unit,
    /// In the order of the coders; `None` where a coder did not code it.
    pub codings: Vec<Option<Coding>>,
}

/// Everything `briefing agree` and the window report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub coders: Vec<String>,
    /// Units any coder coded.
    pub units: usize,
    /// Units each coder coded, in the order of `coders`.
    pub coded_by_each: Vec<usize>,
    pub coded_by_all: usize,
    pub overall: Figures,
    pub kappas: Vec<PairKappa>,
    /// By topic and by actor (their names), where at least one unit is pairable.
    pub by_topic: Vec<(String, Figures)>,
    pub by_actor: Vec<(String, Figures)>,
    /// `confusion[a][b]`: how often, over every pair of coders who coded the same unit, one
    /// said `Stance::ALL[a]` and the other `Stance::ALL[b]` (each pair counted both ways).
    pub confusion: [[usize; 6]; 6],
    pub disagreements: Vec<Disagreement>,
}

/// A stance as a nominal value (its place in [`Stance::ALL`]).
fn nominal(s: Stance) -> usize {
    Stance::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// A stance's step on the five-step scale (support 1 … oppose 5); mixed has none.
fn ordinal(s: Stance) -> Option<f64> {
    match s {
        Stance::Support => Some(1.0),
        Stance::LeanSupport => Some(2.0),
        Stance::Neutral => Some(3.0),
        Stance::LeanOppose => Some(4.0),
        Stance::Oppose => Some(5.0),
        Stance::Mixed => None,
    }
}

/// The figures over `units` (each a row of the coders' stances).
fn figures(rows: &[Vec<Option<Stance>>]) -> Figures {
    let pairable: Vec<&Vec<Option<Stance>>> = rows
        .iter()
        .filter(|r| r.iter().flatten().count() >= 2)
        .collect();
    let nominal_data: Vec<Vec<Option<f64>>> = pairable
        .iter()
        .map(|r| r.iter().map(|s| s.map(|s| nominal(s) as f64)).collect())
        .collect();
    let ordinal_data: Vec<Vec<Option<f64>>> = pairable
        .iter()
        .map(|r| r.iter().map(|s| s.and_then(ordinal)).collect())
        .collect();
    let mixed = pairable
        .iter()
        .flat_map(|r| r.iter().flatten())
        .filter(|s| **s == Stance::Mixed)
        .count();
    let (mut pairs, mut same) = (0usize, 0usize);
    for r in &pairable {
        let coded: Vec<Stance> = r.iter().flatten().copied().collect();
        for i in 0..coded.len() {
            for j in i + 1..coded.len() {
                pairs += 1;
                if coded[i] == coded[j] {
                    same += 1;
                }
            }
        }
    }
    Figures {
        pairable_units: pairable.len(),
        alpha_nominal: alpha(&nominal_data, Level::Nominal),
        alpha_ordinal: alpha(&ordinal_data, Level::Ordinal),
        mixed,
        percent_agreement: (pairs > 0).then(|| same as f64 / pairs as f64),
    }
}

impl Report {
    /// The agreement of `work` (one entry per coder, at least one).
    pub fn build(work: &[CoderWork]) -> Report {
        let coders: Vec<String> = work.iter().map(|w| w.coder.clone()).collect();
        let mut units: BTreeMap<&Unit, Vec<Option<&Coding>>> = BTreeMap::new();
        for (i, w) in work.iter().enumerate() {
            for (unit, coding) in &w.codings {
                units.entry(unit).or_insert_with(|| vec![None; work.len()])[i] = Some(coding);
            }
        }
        let stances = |row: &Vec<Option<&Coding>>| -> Vec<Option<Stance>> {
            row.iter().map(|c| c.map(|c| c.stance)).collect()
        };
        let rows: Vec<Vec<Option<Stance>>> = units.values().map(stances).collect();
        let actor_name = |id: &ActorId| {
            work.iter()
                .find_map(|w| w.actor_names.get(id).cloned())
                .unwrap_or_else(|| id.0.clone())
        };
        let topic_name = |id: &TopicId| {
            work.iter()
                .find_map(|w| w.topic_names.get(id).cloned())
                .unwrap_or_else(|| id.0.clone())
        };
        let group = |key: &dyn Fn(&Unit) -> String| -> Vec<(String, Figures)> {
            let mut groups: BTreeMap<String, Vec<Vec<Option<Stance>>>> = BTreeMap::new();
            for (unit, row) in &units {
                groups.entry(key(unit)).or_default().push(stances(row));
            }
            groups
                .into_iter()
                .map(|(name, rows)| (name, figures(&rows)))
                .filter(|(_, f)| f.pairable_units > 0)
                .collect()
        };
        let mut kappas = Vec::new();
        for a in 0..work.len() {
            for b in a + 1..work.len() {
                let pairs: Vec<(usize, usize)> = units
                    .values()
                    .filter_map(|row| Some((nominal(row[a]?.stance), nominal(row[b]?.stance))))
                    .collect();
                kappas.push(PairKappa {
                    first: coders[a].clone(),
                    second: coders[b].clone(),
                    units: pairs.len(),
                    kappa: cohen_kappa(&pairs, Stance::ALL.len()),
                });
            }
        }
        let mut confusion = [[0usize; 6]; 6];
        let mut disagreements = Vec::new();
        for (unit, row) in &units {
            let coded: Vec<Stance> = row.iter().flatten().map(|c| c.stance).collect();
            for i in 0..coded.len() {
                for j in i + 1..coded.len() {
                    let (a, b) = (nominal(coded[i]), nominal(coded[j]));
                    confusion[a][b] += 1;
                    confusion[b][a] += 1;
                }
            }
            if coded.len() >= 2 && coded.iter().any(|s| *s != coded[0]) {
                disagreements.push(Disagreement {
                    actor: actor_name(&unit.actor),
                    topic: topic_name(&unit.topic),
                    article: unit.article.as_ref().map(|key| {
                        work.iter()
                            .find_map(|w| w.article_names.get(key).cloned())
                            .unwrap_or_else(|| key.clone())
                    }),
                    unit: (*unit).clone(),
                    codings: row.iter().map(|c| c.cloned()).collect(),
                });
            }
        }
        Report {
            units: units.len(),
            coded_by_each: work.iter().map(|w| w.codings.len()).collect(),
            coded_by_all: units
                .values()
                .filter(|r| r.iter().all(Option::is_some))
                .count(),
            overall: figures(&rows),
            kappas,
            by_topic: group(&|u: &Unit| topic_name(&u.topic)),
            by_actor: group(&|u: &Unit| actor_name(&u.actor)),
            confusion,
            disagreements,
            coders,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: Option<f64>, want: f64) -> bool {
        got.is_some_and(|g| (g - want).abs() < 0.0005)
    }

    /// Krippendorff's (2011) reliability data: four coders, twelve units, values 1–5, some
    /// missing. Rows are units.
    fn krippendorff_example() -> Vec<Vec<Option<f64>>> {
        let coders: [[Option<f64>; 12]; 4] = {
            let (n, v) = (None, |x: f64| Some(x));
            [
                [
                    v(1.),
                    v(2.),
                    v(3.),
                    v(3.),
                    v(2.),
                    v(1.),
                    v(4.),
                    v(1.),
                    v(2.),
                    n,
                    n,
                    n,
                ],
                [
                    v(1.),
                    v(2.),
                    v(3.),
                    v(3.),
                    v(2.),
                    v(2.),
                    v(4.),
                    v(1.),
                    v(2.),
                    v(5.),
                    n,
                    v(3.),
                ],
                [
                    n,
                    v(3.),
                    v(3.),
                    v(3.),
                    v(2.),
                    v(3.),
                    v(4.),
                    v(2.),
                    v(2.),
                    v(5.),
                    v(1.),
                    n,
                ],
                [
                    v(1.),
                    v(2.),
                    v(3.),
                    v(3.),
                    v(2.),
                    v(4.),
                    v(4.),
                    v(1.),
                    v(2.),
                    v(5.),
                    v(1.),
                    n,
                ],
            ]
        };
        (0..12)
            .map(|u| coders.iter().map(|c| c[u]).collect())
            .collect()
    }

    #[test]
    fn alpha_gives_krippendorffs_published_values_for_his_example() {
        let data = krippendorff_example();
        let nominal = alpha(&data, Level::Nominal);
        let ordinal = alpha(&data, Level::Ordinal);
        let interval = alpha(&data, Level::Interval);
        assert!(close(nominal, 0.743), "{nominal:?}");
        assert!(close(ordinal, 0.815), "{ordinal:?}");
        assert!(close(interval, 0.849), "{interval:?}");
    }

    #[test]
    fn alpha_in_the_edge_cases() {
        // Perfect agreement over two values: 1.
        let perfect = vec![vec![Some(1.0), Some(1.0)], vec![Some(2.0), Some(2.0)]];
        assert!(close(alpha(&perfect, Level::Nominal), 1.0));
        // One unit, one value used: no variation, alpha undefined.
        assert_eq!(alpha(&[vec![Some(3.0), Some(3.0)]], Level::Nominal), None);
        // All missing, or each unit coded once: nothing pairable.
        assert_eq!(
            alpha(&[vec![None, None], vec![None, None]], Level::Nominal),
            None
        );
        assert_eq!(
            alpha(
                &[vec![Some(1.0), None], vec![None, Some(2.0)]],
                Level::Nominal
            ),
            None
        );
        // Two coders who always disagree on two values, each used equally: below zero.
        // n = 4, o(1,2) = o(2,1) = 2, n1 = n2 = 2: alpha = 1 − 3·4/8 = −0.5.
        let opposed = vec![vec![Some(1.0), Some(2.0)], vec![Some(2.0), Some(1.0)]];
        assert!(close(alpha(&opposed, Level::Nominal), -0.5));
        // A unit coded once is left out, not counted as a disagreement.
        let with_single = vec![
            vec![Some(1.0), Some(1.0)],
            vec![Some(2.0), Some(2.0)],
            vec![Some(5.0), None],
        ];
        assert!(close(alpha(&with_single, Level::Nominal), 1.0));
    }

    #[test]
    fn cohens_kappa_of_a_textbook_table() {
        // 50 items: both yes 20, yes/no 5, no/yes 10, both no 15 (po = 0.70, pe = 0.50).
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n((0, 0), 20));
        pairs.extend(std::iter::repeat_n((0, 1), 5));
        pairs.extend(std::iter::repeat_n((1, 0), 10));
        pairs.extend(std::iter::repeat_n((1, 1), 15));
        assert!(close(cohen_kappa(&pairs, 2), 0.4));
        // Perfect agreement over two categories: 1; everyone on one category: undefined.
        assert!(close(cohen_kappa(&[(0, 0), (1, 1)], 2), 1.0));
        assert_eq!(cohen_kappa(&[(0, 0), (0, 0)], 2), None);
        assert_eq!(cohen_kappa(&[], 2), None);
    }

    fn work(coder: &str, cells: &[(&str, &str, Stance)]) -> CoderWork {
        CoderWork {
            coder: coder.to_owned(),
            codings: cells
                .iter()
                .map(|(a, t, s)| {
                    (
                        Unit {
                            actor: ActorId((*a).to_owned()),
                            topic: TopicId((*t).to_owned()),
                            article: None,
                        },
                        Coding {
                            stance: *s,
                            provenance: "hand",
                            note: String::new(),
                            evidence: None,
                        },
                    )
                })
                .collect(),
            ..CoderWork::default()
        }
    }

    #[test]
    fn a_report_counts_units_pairs_and_disagreements() {
        use Stance::*;
        let ana = work(
            "Ana",
            &[
                ("russia", "talks", Oppose),
                ("us", "talks", Support),
                ("eu", "talks", Mixed),
            ],
        );
        let ben = work(
            "Ben",
            &[
                ("russia", "talks", LeanOppose),
                ("us", "talks", Support),
                ("kyiv", "talks", Neutral),
            ],
        );
        let r = Report::build(&[ana, ben]);
        assert_eq!(r.units, 4);
        assert_eq!(r.coded_by_each, [3, 3]);
        assert_eq!(r.coded_by_all, 2);
        assert_eq!(r.overall.pairable_units, 2);
        assert_eq!(r.overall.percent_agreement, Some(0.5));
        assert_eq!(r.kappas.len(), 1);
        assert_eq!(r.kappas[0].units, 2);
        assert_eq!(r.disagreements.len(), 1);
        assert_eq!(r.disagreements[0].actor, "russia");
        assert_eq!(r.confusion[nominal(Oppose)][nominal(LeanOppose)], 1);
        assert_eq!(r.confusion[nominal(Support)][nominal(Support)], 2);
        // Mixed is coded once only (by Ana): not pairable, so not in the count.
        assert_eq!(r.overall.mixed, 0);
        assert_eq!(r.by_topic.len(), 1);
    }
}
