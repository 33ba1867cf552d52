//! A part-of-speech tagger: an averaged perceptron (Collins 2002) over word, affix, shape and
//! neighbouring-word features and the two tags before, tagging left to right, trained on
//! Universal Dependencies English EWT by `tools/train_tagger.rs`.
//!
//! The model is a compact binary file (`assets/grammar/tagger.bin`), built into the program
//! and read on first use ([`bundled`]): the topic step uses it to end an open topic phrase on
//! a noun.

use super::Pos;
use crate::parse::Span;
use std::collections::HashMap;

/// The bundled model, read the first time a step asks for it (about 15 ms) and shared by
/// every article after that; `None` only if the file built in is not a model.
pub fn bundled() -> Option<&'static Tagger> {
    static MODEL: std::sync::OnceLock<Option<Tagger>> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| Tagger::read(include_bytes!("../../../assets/grammar/tagger.bin")))
        .as_ref()
}

/// What a model file starts with.
const MAGIC: &[u8; 8] = b"BRFTAG01";

/// Number of tags (Universal POS).
const TAGS: usize = Pos::ALL.len();

/// Feature keys are hashes already: the map uses them as they are.
#[derive(Clone, Copy, Debug, Default)]
struct KeyIsHash;

impl std::hash::BuildHasher for KeyIsHash {
    type Hasher = PassThrough;
    fn build_hasher(&self) -> PassThrough {
        PassThrough(0)
    }
}

/// Passes a `u64` key through as its own hash.
#[derive(Debug)]
struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A trained tagger.
#[derive(Debug, Default)]
pub struct Tagger {
    /// The weights of each feature, by its hash: (tag, weight) pairs.
    weights: HashMap<u64, Vec<(u8, f32)>, KeyIsHash>,
    /// Words that always carry the same tag in the training data, by lower-case form.
    known: HashMap<u64, u8, KeyIsHash>,
    /// The tags each word of the training data was seen with (one bit a tag), by normalised
    /// form: a word's ambiguity class, for it and for the words after it.
    classes: HashMap<u64, u32, KeyIsHash>,
}

/// The key of a normalised word in the tagger's dictionaries.
fn word_key(word: &str) -> u64 {
    hash(100, &[word])
}

/// A word of a sentence as the tagger sees it: its span in the text.
pub fn tokens(text: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        if start < end {
            out.push(Span::new(base + start, base + end));
        }
    };
    for (start, word) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        split_word(word, start, &mut push);
    }
    out
}

/// Splits one whitespace-free piece into tokens as the treebank does: punctuation apart,
/// clitics ("n't", "'s", "'re") apart, hyphens apart.
fn split_word(word: &str, at: usize, push: &mut impl FnMut(usize, usize)) {
    let bytes_at = |i: usize| at + i;
    // Leading punctuation, one character each.
    let mut start = 0;
    let mut chars = word.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if is_punct(c) && word[i..].chars().count() > 0 {
            push(bytes_at(i), bytes_at(i + c.len_utf8()));
            chars.next();
            start = i + c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, one character each (kept in order).
    let mut end = word.len();
    let mut trailing = Vec::new();
    while end > start {
        let c = word[start..end].chars().next_back().unwrap_or(' ');
        // A full stop after a single capital or inside an abbreviation ("U.S.") stays.
        let abbreviation = c == '.'
            && word[start..end - 1].contains('.')
            && word[start..end - 1]
                .chars()
                .all(|c| c.is_alphabetic() || c == '.');
        if is_punct(c) && !abbreviation {
            end -= c.len_utf8();
            trailing.push((end, end + c.len_utf8()));
        } else {
            break;
        }
    }
    let core = &word[start..end];
    if !core.is_empty() {
        // Clitics.
        let lower = core.to_lowercase().replace('’', "'");
        let clitic = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "s'"]
            .into_iter()
            .find(|c| lower.ends_with(c) && lower.len() > c.len());
        let (stem_end, clitic_start) = match clitic {
            Some("s'") => {
                let cut = core.char_indices().next_back().map_or(0, |(i, _)| i);
                (cut, cut)
            }
            Some(c) => {
                // The clitic's length in the original text (the apostrophe may be curly).
                let chars = c.chars().count();
                let cut = core
                    .char_indices()
                    .rev()
                    .nth(chars - 1)
                    .map_or(0, |(i, _)| i);
                (cut, cut)
            }
            None => (core.len(), core.len()),
        };
        let stem = &core[..stem_end];
        // Hyphens apart, as the treebank writes compounds ("Al - Zaman").
        let mut piece_start = 0;
        for (i, c) in stem.char_indices() {
            if c == '-' && i > 0 && i + 1 < stem.len() {
                push(bytes_at(start + piece_start), bytes_at(start + i));
                push(bytes_at(start + i), bytes_at(start + i + 1));
                piece_start = i + 1;
            }
        }
        push(bytes_at(start + piece_start), bytes_at(start + stem_end));
        if clitic_start < core.len() {
            push(bytes_at(start + clitic_start), bytes_at(start + core.len()));
        }
    }
    for (s, e) in trailing.into_iter().rev() {
        push(bytes_at(s), bytes_at(e));
    }
}

fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '\'' | '’' | '&' | '@' | '#' | '%' | '$' | '-')
        || matches!(c, '"' | '“' | '”')
}

/// A word as features see it: lower case, digits as 9, curly apostrophes straight.
fn norm(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c if c.is_ascii_digit() => '9',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// The word's shape: runs of upper case, lower case, digits and other characters, each run
/// written once ("Xx", "X.X.", "9").
fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            '9'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

/// FNV-1a over the feature's kind and parts.
fn hash(kind: u8, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(kind);
    for p in parts {
        for &b in p.as_bytes() {
            eat(b);
        }
        eat(0xff);
    }
    h
}

fn suffix(w: &str, n: usize) -> &str {
    let start = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &w[start..]
}

fn prefix(w: &str, n: usize) -> &str {
    let end = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// The features of word `i` given the words (normalised and as written) and the tags
/// before it.
fn features(
    words: &[String],
    raw: &[&str],
    classes: &HashMap<u64, u32, KeyIsHash>,
    i: usize,
    prev: u8,
    prev2: u8,
    out: &mut Vec<u64>,
) {
    out.clear();
    let at = |j: isize| -> &str {
        let j = i.cast_signed() + j;
        if j < 0 {
            "<s>"
        } else {
            words.get(j as usize).map_or("</s>", String::as_str)
        }
    };
    let (w, p1, p2, n1, n2) = (at(0), at(-1), at(-2), at(1), at(2));
    let t1 = Pos::ALL.get(prev as usize).map_or("<s>", |p| p.name());
    let t2 = Pos::ALL.get(prev2 as usize).map_or("<s>", |p| p.name());
    out.push(hash(0, &[]));
    out.push(hash(1, &[w]));
    for n in 1..=4 {
        out.push(hash(2 + n as u8, &[suffix(w, n)]));
    }
    out.push(hash(7, &[prefix(w, 1)]));
    out.push(hash(8, &[prefix(w, 2)]));
    out.push(hash(9, &[&shape(raw[i])]));
    out.push(hash(10, &[t1]));
    out.push(hash(11, &[t2]));
    out.push(hash(12, &[t1, t2]));
    out.push(hash(13, &[t1, w]));
    out.push(hash(14, &[p1]));
    out.push(hash(15, &[suffix(p1, 3)]));
    out.push(hash(16, &[p2]));
    out.push(hash(17, &[n1]));
    out.push(hash(18, &[suffix(n1, 3)]));
    out.push(hash(19, &[n2]));
    out.push(hash(20, &[p1, w]));
    out.push(hash(21, &[w, n1]));
    let first = if i == 0 { "first" } else { "inside" };
    out.push(hash(22, &[first, &shape(raw[i])]));
    if raw[i].contains('-') {
        out.push(hash(23, &[]));
    }
    out.push(hash(24, &[prefix(w, 3)]));
    out.push(hash(25, &[suffix(w, 5)]));
    let raw_at = |j: isize| -> String {
        let j = i.cast_signed() + j;
        if j < 0 || j as usize >= raw.len() {
            String::from("-")
        } else {
            shape(raw[j as usize])
        }
    };
    out.push(hash(26, &[&raw_at(-1), &shape(raw[i]), &raw_at(1)]));
    out.push(hash(27, &[t1, n1]));
    out.push(hash(28, &[suffix(w, 2), n1]));
    let class = |x: &str| {
        classes
            .get(&word_key(x))
            .map_or_else(|| "?".to_owned(), |c| format!("{c:x}"))
    };
    let (c0, c1, c2) = (class(w), class(n1), class(n2));
    out.push(hash(29, &[&c0]));
    out.push(hash(30, &[&c1]));
    out.push(hash(31, &[&c2]));
    out.push(hash(32, &[&c0, &c1]));
    out.push(hash(33, &[t1, &c0, &c1]));
}

/// The "no tag" index used before the first word.
const START: u8 = u8::MAX;

impl Tagger {
    /// Tags the words (as written) of one sentence.
    pub fn tag(&self, raw: &[&str]) -> Vec<Pos> {
        let words: Vec<String> = raw.iter().map(|w| norm(w)).collect();
        let mut out = Vec::with_capacity(raw.len());
        let (mut prev, mut prev2) = (START, START);
        let mut feats = Vec::new();
        let mut scores = [0f32; TAGS];
        for i in 0..raw.len() {
            let tag = if let Some(&t) = self.known.get(&word_key(&words[i])) {
                t
            } else {
                features(&words, raw, &self.classes, i, prev, prev2, &mut feats);
                scores.fill(0.0);
                for f in &feats {
                    if let Some(ws) = self.weights.get(f) {
                        for &(t, w) in ws {
                            scores[t as usize] += w;
                        }
                    }
                }
                best(&scores)
            };
            out.push(Pos::ALL[tag as usize]);
            prev2 = prev;
            prev = tag;
        }
        out
    }

    /// The part of speech of each word starting at one of `starts` (offsets into `text`),
    /// read in the context of the stretch of text `around` them (a sentence, or a few words
    /// either side); `None` for an offset where no word of the tagger's starts.
    pub fn tags_at(&self, text: &str, around: Span, starts: &[usize]) -> Vec<Option<Pos>> {
        let words = tokens(&text[around.range()], around.start as usize);
        let raw: Vec<&str> = words.iter().map(|w| &text[w.range()]).collect();
        let tags = self.tag(&raw);
        starts
            .iter()
            .map(|&at| {
                words
                    .iter()
                    .position(|w| w.start as usize == at)
                    .map(|i| tags[i])
            })
            .collect()
    }

    /// Reads a model file.
    pub fn read(bytes: &[u8]) -> Option<Tagger> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(8)? != MAGIC {
            return None;
        }
        let known = reader.u32()? as usize;
        let mut tagger = Tagger::default();
        for _ in 0..known {
            let key = u64::from_le_bytes(reader.take(8)?.try_into().ok()?);
            let tag = reader.u8()?;
            tagger.known.insert(key, tag);
        }
        let classes = reader.u32()? as usize;
        for _ in 0..classes {
            let key = u64::from_le_bytes(reader.take(8)?.try_into().ok()?);
            let class = reader.u32()?;
            tagger.classes.insert(key, class);
        }
        let features = reader.u32()? as usize;
        tagger.weights.reserve(features);
        for _ in 0..features {
            let key = u64::from_le_bytes(reader.take(8)?.try_into().ok()?);
            let count = reader.u8()? as usize;
            let mut ws = Vec::with_capacity(count);
            for _ in 0..count {
                let tag = reader.u8()?;
                let weight =
                    f32::from(i16::from_le_bytes(reader.take(2)?.try_into().ok()?)) / SCALE;
                ws.push((tag, weight));
            }
            tagger.weights.insert(key, ws);
        }
        (reader.at == bytes.len()).then_some(tagger)
    }

    /// Writes the model file [`Tagger::read`] reads.
    pub fn write(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let mut known: Vec<(&u64, &u8)> = self.known.iter().collect();
        known.sort();
        out.extend((known.len() as u32).to_le_bytes());
        for (w, &t) in known {
            out.extend(w.to_le_bytes());
            out.push(t);
        }
        let mut classes: Vec<(&u64, &u32)> = self.classes.iter().collect();
        classes.sort();
        out.extend((classes.len() as u32).to_le_bytes());
        for (w, &c) in classes {
            out.extend(w.to_le_bytes());
            out.extend(c.to_le_bytes());
        }
        let mut feats: Vec<(&u64, &Vec<(u8, f32)>)> = self.weights.iter().collect();
        feats.sort_by_key(|(h, _)| **h);
        out.extend((feats.len() as u32).to_le_bytes());
        for (h, ws) in feats {
            out.extend(h.to_le_bytes());
            out.push(ws.len() as u8);
            for &(t, w) in ws {
                out.push(t);
                out.extend(quantise(w).to_le_bytes());
            }
        }
        out
    }
}

/// Weights are stored as 16-bit integers in steps of 1/SCALE.
const SCALE: f32 = 256.0;

fn quantise(w: f32) -> i16 {
    (w * SCALE)
        .round()
        .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16
}

fn best(scores: &[f32; TAGS]) -> u8 {
    let mut best = 0;
    for t in 1..TAGS {
        if scores[t] > scores[best] {
            best = t;
        }
    }
    best as u8
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// A sentence of a treebank: words as written and their tags.
pub type Tagged = (Vec<String>, Vec<Pos>);

/// Reads the words and universal tags of a CoNLL-U file (multi-word tokens and empty nodes
/// left out: their parts are the words).
pub fn read_conllu(text: &str) -> Vec<Tagged> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut tags = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !words.is_empty() {
                out.push((std::mem::take(&mut words), std::mem::take(&mut tags)));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains(['-', '.']) {
            continue;
        }
        words.push(cols[1].to_owned());
        tags.push(Pos::from_name(cols[3]));
    }
    if !words.is_empty() {
        out.push((words, tags));
    }
    out
}

fn tag_index(p: Pos) -> u8 {
    Pos::ALL.iter().position(|&q| q == p).unwrap_or(0) as u8
}

/// From the training data: the words that (nearly) always carry one tag, seen often enough
/// to trust, and each word's ambiguity class (the tags it carries at least a tenth of the
/// time, for words seen at least twice).
fn dictionaries(
    sentences: &[Tagged],
) -> (HashMap<u64, u8, KeyIsHash>, HashMap<u64, u32, KeyIsHash>) {
    let mut tag_counts: HashMap<String, [u32; TAGS]> = HashMap::new();
    for (words, tags) in sentences {
        for (w, &t) in words.iter().zip(tags) {
            tag_counts.entry(norm(w)).or_insert([0; TAGS])[tag_index(t) as usize] += 1;
        }
    }
    let known = tag_counts
        .iter()
        .filter_map(|(w, counts)| {
            let total: u32 = counts.iter().sum();
            let (t, &most) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
            (total >= 20 && f64::from(most) / f64::from(total) >= 0.99)
                .then(|| (word_key(w), t as u8))
        })
        .collect();
    let classes = tag_counts
        .iter()
        .filter_map(|(w, counts)| {
            let total: u32 = counts.iter().sum();
            let bits = counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c * 10 >= total)
                .fold(0u32, |b, (t, _)| b | 1 << t);
            (total >= 2).then(|| (word_key(w), bits))
        })
        .collect();
    (known, classes)
}

