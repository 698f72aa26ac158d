//! Dates: publication and modification, from JSON-LD, `<meta>`, `<time>`, the date shown
//! under the headline, a "Published" label, and the canonical URL.

use scraper::ElementRef;

use super::harvest::{
    article_heading, attr_marks, element_text, has_token, in_other_card, Harvest, HEADER_AFTER, HEADER_BEFORE,
    PROSE_LEN,
};
use super::json_ld;
use super::locate::Locator;
use super::meta_tags::{META_MODIFIED, META_PUBLISHED};
use super::Field;
use crate::provenance::Evidence;
use crate::text::date;
use crate::text::floor_boundary;

/// Words in `class`/`id` that mark a date as a revision.
const REVISION_MARKS: &[&str] = &["modified", "updated", "changed", "revised"];

/// Words in `class`/`id` of an ancestor that place a `<time>` or byline in the article's header.
const ARTICLE_MARKS: &[&str] = &[
    "article", "post", "entry", "story", "byline", "meta", "header", "content",
];

impl json_ld::View<'_> {
    pub(super) fn date(&self, key: &str, locate: &Locator) -> Option<Field<String>> {
        self.date_where(key, locate, |iso| Some(iso.to_string()))
    }

    /// The first date under `key` that `keep` takes (and maybe rewrites).
    fn date_where(&self, key: &str, locate: &Locator, keep: impl Fn(&str) -> Option<String>) -> Option<Field<String>> {
        self.field(key, locate, |value, _| {
            let raw = json_ld::as_text(value)?;
            Some((keep(&normalise_date(raw)?)?, raw.to_string()))
        })
    }
}

impl Harvest<'_> {
    pub(super) fn meta_date(&self, keys: &[&str], locate: &Locator) -> Option<Field<String>> {
        self.meta(keys, locate, normalise_date)
    }
}

pub(super) fn published(
    page: &Harvest,
    graph: &json_ld::View,
    locate: &Locator,
    url: Option<&str>,
) -> Option<Field<String>> {
    let shown = shown_dates(page, locate);
    let (revisions, dates): (Vec<ShownDate>, Vec<ShownDate>) = shown.into_iter().partition(|s| s.updated);
    let shown = dates.into_iter().next().map(|s| s.field);
    let revision = revisions.into_iter().next().map(|s| s.field);
    if let Some(agreeing) = shown
        .as_ref()
        .and_then(|s| machine_date_on(page, graph, locate, &s.value))
    {
        return Some(agreeing);
    }
    graph
        .date("datePublished", locate)
        .or_else(|| page.meta_date(META_PUBLISHED, locate))
        .or_else(|| time_element(page, locate, true, |iso| Some(iso.to_string())))
        .or(shown)
        .or_else(|| labelled_date(page, locate))
        .or_else(|| {
            let url = url?;
            let found = date::find_date_in_url(url)?;
            let evidence = match locate.source.find(url) {
                Some(at) => Evidence::at("url-date", at + found.start, at + found.end),
                None => Evidence::computed("url-date"),
            };
            Some(Field {
                value: found.iso,
                evidence,
            })
        })
        .or(revision.map(|f| Field {
            value: f.value,
            evidence: Evidence {
                rule: "dateline-element:updated".to_string(),
                ..f.evidence
            },
        }))
}

/// The page's own machine-readable date (published or modified, JSON-LD, `<meta>` or `<time>`)
/// that falls on the day `shown` under the headline: a page that shows its `dateModified`,
/// unlabelled, as its date (a republished guide) is dated by it. A date-time a day off is the
/// same moment seen from another time zone.
fn machine_date_on(page: &Harvest, graph: &json_ld::View, locate: &Locator, shown: &str) -> Option<Field<String>> {
    let shown_day = date::day_number(shown)?;
    let on_day = |iso: &str| -> Option<String> {
        let day = date::day_number(iso)?;
        if day == shown_day {
            Some(iso.to_string())
        } else if iso.contains('T') && day.abs_diff(shown_day) == 1 {
            // The same moment seen from another time zone.
            Some(iso.to_string())
        } else {
            None
        }
    };
    graph
        .date_where("datePublished", locate, on_day)
        .or_else(|| graph.date_where("dateModified", locate, on_day))
        .or_else(|| page.meta(META_PUBLISHED, locate, |raw| on_day(&normalise_date(raw)?)))
        .or_else(|| page.meta(META_MODIFIED, locate, |raw| on_day(&normalise_date(raw)?)))
        .or_else(|| time_element(page, locate, false, on_day))
}

/// Whether a date element is marked as a revision: `itemprop=dateModified`, a class or id with
/// `modified`/`updated`/`changed` (its own or its parents'), or an "Updated" label just before it.
fn is_revision(element: ElementRef) -> bool {
    if has_token(element.value().attr("itemprop"), "dateModified") {
        return true;
    }
    let classed = std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .take(3)
        .any(|e| attr_marks(e, REVISION_MARKS));
    classed || date::says_revision(&label_before(element))
}

/// The text just before an element within its parent (and the parent's own preceding text).
fn label_before(element: ElementRef) -> String {
    let mut label = String::new();
    let mut node = Some(*element);
    for _ in 0..2 {
        let Some(current) = node else {
            break;
        };
        for sibling in current.prev_siblings().take(4) {
            let text: String = match ElementRef::wrap(sibling) {
                Some(e) => element_text(e, 60),
                // The label ends the text before the element.
                None => sibling.value().as_text().map_or(String::new(), |t| {
                    let at = floor_boundary(t, t.len().saturating_sub(80));
                    t.get(at..).unwrap_or("").to_string()
                }),
            };
            label.insert_str(0, &text);
            label.insert(0, ' ');
        }
        if !label.trim().is_empty() {
            break;
        }
        node = current.parent();
    }
    label
}

