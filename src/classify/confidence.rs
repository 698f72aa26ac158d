//! How well an extraction probably went: the predicted word F1 of a record's own body (0–1),
//! from a regression forest (`data/model/confidence-<format>.json`) trained by
//! `train/train.py confidence` on out-of-fold results, so it predicts how pith does on pages it
//! has not seen. It reads the page's features (as the page-type model does), how sure the
//! page-type and block models were, and how much of the page was kept.

use super::Verdict;

/// Probabilities this close to the decision threshold count as undecided.
const UNDECIDED_BAND: f64 = 0.2;

/// Names of the confidence features after the page features, in vector order.
pub fn names() -> &'static [String] {
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut n: Vec<String> = super::page_type::names().to_vec();
        n.extend(
            [
                "type_probability",
                "model_used",
                "mean_p_kept",
                "mean_p_dropped",
                "undecided_word_share",
                "kept_words_log",
                "kept_word_share",
                "kept_blocks_log",
                "overruled_share",
                "kept_runs",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        n
    });
    &NAMES
}

/// The confidence features of one page: its page features, then how the decision went.
/// `probabilities` holds the block model's probability per block (empty without a model),
/// `rules` the rules' verdicts and `verdicts` the final ones.
pub fn features(
    page_features: &[f32],
    type_probability: Option<f64>,
    words: &[usize],
    probabilities: &[f64],
    rules: &[Verdict],
    verdicts: &[Verdict],
    threshold: f64,
) -> Vec<f32> {
    let mut f = page_features.to_vec();
    let total: f64 = words.iter().sum::<usize>().max(1) as f64;
    let mut kept_words = 0.0;
    let mut kept_blocks = 0usize;
    let mut p_kept = (0.0, 0.0);
    let mut p_dropped = (0.0, 0.0);
    let mut undecided = 0.0;
    let mut overruled = 0usize;
    let mut runs = 0usize;
    let mut previous = false;
    for (i, v) in verdicts.iter().enumerate() {
        let w = words.get(i).copied().unwrap_or(0) as f64;
        if v.keep {
            kept_words += w;
            kept_blocks += 1;
            if !previous {
                runs += 1;
            }
        }
        previous = v.keep;
        if let Some(p) = probabilities.get(i) {
            let slot = if v.keep { &mut p_kept } else { &mut p_dropped };
            slot.0 += p * w;
            slot.1 += w;
            if (p - threshold).abs() < UNDECIDED_BAND {
                undecided += w;
            }
        }
        if rules.get(i).is_some_and(|r| r.keep != v.keep) {
            overruled += 1;
        }
    }
    let mean = |(sum, weight): (f64, f64)| if weight > 0.0 { sum / weight } else { -1.0 };
    f.extend(
        [
            type_probability.unwrap_or(-1.0),
            if probabilities.is_empty() { 0.0 } else { 1.0 },
            mean(p_kept),
            mean(p_dropped),
            undecided / total,
            (kept_words + 1.0).ln(),
            kept_words / total,
            (kept_blocks as f64 + 1.0).ln(),
            overruled as f64 / verdicts.len().max(1) as f64,
            runs as f64,
        ]
        .map(|x| x as f32),
    );
    f
}

/// The predicted F1, clamped to 0–1 and rounded to three decimals (stable output).
pub fn predict(forest: &super::model::Forest, x: &[f32]) -> f64 {
    let raw = forest.raw(x).first().copied().unwrap_or(0.0);
    (raw.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}
