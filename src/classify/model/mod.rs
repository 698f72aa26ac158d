//! Learned models: gradient-boosted trees trained by `train/train.py` on the bench pages and
//! shipped as data (`data/model/*.json`), evaluated here. Evaluation is plain arithmetic on the
//! feature vector, so it is deterministic and costs a few hundred comparisons per block.

use std::sync::{Arc, LazyLock};

use crate::error::{Error, Result};

mod file;
mod scorer;

pub use file::{ForestFile, Objective, Tree};

use scorer::Scorer;

/// A forest laid out for the walk (built on load): every tree's nodes in one array, the two
/// children of a node side by side, so a step is one load and no branch to mispredict
/// (`child + !(x <= threshold)`). A leaf steps onto itself (its threshold is NaN, its `child`
/// the slot before it), so several inputs can walk one tree in lockstep for its depth, their
/// loads overlapping, and then read their leaves' outputs.
#[derive(Debug, Clone, Default)]
struct Packed {
    nodes: Vec<Node>,
    /// Per node: a leaf's output (0 for an inner node).
    outputs: Vec<f64>,
    /// Per node: where a leaf's path starts in `credits` and how many splits it has.
    paths: Vec<(u32, u16)>,
    /// Every leaf's path from its root, as (feature, change in mean output) per split: a
    /// decision's attribution is the sum of its leaves' paths, with no second walk.
    credits: Vec<(u32, f64)>,
    /// Per tree: its root's slot and its depth (steps from the root to its deepest leaf).
    roots: Vec<(u32, u32)>,
    /// The same forest laid out for QuickScorer, which [`Packed::accumulate`] uses when
    /// every tree is small enough for it (about twice as fast as the walk).
    scorer: Option<Scorer>,
}

/// One node as the walk reads it, in 12 bytes.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The threshold rounded down to the nearest f32: for an f32 feature `x`, `x <= t` and
    /// `x <= down(t)` are the same test, so the walk compares in f32 with identical results.
    threshold: f32,
    /// The feature tested (0 for a leaf, whose NaN threshold ignores it).
    feature: u32,
    /// An inner node's left child (the right one follows it); a leaf's own slot minus one.
    child: u32,
}

/// The most features a forest may read: each input is copied into a row this wide (a power
/// of two), so that a node's feature, masked to it, indexes the row without a bounds check.
/// pith's widest forest reads 212.
pub const MAX_FEATURES: usize = 256;

/// A leaf in slot 0: what a lookup past the array reads (never, for a forest checked on load).
const LEAF: Node = Node {
    threshold: f32::NAN,
    feature: 0,
    child: 0,
};

/// How many inputs walk a tree together: enough independent loads in flight to hide their
/// latency, few enough that their feature rows stay in the first-level cache.
const LOCKSTEP: usize = 8;

