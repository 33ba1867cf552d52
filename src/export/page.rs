//! The analyst's matrix as a picture and as a page: an SVG of the matrix for slides (colours and
//! symbols as in the window), and one self-contained HTML briefing (inline CSS, no scripts,
//! nothing loaded from elsewhere) that prints on A4.

use super::model::{Export, ExportCell, names_or_nobody};
use crate::model::Stance;
// Every value is escaped and kept on one line, without order-changing bidi controls.
use super::safe::html_text as escape;
use std::fmt::Write as _;

/// How a cell reads on the page, marked as in the window when set by hand or accepted.
fn shown(cell: &ExportCell) -> String {
    cell.reads(" •", " √")
}

fn hex(stance: Stance) -> String {
    let [r, g, b] = stance.rgb();
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The matrix as an SVG picture: actors down, topics across, each cell in its stance's colour
/// with its symbol and word (suggestions paler than the analyst's own).
pub fn svg(export: &Export) -> String {
    const NAME_W: usize = 190;
    const CELL_W: usize = 150;
    const CELL_H: usize = 30;
    // Topic names stand at 45° over their columns, so that long ones never run into their
    // neighbours: the header is as tall, and the picture as much wider, as the longest needs.
    const HEAD_CHARS: usize = 32;
    const CHAR_W: f32 = 7.5;
    let heads: Vec<String> = export
        .topics
        .iter()
        .map(|t| short(&t.name, HEAD_CHARS))
        .collect();
    let longest = heads.iter().map(|h| h.chars().count()).max().unwrap_or(0);
    let slant = (longest as f32 * CHAR_W * std::f32::consts::FRAC_1_SQRT_2).ceil() as usize;
    let head_h = slant + 30;
    let width = NAME_W + CELL_W * export.topics.len().max(1) + 10 + slant;
    let height = head_h + CELL_H * export.actors.len() + 40;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">"#
    );
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    for (j, head) in heads.iter().enumerate() {
        let x = NAME_W + j * CELL_W + CELL_W / 2;
        let y = head_h - 10;
        let _ = writeln!(
            out,
            r#"<text x="{x}" y="{y}" transform="rotate(-45 {x} {y})" font-weight="bold">{}</text>"#,
            escape(head.as_str())
        );
    }
    for (i, a) in export.actors.iter().enumerate() {
        let y = head_h + i * CELL_H;
        let _ = writeln!(
            out,
            r#"<text x="6" y="{}" font-weight="bold">{}</text>"#,
            y + CELL_H / 2 + 5,
            escape(short(&a.name, 22).as_str())
        );
        for (j, t) in export.topics.iter().enumerate() {
            let x = NAME_W + j * CELL_W;
            let _ = write!(
                out,
                r##"<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="#f4f4f4" stroke="#dddddd"/>"##
            );
            if let Some(c) = export.cell(&a.id, &t.id) {
                let opacity = if c.provenance == "suggested" {
                    0.45
                } else {
                    1.0
                };
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{opacity}"/>"#,
                    x + 2,
                    y + 2,
                    CELL_W - 4,
                    CELL_H - 4,
                    hex(c.stance)
                );
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
                    x + CELL_W / 2,
                    y + CELL_H / 2 + 5,
                    escape(shown(c).as_str())
                );
            }
            out.push('\n');
        }
    }
    let _ = writeln!(
        out,
        r##"<text x="6" y="{}" font-size="11" fill="#555555">• set by hand · √ accepted · paler: suggested by the analysis</text>"##,
        height - 14
    );
    out.push_str("</svg>\n");
    out
}

/// A name cut to `max` characters, with an ellipsis.
fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

