//! Learned models: gradient-boosted trees trained by `train/train.py` on the bench pages and
//! shipped as data (`data/model/*.json`), evaluated here. Evaluation is plain arithmetic on the
//! feature vector, so it is deterministic and costs a few hundred comparisons per block.

use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use crate::error::{Error, Result};

/// One regression tree, as parallel arrays over its nodes (node 0 is the root). A node with
/// `feature < 0` is a leaf; an inner node sends `x[feature] <= threshold` left.
#[derive(Debug, Clone, Deserialize)]
pub struct Tree {
    pub feature: Vec<i32>,
    pub threshold: Vec<f64>,
    pub left: Vec<u32>,
    pub right: Vec<u32>,
    /// The leaf's output, or for an inner node the mean output below it (for attributions).
    pub value: Vec<f64>,
}

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
        let mut pending: Vec<(usize, Vec<(u32, f64)>)> = vec![(root, Vec::new())];
        while let Some((slot, path)) = pending.pop() {
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
                let mut below = path.clone();
                below.push((node.feature, means.get(next).copied().unwrap_or(0.0) - mean));
                pending.push((next, below));
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

/// How many inputs a [`Scorer`] takes at once: a split is tested on all of them side by side
/// (f32 lanes, four to an SSE register), and skipped only when it passes for all of them, so
/// more lanes share a test's cost but skip fewer tests. Of 4, 8, 16 and 32, sixteen scored the
/// WCXB text dumps' blocks fastest (8: 15% slower, 32: no faster).
const LANES: usize = 16;

/// The lanes for a batch of at most this many inputs (the one-row page-type and confidence
/// models): half the lanes of [`LANES`], about 1.6 times as fast for a single input.
const FEW_LANES: usize = 8;

/// The most leaves a tree may have for the [`Scorer`]: one bit each in a `u32`. pith's
/// forests have at most 24; a forest with a bigger tree is walked instead.
const MAX_LEAVES: usize = 32;

/// A forest laid out for QuickScorer (Lucchese et al., 2015), built on load: instead of walking
/// each tree, every split of every tree is grouped by the feature it tests and sorted by
/// threshold, so an input's value fails a prefix of its feature's splits. A failed split rules
/// out the leaves of its left subtree (one bit each, leaves numbered left to right), and the
/// leaf reached is the leftmost one left: the walk's leaf, found with no data-dependent jumps
/// between nodes. The sums add the same outputs in the same tree order as a walk.
#[derive(Debug, Clone, Default)]
struct Scorer {
    /// Per feature: where its tests start and end in `tests`.
    spans: Vec<(u32, u32)>,
    /// Every split, by feature, then by threshold (lowest first).
    tests: Vec<Test>,
    /// Per tree: where its leaves start in `outputs` and `offsets`.
    first_leaf: Vec<u32>,
    /// Every tree's leaves, left to right: the leaf's output.
    outputs: Vec<f64>,
    /// Every tree's leaves, left to right: the leaf's slot offset from its root (what
    /// [`Packed::accumulate`] records).
    offsets: Vec<u16>,
}

/// One split as the scorer reads it.
#[derive(Debug, Clone, Copy)]
struct Test {
    /// As in [`Node::threshold`]: rounded down to f32; a value above it (or NaN) fails.
    threshold: f32,
    /// The tree it belongs to.
    tree: u32,
    /// The leaves of its left subtree (bit `i` for the tree's leaf `i`), ruled out when it fails.
    left: u32,
}

impl Scorer {
    /// The scorer for a packed forest, or `None` when a tree has more than [`MAX_LEAVES`].
    fn new(packed: &Packed) -> Option<Scorer> {
        let mut scorer = Scorer::default();
        // (feature, test) for every split, sorted below.
        let mut tests: Vec<(u32, Test)> = Vec::new();
        for (tree, &(root, _)) in packed.roots.iter().enumerate() {
            let root = root as usize;
            scorer.first_leaf.push(scorer.outputs.len() as u32);
            // Per slot of this tree: the number of its leftmost leaf (leaves first, then up).
            let mut leftmost: std::collections::HashMap<usize, u32> = std::collections::HashMap::new();
            let mut inner: Vec<usize> = Vec::new();
            // Depth first, left child first: leaves are met left to right.
            let mut pending = vec![root];
            let mut count = 0u32;
            while let Some(slot) = pending.pop() {
                let node = packed.nodes.get(slot).copied()?;
                if node.threshold.is_nan() {
                    let output = packed.outputs.get(slot).copied().unwrap_or(0.0);
                    let offset = u16::try_from(slot.checked_sub(root)?).ok()?;
                    scorer.outputs.push(output);
                    scorer.offsets.push(offset);
                    leftmost.insert(slot, count);
                    count += 1;
                } else {
                    inner.push(slot);
                    pending.push(node.child as usize + 1);
                    pending.push(node.child as usize);
                }
            }
            if count as usize > MAX_LEAVES {
                return None;
            }
            // A node's leftmost leaf is its left child's; children come after their parent.
            for &slot in inner.iter().rev() {
                let child = packed.nodes.get(slot)?.child as usize;
                let first = *leftmost.get(&child)?;
                leftmost.insert(slot, first);
            }
            for &slot in &inner {
                let node = packed.nodes.get(slot)?;
                let child = node.child as usize;
                let (lo, hi) = (*leftmost.get(&child)?, *leftmost.get(&(child + 1))?);
                let left = ((1u64 << hi) - (1u64 << lo)) as u32;
                tests.push((
                    node.feature,
                    Test {
                        threshold: node.threshold,
                        tree: tree as u32,
                        left,
                    },
                ));
            }
        }
        // Stable, so ties keep their order and the layout is the same on every load.
        tests.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.threshold.total_cmp(&b.1.threshold)));
        let features = tests.last().map_or(0, |(f, _)| *f as usize + 1);
        scorer.spans = vec![(0, 0); features];
        for (i, (feature, test)) in tests.into_iter().enumerate() {
            if let Some(span) = scorer.spans.get_mut(feature as usize) {
                if span.1 == 0 {
                    span.0 = i as u32;
                }
                span.1 = i as u32 + 1;
            }
            scorer.tests.push(test);
        }
        Some(scorer)
    }

    /// [`Packed::accumulate`], by QuickScorer.
    fn accumulate(&self, xs: &[&[f32]], classes: usize, sums: &mut [Vec<f64>], leaves: Option<&mut [u16]>) {
        if xs.len() > FEW_LANES {
            self.score::<LANES>(xs, classes, sums, leaves);
        } else {
            self.score::<FEW_LANES>(xs, classes, sums, leaves);
        }
    }

    /// [`Scorer::accumulate`], `L` inputs at a time.
    fn score<const L: usize>(
        &self,
        xs: &[&[f32]],
        classes: usize,
        sums: &mut [Vec<f64>],
        mut leaves: Option<&mut [u16]>,
    ) {
        let trees = self.first_leaf.len();
        let features = self.spans.len();
        // Per feature, its value in each input of the chunk.
        let mut columns = vec![[0.0f32; L]; features];
        // Per tree, per input: the leaves ruled out.
        let mut gone = vec![[0u32; L]; trees];
        // Per class, per input: the sum so far.
        let mut totals = vec![[0.0f64; L]; classes];
        for (c, (chunk, chunk_sums)) in xs.chunks(L).zip(sums.chunks_mut(L)).enumerate() {
            // A lane with no input reads -inf, which passes every test.
            columns.fill([f32::NEG_INFINITY; L]);
            for (k, x) in chunk.iter().enumerate() {
                // A feature the input lacks reads 0, as it always has.
                let values = x.iter().copied().chain(std::iter::repeat(0.0));
                for (column, v) in columns.iter_mut().zip(values) {
                    if let Some(to) = column.get_mut(k) {
                        *to = v;
                    }
                }
            }
            gone.fill([0; L]);
            // A copy of the column, so the compiler knows the stores to `gone` leave it alone
            // and compares the lanes side by side (SIMD) instead of one by one.
            for (&(start, end), &column) in self.spans.iter().zip(&columns) {
                // Tests at or above every lane's value pass for all: the rest of the feature's.
                let top = column.iter().fold(
                    f32::NEG_INFINITY,
                    |top, &v| if v.is_nan() { f32::INFINITY } else { top.max(v) },
                );
                for test in self.tests.get(start as usize..end as usize).unwrap_or(&[]) {
                    if test.threshold >= top {
                        break;
                    }
                    if let Some(bits) = gone.get_mut(test.tree as usize) {
                        let (t, left) = (test.threshold, test.left);
                        for k in 0..L {
                            // All ones when the test fails (NaN fails, as in the walk): a mask,
                            // not a branch.
                            let fails = u32::from(column[k] <= t).wrapping_sub(1);
                            bits[k] |= fails & left;
                        }
                    }
                }
            }
            // Each input's sums, from where they stood, plus each tree's output in tree order:
            // the same additions in the same order as the walk's.
            for (class, lanes) in totals.iter_mut().enumerate() {
                for (total, sum) in lanes.iter_mut().zip(chunk_sums.iter()) {
                    *total = sum.get(class).copied().unwrap_or(0.0);
                }
            }
            for ((bits, &first), class) in gone.iter().zip(&self.first_leaf).zip((0..classes).cycle()) {
                if let Some(lanes) = totals.get_mut(class) {
                    for k in 0..L {
                        // The leftmost leaf not ruled out.
                        let leaf = first as usize + bits[k].trailing_ones() as usize;
                        lanes[k] += self.outputs.get(leaf).copied().unwrap_or(0.0);
                    }
                }
            }
            for (class, lanes) in totals.iter().enumerate() {
                for (total, sum) in lanes.iter().zip(chunk_sums.iter_mut()).take(chunk.len()) {
                    if let Some(sum) = sum.get_mut(class) {
                        *sum = *total;
                    }
                }
            }
            if let Some(leaves) = leaves.as_deref_mut() {
                let rows = leaves.chunks_exact_mut(trees.max(1)).skip(c * L).take(chunk.len());
                for (k, row) in rows.enumerate() {
                    for ((to, bits), &first) in row.iter_mut().zip(&gone).zip(&self.first_leaf) {
                        let leaf = first as usize + bits.get(k).map_or(0, |b| b.trailing_ones() as usize);
                        *to = self.offsets.get(leaf).copied().unwrap_or(0);
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

/// What a forest's raw sum means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    /// One score; the probability is its logistic.
    Binary,
    /// One score per class (trees take turns by class); probabilities by softmax.
    Multiclass,
    /// One score, used as it is.
    Regression,
}

/// A trained forest and the names of the features it was trained on.
#[derive(Debug, Clone, Deserialize)]
pub struct Forest {
    pub objective: Objective,
    pub features: Vec<String>,
    /// Class names (multiclass only).
    #[serde(default)]
    pub classes: Vec<String>,
    /// The decision threshold chosen out of fold (binary only).
    #[serde(default = "half")]
    pub threshold: f64,
    /// The decision threshold for pages of one type (binary block models only), where a type's
    /// content sits at another probability than an article's: chosen per type by
    /// `train/thresholds.py` from out-of-fold runs (a cross-validation fold's model holds the
    /// thresholds chosen without that fold's pages). A type not listed keeps the default
    /// ([`super::apply_model`]). An id that names no page type is an error, not a new type.
    #[serde(default)]
    pub type_thresholds: std::collections::BTreeMap<super::page_type::PageType, f64>,
    pub trees: Vec<Tree>,
    #[serde(skip)]
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

fn half() -> f64 {
    0.5
}

impl Forest {
    /// Parses a forest and checks that it was trained on the features pith computes.
    pub fn from_json(name: &str, json: &str, expected: &[String]) -> Result<Forest> {
        let mut forest: Forest = serde_json::from_str(json).map_err(|e| Error::Model {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        if expected.len() > MAX_FEATURES {
            return Err(Error::Model {
                name: name.to_string(),
                message: format!(
                    "reads {} features, more than the {MAX_FEATURES} a walk can",
                    expected.len()
                ),
            });
        }
        if forest.features.as_slice() != expected {
            return Err(Error::Model {
                name: name.to_string(),
                message: format!(
                    "trained on {} features that differ from the {} pith computes; retrain (train/train.py)",
                    forest.features.len(),
                    expected.len()
                ),
            });
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
                        || (*f as usize) < expected.len()
                            && (*l as usize) < n
                            && (*r as usize) < n
                            && (*l as usize) > node
                            && (*r as usize) > node
                });
            // A leaf is recorded as its offset from the root in 16 bits.
            if n == 0 || n > usize::from(u16::MAX) || !consistent || !in_range {
                return Err(Error::Model {
                    name: name.to_string(),
                    message: format!("tree {t} is malformed"),
                });
            }
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
        let rows: Vec<&[f32]> = xs.iter().map(AsRef::as_ref).collect();
        let mut sums = vec![vec![0.0; 1]; rows.len()];
        self.packed.accumulate(&rows, 1, &mut sums, None);
        sums.iter()
            .map(|s| logistic(s.first().copied().unwrap_or(0.0)))
            .collect()
    }

    /// `probabilities`, and the leaf each input reached in each tree, from which
    /// [`Forest::contributions_at`] explains any one of them without walking again.
    pub fn probabilities_with_leaves<X: AsRef<[f32]>>(&self, xs: &[X]) -> (Vec<f64>, Leaves) {
        let rows: Vec<&[f32]> = xs.iter().map(AsRef::as_ref).collect();
        let mut sums = vec![vec![0.0; 1]; rows.len()];
        let trees = self.packed.roots.len();
        let mut leaves = vec![0u16; rows.len() * trees];
        self.packed.accumulate(&rows, 1, &mut sums, Some(&mut leaves));
        let probabilities = sums
            .iter()
            .map(|s| logistic(s.first().copied().unwrap_or(0.0)))
            .collect();
        (probabilities, Leaves { trees, offsets: leaves })
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
        let mut ranked = self.credited(leaves);
        ranked.sort_by(stronger);
        ranked
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

/// The models pith applies: per input format, the page-type model and the block model.
#[derive(Debug, Clone, Default)]
pub struct Models {
    pub html: Option<Forest>,
    pub text: Option<Forest>,
    pub markdown: Option<Forest>,
    pub page_type_html: Option<Forest>,
    pub page_type_text: Option<Forest>,
    pub page_type_markdown: Option<Forest>,
    pub confidence_html: Option<Forest>,
    pub confidence_text: Option<Forest>,
    pub confidence_markdown: Option<Forest>,
}

impl Models {
    /// Loads the block models from a folder holding `html.json`, `txt.json` and `md.json` (a
    /// fold's models in cross-validation); a missing file leaves that format to the rules.
    pub fn from_dir(dir: &std::path::Path) -> Result<Models> {
        let load_with = |file: &str, names: &[String]| -> Result<Option<Forest>> {
            let path = dir.join(file);
            match std::fs::read_to_string(&path) {
                Ok(json) => Forest::from_json(&path.display().to_string(), &json, names).map(Some),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Error::Model {
                    name: path.display().to_string(),
                    message: e.to_string(),
                }),
            }
        };
        let blocks = super::features::names();
        let pages = super::page_type::names();
        let confidence = super::confidence::names();
        Ok(Models {
            html: load_with("html.json", blocks)?,
            text: load_with("txt.json", blocks)?,
            markdown: load_with("md.json", blocks)?,
            page_type_html: load_with("page-type-html.json", pages)?,
            page_type_text: load_with("page-type-txt.json", pages)?,
            page_type_markdown: load_with("page-type-md.json", pages)?,
            confidence_html: load_with("confidence-html.json", confidence)?,
            confidence_text: load_with("confidence-txt.json", confidence)?,
            confidence_markdown: load_with("confidence-md.json", confidence)?,
        })
    }

    /// The confidence model for one input format.
    pub fn confidence(&self, format: crate::input::Format) -> Option<&Forest> {
        match format {
            crate::input::Format::Html => self.confidence_html.as_ref(),
            crate::input::Format::Text => self.confidence_text.as_ref(),
            crate::input::Format::Markdown => self.confidence_markdown.as_ref(),
        }
    }

    /// The page-type model for one input format.
    pub fn page_type(&self, format: crate::input::Format) -> Option<&Forest> {
        match format {
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

/// The built-in models of one input format (`data/model/`): block, page type, confidence.
fn load_builtin(format: crate::input::Format) -> Models {
    use crate::input::Format;
    let load = |name: &str, json: &str, names: &[String]| Forest::from_json(name, json, names).ok();
    let blocks = super::features::names();
    let pages = super::page_type::names();
    let confidence = super::confidence::names();
    match format {
        Format::Html => Models {
            html: load("html", include_str!("../../data/model/html.json"), blocks),
            page_type_html: load(
                "page-type-html",
                include_str!("../../data/model/page-type-html.json"),
                pages,
            ),
            confidence_html: load(
                "confidence-html",
                include_str!("../../data/model/confidence-html.json"),
                confidence,
            ),
            ..Models::default()
        },
        Format::Text => Models {
            text: load("txt", include_str!("../../data/model/txt.json"), blocks),
            page_type_text: load(
                "page-type-txt",
                include_str!("../../data/model/page-type-txt.json"),
                pages,
            ),
            confidence_text: load(
                "confidence-txt",
                include_str!("../../data/model/confidence-txt.json"),
                confidence,
            ),
            ..Models::default()
        },
        Format::Markdown => Models {
            markdown: load("md", include_str!("../../data/model/md.json"), blocks),
            page_type_markdown: load(
                "page-type-md",
                include_str!("../../data/model/page-type-md.json"),
                pages,
            ),
            confidence_markdown: load(
                "confidence-md",
                include_str!("../../data/model/confidence-md.json"),
                confidence,
            ),
            ..Models::default()
        },
    }
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
mod tests {
    use super::*;

    fn stump() -> Forest {
        let json = r#"{"objective":"binary","features":["a","b"],"trees":[{"feature":[1,-1,-1],"threshold":[2.0,0.0,0.0],"left":[1,0,0],"right":[2,0,0],"value":[0.0,-1.0,1.0]}]}"#;
        Forest::from_json("stump", json, &["a".to_string(), "b".to_string()]).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_tree_splits_on_its_threshold() {
        let f = stump();
        assert!(f.probability(&[0.0, 1.0]) < 0.5);
        assert!(f.probability(&[0.0, 3.0]) > 0.5);
        assert_eq!(f.contributions(&[0.0, 3.0]), vec![(1, 1.0)]);
    }

    #[test]
    fn inputs_walked_together_score_as_one_by_one() {
        // Two trees of different depth and a one-leaf tree, 19 inputs (more than one lockstep).
        let json = r#"{"objective":"binary","features":["a","b"],"trees":[
            {"feature":[0,1,-1,-1,-1],"threshold":[0.5,2.0,0,0,0],"left":[1,2,0,0,0],"right":[4,3,0,0,0],"value":[0,0.3,-1.0,0.5,2.0]},
            {"feature":[-1],"threshold":[0],"left":[0],"right":[0],"value":[0.25]},
            {"feature":[1,-1,-1],"threshold":[1.0,0,0],"left":[1,0,0],"right":[2,0,0],"value":[0,-0.5,0.75]}]}"#;
        let f = Forest::from_json("t", json, &["a".to_string(), "b".to_string()]).unwrap_or_else(|e| panic!("{e}"));
        let xs: Vec<Vec<f32>> = (0..19).map(|i| vec![i as f32 / 10.0, (i % 5) as f32 / 1.5]).collect();
        let together = f.probabilities(&xs);
        let alone: Vec<f64> = xs.iter().map(|x| f.probability(x)).collect();
        assert_eq!(together, alone);
        // By hand: a=0, b=0 → -1.0 + 0.25 - 0.5; a=1 → 2.0 + 0.25 + (b=0: -0.5).
        assert!((f.probability(&[0.0, 0.0]) - logistic(-1.25)).abs() < 1e-12);
        assert!((f.probability(&[1.0, 0.0]) - logistic(1.75)).abs() < 1e-12);
        // A missing value (NaN) goes right at every split.
        assert!((f.probability(&[f32::NAN, f32::NAN]) - logistic(2.0 + 0.25 + 0.75)).abs() < 1e-12);
    }

    #[test]
    fn thresholds_round_down_to_f32_without_changing_a_test() {
        for t in [0.1f64, 1.0 / 3.0, 2.5, -0.7, 1e-8, 12345.678] {
            let d = round_down(t);
            let up = f32::from_bits(if d >= 0.0 { d.to_bits() + 1 } else { d.to_bits() - 1 });
            assert!(f64::from(d) <= t && f64::from(up) > t, "{t}");
            for x in [d, up, next_down(d)] {
                assert_eq!(f64::from(x) <= t, x <= d, "{t} {x}");
            }
        }
    }

    #[test]
    fn malformed_forests_are_refused() {
        let json = r#"{"objective":"binary","features":["a"],"trees":[{"feature":[0],"threshold":[1.0],"left":[0],"right":[0],"value":[0.0]}]}"#;
        assert!(Forest::from_json("t", json, &["a".to_string()]).is_err());
        let wrong_names = r#"{"objective":"binary","features":["z"],"trees":[]}"#;
        assert!(Forest::from_json("t", wrong_names, &["a".to_string()]).is_err());
    }

    /// The unpacked walk: the reference the packed attribution must equal.
    impl Tree {
        /// Walks to the leaf for `x` (the same path as the packed walk), calling
        /// `credit(feature, change)` at each split.
        pub(super) fn walk(&self, x: &[f32], mut credit: impl FnMut(usize, f64)) {
            let mut index = 0usize;
            // Children always come after their parent (checked on load), so this ends.
            while let (Some(&feature), Some(&threshold), Some(&value)) = (
                self.feature.get(index),
                self.threshold.get(index),
                self.value.get(index),
            ) {
                if feature < 0 {
                    return;
                }
                let f = feature as usize;
                let v = x.get(f).copied().unwrap_or(0.0);
                let next = if f64::from(v) <= threshold {
                    self.left.get(index)
                } else {
                    self.right.get(index)
                };
                let next = next.copied().unwrap_or(0) as usize;
                credit(f, self.value.get(next).map_or(0.0, |n| n - value));
                if next == 0 {
                    return;
                }
                index = next;
            }
        }
    }

    #[test]
    fn attributions_from_the_leaves_equal_the_trees_walk() {
        // The shipped dump model, inputs whose values sit on, just below and between its own
        // thresholds (where f32 rounding would show), NaN and zero.
        let names = crate::classify::features::names();
        let forest = Forest::from_json("txt", include_str!("../../data/model/txt.json"), names)
            .unwrap_or_else(|e| panic!("{e}"));
        let thresholds: Vec<f32> = forest
            .trees
            .iter()
            .flat_map(|t| t.threshold.iter().map(|&v| v as f32))
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let xs: Vec<Vec<f32>> = (0..53)
            .map(|_| {
                (0..names.len())
                    .map(|_| {
                        let r = next();
                        let t = thresholds[(r >> 8) as usize % thresholds.len()];
                        match r % 5 {
                            0 => t,
                            1 => next_down(t),
                            2 => t * 1.5,
                            3 => f32::NAN,
                            _ => 0.0,
                        }
                    })
                    .collect()
            })
            .collect();
        let (probabilities, leaves) = forest.probabilities_with_leaves(&xs);
        assert_eq!(probabilities, forest.probabilities(&xs));
        for (i, x) in xs.iter().enumerate() {
            let mut by_feature = vec![0.0; names.len()];
            for tree in &forest.trees {
                tree.walk(x, |f, delta| by_feature[f] += delta);
            }
            let mut expected: Vec<(usize, f64)> =
                by_feature.into_iter().enumerate().filter(|(_, c)| *c != 0.0).collect();
            expected.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
            assert!(!expected.is_empty());
            assert_eq!(forest.contributions_at(leaves.of(i)), expected, "input {i}");
            assert_eq!(forest.contributions(x), expected, "input {i}");
            let first: Vec<(usize, f64)> = expected.iter().take(3).copied().collect();
            assert_eq!(forest.strongest_at(leaves.of(i), 3), first, "input {i}");
        }
    }
    #[test]
    fn quickscorer_scores_and_leaves_as_the_walk() {
        // Every shipped forest, inputs on, just below and between its thresholds, NaN, zero,
        // infinities and inputs too short for it; a batch that is not a whole number of lanes.
        let blocks = crate::classify::features::names();
        let pages = crate::classify::page_type::names();
        let confidence = crate::classify::confidence::names();
        let shipped = [
            ("txt", include_str!("../../data/model/txt.json"), blocks),
            ("md", include_str!("../../data/model/md.json"), blocks),
            ("html", include_str!("../../data/model/html.json"), blocks),
            (
                "page-type-txt",
                include_str!("../../data/model/page-type-txt.json"),
                pages,
            ),
            (
                "confidence-html",
                include_str!("../../data/model/confidence-html.json"),
                confidence,
            ),
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for (name, json, names) in shipped {
            let forest = Forest::from_json(name, json, names).unwrap_or_else(|e| panic!("{e}"));
            let packed = &forest.packed;
            let Some(scorer) = &packed.scorer else {
                panic!("{name}: no scorer");
            };
            let thresholds: Vec<f32> = packed
                .nodes
                .iter()
                .map(|n| n.threshold)
                .filter(|t| !t.is_nan())
                .collect();
            let xs: Vec<Vec<f32>> = (0..61)
                .map(|i| {
                    let len = if i % 13 == 5 { names.len() / 2 } else { names.len() };
                    (0..len)
                        .map(|_| {
                            let r = next();
                            let t = thresholds[(r >> 8) as usize % thresholds.len()];
                            match r % 9 {
                                0 | 1 => t,
                                2 => next_down(t),
                                3 => t * 1.5,
                                4 => f32::NAN,
                                5 => f32::INFINITY,
                                6 => f32::NEG_INFINITY,
                                _ => 0.0,
                            }
                        })
                        .collect()
                })
                .collect();
            let rows: Vec<&[f32]> = xs.iter().map(Vec::as_slice).collect();
            let classes = forest.classes.len().max(1);
            let trees = packed.roots.len();
            // A batch (16 lanes) and one of a few inputs (8 lanes).
            for batch in [&rows[..], &rows[..5]] {
                let run = |quick: bool| {
                    let mut sums = vec![vec![0.0; classes]; batch.len()];
                    let mut leaves = vec![0u16; batch.len() * trees];
                    if quick {
                        scorer.accumulate(batch, classes, &mut sums, Some(&mut leaves));
                    } else {
                        packed.walk(batch, classes, &mut sums, Some(&mut leaves));
                    }
                    let bits: Vec<Vec<u64>> = sums.iter().map(|s| s.iter().map(|v| v.to_bits()).collect()).collect();
                    (bits, leaves)
                };
                let (quick, walked) = (run(true), run(false));
                assert_eq!(quick.1, walked.1, "{name}: leaves");
                assert_eq!(quick.0, walked.0, "{name}: sums");
            }
        }
    }
}
