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
mod topics;

use crate::model::{
    Actor, ActorId, ActorKind, Briefing, Evidence, HolderFrom, SentenceId, Signal, Stance,
    StanceSuggestion, Topic, TopicFrom, TopicId, slug,
};
use crate::parse::{Article, Span};
use lexicon::{CueShape, Lexicon};
use matcher::{Hit, Patterns, find_in_sentences, words_after, words_before};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
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
    /// A cue and the part its form can play.
    Cue(Stance, CueShape),
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
        push_word(&c.text, WordPat::Cue(c.stance, c.shape));
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
    for w in names::SAYING {
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
    /// The gazetteer's people by each of their names in lower case, with their party's
    /// lexicon id.
    gazetteer: HashMap<String, Option<String>>,
    /// Tells this analyser from every other one built in this process.
    id: u64,
    /// Reads sentence structure, when the analyser has a parser; cues are then held and
    /// negated as the tree says.
    grammar: Option<std::sync::Arc<dyn grammar::Parse>>,
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
            // The gazetteer's people are found by their given names like anyone's.
            given_names: lexicon
                .given_names
                .iter()
                .cloned()
                .chain(lexicon.gazetteer.iter().flat_map(|p| {
                    p.names
                        .iter()
                        .filter_map(|n| n.split_whitespace().next().map(str::to_owned))
                }))
                .collect(),
            gazetteer: lexicon
                .gazetteer
                .iter()
                .flat_map(|p| {
                    p.names
                        .iter()
                        .map(|n| (n.to_lowercase(), p.affiliation.clone()))
                })
                .collect(),
            topic_family,
            grammar: None,
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
        let topic_mentions = topics::mentions(&mut work, &names, &words);
        let evidence = work.stance_evidence(&mentions, &topic_mentions, &words);
        let cues = words
            .iter()
            .filter_map(|h| match self.word_pats[h.pattern] {
                WordPat::Cue(stance, _) => Some((h.span, stance)),
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

/// Words after which a participle describes a noun instead of reporting an act.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "these", "those", "this",
    "that", "whose",
];

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

/// What one cue says: its holders (each with how it was read), the topic, the cue as shown
/// and its signed strength.
type CueReading = (Vec<(usize, Signal)>, usize, String, i32);

type EvidenceMap = BTreeMap<(usize, usize), Vec<(SentenceId, String, i32, Signal)>>;

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
        // A person the gazetteer knows belongs to their party unless the text says otherwise.
        let affiliation = match (kind, affiliation) {
            (ActorKind::Person, None) => self
                .an
                .gazetteer
                .get(&key)
                .cloned()
                .flatten()
                .and_then(|party| self.lex_actor_by_id(&party)),
            (_, affiliation) => affiliation,
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

    /// Walks the sentences and collects, for each (actor, topic), the cues that bear on it.
    fn stance_evidence(
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
        // The topic of the last sentences, and the speaker of a quotation still open, each
        // with the section it belongs to (neither crosses a heading).
        let mut carried: Option<(usize, u32)> = None;
        let mut quote: Option<(usize, u32)> = None;
        let main_topic = main_topic(topic_mentions);
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
            carried = carried.filter(|&(_, sec)| sec == sentence.section);
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
                carried: carried.map(|(t, _)| t),
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
                let WordPat::Cue(stance, shape) = self.an.word_pats[hit.pattern] else {
                    continue;
                };
                if let Some((holders, topic, cue, score)) = self.cue(hit, stance, shape, &here) {
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
            if let Some((speaker, topic, cue, score)) = self.speech(hits, &here, main_topic)
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
                carried = Some((t.topic, sentence.section));
            }
            quote = open_quote(text, &here).map(|speaker| (speaker, sentence.section));
        }
        evidence
    }

    /// This sentence's actor mentions (from `mentions[*mi..]`), pronouns resolved to the last
    /// person named in the section.
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
        while *mi < mentions.len() && mentions[*mi].sentence <= si {
            let mut m = mentions[*mi];
            *mi += 1;
            if m.sentence < si {
                continue;
            }
            match m.actor {
                Some(a) if self.actors[a].kind == ActorKind::Person => {
                    *last_person = Some((a, section));
                }
                Some(_) => {}
                None => {
                    m.actor = last_person
                        .filter(|&(_, sec)| sec == section)
                        .map(|(a, _)| a);
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
        stance: Stance,
        shape: CueShape,
        here: &Here<'_>,
    ) -> Option<CueReading> {
        let text = self.text();
        let inside = |s: Span| s.contains(hit.span) || hit.span.contains(s);
        if here.topics.iter().any(|t| inside(t.span))
            || here.resolved.iter().any(|m| inside(m.span))
        {
            return None;
        }
        if not_a_cue_here(text, hit.span, shape, here.span) {
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
        let from_tree = parsed.map(|(tree, word)| tree_holders(tree, word, text, here, quoted));
        // The tree first; where it names no holder at all, word order.
        let (holders, from) = if let Some(Some(h)) = from_tree {
            (h, Some(HolderFrom::Tree))
        } else if shape == CueShape::Participle
            && is_passive(text, hit.span.start as usize, here.span.start as usize)
        {
            (
                agent(here.resolved, text, hit.span, here.span),
                Some(HolderFrom::Agent),
            )
        } else {
            let named = holders(here.resolved, text, hit.span, here.span);
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
    /// sentence, then the one the last sentences were about.
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
        here.topics
            .iter()
            .find(near)
            .map(|t| (t.topic, TopicFrom::Near))
            .or_else(|| {
                topics::open_topic(self, cue.end as usize, here, true)
                    .map(|t| (t, TopicFrom::Phrase))
            })
            .or_else(|| {
                here.topics
                    .iter()
                    .find(|t| t.span.start >= cue.end)
                    .or_else(|| here.topics.iter().rev().find(|t| t.span.end <= cue.start))
                    .map(|t| (t.topic, TopicFrom::Sentence))
            })
            // A phrase that makes a poor column still says more of what the stance is on than
            // the sentences before.
            .or_else(|| {
                topics::open_topic(self, cue.end as usize, here, false)
                    .map(|t| (t, TopicFrom::Loose))
            })
            .or(here.carried.map(|t| (t, TopicFrom::Carried)))
    }

    /// Reported speech with no stance word: the speaker's leaning, read from the tone of what
    /// is said ("It would be a constitutional outrage," Hammond said), on the topic named here,
    /// else the one the last sentences were about, else what the article is mostly about.
    fn speech(
        &self,
        hits: &[Hit],
        here: &Here<'_>,
        main_topic: Option<usize>,
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
            .or(main_topic.map(|t| (t, TopicFrom::Main)))?;
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
                || EVENT_WORDS.contains(&word.to_lowercase().as_str())
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
    span: Span,
    /// Its actor mentions, pronouns resolved.
    resolved: &'a [Mention],
    topics: &'a [TopicMention],
    /// The topic of the last sentences of the section.
    carried: Option<usize>,
    /// The speaker of a quotation opened in an earlier sentence, and where it closes here.
    quote: Option<(usize, Option<usize>)>,
    /// Its structure, when the analyser has a parser and the sentence may hold a stance.
    tree: Option<&'a grammar::Tree>,
}

/// The topic the article names most often.
fn main_topic(topic_mentions: &[TopicMention]) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for t in topic_mentions {
        *counts.entry(t.topic).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
        .map(|(t, _)| t)
}

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

/// Whether the cue word at `cue` is used as something else here: a participle after a
/// determiner or number ("the accused", "a proposed bill", "41 pledged delegates") or between a
/// preposition and a noun ("over disputed resources", but "in blaming Iran" is an act); a
/// verb's base or -s form used as a noun ("the attack", "Monday's attack", "protesters'
/// demands", "an attack on", "Protests filled the streets"); a test result ("tested positive").
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
    (participle && (after_determiner || (after_preposition && before_noun)))
        || (before.is_some_and(|w| w.starts_with("test"))
            && matches!(word, "positive" | "negative"))
        || noun_use
}

/// Follows the quotation marks of a sentence: the speaker of a quotation left open at its end
/// (whoever was named before it opened), which goes on in the next sentence.
fn open_quote(text: &str, here: &Here<'_>) -> Option<usize> {
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
            speaker = holders(here.resolved, text, Span::new(at, at), here.span)
                .first()
                .copied();
        } else {
            open = None;
        }
    }
    open.and(speaker)
}

/// Nouns for the people and bodies that act for a country or organisation named before them.
const ORGANS: &[&str] = &[
    "authorities",
    "government",
    "administration",
    "ministry",
    "officials",
    "official",
    "forces",
    "army",
    "military",
    "navy",
    "police",
    "parliament",
    "lawmakers",
    "legislators",
    "president",
    "leader",
    "leaders",
    "leadership",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "diplomats",
    "diplomat",
    "negotiators",
    "delegation",
    "court",
    "courts",
    "embassy",
    "regime",
    "cabinet",
    "prosecutors",
    "envoy",
    "minister",
    "ministers",
    "state",
    "side",
    "troops",
    "commission",
    "council",
    "foreign",
    "defence",
    "defense",
    "security",
    "interior",
    "justice",
    "prime",
    "supreme",
    "central",
    "national",
    "federal",
    "chief",
    "head",
    "team",
    "campaign",
    "party",
    "counterparts",
    "counterpart",
];

/// Whether a lower-case word after a name is likely its verb ("Russia rejected", "Kyiv says",
/// "Iran will"), not a noun it modifies.
fn is_verbish(w: &str) -> bool {
    names::SAYING.contains(&w)
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
fn holders(mentions: &[Mention], text: &str, cue: Span, sentence: Span) -> Vec<usize> {
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
            .is_some_and(|(_, w)| PREPOSITIONS.contains(&w.to_lowercase().as_str()));
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
                    w.starts_with(char::is_lowercase) && !ORGANS.contains(&w) && !is_verbish(w)
                });
        if !object && !modifier {
            let mut out: Vec<usize> = before[first..i].iter().filter_map(|m| m.actor).collect();
            // Reported speech: "Zakharova said Moscow opposed ..." is the speaker's stance too.
            let said = words_before(text, start, sentence.start as usize)
                .take(2)
                .find(|(_, w)| names::SAYING.contains(&w.to_lowercase().as_str()));
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
                .is_some_and(|(_, w)| names::SAYING.contains(&w.to_lowercase().as_str()))
        })
        .and_then(|m| m.actor)
        .into_iter()
        .collect()
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
) -> Option<Vec<usize>> {
    let holding = tree.holding(text, word, names::SAYING);
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

/// Rated words that report what happened rather than judge it ("killed", "resignation").
const EVENT_WORDS: &[&str] = &[
    "no",
    "yes",
    "dead",
    "death",
    "deaths",
    "died",
    "die",
    "killed",
    "kill",
    "killing",
    "attack",
    "attacks",
    "attacked",
    "injured",
    "wounded",
    "collapsed",
    "arrested",
    "arrest",
    "resign",
    "resigned",
    "resignation",
    "crisis",
    "war",
    "emergency",
    "disaster",
    "victims",
    "victim",
    "violence",
    "violent",
    "terrorist",
    "terrorism",
    "terror",
    "bomb",
    "bombing",
    "fire",
    "shooting",
    "shot",
    "murder",
    "prison",
    "jail",
    "sentenced",
    "charged",
    "charges",
    "crime",
    "criminal",
    "criminals",
    "accused",
    "suspect",
    "protest",
    "protests",
    "protesters",
    "strike",
    "threats",
    "threat",
    "interruption",
    "cancer",
    "disease",
    "pandemic",
    "virus",
    "agreement",
    "please",
];

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
fn calibrate(suggestion: &mut StanceSuggestion, kind: ActorKind) {
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
fn aggregate(
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
        let found = stances("Bernie Sanders and former senator John Kerry backed Joe Biden.\n");
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
    }
}
