//! `briefing export` as a user runs it: every format from the annotated example session, held
//! to golden files, with the analyst's hand stance and accepted suggestion in each.
//!
//! After a deliberate change of the analysis or of a format, write the golden files again with
//! `BRIEFING_WRITE_GOLDEN=1 cargo test --test export` and read the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn briefing(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs")
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

#[test]
fn every_format_of_the_annotated_session_matches_its_golden_file() {
    for (format, ext) in [
        ("json", "json"),
        ("csv", "csv"),
        ("csv-long", "long.csv"),
        ("md", "md"),
    ] {
        let out = briefing(&["export", "saved/sample-annotated.ron", "--format", format]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        golden(&format!("sample-annotated.{ext}"), &text);
    }
}

#[test]
fn the_hand_stance_and_the_accepted_suggestion_are_in_every_format() {
    let json = briefing(&["export", "saved/sample-annotated.ron", "--format", "json"]);
    let export: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let cell = |actor: &str, topic: &str| {
        export["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .find(|c| c["actor"] == actor && c["topic"] == topic)
            .cloned()
            .unwrap_or_else(|| panic!("no cell {actor} × {topic}"))
    };
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
        && &r[6] == "hand"));
    assert!(records.iter().any(|r| &r[0] == "united-states"
        && &r[2] == "direct-talks"
        && &r[6] == "accepted"
        && r[4].ends_with("seed-article.txt")
        && !r[10].is_empty()));
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
    let out = briefing(&["export", "mine", "--config-dir", config, "--format", "md"]);
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

    // `session show` takes the name too, and counts the bundled sample as present.
    let out = briefing(&["session", "show", "mine", "--config-dir", config]);
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
