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

use std::fmt::Write as _;
use std::ops::Range;

use similar::udiff::UnifiedHunkHeader;
use similar::{DiffOp, DiffTag, DiffableStr};

use crate::provenance::{FieldKind, FieldRef};
use crate::text::myers;
use crate::Record;

pub use crate::text::myers::DIFF_WORK;

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
    /// Whether the bodies were too long and too different to compare exactly in [`DIFF_WORK`]:
    /// then some changed stretches are shown whole, and `ratio` is a lower bound.
    pub coarse: bool,
}

/// How alike two bodies are ([`similarity`]), and whether that is exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// The matched share of the two bodies' words, 0.0–1.0.
    pub ratio: f32,
    /// Whether the bodies were too long and too different to align exactly in [`DIFF_WORK`]:
    /// then `ratio` is what a coarser alignment matches, a lower bound.
    pub coarse: bool,
}

/// How alike two bodies are, 0.0–1.0: [`similarity`]'s ratio.
pub fn word_similarity(a: &str, b: &str) -> f32 {
    similarity(a, b).ratio
}

/// How alike two bodies are: similar's ratio (matched share) over their words alone, in order.
/// Whitespace and punctuation are not tokens, so two texts in different scripts share nothing
/// (over whitespace-split tokens an English and a Russian text scored 0.42). Bounded: past
/// [`DIFF_WORK`] the ratio is a coarse one, and says so.
pub fn similarity(a: &str, b: &str) -> Similarity {
    let (left, right) = (crate::eval::tokens(a), crate::eval::tokens(b));
    if left.is_empty() && right.is_empty() {
        return Similarity {
            ratio: 1.0,
            coarse: false,
        };
    }
    let found = myers::diff(&left, &right);
    Similarity {
        ratio: myers::ratio(&found.ops, left.len(), right.len()),
        coarse: found.coarse,
    }
}

/// Compares two records; `words` asks for an inline word diff instead of a line diff.
pub fn diff(a: &Record, b: &Record, words: bool) -> BodyDiff {
    let identical = a.text == b.text;
    let similarity = similarity(&a.text, &b.text);
    let (rendered, coarse) = if identical {
        (String::new(), false)
    } else if words {
        let changes = word_changes(&a.text, &b.text);
        (inline(&changes.changes), changes.coarse)
    } else {
        unified(&a.text, &b.text, 2, Some((&a.source, &b.source)))
    };
    BodyDiff {
        identical,
        ratio: similarity.ratio,
        rendered,
        provenance: provenance_changes(a, b),
        coarse: coarse || similarity.coarse,
    }
}

