//! `pith eval` and `pith train-data`: the extraction scored against gold bodies, and the rows
//! the learned models are trained on; both can clean each page with its cross-validation
//! fold's models.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use pith::exit::Tally;
use pith::Options;

use super::args::ReadArgs;
use super::{code, options, stdout_error, Run};

/// Each id's fold, and per fold the options that clean with that fold's models.
type FoldOptions = (BTreeMap<String, usize>, BTreeMap<usize, Options>);

/// For `eval --cv`: each id's fold, and the options that clean with that fold's models.
fn fold_options(folds_path: &Path, models_dir: &Path, set: &str, base: &Options) -> Result<FoldOptions, String> {
    let raw = std::fs::read_to_string(folds_path).map_err(|e| format!("{}: cannot read: {e}", folds_path.display()))?;
    let mut folds = BTreeMap::new();
    for line in raw.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if let [row_set, id, _, fold] = cols.as_slice() {
            if *row_set == set {
                let fold: usize = fold
                    .parse()
                    .map_err(|_| format!("{}: bad fold in line {line:?}", folds_path.display()))?;
                folds.insert(id.to_string(), fold);
            }
        }
    }
    if folds.is_empty() {
        return Err(format!("{}: no rows for set {set:?}", folds_path.display()));
    }
    let mut options = BTreeMap::new();
    for fold in folds.values().copied().collect::<std::collections::BTreeSet<_>>() {
        let dir = models_dir.join(format!("fold{fold}"));
        let models = pith::classify::model::Models::from_dir(&dir).map_err(|e| e.to_string())?;
        let mut fold_options = base.clone();
        fold_options.models = Some(std::sync::Arc::new(models));
        options.insert(fold, fold_options);
    }
    Ok((folds, options))
}

