//! What the actors take positions on.
//!
//! A topic is named three ways: by a lexicon phrase ("trilateral talks" is the direct-talks
//! topic), by a phrase built on a head word ("the Miami talks", "the mackerel quota deal"), or
//! by a bare head word ("the talks", "this initiative") that refers back to the latest topic of
//! the same family. Phrases contained in one another ("quota deal", "mackerel quota deal") are
//! one topic. A bare head in a sentence that names the place of a phrase topic ("talks ... in
//! Miami") is that topic.

use super::matcher::{Hit, automaton, find_in_sentences, words_after, words_before};
use super::{TopicBuild, TopicMention, WordPat, Work};
use crate::model::slug;
use crate::parse::Span;
use std::collections::{BTreeSet, HashMap};

enum Kind {
    Lexicon(u32),
    Phrase(usize),
    /// A head word alone; `in_name` when it is a word of an actor's name ("the House
    /// Oversight and Reform Committee").
    Bare {
        family: u32,
        head: String,
        in_name: bool,
    },
}

struct Raw {
    span: Span,
    sentence: u32,
    kind: Kind,
}

struct Phrase {
    surface: String,
    family: u32,
    /// A single capitalised modifier: the place or name the topic is known by ("Miami").
    proper: Option<String>,
}

/// Every topic phrase in text order, before topics are assigned: lexicon topics, head words
/// with their modifiers ("the Miami talks"), bare heads ("the talks"); and the distinct
/// phrases, by lower-case surface.
fn raw_mentions(
    work: &mut Work<'_>,
    names: &[Hit],
    words: &[Hit],
    actor_spans: &[Span],
) -> (Vec<Raw>, Vec<Phrase>, HashMap<String, usize>) {
    let text = work.text();
    let occupied = |start: usize, own: usize| {
        let in_names = {
            let i = names.partition_point(|h| (h.span.end as usize) <= start);
            names.get(i).is_some_and(|h| h.span.start as usize <= start)
        };
        let in_words = {
            let i = words.partition_point(|h| (h.span.end as usize) <= start);
            // Head words before a head are modifiers ("grain corridor agreement").
            words.get(i).is_some_and(|h| {
                h.span.start as usize <= start
                    && h.span.start as usize != own
                    && !matches!(work.an.word_pats[h.pattern], WordPat::Head(_))
            })
        };
        in_names || in_words
    };

    let mut phrases: Vec<Phrase> = Vec::new();
    let mut phrase_by_key: HashMap<String, usize> = HashMap::new();
    let mut raws = Vec::new();
    for (i, hit) in words.iter().enumerate() {
        match work.an.word_pats[hit.pattern] {
            WordPat::Topic(t) => raws.push(Raw {
                span: hit.span,
                sentence: hit.sentence,
                kind: Kind::Lexicon(t),
            }),
            WordPat::Head(family) => {
                // In "grain corridor agreement" the first head is a modifier of the second.
                if let Some(next) = words.get(i + 1) {
                    // `words` are the matches of one leftmost-longest automaton: they never
                    // overlap and come in text order, so this gap is ordered.
                    debug_assert!(hit.span.end <= next.span.start);
                    let gap = &text[hit.span.end as usize..next.span.start as usize];
                    if matches!(work.an.word_pats[next.pattern], WordPat::Head(_))
                        && gap.chars().all(|c| c == ' ')
                        && !gap.is_empty()
                    {
                        continue;
                    }
                }
                let floor = work.sentence_span(hit.sentence).start as usize;
                let mut start = hit.span.start as usize;
                let mut modifiers = 0;
                for (ws, w) in words_before(text, start, floor).take(3) {
                    if !is_modifier(work, w) || occupied(ws, hit.span.start as usize) {
                        break;
                    }
                    start = ws;
                    modifiers += 1;
                }
                let head = text[hit.span.range()].to_lowercase();
                if modifiers == 0 {
                    let at = hit.span.start as usize;
                    // Spans sorted by start; a name holding `at` starts at or before it.
                    let upto = actor_spans.partition_point(|s| s.start as usize <= at);
                    let in_name = actor_spans[..upto]
                        .iter()
                        .rev()
                        .take(4)
                        .any(|s| s.end as usize > at);
                    raws.push(Raw {
                        span: hit.span,
                        sentence: hit.sentence,
                        kind: Kind::Bare {
                            family,
                            head,
                            in_name,
                        },
                    });
                    continue;
                }
                // `start` is the head's own start or a word start found walking back from it.
                debug_assert!(start <= hit.span.start as usize);
                let surface = crate::parse::fold_space(&text[start..hit.span.end as usize]);
                let key = surface.to_lowercase();
                let idx = *phrase_by_key.entry(key).or_insert_with(|| {
                    let first_word = surface.split(' ').next().unwrap_or("");
                    let proper = (modifiers == 1
                        && first_word.chars().next().is_some_and(char::is_uppercase))
                    .then(|| first_word.to_owned());
                    phrases.push(Phrase {
                        surface: surface.clone().into_owned(),
                        family,
                        proper,
                    });
                    phrases.len() - 1
                });
                raws.push(Raw {
                    span: Span::new(start, hit.span.end as usize),
                    sentence: hit.sentence,
                    kind: Kind::Phrase(idx),
                });
            }
            _ => {}
        }
    }

    (raws, phrases, phrase_by_key)
}

