//! Golden tests: the user's seed article and our own samples in assets/samples produce the
//! sections, actors and stances a reader would expect.

use briefing::analysis::Analyzer;
use briefing::document::Document;
use briefing::load::Format;
use briefing::model::{ActorId, Stance, TopicId};
use std::path::Path;

fn open(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name);
    Document::open(&path, Analyzer::bundled()).unwrap_or_else(|e| panic!("{e}"))
}

fn headings(doc: &Document) -> Vec<&str> {
    doc.article
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect()
}

fn stance(doc: &Document, actor: &str, topic: &str) -> Option<Stance> {
    doc.briefing
        .stance(&ActorId(actor.into()), &TopicId(topic.into()))
        .map(|s| s.stance)
}

fn actor_ids(doc: &Document) -> Vec<&str> {
    doc.briefing
        .actors
        .iter()
        .map(|a| a.id.0.as_str())
        .collect()
}

fn topic_id(doc: &Document, name: &str) -> String {
    doc.briefing
        .topics
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no topic {name:?} in {:?}", doc.briefing.topics))
        .id
        .0
        .clone()
}

#[test]
fn seed_sections_are_the_four_heading_lines() {
    let doc = open("seed-article.txt");
    assert_eq!(doc.article.title, None);
    assert_eq!(
        headings(&doc),
        vec![
            "Movements in Miami and Zelensky’s statements",
            "Between cautious optimism and the reality on the ground",
            "Moscow: Negative signals from the battlefronts",
            "Summary of the diplomatic scene",
        ]
    );
    // Wrapped lines are joined into sentences; no heading is glued into one.
    let first = doc.article.sentence_text(doc.article.sentences[3].id);
    assert_eq!(
        first,
        "In contrast, Ukrainian President Volodymyr Zelensky revealed that Washington had proposed holding the first direct negotiations in six months."
    );
    for s in &doc.article.sentences {
        let text = doc.article.sentence_text(s.id);
        assert!(!text.contains("Summary of the diplomatic scene"), "{text}");
        assert!(!text.contains("Movements in Miami"), "{text}");
    }
    // The dateline is a place, not part of the first sentence.
    let dateline = doc.article.dateline.map(|d| doc.article.slice(d).trim());
    assert_eq!(dateline, Some("Moscow, Russia –"));
    assert!(
        doc.article
            .sentence_text(doc.article.sentences[0].id)
            .starts_with("The Kremlin")
    );
}

#[test]
fn seed_actors_merge_metonyms_and_spellings() {
    let doc = open("seed-article.txt");
    let b = &*doc.briefing;
    let russia = b.actor(&ActorId("russia".into())).expect("russia");
    for alias in ["Moscow", "Kremlin", "Russian presidency"] {
        assert!(
            russia.aliases.iter().any(|a| a == alias),
            "{alias} in {:?}",
            russia.aliases
        );
    }
    let ukraine = b.actor(&ActorId("ukraine".into())).expect("ukraine");
    assert!(ukraine.aliases.iter().any(|a| a == "Kyiv"));
    assert!(ukraine.aliases.iter().any(|a| a == "Ukrainian side"));
    let us = b.actor(&ActorId("united-states".into())).expect("us");
    assert!(us.aliases.iter().any(|a| a == "Washington"));
    assert!(us.aliases.iter().any(|a| a == "American"));

    let zelensky = b
        .actor(&ActorId("person:volodymyr-zelensky".into()))
        .expect("zelensky");
    assert_eq!(zelensky.affiliation, Some(ActorId("ukraine".into())));
    assert!(zelensky.aliases.iter().any(|a| a == "Zelenskyy"));
    assert!(zelensky.aliases.iter().any(|a| a == "Zelensky"));
    assert!(zelensky.mentions >= 4, "{zelensky:?}");
    let ushakov = b
        .actor(&ActorId("person:yuri-ushakov".into()))
        .expect("ushakov");
    assert_eq!(ushakov.affiliation, Some(ActorId("russia".into())));
    // Only one actor for each of them.
    assert_eq!(
        b.actors
            .iter()
            .filter(|a| a.name.contains("Zelensk"))
            .count(),
        1
    );
    // "Moscow, Russia –" is a dateline: Russia's mentions do not include it.
    let named_moscow = doc.article.text.matches("Moscow").count() as u32;
    assert!(russia.mentions < named_moscow + 4, "{russia:?}");
}

