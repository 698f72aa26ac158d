//! The leaf under every stage: text utilities several stages share — hashing, normalising,
//! sentence ends, the language registry, person names in bylines, dates, patterns over short
//! texts, disjoint sets, and diffs on a budget of work.
//! Imports nothing else from the crate.

pub mod date;
pub mod lang;
pub(crate) mod myers;
pub mod names;
pub(crate) mod pattern;
pub mod union_find;
mod words;

pub use words::{is_unspaced, word_count, words};

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup, SentenceTerminal, TerminalPunctuation};
use icu_properties::{CodePointMapData, CodePointSetData};
use sha2::{Digest, Sha256};

/// The lower-case hex SHA-256 of `bytes`: the input and body hashes in provenance, the check
/// `restore` makes, group ids.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The lower-case hex SHA-256 of what `reader` gives, read through without being held;
/// [`sha256_hex`] of the same bytes.
pub(crate) fn sha256_hex_of(reader: &mut impl std::io::Read) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    std::io::copy(reader, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

fn hex(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
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

/// The largest character boundary of `text` at or below `at` (`str::floor_char_boundary`,
/// which needs Rust 1.91).
///
/// ```
/// use pith::text::floor_boundary;
/// assert_eq!(floor_boundary("Zürich", 2), 1);
/// assert_eq!(floor_boundary("Bern", 10), 4);
/// ```
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The longest start of `text` of at most `max_bytes` bytes that ends between characters.
///
/// ```
/// use pith::text::prefix_within;
/// assert_eq!(prefix_within("Zürich", 2), "Z");
/// assert_eq!(prefix_within("Zürich", 3), "Zü");
/// assert_eq!(prefix_within("Bern", 10), "Bern");
/// ```
pub fn prefix_within(text: &str, max_bytes: usize) -> &str {
    text.get(..floor_boundary(text, max_bytes)).unwrap_or("")
}

/// The most bytes of a name the page makes up (a tag, an id, a class name, an outlet's name)
/// that pith repeats where it names it again and again (a block's path, a drop's reason): a page
/// may make one any length, and every block that repeats it would copy it (a 100 KB id over
/// 20,000 blocks took 2 GB). The bench pages' longest id or class name is about 200 bytes.
pub const NAME_SHOWN_BYTES: usize = 128;

/// `name` as pith repeats it: its first [`NAME_SHOWN_BYTES`], and `…` where it was cut.
///
/// ```
/// use pith::text::shown_name;
/// assert_eq!(shown_name("sidebar"), "sidebar");
/// assert_eq!(shown_name(&"x".repeat(200)), format!("{}…", "x".repeat(128)));
/// ```
pub fn shown_name(name: &str) -> Cow<'_, str> {
    let shown = prefix_within(name, NAME_SHOWN_BYTES);
    if shown.len() < name.len() {
        Cow::Owned(format!("{shown}…"))
    } else {
        Cow::Borrowed(name)
    }
}

/// Whether `text` ends as a sentence does, looking past closing quotes, brackets and emphasis.
/// Beyond ASCII, a sentence ends where Unicode says one does in any script (the
/// `Sentence_Terminal` property: the Devanagari danda `।`, the Arabic `؟`, the Urdu `۔`, the
/// Armenian `։`, the Ethiopic `።`, CJK full stops …), behind any closing bracket or quote mark
/// (general categories Pe, Pf and Pi: `」`, `》`, the German closing `«`).
pub(crate) fn ends_like_sentence(text: &str) -> bool {
    let closing = CodePointMapData::<GeneralCategory>::new();
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | ')' | ']' | '*' | '_')
            || c.is_whitespace()
            || !c.is_ascii() && CLOSING.contains(closing.get(c))
    });
    trimmed.chars().next_back().is_some_and(|c| {
        matches!(c, '.' | '!' | '?' | '…') || !c.is_ascii() && CodePointSetData::new::<SentenceTerminal>().contains(c)
    })
}

/// Closing punctuation a sentence may end behind: brackets and quote marks (Pi too, since
/// German and Danish close a quotation with `«`).
const CLOSING: GeneralCategoryGroup = GeneralCategoryGroup::ClosePunctuation
    .union(GeneralCategoryGroup::FinalPunctuation)
    .union(GeneralCategoryGroup::InitialPunctuation);

