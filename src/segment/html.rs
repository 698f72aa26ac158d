//! HTML pages: parse with html5ever (via scraper), drop what is never content (scripts, styles,
//! forms, hidden elements), and cut the rest into blocks in document order. Each block keeps the
//! byte offset of its element's start tag, a CSS-like path, and what its container's tags and
//! class/id words say about it (`data/html-hints.txt`).

use std::sync::LazyLock;

use std::borrow::Cow;
use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use super::marks::{move_marks, Figure, Image, Mark};
use super::{Block, BlockKind, BlockMarkdown, Dom, InlineMarkup};
use crate::rule::Rule;

static HINTS: &str = include_str!("../../data/html-hints.txt");

/// What a section of the hints file says its class/id words mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HintWord {
    /// `[content]`: the article's container.
    Content,
    /// `[content-strong]`: a container only the article body uses.
    StrongContent,
    /// `[embedded]`: an embed (a tweet, a video) that is content wherever it sits.
    Embedded,
    /// A boilerplate box, named by the rule that drops it (`[share]`, `[related]`, …).
    Boilerplate(Rule),
}

impl std::str::FromStr for HintWord {
    type Err = crate::rule::UnknownRule;

    fn from_str(header: &str) -> Result<Self, Self::Err> {
        Ok(match header {
            "content" => HintWord::Content,
            "content-strong" => HintWord::StrongContent,
            "embedded" => HintWord::Embedded,
            rule => HintWord::Boilerplate(rule.parse()?),
        })
    }
}

/// Class/id words per category, from the data file. A section header that names neither a
/// rule nor a content mark leaves its words out (a test checks there is none).
static HINT_TABLE: LazyLock<HashMap<&'static str, HintWord>> = LazyLock::new(|| {
    let mut table = HashMap::new();
    let mut category = None;
    for line in HINTS.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            category = name.parse::<HintWord>().ok();
        } else if let Some(category) = category {
            table.entry(line).or_insert(category);
        }
    }
    table
});

/// Elements whose content is never article text.
const JUNK: &[&str] = &[
    "script", "style", "template", "noscript", "form", "iframe", "button", "select", "textarea", "input", "svg",
    "canvas", "object", "embed", "head", "title", "meta", "link", "audio", "video", "map", "dialog",
    // Ruby annotations (a reading above Japanese or Chinese text) and their fallback brackets:
    // shown beside the text, not in it.
    "rt", "rp",
];

/// Elements that start a new block.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "caption",
    "body",
    "html",
    "menu",
];

/// Tags the parser often inserts without a start tag in the source: never looked for.
const IMPLIED: &[&str] = &["html", "head", "body", "tbody"];

/// What an element says about the blocks inside it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hint {
    StrongContent,
    Content,
    Boilerplate(Rule),
}

impl Hint {
    /// Which of two hints on one element wins: a boilerplate word over the body's over content.
    fn rank(&self) -> u8 {
        match self {
            Hint::Boilerplate(_) => 3,
            Hint::StrongContent => 2,
            Hint::Content => 1,
        }
    }
}

struct Open {
    tag: String,
    label: String,
    hint: Option<(Hint, String)>,
    block: bool,
    offset: Option<usize>,
    skip: bool,
    /// This `<a>` opened the link its blocks' markdown is writing.
    opens_link: bool,
}

/// Cuts an HTML page into blocks. Never recursive, so deep nesting cannot overflow the stack.
pub fn segment(text: &str) -> Vec<Block> {
    let page = parse(text);
    segment_document(&page.document, &page.markup)
}

/// A parsed page. `markup` is the text that was parsed: the input itself, or a copy of the same
/// length in which tags and attributes past the parser's bounds were blanked out (so byte
/// offsets still match; see [`super::bound`]).
pub struct Page<'a> {
    pub document: Html,
    pub markup: Cow<'a, str>,
    /// What the bounds left out, one line each.
    pub warnings: Vec<String>,
}

pub use super::bound::MAX_DEPTH;

/// Parses a page, within the bounds of [`super::bound`] (nesting, open formatting elements,
/// attributes).
pub fn parse(text: &str) -> Page<'_> {
    let (markup, bounded) = super::bound::bound_markup(text);
    let warnings = bounded.warnings();
    let mut document = Html::parse_document(&markup);
    // A page that shows crawlers its content in `<noscript>` (Discourse forums, some single-page
    // apps) is read as a browser without scripts would: the `<noscript>` markup is the page.
    if noscript_holds_the_page(&document) {
        document = parse_without_scripting(&markup);
    }
    Page {
        document,
        markup,
        warnings,
    }
}

