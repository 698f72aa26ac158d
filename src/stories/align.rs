//! Aligning quotes: the wordings of one quote across a story's articles, and how they differ.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use similar::DiffTag;

use super::cluster::MAX_POSTING;
use super::lexicon::stop_words;
use super::quotes::Quoted;
use super::terms::MIN_WORD_CHARS;
use super::words::is_apostrophe;
use super::{Quote, Wording};
use crate::text::myers;

/// similar's ratio over the words of two passages from which they are one quote.
const QUOTE_RATIO: f32 = 0.5;
/// …or the share of the shorter passage's words found in the longer one (a partial quote), for
/// passages of at least [`MIN_PARTIAL_WORDS`] words.
const QUOTE_CONTAINED: f32 = 0.8;
const MIN_PARTIAL_WORDS: usize = 6;
/// Content words two passages must share to be compared at all.
const QUOTE_SHARED_WORDS: usize = 2;
/// A wording is compared with the next few of those sharing a content word that more than
/// [`MAX_POSTING`] wordings share, rather than with all of them.
const QUOTE_WINDOW: usize = 8;

/// A token of a wording: a word or a punctuation mark, and whether a space precedes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token<'a> {
    text: &'a str,
    /// Typographic and straight quotes and apostrophes compare equal.
    key: String,
    space_before: bool,
}

fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '’' | '‘' | '‚' | '`' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            '–' | '—' => '-',
            other => other,
        })
        .collect()
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, next)) = chars.peek() {
                let joins = is_apostrophe(next) || next == '-';
                let continues = joins
                    && text
                        .get(i + next.len_utf8()..)
                        .and_then(|s| s.chars().next())
                        .is_some_and(char::is_alphanumeric);
                if !(next.is_alphanumeric() || continues) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
        }
        let piece = text.get(start..end).unwrap_or("");
        out.push(Token {
            text: piece,
            key: normalise(piece),
            space_before: space && !out.is_empty(),
        });
        space = false;
    }
    out
}

/// Lower-case word keys of a wording, for matching.
fn word_keys(tokens: &[Token<'_>]) -> Vec<String> {
    tokens
        .iter()
        .filter(|t| t.text.chars().any(char::is_alphanumeric))
        .map(|t| t.key.to_lowercase())
        .collect()
}

fn content_words(words: &[String]) -> BTreeSet<&str> {
    let english = stop_words(Some("en"));
    words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= MIN_WORD_CHARS && !english.contains(w))
        .collect()
}

/// How closely two wordings match when they are one quote (close in their words, or one
/// contained in the other): similar's ratio over their words, or the contained share. Each
/// wording comes with its content words, found once. Two wordings too long and too different
/// to align exactly in [`DIFF_WORK`](crate::diff::DIFF_WORK) are scored by a coarser alignment, which matches less.
fn same_quote((a, ca): (&[String], &BTreeSet<&str>), (b, cb): (&[String], &BTreeSet<&str>)) -> Option<f32> {
    if ca.intersection(cb).count() < QUOTE_SHARED_WORDS {
        return None;
    }
    let ops = myers::diff(a, b).ops;
    let ratio = myers::ratio(&ops, a.len(), b.len());
    if ratio >= QUOTE_RATIO {
        return Some(ratio);
    }
    let matched: usize = ops
        .iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum();
    let shorter = a.len().min(b.len());
    let contained = matched as f32 / shorter.max(1) as f32;
    (shorter >= MIN_PARTIAL_WORDS && contained >= QUOTE_CONTAINED).then_some(contained)
}

/// A document of a story whose quotes are aligned.
pub(super) struct Carrier<'a> {
    /// The story position of its article.
    pub(super) position: usize,
    /// Its place in the input, which orders wordings and sources.
    pub(super) document: usize,
    pub(super) source: &'a str,
    /// Its quotes ([`super::quotes::quotes`]).
    pub(super) quotes: &'a [Quoted],
}

