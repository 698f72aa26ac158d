//! Clustering: which articles report one event, and the terms that explain a story.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::terms::{Digest, Entry, SPREAD};
use super::StoryOptions;

/// Cosine similarity of two articles' weighted term sets from which they are one story. On the
/// seeds, articles on one event score 0.23–0.43 when compared alone and 0.33–0.62 among a hundred
/// other news pages (rarer words weigh more in a larger corpus); unrelated articles stay below
/// 0.13, and pages on one topic but not one event (two Alibaba stories, two car launches) around
/// 0.2.
const SIMILARITY: f64 = 0.2;
/// How much more a name weighs than another word: named entities are what ties a story, and
/// among them the people it names most of all.
const NAME_WEIGHT: f64 = 2.0;
const PERSON_WEIGHT: f64 = 3.0;
/// Named entities two articles must share to be one story: names both write capitalised in
/// prose, a multi-word name counting once with its words. One is a coincidence (a city, a
/// company), two can be a topic's (Apple and its MacBook); an event has its people, places and
/// organisations in every report of it.
const MIN_SHARED_NAMES: usize = 3;
/// Cosine similarity of two articles' name profiles (each name's occurrences times its weight)
/// from which they are about the same people, places and organisations, not only naming them.
/// The reports of one event repeat the same few names most (its protagonists) and score 0.5–0.95;
/// pages on one topic name the same cast in passing while each is about someone or something
/// else (one candidate, one car, one port of a program) and score below 0.45.
const NAME_SIMILARITY: f64 = 0.45;
/// Terms kept per article (its heaviest), so that comparing two articles costs a bounded time.
pub(super) const TERMS_PER_ARTICLE: usize = 256;
/// An article's heaviest terms used to find candidate partners in the inverted index.
const PROBES: usize = 16;
/// Terms found in more articles than this propose no pairs from the inverted index, whose
/// pairs grow with the square of a term's articles; with [`PROBES`], this bounds the pairs to
/// `PROBES * MAX_POSTING / 2` per article. The articles of a larger event find each other by
/// their names instead ([`NAME_HASHES`]).
pub(super) const MAX_POSTING: usize = 128;
/// MinHash slots over an article's names, in bands of [`NAME_ROWS`]: articles whose name sets
/// agree on a whole band are candidates, however many articles hold those names. Sixteen bands of
/// two rows propose a pair of articles sharing a third of their names with probability 0.85, and
/// one sharing a tenth with 0.15.
const NAME_HASHES: usize = 32;
const NAME_ROWS: usize = 2;
/// Articles in one band's bucket are compared with the next few in input order, not all with
/// all: a bucket of an event's two thousand articles is a chain of comparisons, not two million.
const BUCKET_WINDOW: usize = 4;
/// Terms shown per story.
const STORY_TERMS: usize = 12;

/// One variant group, read through its canonical member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Article {
    /// The canonical member's document.
    pub(super) canonical: usize,
    /// Every member's document, in input order.
    pub(super) members: Vec<usize>,
    /// Days since 1970-01-01 of the publication date, when known.
    pub(super) day: Option<i64>,
    /// The canonical member's outlet (a hash of its name), when known.
    pub(super) outlet: Option<u64>,
    /// The canonical member is a report (an article, or a page of no known type), not a product
    /// page, a listing or a forum thread.
    pub(super) report: bool,
}

/// The articles of variant groups given canonical member first. An article's date is its
/// canonical member's, else the first member's read from its own bytes, else any member's (as
/// `pith group` merges provenance).
pub(super) fn articles(digests: &[Digest], groups: &[Vec<usize>]) -> Vec<Article> {
    groups
        .iter()
        .filter_map(|group| {
            let canonical = *group.first()?;
            let digest = |i: &usize| digests.get(*i);
            let direct = group
                .iter()
                .filter_map(digest)
                .find(|d| d.day.is_some() && d.day_direct);
            let day = digest(&canonical)
                .and_then(|d| d.day)
                .or_else(|| direct.and_then(|d| d.day))
                .or_else(|| group.iter().filter_map(digest).find_map(|d| d.day));
            let mut members = group.clone();
            members.sort_unstable();
            members.dedup();
            let first = digest(&canonical);
            Some(Article {
                canonical,
                members,
                day,
                outlet: first.and_then(|d| d.outlet),
                report: first.is_none_or(|d| d.report),
            })
        })
        .collect()
}

