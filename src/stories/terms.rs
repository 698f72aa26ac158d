//! Terms: the names and content words of an article, as stories compare them, and the digest
//! of a document stories keep instead of its body.

use std::collections::{BTreeSet, HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

use super::lexicon::Lexicon;
use super::quotes::{full_names, people};
use super::words::{capitalised_runs, in_prose, trailing_name, words};
use crate::text::date::day_number;
use crate::Record;

/// Lower-case words shorter than this are not terms (they are function words in most languages).
pub(super) const MIN_WORD_CHARS: usize = 4;
/// Terms a digest keeps of a document: its names first, then its most frequent words. An
/// article compares by at most [`super::cluster::TERMS_PER_ARTICLE`] of them, the heaviest in the
/// corpus, and a news article of a thousand words has some three hundred; the cap keeps a long
/// page (a forum thread, a listing) from taking more memory than an article.
const DOCUMENT_TERMS: usize = 384;
/// Words from which a line repeated verbatim in another article is furniture (see
/// [`Digest::paragraphs`]).
const MIN_SHARED_PARAGRAPH_WORDS: usize = 5;

/// A term of one article.
#[derive(Debug, Clone)]
pub(super) struct Term {
    /// Capitalised in mid-sentence in this article.
    pub(super) name: bool,
    /// A person the article names (see [`people`]), or their surname.
    pub(super) person: bool,
    pub(super) surface: String,
    /// Occurrences.
    pub(super) count: u32,
    /// Occurrences capitalised in mid-sentence in the body.
    pub(super) mid_caps: u32,
    /// Occurrences as part of a longer name ("Boris", "Pistorius" in "Boris Pistorius").
    pub(super) in_names: u32,
    /// The line of the body that holds every occurrence, when one does (none when the term is
    /// also in the title): a term found only in a line another article repeats is furniture.
    pub(super) line: Option<usize>,
}

/// Where a term has been seen so far: no line yet, one line, or more (or the title).
const UNSEEN: usize = usize::MAX;
const SPREAD_LINES: usize = usize::MAX - 1;

/// Names and content words of an article's title and body, keyed by their lower-case form. The
/// outlet's own name is left out: it ties an outlet's articles to each other, not to a story.
pub(super) fn article_terms(
    title: Option<&str>,
    body: &str,
    outlet: Option<&str>,
    language: Option<&str>,
) -> HashMap<String, Term> {
    // Names and the people they are of are read with English's titles, verbs and function words
    // and those of the article's own language ("Bundeskanzler Olaf Scholz sagte").
    let lexicon = Lexicon::of(language);
    let body_words = words(body);
    // A word is a name when the body capitalises it in mid-sentence, in prose.
    let prose = in_prose(body, &body_words);
    let proper: HashSet<String> = body_words
        .iter()
        .zip(&prose)
        .filter(|(w, &prose)| prose && w.capitalised && !w.sentence_start)
        .map(|(w, _)| w.text.to_lowercase())
        .collect();
    let outlet_words: BTreeSet<String> = outlet
        .map(|o| words(o).iter().map(|w| w.text.to_lowercase()).collect())
        .unwrap_or_default();
    let outlet_name = outlet.map(str::to_lowercase);
    // A person is named in full somewhere ("Kallas stressed" counts where "Kaja Kallas" is
    // written too), in words that are names in prose, never lower-case in the body and not in
    // capitals: what stands before "said" is as often a company, a product or a place ("AI
    // suggested tasks", "Apple Pencil Pro adds", "College Essay Writing").
    let full = full_names(&body_words, &lexicon);
    let lower: HashSet<String> = body_words
        .iter()
        .filter(|w| !w.capitalised)
        .map(|w| w.text.to_lowercase())
        .collect();
    let personal = |name: &str| {
        name.contains(' ')
            && name.split(' ').all(|w| {
                let key = w.to_lowercase();
                proper.contains(&key) && !lower.contains(&key) && w.chars().any(char::is_lowercase)
            })
    };
    let persons: HashSet<String> = people(&body_words, true, &lexicon)
        .into_iter()
        .filter_map(|p| match full.get(&p.to_lowercase()) {
            _ if p.contains(' ') => Some(p),
            Some(names) if names.len() == 1 => names.first().cloned(),
            _ => None,
        })
        .filter(|p| personal(p))
        .flat_map(|p| [p.to_lowercase(), p.rsplit(' ').next().unwrap_or(&p).to_lowercase()])
        .collect();
    let mut terms: HashMap<String, Term> = HashMap::new();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |at: usize| line_starts.partition_point(|&start| start <= at).saturating_sub(1);
    // `line`: the body line of this occurrence (None in the title).
    let mut add = |key: &str, name: bool, surface: &str, mid_caps: bool, line: Option<usize>| {
        if !terms.contains_key(key) {
            let term = Term {
                name,
                person: persons.contains(key),
                surface: surface.to_string(),
                count: 0,
                mid_caps: 0,
                in_names: 0,
                line: Some(UNSEEN),
            };
            terms.insert(key.to_string(), term);
        }
        let Some(term) = terms.get_mut(key) else { return };
        term.line = match (term.line, line) {
            (Some(UNSEEN), Some(line)) => Some(line),
            (Some(seen), Some(line)) if seen == line => Some(line),
            _ => Some(SPREAD_LINES),
        };
        term.count = term.count.saturating_add(1);
        term.mid_caps = term.mid_caps.saturating_add(u32::from(mid_caps));
        // Shown as capitalised, and as "Brussels" rather than a dateline's "BRUSSELS".
        let shouting = |s: &str| s.chars().count() > 4 && !s.chars().any(char::is_lowercase);
        let better = surface.starts_with(char::is_uppercase)
            && (!term.surface.starts_with(char::is_uppercase) || shouting(&term.surface) && !shouting(surface));
        if name && better {
            term.surface = surface.to_string();
        }
    };
    let title_words = title.map(words).unwrap_or_default();
    let all = title_words
        .iter()
        .map(|w| (w, false))
        .chain(body_words.iter().map(|w| (w, true)));
    let mut key = String::new();
    for (word, in_body) in all {
        if word.contraction || !word.text.chars().any(char::is_alphabetic) {
            continue;
        }
        key.clear();
        key.extend(word.text.chars().flat_map(char::to_lowercase));
        let ignored = lexicon.is_stop(&key) || lexicon.is_title(&key);
        if ignored || outlet_words.contains(&key) {
            continue;
        }
        let name = proper.contains(&key);
        let min_chars = if name { 2 } else { MIN_WORD_CHARS };
        if key.chars().nth(min_chars - 1).is_none() {
            continue;
        }
        let surface = if name && word.capitalised {
            word.text
        } else {
            key.as_str()
        };
        let line = in_body.then(|| line_of(word.start));
        add(
            &key,
            name,
            surface,
            in_body && word.capitalised && !word.sentence_start,
            line,
        );
    }
    let mut in_names: Vec<String> = Vec::new();
    for run in capitalised_runs(&body_words) {
        let Some(run) = body_words.get(run) else { continue };
        let line = run.first().map(|w| line_of(w.start));
        // Every word of a multi-word name must be a name in its own right.
        let mut name = trailing_name(run, &lexicon);
        let own = name
            .iter()
            .rev()
            .take_while(|w| proper.contains(&w.to_lowercase()))
            .count();
        name.drain(..name.len().saturating_sub(own));
        if name.len() < 2 {
            continue;
        }
        let surface = name.join(" ");
        let key = surface.to_lowercase();
        if outlet_name.as_deref() == Some(key.as_str()) || outlet_name.as_deref() == Some(&format!("the {key}")) {
            continue;
        }
        in_names.extend(name.iter().map(|w| w.to_lowercase()));
        add(&key, true, &surface, false, line);
    }
    for key in in_names {
        if let Some(term) = terms.get_mut(&key) {
            term.in_names = term.in_names.saturating_add(1);
        }
    }
    for term in terms.values_mut() {
        term.line = term.line.filter(|&line| line != SPREAD_LINES && line != UNSEEN);
    }
    terms
}

/// The hash a term is known by in a digest and in the corpus.
pub(super) fn term_key(key: &str) -> u64 {
    xxh3_64(key.as_bytes())
}

/// A term as a digest keeps it, in 12 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    /// [`term_key`], in two halves so that the entry packs into 12 bytes.
    key: [u32; 2],
    /// Occurrences (at most 65,535 counted).
    pub(super) count: u16,
    flags: u8,
    /// The keyed line ([`Digest::paragraphs`]) that holds every occurrence, or [`SPREAD`].
    pub(super) paragraph: u8,
}

