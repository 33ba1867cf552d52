//! Which rows and columns of the matrix to show. Forty to ten thousand articles open together
//! make a matrix of thousands of actors and hundreds of topics; the analyst narrows it by kind
//! of actor, by how many articles name an actor or topic, to rows and columns that show a
//! stance, and by a piece of text.
//!
//! Pure and egui-free: the window keeps what [`apply`] gives in a [`ShownCache`] and asks
//! again only when the matrix or the filter changed, never once a frame.

use super::matrix::Matrix;
use super::{ActorId, ActorKind};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// What the analyst narrows the matrix to. [`Default`] shows everything; each field narrows
/// on its own, and they combine (a row must pass every one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixFilter {
    /// Only actors of this kind; `None`: every kind. Topics have no kind.
    pub kind: Option<ActorKind>,
    /// Only actors and topics named in at least this many open articles. 1 (or 0) leaves the
    /// filter off, so that actors and topics added by hand, which no article names, show too.
    pub min_articles: u32,
    /// Only rows and columns with at least one cell that shows a stance (set by hand, accepted
    /// or suggested; a rejected suggestion shows none) among the rows and columns left.
    pub only_stances: bool,
    /// Only the topics of the analyst's codebook.
    pub codebook_only: bool,
    /// Text to find, in any case: an actor's name or aliases, a topic's name or phrases. A
    /// row found keeps the columns it has cells in, and a column found the rows it has cells
    /// in, so that what was found shows with its cells. Blank finds everything.
    pub find: String,
    /// Suggestions nobody reviewed show only from this confidence on, in hundredths (see
    /// [`DEFAULT_MIN_CONFIDENCE`]); below it their cells show empty. Hand stances and
    /// reviewed suggestions always show.
    pub min_confidence: u8,
}

/// The confidence from which suggestions show by default, in hundredths: on the labelled
/// dev half, 0.74 of the suggestions at or above it are right, and 0.57 on the test half
/// (against 0.45 for all of them, keeping about two thirds of the right ones); see README, "A
/// confidence that means what it says".
pub const DEFAULT_MIN_CONFIDENCE: u8 = 55;

impl Default for MatrixFilter {
    fn default() -> Self {
        Self {
            kind: None,
            min_articles: 1,
            only_stances: false,
            codebook_only: false,
            find: String::new(),
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        }
    }
}

impl MatrixFilter {
    /// Whether it may leave something out.
    pub fn is_active(&self) -> bool {
        self.kind.is_some()
            || self.min_articles > 1
            || self.only_stances
            || self.codebook_only
            || !self.find.trim().is_empty()
    }

    /// The threshold as a confidence, 0 to 1.
    pub fn threshold(&self) -> f32 {
        f32::from(self.min_confidence) / 100.0
    }

    /// What the cell shows under this filter: nothing for a suggestion below the threshold.
    pub fn shown(
        &self,
        view: &super::matrix::CellView,
    ) -> Option<(super::Stance, super::matrix::Provenance)> {
        if view.is_below(self.threshold()) {
            None
        } else {
            view.shown()
        }
    }

    fn passes_articles(&self, articles: u32) -> bool {
        self.min_articles <= 1 || articles >= self.min_articles
    }
}

/// The rows and columns a filter leaves, in the order shown, and what the column headers count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// Indices into the matrix's rows, in the order shown, each with its indent (1: a person
    /// under their country's row, when people are grouped).
    pub rows: Vec<(usize, u8)>,
    /// Indices into the matrix's columns, in the order shown.
    pub columns: Vec<usize>,
    /// For every column of the matrix (by index, shown or not): how many of its cells show a
    /// stance, over all its rows.
    pub column_stances: Vec<u32>,
    /// Suggestions nobody reviewed whose confidence is under the threshold: their cells show
    /// empty.
    pub hidden: u32,
}

impl Shown {
    /// Where the row of `actor` is among those shown.
    pub fn row_position(&self, matrix: &Matrix, actor: &ActorId) -> Option<usize> {
        let index = matrix.row_position(actor)?;
        self.rows.iter().position(|&(r, _)| r == index)
    }

    /// Where the column of `topic` is among those shown.
    pub fn column_position(&self, matrix: &Matrix, topic: &super::TopicId) -> Option<usize> {
        let index = matrix.column_position(topic)?;
        self.columns.iter().position(|&c| c == index)
    }
}

