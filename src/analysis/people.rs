//! Who is named where: lexicon actors, people found by title or apposition, their surnames and
//! spelling variants, role references ("the Ukrainian president") and pronouns.

use super::matcher::{
    Hit, any_hit_within, automaton, between, find_in_sentences, hit_at, overlaps_any, words_after,
    words_before,
};
use super::names::{self, Named};
use super::{Mention, NamePat, WordPat, Work};
use crate::parse::Span;

/// Lower-case particles allowed inside a personal name ("Mohammed bin Salman").
const PARTICLES: &[&str] = &[
    "bin", "ibn", "al", "de", "da", "di", "van", "von", "der", "la", "le", "del",
];

/// Whether `word` starts with a capital, after an Arabic article ("al-Assad").
fn capitalised(word: &str) -> bool {
    names::particle_free(word)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A person found in the text, before surnames are looked for.
struct Found {
    actor: usize,
    span: Span,
    name_span: Span,
}

/// Finds every actor mention, in text order. Pronouns come back with `actor: None`.
pub(crate) fn mentions(work: &mut Work<'_>, names: &[Hit], words: &[Hit]) -> Vec<Mention> {
    let text = work.text();
    let mut found: Vec<(Found, u32)> = Vec::new();

    // People introduced by a title: "Ukrainian President Volodymyr Zelensky".
    for (i, hit) in names.iter().enumerate() {
        if work.an.name_pats[hit.pattern] == NamePat::Title
            && let Some(f) = titled(work, names, i)
        {
            found.push((f, hit.sentence));
        }
    }

    // People introduced by apposition: "Yuri Ushakov, diplomatic advisor to the Russian presidency".
    for hit in words {
        if work.an.word_pats[hit.pattern] != WordPat::Role {
            continue;
        }
        if let Some(f) = apposition(work, names, hit).or_else(|| role_before(work, names, hit)) {
            found.push((f, hit.sentence));
        }
    }
    // People and bodies the lexicon does not know, by the shape of their names.
    let bodies = shaped_names(work, names, &mut found);
    // People the lexicon knows by name (the gazetteer's among them), where no other pass found
    // them: their surnames are looked for too.
    let found_spans: Vec<Span> = found.iter().map(|(f, _)| f.span).collect();
    for h in names {
        if let NamePat::Person(p) = work.an.name_pats[h.pattern]
            && !overlaps_any(&found_spans, h.span)
        {
            let actor = work.lex_person(p);
            found.push((
                Found {
                    actor,
                    span: h.span,
                    name_span: h.span,
                },
                h.sentence,
            ));
        }
    }
    found.sort_by_key(|(f, _)| f.span.start);
    merge_surname_people(work, &mut found);

    let (surname_patterns, surname_actor) = short_forms(text, &found, &bodies);
    let surname_hits = if surname_patterns.is_empty() {
        Vec::new()
    } else {
        find_in_sentences(&automaton(&surname_patterns, false), work.article)
    };

    // (where, sentence, actor, the words to record as an alias)
    let mut out: Vec<(Span, u32, Option<usize>, Span)> = Vec::new();
    let found_spans: Vec<Span> = found.iter().map(|(f, _)| f.span).collect();
    let surname_spans: Vec<Span> = surname_hits.iter().map(|h| h.span).collect();
    for (f, sentence) in &found {
        out.push((f.span, *sentence, Some(f.actor), f.name_span));
    }
    // A surname inside a body's name is the body's ("the Trump administration").
    let body_spans: Vec<Span> = bodies.iter().map(|(span, ..)| *span).collect();
    for h in &surname_hits {
        if !overlaps_any(&found_spans, h.span) && !overlaps_any(&body_spans, h.span) {
            out.push((h.span, h.sentence, Some(surname_actor[h.pattern]), h.span));
        }
    }
    for &(span, sentence, actor) in &bodies {
        if !overlaps_any(&found_spans, span) {
            out.push((span, sentence, Some(actor), span));
        }
    }
    let taken = [found_spans.as_slice(), &surname_spans, &body_spans];
    lexicon_mentions(work, names, words, &taken, &mut out);
    out.sort_by_key(|(span, ..)| (span.start, span.end));
    out.dedup_by_key(|(span, ..)| span.start);
    // Mentions never overlap: people found by title and by apposition, surnames and lexicon names
    // come from separate passes, and a later one can start inside an earlier one. Keeping the
    // first is what lets `holders` read the gap between neighbours.
    let mut covered = 0u32;
    out.retain(|(span, ..)| {
        let keep = span.start >= covered;
        if keep {
            covered = span.end;
        }
        keep
    });
    let mut mentions = Vec::with_capacity(out.len());
    for (span, sentence, actor, alias) in out {
        if let Some(a) = actor {
            work.count_mention(a, &crate::parse::fold_space(&text[alias.range()]), sentence);
        }
        mentions.push(Mention {
            span,
            sentence,
            actor,
        });
    }
    role_mentions(work, words, &mut mentions);
    mentions
}

/// "the president", "The foreign minister": the person the article introduced with that role,
/// the one first named most recently before. Added as mentions for finding who holds a stance,
/// but not counted and not kept as a name: a bare title is never an alias.
fn role_mentions(work: &Work<'_>, words: &[Hit], mentions: &mut Vec<Mention>) {
    let text = work.text();
    // People with a role, by role word, in the order they were first named.
    let mut by_role: std::collections::HashMap<String, Vec<(u32, usize)>> =
        std::collections::HashMap::new();
    for (i, a) in work.actors.iter().enumerate() {
        if let Some(role) = &a.role {
            by_role
                .entry(role.to_lowercase())
                .or_default()
                .push((a.first, i));
        }
    }
    for people in by_role.values_mut() {
        people.sort_unstable();
    }
    let mut added: Vec<Mention> = Vec::new();
    for h in words {
        if work.an.word_pats[h.pattern] != WordPat::Role {
            continue;
        }
        let Some(people) = by_role.get(&text[h.span.range()].to_lowercase()) else {
            continue;
        };
        let sentence = work.sentence_span(h.sentence);
        let after_the = words_before(text, h.span.start as usize, sentence.start as usize)
            .next()
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("the"));
        // "the president of France", "the head of state", "the president and chief
        // executive officer of Symplicity" name someone else.
        let mut after =
            words_after(text, h.span.end as usize, sentence.end as usize).map(|(_, w)| w);
        let qualified = match after.next() {
            Some("of" | "to" | "for") => true,
            Some("and") => after.take(4).any(|w| matches!(w, "of" | "for")),
            _ => false,
        };
        if !after_the || qualified {
            continue;
        }
        let seen = people.partition_point(|&(first, _)| first <= h.sentence);
        if let Some(&(_, person)) = seen.checked_sub(1).and_then(|i| people.get(i)) {
            added.push(Mention {
                span: h.span,
                sentence: h.sentence,
                actor: Some(person),
            });
        }
    }
    if added.is_empty() {
        return;
    }
    // Merge the two ordered lists; a role word inside a name already found is dropped.
    let old = std::mem::take(mentions);
    let mut covered = 0u32;
    let mut merged = Vec::with_capacity(old.len() + added.len());
    let (mut a, mut b) = (old.into_iter().peekable(), added.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y.span.start < x.span.start => b.next(),
            (Some(_), _) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        let Some(m) = next else { break };
        if m.span.start >= covered {
            covered = m.span.end;
            merged.push(m);
        }
    }
    *mentions = merged;
}

