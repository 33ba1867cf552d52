//! One picture over many articles. Each article finds its people on its own: one that
//! introduces "President Donald Trump" gives a row for Donald Trump, one that only says "Trump"
//! gives a row for Trump. Over all the open articles, a shorter form of a person's name joins
//! the full name it fits: a bare surname, or the given name and surname without the middle
//! names and initials ("Donald Trump" and "Donald J. Trump"), letters compared without their
//! accents ("Erdogan", "Erdoğan"); the first of two surnames ("Vázquez" for Wanda Vázquez Garced)
//! joins too. Bodies named with and without their country ("U.S. Senate", "the Senate") are one
//! row (see `bodies`), and a known diminutive joins the formal given name ("Bob Mueller",
//! "Robert Mueller"; the bundled table in `assets/lexicon/nicknames.ron`). Where two people share the shorter form (Boris and Andrew
//! Johnson), it joins the one far more present, or none. A person the analyst edited by hand
//! (renamed, merged, given aliases, annotated) is left as the analyst has it.

mod bodies;
mod topics;

pub(crate) use topics::fold as fold_word;
pub(crate) use topics::is_frame;

use crate::model::session::Session;
use crate::model::{ActorId, ActorKind, Briefing, TopicId};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// How many times more present one person must be than the next to take a shorter form they
/// share.
const DOMINANT: usize = 3;

/// What joins across the open articles: people and bodies named by a shorter form, with the
/// row each joins; topics named alike, with the column each joins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Joins {
    pub people: BTreeMap<ActorId, ActorId>,
    /// Bare surnames several people bear, and bare body names several bodies bear ("House"),
    /// none far more present: left apart, with them.
    pub ambiguous: BTreeMap<ActorId, Vec<ActorId>>,
    pub topics: BTreeMap<TopicId, TopicId>,
}

impl Joins {
    /// Whether `session` holds these joins already.
    pub fn is_in(&self, session: &Session) -> bool {
        self.people == session.joined
            && self.topics == session.topics_joined
            && self.ambiguous == session.ambiguous
    }

    /// Puts the joins in `session`, where its matrix and roots follow them.
    pub fn put_in(self, session: &mut Session) {
        session.joined = self.people;
        session.topics_joined = self.topics;
        session.ambiguous = self.ambiguous;
    }
}

/// Resolves the open articles as one corpus: what joins across them. The window, `export` and
/// `eval --corpus` share it.
pub fn resolve(briefings: &[&Briefing], session: &Session) -> Joins {
    let (mut people, mut ambiguous) = resolve_people(briefings, session);
    let (bodies, bare_bodies) = bodies::resolve_bodies(briefings, session);
    people.extend(bodies);
    ambiguous.extend(bare_bodies);
    Joins {
        people,
        ambiguous,
        topics: topics::topic_joins(briefings, session),
    }
}

/// Each person row of the open articles that is a shorter form of another's name, with the
/// row it joins (after the session's own merges). Deterministic: the same articles and session
/// give the same joins.
pub fn person_joins(briefings: &[&Briefing], session: &Session) -> BTreeMap<ActorId, ActorId> {
    resolve_people(briefings, session).0
}

