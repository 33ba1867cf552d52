//! Main-text extraction from saved news pages, scored against the expected text of each page.
//!
//! The pages are the public article-extraction benchmark (181 real news pages with the article
//! text a person marked on each). They are someone else's copyrighted pages and are never part of
//! this repository; fetch them first:
//!
//! ```sh
//! git clone https://github.com/scrapinghub/article-extraction-benchmark /tmp/aeb
//! cargo bench --bench extraction -- /tmp/aeb [--peer PEER.json]... [--worst N] [--show ID]
//! ```
//!
//! For every page named in `ground-truth.json` the page (`html/ID.html`, or `html/ID.html.gz`
//! un-gzipped by `gzip -dc` before any clock starts) goes through what the app does with a
//! saved page, `load::load_bytes` then `parse::parse`, and the article text is compared with the
//! expected `articleBody` as bags of words (lower case, split at every character that is not a
//! letter or digit): recall is the share of expected words found, counted with repetition;
//! precision the share of our words that were expected.
//!
//! The title is right when the ground truth has a `headline` and ours equals it (same words).
//! This benchmark has no headlines, only each page's `url`; its slug
//! (`/2019/11/ports-reopen-after-talks-123`) is then the check: at least two thirds of the slug's
//! words (three or more of them, numbers left out) must be words of our title. It catches a
//! site name or another story's headline taken as the title; it says nothing of a title with the
//! site name appended.
//!
//! Time: one warm-up pass over all pages, then the median of five passes, in-process.
//! `--peer FILE` scores another extractor's output the same way: a JSON object with `tool`,
//! `extract_secs` and `pages: {ID: {title, text}}`, as written by `tools/peer-trafilatura.py`.

use briefing::load;
use briefing::parse;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Page {
    id: String,
    html: Vec<u8>,
    body: String,
    headline: Option<String>,
    url: Option<String>,
}

#[derive(Default, Clone)]
struct Extracted {
    title: Option<String>,
    text: String,
}

struct Score {
    recall: f64,
    precision: f64,
    /// `None` when the page gives nothing to check the title against.
    title_right: Option<bool>,
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let mut folder = None;
    let mut peers = Vec::new();
    let mut worst = 10;
    let mut show = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--peer" => peers.push(PathBuf::from(args.next().expect("--peer FILE"))),
            "--worst" => worst = args.next().and_then(|n| n.parse().ok()).expect("--worst N"),
            "--show" => show = args.next(),
            _ => folder = Some(PathBuf::from(arg)),
        }
    }
    let Some(folder) = folder else {
        eprintln!(
            "usage: cargo bench --bench extraction -- BENCHMARK_DIR [--peer PEER.json]... \
             [--worst N] [--show ID]\n\
             BENCHMARK_DIR: git clone https://github.com/scrapinghub/article-extraction-benchmark"
        );
        return;
    };
    let pages = read_pages(&folder);
    println!(
        "extraction benchmark: {} pages from {}",
        pages.len(),
        folder.display()
    );

    let (ours, median) = run_ours(&pages);
    if let Some(id) = &show
        && let Some(i) = pages.iter().position(|p| p.id.starts_with(id.as_str()))
    {
        let e = &ours[i];
        println!("--- {} title: {:?}\n{}\n---", pages[i].id, e.title, e.text);
    }
    let per_page = median.as_secs_f64() / pages.len() as f64;
    summarise("briefing (load + parse)", &pages, &ours, per_page, worst);
    for path in &peers {
        let (tool, secs, extracted) = read_peer(path, &pages);
        summarise(&tool, &pages, &extracted, secs / pages.len() as f64, worst);
    }
}

fn read_pages(folder: &Path) -> Vec<Page> {
    let truth_path = folder.join("ground-truth.json");
    let truth: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(
        &std::fs::read(&truth_path).unwrap_or_else(|e| panic!("{}: {e}", truth_path.display())),
    )
    .expect("ground-truth.json is a JSON object");
    let mut pages: Vec<Page> = truth
        .into_iter()
        .map(|(id, v)| {
            let field = |k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_owned);
            let html = read_html(folder, &id);
            Page {
                body: field("articleBody").unwrap_or_default(),
                headline: field("headline"),
                url: field("url"),
                html,
                id,
            }
        })
        .collect();
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    pages
}

fn read_html(folder: &Path, id: &str) -> Vec<u8> {
    let plain = folder.join("html").join(format!("{id}.html"));
    if let Ok(bytes) = std::fs::read(&plain) {
        return bytes;
    }
    let gz = folder.join("html").join(format!("{id}.html.gz"));
    let out = Command::new("gzip")
        .arg("-dc")
        .arg(&gz)
        .output()
        .unwrap_or_else(|e| panic!("gzip -dc {}: {e}", gz.display()));
    assert!(out.status.success(), "gzip -dc {} failed", gz.display());
    out.stdout
}

