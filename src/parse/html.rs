//! HTML pages saved from a browser: keep the title, headings and article paragraphs; drop
//! scripts, styles, navigation, headers and footers, share buttons, captions, related links.
//!
//! The reader looks for the article container (`<article>`, `<main>`, `[role=main]`, else
//! `<body>`) and walks it, skipping any element that is boilerplate by tag or by a class or id
//! that says so ("share-buttons", "related", "newsletter", ...).

use super::{Block, Document, ParseNote};
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Elements never part of the article text.
const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "button",
    "figure",
    "figcaption",
    "svg",
    "iframe",
    "video",
    "audio",
    "canvas",
    "select",
    "textarea",
    "input",
    "object",
    "embed",
    "menu",
    "dialog",
    "picture",
    "img",
];

/// Words in a class or id that mark boilerplate.
const NOISE_WORDS: &[&str] = &[
    "share",
    "social",
    "related",
    "comment",
    "newsletter",
    "advert",
    "promo",
    "caption",
    "breadcrumb",
    "cookie",
    "subscribe",
    "footer",
    "nav",
    "menu",
    "sidebar",
    "byline",
    "toolbar",
    "banner",
    "signup",
    "recommend",
    "popup",
    "modal",
    "tags",
    "sharing",
    "outbrain",
    "taboola",
    "paywall",
    "sponsor",
];

/// Deeper nesting than this is flattened before the page is parsed. Real pages stay well below a
/// hundred levels; thousands come only from damaged or hostile files, and the HTML tree builder
/// spends time growing with the square of the depth on them.
const MAX_DEPTH: usize = 512;

pub(super) fn read(text: &str) -> Document<'static> {
    let (source, json_ld) = strip_scripts(text);
    let flattened = flatten_deep(&source, MAX_DEPTH);
    let html = Html::parse_document(flattened.as_ref().map_or(&*source, |(t, _)| t.as_str()));
    let mut doc = Document::default();
    if let Some((_, dropped)) = &flattened {
        doc.notes.push(ParseNote::NestedTooDeep {
            limit: MAX_DEPTH,
            dropped: *dropped,
        });
    }
    let select = |css: &str| Selector::parse(css).ok();
    let meta = |name: &str| -> Option<String> {
        let sel = select(&format!("meta[property=\"{name}\"], meta[name=\"{name}\"]"))?;
        html.select(&sel)
            .find_map(|m| m.value().attr("content"))
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
    };
    let page_title = select("title")
        .and_then(|s| html.select(&s).next())
        .map(|t| collect_text(t, &Page::default()))
        .filter(|t| !t.is_empty());
    let linked = LinkedData::read(&json_ld);
    let page = Page::measure(&html);
    let roots = page.main_text(&html);
    let h1s: Vec<String> = select("h1")
        .map(|s| {
            html.select(&s)
                .filter(|h| !page.is_noise(h))
                .map(|h| collect_text(h, &page))
                .filter(|t| !t.is_empty())
                .take(8)
                .collect()
        })
        .unwrap_or_default();
    let meta_title = meta("og:title").or_else(|| linked.headline.clone());
    doc.title = choose_title(&h1s, meta_title.as_deref(), page_title.as_deref());
    doc.date = meta("article:published_time").or_else(|| {
        select("time[datetime]")
            .and_then(|s| html.select(&s).next())
            .and_then(|t| t.value().attr("datetime").map(str::to_owned))
    });
    for key in ["author", "description", "og:site_name"] {
        if let Some(v) = meta(key) {
            doc.metadata.insert(key.to_owned(), v);
        }
    }
    let mut title_skipped = false;
    for root in roots {
        walk(root, &page, &mut doc, &mut title_skipped);
    }
    if let Some(body) = linked.article_body.filter(|b| more_words(b, &doc.blocks)) {
        // The page's own structured copy of the story holds clearly more than what was found on
        // the page (a story drawn by script, or a body split into many small blocks).
        doc.blocks = body
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| Block::Paragraph(Cow::Owned(p.to_owned())))
            .collect();
    }
    doc
}

/// Whether the JSON-LD `articleBody` has a quarter more words than the blocks found (and at
/// least fifty), so that it should replace them.
fn more_words(body: &str, blocks: &[Block<'_>]) -> bool {
    let theirs = body.split_whitespace().count();
    let ours: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } | Block::Paragraph(text) => text.split_whitespace().count(),
        })
        .sum();
    theirs >= 50 && theirs * 4 > ours * 5
}