/// The acronym in brackets at the start of `rest` (" (PMF)"), if there is one.
fn bracketed_acronym(rest: &str) -> Option<&str> {
    let inner = rest.strip_prefix(" (")?;
    let short = &inner[..inner.find(')')?];
    let letters = short.chars().filter(char::is_ascii_uppercase).count();
    let shaped = short.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && short.chars().all(|c| c.is_ascii_alphabetic())
        && letters >= 2
        && letters * 2 >= short.len();
    (shaped && (2..=8).contains(&short.len())).then_some(short)
}

/// Lexicon names, demonyms (or the role they open: "the Ukrainian president"), people and
/// pronouns not inside a name found by another pass.
fn lexicon_mentions(
    work: &mut Work<'_>,
    names: &[Hit],
    words: &[Hit],
    taken: &[&[Span]],
    out: &mut Vec<(Span, u32, Option<usize>, Span)>,
) {
    for h in names {
        if taken.iter().any(|spans| overlaps_any(spans, h.span)) {
            continue;
        }
        match work.an.name_pats[h.pattern] {
            NamePat::Actor(a) => {
                let actor = work.lex_actor(a);
                out.push((h.span, h.sentence, Some(actor), h.span));
            }
            NamePat::Demonym(a) => {
                let country = work.lex_actor(a);
                let (span, actor) =
                    role_reference(work, words, h, country).unwrap_or((h.span, country));
                out.push((span, h.sentence, Some(actor), span));
            }
            NamePat::Person(p) => {
                let actor = work.lex_person(p);
                out.push((h.span, h.sentence, Some(actor), h.span));
            }
            NamePat::Pronoun => out.push((h.span, h.sentence, None, h.span)),
            NamePat::Title | NamePat::Place => {}
        }
    }
}