/// Runs our extraction over every page: the results, and the median time of a pass.
fn run_ours(pages: &[Page]) -> (Vec<Extracted>, Duration) {
    let once = |page: &Page| -> Extracted {
        let path = PathBuf::from(format!("{}.html", page.id));
        match load::load_bytes(&path, page.html.clone()) {
            Ok(loaded) => {
                let article = parse::parse(&loaded);
                Extracted {
                    title: article.title,
                    text: article.text,
                }
            }
            Err(e) => {
                eprintln!("{}: {e}", page.id);
                Extracted::default()
            }
        }
    };
    let results: Vec<Extracted> = pages.iter().map(once).collect();
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            for page in pages {
                std::hint::black_box(once(page));
            }
            start.elapsed()
        })
        .collect();
    times.sort();
    (results, times[2])
}

fn read_peer(path: &Path, pages: &[Page]) -> (String, f64, Vec<Extracted>) {
    let v: serde_json::Value = serde_json::from_slice(
        &std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .expect("peer output is JSON");
    let tool = v["tool"].as_str().unwrap_or("peer").to_owned();
    let secs = v["extract_secs"].as_f64().unwrap_or(f64::NAN);
    let extracted = pages
        .iter()
        .map(|p| {
            let e = &v["pages"][&p.id];
            Extracted {
                title: e["title"].as_str().map(str::to_owned),
                text: e["text"].as_str().unwrap_or("").to_owned(),
            }
        })
        .collect();
    (tool, secs, extracted)
}

/// Prints the means, medians and the pages with the lowest recall.
fn summarise(
    name: &str,
    pages: &[Page],
    extracted: &[Extracted],
    secs_per_page: f64,
    worst: usize,
) {
    let scores: Vec<Score> = pages
        .iter()
        .zip(extracted)
        .map(|(p, e)| score(p, e))
        .collect();
    let recall: Vec<f64> = scores.iter().map(|s| s.recall).collect();
    let precision: Vec<f64> = scores.iter().map(|s| s.precision).collect();
    let titles: Vec<bool> = scores.iter().filter_map(|s| s.title_right).collect();
    let right = titles.iter().filter(|&&r| r).count();
    let at_least = recall.iter().filter(|&&r| r >= 0.95).count();
    println!("\n{name}");
    println!(
        "  word recall     mean {:.3}  median {:.3}  (pages at >= 0.95: {at_least}/{})",
        mean(&recall),
        median(&recall),
        pages.len()
    );
    println!(
        "  word precision  mean {:.3}  median {:.3}",
        mean(&precision),
        median(&precision)
    );
    println!(
        "  title right     {right}/{} ({:.3}) of the pages with a headline or a url slug to check",
        titles.len(),
        right as f64 / titles.len().max(1) as f64
    );
    println!(
        "  time            {:.2} ms per page, {:.0} pages/s",
        secs_per_page * 1000.0,
        1.0 / secs_per_page
    );
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| recall[a].total_cmp(&recall[b]));
    println!("  lowest recall:");
    for &i in order.iter().take(worst) {
        println!(
            "    {} recall {:.3} precision {:.3} title {:?} {}",
            &pages[i].id[..12],
            recall[i],
            precision[i],
            extracted[i].title.as_deref().unwrap_or("-"),
            pages[i].url.as_deref().unwrap_or("")
        );
    }
    let wrong_titles: Vec<usize> = (0..pages.len())
        .filter(|&i| scores[i].title_right == Some(false))
        .collect();
    println!("  titles that fail the check: {}", wrong_titles.len());
    for &i in wrong_titles.iter().take(worst) {
        println!(
            "    {} {:?} {}",
            &pages[i].id[..12],
            extracted[i].title.as_deref().unwrap_or("-"),
            pages[i].url.as_deref().unwrap_or("")
        );
    }
}

/// Lower-case words: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn bag(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in words(text) {
        *bag.entry(w).or_insert(0) += 1;
    }
    bag
}

fn score(page: &Page, got: &Extracted) -> Score {
    let expected = bag(&page.body);
    let ours = bag(&got.text);
    let shared: usize = expected
        .iter()
        .map(|(w, n)| (*n).min(ours.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |b: &HashMap<String, usize>| b.values().sum::<usize>();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let (n_expected, n_ours) = (total(&expected), total(&ours));
    Score {
        recall: ratio(shared, n_expected),
        precision: if n_ours == 0 && n_expected > 0 {
            0.0
        } else {
            ratio(shared, n_ours)
        },
        title_right: title_right(page, got.title.as_deref()),
    }
}

fn title_right(page: &Page, title: Option<&str>) -> Option<bool> {
    let title = words(title.unwrap_or(""));
    if let Some(headline) = &page.headline {
        return Some(words(headline) == title);
    }
    let slug = slug_words(page.url.as_deref()?)?;
    let found = slug.iter().filter(|w| title.contains(w)).count();
    Some(found * 3 >= slug.len() * 2)
}

/// The words of the url's slug: the path segment with the most words joined by `-` or `_`,
/// numbers left out; `None` when no segment has three.
fn slug_words(url: &str) -> Option<Vec<String>> {
    let path = url.split("://").nth(1).unwrap_or(url);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.split('/')
        .skip(1)
        .map(|seg| {
            let seg = seg.split('.').next().unwrap_or(seg);
            seg.split(['-', '_'])
                .map(str::to_lowercase)
                .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 3)
        .max_by_key(Vec::len)
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => f64::midpoint(v[n / 2 - 1], v[n / 2]),
    }
}