/// A term as one article holds it.
#[derive(Debug, Clone, Copy)]
struct Held {
    id: u32,
    count: u16,
    /// The article writes it as a name (capitalised in mid-sentence, in prose).
    name: bool,
    /// The article names this person.
    person: bool,
}

/// What two articles have in common.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Tie {
    /// Terms both hold.
    pub(super) shared: usize,
    /// Cosine similarity of their weighted term sets.
    pub(super) similarity: f64,
    /// Named entities both write as names, a name of several words counting once with its words.
    pub(super) names: usize,
    /// Whether one of those names is a person one of them names.
    pub(super) person: bool,
    /// Cosine similarity of their name profiles ([`NAME_SIMILARITY`]).
    pub(super) names_alike: f64,
}

/// What the corpus knows of one term.
#[derive(Default)]
struct TermStats {
    articles: u32,
    as_name: u32,
    as_person: u32,
    only_in_names: u32,
    in_names: bool,
}

/// The corpus' view of the terms found in two articles or more: weights, and each article's
/// weighted terms. A term's id is its rank among their keys, so nothing depends on hash order.
pub(super) struct Corpus {
    /// The term's key ([`super::terms::term_key`]) by id.
    key: Vec<u64>,
    weight: Vec<f64>,
    /// Articles holding the term.
    frequency: Vec<u32>,
    /// Most articles holding it write it as a name.
    name: Vec<bool>,
    /// The word only ever appears inside longer names ("Kaja", "States"): the longer name
    /// explains a story better.
    only_in_names: Vec<bool>,
    /// Each article's terms found in at least two articles, by id.
    vectors: Vec<Vec<Held>>,
    /// For a name of several words, the ids of its words that are terms ("Boris", "Pistorius"
    /// for "Boris Pistorius"): a shared name counts once with its words.
    parts: BTreeMap<u32, Vec<u32>>,
    /// Each article's norm over all its own terms.
    norms: Vec<f64>,
    /// Each article's norm over its name profile ([`Corpus::profile`]).
    name_norms: Vec<f64>,
}

