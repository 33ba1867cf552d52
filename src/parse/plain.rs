//! Plain text: the hardest format, because structure is only implied.
//!
//! Wire stories wrap lines in the middle of sentences and put short heading lines between
//! paragraphs without blank lines around them. A line is a heading when it looks like one (short,
//! no closing punctuation, starts with a capital) *and* stands where a heading can stand: after a
//! finished sentence or a blank line, and before a line that starts a new sentence. A wrapped line
//! fails the second test, because the line before it did not finish its sentence or the line after
//! it continues in lower case.

use super::{Block, Document, build};
use crate::parse::Article;
use std::borrow::Cow;

/// Parses plain text. CRLF and lone CR line endings are read as LF.
pub(super) fn parse(text: &str) -> Article {
    let text: Cow<'_, str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    build(read(&text))
}

#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

fn read(text: &str) -> Document<'_> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        lines.push(Line { start, text: piece });
        start += piece.len() + 1;
    }
    let has_blank_separators = lines
        .windows(3)
        .any(|w| !w[0].is_blank() && w[1].is_blank() && !w[2].is_blank());

    let mut doc = Document::default();
    let mut i = 0;
    while i < lines.len() && lines[i].is_blank() {
        i += 1;
    }
    // A first line that looks like a heading and is set apart is the title.
    if i < lines.len() {
        let first = lines[i].text.trim();
        let next_blank = lines.get(i + 1).is_none_or(Line::is_blank);
        let next_starts = lines
            .get(i + 1)
            .is_some_and(|l| starts_sentence(l.text.trim()));
        // A headline set apart by a blank line may be longer than a section heading.
        let long_headline = next_blank && title_like(first);
        // Alone in the file, a line that ends like a sentence ("… what is that prize?”") is
        // an article of one sentence, not a title over nothing.
        let body_follows = lines[i + 1..].iter().any(|l| !l.is_blank());
        let ends_sentence = first
            .trim_end_matches(is_closer)
            .ends_with(['.', '!', '?', '…']);
        if (heading_like(first) || long_headline)
            && (next_blank || next_starts)
            && (body_follows || !ends_sentence)
            && lines.len() > i + 1
        {
            doc.title = Some(strip_hashes(first).to_owned());
            i += 1;
        }
    }

    let mut para: Option<(usize, usize)> = None;
    let mut prev_ends_sentence = true;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            flush(text, &mut para, &mut doc);
            prev_ends_sentence = true;
            i += 1;
            continue;
        }
        let next = lines.get(i + 1).map(|l| l.text.trim());
        let next_ok = match next {
            None | Some("") => true,
            Some(n) => starts_sentence(n),
        };
        // A date standing alone before the body ("Friday, January 4, 2019") is the article's
        // date, not a heading.
        if doc.date.is_none() && para.is_none() && doc.blocks.is_empty() && is_date_line(trimmed) {
            doc.date = Some(trimmed.to_owned());
            prev_ends_sentence = true;
            i += 1;
            continue;
        }
        // A byline before the body ("By Staff Reporter") names the author.
        if para.is_none() && doc.blocks.is_empty() && is_byline(trimmed) {
            doc.metadata.insert(
                "author".to_owned(),
                trimmed["By ".len()..].trim().to_owned(),
            );
            prev_ends_sentence = true;
            i += 1;
            continue;
        }
        // A short question set apart by blank lines is a heading too ("What happens next?").
        let prev_blank = i == 0 || lines[i - 1].is_blank();
        let next_blank = next.is_none_or(str::is_empty);
        let question = has_blank_separators
            && prev_blank
            && next_blank
            && para.is_none()
            && question_heading(trimmed);
        if (prev_ends_sentence && next_ok && heading_like(trimmed))
            || question
            || trimmed.starts_with("# ")
        {
            flush(text, &mut para, &mut doc);
            let level = if trimmed.starts_with("##") { 2 } else { 1 };
            doc.blocks.push(Block::Heading {
                level,
                text: Cow::Borrowed(strip_hashes(trimmed)),
            });
            prev_ends_sentence = true;
            i += 1;
            continue;
        }
        let lead = line.text.len() - line.text.trim_start().len();
        let (s, e) = (line.start + lead, line.start + line.text.trim_end().len());
        para = Some(match para {
            Some((ps, _)) => (ps, e),
            None => (s, e),
        });
        prev_ends_sentence = ends_sentence(trimmed);
        // Without blank lines between paragraphs, a finished line is the end of a paragraph.
        if !has_blank_separators && prev_ends_sentence {
            flush(text, &mut para, &mut doc);
        }
        i += 1;
    }
    flush(text, &mut para, &mut doc);
    doc
}

