//! Authors from the page itself: byline elements and "By …" lines near the headline, and the
//! reading of names out of any byline text (labels, separators, credentials, job titles).

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::pattern::Pattern;
use scraper::ElementRef;

use super::harvest::{
    article_heading, attr_marks, clean_text, element_text, has_token, in_other_card, is_code_element, BylineCandidate,
    Harvest, HEADER_AFTER, HEADER_BEFORE, NODE_BUDGET, PROSE_LEN,
};
use super::json_ld::person_name;
use super::locate::Locator;
use super::Field;
use crate::text::date::find_date;
use crate::text::lang::{self, List};
use crate::text::names::{conjunctions_to_commas, looks_like_name};

/// A label that opens a byline: `By`, `Written by`, `Author:`, `Von`, `Par`, `Por`, … (the
/// `byline-verbs`, `byline-prepositions` and `author-labels` lists of every language).
static BYLINE_LABEL: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    let verbs = lang::alternation(lang::all(List::BylineVerbs));
    let prepositions = lang::alternation(lang::all(List::BylinePrepositions));
    // A label that ends in a letter ends at a word's end (`Author` but not `Authority`).
    // Longest first: `Author(s)` whole, not `Author` and then `(s)`.
    let mut labels: Vec<&str> = lang::all(List::AuthorLabels).collect();
    labels.sort_by_key(|label| (Reverse(label.chars().count()), *label));
    labels.dedup();
    let labels: Vec<String> = labels
        .iter()
        .map(|label| {
            if label.ends_with(char::is_alphanumeric) {
                format!(r"{}\b", lang::pattern(label))
            } else {
                lang::pattern(label)
            }
        })
        .collect();
    Pattern::new(&format!(
        r"(?i)^(?:(?:{verbs})\s+)?(?:{prepositions})\b\s*:?\s*|^(?:{})\s*:?\s*",
        labels.join("|")
    ))
});

/// Where a byline's names end: a separator, a date, a "Published"/"Updated" label, another
/// credit ("Reviewed by", "Photos by": the `byline-ends` lists), a reading time.
static BYLINE_END: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    let ends = lang::all(List::BylineEnds).map(|end| format!(r"\b{}\b", lang::pattern(end)));
    // English month and weekday abbreviations: "on Mar 3", "on Tuesday", "March 3", "3 Mar".
    let short = |list: List| -> Vec<&str> {
        lang::words(list, "en")
            .lines()
            .iter()
            .flat_map(|line| line.split(' '))
            .filter(|name| name.chars().count() == 3)
            .collect()
    };
    let months = lang::alternation(short(List::Months));
    let days = lang::alternation(short(List::Months).into_iter().chain(short(List::Weekdays)));
    Pattern::new(&format!(
        r"(?i)\s*(?:\||•|·|—|–|\s-\s|{}|\bon\s+(?:\d|{days})|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b|\b(?:{months})[a-z]*\.?\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})[a-z]*\b|\b\d{{1,2}}\s+min(?:ute)?s?\s+read\b|\b\d{{4}}-\d{{2}}-\d{{2}})",
        ends.collect::<Vec<_>>().join("|")
    ))
});

/// The names in one byline text: a leading label (`By`, `Written by`) cut, everything from a
/// date, separator or "Reviewed by" on cut, `A, B and C` split, each part checked as a name.
pub(super) fn names_in(text: &str, lenient: bool) -> Vec<String> {
    let mut text = text.trim();
    if let Some(m) = BYLINE_LABEL.as_ref().and_then(|re| re.find(text)) {
        text = text.get(m.end()..).unwrap_or(text);
    }
    let (part, _) = cut_byline_end(text);
    split_names(part, lenient)
}

/// Whether a text is a byline label and nothing else ("Written by", "Author:", "Geschrieben von").
pub(super) fn is_byline_label(text: &str) -> bool {
    let text = text.trim();
    BYLINE_LABEL
        .as_ref()
        .and_then(|re| re.find(text))
        .is_some_and(|m| m.end() == text.len() && !text.is_empty())
}

/// The byline up to where its names end, and whether it ended there.
fn cut_byline_end(text: &str) -> (&str, bool) {
    match BYLINE_END.as_ref().and_then(|re| re.find(text)) {
        Some(m) => (text.get(..m.start()).unwrap_or(text), true),
        None => (text, false),
    }
}

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
        read_byline(&visible_texts(element, 24), marked)
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
        let (text, _) = page.texts.get(i)?;
        if text.len() >= PROSE_LEN || !BYLINE_LABEL.as_ref()?.is_match(text) {
            return None;
        }
        let following: Vec<&str> = page.texts.get(i..)?.iter().take(12).map(|(t, _)| *t).collect();
        read_byline(&following, true)
    })
}

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

