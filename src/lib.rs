//! pith: scraped news page → the article, its provenance, and a ledger of what was removed.
//!
//! Build an [`Extractor`] once, with the options you need, and give it each page's bytes (HTML,
//! gzipped HTML, a plain-text or a markdown dump; the format and encoding are sniffed unless
//! you say). Each page gives a [`Record`]: the article's `text`, its `provenance` (title,
//! authors, dates, url, outlet, language, each with the evidence it was read from) and the
//! ledger of `segments` — every stretch of the input, kept or dropped, with its rule and reason —
//! from which [`Record::restore`] gives back the input byte for byte.
//!
//! ```
//! use pith::{Extractor, Favor};
//!
//! fn main() -> pith::Result<()> {
//!     let extractor = Extractor::builder()
//!         .favor(Favor::Precision)
//!         .url("https://news.example.com/2024/05/06/budget")
//!         .build();
//!     let page = b"Menu\nHome\n\nThe council passed the budget on Monday after a debate that lasted six hours.\n";
//!     let record = extractor.extract("budget.txt", page)?;
//!     assert!(record.text.starts_with("The council passed the budget"));
//!     assert_eq!(record.provenance.url.as_deref(), Some("https://news.example.com/2024/05/06/budget"));
//!     assert_eq!(record.restore()?, page); // the ledger gives back the input, byte for byte
//!     Ok(())
//! }
//! ```
//!
//! (The same code is in README.md, "Use it from Rust".)
//!
//! Across many records: [`group::group`] finds the copies of one article, [`diff::diff`] tells
//! how two records differ, and [`stories::stories`] joins the reports of one event by different
//! outlets.
//!
//! The pipeline, one module per stage: `input` (bytes → decoded [`Source`]) → `segment` (→
//! blocks with byte ranges) → `classify` (→ a verdict per block) → `repair` (→ body
//! paragraphs) → [`provenance`] → [`record`] (→ [`Record`] with the ledger). Each imports only
//! the stages before it; `text` below them all holds what several share (hashing, normalising,
//! names, dates), and `tests/layers.rs` checks the order. The stages' own modules are public
//! for the `pith` binary and the tests but hidden from these docs: they are not a stable API.

#![deny(clippy::unwrap_used, clippy::expect_used)]
#![warn(missing_docs)]

// The stable API: the crate root (`Extractor`, `Options`, `Record`, …) and the modules below
// that are documented. The `#[doc(hidden)]` ones are the pipeline's stages and the CLI's
// plumbing, public only for the `pith` binary, the integration tests and the benches; their
// docs are for maintainers (`cargo doc --document-private-items`), so they may link to private
// items.

#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod boilerplate;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod classify;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod corpus;
pub mod diff;
pub mod error;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod eval;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod exit;
pub mod group;
pub mod input;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod jsonl;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod output;
pub mod provenance;
pub mod record;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod render;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod repair;
pub mod rule;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod segment;
pub mod stories;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod text;
#[doc(hidden)] // Not a stable API.
#[allow(rustdoc::private_intra_doc_links)]
pub mod warc;

use std::path::Path;

/// The learned models `Options::models` holds: `Models::from_dir(DIR)` loads a folder shaped
/// like `data/model/` (a retrained or fold model set); `None` there uses the built-in ones.
pub use classify::model::Models;
/// What kind of page a record is (`Record::page_type`): article, forum, product, collection,
/// listing, documentation or service, with stable kebab-case ids.
pub use classify::page_type::PageType;
/// `Favor::Balance` (the default) keeps the block model's threshold; `Favor::Precision`
/// (`--favor-precision`) raises it by 0.2, `Favor::Recall` (`--favor-recall`) lowers it by 0.2.
pub use classify::Favor;
pub use error::{Error, Result};
pub use input::{Format, Source};
pub use record::{LedgerShape, Record, Segment, SCHEMA_VERSION};