/// The person joins (see [`person_joins`]), and each bare surname that stays apart because
/// several people of the open articles bear it and none is far more present, with them.
fn resolve_people(
    briefings: &[&Briefing],
    session: &Session,
) -> (BTreeMap<ActorId, ActorId>, BTreeMap<ActorId, Vec<ActorId>>) {
    let people = people(briefings, session);
    let touched = touched(session);
    let mut by_surname: HashMap<String, Vec<&ActorId>> = HashMap::new();
    let mut by_short: HashMap<(String, String), Vec<&ActorId>> = HashMap::new();
    for (id, p) in &people {
        if let [given, .., surname] = p.words.as_slice() {
            by_surname.entry(spelling(surname)).or_default().push(id);
            by_short
                .entry((spelling(given), spelling(surname)))
                .or_default()
                .push(id);
        }
        // Two surnames ("Wanda Vázquez Garced" is also "Vázquez"): the word before the last,
        // when it is no given name.
        if let [_, .., first_surname, _] = p.words.as_slice()
            && p.words.len() >= 3
            && !glue().given.contains(first_surname)
        {
            by_surname
                .entry(spelling(first_surname))
                .or_default()
                .push(id);
        }
    }
    let mentions = |id: &ActorId| people.get(id).map_or(0, |p| p.mentions);
    // Full names first: of the forms of one name ("Donald Trump", "Donald J. Trump"), the most
    // present stands for all.
    let mut joins = BTreeMap::new();
    for (id, p) in &people {
        if let [given, .., surname] = p.words.as_slice()
            && !touched.contains(id)
        {
            let forms = &by_short[&(spelling(given), spelling(surname))];
            let best = forms
                .iter()
                .max_by(|a, b| mentions(a).cmp(&mentions(b)).then(b.cmp(a)))
                .filter(|best| **best != id);
            if let Some(best) = best {
                joins.insert(id.clone(), (*best).clone());
            }
        }
    }
    // Then bare surnames: the one person (after those joins) bearing it, or the one far more
    // present than the next; else it stays apart, ambiguous.
    let mut ambiguous = BTreeMap::new();
    for (id, p) in &people {
        let [surname] = p.words.as_slice() else {
            continue;
        };
        if touched.contains(id) {
            continue;
        }
        let mut weight: BTreeMap<&ActorId, usize> = BTreeMap::new();
        for c in by_surname.get(&spelling(surname)).into_iter().flatten() {
            let root = joins.get(*c).unwrap_or(*c);
            if root != id {
                *weight.entry(root).or_default() += mentions(c);
            }
        }
        let mut ranked: Vec<(&ActorId, usize)> = weight.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        match ranked.as_slice() {
            [] => {}
            [(one, _)] => {
                joins.insert(id.clone(), (*one).clone());
            }
            [(first, w1), (_, w2), ..] if *w1 >= DOMINANT * *w2 => {
                joins.insert(id.clone(), (*first).clone());
            }
            _ => {
                ambiguous.insert(
                    id.clone(),
                    ranked.iter().map(|(c, _)| (*c).clone()).collect(),
                );
            }
        }
    }
    (chain_ends(&joins), ambiguous)
}

/// Joins whose target joins another ("Trump" → "Donald Trump" → "Donald J. Trump") each go to
/// the end of their chain; a cycle stops where it closes.
fn chain_ends<K: Ord + Clone>(joins: &BTreeMap<K, K>) -> BTreeMap<K, K> {
    let ends: BTreeMap<K, K> = joins
        .keys()
        .map(|from| {
            let mut to = &joins[from];
            for _ in 0..8 {
                match joins.get(to) {
                    Some(next) if next != from => to = next,
                    _ => break,
                }
            }
            (from.clone(), to.clone())
        })
        .collect();
    ends.into_iter().filter(|(from, to)| from != to).collect()
}

/// A person row over all articles.
struct Person {
    /// The words of the name that tell people apart, folded (no initials, no accents).
    words: Vec<String>,
    mentions: usize,
    /// Whether `words` come from the row's own actor (not one merged into it).
    by_own_name: bool,
}

/// The people of the open articles by row (after the session's merges), with their names'
/// words and how often they are named.
fn people(briefings: &[&Briefing], session: &Session) -> BTreeMap<ActorId, Person> {
    let mut people: BTreeMap<ActorId, Person> = BTreeMap::new();
    for b in briefings {
        for actor in b.actors.iter().filter(|a| a.kind == ActorKind::Person) {
            // The analyst's merges only: the joins are what is being found.
            let root = crate::model::session::root(&session.actors.merged, &actor.id);
            let own = actor.id == root;
            let person = people.entry(root).or_insert_with(|| Person {
                words: Vec::new(),
                mentions: 0,
                by_own_name: false,
            });
            person.mentions += actor.mentions as usize;
            // The row's own actor names it; its name is read once (a corpus names the same
            // person in thousands of articles).
            if person.words.is_empty() || own && !person.by_own_name {
                person.words = name_words(&actor.name);
                person.by_own_name = own;
            }
        }
    }
    people
}

