//! Text dumps: the title line a dump starts with (`Headline - Site`) gives the title, and a
//! run of teasers above the headline the page prints, or teaser cards below the article, are not the article.

use pith::rule::Rule;
use std::path::Path;

#[test]
fn the_headline_below_the_title_line_starts_the_article() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/title-line.txt");
    let record = pith::clean_path(&path, &pith::Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let p = &record.provenance;
    assert_eq!(
        p.title.as_deref(),
        Some("Harbour Bridge Reopens After Two Years of Repairs")
    );
    assert_eq!(p.outlet.as_deref(), Some("Coastline Daily"));
    assert!(
        record.text.starts_with("The harbour bridge reopened"),
        "{}",
        record.text
    );
    assert!(
        !record.text.contains("Council Approves"),
        "a teaser above the headline was kept"
    );
    let rules: Vec<&str> = record.segments.iter().map(|s| s.rule.id()).collect();
    assert_eq!(rules.first(), Some(&"title-line"));
    assert_eq!(rules.iter().filter(|r| **r == "title").count(), 1);
}

#[test]
fn a_first_sentence_is_not_a_title_line() {
    let text = b"The harbour bridge reopened on Monday, two years after it closed - officials said.\n\nMore text follows here in a second paragraph that is long enough to count as prose.\n".to_vec();
    let source =
        pith::input::decode("dump.txt", text, &pith::input::ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let record = pith::clean(&source);
    assert!(record.segments.iter().all(|s| s.rule != Rule::TitleLine));
    assert!(record.text.starts_with("The harbour bridge reopened"));
}

#[test]
fn teaser_cards_below_an_article_in_a_text_dump_go() {
    // Headline, author, date, summary, three times below the article: a teaser list, even
    // with one headline that ends like a sentence.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/teaser-cards.txt");
    let record = pith::clean_path(&path, &pith::Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(record.text.contains("painting the frame"), "{}", record.text);
    for gone in ["ferry company", "reading room", "Harbour festival", "Jane Holt"] {
        assert!(!record.text.contains(gone), "{gone:?} stayed: {}", record.text);
    }
    for summary in ["The ferry company", "After a year", "The festival will"] {
        let segment = record
            .segments
            .iter()
            .find(|s| s.text.as_deref().is_some_and(|t| t.starts_with(summary)));
        assert!(
            segment.is_some_and(|s| s.reason.starts_with("teaser card")),
            "{summary:?}: {segment:?}"
        );
    }
}

#[test]
fn a_line_of_network_names_is_a_share_bar() {
    let text = "The harbour bridge reopened to traffic on Monday morning, two years after engineers closed it because of cracks.\n\nWhatsapp Facebook Pint Baixar\n\nResidents walked across the span before the first cars were allowed on, and the mayor thanked the workers.\n\nFacebook Twitter Email\n";
    let source = pith::input::decode(
        "dump.txt",
        text.as_bytes().to_vec(),
        &pith::input::ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let record = pith::clean(&source);
    assert!(!record.text.contains("Whatsapp"), "{}", record.text);
    assert!(!record.text.contains("Twitter"), "{}", record.text);
    let shares = record.segments.iter().filter(|s| s.rule == Rule::Share).count();
    assert_eq!(shares, 2);
    assert!(record.text.contains("Residents walked"));
}

/// Cleans a markdown dump with default options.
fn clean_markdown(page: &str) -> pith::Record {
    let options = pith::Options::default();
    match pith::input::decode("page.md", page.as_bytes().to_vec(), &options.read) {
        Ok(source) => pith::clean(&source),
        Err(e) => panic!("{e}"),
    }
}

const STORY: &str = "he company said on Monday that the harbour would reopen after three weeks of \
    repairs to the sea wall, which storms had broken in two places last winter.\n\nOfficials said \
    more than forty ships were expected by the end of the week, and that traffic would return to \
    normal within a month, as it did after the last repairs.\n";

#[test]
fn a_drop_cap_scraped_as_its_own_paragraph_goes_back_on_its_word() {
    for (letter, word) in [("T", "The company"), ("**T**", "The company")] {
        let page = format!("# Harbour reopens after repairs\n\n{letter}\n\n{STORY}");
        let record = clean_markdown(&page);
        assert!(record.text.starts_with(word), "{letter}: {:?}", record.text);
        assert!(
            record.markdown.starts_with(&format!("{letter}he company")),
            "{:?}",
            record.markdown
        );
        let cap = record
            .segments
            .iter()
            .find(|s| s.text.as_deref().is_some_and(|t| t.trim() == letter));
        assert!(cap.is_some_and(|s| s.keep), "{:?}", record.segments);
        assert_eq!(record.restore().ok().as_deref(), Some(page.as_bytes()));
    }
}

#[test]
fn a_one_letter_word_or_an_initial_before_its_own_name_is_no_drop_cap() {
    // "A" is an English word; "F" before "felixen" is an avatar's initial.
    for (letter, rest) in [("A", "he company"), ("T", "the company")] {
        let story = STORY.replacen("he company", rest, 1);
        let page = format!("# Harbour reopens after repairs\n\n{letter}\n\n{story}");
        let record = clean_markdown(&page);
        assert!(record.text.starts_with(rest), "{letter}: {:?}", record.text);
        assert!(!record.markdown.starts_with(letter), "{:?}", record.markdown);
    }
}

#[test]
fn a_copyright_line_names_its_owner_not_itself() {
    let body = "The council passed the budget on Monday after a debate that lasted six hours.\n\n\
                The vote was seven to two, with the two members against asking for more time.\n\n\
                © Copyright Accruent. All rights reserved.\n";
    let record = pith::Extractor::builder()
        .build()
        .extract("page.txt", body)
        .unwrap_or_else(|e| panic!("{e}"));
    // Was "Copyright Accruent" (the pattern's own word and the sentence after the name).
    assert_eq!(record.provenance.outlet.as_deref(), Some("Accruent"));
    let evidence = &record.provenance.evidence["outlet"];
    assert_eq!(evidence.rule, "outlet-self-naming");
}
