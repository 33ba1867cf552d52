//! The stance step: for each sentence, who holds each stance word there, on what topic, in
//! which direction and how it was read ([`Signal`]); then each cell's cues combined into a
//! suggestion with its calibrated confidence. Runs after people (`people.rs`) and topics
//! (`topics.rs`) are found; `Work::finish` (in `mod.rs`) turns the result into the briefing.

use super::{Mention, TopicMention, WordPat, Work, grammar, matcher, topics};
use crate::analysis::lexicon::{CueShape, Frame};
use crate::model::{
    ActorId, ActorKind, Evidence, HolderFrom, SentenceId, Signal, Stance, StanceSuggestion,
    TopicFrom, TopicId,
};
use crate::parse::Span;
use matcher::{Hit, words_after, words_before};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Words after which a participle describes a noun instead of reporting an act.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "these", "those", "this",
    "that", "whose",
];

/// What one cue says: its holders (each with how it was read), the topic, the cue as shown
/// and its signed strength.
type CueReading = (Vec<(usize, Signal)>, usize, String, i32);

pub(super) type EvidenceMap = BTreeMap<(usize, usize), Vec<(SentenceId, String, i32, Signal)>>;

impl Work<'_> {
    /// Walks the sentences and collects, for each (actor, topic), the cues that bear on it.
    pub(super) fn stance_evidence(
        &mut self,
        mentions: &[Mention],
        topic_mentions: &[TopicMention],
        words: &[Hit],
    ) -> EvidenceMap {
        let text = self.text();
        let mut evidence: EvidenceMap = BTreeMap::new();
        let (mut mi, mut ti, mut wi) = (0usize, 0usize, 0usize);
        let mut resolved: Vec<Mention> = Vec::new();
        let mut last_person: Option<(usize, u32)> = None;
        // The topic of the last sentences, with the section and the sentence it was named in
        // (it carries over at most `CARRY_REACH` sentences and never across a heading), and
        // the speaker of a quotation still open, with its section.
        let mut carried: Option<(usize, u32, u32)> = None;
        let mut quote: Option<(usize, u32)> = None;
        // The paragraph last looked at, and whether it is a photo caption.
        let mut caption: (Option<u32>, bool) = (None, false);
        let main_topic = main_topic(topic_mentions, MAIN_SHARE);
        // The sections that name the main topic.
        let main_sections: HashSet<u32> = topic_mentions
            .iter()
            .filter(|t| Some(t.topic) == main_topic)
            .map(|t| self.article.sentences[t.sentence as usize].section)
            .collect();
        for (si, sentence) in self.article.sentences.iter().enumerate() {
            let si = si as u32;
            self.resolve(
                mentions,
                &mut mi,
                si,
                sentence.section,
                &mut last_person,
                &mut resolved,
            );
            let topics = take_while_sentence(topic_mentions, &mut ti, si, |t| t.sentence);
            let hits = take_while_sentence(words, &mut wi, si, |h| h.sentence);
            // A photo caption names people but states nothing.
            if caption.0 != Some(sentence.paragraph) {
                let span = self.article.paragraphs[sentence.paragraph as usize].span;
                caption = (
                    Some(sentence.paragraph),
                    crate::parse::is_caption(&text[span.range()]),
                );
            }
            let hits = if caption.1 { &[][..] } else { hits };
            carried = carried.filter(|&(_, sec, at)| {
                sec == sentence.section && si.saturating_sub(at) <= CARRY_REACH
            });
            quote = quote.filter(|&(_, sec)| sec == sentence.section);
            // Only a sentence where someone may hold a cue is parsed.
            let tree = self.an.grammar.as_ref().filter(|_| {
                (!resolved.is_empty() || quote.is_some())
                    && hits
                        .iter()
                        .any(|h| matches!(self.an.word_pats[h.pattern], WordPat::Cue(..)))
            });
            let tree = tree.and_then(|g| {
                g.parse(&text[sentence.span.range()])
                    .map(|t| t.shifted(sentence.span.start as usize))
            });
            let here = Here {
                tree: tree.as_ref(),
                span: sentence.span,
                resolved: &resolved,
                topics,
                carried: carried.map(|(t, ..)| t),
                main: main_topic,
                main_in_section: main_sections.contains(&sentence.section),
                // Where the quotation carried over from the last sentence closes, if here.
                quote: quote.map(|(speaker, _)| {
                    let closes = text[sentence.span.range()]
                        .find(['”', '"'])
                        .map(|i| sentence.span.start as usize + i);
                    (speaker, closes)
                }),
            };
            let mut cue_holders: Vec<usize> = Vec::new();
            for hit in hits {
                let WordPat::Cue(stance, shape, frame) = self.an.word_pats[hit.pattern] else {
                    continue;
                };
                let read = self.cue(hit, (stance, shape, frame), &here);
                if let Some((holders, topic, cue, score)) = read {
                    for (actor, signal) in holders {
                        cue_holders.push(actor);
                        evidence.entry((actor, topic)).or_default().push((
                            sentence.id,
                            cue.clone(),
                            score,
                            signal,
                        ));
                    }
                }
            }
            if !caption.1
                && let Some((speaker, topic, cue, score)) = self.speech(hits, &here)
                && !cue_holders.contains(&speaker.0)
            {
                evidence.entry((speaker.0, topic)).or_default().push((
                    sentence.id,
                    cue,
                    score,
                    speaker.1,
                ));
            }
            if let Some(t) = topics.last() {
                carried = Some((t.topic, sentence.section, si));
            }
            quote = open_quote(text, &here, &self.an.lists)
                .filter(|_| !caption.1)
                .map(|speaker| (speaker, sentence.section));
        }
        evidence
    }

    /// This sentence's actor mentions (from `mentions[*mi..]`), pronouns resolved to the first
    /// person named before them in the sentence ("Mitsotakis met with President Trump, where he
    /// denounced the agreement"), else to the last person named in the section.
    fn resolve(
        &self,
        mentions: &[Mention],
        mi: &mut usize,
        si: u32,
        section: u32,
        last_person: &mut Option<(usize, u32)>,
        resolved: &mut Vec<Mention>,
    ) {
        resolved.clear();
        // The subject of the sentence, most often: the first person it names.
        let mut first_person: Option<usize> = None;
        while *mi < mentions.len() && mentions[*mi].sentence <= si {
            let mut m = mentions[*mi];
            *mi += 1;
            if m.sentence < si {
                continue;
            }
            match m.actor {
                Some(a) if self.actors[a].kind == ActorKind::Person => {
                    *last_person = Some((a, section));
                    first_person.get_or_insert(a);
                }
                Some(_) => {}
                None => {
                    m.actor = first_person.or(last_person
                        .filter(|&(_, sec)| sec == section)
                        .map(|(a, _)| a));
                }
            }
            if m.actor.is_some() {
                resolved.push(m);
            }
        }
    }

    /// What one cue hit says: who holds it, on which topic, the cue as shown, and its signed
    /// strength; nothing when the word is not used as a cue here or has no holder or topic.
    fn cue(
        &mut self,
        hit: &Hit,
        (stance, shape, frame): (Stance, CueShape, Frame),
        here: &Here<'_>,
    ) -> Option<CueReading> {
        let text = self.text();
        let inside = |s: Span| s.contains(hit.span) || hit.span.contains(s);
        if here.topics.iter().any(|t| inside(t.span))
            || here.resolved.iter().any(|m| inside(m.span))
        {
            return None;
        }
        if not_a_cue_here(text, hit.span, shape, here.span)
            || hypothetical(text, hit.span, here.span)
        {
            return None;
        }
        let parsed = here
            .tree
            .and_then(|tree| tree.head_in(hit.span).map(|word| (tree, word)));
        let negator = match parsed {
            Some((tree, word)) => tree
                .negator(text, word, &|w| self.an.negators.contains(w))
                .filter(|&at| at <= hit.span.start as usize),
            None => self.negation(hit.span.start as usize, here.span),
        };
        let score = match negator {
            Some(_) => -stance.score().signum(),
            None => stance.score(),
        };
        // A negator is a word found walking back from the cue (`words_before` yields word
        // starts below its start), so `cue_start <= hit.span.start`.
        let cue_start = negator.unwrap_or(hit.span.start as usize);
        debug_assert!(cue_start <= hit.span.start as usize);
        let cue = crate::parse::fold_space(&text[cue_start..hit.span.end as usize]).into_owned();
        // A passive ("the plan was rejected by Kyiv") is held by its agent after "by"; without
        // one the text does not say who holds it ("the hijab was banned"). Otherwise the actor
        // named before the cue holds it; with none named, inside a quotation that began in an
        // earlier sentence and has not closed, the speaker does ("We are committed to ...",
        // she said the sentence before). A stray quotation mark thus never takes a stance from
        // an actor the sentence names.
        let quoted = here
            .quote
            .filter(|&(_, closes)| closes.is_none_or(|end| (hit.span.start as usize) < end))
            .map(|(speaker, _)| speaker);
        let from_tree =
            parsed.map(|(tree, word)| tree_holders(tree, word, text, here, quoted, &self.an.lists));
        let passive = shape == CueShape::Participle
            && is_passive(text, hit.span.start as usize, here.span.start as usize);
        // A verb whose object holds the view ("the decision disappointed Kyiv") is held by
        // the actor right after it, and is about what comes before; in the passive ("Kyiv was
        // disappointed by it") by its subject, as other verbs are.
        if frame == Frame::Object && !passive {
            return object_cue(text, hit.span, here, negator.is_some(), cue, score);
        }
        // The tree first; where it names no holder at all, word order.
        let (holders, from) = if let Some(Some(h)) = from_tree {
            (h, Some(HolderFrom::Tree))
        } else if passive && frame == Frame::Object {
            (
                holders(here.resolved, text, hit.span, here.span, &self.an.lists),
                None,
            )
        } else if passive {
            // "It must be signed by President Trump": a requirement, not a stance.
            if modal_passive(text, hit.span.start as usize, here.span.start as usize) {
                return None;
            }
            (
                agent(here.resolved, text, hit.span, here.span),
                Some(HolderFrom::Agent),
            )
        } else if shape == CueShape::Ing
            && let Some(subject) = adjunct_subject(here.resolved, text, hit.span, here.span)
        {
            // A clause opening on the -ing form after a comma is the sentence subject's.
            (vec![subject], None)
        } else {
            let named = holders(here.resolved, text, hit.span, here.span, &self.an.lists);
            match quoted {
                Some(speaker) if named.is_empty() => (vec![speaker], Some(HolderFrom::Quote)),
                _ => (named, None),
            }
        };
        if holders.is_empty() {
            return None;
        }
        let (topic, topic_from) = self.cue_topic(hit.span, here)?;
        let signal = |actor: usize| {
            // The holder's name nearest before the cue, and how many words stand between.
            let before = here
                .resolved
                .iter()
                .rfind(|m| m.actor == Some(actor) && m.span.end <= hit.span.start);
            let (holder, gap) =
                match (from, before) {
                    (Some(from), _) => (from, 0),
                    (None, Some(m)) => (
                        HolderFrom::Before,
                        matcher::between(text, m.span.end as usize, hit.span.start as usize)
                            .map_or(0, |g| {
                                // Auxiliaries and adverbs stand between a subject and its verb
                                // ("the Kremlin has officially denied"): they do not count.
                                g.split_whitespace()
                                    .filter(|w| !is_verb_company(w))
                                    .count()
                                    .min(255) as u8
                            }),
                    ),
                    (None, None) => (HolderFrom::After, 0),
                };
            Signal {
                tone: false,
                holder,
                gap,
                negated: negator.is_some(),
                topic: topic_from,
            }
        };
        let holders = holders.into_iter().map(|a| (a, signal(a))).collect();
        Some((holders, topic, cue, score))
    }

    /// The topic of a cue: its own object first (a known topic right after it, "rejected the
    /// ceasefire plan", else the noun phrase after it), then a topic named elsewhere in the
    /// sentence, then the one the last sentences were about, then the one the article names
    /// most.
    fn cue_topic(&mut self, cue: Span, here: &Here<'_>) -> Option<(usize, TopicFrom)> {
        let text = self.text();
        let near = |t: &&TopicMention| {
            t.span.start >= cue.end
                && matcher::between(text, cue.end as usize, t.span.start as usize)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 3)
        };
        // The analyst's codebook first: a codebook topic named in the sentence is what it is
        // about.
        let coded = |t: &&TopicMention| {
            self.topics[t.topic]
                .id
                .starts_with(crate::model::codebook::TOPIC_PREFIX)
        };
        if let Some(t) = here.topics.iter().find(coded) {
            return Some((t.topic, TopicFrom::Codebook));
        }
        // With a parse: a topic named inside the cue's object or complement.
        if let Some(tree) = here.tree
            && let Some(word) = tree.head_in(cue)
            && let Some(target) = tree.target(text, word)
        {
            let phrase = tree.phrase(target);
            if let Some(t) = here.topics.iter().find(|t| phrase.contains(t.span)) {
                return Some((t.topic, TopicFrom::Near));
            }
        }
        if let Some(t) = here.topics.iter().find(near) {
            return Some((t.topic, TopicFrom::Near));
        }
        // Another topic the sentence names, after the stance word or else before it.
        let elsewhere = |here: &Here<'_>| {
            here.topics
                .iter()
                .find(|t| t.span.start >= cue.end)
                .or_else(|| here.topics.iter().rev().find(|t| t.span.end <= cue.start))
                .map(|t| (t.topic, TopicFrom::Sentence))
        };
        match topics::open_topic(self, cue.end as usize, here, true) {
            // A bare head ("rejected the demarcation", "supported the motion") speaks of an
            // issue named elsewhere: the sentence's or the last sentences', when there is one
            // (not the article's main topic: "rejected the resignation" is not on the bill
            // named after it).
            Some((t, true)) => {
                return elsewhere(here)
                    .or(here.carried.map(|t| (t, TopicFrom::Carried)))
                    .or(Some((t, TopicFrom::Phrase)));
            }
            Some((t, false)) => return Some((t, TopicFrom::Phrase)),
            None => {}
        }
        elsewhere(here)
            // A phrase that makes a poor column still says more of what the stance is on than
            // the sentences before.
            .or_else(|| {
                topics::open_topic(self, cue.end as usize, here, false)
                    .map(|(t, _)| (t, TopicFrom::Loose))
            })
            .or(here.carried.map(|t| (t, TopicFrom::Carried)))
            // Nothing in the sentence or the ones before names it: what the article is about,
            // where this part of the article speaks of it (a section on the battlefront is not
            // about the talks the article is mostly about).
            .or(here
                .main
                .filter(|_| here.main_in_section)
                .map(|t| (t, TopicFrom::Main)))
    }

    /// Reported speech with no stance word: the speaker's leaning, read from the tone of what
    /// is said ("It would be a constitutional outrage," Hammond said), on the topic named here,
    /// else the one the last sentences were about, else what the article is mostly about.
    fn speech(
        &self,
        hits: &[Hit],
        here: &Here<'_>,
    ) -> Option<((usize, Signal), usize, String, i32)> {
        let (holder, (speaker, said)) = if let Some((speaker, closes)) = here.quote {
            let end = closes.unwrap_or(here.span.end as usize);
            (
                HolderFrom::Quote,
                (speaker, Span::new(here.span.start as usize, end)),
            )
        } else {
            let says = hits
                .iter()
                .filter(|h| self.an.word_pats[h.pattern] == WordPat::Say)
                .map(|h| h.span);
            (
                HolderFrom::Speaker,
                reported_speech(here.resolved, self.text(), here.span, says)?,
            )
        };
        let (topic, topic_from) = here
            .topics
            .first()
            .map(|t| (t.topic, TopicFrom::Sentence))
            .or(here.carried.map(|t| (t, TopicFrom::Carried)))
            .or(here.main.map(|t| (t, TopicFrom::Main)))?;
        let (score, words) = self.tone(here.resolved, said, here.span)?;
        let signal = Signal {
            tone: true,
            holder,
            gap: 0,
            negated: false,
            topic: topic_from,
        };
        Some((
            (speaker, signal),
            topic,
            format!("tone: {}", words.join(", ")),
            score,
        ))
    }

    /// The leaning of the words in `said` outside any name: +1 or −1 with the words that
    /// carry it (strongest first), or nothing when the tone is mild or balanced.
    fn tone(&self, mentions: &[Mention], said: Span, sentence: Span) -> Option<(i32, Vec<String>)> {
        let text = self.text();
        let mut total = 0.0f32;
        let mut rated: Vec<(f32, &str)> = Vec::new();
        let body = matcher::between(text, said.start as usize, said.end as usize)?;
        // Only the speaker's own words count: what stands inside quotation marks (all of
        // `said` when it continues a quotation opened in an earlier sentence).
        let mut quoted = !body.contains(['"', '“', '”']);
        let mut at = said.start as usize;
        for word in body.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        {
            let start = at;
            at += word.len();
            let (word, mark) = match word.char_indices().next_back() {
                Some((i, c)) if !(c.is_alphanumeric() || c == '\'' || c == '-') => {
                    (&word[..i], Some(c))
                }
                _ => (word, None),
            };
            let inside = quoted;
            match mark {
                Some('“') => quoted = true,
                Some('”') => quoted = false,
                Some('"') => quoted = !quoted,
                _ => {}
            }
            if !inside
                || word.is_empty()
                || self.an.lists.events.contains(&word.to_lowercase())
                || mentions
                    .iter()
                    .any(|m| m.span.contains(Span::new(start, start + word.len())))
            {
                continue;
            }
            let Some(&value) = self.an.lexicon.sentiment.words.get(&word.to_lowercase()) else {
                continue;
            };
            let value = if self.negation(start, sentence).is_some() {
                -0.74 * value
            } else {
                value
            };
            total += value;
            rated.push((value, word));
        }
        if total.abs() < TONE_THRESHOLD {
            return None;
        }
        rated.retain(|(v, _)| v.signum() == total.signum());
        rated.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        let words = rated.iter().take(3).map(|(_, w)| (*w).to_owned()).collect();
        Some((total.signum() as i32, words))
    }

    /// Finds a negator among the three words before a cue; returns its start.
    fn negation(&self, cue_start: usize, sentence: Span) -> Option<usize> {
        let text = self.text();
        words_before(text, cue_start, sentence.start as usize)
            .take(3)
            .find(|(_, w)| {
                let lower = w.to_lowercase();
                self.an.negators.contains(&lower)
                    || lower.ends_with("n't")
                    || lower.ends_with("n’t")
            })
            .map(|(start, _)| start)
    }
}

