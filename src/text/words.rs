//! The one tokeniser for counting and comparing words: whitespace-separated tokens, as the
//! scorers count words, except inside scripts written without spaces (Chinese, Japanese, Thai,
//! Lao, Khmer, Myanmar), where a whitespace token is a whole clause or paragraph: there the
//! token is split at its UAX #29 word boundaries (`unicode-segmentation`), so Han ideographs and
//! hiragana count one word each, a katakana run one word, and a paragraph of Chinese is measured
//! in characters rather than as one "word".
//!
//! Text without such a script is split exactly as `str::split_whitespace` splits it, so every
//! threshold stated in words means the same for it as before.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWords};

/// The words of `text`, in order (see the module's documentation).
///
/// ```
/// use pith::text::words;
/// assert_eq!(words("Hello, big world").collect::<Vec<_>>(), ["Hello,", "big", "world"]);
/// assert_eq!(words("東京は晴れ").count(), 5);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    Words {
        rest: text,
        parts: None,
    }
}

/// The iterator behind [`words`]: one pass over each token finds where it ends and whether it
/// holds an unspaced script, where `split_whitespace`, then `is_ascii`, then a search for such
/// a script each read it again (and a `flat_map` of chained options kept its state).
struct Words<'t> {
    /// The text after the last token.
    rest: &'t str,
    /// The UAX #29 words of the token being split, while it lasts.
    parts: Option<UnicodeWords<'t>>,
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        loop {
            if let Some(parts) = &mut self.parts {
                match parts.next() {
                    Some(part) => return Some(part),
                    None => self.parts = None,
                }
            }
            let (token, unspaced) = self.token()?;
            if !unspaced {
                return Some(token);
            }
            self.parts = Some(token.unicode_words());
        }
    }
}

impl<'t> Words<'t> {
    /// The next whitespace-separated token (as `split_whitespace` gives it) and whether it has a
    /// character of an unspaced script.
    fn token(&mut self) -> Option<(&'t str, bool)> {
        let text = self.rest;
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut start = None;
        let mut unspaced = false;
        loop {
            // Runs of ASCII, most of most texts, in a tighter loop: the whitespace before a
            // token, or the token's letters once it has begun; any other byte goes the general
            // way below.
            if start.is_none() {
                while bytes.get(at).is_some_and(|&b| is_ascii_whitespace(b)) {
                    at += 1;
                }
            } else {
                while bytes.get(at).is_some_and(|&b| b.is_ascii() && !is_ascii_whitespace(b)) {
                    at += 1;
                }
            }
            let Some(&byte) = bytes.get(at) else {
                break;
            };
            let (space, len) = if byte.is_ascii() {
                (is_ascii_whitespace(byte), 1)
            } else {
                let c = text.get(at..).and_then(|t| t.chars().next())?;
                let space = c.is_whitespace();
                unspaced |= !space && is_unspaced(c);
                (space, c.len_utf8())
            };
            match (space, start) {
                (true, Some(from)) => {
                    self.rest = text.get(at..)?;
                    return Some((text.get(from..at)?, unspaced));
                }
                (false, None) => start = Some(at),
                _ => {}
            }
            at += len;
        }
        self.rest = "";
        Some((text.get(start?..)?, unspaced))
    }
}

/// `char::is_whitespace` of an ASCII byte: tab, line feed, vertical tab, form feed, carriage
/// return and space (`u8::is_ascii_whitespace` leaves out the vertical tab).
fn is_ascii_whitespace(byte: u8) -> bool {
    // One shift and mask, where a `matches!` of the six bytes compiled to a chain of compares.
    const SPACES: u64 = 1 << b'\t' | 1 << b'\n' | 1 << 0x0b | 1 << 0x0c | 1 << b'\r' | 1 << b' ';
    byte < 64 && (SPACES >> byte) & 1 == 1
}

