//! Finds publication dates in datelines, bylines and article URLs and normalises them to ISO 8601.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use regex::{Captures, Match, Regex};

/// A publication date found in text, as ISO 8601 ("2025-02-13" or "2025-02-13T14:05:00" or with offset "2025-02-13T14:05:00+01:00"/"Z"), with the byte range of the matched text inside the searched string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

// ---------------------------------------------------------------------------
// Name tables
// ---------------------------------------------------------------------------

// Month names in lower case. Abbreviations are listed without their dot (the
// patterns accept an optional one). Unaccented spellings are listed too because
// scraped text and some CMSs drop diacritics. A name shared by several
// languages always means the same month, so one lookup table serves them all
// (checked by a test).

#[rustfmt::skip]
const ENGLISH_MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("jan", 1),
    ("february", 2), ("feb", 2),
    ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4),
    ("may", 5),
    ("june", 6), ("jun", 6),
    ("july", 7), ("jul", 7),
    ("august", 8), ("aug", 8),
    ("september", 9), ("sept", 9), ("sep", 9),
    ("october", 10), ("oct", 10),
    ("november", 11), ("nov", 11),
    ("december", 12), ("dec", 12),
];

#[rustfmt::skip]
const GERMAN_MONTHS: &[(&str, u32)] = &[
    ("januar", 1), ("jänner", 1), ("jaenner", 1), ("jan", 1), ("jän", 1),
    ("februar", 2), ("feber", 2), ("feb", 2),
    ("märz", 3), ("maerz", 3), ("mär", 3), ("mrz", 3),
    ("april", 4), ("apr", 4),
    ("mai", 5),
    ("juni", 6), ("jun", 6),
    ("juli", 7), ("jul", 7),
    ("august", 8), ("aug", 8),
    ("september", 9), ("sept", 9), ("sep", 9),
    ("oktober", 10), ("okt", 10),
    ("november", 11), ("nov", 11),
    ("dezember", 12), ("dez", 12),
];

#[rustfmt::skip]
const FRENCH_MONTHS: &[(&str, u32)] = &[
    ("janvier", 1), ("janv", 1),
    ("février", 2), ("fevrier", 2), ("févr", 2), ("fevr", 2), ("fév", 2), ("fev", 2),
    ("mars", 3),
    ("avril", 4), ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7), ("juil", 7),
    ("août", 8), ("aout", 8),
    ("septembre", 9), ("sept", 9),
    ("octobre", 10), ("oct", 10),
    ("novembre", 11), ("nov", 11),
    ("décembre", 12), ("decembre", 12), ("déc", 12), ("dec", 12),
];

#[rustfmt::skip]
const SPANISH_MONTHS: &[(&str, u32)] = &[
    ("enero", 1), ("ene", 1),
    ("febrero", 2), ("feb", 2),
    ("marzo", 3), ("mar", 3),
    ("abril", 4), ("abr", 4),
    ("mayo", 5), ("may", 5),
    ("junio", 6), ("jun", 6),
    ("julio", 7), ("jul", 7),
    ("agosto", 8), ("ago", 8),
    ("septiembre", 9), ("setiembre", 9), ("sept", 9), ("sep", 9), ("set", 9),
    ("octubre", 10), ("oct", 10),
    ("noviembre", 11), ("nov", 11),
    ("diciembre", 12), ("dic", 12),
];

#[rustfmt::skip]
const ITALIAN_MONTHS: &[(&str, u32)] = &[
    ("gennaio", 1), ("gen", 1),
    ("febbraio", 2), ("feb", 2),
    ("marzo", 3), ("mar", 3),
    ("aprile", 4), ("apr", 4),
    ("maggio", 5), ("mag", 5),
    ("giugno", 6), ("giu", 6),
    ("luglio", 7), ("lug", 7),
    ("agosto", 8), ("ago", 8),
    ("settembre", 9), ("set", 9),
    ("ottobre", 10), ("ott", 10),
    ("novembre", 11), ("nov", 11),
    ("dicembre", 12), ("dic", 12),
];

#[rustfmt::skip]
const PORTUGUESE_MONTHS: &[(&str, u32)] = &[
    ("janeiro", 1), ("jan", 1),
    ("fevereiro", 2), ("fev", 2),
    ("março", 3), ("marco", 3), ("mar", 3),
    ("abril", 4), ("abr", 4),
    ("maio", 5), ("mai", 5),
    ("junho", 6), ("jun", 6),
    ("julho", 7), ("jul", 7),
    ("agosto", 8), ("ago", 8),
    ("setembro", 9), ("set", 9),
    ("outubro", 10), ("out", 10),
    ("novembro", 11), ("nov", 11),
    ("dezembro", 12), ("dez", 12),
];

// Russian dates use the genitive ("13 февраля"); the nominative is listed for
// headers like "13 февраль 2025" that some sites generate.
#[rustfmt::skip]
const RUSSIAN_MONTHS: &[(&str, u32)] = &[
    ("января", 1), ("январь", 1), ("янв", 1),
    ("февраля", 2), ("февраль", 2), ("февр", 2), ("фев", 2),
    ("марта", 3), ("март", 3), ("мар", 3),
    ("апреля", 4), ("апрель", 4), ("апр", 4),
    ("мая", 5), ("май", 5),
    ("июня", 6), ("июнь", 6), ("июн", 6),
    ("июля", 7), ("июль", 7), ("июл", 7),
    ("августа", 8), ("август", 8), ("авг", 8),
    ("сентября", 9), ("сентябрь", 9), ("сент", 9), ("сен", 9),
    ("октября", 10), ("октябрь", 10), ("окт", 10),
    ("ноября", 11), ("ноябрь", 11), ("нояб", 11), ("ноя", 11),
    ("декабря", 12), ("декабрь", 12), ("дек", 12),
];

