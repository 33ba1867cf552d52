//! What the window works on, without the window: the open articles with the session and its
//! undo history (`Workspace`). Every edit goes through [`Workspace::edit`], which applies it,
//! keeps the matrix in step and counts it; the app only reports.

use crate::command::{Command, CommandError, History};
use crate::document::Document;
use crate::model::matrix::{self, Matrix};
use crate::model::session::{ArticleRef, Session};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The session, its history, the open articles in the order they were asked for, the matrix
/// built from both, and the session's articles whose files are gone.
#[derive(Default)]
pub struct Workspace {
    /// Shared with the autosave thread as a snapshot; an edit copies it only while the
    /// autosave still holds the old one.
    session: Arc<Session>,
    history: History,
    docs: Vec<Document>,
    /// The request number of each open document, ascending (documents are listed in the order
    /// they were asked for, not the order they finished loading).
    order: Vec<u64>,
    matrix: Matrix,
    pub missing: Vec<ArticleRef>,
    /// The session's articles outside every folder the analyst opened articles from: shown
    /// with their full paths, not read until the analyst says so.
    pub held_back: Vec<ArticleRef>,
    /// The request number of each article closed while open, so that undoing the close puts
    /// it back where it was listed.
    closed_order: BTreeMap<PathBuf, u64>,
    /// Counts changes to the list of open articles (for views built from it).
    docs_version: u64,
    /// The one article the matrix shows, when the analyst chose one; all open ones otherwise.
    filter: Option<PathBuf>,
    /// Where the names the analyst gave (added actors, added aliases) stand in each open
    /// article, and the names and article list they were found for.
    hand_mentions: Vec<Vec<(crate::parse::Span, crate::model::ActorId)>>,
    hand_for: (Vec<(String, crate::model::ActorId)>, u64),
    /// While articles arrive together (see [`Workspace::hold`]), the matrix is built once at
    /// the end instead of at each one.
    held: bool,
    /// The matrix does not show the latest change yet (only while held).
    stale: bool,
    /// Counts changes to the matrix (for views built from it).
    matrix_version: u64,
    /// With many articles open, an edit's build waits for [`Workspace::take_build`] to hand it
    /// to another thread.
    background: Background,
    /// From how many open articles edits build on another thread (`None`:
    /// [`BACKGROUND_ARTICLES`]).
    background_from: Option<usize>,
}

/// Where a build on another thread stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Background {
    #[default]
    Idle,
    /// An edit asked for one.
    Wanted,
    /// One runs; `again` when an edit came meanwhile.
    Running { again: bool },
}

/// From how many open articles an edit's matrix is built on another thread (see
/// [`Workspace::take_build`]): below it a build takes a few milliseconds, above it tens.
pub const BACKGROUND_ARTICLES: usize = 250;

/// What a matrix build on another thread needs: the session and the briefings of the open
/// articles (those the matrix leaves out empty), and what the workspace stood at.
pub struct BuildInput {
    session: Arc<Session>,
    all: Vec<Arc<crate::model::Briefing>>,
    shown: Vec<Arc<crate::model::Briefing>>,
    key: BuildKey,
}

/// A matrix built on another thread, for the state it was asked at.
#[derive(Debug)]
pub struct Built {
    joins: crate::analysis::corpus::Joins,
    matrix: Matrix,
    key: BuildKey,
}

/// What a build was for: the session's state, the list of open articles and the one chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BuildKey {
    state: u64,
    docs: u64,
    filter: Option<PathBuf>,
}

impl BuildInput {
    /// Builds the matrix (joins across the articles first), as [`Workspace::rebuild`] does.
    pub fn build(self) -> Built {
        let all: Vec<&crate::model::Briefing> = self.all.iter().map(|b| &**b).collect();
        let joins = crate::analysis::corpus::resolve(&all, &self.session);
        let matrix = if joins.is_in(&self.session) {
            build_shown(&self.shown, &self.session)
        } else {
            let mut session = Arc::unwrap_or_clone(self.session);
            joins.clone().put_in(&mut session);
            build_shown(&self.shown, &session)
        };
        Built {
            joins,
            matrix,
            key: self.key,
        }
    }
}

