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
    assert!(
        md.contains("missing: /nowhere/gone.txt (its hand work"),
        "{md}"
    );
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
    let out = python(script, &[&path]);
    assert!(
        out.status.success(),
        "networkx could not read the GraphML: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout);
    assert_eq!(line.trim(), "9 9 1 hand accepted actor:ukraine", "{line}");
}

/// Runs a Python script with networkx at hand: the python3 first on the path, else the
/// system's (where Debian's package puts networkx; CI installs it).
fn python(script: &str, args: &[&Path]) -> std::process::Output {
    let run = |python: &str| {
        Command::new(python)
            .args(["-c", script])
            .args(args)
            .output()
    };
    match run("python3") {
        Ok(out) if out.status.success() => out,
        _ => run("/usr/bin/python3").expect("python3 runs (CI installs it with networkx)"),
    }
}

/// What hostile names, topics, notes, quotes and paths look like: formula starters, HTML and
/// SVG that runs script, the end of a CDATA section, control characters, a bidi override, a
/// blank line followed by a link, and a `javascript:` address.
const PAYLOADS: [&str; 13] = [
    "=HYPERLINK(\"http://evil.example/\",\"click\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "<script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "]]><x/>",
    "NUL\0SOH\x01ESC\x1bVT\x0b",
    "\u{202E}evil\u{202C} name",
    "first line\n\n[link](javascript:alert(1))",
    "javascript:alert(1)",
];

/// A session whose every name, topic, note, quote and article path is one of [`PAYLOADS`],
/// with a real article beside it that holds them in its text.
fn hostile_session(dir: &Path) -> PathBuf {
    use briefing::model::session::{
        AddedActor, AddedTopic, Annotation, ArticleRef, Cell, EvidenceRef, Session,
    };
    use briefing::model::{ActorId, ActorKind, SentenceId, Stance, TopicId};
    let article = dir.join("hostile.txt");
    let mut text = String::new();
    // A NUL byte makes a file binary; the other payloads stand in the text as they are.
    for p in PAYLOADS.iter().filter(|p| !p.contains('\0')) {
        text += "Russia rejected the talks on ";
        text += p;
        text += ", the Kremlin said.\n\n";
    }
    std::fs::write(&article, text).expect("article");
    let mut session = Session::default();
    session.articles.push(ArticleRef {
        path: article.clone(),
        hash: String::new(),
        title: Some(PAYLOADS[6].into()),
        date: Some(PAYLOADS[0].into()),
        format: briefing::load::Format::Text,
        encoding: "UTF-8".into(),
    });
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let actor = ActorId(format!("{payload}{i}"));
        let topic = TopicId(format!("t{i}{payload}"));
        session.actors.added.push(AddedActor {
            id: actor.clone(),
            name: (*payload).to_owned(),
            kind: ActorKind::Organisation,
        });
        session.topics.added.push(AddedTopic {
            id: topic.clone(),
            name: format!("{payload} {i}"),
        });
        let annotation = Annotation {
            stance: Some(Stance::Support),
            confidence: Some(0.5),
            note: (*payload).to_owned(),
            // A coder's name is typed by someone too.
            coder: Some((*payload).to_owned()),
            evidence: vec![EvidenceRef {
                article: dir.join(format!("{payload}.txt")),
                sentence: SentenceId(0),
                quote: (*payload).to_owned(),
                context: String::new(),
            }],
            set_at: 0,
        };
        session
            .annotations
            .insert(Cell { actor, topic }, annotation);
    }
    let path = dir.join("hostile.ron");
    briefing::storage::session::save(&path, &session).expect("save");
    path
}