/// Whether the text inside `<noscript>` (raw markup while scripting is on) outweighs the
/// page's visible text.
fn noscript_holds_the_page(document: &Html) -> bool {
    let mut visible = 0usize;
    let mut hidden = 0usize;
    // Depth inside `<head>`, counted on the way down and up (no walk up from every text node).
    let mut in_head = 0usize;
    for edge in document.tree.root().traverse() {
        let (node, opening) = match edge {
            Edge::Open(node) => (node, true),
            Edge::Close(node) => (node, false),
        };
        match node.value() {
            Node::Element(e) if e.name() == "head" => {
                if opening {
                    in_head += 1;
                } else {
                    in_head = in_head.saturating_sub(1);
                }
            }
            Node::Text(text) if opening => {
                let parent = node.parent().and_then(|p| p.value().as_element().map(|e| e.name()));
                match parent {
                    Some("noscript") => hidden += markup_text_len(text),
                    Some("script" | "style" | "template" | "title") => {}
                    _ if in_head > 0 => {}
                    _ => visible += text.trim().len(),
                }
            }
            _ => {}
        }
    }
    hidden >= 400 && hidden > visible * 2
}

/// The length of the text in a piece of markup, tags left out.
fn markup_text_len(markup: &str) -> usize {
    let mut in_tag = false;
    let mut len = 0;
    for b in markup.bytes() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b' ' | b'\n' | b'\t' | b'\r' => {}
            _ if !in_tag => len += 1,
            _ => {}
        }
    }
    len
}

fn parse_without_scripting(markup: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    let options = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(Html::new_document()), options).one(markup)
}

/// `<noscript>` holding elements: the page was parsed with scripting off, and it is content.
fn is_content_noscript(node: ego_tree::NodeRef<Node>) -> bool {
    node.children().any(|c| c.value().is_element())
}

/// How much text the page holds: under every element, in all, and outside hidden elements.
/// A "sidebar", a `<form>` or a hidden box that holds most of the page is a layout wrapper.
struct TextSizes {
    under: HashMap<NodeId, usize>,
    total: usize,
    visible: usize,
}

impl TextSizes {
    fn share(&self, id: NodeId) -> f32 {
        self.under.get(&id).copied().unwrap_or(0) as f32 / self.total.max(1) as f32
    }
}

fn text_sizes(document: &Html) -> TextSizes {
    let mut under = HashMap::new();
    // (element, text under it, never text, hidden)
    let mut stack: Vec<(NodeId, usize, bool, bool)> = Vec::new();
    let (mut total, mut visible) = (0, 0);
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let (never_above, hidden_above) = stack.last().map_or((false, false), |t| (t.2, t.3));
                    let never = matches!(element.name(), "script" | "style" | "template" | "head")
                        || element.name() == "noscript" && !is_content_noscript(node);
                    stack.push((node.id(), 0, never || never_above, is_hidden(element) || hidden_above));
                }
                Node::Text(t) => {
                    if let Some((_, size, false, hidden)) = stack.last_mut() {
                        let len = t.trim().len();
                        *size += len;
                        total += len;
                        if !*hidden {
                            visible += len;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().is_element() {
                    if let Some((id, size, _, _)) = stack.pop() {
                        under.insert(id, size);
                        if let Some(parent) = stack.last_mut() {
                            parent.1 += size;
                        }
                    }
                }
            }
        }
    }
    TextSizes { under, total, visible }
}

fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("style").is_some_and(|s| {
            // Most styles set sizes and colours: only one that says `none` or `hidden` is read
            // closely (without copying every style attribute of the page).
            let says = |word: &[u8]| s.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
            if !says(b"none") && !says(b"hidden") {
                return false;
            }
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// The elements around the page's headline, when it has exactly one `<h1>`.
fn headline_ancestors(document: &Html) -> std::collections::HashSet<NodeId> {
    let mut headings = document
        .tree
        .root()
        .descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "h1"));
    match (headings.next(), headings.next()) {
        (Some(h1), None) => h1.ancestors().map(|a| a.id()).collect(),
        _ => std::collections::HashSet::new(),
    }
}

