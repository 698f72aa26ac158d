//! Disjoint sets over indices `0..n` as a parent array: the one home for the `find` that
//! `group` (copies) and `stories` (quote wordings) merge with. A leaf module.

/// The root of `i`'s set, halving the path on the way.
pub fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = p;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_root_and_halves_the_path() {
        // 3 → 2 → 1 → 0
        let mut parent = vec![0, 0, 1, 2];
        assert_eq!(find(&mut parent, 3), 0);
        assert!(parent[3] < 3, "the path was shortened");
        assert_eq!(find(&mut parent, 0), 0);
        // An index out of range is its own root.
        assert_eq!(find(&mut parent, 9), 9);
    }
}