impl Packed {
    fn new(trees: &[Tree]) -> Packed {
        let mut packed = Packed::default();
        let placeholder = Node {
            threshold: f32::NAN,
            feature: 0,
            child: 0,
        };
        // Per slot: a leaf's output, or an inner node's mean output below it.
        let mut means: Vec<f64> = Vec::new();
        for tree in trees {
            let root = packed.nodes.len();
            let mut depth = 0u32;
            // (node in the tree, its slot in the packed array, its depth); children get adjacent slots.
            let mut pending = vec![(0usize, root, 0u32)];
            packed.nodes.push(placeholder);
            packed.outputs.push(0.0);
            means.push(0.0);
            while let Some((node, slot, level)) = pending.pop() {
                depth = depth.max(level);
                let feature = tree.feature.get(node).copied().unwrap_or(-1);
                if let Some(mean) = means.get_mut(slot) {
                    *mean = tree.value.get(node).copied().unwrap_or(0.0);
                }
                let packed_node = if feature < 0 {
                    if let Some(output) = packed.outputs.get_mut(slot) {
                        *output = tree.value.get(node).copied().unwrap_or(0.0);
                    }
                    // Slot 0 is a leaf only when the first tree is a single leaf: depth 0, no step.
                    Node {
                        threshold: f32::NAN,
                        feature: 0,
                        child: slot.saturating_sub(1) as u32,
                    }
                } else {
                    let child = packed.nodes.len();
                    packed.nodes.extend([placeholder, placeholder]);
                    packed.outputs.extend([0.0, 0.0]);
                    means.extend([0.0, 0.0]);
                    pending.push((tree.left.get(node).copied().unwrap_or(0) as usize, child, level + 1));
                    pending.push((
                        tree.right.get(node).copied().unwrap_or(0) as usize,
                        child + 1,
                        level + 1,
                    ));
                    Node {
                        threshold: round_down(tree.threshold.get(node).copied().unwrap_or(0.0)),
                        feature: feature as u32,
                        child: child as u32,
                    }
                };
                if let Some(place) = packed.nodes.get_mut(slot) {
                    *place = packed_node;
                }
            }
            packed.roots.push((root as u32, depth));
            packed.paths.resize(packed.nodes.len(), (0, 0));
            packed.trace(root, &means);
        }
        // A power-of-two length, so the walk can mask an index into the array.
        let len = packed.nodes.len().next_power_of_two();
        packed.nodes.resize(len, placeholder);
        packed.outputs.resize(len, 0.0);
        packed.paths.resize(len, (0, 0));
        packed.scorer = Scorer::new(&packed);
        packed
    }

    /// Records the path to every leaf of the tree rooted at `root` (its nodes are packed):
    /// each split credits its feature with the change in mean output from the node to the
    /// child taken, in order from the root.
    fn trace(&mut self, root: usize, means: &[f64]) {
        /// A split's credit: its feature, and the change in mean output to the child taken.
        type Credit = (u32, f64);
        // Depth first with one path: (slot, the path's length on reaching it, the split that
        // led there), so no path is copied per node.
        let mut path: Vec<Credit> = Vec::new();
        let mut pending: Vec<(usize, usize, Option<Credit>)> = vec![(root, 0, None)];
        while let Some((slot, depth, split)) = pending.pop() {
            path.truncate(depth);
            path.extend(split);
            let Some(node) = self.nodes.get(slot).copied() else {
                continue;
            };
            if node.threshold.is_nan() {
                if let Some(at) = self.paths.get_mut(slot) {
                    *at = (self.credits.len() as u32, path.len() as u16);
                }
                self.credits.extend_from_slice(&path);
                continue;
            }
            let mean = means.get(slot).copied().unwrap_or(0.0);
            let child = node.child as usize;
            for next in [child + 1, child] {
                let credit = (node.feature, means.get(next).copied().unwrap_or(0.0) - mean);
                pending.push((next, path.len(), Some(credit)));
            }
        }
    }

    /// One step from `index` for `row`. Both lookups are masked into arrays whose length
    /// the mask guarantees ([`Packed::mask`], [`MAX_FEATURES`]), so the hot loop carries no
    /// bounds check; the masks never change an index of a well-formed forest.
    #[inline(always)]
    fn step(nodes: &[Node], mask: usize, index: usize, row: &[f32; MAX_FEATURES]) -> usize {
        let node = nodes.get(index & mask).copied().unwrap_or(LEAF);
        let v = row[node.feature as usize & (MAX_FEATURES - 1)];
        // NaN (in `row` or a leaf's threshold) goes right, as `v <= t` fails.
        let left = v <= node.threshold;
        node.child as usize + usize::from(!left)
    }

    /// Adds each tree's output for each input to `sums[input][tree % classes]`, trees in order;
    /// with `leaves`, also records each input's leaf in each tree (as its offset from the
    /// tree's root, `leaves[input * trees + tree]`).
    fn accumulate(&self, xs: &[&[f32]], classes: usize, sums: &mut [Vec<f64>], leaves: Option<&mut [u16]>) {
        match &self.scorer {
            Some(scorer) => scorer.accumulate(xs, classes, sums, leaves),
            None => self.walk(xs, classes, sums, leaves),
        }
    }

