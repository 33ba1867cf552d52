//! Quality against hand labels: how many of the actors, aliases, stances and headings a person
//! wrote down for a real article the analysis finds, and how much of what it finds is right.
//!
//! A corpus folder holds the articles (in any sub-folder) and `labels/NAME.ron` for each article
//! `NAME.*` (format in `assets/corpus/LABELS.md`). `split.txt` beside them fixes each article's
//! half (dev, tuned on; test, only scored), so that adding articles moves none; articles it does
//! not list alternate between the halves in name order, the first going to dev.
//!
//! Matching is by surface form, never by our own ids: a labelled actor is found when some
//! predicted actor's name or alias equals one of its forms (case, quotes, a leading "the" and
//! a possessive "'s" aside). A labelled stance is found when the predicted actor matching its actor
//! has a stance of the same direction whose evidence includes the labelled sentence.

pub mod baseline;
pub mod corpus;

use crate::analysis::Analyzer;
use crate::document::Document;
use crate::model::{ActorKind, Briefing, Stance};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One article's hand labels.
#[derive(Clone, Debug, Deserialize)]
pub struct Labels {
    pub actors: Vec<LabelledActor>,
    #[serde(default)]
    pub stances: Vec<LabelledStance>,
    #[serde(default)]
    pub headings: Vec<String>,
}

/// An actor as labelled: its name, kind and every form the article uses for it.
#[derive(Clone, Debug, Deserialize)]
pub struct LabelledActor {
    pub name: String,
    pub kind: ActorKind,
    pub forms: Vec<String>,
}

/// A stance as labelled, with a verbatim piece of the sentence stating it.
#[derive(Clone, Debug, Deserialize)]
pub struct LabelledStance {
    pub actor: String,
    pub topic: String,
    pub stance: Stance,
    pub sentence: String,
}

/// Which half of the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    Dev,
    Test,
    All,
}

/// Counts for one article or a sum of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub actors: u32,
    pub actors_found: u32,
    /// Predicted actors with at least two mentions, and how many of them are labelled actors.
    pub predicted: u32,
    pub predicted_right: u32,
    /// Labelled actors found, and how many of them are one predicted actor (not split in two).
    pub merge_found: u32,
    pub merged: u32,
    pub stances: u32,
    pub stances_found: u32,
    /// Predicted (actor, evidence sentence) pairs whose actor is labelled, and how many match a
    /// labelled stance of the same direction.
    pub stances_predicted: u32,
    pub stances_right: u32,
    pub headings: u32,
    pub headings_found: u32,
    pub headings_spurious: u32,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.actors += o.actors;
        self.actors_found += o.actors_found;
        self.predicted += o.predicted;
        self.predicted_right += o.predicted_right;
        self.merge_found += o.merge_found;
        self.merged += o.merged;
        self.stances += o.stances;
        self.stances_found += o.stances_found;
        self.stances_predicted += o.stances_predicted;
        self.stances_right += o.stances_right;
        self.headings += o.headings;
        self.headings_found += o.headings_found;
        self.headings_spurious += o.headings_spurious;
    }
}

fn ratio(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        1.0
    } else {
        f64::from(part) / f64::from(whole)
    }
}

impl Counts {
    pub fn actor_recall(&self) -> f64 {
        ratio(self.actors_found, self.actors)
    }
    pub fn actor_precision(&self) -> f64 {
        ratio(self.predicted_right, self.predicted)
    }
    pub fn merge(&self) -> f64 {
        ratio(self.merged, self.merge_found)
    }
    pub fn stance_recall(&self) -> f64 {
        ratio(self.stances_found, self.stances)
    }
    pub fn stance_precision(&self) -> f64 {
        ratio(self.stances_right, self.stances_predicted)
    }
    pub fn heading_recall(&self) -> f64 {
        ratio(self.headings_found, self.headings)
    }
}

