//! pith: scraped news page → the article, its provenance, and a ledger of what was removed.
//!
//! ```
//! let options = pith::Options::default();
//! let source = pith::input::decode("page.txt", b"Menu\nHome\n\nThe article's first sentence is here and it is long enough to count.\n".to_vec(), &options.read).unwrap();
//! let record = pith::clean(&source);
//! assert!(record.text.starts_with("The article's first sentence"));
//! assert_eq!(record.restore().unwrap(), b"Menu\nHome\n\nThe article's first sentence is here and it is long enough to count.\n");
//! ```
//!
//! The pipeline, one module per stage: [`input`] (bytes → decoded [`input::Source`]) →
//! [`segment`] (→ blocks with byte ranges) → [`classify`] (→ a verdict per block) →
//! [`repair`] (→ body paragraphs) → [`provenance`] → [`record`] (→ [`Record`] with the ledger).
//! Each imports only the stages before it; [`text`] below them all holds what several share
//! (hashing, normalising, names, dates), and `tests/layers.rs` checks the order.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod boilerplate;
pub mod classify;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod eval;
pub mod exit;
pub mod group;
pub mod input;
pub mod jsonl;
pub mod output;
pub mod provenance;
pub mod record;
pub mod render;
pub mod repair;
pub mod rule;
pub mod segment;
pub mod stories;
pub mod text;
pub mod warc;

use std::path::Path;

pub use error::{Error, Result};
pub use input::{Format, Source};
pub use record::{Record, Segment};

/// One options value for the whole pipeline.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub read: input::ReadOptions,
    /// Learned outlet boilerplate (`--boilerplate FILE`), applied after the rules.
    pub boilerplate: Option<std::sync::Arc<boilerplate::Model>>,
    /// The learned models; `None` uses the ones built into pith (`data/model/`).
    pub models: Option<std::sync::Arc<classify::model::Models>>,
    /// Decide by the named rules alone, without the block model.
    pub rules_only: bool,
    /// What the block model's threshold leans to: precision, recall or neither.
    pub favor: classify::Favor,
    /// What the body keeps besides its text: link targets and images in its markdown, XML and
    /// HTML; tables.
    pub body: BodyOptions,
}

/// What the cleaned body keeps (`pith clean --links --images --no-tables`). The defaults keep
/// every record as it has always been.
#[derive(Debug, Clone, Copy, Default)]
pub struct BodyOptions {
    /// A body from HTML keeps link targets, resolved against the page's address: in markdown
    /// `[text](href)`, in XML `<ref target>`, in HTML `<a href>` (the record's `paragraphs`
    /// carry them as marks over its text).
    pub links: bool,
    /// A body from HTML keeps images, resolved as links are: `![alt](src)`, `<graphic>`, `<img>`.
    pub images: bool,
    /// Tables leave the body (text, markdown and every other shape); the ledger names them
    /// with rule `table`.
    pub no_tables: bool,
}

/// What HTML blocks' markup keeps besides their text, and the address it is resolved
/// against: where the page was fetched from (a WARC target, a JSONL `url`, `--url`), else the
/// address the page gives itself (`<link rel=canonical>`, `og:url`, JSON-LD).
fn inline_markup(source: &Source, meta: &provenance::html_meta::PageMeta, body: BodyOptions) -> segment::InlineMarkup {
    if !(body.links || body.images) {
        return segment::InlineMarkup::default();
    }
    let base = source
        .fetched_from
        .as_ref()
        .and_then(|(url, _)| url::Url::parse(url).ok())
        .or_else(|| meta.url.as_ref().and_then(|f| url::Url::parse(&f.value).ok()));
    segment::InlineMarkup {
        links: body.links,
        images: body.images,
        base,
    }
}

/// Everything the pipeline knows about a page before repair: its blocks, its type, the rules'
/// decision, each block's features for the model, and the page's own metadata.
pub struct Analysis<'a> {
    pub blocks: Vec<segment::Block>,
    /// The page type the page-type model gave, with its probability (none without a model).
    pub page_type: Option<(classify::page_type::PageType, f64)>,
    pub decision: classify::Decision,
    /// The page-type model's features.
    pub page_features: Vec<f32>,
    pub features: Vec<Vec<f32>>,
    pub meta: provenance::html_meta::PageMeta,
    page: Option<segment::html::Page<'a>>,
}

