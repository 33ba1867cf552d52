//! A briefing as JSON, Markdown or CSV, for the command line and for sharing: the analysis of
//! articles (`analyze`) and the analyst's matrix of a session ([`model`], [`formats`]).

pub mod agreement;
pub mod formats;
pub mod graphml;
pub mod model;
pub mod page;
pub mod safe;

use crate::document::Document;
use crate::model::{Briefing, SentenceId, Stance};
use serde::Serialize;
use std::fmt::Write as _;

/// The JSON shape of one analysed article.
#[derive(Serialize)]
pub struct JsonArticle<'a> {
    pub source: &'a crate::document::Source,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub dateline: Option<String>,
    pub sections: Vec<JsonSection<'a>>,
    #[serde(flatten)]
    pub briefing: &'a Briefing,
}

/// A section with its sentences.
#[derive(Serialize)]
pub struct JsonSection<'a> {
    pub heading: Option<&'a str>,
    pub level: u8,
    pub sentences: Vec<JsonSentence<'a>>,
}

/// A sentence: id, paragraph number, byte span in the article text, and the text itself.
#[derive(Serialize)]
pub struct JsonSentence<'a> {
    pub id: SentenceId,
    pub paragraph: u32,
    pub span: [u32; 2],
    /// Borrowed from the article where it reads as written (a copy only where the parser
    /// joined wrapped lines), so that the view of a large article costs little beside it.
    pub text: std::borrow::Cow<'a, str>,
}

/// Builds the JSON view of a document.
pub fn json_view(doc: &Document) -> JsonArticle<'_> {
    let a = &doc.article;
    let sections = a
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| JsonSection {
            heading: s.heading.as_deref(),
            level: s.level,
            sentences: a
                .section_sentences(i)
                .iter()
                .map(|sen| JsonSentence {
                    id: sen.id,
                    paragraph: sen.paragraph,
                    span: [sen.span.start, sen.span.end],
                    text: a.sentence_text(sen.id),
                })
                .collect(),
        })
        .collect();
    JsonArticle {
        source: &doc.source,
        title: a.title.as_deref(),
        date: a.date.as_deref(),
        dateline: a.dateline.map(|d| a.slice(d).trim().to_owned()),
        sections,
        briefing: &doc.briefing,
    }
}

/// Pretty JSON for one document, or an array for several.
pub fn json(docs: &[Document]) -> String {
    let mut out = Vec::new();
    // Writing plain structs of strings and numbers to memory cannot fail.
    let _ = write_json(docs, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the JSON of `docs` as it is made (one article as an object, several as a list),
/// without holding the whole text in memory: for a large article the JSON is larger than the
/// article. Only the writer can fail.
pub fn write_json(docs: &[Document], out: impl std::io::Write) -> std::io::Result<()> {
    let result = if let [one] = docs {
        serde_json::to_writer_pretty(out, &json_view(one))
    } else {
        // One article's view at a time.
        struct Each<'a>(&'a [Document]);
        impl Serialize for Each<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(json_view))
            }
        }
        serde_json::to_writer_pretty(out, &Each(docs))
    };
    result.map_err(std::io::Error::from)
}

/// A Markdown briefing: source, sections, actors, the stance matrix and the evidence.
pub fn markdown(doc: &Document) -> String {
    let a = &doc.article;
    let b = &*doc.briefing;
    let mut out = String::new();
    let title = a.title.as_deref().unwrap_or("Untitled article");
    let _ = writeln!(out, "# {}\n", safe::md_text(title));
    let _ = writeln!(
        out,
        "Source: {} ({}, {}{})\n",
        safe::md_text(&doc.source.path.display().to_string()),
        doc.source.format,
        safe::md_text(&doc.source.encoding),
        a.date
            .as_deref()
            .map(|d| format!(", {}", safe::md_text(d)))
            .unwrap_or_default()
    );
    let headings: Vec<&str> = a
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect();
    if !headings.is_empty() {
        let _ = writeln!(out, "## Sections\n");
        for h in headings {
            let _ = writeln!(out, "- {}", safe::md_text(h));
        }
        out.push('\n');
    }
    let index = b.index();
    md_actors(&mut out, b, &index);
    md_matrix(&mut out, b, &index);
    md_evidence(&mut out, doc, &index);
    out
}

/// Above this many topics a Markdown or HTML matrix is written as a line per actor naming its
/// stances, not as a table: a table is as large as actors × topics, nearly all of it empty
/// (output that grows with the square of the input), and unreadable that wide.
pub const TABLE_MAX_TOPICS: usize = 40;

/// What stands where a matrix too wide for a table would be, or `None` when it fits.
pub fn too_wide_for_a_table(topics: usize) -> Option<String> {
    (topics > TABLE_MAX_TOPICS).then(|| {
        format!(
            "With {topics} topics the matrix is too wide for a table: each actor's stances are listed under Actors."
        )
    })
}

/// The actors table of a Markdown briefing.
fn md_actors(out: &mut String, b: &Briefing, index: &crate::model::BriefingIndex<'_>) {
    let _ = writeln!(
        out,
        "## Actors\n\n| Actor | Kind | Affiliation | Mentions | Also named |\n|---|---|---|---:|---|"
    );
    for actor in &b.actors {
        let affiliation = actor
            .affiliation
            .as_ref()
            .and_then(|id| index.actors.get(id))
            .map_or("", |x| x.name.as_str());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            safe::md_text(&actor.name),
            actor.kind.label(),
            safe::md_text(affiliation),
            actor.mentions,
            safe::md_text(&actor.aliases.join(", "))
        );
    }
}

