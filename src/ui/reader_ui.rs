//! The reader: the article's title, headings and paragraphs, with actor mentions in the actor's
//! colour (and underlined), cue words marked, and the evidence of the selected cell shaded.
//! Clicking a sentence selects it and shows what it feeds.
//!
//! Only the blocks inside the visible part of the scroll area are laid out each frame. The
//! others are given an estimated height from their length, replaced by the measured height once
//! they have been drawn, so a 20 MB article scrolls as lightly as a short one.

use super::{ScrollTarget, UiState, View, theme};
use crate::document::Document;
use crate::model::SentenceId;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Sense, Stroke, TextStyle};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    Title,
    Heading(u32),
    /// Sentences `first..end` of paragraph `paragraph`: a whole paragraph, or one piece of a
    /// paragraph too long to lay out in one frame.
    Paragraph {
        paragraph: u32,
        first: u32,
        end: u32,
    },
}

/// A paragraph longer than this (in bytes) is shown as several blocks of whole sentences, so
/// that one frame never lays out more than a screenful or two of text: a file with no paragraph
/// breaks is one paragraph of many megabytes.
const MAX_BLOCK_BYTES: u32 = 4 * 1024;

/// Layout kept between frames for the article in the reader.
#[derive(Debug, Default)]
pub struct ReaderCache {
    key: Option<(usize, String, u32, u32)>,
    blocks: Vec<Block>,
    heights: Vec<f32>,
    /// `offsets[i]` is the top of block `i`; one more entry for the total height.
    offsets: Vec<f32>,
    dirty: bool,
    /// The article's colours, kept while the article, the session and the theme are the same.
    colours: Colours,
}

/// The colours of one article's actors and of the names the analyst gave in it.
#[derive(Debug, Default)]
struct Colours {
    /// The article, the open articles' version, the session's state and the theme they were
    /// made for.
    key: Option<(usize, u64, u64, bool)>,
    /// The colour of each actor of the article, the same as its row in the matrix.
    actors: Vec<Color32>,
    /// Where the names the analyst gave stand in the article, each in its actor's colour.
    hand: Vec<(crate::parse::Span, Color32)>,
}

impl Colours {
    fn prepare(&mut self, view: &View<'_>, d: usize, doc: &Document, dark: bool) {
        let key = (d, view.docs_version, view.session_state, dark);
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let colour = |actor| theme::actor_colour(view.session.colour(actor), dark);
        self.actors = doc.briefing.actors.iter().map(|a| colour(&a.id)).collect();
        self.hand = view
            .hand_mentions
            .get(d)
            .map(|found| {
                found
                    .iter()
                    .map(|(span, actor)| (*span, colour(actor)))
                    .collect()
            })
            .unwrap_or_default();
    }
}

const BLOCK_GAP: f32 = 10.0;

impl ReaderCache {
    fn prepare(&mut self, d: usize, doc: &Document, width: f32, body: &FontId, heading: &FontId) {
        let key = (
            d,
            doc.source.hash.clone(),
            width.to_bits(),
            body.size.to_bits(),
        );
        if self.key.as_ref() == Some(&key) {
            if self.dirty {
                self.recompute_offsets();
            }
            return;
        }
        let a = &doc.article;
        self.blocks.clear();
        if a.title.is_some() {
            self.blocks.push(Block::Title);
        }
        for (i, s) in a.sections.iter().enumerate() {
            if s.heading.is_some() {
                self.blocks.push(Block::Heading(i as u32));
            }
            for p in s.paragraphs.0..s.paragraphs.1 {
                let (mut first, end) = a.paragraphs[p as usize].sentences;
                // A credit line holds no sentence: it is shown whole, quietly.
                if first == end {
                    self.blocks.push(Block::Paragraph {
                        paragraph: p,
                        first,
                        end,
                    });
                }
                // Sentences are at most a few KB long (the splitter cuts longer runs), so each
                // piece stays small.
                while first < end {
                    let start = a.sentences[first as usize].span.start;
                    let mut stop = first + 1;
                    while stop < end
                        && a.sentences[stop as usize].span.end - start <= MAX_BLOCK_BYTES
                    {
                        stop += 1;
                    }
                    self.blocks.push(Block::Paragraph {
                        paragraph: p,
                        first,
                        end: stop,
                    });
                    first = stop;
                }
            }
        }
        let chars_per_line = (width / (body.size * 0.5)).max(10.0);
        self.heights = self
            .blocks
            .iter()
            .map(|b| match b {
                Block::Title => heading.size * 2.6 + BLOCK_GAP,
                Block::Heading(_) => heading.size * 1.6 + BLOCK_GAP,
                Block::Paragraph {
                    paragraph,
                    first,
                    end,
                } => {
                    // A credit line has no sentence: its whole text is shown.
                    let len = if first == end {
                        let span = a.paragraphs[*paragraph as usize].span;
                        span.end - span.start
                    } else {
                        a.sentences[*end as usize - 1].span.end
                            - a.sentences[*first as usize].span.start
                    };
                    let lines = (len as f32 / chars_per_line).ceil().max(1.0);
                    lines * body.size * 1.35 + BLOCK_GAP
                }
            })
            .collect();
        self.key = Some(key);
        self.recompute_offsets();
    }