/// Segments the source, tells its page type, classifies its blocks by the named rules under
/// that type, and measures each block's features for the block model.
pub fn analyse<'a>(source: &'a Source, options: &Options) -> Analysis<'a> {
    let page = (source.format == Format::Html).then(|| segment::html::parse(&source.text));
    let meta = page
        .as_ref()
        .map(|p| provenance::html_meta::extract(&p.document, &p.markup))
        .unwrap_or_default();
    let blocks = segment::segment_with(source, page.as_ref(), &inline_markup(source, &meta, options.body));
    let declared = match source.format {
        Format::Html if meta.declares_article => classify::PageKind::Article,
        Format::Html => classify::PageKind::Other,
        _ => classify::PageKind::Unknown,
    };
    let mut decision = classify::classify(&blocks, source.format, declared);
    let html = source.format == Format::Html;
    let models = options.models.clone().unwrap_or_else(classify::model::builtin);
    let facts = classify::page_type::PageFacts {
        declared_types: &meta.declared_types,
        url: meta
            .url
            .as_ref()
            .map(|f| f.value.as_str())
            .or(source.fetched_from.as_ref().map(|(u, _)| u.as_str())),
        has_author: meta.authors.is_some(),
        has_date: meta.published.is_some(),
        html,
    };
    // Measured on the rules' first decision, as in training.
    let page_features = classify::page_type::page_features(&blocks, &decision, &facts);
    // A page with no text has no type to tell.
    let page_type = models
        .page_type(source.format)
        .filter(|_| !blocks.is_empty())
        .and_then(|forest| classify::page_type::predict(forest, &page_features));
    let learned = like_the_bench(blocks.len());
    // The page's type, not only its metadata, says how an HTML page's blocks are judged — when
    // the model is sure enough of it, on a page like those it learned from. In a dump the type
    // is told less well (0.64 of WCXB dumps typed right, 0.79 of pages): it moves the block
    // model's threshold but not the rules' mode (out of fold, against letting it switch the
    // mode too: txt +0.004 / +0.003 on scrapinghub / WCXB, md −0.002 / +0.000).
    let sure = page_type.filter(|(_, p)| *p >= classify::page_type::SURE_ENOUGH && learned && html);
    if let Some((kind, _)) = sure {
        let judged = classify::page_type::kind_for(kind, source.format);
        if judged != declared {
            // The first decision goes before the second is made: on a page of many short lines
            // each weighs many times the page.
            drop(decision);
            decision = classify::classify(&blocks, source.format, judged);
        }
    }
    let context = classify::features::PageContext {
        declares_article: meta.declares_article,
        html,
        page_type: page_type.map(|(t, _)| t),
    };
    // Past the longest page the model learned from it is not used: its features (219 numbers a
    // block) would only cost memory, 0.9 GB for a million short lines.
    let features = if blocks.len() > MAX_BLOCKS_FOR_MODEL {
        Vec::new()
    } else {
        classify::features::block_features(&blocks, &decision, context)
    };
    Analysis {
        blocks,
        page_type,
        decision,
        page_features,
        features,
        meta,
        page,
    }
}

/// The block model's decision on an analysed page, and how sure pith is of the result.
pub struct Decided {
    /// The final verdict per block (the rules', where the model agrees or is absent).
    pub verdicts: Vec<classify::Verdict>,
    /// The block model's probability per block (empty without a model).
    pub probabilities: Vec<f64>,
    /// The confidence model's features (see [`classify::confidence`]).
    pub confidence_features: Vec<f32>,
    /// The predicted F1 of this extraction (none without a confidence model).
    pub confidence: Option<f64>,
}

