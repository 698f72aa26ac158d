//! Cue phrases per boilerplate category: the `cues` list of each language folder,
//! `data/lang/<code>/cues.txt` (built in).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::rule::Rule;
use crate::text::lang::{self, List};
use crate::text::normalize;

/// A phrase that matched a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The category the phrase belongs to (`appeal`, `related`, …): the rule it names.
    pub category: Rule,
    pub phrase: &'static str,
    pub language: &'static str,
    /// The phrase was anchored (`^` or `$`) and matched at the start or end of the block.
    pub anchored: bool,
}

struct Phrase {
    category: Rule,
    language: &'static str,
    text: String,
    /// `^phrase`: only at the start of a block.
    at_start: bool,
    /// `phrase$`: only at the end of a block.
    at_end: bool,
}

struct CueTable {
    phrases: Vec<Phrase>,
    matcher: Option<AhoCorasick>,
}

static TABLE: LazyLock<CueTable> = LazyLock::new(|| {
    let mut phrases = Vec::new();
    for (language, lines) in lang::by_language(List::Cues) {
        let mut category: Option<Rule> = None;
        for &line in lines.lines() {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                // A header that names no rule leaves its phrases out (a test checks there is none).
                category = name.parse().ok();
                continue;
            }
            let Some(category) = category else { continue };
            let (at_start, text) = match line.strip_prefix('^') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let (at_end, text) = match text.strip_suffix('$') {
                Some(rest) => (true, rest),
                None => (false, text),
            };
            let text = normalize(text);
            if !text.is_empty() {
                phrases.push(Phrase {
                    category,
                    language,
                    text,
                    at_start,
                    at_end,
                });
            }
        }
    }
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(phrases.iter().map(|p| p.text.as_str()))
        .ok();
    CueTable { phrases, matcher }
});

/// Finds the cue phrases in a block's plain text, in the order of the phrase files.
/// Anchored phrases count only at the start (after leading punctuation); all match whole words.
pub fn find(text: &str) -> Vec<Cue> {
    find_in_normalized(&normalize(text))
}

/// [`find`] on text already passed through [`normalize`].
pub fn find_in_normalized(norm: &str) -> Vec<Cue> {
    let table: &'static CueTable = &TABLE;
    let Some(matcher) = &table.matcher else {
        return Vec::new();
    };
    let lead = norm.len()
        - norm
            .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©')
            .len();
    let tail = norm.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ':').len();
    let mut found: Vec<(usize, Cue)> = Vec::new();
    for m in matcher.find_overlapping_iter(norm) {
        let Some(phrase) = table.phrases.get(m.pattern().as_usize()) else {
            continue;
        };
        if phrase.at_start && m.start() != lead || phrase.at_end && m.end() != tail {
            continue;
        }
        if !whole_word(norm, m.start(), m.end()) {
            continue;
        }
        found.push((
            m.pattern().as_usize(),
            Cue {
                category: phrase.category,
                phrase: phrase.text.as_str(),
                language: phrase.language,
                anchored: phrase.at_start || phrase.at_end,
            },
        ));
    }
    found.sort_by_key(|(index, _)| *index);
    found.dedup_by_key(|(index, _)| *index);
    found.into_iter().map(|(_, cue)| cue).collect()
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let first = text.get(start..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let joins = |a: Option<char>, b: Option<char>| matches!((a, b), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric());
    !joins(before, first) && !joins(last, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_header_names_a_rule() {
        for (language, lines) in lang::by_language(List::Cues) {
            for line in lines.lines() {
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    assert!(
                        name.parse::<Rule>().is_ok(),
                        "data/lang/{language}/cues.txt: [{name}] is no rule id"
                    );
                }
            }
        }
    }

    #[test]
    fn digits_fold_and_anchors_hold() {
        assert!(find("34 Comments").iter().any(|c| c.category == Rule::Comments));
        assert!(find("Reply").iter().any(|c| c.category == Rule::Comments));
        assert!(!find("He said: the plan will work")
            .iter()
            .any(|c| c.category == Rule::Comments));
        assert!(find("Read more: the plan")
            .iter()
            .any(|c| c.category == Rule::Related && c.anchored));
        assert!(!find("You can read more about it in the report")
            .iter()
            .any(|c| c.anchored));
    }
}
