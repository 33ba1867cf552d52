//! The articles being opened in the background: one entry per job, with where it stands, the
//! place its article takes among the open ones and why it was asked for. The window lists them
//! (a progress bar with Cancel each) and reads an entry back when its job ends.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why an article is being opened; it decides what its arrival does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The analyst asked for it: it becomes part of the session and a recent file.
    Asked,
    /// The session holds it already, or it is the sample: it is shown without counting as a
    /// change or entering the recent files.
    Quiet,
    /// Undo or redo brought it back into the session: read again, or listed as missing.
    Restoring,
}

/// One article on its way.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    /// The job opening it, to cancel.
    pub job: u64,
    pub path: PathBuf,
    /// What the job is doing now ("reading", "analysing", …).
    pub stage: &'static str,
    /// How far it is, 0 to 1.
    pub fraction: f32,
    /// Its place among the open articles: the order it was asked for in, not the order it
    /// finishes in.
    pub order: u64,
    pub why: Why,
}

/// Every article being opened, by job.
#[derive(Debug, Default)]
pub struct Openings {
    by_job: BTreeMap<u64, Opening>,
    /// How many were started since nothing was being opened: the batch under way.
    batch: usize,
    /// The last order handed out.
    last_order: u64,
}

impl Openings {
    /// The place for the next article asked for.
    pub fn next_order(&mut self) -> u64 {
        self.last_order += 1;
        self.last_order
    }

    /// Records that `job` opens `path`.
    pub fn start(&mut self, job: u64, path: PathBuf, order: u64, why: Why) {
        if self.by_job.is_empty() {
            self.batch = 0;
        }
        self.batch += 1;
        self.by_job.insert(
            job,
            Opening {
                job,
                path,
                stage: "opening",
                fraction: 0.0,
                order,
                why,
            },
        );
    }

    /// A job moved on. Progress of a job no longer listed (cancelled, or opening for a session
    /// since replaced) is dropped, so it cannot come back.
    pub fn progress(&mut self, job: u64, stage: &'static str, fraction: f32) {
        if let Some(opening) = self.by_job.get_mut(&job) {
            opening.stage = stage;
            opening.fraction = fraction;
        }
    }

    /// A job ended (or was cancelled): its entry, if it was still listed.
    pub fn end(&mut self, job: u64) -> Option<Opening> {
        self.by_job.remove(&job)
    }

    /// Forgets every entry and returns their jobs, to cancel.
    pub fn clear(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.by_job).into_keys().collect()
    }

    /// Ends the articles undo or redo was bringing back that the session no longer holds;
    /// returns their jobs, to cancel.
    pub fn drop_restoring(&mut self, mut held: impl FnMut(&Path) -> bool) -> Vec<u64> {
        let gone: Vec<u64> = self
            .by_job
            .values()
            .filter(|o| o.why == Why::Restoring && !held(&o.path))
            .map(|o| o.job)
            .collect();
        for job in &gone {
            self.by_job.remove(job);
        }
        gone
    }

    /// Whether `path` is being opened.
    pub fn has(&self, path: &Path) -> bool {
        self.by_job.values().any(|o| o.path == path)
    }

    /// The entries, by job (the order they were started in).
    pub fn iter(&self) -> impl Iterator<Item = &Opening> {
        self.by_job.values()
    }

    /// The entry started first.
    pub fn first(&self) -> Option<&Opening> {
        self.by_job.values().next()
    }

    /// The batch under way: how many of its articles are done, of how many.
    pub fn batch(&self) -> (usize, usize) {
        (self.batch.saturating_sub(self.by_job.len()), self.batch)
    }

    pub fn len(&self) -> usize {
        self.by_job.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_job.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_after_an_end_does_not_bring_a_job_back() {
        let mut o = Openings::default();
        let order = o.next_order();
        o.start(7, PathBuf::from("a.txt"), order, Why::Asked);
        o.progress(7, "analysing", 0.5);
        assert_eq!(
            o.first().map(|e| (e.stage, e.fraction)),
            Some(("analysing", 0.5))
        );
        let ended = o.end(7).expect("listed");
        assert_eq!((ended.order, ended.why), (1, Why::Asked));
        o.progress(7, "analysing", 0.9);
        assert!(o.is_empty());
        assert!(o.end(7).is_none());
    }

    #[test]
    fn orders_grow_and_survive_a_clear() {
        let mut o = Openings::default();
        let (a, b) = (o.next_order(), o.next_order());
        assert!(a < b);
        o.start(1, PathBuf::from("a.txt"), a, Why::Quiet);
        o.start(2, PathBuf::from("b.txt"), b, Why::Asked);
        assert!(o.has(Path::new("b.txt")) && !o.has(Path::new("c.txt")));
        assert_eq!(o.batch(), (0, 2));
        o.end(1);
        assert_eq!(o.batch(), (1, 2), "one of the two is done");
        let third = o.next_order();
        o.start(3, PathBuf::from("c.txt"), third, Why::Asked);
        assert_eq!(o.batch(), (1, 3), "joined the batch under way");
        assert_eq!(o.clear(), vec![2, 3]);
        let fourth = o.next_order();
        o.start(4, PathBuf::from("d.txt"), fourth, Why::Asked);
        assert_eq!(o.batch(), (0, 1), "a new batch");
        assert_eq!(o.clear(), vec![4]);
        assert_eq!(o.len(), 0);
        // Articles asked for after a new session still come after the earlier ones.
        assert!(o.next_order() > b);
    }

    #[test]
    fn only_articles_being_restored_that_the_session_dropped_are_ended() {
        let mut o = Openings::default();
        o.start(1, PathBuf::from("kept.txt"), 1, Why::Restoring);
        o.start(2, PathBuf::from("gone.txt"), 2, Why::Restoring);
        o.start(3, PathBuf::from("asked.txt"), 3, Why::Asked);
        let gone = o.drop_restoring(|p| p == Path::new("kept.txt"));
        assert_eq!(gone, vec![2]);
        let left: Vec<u64> = o.iter().map(|e| e.job).collect();
        assert_eq!(left, vec![1, 3]);
    }
}