/// The rows and columns of `matrix` that `filter` leaves; people under their country's row
/// when `group_people` (and that row is shown). Costs a walk over the rows, the columns and
/// the cells there are, whatever the size of rows × columns.
pub fn apply(matrix: &Matrix, filter: &MatrixFilter, group_people: bool) -> Shown {
    // Each cell by row and column position, and whether it shows a stance.
    let cells: Vec<(usize, usize, bool)> = matrix
        .cells
        .iter()
        .filter_map(|(cell, view)| {
            Some((
                matrix.row_position(&cell.actor)?,
                matrix.column_position(&cell.topic)?,
                filter.shown(view).is_some(),
            ))
        })
        .collect();
    let mut column_stances = vec![0; matrix.columns.len()];
    for &(_, c, shows) in &cells {
        column_stances[c] += u32::from(shows);
    }
    let mut rows: Vec<bool> = matrix
        .rows
        .iter()
        .map(|r| filter.kind.is_none_or(|k| r.kind == k) && filter.passes_articles(r.articles))
        .collect();
    let mut columns: Vec<bool> = matrix
        .columns
        .iter()
        .map(|c| filter.passes_articles(c.articles) && (!filter.codebook_only || c.is_codebook))
        .collect();
    let needle = filter.find.trim().to_lowercase();
    if !needle.is_empty() {
        let found = |text: &String| text.to_lowercase().contains(&needle);
        let row_found: Vec<bool> = matrix
            .rows
            .iter()
            .zip(&rows)
            .map(|(r, &ok)| ok && (found(&r.name) || r.aliases.iter().any(found)))
            .collect();
        let column_found: Vec<bool> = matrix
            .columns
            .iter()
            .zip(&columns)
            .map(|(c, &ok)| ok && (found(&c.name) || c.phrases.iter().any(found)))
            .collect();
        let (mut row_kept, mut column_kept) = (row_found.clone(), column_found.clone());
        for &(r, c, _) in &cells {
            if rows[r] && columns[c] {
                row_kept[r] |= column_found[c];
                column_kept[c] |= row_found[r];
            }
        }
        (rows, columns) = (row_kept, column_kept);
    }
    if filter.only_stances {
        // Both sides are judged against the other as it stood before: a row keeps a stance
        // in a column kept, and that column then keeps the row.
        let mut row_kept = vec![false; rows.len()];
        let mut column_kept = vec![false; columns.len()];
        for &(r, c, shows) in &cells {
            if shows && rows[r] && columns[c] {
                row_kept[r] = true;
                column_kept[c] = true;
            }
        }
        (rows, columns) = (row_kept, column_kept);
    }
    let kept: Vec<usize> = (0..rows.len()).filter(|&r| rows[r]).collect();
    Shown {
        rows: if group_people {
            grouped(matrix, &kept)
        } else {
            kept.into_iter().map(|r| (r, 0)).collect()
        },
        columns: (0..columns.len()).filter(|&c| columns[c]).collect(),
        column_stances,
        hidden: u32::try_from(
            matrix
                .cells
                .values()
                .filter(|v| v.is_below(filter.threshold()))
                .count(),
        )
        .unwrap_or(u32::MAX),
    }
}

/// The rows `kept` (indices, in matrix order) with each person right under the row of their
/// country or organisation when that row is kept too; one level deep, so that a person whose
/// affiliation is itself under another row stands on their own rather than disappear.
fn grouped(matrix: &Matrix, kept: &[usize]) -> Vec<(usize, u8)> {
    let index: HashMap<&ActorId, usize> = kept.iter().map(|&r| (&matrix.rows[r].id, r)).collect();
    let parent = |r: usize| {
        let row = &matrix.rows[r];
        if row.kind != ActorKind::Person {
            return None;
        }
        let p = *index.get(row.affiliation.as_ref()?)?;
        (p != r).then_some(p)
    };
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut top = Vec::new();
    for &r in kept {
        match parent(r) {
            Some(p) if parent(p).is_none() => children.entry(p).or_default().push(r),
            _ => top.push(r),
        }
    }
    let mut out = Vec::with_capacity(kept.len());
    for r in top {
        out.push((r, 0));
        if let Some(under) = children.get(&r) {
            out.extend(under.iter().map(|&c| (c, 1)));
        }
    }
    out
}