/// The headline: the first `<h1>` that the page's title metadata (`og:title`, else JSON-LD
/// `headline`, else `<title>`) also gives; else `og:title` or the JSON-LD headline without a
/// " | Site name" tail; else the first `<h1>`; else `<title>` without its tail.
fn choose_title(
    h1s: &[String],
    meta_title: Option<&str>,
    page_title: Option<&str>,
) -> Option<String> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    // Matched without the site's name, which a logo `<h1>` may repeat.
    if let Some(r) = meta_title.or(page_title).and_then(without_site_name) {
        let r = norm(&r);
        if let Some(h) = h1s
            .iter()
            .filter(|h| h.split_whitespace().nth(1).is_some() && r.contains(&norm(h)))
            .max_by_key(|h| h.len())
        {
            return Some(h.clone());
        }
    }
    meta_title
        .and_then(without_site_name)
        .or_else(|| h1s.first().cloned())
        .or_else(|| page_title.and_then(without_site_name))
}

/// A page title without a short " | Site name" (or " - Site") tail.
fn without_site_name(title: &str) -> Option<String> {
    let mut t = title.trim();
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(at) = t.rfind(sep)
            && at > 0
            && t[at + sep.len()..].split_whitespace().count() <= 4
        {
            t = t[..at].trim();
            break;
        }
    }
    (!t.is_empty()).then(|| t.to_owned())
}

/// What the page's JSON-LD (`<script type="application/ld+json">`) says of the story.
#[derive(Default)]
struct LinkedData {
    article_body: Option<String>,
    headline: Option<String>,
}

