//! Finds publication dates in datelines, bylines and article URLs and normalises them to ISO 8601.
//!
//! The modules: `names` (month, weekday and zone names per language), `patterns` (the regexes
//! built from them), `read` (a match read as a date and time), `calendar` (every date pith
//! reports checked against the calendar, and machine dates from page metadata). The finders
//! are here.

mod calendar;
mod names;
mod patterns;
mod read;
#[cfg(test)]
mod tests;

use std::cmp::Reverse;

use jiff::civil::Date;

use std::sync::LazyLock;

use crate::text::lang::{self, List};
use crate::text::pattern::{Groups, Pattern};
use calendar::calendar_date;
pub use calendar::read_machine_date;
use patterns::{TEXT_FORMATS, URL_FORMATS};
use read::{assemble, read_url_date};

/// A publication date found in text, as ISO 8601 ("2025-02-13" or "2025-02-13T14:05:00" or with offset "2025-02-13T14:05:00+01:00"/"Z"), with the byte range of the matched text inside the searched string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// A label that says the date next to it is a revision, not the publication (`Updated on`,
/// `Aktualisiert am`: the `updated-labels` and `date-prepositions` lists), at the end of the
/// text before it.
static UPDATE_LABEL: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    let labels = lang::alternation(lang::all(List::UpdatedLabels));
    let prepositions = lang::alternation(lang::all(List::DatePrepositions));
    Pattern::new(&format!(r"(?i)(?:{labels})\s*(?:{prepositions})?[^\p{{L}}]*$"))
});

/// A label that says the date after it is the publication (`Published on`, `Posted:`,
/// `Veröffentlicht am`: the `published-labels` and `date-prepositions` lists), at the start of
/// a text.
static PUBLISHED_LABEL: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    let labels = lang::alternation(lang::all(List::PublishedLabels));
    let prepositions = lang::alternation(lang::all(List::DatePrepositions));
    Pattern::new(&format!(r"(?i)^(?:{labels})(?:\s+(?:{prepositions}))?\s*:?\s*"))
});

/// A labelled date follows its label at once, a mark or two aside (`Published: `, `Posted — `).
pub(crate) const LABEL_TO_DATE_BYTES: usize = 4;

/// Where a publication label that opens `text` ends (`Published on ` in `Published on May 2,
/// 2025`), if one does.
pub(crate) fn published_label_end(text: &str) -> Option<usize> {
    PUBLISHED_LABEL.as_ref()?.find(text).map(|m| m.end())
}

/// Whether the text before a date ends in a label that makes it a revision date
/// (`Last updated:`, `Updated on`).
pub(crate) fn says_revision(before: &str) -> bool {
    UPDATE_LABEL.as_ref().is_some_and(|re| re.is_match(before))
}

/// Finds the first date in a short line of text (a dateline, byline or "Updated ..." line). Returns None when none is found. Must never panic on any input (no indexing that input can break, no unwrap/expect: the crate denies clippy::unwrap_used and clippy::expect_used).
pub(crate) fn find_date(text: &str) -> Option<FoundDate> {
    // Every supported format has a four-digit year (`[0-9]{4}`): a line without four ASCII
    // digits in a row is skipped without a regex. The count first: one quick pass most fail.
    if text.bytes().filter(u8::is_ascii_digit).count() < YEAR_DIGITS || !has_digit_run(text, YEAR_DIGITS) {
        return None;
    }
    TEXT_FORMATS
        .iter()
        .filter_map(|format| {
            first_accepted(&format.pattern, text, |caps| {
                let date = (format.read_date)(caps, text)?;
                assemble(caps, date, format.twelve_hour_clock)
            })
        })
        // Earliest date wins; at the same start prefer the longer (timed) reading.
        .min_by_key(|found| (found.start, Reverse(found.end)))
}

/// The digits of a year, as every text format spells it.
const YEAR_DIGITS: usize = 4;

/// Whether `text` has `len` ASCII digits in a row.
fn has_digit_run(text: &str, len: usize) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run >= len
    })
}

/// Finds a date in a URL path: /2025/02/13/, /2025-02-13/, /20250213/, /2025/02/ (month only is NOT enough: return None). Range is within the url string.
pub(crate) fn find_date_in_url(url: &str) -> Option<FoundDate> {
    URL_FORMATS
        .iter()
        .filter_map(|pattern| first_accepted(pattern, url, read_url_date))
        .min_by_key(|found| found.start)
}

/// Days since 1970-01-01 of an ISO 8601 date or date-time (its first ten characters); None
/// when it is not a date that exists.
pub(crate) fn day_number(iso: &str) -> Option<i64> {
    if iso.get(4..5) != Some("-") || iso.get(7..8) != Some("-") {
        return None;
    }
    let part = |range: std::ops::Range<usize>| iso.get(range)?.parse::<u32>().ok();
    let date = calendar_date(part(0..4)?, part(5..7)?, part(8..10)?)?;
    let days = date.duration_since(Date::constant(1970, 1, 1)).as_secs() / SECONDS_PER_DAY;
    Some(days)
}

/// A civil day is 24 hours: no zone, no daylight saving.
const SECONDS_PER_DAY: i64 = 86_400;

// ---------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------

/// Returns the first match that `accept` turns into a date. A rejected match
/// (e.g. "February 30") may overlap a real date, so the search resumes one
/// character after the rejected match's start instead of after its end.
fn first_accepted(
    pattern: &Pattern,
    haystack: &str,
    mut accept: impl FnMut(&Groups<'_>) -> Option<FoundDate>,
) -> Option<FoundDate> {
    let mut from = 0;
    while let Some(groups) = pattern.groups_at(haystack, from) {
        if let Some(found) = accept(&groups) {
            return Some(found);
        }
        from = next_char_boundary(haystack, groups.whole()?.start())?;
    }
    None
}

/// The byte index just after the character at `index`, or None at the end.
fn next_char_boundary(text: &str, index: usize) -> Option<usize> {
    let next = text.get(index..)?.chars().next()?;
    Some(index + next.len_utf8())
}
