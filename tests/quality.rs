//! The quality floors, out of fold: every benchmark page is cleaned with the models trained
//! without its fold (`bench/folds.tsv`, `data/model/cv/fold<K>/`), as `pith eval --cv` does, so
//! the floors measure pages the models have not seen. F1 must not drop more than 0.01 below
//! the figure reached (HTML: 0.005). Needs `../shared/bench`: `cargo test --release --features
//! bench` (`.ci/bench-check`).
#![cfg(feature = "bench")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

/// Reached out-of-fold F1 minus the margin. Raise these when pith gets better; never lower
/// them to pass.
const FLOOR_TXT: f64 = 0.912;
const FLOOR_MD: f64 = 0.916;
const FLOOR_HTML: f64 = 0.973;
/// WCXB, word F1 over all 1,497 pages of seven types (HTML).
const FLOOR_WCXB_HTML: f64 = 0.851;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bench_dir(set: &str) -> PathBuf {
    let dir = root().join("../shared/bench").join(set);
    assert!(
        dir.join("ground-truth.json").exists(),
        "the benchmark pages are expected at {} (read-only data beside the checkout)",
        dir.display()
    );
    dir
}

/// Each page's fold, for one set.
fn folds(set: &str) -> BTreeMap<String, usize> {
    let raw =
        std::fs::read_to_string(root().join("bench/folds.tsv")).unwrap_or_else(|e| panic!("bench/folds.tsv: {e}"));
    raw.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            match cols.as_slice() {
                [s, id, _, fold] if *s == set => Some((id.to_string(), fold.parse().ok()?)),
                _ => None,
            }
        })
        .collect()
}

fn out_of_fold(set: &str, folder: &str, ext: &str, words: bool) -> f64 {
    let dir = bench_dir(set);
    let raw = std::fs::read_to_string(dir.join("ground-truth.json")).unwrap_or_default();
    let gold: BTreeMap<String, serde_json::Value> = serde_json::from_str(&raw).unwrap_or_default();
    let folds = folds(set);
    let options: BTreeMap<usize, pith::Options> = (0..5)
        .map(|k| {
            let models = pith::classify::model::Models::from_dir(&root().join(format!("data/model/cv/fold{k}")))
                .unwrap_or_else(|e| panic!("{e}"));
            let mut options = pith::Options::default();
            options.models = Some(Arc::new(models));
            (k, options)
        })
        .collect();
    let docs: BTreeMap<String, (String, String)> = gold
        .par_iter()
        .map(|(id, value)| {
            let path = dir.join(folder).join(format!("{id}.{ext}"));
            let fold = folds.get(id).unwrap_or_else(|| panic!("{id} is in no fold"));
            let body = pith::clean_path(Path::new(&path), &options[fold])
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
    assert_eq!(docs.len(), gold.len());
    if words {
        pith::eval::score_words(&docs).0.f1
    } else {
        pith::eval::score_shingles(&docs).0.f1
    }
}

#[test]
fn text_dumps_stay_above_the_floor() {
    let f1 = out_of_fold("scrapinghub", "txt", "txt", false);
    assert!(
        f1 >= FLOOR_TXT,
        "out-of-fold F1 on txt dumps fell to {f1} (floor {FLOOR_TXT})"
    );
}

#[test]
fn markdown_dumps_stay_above_the_floor() {
    let f1 = out_of_fold("scrapinghub", "md", "md", false);
    assert!(
        f1 >= FLOOR_MD,
        "out-of-fold F1 on md dumps fell to {f1} (floor {FLOOR_MD})"
    );
}

#[test]
fn html_pages_stay_above_the_floor() {
    let f1 = out_of_fold("scrapinghub", "html", "html.gz", false);
    assert!(
        f1 >= FLOOR_HTML,
        "out-of-fold F1 on HTML pages fell to {f1} (floor {FLOOR_HTML})"
    );
}

#[test]
fn wcxb_html_pages_stay_above_the_floor() {
    let f1 = out_of_fold("wcxb", "html", "html.gz", true);
    assert!(
        f1 >= FLOOR_WCXB_HTML,
        "out-of-fold word F1 on WCXB HTML fell to {f1} (floor {FLOOR_WCXB_HTML})"
    );
}