impl LinkedData {
    /// The longest `articleBody` and the first `headline` found anywhere in the scripts (a
    /// `@graph`, an array, a nested `mainEntity`); a script that is not valid JSON is skipped.
    fn read(scripts: &[String]) -> Self {
        let mut out = Self::default();
        for script in scripts {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(script.trim()) else {
                continue;
            };
            // A loop over a stack: the JSON is the page's, and may nest deeply.
            let mut stack = vec![&value];
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                    serde_json::Value::Object(map) => {
                        if let Some(serde_json::Value::String(b)) = map.get("articleBody")
                            && out.article_body.as_ref().is_none_or(|o| b.len() > o.len())
                        {
                            out.article_body = Some(b.clone());
                        }
                        if let Some(serde_json::Value::String(h)) = map.get("headline")
                            && out.headline.is_none()
                            && !h.trim().is_empty()
                        {
                            out.headline = Some(h.trim().to_owned());
                        }
                        stack.extend(map.values().filter(|v| v.is_array() || v.is_object()));
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

/// What one element holds: its visible text outside links, the text of its links (both in
/// bytes, boilerplate below it left out), and the score its paragraphs give it.
#[derive(Clone, Copy, Default)]
struct Stats {
    text: u32,
    link: u32,
    score: f32,
}

impl Stats {
    fn link_density(self) -> f32 {
        let all = self.text + self.link;
        if all == 0 {
            0.0
        } else {
            self.link as f32 / all as f32
        }
    }
}

/// The page measured once: every element's [`Stats`], and the elements whose class or id says
/// boilerplate but which hold most of the page's text (a wrapper named
/// `m-advertisement-off-canvas--pusher` around the whole page is not an advert).
#[derive(Default)]
struct Page {
    stats: HashMap<NodeId, Stats>,
    wrappers: HashSet<NodeId>,
}

impl Page {
    /// Two walks over the tree, loops not recursion: the first finds the wrappers, the second
    /// counts text and scores paragraphs with them known.
    fn measure(html: &Html) -> Self {
        let mut page = Page::default();
        let mut noisy: Vec<(NodeId, usize)> = Vec::new();
        let mut total = 0;
        {
            let mut stack: Vec<(bool, bool, usize)> = Vec::new();
            let mut count = 0usize;
            for edge in html.root_element().traverse() {
                match edge {
                    Edge::Open(node) => {
                        let (dropped, link) = stack.last().map_or((false, false), |s| (s.0, s.1));
                        if let Some(el) = ElementRef::wrap(node) {
                            let name = el.value().name();
                            let here = (
                                dropped || DROP_TAGS.contains(&name),
                                link || name == "a",
                                count,
                            );
                            stack.push(here);
                        } else if let Node::Text(t) = node.value()
                            && !dropped
                            && !link
                        {
                            count += t.trim().len();
                        }
                    }
                    Edge::Close(node) => {
                        let Some(el) = ElementRef::wrap(node) else {
                            continue;
                        };
                        let Some((_, _, opened)) = stack.pop() else {
                            continue;
                        };
                        if has_noise_mark(&el) {
                            noisy.push((el.id(), count - opened));
                        }
                    }
                }
            }
            total = total.max(count);
        }
        page.wrappers = noisy
            .into_iter()
            .filter(|&(_, n)| n > 0 && n * 5 >= total * 2)
            .map(|(id, _)| id)
            .collect();
        page.score(html);
        page
    }

    fn score(&mut self, html: &Html) {
        #[derive(Clone, Copy)]
        struct Open {
            noise: bool,
            link: bool,
            paragraph: bool,
            text: usize,
            link_text: usize,
            commas: usize,
        }
        let mut stack: Vec<Open> = Vec::new();
        let (mut text, mut link_text, mut commas) = (0usize, 0usize, 0usize);
        let mut credit: Vec<(NodeId, f32)> = Vec::new();
        for edge in html.root_element().traverse() {
            match edge {
                Edge::Open(node) => {
                    let parent = stack.last().copied();
                    let (noise, link, paragraph) =
                        parent.map_or((false, false, false), |p| (p.noise, p.link, p.paragraph));
                    if let Some(el) = ElementRef::wrap(node) {
                        stack.push(Open {
                            noise: noise || self.is_noise(&el),
                            link: link || el.value().name() == "a",
                            paragraph: paragraph || is_paragraph(el),
                            text,
                            link_text,
                            commas,
                        });
                    } else if let Node::Text(t) = node.value()
                        && !noise
                    {
                        let t = t.trim();
                        if link {
                            link_text += t.len();
                        } else {
                            text += t.len();
                            let c = t.matches([',', '，', '、']).count();
                            commas += c;
                            // Loose text between line breaks, not inside any paragraph element,
                            // is a paragraph of the element around it.
                            if !paragraph
                                && t.len() >= 25
                                && let Some(parent) = node.parent()
                            {
                                credit_up(&mut credit, parent, paragraph_score(t.len(), c));
                            }
                        }
                    }
                }
                Edge::Close(node) => {
                    let Some(el) = ElementRef::wrap(node) else {
                        continue;
                    };
                    let Some(open) = stack.pop() else {
                        continue;
                    };
                    let stats = Stats {
                        text: (text - open.text) as u32,
                        link: (link_text - open.link_text) as u32,
                        score: 0.0,
                    };
                    self.stats.insert(el.id(), stats);
                    let outer = stack.last().is_none_or(|p| !p.paragraph);
                    if open.paragraph && outer && !open.noise && stats.text >= 25 {
                        let s = paragraph_score(stats.text as usize, commas - open.commas);
                        if let Some(parent) = node.parent() {
                            credit_up(&mut credit, parent, s);
                        }
                    }
                }
            }
        }
        for (id, s) in credit {
            if let Some(st) = self.stats.get_mut(&id) {
                st.score += s;
            }
        }
    }

    fn stats(&self, el: &ElementRef<'_>) -> Stats {
        self.stats.get(&el.id()).copied().unwrap_or_default()
    }

    fn is_noise(&self, el: &ElementRef<'_>) -> bool {
        let v = el.value();
        if DROP_TAGS.contains(&v.name()) {
            return true;
        }
        if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
            return true;
        }
        has_noise_mark(el) && !self.wrappers.contains(&el.id())
    }

    /// The elements that hold the article, in document order: the element its paragraphs
    /// credit most (a paragraph gives its parent its score and its grandparent half; the score
    /// grows with length and commas, shrinks with the share of link text, and counts half again
    /// on the page's own article markup), with those of its siblings that score a fifth as well
    /// or are long paragraphs with few links. The body when no paragraph scores.
    fn main_text<'a>(&self, html: &'a Html) -> Vec<ElementRef<'a>> {
        let mut best: Option<(f32, ElementRef<'a>)> = None;
        for node in html.root_element().descendants() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            let st = self.stats(&el);
            if st.score <= 0.0 {
                continue;
            }
            let s = st.score * (1.0 - st.link_density()) * markup_weight(&el);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, el));
            }
        }
        let body = Selector::parse("body")
            .ok()
            .and_then(|s| html.select(&s).next())
            .unwrap_or_else(|| html.root_element());
        // A page of a paragraph or two is read whole: there is no story to tell from the rest.
        let Some((top_score, top)) = best.filter(|(s, _)| *s >= 3.0) else {
            return vec![body];
        };
        // The story's own markup a few levels up (`articleBody` around body columns that each
        // hold a few paragraphs) holds the whole story when it is not a page of links.
        let marked = top
            .ancestors()
            .take(5)
            .filter_map(ElementRef::wrap)
            .take_while(|a| a.value().name() != "body")
            .find(|a| markup_weight(a) > 1.0 && !self.is_noise(a));
        if let Some(marked) = marked {
            let st = self.stats(&marked);
            if st.link_density() < 0.4 {
                return vec![marked];
            }
        }
        let Some(parent) = top.parent().and_then(ElementRef::wrap) else {
            return vec![top];
        };
        let threshold = (top_score * 0.2).max(10.0);
        parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|sib| {
                if *sib == top {
                    return true;
                }
                if self.is_noise(sib) {
                    return false;
                }
                let st = self.stats(sib);
                let ld = st.link_density();
                st.score * (1.0 - ld) * markup_weight(sib) >= threshold
                    || (sib.value().name() == "p" && st.text >= 80 && ld < 0.25)
            })
            .collect()
    }
}

