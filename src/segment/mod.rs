//! Stage 2: cut the decoded text into blocks (paragraphs, headings, list items, …) that keep
//! their exact byte range in the input.

mod bound;
pub mod html;
mod inline;
mod markdown;
pub mod marks;
mod text;

use serde::Serialize;

use crate::input::{Format, Source};

pub use inline::flatten_inline;
pub(crate) use inline::links as markdown_links;

/// What a block looks like on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Paragraph,
    /// A markdown heading, with its level (1–6).
    Heading(u8),
    ListItem,
    Image,
    Quote,
    Code,
    Table,
    /// A thematic break (`---`, `***`).
    Rule,
}

/// A link target as blocks hold it: one shared copy per target written.
pub type Url = std::sync::Arc<str>;

/// One block of the input. `start..end` is the block's own bytes in `Source::text`, without
/// the line break and blank lines that follow it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    /// The block as plain text: markup removed, links and emphasis rendered as their text.
    pub text: String,
    /// Characters of `text` that sit inside links (or are bare URLs).
    pub link_chars: usize,
    /// How many links the block holds.
    pub links: usize,
    /// Link targets in order (for `Original url:` footers and the like). Shared: a reference
    /// link's target is one copy however often the document uses it (a long target used
    /// thousands of times was copied into every use: 416 KB of markdown took 1.6 GB).
    pub urls: Vec<Url>,
    /// A blank line (or the start of the input) comes right before this block.
    pub blank_before: bool,
    /// Where an HTML block sat in the page, and what its containers say about it (boxed: text
    /// and markdown blocks, often one per short line, do not carry its room).
    pub dom: Option<Box<Dom>>,
    /// An HTML block's links and images, as [`InlineMarkup`] asks; `None` when it asks for
    /// neither (boxed, as `dom` is: blocks without it do not carry its room).
    pub markdown: Option<Box<BlockMarkdown>>,
}

/// An HTML block's links and images: as inline markdown, and as marks over its plain text (for
/// XML and HTML); and the images that stand after it.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockMarkdown {
    /// The block with its link targets (`[text](href)`) and images (`![alt](src)`).
    pub text: String,
    /// Images (as markdown) that stand alone after this block, before the next block of text,
    /// as in a `<figure>` (with [`InlineMarkup::images`] only).
    pub figures: Vec<String>,
    /// The same links and images as `text`, as events at byte offsets of [`Block::text`].
    pub marks: Vec<marks::Mark>,
    /// The same as `figures`, as marks.
    pub figure_marks: Vec<marks::Figure>,
}

/// What an HTML block's markdown keeps besides its text. The text itself, and so the record,
/// is the same whatever is asked.
#[derive(Debug, Clone, Default)]
pub struct InlineMarkup {
    /// Link targets: `[text](href)`.
    pub links: bool,
    /// Images: `![alt](src)`.
    pub images: bool,
    /// The page's address, against which relative targets and sources are resolved (after the
    /// page's own `<base href>`); without it they stay as written.
    pub base: Option<url::Url>,
}

impl InlineMarkup {
    /// Whether anything beyond the text is asked for.
    pub fn any(&self) -> bool {
        self.links || self.images
    }
}

/// The page structure around an HTML block.
#[derive(Debug, Clone, PartialEq)]
pub struct Dom {
    /// A CSS-like path (`body > div#main.story > p`).
    pub path: String,
    /// Inside the article's container (`<article>`, `<main>`, a content class word).
    pub in_content: bool,
    /// Inside a container that only the article body uses (`itemprop=articleBody`, `story-body`…).
    pub in_strong_content: bool,
    /// Inside a boilerplate container: the rule id it suggests and why (`share`, `div class "share-bar"`).
    pub boilerplate: Option<(crate::rule::Rule, String)>,
}

impl Block {
    /// Share of the visible text that is link text, 0.0 for a block without text.
    pub(crate) fn link_density(&self) -> f32 {
        let chars = self.text.chars().count();
        if chars == 0 {
            0.0
        } else {
            (self.link_chars as f32 / chars as f32).min(1.0)
        }
    }
}

/// More non-blank lines than this and a dump is read as paragraphs, not a block a line
/// ([`text::segment_coarse`]): 15 times the longest bench dump (3,349 lines), and far past the
/// 4,000 blocks the block model reads. Each line costs a block, its signals, a verdict and a
/// ledger segment: about 200 times the line's bytes for a dump of one-letter lines.
pub const MAX_LINES_AS_BLOCKS: usize = 50_000;

/// Whether a text or markdown dump has more lines than [`MAX_LINES_AS_BLOCKS`], so that it is
/// read as paragraphs.
pub(crate) fn reads_coarsely(source: &Source) -> bool {
    source.format != Format::Html && text::count_nonblank_lines(&source.text) > MAX_LINES_AS_BLOCKS
}

/// The warning a record read as paragraphs carries.
pub(crate) fn coarse_warning(source: &Source) -> Option<String> {
    reads_coarsely(source).then(|| {
        format!(
            "more than {MAX_LINES_AS_BLOCKS} lines: read as paragraphs (lines joined at blank lines), not a block a line"
        )
    })
}

/// Cuts a source into blocks, in input order. HTML comes already parsed (the metadata stage
/// reads the same tree).
pub fn segment(source: &Source, page: Option<&html::Page>) -> Vec<Block> {
    segment_with(source, page, &InlineMarkup::default()).blocks
}

/// A source's blocks, and what the segmenter bounded on the way (one line each, for the
/// record's warnings).
pub(crate) struct Segmented {
    pub blocks: Vec<Block>,
    pub warnings: Vec<String>,
}

/// [`segment`], with HTML blocks also as inline markdown as `inline` asks.
pub(crate) fn segment_with(source: &Source, page: Option<&html::Page>, inline: &InlineMarkup) -> Segmented {
    let mut warnings = Vec::new();
    let mut blocks = match (source.format, page) {
        (Format::Text | Format::Markdown, _) if reads_coarsely(source) => {
            text::segment_coarse(&source.text, MAX_LINES_AS_BLOCKS)
        }
        (Format::Markdown, _) => markdown::segment(&source.text),
        (Format::Html, Some(page)) => {
            let segmented = html::segment_document_with(&page.document, &page.markup, inline);
            warnings = segmented.warnings;
            segmented.blocks
        }
        (Format::Html, None) => html::segment(&source.text),
        (Format::Text, _) => text::segment(&source.text),
    };
    // Stray NUL bytes (a damaged dump) stay in the ledger, so that it restores the input, but
    // not in the text later stages read (a line of nothing else is no block); the HTML parser
    // leaves them out itself.
    if source.format != Format::Html && source.text.contains('\0') {
        blocks.retain_mut(|block| {
            let had_text = !block.text.is_empty();
            block.text.retain(|c| c != '\0');
            for url in &mut block.urls {
                if url.contains('\0') {
                    *url = url.replace('\0', "").into();
                }
            }
            !had_text || !block.text.is_empty()
        });
    }
    Segmented { blocks, warnings }
}

pub(crate) use crate::text::lines;