/// Whether a line is only a date: "Friday, January 4, 2019", "4 March 2026", "2019-01-04".
fn is_date_line(line: &str) -> bool {
    use super::{MONTHS, WEEKDAYS};
    let iso = line.len() == 10
        && line.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if iso {
        return true;
    }
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let mut month = false;
    let mut year = false;
    for w in &words {
        let digits = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        if MONTHS.contains(&w.as_str()) {
            month = true;
        } else if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            year = true;
        } else if !(WEEKDAYS.contains(&w.as_str())
            || (!digits.is_empty()
                && digits.len() <= 2
                && digits.bytes().all(|b| b.is_ascii_digit())))
        {
            return false;
        }
    }
    month && year
}

fn flush<'a>(text: &'a str, para: &mut Option<(usize, usize)>, doc: &mut Document<'a>) {
    if let Some((s, e)) = para.take() {
        doc.blocks
            .push(Block::Paragraph(Cow::Borrowed(&text[s..e])));
    }
}

fn strip_hashes(line: &str) -> &str {
    line.trim_start_matches('#').trim()
}

/// Closing quotes and brackets that may follow the final punctuation of a sentence.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '）' | '」' | '』' | '*' | '_'
    )
}

/// Whether a line ends a sentence (after any closing quotes or brackets).
fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(is_closer);
    core.ends_with(['.', '!', '?', '…', '。', '！', '？', '؟', '۔'])
}

/// Whether a line could begin a new sentence: a capital, a digit, an opening quote or a letter
/// from a script without case.
fn starts_sentence(line: &str) -> bool {
    let Some(c) = line
        .chars()
        .find(|c| !matches!(c, '"' | '“' | '‘' | '«' | '\'' | '(' | '[' | '#' | '*'))
    else {
        return false;
    };
    c.is_uppercase() || c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase())
}

/// Whether a line has the shape of a heading: short, unpunctuated at the end, capitalised.
/// "By Jane Doe", "By Staff Reporter": a short line naming who wrote the article.
fn is_byline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    line.starts_with("By ")
        && (2..=8).contains(&words)
        && !line.ends_with(['.', '!', '?', ':'])
        && line["By ".len()..].starts_with(char::is_uppercase)
}

/// A first line that reads as a headline: up to thirty words, not ending like a sentence.
fn title_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let core = line.trim_end_matches(is_closer);
    (1..=30).contains(&words)
        && line.chars().count() <= 250
        && !core.ends_with(['.', ',', ';', ':', '-', '–', '—'])
        && starts_sentence(line)
}

/// A short question that can stand as a heading: at most eight words, one question mark at the
/// end, no other sentence inside.
fn question_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let core = line.trim_end_matches(is_closer);
    (2..=8).contains(&words)
        && core.ends_with('?')
        && !core[..core.len() - 1].contains(['.', '?', '!', ':'])
        && starts_sentence(line)
}

