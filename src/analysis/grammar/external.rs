//! Parses read from a file: another parser's trees for the sentences of a corpus, so that the
//! stance step can be measured on a parse better than its own (`briefing eval --parses`).
//!
//! The file holds one JSON object a line: `{"text": SENTENCE, "words": [[START, END, UPOS,
//! HEAD, REL], …]}`, with byte offsets into the sentence, heads counted from 0 (`-1` for the
//! root) and Universal Dependencies relations. `tools/peer_parse.py` writes it.

use super::{Parse, Pos, Rel, Tree, Word};
use crate::parse::Span;
use std::collections::HashMap;

/// Trees by the text of their sentence.
#[derive(Debug, Default)]
pub struct Parses {
    trees: HashMap<String, Tree>,
}

#[derive(serde::Deserialize)]
struct Line {
    text: String,
    words: Vec<(usize, usize, String, i64, String)>,
}

impl Parses {
    /// Reads the lines of a parses file; a line that does not read, or a tree whose words fall
    /// outside its sentence or point at no word, is an error naming the line.
    pub fn read(content: &str) -> Result<Parses, String> {
        let mut trees = HashMap::new();
        for (n, line) in content.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let line: Line =
                serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
            let count = i64::try_from(line.words.len()).unwrap_or(i64::MAX);
            let mut words = Vec::with_capacity(line.words.len());
            for (start, end, pos, head, rel) in line.words {
                if start >= end || end > line.text.len() || !(-1..count).contains(&head) {
                    return Err(format!("line {}: a word outside its sentence", n + 1));
                }
                words.push(Word {
                    span: Span::new(start, end),
                    pos: Pos::from_name(&pos),
                    head: u32::try_from(head).ok(),
                    rel: Rel::from_name(&rel),
                });
            }
            trees.insert(line.text, Tree { words });
        }
        Ok(Parses { trees })
    }

    pub fn len(&self) -> usize {
        self.trees.len()
    }

    pub fn is_empty(&self) -> bool {
        self.trees.is_empty()
    }
}

impl Parse for Parses {
    fn parse(&self, sentence: &str) -> Option<Tree> {
        self.trees.get(sentence).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_trees_by_sentence_and_refuses_broken_lines() {
        let line = r#"{"text": "Kyiv rejected it", "words": [[0,4,"PROPN",1,"nsubj"],[5,13,"VERB",-1,"root"],[14,16,"PRON",1,"obj"]]}"#;
        let p = Parses::read(line).expect("reads");
        let t = p.parse("Kyiv rejected it").expect("a tree");
        assert_eq!(t.words[0].rel, Rel::Nsubj);
        assert_eq!(t.words[1].head, None);
        assert_eq!(t.words[2].head, Some(1));
        assert!(p.parse("Kyiv rejected that").is_none());
        let bad = r#"{"text": "Kyiv", "words": [[0,9,"PROPN",-1,"root"]]}"#;
        assert!(Parses::read(bad).expect_err("refused").contains("line 1"));
        let bad = r#"{"text": "Kyiv", "words": [[0,4,"PROPN",3,"root"]]}"#;
        assert!(Parses::read(bad).is_err());
    }
}