/// How many [`words`] `text` has.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// Whether `c` belongs to a script written without spaces between words: Han (with its
/// compatibility and extension blocks), hiragana, katakana (with the half-width forms), Thai,
/// Lao, Myanmar, Khmer.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
        | '\u{1000}'..='\u{109F}'   // Myanmar
        | '\u{1780}'..='\u{17FF}'   // Khmer
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'   // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'   // Han extension A
        | '\u{4E00}'..='\u{9FFF}'   // Han
        | '\u{F900}'..='\u{FAFF}'   // Han compatibility
        | '\u{FF66}'..='\u{FF9F}'   // half-width katakana
        | '\u{20000}'..='\u{3134F}' // Han extensions B–G
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spaced scripts split as `split_whitespace` does, punctuation and all.
    #[test]
    fn spaced_text_splits_at_whitespace_only() {
        for text in [
            "The U.S. economy — well-known, isn't it? 3.5% (e.g. “this”)",
            "Über die Brücke: 1.000 Menschen",
            "Москва, 12 марта — «Новости»",
            "서울 시민 여러분",
            "مرحبا بالعالم",
            "  \t\n ",
            "",
        ] {
            assert_eq!(
                words(text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    /// Every whitespace `char::is_whitespace` knows separates tokens, ASCII or not.
    #[test]
    fn tokens_split_at_every_unicode_space() {
        for text in [
            "a\u{b}b\u{c}c\rd\u{85}e\u{a0}f\u{2003}g\u{3000}h\u{2029}i",
            "\u{3000} Москва \u{a0}",
            "  lead and trail  ",
            "x",
        ] {
            assert_eq!(
                words(text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    /// Chinese and Japanese are measured by UAX #29 words: one per ideograph and hiragana, one
    /// per katakana run, Latin and digits inside them as their own words, punctuation none.
    #[test]
    fn unspaced_scripts_split_at_word_boundaries() {
        assert_eq!(
            words("北京市今天下雨。").collect::<Vec<_>>(),
            ["北", "京", "市", "今", "天", "下", "雨"]
        );
        assert_eq!(
            words("東京でiPhoneを買った").collect::<Vec<_>>(),
            ["東", "京", "で", "iPhone", "を", "買", "っ", "た"]
        );
        assert_eq!(words("テレビを見る").collect::<Vec<_>>(), ["テレビ", "を", "見", "る"]);
        assert_eq!(word_count("2024年の「報告」"), 5);
        // A paragraph of Chinese is not one word.
        let paragraph = "中国国家统计局今天发布数据显示经济增长放缓";
        assert_eq!(paragraph.split_whitespace().count(), 1);
        assert_eq!(word_count(paragraph), paragraph.chars().count());
        // Mixed with a spaced script, each token is split on its own.
        assert_eq!(
            words("Reuters 报道 said").collect::<Vec<_>>(),
            ["Reuters", "报", "道", "said"]
        );
    }

    /// Thai has no spaces between words: a clause is many words, not one.
    #[test]
    fn thai_is_not_one_word_per_clause() {
        let clause = "ประเทศไทยมีฝนตกหนัก";
        assert!(word_count(clause) > 1, "{:?}", words(clause).collect::<Vec<_>>());
    }

    #[test]
    fn ascii_whitespace_is_char_whitespace() {
        for byte in 0..=u8::MAX {
            assert_eq!(
                is_ascii_whitespace(byte),
                byte.is_ascii() && char::from(byte).is_whitespace(),
                "{byte}"
            );
        }
    }

    proptest::proptest! {
        /// Any text of spaced scripts, ASCII or not, whitespace of every kind, splits as
        /// `split_whitespace` splits it.
        #[test]
        fn spaced_text_splits_as_split_whitespace(text in "([a-z.,'\\-]|[ \t\n\x0b\x0c\r\u{85}\u{a0}\u{2003}\u{3000}]|[éßЖقω€—])*") {
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        }
    }
}