/// When a page holds several `<article>` elements side by side, the first one of a fair size is
/// the article; the others are teasers.
fn main_article(document: &Html, sizes: &TextSizes) -> Option<NodeId> {
    let articles: Vec<NodeId> = document
        .tree
        .root()
        .descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "article"))
        .map(|n| n.id())
        .collect();
    if articles.len() < 2 {
        return None;
    }
    let size = |id: &NodeId| sizes.under.get(id).copied().unwrap_or(0);
    let largest = articles.iter().map(size).max()?;
    // Pages put their article first and the teasers after it; a first article much smaller
    // than the others is a featured-story box.
    articles.into_iter().find(|id| size(id) * 4 >= largest)
}

pub fn segment_document(document: &Html, text: &str) -> Vec<Block> {
    segment_document_with(document, text, &InlineMarkup::default())
}

/// [`segment_document`], each block also as inline markdown as `inline` asks.
pub fn segment_document_with(document: &Html, text: &str, inline: &InlineMarkup) -> Vec<Block> {
    let sizes = text_sizes(document);
    let main = main_article(document, &sizes);
    let around_headline = headline_ancestors(document);
    let share = |id: NodeId| sizes.share(id);
    // Streaming renderers park the whole article in a hidden element for scripts to move into
    // place: when little of the page's text is visible, hidden text is the page.
    let mostly_hidden = sizes.visible * 10 < sizes.total * 3;
    let mut out = Builder {
        blocks: Vec::new(),
        buffer: String::new(),
        link_chars: 0,
        links: 0,
        urls: Vec::new(),
        inline: inline.any().then(|| Inline::new(inline, document)),
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut token_hints = TokenHints::new();
    let tags = super::bound::TagIndex::new(text);
    let mut skipping = 0usize;
    let mut link_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut cursor = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let tag = element.name().to_ascii_lowercase();
                    let hidden = is_hidden(element) && !mostly_hidden;
                    // A form that wraps most of the page (ASP.NET) is the page, not a form.
                    let junk = JUNK.contains(&tag.as_str())
                        && !(tag == "form" && share(node.id()) > 0.3)
                        && !(tag == "noscript" && is_content_noscript(node));
                    let skip = skipping > 0 || junk || hidden;
                    let block = BLOCK_LEVEL.contains(&tag.as_str());
                    let offset = if block && !skip && !IMPLIED.contains(&tag.as_str()) {
                        tags.find(&tag, cursor).inspect(|at| cursor = *at + 1)
                    } else {
                        None
                    };
                    let mut opens_link = false;
                    if skip {
                        skipping += 1;
                    } else {
                        if block {
                            out.flush(&stack, pre_depth > 0);
                        }
                        match tag.as_str() {
                            "a" if element.attr("href").is_some() => {
                                link_depth += 1;
                                out.links += 1;
                                if let Some(href) = element.attr("href") {
                                    out.urls.push(href.to_string());
                                    let at = out.buffer.len();
                                    opens_link = out.inline.as_mut().is_some_and(|i| i.open_link(href, at));
                                }
                            }
                            "br" => out.push_break('\n'),
                            "pre" => pre_depth += 1,
                            "td" | "th" => out.push_break('\t'),
                            "img" => {
                                if let Some(inline) = &mut out.inline {
                                    inline.image(element, out.buffer.len());
                                }
                            }
                            _ => {}
                        }
                    }
                    // Articles nested in (or around) the largest one are parts of it, not teasers.
                    let related_to_main = |m: NodeId| {
                        node.ancestors().any(|a| a.id() == m)
                            || document
                                .tree
                                .get(m)
                                .is_some_and(|mn| mn.ancestors().any(|a| a.id() == node.id()))
                    };
                    let teaser = tag == "article" && main.is_some_and(|m| m != node.id() && !related_to_main(m));
                    let hint = if teaser {
                        Some((
                            Hint::Boilerplate(Rule::Related),
                            "another <article> beside the largest one".to_string(),
                        ))
                    } else if tag == "article" && share(node.id()) >= 0.3 && main.is_none_or(|m| m == node.id()) {
                        // The page's one article, holding a good share of its text, is as telling
                        // as an article-body class.
                        Some((
                            Hint::StrongContent,
                            "the page's <article>, with most of its text".to_string(),
                        ))
                    } else {
                        // A box that holds most of the page, or a good part of it and the
                        // headline, is the page's layout (`and-w-sidebar`), not a sidebar.
                        let layout =
                            share(node.id()) > 0.4 || share(node.id()) > 0.15 && around_headline.contains(&node.id());
                        hint_of(&tag, element, &mut token_hints)
                            .filter(|(h, _)| !(matches!(h, Hint::Boilerplate(_)) && layout))
                    };
                    stack.push(Open {
                        label: label(&tag, element),
                        hint,
                        tag,
                        block,
                        offset,
                        skip,
                        opens_link,
                    });
                }
                Node::Text(t) if skipping == 0 => {
                    let before = out.buffer.len();
                    if pre_depth > 0 {
                        out.buffer.push_str(&t[..]);
                    } else {
                        push_collapsed(&mut out.buffer, &t[..]);
                    }
                    if let Some(inline) = &mut out.inline {
                        inline.text(&t[..], pre_depth > 0);
                    }
                    if link_depth > 0 {
                        out.link_chars += out.buffer.get(before..).map_or(0, |added| added.chars().count());
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(_) = node.value() else { continue };
                let Some(open) = stack.last() else { continue };
                if open.skip {
                    skipping = skipping.saturating_sub(1);
                } else {
                    if open.block {
                        out.flush(&stack, pre_depth > 0);
                    }
                    match open.tag.as_str() {
                        "a" if link_depth > 0 => link_depth -= 1,
                        "pre" => pre_depth = pre_depth.saturating_sub(1),
                        _ => {}
                    }
                    if open.opens_link {
                        if let Some(inline) = &mut out.inline {
                            inline.close_link(&out.buffer);
                        }
                    }
                }
                stack.pop();
            }
        }
    }
    out.flush(&stack, false);
    make_monotonic(&mut out.blocks, text.len());
    out.blocks
}