/// The short forms to look for, each with its actor: surnames and spelling variants of the
/// people found ("Zelensky", "Zelenskyy"), and a body's acronym given in brackets after it.
fn short_forms(
    text: &str,
    found: &[(Found, u32)],
    bodies: &[(Span, u32, usize)],
) -> (Vec<String>, Vec<usize>) {
    let mut surname_patterns: Vec<String> = Vec::new();
    let mut surname_actor = Vec::new();
    // The patterns taken so far, to keep the first actor of each (a set: a long article names
    // thousands of people).
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (f, _) in found {
        let full = &text[f.name_span.range()];
        let Some(last) = full.split_whitespace().next_back() else {
            continue;
        };
        // "South", "West": a direction alone names no one; nor does a month ("in May" is not
        // Theresa May).
        let last = (!names::PLACE_PREFIXES.contains(&last)
            && !crate::parse::is_calendar_word(last))
        .then_some(last);
        // "al-Assad" is also written "Assad" on its own.
        let bare = last
            .map(names::particle_free)
            .filter(|bare| Some(*bare) != last);
        for variant in variants(full)
            .into_iter()
            .chain(last.into_iter().flat_map(variants))
            .chain(bare.into_iter().flat_map(variants))
        {
            if taken.insert(variant.clone()) {
                surname_patterns.push(variant);
                surname_actor.push(f.actor);
            }
        }
    }
    // A body's own short form, given in brackets after its name: "Popular Mobilization Forces
    // (PMF)", "... Cultural Organization (UNESCO)".
    for &(span, _, actor) in bodies {
        if let Some(short) = bracketed_acronym(&text[span.end as usize..])
            && taken.insert(short.to_owned())
        {
            surname_patterns.push(short.to_owned());
            surname_actor.push(actor);
        }
    }
    (surname_patterns, surname_actor)
}