/// Frees a large value on another thread: a matrix of ten thousand articles takes a few
/// milliseconds to free, which the window's frame need not wait for. Where no thread
/// starts, it is freed here.
fn drop_elsewhere<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("free-matrix".to_owned())
        .spawn(move || drop(value));
}

fn build_shown(shown: &[Arc<crate::model::Briefing>], session: &Session) -> Matrix {
    let briefings: Vec<&crate::model::Briefing> = shown.iter().map(|b| &**b).collect();
    matrix::build(&briefings, session)
}

/// What the open articles must do to match the session after an undo, a redo or a close.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Follow {
    /// Indices of the documents closed, each as it was when it went (so later ones count
    /// from the list without the earlier ones).
    pub closed: Vec<usize>,
    /// Articles of the session that are not open: to open again, each with its request
    /// number (the old one where the article was open before).
    pub reopen: Vec<(PathBuf, u64)>,
}

impl Workspace {
    /// The session as it stands.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session as it stands, shared, for another thread to hold weakly (a strong hold
    /// would make the next edit copy it).
    pub fn shared(&self) -> &Arc<Session> {
        &self.session
    }

    /// The open articles.
    pub fn docs(&self) -> &[Document] {
        &self.docs
    }

    /// The matrix as shown.
    pub fn matrix(&self) -> &Matrix {
        debug_assert!(
            !self.stale,
            "the matrix is read while articles arrive; settle first"
        );
        &self.matrix
    }

    /// Changes whenever the matrix does: a build, or one cell brought up to date. Views
    /// derived from the matrix (the rows and columns a filter leaves) key on it, since the
    /// matrix also changes where the session's state does not (an article opens, one article
    /// is chosen).
    pub fn matrix_version(&self) -> u64 {
        self.matrix_version
    }

    /// What undo and redo would do.
    pub fn state(&self) -> u64 {
        self.history.state()
    }

