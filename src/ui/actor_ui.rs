//! An actor's card: name, kind, affiliation, aliases, mentions; its stance on each topic and in
//! each section of the articles; rename, aliases, merge into another actor.

use super::{Action, Detail, ScrollTarget, UiState, View};
use crate::command::Command;
use crate::model::matrix::Row;
use crate::model::{ActorId, TopicId};

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
                    .map(|d| (d.article.date.as_deref(), &*d.briefing)),
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
                // Plain words: the bundled font has no arrows.
                let shift = if e.is_shift {
                    "  (moved since the last date)"
                } else {
                    ""
                };
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
    // A bare surname that several people of the open articles bear stays apart: say who it
    // may be, each a link to their card.
    if let Some(candidates) = view.session.ambiguous.get(&row.id) {
        ui.label(format!(
            "Ambiguous: \u{201c}{}\u{201d} may be any of these in the open articles; merge it into the right one where the articles say which.",
            row.name
        ));
        ui.horizontal_wrapped(|ui| {
            for id in candidates {
                let name = view
                    .matrix
                    .row(id)
                    .map_or(id.0.as_str(), |r| r.name.as_str());
                if ui.link(name).clicked() {
                    state.detail = Detail::Actor(id.clone());
                }
            }
        });
    }
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
    let others: Vec<(&ActorId, &str)> = view
        .matrix
        .rows
        .iter()
        .filter(|r| r.id != row.id)
        .map(|r| (&r.id, r.name.as_str()))
        .collect();
    let panel = &mut state.actor_panel;
    match rename_merge_ui(
        ui,
        &ACTOR_WORDS,
        &row.name,
        &others,
        &mut panel.rename,
        &mut panel.merge_target,
        false,
    ) {
        Some(Edited::Rename(name)) => actions.push(Action::Edit(Command::RenameActor {
            actor: row.id.clone(),
            name,
        })),
        Some(Edited::Merge(into)) => {
            actions.push(Action::Edit(Command::MergeActors {
                from: row.id.clone(),
                into: into.clone(),
            }));
            state.detail = Detail::Actor(into);
        }
        None => {}
    }
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
    if view.matrix_building {
        ui.weak("Bringing the matrix up to date with the articles…");
        return;
    }
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
    let others: Vec<(&TopicId, &str)> = view
        .matrix
        .columns
        .iter()
        .filter(|c| c.id != col.id)
        .map(|c| (&c.id, c.name.as_str()))
        .collect();
    // The first control of the topic card: F6 into the card lands on its name field.
    let claim = state
        .requests
        .take_if(super::Request::FocusFirst(super::KeyPanel::Detail));
    let panel = &mut state.topic_panel;
    match rename_merge_ui(
        ui,
        &TOPIC_WORDS,
        &col.name,
        &others,
        &mut panel.rename,
        &mut panel.merge_target,
        claim,
    ) {
        Some(Edited::Rename(name)) => actions.push(Action::Edit(Command::RenameTopic {
            topic: col.id.clone(),
            name,
        })),
        Some(Edited::Merge(into)) => {
            actions.push(Action::Edit(Command::MergeTopics {
                from: col.id.clone(),
                into: into.clone(),
            }));
            state.detail = Detail::Topic(into);
        }
        None => {}
    }
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

/// The words of a rename-and-merge widget, for actors or for topics.
struct RenameMergeWords {
    /// What a screen reader says the name field is.
    field: &'static str,
    field_width: f32,
    rename: &'static str,
    merge_label: &'static str,
    choose: &'static str,
    merge: &'static str,
    merge_hover: &'static str,
}

const ACTOR_WORDS: RenameMergeWords = RenameMergeWords {
    field: "New name of the actor",
    field_width: 160.0,
    rename: "Rename",
    merge_label: "Merge target",
    choose: "choose an actor",
    merge: "Merge",
    merge_hover: "Show this actor as part of the chosen one: rows, aliases and hand annotations are combined",
};

const TOPIC_WORDS: RenameMergeWords = RenameMergeWords {
    field: "New name of the topic",
    field_width: 180.0,
    rename: "Rename topic",
    merge_label: "Merge topic into",
    choose: "choose a topic",
    merge: "Merge topics",
    merge_hover: "Show this topic as part of the chosen one: columns and hand annotations are combined",
};

/// What the analyst asked of the rename-and-merge widget.
enum Edited<Id> {
    Rename(String),
    Merge(Id),
}

/// A new name with its Rename button, and a choice of another row or column with its Merge
/// button, for the card of `current` (named so now); `others` are what it may merge into.
/// `claim` gives the name field the keyboard. The name typed stays in `rename`; the target
/// chosen is taken when merged.
fn rename_merge_ui<Id: Clone + PartialEq>(
    ui: &mut egui::Ui,
    words: &RenameMergeWords,
    current: &str,
    others: &[(&Id, &str)],
    rename: &mut String,
    target: &mut Option<Id>,
    claim: bool,
) -> Option<Edited<Id>> {
    let mut edited = None;
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(rename)
                .hint_text("new name")
                .desired_width(words.field_width),
        );
        super::speak_as(ui, &field, words.field);
        if claim {
            field.request_focus();
            field.scroll_to_me(None);
        }
        if ui.button(words.rename).clicked() && !rename.trim().is_empty() && rename != current {
            edited = Some(Edited::Rename(rename.clone()));
        }
    });
    ui.horizontal(|ui| {
        let target_name = target
            .as_ref()
            .and_then(|t| others.iter().find(|(id, _)| *id == t))
            .map_or(words.choose, |(_, name)| name);
        egui::ComboBox::from_label(words.merge_label)
            .selected_text(target_name)
            .show_ui(ui, |ui| {
                for (id, name) in others {
                    ui.selectable_value(target, Some((*id).clone()), *name);
                }
            });
        if ui
            .add_enabled(target.is_some(), egui::Button::new(words.merge))
            .on_hover_text(words.merge_hover)
            .clicked()
            && let Some(into) = target.take()
        {
            edited = Some(Edited::Merge(into));
        }
    });
    edited
}