pub fn eval(
    gold_path: &Path,
    dir: &Path,
    words: bool,
    per_doc: Option<usize>,
    pred_out: Option<PathBuf>,
    cv: Option<(PathBuf, PathBuf, Option<String>)>,
    read: &ReadArgs,
) -> Run {
    let gold_set = pith::eval::GoldSet::read(gold_path, dir)?;
    if let Some(target) = &pred_out {
        // Refused before the pages are cleaned: the predictions never replace the gold file, a
        // page or the folds file.
        let folds_path = cv.as_ref().map(|(folds, _, _)| folds.as_path());
        let pages = gold_set.pages.values().map(PathBuf::as_path);
        pith::output::Inputs::of([gold_path].into_iter().chain(folds_path).chain(pages)).refuse(target)?;
    }
    let options = options(read);
    let (folds, fold_options) = match &cv {
        Some((folds_path, models_dir, set)) => {
            let set = set.clone().unwrap_or_else(|| {
                gold_path
                    .parent()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            fold_options(folds_path, models_dir, &set, &options)?
        }
        None => (BTreeMap::new(), BTreeMap::new()),
    };
    let ids: Vec<&String> = gold_set.gold.keys().collect();
    // Each id's prediction, and whether its page was cleaned (a missing or failing page is
    // scored as an empty prediction, and counted for the exit code).
    let predictions: Vec<(String, String, Option<pith::classify::page_type::PageType>, bool)> = ids
        .par_iter()
        .map(|id| {
            let options = match folds.get(*id) {
                Some(fold) => fold_options.get(fold).unwrap_or(&options),
                None if cv.is_some() => {
                    super::say(format_args!(
                        "{id}: not in the folds file; cleaned with the built-in models"
                    ));
                    &options
                }
                None => &options,
            };
            let (text, page_type, cleaned) = match gold_set.pages.get(*id) {
                Some(path) => match pith::clean_path(path, options) {
                    Ok(record) => {
                        for warning in &record.warnings {
                            super::say(format_args!("{}: warning: {warning}", record.source));
                        }
                        (record.text, record.page_type, true)
                    }
                    Err(e) => {
                        super::say(format_args!("{e}"));
                        (String::new(), None, false)
                    }
                },
                None => {
                    super::say(format_args!("{}: no page for gold id {id}", dir.display()));
                    (String::new(), None, false)
                }
            };
            ((*id).clone(), text, page_type, cleaned)
        })
        .collect();
    let cleaned = predictions.iter().filter(|(_, _, _, cleaned)| *cleaned).count() as u64;
    let tally = Tally {
        done: cleaned,
        failed: predictions.len() as u64 - cleaned,
    };
    let docs: BTreeMap<String, (String, String)> = predictions
        .iter()
        .map(|(id, text, _, _)| (id.clone(), (gold_set.body(id).to_string(), text.clone())))
        .collect();
    if let Some(target) = pred_out {
        let map: BTreeMap<&String, serde_json::Value> = predictions
            .iter()
            .map(|(id, text, page_type, _)| (id, serde_json::json!({ "articleBody": text, "page_type": page_type })))
            .collect();
        let json = serde_json::to_string(&map).map_err(|e| e.to_string())?;
        std::fs::write(&target, json).map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    }
    let (summary, mut rows) = if words {
        pith::eval::score_words(&docs)
    } else {
        pith::eval::score_shingles(&docs)
    };
    let mut out = std::io::stdout().lock();
    if let Some(n) = per_doc {
        rows.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
        for row in rows.iter().take(n) {
            writeln!(
                out,
                "{}\tP={:.3}\tR={:.3}\tF1={:.3}",
                row.id, row.precision, row.recall, row.f1
            )
            .map_err(stdout_error)?;
        }
    }
    let summary = serde_json::to_string(&summary).map_err(|e| e.to_string())?;
    writeln!(out, "{summary}").map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(code(tally))
}

/// One page's rows for training.
struct PageRows {
    id: String,
    features: Vec<Vec<f32>>,
    labels: Vec<f32>,
    words: Vec<usize>,
    page: Vec<f32>,
    /// The gold page type.
    kind: String,
    /// The confidence model's features, and the word F1 the extraction reached.
    confidence: Vec<f32>,
    f1: f64,
}

/// `pith train-data`: every block's features and label, and every page's features and type,
/// for `train/train.py`.
pub fn train_data(
    gold_path: &Path,
    set: &str,
    dir: &Path,
    out: &Path,
    cv: Option<(PathBuf, PathBuf)>,
    read: &ReadArgs,
) -> Run {
    let gold_set = pith::eval::GoldSet::read(gold_path, dir)?;
    let (gold, files) = (&gold_set.gold, &gold_set.pages);
    let options = options(read);
    let (folds, fold_options) = match &cv {
        Some((folds_path, models_dir)) => fold_options(folds_path, models_dir, set, &options)?,
        None => (BTreeMap::new(), BTreeMap::new()),
    };
    let ids: Vec<&String> = gold.keys().collect();
    let pages: Vec<PageRows> = ids
        .par_iter()
        .filter_map(|id| {
            let path = files.get(*id)?;
            let options = folds.get(*id).and_then(|f| fold_options.get(f)).unwrap_or(&options);
            let source = match pith::input::read_path(path, &options.read) {
                Ok(source) => source,
                Err(e) => {
                    super::say(format_args!("{e}"));
                    return None;
                }
            };
            let mut analysis = pith::analyse(&source, options);
            let labels = pith::eval::block_labels(gold_set.body(id), &analysis.blocks);
            let words = analysis.decision.signals.iter().map(|s| s.words).collect();
            let page = analysis.page_features.clone();
            // Pages of the news benchmark are all articles.
            let kind = gold
                .get(*id)
                .and_then(|v| v.get("type"))
                .and_then(|v| v.as_str())
                .unwrap_or("article")
                .to_string();
            let decided = pith::decide(&analysis, source.format, options);
            let confidence = decided.confidence_features.clone();
            let features = std::mem::take(&mut analysis.features);
            let text = pith::finish(&source, analysis, decided, options).text;
            let one: BTreeMap<String, (String, String)> =
                [((*id).clone(), (gold_set.body(id).to_string(), text))].into();
            let f1 = pith::eval::score_words(&one).0.f1;
            Some(PageRows {
                id: (*id).clone(),
                features,
                labels,
                words,
                page,
                kind,
                confidence,
                f1,
            })
        })
        .collect();
    let with_ext = |ext: &str| {
        let mut name = out.as_os_str().to_owned();
        name.push(ext);
        PathBuf::from(name)
    };
    let create = |ext: &str| -> Result<std::io::BufWriter<std::fs::File>, String> {
        let path = with_ext(ext);
        std::fs::File::create(&path)
            .map(std::io::BufWriter::new)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    };
    let mut matrix = create(".f32")?;
    let mut page_matrix = create(".pages.f32")?;
    let mut confidence_matrix = create(".conf.f32")?;
    let mut rows = String::from("set\tid\tblock\tlabel\twords\n");
    let mut page_rows = String::from("set\tid\ttype\tf1\n");
    for PageRows {
        id,
        features,
        labels,
        words,
        page,
        kind,
        confidence,
        f1,
    } in &pages
    {
        for (i, (x, label)) in features.iter().zip(labels).enumerate() {
            for v in x {
                matrix.write_all(&v.to_le_bytes()).map_err(|e| e.to_string())?;
            }
            let w = words.get(i).copied().unwrap_or(0);
            rows.push_str(&format!("{set}\t{id}\t{i}\t{label:.4}\t{w}\n"));
        }
        for v in page {
            page_matrix.write_all(&v.to_le_bytes()).map_err(|e| e.to_string())?;
        }
        for v in confidence {
            confidence_matrix
                .write_all(&v.to_le_bytes())
                .map_err(|e| e.to_string())?;
        }
        page_rows.push_str(&format!("{set}\t{id}\t{kind}\t{f1:.4}\n"));
    }
    for m in [&mut matrix, &mut page_matrix, &mut confidence_matrix] {
        m.flush().map_err(|e| e.to_string())?;
    }
    let write = |ext: &str, text: String| std::fs::write(with_ext(ext), text).map_err(|e| e.to_string());
    write(".tsv", rows)?;
    write(".pages.tsv", page_rows)?;
    write(".names", pith::classify::features::names().join("\n") + "\n")?;
    write(".pages.names", pith::classify::page_type::names().join("\n") + "\n")?;
    write(".conf.names", pith::classify::confidence::names().join("\n") + "\n")?;
    super::say(format_args!("{set}: {} pages", pages.len()));
    Ok(ExitCode::SUCCESS)
}
