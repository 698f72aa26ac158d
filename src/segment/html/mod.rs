//! HTML pages: parse with html5ever (via scraper), drop what is never content (scripts, styles,
//! forms, hidden elements), and cut the rest into blocks in document order. Each block keeps the
//! byte offset of its element's start tag, a CSS-like path, and what its container's tags and
//! class/id words say about it (`data/html-hints.txt`).
//!
//! The modules: `survey` reads the page as a whole before the walk (what is hidden, where the
//! text is, which `<article>` is the main one); `hints` reads what an element's tag and class/id
//! words say; `stack` keeps the open elements and what the innermost of them say of a block
//! (its kind, start, path steps, hints), updated as each opens and closes; `blocks` turns the
//! text gathered under the open elements into blocks; `links` writes a block's links and images
//! as inline markdown beside its text; `whitespace` collapses and tidies text for both. The walk
//! itself is here.

mod blocks;
mod hints;
mod links;
mod stack;
mod survey;
mod whitespace;

use std::borrow::Cow;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use super::{Block, InlineMarkup, Segmented};
use crate::rule::Rule;
use blocks::{label, make_monotonic, Builder, PathBudget};
use hints::{hint_of, Hint, TokenHints, Words};
use links::Inline;
use stack::{Open, Stack};
use survey::{
    headline_ancestors, is_content_noscript, is_hidden, main_article, noscript_holds_the_page, parse_without_scripting,
    text_sizes,
};
use whitespace::push_collapsed;

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

/// A byline or caption box ("meta", "caption" class words) holds a name, a date, a credit, at
/// most a short bio: an element holding more text than this (about 250 words) is a wrapper the
/// class word mislabels (`…_meta_field` around a whole post). Out of fold, WCXB html all /
/// articles 0.8546 / 0.9492 → 0.8554 / 0.9500 (7 pages up, none down), scrapinghub unchanged;
/// 600 bytes, measured first, also let author bios through (0.8553 / 0.9496, 9 articles down).
/// It is the one home of that reading: the block-level check it replaced (a block of more than
/// 40 words in such a box kept) measured, with this one in place, scrapinghub / WCXB all /
/// articles 0.9785 / 0.8574 / 0.9520 against 0.9792 / 0.8572 / 0.9521 without it.
const SMALL_BOX_MAX_TEXT_BYTES: usize = 1500;

/// Tags the parser often inserts without a start tag in the source: never looked for.
const IMPLIED: &[&str] = &["html", "head", "body", "tbody"];

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
    let bound = super::bound::bound(text);
    let warnings = bound.bounded.warnings();
    let document = {
        let input = bound.parser_input();
        let mut document = Html::parse_document(&input);
        // A page that shows crawlers its content in `<noscript>` (Discourse forums, some
        // single-page apps) is read as a browser without scripts would: the `<noscript>`
        // markup is the page.
        if noscript_holds_the_page(&document) {
            document = parse_without_scripting(&input);
        }
        document
    };
    let markup = bound.markup;
    Page {
        document,
        markup,
        warnings,
    }
}

pub(crate) fn segment_document(document: &Html, text: &str) -> Vec<Block> {
    segment_document_with(document, text, &InlineMarkup::default()).blocks
}

