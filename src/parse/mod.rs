//! Text to [`Article`]: title, sections with headings, paragraphs and sentences, each sentence
//! with a stable id and its byte span in [`Article::text`].
//!
//! Each format has a reader that turns its markup into a flat list of `Block`s (headings and
//! paragraphs); one builder then lays the blocks out as the article's text and splits sentences,
//! so spans, ids and sections behave the same whatever the source format was.

mod html;
mod markdown;
mod plain;
pub mod sentences;

pub use crate::base::{SentenceId, Span};
use crate::load::{Format, Loaded};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Month names and their usual abbreviations, in lower case.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Weekday names, in lower case.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A day as (year, month, day).
pub type Day = (u16, u8, u8);

/// The day a date names, as (year, month, day), where it names one: "2019-01-04" (also with
/// a time after it), "Friday, January 4, 2019", "4 Jan. 2019". A date with a month and year
/// but no day ("March 2019") is the month's day 0, before its first day.
pub fn date_key(value: &str) -> Option<Day> {
    let iso = value.get(..10).filter(|d| {
        d.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
    });
    if let Some(d) = iso {
        return Some((
            d[..4].parse().ok()?,
            d[5..7].parse().ok()?,
            d[8..10].parse().ok()?,
        ));
    }
    let (mut year, mut month, mut day) = (None, None, None);
    for word in value.split(|c: char| c.is_whitespace() || c == ',') {
        let word = word.trim_end_matches('.').to_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| *m == word) {
            // After the twelve names come their short forms ("jan", "sept").
            let m = if m < 12 {
                m
            } else {
                MONTHS[..12]
                    .iter()
                    .position(|full| full.starts_with(&word[..3]))?
            };
            month = Some(u8::try_from(m + 1).ok()?);
            continue;
        }
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        match digits.len() {
            4 => year = digits.parse().ok(),
            1 | 2 => day = digits.parse().ok().filter(|d| (1..=31).contains(d)),
            _ => {}
        }
    }
    Some((year?, month?, day.unwrap_or(0)))
}

/// Orders two dates as days where both name one ("Friday, August 16, 2019" before "Monday,
/// January 6, 2020"); a date that names no day comes after those that do, by its text.
pub fn cmp_dates(a: &str, b: &str) -> std::cmp::Ordering {
    match (date_key(a), date_key(b)) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Whether a word is a month or weekday name, in any case ("Tuesday", "MARCH").
pub fn is_calendar_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    MONTHS[..12].contains(&lower.as_str()) || WEEKDAYS.contains(&lower.as_str())
}

/// A part of the article under one heading (the first may have none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: Option<String>,
    /// Where the heading stands in the article text.
    pub heading_span: Option<Span>,
    /// 1 for top-level headings, deeper for sub-headings.
    pub level: u8,
    /// Indexes into [`Article::paragraphs`]: `first..end`.
    pub paragraphs: (u32, u32),
}

/// A paragraph: consecutive sentences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub span: Span,
    pub section: u32,
    /// Indexes into [`Article::sentences`]: `first..end`.
    pub sentences: (u32, u32),
}

/// A sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub id: SentenceId,
    pub span: Span,
    pub paragraph: u32,
    pub section: u32,
}

/// Something a reader did to a file that its analyst should hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseNote {
    /// Markup nested deeper than `limit` levels was flattened: `dropped` tags were left out
    /// and their text kept.
    NestedTooDeep { limit: usize, dropped: usize },
}

impl std::fmt::Display for ParseNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NestedTooDeep { limit, dropped } => write!(
                f,
                "The page nests its elements more than {limit} levels deep; {dropped} deeper \
                 tags were left out and their text kept."
            ),
        }
    }
}

/// A parsed article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    pub title: Option<String>,
    /// Publication date when the source states one (front matter, HTML metadata).
    pub date: Option<String>,
    /// Other metadata from front matter or HTML `<meta>` tags, by key.
    pub metadata: BTreeMap<String, String>,
    /// What the reader had to leave out or change, to tell the analyst.
    pub notes: Vec<ParseNote>,
    /// The article body: headings and paragraphs separated by blank lines. All spans index it.
    pub text: String,
    /// A wire-story dateline ("Moscow, Russia –"): a place, not a speaker.
    pub dateline: Option<Span>,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

