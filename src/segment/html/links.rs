//! A block's links and images, as inline markdown beside its text and as marks over it.

use std::borrow::Cow;

use scraper::Html;

use super::whitespace::{push_collapsed, tidy};
use crate::segment::marks::{leads_nowhere, runs_code, Image, Mark};
use crate::segment::InlineMarkup;

/// A block's links and images as they are gathered, as [`InlineMarkup`] asks, targets resolved
/// against the page's address: its inline markdown (links as `[text](href)`, images as
/// `![alt](src)`), and the same as marks at offsets of the block's plain text as gathered (the
/// builder's buffer, which each method is given as `plain`).
pub(super) struct Inline {
    links: bool,
    images: bool,
    /// The page's `<base href>`, or else its address.
    base: Option<url::Url>,
    pub(super) buffer: String,
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

/// The longest `<base href>` read: a longer one is ignored, as if the page declared none. A
/// base is written into every link it resolves, so a page that made it a megabyte long would
/// have its output grow as links × base (100 KB over 2,000 links: 200 MB); 2,048 bytes is the
/// longest address sitemaps and most crawlers accept.
const MAX_BASE_BYTES: usize = 2_048;

impl Inline {
    pub(super) fn new(options: &InlineMarkup, document: &Html) -> Inline {
        // A `<base href>` says where the page's relative addresses point from.
        let declared = document
            .tree
            .root()
            .descendants()
            .filter_map(|n| n.value().as_element())
            .find(|e| e.name() == "base")
            .and_then(|e| e.attr("href"))
            .filter(|href| href.len() <= MAX_BASE_BYTES)
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
    /// `None` for one that leads nowhere ([`leads_nowhere`]).
    fn resolve(&self, raw: &str) -> Option<String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let resolved = match &self.base {
            Some(base) => base.join(raw).ok(),
            None => url::Url::parse(raw).ok(),
        };
        // The address is parsed once: its scheme is read from the parse that resolves it.
        match resolved {
            Some(url) => (!runs_code(&url)).then(|| url.into()),
            None => (!leads_nowhere(raw)).then(|| raw.to_string()),
        }
    }

    pub(super) fn text(&mut self, text: &str, in_pre: bool) {
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
    pub(super) fn open_link(&mut self, href: &str, at: usize) -> bool {
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
    pub(super) fn close_link(&mut self, plain: &str) {
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

    pub(super) fn image(&mut self, element: &scraper::node::Element, at: usize) {
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
    pub(super) fn take(&mut self, in_pre: bool, plain: &str) -> (String, Vec<Mark>) {
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