/// Whether the words between two names list them together: ", ", "and", "or", and after
/// "and" a few lower-case words ("Bernie Sanders and former president Barack Obama").
fn listed(gap: &str) -> bool {
    let gap = gap.trim();
    if matches!(gap, "," | "and" | ", and" | "or" | "&" | "и" | ", и") {
        return true;
    }
    let rest = gap
        .strip_prefix(", and ")
        .or_else(|| gap.strip_prefix("and "));
    rest.is_some_and(|r| {
        let words: Vec<&str> = r.split_whitespace().collect();
        words.len() <= 3
            && words
                .iter()
                .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
    })
}

/// One sentence as the stance walk sees it.
pub(crate) struct Here<'a> {
    pub(super) span: Span,
    /// Its actor mentions, pronouns resolved.
    pub(super) resolved: &'a [Mention],
    pub(super) topics: &'a [TopicMention],
    /// The topic of the last sentences of the section.
    pub(super) carried: Option<usize>,
    /// The topic the article names most often.
    pub(super) main: Option<usize>,
    /// Whether the sentence's section names the main topic.
    pub(super) main_in_section: bool,
    /// The speaker of a quotation opened in an earlier sentence, and where it closes here.
    quote: Option<(usize, Option<usize>)>,
    /// Its structure, when the analyser has a parser and the sentence may hold a stance.
    tree: Option<&'a grammar::Tree>,
}