/// The person the title `names[i]` introduces ("Ukrainian President Volodymyr Zelensky"), with
/// the capitalised words before the title that belong to it ("Fisheries Minister") and a
/// country or demonym right before as the affiliation.
fn titled(work: &mut Work<'_>, names: &[Hit], i: usize) -> Option<Found> {
    let text = work.text();
    let hit = &names[i];
    let sentence = work.sentence_span(hit.sentence);
    let mut name_words: Vec<(usize, &str)> = Vec::new();
    for (start, word) in words_after(text, hit.span.end as usize, sentence.end as usize).take(5) {
        let particle = PARTICLES.contains(&word) && !name_words.is_empty();
        // A second title is not part of the name ("Mr. Mr. Rahami").
        let is_title =
            hit_at(names, start).is_some_and(|h| work.an.name_pats[h.pattern] == NamePat::Title);
        if !(capitalised(word) && names::name_word(word) || particle) || is_title {
            break;
        }
        name_words.push((start, word));
    }
    // "General Assembly", "Supreme Court": a title before a body's head word is part of
    // the body's name, not a person's title.
    if name_words.iter().any(|(_, w)| work.an.lists.body_head(w)) {
        return None;
    }
    while name_words.last().is_some_and(|(_, w)| !capitalised(w)) {
        name_words.pop();
    }
    name_words.truncate(4);
    let (Some(&(first_start, _)), Some(&(last_start, last_word))) =
        (name_words.first(), name_words.last())
    else {
        return None;
    };
    // "O'Rourke", "D’Souza": the word walk stops at the apostrophe; take the rest in.
    let mut name_end = last_start + last_word.len();
    let tail = &text[name_end..sentence.end as usize];
    if let Some(rest) = tail.strip_prefix(['\'', '’'])
        && rest.starts_with(char::is_uppercase)
    {
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        name_end += tail.len() - rest.len() + len;
    } else if last_word.chars().count() == 1 {
        // A lone letter is an initial, never a surname.
        return None;
    }
    let name_span = with_calendar_word(work, Span::new(first_start, name_end), sentence);
    // A name that is an actor ("President of Russia" has none; "President Putin" is a
    // lexicon person) is handled by the lexicon.
    let starts_known = hit_at(names, name_span.start as usize);
    let mut role_start = hit.span.start as usize;
    // A title glued after a hyphen is another title: "Vice-President Joe Biden" is no
    // president, and "the president" later is not him.
    if text[..role_start].ends_with('-') {
        role_start = text[..role_start - 1]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            })
            .max(sentence.start as usize);
    }
    // Capitalised words before the title belong to it ("Fisheries Minister").
    let mut affiliation = None;
    let mut mention_start = role_start;
    let prev = i.checked_sub(1).map(|p| names[p]);
    for (start, word) in words_before(text, role_start, sentence.start as usize).take(2) {
        // A word inside the previous name ("House" of "White House President") belongs to
        // that name, not to the title.
        if prev.is_some_and(|p| start < p.span.end as usize) {
            break;
        }
        if !capitalised(word) || hit_at(names, start).is_some() {
            break;
        }
        role_start = start;
        mention_start = start;
    }
    if let Some(p) = prev.filter(|p| p.sentence == hit.sentence) {
        let gap = between(text, p.span.end as usize, mention_start).map(str::trim);
        if matches!(gap, Some("" | "’s" | "'s")) {
            match work.an.name_pats[p.pattern] {
                NamePat::Actor(a) | NamePat::Demonym(a) => {
                    affiliation = Some(work.lex_actor(a));
                    mention_start = p.span.start as usize;
                }
                _ => {}
            }
        }
    }
    let role = text[role_start..hit.span.end as usize].to_owned();
    let actor = match starts_known.map(|h| work.an.name_pats[h.pattern]) {
        Some(NamePat::Person(p)) => {
            // A known person keeps the title the article gives them, so that "the president"
            // later is them.
            let a = work.lex_person(p);
            work.actors[a].role.get_or_insert(role);
            a
        }
        Some(NamePat::Actor(_) | NamePat::Demonym(_)) => return None,
        _ => {
            let name = crate::parse::fold_space(&text[name_span.range()]).into_owned();
            work.person(&name, affiliation, Some(role))
        }
    };
    Some(Found {
        actor,
        span: Span::new(mention_start, name_span.end as usize),
        name_span,
    })
}