/// One distinct wording in a story.
struct Distinct {
    text: String,
    words: Vec<String>,
    /// Documents carrying it.
    documents: BTreeSet<usize>,
    /// Story positions of the articles carrying it.
    articles: BTreeSet<usize>,
    /// (article position, document, byte offset) of its first occurrence.
    first: (usize, usize, usize),
    speakers: Vec<String>,
}

/// The quotes carried by at least two of a story's articles, from every member of each article
/// (`carriers`, by story position, then input order). The work grows with the wordings, not
/// their pairs: wordings are compared when they share a content word, and a word most of a large
/// story's wordings share compares each only with the next few.
pub(super) fn align(carriers: &[Carrier<'_>]) -> Vec<Quote> {
    let positions: BTreeSet<usize> = carriers.iter().map(|c| c.position).collect();
    if positions.len() < 2 {
        return Vec::new();
    }
    let mut distinct: Vec<Distinct> = Vec::new();
    let mut by_key: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut sources: BTreeMap<usize, &str> = BTreeMap::new();
    for carrier in carriers {
        sources.insert(carrier.document, carrier.source);
        for quoted in carrier.quotes {
            let toks = tokens(&quoted.text);
            let key: Vec<String> = toks.iter().map(|t| t.key.clone()).collect();
            let at = match by_key.get(&key) {
                Some(&at) => at,
                None => {
                    by_key.insert(key, distinct.len());
                    distinct.push(Distinct {
                        words: word_keys(&toks),
                        text: quoted.text.clone(),
                        documents: BTreeSet::new(),
                        articles: BTreeSet::new(),
                        first: (carrier.position, carrier.document, quoted.passage.start),
                        speakers: Vec::new(),
                    });
                    distinct.len() - 1
                }
            };
            if let Some(d) = distinct.get_mut(at) {
                d.documents.insert(carrier.document);
                d.articles.insert(carrier.position);
                d.speakers.extend(quoted.speaker.iter().cloned());
            }
        }
    }
    drop(by_key);
    let content: Vec<BTreeSet<&str>> = distinct.iter().map(|d| content_words(&d.words)).collect();
    // Candidate pairs share a content word; an inverted index keeps this from comparing all pairs.
    let mut index: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, words) in content.iter().enumerate() {
        for word in words {
            index.entry(word).or_default().push(i);
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for list in index.values() {
        let reach = if list.len() <= MAX_POSTING {
            list.len()
        } else {
            QUOTE_WINDOW
        };
        for (k, &a) in list.iter().enumerate() {
            candidates.extend(list.iter().skip(k + 1).take(reach).map(|&b| (a, b)));
        }
    }
    drop(index);
    candidates.sort_unstable();
    candidates.dedup();
    let wording = |i: usize| Some((distinct.get(i)?.words.as_slice(), content.get(i)?));
    let mut matches: Vec<(f32, usize, usize)> = candidates
        .into_par_iter()
        .filter_map(|(a, b)| same_quote(wording(a)?, wording(b)?).map(|score| (score, a, b)))
        .collect();
    drop(content);
    // Closest matches first; a quote never takes two passages of one document, so that a long
    // passage quoting two of another article's passages joins only the closer one.
    matches.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut parent: Vec<usize> = (0..distinct.len()).collect();
    let mut held: Vec<BTreeSet<usize>> = distinct.iter().map(|d| d.documents.clone()).collect();
    for (_, a, b) in matches {
        let (ra, rb) = (
            crate::text::union_find::find(&mut parent, a),
            crate::text::union_find::find(&mut parent, b),
        );
        let (Some(ha), Some(hb)) = (held.get(ra), held.get(rb)) else {
            continue;
        };
        if ra == rb || !ha.is_disjoint(hb) {
            continue;
        }
        // The smaller set moves into the larger, so that a large quote's set is not copied over
        // and over.
        let (keep, child) = if ha.len() >= hb.len() { (ra, rb) } else { (rb, ra) };
        let moved = held.get_mut(child).map(std::mem::take).unwrap_or_default();
        if let (Some(slot), Some(documents)) = (parent.get_mut(child), held.get_mut(keep)) {
            *slot = keep;
            documents.extend(moved);
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..distinct.len() {
        clusters
            .entry(crate::text::union_find::find(&mut parent, i))
            .or_default()
            .push(i);
    }
    let mut found: Vec<((usize, usize, usize), Quote)> = clusters
        .into_values()
        .filter_map(|mut cluster| {
            let carriers: BTreeSet<usize> = cluster
                .iter()
                .filter_map(|&i| distinct.get(i))
                .flat_map(|d| d.articles.iter().copied())
                .collect();
            if carriers.len() < 2 {
                return None;
            }
            cluster.sort_by_key(|&i| distinct.get(i).map(|d| d.first));
            let wordings: Vec<&Distinct> = cluster.iter().filter_map(|&i| distinct.get(i)).collect();
            let first = wordings.first()?;
            let base = tokens(&first.text);
            let (differences, coarse): (Vec<String>, Vec<bool>) = wordings
                .iter()
                .skip(1)
                .map(|w| inline_diff(&base, &tokens(&w.text)))
                .unzip();
            let speakers: Vec<&str> = wordings
                .iter()
                .flat_map(|w| w.speakers.iter().map(String::as_str))
                .collect();
            Some((
                first.first,
                Quote {
                    speaker: vote(&speakers),
                    wordings: wordings
                        .iter()
                        .map(|w| Wording {
                            text: w.text.clone(),
                            sources: w
                                .documents
                                .iter()
                                .filter_map(|r| sources.get(r))
                                .map(|s| s.to_string())
                                .collect(),
                        })
                        .collect(),
                    differences,
                    coarse: coarse.contains(&true),
                },
            ))
        })
        .collect();
    found.sort_by_key(|(first, _)| *first);
    found.into_iter().map(|(_, quote)| quote).collect()
}

/// The speaker most carriers name; a surname counts for the full name that ends with it. Among
/// equals the longer name, then the first alphabetically.
fn vote(speakers: &[&str]) -> Option<String> {
    // Distinct names first: a quote a thousand articles carry names a few people.
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    for name in speakers {
        *named.entry(name).or_default() += 1;
    }
    let full = |name: &str| -> String {
        named
            .keys()
            .filter(|other| other.len() > name.len() && other.ends_with(&format!(" {name}")))
            .max_by(|a, b| a.len().cmp(&b.len()).then(b.cmp(a)))
            .map_or_else(|| name.to_string(), |s| s.to_string())
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (name, n) in &named {
        *counts.entry(full(name)).or_default() += n;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.len().cmp(&b.0.len())).then(b.0.cmp(&a.0)))
        .map(|(name, _)| name)
}

/// A stretch of a word diff: the same tokens, or old tokens replaced by new ones.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hunk {
    Same(std::ops::Range<usize>),
    Change(std::ops::Range<usize>, std::ops::Range<usize>),
}

/// An inline word diff, removed words as `[-…-]` and added as `{+…+}` (as `pith diff --words`).
/// A word or two left equal between two changes joins them, so that a rephrasing reads whole:
/// "[-rule it out-]{+take it off the table+}" rather than "[-rule-]{+take+} it [-out-]{+off …+}".
/// And whether it is coarse: two wordings too long and too different to align in
/// [`DIFF_WORK`](crate::diff::DIFF_WORK) have some changed stretches whole.
fn inline_diff(old: &[Token<'_>], new: &[Token<'_>]) -> (String, bool) {
    let old_keys: Vec<&str> = old.iter().map(|t| t.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| t.key.as_str()).collect();
    let found = myers::diff(&old_keys, &new_keys);
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in found.ops {
        let (tag, o, n) = op.as_tag_tuple();
        let hunk = if tag == DiffTag::Equal {
            Hunk::Same(o)
        } else {
            Hunk::Change(o, n)
        };
        // Adjacent changes become one.
        match (hunks.last_mut(), hunk) {
            (Some(Hunk::Change(po, pn)), Hunk::Change(o, n)) => {
                po.end = o.end;
                pn.end = n.end;
            }
            (_, hunk) => hunks.push(hunk),
        }
    }
    let size = |h: Option<&Hunk>| match h {
        Some(Hunk::Change(o, n)) => Some(o.len().max(n.len())),
        _ => None,
    };
    let mut merged: Vec<Hunk> = Vec::new();
    let mut k = 0;
    while let Some(hunk) = hunks.get(k) {
        // An equal stretch no longer than the changes on both sides is absorbed into them.
        if let (Hunk::Same(same), Some(left), Some(right)) = (hunk, size(merged.last()), size(hunks.get(k + 1))) {
            if same.len() <= left.min(right) {
                if let (Some(Hunk::Change(po, pn)), Some(Hunk::Change(o, n))) = (merged.last_mut(), hunks.get(k + 1)) {
                    po.end = o.end;
                    pn.end = n.end;
                    k += 2;
                    continue;
                }
            }
        }
        merged.push(hunk.clone());
        k += 1;
    }
    let mut out = String::new();
    let render = |out: &mut String, tokens: &[Token<'_>], skip_first_space: bool| {
        for (i, token) in tokens.iter().enumerate() {
            if token.space_before && !(i == 0 && skip_first_space) {
                out.push(' ');
            }
            out.push_str(token.text);
        }
    };
    for hunk in merged {
        match hunk {
            Hunk::Same(range) => {
                let at_start = out.is_empty();
                render(&mut out, old.get(range).unwrap_or(&[]), at_start);
            }
            Hunk::Change(o, n) => {
                let (removed, added) = (old.get(o).unwrap_or(&[]), new.get(n).unwrap_or(&[]));
                // A space both sides start with goes outside the markers.
                let outside = removed.iter().chain(added).take(1).count() > 0
                    && removed.first().is_none_or(|t| t.space_before)
                    && added.first().is_none_or(|t| t.space_before);
                if outside && !out.is_empty() {
                    out.push(' ');
                }
                if !removed.is_empty() {
                    out.push_str("[-");
                    render(&mut out, removed, outside);
                    out.push_str("-]");
                }
                if !added.is_empty() {
                    out.push_str("{+");
                    render(&mut out, added, outside);
                    out.push_str("+}");
                }
            }
        }
    }
    (out, found.coarse)
}

#[cfg(test)]
mod tests {
    use super::super::quotes::quotes;
    use super::*;

    #[test]
    fn the_inline_diff_joins_a_rephrasing() {
        let old = tokens("better to discuss it at the table, not to rule it out beforehand");
        let new = tokens("better to talk about it at the table and not to take it off the table beforehand");
        assert_eq!(
            inline_diff(&old, &new).0,
            "better to [-discuss-]{+talk about+} it at the table[-,-]{+ and+} not to [-rule it out-]{+take it off the \
             table+} beforehand"
        );
    }

    #[test]
    fn typographic_and_straight_apostrophes_compare_equal() {
        let a: Vec<String> = tokens("Ukraine’s “possible” membership")
            .into_iter()
            .map(|t| t.key)
            .collect();
        let b: Vec<String> = tokens("Ukraine's \"possible\" membership")
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(a, b);
    }

    proptest::proptest! {
        #[test]
        fn quotes_and_diffs_never_panic(text in "([A-Za-z’' ,.:\n]|[“”„‘’‚«»\"]|said|she|Pistorius|\\PC){0,200}") {
            for quoted in quotes(&text, None) {
                let p = quoted.passage;
                proptest::prop_assert!(p.open <= p.start && p.start <= p.end && p.end <= p.close);
                proptest::prop_assert!(text.get(p.start..p.end).is_some());
            }
            let reversed: String = text.chars().rev().collect();
            let _ = inline_diff(&tokens(&text), &tokens(&reversed));
        }
    }
}
