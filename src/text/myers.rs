//! Myers' diff on a budget of work: every diff pith computes (bodies, words, quotes) runs here.
//!
//! This is similar's Myers (`similar::algorithms::myers`, after Brandon Williams; MIT or
//! Apache-2.0), ported so that it counts its steps instead of watching a clock. similar's only
//! bound is a deadline, and a deadline makes the result depend on the machine and its load,
//! where pith's output must be the same bytes everywhere. Within [`DIFF_WORK`] the result is
//! similar's own, op for op (the same divide and conquer, then similar's `Compact` and
//! `Replace` hooks), each op placed where the one before it ends ([`placed`]). Past it the diff
//! is coarse, and says so: the tokens both sequences hold once are anchors (as in a patience
//! diff), the longest run of them in the same order is kept, and the stretches between them are
//! diffed each in a share of another [`DIFF_WORK`]; a stretch left without work is removed and
//! added whole, as similar settles one past its deadline.
//!
//! Myers costs O((N+M)·D) for N and M tokens and D of them changed: unbounded, `pith diff
//! --words` of two 1.2 MB near-copies took 12 s with every tenth word changed and 20 s with a
//! paragraph in twenty moved (0.3 s and 2.7 s bounded), and two long texts with little in
//! common take far longer.

use std::convert::Infallible;
use std::hash::Hash;
use std::ops::Range;

use foldhash::{HashMap, HashMapExt};
use similar::algorithms::{Capture, Compact, DiffHook, Replace};
use similar::{DiffOp, DiffTag};

/// Steps one diff may take, a step being a diagonal of the edit graph visited or a pair of
/// tokens compared (about a hundred million a second on the 2-core bench machine). The
/// largest diff among the bench pages (each page's three dumps grouped, every copy diffed with
/// the canonical one) takes 26 million steps, a quote's few; 100 million is four times that,
/// and a diff past it (twice it at most, with the coarse pass) ends within a second or two.
pub const DIFF_WORK: u64 = 100_000_000;

/// The work left to a diff, spent as it goes; deterministic, unlike a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Budget {
    left: u64,
}

impl Budget {
    /// Runs `work` on a share of the work left, for a part of `size` of the `of` still to do
    /// (all of it for the last part), and charges what it spends: shares are given in order,
    /// and what one part leaves goes to the next.
    fn within<R>(&mut self, size: usize, of: usize, work: impl FnOnce(&mut Budget) -> R) -> R {
        let given = u128::from(self.left) * size as u128 / of.max(size).max(1) as u128;
        let given = u64::try_from(given).unwrap_or(self.left);
        let mut part = Budget { left: given };
        let out = work(&mut part);
        self.left = self.left.saturating_sub(given.saturating_sub(part.left));
        out
    }

    fn spend(&mut self, steps: usize) {
        self.left = self.left.saturating_sub(steps as u64);
    }
}

/// A diff of two token sequences: similar's ops (`Equal`, `Delete`, `Insert`, `Replace`), which
/// cover both sequences in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Diff {
    pub(crate) ops: Vec<DiffOp>,
    /// Whether the sequences were too long and too different to diff exactly in [`DIFF_WORK`]:
    /// then some changes are coarser than they need be (a stretch removed and added whole
    /// though parts of it match). Otherwise the ops are similar's
    /// `capture_diff_slices(Algorithm::Myers, ..)`, each placed where the one before it ends.
    pub(crate) coarse: bool,
}

/// Diffs `old` against `new` in [`DIFF_WORK`].
pub(crate) fn diff<T: Hash + Eq>(old: &[T], new: &[T]) -> Diff {
    diff_in(old, new, DIFF_WORK)
}

/// A patience diff of `old` against `new`: the tokens both hold once, in their longest common
/// order, are kept as anchors, and the stretches between them are diffed exactly, all in
/// [`DIFF_WORK`] (a stretch left without work is removed and added whole). Common words
/// ("the", "and") only match within a stretch, between anchors, so they do not pull a share
/// bar's "Share" onto the article's. What training aligns blocks with the gold text by; the
/// same bytes on every machine, where similar's patience diff stops at a deadline.
pub(crate) fn patience<T: Hash + Eq>(old: &[T], new: &[T]) -> Vec<DiffOp> {
    let (old, new, distinct) = numbered(old, new);
    let mut counts = vec![0i64; distinct];
    placed(anchored(&old, &new, &mut counts, &mut Budget { left: DIFF_WORK }))
}