/// The topic the article names most often, when it takes at least `share` of the article's
/// topic mentions.
fn main_topic(topic_mentions: &[TopicMention], share: f64) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for t in topic_mentions {
        *counts.entry(t.topic).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
        .filter(|&(_, n)| n as f64 >= share * topic_mentions.len() as f64)
        .map(|(t, _)| t)
}

/// How many sentences on the topic of the last sentences still carries (a paragraph of wire
/// copy moves on to another matter soon after).
const CARRY_REACH: u32 = 2;

/// The share of an article's topic mentions its most named topic needs to be what the article
/// is about: a round-up ("On the campaign trail") is about none of its topics.
const MAIN_SHARE: f64 = 0.3;

/// The items of sentence `si` from a list sorted by sentence, walking `at` past them.
fn take_while_sentence<'a, T>(
    items: &'a [T],
    at: &mut usize,
    si: u32,
    sentence: impl Fn(&T) -> u32,
) -> &'a [T] {
    while *at < items.len() && sentence(&items[*at]) < si {
        *at += 1;
    }
    let start = *at;
    while *at < items.len() && sentence(&items[*at]) == si {
        *at += 1;
    }
    &items[start..*at]
}

/// Whether the cue at `cue` stands in a condition ("he would leave if the Senate voted
/// against him"): its clause, from the last comma or the sentence's start, opens with "if" or
/// "unless" before it.
fn hypothetical(text: &str, cue: Span, sentence: Span) -> bool {
    let before = &text[sentence.start as usize..cue.start as usize];
    let clause = before
        .rsplit([',', ';', ':', '“', '"'])
        .next()
        .unwrap_or(before);
    clause
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("if") || w.eq_ignore_ascii_case("unless"))
}

