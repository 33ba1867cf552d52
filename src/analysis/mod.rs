//! Article to briefing: actors, topics and stance suggestions with their evidence.
//!
//! The analysis is rule-based and explainable: every stance it suggests points at the sentences
//! and cue words behind it, so an analyst can check it in a second and overrule it by hand.
//!
//! 1. Actors: lexicon names and metonyms ("the Kremlin" is Russia), demonyms ("American"), people
//!    found by title ("Ukrainian President Volodymyr Zelensky") or apposition ("Yuri Ushakov,
//!    diplomatic advisor to the Russian presidency"), their later surnames (spelling variants
//!    such as "Zelenskyy" included), role references ("the Ukrainian president") and pronouns.
//!    Datelines and headings are not statements, so nothing in them counts.
//! 2. Topics (module `topics`): named issues from the lexicon, and phrases built on head words ("Miami
//!    talks"); a bare "the talks" refers back to the latest topic of its family.
//! 3. Stances: each cue word is held by the actor named nearest before it in the sentence (or,
//!    failing that, after it: "this denial came from ..."), applies to the topic named after it
//!    (else before it, else the topic carried from the previous sentence), and a negator just
//!    before it turns it around ("not confident" is doubt).

pub mod corpus;
pub mod grammar;
pub mod hand_names;
pub mod lexicon;
mod matcher;
mod names;
mod people;
mod stances;
pub(crate) use stances::Here;
use stances::{EvidenceMap, aggregate, calibrate};
mod topics;

use crate::model::{
    Actor, ActorId, ActorKind, Briefing, Stance, StanceSuggestion, Topic, TopicId, slug,
};
use crate::parse::{Article, Span};
use lexicon::{CueShape, Lexicon};
use matcher::{Patterns, find_in_sentences};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// What a pattern of the case-sensitive automaton stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NamePat {
    /// A name of lexicon actor `n`.
    Actor(u32),
    /// A demonym of lexicon actor `n`.
    Demonym(u32),
    /// A name of lexicon person `n`.
    Person(u32),
    Title,
    Pronoun,
    /// A place that is not an actor (it only keeps a country inside its name from matching).
    Place,
}

/// What a pattern of the case-insensitive automaton stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordPat {
    /// A cue, the part its form can play, and who holds it.
    Cue(Stance, CueShape, lexicon::Frame),
    /// A phrase of lexicon topic `n`.
    Topic(u32),
    /// A head word of family `n`.
    Head(u32),
    Role,
    /// A verb of saying ("said", "told").
    Say,
}

/// The case-sensitive patterns: actor names and demonyms, people, titles, pronouns, places.
fn name_patterns(lexicon: &Lexicon) -> (Vec<String>, Vec<NamePat>) {
    let mut names = Vec::new();
    let mut name_pats = Vec::new();
    for (i, a) in lexicon.actors.actors.iter().enumerate() {
        for n in &a.names {
            names.push(n.clone());
            name_pats.push(NamePat::Actor(i as u32));
        }
        for n in &a.adjectives {
            names.push(n.clone());
            name_pats.push(NamePat::Demonym(i as u32));
        }
    }
    for (i, p) in lexicon.actors.people.iter().enumerate() {
        for n in p.names.iter().chain(std::iter::once(&p.name)) {
            names.push(n.clone());
            name_pats.push(NamePat::Person(i as u32));
        }
    }
    for t in &lexicon.actors.titles {
        names.push(t.clone());
        name_pats.push(NamePat::Title);
        let lower = t.to_lowercase();
        if lower != *t && !t.ends_with('.') {
            names.push(lower);
            name_pats.push(NamePat::Title);
        }
    }
    for p in &lexicon.actors.pronouns {
        names.push(p.clone());
        name_pats.push(NamePat::Pronoun);
    }
    for p in &lexicon.actors.places {
        names.push(p.clone());
        name_pats.push(NamePat::Place);
    }

    (names, name_pats)
}

/// The case-insensitive patterns: cue forms, topic phrases, family heads, roles, verbs of
/// saying.
fn word_patterns(lexicon: &Lexicon) -> (Vec<String>, Vec<WordPat>) {
    let mut words = Vec::new();
    let mut word_pats = Vec::new();
    let mut push_word = |text: &str, pat: WordPat| {
        // Cues written with a straight apostrophe also match the typographic one.
        words.push(text.to_owned());
        word_pats.push(pat);
        if text.contains('\'') {
            words.push(text.replace('\'', "’"));
            word_pats.push(pat);
        }
    };
    for c in lexicon.cues.forms() {
        push_word(&c.text, WordPat::Cue(c.stance, c.shape, c.frame));
    }
    for (i, t) in lexicon.topics.topics.iter().enumerate() {
        for p in &t.phrases {
            push_word(p, WordPat::Topic(i as u32));
        }
    }
    for (i, f) in lexicon.topics.families.iter().enumerate() {
        for h in &f.heads {
            push_word(h, WordPat::Head(i as u32));
        }
    }
    for r in &lexicon.actors.roles {
        push_word(r, WordPat::Role);
    }
    for w in &lexicon.words.saying {
        push_word(w, WordPat::Say);
    }
    (words, word_pats)
}

/// The analyser for the bundled lexicon, compiled on first use.
static BUNDLED: OnceLock<Analyzer> = OnceLock::new();

/// The id the next analyser built gets.
static NEXT_ANALYZER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A lexicon compiled for fast matching. Build it once and analyse many articles with it.
pub struct Analyzer {
    lexicon: Lexicon,
    names: Patterns,
    name_pats: Vec<NamePat>,
    words: Patterns,
    word_pats: Vec<WordPat>,
    negators: HashSet<String>,
    ignore_modifiers: HashSet<String>,
    given_names: HashSet<String>,
    /// The family of each lexicon topic, from the last word of its phrases.
    topic_family: Vec<Option<u32>>,
    /// The head words of the topic families, lower case ("bill", "deal").
    family_heads: HashSet<String>,
    /// The gazetteer's people by each of their names (as `corpus::name_key` folds them), with
    /// the lexicon id of their party or country and their title.
    gazetteer: HashMap<String, (Option<String>, Option<String>)>,
    /// Tells this analyser from every other one built in this process.
    id: u64,
    /// Reads sentence structure, when the analyser has a parser; cues are then held and
    /// negated as the tree says.
    grammar: Option<std::sync::Arc<dyn grammar::Parse>>,
    /// The lexicon's word lists, for looking up.
    lists: Words,
}

/// The lexicon's word lists (`words.ron`) as sets.
#[derive(Debug, Default)]
pub(crate) struct Words {
    pub saying: HashSet<String>,
    pub organs: HashSet<String>,
    pub events: HashSet<String>,
    pub state_bodies: HashSet<String>,
    pub groups: HashSet<String>,
    pub light_nouns: HashSet<String>,
    pub kind_nouns: HashSet<String>,
    pub addressee_verbs: HashSet<String>,
    pub named_things: HashSet<String>,
}

impl Words {
    fn new(lists: &lexicon::WordLists) -> Self {
        let set = |l: &[String]| l.iter().cloned().collect();
        Self {
            saying: set(&lists.saying),
            organs: set(&lists.organs),
            events: set(&lists.event_words),
            state_bodies: set(&lists.state_bodies),
            groups: set(&lists.groups),
            light_nouns: set(&lists.light_nouns),
            kind_nouns: set(&lists.kind_nouns),
            addressee_verbs: set(&lists.addressee_verbs),
            named_things: set(&lists.named_things),
        }
    }