    fn recompute_offsets(&mut self) {
        self.offsets.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.offsets.push(y);
            y += h;
        }
        self.offsets.push(y);
        self.dirty = false;
    }

    fn measured(&mut self, i: usize, height: f32) {
        if (self.heights[i] - height).abs() > 0.5 {
            self.heights[i] = height;
            self.dirty = true;
        }
    }

    fn offset_of(&self, doc: &Document, target: ScrollTarget) -> Option<f32> {
        let block = match target {
            ScrollTarget::Section(s) => {
                let s = s as u32;
                self.blocks.iter().position(|b| match b {
                    Block::Heading(h) => *h == s,
                    Block::Paragraph { paragraph, .. } => {
                        doc.article.paragraphs[*paragraph as usize].section == s
                    }
                    Block::Title => s == 0,
                })?
            }
            ScrollTarget::Sentence(id) => self.blocks.iter().position(
                |b| matches!(b, Block::Paragraph { first, end, .. } if (*first..*end).contains(&id.0)),
            )?,
        };
        self.offsets.get(block).copied()
    }
}

/// The card of the selected sentence stands under the text, so that the text does not move
/// under the pointer when a click selects a sentence.
fn sentence_card_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    d: usize,
    doc: &Document,
) {
    let Some((_, id)) = state.selected_sentence.filter(|(sd, _)| *sd == d) else {
        return;
    };
    let most = (ui.available_height() * 0.45).max(80.0);
    egui::Panel::bottom(("sentence card", d))
        .resizable(false)
        .max_size(most)
        .show(ui, |ui| sentence_info_ui(ui, view, state, d, id, doc));
}

pub fn reader_ui(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState) {
    let Some(doc) = view.docs.get(state.doc) else {
        ui.centered_and_justified(|ui| {
            if let Some(loading) = view.loading.first() {
                ui.label(format!("Opening {}…", loading.path.display()));
            } else {
                ui.label("No article open. Use File › Open articles…, type a path on the left, or drop a file here.");
            }
        });
        return;
    };
    let d = state.doc;
    sentence_card_ui(ui, view, state, d, doc);

    let body = TextStyle::Body.resolve(ui.style());
    let heading = TextStyle::Heading.resolve(ui.style());
    let width = line_width(ui, &body);
    state.reader.prepare(d, doc, width, &body, &heading);

    let mut area = egui::ScrollArea::vertical()
        .id_salt(("reader", d))
        .auto_shrink(false);
    let target = state.requests.take(|r| match r {
        super::Request::ScrollTo(td, target) if *td == d => Some(*target),
        _ => None,
    });
    if let Some(y) = target.and_then(|t| state.reader.offset_of(doc, t)) {
        area = area.vertical_scroll_offset(y);
    }
    let evidence = evidence_sentences(view, state, d, doc);
    // Taken out for the frame, so that the layout cache can change while the text is drawn.
    let mut colours = std::mem::take(&mut state.reader.colours);
    colours.prepare(view, d, doc, state.dark);
    let selected = state
        .selected_sentence
        .filter(|(sd, _)| *sd == d)
        .map(|(_, s)| s);
    let look = Look {
        colours: &colours.actors,
        hand: &colours.hand,
        selected,
        evidence: &evidence,
        dark: state.dark,
        font: &body,
        width,
    };
    let mut clicked = None;
    area.show_viewport(ui, |ui, viewport| {
        let cache = &mut state.reader;
        let total = *cache.offsets.last().unwrap_or(&0.0);
        ui.set_min_height(total);
        ui.set_width(width);
        let first = cache
            .offsets
            .partition_point(|&y| y <= viewport.min.y)
            .saturating_sub(1);
        let top = ui.min_rect().top();
        for i in first..cache.blocks.len() {
            let y = cache.offsets[i];
            if y > viewport.max.y {
                break;
            }
            let rect = egui::Rect::from_min_size(
                egui::pos2(ui.min_rect().left(), top + y),
                egui::vec2(width, cache.heights[i]),
            );
            let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
            let used = match cache.blocks[i] {
                Block::Title => title_block(&mut child, doc, &heading),
                Block::Heading(s) => {
                    let text = doc.article.sections[s as usize]
                        .heading
                        .as_deref()
                        .unwrap_or("");
                    child
                        .add(egui::Label::new(egui::RichText::new(text).heading()).wrap())
                        .rect
                        .height()
                }
                Block::Paragraph {
                    paragraph,
                    first,
                    end,
                } => {
                    let (height, hit) =
                        paragraph_block(&mut child, &look, doc, (paragraph, first..end));
                    clicked = clicked.or(hit);
                    height
                }
            };
            cache.measured(i, used + BLOCK_GAP);
        }
    });
    state.reader.colours = colours;
    if state.reader.dirty {
        // Measured heights differ from the estimates: lay out again with the real ones.
        ui.ctx().request_repaint();
    }
    if let Some(id) = clicked {
        select_sentence(state, d, id, selected);
    }
}

