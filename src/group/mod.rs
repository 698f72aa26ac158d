//! Variant groups: which cleaned documents are copies of one article (a second scrape, a
//! syndicated copy, a mirror), which copy is canonical, their merged provenance, and how each
//! copy differs from the canonical one.
//!
//! Near-duplicates are found with MinHash over word 5-shingles and LSH banding: every body gets
//! a signature of 128 slots; two bodies whose signatures agree on a whole band are candidates,
//! and candidates whose estimated Jaccard similarity reaches the threshold are joined. The work
//! per document is constant, so grouping grows linearly with the corpus (SimHash was the other
//! choice; MinHash estimates Jaccard directly, which is what "the same text with a few changes"
//! means, and its banding threshold is easy to reason about).
//!
//! The signature is a one-permutation MinHash (Li, Owen and Zhang 2012, "One Permutation
//! Hashing") with optimal densification (Shrivastava 2017, "Optimal Densification for Fast and
//! Accurate Minwise Hashing"): each word is hashed once, as it is read; a shingle's hash is a
//! hash of its words' hashes; the top bits of a shingle's hash pick one slot, which keeps the
//! least value it is given; and each slot no shingle reached copies the value of the first
//! reached slot in a probe sequence of its own, the same in every signature, so two copies agree
//! on it as often as on the slot it copied. That costs one hash per word and one per shingle,
//! where 128 independent permutations cost 128 per shingle, and the estimate's error stays near
//! theirs: about the same from a hundred words on (root mean square error near 0.04 over pairs
//! of known Jaccard similarity), a little larger below, where the shingles fill few slots (0.045
//! to 0.048 against 0.034 to 0.039 at 8 to 40 words).
//!
//! ```
//! let extractor = pith::Extractor::builder().build();
//! let body = "The council passed the budget on Monday after a debate that lasted six hours.\n\n\
//!             The vote was seven to two, with the two members against asking for more time.\n";
//! let records = [
//!     extractor.extract("first.txt", body)?,
//!     extractor.extract("mirror.txt", body.replace("six hours", "seven hours"))?,
//!     extractor.extract("other.txt", "A different article about the weather in the hills this week, which was mild.\n")?,
//! ];
//! let groups = pith::group::group(&records, pith::group::GroupOptions::default());
//! assert_eq!(groups.len(), 2);
//! assert_eq!(groups[0].members.len(), 2);
//! assert_eq!(groups[1].canonical, "other.txt");
//! # Ok::<(), pith::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::provenance::{field_names, Evidence, FieldKind, Provenance};
use crate::text::union_find::find;
use crate::Record;

/// Slots in a signature.
pub(crate) const HASHES: usize = 128;
/// LSH bands; `HASHES / BANDS` rows each. 64 bands of 2 rows make a pair a candidate with
/// probability 1 − (1 − J²)^64: above 0.999 from Jaccard 0.35 on (the copies `--threshold`
/// joins, and most copies one of which holds the other), 0.93 at 0.2 (the least
/// [`CONTAINMENT_MIN_JACCARD`]); 0.025 at 0.02, where bodies share no more than a stock line. (32
/// bands of 4 rows missed one pair in eight at Jaccard 0.5 and most at 0.35.)
const BANDS: usize = 64;
const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
const SHINGLE: usize = 5;
/// The top bits of a shingle's hash that pick its slot: 7 for 128 slots.
const SLOT_BITS: u32 = HASHES.trailing_zeros();
const _: () = assert!(HASHES.is_power_of_two(), "a shingle's slot is the top bits of its hash");
/// An empty slot: what an empty body's slots hold, and what no shingle's value can be (values
/// are capped one below), so that empty slots never agree with filled ones.
const EMPTY: u32 = u32::MAX;
/// Tries of an empty slot's probe sequence before it scans the slots in order instead: with two
/// slots of 128 filled, all 1024 tries miss once in ten million empty slots (with one, every
/// slot copies it anyway), so the scan only bounds the loop.
const PROBES: u32 = 1024;
/// FNV-1a's 64-bit offset basis and prime: the word hash reads a word's lower-cased bytes one
/// at a time as they are made, so no word is copied into a String.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// splitmix64's increment (2^64 / golden ratio): seeds of successive slots' permutations.
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
/// The least Jaccard similarity at which one body can be a copy held in another
/// ([`GroupOptions::containment`]): held whole, the shorter is then a fifth of the longer. Below,
/// it is an excerpt quoted in another text, not a copy of it.
const CONTAINMENT_MIN_JACCARD: f32 = 0.2;
/// The fewest distinct shingles (about fifty words) of a body that joins its group by being held
/// in a longer one: a shorter body is mostly lines many pages of a site share (a shipping note, a
/// help menu, a stock reply), and joins by Jaccard similarity only.
const CONTAINMENT_MIN_SHINGLES: u32 = 50;
/// Members of a band's bucket up to which every pair in it is compared; a larger bucket (many
/// copies of one text) compares each member with its first only, so the work stays linear.
const BUCKET_ALL_PAIRS: usize = 16;

