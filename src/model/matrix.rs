//! The stance matrix as the analyst sees it: the analysis of every open article combined, with
//! the hand edits of the session applied (renames, merges, added actors and topics, aliases,
//! hand stances, accepted and rejected suggestions).
//!
//! It is derived, never saved: rebuild it after any change to the articles or the session.

use super::codebook::Codebook;
use super::session::{Annotation, Cell, Decision, Session};
use super::{ActorId, ActorKind, Briefing, SentenceId, Stance, TopicId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A row: one actor, or several merged into one.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub affiliation: Option<ActorId>,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub mentions: u32,
    /// How many open articles name it.
    pub articles: u32,
    pub is_hand_added: bool,
    /// Only the session knows it (its article is missing or not open): kept, never dropped.
    pub is_absent: bool,
}

/// A column: one topic, or several merged into one.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub id: TopicId,
    pub name: String,
    pub phrases: Vec<String>,
    /// How many open articles name it.
    pub articles: u32,
    pub is_hand_added: bool,
    /// A topic of the analyst's codebook (shown even when no article names it).
    pub is_codebook: bool,
    /// Only the session knows it (its article is missing or not open).
    pub is_absent: bool,
}

/// A sentence behind a suggestion: which open article (by position) and which sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestedEvidence {
    pub doc: usize,
    pub sentence: SentenceId,
    pub cues: Vec<String>,
}

/// The analysis' suggestion for a cell, over all open articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub stance: Stance,
    pub confidence: f32,
    pub evidence: Vec<SuggestedEvidence>,
}

/// Where the stance shown in a cell comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// Set by hand: always wins.
    Hand,
    /// A suggestion the analyst accepted.
    Accepted,
    /// A suggestion not yet reviewed.
    Suggested,
}

impl Provenance {
    /// How people read it ("set by hand").
    pub fn label(self) -> &'static str {
        match self {
            Self::Hand => "set by hand",
            Self::Accepted => "accepted",
            Self::Suggested => "suggested",
        }
    }

    /// The mark before a cell's stance: • by hand, √ accepted, nothing for a suggestion.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Hand => "• ",
            Self::Accepted => "√ ",
            Self::Suggested => "",
        }
    }
}

/// Everything known about one cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CellView {
    pub suggestion: Option<Suggestion>,
    pub annotation: Option<Annotation>,
    pub decision: Option<Decision>,
}

impl CellView {
    /// The suggested evidence from sentence `sentence` of open article `doc`, if any.
    pub fn suggested_evidence(
        &self,
        doc: usize,
        sentence: SentenceId,
    ) -> Option<&SuggestedEvidence> {
        let evidence = &self.suggestion.as_ref()?.evidence;
        evidence
            .binary_search_by_key(&(doc, sentence), |e| (e.doc, e.sentence))
            .ok()
            .map(|i| &evidence[i])
    }

    /// Whether this cell holds only a suggestion nobody reviewed, less confident than `min`
    /// (the matrix then shows it empty, and the analyst can lower the threshold to see it).
    pub fn is_below(&self, min: f32) -> bool {
        self.annotation.as_ref().is_none_or(|a| a.stance.is_none())
            && self.decision.is_none()
            && self.suggestion.as_ref().is_some_and(|s| s.confidence < min)
    }

    /// The stance to show and where it comes from: hand > accepted > suggested; a rejected
    /// suggestion shows nothing.
    pub fn shown(&self) -> Option<(Stance, Provenance)> {
        if let Some(stance) = self.annotation.as_ref().and_then(|a| a.stance) {
            return Some((stance, Provenance::Hand));
        }
        let suggestion = self.suggestion.as_ref()?;
        match self.decision {
            Some(Decision::Rejected) => None,
            Some(Decision::Accepted) => Some((suggestion.stance, Provenance::Accepted)),
            None => Some((suggestion.stance, Provenance::Suggested)),
        }
    }
}

/// The whole matrix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matrix {
    pub rows: Vec<Row>,
    pub columns: Vec<Column>,
    pub cells: BTreeMap<Cell, CellView>,
    /// Where each row and column is, by id: a session may hold tens of thousands.
    row_index: HashMap<ActorId, usize>,
    column_index: HashMap<TopicId, usize>,
}

impl Matrix {
    /// The row of an actor (after merges).
    pub fn row(&self, id: &ActorId) -> Option<&Row> {
        self.row_index.get(id).map(|&i| &self.rows[i])
    }