/// For each phrase, the phrase it is one with: phrases contained in longer ones are the same
/// topic (a union-find forest; `find` gives the root).
fn contained_roots(phrases: &[Phrase], phrase_by_key: &HashMap<String, usize>) -> Vec<usize> {
    let mut root: Vec<usize> = (0..phrases.len()).collect();
    for (i, p) in phrases.iter().enumerate() {
        let key = p.surface.to_lowercase();
        let ws: Vec<&str> = key.split(' ').collect();
        for len in 2..ws.len() {
            for s in 0..=ws.len() - len {
                if let Some(&j) = phrase_by_key.get(&ws[s..s + len].join(" ")) {
                    let (a, b) = (find(&mut root, i), find(&mut root, j));
                    root[a.max(b)] = a.min(b);
                }
            }
        }
    }

    root
}

pub(crate) fn mentions(
    work: &mut Work<'_>,
    names: &[Hit],
    words: &[Hit],
    actors: &[super::Mention],
) -> Vec<TopicMention> {
    let text = work.text();
    // Where actors are named, in text order, for a head word inside a name.
    let mut actor_spans: Vec<Span> = names.iter().map(|h| h.span).collect();
    actor_spans.extend(actors.iter().map(|m| m.span));
    actor_spans.sort_unstable_by_key(|s| (s.start, s.end));
    let (raws, phrases, phrase_by_key) = raw_mentions(work, names, words, &actor_spans);
    let mut root = contained_roots(&phrases, &phrase_by_key);

    // Places that name a phrase topic, found anywhere in a sentence.
    let proper: Vec<(String, usize)> = phrases
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.proper.clone().map(|w| (w, i)))
        .collect();
    let proper_hits = if proper.is_empty() {
        Vec::new()
    } else {
        let pats: Vec<String> = proper.iter().map(|(w, _)| w.clone()).collect();
        find_in_sentences(&automaton(&pats, false), work.article)
    };

    let mut out = Vec::with_capacity(raws.len());
    let mut last_of_family: HashMap<u32, usize> = HashMap::new();
    let mut topic_of_root: HashMap<usize, usize> = HashMap::new();
    let mut pi = 0;
    // The first phrase topic of each family, for a bare head that comes before it.
    let mut first_of_family: HashMap<u32, usize> = HashMap::new();
    for raw in &raws {
        if let Kind::Phrase(p) = raw.kind {
            first_of_family.entry(phrases[p].family).or_insert(p);
        }
    }
    let mut title_topics: HashMap<String, usize> = HashMap::new();
    for raw in raws {
        let topic = match raw.kind {
            Kind::Lexicon(t) => lexicon_topic(work, t),
            Kind::Phrase(p) => {
                let r = find(&mut root, p);
                *topic_of_root.entry(r).or_insert_with(|| {
                    new_topic(work, &phrases[r].surface, Some(phrases[r].family), false)
                })
            }
            Kind::Bare {
                family,
                ref head,
                in_name,
            } => {
                while pi < proper_hits.len() && proper_hits[pi].sentence < raw.sentence {
                    pi += 1;
                }
                let by_place = proper_hits[pi..]
                    .iter()
                    .take_while(|h| h.sentence == raw.sentence)
                    .map(|h| proper[h.pattern].1)
                    .find(|&p| phrases[p].family == family);
                if let Some(p) = by_place {
                    let r = find(&mut root, p);
                    *topic_of_root.entry(r).or_insert_with(|| {
                        new_topic(work, &phrases[r].surface, Some(family), false)
                    })
                } else if in_name {
                    // "Reform" read from "the House Oversight and Reform Committee", "Bill"
                    // from "Bill Clinton" name no issue of their own and are no mention of
                    // the article's reform or bill: what they stand for is the article's own
                    // matter.
                    articles_issue(work)
                } else if let Some(&t) = last_of_family.get(&family) {
                    t
                } else if let Some(&p) = first_of_family.get(&family) {
                    // "The bill" before the text says which ("the extradition bill").
                    let r = find(&mut root, p);
                    *topic_of_root.entry(r).or_insert_with(|| {
                        new_topic(work, &phrases[r].surface, Some(family), false)
                    })
                } else if let Some(named) = title_phrase(work, head) {
                    *title_topics
                        .entry(named.to_lowercase())
                        .or_insert_with(|| new_topic(work, &named, Some(family), false))
                } else {
                    // A bare "the bill" that nothing says more of is this article's bill, not
                    // one column with every other article's.
                    generic_topic(work, head, family)
                }
            }
        };
        let t = &mut work.topics[topic];
        t.mentions += 1;
        t.first = t.first.min(raw.sentence);
        let surface = crate::parse::fold_space(&text[raw.span.range()]).into_owned();
        if !matches!(raw.kind, Kind::Bare { .. }) {
            t.phrases.insert(surface);
        }
        if let Some(f) = work.topics[topic].family {
            last_of_family.insert(f, topic);
        }
        out.push(TopicMention {
            span: raw.span,
            sentence: raw.sentence,
            topic,
        });
    }
    out
}