struct Builder {
    blocks: Vec<Block>,
    buffer: String,
    link_chars: usize,
    links: usize,
    urls: Vec<String>,
    /// The block's markdown, gathered beside its text when links or images are asked for.
    inline: Option<Inline>,
}

impl Builder {
    /// A line break (`<br>`) or a cell boundary (`<td>`) in the text gathered so far; a cell
    /// boundary only between cells.
    fn push_break(&mut self, c: char) {
        if c == '\n' || !self.buffer.is_empty() {
            self.buffer.push(c);
        }
        if let Some(inline) = &mut self.inline {
            if c == '\n' || !inline.buffer.is_empty() {
                inline.buffer.push(c);
            }
        }
    }

    /// Turns the text gathered so far into a block owned by the innermost open block element.
    fn flush(&mut self, stack: &[Open], in_pre: bool) {
        let text = if in_pre {
            self.buffer.trim_matches('\n').to_string()
        } else {
            tidy(&self.buffer)
        };
        let (link_chars, links, urls) = (self.link_chars, self.links, std::mem::take(&mut self.urls));
        // The links and images, laid over the text as it is tidied (none when it cannot be).
        let markdown = self.inline.as_mut().map(|inline| {
            let (markdown, mut marks) = inline.take(in_pre, &self.buffer);
            if !move_marks(&mut marks, &self.buffer, &text) {
                marks.clear();
            }
            (markdown, marks)
        });
        self.buffer.clear();
        self.link_chars = 0;
        self.links = 0;
        if text.trim().is_empty() {
            // Images standing alone (a `<figure>`) go with the block of text before them, when
            // they stand in the same part of the page.
            let figure = markdown.filter(|(m, _)| !m.is_empty());
            if let (Some((figure, marks)), Some(last)) = (figure, self.blocks.last_mut()) {
                let here = dom_context(stack);
                let same_part = last.dom.as_ref().is_some_and(|d| d.in_content == here.in_content);
                // With images asked for, every block has its markdown.
                match &mut last.markdown {
                    Some(markdown) if here.boilerplate.is_none() && same_part => {
                        markdown.figures.push(figure);
                        if !marks.is_empty() {
                            markdown.figure_marks.push(Figure { marks });
                        }
                    }
                    _ => {}
                }
            }
            return;
        }
        let kind = block_kind(stack, in_pre);
        let start = stack.iter().rev().find_map(|o| o.offset).unwrap_or(0);
        self.blocks.push(Block {
            start,
            end: start,
            kind,
            link_chars: link_chars.min(text.chars().count()),
            links,
            urls,
            blank_before: true,
            dom: Some(Box::new(dom_context(stack))),
            text,
            markdown: markdown.map(|(text, marks)| {
                Box::new(BlockMarkdown {
                    text,
                    figures: Vec::new(),
                    marks,
                    figure_marks: Vec::new(),
                })
            }),
        });
    }
}

