//! A committed baseline of the labelled corpus's scores (`assets/corpus/baseline.ron`), so
//! that a change to the analysis can be measured against it: `briefing eval --against FILE`
//! prints each score's change and the articles that moved, and the floors in
//! `tests/quality.rs` are read from it.

use super::{Counts, Scored, Split};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The scores of every labelled article, and of each half, as they stood.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Baseline {
    /// When and with what it was made, for people.
    pub made: String,
    pub dev: Counts,
    pub test: Counts,
    pub articles: BTreeMap<String, Counts>,
}

/// The scores a baseline compares, by name, from counts.
pub fn scores(c: &Counts) -> [(&'static str, f64); 6] {
    [
        ("actor recall", c.actor_recall()),
        ("actor precision", c.actor_precision()),
        ("alias merge", c.merge()),
        ("stance recall", c.stance_recall()),
        ("stance precision", c.stance_precision()),
        ("heading recall", c.heading_recall()),
    ]
}

impl Baseline {
    /// The baseline of scored articles (both halves).
    pub fn of(rows: &[Scored], made: &str) -> Baseline {
        let mut out = Baseline {
            made: made.to_owned(),
            ..Baseline::default()
        };
        for row in rows {
            match row.entry.split {
                Split::Dev => out.dev += row.counts,
                _ => out.test += row.counts,
            }
            out.articles.insert(row.entry.name.clone(), row.counts);
        }
        out
    }

    /// Reads a baseline file.
    pub fn read(text: &str) -> Result<Baseline, String> {
        ron::from_str(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }

    /// The baseline file's text.
    pub fn write(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new().depth_limit(3);
        ron::ser::to_string_pretty(self, pretty).unwrap_or_default()
    }

    /// How `now` stands against this baseline: per half, each score then and now with the
    /// change; then every article whose stance or actor counts moved, with the counts then
    /// and now.
    pub fn compare(&self, now: &Baseline) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "against the baseline of {}\n", self.made);
        let _ = writeln!(out, "| half | score | baseline | now | change |");
        let _ = writeln!(out, "|---|---|---:|---:|---:|");
        for (half, then, now) in [
            ("dev", &self.dev, &now.dev),
            ("test", &self.test, &now.test),
        ] {
            for ((name, a), (_, b)) in scores(then).into_iter().zip(scores(now)) {
                let change = b - a;
                let mark = if change.abs() < 0.0005 {
                    ""
                } else if change > 0.0 {
                    " ▲"
                } else {
                    " ▼"
                };
                let _ = writeln!(
                    out,
                    "| {half} | {name} | {a:.3} | {b:.3} | {change:+.3}{mark} |"
                );
            }
        }
        let moved: Vec<String> = now
            .articles
            .iter()
            .filter_map(|(name, b)| {
                let a = self.articles.get(name)?;
                let key = |c: &Counts| {
                    (c.stances_found, c.stances_right, c.stances_predicted, c.actors_found, c.predicted_right, c.predicted)
                };
                (key(a) != key(b)).then(|| {
                    format!(
                        "- {name}: stances found {} → {}, right {}/{} → {}/{}, actors found {} → {}, actor precision {}/{} → {}/{}",
                        a.stances_found, b.stances_found, a.stances_right, a.stances_predicted,
                        b.stances_right, b.stances_predicted, a.actors_found, b.actors_found,
                        a.predicted_right, a.predicted, b.predicted_right, b.predicted
                    )
                })
            })
            .collect();
        let _ = writeln!(out, "\narticles that moved: {}", moved.len());
        for line in moved {
            let _ = writeln!(out, "{line}");
        }
        let new: Vec<&String> = now
            .articles
            .keys()
            .filter(|n| !self.articles.contains_key(*n))
            .collect();
        if !new.is_empty() {
            let _ = writeln!(out, "\narticles not in the baseline: {}", new.len());
            for n in new {
                let _ = writeln!(out, "- {n}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(found: u32, right: u32) -> Counts {
        Counts {
            actors: 10,
            actors_found: 8,
            predicted: 5,
            predicted_right: 5,
            stances: 10,
            stances_found: found,
            stances_predicted: 10,
            stances_right: right,
            ..Counts::default()
        }
    }

    #[test]
    fn a_baseline_writes_reads_and_shows_what_moved() {
        let mut then = Baseline {
            made: "then".into(),
            dev: counts(2, 5),
            test: counts(2, 4),
            ..Baseline::default()
        };
        then.articles.insert("a".into(), counts(1, 2));
        then.articles.insert("b".into(), counts(1, 2));
        let back = Baseline::read(&then.write()).expect("reads");
        assert_eq!(back, then);
        let mut now = then.clone();
        now.test = counts(3, 4);
        now.articles.insert("b".into(), counts(2, 2));
        now.articles.insert("c".into(), counts(0, 0));
        let report = then.compare(&now);
        assert!(
            report.contains("| test | stance recall | 0.200 | 0.300 | +0.100 ▲ |"),
            "{report}"
        );
        assert!(
            report.contains("| dev | stance recall | 0.200 | 0.200 | +0.000 |"),
            "{report}"
        );
        assert!(
            report.contains("articles that moved: 1\n- b: stances found 1 → 2"),
            "{report}"
        );
        assert!(
            report.contains("articles not in the baseline: 1\n- c"),
            "{report}"
        );
        assert!(Baseline::read("(made: 1)").is_err());
    }
}