/// A surface form made comparable: lower case, straight quotes, single spaces, without a leading
/// "the" or a trailing possessive.
pub fn normalise(form: &str) -> String {
    let folded: String = form
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            _ => c,
        })
        .collect::<String>()
        .to_lowercase();
    let mut s = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(rest) = s.strip_prefix("the ") {
        s = rest.to_owned();
    }
    if let Some(rest) = s.strip_suffix("'s") {
        s = rest.to_owned();
    }
    s
}

/// Words that, with the `CORE_TITLES`, may open a labelled form: "President Trump" is also found
/// as "Trump", "US President Donald Trump" as "Donald Trump".
const TITLE_WORDS: &[&str] = &[
    "us", "u.s.", "uk", "former", "vice", "prime", "foreign", "of", "state", "attorney", "chief",
    "house", "senate", "majority", "minority", "defense", "defence", "national", "security",
];

/// Title words proper: a stripped prefix must hold one ("House Intelligence Committee" keeps its
/// name).
const CORE_TITLES: &[&str] = &[
    "president",
    "minister",
    "senator",
    "sen.",
    "speaker",
    "governor",
    "gov.",
    "judge",
    "justice",
    "secretary",
    "representative",
    "rep.",
    "mayor",
    "chancellor",
    "king",
    "queen",
    "general",
    "gen.",
    "ambassador",
    "leader",
    "advisor",
    "adviser",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
];

/// A normalised form without the title words that open it.
fn without_title(form: &str) -> String {
    let words: Vec<&str> = form.split(' ').collect();
    let skip = words
        .iter()
        .take_while(|w| TITLE_WORDS.contains(w) || CORE_TITLES.contains(w))
        .count();
    let titled = words[..skip].iter().any(|w| CORE_TITLES.contains(w));
    if skip == 0 || skip == words.len() || !titled {
        form.to_owned()
    } else {
        words[skip..].join(" ")
    }
}

/// The direction of a stance: +1, −1, 0 for neutral, 2 for mixed.
fn direction(stance: Stance) -> i32 {
    match stance {
        Stance::Mixed => 2,
        s => s.score().signum(),
    }
}

/// For each labelled actor, the predicted actors (indexes into `b.actors`) that match it.
fn matches(b: &Briefing, labels: &Labels) -> Vec<Vec<usize>> {
    let surfaces: Vec<Vec<String>> = b
        .actors
        .iter()
        .map(|a| {
            std::iter::once(&a.name)
                .chain(&a.aliases)
                .map(|s| normalise(s))
                .collect()
        })
        .collect();
    let forms: Vec<Vec<String>> = labels
        .actors
        .iter()
        .map(|a| {
            std::iter::once(&a.name)
                .chain(&a.forms)
                .flat_map(|s| {
                    let n = normalise(s);
                    let untitled = without_title(&n);
                    std::iter::once(n.clone()).chain((untitled != n).then_some(untitled))
                })
                .collect()
        })
        .collect();
    (0..labels.actors.len())
        .map(|l| {
            (0..b.actors.len())
                .filter(|&p| surfaces[p].iter().any(|s| forms[l].contains(s)))
                .collect()
        })
        .collect()
}

/// The labelled actors the analysis did not find, with their kinds.
pub fn missed_actors<'l>(doc: &Document, labels: &'l Labels) -> Vec<&'l LabelledActor> {
    let found = matches(&doc.briefing, labels);
    labels
        .actors
        .iter()
        .zip(found)
        .filter(|(_, f)| f.is_empty())
        .map(|(a, _)| a)
        .collect()
}

