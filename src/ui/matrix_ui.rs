//! The stance matrix: actors down, topics across, one button per cell. A cell shows its stance
//! as a symbol and a word over a colour; a hand-set stance has a pencil and a solid fill, an
//! accepted one a tick, a suggestion a light fill in italics. Clicking a cell opens its evidence;
//! clicking an actor opens its card.
//!
//! Above it a bar narrows it (find box, kind, articles, only stances: see
//! [`crate::model::filter`]); what the filter leaves is worked out when the matrix or the filter
//! changed, never each frame. Column headers count articles and stances, row names articles.

use super::{Action, Detail, Request, UiState, View, theme};
use crate::model::filter::{self, Shown};
use crate::model::matrix::{CellView, Column, Provenance, Row};
use crate::model::session::{Cell, Decision};
use egui::{RichText, Role, Sense, WidgetInfo};
use std::fmt::Write as _;

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
    ui.horizontal_wrapped(|ui| {
        ui.heading("Stance matrix");
        ui.checkbox(&mut state.group_people, "People under their country")
            .on_hover_text(super::commands::UiCommand::GroupPeople.tooltip());
    });
    if view.docs.len() > 1 {
        article_choice_ui(ui, view, actions);
    }
    comparison_bar_ui(ui, state, actions);
    let key: Vec<String> = crate::model::Stance::ALL
        .iter()
        .map(|s| format!("{} {}", s.symbol(), s.label()))
        .collect();
    let key = format!(
        "{}.  • set by hand, √ accepted, × rejected, italics: suggested.",
        key.join(" · ")
    );
    // In a short panel the key keeps to one line (whole on hover): rows come first.
    if ui.available_height() < KEY_WRAPS_FROM {
        ui.add(egui::Label::new(RichText::new(&key).weak()).truncate())
            .on_hover_text(key);
    } else {
        ui.weak(key);
    }
    if view.matrix.rows.is_empty() {
        state.matrix_bar = None;
        // Nothing to find in: Ctrl+F asks for nothing later.
        state.requests.take_if(Request::FocusMatrixFind);
        ui.label("No actors yet: open an article, or add an actor with Edit › Add actor….");
        return;
    }
    filter_bar_ui(ui, view, state);
    // Computed when the matrix or the filter changed, not every frame.
    let shown = state.shown(view.matrix, view.matrix_version);
    shown_summary_ui(ui, view, &shown, state);
    state.name_w = name_width(ui, view, state);
    let offset = state.matrix_offset;
    // Header row and name column stay in view: they follow the body's scroll offsets.
    header_row(ui, view, &shown, state, offset.x);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        name_column(ui, view, &shown.rows, state, offset.y);
        let scrolled = body(ui, view, &shown, state);
        if scrolled != offset {
            state.matrix_offset = scrolled;
            ui.ctx().request_repaint();
        }
    });
}