/// A block's links and images as they are gathered, as [`InlineMarkup`] asks, targets resolved
/// against the page's address: its inline markdown (links as `[text](href)`, images as
/// `![alt](src)`), and the same as marks at offsets of the block's plain text as gathered (the
/// builder's buffer, which each method is given as `plain`).
struct Inline {
    links: bool,
    images: bool,
    /// The page's `<base href>`, or else its address.
    base: Option<url::Url>,
    buffer: String,
    marks: Vec<Mark>,
    link: Option<OpenLink>,
}

/// The link being written: where its text starts in the markdown, its target, and where its
/// start is in the marks.
struct OpenLink {
    start: usize,
    target: String,
    mark: usize,
}

impl Inline {
    fn new(options: &InlineMarkup, document: &Html) -> Inline {
        // A `<base href>` says where the page's relative addresses point from.
        let declared = document
            .tree
            .root()
            .descendants()
            .filter_map(|n| n.value().as_element())
            .find(|e| e.name() == "base")
            .and_then(|e| e.attr("href"))
            .and_then(|href| match &options.base {
                Some(base) => base.join(href.trim()).ok(),
                None => url::Url::parse(href.trim()).ok(),
            });
        Inline {
            links: options.links,
            images: options.images,
            base: declared.or_else(|| options.base.clone()),
            buffer: String::new(),
            marks: Vec::new(),
            link: None,
        }
    }

    /// A target or source resolved against the page's address (as written when it cannot be);
    /// `None` for one that leads nowhere (`javascript:`, empty).
    fn resolve(&self, raw: &str) -> Option<String> {
        let raw = raw.trim();
        let scheme = raw.split(':').next().unwrap_or("").to_ascii_lowercase();
        if raw.is_empty() || (raw.contains(':') && matches!(scheme.as_str(), "javascript" | "data" | "vbscript")) {
            return None;
        }
        let resolved = match &self.base {
            Some(base) => base.join(raw).map(String::from).ok(),
            None => url::Url::parse(raw).map(String::from).ok(),
        };
        Some(resolved.unwrap_or_else(|| raw.to_string()))
    }

    fn text(&mut self, text: &str, in_pre: bool) {
        // Brackets in a link's text would end its label.
        let text: Cow<str> = if self.link.is_some() && text.contains(['[', ']']) {
            escape_brackets(text).into()
        } else {
            text.into()
        };
        if in_pre {
            self.buffer.push_str(&text);
        } else {
            push_collapsed(&mut self.buffer, &text);
        }
    }

    /// Starts writing a link (not inside another) at `at` in the plain text; whether it did.
    fn open_link(&mut self, href: &str, at: usize) -> bool {
        if !self.links || self.link.is_some() {
            return false;
        }
        match self.resolve(href) {
            Some(target) => {
                self.link = Some(OpenLink {
                    start: self.buffer.len(),
                    target: target.clone(),
                    mark: self.marks.len(),
                });
                self.marks.push(Mark::LinkStart { at, target });
                true
            }
            None => false,
        }
    }

    /// Ends the link being written: its text becomes `[text](target)`, the spaces around the
    /// text outside the brackets (and outside the marks). A link with no text (an icon) leaves
    /// nothing.
    fn close_link(&mut self, plain: &str) {
        let Some(OpenLink { start, target, mark }) = self.link.take() else {
            return;
        };
        self.close_marks(mark, plain);
        let Some(label) = self.buffer.get(start..) else {
            return;
        };
        let trimmed = label.trim();
        if trimmed.is_empty() {
            return;
        }
        let lead = label.len() - label.trim_start().len();
        let written = format!(
            "{}[{trimmed}]({}){}",
            label.get(..lead).unwrap_or(""),
            markdown_destination(&target),
            label.get(lead + trimmed.len()..).unwrap_or("")
        );
        self.buffer.truncate(start);
        self.buffer.push_str(&written);
    }

