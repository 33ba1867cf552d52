//! Ending on a signal (logout, shutdown, `kill`, Ctrl+C in the terminal that started the
//! window): what is unsaved is autosaved at once and this copy's locks are freed before the
//! process goes, so that the next start offers the work back and finds no lock left behind.
//! Destructors do not run on a signal, so this is done here, on a thread of its own: it works
//! whether or not the window is drawing frames.

use crate::autosave::Flusher;

/// How long the autosave may take before the process ends anyway.
const FLUSH_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Starts listening for SIGTERM, SIGINT and SIGHUP. For the window only: tests and the
/// command line keep the default handling.
#[cfg(unix)]
pub fn install(flusher: Flusher) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if !flusher.flush(FLUSH_WAIT) {
                    eprintln!("briefing: the autosave did not finish in time");
                }
                crate::storage::lock::release_all();
                std::process::exit(128 + signal);
            }
        });
}

/// Elsewhere the default handling stays.
#[cfg(not(unix))]
pub fn install(_flusher: Flusher) {}
