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
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// Takes the session file `session` for this process, unless another running copy holds it.
/// A lock that cannot be written is not an error: the session still opens, unguarded.
pub fn acquire(session: &Path) -> Result<Option<Lock>, Held> {
    let path = lock_path(session);
    let own = std::process::id();
    if let Ok(text) = std::fs::read_to_string(&path)
        && let Ok(pid) = text.trim().parse::<u32>()
        && pid != own
        && running(pid)
    {
        return Err(Held { pid });
    }
    Ok(super::write_atomic(&path, own.to_string().as_bytes())
        .ok()
        .map(|()| Lock { path }))
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only our own lock is removed (a copy that took over a stale one owns it now).
        let ours = std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| t.trim().parse::<u32>().ok())
            == Some(std::process::id());
        if ours {
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
        // This process again (a second window of the same copy) may take it.
        assert!(acquire(&session).is_ok());
        drop(lock);
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
}