const ALL_MONTHS: &[&[(&str, u32)]] = &[
    ENGLISH_MONTHS,
    GERMAN_MONTHS,
    FRENCH_MONTHS,
    SPANISH_MONTHS,
    ITALIAN_MONTHS,
    PORTUGUESE_MONTHS,
    RUSSIAN_MONTHS,
];

// Weekdays only widen the reported range (so a caller can cut the whole
// "Wednesday, November 20, 2019" out of a byline); they never affect the date.
// Two-letter abbreviations (German "Mo", "Do", "So") are left out: they are
// ordinary words too often.
#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    // English
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    // German
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
    "sonntag",
    // French
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    // Spanish
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
    "domingo",
    // Italian
    "lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi",
    "venerdì", "venerdi", "sabato", "domenica",
    // Portuguese
    "segunda-feira", "terça-feira", "terca-feira", "quarta-feira", "quinta-feira",
    "sexta-feira",
    // Russian
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
];

// Zone abbreviations are recognised only so they are included in the range;
// they are ambiguous (IST, CST, BST...) so they never produce an offset.
// Matched case-sensitively, otherwise French "et" or English "pt" would be eaten.
const ZONE_NAMES: &[&str] = &[
    "UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "ET", "CT", "MT",
    "PT", "BST", "IST", "CET", "CEST", "MEZ", "MESZ", "EET", "EEST", "WET", "WEST", "MSK", "JST", "KST", "HKT", "SGT",
    "AEST", "AEDT", "ACST", "ACDT", "AWST", "NZST", "NZDT",
];

/// Lower-case month name (any language) to month number.
static MONTH_NUMBERS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    ALL_MONTHS
        .iter()
        .flat_map(|table| table.iter())
        .map(|&(name, month)| (name.to_owned(), month))
        .collect()
});

// ---------------------------------------------------------------------------
// Pattern fragments
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

/// Regex alternation of literal names, longest first so a short abbreviation
/// never shadows the full word.
fn alternation<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_by_key(|name| (Reverse(name.chars().count()), *name));
    names.dedup();
    names
        .iter()
        .map(|name| regex::escape(name))
        .collect::<Vec<_>>()
        .join("|")
}

fn month_alternation(tables: &[&[(&str, u32)]]) -> String {
    alternation(tables.iter().flat_map(|table| table.iter().map(|&(name, _)| name)))
}

fn time_pattern(prefix: &str) -> String {
    let zone = fill(ZONE_TEMPLATE, &[("zones", &alternation(ZONE_NAMES.iter().copied()))]);
    fill(&format!("{TIME_TEMPLATE}{zone}"), &[("p", prefix)])
}

fn text_pattern(core: &str) -> String {
    // Only names that start with an ASCII letter can take an (ASCII) word
    // boundary in front; see `compile`.
    let (ascii_weekdays, other_weekdays): (Vec<&str>, Vec<&str>) = WEEKDAYS
        .iter()
        .partition(|name| name.starts_with(|c: char| c.is_ascii()));
    let core = fill(
        core,
        &[
            ("english_months", &month_alternation(&[ENGLISH_MONTHS])),
            ("months", &month_alternation(ALL_MONTHS)),
        ],
    );
    fill(
        TEXT_TEMPLATE,
        &[
            ("pre_time", &time_pattern(PRE)),
            ("ascii_weekdays", &alternation(ascii_weekdays)),
            ("other_weekdays", &alternation(other_weekdays)),
            ("core", &core),
            ("connector", TIME_CONNECTOR),
            ("post_time", &time_pattern(POST)),
        ],
    )
}

/// Group-name prefixes of the time before and after the date.
const PRE: &str = "pre";
const POST: &str = "post";

// ---------------------------------------------------------------------------
// Compiled formats
// ---------------------------------------------------------------------------

/// Reads and validates the date of one format from a match (and the searched text).
type DateReader = fn(&Captures<'_>, &str) -> Option<Date>;

/// One textual date format: its pattern and how to read the date out of a match.
struct TextFormat {
    regex: Regex,
    read_date: DateReader,
    /// US-style dates come with 12-hour clocks, so a bare "10:30" is ambiguous there.
    twelve_hour_clock: bool,
}

/// The patterns are constants, so a compile error is a bug caught by the tests;
/// at run time a broken format is skipped rather than panicking.
///
/// Every `\b` becomes an ASCII word boundary: a Unicode `\b` makes the regex
/// crate's lazy DFA give up on any non-ASCII text and fall back to an engine
/// ~100x slower. The templates only put `\b` next to ASCII digits and ASCII
/// letters, where the two differ only for odd text such as "é13"; names that
/// start or end with a non-ASCII letter ("февраля") get no `\b` at all and are
/// delimited by the surrounding spaces, dots and commas instead.
fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).ok()
}

