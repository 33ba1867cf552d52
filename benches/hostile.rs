//! Inputs that used to hang or crash, timed as a user meets them: the whole `briefing analyze`
//! process on one file, wall time, and the peak memory of a child that analyses it once.
//!
//! Run with `cargo bench --bench hostile`. One sentence repeated over 4, 8, 16 and 60 MB shows
//! whether time per MB stays flat (it grew quadratically before); HTML nested 10,000 and 100,000
//! levels deep shows the depth limit at work.
//!
//! A second table times the corners that grew quadratically before: `analyze --format md` on
//! text whose cast of actors and topics grows with its size (2 to 16 MB), Markdown made of many
//! front matter blocks, and `export` of sessions naming 1,000 to 100,000 small articles.

use briefing::analysis::Analyzer;
use briefing::document::Document;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let result = Document::open(Path::new(&args[i + 1]), Analyzer::bundled());
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .map_or("?", |v| v.trim().trim_end_matches("kB").trim());
        println!("{hwm} {}", result.is_ok());
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    one_file_cases(dir.path());
    corners(dir.path());
}

fn one_file_cases(dir: &Path) {
    let sentence = "Russia rejected the ceasefire talks, the Kremlin said on Tuesday. ";
    let nested = |depth: usize| {
        format!(
            "<html><body>{}<p>Moscow rejected the plan.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
    };
    let mut cases: Vec<(String, String, Vec<u8>)> = Vec::new();
    for mb in [4, 8, 16, 60] {
        let text = sentence.repeat(mb * 1024 * 1024 / sentence.len());
        cases.push((
            format!("one sentence, {mb} MB"),
            "txt".into(),
            text.into_bytes(),
        ));
    }
    for depth in [10_000, 100_000] {
        cases.push((
            format!("HTML nested {depth} deep"),
            "html".into(),
            nested(depth).into_bytes(),
        ));
    }
    println!("briefing hostile-input benchmark (whole CLI process, one run each)");
    println!(
        "{:<26} {:>9} {:>10} {:>11} {:>10} {:>3}",
        "input", "size", "wall", "ms per MB", "peak RSS", "ok"
    );
    for (i, (name, ext, bytes)) in cases.into_iter().enumerate() {
        let path = dir.join(format!("case{i}.{ext}"));
        let mb = bytes.len() as f64 / (1024.0 * 1024.0);
        std::fs::write(&path, bytes).expect("write case");
        let t = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["analyze", "--format", "csv"])
            .arg(&path)
            .output()
            .expect("briefing runs");
        let wall = t.elapsed().as_secs_f64();
        let exe = std::env::current_exe().expect("own path");
        let child = Command::new(exe)
            .arg("--child")
            .arg(&path)
            .output()
            .expect("child runs");
        let child = String::from_utf8_lossy(&child.stdout);
        let (hwm, ok) = child.trim().split_once(' ').unwrap_or(("?", "?"));
        let peak = hwm
            .parse::<f64>()
            .map_or_else(|_| "?".to_owned(), |kb| format!("{:.0}MB", kb / 1024.0));
        println!(
            "{name:<26} {mb:>7.2}MB {:>8.2}s {:>11.0} {peak:>10} {:>3}",
            wall,
            wall * 1000.0 / mb,
            if out.status.success() && ok == "true" {
                "yes"
            } else {
                "NO"
            },
        );
    }
}