#[test]
fn seed_stances_say_who_stands_where_on_the_talks() {
    let doc = open("seed-article.txt");
    let talks = topic_id(&doc, "Direct (trilateral) talks");
    assert_eq!(stance(&doc, "russia", &talks), Some(Stance::Oppose));
    assert_eq!(stance(&doc, "united-states", &talks), Some(Stance::Support));
    // Ukraine and Zelensky doubt the talks or are mixed about them.
    let ukraine_or_zelensky: Vec<Stance> = doc
        .briefing
        .stances
        .iter()
        .filter(|s| s.actor.0 == "ukraine" || s.actor.0 == "person:volodymyr-zelensky")
        .map(|s| s.stance)
        .collect();
    assert!(
        ukraine_or_zelensky
            .iter()
            .any(|s| matches!(s, Stance::Mixed | Stance::LeanOppose | Stance::Oppose)),
        "{ukraine_or_zelensky:?}"
    );
    let miami = topic_id(&doc, "Miami talks");
    assert_eq!(
        stance(&doc, "person:volodymyr-zelensky", &miami),
        Some(Stance::Mixed)
    );
    assert!(
        doc.briefing
            .topics
            .iter()
            .any(|t| t.id.0 == "ending-the-war")
    );

    // Evidence: Russia's opposition rests on "denied" in the first sentence.
    let russia = doc
        .briefing
        .stance(&ActorId("russia".into()), &TopicId(talks.clone()))
        .expect("russia on talks");
    let first = &russia.evidence[0];
    assert_eq!(first.sentence, doc.article.sentences[0].id);
    assert_eq!(first.cues, vec!["denied"]);
    // The holder is who holds it: "Zelensky revealed that Washington had proposed" is the US.
    let us = doc
        .briefing
        .stance(&ActorId("united-states".into()), &TopicId(talks))
        .expect("us on talks");
    assert!(us.evidence.iter().any(|e| e.cues == ["proposed"]));
    // Negation: "not confident" is doubt.
    let z = doc
        .briefing
        .stance(
            &ActorId("person:volodymyr-zelensky".into()),
            &TopicId(miami),
        )
        .expect("zelensky on miami");
    assert!(
        z.evidence.iter().any(|e| e.cues == ["not confident"]),
        "{z:?}"
    );
}

#[test]
fn plain_text_without_headings() {
    let doc = open("fisheries-quota.txt");
    assert_eq!(doc.source.format, Format::Text);
    assert_eq!(
        doc.article.title.as_deref(),
        Some("Norway Walks Away From Mackerel Quota Deal")
    );
    assert!(headings(&doc).is_empty());
    assert_eq!(doc.article.paragraphs.len(), 7);
    let deal = topic_id(&doc, "Mackerel quota deal");
    assert_eq!(stance(&doc, "norway", &deal), Some(Stance::Oppose));
    assert_eq!(
        stance(&doc, "person:ingrid-dahl", &deal),
        Some(Stance::Oppose)
    );
    assert_eq!(stance(&doc, "european-union", &deal), Some(Stance::Support));
    assert_eq!(
        stance(&doc, "united-kingdom", &deal),
        Some(Stance::LeanOppose)
    );
    let dahl = doc
        .briefing
        .actor(&ActorId("person:ingrid-dahl".into()))
        .expect("dahl");
    assert_eq!(dahl.affiliation, Some(ActorId("norway".into())));
}