static TEXT_FORMATS: LazyLock<Vec<TextFormat>> = LazyLock::new(|| {
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
                regex: compile(&text_pattern(core))?,
                read_date,
                twelve_hour_clock,
            })
        })
        .collect()
});

static URL_FORMATS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let english_months = month_alternation(&[ENGLISH_MONTHS]);
    [
        fill(URL_SLASHED, &[("english_months", &english_months)]),
        URL_DASHED.to_owned(),
        URL_COMPACT.to_owned(),
    ]
    .iter()
    .filter_map(|pattern| compile(pattern))
    .collect()
});

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// Finds the first date in a short line of text (a dateline, byline or "Updated ..." line). Returns None when none is found. Must never panic on any input (no indexing that input can break, no unwrap/expect: the crate denies clippy::unwrap_used and clippy::expect_used).
pub fn find_date(text: &str) -> Option<FoundDate> {
    // Every supported format has a four-digit year: most lines can be skipped without a regex.
    if text.bytes().filter(u8::is_ascii_digit).count() < 4 {
        return None;
    }
    TEXT_FORMATS
        .iter()
        .filter_map(|format| {
            first_accepted(&format.regex, text, |caps| {
                let date = (format.read_date)(caps, text)?;
                assemble(caps, date, format.twelve_hour_clock)
            })
        })
        // Earliest date wins; at the same start prefer the longer (timed) reading.
        .min_by_key(|found| (found.start, Reverse(found.end)))
}

/// Finds a date in a URL path: /2025/02/13/, /2025-02-13/, /20250213/, /2025/02/ (month only is NOT enough: return None). Range is within the url string.
pub fn find_date_in_url(url: &str) -> Option<FoundDate> {
    URL_FORMATS
        .iter()
        .filter_map(|regex| first_accepted(regex, url, read_url_date))
        .min_by_key(|found| found.start)
}

/// Days since 1970-01-01 of an ISO 8601 date or date-time (its first ten characters); None
/// when it is not a date that exists.
pub fn day_number(iso: &str) -> Option<i64> {
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
    regex: &Regex,
    haystack: &str,
    mut accept: impl FnMut(&Captures<'_>) -> Option<FoundDate>,
) -> Option<FoundDate> {
    let mut from = 0;
    while let Some(caps) = regex.captures_at(haystack, from) {
        if let Some(found) = accept(&caps) {
            return Some(found);
        }
        from = next_char_boundary(haystack, caps.get(0)?.start())?;
    }
    None
}

/// The byte index just after the character at `index`, or None at the end.
fn next_char_boundary(text: &str, index: usize) -> Option<usize> {
    let next = text.get(index..)?.chars().next()?;
    Some(index + next.len_utf8())
}

fn char_after(text: &str, index: usize) -> Option<char> {
    text.get(index..)?.chars().next()
}

/// True when the match at `index` continues a longer number such as "1.13.02.2025"
/// or "3/13/02/2025", which is a version, address or id rather than a date.
fn continues_number(text: &str, index: usize, separator: char) -> bool {
    let mut before = text.get(..index).unwrap_or_default().chars().rev();
    before.next() == Some(separator) && before.next().is_some_and(|c| c.is_ascii_digit())
}

// ---------------------------------------------------------------------------
// Reading dates
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Validation: every date pith reports, from text, URLs or page metadata, passes here
// ---------------------------------------------------------------------------

/// The years read as publication dates: outside them a "date" in news text is far more likely a
/// number of some other kind (an id, a count) than the day a story was published.
const NEWS_YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

/// The widest UTC offset taken, in minutes: ±18:00, the bound ISO 8601 profiles (XML Schema,
/// java.time) set; real zones span −12:00 to +14:00, and anything past 18 hours is not a zone.
const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// A leap second ("23:59:60") is a real second of UTC, which RFC 3339 allows; it is kept as
/// written, and the calendar checks the rest of the time as the minute's last ordinary second.
const LEAP_SECOND: u32 = 60;

/// A calendar date that exists (no 31 February, 29 February only in leap years), in the years
/// news is dated.
fn calendar_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let year = i16::try_from(year).ok().filter(|y| NEWS_YEARS.contains(y))?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// A date as ISO 8601: "2025-02-13".
fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A time of day that exists (hour ≤ 23, minute ≤ 59, second ≤ 60) as "Thh:mm:ss".
fn clock_time(hour: u32, minute: u32, second: u32) -> Option<String> {
    let checked = if second == LEAP_SECOND { second - 1 } else { second };
    Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(checked).ok()?,
        0,
    )
    .ok()?;
    Some(format!("T{hour:02}:{minute:02}:{second:02}"))
}

/// A UTC offset within ±18:00 (minutes ≤ 59) as "+hh:mm".
fn utc_offset(negative: bool, hours: u32, minutes: u32) -> Option<String> {
    if minutes > 59 {
        return None;
    }
    let total = i32::try_from(hours.checked_mul(60)?.checked_add(minutes)?).ok()?;
    if total > MAX_OFFSET_MINUTES {
        return None;
    }
    let seconds = if negative { -total * 60 } else { total * 60 };
    Offset::from_seconds(seconds).ok()?;
    let sign = if negative { '-' } else { '+' };
    Some(format!("{sign}{hours:02}:{minutes:02}"))
}