/// Options for grouping: the default, or [`GroupOptions::with_threshold`] and
/// [`GroupOptions::containment`].
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct GroupOptions {
    /// Estimated Jaccard similarity of shingle sets from which two bodies are copies.
    pub threshold: f32,
    /// Estimated share of the shorter body's shingles found in the longer one from which the
    /// shorter is a copy held in the longer (a truncated or excerpted copy, a dump that kept less
    /// of the page); `None` joins by Jaccard similarity only. See [`GroupOptions::containment`].
    pub containment: Option<f32>,
}

impl Default for GroupOptions {
    /// Jaccard similarity 0.5, or four fifths of the shorter body held in the longer: on the
    /// benchmark's pages (each as HTML, text and markdown, 5,219 bodies) containment 0.8 joins 172
    /// pairs of one page's bodies that Jaccard 0.5 leaves apart, and three pairs of two pages.
    fn default() -> Self {
        GroupOptions {
            threshold: 0.5,
            containment: Some(0.8),
        }
    }
}

impl GroupOptions {
    /// The default options with another threshold (`pith group --threshold`): the estimated
    /// Jaccard similarity of word 5-shingles, 0 to 1, from which two bodies are copies.
    pub fn with_threshold(threshold: f32) -> Self {
        GroupOptions {
            threshold,
            ..GroupOptions::default()
        }
    }

    /// These options with another containment (`pith group --containment`, `None` for
    /// `--no-containment`). A shorter body joins the group of a longer one that holds this share
    /// of its shingles when the two are also at least 0.2 alike (Jaccard) and the
    /// shorter has 50 shingles or more; held in several groups, it joins none
    /// (it is then text those pages share, not a copy of one), so a short body never bridges two
    /// articles.
    #[must_use]
    pub fn containment(self, containment: Option<f32>) -> Self {
        GroupOptions { containment, ..self }
    }
}

/// The MinHash signature of a body: 32-bit minimums (half the memory of 64-bit ones; a chance
/// agreement on a slot is one in four billion), and how many distinct shingles it has, so that
/// the share of a shorter body held in a longer one follows from their Jaccard estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signature {
    pub slots: Vec<u32>,
    pub shingles: u32,
}

/// The word tokens of a body (letters, digits, underscore), as the metric counts words;
/// Chinese, Japanese and Thai a word per UAX #29 word ([`crate::text::words`]), so their
/// shingles are a few characters, not a few paragraphs.
fn words(text: &str) -> impl Iterator<Item = &str> {
    crate::text::words(text)
        .flat_map(|token| token.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
}

/// splitmix64's finaliser: every bit of the result depends on every bit of `z`.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A well-mixed variant of `hash` for slot `i` (splitmix64 of the hash and the slot's seed).
pub(crate) fn permute(hash: u64, i: usize) -> u64 {
    mix(hash ^ (i as u64).wrapping_mul(GOLDEN))
}

/// FNV-1a over `bytes`, continuing from `hash`.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(hash, |h, b| (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME))
}

