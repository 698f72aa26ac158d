//! Named rules on whole documents: each mechanism fires where it should and nowhere else.

fn clean_text(name: &str, text: &str) -> pith::Record {
    let options = pith::Options::default();
    let source = pith::input::decode(name, text.as_bytes().to_vec(), &options.read).unwrap_or_else(|e| panic!("{e}"));
    pith::clean(&source)
}

#[path = "common/article.rs"]
mod article;
use article::OPENING;

#[test]
fn a_sentence_opening_with_the_comments_word_does_not_end_the_article() {
    let text = format!(
        "{OPENING}Comments from the transport minister came late on Friday, after the decision.\n\n\
         The minister said the closure was regrettable but necessary, and promised that buses would run more often.\n\n\
         Comments\n\nLeave a comment\n\nBe the first to comment on this story.\n"
    );
    let r = clean_text("bridge.txt", &text);
    assert!(r.text.contains("Comments from the transport minister"), "{}", r.text);
    assert!(r.text.contains("buses would run more often"), "{}", r.text);
    assert!(!r.text.contains("Leave a comment"), "{}", r.text);
}

#[test]
fn a_comments_header_still_ends_the_article() {
    let text = format!("{OPENING}34 Comments\n\nI drive that way every day and this is a disaster for all of us.\n");
    let r = clean_text("bridge.txt", &text);
    assert!(r.text.contains("water getting into the deck"), "{}", r.text);
    assert!(!r.text.contains("disaster for all of us"), "{}", r.text);
}

#[test]
fn soft_hyphens_are_left_out_of_the_body_and_kept_in_the_ledger() {
    let text = format!("{OPENING}The Donau\u{ad}dampf\u{ad}schiff company said it would add sailings.\n");
    let r = clean_text("bridge.txt", &text);
    assert!(r.text.contains("Donaudampfschiff company"), "{}", r.text);
    let restored: String = r.segments.iter().filter_map(|s| s.text.as_deref()).collect();
    assert_eq!(restored, text);
}

#[test]
fn a_page_flattened_to_one_line_keeps_its_body_whatever_phrases_it_holds() {
    let body = "The harbour reopened on Monday after three weeks of repairs to the sea wall, the port authority said. "
        .repeat(40);
    let text = format!("{body} Donate now to support our journalism. Become a member today. {body}\n");
    let r = clean_text("flat.txt", &text);
    assert!(
        r.text.contains("Become a member today"),
        "{}",
        &r.text[..200.min(r.text.len())]
    );
    assert!(r.text.len() > 8_000);
}

#[test]
fn an_appeal_paragraph_after_the_article_still_goes() {
    let text = format!("{OPENING}Donate now to support our journalism. Become a member today.\n");
    let r = clean_text("bridge.txt", &text);
    assert!(r.text.contains("water getting into the deck"), "{}", r.text);
    assert!(!r.text.contains("Donate now"), "{}", r.text);
}

#[test]
fn a_one_letter_word_of_the_page_language_is_not_a_drop_cap() {
    // Czech "s" (with) and "k" (to) are words: "S blížícím" must not become "Sblížícím".
    let czech = "S blížícím se koncem roku rostou ceny potravin v obchodech po celé zemi a lidé nakupují méně než loni.\n\n\
                 K tomu se přidávají vyšší ceny energií, které podle statistického úřadu dopadají hlavně na domácnosti s dětmi.\n\n\
                 Vláda proto chystá balíček opatření, o kterém bude sněmovna jednat ještě před koncem listopadu letošního roku.\n";
    let r = clean_text("ceny.txt", czech);
    assert!(r.text.starts_with("S blížícím se koncem roku"), "{}", r.text);
    assert!(r.text.contains("\n\nK tomu se přidávají"), "{}", r.text);
    // Russian "в" (in), at the start of a paragraph as "В".
    let russian =
        "В Москве открылся новый мост через реку, который соединил два района города после трёх лет стройки.\n\n\
                   По словам мэрии, движение по мосту будет открыто для всех видов транспорта уже с понедельника.\n";
    let r = clean_text("most.txt", russian);
    assert!(r.text.starts_with("В Москве открылся"), "{}", r.text);
    // An English page has no one-letter word "S": a split initial there is a drop cap.
    let english =
        format!("S ome of the roads will stay open during the works, the council said on Friday.\n\n{OPENING}");
    let r = clean_text("bridge.txt", &english);
    assert!(r.text.starts_with("Some of the roads"), "{}", r.text);
}