/// [`Entry::paragraph`] of a term found in several lines, in a line too short to be keyed, in the
/// title, or in a keyed line past the 254th: it is never furniture only.
pub(super) const SPREAD: u8 = u8::MAX;

const NAME: u8 = 1;
const PERSON: u8 = 2;
/// At least as many of its occurrences are inside longer names as are capitalised on their own.
const ONLY_IN_NAMES: u8 = 4;
const IN_NAMES: u8 = 8;

impl Entry {
    pub(super) fn key(&self) -> u64 {
        (u64::from(self.key[0]) << 32) | u64::from(self.key[1])
    }

    /// The document writes it as a name (capitalised in mid-sentence, in prose).
    pub(super) fn name(&self) -> bool {
        self.flags & NAME != 0
    }

    /// The document names this person (in full, or by the surname of a full name it gives).
    pub(super) fn person(&self) -> bool {
        self.flags & PERSON != 0
    }

    pub(super) fn only_in_names(&self) -> bool {
        self.flags & ONLY_IN_NAMES != 0
    }

    pub(super) fn in_names(&self) -> bool {
        self.flags & IN_NAMES != 0
    }
}

/// What stories keep of a document once it is cleaned: a few fields of its provenance, the keys
/// of its lines and its terms, some 5 KB at most and never its body, which is read again only for
/// the quotes of a story of several articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    /// The record's `source`.
    pub source: String,
    /// How much provenance it has and how long its body is: the canonical copy of a variant group
    /// is the richest, then the longest (as `pith group` chooses).
    pub(super) richness: u8,
    pub(super) length: u32,
    /// Days since 1970-01-01 of its publication date, when known, and whether that date was read
    /// from its own bytes (rather than inferred).
    pub(super) day: Option<i64>,
    pub(super) day_direct: bool,
    /// A hash of its outlet's name (lower case), when known: two pages of one outlet are not two
    /// outlets' reports.
    pub(super) outlet: Option<u64>,
    /// Whether it is a report: a page the page-type model calls an article, or one it did not
    /// type.
    pub(super) report: bool,
    /// Hashes of its lines of [`MIN_SHARED_PARAGRAPH_WORDS`] words or more, in order: a line
    /// another article repeats verbatim is an outlet's furniture that cleaning kept (a teaser, a
    /// footer) and would tie unrelated articles.
    pub(super) paragraphs: Vec<u64>,
    /// Its terms (at most [`DOCUMENT_TERMS`]), by key.
    pub(super) terms: Vec<Entry>,
    /// Which terms are words of which multi-word names: (name, word) as indices into `terms`.
    pub(super) parts: Vec<(u16, u16)>,
}

