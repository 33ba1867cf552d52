//! Names the lexicon does not know, found from their shape: runs of capitalised words in a
//! sentence. A run that starts with a known given name is a person ("Mark Esper"); a run that
//! ends in a word for a body ("Party", "Court", "Committee", "Ministry") is an organisation or
//! group ("House Intelligence Committee", "Islamic Revolutionary Guard Corps").

use crate::model::ActorKind;
use crate::parse::{Span, is_calendar_word};

/// A word of a sentence.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    /// Only blank space between this word and the one before.
    joined: bool,
}

/// Lower-case words allowed inside a run when a capitalised word follows ("Court of Justice",
/// "Centre for Strategic Studies", "Mohammed bin Salman").
const CONNECTORS: &[&str] = &[
    "of", "for", "on", "and", "the", "de", "al", "bin", "van", "von",
];

/// Words that end a place, never a person or a body ("Pennsylvania Avenue", "Hyde Park").
const PLACE_WORDS: &[&str] = &[
    "Street",
    "Avenue",
    "Square",
    "Park",
    "Airport",
    "Bridge",
    "Station",
    "Island",
    "Islands",
    "River",
    "Lake",
    "County",
    "City",
    "Province",
    "District",
    "Valley",
    "Road",
    "Hall",
    "Hospital",
    "Stadium",
    "Mountains",
    "Mountain",
    "Sea",
    "Ocean",
    "Gulf",
    "Bay",
    "Peninsula",
    "Strip",
    "Desert",
    "Heights",
    "Coast",
    "Canal",
    "Strait",
    "Straits",
    "Day",
    "Week",
    "Prize",
];

/// What a run names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    Person {
        span: Span,
    },
    Body {
        span: Span,
        kind: ActorKind,
    },
    /// People named by where they are from and what they do together ("Hong Kong
    /// protesters"): a group, where the words before name a country.
    Collective {
        span: Span,
    },
}

/// Capitalised function words that open sentences, never names.
const FUNCTION_WORDS: &[&str] = &[
    "On",
    "In",
    "At",
    "The",
    "A",
    "An",
    "But",
    "And",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "However",
    "According",
    "Also",
    "Meanwhile",
    "Later",
    "Earlier",
    "Last",
    "Next",
    "This",
    "That",
    "These",
    "Those",
    "Since",
    "During",
    "For",
    "From",
    "With",
    "By",
    "Of",
    "To",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "There",
    "Then",
    "Yet",
    "Still",
    "Despite",
    "Although",
    "Though",
    "Because",
    "Following",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "How",
    "What",
    "Why",
    "Where",
    "Who",
    "Which",
    "Whose",
    "Image",
    "Photo",
    "Video",
    "Credit",
    "Caption",
];

/// Whether a capitalised word can be part of a name: not a weekday or month, not a function
/// word that opens a sentence.
pub(crate) fn name_word(word: &str) -> bool {
    let w = bare(word);
    !is_calendar_word(w) && !FUNCTION_WORDS.contains(&w)
}

fn capitalised(word: &str) -> bool {
    let word = particle_free(word);
    word.chars().next().is_some_and(char::is_uppercase) && !is_calendar_word(bare(word))
}

/// Arabic articles written lower case before a capitalised name ("al-Assad", "el-Sisi"): the
/// name counts as capitalised.
pub(crate) fn particle_free(word: &str) -> &str {
    for particle in [
        "al-", "el-", "ad-", "as-", "ash-", "at-", "an-", "ar-", "az-",
    ] {
        if let Some(rest) = word.strip_prefix(particle)
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            return rest;
        }
    }
    word
}

/// The words of `text[span]`, with whether only blank space separates each from the one before.
/// A single capital letter keeps its full stop ("Cyrus R. Vance").
fn words(text: &str, span: Span) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap_clean = true;
    let (lo, hi) = (span.start as usize, span.end as usize);
    let Some(slice) = text.get(lo..hi) else {
        return out;
    };
    for (i, c) in slice.char_indices() {
        let at = lo + i;
        // ASCII first: most of the text is, and the Unicode tables are slow.
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '-' || c == '\''
        } else {
            c.is_alphanumeric() || c == '’' || crate::parse::is_invisible(c)
        };
        match (start, word_char) {
            (None, true) => start = Some(at),
            (Some(s), false) => {
                let initial =
                    c == '.' && at - s == 1 && slice[s - lo..].starts_with(char::is_uppercase);
                let end = if initial { at + 1 } else { at };
                out.push(Word {
                    start: s,
                    end,
                    joined: gap_clean,
                });
                start = None;
                gap_clean = c.is_whitespace() || initial;
            }
            (None, false) => {
                // The full stop of an initial was taken into its word already.
                let initial_stop = c == '.' && out.last().is_some_and(|w| w.end == at + 1);
                if !(c.is_whitespace() || initial_stop) {
                    gap_clean = false;
                }
            }
            (Some(_), true) => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: hi,
            joined: gap_clean,
        });
    }
    out
}