    /// Where an actor's row stands (after merges), counted from the top, most salient first.
    pub fn row_position(&self, id: &ActorId) -> Option<usize> {
        self.row_index.get(id).copied()
    }

    /// Where a topic's column stands (after merges), counted from the left.
    pub fn column_position(&self, id: &TopicId) -> Option<usize> {
        self.column_index.get(id).copied()
    }

    /// The column of a topic (after merges).
    pub fn column(&self, id: &TopicId) -> Option<&Column> {
        self.column_index.get(id).map(|&i| &self.columns[i])
    }

    /// One cell.
    pub fn cell(&self, actor: &ActorId, topic: &TopicId) -> Option<&CellView> {
        self.cells.get(&Cell {
            actor: actor.clone(),
            topic: topic.clone(),
        })
    }

    /// Brings one cell up to date after an edit of that cell alone, without building the
    /// whole matrix again (a session may hold tens of thousands of annotations). Returns
    /// `false` where that is not enough (the cell's row or column would appear or go, or the
    /// edit named a cell merged into another): then build the matrix again.
    pub fn update_cell(&mut self, session: &Session, edited: &Cell) -> bool {
        let key = session.cell(&edited.actor, &edited.topic);
        let annotation = session.annotations.get(&key).cloned();
        let decision = session.decisions.get(&key).copied();
        // A row or column only hand work keeps (its article is not open) stays while this cell
        // holds hand work; once the cell is empty, whether it goes depends on other cells.
        let kept = annotation.is_some() || decision.is_some();
        let row = self.row(&key.actor).is_some_and(|r| kept || !r.is_absent);
        let column = self
            .column(&key.topic)
            .is_some_and(|c| kept || !c.is_absent);
        if key != *edited || !row || !column {
            return false;
        }
        match self.cells.get_mut(&key) {
            Some(view) => {
                view.annotation = annotation;
                view.decision = decision;
                if view.suggestion.is_none() && view.annotation.is_none() && view.decision.is_none()
                {
                    self.cells.remove(&key);
                }
            }
            None if annotation.is_some() || decision.is_some() => {
                self.cells.insert(
                    key,
                    CellView {
                        suggestion: None,
                        annotation,
                        decision,
                    },
                );
            }
            None => {}
        }
        true
    }
}

/// Combines the briefings of the open articles with the session's hand edits.
pub fn build(briefings: &[&Briefing], session: &Session) -> Matrix {
    let cells = cells(briefings, session);
    let mut rows = rows(briefings, session);
    let mut columns = columns(briefings, session, &cells);
    keep_absent(&mut rows, &mut columns, session);
    let row_index = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let column_index = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    Matrix {
        rows,
        columns,
        cells,
        row_index,
        column_index,
    }
}

impl Row {
    /// A row with no mention, alias, affiliation or role yet.
    fn new(id: ActorId, name: String, kind: ActorKind) -> Self {
        Self {
            id,
            name,
            kind,
            affiliation: None,
            role: None,
            aliases: Vec::new(),
            mentions: 0,
            articles: 0,
            is_hand_added: false,
            is_absent: false,
        }
    }
}

impl Column {
    fn new(id: TopicId, name: String, phrases: Vec<String>) -> Self {
        Self {
            id,
            name,
            phrases,
            articles: 0,
            is_hand_added: false,
            is_codebook: false,
            is_absent: false,
        }
    }
}

