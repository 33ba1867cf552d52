//! Sessions on disk: round trips, crash safety, broken files, the example sessions in saved/,
//! and `briefing session show`.

use briefing::command::{Command, apply};
use briefing::load::Format;
use briefing::model::session::{ArticleRef, Cell, EvidenceRef, Session};
use briefing::model::{ActorId, ActorKind, SentenceId, Stance, TopicId};
use briefing::storage::session::{self as store, backup_path};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

fn cell(a: &str, t: &str) -> Cell {
    Cell {
        actor: ActorId(a.into()),
        topic: TopicId(t.into()),
    }
}

/// A session with every kind of edit in it.
fn full_session(seed: u64) -> Session {
    let mut s = Session::default();
    for c in cell_edits(seed).into_iter().chain(name_edits()) {
        apply(&mut s, c, 1_700_000_000 + seed).expect("command applies");
    }
    s
}

/// An article and every kind of edit of a cell.
fn cell_edits(seed: u64) -> Vec<Command> {
    vec![
        Command::AddArticles(vec![ArticleRef {
            path: PathBuf::from("/news/seed.txt"),
            hash: format!("{seed:016x}"),
            title: Some("Talks “denied”".into()),
            date: Some("2026-11-26".into()),
            format: Format::Text,
            encoding: "UTF-8".into(),
        }]),
        Command::SetStance {
            cell: cell("russia", "direct-talks"),
            stance: Stance::Oppose,
        },
        Command::SetConfidence {
            cell: cell("russia", "direct-talks"),
            confidence: Some(0.8),
        },
        Command::SetNote {
            cell: cell("russia", "direct-talks"),
            note: format!("Kremlin line, take {seed}\nsecond line"),
        },
        Command::AttachEvidence {
            cell: cell("russia", "direct-talks"),
            evidence: EvidenceRef {
                article: "/news/seed.txt".into(),
                sentence: SentenceId(0),
                quote: "The Kremlin has officially denied any preparations.".into(),
                context: String::new(),
            },
        },
        Command::AcceptSuggestion {
            cell: cell("united-states", "direct-talks"),
        },
        Command::RejectSuggestion {
            cell: cell("european-union", "miami-talks"),
        },
    ]
}

/// Every kind of edit of actors and topics.
fn name_edits() -> Vec<Command> {
    vec![
        Command::AddActor {
            name: "Hamas".into(),
            kind: ActorKind::Group,
        },
        Command::RenameActor {
            actor: ActorId("united-states".into()),
            name: "USA".into(),
        },
        Command::MergeActors {
            from: ActorId("person:yuri-ushakov".into()),
            into: ActorId("russia".into()),
        },
        Command::AddAlias {
            actor: ActorId("ukraine".into()),
            alias: "Kyiv government".into(),
        },
        Command::RemoveAlias {
            actor: ActorId("ukraine".into()),
            alias: "Ukrainian side".into(),
        },
        Command::AddTopic {
            name: "Prisoner exchange".into(),
        },
        Command::RenameTopic {
            topic: TopicId("miami-talks".into()),
            name: "Talks in Miami".into(),
        },
        Command::MergeTopics {
            from: TopicId("peace-talks".into()),
            into: TopicId("direct-talks".into()),
        },
    ]
}

#[test]
fn a_session_with_every_kind_of_edit_saves_and_reloads_equal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("full.ron");
    let session = full_session(7);
    store::save(&path, &session).expect("save");
    let (loaded, _) = store::load(&path).expect("load");
    assert_eq!(loaded, session);
    // Stable order: saving the loaded session gives the same bytes.
    let first = std::fs::read_to_string(&path).expect("read");
    store::save(&path, &loaded).expect("save again");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), first);
    assert!(first.contains("version: 1"), "{first}");
}

