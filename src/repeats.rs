//! Maps whose keys may be written twice (a session file edited by hand, or by a merge tool): a
//! plain map would keep the last entry and drop the first without a word. A map read through
//! [`combining`] folds each repeat into the entry before it ([`Combine`]) and writes down what
//! it did, so that the reader can tell the analyst.
//!
//! The notes are gathered per thread while [`noting`] runs, so that the serde types stay plain.
//! How two entries of each saved type fold together is the storage's rule
//! (`storage::duplicates`); this module only reads.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::marker::PhantomData;

thread_local! {
    static NOTES: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Runs `read` and returns, beside its result, what it found written twice.
pub fn noting<T>(read: impl FnOnce() -> T) -> (T, Vec<String>) {
    let outer = NOTES.with(|n| n.borrow_mut().replace(Vec::new()));
    let result = read();
    let notes = NOTES.with(|n| std::mem::replace(&mut *n.borrow_mut(), outer));
    (result, notes.unwrap_or_default())
}

fn note(text: String) {
    NOTES.with(|n| {
        if let Some(notes) = n.borrow_mut().as_mut() {
            notes.push(text);
        }
    });
}

/// A key as the analyst knows it.
pub trait Describe {
    fn describe(&self) -> String;
}

/// Folds a later entry for the same key into the earlier one; says what could not be kept
/// (`None` when nothing was lost).
pub trait Combine: Sized {
    fn combine(&mut self, later: Self) -> Option<String>;
}

/// A later value replaces an earlier, different one.
pub fn replace<T: PartialEq + fmt::Debug>(earlier: &mut T, later: T) -> Option<String> {
    let lost = (*earlier != later).then(|| format!("{earlier:?} was replaced by {later:?}"));
    *earlier = later;
    lost
}

impl Combine for String {
    fn combine(&mut self, later: Self) -> Option<String> {
        replace(self, later)
    }
}

impl Combine for Vec<crate::model::session::Disputed> {
    /// A cell written twice keeps every coder's stance of both.
    fn combine(&mut self, later: Self) -> Option<String> {
        for d in later {
            if !self.contains(&d) {
                self.push(d);
            }
        }
        None
    }
}

impl Combine for crate::model::session::Coded {
    fn combine(&mut self, later: Self) -> Option<String> {
        replace(self, later)
    }
}

impl Combine for BTreeSet<String> {
    fn combine(&mut self, later: Self) -> Option<String> {
        self.extend(later);
        None
    }
}

/// Reads a map whose keys may be written twice: entries for one key are combined and the
/// repeat is noted (see [`noting`]). Use with `#[serde(deserialize_with = "…")]`.
pub fn combining<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + Describe,
    V: Deserialize<'de> + Combine,
{
    struct Entries<K, V>(PhantomData<(K, V)>);

    impl<'de, K, V> Visitor<'de> for Entries<K, V>
    where
        K: Deserialize<'de> + Ord + Describe,
        V: Deserialize<'de> + Combine,
    {
        type Value = BTreeMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut map = BTreeMap::new();
            // Each repeated key is said once, however often it is written: how many times,
            // and what could not be kept (each loss once).
            let mut repeats: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
            while let Some((key, value)) = access.next_entry::<K, V>()? {
                match map.entry(key) {
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(value);
                    }
                    std::collections::btree_map::Entry::Occupied(mut slot) => {
                        let lost = slot.get_mut().combine(value);
                        let (count, losses) = repeats
                            .entry(slot.key().describe())
                            .or_insert((1, Vec::new()));
                        *count += 1;
                        if let Some(lost) = lost.filter(|l| !losses.contains(l)) {
                            losses.push(lost);
                        }
                    }
                }
            }
            for (what, (count, losses)) in repeats {
                let times = if count == 2 {
                    "twice".to_owned()
                } else {
                    format!("{count} times")
                };
                note(match losses.as_slice() {
                    [] => format!("{what} is written {times}; all were kept, combined"),
                    [lost] => format!("{what} is written {times}; combined, but {lost}"),
                    [first, rest @ ..] => format!(
                        "{what} is written {times}; combined, but {first} (and {} other change(s) like it)",
                        rest.len()
                    ),
                });
            }
            Ok(map)
        }
    }

    deserializer.deserialize_map(Entries(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_gathered_only_inside_noting_and_nest() {
        note("outside".into());
        let ((), outer) = noting(|| {
            note("a".into());
            let ((), inner) = noting(|| note("b".into()));
            assert_eq!(inner, vec!["b".to_owned()]);
        });
        assert_eq!(outer, vec!["a".to_owned()]);
    }
}