/// The first `<time datetime>` (or `[itemprop=datePublished]`) that `keep` takes, those marked
/// `datePublished` first; with `in_article`, only those inside the article or its header.
fn time_element(
    page: &Harvest,
    locate: &Locator,
    in_article: bool,
    keep: impl Fn(&str) -> Option<String>,
) -> Option<Field<String>> {
    let read = |element: &ElementRef| -> Option<(String, String, &'static str)> {
        let value = element.value();
        let itemprop = has_token(value.attr("itemprop"), "datePublished");
        let raw = value
            .attr("datetime")
            .or_else(|| value.attr("content"))
            .map(str::to_string)
            .or_else(|| itemprop.then(|| element_text(*element, 200)))?;
        let iso = keep(&normalise_date(&raw)?)?;
        let rule = if itemprop {
            "[itemprop=datePublished]"
        } else {
            "time[datetime]"
        };
        Some((iso, raw, rule))
    };
    let inside = |element: &&ElementRef| {
        !in_article
            || element
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take(40)
                .any(|a| matches!(a.value().name(), "article" | "main" | "header") || attr_marks(a, ARTICLE_MARKS))
    };
    let (iso, raw, rule) = page
        .times
        .iter()
        .filter(|e| has_token(e.value().attr("itemprop"), "datePublished"))
        .chain(page.times.iter().filter(inside).filter(|e| !is_revision(**e)))
        .find_map(read)?;
    Some(Field {
        value: iso,
        evidence: locate.in_body(&raw, rule.to_string()),
    })
}

/// A date shown next to the article's heading, and whether the page labels it as an update.
struct ShownDate {
    field: Field<String>,
    updated: bool,
}

/// The dates shown next to the article's heading, nearest first: those after it, in the short
/// lines before the first paragraph of prose, then those just above it.
fn shown_dates(page: &Harvest, locate: &Locator) -> Vec<ShownDate> {
    let Some(heading) = article_heading(page) else {
        return Vec::new();
    };
    let (first, end) = (heading.first, heading.end);
    // After the heading: short lines up to the second paragraph of prose (a standfirst may
    // come before the byline); before it: short lines only.
    let mut prose = 0;
    let after = (end..page.texts.len()).take(HEADER_AFTER).take_while(|&i| {
        if page.texts.get(i).is_some_and(|(t, _)| t.len() >= PROSE_LEN) {
            prose += 1;
        }
        prose < 2
    });
    let before = (first.saturating_sub(HEADER_BEFORE)..first)
        .rev()
        .take_while(|&i| page.texts.get(i).is_some_and(|(t, _)| t.len() < PROSE_LEN));
    let mut shown = Vec::new();
    for i in after.chain(before) {
        let Some(&(text, parent)) = page.texts.get(i) else {
            continue;
        };
        if text.len() >= PROSE_LEN {
            continue;
        }
        let Some(found) = date::find_date(text) else {
            continue;
        };
        if parent.is_some_and(|p| in_other_card(p, &heading.text)) {
            continue;
        }
        // The label is in the same line (`Updated May 2, 2025`) or the lines before (`Last
        // updated:`), or in the element's class (`entry-modified-time`).
        let own_label = text.get(..found.start).unwrap_or("");
        let label = if own_label.trim().is_empty() {
            let previous = |back: usize| i.checked_sub(back).and_then(|j| page.texts.get(j)).map_or("", |t| t.0);
            format!("{} {}", previous(2), previous(1))
        } else {
            own_label.to_string()
        };
        let labelled = date::says_revision(&label);
        let classed = parent.is_some_and(|p| {
            std::iter::once(p)
                .chain(p.ancestors().filter_map(ElementRef::wrap))
                .take(3)
                .any(|e| attr_marks(e, REVISION_MARKS))
        });
        let updated = labelled || classed;
        let matched = text.get(found.start..found.end).unwrap_or(text);
        shown.push(ShownDate {
            field: Field {
                value: found.iso,
                evidence: locate.in_body(matched, "dateline-element".to_string()),
            },
            updated,
        });
        if shown.len() >= 4 {
            break;
        }
    }
    shown
}

/// A date anywhere on the page after an explicit publication label (`Published on May 2, 2025`,
/// `Posted on`, `Veröffentlicht am`), in the label's line or the next.
fn labelled_date(page: &Harvest, locate: &Locator) -> Option<Field<String>> {
    page.texts.iter().enumerate().find_map(|(i, (text, _))| {
        if text.len() >= PROSE_LEN {
            return None;
        }
        let rest = text.get(date::published_label_end(text)?..).unwrap_or("");
        let (line, found) = match date::find_date(rest) {
            Some(found) if found.start <= date::LABEL_TO_DATE_BYTES => (rest, found),
            _ if rest.trim().is_empty() => {
                let (next, _) = page.texts.get(i + 1)?;
                (
                    *next,
                    date::find_date(next).filter(|f| f.start <= date::LABEL_TO_DATE_BYTES)?,
                )
            }
            _ => return None,
        };
        let matched = line.get(found.start..found.end).unwrap_or(line);
        Some(Field {
            value: found.iso,
            evidence: locate.in_body(matched, "dateline-element".to_string()),
        })
    })
}

/// A page's date as ISO 8601: machine dates as given (offset as `+hh:mm`), else any date
/// `find_date` reads (`13 February 2025`, `Feb 13, 2025 2:05 PM`).
pub(super) fn normalise_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    // A machine date that names no real moment is broken: no date, rather than a guess from it.
    date::read_machine_date(raw).unwrap_or_else(|| date::find_date(raw).map(|found| found.iso))
}