    /// [`Packed::accumulate`] by walking each tree, several inputs in lockstep.
    fn walk(&self, xs: &[&[f32]], classes: usize, sums: &mut [Vec<f64>], mut leaves: Option<&mut [u16]>) {
        let mask = self.nodes.len().saturating_sub(1);
        let nodes = self.nodes.get(..=mask).unwrap_or(&self.nodes);
        let trees = self.roots.len();
        let mut rows = [[0.0f32; MAX_FEATURES]; LOCKSTEP];
        // A chunk's leaves, tree by tree, copied out input by input once the chunk is walked.
        let mut chunk_leaves = vec![[0u16; LOCKSTEP]; if leaves.is_some() { trees } else { 0 }];
        for (c, (chunk, chunk_sums)) in xs.chunks(LOCKSTEP).zip(sums.chunks_mut(LOCKSTEP)).enumerate() {
            for (row, x) in rows.iter_mut().zip(chunk) {
                // A feature the input lacks reads 0, as it always has.
                row.fill(0.0);
                for (to, from) in row.iter_mut().zip(x.iter()) {
                    *to = *from;
                }
            }
            for (t, &(root, depth)) in self.roots.iter().enumerate() {
                let mut at = [root as usize; LOCKSTEP];
                for _ in 0..depth {
                    for (index, row) in at.iter_mut().zip(&rows) {
                        *index = Self::step(nodes, mask, *index, row);
                    }
                }
                for ((index, sum), _) in at.iter().zip(chunk_sums.iter_mut()).zip(chunk) {
                    if let Some(slot) = sum.get_mut(t % classes) {
                        *slot += self.outputs.get(*index).copied().unwrap_or(0.0);
                    }
                }
                if let Some(leaf) = chunk_leaves.get_mut(t) {
                    for (to, index) in leaf.iter_mut().zip(at) {
                        *to = index.wrapping_sub(root as usize) as u16;
                    }
                }
            }
            if let Some(leaves) = leaves.as_deref_mut() {
                let rows = leaves
                    .chunks_exact_mut(trees.max(1))
                    .skip(c * LOCKSTEP)
                    .take(chunk.len());
                for (k, row) in rows.enumerate() {
                    for (to, from) in row.iter_mut().zip(&chunk_leaves) {
                        *to = from[k & (LOCKSTEP - 1)];
                    }
                }
            }
        }
    }
}

/// The largest f32 that is not above `t`.
fn round_down(t: f64) -> f32 {
    let r = t as f32;
    if f64::from(r) > t {
        next_down(r)
    } else {
        r
    }
}

/// The next f32 below `x` (`f32::next_down`, which needs Rust 1.86), for finite `x`.
fn next_down(x: f32) -> f32 {
    if x == 0.0 {
        return -f32::from_bits(1);
    }
    let bits = x.to_bits();
    f32::from_bits(if x > 0.0 { bits - 1 } else { bits + 1 })
}

/// A trained forest and the names of the features it was trained on.
#[derive(Debug, Clone)]
pub struct Forest {
    pub objective: Objective,
    pub features: Vec<String>,
    /// Class names (multiclass only).
    pub classes: Vec<String>,
    /// The decision threshold chosen out of fold (binary only).
    pub threshold: f64,
    /// The decision threshold for pages of one type (binary block models only), where a type's
    /// content sits at another probability than an article's: chosen per type by
    /// `train/thresholds.py` from out-of-fold runs (a cross-validation fold's model holds the
    /// thresholds chosen without that fold's pages). A type not listed keeps the default
    /// ([`super::apply_model`]). An id that names no page type is an error, not a new type.
    pub type_thresholds: std::collections::BTreeMap<super::page_type::PageType, f64>,
    pub trees: Vec<Tree>,
    packed: Packed,
}

