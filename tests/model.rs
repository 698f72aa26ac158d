//! The learned models: built in and loadable, deterministic, visible in the record, and
//! refused when they do not fit.

use pith::classify::Reason;
use pith::rule::Rule;
use std::path::Path;
use std::sync::Arc;

use assert_cmd::Command;
use predicates::prelude::*;

fn pith() -> Command {
    Command::cargo_bin("pith").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_built_in_model_loads() {
    let models = pith::classify::model::builtin();
    for format in [pith::Format::Html, pith::Format::Text, pith::Format::Markdown] {
        assert!(models.block(format).is_some(), "block model for {format:?}");
        for declares in [true, false] {
            assert!(
                models.page_type(format, declares).is_some(),
                "page-type model for {format:?}"
            );
        }
        assert!(models.confidence(format).is_some(), "confidence model for {format:?}");
    }
}

#[test]
fn every_fold_model_loads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for k in 0..5 {
        let models = pith::classify::model::Models::from_dir(&root.join(format!("data/model/cv/fold{k}")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(models.html.is_some() && models.page_type_html.is_some() && models.confidence_html.is_some());
        assert!(
            models.page_type_html_undeclared.is_some(),
            "fold {k}: no model for undeclared pages"
        );
    }
}

#[test]
fn an_html_page_that_declares_no_type_is_typed_by_its_own_model() {
    use pith::classify::model::{Forest, Models};
    fn loaded(model: Option<&Forest>) -> &Forest {
        model.unwrap_or_else(|| panic!("a page-type model is missing"))
    }
    // Built in: the second model is read when a page that declares nothing comes.
    let models = pith::classify::model::builtin();
    let declared = loaded(models.page_type(pith::Format::Html, true));
    let undeclared = loaded(models.page_type(pith::Format::Html, false));
    assert!(std::ptr::eq(declared, loaded(models.page_type_html.as_ref())));
    assert!(std::ptr::eq(
        undeclared,
        loaded(pith::classify::model::builtin_undeclared())
    ));
    assert!(!std::ptr::eq(declared, undeclared));
    // A dump declares nothing either way: one model.
    let text = loaded(models.page_type(pith::Format::Text, true));
    assert!(std::ptr::eq(text, loaded(models.page_type(pith::Format::Text, false))));
    // From a folder: its own second model.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fold = Models::from_dir(&root.join("data/model/cv/fold0")).unwrap_or_else(|e| panic!("{e}"));
    let undeclared = loaded(fold.page_type(pith::Format::Html, false));
    assert!(std::ptr::eq(
        undeclared,
        loaded(fold.page_type_html_undeclared.as_ref())
    ));
    // Without one (an older `--models` folder), the first types every page.
    let older = Models {
        page_type_html_undeclared: None,
        ..fold.clone()
    };
    let first = loaded(older.page_type(pith::Format::Html, false));
    assert!(std::ptr::eq(first, loaded(older.page_type_html.as_ref())));
}

#[test]
fn a_record_carries_its_page_type_and_confidence() {
    let record = pith::clean_path(
        Path::new("fixtures/001_2faf6ce82c38984a.txt"),
        &pith::Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(record.page_type, Some(pith::classify::page_type::PageType::Article));
    let confidence = record.confidence.unwrap_or(-1.0);
    assert!((0.0..=1.0).contains(&confidence), "confidence {confidence}");
    let json = serde_json::to_value(&record).unwrap_or_default();
    assert_eq!(json["page_type"], "article");
    assert!(json["confidence"].is_number());
}

#[test]
fn rules_only_has_no_block_model_drops() {
    let mut options = pith::Options::default();
    options.rules_only = true;
    for path in ["fixtures/html/listing.html", "fixtures/002_afc870d9edf609b6.txt"] {
        let record = pith::clean_path(Path::new(path), &options).unwrap_or_else(|e| panic!("{e}"));
        assert!(record.segments.iter().all(|s| s.rule != Rule::Model), "{path}");
    }
}

/// A one-split forest: blocks of more than about a dozen words get p = 0.95, shorter ones 0.05
/// (`raw` flips the two).
fn stump_model(raw: f64) -> Arc<pith::classify::model::Models> {
    let names = pith::classify::features::names();
    let words = names.iter().position(|n| n == "log_words").unwrap_or(0) as i64;
    let json = serde_json::json!({
        "objective": "binary",
        "features": names,
        "trees": [{"feature": [words, -1, -1], "threshold": [2.5, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.0, -raw, raw]}],
    });
    let forest = pith::classify::model::Forest::from_json("constant", &json.to_string(), names)
        .unwrap_or_else(|e| panic!("{e}"));
    Arc::new(pith::classify::model::Models {
        html: Some(forest.clone()),
        text: Some(forest.clone()),
        markdown: Some(forest),
        ..Default::default()
    })
}

#[test]
fn where_the_model_overrules_the_rules_it_says_why() {
    let path = "fixtures/html/teaser-cards.html";
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let source = pith::input::decode(path, bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(pith::analyse(&source, &pith::Options::default()).blocks.len() >= pith::MIN_BLOCKS_FOR_MODEL);
    // A model that keeps long blocks and drops short ones, and one that does the opposite.
    let mut overruled = 0;
    let mut kept_against = 0;
    for raw in [3.0, -3.0] {
        let mut options = pith::Options::default();
        options.models = Some(stump_model(raw));
        let analysis = pith::analyse(&source, &options);
        let decided = pith::decide(&analysis, source.format, &options);
        assert_eq!(decided.probabilities.len(), analysis.blocks.len());
        for (rule, model) in analysis.decision.verdicts.iter().zip(&decided.verdicts) {
            if rule.named || matches!(rule.rule, Rule::Title | Rule::TitleLine) {
                assert_eq!(rule, model, "a drop named by what the block says is never overruled");
                continue;
            }
            if rule.keep == model.keep {
                assert_eq!(rule, model, "an agreeing model leaves the rule's verdict");
                continue;
            }
            overruled += 1;
            if model.keep {
                kept_against += 1;
                assert!(
                    matches!(&model.reason, Reason::ModelKeep { p, overruled, .. }
                        if *overruled == rule.rule && (*p - 0.95).abs() < 0.005),
                    "{}",
                    model.reason
                );
                assert!(
                    model.reason.to_string().starts_with("block model: content with p=0.95"),
                    "{}",
                    model.reason
                );
            } else {
                assert_eq!(model.rule, Rule::Model);
                assert!(
                    model
                        .reason
                        .to_string()
                        .starts_with("block model: content with p=0.05 only (log_words="),
                    "{}",
                    model.reason
                );
            }
        }
    }
    assert!(
        overruled > kept_against && kept_against > 0,
        "{overruled} overruled, {kept_against} kept against the rules"
    );
}

#[test]
fn a_model_that_would_empty_the_page_leaves_it_to_the_rules() {
    let path = "fixtures/html/teaser-cards.html";
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let source = pith::input::decode(path, bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let names = pith::classify::features::names();
    let json = serde_json::json!({"objective": "binary", "features": names,
        "trees": [{"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [-5.0]}]});
    let forest =
        pith::classify::model::Forest::from_json("none", &json.to_string(), names).unwrap_or_else(|e| panic!("{e}"));
    let mut options = pith::Options::default();
    options.models = Some(Arc::new(pith::classify::model::Models {
        html: Some(forest),
        ..Default::default()
    }));
    let analysis = pith::analyse(&source, &options);
    let decided = pith::decide(&analysis, source.format, &options);
    assert_eq!(decided.verdicts, analysis.decision.verdicts);
    assert!(decided.verdicts.iter().any(|v| v.keep));
}

#[test]
fn tiny_pages_are_left_to_the_rules() {
    let page = "Menu\n\nThe bridge will be closed for repairs from Monday, the city said on Friday.\n";
    let source = pith::input::decode("page.txt", page.as_bytes().to_vec(), &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let analysis = pith::analyse(&source, &pith::Options::default());
    let decided = pith::decide(&analysis, source.format, &pith::Options::default());
    assert!(decided.probabilities.is_empty());
    assert_eq!(decided.verdicts, analysis.decision.verdicts);
}

#[test]
fn a_model_trained_on_other_features_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("html.json"),
        r#"{"objective":"binary","features":["words"],"trees":[]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let error = pith::classify::model::Models::from_dir(dir.path())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.contains("not a usable model") && error.contains("retrain"),
        "{error}"
    );
    pith()
        .args(["clean", "--models"])
        .arg(dir.path())
        .arg("fixtures/html/listing.html")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a usable model"));
}

/// A mistyped `--models` path, or a folder with no model in it, is an error, not a silent run
/// of the rules alone.
#[test]
fn a_models_folder_that_is_missing_or_empty_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.path().join("no-such-folder");
    for (folder, says) in [(&missing, "no such folder"), (&dir.path().to_path_buf(), "holds none")] {
        let error = pith::classify::model::Models::from_dir(folder)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains(says), "{error}");
        pith()
            .args(["clean", "--models"])
            .arg(folder)
            .arg("fixtures/html/listing.html")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
}

#[test]
fn models_from_a_folder_give_the_same_bytes_as_the_built_in_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let models = pith::classify::model::Models::from_dir(&root.join("data/model")).unwrap_or_else(|e| panic!("{e}"));
    let mut from_dir = pith::Options::default();
    from_dir.models = Some(Arc::new(models));
    for path in [
        "fixtures/html/teaser-cards.html",
        "fixtures/003_cfd07240930c966c.txt",
        "fixtures/rules/media.md",
    ] {
        let a = pith::clean_path(Path::new(path), &from_dir).unwrap_or_else(|e| panic!("{e}"));
        let b = pith::clean_path(Path::new(path), &pith::Options::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a, b, "{path}");
    }
}

#[test]
fn min_confidence_leaves_out_records_and_counts_them() {
    let files = [
        "fixtures/002_afc870d9edf609b6.txt",
        "fixtures/003_cfd07240930c966c.txt",
        "fixtures/rules/media.md",
    ];
    let confidences: Vec<f64> = files
        .iter()
        .map(|f| {
            let out = pith()
                .args(["clean", "--jsonl", f])
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
            record["confidence"]
                .as_f64()
                .unwrap_or_else(|| panic!("{f}: no confidence"))
        })
        .collect();
    // At the highest confidence, the records below it are left out and counted, the rest kept.
    let min = confidences.iter().copied().fold(0.0, f64::max);
    let below = confidences.iter().filter(|c| **c < min).count();
    assert!(below > 0, "the fixtures' confidences differ: {confidences:?}");
    let out = pith()
        .args(["clean", "--jsonl", "--min-confidence", &min.to_string()])
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        files.len() - below
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{below} below confidence {min} left out")),
        "{stderr}"
    );
    // A share outside 0–1, or no number, would keep everything or nothing: refused.
    for bad in ["1.01", "-0.1", "nan", "high"] {
        pith()
            .args([
                "clean",
                "--jsonl",
                "--min-confidence",
                bad,
                "fixtures/002_afc870d9edf609b6.txt",
            ])
            .assert()
            .code(2)
            .stdout("");
    }
    pith()
        .args(["clean", "--jsonl", "--min-confidence", "0"])
        .args(["fixtures/002_afc870d9edf609b6.txt", "fixtures/003_cfd07240930c966c.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"confidence\":").count(2));
}

#[test]
fn explain_shows_page_type_and_confidence() {
    pith()
        .args(["explain", "fixtures/html/listing.html"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"page type: [a-z]+; confidence: 0\.\d\d \(predicted F1\)")
                .unwrap_or_else(|e| panic!("{e}")),
        );
}

#[test]
fn blocks_above_a_dumps_headline_are_left_to_the_rules() {
    // A dump whose title line is repeated by its headline: the teasers above the headline are
    // outside the article by what the page says, so the block model may not bring them back.
    let path = "fixtures/rules/title-line.txt";
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let source = pith::input::decode(path, bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let analysis = pith::analyse(&source, &pith::Options::default());
    let above: Vec<_> = analysis
        .decision
        .verdicts
        .iter()
        .filter(|v| v.rule == Rule::OutsideArticle && matches!(v.reason, Reason::OutsideRun { before: true, .. }))
        .collect();
    assert!(!above.is_empty());
    assert!(above.iter().all(|v| v.named && !v.keep));
}

#[test]
fn a_page_longer_than_any_the_model_learned_from_computes_no_block_features() {
    let lines: String = (0..pith::MAX_BLOCKS_FOR_MODEL + 1)
        .map(|i| format!("Line {i} of a very long list.\n\n"))
        .collect();
    let source =
        pith::input::decode("long.txt", lines.into_bytes(), &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let options = pith::Options::default();
    let analysis = pith::analyse(&source, &options);
    assert!(analysis.blocks.len() > pith::MAX_BLOCKS_FOR_MODEL);
    assert!(analysis.features.is_empty());
    assert!(!pith::clean(&source).segments.is_empty());
}

/// `--favor-recall` keeps at least what the balanced decision keeps, which keeps at least what
/// `--favor-precision` keeps (only the block model's threshold moves), and on a page with
/// blocks the model is unsure of, the three differ.
#[test]
fn favouring_precision_or_recall_moves_what_the_model_keeps() {
    let kept = |name: &str, bytes: &[u8], favor| {
        let mut options = pith::Options::default();
        options.favor = favor;
        let source = pith::input::decode(name, bytes.to_vec(), &options.read).unwrap_or_else(|e| panic!("{e}"));
        let record = pith::clean_with(&source, &options);
        record
            .segments
            .iter()
            .filter(|s| s.keep)
            .map(|s| s.end - s.start)
            .sum::<usize>()
    };
    // An article of 22 paragraphs, six short notes under it and a box of links to other stories.
    let paragraphs: String = (0..22)
        .map(|i| format!("<p>Paragraph {i} of the report says that the council met on Tuesday and voted to change the rules for parking in the centre, after a long debate.</p>"))
        .collect();
    let notes: String = (0..6)
        .map(|i| format!("<div class='note'>Short note {i} here.</div>"))
        .collect();
    let links: String = (0..8)
        .map(|i| format!("<li><a href='/x{i}'>Another story number {i} about the town</a></li>"))
        .collect();
    let page = format!(
        "<html><head><title>Council votes</title></head><body><nav><a href='/'>Home</a></nav><main>\
         <h1>Council votes on parking</h1>{paragraphs}{notes}<aside><h3>More from the town</h3>\
         <ul>{links}</ul></aside></main><footer>Contact us</footer></body></html>"
    );
    let mut pages: Vec<(String, Vec<u8>)> = vec![("council.html".into(), page.into_bytes())];
    for entry in std::fs::read_dir("fixtures/html").unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        pages.push((path.display().to_string(), bytes));
    }
    for (name, bytes) in &pages {
        let (precision, balance, recall) = (
            kept(name, bytes, pith::classify::Favor::Precision),
            kept(name, bytes, pith::classify::Favor::Balance),
            kept(name, bytes, pith::classify::Favor::Recall),
        );
        assert!(
            precision <= balance && balance <= recall,
            "{name}: {precision} {balance} {recall}"
        );
    }
    let (name, bytes) = &pages[0];
    assert!(
        kept(name, bytes, pith::classify::Favor::Precision) < kept(name, bytes, pith::classify::Favor::Recall),
        "the threshold moved nothing"
    );
}

#[test]
fn favouring_both_precision_and_recall_is_refused() {
    pith()
        .args([
            "clean",
            "--favor-precision",
            "--favor-recall",
            "fixtures/html/listing.html",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

/// The comment-thread fixture: an article, a "12 Comments" header, six long comments.
const COMMENT_THREAD: &str = "fixtures/rules/comment-thread.txt";

fn decode(name: &str, bytes: Vec<u8>) -> pith::Source {
    pith::input::decode(name, bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// Each block's verdict by the rules beside the verdict with [`stump_model`]`(raw)` deciding.
fn rules_and_model(source: &pith::Source, raw: f64) -> Vec<(pith::classify::Verdict, pith::classify::Verdict)> {
    let mut options = pith::Options::default();
    options.models = Some(stump_model(raw));
    let analysis = pith::analyse(source, &options);
    let decided = pith::decide(&analysis, source.format, &options);
    analysis.decision.verdicts.into_iter().zip(decided.verdicts).collect()
}

#[test]
fn a_comment_section_below_its_header_is_named_and_never_brought_back() {
    // A dump's article, a "12 Comments" header, then long comments: a model that keeps every
    // long block (p = 0.95) still leaves the comments out — the header says what they are.
    let text = std::fs::read_to_string(COMMENT_THREAD).unwrap_or_else(|e| panic!("{e}"));
    let verdicts = rules_and_model(&decode(COMMENT_THREAD, text.clone().into_bytes()), 3.0);
    assert!(verdicts.len() >= pith::MIN_BLOCKS_FOR_MODEL);
    let comments: Vec<_> = verdicts
        .iter()
        .filter(|(rule, _)| rule.rule == Rule::Comments)
        .collect();
    assert_eq!(comments.len(), 7, "the header and six comments");
    for (rule, model) in comments {
        assert!(rule.named && matches!(rule.reason, Reason::CommentSection));
        assert_eq!(rule, model);
    }
    // The same dump with the comments header reworded into prose has no section to cut.
    let reworded = text.replace(
        "12 Comments",
        "The council will meet again next Tuesday to vote on the budget.",
    );
    let reworded = decode("t.txt", reworded.into_bytes());
    let analysis = pith::analyse(&reworded, &pith::Options::default());
    assert!(analysis.decision.verdicts.iter().all(|v| v.rule != Rule::Comments));
}

#[test]
fn in_a_dump_the_model_drops_a_kept_line_only_when_all_but_sure() {
    // Short lines (the two subheadings) get p = 0.05 from one model and p = 0.3 from another:
    // the first is sure enough to overrule the rules' keeps (below 0.1), the second is not.
    let source = decode(
        COMMENT_THREAD,
        std::fs::read(COMMENT_THREAD).unwrap_or_else(|e| panic!("{e}")),
    );
    let dropped_by_model = |raw: f64| {
        rules_and_model(&source, raw)
            .iter()
            .filter(|(rule, model)| rule.keep && !model.keep && model.rule == Rule::Model)
            .count()
    };
    assert_eq!(dropped_by_model(3.0), 2, "p = 0.05 overrules the rules' keeps");
    assert_eq!(dropped_by_model((0.7f64 / 0.3).ln()), 0, "p = 0.3 does not");
}

#[test]
fn a_container_the_page_names_as_its_comments_is_a_named_drop() {
    // The same article as HTML (declared an article), its comments in a
    // `<section id="comments">` with no header: the container's name says what they are, and a
    // keeping model leaves them out.
    let text = std::fs::read_to_string(COMMENT_THREAD).unwrap_or_else(|e| panic!("{e}"));
    let (article, comments) = text.split_once("12 Comments").unwrap_or_else(|| panic!("no header"));
    let paragraphs = |s: &str| -> String {
        s.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("<p>{p}</p>\n"))
            .collect()
    };
    let html = format!(
        "<html><head><meta property=\"og:type\" content=\"article\"></head><body><article>{}</article><section id=\"comments\">{}</section></body></html>",
        paragraphs(article),
        paragraphs(comments)
    );
    let verdicts = rules_and_model(&decode("t.html", html.into_bytes()), 3.0);
    let comments: Vec<_> = verdicts
        .iter()
        .filter(|(rule, _)| matches!(rule.reason, Reason::InsideContainer { .. }) && rule.rule == Rule::Comments)
        .collect();
    assert_eq!(comments.len(), 6);
    assert!(comments.iter().all(|(rule, model)| rule.named && rule == model));
}

/// A forest that gives every block p = 0.6, with the given per-type thresholds.
fn constant_forest(type_thresholds: serde_json::Value) -> Result<pith::classify::model::Forest, pith::Error> {
    let names = pith::classify::features::names();
    // logistic(ln 1.5) = 0.6
    let json = serde_json::json!({"objective": "binary", "features": names, "type_thresholds": type_thresholds,
        "trees": [{"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [1.5f64.ln()]}]});
    pith::classify::model::Forest::from_json("constant", &json.to_string(), names)
}

#[test]
fn a_page_types_threshold_decides_its_blocks() {
    use pith::classify::page_type::PageType;
    let path = "fixtures/html/teaser-cards.html";
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let source = pith::input::decode(path, bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let analysis = pith::analyse(&source, &pith::Options::default());
    // Which blocks the model may decide (a named drop and the title stay as the rules said).
    let open: Vec<bool> = analysis
        .decision
        .verdicts
        .iter()
        .map(|v| !v.named && !matches!(v.rule, Rule::Title | Rule::TitleLine))
        .collect();
    assert!(open.iter().filter(|o| **o).count() > 5);
    let kept_by_model = |forest: &pith::classify::model::Forest, page_type: PageType| {
        let mut verdicts = analysis.decision.verdicts.clone();
        let threshold = pith::classify::model_threshold(forest, &[(page_type, 1.0)], Default::default());
        let page_type = Some((page_type, 0.99));
        pith::classify::apply_model(
            forest,
            &analysis.features,
            &mut verdicts,
            page_type,
            pith::Format::Html,
            threshold,
        );
        verdicts
            .iter()
            .zip(&open)
            .filter(|(_, o)| **o)
            .map(|(v, _)| v.keep)
            .collect::<Vec<_>>()
    };
    let forest =
        constant_forest(serde_json::json!({"collection": 0.7, "forum": 0.5})).unwrap_or_else(|e| panic!("{e}"));
    // p = 0.6: below a collection's 0.7, above a forum's 0.5.
    assert!(kept_by_model(&forest, PageType::Collection).iter().all(|k| !k));
    assert!(kept_by_model(&forest, PageType::Forum).iter().all(|k| *k));
    // A type the model names no threshold for keeps the default: 0.5 for an article (the
    // model's own), 0.3 for the others.
    assert!(kept_by_model(&forest, PageType::Article).iter().all(|k| *k));
    assert!(kept_by_model(&forest, PageType::Product).iter().all(|k| *k));
    let strict = constant_forest(serde_json::json!({"article": 0.65})).unwrap_or_else(|e| panic!("{e}"));
    assert!(kept_by_model(&strict, PageType::Article).iter().all(|k| !k));
}

/// The confidence model's "undecided" band sits around the threshold the page was decided by:
/// each type's, weighed by how probable the page-type model finds it, moved by what the user
/// favours; a page with no type keeps the model's own.
#[test]
fn the_threshold_a_page_is_decided_by_is_its_types() {
    use pith::classify::{model_threshold, page_type::PageType};
    use pith::Favor;
    let forest = constant_forest(serde_json::json!({"collection": 0.15})).unwrap_or_else(|e| panic!("{e}"));
    let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
    let sure = |t: PageType, favor: Favor| model_threshold(&forest, &[(t, 1.0)], favor);
    assert!(near(sure(PageType::Collection, Favor::Balance), 0.15));
    assert!(near(sure(PageType::Collection, Favor::Precision), 0.35));
    assert!(near(sure(PageType::Product, Favor::Balance), 0.3));
    assert!(near(sure(PageType::Article, Favor::Balance), forest.threshold));
    // Unsure: between the types, as far as each is believed (0.3 × 0.15 + 0.7 × 0.5).
    let unsure = [(PageType::Collection, 0.3), (PageType::Article, 0.7)];
    assert!(near(
        model_threshold(&forest, &unsure, Favor::Balance),
        0.3 * 0.15 + 0.7 * forest.threshold
    ));
    // Probabilities that do not sum to one are read as shares of their sum.
    let halves = [(PageType::Collection, 0.2), (PageType::Product, 0.2)];
    assert!(near(
        model_threshold(&forest, &halves, Favor::Balance),
        (0.15 + 0.3) / 2.0
    ));
    assert!(near(
        model_threshold(&forest, &[], Favor::Recall),
        forest.threshold - 0.2
    ));
}

#[test]
fn a_threshold_for_a_type_that_does_not_exist_is_refused() {
    let error = constant_forest(serde_json::json!({"articel": 0.5}))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("articel"), "{error}");
}

#[test]
fn named_drops_stand_above_the_model_on_articles_only() {
    use pith::classify::page_type::PageType;
    let path = "fixtures/html/teaser-cards.html";
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let source = pith::input::decode(path, bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let analysis = pith::analyse(&source, &pith::Options::default());
    let named: Vec<usize> = (0..analysis.decision.verdicts.len())
        .filter(|&i| analysis.decision.verdicts[i].named && !analysis.decision.verdicts[i].keep)
        .collect();
    assert!(!named.is_empty(), "the fixture has named drops");
    // Every block at p = 0.6, above every threshold listed.
    let forest =
        constant_forest(serde_json::json!({"article": 0.5, "collection": 0.5})).unwrap_or_else(|e| panic!("{e}"));
    let decide = |page_type: PageType, format: pith::Format| {
        let mut verdicts = analysis.decision.verdicts.clone();
        let threshold = pith::classify::model_threshold(&forest, &[(page_type, 1.0)], Default::default());
        let page_type = Some((page_type, 0.99));
        pith::classify::apply_model(&forest, &analysis.features, &mut verdicts, page_type, format, threshold);
        verdicts
    };
    let article = decide(PageType::Article, pith::Format::Html);
    assert!(
        named.iter().all(|&i| article[i] == analysis.decision.verdicts[i]),
        "an article's named drops stand"
    );
    let collection = decide(PageType::Collection, pith::Format::Html);
    assert!(
        named.iter().all(|&i| collection[i].keep),
        "a collection's named drops are the model's to decide"
    );
    // In a dump the named drops stand on every type.
    let dump = decide(PageType::Collection, pith::Format::Text);
    assert!(named.iter().all(|&i| dump[i] == analysis.decision.verdicts[i]));
}

/// A news page in Devanagari with no metadata, as HTML and as a text dump: its paragraphs end
/// with the danda (`।`), which is a sentence end as the full stop is, so the page is read as an
/// article (both were typed listings when only Latin and CJK marks ended sentences, and the
/// dump kept its menu), its prose kept and its menu, related list and footer not.
#[test]
fn a_news_page_in_devanagari_is_read_as_an_article() {
    for path in ["fixtures/html/hindi-news.html", "fixtures/rules/hindi.txt"] {
        let record = pith::clean_path(Path::new(path), &pith::Options::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            record.page_type,
            Some(pith::classify::page_type::PageType::Article),
            "{path}"
        );
        for opening in ["प्रधानमंत्री ने आज संसद", "विपक्ष के नेताओं", "विशेषज्ञों का मानना", "सरकार ने कहा"]
        {
            assert!(record.text.contains(opening), "{path}: {opening} kept");
        }
        for boilerplate in ["श्रेणी", "संबंधित समाचार", "©"] {
            assert!(!record.text.contains(boilerplate), "{path}: {boilerplate} dropped");
        }
    }
}

#[test]
fn in_a_dump_the_model_may_keep_prose_after_a_related_cue_near_the_end_but_not_after_an_appeal() {
    // Twenty paragraphs of a story, then a link-furniture cue line with two more paragraphs of
    // the story after it and two cue lines: the rules close the page from the cue on. A model
    // that keeps every long block brings the paragraphs back after "Read more"; after an appeal
    // header the same paragraphs are the appeal's, and its cue stands.
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let crews = ["the night crew", "the divers", "the crane team", "the masons"];
    let story: String = days
        .iter()
        .flat_map(|day| crews.iter().map(move |crew| (day, crew)))
        .map(|(day, crew)| {
            format!(
                "The harbour works went on through {day}, the council said, as {crew} poured concrete \
                 for the new sea wall and residents watched from the promenade above the beach.\n\n"
            )
        })
        .collect();
    let tail = |opener: &str, closer: &str| {
        format!(
            "{story}{opener}\n\nThe engineers expect the last section of the wall to be finished before the winter \
             storms, when the old breakwater usually fails and floods the lower town again.\n\nThe mayor \
             thanked the crews for working through the summer and promised a ceremony when the wall opens to \
             the public next spring.\n\n{closer}\n\n{closer}\n"
        )
    };
    let after_opener = |text: String, opener: Rule| {
        let verdicts = rules_and_model(&decode("harbour.txt", text.into_bytes()), 3.0);
        assert!(verdicts.len() >= pith::MIN_BLOCKS_FOR_MODEL);
        let closed: Vec<_> = verdicts
            .iter()
            .filter(|(rule, _)| matches!(rule.reason, Reason::EndRun { rule } if rule == opener))
            .collect();
        assert!(!closed.is_empty(), "the rules close the page at the {opener} cue");
        closed.iter().all(|(_, model)| model.keep)
    };
    assert!(
        after_opener(tail("Read more: The harbour's history", "Read more"), Rule::Related),
        "after a related cue the model keeps the story's paragraphs"
    );
    assert!(
        !after_opener(tail("Support our journalism", "Please support us"), Rule::Appeal),
        "after an appeal its paragraphs stay out"
    );
}

/// Each block feature holds what its name says: the names are how a model file, the
/// training script's monotone directions and `--exclude`, and every model reason find a
/// feature, so a name one place off in the list (as the container aggregates once were, named
/// before the class/id token buckets they follow) misleads all of them without changing a
/// decision. Checked by what each family can hold, on pages with nested classed containers.
#[test]
fn every_block_feature_holds_what_its_name_says() {
    let names = pith::classify::features::names();
    let mut checked = 0;
    for path in [
        "fixtures/html/teaser-cards.html",
        "fixtures/html/layout-sidebar.html",
        "fixtures/html/listing.html",
        "fixtures/html/related-box.html",
    ] {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
        let source = pith::input::decode(path, bytes, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
        let analysis = pith::analyse(&source, &pith::Options::default());
        assert!(!analysis.features.is_empty(), "{path}: no features");
        for (block, x) in analysis.blocks.iter().zip(&analysis.features) {
            assert_eq!(x.len(), names.len(), "{path}");
            let value = |name: &str| names.iter().position(|n| n == name).and_then(|i| x.get(i)).copied();
            // Token buckets count class/id tokens: whole numbers, none below zero, and together
            // as many as the block's path names.
            let tokens: f32 = names
                .iter()
                .zip(x)
                .filter(|(n, _)| n.starts_with("near_token:") || n.starts_with("far_token:"))
                .map(|(n, v)| {
                    assert!(*v >= 0.0 && v.fract() == 0.0, "{path}: {n} = {v}");
                    *v
                })
                .sum();
            let path_tokens = block.dom.as_ref().map_or(0, |d| {
                d.path
                    .split(" > ")
                    .map(|step| step.split(['#', '.']).skip(1).filter(|t| !t.is_empty()).count())
                    .sum::<usize>()
            });
            assert_eq!(
                tokens as usize,
                path_tokens,
                "{path}: token buckets of {:?}",
                block.dom.as_ref().map(|d| &d.path)
            );
            // Shares lie in 0–1 (−1 marks a block without a container).
            for level in ["parent", "grandparent"] {
                for share in ["words_share", "keep_share", "sentence_share", "link_density"] {
                    let v = value(&format!("{level}:{share}")).unwrap_or(f32::NAN);
                    assert!(v == -1.0 || (0.0..=1.0).contains(&v), "{path}: {level}:{share} = {v}");
                }
            }
            let flags = ["tag:", "ancestor:", "container:", "type:", "rule:", "kind:"];
            for flag in names.iter().filter(|n| flags.iter().any(|f| n.starts_with(f))) {
                let v = value(flag).unwrap_or(f32::NAN);
                assert!(v == 0.0 || v == 1.0, "{path}: {flag} = {v}");
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} blocks checked");
}