/// A person named by surname alone ("President Trump") and elsewhere in full ("Donald Trump") is
/// one person: the full name wins, and keeps the role and affiliation the title gave.
fn merge_surname_people(work: &mut Work<'_>, found: &mut [(Found, u32)]) {
    let mut by_surname: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (f, _) in found.iter() {
        let name = &work.actors[f.actor].name;
        if let Some((_, last)) = name.rsplit_once(' ') {
            by_surname.entry(last.to_owned()).or_insert(f.actor);
        }
    }
    for (f, _) in found.iter_mut() {
        let single = &work.actors[f.actor].name;
        if single.contains(' ') {
            continue;
        }
        let Some(&full) = by_surname.get(single.as_str()) else {
            continue;
        };
        let (role, affiliation) = {
            let s = &work.actors[f.actor];
            (s.role.clone(), s.affiliation)
        };
        let target = &mut work.actors[full];
        if target.role.is_none() {
            target.role = role;
        }
        if target.affiliation.is_none() {
            target.affiliation = affiliation;
        }
        f.actor = full;
    }
}

/// A name whose shape stopped before a month's name that the gazetteer knows with it:
/// "Theresa May" (a name never takes "May" otherwise, so that "in May" names no one).
fn with_calendar_word(work: &Work<'_>, span: Span, sentence: Span) -> Span {
    let text = work.text();
    let Some((at, month)) = words_after(text, span.end as usize, sentence.end as usize).next()
    else {
        return span;
    };
    if at != span.end as usize + 1
        || !month.starts_with(char::is_uppercase)
        || !crate::parse::is_calendar_word(month)
    {
        return span;
    }
    let longer = Span::new(span.start as usize, at + month.len());
    let key = super::corpus::name_key(&text[longer.range()]);
    if work.an.gazetteer.contains_key(&key) {
        longer
    } else {
        span
    }
}

/// Finds people by a given name and bodies by their last word (module `names`) in every
/// sentence, where no lexicon name, title or person already found stands. People join `found`;
/// bodies are returned, sorted, with their sentence and actor. A body whose name opens with a
/// country or its demonym belongs to it ("Russian Foreign Ministry").
fn shaped_names(
    work: &mut Work<'_>,
    names: &[Hit],
    found: &mut Vec<(Found, u32)>,
) -> Vec<(Span, u32, usize)> {
    let text = work.text();
    let an = work.an;
    let given = |w: &str| an.given_names.contains(w);
    let sentences = &work.article.sentences;
    let find = |first: usize, part: &[crate::parse::Sentence]| -> Vec<(u32, Named)> {
        part.iter()
            .enumerate()
            .flat_map(|(i, s)| {
                names::find(text, s.span, &given, &work.an.lists)
                    .into_iter()
                    .map(move |n| ((first + i) as u32, n))
            })
            .collect()
    };
    // Each sentence is read on its own: on a large article, two halves side by side.
    let shaped: Vec<(u32, Named)> = if text.len() > 256 * 1024 {
        let half = sentences.len() / 2;
        std::thread::scope(|scope| {
            let later = scope.spawn(|| find(half, &sentences[half..]));
            let mut shaped = find(0, &sentences[..half]);
            shaped.extend(
                later
                    .join()
                    .unwrap_or_else(|_| find(half, &sentences[half..])),
            );
            shaped
        })
    } else {
        find(0, sentences)
    };
    let mut taken: Vec<Span> = found.iter().map(|(f, _)| f.span).collect();
    taken.sort_by_key(|s| s.start);
    let mut bodies = Vec::new();
    for (sentence, named) in shaped {
        match named {
            Named::Person { span } => {
                let span = with_calendar_word(work, span, sentences[sentence as usize].span);
                if overlaps_any(&taken, span)
                    || any_hit_within(names, span.start as usize, span.end as usize)
                {
                    continue;
                }
                let name = crate::parse::fold_space(&text[span.range()]).into_owned();
                let actor = work.person(&name, None, None);
                found.push((
                    Found {
                        actor,
                        span,
                        name_span: span,
                    },
                    sentence,
                ));
            }
            Named::Collective { span } => {
                // Only where the words before name a country ("Hong Kong", "Serbian"): "Trump
                // protesters" protest against him.
                let from = actor_at(work, names, span.start as usize)
                    .filter(|&a| work.actors[a].kind == crate::model::ActorKind::Country);
                if from.is_none() || overlaps_any(&taken, span) {
                    continue;
                }
                let name = crate::parse::fold_space(&text[span.range()]).into_owned();
                let actor = work.body(&name, crate::model::ActorKind::Group, from);
                bodies.push((span, sentence, actor));
            }
            Named::Body { span, kind } => {
                if overlaps_any(&taken, span) {
                    continue;
                }
                // A lexicon entry that is the whole name already covers it.
                let whole = hit_at(names, span.start as usize).is_some_and(|h| h.span == span);
                if whole {
                    continue;
                }
                let affiliation = actor_at(work, names, span.start as usize);
                let name = crate::parse::fold_space(&text[span.range()]).into_owned();
                let actor = work.body(&name, kind, affiliation);
                bodies.push((span, sentence, actor));
            }
        }
    }
    bodies.sort_by_key(|(span, ..)| span.start);
    bodies
}