/// Whether the cue word at `cue` is used as something else here: a participle after a
/// determiner or number ("the accused", "a proposed bill", "41 pledged delegates") or between a
/// preposition and a noun ("over disputed resources", but "in blaming Iran" is an act); a
/// verb's base or -s form used as a noun ("the attack", "Monday's attack", "protesters'
/// demands", "an attack on", "Protests filled the streets"); a test result ("tested positive");
/// a share of a poll ("3 percent support").
fn not_a_cue_here(text: &str, cue: Span, shape: CueShape, sentence: Span) -> bool {
    let before = words_before(text, cue.start as usize, sentence.start as usize)
        .next()
        .map(|(_, w)| w.to_lowercase());
    let before = before.as_deref();
    let next = words_after(text, cue.end as usize, sentence.end as usize)
        .next()
        .map(|(_, w)| w);
    let word = &text[cue.range()];
    let participle = word.ends_with("ed") || word.ends_with("ing");
    let after_determiner = before.is_some_and(|w| {
        DETERMINERS.contains(&w) || w.chars().all(|c| c.is_ascii_digit() || c == ',')
    });
    let after_preposition = before.is_some_and(|w| PREPOSITIONS.contains(&w));
    let before_noun =
        next.is_some_and(|w| w.starts_with(char::is_lowercase) && !DETERMINERS.contains(&w));
    let noun_use = shape == CueShape::Bare
        && (after_determiner
            || (word.starts_with(char::is_uppercase) && cue.start > sentence.start)
            || before.is_none_or(|w| {
                PREPOSITIONS.contains(&w) || w.ends_with("'s") || w.ends_with("’s")
            })
            || text[..cue.start as usize].ends_with(['\'', '’'])
            || next.is_some_and(|w| matches!(w, "of" | "on" | "from")));
    // "Theresa May's proposed Brexit deal": a participle after an owner names the thing ("he's
    // backed it" is "he has").
    let after_owner = before.is_some_and(|w| {
        let owner = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
        owner.is_some_and(|o| {
            !matches!(
                o,
                "he" | "she" | "it" | "that" | "who" | "there" | "what" | "here" | "where"
            )
        })
    });
    // "had reached 3 percent support in two polls": a share of a poll, no one's stance.
    let poll_share = before.is_some_and(|w| matches!(w, "percent" | "cent" | "points"))
        || text[..cue.start as usize].trim_end().ends_with('%');
    (participle && (after_determiner || after_owner || (after_preposition && before_noun)))
        || (word.ends_with("ing") && before_noun && names_a_thing(text, cue, sentence))
        || poll_share
        || (before.is_some_and(|w| w.starts_with("test"))
            && matches!(word, "positive" | "negative"))
        || noun_use
}