/// What a paragraph of `len` bytes with `commas` commas adds to the elements above it.
fn paragraph_score(len: usize, commas: usize) -> f32 {
    1.0 + commas as f32 + (len as f32 / 100.0).min(3.0)
}

/// Credits a paragraph's score to the element holding it in full, to the next one up a half and
/// to the one above that a third, so that paragraphs each wrapped in their own `<div>` still add
/// up on their common container.
fn credit_up(credit: &mut Vec<(NodeId, f32)>, holder: ego_tree::NodeRef<'_, Node>, score: f32) {
    let mut node = Some(holder);
    for divisor in [1.0, 2.0, 3.0] {
        let Some(n) = node else {
            break;
        };
        credit.push((n.id(), score / divisor));
        node = n.parent();
    }
}

/// Elements whose text is one paragraph: `<p>`, `<pre>`, `<blockquote>`, a table cell, or a
/// `<div>` with no block inside.
fn is_paragraph(el: ElementRef<'_>) -> bool {
    match el.value().name() {
        "p" | "pre" | "blockquote" | "td" => true,
        "div" => !has_block_children(el),
        _ => false,
    }
}

/// Words in a class or id that mark the story's own container.
const CONTENT_WORDS: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "storybody",
    "story-body",
    "entry-content",
    "post-content",
    "post-body",
    "article-content",
    "article-text",
    "story-content",
    "content-body",
    "body-text",
];

/// How much the page's own markup says "this is the story": one and a half for `<article>`,
/// `<main>`, `role=main`, schema.org `articleBody` and classes such as `article-body`.
fn markup_weight(el: &ElementRef<'_>) -> f32 {
    let v = el.value();
    let marked = matches!(v.name(), "article" | "main")
        || v.attr("role") == Some("main")
        || v.attr("itemprop") == Some("articleBody")
        || v.classes().chain(v.id()).any(|m| {
            let m = m.to_ascii_lowercase();
            CONTENT_WORDS.iter().any(|w| m.contains(w))
        });
    if marked { 1.5 } else { 1.0 }
}

/// Whether a class or id names boilerplate: one of its parts (split at `-`, `_` and spaces)
/// begins with a [`NOISE_WORDS`] word, so "share-bar" and "navbar" are noise, "canvas" is not.
fn has_noise_mark(el: &ElementRef<'_>) -> bool {
    let v = el.value();
    if matches!(v.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    v.classes().chain(v.id()).any(|m| {
        m.split(['-', '_']).filter(|p| !p.is_empty()).any(|part| {
            let part = part.to_ascii_lowercase();
            NOISE_WORDS.iter().any(|w| part.starts_with(w))
        })
    })
}

/// Walks the article container in document order, turning headings and paragraphs into blocks.
/// A loop over an explicit stack, not recursion: saved pages can nest elements thousands of
/// levels deep, and a recursive walk would overflow the thread's stack.
fn walk(root: ElementRef<'_>, page: &Page, doc: &mut Document<'static>, skipped: &mut bool) {
    let title = doc.title.clone();
    let title = title.as_deref();
    // Each level keeps the loose text met between its block children ("<div>Text<p>…" or a
    // body with no markup at all): it becomes a paragraph when the next block starts or the
    // level ends.
    let mut stack = vec![(root.children(), String::new())];
    while let Some((children, loose)) = stack.last_mut() {
        let Some(child) = children.next() else {
            if let Some((_, loose)) = stack.pop() {
                push_loose(&loose, doc);
            }
            continue;
        };
        let Some(child_el) = ElementRef::wrap(child) else {
            if let Node::Text(t) = child.value() {
                loose.push_str(t);
            }
            continue;
        };
        if page.is_noise(&child_el) {
            continue;
        }
        let name = child_el.value().name();
        let stats = page.stats(&child_el);
        // A block that is mostly links is a menu or a list of other stories.
        if stats.link > 0 && stats.link_density() > 0.5 && name != "p" {
            continue;
        }
        if INLINE_TEXT.contains(&name) {
            loose.push(' ');
            gather(child_el, page, loose);
            loose.push(' ');
            continue;
        }
        if name == "br" {
            loose.push(' ');
            continue;
        }
        push_loose(&std::mem::take(loose), doc);
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = collect_text(child_el, page);
                if text.is_empty() {
                    continue;
                }
                if name == "h1" && !*skipped && title == Some(text.as_str()) {
                    *skipped = true;
                    continue;
                }
                let level = name[1..].parse::<u8>().unwrap_or(2);
                doc.blocks.push(Block::Heading {
                    level,
                    text: Cow::Owned(text),
                });
            }
            "p" | "li" | "dd" | "pre" => push_paragraph(child_el, page, doc),
            // Every other element, custom ones included (`<block>`, `<story-body>`), is a
            // container: its blocks are read in turn, or its text is one paragraph.
            _ => {
                if has_block_children(child_el) {
                    stack.push((child_el.children(), String::new()));
                } else {
                    push_paragraph(child_el, page, doc);
                }
            }
        }
    }
}

