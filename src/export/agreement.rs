//! The agreement report ([`crate::model::agreement`]) as Markdown and HTML for a methods
//! section, as JSON, and as CSV of the disagreements; and each coder's decisions read from the
//! export of that coder's session.

use super::model::Export;
use super::safe::{csv_record, html_text, md_text};
use crate::model::Stance;
use crate::model::agreement::{CoderWork, Coding, Figures, Report, Unit};
use crate::model::session::ArticleRef;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// What a unit of agreement is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// An actor × topic cell.
    Cell,
    /// An actor × topic cell in one article: a hand stance counts in each article the cell
    /// stands in (by the analysis or by the analyst's evidence), an accepted suggestion with
    /// what that article alone suggests.
    Article,
}

/// The key that matches an article across sessions: its content hash where the session knows
/// it (so that a moved file still matches), else its path.
fn article_key(path: &Path, articles: &[ArticleRef]) -> String {
    articles
        .iter()
        .find(|a| a.path == path && !a.hash.is_empty())
        .map_or_else(
            || path.display().to_string(),
            |a| format!("hash:{}", a.hash),
        )
}

/// What the coder of `export` decided: hand stances and accepted suggestions (never a
/// suggestion nobody reviewed), with the names that session gives actors and topics.
/// `articles` are the session's (for article units: their hashes).
pub fn coder_work(
    export: &Export,
    coder: &str,
    unit: UnitKind,
    articles: &[ArticleRef],
) -> CoderWork {
    let mut codings = BTreeMap::new();
    let mut article_names = BTreeMap::new();
    for c in export
        .cells
        .iter()
        .filter(|c| matches!(c.provenance, "hand" | "accepted"))
    {
        let coding = |stance| Coding {
            stance,
            provenance: c.provenance,
            note: c.note.clone(),
            evidence: c.evidence.first().map(|e| e.quote.clone()),
        };
        let unit_of = |article: Option<String>| Unit {
            actor: c.actor.clone(),
            topic: c.topic.clone(),
            article,
        };
        match unit {
            UnitKind::Cell => {
                codings.insert(unit_of(None), coding(c.stance));
            }
            UnitKind::Article => {
                // The articles the cell stands in, with what each alone suggests.
                let mut stands: BTreeMap<&Path, Option<Stance>> = BTreeMap::new();
                for a in &c.by_article {
                    stands.insert(a.article.as_path(), Some(a.stance));
                }
                for e in &c.evidence {
                    stands.entry(e.article.as_path()).or_insert(None);
                }
                for (path, suggested) in stands {
                    let stance = if c.provenance == "hand" {
                        c.stance
                    } else {
                        match suggested {
                            Some(s) => s,
                            None => continue,
                        }
                    };
                    let key = article_key(path, articles);
                    article_names.insert(
                        key.clone(),
                        path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        ),
                    );
                    codings.insert(unit_of(Some(key)), coding(stance));
                }
            }
        }
    }
    CoderWork {
        coder: coder.to_owned(),
        codings,
        actor_names: export
            .actors
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect(),
        topic_names: export
            .topics
            .iter()
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect(),
        article_names,
    }
}

/// A figure with three decimals, or why there is none.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "undefined".to_owned(), |v| format!("{v:.3}"))
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{:.1} %", v * 100.0))
}

/// What counts and how, said in every report.
const METHOD: &str = "Units are actor × topic cells, matched by actor and topic id across the sessions. Only what a coder decided counts: a stance set by hand or a suggestion accepted; suggestions nobody reviewed are not codings. Alpha is Krippendorff's alpha over the units at least two coders coded (units coded once are left out, as alpha handles missing values): nominal over the six stances, ordinal over the five steps support … oppose, with \"mixed\" left out of the ordinal figure and counted apart. Percent agreement is the share of pairs of coders, on a unit both coded, who gave the same stance.";

