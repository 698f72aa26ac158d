//! The page as a whole, read before the walk: whether its content sits in `<noscript>`, how much
//! text each element holds and how much of it is hidden, and which `<article>` is the main one.

use foldhash::{HashMap, HashMapExt};

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

/// Whether the text inside `<noscript>` (raw markup while scripting is on) outweighs the
/// page's visible text.
pub(super) fn noscript_holds_the_page(document: &Html) -> bool {
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

pub(super) fn parse_without_scripting(markup: &str) -> Html {
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
pub(super) fn is_content_noscript(node: ego_tree::NodeRef<Node>) -> bool {
    node.children().any(|c| c.value().is_element())
}

/// A `<form>` that holds paragraphs and no field to type in (a text input, a text area, a list
/// to pick from) is a box of content, not a form: forum software (old Reddit, Invision) writes each post's body inside a form of hidden
/// inputs, for its edit button. A search box, a sign-up or a comment form has a field. Out of
/// fold, WCXB html forums 0.7619 → 0.7679, all 0.8573 → 0.8577 (4 pages up by 0.11–0.28, two
/// collections whose product grid sits in a compare form down by 0.07 and 0.17); articles and
/// scrapinghub unchanged.
pub(super) fn is_form_of_prose(form: ego_tree::NodeRef<Node>) -> bool {
    let mut prose = false;
    for node in form.descendants() {
        let Node::Element(element) = node.value() else { continue };
        match element.name() {
            "p" | "blockquote" => prose = true,
            "textarea" | "select" => return false,
            "input"
                if !matches!(
                    element.attr("type").map(str::to_ascii_lowercase).as_deref(),
                    Some("hidden" | "submit" | "button" | "checkbox" | "radio" | "image" | "reset")
                ) =>
            {
                return false
            }
            _ => {}
        }
    }
    prose
}

/// How much text the page holds: under every element, in all, and outside hidden elements.
/// A "sidebar", a `<form>` or a hidden box that holds most of the page is a layout wrapper.
pub(super) struct TextSizes {
    pub(super) under: HashMap<NodeId, usize>,
    pub(super) total: usize,
    pub(super) visible: usize,
}

impl TextSizes {
    pub(super) fn share(&self, id: NodeId) -> f32 {
        self.bytes(id) as f32 / self.total.max(1) as f32
    }

    /// Bytes of text under an element (each text node trimmed).
    pub(super) fn bytes(&self, id: NodeId) -> usize {
        self.under.get(&id).copied().unwrap_or(0)
    }
}

pub(super) fn text_sizes(document: &Html, disclosed: &Disclosed<'_>) -> TextSizes {
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
                    stack.push((
                        node.id(),
                        0,
                        never || never_above,
                        is_hidden(node.id(), element, disclosed) || hidden_above,
                    ));
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

/// What the page's controls open (WAI-ARIA's disclosure, accordion and tabs patterns): panels
/// hidden until the reader clicks, whose text is the page's as its reader reads it.
/// - The ids an `aria-controls` names. Out of fold, WCXB html all / articles 0.8561 / 0.9511 →
///   0.8574 / 0.9520 (35 pages change, 22 up and 13 down, on 33 sites), scrapinghub unchanged.
///   Reading every hidden element instead measured 0.8566 on WCXB but cost scrapinghub 0.9785 →
///   0.9759 (hidden modals, duplicates); reading the hidden ones inside a content container,
///   0.8580 and 0.9760.
/// - The boxes just around such a panel (up to [`PANEL_WRAPPER_DEPTH`] above it), which UI kits
///   hide to animate it open.
/// - The element next to a control that says it expands something (`aria-expanded`) without
///   naming what, or next to the box around such a control: a "read more" or an accordion
///   header the pattern's optional `aria-controls` was left off.
///
/// The last two together, out of fold: WCXB html all 0.8566 → 0.8571 (product pages 0.6087 →
/// 0.6147; 19 pages change, 9 up and 6 down by more than 0.001), scrapinghub 0.9795 unchanged;
/// on the ciphered copy of the bench (`bench/cipher.py`) WCXB all 0.8558 → 0.8563, scrapinghub
/// unchanged.
pub(super) fn disclosed(document: &Html) -> Disclosed<'_> {
    let mut ids = foldhash::HashSet::default();
    let mut wrappers = foldhash::HashSet::default();
    // Each control, and each box around controls, looks for its neighbours once: many controls
    // in one box would otherwise each walk the box's siblings again.
    let mut looked = foldhash::HashSet::default();
    for node in document.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        let (mut controls, mut expands) = (false, false);
        for (name, value) in element.attrs() {
            match name {
                "aria-controls" => {
                    ids.extend(value.split_ascii_whitespace());
                    controls = true;
                }
                "aria-expanded" => expands = true,
                _ => {}
            }
        }
        if expands && !controls {
            for holder in std::iter::once(node).chain(node.parent()) {
                if !looked.insert(holder.id()) {
                    continue;
                }
                let before = holder.prev_siblings().find(|n| n.value().is_element());
                let after = holder.next_siblings().find(|n| n.value().is_element());
                wrappers.extend(before.into_iter().chain(after).map(|n| n.id()));
            }
        }
    }
    if !ids.is_empty() {
        for node in document.tree.nodes() {
            if node
                .value()
                .as_element()
                .and_then(|e| e.id())
                .is_some_and(|id| ids.contains(id))
            {
                wrappers.extend(node.ancestors().take(PANEL_WRAPPER_DEPTH).map(|a| a.id()));
            }
        }
    }
    Disclosed { ids, wrappers }
}

/// How far above a panel a control opens an element that hides it may be and still open with
/// it: UI kits animate a panel open by hiding the box around it (a "collapse" wrapper), one or
/// two levels up; further up, the hidden box is a menu or a dialog that holds a panel of its own.
const PANEL_WRAPPER_DEPTH: usize = 2;

/// What the page's controls open (see [`disclosed`]).
pub(super) struct Disclosed<'d> {
    /// Ids named by an `aria-controls`.
    ids: foldhash::HashSet<&'d str>,
    /// Elements opened with a panel or by a control that names none: the boxes up to
    /// [`PANEL_WRAPPER_DEPTH`] above a panel, and the elements next to an `aria-expanded`
    /// control (or next to its parent).
    wrappers: foldhash::HashSet<NodeId>,
}

