//! The date patterns: templates filled with the names of each language, compiled once.

use std::sync::LazyLock;

use jiff::civil::Date;

use super::names::{all_months, months, weekdays, ZONE_NAMES};
use super::read::{read_dotted, read_iso, read_named_month, read_slashed};
use crate::text::lang;
use crate::text::pattern::{Groups, Pattern};

// ---------------------------------------------------------------------------
//
// All repetitions are bounded ({0,3} rather than *), so every candidate match
// has a bounded length. Together with the regex crate's automata this keeps a
// whole scan linear in the input, even when we restart after a rejected
// candidate. Digits are spelled [0-9] because \d would also match non-ASCII
// digits that `str::parse` rejects.

/// A clock time: "14:05", "14:05:00.123", "1:39 am", "2:30 p.m.", "14h05", "14 h",
/// "14 Uhr", "1.39pm". `{p}` becomes a group-name prefix so the fragment can occur
/// both before and after the date in one pattern. Which combinations count as a
/// real time is decided in `read_time`, not here.
const TIME_TEMPLATE: &str = r"(?P<{p}_h>[0-9]{1,2})(?:(?P<{p}_sep>[:.])(?P<{p}_m>[0-9]{2})(?::(?P<{p}_s>[0-9]{2})(?:[.,][0-9]{1,9})?)?|\s?(?P<{p}_fh>h)(?:\s?(?P<{p}_fm>[0-9]{2})|\b))?(?:\s{0,2}(?P<{p}_ap>[ap])\.?\s?m\b\.?)?(?:\s{0,2}(?P<{p}_uhr>uhr)\b)?";

/// What may follow a time: "Z" or an ISO offset glued to it ("+01:00", "+0100",
/// "-05"), a spaced offset ("+0100"), "UTC+1"/"GMT+05:30", or a zone abbreviation.
/// A spaced offset needs hours and minutes so that "14:05 -5 points" is not one.
const ZONE_TEMPLATE: &str = r"(?:(?P<{p}_z>(?-i:Z))\b|(?P<{p}_glued>[+-][0-9]{2}(?::?[0-9]{2})?)\b|\s{0,2}(?:(?-i:UTC|GMT)\s?(?P<{p}_gmt>[+-][0-9]{1,2}(?::?[0-9]{2})?)|(?P<{p}_spaced>[+-][0-9]{2}:?[0-9]{2})|(?P<{p}_zone>(?-i:{zones}))\b))?";

/// Words that join a date to the time after it ("at", "um", "à", "a las", "alle ore",
/// "às", "в"), or the ISO "T".
const TIME_CONNECTOR: &str =
    r"(?:\s{0,3}[,|/·•–—-]?\s{0,3}(?:(?:at|um|à|a\s{1,3}las?|alle(?:\s{1,3}ore)?|ore|às|в)\s{1,3})?|(?P<post_t>t))";

/// Wraps a date core with an optional time before it (as in "Updated 1:39 am EST,
/// Wednesday, November 20, 2019"), an optional weekday, and an optional time after it.
const TEXT_TEMPLATE: &str = r"(?i)(?P<pre>\b{pre_time}\s{0,2}[,|/·•–—-]?\s{1,3})?(?P<wd>(?:\b(?:{ascii_weekdays})|{other_weekdays})\.?,?\s{1,3})?(?P<core>{core})(?P<post>{connector}{post_time})?";

/// "February 13, 2025", "Feb. 13 2025", "November 20th, 2019".
/// Month-first is US usage, so English names only.
const MONTH_FIRST_CORE: &str =
    r"\b(?P<mon>{english_months})\.?\s{1,3}(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\b,?\s{1,3}(?P<y>[0-9]{4})\b";

/// "13 February 2025", "13. Februar 2025", "1er mars 2025", "13 de febrero de 2025",
/// "13th of February, 2025", "13 февраля 2025 г.".
const DAY_FIRST_CORE: &str = r"\b(?P<d>[0-9]{1,2})(?:\.\s{0,3}|(?:st|nd|rd|th|er|º|ª|°)?\s{1,3})(?:(?:de|of)\s{1,3})?(?P<mon>{months})\.?(?:\s{1,3}del?|,)?\s{1,3}(?P<y>[0-9]{4})\b(?:\s?(?:года|г\.))?";

/// "2025-02-13"; its time ("T14:05:00Z", " 14:05") is the generic time suffix.
/// No trailing \b because "13T14" has none; `read_iso` rejects a following digit instead.
const ISO_CORE: &str = r"\b(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})";

/// "13.02.2025": always day.month.year. `tail` catches longer dotted numbers (versions, IPs).
const DOTTED_CORE: &str = r"\b(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})\b(?P<tail>\.[0-9])?";

/// "13/02/2025" or "02/13/2025"; the order is decided in `read_slashed`.
const SLASHED_CORE: &str = r"\b(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4})\b(?P<tail>/[0-9])?";

// URL dates must sit between path delimiters so article ids such as
// /202502131234/ are not mistaken for dates.

