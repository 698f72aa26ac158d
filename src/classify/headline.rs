//! The page's headline, found through the title line that text and markdown dumps of a page
//! often start with (`Headline | Section | Site`, the page's `<title>`). The part of that line
//! that a later block repeats is the headline the page prints, and the article follows it.
//! Pages (HTML) are left alone: their `<title>` is read as metadata.

use std::collections::HashMap;
use std::ops::Range;

use super::Signals;
use crate::input::Format;
use crate::segment::{Block, BlockKind};
use crate::text::{normalize, word_count};

/// A dump's title line (always its first block) and the headline block that repeats it.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// Block index of the headline the page prints, when a later block repeats the title line.
    pub block: Option<usize>,
}

/// Separators between a title's parts: `Headline - Site`, `Section | Headline`.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " // "];

/// Blocks searched for the headline after the title line: enough for a long menu.
const SEARCH_BLOCKS: usize = 600;
/// A title line has at least this many words: one word alone is a site name or a label.
const TITLE_LINE_MIN_WORDS: usize = 2;
/// A title line has at most this many words, and so has a block that repeats it: longer text
/// is a paragraph, not a `<title>`.
const TITLE_LINE_MAX_WORDS: usize = 40;
/// A title line is mostly not link text: a first line of links is a menu.
const TITLE_LINE_MAX_LINK_DENSITY: f32 = 0.5;
/// A block repeating the title may differ from it by this many words either way: markup and
/// trailing punctuation may add a word or two.
const REPEAT_WORD_SLACK: usize = 2;

/// The title line and headline of a text or markdown dump. A text dump's first line is taken
/// for the title when it is shaped like one (`Headline - Site`) or a later block repeats it;
/// markdown dumps rarely start with the `<title>`, so there only a repeat counts.
pub fn find(blocks: &[Block], signals: &[Signals], format: Format, region: &Range<usize>) -> Option<Headline> {
    if format == Format::Html {
        return None;
    }
    let first = blocks.first()?;
    let s = signals.first()?;
    let text = first.text.trim();
    if !is_title_shaped(first, s.words) {
        return None;
    }
    let parts = split_parts(text);
    let candidates = candidates(text, &parts);
    let fewest = candidates.values().copied().min().unwrap_or(0);
    let most = candidates
        .values()
        .copied()
        .max()
        .unwrap_or(0)
        .min(TITLE_LINE_MAX_WORDS);
    // (candidate words, block, is heading) of the best repeat so far.
    let mut best: Option<(usize, usize, bool)> = None;
    // The headline stands above the article or in it; a repeat below it is a footer's.
    let searched = region.end.saturating_sub(1).min(SEARCH_BLOCKS);
    for (i, (block, s)) in blocks.iter().zip(signals).enumerate().take(searched + 1).skip(1) {
        // Only a block about a candidate's length can be one (no key to build for the rest).
        if s.words == 0
            || s.words > TITLE_LINE_MAX_WORDS
            || s.words + REPEAT_WORD_SLACK < fewest
            || s.words > most + REPEAT_WORD_SLACK
        {
            continue;
        }
        let Some(&words) = candidates.get(&key(&block.text)) else {
            continue;
        };
        let heading = matches!(block.kind, BlockKind::Heading(_));
        let better = match best {
            None => true,
            Some((w, _, h)) => words > w || words == w && heading && !h,
        };
        if better {
            best = Some((words, i, heading));
        }
    }
    match best {
        Some((_, i, _)) => Some(Headline { block: Some(i) }),
        // Without a repeat, only a line shaped like `Headline - Site` is taken for a title.
        None if format == Format::Text && parts.len() >= 2 && !text.ends_with(['?', '!']) => {
            Some(Headline { block: None })
        }
        None => None,
    }
}

/// Whether a dump's first block (of `words` words) is shaped like the page's `<title>`: one line
/// of a few words, not a sentence, not a row of links, not from a page's markup.
pub fn is_title_shaped(first: &Block, words: usize) -> bool {
    let text = first.text.trim();
    first.dom.is_none()
        && matches!(first.kind, BlockKind::Paragraph | BlockKind::Heading(1))
        && (TITLE_LINE_MIN_WORDS..=TITLE_LINE_MAX_WORDS).contains(&words)
        && !text.contains('\n')
        && !text.ends_with('.')
        && first.link_density() < TITLE_LINE_MAX_LINK_DENSITY
}

/// The title's parts with their byte ranges in `text`.
fn split_parts(text: &str) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut start = 0;
    while let Some((at, sep)) = SEPARATORS
        .iter()
        .filter_map(|sep| text.get(start..)?.find(sep).map(|at| (start + at, sep.len())))
        .min()
    {
        if at > start {
            parts.push((start, at));
        }
        start = at + sep;
    }
    if start < text.len() {
        parts.push((start, text.len()));
    }
    parts
}

/// Words in `text[a..b]`.
fn words_in(text: &str, (a, b): (usize, usize)) -> usize {
    text.get(a..b).map_or(0, word_count)
}

/// Index of the part with the most words (the first of equals): the headline, not the site.
fn longest_part(text: &str, parts: &[(usize, usize)]) -> Option<usize> {
    (0..parts.len()).max_by_key(|&i| (parts.get(i).map_or(0, |&p| words_in(text, p)), std::cmp::Reverse(i)))
}

/// The headline part of a title line: the longest part (`Headline - Site` → `Headline`).
pub fn headline_part(text: &str) -> &str {
    let text = text.trim();
    let parts = split_parts(text);
    longest_part(text, &parts)
        .and_then(|i| parts.get(i))
        .and_then(|&(a, b)| text.get(a..b))
        .unwrap_or(text)
        .trim()
}

/// Every run of consecutive parts that holds the longest part (the headline is in there; a run
/// of the site's name alone is not), keyed for matching, with its word count.
fn candidates(text: &str, parts: &[(usize, usize)]) -> HashMap<String, usize> {
    let longest = longest_part(text, parts).unwrap_or(0);
    let mut out = HashMap::new();
    out.insert(key(text), word_count(text));
    for from in 0..=longest {
        for to in longest..parts.len() {
            let (Some(&(a, _)), Some(&(_, b))) = (parts.get(from), parts.get(to)) else {
                continue;
            };
            if let Some(run) = text.get(a..b) {
                out.insert(key(run), words_in(text, (a, b)));
            }
        }
    }
    out.retain(|k, _| !k.is_empty());
    out
}

/// Case, spacing, quotes and trailing punctuation do not matter for a match.
fn key(text: &str) -> String {
    let text = text.trim().trim_start_matches('#').trim();
    normalize(text)
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_part_is_the_longest() {
        assert_eq!(
            headline_part("Calendário Stock Car 2018 | Autoracing | F1"),
            "Calendário Stock Car 2018"
        );
        assert_eq!(
            headline_part("Opinion | Republicans Are Following Trump to Nowhere - The New York Times"),
            "Republicans Are Following Trump to Nowhere"
        );
        assert_eq!(headline_part("No separators here"), "No separators here");
    }

    #[test]
    fn candidates_hold_the_longest_part() {
        let text = "Opinion | Republicans Are Following Trump to Nowhere - The New York Times";
        let c = candidates(text, &split_parts(text));
        assert!(c.contains_key(&key("Republicans Are Following Trump to Nowhere")));
        assert!(c.contains_key(&key("Opinion | Republicans Are Following Trump to Nowhere")));
        assert!(!c.contains_key(&key("The New York Times")));
        assert!(!c.contains_key(&key("Opinion")));
    }
}