/// The words of a person's name that tell people apart: lower case, without accents, without
/// initials ("J.") and a possessive "'s", and without what an article glued in front of it: a
/// title or role ("Director Rebic"), a party ("Democrat Rod Blagojevich"), or a word that is no
/// given name before one that is ("Both Pete Buttigieg").
fn name_words(name: &str) -> Vec<String> {
    let mut words = folded_words(name);
    let glue = glue();
    while let [first, second, rest @ ..] = words.as_slice() {
        // A word before a given name is glue only with a surname after it: "Mahmoud Abbas" is
        // one person whose surname is also a given name.
        let glued = glue.lead.contains(first)
            || !rest.is_empty() && !glue.given.contains(first) && glue.given.contains(second);
        if !glued {
            break;
        }
        words.remove(0);
    }
    // A known diminutive stands for the one formal name it shortens ("Bob Mueller" is Robert
    // Mueller); one that may shorten several ("Ted": Edward or Theodore) stays as it is.
    if words.len() >= 2
        && let Some([formal]) = nicknames().get(&words[0]).map(Vec::as_slice)
    {
        words[0].clone_from(formal);
    }
    words
}

/// The bundled table of diminutives (`assets/lexicon/nicknames.ron`): each with the formal
/// given names it may stand for, in lower case. Read on first use.
fn nicknames() -> &'static HashMap<String, Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Table {
        nicknames: HashMap<String, Vec<String>>,
    }
    static TABLE: std::sync::LazyLock<HashMap<String, Vec<String>>> =
        std::sync::LazyLock::new(|| {
            // A test checks that the bundled file parses.
            ron::from_str::<Table>(include_str!("../../../assets/lexicon/nicknames.ron"))
                .map(|t| t.nicknames)
                .unwrap_or_default()
        });
    &TABLE
}