/// Python's own readers on the exports: csv on the CSV files (no cell a spreadsheet runs), an
/// XML parser and networkx on the SVG and GraphML, html.parser on the page (only its own tags,
/// no event attribute, no bidi override).
const READERS: &str = r"
import csv, sys, html.parser, xml.etree.ElementTree as ET, networkx as nx
csv_files, svg, graphml, page, allowed = sys.argv[1:4], sys.argv[4], sys.argv[5], sys.argv[6], set(sys.argv[7].split())
bad = []
for name in csv_files:
    with open(name, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    if len(rows) < 2: bad.append(name + ': no rows')
    for row in rows:
        for cell in row:
            if cell[:1] in ('=', '+', '-', '@', '\t', '\r'):
                bad.append(name + ': formula cell ' + repr(cell))
for name in (svg, graphml):
    text = open(name, encoding='utf-8').read()
    ET.fromstring(text.encode('utf-8'))
    if '\u202e' in text: bad.append(name + ': bidi override')
    for el in ET.fromstring(text.encode('utf-8')).iter():
        tag = el.tag.split('}')[-1]
        if tag in ('script', 'foreignObject') or any(a.lower().startswith('on') for a in el.attrib):
            bad.append(name + ': active element ' + tag)
g = nx.read_graphml(graphml)
if g.number_of_nodes() < 26: bad.append('graphml: nodes lost')
class Page(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag not in allowed: bad.append('html: tag ' + tag)
        for k, v in attrs:
            v = (v or '').lower()
            # Values that run or load: events, URLs, style. A title is shown, never run.
            if k.startswith('on') or k in ('href', 'src', 'action', 'formaction', 'srcdoc') \
                    or (k == 'style' and ('url(' in v or 'expression(' in v)) \
                    or (k != 'title' and v.startswith('javascript')):
                bad.append('html: attribute ' + k)
text = open(page, encoding='utf-8').read()
Page().feed(text)
if '\u202e' in text: bad.append('html: bidi override')
print('\n'.join(bad) if bad else 'ok')
";

/// The tags a briefing page may hold; anything else came from a value.
const PAGE_TAGS: &str = "html head meta title style body h1 h2 h3 p ul li span table thead tbody tr th td strong br blockquote div";

#[test]
fn hostile_values_cannot_act_on_the_reader_of_any_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = hostile_session(dir.path());
    let session_arg = session.to_str().expect("utf-8");
    let mut written = Vec::new();
    for (format, ext) in FORMATS {
        let out_path = dir.path().join(format!("out.{ext}"));
        let out = briefing(&[
            "export",
            session_arg,
            "--format",
            format,
            "-o",
            out_path.to_str().expect("utf-8"),
        ]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        written.push((format, out_path));
    }
    let file = |name: &str| &written.iter().find(|(f, _)| *f == name).expect(name).1;

    // JSON: parses, and keeps each value exactly (it is data, not a page).
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(file("json")).expect("json")).expect("valid JSON");
    let names: Vec<&str> = json["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    for payload in PAYLOADS {
        assert!(names.contains(&payload), "{payload:?} in {names:?}");
    }

    // Markdown: the export's and `analyze`'s (which quotes the article's sentences).
    let analyzed = |format: &str| {
        let out = briefing(&[
            "analyze",
            "--format",
            format,
            dir.path().join("hostile.txt").to_str().expect("utf-8"),
        ]);
        assert!(out.status.success(), "analyze {format}");
        let path = dir.path().join(format!("analyze.{format}"));
        std::fs::write(&path, out.stdout).expect("write");
        path
    };
    let header_cells = markdown_is_inert(&std::fs::read_to_string(file("md")).expect("md"));
    assert!(
        header_cells > PAYLOADS.len(),
        "the matrix has a column per topic"
    );
    markdown_is_inert(&std::fs::read_to_string(analyzed("md")).expect("md"));
    let analyze_csv = analyzed("csv");

    // CSV, SVG, GraphML and HTML: read by Python's own readers (csv, an XML parser, networkx,
    // html.parser).

    let args = [
        file("csv"),
        file("csv-long"),
        &analyze_csv,
        file("svg"),
        file("graphml"),
        file("html"),
    ];
    let mut args: Vec<&Path> = args.iter().map(|p| p.as_path()).collect();
    args.push(Path::new(PAGE_TAGS));
    let out = python(READERS, &args);
    assert!(
        out.status.success(),
        "a reader refused an export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
}

/// Checks that Markdown, rendered to HTML by a `CommonMark` renderer, gives nothing but the
/// renderer's own markup (no raw HTML, no link) and that every table row has as many cells as
/// its header; returns how many cells the last table's header has.
fn markdown_is_inert(md: &str) -> usize {
    let events: Vec<pulldown_cmark::Event> =
        pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES).collect();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.clone().into_iter());
    let mut header_cells = 0;
    let mut cells = 0;
    for event in &events {
        use pulldown_cmark::{Event, Tag, TagEnd};
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => panic!("raw HTML in the Markdown: {raw}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                panic!("a link in the Markdown: {dest_url}")
            }
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => (header_cells, cells) = (cells, 0),
            Event::End(TagEnd::TableRow) => {
                assert_eq!(cells, header_cells, "a value broke a table row");
                cells = 0;
            }
            _ => {}
        }
    }
    for bad in ["<script", "<svg", "javascript:alert(1)\"", "href"] {
        assert!(
            !html.contains(bad),
            "{bad} in the rendered Markdown:\n{html}"
        );
    }

    header_cells
}