/// Inline elements whose text belongs to the loose text around them. Links are left out: loose
/// links between blocks are menus and "read more", not article text.
const INLINE_TEXT: &[&str] = &[
    "b", "i", "em", "strong", "small", "abbr", "q", "cite", "time", "mark", "sup", "sub", "u",
];

/// Loose text becomes a paragraph when it is more than a label: four words or more.
fn push_loose(loose: &str, doc: &mut Document<'static>) {
    if loose.split_whitespace().nth(3).is_none() {
        return;
    }
    let text = loose.split_whitespace().collect::<Vec<_>>().join(" ");
    doc.blocks.push(Block::Paragraph(Cow::Owned(text)));
}

/// Whether any child is a block: an element that is neither inline text markup nor one of the
/// elements always dropped. Unknown and custom elements (`<block>`, `<form>`) count as blocks.
fn has_block_children(el: ElementRef<'_>) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|c| {
        let name = c.value().name();
        !(INLINE_TEXT.contains(&name) || INLINE_OTHER.contains(&name) || DROP_TAGS.contains(&name))
    })
}

/// Inline elements besides [`INLINE_TEXT`]: links, line breaks and the like.
const INLINE_OTHER: &[&str] = &[
    "a", "br", "wbr", "span", "font", "label", "code", "kbd", "samp", "var", "s", "strike", "del",
    "ins", "bdi", "bdo", "data", "dfn", "tt", "big",
];

fn push_paragraph(el: ElementRef<'_>, page: &Page, doc: &mut Document<'static>) {
    let text = collect_text(el, page);
    if !text.is_empty() {
        doc.blocks.push(Block::Paragraph(Cow::Owned(text)));
    }
}

/// The visible text under an element, boilerplate children left out, blank space folded.
fn collect_text(el: ElementRef<'_>, page: &Page) -> String {
    let mut raw = String::new();
    gather(el, page, &mut raw);
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends the text under `root`, leaving out boilerplate; a loop for the same reason as `walk`.
fn gather(root: ElementRef<'_>, page: &Page, out: &mut String) {
    let mut stack = vec![root.children()];
    while let Some(children) = stack.last_mut() {
        let Some(child) = children.next() else {
            stack.pop();
            continue;
        };
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push(' '),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child).filter(|c| !page.is_noise(c)) {
                    stack.push(c.children());
                }
            }
            _ => {}
        }
    }
}

/// Cuts scripts, styles and comments out of the markup before it is parsed, in one linear scan,
/// and keeps the text of the JSON-LD scripts (`type="application/ld+json"`), which may carry the
/// story's `articleBody` and `headline`. Script text is most of the bytes of many news pages,
/// and the tree builder would read it character by character only for it to be dropped.
fn strip_scripts(text: &str) -> (Cow<'_, str>, Vec<String>) {
    let bytes = text.as_bytes();
    let starts_ci = |at: usize, what: &str| {
        bytes
            .get(at..at + what.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(what.as_bytes()))
    };
    let mut out: Option<String> = None;
    let mut json_ld = Vec::new();
    let mut copied = 0;
    let mut pos = 0;
    while let Some(rel) = text[pos..].find('<') {
        let at = pos + rel;
        // Every index below is just after an ASCII byte or the end, so on a char boundary.
        let end = if starts_ci(at, "<!--") {
            text[at + 4..]
                .find("-->")
                .map_or(text.len(), |e| at + 4 + e + 3)
        } else if let Some(name) = ["script", "style"].into_iter().find(|n| {
            starts_ci(at + 1, n)
                && bytes
                    .get(at + 1 + n.len())
                    .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        }) {
            let Some(open_end) = text[at..].find('>').map(|e| at + e + 1) else {
                break;
            };
            let close = format!("</{name}");
            let mut search = open_end;
            let close_at = loop {
                match text[search..].find("</") {
                    Some(e) if starts_ci(search + e, &close) => break search + e,
                    Some(e) => search += e + 2,
                    None => break text.len(),
                }
            };
            let tag = text[at..open_end].to_ascii_lowercase();
            if name == "script" && tag.contains("ld+json") {
                json_ld.push(text[open_end..close_at].to_owned());
            }
            text[close_at..]
                .find('>')
                .map_or(text.len(), |e| close_at + e + 1)
        } else {
            pos = at + 1;
            continue;
        };
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(&text[copied..at]);
        copied = end;
        pos = end;
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&text[copied..]);
            (Cow::Owned(buf), json_ld)
        }
        None => (Cow::Borrowed(text), json_ld),
    }
}

/// Elements that have no end tag, or whose end tag is usually left out (the tree builder closes
/// them itself): they do not add to the depth.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption", "a", "html", "head", "body",
];

