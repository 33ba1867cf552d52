//! The analyst's matrix ([`Export`]) written out: JSON, the matrix as CSV, one row per actor ×
//! topic × article as CSV (the shape discourse-network tools import), and a Markdown briefing.

use super::model::{Export, ExportCell, names_or_nobody};
use super::safe::{csv_record, md_text};
use crate::model::Stance;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

/// The formats of `briefing export` (named on the command line as written in lower case, with
/// `csv-long`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    CsvLong,
    Md,
    Html,
    Graphml,
    Svg,
}

impl ExportFormat {
    /// Every format, in the order the window offers them.
    pub const ALL: [ExportFormat; 7] = [
        Self::Html,
        Self::Md,
        Self::Svg,
        Self::Json,
        Self::Csv,
        Self::CsvLong,
        Self::Graphml,
    ];

    /// How the window names the format.
    pub fn label(self) -> &'static str {
        match self {
            Self::Md => "Markdown briefing",
            Self::Json => "JSON (everything)",
            Self::Csv => "CSV matrix (actors × topics)",
            Self::CsvLong => "CSV, one row per actor × topic × article",
            Self::Html => "HTML briefing (one file, prints on A4)",
            Self::Graphml => "GraphML network (actors, topics, stances)",
            Self::Svg => "SVG picture of the matrix",
        }
    }

    /// The file name the window suggests for `stem` (a session's name) in this format: no two
    /// formats share one, so exporting one never offers to replace another.
    pub fn default_file_name(self, stem: &str) -> String {
        let kind = match self {
            Self::Csv => " matrix",
            Self::CsvLong => " by article",
            _ => "",
        };
        format!("{stem} briefing{kind}.{}", self.extension())
    }

    /// The file extension that goes with the format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv | Self::CsvLong => "csv",
            Self::Md => "md",
            Self::Html => "html",
            Self::Graphml => "graphml",
            Self::Svg => "svg",
        }
    }
}

/// Writes `export` in `format`.
pub fn write(export: &Export, format: ExportFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, export).map_err(std::io::Error::from)?;
            writeln!(out)
        }
        ExportFormat::Csv => matrix_csv(export, out),
        ExportFormat::CsvLong => long_csv(export, out),
        ExportFormat::Md => out.write_all(markdown(export).as_bytes()),
        ExportFormat::Html => out.write_all(super::page::html(export).as_bytes()),
        ExportFormat::Svg => out.write_all(super::page::svg(export).as_bytes()),
        ExportFormat::Graphml => super::graphml::write(export, out),
    }
}

fn csv_error(e: &csv::Error) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// Actors × topics, each cell the stance word (empty where none shows).
fn matrix_csv(export: &Export, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["actor".to_owned()];
    header.extend(export.topics.iter().map(|t| t.name.clone()));
    csv_record(&mut w, &header).map_err(|e| csv_error(&e))?;
    for actor in &export.actors {
        let mut record = vec![actor.name.clone()];
        record.extend(export.topics.iter().map(|t| {
            export
                .cell(&actor.id, &t.id)
                .map_or_else(String::new, |c| c.stance.word().to_owned())
        }));
        csv_record(&mut w, &record).map_err(|e| csv_error(&e))?;
    }
    w.flush()
}

/// One row per actor × topic × article.
fn long_csv(export: &Export, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    csv_record(
        &mut w,
        [
            "actor_id",
            "actor",
            "topic_id",
            "topic",
            "article",
            "stance",
            "article_stance",
            "provenance",
            "coder",
            "confidence",
            "note",
            "sentence",
            "quote",
        ],
    )
    .map_err(|e| csv_error(&e))?;
    for cell in &export.cells {
        let coder = cell.coder.as_deref().unwrap_or("");
        // The cell's sentences by article; a cell with none still gets its row.
        let mut by_article: BTreeMap<PathBuf, Vec<&super::model::ExportEvidence>> = BTreeMap::new();
        for e in &cell.evidence {
            by_article.entry(e.article.clone()).or_default().push(e);
        }
        let rows: Vec<(String, String, String)> = if by_article.is_empty() {
            vec![(String::new(), String::new(), String::new())]
        } else {
            by_article
                .into_iter()
                .map(|(article, evidence)| {
                    let ids: Vec<String> =
                        evidence.iter().map(|e| e.sentence.0.to_string()).collect();
                    let quotes: Vec<&str> = evidence.iter().map(|e| e.quote.as_str()).collect();
                    (
                        article.display().to_string(),
                        ids.join(" "),
                        quotes.join(" | "),
                    )
                })
                .collect()
        };
        for (article, sentences, quotes) in rows {
            csv_record(
                &mut w,
                [
                    cell.actor.0.as_str(),
                    export.actor_name(&cell.actor),
                    cell.topic.0.as_str(),
                    export.topic_name(&cell.topic),
                    article.as_str(),
                    cell.stance.word(),
                    article_stance(cell, &article),
                    cell.provenance,
                    coder,
                    &cell
                        .confidence
                        .map_or_else(String::new, |c| format!("{c:.2}")),
                    cell.note.as_str(),
                    sentences.as_str(),
                    quotes.as_str(),
                ],
            )
            .map_err(|e| csv_error(&e))?;
        }
    }
    w.flush()
}

