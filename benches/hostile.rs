//! Inputs that used to hang or crash, timed as a user meets them: the whole `briefing analyze`
//! process on one file, wall time, and the peak memory of a child that analyses it once.
//!
//! Run with `cargo bench --bench hostile`. One sentence repeated over 4, 8, 16 and 60 MB shows
//! whether time per MB stays flat (it grew quadratically before); HTML nested 10,000 and 100,000
//! levels deep shows the depth limit at work.

use briefing::analysis::Analyzer;
use briefing::document::Document;
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
        let path = dir.path().join(format!("case{i}.{ext}"));
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
