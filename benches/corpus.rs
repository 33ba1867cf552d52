//! Throughput and memory of load + parse + analyse on a large generated corpus, next to `wc -w`.
//!
//! Run with `cargo bench --bench corpus`. The corpus is made from our own sample articles
//! (assets/samples) with variations: actors swapped, numbers changed, paragraphs reordered.
//! For each size it reports the median of five runs, MB/s, the ratio to `wc -w` on the same file,
//! and the peak resident memory of a child process that analyses the file once.
//!
//! Set `BRIEFING_BENCH_MB=5,10,20` to choose the sizes.

use briefing::analysis::Analyzer;
use briefing::document::Document;
use briefing::load::{self, Format};
use briefing::parse;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

use common::{generate, sample_pieces};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(Path::new(&args[i + 1]));
        return;
    }
    let sizes: Vec<usize> = std::env::var("BRIEFING_BENCH_MB").ok().map_or_else(
        || vec![5, 10, 20],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let pieces = sample_pieces();
    let analyzer = Analyzer::bundled();

    println!("briefing corpus benchmark (median of 5 runs; wc -w timed the same way)");
    println!(
        "{:>7} {:>10} {:>9} {:>9} {:>9} {:>7} {:>11} {:>10} {:>8}",
        "size",
        "sentences",
        "analyse",
        "MB/s",
        "wc -w",
        "ratio",
        "ms per MB",
        "peak RSS",
        "x input"
    );
    for mb in sizes {
        let path = dir.path().join(format!("corpus-{mb}mb.txt"));
        let bytes = generate(&pieces, mb * 1024 * 1024, true);
        std::fs::write(&path, &bytes).expect("write corpus");
        let size_mb = bytes.len() as f64 / (1024.0 * 1024.0);
        drop(bytes);

        let mut sentences = 0;
        let ours = median(5, || {
            let doc = Document::open(&path, analyzer).expect("corpus analyses");
            sentences = doc.article.sentences.len();
            assert!(!doc.briefing.stances.is_empty());
        });
        let wc = median(5, || {
            let out = Command::new("wc")
                .arg("-w")
                .arg(&path)
                .output()
                .expect("wc");
            assert!(out.status.success());
        });
        // Where the time goes, stage by stage.
        let loaded = load::load_file(&path).expect("loads");
        let load_t = median(3, || {
            let _ = load::load_file(&path).expect("loads");
        });
        let article = parse::parse(&loaded);
        let parse_t = median(3, || {
            let _ = parse::parse(&loaded);
        });
        let analyse_t = median(3, || {
            let _ = analyzer.analyze_with_highlights(&article);
        });
        drop((loaded, article));
        let peak = peak_rss_kb(&path);
        let secs = ours.as_secs_f64();
        println!(
            "{:>5.1}MB {:>10} {:>7.0}ms {:>9.1} {:>7.0}ms {:>6.2}x {:>11.1} {:>8.1}MB {:>7.2}x",
            size_mb,
            sentences,
            secs * 1000.0,
            size_mb / secs,
            wc.as_secs_f64() * 1000.0,
            secs / wc.as_secs_f64(),
            secs * 1000.0 / size_mb,
            peak as f64 / 1024.0,
            peak as f64 / 1024.0 / size_mb,
        );
        println!(
            "        stages: load {:.0}ms, parse {:.0}ms, analyse {:.0}ms",
            load_t.as_secs_f64() * 1000.0,
            parse_t.as_secs_f64() * 1000.0,
            analyse_t.as_secs_f64() * 1000.0
        );
        let _ = std::io::stdout().flush();
    }
    // Keep the format list in use so a new format is not forgotten here.
    let _ = [Format::Text, Format::Markdown, Format::Html];
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Peak resident memory (kB) of a fresh process that analyses `path` once.
fn peak_rss_kb(path: &PathBuf) -> u64 {
    let exe = std::env::current_exe().expect("own path");
    let out = Command::new(exe)
        .arg("--child")
        .arg(path)
        .output()
        .expect("child runs");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

/// In the child: analyse once, print `VmHWM` (peak resident set) in kB.
fn child(path: &Path) {
    let doc = Document::open(path, Analyzer::bundled()).expect("analyses");
    assert!(!doc.briefing.actors.is_empty());
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0);
    println!("{hwm}");
}