/// What the article `article` alone suggests for the cell (empty where it suggests nothing).
fn article_stance(cell: &ExportCell, article: &str) -> &'static str {
    cell.by_article
        .iter()
        .find(|a| a.article.display().to_string() == article)
        .map_or("", |a| a.stance.word())
}

/// How a cell reads in the briefing, marked in words when set by hand or accepted.
fn shown(cell: &ExportCell) -> String {
    cell.reads(" (by hand)", " (accepted)")
}

/// A briefing to read: the articles, the matrix, each actor's stances with the analyst's notes
/// and quotes, and each topic's camps.
pub fn markdown(export: &Export) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Briefing: who stands where\n");
    md_articles(export, &mut out);
    md_matrix(export, &mut out);
    md_actors(export, &mut out);
    md_topics(export, &mut out);
    md_shifts(export, &mut out);
    out
}

fn md_shifts(export: &Export, out: &mut String) {
    if export.shifts.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Shifts between dated articles\n");
    for s in &export.shifts {
        let _ = writeln!(out, "- {}", md_text(&export.shift_line(s)));
    }
    let _ = writeln!(out);
}

fn md_articles(export: &Export, out: &mut String) {
    if let Some(span) = export.date_span() {
        let _ = writeln!(out, "Articles dated {}.\n", md_text(&span));
    }
    let _ = writeln!(out, "## Articles\n");
    for a in &export.articles {
        let _ = writeln!(
            out,
            "- {}{} ({})",
            md_text(&a.display_title()),
            md_text(&a.date_suffix()),
            md_text(&a.path.display().to_string())
        );
    }
    for m in &export.missing {
        let _ = writeln!(
            out,
            "- missing: {} (its hand work is included)",
            md_text(&m.display().to_string())
        );
    }
}

fn md_matrix(export: &Export, out: &mut String) {
    let _ = writeln!(out, "\n## Matrix\n");
    let legend: Vec<String> = Stance::ALL
        .iter()
        .map(|s| format!("{} {}", s.symbol(), s.label()))
        .collect();
    let _ = writeln!(
        out,
        "Stances: {}. \"by hand\" marks the analyst's own, \"accepted\" a suggestion the analyst confirmed.\n",
        legend.join(", ")
    );
    if let Some(note) = super::too_wide_for_a_table(export.topics.len()) {
        let _ = writeln!(out, "{note}");
        return;
    }
    let mut header = String::from("| Actor |");
    let mut rule = String::from("|---|");
    for t in &export.topics {
        let _ = write!(header, " {} |", md_text(&t.name));
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for a in &export.actors {
        let mut line = format!("| {} |", md_text(&a.name));
        for t in &export.topics {
            let text = export.cell(&a.id, &t.id).map(shown).unwrap_or_default();
            let _ = write!(line, " {text} |");
        }
        let _ = writeln!(out, "{line}");
    }
}

fn md_actors(export: &Export, out: &mut String) {
    let _ = writeln!(out, "\n## Actors\n");
    for a in &export.actors {
        let cells = export.cells_of(&a.id);
        if cells.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", md_text(&a.name));
        for c in cells {
            let confidence = c.confidence_text();
            let _ = writeln!(
                out,
                "- **{}**: {}{confidence}",
                md_text(export.topic_name(&c.topic)),
                shown(c)
            );
            if !c.note.is_empty() {
                let _ = writeln!(out, "  - Note: {}", md_text(&c.note));
            }
            for e in c.evidence.iter().take(3) {
                let file = e.article.file_name().map_or_else(
                    || e.article.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let _ = writeln!(out, "  - > {} ({})", md_text(&e.quote), md_text(&file));
            }
        }
        let _ = writeln!(out);
    }
}

fn md_topics(export: &Export, out: &mut String) {
    let _ = writeln!(out, "## Topics\n");
    for t in &export.topics {
        let (support, oppose) = export.camps(&t.id);
        if support.is_empty() && oppose.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", md_text(&t.name));
        let _ = writeln!(out, "- Support: {}", md_text(&names_or_nobody(&support)));
        let _ = writeln!(out, "- Oppose: {}\n", md_text(&names_or_nobody(&oppose)));
    }
}

#[cfg(test)]
mod tests {
    use super::ExportFormat;

    #[test]
    fn every_format_suggests_a_file_name_of_its_own() {
        let names: std::collections::BTreeSet<String> = ExportFormat::ALL
            .iter()
            .map(|f| f.default_file_name("Gaza talks"))
            .collect();
        assert_eq!(names.len(), ExportFormat::ALL.len(), "{names:?}");
        assert!(names.contains("Gaza talks briefing matrix.csv"));
        assert!(names.contains("Gaza talks briefing by article.csv"));
        assert!(names.contains("Gaza talks briefing.html"));
    }
}