/// [`segment_document`], each block also as inline markdown as `inline` asks, and what was
/// bounded on the way.
pub(crate) fn segment_document_with(document: &Html, text: &str, inline: &InlineMarkup) -> Segmented {
    let disclosed = survey::disclosed(document);
    let layout_tables = survey::layout_tables(document);
    let sizes = text_sizes(document, &disclosed);
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
        break_start: None,
        paths: PathBudget::for_page(text.len()),
    };
    let mut stack = Stack::default();
    // The main article's ancestors, and whether the walk is inside it: an `<article>` in it or
    // around it is part of it, known without a walk up the tree from every `<article>`.
    let around_main: foldhash::HashSet<NodeId> = main
        .and_then(|m| document.tree.get(m))
        .map(|m| m.ancestors().map(|a| a.id()).collect())
        .unwrap_or_default();
    let mut in_main = false;
    let mut token_hints = TokenHints::default();
    let tags = super::bound::TagIndex::new(text);
    let mut skipping = 0usize;
    let mut link_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut cursor = 0usize;
    // The `<br>` tags are found in the source one after another from here (a paragraph that
    // two line breaks end needs where the next one starts).
    let mut break_cursor = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let tag = element.name().to_ascii_lowercase();
                    let hidden = is_hidden(node.id(), element, &disclosed) && !mostly_hidden;
                    // A form that wraps most of the page (ASP.NET) is the page, not a form.
                    let junk = JUNK.contains(&tag.as_str())
                        && !(tag == "form" && (share(node.id()) > 0.3 || survey::is_form_of_prose(node)))
                        && !(tag == "noscript" && is_content_noscript(node));
                    let skip = skipping > 0 || junk || hidden;
                    // The rows and cells of a table that lays out the page are boxes.
                    let layout_table = if tag == "table" {
                        layout_tables.contains(&node.id())
                    } else {
                        matches!(tag.as_str(), "tbody" | "thead" | "tfoot" | "tr" | "td" | "th")
                            && stack.innermost_table() == Some(true)
                    };
                    let block = BLOCK_LEVEL.contains(&tag.as_str()) || layout_table;
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
                                    out.urls.push(href.into());
                                    let at = out.buffer.len();
                                    opens_link = out.inline.as_mut().is_some_and(|i| i.open_link(href, at));
                                }
                            }
                            "br" => {
                                out.push_break('\n');
                                break_cursor = break_cursor.max(cursor);
                                let at = tags.find("br", break_cursor);
                                if let Some(at) = at {
                                    break_cursor = at + 1;
                                }
                                // Two line breaks in a row end a paragraph: pages written
                                // without `<p>` (and editors that type Enter twice) part
                                // their paragraphs so.
                                // A data table's row stays one block.
                                let in_data_table = stack.innermost_table() == Some(false);
                                if pre_depth == 0 && !in_data_table && survey::next_is_break(node) {
                                    out.flush(&stack, false);
                                    out.break_start = at.or(out.break_start);
                                }
                            }
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
                    let related_to_main = in_main || around_main.contains(&node.id());
                    // A skipped element holds no block, so no block's path or hint reads it.
                    let words = (!skip).then(|| Words::of(element));
                    let teaser = tag == "article" && main.is_some_and(|m| m != node.id() && !related_to_main);
                    let hint = match &words {
                        None => None,
                        Some(_) if teaser => Some((
                            Hint::Boilerplate(Rule::Related),
                            "another <article> beside the largest one".to_string(),
                        )),
                        // The page's one article, holding a good share of its text, is as
                        // telling as an article-body class.
                        Some(_)
                            if tag == "article" && share(node.id()) >= 0.3 && main.is_none_or(|m| m == node.id()) =>
                        {
                            Some((
                                Hint::StrongContent,
                                "the page's <article>, with most of its text".to_string(),
                            ))
                        }
                        Some(words) => {
                            // A box that holds most of the page, or a good part of it and the
                            // headline, is the page's layout (`and-w-sidebar`), not a sidebar.
                            let layout = share(node.id()) > 0.4
                                || share(node.id()) > 0.15 && around_headline.contains(&node.id());
                            hint_of(&tag, words, &mut token_hints).filter(|(h, _)| {
                                !(matches!(h, Hint::Boilerplate(_)) && layout
                                    || matches!(h, Hint::Boilerplate(Rule::Byline | Rule::Media))
                                        && sizes.bytes(node.id()) > SMALL_BOX_MAX_TEXT_BYTES)
                            })
                        }
                    };
                    in_main |= main == Some(node.id());
                    stack.push(Open {
                        label: words.as_ref().map_or_else(String::new, |w| label(&tag, w)),
                        hint,
                        tag,
                        block,
                        offset,
                        skip,
                        opens_link,
                        layout_table,
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
                if main == Some(node.id()) {
                    in_main = false;
                }
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
    Segmented {
        warnings: out.paths.warning().into_iter().collect(),
        blocks: out.blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::BlockKind;
    use hints::{parts, HintWord, HINTS};

    /// The parse sees the page without the script and style bodies no stage reads; the blocks,
    /// their offsets and paths must be what a parse of the whole page gives.
    #[test]
    fn leaving_code_bodies_out_of_the_parse_changes_no_block() {
        let made_up = r#"<html><head><style>.a>p{color:red}</style>
<script>if (a < b && c > d) { document.write("<div class='x'><p>no</p></div>"); }</script>
<script type="application/ld+json">{"headline": "Kept"}</script></head>
<body><div class="story"><p>First paragraph of the story, long enough to be a block.</p>
<script>var s = "</div><p>";</script><p>Second paragraph <b>after</b> a script.</p></div>
<style>p { margin: 0 }</style><footer><p>Footer</p></footer></body></html>"#;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html");
        let mut pages = vec![made_up.to_string()];
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            pages.extend(std::fs::read_to_string(entry.path()));
        }
        assert!(pages.len() > 5, "the HTML fixtures are read");
        for text in &pages {
            let page = parse(text);
            let mut whole = Html::parse_document(&page.markup);
            if noscript_holds_the_page(&whole) {
                whole = parse_without_scripting(&page.markup);
            }
            assert_eq!(
                segment_document(&page.document, &page.markup),
                segment_document(&whole, &page.markup)
            );
        }
        let page = parse(made_up);
        assert!(
            !page.document.html().contains("color:red"),
            "a style body is not parsed"
        );
        assert!(page.document.html().contains("Kept"), "JSON-LD is parsed");
    }

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

    /// Two line breaks in a row end a paragraph; one is a line break inside it; each paragraph
    /// starts at its own place in the source.
    #[test]
    fn two_line_breaks_end_a_paragraph_and_one_does_not() {
        let html = "<html><body><div>First paragraph, line one<br>line two.<br><br>\n\
            Second paragraph.<br> <br><br>Third paragraph.</div></body></html>";
        let blocks = segment(html);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.trim()).collect();
        assert_eq!(
            texts,
            [
                "First paragraph, line one\nline two.",
                "Second paragraph.",
                "Third paragraph."
            ]
        );
        let starts: Vec<usize> = blocks.iter().map(|b| b.start).collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
        assert!(html.get(starts[1]..).is_some_and(|rest| rest.starts_with("<br>")));
    }

    /// A table that lays out the page (a menu cell beside an article cell holding paragraphs)
    /// is read as boxes, a cell a block; a data table, and a list of ten rows or more, row by row.
    #[test]
    fn a_layout_table_is_read_as_boxes_and_a_data_table_by_rows() {
        let paragraphs = "<p>The council met on Tuesday.</p><p>It voted on the plan.</p>";
        let layout = format!(
            "<html><body><table><tr><td><a href='/a'>Home</a><br><a href='/b'>News</a></td>\
             <td>{paragraphs}</td></tr></table></body></html>"
        );
        let blocks = segment(&layout);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.trim()).collect();
        assert_eq!(
            texts,
            ["Home\nNews", "The council met on Tuesday.", "It voted on the plan."]
        );
        assert!(blocks.iter().all(|b| b.kind != BlockKind::Table));

        let data = "<html><body><table><tr><th>Day</th><th>Cars</th></tr>\
            <tr><td>Monday<br><br>and Tuesday</td><td>12</td></tr></table></body></html>";
        let blocks = segment(data);
        assert_eq!(blocks.len(), 2, "one block a row");
        assert!(blocks.iter().all(|b| b.kind == BlockKind::Table));

        let row = "<tr><td>A book<br><br>by someone</td><td>4.5 stars</td></tr>";
        let list = format!("<html><body><table>{}</table></body></html>", row.repeat(10));
        let blocks = segment(&list);
        assert_eq!(blocks.len(), 10, "a list of ten rows is read row by row");
        assert!(blocks.iter().all(|b| b.kind == BlockKind::Table));
        let nine = format!("<html><body><table>{}</table></body></html>", row.repeat(9));
        assert_eq!(segment(&nine).len(), 27, "nine rows of paragraphs are a layout");
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

    /// A "meta" box holding a byline is a byline box; a wrapper whose class word says "meta"
    /// (`hs_cos_wrapper_meta_field`) around the whole story is not one.
    #[test]
    fn a_byline_class_word_on_a_wrapper_of_prose_names_nothing() {
        let paragraph = "Regulators across the world moved from enforcement to written rules this year, \
            and each jurisdiction took a different path that reflected its own priorities. ";
        let story: String = (0..12).map(|_| format!("<p>{paragraph}</p>")).collect();
        // A menu larger than the story, so the wrapper is not most of the page (a layout box).
        let menu: String = (0..400).map(|i| format!("<li>Product line {i}</li>")).collect();
        let html = format!(
            r#"<html><body><ul>{menu}</ul><div class="post-meta"><p>By Jane Doe, March 3, 2025</p></div>
            <span class="wrapper_meta_field">{story}</span></body></html>"#
        );
        let blocks: Vec<Block> = segment(&html).into_iter().skip(400).collect();
        let category = |b: &Block| b.dom.as_ref().and_then(|d| d.boilerplate.as_ref()).map(|c| c.0);
        assert_eq!(
            blocks.first().map(|b| b.text.as_str()),
            Some("By Jane Doe, March 3, 2025")
        );
        assert_eq!(blocks.first().and_then(category), Some(Rule::Byline));
        assert_eq!(blocks.len(), 13);
        assert!(blocks.iter().skip(1).all(|b| category(b).is_none()));
    }

    /// An accordion's panel is hidden until the reader opens it: its text is the page's. So is
    /// the hidden box a UI kit wraps around such a panel, and the hidden element next to a
    /// control that says it expands (`aria-expanded`) without naming what. A hidden box no
    /// control opens, and a dialog a control opens (or that wraps a panel), stay out.
    #[test]
    fn a_panel_a_control_opens_is_read_though_hidden() {
        let html = r#"<html><body><article><h1>Guide</h1>
            <button aria-controls="step-1 step-2">Steps</button>
            <div id="step-1" style="display: none"><p>Check the roof before the panels go up.</p></div>
            <div id="step-2" hidden><p>File the permits with the town.</p></div>
            <div role="tabpanel" style="display:none"><p>Compare three installers.</p></div>
            <div id="promo" style="display:none"><p>Subscribe to our newsletter.</p></div>
            <a href="/x" aria-controls="modal">Sign in</a>
            <div id="modal" role="dialog" style="display:none"><p>Enter your password.</p></div>
            <button aria-expanded="false" aria-controls="panel-3">Costs</button>
            <div class="collapse" style="display:none;height:0"><div id="panel-3" role="region">
              <p>Budget for the inverter twice.</p></div></div>
            <button aria-controls="login-form">Log in</button>
            <div role="dialog" style="display:none"><form id="login-form"><p>Your email address.</p></form></div>
            <div class="expander"><p>The first half of the story.</p>
              <div style="display:none"><p>The second half of the story.</p></div>
              <div class="row"><a role="button" aria-expanded="false">Read more</a></div></div>
            <h3><a aria-controls="answer-1" aria-expanded="false">How long does it take?</a></h3>
            <div id="answer-1" aria-hidden="true"><p>Two days on most roofs.</p></div>
            <div class="slide clone" aria-hidden="true"><p>A copy of the first slide.</p></div>
            </article></body></html>"#;
        let texts: Vec<String> = segment(html).into_iter().map(|b| b.text).collect();
        for shown in [
            "Check the roof before the panels go up.",
            "File the permits with the town.",
            "Compare three installers.",
            "Budget for the inverter twice.",
            "The second half of the story.",
            "Two days on most roofs.",
        ] {
            assert!(texts.iter().any(|t| t == shown), "{shown} in {texts:?}");
        }
        for hidden in [
            "Subscribe to our newsletter.",
            "Enter your password.",
            "Your email address.",
            "A copy of the first slide.",
        ] {
            assert!(!texts.iter().any(|t| t.contains(hidden)), "{hidden} in {texts:?}");
        }
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

    /// A block is in the article's own container only outside links: a "story-body" inside an
    /// `<a>` is a teaser card, and a block inside an `<a>` inside the body is a card the body
    /// links to. Both stay in content, the weaker hint.
    #[test]
    fn no_block_inside_a_link_is_in_the_strong_content() {
        let html = "<html><body><div class=\"story-body\"><p>The council voted on the budget.</p>\
                    <a href=\"/next\"><div><h3>Read the next story</h3></div></a></div>\
                    <a href=\"/other\"><div class=\"story-body\"><p>Another story, a teaser.</p></div></a>\
                    </body></html>";
        let blocks = segment(html);
        let found: Vec<(&str, bool, bool)> = blocks
            .iter()
            .filter_map(|b| {
                b.dom
                    .as_ref()
                    .map(|d| (b.text.as_str(), d.in_content, d.in_strong_content))
            })
            .collect();
        assert_eq!(
            found,
            [
                ("The council voted on the budget.", true, true),
                ("Read the next story", true, false),
                ("Another story, a teaser.", true, false),
            ]
        );
    }

    /// Beside the page's main `<article>`, another is a teaser; one nested in it is part of it.
    #[test]
    fn an_article_beside_the_main_one_is_a_teaser_and_one_inside_it_is_not() {
        let story = "The council voted on the budget after a long debate about the roads. ".repeat(8);
        let html = format!(
            "<html><body><div><article><p>{story}</p><article><p>A part of the story.</p></article></article></div>\
             <article><p>Another story, a teaser.</p></article></body></html>"
        );
        let related = |b: &Block| b.dom.as_ref().and_then(|d| d.boilerplate.as_ref()).map(|c| c.0);
        let blocks = segment(&html);
        let found: Vec<(&str, Option<Rule>)> = blocks.iter().map(|b| (b.text.as_str(), related(b))).collect();
        assert_eq!(
            found,
            [
                (story.trim(), None),
                ("A part of the story.", None),
                ("Another story, a teaser.", Some(Rule::Related))
            ]
        );
    }

    /// Blocks deep under hundreds of open elements (as deep as MAX_DEPTH lets a page go) read
    /// their kind, start, path and hints from the stack's running values: each block as a
    /// shallow page would have it.
    #[test]
    fn a_deep_page_with_many_blocks_is_segmented_correctly() {
        const OUTER: usize = 250;
        const INNER: usize = 240;
        const _: () = assert!(
            2 + OUTER + 1 + INNER + 4 <= MAX_DEPTH,
            "the deepest leaf is not flattened"
        );
        const LEAVES: usize = 3000;
        let mut html = String::from("<html><body>");
        html.push_str(&"<div class=\"a\">".repeat(OUTER));
        html.push_str("<div class=\"story-body\">");
        html.push_str(&"<div class=\"b\">".repeat(INNER));
        for i in 0..LEAVES {
            html.push_str(&match i % 5 {
                0 => format!("<p>Paragraph {i}.</p>"),
                1 => format!("<aside><p>Aside {i}.</p></aside>"),
                2 => format!("<blockquote><p>Quote {i}.</p></blockquote>"),
                3 => format!("<h2>Heading {i}</h2>"),
                _ => format!("<table><tr><th>Cell {i}<br><br>more</th><td>x</td></tr></table>"),
            });
        }
        html.push_str(&"</div>".repeat(OUTER + 1 + INNER));
        html.push_str("</body></html>");
        let blocks = segment(&html);
        assert_eq!(blocks.len(), LEAVES);
        for (i, block) in blocks.iter().enumerate() {
            let (text, kind, tag, step) = match i % 5 {
                0 => (format!("Paragraph {i}."), BlockKind::Paragraph, "<p>", "div.b > p"),
                1 => (format!("Aside {i}."), BlockKind::Paragraph, "<p>", "div.b > aside > p"),
                2 => (format!("Quote {i}."), BlockKind::Quote, "<p>", "div.b > blockquote > p"),
                3 => (format!("Heading {i}"), BlockKind::Heading(2), "<h2", "div.b > h2"),
                _ => (format!("Cell {i}"), BlockKind::Table, "<tr>", "tbody > tr"),
            };
            assert!(block.text.starts_with(&text), "{i}: {:?}", block.text);
            assert_eq!(block.kind, kind, "{i}");
            assert!(html.get(block.start..).is_some_and(|rest| rest.starts_with(tag)), "{i}");
            let Some(dom) = block.dom.as_ref() else {
                panic!("{i}: a block of HTML has its DOM context");
            };
            assert!(dom.path.starts_with("… > div.b > "), "{i}: {}", dom.path);
            assert!(dom.path.ends_with(step), "{i}: {}", dom.path);
            // 64 steps after the ellipsis, until the page's path budget is spent; then the
            // innermost steps within 256 bytes.
            let steps = dom.path.split(" > ").count();
            assert!(
                steps == 65 || i > LEAVES / 2 && dom.path.len() <= 256 + "… > ".len(),
                "{i}: {steps}"
            );
            let aside = i % 5 == 1;
            assert_eq!(
                dom.boilerplate.as_ref().map(|b| b.0),
                aside.then_some(Rule::Related),
                "{i}"
            );
            assert_eq!((dom.in_content, dom.in_strong_content), (!aside, !aside), "{i}");
        }
        let table = blocks.get(4).map(|b| b.text.as_str());
        assert_eq!(table, Some("Cell 4\nmore\tx"), "a data table's row stays one block");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
        let blocks = segment(&html);
        assert!(blocks.len() <= 1);
    }
}
