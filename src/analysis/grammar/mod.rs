//! Sentence structure: a dependency tree over one sentence's words, and what the stance step
//! reads from it (who holds a cue, whether it is negated, what it is about).
//!
//! The tree comes from a [`Parse`]: the bundled parser, or parses read from a file (a peer
//! parser's output, for measuring what a better parse would give). Relations are Universal
//! Dependencies' (`nsubj`, `obj`, `obl:agent`, `nmod:poss`, …).

pub mod external;
pub mod tagger;

use crate::parse::Span;

/// Parses one sentence. `sentence` is the sentence's text as it stands in the article; the
/// tree's spans are offsets into it.
pub trait Parse: Send + Sync {
    fn parse(&self, sentence: &str) -> Option<Tree>;
}

/// Universal part-of-speech tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Pos {
    pub const ALL: [Pos; 17] = [
        Pos::Adj,
        Pos::Adp,
        Pos::Adv,
        Pos::Aux,
        Pos::Cconj,
        Pos::Det,
        Pos::Intj,
        Pos::Noun,
        Pos::Num,
        Pos::Part,
        Pos::Pron,
        Pos::Propn,
        Pos::Punct,
        Pos::Sconj,
        Pos::Sym,
        Pos::Verb,
        Pos::X,
    ];

    /// The tag as Universal Dependencies writes it.
    pub fn name(self) -> &'static str {
        match self {
            Pos::Adj => "ADJ",
            Pos::Adp => "ADP",
            Pos::Adv => "ADV",
            Pos::Aux => "AUX",
            Pos::Cconj => "CCONJ",
            Pos::Det => "DET",
            Pos::Intj => "INTJ",
            Pos::Noun => "NOUN",
            Pos::Num => "NUM",
            Pos::Part => "PART",
            Pos::Pron => "PRON",
            Pos::Propn => "PROPN",
            Pos::Punct => "PUNCT",
            Pos::Sconj => "SCONJ",
            Pos::Sym => "SYM",
            Pos::Verb => "VERB",
            Pos::X => "X",
        }
    }

    /// Reads a tag as Universal Dependencies writes it (`X` for anything else).
    pub fn from_name(name: &str) -> Pos {
        Pos::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .unwrap_or(Pos::X)
    }

    fn nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn | Pos::Pron | Pos::Num)
    }
}

/// The dependency relations the stance step tells apart; the rest are `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rel {
    Root,
    Nsubj,
    NsubjPass,
    Csubj,
    Obj,
    Iobj,
    Obl,
    OblAgent,
    Nmod,
    NmodPoss,
    Amod,
    Compound,
    Flat,
    Appos,
    Conj,
    Cc,
    Case,
    Mark,
    Advmod,
    Aux,
    AuxPass,
    Cop,
    Det,
    Ccomp,
    Xcomp,
    Advcl,
    Acl,
    AclRelcl,
    Parataxis,
    Punct,
    Other,
}

impl Rel {
    /// Reads a relation as Universal Dependencies writes it; subtypes other than the ones
    /// told apart here count as their main type.
    pub fn from_name(name: &str) -> Rel {
        match name {
            "root" => Rel::Root,
            "nsubj" => Rel::Nsubj,
            "nsubj:pass" => Rel::NsubjPass,
            "csubj" | "csubj:pass" => Rel::Csubj,
            "obj" => Rel::Obj,
            "iobj" => Rel::Iobj,
            "obl:agent" => Rel::OblAgent,
            "nmod:poss" => Rel::NmodPoss,
            "aux:pass" => Rel::AuxPass,
            "acl:relcl" => Rel::AclRelcl,
            _ => match name.split(':').next().unwrap_or(name) {
                "obl" => Rel::Obl,
                "nmod" => Rel::Nmod,
                "amod" => Rel::Amod,
                "compound" => Rel::Compound,
                "flat" => Rel::Flat,
                "appos" => Rel::Appos,
                "conj" => Rel::Conj,
                "cc" => Rel::Cc,
                "case" => Rel::Case,
                "mark" => Rel::Mark,
                "advmod" => Rel::Advmod,
                "aux" => Rel::Aux,
                "cop" => Rel::Cop,
                "det" => Rel::Det,
                "ccomp" => Rel::Ccomp,
                "xcomp" => Rel::Xcomp,
                "advcl" => Rel::Advcl,
                "acl" => Rel::Acl,
                "parataxis" => Rel::Parataxis,
                "punct" => Rel::Punct,
                _ => Rel::Other,
            },
        }
    }
}

