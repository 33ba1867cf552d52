//! An actor's card: name, kind, affiliation, aliases, mentions; its stance on each topic and in
//! each section of the articles; rename, aliases, merge into another actor.

use super::{Action, Detail, ScrollTarget, UiState, View};
use crate::command::Command;
use crate::model::ActorId;
use crate::model::matrix::Row;

/// How many lines "Stance by section" lists.
const SHOWN: usize = 60;

pub fn actor_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    id: &ActorId,
    actions: &mut Vec<Action>,
) {
    let Some(row) = view.matrix.row(&view.session.actor_root(id)) else {
        ui.label("This actor is no longer in the matrix.");
        return;
    };
    actor_facts(ui, view, state, row);
    actor_edits(ui, view, state, row, actions);
    stance_by_topic(ui, view, state, row);
    stance_by_article(ui, view, state, row);
    stance_by_section(ui, view, state, row);
}

/// With several articles open: the actor's stance in each, dated ones in date order, a shift
/// from the article before marked.
fn stance_by_article(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, row: &Row) {
    if view.docs.len() < 2 {
        return;
    }
    let key = (row.id.clone(), view.docs_version, view.session_state);
    let cache = match state.actor_panel.timeline.take() {
        Some(cache) if cache.key == key => cache,
        _ => super::TimelineCache {
            entries: crate::model::timeline::timeline(
                view.docs
                    .iter()
                    .map(|d| (d.article.date.as_deref(), &d.briefing)),
                view.session,
                &row.id,
            ),
            key,
        },
    };
    let entries = &cache.entries;
    if entries.is_empty() {
        state.actor_panel.timeline = Some(cache);
        return;
    }
    ui.separator();
    ui.strong("Stance by article");
    egui::Grid::new("actor_by_article")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for e in entries.iter().take(SHOWN) {
                let doc = &view.docs[e.doc];
                let date = e.date.as_deref().unwrap_or("undated");
                // Short, so that the stance stays in view in a narrow panel.
                let title = doc.display_name();
                let short: String = if title.chars().count() > 24 {
                    title.chars().take(23).chain(['…']).collect()
                } else {
                    title.clone()
                };
                if ui
                    .link(format!("{date}: {short}"))
                    .on_hover_text(format!("{title}\nRead this article"))
                    .clicked()
                {
                    state.doc = e.doc;
                    state
                        .requests
                        .ask(super::Request::ScrollTo(e.doc, ScrollTarget::Section(0)));
                }
                let topic = view
                    .matrix
                    .column(&e.topic)
                    .map_or(e.topic.0.as_str(), |c| c.name.as_str());
                ui.label(topic);
                let shift = if e.is_shift { "  ← shift" } else { "" };
                ui.label(format!("{} {}{shift}", e.stance.symbol(), e.stance.label()));
                ui.end_row();
            }
        });
    state.actor_panel.timeline = Some(cache);
}

/// Name, kind, affiliation, role and mentions.
fn actor_facts(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, row: &Row) {
    ui.heading(&row.name)
        .on_hover_text(format!("Id in saved sessions: {}", row.id));
    egui::Grid::new("actor_card").num_columns(2).show(ui, |ui| {
        ui.label("Kind");
        ui.label(row.kind.label());
        ui.end_row();
        if let Some(aff) = &row.affiliation {
            ui.label("Affiliation");
            let name = view
                .matrix
                .row(aff)
                .map_or(aff.0.as_str(), |r| r.name.as_str());
            if ui.link(name).clicked() {
                state.detail = Detail::Actor(aff.clone());
            }
            ui.end_row();
        }
        if let Some(role) = &row.role {
            ui.label("Role");
            ui.label(role);
            ui.end_row();
        }
        ui.label("Mentions");
        ui.label(row.mentions.to_string());
        ui.end_row();
    });
}

