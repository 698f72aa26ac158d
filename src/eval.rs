//! `pith eval`: the article-extraction benchmark's metric (word 4-shingles, as in
//! `bench/score.py`) and WCXB's bag-of-words metric, over a gold file and a folder of pages.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The largest gold file read: WCXB's 1,497 pages take 16 MB (a corpus 16 times larger fits); a file past this is no gold
/// file (and would be held whole).
const MAX_GOLD_BYTES: u64 = 256 << 20;

/// A gold file (`{id: {"articleBody": ...}}`) and the page of each of its ids in a folder.
#[derive(Debug, Clone, Default)]
pub struct GoldSet {
    pub gold: BTreeMap<String, serde_json::Value>,
    /// The page of each id that has one (`<id>.*` in the folder).
    pub pages: BTreeMap<String, PathBuf>,
}

impl GoldSet {
    /// Reads the gold file and finds each id's page in `dir`. A gold file none of whose ids has
    /// a page is refused: scoring it would report F1 0 for what is a wrong folder or file.
    pub fn read(gold_path: &Path, dir: &Path) -> crate::Result<GoldSet> {
        let raw = crate::input::read_text_within(gold_path, MAX_GOLD_BYTES, "a gold file")?;
        let bad_gold = |cause: String| crate::Error::BadGold {
            path: gold_path.to_path_buf(),
            cause,
        };
        let gold: BTreeMap<String, serde_json::Value> =
            serde_json::from_str(&raw).map_err(|e| bad_gold(e.to_string()))?;
        // A body that is not a string would be scored as an empty gold, silently.
        if let Some((id, _)) = gold
            .iter()
            .find(|(_, v)| !v.get("articleBody").is_some_and(serde_json::Value::is_string))
        {
            return Err(bad_gold(format!("id {id:?} has no \"articleBody\" string")));
        }
        let entries = std::fs::read_dir(dir).map_err(|cause| crate::Error::Read {
            source_name: dir.display().to_string(),
            cause,
        })?;
        let mut names: Vec<(String, PathBuf)> = entries
            .flatten()
            .map(|entry| (entry.file_name().to_string_lossy().into_owned(), entry.path()))
            .collect();
        names.sort();
        // A page is `<id>.<ext>`, and an id may hold dots itself (`story.2024.html`): each
        // name before one of its dots is a candidate id; a gold id given two pages is refused.
        let mut pages: BTreeMap<String, PathBuf> = BTreeMap::new();
        for (name, path) in names {
            for (at, _) in name.match_indices('.').filter(|(at, _)| *at > 0) {
                let id = &name[..at];
                if !gold.contains_key(id) {
                    continue;
                }
                if let Some(first) = pages.get(id) {
                    return Err(bad_gold(format!(
                        "id {id:?} has two pages in {}: {} and {}; keep one",
                        dir.display(),
                        first.display(),
                        path.display()
                    )));
                }
                pages.insert(id.to_string(), path.clone());
            }
        }
        if !gold.keys().any(|id| pages.contains_key(id)) {
            return Err(crate::Error::NoPages {
                gold: gold_path.to_path_buf(),
                dir: dir.to_path_buf(),
                ids: gold.len(),
            });
        }
        Ok(GoldSet { gold, pages })
    }

    /// The gold body of `id` (empty when it has none).
    pub fn body(&self, id: &str) -> &str {
        self.gold
            .get(id)
            .and_then(|v| v.get("articleBody"))
            .and_then(|v| v.as_str())
            .unwrap_or("")
    }
}

/// Scores for a set of documents, the same figures `score.py` prints.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Summary {
    pub n: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<f64>,
}

/// Per-document precision and recall (and F1 for the words metric).
#[derive(Debug, Clone, PartialEq)]
pub struct DocScore {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Python's `\w+` tokens: runs of letters, digits and underscores.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < 4 {
        *counts.entry(tokens).or_insert(0) += 1;
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// Normalised true positives, false positives and false negatives of one document.
fn tp_fp_fn(gold: &str, pred: &str) -> (f64, f64, f64) {
    let (gt, pt) = (tokens(gold), tokens(pred));
    let (g, p) = (shingles(&gt), shingles(&pt));
    let mut tp = 0usize;
    for (k, gc) in &g {
        tp += (*gc).min(p.get(k).copied().unwrap_or(0));
    }
    let fp = p.values().sum::<usize>() - tp;
    let fn_ = g.values().sum::<usize>() - tp;
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
    }
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// The shingle metric over `{id: (gold, prediction)}`.
pub fn score_shingles(docs: &BTreeMap<String, (String, String)>) -> (Summary, Vec<DocScore>) {
    let mut ps = Vec::new();
    let mut rs = Vec::new();
    let mut rows = Vec::new();
    let mut exact = 0usize;
    for (id, (gold, pred)) in docs {
        let (tp, fp, fn_) = tp_fp_fn(gold, pred);
        let precision = if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        };
        let recall = if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        };
        if tp + fp > 0.0 {
            ps.push(precision);
        }
        if tp + fn_ > 0.0 {
            rs.push(recall);
        }
        if tokens(gold) == tokens(pred) {
            exact += 1;
        }
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        rows.push(DocScore {
            id: id.clone(),
            precision,
            recall,
            f1,
        });
    }
    let p = mean(&ps);
    let r = mean(&rs);
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    let n = docs.len();
    let summary = Summary {
        n,
        precision: round4(p),
        recall: round4(r),
        f1: round4(f1),
        accuracy: Some(round4(exact as f64 / n.max(1) as f64)),
    };
    (summary, rows)
}