/// How often each feature occurs in the training data (with the gold tags before), for
/// leaving out the rare ones.
fn feature_counts(
    sentences: &[Tagged],
    classes: &HashMap<u64, u32, KeyIsHash>,
) -> HashMap<u64, u32> {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut feats = Vec::new();
    for (words, tags) in sentences {
        let norms: Vec<String> = words.iter().map(|w| norm(w)).collect();
        let raw: Vec<&str> = words.iter().map(String::as_str).collect();
        for i in 0..words.len() {
            let prev = if i > 0 { tag_index(tags[i - 1]) } else { START };
            let prev2 = if i > 1 { tag_index(tags[i - 2]) } else { START };
            features(&norms, &raw, classes, i, prev, prev2, &mut feats);
            for f in &feats {
                *counts.entry(*f).or_default() += 1;
            }
        }
    }
    counts
}

/// Trains a tagger: `epochs` passes over the sentences in an order shuffled by `seed`,
/// weights averaged over every step; features seen fewer than `min_count` times and
/// averaged weights smaller than `min_weight` are left out of the model.
pub fn train(
    sentences: &[Tagged],
    epochs: usize,
    seed: u64,
    min_count: u32,
    min_weight: f32,
) -> Tagger {
    let (known, classes) = dictionaries(sentences);
    let counts = feature_counts(sentences, &classes);
    let mut feats = Vec::new();
    // Perceptron weights with lazy averaging: the running total of each weight, and when it
    // last changed.
    let mut w: HashMap<u64, [f32; TAGS]> = HashMap::new();
    let mut total: HashMap<u64, [f64; TAGS]> = HashMap::new();
    let mut stamp: HashMap<u64, [u64; TAGS]> = HashMap::new();
    let mut step: u64 = 0;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = seed.max(1);
    for _ in 0..epochs {
        // Fisher–Yates with xorshift.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &s in &order {
            let (words, tags) = &sentences[s];
            let norms: Vec<String> = words.iter().map(|w| norm(w)).collect();
            let raw: Vec<&str> = words.iter().map(String::as_str).collect();
            let (mut prev, mut prev2) = (START, START);
            for i in 0..words.len() {
                step += 1;
                let gold = tag_index(tags[i]);
                let guess = if let Some(&t) = known.get(&word_key(&norms[i])) {
                    t
                } else {
                    features(&norms, &raw, &classes, i, prev, prev2, &mut feats);
                    feats.retain(|f| counts.get(f).copied().unwrap_or(0) >= min_count);
                    let mut scores = [0f32; TAGS];
                    for f in &feats {
                        if let Some(ws) = w.get(f) {
                            for t in 0..TAGS {
                                scores[t] += ws[t];
                            }
                        }
                    }
                    let guess = best(&scores);
                    if guess != gold {
                        for f in &feats {
                            let ws = w.entry(*f).or_insert([0.0; TAGS]);
                            let tot = total.entry(*f).or_insert([0.0; TAGS]);
                            let st = stamp.entry(*f).or_insert([0; TAGS]);
                            for (t, change) in [(gold, 1.0f32), (guess, -1.0)] {
                                let t = t as usize;
                                tot[t] += f64::from(ws[t]) * (step - st[t]) as f64;
                                st[t] = step;
                                ws[t] += change;
                            }
                        }
                    }
                    guess
                };
                prev2 = prev;
                prev = guess;
            }
        }
    }
    // Average.
    let mut weights = HashMap::with_hasher(KeyIsHash);
    for (f, ws) in &w {
        let tot = &total[f];
        let st = &stamp[f];
        let list: Vec<(u8, f32)> = (0..TAGS)
            .filter_map(|t| {
                let sum = tot[t] + f64::from(ws[t]) * (step - st[t]) as f64;
                let avg = (sum / step as f64) as f32;
                (avg.abs() >= min_weight).then_some((t as u8, avg))
            })
            .collect();
        if !list.is_empty() {
            weights.insert(*f, list);
        }
    }
    Tagger {
        weights,
        known,
        classes,
    }
}