/// A word without a possessive ending.
fn bare(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// The people and bodies named in the sentence at `span`, by the shape of their names.
pub(crate) fn find(
    text: &str,
    span: Span,
    is_given_name: &dyn Fn(&str) -> bool,
    words_of: &super::Words,
) -> Vec<Named> {
    let words = words(text, span);
    let word = |w: &Word| &text[w.start..w.end];
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capitalised(word(&words[i])) {
            i += 1;
            continue;
        }
        let end = run_end(text, &words, i);
        let run = &words[i..end];
        i = end;
        let last = bare(word(&run[run.len() - 1]));
        if PLACE_WORDS.contains(&last) || words_of.named_things.contains(last) {
            continue;
        }
        if let Some(body) = administration(text, &words, run, end) {
            out.push(body);
            continue;
        }
        if let Some(group) = collective(text, &words, run, end) {
            out.push(group);
            continue;
        }
        // "the House of Representatives Darin LaHood and Mike Bost": a body, then people.
        let given =
            |w: &str| is_given_name(w) || w.split_once('-').is_some_and(|(a, _)| is_given_name(a));
        if let Some(g) = people_after_body(text, run, &given, words_of) {
            if let Some(kind) = body_kind(text, &run[..g], words_of) {
                out.extend(body(text, &run[..g], kind));
            }
            i = end - run.len() + g;
            continue;
        }
        if let Some((a, b)) = split_bodies(text, run, words_of) {
            for part in [a, b] {
                if let Some(kind) = body_kind(text, part, words_of) {
                    out.extend(body(text, part, kind));
                }
            }
            continue;
        }
        if let Some(kind) = body_kind(text, run, words_of) {
            out.extend(body(text, run, kind));
            continue;
        }
        // A person: a given name and one to three more capitalised words. A double given
        // name counts by its first part ("Jean-Yves").
        if let Some(g) = run.iter().position(|w| given(word(w))) {
            let len = run[g..]
                .iter()
                .take(4)
                .take_while(|w| {
                    capitalised(word(w))
                        && name_word(word(w))
                        && !words_of.named_things.contains(bare(word(w)))
                })
                .count();
            // "the Ryan C. Crocker Award for Leadership": named after a person, no person.
            let names_a_thing = run
                .get(g + len)
                .is_some_and(|w| words_of.named_things.contains(bare(word(w))));
            if len >= 2 && names_a_thing {
                let next = end - run.len() + g + len + 1;
                if next < end {
                    i = next;
                }
                continue;
            }
            if len >= 2 {
                let name = &run[g..g + len];
                let e = name[len - 1].start + bare(word(&name[len - 1])).len();
                out.push(Named::Person {
                    span: Span::new(name[0].start, e),
                });
                // The rest of the run may name another ("Bernie Sanders and Elizabeth Warren").
                let next = end - run.len() + g + len;
                if next < end {
                    i = next;
                }
                continue;
            }
            // A given name that ends the run ("Kino Gabriel said") names no one by itself:
            // the run may still be a name by what follows it.
        }
        if let Some(person) = speaker_by_shape(text, &words, run, end, words_of) {
            out.push(person);
        }
    }
    out
}

/// Where a person's name starts inside a run that names a body by a head word before a
/// connector ("House of Representatives Darin LaHood"): a given name with a name word after
/// it, past the connector, the words before it naming a body on their own.
fn people_after_body(
    text: &str,
    run: &[Word],
    given: &dyn Fn(&str) -> bool,
    words_of: &super::Words,
) -> Option<usize> {
    let word = |w: &Word| &text[w.start..w.end];
    let connector = run.iter().position(|w| CONNECTORS.contains(&word(w)))?;
    let g = (connector + 2..run.len().saturating_sub(1)).find(|&g| {
        given(word(&run[g])) && capitalised(word(&run[g + 1])) && name_word(word(&run[g + 1]))
    })?;
    (!words_of.body_head(bare(word(&run[run.len() - 1])))
        && body_kind(text, &run[..g], words_of).is_some())
    .then_some(g)
}