/// "the Ukrainian president": a demonym then a role word names that country's person with that
/// role, when the article has introduced one.
fn role_reference(
    work: &Work<'_>,
    words: &[Hit],
    demonym: &Hit,
    country: usize,
) -> Option<(Span, usize)> {
    let text = work.text();
    let idx = words.partition_point(|w| w.span.start < demonym.span.end);
    let role = words.get(idx)?;
    // `role` is the first word hit starting at or after the demonym's end (partition point above),
    // so the gap below is ordered; both ends are match boundaries, so on char boundaries.
    debug_assert!(demonym.span.end <= role.span.start);
    if work.an.word_pats[role.pattern] != WordPat::Role
        || !between(text, demonym.span.end as usize, role.span.start as usize)
            .is_some_and(|gap| gap.trim().is_empty())
        || capitalised(&text[role.span.range()])
    {
        return None;
    }
    let role_word = text[role.span.range()].to_lowercase();
    let person = work.actors.iter().position(|a| {
        a.affiliation == Some(country)
            && a.role
                .as_deref()
                .is_some_and(|r| r.to_lowercase().contains(&role_word))
    })?;
    Some((
        Span::new(demonym.span.start as usize, role.span.end as usize),
        person,
    ))
}

/// "Name Surname, [the] [adjective] ROLE to/of/for [the] ACTOR" or "..., the DEMONYM ROLE".
fn apposition(work: &mut Work<'_>, names: &[Hit], role: &Hit) -> Option<Found> {
    let text = work.text();
    let sentence = work.sentence_span(role.sentence);
    let floor = sentence.start as usize;
    // Who the role is for: an actor after "to/of/for/at [the]", or a demonym inside the phrase.
    let mut affiliation = None;
    let after: Vec<(usize, &str)> =
        words_after(text, role.span.end as usize, sentence.end as usize)
            .take(3)
            .collect();
    // A role of something named, even when it is no actor ("governor of Massachusetts").
    let mut of_named = false;
    if let [(_, "to" | "of" | "for" | "at"), rest @ ..] = after.as_slice() {
        let target = rest.iter().find(|(_, w)| *w != "the");
        of_named = target.is_some_and(|(_, w)| capitalised(w));
        affiliation = target.and_then(|&(s, _)| actor_at(work, names, s));
    }
    // Back from the role to the comma, at most four words.
    let mut phrase_start = role.span.start as usize;
    for (start, _) in words_before(text, role.span.start as usize, floor).take(4) {
        phrase_start = start;
        if affiliation.is_none() {
            affiliation = actor_at(work, names, start);
        }
    }
    if affiliation.is_none() && !of_named {
        return None;
    }
    let before_phrase = text[floor..phrase_start].trim_end();
    let comma = before_phrase.strip_suffix(',')?;
    let comma_end = floor + comma.len();
    let mut name_words: Vec<(usize, &str)> = words_before(text, comma_end, floor)
        .take_while(|(_, w)| capitalised(w) && names::name_word(w))
        .take(3)
        .collect();
    name_words.reverse();
    if name_words.len() < 2 {
        return None;
    }
    let start = name_words[0].0;
    // A known actor is not a person ("Moscow, the Russian capital").
    if any_hit_within(names, start, comma_end) {
        return None;
    }
    let name_span = Span::new(start, comma_end);
    let name = crate::parse::fold_space(&text[name_span.range()]).into_owned();
    let role_text = crate::parse::fold_space(&text[phrase_start..role.span.end as usize])
        .trim_start_matches("the ")
        .to_owned();
    let actor = work.person(&name, affiliation, Some(role_text));
    Some(Found {
        actor,
        span: name_span,
        name_span,
    })
}

