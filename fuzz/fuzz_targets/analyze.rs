//! Load, parse and analyse arbitrary bytes, in every format. The first byte picks the format so
//! that one corpus exercises all three readers. Panics are not contained here (no
//! `guard::catch`): libFuzzer must see them.

#![no_main]

use briefing::analysis::Analyzer;
use briefing::load;
use briefing::parse;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = ["a.txt", "a.md", "a.html", "a.saved"][usize::from(pick % 4)];
    let Ok(loaded) = load::load_bytes(Path::new(name), bytes.to_vec()) else {
        return;
    };
    let article = parse::parse(&loaded);
    for s in &article.sentences {
        assert!(
            article.text.get(s.span.range()).is_some(),
            "sentence span off the text"
        );
    }
    let (briefing, _) = Analyzer::bundled().analyze_with_highlights(&article);
    for stance in &briefing.stances {
        for e in &stance.evidence {
            assert!(
                (e.sentence.0 as usize) < article.sentences.len(),
                "evidence past the end"
            );
        }
    }
});