/// Eight real articles (Wikinews, CC BY 2.5): a matrix of some twenty topics.
fn eight_real_articles() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus/wikinews");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    files.sort();
    files.truncate(8);
    files
}

#[test]
fn a_wide_html_matrix_comes_in_tables_of_ten_upright_topics_and_svg_headers_never_meet() {
    let files = eight_real_articles();
    let export = |format: &str| {
        let mut args = vec!["export", "--format", format, "--articles"];
        args.extend(files.iter().map(String::as_str));
        String::from_utf8(briefing(&args).stdout).expect("UTF-8")
    };
    let html = export("html");
    let tables: Vec<&str> = html.split("<table class=\"matrix\">").skip(1).collect();
    let heads: Vec<usize> = tables
        .iter()
        .map(|t| {
            t.split("</thead>")
                .next()
                .unwrap_or("")
                .matches("class=\"topic-head\"")
                .count()
        })
        .collect();
    let topics: usize = heads.iter().sum();
    assert!(topics > 10, "a matrix wider than one table: {heads:?}");
    assert_eq!(tables.len(), topics.div_ceil(10), "{heads:?}");
    assert!(heads.iter().all(|&n| (1..=10).contains(&n)), "{heads:?}");
    assert!(html.contains("writing-mode: vertical-rl"));
    assert!(html.contains(&format!("Topics 1–10 of {topics}")));
    // The cell shows the symbol; the word is its title, and the legend says it.
    assert!(html.contains("title=\"++ support\""), "no word on a cell");

    // In the SVG each topic's name stands at 45° from its own column's middle, so two names
    // never share a line, and the picture is wide enough for the last one.
    let svg = export("svg");
    let heads: Vec<&str> = svg.lines().filter(|l| l.contains("rotate(-45")).collect();
    assert_eq!(heads.len(), topics);
    let xs: Vec<f32> = heads
        .iter()
        .map(|l| {
            let x = l
                .split("x=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .expect("x");
            x.parse().expect("a number")
        })
        .collect();
    assert!(
        xs.windows(2).all(|w| (w[1] - w[0] - 150.0).abs() < 0.5),
        "{xs:?}"
    );
    let width: f32 = svg
        .split("width=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|w| w.parse().ok())
        .expect("width");
    let longest = heads
        .iter()
        .map(|l| {
            l.rsplit("\">")
                .next()
                .unwrap_or("")
                .trim_end_matches("</text>")
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0) as f32;
    let last = xs.last().copied().unwrap_or(0.0);
    assert!(
        width >= last + longest * 7.5 * std::f32::consts::FRAC_1_SQRT_2,
        "{width} {last} {longest}"
    );
}
