//! Quality on the test half of the labelled real-news corpus (`assets/corpus`), against floors a
//! little under what the analysis reaches today. A change that makes the analysis worse on real
//! articles fails here; raise the floors as the analysis improves (`briefing eval --split test`
//! prints the figures).

use briefing::analysis::Analyzer;
use briefing::eval::{self, Counts, Split};
use std::path::Path;

#[test]
fn the_test_half_stays_above_its_floors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    let rows = eval::run(&dir, Split::Test, Analyzer::bundled()).expect("corpus scores");
    assert!(rows.len() >= 38, "{} test articles", rows.len());
    let mut total = Counts::default();
    for row in &rows {
        total += row.counts;
    }
    let report = eval::report(&rows);
    // The floors: the committed baseline's test-half scores (`briefing eval
    // --write-baseline assets/corpus/baseline.ron` when the analysis improves), less a little
    // room.
    let baseline = std::fs::read_to_string(dir.join("baseline.ron")).expect("baseline.ron");
    let baseline = eval::baseline::Baseline::read(&baseline).expect("the baseline reads");
    for ((what, value), (_, then)) in eval::baseline::scores(&total)
        .into_iter()
        .zip(eval::baseline::scores(&baseline.test))
    {
        let floor = then - 0.02;
        assert!(
            value >= floor,
            "{what} {value:.3} fell below {floor:.3} (baseline {then:.3})\n{report}\n{}",
            baseline.compare(&eval::baseline::Baseline::of(&rows, "now"))
        );
    }
    assert!(
        total.headings_spurious <= 1,
        "{} spurious headings\n{report}",
        total.headings_spurious
    );
}

/// The whole labelled corpus opened together, as an analyst opens every article on a story:
/// actors labelled in several articles are one row, the columns holding stances mean labelled
/// topics, and each labelled topic is about one column (`briefing eval --corpus` prints them).
#[test]
fn the_corpus_opened_together_holds_together() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    let score = eval::corpus::run(&dir, Split::All, Analyzer::bundled()).expect("corpus");
    let report = eval::corpus::report(&score);
    assert!(
        score.multi >= 80,
        "{} multi-article actors\n{report}",
        score.multi
    );
    assert!(
        score.consolidation() >= 0.95,
        "consolidated {:.3}\n{report}",
        score.consolidation()
    );
    assert!(
        score.column_match() >= 0.70,
        "columns matching {:.3}\n{report}",
        score.column_match()
    );
    assert!(
        score.columns_per_topic() <= 1.2,
        "columns per topic {:.3}\n{report}",
        score.columns_per_topic()
    );
    assert!(
        score.columns_per_topic_any() <= 1.35,
        "columns per topic, any stance {:.3}\n{report}",
        score.columns_per_topic_any()
    );
}

/// All real articles as one long text: the 100 most-mentioned actors have no junk among their
/// names and aliases (pronouns, determiners, weekdays, months, single letters, bare titles).
#[test]
fn no_junk_names_on_long_real_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus/wikinews");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let text: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("article"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let article = briefing::parse::parse_text(&text, briefing::load::Format::Text);
    let briefing = Analyzer::bundled().analyze(&article);
    let mut actors = briefing.actors.clone();
    actors.sort_by_key(|a| std::cmp::Reverse(a.mentions));
    let mut junk: Vec<&str> = vec![
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "his",
        "its",
        "their",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "president",
        "prime minister",
        "minister",
        "senator",
        "governor",
        "judge",
        "court",
        "committee",
        "rep",
        "speaker",
        "secretary",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
    ];
    junk.extend(briefing::parse::MONTHS);
    junk.extend(briefing::parse::WEEKDAYS);
    for a in actors.iter().take(100) {
        for name in std::iter::once(&a.name).chain(&a.aliases) {
            let lower = name.to_lowercase();
            assert!(
                !junk.contains(&lower.as_str())
                    && lower.chars().filter(|c| c.is_alphabetic()).count() > 1,
                "junk name {name:?} for actor {} ({} mentions)",
                a.name,
                a.mentions
            );
        }
    }
}