/// Scores one analysed article against its labels.
pub fn score(doc: &Document, labels: &Labels) -> Counts {
    let b: &Briefing = &doc.briefing;
    let found = matches(b, labels);
    let matches = |p: usize, l: usize| found[l].contains(&p);
    let mut c = Counts {
        actors: labels.actors.len() as u32,
        stances: labels.stances.len() as u32,
        headings: labels.headings.len() as u32,
        ..Counts::default()
    };
    for hits in &found {
        if !hits.is_empty() {
            c.actors_found += 1;
            c.merge_found += 1;
            if hits.len() == 1 {
                c.merged += 1;
            }
        }
    }
    for (p, actor) in b.actors.iter().enumerate() {
        if actor.mentions >= 2 {
            c.predicted += 1;
            if (0..labels.actors.len()).any(|l| matches(p, l)) {
                c.predicted_right += 1;
            }
        }
    }

    let sentence_text = |id| normalise(&doc.article.sentence_text(id));
    let confirm = Confirm::new(b, labels);
    let labelled_actor = |name: &str| confirm.by_name.get(&normalise(name)).copied();
    for st in &labels.stances {
        if labelled_stance(doc, &found, labelled_actor(&st.actor), st).is_ok() {
            c.stances_found += 1;
        }
    }
    for s in &b.stances {
        let Some(p) = b.actors.iter().position(|a| a.id == s.actor) else {
            continue;
        };
        for e in &s.evidence {
            c.stances_predicted += 1;
            if confirm.confirms(p, s.stance, &sentence_text(e.sentence)) {
                c.stances_right += 1;
            }
        }
    }

    let wanted: Vec<String> = labels.headings.iter().map(|h| normalise(h)).collect();
    for heading in doc
        .article
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
    {
        if wanted.contains(&normalise(heading)) {
            c.headings_found += 1;
        } else {
            c.headings_spurious += 1;
        }
    }
    c.headings_found = c.headings_found.min(c.headings);
    c
}

/// One article scored: its counts, the labelled actors missed and the stances no label confirms.
#[derive(Clone, Debug)]
pub struct Scored {
    pub entry: Entry,
    pub counts: Counts,
    pub missed: Vec<(ActorKind, String)>,
    pub wrong: Vec<String>,
    pub missed_stances: Vec<(StanceMiss, String)>,
}

/// One labelled article of a corpus.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    pub article: PathBuf,
    pub labels: PathBuf,
    pub split: Split,
}

/// Why a corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{0}: no labels folder (expected {0}/labels/NAME.ron beside the articles)")]
    NoLabels(String),
    #[error("{0}: no article file for these labels")]
    NoArticle(String),
    #[error("{path}:{position}: {reason}")]
    BadLabels {
        path: String,
        position: String,
        reason: String,
    },
    #[error("{0}")]
    Article(String),
}

/// The labelled articles of the corpus in `dir`, in name order, with their halves.
pub fn entries(dir: &Path) -> Result<Vec<Entry>, EvalError> {
    let labels_dir = dir.join("labels");
    let Ok(read) = std::fs::read_dir(&labels_dir) else {
        return Err(EvalError::NoLabels(dir.display().to_string()));
    };
    let mut names: Vec<String> = read
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter_map(|n| n.strip_suffix(".ron").map(str::to_owned))
        .collect();
    names.sort();
    // Every article file under `dir`, outside `labels/`, by stem.
    let mut articles: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for e in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = e.path();
            if path.is_dir() {
                if path != labels_dir {
                    pending.push(path);
                }
            } else if let Some(stem) = path.file_stem().and_then(|s| s.to_str())
                && matches!(
                    path.extension().and_then(|x| x.to_str()),
                    Some("txt" | "md" | "html" | "htm")
                )
            {
                articles.insert(stem.to_owned(), path.clone());
            }
        }
    }
    let fixed = fixed_split(dir);
    let mut unlisted = 0;
    names
        .into_iter()
        .map(|name| {
            let article = articles
                .get(&name)
                .cloned()
                .ok_or_else(|| EvalError::NoArticle(name.clone()))?;
            let split = fixed.get(&name).copied().unwrap_or_else(|| {
                unlisted += 1;
                if unlisted % 2 == 1 {
                    Split::Dev
                } else {
                    Split::Test
                }
            });
            Ok(Entry {
                labels: labels_dir.join(format!("{name}.ron")),
                article,
                split,
                name,
            })
        })
        .collect()
}

/// The halves fixed in `split.txt` beside the labels ("dev NAME" or "test NAME" a line, "#"
/// comments): an article keeps the half it was labelled into when others are added.
fn fixed_split(dir: &Path) -> BTreeMap<String, Split> {
    let text = std::fs::read_to_string(dir.join("split.txt")).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (half, name) = line.trim().split_once(' ')?;
            let split = match half {
                "dev" => Split::Dev,
                "test" => Split::Test,
                _ => return None,
            };
            Some((name.trim().to_owned(), split))
        })
        .collect()
}

