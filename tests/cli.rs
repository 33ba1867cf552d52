//! The `briefing analyze` command as a user runs it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn briefing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run briefing")
}

fn sample(name: &str) -> String {
    Path::new("assets/samples").join(name).display().to_string()
}

#[test]
fn json_has_the_documented_shape() {
    let out = briefing(&["analyze", &sample("seed-article.txt")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["source"]["format"], "text");
    assert_eq!(v["source"]["encoding"], "UTF-8");
    let sections = v["sections"].as_array().expect("sections");
    assert_eq!(
        sections[1]["heading"],
        "Movements in Miami and Zelensky’s statements"
    );
    assert!(sections[0]["sentences"][0]["id"].is_number());
    assert!(sections[0]["sentences"][0]["text"].is_string());
    let actors = v["actors"].as_array().expect("actors");
    let zelensky = actors
        .iter()
        .find(|a| a["id"] == "person:volodymyr-zelensky")
        .expect("zelensky");
    for key in ["name", "kind", "aliases", "mentions", "affiliation"] {
        assert!(!zelensky[key].is_null(), "{key}");
    }
    assert_eq!(zelensky["affiliation"], "ukraine");
    assert!(v["topics"].as_array().expect("topics")[0]["name"].is_string());
    let stances = v["stances"].as_array().expect("stances");
    let russia = stances
        .iter()
        .find(|s| s["actor"] == "russia" && s["topic"] == "direct-talks")
        .expect("russia on the talks");
    assert_eq!(russia["stance"], "oppose");
    assert!(
        russia["confidence"]
            .as_f64()
            .is_some_and(|c| c > 0.0 && c <= 1.0)
    );
    assert_eq!(russia["evidence"][0]["cues"][0], "denied");
}

#[test]
fn a_bad_file_fails_alone_and_the_others_still_print() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let missing: PathBuf = dir.path().join("gone.txt");
    let out = briefing(&[
        "analyze",
        png.to_str().expect("utf8"),
        &sample("fisheries-quota.txt"),
        missing.to_str().expect("utf8"),
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].contains("photo.png: not a text article (it looks like a PNG image)"));
    assert!(lines[1].contains("gone.txt: the file does not exist"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("file,actor_id,actor,topic_id,topic,stance"));
    assert!(stdout.contains(",norway,Norway,"), "{stdout}");
}

#[test]
fn markdown_briefing_reads_as_a_table() {
    let out = briefing(&["analyze", &sample("grain-corridor.md"), "--format", "md"]);
    assert!(out.status.success());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Ankara Moves to Revive the Black Sea Grain Corridor"));
    assert!(md.contains("| Russia |"));
    assert!(md.contains("-- oppose"));
}

#[test]
fn several_files_give_a_json_array() {
    let out = briefing(&[
        "analyze",
        &sample("seed-article.txt"),
        &sample("climate-finance.html"),
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(v[1]["source"]["format"], "html");
}

#[test]
fn without_files_the_bundled_sample_is_analysed() {
    let out = briefing(&["analyze", "--format", "csv"]);
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.contains("assets/samples/seed-article.txt,russia,Russia,direct-talks"),
        "{csv}"
    );
}

#[test]
fn every_error_is_one_plain_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let zip = dir.path().join("a.zip");
    std::fs::write(&zip, b"PK\x03\x04\x14\0\0\0\x08\0").expect("write");
    let folder = dir.path().to_str().expect("utf8").to_owned();
    for (path, want) in [
        (
            empty.to_str().expect("utf8").to_owned(),
            "the file is empty",
        ),
        (
            zip.to_str().expect("utf8").to_owned(),
            "not a text article (it looks like a ZIP archive",
        ),
        (folder, "this is a folder, not an article file"),
    ] {
        let out = briefing(&["analyze", &path]);
        assert_eq!(out.status.code(), Some(1), "{path}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{err}");
        assert!(out.stdout.is_empty());
    }
}

/// Writes `name` with `contents` in `dir` and returns its path as a string.
fn write(dir: &Path, name: &str, contents: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path.display().to_string()
}

#[test]
fn a_panicking_article_is_one_line_and_the_others_still_print() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(
        dir.path(),
        "bad.txt",
        format!(
            "Russia rejected the plan. {}",
            briefing::guard::PANIC_MARKER
        )
        .as_bytes(),
    );
    let out = briefing(&[
        "analyze",
        &sample("seed-article.txt"),
        &bad,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("seed-article.txt"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line, no backtrace: {stderr}"
    );
    assert!(
        stderr.contains("bad.txt: internal error while analysing the article (failpoint reached"),
        "{stderr}"
    );
    assert!(stderr.contains("please report it"), "{stderr}");
}

#[test]
fn hostile_inputs_end_with_a_result_or_a_plain_refusal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = write(
        dir.path(),
        "deep.html",
        common::nested_html(10_000).as_bytes(),
    );
    let deeper = write(
        dir.path(),
        "deeper.html",
        common::nested_html(100_000).as_bytes(),
    );
    // Nested article markup, each level with its own paragraph: picking the main text must not
    // walk the page once per candidate.
    let articles = format!(
        "<html><body>{}{}</body></html>",
        "<article><p>Moscow rejected the plan.</p>".repeat(20_000),
        "</article>".repeat(20_000)
    );
    let articles = write(dir.path(), "articles.html", articles.as_bytes());
    let links = write(
        dir.path(),
        "links.html",
        b"<html><body><nav><a href=/>Home</a> <a href=/w>World</a></nav><footer>(c)</footer></body></html>",
    );
    let reproducers = write(
        dir.path(),
        "reproducers.txt",
        b"The White House President Obama spoke.\n\nMr. Mr. Rahami, he said, would support the talks.\n",
    );
    let out = briefing(&[
        "analyze",
        &deep,
        &deeper,
        &articles,
        &links,
        &reproducers,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        format!(
            "briefing: {links}: no article text found in this page (only links, menus or scripts)"
        )
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches(",Russia,").count(), 3, "{stdout}");
    // The two shrunk reproducers of the panics real articles caused: analysed, Rahami supports.
    assert!(
        stdout.contains("reproducers.txt,person:rahami,Rahami,"),
        "{stdout}"
    );

    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let out = briefing(&["analyze", fifo.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pipe.txt: this is a named pipe (FIFO), not an article file"),
        "{stderr}"
    );
}

#[test]
fn one_sentence_repeated_over_megabytes_is_analysed() {
    // 8 MB of one sentence: one cell fed by every sentence. Quadratic merging took 27 s here;
    // this checks the result, the bench reports the time.
    let dir = tempfile::tempdir().expect("tempdir");
    let text = common::repeated_sentence(8);
    let path = write(dir.path(), "repeated.txt", text.as_bytes());
    let out = briefing(&["analyze", &path, "--format", "csv"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    let russia = rows
        .records()
        .map(|r| r.expect("valid CSV"))
        .find(|r| &r[1] == "russia")
        .expect("a Russia row");
    // Every cell fits a spreadsheet (32,767 characters) and says what was left out.
    for field in &russia {
        assert!(field.chars().count() < 32_767, "{} chars", field.len());
    }
    let more = format!("(+{} more)", text.matches(common::SENTENCE).count() - 200);
    assert!(
        russia[7].ends_with(&more),
        "{}",
        &russia[7][russia[7].len() - 40..]
    );
    assert!(russia[9].ends_with("more)"));
}

#[test]
fn a_command_after_window_options_is_explained_not_opened_as_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().to_str().expect("utf8");
    let out = briefing(&["--config-dir", config, "session", "show", "Untitled"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`session` is a command"), "{err}");
    assert!(err.lines().count() == 1, "{err}");
    // The same options after the command work.
    let out = briefing(&["session", "show", "Untitled", "--config-dir", config]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Untitled"));
}

/// A codebook's topics take the stances named in their sentences, in `analyze` and `export`;
/// a file that is no codebook stops the command with a plain line.
#[test]
fn a_codebook_puts_stances_on_the_analysts_own_topics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = write(
        dir.path(),
        "cruz.txt",
        b"Senator Ted Cruz proposed the amendment to set lifetime limits for service in Congress.\n",
    );
    let book = write(
        dir.path(),
        "book.ron",
        b"(topics: [(name: \"Term limits\", phrases: [\"lifetime limits\"])])",
    );
    let out = briefing(&["analyze", "--codebook", &book, &article]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let on_codebook = |v: &serde_json::Value| {
        v["stances"].as_array().expect("stances").iter().any(|s| {
            s["actor"] == "person:ted-cruz"
                && s["topic"] == "codebook:term-limits"
                && s["stance"] == "support"
        })
    };
    assert!(on_codebook(&v), "{v}");
    let plain = briefing(&["analyze", &article]);
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("json");
    assert!(!on_codebook(&plain), "without the codebook: {plain}");

    let out = briefing(&[
        "export",
        "--format",
        "json",
        "--codebook",
        &book,
        "--articles",
        &article,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        export["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .any(|c| c["topic"] == "codebook:term-limits"),
        "{export}"
    );

    let bad = write(dir.path(), "bad.ron", b"(topics: 3)");
    let out = briefing(&["analyze", "--codebook", &bad, &article]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("briefing: ")
            && err.contains("bad.ron could not be read: this is not a codebook"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// The README's first command, `cargo run --release`, must start the app: with a second
/// binary in the package (the tagger trainer), cargo needs `default-run` to know which.
#[test]
fn cargo_run_starts_the_app() {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let package = &meta["packages"][0];
    let binaries = package["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .filter(|t| {
            t["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "bin"))
        })
        .count();
    if binaries > 1 {
        assert_eq!(package["default_run"], "briefing");
    }
}

/// `briefing eval --lexicon DIR` scores with the folder's lexicon added: an actor the bundled
/// lexicon misses is found once a user's `actors.ron` names it, and a lexicon that does not
/// parse is refused with the file named.
#[test]
fn eval_measures_a_lexicon_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    let name = "2020-12-15-conservative-groups-hold-rally";
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    let article = std::fs::read_dir(root.join("wikinews"))
        .expect("corpus")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .expect("the rally article");
    let stem = article.path().file_stem().expect("stem").to_owned();
    std::fs::create_dir_all(corpus.join("wikinews")).expect("mkdir");
    std::fs::create_dir_all(corpus.join("labels")).expect("mkdir");
    std::fs::copy(
        article.path(),
        corpus.join("wikinews").join(article.file_name()),
    )
    .expect("copy");
    let label = Path::new(&stem).with_extension("ron");
    std::fs::copy(
        root.join("labels").join(&label),
        corpus.join("labels").join(&label),
    )
    .expect("copy label");
    let overall = |out: &Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.starts_with("OVERALL (all)"))
            .expect("an overall line")
            .split_whitespace()
            .nth(4)
            .expect("actors found")
            .to_owned()
    };
    let corpus_arg = corpus.to_str().expect("utf-8");
    let before = overall(&briefing(&["eval", corpus_arg]));
    let lexicon = dir.path().join("lexicon");
    std::fs::create_dir_all(&lexicon).expect("mkdir");
    std::fs::write(
        lexicon.join("actors.ron"),
        r#"(actors: [(id: "wfaf", name: "Women for America First", kind: group,
            names: ["Women for America First"], adjectives: [])])"#,
    )
    .expect("write");
    let lexicon_arg = lexicon.to_str().expect("utf-8");
    let after = overall(&briefing(&["eval", corpus_arg, "--lexicon", lexicon_arg]));
    let found = |s: &str| s.split('/').next().and_then(|n| n.parse::<u32>().ok());
    assert_eq!(
        found(&after),
        found(&before).map(|n| n + 1),
        "{before} then {after}"
    );

    std::fs::write(lexicon.join("words.ron"), "(light_nouns: [").expect("write");
    let broken = briefing(&["eval", corpus_arg, "--lexicon", lexicon_arg]);
    assert!(!broken.status.success());
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("words.ron"),
        "{}",
        String::from_utf8_lossy(&broken.stderr)
    );
}