/// The find box and the filters, in one wrapped row above the matrix: "Find [ ] Actors: [all
/// kinds] in at least [1] article [ ] only cells with a stance"; a narrow panel wraps it
/// between phrases, never inside one.
fn filter_bar_ui(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState) {
    // A phrase is a row of its own widgets, which a wrapping row cannot break: one that would
    // not fit the rest of the row starts the next (its width as drawn last frame), so that the
    // bar never runs past the panel, which would push the panel off its place.
    let full = ui.available_width();
    let mut widths = state.bar_widths;
    // In a short panel whose bar would take more than a row, the filters fold behind a button
    // (the find box stays): the rows come first.
    let one_row: f32 = widths.iter().sum::<f32>() + ui.spacing().item_spacing.x * 5.0;
    let short = ui.available_height() < FILTERS_FOLD_BELOW && one_row > full;
    let active = state.matrix_filter.is_active();
    if short && !state.filters_open {
        let bar = ui.horizontal(|ui| {
            widths[0] = ui.horizontal(|ui| find_box_ui(ui, state)).response.rect.width();
            let text = if active { "Filters… (on)" } else { "Filters…" };
            if ui
                .button(text)
                .on_hover_text("Show the filters (kind of actor, articles, confidence, only cells with a stance); the panel is short, so they are folded")
                .clicked()
            {
                state.filters_open = true;
            }
        });
        state.bar_widths = widths;
        state.matrix_bar = Some(bar.response.rect);
        return;
    }
    let bar = ui.horizontal_wrapped(|ui| {
        let mut phrase = |ui: &mut egui::Ui, at: usize, add: &mut dyn FnMut(&mut egui::Ui)| {
            let left = ui.available_size_before_wrap().x;
            if widths[at] > left && left < full - 1.0 {
                ui.end_row();
            }
            widths[at] = ui.horizontal(|ui| add(ui)).response.rect.width();
        };
        phrase(ui, 0, &mut |ui| find_box_ui(ui, state));
        phrase(ui, 1, &mut |ui| kind_choice_ui(ui, state));
        phrase(ui, 2, &mut |ui| articles_choice_ui(ui, view, state));
        phrase(ui, 3, &mut |ui| threshold_ui(ui, state));
        phrase(ui, 4, &mut |ui| {
            ui.checkbox(
                &mut state.matrix_filter.only_stances,
                "only cells with a stance",
            )
            .on_hover_text("Hide the actors and topics that show no stance (set by hand or suggested) in the rows and columns left");
        });
        // With a codebook: its topics alone, as coders work from a fixed list.
        if !view.session.codebook.is_empty() || state.matrix_filter.codebook_only {
            phrase(ui, 5, &mut |ui| {
                ui.checkbox(&mut state.matrix_filter.codebook_only, "codebook only")
                    .on_hover_text("Show only the topics of your codebook (File › Import codebook…)");
            });
        }
        if short && ui.button("Hide filters").on_hover_text("Fold the filters away: more rows show").clicked() {
            state.filters_open = false;
        }
    });
    state.bar_widths = widths;
    state.matrix_bar = Some(bar.response.rect);
}

/// The find box: Ctrl+F gives it the keyboard; Escape clears it, and Escape or Enter give the
/// keys back to the matrix.
fn find_box_ui(ui: &mut egui::Ui, state: &mut UiState) {
    let label = ui.label("Find");
    let find = ui
        .add(
            egui::TextEdit::singleline(&mut state.matrix_filter.find)
                .hint_text("actor or topic")
                .desired_width(140.0),
        )
        .labelled_by(label.id)
        .on_hover_text(super::commands::UiCommand::FindInMatrix.tooltip());
    if state.requests.take_if(Request::FocusMatrixFind) {
        find.request_focus();
    }
    let (escape, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Escape),
            i.key_pressed(egui::Key::Enter),
        )
    });
    if find.lost_focus() && (escape || enter) {
        if escape {
            state.matrix_filter.find.clear();
        }
        state.enter_panel(super::KeyPanel::Matrix);
    }
}

/// "Suggestions from [0.60]" (confidence): unreviewed suggestions less confident than this show empty.
/// The arrow keys move it by 0.05.
fn threshold_ui(ui: &mut egui::Ui, state: &mut UiState) {
    let label = ui.label("Suggestions from");
    let mut value = state.matrix_filter.threshold();
    let field = ui
        .add(
            egui::DragValue::new(&mut value)
                .range(0.0..=1.0)
                .speed(0.05)
                .fixed_decimals(2),
        )
        .labelled_by(label.id)
        .on_hover_text("Show suggestions nobody has reviewed only from this confidence on (the share of them that is right: see the README). Hand stances and reviewed suggestions always show; 0 shows every suggestion.");
    super::speak_as(ui, &field, "Show suggestions from this confidence");
    if field.changed() {
        state.matrix_filter.min_confidence = (value.clamp(0.0, 1.0) * 100.0).round() as u8;
    }
}