impl Article {
    /// The raw text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// A sentence's text with hard line wraps and runs of blank space folded into single spaces.
    pub fn sentence_text(&self, id: SentenceId) -> Cow<'_, str> {
        self.sentences
            .get(id.0 as usize)
            .map_or(Cow::Borrowed(""), |s| fold_space(self.slice(s.span)))
    }

    /// The sentences of one section, in order.
    pub fn section_sentences(&self, section: usize) -> &[Sentence] {
        let Some(sec) = self.sections.get(section) else {
            return &[];
        };
        let (first, end) = sec.paragraphs;
        if first >= end {
            return &[];
        }
        let start = self.paragraphs[first as usize].sentences.0 as usize;
        let stop = self.paragraphs[end as usize - 1].sentences.1 as usize;
        &self.sentences[start..stop]
    }
}

/// Folds every run of whitespace into one space and drops invisible characters, borrowing when
/// there is nothing to fold.
pub fn fold_space(s: &str) -> Cow<'_, str> {
    let needs = s
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
        || s.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t'))
        || s.contains(is_invisible);
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| !is_invisible(c)));
    }
    Cow::Owned(out)
}

/// Characters that show nothing and only guide line breaking: a soft hyphen, a zero-width
/// space, a word joiner, a zero-width no-break space. Web pages put them inside names
/// ("Biden-\u{2060}Harris"); a name is the same without them.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// One heading or paragraph read from the source, before layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block<'a> {
    Heading { level: u8, text: Cow<'a, str> },
    Paragraph(Cow<'a, str>),
}

/// What a format reader produces.
#[derive(Debug, Default)]
pub(crate) struct Document<'a> {
    pub title: Option<String>,
    pub date: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub notes: Vec<ParseNote>,
    pub blocks: Vec<Block<'a>>,
}

/// Parses decoded text in its format.
pub fn parse(loaded: &Loaded) -> Article {
    parse_text(&loaded.text, loaded.format)
}

/// Parses text in a given format.
pub fn parse_text(text: &str, format: Format) -> Article {
    match format {
        Format::Text => plain::parse(text),
        Format::Markdown => build(markdown::read(text)),
        Format::Html => build(html::read(text)),
    }
}

/// Whether a date field states a date: "2026-01-02" and "3 March 2026" do, "unknown",
/// "n/a" or "TBD" (with no digit) do not, and show as no date.
fn is_stated_date(value: &str) -> bool {
    value.bytes().any(|b| b.is_ascii_digit())
}

/// Lays blocks out as one text and splits every paragraph into sentences.
fn build(doc: Document<'_>) -> Article {
    let capacity = doc.blocks.iter().map(|b| block_text(b).len() + 2).sum();
    let mut article = Article {
        title: doc.title.map(|t| fold_space(t.trim()).into_owned()),
        date: doc.date.filter(|d| is_stated_date(d)),
        metadata: doc.metadata,
        notes: doc.notes,
        text: String::with_capacity(capacity),
        ..Article::default()
    };
    let mut spans = Vec::new();
    for block in doc.blocks {
        let raw = block_text(&block);
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        if !article.text.is_empty() {
            article.text.push_str("\n\n");
        }
        let start = article.text.len();
        article.text.push_str(trimmed);
        let span = Span::new(start, article.text.len());
        match block {
            Block::Heading { level, .. } => {
                close_section(&mut article);
                article.sections.push(Section {
                    heading: Some(fold_space(trimmed).into_owned()),
                    heading_span: Some(span),
                    level: level.max(1),
                    paragraphs: (
                        article.paragraphs.len() as u32,
                        article.paragraphs.len() as u32,
                    ),
                });
            }
            Block::Paragraph(_) => {
                if article.sections.is_empty() {
                    article.sections.push(Section {
                        heading: None,
                        heading_span: None,
                        level: 1,
                        paragraphs: (0, 0),
                    });
                }
                let section = (article.sections.len() - 1) as u32;
                let para_index = article.paragraphs.len() as u32;
                // Credits ("Reporting by …; Editing by …", "Photo: … REUTERS/…") are shown but
                // are not statements: they hold no sentence, so nothing in them counts.
                if is_credit(trimmed) {
                    let n = article.sentences.len() as u32;
                    article.paragraphs.push(Paragraph {
                        span,
                        section,
                        sentences: (n, n),
                    });
                    continue;
                }
                let mut body_start = span.start as usize;
                let first = article.paragraphs.is_empty() && article.dateline.is_none();
                if let Some(len) = dateline_len(trimmed).filter(|_| first) {
                    article.dateline = Some(Span::new(body_start, body_start + len));
                    body_start += len;
                }
                let first_sentence = article.sentences.len() as u32;
                spans.clear();
                sentences::split(&article.text[body_start..span.end as usize], &mut spans);
                for &(s, e) in &spans {
                    let id = SentenceId(article.sentences.len() as u32);
                    article.sentences.push(Sentence {
                        id,
                        span: Span::new(body_start + s, body_start + e),
                        paragraph: para_index,
                        section,
                    });
                }
                article.paragraphs.push(Paragraph {
                    span,
                    section,
                    sentences: (first_sentence, article.sentences.len() as u32),
                });
            }
        }
    }
    close_section(&mut article);
    article
}