/// Cleans pages into [`Record`]s: the documented way in. Made by [`Extractor::builder`], then
/// used for as many pages as you like (it is `Send + Sync`, and cheap to clone).
///
/// ```
/// use pith::{Extractor, Format};
///
/// let extractor = Extractor::builder()
///     .format(Format::Html)
///     .url("https://news.example.com/2024/05/06/budget")
///     .build();
/// let page = r#"<html><head><title>Budget passes | Example News</title></head><body>
/// <nav><a href="/">Home</a> <a href="/world">World</a></nav>
/// <article><h1>Budget passes</h1>
/// <p>The city council passed the budget on Monday after a debate that lasted six hours.</p>
/// <p>The vote was seven to two, with the two members against asking for more time.</p>
/// </article></body></html>"#;
/// let record = extractor.extract("budget.html", page)?;
/// assert!(record.text.contains("passed the budget on Monday"));
/// assert!(!record.text.contains("World"));
/// assert_eq!(record.source, "budget.html");
/// assert_eq!(record.provenance.url.as_deref(), Some("https://news.example.com/2024/05/06/budget"));
/// // The ledger gives back the input, byte for byte.
/// assert_eq!(record.restore()?, page.as_bytes());
/// # Ok::<(), pith::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    options: Options,
}

impl Extractor {
    /// A builder with the defaults: the format and encoding sniffed, the built-in models, inputs
    /// up to 64 MiB, the body as plain text with its tables.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Cleans one page from its bytes (any encoding; gzip is undone). `name` is the record's
    /// `source`, the name errors start with, and (with the content) what the format is sniffed
    /// from, as a file name would be: `page.html`, `story.md`.
    ///
    /// An input that is empty or has nothing pith keeps still gives a record, with empty text
    /// and a warning in its `warnings`. Errors: [`Error::NotText`] (binary input),
    /// [`Error::TooLarge`].
    pub fn extract(&self, name: &str, bytes: impl Into<Vec<u8>>) -> Result<Record> {
        let source = input::decode(name, bytes.into(), &self.options.read)?;
        Ok(clean_with(&source, &self.options))
    }

    /// Reads one file (`-` for stdin) and cleans it; its path is the record's `source`.
    /// Errors: as [`Extractor::extract`], and [`Error::Read`].
    pub fn extract_path(&self, path: impl AsRef<Path>) -> Result<Record> {
        clean_path(path.as_ref(), &self.options)
    }

    /// The options this extractor cleans with.
    pub fn options(&self) -> &Options {
        &self.options
    }
}

/// Sets an [`Extractor`]'s options; made by [`Extractor::builder`]. Every method has the
/// default of the `pith` command without the flag it names.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ExtractorBuilder {
    options: Options,
}

impl ExtractorBuilder {
    /// Starts from a whole [`Options`] value (the methods called after change it further).
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Reads every input as this format instead of sniffing it from the name and the content
    /// (`--format`).
    pub fn format(mut self, format: Format) -> Self {
        self.options.read.format = Some(format);
        self
    }

    /// The address the page was fetched from (`--url`; an absolute URL): the record's `url`
    /// when the page gives none (evidence `cli:url`), and where relative links point from.
    /// It names one page: set it on an extractor for that page.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.options.read.url = Some(url.into());
        self
    }

    /// The charset the transport declared (an HTTP `Content-Type`): used after a byte order
    /// mark and before any guess.
    pub fn charset(mut self, charset: impl Into<String>) -> Self {
        self.options.read.charset = Some(charset.into());
        self
    }

    /// Refuses inputs larger than this many bytes, after gzip is undone (`--max-bytes`;
    /// default 64 MiB).
    pub fn max_bytes(mut self, max_bytes: u64) -> Self {
        self.options.read.max_bytes = max_bytes;
        self
    }

    /// Which way the block model's threshold leans (`--favor-precision`, `--favor-recall`):
    /// [`Favor::Precision`] drops more boilerplate and loses some body, [`Favor::Recall`] keeps
    /// more of the body and more boilerplate; the named rules stand either way.
    pub fn favor(mut self, favor: Favor) -> Self {
        self.options.favor = favor;
        self
    }

    /// Decides by the named rules alone, without the block model (`--rules-only`).
    pub fn rules_only(mut self, rules_only: bool) -> Self {
        self.options.rules_only = rules_only;
        self
    }

    /// Keeps link targets in a body from HTML (`--links`): as marks over the record's
    /// paragraphs, and `[text](href)` in its markdown.
    pub fn links(mut self, links: bool) -> Self {
        self.options.body.links = links;
        self
    }

    /// Keeps images in a body from HTML (`--images`): `![alt](src)` in its markdown.
    pub fn images(mut self, images: bool) -> Self {
        self.options.body.images = images;
        self
    }

    /// Leaves tables out of the body (`--no-tables`); the ledger names them with rule `table`.
    pub fn no_tables(mut self, no_tables: bool) -> Self {
        self.options.body.no_tables = no_tables;
        self
    }

    /// What each segment of the record's ledger carries (`--ledger`): [`LedgerShape::Full`]
    /// (the default) its bytes too, so that the record restores alone;
    /// [`LedgerShape::Offsets`] its byte range, verdict, rule, reason and path only, so that
    /// the record is smaller and restores with its input ([`Record::restore_from`]).
    pub fn ledger(mut self, shape: LedgerShape) -> Self {
        self.options.ledger = shape;
        self
    }

    /// The extractor.
    pub fn build(self) -> Extractor {
        Extractor { options: self.options }
    }
}

