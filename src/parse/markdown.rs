//! Markdown: headings become sections, YAML front matter becomes metadata (never body text),
//! paragraphs and list items become paragraphs. Code blocks, images and raw HTML are left out.

use super::{Block, Document};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

pub(super) fn read(text: &str) -> Document<'static> {
    let mut doc = Document::default();
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    let mut buf = String::new();
    let mut in_meta = false;
    let mut meta = String::new();
    let mut skip_depth = 0u32;
    let mut in_text_block = false;
    let mut heading_level = None;
    let mut first_block = true;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_meta = false;
                // Each block once: the parser reports every `---` pair, not only the first,
                // and reading all the earlier ones again at each made repeats quadratic.
                read_front_matter(&std::mem::take(&mut meta), &mut doc);
            }
            Event::Text(t) if in_meta => meta.push_str(&t),
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::Table(_)) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::Table) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            _ if skip_depth > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut buf, &mut doc);
                heading_level = Some(level);
                in_text_block = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                let level = heading_level.take().unwrap_or(HeadingLevel::H2);
                let text = std::mem::take(&mut buf);
                let text = text.trim();
                if level == HeadingLevel::H1 && first_block && doc.title.is_none() {
                    doc.title = Some(text.to_owned());
                } else if !text.is_empty() {
                    doc.blocks.push(Block::Heading {
                        level: level as u8,
                        text: Cow::Owned(text.to_owned()),
                    });
                }
                first_block = false;
                in_text_block = false;
            }
            Event::Start(Tag::Paragraph | Tag::Item) => {
                flush(&mut buf, &mut doc);
                in_text_block = true;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                flush(&mut buf, &mut doc);
                first_block = false;
                in_text_block = false;
            }
            Event::Text(t) | Event::Code(t) if in_text_block || heading_level.is_some() => {
                buf.push_str(&t);
            }
            Event::Text(t) => {
                // Text outside any block (rare): keep it as its own paragraph.
                buf.push_str(&t);
                flush(&mut buf, &mut doc);
            }
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, &mut doc);
    doc
}

fn flush(buf: &mut String, doc: &mut Document<'static>) {
    let text = without_shortcodes(buf);
    let text = text.trim();
    if !text.is_empty() {
        doc.blocks
            .push(Block::Paragraph(Cow::Owned(text.to_owned())));
    }
    buf.clear();
}

/// The text without the Hugo shortcodes in it (`{{< video src="…" >}}`, `{{% note %}}`):
/// markup for a site's templates, not words of the article. What a paired shortcode encloses
/// stays. An opening without its close is text.
fn without_shortcodes(text: &str) -> Cow<'_, str> {
    if !text.contains("{{<") && !text.contains("{{%") {
        return Cow::Borrowed(text);
    }
    let mut kept = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        let close = match rest[at + 2..].chars().next() {
            Some('<') => ">}}",
            Some('%') => "%}}",
            _ => {
                kept.push_str(&rest[..at + 2]);
                rest = &rest[at + 2..];
                continue;
            }
        };
        let Some(len) = rest[at + 3..].find(close) else {
            break;
        };
        kept.push_str(&rest[..at]);
        rest = &rest[at + 3 + len + close.len()..];
    }
    kept.push_str(rest);
    Cow::Owned(kept)
}

/// Reads `key: value` lines of YAML front matter; nested YAML is not needed for articles.
fn read_front_matter(meta: &str, doc: &mut Document<'static>) {
    for line in meta.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if key.is_empty() || value.is_empty() || key.starts_with(['-', ' ', '#']) {
            continue;
        }
        match key.as_str() {
            "title" => doc.title = Some(value.to_owned()),
            "date" | "published" => doc.date = Some(value.to_owned()),
            _ => {
                doc.metadata.insert(key, value.to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::Format;
    use crate::parse::parse_text;

    #[test]
    fn front_matter_is_metadata_and_headings_are_sections() {
        let text = "---\ntitle: \"Port Deal\"\ndate: 2026-01-02\nauthor: Ann\n---\n\nIntro text here.\n\n## First part\n\nBody *one*. Body two.\n\n- item one\n- item two\n\n```\ncode = 1\n```\n\n## Second part\n\nLast.\n";
        let a = parse_text(text, Format::Markdown);
        assert_eq!(a.title.as_deref(), Some("Port Deal"));
        assert_eq!(a.date.as_deref(), Some("2026-01-02"));
        assert_eq!(a.metadata.get("author").map(String::as_str), Some("Ann"));
        let headings: Vec<_> = a.sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(
            headings,
            vec![None, Some("First part"), Some("Second part")]
        );
        assert!(
            !a.text.contains("title:"),
            "front matter leaked: {}",
            a.text
        );
        assert!(!a.text.contains("code = 1"));
        assert!(a.text.contains("Body one. Body two."));
        assert_eq!(a.paragraphs.len(), 5);
        assert_eq!(a.sentences.len(), 6);
    }

    #[test]
    fn hugo_shortcodes_are_left_out_and_what_they_enclose_stays() {
        let text = "---\ndate: unknown\n---\n\nThe minister spoke.\n\n{{< video src=\"talk.mp4\" >}}\n\n{{% note %}}Kyiv rejected the plan.{{% /note %}}\n\nA {{ brace }} stays {{< and so does this.\n";
        let a = parse_text(text, Format::Markdown);
        let paragraphs: Vec<&str> = a
            .paragraphs
            .iter()
            .map(|p| &a.text[p.span.range()])
            .collect();
        assert_eq!(
            paragraphs,
            [
                "The minister spoke.",
                "Kyiv rejected the plan.",
                "A {{ brace }} stays {{< and so does this."
            ]
        );
        // "unknown" is no date.
        assert_eq!(a.date, None);
        let dated = parse_text("---\ndate: 3 March 2026\n---\n\nText.\n", Format::Markdown);
        assert_eq!(dated.date.as_deref(), Some("3 March 2026"));
    }

    #[test]
    fn a_leading_h1_is_the_title() {
        let a = parse_text("# The Title\n\nText.\n\n# Later\n\nMore.", Format::Markdown);
        assert_eq!(a.title.as_deref(), Some("The Title"));
        assert_eq!(a.sections[1].heading.as_deref(), Some("Later"));
    }
}