/// A made-up but stable word for the `k`th person or place: `parts` syllables, capitalised.
fn coined(k: usize, salt: usize, parts: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mer", "dan", "vi", "tor", "sel", "ru", "bax", "en", "gol", "pa", "ris", "ut",
        "zen", "ho",
    ];
    let mut n = k * 7 + salt;
    let mut word = String::new();
    for _ in 0..parts {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Wire-style Markdown of about `bytes`: a new person and a new place-named topic every four
/// paragraphs, so the matrix grows with the text as it does on a real pile of news.
fn growing_markdown(bytes: usize) -> String {
    let mut text = String::from("# A story that keeps growing\n\n");
    let mut i = 0;
    while text.len() < bytes {
        let k = i / 4;
        let person = format!("{} {}", coined(k, 1, 2), coined(k, 2, 4));
        let rival = format!("{} {}", coined(k, 3, 2), coined(k, 4, 4));
        let place = coined(k, 5, 4);
        if i % 4 == 0 {
            let _ = write!(text, "## {place} talks\n\n");
        }
        let _ = write!(
            text,
            "Foreign Minister {person} said on Tuesday that the {place} pipeline deal must go \
             ahead. Senator {rival} rejected the {place} pipeline deal, while Germany welcomed \
             it.\n\n"
        );
        i += 1;
    }
    text
}

/// Markdown made of many short documents, each under its own front matter block.
fn front_matter_markdown(bytes: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        let _ = write!(
            text,
            "---\ntitle: Part {i}\nauthor: Desk\n---\n\n# Part {i}\n\nMoscow rejected the \
             grain corridor plan, officials said on Monday.\n\n"
        );
        i += 1;
    }
    text
}

/// A session naming `n` small articles that lie beside it, each with its own sentence.
fn session_of(dir: &Path, n: usize) -> std::path::PathBuf {
    let folder = dir.join(format!("pile{n}"));
    std::fs::create_dir_all(&folder).expect("pile folder");
    let mut ron = String::from("(\n  version: 1,\n  articles: [\n");
    for i in 0..n {
        let path = folder.join(format!("a{i}.txt"));
        let place = coined(i % 500, 3, 4);
        std::fs::write(
            &path,
            format!(
                "{place} talks\n\nRussia rejected the {place} talks on Tuesday, officials said. \
                 Germany welcomed the {place} talks.\n"
            ),
        )
        .expect("write article");
        let _ = writeln!(
            ron,
            "    (path: {:?}, hash: \"\", format: text, encoding: \"UTF-8\"),",
            path.to_str().expect("utf-8 temp path")
        );
    }
    ron.push_str("  ],\n)\n");
    let session = folder.join("pile.ron");
    std::fs::write(&session, ron).expect("write session");
    session
}

fn corners(dir: &Path) {
    println!();
    println!("quadratic corners (whole CLI process, one run each)");
    println!("{:<34} {:>9} {:>10} {:>3}", "input", "size", "wall", "ok");
    let mut runs: Vec<(String, Vec<String>, f64)> = Vec::new();
    for mb in [2, 4, 8, 16] {
        let path = dir.join(format!("growing{mb}.md"));
        std::fs::write(&path, growing_markdown(mb << 20)).expect("write md");
        let args = vec![
            "analyze".into(),
            "--format".into(),
            "md".into(),
            path_arg(&path),
        ];
        runs.push((
            format!("analyze md, growing cast, {mb} MB"),
            args,
            mb as f64,
        ));
    }
    for mb in [1, 2, 4] {
        let path = dir.join(format!("front{mb}.md"));
        std::fs::write(&path, front_matter_markdown(mb << 20)).expect("write md");
        let args = vec![
            "analyze".into(),
            "--format".into(),
            "json".into(),
            path_arg(&path),
        ];
        runs.push((format!("front matter blocks, {mb} MB"), args, mb as f64));
    }
    for n in [1_000, 16_000, 100_000] {
        let session = session_of(dir, n);
        let size = std::fs::metadata(&session).map_or(0.0, |m| m.len() as f64 / f64::from(1 << 20));
        let args = vec![
            "export".into(),
            path_arg(&session),
            "--format".into(),
            "md".into(),
            "--allow-outside".into(),
            "--config-dir".into(),
            path_arg(dir),
        ];
        runs.push((format!("export md, {n} articles"), args, size));
    }
    for (name, args, mb) in runs {
        let t = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(&args)
            .output()
            .expect("briefing runs");
        let wall = t.elapsed().as_secs_f64();
        let ok = out.status.success() && !out.stdout.is_empty();
        println!(
            "{name:<34} {mb:>7.2}MB {wall:>8.2}s {:>3}",
            if ok { "yes" } else { "NO" }
        );
    }
}

fn path_arg(path: &Path) -> String {
    path.to_str().expect("utf-8 temp path").to_owned()
}