/// The hash of a word as [`str::to_lowercase`] spells it (FNV-1a over its UTF-8 bytes, then
/// [`mix`]), read a character at a time: a word and its capitalised or upper-case forms hash
/// alike, without a String per word.
pub(crate) fn word_hash(word: &str) -> u64 {
    let hash = if word.is_ascii() {
        word.bytes()
            .fold(FNV_OFFSET, |h, b| fnv1a(h, &[b.to_ascii_lowercase()]))
    } else if word.contains('Σ') {
        // A capital sigma lower-cases by its place (ς ending a word, σ elsewhere), which only
        // `str::to_lowercase` knows (the Unicode properties it reads are not public): a Greek
        // word with one pays for a String.
        fnv1a(FNV_OFFSET, word.to_lowercase().as_bytes())
    } else {
        let mut utf8 = [0u8; 4];
        word.chars()
            .flat_map(char::to_lowercase)
            .fold(FNV_OFFSET, |h, c| fnv1a(h, c.encode_utf8(&mut utf8).as_bytes()))
    };
    mix(hash)
}

/// The MinHash signature of a text's word shingles (a text shorter than a shingle is one): one
/// permutation, densified (see the module's documentation).
pub(crate) fn signature(text: &str) -> Signature {
    let mut slots = [EMPTY; HASHES];
    let mut hashes: Vec<u64> = Vec::new();
    let mut add = |shingle: &[u8]| {
        let hash = xxh3_64(shingle);
        hashes.push(hash);
        let value = (hash as u32).min(EMPTY - 1);
        if let Some(slot) = slots.get_mut((hash >> (u64::BITS - SLOT_BITS)) as usize) {
            *slot = (*slot).min(value);
        }
    };
    // The hashes of the last SHINGLE words, oldest first: a shingle's hash reads their bytes.
    let mut window = [[0u8; 8]; SHINGLE];
    let mut seen = 0usize;
    for word in words(text) {
        if seen >= SHINGLE {
            window.rotate_left(1);
        }
        if let Some(last) = window.get_mut(seen.min(SHINGLE - 1)) {
            *last = word_hash(word).to_le_bytes();
        }
        seen += 1;
        if seen >= SHINGLE {
            add(window.as_flattened());
        }
    }
    if (1..SHINGLE).contains(&seen) {
        add(window.get(..seen).unwrap_or_default().as_flattened());
    }
    densify(&mut slots);
    hashes.sort_unstable();
    hashes.dedup();
    Signature {
        slots: slots.to_vec(),
        shingles: u32::try_from(hashes.len()).unwrap_or(u32::MAX),
    }
}

/// Fills the slots no shingle reached (Shrivastava 2017's optimal densification): each tries
/// slots in a pseudo-random order of its own, the same in every signature, and copies the value
/// of the first that a shingle reached. Two bodies then agree on an empty slot with the
/// probability they agree on a filled one, their Jaccard similarity, so the estimate stays
/// unbiased. A body without shingles keeps every slot empty.
fn densify(slots: &mut [u32; HASHES]) {
    let reached = *slots;
    let is_reached = |i: usize| reached.get(i).is_some_and(|v| *v != EMPTY);
    let mut filled = (0..HASHES).filter(|i| is_reached(*i));
    match (filled.next().and_then(|i| reached.get(i)), filled.next()) {
        (None, _) => return,
        // One slot filled (a short body): every probe sequence ends there; copy it without the
        // 16,000 probes that would find it.
        (Some(only), None) => {
            slots.fill(*only);
            return;
        }
        _ => {}
    }
    for (i, slot) in slots.iter_mut().enumerate().filter(|(i, _)| !is_reached(*i)) {
        let from = (0..PROBES)
            .map(|attempt| (permute(u64::from(attempt), i) >> (u64::BITS - SLOT_BITS)) as usize)
            .find(|j| is_reached(*j))
            .or_else(|| (1..HASHES).map(|k| (i + k) % HASHES).find(|j| is_reached(*j)));
        if let Some(value) = from.and_then(|j| reached.get(j)) {
            *slot = *value;
        }
    }
}

impl Signature {
    /// The share of slots on which two signatures agree: an estimate of Jaccard similarity.
    pub(crate) fn similarity(&self, other: &Signature) -> f32 {
        let same = self
            .slots
            .iter()
            .zip(&other.slots)
            .filter(|(a, b)| a == b && **a != EMPTY)
            .count();
        same as f32 / HASHES as f32
    }