/// The pattern of a machine date in page metadata: `2025-02-13`, `2025-02-13T14:05`,
/// `2025-02-13 14:05:00.123+0100`, `…Z`, `… UTC`.
static MACHINE_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?",
    )
    .ok()
});

/// Reads a machine date (JSON-LD, `<meta>`, `<time datetime>`) as ISO 8601: a date stays a date,
/// a time keeps its offset (`+0100` becomes `+01:00`), fractions of a second are dropped.
/// `Some(None)` when the value has the machine form but names no real moment (31 February,
/// 25:61, +19:00): it is broken, and no date is made from it. `None` when it is not of that form.
pub fn read_machine_date(raw: &str) -> Option<Option<String>> {
    let caps = MACHINE_DATE.as_ref()?.captures(raw)?;
    Some(machine_moment(&caps))
}

/// The moment a matched machine date names, validated.
fn machine_moment(caps: &Captures<'_>) -> Option<String> {
    // A group that took part must read as a number; one that did not is None.
    let number = |i: usize| caps.get(i).map(|m| m.as_str().parse::<u32>().ok());
    let (year, month, day) = (number(1)??, number(2)??, number(3)??);
    let mut iso = iso_date(calendar_date(year, month, day)?);
    if let (Some(hour), Some(minute)) = (number(4), number(5)) {
        let second = number(6).unwrap_or(Some(0))?;
        iso.push_str(&clock_time(hour?, minute?, second)?);
        if let Some(zone) = caps.get(7) {
            iso.push_str(&machine_offset(zone.as_str())?);
        }
    }
    Some(iso)
}

/// `Z`/`UTC`/`GMT` → `Z`; `+0100`, `+01:00`, `+01` → `+01:00`.
fn machine_offset(zone: &str) -> Option<String> {
    if ["z", "utc", "gmt"].iter().any(|z| zone.eq_ignore_ascii_case(z)) {
        return Some("Z".to_string());
    }
    let (sign, digits) = zone.split_at_checked(1)?;
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let hours = digits.get(..2)?.parse().ok()?;
    let minutes = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
    utc_offset(sign == "-", hours, minutes)
}

/// Parses a group of ASCII digits; None if the group did not take part in the match.
fn number(caps: &Captures<'_>, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

/// Month number of a captured month name, in any supported language.
fn month_named(name: &str) -> Option<u32> {
    MONTH_NUMBERS.get(&name.to_lowercase()).copied()
}

fn read_named_month(caps: &Captures<'_>, _text: &str) -> Option<Date> {
    let month = month_named(caps.name("mon")?.as_str())?;
    calendar_date(number(caps, "y")?, month, number(caps, "d")?)
}

fn read_iso(caps: &Captures<'_>, text: &str) -> Option<Date> {
    let core = caps.name("core")?;
    if char_after(text, core.end()).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    calendar_date(number(caps, "y")?, number(caps, "m")?, number(caps, "d")?)
}

fn read_dotted(caps: &Captures<'_>, text: &str) -> Option<Date> {
    let core = caps.name("core")?;
    if caps.name("tail").is_some() || continues_number(text, core.start(), '.') {
        return None;
    }
    calendar_date(number(caps, "y")?, number(caps, "m")?, number(caps, "d")?)
}

fn read_slashed(caps: &Captures<'_>, text: &str) -> Option<Date> {
    let core = caps.name("core")?;
    if caps.name("tail").is_some() || continues_number(text, core.start(), '/') {
        return None;
    }
    let (first, second) = (number(caps, "a")?, number(caps, "b")?);
    // Europe writes 13/02, the US 02/13; only a part above 12 tells them apart.
    // Guessing wrong silently corrupts data, so ambiguous dates are rejected.
    let (day, month) = match (first > 12, second > 12) {
        (true, false) => (first, second),
        (false, true) => (second, first),
        (false, false) if first == second => (first, second),
        _ => return None,
    };
    calendar_date(number(caps, "y")?, month, day)
}

fn read_url_date(caps: &Captures<'_>) -> Option<FoundDate> {
    let (year, month_text, day) = (caps.name("y")?, caps.name("m")?, caps.name("d")?);
    let month = match month_text.as_str().parse() {
        Ok(month) => month,
        Err(_) => month_named(month_text.as_str())?,
    };
    let date = calendar_date(year.as_str().parse().ok()?, month, day.as_str().parse().ok()?)?;
    Some(FoundDate {
        iso: iso_date(date),
        start: year.start(),
        end: day.end(),
    })
}

// ---------------------------------------------------------------------------
// Reading times
// ---------------------------------------------------------------------------

fn time_group<'h>(caps: &Captures<'h>, prefix: &str, name: &str) -> Option<Match<'h>> {
    caps.name(&format!("{prefix}_{name}"))
}