/// Fewer blocks than this and a page is unlike those the block model learned from: the bench
/// holds under 1% of such pages (HTML, text and markdown alike), so the rules decide them.
pub const MIN_BLOCKS_FOR_MODEL: usize = 20;
/// More blocks than this and a page is longer than any the block model learned from (the
/// longest bench page has 3,346 blocks; 99.9% have under 2,200).
pub const MAX_BLOCKS_FOR_MODEL: usize = 4_000;

/// A page of this many blocks is like those the models learned from.
fn like_the_bench(blocks: usize) -> bool {
    (MIN_BLOCKS_FOR_MODEL..=MAX_BLOCKS_FOR_MODEL).contains(&blocks)
}

/// Lets the block model decide where it is used, then predicts how well the extraction went.
pub fn decide(analysis: &Analysis, format: Format, options: &Options) -> Decided {
    let mut verdicts = analysis.decision.verdicts.clone();
    let models = options.models.clone().unwrap_or_else(classify::model::builtin);
    // The model decides only on pages like those it learned from: on a snippet, a stub, text
    // already cleaned, or a page longer than any it saw, the rules' reading stands.
    let learned = like_the_bench(analysis.blocks.len());
    let block_model = models.block(format).filter(|_| !options.rules_only && learned);
    let probabilities = block_model
        .map(|forest| {
            classify::apply_model(
                forest,
                &analysis.features,
                &mut verdicts,
                analysis.page_type,
                format,
                options.favor,
            )
        })
        .unwrap_or_default();
    // A page the model empties while the rules found its text is one the model has not learned
    // (a stub, a snippet): the rules' reading stands, as in their own retry. Out of fold:
    // txt +0.004 / +0.006 (scrapinghub / WCXB), md +0.000 / +0.001, html +0.000 / −0.001.
    let kept = |vs: &[classify::Verdict]| {
        vs.iter()
            .zip(&analysis.decision.signals)
            .filter(|(v, _)| v.keep)
            .map(|(_, s)| s.words)
            .sum::<usize>()
    };
    if kept(&verdicts) == 0 && kept(&analysis.decision.verdicts) > 0 {
        verdicts.clone_from(&analysis.decision.verdicts);
    }
    let words: Vec<usize> = analysis.decision.signals.iter().map(|s| s.words).collect();
    let confidence_features = classify::confidence::features(
        &analysis.page_features,
        analysis.page_type.map(|(_, p)| p),
        &words,
        &probabilities,
        &analysis.decision.verdicts,
        &verdicts,
        block_model.map_or(0.5, |f| f.threshold),
    );
    let confidence = models
        .confidence(format)
        .map(|forest| classify::confidence::predict(forest, &confidence_features));
    Decided {
        verdicts,
        probabilities,
        confidence_features,
        confidence,
    }
}

/// Cleans one decoded source with default options: the whole pipeline.
pub fn clean(source: &Source) -> Record {
    clean_with(source, &Options::default())
}

/// Cleans one decoded source: the whole pipeline.
pub fn clean_with(source: &Source, options: &Options) -> Record {
    let analysis = analyse(source, options);
    let decided = decide(&analysis, source.format, options);
    finish(source, analysis, decided, options)
}

/// Repair, provenance and the record, from an analysed page and its decision.
pub fn finish(source: &Source, analysis: Analysis, decided: Decided, options: &Options) -> Record {
    let Decided {
        verdicts, confidence, ..
    } = decided;
    let Analysis {
        blocks,
        page_type,
        decision,
        page_features,
        features,
        meta,
        page,
    } = analysis;
    // What only the decision read goes before the body is built: the parsed page's tree, the
    // rules' signals and the model's features (on a page of many short lines they weigh many
    // times the page).
    drop((decision, page_features, features));
    let page_warnings = page.map(|p| p.warnings).unwrap_or_default();
    let body = body(source, &blocks, verdicts, &meta, options);
    let mut warnings = source.warnings.clone();
    warnings.extend(page_warnings);
    warnings.extend(record::empty_body(&source.text, &body.texts.text));
    warnings.extend(segment::coarse_warning(source));
    Record {
        source: source.name.clone(),
        format: source.format,
        encoding: source.encoding.to_string(),
        page_type: page_type.map(|(t, _)| t),
        confidence,
        markdown: body.texts.markdown,
        paragraphs: body.texts.spans,
        text: body.texts.text,
        provenance: body.provenance,
        segments: record::ledger(source, blocks, &body.verdicts),
        replaced: source.replaced.clone(),
        warnings,
        extra: None,
    }
}

