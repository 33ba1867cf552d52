//! The data the analysis reads: actors with their aliases, stance cue words, topic words.
//!
//! It lives in RON files under `assets/lexicon/` so that users can extend it without touching
//! code; the bundled files are compiled in, and [`Lexicon::extend_from_dir`] adds a user's own.

use crate::model::{ActorKind, Stance};
use serde::Deserialize;
use std::path::Path;

/// A country, organisation, bloc or group known by name.
#[derive(Clone, Debug, Deserialize)]
pub struct ActorEntry {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// Names and metonyms, matched case-sensitively as whole words.
    pub names: Vec<String>,
    /// Demonyms ("Russian"): they name the actor and give people their affiliation.
    #[serde(default)]
    pub adjectives: Vec<String>,
}

/// A person known by name.
#[derive(Clone, Debug, Deserialize)]
pub struct PersonEntry {
    pub name: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
}

/// The file `actors.ron`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ActorLexicon {
    #[serde(default)]
    pub actors: Vec<ActorEntry>,
    #[serde(default)]
    pub people: Vec<PersonEntry>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Place names that are never actors, matched only so that a country inside them is not
    /// taken for the country ("New Mexico", "New Jersey").
    #[serde(default)]
    pub places: Vec<String>,
}

impl ActorLexicon {
    /// Adds another file's entries; an actor with an id already known replaces it.
    fn merge(&mut self, extra: ActorLexicon) {
        for entry in extra.actors {
            self.actors.retain(|a| a.id != entry.id);
            self.actors.push(entry);
        }
        self.people.extend(extra.people);
        self.titles.extend(extra.titles);
        self.roles.extend(extra.roles);
        self.pronouns.extend(extra.pronouns);
        self.places.extend(extra.places);
    }
}

/// A word or phrase that signals a stance.
#[derive(Clone, Debug, Deserialize)]
pub struct CueEntry {
    pub text: String,
    pub stance: Stance,
}

/// A verb that signals a stance in all its forms: `reject` also matches rejects, rejected and
/// rejecting; `call for` matches calls for, called for, calling for.
#[derive(Clone, Debug, Deserialize)]
pub struct VerbCue {
    pub verb: String,
    pub stance: Stance,
    /// The base and -s forms are mostly nouns in news ("an attack", "the protests"): only the
    /// past and -ing forms are cues.
    #[serde(default)]
    pub noun: bool,
    /// Who holds the view: the subject (the default), or the object ("the decision
    /// disappointed Kyiv": Kyiv holds it; in the passive, "Kyiv was disappointed", the subject
    /// again).
    #[serde(default)]
    pub holder: Frame,
}

/// Which part of a stance verb's clause holds the view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frame {
    #[default]
    Subject,
    Object,
}

/// What part a cue's form can play in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueShape {
    /// A phrase of `cues`, matched as written.
    Phrase,
    /// A verb's base or -s form ("attack", "demands"): it may be a noun.
    Bare,
    /// A simple past that is not also a participle ("withdrew").
    Past,
    /// A past participle ("rejected", "withdrawn"): after a form of "be" it is a passive.
    Participle,
    /// The -ing form.
    Ing,
}

/// One matchable form of a cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueForm {
    pub text: String,
    pub stance: Stance,
    pub shape: CueShape,
    pub frame: Frame,
}

/// The file `cues.ron`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CueLexicon {
    #[serde(default)]
    pub cues: Vec<CueEntry>,
    #[serde(default)]
    pub verbs: Vec<VerbCue>,
    #[serde(default)]
    pub negators: Vec<String>,
}

