//! The stance matrix: actors down, topics across, one button per cell. A cell shows its stance
//! as a symbol and a word over a colour; a hand-set stance has a pencil and a solid fill, an
//! accepted one a tick, a suggestion a light fill in italics. Clicking a cell opens its evidence;
//! clicking an actor opens its card.

use super::{Action, Detail, UiState, View, theme};
use crate::model::matrix::{CellView, Provenance, Row};
use crate::model::session::{Cell, Decision};
use egui::{RichText, Role, Sense, WidgetInfo};

pub fn matrix_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    actions: &mut Vec<Action>,
) {
    super::key_frame(ui, state, super::KeyPanel::Matrix);
    // In a very short panel what does not fit is cut off here, never drawn over the card.
    let area = ui.available_rect_before_wrap();
    ui.set_clip_rect(area.intersect(ui.clip_rect()));
    ui.horizontal(|ui| {
        ui.heading("Stance matrix");
        ui.checkbox(&mut state.group_people, "People under their country")
            .on_hover_text(super::commands::UiCommand::GroupPeople.tooltip());
    });
    if view.docs.len() > 1 {
        article_choice_ui(ui, view, actions);
    }
    let key: Vec<String> = crate::model::Stance::ALL
        .iter()
        .map(|s| format!("{} {}", s.symbol(), s.label()))
        .collect();
    ui.weak(format!(
        "{}.  • set by hand, √ accepted, × rejected, italics: suggested.",
        key.join(" · ")
    ));
    if view.matrix.rows.is_empty() {
        ui.label("No actors yet: open an article, or add an actor with Edit › Add actor….");
        return;
    }
    let rows = view.matrix.display_rows(state.group_people);
    let offset = state.matrix_offset;
    // Header row and name column stay in view: they follow the body's scroll offsets.
    header_row(ui, view, state, offset.x);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        name_column(ui, view, &rows, state, offset.y);
        let scrolled = body(ui, view, &rows, state);
        if scrolled != offset {
            state.matrix_offset = scrolled;
            ui.ctx().request_repaint();
        }
    });
}

/// The first and one-past-last of `n` items of size `pitch` that show between `min` and `max`.
fn visible(min: f32, max: f32, pitch: f32, n: usize) -> std::ops::Range<usize> {
    let first = ((min / pitch).floor().max(0.0) as usize).min(n);
    let last = (((max / pitch).ceil().max(0.0) as usize) + 1).min(n);
    first..last.max(first)
}

/// The topic names across the top, scrolled with the body; only those in view are laid out.
fn header_row(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, offset_x: f32) {
    let hidden = egui::scroll_area::ScrollBarVisibility::AlwaysHidden;
    let fixed = egui::scroll_area::ScrollSource::NONE;
    let columns = &view.matrix.columns;
    let pitch = CELL_W + GAP;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        ui.allocate_exact_size(egui::vec2(NAME_W, HEADER_H), Sense::hover());
        egui::ScrollArea::horizontal()
            .id_salt("matrix_header")
            .scroll_bar_visibility(hidden)
            .scroll_source(fixed)
            .horizontal_scroll_offset(offset_x)
            .show_viewport(ui, |ui, viewport| {
                // Room for the body's vertical scroll bar at the end.
                ui.set_min_size(egui::vec2(columns.len() as f32 * pitch + SLACK, HEADER_H));
                let origin = ui.min_rect().min;
                for c in visible(viewport.min.x, viewport.max.x, pitch, columns.len()) {
                    let col = &columns[c];
                    let rect = egui::Rect::from_min_size(
                        origin + egui::vec2(c as f32 * pitch, 0.0),
                        egui::vec2(CELL_W, HEADER_H),
                    );
                    let selected = state.detail == Detail::Topic(col.id.clone());
                    let button =
                        egui::Button::selectable(selected, RichText::new(&col.name).strong())
                            .wrap();
                    let hover = if col.phrases.is_empty() {
                        "Added by hand, or known only from the session — click to rename or merge"
                            .to_owned()
                    } else {
                        format!(
                            "Named in the text as: {} — click to rename or merge",
                            col.phrases.join("; ")
                        )
                    };
                    if ui.put(rect, button).on_hover_text(hover).clicked() {
                        state.detail = Detail::Topic(col.id.clone());
                        state.topic_panel.rename.clone_from(&col.name);
                    }
                }
            });
    });
}

