//! Authors from the page itself: byline elements and "By …" lines near the headline (the names
//! are read out of their text by `text::names`).

use scraper::ElementRef;

use super::harvest::{
    article_heading, attr_marks, clean_text, element_text, has_token, in_other_card, is_code_element, BylineCandidate,
    Harvest, HEADER_AFTER, HEADER_BEFORE, NODE_BUDGET, PROSE_LEN,
};
use super::locate::Locator;
use super::Field;
use crate::text::names::{
    is_author_page, linked_authors, names_in, opens_with_byline_label, read_byline, MAX_LINKED_AUTHORS,
};

/// The byline the page shows: `[rel=author]`/`[itemprop=author]` elements and a "By …" line near
/// the headline first, then elements whose class or id names an author or byline, those near the
/// headline first.
pub(super) fn byline(page: &Harvest, locate: &Locator) -> Option<Field<Vec<String>>> {
    let window = article_heading(page).map(|h| (h.first.saturating_sub(HEADER_BEFORE * 2), h.end + HEADER_AFTER * 2));
    let near = |at: usize| window.is_some_and(|(from, to)| (from..to).contains(&at));
    let heading = article_heading(page).map(|h| h.text.as_str());
    let read = |candidate: &BylineCandidate| -> Option<Vec<String>> {
        if in_comments(candidate.element) || heading.is_some_and(|h| in_other_card(candidate.element, h)) {
            return None;
        }
        let value = candidate.element.value();
        if let Some(content) = value.attr("content").filter(|_| value.name() == "meta") {
            return Some(names_in(content, true)).filter(|n| !n.is_empty());
        }
        // `[itemprop=author]` often wraps `[itemprop=name]` next to a job title.
        let named = candidate
            .element
            .descendants()
            .filter_map(ElementRef::wrap)
            .take(64)
            .find(|e| has_token(e.value().attr("itemprop"), "name"));
        if let Some(named) = named {
            // Trusted markup: the name as given, if it is short.
            let text = element_text(named, 200);
            let names = names_in(&text, true);
            if !names.is_empty() {
                return Some(names);
            }
            return clean_text(&text)
                .filter(|t| t.split_whitespace().count() <= 6)
                .map(|t| vec![t]);
        }
        let element = candidate.element;
        // A name element (`author-name`) or a link to an author page marks its text as a name.
        let marked = candidate.strength == 0
            || attr_marks(element, &["name"])
            || std::iter::once(element)
                .chain(element.descendants().filter_map(ElementRef::wrap).take(32))
                .any(|e| e.value().name() == "a" && e.value().attr("href").is_some_and(|h| h.contains("/author")));
        let read = read_byline(&visible_texts(element, 24), marked);
        // Two or more links to author pages name the authors by their texts, as the byline's
        // text may not (`Jane Doe, 4+ years covering hardware` then `John Roe, senior editor`
        // reads as Jane Doe alone); the text's reading stands when it names as many.
        let linked = author_links(element).filter(|names| names.len() >= 2);
        match (read, linked) {
            (Some(read), Some(linked)) if linked.len() > read.len() => Some(linked),
            (read, linked) => read.or(linked),
        }
    };
    let first_read = |keep: &dyn Fn(&BylineCandidate) -> bool| {
        page.bylines
            .iter()
            .filter(|c| keep(c))
            .take(MAX_BYLINE_CANDIDATES)
            .find_map(read)
    };
    let found = first_read(&|c| c.strength == 0 && near(c.at))
        .or_else(|| header_byline(page))
        .or_else(|| first_read(&|c| near(c.at)))
        .or_else(|| first_read(&|c| c.strength == 0))
        .or_else(|| first_read(&|_| true))?;
    let first = found.first().cloned().unwrap_or_default();
    Some(Field {
        evidence: locate.in_body(&first, "byline-element".to_string()),
        value: found,
    })
}

/// The names of an element's links to author pages ([`linked_authors`]).
fn author_links(element: ElementRef) -> Option<Vec<String>> {
    let links: Vec<String> = element
        .descendants()
        .take(NODE_BUDGET)
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a" && e.value().attr("href").is_some_and(is_author_page))
        .take(MAX_LINKED_AUTHORS + 1)
        .map(|a| element_text(a, 200))
        .collect();
    linked_authors(links.iter().map(String::as_str))
}

/// How many byline candidates each pass reads, at most.
const MAX_BYLINE_CANDIDATES: usize = 256;

/// Whether an element sits in a comment section (its authors are commenters).
fn in_comments(element: ElementRef) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(40)
        .any(|a| attr_marks(a, &["comment"]))
}

/// A "By …" line in the short lines around the headline.
fn header_byline(page: &Harvest) -> Option<Vec<String>> {
    let heading = article_heading(page)?;
    let after = heading.end..(heading.end + HEADER_AFTER).min(page.texts.len());
    let before = heading.first.saturating_sub(HEADER_BEFORE)..heading.first;
    after.chain(before).find_map(|i| {
        let (text, parent) = page.texts.get(i)?;
        if text.len() >= PROSE_LEN || !opens_with_byline_label(text) {
            return None;
        }
        // A label inside a menu's link is a menu item (`<li><a href="/categories">By
        // Category</a>`); a byline may link its label with its names, but not in a list.
        if parent.is_some_and(menu_link) {
            return None;
        }
        let following: Vec<&str> = page.texts.get(i..)?.iter().take(12).map(|(t, _)| *t).collect();
        read_byline(&following, true)
    })
}

/// Whether an element is a link in a menu: an `<a>` inside a list item or a `<nav>`.
fn menu_link(element: ElementRef) -> bool {
    element.value().name() == "a"
        && element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(MENU_LINK_DEPTH)
            .any(|a| matches!(a.value().name(), "li" | "nav"))
}

/// How far above a link its menu's list item or `<nav>` is looked for (`li > a`, `li > span >
/// a`, `nav > ul > li > a`).
const MENU_LINK_DEPTH: usize = 4;

/// The visible text nodes of an element, at most `limit`.
fn visible_texts<'d>(element: ElementRef<'d>, limit: usize) -> Vec<&'d str> {
    element
        .descendants()
        .take(NODE_BUDGET)
        .filter(|node| {
            node.parent()
                .and_then(ElementRef::wrap)
                .is_none_or(|p| !is_code_element(p.value().name()))
        })
        .filter_map(|node| node.value().as_text().map(|t| t.trim()))
        .filter(|t| !t.is_empty())
        .take(limit)
        .collect()
}
