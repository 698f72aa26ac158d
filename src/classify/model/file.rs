//! A model file as plain data: what `train/train.py` writes as JSON (`data/model/*.json`, a
//! `--models` folder), and what `build.rs` stores of each built-in model in postcard's binary
//! form, read without turning decimal text into numbers on every start. `build.rs` includes
//! this file by its path, so it names nothing of pith's: serde alone.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One regression tree, as parallel arrays over its nodes (node 0 is the root). A node with
/// `feature < 0` is a leaf; an inner node sends `x[feature] <= threshold` left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    pub feature: Vec<i32>,
    pub threshold: Vec<f64>,
    pub left: Vec<u32>,
    pub right: Vec<u32>,
    /// The leaf's output, or for an inner node the mean output below it (for attributions).
    pub value: Vec<f64>,
}

/// What a forest's raw sum means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    /// One score; the probability is its logistic.
    Binary,
    /// One score per class (trees take turns by class); probabilities by softmax.
    Multiclass,
    /// One score, used as it is.
    Regression,
}

/// A forest as its file holds it, before pith checks it against the features it computes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForestFile {
    pub objective: Objective,
    pub features: Vec<String>,
    /// Class names (multiclass only).
    #[serde(default)]
    pub classes: Vec<String>,
    /// The decision threshold chosen out of fold (binary only).
    #[serde(default = "half")]
    pub threshold: f64,
    /// Per page type id, its decision threshold (binary block models only).
    #[serde(default)]
    pub type_thresholds: BTreeMap<String, f64>,
    pub trees: Vec<Tree>,
}

fn half() -> f64 {
    0.5
}
