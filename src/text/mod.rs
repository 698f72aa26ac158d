//! The leaf under every stage: text utilities several stages share — hashing, normalising,
//! sentence ends, the language registry, person names in bylines, dates, and disjoint sets.
//! Imports nothing else from the crate.

pub mod date;
pub mod lang;
pub mod names;
pub mod union_find;
mod words;

pub use words::{is_unspaced, word_count, words};

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use sha2::{Digest, Sha256};

/// The lower-case hex SHA-256 of `bytes`: the input and body hashes in provenance, the check
/// `restore` makes, group ids.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// Lower-cases, folds typographic apostrophes and quotes, collapses whitespace and turns every
/// run of digits into one `0`, so that phrases match however the page typed them (`0 comments`
/// matches "34 Comments").
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if space {
                out.push(' ');
                space = false;
            }
            if !out.ends_with('0') {
                out.push('0');
            }
            continue;
        }
        let c = match c {
            '’' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            '\u{a0}' => ' ',
            _ => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `text` ends as a sentence does, looking past closing quotes, brackets and emphasis.
pub(crate) fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_') || c.is_whitespace()
    });
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// A page's most frequent words, lower-cased: its function words ("the", "is", "de", "und"),
/// whatever its language, without a word list. Ties are broken by the word, so the set does
/// not depend on hash order.
pub fn function_words<'t>(texts: impl IntoIterator<Item = &'t str>, how_many: usize) -> HashSet<String> {
    let mut counts: HashMap<Cow<'t, str>, usize> = HashMap::new();
    for text in texts {
        for word in words(text) {
            *counts.entry(lower(word)).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(Cow<'t, str>, usize)> = counts.into_iter().collect();
    let order = |a: &(Cow<'t, str>, usize), b: &(Cow<'t, str>, usize)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    // Only which words make the top is asked, not their order: a selection, not a sort of
    // every distinct word (the order is total, so the set is the same).
    if how_many > 0 && ranked.len() > how_many {
        ranked.select_nth_unstable_by(how_many - 1, order);
        ranked.truncate(how_many);
    }
    let mut words = HashSet::with_capacity(how_many);
    words.extend(ranked.into_iter().take(how_many).map(|(w, _)| w.into_owned()));
    words
}

/// `word` in lower case, borrowed when it has no capital.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The selection gives the set a full sort gives: the most frequent words, ties broken by
    /// the word.
    #[test]
    fn function_words_are_the_most_frequent_ties_by_word() {
        let text = "b a c a b d e f The the THE x y z z y";
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for word in text.split_whitespace() {
            *counts.entry(word.to_lowercase()).or_default() += 1;
        }
        let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for how_many in 0..=12 {
            let want: HashSet<String> = ranked.iter().take(how_many).map(|(w, _)| w.clone()).collect();
            assert_eq!(function_words([text], how_many), want, "top {how_many}");
        }
        // Ties at the cut: "a", "b", "y", "z" all twice; the first two by the word.
        let top3 = function_words([text], 3);
        assert!(top3.contains("the") && top3.contains("a") && top3.contains("b"));
    }
}
