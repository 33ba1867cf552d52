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
    Person { span: Span },
    Body { span: Span, kind: ActorKind },
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
            c.is_alphanumeric() || c == '’'
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
        if PLACE_WORDS.contains(&last) {
            continue;
        }
        if let Some(kind) = body_kind(text, run, words_of) {
            out.extend(body(text, run, kind));
            continue;
        }
        // A person: a given name and one to three more capitalised words. A double given
        // name counts by its first part ("Jean-Yves").
        let given =
            |w: &str| is_given_name(w) || w.split_once('-').is_some_and(|(a, _)| is_given_name(a));
        if let Some(g) = run.iter().position(|w| given(word(w))) {
            let len = run[g..]
                .iter()
                .take(4)
                .take_while(|w| capitalised(word(w)) && name_word(word(w)))
                .count();
            if len >= 2 {
                let name = &run[g..g + len];
                let e = name[len - 1].start + bare(word(&name[len - 1])).len();
                out.push(Named::Person {
                    span: Span::new(name[0].start, e),
                });
            }
            // The rest of the run may name another ("Bernie Sanders and Elizabeth Warren").
            let next = end - run.len() + g + len.max(1);
            if next < end {
                i = next;
            }
            continue;
        }
        if let Some(person) = speaker_by_shape(text, &words, run, end, words_of) {
            out.push(person);
        }
    }
    out
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
    let first = owner.map_or(first, |o| first.max(o + 1));
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
    let says = words
        .get(end)
        .filter(|w| w.joined)
        .is_some_and(|w| words_of.saying.contains(word(w)));
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
                "Mark" | "Nancy" | "Cyrus" | "Ali" | "Bernie" | "Elizabeth"
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
        })
        .collect()
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
            (
                "Ali al-Sistani spoke. Mark moved into the Sinai Peninsula and the Gaza Strip.",
                &[("Ali al-Sistani", "person")],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<(String, &str)> =
                want.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect();
            assert_eq!(found(text), want, "{text}");
        }
    }
}
