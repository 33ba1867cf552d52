//! Every change to a [`Session`] is a [`Command`], applied here and nowhere else; [`History`]
//! beside it makes each one undoable and redoable.
//!
//! Undo keeps a copy of the session before each command. A session holds only hand edits (the
//! analysis is recomputed from the articles), so copies are small and undo is exact.

use crate::model::session::{
    AddedActor, AddedTopic, Annotation, ArticleRef, Cell, Decision, EvidenceRef, Session,
};
use crate::model::{ActorId, ActorKind, Stance, TopicId, slug};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One edit of the session.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Set a stance by hand; it wins over any suggestion.
    SetStance {
        cell: Cell,
        stance: Stance,
    },
    /// Remove the hand stance, so the suggestion shows again.
    ClearStance {
        cell: Cell,
    },
    SetConfidence {
        cell: Cell,
        confidence: Option<f32>,
    },
    SetNote {
        cell: Cell,
        note: String,
    },
    /// Accept the suggestion of a cell as it stands.
    AcceptSuggestion {
        cell: Cell,
    },
    /// Reject the suggestion of a cell: the cell then shows nothing unless set by hand.
    RejectSuggestion {
        cell: Cell,
    },
    AddActor {
        name: String,
        kind: ActorKind,
    },
    RenameActor {
        actor: ActorId,
        name: String,
    },
    /// Show `from` as part of `into`; its hand annotations move along.
    MergeActors {
        from: ActorId,
        into: ActorId,
    },
    AddAlias {
        actor: ActorId,
        alias: String,
    },
    RemoveAlias {
        actor: ActorId,
        alias: String,
    },
    AddTopic {
        name: String,
    },
    RenameTopic {
        topic: TopicId,
        name: String,
    },
    MergeTopics {
        from: TopicId,
        into: TopicId,
    },
    /// Attach a sentence as evidence to a cell.
    AttachEvidence {
        cell: Cell,
        evidence: EvidenceRef,
    },
    DetachEvidence {
        cell: Cell,
        evidence: EvidenceRef,
    },
    /// Record articles the session already holds as they were read now (title, format), or
    /// the sample shown at start: not an edit, not undoable.
    AddArticles(Vec<ArticleRef>),
    /// The analyst opened articles the session did not hold (one, or a folder's that arrived
    /// together): one undo closes them again.
    OpenArticles(Vec<ArticleRef>),
    /// The analyst closed an article: it leaves the session (its annotations and evidence
    /// stay); undo opens it again.
    CloseArticle {
        path: PathBuf,
    },
    /// The bundled sample gives way to the analyst's first own article: it leaves the open
    /// articles and the session. Not undoable: the analyst never opened it.
    DropSample,
    /// An article file was found elsewhere: point the session and its evidence at the new path.
    RelocateArticle {
        from: PathBuf,
        to: PathBuf,
    },
    /// Use this codebook (the analyst's topics and actors) from now on; an empty one drops it.
    SetCodebook(crate::model::codebook::Codebook),
    /// Take another coder's session into this one (see [`crate::model::merge`]): what one
    /// has and the other lacks is taken, differing stances wait to be settled. One undo step.
    MergeSession {
        other: Box<Session>,
        ours: String,
        theirs: String,
    },
    /// An article changed on disk: move evidence to where its sentences are now, and record the
    /// new hash (not undoable: it follows the file, not the analyst).
    Reanchor {
        article: PathBuf,
        hash: String,
        moves: Vec<(Cell, EvidenceRef, EvidenceRef)>,
    },
}

/// Why a command was refused. The session is unchanged when this is returned.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("an actor or topic cannot be merged into itself")]
    MergeIntoSelf,
    #[error("that sentence is already evidence for this cell")]
    DuplicateEvidence,
    #[error("confidence must be between 0 and 1")]
    BadConfidence,
}

impl Command {
    /// A few words for the Edit menu ("Undo set stance").
    pub fn label(&self) -> &'static str {
        match self {
            Self::SetStance { .. } => "set stance",
            Self::ClearStance { .. } => "clear stance",
            Self::SetConfidence { .. } => "set confidence",
            Self::SetNote { .. } => "edit note",
            Self::AcceptSuggestion { .. } => "accept suggestion",
            Self::RejectSuggestion { .. } => "reject suggestion",
            Self::AddActor { .. } => "add actor",
            Self::RenameActor { .. } => "rename actor",
            Self::MergeActors { .. } => "merge actors",
            Self::AddAlias { .. } => "add alias",
            Self::RemoveAlias { .. } => "remove alias",
            Self::AddTopic { .. } => "add topic",
            Self::RenameTopic { .. } => "rename topic",
            Self::MergeTopics { .. } => "merge topics",
            Self::AttachEvidence { .. } => "attach evidence",
            Self::DetachEvidence { .. } => "detach evidence",
            Self::AddArticles(_) => "read articles",
            Self::OpenArticles(articles) if articles.len() == 1 => "open article",
            Self::OpenArticles(_) => "open articles",
            Self::CloseArticle { .. } => "close article",
            Self::DropSample => "close the sample",
            Self::RelocateArticle { .. } => "locate article",
            Self::Reanchor { .. } => "re-anchor evidence",
            Self::SetCodebook(book) if book.is_empty() => "drop codebook",
            Self::SetCodebook(_) => "import codebook",
            Self::MergeSession { .. } => "merge session",
        }
    }

    /// The one cell an edit of a single cell touches (stance, confidence, note, decision,
    /// evidence); `None` for edits that reach further.
    pub fn cell(&self) -> Option<&Cell> {
        match self {
            Self::SetStance { cell, .. }
            | Self::ClearStance { cell }
            | Self::SetConfidence { cell, .. }
            | Self::SetNote { cell, .. }
            | Self::AcceptSuggestion { cell }
            | Self::RejectSuggestion { cell }
            | Self::AttachEvidence { cell, .. }
            | Self::DetachEvidence { cell, .. } => Some(cell),
            _ => None,
        }
    }

    /// Whether undo should step over this command: not what follows the files (an article
    /// read again, or changed on disk), only the analyst's doings, which include opening,
    /// closing and locating articles.
    pub fn is_undoable(&self) -> bool {
        !self.follows_files() && !matches!(self, Self::AddArticles(_) | Self::DropSample)
    }

    /// Whether the command records a fact about a file's content rather than an edit: it then
    /// holds in every state undo or redo can go back to, or evidence would point at a sentence
    /// that is no longer where it was.
    pub fn follows_files(&self) -> bool {
        matches!(self, Self::Reanchor { .. })
    }
}