/// Whether an -ing form before a lower-case word is a noun or an adjective, as the tagger reads
/// the words around it: "an early warning system", "the opposing sides" state no one's view.
fn names_a_thing(text: &str, cue: Span, sentence: Span) -> bool {
    use super::grammar::Pos;
    let Some(tagger) = super::grammar::tagger::bundled() else {
        return false;
    };
    let from = words_before(text, cue.start as usize, sentence.start as usize)
        .take(3)
        .last()
        .map_or(cue.start as usize, |(at, _)| at);
    let mut after = words_after(text, cue.end as usize, sentence.end as usize).take(2);
    let Some((next, _)) = after.next() else {
        return false;
    };
    let to = after
        .last()
        .map_or(cue.end as usize, |(at, w)| at + w.len());
    let tags = tagger.tags_at(text, Span::new(from, to), &[cue.start as usize, next]);
    matches!(
        tags.as_slice(),
        [Some(Pos::Noun | Pos::Adj), Some(Pos::Noun)]
    )
}

/// Follows the quotation marks of a sentence: the speaker of a quotation left open at its end
/// (whoever was named before it opened), which goes on in the next sentence.
fn open_quote(text: &str, here: &Here<'_>, words: &super::Words) -> Option<usize> {
    let body = &text[here.span.range()];
    let mut open: Option<usize> = here.quote.map(|_| here.span.start as usize);
    let mut speaker = here.quote.map(|(s, _)| s);
    for (at, c) in body.char_indices() {
        let at = here.span.start as usize + at;
        let opening = match c {
            '“' => true,
            '”' => false,
            '"' => open.is_none(),
            _ => continue,
        };
        if opening {
            open = Some(at);
            speaker = holders(here.resolved, text, Span::new(at, at), here.span, words)
                .first()
                .copied();
        } else {
            open = None;
        }
    }
    open.and(speaker)
}

/// Whether a lower-case word after a name is likely its verb ("Russia rejected", "Kyiv says",
/// "Iran will"), not a noun it modifies.
fn is_verbish(w: &str, words: &super::Words) -> bool {
    words.saying.contains(w)
        || w.ends_with("ed")
        || w.ends_with('s')
        || matches!(
            w,
            "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "should"
                | "did"
                | "does"
                | "do"
                | "had"
                | "have"
                | "has"
                | "is"
                | "are"
                | "was"
                | "were"
                | "also"
                | "and"
                | "or"
                | "not"
                | "never"
                | "then"
                | "still"
                | "later"
                | "again"
                | "too"
                | "itself"
                | "alone"
                | "first"
                | "now"
                | "once"
                | "swiftly"
                | "quickly"
        )
        || w.ends_with("ly")
}

/// Prepositions: a name right after one is not the subject of what follows ("via Twitter",
/// "in Yemen", "between Turkey and Libya").
const PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "at", "to", "for", "from", "with", "via", "by", "between", "against",
    "about", "over", "during", "after", "before", "into", "onto", "toward", "towards", "across",
    "among", "amid", "through", "under", "within", "without", "near", "outside", "inside",
];