/// The phrase the article's title builds on a head word ("Hong Kong extradition bill" for
/// "bill"): the head with up to three modifiers before it, when it has one.
fn title_phrase(work: &Work<'_>, head: &str) -> Option<String> {
    let title = work.article.title.as_deref()?;
    let words: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    let at = words.iter().position(|w| w.eq_ignore_ascii_case(head))?;
    let start = (at.saturating_sub(3)..at)
        .rev()
        .take_while(|&i| is_modifier(work, words[i]))
        .last()?;
    Some(words[start..=at].join(" "))
}

/// Union-find root with path halving.
fn find(root: &mut [usize], mut i: usize) -> usize {
    while root[i] != i {
        root[i] = root[root[i]];
        i = root[i];
    }
    i
}

/// Verbs that never modify a head word: "would fund" is no kind of fund.
const AUXILIARIES: &[&str] = &[
    "would", "will", "could", "can", "may", "might", "must", "shall", "should", "did", "does",
    "do", "to", "it", "they", "we", "he", "she", "i", "you",
];

/// Words that open or join a clause: never part of a topic's name ("in the Hague if talks
/// fail" names no "Hague if talks").
const CLAUSE_WORDS: &[&str] = &[
    "if", "when", "whether", "because", "unless", "while", "although", "though", "since", "until",
    "once", "where", "how", "why", "but", "so", "nor", "yet", "then", "than", "that", "which",
    "who", "whom", "whose",
];

fn is_modifier(analysis: &Work<'_>, word: &str) -> bool {
    let lower = word.to_lowercase();
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    !analysis.an.ignore_modifiers.contains(&lower)
        // "A Senate bill", "the House resolution": whose, not which one.
        && !matches!(lower.as_str(), "senate" | "house" | "congressional")
        && !AUXILIARIES.contains(&lower.as_str())
        && !CLAUSE_WORDS.contains(&lower.as_str())
        && !word.chars().next().is_some_and(char::is_numeric)
        && !word.ends_with("’s")
        && !word.ends_with("'s")
        && (capital || !(lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly")))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Words that end an open topic phrase: what follows them is no longer the thing held a view on.
const PHRASE_STOPS: &[&str] = &[
    "to", "that", "which", "who", "because", "and", "or", "but", "if", "when", "while", "after",
    "before", "as", "on", "in", "at", "by", "with", "from", "for", "of", "is", "was", "were",
    "are", "be", "been", "has", "have", "had", "would", "will", "could", "should", "said", "says",
    "than", "into", "over", "since", "until", "during", "about", "via", "whether", "how",
];

/// Words that never make a topic alone.
const NOT_TOPICS: &[&str] = &[
    "it",
    "him",
    "her",
    "them",
    "this",
    "that",
    "these",
    "those",
    "himself",
    "herself",
    "us",
    "me",
    "you",
    "itself",
    "themselves",
    "what",
    "there",
    "here",
    "all",
    "one",
    "so",
    "not",
];

/// Words that open no topic: pronouns and quantifiers standing for people or amounts ("me this
/// time", "many women", "another candidate").
const NOT_OPENERS: &[&str] = &[
    "me",
    "him",
    "her",
    "them",
    "us",
    "anybody",
    "anyone",
    "everyone",
    "everybody",
    "somebody",
    "someone",
    "nobody",
    "many",
    "another",
    "some",
    "each",
    "more",
    "much",
    "few",
    "others",
];

/// Words after which a topic phrase is over ("a balance between", "Puerto Rico becoming a").
const PHRASE_ENDS: &[&str] = &[
    "not", "via", "if", "how", "whether", "yet", "ago", "so", "between", "through", "based",
    "this", "these", "those", "a", "an", "the", "now", "then", "also", "even", "just",
];

/// Words of time: a date or a span of time is never a topic ("this week", "years"); weekdays
/// and months are the parser's calendar words.
const TIMES: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "hour",
    "hours",
    "minute",
    "minutes",
    "time",
    "times",
    "today",
    "tomorrow",
    "yesterday",
    "morning",
    "evening",
    "night",
];

/// Words that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "any",
    "your", "my",
];

/// Heads that name people, not an issue ("Republican officials", "criminals").
const PEOPLE: &[&str] = &[
    "official",
    "officials",
    "leader",
    "leaders",
    "member",
    "members",
    "delegate",
    "delegates",
    "colleague",
    "colleagues",
    "child",
    "children",
    "women",
    "men",
    "people",
    "criminals",
    "candidate",
    "candidates",
    "voters",
    "protesters",
    "students",
    "workers",
    "residents",
    "citizens",
    "lawmakers",
    "legislators",
    "supporters",
    "critics",
    "rival",
    "rivals",
    "president",
    "minister",
    "senator",
    "governor",
    "country",
    "countries",
    "states",
    "party",
    "government",
    "governments",
    "administration",
    "regime",
    "americans",
    "aliens",
    "communities",
    "families",
    "taxpayers",
    "consumers",
    "farmers",
    "veterans",
];

/// Endings of words that name a thing, an act or a state ("immigration", "withdrawal"): a
/// one-word topic needs one.
const NOUN_ENDINGS: &[&str] = &[
    "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ism", "ance",
    "ances", "ence", "ences", "ship", "age", "ure", "ures", "cy", "al", "als", "ing", "ings",
    "ery", "ry",
];

/// An open topic: the noun phrase after a cue when no known topic is named ("rejected the
/// resignation", "supported a ban on face veils"). Phrases with the same last word are one
/// topic. No phrase is a topic when it names an actor (in `actors`, the sentence's actor
/// mentions, or by a name the article gives an actor), names people ("Republican officials"),
/// or is one word that names no thing or act ("run", "days"), or a bare head of a topic
/// family ("the bill"), which refers to a topic named elsewhere.
///
/// With `strict` false (nothing better names the stance's topic: no topic in the sentence
/// or the sentences before), only the words that never make a topic are refused: "endorsed
/// Joe Biden for president" is then a stance on his candidacy. An actor itself never is one.
pub(crate) fn open_topic(
    work: &mut Work<'_>,
    after: usize,
    here: &super::Here<'_>,
    strict: bool,
) -> Option<(usize, bool)> {
    open_topic_from(work, after, here, strict, 0, None)
}

/// Whether the word ending at `at` is a verb that takes an addressee ("urged", "asked").
fn asks_someone(work: &Work<'_>, at: usize) -> bool {
    work.text()[..at]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| work.an.lists.addressee_verbs.contains(&w.to_lowercase()))
}