/// Reads names from the text nodes of a byline: an optional label (`By`, `Written by:`), then a
/// name, and more names while connectors (`,`, `and`, `&`) join them. `labelled` says the
/// context already marks these as authors (`rel=author`), which admits lower-case user names.
fn read_byline(texts: &[&str], labelled: bool) -> Option<Vec<String>> {
    let mut labelled = labelled;
    let mut names: Vec<String> = Vec::new();
    let mut more = false;
    for text in texts.iter().take(12) {
        let mut text = text.trim();
        if let Some(m) = BYLINE_LABEL.as_ref().and_then(|re| re.find(text)) {
            if !names.is_empty() {
                break;
            }
            text = text.get(m.end()..).unwrap_or("").trim();
            // `By leveraging new tools …` opens a sentence, not a byline (`by ibby` does).
            if text.chars().next().is_some_and(char::is_lowercase) && text.split_whitespace().count() > 2 {
                break;
            }
            labelled = true;
        }
        if text.is_empty() {
            continue;
        }
        if is_connector(text) {
            more = !names.is_empty();
            continue;
        }
        let joined = starts_with_connector(text);
        if !names.is_empty() && !more && !joined {
            break;
        }
        // An avatar's initials (`CM`) before the name.
        if names.is_empty() && text.chars().count() <= 3 && text.chars().all(char::is_uppercase) {
            continue;
        }
        // A date before the name in the same text (`Dec 17, 2025 · Jane Doe`).
        if names.is_empty() {
            text = after_leading_date(text);
        }
        let (part, ended) = cut_byline_end(text);
        // A date or separator before the name (`Dec 17, 2025` `·` `Jane Doe`).
        if names.is_empty() && part.trim().is_empty() {
            continue;
        }
        let mut found = split_names(part, labelled);
        // Without a label, one capitalised word is as likely a category (`Lifestyle`) as a name.
        if !labelled && found.iter().any(|n| !n.contains(' ')) {
            found.clear();
        }
        if found.is_empty() && !part.trim().is_empty() {
            break;
        }
        names.extend(found);
        more = ends_with_connector(part);
        if ended {
            break;
        }
    }
    (!names.is_empty()).then_some(names)
}

/// The text after a date it opens with and the separators that follow it (`March 3, 2025 ·
/// Jane Doe` → `Jane Doe`); the text itself when it does not open with a date.
fn after_leading_date(text: &str) -> &str {
    let Some(found) = find_date(text) else {
        return text;
    };
    let opens = text
        .get(..found.start)
        .is_some_and(|before| !before.chars().any(char::is_alphanumeric));
    match text.get(found.end..) {
        Some(rest) if opens => rest.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '·' | '•' | '|' | '—' | '–' | '-' | ',' | '/')
        }),
        _ => text,
    }
}

/// `and`, `&`, `und`, … between two names (the `conjunctions` of every language); `exact`: as
/// written, else in any case.
fn is_conjunction(word: &str, exact: bool) -> bool {
    let conjunctions = lang::union(List::Conjunctions);
    word == "&"
        || if exact {
            conjunctions.contains_exact(word)
        } else {
            conjunctions.contains(word)
        }
}

fn is_connector(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c == ',' || c.is_whitespace());
    text.is_empty() || is_conjunction(text, false)
}

fn starts_with_connector(text: &str) -> bool {
    text.starts_with(',') || text.split_whitespace().next().is_some_and(|w| is_conjunction(w, true))
}

fn ends_with_connector(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with(',') || text.split_whitespace().last().is_some_and(|w| is_conjunction(w, true))
}

/// `A, B and C` → [A, B, C], up to the first part that is not a name; credentials after a
/// comma stay with their name (`Jane Doe, MD`); a job title after a name is cut
/// (`Jane Doe Senior Reporter`).
fn split_names(text: &str, lenient: bool) -> Vec<String> {
    let Some(text) = clean_text(text) else {
        return Vec::new();
    };
    let text = text
        .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
        .trim_end_matches(|c: char| matches!(c, ',' | ';' | ':' | '-' | '*') || c.is_whitespace());
    let text = text.trim_matches(|c| matches!(c, '"' | '“' | '”' | '\''));
    if text.is_empty() {
        return Vec::new();
    }
    let mut names: Vec<String> = Vec::new();
    for part in conjunctions_to_commas(text).split([',', ';']) {
        let part = part.trim();
        let part = part.strip_prefix("and ").unwrap_or(part).trim();
        if part.is_empty() {
            continue;
        }
        match names.last_mut() {
            Some(last) if is_credential(part) => {
                last.push_str(", ");
                last.push_str(part);
            }
            // `Jane Doe, Senior Editor`: the title ends the names.
            Some(_) if title_at(part).is_some() => break,
            _ => match person_name(&cut_job_title(part)).filter(|n| looks_like_name(n, lenient)) {
                Some(name) => names.push(name),
                None => break,
            },
        }
    }
    names
}

/// The index of the first word of a job title in `part`, if any.
fn title_at(part: &str) -> Option<usize> {
    part.split_whitespace()
        .position(|w| lang::union(List::JobTitles).contains(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')))
}

/// `Jane Doe Senior Reporter` → `Jane Doe`; `Podium Staff` stays.
fn cut_job_title(part: &str) -> String {
    match title_at(part) {
        Some(at) if at >= 2 => part.split_whitespace().take(at).collect::<Vec<_>>().join(" "),
        _ => part.to_string(),
    }
}

/// Post-nominal letters: `MD`, `Ph.D.`, `RD`, `MSc`, `CFA`, `E-RYT 200`.
fn is_credential(part: &str) -> bool {
    let letters: String = part.chars().filter(|c| c.is_alphabetic()).collect();
    let words = part.split_whitespace().count();
    if letters.is_empty() || words > 2 || letters.chars().count() > 6 {
        return false;
    }
    let upper = letters.chars().filter(|c| c.is_uppercase()).count();
    let dotted = part.contains('.') && upper >= 1;
    upper * 2 > letters.chars().count() || dotted
}

/// Drops repeated names (ignoring case and whitespace), keeping the first.
pub(super) fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, ()> = HashMap::new();
    names
        .into_iter()
        .filter(|n| {
            let key = n.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            seen.insert(key, ()).is_none()
        })
        .collect()
}