/// A name word as it is compared with another's: the same whatever the transliteration
/// ("Zelensky", "Zelenskiy", "Zelenskyy"; "Dmitry", "Dmitriy"): a final "iy", "yy" or "ii" is
/// "y", and a doubled letter one.
fn spelling(word: &str) -> String {
    let stem = ["iy", "yy", "ii"]
        .iter()
        .find_map(|end| word.strip_suffix(end))
        .map_or_else(|| word.to_owned(), |stem| format!("{stem}y"));
    let mut out = String::with_capacity(stem.len());
    for c in stem.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// A name as reference data and text are compared: lower case, without accents, initials and
/// a possessive, each word spelled the same whatever the transliteration ("Bashar al-Assad"
/// and the Factbook's "Bashar al-Asad"; "Recep Tayyip Erdoğan" and "Recep Tayyip Erdogan").
pub(crate) fn name_key(name: &str) -> String {
    folded_words(name)
        .iter()
        .map(|w| spelling(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name's words, lower case, without accents, initials and a possessive.
fn folded_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| {
            let w = w.trim_end_matches("'s").trim_end_matches("’s");
            w.nfd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| {
            w.trim_end_matches('.').chars().count() > 1 && w.chars().any(char::is_alphabetic)
        })
        .collect()
}

/// What tells a glued word from a name: the bundled lexicon's given names, and its titles
/// and roles with the parties, each one word, in lower case.
struct Glue {
    given: std::collections::HashSet<String>,
    lead: std::collections::HashSet<String>,
}

fn glue() -> &'static Glue {
    static GLUE: std::sync::LazyLock<Glue> = std::sync::LazyLock::new(|| {
        let lexicon = crate::analysis::Analyzer::bundled().lexicon();
        let actors = &lexicon.actors;
        let lead = actors
            .titles
            .iter()
            .chain(&actors.roles)
            .filter(|w| !w.contains(' '))
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .chain(["democrat", "republican", "democratic"].map(str::to_owned))
            .collect();
        let given = lexicon
            .given_names
            .iter()
            .map(|n| n.to_lowercase())
            .collect();
        Glue { given, lead }
    });
    &GLUE
}

/// The actors the analyst's own work names: they stay as the analyst has them.
fn touched(session: &Session) -> BTreeSet<ActorId> {
    let edits = &session.actors;
    let mut touched: BTreeSet<ActorId> = edits
        .renamed
        .keys()
        .chain(edits.merged.keys())
        .chain(edits.merged.values())
        .chain(edits.aliases_added.keys())
        .chain(edits.aliases_removed.keys())
        .cloned()
        .collect();
    touched.extend(
        session
            .annotations
            .keys()
            .chain(session.decisions.keys())
            .map(|c| c.actor.clone()),
    );
    touched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    fn person(id: &str, name: &str, mentions: u32) -> Actor {
        Actor {
            id: ActorId(id.into()),
            name: name.into(),
            kind: ActorKind::Person,
            aliases: Vec::new(),
            mentions,
            affiliation: None,
            role: None,
        }
    }

    fn briefing(actors: Vec<Actor>) -> Briefing {
        Briefing {
            actors,
            ..Briefing::default()
        }
    }

    fn id(s: &str) -> ActorId {
        ActorId(s.into())
    }

    #[test]
    fn a_bare_surname_joins_the_one_full_name_it_fits() {
        let a = briefing(vec![person("person:donald-trump", "Donald Trump", 5)]);
        let b = briefing(vec![person("person:trump", "Trump", 3)]);
        let joins = person_joins(&[&a, &b], &Session::default());
        assert_eq!(
            joins.get(&id("person:trump")),
            Some(&id("person:donald-trump"))
        );
        assert_eq!(joins.len(), 1);
    }

    #[test]
    fn the_first_of_two_surnames_joins_the_full_name_but_a_middle_given_name_does_not() {
        let a = briefing(vec![
            person("person:wanda-vazquez-garced", "Wanda Vázquez Garced", 4),
            person("person:john-paul-jones", "John Paul Jones", 4),
        ]);
        let b = briefing(vec![
            person("person:vazquez", "Vázquez", 3),
            person("person:paul", "Paul", 1),
        ]);
        let joins = person_joins(&[&a, &b], &Session::default());
        assert_eq!(
            joins.get(&id("person:vazquez")),
            Some(&id("person:wanda-vazquez-garced"))
        );
        assert_eq!(joins.get(&id("person:paul")), None, "{joins:?}");
    }

    #[test]
    fn a_surname_two_people_bear_is_ambiguous_but_two_forms_of_one_name_are_not() {
        let a = briefing(vec![
            person("person:bill-clinton", "Bill Clinton", 5),
            person("person:hillary-clinton", "Hillary Clinton", 4),
            person("person:donald-trump", "Donald Trump", 5),
        ]);
        let b = briefing(vec![
            person("person:clinton", "Clinton", 3),
            person("person:donald-j-trump", "Donald J. Trump", 3),
            person("person:trump", "Trump", 2),
        ]);
        let (joins, ambiguous) = resolve_people(&[&a, &b], &Session::default());
        assert_eq!(
            ambiguous.get(&id("person:clinton")),
            Some(&vec![
                id("person:bill-clinton"),
                id("person:hillary-clinton")
            ])
        );
        assert_eq!(joins.get(&id("person:clinton")), None);
        // Donald Trump and Donald J. Trump are one person: "Trump" is theirs, not ambiguous.
        assert_eq!(
            joins.get(&id("person:trump")),
            Some(&id("person:donald-trump"))
        );
        assert_eq!(ambiguous.len(), 1, "{ambiguous:?}");
    }

    #[test]
    fn transliterations_of_one_name_are_one_person() {
        let a = briefing(vec![person(
            "person:volodymyr-zelensky",
            "Volodymyr Zelensky",
            6,
        )]);
        let b = briefing(vec![
            person("person:zelenskiy", "Zelenskiy", 2),
            person("person:volodymyr-zelenskyy", "Volodymyr Zelenskyy", 1),
        ]);
        let joins = person_joins(&[&a, &b], &Session::default());
        for other in ["person:zelenskiy", "person:volodymyr-zelenskyy"] {
            assert_eq!(
                joins.get(&id(other)),
                Some(&id("person:volodymyr-zelensky")),
                "{joins:?}"
            );
        }
        assert_eq!(spelling("dmitriy"), spelling("dmitry"));
        assert_ne!(spelling("bill"), spelling("bull"));
    }

    #[test]
    fn a_known_nickname_joins_the_formal_name() {
        assert!(nicknames().len() > 500, "the bundled table parses");
        let a = briefing(vec![
            person("person:robert-mueller", "Robert Mueller", 6),
            person("person:ted-cruz", "Ted Cruz", 2),
        ]);
        let b = briefing(vec![
            person("person:bob-mueller", "Bob Mueller", 2),
            person("person:edward-cruz", "Edward Cruz", 1),
        ]);
        let joins = person_joins(&[&a, &b], &Session::default());
        assert_eq!(
            joins.get(&id("person:bob-mueller")),
            Some(&id("person:robert-mueller"))
        );
        // "Ted" may be Edward or Theodore: not taken for either.
        assert_eq!(joins.get(&id("person:edward-cruz")), None, "{joins:?}");
        assert_eq!(joins.get(&id("person:ted-cruz")), None, "{joins:?}");
    }

    #[test]
    fn middle_initials_and_accents_do_not_make_another_person() {
        let a = briefing(vec![
            person("person:donald-j-trump", "Donald J. Trump", 2),
            person("person:recep-tayyip-erdogan", "Recep Tayyip Erdoğan", 4),
        ]);
        let b = briefing(vec![
            person("person:donald-trump", "Donald Trump", 9),
            person("person:erdogan", "Erdogan", 2),
            person("person:trump", "Trump", 1),
        ]);
        let joins = person_joins(&[&a, &b], &Session::default());
        // The most present form of the name stands for all of them.
        assert_eq!(
            joins.get(&id("person:donald-j-trump")),
            Some(&id("person:donald-trump"))
        );
        assert_eq!(
            joins.get(&id("person:trump")),
            Some(&id("person:donald-trump"))
        );
        assert_eq!(
            joins.get(&id("person:erdogan")),
            Some(&id("person:recep-tayyip-erdogan"))
        );
        assert!(!joins.contains_key(&id("person:donald-trump")));
    }

    #[test]
    fn a_surname_two_people_share_stays_apart_unless_one_dominates() {
        let both = briefing(vec![
            person("person:boris-johnson", "Boris Johnson", 4),
            person("person:andrew-johnson", "Andrew Johnson", 3),
            person("person:johnson", "Johnson", 2),
        ]);
        assert!(person_joins(&[&both], &Session::default()).is_empty());
        let one = briefing(vec![
            person("person:boris-johnson", "Boris Johnson", 12),
            person("person:andrew-johnson", "Andrew Johnson", 1),
            person("person:johnson", "Johnson", 2),
        ]);
        let joins = person_joins(&[&one], &Session::default());
        assert_eq!(
            joins.get(&id("person:johnson")),
            Some(&id("person:boris-johnson"))
        );
    }

    #[test]
    fn words_glued_in_front_of_a_name_make_no_other_person() {
        let a = briefing(vec![
            person("person:rod-blagojevich", "Rod Blagojevich", 6),
            person(
                "person:democrat-rod-blagojevich",
                "Democrat Rod Blagojevich",
                1,
            ),
            person("person:pete-buttigieg", "Pete Buttigieg", 5),
            person("person:both-pete-buttigieg", "Both Pete Buttigieg", 1),
            person("person:vladimir-rebic", "Vladimir Rebic", 2),
            person("person:director-rebic", "Director Rebic", 1),
        ]);
        let joins = person_joins(&[&a], &Session::default());
        assert_eq!(
            joins.get(&id("person:democrat-rod-blagojevich")),
            Some(&id("person:rod-blagojevich"))
        );
        assert_eq!(
            joins.get(&id("person:both-pete-buttigieg")),
            Some(&id("person:pete-buttigieg"))
        );
        assert_eq!(
            joins.get(&id("person:director-rebic")),
            Some(&id("person:vladimir-rebic"))
        );
        assert_eq!(joins.len(), 3);
        // A surname that is also a given name is no glue.
        let b = briefing(vec![
            person("person:mahmoud-abbas", "Mahmoud Abbas", 4),
            person("person:abbas", "Abbas", 2),
        ]);
        let joins = person_joins(&[&b], &Session::default());
        assert_eq!(
            joins.get(&id("person:abbas")),
            Some(&id("person:mahmoud-abbas"))
        );
    }

    #[test]
    fn what_the_analyst_edited_stays_as_the_analyst_has_it() {
        let a = briefing(vec![
            person("person:donald-trump", "Donald Trump", 5),
            person("person:trump", "Trump", 3),
        ]);
        let mut session = Session::default();
        session
            .actors
            .renamed
            .insert(id("person:trump"), "Trump (the brand)".into());
        assert!(person_joins(&[&a], &session).is_empty());
        // Bodies and places are not people: "Washington" joins no one.
        let mut place = person("washington", "Washington", 3);
        place.kind = ActorKind::Country;
        let b = briefing(vec![
            place,
            person("person:george-washington", "George Washington", 1),
        ]);
        assert!(person_joins(&[&b], &Session::default()).is_empty());
    }
}
