//! A byline names the same person whether it comes as a line of a dump or an element of a page:
//! pith has one name check (`text::names`).

fn authors(name: &str, input: &str) -> Vec<String> {
    let record = pith::Extractor::builder()
        .build()
        .extract(name, input.as_bytes())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    record.provenance.authors
}

const SENTENCE: &str = "The minister said on Tuesday that the plan would go ahead despite the \
                        objections raised by several regional governments during the consultation.";

#[test]
fn a_byline_with_a_particle_names_its_author_in_a_dump_and_in_a_page() {
    let text = format!("By Maria dos Santos\n\n{SENTENCE}\n");
    let html = format!(
        "<html><body><article><p class=\"byline\">By Maria dos Santos</p><p>{SENTENCE}</p></article></body></html>"
    );
    assert_eq!(authors("story.txt", &text), vec!["Maria dos Santos".to_string()]);
    assert_eq!(authors("story.html", &html), vec!["Maria dos Santos".to_string()]);
}

#[test]
fn a_label_in_a_byline_slot_is_no_author_in_either() {
    let text = format!("By Contact Form: Click Here\n\n{SENTENCE}\n");
    assert!(authors("story.txt", &text).is_empty());
}