/// "Showing 40 of 1,203 actors, 12 of 388 topics".
pub fn summary(shown: &Shown, matrix: &Matrix, filter: &MatrixFilter) -> String {
    let (rows, columns) = (matrix.rows.len(), matrix.columns.len());
    let mut out = format!(
        "Showing {} of {} {}, {} of {} {}",
        thousands(shown.rows.len()),
        thousands(rows),
        if rows == 1 { "actor" } else { "actors" },
        thousands(shown.columns.len()),
        thousands(columns),
        if columns == 1 { "topic" } else { "topics" },
    );
    if shown.hidden > 0 {
        let noun = if shown.hidden == 1 {
            "suggestion"
        } else {
            "suggestions"
        };
        let _ = write!(
            out,
            "; {} {noun} under confidence {:.2} hidden",
            thousands(shown.hidden as usize),
            filter.threshold()
        );
    }
    out
}

/// A count with a comma between thousands: 1203 is "1,203".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The rows and columns shown, kept while the matrix, the filter and the grouping stay the
/// same: a matrix of ten thousand rows is filtered when something changed, not every frame.
#[derive(Debug, Default)]
pub struct ShownCache {
    key: Option<(u64, MatrixFilter, bool)>,
    /// Shared, so that a frame holds it while it changes the filter.
    shown: Arc<Shown>,
    /// How many times it was computed (for tests: a frame that changes nothing costs nothing).
    pub builds: u64,
}

impl ShownCache {
    /// What `filter` leaves of `matrix`, whose version (see
    /// [`crate::workspace::Workspace::matrix_version`]) is `version`: computed again only when
    /// one of them, or `group_people`, changed.
    pub fn get(
        &mut self,
        matrix: &Matrix,
        version: u64,
        filter: &MatrixFilter,
        group_people: bool,
    ) -> Arc<Shown> {
        let fresh = self
            .key
            .as_ref()
            .is_some_and(|(v, f, g)| *v == version && f == filter && *g == group_people);
        if !fresh {
            self.shown = Arc::new(apply(matrix, filter, group_people));
            self.key = Some((version, filter.clone(), group_people));
            self.builds += 1;
        }
        Arc::clone(&self.shown)
    }