/// The actor names down the side, scrolled with the body; only those in view are laid out.
fn name_column(
    ui: &mut egui::Ui,
    view: &View<'_>,
    rows: &[(&Row, u8)],
    state: &mut UiState,
    offset_y: f32,
) {
    let hidden = egui::scroll_area::ScrollBarVisibility::AlwaysHidden;
    let fixed = egui::scroll_area::ScrollSource::NONE;
    let dark = state.dark;
    let pitch = CELL_H + GAP;
    egui::ScrollArea::vertical()
        .id_salt("matrix_names")
        .scroll_bar_visibility(hidden)
        .scroll_source(fixed)
        .vertical_scroll_offset(offset_y)
        .auto_shrink([true, false])
        .show_viewport(ui, |ui, viewport| {
            // Room for the body's horizontal scroll bar at the end.
            ui.set_min_size(egui::vec2(NAME_W, rows.len() as f32 * pitch + SLACK));
            let origin = ui.min_rect().min;
            for r in visible(viewport.min.y, viewport.max.y, pitch, rows.len()) {
                let (row, indent) = rows[r];
                let name = if indent > 0 {
                    format!("    · {}", row.name)
                } else {
                    row.name.clone()
                };
                let selected = state.detail == Detail::Actor(row.id.clone());
                let text = RichText::new(name)
                    .color(theme::actor_colour(view.session.colour(&row.id), dark))
                    .strong();
                let rect = egui::Rect::from_min_size(
                    origin + egui::vec2(0.0, r as f32 * pitch),
                    egui::vec2(NAME_W, CELL_H),
                );
                let mut child = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .layout(egui::Layout::left_to_right(egui::Align::Center)),
                );
                let r = child
                    .add(egui::Button::selectable(selected, text).truncate())
                    .on_hover_text(format!(
                        "{} · {} · {} mentions{} — click for the actor card",
                        row.name,
                        row.kind.label(),
                        row.mentions,
                        if row.is_absent {
                            " · only in the session"
                        } else {
                            ""
                        }
                    ));
                if r.clicked() {
                    state.detail = Detail::Actor(row.id.clone());
                    state.actor_panel.rename.clone_from(&row.name);
                }
            }
        });
}

/// The cells in view (a session with thousands of actors costs no more than a small one);
/// returns how far the analyst has scrolled them.
fn body(
    ui: &mut egui::Ui,
    view: &View<'_>,
    rows: &[(&Row, u8)],
    state: &mut UiState,
) -> egui::Vec2 {
    let dark = state.dark;
    let columns = &view.matrix.columns;
    let pitch = egui::vec2(CELL_W + GAP, CELL_H + GAP);
    // Solid scroll bars: rows and columns cut off by the panel are never hidden without a sign.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let scrolled = egui::ScrollArea::both()
        .id_salt("matrix_body")
        .auto_shrink(false)
        .show_viewport(ui, |ui, viewport| {
            ui.set_min_size(egui::vec2(
                columns.len() as f32 * pitch.x,
                rows.len() as f32 * pitch.y,
            ));
            let origin = ui.min_rect().min;
            // A cell chosen with the arrow keys is brought into view.
            if state.requests.take_if(super::Request::RevealCell)
                && let Some(selected) = state.selected_cell()
                && let Some(r) = rows.iter().position(|(row, _)| row.id == selected.actor)
                && let Some(c) = columns.iter().position(|col| col.id == selected.topic)
            {
                let rect = egui::Rect::from_min_size(
                    origin + egui::vec2(c as f32 * pitch.x, r as f32 * pitch.y),
                    egui::vec2(CELL_W, CELL_H),
                );
                ui.scroll_to_rect(rect, None);
            }
            let shown_columns = visible(viewport.min.x, viewport.max.x, pitch.x, columns.len());
            for r in visible(viewport.min.y, viewport.max.y, pitch.y, rows.len()) {
                let row = rows[r].0;
                for c in shown_columns.clone() {
                    let col = &columns[c];
                    let cell = Cell {
                        actor: row.id.clone(),
                        topic: col.id.clone(),
                    };
                    let rect = egui::Rect::from_min_size(
                        origin + egui::vec2(c as f32 * pitch.x, r as f32 * pitch.y),
                        egui::vec2(CELL_W, CELL_H),
                    );
                    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                    let cell_view = view.matrix.cells.get(&cell);
                    let is_selected = state.selected_cell() == Some(&cell);
                    let label = format!("{} × {}", row.name, col.name);
                    if cell_button(&mut child, cell_view, is_selected, dark, &label).clicked() {
                        state.detail = Detail::Cell(cell);
                        // The keyboard follows the click.
                        state.enter_panel(super::KeyPanel::Matrix);
                    }
                }
            }
        });
    scrolled.state.clamped_offset()
}

