//! Sentence splitting that copes with abbreviations, initials, quotes and non-Latin scripts.
//!
//! A full stop ends a sentence unless the word before it is a known abbreviation ("Mr.", "Gen.")
//! or an initial ("J."), or the next word starts in lower case. Dotted acronyms ("U.S.") end a
//! sentence only when a typical sentence opener follows ("… in the U.S. The talks …"). Chinese and
//! Japanese full-width marks end a sentence without a following space; Arabic "؟" works like "?".

use super::plain::is_closer;

/// Titles and short forms after which a full stop never ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Maj", "Capt", "Cpt", "Sgt", "Adm", "Gov",
    "Sen", "Rep", "Pres", "Rev", "Hon", "St", "Jr", "Sr", "Mt", "Ft", "No", "Nos", "Art", "vs",
    "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Inc", "Ltd", "Co", "Corp", "Dept", "Univ", "Ave", "Blvd", "cf", "ca", "al", "fig", "Fig", "г",
    "гг", "т", "им", "ул", "проф", "ген", "др",
];

/// Dotted forms that may end a sentence, but only before a typical opener.
const AMBIGUOUS: &[&str] = &["etc", "Co", "Inc", "Ltd", "Corp"];

/// Words that typically open a sentence; after "U.S." one of these means a new sentence.
const OPENERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "However",
    "In",
    "On",
    "At",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "Our",
    "There",
    "Yet",
    "Meanwhile",
    "Still",
    "Officials",
];

/// Splits `text` into sentences and appends their byte spans (trimmed) to `out`.
pub fn split(text: &str, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut start = skip_space(text, 0);
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let full_width = matches!(c, '。' | '！' | '？');
        if !(full_width || matches!(c, '.' | '!' | '?' | '…' | '؟' | '۔')) {
            continue;
        }
        // Take further marks and closing quotes or brackets into this sentence.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟') || is_closer(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if end >= text.len() {
            break;
        }
        let next_is_space = bytes[end].is_ascii_whitespace() || text[end..].starts_with('\u{a0}');
        if !full_width && !next_is_space {
            continue;
        }
        let next_start = skip_space(text, end);
        if next_start >= text.len() {
            break;
        }
        if !full_width && !boundary_here(text, start, i, c, &text[next_start..]) {
            continue;
        }
        push_trimmed(text, start, end, out);
        start = next_start;
    }
    push_trimmed(text, start, text.len(), out);
}

fn skip_space(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if !c.is_whitespace() {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// No sentence is longer than this many bytes: a longer run (a file without punctuation, a
/// table flattened to text) is cut at the last space before the limit, else at the limit. Real
/// sentences stay far below it, and everything after parsing (the analysis windows, the
/// reader's layout) can count on sentences being small.
pub const MAX_SENTENCE_BYTES: usize = 4096;

fn push_trimmed(text: &str, mut start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    while end - start.min(end) > MAX_SENTENCE_BYTES {
        let mut cut = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Prefer a space in the second half of the window, so pieces stay long.
        let mut half = start + MAX_SENTENCE_BYTES / 2;
        while !text.is_char_boundary(half) {
            half -= 1;
        }
        if let Some(space) = text[half..cut].rfind(char::is_whitespace) {
            cut = half + space;
        }
        push_piece(text, start, cut, out);
        start = cut;
    }
    push_piece(text, start, end, out);
}

fn push_piece(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    if start >= end {
        return;
    }
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed_len = piece.trim().len();
    if trimmed_len > 0 {
        out.push((start + lead, start + lead + trimmed_len));
    }
}

/// Decides whether the mark `c` at byte `mark` ends the sentence begun at `start`, given the
/// text that follows the spaces after it.
fn boundary_here(text: &str, start: usize, mark: usize, c: char, rest: &str) -> bool {
    let Some(next) = rest
        .chars()
        .find(|c| !matches!(c, '"' | '“' | '‘' | '«' | '\'' | '(' | '['))
    else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    if c != '.' {
        return true;
    }
    // The word before the full stop.
    let before = &text[start..mark];
    let word_start = before
        .rfind(|ch: char| ch.is_whitespace() || matches!(ch, '(' | '"' | '“' | '‘' | '«'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let next_word: &str = rest
        .split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | ';' | ':'))
        .next()
        .unwrap_or("")
        .trim_start_matches(['"', '“', '‘', '«', '\'', '(']);
    let opener_follows = OPENERS.contains(&next_word);
    if AMBIGUOUS.contains(&word) {
        return opener_follows;
    }
    if ABBREVIATIONS.contains(&word) {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next();
    // An initial: one capital letter ("J. Smith").
    if first.is_some_and(char::is_uppercase) && chars.next().is_none() {
        return false;
    }
    // A dotted acronym: "U.S", "a.m", "U.N".
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return opener_follows;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        split(text, &mut spans);
        spans.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn runs_without_punctuation_are_cut_into_bounded_sentences() {
        let text = "word ".repeat(10_000) + "end. Next one.";
        let spans = sentences(&text);
        assert!(spans.len() > 10, "{}", spans.len());
        assert!(spans.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
        assert!(
            spans
                .iter()
                .all(|s| s.starts_with("word") || s.starts_with("Next"))
        );
        assert_eq!(spans.last().copied(), Some("Next one."));
        // No spaces at all, multi-byte letters: cut on character boundaries.
        let solid = format!("a{}", "ж".repeat(10_000));
        let spans = sentences(&solid);
        assert_eq!(spans.concat(), solid);
        assert!(spans.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
    }

    #[test]
    fn splits_like_a_reader_would() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two! Three?", &["One.", "Two!", "Three?"]),
            (
                "Mr. Smith met Gen. Lee at 3.5 p.m. today. They talked.",
                &["Mr. Smith met Gen. Lee at 3.5 p.m. today.", "They talked."],
            ),
            (
                "U.S. officials met. The U.S. envoy left.",
                &["U.S. officials met.", "The U.S. envoy left."],
            ),
            (
                "Aid came from the U.S. The talks stalled.",
                &["Aid came from the U.S.", "The talks stalled."],
            ),
            (
                "He said “it is over.” Then he left.",
                &["He said “it is over.”", "Then he left."],
            ),
            (
                "“Why?” she asked. Nobody knew.",
                &["“Why?” she asked.", "Nobody knew."],
            ),
            ("J. R. Smith spoke. Done", &["J. R. Smith spoke.", "Done"]),
            (
                "Москва отвергла план. Киев поддержал его.",
                &["Москва отвергла план.", "Киев поддержал его."],
            ),
            (
                "北京表示支持。华盛顿反对！东京呢？",
                &["北京表示支持。", "华盛顿反对！", "东京呢？"],
            ),
            (
                "هل توافق مصر؟ نعم. قالت القاهرة ذلك.",
                &["هل توافق مصر؟", "نعم.", "قالت القاهرة ذلك."],
            ),
            ("No final mark", &["No final mark"]),
            ("", &[]),
            ("Wait... what? Yes.", &["Wait... what?", "Yes."]),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text), *want, "{text}");
        }
    }
}