/// The actors holding a cue at `cue`: the nearest actor named before it that is not the object
/// of a preposition (with any actors listed together with it: "European, American and
/// Ukrainian negotiators"); else a speaker named after it ("'We will never accept this,' he
/// said").
fn holders(
    mentions: &[Mention],
    text: &str,
    cue: Span,
    sentence: Span,
    words: &super::Words,
) -> Vec<usize> {
    let before: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.span.end <= cue.start)
        .collect();
    let mut i = before.len();
    while i > 0 {
        // The list ending at mention `i - 1`, walking back over ", ", "and", "or".
        let mut first = i - 1;
        while first > 0 {
            let (m, right) = (before[first - 1], before[first]);
            // Mentions do not overlap (`people::mentions` drops overlaps), so this is ordered;
            // the checked slice keeps a future overlap from becoming a panic.
            debug_assert!(m.span.end <= right.span.start);
            let gap = matcher::between(text, m.span.end as usize, right.span.start as usize);
            if !gap.is_some_and(listed) {
                break;
            }
            first -= 1;
        }
        let mut start = before[first].span.start as usize;
        let mut object = words_before(text, start, sentence.start as usize)
            .next()
            .is_some_and(|(_, w)| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
            || addressed(text, start, sentence);
        // "In Poland, Ukraine rejected": a comma ends the phrase the preposition opened.
        if object
            && i - first > 1
            && matcher::between(
                text,
                before[first].span.end as usize,
                before[first + 1].span.start as usize,
            )
            .is_some_and(|gap| gap.trim() == ",")
        {
            first += 1;
            start = before[first].span.start as usize;
            object = false;
        }
        // A name used as a modifier ("the EU list") is no holder, unless what it modifies
        // acts for it ("the Hong Kong authorities", "Russian officials").
        let after_the = words_before(text, start, sentence.start as usize)
            .next()
            .is_some_and(|(_, w)| DETERMINERS.contains(&w.to_lowercase().as_str()));
        let modifier = after_the
            && words_after(text, before[i - 1].span.end as usize, cue.start as usize)
                .next()
                .is_some_and(|(_, w)| {
                    w.starts_with(char::is_lowercase)
                        && !words.organs.contains(w)
                        && !is_verbish(w, words)
                });
        if !object && !modifier {
            // "Kerri Kupec, spokeswoman for the Department of Justice, criticized": the names
            // inside an apposition describe the one before it, who holds the cue.
            if let Some(head) = apposition_head(&before[..first], text, before[i - 1], cue) {
                return vec![head];
            }
            let mut out: Vec<usize> = before[first..i].iter().filter_map(|m| m.actor).collect();
            // Reported speech: "Zakharova said Moscow opposed ..." is the speaker's stance too.
            let said = words_before(text, start, sentence.start as usize)
                .take(2)
                .find(|(_, w)| words.saying.contains(&w.to_lowercase()));
            if let Some((verb, _)) = said
                && let Some(speaker) = before[..first]
                    .iter()
                    .rev()
                    .find(|m| m.span.end as usize <= verb)
                && matcher::between(text, speaker.span.end as usize, verb)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 2)
            {
                out.extend(speaker.actor);
            }
            out.sort_unstable();
            out.dedup();
            return out;
        }
        i = first;
    }
    mentions
        .iter()
        .find(|m| m.span.start >= cue.end)
        .filter(|m| {
            words_after(text, m.span.end as usize, sentence.end as usize)
                .next()
                .is_some_and(|(_, w)| words.saying.contains(&w.to_lowercase()))
        })
        .and_then(|m| m.actor)
        .into_iter()
        .collect()
}

/// The actor an apposition describes, when the names right before a cue stand inside one:
/// "Kerri Kupec, spokeswoman for the Department of Justice, sharply criticized" is Kupec's
/// stance, not the department's. The apposition opens with a comma right after
/// the actor, closes with a comma before the cue (with only auxiliaries or adverbs after it),
/// and holds no verb and no other comma.
fn apposition_head(earlier: &[&Mention], text: &str, last: &Mention, cue: Span) -> Option<usize> {
    let tail = text.get(last.span.end as usize..cue.start as usize)?;
    let (inside_end, after) = tail.rsplit_once(',')?;
    if after.split_whitespace().any(|w| !is_verb_company(w)) {
        return None;
    }
    let close = last.span.end as usize + inside_end.len();
    // The last comma before the names, right after an actor.
    let head = earlier.iter().rev().find(|m| {
        text.get(m.span.end as usize..)
            .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(','))
    })?;
    // "In Washington, the Republican leader, agreed": a place after a preposition is no head.
    if words_before(text, head.span.start as usize, 0)
        .next()
        .is_some_and(|(_, w)| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    let open = head.span.end as usize + text[head.span.end as usize..].find(',')?;
    let inside = text.get(open + 1..close)?;
    if inside.contains([',', ';', '"', '“', '”', '(', ')'])
        || inside.split_whitespace().count() > 12
    {
        return None;
    }
    let tagger = super::grammar::tagger::bundled()?;
    let starts: Vec<usize> = matcher::words_after(text, open + 1, close)
        .map(|(at, _)| at)
        .collect();
    let tags = tagger.tags_at(text, Span::new(open + 1, close), &starts);
    let verb = tags.iter().any(|t| {
        matches!(
            t,
            Some(super::grammar::Pos::Verb | super::grammar::Pos::Aux)
        )
    });
    if verb || starts.is_empty() {
        return None;
    }
    head.actor
}

/// Whether the name at `start` is whom something is said to: after "to" or a verb of telling
/// ("told the Daily Mail", "in remarks to ABC"), determiners aside.
fn addressed(text: &str, start: usize, sentence: Span) -> bool {
    words_before(text, start, sentence.start as usize)
        .map(|(_, w)| w.to_lowercase())
        .find(|w| !DETERMINERS.contains(&w.as_str()))
        .is_some_and(|w| matches!(w.as_str(), "to" | "told" | "tell" | "tells" | "telling"))
}