/// A run from its first name word, where every word from there is a name word with no
/// possessive ending; nothing otherwise.
fn plain_name<'w>(text: &str, run: &'w [Word]) -> Option<&'w [Word]> {
    let word = |w: &Word| &text[w.start..w.end];
    let run = &run[run.iter().position(|w| name_word(word(w)))?..];
    run.iter()
        .all(|w| name_word(word(w)) && bare(word(w)).len() == word(w).len())
        .then_some(run)
}

/// "Hong Kong protesters", "Serbian demonstrators": one to three plain name words right
/// before a word for people who protest together.
fn collective(text: &str, words: &[Word], run: &[Word], end: usize) -> Option<Named> {
    let word = |w: &Word| &text[w.start..w.end];
    let next = words.get(end).filter(|w| w.joined)?;
    // "Thousands of Hong Kong protesters": the words after the last connector.
    let after = run
        .iter()
        .rposition(|w| CONNECTORS.contains(&word(w)))
        .map_or(0, |c| c + 1);
    let run = plain_name(text, &run[after..])?;
    let together = matches!(
        bare(word(next)),
        "protesters" | "protestors" | "demonstrators"
    );
    (together && run.len() <= 3).then(|| Named::Collective {
        span: Span::new(run[0].start, next.start + bare(word(next)).len()),
    })
}

/// "Senate and House": two bodies named together, where the words before "and" end on a
/// body's own head word. "House Oversight and Reform Committee" is one.
fn split_bodies<'w>(
    text: &str,
    run: &'w [Word],
    words_of: &super::Words,
) -> Option<(&'w [Word], &'w [Word])> {
    let word = |w: &Word| &text[w.start..w.end];
    let and = run.iter().position(|w| word(w) == "and")?;
    let head = bare(word(run.get(and.checked_sub(1)?)?));
    let is_head = |w: &str| words_of.state_bodies.contains(w) || words_of.groups.contains(w);
    (is_head(head) && and + 1 < run.len()).then(|| (&run[..and], &run[and + 1..]))
}

/// "the Trump administration": a government named after its leader, an organisation of its
/// own. The run is one or two plain name words right before the lower-case word.
fn administration(text: &str, words: &[Word], run: &[Word], end: usize) -> Option<Named> {
    let word = |w: &Word| &text[w.start..w.end];
    let next = words.get(end).filter(|w| w.joined)?;
    // "The Biden administration": the sentence's first word is not the name's.
    let run = plain_name(text, run)?;
    let head = bare(word(next));
    (head == "administration" && run.len() <= 2).then(|| Named::Body {
        span: Span::new(run[0].start, next.start + head.len()),
        kind: ActorKind::Organisation,
    })
}

/// Where the run of capitalised words starting at `words[i]` ends: capitalised words with
/// connectors between them ("Court of Justice"); a possessive closes it ("Pelosi's office").
fn run_end(text: &str, words: &[Word], i: usize) -> usize {
    let word = |w: &Word| &text[w.start..w.end];
    let mut end = i + 1;
    while end < words.len() && words[end].joined {
        let w = word(&words[end]);
        if capitalised(w) {
            end += 1;
        } else if CONNECTORS.contains(&w)
            && w != "the"
            && words
                .get(end + 1)
                .is_some_and(|n| n.joined && capitalised(word(n)))
        {
            end += 2;
        } else {
            break;
        }
        if bare(word(&words[end - 1])).len() != word(&words[end - 1]).len() {
            break;
        }
    }
    end
}

/// The kind of body a run names by its head word: the last word, or one followed by a
/// connector ("Court of Justice", "Ministry of Foreign Affairs").
fn body_kind(text: &str, run: &[Word], words_of: &super::Words) -> Option<ActorKind> {
    let word = |w: &Word| &text[w.start..w.end];
    let kind_of = |w: &str| {
        if words_of.state_bodies.contains(w) {
            Some(ActorKind::Organisation)
        } else if words_of.groups.contains(w) {
            Some(ActorKind::Group)
        } else {
            None
        }
    };
    kind_of(bare(word(&run[run.len() - 1]))).or_else(|| {
        (0..run.len()).find_map(|j| {
            let before_connector = run
                .get(j + 1)
                .is_some_and(|n| CONNECTORS.contains(&word(n)));
            before_connector
                .then(|| kind_of(bare(word(&run[j]))))
                .flatten()
        })
    })
}