/// "/2025/02/13/", "/2025/2/13", "/2025/feb/13/" (The Guardian style).
const URL_SLASHED: &str =
    r"(?i)(?:^|[/_-])(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2}|{english_months})/(?P<d>[0-9]{1,2})(?:[/?#._-]|$)";

/// "/2025-02-13/", "/news-2025-02-13.html".
const URL_DASHED: &str = r"(?:^|[/_-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?:[/?#._-]|$)";

/// "/20250213/".
const URL_COMPACT: &str = r"(?:^|[/_-])(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})(?:[/?#._-]|$)";

/// Replaces `{key}` placeholders in a pattern template.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |acc, (key, value)| {
        acc.replace(&format!("{{{key}}}"), value)
    })
}

/// Regex alternation of literal names, longest first so a short abbreviation never shadows the
/// full word.
fn alternation<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    lang::alternation(names)
}

/// The name alternations of the patterns, made once for all five formats: English month names,
/// every language's, the weekdays that start with an ASCII letter and the others, the zones.
struct Names {
    zones: String,
    english_months: String,
    months: String,
    ascii_weekdays: String,
    other_weekdays: String,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    // Only names that start with an ASCII letter can take an (ASCII) word boundary in front; see
    // `compile`.
    let (ascii_weekdays, other_weekdays): (Vec<&str>, Vec<&str>) =
        weekdays().partition(|name| name.starts_with(|c: char| c.is_ascii()));
    Names {
        zones: alternation(ZONE_NAMES.iter().copied()),
        english_months: alternation(months("en").map(|(name, _)| name)),
        months: alternation(all_months().map(|(name, _)| name)),
        ascii_weekdays: alternation(ascii_weekdays),
        other_weekdays: alternation(other_weekdays),
    }
});

fn time_pattern(prefix: &str) -> String {
    let zone = fill(ZONE_TEMPLATE, &[("zones", &NAMES.zones)]);
    fill(&format!("{TIME_TEMPLATE}{zone}"), &[("p", prefix)])
}

fn text_pattern(core: &str) -> String {
    let names = &*NAMES;
    let core = fill(
        core,
        &[("english_months", &names.english_months), ("months", &names.months)],
    );
    fill(
        TEXT_TEMPLATE,
        &[
            ("pre_time", &time_pattern(PRE)),
            ("ascii_weekdays", &names.ascii_weekdays),
            ("other_weekdays", &names.other_weekdays),
            ("core", &core),
            ("connector", TIME_CONNECTOR),
            ("post_time", &time_pattern(POST)),
        ],
    )
}

/// Group-name prefixes of the time before and after the date.
pub(super) const PRE: &str = "pre";
pub(super) const POST: &str = "post";

// ---------------------------------------------------------------------------
// Compiled formats
// ---------------------------------------------------------------------------

/// Reads and validates the date of one format from a match (and the searched text).
pub(super) type DateReader = fn(&Groups<'_>, &str) -> Option<Date>;

/// One textual date format: its pattern and how to read the date out of a match.
pub(super) struct TextFormat {
    pub(super) pattern: Pattern,
    pub(super) read_date: DateReader,
    /// US-style dates come with 12-hour clocks, so a bare "10:30" is ambiguous there.
    pub(super) twelve_hour_clock: bool,
}

/// Every `\b` becomes an ASCII word boundary (a Unicode `\b` makes the lazy DFA give up on any
/// non-ASCII text and fall back to a slower engine). The templates only put `\b` next to ASCII
/// digits and ASCII letters, where the two differ only for odd text such as "é13"; names that
/// start or end with a non-ASCII letter ("февраля") get no `\b` at all and are delimited by the
/// surrounding spaces, dots and commas instead.
///
/// The patterns are constants, so a compile error is a bug caught by the tests; at run time a
/// broken format is skipped rather than panicking.
fn compile(pattern: &str) -> Option<Pattern> {
    Pattern::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

pub(super) static TEXT_FORMATS: LazyLock<Vec<TextFormat>> = LazyLock::new(|| {
    let formats: [(&str, DateReader, bool); 5] = [
        (MONTH_FIRST_CORE, read_named_month, true),
        (DAY_FIRST_CORE, read_named_month, false),
        (ISO_CORE, read_iso, false),
        (DOTTED_CORE, read_dotted, false),
        (SLASHED_CORE, read_slashed, false),
    ];
    formats
        .into_iter()
        .filter_map(|(core, read_date, twelve_hour_clock)| {
            Some(TextFormat {
                pattern: compile(&text_pattern(core))?,
                read_date,
                twelve_hour_clock,
            })
        })
        .collect()
});

pub(super) static URL_FORMATS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    [
        fill(URL_SLASHED, &[("english_months", &NAMES.english_months)]),
        URL_DASHED.to_owned(),
        URL_COMPACT.to_owned(),
    ]
    .iter()
    .filter_map(|pattern| compile(pattern))
    .collect()
});