/// Whether a word between a subject and its verb is an auxiliary or an adverb ("has",
/// "would", "officially", "also").
fn is_verb_company(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    w.len() > 4 && w.ends_with("ly")
        || PASSIVE_AUXILIARIES.contains(&w.as_str())
        || matches!(
            w.as_str(),
            "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "should"
                | "can"
                | "may"
                | "might"
                | "must"
                | "did"
                | "does"
                | "do"
                | "also"
                | "still"
                | "already"
                | "again"
                | "now"
                | "then"
                | "not"
                | "never"
                | "just"
                | "even"
                | "further"
        )
}

/// The actors holding the cue at `word` of `tree`: those the holder phrases name, and the
/// speakers whose reported clause holds it; with no holder in the tree, the speaker of a
/// quotation still open.
fn tree_holders(
    tree: &grammar::Tree,
    word: u32,
    text: &str,
    here: &Here<'_>,
    quoted: Option<usize>,
    words: &super::Words,
) -> Option<Vec<usize>> {
    let holding = tree.holding(text, word, &|w| words.saying.contains(w));
    if holding.holders.is_empty()
        && holding.speakers.is_empty()
        && !holding.unsaid
        && quoted.is_none()
    {
        return None;
    }
    let named = |heads: &[u32]| -> Vec<usize> {
        let spans: Vec<Span> = heads.iter().flat_map(|&h| tree.acting(text, h)).collect();
        here.resolved
            .iter()
            .filter(|m| {
                spans
                    .iter()
                    .any(|s| m.span.start < s.end && s.start < m.span.end)
            })
            .filter_map(|m| m.actor)
            .collect()
    };
    let mut out = named(&holding.holders);
    if holding.holders.is_empty() && !holding.unsaid {
        out.extend(quoted);
    }
    out.extend(named(&holding.speakers));
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// How strong the summed word ratings of reported speech must be (VADER's −4…+4 scale) to
/// count as a leaning.
const TONE_THRESHOLD: f32 = 1.0;

/// A speaker and what they are reported to say in this sentence: a verb of saying with the
/// actor named just before it ("Hammond said", "Pelosi also told reporters") or just after it
/// ("said Hammond"). What is said is the sentence without the speaker and the verb.
fn reported_speech(
    mentions: &[Mention],
    text: &str,
    sentence: Span,
    says: impl Iterator<Item = Span>,
) -> Option<(usize, Span)> {
    for verb in says {
        let before = mentions
            .iter()
            .rev()
            .find(|m| m.span.end <= verb.start)
            // "in remarks to ABC, said": whom it was said to is not the speaker.
            .filter(|m| !addressed(text, m.span.start as usize, sentence))
            .filter(|m| {
                matcher::between(text, m.span.end as usize, verb.start as usize).is_some_and(
                    |gap| gap.split_whitespace().count() <= 2 && !gap.contains(['"', '“', '”']),
                )
            });
        let after = || {
            mentions
                .iter()
                .find(|m| m.span.start >= verb.end)
                .filter(|m| {
                    matcher::between(text, verb.end as usize, m.span.start as usize)
                        .is_some_and(|gap| gap.split_whitespace().count() <= 1)
                })
        };
        let Some(speaker) = before.or_else(after) else {
            continue;
        };
        let actor = speaker.actor?;
        let (from, to) = (
            speaker.span.start.min(verb.start),
            speaker.span.end.max(verb.end),
        );
        // What is said lies on the side of the sentence away from "X said".
        let said = if from - sentence.start > sentence.end - to {
            Span::new(sentence.start as usize, from as usize)
        } else {
            Span::new(to as usize, sentence.end as usize)
        };
        return Some((actor, said));
    }
    None
}

/// Forms of "be" (and "get") that make a following past participle a passive.
const PASSIVE_AUXILIARIES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "get",
    "gets",
    "got",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "isn’t",
    "aren’t",
    "wasn’t",
    "weren’t",
];

/// Whether the participle starting at `cue_start` is passive: a form of "be" before it, with
/// at most two adverbs between ("was also firmly rejected").
/// Whether a passive stance word follows a modal ("must be approved by the Senate", "would be
/// signed by the president"): a requirement or a possibility, which states no one's view.
fn modal_passive(text: &str, cue_start: usize, floor: usize) -> bool {
    let mut seen_be = false;
    for (_, w) in words_before(text, cue_start, floor).take(4) {
        let lower = w.to_lowercase();
        match lower.as_str() {
            "be" => seen_be = true,
            "must" | "should" | "would" | "could" | "might" | "may" | "will" | "shall" | "can"
                if seen_be =>
            {
                return true;
            }
            _ if lower.ends_with("ly") || matches!(lower.as_str(), "not" | "also" | "still") => {}
            _ => return false,
        }
    }
    false
}