/// One word of a parsed sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Where it stands in the article's text.
    pub span: Span,
    pub pos: Pos,
    /// The word it depends on; `None` for the root.
    pub head: Option<u32>,
    pub rel: Rel,
}

/// A parsed sentence: its words in order, each with its head.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    pub words: Vec<Word>,
}

/// Words that stand for the body named in front of or after them ("Russian officials", "the
/// ministry of Russia"): a name there holds what they hold.
const ACTING_FOR: &[&str] = &[
    "authorities",
    "government",
    "governments",
    "administration",
    "ministry",
    "ministries",
    "officials",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "ministers",
    "leaders",
    "leader",
    "leadership",
    "diplomats",
    "diplomat",
    "envoy",
    "delegation",
    "lawmakers",
    "legislators",
    "forces",
    "military",
    "army",
    "police",
    "regime",
    "office",
    "cabinet",
    "department",
    "representatives",
    "representative",
    "ambassador",
    "president",
    "prime",
    "secretary",
    "chief",
    "head",
    "members",
    "member",
];

/// Relative pronouns: a subject that stands for the noun its clause describes.
const RELATIVES: &[&str] = &["who", "which", "that", "whom"];

/// How many steps up the tree the holder search goes (control, coordination, clauses).
const MAX_CLIMB: usize = 8;

/// Who holds a cue, as the tree says it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holding {
    /// The words that name the holders (the heads of their phrases).
    pub holders: Vec<u32>,
    /// Speakers whose reported clause holds the cue ("Lavrov said Moscow rejected …").
    pub speakers: Vec<u32>,
    /// A passive with no agent: the sentence does not say who holds it.
    pub unsaid: bool,
}

impl Tree {
    /// Moves every span by `by` bytes (from offsets in the sentence to offsets in the article).
    #[must_use]
    pub fn shifted(mut self, by: usize) -> Tree {
        for w in &mut self.words {
            w.span = Span::new(w.span.start as usize + by, w.span.end as usize + by);
        }
        self
    }

    /// The word that holds the byte at `offset`.
    pub fn word_at(&self, offset: usize) -> Option<u32> {
        self.words
            .iter()
            .position(|w| (w.span.start as usize) <= offset && offset < w.span.end as usize)
            .map(|i| i as u32)
    }

    /// The word of `span` highest in the tree (the head of a multi-word cue).
    pub fn head_in(&self, span: Span) -> Option<u32> {
        let inside = |i: u32| span.contains(self.words[i as usize].span);
        (0..self.words.len() as u32)
            .filter(|&i| inside(i) || self.words[i as usize].span.contains(span))
            .find(|&i| self.words[i as usize].head.is_none_or(|h| !inside(h)))
    }

    fn word(&self, i: u32) -> &Word {
        &self.words[i as usize]
    }

    /// The word's text in lower case.
    fn lower(&self, text: &str, i: u32) -> String {
        text.get(self.word(i).span.range())
            .unwrap_or("")
            .to_lowercase()
    }

