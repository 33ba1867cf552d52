//! Arbitrary bytes never panic anywhere in load, parse and analyse.

use briefing::analysis::Analyzer;
use briefing::document::Document;
use briefing::load::{self, Format, LoadError};
use briefing::parse;
use proptest::prelude::*;
use std::path::Path;

const SEED: &str = include_str!("../assets/samples/seed-article.txt");

fn run(name: &str, bytes: Vec<u8>) {
    if let Ok(loaded) = load::load_bytes(Path::new(name), bytes) {
        // `from_loaded` contains panics as `Internal` errors: here they are failures.
        match Document::from_loaded(Path::new(name), &loaded, Analyzer::bundled()) {
            Ok(doc) => {
                for s in &doc.article.sentences {
                    assert!(doc.article.text.get(s.span.range()).is_some());
                }
            }
            Err(e @ LoadError::Internal { .. }) => panic!("{e}"),
            Err(_) => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000), ext in "(txt|md|html|bin)") {
        run(&format!("x.{ext}"), bytes);
    }

    #[test]
    fn mutated_seed(edits in proptest::collection::vec((0usize..2200, any::<u8>()), 1..40), ext in "(txt|md|html)") {
        let mut bytes = SEED.as_bytes().to_vec();
        for (at, b) in edits {
            let at = at % bytes.len();
            bytes[at] = b;
        }
        run(&format!("seed.{ext}"), bytes);
    }

    #[test]
    fn random_text_in_every_format(text in "\\PC{0,600}") {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let article = parse::parse_text(&text, format);
            let _ = Analyzer::bundled().analyze(&article);
        }
    }

    #[test]
    fn text_shaped_like_articles(lines in proptest::collection::vec("[A-Z][a-z]{0,8}( [a-zA-Z’\\.,;:–\"“”]{1,10}){0,12}[\\.!?]?", 0..30)) {
        let text = lines.join("\n");
        let article = parse::parse_text(&text, Format::Text);
        let _ = Analyzer::bundled().analyze(&article);
    }
}