/// The subject of the clause before a comma, when the clause after it opens with the stance
/// word's -ing form ("The United States blamed Iran for the attack, committing to send more
/// troops": the United States, not Iran). The subject is the last actor before the comma that
/// opens a clause: at the sentence's start, or after a comma, "and", "but" or a semicolon,
/// with only determiners between.
fn adjunct_subject(mentions: &[Mention], text: &str, cue: Span, sentence: Span) -> Option<usize> {
    let before = text[sentence.start as usize..cue.start as usize].trim_end();
    if !before.ends_with(',') {
        return None;
    }
    let comma = sentence.start as usize + before.len() - 1;
    mentions
        .iter()
        .rev()
        .filter(|m| (m.span.end as usize) <= comma)
        .find(|m| {
            // Back over the determiners before the name ("the", "both").
            let start = words_before(text, m.span.start as usize, sentence.start as usize)
                .take_while(|(_, w)| DETERMINERS.contains(&w.to_lowercase().as_str()))
                .last()
                .map_or(m.span.start as usize, |(at, _)| at);
            let lead = text[sentence.start as usize..start]
                .trim_end_matches(|c: char| c.is_whitespace() || c == '"' || c == '“');
            lead.is_empty()
                || lead.ends_with([',', ';'])
                || lead
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| matches!(w.to_lowercase().as_str(), "and" | "but"))
        })
        .and_then(|m| m.actor)
}

fn is_passive(text: &str, cue_start: usize, floor: usize) -> bool {
    for (_, w) in words_before(text, cue_start, floor).take(3) {
        let lower = w.to_lowercase();
        if PASSIVE_AUXILIARIES.contains(&lower.as_str()) {
            return true;
        }
        let adverb = lower.ends_with("ly") || matches!(lower.as_str(), "not" | "also" | "never");
        if !adverb {
            return false;
        }
    }
    false
}

/// A cue whose object holds the view, in the active: held by the actor right after it, on
/// the topic named before it in the sentence, else the one carried from before.
fn object_cue(
    text: &str,
    cue_span: Span,
    here: &Here<'_>,
    negated: bool,
    cue: String,
    score: i32,
) -> Option<CueReading> {
    let (topic, topic_from) = here
        .topics
        .iter()
        .rev()
        .find(|t| t.span.end <= cue_span.start)
        .map(|t| (t.topic, TopicFrom::Sentence))
        .or(here.carried.map(|t| (t, TopicFrom::Carried)))?;
    let signal = Signal {
        tone: false,
        holder: HolderFrom::After,
        gap: 0,
        negated,
        topic: topic_from,
    };
    let holders: Vec<(usize, Signal)> = object_holder(here.resolved, text, cue_span)
        .into_iter()
        .map(|a| (a, signal))
        .collect();
    (!holders.is_empty()).then_some((holders, topic, cue, score))
}

/// The actor a cue acts on, when its object holds the view: named right after it, with at
/// most a determiner or a title between ("disappointed the Kremlin", "angered President
/// Macron").
fn object_holder(mentions: &[Mention], text: &str, cue: Span) -> Vec<usize> {
    mentions
        .iter()
        .find(|m| m.span.start >= cue.end)
        .filter(|m| {
            matcher::between(text, cue.end as usize, m.span.start as usize)
                .is_some_and(|gap| gap.split_whitespace().count() <= 1 && !gap.contains([',', ';']))
        })
        .and_then(|m| m.actor)
        .into_iter()
        .collect()
}

/// The agent of a passive cue: the actor named right after "by" within a few words of it.
fn agent(mentions: &[Mention], text: &str, cue: Span, sentence: Span) -> Vec<usize> {
    let Some((by, _)) = words_after(text, cue.end as usize, sentence.end as usize)
        .take(4)
        .find(|(_, w)| w.eq_ignore_ascii_case("by"))
    else {
        return Vec::new();
    };
    mentions
        .iter()
        .find(|m| m.span.start as usize > by)
        .filter(|m| {
            // Only a title or a determiner may stand between "by" and the name.
            matcher::between(text, by + 2, m.span.start as usize)
                .is_some_and(|gap| gap.split_whitespace().count() <= 2)
        })
        .and_then(|m| m.actor)
        .into_iter()
        .collect()
}

/// Sets a suggestion's confidence to the calibrated chance that its evidence sentences are
/// right, on average (see [`crate::model::calibration`]).
pub(super) fn calibrate(suggestion: &mut StanceSuggestion, kind: ActorKind) {
    let cal = crate::model::calibration::bundled();
    let n = suggestion.evidence.len();
    if n == 0 {
        return;
    }
    let sum: f32 = suggestion
        .evidence
        .iter()
        .map(|e| {
            cal.probability(&crate::model::calibration::Case {
                signal: e.signal,
                stance: suggestion.stance,
                kind,
                sentences: n,
                cues: e.cues.len(),
            })
        })
        .sum();
    suggestion.confidence = (sum / n as f32 * 100.0).round() / 100.0;
}

/// Combines the cues on one cell into a stance and a confidence.
pub(super) fn aggregate(
    actor: ActorId,
    topic: TopicId,
    cues: &[(SentenceId, String, i32, Signal)],
) -> StanceSuggestion {
    let scores: Vec<i32> = cues.iter().map(|c| c.2).collect();
    let (stance, confidence) = crate::model::scoring::from_cues(&scores);
    // Cues arrive in reading order, so one sentence's cues are neighbours: merging with the last
    // entry keeps this linear however many sentences feed the cell.
    let mut evidence: Vec<Evidence> = Vec::new();
    for (sentence, cue, _, signal) in cues {
        match evidence.last_mut() {
            Some(e) if e.sentence == *sentence => {
                if !e.cues.contains(cue) {
                    e.cues.push(cue.clone());
                }
            }
            _ => evidence.push(Evidence {
                sentence: *sentence,
                cues: vec![cue.clone()],
                signal: *signal,
            }),
        }
    }
    debug_assert!(evidence.windows(2).all(|w| w[0].sentence < w[1].sentence));
    StanceSuggestion {
        actor,
        topic,
        stance,
        confidence: (confidence.min(0.95) * 100.0).round() / 100.0,
        evidence,
    }
}
