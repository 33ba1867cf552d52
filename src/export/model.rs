//! What an export holds: the analyst's matrix as it stands, one computation shared by every
//! format, the command line and the window. Hand stances win over suggestions, rejected
//! suggestions are left out, and every cell says where its stance comes from, how sure the
//! analyst is, the note, and the sentences behind it.

use crate::document::Document;
use crate::model::matrix::{self, Matrix, Provenance};
use crate::model::session::{ArticleRef, Cell, Session};
use crate::model::{ActorId, ActorKind, SentenceId, Stance, TopicId};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The whole export.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Export {
    /// Who coded the session (its `coder`), if it says.
    pub coder: Option<String>,
    /// The articles that were read, in the session's order.
    pub articles: Vec<ExportArticle>,
    /// Articles the session holds whose files could not be read: their hand work is still in
    /// the cells.
    pub missing: Vec<PathBuf>,
    /// Rows of the matrix, most mentioned first, as the window shows them.
    pub actors: Vec<ExportActor>,
    pub topics: Vec<ExportTopic>,
    /// Every cell that shows a stance, by row then column.
    pub cells: Vec<ExportCell>,
    /// Where an actor's stance on a topic moved from one dated article to the next.
    pub shifts: Vec<Shift>,
    /// Where each actor, topic and cell is, so that every format looks them up at once (an
    /// export may hold tens of thousands of each).
    #[serde(skip)]
    index: Index,
}

/// Positions in an [`Export`]'s lists, by id.
#[derive(Clone, Debug, Default, PartialEq)]
struct Index {
    actor: HashMap<ActorId, usize>,
    topic: HashMap<TopicId, usize>,
    cell: HashMap<(ActorId, TopicId), usize>,
    /// The cells of each actor (a run, as cells are by row) and of each topic.
    of_actor: HashMap<ActorId, std::ops::Range<usize>>,
    of_topic: HashMap<TopicId, Vec<usize>>,
}

impl Index {
    fn new(actors: &[ExportActor], topics: &[ExportTopic], cells: &[ExportCell]) -> Self {
        let mut index = Self::default();
        for (i, a) in actors.iter().enumerate() {
            index.actor.entry(a.id.clone()).or_insert(i);
        }
        for (i, t) in topics.iter().enumerate() {
            index.topic.entry(t.id.clone()).or_insert(i);
        }
        for (i, c) in cells.iter().enumerate() {
            index
                .cell
                .entry((c.actor.clone(), c.topic.clone()))
                .or_insert(i);
            index
                .of_actor
                .entry(c.actor.clone())
                .and_modify(|r| r.end = i + 1)
                .or_insert(i..i + 1);
            index.of_topic.entry(c.topic.clone()).or_default().push(i);
        }
        index
    }
}

/// What one article says of an actor on a topic (the analysis of that article alone).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleStance {
    pub article: PathBuf,
    pub date: Option<String>,
    pub stance: Stance,
}

/// An actor's stance on a topic, moving between dated articles: each step is a date and the
/// stance the articles of that date give.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shift {
    pub actor: ActorId,
    pub topic: TopicId,
    pub steps: Vec<(String, Stance)>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportArticle {
    pub path: PathBuf,
    pub title: Option<String>,
    pub date: Option<String>,
}

impl ExportArticle {
    /// What the briefing calls it: its title, else its file name.
    pub fn display_title(&self) -> std::borrow::Cow<'_, str> {
        match (&self.title, self.path.file_name()) {
            (Some(title), _) => title.as_str().into(),
            (None, Some(file)) => file.to_string_lossy(),
            (None, None) => "Untitled article".into(),
        }
    }

    /// ", 2026-03-14" after the title, or nothing.
    pub fn date_suffix(&self) -> String {
        self.date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportActor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub affiliation: Option<ActorId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportTopic {
    pub id: TopicId,
    pub name: String,
}

/// One cell that shows a stance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportCell {
    pub actor: ActorId,
    pub topic: TopicId,
    pub stance: Stance,
    /// `hand`, `accepted` or `suggested`.
    pub provenance: &'static str,
    /// The analyst's confidence, else the analysis' own.
    pub confidence: Option<f32>,
    pub note: String,
    /// The analyst's evidence first, then the analysis' sentences.
    pub evidence: Vec<ExportEvidence>,
    /// What each article alone suggests for this cell, in the session's order.
    pub by_article: Vec<ArticleStance>,
    /// Who set it by hand or accepted it, where a name is known (the edit's, else the
    /// session's coder).
    pub coder: Option<String>,
}