/// "in at least [K] articles", K from 1 to the number of articles open.
fn articles_choice_ui(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState) {
    ui.label("in at least");
    let most = u32::try_from(view.docs.len()).unwrap_or(u32::MAX).max(1);
    let articles = ui
        .add(
            // A whole article a step: the arrow keys' step is the drag speed, and an
            // integer's default (a quarter) rounds back to where it was.
            egui::DragValue::new(&mut state.matrix_filter.min_articles)
                .range(1..=most)
                .speed(1.0),
        )
        .on_hover_text("Show only actors and topics named in at least this many of the open articles; 1 shows all, those added by hand too");
    super::speak_as(ui, &articles, "In at least this many articles");
    ui.label(if state.matrix_filter.min_articles == 1 {
        "article"
    } else {
        "articles"
    });
}

/// Which kind of actor the rows show: all, or countries, people, ….
fn kind_choice_ui(ui: &mut egui::Ui, state: &mut UiState) {
    const ALL: &str = "all kinds";
    let kind = &mut state.matrix_filter.kind;
    let label = ui.label("Actors:");
    egui::ComboBox::from_id_salt("matrix_kind")
        .selected_text(kind.map_or(ALL, crate::model::ActorKind::plural))
        .show_ui(ui, |ui| {
            ui.selectable_value(kind, None, ALL);
            for k in crate::model::ActorKind::ALL {
                ui.selectable_value(kind, Some(k), k.plural());
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text("Show only the actors of one kind");
}

/// How many rows and columns show out of how many; a way back to all of them.
fn shown_summary_ui(ui: &mut egui::Ui, view: &View<'_>, shown: &Shown, state: &mut UiState) {
    // Wrapped: a row wider than the panel would push the panel over the reader. In a short
    // panel one line (whole on hover).
    let short = ui.available_height() < FILTERS_FOLD_BELOW;
    ui.horizontal_wrapped(|ui| {
        let summary = filter::summary(shown, view.matrix, &state.matrix_filter);
        if short {
            ui.add(egui::Label::new(RichText::new(&summary).weak()).truncate())
                .on_hover_text(summary);
        } else {
            ui.weak(summary);
        }
        if state.matrix_filter.is_active()
            && ui
                .small_button("Show all")
                .on_hover_text("Clear the find box and every filter")
                .clicked()
        {
            state.matrix_filter = filter::MatrixFilter::default();
        }
    });
    if shown.rows.is_empty() && shown.columns.is_empty() {
        ui.label("Nothing matches: change the text to find or the filters, or press Show all.");
    }
}

/// The width of the actor names' column: the longest name of the matrix (counted once a
/// matrix), and its count of articles, fit whole where the panel has room for it.
fn name_width(ui: &egui::Ui, view: &View<'_>, state: &mut UiState) -> f32 {
    let longest = match state.longest_name {
        Some((version, chars)) if version == view.matrix_version => chars,
        _ => {
            let chars = view
                .matrix
                .rows
                .iter()
                .map(|r| r.name.chars().count())
                .max()
                .unwrap_or(0);
            state.longest_name = Some((view.matrix_version, chars));
            chars
        }
    };
    let body = egui::TextStyle::Body.resolve(ui.style());
    let glyph = ui.fonts_mut(|f| f.glyph_width(&body, 'n'));
    let counts = if view.docs.len() > 1 { 48.0 } else { 0.0 };
    let wanted = longest as f32 * glyph + counts + 16.0;
    let most = (ui.available_width() * 0.3).clamp(NAME_W, NAME_MAX_W);
    wanted.clamp(NAME_W, most)
}

/// The first and one-past-last of `n` items of size `pitch` that show between `min` and `max`.
fn visible(min: f32, max: f32, pitch: f32, n: usize) -> std::ops::Range<usize> {
    let first = ((min / pitch).floor().max(0.0) as usize).min(n);
    let last = (((max / pitch).ceil().max(0.0) as usize) + 1).min(n);
    first..last.max(first)
}

/// The topic names across the top, scrolled with the body; only those in view are laid out.
fn header_row(
    ui: &mut egui::Ui,
    view: &View<'_>,
    shown: &Shown,
    state: &mut UiState,
    offset_x: f32,
) {
    let hidden = egui::scroll_area::ScrollBarVisibility::AlwaysHidden;
    let fixed = egui::scroll_area::ScrollSource::NONE;
    let columns = &shown.columns;
    let pitch = CELL_W + GAP;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        ui.allocate_exact_size(egui::vec2(state.name_w, HEADER_H), Sense::hover());
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
                    let index = columns[c];
                    let col = &view.matrix.columns[index];
                    let rect = egui::Rect::from_min_size(
                        origin + egui::vec2(c as f32 * pitch, 0.0),
                        egui::vec2(CELL_W, HEADER_H),
                    );
                    let selected = state.detail == Detail::Topic(col.id.clone());
                    let stances = shown.column_stances[index];
                    if column_header(ui, rect, col, stances, selected).clicked() {
                        state.detail = Detail::Topic(col.id.clone());
                        state.topic_panel.rename.clone_from(&col.name);
                    }
                }
            });
    });
}