/// One row per actor (merged actors share their root's row), most salient first (named in the
/// most articles, then the most mentioned), then the actors added by hand; names and aliases
/// as the session renamed and edited them.
fn rows<'b>(briefings: &[&'b Briefing], session: &Session) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut row_index: HashMap<ActorId, usize> = HashMap::new();
    let mut first_seen: Vec<(usize, usize)> = Vec::new();
    // The last article that counted towards each row's articles.
    let mut last_doc: Vec<usize> = Vec::new();
    // Each row's other names, each once (a corpus names the same person in thousands of
    // articles), and the first of them.
    let mut aliases: Vec<(std::collections::HashSet<&'b str>, Option<&'b str>)> = Vec::new();
    for (d, b) in briefings.iter().enumerate() {
        for (k, actor) in b.actors.iter().enumerate() {
            let root = session.actor_root(&actor.id);
            let own = actor.id == root;
            let idx = if let Some(&idx) = row_index.get(&root) {
                idx
            } else {
                row_index.insert(root.clone(), rows.len());
                rows.push(Row::new(root, String::new(), actor.kind));
                first_seen.push((d, k));
                last_doc.push(usize::MAX);
                aliases.push((std::collections::HashSet::new(), None));
                rows.len() - 1
            };
            let row = &mut rows[idx];
            if last_doc[idx] != d {
                last_doc[idx] = d;
                row.articles += 1;
            }
            row.mentions += actor.mentions;
            let (set, first) = &mut aliases[idx];
            let mut add = |name: &'b str| {
                first.get_or_insert(name);
                set.insert(name);
            };
            if own {
                if row.name != actor.name {
                    row.name.clone_from(&actor.name);
                }
                row.kind = actor.kind;
            } else {
                add(&actor.name);
            }
            for alias in &actor.aliases {
                add(alias);
            }
            if row.affiliation.is_none() {
                row.affiliation = actor.affiliation.as_ref().map(|a| session.actor_root(a));
            }
            if row.role.is_none() {
                row.role.clone_from(&actor.role);
            }
        }
    }
    for (row, (set, first)) in rows.iter_mut().zip(aliases) {
        // A row whose own actor was merged away keeps the name of the first actor seen in it.
        if row.name.is_empty() {
            row.name = first.map_or_else(|| row.id.0.clone(), str::to_owned);
        }
        row.aliases = set.into_iter().map(str::to_owned).collect();
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    // Most salient first: named in the most articles, then the most mentioned.
    order.sort_by(|&a, &b| {
        (rows[b].articles, rows[b].mentions)
            .cmp(&(rows[a].articles, rows[a].mentions))
            .then(first_seen[a].cmp(&first_seen[b]))
    });
    let mut rows: Vec<Row> = order.into_iter().map(|i| rows[i].clone()).collect();
    let mut index: HashMap<ActorId, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    for added in &session.actors.added {
        let root = session.actor_root(&added.id);
        match index.get(&root) {
            None if root == added.id => {
                let mut row = Row::new(added.id.clone(), added.name.clone(), added.kind);
                row.is_hand_added = true;
                index.insert(added.id.clone(), rows.len());
                rows.push(row);
            }
            Some(&i) => rows[i].aliases.push(added.name.clone()),
            None => {}
        }
    }
    for row in &mut rows {
        apply_name_edits(row, session);
    }
    rows
}

/// A row's name and aliases as the session renamed and edited them.
fn apply_name_edits(row: &mut Row, session: &Session) {
    if let Some(name) = session
        .actors
        .renamed
        .get(&row.id)
        .filter(|n| **n != row.name)
    {
        let old = std::mem::replace(&mut row.name, name.clone());
        row.aliases.push(old);
    }
    if let Some(extra) = session.actors.aliases_added.get(&row.id) {
        row.aliases.extend(extra.iter().cloned());
    }
    let removed = session.actors.aliases_removed.get(&row.id);
    let name = row.name.clone();
    let mut set: BTreeSet<String> = row.aliases.drain(..).collect();
    set.remove(&name);
    if let Some(removed) = removed {
        set.retain(|a| !removed.contains(a));
    }
    row.aliases = set.into_iter().collect();
}