/// The leaf each input of a batch reached in each tree of a forest.
#[derive(Debug, Clone, Default)]
pub struct Leaves {
    trees: usize,
    offsets: Vec<u16>,
}

impl Leaves {
    /// Input `i`'s leaves, one per tree (empty past the batch).
    pub fn of(&self, i: usize) -> &[u16] {
        self.offsets.get(i * self.trees..(i + 1) * self.trees).unwrap_or(&[])
    }
}

impl Forest {
    /// Parses a forest and checks that it was trained on the features pith computes.
    pub fn from_json(name: &str, json: &str, expected: &[String]) -> Result<Forest> {
        let file: ForestFile = serde_json::from_str(json).map_err(|e| Error::Model {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        Forest::from_file(name, file, expected)
    }

    /// A built-in model as `build.rs` stored it (postcard's form of its [`ForestFile`]),
    /// checked as [`Forest::from_json`] checks a JSON file.
    pub fn from_postcard(name: &str, bytes: &[u8], expected: &[String]) -> Result<Forest> {
        let file: ForestFile = postcard::from_bytes(bytes).map_err(|e| Error::Model {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        Forest::from_file(name, file, expected)
    }

    /// A forest from its file's contents, checked against the features pith computes.
    pub fn from_file(name: &str, file: ForestFile, expected: &[String]) -> Result<Forest> {
        let mut type_thresholds = std::collections::BTreeMap::new();
        for (id, threshold) in file.type_thresholds {
            let page_type = super::page_type::PageType::from_id(&id).ok_or_else(|| Error::Model {
                name: name.to_string(),
                message: format!("a type threshold names `{id}`, which is no page type"),
            })?;
            type_thresholds.insert(page_type, threshold);
        }
        let mut forest = Forest {
            objective: file.objective,
            features: file.features,
            classes: file.classes,
            threshold: file.threshold,
            type_thresholds,
            trees: file.trees,
            packed: Packed::default(),
        };
        if expected.len() > MAX_FEATURES {
            return Err(Error::Model {
                name: name.to_string(),
                message: format!(
                    "reads {} features, more than the {MAX_FEATURES} a walk can",
                    expected.len()
                ),
            });
        }
        // Each of the model's features is one of pith's: more is a file that is not pith's (and
        // would make the matching below cost the square of its length).
        if forest.features.len() > expected.len() {
            return Err(Error::Model {
                name: name.to_string(),
                message: format!(
                    "trained on {} features, more than the {} pith computes; retrain (train/train.py)",
                    forest.features.len(),
                    expected.len()
                ),
            });
        }
        // Where each feature the model was trained on sits in pith's vector, found by name: a
        // model trained before a feature was added (or with some left out) still reads right. A
        // name pith computes twice (the confidence features repeat a page feature's) is matched
        // occurrence by occurrence.
        let mut positions = Vec::with_capacity(forest.features.len());
        for (i, feature) in forest.features.iter().enumerate() {
            let before = forest.features.iter().take(i).filter(|f| *f == feature).count();
            let Some(at) = expected
                .iter()
                .enumerate()
                .filter(|(_, e)| *e == feature)
                .nth(before)
                .map(|(at, _)| at)
            else {
                return Err(Error::Model {
                    name: name.to_string(),
                    message: format!(
                        "trained on a feature pith does not compute, `{feature}`; retrain (train/train.py)"
                    ),
                });
            };
            positions.push(at as i32);
        }
        let classes = forest.classes.len().max(1);
        for (t, tree) in forest.trees.iter().enumerate() {
            let n = tree.feature.len();
            let consistent = [
                tree.threshold.len(),
                tree.left.len(),
                tree.right.len(),
                tree.value.len(),
            ]
            .iter()
            .all(|len| *len == n);
            let in_range = tree
                .feature
                .iter()
                .zip(tree.left.iter().zip(&tree.right))
                .enumerate()
                .all(|(node, (f, (l, r)))| {
                    *f < 0
                        || (*f as usize) < positions.len()
                            && (*l as usize) < n
                            && (*r as usize) < n
                            && (*l as usize) > node
                            && (*r as usize) > node
                });
            // A tree, not a graph: no node is the child of two (a hostile file that shares
            // children would unfold into 2^depth packed nodes).
            let mut parented = vec![false; if in_range { n } else { 0 }];
            let a_tree = tree
                .feature
                .iter()
                .zip(tree.left.iter().zip(&tree.right))
                .all(|(f, (l, r))| {
                    *f < 0
                        || [*l, *r].iter().all(|child| {
                            parented
                                .get_mut(*child as usize)
                                .is_some_and(|seen| !std::mem::replace(seen, true))
                        })
                });
            // A leaf is recorded as its offset from the root in 16 bits.
            if n == 0 || n > usize::from(u16::MAX) || !consistent || !in_range || !a_tree {
                return Err(Error::Model {
                    name: name.to_string(),
                    message: format!("tree {t} is malformed"),
                });
            }
        }
        if positions.iter().enumerate().any(|(i, at)| *at as usize != i) || positions.len() != expected.len() {
            for tree in &mut forest.trees {
                for f in tree.feature.iter_mut().filter(|f| **f >= 0) {
                    *f = positions.get(*f as usize).copied().unwrap_or(-1);
                }
            }
            forest.features = expected.to_vec();
        }
        forest.packed = Packed::new(&forest.trees);
        if forest.objective == Objective::Multiclass && forest.trees.len() % classes != 0 {
            return Err(Error::Model {
                name: name.to_string(),
                message: "tree count is not a multiple of the class count".into(),
            });
        }
        Ok(forest)
    }

    /// The raw sums, one per class (one for binary and regression).
    pub fn raw(&self, x: &[f32]) -> Vec<f64> {
        let classes = if self.objective == Objective::Multiclass {
            self.classes.len().max(1)
        } else {
            1
        };
        let mut sums = vec![vec![0.0; classes]];
        self.packed.accumulate(&[x], classes, &mut sums, None);
        sums.pop().unwrap_or_default()
    }

    /// The probability of the positive class (binary forests) for each input: the same
    /// figures as `probability` one by one, computed several inputs at a time.
    pub fn probabilities<X: AsRef<[f32]>>(&self, xs: &[X]) -> Vec<f64> {
        self.score(xs, false).0
    }

    /// `probabilities`, and the leaf each input reached in each tree, from which
    /// [`Forest::strongest_at`] explains any one of them without walking again.
    pub fn probabilities_with_leaves<X: AsRef<[f32]>>(&self, xs: &[X]) -> (Vec<f64>, Leaves) {
        self.score(xs, true)
    }

    /// Each input's probability, and with `with_leaves` the leaves it reached (else none).
    fn score<X: AsRef<[f32]>>(&self, xs: &[X], with_leaves: bool) -> (Vec<f64>, Leaves) {
        let rows: Vec<&[f32]> = xs.iter().map(AsRef::as_ref).collect();
        let mut sums = vec![vec![0.0; 1]; rows.len()];
        let trees = self.packed.roots.len();
        let mut offsets = if with_leaves {
            vec![0u16; rows.len() * trees]
        } else {
            Vec::new()
        };
        let leaves = Some(offsets.as_mut_slice()).filter(|_| with_leaves);
        self.packed.accumulate(&rows, 1, &mut sums, leaves);
        let probabilities = sums
            .iter()
            .map(|s| logistic(s.first().copied().unwrap_or(0.0)))
            .collect();
        (probabilities, Leaves { trees, offsets })
    }

    /// The probability of the positive class (binary forests).
    pub fn probability(&self, x: &[f32]) -> f64 {
        logistic(self.raw(x).first().copied().unwrap_or(0.0))
    }

    /// Class probabilities (multiclass forests), in the order of `classes`.
    pub fn class_probabilities(&self, x: &[f32]) -> Vec<f64> {
        let raw = self.raw(x);
        let max = raw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = raw.iter().map(|r| (r - max).exp()).collect();
        let sum: f64 = exp.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        exp.iter().map(|e| e / sum).collect()
    }

    /// Per-feature contributions to the raw score of a binary or regression forest (each split
    /// on the way down credits its feature with the change in expected output): the features
    /// that weighed most in one decision, for a reason a person can read.
    pub fn contributions(&self, x: &[f32]) -> Vec<(usize, f64)> {
        let (_, leaves) = self.probabilities_with_leaves(&[x]);
        self.contributions_at(leaves.of(0))
    }

    /// The first `k` of [`Forest::contributions_at`], found without sorting the rest.
    pub fn strongest_at(&self, leaves: &[u16], k: usize) -> Vec<(usize, f64)> {
        let mut ranked = self.credited(leaves);
        if ranked.len() > k {
            ranked.select_nth_unstable_by(k, stronger);
            ranked.truncate(k);
        }
        ranked.sort_by(stronger);
        ranked
    }

    /// [`Forest::contributions`] for an input whose leaves are known
    /// ([`Forest::probabilities_with_leaves`]).
    pub fn contributions_at(&self, leaves: &[u16]) -> Vec<(usize, f64)> {
        self.strongest_at(leaves, usize::MAX)
    }

    /// Every feature's credit summed over the paths to `leaves`, the features with none left out.
    fn credited(&self, leaves: &[u16]) -> Vec<(usize, f64)> {
        let mut by_feature = vec![0.0; self.features.len()];
        for (&(root, _), &leaf) in self.packed.roots.iter().zip(leaves) {
            let slot = root as usize + usize::from(leaf);
            let (start, len) = self.packed.paths.get(slot).copied().unwrap_or((0, 0));
            let start = start as usize;
            let path = self.packed.credits.get(start..start + usize::from(len)).unwrap_or(&[]);
            for &(feature, change) in path {
                if let Some(slot) = by_feature.get_mut(feature as usize) {
                    *slot += change;
                }
            }
        }
        by_feature.into_iter().enumerate().filter(|(_, c)| *c != 0.0).collect()
    }
}

/// The order of attributions: the larger change first, then the lower feature (a total order,
/// so the first k are the same whether found by selection or by a sort).
fn stronger(a: &(usize, f64), b: &(usize, f64)) -> std::cmp::Ordering {
    b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0))
}

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The largest model file read (`--models`): pith's own are under 0.5 MB; a file past this is
/// not a model, and reading it whole would hold it all.
const MAX_MODEL_BYTES: u64 = 256 << 20;

/// The models pith applies: per input format, the page-type model and the block model.
#[derive(Debug, Clone, Default)]
pub struct Models {
    pub html: Option<Forest>,
    pub text: Option<Forest>,
    pub markdown: Option<Forest>,
    pub page_type_html: Option<Forest>,
    /// The HTML page-type model for a page that declares no type (no `og:type`, no JSON-LD or
    /// microdata type): trained on the bench and on its copy without metadata
    /// (`bench/cipher.py --bare`), where the model of pages as they are leans on declarations
    /// such a page does not have.
    pub page_type_html_undeclared: Option<Forest>,
    /// Whether an HTML page that declares no type, where `page_type_html_undeclared` is not
    /// loaded, is typed by the built-in model for such pages (set on the built-in models, which
    /// read it the first time such a page comes: most pages declare a type, and reading the
    /// model costs a third of a one-page run's instructions).
    pub builtin_undeclared: bool,
    pub page_type_text: Option<Forest>,
    pub page_type_markdown: Option<Forest>,
    pub confidence_html: Option<Forest>,
    pub confidence_text: Option<Forest>,
    pub confidence_markdown: Option<Forest>,
}

impl Models {
    /// Whether no model is loaded at all.
    pub fn is_empty(&self) -> bool {
        [
            &self.html,
            &self.text,
            &self.markdown,
            &self.page_type_html,
            &self.page_type_html_undeclared,
            &self.page_type_text,
            &self.page_type_markdown,
            &self.confidence_html,
            &self.confidence_text,
            &self.confidence_markdown,
        ]
        .iter()
        .all(|m| m.is_none())
    }

    /// Loads the block models from a folder holding `html.json`, `txt.json` and `md.json` (a
    /// fold's models in cross-validation); a missing file leaves that format to the rules, but
    /// a folder that is not there or holds no model file at all is an error (a mistyped path
    /// ran the rules alone, silently).
    pub fn from_dir(dir: &std::path::Path) -> Result<Models> {
        if !dir.is_dir() {
            return Err(Error::Model {
                name: dir.display().to_string(),
                message: "no such folder of models".into(),
            });
        }
        let load_with = |file: &str, names: &[String]| -> Result<Option<Forest>> {
            let path = dir.join(file);
            if !path.exists() {
                return Ok(None);
            }
            let json = crate::input::read_text_within(&path, MAX_MODEL_BYTES, "a model").map_err(|e| Error::Model {
                name: path.display().to_string(),
                message: match e {
                    Error::Read { cause, .. } => cause.to_string(),
                    other => other.to_string(),
                },
            })?;
            Forest::from_json(&path.display().to_string(), &json, names).map(Some)
        };
        let blocks = super::features::names();
        let pages = super::page_type::names();
        let confidence = super::confidence::names();
        let models = Models {
            html: load_with("html.json", blocks)?,
            text: load_with("txt.json", blocks)?,
            markdown: load_with("md.json", blocks)?,
            page_type_html: load_with("page-type-html.json", pages)?,
            page_type_html_undeclared: load_with("page-type-html-undeclared.json", pages)?,
            builtin_undeclared: false,
            page_type_text: load_with("page-type-txt.json", pages)?,
            page_type_markdown: load_with("page-type-md.json", pages)?,
            confidence_html: load_with("confidence-html.json", confidence)?,
            confidence_text: load_with("confidence-txt.json", confidence)?,
            confidence_markdown: load_with("confidence-md.json", confidence)?,
        };
        if models.is_empty() {
            return Err(Error::Model {
                name: dir.display().to_string(),
                message:
                    "holds none of the model files (html.json, txt.json, md.json, page-type-*.json, confidence-*.json)"
                        .into(),
            });
        }
        Ok(models)
    }

    /// The confidence model for one input format.
    pub fn confidence(&self, format: crate::input::Format) -> Option<&Forest> {
        match format {
            crate::input::Format::Html => self.confidence_html.as_ref(),
            crate::input::Format::Text => self.confidence_text.as_ref(),
            crate::input::Format::Markdown => self.confidence_markdown.as_ref(),
        }
    }

    /// The page-type model for one input format, and for an HTML page whether it declares a
    /// type (a page that declares none has its own model where one is loaded).
    pub fn page_type(&self, format: crate::input::Format, declares: bool) -> Option<&Forest> {
        match format {
            crate::input::Format::Html if !declares => self
                .page_type_html_undeclared
                .as_ref()
                .or_else(|| self.builtin_undeclared.then(builtin_undeclared).flatten())
                .or(self.page_type_html.as_ref()),
            crate::input::Format::Html => self.page_type_html.as_ref(),
            crate::input::Format::Text => self.page_type_text.as_ref(),
            crate::input::Format::Markdown => self.page_type_markdown.as_ref(),
        }
    }

    /// The block model for one input format.
    pub fn block(&self, format: crate::input::Format) -> Option<&Forest> {
        match format {
            crate::input::Format::Html => self.html.as_ref(),
            crate::input::Format::Text => self.text.as_ref(),
            crate::input::Format::Markdown => self.markdown.as_ref(),
        }
    }
}

/// A built-in model (`data/model/NAME.json`) as `build.rs` stored it: postcard's binary form,
/// read in a tenth of the instructions the JSON's decimal numbers take.
macro_rules! builtin_bytes {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/model/", $name, ".postcard"))
    };
}

/// The built-in models of one input format (`data/model/`): block, page type, confidence.
fn load_builtin(format: crate::input::Format) -> Models {
    use crate::input::Format;
    let load = |name: &str, bytes: &[u8], names: &[String]| Forest::from_postcard(name, bytes, names).ok();
    let blocks = super::features::names();
    let pages = super::page_type::names();
    let confidence = super::confidence::names();
    match format {
        Format::Html => Models {
            html: load("html", builtin_bytes!("html"), blocks),
            page_type_html: load("page-type-html", builtin_bytes!("page-type-html"), pages),
            builtin_undeclared: true,
            confidence_html: load("confidence-html", builtin_bytes!("confidence-html"), confidence),
            ..Models::default()
        },
        Format::Text => Models {
            text: load("txt", builtin_bytes!("txt"), blocks),
            page_type_text: load("page-type-txt", builtin_bytes!("page-type-txt"), pages),
            confidence_text: load("confidence-txt", builtin_bytes!("confidence-txt"), confidence),
            ..Models::default()
        },
        Format::Markdown => Models {
            markdown: load("md", builtin_bytes!("md"), blocks),
            page_type_markdown: load("page-type-md", builtin_bytes!("page-type-md"), pages),
            confidence_markdown: load("confidence-md", builtin_bytes!("confidence-md"), confidence),
            ..Models::default()
        },
    }
}

/// The built-in HTML page-type model for pages that declare no type, read on first use.
pub fn builtin_undeclared() -> Option<&'static Forest> {
    static MODEL: LazyLock<Option<Forest>> = LazyLock::new(|| {
        Forest::from_postcard(
            "page-type-html-undeclared",
            builtin_bytes!("page-type-html-undeclared"),
            super::page_type::names(),
        )
        .ok()
    });
    MODEL.as_ref()
}

