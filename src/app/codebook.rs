//! The session's codebook in the window: importing and exporting it (File › Import codebook…,
//! Export codebook…), and keeping the open articles read with it. When the session's codebook
//! changes (imported, undone, a session with one opened), the analyser for it is compiled on a
//! thread, then every open article read by another analyser is read again on a thread; the
//! matrix follows when they come back.

use super::BriefingApp;
use crate::analysis::Analyzer;
use crate::command::Command;
use crate::document::Document;
use crate::jobs::{JobError, Purpose};
use crate::model::codebook::Codebook;
use std::path::PathBuf;
use std::sync::Arc;

/// Which analyser the open articles should be read with, and what is under way.
#[derive(Debug, Default)]
pub(super) struct Reading {
    /// The user lexicon folder (`--lexicon DIR`): codebook analysers are built over it.
    lexicon_dir: Option<PathBuf>,
    /// The user lexicon's analyser, for a session without a codebook (`None`: the bundled one).
    base: Option<Arc<Analyzer>>,
    /// The codebook the jobs' analyser was built for (empty: none).
    built_for: Codebook,
    /// An analyser is being compiled.
    building: bool,
    /// Articles are being read again.
    rereading: bool,
    /// The articles and analyser last checked for articles to read again.
    checked: Option<(u64, Option<u64>)>,
}

impl Reading {
    /// Reading with the user lexicon in `lexicon_dir` (compiled as `base`), no codebook yet.
    pub fn new(lexicon_dir: Option<PathBuf>, base: Option<Arc<Analyzer>>) -> Self {
        Self {
            lexicon_dir,
            base,
            ..Self::default()
        }
    }
}

impl BriefingApp {
    /// File › Import codebook…: the file dialog, then the file is read on a thread.
    pub(super) fn import_codebook(&mut self) {
        self.jobs.pick(Purpose::ImportCodebook);
        self.ui.say("Choose a codebook (.ron) in the file dialog…");
    }

    /// File › Export codebook…: the file dialog, then the file is written on a thread.
    pub(super) fn export_codebook(&mut self) {
        if self.work.session().codebook.is_empty() {
            self.ui
                .say("This session has no codebook yet: import one with File › Import codebook….");
        } else {
            self.jobs.pick(Purpose::ExportCodebook);
            self.ui
                .say("Choose where to write the codebook in the file dialog…");
        }
    }

    /// Reads the codebook in `path` and makes it the session's, as File › Import codebook…
    /// does once the file dialog has chosen it.
    pub fn import_codebook_file(&mut self, path: PathBuf) {
        self.jobs.read_codebook(path);
    }

    /// The file dialog chose `path` for the codebook.
    pub(super) fn codebook_picked(&mut self, purpose: &Purpose, path: PathBuf) {
        match purpose {
            Purpose::ImportCodebook => self.jobs.read_codebook(path),
            Purpose::ExportCodebook => {
                let book = self.work.session().codebook.clone();
                self.jobs.write_codebook(path, book);
            }
            _ => {}
        }
    }

    /// A codebook file was read: it becomes the session's (one undoable edit).
    pub(super) fn on_codebook_read(
        &mut self,
        path: &std::path::Path,
        result: Result<Codebook, String>,
    ) {
        match result {
            Ok(book) => {
                let (topics, actors) = (book.topics.len(), book.actors.len());
                let _ = self.edit(Command::SetCodebook(book));
                self.ui.say(format!(
                    "Imported the codebook {}: {topics} topic{}, {actors} actor{}. The open articles are read again with it.",
                    path.display(),
                    if topics == 1 { "" } else { "s" },
                    if actors == 1 { "" } else { "s" },
                ));
            }
            Err(message) => self.ui.warn(message),
        }
    }

    /// The codebook was written, or not.
    pub(super) fn on_codebook_written(
        &mut self,
        path: &std::path::Path,
        result: Result<(), String>,
    ) {
        match result {
            Ok(()) => self
                .ui
                .say(format!("Exported the codebook to {}", path.display())),
            Err(message) => self.ui.warn(message),
        }
    }

    /// The analyser for `codebook` was compiled: articles open from now on go through it, and
    /// those open already are read again (see [`BriefingApp::follow_codebook`]).
    pub(super) fn on_analyzer_built(
        &mut self,
        codebook: Codebook,
        result: Result<Arc<Analyzer>, String>,
    ) {
        self.reading.building = false;
        match result {
            Ok(analyzer) => self.jobs.set_analyzer(Some(analyzer)),
            Err(message) => self.ui.warn(format!(
                "The codebook could not be read into the analysis ({message}); the articles keep their analysis."
            )),
        }
        // Tried once either way: a codebook that cannot be compiled is not tried every frame.
        self.reading.built_for = codebook;
    }

    /// Open articles were read again: they take the place of the ones shown.
    pub(super) fn on_read_again(&mut self, results: Vec<Result<Box<Document>, JobError>>) {
        self.reading.rereading = false;
        let mut docs = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(doc) => docs.push(*doc),
                Err(e) => self
                    .ui
                    .warn(format!("An article could not be read again: {e}")),
            }
        }
        let put = self.work.put_read_again(docs);
        if put > 0 {
            let book = &self.work.session().codebook;
            self.ui.say(if book.is_empty() {
                format!(
                    "Read {put} article{} again without a codebook.",
                    plural(put)
                )
            } else {
                format!("Read {put} article{} again with the codebook.", plural(put))
            });
        }
    }

    /// Each frame: when the session's codebook is not the one the analyser was built for,
    /// build it; when open articles were read by another analyser, read them again. One of
    /// each at a time.
    pub(super) fn follow_codebook(&mut self) {
        let wanted = &self.work.session().codebook;
        if !self.reading.building && *wanted != self.reading.built_for {
            if wanted.is_empty() {
                self.jobs.set_analyzer(self.reading.base.clone());
                self.reading.built_for = Codebook::default();
            } else {
                self.reading.building = true;
                self.jobs
                    .build_analyzer(self.reading.lexicon_dir.clone(), wanted.clone());
            }
        }
        if self.reading.building || self.reading.rereading {
            return;
        }
        let current = match self.jobs.analyzer() {
            Some(a) => Some(a.id()),
            None => Analyzer::bundled_if_compiled().map(Analyzer::id),
        };
        let key = (self.work.docs_version(), current);
        if self.reading.checked == Some(key) {
            return;
        }
        self.reading.checked = Some(key);
        let stale: Vec<_> = self
            .work
            .docs()
            .iter()
            .filter(|d| Some(d.analyzer) != current)
            .map(|d| (d.source.clone(), d.article.clone()))
            .collect();
        // With no analyser compiled yet, nothing was read with the bundled one either: the
        // articles open were read with another (a codebook since dropped), and are read again.
        if !stale.is_empty() {
            self.reading.rereading = true;
            self.jobs.read_again(stale);
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