fn heading_like(line: &str) -> bool {
    let line = strip_hashes(line);
    // Length first, counting no further than needed: most lines are whole paragraphs.
    if line.len() > 440 || line.chars().take(111).count() > 110 {
        return false;
    }
    let words = line.split_whitespace().count();
    if words == 0 || words > 14 {
        return false;
    }
    // A wrapped line that opens with a dateline ("GENEVA, March 3 – Talks …") or stops on a
    // word that needs another after it ("… and the United") is the middle of a paragraph.
    if super::dateline_len(line).is_some() || super::is_credit(line) {
        return false;
    }
    let last = line
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    if matches!(
        last.as_str(),
        "the"
            | "a"
            | "an"
            | "of"
            | "on"
            | "in"
            | "to"
            | "and"
            | "or"
            | "for"
            | "with"
            | "at"
            | "by"
            | "from"
            | "that"
            | "as"
            | "but"
            | "its"
            | "their"
            | "his"
            | "her"
    ) {
        return false;
    }
    // A numbered list item or footnote ("1. Unofficial results") is no heading.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return false;
    }
    let core = line.trim_end_matches(is_closer);
    if core.ends_with([
        '.', '!', '?', '…', ',', ';', ':', '。', '！', '？', '，', '；', '：', '؟', '،', '۔', '-',
        '–', '—',
    ]) {
        return false;
    }
    starts_sentence(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> (Option<String>, Vec<Option<String>>, Vec<String>) {
        let a = parse(text);
        let headings = a.sections.iter().map(|s| s.heading.clone()).collect();
        let sentences = (0..a.sentences.len())
            .map(|i| {
                a.sentence_text(crate::base::SentenceId(i as u32))
                    .into_owned()
            })
            .collect();
        (a.title, headings, sentences)
    }

    #[test]
    fn wrapped_lines_join_and_heading_lines_stand_alone() {
        let text = "Paris – Officials met today.\nThe minister said the plan\nwas not ready.\nTalks in Geneva\nDelegates arrived late.\n";
        let (title, headings, sentences) = shape(text);
        assert_eq!(title, None);
        assert_eq!(headings, vec![None, Some("Talks in Geneva".into())]);
        assert_eq!(
            sentences,
            vec![
                "Officials met today.",
                "The minister said the plan was not ready.",
                "Delegates arrived late."
            ]
        );
    }

    #[test]
    fn a_file_of_one_sentence_is_an_article_of_one_sentence() {
        let text = "“America must keep its eye on the prize,” he said, “but what is that prize?”\n";
        let (title, _, sentences) = shape(text);
        assert_eq!(title, None);
        assert_eq!(sentences, vec![text.trim_end().to_owned()]);
        // A headline alone stays a title (and the file has no article text).
        let (title, _, sentences) = shape("Talks resume in Geneva\n");
        assert_eq!(title.as_deref(), Some("Talks resume in Geneva"));
        assert!(sentences.is_empty());
    }

    #[test]
    fn title_then_blank_separated_paragraphs() {
        let text = "A Quiet Summit\n\nLeaders met. They spoke\nat length.\n\nNobody signed.\n";
        let a = parse(text);
        assert_eq!(a.title.as_deref(), Some("A Quiet Summit"));
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.sentences.len(), 3);
        assert_eq!(a.sections.len(), 1);
        assert_eq!(a.sections[0].heading, None);
    }

    #[test]
    fn a_date_line_before_the_body_is_the_date_not_a_heading() {
        let text =
            "Senate votes on the bill\n\nFriday, January 4, 2019\n\nThe Senate voted on Friday.\n";
        let a = parse(text);
        assert_eq!(a.title.as_deref(), Some("Senate votes on the bill"));
        assert_eq!(a.date.as_deref(), Some("Friday, January 4, 2019"));
        assert!(a.sections.iter().all(|s| s.heading.is_none()));
        for (line, want) in [
            ("4 March 2026", true),
            ("2019-01-04", true),
            ("Sept. 21st, 2019", true),
            ("March of the Penguins", false),
            ("Talks in Geneva", false),
            ("May 2019 talks resume", false),
        ] {
            assert_eq!(super::is_date_line(line), want, "{line}");
        }
    }

    #[test]
    fn a_short_question_between_blank_lines_is_a_heading() {
        let text = "Talks resume\n\nDelegates met on Monday. They talked.\n\nWhat happens next?\n\nNobody knows. Talks go on.\n";
        let (title, headings, _) = shape(text);
        assert_eq!(title.as_deref(), Some("Talks resume"));
        assert_eq!(headings, vec![None, Some("What happens next?".into())]);
        // A question inside a paragraph stays a sentence.
        let text = "Talks resume\n\nDelegates met. What happens next?\nNobody knows.\n";
        let (_, headings, _) = shape(text);
        assert_eq!(headings, vec![None]);
    }

    #[test]
    fn bylines_and_wrapped_dateline_lines_are_not_headings() {
        let text = "Tariff talks break down\nMonday, March 3, 2025\nBy Staff Reporter\n\nGENEVA, March 3 – Talks between the European Union and the United\nStates on steel tariffs broke up without agreement on\nMonday.\n";
        let a = parse(text);
        assert_eq!(a.title.as_deref(), Some("Tariff talks break down"));
        assert_eq!(a.date.as_deref(), Some("Monday, March 3, 2025"));
        assert_eq!(
            a.metadata.get("author").map(String::as_str),
            Some("Staff Reporter")
        );
        assert!(
            a.sections.iter().all(|s| s.heading.is_none()),
            "{:?}",
            a.sections
        );
        assert_eq!(a.sentences.len(), 1);
    }

    #[test]
    fn crlf_changes_nothing() {
        let lf = "Title line\n\nFirst line wraps\nhere. Second.\nA heading\nBody text.\n";
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(parse(lf), parse(&crlf));
    }

    #[test]
    fn a_line_after_an_unfinished_one_is_not_a_heading() {
        let text = "He said that the talks,\nAs Planned By Everyone\nwould go on.\n";
        let (_, headings, sentences) = shape(text);
        assert_eq!(headings, vec![None]);
        assert_eq!(sentences.len(), 1);
    }
}