    /// The word's dependents, in order.
    pub fn children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == Some(i))
            .map(|(j, _)| j as u32)
    }

    fn child(&self, i: u32, rel: Rel) -> Option<u32> {
        self.children(i).find(|&c| self.word(c).rel == rel)
    }

    /// The span of the word and everything below it.
    pub fn phrase(&self, i: u32) -> Span {
        let mut span = self.word(i).span;
        for c in self.children(i) {
            let s = self.phrase(c);
            span = Span::new(
                span.start.min(s.start) as usize,
                span.end.max(s.end) as usize,
            );
        }
        span
    }

    /// The preposition marking a nominal ("by" in "by Kyiv"), lower case.
    fn case_word(&self, text: &str, i: u32) -> Option<String> {
        self.children(i)
            .find(|&c| self.word(c).rel == Rel::Case)
            .map(|c| self.lower(text, c))
    }

    /// The agent of a passive predicate: `obl:agent`, or an oblique marked "by".
    fn agent(&self, text: &str, p: u32) -> Option<u32> {
        self.children(p).find(|&c| {
            let w = self.word(c);
            w.rel == Rel::OblAgent
                || (w.rel == Rel::Obl && self.case_word(text, c).as_deref() == Some("by"))
        })
    }

    /// Who holds the cue at word `cue`: the subject of its predicate, or the agent of a
    /// passive, followed up through control, coordination and subordinate clauses; for a
    /// noun cue, its possessor ("Iran's opposition"). A possessor or a prepositional object
    /// of the subject is not the holder; that is for [`Tree::acting`] to leave out.
    pub fn holding(&self, text: &str, cue: u32, saying: &dyn Fn(&str) -> bool) -> Holding {
        let mut out = Holding::default();
        let mut p = cue;
        for _ in 0..MAX_CLIMB {
            let w = self.word(p);
            if let Some(s) = self
                .children(p)
                .find(|&c| matches!(self.word(c).rel, Rel::Nsubj | Rel::Csubj))
            {
                if RELATIVES.contains(&self.lower(text, s).as_str())
                    && w.rel == Rel::AclRelcl
                    && let Some(h) = w.head
                {
                    out.holders.push(h);
                } else {
                    out.holders.push(s);
                }
                break;
            }
            if self.child(p, Rel::NsubjPass).is_some() || self.child(p, Rel::AuxPass).is_some() {
                match self.agent(text, p) {
                    Some(a) => out.holders.push(a),
                    None => out.unsaid = true,
                }
                break;
            }
            if w.pos.nominal() || w.pos == Pos::Adj {
                // "Iran's opposition to", "support from Kyiv".
                // A pronoun possessor ("announced their support") is found through the verb.
                if let Some(owner) = self.children(p).find(|&c| {
                    let r = self.word(c).rel;
                    (r == Rel::NmodPoss && self.word(c).pos != Pos::Pron)
                        || (r == Rel::Nmod
                            && matches!(self.case_word(text, c).as_deref(), Some("by" | "from")))
                }) {
                    out.holders.push(owner);
                    break;
                }
            }
            let Some(head) = w.head else { break };
            match w.rel {
                // Control and raising ("wants to reject"), coordination ("met and rejected"),
                // clauses without their own subject ("rejecting the plan, Kyiv said").
                Rel::Xcomp | Rel::Conj | Rel::Advcl => p = head,
                // "the plan rejected by Kyiv": a participle describing a noun.
                Rel::Acl => {
                    match self.agent(text, p) {
                        Some(a) => out.holders.push(a),
                        None if self.lower(text, p).ends_with("ing") => out.holders.push(head),
                        None => out.unsaid = true,
                    }
                    break;
                }
                Rel::AclRelcl => {
                    out.holders.push(head);
                    break;
                }
                // A noun cue held by the one who voices it ("voiced support for", "expressed
                // opposition to").
                Rel::Obj | Rel::Ccomp if w.pos.nominal() => p = head,
                _ => break,
            }
        }
        self.speakers(text, p, saying, &mut out);
        let spread = |list: &mut Vec<u32>| {
            let mut i = 0;
            while i < list.len() {
                let x = list[i];
                for c in self.children(x) {
                    if matches!(self.word(c).rel, Rel::Conj | Rel::Appos) && !list.contains(&c) {
                        list.push(c);
                    }
                }
                i += 1;
            }
        };
        spread(&mut out.holders);
        spread(&mut out.speakers);
        out
    }

    /// The speakers of the clause headed by `p`: the subject of the verb of saying it is the
    /// complement of, or the X of "according to X" when the clause names no holder.
    fn speakers(&self, text: &str, p: u32, saying: &dyn Fn(&str) -> bool, out: &mut Holding) {
        // Reported speech: the clause is what a speaker said.
        let mut q = p;
        for _ in 0..MAX_CLIMB {
            let w = self.word(q);
            let Some(head) = w.head else { break };
            if matches!(w.rel, Rel::Ccomp | Rel::Parataxis) && saying(&self.lower(text, head)) {
                if let Some(s) = self.child(head, Rel::Nsubj) {
                    out.speakers.push(s);
                }
                break;
            }
            if !matches!(w.rel, Rel::Conj | Rel::Xcomp) {
                break;
            }
            q = head;
        }
        // "according to X".
        if out.holders.is_empty() && !out.unsaid {
            let root = self.words.iter().position(|w| w.head.is_none());
            for at in [Some(p), root.map(|r| r as u32)].into_iter().flatten() {
                if let Some(x) = self.children(at).find(|&c| {
                    self.children(c).any(|g| {
                        self.word(g).rel == Rel::Case && self.lower(text, g) == "according"
                    }) || self.children(c).any(|g| {
                        self.children(g)
                            .any(|gg| self.lower(text, gg) == "according")
                    })
                }) {
                    out.speakers.push(x);
                    break;
                }
            }
        }
    }

    /// The spans that name whom the phrase headed by `i` stands for: the word itself and its
    /// name parts and modifiers ("Russian officials", "the Hong Kong authorities"), and where
    /// the word acts for someone ("officials", "spokesman"), the one it belongs to ("Russia's
    /// foreign ministry", "the spokesman of the EU"). A possessor or prepositional object of
    /// anything else is not it ("Iran's rivals", "supporters of Trump").
    pub fn acting(&self, text: &str, i: u32) -> Vec<Span> {
        let mut out = vec![self.word(i).span];
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            let acts_for = ACTING_FOR.contains(&self.lower(text, x).as_str());
            for c in self.children(x) {
                let rel = self.word(c).rel;
                let take = match rel {
                    Rel::Compound | Rel::Flat | Rel::Amod => true,
                    Rel::NmodPoss => acts_for,
                    Rel::Nmod => {
                        acts_for
                            && matches!(
                                self.case_word(text, c).as_deref(),
                                Some("of" | "from" | "for")
                            )
                    }
                    _ => false,
                };
                if take {
                    out.push(self.word(c).span);
                    stack.push(c);
                }
            }
        }
        out
    }

    /// The negator of the cue at word `cue` ("not", "never", "n't", "no"), on the cue or on a
    /// predicate that controls it ("did not want to reject"); its start in the text.
    pub fn negator(&self, text: &str, cue: u32, negators: &dyn Fn(&str) -> bool) -> Option<usize> {
        let mut p = cue;
        for _ in 0..MAX_CLIMB {
            if let Some(n) = self.children(p).find(|&c| {
                matches!(
                    self.word(c).rel,
                    Rel::Advmod | Rel::Det | Rel::Aux | Rel::Other
                ) && {
                    let lower = self.lower(text, c);
                    negators(&lower) || lower.ends_with("n't") || lower.ends_with("n’t")
                }
            }) {
                return Some(self.word(n).span.start as usize);
            }
            let w = self.word(p);
            match (w.rel, w.head) {
                (Rel::Xcomp, Some(h)) => p = h,
                _ => return None,
            }
        }
        None
    }

    /// What the cue at word `cue` is about: its object, its clausal complement, or its "on /
    /// against / about / over / to / for" phrase; the head word of that phrase.
    pub fn target(&self, text: &str, cue: u32) -> Option<u32> {
        let mut p = cue;
        for _ in 0..2 {
            let found = self.children(p).find(|&c| {
                let w = self.word(c);
                match w.rel {
                    Rel::Obj | Rel::Ccomp | Rel::Xcomp => true,
                    Rel::Obl | Rel::Nmod => matches!(
                        self.case_word(text, c).as_deref(),
                        Some("on" | "against" | "about" | "over" | "to" | "for" | "of")
                    ),
                    _ => false,
                }
            });
            if found.is_some() {
                return found;
            }
            // A noun cue's subject is what a copula says it of ("the plan is a mistake").
            if self.child(p, Rel::Cop).is_some() {
                return self.child(p, Rel::Nsubj);
            }
            p = self.word(p).head?;
        }
        None
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A tree from `word/POS/head/rel` items (heads counted from 1, 0 for the root), over the
    /// words joined by single spaces.
    pub(crate) fn tree(spec: &str) -> (String, Tree) {
        let mut text = String::new();
        let mut words = Vec::new();
        for item in spec.split_whitespace() {
            let parts: Vec<&str> = item.rsplitn(4, '/').collect();
            let [rel, head, pos, form] = parts[..] else {
                panic!("bad item {item}")
            };
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(form);
            let head: u32 = head.parse().expect("head");
            words.push(Word {
                span: Span::new(start, text.len()),
                pos: Pos::from_name(pos),
                head: head.checked_sub(1),
                rel: Rel::from_name(rel),
            });
        }
        (text, Tree { words })
    }

    fn names(text: &str, t: &Tree, list: &[u32]) -> Vec<String> {
        list.iter()
            .map(|&i| text[t.words[i as usize].span.range()].to_owned())
            .collect()
    }

    fn say(w: &str) -> bool {
        matches!(w, "said" | "says")
    }
    const SAY: &dyn Fn(&str) -> bool = &say;

    #[test]
    fn the_agent_of_a_passive_holds_it_and_a_possessor_does_not() {
        // "The meeting was welcomed by Iran's rivals."
        let (text, t) = tree(
            "The/DET/2/det meeting/NOUN/4/nsubj:pass was/AUX/4/aux:pass welcomed/VERB/0/root \
             by/ADP/7/case Iran/PROPN/7/nmod:poss rivals/NOUN/4/obl:agent ./PUNCT/4/punct",
        );
        let h = t.holding(&text, 3, SAY);
        assert_eq!(names(&text, &t, &h.holders), ["rivals"]);
        let acting: Vec<&str> = t
            .acting(&text, h.holders[0])
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(acting, ["rivals"], "Iran is not who welcomed it");
    }

    #[test]
    fn a_passive_without_agent_has_no_holder() {
        let (text, t) =
            tree("The/DET/2/det plan/NOUN/4/nsubj:pass was/AUX/4/aux:pass rejected/VERB/0/root");
        let h = t.holding(&text, 3, SAY);
        assert!(h.holders.is_empty());
        assert!(h.unsaid);
    }

    #[test]
    fn control_coordination_and_reported_speech() {
        // "Lavrov said Moscow wants to reject and condemn the plan."
        let (text, t) = tree(
            "Lavrov/PROPN/2/nsubj said/VERB/0/root Moscow/PROPN/4/nsubj wants/VERB/2/ccomp \
             to/PART/6/mark reject/VERB/4/xcomp and/CCONJ/8/cc condemn/VERB/6/conj \
             the/DET/10/det plan/NOUN/6/obj",
        );
        let h = t.holding(&text, 7, SAY);
        assert_eq!(names(&text, &t, &h.holders), ["Moscow"]);
        assert_eq!(names(&text, &t, &h.speakers), ["Lavrov"]);
    }

    #[test]
    fn a_possessor_holds_a_noun_cue_and_a_light_verb_s_subject_too() {
        // "Russia's opposition to the deal"; "Kyiv voiced support for the deal".
        let (text, t) = tree(
            "Russia/PROPN/3/nmod:poss 's/PART/1/case opposition/NOUN/0/root to/ADP/6/case \
             the/DET/6/det deal/NOUN/3/nmod",
        );
        assert_eq!(
            names(&text, &t, &t.holding(&text, 2, SAY).holders),
            ["Russia"]
        );
        let (text, t) = tree(
            "Kyiv/PROPN/2/nsubj voiced/VERB/0/root support/NOUN/2/obj for/ADP/6/case \
             the/DET/6/det deal/NOUN/3/nmod",
        );
        assert_eq!(
            names(&text, &t, &t.holding(&text, 2, SAY).holders),
            ["Kyiv"]
        );
        assert_eq!(t.target(&text, 2), Some(5));
    }

    #[test]
    fn officials_act_for_their_country_and_rivals_do_not() {
        let (text, t) =
            tree("Russian/ADJ/2/amod officials/NOUN/3/nsubj rejected/VERB/0/root it/PRON/3/obj");
        let h = t.holding(&text, 2, SAY);
        let acting: Vec<&str> = t
            .acting(&text, h.holders[0])
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert!(acting.contains(&"Russian"));
        let (text, t) = tree(
            "Supporters/NOUN/4/nsubj of/ADP/3/case Trump/PROPN/1/nmod rejected/VERB/0/root \
             it/PRON/4/obj",
        );
        let h = t.holding(&text, 3, SAY);
        let acting: Vec<&str> = t
            .acting(&text, h.holders[0])
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(acting, ["Supporters"]);
    }

    #[test]
    fn negation_by_scope() {
        // "Kyiv did not want to reject the plan": the negation of "want" covers "reject".
        let (text, t) = tree(
            "Kyiv/PROPN/4/nsubj did/AUX/4/aux not/PART/4/advmod want/VERB/0/root to/PART/6/mark \
             reject/VERB/4/xcomp the/DET/8/det plan/NOUN/6/obj",
        );
        let neg = |w: &str| w == "not";
        assert_eq!(t.negator(&text, 5, &neg), Some(9));
        // "Kyiv rejected the plan that did not pass": the negation is elsewhere.
        let (text, t) = tree(
            "Kyiv/PROPN/2/nsubj rejected/VERB/0/root the/DET/4/det plan/NOUN/2/obj \
             that/PRON/8/nsubj did/AUX/8/aux not/PART/8/advmod pass/VERB/4/acl:relcl",
        );
        assert_eq!(t.negator(&text, 1, &neg), None);
    }

    #[test]
    fn a_relative_clause_is_held_by_the_noun_it_describes() {
        // "Hungary, which opposes sanctions, ..."
        let (text, t) = tree(
            "Hungary/PROPN/0/root ,/PUNCT/4/punct which/PRON/4/nsubj opposes/VERB/1/acl:relcl \
             sanctions/NOUN/4/obj",
        );
        assert_eq!(
            names(&text, &t, &t.holding(&text, 3, SAY).holders),
            ["Hungary"]
        );
    }
}
