//! Scale, measured as a user meets it: real news text at 5, 20 and 60 MB through the command
//! line and the window, and a session of 85,000 hand annotations in the window.
//!
//! `cargo bench --bench scale` (add `-- --real FILE` to measure a real-news file of your own as
//! well, and `-- --sizes 5,20` to pick sizes). The corpus is built from the real articles of
//! `assets/corpus/wikinews` (CC BY 2.5), repeated in a shuffled order with their digits varied,
//! until it reaches the size. Every figure comes from a fresh process:
//!
//! - CLI: the whole `briefing analyze FILE` process with its JSON output, median of 3, beside
//!   `wc -w FILE` timed the same way in the same run; peak resident memory from GNU time.
//! - Window: the app headless (`egui_kittest`, the same code without a GPU) opening the file:
//!   time until nothing is running any more, the slowest frame while opening, peak memory, and
//!   the frame that selects the busiest cell (most evidence sentences) and the one that sets
//!   its stance by hand (key 2), all beside the same figures on the bundled sample in the same
//!   run.
//! - Session: the window opening a session of 85,000 annotations over 85,000 actors and 500
//!   topics.

use briefing::app::{AppOptions, BriefingApp};
use briefing::command::{Command as Edit, apply};
use briefing::model::session::{Cell, Session};
use briefing::model::{ActorId, Stance, TopicId};
use egui_kittest::Harness;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The value after `name` on the command line.
fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// The benchmark's own child processes and helpers; `true` when one of them ran.
fn ran_helper(args: &[String]) -> bool {
    let arg = |name: &str| arg(args, name);
    if let Some(file) = arg("--window-child") {
        window_child(vec![PathBuf::from(file)], None);
    } else if let Some(folder) = arg("--many-child") {
        window_child(article_files(Path::new(&folder)), None);
    } else if let Some(session) = arg("--session-child") {
        window_child(Vec::new(), Some(session));
    } else if let (Some(mb), Some(path)) = (arg("--write-corpus"), arg("--to")) {
        // For measuring the real window by hand: the corpus of that size, written where asked.
        let mb: usize = mb.parse().expect("a size in MB");
        std::fs::write(&path, real_corpus(mb * 1024 * 1024)).expect("write corpus");
    } else if let Some(path) = arg("--write-session") {
        // For profiling by hand: the large session, written where asked.
        briefing::storage::session::save(Path::new(&path), &large_session(85_000, 500))
            .expect("save the large session");
    } else if let (Some(n), Some(folder)) = (arg("--write-many"), arg("--to")) {
        // For measuring the real window by hand: that many articles, written into a folder.
        write_many(Path::new(&folder), n.parse().expect("a number of articles"));
    } else if let Some(folder) = arg("--rename-child") {
        rename_child(&article_files(Path::new(&folder)));
    } else if args.iter().any(|a| a == "--sample-child") {
        window_child(Vec::new(), None);
    } else {
        return false;
    }
    true
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if ran_helper(&args) {
        return;
    }
    let arg = |name: &str| arg(&args, name);
    let sizes: Vec<usize> = arg("--sizes").map_or_else(
        || vec![5, 20, 60],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    let many: Vec<usize> = arg("--many").map_or_else(
        || vec![1000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    println!("briefing scale benchmark ({})", machine());
    many_articles(dir.path(), &many);
    if args.iter().any(|a| a == "--only-many") {
        return;
    }
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for mb in &sizes {
        let path = dir.path().join(format!("wikinews-{mb}mb.txt"));
        std::fs::write(&path, real_corpus(mb * 1024 * 1024)).expect("write corpus");
        files.push((format!("Wikinews ×, {mb} MB"), path));
    }
    if let Some(real) = arg("--real") {
        files.push((format!("given file {real}"), PathBuf::from(real)));
    }

    println!();
    println!("CLI: `briefing analyze FILE` (JSON to /dev/null), whole process, median of 3");
    println!(
        "{:<34} {:>8} {:>9} {:>9} {:>7} {:>10} {:>9} {:>8}",
        "input", "MB", "briefing", "wc -w", "ratio", "ms per MB", "peak", "× input"
    );
    for (name, path) in &files {
        let mb = size_mb(path);
        let (ours, peak_kb) = timed_process(
            Command::new(env!("CARGO_BIN_EXE_briefing"))
                .arg("analyze")
                .arg(path),
        );
        let (wc, _) = timed_process(Command::new("wc").arg("-w").arg(path));
        println!(
            "{:<34} {:>8.1} {:>7.0}ms {:>7.0}ms {:>6.2}× {:>10.1} {:>7.0}MB {:>7.2}×",
            name,
            mb,
            ms(ours),
            ms(wc),
            ours.as_secs_f64() / wc.as_secs_f64(),
            ms(ours) / mb,
            peak_kb as f64 / 1024.0,
            peak_kb as f64 / 1024.0 / mb,
        );
    }

    println!();
    println!("Window (headless): open, run until idle, select the busiest cell");
    println!(
        "{:<34} {:>9} {:>11} {:>9} {:>10} {:>12} {:>9}",
        "input", "to idle", "worst frame", "peak", "over base", "busiest cell", "edit"
    );
    let base = child_report(&["--sample-child"]);
    print_window("bundled sample (the base)", &base, &base);
    for (name, path) in &files {
        let report = child_report(&["--window-child", path.to_str().expect("utf-8 path")]);
        print_window(name, &report, &base);
        let mb = size_mb(path);
        println!(
            "{:<34} peak over base = {:.2}× the file ({:.1} MB)",
            "",
            (report.peak_kb as f64 - base.peak_kb as f64) / 1024.0 / mb,
            mb
        );
    }

    let session_dir = dir.path().join("config");
    let session_file = session_dir.join("sessions/large.ron");
    std::fs::create_dir_all(session_file.parent().expect("folder")).expect("mkdir");
    let session = large_session(85_000, 500);
    briefing::storage::session::save(&session_file, &session).expect("save the large session");
    drop(session);
    let report = child_report(&[
        "--session-child",
        session_file.to_str().expect("utf-8 path"),
    ]);
    println!("{:<34} ({:.0} MB of RON)", "", size_mb(&session_file));
    print_window("session: 85,000 annotations", &report, &base);
}

/// Many articles at once, as an analyst opens every article on a story: the same files through
/// `briefing analyze` and opened together in the window.
fn many_articles(dir: &Path, counts: &[usize]) {
    println!();
    println!(
        "Many articles: `briefing analyze` on all of them (median of 3), and the window opening them together"
    );
    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>11} {:>11} {:>9} {:>11} {:>9}",
        "input",
        "CLI",
        "CLI peak",
        "to idle",
        "worst frame",
        "after load",
        "rename",
        "its build",
        "peak"
    );
    for &n in counts {
        let folder = dir.join(format!("many-{n}"));
        write_many(&folder, n);
        let files = article_files(&folder);
        let (cli, cli_kb) = timed_process(
            Command::new(env!("CARGO_BIN_EXE_briefing"))
                .arg("analyze")
                .args(&files),
        );
        let report = child_report(&["--many-child", folder.to_str().expect("utf-8 path")]);
        let rename = child_report(&["--rename-child", folder.to_str().expect("utf-8 path")]);
        println!(
            "{:<34} {:>7.0}ms {:>7.0}MB {:>7.0}ms {:>9.1}ms {:>9.1}ms {:>7.1}ms {:>9.1}ms {:>7.0}MB",
            format!("{n} real articles ({:.1} MB)", folder_mb(&files)),
            ms(cli),
            cli_kb as f64 / 1024.0,
            ms(report.to_idle),
            ms(report.worst_frame),
            ms(report.after),
            ms(rename.rename),
            ms(rename.rename_build),
            report.peak_kb as f64 / 1024.0,
        );
    }
}

/// The articles opened together in the library's workspace (as the window holds them), then
/// the most mentioned actor renamed by hand: an edit that reaches further than one cell, so
/// that the matrix and the joins across articles are built again. Prints the edit's time.
fn rename_child(files: &[PathBuf]) {
    use briefing::command::Command;
    let analyzer = briefing::analysis::Analyzer::bundled();
    let mut work = briefing::workspace::Workspace::default();
    work.hold();
    for (i, path) in files.iter().enumerate() {
        let doc = briefing::document::Document::open(path, analyzer).expect("article");
        work.insert_doc(doc, i as u64);
    }
    work.settle();
    // With many articles the settled matrix is built on another thread: here, at once.
    work.finish_build();
    let actor = work.matrix().rows[0].id.clone();
    let t = Instant::now();
    work.edit(
        Command::RenameActor {
            actor,
            name: "Renamed by hand".into(),
        },
        0,
    )
    .expect("rename");
    // On the window's thread: the edit; with many articles the matrix is then built on
    // another thread, while the window goes on drawing the one it has.
    println!("rename_us {}", t.elapsed().as_micros());
    let t = Instant::now();
    if let Some(input) = work.take_build() {
        assert!(work.install(input.build()), "nothing changed meanwhile");
    }
    println!("rename_build_us {}", t.elapsed().as_micros());
}

/// `n` article files in `folder`: the real articles in turn, their digits varied on each round,
/// so that no two files are the same.
fn write_many(folder: &Path, n: usize) {
    std::fs::create_dir_all(folder).expect("folder");
    let articles = wikinews();
    for i in 0..n {
        let round = (i / articles.len()) as u32;
        let text: String = articles[i % articles.len()]
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if round > 0 => char::from_digit((d + round) % 10, 10).unwrap_or(c),
                _ => c,
            })
            .collect();
        std::fs::write(folder.join(format!("article-{i:05}.txt")), text).expect("write article");
    }
}

