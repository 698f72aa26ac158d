//! Month, weekday and zone names: the month and weekday names are the `months` and `weekdays`
//! lists of the language registry (`data/lang/<code>/`), the zone names are the same in every
//! language.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::lang::{self, List};

/// The month names of one language (lower case, abbreviations without their dot, unaccented
/// spellings too) with the month each names: line N of its `months` list is month N. A name
/// shared by several languages always means the same month, so one lookup table serves them
/// all (checked by a test).
pub(super) fn months(code: &str) -> impl Iterator<Item = (&'static str, u32)> {
    numbered(lang::words(List::Months, code).lines())
}

/// The month names of every language, with their months.
pub(super) fn all_months() -> impl Iterator<Item = (&'static str, u32)> {
    lang::by_language(List::Months).flat_map(|(_, lines)| numbered(lines.lines()))
}

fn numbered(lines: &'static [&'static str]) -> impl Iterator<Item = (&'static str, u32)> {
    lines
        .iter()
        .zip(1..)
        .flat_map(|(line, month)| line.split_whitespace().map(move |name| (name, month)))
}

/// Weekday names of every language. They only widen the reported range (so a caller can cut the
/// whole "Wednesday, November 20, 2019" out of a byline); they never affect the date. Two-letter
/// abbreviations (German "Mo", "Do", "So") are left out of the lists: they are ordinary words
/// too often.
pub(super) fn weekdays() -> impl Iterator<Item = &'static str> {
    lang::all(List::Weekdays)
}

// Zone abbreviations are recognised only so they are included in the range;
// they are ambiguous (IST, CST, BST...) so they never produce an offset.
// Matched case-sensitively, otherwise French "et" or English "pt" would be eaten.
pub(super) const ZONE_NAMES: &[&str] = &[
    "UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "ET", "CT", "MT",
    "PT", "BST", "IST", "CET", "CEST", "MEZ", "MESZ", "EET", "EEST", "WET", "WEST", "MSK", "JST", "KST", "HKT", "SGT",
    "AEST", "AEDT", "ACST", "ACDT", "AWST", "NZST", "NZDT",
];

/// Lower-case month name (any language) to month number.
static MONTH_NUMBERS: LazyLock<HashMap<String, u32>> =
    LazyLock::new(|| all_months().map(|(name, month)| (name.to_owned(), month)).collect());

/// Month number of a captured month name, in any supported language.
pub(super) fn month_named(name: &str) -> Option<u32> {
    MONTH_NUMBERS.get(&name.to_lowercase()).copied()
}
