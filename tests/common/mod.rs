//! Hostile inputs shared by the command-line and window tests.

/// A sentence with an actor, a cue and a topic: every repetition feeds the same matrix cell.
pub const SENTENCE: &str = "Russia rejected the ceasefire talks, the Kremlin said on Tuesday. ";

/// `SENTENCE` repeated to about `mb` megabytes, on one line.
pub fn repeated_sentence(mb: usize) -> String {
    SENTENCE.repeat(mb * 1024 * 1024 / SENTENCE.len())
}

/// An HTML page with its one paragraph nested `depth` `<div>`s deep.
pub fn nested_html(depth: usize) -> String {
    format!(
        "<html><body>{}<p>Moscow rejected the plan.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}
