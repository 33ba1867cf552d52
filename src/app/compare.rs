//! Comparing with other coders' sessions in the window (File › Compare with session…): each
//! one is read on a thread, its decisions are taken from its export over the open articles
//! (as `briefing agree` does), and the agreement with this session is worked out again when
//! this session or its matrix changes, never every frame. The matrix then marks the cells
//! where coders differ; F8 and Shift+F8 step through them; taking another coder's stance is an
//! ordinary, undoable edit.

use super::BriefingApp;
use crate::export::agreement::{UnitKind, coder_work};
use crate::model::agreement::{CoderWork, Report};
use crate::model::session::{ArticleRef, Cell, Session};
use crate::ui::{self, Comparison};
use std::path::{Path, PathBuf};

/// The sessions compared with, and what the comparison was last worked out for.
#[derive(Debug, Default)]
pub(super) struct Compared {
    /// Each other session's file and its coder's decisions.
    others: Vec<(PathBuf, CoderWork)>,
    /// The matrix version and session state the window's comparison was built for.
    built_for: Option<(u64, u64)>,
    /// Sessions to compare with once the window's own session and articles are open
    /// (`--compare FILE`).
    pub pending: Vec<PathBuf>,
    /// The analyst was asked for their name this run.
    asked_name: bool,
}

/// The coder of a session read from `path`: the name it carries, else its file's name.
fn coder_of(session: &Session, path: &Path) -> String {
    session.coder.clone().unwrap_or_else(|| {
        path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    })
}

impl BriefingApp {
    /// The session read, or (having said why it could not be) nothing.
    fn read_or_say(&mut self, result: Result<Box<Session>, String>) -> Option<Box<Session>> {
        result
            .map_err(|message| self.ui.warn(ui::capitalised(&message)))
            .ok()
    }

    /// Reads the session in `path` on a thread and, once read, compares this session with it
    /// (File › Compare with session… does this once the file dialog has chosen it).
    /// Comparing and merging name each coder: the first time this run, an analyst who gave no
    /// name is asked for one (they may leave it empty).
    fn ask_name_once(&mut self) {
        if self.settings.coder.is_none()
            && self.work.session().coder.is_none()
            && !self.compared.asked_name
            && self.ui.modal.is_none()
        {
            self.compared.asked_name = true;
            self.ui.modal = Some(ui::Modal::Preferences {
                name: String::new(),
                why: Some(
                    "Comparing and merging name each coder. What is your name? (Your edits carry it from now on; you may leave it empty.)",
                ),
            });
        }
    }

    pub fn compare_with(&mut self, path: PathBuf) {
        self.ask_name_once();
        self.ui
            .say(format!("Reading {} to compare…", path.display()));
        self.jobs.load_compare(path, false);
    }

    /// Reads the session in `path` on a thread and merges it into this one (File › Merge
    /// session… does this once the file dialog has chosen it).
    pub fn merge_with(&mut self, path: PathBuf) {
        self.ask_name_once();
        self.ui.say(format!("Reading {} to merge…", path.display()));
        self.jobs.load_compare(path, true);
    }

    /// Another session was read to merge: one undoable edit takes it in; what the two
    /// disagreed on is said, and the cells set differently are marked until settled.
    pub(super) fn on_merge_loaded(&mut self, path: &Path, result: Result<Box<Session>, String>) {
        let Some(other) = self.read_or_say(result) else {
            return;
        };
        let ours = self.own_coder();
        let theirs = coder_of(&other, path);
        let conflicts =
            crate::model::merge::merge(self.work.session(), &other, &ours, &theirs).conflicts;
        let added: Vec<ArticleRef> = other
            .articles
            .iter()
            .filter(|a| {
                !self
                    .work
                    .session()
                    .articles
                    .iter()
                    .any(|o| o.path == a.path)
            })
            .cloned()
            .collect();
        if self
            .edit(crate::command::Command::MergeSession {
                other,
                ours,
                theirs: theirs.clone(),
            })
            .is_err()
        {
            return;
        }
        // The other coder's articles this session lacked open too.
        for article in added {
            self.open(article.path);
        }
        let waiting = self.work.session().disputed.len();
        self.ui.say(format!(
            "Merged {theirs}'s session: {} point{} where you disagreed, {waiting} cell{} to settle (marked {}; Take one in the cell's card). Undo with Ctrl+Z.",
            conflicts.len(),
            if conflicts.len() == 1 { "" } else { "s" },
            if waiting == 1 { "" } else { "s" },
            crate::ui::matrix_ui::DIFFERS_MARK
        ));
    }

    /// Starts the comparisons asked for at start once nothing is being opened any more.
    pub(super) fn start_pending_comparisons(&mut self) {
        if self.compared.pending.is_empty() || self.is_busy() || !self.openings.is_empty() {
            return;
        }
        for path in std::mem::take(&mut self.compared.pending) {
            self.compare_with(path);
        }
    }