fn close_section(article: &mut Article) {
    let n = article.paragraphs.len() as u32;
    if let Some(last) = article.sections.last_mut() {
        last.paragraphs.1 = n;
    }
}

fn block_text<'b>(block: &'b Block<'_>) -> &'b str {
    match block {
        Block::Heading { text, .. } | Block::Paragraph(text) => text,
    }
}

/// How credits open: who reported, wrote, edited or photographed, and the publisher's notices.
const CREDIT_OPENERS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "writing by",
    "editing by",
    "compiled by",
    "produced by",
    "photo:",
    "photo by",
    "photos:",
    "photograph:",
    "image:",
    "picture:",
    "credit:",
    "photo credit",
    "image credit",
    "our standards:",
    "copyright",
    "©",
    "all rights reserved",
];

/// Agency tags that mark a photo caption ("… in Brussels. REUTERS/Yves Herman").
const AGENCY_TAGS: &[&str] = &["REUTERS/", "AP Photo/", "AFP/", "Getty Images", "(AP Photo"];

/// Labels that close a photo caption with its credit ("Placards. Image: John Lubbock (flickr).").
const CAPTION_CREDITS: &[&str] = &["Image:", "Photo:", "Picture:", "Photograph:", "Credit:"];

/// Whether a paragraph is a credit line rather than a statement: it opens like a credit
/// ("Reporting by", "Photo:", "Copyright", also in brackets), or is a short caption that ends
/// on an agency tag. Credits are short; a long paragraph is never one.
pub(super) fn is_credit(paragraph: &str) -> bool {
    let words = paragraph.split_whitespace().count();
    if words > 60 {
        return false;
    }
    let open = paragraph.trim_start_matches(['(', '[', ' ']);
    let head: String = open.chars().take(32).collect::<String>().to_lowercase();
    CREDIT_OPENERS.iter().any(|c| head.starts_with(c)) || ends_on(paragraph, AGENCY_TAGS, 4)
}

/// Whether a paragraph ends on one of `tags` with at most `words` words from it on.
fn ends_on(paragraph: &str, tags: &[&str], words: usize) -> bool {
    tags.iter().any(|t| {
        paragraph
            .rfind(t)
            .is_some_and(|at| paragraph[at..].split_whitespace().count() <= words)
    })
}

/// Whether a paragraph is a photo caption that ends on its credit ("\"Danny Dyer for PM\" sign.
/// Image: mia! (flickr)."). Its sentences stay, so the people it names are found, but it
/// states nothing: no stance is read from it.
pub fn is_caption(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() <= 40 && ends_on(paragraph, CAPTION_CREDITS, 7)
}