/// How many owners in a row an open topic looks past ("the EU's members' vote").
const MAX_OWNERS: u8 = 3;

fn open_topic_from(
    work: &mut Work<'_>,
    after: usize,
    here: &super::Here<'_>,
    strict: bool,
    owners: u8,
    owner: Option<usize>,
) -> Option<(usize, bool)> {
    let text = work.text();
    let sentence = here.span;
    let actors = here.resolved;
    let mut phrase: Vec<&str> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    // Whether a determiner opens the phrase ("a budget"): what follows is a noun.
    let mut determined = false;
    // Whether it is definite ("the motion"): it may refer to an issue named before.
    let mut definite = false;
    for (i, (start, w)) in words_after(text, after, sentence.end as usize)
        .take(8)
        .enumerate()
    {
        let lower = w.to_lowercase();
        // A noun cue's object follows a preposition: "support for Biden", "opposition to".
        if i == 0
            && matches!(
                lower.as_str(),
                "for" | "of" | "to" | "against" | "on" | "about"
            )
        {
            continue;
        }
        if phrase.is_empty()
            && work.an.ignore_modifiers.contains(&lower)
            && !PHRASE_STOPS.contains(&lower.as_str())
        {
            determined |= DETERMINERS.contains(&lower.as_str());
            definite |= matches!(lower.as_str(), "the" | "this" | "that" | "these" | "those");
            continue;
        }
        match at_actor(text, sentence, actors, start, &phrase, strict) {
            AtActor::Word => {}
            AtActor::Owner(end, whose) if owners < MAX_OWNERS => {
                return open_topic_from(work, end, here, strict, owners + 1, whose.or(owner));
            }
            AtActor::Owner(..) | AtActor::Refused => return None,
            AtActor::End => break,
            // A country or a body is no topic ("sanctioned Iran"): the stance is on what the
            // text speaks of, if anything.
            AtActor::Itself(actor)
                if work.actors[actor].kind != crate::model::ActorKind::Person =>
            {
                return None;
            }
            // A person is no topic either; but backing or fighting someone for an office is a
            // stance on their candidacy ("endorsed Joe Biden for president").
            AtActor::Itself(actor) => {
                return is_about_office(text, sentence)
                    .then(|| (candidacy_topic(work, actor), false));
            }
        }
        if phrase.is_empty() && NOT_OPENERS.contains(&lower.as_str()) {
            if before_kind_of(work, sentence, start + w.len()) {
                continue;
            }
            if strict {
                return None;
            }
        }
        // "Some form of impeachment": a noun of kind or quantity gives way to what follows
        // "of".
        if lower == "of"
            && let [word] = phrase.as_slice()
            && work.an.lists.kind_nouns.contains(&word.to_lowercase())
            && word.starts_with(char::is_lowercase)
        {
            phrase.clear();
            starts.clear();
            (determined, definite) = (false, false);
            continue;
        }
        // "Urged both sides to take the dispute to the WTO": who is asked is no issue; what
        // they are asked to do may name one.
        if lower == "to" && !phrase.is_empty() && owners == 0 && asks_someone(work, after) {
            return open_topic_from(work, start + w.len(), here, strict, owners + 1, None);
        }
        let participle = !phrase.is_empty() && (lower.ends_with("ing") || lower.ends_with("ed"));
        if PHRASE_STOPS.contains(&lower.as_str())
            || phrase.len() == 4
            || strict && (PHRASE_ENDS.contains(&lower.as_str()) || participle)
        {
            break;
        }
        phrase.push(w);
        starts.push(start);
    }
    let noun = end_on_noun(text, sentence, &mut phrase, &starts);
    // A loose phrase with no noun ("pull out", "repatriate") names no issue: the stance
    // takes the topic the text speaks of. But "willing to talk" is on the talks where the
    // text around names them.
    if !noun && !strict && !named_as_noun(text, sentence, &phrase) {
        return None;
    }
    // One word that the tagger reads as no noun is no issue, whatever its ending: "support to
    // Federal, state, and local law enforcement", "committed to ensure", "critical".
    if !noun
        && let [word] = phrase.as_slice()
        && (strict || word.starts_with(char::is_uppercase))
    {
        return None;
    }
    let head = phrase.last()?.to_lowercase();
    if refused(work, &phrase, &head, strict, determined)
        || !determined && gerund(text, sentence, &phrase, &starts)
    {
        return None;
    }
    // One word in lower case that does not say which one it is.
    let lone = is_bare(text, sentence, &phrase, &starts);
    // Whose it is says which one: "support for Israel's security" is not Japan's.
    if let (true, true, Some(whose)) = (lone, noun, owner) {
        return Some((owned_topic(work, whose, phrase[0]), false));
    }
    // Definite ("the motion", "the demarcation"): a bare head, which may refer to an issue
    // named before.
    let bare = definite && lone;
    Some((open_topic_id(work, &phrase, &head, lone, determined), bare))
}