/// One column per topic (merged topics share their root's column), most salient first, then
/// the topics added by hand in the order they were added, then the codebook's topics no open
/// article names yet.
///
/// Salience is, in turn: named in the most open articles; then the most cells with a stance
/// the articles suggest (how many actors they find taking a stance on it, whether or not the
/// analyst has reviewed it); then the first named. The analyst's own edits (hand stances,
/// rejections) never count, so a column never moves while its cells are being edited, and a
/// cell edited alone ([`Matrix::update_cell`]) leaves the order as a full build gives it.
fn columns(
    briefings: &[&Briefing],
    session: &Session,
    cells: &BTreeMap<Cell, CellView>,
) -> Vec<Column> {
    let mut columns: Vec<Column> = Vec::new();
    let mut index: HashMap<TopicId, usize> = HashMap::new();
    // The last article that counted towards each column's articles.
    let mut last_doc: Vec<usize> = Vec::new();
    for (d, b) in briefings.iter().enumerate() {
        for topic in &b.topics {
            let root = session.topic_root(&topic.id);
            let own = topic.id == root;
            let i = if let Some(&i) = index.get(&root) {
                let col = &mut columns[i];
                col.phrases.extend(topic.phrases.iter().cloned());
                if own {
                    col.name.clone_from(&topic.name);
                } else {
                    // A topic joined or merged into another is one of the phrases it holds.
                    col.phrases.push(topic.name.clone());
                }
                i
            } else {
                index.insert(root.clone(), columns.len());
                let (name, mut phrases) = (String::new(), topic.phrases.clone());
                let name = if own {
                    topic.name.clone()
                } else {
                    phrases.push(topic.name.clone());
                    name
                };
                columns.push(Column::new(root.clone(), name, phrases));
                last_doc.push(usize::MAX);
                columns.len() - 1
            };
            if last_doc[i] != d {
                last_doc[i] = d;
                columns[i].articles += 1;
            }
        }
    }
    order_by_salience(&mut columns, cells);
    let mut have: std::collections::HashSet<TopicId> =
        columns.iter().map(|c| c.id.clone()).collect();
    for added in &session.topics.added {
        if session.topic_root(&added.id) == added.id && have.insert(added.id.clone()) {
            let mut col = Column::new(added.id.clone(), added.name.clone(), Vec::new());
            col.is_hand_added = true;
            columns.push(col);
        }
    }
    // The codebook's topics are columns whether or not an article names them yet.
    for topic in &session.codebook.topics {
        let id = session.topic_root(&Codebook::topic_id(&topic.name));
        if have.insert(id.clone()) {
            columns.push(Column::new(id, topic.name.clone(), topic.phrases.clone()));
        }
    }
    for col in &mut columns {
        col.is_codebook = Codebook::is_codebook_topic(&col.id);
        if col.name.is_empty() {
            col.name = col
                .phrases
                .first()
                .cloned()
                .unwrap_or_else(|| col.id.0.clone());
        }
        if let Some(name) = session.topics.renamed.get(&col.id) {
            col.name.clone_from(name);
        }
        col.phrases.sort();
        col.phrases.dedup();
    }
    columns
}

/// Sorts the columns the articles name (listed in the order first named) most salient first:
/// see [`columns`]. The sort is stable, so first named breaks the ties.
fn order_by_salience(columns: &mut [Column], cells: &BTreeMap<Cell, CellView>) {
    let mut suggested: HashMap<&TopicId, u32> = HashMap::new();
    for (cell, view) in cells {
        if view.suggestion.is_some() {
            *suggested.entry(&cell.topic).or_default() += 1;
        }
    }
    columns.sort_by_key(|c| {
        let cells = suggested.get(&c.id).copied().unwrap_or(0);
        std::cmp::Reverse((c.articles, cells))
    });
}

/// Hand work on actors or topics that no open article names (a missing file, say) keeps its
/// row and column, so it can be seen, edited and saved again.
fn keep_absent(rows: &mut Vec<Row>, columns: &mut Vec<Column>, session: &Session) {
    // Looked up by id: a session may annotate tens of thousands of actors.
    let mut have_rows: std::collections::HashSet<ActorId> =
        rows.iter().map(|r| r.id.clone()).collect();
    let mut have_columns: std::collections::HashSet<TopicId> =
        columns.iter().map(|c| c.id.clone()).collect();
    for cell in session.annotations.keys().chain(session.decisions.keys()) {
        let key = session.cell(&cell.actor, &cell.topic);
        if have_rows.insert(key.actor.clone()) {
            let name = session
                .actors
                .renamed
                .get(&key.actor)
                .cloned()
                .unwrap_or_else(|| name_from_id(&key.actor.0));
            let kind = if key.actor.0.starts_with("person:") {
                ActorKind::Person
            } else {
                ActorKind::Country
            };
            let mut row = Row::new(key.actor.clone(), name, kind);
            row.is_absent = true;
            rows.push(row);
        }
        if have_columns.insert(key.topic.clone()) {
            let name = session
                .topics
                .renamed
                .get(&key.topic)
                .cloned()
                .unwrap_or_else(|| name_from_id(&key.topic.0));
            let mut col = Column::new(key.topic.clone(), name, Vec::new());
            col.is_absent = true;
            columns.push(col);
        }
    }
}