/// The share of words tagged as the treebank tags them.
pub fn accuracy(tagger: &Tagger, sentences: &[Tagged]) -> (usize, usize) {
    let mut right = 0;
    let mut all = 0;
    for (words, tags) in sentences {
        let raw: Vec<&str> = words.iter().map(String::as_str).collect();
        let got = tagger.tag(&raw);
        right += got.iter().zip(tags).filter(|(a, b)| a == b).count();
        all += tags.len();
    }
    (right, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, 0)
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn splits_words_as_the_treebank_does() {
        assert_eq!(
            words("“Kyiv didn’t reject it,” the U.S. envoy said (again)."),
            [
                "“", "Kyiv", "did", "n’t", "reject", "it", ",", "”", "the", "U.S.", "envoy",
                "said", "(", "again", ")", "."
            ]
        );
        assert_eq!(
            words("Iran's pro-Western rivals'"),
            ["Iran", "'s", "pro", "-", "Western", "rivals", "'"]
        );
        assert_eq!(words("$5 at 3:30"), ["$5", "at", "3:30"]);
    }

    #[test]
    fn curly_apostrophes_split_on_character_boundaries() {
        assert_eq!(
            words("the mediators’ plan"),
            ["the", "mediators", "’", "plan"]
        );
        assert_eq!(words("Kyiv’s"), ["Kyiv", "’s"]);
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_ordered_non_empty_slices_of_the_text(text in "\\PC{0,60}") {
            let spans = tokens(&text, 0);
            let mut last = 0;
            for s in spans {
                proptest::prop_assert!(s.start < s.end && s.start as usize >= last);
                proptest::prop_assert!(text.get(s.range()).is_some_and(|w| !w.trim().is_empty()));
                last = s.end as usize;
            }
        }
    }

    #[test]
    fn the_bundled_model_reads_and_tags_news() {
        let text = "Moscow rejected the plan, but Kyiv’s envoy didn’t say why.";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/grammar/tagger.bin");
        let model = Tagger::read(&std::fs::read(path).expect("the model file")).expect("reads");
        let tags: Vec<&str> = model.tag(&words(text)).into_iter().map(Pos::name).collect();
        assert_eq!(
            tags,
            [
                "PROPN", "VERB", "DET", "NOUN", "PUNCT", "CCONJ", "PROPN", "PART", "NOUN", "AUX",
                "PART", "VERB", "ADV", "PUNCT"
            ]
        );
    }

    #[test]
    fn a_model_written_reads_back_the_same() {
        let sentences = read_conllu(
            "1\tKyiv\t_\tPROPN\t_\t_\t2\tnsubj\t_\t_\n2\trejected\t_\tVERB\t_\t_\t0\troot\t_\t_\n3\tit\t_\tPRON\t_\t_\t2\tobj\t_\t_\n\n",
        );
        assert_eq!(sentences.len(), 1);
        let tagger = train(&sentences, 5, 7, 1, 0.0);
        let bytes = tagger.write();
        let back = Tagger::read(&bytes).expect("reads");
        assert_eq!(back.write(), bytes);
        assert_eq!(
            back.tag(&["Kyiv", "rejected", "it"]),
            [Pos::Propn, Pos::Verb, Pos::Pron]
        );
        assert!(
            Tagger::read(&bytes[..bytes.len() - 1]).is_none(),
            "a cut file is refused"
        );
    }
}