fn clean_name(name: &str) -> Result<String, CommandError> {
    let name = crate::parse::fold_space(name.trim()).into_owned();
    if name.is_empty() {
        Err(CommandError::EmptyName)
    } else {
        Ok(name)
    }
}

/// Renames an actor or a topic: one added by hand changes its own name (`added_name`), one
/// found by the analysis gets an entry in `renamed`.
fn rename<K: Ord>(
    added_name: Option<&mut String>,
    renamed: &mut std::collections::BTreeMap<K, String>,
    id: K,
    name: &str,
) -> Result<(), CommandError> {
    let name = clean_name(name)?;
    match added_name {
        Some(own) => *own = name,
        None => {
            renamed.insert(id, name);
        }
    }
    Ok(())
}

/// Records that `from` is shown as part of `into` (both already roots).
fn merge<K: Ord + Clone>(
    merged: &mut std::collections::BTreeMap<K, K>,
    from: &K,
    into: &K,
) -> Result<(), CommandError> {
    if from == into {
        return Err(CommandError::MergeIntoSelf);
    }
    merged.insert(from.clone(), into.clone());
    Ok(())
}

/// A fresh id for a hand-added item: `user:slug`, numbered if taken.
fn fresh_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = format!("user:{}", slug(name));
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Applies one command. `now` is the time to record on annotations (seconds since 1970).
pub fn apply(session: &mut Session, command: Command, now: u64) -> Result<(), CommandError> {
    match command {
        Command::AddArticles(_)
        | Command::OpenArticles(_)
        | Command::CloseArticle { .. }
        | Command::DropSample
        | Command::RelocateArticle { .. }
        | Command::Reanchor { .. } => {
            apply_files(session, command);
            Ok(())
        }
        Command::SetCodebook(book) => {
            session.codebook = book;
            Ok(())
        }
        Command::MergeSession {
            other,
            ours,
            theirs,
        } => {
            *session = crate::model::merge::merge(session, &other, &ours, &theirs).session;
            Ok(())
        }
        Command::AddActor { .. }
        | Command::RenameActor { .. }
        | Command::MergeActors { .. }
        | Command::AddAlias { .. }
        | Command::RemoveAlias { .. } => apply_actor(session, command),
        Command::AddTopic { .. } | Command::RenameTopic { .. } | Command::MergeTopics { .. } => {
            apply_topic(session, command)
        }
        Command::SetStance { .. }
        | Command::ClearStance { .. }
        | Command::SetConfidence { .. }
        | Command::SetNote { .. }
        | Command::AcceptSuggestion { .. }
        | Command::RejectSuggestion { .. }
        | Command::AttachEvidence { .. }
        | Command::DetachEvidence { .. } => apply_cell(session, command, now),
    }
}

/// The analyst's work on one cell: stance, confidence, note, decision, evidence.
fn apply_cell(session: &mut Session, command: Command, now: u64) -> Result<(), CommandError> {
    match command {
        Command::SetStance { cell, stance } => {
            // A stance set by hand settles a cell merged coders disagreed on.
            session.disputed.remove(&cell);
            edit_annotation(session, &cell, now, |a| a.stance = Some(stance));
        }
        Command::ClearStance { cell } => edit_annotation(session, &cell, now, |a| a.stance = None),
        Command::SetConfidence { cell, confidence } => {
            if confidence.is_some_and(|c| !(0.0..=1.0).contains(&c)) {
                return Err(CommandError::BadConfidence);
            }
            edit_annotation(session, &cell, now, |a| a.confidence = confidence);
        }
        Command::SetNote { cell, note } => edit_annotation(session, &cell, now, |a| a.note = note),
        Command::AcceptSuggestion { cell } => {
            decided(session, &cell, now);
            session.decisions.insert(cell, Decision::Accepted);
        }
        Command::RejectSuggestion { cell } => {
            decided(session, &cell, now);
            session.decisions.insert(cell, Decision::Rejected);
        }
        Command::AttachEvidence { cell, evidence } => {
            let existing = session.annotations.get(&cell);
            if existing.is_some_and(|a| a.evidence.contains(&evidence)) {
                return Err(CommandError::DuplicateEvidence);
            }
            edit_annotation(session, &cell, now, |a| a.evidence.push(evidence));
        }
        Command::DetachEvidence { cell, evidence } => {
            edit_annotation(session, &cell, now, |a| {
                a.evidence.retain(|e| *e != evidence);
            });
        }
        // `apply` sends each group its own commands only.
        _ => {}
    }
    Ok(())
}

