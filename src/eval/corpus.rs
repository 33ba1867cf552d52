//! The labelled corpus opened as one, as an analyst opens every article on a story: do the
//! actors hold together across articles, and do the columns mean the topics people wrote down?
//!
//! - **Consolidated**: of the labelled actors found in two or more articles, the share whose
//!   found forms (in every article) land on one matrix row.
//! - **Columns matching a labelled topic**: of the columns holding at least one stance, the
//!   share whose head word (the last word of its name or of a phrase it holds, singular) is the
//!   head of a labelled topic or one of its lower-case words ("impeachment inquiry" is met by a
//!   column "The inquiry" or "Impeachment"; "Joe Biden" only by a column whose head is
//!   "biden").
//! - **Columns per labelled topic**: over the labelled topics whose stances were found, how
//!   many columns those stances land in, on average (1.0 is one column per topic). A labelled
//!   stance lands in the column of the stance found for it as stance recall finds one: its
//!   actor's, with its sentence as evidence, in its direction. A looser count, shown beside
//!   it, takes every stance of the actor with that sentence as evidence.
//! - The most salient rows and columns, listed to be checked by eye.

use super::{EvalError, Labels, Split, matches, normalise};
use crate::analysis::Analyzer;
use crate::analysis::corpus::fold_word as fold;
use crate::document::Document;
use crate::model::matrix::{self, Matrix};
use crate::model::session::Session;
use crate::model::{ActorId, TopicId};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// How many salient rows and columns a score lists.
pub const TOP_ROWS: usize = 20;
pub const TOP_COLUMNS: usize = 10;

/// A row or column among the most salient: its name, in how many articles, and its weight
/// (mentions for a row, cells with a stance for a column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Salient {
    pub name: String,
    pub articles: u32,
    pub weight: u32,
}

/// The corpus scores.
#[derive(Clone, Debug, Default)]
pub struct CorpusScore {
    pub articles: usize,
    pub rows: usize,
    pub columns: usize,
    /// Labelled actors found in two or more articles, and how many of them are one row.
    pub multi: u32,
    pub consolidated: u32,
    /// The multi-article actors that are not one row: their labelled name and the rows.
    pub scattered: Vec<(String, Vec<String>)>,
    /// Columns with at least one stance, and how many of them match a labelled topic.
    pub columns_with_cell: u32,
    pub columns_matching: u32,
    /// Distinct labelled topics, those whose stances were found, and the columns those stances
    /// land in (summed over the topics).
    pub labelled_topics: u32,
    pub topics_met: u32,
    pub topic_columns: u32,
    /// The same, counting every stance of the labelled actor with the labelled sentence as
    /// evidence, whatever its direction.
    pub topics_met_any: u32,
    pub topic_columns_any: u32,
    pub top_rows: Vec<Salient>,
    pub top_columns: Vec<Salient>,
    /// The columns holding a stance that match no labelled topic, by name.
    pub unmatched: Vec<String>,
    /// The labelled topics whose found stances land in more than one column: the topic and
    /// the columns' names.
    pub spread: Vec<(String, Vec<String>)>,
}

impl CorpusScore {
    pub fn consolidation(&self) -> f64 {
        super::ratio(self.consolidated, self.multi)
    }
    pub fn column_match(&self) -> f64 {
        super::ratio(self.columns_matching, self.columns_with_cell)
    }
    /// Columns per labelled topic met (0 when none is met).
    pub fn columns_per_topic(&self) -> f64 {
        per(self.topic_columns, self.topics_met)
    }
    /// The same, counting every stance of the actor in the labelled sentence.
    pub fn columns_per_topic_any(&self) -> f64 {
        per(self.topic_columns_any, self.topics_met_any)
    }
}

fn per(columns: u32, topics: u32) -> f64 {
    if topics == 0 {
        0.0
    } else {
        f64::from(columns) / f64::from(topics)
    }
}

/// Opens every labelled article of `split` together and scores the matrix they make.
pub fn run(
    dir: &std::path::Path,
    split: Split,
    analyzer: &Analyzer,
) -> Result<CorpusScore, EvalError> {
    let (docs, labels): (Vec<Document>, Vec<Labels>) = super::opened(dir, split, analyzer)?
        .into_iter()
        .map(|(_, labels, doc)| (doc, labels))
        .unzip();
    Ok(score(&docs, &labels))
}