    /// What was computed last (empty before the first time), without computing.
    pub fn last(&self) -> &Shown {
        &self.shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::matrix::{self, tests::two_articles};

    fn corpus() -> Matrix {
        let (briefings, session) = two_articles();
        let all: Vec<&crate::model::Briefing> = briefings.iter().collect();
        matrix::build(&all, &session)
    }

    fn filter(
        kind: Option<ActorKind>,
        min_articles: u32,
        only_stances: bool,
        find: &str,
    ) -> MatrixFilter {
        MatrixFilter {
            kind,
            min_articles,
            only_stances,
            codebook_only: false,
            find: find.into(),
            // Every suggestion shows, so that the other filters are seen alone.
            min_confidence: 0,
        }
    }

    #[test]
    fn codebook_only_keeps_the_codebooks_columns() {
        let mut matrix = corpus();
        matrix.columns[2].is_codebook = true;
        let only = MatrixFilter {
            codebook_only: true,
            ..MatrixFilter::default()
        };
        assert!(only.is_active());
        let shown = apply(&matrix, &only, false);
        assert_eq!(names(&matrix, &shown).1, ["sanctions"]);
        assert_eq!(shown.rows.len(), ALL_ROWS.len(), "every actor stays");
    }

    /// The names shown: rows (with their indent), then columns.
    fn names(matrix: &Matrix, shown: &Shown) -> (Vec<String>, Vec<String>) {
        let rows = shown
            .rows
            .iter()
            .map(|&(r, indent)| format!("{}{}", "  ".repeat(indent.into()), matrix.rows[r].name))
            .collect();
        let columns = shown
            .columns
            .iter()
            .map(|&c| matrix.columns[c].name.clone())
            .collect();
        (rows, columns)
    }

    const ALL_ROWS: [&str; 6] = [
        "Russia",
        "Ukraine",
        "Vladimir Putin",
        "Turkey",
        "United Nations",
        "Recep Tayyip Erdoğan",
    ];
    const ALL_COLUMNS: [&str; 5] = [
        "grain corridor",
        "ceasefire",
        "sanctions",
        "Black Sea ports",
        "Istanbul talks",
    ];

    #[test]
    fn each_filter_alone_and_together() {
        use ActorKind::{Bloc, Person};
        let matrix = corpus();
        let some = |kind| Some(kind);
        let cases: [(&str, MatrixFilter, &[&str], &[&str]); 16] = [
            (
                "nothing set",
                MatrixFilter::default(),
                &ALL_ROWS,
                &ALL_COLUMNS,
            ),
            (
                "K = 0 is off",
                filter(None, 0, false, ""),
                &ALL_ROWS,
                &ALL_COLUMNS,
            ),
            (
                "blank text",
                filter(None, 1, false, "  "),
                &ALL_ROWS,
                &ALL_COLUMNS,
            ),
            // Topics have no kind: the kind narrows the rows alone.
            (
                "people",
                filter(some(Person), 1, false, ""),
                &["Vladimir Putin", "Recep Tayyip Erdoğan"],
                &ALL_COLUMNS,
            ),
            (
                "no bloc",
                filter(some(Bloc), 1, false, ""),
                &[],
                &ALL_COLUMNS,
            ),
            (
                "two articles",
                filter(None, 2, false, ""),
                &["Russia", "Ukraine"],
                &["grain corridor"],
            ),
            // Erdoğan takes no stance; the talks' one suggestion was rejected.
            (
                "stances",
                filter(None, 1, true, ""),
                &ALL_ROWS[..5],
                &ALL_COLUMNS[..4],
            ),
            (
                "people's stances",
                filter(some(Person), 1, true, ""),
                &["Vladimir Putin"],
                &["sanctions"],
            ),
            // A column found keeps the rows with cells in it, in any case.
            (
                "a topic",
                filter(None, 1, false, "GRAIN"),
                &["Russia", "Ukraine", "Turkey"],
                &["grain corridor"],
            ),
            (
                "a phrase",
                filter(None, 1, false, "grain deal"),
                &["Russia", "Ukraine", "Turkey"],
                &["grain corridor"],
            ),
            // A row found by an alias keeps the columns it has cells in, a rejection too...
            (
                "an alias",
                filter(None, 1, false, "kremlin"),
                &["Russia"],
                &["grain corridor", "ceasefire", "Istanbul talks"],
            ),
            // ... unless only stances show.
            (
                "an alias's stances",
                filter(None, 1, true, "Kremlin"),
                &["Russia"],
                &["grain corridor", "ceasefire"],
            ),
            (
                "a topic no person is in",
                filter(some(Person), 1, false, "ports"),
                &[],
                &["Black Sea ports"],
            ),
            (
                "a row without cells",
                filter(None, 1, false, "ERDOĞAN"),
                &["Recep Tayyip Erdoğan"],
                &[],
            ),
            // What other filters hide is not found.
            ("hidden alias", filter(None, 2, false, "ankara"), &[], &[]),
            ("nothing found", filter(None, 1, false, "zzz"), &[], &[]),
        ];
        for (what, f, rows, columns) in cases {
            let shown = apply(&matrix, &f, false);
            let (got_rows, got_columns) = names(&matrix, &shown);
            assert_eq!(got_rows, rows, "{what}: rows");
            assert_eq!(got_columns, columns, "{what}: columns");
            // Only the first three leave the filter off.
            let off = ["nothing set", "K = 0 is off", "blank text"].contains(&what);
            assert_eq!(f.is_active(), !off, "{what}: active");
        }
    }

    #[test]
    fn headers_count_the_cells_that_show_a_stance_over_all_rows() {
        let matrix = corpus();
        // Filtered or not, a column counts all its rows: the talks' one cell was rejected,
        // the ceasefire has two suggestions and one stance set by hand.
        for f in [
            MatrixFilter::default(),
            filter(Some(ActorKind::Person), 2, true, "x"),
        ] {
            let shown = apply(&matrix, &f, false);
            assert_eq!(shown.column_stances, [3, 3, 1, 1, 0]);
        }
    }

    #[test]
    fn people_stand_under_their_country_when_it_shows() {
        let matrix = corpus();
        let grouped = |f: &MatrixFilter| names(&matrix, &apply(&matrix, f, true)).0;
        assert_eq!(
            grouped(&MatrixFilter::default()),
            [
                "Russia",
                "  Vladimir Putin",
                "Ukraine",
                "Turkey",
                "  Recep Tayyip Erdoğan",
                "United Nations"
            ]
        );
        // Without their countries people stand on their own.
        assert_eq!(
            grouped(&filter(Some(ActorKind::Person), 1, false, "")),
            ["Vladimir Putin", "Recep Tayyip Erdoğan"]
        );
        assert_eq!(
            grouped(&filter(None, 1, true, "")),
            [
                "Russia",
                "  Vladimir Putin",
                "Ukraine",
                "Turkey",
                "United Nations"
            ]
        );
        // Keyboard positions count the rows shown.
        let shown = apply(&matrix, &MatrixFilter::default(), true);
        let putin = ActorId("person:vladimir-putin".into());
        assert_eq!(shown.row_position(&matrix, &putin), Some(1));
        let shown = apply(&matrix, &filter(None, 2, false, ""), true);
        assert_eq!(shown.row_position(&matrix, &putin), None);
        let grain = crate::model::TopicId("grain-corridor".into());
        assert_eq!(shown.column_position(&matrix, &grain), Some(0));
    }

    #[test]
    fn the_summary_counts_with_thousands() {
        for (n, want) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (1203, "1,203"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(thousands(n), want);
        }
        let matrix = corpus();
        let shown = apply(
            &matrix,
            &filter(Some(ActorKind::Person), 1, true, ""),
            false,
        );
        let f = filter(Some(ActorKind::Person), 1, true, "");
        assert_eq!(
            summary(&shown, &matrix, &f),
            "Showing 1 of 6 actors, 1 of 5 topics"
        );
    }

    #[test]
    fn suggestions_under_the_threshold_show_empty_and_are_counted() {
        let matrix = corpus();
        let confidences: Vec<f32> = matrix
            .cells
            .values()
            .filter_map(|v| v.suggestion.as_ref().map(|s| s.confidence))
            .collect();
        assert!(!confidences.is_empty(), "the corpus has suggestions");
        let every = filter(None, 1, true, "");
        let all = apply(&matrix, &every, false);
        assert_eq!(all.hidden, 0);
        // Above every suggestion's confidence: all of them hidden, and with them every row
        // and column that only they filled.
        let mut none = every.clone();
        none.min_confidence = 100;
        let hidden = apply(&matrix, &none, false);
        let unreviewed = matrix
            .cells
            .values()
            .filter(|v| v.suggestion.is_some() && v.annotation.is_none() && v.decision.is_none())
            .count();
        assert_eq!(hidden.hidden as usize, unreviewed);
        assert!(
            hidden.rows.len() < all.rows.len(),
            "rows with only suggestions go"
        );
        assert!(summary(&hidden, &matrix, &none).contains("under confidence 1.00 hidden"));
        for view in matrix.cells.values() {
            if view.annotation.as_ref().is_some_and(|a| a.stance.is_some()) {
                assert!(none.shown(view).is_some(), "a hand stance always shows");
            }
        }
        // The default hides only what is under its threshold.
        let default = MatrixFilter::default();
        for view in matrix.cells.values() {
            let low = view
                .suggestion
                .as_ref()
                .is_some_and(|s| s.confidence < default.threshold())
                && view.annotation.is_none()
                && view.decision.is_none();
            assert_eq!(default.shown(view).is_none() && view.shown().is_some(), low);
        }
    }

    #[test]
    fn the_cache_computes_again_only_when_something_changed() {
        let matrix = corpus();
        let mut cache = ShownCache::default();
        let mut f = MatrixFilter::default();
        assert_eq!(cache.get(&matrix, 1, &f, false).rows.len(), 6);
        cache.get(&matrix, 1, &f, false);
        assert_eq!(cache.builds, 1, "the same frame again costs nothing");
        f.find = "kremlin".into();
        assert_eq!(cache.get(&matrix, 1, &f, false).rows.len(), 1);
        assert_eq!(cache.builds, 2);
        cache.get(&matrix, 2, &f, false);
        assert_eq!(cache.builds, 3, "a new matrix");
        cache.get(&matrix, 2, &f, true);
        cache.get(&matrix, 2, &f, true);
        assert_eq!(cache.builds, 4, "people grouped");
    }
}