/// A click on sentence `id` of article `d` selects it, or deselects it when it was `selected`;
/// the keyboard follows the click into the reader.
fn select_sentence(state: &mut UiState, d: usize, id: SentenceId, selected: Option<SentenceId>) {
    state.enter_panel(super::KeyPanel::Reader);
    state.selected_sentence = if selected == Some(id) {
        None
    } else {
        Some((d, id))
    };
}

/// The article's title (and date) at the top of the reader; returns the height used.
fn title_block(ui: &mut egui::Ui, doc: &Document, heading: &FontId) -> f32 {
    let title = doc.article.title.as_deref().unwrap_or("");
    let r = ui.add(
        egui::Label::new(
            egui::RichText::new(title)
                .heading()
                .strong()
                .size(heading.size * 1.25),
        )
        .wrap(),
    );
    let mut h = r.rect.height();
    if let Some(date) = &doc.article.date {
        h += ui.weak(date).rect.height();
    }
    h
}

/// One paragraph, its sentences clickable; returns the height used and the sentence clicked.
fn paragraph_block(
    ui: &mut egui::Ui,
    look: &Look<'_>,
    doc: &Document,
    paragraph: (u32, std::ops::Range<u32>),
) -> (f32, Option<SentenceId>) {
    let (job, starts) = paragraph_job(look, doc, paragraph);
    let galley = ui.painter().layout_job(job);
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::click());
    let text_colour = ui.visuals().text_color();
    ui.painter().galley(rect.min, galley.clone(), text_colour);
    let mut clicked = None;
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let cursor = galley.cursor_from_pos(pos - rect.min);
        let byte = galley
            .job
            .text
            .char_indices()
            .nth(cursor.index.0)
            .map_or(galley.job.text.len(), |(b, _)| b);
        clicked = starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= byte)
            .map(|(_, id)| *id);
    }
    response.on_hover_cursor(egui::CursorIcon::PointingHand);
    (galley.size().y, clicked)
}

/// The width of the reader's lines: what there is, but at most about 90 characters, as longer
/// lines are hard to follow on a wide screen.
fn line_width(ui: &mut egui::Ui, body: &FontId) -> f32 {
    let readable = ui.fonts_mut(|f| f.glyph_width(body, 'n')) * 90.0;
    (ui.available_width() - 16.0).clamp(100.0, readable.max(100.0))
}

/// Which sentences of one article are evidence for the selected cell: a binary search in the
/// cell's sorted suggestions, plus the few sentences attached by hand.
struct EvidenceOf<'a> {
    doc: usize,
    cell: Option<&'a crate::model::matrix::CellView>,
    hand: Vec<SentenceId>,
}

impl EvidenceOf<'_> {
    fn contains(&self, id: SentenceId) -> bool {
        self.hand.contains(&id)
            || self
                .cell
                .is_some_and(|c| c.suggested_evidence(self.doc, id).is_some())
    }
}