/// Reads one label file.
pub fn read_labels(path: &Path) -> Result<Labels, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::BadLabels {
        path: path.display().to_string(),
        position: "0:0".into(),
        reason: e.to_string(),
    })?;
    ron::from_str(&text).map_err(|e| EvalError::BadLabels {
        path: path.display().to_string(),
        position: format!("{}:{}", e.span.start.line, e.span.start.col),
        reason: e.code.to_string(),
    })
}

/// The labelled articles of `split` in name order, each with its labels, opened with
/// `analyzer`.
pub fn opened(
    dir: &Path,
    split: Split,
    analyzer: &Analyzer,
) -> Result<Vec<(Entry, Labels, Document)>, EvalError> {
    let mut out = Vec::new();
    for entry in entries(dir)? {
        if split != Split::All && entry.split != split {
            continue;
        }
        let labels = read_labels(&entry.labels)?;
        let doc = Document::open(&entry.article, analyzer)
            .map_err(|e| EvalError::Article(e.to_string()))?;
        out.push((entry, labels, doc));
    }
    Ok(out)
}

/// Scores every article of `split`; returns per-article counts in name order.
pub fn run(dir: &Path, split: Split, analyzer: &Analyzer) -> Result<Vec<Scored>, EvalError> {
    let mut out = Vec::new();
    for (entry, labels, doc) in opened(dir, split, analyzer)? {
        out.push(Scored {
            counts: score(&doc, &labels),
            missed: missed_actors(&doc, &labels)
                .into_iter()
                .map(|a| (a.kind, a.name.clone()))
                .collect(),
            wrong: wrong_stances(&doc, &labels),
            missed_stances: missed_stances(&doc, &labels),
            entry,
        });
    }
    Ok(out)
}

/// Writes the sentences of every article of `split` to `out`, one JSON object a line
/// (`{"text": SENTENCE}`, as it stands in the article), for a peer parser to parse; returns
/// how many.
pub fn dump_sentences(dir: &Path, split: Split, out: &Path) -> Result<usize, EvalError> {
    let mut lines = String::new();
    let mut count = 0;
    for (_, _, doc) in opened(dir, split, Analyzer::bundled())? {
        for s in &doc.article.sentences {
            let text = &doc.article.text[s.span.range()];
            lines.push_str(&serde_json::json!({ "text": text }).to_string());
            lines.push('\n');
            count += 1;
        }
    }
    std::fs::write(out, lines)
        .map_err(|e| EvalError::Article(format!("{}: {e}", out.display())))?;
    Ok(count)
}

/// One suggested stance's evidence sentence, as `eval --predictions` lists it: what the
/// suggestion and its cues were, and whether a label confirms it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Prediction {
    pub article: String,
    pub half: &'static str,
    pub actor: String,
    pub actor_kind: &'static str,
    pub stance: &'static str,
    pub confidence: f32,
    /// Sentences the suggestion rests on.
    pub sentences: usize,
    /// Cues in this sentence.
    pub cues: usize,
    /// Whether the cue is the tone of quoted speech rather than a stance word.
    pub tone: bool,
    pub cue: String,
    /// How the holder was found, the words between it and the cue, whether the cue is
    /// negated, and where the topic came from.
    pub holder: String,
    pub gap: u8,
    pub negated: bool,
    pub topic_from: String,
    /// The calibration's signals that are on, separated by spaces.
    pub signals: String,
    pub right: bool,
    /// The topic the stance is on, and the evidence sentence, to read the row by.
    pub topic: String,
    pub sentence: String,
}

