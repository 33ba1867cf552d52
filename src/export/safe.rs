//! What every export does to a value before writing it, so that a name, topic or note taken
//! from a session or an article (which anyone can write) cannot act on the export's reader:
//!
//! - CSV: a cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//!   tab or a carriage return) gets a leading `'`, as the OWASP guidance on CSV injection says.
//! - Markdown: each value stays on its line or in its table cell, and the characters Markdown
//!   or HTML give a meaning (`<`, `[`, `|`, `*`, a backtick, …) are escaped with a backslash, so
//!   a renderer shows them as written: no raw HTML, no link, no emphasis out of a name.
//! - XML (GraphML, SVG) and HTML: characters XML 1.0 forbids (NUL and the other control codes
//!   but tab and line breaks) are replaced by U+FFFD, and the bidirectional embedding, override
//!   and isolate controls (U+202A–U+202E, U+2066–U+2069), which would reorder the text around
//!   a name, are dropped. The writers escape `<`, `>`, `&` and quotes as before.

use std::borrow::Cow;

/// The bidirectional controls that change the order of the text after them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether XML 1.0 allows `c` in a document (tab, line feed and carriage return are the only
/// control codes it allows; U+FFFE and U+FFFF are not characters).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || !(c.is_control() && c < '\u{80}' || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// A value for XML or HTML: forbidden characters become U+FFFD, bidi controls go; line breaks
/// stay.
pub fn xml_text(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| is_xml_char(c) && !is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|c| !is_bidi_control(*c))
            .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
            .collect(),
    )
}

/// A value on one line: line breaks and tabs become spaces, other control codes U+FFFD, bidi
/// controls go.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !c.is_control() && !is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|c| !is_bidi_control(*c))
            .map(|c| match c {
                '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// A value for Markdown running text, a list item, a heading or a table cell: on one line,
/// with every character that Markdown or inline HTML would act on escaped.
pub fn md_text(s: &str) -> String {
    let line = one_line(s);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A value for HTML text or an attribute: as [`one_line`], then escaped.
pub fn html_text(s: &str) -> String {
    quick_xml::escape::escape(one_line(s).as_ref()).into_owned()
}

/// A CSV cell a spreadsheet will not run: one that starts like a formula gets a leading `'`.
pub fn csv_field(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Writes one CSV record, each field through [`csv_field`].
pub fn csv_record<W: std::io::Write, S: AsRef<str>>(
    w: &mut csv::Writer<W>,
    fields: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    w.write_record(
        fields
            .into_iter()
            .map(|f| csv_field(f.as_ref()).into_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_writer_gets_a_value_it_cannot_mistake_for_markup() {
        let cases = [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Russia", "Russia"),
            ("a=b", "a=b"),
        ];
        for (value, cell) in cases {
            assert_eq!(csv_field(value), cell, "{value:?}");
        }
        assert_eq!(
            md_text("<script>alert(1)</script> [x](javascript:y) a|b *c*"),
            "\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:y) a\\|b \\*c\\*"
        );
        assert_eq!(md_text("one\n\ntwo\r\nthree"), "one  two  three");
        assert_eq!(
            xml_text("a\0b\x01c\x1Bd\x0Be\nf"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\nf"
        );
        assert_eq!(xml_text("\u{202E}evil\u{202C} name"), "evil name");
        assert_eq!(xml_text("Zelenskyy"), Cow::Borrowed("Zelenskyy"));
        assert_eq!(
            html_text("\"><svg onload=alert(1)>\u{2067}x"),
            "&quot;&gt;&lt;svg onload=alert(1)&gt;x"
        );
        // Right-to-left names keep their letters; only the order-changing controls go.
        assert_eq!(one_line("الرياض"), "الرياض");
    }
}
