//! The walk: every candidate the metadata readers look at, gathered in one pass over the tree
//! (`<meta>` tags, headings, `<time>` elements, byline candidates, visible text), and the DOM
//! text helpers they share.

use scraper::{ElementRef, Html};

/// Attribute words that mark a byline element (in `class` or `id`).
const BYLINE_MARKS: &[&str] = &["author", "byline"];

/// Words in `class`/`id` that put an element outside the article's own byline.
const NOT_BYLINE_MARKS: &[&str] = &[
    "comment",
    "avatar",
    "photo",
    "image",
    "img",
    "bio",
    "description",
    "related",
];

/// One `<meta>` tag: its key attribute (`name`, `property`, `itemprop`, `http-equiv`), the key in
/// lower case, and its `content`.
pub(super) struct MetaTag<'d> {
    pub(super) attr: &'static str,
    pub(super) key: String,
    pub(super) value: &'d str,
}

/// A heading (`<h1>` level 1, `<h2>`/`<h3>` level 2) and the range of `texts` it covers.
pub(super) struct Heading {
    pub(super) level: u8,
    pub(super) text: String,
    pub(super) first: usize,
    pub(super) end: usize,
}

/// An element that may hold a byline: how strongly it says so (0 for `rel`/`itemprop`, 1 for a
/// class or id) and how many text nodes precede it.
pub(super) struct BylineCandidate<'d> {
    pub(super) element: ElementRef<'d>,
    pub(super) strength: u8,
    pub(super) at: usize,
}

/// What one walk over the tree collects, in document order.
#[derive(Default)]
pub(super) struct Harvest<'d> {
    pub(super) html_lang: Option<&'d str>,
    pub(super) title: Option<String>,
    pub(super) h1: Option<String>,
    pub(super) metas: Vec<MetaTag<'d>>,
    pub(super) canonical: Option<&'d str>,
    pub(super) json_ld: Vec<String>,
    /// `<time datetime>` and `[itemprop=datePublished]` elements outside `<meta>`.
    pub(super) times: Vec<ElementRef<'d>>,
    /// Elements that may hold a byline.
    pub(super) bylines: Vec<BylineCandidate<'d>>,
    /// The visible text nodes, trimmed, in document order, with their parent element.
    pub(super) texts: Vec<(&'d str, Option<ElementRef<'d>>)>,
    /// Each `<h1>`–`<h3>`, in document order.
    pub(super) headings: Vec<Heading>,
}