/// Diffs `old` against `new` in `work` steps, and, past them, coarsely in `work` more.
fn diff_in<T: Hash + Eq>(old: &[T], new: &[T], work: u64) -> Diff {
    // Tokens become small integers first (as similar's `TextDiff` does): comparing them is one
    // instruction, and equal tokens get equal numbers, so the diff is the same.
    let (old, new, distinct) = numbered(old, new);
    let mut counts = vec![0i64; distinct];
    let exact = exact(&old, &new, &mut counts, &mut Budget { left: work });
    let ops = if exact.coarse {
        let anchored = anchored(&old, &new, &mut counts, &mut Budget { left: work });
        // Whichever matches more: the exact search as far as it went, or the anchored one.
        if matched(&anchored) > matched(&exact.ops) {
            anchored
        } else {
            exact.ops
        }
    } else {
        exact.ops
    };
    Diff {
        ops: placed(ops),
        coarse: exact.coarse,
    }
}

/// Each op placed where the one before it ends. similar's `Compact` (2.7.0) can leave an
/// addition it moved past a removal with its old place in the old sequence (`[Delete 0..16,
/// Insert at 0, Equal 16]` becomes `[Delete 0..16, Equal 16, Insert at 1]`, not `at 17`), and
/// a removal with the new sequence's place after the equal op that follows it (`[0 0 34 0]` to
/// `[34 1 1 34]`: `Delete 0..2` at new 3, then `Equal` at new 0); a stretch settled whole meets
/// the first, as similar's does past its deadline. Its kinds, lengths and order are right, and
/// so are its equal ops.
fn placed(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let (mut old_index, mut new_index) = (0, 0);
    ops.into_iter()
        .map(|op| {
            let (old_len, new_len) = (op.old_range().len(), op.new_range().len());
            let placed = match op.tag() {
                DiffTag::Equal => DiffOp::Equal {
                    old_index,
                    new_index,
                    len: old_len,
                },
                DiffTag::Delete => DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                },
                DiffTag::Insert => DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                },
                DiffTag::Replace => DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                },
            };
            (old_index, new_index) = (old_index + old_len, new_index + new_len);
            placed
        })
        .collect()
}

/// The matched share of two sequences of `old_len` and `new_len` tokens by their diff: twice
/// the tokens in `Equal` ops over the tokens of both (1.0 for two empty ones), as similar's
/// `get_diff_ratio`.
pub(crate) fn ratio(ops: &[DiffOp], old_len: usize, new_len: usize) -> f32 {
    similar::get_diff_ratio(ops, old_len, new_len)
}

/// Tokens the `Equal` ops of a diff match.
pub(crate) fn matched(ops: &[DiffOp]) -> usize {
    ops.iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum()
}

/// Each token as a number, equal tokens the same one, and how many numbers there are.
fn numbered<T: Hash + Eq>(old: &[T], new: &[T]) -> (Vec<u32>, Vec<u32>, usize) {
    let mut ids: HashMap<&T, u32> = HashMap::with_capacity(old.len().min(new.len()));
    let mut number = |token| {
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        *ids.entry(token).or_insert(next)
    };
    let old = old.iter().map(&mut number).collect();
    let new = new.iter().map(&mut number).collect();
    (old, new, ids.len())
}

/// similar's Myers with its hooks, spending from `budget`; `counts` is a zeroed slot per
/// distinct token, left zeroed.
fn exact(old: &[u32], new: &[u32], counts: &mut [i64], budget: &mut Budget) -> Diff {
    if surely_over(old, new, counts, budget.left) {
        // The search would spend its budget before it could finish: it runs spent out, and
        // settles at once what it would have settled after all that work.
        budget.left = 0;
    }
    let mut hook = Compact::new(Replace::new(Capture::new()), old, new);
    let size = max_d(old.len(), new.len());
    let mut search = Search {
        old,
        new,
        forward: V::new(size),
        backward: V::new(size),
        budget,
        coarse: false,
    };
    let Ok(()) = search.conquer(&mut hook, 0..old.len(), 0..new.len());
    let Ok(()) = hook.finish();
    Diff {
        ops: hook.into_inner().into_inner().into_ops(),
        coarse: search.coarse,
    }
}

