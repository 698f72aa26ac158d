//! The outlet: the page naming itself ("A Message from The Moscow Times", "Press TV’s website"),
//! a page title's suffix, the host → outlet table (`data/outlets.tsv`), or the registrable domain.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};

use super::Evidence;
use crate::classify::Verdict;
use crate::input::Source;
use crate::segment::Block;
use crate::text::pattern::Pattern;

static OUTLETS: &str = include_str!("../../data/outlets.tsv");
static SELF_NAMING: &str = include_str!("../../data/outlet-self-naming.txt");

/// The fewest letters of a word whose full stop ends a sentence (not "St." nor "A.M.").
const SENTENCE_WORD: usize = 3;

/// The articles a name may start with (`The Moscow Times`): [`name_pattern`] takes them in
/// front of a name, and [`proper_name`] looks past them for its first word.
const ARTICLES: [&str; 7] = ["The", "Die", "Der", "Le", "La", "El", "Il"];

/// A name: optional article, then one to five capitalised words (`The Moscow Times`, `Press TV`).
fn name_pattern() -> String {
    let word = r"\p{Lu}[\p{L}\p{N}&.'-]*";
    format!(
        "((?:{} )?{word}(?: (?:of |de |du |der )?{word}){{0,4}})",
        ARTICLES.join(" |")
    )
}

/// One way a page names its own outlet: the regex (compiled the first time a block holds its
/// literal words: each costs about 35 million instructions to build, for the Unicode classes of
/// `name_pattern`, which a one-page run would otherwise pay for all of them), and those words.
struct SelfNaming {
    /// The longest piece of the pattern outside `{name}` and apostrophes, lower-cased: a block
    /// whose lower-cased text lacks it cannot match.
    literal: String,
    source: String,
    regex: OnceLock<Option<Pattern>>,
}

static PATTERNS: LazyLock<Vec<SelfNaming>> = LazyLock::new(|| {
    let name = name_pattern();
    SELF_NAMING
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (anchor, body) = match l.strip_prefix('^') {
                Some(rest) => ("^", rest),
                None => ("", l),
            };
            let pieces: Vec<String> = body
                .split("{name}")
                .map(|p| format!("(?i:{})", regex_syntax::escape(p).replace('\'', "['’]")))
                .collect();
            let literal = body
                .split("{name}")
                .flat_map(|p| p.split('\''))
                .map(str::trim)
                .max_by_key(|p| p.len())
                .unwrap_or("")
                .to_lowercase();
            SelfNaming {
                literal,
                source: format!("{anchor}{}", pieces.join(&name)),
                regex: OnceLock::new(),
            }
        })
        .collect()
});

/// The patterns' literals in one automaton (pattern `i` is its literal's id): a block is
/// searched once for all of them instead of once for each.
static LITERALS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(PATTERNS.iter().map(|p| p.literal.as_str()))
        .ok()
});

/// The indices of the [`PATTERNS`] whose literal `lower` contains, in order.
fn literals_in(lower: &str) -> Vec<usize> {
    let mut present: Vec<usize> = match LITERALS.as_ref() {
        Some(automaton) => automaton
            .find_overlapping_iter(lower)
            .map(|m| m.pattern().as_usize())
            .collect(),
        // Should the automaton not build, each literal is looked for on its own.
        None => (0..PATTERNS.len())
            .filter(|&i| PATTERNS.get(i).is_some_and(|p| lower.contains(&p.literal)))
            .collect(),
    };
    // An empty literal is in every text (however the automaton reports empty matches).
    present.extend((0..PATTERNS.len()).filter(|&i| PATTERNS.get(i).is_some_and(|p| p.literal.is_empty())));
    present.sort_unstable();
    present.dedup();
    present
}

/// The outlet and its evidence, by the order: the page naming itself, the host table, a page
/// title suffix (`Headline - The New York Times`), the registrable domain of the host.
pub fn find(
    source: &Source,
    blocks: &[Block],
    verdicts: &[Verdict],
    host: Option<&str>,
    title: Option<&str>,
) -> Option<(String, Evidence)> {
    // Outlets name themselves in their own boilerplate: appeals, footers, copyright lines.
    for (block, v) in blocks.iter().zip(verdicts) {
        if v.keep || v.weak || block.text.len() > 400 {
            continue;
        }
        let raw = source.text.get(block.start..block.end).unwrap_or("");
        let lower = block.text.to_lowercase();
        let present = literals_in(&lower);
        for (_, pattern) in PATTERNS.iter().enumerate().filter(|(i, _)| present.contains(i)) {
            let Some(re) = pattern.regex.get_or_init(|| Pattern::new(&pattern.source)) else {
                continue;
            };
            if let Some(name) = re
                .groups(&block.text)
                .and_then(|c| c.get(1))
                .and_then(|m| proper_name(m.as_str()))
            {
                let (start, end) = raw.find(name).map_or((block.start, block.end), |at| {
                    (block.start + at, block.start + at + name.len())
                });
                return Some((name.to_string(), Evidence::at("outlet-self-naming", start, end)));
            }
        }
    }
    if let Some(host) = host {
        if let Some(name) = table_lookup(host) {
            return Some((name.to_string(), Evidence::computed("outlet-table:host")));
        }
    }
    if let Some((name, start, end)) = title_suffix(source, blocks, title) {
        return Some((name, Evidence::at("title-suffix", start, end)));
    }
    let host = host?;
    let domain = psl::domain_str(host)?;
    Some((domain.to_string(), Evidence::computed("registrable-domain:host")))
}