/// The article files of a folder, by name.
fn article_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("the folder of articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

fn folder_mb(files: &[PathBuf]) -> f64 {
    files.iter().map(|f| size_mb(f)).sum()
}

/// The real articles of `assets/corpus/wikinews`, by file name.
fn wikinews() -> Vec<String> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/corpus/wikinews");
    let mut named: Vec<(PathBuf, String)> = std::fs::read_dir(&folder)
        .expect("the Wikinews corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read article");
            (p, text)
        })
        .collect();
    named.sort();
    named.into_iter().map(|(_, text)| text).collect()
}

/// The real articles, repeated in a shuffled order (a fixed seed per round) with their digits
/// varied, up to `bytes`.
fn real_corpus(bytes: usize) -> Vec<u8> {
    // Sorted by text, as this corpus has always been built.
    let mut articles = wikinews();
    articles.sort();
    let mut out = Vec::with_capacity(bytes + 64 * 1024);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut round = 0u8;
    while out.len() < bytes {
        let mut order: Vec<usize> = (0..articles.len()).collect();
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &i in &order {
            out.extend(
                articles[i]
                    .chars()
                    .map(|c| match c.to_digit(10) {
                        Some(d) if round > 0 => char::from(b'0' + ((d as u8 + round) % 10)),
                        _ => c,
                    })
                    .collect::<String>()
                    .as_bytes(),
            );
            out.extend_from_slice(b"\n\n");
            if out.len() >= bytes {
                break;
            }
        }
        round = round.wrapping_add(1);
    }
    out
}