#[test]
fn broken_files_are_reported_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = store::to_ron(&full_session(1));
    // Cut the file at many places: every cut is an error with a position, never a panic.
    for cut in (1..good.len()).step_by(good.len() / 40) {
        let mut at = cut;
        while !good.is_char_boundary(at) {
            at -= 1;
        }
        let path = dir.path().join("cut.ron");
        std::fs::write(&path, &good[..at]).expect("write");
        match store::load(&path) {
            Ok(_) => {} // a cut can land after the last field
            Err(e) => {
                let text = e.to_string();
                assert!(text.starts_with(&format!("{}:", path.display())), "{text}");
                assert!(
                    text.split(':')
                        .nth(1)
                        .is_some_and(|l| l.parse::<usize>().is_ok()),
                    "{text}"
                );
            }
        }
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            good[..at],
            "loading must not write"
        );
    }
    for (text, want) in [
        ("(version: 2, articles: [])", "newer Briefing"),
        ("(version: 1, articles: 5)", "cut.ron:1:"),
        ("not ron at all", "cut.ron:1:"),
        ("\u{0}\u{1}binary", "cut.ron:1:"),
    ] {
        let path = dir.path().join("cut.ron");
        std::fs::write(&path, text).expect("write");
        let err = store::load(&path).expect_err(text).to_string();
        assert!(err.contains(want), "{text:?}: {err}");
    }
    // A file without a version (format 0) is read as the current one.
    let path = dir.path().join("old.ron");
    std::fs::write(&path, "(articles: [])").expect("write");
    assert_eq!(store::load(&path).expect("migrated").0.version, 1);
}

#[test]
fn the_newest_good_backup_is_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    store::save(&path, &full_session(1)).expect("save 1");
    store::save(&path, &full_session(2)).expect("save 2");
    store::save(&path, &full_session(3)).expect("save 3");
    std::fs::write(&path, "(version: 1, articles: [").expect("corrupt");
    std::fs::write(backup_path(&path, 1), "garbage").expect("corrupt backup 1");
    let (backup, session) = store::newest_good_backup(&path).expect("a good backup");
    assert_eq!(backup, backup_path(&path, 2));
    assert_eq!(session, full_session(1));
}

/// In the child process: save two sessions in turn, forever, until killed.
#[test]
#[ignore = "run by the crash-safety test as a child process"]
fn crash_child_saves_forever() {
    let Ok(path) = std::env::var("BRIEFING_CRASH_FILE") else {
        return;
    };
    let path = PathBuf::from(path);
    let (a, b) = (full_session(1), full_session(2));
    for i in 0u64.. {
        let s = if i % 2 == 0 { &b } else { &a };
        store::save(&path, s).expect("save in child");
    }
}

#[test]
fn killing_a_save_at_any_moment_leaves_the_old_or_the_new_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.ron");
    let (a, b) = (full_session(1), full_session(2));
    for _ in 0..=store::BACKUPS {
        store::save(&path, &a).expect("first saves, so that every backup exists");
    }
    let exe = std::env::current_exe().expect("test binary");
    let mut seen_b = 0;
    for round in 0..120u64 {
        let mut child = Process::new(&exe)
            .args([
                "--exact",
                "crash_child_saves_forever",
                "--ignored",
                "--test-threads=1",
            ])
            .env("BRIEFING_CRASH_FILE", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn child");
        std::thread::sleep(Duration::from_millis(5 + (round * 7) % 40));
        child.kill().expect("kill");
        child.wait().expect("wait");
        let (loaded, _) = store::load(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(
            loaded == a || loaded == b,
            "round {round}: neither old nor new"
        );
        if loaded == b {
            seen_b += 1;
        }
        // Every backup that existed is still there and reads: the rotation copies, never
        // renames, so a kill inside it loses nothing.
        for n in 1..=store::BACKUPS {
            let (old, _) = store::load(&backup_path(&path, n))
                .unwrap_or_else(|e| panic!("round {round}: backup {n}: {e}"));
            assert!(old == a || old == b, "round {round}: backup {n}");
        }
        // Leftover temporary files are the only trace of a kill; they never replace the
        // session, and the next save (or this clean-up) removes them.
        briefing::storage::remove_leftovers(dir.path(), Duration::ZERO);
        let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("tmp")))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
    }
    assert!(
        seen_b > 0,
        "the child never got to save: the test did not test anything"
    );
}

#[test]
fn every_example_session_in_saved_loads() {
    let saved = Path::new(env!("CARGO_MANIFEST_DIR")).join("saved");
    let mut count = 0;
    for entry in std::fs::read_dir(&saved).expect("saved/ exists").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ron") {
            let (session, _) = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
            assert!(!session.articles.is_empty(), "{}", path.display());
            count += 1;
        }
    }
    assert!(count >= 1, "saved/ has no example session");
    let sample = saved.join("sample-annotated.ron");
    let (session, _) = store::load(&sample).expect("the annotated sample session");
    assert!(
        session.annotations.values().any(|a| a.stance.is_some()),
        "no hand stance in {}",
        sample.display()
    );
}

