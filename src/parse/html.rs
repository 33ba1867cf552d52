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

pub(super) fn read(text: &str) -> Document<'static> {
    let html = Html::parse_document(text);
    let mut doc = Document::default();
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
    let root = ["article", "main", "[role=main]", "body"]
        .iter()
        .filter_map(|css| select(css))
        .find_map(|s| html.select(&s).next());
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

fn walk(el: ElementRef<'_>, doc: &mut Document<'static>, title: Option<&str>, skipped: &mut bool) {
    for child in el.children() {
        let Some(child_el) = ElementRef::wrap(child) else {
            continue;
        };
        if is_noise(&child_el) {
            continue;
        }
        let name = child_el.value().name();
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
                    walk(child_el, doc, title, skipped);
                } else {
                    push_paragraph(child_el, doc);
                }
            }
            _ => {}
        }
    }
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

fn gather(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push(' '),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child).filter(|c| !is_noise(c)) {
                    gather(c, out);
                }
            }
            _ => {}
        }
    }
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
}