/// Actors added, renamed, merged, and their aliases.
fn apply_actor(session: &mut Session, command: Command) -> Result<(), CommandError> {
    match command {
        Command::AddActor { name, kind } => {
            let name = clean_name(&name)?;
            let id = fresh_id(&name, |id| {
                session.actors.added.iter().any(|a| a.id.0 == id)
                    || session.actors.merged.contains_key(&ActorId(id.to_owned()))
            });
            session.actors.added.push(AddedActor {
                id: ActorId(id),
                name,
                kind,
            });
        }
        Command::RenameActor { actor, name } => {
            let actor = session.actor_root(&actor);
            let edits = &mut session.actors;
            let added = edits.added.iter_mut().find(|a| a.id == actor);
            rename(added.map(|a| &mut a.name), &mut edits.renamed, actor, &name)?;
        }
        Command::MergeActors { from, into } => {
            let (from, into) = (session.actor_root(&from), session.actor_root(&into));
            merge(&mut session.actors.merged, &from, &into)?;
            move_cells(session, |c| c.actor == from, |c| c.actor.clone_from(&into));
            if let Some(aliases) = session.actors.aliases_added.remove(&from) {
                session
                    .actors
                    .aliases_added
                    .entry(into)
                    .or_default()
                    .extend(aliases);
            }
        }
        Command::AddAlias { actor, alias } => {
            let alias = clean_name(&alias)?;
            let actor = session.actor_root(&actor);
            if let Some(removed) = session.actors.aliases_removed.get_mut(&actor) {
                removed.remove(&alias);
            }
            session
                .actors
                .aliases_added
                .entry(actor)
                .or_default()
                .insert(alias);
        }
        Command::RemoveAlias { actor, alias } => {
            let actor = session.actor_root(&actor);
            if let Some(added) = session.actors.aliases_added.get_mut(&actor) {
                added.remove(&alias);
            }
            session
                .actors
                .aliases_removed
                .entry(actor)
                .or_default()
                .insert(alias);
        }
        // `apply` sends each group its own commands only.
        _ => {}
    }
    Ok(())
}

/// Topics added, renamed and merged.
fn apply_topic(session: &mut Session, command: Command) -> Result<(), CommandError> {
    match command {
        Command::AddTopic { name } => {
            let name = clean_name(&name)?;
            let id = fresh_id(&name, |id| {
                session.topics.added.iter().any(|t| t.id.0 == id)
                    || session.topics.merged.contains_key(&TopicId(id.to_owned()))
            });
            session.topics.added.push(AddedTopic {
                id: TopicId(id),
                name,
            });
        }
        Command::RenameTopic { topic, name } => {
            let topic = session.topic_root(&topic);
            let edits = &mut session.topics;
            let added = edits.added.iter_mut().find(|t| t.id == topic);
            rename(added.map(|t| &mut t.name), &mut edits.renamed, topic, &name)?;
        }
        Command::MergeTopics { from, into } => {
            let (from, into) = (session.topic_root(&from), session.topic_root(&into));
            merge(&mut session.topics.merged, &from, &into)?;
            move_cells(session, |c| c.topic == from, |c| c.topic.clone_from(&into));
        }
        // `apply` sends each group its own commands only.
        _ => {}
    }
    Ok(())
}

/// What follows the files: articles opened, found elsewhere, changed on disk.
fn apply_files(session: &mut Session, command: Command) {
    match command {
        Command::AddArticles(articles) | Command::OpenArticles(articles) => {
            // The batch's articles the session holds already, looked up once.
            let mut at: HashMap<PathBuf, usize> = session
                .positions_of(articles.iter().map(|a| a.path.as_path()))
                .into_iter()
                .map(|i| (session.articles[i].path.clone(), i))
                .collect();
            for article in articles {
                if let Some(&i) = at.get(&article.path) {
                    // Already in the session (reopened): keep its recorded hash, which tells
                    // whether the evidence must be re-anchored.
                    let existing = &mut session.articles[i];
                    existing.title = article.title;
                    existing.date = article.date;
                    existing.format = article.format;
                    existing.encoding = article.encoding;
                } else {
                    at.insert(article.path.clone(), session.articles.len());
                    session.articles.push(article);
                }
            }
        }
        Command::CloseArticle { path } => session.articles.retain(|a| a.path != path),
        Command::DropSample => session
            .articles
            .retain(|a| a.path != Path::new(crate::document::SAMPLE_PATH)),
        Command::RelocateArticle { from, to } => {
            for a in &mut session.articles {
                if a.path == from {
                    a.path.clone_from(&to);
                }
            }
            for annotation in session.annotations.values_mut() {
                for e in &mut annotation.evidence {
                    if e.article == from {
                        e.article.clone_from(&to);
                    }
                }
            }
        }
        Command::Reanchor {
            article,
            hash,
            moves,
        } => {
            for (cell, old, new) in moves {
                if let Some(a) = session.annotations.get_mut(&cell) {
                    for e in &mut a.evidence {
                        if *e == old {
                            e.clone_from(&new);
                        }
                    }
                }
            }
            for a in &mut session.articles {
                if a.path == article {
                    a.hash.clone_from(&hash);
                }
            }
        }
        // `apply` sends each group its own commands only.
        _ => {}
    }
}

/// Records who reviewed the suggestion of `cell` (when the analyst gave a name).
fn decided(session: &mut Session, cell: &Cell, now: u64) {
    if let Some(coder) = session.editor.clone() {
        session.decided_by.insert(
            cell.clone(),
            crate::model::session::Coded { coder, set_at: now },
        );
    }
}