/// The topic of an open phrase ending on `head`: the one already made for that head, else a
/// new one. `lone`: one lower-case word that does not say which one it is; `determined`: a
/// determiner before it.
fn open_topic_id(
    work: &mut Work<'_>,
    phrase: &[&str],
    head: &str,
    lone: bool,
    determined: bool,
) -> usize {
    let key = format!("open:{head}");
    if let Some(&t) = work.topic_by_key.get(&key) {
        return t;
    }
    // "The attack", "a lawsuit": one of a kind, this article's; the attack of another
    // article is another column. So is a word that only frames an issue ("proceeding").
    // "An Executive Order": a kind of document, one of many; which one is this article's.
    let document = DOCUMENTS.contains(&phrase.join(" ").to_lowercase().as_str());
    let instance = lone && (determined || super::corpus::is_frame(phrase[0]));
    let t = if document || instance {
        scoped_topic(work, &phrase.join(" "), None)
    } else {
        new_topic(work, &phrase.join(" "), None, false)
    };
    work.topic_by_key.insert(key, t);
    t
}

/// The topic of a word an actor owns, named with its owner ("Israel's security").
fn owned_topic(work: &mut Work<'_>, owner: usize, thing: &str) -> usize {
    let who = &work.actors[owner].name;
    let name = if who.ends_with('s') {
        format!("{who}' {thing}")
    } else {
        format!("{who}'s {thing}")
    };
    let key = format!("open:{}", name.to_lowercase());
    if let Some(&t) = work.topic_by_key.get(&key) {
        return t;
    }
    let t = new_topic(work, &name, None, false);
    work.topic_by_key.insert(key, t);
    t
}

/// Kinds of document a government issues: a column of its own only with the article that
/// names one.
const DOCUMENTS: &[&str] = &[
    "executive order",
    "executive orders",
    "presidential memorandum",
    "proclamation",
    "memorandum",
];