/// The report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut out = String::from("# Agreement between coders\n\n");
    let _ = writeln!(out, "{}\n", md_text(METHOD));
    let _ = writeln!(out, "| Coder | Units coded |\n|---|---:|");
    for (coder, n) in r.coders.iter().zip(&r.coded_by_each) {
        let _ = writeln!(out, "| {} | {n} |", md_text(coder));
    }
    let _ = writeln!(
        out,
        "\nUnits coded by anyone: {}; by every coder: {}; by at least two: {}.\n",
        r.units, r.coded_by_all, r.overall.pairable_units
    );
    let _ = writeln!(out, "| Figure | Value |\n|---|---:|");
    let o = &r.overall;
    let _ = writeln!(
        out,
        "| Krippendorff's alpha, nominal | {} |",
        figure(o.alpha_nominal)
    );
    let _ = writeln!(
        out,
        "| Krippendorff's alpha, ordinal (without mixed) | {} |",
        figure(o.alpha_ordinal)
    );
    let _ = writeln!(
        out,
        "| Codings of mixed (not in the ordinal figure) | {} |",
        o.mixed
    );
    let _ = writeln!(
        out,
        "| Percent agreement | {} |",
        percent(o.percent_agreement)
    );
    for k in &r.kappas {
        let _ = writeln!(
            out,
            "| Cohen's kappa, {} and {} ({} units) | {} |",
            md_text(&k.first),
            md_text(&k.second),
            k.units,
            figure(k.kappa)
        );
    }
    for (title, groups) in [("topic", &r.by_topic), ("actor", &r.by_actor)] {
        let _ = writeln!(
            out,
            "\n## By {title}\n\n| {} | Units | Alpha, nominal | Alpha, ordinal | Agreement |\n|---|---:|---:|---:|---:|",
            if title == "topic" { "Topic" } else { "Actor" }
        );
        for (name, f) in groups {
            let _ = writeln!(out, "| {} | {} |", md_text(name), figures_row(f, " | "));
        }
    }
    let _ = writeln!(out, "\n## Stances given to the same unit\n");
    let labels: Vec<String> = Stance::ALL.iter().map(|s| md_text(s.label())).collect();
    let _ = writeln!(out, "| | {} |", labels.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(labels.len()));
    for (a, row) in r.confusion.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "| {} | {} |", labels[a], cells.join(" | "));
    }
    let _ = writeln!(out, "\n## Disagreements ({})\n", r.disagreements.len());
    for d in &r.disagreements {
        let _ = writeln!(
            out,
            "- **{}** on **{}**{}:",
            md_text(&d.actor),
            md_text(&d.topic),
            d.article
                .as_deref()
                .map(|a| format!(" in {}", md_text(a)))
                .unwrap_or_default()
        );
        for (coder, coding) in r.coders.iter().zip(&d.codings) {
            let _ = writeln!(
                out,
                "  - {}: {}",
                md_text(coder),
                md_text(&said(coding.as_ref()))
            );
        }
    }
    out
}

/// Units, both alphas and the percent agreement of `f`, joined by `sep`.
fn figures_row(f: &Figures, sep: &str) -> String {
    [
        f.pairable_units.to_string(),
        figure(f.alpha_nominal),
        figure(f.alpha_ordinal),
        percent(f.percent_agreement),
    ]
    .join(sep)
}

/// What a coder said of a unit, on one line.
fn said(coding: Option<&Coding>) -> String {
    let Some(c) = coding else {
        return "not coded".to_owned();
    };
    let mut s = format!(
        "{} {} ({})",
        c.stance.symbol(),
        c.stance.label(),
        c.provenance
    );
    if !c.note.is_empty() {
        let _ = write!(s, "; note: {}", c.note);
    }
    if let Some(e) = &c.evidence {
        let _ = write!(s, "; evidence: “{e}”");
    }
    s
}

