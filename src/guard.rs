//! Failure containment at job boundaries: a panic in one article's analysis, one save or one
//! session load becomes an error message for that one piece of work, never a lost window or a
//! CLI run that prints nothing.
//!
//! [`catch`] runs work and turns a panic into a message naming where it happened. The panic hook
//! installed by [`install_hook`] keeps contained panics quiet (no backtrace on the user's
//! terminal) and remembers their location for the message; panics outside [`catch`] still go
//! to the standard hook.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// How many [`catch`] calls are running on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Where the last contained panic on this thread happened.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs the panic hook that keeps panics inside [`catch`] off the terminal. Safe to call
/// more than once.
pub fn install_hook() {
    HOOK.call_once(|| {
        let standard = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) > 0 {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|l| *l.borrow_mut() = at);
            } else {
                standard(info);
            }
        }));
    });
}

/// Runs `work`; a panic inside it comes back as `Err` with the panic's message (and where it
/// happened, when the hook is installed) instead of unwinding further.
///
/// Work handed to `catch` owns or only reads its data, and a panicking job's partial results are
/// dropped with it, so no broken state is seen afterwards: that is why `AssertUnwindSafe` holds.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(work));
    DEPTH.with(|d| d.set(d.get() - 1));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        match LOCATION.with(|l| l.borrow_mut().take()) {
            Some(at) => format!("{message} at {at}"),
            None => message,
        }
    })
}

/// The sentence shown for a contained panic: what was being done, that it is our fault, and
/// what to send us.
pub fn internal_error(doing: &str, detail: &str) -> String {
    format!(
        "internal error while {doing} ({detail}). This is a bug in Briefing, not a problem with \
         your file: please report it, with the file if you can share it. Nothing else was affected."
    )
}

/// Debug builds only: an article containing this text panics inside its analysis, so that tests
/// can show a failure is contained (no real input is known to panic). Release builds have no
/// such hook.
pub const PANIC_MARKER: &str = "\u{F8FF}briefing-test-panic\u{F8FF}";

/// The failure-injection point used with [`PANIC_MARKER`]; does nothing in release builds.
pub fn failpoint(input: &str) {
    #[cfg(debug_assertions)]
    assert!(
        !input.contains(PANIC_MARKER),
        "failpoint reached (test input)"
    );
    #[cfg(not(debug_assertions))]
    let _ = input;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message_with_its_place() {
        let err = catch(|| -> u32 { panic!("boom {}", 7) }).expect_err("panicked");
        assert!(err.starts_with("boom 7 at src/guard.rs:"), "{err}");
        let err = catch(|| -> u32 { panic!("static words") }).expect_err("panicked");
        assert!(err.starts_with("static words"), "{err}");
    }

    #[test]
    fn work_that_does_not_panic_passes_through() {
        assert_eq!(catch(|| 41 + 1), Ok(42));
        // Nested catches keep counting right: the outer one still contains.
        let outer = catch(|| {
            let inner = catch(|| -> u32 { panic!("inner") });
            assert!(inner.is_err());
            panic!("outer")
        });
        assert!(outer.expect_err("outer").starts_with("outer"));
    }
}
