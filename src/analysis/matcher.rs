//! Finding lexicon words in an article: one Aho-Corasick pass over the whole text per automaton,
//! keeping whole-word matches that fall inside sentences.

use crate::parse::{Article, Span};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A match of pattern `pattern` at `span`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub span: Span,
    pub pattern: usize,
    /// Index of the sentence the match lies in.
    pub sentence: u32,
}

/// Pattern sets up to this size are compiled to a full DFA.
const DFA_PATTERNS: usize = 300;

/// Texts from this size on are searched with a full DFA whatever the pattern count.
const LONG_TEXT: usize = 1 << 20;

/// Builds a leftmost-longest automaton. Patterns are whole words (checked after matching).
pub(crate) fn automaton(patterns: &[String], case_insensitive: bool) -> AhoCorasick {
    // A full DFA searches fastest but takes long to build for thousands of patterns (the
    // country names): those get a contiguous NFA, which builds in a fraction of the time.
    build(
        patterns,
        case_insensitive,
        if patterns.len() <= DFA_PATTERNS {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        },
    )
}

fn build(patterns: &[String], case_insensitive: bool, kind: AhoCorasickKind) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(case_insensitive)
        .kind(Some(kind))
        .build(patterns)
        .unwrap_or_else(|_| {
            // Only an absurdly large pattern set fails to build; fall back to matching nothing.
            AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
        })
}

/// A large pattern set, compiled quickly for short texts (start-up matters there) and, on the
/// first long text, also to a full DFA, which searches fastest.
pub(crate) struct Patterns {
    list: Vec<String>,
    case_insensitive: bool,
    quick: AhoCorasick,
    fast: std::sync::OnceLock<AhoCorasick>,
}

impl Patterns {
    pub(crate) fn new(patterns: Vec<String>, case_insensitive: bool) -> Self {
        Self {
            quick: automaton(&patterns, case_insensitive),
            list: patterns,
            case_insensitive,
            fast: std::sync::OnceLock::new(),
        }
    }

    /// The automaton to search a text of `len` bytes with.
    pub(crate) fn for_text(&self, len: usize) -> &AhoCorasick {
        if len < LONG_TEXT || self.list.len() <= DFA_PATTERNS {
            return &self.quick;
        }
        self.fast
            .get_or_init(|| build(&self.list, self.case_insensitive, AhoCorasickKind::DFA))
    }
}

/// Scripts written without spaces between words: no word-boundary check applies.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced(c)
}

/// Whether `text[start..end]` stands as whole words.
pub(crate) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok = !(before.is_some_and(is_word_char) && first.is_some_and(is_word_char));
    let right_ok = !(after.is_some_and(is_word_char) && last.is_some_and(is_word_char));
    left_ok && right_ok
}

/// All whole-word matches of `ac` inside the sentences of `article`, in text order.
pub(crate) fn find_in_sentences(ac: &AhoCorasick, article: &Article) -> Vec<Hit> {
    let text = article.text.as_str();
    let sentences = &article.sentences;
    let mut hits = Vec::new();
    let mut si = 0usize;
    for m in ac.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        while si < sentences.len() && (sentences[si].span.end as usize) <= start {
            si += 1;
        }
        let Some(sentence) = sentences.get(si) else {
            break;
        };
        if (sentence.span.start as usize) > start || (sentence.span.end as usize) < end {
            continue;
        }
        if !is_whole_word(text, start, end) {
            continue;
        }
        hits.push(Hit {
            span: Span::new(start, end),
            pattern: m.pattern().as_usize(),
            sentence: si as u32,
        });
    }
    hits
}

/// The text between byte `start` and byte `end`, or `None` when the two are out of order or not
/// on character boundaries. Offsets computed from two different matches (a name and a title, a
/// mention and the next one) go through here: overlapping matches must never become a panic.
pub(crate) fn between(text: &str, start: usize, end: usize) -> Option<&str> {
    text.get(start..end)
}

/// The hit that starts exactly at byte `start` (hits sorted by start).
pub(crate) fn hit_at(hits: &[Hit], start: usize) -> Option<&Hit> {
    let i = hits.partition_point(|h| (h.span.start as usize) < start);
    hits.get(i).filter(|h| h.span.start as usize == start)
}

/// Whether any hit starts in `start..end` (hits sorted by start).
pub(crate) fn any_hit_within(hits: &[Hit], start: usize, end: usize) -> bool {
    let i = hits.partition_point(|h| (h.span.start as usize) < start);
    hits.get(i).is_some_and(|h| (h.span.start as usize) < end)
}

/// Whether `span` overlaps any of `sorted` (spans sorted by start, each shorter than a sentence
/// window of a few hundred bytes, which bounds the look-back).
pub(crate) fn overlaps_any(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|s| s.start < span.end);
    sorted[..i]
        .iter()
        .rev()
        .take_while(|s| s.start + 1024 > span.start)
        .any(|s| s.end > span.start)
}

/// The words of `text` before byte `at`, nearest first, stopping at any punctuation other than
/// hyphens and apostrophes inside words. Yields `(start, word)`.
pub(crate) fn words_before(
    text: &str,
    at: usize,
    floor: usize,
) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = at;
    std::iter::from_fn(move || {
        let head = &text[floor..pos];
        let trimmed = head.trim_end_matches([' ', '\t', '\n', '\u{a0}']);
        if trimmed.is_empty() {
            return None;
        }
        let end = floor + trimmed.len();
        let last = trimmed.chars().next_back()?;
        if !last.is_alphanumeric() {
            return None;
        }
        let start = trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .map_or(floor, |(i, c)| floor + i + c.len_utf8());
        pos = start;
        Some((start, &text[start..end]))
    })
}

/// The words of `text` after byte `at` up to `ceil`, stopping at punctuation. Yields `(start, word)`.
pub(crate) fn words_after(
    text: &str,
    at: usize,
    ceil: usize,
) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = at;
    std::iter::from_fn(move || {
        let tail = &text[pos..ceil];
        let trimmed = tail.trim_start_matches([' ', '\t', '\n', '\u{a0}']);
        let start = ceil - trimmed.len();
        let first = trimmed.chars().next()?;
        if !first.is_alphanumeric() {
            return None;
        }
        let len = trimmed
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
            .map_or(trimmed.len(), |(i, _)| i);
        pos = start + len;
        Some((start, &text[start..start + len]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let text = "Moscow’s USA USAID 北京表示";
        let usa = text.find("USA ").unwrap_or(0);
        let usaid = text.find("USAID").unwrap_or(0);
        assert!(is_whole_word(text, 0, "Moscow".len()));
        assert!(is_whole_word(text, usa, usa + 3));
        assert!(!is_whole_word(text, usaid, usaid + 3));
        let bj = text.find("北京").unwrap_or(0);
        assert!(is_whole_word(text, bj, bj + "北京".len()));
    }

    #[test]
    fn walks_words_both_ways() {
        let text = "the mackerel quota, deal here";
        let before: Vec<_> = words_before(text, 18, 0).map(|(_, w)| w).collect();
        assert_eq!(before, vec!["quota", "mackerel", "the"]);
        let stop: Vec<_> = words_before(text, 25, 0).map(|(_, w)| w).collect();
        assert_eq!(stop, vec!["deal"]);
        let after: Vec<_> = words_after(text, 3, text.len()).map(|(_, w)| w).collect();
        assert_eq!(after, vec!["mackerel", "quota"]);
    }
}