impl Corpus {
    /// The corpus of the articles' canonical digests, whose terms it takes.
    pub(super) fn build(digests: &mut [Digest], articles: &[Article]) -> Corpus {
        // A line held by two articles or more is furniture, and so is a term found only there.
        let mut keyed: Vec<(u64, usize)> = articles
            .iter()
            .enumerate()
            .filter_map(|(a, article)| Some((a, digests.get(article.canonical)?)))
            .flat_map(|(a, digest)| digest.paragraphs.iter().map(move |&key| (key, a)))
            .collect();
        keyed.sort_unstable();
        keyed.dedup();
        let furniture: HashSet<u64> = keyed
            .windows(2)
            .filter(|w| matches!(w, [x, y] if x.0 == y.0))
            .filter_map(|w| w.first().map(|x| x.0))
            .collect();
        drop(keyed);
        // An article's own terms: those not found only in furniture.
        let own = |digest: &Digest, entry: &Entry| {
            entry.paragraph == SPREAD
                || digest
                    .paragraphs
                    .get(usize::from(entry.paragraph))
                    .is_none_or(|key| !furniture.contains(key))
        };
        let mut stats: HashMap<u64, TermStats> = HashMap::new();
        for digest in articles.iter().filter_map(|a| digests.get(a.canonical)) {
            for entry in digest.terms.iter().filter(|entry| own(digest, entry)) {
                let term = stats.entry(entry.key()).or_default();
                term.articles += 1;
                term.as_name += u32::from(entry.name());
                term.as_person += u32::from(entry.person());
                term.only_in_names += u32::from(entry.only_in_names());
                term.in_names |= entry.in_names();
            }
        }
        let n = articles.len() as f64;
        // Smoothed IDF: a term every article shares still weighs something in a small corpus.
        let idf = |df: u32| ((1.0 + n) / (1.0 + f64::from(df))).ln() + 1.0;
        let weigh = |t: &TermStats| {
            let boost = if t.as_person > 0 {
                PERSON_WEIGHT
            } else if t.as_name * 2 > t.articles {
                NAME_WEIGHT
            } else {
                1.0
            };
            idf(t.articles) * boost
        };
        // An article's norm counts every term, those no other article has too: what an article
        // says that the other does not makes them less alike.
        let norms: Vec<f64> = articles
            .iter()
            .map(|article| {
                let Some(digest) = digests.get(article.canonical) else {
                    return 0.0;
                };
                digest
                    .terms
                    .iter()
                    .filter(|entry| own(digest, entry))
                    .filter_map(|entry| stats.get(&entry.key()))
                    .map(|t| weigh(t).powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .collect();
        let mut shared: Vec<(u64, TermStats)> = stats.into_iter().filter(|(_, t)| t.articles >= 2).collect();
        shared.sort_unstable_by_key(|(key, _)| *key);
        let ids: HashMap<u64, u32> = shared
            .iter()
            .enumerate()
            .filter_map(|(id, (key, _))| Some((*key, u32::try_from(id).ok()?)))
            .collect();
        let mut corpus = Corpus {
            key: shared.iter().map(|(key, _)| *key).collect(),
            weight: shared.iter().map(|(_, t)| weigh(t)).collect(),
            frequency: shared.iter().map(|(_, t)| t.articles).collect(),
            name: shared.iter().map(|(_, t)| t.as_name * 2 > t.articles).collect(),
            only_in_names: shared
                .iter()
                .map(|(_, t)| t.only_in_names == t.articles && t.in_names)
                .collect(),
            vectors: Vec::with_capacity(articles.len()),
            parts: BTreeMap::new(),
            norms,
            name_norms: Vec::with_capacity(articles.len()),
        };
        drop(shared);
        for article in articles {
            let Some(digest) = digests.get_mut(article.canonical) else {
                corpus.vectors.push(Vec::new());
                continue;
            };
            // The digest's terms are not needed once its article's vector is made.
            let entries = std::mem::take(&mut digest.terms);
            let id_of = |i: usize| entries.get(i).and_then(|e| ids.get(&e.key()).copied());
            for &(whole, word) in &digest.parts {
                if let (Some(whole), Some(word)) = (id_of(usize::from(whole)), id_of(usize::from(word))) {
                    let words = corpus.parts.entry(whole).or_default();
                    if !words.contains(&word) {
                        words.push(word);
                    }
                }
            }
            let mut vector: Vec<Held> = entries
                .iter()
                .filter(|entry| own(digest, entry))
                .filter_map(|entry| {
                    Some(Held {
                        id: *ids.get(&entry.key())?,
                        count: entry.count,
                        name: entry.name(),
                        person: entry.person(),
                    })
                })
                .collect();
            vector.sort_by(|a, b| {
                corpus
                    .weight(b.id)
                    .total_cmp(&corpus.weight(a.id))
                    .then(a.id.cmp(&b.id))
            });
            vector.truncate(TERMS_PER_ARTICLE);
            vector.sort_unstable_by_key(|held| held.id);
            vector.shrink_to_fit();
            let norm = vector
                .iter()
                .map(|held| corpus.profile(held).powi(2))
                .sum::<f64>()
                .sqrt();
            corpus.name_norms.push(norm);
            corpus.vectors.push(vector);
        }
        corpus
    }

    /// What a term weighs in an article's name profile: for a name (the article writes it so, and
    /// so do most articles holding it), its weight times its occurrences, as the names a text is
    /// about are the ones it repeats; nothing for another word.
    fn profile(&self, held: &Held) -> f64 {
        let name = held.name && self.name.get(held.id as usize).copied().unwrap_or(false);
        if name {
            self.weight(held.id) * f64::from(held.count)
        } else {
            0.0
        }
    }

    fn weight(&self, id: u32) -> f64 {
        self.weight.get(id as usize).copied().unwrap_or(0.0)
    }

    fn vector(&self, article: usize) -> &[Held] {
        self.vectors.get(article).map_or(&[], Vec::as_slice)
    }

    /// What two articles have in common: shared terms, the cosine similarity of their weighted
    /// term sets, and the named entities they share.
    pub(super) fn tie(&self, a: usize, b: usize) -> Tie {
        let (va, vb) = (self.vector(a), self.vector(b));
        let (mut i, mut j, mut shared, mut dot, mut names_dot) = (0, 0, 0, 0.0, 0.0);
        let mut names: Vec<u32> = Vec::new();
        let mut person = false;
        while let (Some(x), Some(y)) = (va.get(i), vb.get(j)) {
            match x.id.cmp(&y.id) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    dot += self.weight(x.id).powi(2);
                    names_dot += self.profile(x) * self.profile(y);
                    if x.name && y.name {
                        names.push(x.id);
                        person |= x.person || y.person;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        // "Boris Pistorius", "Boris" and "Pistorius" are one entity.
        let within: HashSet<u32> = names
            .iter()
            .filter_map(|id| self.parts.get(id))
            .flatten()
            .copied()
            .collect();
        let cosine = |dot: f64, norms: &[f64]| {
            let norm = |i: usize| norms.get(i).copied().unwrap_or(0.0);
            let denominator = norm(a) * norm(b);
            if denominator > 0.0 {
                dot / denominator
            } else {
                0.0
            }
        };
        Tie {
            shared,
            similarity: cosine(dot, &self.norms),
            names: names.iter().filter(|id| !within.contains(id)).count(),
            person,
            names_alike: cosine(names_dot, &self.name_norms),
        }
    }

    /// Pairs of articles worth comparing, each once, as (smaller, larger) index: those that hold
    /// one of the other's rarest terms, and those whose names agree on a band of MinHash slots.
    /// Both are bounded per article, so the pairs grow linearly with the corpus.
    fn candidates(&self) -> Vec<(u32, u32)> {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
        for (article, vector) in self.vectors.iter().enumerate() {
            let Ok(article) = u32::try_from(article) else { break };
            let mut probes: Vec<&Held> = vector
                .iter()
                .filter(|held| {
                    self.frequency
                        .get(held.id as usize)
                        .is_some_and(|&df| df as usize <= MAX_POSTING)
                })
                .collect();
            probes.sort_by(|a, b| self.weight(b.id).total_cmp(&self.weight(a.id)).then(a.id.cmp(&b.id)));
            for held in probes.into_iter().take(PROBES) {
                postings.entry(held.id).or_default().push(article);
            }
        }
        for members in postings.values() {
            for (k, &a) in members.iter().enumerate() {
                pairs.extend(members.iter().skip(k + 1).map(|&b| (a.min(b), a.max(b))));
            }
        }
        drop(postings);
        let signatures: Vec<Option<[u32; NAME_HASHES]>> = self.vectors.iter().map(|v| self.name_signature(v)).collect();
        for band in 0..NAME_HASHES / NAME_ROWS {
            let mut buckets: HashMap<u64, Vec<u32>> = HashMap::new();
            for (article, signature) in signatures.iter().enumerate() {
                let (Some(signature), Ok(article)) = (signature, u32::try_from(article)) else {
                    continue;
                };
                let Some(rows) = signature.get(band * NAME_ROWS..(band + 1) * NAME_ROWS) else {
                    continue;
                };
                let bytes: Vec<u8> = rows.iter().flat_map(|h| h.to_le_bytes()).collect();
                buckets.entry(xxh3_64(&bytes)).or_default().push(article);
            }
            for members in buckets.values() {
                for (k, &a) in members.iter().enumerate() {
                    pairs.extend(members.iter().skip(k + 1).take(BUCKET_WINDOW).map(|&b| (a, b)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// The MinHash slots of an article's names, when it has enough of them to share
    /// [`MIN_SHARED_NAMES`].
    fn name_signature(&self, vector: &[Held]) -> Option<[u32; NAME_HASHES]> {
        // Entities, not their parts: "Kaja", only ever in "Kaja Kallas", would bring every Kaja
        // together.
        let entity = |held: &&Held| held.name && !self.only_in_names.get(held.id as usize).copied().unwrap_or(false);
        let names: Vec<u64> = vector
            .iter()
            .filter(entity)
            .filter_map(|held| self.key.get(held.id as usize).copied())
            .collect();
        if names.len() < MIN_SHARED_NAMES {
            return None;
        }
        let mut slots = [u32::MAX; NAME_HASHES];
        for key in names {
            for (i, slot) in slots.iter_mut().enumerate() {
                *slot = (*slot).min((crate::group::permute(key, i) >> 32) as u32);
            }
        }
        Some(slots)
    }
}

/// What is known of two articles besides their terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pair {
    /// Both publication dates are known.
    pub(super) both_dated: bool,
    /// Both are reports (articles, or pages of no known type).
    pub(super) both_reports: bool,
    /// Both come from one outlet.
    pub(super) one_outlet: bool,
}

impl Pair {
    pub(super) fn of(a: &Article, b: &Article) -> Pair {
        Pair {
            both_dated: a.day.is_some() && b.day.is_some(),
            both_reports: a.report && b.report,
            one_outlet: a.outlet.is_some() && a.outlet == b.outlet,
        }
    }
}

/// Whether two articles are one story: they are alike in their terms, share named entities (at
/// least [`MIN_SHARED_NAMES`]) and are about the same ones ([`NAME_SIMILARITY`]: a topic's pages
/// name the same cast, an event's reports the same protagonists). Two pages of one outlet are
/// never joined directly: a story is told by several outlets, and one outlet's pages on a beat
/// (its motor-show cars, its theatre's productions) share its vocabulary; they may still meet in
/// a story through another outlet's report. When one of them has no known date, nothing places
/// the two in the same days, and when one is not a report (a product page, a listing, a forum
/// thread) nothing says it tells of an event: a topic's pages share names as well as an event's
/// reports (two guides to business schools, or to movers, name the same ones), so the names must
/// then include a person, as the reports of an event name the people in it. Dates that are known
/// are checked as the story grows ([`Forest::union`]).
pub(super) fn joins(tie: &Tie, pair: Pair, options: StoryOptions) -> bool {
    tie.shared >= options.min_shared_terms.max(1)
        && tie.similarity >= SIMILARITY
        && tie.names >= MIN_SHARED_NAMES
        && tie.names_alike >= NAME_SIMILARITY
        && !pair.one_outlet
        && ((pair.both_dated && pair.both_reports) || tie.person)
}

/// Union-find over articles that keeps, for each set, the span of its known dates.
struct Forest {
    parent: Vec<usize>,
    days: Vec<Option<(i64, i64)>>,
}

impl Forest {
    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }

    /// Joins the sets of `a` and `b` unless their dates would span more than `max_days` days.
    fn union(&mut self, a: usize, b: usize, max_days: i64) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let da = self.days.get(ra).copied().flatten();
        let db = self.days.get(rb).copied().flatten();
        let span = match (da, db) {
            (Some((lo1, hi1)), Some((lo2, hi2))) => Some((lo1.min(lo2), hi1.max(hi2))),
            (one, other) => one.or(other),
        };
        if span.is_some_and(|(lo, hi)| hi.saturating_sub(lo) > max_days) {
            return;
        }
        // The smaller index becomes the root, so roots are first articles.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(child) {
            *slot = root;
        }
        if let Some(slot) = self.days.get_mut(root) {
            *slot = span;
        }
    }
}

/// Stories as lists of article indices, in the order of their first article. Candidate pairs are
/// compared in parallel; the order they are joined in does not depend on the threads.
pub(super) fn cluster(articles: &[Article], corpus: &Corpus, options: StoryOptions) -> Vec<Vec<usize>> {
    let mut links: Vec<(f64, usize, usize)> = corpus
        .candidates()
        .into_par_iter()
        .filter_map(|(a, b)| {
            let (a, b) = (a as usize, b as usize);
            let pair = Pair::of(articles.get(a)?, articles.get(b)?);
            let tie = corpus.tie(a, b);
            joins(&tie, pair, options).then_some((tie.similarity, a, b))
        })
        .collect();
    // Strongest links first, so that the date limit refuses the weakest joins.
    links.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut forest = Forest {
        parent: (0..articles.len()).collect(),
        days: articles.iter().map(|a| a.day.map(|d| (d, d))).collect(),
    };
    for (_, a, b) in links {
        forest.union(a, b, options.max_days_apart);
    }
    let mut stories: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..articles.len() {
        let root = forest.find(i);
        stories.entry(root).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = stories.into_values().collect();
    out.sort_by_key(|members| members.first().copied().unwrap_or(usize::MAX));
    out
}

/// How a story's articles write a term: its lower-case form, and each capitalised form with the
/// number of articles writing it so as a name.
pub(super) type Surfaces = HashMap<u64, (String, BTreeMap<String, usize>)>;

/// The terms shared by at least two of a story's articles, heaviest first: a term's weight
/// times its prominence in the articles holding it (1 + ln of its occurrences in each), then
/// alphabetically. A name is shown as the story's articles most often write it, another word in
/// lower case. A word only ever part of longer names ("Kaja") is left out, and so is a
/// multi-word name whose last word ("Pistorius" for "Boris Pistorius") is shown and holds at
/// least as many of the articles.
pub(super) fn explain(corpus: &Corpus, members: &[usize], surfaces: &Surfaces) -> Vec<String> {
    if members.len() < 2 {
        return Vec::new();
    }
    let mut support: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
    for &article in members {
        for held in corpus.vector(article) {
            let entry = support.entry(held.id).or_default();
            entry.0 += 1;
            entry.1 += 1.0 + f64::from(held.count.max(1)).ln();
        }
    }
    let display = |id: u32| -> Option<String> {
        let (key, forms) = surfaces.get(corpus.key.get(id as usize)?)?;
        let name = corpus.name.get(id as usize).copied().unwrap_or(false);
        let surface = forms
            .iter()
            .filter(|(s, _)| s.starts_with(char::is_uppercase))
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(s, _)| s);
        Some(if name { surface.unwrap_or(key) } else { key }.clone())
    };
    let hidden = |id: u32| corpus.only_in_names.get(id as usize).copied().unwrap_or(false);
    let shown: Vec<(u32, usize, f64, String)> = support
        .into_iter()
        .filter(|&(id, _)| !hidden(id))
        .filter_map(|(id, (articles, prominence))| Some((id, articles, prominence, display(id)?)))
        .collect();
    let articles_of: BTreeMap<String, usize> = shown
        .iter()
        .map(|(_, articles, _, term)| (term.to_lowercase(), *articles))
        .collect();
    let mut ranked: Vec<(f64, &str)> = shown
        .iter()
        .filter(|(_, articles, _, _)| *articles >= 2)
        .filter(|(_, articles, _, term)| {
            let last = term.rsplit(' ').next().unwrap_or(term).to_lowercase();
            !term.contains(' ') || articles_of.get(&last).is_none_or(|a| a < articles)
        })
        .map(|(id, _, prominence, term)| (corpus.weight(*id) * prominence, term.as_str()))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    ranked
        .into_iter()
        .take(STORY_TERMS)
        .map(|(_, term)| term.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two reports of one event: alike, sharing five names with a person among them, about the
    /// same ones, dated, both articles, from two outlets.
    const EVENT: Tie = Tie {
        shared: 40,
        similarity: 0.35,
        names: 5,
        person: true,
        names_alike: 0.8,
    };
    const APART: Pair = Pair {
        both_dated: true,
        both_reports: true,
        one_outlet: false,
    };

    fn joined(tie: Tie, pair: Pair) -> bool {
        joins(&tie, pair, StoryOptions::default())
    }

    #[test]
    fn reports_about_the_same_names_join() {
        assert!(joined(EVENT, APART));
    }

    #[test]
    fn pages_naming_the_same_cast_about_others_do_not_join() {
        let topic = Tie {
            names_alike: 0.3,
            ..EVENT
        };
        assert!(!joined(topic, APART));
    }

    #[test]
    fn pages_of_one_outlet_do_not_join() {
        assert!(!joined(
            EVENT,
            Pair {
                one_outlet: true,
                ..APART
            }
        ));
    }

    #[test]
    fn a_page_that_is_not_a_report_needs_a_person() {
        let product = Pair {
            both_reports: false,
            ..APART
        };
        assert!(joined(EVENT, product));
        let no_person = Tie { person: false, ..EVENT };
        assert!(joined(no_person, APART));
        assert!(!joined(no_person, product));
    }
}