/// Whether `c` separates clauses or ends a sentence: the comma, full stop, semicolon and marks
/// of ASCII, and beyond it Unicode's `Terminal_Punctuation` in every script (`،` `؛` `।` `。`
/// `、` `，` …). The count of these per word tells prose from a list of names or links.
pub(crate) fn is_clause_punctuation(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | '!' | '?')
        || !c.is_ascii() && CodePointSetData::new::<TerminalPunctuation>().contains(c)
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
    most_frequent(counts, how_many)
}

/// The `how_many` most frequent of words counted already lower-cased ([`function_words`] for
/// a caller that has its words), ties broken by the word.
pub fn most_frequent<'t>(counts: impl IntoIterator<Item = (Cow<'t, str>, usize)>, how_many: usize) -> HashSet<String> {
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

/// Splits text into lines with their byte ranges (without the line break). A text ends its
/// lines one way: with LF (or CRLF) when it holds an LF at all; else with CR alone (classic Mac
/// OS, and CommonMark's third line ending); else with U+2028 LINE SEPARATOR or U+2029 PARAGRAPH
/// SEPARATOR (what some scripts write), which were read as one line of the whole text. A lone
/// CR inside a text that has LFs stays in its line (`[x](\rhttps://…)` from a converter).
pub(crate) fn lines(text: &str) -> Lines<'_> {
    let bytes = text.as_bytes();
    let ending = if memchr::memchr(b'\n', bytes).is_some() {
        LineEnding::Byte(b'\n')
    } else if memchr::memchr(b'\r', bytes).is_some() {
        LineEnding::Byte(b'\r')
    } else if text.contains(['\u{2028}', '\u{2029}']) {
        LineEnding::Separators
    } else {
        LineEnding::Byte(b'\n')
    };
    Lines {
        text,
        offset: 0,
        ending,
    }
}

/// How a text ends its lines ([`lines`]).
#[derive(Debug, Clone, Copy)]
enum LineEnding {
    /// One byte, found with `memchr` (a `&[char]` pattern decodes every character: a tenth of
    /// a text dump's run went to finding its lines).
    Byte(u8),
    /// U+2028 or U+2029.
    Separators,
}

/// The lines of a text with their byte offsets ([`lines`]).
pub(crate) struct Lines<'t> {
    text: &'t str,
    offset: usize,
    ending: LineEnding,
}

impl<'t> Iterator for Lines<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let start = self.offset;
        let rest = self.text.get(start..).filter(|rest| !rest.is_empty())?;
        // The line, and the length of the break that ends it (none for the last line).
        let (line, taken) = match self.ending {
            LineEnding::Byte(byte) => match memchr::memchr(byte, rest.as_bytes()) {
                Some(at) => (rest.get(..at).unwrap_or(rest), at + 1),
                None => (rest, rest.len()),
            },
            LineEnding::Separators => match rest.char_indices().find(|(_, c)| matches!(c, '\u{2028}' | '\u{2029}')) {
                Some((at, c)) => (rest.get(..at).unwrap_or(rest), at + c.len_utf8()),
                None => (rest, rest.len()),
            },
        };
        self.offset = start + taken;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// A `\uD800`–`\uDFFF` escape that is not half of a pair (an emoji cut in two) as `\uFFFD`:
/// JSON parsers refuse a whole value for it (a JSON-LD script and with it the page's title,
/// author and date; a JSONL line and with it its document).
pub(crate) fn lone_surrogates_replaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let code = |escape: &str| {
        let hex = escape.strip_prefix("\\u")?.get(..4)?;
        u16::from_str_radix(hex, 16).ok()
    };
    while let Some(at) = rest.find('\\') {
        let (before, escape) = rest.split_at(at);
        out.push_str(before);
        let take = match code(escape) {
            // A high half followed by a low one: a pair, kept.
            Some(0xD800..=0xDBFF)
                if escape
                    .get(6..)
                    .and_then(code)
                    .is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) =>
            {
                12
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str("\\uFFFD");
                rest = escape.get(6..).unwrap_or("");
                continue;
            }
            Some(_) => 6,
            // An escaped character (`\\`, `\"`): both go as they are.
            None => escape.chars().nth(1).map_or(1, |c| 1 + c.len_utf8()),
        };
        let (kept, after) = escape.split_at(take.min(escape.len()));
        out.push_str(kept);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether two short texts (a headline and a title) share a word that is not a function word