/// One topic's header: its name on up to two lines, and under it, small, how many articles
/// name it and how many of its cells show a stance ("3 art. · 7"); the long form on hover and
/// for screen readers.
fn column_header(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    col: &Column,
    stances: u32,
    selected: bool,
) -> egui::Response {
    let response = ui.allocate_rect(rect, Sense::click());
    let counts = if col.is_hand_added {
        format!("by hand · {stances}")
    } else if col.is_absent {
        format!("not open · {stances}")
    } else if col.is_codebook && col.articles == 0 {
        format!("codebook · {stances}")
    } else {
        format!(
            "{} art. · {stances}",
            filter::thousands(col.articles as usize)
        )
    };
    let long = format!(
        "{}, {}",
        if col.is_hand_added {
            "added by hand".to_owned()
        } else if col.is_absent {
            "known only from the session".to_owned()
        } else if col.is_codebook && col.articles == 0 {
            "in the codebook, named in no open article yet".to_owned()
        } else {
            plural(
                col.articles as usize,
                "named in 1 article",
                "named in {} articles",
            )
        },
        plural(stances as usize, "1 stance", "{} stances"),
    );
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &col.name));
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_description(long.clone()));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter().rect(
                rect,
                visuals.corner_radius,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        let width = rect.width() - 8.0;
        let mut job = egui::text::LayoutJob::single_section(
            col.name.clone(),
            egui::TextFormat::simple(
                egui::TextStyle::Button.resolve(ui.style()),
                ui.visuals().strong_text_color(),
            ),
        );
        job.wrap = egui::text::TextWrapping {
            max_width: width,
            max_rows: 2,
            break_anywhere: false,
            overflow_character: Some('…'),
        };
        let name = ui.painter().layout_job(job);
        let small = ui.painter().layout(
            counts,
            count_font(ui),
            ui.visuals().weak_text_color(),
            width,
        );
        let top = rect.top() + 2.0;
        let name_pos = egui::pos2(rect.center().x - name.size().x / 2.0, top);
        let small_pos = egui::pos2(
            rect.center().x - small.size().x / 2.0,
            rect.bottom() - small.size().y - 2.0,
        );
        ui.painter().galley(name_pos, name, visuals.text_color());
        ui.painter().galley(small_pos, small, visuals.text_color());
    }
    let hover = if col.phrases.is_empty() {
        format!("{}: {long}. Click to rename or merge.", col.name)
    } else {
        format!(
            "{}: {long}. Named in the text as: {}. Click to rename or merge.",
            col.name,
            col.phrases.join("; ")
        )
    };
    response.on_hover_text(hover)
}

/// The counts' font: smaller than the names, still easy to read.
fn count_font(ui: &egui::Ui) -> egui::FontId {
    let body = egui::TextStyle::Body.resolve(ui.style());
    egui::FontId::new((body.size * 0.85).round(), body.family)
}

/// `one` for 1, else `many` with the count (thousands separated) in place of `{}`.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_owned()
    } else {
        many.replace("{}", &filter::thousands(n))
    }
}

