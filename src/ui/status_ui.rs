//! The status line: the last message (errors stand out with a word and a colour), and counts.
//! A long message wraps onto a second line in the space left by the counts, so that it is read
//! whole without hovering.

use super::{UiState, View, theme};
use std::fmt::Write as _;

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
                    ui.add(egui::Label::new(text).wrap());
                }
            });
        });
    });
}
