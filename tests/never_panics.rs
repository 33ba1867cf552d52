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
    fn mutated_real_article(
        pick in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..40),
        mutations in proptest::collection::vec(mutation(), 0..3),
        ext in "(txt|md|html)",
    ) {
        let articles = real_articles();
        let text = pick.get(&articles).clone();
        let mut bytes = mutate(text, &mutations);
        if !bytes.is_empty() {
            for (at, b) in edits {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
        }
        run(&format!("real.{ext}"), bytes);
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

// ----- Structure-aware: text built from the lexicon's names, titles, roles and cue words, real
// sentence fragments, quotes and headings, then damaged the way real files are. Random text has
// no names next to titles and cue words, so it never reached the analysis paths that broke on
// real articles.

/// The real articles of `assets/corpus/wikinews` (CC BY 2.5, see its SOURCES.md).
fn real_articles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus/wikinews");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the real-news corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 article"))
        .collect()
}

/// The pieces text is built from: lexicon words, glue, and fragments of real articles.
fn pieces() -> Vec<String> {
    let forms = Analyzer::bundled().lexicon().surface_forms();
    let mut out: Vec<String> = Vec::new();
    for group in [
        &forms.names,
        &forms.titles,
        &forms.roles,
        &forms.pronouns,
        &forms.cues,
        &forms.negators,
        &forms.topics,
    ] {
        out.extend(group.iter().cloned());
    }
    // Names the lexicon does not know, honorifics, and the glue of real sentences.
    for extra in [
        "Mr.",
        "Mrs.",
        "Dr.",
        "Rahami",
        "Obama",
        "White House",
        "Volodymyr",
        "said",
        "told",
        "reporters",
        "the",
        "a",
        "of",
        "on",
        "in",
        "and",
        ",",
        ".",
        ";",
        ":",
        "’s",
        "'s",
        "“",
        "”",
        "\"",
        "'",
        "—",
        "-",
        "(",
        ")",
        "?",
        "!",
        "U.S.",
        "Tuesday",
        "he said",
        "she said",
    ] {
        out.push(extra.to_owned());
    }
    // Real fragments: the sentences of the seed article and of the Wikinews corpus, and their
    // words in runs of one to three.
    for text in std::iter::once(SEED.to_owned()).chain(real_articles()) {
        for sentence in text.split_inclusive(['.', '\n']) {
            let sentence = sentence.trim();
            if sentence.is_empty() {
                continue;
            }
            out.push(sentence.to_owned());
            let words: Vec<&str> = sentence.split_whitespace().collect();
            for n in 1..=3 {
                out.extend(words.chunks(n).map(|c| c.join(" ")));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Characters that real pages carry and that break naive offset arithmetic.
const ODD_CHARS: &[char] = &[
    '\u{200F}',  // right-to-left mark
    '\u{200D}',  // zero-width joiner
    '\u{200B}',  // zero-width space
    '\u{0301}',  // combining acute accent
    '\u{00A0}',  // no-break space
    '\u{1F600}', // emoji (four bytes)
    '\u{FEFF}',  // stray byte-order mark
    'İ',         // changes length when lower-cased
    'ß',         // changes length when upper-cased
];

#[derive(Clone, Debug)]
enum Mutation {
    JoinLines,
    FlipCase(usize),
    StripPunctuation,
    InsertOdd(usize, usize),
    Repeat(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::JoinLines),
        any::<usize>().prop_map(Mutation::FlipCase),
        Just(Mutation::StripPunctuation),
        (any::<usize>(), 0..ODD_CHARS.len()).prop_map(|(at, c)| Mutation::InsertOdd(at, c)),
        (2usize..6).prop_map(Mutation::Repeat),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// Applies mutations to text; the last may cut it at any byte, so the result is bytes.
fn mutate(mut text: String, mutations: &[Mutation]) -> Vec<u8> {
    let mut cut = None;
    for m in mutations {
        match m {
            Mutation::JoinLines => text = text.replace('\n', " "),
            Mutation::FlipCase(seed) => {
                text = match seed % 3 {
                    0 => text.to_uppercase(),
                    1 => text.to_lowercase(),
                    _ => text
                        .chars()
                        .enumerate()
                        .map(|(i, c)| {
                            if (i + seed) % 4 == 0 {
                                c.to_uppercase().next().unwrap_or(c)
                            } else {
                                c
                            }
                        })
                        .collect(),
                };
            }
            Mutation::StripPunctuation => text.retain(|c| !c.is_ascii_punctuation()),
            Mutation::InsertOdd(at, c) => {
                let chars = text.chars().count();
                let at = if chars == 0 { 0 } else { at % (chars + 1) };
                let byte = text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
                text.insert(byte, ODD_CHARS[*c]);
            }
            Mutation::Repeat(n) => text = text.repeat(*n),
            Mutation::Truncate(at) => cut = Some(*at),
        }
    }
    let mut bytes = text.into_bytes();
    if let Some(at) = cut {
        bytes.truncate(at % (bytes.len() + 1));
    }
    bytes
}

fn article_text() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(pieces());
    let line = proptest::collection::vec(piece, 1..14).prop_map(|words| words.join(" "));
    // Heading lines are short and stand alone between paragraphs, as in the seed.
    let block = prop_oneof![
        4 => line.clone(),
        1 => line.prop_map(|l| l.split(' ').take(4).collect::<Vec<_>>().join(" ")),
    ];
    proptest::collection::vec(block, 1..12).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn lexicon_words_in_real_arrangements(
        text in article_text(),
        mutations in proptest::collection::vec(mutation(), 0..4),
        ext in "(txt|md|html)",
    ) {
        run(&format!("built.{ext}"), mutate(text, &mutations));
    }

    #[test]
    fn names_and_titles_side_by_side(
        titles in proptest::collection::vec(proptest::sample::select(pieces()), 1..6),
        glue in proptest::collection::vec("(|,| |\\. |’s |. )", 1..6),
    ) {
        // "The White House President Obama spoke." and "Mr. Mr. Rahami" are of this shape.
        let mut text = String::new();
        for (t, g) in titles.iter().zip(glue.iter().cycle()) {
            text.push_str(t);
            text.push_str(g);
        }
        text.push_str(" would support the talks, he said.");
        run("side.txt", text.into_bytes());
    }
}

/// Every real article of the corpus opens, in each format, with sentences and at least one actor.
#[test]
fn every_real_article_is_analysed() {
    for (i, text) in real_articles().iter().enumerate() {
        for ext in ["txt", "md", "html"] {
            let name = format!("real{i}.{ext}");
            let loaded = load::load_bytes(Path::new(&name), text.as_bytes().to_vec())
                .unwrap_or_else(|e| panic!("{e}"));
            let doc = Document::from_loaded(Path::new(&name), &loaded, Analyzer::bundled())
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(doc.article.sentences.len() > 2, "{name}");
        }
    }
}

/// Every shrunk reproducer found so far, by the proptests, the fuzzer or users: each must be
/// analysed without a contained panic.
#[test]
fn known_crashers_stay_fixed() {
    for text in [
        "The White House President Obama spoke.",
        "Mr. Mr. Rahami, he said, would support the talks.",
    ] {
        for ext in ["txt", "md", "html"] {
            run(&format!("crash.{ext}"), text.as_bytes().to_vec());
        }
    }
}
