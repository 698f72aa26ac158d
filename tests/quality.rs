//! The quality floor: F1 on the benchmark's whole-page text and markdown dumps must not drop
//! more than 0.01 below what pith reached when the floor was last raised, and on its HTML pages
//! not more than 0.005. The pages live in `../shared/bench` (read-only data next to the checkout,
//! there in CI too).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Reached F1 minus 0.01. Raise these when pith gets better; never lower them to pass.
const FLOOR_TXT: f64 = 0.910;
const FLOOR_MD: f64 = 0.913;
const FLOOR_HTML: f64 = 0.968;

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/scrapinghub")
}

fn f1_on(folder: &str, ext: &str) -> f64 {
    let dir = bench_dir();
    let raw = std::fs::read_to_string(dir.join("ground-truth.json"))
        .unwrap_or_else(|e| panic!("the benchmark is missing at {}: {e}", dir.display()));
    let gold: BTreeMap<String, serde_json::Value> = serde_json::from_str(&raw).unwrap_or_default();
    let docs: BTreeMap<String, (String, String)> = gold
        .par_iter()
        .map(|(id, value)| {
            let path = dir.join(folder).join(format!("{id}.{ext}"));
            let body = pith::clean_path(Path::new(&path), &pith::Options::default())
                .map(|r| r.text)
                .unwrap_or_default();
            let expected = value
                .get("articleBody")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            (id.clone(), (expected, body))
        })
        .collect();
    assert_eq!(docs.len(), 181);
    pith::eval::score_shingles(&docs).0.f1
}

#[test]
fn text_dumps_stay_above_the_floor() {
    let f1 = f1_on("txt", "txt");
    assert!(f1 >= FLOOR_TXT, "F1 on txt dumps fell to {f1} (floor {FLOOR_TXT})");
}

#[test]
fn markdown_dumps_stay_above_the_floor() {
    let f1 = f1_on("md", "md");
    assert!(f1 >= FLOOR_MD, "F1 on md dumps fell to {f1} (floor {FLOOR_MD})");
}

#[test]
fn html_pages_stay_above_the_floor() {
    let f1 = f1_on("html", "html.gz");
    assert!(f1 >= FLOOR_HTML, "F1 on HTML pages fell to {f1} (floor {FLOOR_HTML})");
}
