//! Validation: every date pith reports, from text, URLs or page metadata, names a real moment;
//! and machine dates (JSON-LD, `<meta>`, `<time datetime>`) read as ISO 8601.

use std::sync::LazyLock;

use crate::text::pattern::{Groups, Pattern};
use jiff::civil::{Date, Time};
use jiff::tz::Offset;

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
pub(super) fn calendar_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let year = i16::try_from(year).ok().filter(|y| NEWS_YEARS.contains(y))?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// A date as ISO 8601: "2025-02-13".
pub(super) fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A time of day that exists (hour ≤ 23, minute ≤ 59, second ≤ 60) as "Thh:mm:ss".
pub(super) fn clock_time(hour: u32, minute: u32, second: u32) -> Option<String> {
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
pub(super) fn utc_offset(negative: bool, hours: u32, minutes: u32) -> Option<String> {
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
static MACHINE_DATE: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    Pattern::new(
        r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?",
    )
});

/// Reads a machine date (JSON-LD, `<meta>`, `<time datetime>`) as ISO 8601: a date stays a date,
/// a time keeps its offset (`+0100` becomes `+01:00`), fractions of a second are dropped.
/// `Some(None)` when the value has the machine form but names no real moment (31 February,
/// 25:61, +19:00): it is broken, and no date is made from it. `None` when it is not of that form.
pub fn read_machine_date(raw: &str) -> Option<Option<String>> {
    let caps = MACHINE_DATE.as_ref()?.groups(raw)?;
    Some(machine_moment(&caps))
}

/// The moment a matched machine date names, validated.
fn machine_moment(caps: &Groups<'_>) -> Option<String> {
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