/// Scores the matrix of `docs` opened together, each with its labels.
pub fn score(docs: &[Document], labels: &[Labels]) -> CorpusScore {
    let briefings: Vec<&crate::model::Briefing> = docs.iter().map(|d| &*d.briefing).collect();
    let mut session = Session::default();
    crate::analysis::corpus::resolve(&briefings, &session).put_in(&mut session);
    let matrix = matrix::build(&briefings, &session);
    let mut score = CorpusScore {
        articles: docs.len(),
        rows: matrix.rows.len(),
        columns: matrix.columns.len(),
        ..CorpusScore::default()
    };
    consolidation(docs, labels, &session, &matrix, &mut score);
    topic_match(labels, &matrix, &mut score);
    topic_spread(docs, labels, &session, &matrix, &mut score);
    salient(&matrix, &mut score);
    score
}

/// Which rows each labelled actor's found forms land on, over the articles.
fn consolidation(
    docs: &[Document],
    labels: &[Labels],
    session: &Session,
    matrix: &Matrix,
    score: &mut CorpusScore,
) {
    // Labelled name → (articles where found, rows landed on).
    let mut landed: BTreeMap<String, (u32, BTreeSet<ActorId>, String)> = BTreeMap::new();
    for (doc, labels) in docs.iter().zip(labels) {
        let b = &*doc.briefing;
        for (actor, found) in labels.actors.iter().zip(matches(b, labels)) {
            if found.is_empty() {
                continue;
            }
            let entry = landed
                .entry(normalise(&actor.name))
                .or_insert_with(|| (0, BTreeSet::new(), actor.name.clone()));
            entry.0 += 1;
            entry
                .1
                .extend(found.iter().map(|&p| session.actor_root(&b.actors[p].id)));
        }
    }
    for (articles, rows, name) in landed.into_values() {
        if articles < 2 {
            continue;
        }
        score.multi += 1;
        if rows.len() == 1 {
            score.consolidated += 1;
        } else {
            let names = rows
                .iter()
                .map(|id| {
                    matrix
                        .row(id)
                        .map_or_else(|| id.0.clone(), |r| r.name.clone())
                })
                .collect();
            score.scattered.push((name, names));
        }
    }
}

/// Words that are not what a topic is about.
const NOT_CONTENT: &[&str] = &[
    "the", "a", "an", "of", "to", "on", "in", "for", "against", "with", "by", "from", "about",
    "and", "or", "that", "its", "his", "her", "their", "as", "at", "into", "over",
];

/// Words that end a topic's head phrase: its head is the last word before one.
const HEAD_ENDS: &[&str] = &[
    "of", "to", "on", "in", "for", "against", "with", "by", "from", "about", "that", "as", "at",
    "into", "over",
];

/// A labelled topic's head and its lower-case content words, folded.
fn topic_words(topic: &str) -> (Option<String>, BTreeSet<String>) {
    let words: Vec<&str> = topic
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let before = words
        .iter()
        .position(|w| HEAD_ENDS.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len());
    let head = words[..before]
        .iter()
        .rev()
        .map(|w| fold(w))
        .find(|w| w.len() >= 3 && !NOT_CONTENT.contains(&w.as_str()));
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(|w| fold(w))
        .filter(|w| w.len() >= 3 && !NOT_CONTENT.contains(&w.as_str()))
        .collect();
    (head, lower)
}