/// Whether a noun of kind and "of" follow `at`: "some form of impeachment" is on impeachment,
/// where "some" alone would name people.
fn before_kind_of(work: &Work<'_>, sentence: Span, at: usize) -> bool {
    let mut next = words_after(work.text(), at, sentence.end as usize);
    next.next()
        .is_some_and(|(_, n)| work.an.lists.kind_nouns.contains(&n.to_lowercase()))
        && next
            .next()
            .is_some_and(|(_, n)| n.eq_ignore_ascii_case("of"))
}

/// Whether an open topic's phrase, ending on `head`, makes no topic.
fn refused(work: &Work<'_>, phrase: &[&str], head: &str, strict: bool, determined: bool) -> bool {
    if phrase.len() == 1 && NOT_TOPICS.contains(&head) {
        return true;
    }
    // "doubts about the possibility of …": a light noun names no issue of its own; the topic
    // is then the one the sentence or the text is about.
    if work.an.lists.light_nouns.contains(head)
        || TIMES.contains(&head)
        || crate::parse::is_calendar_word(head)
        || !head.chars().any(char::is_alphabetic)
        // "U.S. goods" read to its first full stop: a capital letter alone is no topic.
        || phrase
            .last()
            .is_some_and(|w| w.chars().count() == 1 && w.chars().all(char::is_uppercase))
    {
        return true;
    }
    if (strict || phrase.len() == 1) && PEOPLE.contains(&head) {
        return true;
    }
    if phrase.len() == 1 && work.an.family_heads.contains(head) {
        return true;
    }
    if strict && phrase.len() == 1 {
        // A capitalised word that is no actor may name an issue ("Brexit").
        let proper = phrase[0].chars().next().is_some_and(char::is_uppercase);
        let thing = proper
            || determined
            || NOUN_ENDINGS
                .iter()
                .any(|e| head.ends_with(e) && head.len() > e.len() + 2);
        if work.actor_by_name.contains_key(head) || !thing {
            return true;
        }
    }
    false
}

/// Ends an open topic phrase on its last noun, as the tagger reads the sentence: "bold
/// solutions we" is "bold solutions", "motion almost" is "motion"; a name with a verb after
/// it ("Puerto Rico becoming a") keeps its words. A phrase with no noun at all ("repatriate",
/// "exclude anyone") still says what the stance is about, better than the sentences before
/// do: only the small words at its end go ("pull out" is "pull", "it outright" is "it",
/// which is no topic).
fn end_on_noun(text: &str, sentence: Span, phrase: &mut Vec<&str>, starts: &[usize]) -> bool {
    use super::grammar::Pos;
    let Some(tagger) = super::grammar::tagger::bundled() else {
        return true;
    };
    let (Some(&first), Some(last)) = (starts.first(), phrase.last()) else {
        return true;
    };
    // The tagger reads a few words either side of the phrase, not the whole sentence: it
    // looks two words back and one ahead.
    let last_end = starts[starts.len() - 1] + last.len();
    let from = words_before(text, first, sentence.start as usize)
        .take(3)
        .last()
        .map_or(first, |(at, _)| at);
    let to = words_after(text, last_end, sentence.end as usize)
        .take(2)
        .last()
        .map_or(last_end, |(at, w)| at + w.len());
    let tags = tagger.tags_at(text, Span::new(from, to), starts);
    // A word the tagger does not split the same way counts as a noun: it is kept.
    let noun = |t: &Option<Pos>| matches!(t, Some(Pos::Noun | Pos::Propn | Pos::Num) | None);
    let small = |t: &Option<Pos>| {
        matches!(
            t,
            Some(Pos::Adv | Pos::Part | Pos::Adp | Pos::Det | Pos::Aux | Pos::Cconj | Pos::Sconj)
        )
    };
    let last_noun = tags.iter().rposition(noun);
    let keep = match last_noun {
        // "Puerto Rico becoming a (state)", "President Donald Trump finding": a name followed
        // by a verb is a clause about the name, not an issue named after it; cut to the name,
        // it would join the name's other stances in one column.
        Some(last)
            if tags[..=last].iter().all(|t| matches!(t, Some(Pos::Propn)))
                && tags[last + 1..]
                    .iter()
                    .any(|t| matches!(t, Some(Pos::Verb))) =>
        {
            phrase.len()
        }
        Some(last) => last + 1,
        None => tags
            .iter()
            .rposition(|t| !small(t))
            .map_or(1, |last| last + 1),
    };
    phrase.truncate(keep.max(1));
    last_noun.is_some()
}

/// What an open topic's word inside an actor's name makes of the phrase.
enum AtActor {
    /// The word goes into the phrase: it is in no actor's name, or the name is part of the
    /// phrase ("the Iraq War").
    Word,
    /// The actor owns what follows ("the House's decision"): the phrase starts there.
    Owner(usize, Option<usize>),
    /// No topic.
    Refused,
    /// The phrase ends before the name.
    End,
    /// The phrase is the actor's name and nothing more.
    Itself(usize),
}