/// The body a run names, from its first name word ("The Senate", "While the House of
/// Representatives" name the Senate and the House of Representatives); a lone head word
/// names one only where it is one ("Senate", "Congress").
fn body(text: &str, run: &[Word], kind: ActorKind) -> Option<Named> {
    let word = |w: &Word| &text[w.start..w.end];
    let last = bare(word(&run[run.len() - 1]));
    let first = run
        .iter()
        .position(|w| capitalised(word(w)) && name_word(word(w)))
        .unwrap_or(0);
    // "Quebec's Westmount High School", "Iran's Quds Force": the owner is not part of the name
    // ("People's Liberation Army" and "Women's March" keep theirs).
    let owner = run[..run.len() - 1].iter().rposition(|w| {
        let w = word(w);
        let stem = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
        stem.is_some_and(|s| !matches!(s, "People" | "Women" | "Children" | "Men"))
    });
    let mut first = owner.map_or(first, |o| first.max(o + 1));
    // "Virginia-based Symplicity Corporation", "Kurdish-led Syrian Democratic Forces": where
    // it is based or who leads it is not its name.
    while first + 1 < run.len()
        && ["-based", "-led", "-backed", "-controlled"]
            .iter()
            .any(|end| word(&run[first]).ends_with(end))
    {
        first += 1;
    }
    let lone = run.len() - first == 1;
    (!lone || matches!(last, "Senate" | "Congress" | "Parliament" | "House")).then(|| Named::Body {
        span: Span::new(run[first].start, run[run.len() - 1].start + last.len()),
        kind,
    })
}

/// A name the given-name data does not know, by what follows it: two or three capitalised name
/// words right before a verb of saying ("Nikos Dendias said"), not opening like a place.
fn speaker_by_shape(
    text: &str,
    words: &[Word],
    run: &[Word],
    end: usize,
    words_of: &super::Words,
) -> Option<Named> {
    let word = |w: &Word| &text[w.start..w.end];
    // "Later Beto O'Rourke, who": the sentence's first word is not the name's.
    let run = &run[run.iter().position(|w| name_word(word(w)))?..];
    let between = |a: &Word, b: &Word| text[a.end..b.start].trim();
    let last = &run[run.len() - 1];
    let next = words.get(end);
    let says = next
        .filter(|w| w.joined)
        .is_some_and(|w| words_of.saying.contains(word(w)));
    // "Beto O'Rourke, who was a candidate": a relative clause of a person.
    let who = next.is_some_and(|w| {
        matches!(word(w), "who" | "whose") && matches!(between(last, w), "" | ",")
    });
    // ", Avinoam Idan, said": a name set off by commas, then the verb of saying.
    let set_off = text[..run[0].start].trim_end().ends_with(',')
        && next.is_some_and(|n| between(last, n) == "," && words_of.saying.contains(word(n)));
    let says = says || who || set_off;
    let plain = run.iter().all(|w| {
        capitalised(word(w)) && name_word(word(w)) && !word(w).chars().all(char::is_uppercase)
    });
    let place_like = PLACE_PREFIXES.contains(&word(&run[0]));
    (says && plain && !place_like && (2..=3).contains(&run.len())).then(|| Named::Person {
        span: Span::new(run[0].start, run[run.len() - 1].end),
    })
}

