//! One running copy owns a session file: a lock file beside it (`NAME.ron.lock`) holds the
//! owner's process id. Another copy that finds it, with that process still running, opens the
//! session as a copy instead, so that two windows never write the same session or autosave. A
//! lock whose process is gone (a crash) is stale and taken over.

use std::path::{Path, PathBuf};

/// A session file owned by this process; the lock file goes when this is dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

/// Another running copy owns the session.
#[derive(Debug, PartialEq, Eq)]
pub struct Held {
    pub pid: u32,
}

/// The lock file that goes with a session file.
pub fn lock_path(session: &Path) -> PathBuf {
    let mut name = session.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Whether the process `pid` is running. Where that cannot be told, it is taken as running,
/// so that a lock is never taken from a live owner.
fn running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        // A killed process lingers as a zombie until its parent reaps it: it runs no more.
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Ok(stat) => stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .is_none_or(|state| state != "Z" && state != "X"),
            Err(_) => Path::new(&format!("/proc/{pid}")).exists(),
        }
    } else {
        true
    }
}

/// Takes the session file `session` for this process, unless another running copy holds it.
/// A lock that cannot be written is not an error: the session still opens, unguarded.
pub fn acquire(session: &Path) -> Result<Option<Lock>, Held> {
    if let Some(held) = holder(session) {
        return Err(held);
    }
    let path = lock_path(session);
    let written = super::write_atomic(&path, std::process::id().to_string().as_bytes()).is_ok();
    Ok(written.then(|| {
        *holders().entry(path.clone()).or_default() += 1;
        Lock { path }
    }))
}

/// How many `Lock`s of this process exist per lock file: the file goes with the last one (a
/// window that saves or reloads its own session takes the lock again before dropping the old).
fn holders() -> std::sync::MutexGuard<'static, std::collections::HashMap<PathBuf, usize>> {
    static HOLDERS: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<PathBuf, usize>>,
    > = std::sync::OnceLock::new();
    HOLDERS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Another running copy that holds the session file `session`, if any (reads the small lock
/// file, writes nothing).
pub fn holder(session: &Path) -> Option<Held> {
    let text = std::fs::read_to_string(lock_path(session)).ok()?;
    let pid = text.trim().parse::<u32>().ok()?;
    (pid != std::process::id() && running(pid)).then_some(Held { pid })
}

/// Removes every lock file this process holds, for a process about to end without running its
/// destructors (a signal). Locks another copy has taken over are left alone.
pub fn release_all() {
    let mut held = holders();
    for (path, _) in held.drain() {
        if owned_by_us(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether the lock file holds this process's id.
fn owned_by_us(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| t.trim().parse::<u32>().ok())
        == Some(std::process::id())
}

impl Drop for Lock {
    fn drop(&mut self) {
        let mut held = holders();
        let count = held.entry(self.path.clone()).or_default();
        *count = count.saturating_sub(1);
        if *count > 0 {
            return;
        }
        held.remove(&self.path);
        // Only our own lock is removed (a copy that took over a stale one owns it now).
        if owned_by_us(&self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_copy_owns_a_session_and_a_stale_lock_is_taken_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = dir.path().join("s.ron");
        let lock = acquire(&session).expect("free").expect("written");
        assert!(lock_path(&session).exists());
        // This process again (saving or reloading its own session) takes it again; the file
        // stays until the last of the two goes.
        let again = acquire(&session).expect("ours").expect("written");
        drop(lock);
        assert!(lock_path(&session).exists(), "still held");
        drop(again);
        assert!(!lock_path(&session).exists(), "released on drop");

        // A running process holds it: pid 1 is always running on Linux.
        if cfg!(target_os = "linux") {
            std::fs::write(lock_path(&session), "1").expect("write");
            assert_eq!(acquire(&session).map(|_| ()), Err(Held { pid: 1 }));
        }
        // A process that is gone does not.
        std::fs::write(lock_path(&session), u32::MAX.to_string()).expect("write");
        if cfg!(target_os = "linux") {
            let lock = acquire(&session).expect("stale").expect("written");
            drop(lock);
            assert!(!lock_path(&session).exists());
        }
    }

    #[test]
    fn a_killed_copy_not_yet_reaped_holds_nothing() {
        if !cfg!(target_os = "linux") {
            return;
        }
        // A child that has exited and is not waited for stays a zombie.
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let pid = child.id();
        let stat_file = format!("/proc/{pid}/stat");
        let start = std::time::Instant::now();
        while !std::fs::read_to_string(&stat_file).is_ok_and(|s| s.contains(") Z"))
            && start.elapsed() < std::time::Duration::from_secs(5)
        {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(Path::new(&format!("/proc/{pid}")).exists(), "still listed");
        assert!(!running(pid));
        let _ = child.wait();
    }
}