fn edit_annotation(session: &mut Session, cell: &Cell, now: u64, f: impl FnOnce(&mut Annotation)) {
    let cell = session.cell(&cell.actor, &cell.topic);
    let editor = session.editor.clone();
    let annotation = session.annotations.entry(cell.clone()).or_default();
    f(annotation);
    annotation.set_at = now;
    if editor.is_some() {
        annotation.coder = editor;
    }
    if annotation.is_empty() {
        session.annotations.remove(&cell);
    }
}

/// Moves annotations and decisions of the cells picked by `select` to the cell `relabel` makes;
/// where the target already has its own, the target's are kept and the evidence is joined.
fn move_cells(session: &mut Session, select: impl Fn(&Cell) -> bool, relabel: impl Fn(&mut Cell)) {
    let moving: Vec<Cell> = session
        .annotations
        .keys()
        .filter(|c| select(c))
        .cloned()
        .collect();
    for old in moving {
        let Some(annotation) = session.annotations.remove(&old) else {
            continue;
        };
        let mut new = old;
        relabel(&mut new);
        match session.annotations.get_mut(&new) {
            Some(target) => {
                for e in annotation.evidence {
                    if !target.evidence.contains(&e) {
                        target.evidence.push(e);
                    }
                }
                if target.stance.is_none() {
                    target.stance = annotation.stance;
                }
                if target.note.is_empty() {
                    target.note = annotation.note;
                }
            }
            None => {
                session.annotations.insert(new, annotation);
            }
        }
    }
    let moving: Vec<Cell> = session
        .decisions
        .keys()
        .filter(|c| select(c))
        .cloned()
        .collect();
    for old in moving {
        if let Some(decision) = session.decisions.remove(&old) {
            let mut new = old;
            relabel(&mut new);
            session.decisions.entry(new).or_insert(decision);
        }
    }
}

/// Undo and redo over [`apply`]. Each state the session passes through has a number, so that
/// undoing back to the state last saved can be seen to be saved again.
#[derive(Debug, Default)]
pub struct History {
    /// Each step with the number of the state it goes back (or forward) to.
    undo: Vec<(&'static str, Step, u64)>,
    redo: Vec<(&'static str, Step, u64)>,
    state: u64,
    numbered: u64,
}

/// What undo (or redo) goes back to.
#[derive(Debug)]
enum Step {
    /// The whole session, for edits that reach further than one cell.
    Whole(Box<Session>),
    /// One cell's annotation and decision: an edit of one cell costs what the cell holds, not
    /// a copy of a session that may hold tens of thousands of annotations.
    Cell {
        cell: Cell,
        annotation: Option<Annotation>,
        decision: Option<Decision>,
        disputed: Option<Vec<crate::model::session::Disputed>>,
        decided_by: Option<crate::model::session::Coded>,
    },
    /// Articles of the session as they were, each with its place (`None`: not in the
    /// session): opening articles changes nothing else, and a folder of a thousand must not
    /// keep a copy of the session.
    Articles(Vec<(PathBuf, Option<(usize, ArticleRef)>)>),
}

impl Step {
    /// How `session` stands where `like` would be put back.
    fn take(like: &Step, session: &Session) -> Step {
        match like {
            Step::Whole(_) => Step::Whole(Box::new(session.clone())),
            Step::Cell { cell, .. } => Step::cell(session, cell),
            Step::Articles(entries) => {
                Step::articles(session, entries.iter().map(|(path, _)| path.as_path()))
            }
        }
    }

    fn articles<'a>(session: &Session, paths: impl Iterator<Item = &'a std::path::Path>) -> Step {
        let at: HashMap<&std::path::Path, usize> = session
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.as_path(), i))
            .collect();
        Step::Articles(
            paths
                .map(|path| {
                    let was = at.get(path).map(|&i| (i, session.articles[i].clone()));
                    (path.to_path_buf(), was)
                })
                .collect(),
        )
    }

    fn cell(session: &Session, cell: &Cell) -> Step {
        Step::Cell {
            cell: cell.clone(),
            annotation: session.annotations.get(cell).cloned(),
            decision: session.decisions.get(cell).copied(),
            disputed: session.disputed.get(cell).cloned(),
            decided_by: session.decided_by.get(cell).cloned(),
        }
    }

    /// Puts this state back into `session`.
    fn restore(self, session: &mut Session) {
        match self {
            Step::Whole(whole) => *session = *whole,
            Step::Articles(entries) => restore_articles(session, entries),
            Step::Cell {
                cell,
                annotation,
                decision,
                disputed,
                decided_by,
            } => {
                match decided_by {
                    Some(d) => session.decided_by.insert(cell.clone(), d),
                    None => session.decided_by.remove(&cell),
                };
                match annotation {
                    Some(a) => session.annotations.insert(cell.clone(), a),
                    None => session.annotations.remove(&cell),
                };
                match disputed {
                    Some(d) => session.disputed.insert(cell.clone(), d),
                    None => session.disputed.remove(&cell),
                };
                match decision {
                    Some(d) => session.decisions.insert(cell, d),
                    None => session.decisions.remove(&cell),
                };
            }
        }
    }

    /// Learns a fact about the files (see [`Command::follows_files`]), as the session did.
    fn follow(&mut self, command: &Command, now: u64) {
        match self {
            Step::Whole(whole) => {
                let _ = apply(whole, command.clone(), now);
            }
            Step::Cell {
                cell,
                annotation: Some(annotation),
                ..
            } => {
                if let Command::Reanchor { moves, .. } = command {
                    for (moved, old, new) in moves {
                        if moved != cell {
                            continue;
                        }
                        for e in &mut annotation.evidence {
                            if e == old {
                                e.clone_from(new);
                            }
                        }
                    }
                }
            }
            Step::Articles(entries) => {
                if let Command::Reanchor {
                    article: path,
                    hash,
                    ..
                } = command
                {
                    for (_, was) in entries {
                        if let Some((_, article)) = was
                            && article.path == *path
                        {
                            article.hash.clone_from(hash);
                        }
                    }
                }
            }
            Step::Cell { .. } => {}
        }
    }

    /// A rough size, in session entries.
    fn weight(&self) -> usize {
        match self {
            Step::Whole(session) => weight(session),
            Step::Articles(entries) => entries.len(),
            Step::Cell { annotation, .. } => {
                1 + annotation.as_ref().map_or(0, |a| a.evidence.len())
            }
        }
    }
}