    /// Whether `word` is the head word of a body's name ("Assembly", "Party").
    pub fn body_head(&self, word: &str) -> bool {
        self.state_bodies.contains(word) || self.groups.contains(word)
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl Analyzer {
    /// Compiles a lexicon.
    pub fn new(lexicon: Lexicon) -> Self {
        let (names, name_pats) = name_patterns(&lexicon);
        let (words, word_pats) = word_patterns(&lexicon);
        let topic_family = lexicon
            .topics
            .topics
            .iter()
            .map(|t| {
                t.phrases.iter().find_map(|p| {
                    let last = p.rsplit(' ').next()?.to_lowercase();
                    lexicon
                        .topics
                        .families
                        .iter()
                        .position(|f| f.heads.iter().any(|h| h.to_lowercase() == last))
                        .map(|i| i as u32)
                })
            })
            .collect();
        Self {
            id: NEXT_ANALYZER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            names: Patterns::new(names, false),
            name_pats,
            words: Patterns::new(words, true),
            word_pats,
            negators: lexicon
                .cues
                .negators
                .iter()
                .map(|n| n.to_lowercase())
                .collect(),
            ignore_modifiers: lexicon
                .topics
                .ignore_modifiers
                .iter()
                .map(|n| n.to_lowercase())
                .collect(),
            // The gazetteer's people are found by their given names like anyone's; an initial
            // ("C. Scott Franklin") is no given name ("the D.C. Circuit" named "C. Circuit").
            given_names: lexicon
                .given_names
                .iter()
                .cloned()
                .chain(lexicon.gazetteer.iter().flat_map(|p| {
                    p.names.iter().filter_map(|n| {
                        n.split_whitespace()
                            .next()
                            .filter(|w| !(w.ends_with('.') && w.chars().count() <= 2))
                            .map(str::to_owned)
                    })
                }))
                .collect(),
            gazetteer: lexicon
                .gazetteer
                .iter()
                .flat_map(|p| {
                    p.names
                        .iter()
                        .map(|n| (corpus::name_key(n), (p.affiliation.clone(), p.role.clone())))
                })
                .collect(),
            topic_family,
            grammar: None,
            lists: Words::new(&lexicon.words),
            family_heads: lexicon
                .topics
                .families
                .iter()
                .flat_map(|f| &f.heads)
                .map(|h| h.to_lowercase())
                .collect(),
            lexicon,
        }
    }

    /// Which analyser this is: no two built in one process share it, so a document read with
    /// one can tell whether it must be read again with another.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The analyser for the bundled lexicon if it has been compiled already (never compiles
    /// it: the window asks this on its own thread).
    pub fn bundled_if_compiled() -> Option<&'static Analyzer> {
        BUNDLED.get()
    }

    /// The analyser for the bundled lexicon, compiled on first use.
    pub fn bundled() -> &'static Analyzer {
        BUNDLED.get_or_init(|| {
            // A test checks that the bundled files parse, so this only guards odd builds.
            Analyzer::new(Lexicon::bundled().unwrap_or_default())
        })
    }

    /// The bundled lexicon extended with the files in `dir` (see [`Lexicon::extend_from_dir`]).
    pub fn with_lexicon_dir(dir: &std::path::Path) -> Result<Self, lexicon::LexiconError> {
        let mut lexicon = Lexicon::bundled()?;
        lexicon.extend_from_dir(dir)?;
        Ok(Self::new(lexicon))
    }

    /// The bundled lexicon, extended with the files in `dir` when given, and with the
    /// analyst's codebook (see [`Lexicon::add_codebook`]).
    pub fn with_codebook(
        dir: Option<&std::path::Path>,
        book: &crate::model::codebook::Codebook,
    ) -> Result<Self, lexicon::LexiconError> {
        let mut lexicon = Lexicon::bundled()?;
        if let Some(dir) = dir {
            lexicon.extend_from_dir(dir)?;
        }
        lexicon.add_codebook(book);
        Ok(Self::new(lexicon))
    }

    /// This analyser reading sentence structure with `parser` (another analyser: its id
    /// changes).
    #[must_use]
    pub fn with_parser(mut self, parser: std::sync::Arc<dyn grammar::Parse>) -> Self {
        self.grammar = Some(parser);
        self.id = NEXT_ANALYZER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self
    }

    /// The lexicon this analyser was built from.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Analyses one article.
    pub fn analyze(&self, article: &Article) -> Briefing {
        self.analyze_with_highlights(article).0
    }

    /// Analyses one article and also returns where actors and cues stand in its text, for a
    /// reader that highlights them.
    pub fn analyze_with_highlights(&self, article: &Article) -> (Briefing, Highlights) {
        // The two passes over the text are independent: on a large article, run them side by
        // side (a small one is not worth a thread).
        let len = article.text.len();
        let (name_set, word_set) = (self.names.for_text(len), self.words.for_text(len));
        let (names, words) = if len > 256 * 1024 {
            std::thread::scope(|scope| {
                let names = scope.spawn(|| find_in_sentences(name_set, article));
                let words = find_in_sentences(word_set, article);
                let names = names
                    .join()
                    .unwrap_or_else(|_| find_in_sentences(name_set, article));
                (names, words)
            })
        } else {
            (
                find_in_sentences(name_set, article),
                find_in_sentences(word_set, article),
            )
        };
        let mut work = Work::new(self, article);
        let mentions = people::mentions(&mut work, &names, &words);
        let topic_mentions = topics::mentions(&mut work, &names, &words, &mentions);
        let evidence = work.stance_evidence(&mentions, &topic_mentions, &words);
        let cues = words
            .iter()
            .filter_map(|h| match self.word_pats[h.pattern] {
                WordPat::Cue(stance, ..) => Some((h.span, stance)),
                _ => None,
            })
            .collect();
        let (briefing, actor_rank) = work.finish(evidence);
        let mentions = mentions
            .iter()
            .filter_map(|m| {
                let rank = *actor_rank.get(&m.actor?)?;
                Some((m.span, rank as u32))
            })
            .collect();
        (briefing, Highlights { mentions, cues })
    }
}

/// Where the analysis found things in an article's text, sorted by position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlights {
    /// Actor mentions: the span and the index of the actor in [`Briefing::actors`].
    pub mentions: Vec<(Span, u32)>,
    /// Cue words and the stance each signals (before any negation).
    pub cues: Vec<(Span, Stance)>,
}

/// Analyses an article with the bundled lexicon.
///
/// ```
/// use briefing::analysis::analyze;
/// use briefing::load::Format;
/// use briefing::model::{ActorId, Stance, TopicId};
/// use briefing::parse::parse_text;
///
/// let article = parse_text(
///     "Moscow rejected the peace deal. Kyiv welcomed the peace deal.",
///     Format::Text,
/// );
/// let briefing = analyze(&article);
/// let stance = |actor: &str| {
///     let cell = briefing.stance(&ActorId(actor.into()), &TopicId("ending-the-war".into()));
///     cell.map(|s| s.stance)
/// };
/// assert_eq!(stance("russia"), Some(Stance::Oppose));
/// assert_eq!(stance("ukraine"), Some(Stance::Support));
/// ```
pub fn analyze(article: &Article) -> Briefing {
    Analyzer::bundled().analyze(article)
}

/// An actor being assembled.
#[derive(Debug)]
pub(crate) struct ActorBuild {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub affiliation: Option<usize>,
    pub role: Option<String>,
    pub aliases: BTreeSet<String>,
    pub mentions: u32,
    pub first: u32,
}

/// A topic being assembled.
#[derive(Debug)]
pub(crate) struct TopicBuild {
    pub id: String,
    pub name: String,
    pub family: Option<u32>,
    pub phrases: BTreeSet<String>,
    pub mentions: u32,
    pub first: u32,
    pub from_lexicon: bool,
}

/// A reference to an actor in a sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    pub span: Span,
    pub sentence: u32,
    /// `None` for a pronoun not yet resolved.
    pub actor: Option<usize>,
}