/// An actor is never a topic when something better may name the stance (`strict`), nor part
/// of one's name. What an actor owns may be one: "criticized the House's decision" is on the
/// decision.
fn at_actor(
    text: &str,
    sentence: Span,
    actors: &[super::Mention],
    start: usize,
    phrase: &[&str],
    strict: bool,
) -> AtActor {
    let Some(a) = actors
        .iter()
        .find(|a| (a.span.start as usize) <= start && start < a.span.end as usize)
    else {
        return AtActor::Word;
    };
    let end = a.span.end as usize;
    let owner = ["'s", "’s", "'", "’"]
        .iter()
        .find(|p| text[end..].starts_with(**p))
        .filter(|p| text[end + p.len()..].starts_with(' '));
    if let (true, Some(p)) = (phrase.is_empty(), owner) {
        return AtActor::Owner(end + p.len(), a.actor);
    }
    // Only a title before the name ("Manhattan District Attorney Cyrus Vance")?
    let titles = phrase
        .iter()
        .all(|w| w.starts_with(char::is_uppercase) || w.eq_ignore_ascii_case("former"));
    if strict {
        return if titles {
            AtActor::Refused
        } else {
            AtActor::End
        };
    }
    // Nothing better names the stance ("endorsed former Vice President Joe Biden"): the
    // phrase is the actor, title and all (its candidacy may be the topic).
    // But a name that goes on ("the Iraq War", "Iranian airline Mahan Air", "Republican
    // officials", "Puerto Rico becoming a state") is part of a phrase about something else.
    let whole = match words_after(text, end, sentence.end as usize).next() {
        None => true,
        Some((at, w)) => {
            let w = w.to_lowercase();
            !text[end..at].trim().is_empty()
                || PHRASE_STOPS.contains(&w.as_str())
                || PHRASE_ENDS.contains(&w.as_str())
        }
    };
    match a.actor {
        Some(actor) if titles && whole => AtActor::Itself(actor),
        _ => AtActor::Word,
    }
}

/// Whether a definite phrase is a bare head: one word in lower case ("the motion", "the
/// demarcation") that does not say which one it is ("the change of tone" does).
fn is_bare(text: &str, sentence: Span, phrase: &[&str], starts: &[usize]) -> bool {
    let ([word], Some(at)) = (phrase, starts.first()) else {
        return false;
    };
    word.starts_with(char::is_lowercase)
        && !words_after(text, at + word.len(), sentence.end as usize)
            .next()
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
}

/// Whether a phrase is a verb's -ing form alone, its object or manner after it: "committed to
/// working closely with", "commit to strengthening the partnership". The verb names no issue;
/// "opposed the bombing" does (a determiner before it: not asked here).
fn gerund(text: &str, sentence: Span, phrase: &[&str], starts: &[usize]) -> bool {
    // The phrase may have been cut to its first word; its other starts stay.
    let ([word], Some(at)) = (phrase, starts.first()) else {
        return false;
    };
    word.starts_with(char::is_lowercase)
        && word.ends_with("ing")
        && words_after(text, at + word.len(), sentence.end as usize)
            .next()
            .is_some_and(|(_, w)| {
                DETERMINERS.contains(&w)
                    || matches!(w, "together" | "closely" | "with" | "to" | "on" | "toward")
            })
}

/// How far around a sentence a verb is looked for as a noun, in bytes.
const NOUN_REACH: usize = 4000;

/// Whether a one-word phrase is used as a noun near `sentence`: "the talks", "of talk".
fn named_as_noun(text: &str, sentence: Span, phrase: &[&str]) -> bool {
    let [word] = phrase else {
        return false;
    };
    let word = word.to_lowercase();
    let from = text.floor_char_boundary((sentence.start as usize).saturating_sub(NOUN_REACH));
    let to = text.ceil_char_boundary((sentence.end as usize + NOUN_REACH).min(text.len()));
    let around = &text[from..to];
    ["the ", "of "].iter().any(|before| {
        around
            .match_indices(&format!("{before}{word}"))
            .any(|(at, m)| {
                let after = around[at + m.len()..].chars().next();
                // "the talk", "of talks", not "the talking".
                after.is_none_or(|c| c == 's' || !c.is_alphanumeric())
                    && around[at + m.len()..]
                        .chars()
                        .nth(usize::from(after == Some('s')))
                        .is_none_or(|c| !c.is_alphanumeric())
            })
    })
}

/// The topic of a person's candidacy for an office, named after them: "Joe Biden's candidacy".
fn candidacy_topic(work: &mut Work<'_>, actor: usize) -> usize {
    let key = format!("candidacy:{}", work.actors[actor].id);
    if let Some(&i) = work.topic_by_key.get(&key) {
        return i;
    }
    let name = format!("{}'s candidacy", work.actors[actor].name);
    let i = new_topic(work, &name, None, false);
    work.topic_by_key.insert(key, i);
    i
}