impl ExportCell {
    /// ", confidence 0.65" after the stance, or nothing.
    pub fn confidence_text(&self) -> String {
        self.confidence
            .map(|v| format!(", confidence {v:.2}"))
            .unwrap_or_default()
    }

    /// How the cell reads: symbol and word, then `hand` or `accepted` as the format marks a
    /// stance set by hand or a suggestion accepted.
    pub fn reads(&self, hand: &str, accepted: &str) -> String {
        let mark = match self.provenance {
            "hand" => hand,
            "accepted" => accepted,
            _ => "",
        };
        format!("{} {}{mark}", self.stance.symbol(), self.stance.label())
    }
}

/// A sentence behind a stance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportEvidence {
    pub article: PathBuf,
    /// The heading of the section it stands in, if the article has headings.
    pub section: Option<String>,
    pub sentence: SentenceId,
    pub quote: String,
    /// Attached by the analyst, or found by the analysis.
    pub by_hand: bool,
}

impl Export {
    /// One line for a stance that moved between dated articles.
    pub fn shift_line(&self, shift: &Shift) -> String {
        let steps: Vec<String> = shift
            .steps
            .iter()
            .map(|(date, stance)| format!("{} ({date})", stance.label()))
            .collect();
        format!(
            "{} on {}: {}",
            self.actor_name(&shift.actor),
            self.topic_name(&shift.topic),
            steps.join(" → ")
        )
    }

    /// The dates the articles span ("2026-03-14", or "2026-03-14 to 2026-03-21"), if any has one.
    pub fn date_span(&self) -> Option<String> {
        let dates = self.articles.iter().filter_map(|a| a.date.as_deref());
        let first = dates.clone().min_by(|a, b| crate::parse::cmp_dates(a, b))?;
        let last = dates.max_by(|a, b| crate::parse::cmp_dates(a, b))?;
        Some(if first == last {
            first.to_owned()
        } else {
            format!("{first} to {last}")
        })
    }

    /// The name of an actor's row.
    pub fn actor_name<'a>(&'a self, id: &'a ActorId) -> &'a str {
        self.index
            .actor
            .get(id)
            .map_or(id.0.as_str(), |&i| self.actors[i].name.as_str())
    }

    /// The name of a topic's column.
    pub fn topic_name<'a>(&'a self, id: &'a TopicId) -> &'a str {
        self.index
            .topic
            .get(id)
            .map_or(id.0.as_str(), |&i| self.topics[i].name.as_str())
    }

    /// Who supports and who opposes `topic` (leaning included), by name, in row order.
    pub fn camps(&self, topic: &TopicId) -> (Vec<&str>, Vec<&str>) {
        let of_topic = self
            .index
            .of_topic
            .get(topic)
            .map_or(&[][..], Vec::as_slice);
        let camp = |stances: &[Stance]| -> Vec<&str> {
            of_topic
                .iter()
                .map(|&i| &self.cells[i])
                .filter(|c| stances.contains(&c.stance))
                .map(|c| self.actor_name(&c.actor))
                .collect()
        };
        (
            camp(&[Stance::Support, Stance::LeanSupport]),
            camp(&[Stance::Oppose, Stance::LeanOppose]),
        )
    }

    /// An actor's cells, in column order.
    pub fn cells_of(&self, actor: &ActorId) -> Vec<&ExportCell> {
        self.index.of_actor.get(actor).map_or_else(Vec::new, |run| {
            self.cells[run.clone()]
                .iter()
                .filter(|c| c.actor == *actor)
                .collect()
        })
    }