/// Whether a diff of `old` and `new` surely needs more than `budget` steps, told in linear time
/// before any is taken. Each token one side has more of than the other is a removal or an
/// addition, so the sequences are at least `D` of them apart, their counts' differences
/// summed; and the search for the middle snake finishes in round ⌈D/2⌉ at the earliest, after
/// the rounds before it, of `2(d+1)` steps each (forward and backward), `h(h+1)` in all for
/// `h` = ⌈D/2⌉. Two texts with many words changed are told at once; a text with its paragraphs
/// moved (the same words, in another order) is not. `counts`: as for [`exact`].
fn surely_over(old: &[u32], new: &[u32], counts: &mut [i64], budget: u64) -> bool {
    for (tokens, sign) in [(old, 1), (new, -1)] {
        for &t in tokens {
            if let Some(count) = counts.get_mut(t as usize) {
                *count += sign;
            }
        }
    }
    let mut apart: u64 = 0;
    for &t in old.iter().chain(new) {
        if let Some(count) = counts.get_mut(t as usize) {
            apart += count.unsigned_abs();
            *count = 0;
        }
    }
    let rounds = apart.div_ceil(2);
    rounds.saturating_mul(rounds + 1) >= budget
}

/// The coarse diff: the tokens each sequence holds once and the other too are anchors; the
/// longest run of them in the same order on both sides stays ([`longest_increasing`]), and
/// each stretch between two is diffed exactly in a share of `budget` after its size. Near
/// copies with many scattered changes keep nearly all they share (rare words are anchors every
/// few tokens); a moved paragraph is removed and added. `counts`: as for [`exact`].
fn anchored(old: &[u32], new: &[u32], counts: &mut [i64], budget: &mut Budget) -> Vec<DiffOp> {
    // How often each token occurs on each side (counted up to twice), and where it is in `new`.
    let distinct = counts.len();
    let (mut in_old, mut in_new, mut at_new) = (vec![0u8; distinct], vec![0u8; distinct], vec![0usize; distinct]);
    for &t in old {
        if let Some(n) = in_old.get_mut(t as usize) {
            *n = (*n + 1).min(2);
        }
    }
    for (j, &t) in new.iter().enumerate() {
        if let (Some(n), Some(at)) = (in_new.get_mut(t as usize), at_new.get_mut(t as usize)) {
            *n = (*n + 1).min(2);
            *at = j;
        }
    }
    let once = |t: u32| in_old.get(t as usize) == Some(&1) && in_new.get(t as usize) == Some(&1);
    let candidates: Vec<(usize, usize)> = old
        .iter()
        .enumerate()
        .filter(|(_, &t)| once(t))
        .filter_map(|(i, &t)| Some((i, *at_new.get(t as usize)?)))
        .collect();
    let anchors: Vec<(usize, usize)> = longest_increasing(&candidates);
    // The stretches between anchors, with the anchor that ends each (none after the last).
    let mut stretches: Vec<(Range<usize>, Range<usize>)> = Vec::with_capacity(anchors.len() + 1);
    let (mut i, mut j) = (0, 0);
    for &(x, y) in anchors.iter().chain(std::iter::once(&(old.len(), new.len()))) {
        stretches.push((i..x, j..y));
        (i, j) = (x + 1, y + 1);
    }
    let mut left: usize = stretches.iter().map(|(o, n)| o.len() + n.len()).sum();
    let mut ops: Vec<DiffOp> = Vec::new();
    for (k, (o, n)) in stretches.into_iter().enumerate() {
        let size = o.len() + n.len();
        let (Some(old_part), Some(new_part)) = (old.get(o.clone()), new.get(n.clone())) else {
            continue;
        };
        let found = budget.within(size, left, |share| exact(old_part, new_part, counts, share));
        left = left.saturating_sub(size);
        for op in found.ops {
            push(&mut ops, shifted(op, o.start, n.start));
        }
        if k < anchors.len() {
            push(
                &mut ops,
                DiffOp::Equal {
                    old_index: o.end,
                    new_index: n.end,
                    len: 1,
                },
            );
        }
    }
    ops
}

/// The longest run of `pairs` (sorted by their first) whose seconds increase too, found by
/// patience sorting (O(n log n)); the first such run the sorting meets.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[l]: the pair ending the best run of length l + 1 so far (the least second).
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = Vec::with_capacity(pairs.len());
    for (k, &(_, second)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs.get(t).is_some_and(|p| p.1 < second));
        before.push(at.checked_sub(1).and_then(|l| tails.get(l).copied()));
        match tails.get_mut(at) {
            Some(slot) => *slot = k,
            None => tails.push(k),
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        run.extend(pairs.get(k).copied());
        at = before.get(k).copied().flatten();
    }
    run.reverse();
    run
}