/// One options value for the whole pipeline. [`Extractor::builder`] sets them one by one; to
/// make one yourself, start from the default (the fields are public, and more may come):
///
/// ```
/// let mut options = pith::Options::default();
/// options.rules_only = true;
/// options.body.no_tables = true;
/// let extractor = pith::Extractor::builder().options(options).build();
/// assert!(extractor.options().rules_only);
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// How inputs are read: the format and charset when known, the size limit, the page's address.
    pub read: input::ReadOptions,
    /// Learned outlet boilerplate (`--boilerplate FILE`), applied after the rules.
    pub boilerplate: Option<std::sync::Arc<boilerplate::Model>>,
    /// The learned models; `None` uses the ones built into pith (`data/model/`).
    pub models: Option<std::sync::Arc<Models>>,
    /// Decide by the named rules alone, without the block model.
    pub rules_only: bool,
    /// What the block model's threshold leans to: precision, recall or neither.
    pub favor: classify::Favor,
    /// What the body keeps besides its text: link targets and images in its markdown, XML and
    /// HTML; tables.
    pub body: BodyOptions,
    /// What each segment of the ledger carries: its bytes too (the default), or its byte range
    /// only (`--ledger offsets`).
    pub ledger: LedgerShape,
}

/// What the cleaned body keeps (`pith clean --links --images --no-tables`). The defaults keep
/// every record as it has always been.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
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
#[doc(hidden)] // Not a stable API: the pipeline's inside, for the tests and `pith eval`.
pub struct Analysis {
    pub blocks: Vec<segment::Block>,
    /// Every page type with the probability the page-type model gives it (empty without a
    /// model); [`Analysis::page_type`] is the most probable.
    pub type_probabilities: Vec<(classify::page_type::PageType, f64)>,
    pub decision: classify::Decision,
    /// The page-type model's features.
    pub page_features: Vec<f32>,
    pub features: Vec<Vec<f32>>,
    pub meta: provenance::html_meta::PageMeta,
    /// What parsing and segmenting the page left out, one line each (the parsed tree itself is
    /// dropped once the page is segmented: on a page of many small elements it weighs most).
    page_warnings: Vec<String>,
}

impl Analysis {
    /// The most probable page type, with its probability (none without a model).
    pub fn page_type(&self) -> Option<(classify::page_type::PageType, f64)> {
        classify::page_type::most_probable(&self.type_probabilities)
    }
}

