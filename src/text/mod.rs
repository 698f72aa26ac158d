//! The leaf under every stage: text utilities several stages share — hashing, normalising,
//! sentence ends, person names in bylines, dates, and disjoint sets. Imports nothing else
//! from the crate.

pub mod date;
pub mod names;
pub mod union_find;

use sha2::{Digest, Sha256};

/// The lower-case hex SHA-256 of `bytes`: the input and body hashes in provenance, the check
/// `restore` makes, group ids.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
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