/// First words of place names that "said" can follow ("New York said", "South Korea said").
pub(crate) const PLACE_PREFIXES: &[&str] = &[
    "New", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Saint",
    "St", "San", "Santa", "Los", "Las", "El", "Fort", "Port", "Mount", "Lake", "Cape", "Upper",
    "Lower", "Greater", "Central", "United",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let given = |w: &str| {
            matches!(
                w,
                "Mark"
                    | "Nancy"
                    | "Cyrus"
                    | "Ali"
                    | "Bernie"
                    | "Elizabeth"
                    | "Gabriel"
                    | "Darin"
                    | "Mike"
            )
        };
        find(
            text,
            Span::new(0, text.len()),
            &given,
            &crate::analysis::Analyzer::bundled().lists,
        )
        .into_iter()
        .map(|n| match n {
            Named::Person { span } => (text[span.range()].to_owned(), "person"),
            Named::Body { span, kind } => (text[span.range()].to_owned(), kind.label()),
            Named::Collective { span } => (text[span.range()].to_owned(), "collective"),
        })
        .collect()
    }

    /// Each text's people and bodies, in order, with their kinds.
    fn check(cases: &[(&str, &[(&str, &str)])]) {
        for (text, want) in cases {
            let want: Vec<(String, &str)> =
                want.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect();
            assert_eq!(found(text), want, "{text}");
        }
    }

    #[test]
    fn people_and_bodies_by_their_shape() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Defense Secretary Mark Esper told the House Intelligence Committee on Monday.",
                &[
                    ("Mark Esper", "person"),
                    ("House Intelligence Committee", "organisation"),
                ],
            ),
            (
                "Speaker Nancy Pelosi's office said so.",
                &[("Nancy Pelosi", "person")],
            ),
            (
                "Leaders such as Bernie Sanders and Elizabeth Warren spoke.",
                &[("Bernie Sanders", "person"), ("Elizabeth Warren", "person")],
            ),
            (
                "Mark Siegel I am a professor. Nancy Lance Bottoms Image: a photo.",
                &[("Mark Siegel", "person"), ("Nancy Lance Bottoms", "person")],
            ),
            (
                "Cyrus R. Vance, Jr. spoke.",
                &[("Cyrus R. Vance", "person")],
            ),
            (
                "The European Court of Justice ruled against the Democratic Party.",
                &[
                    ("European Court of Justice", "organisation"),
                    ("Democratic Party", "group"),
                ],
            ),
            (
                "The Senate voted. Mark lives on Pennsylvania Avenue.",
                &[("Senate", "organisation")],
            ),
            (
                "She graduated from Quebec's Westmount High School and met the People's Liberation Army.",
                &[
                    ("Westmount High School", "group"),
                    ("People's Liberation Army", "organisation"),
                ],
            ),
            (
                "While the House of Representatives voted, the Senate waited.",
                &[
                    ("House of Representatives", "organisation"),
                    ("Senate", "organisation"),
                ],
            ),
            (
                "Grand Ayatollah Ali Khamenei, Iran's leader, spoke.",
                &[("Ali Khamenei", "person")],
            ),
            ("The Court said no.", &[]),
            (
                "Mark-Paul Le Drian spoke.",
                &[("Mark-Paul Le Drian", "person")],
            ),
            (
                "Nikos Dendias said the deal was void.",
                &[("Nikos Dendias", "person")],
            ),
            ("New York said nothing. WHO Director said so.", &[]),
        ];
        check(cases);
    }

    #[test]
    fn names_by_what_surrounds_them_and_bodies_named_together() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Later Beto O'Rourke, who was a candidate, left. \"No,\" Kino Gabriel said.",
                &[("Beto O'Rourke", "person"), ("Kino Gabriel", "person")],
            ),
            (
                "An expert, Avinoam Idan, said so. Avinoam Idan, an expert, agreed.",
                &[("Avinoam Idan", "person")],
            ),
            (
                "Limits for the Senate and House through the House Oversight and Reform Committee.",
                &[
                    ("Senate", "organisation"),
                    ("House", "organisation"),
                    ("House Oversight and Reform Committee", "organisation"),
                ],
            ),
            (
                "Members of the House of Representatives Darin LaHood and Mike Bost asked.",
                &[
                    ("House of Representatives", "organisation"),
                    ("Darin LaHood", "person"),
                    ("Mike Bost", "person"),
                ],
            ),
            (
                "Thousands of Hong Kong protesters gathered; Serbian demonstrators too.",
                &[
                    ("Hong Kong protesters", "collective"),
                    ("Serbian demonstrators", "collective"),
                ],
            ),
            (
                "The Virginia-based Symplicity Corporation and the Kurdish-led Syrian Democratic Forces.",
                &[
                    ("Symplicity Corporation", "group"),
                    ("Syrian Democratic Forces", "organisation"),
                ],
            ),
            (
                "It made Ferraro the Democratic Party's first. The Trump administration's plan.",
                &[
                    ("Democratic Party", "group"),
                    ("Trump administration", "organisation"),
                ],
            ),
            (
                "Ali al-Sistani spoke. Mark moved into the Sinai Peninsula and the Gaza Strip.",
                &[("Ali al-Sistani", "person")],
            ),
            // A law, an agreement or a prize named after a person is no person.
            (
                "Mark Esper backed the Mike Bost Accords and the Elizabeth Ledbetter Fair Pay Act.",
                &[("Mark Esper", "person")],
            ),
            (
                "Mark Esper won the Darin C. Crocker Award for Leadership in Diplomacy.",
                &[("Mark Esper", "person")],
            ),
        ];
        check(cases);
    }
}
