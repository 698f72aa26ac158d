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

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod boilerplate;
pub mod classify;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod eval;
pub mod group;
pub mod input;
pub mod jsonl;
pub mod provenance;
pub mod record;
pub mod render;
pub mod repair;
pub mod segment;
pub mod stories;
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
}

/// Cleans one decoded source with default options: the whole pipeline.
pub fn clean(source: &Source) -> Record {
    clean_with(source, &Options::default())
}

/// Cleans one decoded source: the whole pipeline.
pub fn clean_with(source: &Source, options: &Options) -> Record {
    let page = (source.format == Format::Html).then(|| segment::html::parse(&source.text));
    let blocks = segment::segment(source, page.as_ref());
    let meta = page
        .as_ref()
        .map(|p| provenance::html_meta::extract(&p.document, &p.markup))
        .unwrap_or_default();
    let kind = match source.format {
        Format::Html if meta.declares_article => classify::PageKind::Article,
        Format::Html => classify::PageKind::Other,
        _ => classify::PageKind::Unknown,
    };
    let mut verdicts = classify::classify(&blocks, source.format, kind);
    let (mut paragraphs, mut text, mut provenance) = assemble(source, &blocks, &verdicts, &meta);
    // The outlet is known only once provenance is: learned boilerplate comes last.
    if let Some(model) = &options.boilerplate {
        if boilerplate::apply(model, &provenance, &blocks, &mut verdicts) {
            (paragraphs, text, provenance) = assemble(source, &blocks, &verdicts, &meta);
        }
    }
    let mut warnings = source.warnings.clone();
    warnings.extend(page.and_then(|p| p.warning));
    Record {
        source: source.name.clone(),
        format: source.format,
        encoding: source.encoding.to_string(),
        markdown: repair::markdown(&paragraphs),
        text,
        provenance,
        segments: record::ledger(source, &blocks, &verdicts),
        warnings,
        extra: None,
    }
}

/// Repair and provenance: the body and where it came from, from the verdicts.
fn assemble(
    source: &Source,
    blocks: &[segment::Block],
    verdicts: &[classify::Verdict],
    meta: &provenance::html_meta::PageMeta,
) -> (Vec<repair::Paragraph>, String, provenance::Provenance) {
    let paragraphs = repair::repair(source, blocks, verdicts);
    let text = repair::plain_text(&paragraphs);
    let provenance = provenance::extract(source, blocks, verdicts, &text, meta);
    (paragraphs, text, provenance)
}

/// Reads and cleans one path (`-` for stdin).
pub fn clean_path(path: &Path, options: &Options) -> Result<Record> {
    let source = input::read_path(path, &options.read)?;
    Ok(clean_with(&source, options))
}
