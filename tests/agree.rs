//! `briefing agree` as a user runs it, on the example pair of sessions in `saved/` (two coders
//! on the sample article), and Krippendorff's alpha against the Python `krippendorff` package
//! where it is installed.

use briefing::model::agreement::{Level, alpha};
use std::process::{Command, Output};

fn briefing(args: &[&str]) -> Output {
    let config = tempfile::tempdir().expect("tempdir");
    let mut all = args.to_vec();
    all.extend(["--allow-outside", "--config-dir"]);
    all.push(config.path().to_str().expect("utf-8"));
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(&all)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run briefing")
}

fn report(format: &str) -> String {
    let out = briefing(&[
        "agree",
        "saved/agree-ana.ron",
        "saved/agree-ben.ron",
        "--format",
        format,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The example pair reads cleanly: no unknown field, no missing article.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_example_pair_gives_the_same_figures_in_every_format() {
    let json: serde_json::Value = serde_json::from_str(&report("json")).expect("json");
    assert_eq!(json["coders"], serde_json::json!(["Ana", "Ben"]));
    // Ana: 4 hand stances and 5 accepted suggestions; Ben: 5 hand, 4 accepted (his rejected
    // suggestion is not a coding).
    assert_eq!(json["coded_by_each"], serde_json::json!([9, 9]));
    assert_eq!(json["coded_by_all"], 8);
    let disagreements = json["disagreements"].as_array().expect("list");
    let cells: Vec<(&str, &str)> = disagreements
        .iter()
        .map(|d| {
            (
                d["unit"]["actor"].as_str().unwrap_or(""),
                d["unit"]["topic"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(cells.len(), 3, "{cells:?}");
    for cell in [
        ("russia", "direct-talks"),
        ("ukraine", "direct-talks"),
        ("person:volodymyr-zelensky", "miami-talks"),
    ] {
        assert!(cells.contains(&cell), "{cell:?} not in {cells:?}");
    }
    let nominal = json["overall"]["alpha_nominal"].as_f64().expect("alpha");
    let ordinal = json["overall"]["alpha_ordinal"].as_f64().expect("alpha");
    let kappa = json["kappas"][0]["kappa"].as_f64().expect("kappa");
    // 8 units both coded, 5 alike: the ordinal figure is higher, as the disagreements are a
    // step apart (oppose / lean oppose, lean support / neutral) or involve mixed.
    assert_eq!(
        json["overall"]["percent_agreement"].as_f64(),
        Some(5.0 / 8.0)
    );
    assert!(ordinal > nominal, "{ordinal} vs {nominal}");

    let md = report("md");
    assert!(
        md.contains(&format!("| Krippendorff's alpha, nominal | {nominal:.3} |")),
        "{md}"
    );
    assert!(md.contains(&format!(
        "| Krippendorff's alpha, ordinal (without mixed) | {ordinal:.3} |"
    )));
    assert!(md.contains(&format!(
        "| Cohen's kappa, Ana and Ben (8 units) | {kappa:.3} |"
    )));
    assert!(md.contains("suggestions nobody reviewed are not codings"));
    assert!(md.contains("## Disagreements (3)"));
    assert!(md.contains(
        "Ana: −− oppose (hand); note: The Kremlin denies any preparations for the talks."
    ));

    let html = report("html");
    assert!(html.contains(&format!("{nominal:.3}")) && html.contains(&format!("{kappa:.3}")));
    assert!(!html.contains("<script") && !html.contains("src="));

    // CSV: a header and a row per disagreement and coder, read back with a CSV reader.
    let csv = report("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 6);
    assert!(
        rows.iter()
            .any(|r| &r[5] == "Ben" && &r[6] == "lean oppose" && &r[0] == "russia")
    );
}

#[test]
fn agree_needs_two_sessions_and_says_so() {
    let out = briefing(&["agree", "saved/agree-ana.ron"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 values") || err.contains("required"),
        "{err}"
    );
}

/// Reliability data that varies with `seed`: 4 coders, 15 units, values 1–5, about a quarter
/// missing (a small linear congruential generator, so that the test is repeatable).
fn data(seed: u64) -> Vec<Vec<Option<f64>>> {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % 100
    };
    (0..15)
        .map(|_| {
            let truth = next() % 5;
            (0..4)
                .map(|_| {
                    let roll = next();
                    if roll < 25 {
                        None
                    } else if roll < 70 {
                        Some((truth + 1) as f64)
                    } else {
                        Some((next() % 5 + 1) as f64)
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn alpha_matches_the_python_krippendorff_package_where_it_is_installed() {
    // KRIPPENDORFF_PYTHON names an interpreter that has the package (a virtual environment).
    let python = std::env::var("KRIPPENDORFF_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let has = Command::new(&python)
        .args(["-c", "import krippendorff"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        eprintln!("skipped: {python} has no `krippendorff` package (pip install krippendorff)");
        return;
    }
    let sets: Vec<Vec<Vec<Option<f64>>>> = (0..20).map(data).collect();
    // Python's package takes coders × units, nan for missing.
    let as_python: Vec<Vec<Vec<f64>>> = sets
        .iter()
        .map(|units| {
            (0..4)
                .map(|c| units.iter().map(|u| u[c].unwrap_or(f64::NAN)).collect())
                .collect()
        })
        .collect();
    let text = serde_json::to_string(&as_python)
        .expect("json")
        .replace("null", "NaN");
    let script = "import json, sys, math, krippendorff\nsets = json.loads(sys.stdin.read().replace('NaN', 'null'))\nfor s in sets:\n    d = [[float('nan') if v is None else v for v in row] for row in s]\n    print(' '.join(repr(float(krippendorff.alpha(reliability_data=d, level_of_measurement=l))) for l in ('nominal', 'ordinal', 'interval')))\n";
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python");
    {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write");
    }
    let out = child.wait_with_output().expect("python ran");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = String::from_utf8(out.stdout).expect("utf-8");
    let mut compared = 0;
    for (units, line) in sets.iter().zip(lines.lines()) {
        for (level, theirs) in [Level::Nominal, Level::Ordinal, Level::Interval]
            .into_iter()
            .zip(line.split_whitespace())
        {
            let theirs: f64 = theirs.parse().expect("a number");
            let ours = alpha(units, level).expect("defined");
            assert!(
                (ours - theirs).abs() < 1e-9,
                "{level:?}: ours {ours}, krippendorff {theirs}, data {units:?}"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 60);
}

#[test]
fn session_show_names_the_coder_and_older_sessions_have_none() {
    let show = |file: &str| {
        let out = briefing(&["session", "show", file]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    assert!(show("saved/agree-ben.ron").contains("coder: Ben"));
    assert!(show("saved/sample-annotated.ron").contains("coder: (not named)"));
    // An older session loads with no coder on its edits either.
    let (old, _) = briefing::storage::session::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/saved/sample-annotated.ron"
    )))
    .expect("loads");
    assert!(old.annotations.values().all(|a| a.coder.is_none()));
    assert!(old.decided_by.is_empty() && old.disputed.is_empty());
}

#[test]
fn merge_writes_one_session_out_of_two_and_lists_every_disagreement() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_file = dir.path().join("merged.ron");
    let out_arg = out_file.display().to_string();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "merge",
            "saved/agree-ana.ron",
            "saved/agree-ben.ron",
            "-o",
            &out_arg,
        ];
        args.extend(extra);
        Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run briefing")
    };
    let out = run(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("3 cells wait to be settled"), "{said}");
    assert!(
        said.contains("russia × direct-talks: the coders set different stances"),
        "{said}"
    );
    assert!(
        said.contains(
            "european-union × miami-talks: one coder accepted the suggestion, the other rejected it"
        ),
        "{said}"
    );
    let (merged, _) = briefing::storage::session::load(&out_file).expect("merged session");
    assert_eq!(merged.disputed.len(), 3);
    // Ben's cells Ana lacked came in.
    let us_miami = briefing::model::session::Cell {
        actor: briefing::model::ActorId("united-states".into()),
        topic: briefing::model::TopicId("miami-talks".into()),
    };
    assert!(merged.decisions.contains_key(&us_miami));
    // An existing file is never replaced without --force.
    let again = run(&[]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert!(run(&["--force"]).status.success());
}

#[test]
fn csv_long_and_json_exports_name_the_coder_of_what_was_decided() {
    let export = |format: &str| {
        let out = briefing(&["export", "saved/agree-ben.ron", "--format", format]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let json: serde_json::Value = serde_json::from_str(&export("json")).expect("json");
    assert_eq!(json["coder"], "Ben");
    let csv = export("csv-long");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (provenance, coder) = (at("provenance"), at("coder"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert!(rows.iter().any(|r| &r[provenance] == "hand"));
    for row in &rows {
        let decided = matches!(&row[provenance], "hand" | "accepted");
        assert_eq!(&row[coder], if decided { "Ben" } else { "" }, "{row:?}");
    }
}

#[test]
fn article_units_match_an_article_by_its_content_when_one_coder_moved_the_file() {
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["agree", "--unit", "article", "--format", "json"];
        all.extend(args);
        let out = briefing(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let here = json(&["saved/agree-ana.ron", "saved/agree-ben.ron"]);
    let disagreements = here["disagreements"].as_array().expect("list");
    assert_eq!(disagreements.len(), 3);
    assert!(
        disagreements
            .iter()
            .all(|d| d["article"] == "seed-article.txt"
                && d["unit"]["article"] == "hash:b72a19ea0abc7ff1")
    );
    // Ben's copy of the article lives elsewhere: the same text, so the same units.
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let moved = dir.path().join("moved.txt");
    std::fs::copy(root.join("assets/samples/seed-article.txt"), &moved).expect("copy");
    let ben = std::fs::read_to_string(root.join("saved/agree-ben.ron")).expect("read");
    let ben = ben.replace(
        "\"assets/samples/seed-article.txt\"",
        &format!("{:?}", moved.display().to_string()),
    );
    let ben_file = dir.path().join("ben.ron");
    std::fs::write(&ben_file, ben).expect("write");
    let ben_arg = ben_file.display().to_string();
    let moved_report = json(&["saved/agree-ana.ron", &ben_arg]);
    assert_eq!(moved_report["coded_by_all"], here["coded_by_all"]);
    assert_eq!(moved_report["overall"], here["overall"]);
    assert!(here["coded_by_all"].as_u64().unwrap_or(0) > 0);
}
