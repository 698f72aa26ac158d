//! Learned outlet boilerplate: a block that recurs verbatim (after case, whitespace and digit
//! normalisation) in many documents of one outlet is that outlet's boilerplate — the appeal that
//! ends every page, a newsletter box, a standard footer — even where no rule knows its words.
//!
//! A first pass over the corpus ([`Learner`]) counts, per outlet (provenance `outlet`, else
//! `host`), in how many documents each block occurs; blocks seen in at least `min_documents`
//! documents form the [`Model`], which can be saved and reused. Memory: one 64-bit hash and one
//! counter per distinct block per outlet (about 40 bytes in a hash map), so ten million distinct
//! blocks take roughly 400 MB; a block is counted once per document.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::classify::{Reason, Rule, Verdict};
use crate::provenance::Provenance;
use crate::segment::{Block, BlockKind};
use crate::text::normalize;

/// Blocks shorter than this (in characters, normalised) are not learned: "Share", "Home" and the
/// like are the rules' business, and short common lines would collide across real content.
const MIN_CHARS: usize = 20;

/// The outlet key of a document: its outlet, else its host.
fn outlet_of(provenance: &Provenance) -> Option<&str> {
    provenance.outlet.as_deref().or(provenance.host.as_deref())
}

/// The hash of a block's normalised text, or None for blocks too short or quoted.
fn block_hash(text: &str) -> Option<u64> {
    let norm = normalize(text);
    let quoted = norm.starts_with('"') || norm.starts_with('\'');
    (norm.chars().count() >= MIN_CHARS && !quoted).then(|| xxh3_64(norm.as_bytes()))
}

/// One cleaned document as the learner counts it: its outlet and its distinct blocks. It is
/// taken from the blocks themselves, as [`apply`] reads them, not from the ledger, whose
/// segments may each hold a run of blocks.
#[derive(Debug, Clone)]
pub struct Sample {
    outlet: String,
    hashes: HashSet<u64>,
}

impl Sample {
    /// The sample of a document, or None when it has neither outlet nor host.
    pub fn new(provenance: &Provenance, blocks: &[Block]) -> Option<Sample> {
        let outlet = outlet_of(provenance)?.to_string();
        let hashes = blocks.iter().filter_map(|b| block_hash(&b.text)).collect();
        Some(Sample { outlet, hashes })
    }
}

/// Counts blocks per outlet over a corpus.
#[derive(Debug, Default)]
pub struct Learner {
    counts: HashMap<String, HashMap<u64, u32>>,
    documents: HashMap<String, u32>,
}

impl Learner {
    /// Counts the blocks of one cleaned document (each distinct block once).
    pub fn add(&mut self, sample: Sample) {
        let Sample { outlet, hashes } = sample;
        *self.documents.entry(outlet.clone()).or_insert(0) += 1;
        let counts = self.counts.entry(outlet).or_default();
        for hash in hashes {
            *counts.entry(hash).or_insert(0) += 1;
        }
    }

    /// The blocks seen in at least `min_documents` documents of their outlet.
    pub fn finish(self, min_documents: u32) -> Model {
        let mut outlets = BTreeMap::new();
        for (outlet, counts) in self.counts {
            let repeated: BTreeMap<String, u32> = counts
                .into_iter()
                .filter(|(_, n)| *n >= min_documents)
                .map(|(hash, n)| (format!("{hash:016x}"), n))
                .collect();
            if !repeated.is_empty() {
                let documents = self.documents.get(&outlet).copied().unwrap_or(0);
                outlets.insert(
                    outlet,
                    OutletBlocks {
                        documents,
                        blocks: repeated,
                    },
                );
            }
        }
        Model { min_documents, outlets }
    }
}

/// One outlet's repeated blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletBlocks {
    /// Documents of this outlet in the learning corpus.
    pub documents: u32,
    /// Hash of the normalised block (hex) → in how many documents it occurred.
    pub blocks: BTreeMap<String, u32>,
}

/// The learned boilerplate of a corpus (saved with `--learn FILE`, read with `--boilerplate FILE`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub min_documents: u32,
    pub outlets: BTreeMap<String, OutletBlocks>,
}

impl Model {
    /// How many documents of `outlet` contain this block, if it is learned boilerplate there.
    pub(crate) fn repeats(&self, outlet: &str, block_text: &str) -> Option<u32> {
        let blocks = &self.outlets.get(outlet)?.blocks;
        let hash = block_hash(block_text)?;
        blocks.get(&format!("{hash:016x}")).copied()
    }
}

/// Drops the kept blocks that are learned boilerplate of the document's outlet; true when any
/// verdict changed.
pub fn apply(model: &Model, provenance: &Provenance, blocks: &[Block], verdicts: &mut [Verdict]) -> bool {
    let Some(outlet) = outlet_of(provenance) else {
        return false;
    };
    if !model.outlets.contains_key(outlet) {
        return false;
    }
    let mut changed = false;
    for (block, verdict) in blocks.iter().zip(verdicts.iter_mut()) {
        if !verdict.keep || block.kind == BlockKind::Quote {
            continue;
        }
        if let Some(n) = model.repeats(outlet, &block.text) {
            *verdict = Verdict::drop(
                Rule::RepeatedInOutlet,
                Reason::SeenInOutlet {
                    documents: n,
                    // Every repeated block names it: as long as a page makes it, it would be
                    // copied into each (`text::NAME_SHOWN_BYTES`).
                    outlet: crate::text::shown_name(outlet).into_owned(),
                },
            );
            changed = true;
        }
    }
    changed
}