/// An op of a stretch's diff moved to where the stretch starts.
fn shifted(op: DiffOp, old_at: usize, new_at: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + old_at,
            new_index: new_index + new_at,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + old_at,
            old_len,
            new_index: new_index + new_at,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + old_at,
            new_index: new_index + new_at,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + old_at,
            old_len,
            new_index: new_index + new_at,
            new_len,
        },
    }
}

/// Appends an op, an equal one joining the equal one before it.
fn push(ops: &mut Vec<DiffOp>, op: DiffOp) {
    if let (Some(DiffOp::Equal { len, .. }), DiffOp::Equal { len: more, .. }) = (ops.last_mut(), op) {
        *len += more;
        return;
    }
    ops.push(op);
}

/// similar's bound on the number of diagonals one search visits.
fn max_d(old_len: usize, new_len: usize) -> usize {
    (old_len + new_len).div_ceil(2) + 1
}

/// The furthest point reached on each diagonal `k` (its x), for `k` from `-offset`.
struct V {
    offset: isize,
    v: Vec<usize>,
}

impl V {
    fn new(max_d: usize) -> Self {
        V {
            offset: signed(max_d),
            v: vec![0; 2 * max_d],
        }
    }

    /// A diagonal the search never reads (below `-offset`, past `offset`) wraps to a slot past
    /// the end: it reads 0 and is not written.
    fn get(&self, k: isize) -> usize {
        self.v.get(k.wrapping_add(self.offset) as usize).copied().unwrap_or(0)
    }

    fn set(&mut self, k: isize, x: usize) {
        if let Some(slot) = self.v.get_mut(k.wrapping_add(self.offset) as usize) {
            *slot = x;
        }
    }
}

/// Tokens `old[a..]` and `new[b..]` begin with, capped by the ranges' ends.
fn common_prefix(old: &[u32], a: Range<usize>, new: &[u32], b: Range<usize>) -> usize {
    match (old.get(a), new.get(b)) {
        (Some(x), Some(y)) => x.iter().zip(y).take_while(|(p, q)| p == q).count(),
        _ => 0,
    }
}

/// Tokens `old[a]` and `new[b]` end with.
fn common_suffix(old: &[u32], a: Range<usize>, new: &[u32], b: Range<usize>) -> usize {
    match (old.get(a), new.get(b)) {
        (Some(x), Some(y)) => x.iter().rev().zip(y.iter().rev()).take_while(|(p, q)| p == q).count(),
        _ => 0,
    }
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// One diff's search: the sequences, the two frontiers, and the work left.
struct Search<'s> {
    old: &'s [u32],
    new: &'s [u32],
    forward: V,
    backward: V,
    budget: &'s mut Budget,
    coarse: bool,
}

impl Search<'_> {
    /// similar's `conquer`: strips the common ends, splits the rest at its middle snake and
    /// diffs each side; a rest the budget does not reach is removed and added whole.
    fn conquer<D: DiffHook<Error = Infallible>>(
        &mut self,
        hook: &mut D,
        mut old: Range<usize>,
        mut new: Range<usize>,
    ) -> Result<(), Infallible> {
        let prefix = common_prefix(self.old, old.clone(), self.new, new.clone());
        if prefix > 0 {
            hook.equal(old.start, new.start, prefix)?;
        }
        old.start += prefix;
        new.start += prefix;
        let suffix = common_suffix(self.old, old.clone(), self.new, new.clone());
        let suffix_at = (old.end - suffix, new.end - suffix);
        old.end -= suffix;
        new.end -= suffix;
        self.budget.spend(prefix + suffix + 1);
        if old.is_empty() && new.is_empty() {
        } else if new.is_empty() {
            hook.delete(old.start, old.len(), new.start)?;
        } else if old.is_empty() {
            hook.insert(old.start, new.start, new.len())?;
        } else if let Some((x, y)) = self.middle_snake(old.clone(), new.clone()) {
            self.conquer(hook, old.start..x, new.start..y)?;
            self.conquer(hook, x..old.end, y..new.end)?;
        } else {
            self.coarse = true;
            hook.delete(old.start, old.len(), new.start)?;
            hook.insert(old.start, new.start, new.len())?;
        }
        if suffix > 0 {
            hook.equal(suffix_at.0, suffix_at.1, suffix)?;
        }
        Ok(())
    }

    /// similar's `find_middle_snake`: where an optimal path crosses the middle of the edit
    /// graph, found by searching from both corners until the frontiers meet; `None` when the
    /// budget runs out first (checked once per round, where similar checks its deadline).
    fn middle_snake(&mut self, old: Range<usize>, new: Range<usize>) -> Option<(usize, usize)> {
        let mut left = self.budget.left;
        let (tokens, frontiers) = ((self.old, self.new), (&mut self.forward, &mut self.backward));
        let found = middle_snake(tokens, frontiers, old, new, &mut left);
        self.budget.left = left;
        found
    }
}

