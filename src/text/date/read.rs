//! A match read as a date (checked against the calendar) and the times around it.

use jiff::civil::Date;

use super::calendar::{calendar_date, clock_time, iso_date, utc_offset};
use super::names::month_named;
use super::patterns::{POST, PRE};
use super::FoundDate;
use crate::text::pattern::{Group, Groups};

fn char_after(text: &str, index: usize) -> Option<char> {
    text.get(index..)?.chars().next()
}

/// True when the match at `index` continues a longer number such as "1.13.02.2025"
/// or "3/13/02/2025", which is a version, address or id rather than a date.
fn continues_number(text: &str, index: usize, separator: char) -> bool {
    let mut before = text.get(..index).unwrap_or_default().chars().rev();
    before.next() == Some(separator) && before.next().is_some_and(|c| c.is_ascii_digit())
}

/// Parses a group of ASCII digits; None if the group did not take part in the match.
fn number(caps: &Groups<'_>, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

pub(super) fn read_named_month(caps: &Groups<'_>, _text: &str) -> Option<Date> {
    let month = month_named(caps.name("mon")?.as_str())?;
    calendar_date(number(caps, "y")?, month, number(caps, "d")?)
}

pub(super) fn read_iso(caps: &Groups<'_>, text: &str) -> Option<Date> {
    let core = caps.name("core")?;
    if char_after(text, core.end()).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    calendar_date(number(caps, "y")?, number(caps, "m")?, number(caps, "d")?)
}

pub(super) fn read_dotted(caps: &Groups<'_>, text: &str) -> Option<Date> {
    let core = caps.name("core")?;
    if caps.name("tail").is_some() || continues_number(text, core.start(), '.') {
        return None;
    }
    calendar_date(number(caps, "y")?, number(caps, "m")?, number(caps, "d")?)
}

pub(super) fn read_slashed(caps: &Groups<'_>, text: &str) -> Option<Date> {
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

pub(super) fn read_url_date(caps: &Groups<'_>) -> Option<FoundDate> {
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

fn time_group<'h>(caps: &Groups<'h>, prefix: &str, name: &str) -> Option<Group<'h>> {
    caps.name(&format!("{prefix}_{name}"))
}

/// Reads the time captured under `prefix` as "Thh:mm:ss" plus an offset if one
/// was given. None when there is no time or it is not clearly a time of day.
fn read_time(caps: &Groups<'_>, prefix: &str, twelve_hour_clock: bool) -> Option<String> {
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
fn read_offset(caps: &Groups<'_>, prefix: &str, iso_style: bool) -> Option<String> {
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
pub(super) fn assemble(caps: &Groups<'_>, date: Date, twelve_hour_clock: bool) -> Option<FoundDate> {
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