impl CueLexicon {
    /// Every form to match: the phrases as written, then each verb inflected (from the
    /// Wiktionary tables of the `english` crate), its particle kept after it.
    pub fn forms(&self) -> Vec<CueForm> {
        use english::{English, Form, Number, Person, Tense};
        let mut out: Vec<CueForm> = self
            .cues
            .iter()
            .map(|c| CueForm {
                text: c.text.clone(),
                stance: c.stance,
                shape: CueShape::Phrase,
                frame: Frame::Subject,
            })
            .collect();
        for v in &self.verbs {
            let (head, particle) = match v.verb.split_once(' ') {
                Some((h, p)) => (h, format!(" {p}")),
                None => (v.verb.as_str(), String::new()),
            };
            let form =
                |tense, form| English::verb(head, &Person::Third, &Number::Singular, &tense, &form);
            let forms = [
                (head.to_owned(), CueShape::Bare),
                (form(Tense::Present, Form::Finite), CueShape::Bare),
                (form(Tense::Past, Form::Finite), CueShape::Past),
                (form(Tense::Present, Form::Participle), CueShape::Ing),
                (form(Tense::Past, Form::Participle), CueShape::Participle),
            ];
            for (word, shape) in forms {
                if v.noun && shape == CueShape::Bare {
                    continue;
                }
                let text = format!("{word}{particle}");
                // The simple past and the participle are often one word: keep one entry,
                // marked as a participle (the passive check looks for "be" before it).
                if let Some(seen) = out.iter_mut().find(|f| f.text == text) {
                    if shape == CueShape::Participle {
                        seen.shape = shape;
                    }
                    continue;
                }
                out.push(CueForm {
                    text,
                    stance: v.stance,
                    shape,
                    frame: v.holder,
                });
            }
        }
        out
    }
}

/// A named topic and the phrases that name it.
#[derive(Clone, Debug, Deserialize)]
pub struct TopicEntry {
    pub id: String,
    pub name: String,
    pub phrases: Vec<String>,
}

/// Head words that refer to each other ("the talks" may mean "the Miami talks").
#[derive(Clone, Debug, Deserialize)]
pub struct Family {
    pub name: String,
    pub heads: Vec<String>,
}

/// The file `topics.ron`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct TopicLexicon {
    #[serde(default)]
    pub topics: Vec<TopicEntry>,
    #[serde(default)]
    pub families: Vec<Family>,
    #[serde(default)]
    pub ignore_modifiers: Vec<String>,
}

/// All the files together.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub actors: ActorLexicon,
    pub cues: CueLexicon,
    pub topics: TopicLexicon,
    /// Given names (`given-names.ron`): a capitalised run starting with one names a person.
    pub given_names: Vec<String>,
    /// Words rated from −4 to +4 (`sentiment.ron`): the direction of reported speech.
    pub sentiment: SentimentLexicon,
    /// Notable people from reference data (`gazetteer.txt`): their given names are known, and
    /// a person found under one of their names takes their party.
    pub gazetteer: Vec<PersonEntry>,
    /// Word lists the analysis reads (`words.ron`).
    pub words: WordLists,
}

/// The file `words.ron`: word lists the analysis reads (see the comments in the file).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct WordLists {
    /// Verbs of saying, lower case.
    #[serde(default)]
    pub saying: Vec<String>,
    /// Lower-case words after a name that act for it ("ministry", "officials").
    #[serde(default)]
    pub organs: Vec<String>,
    /// Rated words that report events rather than judge them, lower case.
    #[serde(default)]
    pub event_words: Vec<String>,
    /// Head words of a state body's name, capitalised.
    #[serde(default)]
    pub state_bodies: Vec<String>,
    /// Head words of another organised group's name, capitalised.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Light nouns that name no issue of their own, lower case.
    #[serde(default)]
    pub light_nouns: Vec<String>,
    /// Nouns of kind or quantity, lower case: before "of", the topic is what follows ("some
    /// form of impeachment").
    #[serde(default)]
    pub kind_nouns: Vec<String>,
    /// Verbs that take an addressee before what they ask of it, lower case: in "urged both
    /// sides to talk", "both sides" is who is asked, not the issue.
    #[serde(default)]
    pub addressee_verbs: Vec<String>,
    /// Last words of the names of laws, agreements and prizes, capitalised: "the Abraham
    /// Accords" and "the Lilly Ledbetter Fair Pay Act" are named after people, not people.
    #[serde(default)]
    pub named_things: Vec<String>,
}

impl WordLists {
    /// Adds the words of `other` to these.
    pub fn merge(&mut self, other: WordLists) {
        self.saying.extend(other.saying);
        self.organs.extend(other.organs);
        self.event_words.extend(other.event_words);
        self.state_bodies.extend(other.state_bodies);
        self.groups.extend(other.groups);
        self.light_nouns.extend(other.light_nouns);
        self.kind_nouns.extend(other.kind_nouns);
        self.addressee_verbs.extend(other.addressee_verbs);
        self.named_things.extend(other.named_things);
    }
}

