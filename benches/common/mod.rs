//! Shared by the benchmarks: a large corpus generated from our own sample articles.

use briefing::{load, parse};
use std::fmt::Write as _;
use std::path::Path;

/// The sample articles in assets/samples the corpus is made of.
pub const SAMPLES: &[&str] = &[
    "seed-article.txt",
    "fisheries-quota.txt",
    "grain-corridor.md",
    "climate-finance.html",
    "gas-transit-ru.txt",
];

/// Names swapped in and out, so the corpus is not one article repeated.
const SWAPS: &[(&str, &str)] = &[
    ("Russia", "Turkey"),
    ("Moscow", "Ankara"),
    ("Norway", "Poland"),
    ("Oslo", "Warsaw"),
    ("China", "Japan"),
    ("Beijing", "Tokyo"),
    ("India", "Egypt"),
    ("Zelensky", "Dahl"),
    ("Miami", "Geneva"),
    ("Washington", "Brussels"),
];

/// The sample articles as plain text (title, blank line, body), ready to be repeated.
pub fn sample_pieces() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    SAMPLES
        .iter()
        .map(|name| {
            let loaded = load::load_file(&root.join(name)).expect("sample loads");
            let article = parse::parse(&loaded);
            let title = article.title.clone().unwrap_or_default();
            format!("{title}\n\n{}\n\n", article.text)
        })
        .collect()
}

/// A corpus of at least `target` bytes: the samples over and over, each copy varied (numbers,
/// paragraph order, and with `swap_names` the actors too).
pub fn generate(pieces: &[String], target: usize, swap_names: bool) -> Vec<u8> {
    let mut out = String::with_capacity(target + 8192);
    let mut round = 0usize;
    while out.len() < target {
        for (k, piece) in pieces.iter().enumerate() {
            let mut text = piece.clone();
            let (from, to) = SWAPS[(round + k) % SWAPS.len()];
            if swap_names && round % 2 == 1 {
                text = text.replace(from, to);
            }
            // Reorder paragraphs by rotating them.
            let paras: Vec<&str> = text.split("\n\n").collect();
            let shift = round % paras.len().max(1);
            let rotated = paras[shift..]
                .iter()
                .chain(&paras[..shift])
                .copied()
                .collect::<Vec<_>>()
                .join("\n\n");
            // Vary the numbers.
            let varied: String = rotated
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_digit((d + round as u32) % 10, 10).unwrap_or(c),
                    None => c,
                })
                .collect();
            let _ = write!(out, "Bulletin {round}-{k}\n\n");
            out.push_str(&varied);
            out.push_str("\n\n");
        }
        round += 1;
    }
    out.into_bytes()
}