/// A column's head words: the last word of its name and of each phrase, folded.
fn column_heads(name: &str, phrases: &[String]) -> BTreeSet<String> {
    std::iter::once(name)
        .chain(phrases.iter().map(String::as_str))
        // "Bill (Hong Kong protesters …)" is a bill.
        .map(|p| match p.find(" (") {
            Some(i) if p.ends_with(')') => &p[..i],
            _ => p,
        })
        .filter_map(|p| p.split_whitespace().last())
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

fn topic_match(labels: &[Labels], matrix: &Matrix, score: &mut CorpusScore) {
    let topics: BTreeMap<String, (Option<String>, BTreeSet<String>)> = labels
        .iter()
        .flat_map(|l| &l.stances)
        .map(|s| (normalise(&s.topic), topic_words(&s.topic)))
        .collect();
    score.labelled_topics = topics.len() as u32;
    let with_cell: BTreeSet<&TopicId> = matrix
        .cells
        .iter()
        .filter(|(_, v)| v.shown().is_some())
        .map(|(c, _)| &c.topic)
        .collect();
    for column in matrix.columns.iter().filter(|c| with_cell.contains(&c.id)) {
        score.columns_with_cell += 1;
        let heads = column_heads(&column.name, &column.phrases);
        let matched = topics.values().any(|(head, lower)| {
            heads
                .iter()
                .any(|h| head.as_ref() == Some(h) || lower.contains(h))
        });
        if matched {
            score.columns_matching += 1;
        } else {
            score.unmatched.push(column.name.clone());
        }
    }
}

/// The columns each labelled topic's found stances land in. A found stance is the one stance
/// recall counts: its actor's, with the labelled sentence as evidence, in the labelled
/// direction. Beside it, the looser count takes every stance of the actor with that sentence
/// as evidence, whatever its direction: a second cue in the sentence ("blamed Iran …,
/// committing to send more troops") then counts as a second column of each topic.
fn topic_spread(
    docs: &[Document],
    labels: &[Labels],
    session: &Session,
    matrix: &Matrix,
    score: &mut CorpusScore,
) {
    let mut spread: BTreeMap<String, BTreeSet<TopicId>> = BTreeMap::new();
    let mut any: BTreeMap<String, BTreeSet<TopicId>> = BTreeMap::new();
    for (doc, labels) in docs.iter().zip(labels) {
        let b = &*doc.briefing;
        let found = matches(b, labels);
        for st in &labels.stances {
            let Some(l) = labels
                .actors
                .iter()
                .position(|a| normalise(&a.name) == normalise(&st.actor))
            else {
                continue;
            };
            let piece = normalise(&st.sentence);
            for s in &b.stances {
                let holder = b.actors.iter().position(|a| a.id == s.actor);
                let says = s
                    .evidence
                    .iter()
                    .any(|e| normalise(&doc.article.sentence_text(e.sentence)).contains(&piece));
                if !(holder.is_some_and(|p| found[l].contains(&p)) && says) {
                    continue;
                }
                let column = session.topic_root(&s.topic);
                let topic = normalise(&st.topic);
                if super::direction(s.stance) == super::direction(st.stance) {
                    spread
                        .entry(topic.clone())
                        .or_default()
                        .insert(column.clone());
                }
                any.entry(topic).or_default().insert(column);
            }
        }
    }
    score.topics_met = spread.len() as u32;
    score.topic_columns = spread.values().map(|c| c.len() as u32).sum();
    score.topics_met_any = any.len() as u32;
    score.topic_columns_any = any.values().map(|c| c.len() as u32).sum();
    score.spread = spread
        .into_iter()
        .filter(|(_, columns)| columns.len() > 1)
        .map(|(topic, columns)| {
            let names = columns
                .iter()
                .map(|id| {
                    matrix
                        .columns
                        .iter()
                        .find(|c| &c.id == id)
                        .map_or_else(|| id.0.clone(), |c| c.name.clone())
                })
                .collect();
            (topic, names)
        })
        .collect();
}

/// The most salient rows (articles, then mentions) and columns (articles, then cells).
fn salient(matrix: &Matrix, score: &mut CorpusScore) {
    score.top_rows = matrix
        .rows
        .iter()
        .filter(|r| !r.is_hand_added && !r.is_absent)
        .take(TOP_ROWS)
        .map(|r| Salient {
            name: r.name.clone(),
            articles: r.articles,
            weight: r.mentions,
        })
        .collect();
    let mut cells: HashMap<&TopicId, u32> = HashMap::new();
    for (cell, view) in &matrix.cells {
        if view.shown().is_some() {
            *cells.entry(&cell.topic).or_default() += 1;
        }
    }
    let mut columns: Vec<Salient> = matrix
        .columns
        .iter()
        .map(|c| Salient {
            name: c.name.clone(),
            articles: c.articles,
            weight: cells.get(&c.id).copied().unwrap_or(0),
        })
        .collect();
    columns.sort_by_key(|c| std::cmp::Reverse((c.articles, c.weight)));
    columns.truncate(TOP_COLUMNS);
    score.top_columns = columns;
}

/// The corpus scores as Markdown.
pub fn report(s: &CorpusScore) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Corpus: {} articles opened together: {} rows, {} columns\n",
        s.articles, s.rows, s.columns
    );
    let _ = writeln!(out, "| measure | value |\n|---|---:|");
    let _ = writeln!(
        out,
        "| consolidated (actors labelled in 2+ articles on one row) | {:.2} ({}/{}) |",
        s.consolidation(),
        s.consolidated,
        s.multi
    );
    let _ = writeln!(
        out,
        "| columns with a stance matching a labelled topic | {:.2} ({}/{}) |",
        s.column_match(),
        s.columns_matching,
        s.columns_with_cell
    );
    let _ = writeln!(
        out,
        "| columns per labelled topic | {:.2} ({} columns for the {} of {} topics found) |",
        s.columns_per_topic(),
        s.topic_columns,
        s.topics_met,
        s.labelled_topics
    );
    let _ = writeln!(
        out,
        "| columns per labelled topic, any stance of the actor in the sentence | {:.2} ({} for {}) |",
        s.columns_per_topic_any(),
        s.topic_columns_any,
        s.topics_met_any,
    );
    let _ = writeln!(out, "\nMost salient rows (articles, mentions):");
    for r in &s.top_rows {
        let _ = writeln!(out, "- {} ({}, {})", r.name, r.articles, r.weight);
    }
    let _ = writeln!(
        out,
        "\nMost salient columns (articles, cells with a stance):"
    );
    for c in &s.top_columns {
        let _ = writeln!(out, "- {} ({}, {})", c.name, c.articles, c.weight);
    }
    if !s.scattered.is_empty() {
        let _ = writeln!(out, "\nActors on more than one row:");
        for (name, rows) in &s.scattered {
            let _ = writeln!(out, "- {name}: {}", rows.join(" | "));
        }
    }
    out
}