/// The file `sentiment.ron`: English words and how negative or positive they are, −4 to +4.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SentimentLexicon {
    #[serde(default)]
    /// Lower-case words.
    pub words: std::collections::HashMap<String, f32>,
}

/// A lexicon file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}: could not be read ({reason})")]
    Unreadable { file: String, reason: String },
    #[error("{file}:{position}: {reason}")]
    Invalid {
        file: String,
        position: String,
        reason: String,
    },
}

/// The people of `gazetteer.txt` and `leaders.txt`: one a line, their names separated by "|", a
/// tab, the lexicon id of their party or country (or nothing), and optionally a tab and their
/// title; lines starting with "#" are comments. A plain format: the
/// bundled lexicon is read at every start.
fn gazetteer(text: &str) -> impl Iterator<Item = PersonEntry> + '_ {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let names: Vec<String> = columns.next()?.split('|').map(str::to_owned).collect();
            let mut column = || columns.next().filter(|c| !c.is_empty()).map(str::to_owned);
            Some(PersonEntry {
                name: names.first()?.clone(),
                names,
                affiliation: column(),
                role: column(),
            })
        })
}

fn parse_ron<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, LexiconError> {
    ron::from_str(text).map_err(|e| LexiconError::Invalid {
        file: file.to_owned(),
        position: format!("{}:{}", e.span.start.line, e.span.start.col),
        reason: e.code.to_string(),
    })
}

/// Every surface form of a lexicon, grouped by the part it plays in a sentence. Tests and the
/// fuzzer build text from these, so that names, titles and cue words meet in real arrangements.
#[derive(Clone, Debug, Default)]
pub struct SurfaceForms {
    /// Actor names, metonyms, demonyms and people's names.
    pub names: Vec<String>,
    pub titles: Vec<String>,
    pub roles: Vec<String>,
    pub pronouns: Vec<String>,
    pub cues: Vec<String>,
    pub negators: Vec<String>,
    /// Topic phrases and family head words.
    pub topics: Vec<String>,
}

impl Lexicon {
    /// The lexicon's words, grouped by kind.
    pub fn surface_forms(&self) -> SurfaceForms {
        let a = &self.actors;
        let names = a
            .actors
            .iter()
            .flat_map(|e| e.names.iter().chain(&e.adjectives))
            .chain(
                a.people
                    .iter()
                    .flat_map(|p| p.names.iter().chain([&p.name])),
            )
            .cloned()
            .collect();
        let topics = self
            .topics
            .topics
            .iter()
            .flat_map(|t| &t.phrases)
            .chain(self.topics.families.iter().flat_map(|f| &f.heads))
            .cloned()
            .collect();
        SurfaceForms {
            names,
            titles: a.titles.clone(),
            roles: a.roles.clone(),
            pronouns: a.pronouns.clone(),
            cues: self.cues.forms().into_iter().map(|c| c.text).collect(),
            negators: self.cues.negators.clone(),
            topics,
        }
    }

    /// The lexicon shipped in `assets/lexicon/`.
    pub fn bundled() -> Result<Self, LexiconError> {
        // Every country from reference data, then the hand-written entries on top.
        let mut actors: ActorLexicon = parse_ron(
            "assets/lexicon/countries.ron",
            include_str!("../../assets/lexicon/countries.ron"),
        )?;
        actors.merge(parse_ron(
            "assets/lexicon/parties.ron",
            include_str!("../../assets/lexicon/parties.ron"),
        )?);
        actors.merge(parse_ron(
            "assets/lexicon/armed-groups.ron",
            include_str!("../../assets/lexicon/armed-groups.ron"),
        )?);
        actors.merge(parse_ron(
            "assets/lexicon/actors.ron",
            include_str!("../../assets/lexicon/actors.ron"),
        )?);

        Ok(Self {
            actors,
            cues: parse_ron(
                "assets/lexicon/cues.ron",
                include_str!("../../assets/lexicon/cues.ron"),
            )?,
            topics: parse_ron(
                "assets/lexicon/topics.ron",
                include_str!("../../assets/lexicon/topics.ron"),
            )?,
            given_names: parse_ron(
                "assets/lexicon/given-names.ron",
                include_str!("../../assets/lexicon/given-names.ron"),
            )?,
            sentiment: parse_ron(
                "assets/lexicon/sentiment.ron",
                include_str!("../../assets/lexicon/sentiment.ron"),
            )?,
            gazetteer: gazetteer(include_str!("../../assets/lexicon/gazetteer.txt"))
                .chain(gazetteer(include_str!("../../assets/lexicon/leaders.txt")))
                .collect(),
            words: parse_ron(
                "assets/lexicon/words.ron",
                include_str!("../../assets/lexicon/words.ron"),
            )?,
        })
    }

