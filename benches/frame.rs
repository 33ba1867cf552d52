//! CPU time to build one frame of the window, headless: with the sample article, with the five
//! sample articles, and with a session holding a ~20 MB article made of those five (repeated with
//! numbers and paragraph order varied, names kept, so its matrix has the same actors and topics),
//! at the top, scrolled into the middle, and with a matrix cell and a sentence selected. Reports
//! the median and the 95th percentile of 200 frames.
//!
//! Run with `cargo bench --bench frame`. `BRIEFING_BENCH_MB` sets the large article's size.

mod common;

use briefing::app::{AppOptions, BriefingApp};
use briefing::model::SentenceId;
use briefing::model::session::Cell;
use briefing::ui::{Detail, ScrollTarget};
use std::time::{Duration, Instant};

const FRAMES: usize = 200;

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut BriefingApp) -> (Duration, Duration) {
    let t = Instant::now();
    let output = ctx.run_ui(raw_input(), |ui| app.show(ui));
    let build = t.elapsed();
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    (build, t.elapsed())
}

fn measure(label: &str, ctx: &egui::Context, app: &mut BriefingApp) -> Duration {
    for _ in 0..10 {
        frame(ctx, app);
    }
    let mut build: Vec<Duration> = Vec::with_capacity(FRAMES);
    let mut total: Vec<Duration> = Vec::with_capacity(FRAMES);
    for _ in 0..FRAMES {
        let (b, t) = frame(ctx, app);
        build.push(b);
        total.push(t);
    }
    build.sort();
    total.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} build median {:>6.3} ms  p95 {:>6.3} ms   with tessellation median {:>6.3} ms",
        ms(build[FRAMES / 2]),
        ms(build[FRAMES * 95 / 100]),
        ms(total[FRAMES / 2]),
    );
    build[FRAMES / 2]
}

fn select_first_cell(app: &mut BriefingApp) {
    let cell = app
        .matrix()
        .cells
        .iter()
        .max_by_key(|(_, v)| v.suggestion.as_ref().map_or(0, |s| s.evidence.len()))
        .map(|(c, _)| c.clone());
    if let Some(cell) = cell {
        app.ui_state_mut().detail = Detail::Cell(Cell { ..cell });
    }
}

fn wait_idle(ctx: &egui::Context, app: &mut BriefingApp) {
    let start = Instant::now();
    while app.is_busy() && start.elapsed() < Duration::from_mins(2) {
        frame(ctx, app);
        std::thread::sleep(Duration::from_millis(20));
    }
    frame(ctx, app);
}

fn main() {
    let mb: usize = std::env::var("BRIEFING_BENCH_MB")
        .ok()
        .and_then(|s| s.split(',').next_back().and_then(|n| n.trim().parse().ok()))
        .unwrap_or(20);
    println!("briefing frame benchmark: {FRAMES} frames at 1400x900, headless (egui run_ui)");

    let ctx = egui::Context::default();
    let mut sample = BriefingApp::new(
        &ctx,
        AppOptions {
            open_sample: true,
            ..AppOptions::default()
        },
    );
    wait_idle(&ctx, &mut sample);
    let small = measure("sample article", &ctx, &mut sample);
    select_first_cell(&mut sample);
    measure("sample article, busiest cell selected", &ctx, &mut sample);

    // The same five sample articles the large one is made of: a small session whose matrix has
    // the same actors and topics, so that the comparison isolates the size of the text.
    let ctx = egui::Context::default();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut five = BriefingApp::new(
        &ctx,
        AppOptions {
            files: common::SAMPLES.iter().map(|n| root.join(n)).collect(),
            ..AppOptions::default()
        },
    );
    wait_idle(&ctx, &mut five);
    println!(
        "five samples: {} actors, {} topics",
        five.matrix().rows.len(),
        five.matrix().columns.len()
    );
    let small_session = measure("five sample articles", &ctx, &mut five);
    select_first_cell(&mut five);
    five.ui_state_mut().selected_sentence = Some((0, SentenceId(3)));
    let small_selected = measure("five samples, busiest cell + a sentence", &ctx, &mut five);

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.txt");
    let bytes = common::generate(&common::sample_pieces(), mb * 1024 * 1024, false);
    std::fs::write(&path, &bytes).expect("write corpus");
    let ctx = egui::Context::default();
    let mut large = BriefingApp::new(
        &ctx,
        AppOptions {
            files: vec![path],
            ..AppOptions::default()
        },
    );
    wait_idle(&ctx, &mut large);
    let doc = large.documents().first().expect("large article opened");
    let sentences = doc.article.sentences.len();
    println!(
        "large article: {:.1} MB, {sentences} sentences, {} actors, {} topics",
        bytes.len() as f64 / (1024.0 * 1024.0),
        large.matrix().rows.len(),
        large.matrix().columns.len()
    );
    let top = measure(&format!("{mb} MB article, top"), &ctx, &mut large);
    large
        .ui_state_mut()
        .requests
        .ask(briefing::ui::Request::ScrollTo(
            0,
            ScrollTarget::Sentence(SentenceId((sentences / 2) as u32)),
        ));
    frame(&ctx, &mut large);
    let middle = measure(
        &format!("{mb} MB article, scrolled to the middle"),
        &ctx,
        &mut large,
    );
    select_first_cell(&mut large);
    large.ui_state_mut().selected_sentence = Some((0, SentenceId((sentences / 2) as u32)));
    let selected = measure(
        &format!("{mb} MB article, busiest cell + a sentence"),
        &ctx,
        &mut large,
    );
    println!(
        "large / five samples (build median): top {:.2}x, middle {:.2}x, with selection {:.2}x (seed alone: {:.3} ms)",
        top.as_secs_f64() / small_session.as_secs_f64(),
        middle.as_secs_f64() / small_session.as_secs_f64(),
        selected.as_secs_f64() / small_selected.as_secs_f64(),
        small.as_secs_f64() * 1000.0,
    );
}
