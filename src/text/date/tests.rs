use super::names::{all_months, month_named};
use super::patterns::{TEXT_FORMATS, URL_FORMATS};
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
    for (name, month) in all_months() {
        assert_eq!(month_named(name), Some(month), "{name}");
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