/// The actor names down the side, scrolled with the body; only those in view are laid out.
/// With more than one article in the matrix each name says how many name the actor.
fn name_column(
    ui: &mut egui::Ui,
    view: &View<'_>,
    rows: &[(usize, u8)],
    state: &mut UiState,
    offset_y: f32,
) {
    let hidden = egui::scroll_area::ScrollBarVisibility::AlwaysHidden;
    let fixed = egui::scroll_area::ScrollSource::NONE;
    let dark = state.dark;
    let pitch = CELL_H + GAP;
    let counts = view.docs.len() > 1 && view.filter.is_none();
    let name_w = state.name_w;
    egui::ScrollArea::vertical()
        .id_salt("matrix_names")
        .scroll_bar_visibility(hidden)
        .scroll_source(fixed)
        .vertical_scroll_offset(offset_y)
        .auto_shrink([true, false])
        .show_viewport(ui, |ui, viewport| {
            // Room for the body's horizontal scroll bar at the end.
            ui.set_min_size(egui::vec2(name_w, rows.len() as f32 * pitch + SLACK));
            state.rows_in_view =
                ((viewport.height() / pitch).floor().max(0.0) as usize).min(rows.len());
            let origin = ui.min_rect().min;
            for r in visible(viewport.min.y, viewport.max.y, pitch, rows.len()) {
                let (index, indent) = rows[r];
                let row = &view.matrix.rows[index];
                let rect = egui::Rect::from_min_size(
                    origin + egui::vec2(0.0, r as f32 * pitch),
                    egui::vec2(name_w, CELL_H),
                );
                let colour = theme::actor_colour(view.session.colour(&row.id), dark);
                if row_name(ui, rect, row, indent, colour, counts, state).clicked() {
                    state.detail = Detail::Actor(row.id.clone());
                    state.actor_panel.rename.clone_from(&row.name);
                }
            }
        });
}

/// One actor's name cell: the name (indented under its country when grouped), and at the
/// right, small, how many articles name it when `counts`.
fn row_name(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    row: &Row,
    indent: u8,
    colour: egui::Color32,
    counts: bool,
    state: &UiState,
) -> egui::Response {
    let mut button_rect = rect;
    if counts && !row.is_hand_added && !row.is_absent {
        let galley = ui.painter().layout_no_wrap(
            format!("{} art.", filter::thousands(row.articles as usize)),
            count_font(ui),
            ui.visuals().weak_text_color(),
        );
        let pos = egui::pos2(
            rect.right() - galley.size().x - 2.0,
            rect.center().y - galley.size().y / 2.0,
        );
        button_rect.max.x = pos.x - 2.0;
        ui.painter()
            .galley(pos, galley, ui.visuals().weak_text_color());
    }
    let name = if indent > 0 {
        format!("    · {}", row.name)
    } else {
        row.name.clone()
    };
    let selected = state.detail == Detail::Actor(row.id.clone());
    let text = RichText::new(name).color(colour).strong();
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(button_rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    // Hand-added and absent rows are named in no open article: no count.
    let articles = if counts && !row.is_absent && !row.is_hand_added {
        plural(
            row.articles as usize,
            "named in 1 article",
            "named in {} articles",
        )
    } else {
        String::new()
    };
    let response = child.add(egui::Button::selectable(selected, text).truncate());
    if !articles.is_empty() {
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_description(articles.clone());
        });
    }
    let more = if row.is_absent {
        " · only in the session".to_owned()
    } else if articles.is_empty() {
        String::new()
    } else {
        format!(" · {articles}")
    };
    response.on_hover_text(format!(
        "{} · {} · {} mentions{more} — click for the actor card",
        row.name,
        row.kind.label(),
        row.mentions,
    ))
}

