//! Month, weekday and zone names, per language, and the month number of a name.

use std::collections::HashMap;
use std::sync::LazyLock;

// Month names in lower case. Abbreviations are listed without their dot (the
// patterns accept an optional one). Unaccented spellings are listed too because
// scraped text and some CMSs drop diacritics. A name shared by several
// languages always means the same month, so one lookup table serves them all
// (checked by a test).

#[rustfmt::skip]
pub(super) const ENGLISH_MONTHS: &[(&str, u32)] = &[
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

pub(super) const ALL_MONTHS: &[&[(&str, u32)]] = &[
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
pub(super) const WEEKDAYS: &[&str] = &[
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
pub(super) const ZONE_NAMES: &[&str] = &[
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

/// Month number of a captured month name, in any supported language.
pub(super) fn month_named(name: &str) -> Option<u32> {
    MONTH_NUMBERS.get(&name.to_lowercase()).copied()
}