    /// File › Compare with session…, Stop comparing, F8 and Shift+F8.
    pub(super) fn compare_command(&mut self, command: crate::ui::commands::UiCommand) {
        use crate::ui::commands::UiCommand;
        match command {
            UiCommand::CompareSession => {
                self.jobs.pick(crate::jobs::Purpose::CompareSession);
                self.ui
                    .say("Choose another coder's session (.ron) in the file dialog…");
            }
            UiCommand::MergeSession => {
                self.jobs.pick(crate::jobs::Purpose::MergeSession);
                self.ui
                    .say("Choose the session (.ron) to merge into this one in the file dialog…");
            }
            UiCommand::StopComparing => self.stop_comparing(),
            UiCommand::NextDisagreement => self.step_disagreement(true),
            UiCommand::PreviousDisagreement => self.step_disagreement(false),
            _ => {}
        }
    }

    /// Stops comparing: the matrix shows this session alone again.
    fn stop_comparing(&mut self) {
        self.compared = Compared::default();
        self.ui.compare = None;
        self.ui.say("Stopped comparing.");
    }

    /// The coder of this session: the name it carries, else its file's name.
    fn own_coder(&self) -> String {
        self.work
            .session()
            .coder
            .clone()
            .or_else(|| self.settings.coder.clone())
            .or_else(|| self.session_name())
            .unwrap_or_else(|| "This session".to_owned())
    }

    /// Another session was read (or not): it joins the comparison when it shares articles
    /// with this one.
    pub(super) fn on_compare_loaded(&mut self, path: &Path, result: Result<Box<Session>, String>) {
        let Some(other) = self.read_or_say(result) else {
            return;
        };
        let ours = &self.work.session().articles;
        let shares = |a: &ArticleRef| {
            ours.iter()
                .any(|o| o.path == a.path || (!a.hash.is_empty() && o.hash == a.hash))
        };
        if !other.articles.iter().any(shares) {
            self.ui.warn(format!(
                "{} shares no article with this session: there is nothing to compare. Open the same articles first.",
                path.display()
            ));
            return;
        }
        let coder = coder_of(&other, path);
        // As `briefing agree` reads it: the other session's edits over the open articles.
        let export = crate::export::model::build(self.work.docs(), &other, &[]);
        let work = coder_work(&export, &coder, UnitKind::Cell, &other.articles);
        self.compared.others.retain(|(p, _)| p != path);
        self.compared.others.push((path.to_path_buf(), work));
        self.compared.built_for = None;
        self.refresh_comparison();
        if let Some(c) = &self.ui.compare {
            self.ui.say(format!(
                "Comparing with {coder}: {} cells where you differ (F8 goes to the next).",
                c.differ.len()
            ));
        }
    }

    /// Works the comparison out again when this session or its matrix changed.
    pub(super) fn refresh_comparison(&mut self) {
        if self.compared.others.is_empty() {
            return;
        }
        let now = (self.work.matrix_version(), self.work.state());
        if self.compared.built_for == Some(now) {
            return;
        }
        self.compared.built_for = Some(now);
        let export = self.work.export_model();
        let mut work = vec![coder_work(
            &export,
            &self.own_coder(),
            UnitKind::Cell,
            &self.work.session().articles,
        )];
        work.extend(self.compared.others.iter().map(|(_, w)| w.clone()));
        let report = Report::build(&work);
        // The cells where coders differ, in the matrix's order (rows, then columns).
        let matrix = self.work.matrix();
        let mut differ: Vec<(Cell, Vec<_>)> = report
            .disagreements
            .iter()
            .map(|d| {
                (
                    Cell {
                        actor: d.unit.actor.clone(),
                        topic: d.unit.topic.clone(),
                    },
                    d.codings.clone(),
                )
            })
            .collect();
        differ.sort_by_key(|(cell, _)| {
            (
                matrix.row_position(&cell.actor).unwrap_or(usize::MAX),
                matrix.column_position(&cell.topic).unwrap_or(usize::MAX),
            )
        });
        self.ui.compare = Some(Comparison::new(report, differ));
    }

    /// F8 (or Shift+F8): the next (previous) cell where coders differ is selected and shown.
    fn step_disagreement(&mut self, forward: bool) {
        let Some(compare) = &self.ui.compare else {
            self.ui
                .say("Not comparing: File › Compare with session… first.");
            return;
        };
        if compare.differ.is_empty() {
            self.ui.say("The coders agree on every cell both coded.");
            return;
        }
        let n = compare.differ.len();
        let at = self.ui.selected_cell().and_then(|c| compare.position(c));
        let next = match (at, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        let cell = compare.differ[next].0.clone();
        self.ui.say(format!("Disagreement {} of {n}", next + 1));
        self.ui.detail = ui::Detail::Cell(cell);
        self.ui.key_panel = ui::KeyPanel::Matrix;
        self.ui.requests.ask(ui::Request::RevealCell);
    }
}