/// The cells in view (a session with thousands of actors costs no more than a small one);
/// returns how far the analyst has scrolled them.
fn body(ui: &mut egui::Ui, view: &View<'_>, shown: &Shown, state: &mut UiState) -> egui::Vec2 {
    let dark = state.dark;
    let (rows, columns) = (&shown.rows, &shown.columns);
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
                && let Some(r) = shown.row_position(view.matrix, &selected.actor)
                && let Some(c) = shown.column_position(view.matrix, &selected.topic)
            {
                let rect = egui::Rect::from_min_size(
                    origin + egui::vec2(c as f32 * pitch.x, r as f32 * pitch.y),
                    egui::vec2(CELL_W, CELL_H),
                );
                ui.scroll_to_rect(rect, None);
            }
            let shown_columns = visible(viewport.min.x, viewport.max.x, pitch.x, columns.len());
            for r in visible(viewport.min.y, viewport.max.y, pitch.y, rows.len()) {
                let row = &view.matrix.rows[rows[r].0];
                for c in shown_columns.clone() {
                    let col = &view.matrix.columns[columns[c]];
                    let cell = Cell {
                        actor: row.id.clone(),
                        topic: col.id.clone(),
                    };
                    let rect = egui::Rect::from_min_size(
                        origin + egui::vec2(c as f32 * pitch.x, r as f32 * pitch.y),
                        egui::vec2(CELL_W, CELL_H),
                    );
                    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                    // A suggestion under the confidence threshold shows empty.
                    let cell_view = view
                        .matrix
                        .cells
                        .get(&cell)
                        .filter(|v| !v.is_below(state.matrix_filter.threshold()));
                    let is_selected = state.selected_cell() == Some(&cell);
                    let label = format!("{} × {}", row.name, col.name);
                    let differs = state
                        .compare
                        .as_ref()
                        .and_then(|c| c.codings(&cell).map(|codings| others_said(c, codings)))
                        .or_else(|| view.session.disputed.get(&cell).map(|d| disputed_said(d)));
                    let look = CellLook {
                        selected: is_selected,
                        dark,
                        differs: differs.as_deref(),
                    };
                    if cell_button(&mut child, cell_view, look, &label).clicked() {
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
/// Two lines of a topic's name and a small line of counts.
const HEADER_H: f32 = 50.0;
/// The least width of the actor names' column; longer names widen it, up to a share of the panel.
const NAME_W: f32 = 150.0;
const NAME_MAX_W: f32 = 320.0;
/// Below this height left in the panel, the key stays on one line.
const KEY_WRAPS_FROM: f32 = 520.0;
/// Below this height (for the whole matrix and what stands above it) the filters fold behind
/// a button, unless they fit one row, and the summary keeps to one line.
const FILTERS_FOLD_BELOW: f32 = 420.0;
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

/// While comparing with other coders: how far they agree and how many cells differ, with the
/// way to the next one and back to this session alone.
fn comparison_bar_ui(ui: &mut egui::Ui, state: &UiState, actions: &mut Vec<Action>) {
    let Some(compare) = &state.compare else {
        return;
    };
    let r = &compare.report;
    let figure = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
    let kappa = r
        .kappas
        .first()
        .map(|k| format!(" · κ {}", figure(k.kappa)))
        .unwrap_or_default();
    let open = compare.differ.len();
    let text = format!(
        "Comparing {} with {}: α {} nominal, {} ordinal{kappa} · {open} {} where coders differ ({DIFFERS_MARK})",
        r.coders.first().map_or("", String::as_str),
        r.coders[1..].join(", "),
        figure(r.overall.alpha_nominal),
        figure(r.overall.alpha_ordinal),
        if open == 1 { "cell" } else { "cells" },
    );
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.add(egui::Label::new(RichText::new(text).strong()).wrap());
            super::command_button(
                ui,
                super::commands::UiCommand::NextDisagreement,
                open > 0,
                actions,
            );
            super::command_button(ui, super::commands::UiCommand::StopComparing, true, actions);
        });
    });
}

/// How a cell is drawn besides its stance: selected, the theme, and what other coders said
/// of it where they differ from this session (while comparing).
#[derive(Clone, Copy)]
struct CellLook<'a> {
    selected: bool,
    dark: bool,
    differs: Option<&'a str>,
}