fn evidence_sentences<'a>(
    view: &View<'a>,
    state: &UiState,
    d: usize,
    doc: &Document,
) -> EvidenceOf<'a> {
    let cell = state
        .selected_cell()
        .and_then(|c| view.matrix.cell(&c.actor, &c.topic));
    let hand = cell
        .and_then(|c| c.annotation.as_ref())
        .map(|a| {
            a.evidence
                .iter()
                .filter(|e| e.article == doc.source.path)
                .map(|e| e.sentence)
                .collect()
        })
        .unwrap_or_default();
    EvidenceOf { doc: d, cell, hand }
}

/// How the paragraphs of one article are drawn this frame.
struct Look<'a> {
    /// The colour of each actor of the article.
    colours: &'a [Color32],
    /// Names the analyst gave, where they stand in this article, with their colours.
    hand: &'a [(crate::parse::Span, Color32)],
    selected: Option<SentenceId>,
    evidence: &'a EvidenceOf<'a>,
    dark: bool,
    font: &'a FontId,
    width: f32,
}

/// Sentences of a paragraph as a layout job, and where each sentence starts in the job's text.
fn paragraph_job(
    look: &Look<'_>,
    doc: &Document,
    (p, sentences): (u32, std::ops::Range<u32>),
) -> (LayoutJob, Vec<(usize, SentenceId)>) {
    let (selected, evidence) = (look.selected, look.evidence);
    let (dark, font, width) = (look.dark, look.font, look.width);
    let a = &doc.article;
    let para = &a.paragraphs[p as usize];
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: width,
            ..Default::default()
        },
        ..Default::default()
    };
    let base = TextFormat {
        font_id: font.clone(),
        color: theme::reader_text(dark),
        ..Default::default()
    };
    let mut starts = Vec::new();
    let (first, end) = (sentences.start, sentences.end);
    if para.sentences.0 == para.sentences.1 {
        job.append(
            &crate::parse::fold_space(&a.text[para.span.range()]),
            0.0,
            TextFormat {
                color: theme::weak_text(dark),
                ..base
            },
        );
        return (job, starts);
    }
    // A dateline before the paragraph's first sentence, shown quietly.
    if let Some(s) = a.sentences.get(first as usize)
        && first == para.sentences.0
        && s.span.start > para.span.start
    {
        let prefix = &a.text[para.span.start as usize..s.span.start as usize];
        job.append(
            &prefix.replace('\n', " "),
            0.0,
            TextFormat {
                color: theme::weak_text(dark),
                ..base.clone()
            },
        );
    }
    for sid in first..end {
        let s = &a.sentences[sid as usize];
        let id = s.id;
        starts.push((job.text.len(), id));
        let background = if selected == Some(id) {
            theme::selected_sentence(dark)
        } else if evidence.contains(id) {
            theme::evidence_sentence(dark)
        } else {
            Color32::TRANSPARENT
        };
        let plain = TextFormat {
            background,
            ..base.clone()
        };
        let (ss, se) = (s.span.start, s.span.end);
        let mut marks = sentence_marks(look, doc, s.span, &base, background);
        marks.sort_by_key(|m| m.0);
        let mut pos = ss as usize;
        for (ms, me, format) in marks {
            if ms < pos {
                continue;
            }
            job.append(&a.text[pos..ms].replace('\n', " "), 0.0, plain.clone());
            job.append(&a.text[ms..me].replace('\n', " "), 0.0, format);
            pos = me;
        }
        job.append(&a.text[pos..se as usize].replace('\n', " "), 0.0, plain);
        if sid + 1 < end {
            job.append(" ", 0.0, base.clone());
        }
    }
    (job, starts)
}