impl<'d> Harvest<'d> {
    pub(super) fn walk(document: &'d Html) -> Self {
        let mut page = Harvest::default();
        for node in document.tree.root().descendants() {
            if let Some(text) = node.value().as_text() {
                let text = text.trim();
                let parent = node.parent().and_then(ElementRef::wrap);
                let visible = parent.is_none_or(|e| !is_code_element(e.value().name()));
                if !text.is_empty() && visible {
                    page.texts.push((text, parent));
                }
                continue;
            }
            let Some(element) = ElementRef::wrap(node) else {
                continue;
            };
            let value = element.value();
            match value.name() {
                "html" if page.html_lang.is_none() => {
                    page.html_lang = value.attr("lang").or_else(|| value.attr("xml:lang"));
                }
                "title" if page.title.is_none() => {
                    let in_svg = element
                        .ancestors()
                        .filter_map(ElementRef::wrap)
                        .any(|a| a.value().name() == "svg");
                    if !in_svg {
                        page.title = Some(element_text(element, 1000)).filter(|t| !t.is_empty());
                    }
                }
                "h1" | "h2" | "h3" => {
                    let text = element_text(element, 1000);
                    let level = if value.name() == "h1" { 1 } else { 2 };
                    if level == 1 && page.h1.is_none() && !text.is_empty() {
                        page.h1 = Some(text.clone());
                    }
                    // Bounded: headings may nest in broken markup.
                    let count = element
                        .descendants()
                        .take(NODE_BUDGET)
                        .filter(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()))
                        .count();
                    let first = page.texts.len();
                    if !text.is_empty() {
                        page.headings.push(Heading {
                            level,
                            text,
                            first,
                            end: first + count,
                        });
                    }
                }
                "meta" => page.add_meta(element),
                "link" if page.canonical.is_none() && has_token(value.attr("rel"), "canonical") => {
                    page.canonical = value.attr("href").map(str::trim).filter(|h| !h.is_empty());
                }
                "script" => {
                    let kind = value.attr("type").unwrap_or("").trim();
                    if kind.eq_ignore_ascii_case("application/ld+json") {
                        page.json_ld.push(element.text().collect());
                    }
                }
                "time" if value.attr("datetime").is_some() => page.times.push(element),
                _ => {}
            }
            let attrs = Attrs::of(value);
            if value.name() != "meta" && has_token(attrs.itemprop, "datePublished") {
                page.times.push(element);
            }
            if let Some(strength) = byline_strength(value, &attrs) {
                page.bylines.push(BylineCandidate {
                    element,
                    strength,
                    at: page.texts.len(),
                });
            }
        }
        page
    }

    fn add_meta(&mut self, element: ElementRef<'d>) {
        let value = element.value();
        let Some(content) = value.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            return;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = value.attr(attr) {
                // `property` may list several keys (`og:title twitter:title`).
                for key in key.split_whitespace() {
                    self.metas.push(MetaTag {
                        attr,
                        key: key.to_ascii_lowercase(),
                        value: content,
                    });
                }
            }
        }
    }
}

/// The attributes every element's look reads, found in one pass over its attributes
/// (`Element::attr` interns its argument on every call, and this runs for every element).
struct Attrs<'a> {
    rel: Option<&'a str>,
    itemprop: Option<&'a str>,
    href: Option<&'a str>,
    class: Option<&'a str>,
    id: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(value: &'a scraper::node::Element) -> Attrs<'a> {
        let mut attrs = Attrs {
            rel: None,
            itemprop: None,
            href: None,
            class: None,
            id: None,
        };
        for (name, v) in value.attrs() {
            let slot = match name {
                "rel" => &mut attrs.rel,
                "itemprop" => &mut attrs.itemprop,
                "href" => &mut attrs.href,
                "class" => &mut attrs.class,
                "id" => &mut attrs.id,
                _ => continue,
            };
            // The first of a repeated attribute, as `attr` reads it.
            slot.get_or_insert(v);
        }
        attrs
    }
}

/// 0 for `[rel=author]` and `[itemprop=author]`, 1 for a class or id naming an author or byline.
fn byline_strength(value: &scraper::node::Element, attrs: &Attrs) -> Option<u8> {
    if matches!(
        value.name(),
        "meta" | "link" | "script" | "style" | "img" | "body" | "html"
    ) {
        return None;
    }
    if has_token(attrs.rel, "author") || has_token(attrs.itemprop, "author") {
        return Some(0);
    }
    if value.name() == "a" && attrs.href.is_some_and(crate::text::names::is_author_page) {
        return Some(1);
    }
    let marks = |text: &str| {
        let lower = text.to_ascii_lowercase();
        BYLINE_MARKS.iter().any(|m| lower.contains(m)) && !NOT_BYLINE_MARKS.iter().any(|m| lower.contains(m))
    };
    let class = attrs.class.unwrap_or("");
    let id = attrs.id.unwrap_or("");
    (marks(class) || marks(id)).then_some(1)
}

/// How many nodes below one element a look at it visits: a byline or headline is small, and
/// nested candidates on a hostile page must not make the work quadratic.
pub(super) const NODE_BUDGET: usize = 2048;

/// Elements whose text a reader does not see as text.
pub(super) fn is_code_element(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "title" | "textarea"
    )
}