/// Words that put a sentence about a person in a race for an office; a title ("President
/// Bashar al-Assad") does not.
const RACE_WORDS: &[&str] = &[
    "nomination",
    "nominee",
    "candidate",
    "candidacy",
    "election",
    "elections",
    "campaign",
    "primary",
    "primaries",
    "ticket",
    "presidential",
    "reelection",
    "re-election",
];

/// Whether a sentence speaks of a race for an office ("endorsed Biden for president").
fn is_about_office(text: &str, sentence: Span) -> bool {
    let words: Vec<String> = text[sentence.range()]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().any(|w| RACE_WORDS.contains(&w.as_str()))
        || words.windows(2).any(|pair| {
            matches!(pair[0].as_str(), "for" | "as")
                && matches!(
                    pair[1].as_str(),
                    "president" | "governor" | "mayor" | "senator" | "speaker" | "chancellor"
                )
        })
}

fn lexicon_topic(work: &mut Work<'_>, t: u32) -> usize {
    let entry = &work.an.lexicon.topics.topics[t as usize];
    let key = format!("lexicon:{}", entry.id);
    if let Some(&i) = work.topic_by_key.get(&key) {
        return i;
    }
    let (id, name) = (entry.id.clone(), entry.name.clone());
    let family = work.an.topic_family[t as usize];
    let i = push_topic(work, &id, name, family, true);
    work.topic_by_key.insert(key, i);
    i
}

fn generic_topic(work: &mut Work<'_>, head: &str, family: u32) -> usize {
    let key = format!("generic:{head}");
    if let Some(&i) = work.topic_by_key.get(&key) {
        return i;
    }
    let i = scoped_topic(work, head, Some(family));
    work.topic_by_key.insert(key, i);
    i
}

/// The article's own matter, named by its title: the topic of a head word that only a name
/// gave ("Reform" of "the House Oversight and Reform Committee").
fn articles_issue(work: &mut Work<'_>) -> usize {
    let key = "article's issue";
    if let Some(&i) = work.topic_by_key.get(key) {
        return i;
    }
    let article = work.article;
    let title = article.title.as_deref().unwrap_or_default().trim();
    let i = if title.is_empty() {
        scoped_topic(work, "issue", None)
    } else {
        let name = short_title(title, 8);
        let whole = format!(
            "issue {title} {}",
            article.date.as_deref().unwrap_or_default()
        );
        push_topic(work, &slug(&whole), name, None, false)
    };
    work.topic_by_key.insert(key.to_owned(), i);
    i
}

/// The first `n` words of a title, with "…" when there are more.
fn short_title(title: &str, n: usize) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let more = if words.len() > n { "…" } else { "" };
    format!("{}{more}", words[..words.len().min(n)].join(" "))
}

/// A topic's name scoped to its article, in a few words of its title: "Bill (Hong Kong
/// protesters surround downtown police complex)". The bill of one article is not another's.
fn scoped_name(work: &Work<'_>, head: &str) -> String {
    match work.article.title.as_deref() {
        Some(title) if !title.trim().is_empty() => {
            format!("{} ({})", capitalise(head), short_title(title, 6))
        }
        _ => capitalise(head),
    }
}

/// A topic of this article alone, named by `head` and a few words of the title. Its id holds
/// the whole title and the date: many releases open with the same six words ("Fact Sheet:
/// President Donald J. Trump …"), and each one's order is its own.
fn scoped_topic(work: &mut Work<'_>, head: &str, family: Option<u32>) -> usize {
    let name = scoped_name(work, head);
    let article = work.article;
    let whole = format!(
        "{head} {} {}",
        article.title.as_deref().unwrap_or_default(),
        article.date.as_deref().unwrap_or_default()
    );
    push_topic(work, &slug(&whole), name, family, false)
}

fn new_topic(work: &mut Work<'_>, surface: &str, family: Option<u32>, lexicon: bool) -> usize {
    // "U.S.-Africa Leaders Summit" after its actor: the name starts at its first letter.
    let surface = surface.trim_start_matches(|c: char| !c.is_alphanumeric());
    push_topic(work, &slug(surface), capitalise(surface), family, lexicon)
}

fn push_topic(
    work: &mut Work<'_>,
    id: &str,
    name: String,
    family: Option<u32>,
    from_lexicon: bool,
) -> usize {
    let mut unique = id.to_owned();
    let mut n = 2;
    while work.topic_ids.contains(&unique) {
        unique = format!("{id}-{n}");
        n += 1;
    }
    work.topic_ids.insert(unique.clone());
    work.topics.push(TopicBuild {
        id: unique,
        name,
        family,
        phrases: BTreeSet::new(),
        mentions: 0,
        first: u32::MAX,
        from_lexicon,
    });
    work.topics.len() - 1
}