    /// The cell of an actor on a topic, when it shows a stance.
    pub fn cell(&self, actor: &ActorId, topic: &TopicId) -> Option<&ExportCell> {
        self.index
            .cell
            .get(&(actor.clone(), topic.clone()))
            .map(|&i| &self.cells[i])
    }
}

/// Builds the export of `session` over its open articles `docs` (each read from its file), with
/// `missing` the session's articles that could not be read.
pub fn build(docs: &[Document], session: &Session, missing: &[ArticleRef]) -> Export {
    let briefings: Vec<&crate::model::Briefing> = docs.iter().map(|d| &*d.briefing).collect();
    // A person named by a shorter form in one article is one row with the full name, as in
    // the window.
    let mut session = session.clone();
    crate::analysis::corpus::resolve(&briefings, &session).put_in(&mut session);
    let matrix = matrix::build(&briefings, &session);
    from_matrix(&matrix, docs, &session, missing)
}

/// The export of a matrix already built (the window's).
pub fn from_matrix(
    matrix: &Matrix,
    docs: &[Document],
    session: &Session,
    missing: &[ArticleRef],
) -> Export {
    // By path, once: a session can name tens of thousands of articles.
    let not_read: std::collections::HashSet<&Path> =
        missing.iter().map(|m| m.path.as_path()).collect();
    let by_path: std::collections::HashMap<&Path, &Document> =
        docs.iter().map(|d| (d.source.path.as_path(), d)).collect();
    let articles = session
        .articles
        .iter()
        .filter(|a| !not_read.contains(a.path.as_path()))
        .map(|a| {
            let doc = by_path.get(a.path.as_path()).copied();
            ExportArticle {
                path: a.path.clone(),
                title: doc
                    .and_then(|d| d.article.title.clone())
                    .or(a.title.clone()),
                date: doc.and_then(|d| d.article.date.clone()).or(a.date.clone()),
            }
        })
        .collect();
    let actors: Vec<ExportActor> = matrix
        .rows
        .iter()
        .map(|r| ExportActor {
            id: r.id.clone(),
            name: r.name.clone(),
            kind: r.kind,
            affiliation: r.affiliation.clone(),
        })
        .collect();
    let topics: Vec<ExportTopic> = matrix
        .columns
        .iter()
        .map(|c| ExportTopic {
            id: c.id.clone(),
            name: c.name.clone(),
        })
        .collect();
    let per_article = per_article(docs, session);
    // The cells there are, by row then column (not every row × column: most are empty).
    let mut placed: Vec<(usize, usize, &Cell, &matrix::CellView)> = matrix
        .cells
        .iter()
        .filter_map(|(key, view)| {
            Some((
                matrix.row_position(&key.actor)?,
                matrix.column_position(&key.topic)?,
                key,
                view,
            ))
        })
        .collect();
    placed.sort_unstable_by_key(|&(r, c, _, _)| (r, c));
    let mut cells = Vec::new();
    for (r, c, key, view) in placed {
        let (row, column) = (&matrix.rows[r], &matrix.columns[c]);
        if let Some(mut cell) = export_cell(view, row, column, &by_path, docs) {
            cell.by_article = per_article.get(key).cloned().unwrap_or_default();
            // Who decided it: the coder written on the edit, else the session's.
            cell.coder = match cell.provenance {
                "hand" => view.annotation.as_ref().and_then(|a| a.coder.clone()),
                "accepted" => session.decided_by.get(key).map(|d| d.coder.clone()),
                _ => None,
            };
            if cell.provenance != "suggested" && cell.coder.is_none() {
                cell.coder.clone_from(&session.coder);
            }
            cells.push(cell);
        }
    }
    let shifts = cells.iter().filter_map(shift).collect();
    Export {
        coder: session.coder.clone(),
        articles,
        missing: missing.iter().map(|m| m.path.clone()).collect(),
        index: Index::new(&actors, &topics, &cells),
        actors,
        topics,
        cells,
        shifts,
    }
}