/// [`Search::middle_snake`] over its parts, the work left in `left` (kept in a register).
fn middle_snake(
    (a, b): (&[u32], &[u32]),
    (forward, backward): (&mut V, &mut V),
    old: Range<usize>,
    new: Range<usize>,
    left: &mut u64,
) -> Option<(usize, usize)> {
    let (n, m) = (old.len(), new.len());
    let delta = signed(n) - signed(m);
    let odd = delta & 1 == 1;
    forward.set(1, 0);
    backward.set(1, 0);
    for d in 0..signed(max_d(n, m)) {
        if *left == 0 {
            return None;
        }
        for k in (-d..=d).rev().step_by(2) {
            let mut x = if k == -d || (k != d && forward.get(k - 1) < forward.get(k + 1)) {
                forward.get(k + 1)
            } else {
                forward.get(k - 1) + 1
            };
            let y = x.wrapping_add_signed(-k);
            let (x0, y0) = (x, y);
            let mut advance = 0;
            if x < n && y < m {
                advance = common_prefix(a, old.start + x..old.end, b, new.start + y..new.end);
                x += advance;
            }
            *left = left.saturating_sub(advance as u64 + 1);
            forward.set(k, x);
            if odd && (k - delta).abs() < d && x + backward.get(-(k - delta)) >= n {
                return Some((x0 + old.start, y0 + new.start));
            }
        }
        for k in (-d..=d).rev().step_by(2) {
            let mut x = if k == -d || (k != d && backward.get(k - 1) < backward.get(k + 1)) {
                backward.get(k + 1)
            } else {
                backward.get(k - 1) + 1
            };
            let mut y = x.wrapping_add_signed(-k);
            let mut advance = 0;
            if x < n && y < m {
                advance = common_suffix(a, old.start..old.start + n - x, b, new.start..new.start + m - y);
                x += advance;
                y += advance;
            }
            *left = left.saturating_sub(advance as u64 + 1);
            backward.set(k, x);
            if !odd && (k - delta).abs() <= d && x + forward.get(-(k - delta)) >= n {
                return Some((n - x + old.start, m - y + new.start));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use similar::{capture_diff_slices, Algorithm};

    /// Each op in order, starting where the one before ended, equal ones over equal tokens,
    /// the last ending at both ends.
    fn covers<T: PartialEq + std::fmt::Debug>(ops: &[DiffOp], old: &[T], new: &[T]) -> Result<(), TestCaseError> {
        let (mut at_old, mut at_new) = (0, 0);
        for op in ops {
            prop_assert_eq!(op.old_range().start, at_old);
            prop_assert_eq!(op.new_range().start, at_new);
            if op.tag() == DiffTag::Equal {
                prop_assert_eq!(old.get(op.old_range()), new.get(op.new_range()));
            }
            at_old = op.old_range().end;
            at_new = op.new_range().end;
        }
        prop_assert_eq!((at_old, at_new), (old.len(), new.len()));
        Ok(())
    }

    #[test]
    fn past_the_budget_the_shared_words_anchor_a_coarse_diff() -> Result<(), TestCaseError> {
        let old: Vec<&str> = "a b c d e f g b".split(' ').collect();
        let new: Vec<&str> = "a x c y e z g b".split(' ').collect();
        let exact = diff(&old, &new);
        assert!(!exact.coarse);
        assert_eq!(exact.ops, placed(capture_diff_slices(Algorithm::Myers, &old, &new)));
        // With no work to spend the search only strips the common ends ("a", "g b"); the
        // anchors "c" and "e" keep what lies between.
        let coarse = diff_in(&old, &new, 1);
        assert!(coarse.coarse);
        covers(&coarse.ops, &old, &new)?;
        assert_eq!(matched(&coarse.ops), 5);
        Ok(())
    }

    #[test]
    fn a_stretch_settled_whole_has_its_ops_in_place() -> Result<(), TestCaseError> {
        // similar's own hooks, past its deadline, put the addition at old index 1 (not 17).
        let old = [vec![32], vec![0; 15], vec![27]].concat();
        let new = [27, 27];
        let ours = diff_in(&old, &new, 0);
        assert!(ours.coarse);
        covers(&ours.ops, &old, &new)
    }

    /// A patience diff keeps the words both texts say once, in order, and matches a common
    /// word only between them: "share" of a share bar before the article does not pull the
    /// article's own "share" out of place.
    #[test]
    fn a_patience_diff_anchors_on_words_said_once() -> Result<(), TestCaseError> {
        let gold: Vec<&str> = "the minister said the share of exports rose".split(' ').collect();
        let page: Vec<&str> = "share print the minister said the share of exports rose share"
            .split(' ')
            .collect();
        let ops = patience(&gold, &page);
        covers(&ops, &gold, &page)?;
        let equal: Vec<_> = ops
            .iter()
            .filter(|op| op.tag() == DiffTag::Equal)
            .map(DiffOp::new_range)
            .collect();
        assert_eq!(equal, vec![2..10]);
        assert_eq!(patience(&gold, &page), ops, "the same ops every time");
        Ok(())
    }

    #[test]
    fn an_exact_diff_places_each_op_where_the_one_before_ends() -> Result<(), TestCaseError> {
        // similar's own ops here give the removal new index 3, after the match at 0.
        let (old, new) = ([0u8, 0, 34, 0], [34u8, 1, 1, 34]);
        let ours = diff(&old, &new);
        assert!(!ours.coarse);
        covers(&ours.ops, &old, &new)?;
        assert_eq!(matched(&ours.ops), 1);
        Ok(())
    }

    #[test]
    fn the_longest_increasing_run_is_kept() {
        let pairs = [(0, 3), (1, 0), (2, 1), (3, 4), (4, 2), (5, 5)];
        assert_eq!(longest_increasing(&pairs), vec![(1, 0), (2, 1), (4, 2), (5, 5)]);
        assert_eq!(longest_increasing(&[]), Vec::new());
    }

    #[test]
    fn texts_far_apart_are_known_to_be_over_budget_before_any_step() {
        let (old, new, distinct) = numbered(&[1, 2, 3, 4], &[5, 6, 7, 8]);
        let mut counts = vec![0; distinct];
        // Eight tokens apart: the search finishes in round 4 at the earliest, after 4·5 steps.
        assert!(surely_over(&old, &new, &mut counts, 20));
        assert!(!surely_over(&old, &new, &mut counts, 21));
        assert!(counts.iter().all(|c| *c == 0));
    }

    proptest! {
        /// Within its budget the port is similar's Myers, op for op.
        #[test]
        fn within_budget_the_ops_are_similars(
            old in proptest::collection::vec(0u8..6, 0..120),
            new in proptest::collection::vec(0u8..6, 0..120),
        ) {
            let ours = diff(&old, &new);
            prop_assert!(!ours.coarse);
            prop_assert_eq!(ours.ops, placed(capture_diff_slices(Algorithm::Myers, &old, &new)));
        }

        /// A patience diff covers both sequences in order, and matches at least the tokens
        /// both hold once.
        #[test]
        fn a_patience_diff_covers_both_sequences(
            old in proptest::collection::vec(0u8..12, 0..120),
            new in proptest::collection::vec(0u8..12, 0..120),
        ) {
            let ops = patience(&old, &new);
            covers(&ops, &old, &new)?;
            let once = |t: &u8| old.iter().filter(|x| *x == t).count() == 1 && new.iter().filter(|x| *x == t).count() == 1;
            let anchors: Vec<(usize, usize)> = old
                .iter()
                .enumerate()
                .filter(|(_, t)| once(t))
                .filter_map(|(i, t)| Some((i, new.iter().position(|x| x == t)?)))
                .collect();
            prop_assert!(matched(&ops) >= longest_increasing(&anchors).len());
        }

        /// Out of budget the ops still cover both sequences, in order.
        #[test]
        fn out_of_budget_the_ops_still_cover_both(
            old in proptest::collection::vec(0u8..40, 0..120),
            new in proptest::collection::vec(0u8..40, 0..120),
            steps in 0u64..200,
        ) {
            let ours = diff_in(&old, &new, steps);
            covers(&ours.ops, &old, &new)?;
            if !ours.coarse {
                prop_assert_eq!(ours.ops, placed(capture_diff_slices(Algorithm::Myers, &old, &new)));
            }
        }
    }
}
