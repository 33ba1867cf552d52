//! Bodies across articles: "U.S. Senate", "United States Senate", "the Senate" and a
//! "Republican-controlled Senate" are one actor. A body's name is read as the country it
//! belongs to (a leading country name, abbreviation or demonym: "U.S.", "United States",
//! "American") and the rest ("senate"), with words of control in front dropped
//! ("Republican-controlled", "Kurdish-led"). Bodies with the same country and rest are one row;
//! a body named without a country ("the Senate", "Supreme Court") joins the one body of that
//! rest that has a country, or the one far more present; a short name ("House") joins the
//! longer one it opens ("House of Representatives") the same way. The longest, most present
//! name stands for the row.

use super::{DOMINANT, touched};
use crate::model::session::Session;
use crate::model::{ActorId, ActorKind, Briefing};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A body row over all articles.
struct Body {
    country: Option<String>,
    rest: String,
    mentions: usize,
    /// Words in its name, to prefer the fullest name as the row's.
    words: usize,
    /// The articles (by position) that name it.
    articles: BTreeSet<usize>,
    /// Whether `country` and `rest` come from the row's own actor.
    by_own_name: bool,
}

/// Each body row that is another's (by country and rest), with the row it joins; and each
/// bare name left apart because several bodies of the open articles bear it and none is far
/// more present ("House": of Representatives, of Commons), with them.
pub fn resolve_bodies(
    briefings: &[&Briefing],
    session: &Session,
) -> (BTreeMap<ActorId, ActorId>, BTreeMap<ActorId, Vec<ActorId>>) {
    let bodies = bodies(briefings, session);
    let touched = touched(session);
    // The bodies of each (country, rest), the one standing for them first.
    let mut groups: BTreeMap<(Option<&str>, &str), Group<'_>> = BTreeMap::new();
    for (id, b) in &bodies {
        let group = groups
            .entry((b.country.as_deref(), b.rest.as_str()))
            .or_default();
        group.members.push(id);
        group.mentions += b.mentions;
        group.articles.extend(b.articles.iter().copied());
    }
    let weight = |id: &ActorId| {
        let b = &bodies[id];
        (b.mentions, b.words)
    };
    for group in groups.values_mut() {
        group
            .members
            .sort_by(|a, b| weight(b).cmp(&weight(a)).then(a.cmp(b)));
        group.articles.sort_unstable();
        group.articles.dedup();
    }
    let countries: BTreeSet<&str> = groups.keys().filter_map(|(c, _)| *c).collect();
    let in_article = named_in(briefings, &countries);
    let mut joins = BTreeMap::new();
    let mut bare_heads: Vec<(&ActorId, &ActorId)> = Vec::new();
    let mut ambiguous = BTreeMap::new();
    for ((country, rest), group) in &groups {
        let head = group.members[0];
        for &other in &group.members[1..] {
            joins.insert(other.clone(), head.clone());
        }
        // "U.S. House": the one body of its country whose name it opens.
        if country.is_some() {
            // The groups are sorted by country and name: those this name opens stand together.
            let opens = format!("{rest} of ");
            let mut longer = groups
                .range((*country, opens.as_str())..)
                .take_while(|((c, r), _)| c == country && r.starts_with(&opens));
            if let (Some((_, target)), None) = (longer.next(), longer.next()) {
                for &m in &group.members {
                    joins.insert(m.clone(), target.members[0].clone());
                }
            }
        }
        if country.is_none() {
            let target = match bare_target(rest, group, &groups, &in_article) {
                Ok(target) => target,
                Err(candidates) => {
                    if candidates.len() >= 2 && !touched.contains(head) {
                        ambiguous.insert(head.clone(), candidates.into_iter().cloned().collect());
                    }
                    continue;
                }
            };
            // The row takes the name the articles use most: "Democratic Party" stands for
            // "United States Democratic Party", not the other way round.
            let target_mentions = bodies.get(target).map_or(0, |b| b.mentions);
            if bodies[head].mentions > target_mentions {
                bare_heads.push((head, target));
            } else {
                for &m in &group.members {
                    joins.insert(m.clone(), target.clone());
                }
            }
        }
    }
    // Where the bare name is the more used, the body it named joins it instead (with every
    // form already joining that body). Where two bare names ("House", "House of
    // Representatives") named one body, the less used joins the more used.
    bare_heads.sort_by(|a, b| {
        bodies[b.0]
            .mentions
            .cmp(&bodies[a.0].mentions)
            .then(a.cmp(b))
    });
    for (bare, named) in bare_heads {
        if let Some(taken) = joins.get(named).filter(|to| *to != bare).cloned() {
            joins.insert(bare.clone(), taken);
            continue;
        }
        for to in joins.values_mut() {
            if to == named {
                to.clone_from(bare);
            }
        }
        joins.insert(named.clone(), bare.clone());
    }
    joins.retain(|from, to| from != to && !touched.contains(from));
    (super::chain_ends(&joins), ambiguous)
}