/// The outlet's name in what a self-naming pattern captured, or None when it is no name. A name
/// ends with its sentence ("© Valve Corporation. All rights reserved" names "Valve
/// Corporation"); the pattern's own word is not part of it ("© Copyright Accruent" names
/// "Accruent"); and it does not start with a function word ("Subscribe to Our Newsletter",
/// "Support Us" name no outlet).
fn proper_name(captured: &str) -> Option<&str> {
    let mut name = captured.trim_end_matches(['.', '\'']).trim();
    // A full stop after a word of three letters or more ends the sentence; after an initial or
    // a short abbreviation it does not ("A.M. Best Company", "St. Louis").
    let mut from = 0;
    while let Some(at) = name.get(from..).and_then(|rest| rest.find(". ")).map(|at| at + from) {
        let word = name.get(..at).unwrap_or("").rsplit(' ').next().unwrap_or("");
        if word.chars().count() >= SENTENCE_WORD && !word.contains('.') {
            name = name.get(..at).unwrap_or(name);
            break;
        }
        from = at + 2;
    }
    while let Some((first, rest)) = name.split_once(' ') {
        if !PATTERNS.iter().any(|p| p.literal.eq_ignore_ascii_case(first)) {
            break;
        }
        name = rest.trim_start();
    }
    // English's function words: the patterns' names follow English phrases ("Support Us"),
    // and other languages' would take real names ("Les Raffineurs").
    let stop = crate::text::lang::words(crate::text::lang::List::Stop, "en");
    let first = name.split(' ').find(|w| !ARTICLES.contains(w))?;
    let is_pattern_word = PATTERNS.iter().any(|p| p.literal.eq_ignore_ascii_case(first));
    (!stop.contains(first) && !is_pattern_word).then_some(name)
}

/// Looks the host up, then its parents (`edition.cnn.com` → `cnn.com`).
pub fn table_lookup(host: &str) -> Option<&'static str> {
    // The table read once into a map, keyed by the host in lower case (the first row of a
    // host wins, as it did when the table was scanned per call).
    static TABLE: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
        let mut table = HashMap::new();
        for (host, name) in OUTLETS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
        {
            table.entry(host.to_ascii_lowercase()).or_insert(name.trim());
        }
        table
    });
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    let mut candidate = host.as_str();
    loop {
        let found = TABLE.get(candidate).copied();
        if found.is_some() {
            return found;
        }
        candidate = candidate.split_once('.')?.1;
        if !candidate.contains('.') {
            return None;
        }
    }
}

/// The first line of a page dump is often its `<title>`: `Headline - Outlet` or `Headline | Outlet`.
fn title_suffix(source: &Source, blocks: &[Block], title: Option<&str>) -> Option<(String, usize, usize)> {
    let title = title?;
    let first = blocks.first()?;
    let text = source.text.get(first.start..first.end)?;
    for sep in [" - ", " | ", " — ", " – ", " :: "] {
        let Some((head, tail)) = text.rsplit_once(sep) else {
            continue;
        };
        let tail = tail.trim();
        let words = tail.split_whitespace().count();
        if (1..=5).contains(&words) && head.contains(title.trim()) && !title.contains(tail) {
            let at = first.start + text.rfind(tail)?;
            return Some((tail.to_string(), at, at + tail.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_pattern_is_the_one_it_always_was() {
        let before = r"((?:The |Die |Der |Le |La |El |Il )?\p{Lu}[\p{L}\p{N}&.'-]*(?: (?:of |de |du |der )?\p{Lu}[\p{L}\p{N}&.'-]*){0,4})";
        assert_eq!(name_pattern(), before);
    }

    #[test]
    fn a_self_named_outlet_is_a_proper_name() {
        // What follows the name's sentence is not the name.
        assert_eq!(proper_name("Valve Corporation. All"), Some("Valve Corporation"));
        assert_eq!(
            proper_name("The Software Report. All Rights Reserved"),
            Some("The Software Report")
        );
        // Initials and short abbreviations do not end it.
        assert_eq!(proper_name("A.M. Best Company"), Some("A.M. Best Company"));
        assert_eq!(proper_name("St. Louis Post-Dispatch"), Some("St. Louis Post-Dispatch"));
        // The pattern's own word is not part of the name, nor the whole of it.
        assert_eq!(proper_name("Copyright Accruent"), Some("Accruent"));
        assert_eq!(proper_name("Copyright The Student Room"), Some("The Student Room"));
        assert_eq!(proper_name("Copyright"), None);
        // A phrase that starts with a function word names nothing ("Subscribe to Our Newsletter").
        assert_eq!(proper_name("Our Newsletter"), None);
        assert_eq!(proper_name("OUR NEWSLETTER LEARN MORE ABOUT"), None);
        assert_eq!(proper_name("Us"), None);
        assert_eq!(proper_name("The"), None);
        // Names stay: an article before them, another language's article-like word in them.
        assert_eq!(proper_name("The Moscow Times"), Some("The Moscow Times"));
        assert_eq!(proper_name("Les Raffineurs"), Some("Les Raffineurs"));
        assert_eq!(proper_name("Press TV"), Some("Press TV"));
    }
}
