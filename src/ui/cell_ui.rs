//! One cell of the matrix in detail: the stance shown and where it comes from, buttons (and keys
//! 1–6) to set it by hand, accept or reject the suggestion, confidence, a note, and the evidence
//! sentences with their cue words marked. Clicking a sentence shows it in the reader.

use super::commands::UiCommand;
use super::{Action, EvidencePage, ScrollTarget, UiState, View, theme};
use crate::command::Command;
use crate::model::Stance;
use crate::model::matrix::{CellView, Provenance};
use crate::model::session::Cell;
use egui::TextStyle;
use egui::text::{LayoutJob, TextFormat};

pub fn cell_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    cell: &Cell,
    actions: &mut Vec<Action>,
) {
    let empty = CellView::default();
    let cv = view.matrix.cell(&cell.actor, &cell.topic).unwrap_or(&empty);
    stance_section(ui, view, state, cell, cv, actions);
    confidence_section(ui, state, cell, cv, actions);
    note_section(ui, state, cell, cv, actions);
    evidence_section(ui, view, state, cell, cv, actions);
}

/// While comparing, where coders differ on this cell: each coder's stance, note and evidence
/// side by side, and "Take this one" to make another coder's stance this session's (an
/// ordinary edit, undone with Ctrl+Z); the stance buttons above set another.
fn coders_section(ui: &mut egui::Ui, state: &UiState, cell: &Cell, actions: &mut Vec<Action>) {
    let Some(compare) = &state.compare else {
        return;
    };
    let Some(codings) = compare.codings(cell) else {
        return;
    };
    ui.separator();
    ui.strong(format!(
        "{} Coders differ on this cell",
        super::matrix_ui::DIFFERS_MARK
    ));
    let coders = &compare.report.coders;
    for (i, (coder, coding)) in coders.iter().zip(codings).enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.strong(if i == 0 {
                format!("{coder} (this session):")
            } else {
                format!("{coder}:")
            });
            let Some(c) = coding else {
                ui.weak("not coded");
                return;
            };
            ui.label(format!(
                "{} {} ({})",
                c.stance.symbol(),
                c.stance.label(),
                c.provenance
            ));
            if i > 0
                && ui
                    .button(format!("Take {coder}'s"))
                    .on_hover_text(format!(
                        "Set this cell to {}, as {coder} coded it (undo with Ctrl+Z)",
                        c.stance.label()
                    ))
                    .clicked()
            {
                actions.push(Action::Edit(Command::SetStance {
                    cell: cell.clone(),
                    stance: c.stance,
                }));
            }
        });
        if let Some(c) = coding {
            if !c.note.is_empty() {
                ui.weak(format!("    Note: {}", c.note));
            }
            if let Some(e) = &c.evidence {
                ui.weak(format!("    Evidence: “{e}”"));
            }
        }
    }
    ui.separator();
}

/// A cell two merged sessions' coders set differently: each coder's stance, note and
/// evidence, and "Take X's" to settle it (an undoable edit); a stance button settles it too.
fn disputed_section(ui: &mut egui::Ui, view: &View<'_>, cell: &Cell, actions: &mut Vec<Action>) {
    let Some(disputed) = view.session.disputed.get(cell) else {
        return;
    };
    ui.separator();
    ui.strong(format!(
        "{} Not settled: the merged coders set this cell differently",
        super::matrix_ui::DIFFERS_MARK
    ));
    for d in disputed {
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("{}:", d.coder));
            ui.label(format!("{} {}", d.stance.symbol(), d.stance.label()));
            if ui
                .button(format!("Take {}'s", d.coder))
                .on_hover_text(format!(
                    "Settle this cell as {} coded it: {} (undo with Ctrl+Z)",
                    d.coder,
                    d.stance.label()
                ))
                .clicked()
            {
                actions.push(Action::Edit(Command::SetStance {
                    cell: cell.clone(),
                    stance: d.stance,
                }));
            }
        });
        if !d.note.is_empty() {
            ui.weak(format!("    Note: {}", d.note));
        }
        if let Some(e) = d.evidence.first() {
            ui.weak(format!("    Evidence: “{}”", e.quote));
        }
    }
    ui.separator();
}

