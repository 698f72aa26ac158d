//! The outlet: the page naming itself ("A Message from The Moscow Times", "Press TV’s website"),
//! a page title's suffix, the host → outlet table (`data/outlets.tsv`), or the registrable domain.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::Evidence;
use crate::classify::Verdict;
use crate::input::Source;
use crate::segment::Block;

static OUTLETS: &str = include_str!("../../data/outlets.tsv");
static SELF_NAMING: &str = include_str!("../../data/outlet-self-naming.txt");

/// A name: optional article, then one to five capitalised words (`The Moscow Times`, `Press TV`).
const NAME: &str = r"((?:The |Die |Der |Le |La |El |Il )?\p{Lu}[\p{L}\p{N}&.'-]*(?: (?:of |de |du |der )?\p{Lu}[\p{L}\p{N}&.'-]*){0,4})";

/// One way a page names its own outlet: the regex (compiled the first time a block holds its
/// literal words: each costs about 35 million instructions to build, for the Unicode classes of
/// `NAME`, which a one-page run would otherwise pay for all of them), and those words.
struct SelfNaming {
    /// The longest piece of the pattern outside `{name}` and apostrophes, lower-cased: a block
    /// whose lower-cased text lacks it cannot match.
    literal: String,
    source: String,
    regex: OnceLock<Option<Regex>>,
}

static PATTERNS: LazyLock<Vec<SelfNaming>> = LazyLock::new(|| {
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
                .map(|p| format!("(?i:{})", regex::escape(p).replace('\'', "['’]")))
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
                source: format!("{anchor}{}", pieces.join(NAME)),
                regex: OnceLock::new(),
            }
        })
        .collect()
});

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
        for pattern in PATTERNS.iter().filter(|p| lower.contains(&p.literal)) {
            let Some(re) = pattern.regex.get_or_init(|| Regex::new(&pattern.source).ok()) else {
                continue;
            };
            if let Some(m) = re.captures(&block.text).and_then(|c| c.get(1)) {
                let name = m.as_str().trim_end_matches(['.', '\'']);
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