/// "editor Keni Lesa", "Iran's top general, Qasem Soleimani": a role word in lower case right
/// before two or three name words the lexicon does not know, a comma at most between them.
fn role_before(work: &mut Work<'_>, names: &[Hit], role: &Hit) -> Option<Found> {
    let text = work.text();
    if !text[role.span.range()].starts_with(char::is_lowercase) {
        return None;
    }
    let sentence = work.sentence_span(role.sentence);
    let end = sentence.end as usize;
    let rest = text[role.span.end as usize..end].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let from = end - rest.len();
    let name_words: Vec<(usize, &str)> = words_after(text, from, end)
        .take_while(|(_, w)| {
            capitalised(w) && names::name_word(w) && !w.chars().all(char::is_uppercase)
        })
        .take(4)
        .collect();
    if !(2..=3).contains(&name_words.len()) {
        return None;
    }
    let (start, _) = name_words[0];
    let (last_at, last) = name_words[name_words.len() - 1];
    let name_end = last_at + last.len();
    // The name ends there: not inside a longer word ("O'Rourke") or a possessive.
    if text[name_end..end].starts_with(|c: char| c.is_alphanumeric() || c == '\'' || c == '’')
        || any_hit_within(names, start, name_end)
        || work.an.lists.body_head(last)
        || names::PLACE_PREFIXES.contains(&name_words[0].1)
    {
        return None;
    }
    let name_span = Span::new(start, name_end);
    let name = crate::parse::fold_space(&text[name_span.range()]).into_owned();
    let role_text = text[role.span.range()].to_owned();
    let actor = work.person(&name, None, Some(role_text));
    Some(Found {
        actor,
        span: name_span,
        name_span,
    })
}

/// The lexicon actor named (or described by a demonym) at byte `start`, if any.
fn actor_at(work: &mut Work<'_>, names: &[Hit], start: usize) -> Option<usize> {
    let hit = hit_at(names, start)?;
    match work.an.name_pats[hit.pattern] {
        NamePat::Actor(a) | NamePat::Demonym(a) => Some(work.lex_actor(a)),
        _ => None,
    }
}

/// Spellings of a name that refer to the same person: as written, with a doubled final "y"
/// ("Zelenskyy"), and with doubled letters folded ("Zelenskyy" -> "Zelensky").
fn variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    if name.chars().count() < 4 {
        return out;
    }
    if name.ends_with('y') {
        out.push(format!("{name}y"));
    }
    if name.ends_with("yy") {
        out.push(name[..name.len() - 1].to_owned());
    }
    if name.ends_with('y') && !name.ends_with("iy") {
        out.push(format!("{}iy", &name[..name.len() - 1]));
    }
    out
}
