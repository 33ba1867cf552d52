//! Trains the part-of-speech tagger on a Universal Dependencies treebank and writes the model
//! Briefing bundles (`assets/grammar/tagger.bin`).
//!
//! ```sh
//! cargo run --release --bin train-tagger -- TRAIN.conllu DEV.conllu TEST.conllu OUT.bin
//! ```
//!
//! English EWT's training file is too large for some mirrors; `tools/ewt-train.sh` puts it
//! together from the treebank's per-document sources.

use briefing::analysis::grammar::tagger;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [train, dev, test, out] = &args[..] else {
        eprintln!("usage: train-tagger TRAIN.conllu DEV.conllu TEST.conllu OUT.bin");
        return ExitCode::from(2);
    };
    let read = |path: &str| -> Result<Vec<tagger::Tagged>, String> {
        std::fs::read_to_string(path)
            .map(|t| tagger::read_conllu(&t))
            .map_err(|e| format!("{path}: {e}"))
    };
    let (train, dev, test) = match (read(train), read(dev), read(test)) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            eprintln!("train-tagger: {e}");
            return ExitCode::from(1);
        }
    };
    let epochs: usize = std::env::var("EPOCHS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(10);
    let min_count: u32 = std::env::var("MIN_COUNT")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(1);
    let min_weight: f32 = std::env::var("MIN_WEIGHT")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(0.02);
    let words: usize = train.iter().map(|(w, _)| w.len()).sum();
    eprintln!(
        "training on {} sentences, {words} words, {epochs} passes",
        train.len()
    );
    let model = tagger::train(&train, epochs, 0x5eed, min_count, min_weight);
    let bytes = model.write();
    let Some(back) = tagger::Tagger::read(&bytes) else {
        eprintln!("train-tagger: the written model does not read back");
        return ExitCode::from(1);
    };
    for (name, set) in [("dev", &dev), ("test", &test)] {
        let (right, all) = tagger::accuracy(&back, set);
        println!(
            "{name}: {right}/{all} = {:.2} %",
            100.0 * right as f64 / all as f64
        );
    }
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("train-tagger: {out}: {e}");
        return ExitCode::from(1);
    }
    println!("model: {} bytes", bytes.len());
    ExitCode::SUCCESS
}