/// What sentence `id` of article `d` (the selected one) feeds: its actors and the stances it
/// is evidence for.
fn sentence_info_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    state: &mut UiState,
    d: usize,
    id: SentenceId,
    doc: &Document,
) {
    let Some(sentence) = doc.article.sentences.get(id.0 as usize) else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(format!("Sentence {id}"));
            if ui.small_button("×").on_hover_text("Clear the selection").clicked() {
                state.selected_sentence = None;
            }
        });
        let mut actors: Vec<&str> = doc
            .highlights
            .mentions
            .iter()
            .filter(|(sp, _)| sentence.span.contains(*sp))
            .filter_map(|(_, a)| doc.briefing.actors.get(*a as usize).map(|x| x.name.as_str()))
            .collect();
        // And the actors the analyst added or gave an alias, by the name they go by.
        if let Some(found) = view.hand_mentions.get(d) {
            for (span, actor) in found {
                if sentence.span.contains(*span)
                    && let Some(row) = view.matrix.row(actor)
                {
                    actors.push(row.name.as_str());
                }
            }
        }
        actors.sort_unstable();
        actors.dedup();
        ui.label(if actors.is_empty() {
            "Actors: none named".to_owned()
        } else {
            format!("Actors: {}", actors.join(", "))
        });
        let mut fed = 0;
        for (cell, c) in &view.matrix.cells {
            let Some(s) = &c.suggestion else { continue };
            if let Some(e) = c.suggested_evidence(d, id) {
                fed += 1;
                let actor = view.matrix.row(&cell.actor).map_or(cell.actor.0.as_str(), |r| r.name.as_str());
                let topic = view.matrix.column(&cell.topic).map_or(cell.topic.0.as_str(), |t| t.name.as_str());
                if ui
                    .link(format!("{actor} › {topic}: {} (cues: {})", s.stance.label(), e.cues.join(", ")))
                    .on_hover_text("Open this cell")
                    .clicked()
                {
                    state.detail = super::Detail::Cell(cell.clone());
                }
            }
        }
        // Evidence the analyst attached by hand.
        for (cell, c) in &view.matrix.cells {
            let attached = c.annotation.as_ref().is_some_and(|a| {
                a.evidence
                    .iter()
                    .any(|e| e.sentence == id && e.article == doc.source.path)
            });
            if !attached {
                continue;
            }
            fed += 1;
            let actor = view.matrix.row(&cell.actor).map_or(cell.actor.0.as_str(), |r| r.name.as_str());
            let topic = view.matrix.column(&cell.topic).map_or(cell.topic.0.as_str(), |t| t.name.as_str());
            let stance = c
                .shown()
                .map_or_else(|| "no stance yet".to_owned(), |(s, _)| s.label().to_owned());
            if ui
                .link(format!("{actor} › {topic}: {stance} (attached by hand)"))
                .on_hover_text("Open this cell")
                .clicked()
            {
                state.detail = super::Detail::Cell(cell.clone());
            }
        }
        if fed == 0 {
            ui.weak("This sentence is not evidence for any stance. Select a cell and use Edit › Attach selected sentence to add it.");
        }
    });
}

/// The marks inside one sentence (actor mentions, the analyst's names, cue words), unsorted:
/// `(start, end, format)` in the article's text.
fn sentence_marks(
    look: &Look<'_>,
    doc: &Document,
    span: crate::parse::Span,
    base: &TextFormat,
    background: Color32,
) -> Vec<(usize, usize, TextFormat)> {
    let (colours, dark) = (look.colours, look.dark);
    let mentions = &doc.highlights.mentions;
    let cues = &doc.highlights.cues;
    let mut marks: Vec<(usize, usize, TextFormat)> = Vec::new();
    let (ss, se) = (span.start, span.end);
    let from = mentions.partition_point(|(sp, _)| sp.start < ss);
    for (sp, actor) in mentions[from..].iter().take_while(|(sp, _)| sp.end <= se) {
        let colour = colours.get(*actor as usize).copied().unwrap_or(base.color);
        marks.push((
            sp.start as usize,
            sp.end as usize,
            TextFormat {
                color: colour,
                underline: Stroke::new(1.0, colour),
                background,
                ..base.clone()
            },
        ));
    }
    // Names the analyst gave: marked like the analysis' own where it found nothing there.
    let from = look.hand.partition_point(|(sp, _)| sp.start < ss);
    for (sp, colour) in look.hand[from..].iter().take_while(|(sp, _)| sp.end <= se) {
        let taken = marks
            .iter()
            .any(|(ms, me, _)| *ms < sp.end as usize && sp.start as usize <= *me);
        if !taken {
            marks.push((
                sp.start as usize,
                sp.end as usize,
                TextFormat {
                    color: *colour,
                    underline: Stroke::new(1.0, *colour),
                    background,
                    ..base.clone()
                },
            ));
        }
    }
    let from = cues.partition_point(|(sp, _)| sp.start < ss);
    for (sp, _) in cues[from..].iter().take_while(|(sp, _)| sp.end <= se) {
        marks.push((
            sp.start as usize,
            sp.end as usize,
            TextFormat {
                background: theme::cue_background(dark),
                italics: true,
                ..base.clone()
            },
        ));
    }
    marks
}
