//! Save and load of a large session: 3,000 articles and 10,000 hand annotations (with notes and
//! evidence), through the same functions the window uses (atomic write with backups; parse with
//! version check). Median of 9 runs. Run with `cargo bench --bench session`.

use briefing::command::{Command, apply};
use briefing::load::Format;
use briefing::model::session::{ArticleRef, Cell, EvidenceRef, Session};
use briefing::model::{ActorId, SentenceId, Stance, TopicId};
use briefing::storage::session as store;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn big_session(articles: usize, annotations: usize) -> Session {
    let mut s = Session::default();
    for i in 0..articles {
        apply(
            &mut s,
            Command::AddArticles(vec![ArticleRef {
                path: PathBuf::from(format!("/data/news/2026/article-{i:05}.txt")),
                hash: format!("{:016x}", i * 7919),
                title: Some(format!("Article number {i} on the talks")),
                date: Some("2026-11-26".into()),
                format: Format::Text,
                encoding: "UTF-8".into(),
            }]),
            0,
        )
        .expect("article");
    }
    for i in 0..annotations {
        let cell = Cell {
            actor: ActorId(format!("actor-{}", i % 400)),
            topic: TopicId(format!("topic-{}", i / 400)),
        };
        let stance = Stance::ALL[i % 6];
        apply(
            &mut s,
            Command::SetStance {
                cell: cell.clone(),
                stance,
            },
            1_795_700_000,
        )
        .expect("stance");
        apply(
            &mut s,
            Command::SetNote {
                cell: cell.clone(),
                note: format!("Checked against the wire copy, item {i}."),
            },
            1_795_700_000,
        )
        .expect("note");
        apply(
            &mut s,
            Command::AttachEvidence {
                cell,
                evidence: EvidenceRef {
                    article: PathBuf::from(format!(
                        "/data/news/2026/article-{:05}.txt",
                        i % articles
                    )),
                    sentence: SentenceId((i % 40) as u32),
                    quote: format!(
                        "The ministry said on Tuesday that it rejected the proposal number {i}."
                    ),
                    context: "the end of the sentence before".into(),
                },
            },
            1_795_700_000,
        )
        .expect("evidence");
    }
    s
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    t[runs / 2]
}

fn main() {
    let session = big_session(3000, 10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    store::save(&path, &session).expect("first save");
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let save = median(9, || {
        store::save(&path, &session).expect("save");
    });
    let load = median(9, || {
        let (loaded, _) = store::load(&path).expect("load");
        assert_eq!(loaded.annotations.len(), 10_000);
    });
    let serialise = median(9, || {
        let _ = store::to_ron(&session);
    });
    println!(
        "briefing session benchmark: 3,000 articles, 10,000 annotations, {:.1} MB of RON",
        size as f64 / 1e6
    );
    println!(
        "save (serialise, back up, write, fsync, rename): median {:>6.1} ms   (serialise alone {:.1} ms)",
        save.as_secs_f64() * 1000.0,
        serialise.as_secs_f64() * 1000.0
    );
    println!(
        "load (read, check version, parse):               median {:>6.1} ms",
        load.as_secs_f64() * 1000.0
    );
}
