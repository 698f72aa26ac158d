//! QuickScorer (Lucchese et al., 2015): a forest's splits grouped by feature and sorted by
//! threshold, scored for several inputs side by side; the same sums and leaves as the walk.

use multiversion::multiversion;

use super::Packed;

/// How many inputs a [`Scorer`] takes at once: a split is tested on all of them side by side
/// (f32 lanes, four to an SSE register, eight with AVX2), and skipped only when it passes for
/// all of them, so more lanes share a test's cost but skip fewer tests. Of 4, 8, 16 and 32,
/// sixteen scored the WCXB text dumps' blocks fastest (8: 15% slower, 32: no faster).
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
pub(super) struct Scorer {
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
    pub(super) fn new(packed: &Packed) -> Option<Scorer> {
        let mut scorer = Scorer::default();
        // (feature, test) for every split, sorted below.
        let mut tests: Vec<(u32, Test)> = Vec::new();
        for (tree, &(root, _)) in packed.roots.iter().enumerate() {
            let root = root as usize;
            scorer.first_leaf.push(scorer.outputs.len() as u32);
            // Per slot of this tree (from its root): the number of its leftmost leaf (leaves
            // first, then up).
            let mut leftmost: Vec<Option<u32>> = Vec::new();
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
                    set(&mut leftmost, slot.saturating_sub(root), count);
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
            let at = |leftmost: &[Option<u32>], slot: usize| leftmost.get(slot.checked_sub(root)?).copied().flatten();
            for &slot in inner.iter().rev() {
                let child = packed.nodes.get(slot)?.child as usize;
                let first = at(&leftmost, child)?;
                set(&mut leftmost, slot.saturating_sub(root), first);
            }
            for &slot in &inner {
                let node = packed.nodes.get(slot)?;
                let child = node.child as usize;
                let (lo, hi) = (at(&leftmost, child)?, at(&leftmost, child + 1)?);
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
    pub(super) fn accumulate(&self, xs: &[&[f32]], classes: usize, sums: &mut [Vec<f64>], leaves: Option<&mut [u16]>) {
        if xs.len() > FEW_LANES {
            score::<LANES>(self, xs, classes, sums, leaves);
        } else {
            score::<FEW_LANES>(self, xs, classes, sums, leaves);
        }
    }
}

/// [`Scorer::accumulate`], `L` inputs at a time. Compiled twice, for x86-64 as every such
/// machine has it and for AVX2 (eight lanes to a register instead of four), and the one the
/// machine runs is chosen once, at the first call: the same comparisons and the same additions
/// in the same order, so the same sums and leaves either way (the test
/// `quickscorer_scores_and_leaves_as_the_walk` holds the copy the machine runs to the walk).
#[multiversion(targets("x86_64+avx2"))]
fn score<const L: usize>(
    scorer: &Scorer,
    xs: &[&[f32]],
    classes: usize,
    sums: &mut [Vec<f64>],
    mut leaves: Option<&mut [u16]>,
) {
    let trees = scorer.first_leaf.len();
    let features = scorer.spans.len();
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
        for (&(start, end), &column) in scorer.spans.iter().zip(&columns) {
            // Tests at or above every lane's value pass for all: the rest of the feature's.
            // A NaN lane fails every test: then none is skipped. Otherwise the plain
            // comparison (not `f32::max`, whose NaN handling keeps it scalar) runs in SIMD.
            let top = if column.iter().any(|v| v.is_nan()) {
                f32::INFINITY
            } else {
                column
                    .iter()
                    .fold(f32::NEG_INFINITY, |top, &v| if v > top { v } else { top })
            };
            for test in scorer.tests.get(start as usize..end as usize).unwrap_or(&[]) {
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
        for ((bits, &first), class) in gone.iter().zip(&scorer.first_leaf).zip((0..classes).cycle()) {
            if let Some(lanes) = totals.get_mut(class) {
                for k in 0..L {
                    // The leftmost leaf not ruled out.
                    let leaf = first as usize + bits[k].trailing_ones() as usize;
                    lanes[k] += scorer.outputs.get(leaf).copied().unwrap_or(0.0);
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
                for ((to, bits), &first) in row.iter_mut().zip(&gone).zip(&scorer.first_leaf) {
                    let leaf = first as usize + bits.get(k).map_or(0, |b| b.trailing_ones() as usize);
                    *to = scorer.offsets.get(leaf).copied().unwrap_or(0);
                }
            }
        }
    }
}

/// `table[index] = Some(value)`, the table grown as needed.
fn set(table: &mut Vec<Option<u32>>, index: usize, value: u32) {
    if table.len() <= index {
        table.resize(index + 1, None);
    }
    if let Some(cell) = table.get_mut(index) {
        *cell = Some(value);
    }
}