/// A reference to a topic in a sentence, resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TopicMention {
    pub span: Span,
    pub sentence: u32,
    pub topic: usize,
}

/// Working state of one analysis.
pub(crate) struct Work<'a> {
    pub an: &'a Analyzer,
    pub article: &'a Article,
    pub actors: Vec<ActorBuild>,
    pub lex_actor: HashMap<u32, usize>,
    pub lex_person: HashMap<u32, usize>,
    /// Actors found by name in this article (people, bodies), by lower-case name.
    pub actor_by_name: HashMap<String, usize>,
    pub topics: Vec<TopicBuild>,
    pub topic_by_key: HashMap<String, usize>,
    pub topic_ids: HashSet<String>,
}

impl<'a> Work<'a> {
    fn new(an: &'a Analyzer, article: &'a Article) -> Self {
        Self {
            an,
            article,
            actors: Vec::new(),
            lex_actor: HashMap::new(),
            lex_person: HashMap::new(),
            actor_by_name: HashMap::new(),
            topics: Vec::new(),
            topic_by_key: HashMap::new(),
            topic_ids: HashSet::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        &self.article.text
    }

    pub fn sentence_span(&self, sentence: u32) -> Span {
        self.article.sentences[sentence as usize].span
    }

    /// The actor for lexicon entry `i`, created on first use.
    pub fn lex_actor(&mut self, i: u32) -> usize {
        if let Some(&a) = self.lex_actor.get(&i) {
            return a;
        }
        let entry = &self.an.lexicon.actors.actors[i as usize];
        let idx = self.push_actor(ActorBuild {
            id: entry.id.clone(),
            name: entry.name.clone(),
            kind: entry.kind,
            affiliation: None,
            role: None,
            aliases: BTreeSet::new(),
            mentions: 0,
            first: u32::MAX,
        });
        self.lex_actor.insert(i, idx);
        idx
    }

    /// The actor whose lexicon id is `id`.
    fn lex_actor_by_id(&mut self, id: &str) -> Option<usize> {
        let i = self
            .an
            .lexicon
            .actors
            .actors
            .iter()
            .position(|a| a.id == id)?;
        Some(self.lex_actor(i as u32))
    }

    /// The person for lexicon entry `i`, created on first use.
    pub fn lex_person(&mut self, i: u32) -> usize {
        if let Some(&a) = self.lex_person.get(&i) {
            return a;
        }
        let entry = &self.an.lexicon.actors.people[i as usize];
        let affiliation = entry
            .affiliation
            .clone()
            .and_then(|id| self.lex_actor_by_id(&id));
        let idx = self.person(&entry.name.clone(), affiliation, entry.role.clone());
        self.lex_person.insert(i, idx);
        idx
    }

    /// The organisation or group named `name` ("House Intelligence Committee"), created on first
    /// use.
    pub fn body(&mut self, name: &str, kind: ActorKind, affiliation: Option<usize>) -> usize {
        self.named(name, kind, affiliation, None)
    }

    /// The person named `name`, created on first use; later calls fill in what was missing.
    pub fn person(
        &mut self,
        name: &str,
        affiliation: Option<usize>,
        role: Option<String>,
    ) -> usize {
        self.named(name, ActorKind::Person, affiliation, role)
    }

    /// The actor found by its name in this article (not a lexicon entry), created on first use;
    /// later calls fill in the affiliation and role when they were missing.
    fn named(
        &mut self,
        name: &str,
        kind: ActorKind,
        affiliation: Option<usize>,
        role: Option<String>,
    ) -> usize {
        let key = name.to_lowercase();
        if let Some(&idx) = self.actor_by_name.get(&key) {
            let a = &mut self.actors[idx];
            if a.affiliation.is_none() {
                a.affiliation = affiliation;
            }
            if a.role.is_none() {
                a.role = role;
            }
            return idx;
        }
        let prefix = if kind == ActorKind::Person {
            "person"
        } else {
            "body"
        };
        // A person the gazetteer knows belongs to their party or country, with their title,
        // unless the text says otherwise.
        let known = match kind {
            ActorKind::Person => self.an.gazetteer.get(&corpus::name_key(name)).cloned(),
            _ => None,
        };
        let (affiliation, role) = match known {
            Some((known_affiliation, known_role)) => (
                affiliation.or_else(|| known_affiliation.and_then(|id| self.lex_actor_by_id(&id))),
                role.or(known_role),
            ),
            None => (affiliation, role),
        };
        let idx = self.push_actor(ActorBuild {
            id: format!("{prefix}:{}", slug(name)),
            name: name.to_owned(),
            kind,
            affiliation,
            role,
            aliases: BTreeSet::new(),
            mentions: 0,
            first: u32::MAX,
        });
        self.actor_by_name.insert(key, idx);
        idx
    }

    fn push_actor(&mut self, actor: ActorBuild) -> usize {
        self.actors.push(actor);
        self.actors.len() - 1
    }

    /// Counts a mention of `actor` written as `surface` in `sentence`.
    pub fn count_mention(&mut self, actor: usize, surface: &str, sentence: u32) {
        let a = &mut self.actors[actor];
        a.mentions += 1;
        a.first = a.first.min(sentence);
        if surface != a.name && !a.aliases.contains(surface) {
            a.aliases.insert(surface.to_owned());
        }
    }

    /// Turns the collected evidence into the public briefing, in a stable order.
    fn finish(mut self, evidence: EvidenceMap) -> (Briefing, HashMap<usize, usize>) {
        let with_stance: HashSet<usize> = evidence.keys().map(|&(_, t)| t).collect();
        // Actors: most mentioned first, then in reading order.
        let affiliations: HashSet<usize> = self
            .actors
            .iter()
            .filter(|a| a.mentions > 0)
            .filter_map(|a| a.affiliation)
            .collect();
        let mut actor_order: Vec<usize> = (0..self.actors.len())
            .filter(|&i| self.actors[i].mentions > 0 || affiliations.contains(&i))
            .collect();
        actor_order.sort_by_key(|&i| {
            let a = &self.actors[i];
            (std::cmp::Reverse(a.mentions), a.first, a.id.clone())
        });
        let mut topic_order: Vec<usize> = (0..self.topics.len())
            .filter(|&i| {
                let t = &self.topics[i];
                // A bare "the talks" never seen with a stance is not worth a column.
                with_stance.contains(&i)
                    || (t.from_lexicon && t.mentions > 0)
                    || (!t.phrases.is_empty() && t.mentions >= 2)
            })
            .collect();
        topic_order.sort_by_key(|&i| (self.topics[i].first, self.topics[i].id.clone()));
        let actor_rank: HashMap<usize, usize> = actor_order
            .iter()
            .enumerate()
            .map(|(r, &i)| (i, r))
            .collect();
        let topic_rank: HashMap<usize, usize> = topic_order
            .iter()
            .enumerate()
            .map(|(r, &i)| (i, r))
            .collect();

        let mut stances: Vec<(usize, usize, StanceSuggestion)> = evidence
            .into_iter()
            .filter_map(|((a, t), cues)| {
                let mut suggestion = aggregate(
                    ActorId(self.actors[a].id.clone()),
                    TopicId(self.topics[t].id.clone()),
                    &cues,
                );
                calibrate(&mut suggestion, self.actors[a].kind);
                Some((*actor_rank.get(&a)?, *topic_rank.get(&t)?, suggestion))
            })
            .collect();
        stances.sort_by_key(|(a, t, _)| (*a, *t));

        let ids: Vec<String> = self.actors.iter().map(|a| a.id.clone()).collect();
        let actors = actor_order
            .iter()
            .map(|&i| {
                let a = &mut self.actors[i];
                Actor {
                    id: ActorId(a.id.clone()),
                    name: a.name.clone(),
                    kind: a.kind,
                    aliases: std::mem::take(&mut a.aliases).into_iter().collect(),
                    mentions: a.mentions,
                    affiliation: a.affiliation.map(|f| ActorId(ids[f].clone())),
                    role: a.role.clone(),
                }
            })
            .collect();
        let topics = topic_order
            .iter()
            .map(|&i| {
                let t = &mut self.topics[i];
                Topic {
                    id: TopicId(t.id.clone()),
                    name: t.name.clone(),
                    phrases: std::mem::take(&mut t.phrases).into_iter().collect(),
                    mentions: t.mentions,
                }
            })
            .collect();
        let briefing = Briefing {
            actors,
            topics,
            stances: stances.into_iter().map(|(_, _, s)| s).collect(),
        };
        (briefing, actor_rank)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use std::path::Path;

    fn doc(text: &str) -> Document {
        doc_with(text, Analyzer::bundled())
    }

    #[test]
    fn a_codebook_names_topics_and_actors_and_takes_the_stance_first() {
        use crate::model::codebook::{Codebook, CodedActor, CodedTopic};
        let book = Codebook {
            topics: vec![CodedTopic {
                name: "Term limits".into(),
                phrases: vec!["lifetime limits".into()],
            }],
            actors: vec![CodedActor {
                name: "International Atomic Energy Agency".into(),
                kind: ActorKind::Organisation,
                aliases: vec!["IAEA".into(), "the agency".into()],
            }],
            ..Codebook::default()
        };
        let analyzer = Analyzer::with_codebook(None, &book).expect("lexicon");
        let text = "Senator Ted Cruz proposed the amendment to set lifetime limits for service \
                    in Congress.\nThe IAEA rejected the inspection plan on Monday.\n";
        let doc = doc_with(text, &analyzer);
        let b = &*doc.briefing;
        let cruz = b
            .stance(
                &ActorId("person:ted-cruz".into()),
                &TopicId("codebook:term-limits".into()),
            )
            .expect("Cruz on the codebook topic, not on 'the amendment'");
        assert_eq!(cruz.stance, Stance::Support);
        let iaea = b
            .actors
            .iter()
            .find(|a| a.id.0 == "body:international-atomic-energy-agency")
            .expect("the codebook's actor");
        assert_eq!(iaea.kind, ActorKind::Organisation);
        assert!(iaea.aliases.contains(&"IAEA".to_owned()), "{iaea:?}");
        // Without the codebook the same sentence is on another topic.
        let plain = doc_with(text, Analyzer::bundled());
        assert!(
            plain
                .briefing
                .topics
                .iter()
                .all(|t| !t.id.0.starts_with("codebook:"))
        );
    }

    /// The column each actor's stance lands in, by actor id.
    /// Whether `got` (from [`columns`]) holds `actor`'s stance in the column `topic`.
    fn holds(got: &[(String, String)], actor: &str, topic: &str) -> bool {
        got.iter().any(|(a, t)| a == actor && t == topic)
    }

    fn columns(d: &Document) -> Vec<(String, String)> {
        d.briefing
            .stances
            .iter()
            .map(|s| {
                let topic = d.briefing.topics.iter().find(|t| t.id == s.topic);
                (
                    s.actor.0.clone(),
                    topic.map_or(String::new(), |t| t.name.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn an_open_topic_ends_on_its_last_noun() {
        let d = doc(concat!(
            "Greece backed bold solutions we can afford.\n\n",
            "Spain supported the rollback almost immediately.\n\n",
            "Italy advocates Puerto Rico becoming a state.\n",
        ));
        let got = columns(&d);
        for (actor, topic) in [("greece", "Bold solutions"), ("spain", "Rollback")] {
            assert!(holds(&got, actor, topic), "{actor} on {topic}: {got:?}");
        }
        // A name with a verb after it is a clause about the name: cut to the name, Italy's
        // stance would land in a column named after a place.
        assert!(
            got.iter().any(|(a, t)| a == "italy" && t != "Puerto Rico"),
            "{got:?}"
        );
    }

    #[test]
    fn a_bare_definite_head_speaks_of_the_issue_named_before_it() {
        let d = doc(concat!(
            "Turkey signed a maritime border agreement with Libya in November.\n\n",
            "Greece rejected the demarcation on Monday.\n",
        ));
        let got = columns(&d);
        assert!(
            holds(&got, "greece", "Maritime border agreement"),
            "{got:?}"
        );
        // With nothing named before, the word is the topic.
        let d = doc("Greece rejected the demarcation on Monday.\n");
        assert_eq!(
            columns(&d),
            vec![("greece".to_owned(), "Demarcation".to_owned())]
        );
    }

    #[test]
    fn a_stance_on_a_candidacy_or_on_what_an_actor_owns_has_a_column_named_for_it() {
        let d = doc(concat!(
            "Bernie Sanders endorsed former Vice President Joe Biden for president.\n\n",
            "Joe Biden criticized Donald Trump's refusal to debate.\n\n",
            "Elijah Cummings voted against the Iraq War in 2002.\n\n",
            "The European Union sanctioned Iran.\n\n",
            "Syria's neighbours welcomed President Bashar al-Assad.\n\n",
            "Bernie Sanders criticized Mitch McConnell.\n",
        ));
        let got = columns(&d);
        let on =
            |actor: &str, topic: &str| got.iter().any(|(a, t)| a.contains(actor) && t == topic);
        // Backing a person for an office is a stance on their candidacy, named for them (not
        // "Former Vice President Joe").
        assert!(on("sanders", "Joe Biden's candidacy"), "{got:?}");
        // Otherwise a person is no topic, whatever their title.
        for person in ["Bashar al-Assad", "Mitch McConnell"] {
            assert!(!got.iter().any(|(_, t)| t.contains(person)), "{got:?}");
        }
        // Trump's refusal is on the refusal, not on Trump; whose refusal says which one.
        assert!(on("biden", "Donald Trump's refusal"), "{got:?}");
        // A name that goes on is part of a phrase about something else.
        assert!(on("cummings", "Iraq War"), "{got:?}");
        // A country is never a topic.
        assert!(!got.iter().any(|(_, t)| t == "Iran"), "{got:?}");
    }

    #[test]
    fn one_of_a_kind_is_the_articles_own_and_an_issue_is_everyones() {
        let d = doc(concat!(
            "Drones strike Saudi oil plant\n\n",
            "Greece condemned the attack on Saturday.\n\n",
            "Italy opposes immigration.\n\n",
            "Spain rejected the government of Yemen.\n",
        ));
        let got = columns(&d);
        // "The attack" is this article's: another article's attack is another column.
        assert!(
            holds(&got, "greece", "Attack (Drones strike Saudi oil plant)"),
            "{got:?}"
        );
        assert!(holds(&got, "italy", "Immigration"), "{got:?}");
        // A government is an actor, not an issue.
        assert!(
            !got.iter().any(|(_, t)| t.starts_with("Government")),
            "{got:?}"
        );
    }

    #[test]
    fn owners_in_a_row_end_the_look_for_a_topic() {
        // Each owner sends the look past it: thousands in a row must not run the stack out.
        let text = format!("Greece rejected {}demands.\n", "Italy's ".repeat(20_000));
        let d = doc(&text);
        assert!(
            !columns(&d).iter().any(|(_, t)| t.ends_with("demands")),
            "{:?}",
            columns(&d)
        );
        let d = doc("Greece rejected Italy's demands.\n");
        assert_eq!(
            columns(&d),
            vec![("greece".to_owned(), "Italy's demands".to_owned())]
        );
    }

    #[test]
    fn a_loose_phrase_with_no_noun_is_no_column() {
        let d = doc(concat!(
            "Germany discussed the sanctions on Iran.\n\n",
            "Germany plans to repatriate soon.\n",
        ));
        let got = columns(&d);
        assert!(!got.is_empty(), "{got:?}");
        assert!(!got.iter().any(|(_, t)| t == "Repatriate"), "{got:?}");
    }

    #[test]
    fn a_stance_naming_no_topic_takes_the_articles_main_one_where_its_section_speaks_of_it() {
        let d = doc(concat!(
            "Talks resume in Geneva\n\n",
            "Germany rejected it outright on Monday. The ceasefire plan was discussed in ",
            "Geneva for a second day.\n\n",
            "Signals from the front\n\n",
            "Italy rejected it outright.\n",
        ));
        let got = columns(&d);
        let main = d
            .briefing
            .topics
            .iter()
            .max_by_key(|t| t.mentions)
            .expect("a topic");
        // "It outright" is no topic: Germany's stance is on what the section speaks of.
        assert_eq!(got, vec![("germany".to_owned(), main.name.clone())]);
        // The section on the front never names the talks: Italy's "it" is unknown.
        assert!(!got.iter().any(|(a, _)| a == "italy"), "{got:?}");
    }

    #[test]
    fn the_last_sentences_topic_carries_two_sentences_and_a_round_up_has_no_main_topic() {
        let d = doc(concat!(
            "News in brief\n\n",
            "The ceasefire plan was discussed in Geneva. Germany rejected it outright. ",
            "The Nordic fund was closed on Tuesday. The pension reform was signed in Paris. ",
            "The mining bill was delayed. The fisheries quota was cut. The gas pipeline was ",
            "halted. Storms hit the coast. Rain fell in the north. Italy rejected it outright.\n",
        ));
        let got = columns(&d);
        // Right after the ceasefire plan is named, "it" is the plan.
        assert!(holds(&got, "germany", "Ending the war"), "{got:?}");
        // Three sentences after the pipeline, in a round-up that no topic dominates, nothing
        // says what Italy rejected: no stance, rather than one on the pipeline.
        assert!(!got.iter().any(|(a, _)| a == "italy"), "{got:?}");
    }

    #[test]
    fn a_light_noun_before_of_gives_way_to_what_follows_and_via_ends_a_phrase() {
        let d = doc(concat!(
            "Germany backed some form of impeachment.\n\n",
            "France criticized a new type of sanctions via Twitter.\n",
        ));
        let got = columns(&d);
        assert!(holds(&got, "germany", "Impeachment"), "{got:?}");
        assert!(holds(&got, "france", "Sanctions"), "{got:?}");
    }

    #[test]
    fn words_that_name_no_issue_in_a_release_make_no_column() {
        let d = doc(concat!(
            "Releases\n\n",
            "Greece recognizes the importance of climate action.\n\n",
            "Spain backed barriers to U.S. goods.\n\n",
            "Italy backed a $500 million program for farmers.\n\n",
            "France supported the U.S.-Africa Leaders Summit.\n\n",
            "Germany remains committed to working closely with partners.\n\n",
            "Poland signed an Executive Order on schools.\n\n",
            "Sweden increased support to Federal, state, and local police.\n",
        ));
        let got = columns(&d);
        assert!(holds(&got, "greece", "Climate action"), "{got:?}");
        // Whose bill, and that both parties back it, do not say which bill.
        let bill = columns(&doc(
            "Releases\n\nNorway backed the bipartisan Senate bill.\n",
        ));
        assert!(holds(&bill, "norway", "Bill (Releases)"), "{bill:?}");
        let farm = columns(&doc("Denmark supported passage of the farm bill.\n"));
        assert!(holds(&farm, "denmark", "Farm bill"), "{farm:?}");
        assert!(holds(&got, "italy", "Program (Releases)"), "{got:?}");
        assert!(holds(&got, "france", "Africa Leaders Summit"), "{got:?}");
        for junk in ["U", "Importance", "Million program", "Working", "Federal"] {
            assert!(!got.iter().any(|(_, t)| t == junk), "{junk}: {got:?}");
        }
        // Which order: the article's.
        assert!(
            got.iter()
                .any(|(a, t)| a == "poland" && t == "Executive Order (Releases)"),
            "{got:?}"
        );
    }

    #[test]
    fn a_head_word_only_a_name_gives_is_the_articles_own_matter() {
        let got = columns(&doc(concat!(
            "House panel holds two ministers in contempt\n\n",
            "The House Oversight and Reform Committee met on Monday. Spain sharply criticized it.\n",
        )));
        assert!(
            holds(&got, "spain", "House panel holds two ministers in contempt"),
            "{got:?}"
        );
        assert!(!got.iter().any(|(_, t)| t.starts_with("Reform")), "{got:?}");
        // Nor is "Bill" of "Bill Clinton" a bill, nor the bill the article names later.
        let got = columns(&doc(concat!(
            "Impeachment vote\n\n",
            "Bill Clinton was impeached in 1998. Spain sharply criticized it. Norway backed the farm bill.\n",
        )));
        assert!(holds(&got, "spain", "Impeachment vote"), "{got:?}");
        assert!(holds(&got, "norway", "Farm bill"), "{got:?}");
    }

    #[test]
    fn who_is_asked_and_how_a_phrase_opens_name_no_issue() {
        let got = columns(&doc(concat!(
            "Talks\n\n",
            "Greece urged both sides to take the dispute to the tribunal.\n\n",
            "Spain called for the beginning of a presidential transition process.\n\n",
            "Italy opposed two different articles of impeachment.\n\n",
            "France supported the articles of impeachment.\n",
        )));
        // Who is asked is no issue; what they are asked to do is.
        assert!(holds(&got, "greece", "Take the dispute"), "{got:?}");
        // A beginning, like a passage, gives way to what follows "of".
        assert!(
            holds(&got, "spain", "Presidential transition process"),
            "{got:?}"
        );
        // "Different" does not say which articles: one column with the plain ones.
        assert!(holds(&got, "italy", "Articles"), "{got:?}");
        assert!(holds(&got, "france", "Articles"), "{got:?}");
        // Whose it is says which one: Israel's security is not Japan's.
        let owned = columns(&doc(concat!(
            "Talks\n\n",
            "Greece backed Israel's security.\n\n",
            "Spain supported Japan's security.\n",
        )));
        assert!(holds(&owned, "greece", "Israel's security"), "{owned:?}");
        assert!(holds(&owned, "spain", "Japan's security"), "{owned:?}");
        for junk in ["Sides", "Beginning", "Different articles"] {
            assert!(!got.iter().any(|(_, t)| t == junk), "{junk}: {got:?}");
        }
    }

    #[test]
    fn an_articles_own_topic_is_apart_from_one_of_a_title_opening_alike() {
        let topic = |text: &str| {
            let d = doc(text);
            let s = d.briefing.stances.first().expect("a stance");
            let t = d.briefing.topics.iter().find(|t| t.id == s.topic);
            t.map(|t| (t.id.0.clone(), t.name.clone()))
                .expect("its topic")
        };
        let a = topic(concat!(
            "Fact Sheet: President Donald J. Trump Ends Wasteful Spending\n\n",
            "Poland signed an Executive Order on schools.\n",
        ));
        let b = topic(concat!(
            "Fact Sheet: President Donald J. Trump Protects Farmers\n\n",
            "Poland signed an Executive Order on farms.\n",
        ));
        // The same short name, shown with the title's first words; two columns all the same.
        assert_eq!(a.1, b.1);
        assert_ne!(a.0, b.0);
    }

    #[test]
    fn a_photo_caption_names_actors_but_states_nothing() {
        let d = doc(concat!(
            "March in London\n\n",
            "Thousands marched against the plan on Saturday.\n\n",
            "\"Danny Dyer for PM\" sign. Image: mia! (flickr).\n\n",
            "Germany rejected the plan, a banner said. Image: John Lubbock (flickr).\n",
        ));
        let actors: Vec<&str> = d.briefing.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(actors.contains(&"Germany"), "{actors:?}");
        assert!(d.briefing.stances.is_empty(), "{:?}", d.briefing.stances);
    }

    #[test]
    fn a_known_name_ending_on_a_month_is_the_person_and_the_month_alone_is_no_one() {
        let d = doc(concat!(
            "Theresa May rejected the plan. Prime Minister Theresa May said no. ",
            "In May the Labour Party backed the deal. On 3 May, Labour rejected it.\n",
        ));
        let may = d
            .briefing
            .actors
            .iter()
            .find(|a| a.name == "Theresa May")
            .expect("Theresa May is found whole");
        assert_eq!(may.mentions, 2, "{may:?}");
        assert!(d.briefing.actors.iter().all(|a| a.name != "Theresa"));
    }

    #[test]
    fn a_role_word_before_a_name_introduces_a_person_and_a_leaders_administration_is_a_body() {
        let d = doc(concat!(
            "According to Samoa Observer editor Keni Lesa, the vaccine works. ",
            "The strike killed Iran's top general, Qasem Soleimani at the airport. ",
            "For weeks, the Trump administration has tried to add the question. ",
            "Donald Trump spoke.\n",
        ));
        let names: Vec<(&str, &str)> = d
            .briefing
            .actors
            .iter()
            .map(|a| (a.name.as_str(), a.kind.label()))
            .collect();
        for want in [
            ("Keni Lesa", "person"),
            ("Qasem Soleimani", "person"),
            ("Trump administration", "organisation"),
            ("Donald Trump", "person"),
        ] {
            assert!(names.contains(&want), "{want:?} in {names:?}");
        }
        // The administration's mention is not also one of Trump's.
        let trump = d.briefing.actors.iter().find(|a| a.name == "Donald Trump");
        assert_eq!(trump.map(|a| a.mentions), Some(1), "{trump:?}");
    }

    #[test]
    fn protesters_named_by_their_country_are_a_group() {
        let d = doc(concat!(
            "Thousands of Hong Kong protesters gathered on Friday. ",
            "Serbian protesters rejected the plan. Trump protesters marched.\n",
        ));
        let names: Vec<(&str, &str)> = d
            .briefing
            .actors
            .iter()
            .map(|a| (a.name.as_str(), a.kind.label()))
            .collect();
        assert!(
            names.contains(&("Hong Kong protesters", "group")),
            "{names:?}"
        );
        assert!(
            names.contains(&("Serbian protesters", "group")),
            "{names:?}"
        );
        // Protesters named after a person protest against him: no group of his.
        assert!(
            names.iter().all(|(n, _)| *n != "Trump protesters"),
            "{names:?}"
        );
    }

    #[test]
    fn an_initial_of_the_gazetteer_is_no_given_name() {
        let d = doc("The Court of Appeals for the D.C. Circuit vacated the conviction.\n");
        let names: Vec<&str> = d.briefing.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(names.iter().all(|n| !n.contains("Circuit")), "{names:?}");
    }

    #[test]
    fn the_united_kingdoms_countries_are_actors() {
        let d =
            doc("A Scottish court ruled against the plan. Wales and Northern Ireland backed it.\n");
        let names: Vec<&str> = d.briefing.actors.iter().map(|a| a.name.as_str()).collect();
        for country in ["Scotland", "Wales", "Northern Ireland"] {
            assert!(names.contains(&country), "{country}: {names:?}");
        }
    }

    #[test]
    fn a_clause_word_is_never_part_of_a_topic_name() {
        let d = doc("Greece opposed going to the court in the Hague if talks failed.\n");
        let names: Vec<&str> = d.briefing.topics.iter().map(|t| t.name.as_str()).collect();
        assert!(!names.is_empty(), "{names:?}");
        assert!(names.iter().all(|n| !n.contains(" if ")), "{names:?}");
    }

    #[test]
    fn world_leaders_and_armed_groups_are_known_with_their_country_and_title() {
        let text = "Syria talks resume\n\nBashar al-Assad rejected the proposal on Monday, \
                    while Recep Tayyip Erdoğan welcomed the ceasefire. Narendra Modi supported \
                    the plan. Boko Haram condemned the agreement.\n";
        let read = doc(text);
        let b = &*read.briefing;
        let actor = |name: &str| {
            b.actors
                .iter()
                .find(|a| a.name == name)
                .unwrap_or_else(|| panic!("{name} in {:?}", b.actors))
        };
        let affiliation = |name: &str| {
            let id = actor(name).affiliation.clone().expect("an affiliation");
            b.actors
                .iter()
                .find(|a| a.id == id)
                .expect("known")
                .name
                .clone()
        };
        // The Factbook spells him "al-Asad", and Erdoğan without the breve: one key folds both.
        for (name, country, title) in [
            ("Bashar al-Assad", "Syria", "President"),
            ("Recep Tayyip Erdoğan", "Turkey", "President"),
            ("Narendra Modi", "India", "Prime Minister"),
        ] {
            assert_eq!(actor(name).kind, ActorKind::Person, "{name}");
            assert_eq!(affiliation(name), country, "{name}");
            assert_eq!(actor(name).role.as_deref(), Some(title), "{name}");
        }
        assert_eq!(actor("Boko Haram").kind, ActorKind::Group);
        // With a title before it, the Arabic article stays part of the name.
        let titled = doc(
            "President Bashar al-Assad rejected the plan on Monday. Later, \
                          Assad said he opposed the deal.\n",
        );
        let assad = titled
            .briefing
            .actors
            .iter()
            .find(|a| a.name == "Bashar al-Assad")
            .unwrap_or_else(|| panic!("{:?}", titled.briefing.actors));
        // The surname without its article is the same man.
        assert!(assad.aliases.contains(&"Assad".to_owned()), "{assad:?}");
    }

    fn doc_with(text: &str, analyzer: &Analyzer) -> Document {
        let loaded =
            crate::load::load_bytes(Path::new("t.txt"), text.as_bytes().to_vec()).expect("loads");
        Document::from_loaded(Path::new("t.txt"), &loaded, analyzer).expect("analyses")
    }

    fn stances(text: &str) -> Vec<(String, Stance)> {
        let doc = doc(text);
        doc.briefing
            .stances
            .iter()
            .map(|s| (s.actor.0.clone(), s.stance))
            .collect()
    }

    #[test]
    fn a_verb_whose_object_holds_the_view() {
        // Active: the object holds it, not the subject.
        assert_eq!(
            stances("The sanctions angered Moscow."),
            [("russia".to_owned(), Stance::Oppose)]
        );
        let both = stances("The new sanctions on Iran angered Kyiv.");
        assert!(
            both.contains(&("ukraine".to_owned(), Stance::Oppose)),
            "{both:?}"
        );
        assert!(!both.iter().any(|(a, _)| a == "iran"), "{both:?}");
        // Passive: the subject holds it, as "by" names the cause, not a holder.
        assert_eq!(
            stances("Moscow was angered by the sanctions."),
            [("russia".to_owned(), Stance::Oppose)]
        );
        // Someone else's action: "Moscow angered Kyiv" gives Moscow no view.
        let acts =
            stances("The sanctions are in force.\n\nMoscow angered Kyiv over the sanctions.");
        assert!(!acts.iter().any(|(a, _)| a == "russia"), "{acts:?}");
    }

    #[test]
    fn a_bracketed_acronym_is_the_body_named_before_it() {
        let text =
            "The Popular Mobilization Forces (PMF) rejected the plan. Later the PMF denied it.\n";
        let doc = doc(text);
        let pmf = doc
            .briefing
            .actors
            .iter()
            .find(|a| a.name == "Popular Mobilization Forces")
            .expect("the body is found");
        assert!(pmf.aliases.contains(&"PMF".to_owned()), "{pmf:?}");
        assert_eq!(pmf.mentions, 3);
    }

    fn cells(text: &str) -> Vec<(String, String, Stance)> {
        let doc = doc(text);
        let b = &*doc.briefing;
        let name = |id: &TopicId| {
            b.topics
                .iter()
                .find(|t| &t.id == id)
                .map(|t| t.name.clone())
                .unwrap_or_default()
        };
        b.stances
            .iter()
            .map(|s| (s.actor.0.clone(), name(&s.topic), s.stance))
            .collect()
    }

    #[test]
    fn a_stance_is_on_the_cue_s_own_object_first() {
        let found = cells(
            "Ukraine backed the Miami talks. Russia approved a budget that pays for the Miami talks.\n",
        );
        assert!(
            found.contains(&("russia".into(), "Budget".into(), Stance::Support)),
            "{found:?}"
        );
        // A light noun is no issue: the doubts are about what the text is discussing.
        let found = cells(
            "Ukraine backed the Miami talks. Russia voiced doubts about the possibility of progress.\n",
        );
        assert!(
            found.contains(&("russia".into(), "Miami talks".into(), Stance::LeanOppose)),
            "{found:?}"
        );
    }

    #[test]
    fn a_reported_stance_is_the_speaker_s_too() {
        let found = stances(
            "Zakharova, a spokeswoman, said nothing. President Vladimir Putin said Ukraine rejected the plan.\n",
        );
        assert!(
            found.contains(&("ukraine".into(), Stance::Oppose)),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(a, s)| a.contains("putin") && *s == Stance::Oppose),
            "{found:?}"
        );
    }

    #[test]
    fn names_listed_with_a_title_between_share_the_stance() {
        let found = stances(
            "Bernie Sanders and former senator John Kerry backed Joe Biden for president.\n",
        );
        for who in ["bernie-sanders", "john-kerry"] {
            assert!(
                found
                    .iter()
                    .any(|(a, s)| a.contains(who) && *s == Stance::Support),
                "{who}: {found:?}"
            );
        }
    }

    #[test]
    fn titled_names_in_lower_case_and_with_apostrophes() {
        let text = "Greek prime minister Kyriakos Mitsotakis met Rep. Beto O'Rourke.\n";
        let doc = doc(text);
        let names: Vec<&str> = doc
            .briefing
            .actors
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert!(names.contains(&"Kyriakos Mitsotakis"), "{names:?}");
        assert!(names.contains(&"Beto O'Rourke"), "{names:?}");
    }

    #[test]
    fn adjectives_and_modifiers_hold_no_stance() {
        for text in [
            "Turkey and Greece argued over disputed islands.\n",
            "The decision was met by protesting students in Kyiv.\n",
            "Harley-Davidson, whose bikes top the EU list, called on both sides to talk.\n",
            "President Donald Trump tested positive for the virus.\n",
        ] {
            let found = stances(text);
            assert!(
                found.iter().all(|(a, _)| {
                    !matches!(a.as_str(), "turkey" | "greece" | "european-union")
                        && !a.contains("trump")
                }),
                "{text}: {found:?}"
            );
        }
        // What acts for a country holds its stance.
        let found = stances("The Russian foreign ministry rejected the plan.\n");
        assert_eq!(found, vec![("russia".to_owned(), Stance::Oppose)]);
    }

    #[test]
    fn a_quotation_over_several_sentences_is_its_speaker_s() {
        let found = cells(
            "Speaker Nancy Pelosi spoke in Kyiv on Friday: “We met the president. We reject the border wall.” Then the talks ended.\n",
        );
        assert!(
            found.iter().any(|(a, t, s)| a.contains("pelosi")
                && t == "Border wall"
                && *s == Stance::Oppose),
            "{found:?}"
        );
    }

    #[test]
    fn quoted_words_give_the_speaker_s_leaning() {
        let found = cells(
            "Ukraine backed the Miami talks. Senator John Kerry said: “This is a shameful and dangerous mistake.”\n",
        );
        assert!(
            found.contains(&(
                "person:john-kerry".into(),
                "Miami talks".into(),
                Stance::LeanOppose
            )),
            "{found:?}"
        );
        // Words that report what happened are no judgement.
        let found = cells(
            "Ukraine backed the Miami talks. Senator John Kerry said: “Ten people were killed and the building collapsed.”\n",
        );
        assert!(
            found.iter().all(|(a, ..)| !a.contains("kerry")),
            "{found:?}"
        );
    }

    /// Who holds a cue, and which way a negator turns it: one sentence each.
    #[test]
    fn holders_and_negation_table() {
        let table: &[(&str, &[(&str, Stance)])] = &[
            ("Russia rejected the plan.", &[("russia", Stance::Oppose)]),
            (
                "Russia did not reject the plan.",
                &[("russia", Stance::LeanSupport)],
            ),
            (
                "Ukraine is not confident about the plan.",
                &[("ukraine", Stance::LeanOppose)],
            ),
            (
                "Russia and Ukraine backed the plan.",
                &[("russia", Stance::Support), ("ukraine", Stance::Support)],
            ),
            (
                "The plan was rejected by Ukraine.",
                &[("ukraine", Stance::Oppose)],
            ),
            (
                "In Poland, Ukraine rejected the plan.",
                &[("ukraine", Stance::Oppose)],
            ),
            (
                "“We will never accept this plan,” Ukraine said.",
                &[("ukraine", Stance::LeanOppose)],
            ),
            ("The plan was rejected.", &[]),
            ("The attack on Ukraine was condemned.", &[]),
            // A share of a poll is no one's stance.
            (
                "Ukraine reached 3 percent support in the polls for the plan.",
                &[],
            ),
            ("Ukraine reached 3% support in the polls for the plan.", &[]),
            // An apposition describes the actor before it, who holds the cue.
            (
                "Mitch McConnell, the Republican Senate Majority Leader, rejected the plan.",
                &[("person:mitch-mcconnell", Stance::Oppose)],
            ),
            (
                "Kerri Kupec, spokeswoman for the Department of Justice, sharply criticized the plan.",
                &[("person:kerri-kupec", Stance::LeanOppose)],
            ),
            // "The president" is the one introduced as president, not the vice-president.
            (
                "President Donald Trump met former Vice-President Joe Biden. The president rejected the plan.",
                &[("person:donald-trump", Stance::Oppose)],
            ),
            // A requirement states no one's view.
            (
                "Ukraine backed the plan. The plan must be approved by the Senate.",
                &[("ukraine", Stance::Support)],
            ),
            // An -ing clause after a comma is the subject's, not the nearest name's.
            (
                "Iran was blamed for the attack, and the United States sent ships, committing to more troops.",
                &[("united-states", Stance::Support)],
            ),
            // Whom something is said to is no speaker.
            (
                "In remarks to the BBC, Ukraine said it rejected the plan.",
                &[("ukraine", Stance::Oppose)],
            ),
            (
                "Ukraine told the BBC, “We reject the plan.”",
                &[("ukraine", Stance::Oppose)],
            ),
            // A condition states no stance.
            ("If Russia rejects the plan, the talks will end.", &[]),
            (
                "Ukraine would leave the talks if Russia rejected the plan.",
                &[],
            ),
            // A participle after an owner names a thing: Russia proposed nothing here.
            (
                "Ukraine rejected Russia's proposed plan.",
                &[("ukraine", Stance::Oppose)],
            ),
            // "He" is the sentence's subject, not the last name before it.
            (
                "Kyriakos Mitsotakis met with Donald Trump in Washington, where he denounced the plan.",
                &[("person:kyriakos-mitsotakis", Stance::Oppose)],
            ),
            // A list is no apposition; a place after a preposition heads none.
            (
                "Britain, France and Germany rejected the plan.",
                &[
                    ("united-kingdom", Stance::Oppose),
                    ("france", Stance::Oppose),
                    ("germany", Stance::Oppose),
                ],
            ),
            (
                "In Ukraine, the Republican Party swiftly rejected the plan.",
                &[("republican-party", Stance::Oppose)],
            ),
        ];
        for (text, want) in table {
            let mut found = stances(&format!("{text}\n"));
            found.sort();
            let mut want: Vec<(String, Stance)> =
                want.iter().map(|(a, s)| ((*a).to_owned(), *s)).collect();
            want.sort();
            assert_eq!(found, want, "{text}");
        }
    }

    #[test]
    fn an_ing_form_that_names_a_thing_states_no_view() {
        assert_eq!(
            stances("Ukraine and the EU built an early warning system for the plan.\n"),
            vec![]
        );
        // A verb's -ing form still does.
        let mut found = stances("Ukraine backed the plan, warning Russia about the talks.\n");
        found.sort();
        assert_eq!(
            found,
            vec![
                ("ukraine".to_owned(), Stance::Support),
                ("ukraine".to_owned(), Stance::LeanOppose)
            ]
        );
    }

    #[test]
    fn a_stray_quotation_mark_takes_no_stance_from_a_named_actor() {
        let found = stances(
            "President Emmanuel Macron said “the plan is dead. Germany backed the ceasefire.\n",
        );
        assert!(
            found.contains(&("germany".to_owned(), Stance::Support)),
            "{found:?}"
        );
        assert!(
            found.iter().all(|(a, _)| !a.contains("macron")),
            "{found:?}"
        );
    }

    #[test]
    fn verb_cues_match_every_form() {
        let forms = Lexicon::bundled().expect("bundled").cues.forms();
        let shape = |text: &str| forms.iter().find(|f| f.text == text).map(|f| f.shape);
        assert_eq!(shape("rejects"), Some(CueShape::Bare));
        assert_eq!(shape("rejecting"), Some(CueShape::Ing));
        assert_eq!(shape("rejected"), Some(CueShape::Participle));
        assert_eq!(shape("withdrew from"), Some(CueShape::Past));
        assert_eq!(shape("withdrawn from"), Some(CueShape::Participle));
        assert_eq!(shape("called for"), Some(CueShape::Participle));
    }

    /// Parses of fixed sentences, for tests.
    struct Fixed(Vec<(String, grammar::Tree)>);

    impl grammar::Parse for Fixed {
        fn parse(&self, sentence: &str) -> Option<grammar::Tree> {
            self.0
                .iter()
                .find(|(t, _)| t == sentence)
                .map(|(_, tree)| tree.clone())
        }
    }

    #[test]
    fn with_a_parse_the_tree_says_who_holds_a_cue() {
        let specs = [
            // Iran's rivals welcomed it; Iran did not.
            "The/DET/2/det meeting/NOUN/4/nsubj:pass was/AUX/4/aux:pass welcomed/VERB/0/root \
             by/ADP/7/case Iran/PROPN/7/nmod:poss rivals/NOUN/4/obl:agent ./PUNCT/4/punct",
            // Moscow holds it, and Trump who said so.
            "Donald/PROPN/2/flat Trump/PROPN/3/nsubj said/VERB/0/root Moscow/PROPN/5/nsubj \
             rejected/VERB/3/ccomp the/DET/7/det sanctions/NOUN/5/obj ./PUNCT/3/punct",
        ];
        let fixed: Vec<(String, grammar::Tree)> = specs
            .iter()
            .map(|s| {
                let (text, tree) = grammar::tests::tree(s);
                // The sentence as it stands in the article: no space before the full stop.
                let joined = text.replace(" .", ".");
                let mut tree = tree;
                if let Some(last) = tree.words.last_mut() {
                    last.span = crate::parse::Span::new(joined.len() - 1, joined.len());
                }
                (joined, tree)
            })
            .collect();
        let text = format!("{} {}", fixed[0].0, fixed[1].0);
        let lexicon = Lexicon::bundled().expect("bundled lexicon");
        let an = Analyzer::new(lexicon).with_parser(std::sync::Arc::new(Fixed(fixed)));
        let doc = doc_with(&text, &an);
        let b = &*doc.briefing;
        let held: Vec<(String, Stance)> = b
            .stances
            .iter()
            .map(|s| {
                let name = b.actors.iter().find(|a| a.id == s.actor).expect("actor");
                (name.name.clone(), s.stance)
            })
            .collect();
        assert!(!held.iter().any(|(n, _)| n == "Iran"), "{held:?}");
        for who in ["Russia", "Trump"] {
            assert!(
                held.iter().any(|(n, st)| n.contains(who) && st.score() < 0),
                "{who} opposes: {held:?}"
            );
        }
        // Without the parse, word order gives Iran the stance.
        let plain = doc_with(&text, Analyzer::bundled());
        assert!(plain.briefing.actors.iter().any(|a| a.name == "Iran"));
    }

    #[test]
    fn a_passive_is_held_by_its_agent_or_by_nobody() {
        let found = stances("The budget deal was firmly rejected by Ukraine on Monday.\n");
        assert_eq!(found, vec![("ukraine".to_owned(), Stance::Oppose)]);
        // No agent: the text does not say who banned it, so Tunisia holds nothing.
        assert_eq!(stances("In Tunisia the veil was banned in 2019.\n"), vec![]);
    }

    #[test]
    fn a_verb_form_used_as_a_noun_is_no_cue() {
        for text in [
            "Russia condemned nothing. The attack on Ukraine killed ten.\n",
            "Ukraine's demands were clear.\n",
            "Protests filled the streets of Kyiv.\n",
            // A verb marked `noun: true` is a cue only in its past and -ing forms.
            "Ukraine: intense attacks continue along the front.\n",
        ] {
            let found = stances(text);
            assert!(
                found.iter().all(|(a, _)| a != "ukraine"),
                "{text}: {found:?}"
            );
        }
        // The same word as a verb is a cue.
        assert_eq!(
            stances("Ukraine rejects the peace plan.\n"),
            vec![("ukraine".to_owned(), Stance::Oppose)]
        );
    }

    #[test]
    fn a_name_after_a_preposition_does_not_hold_the_stance() {
        let found = stances("Speaking in Poland on Monday, Ukraine rejected the plan.\n");
        assert_eq!(found, vec![("ukraine".to_owned(), Stance::Oppose)]);
        let found = stances("Ukraine, speaking in Poland, rejected the plan.\n");
        assert_eq!(found, vec![("ukraine".to_owned(), Stance::Oppose)]);
    }

    #[test]
    fn the_president_is_the_president_named_before() {
        let found = stances(
            "President Donald Trump spoke on Monday. The president rejected the budget deal.\n",
        );
        assert_eq!(
            found,
            vec![("person:donald-trump".to_owned(), Stance::Oppose)]
        );
        // Without a person introduced in that role, "the president" holds nothing.
        assert_eq!(stances("The president rejected the budget deal.\n"), vec![]);
        // The president of something else is someone else.
        let found = stances(
            "President Donald Trump spoke on Monday. The president and chief executive officer of a software firm rejected the budget deal.\n",
        );
        assert!(
            found.iter().all(|(a, _)| a != "person:donald-trump"),
            "{found:?}"
        );
    }
}