/// Puts articles back as they were: those that were not in the session leave it, those that
/// were get their old entry back, in its old place if it had gone.
fn restore_articles(session: &mut Session, entries: Vec<(PathBuf, Option<(usize, ArticleRef)>)>) {
    let gone: std::collections::HashSet<PathBuf> = entries
        .iter()
        .filter(|(_, was)| was.is_none())
        .map(|(path, _)| path.clone())
        .collect();
    if !gone.is_empty() {
        session.articles.retain(|a| !gone.contains(&a.path));
    }
    let mut back: Vec<(usize, ArticleRef)> =
        entries.into_iter().filter_map(|(_, was)| was).collect();
    back.sort_by_key(|(i, _)| *i);
    let at: HashMap<PathBuf, usize> = session
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.clone(), i))
        .collect();
    // Entries still there are replaced first, while the places looked up hold; then the
    // others go back in, in order of their old places.
    let (present, absent): (Vec<_>, Vec<_>) = back
        .into_iter()
        .partition(|(_, a)| at.contains_key(&a.path));
    for (_, article) in present {
        let now = at[&article.path];
        session.articles[now] = article;
    }
    for (i, article) in absent {
        session
            .articles
            .insert(i.min(session.articles.len()), article);
    }
}

/// How many steps back undo goes.
pub const UNDO_LIMIT: usize = 1000;

/// How many session entries (articles, annotations, evidence, decisions) the undo steps may
/// hold together. A small session keeps all [`UNDO_LIMIT`] steps; a very large one fewer of
/// the steps that copy it whole, but never fewer than [`UNDO_MIN`], so undo cannot eat the
/// machine's memory.
pub const UNDO_BUDGET: usize = 2_000_000;

/// Steps kept whatever the size of the session.
pub const UNDO_MIN: usize = 20;

/// A rough size of a session copy, in entries.
fn weight(session: &Session) -> usize {
    let evidence: usize = session.annotations.values().map(|a| a.evidence.len()).sum();
    1 + session.articles.len() + session.annotations.len() + session.decisions.len() + evidence
}

impl History {
    /// Applies a command and remembers how to undo it.
    pub fn apply(
        &mut self,
        session: &mut Session,
        command: Command,
        now: u64,
    ) -> Result<(), CommandError> {
        let label = command.label();
        let before = command
            .is_undoable()
            .then(|| match (&command, command.cell()) {
                // A cell shown under its own id: only it changes.
                (_, Some(cell)) if session.cell(&cell.actor, &cell.topic) == *cell => {
                    Step::cell(session, cell)
                }
                (Command::OpenArticles(articles), _) => {
                    Step::articles(session, articles.iter().map(|a| a.path.as_path()))
                }
                _ => Step::Whole(Box::new(session.clone())),
            });
        if command.follows_files() {
            // The states undo and redo go back to learn the same fact, so stepping back never
            // brings back an old sentence position.
            for (_, step, _) in self.undo.iter_mut().chain(self.redo.iter_mut()) {
                step.follow(&command, now);
            }
        }
        apply(session, command, now)?;
        if let Some(before) = before {
            let was = self.state;
            self.state = self.new_number();
            self.undo.push((label, before, was));
            self.trim();
            self.redo.clear();
        } else {
            // A change undo does not take back stays in every state: none of them is one
            // seen before any more.
            self.state = self.new_number();
            let mut states: Vec<u64> = Vec::new();
            for _ in 0..self.undo.len() + self.redo.len() {
                states.push(self.new_number());
            }
            for ((_, _, n), fresh) in self.undo.iter_mut().chain(self.redo.iter_mut()).zip(states) {
                *n = fresh;
            }
        }
        Ok(())
    }

    fn new_number(&mut self) -> u64 {
        self.numbered += 1;
        self.numbered
    }

    /// The number of the state the session is in: the same after undo and redo bring it back
    /// to a state it was in, new after any other change.
    pub fn state(&self) -> u64 {
        self.state
    }

    /// Drops the oldest steps beyond the limit, or beyond the budget while more than the
    /// minimum are kept.
    fn trim(&mut self) {
        let mut total: usize = self.undo.iter().map(|(_, s, _)| s.weight()).sum();
        let mut excess = 0;
        for (_, step, _) in &self.undo {
            let left = self.undo.len() - excess;
            if left > UNDO_LIMIT || (total > UNDO_BUDGET && left > UNDO_MIN) {
                total -= step.weight();
                excess += 1;
            } else {
                break;
            }
        }
        self.undo.drain(..excess);
    }

