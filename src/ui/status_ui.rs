//! The status line: the last message (errors stand out with a word and a colour), and counts.
//! A long message wraps onto a second line in the space left by the counts, so that it is read
//! whole without hovering.

use super::{UiState, View, theme};

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
        let counts = format!(
            "{} · {} · {} · {} set by hand",
            plural(view.docs.len(), "article", "articles"),
            plural(view.matrix.rows.len(), "actor", "actors"),
            plural(view.matrix.columns.len(), "topic", "topics"),
            hand
        );
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
