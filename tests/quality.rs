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
    for (_, c) in &rows {
        total += *c;
    }
    let report = eval::report(&rows);
    let floors = [
        ("actor recall", total.actor_recall(), 0.70),
        ("actor precision", total.actor_precision(), 0.92),
        ("alias merge", total.merge(), 0.90),
        ("stance recall", total.stance_recall(), 0.09),
        ("stance precision", total.stance_precision(), 0.35),
    ];
    for (what, value, floor) in floors {
        assert!(
            value >= floor,
            "{what} {value:.3} fell below {floor}\n{report}"
        );
    }
    assert!(
        total.headings_spurious <= 3,
        "{} spurious headings\n{report}",
        total.headings_spurious
    );
}
