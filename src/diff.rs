//! `pith diff`: how two cleaned documents differ — the bodies (line or word level, with
//! `similar`), the provenance fields, and a similarity ratio.

use similar::{ChangeTag, TextDiff};

use crate::Record;

/// The difference between two records.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyDiff {
    pub identical: bool,
    /// Similarity of the two bodies, 0.0–1.0 ([`word_similarity`]).
    pub ratio: f32,
    /// A unified diff of the bodies (`--words`: an inline word diff), empty when identical.
    pub rendered: String,
    /// `(field, left, right)` for every provenance field whose values differ.
    pub provenance: Vec<(String, String, String)>,
}

/// How alike two bodies are, 0.0–1.0: similar's ratio (matched share) over their words alone,
/// in order. Whitespace and punctuation are not tokens, so two texts in different scripts share
/// nothing (over whitespace-split tokens an English and a Russian text scored 0.42).
pub fn word_similarity(a: &str, b: &str) -> f32 {
    let (a, b) = (crate::eval::tokens(a), crate::eval::tokens(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    TextDiff::from_slices(&a, &b).ratio()
}

/// Compares two records; `words` asks for an inline word diff instead of a line diff.
pub fn diff(a: &Record, b: &Record, words: bool) -> BodyDiff {
    let identical = a.text == b.text;
    let ratio = word_similarity(&a.text, &b.text);
    let rendered = if identical {
        String::new()
    } else if words {
        word_diff(&a.text, &b.text)
    } else {
        TextDiff::from_lines(&a.text, &b.text)
            .unified_diff()
            .context_radius(2)
            .header(&a.source, &b.source)
            .to_string()
    };
    BodyDiff {
        identical,
        ratio,
        rendered,
        provenance: provenance_changes(a, b),
    }
}

/// An inline word diff: removed words as `[-…-]`, added as `{+…+}` (as `git diff --word-diff`).
pub fn word_diff(a: &str, b: &str) -> String {
    let diff = TextDiff::from_words(a, b);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Equal => out.push_str(value),
            ChangeTag::Delete => {
                out.push_str("[-");
                out.push_str(value);
                out.push_str("-]");
            }
            ChangeTag::Insert => {
                out.push_str("{+");
                out.push_str(value);
                out.push_str("+}");
            }
        }
    }
    out.replace("-][-", "").replace("+}{+", "")
}

fn provenance_changes(a: &Record, b: &Record) -> Vec<(String, String, String)> {
    let fields = |r: &Record| -> Vec<(&'static str, String)> {
        let p = &r.provenance;
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "null".into());
        vec![
            ("title", opt(&p.title)),
            ("authors", p.authors.join(", ")),
            ("published", opt(&p.published)),
            ("url", opt(&p.url)),
            ("host", opt(&p.host)),
            ("outlet", opt(&p.outlet)),
            ("section", opt(&p.section)),
            ("language", opt(&p.language)),
            ("text_sha256", p.text_sha256.clone()),
        ]
    };
    fields(a)
        .into_iter()
        .zip(fields(b))
        .filter(|((_, x), (_, y))| x != y)
        .map(|((name, x), (_, y))| (name.to_string(), x, y))
        .collect()
}