const STYLE: &str = "
@page { size: A4; margin: 16mm 14mm; }
body { font-family: 'DejaVu Serif', Georgia, serif; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1, h2, h3 { font-family: 'DejaVu Sans', Arial, sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; margin-top: 1.8rem; }
h3 { font-size: 1.0rem; margin-bottom: 0.3rem; break-after: avoid; }
table { border-collapse: collapse; font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
tr { break-inside: avoid; }
td.cell { white-space: nowrap; text-align: center; }
table.matrix { margin-bottom: 1rem; }
table.matrix tbody th { font-weight: normal; max-width: 11rem; }
th.topic-head { vertical-align: bottom; padding: 0.3rem 0.15rem; }
th.topic-head span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
blockquote { margin: 0.2rem 0 0.2rem 1rem; padding-left: 0.6rem; border-left: 3px solid #bbb; color: #333; font-size: 0.92rem; }
.meta, .legend { color: #555; font-size: 0.85rem; }
.topic { break-inside: avoid; }
";

/// One self-contained HTML briefing.
pub fn html(export: &Export) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Briefing: who stands where</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Briefing: who stands where</h1>"
    );
    html_articles(export, &mut out);
    html_matrix(export, &mut out);
    html_actors(export, &mut out);
    html_topics(export, &mut out);
    if !export.shifts.is_empty() {
        out.push_str("<h2>Shifts between dated articles</h2>\n<ul>\n");
        for s in &export.shifts {
            let line = export.shift_line(s);
            let _ = writeln!(out, "<li>{}</li>", escape(line.as_str()));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn html_articles(export: &Export, out: &mut String) {
    if let Some(span) = export.date_span() {
        let _ = writeln!(
            out,
            "<p class=\"meta\">Articles dated {}</p>",
            escape(span.as_str())
        );
    }
    let _ = writeln!(out, "<h2>Articles</h2>\n<ul>");
    for a in &export.articles {
        let _ = writeln!(
            out,
            "<li>{}{} <span class=\"meta\">({})</span></li>",
            escape(a.display_title().as_ref()),
            escape(a.date_suffix().as_str()),
            escape(a.path.display().to_string().as_str())
        );
    }
    for m in &export.missing {
        let _ = writeln!(
            out,
            "<li>missing: {} <span class=\"meta\">(its hand work is included)</span></li>",
            escape(m.display().to_string().as_str())
        );
    }
    out.push_str("</ul>\n");
}

fn html_matrix(export: &Export, out: &mut String) {
    let legend: Vec<String> = Stance::ALL
        .iter()
        .map(|s| format!("{} {}", s.symbol(), s.label()))
        .collect();
    let _ = writeln!(
        out,
        "<h2>Matrix</h2>\n<p class=\"legend\">{}. • set by hand, √ accepted; the rest is suggested by the analysis (paler).</p>",
        escape(legend.join(", ").as_str())
    );
    if let Some(note) = super::too_wide_for_a_table(export.topics.len()) {
        let _ = writeln!(out, "<p>{note}</p>");
        return;
    }
    // Blocks of a few topics, each its own table with the actors down its side: a page of
    // 1200 px and a sheet of A4 hold one block; names stand upright in their column.
    let total = export.topics.len();
    for (block, topics) in export.topics.chunks(TOPICS_PER_TABLE).enumerate() {
        let first = block * TOPICS_PER_TABLE;
        if total > TOPICS_PER_TABLE {
            let _ = writeln!(
                out,
                "<p class=\"meta\">Topics {}–{} of {total}</p>",
                first + 1,
                first + topics.len()
            );
        }
        out.push_str("<table class=\"matrix\">\n<thead><tr><th>Actor</th>");
        for t in topics {
            let _ = write!(
                out,
                "<th class=\"topic-head\" title=\"{}\"><span>{}</span></th>",
                escape(t.name.as_str()),
                escape(short(&t.name, 40).as_str())
            );
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for a in &export.actors {
            let _ = write!(out, "<tr><th>{}</th>", escape(a.name.as_str()));
            for t in topics {
                match export.cell(&a.id, &t.id) {
                    Some(c) => html_cell(c, out),
                    None => out.push_str("<td></td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

/// The topics in one table of the HTML matrix: an actor's name and ten narrow columns fit the
/// width of A4 (about 690 CSS px between the margins).
const TOPICS_PER_TABLE: usize = 10;

/// A cell of the HTML matrix: its symbol and mark (the legend says what they mean), the word
/// when hovered, in its stance's colour.
fn html_cell(c: &ExportCell, out: &mut String) {
    let [r, g, b] = c.stance.rgb();
    let alpha = if c.provenance == "suggested" {
        0.3
    } else {
        0.6
    };
    let mark = match c.provenance {
        "hand" => " •",
        "accepted" => " √",
        _ => "",
    };
    let _ = write!(
        out,
        "<td class=\"cell\" title=\"{}\" style=\"background: rgba({r}, {g}, {b}, {alpha})\">{}{mark}</td>",
        escape(shown(c).as_str()),
        escape(c.stance.symbol())
    );
}

fn html_actors(export: &Export, out: &mut String) {
    out.push_str("<h2>Actors</h2>\n");
    for a in &export.actors {
        let cells = export.cells_of(&a.id);
        if cells.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", escape(a.name.as_str()));
        for c in cells {
            let confidence = c.confidence_text();
            let _ = write!(
                out,
                "<li><strong>{}</strong>: {}{}",
                escape(export.topic_name(&c.topic)),
                escape(shown(c).as_str()),
                escape(confidence.as_str())
            );
            if !c.note.is_empty() {
                let _ = write!(out, "<br>Note: {}", escape(c.note.as_str()));
            }
            for e in c.evidence.iter().take(3) {
                let file = e.article.file_name().map_or_else(
                    || e.article.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let _ = write!(
                    out,
                    "<blockquote>{} <span class=\"meta\">({})</span></blockquote>",
                    escape(e.quote.as_str()),
                    escape(file.as_str())
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
}

fn html_topics(export: &Export, out: &mut String) {
    out.push_str("<h2>Topics</h2>\n");
    for t in &export.topics {
        let (support, oppose) = export.camps(&t.id);
        if support.is_empty() && oppose.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<div class=\"topic\"><h3>{}</h3><p>Support: {}<br>Oppose: {}</p></div>",
            escape(t.name.as_str()),
            escape(names_or_nobody(&support).as_str()),
            escape(names_or_nobody(&oppose).as_str())
        );
    }
}