/// The columns that match no labelled topic and the labelled topics spread over several
/// columns, as Markdown lists (`eval --corpus --misses`).
pub fn misses_report(s: &CorpusScore) -> String {
    let mut out = format!(
        "\nColumns with a stance matching no labelled topic ({}):\n",
        s.unmatched.len()
    );
    for name in &s.unmatched {
        let _ = writeln!(out, "- {name}");
    }
    let _ = writeln!(
        out,
        "\nLabelled topics whose stances land in more than one column ({}):",
        s.spread.len()
    );
    for (topic, columns) in &s.spread {
        let _ = writeln!(out, "- {topic}: {}", columns.join(" | "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_labelled_topic_has_a_head_and_lower_case_words() {
        let (head, lower) = topic_words("prorogation of Parliament");
        assert_eq!(head.as_deref(), Some("prorogation"));
        assert!(lower.contains("prorogation") && !lower.contains("parliament"));
        let (head, lower) = topic_words("Joe Biden");
        assert_eq!(head.as_deref(), Some("biden"));
        assert!(lower.is_empty());
        let (head, _) = topic_words("US troop withdrawal from Syria");
        assert_eq!(head.as_deref(), Some("withdrawal"));
        let (head, _) = topic_words("Turkish-Libyan maritime border agreements");
        assert_eq!(head.as_deref(), Some("agreement"));
    }

    #[test]
    fn a_column_is_known_by_the_last_word_of_its_name_and_phrases() {
        let heads = column_heads(
            "The inquiry",
            &["impeachment inquiries".into(), "bills".into()],
        );
        assert_eq!(
            heads.into_iter().collect::<Vec<_>>(),
            ["bill", "inquiry"].map(str::to_owned).to_vec()
        );
        assert_eq!(fold("Congress's"), "congress");
        assert_eq!(fold("press"), "press");
    }

    #[test]
    fn a_topic_counts_the_column_of_its_found_stance_and_the_loose_count_every_one() {
        use crate::model::Stance;
        let text = "Troops\n\nSaudi Arabia called for new sanctions on Iran.\n\nThe United States blamed Iran for the attack, committing to send more troops to Saudi Arabia.\n";
        let loaded =
            crate::load::load_bytes(std::path::Path::new("t.txt"), text.as_bytes().to_vec())
                .expect("loads");
        let doc =
            Document::from_loaded(std::path::Path::new("t.txt"), &loaded, Analyzer::bundled())
                .expect("analyses");
        let us = doc
            .briefing
            .actors
            .iter()
            .find(|a| a.name == "United States")
            .expect("the United States");
        // Two stances of one actor from one sentence, in two directions and two columns.
        let held: Vec<_> = doc
            .briefing
            .stances
            .iter()
            .filter(|s| s.actor == us.id)
            .collect();
        assert!(
            held.iter().any(|s| s.stance.score() > 0) && held.iter().any(|s| s.stance.score() < 0),
            "{held:?}"
        );
        let labels = Labels {
            actors: vec![super::super::LabelledActor {
                name: "United States".into(),
                kind: crate::model::ActorKind::Country,
                forms: vec!["The United States".into()],
            }],
            stances: vec![super::super::LabelledStance {
                actor: "United States".into(),
                topic: "sending more troops".into(),
                stance: Stance::Support,
                sentence: "committing to send more troops".into(),
            }],
            headings: Vec::new(),
        };
        let score = score(std::slice::from_ref(&doc), std::slice::from_ref(&labels));
        assert_eq!((score.topic_columns, score.topics_met), (1, 1));
        assert_eq!((score.topic_columns_any, score.topics_met_any), (2, 1));
    }
}