/// The bodies of one (country, rest): the one standing for them first, with how often and in
/// which articles (sorted) they are named together.
#[derive(Default)]
struct Group<'b> {
    members: Vec<&'b ActorId>,
    mentions: usize,
    articles: Vec<usize>,
}

/// The body a name without a country joins: of the bodies with the same rest and a country,
/// or whose name this one opens ("house" opens "house of representatives"), the one whose
/// country or own name the articles naming the bare body also name far more often than the
/// next; failing that, the one far more mentioned.
fn bare_target<'a>(
    rest: &str,
    bare: &Group<'_>,
    groups: &BTreeMap<(Option<&str>, &str), Group<'a>>,
    in_article: &HashMap<&str, Vec<usize>>,
) -> Result<&'a ActorId, Vec<&'a ActorId>> {
    let opens = format!("{rest} of ");
    let ends = format!(" {rest}");
    // A name of two words or more may also close a longer one ("Oversight and Reform
    // Committee" of the "House Oversight and Reform Committee").
    let closes = rest.contains(' ');
    let candidates: Vec<_> = groups
        .iter()
        .filter(|((c, r), _)| {
            (c.is_some() && *r == rest) || r.starts_with(&opens) || closes && r.ends_with(&ends)
        })
        .collect();
    // "House of Representatives" named with and without its country is one body, not two
    // for "House" to choose between: the name without a country goes with the one with it.
    let with_country: BTreeSet<&str> = candidates
        .iter()
        .filter(|((c, _), _)| c.is_some())
        .map(|((_, r), _)| *r)
        .collect();
    // "U.S. House" beside the "U.S. House of Representatives" is that body too.
    let opened: BTreeSet<(Option<&str>, &str)> = candidates
        .iter()
        .filter(|((c, r), _)| {
            c.is_some()
                && candidates
                    .iter()
                    .any(|((c2, r2), _)| c2 == c && r2.starts_with(&format!("{r} of ")))
        })
        .map(|(k, _)| **k)
        .collect();
    let candidates = candidates.into_iter().filter(|((c, r), _)| {
        (c.is_some() || !with_country.contains(r)) && !opened.contains(&(*c, *r))
    });
    let mut ranked: Vec<(usize, usize, &ActorId)> = candidates
        .map(|((country, _), group)| {
            let country = country.and_then(|c| in_article.get(c));
            let together = bare
                .articles
                .iter()
                .filter(|a| {
                    group.articles.binary_search(a).is_ok()
                        || country.is_some_and(|c| c.binary_search(a).is_ok())
                })
                .count();
            (together, group.mentions, group.members[0])
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(b.2)));
    let by_articles: Vec<(usize, &ActorId)> = ranked.iter().map(|c| (c.0, c.2)).collect();
    dominant(&by_articles)
        .or_else(|| {
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(b.2)));
            let by_mentions: Vec<(usize, &ActorId)> = ranked.iter().map(|c| (c.1, c.2)).collect();
            dominant(&by_mentions)
        })
        .ok_or_else(|| ranked.iter().map(|c| c.2).collect())
}