    /// Ends the link whose start is `self.marks[mark]` where the plain text ends now, the spaces
    /// around its text outside it; a link over nothing (no text, no image) is taken out.
    fn close_marks(&mut self, mark: usize, plain: &str) {
        let Some(Mark::LinkStart { at: start, .. }) = self.marks.get(mark) else {
            return;
        };
        let start = *start;
        let inner = self.marks.get(mark + 1..).unwrap_or_default();
        let label = plain.get(start..).unwrap_or_default();
        if label.trim().is_empty() && inner.is_empty() {
            self.marks.truncate(mark);
            return;
        }
        let lead = label.len() - label.trim_start().len();
        let first_inner = inner.first().map_or(usize::MAX, Mark::at);
        let last_inner = inner.last().map_or(0, Mark::at);
        let new_start = (start + lead).min(first_inner);
        let end = (start + label.trim_end().len()).max(last_inner).max(new_start);
        if let Some(Mark::LinkStart { at, .. }) = self.marks.get_mut(mark) {
            *at = new_start;
        }
        self.marks.push(Mark::LinkEnd { at: end });
    }

    fn image(&mut self, element: &scraper::node::Element, at: usize) {
        if !self.images {
            return;
        }
        // Lazy-loading pages put the real source in a data attribute and a placeholder in `src`.
        let source = ["src", "data-src", "data-lazy-src", "data-original"]
            .into_iter()
            .filter_map(|name| element.attr(name))
            .find(|v| !v.trim().is_empty() && !v.trim_start().starts_with("data:"));
        let Some(src) = source.and_then(|s| self.resolve(s)) else {
            return;
        };
        let alt = element
            .attr("alt")
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !self.buffer.is_empty() && !self.buffer.ends_with([' ', '\n', '\t']) {
            self.buffer.push(' ');
        }
        self.buffer
            .push_str(&format!("![{}]({})", escape_brackets(&alt), markdown_destination(&src)));
        self.marks.push(Mark::Image {
            at,
            image: Image { src, alt },
        });
    }

    /// The block's markdown so far, tidied as its text is, and its marks at offsets of `plain`.
    /// A link still open (a link around several blocks) is closed here and goes on in the next
    /// block.
    fn take(&mut self, in_pre: bool, plain: &str) -> (String, Vec<Mark>) {
        let open = self.link.as_ref().map(|link| link.target.clone());
        self.close_link(plain);
        let markdown = if in_pre {
            self.buffer.trim_matches('\n').to_string()
        } else {
            tidy(&self.buffer)
        };
        self.buffer.clear();
        let marks = std::mem::take(&mut self.marks);
        if let Some(target) = open {
            self.link = Some(OpenLink {
                start: 0,
                target: target.clone(),
                mark: 0,
            });
            self.marks.push(Mark::LinkStart { at: 0, target });
        }
        (markdown, marks)
    }
}

