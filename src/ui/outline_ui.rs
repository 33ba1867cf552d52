//! The outline: open articles and their sections (click to read there), files being opened,
//! and a way in that needs no file dialog: a path field. Files can also be dropped anywhere.

use super::commands::UiCommand;
use super::{Action, ScrollTarget, UiState, View, command_button};
use std::path::PathBuf;

pub fn outline_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    actions: &mut Vec<Action>,
) {
    ui.heading("Articles");
    command_button(ui, UiCommand::OpenArticles, !view.dialog_open, actions);
    ui.horizontal(|ui| {
        let label = ui.label("Path:");
        let field = egui::TextEdit::singleline(&mut state.path_input)
            .hint_text("type a file path")
            .desired_width(130.0);
        let r = ui
            .add(field)
            .labelled_by(label.id)
            .on_hover_text(UiCommand::OpenPath.tooltip());
        if state.focus_path_input {
            r.request_focus();
            state.focus_path_input = false;
        }
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Open").clicked() || enter) && !state.path_input.trim().is_empty() {
            let path = PathBuf::from(state.path_input.trim());
            actions.push(Action::Open(vec![path]));
            state.path_input.clear();
        }
    });
    ui.weak("You can also drop files onto the window.");
    for loading in view.loading {
        ui.add(
            egui::ProgressBar::new(loading.fraction)
                .text(format!(
                    "{} {}",
                    loading.stage,
                    loading
                        .path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                ))
                .animate(true),
        );
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("outline_scroll")
        .show(ui, |ui| {
            for (d, doc) in view.docs.iter().enumerate() {
                let name = doc.article.title.clone().unwrap_or_else(|| {
                    doc.source.path.file_name().map_or_else(
                        || doc.source.path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    )
                });
                let selected = state.doc == d;
                let r = ui
                    .selectable_label(selected, egui::RichText::new(&name).strong())
                    .on_hover_text(format!(
                        "{}\n{}, {}, {} sentences",
                        doc.source.path.display(),
                        doc.source.format,
                        doc.source.encoding,
                        doc.article.sentences.len()
                    ));
                if r.clicked() {
                    state.doc = d;
                    state.scroll_to = Some((d, ScrollTarget::Section(0)));
                }
                ui.indent(("sections", d), |ui| {
                    for (i, section) in doc.article.sections.iter().enumerate() {
                        let Some(heading) = &section.heading else {
                            continue;
                        };
                        if ui.selectable_label(false, heading).clicked() {
                            state.doc = d;
                            state.scroll_to = Some((d, ScrollTarget::Section(i)));
                        }
                    }
                });
            }
        });
}
