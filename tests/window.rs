//! The window driven as a user would, headless (`egui_kittest`: no display, no GPU).

use briefing::app::{AppOptions, BriefingApp};
use briefing::model::matrix::Provenance;
use briefing::model::session::Cell;
use briefing::model::{ActorId, Stance, TopicId};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;
use std::time::Duration;

fn app(files: Vec<PathBuf>, config: &std::path::Path) -> Harness<'static, BriefingApp> {
    let options = AppOptions {
        files,
        config_dir: Some(config.to_path_buf()),
        open_sample: true,
        session: None,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| BriefingApp::new(&cc.egui_ctx, options));
    settle(&mut harness);
    harness
}

/// Steps until background jobs are done and the layout has settled.
fn settle(harness: &mut Harness<'static, BriefingApp>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(4);
}

/// The widget labelled `label` that has `role` (a label and its field share the text).
fn by_role<'h>(
    harness: &'h Harness<'static, BriefingApp>,
    label: &'h str,
    role: Role,
) -> egui_kittest::Node<'h> {
    harness
        .get_all_by_label(label)
        .find(|n| n.accesskit_node().role() == role)
        .unwrap_or_else(|| panic!("no {role:?} labelled {label:?}"))
}

fn cell(actor: &str, topic: &str) -> Cell {
    Cell {
        actor: ActorId(actor.into()),
        topic: TopicId(topic.into()),
    }
}

fn shown(harness: &Harness<'static, BriefingApp>, c: &Cell) -> Option<(Stance, Provenance)> {
    harness
        .state()
        .matrix()
        .cell(&c.actor, &c.topic)
        .and_then(briefing::model::matrix::CellView::shown)
}

#[test]
fn starts_on_the_sample_with_the_seed_actors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let harness = app(Vec::new(), dir.path());
    let rows: Vec<&str> = harness
        .state()
        .matrix()
        .rows
        .iter()
        .map(|r| r.id.0.as_str())
        .collect();
    for id in ["russia", "ukraine", "united-states"] {
        assert!(rows.contains(&id), "{id} in {rows:?}");
    }
    harness.get_by_label_contains("Russia × Direct (trilateral) talks");
    // In the outline and as a heading in the reader.
    assert_eq!(
        harness
            .get_all_by_label("Movements in Miami and Zelensky’s statements")
            .count(),
        2
    );
}

#[test]
fn clicking_a_cell_shows_its_evidence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(Vec::new(), dir.path());
    harness
        .get_by_label_contains("Russia × Direct (trilateral) talks")
        .click();
    harness.run_steps(3);
    harness.get_by_label_contains("Kremlin has officially denied any preparations");
    harness.get_by_label_contains("Stance: oppose — suggested");
}

#[test]
fn a_stance_key_sets_a_hand_value_and_undo_redo_walk_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(Vec::new(), dir.path());
    let russia = cell("russia", "direct-talks");
    assert_eq!(
        shown(&harness, &russia),
        Some((Stance::Oppose, Provenance::Suggested))
    );
    harness
        .get_by_label_contains("Russia × Direct (trilateral) talks")
        .click();
    harness.run_steps(2);
    harness.key_press(Key::Num4);
    harness.run_steps(2);
    assert_eq!(
        shown(&harness, &russia),
        Some((Stance::LeanOppose, Provenance::Hand))
    );
    harness.get_by_label_contains("Russia × Direct (trilateral) talks: • ");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        shown(&harness, &russia),
        Some((Stance::Oppose, Provenance::Suggested))
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        shown(&harness, &russia),
        Some((Stance::LeanOppose, Provenance::Hand))
    );

    // Enter accepts a suggestion, Delete rejects it; a hand value still wins over both.
    let us = cell("united-states", "direct-talks");
    harness
        .get_by_label_contains("United States × Direct (trilateral) talks")
        .click();
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(
        shown(&harness, &us),
        Some((Stance::Support, Provenance::Accepted))
    );
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    assert_eq!(shown(&harness, &us), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(shown(&harness, &us), None, "nothing left to redo");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        shown(&harness, &us),
        Some((Stance::Support, Provenance::Accepted))
    );
}

#[test]
fn merging_two_actors_merges_their_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(Vec::new(), dir.path());
    let rows_before = harness.state().matrix().rows.len();
    harness.get_by_label("Yuri Ushakov").click();
    harness.run_steps(2);
    let combo = by_role(&harness, "Merge target", Role::ComboBox);
    let below = combo.rect().center_bottom();
    combo.click();
    harness.run_steps(2);
    // The list opens under the combo box; pick Russia there (not Russia's row in the matrix).
    let item = harness
        .get_all_by_label("Russia")
        .filter(|n| n.accesskit_node().role() == Role::Button)
        .min_by(|a, b| {
            let da = a.rect().center().distance(below);
            let db = b.rect().center().distance(below);
            da.total_cmp(&db)
        })
        .expect("Russia in the list");
    item.click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().ui_state().merge_target,
        Some(ActorId("russia".into()))
    );
    harness.get_by_label("Merge").click();
    harness.run_steps(3);
    let m = harness.state().matrix();
    assert_eq!(m.rows.len(), rows_before - 1);
    assert!(m.row(&ActorId("person:yuri-ushakov".into())).is_none());
    let russia = m.row(&ActorId("russia".into())).expect("russia row");
    assert!(
        russia.aliases.iter().any(|a| a == "Yuri Ushakov"),
        "{russia:?}"
    );
    // Ushakov's evidence now feeds Russia's cell.
    let talks = m
        .cell(&ActorId("russia".into()), &TopicId("direct-talks".into()))
        .and_then(|c| c.suggestion.as_ref())
        .expect("russia on talks");
    assert!(
        talks
            .evidence
            .iter()
            .any(|e| e.cues.iter().any(|c| c == "not being prepared"))
    );
    // And undo splits them again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().matrix().rows.len(), rows_before);
}

#[test]
fn a_binary_file_gives_an_error_and_leaves_the_article_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").expect("write");
    let mut harness = app(Vec::new(), dir.path());
    let matrix_before = harness.state().matrix().clone();
    by_role(&harness, "Path:", Role::TextInput).click();
    harness.run_steps(1);
    by_role(&harness, "Path:", Role::TextInput).type_text(png.to_str().expect("utf8 path"));
    harness.run_steps(1);
    harness.get_by_label("Open").click();
    settle(&mut harness);
    let status = harness
        .state()
        .ui_state()
        .status
        .clone()
        .expect("a message");
    assert!(status.is_error);
    assert!(
        status
            .text
            .contains("photo.png: not a text article (it looks like a PNG image)"),
        "{status:?}"
    );
    assert_eq!(harness.state().documents().len(), 1);
    assert_eq!(*harness.state().matrix(), matrix_before);
    harness.get_by_label_contains("Error: ");
}

#[test]
fn files_from_the_command_line_open_instead_of_the_sample() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples/grain-corridor.md");
    let harness = app(vec![sample], dir.path());
    let docs = harness.state().documents();
    assert_eq!(docs.len(), 1);
    assert_eq!(
        docs[0].article.title.as_deref(),
        Some("Ankara Moves to Revive the Black Sea Grain Corridor")
    );
    // It is remembered in File › Recent.
    let recent = std::fs::read_to_string(dir.path().join("recent.ron")).unwrap_or_default();
    assert!(recent.contains("grain-corridor.md"), "{recent}");
}