/// Whether the element's class or id contains one of `marks` (lower case).
pub(super) fn attr_marks(element: ElementRef, marks: &[&str]) -> bool {
    let value = element.value();
    [value.attr("class"), value.attr("id")]
        .into_iter()
        .flatten()
        .any(|attr| {
            let lower = attr.to_ascii_lowercase();
            marks.iter().any(|m| lower.contains(m))
        })
}

/// Whether a space-separated attribute (`rel`, `itemprop`) holds `token`.
pub(super) fn has_token(attr: Option<&str>, token: &str) -> bool {
    attr.is_some_and(|a| a.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

/// The element's text, whitespace collapsed, at most about `limit` bytes, scripts and styles
/// skipped. Text nodes are joined with a space: `<span>Jane</span><span>Doe</span>` is two words.
pub(super) fn element_text(element: ElementRef, limit: usize) -> String {
    let mut out = String::new();
    for node in element.descendants().take(NODE_BUDGET) {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let in_code = node
            .parent()
            .and_then(|p| {
                p.value()
                    .as_element()
                    .map(|e| matches!(e.name(), "script" | "style" | "noscript"))
            })
            .unwrap_or(false);
        if in_code {
            continue;
        }
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        if out.len() > limit {
            break;
        }
    }
    out
}

pub(super) use crate::text::clean_text;

/// How many text nodes after the heading may still belong to its header.
pub(super) const HEADER_AFTER: usize = 40;
/// How many text nodes before the heading (a date or byline above the headline).
pub(super) const HEADER_BEFORE: usize = 12;
/// A text node this long is prose: the header has ended.
pub(crate) const PROSE_LEN: usize = 200;

/// The heading that carries the page's title: an `<h1>` whose text is in `<title>` (or
/// `og:title`), else such an `<h2>`/`<h3>`, else the first `<h1>`.
pub(super) fn article_heading<'h>(page: &'h Harvest) -> Option<&'h Heading> {
    let titles: Vec<String> = page
        .title
        .iter()
        .map(String::as_str)
        .chain(page.metas.iter().filter(|m| m.key == "og:title").map(|m| m.value))
        .map(str::to_lowercase)
        .collect();
    let in_title = |heading: &&Heading| {
        let text = heading.text.to_lowercase();
        text.chars().count() >= 4 && titles.iter().any(|t| t.contains(&text))
    };
    let by_level = |level: u8| page.headings.iter().filter(move |h| h.level == level);
    // The longest: a logo `<h1>` with the site's name is in the title too.
    let longest = |level: u8| by_level(level).filter(in_title).rev().max_by_key(|h| h.text.len());
    longest(1).or_else(|| longest(2)).or_else(|| by_level(1).next())
}

/// Whether an element sits in another story's card (a teaser's byline or date): the nearest
/// box around it that holds a heading holds only headings other than the article's, and one
/// of them is a link.
pub(super) fn in_other_card(element: ElementRef, article_heading: &str) -> bool {
    let wanted = article_heading
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let boxes = std::iter::once(element).chain(element.ancestors().filter_map(ElementRef::wrap));
    for ancestor in boxes.take(6) {
        let headings: Vec<ElementRef> = ancestor
            .descendants()
            .take(NODE_BUDGET)
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            .take(8)
            .collect();
        if headings.is_empty() {
            continue;
        }
        let text = |h: &ElementRef| {
            element_text(*h, 300)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        // A teaser's headline links to its story.
        let linked = |h: &ElementRef| {
            h.ancestors()
                .take(3)
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "a")
                || h.descendants()
                    .filter_map(ElementRef::wrap)
                    .take(32)
                    .any(|a| a.value().name() == "a")
        };
        // A teaser's headline links to its story and reads like one; an author box's linked
        // name (`<h3><a>Jane Doe</a></h3>`) is not a headline.
        let headline = |h: &ElementRef| linked(h) && text(h).split_whitespace().count() >= 4;
        let article = |h: &ElementRef| {
            let t = text(h);
            !t.is_empty() && (t.contains(&wanted) || wanted.contains(&t))
        };
        return !headings.iter().any(article) && headings.iter().any(headline);
    }
    false
}