/// Elements whose content is raw text, never tags.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Drops the start and end tags nested deeper than `max_depth`, keeping all text, in one linear
/// scan of the markup. `None` when the page stays within the limit (the common case, no copy);
/// otherwise the flattened page and how many start tags were dropped.
fn flatten_deep(text: &str, max_depth: usize) -> Option<(String, usize)> {
    let lower_starts = |at: usize, what: &str| {
        text.as_bytes()
            .get(at..at + what.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(what.as_bytes()))
    };
    let name_at = |at: usize| {
        let len = text.as_bytes()[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        text[at..at + len].to_ascii_lowercase()
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let (mut depth, mut excess, mut dropped) = (0usize, 0usize, 0usize);
    let mut pos = 0;
    while let Some(rel) = text[pos..].find('<') {
        let at = pos + rel;
        // Every index below is just after an ASCII byte, so on a char boundary.
        if lower_starts(at, "<!--") {
            pos = text[at + 4..]
                .find("-->")
                .map_or(text.len(), |e| at + 4 + e + 3);
            continue;
        }
        let closing = lower_starts(at, "</");
        let name_start = at + if closing { 2 } else { 1 };
        let name = name_at(name_start);
        let Some(end) = text[at..].find('>').map(|e| at + e + 1) else {
            break;
        };
        pos = end;
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        let mut drop_tag = false;
        if closing {
            if excess > 0 {
                excess -= 1;
                drop_tag = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            pos = end;
            loop {
                match text[pos..].find("</") {
                    Some(e) if lower_starts(pos + e, &close) => {
                        pos += e;
                        break;
                    }
                    Some(e) => pos += e + 2,
                    None => {
                        pos = text.len();
                        break;
                    }
                }
            }
            continue;
        } else if text[at..end].ends_with("/>") {
            continue;
        } else if depth >= max_depth {
            excess += 1;
            dropped += 1;
            drop_tag = true;
        } else {
            depth += 1;
        }
        if drop_tag {
            let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
            buf.push_str(&text[copied..at]);
            // A space keeps the words of neighbouring blocks apart.
            buf.push(' ');
            copied = end;
        }
    }
    let mut buf = out?;
    buf.push_str(&text[copied..]);
    Some((buf, dropped))
}

#[cfg(test)]
mod tests {
    use crate::load::Format;
    use crate::parse::{ParseNote, parse_text};

    #[test]
    fn keeps_the_article_and_drops_the_page_around_it() {
        let page = r#"<!DOCTYPE html><html><head><title>Site | Story</title>
<style>p { color: red }</style><script>var x = "Secret script words.";</script></head>
<body><nav><a href="/">Home</a> <a href="/w">World &amp; more</a></nav>
<header><div class="logo">Daily Paper</div></header>
<article><h1>Ports Reopen</h1><p class="byline">By A. Writer</p>
<p>First &ldquo;paragraph&rdquo; text.<br>Still first.</p>
<figure><img src="x.png" alt="Photo"><figcaption>A caption that must go.</figcaption></figure>
<div class="share-buttons"><button>Share on X</button></div>
<h2>Reactions</h2><p>Second paragraph <a href="/x">with a link</a>.</p>
<aside class="related"><ul><li>Related story</li></ul></aside></article>
<footer>&copy; 2026 Daily Paper</footer></body></html>"#;
        let a = parse_text(page, Format::Html);
        assert_eq!(a.title.as_deref(), Some("Ports Reopen"));
        let headings: Vec<_> = a.sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(headings, vec![None, Some("Reactions")]);
        assert_eq!(
            a.text,
            "First “paragraph” text. Still first.\n\nReactions\n\nSecond paragraph with a link."
        );
    }

    #[test]
    fn loose_text_between_blocks_is_kept_and_labels_are_not() {
        let page = "<html><body>Kyiv <b>rejected</b> the plan on Monday.<div><p>A paragraph.</p>\
                    <a href=/x>Read more</a> Share</div>Tail words said here too.</body></html>";
        let a = parse_text(page, Format::Html);
        assert_eq!(
            a.text,
            "Kyiv rejected the plan on Monday.\n\nA paragraph.\n\nTail words said here too."
        );
        // A page of bare text, as a .txt file saved with an .html name.
        let bare = parse_text(
            "Moscow rejected the plan.\n\nKyiv welcomed it.",
            Format::Html,
        );
        assert_eq!(bare.text, "Moscow rejected the plan. Kyiv welcomed it.");
    }

    #[test]
    fn the_story_wins_over_a_related_stories_article_before_it() {
        let page = r#"<html><body>
<article class="teaser"><h2>Other story</h2><p><a href="/x">Markets rally on hopes</a></p>
<p>Short teaser text.</p></article>
<div itemprop="articleBody"><h1>Ports Reopen</h1>
<p>Officials in Odesa said on Monday that the ports had reopened after weeks of talks.</p>
<p>Ukraine welcomed the decision, and shipping companies said they would return soon.</p>
<p>Russia rejected the deal, calling it a provocation, the foreign ministry said.</p></div>
</body></html>"#;
        let a = parse_text(page, Format::Html);
        assert_eq!(a.title.as_deref(), Some("Ports Reopen"));
        assert!(a.text.starts_with("Officials in Odesa"), "{}", a.text);
        assert!(!a.text.contains("teaser"), "{}", a.text);
    }

    /// A story of four paragraphs beside a rail of other stories that holds more text than the
    /// story: headlines as links, each with a summary. The class names say nothing, so only
    /// link density and paragraph scoring can tell them apart.
    #[test]
    fn the_story_wins_over_a_sidebar_with_more_text() {
        let teaser = |i: usize| {
            format!(
                "<div class=\"card\"><a href=\"/s{i}\">Headline number {i} about the markets \
                 and the weather today</a><p>Summary {i} of another story with some words \
                 in it to read.</p></div>"
            )
        };
        let rail: String = (0..10).map(teaser).collect();
        let page = format!(
            r#"<html><head><meta property="og:title" content="Ports Reopen | Daily Paper"></head>
<body><div class="wrap"><div class="left"><h1>Ports Reopen</h1><div class="text">
<p>Officials in Odesa said on Monday, after weeks of talks, that the ports had reopened.</p>
<p>Ukraine welcomed the decision, and shipping companies, insurers and crews said they would return.</p>
<p>Russia rejected the deal, calling it a provocation, the foreign ministry said in Moscow.</p>
<p>Turkey, which brokered the talks, said the first ships would sail on Tuesday.</p>
</div></div><div class="right">{rail}</div></div></body></html>"#
        );
        let a = parse_text(&page, Format::Html);
        assert_eq!(a.title.as_deref(), Some("Ports Reopen"));
        assert!(a.text.starts_with("Officials in Odesa"), "{}", a.text);
        assert!(a.text.ends_with("sail on Tuesday."), "{}", a.text);
        assert!(!a.text.contains("Summary"), "{}", a.text);
    }

    /// Paragraphs in several columns under the page's `articleBody` markup (as big news sites
    /// lay out long stories) are all read, and the story's own `<article>` h1 is the title.
    #[test]
    fn every_column_of_an_article_body_is_read() {
        let column = |i: usize| {
            format!(
                "<div class=\"col\"><div><p>Column {i} opens, with a first sentence, on the talks.</p>\
                 <p>Column {i} closes, with a second sentence, on the talks.</p></div></div>"
            )
        };
        let columns: String = (1..=4).map(column).collect();
        let page = format!(
            r#"<html><body><article><header><h1>Talks Stall</h1></header>
<section itemprop="articleBody">{columns}</section>
<ul class="more"><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul>
</article></body></html>"#
        );
        let a = parse_text(&page, Format::Html);
        assert_eq!(a.title.as_deref(), Some("Talks Stall"));
        for i in 1..=4 {
            assert!(a.text.contains(&format!("Column {i} opens")), "{}", a.text);
            assert!(a.text.contains(&format!("Column {i} closes")), "{}", a.text);
        }
        assert!(!a.text.contains("Other story"), "{}", a.text);
    }

    /// A story drawn by script: the page holds only a teaser, its JSON-LD the whole body.
    #[test]
    fn json_ld_article_body_replaces_a_page_that_holds_less() {
        let body = "Officials in Odesa said on Monday that the ports had reopened after weeks of \
                    talks between the parties.\nUkraine welcomed the decision, and shipping \
                    companies said they would return soon, insurers willing.\nRussia rejected the \
                    deal, calling it a provocation, the foreign ministry said in a statement on \
                    its website late on Monday night.";
        let ld = serde_json::json!({
            "@context": "https://schema.org",
            "@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "Ports Reopen",
                        "articleBody": body}]
        });
        let page = |ld: &serde_json::Value| {
            format!(
                r#"<html><head><script type="application/ld+json">{ld}</script></head>
<body><div id="app"><p>Officials in Odesa said on Monday that the ports had reopened.</p></div>
<script>render("</div><p>not text</p>")</script></body></html>"#
            )
        };
        let a = parse_text(&page(&ld), Format::Html);
        assert_eq!(a.title.as_deref(), Some("Ports Reopen"));
        assert_eq!(a.paragraphs.len(), 3, "{}", a.text);
        assert!(a.text.ends_with("late on Monday night."), "{}", a.text);
        // A page that already holds the story keeps its own text.
        let short = serde_json::json!({"articleBody": "Officials in Odesa said so."});
        let b = parse_text(&page(&short), Format::Html);
        assert_eq!(
            b.text,
            "Officials in Odesa said on Monday that the ports had reopened."
        );
    }

    /// A class that says "advert" on a wrapper around the whole page, a story inside a
    /// `<form>` (ASP.NET pages), an unknown element (`<block>`) and loose text between line
    /// breaks: each used to lose the story.
    #[test]
    fn wrappers_forms_unknown_elements_and_loose_text_keep_the_story() {
        let page = r#"<html><body><div class="m-advertisement-off-canvas--pusher">
<form id="aspnetForm"><main><block><p>Officials in Odesa said on Monday, after talks, that the ports had reopened.</p>
<p>Ukraine welcomed the decision, and shipping companies said they would return.</p></block>
<div class="advert">Buy now</div></main></form></div></body></html>"#;
        let a = parse_text(page, Format::Html);
        assert_eq!(
            a.text,
            "Officials in Odesa said on Monday, after talks, that the ports had reopened.\n\n\
             Ukraine welcomed the decision, and shipping companies said they would return."
        );
        let loose = r#"<html><body><nav><a href="/">Home</a></nav><div itemprop="articleBody">
Officials in Odesa said on Monday, after talks, that the ports had reopened.<br><br>
Ukraine welcomed the decision, and shipping companies said they would return.</div>
<div class="rail"><p><a href="/x">Markets rally on hopes of a deal</a></p></div></body></html>"#;
        let b = parse_text(loose, Format::Html);
        assert_eq!(
            b.text,
            "Officials in Odesa said on Monday, after talks, that the ports had reopened. \
             Ukraine welcomed the decision, and shipping companies said they would return."
        );
    }

    #[test]
    fn scripts_styles_and_comments_are_cut_before_parsing() {
        let (text, ld) = super::strip_scripts(
            "<p>A</p><SCRIPT>x = '</div><p>';</script ><style>p{}</style><!-- <p>c</p> -->\
             <script type=\"application/ld+json\">{\"headline\": \"H\"}</script><p>B</p><script>",
        );
        assert_eq!(text, "<p>A</p><p>B</p>");
        assert_eq!(ld, vec!["{\"headline\": \"H\"}".to_owned()]);
        let (plain, none) = super::strip_scripts("<p>No scripts here.</p>");
        assert!(matches!(plain, std::borrow::Cow::Borrowed(_)));
        assert!(none.is_empty());
    }

    #[test]
    fn titles_come_from_the_h1_the_metadata_confirms() {
        use super::choose_title;
        let h1s = ["Daily Paper".to_owned(), "Ports Reopen".to_owned()];
        for (meta, page, want) in [
            (Some("Ports Reopen | Daily Paper"), None, "Ports Reopen"),
            (None, Some("Ports Reopen - Daily Paper"), "Ports Reopen"),
            (
                Some("Harbours open again - Daily Paper"),
                None,
                "Harbours open again",
            ),
            (None, None, "Daily Paper"),
        ] {
            assert_eq!(choose_title(&h1s, meta, page).as_deref(), Some(want));
        }
        assert_eq!(
            choose_title(&[], None, Some("Ports Reopen | Daily Paper")).as_deref(),
            Some("Ports Reopen")
        );
    }

    #[test]
    fn deep_nesting_is_flattened_and_its_text_kept() {
        let nested = |depth: usize| {
            format!(
                "<html><body>{}<p>Moscow rejected the plan.</p>{}<p>Kyiv welcomed it.</p></body></html>",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            )
        };
        // Within the limit: nothing is copied or noted.
        assert!(super::flatten_deep(&nested(100), super::MAX_DEPTH).is_none());
        for depth in [10_000, 100_000] {
            let a = parse_text(&nested(depth), Format::Html);
            assert_eq!(
                a.text, "Moscow rejected the plan.\n\nKyiv welcomed it.",
                "depth {depth}"
            );
            assert!(a.metadata.is_empty());
            let [
                note @ ParseNote::NestedTooDeep {
                    limit: 512,
                    dropped,
                },
            ] = a.notes.as_slice()
            else {
                panic!("one note says what was done: {:?}", a.notes);
            };
            assert!(*dropped > depth - 600, "{dropped} of {depth}");
            assert!(note.to_string().contains("more than 512 levels"), "{note}");
        }
    }

    #[test]
    fn depth_counting_skips_scripts_comments_and_unclosed_tags() {
        // 600 unclosed paragraphs and links, and tags inside scripts and comments, are no depth.
        let page = format!(
            "<body>{}<script>var s = '{}';</script><!-- {} --><div><p>Text.</div></body>",
            "<p><a href=x>link".repeat(600),
            "<div>".repeat(600),
            "<div>".repeat(600)
        );
        assert!(super::flatten_deep(&page, super::MAX_DEPTH).is_none());
        let (flat, dropped) =
            super::flatten_deep(&"<div>".repeat(600), super::MAX_DEPTH).expect("too deep");
        assert_eq!(dropped, 600 - super::MAX_DEPTH);
        assert_eq!(flat.matches("<div>").count(), super::MAX_DEPTH);
    }
}
