//! The status line: the last message (errors stand out with a sign and a colour), and counts.

use super::{UiState, View, theme};

pub fn status_ui(ui: &mut egui::Ui, view: &View<'_>, state: &UiState) {
    ui.horizontal(|ui| {
        if let Some(status) = &state.status {
            if status.is_error {
                ui.colored_label(
                    theme::error_text(state.dark),
                    format!("Error: {}", status.text),
                );
            } else {
                ui.label(&status.text);
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let hand = view
                .session
                .annotations
                .values()
                .filter(|a| a.stance.is_some())
                .count();
            ui.weak(format!(
                "{} articles · {} actors · {} topics · {} set by hand",
                view.docs.len(),
                view.matrix.rows.len(),
                view.matrix.columns.len(),
                hand
            ));
        });
    });
}
