//! The outline: open articles and their sections (click to read there), files being opened,
//! and a way in that needs no file dialog: a path field. Files can also be dropped anywhere.

use super::commands::UiCommand;
use super::{Action, Request, ScrollTarget, SessionAction, UiState, View};
use std::path::PathBuf;

pub fn outline_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    actions: &mut Vec<Action>,
) {
    ui.heading("Articles");
    // The first control: it takes the keyboard when F6 enters the outline.
    let open = super::labelled_command_button(
        ui,
        UiCommand::OpenArticles,
        UiCommand::OpenArticles.label(),
        !view.dialog_open,
        actions,
    );
    state.claim_focus(super::KeyPanel::Outline, &open);
    path_field(ui, view, state, actions);
    ui.weak("You can also drop files onto the window.");
    file_status(ui, view, state, actions);
    held_back_ui(ui, view, state, actions);
    ui.separator();
    article_rows(ui, view, state, actions);
}

/// The typed way in: a path to open, or the new place of a missing article being located.
fn path_field(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, actions: &mut Vec<Action>) {
    if let Some(missing) = view.locating {
        // Said in the open, so that a typed path is never silently taken as the new place.
        ui.label(format!(
            "Where is {} now? Type its path and press Locate.",
            missing.file_name().map_or_else(
                || missing.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            )
        ));
    }
    ui.horizontal(|ui| {
        let label = ui.label("Path:");
        let field = egui::TextEdit::singleline(&mut state.path_input)
            .hint_text("type a file path")
            .desired_width(130.0);
        let r = ui
            .add(field)
            .labelled_by(label.id)
            .on_hover_text(UiCommand::OpenPath.tooltip());
        if state.requests.take_if(Request::FocusPathInput) {
            r.request_focus();
        }
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        // A pasted path may come in quotes. The text stays in the field, so that a typo can be
        // fixed; it is cleared once the file opens.
        let typed = state.path_input.trim().trim_matches(['"', '\'']).trim();
        if view.locating.is_some() {
            if (ui.button("Locate").clicked() || enter) && !typed.is_empty() {
                actions.push(Action::Session(SessionAction::LocateAt(PathBuf::from(
                    typed,
                ))));
            }
            if ui
                .button("Stop")
                .on_hover_text("Stop looking for the missing article")
                .clicked()
            {
                actions.push(Action::Session(SessionAction::StopLocating));
            }
        } else if (ui.button("Open").clicked() || enter) && !typed.is_empty() {
            actions.push(Action::Open(vec![PathBuf::from(typed)]));
        }
    });
}

/// More files than this being opened show as one bar for the batch.
const BATCH_BAR_FROM: usize = 4;

/// Files being opened (each with Cancel, or one bar for a batch), files that could not be
/// opened, missing articles.
fn file_status(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, actions: &mut Vec<Action>) {
    if view.loading.len() >= BATCH_BAR_FROM {
        let (done, total) = view.loading.batch();
        ui.horizontal(|ui| {
            if ui
                .small_button("Cancel all")
                .on_hover_text("Stop opening these articles; those already read stay open")
                .clicked()
            {
                actions.push(Action::CancelAllOpens);
            }
            ui.add(
                egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                    .text(format!("Opening {done} of {total} articles"))
                    .animate(true),
            );
        });
    }
    let each = view.loading.len() < BATCH_BAR_FROM;
    for loading in view.loading.iter().filter(|_| each) {
        ui.horizontal(|ui| {
            if ui
                .small_button("Cancel")
                .on_hover_text(format!("Stop opening {}", loading.path.display()))
                .clicked()
            {
                actions.push(Action::CancelOpen(loading.job));
            }
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
        });
    }
    if !state.failed.is_empty() {
        ui.horizontal(|ui| {
            ui.colored_label(super::theme::error_text(state.dark), "Could not open:");
            if ui
                .small_button("Clear")
                .on_hover_text("Forget these messages")
                .clicked()
            {
                state.failed.clear();
            }
        });
        for message in &state.failed {
            ui.add(egui::Label::new(egui::RichText::new(message).small()).wrap());
        }
    }
    for missing in view.missing {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                super::theme::error_text(state.dark),
                format!("Missing: {}", missing.path.display()),
            )
            .on_hover_text("The session refers to this article, but the file is not there. Its annotations are kept.");
            if ui.button("Locate…").on_hover_text("Show where the file is now").clicked() {
                actions.push(Action::Session(super::SessionAction::Locate(missing.path.clone())));
            }
            if ui
                .button("Remove")
                .on_hover_text("Take this article out of the session; its annotations stay, and undo brings it back")
                .clicked()
            {
                actions.push(Action::Edit(crate::command::Command::CloseArticle {
                    path: missing.path.clone(),
                }));
            }
        });
    }
}