/// Reads the time captured under `prefix` as "Thh:mm:ss" plus an offset if one
/// was given. None when there is no time or it is not clearly a time of day.
fn read_time(caps: &Captures<'_>, prefix: &str, twelve_hour_clock: bool) -> Option<String> {
    let group = |name| time_group(caps, prefix, name);
    let hour_text = group("h")?.as_str();
    let mut hour: u32 = hour_text.parse().ok()?;
    let minute_text = group("m").or_else(|| group("fm"));
    let minute: u32 = match minute_text {
        Some(minute) => minute.as_str().parse().ok()?,
        None => 0,
    };
    let second: u32 = match group("s") {
        Some(second) => second.as_str().parse().ok()?,
        None => 0,
    };
    let pm = group("ap").map(|m| m.as_str().eq_ignore_ascii_case("p"));
    let has_uhr = group("uhr").is_some();

    let has_zone = ["z", "glued", "gmt", "spaced", "zone"]
        .into_iter()
        .any(|name| group(name).is_some());

    // A lone number ("at 5") is only a time with am/pm, "Uhr" or French "h".
    // "09.41" is a time only with am/pm, "Uhr" or a zone ("09.41 GMT", Guardian
    // style); otherwise it is as likely a price or a score.
    let marked = pm.is_some() || has_uhr || group("fh").is_some();
    if minute_text.is_none() && !marked {
        return None;
    }
    let dotted = group("sep").is_some_and(|sep| sep.as_str() == ".");
    if dotted && pm.is_none() && !has_uhr && !has_zone {
        return None;
    }

    match pm {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
        // Where 12-hour clocks are the norm, "10:30" without am/pm could be
        // either; a leading zero ("09:30") or an hour above 12 shows a 24-hour clock.
        None if twelve_hour_clock && (1..=12).contains(&hour) && !hour_text.starts_with('0') => {
            return None;
        }
        None => {}
    }
    let time = clock_time(hour, minute, second)?;
    // "14:05:00-05" and "T14:05+01:00" are ISO offsets, but "10:00-12:00" is a
    // time range: a glued offset needs seconds or the ISO "T" to count.
    let iso_style = group("s").is_some() || group("t").is_some();
    let offset = read_offset(caps, prefix, iso_style)?;
    Some(time + &offset)
}

/// The offset after a time: "" when none was given (zone abbreviations are
/// ambiguous and ignored), "Z", or "+hh:mm". None when the offset is impossible
/// or may not be an offset at all.
fn read_offset(caps: &Captures<'_>, prefix: &str, iso_style: bool) -> Option<String> {
    if time_group(caps, prefix, "z").is_some() {
        return Some("Z".to_owned());
    }
    if time_group(caps, prefix, "glued").is_some() && !iso_style {
        return None;
    }
    let Some(offset) = ["glued", "gmt", "spaced"]
        .into_iter()
        .find_map(|name| time_group(caps, prefix, name))
    else {
        return Some(String::new());
    };
    let text = offset.as_str();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    // "+1" and "+01" are hours only; otherwise the last two digits are minutes.
    let (hours, minutes) = if digits.len() <= 2 {
        (digits.as_str(), "0")
    } else {
        digits.split_at_checked(digits.len() - 2)?
    };
    utc_offset(text.starts_with('-'), hours.parse().ok()?, minutes.parse().ok()?)
}