    /// The hash of one band's rows, or None for an empty body.
    fn band_key(&self, band: usize) -> Option<u64> {
        let rows = self.slots.get(band * ROWS..(band + 1) * ROWS)?;
        if rows.iter().all(|h| *h == EMPTY) {
            return None;
        }
        let mut bytes = [0u8; ROWS * 4];
        for (chunk, h) in bytes.chunks_mut(4).zip(rows) {
            chunk.copy_from_slice(&h.to_le_bytes());
        }
        Some(xxh3_64(&bytes))
    }
}

/// How two bodies a band made candidates are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// Copies: Jaccard similarity at the threshold.
    Copies,
    /// The first (shorter) body is held in the second (longer) one.
    Held(usize, usize),
    Apart,
}

impl GroupOptions {
    /// How the bodies `a` and `b` are related, from their signatures.
    fn relation(&self, a: (usize, &Signature), b: (usize, &Signature)) -> Relation {
        let jaccard = a.1.similarity(b.1);
        if jaccard >= self.threshold {
            return Relation::Copies;
        }
        let Some(containment) = self.containment else {
            return Relation::Apart;
        };
        let (short, long) = if (b.1.shingles, a.0) < (a.1.shingles, b.0) {
            (b, a)
        } else {
            (a, b)
        };
        if jaccard < CONTAINMENT_MIN_JACCARD || short.1.shingles < CONTAINMENT_MIN_SHINGLES {
            return Relation::Apart;
        }
        // |A ∩ B| = J (|A| + |B|) / (1 + J), as a share of the shorter body's shingles.
        let total = short.1.shingles as f32 + long.1.shingles as f32;
        let held = jaccard * total / ((1.0 + jaccard) * short.1.shingles as f32);
        if held >= containment {
            Relation::Held(short.0, long.0)
        } else {
            Relation::Apart
        }
    }
}

/// The pairs of a band's bucket to compare: every pair in a small bucket, each member with the
/// first in a large one ([`BUCKET_ALL_PAIRS`]).
fn bucket_pairs(members: &[usize]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let firsts = if members.len() <= BUCKET_ALL_PAIRS {
        members.len()
    } else {
        1
    };
    members
        .iter()
        .take(firsts)
        .enumerate()
        .flat_map(move |(i, &a)| members.iter().skip(i + 1).map(move |&b| (a, b)))
}

/// Groups of near-duplicate documents, as lists of indices in input order; each group is listed
/// at its first member, singletons included.
///
/// Copies (Jaccard similarity at the threshold) are joined first. Then each body held in a
/// longer one ([`GroupOptions::containment`]), longest first, joins the one group that holds it;
/// held in several groups, it joins none. Longest first, so that a body held in a body held in
/// a third finds the two already joined.
pub(crate) fn cluster(signatures: &[Signature], options: GroupOptions) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..signatures.len()).collect();
    let mut held: BTreeSet<(std::cmp::Reverse<u32>, usize, usize)> = BTreeSet::new();
    // One band at a time, so that only one band's buckets are ever in memory.
    for band in 0..BANDS {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, sig) in signatures.iter().enumerate() {
            if let Some(key) = sig.band_key(band) {
                buckets.entry(key).or_default().push(i);
            }
        }
        // Buckets in a stable order, so that hash map iteration never reaches the output.
        let mut shared: Vec<Vec<usize>> = buckets.into_values().filter(|m| m.len() > 1).collect();
        shared.sort_unstable();
        for members in shared {
            for (first, other) in bucket_pairs(&members) {
                let (Some(a), Some(b)) = (signatures.get(first), signatures.get(other)) else {
                    continue;
                };
                match options.relation((first, a), (other, b)) {
                    Relation::Copies => union(&mut parent, first, other),
                    Relation::Held(short, long) => {
                        let size = signatures.get(short).map_or(0, |s| s.shingles);
                        held.insert((std::cmp::Reverse(size), short, long));
                    }
                    Relation::Apart => {}
                }
            }
        }
    }
    let mut pending = held.into_iter().peekable();
    while let Some((size, short, long)) = pending.next() {
        let mut holders = BTreeSet::from([find(&mut parent, long)]);
        while let Some((_, _, long)) = pending.next_if(|next| (next.0, next.1) == (size, short)) {
            holders.insert(find(&mut parent, long));
        }
        let own = find(&mut parent, short);
        if let (1, Some(&holder)) = (holders.len(), holders.first()) {
            if holder != own {
                union(&mut parent, short, holder);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..signatures.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|members| members.first().copied().unwrap_or(usize::MAX));
    out
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    // The smaller index becomes the root, so roots are first members.
    let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
    if let Some(slot) = parent.get_mut(child) {
        *slot = root;
    }
}

/// One copy in a group, compared with the canonical copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// The member's `source`.
    pub source: String,
    /// Word similarity to the canonical body ([`crate::diff::word_similarity`]; 1.0 for the
    /// canonical itself). Not the MinHash estimate `--threshold` is compared with.
    pub word_similarity: f32,
    /// Words in this member's body that the canonical body does not have.
    pub words_added: usize,
    /// Words of the canonical body that this member's body does not have.
    pub words_removed: usize,
    /// Unified line diff against the canonical body; empty when the bodies are identical.
    pub diff: String,
    /// Whether the body was too long and too different from the canonical one to compare
    /// exactly in [`crate::diff::DIFF_WORK`]: then the diffs show some changed stretches whole,
    /// and the similarity and the word counts are a coarser alignment's. Written only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub coarse: bool,
}

