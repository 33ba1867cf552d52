//! HTML pages saved from a browser: keep the title, headings and article paragraphs; drop
//! scripts, styles, navigation, headers and footers, share buttons, captions, related links.
//!
//! The reader looks for the article container (`<article>`, `<main>`, `[role=main]`, else
//! `<body>`) and walks it, skipping any element that is boilerplate by tag or by a class or id
//! that says so ("share-buttons", "related", "newsletter", ...).

use super::{Block, Document};
use scraper::{ElementRef, Html, Node, Selector};
use std::borrow::Cow;

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
    "form",
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
    "table",
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
    "author-bio",
    "paywall",
    "sponsor",
];

/// Deeper nesting than this is flattened before the page is parsed. Real pages stay well below a
/// hundred levels; thousands come only from damaged or hostile files, and the HTML tree builder
/// spends time growing with the square of the depth on them.
const MAX_DEPTH: usize = 512;

pub(super) fn read(text: &str) -> Document<'static> {
    let flattened = flatten_deep(text, MAX_DEPTH);
    let html = Html::parse_document(flattened.as_ref().map_or(text, |(t, _)| t.as_str()));
    let mut doc = Document::default();
    if let Some((_, dropped)) = &flattened {
        doc.metadata.insert(
            "note".to_owned(),
            format!(
                "The page nests its elements more than {MAX_DEPTH} levels deep; {dropped} deeper \
                 tags were left out and their text kept."
            ),
        );
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
        .map(|t| collect_text(t))
        .filter(|t| !t.is_empty());
    let root = main_text_root(&html);
    let h1 = root
        .and_then(|r| select("h1").and_then(|s| r.select(&s).next()))
        .map(collect_text)
        .filter(|t| !t.is_empty());
    doc.title = h1.clone().or_else(|| meta("og:title")).or(page_title);
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
    if let Some(root) = root {
        let mut title_skipped = false;
        walk(root, &mut doc, h1.as_deref(), &mut title_skipped);
    }
    doc
}

/// The element that holds the article: of the page's own article markup (`<article>`, `<main>`,
/// `role=main`, schema.org `articleBody`), the one with the most paragraph text outside links
/// and boilerplate, so that a related-stories `<article>` before the story does not win; the
/// body when no such element holds at least a third of the page's paragraph text.
///
/// One walk over the tree: the paragraph text read so far is a running count, so an element's
/// share is the count when it closes less the count when it opened.
fn main_text_root(html: &Html) -> Option<ElementRef<'_>> {
    use ego_tree::iter::Edge;
    #[derive(Clone, Copy, Default)]
    struct Inherited {
        noise: bool,
        link: bool,
        paragraph: bool,
    }
    let mut stack: Vec<(Inherited, usize)> = Vec::new();
    let mut count = 0usize;
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut body: Option<(usize, ElementRef<'_>)> = None;
    for edge in html.root_element().traverse() {
        match edge {
            Edge::Open(node) => {
                let parent = stack.last().map(|(i, _)| *i).unwrap_or_default();
                if let Some(el) = ElementRef::wrap(node) {
                    let name = el.value().name();
                    let here = Inherited {
                        noise: parent.noise || is_noise(&el),
                        link: parent.link || name == "a",
                        paragraph: parent.paragraph || matches!(name, "p" | "li" | "blockquote"),
                    };
                    stack.push((here, count));
                } else if let Node::Text(t) = node.value()
                    && parent.paragraph
                    && !parent.noise
                    && !parent.link
                {
                    count += t.trim().len();
                }
            }
            Edge::Close(node) => {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                let Some((inherited, opened)) = stack.pop() else {
                    continue;
                };
                let score = count - opened;
                let v = el.value();
                let candidate = matches!(v.name(), "article" | "main")
                    || v.attr("role") == Some("main")
                    || v.attr("itemprop") == Some("articleBody");
                if candidate && !inherited.noise && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, el));
                }
                if v.name() == "body" {
                    body = Some((score, el));
                }
            }
        }
    }
    let page = body.map_or(0, |(s, _)| s);
    match best {
        Some((score, el)) if score > 0 && score * 3 >= page => Some(el),
        _ => body.map(|(_, el)| el).or(best.map(|(_, el)| el)),
    }
}

fn is_noise(el: &ElementRef<'_>) -> bool {
    let v = el.value();
    if DROP_TAGS.contains(&v.name()) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks = v.classes().chain(v.id());
    marks
        .map(str::to_ascii_lowercase)
        .any(|m| NOISE_WORDS.iter().any(|w| m.contains(w)))
}

/// Walks the article container in document order, turning headings and paragraphs into blocks.
/// A loop over an explicit stack, not recursion: saved pages can nest elements thousands of
/// levels deep, and a recursive walk would overflow the thread's stack.
fn walk(
    root: ElementRef<'_>,
    doc: &mut Document<'static>,
    title: Option<&str>,
    skipped: &mut bool,
) {
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
        if is_noise(&child_el) {
            continue;
        }
        let name = child_el.value().name();
        if INLINE_TEXT.contains(&name) {
            loose.push(' ');
            gather(child_el, loose);
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
                let text = collect_text(child_el);
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
            "p" | "li" | "dd" | "pre" => push_paragraph(child_el, doc),
            "blockquote" | "div" | "section" | "ul" | "ol" | "dl" | "main" | "article" | "span"
            | "center" | "font" => {
                if has_block_children(child_el) {
                    stack.push((child_el.children(), String::new()));
                } else {
                    push_paragraph(child_el, doc);
                }
            }
            _ => {}
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

fn has_block_children(el: ElementRef<'_>) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|c| {
        matches!(
            c.value().name(),
            "p" | "div"
                | "section"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "ul"
                | "ol"
                | "li"
                | "blockquote"
                | "article"
                | "main"
                | "dl"
        )
    })
}

fn push_paragraph(el: ElementRef<'_>, doc: &mut Document<'static>) {
    let text = collect_text(el);
    if !text.is_empty() {
        doc.blocks.push(Block::Paragraph(Cow::Owned(text)));
    }
}

/// The visible text under an element, boilerplate children left out, blank space folded.
fn collect_text(el: ElementRef<'_>) -> String {
    let mut raw = String::new();
    gather(el, &mut raw);
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
fn gather(root: ElementRef<'_>, out: &mut String) {
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
                if let Some(c) = ElementRef::wrap(child).filter(|c| !is_noise(c)) {
                    stack.push(c.children());
                }
            }
            _ => {}
        }
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
    use crate::parse::parse_text;

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
            let note = a.metadata.get("note").expect("a note says what was done");
            assert!(note.contains("more than 512 levels"), "{note}");
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