/// A unified diff of the lines of `a` and `b` with `radius` lines of context around each
/// change, written as similar's `UnifiedDiff` writes one (`header`: the `---` and `+++` names),
/// and whether it is coarse (past [`DIFF_WORK`]: some changed stretches of lines whole).
pub(crate) fn unified(a: &str, b: &str, radius: usize, header: Option<(&str, &str)>) -> (String, bool) {
    let (old, new) = (a.tokenize_lines(), b.tokenize_lines());
    let found = myers::diff(&old, &new);
    let mut out = String::new();
    let mut header = header;
    for hunk in similar::group_diff_ops(found.ops, radius) {
        if hunk.is_empty() {
            continue;
        }
        if let Some((x, y)) = header.take() {
            let _ = writeln!(out, "--- {x}\n+++ {y}");
        }
        let _ = writeln!(out, "{}", UnifiedHunkHeader::new(&hunk));
        for change in hunk.iter().flat_map(|op| op.iter_changes(&old, &new)) {
            let _ = write!(out, "{}{}", change.tag(), change.value());
            if change.missing_newline() {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    (out, found.coarse)
}

/// One stretch of a word diff of `a` against `b`: words both share, words only `a` has
/// (removed), words only `b` has (added).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordChange<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// A word diff: its stretches, and whether it is coarse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordChanges<'a> {
    /// They cover both texts: the same and removed stretches make `a`, the same and added `b`.
    pub(crate) changes: Vec<WordChange<'a>>,
    /// Whether `a` and `b` were too long and too different for an exact diff in [`DIFF_WORK`]:
    /// then some changed stretches are whole though parts of them match.
    pub(crate) coarse: bool,
}

impl WordChanges<'_> {
    /// Words (tokens with a letter or a digit) the added stretches hold, and the removed ones.
    pub(crate) fn words_added_removed(&self) -> (usize, usize) {
        let words = |text: &str| {
            text.tokenize_words()
                .into_iter()
                .filter(|t| t.chars().any(char::is_alphanumeric))
                .count()
        };
        self.changes
            .iter()
            .fold((0, 0), |(added, removed), change| match change {
                WordChange::Same(_) => (added, removed),
                WordChange::Added(text) => (added + words(text), removed),
                WordChange::Removed(text) => (added, removed + words(text)),
            })
    }
}

/// The word diff of `a` against `b`: similar's word diff (whitespace between words is a token
/// of its own) as stretches of the two texts ([`similar::utils::diff_words`]: one stretch per
/// change, so neighbouring tokens of one kind are one stretch). Both the inline word diff and
/// the HTML group view are written from it. Not `TextDiff::iter_inline_changes`: it diffs lines
/// first and marks words only inside a changed line, as a removed line and an added one, where
/// `git diff --word-diff` (and this) writes one stream in which shared words stand once.
///
/// Past [`DIFF_WORK`] it is coarse, and says so.
pub(crate) fn word_changes<'a>(a: &'a str, b: &'a str) -> WordChanges<'a> {
    let (left, right) = (a.tokenize_words(), b.tokenize_words());
    let found = myers::diff(&left, &right);
    WordChanges {
        changes: stretches(a, b, &found.ops, &left, &right),
        coarse: found.coarse,
    }
}

/// An inline word diff: removed words as `[-…-]`, added as `{+…+}` (as `git diff --word-diff`).
fn inline(changes: &[WordChange<'_>]) -> String {
    let mut out = String::new();
    for change in changes {
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

/// A diff's ops over the tokens of `a` and `b` as the stretches of `a` and `b` they are (as
/// similar's `TextDiffRemapper` maps them: the tokens cover their text).
fn stretches<'a>(a: &'a str, b: &'a str, ops: &[DiffOp], left: &[&str], right: &[&str]) -> Vec<WordChange<'a>> {
    let (old, new) = (starts(left), starts(right));
    let text = |text: &'a str, starts: &[usize], tokens: Range<usize>| {
        let start = *starts.get(tokens.start)?;
        let end = *starts.get(tokens.end)?;
        text.get(start..end).filter(|t| !t.is_empty())
    };
    let mut out = Vec::with_capacity(ops.len() + ops.len() / 2);
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        let (removed, added) = (text(a, &old, o), text(b, &new, n));
        match tag {
            DiffTag::Equal => out.extend(removed.map(WordChange::Same)),
            DiffTag::Delete => out.extend(removed.map(WordChange::Removed)),
            DiffTag::Insert => out.extend(added.map(WordChange::Added)),
            DiffTag::Replace => {
                out.extend(removed.map(WordChange::Removed));
                out.extend(added.map(WordChange::Added));
            }
        }
    }
    out
}

/// Where each token starts in the text it was cut from, and where the last ends.
fn starts(tokens: &[&str]) -> Vec<usize> {
    let mut at = 0;
    let mut out = Vec::with_capacity(tokens.len() + 1);
    out.push(0);
    out.extend(tokens.iter().map(|t| {
        at += t.len();
        at
    }));
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

    /// The two texts a word diff's stretches make: the same and removed ones, the same and
    /// added ones.
    fn sides(changes: &[WordChange<'_>]) -> (String, String) {
        let mut sides = (String::new(), String::new());
        for change in changes {
            match change {
                WordChange::Same(w) => {
                    sides.0.push_str(w);
                    sides.1.push_str(w);
                }
                WordChange::Removed(w) => sides.0.push_str(w),
                WordChange::Added(w) => sides.1.push_str(w),
            }
        }
        sides
    }

    /// Some 250 KB of text, paragraphs of sentences of common words, each sentence with a
    /// number of its own; with `changed`, every other word of it has an `s` added (27,000
    /// words apart: too far for an exact diff in [`DIFF_WORK`], which is known before it
    /// starts, so the test is quick).
    fn long_text(changed: bool) -> String {
        const WORDS: [&str; 24] = [
            "harbour", "council", "budget", "vote", "members", "week", "port", "ships", "wall", "repairs", "city",
            "bridge", "traffic", "museum", "season", "plan", "report", "water", "road", "school", "market", "price",
            "river", "station",
        ];
        let mut out = String::new();
        let mut seed: u64 = 7;
        let mut n = 0;
        for sentence in 0..3_000 {
            for k in 0..9 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let word = WORDS.get((seed >> 33) as usize % WORDS.len()).copied().unwrap_or("the");
                n += 1;
                out.push_str(if k == 0 { "The " } else { " " });
                out.push_str(word);
                if changed && n % 2 == 0 {
                    out.push('s');
                }
            }
            out.push_str(&format!(" in {sentence}."));
            out.push_str(if sentence % 10 == 9 { "\n\n" } else { " " });
        }
        out
    }

    #[test]
    fn a_normal_pair_stays_exact() {
        let (a, b) = (
            "The harbour reopened on Monday after three weeks of repairs.\n\nForty ships docked.\n",
            "The harbour reopened on Tuesday after three weeks of repairs.\n\nForty ships docked.\n",
        );
        let changes = word_changes(a, b);
        assert!(!changes.coarse);
        assert_eq!(
            inline(&changes.changes),
            "The harbour reopened on [-Monday-]{+Tuesday+} after three weeks of repairs.\n\nForty ships docked.\n"
        );
        assert!(!similarity(a, b).coarse);
        let (lines, coarse) = unified(a, b, 1, None);
        assert!(!coarse);
        assert_eq!(
            lines,
            similar::TextDiff::from_lines(a, b)
                .unified_diff()
                .context_radius(1)
                .to_string()
        );
    }

    #[test]
    fn a_large_near_copy_with_many_changes_comes_out_coarse_and_whole() {
        let (a, b) = (long_text(false), long_text(true));
        assert!(a.len() > 200_000 && b.len() > a.len());
        let changes = word_changes(&a, &b);
        assert!(changes.coarse);
        assert_eq!(sides(&changes.changes), (a.clone(), b.clone()));
        // The words both keep are found all the same: each sentence's number anchors it.
        let kept: usize = changes
            .changes
            .iter()
            .filter_map(|c| match c {
                WordChange::Same(w) => Some(w.len()),
                _ => None,
            })
            .sum();
        assert!(kept > a.len() / 3, "{kept} of {}", a.len());
        let similarity = similarity(&a, &b);
        assert!(similarity.coarse);
        assert!(similarity.ratio > 0.4, "{}", similarity.ratio);
        let (lines, coarse) = unified(&a, &b, 1, None);
        assert!(!coarse, "the paragraphs are few: their diff is exact");
        assert!(lines.starts_with("@@ -1,"));
    }

    #[test]
    fn a_coarse_body_diff_says_so() {
        let options = crate::Options::default();
        let page = b"The harbour reopened on Monday after three weeks of repairs to the sea wall.\n";
        let Ok(source) = crate::input::decode("a.txt", page.to_vec(), &options.read) else {
            panic!("decode");
        };
        let (mut a, mut b) = (crate::clean(&source), crate::clean(&source));
        (a.text, b.text) = (long_text(false), long_text(true));
        for words in [false, true] {
            let d = diff(&a, &b, words);
            assert!(d.coarse);
            assert!(d.ratio > 0.4, "{}", d.ratio);
        }
        b.text = a.text.replacen(" in 7.", " in seven.", 1);
        let d = diff(&a, &b, true);
        assert!(!d.coarse);
        assert!(d.rendered.contains("in [-7.-]{+seven.+}"));
    }

    #[test]
    fn the_unified_diff_is_written_as_similar_writes_it() {
        let cases = [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc", "a\nb\nC"),
            ("", "one\ntwo\n"),
            ("one\ntwo\n", ""),
            ("x\n\ny\n\nz", "x\n\nz\n"),
            ("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\nthree\n4\n5\n6\n7\n8\nnine\n"),
        ];
        for (a, b) in cases {
            for radius in [1, 2] {
                let ours = unified(a, b, radius, Some(("a.txt", "b.txt")));
                let theirs = similar::TextDiff::from_lines(a, b)
                    .unified_diff()
                    .context_radius(radius)
                    .header("a.txt", "b.txt")
                    .to_string();
                assert_eq!(ours, (theirs, false), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn word_changes_join_neighbouring_tokens_and_cover_both_texts() {
        let (a, b) = ("the old grey cat sat", "the young cat sat down");
        let changes = word_changes(a, b);
        assert!(!changes.coarse);
        assert_eq!(
            changes.changes,
            vec![
                WordChange::Same("the "),
                WordChange::Removed("old grey"),
                WordChange::Added("young"),
                WordChange::Same(" cat sat"),
                WordChange::Added(" down"),
            ]
        );
        assert_eq!(sides(&changes.changes), (a.to_string(), b.to_string()));
        assert_eq!(inline(&changes.changes), "the [-old grey-]{+young+} cat sat{+ down+}");
        assert_eq!(changes.words_added_removed(), (2, 2));
    }
}