/// The first pass of `--learn` on one source: the pipeline as [`clean_with`] runs it, and what
/// the boilerplate learner counts of the page (none without an outlet or a host).
pub fn sample_for_learning(source: &Source, options: &Options) -> Option<boilerplate::Sample> {
    let analysis = analyse(source, options);
    let decided = decide(&analysis, source.format, options);
    let body = body(source, &analysis.blocks, decided.verdicts, &analysis.meta, options);
    boilerplate::Sample::new(&body.provenance, &analysis.blocks)
}

/// The cleaned body and where it came from, with the verdicts it was built from.
struct Body {
    texts: repair::Texts,
    provenance: provenance::Provenance,
    verdicts: Vec<classify::Verdict>,
}

/// Repair and provenance from the verdicts. Tables leave first when asked (`--no-tables`);
/// learned boilerplate comes last, since the outlet is known only once provenance is.
fn body(
    source: &Source,
    blocks: &[segment::Block],
    mut verdicts: Vec<classify::Verdict>,
    meta: &provenance::html_meta::PageMeta,
    options: &Options,
) -> Body {
    if options.body.no_tables {
        classify::leave_out_tables(blocks, &mut verdicts);
    }
    let words =
        |verdicts: &[classify::Verdict]| repair::one_letter_words(&languages_before_repair(blocks, verdicts, meta));
    repair::keep_drop_caps(source, blocks, &mut verdicts, words);
    let (mut texts, mut provenance) = assemble(source, blocks, &verdicts, meta);
    if let Some(model) = &options.boilerplate {
        if boilerplate::apply(model, &provenance, blocks, &mut verdicts) {
            repair::keep_drop_caps(source, blocks, &mut verdicts, words);
            // The first body goes before the second is built.
            drop(texts);
            (texts, provenance) = assemble(source, blocks, &verdicts, meta);
        }
    }
    Body {
        texts,
        provenance,
        verdicts,
    }
}

/// Repair and provenance: the body, as plain text and as markdown, and where it came from.
fn assemble(
    source: &Source,
    blocks: &[segment::Block],
    verdicts: &[classify::Verdict],
    meta: &provenance::html_meta::PageMeta,
) -> (repair::Texts, provenance::Provenance) {
    let languages = languages_before_repair(blocks, verdicts, meta);
    let paragraphs = repair::repair(source, blocks, verdicts, &languages);
    let texts = repair::into_texts(paragraphs, source.format);
    let provenance = provenance::extract(source, blocks, verdicts, &texts.text, meta);
    (texts, provenance)
}

/// The page's languages as known before repair, which needs them to tell a drop cap from a
/// one-letter word: the one the page declares and the one its kept text reads as (the detector
/// provenance uses on the body, on the same first bytes).
fn languages_before_repair<'m>(
    blocks: &[segment::Block],
    verdicts: &[classify::Verdict],
    meta: &'m provenance::html_meta::PageMeta,
) -> Vec<&'m str> {
    let mut sample = String::new();
    for (block, _) in blocks.iter().zip(verdicts).filter(|(_, v)| v.keep) {
        if sample.len() >= provenance::language::SAMPLE_BYTES {
            break;
        }
        let text = block.text.trim();
        if !text.is_empty() {
            if !sample.is_empty() {
                sample.push_str("\n\n");
            }
            sample.push_str(text);
        }
    }
    let declared = meta.language.as_ref().map(|field| field.value.as_str());
    declared
        .into_iter()
        .chain(provenance::language::detect(&sample))
        .collect()
}

/// Reads and cleans one path (`-` for stdin).
pub fn clean_path(path: &Path, options: &Options) -> Result<Record> {
    let source = input::read_path(path, &options.read)?;
    Ok(clean_with(&source, options))
}
