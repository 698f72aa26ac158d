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
    // Children shared by two parents (a graph, not a tree): a chain of such nodes would unfold
    // into 2^depth packed nodes; one shared node is enough to refuse it.
    let shared = r#"{"objective":"binary","features":["a"],"trees":[{"feature":[0,0,-1],"threshold":[1.0,2.0,0.0],"left":[1,2,0],"right":[1,2,0],"value":[0.0,0.0,1.0]}]}"#;
    let Err(refused) = Forest::from_json("t", shared, &["a".to_string()]) else {
        panic!("a forest whose nodes share children is refused");
    };
    assert!(refused.to_string().contains("malformed"), "{refused}");
    let cousins = r#"{"objective":"binary","features":["a"],"trees":[{"feature":[0,0,0,-1,-1],"threshold":[1.0,2.0,3.0,0,0],"left":[1,3,3,0,0],"right":[2,4,4,0,0],"value":[0,0,0,1.0,2.0]}]}"#;
    assert!(Forest::from_json("t", cousins, &["a".to_string()]).is_err());
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
    let forest =
        Forest::from_json("txt", include_str!("../../../data/model/txt.json"), names).unwrap_or_else(|e| panic!("{e}"));
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
        let mut expected: Vec<(usize, f64)> = by_feature.into_iter().enumerate().filter(|(_, c)| *c != 0.0).collect();
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
        ("txt", include_str!("../../../data/model/txt.json"), blocks),
        ("md", include_str!("../../../data/model/md.json"), blocks),
        ("html", include_str!("../../../data/model/html.json"), blocks),
        (
            "page-type-txt",
            include_str!("../../../data/model/page-type-txt.json"),
            pages,
        ),
        (
            "confidence-html",
            include_str!("../../../data/model/confidence-html.json"),
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

#[test]
fn every_built_in_model_reads_from_its_binary_form_as_from_its_json() {
    // build.rs stores each data/model/*.json as postcard; every number must come out as the
    // library's own JSON reading gives it (the two readers parse decimals differently).
    let blocks = crate::classify::features::names();
    let pages = crate::classify::page_type::names();
    let confidence = crate::classify::confidence::names();
    macro_rules! both {
        ($name:literal, $names:expr) => {
            (
                $name,
                include_str!(concat!("../../../data/model/", $name, ".json")),
                builtin_bytes!($name).as_slice(),
                $names,
            )
        };
    }
    let models = [
        both!("html", blocks),
        both!("txt", blocks),
        both!("md", blocks),
        both!("page-type-html", pages),
        both!("page-type-html-undeclared", pages),
        both!("page-type-txt", pages),
        both!("page-type-md", pages),
        both!("confidence-html", confidence),
        both!("confidence-txt", confidence),
        both!("confidence-md", confidence),
    ];
    let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/model"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(on_disk, models.len(), "a model file this test does not read");
    for (name, json, bytes, names) in models {
        let parsed: ForestFile = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let stored: ForestFile = postcard::from_bytes(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bits = |f: &ForestFile| -> Vec<u64> {
            f.trees
                .iter()
                .flat_map(|t| t.threshold.iter().chain(&t.value))
                .chain(std::iter::once(&f.threshold))
                .chain(f.type_thresholds.values())
                .map(|v| v.to_bits())
                .collect()
        };
        assert_eq!(bits(&parsed), bits(&stored), "{name}: a number differs");
        assert_eq!(parsed, stored, "{name}");
        assert!(Forest::from_postcard(name, bytes, names).is_ok(), "{name}");
    }
}

#[test]
fn a_type_threshold_that_names_no_page_type_is_refused() {
    let json = r#"{"objective":"binary","features":["a"],"type_thresholds":{"blog":0.4},
        "trees":[{"feature":[-1],"threshold":[0.0],"left":[0],"right":[0],"value":[0.1]}]}"#;
    let Err(refused) = Forest::from_json("t", json, &["a".to_string()]) else {
        panic!("a threshold for `blog` was taken");
    };
    assert!(refused.to_string().contains("`blog`"), "{refused}");
    let fine = json.replace("blog", "forum");
    assert!(Forest::from_json("t", &fine, &["a".to_string()]).is_ok());
}

#[test]
fn a_model_reads_its_features_by_name_wherever_pith_puts_them() {
    // A stump on `b`: 1.0 for b <= 0.5, else 3.0. pith computes `a`, `new`, `b`: the model was
    // trained before `new` existed, and `b` has moved.
    let json = r#"{"objective":"regression","features":["a","b"],"trees":[{"feature":[1,-1,-1],"threshold":[0.5,0,0],"left":[1,0,0],"right":[2,0,0],"value":[2.0,1.0,3.0]}]}"#;
    let names = ["a".to_string(), "new".to_string(), "b".to_string()];
    let forest = Forest::from_json("t", json, &names).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(forest.features, names);
    // `b` is the third value of pith's vector; the second (`new`) is never read.
    assert_eq!(forest.raw(&[9.0, 9.0, 0.0]), vec![1.0]);
    assert_eq!(forest.raw(&[0.0, 0.0, 1.0]), vec![3.0]);
    let contributions = forest.contributions(&[0.0, 0.0, 1.0]);
    assert_eq!(contributions, vec![(2, 1.0)]);
    // The same model against the vector it was trained on reads the same.
    let same = Forest::from_json("t", json, &["a".to_string(), "b".to_string()]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(same.raw(&[9.0, 1.0]), vec![3.0]);
    // A feature pith does not compute (or computes fewer times than the model names it) is
    // refused by name.
    let Err(unknown) = Forest::from_json("t", json, &["a".to_string(), "c".to_string()]) else {
        panic!("a model reading `b` loaded where pith computes no `b`");
    };
    assert!(unknown.to_string().contains("`b`"), "{unknown}");
    let Err(more) = Forest::from_json("t", json, &["b".to_string()]) else {
        panic!("a model of two features loaded where pith computes one");
    };
    assert!(more.to_string().contains("more than"), "{more}");
    let twice = json.replace(r#"["a","b"]"#, r#"["b","b"]"#);
    assert!(Forest::from_json("t", &twice, &names).is_err());
    let repeated = ["b".to_string(), "a".to_string(), "b".to_string()];
    let both = Forest::from_json("t", &twice, &repeated).unwrap_or_else(|e| panic!("{e}"));
    // The model's second `b` (the one its stump reads) is pith's second `b`.
    assert_eq!(both.raw(&[0.0, 0.0, 1.0]), vec![3.0]);
}