/// 85,000 actors and 500 topics, one hand stance per actor: what an analyst coding a large
/// archive by hand might hold.
fn large_session(annotations: usize, topics: usize) -> Session {
    let mut s = Session::default();
    for i in 0..annotations {
        apply(
            &mut s,
            Edit::SetStance {
                cell: Cell {
                    actor: ActorId(format!("person:actor-{i}")),
                    topic: TopicId(format!("topic-{}", i % topics)),
                },
                stance: Stance::ALL[i % 6],
            },
            1_795_700_000,
        )
        .expect("stance");
    }
    s
}

/// What a window child measured.
#[derive(Debug, Default)]
struct Report {
    to_idle: Duration,
    worst_frame: Duration,
    peak_kb: u64,
    busiest: Duration,
    edit: Duration,
    /// The slowest frame once loaded: idle frames, moving the selection, opening the busiest
    /// cell, an edit by hand.
    after: Duration,
    /// A rename by hand over all the articles: the edit on the window's thread, and the
    /// build of the matrix and joins that follows on another (with many articles).
    rename: Duration,
    rename_build: Duration,
}

fn print_window(name: &str, r: &Report, base: &Report) {
    println!(
        "{:<34} {:>7.0}ms {:>9.1}ms {:>7.0}MB {:>8.0}MB {:>10.2}ms {:>7.2}ms",
        name,
        ms(r.to_idle),
        ms(r.worst_frame),
        r.peak_kb as f64 / 1024.0,
        (r.peak_kb as f64 - base.peak_kb as f64) / 1024.0,
        ms(r.busiest),
        ms(r.edit),
    );
}