/// The stance matrix of a Markdown briefing, with its key: a table, or a line per actor when
/// there are more than [`TABLE_MAX_TOPICS`] topics.
fn md_matrix(out: &mut String, b: &Briefing, index: &crate::model::BriefingIndex<'_>) {
    let _ = writeln!(out, "\n## Stance matrix\n");
    let key: Vec<String> = Stance::ALL
        .iter()
        .map(|s| format!("{} {}", s.ascii_symbol(), s.label()))
        .collect();
    let _ = writeln!(out, "Key: {}.\n", key.join(", "));
    let shown =
        |s: &crate::model::StanceSuggestion| format!("{} {}", s.stance.ascii_symbol(), s.stance);
    if b.topics.len() > TABLE_MAX_TOPICS {
        for actor in &b.actors {
            let Some(stances) = index.of_actor.get(&actor.id) else {
                continue;
            };
            let cells: Vec<String> = stances
                .iter()
                .map(|s| {
                    let topic = index
                        .topics
                        .get(&s.topic)
                        .map_or(s.topic.0.as_str(), |t| t.name.as_str());
                    format!("{}: {}", safe::md_text(topic), shown(s))
                })
                .collect();
            let _ = writeln!(
                out,
                "- **{}**: {}",
                safe::md_text(&actor.name),
                cells.join("; ")
            );
        }
        return;
    }
    let mut header = String::from("| Actor |");
    let mut rule = String::from("|---|");
    for t in &b.topics {
        let _ = write!(header, " {} |", safe::md_text(&t.name));
        rule.push_str(":---:|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for actor in &b.actors {
        if !index.of_actor.contains_key(&actor.id) {
            continue;
        }
        let _ = write!(out, "| {} |", safe::md_text(&actor.name));
        for t in &b.topics {
            let cell = index
                .stances
                .get(&(&actor.id, &t.id))
                .map(|s| shown(s))
                .unwrap_or_default();
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
}

/// Each stance with its evidence sentences and cues.
fn md_evidence(out: &mut String, doc: &Document, index: &crate::model::BriefingIndex<'_>) {
    let (a, b) = (&doc.article, &*doc.briefing);
    let _ = writeln!(out, "\n## Evidence\n");
    for s in &b.stances {
        let actor = index
            .actors
            .get(&s.actor)
            .map_or(s.actor.0.as_str(), |x| x.name.as_str());
        let topic = index
            .topics
            .get(&s.topic)
            .map_or(s.topic.0.as_str(), |x| x.name.as_str());
        let _ = writeln!(
            out,
            "- **{}** on **{}**: {} (confidence {:.2})",
            safe::md_text(actor),
            safe::md_text(topic),
            s.stance,
            s.confidence
        );
        for e in &s.evidence {
            let _ = writeln!(
                out,
                "  - {} “{}” (cues: {})",
                e.sentence,
                safe::md_text(&a.sentence_text(e.sentence)),
                safe::md_text(&e.cues.join(", "))
            );
        }
    }
}

/// At most this many sentence ids (and distinct cue words) in one CSV cell.
const CSV_MAX_SENTENCES: usize = 200;
/// At most this many quoted sentences in one CSV cell; with sentences of at most 4 KB (see
/// `parse::sentences`) the cell stays under a spreadsheet's 32,767 characters.
const CSV_MAX_QUOTES: usize = 6;

/// Joins the first `max` of `total` items with `sep`, and says how many more there were.
fn bounded_join(
    items: impl Iterator<Item = String>,
    total: usize,
    sep: &str,
    max: usize,
) -> String {
    let mut out = items.take(max).collect::<Vec<_>>().join(sep);
    if total > max {
        let _ = write!(out, "{sep}… (+{} more)", total - max);
    }
    out
}

/// CSV rows, one per stance: file, actor, topic, stance, confidence, sentences, cues, evidence.
pub fn csv(docs: &[Document]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    safe::csv_record(
        &mut w,
        [
            "file",
            "actor_id",
            "actor",
            "topic_id",
            "topic",
            "stance",
            "confidence",
            "sentences",
            "cues",
            "evidence",
        ],
    )?;
    for doc in docs {
        let b = &*doc.briefing;
        let index = b.index();
        for s in &b.stances {
            // A cell can hold a hundred thousand sentences (one sentence repeated through a
            // file): a spreadsheet cell holds 32,767 characters, so each list is cut short and
            // says how much was left out. `--format json` keeps everything.
            let n = s.evidence.len();
            let sentences = bounded_join(
                s.evidence.iter().map(|e| e.sentence.to_string()),
                n,
                " ",
                CSV_MAX_SENTENCES,
            );
            let mut seen = std::collections::HashSet::new();
            let distinct: Vec<&str> = s
                .evidence
                .iter()
                .flat_map(|e| e.cues.iter().map(String::as_str))
                .filter(|c| seen.insert(*c))
                .collect();
            let cues = bounded_join(
                distinct.iter().map(|c| (*c).to_owned()),
                distinct.len(),
                "; ",
                CSV_MAX_SENTENCES,
            );
            let text = bounded_join(
                s.evidence
                    .iter()
                    .map(|e| doc.article.sentence_text(e.sentence).into_owned()),
                n,
                " | ",
                CSV_MAX_QUOTES,
            );
            safe::csv_record(
                &mut w,
                [
                    doc.source.path.display().to_string().as_str(),
                    &s.actor.0,
                    index.actors.get(&s.actor).map_or("", |a| a.name.as_str()),
                    &s.topic.0,
                    index.topics.get(&s.topic).map_or("", |t| t.name.as_str()),
                    s.stance.word(),
                    &format!("{:.2}", s.confidence),
                    &sentences,
                    &cues,
                    &text,
                ],
            )?;
        }
    }
    let bytes = w.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