/// What each open article alone suggests, per cell (after the session's merges).
fn per_article(docs: &[Document], session: &Session) -> BTreeMap<Cell, Vec<ArticleStance>> {
    let mut out: BTreeMap<Cell, Vec<ArticleStance>> = BTreeMap::new();
    for doc in docs {
        for s in &*doc.briefing.stances {
            out.entry(session.cell(&s.actor, &s.topic))
                .or_default()
                .push(ArticleStance {
                    article: doc.source.path.clone(),
                    date: doc.article.date.clone(),
                    stance: s.stance,
                });
        }
    }
    out
}

/// Where a date stands among others: those naming a day first, by day, then the others by text.
type DayKey<'a> = (bool, crate::parse::Day, &'a str);

/// The steps of a cell's stance over dated articles, when it changes (articles of one date
/// that disagree count as mixed that day).
fn shift(cell: &ExportCell) -> Option<Shift> {
    // By the day a date names ("2019-01-04" and "Friday, January 4, 2019" are one day), then
    // the dates that name none, by their text.
    let mut by_date: BTreeMap<DayKey<'_>, (&str, Vec<Stance>)> = BTreeMap::new();
    for a in &cell.by_article {
        if let Some(date) = a.date.as_deref() {
            let day = match crate::parse::date_key(date) {
                Some(day) => (false, day, ""),
                None => (true, (0, 0, 0), date),
            };
            by_date
                .entry(day)
                .or_insert((date, Vec::new()))
                .1
                .push(a.stance);
        }
    }
    let mut steps: Vec<(String, Stance)> = Vec::new();
    for (date, stances) in by_date.into_values() {
        let stance = if stances.iter().all(|s| *s == stances[0]) {
            stances[0]
        } else {
            Stance::Mixed
        };
        if steps.last().is_none_or(|(_, last)| *last != stance) {
            steps.push((date.to_owned(), stance));
        }
    }
    (steps.len() > 1).then(|| Shift {
        actor: cell.actor.clone(),
        topic: cell.topic.clone(),
        steps,
    })
}

/// One cell as exported, when it shows a stance.
fn export_cell(
    view: &matrix::CellView,
    row: &matrix::Row,
    column: &matrix::Column,
    by_path: &HashMap<&Path, &Document>,
    docs: &[Document],
) -> Option<ExportCell> {
    let (stance, provenance) = view.shown()?;
    let annotation = view.annotation.as_ref();
    let mut evidence: Vec<ExportEvidence> = annotation
        .map(|a| {
            a.evidence
                .iter()
                .map(|e| ExportEvidence {
                    article: e.article.clone(),
                    section: by_path
                        .get(e.article.as_path())
                        .and_then(|d| section_of(d, e.sentence)),
                    sentence: e.sentence,
                    quote: e.quote.clone(),
                    by_hand: true,
                })
                .collect()
        })
        .unwrap_or_default();
    // The analysis' sentences back a suggestion (shown, or overruled by hand).
    if let Some(suggestion) = &view.suggestion {
        // What is already there, by article and sentence: a cell may hold thousands.
        let mut taken: std::collections::HashSet<(PathBuf, SentenceId)> = evidence
            .iter()
            .map(|x| (x.article.clone(), x.sentence))
            .collect();
        for e in &suggestion.evidence {
            let Some(doc) = docs.get(e.doc) else {
                continue;
            };
            if taken.insert((doc.source.path.clone(), e.sentence)) {
                evidence.push(ExportEvidence {
                    article: doc.source.path.clone(),
                    section: section_of(doc, e.sentence),
                    sentence: e.sentence,
                    quote: doc.article.sentence_text(e.sentence).into_owned(),
                    by_hand: false,
                });
            }
        }
    }
    let confidence = annotation
        .and_then(|a| a.confidence)
        .or_else(|| match provenance {
            Provenance::Hand => None,
            _ => view.suggestion.as_ref().map(|s| s.confidence),
        });
    Some(ExportCell {
        actor: row.id.clone(),
        topic: column.id.clone(),
        stance,
        provenance: match provenance {
            Provenance::Hand => "hand",
            Provenance::Accepted => "accepted",
            Provenance::Suggested => "suggested",
        },
        confidence,
        note: annotation.map(|a| a.note.clone()).unwrap_or_default(),
        evidence,
        by_article: Vec::new(),
        coder: None,
    })
}