impl Digest {
    /// The digest of a cleaned record.
    pub fn of(record: &Record) -> Digest {
        let p = &record.provenance;
        let body = record.text.as_str();
        let mut buffer = String::new();
        let keys: Vec<Option<u64>> = body.split('\n').map(|line| paragraph_key(line, &mut buffer)).collect();
        let mut paragraphs = Vec::new();
        // Line → its place among the keyed lines.
        let keyed: Vec<Option<usize>> = keys
            .iter()
            .map(|key| {
                key.map(|k| {
                    paragraphs.push(k);
                    paragraphs.len() - 1
                })
            })
            .collect();
        let terms = article_terms(p.title.as_deref(), body, p.outlet.as_deref(), p.language.as_deref());
        let mut ranked: Vec<(&String, &Term)> = terms.iter().collect();
        // Names first, then the most frequent; the key breaks ties, so that nothing depends on
        // hash map order.
        ranked.sort_unstable_by(|a, b| {
            b.1.name
                .cmp(&a.1.name)
                .then(b.1.count.cmp(&a.1.count))
                .then(a.0.cmp(b.0))
        });
        ranked.truncate(DOCUMENT_TERMS);
        let mut entries: Vec<(u64, &str, Entry)> = ranked
            .into_iter()
            .map(|(key, term)| {
                let hash = term_key(key);
                let flags = [
                    (term.name, NAME),
                    (term.person, PERSON),
                    (term.in_names >= term.mid_caps, ONLY_IN_NAMES),
                    (term.in_names > 0, IN_NAMES),
                ]
                .iter()
                .filter(|(set, _)| *set)
                .fold(0, |flags, (_, flag)| flags | flag);
                let paragraph = term
                    .line
                    .and_then(|line| keyed.get(line).copied().flatten())
                    .and_then(|at| u8::try_from(at).ok())
                    .filter(|&at| at != SPREAD)
                    .unwrap_or(SPREAD);
                let entry = Entry {
                    key: [(hash >> 32) as u32, hash as u32],
                    count: u16::try_from(term.count).unwrap_or(u16::MAX),
                    flags,
                    paragraph,
                };
                (hash, key.as_str(), entry)
            })
            .collect();
        entries.sort_unstable_by_key(|(hash, _, _)| *hash);
        let index = |hash: u64| entries.binary_search_by_key(&hash, |(h, _, _)| *h).ok();
        let parts: Vec<(u16, u16)> = entries
            .iter()
            .enumerate()
            .filter(|(_, (_, key, entry))| entry.name() && key.contains(' '))
            .flat_map(|(whole, (_, key, _))| {
                key.split(' ').filter_map(move |word| {
                    Some((u16::try_from(whole).ok()?, u16::try_from(index(term_key(word))?).ok()?))
                })
            })
            .collect();
        let direct = p.evidence.get("published").is_some_and(|e| e.start.is_some());
        Digest {
            source: record.source.clone(),
            richness: u8::try_from(crate::group::richness(record)).unwrap_or(u8::MAX),
            length: u32::try_from(body.len()).unwrap_or(u32::MAX),
            day: p.published.as_deref().and_then(day_number),
            day_direct: direct,
            outlet: p
                .outlet
                .as_deref()
                .map(|o| o.trim().to_lowercase())
                .filter(|o| !o.is_empty())
                .map(|o| xxh3_64(o.as_bytes())),
            report: record
                .page_type
                .is_none_or(|t| t == crate::classify::page_type::PageType::Article),
            paragraphs,
            terms: entries.into_iter().map(|(_, _, entry)| entry).collect(),
            parts,
        }
    }
}

impl Digest {
    /// How a variant group chooses its canonical copy: the richest provenance, then the longest
    /// body (as `pith group` chooses).
    pub fn canonical_rank(&self) -> (u8, u32) {
        (self.richness, self.length)
    }
}

/// A hash of a line's lower-cased words, for a line long enough to be furniture rather than a
/// common phrase.
fn paragraph_key(paragraph: &str, buffer: &mut String) -> Option<u64> {
    buffer.clear();
    let mut count = 0;
    for word in crate::text::words(paragraph) {
        buffer.extend(word.chars().flat_map(char::to_lowercase));
        buffer.push(' ');
        count += 1;
    }
    (count >= MIN_SHARED_PARAGRAPH_WORDS).then(|| xxh3_64(buffer.as_bytes()))
}