/// Aliases (each removable), a new alias, rename, merge into another actor.
fn actor_edits(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    row: &Row,
    actions: &mut Vec<Action>,
) {
    ui.strong("Also named");
    ui.horizontal_wrapped(|ui| {
        if row.aliases.is_empty() {
            ui.weak("no other names");
        }
        for alias in &row.aliases {
            ui.label(alias);
            if ui
                .small_button("×")
                .on_hover_text(format!("Remove the alias “{alias}”"))
                .clicked()
            {
                actions.push(Action::Edit(Command::RemoveAlias {
                    actor: row.id.clone(),
                    alias: alias.clone(),
                }));
            }
        }
    });
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.actor_panel.alias)
                .hint_text("new alias")
                .desired_width(160.0),
        );
        super::speak_as(ui, &field, "New alias");
        state.claim_focus(super::KeyPanel::Detail, &field);
        if ui.button("Add alias").clicked() && !state.actor_panel.alias.trim().is_empty() {
            actions.push(Action::Edit(Command::AddAlias {
                actor: row.id.clone(),
                alias: std::mem::take(&mut state.actor_panel.alias),
            }));
        }
    });
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.actor_panel.rename)
                .hint_text("new name")
                .desired_width(160.0),
        );
        super::speak_as(ui, &field, "New name of the actor");
        if ui.button("Rename").clicked()
            && !state.actor_panel.rename.trim().is_empty()
            && state.actor_panel.rename != row.name
        {
            actions.push(Action::Edit(Command::RenameActor {
                actor: row.id.clone(),
                name: state.actor_panel.rename.clone(),
            }));
        }
    });
    ui.horizontal(|ui| {
        let target_name = state
            .actor_panel.merge_target
            .as_ref()
            .and_then(|t| view.matrix.row(t))
            .map_or_else(|| "choose an actor".to_owned(), |r| r.name.clone());
        egui::ComboBox::from_label("Merge target")
            .selected_text(target_name)
            .show_ui(ui, |ui| {
                for other in view.matrix.rows.iter().filter(|r| r.id != row.id) {
                    ui.selectable_value(&mut state.actor_panel.merge_target, Some(other.id.clone()), &other.name);
                }
            });
        let enabled = state.actor_panel.merge_target.is_some();
        if ui
            .add_enabled(enabled, egui::Button::new("Merge"))
            .on_hover_text("Show this actor as part of the chosen one: rows, aliases and hand annotations are combined")
            .clicked()
            && let Some(into) = state.actor_panel.merge_target.take() {
                actions.push(Action::Edit(Command::MergeActors {
                    from: row.id.clone(),
                    into: into.clone(),
                }));
                state.detail = Detail::Actor(into);
            }
    });
}

/// The stance shown on each topic, each a link to its cell.
fn stance_by_topic(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, row: &Row) {
    ui.separator();
    ui.strong("Stance by topic");
    let mut any = false;
    for col in &view.matrix.columns {
        let Some(cell) = view.matrix.cell(&row.id, &col.id) else {
            continue;
        };
        let Some((stance, p)) = cell.shown() else {
            continue;
        };
        any = true;
        let text = format!(
            "{}: {} {} ({})",
            col.name,
            stance.symbol(),
            stance.label(),
            p.label()
        );
        if ui.link(text).clicked() {
            state.detail = Detail::Cell(crate::model::session::Cell {
                actor: row.id.clone(),
                topic: col.id.clone(),
            });
        }
    }
    if !any {
        ui.weak("No stance yet.");
    }
}

