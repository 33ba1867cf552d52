//! Keeping evidence attached to the right sentence when an article changes.
//!
//! Evidence is stored with its sentence id and the quoted sentence (plus the end of the sentence
//! before it). While the article's hash is unchanged, the id is right. When the file changed, the
//! sentence is looked for again by its exact text: where it appears once, there; where it appears
//! several times, the one after the same context, else the one nearest the old position. Evidence
//! whose sentence is gone keeps its old id and quote, so nothing is lost.

use crate::model::SentenceId;
use crate::model::session::{Cell, EvidenceRef, Session};
use crate::parse::Article;
use std::path::Path;

/// Characters of the previous sentence kept as context.
const CONTEXT_CHARS: usize = 40;

/// Evidence for sentence `id` of `article` at `path`, with its quote and context.
pub fn evidence_for(path: &Path, article: &Article, id: SentenceId) -> EvidenceRef {
    let context =
        id.0.checked_sub(1)
            .map(|prev| {
                let text = article.sentence_text(SentenceId(prev));
                let start = text
                    .char_indices()
                    .rev()
                    .nth(CONTEXT_CHARS - 1)
                    .map_or(0, |(i, _)| i);
                // Whole words only, so that the saved context reads as words.
                let cut_in_word = start > 0
                    && !text[..start].ends_with(char::is_whitespace)
                    && !text[start..].starts_with(char::is_whitespace);
                let start = if cut_in_word {
                    text[start..]
                        .find(char::is_whitespace)
                        .map_or(start, |i| start + i)
                } else {
                    start
                };
                text[start..].trim_start().to_owned()
            })
            .unwrap_or_default();
    EvidenceRef {
        article: path.to_path_buf(),
        sentence: id,
        quote: article.sentence_text(id).into_owned(),
        context,
    }
}

/// The evidence of `path` that must move in the changed `article`: `(cell, old, new)`.
pub fn moves(
    session: &Session,
    path: &Path,
    article: &Article,
) -> Vec<(Cell, EvidenceRef, EvidenceRef)> {
    let mut out = Vec::new();
    for (cell, annotation) in &session.annotations {
        for e in annotation.evidence.iter().filter(|e| e.article == path) {
            let unchanged = article.sentences.get(e.sentence.0 as usize).is_some()
                && article.sentence_text(e.sentence) == e.quote.as_str()
                && context_matches(article, e.sentence, &e.context);
            if unchanged {
                continue;
            }
            if let Some(id) = find(article, e) {
                let new = evidence_for(path, article, id);
                if new != *e {
                    out.push((cell.clone(), e.clone(), new));
                }
            }
        }
    }
    out
}

/// Whether the sentence before `id` ends with `context` (an empty context always matches).
fn context_matches(article: &Article, id: SentenceId, context: &str) -> bool {
    if context.is_empty() {
        return true;
    }
    id.0 > 0
        && article
            .sentence_text(SentenceId(id.0 - 1))
            .ends_with(context)
}

fn find(article: &Article, e: &EvidenceRef) -> Option<SentenceId> {
    let same: Vec<SentenceId> = article
        .sentences
        .iter()
        .map(|s| s.id)
        .filter(|&id| article.sentence_text(id) == e.quote.as_str())
        .collect();
    match same.as_slice() {
        [] => None,
        [one] => Some(*one),
        many => {
            let with_context = many
                .iter()
                .copied()
                .find(|&id| !e.context.is_empty() && context_matches(article, id, &e.context));
            with_context.or_else(|| {
                many.iter()
                    .copied()
                    .min_by_key(|id| id.0.abs_diff(e.sentence.0))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, apply};
    use crate::load::Format;
    use crate::model::{ActorId, TopicId};
    use crate::parse::parse_text;

    #[test]
    fn evidence_follows_its_sentence_into_an_edited_article() {
        let before = parse_text(
            "One. Two is the quote. Three. Four repeats. Five. Four repeats.",
            Format::Text,
        );
        let path = Path::new("/a.txt");
        let cell = Cell {
            actor: ActorId("a".into()),
            topic: TopicId("t".into()),
        };
        let mut session = Session::default();
        for id in [1, 5] {
            let evidence = evidence_for(path, &before, SentenceId(id));
            apply(
                &mut session,
                Command::AttachEvidence {
                    cell: cell.clone(),
                    evidence,
                },
                0,
            )
            .expect("attach");
        }
        // Two sentences added at the top and one reworded; the repeated sentence is told apart
        // by the one before it.
        let after = parse_text(
            "New. Newer. One. Two is the quote. Three changed. Four repeats. Five. Four repeats.",
            Format::Text,
        );
        let moves = moves(&session, path, &after);
        let to: Vec<(u32, &str)> = moves
            .iter()
            .map(|(_, _, n)| (n.sentence.0, n.quote.as_str()))
            .collect();
        assert_eq!(to, vec![(3, "Two is the quote."), (7, "Four repeats.")]);
        apply(
            &mut session,
            Command::Reanchor {
                article: path.into(),
                hash: "new".into(),
                moves,
            },
            0,
        )
        .expect("reanchor");
        let ids: Vec<u32> = session.annotations[&cell]
            .evidence
            .iter()
            .map(|e| e.sentence.0)
            .collect();
        assert_eq!(ids, vec![3, 7]);
        // Unchanged article: nothing moves.
        assert!(super::moves(&session, path, &after).is_empty());
    }

    #[test]
    fn the_context_kept_is_whole_words() {
        let article = parse_text(
            "The foreign ministry spokesperson said on Tuesday that the negotiations would continue. Kyiv agreed.",
            Format::Text,
        );
        let e = evidence_for(Path::new("/a.txt"), &article, SentenceId(1));
        assert!(!e.context.is_empty());
        assert!(e.context.chars().count() <= CONTEXT_CHARS, "{}", e.context);
        assert!(
            "said on Tuesday that the negotiations would continue.".ends_with(&e.context)
                && e.context.starts_with(|c: char| c.is_alphanumeric()),
            "{:?}",
            e.context
        );
        let first_word = e.context.split(' ').next().unwrap_or("");
        assert!(
            ["on", "Tuesday", "that", "the", "negotiations", "said"].contains(&first_word),
            "cut mid-word: {:?}",
            e.context
        );
    }
}