/// The session's articles outside the analyst's folders: each by its full path, read only on
/// request.
fn held_back_ui(ui: &mut egui::Ui, view: &View<'_>, state: &UiState, actions: &mut Vec<Action>) {
    if view.held_back.is_empty() {
        return;
    }
    ui.colored_label(
        super::theme::error_text(state.dark),
        "Not read (outside the folders you open articles from):",
    );
    for article in view.held_back {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(article.path.display().to_string()).monospace());
            if ui
                .button("Read it")
                .on_hover_text(
                    "Open this file as an article of the session, and trust its folder from now on",
                )
                .clicked()
            {
                actions.push(Action::Session(SessionAction::ReadHeldBack(
                    article.path.clone(),
                )));
            }
        });
    }
}

/// A jump in the reader (to evidence, say) brings its row of the outline into view: the scroll
/// offset that does, if the row is out of view.
fn reveal_offset(
    ui: &egui::Ui,
    state: &UiState,
    rows: &[(usize, Option<usize>)],
    row_height: f32,
    here: Option<(usize, usize)>,
) -> Option<f32> {
    let (d, target) = state.requests.scroll_to()?;
    let section = match target {
        ScrollTarget::Section(i) => Some(i),
        ScrollTarget::Sentence(_) => here.filter(|(hd, _)| *hd == d).map(|(_, s)| s),
    };
    let row = rows
        .iter()
        .position(|r| *r == (d, section))
        .or_else(|| rows.iter().position(|r| *r == (d, None)))?;
    let id = ui.make_persistent_id("outline_scroll");
    let shown = ui.available_height();
    let top = egui::scroll_area::State::load(ui.ctx(), id).map_or(0.0, |s| s.clamped_offset().y);
    let y = row as f32 * (row_height + ui.spacing().item_spacing.y);
    (y < top || y + row_height > top + shown).then(|| (y - shown / 3.0).max(0.0))
}

/// One row per article and per heading; only the visible rows are laid out.
fn article_rows(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    actions: &mut Vec<Action>,
) {
    // One row per article and per heading; only the visible rows are laid out, so a long
    // article with thousands of headings costs nothing when it is off screen.
    // The row list is rebuilt only when an article opens or closes.
    if state.outline_rows.built_for != Some(view.docs_version) {
        let mut rows: Vec<(usize, Option<usize>)> = Vec::new();
        for (d, doc) in view.docs.iter().enumerate() {
            rows.push((d, None));
            rows.extend(
                doc.article
                    .sections
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.heading.is_some())
                    .map(|(i, _)| (d, Some(i))),
            );
        }
        state.outline_rows = super::OutlineRows {
            built_for: Some(view.docs_version),
            rows,
        };
    }
    let rows = std::mem::take(&mut state.outline_rows.rows);
    let row_height =
        ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().button_padding.y * 2.0;
    // The section of the selected sentence is marked as well as its article.
    let here = state.selected_sentence.and_then(|(d, id)| {
        let section = view
            .docs
            .get(d)?
            .article
            .sentences
            .get(id.0 as usize)?
            .section;
        Some((d, section as usize))
    });
    let mut area = egui::ScrollArea::vertical()
        .id_salt("outline_scroll")
        .auto_shrink(false);
    if let Some(offset) = reveal_offset(ui, state, &rows, row_height, here) {
        area = area.vertical_scroll_offset(offset);
    }
    area.show_rows(ui, row_height, rows.len(), |ui, range| {
        for &(d, section) in &rows[range] {
            let doc = &view.docs[d];
            match section {
                None => {
                    let name = doc.display_name();
                    let r = ui
                        .add(
                            egui::Button::selectable(
                                state.doc == d,
                                egui::RichText::new(&name).strong(),
                            )
                            .truncate(),
                        )
                        .on_hover_text(format!(
                            "{}\n{}, {}, {} sentences",
                            doc.source.path.display(),
                            doc.source.format,
                            doc.source.encoding,
                            doc.article.sentences.len()
                        ));
                    if r.clicked() {
                        state.doc = d;
                        state
                            .requests
                            .ask(Request::ScrollTo(d, ScrollTarget::Section(0)));
                    }
                    r.context_menu(|ui| {
                        if ui
                            .button(UiCommand::CloseArticle.label())
                            .on_hover_text(UiCommand::CloseArticle.tooltip())
                            .clicked()
                        {
                            actions.push(Action::Edit(crate::command::Command::CloseArticle {
                                path: doc.source.path.clone(),
                            }));
                        }
                    });
                }
                Some(i) => {
                    let heading = doc.article.sections[i].heading.as_deref().unwrap_or("");
                    ui.horizontal(|ui| {
                        ui.add_space(14.0);
                        let r = ui
                            .add(egui::Button::selectable(here == Some((d, i)), heading).truncate())
                            .on_hover_text(heading);
                        if r.clicked() {
                            state.doc = d;
                            state
                                .requests
                                .ask(Request::ScrollTo(d, ScrollTarget::Section(i)));
                        }
                    });
                }
            }
        }
    });
    state.outline_rows.rows = rows;
}