/// Where a merged field's value came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberEvidence {
    /// The `source` of the member the value was read from.
    pub member: String,
    /// Where in that member's input the value was read.
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// A value some member gives for a field that differs from the merged value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    /// The member's value.
    pub value: serde_json::Value,
    /// The `source` of the member that gives it.
    pub member: String,
}

/// The group's provenance: each field from the member with the most direct evidence for it (read
/// from its bytes rather than inferred), the canonical copy first among equals; different values
/// elsewhere are kept as alternatives.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct MergedProvenance {
    /// The article's title.
    pub title: Option<String>,
    /// Its authors.
    pub authors: Vec<String>,
    /// When it was published.
    pub published: Option<String>,
    /// When it was last changed.
    pub modified: Option<String>,
    /// Its address.
    pub url: Option<String>,
    /// The host of its address.
    pub host: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// The outlet's section it is in.
    pub section: Option<String>,
    /// Its language.
    pub language: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its image.
    pub image: Option<String>,
    /// Per field set, the member it came from and the evidence there.
    pub evidence: BTreeMap<String, MemberEvidence>,
    /// Per field, the other values members give for it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub alternatives: BTreeMap<String, Vec<Alternative>>,
}

/// One article and its copies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Stable id: a hash of the canonical member's source.
    pub id: String,
    /// The `source` of the canonical member.
    pub canonical: String,
    /// The canonical member first, then the others in input order.
    pub members: Vec<Member>,
    /// The provenance merged from the members'.
    pub provenance: MergedProvenance,
}

/// Groups cleaned records into variant groups, in the order of each group's first member.
pub fn group(records: &[Record], options: GroupOptions) -> Vec<Group> {
    let signatures: Vec<Signature> = records.iter().map(|r| signature(&r.text)).collect();
    cluster(&signatures, options)
        .into_iter()
        .map(|members| build_group(records, &members))
        .collect()
}

/// How much provenance a record has: the number of article fields set ([`FieldKind::Article`];
/// a page's description or image says nothing about which copy is the original).
pub(crate) fn richness(record: &Record) -> usize {
    record
        .provenance
        .fields()
        .filter(|f| f.kind == FieldKind::Article && f.value.is_some())
        .count()
}

/// The group of the records at `indices` (input order): canonical member, diffs, merged provenance.
fn build_group(records: &[Record], indices: &[usize]) -> Group {
    group_of(&in_member_order(records, indices))
}

/// Which of `positions` (in input order) holds a group's canonical copy: the highest `rank`
/// (richest provenance, then longest body), the first in input order among equals. The one
/// choice of `group`, of its second pass a batch at a time, and of `stories`.
pub(crate) fn canonical_position<K: Ord>(
    positions: impl Iterator<Item = usize>,
    rank: impl Fn(usize) -> K,
) -> Option<usize> {
    positions.max_by(|&a, &b| rank(a).cmp(&rank(b)).then(b.cmp(&a)))
}