/// Segments the source, tells its page type, classifies its blocks by the named rules under
/// that type, and measures each block's features for the block model.
#[doc(hidden)] // Not a stable API.
pub fn analyse(source: &Source, options: &Options) -> Analysis {
    let mut page = (source.format == Format::Html).then(|| segment::html::parse(&source.text));
    let meta = page
        .as_ref()
        .map(|p| provenance::html_meta::extract(&p.document, &p.markup))
        .unwrap_or_default();
    let segmented = segment::segment_with(source, page.as_ref(), &inline_markup(source, &meta, options.body));
    let blocks = segmented.blocks;
    let mut page_warnings = Vec::new();
    if let Some(page) = page.take() {
        page_warnings = page.warnings;
        page_warnings.extend(segmented.warnings);
    }
    let declared = match source.format {
        Format::Html if meta.declares_article => classify::PageKind::Article,
        // A page that says nothing of what it is is not thereby "not an article": it is read as
        // a dump is (the strict pass, retried when it keeps next to nothing) until the page-type
        // model is sure of its type. Out of fold, on the bench as it is: scrapinghub / WCXB all /
        // WCXB articles 0.9795 / 0.8574 / 0.9521 → 0.9796 / 0.8575 / 0.9520; on its copy without
        // metadata (`bench/cipher.py --bare`, as a fifth of unseen news pages come) 0.9552 /
        // 0.8582 / 0.9483 → 0.9678 / 0.8581 / 0.9514.
        Format::Html if meta.declared_types.is_empty() => classify::PageKind::Unknown,
        Format::Html => classify::PageKind::Other,
        _ => classify::PageKind::Unknown,
    };
    let mut decision = classify::classify(&blocks, source.format, declared);
    let html = source.format == Format::Html;
    let models = options
        .models
        .clone()
        .unwrap_or_else(|| classify::model::builtin_for(source.format));
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
    let type_probabilities = models
        .page_type(source.format, !meta.declared_types.is_empty())
        .filter(|_| !blocks.is_empty())
        .map(|forest| classify::page_type::predict_all(forest, &page_features))
        .unwrap_or_default();
    let page_type = classify::page_type::most_probable(&type_probabilities);
    let learned = like_the_bench(blocks.len());
    // The page's type, not only its metadata, says how an HTML page's blocks are judged — when
    // the model is sure enough of it, on a page like those it learned from. In a dump the type
    // is told less well (0.64 of WCXB dumps typed right, 0.79 of pages): it moves the block
    // model's threshold but not the rules' mode (out of fold, against letting it switch the
    // mode too: txt +0.004 / +0.003 on scrapinghub / WCXB, md −0.002 / +0.000).
    let sure = page_type.filter(|(_, p)| *p >= classify::page_type::SURE_ENOUGH && learned && html);
    if let Some((kind, _)) = sure {
        let judged = classify::page_type::kind_for(kind, source.format);
        // The rules read a page one of two ways, as another type or not (`classify`).
        let other = |k: classify::PageKind| k == classify::PageKind::Other;
        if other(judged) != other(declared) {
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
    // Past the longest page the model learned from it is not used: its features (212 numbers a
    // block) would only cost memory, 0.9 GB for a million short lines.
    let features = if blocks.len() > MAX_BLOCKS_FOR_MODEL {
        Vec::new()
    } else {
        classify::features::block_features(&blocks, &decision, context)
    };
    Analysis {
        blocks,
        type_probabilities,
        decision,
        page_features,
        features,
        meta,
        page_warnings,
    }
}

/// The block model's decision on an analysed page, and how sure pith is of the result.
#[doc(hidden)] // Not a stable API.
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
#[doc(hidden)] // Not a stable API.
pub const MIN_BLOCKS_FOR_MODEL: usize = 20;
/// More blocks than this and a page is longer than any the block model learned from (the
/// longest bench page has 3,346 blocks; 99.9% have under 2,200).
#[doc(hidden)] // Not a stable API.
pub const MAX_BLOCKS_FOR_MODEL: usize = 4_000;

/// A page of this many blocks is like those the models learned from.
fn like_the_bench(blocks: usize) -> bool {
    (MIN_BLOCKS_FOR_MODEL..=MAX_BLOCKS_FOR_MODEL).contains(&blocks)
}

/// Lets the block model decide where it is used, then predicts how well the extraction went.
#[doc(hidden)] // Not a stable API.
pub fn decide(analysis: &Analysis, format: Format, options: &Options) -> Decided {
    let mut verdicts = analysis.decision.verdicts.clone();
    let page_type = analysis.page_type();
    let models = options
        .models
        .clone()
        .unwrap_or_else(|| classify::model::builtin_for(format));
    // The model decides only on pages like those it learned from: on a snippet, a stub, text
    // already cleaned, or a page longer than any it saw, the rules' reading stands.
    let learned = like_the_bench(analysis.blocks.len());
    let block_model = models.block(format).filter(|_| !options.rules_only && learned);
    // The threshold the model decides this page by; the confidence model's "undecided" band
    // sits around it too.
    let threshold = block_model.map_or(0.5, |forest| {
        classify::model_threshold(forest, &analysis.type_probabilities, options.favor)
    });
    let probabilities = block_model
        .map(|forest| classify::apply_model(forest, &analysis.features, &mut verdicts, page_type, format, threshold))
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
        page_type.map(|(_, p)| p),
        &words,
        &probabilities,
        &analysis.decision.verdicts,
        &verdicts,
        threshold,
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

/// Cleans one decoded source with default options: the whole pipeline. [`Extractor`] does the
/// same from bytes, decoding them first.
pub fn clean(source: &Source) -> Record {
    clean_with(source, &Options::default())
}

/// Cleans one decoded source: the whole pipeline. [`Extractor::extract`] does the same from
/// bytes, decoding them first.
pub fn clean_with(source: &Source, options: &Options) -> Record {
    let analysis = analyse(source, options);
    let decided = decide(&analysis, source.format, options);
    finish(source, analysis, decided, options)
}

/// Repair, provenance and the record, from an analysed page and its decision.
#[doc(hidden)] // Not a stable API.
pub fn finish(source: &Source, analysis: Analysis, decided: Decided, options: &Options) -> Record {
    let Decided {
        verdicts, confidence, ..
    } = decided;
    let page_type = analysis.page_type().map(|(t, _)| t);
    let Analysis {
        blocks,
        type_probabilities: _,
        decision,
        page_features,
        features,
        meta,
        page_warnings,
    } = analysis;
    // What only the decision read goes before the body is built: the rules' signals and the
    // model's features (on a page of many short lines they weigh many times the page).
    drop((decision, page_features, features));
    let body = body(source, &blocks, verdicts, &meta, page_type, options);
    let mut warnings = source.warnings.clone();
    warnings.extend(page_warnings);
    warnings.extend(record::empty_body(&source.text, &body.texts.text));
    warnings.extend(segment::coarse_warning(source));
    Record {
        schema_version: record::SCHEMA_VERSION,
        source: source.name.clone(),
        format: source.format,
        encoding: source.encoding.to_string(),
        page_type,
        confidence,
        markdown: body.texts.markdown,
        paragraphs: body.texts.spans,
        text: body.texts.text,
        provenance: body.provenance,
        ledger: options.ledger,
        segments: record::ledger(source, blocks, &body.verdicts, options.ledger),
        replaced: source.replaced.clone(),
        warnings,
        extra: None,
    }
}

/// The first pass of `--learn` on one source: the pipeline as [`clean_with`] runs it, and what
/// the boilerplate learner counts of the page (none without an outlet or a host).
#[doc(hidden)] // Not a stable API.
pub fn sample_for_learning(source: &Source, options: &Options) -> Option<boilerplate::Sample> {
    let analysis = analyse(source, options);
    let decided = decide(&analysis, source.format, options);
    let page_type = analysis.page_type().map(|(t, _)| t);
    let body = body(
        source,
        &analysis.blocks,
        decided.verdicts,
        &analysis.meta,
        page_type,
        options,
    );
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
    page_type: Option<PageType>,
    options: &Options,
) -> Body {
    if options.body.no_tables {
        classify::leave_out_tables(blocks, &mut verdicts);
    }
    let words =
        |verdicts: &[classify::Verdict]| repair::one_letter_words(&languages_before_repair(blocks, verdicts, meta).0);
    repair::keep_drop_caps(source, blocks, &mut verdicts, words);
    let (mut texts, mut provenance) = assemble(source, blocks, &verdicts, meta, page_type);
    if let Some(model) = &options.boilerplate {
        if boilerplate::apply(model, &provenance, blocks, &mut verdicts) {
            repair::keep_drop_caps(source, blocks, &mut verdicts, words);
            // The first body goes before the second is built.
            drop(texts);
            (texts, provenance) = assemble(source, blocks, &verdicts, meta, page_type);
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
    page_type: Option<PageType>,
) -> (repair::Texts, provenance::Provenance) {
    let (languages, detection) = languages_before_repair(blocks, verdicts, meta);
    let paragraphs = repair::repair(source, blocks, verdicts, &languages);
    let texts = repair::into_texts(paragraphs, source.format);
    let provenance = provenance::extract(source, blocks, verdicts, &texts.text, meta, &detection, page_type);
    (texts, provenance)
}

/// The page's languages as known before repair, which needs them to tell a drop cap from a
/// one-letter word: the one the page declares and the one its kept text reads as (the detector
/// provenance uses on the body, on the same first bytes), and that detection.
fn languages_before_repair<'m>(
    blocks: &[segment::Block],
    verdicts: &[classify::Verdict],
    meta: &'m provenance::html_meta::PageMeta,
) -> (Vec<&'m str>, provenance::language::Detection) {
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
    let detection = provenance::language::Detection::of(&sample);
    let languages = declared.into_iter().chain(detection.language).collect();
    (languages, detection)
}

/// Reads and cleans one path (`-` for stdin); [`Extractor::extract_path`] does the same.
pub fn clean_path(path: &Path, options: &Options) -> Result<Record> {
    let source = input::read_path(path, &options.read)?;
    Ok(clean_with(&source, options))
}