#[test]
fn session_show_prints_a_summary_or_the_position_of_the_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    store::save(&path, &full_session(3)).expect("save");
    let out = Process::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["session", "show", "--allow-outside", "--config-dir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("articles: 1"), "{text}");
    assert!(text.contains("/news/seed.txt"), "{text}");
    assert!(text.contains("(missing)"), "{text}");
    assert!(text.contains("1 stances set by hand"), "{text}");
    assert!(text.contains("1 accepted, 1 rejected"), "{text}");

    std::fs::write(&path, "(version: 1,\n articles: [\n (path: 3)").expect("write");
    let out = Process::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["session", "show", "--config-dir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:3:", path.display())), "{err}");

    // A cell written twice reads, combined, with a warning that names it.
    std::fs::write(
        &path,
        "(version: 1, decisions: {(actor: \"eu\", topic: \"talks\"): accepted, (actor: \"eu\", topic: \"talks\"): rejected})",
    )
    .expect("write");
    let out = Process::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["session", "show", "--config-dir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("eu on talks is written twice"), "{err}");
}

/// A session naming a file outside every folder the analyst opened articles from (the
/// session's own folder aside): `export` and `session show` leave it unread, as the window
/// does, until `--allow-outside` says to read it.
#[test]
fn an_article_outside_the_analysts_folders_is_not_read_without_allow_outside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret_dir = dir.path().join("private");
    std::fs::create_dir_all(&secret_dir).expect("mkdir");
    let secret = secret_dir.join("token.txt");
    std::fs::write(
        &secret,
        "Russia rejected the SECRETTOKEN talks on Tuesday. Ukraine supports the SECRETTOKEN talks.\n",
    )
    .expect("write");
    let config = dir.path().join("config");
    let session_dir = dir.path().join("sessions");
    let path = session_dir.join("s.ron");
    let mut session = Session::default();
    session.articles.push(ArticleRef {
        path: secret.clone(),
        hash: String::new(),
        title: None,
        date: None,
        format: briefing::load::Format::Text,
        encoding: "UTF-8".into(),
    });
    store::save(&path, &session).expect("save");
    let run = |args: &[&str]| {
        Process::new(env!("CARGO_BIN_EXE_briefing"))
            .args(args)
            .arg("--config-dir")
            .arg(&config)
            .arg(&path)
            .output()
            .expect("run")
    };
    for format in ["json", "md", "csv"] {
        let out = run(&["export", "--format", format]);
        assert!(out.status.success(), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("SECRETTOKEN"), "{format}: {text}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("was not read"), "{err}");
        assert!(err.contains("--allow-outside"), "{err}");
    }
    let shown = run(&["session", "show"]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains("outside your article folders"), "{text}");
    // Said explicitly, it is read.
    let out = run(&["export", "--format", "json", "--allow-outside"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("SECRETTOKEN"));
    // Once the analyst has opened an article from that folder, it is theirs.
    let mut recent = briefing::storage::Recent::default();
    recent.push(&secret_dir.join("other.txt"));
    recent.save(&config).expect("recent");
    let out = run(&["export", "--format", "json"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("SECRETTOKEN"));
    // And an article beside the session file is read too.
    let beside = session_dir.join("beside.txt");
    std::fs::write(&beside, "Germany supports the BESIDE talks, Berlin said.\n").expect("write");
    session.articles[0].path = beside;
    store::save(&path, &session).expect("save");
    std::fs::remove_file(config.join("recent.ron")).expect("forget");
    let out = run(&["export", "--format", "json"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("BESIDE"));
}

/// A named pipe, a device, a folder or an oversized file given as a session is refused at
/// once with a reason, by `session show`, `export` and the window's session reader alike.
#[test]
fn special_and_oversized_files_are_refused_as_sessions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.ron");
    let made = Process::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo is part of every Linux system");
    let big = dir.path().join("big.ron");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(store::MAX_SESSION_BYTES + 1))
        .expect("sparse file");
    let cases = [
        (fifo.clone(), "a named pipe (FIFO), not a session file"),
        (PathBuf::from("/dev/zero"), "a device, not a session file"),
        (dir.path().to_path_buf(), "a folder, not a session file"),
        (big.clone(), "over the limit of 128 MB for a session file"),
    ];
    for (path, reason) in &cases {
        for command in [&["session", "show"][..], &["export"][..]] {
            let out = Process::new(env!("CARGO_BIN_EXE_briefing"))
                .args(command)
                .arg("--config-dir")
                .arg(dir.path())
                .arg(path)
                .output()
                .expect("run");
            assert_eq!(out.status.code(), Some(1), "{command:?} {}", path.display());
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(reason), "{command:?}: {err}");
        }
        // What the window's session job reads with.
        let err = store::load(path).expect_err("refused").to_string();
        assert!(err.contains(reason), "{err}");
    }
}