/// What the other coders said of a cell where coders differ, for its hover text: "Ben: − lean
/// oppose; Cleo: not coded".
fn others_said(
    compare: &super::Comparison,
    codings: &[Option<crate::model::agreement::Coding>],
) -> String {
    compare
        .report
        .coders
        .iter()
        .zip(codings)
        .skip(1)
        .map(|(coder, coding)| match coding {
            Some(c) => format!("{coder}: {} {}", c.stance.symbol(), c.stance.label()),
            None => format!("{coder}: not coded"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What merged coders said of a cell they set differently: "Ana: −− oppose; Ben: − lean
/// oppose (not settled)".
fn disputed_said(disputed: &[crate::model::session::Disputed]) -> String {
    let said: Vec<String> = disputed
        .iter()
        .map(|d| format!("{}: {} {}", d.coder, d.stance.symbol(), d.stance.label()))
        .collect();
    format!("{} (not settled)", said.join("; "))
}

/// The mark of a cell where coders differ (with a word in its hover text and for screen
/// readers: never the mark alone).
pub const DIFFERS_MARK: &str = "≠";

fn cell_button(
    ui: &mut egui::Ui,
    cell: Option<&CellView>,
    look: CellLook<'_>,
    label: &str,
) -> egui::Response {
    let CellLook {
        selected,
        dark,
        differs,
    } = look;
    let (text, shown) = cell_words(cell);
    let size = egui::vec2(CELL_W, CELL_H);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let provenance_word = shown.map_or("empty", |(_, p)| p.label());
    let mut accessible = format!(
        "{label}: {} ({provenance_word})",
        if text.is_empty() {
            "no stance"
        } else {
            text.as_str()
        }
    );
    if let Some(others) = differs {
        let _ = write!(accessible, "; coders differ ({others})");
    }
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
        if differs.is_some() {
            // A mark in the corner and a frame of the warning colour: coders differ here.
            let warn = ui.visuals().warn_fg_color;
            ui.painter().rect_stroke(
                rect.shrink(1.0),
                4.0,
                egui::Stroke::new(2.0, warn),
                egui::StrokeKind::Inside,
            );
            // The mark on a disc of that colour, so that it reads on any stance's fill.
            let at = rect.right_top() + egui::vec2(-7.0, 7.0);
            ui.painter().circle_filled(at, 6.5, warn);
            ui.painter().text(
                at,
                egui::Align2::CENTER_CENTER,
                DIFFERS_MARK,
                egui::FontId::proportional(12.0),
                ui.visuals().extreme_bg_color,
            );
        }
    }
    let mut hover = if text.is_empty() {
        format!("{label}: no stance — click to set one")
    } else {
        format!("{label}: {text} ({provenance_word}) — click for evidence")
    };
    if let Some(others) = differs {
        let _ = write!(hover, "\nCoders differ: {others}");
    }
    response.on_hover_text(hover)
}

/// `text` cut to `most` characters, with "…" where it was cut.
fn shortened(text: &str, most: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(most) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()).into(),
        None => text.into(),
    }
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
        // A long title is cut to the room there is (whole on hover): it never widens the
        // panel, which would push the matrix sideways and leave the split changed.
        let room = (ui.available_width() - 40.0).clamp(120.0, 260.0);
        let choice = egui::ComboBox::from_id_salt("matrix_of")
            .selected_text(selected.clone())
            .width(room)
            .truncate()
            .show_ui(ui, |ui| {
                if ui.selectable_label(view.filter.is_none(), ALL).clicked() {
                    actions.push(Action::FilterArticle(None));
                }
                for d in view.docs {
                    let chosen = view.filter == Some(d.source.path.as_path());
                    let full = name(d);
                    if ui.selectable_label(chosen, shortened(&full, 80)).clicked() {
                        actions.push(Action::FilterArticle(Some(d.source.path.clone())));
                    }
                }
            });
        let response = choice.response.labelled_by(label.id);
        // Not while the list is open: a tooltip the pointer passes into stays, over the list.
        if choice.inner.is_none() {
            response.on_hover_text(format!(
                "{selected}\n\nThe matrix of one article alone, or of all open articles together"
            ));
        }
    });
}