/// The built-in models for pages of one format, read on first use: a run over HTML pages never
/// parses the dump models (the nine JSON files cost about 130 million instructions to read,
/// more than a page does).
pub(crate) fn builtin_for(format: crate::input::Format) -> Arc<Models> {
    use crate::input::Format;
    static HTML: LazyLock<Arc<Models>> = LazyLock::new(|| Arc::new(load_builtin(Format::Html)));
    static TEXT: LazyLock<Arc<Models>> = LazyLock::new(|| Arc::new(load_builtin(Format::Text)));
    static MARKDOWN: LazyLock<Arc<Models>> = LazyLock::new(|| Arc::new(load_builtin(Format::Markdown)));
    match format {
        Format::Html => Arc::clone(&HTML),
        Format::Text => Arc::clone(&TEXT),
        Format::Markdown => Arc::clone(&MARKDOWN),
    }
}

/// The models built into pith (`data/model/`), trained on all bench pages: every format's.
pub fn builtin() -> Arc<Models> {
    use crate::input::Format;
    static BUILTIN: LazyLock<Arc<Models>> = LazyLock::new(|| {
        let (html, text, markdown) = (
            builtin_for(Format::Html),
            builtin_for(Format::Text),
            builtin_for(Format::Markdown),
        );
        Arc::new(Models {
            html: html.html.clone(),
            text: text.text.clone(),
            markdown: markdown.markdown.clone(),
            page_type_html: html.page_type_html.clone(),
            page_type_html_undeclared: None,
            builtin_undeclared: true,
            page_type_text: text.page_type_text.clone(),
            page_type_markdown: markdown.page_type_markdown.clone(),
            confidence_html: html.confidence_html.clone(),
            confidence_text: text.confidence_text.clone(),
            confidence_markdown: markdown.confidence_markdown.clone(),
        })
    });
    Arc::clone(&BUILTIN)
}

#[cfg(test)]
mod tests;