/// WCXB's metric: bag-of-words precision, recall and F1 per document (lower-cased), averaged.
pub fn score_words(docs: &BTreeMap<String, (String, String)>) -> (Summary, Vec<DocScore>) {
    let mut rows = Vec::new();
    for (id, (gold, pred)) in docs {
        let bag = |t: &str| {
            let mut m: HashMap<String, usize> = HashMap::new();
            for tok in tokens(t) {
                *m.entry(tok.to_lowercase()).or_insert(0) += 1;
            }
            m
        };
        let (g, p) = (bag(gold), bag(pred));
        let (precision, recall, f1) = if g.is_empty() {
            if p.is_empty() {
                (1.0, 1.0, 1.0)
            } else {
                (0.0, 0.0, 0.0)
            }
        } else if p.is_empty() {
            (0.0, 0.0, 0.0)
        } else {
            let overlap: usize = g.iter().map(|(k, c)| (*c).min(p.get(k).copied().unwrap_or(0))).sum();
            let pr = overlap as f64 / p.values().sum::<usize>() as f64;
            let rc = overlap as f64 / g.values().sum::<usize>() as f64;
            (pr, rc, if pr + rc > 0.0 { 2.0 * pr * rc / (pr + rc) } else { 0.0 })
        };
        rows.push(DocScore {
            id: id.clone(),
            precision,
            recall,
            f1,
        });
    }
    let n = rows.len().max(1) as f64;
    let avg = |f: fn(&DocScore) -> f64| round4(rows.iter().map(f).sum::<f64>() / n);
    let summary = Summary {
        n: rows.len(),
        precision: avg(|d| d.precision),
        recall: avg(|d| d.recall),
        f1: avg(|d| d.f1),
        accuracy: None,
    };
    (summary, rows)
}

/// How much of each block the gold text holds: the share of the block's words that an
/// alignment of the page's words with the gold's words matches (0–1). The labels of the block
/// model. Words are aligned in order (a patience diff, bounded in work and so the same on every
/// machine: `text::myers::patience`), so a "Share" that the gold also says in its third
/// paragraph does not make the share bar content.
pub fn block_labels(gold: &str, blocks: &[crate::segment::Block]) -> Vec<f32> {
    let gold_tokens: Vec<String> = tokens(gold).iter().map(|t| t.to_lowercase()).collect();
    let mut page_tokens: Vec<String> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        for t in tokens(&block.text) {
            page_tokens.push(t.to_lowercase());
            owner.push(i);
        }
    }
    let mut matched = vec![0usize; blocks.len()];
    for op in crate::text::myers::patience(&gold_tokens, &page_tokens) {
        if let similar::DiffOp::Equal { new_index, len, .. } = op {
            for j in new_index..new_index + len {
                if let Some(slot) = owner.get(j).and_then(|b| matched.get_mut(*b)) {
                    *slot += 1;
                }
            }
        }
    }
    let mut totals = vec![0usize; blocks.len()];
    for b in &owner {
        if let Some(slot) = totals.get_mut(*b) {
            *slot += 1;
        }
    }
    matched
        .iter()
        .zip(&totals)
        .map(|(m, t)| if *t == 0 { 0.0 } else { *m as f32 / *t as f32 })
        .collect()
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn docs(pairs: &[(&str, &str)]) -> BTreeMap<String, (String, String)> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, (g, p))| (i.to_string(), (g.to_string(), p.to_string())))
            .collect()
    }

    #[test]
    fn identical_text_scores_one() {
        let (s, _) = score_shingles(&docs(&[("one two three four five", "one two three four five")]));
        assert_eq!((s.precision, s.recall, s.f1, s.accuracy), (1.0, 1.0, 1.0, Some(1.0)));
    }

    #[test]
    fn extra_words_cost_precision() {
        // gold shingles: 2; pred: 4 (2 shared) → tp=2, fp=2, fn=0 → P=0.5, R=1.
        let (s, _) = score_shingles(&docs(&[("a b c d e", "a b c d e f g")]));
        assert_eq!((s.precision, s.recall), (0.5, 1.0));
    }

    #[test]
    fn labels_follow_the_alignment() {
        let text = "Share\n\nThe minister said on Monday that talks would go on.\n\nRead more\n";
        let source = crate::input::decode("t.txt", text.as_bytes().to_vec(), &Default::default()).unwrap();
        let blocks = crate::segment::segment(&source, None);
        let labels = block_labels("The minister said on Monday that talks would go on.", &blocks);
        assert_eq!(labels, vec![0.0, 1.0, 0.0]);
    }

    #[test]
    fn words_metric() {
        let (s, _) = score_words(&docs(&[("A b c d", "a b x y")]));
        assert_eq!((s.precision, s.recall, s.f1), (0.5, 0.5, 0.5));
    }
}
