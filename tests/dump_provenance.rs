//! Authors and dates of text dumps, which carry no metadata: a byline line or a label alone over
//! the names, the name line between a headline and its date, and the menus and section labels
//! that look like either; the date from a date line or a byline in the header, a revision's date
//! only when there is no other; the title from the dump's first line when the line lifted as the
//! headline shares no word with it.

use pith::Extractor;

const BODY: &str = "The city council passed the budget on Monday after a debate that lasted six hours, \
with members split over the cost of new bus lanes.

Supporters said the lanes would cut journeys across the centre by a quarter, while opponents warned \
that shops on the high street would lose passing trade.

The mayor promised a review of the scheme after one year, and said the council would publish the \
figures on ridership every three months.

Residents will be able to comment on the final design at a public meeting in the town hall next \
month, the council said in a statement.";

const TITLE: &str = "City council passes the new budget after six hours";

/// A one-paragraph summary under the headline, kept as body.
const STANDFIRST: &str = "Members were split over the cost of new bus lanes, which supporters say will cut \
journeys across the centre by a quarter while shops fear losing trade.";

/// The record of the dump `text`, named `name` (its extension says text or markdown).
fn record(name: &str, text: &str) -> pith::Record {
    Extractor::builder()
        .build()
        .extract(name, text)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The provenance of the dump `header`, the body, `after`.
fn provenance(header: &str, after: &str) -> pith::provenance::Provenance {
    record("dump.txt", &format!("{header}\n\n{BODY}\n\n{after}\n")).provenance
}

/// The authors of a provenance and the rule that found them.
fn named(provenance: pith::provenance::Provenance) -> (Vec<String>, Option<String>) {
    let rule = provenance.evidence.get("authors").map(|e| e.rule.clone());
    (provenance.authors, rule)
}

/// The record's authors and the rule that found them.
fn authors(header: &str, after: &str) -> (Vec<String>, Option<String>) {
    named(provenance(header, after))
}

/// A field of the record of the dump `header` + body (`published` or `title`), and the rule
/// that found it.
fn found(header: &str, field: &str) -> (Option<String>, Option<String>) {
    let provenance = provenance(header, "");
    let rule = provenance.evidence.get(field).map(|e| e.rule.clone());
    let value = match field {
        "published" => provenance.published,
        "title" => provenance.title,
        _ => panic!("no such field in these tests: {field}"),
    };
    (value, rule)
}

/// Asserts that the dump `header`, the body, `after` names no author.
fn names_nobody(header: &str, after: &str) {
    assert_eq!(authors(header, after).0, Vec::<String>::new(), "{header}");
}

/// The record's date and the rule that found it.
fn published(header: &str) -> (Option<String>, Option<String>) {
    found(header, "published")
}

#[test]
fn a_label_alone_over_the_name_is_a_byline() {
    let header = format!("Home\n\nNews\n\n{TITLE}\n\nWritten by\n\nMaria Lopez\n\nMarch 3, 2025");
    assert_eq!(
        authors(&header, ""),
        (vec!["Maria Lopez".to_string()], Some("byline".to_string()))
    );
}

#[test]
fn a_byline_ends_at_its_date_and_its_label_may_take_a_colon() {
    let header = format!("{TITLE}\n\nBy: Maria Lopez Published: Mar 3, 2025");
    assert_eq!(authors(&header, "").0, ["Maria Lopez"]);
    // An author label, a verb with its preposition.
    assert_eq!(
        authors(&format!("{TITLE}\n\nAuthor: Maria Lopez"), "").0,
        ["Maria Lopez"]
    );
    let posted = format!("{TITLE}\n\nPosted by Maria Lopez on March 3, 2025");
    assert_eq!(authors(&posted, "").0, ["Maria Lopez"]);
}

#[test]
fn the_name_line_between_headline_and_date_names_the_author() {
    let header = format!("Home\n\nNews\n\n{TITLE}\n\nMaria Lopez\n\nMarch 3, 2025");
    assert_eq!(
        authors(&header, ""),
        (vec!["Maria Lopez".to_string()], Some("name-line".to_string()))
    );
    // Not without the date beside it.
    let header = format!("Home\n\nNews\n\n{TITLE}\n\nMaria Lopez");
    names_nobody(&header, "");
    // Date and name above the headline, a share bar between it and the body.
    let header =
        format!("Home\n\nNews\n\nMarch 3, 2025\n\nMaria Lopez\n\n{TITLE}\n\nShare\n\nTweet\n\nEmail\n\nPrint\n\nSave");
    assert_eq!(
        authors(&header, ""),
        (vec!["Maria Lopez".to_string()], Some("name-line".to_string()))
    );
}

#[test]
fn the_name_line_over_its_date_counts_without_a_headline() {
    // A headline that ends in a full stop is not lifted: the name line just above the body's
    // first kept block, beside its date, still names the author.
    let header = "Home\n\nNews\n\nCity council passes the new budget.\n\nMaria Lopez\n\nMarch 3, 2025";
    assert_eq!(
        authors(header, ""),
        (vec!["Maria Lopez".to_string()], Some("name-line".to_string()))
    );
    // Not without the date beside it.
    let header = "Home\n\nNews\n\nCity council passes the new budget.\n\nMaria Lopez";
    names_nobody(header, "");
}

/// Each line under the headline names Maria Lopez, found by `rule`.
fn name_maria_under_the_headline(lines: &[&str], rule: &str) {
    for line in lines {
        let header = format!("Home\n\nNews\n\n{TITLE}\n\n{line}");
        assert_eq!(
            authors(&header, ""),
            (vec!["Maria Lopez".to_string()], Some(rule.to_string())),
            "{line}"
        );
    }
}

#[test]
fn a_name_and_its_date_on_one_line_name_the_author() {
    name_maria_under_the_headline(
        &[
            "Maria Lopez • Updated on Mar 3, 2025 • 8 min read",
            "Maria Lopez March 3, 2025",
            "Maria Lopez | Mar 3, 2025",
        ],
        "name-line",
    );
    // Not without the date, nor a section label the page writes in lower case.
    let header = format!("Home\n\nNews\n\n{TITLE}\n\nMaria Lopez • Senior Reporter");
    names_nobody(&header, "");
    let header = format!("Home\n\n{TITLE}\n\nKey Takeaways • March 3, 2025");
    let lower = "The takeaways from the meeting are listed above.";
    names_nobody(&header, lower);
}

#[test]
fn a_byline_after_its_date_names_the_author() {
    name_maria_under_the_headline(
        &[
            "Published August 7, 2023 by Maria Lopez",
            "Posted on July 1, 2024 by Maria Lopez - 5 Comments",
            "March 3, 2025 · by Maria Lopez",
        ],
        "byline",
    );
    // A sentence that holds a date and a "by" is no byline: its date's label is too long.
    let header = format!("{TITLE}\n\nThe plan was approved on March 3, 2025 by Maria Lopez");
    names_nobody(&header, "");
}

#[test]
fn the_lines_that_name_the_author_with_a_date_date_the_dump() {
    // Too long for a date line: read as the byline it is.
    let line = "Posted on July 1, 2024 by Maria Lopez - 5 Comments on City council passes the new budget";
    let header = format!("Home\n\nNews\n\n{TITLE}\n\n{line}");
    assert_eq!(published(&header).0.as_deref(), Some("2024-07-01"));
}

#[test]
fn a_weekday_is_no_part_of_a_name_line() {
    // A site's date line above the headline reads like a name and its date.
    let header = format!("Almanac Saturday, December 20, 2025\n\n{TITLE}\n\nShare\n\nTweet\n\nEmail");
    names_nobody(&header, "");
    let header = format!("Home\n\n{TITLE}\n\nReleased Wednesday • March 3, 2025");
    names_nobody(&header, "");
}

#[test]
fn a_byline_too_long_for_the_byline_cue_still_names_and_dates() {
    // Sixteen words and more: the cue leaves the line to the rule for blocks before the article,
    // and provenance reads its label itself.
    let header = format!(
        "Home\n\nNews\n\n{TITLE}\n\nBy Maria Lopez – Updated Sep 9, 2025 at 1:00 PM EST | Fact-checked by John Smith\n\nShare Follow"
    );
    assert_eq!(
        authors(&header, ""),
        (vec!["Maria Lopez".to_string()], Some("byline".to_string()))
    );
    assert_eq!(provenance(&header, "").modified.as_deref(), Some("2025-09-09T13:00:00"));
    // A long line before the article that opens with no byline's label names nobody.
    let header = format!(
        "Home\n\nNews\n\n{TITLE}\n\nMaria Lopez and John Smith Updated Sep 9, 2025 at 1:00 PM EST | Fact-checked by the desk\n\nShare Follow"
    );
    names_nobody(&header, "");
}

#[test]
fn a_markdown_link_to_an_author_s_page_names_the_author() {
    let md = |header: &str| named(record("dump.md", &format!("{header}\n\n{BODY}\n")).provenance);
    // The first in the header: the author, then the reviewer; a label glued to the link.
    let header = format!(
        "# {TITLE}\n\nBy[Maria Lopez](https://example.org/author/maria/) | March 3, 2025\n\n\
         Reviewed by [Ann Lee, MD](https://example.org/author/ann-lee/)"
    );
    assert_eq!(
        md(&header),
        (vec!["Maria Lopez".to_string()], Some("author-link".to_string()))
    );
    // A line of more author links than a byline holds lists a site's authors.
    let list: Vec<String> = (b'A'..=b'Z')
        .flat_map(|a| (b'a'..=b'c').map(move |b| format!("{}{}", a as char, b as char)))
        .map(|name| format!("[Ann {name}](/author/{name}/)"))
        .collect();
    assert_eq!(md(&format!("# {TITLE}\n\n{}", list[..60].join(" "))).0.len(), 60);
    assert_eq!(md(&format!("# {TITLE}\n\n{}", list.join(" "))).0, Vec::<String>::new());
    // A link elsewhere is no author link: alone it names nobody; with its date beside it, the
    // line is a name line.
    let header = format!("# {TITLE}\n\n[Maria Lopez](https://example.org/people/maria/)");
    assert_eq!(md(&header).0, Vec::<String>::new());
    let header = format!("# {TITLE}\n\n[Maria Lopez](https://example.org/people/maria/) | March 3, 2025");
    assert_eq!(md(&header).1.as_deref(), Some("name-line"));
}

#[test]
fn a_dump_with_cr_or_unicode_line_ends_reads_as_with_lf() {
    let header = format!("Home\n\nNews\n\n{TITLE}\n\nBy Maria Lopez\n\nMarch 3, 2025");
    let lf = format!("{header}\n\n{BODY}\n");
    let read = |text: &str| {
        let record = record("dump.txt", text);
        (
            record.text,
            record.provenance.title,
            record.provenance.authors,
            record.provenance.published,
        )
    };
    let expected = read(&lf);
    assert_eq!(expected.2, ["Maria Lopez"]);
    for end in ["\r", "\u{2028}", "\r\n"] {
        assert_eq!(read(&lf.replace('\n', end)), expected, "{end:?}");
    }
}

#[test]
fn a_label_made_of_words_the_page_writes_in_lower_case_names_nobody() {
    // A menu's "By Industry", a section label between headline and date.
    let menu = format!("Solutions\n\nBy Industry\n\nBy Role\n\n{TITLE}\n\nMarch 3, 2025");
    let lower = "Every industry and every role in the town was represented.";
    names_nobody(&menu, lower);
    let label = format!("Home\n\n{TITLE}\n\nKey Takeaways\n\nMarch 3, 2025");
    let lower = "The takeaways from the meeting are listed above.";
    names_nobody(&label, lower);
}

#[test]
fn a_byline_that_carries_the_date_dates_the_dump() {
    let header = format!("{TITLE}\n\nBy Maria Lopez | May 19, 2024");
    assert_eq!(
        published(&header),
        (Some("2024-05-19".to_string()), Some("dateline".to_string()))
    );
}

#[test]
fn a_date_line_under_the_headline_counts_after_a_kept_standfirst() {
    let header = format!("Home\n\n{TITLE}\n\n{STANDFIRST}\n\nMarch 3, 2025");
    assert_eq!(published(&header).0.as_deref(), Some("2025-03-03"));
}

#[test]
fn a_date_line_under_a_kept_standfirst_counts_without_a_headline() {
    // The headline ends in a full stop, so none is lifted to count the header from: the date
    // line a few blocks into the body still dates it.
    let header = format!("Home\n\nCity council passes the new budget.\n\n{STANDFIRST}\n\nMarch 3, 2025");
    assert_eq!(published(&header).0.as_deref(), Some("2025-03-03"));
    // A date line after the body's paragraphs is not its header's (a teaser card's, a
    // comment's).
    let header = format!("Home\n\nCity council passes the new budget.\n\n{STANDFIRST}");
    assert_eq!(provenance(&header, "March 3, 2025").published, None);
    // Unless a label says it is the publication's, as a page's labelled date anywhere counts.
    let dated = provenance(&header, "Published: March 3, 2025");
    assert_eq!(dated.published.as_deref(), Some("2025-03-03"));
    // Not a sentence that opens with the label, nor a date further into the line.
    let sentence = "Published reports from March 3, 2025 say the lanes cut journeys by a quarter.";
    assert_eq!(provenance(&header, sentence).published, None);
}

#[test]
fn a_revision_s_date_comes_after_the_page_s_other_dates() {
    let both = format!("{TITLE}\n\nMarch 3, 2025\n\nUpdated May 2, 2025");
    assert_eq!(published(&both).0.as_deref(), Some("2025-03-03"));
    // The revision's date is when the page changed.
    assert_eq!(provenance(&both, "").modified.as_deref(), Some("2025-05-02"));
    let only = format!("{TITLE}\n\nUpdated May 2, 2025");
    assert_eq!(
        published(&only),
        (Some("2025-05-02".to_string()), Some("dateline:updated".to_string()))
    );
}

#[test]
fn the_first_line_names_the_dump_only_when_the_line_over_the_body_is_a_label() {
    // (header, title, rule). The `<title>` line has no `Headline - Site` parts and nothing
    // repeats it.
    let cases = [
        // The short line right above the body, lifted as its headline, shares no word with it.
        (
            format!("{TITLE}\n\nHome\n\nNews\n\nUse my current location"),
            TITLE,
            "title-line",
        ),
        // A lifted headline that shares a word with the first line stays the title.
        (
            format!("Budget day at the city council\n\nHome\n\nNews\n\n{TITLE}"),
            TITLE,
            "title",
        ),
        // A breadcrumb or a byline on the first line is no title.
        (format!("News / Europe\n\n{TITLE}"), TITLE, "title"),
        (format!("By Maria Gonzalez and Tom Reed\n\n{TITLE}"), TITLE, "title"),
        // Nor is a first line that runs on into a menu.
        (
            format!("Skip to main content\nHome\nWorld\nBusiness\n\n{TITLE}"),
            TITLE,
            "title",
        ),
    ];
    for (header, title, rule) in cases {
        let expected = (Some(title.to_string()), Some(rule.to_string()));
        assert_eq!(found(&header, "title"), expected, "{header}");
    }
}

#[test]
fn a_markdown_dump_s_first_line_is_no_title_line() {
    // Markdown dumps rarely start with the page's `<title>`: their first line is a menu's.
    let text = format!("{TITLE}\n\nHome\n\nNews\n\nUse my current location\n\n{BODY}\n");
    let provenance = record("dump.md", &text).provenance;
    assert_ne!(provenance.title.as_deref(), Some(TITLE));
}
