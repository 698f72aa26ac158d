//! Cue phrases per boilerplate category: the `cues` list of each language folder,
//! `data/lang/<code>/cues.txt` (built in).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

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
    /// The phrases as a contiguous NFA: built in about a tenth of the DFA's time, searched at
    /// about half its speed. Both find the same matches; which one searched never shows.
    nfa: Option<AhoCorasick>,
}

/// How much text the NFA searches in a process before the DFA is built (ski rental: the DFA
/// costs about 165M instructions more to build, about 40 ms, and saves about 25 a byte
/// searched, so it pays for itself after about 6.6 MB). A one-page run never builds it (it was
/// two thirds of such a run's instructions); a corpus run builds it early and pays for the
/// NFA's slower search on this much text at most.
const DFA_AFTER_BYTES: usize = 6 << 20;

/// The bytes of text searched for cues so far in this process.
static SEARCHED: AtomicUsize = AtomicUsize::new(0);

/// The phrases as a DFA, built once [`DFA_AFTER_BYTES`] have been searched.
static DFA: OnceLock<Option<AhoCorasick>> = OnceLock::new();

/// The automaton of the phrases, of the given kind (matches do not depend on it).
fn automaton(phrases: &[Phrase], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(kind))
        .build(phrases.iter().map(|p| p.text.as_str()))
        .ok()
}

/// The automaton to search `len` more bytes with: the DFA once it exists or is due, else (or
/// should the DFA not build) the NFA.
fn matcher(table: &'static CueTable, len: usize) -> Option<&'static AhoCorasick> {
    let dfa = match DFA.get() {
        Some(dfa) => dfa.as_ref(),
        None if SEARCHED.fetch_add(len, Ordering::Relaxed).saturating_add(len) >= DFA_AFTER_BYTES => DFA
            .get_or_init(|| automaton(&table.phrases, AhoCorasickKind::DFA))
            .as_ref(),
        None => None,
    };
    dfa.or(table.nfa.as_ref())
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
    let nfa = automaton(&phrases, AhoCorasickKind::ContiguousNFA);
    CueTable { phrases, nfa }
});

/// Finds the cue phrases in a block's plain text, in the order of the phrase files.
/// Anchored phrases count only at the start (after leading punctuation); all match whole words.
pub fn find(text: &str) -> Vec<Cue> {
    find_in_normalized(&normalize(text))
}

/// [`find`] on text already passed through [`normalize`].
pub fn find_in_normalized(norm: &str) -> Vec<Cue> {
    let table: &'static CueTable = &TABLE;
    match matcher(table, norm.len()) {
        Some(matcher) => find_with(table, matcher, norm),
        None => Vec::new(),
    }
}

/// [`find_in_normalized`] with one of the table's automata.
fn find_with(table: &'static CueTable, matcher: &AhoCorasick, norm: &str) -> Vec<Cue> {
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

    /// The NFA a run starts with and the DFA it moves to find the same cues: every phrase of
    /// every language, alone, inside a sentence, at a block's start and end, and run together.
    #[test]
    fn both_automata_find_the_same_cues() {
        let table: &'static CueTable = &TABLE;
        let (Some(nfa), Some(dfa)) = (table.nfa.as_ref(), automaton(&table.phrases, AhoCorasickKind::DFA)) else {
            panic!("the phrases build no automaton");
        };
        let mut all = String::new();
        for phrase in &table.phrases {
            let p = phrase.text.as_str();
            for text in [
                p.to_string(),
                format!("so {p} and more."),
                format!("— {p}: x"),
                format!("x{p}x"),
            ] {
                let (a, b) = (find_with(table, nfa, &text), find_with(table, &dfa, &text));
                assert_eq!(a, b, "{text}");
            }
            all.push_str(p);
            all.push(' ');
        }
        let (a, b) = (find_with(table, nfa, &all), find_with(table, &dfa, &all));
        assert_eq!(a, b);
        // The run is one block: only its first anchored phrase is at its start, and the
        // unanchored ones are found wherever they stand.
        let unanchored = table.phrases.iter().filter(|p| !p.at_start && !p.at_end).count();
        assert!(
            a.len() >= unanchored / 2,
            "{} of {unanchored} unanchored phrases found in the run",
            a.len()
        );
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