    /// Adds the entries of `actors.ron`, `cues.ron`, `topics.ron`, `sentiment.ron` and
    /// `words.ron` found in `dir` (each file optional). An actor, topic or rated word already
    /// known is replaced; the words of `words.ron` are added to the lists.
    /// Adds the analyst's codebook: its topics as named topics (id `codebook:…`), its actors as
    /// known names. An actor the lexicon knows already (by name or one of its names) takes the
    /// codebook's aliases as further names of its own.
    pub fn add_codebook(&mut self, book: &crate::model::codebook::Codebook) {
        use crate::model::codebook::Codebook;
        for topic in &book.topics {
            let id = Codebook::topic_id(&topic.name).0;
            let mut phrases = vec![topic.name.clone()];
            phrases.extend(topic.phrases.iter().cloned());
            self.topics.topics.retain(|t| t.id != id);
            self.topics.topics.push(TopicEntry {
                id,
                name: topic.name.clone(),
                phrases,
            });
        }
        for actor in &book.actors {
            let known = self
                .actors
                .actors
                .iter_mut()
                .find(|a| a.name == actor.name || a.names.contains(&actor.name));
            if let Some(known) = known {
                known.names.extend(actor.aliases.iter().cloned());
                continue;
            }
            let mut names = vec![actor.name.clone()];
            names.extend(actor.aliases.iter().cloned());
            if actor.kind == ActorKind::Person {
                self.actors.people.push(PersonEntry {
                    name: actor.name.clone(),
                    names,
                    affiliation: None,
                    role: None,
                });
            } else {
                self.actors.actors.push(ActorEntry {
                    id: Codebook::actor_id(actor).0,
                    name: actor.name.clone(),
                    kind: actor.kind,
                    names,
                    adjectives: Vec::new(),
                });
            }
        }
    }

    pub fn extend_from_dir(&mut self, dir: &Path) -> Result<(), LexiconError> {
        let read = |name: &str| -> Result<Option<(String, String)>, LexiconError> {
            let path = dir.join(name);
            if !path.exists() {
                return Ok(None);
            }
            let file = path.display().to_string();
            crate::load::read_bounded(&path, LEXICON_LIMIT, &mut |_, _| {})
                .map(|bytes| Some((file.clone(), String::from_utf8_lossy(&bytes).into_owned())))
                .map_err(|e| LexiconError::Unreadable {
                    file,
                    reason: e.reason("lexicon file", LEXICON_LIMIT),
                })
        };
        if let Some((file, text)) = read("actors.ron")? {
            self.actors.merge(parse_ron(&file, &text)?);
        }
        if let Some((file, text)) = read("cues.ron")? {
            let extra: CueLexicon = parse_ron(&file, &text)?;
            self.cues.cues.extend(extra.cues);
            self.cues.verbs.extend(extra.verbs);
            self.cues.negators.extend(extra.negators);
        }
        if let Some((file, text)) = read("topics.ron")? {
            let extra: TopicLexicon = parse_ron(&file, &text)?;
            for entry in extra.topics {
                self.topics.topics.retain(|t| t.id != entry.id);
                self.topics.topics.push(entry);
            }
            self.topics.families.extend(extra.families);
            self.topics.ignore_modifiers.extend(extra.ignore_modifiers);
        }
        if let Some((file, text)) = read("words.ron")? {
            self.words.merge(parse_ron(&file, &text)?);
        }
        if let Some((file, text)) = read("sentiment.ron")? {
            let extra: SentimentLexicon = parse_ron(&file, &text)?;
            self.sentiment
                .words
                .extend(extra.words.into_iter().map(|(w, v)| (w.to_lowercase(), v)));
        }
        Ok(())
    }
}