/// The first of `ranked` (by weight, highest first) when it weighs far more than the next.
fn dominant<'a>(ranked: &[(usize, &'a ActorId)]) -> Option<&'a ActorId> {
    match ranked {
        [] => None,
        [one] => Some(one.1),
        [first, second, ..] => (first.0 > 0 && first.0 >= DOMINANT * second.0).then_some(first.1),
    }
}

/// The articles (by position, in order) that name each of `ids`.
fn named_in<'b>(briefings: &[&'b Briefing], ids: &BTreeSet<&str>) -> HashMap<&'b str, Vec<usize>> {
    let mut named: HashMap<&str, Vec<usize>> = HashMap::new();
    if ids.is_empty() {
        return named;
    }
    for (i, b) in briefings.iter().enumerate() {
        for a in &b.actors {
            if ids.contains(a.id.0.as_str()) {
                named.entry(a.id.0.as_str()).or_default().push(i);
            }
        }
    }
    named
}

/// The bodies of the open articles by row (after the analyst's merges).
fn bodies(briefings: &[&Briefing], session: &Session) -> BTreeMap<ActorId, Body> {
    let mut bodies: BTreeMap<ActorId, Body> = BTreeMap::new();
    for (i, b) in briefings.iter().enumerate() {
        for actor in &b.actors {
            if !matches!(actor.kind, ActorKind::Organisation | ActorKind::Group) {
                continue;
            }
            let root = crate::model::session::root(&session.actors.merged, &actor.id);
            let own = actor.id == root;
            // The row's own actor names it; its name is read once (a corpus names the same
            // body in thousands of articles). A name that is all country names no body.
            let known = bodies.get(&root).map(|b| b.by_own_name || !own);
            if known != Some(true) {
                let Some((country, rest)) = read_name(&actor.name) else {
                    continue;
                };
                let body = bodies.entry(root.clone()).or_insert_with(|| Body {
                    country: None,
                    rest: String::new(),
                    mentions: 0,
                    words: 0,
                    articles: BTreeSet::new(),
                    by_own_name: false,
                });
                body.words = actor.name.split_whitespace().count();
                body.country = country;
                body.rest = rest;
                body.by_own_name = own;
            }
            if let Some(body) = bodies.get_mut(&root) {
                body.mentions += actor.mentions as usize;
                body.articles.insert(i);
            }
        }
    }
    bodies
}

/// Words a sentence may glue in front of a body's name.
const GLUED: &[&str] = &[
    "the", "while", "if", "when", "since", "as", "after", "before", "this", "that", "today's",
    "both", "but", "and",
];

/// Words of control in front of a body: "Republican-controlled Senate" is the Senate.
const CONTROL: &[&str] = &[
    "-controlled",
    "-led",
    "-backed",
    "-dominated",
    "-run",
    "-majority",
];

/// A body's name read as its country (by id) and the rest, lower case; nothing for a name that
/// is all country ("U.S.").
fn read_name(name: &str) -> Option<(Option<String>, String)> {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    // Words a sentence glued in front ("While the House", "This Court").
    while words.len() > 1 && GLUED.contains(&words[0]) {
        words.remove(0);
    }
    while words
        .first()
        .is_some_and(|w| CONTROL.iter().any(|c| w.ends_with(c)))
    {
        words.remove(0);
    }
    // "The Biden-Harris Administration" is the Biden administration.
    if let [leaders, "administration"] = words.as_slice()
        && let Some((first, _)) = leaders.split_once('-')
        && !first.is_empty()
    {
        return Some((None, format!("{first} administration")));
    }
    let countries = countries();
    let mut country = None;
    // The longest run of leading words that names a country ("united states", "u.s.").
    for len in (1..=words.len().min(3)).rev() {
        if let Some(id) = countries.get(&words[..len].join(" ")) {
            country = Some(id.clone());
            words.drain(..len);
            break;
        }
    }
    // "Supreme Court of Puerto Rico": the country named after the body.
    if country.is_none()
        && let Some(of) = words.iter().rposition(|w| *w == "of")
        && of > 0
        && let Some(id) = countries.get(&words[of + 1..].join(" "))
    {
        country = Some(id.clone());
        words.truncate(of);
    }
    if words.is_empty() {
        return None;
    }
    // "Department of Justice" is the "Justice Department", "Ministry of Defence" the
    // "Defence Ministry".
    if let [head, "of", rest @ ..] = words.as_slice()
        && !rest.is_empty()
        && matches!(*head, "department" | "ministry" | "office")
    {
        return Some((country, format!("{} {head}", rest.join(" "))));
    }
    Some((country, words.join(" ")))
}