fn child_report(args: &[&str]) -> Report {
    let exe = std::env::current_exe().expect("own path");
    let out = Command::new(exe)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .expect("child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut r = Report::default();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (Some(key), Some(value)) = (parts.next(), parts.next()) else {
            continue;
        };
        let us = || Duration::from_micros(value.parse().unwrap_or(0));
        match key {
            "to_idle_us" => r.to_idle = us(),
            "worst_frame_us" => r.worst_frame = us(),
            "busiest_us" => r.busiest = us(),
            "edit_us" => r.edit = us(),
            "after_us" => r.after = us(),
            "rename_us" => r.rename = us(),
            "rename_build_us" => r.rename_build = us(),
            "peak_kb" => r.peak_kb = value.parse().unwrap_or(0),
            _ => {}
        }
    }
    r
}

/// In a child: the window headless, on `files`, on the session `session`, or on the sample.
fn window_child(files: Vec<PathBuf>, session: Option<String>) {
    let config = tempfile::tempdir().expect("config dir");
    let config_dir = session.as_ref().map_or_else(
        || config.path().to_path_buf(),
        |s| {
            Path::new(s)
                .parent()
                .and_then(Path::parent)
                .expect("sessions folder")
                .to_path_buf()
        },
    );
    let options = AppOptions {
        open_sample: files.is_empty() && session.is_none(),
        files,
        config_dir: Some(config_dir),
        session,
        lexicon: None,
        autosave_every: None,
        compare: Vec::new(),
    };
    let start = Instant::now();
    // Real articles hold characters the bundled font lacks (a bar chart of "█"): the window
    // draws a box for them, as the real one does, instead of the test harness's panic.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .allow_missing_glyphs()
        .build_eframe(move |cc| BriefingApp::new(&cc.egui_ctx, options));
    let mut worst = Duration::ZERO;
    loop {
        let t = Instant::now();
        harness.step();
        worst = worst.max(t.elapsed());
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(2);
    let to_idle = start.elapsed();
    // Once loaded, the window as the analyst uses it: frames with nothing new, and moving the
    // selection through the matrix (each a frame of its own).
    let mut after = Duration::ZERO;
    for _ in 0..10 {
        let t = Instant::now();
        harness.step();
        after = after.max(t.elapsed());
    }
    for key in [
        egui::Key::ArrowDown,
        egui::Key::ArrowDown,
        egui::Key::ArrowRight,
    ] {
        let t = Instant::now();
        harness.key_press(key);
        harness.step();
        after = after.max(t.elapsed());
    }
    let busiest = harness
        .state()
        .matrix()
        .cells
        .iter()
        .max_by_key(|(_, v)| v.suggestion.as_ref().map_or(0, |s| s.evidence.len()))
        .map(|(c, _)| c.clone());
    let mut busiest_frame = Duration::ZERO;
    if let Some(cell) = busiest {
        harness.state_mut().ui_state_mut().detail = briefing::ui::Detail::Cell(cell);
        let t = Instant::now();
        harness.step();
        busiest_frame = t.elapsed();
    }
    // An edit by hand on that cell (key 2: lean support), as the analyst makes it.
    let t = Instant::now();
    harness.key_press(egui::Key::Num2);
    harness.step();
    let edit_frame = t.elapsed();
    println!("edit_us {}", edit_frame.as_micros());
    println!(
        "after_us {}",
        after.max(busiest_frame).max(edit_frame).as_micros()
    );
    println!("to_idle_us {}", to_idle.as_micros());
    println!("worst_frame_us {}", worst.as_micros());
    println!("busiest_us {}", busiest_frame.as_micros());
    println!("peak_kb {}", own_peak_kb());
}

fn own_peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Median wall time of 3 runs of a whole process (output to /dev/null), and its peak resident
/// memory in kB from one more run under GNU time (`/usr/bin/time -f %M`; 0 where it is not
/// installed).
fn timed_process(command: &mut Command) -> (Duration, u64) {
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let status = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run");
        times.push(start.elapsed());
        assert!(status.success(), "{command:?} failed");
    }
    times.sort();
    let peak = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(command.get_program())
        .args(command.get_args())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()
        .and_then(|out| {
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
        })
        .unwrap_or(0);
    (times[1], peak)
}

fn size_mb(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / (1024.0 * 1024.0))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    format!("{cores} cores")
}