/// of any language pith knows, case aside: the same story's two titles do, a site's name or a
/// section label beside a headline rarely does.
pub(crate) fn shares_content_word(a: &str, b: &str) -> bool {
    let stop = lang::union(lang::List::Stop);
    // A set: a metadata title may be as long as a page (an attribute of up to a megabyte).
    let content_words = |text: &str| -> HashSet<String> {
        words(text)
            .flat_map(|token| token.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty() && !stop.contains(w))
            .map(str::to_lowercase)
            .collect()
    };
    let of_b = content_words(b);
    content_words(a).iter().any(|w| of_b.contains(w))
}

/// `word` in lower case, borrowed when it has no capital.
pub fn lower(word: &str) -> Cow<'_, str> {
    // ASCII first: the same answer (an ASCII letter's case is its Unicode case) without
    // decoding characters or the Unicode case tables.
    if word.is_ascii() {
        return if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
    }
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Trimmed, whitespace collapsed, entities decoded (JSON-LD and double-escaped attributes carry
/// them: `&amp;`, `&rsquo;`, `&#8217;`, any HTML5 named reference); None when empty.
pub(crate) fn clean_text(text: &str) -> Option<String> {
    let decoded = html_escape::decode_html_entities(text);
    let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old definition of [`lines`] (split at the chosen separators, each line without its
    /// break and a CR before it), which the memchr iterator must match.
    fn lines_by_split(text: &str) -> Vec<(usize, &str)> {
        let separators: &[char] = if text.contains('\n') {
            &['\n']
        } else if text.contains('\r') {
            &['\r']
        } else if text.contains(['\u{2028}', '\u{2029}']) {
            &['\u{2028}', '\u{2029}']
        } else {
            &['\n']
        };
        let mut offset = 0;
        text.split_inclusive(separators)
            .map(|raw| {
                let start = offset;
                offset += raw.len();
                let line = raw.strip_suffix(separators).unwrap_or(raw);
                (start, line.strip_suffix('\r').unwrap_or(line))
            })
            .collect()
    }

    proptest::proptest! {
        /// Lines and their offsets as splitting gives them, for any mix of the four breaks.
        #[test]
        fn lines_match_splitting(text in "[ab\r\n\u{2028}\u{2029}é]{0,40}") {
            proptest::prop_assert_eq!(lines(&text).collect::<Vec<_>>(), lines_by_split(&text));
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_cr_or_separators() {
        let of = |text: &str| lines(text).map(|(_, l)| l.to_string()).collect::<Vec<_>>();
        assert_eq!(of("a\r\nb\n\nc"), ["a", "b", "", "c"]);
        assert_eq!(of("a\rb\r"), ["a", "b"]);
        assert_eq!(of("a\u{2028}b\u{2029}c"), ["a", "b", "c"]);
        assert_eq!(of("a\rb\nc"), ["a\rb", "c"]);
        assert!(of("").is_empty());
    }

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

    /// A sentence ends as its script ends it, behind the closing marks its language uses; a
    /// list item, a name or a heading does not end one in any script.
    #[test]
    fn a_sentence_ends_as_its_script_ends_it() {
        for ended in [
            "The minister resigned.",
            "Was it the minister?\u{201d}",
            "प्रधानमंत्री ने आज इस्तीफा दे दिया।",
            "هل استقال الوزير؟",
            "وزیر نے آج استعفیٰ دے دیا۔",
            "Նախարարը հրաժարական տվեց։",
            "ሚኒስትሩ ሥልጣናቸውን ለቀቁ።",
            "大臣は辞任した。」",
            "部长今天辞职了！",
            "»Wir bleiben hier.«",
            "他说：「我们留下。」",
        ] {
            assert!(ends_like_sentence(ended), "{ended}");
        }
        for open in [
            "Related stories",
            "प्रधानमंत्री",
            "وزیر خارجہ",
            "大臣の辞任",
            "Minister (left)",
            "",
        ] {
            assert!(!ends_like_sentence(open), "{open}");
        }
    }

    /// Clause punctuation is counted in every script; quote marks, brackets, dashes and the
    /// ASCII colon are not.
    #[test]
    fn clause_punctuation_is_counted_in_every_script() {
        for c in [
            ',', '.', ';', '!', '?', '،', '؛', '؟', '۔', '।', '。', '、', '，', '！', '？',
        ] {
            assert!(is_clause_punctuation(c), "{c}");
        }
        for c in [':', '"', '(', ')', '-', '—', '«', '»', '「', '」', 'a', 'क', ' '] {
            assert!(!is_clause_punctuation(c), "{c}");
        }
    }
}