/// The evidence sentences grouped by article and section, each a link into the reader.
fn stance_by_section(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, row: &Row) {
    ui.strong("Stance by section");
    let mut lines: Vec<(usize, usize, String, SentenceLink)> = Vec::new();
    for col in &view.matrix.columns {
        let Some(s) = view
            .matrix
            .cell(&row.id, &col.id)
            .and_then(|c| c.suggestion.as_ref())
        else {
            continue;
        };
        for e in &s.evidence {
            let Some(doc) = view.docs.get(e.doc) else {
                continue;
            };
            let Some(sentence) = doc.article.sentences.get(e.sentence.0 as usize) else {
                continue;
            };
            let section = sentence.section as usize;
            let heading = doc.article.sections[section]
                .heading
                .clone()
                .unwrap_or_else(|| "(opening)".to_owned());
            let title = doc.display_name();
            lines.push((
                e.doc,
                section,
                format!(
                    "{title} › {heading}: {} on {} ({})",
                    s.stance.label(),
                    col.name,
                    e.cues.join(", ")
                ),
                (e.doc, e.sentence),
            ));
        }
    }
    lines.sort_by_key(|a| (a.0, a.1));
    if lines.is_empty() {
        ui.weak("No evidence in any section.");
    }
    if lines.len() > SHOWN {
        ui.weak(format!("The first {SHOWN} of {} sentences:", lines.len()));
    }
    for (_, _, text, (d, s)) in lines.into_iter().take(SHOWN) {
        if ui
            .link(text)
            .on_hover_text("Show the sentence in the reader")
            .clicked()
        {
            state.doc = d;
            state.selected_sentence = Some((d, s));
            state
                .requests
                .ask(super::Request::ScrollTo(d, ScrollTarget::Sentence(s)));
        }
    }
}

type SentenceLink = (usize, crate::model::SentenceId);

/// A topic's card: its wording in the text, rename, merge into another topic, and who stands
/// where on it.
pub fn topic_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    id: &crate::model::TopicId,
    actions: &mut Vec<Action>,
) {
    let root = view.session.topic_root(id);
    let Some(col) = view.matrix.column(&root) else {
        ui.label("This topic is no longer in the matrix.");
        return;
    };
    ui.heading(&col.name);
    if col.phrases.is_empty() {
        ui.weak("Added by hand.");
    } else {
        ui.label(format!("Named in the text as: {}", col.phrases.join("; ")));
    }
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.topic_panel.rename)
                .hint_text("new name")
                .desired_width(180.0),
        );
        super::speak_as(ui, &field, "New name of the topic");
        state.claim_focus(super::KeyPanel::Detail, &field);
        if ui.button("Rename topic").clicked()
            && !state.topic_panel.rename.trim().is_empty()
            && state.topic_panel.rename != col.name
        {
            actions.push(Action::Edit(Command::RenameTopic {
                topic: col.id.clone(),
                name: state.topic_panel.rename.clone(),
            }));
        }
    });
    ui.horizontal(|ui| {
        let target_name = state
            .topic_panel.merge_target
            .as_ref()
            .and_then(|t| view.matrix.column(t))
            .map_or_else(|| "choose a topic".to_owned(), |c| c.name.clone());
        egui::ComboBox::from_label("Merge topic into")
            .selected_text(target_name)
            .show_ui(ui, |ui| {
                for other in view.matrix.columns.iter().filter(|c| c.id != col.id) {
                    ui.selectable_value(&mut state.topic_panel.merge_target, Some(other.id.clone()), &other.name);
                }
            });
        if ui
            .add_enabled(state.topic_panel.merge_target.is_some(), egui::Button::new("Merge topics"))
            .on_hover_text("Show this topic as part of the chosen one: columns and hand annotations are combined")
            .clicked()
            && let Some(into) = state.topic_panel.merge_target.take() {
                actions.push(Action::Edit(Command::MergeTopics {
                    from: col.id.clone(),
                    into: into.clone(),
                }));
                state.detail = Detail::Topic(into);
            }
    });
    ui.separator();
    ui.strong("Who stands where");
    let mut any = false;
    for row in &view.matrix.rows {
        let Some((stance, _)) = view
            .matrix
            .cell(&row.id, &col.id)
            .and_then(crate::model::matrix::CellView::shown)
        else {
            continue;
        };
        any = true;
        if ui
            .link(format!(
                "{}: {} {}",
                row.name,
                stance.symbol(),
                stance.label()
            ))
            .clicked()
        {
            state.detail = Detail::Cell(crate::model::session::Cell {
                actor: row.id.clone(),
                topic: col.id.clone(),
            });
        }
    }
    if !any {
        ui.weak("No stance on this topic yet.");
    }
}
