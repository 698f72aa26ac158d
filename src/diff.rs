//! `pith diff`: how two cleaned documents differ — the bodies (line or word level, with
//! `similar`), the provenance fields, and a similarity ratio.
//!
//! ```
//! let extractor = pith::Extractor::builder().build();
//! let a = extractor.extract("a.txt", "The council passed the budget on Monday after a long debate.\n")?;
//! let b = extractor.extract("b.txt", "The council passed the budget on Tuesday after a long debate.\n")?;
//! let diff = pith::diff::diff(&a, &b, true);
//! assert!(!diff.identical);
//! assert!(diff.rendered.contains("[-Monday-]{+Tuesday+}"));
//! assert!(diff.ratio > 0.8);
//! # Ok::<(), pith::Error>(())
//! ```

use similar::{Algorithm, ChangeTag, TextDiff};

use crate::provenance::{FieldKind, FieldRef};
use crate::Record;

/// The difference between two records.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyDiff {
    /// Whether the two bodies are the same text.
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

/// One stretch of a word diff of `a` against `b`: words both share, words only `a` has
/// (removed), words only `b` has (added).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordChange<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// The word diff of `a` against `b`: similar's word diff (whitespace between words is a token
/// of its own) as stretches of the two texts ([`similar::utils::diff_words`]: one stretch per
/// change, so neighbouring tokens of one kind are one stretch). Both the inline word diff and
/// the HTML group view are written from it. Not `TextDiff::iter_inline_changes`: it diffs lines
/// first and marks words only inside a changed line, as a removed line and an added one, where
/// `git diff --word-diff` (and this) writes one stream in which shared words stand once.
pub(crate) fn word_changes<'a>(a: &'a str, b: &'a str) -> Vec<WordChange<'a>> {
    similar::utils::diff_words(Algorithm::Myers, a, b)
        .into_iter()
        .map(|(tag, words)| match tag {
            ChangeTag::Equal => WordChange::Same(words),
            ChangeTag::Delete => WordChange::Removed(words),
            ChangeTag::Insert => WordChange::Added(words),
        })
        .collect()
}

/// An inline word diff: removed words as `[-…-]`, added as `{+…+}` (as `git diff --word-diff`).
pub(crate) fn word_diff(a: &str, b: &str) -> String {
    let mut out = String::new();
    for change in word_changes(a, b) {
        match change {
            WordChange::Same(words) => out.push_str(words),
            WordChange::Removed(words) => {
                out.push_str("[-");
                out.push_str(words);
                out.push_str("-]");
            }
            WordChange::Added(words) => {
                out.push_str("{+");
                out.push_str(words);
                out.push_str("+}");
            }
        }
    }
    out
}

/// `(field, left, right)` for every article field ([`FieldKind::Article`]) whose values differ
/// (an unknown value is `null`), then the body hashes when they differ.
fn provenance_changes(a: &Record, b: &Record) -> Vec<(String, String, String)> {
    let shown = |f: FieldRef<'_>| f.display().map_or_else(|| "null".to_string(), |v| v.into_owned());
    let mut changes: Vec<(String, String, String)> = a
        .provenance
        .fields()
        .zip(b.provenance.fields())
        .filter(|(x, _)| x.kind == FieldKind::Article)
        .filter(|(x, y)| x.value != y.value)
        .map(|(x, y)| (x.name.to_string(), shown(x), shown(y)))
        .collect();
    let (x, y) = (&a.provenance.text_sha256, &b.provenance.text_sha256);
    if x != y {
        changes.push(("text_sha256".into(), x.clone(), y.clone()));
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_changes_list_article_fields_and_write_unknown_as_null() {
        let options = crate::Options::default();
        let page = b"The harbour reopened on Monday after three weeks of repairs to the sea wall.\n";
        let Ok(source) = crate::input::decode("a.txt", page.to_vec(), &options.read) else {
            panic!("decode");
        };
        let (mut a, mut b) = (crate::clean(&source), crate::clean(&source));
        a.provenance.authors = vec!["Doe, Jane".into(), "Roe, John".into()];
        b.provenance.authors.clear();
        // A page field (description) is merged in groups but not compared here.
        b.provenance.description = Some("A harbour.".into());
        assert_eq!(
            provenance_changes(&a, &b),
            vec![(
                "authors".to_string(),
                "Doe, Jane; Roe, John".to_string(),
                "null".to_string()
            )]
        );
    }

    #[test]
    fn word_changes_join_neighbouring_tokens_and_cover_both_texts() {
        let (a, b) = ("the old grey cat sat", "the young cat sat down");
        let changes = word_changes(a, b);
        assert_eq!(
            changes,
            vec![
                WordChange::Same("the "),
                WordChange::Removed("old grey"),
                WordChange::Added("young"),
                WordChange::Same(" cat sat"),
                WordChange::Added(" down"),
            ]
        );
        let left: String = changes
            .iter()
            .filter_map(|c| match c {
                WordChange::Same(w) | WordChange::Removed(w) => Some(*w),
                WordChange::Added(_) => None,
            })
            .collect();
        let right: String = changes
            .iter()
            .filter_map(|c| match c {
                WordChange::Same(w) | WordChange::Added(w) => Some(*w),
                WordChange::Removed(_) => None,
            })
            .collect();
        assert_eq!((left.as_str(), right.as_str()), (a, b));
        assert_eq!(word_diff(a, b), "the [-old grey-]{+young+} cat sat{+ down+}");
    }
}