#[test]
fn markdown_with_front_matter() {
    let doc = open("grain-corridor.md");
    assert_eq!(doc.source.format, Format::Markdown);
    assert_eq!(
        doc.article.title.as_deref(),
        Some("Ankara Moves to Revive the Black Sea Grain Corridor")
    );
    assert_eq!(doc.article.date.as_deref(), Some("2026-03-14"));
    assert_eq!(
        headings(&doc),
        vec![
            "Ankara’s Proposal",
            "Reactions in Moscow and Kyiv",
            "The UN’s Role"
        ]
    );
    assert!(!doc.article.text.contains("author:"));
    let corridor = topic_id(&doc, "Grain corridor agreement");
    let inspections = topic_id(&doc, "Naval inspections");
    assert_eq!(stance(&doc, "turkey", &corridor), Some(Stance::Support));
    assert_eq!(
        stance(&doc, "united-nations", &corridor),
        Some(Stance::Support)
    );
    assert_eq!(stance(&doc, "russia", &corridor), Some(Stance::Oppose));
    assert_eq!(stance(&doc, "ukraine", &corridor), Some(Stance::Support));
    assert_eq!(stance(&doc, "russia", &inspections), Some(Stance::Support));
    assert_eq!(stance(&doc, "ukraine", &inspections), Some(Stance::Oppose));
    assert_eq!(
        stance(&doc, "person:selim-aydın", &corridor),
        Some(Stance::Support)
    );
}

#[test]
fn html_page_saved_from_a_browser() {
    let doc = open("climate-finance.html");
    assert_eq!(doc.source.format, Format::Html);
    assert_eq!(
        doc.article.title.as_deref(),
        Some("Major Economies Split Over New Climate Finance Fund")
    );
    assert_eq!(
        headings(&doc),
        vec![
            "Washington Pledges Early Capital",
            "Beijing Raises Questions",
            "New Delhi Draws a Line on Coal",
            "African Union Pushes for Speed",
        ]
    );
    for junk in [
        "Share on",
        "Related stories",
        "©",
        "figcaption",
        "Photo:",
        "Home",
        "function",
    ] {
        assert!(
            !doc.article.text.contains(junk),
            "{junk:?} leaked into the text"
        );
    }
    let fund = topic_id(&doc, "Climate finance fund");
    let coal = topic_id(&doc, "Coal phase-out");
    assert_eq!(stance(&doc, "united-states", &fund), Some(Stance::Support));
    assert_eq!(stance(&doc, "china", &fund), Some(Stance::LeanOppose));
    assert_eq!(stance(&doc, "african-union", &fund), Some(Stance::Support));
    assert_eq!(stance(&doc, "india", &coal), Some(Stance::Oppose));
    // "European delegations" come after India's cue: they hold nothing.
    assert!(
        doc.briefing
            .stances
            .iter()
            .all(|s| s.actor.0 != "european-union")
    );
}

#[test]
fn russian_text_in_cyrillic() {
    let doc = open("gas-transit-ru.txt");
    assert_eq!(
        doc.article.title.as_deref(),
        Some("Кишинёв добивается сохранения транзита газа через регион")
    );
    assert_eq!(
        headings(&doc),
        vec!["Позиция Кишинёва", "Реакция ЕС и Киева"]
    );
    assert_eq!(
        stance(&doc, "moldova", "gas-transit"),
        Some(Stance::Support)
    );
    assert_eq!(stance(&doc, "russia", "gas-transit"), Some(Stance::Oppose));
    assert_eq!(
        stance(&doc, "european-union", "gas-transit"),
        Some(Stance::Support)
    );
    assert_eq!(
        stance(&doc, "ukraine", "gas-transit"),
        Some(Stance::LeanOppose)
    );
    assert!(actor_ids(&doc).contains(&"moldova"));
}

#[test]
fn every_sentence_span_points_at_its_text() {
    for name in [
        "seed-article.txt",
        "fisheries-quota.txt",
        "grain-corridor.md",
        "climate-finance.html",
        "gas-transit-ru.txt",
    ] {
        let doc = open(name);
        let a = &doc.article;
        for (i, s) in a.sentences.iter().enumerate() {
            assert_eq!(s.id.0 as usize, i, "{name}: ids are positions");
            let raw = a.slice(s.span);
            assert!(!raw.is_empty() && raw.trim() == raw, "{name}: {raw:?}");
        }
        // Analysing twice gives the same result: ids and order are stable.
        let again = Analyzer::bundled().analyze(a);
        assert_eq!(again, *doc.briefing, "{name}");
    }
}