/// The heading of the section a sentence stands in.
fn section_of(doc: &Document, sentence: SentenceId) -> Option<String> {
    let a = &doc.article;
    let s = a.sentences.get(sentence.0 as usize)?;
    a.sections.get(s.section as usize)?.heading.clone()
}

/// Names joined with commas, or "nobody".
pub(crate) fn names_or_nobody(names: &[&str]) -> String {
    if names.is_empty() {
        "nobody".to_owned()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Briefing;
    use crate::model::timeline::timeline;

    /// Each article's date and analysis, as the timeline reads them.
    fn dated(docs: &[Document]) -> Vec<(Option<&str>, &Briefing)> {
        docs.iter()
            .map(|d| (d.article.date.as_deref(), &*d.briefing))
            .collect()
    }

    #[test]
    fn a_stance_that_moves_between_dated_articles_is_a_shift() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let analyzer = crate::analysis::Analyzer::bundled();
        // Opened latest first: the timeline still goes by date.
        let docs: Vec<Document> = ["grain-corridor-talks.md", "grain-corridor.md"]
            .iter()
            .map(|n| Document::open(&root.join(n), analyzer).expect("opens"))
            .collect();
        let mut session = Session::default();
        session.topics.merged.insert(
            TopicId("grain-corridor".into()),
            TopicId("grain-corridor-agreement".into()),
        );
        let russia = ActorId("russia".into());
        let entries = timeline(dated(&docs), &session, &russia);
        let corridor: Vec<(&str, Stance, bool)> = entries
            .iter()
            .filter(|e| e.topic.0 == "grain-corridor-agreement")
            .map(|e| (e.date.as_deref().unwrap_or(""), e.stance, e.is_shift))
            .collect();
        assert_eq!(
            corridor,
            vec![
                ("2026-03-14", Stance::Oppose, false),
                ("2026-03-21", Stance::Support, true)
            ]
        );
        // Without the merge the two topics are apart, and nothing shifts.
        let apart = timeline(dated(&docs), &Session::default(), &russia);
        assert!(apart.iter().all(|e| !e.is_shift), "{apart:?}");
        // The export says the same.
        let export = build(&docs, &session, &[]);
        assert_eq!(export.shifts.len(), 1, "{:?}", export.shifts);
        assert_eq!(
            export.shifts[0].steps,
            vec![
                ("2026-03-14".to_owned(), Stance::Oppose),
                ("2026-03-21".to_owned(), Stance::Support)
            ]
        );
        // Dates in words go by the day they name, not by their text: "Friday, April 3" comes
        // after "Saturday, March 14".
        let mut docs = docs;
        docs[0].article.date = Some("Friday, April 3, 2026".into());
        docs[1].article.date = Some("Saturday, March 14, 2026".into());
        let export = build(&docs, &session, &[]);
        assert_eq!(
            export.shifts[0].steps,
            vec![
                ("Saturday, March 14, 2026".to_owned(), Stance::Oppose),
                ("Friday, April 3, 2026".to_owned(), Stance::Support)
            ]
        );
        let mut export = export;
        export.articles = docs
            .iter()
            .map(|d| ExportArticle {
                path: d.source.path.clone(),
                title: None,
                date: d.article.date.clone(),
            })
            .collect();
        assert_eq!(
            export.date_span().as_deref(),
            Some("Saturday, March 14, 2026 to Friday, April 3, 2026")
        );
    }
}