/// A table of this many rows or more is a list of records (books, posts, products), read row by
/// row, whatever its cells hold: a page's layout needs a few rows (head, body, foot). The size
/// Readability.js reads a table as data from.
const LIST_TABLE_MIN_ROWS: usize = 10;

/// Tables that lay out the page rather than hold data (pages built before CSS: a menu in one
/// cell, the article in the next). Read as boxes, their cells are blocks of their own, not one
/// row of a data table. A table is laid out when it nests another table, or when one of its
/// cells holds paragraphs (block elements, or two line breaks in a row), unless it says it holds
/// data (a caption, header cells, a head or foot, column groups, a table or grid role, ten rows
/// or more) — the reading Readability.js makes.
pub(super) fn layout_tables(document: &Html) -> foldhash::HashSet<NodeId> {
    let mut layout = foldhash::HashSet::default();
    for node in document.tree.nodes() {
        let Node::Element(table) = node.value() else { continue };
        if !table.name().eq_ignore_ascii_case("table") {
            continue;
        }
        match table.attr("role") {
            Some("presentation" | "none") => {
                layout.insert(node.id());
                continue;
            }
            Some("table" | "grid" | "treegrid") => continue,
            _ => {}
        }
        let (mut data, mut laid_out, mut rows) = (false, false, 0usize);
        // Its own rows and cells only (a nested table is read for itself), in any order.
        let mut pending: Vec<(ego_tree::NodeRef<'_, Node>, bool)> = node.children().map(|c| (c, false)).collect();
        while let Some((child, in_cell)) = pending.pop() {
            let Node::Element(element) = child.value() else {
                continue;
            };
            let name = element.name();
            match name {
                "caption" | "thead" | "tfoot" | "colgroup" | "th" => data = true,
                "tr" => {
                    rows += 1;
                    data = rows >= LIST_TABLE_MIN_ROWS;
                }
                "table" => laid_out = true,
                "p" | "div" | "ul" | "ol" | "dl" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre"
                    if in_cell =>
                {
                    laid_out = true
                }
                "br" if in_cell && next_is_break(child) => laid_out = true,
                _ => {}
            }
            if data {
                break;
            }
            if name != "table" {
                let cell = in_cell || name == "td";
                pending.extend(child.children().map(|c| (c, cell)));
            }
        }
        if laid_out && !data {
            layout.insert(node.id());
        }
    }
    layout
}

/// Whether the next sibling of a `<br>`, past white space, is another `<br>`.
pub(super) fn next_is_break(node: ego_tree::NodeRef<'_, Node>) -> bool {
    for sibling in node.next_siblings() {
        match sibling.value() {
            Node::Text(t) if t.trim().is_empty() => continue,
            Node::Element(e) => return e.name().eq_ignore_ascii_case("br"),
            _ => return false,
        }
    }
    false
}

pub(super) fn is_hidden(id: NodeId, element: &scraper::node::Element, disclosed: &Disclosed<'_>) -> bool {
    // One pass over the attributes, compared as strings: `attr(name)` interns its argument
    // on every call, and this runs for every element of the page.
    let (mut until_opened, mut unvoiced) = (false, false);
    for (name, value) in element.attrs() {
        match name {
            "aria-hidden" if value == "true" => unvoiced = true,
            "hidden" => until_opened = true,
            "style" if hidden_by_style(value) => until_opened = true,
            _ => {}
        }
    }
    // A panel a control opens is hidden by its page only until the reader clicks; a dialog is
    // not such a panel. Read only for the few elements hidden so. An element hidden from
    // screen readers (`aria-hidden`) is read only when it is itself such a panel (older
    // accordions mark closed panels so): otherwise it is most often a copy of text the page
    // gives again for them, or an icon. Out of fold, WCXB html all 0.8571 → 0.8574, scrapinghub
    // 0.9795 unchanged; ciphered copy WCXB all 0.8563 → 0.8567. Reading every `aria-hidden`
    // element instead: WCXB all 0.8563, scrapinghub 0.9787.
    if unvoiced {
        !is_panel(element, &disclosed.ids, false)
    } else {
        until_opened && !is_panel(element, &disclosed.ids, disclosed.wrappers.contains(&id))
    }
}

/// Whether a hidden element is a panel a control opens (or, `wrapper`, the box around one).
fn is_panel(element: &scraper::node::Element, disclosed: &foldhash::HashSet<&str>, wrapper: bool) -> bool {
    let mut panel = wrapper;
    for (name, value) in element.attrs() {
        match name {
            "id" if disclosed.contains(value) => panel = true,
            "role" if value.eq_ignore_ascii_case("tabpanel") => panel = true,
            "role" if value.eq_ignore_ascii_case("dialog") || value.eq_ignore_ascii_case("alertdialog") => {
                return false
            }
            "aria-modal" if value == "true" => return false,
            _ => {}
        }
    }
    panel
}

/// A `style` attribute that hides its element.
fn hidden_by_style(style: &str) -> bool {
    // Most styles set sizes and colours: only one that says `none` or `hidden` is read
    // closely (without copying every style attribute of the page).
    let says = |word: &[u8]| {
        style
            .as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if !says(b"none") && !says(b"hidden") {
        return false;
    }
    let s = style.to_ascii_lowercase().replace(' ', "");
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// The elements around the page's headline, when it has exactly one `<h1>`.
pub(super) fn headline_ancestors(document: &Html) -> foldhash::HashSet<NodeId> {
    let mut headings = document
        .tree
        .root()
        .descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "h1"));
    match (headings.next(), headings.next()) {
        (Some(h1), None) => h1.ancestors().map(|a| a.id()).collect(),
        _ => foldhash::HashSet::default(),
    }
}

/// When a page holds several `<article>` elements side by side, the first one of a fair size is
/// the article; the others are teasers.
pub(super) fn main_article(document: &Html, sizes: &TextSizes) -> Option<NodeId> {
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