/// Length in bytes of a dateline ("Moscow, Russia – ", "KYIV (Reuters) - ") opening a paragraph,
/// including the dash and the space after it.
pub(super) fn dateline_len(paragraph: &str) -> Option<usize> {
    let mut cut = paragraph.len().min(90);
    while !paragraph.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &paragraph[..cut];
    let first = head.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    for dash in [" – ", " — ", " -- ", " - "] {
        if let Some(pos) = head.find(dash) {
            let place = &head[..pos];
            let words = place.split_whitespace().count();
            let clean = !place.contains(['.', '!', '?', ';', '\n', '“', '"']);
            // A place name: every word capitalised ("Moscow, Russia", "KYIV (Reuters)").
            // A place name, perhaps with a date: "Moscow, Russia", "KYIV (Reuters)",
            // "Кишинёв, 14 марта".
            let mut after_number = false;
            let proper = place.split_whitespace().all(|w| {
                let first = w.trim_start_matches('(').chars().next();
                let ok =
                    after_number || first.is_some_and(|c| c.is_uppercase() || !c.is_alphabetic());
                after_number = first.is_some_and(char::is_numeric);
                ok
            });
            let clean = clean && proper;
            if (1..=6).contains(&words) && clean {
                return Some(pos + dash.len());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words_are_ordered_as_days() {
        for (date, want) in [
            ("2019-01-04", Some((2019, 1, 4))),
            ("2019-01-04T10:30:00Z", Some((2019, 1, 4))),
            ("Friday, January 4, 2019", Some((2019, 1, 4))),
            ("4 Sept. 2019", Some((2019, 9, 4))),
            ("Jan 21st, 2020", Some((2020, 1, 21))),
            ("March 2019", Some((2019, 3, 0))),
            ("unknown", None),
            ("2019", None),
        ] {
            assert_eq!(date_key(date), want, "{date}");
        }
        // As text, "Friday, August 16, 2019" sorts after "Monday, January 6, 2020".
        let mut dates = [
            "Wednesday, September 4, 2019",
            "Monday, January 6, 2020",
            "no date given",
            "Friday, August 16, 2019",
            "2019-08-20",
        ];
        dates.sort_by(|a, b| cmp_dates(a, b));
        assert_eq!(
            dates,
            [
                "Friday, August 16, 2019",
                "2019-08-20",
                "Wednesday, September 4, 2019",
                "Monday, January 6, 2020",
                "no date given",
            ]
        );
    }

    #[test]
    fn credits_are_shown_but_hold_no_statement() {
        let text = "Hungary blocks sanctions\n\nHungary blocked the package on Monday.\n\n\
                    Reporting by John Chalmers; Editing by Hugh Lawson\n\n\
                    Photo: Viktor Orban in Brussels. REUTERS/Yves Herman\n\n\
                    (Additional reporting by Ann Smith)\n\n\
                    Our photographer reported by phone. Hungary said no.\n";
        let article = parse_text(text, crate::load::Format::Text);
        let texts: Vec<String> = article
            .sentences
            .iter()
            .map(|s| article.text[s.span.range()].to_owned())
            .collect();
        assert_eq!(
            texts,
            [
                "Hungary blocked the package on Monday.",
                "Our photographer reported by phone.",
                "Hungary said no."
            ]
        );
        // The credits stay in the text, as paragraphs of their own.
        assert_eq!(article.paragraphs.len(), 5);
        assert!(
            article.paragraphs[1..4]
                .iter()
                .all(|p| p.sentences.0 == p.sentences.1)
        );
        assert!(is_credit(
            "© 2019 The Associated Press. All rights reserved."
        ));
        assert!(!is_credit(
            "Editors at the paper disagreed with the decision."
        ));
        // A caption ending on its credit, as Wikinews prints them.
        assert!(is_caption(
            "\"Where is David Cameron? Danny Dyer for PM\" sign. Image: mia! (flickr)."
        ));
        assert!(!is_caption(
            "The minister showed a photo of the site. Photo: the ministry said it was recent, \
             and that the plant had been closed for a week before the inspectors arrived there."
        ));
    }

    #[test]
    fn datelines_are_found_only_at_a_place_then_dash() {
        for (text, want) in [
            (
                "Moscow, Russia – The Kremlin denied it.",
                Some("Moscow, Russia – "),
            ),
            (
                "KYIV (Reuters) - Officials said.",
                Some("KYIV (Reuters) - "),
            ),
            ("The talks – which began in May – stalled.", None),
            ("He said. Then – nothing.", None),
            ("lower case – no.", None),
            ("Кишинёв, 14 марта – Молдова.", Some("Кишинёв, 14 марта – ")),
        ] {
            let got = dateline_len(text).map(|n| &text[..n]);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn fold_space_joins_wrapped_lines() {
        assert_eq!(fold_space("a\nb   c\r\n d"), "a b c d");
        assert!(matches!(fold_space("a b c"), Cow::Borrowed(_)));
        assert_eq!(
            fold_space("Biden-\u{2060}Harris\u{00AD} Administration"),
            "Biden-Harris Administration"
        );
    }
}
