//! `briefing export` as a user runs it: every format from the annotated example session, held
//! to golden files, with the analyst's hand stance and accepted suggestion in each.
//!
//! After a deliberate change of the analysis or of a format, write the golden files again with
//! `BRIEFING_WRITE_GOLDEN=1 cargo test --test export` and read the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A GraphML edge read back: source, target, and its (key, value) data.
type Edge = (String, String, Vec<(String, String)>);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `briefing`. An export of one of the example sessions reads its articles under
/// `assets/samples`, outside the session's folder `saved/`, as an analyst would say to with
/// `--allow-outside`; a config folder of its own keeps the user's out of the test.
fn briefing(args: &[&str]) -> std::process::Output {
    static CONFIG: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let mut args: Vec<&str> = args.to_vec();
    if args.first() == Some(&"export") && !args.contains(&"--config-dir") {
        let config = CONFIG.get_or_init(|| tempfile::tempdir().expect("tempdir"));
        args.extend(["--allow-outside", "--config-dir"]);
        args.push(config.path().to_str().expect("utf-8"));
    }
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs")
}

/// The cell of `actor` on `topic` in an export read as JSON.
fn exported_cell(export: &serde_json::Value, actor: &str, topic: &str) -> serde_json::Value {
    export["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .find(|c| c["actor"] == actor && c["topic"] == topic)
        .cloned()
        .unwrap_or_else(|| panic!("no cell {actor} × {topic}"))
}

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("BRIEFING_WRITE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: see the top of this file", path.display()));
    assert!(
        expected == actual,
        "{name} differs from {}; see the top of this file\n--- got ---\n{actual}",
        path.display()
    );
}

/// Every format, with the extension of its golden file.
const FORMATS: [(&str, &str); 7] = [
    ("json", "json"),
    ("csv", "csv"),
    ("csv-long", "long.csv"),
    ("md", "md"),
    ("html", "html"),
    ("svg", "svg"),
    ("graphml", "graphml"),
];

/// The example sessions of `saved/`: the annotated sample, and two dated articles.
const SESSIONS: [&str; 2] = ["sample-annotated", "grain-corridor-two-dates"];