/// Every cell with a suggestion (the articles' stances combined), a hand annotation or a
/// decision on its suggestion.
fn cells(briefings: &[&Briefing], session: &Session) -> BTreeMap<Cell, CellView> {
    let mut parts: BTreeMap<Cell, Vec<(Stance, f32, Vec<SuggestedEvidence>)>> = BTreeMap::new();
    for (d, b) in briefings.iter().enumerate() {
        for s in &b.stances {
            let evidence = s
                .evidence
                .iter()
                .map(|e| SuggestedEvidence {
                    doc: d,
                    sentence: e.sentence,
                    cues: e.cues.clone(),
                })
                .collect();
            parts
                .entry(session.cell(&s.actor, &s.topic))
                .or_default()
                .push((s.stance, s.confidence, evidence));
        }
    }
    let mut cells: BTreeMap<Cell, CellView> = parts
        .into_iter()
        .map(|(cell, parts)| {
            let (stance, confidence) = combine(&parts);
            let mut evidence: Vec<SuggestedEvidence> =
                parts.into_iter().flat_map(|p| p.2).collect();
            // Sorted by article then sentence, so that "is this sentence evidence?" is a
            // binary search even for cells with thousands of sentences.
            evidence.sort_by_key(|e| (e.doc, e.sentence));
            let suggestion = Suggestion {
                stance,
                confidence,
                evidence,
            };
            let view = CellView {
                suggestion: Some(suggestion),
                ..CellView::default()
            };
            (cell, view)
        })
        .collect();
    for (cell, annotation) in &session.annotations {
        let key = session.cell(&cell.actor, &cell.topic);
        cells.entry(key).or_default().annotation = Some(annotation.clone());
    }
    for (cell, decision) in &session.decisions {
        let key = session.cell(&cell.actor, &cell.topic);
        cells.entry(key).or_default().decision = Some(*decision);
    }
    cells
}