/// Country names, abbreviations and demonyms of the bundled lexicon, in lower case, with the
/// country (or bloc) each names.
fn countries() -> &'static HashMap<String, String> {
    static COUNTRIES: std::sync::LazyLock<HashMap<String, String>> =
        std::sync::LazyLock::new(|| {
            let lexicon = crate::analysis::Analyzer::bundled().lexicon();
            let mut map = HashMap::new();
            for actor in lexicon
                .actors
                .actors
                .iter()
                .filter(|a| matches!(a.kind, ActorKind::Country | ActorKind::Bloc))
            {
                for name in std::iter::once(&actor.name)
                    .chain(&actor.names)
                    .chain(&actor.adjectives)
                {
                    map.entry(name.to_lowercase())
                        .or_insert_with(|| actor.id.clone());
                }
            }
            map
        });
    &COUNTRIES
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    fn body(id: &str, name: &str, mentions: u32) -> Actor {
        Actor {
            id: ActorId(id.into()),
            name: name.into(),
            kind: ActorKind::Organisation,
            aliases: Vec::new(),
            mentions,
            affiliation: None,
            role: None,
        }
    }

    fn joins(articles: Vec<Vec<Actor>>) -> BTreeMap<String, String> {
        let briefings: Vec<Briefing> = articles
            .into_iter()
            .map(|actors| Briefing {
                actors,
                ..Briefing::default()
            })
            .collect();
        let refs: Vec<&Briefing> = briefings.iter().collect();
        resolve_bodies(&refs, &Session::default())
            .0
            .into_iter()
            .map(|(a, b)| (a.0, b.0))
            .collect()
    }

    /// The row `id` is shown on.
    fn row<'j>(j: &'j BTreeMap<String, String>, id: &'j str) -> &'j str {
        j.get(id).map_or(id, String::as_str)
    }

    #[test]
    fn a_body_named_with_and_without_its_country_is_one_row() {
        let j = joins(vec![
            vec![body("org:us-senate", "U.S. Senate", 3)],
            vec![body("org:united-states-senate", "United States Senate", 2)],
            vec![body("org:senate", "Senate", 4)],
            vec![body("org:rc-senate", "Republican-controlled Senate", 1)],
        ]);
        // One row, under the name the articles use most ("Senate", 4 mentions).
        for id in ["org:us-senate", "org:united-states-senate", "org:rc-senate"] {
            assert_eq!(row(&j, id), "org:senate", "{j:?}");
        }
        assert!(!j.contains_key("org:senate"));
    }

    #[test]
    fn an_administration_named_with_the_running_mate_is_the_leaders() {
        let j = joins(vec![
            vec![body("org:biden-harris", "Biden-Harris Administration", 5)],
            vec![body("org:biden", "Biden administration", 2)],
            vec![body("org:trump", "Trump administration", 2)],
        ]);
        assert_eq!(row(&j, "org:biden"), "org:biden-harris", "{j:?}");
        assert_eq!(row(&j, "org:trump"), "org:trump", "{j:?}");
    }

    #[test]
    fn bodies_of_two_countries_stay_apart_and_a_bare_name_joins_only_a_dominant_one() {
        let j = joins(vec![
            vec![body("org:us-senate", "U.S. Senate", 3)],
            vec![body("org:pr-senate", "Puerto Rico Senate", 3)],
            vec![body("org:senate", "Senate", 2)],
        ]);
        assert!(j.is_empty(), "{j:?}");
        let briefings: Vec<Briefing> = [
            body("org:us-senate", "U.S. Senate", 3),
            body("org:pr-senate", "Puerto Rico Senate", 3),
            body("org:senate", "Senate", 2),
        ]
        .into_iter()
        .map(|a| Briefing {
            actors: vec![a],
            ..Briefing::default()
        })
        .collect();
        let refs: Vec<&Briefing> = briefings.iter().collect();
        let (_, ambiguous) = resolve_bodies(&refs, &Session::default());
        assert_eq!(
            ambiguous.get(&ActorId("org:senate".into())).map(Vec::len),
            Some(2),
            "the card says it may be either: {ambiguous:?}"
        );
        let j = joins(vec![
            vec![body("org:us-senate", "U.S. Senate", 9)],
            vec![body("org:pr-senate", "Puerto Rico Senate", 1)],
            vec![body("org:senate", "Senate", 2)],
        ]);
        assert_eq!(row(&j, "org:senate"), "org:us-senate");
        assert_eq!(row(&j, "org:pr-senate"), "org:pr-senate");
    }

    #[test]
    fn a_bare_name_joins_the_body_of_the_country_its_articles_name() {
        let country = |id: &str, name: &str| Actor {
            kind: ActorKind::Country,
            ..body(id, name, 3)
        };
        let j = joins(vec![
            vec![body("org:us-senate", "U.S. Senate", 1)],
            vec![body("org:pr-senate", "Senate of Puerto Rico", 6)],
            vec![
                body("org:senate", "Senate", 2),
                country("united-states", "United States"),
            ],
            vec![
                body("org:senate", "Senate", 1),
                country("united-states", "United States"),
            ],
        ]);
        assert_eq!(row(&j, "org:senate"), row(&j, "org:us-senate"));
        assert_ne!(row(&j, "org:senate"), row(&j, "org:pr-senate"));
    }

    #[test]
    fn a_name_that_closes_a_longer_one_or_turns_its_words_round_is_that_body() {
        let j = joins(vec![
            vec![body(
                "org:hor-oversight",
                "House Oversight and Reform Committee",
                3,
            )],
            vec![body("org:oversight", "Oversight and Reform Committee", 1)],
            vec![body("org:doj", "Department of Justice", 2)],
            vec![body("org:us-jd", "U.S. Justice Department", 1)],
            vec![body("org:committee", "Committee", 1)],
        ]);
        assert_eq!(row(&j, "org:oversight"), "org:hor-oversight");
        assert_eq!(row(&j, "org:us-jd"), row(&j, "org:doj"));
        assert_eq!(
            row(&j, "org:committee"),
            "org:committee",
            "one word closes nothing"
        );
    }

    #[test]
    fn a_short_name_joins_the_longer_name_named_with_and_without_its_country() {
        let j = joins(vec![
            vec![
                body("org:house", "House", 3),
                body("org:us-hor", "United States House of Representatives", 1),
            ],
            vec![
                body("org:house", "House", 2),
                body("org:hor", "House of Representatives", 2),
                body("org:us-hor", "United States House of Representatives", 1),
            ],
            vec![
                body("org:hor", "House of Representatives", 1),
                body("org:us-house", "U.S. House", 1),
            ],
        ]);
        assert_eq!(row(&j, "org:us-hor"), row(&j, "org:house"), "{j:?}");
        assert_eq!(row(&j, "org:us-house"), row(&j, "org:house"), "{j:?}");
        assert_eq!(row(&j, "org:hor"), row(&j, "org:house"), "{j:?}");
    }

    #[test]
    fn a_short_name_joins_the_longer_name_it_opens() {
        let j = joins(vec![
            vec![body("org:house", "House", 4)],
            vec![body("org:hor", "U.S. House of Representatives", 2)],
            vec![
                body("org:court", "Supreme Court", 2),
                body("org:ecj", "Court of Justice", 1),
            ],
            vec![body("org:eu-ecj", "European Court of Justice", 3)],
        ]);
        assert_eq!(row(&j, "org:hor"), "org:house", "the more used name");
        assert_eq!(row(&j, "org:ecj"), "org:eu-ecj");
        assert!(
            !j.contains_key("org:court"),
            "no Supreme Court with a country: {j:?}"
        );
    }
}