/// The largest lexicon file read, in bytes.
const LEXICON_LIMIT: u64 = 64 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses_and_has_the_seed_actors() {
        let lex = Lexicon::bundled().expect("bundled lexicon");
        for id in ["russia", "ukraine", "united-states"] {
            assert!(lex.actors.actors.iter().any(|a| a.id == id), "{id}");
        }
        let obama = lex
            .gazetteer
            .iter()
            .find(|p| p.name == "Barack Obama")
            .expect("the gazetteer's people");
        assert_eq!(obama.affiliation.as_deref(), Some("democratic-party"));
        let assad = lex
            .gazetteer
            .iter()
            .find(|p| p.name == "Bashar al-Asad")
            .expect("the Factbook's leaders");
        assert_eq!(assad.affiliation.as_deref(), Some("syria"));
        assert_eq!(assad.role.as_deref(), Some("President"));
        assert!(
            lex.actors
                .actors
                .iter()
                .any(|a| a.name == "Boko Haram" && a.kind == crate::model::ActorKind::Group)
        );
        assert!(lex.cues.forms().iter().any(|c| c.text == "denied"));
    }

    #[test]
    fn every_country_is_known_once_and_states_are_places() {
        let lex = Lexicon::bundled().expect("bundled lexicon");
        let mut ids = std::collections::HashSet::new();
        for a in &lex.actors.actors {
            assert!(ids.insert(a.id.as_str()), "two entries with id {}", a.id);
        }
        let named = |n: &str| {
            lex.actors
                .actors
                .iter()
                .filter(|a| a.names.iter().any(|x| x == n))
                .count()
        };
        for country in [
            "Greece",
            "Syria",
            "North Korea",
            "South Korea",
            "Iraq",
            "Mexico",
            "Iran",
        ] {
            assert_eq!(named(country), 1, "{country}");
        }
        // Ambiguous in English news: a given name, a US state, a continent.
        for word in ["Chad", "Jordan", "Georgia", "America"] {
            assert_eq!(named(word), 0, "{word}");
        }
        assert!(lex.actors.places.iter().any(|p| p == "New Mexico"));
    }

    #[test]
    fn a_user_words_file_extends_the_word_lists_the_analysis_reads() {
        use crate::load::Format;
        let text = "The Grand Conclave rejected the plan.\n\nIt said the Grand Conclave erred.";
        let names = |an: &crate::analysis::Analyzer| -> Vec<String> {
            an.analyze(&crate::parse::parse_text(text, Format::Text))
                .actors
                .into_iter()
                .map(|a| a.name)
                .collect()
        };
        assert!(
            !names(crate::analysis::Analyzer::bundled()).contains(&"Grand Conclave".to_owned())
        );
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("words.ron"),
            "(state_bodies: [\"Conclave\"])",
        )
        .expect("write");
        let an = crate::analysis::Analyzer::with_lexicon_dir(dir.path()).expect("reads");
        assert!(
            names(&an).contains(&"Grand Conclave".to_owned()),
            "{:?}",
            names(&an)
        );
        // The bundled lists stay.
        assert!(an.lexicon().words.saying.iter().any(|w| w == "said"));
        std::fs::write(dir.path().join("words.ron"), "(state_bodies: 3)").expect("write");
        let err = crate::analysis::Analyzer::with_lexicon_dir(dir.path()).expect_err("refused");
        assert!(err.to_string().contains("words.ron"), "{err}");
    }

    #[test]
    fn a_user_directory_adds_and_replaces_entries() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("actors.ron"),
            r#"(actors: [(id: "russia", name: "Russian Federation", kind: country, names: ["RF"]),
                (id: "hamas", name: "Hamas", kind: group, names: ["Hamas"])])"#,
        )
        .expect("write");
        let mut lex = Lexicon::bundled().expect("bundled");
        lex.extend_from_dir(dir.path()).expect("extend");
        let russia: Vec<_> = lex
            .actors
            .actors
            .iter()
            .filter(|a| a.id == "russia")
            .collect();
        assert_eq!(russia.len(), 1);
        assert_eq!(russia[0].name, "Russian Federation");
        assert!(lex.actors.actors.iter().any(|a| a.id == "hamas"));

        std::fs::write(
            dir.path().join("cues.ron"),
            "(cues: [(text: \"x\", stance: maybe)])",
        )
        .expect("write");
        let err = lex.extend_from_dir(dir.path()).expect_err("bad stance");
        assert!(err.to_string().contains("cues.ron:1:"), "{err}");
    }
}