    /// Steps back once; returns the label of what was undone.
    pub fn undo(&mut self, session: &mut Session) -> Option<&'static str> {
        let (label, before, was) = self.undo.pop()?;
        let after = Step::take(&before, session);
        before.restore(session);
        self.redo.push((label, after, self.state));
        self.state = was;
        Some(label)
    }

    /// Steps forward once; returns the label of what was redone.
    pub fn redo(&mut self, session: &mut Session) -> Option<&'static str> {
        let (label, after, next) = self.redo.pop()?;
        let before = Step::take(&after, session);
        after.restore(session);
        self.undo.push((label, before, self.state));
        self.state = next;
        Some(label)
    }

    /// The one cell the next undo changes, when it changes no more than that cell.
    pub fn undo_cell(&self) -> Option<&Cell> {
        match self.undo.last() {
            Some((_, Step::Cell { cell, .. }, _)) => Some(cell),
            _ => None,
        }
    }

    /// The one cell the next redo changes, when it changes no more than that cell.
    pub fn redo_cell(&self) -> Option<&Cell> {
        match self.redo.last() {
            Some((_, Step::Cell { cell, .. }, _)) => Some(cell),
            _ => None,
        }
    }

    /// What undo would undo.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|(l, _, _)| *l)
    }

    /// What redo would redo.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|(l, _, _)| *l)
    }

    /// Forgets all steps (after loading another session).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.state = self.new_number();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(a: &str, t: &str) -> Cell {
        Cell {
            actor: ActorId(a.into()),
            topic: TopicId(t.into()),
        }
    }

    fn evidence(article: &str, sentence: u32) -> EvidenceRef {
        EvidenceRef {
            article: PathBuf::from(article),
            sentence: crate::model::SentenceId(sentence),
            quote: format!("sentence {sentence}"),
            context: String::new(),
        }
    }

    fn article(path: &str) -> ArticleRef {
        ArticleRef {
            path: PathBuf::from(path),
            hash: "h1".into(),
            title: None,
            date: None,
            format: crate::load::Format::Text,
            encoding: "UTF-8".into(),
        }
    }

    /// A session with one article and two edits: evidence attached, then a stance set.
    fn two_edits() -> (Session, History) {
        let mut s = Session::default();
        let mut h = History::default();
        h.apply(&mut s, Command::AddArticles(vec![article("/old/a.txt")]), 0)
            .expect("add");
        h.apply(
            &mut s,
            Command::AttachEvidence {
                cell: cell("russia", "talks"),
                evidence: evidence("/old/a.txt", 3),
            },
            1,
        )
        .expect("attach");
        h.apply(
            &mut s,
            Command::SetStance {
                cell: cell("russia", "talks"),
                stance: Stance::Oppose,
            },
            2,
        )
        .expect("stance");
        (s, h)
    }

    fn evidence_of(s: &Session) -> Vec<EvidenceRef> {
        s.annotations
            .get(&cell("russia", "talks"))
            .map(|a| a.evidence.clone())
            .unwrap_or_default()
    }

    #[test]
    fn the_analyst_editing_is_written_on_hand_edits_and_reviews_and_undo_takes_it_back() {
        let mut s = Session {
            editor: Some("Ana".into()),
            ..Session::default()
        };
        let mut h = History::default();
        let russia = cell("russia", "talks");
        h.apply(
            &mut s,
            Command::SetStance {
                cell: russia.clone(),
                stance: Stance::Oppose,
            },
            10,
        )
        .expect("set");
        assert_eq!(s.annotations[&russia].coder.as_deref(), Some("Ana"));
        let us = cell("us", "talks");
        h.apply(&mut s, Command::AcceptSuggestion { cell: us.clone() }, 11)
            .expect("accept");
        assert_eq!(s.decided_by[&us].coder, "Ana");
        assert_eq!(s.decided_by[&us].set_at, 11);
        // Another analyst takes over the same session: their name goes on their edits.
        s.editor = Some("Ben".into());
        h.apply(
            &mut s,
            Command::SetStance {
                cell: russia.clone(),
                stance: Stance::LeanOppose,
            },
            12,
        )
        .expect("set");
        assert_eq!(s.annotations[&russia].coder.as_deref(), Some("Ben"));
        h.undo(&mut s).expect("undo");
        assert_eq!(s.annotations[&russia].coder.as_deref(), Some("Ana"));
        h.undo(&mut s).expect("undo");
        assert!(!s.decided_by.contains_key(&us));
        // Without a name, nothing is written.
        let mut plain = Session::default();
        apply(
            &mut plain,
            Command::SetStance {
                cell: russia.clone(),
                stance: Stance::Oppose,
            },
            1,
        )
        .expect("set");
        assert_eq!(plain.annotations[&russia].coder, None);
        // The name is never saved as the session's.
        let text = crate::storage::session::to_ron(&s);
        assert!(!text.contains("editor"), "{text}");
    }

    #[test]
    fn opening_an_article_keeps_only_that_article_for_undo() {
        let mut s = Session::default();
        let mut h = History::default();
        for i in 0..50 {
            h.apply(
                &mut s,
                Command::OpenArticles(vec![article(&format!("/{i}.txt"))]),
                1,
            )
            .expect("open");
        }
        // Fifty steps of one article each, not fifty copies of a growing session.
        assert_eq!(
            h.undo
                .iter()
                .map(|(_, step, _)| step.weight())
                .sum::<usize>(),
            50
        );
        // Opened again with a new title, after its file changed: undo brings back the old
        // entry in its place, with the hash learned meanwhile.
        let mut again = article("/10.txt");
        again.title = Some("Retitled".into());
        h.apply(&mut s, Command::OpenArticles(vec![again]), 2)
            .expect("reopen");
        h.apply(
            &mut s,
            Command::Reanchor {
                article: PathBuf::from("/10.txt"),
                hash: "h2".into(),
                moves: Vec::new(),
            },
            3,
        )
        .expect("reanchor");
        assert_eq!(h.undo(&mut s), Some("open article"));
        assert_eq!(s.articles[10].title, None);
        assert_eq!(s.articles[10].hash, "h2");
        assert_eq!(h.redo(&mut s), Some("open article"));
        assert_eq!(s.articles[10].title.as_deref(), Some("Retitled"));
        // Undoing the opening of a new article takes it out; redo puts it back at the end.
        assert_eq!(h.undo(&mut s), Some("open article"));
        assert_eq!(h.undo(&mut s), Some("open article"));
        assert_eq!(s.articles.len(), 49);
        assert!(
            s.articles
                .iter()
                .all(|a| a.path != std::path::Path::new("/49.txt"))
        );
        assert_eq!(h.redo(&mut s), Some("open article"));
        assert_eq!(s.articles[49].path, PathBuf::from("/49.txt"));
    }

    #[test]
    fn locating_opening_and_closing_articles_are_undone_in_turn() {
        let (mut s, mut h) = two_edits();
        h.apply(
            &mut s,
            Command::RelocateArticle {
                from: PathBuf::from("/old/a.txt"),
                to: PathBuf::from("/new/a.txt"),
            },
            3,
        )
        .expect("locate");
        h.apply(&mut s, Command::OpenArticles(vec![article("/b.txt")]), 4)
            .expect("open");
        h.apply(
            &mut s,
            Command::CloseArticle {
                path: PathBuf::from("/new/a.txt"),
            },
            5,
        )
        .expect("close");
        let paths =
            |s: &Session| -> Vec<PathBuf> { s.articles.iter().map(|a| a.path.clone()).collect() };
        assert_eq!(paths(&s), vec![PathBuf::from("/b.txt")]);
        // Closing keeps the evidence of the closed article.
        assert_eq!(evidence_of(&s), vec![evidence("/new/a.txt", 3)]);
        assert_eq!(h.undo(&mut s), Some("close article"));
        assert_eq!(
            paths(&s),
            vec![PathBuf::from("/new/a.txt"), PathBuf::from("/b.txt")]
        );
        assert_eq!(h.undo(&mut s), Some("open article"));
        assert_eq!(paths(&s), vec![PathBuf::from("/new/a.txt")]);
        assert_eq!(h.undo(&mut s), Some("locate article"));
        assert_eq!(paths(&s), vec![PathBuf::from("/old/a.txt")]);
        assert_eq!(evidence_of(&s), vec![evidence("/old/a.txt", 3)]);
        assert_eq!(h.undo(&mut s), Some("set stance"));
        // Redo walks forward to the same state.
        for _ in 0..4 {
            h.redo(&mut s);
        }
        assert_eq!(paths(&s), vec![PathBuf::from("/b.txt")]);
        assert_eq!(evidence_of(&s), vec![evidence("/new/a.txt", 3)]);
    }

    #[test]
    fn undo_after_a_re_anchor_keeps_the_evidence_where_its_sentence_is_now() {
        let (mut s, mut h) = two_edits();
        let old = evidence("/old/a.txt", 3);
        let moved = evidence("/old/a.txt", 5);
        h.apply(
            &mut s,
            Command::Reanchor {
                article: PathBuf::from("/old/a.txt"),
                hash: "h2".into(),
                moves: vec![(cell("russia", "talks"), old, moved.clone())],
            },
            3,
        )
        .expect("re-anchor");
        h.undo(&mut s);
        assert_eq!(evidence_of(&s), vec![moved.clone()]);
        assert_eq!(s.articles[0].hash, "h2");
        h.redo(&mut s);
        assert_eq!(evidence_of(&s), vec![moved]);
        assert!(
            s.annotations[&cell("russia", "talks")].stance == Some(Stance::Oppose),
            "{s:?}"
        );
    }

    #[test]
    fn undo_and_redo_return_to_numbered_states_and_other_changes_number_anew() {
        let (mut s, mut h) = two_edits();
        let two = h.state();
        h.undo(&mut s);
        let one = h.state();
        assert_ne!(one, two);
        h.redo(&mut s);
        assert_eq!(h.state(), two);
        h.undo(&mut s);
        assert_eq!(h.state(), one);
        // A new edit after undo is a state never seen: neither the old "two" nor "one".
        h.apply(
            &mut s,
            Command::SetStance {
                cell: cell("russia", "talks"),
                stance: Stance::Mixed,
            },
            9,
        )
        .expect("edit");
        let three = h.state();
        assert!(three != one && three != two);
        h.undo(&mut s);
        assert_eq!(h.state(), one);
        // A change undo leaves in place (a re-anchor) makes every state new, so undo can no
        // longer lead back to "one" as it was saved.
        h.redo(&mut s);
        h.apply(
            &mut s,
            Command::Reanchor {
                article: PathBuf::from("/old/a.txt"),
                hash: "h3".into(),
                moves: Vec::new(),
            },
            10,
        )
        .expect("re-anchor");
        let anchored = h.state();
        assert!(![one, two, three].contains(&anchored));
        h.undo(&mut s);
        assert_ne!(h.state(), one);
        h.clear();
        assert_ne!(h.state(), anchored);
    }

    #[test]
    fn undo_and_redo_walk_many_steps() {
        let mut s = Session::default();
        let mut h = History::default();
        let start = s.clone();
        for (i, stance) in Stance::ALL.iter().enumerate() {
            h.apply(
                &mut s,
                Command::SetStance {
                    cell: cell("russia", "talks"),
                    stance: *stance,
                },
                i as u64,
            )
            .expect("apply");
        }
        let end = s.clone();
        for _ in 0..6 {
            assert_eq!(h.undo(&mut s), Some("set stance"));
        }
        assert_eq!(s, start);
        assert_eq!(h.undo(&mut s), None);
        for _ in 0..6 {
            h.redo(&mut s).expect("redo");
        }
        assert_eq!(s, end);
    }

    #[test]
    fn undo_keeps_fewer_copies_of_a_huge_session_but_never_too_few() {
        let mut s = Session::default();
        for i in 0..200_000 {
            s.decisions.insert(
                cell(&format!("a{i}"), "t"),
                crate::model::session::Decision::Accepted,
            );
        }
        let mut h = History::default();
        for i in 0..40 {
            h.apply(
                &mut s,
                Command::RenameTopic {
                    topic: TopicId("t".into()),
                    name: format!("Topic {i}"),
                },
                0,
            )
            .expect("apply");
        }
        // Each step copies the session: 2,000,000 / ~200,000 entries is about 10 copies, and
        // the floor of 20 steps wins.
        let mut steps = 0;
        while h.undo(&mut s).is_some() {
            steps += 1;
        }
        assert_eq!(steps, UNDO_MIN);
        // Edits of one cell keep only that cell: all of them are kept, and undone exactly.
        let before = s.clone();
        let mut h = History::default();
        for i in 0..100 {
            h.apply(
                &mut s,
                Command::SetNote {
                    cell: cell("x", "t"),
                    note: format!("{i}"),
                },
                0,
            )
            .expect("apply");
        }
        let mut steps = 0;
        while h.undo(&mut s).is_some() {
            steps += 1;
        }
        assert_eq!(steps, 100);
        assert!(s == before, "back where it started");
        // A small session keeps every step.
        let mut small = Session::default();
        let mut h = History::default();
        for i in 0..100 {
            h.apply(
                &mut small,
                Command::SetNote {
                    cell: cell("x", "t"),
                    note: format!("{i}"),
                },
                0,
            )
            .expect("apply");
        }
        let mut steps = 0;
        while h.undo(&mut small).is_some() {
            steps += 1;
        }
        assert_eq!(steps, 100);
    }

    #[test]
    fn merging_moves_annotations_and_refuses_loops() {
        let mut s = Session::default();
        let c = cell("kyiv-govt", "talks");
        apply(
            &mut s,
            Command::SetStance {
                cell: c,
                stance: Stance::Oppose,
            },
            1,
        )
        .expect("set");
        let merge = Command::MergeActors {
            from: ActorId("kyiv-govt".into()),
            into: ActorId("ukraine".into()),
        };
        apply(&mut s, merge, 2).expect("merge");
        assert_eq!(
            s.annotations
                .get(&cell("ukraine", "talks"))
                .and_then(|a| a.stance),
            Some(Stance::Oppose)
        );
        assert!(!s.annotations.contains_key(&cell("kyiv-govt", "talks")));
        // A stance set on the merged-away id lands on the merged row.
        apply(
            &mut s,
            Command::SetNote {
                cell: cell("kyiv-govt", "talks"),
                note: "n".into(),
            },
            3,
        )
        .expect("note");
        assert_eq!(
            s.annotations
                .get(&cell("ukraine", "talks"))
                .map(|a| a.note.as_str()),
            Some("n")
        );
        let back = Command::MergeActors {
            from: ActorId("ukraine".into()),
            into: ActorId("kyiv-govt".into()),
        };
        assert_eq!(apply(&mut s, back, 4), Err(CommandError::MergeIntoSelf));
    }

    #[test]
    fn refused_commands_leave_the_session_alone() {
        let mut s = Session::default();
        let mut h = History::default();
        let before = s.clone();
        for bad in [
            Command::AddActor {
                name: "  ".into(),
                kind: ActorKind::Person,
            },
            Command::SetConfidence {
                cell: cell("a", "t"),
                confidence: Some(1.5),
            },
            Command::RenameTopic {
                topic: TopicId("t".into()),
                name: String::new(),
            },
        ] {
            assert!(h.apply(&mut s, bad, 0).is_err());
        }
        assert_eq!(s, before);
        assert_eq!(h.undo_label(), None);
    }

    #[test]
    fn added_items_get_unique_ids_and_empty_annotations_vanish() {
        let mut s = Session::default();
        for _ in 0..2 {
            apply(
                &mut s,
                Command::AddActor {
                    name: "Hamas".into(),
                    kind: ActorKind::Group,
                },
                0,
            )
            .expect("add");
        }
        let ids: Vec<&str> = s.actors.added.iter().map(|a| a.id.0.as_str()).collect();
        assert_eq!(ids, vec!["user:hamas", "user:hamas-2"]);
        let c = cell("a", "t");
        apply(
            &mut s,
            Command::SetStance {
                cell: c.clone(),
                stance: Stance::Support,
            },
            0,
        )
        .expect("set");
        apply(&mut s, Command::ClearStance { cell: c }, 0).expect("clear");
        assert!(s.annotations.is_empty());
    }
}