/// Turns a match with a valid date into a `FoundDate`, adding the time before
/// or after the date when there is exactly one readable time.
fn assemble(caps: &Captures<'_>, date: Date, twelve_hour_clock: bool) -> Option<FoundDate> {
    let core = caps.name("core")?;
    let date_start = caps.name("wd").map_or(core.start(), |weekday| weekday.start());
    let before = caps
        .name("pre")
        .and_then(|pre| Some((pre.start(), read_time(caps, PRE, twelve_hour_clock)?)));
    let after = caps
        .name("post")
        .and_then(|post| Some((post.end(), read_time(caps, POST, twelve_hour_clock)?)));
    let (start, end, time) = match (before, after) {
        (Some((start, time)), None) => (start, core.end(), time),
        (None, Some((end, time))) => (date_start, end, time),
        // Two times around one date: we cannot tell which is the publication time.
        (Some(_), Some(_)) | (None, None) => (date_start, core.end(), String::new()),
    };
    Some(FoundDate {
        iso: iso_date(date) + &time,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        find_date(text).map(|found| found.iso)
    }

    /// The text the reported range covers.
    fn matched(text: &str) -> Option<&str> {
        find_date(text).and_then(|found| text.get(found.start..found.end))
    }

    fn url_iso(url: &str) -> Option<String> {
        find_date_in_url(url).map(|found| found.iso)
    }

    fn some(iso: &str) -> Option<String> {
        Some(iso.to_owned())
    }

    #[test]
    fn all_patterns_compile() {
        assert_eq!(TEXT_FORMATS.len(), 5);
        assert_eq!(URL_FORMATS.len(), 3);
    }

    #[test]
    fn month_names_never_disagree_between_languages() {
        for table in ALL_MONTHS {
            for &(name, month) in *table {
                assert_eq!(month_named(name), Some(month), "{name}");
            }
        }
    }

    #[test]
    fn english_month_first() {
        assert_eq!(iso("February 13, 2025"), some("2025-02-13"));
        assert_eq!(iso("Feb. 13, 2025"), some("2025-02-13"));
        assert_eq!(iso("Feb 13 2025"), some("2025-02-13"));
        assert_eq!(iso("FEBRUARY 13TH, 2025"), some("2025-02-13"));
        assert_eq!(iso("Sept. 1, 2024"), some("2024-09-01"));
        assert_eq!(iso("Wednesday, November 20, 2019"), some("2019-11-20"));
    }

    #[test]
    fn english_day_first() {
        assert_eq!(iso("13 February 2025"), some("2025-02-13"));
        assert_eq!(iso("13th of February, 2025"), some("2025-02-13"));
        assert_eq!(iso("Published: 1 Mar 2024 09:30 GMT"), some("2024-03-01T09:30:00"));
    }

    #[test]
    fn weekday_is_part_of_the_range() {
        let text = "By Jane Doe, Wednesday, November 20, 2019";
        assert_eq!(iso(text), some("2019-11-20"));
        assert_eq!(matched(text), Some("Wednesday, November 20, 2019"));
        assert_eq!(matched("Sat, 13 Feb 2025"), Some("Sat, 13 Feb 2025"));
        // A weekday abbreviation at the end of another word is not a weekday.
        assert_eq!(matched("Salmon, 13 Feb 2025"), Some("13 Feb 2025"));
        assert_eq!(
            matched("miércoles, 13 de febrero de 2025"),
            Some("miércoles, 13 de febrero de 2025")
        );
    }

    #[test]
    fn time_before_the_date() {
        let text = "Updated 1:39 am EST, Wednesday, November 20, 2019";
        assert_eq!(iso(text), some("2019-11-20T01:39:00"));
        assert_eq!(matched(text), Some("1:39 am EST, Wednesday, November 20, 2019"));
    }

    #[test]
    fn time_after_the_date() {
        let text = "Nov. 20, 2019 at 5:00 p.m.";
        assert_eq!(iso(text), some("2019-11-20T17:00:00"));
        assert_eq!(matched(text), Some(text));
        assert_eq!(iso("Feb 13, 2025 2:30 p.m. ET"), some("2025-02-13T14:30:00"));
        assert_eq!(
            matched("Feb 13, 2025 2:30 p.m. ET, by"),
            Some("Feb 13, 2025 2:30 p.m. ET")
        );
        assert_eq!(iso("13 February 2025 14:05"), some("2025-02-13T14:05:00"));
        assert_eq!(iso("13 February 2025 14:05 CET"), some("2025-02-13T14:05:00"));
        assert_eq!(
            matched("13 February 2025 14:05 CET"),
            Some("13 February 2025 14:05 CET")
        );
        assert_eq!(iso("Feb 13, 2025 12:00 am"), some("2025-02-13T00:00:00"));
        assert_eq!(iso("Feb 13, 2025 12:30 PM"), some("2025-02-13T12:30:00"));
        assert_eq!(iso("Feb 13, 2025 5pm"), some("2025-02-13T17:00:00"));
        assert_eq!(iso("Feb 13, 2025 · 2:30 PM"), some("2025-02-13T14:30:00"));
        // Guardian style: dotted 24-hour time followed by a zone.
        assert_eq!(iso("Thu 13 Feb 2025 09.41 GMT"), some("2025-02-13T09:41:00"));
        assert_eq!(iso("Thu 13 Feb 2025 at 7.30am"), some("2025-02-13T07:30:00"));
    }

    #[test]
    fn numeric_offsets_are_kept() {
        assert_eq!(iso("13.02.2025 14:05 +0100"), some("2025-02-13T14:05:00+01:00"));
        assert_eq!(iso("13 Feb 2025 14:05 UTC+1"), some("2025-02-13T14:05:00+01:00"));
        assert_eq!(iso("13 Feb 2025 14:05 GMT-05:30"), some("2025-02-13T14:05:00-05:30"));
        assert_eq!(iso("2025-02-13T14:05:00-05"), some("2025-02-13T14:05:00-05:00"));
        assert_eq!(iso("2025-02-13T14:05+0530"), some("2025-02-13T14:05:00+05:30"));
        // A time range, not a time with an offset.
        assert_eq!(iso("13 Feb 2025 10:00-12:00"), some("2025-02-13"));
        // Not an offset: a spaced sign needs hours and minutes.
        assert_eq!(matched("13 Feb 2025 14:05 -5 points"), Some("13 Feb 2025 14:05"));
        // Impossible offset: the time is dropped rather than reported wrongly.
        assert_eq!(iso("13 Feb 2025 14:05 +9900"), some("2025-02-13"));
    }

    #[test]
    fn ambiguous_or_invalid_times_give_the_date_only() {
        // US dates use 12-hour clocks, so "10:30" alone could be morning or evening.
        assert_eq!(iso("Feb 13, 2025 10:30"), some("2025-02-13"));
        assert_eq!(matched("Feb 13, 2025 10:30"), Some("Feb 13, 2025"));
        assert_eq!(iso("Feb 13, 2025 09:30"), some("2025-02-13T09:30:00"));
        assert_eq!(iso("Feb 13, 2025 14:05"), some("2025-02-13T14:05:00"));
        assert_eq!(iso("13 Feb 2025 25:00"), some("2025-02-13"));
        assert_eq!(iso("13 Feb 2025 13:00 pm"), some("2025-02-13"));
        assert_eq!(iso("13.02.2025 3.50 Euro"), some("2025-02-13"));
        assert_eq!(iso("Feb 13, 2025 5 people"), some("2025-02-13"));
        assert_eq!(iso("1:00 pm, Feb 13, 2025, 5:00 pm"), some("2025-02-13"));
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso("2025-02-13"), some("2025-02-13"));
        assert_eq!(iso("2025-02-13T14:05:00Z"), some("2025-02-13T14:05:00Z"));
        assert_eq!(iso("2025-02-13 14:05"), some("2025-02-13T14:05:00"));
        assert_eq!(iso("2025-02-13T14:05:00.123+01:00"), some("2025-02-13T14:05:00+01:00"));
        assert_eq!(matched("at 2025-02-13T14:05:00Z."), Some("2025-02-13T14:05:00Z"));
        assert_eq!(iso("2025-02-134"), None);
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(iso("13.02.2025"), some("2025-02-13"));
        assert_eq!(iso("1.2.2025"), some("2025-02-01"));
        assert_eq!(iso("13/02/2025"), some("2025-02-13"));
        assert_eq!(iso("02/13/2025"), some("2025-02-13"));
        assert_eq!(iso("05/05/2025"), some("2025-05-05"));
        assert_eq!(iso("Mittwoch, 13.02.2025, 14:05 Uhr"), some("2025-02-13T14:05:00"));
        assert_eq!(matched("Stand: 13.02.2025, 14:05 Uhr"), Some("13.02.2025, 14:05 Uhr"));
    }

    #[test]
    fn german() {
        assert_eq!(iso("13. Februar 2025"), some("2025-02-13"));
        assert_eq!(iso("13. Feb. 2025"), some("2025-02-13"));
        assert_eq!(iso("5. März 2025"), some("2025-03-05"));
        assert_eq!(iso("5. MÄRZ 2025"), some("2025-03-05"));
        assert_eq!(iso("5. Maerz 2025"), some("2025-03-05"));
        assert_eq!(iso("13. Februar 2025 um 14:05 Uhr"), some("2025-02-13T14:05:00"));
    }

    #[test]
    fn french() {
        assert_eq!(iso("13 février 2025"), some("2025-02-13"));
        assert_eq!(iso("1er mars 2025"), some("2025-03-01"));
        assert_eq!(iso("Publié le 13 févr. 2025"), some("2025-02-13"));
        assert_eq!(matched("le 13 févr. 2025"), Some("13 févr. 2025"));
        assert_eq!(iso("mercredi 13 février 2025 à 14h05"), some("2025-02-13T14:05:00"));
        assert_eq!(iso("13 fevrier 2025 à 9 h"), some("2025-02-13T09:00:00"));
    }

    #[test]
    fn spanish() {
        assert_eq!(iso("13 de febrero de 2025"), some("2025-02-13"));
        assert_eq!(iso("13 feb 2025"), some("2025-02-13"));
        assert_eq!(iso("1º de marzo del 2025"), some("2025-03-01"));
        assert_eq!(iso("13 de febrero de 2025 a las 14:05"), some("2025-02-13T14:05:00"));
    }

    #[test]
    fn italian_and_portuguese() {
        assert_eq!(iso("13 febbraio 2025"), some("2025-02-13"));
        assert_eq!(iso("giovedì 13 febbraio 2025 alle 14:05"), some("2025-02-13T14:05:00"));
        assert_eq!(iso("13 de fevereiro de 2025"), some("2025-02-13"));
        assert_eq!(iso("5 de março de 2025 às 14:05"), some("2025-03-05T14:05:00"));
    }

    #[test]
    fn russian() {
        assert_eq!(iso("13 февраля 2025"), some("2025-02-13"));
        assert_eq!(iso("Опубликовано 13.02.2025 в 14:05"), some("2025-02-13T14:05:00"));
        assert_eq!(iso("13 ФЕВРАЛЯ 2025"), some("2025-02-13"));
        assert_eq!(
            matched("13 февраля 2025 г. в 14:05"),
            Some("13 февраля 2025 г. в 14:05")
        );
        assert_eq!(iso("13 февраля 2025 г. в 14:05"), some("2025-02-13T14:05:00"));
        assert_eq!(matched("13 февраля 2025 г."), Some("13 февраля 2025 г."));
        assert_eq!(iso("среда, 13.02.2025"), some("2025-02-13"));
        assert_eq!(matched("Обновлено: среда, 13.02.2025"), Some("среда, 13.02.2025"));
        assert_eq!(matched("13 февраля 2025 года"), Some("13 февраля 2025 года"));
        assert_eq!(iso("13 фев. 2025г."), some("2025-02-13"));
    }

    #[test]
    fn dates_are_validated() {
        assert_eq!(iso("February 29, 2024"), some("2024-02-29"));
        assert_eq!(iso("February 29, 2023"), None);
        assert_eq!(iso("29.02.2000"), some("2000-02-29"));
        assert_eq!(iso("29.02.1900"), None);
        assert_eq!(iso("31/04/2025"), None);
        assert_eq!(iso("2025-13-01"), None);
        assert_eq!(iso("1 January 1899"), None);
        assert_eq!(iso("1 January 2101"), None);
        assert_eq!(iso("0 January 2025"), None);
    }

    #[test]
    fn times_and_offsets_are_validated_as_machine_dates_are() {
        // A leap second is a real second; offsets reach ±18:00.
        assert_eq!(iso("2016-12-31T23:59:60Z"), some("2016-12-31T23:59:60Z"));
        assert_eq!(iso("2025-02-13T14:05:00+18:00"), some("2025-02-13T14:05:00+18:00"));
        assert_eq!(iso("2025-02-13T14:05:00-16:00"), some("2025-02-13T14:05:00-16:00"));
        assert_eq!(iso("2025-02-13T14:05:00+18:01"), some("2025-02-13"));
        assert_eq!(iso("2025-02-13T14:05:61Z"), some("2025-02-13"));
        assert_eq!(day_number("2025-02-31"), None);
        assert_eq!(day_number("2024-02-29"), Some(19_782));
        assert_eq!(day_number("1970-01-01T00:00:00Z"), Some(0));
    }

    #[test]
    fn search_continues_past_rejected_candidates() {
        assert_eq!(iso("February 30, 2025 or March 1, 2025"), some("2025-03-01"));
        assert_eq!(iso("12/11/2020 then 13/11/2020"), some("2020-11-13"));
        assert_eq!(iso("31.02.2025 31.03.2025"), some("2025-03-31"));
    }

    #[test]
    fn first_date_wins_across_formats() {
        assert_eq!(iso("13.02.2025, updated February 14, 2025"), some("2025-02-13"));
        assert_eq!(iso("February 14, 2025 (13.02.2025)"), some("2025-02-14"));
        let text = "x 2025-02-13 y";
        assert_eq!(
            find_date(text),
            Some(FoundDate {
                iso: "2025-02-13".to_owned(),
                start: 2,
                end: 12
            })
        );
    }

    #[test]
    fn negatives() {
        for text in [
            "",
            "Version 2.0.13",
            "Version 1.13.02.2025",
            "192.168.1.2025",
            "Call 555-1234",
            "2025",
            "February 2025",
            "13/02/25",
            "13.02.25",
            "Room 12/11/2020",
            "13/13/2025",
            "113 February 2025",
            "13 February 20251",
            "Chapter 13 of 2025",
            "🦀 ∑ ĳ ﬁ \u{0} \u{200b} ١٣/٠٢/٢٠٢٥",
            "   ",
        ] {
            assert_eq!(find_date(text), None, "{text:?}");
        }
    }

    #[test]
    fn urls() {
        let url = "https://example.com/world/2025/02/13/some-story/";
        let found = find_date_in_url(url);
        assert_eq!(found.as_ref().map(|f| f.iso.as_str()), Some("2025-02-13"));
        assert_eq!(found.and_then(|f| url.get(f.start..f.end)), Some("2025/02/13"));
        assert_eq!(url_iso("https://example.com/2025-02-13/story"), some("2025-02-13"));
        assert_eq!(url_iso("https://example.com/news/20250213/story"), some("2025-02-13"));
        assert_eq!(url_iso("https://example.com/story-2025-02-13.html"), some("2025-02-13"));
        assert_eq!(
            url_iso("https://www.theguardian.com/world/2025/feb/13/x"),
            some("2025-02-13")
        );
        assert_eq!(url_iso("/2025/2/3"), some("2025-02-03"));
        assert_eq!(url_iso("https://example.com/2025/02/13?x=1"), some("2025-02-13"));
    }

    #[test]
    fn url_negatives() {
        for url in [
            "",
            "https://example.com/2025/02/",
            "https://example.com/2025/02/story",
            "https://example.com/2025/02/1234567/story",
            "https://example.com/article/202502131234",
            "https://example.com/2025/02/30/story",
            "https://example.com/20251345/",
            "https://example.com/?date=2025-02-13",
            "https://例え.jp/ü/🦀",
        ] {
            assert_eq!(find_date_in_url(url), None, "{url:?}");
        }
        // A month-only path does not stop the search for a full date later on.
        assert_eq!(url_iso("/2025/02/story-20250213"), some("2025-02-13"));
    }

    /// Deterministic pseudo-random strings built from pieces that look like dates,
    /// to check the no-panic promise and that ranges are valid char boundaries.
    #[test]
    fn never_panics_and_ranges_are_valid() {
        const PIECES: &[&str] = &[
            "1",
            "13",
            "2025",
            "02",
            ".",
            "/",
            "-",
            ":",
            " ",
            ",",
            "T",
            "Z",
            "+01:00",
            "am",
            "p.m.",
            "Feb",
            "février",
            "февраля",
            "März",
            "de",
            "г.",
            "er",
            "h",
            "Uhr",
            "EST",
            "é",
            "🦀",
            "\u{200b}",
            "ß",
            "İ",
            "Wednesday",
            "at",
            "в",
            "\n",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let length = next() % 24;
            let text: String = (0..length)
                .filter_map(|_| PIECES.get((next() % PIECES.len() as u64) as usize).copied())
                .collect();
            for found in [find_date(&text), find_date_in_url(&text)].into_iter().flatten() {
                assert!(found.start < found.end, "{text:?}");
                assert!(text.get(found.start..found.end).is_some(), "{text:?}");
            }
        }
    }

    #[test]
    fn long_lines_are_fine() {
        let filler = "Feb 30, 2025 12/11/2020 1.2.3 13 de ".repeat(2000);
        let text = format!("{filler}13 February 2025");
        assert_eq!(iso(&text), some("2025-02-13"));
        let url = format!("https://example.com/{}2025/02/13/", "2025/02/".repeat(2000));
        assert_eq!(url_iso(&url), some("2025-02-13"));
    }
}