#[test]
fn every_format_of_the_example_sessions_matches_its_golden_file() {
    for session in SESSIONS {
        let file = format!("saved/{session}.ron");
        for (format, ext) in FORMATS {
            let out = briefing(&["export", &file, "--format", format]);
            assert!(
                out.status.success(),
                "{session} {format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                out.stderr.is_empty(),
                "{session} {format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).expect("UTF-8");
            golden(&format!("{session}.{ext}"), &text);
        }
    }
}

#[test]
fn the_two_dated_articles_show_the_hand_stance_the_accepted_one_and_the_shift() {
    let file = "saved/grain-corridor-two-dates.ron";
    let run = |format: &str| {
        String::from_utf8(briefing(&["export", file, "--format", format]).stdout).expect("UTF-8")
    };
    let shift = "Russia on Grain corridor agreement: oppose (2026-03-14) → support (2026-03-21)";
    for format in ["md", "html"] {
        let text = run(format);
        assert!(text.contains(shift), "{format}: {text}");
        assert!(
            text.contains("oppose (by hand)") || text.contains("oppose •"),
            "{format}"
        );
        assert!(
            text.contains("support (accepted)") || text.contains("support √"),
            "{format}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    let cell = |actor: &str, topic: &str| exported_cell(&json, actor, topic);
    let ukraine = cell("ukraine", "naval-inspections");
    assert_eq!(ukraine["provenance"], "hand");
    assert_eq!(ukraine["note"], "Kyiv repeated its refusal on 21 March.");
    assert_eq!(
        cell("turkey", "grain-corridor-agreement")["provenance"],
        "accepted"
    );
    // The merged topic gathers both articles' stances.
    let russia = cell("russia", "grain-corridor-agreement");
    let by_article: Vec<&str> = russia["by_article"]
        .as_array()
        .expect("by article")
        .iter()
        .map(|a| a["stance"].as_str().expect("stance"))
        .collect();
    assert_eq!(by_article, vec!["oppose", "support"]);
    // Each article's own stance in the long CSV.
    let long = run("csv-long");
    assert!(
        long.contains("assets/samples/grain-corridor.md,mixed,oppose,suggested")
            && long.contains("assets/samples/grain-corridor-talks.md,mixed,support,suggested"),
        "{long}"
    );
    let graphml = run("graphml");
    assert!(graphml.contains("<data key=\"provenance\">hand</data>"));
}

#[test]
fn the_hand_stance_and_the_accepted_suggestion_are_in_every_format() {
    let json = briefing(&["export", "saved/sample-annotated.ron", "--format", "json"]);
    let export: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let cell = |actor: &str, topic: &str| exported_cell(&export, actor, topic);
    let russia = cell("russia", "direct-talks");
    assert_eq!(russia["stance"], "lean_support");
    assert_eq!(russia["provenance"], "hand");
    let us = cell("united-states", "direct-talks");
    assert_eq!(us["provenance"], "accepted");
    assert!(!us["evidence"].as_array().expect("evidence").is_empty());

    let md = String::from_utf8(briefing(&["export", "saved/sample-annotated.ron"]).stdout)
        .expect("UTF-8");
    assert!(md.contains("| Russia | + lean support (by hand) |"), "{md}");
    assert!(md.contains("++ support (accepted)"), "{md}");

    let csv = String::from_utf8(
        briefing(&["export", "saved/sample-annotated.ron", "--format", "csv"]).stdout,
    )
    .expect("UTF-8");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().expect("header").clone();
    let talks = headers
        .iter()
        .position(|h| h == "Direct (trilateral) talks")
        .expect("talks column");
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    let row = |name: &str| {
        records
            .iter()
            .find(|r| &r[0] == name)
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    assert_eq!(&row("Russia")[talks], "lean_support");
    assert_eq!(&row("United States")[talks], "support");

    let long = String::from_utf8(
        briefing(&[
            "export",
            "saved/sample-annotated.ron",
            "--format",
            "csv-long",
        ])
        .stdout,
    )
    .expect("UTF-8");
    let mut rows = csv::Reader::from_reader(long.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    assert!(records.iter().any(|r| &r[0] == "russia"
        && &r[2] == "direct-talks"
        && &r[5] == "lean_support"
        && &r[7] == "hand"));
    assert!(records.iter().any(|r| &r[0] == "united-states"
        && &r[2] == "direct-talks"
        && &r[7] == "accepted"
        && r[4].ends_with("seed-article.txt")
        && !r[11].is_empty()));
}

#[test]
fn a_named_session_a_missing_article_and_an_existing_output_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).expect("mkdir");
    // The example session, with one more article whose file is gone.
    let text = std::fs::read_to_string(root().join("saved/sample-annotated.ron")).expect("read");
    let text = text.replacen(
        "articles: [",
        "articles: [\n    (path: \"/nowhere/gone.txt\", hash: \"0\", format: text, encoding: \"UTF-8\"),",
        1,
    );
    std::fs::write(sessions.join("mine.ron"), text).expect("write");
    let config = dir.path().to_str().expect("utf-8");
    // Outside every folder the analyst opened articles from: not even looked for.
    let out = briefing(&["export", "mine", "--config-dir", config, "--format", "md"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nowhere/gone.txt was not read: it is outside the folders"),
        "{err}"
    );
    let out = briefing(&[
        "export",
        "mine",
        "--config-dir",
        config,
        "--format",
        "md",
        "--allow-outside",
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nowhere/gone.txt could not be read"), "{err}");
    let md = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(md.contains("missing: `/nowhere/gone.txt`"), "{md}");
    assert!(md.contains("lean support (by hand)"), "{md}");

    // Written to a file, and never over one without --force.
    let target = dir.path().join("brief.md");
    let target_arg = target.to_str().expect("utf-8");
    let args = ["export", "mine", "--config-dir", config, "-o", target_arg];
    assert!(briefing(&args).status.success());
    assert_eq!(std::fs::read_to_string(&target).expect("written"), md);
    std::fs::write(&target, "mine").expect("write");
    let again = briefing(&args);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "mine");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(briefing(&forced).status.success());
    assert_eq!(std::fs::read_to_string(&target).expect("read"), md);

    // `session show` takes the name too, and counts the bundled sample as present; it looks
    // for an article outside the analyst's folders only when told to.
    let out = briefing(&["session", "show", "mine", "--config-dir", config]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("/nowhere/gone.txt  [text, UTF-8]  (outside your article folders"),
        "{text}"
    );
    let out = briefing(&[
        "session",
        "show",
        "mine",
        "--config-dir",
        config,
        "--allow-outside",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("/nowhere/gone.txt  [text, UTF-8]  (missing)"),
        "{text}"
    );
    let sample_line = text
        .lines()
        .find(|l| l.contains("seed-article.txt"))
        .expect("the sample");
    assert!(!sample_line.contains("missing"), "{text}");
}

#[test]
fn articles_export_without_a_session() {
    let out = briefing(&[
        "export",
        "--articles",
        "assets/samples/fisheries-quota.txt",
        "--format",
        "csv-long",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.lines().count() > 1, "{text}");
    assert!(text.contains("suggested"), "{text}");
    assert!(Path::new(&root().join("assets/samples/fisheries-quota.txt")).exists());
}

#[test]
fn the_html_svg_and_graphml_carry_the_hand_stance_and_the_accepted_suggestion() {
    let run = |format: &str| {
        String::from_utf8(
            briefing(&["export", "saved/sample-annotated.ron", "--format", format]).stdout,
        )
        .expect("UTF-8")
    };
    let html = run("html");
    assert!(html.contains("+ lean support •"), "{html}");
    assert!(html.contains("++ support √"), "{html}");
    // One file: nothing loaded from elsewhere, no scripts.
    for banned in ["<script", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(banned), "{banned} in the HTML");
    }
    assert!(html.contains("@page { size: A4"));

    let svg = run("svg");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("+ lean support •") && svg.contains("++ support √"));

    // The GraphML read back with an XML reader: every edge joins declared nodes, every data
    // key is declared, and the two hand-made cells are edges with their provenance.
    let graphml = run("graphml");
    let mut reader = quick_xml::Reader::from_str(&graphml);
    let (mut keys, mut nodes) = (Vec::new(), Vec::new());
    let mut edges: Vec<Edge> = Vec::new();
    let mut current_key: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name).expect("attribute").map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .expect("value")
                            .into_owned()
                    })
                };
                match e.name().as_ref() {
                    b"key" => keys.push(attr("id").expect("key id")),
                    b"node" => nodes.push(attr("id").expect("node id")),
                    b"edge" => edges.push((
                        attr("source").expect("source"),
                        attr("target").expect("target"),
                        Vec::new(),
                    )),
                    b"data" => current_key = attr("key"),
                    _ => {}
                }
            }
            quick_xml::events::Event::Text(t) => {
                if let (Some(key), Some(edge)) = (current_key.take(), edges.last_mut()) {
                    edge.2.push((key, t.decode().expect("text").into_owned()));
                }
            }
            _ => {}
        }
    }
    assert!(keys.contains(&"weight".to_owned()));
    for (source, target, data) in &edges {
        assert!(
            nodes.contains(source) && nodes.contains(target),
            "{source} → {target}"
        );
        for (key, _) in data {
            assert!(keys.contains(key), "undeclared key {key}");
        }
    }
    let edge = |source: &str, target: &str| {
        edges
            .iter()
            .find(|(s, t, _)| s == source && t == target)
            .map_or_else(
                || panic!("no edge {source} → {target}"),
                |(_, _, d)| d.clone(),
            )
    };
    let russia = edge("actor:russia", "topic:direct-talks");
    assert!(
        russia.contains(&("weight".into(), "1".into())),
        "{russia:?}"
    );
    assert!(
        russia.contains(&("provenance".into(), "hand".into())),
        "{russia:?}"
    );
    let us = edge("actor:united-states", "topic:direct-talks");
    assert!(us.contains(&("weight".into(), "2".into())), "{us:?}");
    assert!(
        us.contains(&("provenance".into(), "accepted".into())),
        "{us:?}"
    );
}

#[test]
fn networkx_reads_the_graphml() {
    // A real GraphML reader (CI installs python3-networkx).
    let script = "import sys, networkx as nx\n\
g = nx.read_graphml(sys.argv[1])\n\
e = g.edges['actor:russia', 'topic:direct-talks']\n\
u = g.edges['actor:united-states', 'topic:direct-talks']\n\
print(g.number_of_nodes(), g.number_of_edges(), e['weight'], e['provenance'], u['provenance'], g.nodes['actor:person:volodymyr-zelensky']['affiliation'])\n";
    let path = root().join("tests/golden/sample-annotated.graphml");
    // The python3 first on the path, else the system's (where Debian's package puts networkx).
    let run = |python: &str| {
        Command::new(python)
            .args(["-c", script])
            .arg(&path)
            .output()
    };
    let out = match run("python3") {
        Ok(out) if out.status.success() => out,
        _ => run("/usr/bin/python3").expect("python3 runs (CI installs it with networkx)"),
    };
    assert!(
        out.status.success(),
        "networkx could not read the GraphML: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout);
    assert_eq!(line.trim(), "9 9 1 hand accepted actor:ukraine", "{line}");
}