/// The report as one self-contained HTML page (no scripts, nothing loaded).
pub fn html(r: &Report) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Agreement between coders</title>\n<style>body { font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; } table { border-collapse: collapse; margin: 0.5rem 0 1rem; } th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; } td.n { text-align: right; } .meta { color: #555; font-size: 0.9rem; }</style>\n</head>\n<body>\n<h1>Agreement between coders</h1>\n",
    );
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", html_text(METHOD));
    out.push_str("<table><tr><th>Coder</th><th>Units coded</th></tr>\n");
    for (coder, n) in r.coders.iter().zip(&r.coded_by_each) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
            html_text(coder)
        );
    }
    out.push_str("</table>\n");
    let _ = writeln!(
        out,
        "<p>Units coded by anyone: {}; by every coder: {}; by at least two: {}.</p>",
        r.units, r.coded_by_all, r.overall.pairable_units
    );
    let o = &r.overall;
    out.push_str("<table>\n");
    let mut row = |name: &str, value: String| {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
            html_text(name),
            html_text(&value)
        );
    };
    row("Krippendorff's alpha, nominal", figure(o.alpha_nominal));
    row(
        "Krippendorff's alpha, ordinal (without mixed)",
        figure(o.alpha_ordinal),
    );
    row(
        "Codings of mixed (not in the ordinal figure)",
        o.mixed.to_string(),
    );
    row("Percent agreement", percent(o.percent_agreement));
    for k in &r.kappas {
        row(
            &format!(
                "Cohen's kappa, {} and {} ({} units)",
                k.first, k.second, k.units
            ),
            figure(k.kappa),
        );
    }
    out.push_str("</table>\n");
    for (title, groups) in [("topic", &r.by_topic), ("actor", &r.by_actor)] {
        let _ = writeln!(
            out,
            "<h2>By {title}</h2>\n<table><tr><th>{title}</th><th>Units</th><th>Alpha, nominal</th><th>Alpha, ordinal</th><th>Agreement</th></tr>"
        );
        for (name, f) in groups {
            let cells = figures_row(f, "</td><td class=\"n\">");
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{cells}</td></tr>",
                html_text(name)
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("<h2>Stances given to the same unit</h2>\n<table><tr><th></th>");
    for s in Stance::ALL {
        let _ = write!(out, "<th>{}</th>", html_text(s.label()));
    }
    out.push_str("</tr>\n");
    for (a, counts) in r.confusion.iter().enumerate() {
        let _ = write!(out, "<tr><th>{}</th>", html_text(Stance::ALL[a].label()));
        for n in counts {
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    html_disagreements(r, &mut out);
    out.push_str("</ul>\n</body>\n</html>\n");
    out
}

/// The disagreements of the HTML report, each coder's decision under each.
fn html_disagreements(r: &Report, out: &mut String) {
    let _ = writeln!(
        out,
        "<h2>Disagreements ({})</h2>\n<ul>",
        r.disagreements.len()
    );
    for d in &r.disagreements {
        let _ = write!(
            out,
            "<li><strong>{}</strong> on <strong>{}</strong>{}<ul>",
            html_text(&d.actor),
            html_text(&d.topic),
            d.article
                .as_deref()
                .map(|a| format!(" in {}", html_text(a)))
                .unwrap_or_default()
        );
        for (coder, coding) in r.coders.iter().zip(&d.codings) {
            let _ = write!(
                out,
                "<li>{}: {}</li>",
                html_text(coder),
                html_text(&said(coding.as_ref()))
            );
        }
        out.push_str("</ul></li>\n");
    }
}

/// The disagreements as CSV: a row per unit and coder (actor, topic, article, coder, stance,
/// provenance, note, evidence); cells that start like a formula are made text.
pub fn csv(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let header = [
        "actor_id",
        "topic_id",
        "actor",
        "topic",
        "article",
        "coder",
        "stance",
        "provenance",
        "note",
        "evidence",
    ];
    csv_record(&mut w, header).map_err(std::io::Error::other)?;
    for d in &r.disagreements {
        for (coder, coding) in r.coders.iter().zip(&d.codings) {
            let (stance, provenance, note, evidence) =
                coding
                    .as_ref()
                    .map_or((String::new(), "", String::new(), String::new()), |c| {
                        (
                            c.stance.label().to_owned(),
                            c.provenance,
                            c.note.clone(),
                            c.evidence.clone().unwrap_or_default(),
                        )
                    });
            csv_record(
                &mut w,
                [
                    d.unit.actor.0.as_str(),
                    d.unit.topic.0.as_str(),
                    d.actor.as_str(),
                    d.topic.as_str(),
                    d.article.as_deref().unwrap_or(""),
                    coder.as_str(),
                    stance.as_str(),
                    provenance,
                    note.as_str(),
                    evidence.as_str(),
                ],
            )
            .map_err(std::io::Error::other)?;
        }
    }
    w.flush()
}
