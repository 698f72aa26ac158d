//! Authors of text dumps, which carry no metadata: a byline line or a label alone over the
//! names, the name line between a headline and its date, and the menus and section labels that
//! look like either.

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

/// The record's authors and the rule that found them.
fn authors(header: &str, after: &str) -> (Vec<String>, Option<String>) {
    let dump = format!("{header}\n\n{BODY}\n\n{after}\n");
    let record = Extractor::builder()
        .build()
        .extract("dump.txt", dump)
        .unwrap_or_else(|e| panic!("{e}"));
    let rule = record.provenance.evidence.get("authors").map(|e| e.rule.clone());
    (record.provenance.authors, rule)
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
    assert_eq!(authors(&header, "").0, Vec::<String>::new());
}

#[test]
fn a_label_made_of_words_the_page_writes_in_lower_case_names_nobody() {
    // A menu's "By Industry", a section label between headline and date.
    let menu = format!("Solutions\n\nBy Industry\n\nBy Role\n\n{TITLE}\n\nMarch 3, 2025");
    let lower = "Every industry and every role in the town was represented.";
    assert_eq!(authors(&menu, lower).0, Vec::<String>::new());
    let label = format!("Home\n\n{TITLE}\n\nKey Takeaways\n\nMarch 3, 2025");
    let lower = "The takeaways from the meeting are listed above.";
    assert_eq!(authors(&label, lower).0, Vec::<String>::new());
}