/// Sizes of the matrix, shared by the header, the name column and the body so they line up.
/// The width the matrix needs to show every column: names, cells, the scroll bar and margins.
pub fn natural_width(view: &View<'_>) -> f32 {
    NAME_W + view.matrix.columns.len() as f32 * (CELL_W + GAP) + SLACK + 24.0
}

const CELL_W: f32 = 110.0;
const CELL_H: f32 = 26.0;
const HEADER_H: f32 = 38.0;
const NAME_W: f32 = 150.0;
const GAP: f32 = 4.0;
const SLACK: f32 = 24.0;

/// What a cell says in words, for its button and for screen readers.
pub fn cell_words(cell: Option<&CellView>) -> (String, Option<(crate::model::Stance, Provenance)>) {
    let shown = cell.and_then(CellView::shown);
    let text = match (shown, cell) {
        (Some((stance, p)), _) => {
            format!("{}{} {}", p.mark(), stance.symbol(), stance.label())
        }
        (None, Some(c)) if c.decision == Some(Decision::Rejected) => "× rejected".to_owned(),
        _ => String::new(),
    };
    (text, shown)
}

fn cell_button(
    ui: &mut egui::Ui,
    cell: Option<&CellView>,
    selected: bool,
    dark: bool,
    label: &str,
) -> egui::Response {
    let (text, shown) = cell_words(cell);
    let size = egui::vec2(CELL_W, CELL_H);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let provenance_word = shown.map_or("empty", |(_, p)| p.label());
    let accessible = format!(
        "{label}: {} ({provenance_word})",
        if text.is_empty() {
            "no stance"
        } else {
            text.as_str()
        }
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &accessible));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        let (fill, text_colour) = match shown {
            Some((stance, p)) => (
                theme::stance_fill(stance, dark, p),
                theme::stance_text(dark, p),
            ),
            None => (egui::Color32::TRANSPARENT, visuals.text_color()),
        };
        let stroke = if selected {
            egui::Stroke::new(2.5, ui.visuals().selection.stroke.color)
        } else if matches!(shown, Some((_, Provenance::Hand))) {
            egui::Stroke::new(1.5, text_colour)
        } else {
            visuals.bg_stroke
        };
        ui.painter()
            .rect(rect, 4.0, fill, stroke, egui::StrokeKind::Inside);
        let mut rich = RichText::new(text.clone()).color(text_colour);
        match shown {
            Some((_, Provenance::Suggested)) => rich = rich.italics(),
            Some(_) => rich = rich.strong(),
            None => {}
        }
        let galley = egui::WidgetText::from(rich).into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            size.x - 6.0,
            egui::TextStyle::Button,
        );
        let pos = rect.center() - galley.size() / 2.0;
        ui.painter().galley(pos, galley, text_colour);
    }
    let hover = if text.is_empty() {
        format!("{label}: no stance — click to set one")
    } else {
        format!("{label}: {text} ({provenance_word}) — click for evidence")
    };
    response.on_hover_text(hover)
}

/// Which articles the matrix combines: all open ones, or one.
fn article_choice_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    const ALL: &str = "All open articles";
    let name = |d: &crate::document::Document| {
        let date = d
            .article
            .date
            .as_deref()
            .map(|d| format!("{d}: "))
            .unwrap_or_default();
        format!("{date}{}", d.display_name())
    };
    let selected = view
        .filter
        .and_then(|p| view.docs.iter().find(|d| d.source.path == p))
        .map_or_else(|| ALL.to_owned(), name);
    ui.horizontal(|ui| {
        let label = ui.label("Matrix of:");
        egui::ComboBox::from_id_salt("matrix_of")
            .selected_text(selected)
            .width(260.0)
            .show_ui(ui, |ui| {
                if ui.selectable_label(view.filter.is_none(), ALL).clicked() {
                    actions.push(Action::FilterArticle(None));
                }
                for d in view.docs {
                    let chosen = view.filter == Some(d.source.path.as_path());
                    if ui.selectable_label(chosen, name(d)).clicked() {
                        actions.push(Action::FilterArticle(Some(d.source.path.clone())));
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The matrix of one article alone, or of all open articles together");
    });
}
