//! Actors the analyst added by hand, and aliases added to any actor, found in the articles'
//! text, so that the reader underlines them and the sentence card names them like the actors
//! the analysis found.

use crate::base::Span;
use crate::model::ActorId;
use crate::model::session::Session;
use aho_corasick::{AhoCorasick, MatchKind};

/// The names the analyst gave, each with the actor it stands for (after merges), longest first.
pub fn names(session: &Session) -> Vec<(String, ActorId)> {
    let mut out: Vec<(String, ActorId)> = session
        .actors
        .added
        .iter()
        .map(|a| (a.name.clone(), session.actor_root(&a.id)))
        .chain(
            session
                .actors
                .aliases_added
                .iter()
                .flat_map(|(id, aliases)| {
                    aliases
                        .iter()
                        .map(move |alias| (alias.clone(), session.actor_root(id)))
                }),
        )
        .filter(|(name, _)| !name.trim().is_empty())
        .collect();
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Where `names` stand in `text` as whole words (case as written), in text order.
pub fn find(text: &str, names: &[(String, ActorId)]) -> Vec<(Span, ActorId)> {
    if names.is_empty() {
        return Vec::new();
    }
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(names.iter().map(|(n, _)| n.as_str()))
    else {
        return Vec::new();
    };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    automaton
        .find_iter(text)
        .filter(|m| {
            !word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next())
        })
        .filter_map(|m| {
            let span = Span {
                start: u32::try_from(m.start()).ok()?,
                end: u32::try_from(m.end()).ok()?,
            };
            Some((span, names[m.pattern().as_usize()].1.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, apply};
    use crate::model::ActorKind;

    #[test]
    fn added_actors_and_aliases_are_found_as_whole_words() {
        let mut session = Session::default();
        apply(
            &mut session,
            Command::AddActor {
                name: "Wagner Group".into(),
                kind: ActorKind::Organisation,
            },
            0,
        )
        .expect("add");
        apply(
            &mut session,
            Command::AddAlias {
                actor: ActorId("russia".into()),
                alias: "the Kremlin".into(),
            },
            0,
        )
        .expect("alias");
        let names = names(&session);
        let text = "The Wagner Group left. Wagner Groupies stayed; the Kremlin said so.";
        let found = find(text, &names);
        let spans: Vec<(&str, &str)> = found
            .iter()
            .map(|(s, a)| (&text[s.range()], a.0.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("Wagner Group", "user:wagner-group"),
                ("the Kremlin", "russia")
            ]
        );
    }
}