/// `[` and `]` escaped, so that they do not end a link's or an image's label.
fn escape_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An address as a markdown link destination: spaces and angle brackets percent-encoded,
/// parentheses escaped, so that it ends where the link does.
fn markdown_destination(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for c in address.chars() {
        match c {
            c if c.is_whitespace() => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The kind of block from the innermost telling element.
fn block_kind(stack: &[Open], in_pre: bool) -> BlockKind {
    if in_pre {
        return BlockKind::Code;
    }
    for open in stack.iter().rev() {
        match open.tag.as_str() {
            "h1" => return BlockKind::Heading(1),
            "h2" => return BlockKind::Heading(2),
            "h3" => return BlockKind::Heading(3),
            "h4" => return BlockKind::Heading(4),
            "h5" => return BlockKind::Heading(5),
            "h6" => return BlockKind::Heading(6),
            "li" | "dd" | "dt" => return BlockKind::ListItem,
            "blockquote" => return BlockKind::Quote,
            "tr" | "table" => return BlockKind::Table,
            "p" => {
                // A paragraph inside a quote is still a quote.
                if stack.iter().any(|o| o.tag == "blockquote") {
                    return BlockKind::Quote;
                }
                return BlockKind::Paragraph;
            }
            _ => {}
        }
    }
    BlockKind::Paragraph
}

/// A block's path names at most this many of its innermost elements, after `… > ` when there
/// are more: deeper than any bench page's blocks (49 steps), so the block model reads the same
/// paths, while a page nested thousands deep no longer writes thousands of steps per block.
const MAX_PATH_STEPS: usize = 64;

/// The path and hints of the innermost open elements.
fn dom_context(stack: &[Open]) -> Dom {
    let steps: Vec<&str> = stack
        .iter()
        .filter(|o| o.tag != "html")
        .map(|o| o.label.as_str())
        .collect();
    let shown = steps.get(steps.len().saturating_sub(MAX_PATH_STEPS)..).unwrap_or(&[]);
    let mut path = if shown.len() < steps.len() {
        "… > ".to_string()
    } else {
        String::new()
    };
    path.push_str(&shown.join(" > "));
    // An article body never sits inside a link: a "story-body" inside `<a>` is a teaser card.
    let link = stack.iter().rposition(|o| o.tag == "a");
    let strong = stack
        .iter()
        .rposition(|o| matches!(o.hint, Some((Hint::StrongContent, _))))
        .filter(|s| link.is_none_or(|l| l < *s));
    let content = stack
        .iter()
        .rposition(|o| matches!(o.hint, Some((Hint::StrongContent | Hint::Content, _))));
    let negative = stack.iter().enumerate().rev().find_map(|(i, o)| match &o.hint {
        Some((Hint::Boilerplate(category), why)) => Some((i, *category, why.clone())),
        _ => None,
    });
    // A boilerplate box counts unless the article's own container sits inside it; a page's
    // `<footer>` never holds its article (a "prose" box there is a legal text).
    let footer = |i: usize| stack.get(i).is_some_and(|o| o.tag == "footer");
    let boilerplate = negative
        .filter(|(i, _, _)| strong.is_none_or(|s| *i > s) || footer(*i))
        .map(|(_, c, why)| (c, why));
    Dom {
        path,
        in_content: content.is_some() && boilerplate.is_none(),
        in_strong_content: strong.is_some() && boilerplate.is_none(),
        boilerplate,
    }
}

/// `div#main.story-body` style label of one element.
fn label(tag: &str, element: &scraper::node::Element) -> String {
    let mut label = tag.to_string();
    if let Some(id) = element.id() {
        label.push('#');
        label.push_str(id);
    }
    for class in element.classes().take(2) {
        label.push('.');
        label.push_str(class);
    }
    label
}

/// What a tag and its class/id words say: the tag first (`nav`, `footer`, `aside`, `figcaption`,
/// `article`, `main`), then the words. A boilerplate word beats a content word on one element.
fn hint_of(tag: &str, element: &scraper::node::Element, tokens: &mut TokenHints) -> Option<(Hint, String)> {
    if element
        .attr("itemprop")
        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
    {
        return Some((Hint::StrongContent, "itemprop=articleBody".into()));
    }
    let by_tag = match tag {
        "nav" => Some(Hint::Boilerplate(Rule::Navigation)),
        "footer" => Some(Hint::Boilerplate(Rule::Navigation)),
        "aside" => Some(Hint::Boilerplate(Rule::Related)),
        "figcaption" => Some(Hint::Boilerplate(Rule::Media)),
        "article" | "main" => Some(Hint::Content),
        "body" | "html" => return None,
        _ => None,
    };
    if element.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main")) {
        return Some((Hint::Content, "role=main".into()));
    }
    let words = element.id().into_iter().chain(element.classes());
    let mut best: Option<(Hint, String)> = None;
    for token in words {
        // Pages repeat their class names on many elements: each token is read once a page.
        let hint = match tokens.get(token) {
            Some(hint) => *hint,
            None => {
                let hint = token_hint(token);
                tokens.insert(token.to_string(), hint);
                hint
            }
        };
        if let Some(hint) = hint {
            if best.as_ref().is_none_or(|(b, _)| hint.rank() > b.rank()) {
                best = Some((hint, format!("{tag} class/id \"{token}\"")));
            }
        }
    }
    best.or_else(|| by_tag.map(|h| (h, format!("<{tag}>"))))
}

/// What each class or id token seen on a page says (`None`: nothing), read once a page.
type TokenHints = HashMap<String, Option<Hint>>;

/// What one class or id token says: the strongest of its categories, the token whole, its
/// parts and its two-part words (a boilerplate category over the body's over content).
fn token_hint(token: &str) -> Option<Hint> {
    let lower = token.to_ascii_lowercase();
    let whole = HINT_TABLE.get(lower.as_str()).copied();
    let split = parts(&lower, token);
    // Two-part words (`post-content`) also count inside longer tokens (`js_post-content`).
    let pairs = split.windows(2).filter_map(|w| match w {
        [a, b] => HINT_TABLE.get(format!("{a}-{b}").as_str()).copied(),
        _ => None,
    });
    let categories: Vec<HintWord> = whole
        .into_iter()
        .chain(split.iter().filter_map(|p| HINT_TABLE.get(p.as_str()).copied()))
        .chain(pairs)
        .collect();
    // An embed (a tweet, a video) inside the article is content, whatever else the token says.
    if categories.contains(&HintWord::Embedded) {
        return None;
    }
    // A token naming the article body (`entry-content-read-more`) is the body.
    if categories.contains(&HintWord::StrongContent) {
        return Some(Hint::StrongContent);
    }
    let mut best: Option<Hint> = None;
    for category in categories {
        let hint = match category {
            HintWord::Content => Hint::Content,
            HintWord::Boilerplate(rule) => Hint::Boilerplate(rule),
            HintWord::StrongContent | HintWord::Embedded => continue,
        };
        if best.as_ref().is_none_or(|b| hint.rank() > b.rank()) {
            best = Some(hint);
        }
    }
    best
}

/// Splits a class token on `-`, `_` and camelCase boundaries (`shareBar` → `share`, `bar`).
fn parts(lower: &str, original: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for (c, lc) in original.chars().zip(lower.chars()) {
        if c == '-' || c == '_' || c == ' ' {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(lc);
        prev_lower = c.is_lowercase();
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Byte offsets must rise through the document for the ledger; a block whose start tag was not
/// found (or was found too early) starts where the block before it starts.
fn make_monotonic(blocks: &mut [Block], len: usize) {
    let mut floor = 0;
    for block in blocks.iter_mut() {
        block.start = block.start.clamp(floor, len);
        floor = block.start;
    }
    let starts: Vec<usize> = blocks.iter().map(|b| b.start).collect();
    for (i, block) in blocks.iter_mut().enumerate() {
        block.end = starts.get(i + 1).copied().unwrap_or(len).max(block.start);
    }
}

/// Appends text with runs of whitespace collapsed to one space.
fn push_collapsed(out: &mut String, text: &str) {
    let mut space = out.ends_with(' ') || out.ends_with('\n') || out.is_empty();
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

/// Trims each line of the gathered text and drops empty lines.
fn tidy(buffer: &str) -> String {
    buffer
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hints_section_names_a_rule_or_a_content_mark() {
        for line in HINTS.lines().map(str::trim) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                assert!(
                    name.parse::<HintWord>().is_ok(),
                    "data/html-hints.txt: [{name}] names nothing"
                );
            }
        }
        assert_eq!("share".parse::<HintWord>(), Ok(HintWord::Boilerplate(Rule::Share)));
        assert!("sharing".parse::<HintWord>().is_err());
    }

    #[test]
    fn blocks_in_order_with_kinds_and_links() {
        let html = r#"<html><body><nav><a href="/">Home</a></nav><article><h1>Title</h1>
            <p>First <a href="/x">link</a> para.</p><ul><li>item</li></ul></article>
            <script>var x = "<p>";</script></body></html>"#;
        let blocks = segment(html);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Home", "Title", "First link para.", "item"]);
        assert_eq!(blocks.get(1).map(|b| b.kind), Some(BlockKind::Heading(1)));
        assert_eq!(blocks.get(2).map(|b| b.links), Some(1));
        assert_eq!(
            blocks
                .first()
                .and_then(|b| b.dom.as_ref())
                .and_then(|d| d.boilerplate.as_ref())
                .map(|b| b.0),
            Some(Rule::Navigation)
        );
        assert!(blocks.get(2).and_then(|b| b.dom.as_ref()).is_some_and(|d| d.in_content));
        // Offsets point at the start tags and rise.
        let starts: Vec<usize> = blocks.iter().map(|b| b.start).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(html.get(blocks[2].start..blocks[2].start + 2), Some("<p"));
    }

    #[test]
    fn ruby_readings_stay_out_of_the_text() {
        let html = "<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>を読む。</p>";
        let blocks = segment(html);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["漢字を読む。"]);
    }

    #[test]
    fn class_words_split_on_case_and_dashes() {
        assert_eq!(parts("sharebar", "shareBar"), vec!["share", "bar"]);
        assert_eq!(parts("related-links", "related-links"), vec!["related", "links"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
        let blocks = segment(&html);
        assert!(blocks.len() <= 1);
    }
}