/// The cell's name, the stance shown and where it comes from, and the buttons that set it.
fn stance_section(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    cell: &Cell,
    cv: &CellView,
    actions: &mut Vec<Action>,
) {
    let actor = view
        .matrix
        .row(&cell.actor)
        .map_or(cell.actor.0.as_str(), |r| r.name.as_str());
    let topic = view
        .matrix
        .column(&cell.topic)
        .map_or(cell.topic.0.as_str(), |c| c.name.as_str());
    ui.heading(format!("{actor} × {topic}"));
    let shown = match cv.shown() {
        Some((s, Provenance::Hand)) => format!("Stance: {} — set by hand", s.label()),
        Some((s, Provenance::Accepted)) => format!("Stance: {} — suggestion accepted", s.label()),
        Some((s, Provenance::Suggested)) => format!(
            "Stance: {} — suggested (confidence {:.2}), not reviewed yet",
            s.label(),
            cv.suggestion.as_ref().map_or(0.0, |x| x.confidence)
        ),
        None if cv.suggestion.is_some() => "Suggestion rejected; no stance".to_owned(),
        None => "No stance".to_owned(),
    };
    // A confidence given by hand is the one that counts, and is said so.
    let shown = match cv.annotation.as_ref().and_then(|a| a.confidence) {
        Some(c) => format!("{shown}; hand confidence {c:.2}"),
        None => shown,
    };
    ui.label(shown);
    if let (Some(s), Some(_)) = (
        &cv.suggestion,
        cv.annotation.as_ref().and_then(|a| a.stance),
    ) {
        ui.weak(format!(
            "The analysis suggested: {} (the hand value wins)",
            s.stance.label()
        ));
    }

    // Where coders differ, what each said comes before the buttons that set another.
    coders_section(ui, state, cell, actions);
    disputed_section(ui, view, cell, actions);
    let hand = cv.annotation.as_ref().and_then(|a| a.stance);
    ui.horizontal_wrapped(|ui| {
        for (i, stance) in Stance::ALL.into_iter().enumerate() {
            let text = format!("{} {} {}", i + 1, stance.symbol(), stance.label());
            let cmd = UiCommand::SetStance(stance);
            let r = ui
                .selectable_label(hand == Some(stance), text)
                .on_hover_text(format!("{} (key {})", cmd.tooltip(), i + 1));
            if i == 0 {
                state.claim_focus(super::KeyPanel::Detail, &r);
            }
            if r.clicked() {
                actions.push(Action::Edit(Command::SetStance {
                    cell: cell.clone(),
                    stance,
                }));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let has_suggestion = cv.suggestion.is_some();
        super::command_button(ui, UiCommand::AcceptSuggestion, has_suggestion, actions);
        super::command_button(ui, UiCommand::RejectSuggestion, has_suggestion, actions);
        super::command_button(ui, UiCommand::ClearHandStance, hand.is_some(), actions);
    });
}

/// Confidence: committed when the slider is let go, so one drag is one undo step.
fn confidence_section(
    ui: &mut egui::Ui,
    state: &mut UiState,
    cell: &Cell,
    cv: &CellView,
    actions: &mut Vec<Action>,
) {
    let saved_conf = cv.annotation.as_ref().and_then(|a| a.confidence);
    let mut conf = match &state.cell_panel.confidence {
        Some((c, v)) if c == cell => *v,
        _ => saved_conf.unwrap_or_else(|| cv.suggestion.as_ref().map_or(0.5, |s| s.confidence)),
    };
    ui.horizontal(|ui| {
        let label = ui.label("Confidence:");
        // The number box is the slider's own, added here so that it has a name too.
        let before = conf;
        let slider = ui
            .add(egui::Slider::new(&mut conf, 0.0..=1.0).show_value(false))
            .labelled_by(label.id);
        // A quick tap (pressed and let go within one frame, as a touchpad tap often is) is a
        // click the slider may not see as a press: set the value where the track was tapped.
        let mut tapped = false;
        if (conf - before).abs() < f32::EPSILON
            && let Some(pos) = tap_in(ui, slider.rect)
        {
            let track = slider.rect.x_range().shrink(slider.rect.height() / 2.5);
            conf = on_steps((pos.x - track.min) / track.span());
            tapped = (conf - before).abs() >= f32::EPSILON;
        }
        let number = ui.add(
            egui::DragValue::new(&mut conf)
                .range(0.0..=1.0)
                .speed(CONFIDENCE_STEP)
                .fixed_decimals(2),
        );
        super::speak_as(ui, &number, "Confidence (number)");
        // From the keyboard the slider moves a twentieth an arrow and a quarter a page, as
        // desktop sliders do (egui's own arrow step is a point of the track). Not a step grid
        // of the slider's: that would move a suggestion's 0.63 to 0.65 unasked.
        let steps = if slider.has_focus() {
            ui.input(|i| {
                let presses = |k| i.num_presses(k) as f32;
                (presses(egui::Key::ArrowRight) + presses(egui::Key::ArrowUp)
                    - presses(egui::Key::ArrowLeft)
                    - presses(egui::Key::ArrowDown))
                    * CONFIDENCE_STEP
                    + (presses(egui::Key::PageUp) - presses(egui::Key::PageDown)) * CONFIDENCE_PAGE
            })
        } else if number.has_focus() {
            ui.input(|i| {
                (i.num_presses(egui::Key::PageUp) as f32
                    - i.num_presses(egui::Key::PageDown) as f32)
                    * CONFIDENCE_PAGE
            })
        } else {
            0.0
        };
        let mut r = slider.union(number);
        if steps != 0.0 {
            conf = on_steps(before + steps);
            r.mark_changed();
        }
        let changed = r.changed() || tapped;
        if changed {
            state.cell_panel.confidence = Some((cell.clone(), conf));
        }
        if (r.drag_stopped() || (changed && !r.dragged())) && saved_conf != Some(conf) {
            actions.push(Action::Edit(Command::SetConfidence {
                cell: cell.clone(),
                confidence: Some(conf),
            }));
            state.cell_panel.confidence = None;
        }
        if saved_conf.is_some()
            && ui
                .small_button("clear")
                .on_hover_text("Forget the hand confidence")
                .clicked()
        {
            actions.push(Action::Edit(Command::SetConfidence {
                cell: cell.clone(),
                confidence: None,
            }));
        }
    });
}

/// How far an arrow key moves the confidence; Page Up and Page Down move it a page.
const CONFIDENCE_STEP: f32 = 0.05;
const CONFIDENCE_PAGE: f32 = 0.25;

/// A confidence clamped to 0–1 and on the grid of [`CONFIDENCE_STEP`].
fn on_steps(value: f32) -> f32 {
    ((value.clamp(0.0, 1.0) / CONFIDENCE_STEP).round() * CONFIDENCE_STEP * 100.0).round() / 100.0
}

/// Where the primary button was let go, when it was pressed inside `rect` in this same frame.
fn tap_in(ui: &egui::Ui, rect: egui::Rect) -> Option<egui::Pos2> {
    let primary = egui::PointerButton::Primary;
    ui.input(|i| {
        let press = i.events.iter().position(|e| {
            matches!(e, egui::Event::PointerButton { pressed: true, button, pos, .. }
                if *button == primary && rect.contains(*pos))
        })?;
        i.events[press..].iter().find_map(|e| match e {
            egui::Event::PointerButton {
                pressed: false,
                button,
                pos,
                ..
            } if *button == primary => Some(*pos),
            _ => None,
        })
    })
}

/// The note: committed when the field loses focus.
fn note_section(
    ui: &mut egui::Ui,
    state: &mut UiState,
    cell: &Cell,
    cv: &CellView,
    actions: &mut Vec<Action>,
) {
    let saved_note = cv
        .annotation
        .as_ref()
        .map(|a| a.note.clone())
        .unwrap_or_default();
    if state
        .cell_panel
        .note
        .as_ref()
        .is_none_or(|(c, _)| c != cell)
    {
        state.cell_panel.note = Some((cell.clone(), saved_note.clone()));
    }
    if let Some((_, note)) = &mut state.cell_panel.note {
        let label = ui.label("Note:");
        let r = ui
            .add(
                egui::TextEdit::multiline(note)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("Why this stance? (saved when you leave the field)"),
            )
            .labelled_by(label.id);
        if r.lost_focus() && *note != saved_note {
            actions.push(Action::Edit(Command::SetNote {
                cell: cell.clone(),
                note: note.clone(),
            }));
        }
    }
}

/// Evidence attached by hand (each can be detached) and found by the analysis (a page at a
/// time); clicking a sentence shows it in the reader.
fn evidence_section(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    cell: &Cell,
    cv: &CellView,
    actions: &mut Vec<Action>,
) {
    ui.separator();
    let can_attach = state.selected_sentence.is_some();
    super::command_button(ui, UiCommand::AttachSentence, can_attach, actions);
    if !can_attach {
        ui.weak("Click a sentence in the reader to attach it as evidence.");
    }
    if let Some(a) = &cv.annotation {
        if !a.evidence.is_empty() {
            ui.strong("Evidence attached by hand");
        }
        for e in &a.evidence {
            ui.horizontal(|ui| {
                if ui
                    .small_button("×")
                    .on_hover_text("Detach this sentence")
                    .clicked()
                {
                    actions.push(Action::Edit(Command::DetachEvidence {
                        cell: cell.clone(),
                        evidence: e.clone(),
                    }));
                }
                let doc = view.docs.iter().position(|d| d.source.path == e.article);
                let r = ui.add(
                    egui::Label::new(format!("{} “{}”", e.sentence, e.quote))
                        .wrap()
                        .sense(egui::Sense::click()),
                );
                if let (true, Some(d)) = (r.clicked(), doc) {
                    show_sentence(state, d, e.sentence);
                }
            });
        }
    }
    if let Some(s) = &cv.suggestion {
        ui.strong(format!(
            "Evidence found by the analysis ({})",
            s.evidence.len()
        ));
        // A long article can give a cell thousands of sentences: show them a page at a time.
        if state.cell_panel.evidence_shown.cell.as_ref() != Some(cell) {
            state.cell_panel.evidence_shown = EvidencePage {
                cell: Some(cell.clone()),
                shown: EVIDENCE_PAGE,
            };
        }
        if view.matrix_building {
            ui.weak("Bringing the matrix up to date with the articles…");
            return;
        }
        let limit = state.cell_panel.evidence_shown.shown;
        for e in s.evidence.iter().take(limit) {
            let Some(doc) = view.docs.get(e.doc) else {
                continue;
            };
            let text = doc.article.sentence_text(e.sentence);
            let prefix = if view.docs.len() > 1 {
                let name = doc.display_name();
                format!("{name}, {}: ", e.sentence)
            } else {
                format!("{}: ", e.sentence)
            };
            let job = cue_job(ui, &prefix, &text, &e.cues, state.dark);
            let r = ui
                .add(egui::Label::new(job).wrap().sense(egui::Sense::click()))
                .on_hover_text(format!(
                    "Cues: {} — click to show it in the reader",
                    e.cues.join(", ")
                ));
            if r.clicked() {
                show_sentence(state, e.doc, e.sentence);
            }
        }
        if s.evidence.len() > limit {
            ui.horizontal(|ui| {
                ui.weak(format!("{} more", s.evidence.len() - limit));
                if ui.button("Show more").clicked() {
                    state.cell_panel.evidence_shown.shown += EVIDENCE_PAGE;
                }
            });
        }
    }
}

/// How many evidence sentences are listed at first, and added by "Show more".
const EVIDENCE_PAGE: usize = 40;

/// Selects a sentence and scrolls the reader to it.
fn show_sentence(state: &mut UiState, doc: usize, sentence: crate::model::SentenceId) {
    state.doc = doc;
    state.selected_sentence = Some((doc, sentence));
    state.requests.ask(super::Request::ScrollTo(
        doc,
        ScrollTarget::Sentence(sentence),
    ));
}

/// A sentence with its cue words marked (background and italics, so not by colour alone).
fn cue_job(ui: &egui::Ui, prefix: &str, text: &str, cues: &[String], dark: bool) -> LayoutJob {
    let font = TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().strong_text_color(),
        ..Default::default()
    };
    let marked = TextFormat {
        background: theme::cue_background(dark),
        italics: true,
        color: theme::cue_text(dark),
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    job.append(
        prefix,
        0.0,
        TextFormat {
            color: theme::weak_text(dark),
            ..plain.clone()
        },
    );
    let lower = text.to_lowercase();
    let mut spans: Vec<(usize, usize)> = cues
        .iter()
        .filter_map(|c| {
            let needle = c.to_lowercase();
            // Lower-casing can change byte lengths outside ASCII; only mark when it did not.
            (lower.len() == text.len())
                .then(|| lower.find(&needle).map(|p| (p, p + needle.len())))?
        })
        .collect();
    spans.sort_unstable();
    let mut pos = 0;
    for (s, e) in spans {
        if s < pos || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        job.append(&text[pos..s], 0.0, plain.clone());
        job.append(&text[s..e], 0.0, marked.clone());
        pos = e;
    }
    job.append(&text[pos..], 0.0, plain);
    job
}
