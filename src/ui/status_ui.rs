//! The status line: the last message (errors stand out with a word and a colour), and counts.
//! A long message wraps onto a second line in the space left by the counts, so that it is read
//! whole without hovering; longer still, it is cut (whole on hover) rather than take the
//! matrix's rows.

use super::{UiState, View, theme};
use std::fmt::Write as _;
use std::sync::Arc;

/// The most lines the status message takes.
pub const STATUS_MAX_LINES: usize = 2;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn status_ui(ui: &mut egui::Ui, view: &View<'_>, state: &UiState) {
    ui.horizontal(|ui| {
        let hand = view
            .session
            .annotations
            .values()
            .filter(|a| a.stance.is_some())
            .count();
        let mut counts = format!(
            "{} · {} · {} · {} set by hand",
            plural(view.docs.len(), "article", "articles"),
            plural(view.matrix.rows.len(), "actor", "actors"),
            plural(view.matrix.columns.len(), "topic", "topics"),
            hand
        );
        // Suggestions the confidence threshold hides (as the matrix last showed them).
        let hidden = state.matrix_shown.last().hidden;
        if hidden > 0 {
            let _ = write!(
                counts,
                " · {hidden} hidden under {:.2}",
                state.matrix_filter.threshold()
            );
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(counts);
            ui.add_space(12.0);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                if let Some(status) = &state.status {
                    let text = if status.is_error {
                        egui::RichText::new(format!("Error: {}", status.text))
                            .color(theme::error_text(state.dark))
                    } else {
                        egui::RichText::new(&status.text)
                    };
                    // Two lines at most: a long message (or a large zoom) must not take
                    // the matrix's rows. What does not fit is cut with "…" and shown whole
                    // on hover.
                    let full = text.text().to_owned();
                    let mut job =
                        Arc::unwrap_or_clone(egui::WidgetText::from(text).into_layout_job(
                            ui.style(),
                            egui::FontSelection::Default,
                            egui::Align::Center,
                        ));
                    job.wrap = egui::text::TextWrapping {
                        max_width: ui.available_width(),
                        max_rows: STATUS_MAX_LINES,
                        break_anywhere: false,
                        overflow_character: Some('…'),
                    };
                    let galley = ui.painter().layout_job(job);
                    let cut = galley.elided;
                    let shown = ui.add(egui::Label::new(galley));
                    if cut {
                        shown.on_hover_text(full);
                    }
                }
            });
        });
    });
}