    /// What undo would undo.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.history.undo_label()
    }
    pub fn redo_label(&self) -> Option<&'static str> {
        self.history.redo_label()
    }

    /// The export model of the matrix as it stands (for an export and for a comparison):
    /// articles not read (missing, or held back) keep their hand work in the cells.
    pub fn export_model(&self) -> crate::export::model::Export {
        let not_read: Vec<ArticleRef> = self
            .missing
            .iter()
            .chain(&self.held_back)
            .cloned()
            .collect();
        crate::export::model::from_matrix(self.matrix(), self.docs(), self.session(), &not_read)
    }

    /// The analyst editing from now on: written on each hand edit as its coder (`None`: no
    /// name given).
    pub fn set_editor(&mut self, name: Option<String>) {
        if self.session.editor != name {
            Arc::make_mut(&mut self.session).editor = name;
        }
    }

    /// Applies a command (recorded for undo when it is an edit) and rebuilds the matrix.
    pub fn edit(&mut self, command: Command, now: u64) -> Result<(), CommandError> {
        let cell = command.cell().cloned();
        self.history
            .apply(Arc::make_mut(&mut self.session), command, now)?;
        // An edit of one cell updates that cell; anything else builds the matrix again.
        self.refresh(cell.as_ref());
        Ok(())
    }

    /// Steps back once; the label of what was undone.
    pub fn undo(&mut self) -> Option<&'static str> {
        let cell = self.history.undo_cell().cloned();
        let label = self.history.undo(Arc::make_mut(&mut self.session))?;
        self.refresh(cell.as_ref());
        Some(label)
    }

    /// Steps forward once; the label of what was redone.
    pub fn redo(&mut self) -> Option<&'static str> {
        let cell = self.history.redo_cell().cloned();
        let label = self.history.redo(Arc::make_mut(&mut self.session))?;
        self.refresh(cell.as_ref());
        Some(label)
    }

    /// Brings the matrix up to date after a change of `cell` alone, or of anything (`None`).
    fn refresh(&mut self, cell: Option<&crate::model::session::Cell>) {
        if self.held {
            self.stale = true;
            return;
        }
        let updated = cell.is_some_and(|c| self.matrix.update_cell(&self.session, c));
        if updated {
            self.matrix_version += 1;
        } else {
            self.rebuild();
        }
    }

    /// Counts changes to the list of open articles.
    pub fn docs_version(&self) -> u64 {
        self.docs_version
    }

    /// Makes the open articles follow the session: those it no longer holds are closed, and
    /// those it holds that are neither open nor known to be missing are listed to open
    /// (`new_order` numbers an article never open before). Articles no longer held stop being
    /// missing.
    pub fn follow(&mut self, mut new_order: impl FnMut() -> u64) -> Follow {
        let mut follow = Follow::default();
        let held =
            |path: &PathBuf, session: &Session| session.articles.iter().any(|a| a.path == *path);
        let mut d = 0;
        while d < self.docs.len() {
            if held(&self.docs[d].source.path, &self.session) {
                d += 1;
            } else {
                let doc = self.docs.remove(d);
                let order = self.order.remove(d);
                self.closed_order.insert(doc.source.path, order);
                follow.closed.push(d);
            }
        }
        let session = &self.session;
        self.missing.retain(|m| held(&m.path, session));
        self.held_back.retain(|m| held(&m.path, session));
        for article in &self.session.articles {
            let open = self.docs.iter().any(|d| d.source.path == article.path);
            let waiting = self
                .missing
                .iter()
                .chain(&self.held_back)
                .any(|m| m.path == article.path);
            if !open && !waiting {
                let order = self
                    .closed_order
                    .get(&article.path)
                    .copied()
                    .unwrap_or_else(&mut new_order);
                follow.reopen.push((article.path.clone(), order));
            }
        }
        if !follow.closed.is_empty() {
            self.docs_version += 1;
            // A chosen article that closed shows no more: back to all of them.
            if let Some(only) = &self.filter
                && !self.docs.iter().any(|d| d.source.path == *only)
            {
                self.filter = None;
            }
            self.rebuild();
        }
        follow
    }

    /// Where a document asked for as request `order` goes among the open ones.
    fn position_for(&self, order: u64) -> usize {
        self.order.partition_point(|&o| o < order)
    }

    /// Adds an opened document at its place in request order; returns its index.
    pub fn insert_doc(&mut self, doc: Document, order: u64) -> usize {
        let pos = self.position_for(order);
        self.docs.insert(pos, doc);
        self.order.insert(pos, order);
        let path = &self.docs[pos].source.path;
        self.missing.retain(|m| m.path != *path);
        self.held_back.retain(|m| m.path != *path);
        self.docs_version += 1;
        if !self.held {
            self.align_session_order();
        }
        // The analyst's names are looked for in the new article alone.
        if self.hand_mentions.len() + 1 == self.docs.len()
            && self.hand_for.0 == crate::analysis::hand_names::names(&self.session)
        {
            let found =
                crate::analysis::hand_names::find(&self.docs[pos].article.text, &self.hand_for.0);
            self.hand_mentions.insert(pos, found);
            self.hand_for.1 = self.docs_version;
        }
        if self.held {
            self.stale = true;
        } else {
            self.rebuild();
        }
        pos
    }

    /// Puts articles read again (with a codebook imported, say) in place of the open ones of
    /// the same file and content; returns how many were put in.
    pub fn put_read_again(&mut self, docs: Vec<Document>) -> usize {
        let at: std::collections::HashMap<PathBuf, usize> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.source.path.clone(), i))
            .collect();
        let mut put = 0;
        for doc in docs {
            if let Some(&i) = at.get(&doc.source.path)
                && self.docs[i].source.hash == doc.source.hash
            {
                self.docs[i] = doc;
                put += 1;
            }
        }
        if put > 0 {
            self.docs_version += 1;
            if self.held {
                self.stale = true;
            } else {
                self.rebuild();
            }
        }
        put
    }

    /// Articles are about to arrive together: the matrix waits for [`Workspace::settle`].
    pub fn hold(&mut self) {
        self.held = true;
    }

    /// The articles have arrived: the matrix is built once for all of them.
    pub fn settle(&mut self) {
        self.held = false;
        if std::mem::take(&mut self.stale) {
            self.align_session_order();
            self.rebuild();
        }
    }

    /// Keeps the session's articles in the order the open ones are shown (the order they were
    /// asked for, not the order they finished reading in), so that a reopened session shows
    /// its articles, and the matrix its topics, as before. Articles not open keep their places.
    fn align_session_order(&mut self) {
        // Looked up by path, once each: a thousand open articles make a million comparisons
        // otherwise, at every article that arrives.
        // Keyed by the path's bytes: hashing a `Path` walks its components, which costs more
        // than the rest of this at ten thousand articles.
        let shown: std::collections::HashMap<&std::ffi::OsStr, usize> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.source.path.as_os_str(), i))
            .collect();
        let mut wanted: Vec<(usize, usize)> = Vec::new();
        let mut slots: Vec<usize> = Vec::new();
        for (i, article) in self.session.articles.iter().enumerate() {
            if let Some(&at) = shown.get(article.path.as_os_str()) {
                slots.push(i);
                wanted.push((at, i));
            }
        }
        wanted.sort_unstable();
        if wanted.iter().zip(&slots).all(|((_, from), to)| from == to) {
            return;
        }
        // Each slot takes the article shown at its turn: articles are moved, not copied (ten
        // thousand of them arrive out of order in batches).
        let mut source: Vec<usize> = (0..self.session.articles.len()).collect();
        for (slot, (_, from)) in slots.into_iter().zip(wanted) {
            source[slot] = from;
        }
        let session = Arc::make_mut(&mut self.session);
        let mut old: Vec<Option<ArticleRef>> = std::mem::take(&mut session.articles)
            .into_iter()
            .map(Some)
            .collect();
        // `wanted` holds the slots' own articles in another order: each is taken once.
        session.articles = source.into_iter().filter_map(|i| old[i].take()).collect();
    }

    /// Replaces everything with a loaded session: no open article, no history.
    pub fn replace(&mut self, mut session: Session) {
        // The analyst editing stays the same whatever session is opened.
        session.editor.clone_from(&self.session.editor);
        self.session = Arc::new(session);
        self.history.clear();
        self.docs.clear();
        self.order.clear();
        self.missing.clear();
        self.held_back.clear();
        self.closed_order.clear();
        self.filter = None;
        self.docs_version += 1;
        self.rebuild();
    }

    /// Where the names the analyst gave stand in each open article (by position).
    pub fn hand_mentions(&self) -> &[Vec<(crate::parse::Span, crate::model::ActorId)>] {
        &self.hand_mentions
    }

    /// Finds the analyst's names again when they or the open articles changed.
    fn refresh_hand_mentions(&mut self) {
        let names = crate::analysis::hand_names::names(&self.session);
        if self.hand_for.0 == names
            && self.hand_for.1 == self.docs_version
            && self.hand_mentions.len() == self.docs.len()
        {
            return;
        }
        self.hand_mentions = self
            .docs
            .iter()
            .map(|d| crate::analysis::hand_names::find(&d.article.text, &names))
            .collect();
        self.hand_for = (names, self.docs_version);
    }

    /// Builds the matrix again from the open articles (or the one chosen) and the session.
    pub fn rebuild(&mut self) {
        if self.held {
            self.stale = true;
            return;
        }
        self.stale = false;
        self.refresh_hand_mentions();
        // With many articles, the matrix is built on another thread; the one shown meanwhile
        // may name articles at places they no longer hold (see `is_building`).
        let background_from = self.background_from.unwrap_or(BACKGROUND_ARTICLES);
        if self.docs.len() >= background_from {
            self.background = match self.background {
                Background::Idle | Background::Wanted => Background::Wanted,
                Background::Running { .. } => Background::Running { again: true },
            };
            return;
        }
        self.build_now();
    }

    /// Builds the matrix here and now.
    fn build_now(&mut self) {
        // Articles left out count as saying nothing, so that positions still name documents.
        let nothing = crate::model::Briefing::default();
        // What joins across all open articles (a person named by a shorter form joins the
        // full name).
        let all: Vec<&crate::model::Briefing> = self.docs.iter().map(|d| &*d.briefing).collect();
        let joins = crate::analysis::corpus::resolve(&all, &self.session);
        if !joins.is_in(&self.session) {
            joins.put_in(Arc::make_mut(&mut self.session));
        }
        let briefings: Vec<&crate::model::Briefing> = self
            .docs
            .iter()
            .map(|d| match &self.filter {
                Some(only) if *only != d.source.path => &nothing,
                _ => &*d.briefing,
            })
            .collect();
        self.matrix = matrix::build(&briefings, &self.session);
        self.give_colours();
    }

    /// A build for another thread, when an edit asked for one and none is running.
    pub fn take_build(&mut self) -> Option<BuildInput> {
        if self.background != Background::Wanted {
            return None;
        }
        self.background = Background::Running { again: false };
        let nothing = Arc::new(crate::model::Briefing::default());
        let shown = self
            .docs
            .iter()
            .map(|d| match &self.filter {
                Some(only) if *only != d.source.path => Arc::clone(&nothing),
                _ => Arc::clone(&d.briefing),
            })
            .collect();
        Some(BuildInput {
            // Not the session itself: while the build runs, an edit here would copy the
            // whole of it, ten thousand articles included, to change it.
            session: Arc::new(self.session.without_articles()),
            all: self.docs.iter().map(|d| Arc::clone(&d.briefing)).collect(),
            shown,
            key: self.build_key(),
        })
    }

    /// Builds edits' matrices on another thread from `articles` open articles on (tests and
    /// benchmarks show the way with a few).
    pub fn set_background_from(&mut self, articles: usize) {
        self.background_from = Some(articles);
    }

    /// Brings the matrix up to date here and now when a build is asked for or running on
    /// another thread (before an export, which must name the right sentences).
    pub fn finish_build(&mut self) {
        if self.background != Background::Idle && !self.held {
            self.build_now();
            // A build still running then brings the same matrix, or is asked for again.
            self.background = match self.background {
                Background::Running { .. } => Background::Running { again: false },
                _ => Background::Idle,
            };
        }
    }

    /// Whether a build is asked for or running on another thread: the matrix shown may then
    /// be behind the articles, and its evidence name articles at places they no longer hold.
    pub fn is_building(&self) -> bool {
        self.background != Background::Idle
    }

    /// Shows a matrix built on another thread, if nothing changed since it was asked for;
    /// otherwise asks for another. Returns whether it was shown.
    pub fn install(&mut self, built: Built) -> bool {
        let again = self.background == Background::Running { again: true };
        self.background = Background::Idle;
        if again || built.key != self.build_key() {
            self.background = Background::Wanted;
            return false;
        }
        if !built.joins.is_in(&self.session) {
            built.joins.put_in(Arc::make_mut(&mut self.session));
        }
        drop_elsewhere(std::mem::replace(&mut self.matrix, built.matrix));
        self.give_colours();
        true
    }

    /// A build on another thread failed (a bug): the matrix shown stays, and no other is
    /// asked for until the next edit.
    pub fn build_failed(&mut self) {
        self.background = Background::Idle;
    }

    fn build_key(&self) -> BuildKey {
        BuildKey {
            state: self.state(),
            docs: self.docs_version,
            filter: self.filter.clone(),
        }
    }

    /// After a build: counts it, and gives new rows their colour.
    fn give_colours(&mut self) {
        self.matrix_version += 1;
        // New rows get their colour now, kept in the session from then on.
        let colours = &self.session.colours;
        if self
            .matrix
            .rows
            .iter()
            .any(|r| !colours.contains_key(&r.id))
        {
            let rows: Vec<crate::model::ActorId> =
                self.matrix.rows.iter().map(|r| r.id.clone()).collect();
            Arc::make_mut(&mut self.session).give_colours(&rows);
        }
    }

    /// Shows the matrix of one open article, or (`None`) of all of them.
    pub fn set_filter(&mut self, only: Option<PathBuf>) {
        if self.filter != only {
            self.filter = only;
            self.rebuild();
        }
    }

    /// The one article the matrix shows, if one was chosen.
    pub fn filter(&self) -> Option<&std::path::Path> {
        self.filter.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_lists_open_articles_in_the_order_shown_and_the_others_where_they_were() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let analyzer = crate::analysis::Analyzer::bundled();
        let open = |name: &str| Document::open(&root.join(name), analyzer).expect("opens");
        let (a, b) = (open("grain-corridor.md"), open("grain-corridor-talks.md"));
        let recorded = |path: PathBuf, doc: &Document| ArticleRef {
            path,
            hash: doc.source.hash.clone(),
            title: None,
            date: None,
            format: doc.source.format,
            encoding: doc.source.encoding.clone(),
        };
        let (x, y) = (
            PathBuf::from("/closed/x.txt"),
            PathBuf::from("/closed/y.txt"),
        );
        let mut work = Workspace::default();
        // The session recorded B before A, with two closed articles around them.
        work.edit(
            Command::AddArticles(vec![
                recorded(x.clone(), &a),
                recorded(b.source.path.clone(), &b),
                recorded(y.clone(), &a),
                recorded(a.source.path.clone(), &a),
            ]),
            0,
        )
        .expect("add");
        // A is shown first (asked first), B second; they arrive together.
        let (pa, pb) = (a.source.path.clone(), b.source.path.clone());
        work.hold();
        work.insert_doc(b, 1);
        work.insert_doc(a, 0);
        work.settle();
        let order: Vec<&std::path::Path> = work
            .session()
            .articles
            .iter()
            .map(|r| r.path.as_path())
            .collect();
        assert_eq!(order, vec![x.as_path(), &pa, y.as_path(), &pb]);
    }

    #[test]
    fn with_many_articles_an_edit_is_built_on_another_thread_as_it_would_be_here() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let analyzer = crate::analysis::Analyzer::bundled();
        let mut work = Workspace::default();
        let mut here = Workspace::default();
        for (i, name) in ["grain-corridor.md", "grain-corridor-talks.md"]
            .iter()
            .enumerate()
        {
            for w in [&mut work, &mut here] {
                let doc = Document::open(&root.join(name), analyzer).expect("opens");
                w.insert_doc(doc, i as u64);
            }
        }
        work.set_background_from(2);
        let rename = |actor: &str| Command::RenameActor {
            actor: crate::model::ActorId(actor.into()),
            name: "Renamed".into(),
        };
        work.edit(rename("russia"), 0).expect("rename");
        here.edit(rename("russia"), 0).expect("rename");
        // The matrix shown waits for the build; the articles are where they were.
        assert!(work.is_building());
        assert_ne!(work.matrix(), here.matrix());
        let input = work.take_build().expect("a build to run");
        assert!(work.take_build().is_none(), "one at a time");
        assert!(work.install(input.build()));
        assert!(!work.is_building());
        assert_eq!(work.matrix(), here.matrix());
        // An edit while a build runs: that build is stale, another is asked for.
        work.edit(rename("ukraine"), 0).expect("rename");
        let input = work.take_build().expect("a build");
        // The build holds no share of the session: an edit meanwhile copies none of it.
        assert_eq!(Arc::strong_count(work.shared()), 1);
        work.edit(rename("turkey"), 0).expect("rename");
        assert!(!work.install(input.build()));
        here.edit(rename("ukraine"), 0).expect("rename");
        here.edit(rename("turkey"), 0).expect("rename");
        let input = work.take_build().expect("asked again");
        assert!(work.install(input.build()));
        assert_eq!(work.matrix(), here.matrix());
        // Articles arriving are built there too; finishing here gives the same matrix.
        let third = |w: &mut Workspace| {
            let doc = Document::open(&root.join("fisheries-quota.txt"), analyzer).expect("opens");
            w.insert_doc(doc, 9);
        };
        third(&mut work);
        third(&mut here);
        assert!(work.is_building());
        work.finish_build();
        assert_eq!(work.matrix(), here.matrix());
        assert!(!work.is_building());
        assert!(work.take_build().is_none(), "nothing left to build");
        // A build already running when finished here brings the same matrix.
        here.edit(rename("russia"), 0).expect("rename");
        work.edit(rename("russia"), 0).expect("rename");
        let input = work.take_build().expect("a build");
        work.finish_build();
        assert!(work.install(input.build()));
        assert!(!work.is_building());
        assert_eq!(work.matrix(), here.matrix());
    }

    #[test]
    fn articles_added_together_give_the_matrix_added_one_by_one_gives() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let analyzer = crate::analysis::Analyzer::bundled();
        let open = |name: &str| Document::open(&root.join(name), analyzer).expect("opens");
        let names = [
            "gas-transit-ru.txt",
            "grain-corridor.md",
            "climate-finance.html",
        ];
        let article = |d: &Document| ArticleRef {
            path: d.source.path.clone(),
            hash: d.source.hash.clone(),
            title: d.article.title.clone(),
            date: d.article.date.clone(),
            format: d.source.format,
            encoding: d.source.encoding.clone(),
        };
        // A name the analyst gave, so that where it stands is compared too.
        let naftogaz = Command::AddActor {
            name: "Naftogaz".into(),
            kind: crate::model::ActorKind::Organisation,
        };
        // One by one, in the order asked for, the matrix built at each.
        let mut one = Workspace::default();
        one.edit(naftogaz.clone(), 0).expect("actor");
        for (i, name) in names.iter().enumerate() {
            let doc = open(name);
            one.edit(Command::OpenArticles(vec![article(&doc)]), 0)
                .expect("open");
            one.insert_doc(doc, i as u64 + 1);
        }
        // Together, arriving last first, the matrix built once at the end.
        let mut together = Workspace::default();
        together.edit(naftogaz, 0).expect("actor");
        together.hold();
        let docs: Vec<Document> = names.iter().map(|n| open(n)).collect();
        together
            .edit(
                Command::OpenArticles(docs.iter().rev().map(article).collect()),
                0,
            )
            .expect("open");
        for (i, doc) in docs.into_iter().enumerate().rev() {
            together.insert_doc(doc, i as u64 + 1);
        }
        together.settle();
        assert_eq!(together.matrix(), one.matrix());
        assert!(one.matrix().rows.len() > 10, "a real matrix");
        // And both are the matrix built from nothing over all three, joins and all.
        let briefings: Vec<&crate::model::Briefing> =
            one.docs().iter().map(|d| &*d.briefing).collect();
        let mut fresh = one.session().clone();
        fresh.joined.clear();
        fresh.topics_joined.clear();
        crate::analysis::corpus::resolve(&briefings, &fresh).put_in(&mut fresh);
        assert_eq!(*one.matrix(), matrix::build(&briefings, &fresh));
        let paths = |w: &Workspace| -> Vec<PathBuf> {
            w.session()
                .articles
                .iter()
                .map(|a| a.path.clone())
                .collect()
        };
        assert_eq!(
            paths(&together),
            paths(&one),
            "the session lists them as asked"
        );
        assert_eq!(together.hand_mentions(), one.hand_mentions());
        // One undo closes all three, as one undo closes the single steps one at a time.
        assert_eq!(together.undo(), Some("open articles"));
        assert!(together.session().articles.is_empty());
    }

    #[test]
    fn a_cell_updated_in_place_matches_the_matrix_built_again() {
        use crate::model::session::{Cell, EvidenceRef};
        use crate::model::{ActorId, SentenceId, Stance, TopicId};
        let doc = Document::sample(crate::analysis::Analyzer::bundled()).expect("sample");
        let mut work = Workspace::default();
        work.insert_doc(doc, 1);
        let cell = |a: &str, t: &str| Cell {
            actor: ActorId(a.into()),
            topic: TopicId(t.into()),
        };
        let suggested = work
            .matrix()
            .cells
            .iter()
            .find(|(_, v)| v.suggestion.is_some())
            .map(|(c, _)| c.clone())
            .expect("a suggestion");
        let row = work.matrix().rows[0].id.clone();
        let column = work.matrix().columns.last().expect("a column").id.clone();
        let bare = Cell {
            actor: row.clone(),
            topic: column.clone(),
        };
        let evidence = EvidenceRef {
            article: work.docs()[0].source.path.clone(),
            sentence: SentenceId(0),
            quote: "q".into(),
            context: String::new(),
        };
        let steps = vec![
            Command::SetStance {
                cell: suggested.clone(),
                stance: Stance::Oppose,
            },
            Command::ClearStance {
                cell: suggested.clone(),
            },
            Command::AcceptSuggestion {
                cell: suggested.clone(),
            },
            Command::RejectSuggestion {
                cell: suggested.clone(),
            },
            Command::SetStance {
                cell: bare.clone(),
                stance: Stance::Mixed,
            },
            Command::SetNote {
                cell: bare.clone(),
                note: "n".into(),
            },
            Command::AttachEvidence {
                cell: bare.clone(),
                evidence: evidence.clone(),
            },
            Command::ClearStance { cell: bare.clone() },
            Command::SetNote {
                cell: bare.clone(),
                note: String::new(),
            },
            Command::DetachEvidence {
                cell: bare.clone(),
                evidence,
            },
            // An actor no article names: its row appears, so the matrix is built again.
            Command::SetStance {
                cell: cell("nobody", column.0.as_str()),
                stance: Stance::Support,
            },
            // Its row stays while the cell holds hand work, and the cell is updated in place.
            Command::SetStance {
                cell: cell("nobody", column.0.as_str()),
                stance: Stance::Oppose,
            },
            Command::SetNote {
                cell: cell("nobody", column.0.as_str()),
                note: "x".into(),
            },
            Command::SetNote {
                cell: cell("nobody", column.0.as_str()),
                note: String::new(),
            },
            // Emptied: its row goes.
            Command::ClearStance {
                cell: cell("nobody", column.0.as_str()),
            },
        ];
        for (i, step) in steps.into_iter().enumerate() {
            let label = format!("{step:?}");
            work.edit(step, i as u64).expect("edit");
            let same = |work: &Workspace| {
                let briefings: Vec<&crate::model::Briefing> =
                    work.docs().iter().map(|d| &*d.briefing).collect();
                *work.matrix() == crate::model::matrix::build(&briefings, work.session())
            };
            assert!(same(&work), "after {label}");
            work.undo();
            assert!(same(&work), "after undoing {label}");
            work.redo();
            assert!(same(&work), "after redoing {label}");
        }
    }
}