/// Every suggested stance's evidence sentences in the articles of `split`, each with whether
/// a label confirms it (same actor, same direction, the labelled sentence inside it).
pub fn predictions(
    dir: &Path,
    split: Split,
    analyzer: &Analyzer,
) -> Result<Vec<Prediction>, EvalError> {
    let mut out = Vec::new();
    for (entry, labels, doc) in opened(dir, split, analyzer)? {
        let b = &*doc.briefing;
        let confirm = Confirm::new(b, &labels);
        for s in &b.stances {
            let Some(p) = b.actors.iter().position(|a| a.id == s.actor) else {
                continue;
            };
            for e in &s.evidence {
                let text = normalise(&doc.article.sentence_text(e.sentence));
                let right = confirm.confirms(p, s.stance, &text);
                out.push(Prediction {
                    article: entry.name.clone(),
                    half: match entry.split {
                        Split::Dev => "dev",
                        _ => "test",
                    },
                    actor: b.actors[p].name.clone(),
                    actor_kind: b.actors[p].kind.label(),
                    stance: s.stance.word(),
                    confidence: s.confidence,
                    sentences: s.evidence.len(),
                    cues: e.cues.len(),
                    tone: e.cues.iter().all(|c| c.starts_with("tone:")),
                    cue: e.cues.join("; "),
                    holder: format!("{:?}", e.signal.holder),
                    gap: e.signal.gap,
                    negated: e.signal.negated,
                    topic_from: format!("{:?}", e.signal.topic),
                    signals: crate::model::calibration::features(
                        &crate::model::calibration::Case {
                            signal: e.signal,
                            stance: s.stance,
                            kind: b.actors[p].kind,
                            sentences: s.evidence.len(),
                            cues: e.cues.len(),
                        },
                    )
                    .into_iter()
                    .filter(|&(_, on)| on)
                    .map(|(n, _)| n)
                    .collect::<Vec<_>>()
                    .join(" "),
                    right,
                    topic: b
                        .topics
                        .iter()
                        .find(|t| t.id == s.topic)
                        .map_or_else(|| s.topic.0.clone(), |t| t.name.clone()),
                    sentence: doc.article.sentence_text(e.sentence).to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// Why a labelled stance was not found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StanceMiss {
    /// The labelled actor was not found at all.
    NoActor,
    /// The actor was found, but the sentence holds no stance word of the lexicon.
    NoCue,
    /// The sentence holds a stance word, and the analysis gave its stance to another actor.
    OtherHolder,
    /// The sentence holds a stance word, and the analysis gave no one a stance from it.
    NoHolder,
    /// The actor has a stance with that sentence as evidence, in another direction.
    WrongDirection,
}

/// Whether the analysis found the labelled stance `st` of labelled actor `l`.
fn labelled_stance(
    doc: &Document,
    found: &[Vec<usize>],
    l: Option<usize>,
    st: &LabelledStance,
) -> Result<(), StanceMiss> {
    let b = &*doc.briefing;
    let l = l.ok_or(StanceMiss::NoActor)?;
    if found[l].is_empty() {
        return Err(StanceMiss::NoActor);
    }
    let piece = normalise(&st.sentence);
    let mut miss = StanceMiss::NoCue;
    for s in &b.stances {
        let Some(p) = b.actors.iter().position(|a| a.id == s.actor) else {
            continue;
        };
        if !found[l].contains(&p)
            || !s
                .evidence
                .iter()
                .any(|e| normalise(&doc.article.sentence_text(e.sentence)).contains(&piece))
        {
            continue;
        }
        if direction(s.stance) == direction(st.stance) {
            return Ok(());
        }
        miss = StanceMiss::WrongDirection;
    }
    if miss == StanceMiss::NoCue {
        let here: Vec<&crate::parse::Sentence> = doc
            .article
            .sentences
            .iter()
            .filter(|s| normalise(&doc.article.sentence_text(s.id)).contains(&piece))
            .collect();
        let cued = doc
            .highlights
            .cues
            .iter()
            .any(|(c, _)| here.iter().any(|s| s.span.contains(*c)));
        let given = b.stances.iter().any(|s| {
            s.evidence
                .iter()
                .any(|e| here.iter().any(|h| h.id == e.sentence))
        });
        miss = match (cued, given) {
            (false, _) => StanceMiss::NoCue,
            (true, true) => StanceMiss::OtherHolder,
            (true, false) => StanceMiss::NoHolder,
        };
    }
    Err(miss)
}

/// The labelled stances the analysis did not find, with why, as lines.
pub fn missed_stances(doc: &Document, labels: &Labels) -> Vec<(StanceMiss, String)> {
    let found = matches(&doc.briefing, labels);
    labels
        .stances
        .iter()
        .filter_map(|st| {
            let l = labels
                .actors
                .iter()
                .position(|a| normalise(&a.name) == normalise(&st.actor));
            let why = labelled_stance(doc, &found, l, st).err()?;
            // What the analysis did make of that sentence, if anything.
            let piece = normalise(&st.sentence);
            let b = &*doc.briefing;
            let instead: Vec<String> = b
                .stances
                .iter()
                .flat_map(|s| s.evidence.iter().map(move |e| (s, e)))
                .filter(|(_, e)| normalise(&doc.article.sentence_text(e.sentence)).contains(&piece))
                .map(|(s, e)| {
                    let actor = b
                        .actors
                        .iter()
                        .find(|a| a.id == s.actor)
                        .map_or("?", |a| a.name.as_str());
                    format!("{actor} {} [{}]", s.stance.word(), e.cues.join(", "))
                })
                .collect();
            let instead = if instead.is_empty() {
                String::new()
            } else {
                format!(" (found: {})", instead.join("; "))
            };
            Some((
                why,
                format!(
                    "{} {} on {}: {}{instead}",
                    st.actor,
                    st.stance.word(),
                    st.topic,
                    st.sentence.chars().take(140).collect::<String>()
                ),
            ))
        })
        .collect()
}

/// Tells whether a label confirms a predicted stance: same actor (the predicted actor is one
/// the labelled actor was found as), same direction, and the labelled sentence inside the
/// predicted one.
struct Confirm<'l> {
    labels: &'l Labels,
    found: Vec<Vec<usize>>,
    by_name: BTreeMap<String, usize>,
}

impl<'l> Confirm<'l> {
    fn new(b: &Briefing, labels: &'l Labels) -> Self {
        Self {
            labels,
            found: matches(b, labels),
            by_name: labels
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| (normalise(&a.name), i))
                .collect(),
        }
    }

    /// Whether predicted actor `p` (its position in the briefing) taking `stance` in the
    /// sentence `text` (normalised) is labelled.
    fn confirms(&self, p: usize, stance: Stance, text: &str) -> bool {
        self.labels.stances.iter().any(|st| {
            self.by_name
                .get(&normalise(&st.actor))
                .is_some_and(|&l| self.found[l].contains(&p))
                && direction(st.stance) == direction(stance)
                && text.contains(&normalise(&st.sentence))
        })
    }
}

/// The predicted (actor, stance, sentence) triples no label confirms, as lines.
pub fn wrong_stances(doc: &Document, labels: &Labels) -> Vec<String> {
    let b = &*doc.briefing;
    let confirm = Confirm::new(b, labels);
    let mut out = Vec::new();
    for s in &b.stances {
        let Some(p) = b.actors.iter().position(|a| a.id == s.actor) else {
            continue;
        };
        let name = &b.actors[p].name;
        for e in &s.evidence {
            let text = doc.article.sentence_text(e.sentence);
            if !confirm.confirms(p, s.stance, &normalise(&text)) {
                out.push(format!(
                    "{name} {} [{}] {}",
                    s.stance.word(),
                    e.cues.join(", "),
                    text.chars().take(140).collect::<String>()
                ));
            }
        }
    }
    out
}

/// The labelled actors missed, grouped by kind, most frequent names first, and the stances no
/// label confirms.
pub fn misses_report(rows: &[Scored]) -> String {
    let mut by_kind: BTreeMap<&'static str, BTreeMap<&str, u32>> = BTreeMap::new();
    for row in rows {
        for (kind, name) in &row.missed {
            *by_kind
                .entry(kind.label())
                .or_default()
                .entry(name.as_str())
                .or_default() += 1;
        }
    }
    let wrong: Vec<&String> = rows.iter().flat_map(|r| &r.wrong).collect();
    let mut out = String::new();
    for (kind, names) in &by_kind {
        let total: u32 = names.values().sum();
        let mut names: Vec<_> = names.iter().collect();
        names.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = names.iter().map(|(n, c)| format!("{n} ({c})")).collect();
        let _ = writeln!(out, "missed {kind}: {total}: {}", list.join(", "));
    }
    for why in [
        StanceMiss::NoActor,
        StanceMiss::WrongDirection,
        StanceMiss::NoCue,
        StanceMiss::OtherHolder,
        StanceMiss::NoHolder,
    ] {
        let lines: Vec<&String> = rows
            .iter()
            .flat_map(|r| &r.missed_stances)
            .filter(|(w, _)| *w == why)
            .map(|(_, l)| l)
            .collect();
        let label = match why {
            StanceMiss::NoActor => "actor not found",
            StanceMiss::WrongDirection => "found in the other direction",
            StanceMiss::NoCue => "actor found, no stance word of the lexicon in that sentence",
            StanceMiss::OtherHolder => "stance word there, its stance given to another actor",
            StanceMiss::NoHolder => "stance word there, no stance given from that sentence",
        };
        let _ = writeln!(out, "\nstances missed, {label}: {}", lines.len());
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    let _ = writeln!(out, "\nstances no label confirms: {}", wrong.len());
    for line in wrong {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// The per-article and overall table.
pub fn report(rows: &[Scored]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<44} {:>5} {:>9} {:>9} {:>6} {:>9} {:>9} {:>9} {:>7}",
        "article",
        "half",
        "act.rec",
        "act.prec",
        "merge",
        "st.rec",
        "st.prec",
        "head.rec",
        "head.sp"
    );
    let line = |out: &mut String, name: &str, half: &str, c: &Counts| {
        let _ = writeln!(
            out,
            "{:<44} {:>5} {:>4.2} {:>2}/{:<2} {:>4.2} {:>2}/{:<2} {:>6.2} {:>4.2} {:>2}/{:<2} {:>4.2} {:>2}/{:<2} {:>4.2} {:>2}/{:<2} {:>7}",
            name,
            half,
            c.actor_recall(),
            c.actors_found,
            c.actors,
            c.actor_precision(),
            c.predicted_right,
            c.predicted,
            c.merge(),
            c.stance_recall(),
            c.stances_found,
            c.stances,
            c.stance_precision(),
            c.stances_right,
            c.stances_predicted,
            c.heading_recall(),
            c.headings_found,
            c.headings,
            c.headings_spurious,
        );
    };
    let mut totals: BTreeMap<&str, Counts> = BTreeMap::new();
    for Scored { entry, counts, .. } in rows {
        let c = counts;
        let half = if entry.split == Split::Dev {
            "dev"
        } else {
            "test"
        };
        let short: String = entry.name.chars().take(44).collect();
        line(&mut out, &short, half, c);
        *totals.entry(half).or_default() += *c;
        *totals.entry("all").or_default() += *c;
    }
    out.push('\n');
    for (half, c) in &totals {
        line(&mut out, &format!("OVERALL ({half})"), half, c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn doc(text: &str) -> Document {
        let loaded = load::load_bytes(Path::new("t.txt"), text.as_bytes().to_vec()).expect("loads");
        Document::from_loaded(Path::new("t.txt"), &loaded, Analyzer::bundled()).expect("analyses")
    }

    #[test]
    fn the_halves_fixed_in_split_txt_stay_and_new_articles_alternate() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("labels")).expect("labels");
        for name in ["a", "b", "c", "d", "e"] {
            std::fs::write(dir.path().join(format!("{name}.txt")), "Text.\n").expect("article");
            std::fs::write(
                dir.path().join(format!("labels/{name}.ron")),
                "(actors: [])",
            )
            .expect("labels");
        }
        std::fs::write(dir.path().join("split.txt"), "# halves\ntest a\ndev b\n").expect("split");
        let halves: Vec<(String, Split)> = entries(dir.path())
            .expect("entries")
            .into_iter()
            .map(|e| (e.name, e.split))
            .collect();
        let want = [
            ("a", Split::Test),
            ("b", Split::Dev),
            ("c", Split::Dev),
            ("d", Split::Test),
            ("e", Split::Dev),
        ]
        .map(|(n, s)| (n.to_owned(), s));
        assert_eq!(halves, want);
    }

    #[test]
    fn a_country_inside_a_place_name_is_not_the_country() {
        let d = doc("The governor of New Mexico rejected the plan. Mexico welcomed the plan.\n");
        let mexico = d.briefing.actors.iter().find(|a| a.name == "Mexico");
        assert_eq!(mexico.map(|a| a.mentions), Some(1));
    }

    #[test]
    fn a_stance_on_an_unknown_issue_gets_an_open_topic() {
        let d = doc(
            "Ukraine rejected the resignation of the prime minister. Greece backed a proposed bill.\n",
        );
        let topics: Vec<&str> = d.briefing.topics.iter().map(|t| t.name.as_str()).collect();
        assert!(topics.contains(&"Resignation"), "{topics:?}");
        let stance = |actor: &str| {
            d.briefing
                .stances
                .iter()
                .find(|s| s.actor.0 == actor)
                .map(|s| s.stance)
        };
        assert_eq!(stance("ukraine"), Some(Stance::Oppose));
        // "proposed" after "a" describes the bill; "backed" is Greece's stance.
        assert_eq!(stance("greece"), Some(Stance::Support));
        assert!(d.briefing.stances.iter().all(|s| {
            s.evidence
                .iter()
                .all(|e| !e.cues.contains(&"proposed".to_owned()))
        }));
    }

    #[test]
    fn titles_open_forms_but_are_not_names() {
        assert_eq!(without_title("president trump"), "trump");
        assert_eq!(without_title("us president donald trump"), "donald trump");
        assert_eq!(
            without_title("house intelligence committee"),
            "house intelligence committee"
        );
        assert_eq!(without_title("president"), "president");
    }

    #[test]
    fn a_surname_with_a_title_and_the_full_name_are_one_person() {
        let d = doc("President Trump spoke on Monday. Later, Donald Trump rejected the plan.\n");
        let trumps: Vec<&str> = d
            .briefing
            .actors
            .iter()
            .filter(|a| a.name.contains("Trump"))
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(trumps, ["Donald Trump"]);
    }

    #[test]
    fn forms_compare_without_case_quotes_or_articles() {
        assert_eq!(normalise("The  Kremlin’s"), "kremlin");
        assert_eq!(normalise("U.S."), "u.s.");
        assert_eq!(normalise("“Moscow”"), "\"moscow\"");
    }

    #[test]
    fn scores_actors_and_stances_against_labels() {
        let d = doc(
            "Russia rejected the ceasefire talks on Monday. Moscow said the talks were a trap.\n",
        );
        let labels: Labels = ron::from_str(
            r#"(
                actors: [
                    (name: "Russia", kind: country, forms: ["Russia", "Moscow"]),
                    (name: "Ukraine", kind: country, forms: ["Ukraine"]),
                ],
                stances: [
                    (actor: "Russia", topic: "ceasefire talks", stance: oppose,
                     sentence: "Russia rejected the ceasefire talks"),
                    (actor: "Ukraine", topic: "ceasefire talks", stance: support,
                     sentence: "Moscow said the talks were a trap"),
                ],
            )"#,
        )
        .expect("labels parse");
        let c = score(&d, &labels);
        // Russia is found (as one actor, under both forms); Ukraine is not in the text.
        assert_eq!((c.actors_found, c.actors), (1, 2));
        assert_eq!((c.merged, c.merge_found), (1, 1));
        assert_eq!((c.predicted_right, c.predicted), (1, 1));
        assert_eq!((c.stances_found, c.stances), (1, 2));
        assert!(c.stances_predicted >= 1);
        assert_eq!(c.headings_spurious, 0);
    }
}