/// A readable name from an id: `person:yuri-ushakov` becomes "Yuri ushakov" → "Yuri Ushakov".
fn name_from_id(id: &str) -> String {
    let bare = id.rsplit(':').next().unwrap_or(id);
    bare.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Combines suggestions for one cell (from several articles or merged actors): see
/// [`super::scoring::combine`].
fn combine(parts: &[(Stance, f32, Vec<SuggestedEvidence>)]) -> (Stance, f32) {
    let weighed: Vec<(Stance, f32)> = parts.iter().map(|(s, c, _)| (*s, *c)).collect();
    super::scoring::combine(&weighed)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Actor, Evidence, StanceSuggestion, Topic};

    fn actor(id: &str, name: &str, kind: ActorKind, mentions: u32, aliases: &[&str]) -> Actor {
        Actor {
            id: ActorId(id.into()),
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            mentions,
            affiliation: None,
            role: None,
        }
    }

    fn person(id: &str, name: &str, of: &str) -> Actor {
        Actor {
            affiliation: Some(ActorId(of.into())),
            ..actor(id, name, ActorKind::Person, 1, &[])
        }
    }

    fn topic(id: &str, name: &str, phrases: &[&str]) -> Topic {
        Topic {
            id: TopicId(id.into()),
            name: name.into(),
            phrases: phrases.iter().map(|p| (*p).to_owned()).collect(),
            mentions: 1,
        }
    }

    fn stance(actor: &str, topic: &str, stance: Stance) -> StanceSuggestion {
        StanceSuggestion {
            actor: ActorId(actor.into()),
            topic: TopicId(topic.into()),
            stance,
            confidence: 0.6,
            evidence: vec![Evidence {
                sentence: SentenceId(0),
                cues: Vec::new(),
                signal: crate::model::Signal::default(),
            }],
        }
    }

    fn cell(actor: &str, topic: &str) -> Cell {
        Cell {
            actor: ActorId(actor.into()),
            topic: TopicId(topic.into()),
        }
    }

    /// Two articles on the grain corridor, and a session that rejects one suggestion and sets
    /// one stance by hand. Rows: Russia, Ukraine (2 articles each), then Putin, Turkey, the
    /// United Nations, Erdoğan (1 article). Columns by salience: grain corridor (2 articles),
    /// ceasefire (2 suggested cells), then sanctions, Black Sea ports, Istanbul talks (1 each,
    /// first named first), though the first article names sanctions before the ceasefire.
    pub(crate) fn two_articles() -> (Vec<Briefing>, Session) {
        use ActorKind::{Country, Organisation};
        use Stance::{LeanSupport, Neutral, Oppose, Support};
        let first = Briefing {
            actors: vec![
                actor("russia", "Russia", Country, 5, &["Kremlin", "Moscow"]),
                actor("ukraine", "Ukraine", Country, 3, &["Kyiv"]),
                Actor {
                    mentions: 2,
                    ..person("person:vladimir-putin", "Vladimir Putin", "russia")
                },
                actor("un", "United Nations", Organisation, 1, &["UN"]),
            ],
            topics: vec![
                topic("grain-corridor", "grain corridor", &["grain deal"]),
                topic("sanctions", "sanctions", &[]),
                topic("ceasefire", "ceasefire", &[]),
            ],
            stances: vec![
                stance("russia", "grain-corridor", Oppose),
                stance("ukraine", "grain-corridor", Support),
                stance("person:vladimir-putin", "sanctions", Oppose),
                stance("russia", "ceasefire", Neutral),
                stance("ukraine", "ceasefire", LeanSupport),
            ],
        };
        let second = Briefing {
            actors: vec![
                actor("russia", "Russia", Country, 2, &[]),
                actor("turkey", "Turkey", Country, 2, &["Ankara"]),
                person("person:recep-erdogan", "Recep Tayyip Erdoğan", "turkey"),
                actor("ukraine", "Ukraine", Country, 1, &[]),
            ],
            topics: vec![
                topic("grain-corridor", "grain corridor", &[]),
                topic("ports", "Black Sea ports", &["ports"]),
                topic("talks", "Istanbul talks", &[]),
            ],
            stances: vec![
                stance("turkey", "grain-corridor", Support),
                stance("turkey", "ports", LeanSupport),
                stance("russia", "talks", Oppose),
            ],
        };
        let mut session = Session::default();
        session
            .decisions
            .insert(cell("russia", "talks"), Decision::Rejected);
        session.annotations.insert(
            cell("un", "ceasefire"),
            Annotation {
                stance: Some(Support),
                ..Annotation::default()
            },
        );
        (vec![first, second], session)
    }

    fn column_ids(matrix: &Matrix) -> Vec<&str> {
        matrix.columns.iter().map(|c| c.id.0.as_str()).collect()
    }

    #[test]
    fn columns_go_by_articles_then_suggested_cells_then_first_named() {
        let (briefings, session) = two_articles();
        let all: Vec<&Briefing> = briefings.iter().collect();
        let matrix = build(&all, &session);
        assert_eq!(
            column_ids(&matrix),
            ["grain-corridor", "ceasefire", "sanctions", "ports", "talks"]
        );
        let rows: Vec<&str> = matrix.rows.iter().map(|r| r.id.0.as_str()).collect();
        assert_eq!(
            rows,
            [
                "russia",
                "ukraine",
                "person:vladimir-putin",
                "turkey",
                "un",
                "person:recep-erdogan"
            ]
        );
        assert_eq!(
            matrix.column_position(&TopicId("sanctions".into())),
            Some(2)
        );
        // The first article alone: each column is named once; the ceasefire has two cells.
        let matrix = build(&all[..1], &Session::default());
        assert_eq!(
            column_ids(&matrix),
            ["grain-corridor", "ceasefire", "sanctions"]
        );
    }

    #[test]
    fn hand_edits_never_move_a_column_and_added_ones_come_last() {
        let (briefings, mut session) = two_articles();
        let all: Vec<&Briefing> = briefings.iter().collect();
        let before = column_ids(&build(&all, &session))
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        // Stances by hand on every row of the last column, and the ceasefire's rejected.
        for actor in ["russia", "ukraine", "turkey", "un"] {
            session.annotations.insert(
                cell(actor, "talks"),
                Annotation {
                    stance: Some(Stance::Support),
                    ..Annotation::default()
                },
            );
        }
        for actor in ["russia", "ukraine"] {
            session
                .decisions
                .insert(cell(actor, "ceasefire"), Decision::Rejected);
        }
        session
            .topics
            .added
            .push(crate::model::session::AddedTopic {
                id: TopicId("aid".into()),
                name: "aid".into(),
            });
        let matrix = build(&all, &session);
        let mut want = before.clone();
        want.push("aid".into());
        assert_eq!(column_ids(&matrix), want);
        assert!(matrix.columns[5].is_hand_added);
    }
}