/// The records at `indices` (input order) in the order of their group's members: the
/// canonical copy (richest provenance, then longest body, then input order) first, then the
/// others in input order.
pub(crate) fn in_member_order<'a>(records: &'a [Record], indices: &[usize]) -> Vec<&'a Record> {
    let members: Vec<&Record> = indices.iter().filter_map(|i| records.get(*i)).collect();
    let canonical_at = canonical_position(0..members.len(), |i| {
        members.get(i).map(|r| (richness(r), r.text.len()))
    })
    .unwrap_or(0);
    let mut ordered: Vec<&Record> = Vec::with_capacity(members.len());
    ordered.extend(members.get(canonical_at).copied());
    ordered.extend(
        members
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != canonical_at)
            .map(|(_, r)| *r),
    );
    ordered
}

/// The group of records already in member order ([`in_member_order`]): the first is canonical.
#[doc(hidden)] // Not a stable API: for `pith stories`' second pass and its tests.
pub fn group_of(ordered: &[&Record]) -> Group {
    let canonical_text = ordered.first().map_or("", |r| r.text.as_str());
    let reports = ordered.iter().map(|r| compare(canonical_text, r)).collect();
    assemble(ordered, reports)
}

/// The group of records in member order (the first canonical) from each member's comparison
/// with the canonical body ([`compare`], in the same order); the bodies are not read again.
pub(crate) fn assemble(ordered: &[&Record], reports: Vec<Member>) -> Group {
    let canonical = ordered.first().copied();
    let source = canonical.map_or(String::new(), |r| r.source.clone());
    Group {
        id: format!("g-{}", &crate::text::sha256_hex(source.as_bytes())[..16]),
        canonical: source,
        members: reports,
        provenance: merge(ordered),
    }
}

/// A member against the canonical body: similarity, words added and removed, a line diff.
pub(crate) fn compare(canonical: &str, record: &Record) -> Member {
    let similarity = crate::diff::similarity(canonical, &record.text);
    let words = crate::diff::word_changes(canonical, &record.text);
    let (words_added, words_removed) = words.words_added_removed();
    let (diff, lines_coarse) = if canonical == record.text {
        (String::new(), false)
    } else {
        crate::diff::unified(canonical, &record.text, 1, None)
    };
    Member {
        source: record.source.clone(),
        word_similarity: (similarity.ratio * 1000.0).round() / 1000.0,
        words_added,
        words_removed,
        diff,
        coarse: similarity.coarse || words.coarse || lines_coarse,
    }
}

/// Merges provenance over members ordered canonical first: every field but the capture's own
/// ([`FieldKind::Capture`]: each copy has its own).
fn merge<'r>(members: &[&'r Record]) -> MergedProvenance {
    let mut values = Provenance::default();
    let mut evidence = BTreeMap::new();
    let mut alternatives = BTreeMap::new();
    for name in field_names(&[FieldKind::Article, FieldKind::Page]) {
        let get = |r: &'r Record| r.provenance.field(name).and_then(|f| f.display());
        // Evidence read from a member's own bytes beats a value inferred (a table lookup, a
        // detector); among equals, the canonical member, then input order.
        let direct = |r: &Record| r.provenance.evidence.get(name).is_some_and(|e| e.start.is_some());
        let Some((chosen, value)) = members
            .iter()
            .filter(|r| direct(r))
            .chain(members.iter().filter(|r| !direct(r)))
            .find_map(|r| get(r).map(|v| (*r, v)))
        else {
            continue;
        };
        if let Some(found) = chosen.provenance.evidence.get(name) {
            evidence.insert(
                name.to_string(),
                MemberEvidence {
                    member: chosen.source.clone(),
                    evidence: found.clone(),
                },
            );
        }
        let others: Vec<Alternative> = members
            .iter()
            .filter_map(|r| get(r).filter(|v| *v != value).map(|v| (r, v)))
            .map(|(r, v)| Alternative {
                value: serde_json::Value::String(v.into_owned()),
                member: r.source.clone(),
            })
            .collect();
        if !others.is_empty() {
            alternatives.insert(name.to_string(), others);
        }
        values.copy_field(name, &chosen.provenance);
    }
    MergedProvenance {
        title: values.title,
        authors: values.authors,
        published: values.published,
        modified: values.modified,
        url: values.url,
        host: values.host,
        outlet: values.outlet,
        section: values.section,
        language: values.language,
        description: values.description,
        image: values.image,
        evidence,
        alternatives,
    }
}

#[cfg(test)]
mod tests;
