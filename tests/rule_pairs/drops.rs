//! The named drops: for each rule that drops a span, an input where it fires and one where it does not.

use super::*;

pub(super) const TITLE_LINE: &str = "Bridge to close for six weeks of repairs - City Gazette";

#[test]
pub(super) fn title_line_drops_a_dumps_first_line_with_the_site_name() {
    let r = clean(
        "bridge.txt",
        &dump(
            &format!("{TITLE_LINE}\n\nBridge to close for six weeks of repairs"),
            "",
            "",
        ),
    );
    assert_rule(&r, "City Gazette", Rule::TitleLine);
    assert_rule(&r, "Bridge to close", Rule::TitleLine);
    let headline = r
        .segments
        .get(1)
        .map(|s| (s.rule, s.text.as_deref().unwrap_or_default().trim()));
    assert_eq!(
        headline,
        Some((Rule::Title, "Bridge to close for six weeks of repairs"))
    );
}

#[test]
pub(super) fn title_line_leaves_a_first_line_without_the_site_name_or_a_repeat() {
    let r = clean("bridge.txt", &dump("Bridge to close for six weeks of repairs", "", ""));
    assert_not_rule(&r, "Bridge to close", Rule::TitleLine);
}

#[test]
pub(super) fn appeal_drops_a_donation_line_after_the_article() {
    let r = clean("bridge.txt", &dump("", "", "Donate now to support our journalism."));
    assert_rule(&r, "Donate now", Rule::Appeal);
}

#[test]
pub(super) fn appeal_leaves_a_long_paragraph_that_uses_the_words() {
    let paragraph = "The charity asked residents who donate now and then to give to the flood fund instead, \
                     because the bridge appeal had already raised more money than it needed for the year.";
    let r = clean("bridge.txt", &dump("", paragraph, ""));
    assert_rule(&r, "donate now and then", Rule::Body);
}

#[test]
pub(super) fn byline_drops_a_line_naming_the_authors() {
    let r = clean("bridge.txt", &dump("By Jane Doe and John Roe", "", ""));
    assert_rule(&r, "By Jane Doe", Rule::Byline);
}

#[test]
pub(super) fn byline_leaves_a_sentence_that_opens_with_by() {
    let sentence = "By Jane Doe's account, the bridge has been closing for years, ever since the first cracks \
                    were found in the deck.";
    let r = clean("bridge.txt", &dump("", sentence, ""));
    assert_rule(&r, "By Jane Doe", Rule::Body);
}

#[test]
pub(super) fn dateline_drops_a_line_that_is_a_date() {
    let r = clean("bridge.txt", &dump("February 13, 2025", "", ""));
    assert_rule(&r, "February 13, 2025", Rule::Dateline);
}

#[test]
pub(super) fn dateline_leaves_a_sentence_that_holds_a_date() {
    let r = clean(
        "bridge.txt",
        &dump("", "The first closure came on February 13, 2025.", ""),
    );
    assert_rule(&r, "February 13, 2025", Rule::Body);
}

#[test]
pub(super) fn related_drops_a_link_line_inside_the_article() {
    let r = clean(
        "bridge.md",
        &dump(
            "",
            "[Bridge closures across the region this winter](https://example.com/closures)",
            "",
        ),
    );
    assert_rule(&r, "Bridge closures across the region", Rule::Related);
}

#[test]
pub(super) fn related_leaves_the_same_line_without_its_link() {
    let r = clean(
        "bridge.md",
        &dump("", "Bridge closures across the region this winter", ""),
    );
    assert_rule(&r, "Bridge closures across the region", Rule::Body);
}

#[test]
pub(super) fn related_drops_three_headlines_in_a_row() {
    let teasers = "Ring road to be widened\n\nNew buses for the north bank\n\nCity budget approved";
    let r = clean("bridge.txt", &dump("", teasers, ""));
    for headline in teasers.split("\n\n") {
        assert_rule(&r, headline, Rule::Related);
    }
}

#[test]
pub(super) fn related_leaves_two_headlines_in_a_row() {
    let teasers = "Ring road to be widened\n\nNew buses for the north bank";
    let r = clean("bridge.txt", &dump("", teasers, ""));
    for headline in teasers.split("\n\n") {
        assert_rule(&r, headline, Rule::Body);
    }
}

#[test]
pub(super) fn related_drops_a_box_the_page_names_related() {
    let r = clean(
        "bridge.html",
        &page("", "", "<aside class=\"related\"><p>Ring road to be widened next year, the council says in its budget plans.</p></aside>"),
    );
    assert_rule(&r, "Ring road to be widened", Rule::Related);
}

#[test]
pub(super) fn related_leaves_the_same_box_named_as_the_story() {
    let r = clean(
        "bridge.html",
        &page("", "", "<div class=\"story\"><p>Ring road to be widened next year, the council says in its budget plans.</p></div>"),
    );
    assert_not_rule(&r, "Ring road to be widened", Rule::Related);
}

#[test]
pub(super) fn media_drops_a_caption_that_ends_in_a_photo_credit() {
    let r = clean(
        "bridge.txt",
        &dump("", "The bridge at dawn on Friday. Jane Doe/Reuters", ""),
    );
    assert_rule(&r, "The bridge at dawn", Rule::Media);
}

#[test]
pub(super) fn media_leaves_a_sentence_that_names_the_photographer() {
    let r = clean(
        "bridge.txt",
        &dump(
            "",
            "The bridge at dawn on Friday, photographed by Jane Doe of Reuters.",
            "",
        ),
    );
    assert_rule(&r, "The bridge at dawn", Rule::Body);
}

#[test]
pub(super) fn media_drops_a_figure_caption() {
    let figure = "<figure><img src=\"/bridge.jpg\" alt=\"\"><figcaption>The bridge at dawn on Friday, seen from the \
                  north bank of the river.</figcaption></figure>";
    let r = clean("bridge.html", &page("", figure, ""));
    assert_rule(&r, "The bridge at dawn", Rule::Media);
}

#[test]
pub(super) fn media_leaves_the_same_words_as_a_paragraph() {
    let paragraph = "<p>The bridge at dawn on Friday, seen from the north bank of the river.</p>";
    let r = clean("bridge.html", &page("", paragraph, ""));
    assert_rule(&r, "The bridge at dawn", Rule::Body);
}

#[test]
pub(super) fn navigation_drops_three_short_lines_above_the_article() {
    let r = clean("bridge.txt", &dump("World\n\nSport\n\nBusiness", "", ""));
    for item in ["World", "Sport", "Business"] {
        assert_rule(&r, item, Rule::Navigation);
    }
}

#[test]
pub(super) fn navigation_leaves_two_short_lines_above_the_article() {
    let r = clean("bridge.txt", &dump("World\n\nSport", "", ""));
    for item in ["World", "Sport"] {
        assert_not_rule(&r, item, Rule::Navigation);
    }
}

#[test]
pub(super) fn navigation_drops_a_breadcrumb_above_the_article() {
    let r = clean("bridge.txt", &dump("News / World / Europe", "", ""));
    assert_rule(&r, "News / World", Rule::Navigation);
}

#[test]
pub(super) fn navigation_leaves_a_sentence_with_slashes() {
    let sentence = "Buses run every ten minutes on the north / south line, the council said.";
    let r = clean("bridge.txt", &dump("", sentence, ""));
    assert_rule(&r, "north / south", Rule::Body);
}

pub(super) const MENU: &str =
    "<ul><li><a href=\"/world\">World news</a></li><li><a href=\"/sport\">Sport results</a></li></ul>";

#[test]
pub(super) fn navigation_drops_a_nav_element() {
    let r = clean("bridge.html", &page("", &format!("<nav>{MENU}</nav>"), ""));
    assert_rule(&r, "Sport results", Rule::Navigation);
}

#[test]
pub(super) fn navigation_leaves_the_same_links_outside_a_nav_element() {
    // Links inside the article's run of prose are related links, not the site's menu.
    let r = clean("bridge.html", &page("", MENU, ""));
    assert_not_rule(&r, "Sport results", Rule::Navigation);
}

#[test]
pub(super) fn navigation_drops_a_box_whose_class_reads_as_furniture() {
    let r = clean(
        "bridge.html",
        &page(&format!("<div class=\"skip-item\">{MENU}</div>"), "", ""),
    );
    assert_rule(&r, "Sport results", Rule::Navigation);
}

#[test]
pub(super) fn navigation_leaves_the_article_whose_wrapper_class_reads_as_furniture() {
    // Failure class 2 of issue 9: the article in sibling boxes of one class that reads as
    // furniture (each too small a share of the page to count as its layout), together most of
    // its prose, is the article. No page-type model: this small page is read as the article
    // it declares.
    let boxes: String = OPENING
        .split("\n\n")
        .filter(|p| !p.is_empty())
        .chain([CLOSING.trim()])
        .map(|p| format!("<div class=\"skip-item\"><p>{p}</p></div>\n"))
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Bridge to close</title>\
         <meta property=\"og:type\" content=\"article\"></head>\n<body>\n<div class=\"skip-item\">{MENU}</div>\n\
         <h1>Bridge to close for six weeks of repairs</h1>\n{boxes}</body></html>\n"
    );
    let mut options = options();
    options.models = Some(Arc::new(pith::classify::model::Models::default()));
    let r = clean_with("bridge.html", &html, &options);
    assert_rule(&r, "regrettable but necessary", Rule::Body);
    assert_rule(&r, "Sport results", Rule::Navigation);
}

#[test]
pub(super) fn share_drops_a_line_of_network_names() {
    let r = clean("bridge.txt", &dump("", "", "Facebook Twitter WhatsApp Email"));
    assert_rule(&r, "Facebook Twitter", Rule::Share);
}

#[test]
pub(super) fn share_leaves_a_sentence_that_names_networks() {
    let r = clean(
        "bridge.txt",
        &dump("", "", "Facebook and Twitter users shared photos of the queues."),
    );
    assert_not_rule(&r, "Facebook and Twitter", Rule::Share);
}

#[test]
pub(super) fn source_footer_drops_where_the_story_first_appeared() {
    let r = clean(
        "bridge.txt",
        &dump("", "", "This story first appeared on the City Gazette."),
    );
    assert_rule(&r, "first appeared", Rule::SourceFooter);
}

#[test]
pub(super) fn source_footer_leaves_a_paragraph_that_tells_where_it_appeared() {
    let paragraph = "Readers will know that this story first appeared on the City Gazette in the spring, when the \
                     inspectors wrote their report on the cracks and the council decided to wait for the summer.";
    let r = clean("bridge.txt", &dump("", paragraph, ""));
    assert_rule(&r, "first appeared", Rule::Body);
}

#[test]
pub(super) fn legal_drops_a_copyright_line() {
    let r = clean("bridge.txt", &dump("", "", "© 2025 City Gazette. All rights reserved."));
    assert_rule(&r, "All rights reserved", Rule::Legal);
}

#[test]
pub(super) fn legal_leaves_a_paragraph_that_uses_the_words() {
    let paragraph = "The engineers said the plans were drawn up years ago and all rights reserved by the old \
                     contractor had lapsed, so the council could award the work to a local firm instead of waiting.";
    let r = clean("bridge.txt", &dump("", paragraph, ""));
    assert_rule(&r, "all rights reserved", Rule::Body);
}

#[test]
pub(super) fn comments_drops_the_section_below_its_header() {
    let comments = "34 Comments\n\nI drive that way every day and this is a disaster for all of us.";
    let r = clean("bridge.txt", &dump("", "", comments));
    assert_rule(&r, "34 Comments", Rule::Comments);
    assert_rule(&r, "a disaster for all of us", Rule::Comments);
}

/// A post shorter than the usual article, with a thread under it.
pub(super) const SHORT_POST: &str = "Our quarterly open thread gives readers a place to raise questions about \
                          our research in the comments below, and we answer them here.";

#[test]
pub(super) fn comments_drops_a_dated_thread_under_a_short_post() {
    let text = format!(
        "{SHORT_POST}\n\nPosted in Open thread | 2 Comments\n\nMilan Griffes on September 12, 2018 at 4:47 pm said:\n\n\
         Any update on how the new follow-up paper will affect your recommendation this year?\n"
    );
    let r = clean("thread.txt", &text);
    assert_rule(&r, "Any update on how the new follow-up paper", Rule::Comments);
    assert!(r.text.contains("quarterly open thread"), "{}", r.text);
}

#[test]
pub(super) fn comments_leaves_prose_after_a_comment_count_under_a_short_opening() {
    let text = format!(
        "{SHORT_POST}\n\n124 Comments\n\nWeb design is the creation of digital environments that facilitate and \
         encourage human activity, and reflect or adapt to individual voices and content.\n"
    );
    let r = clean("essay.txt", &text);
    assert_rule(&r, "Web design is the creation of digital environments", Rule::Body);
}

#[test]
pub(super) fn comments_leaves_a_sentence_that_opens_with_the_word() {
    let r = clean(
        "bridge.txt",
        &dump(
            "",
            "Comments from the transport minister came late on Friday, after the decision.",
            "",
        ),
    );
    assert_rule(&r, "Comments from the transport minister", Rule::Body);
}

#[test]
pub(super) fn comments_drops_the_section_below_a_header_that_is_the_cue() {
    let comments = "Comments Restacks\n\nI drive that way every day and this is a disaster for all of us.";
    let r = clean("bridge.txt", &dump("", "", comments));
    assert_rule(&r, "I drive that way every day", Rule::Comments);
}

#[test]
pub(super) fn comments_leaves_the_article_after_a_subheading_that_opens_with_the_word() {
    // Issue 9, failure class 7: a subheading of the article that opens with the cue word.
    let inside = "Comment engagement score (0-50 points)\n\nArticles are also scored on how many comments \
                  they get, since a post that starts a discussion has usually said something worth reading.";
    let r = clean("scoring.txt", &dump("", inside, ""));
    assert_rule(&r, "Articles are also scored on how many comments", Rule::Body);
}

#[test]
pub(super) fn comments_drops_a_box_the_page_names_comments() {
    let r = clean(
        "bridge.html",
        &page("", "", "<div id=\"comments\"><p>I drive that way every day and this closure is a disaster for all of us who live here.</p></div>"),
    );
    assert_rule(&r, "a disaster for all of us", Rule::Comments);
}

#[test]
pub(super) fn comments_leaves_the_same_words_quoted_in_the_article() {
    let r = clean(
        "bridge.html",
        &page("", "<p>I drive that way every day and this closure is a disaster for all of us who live here, one resident said.</p>", ""),
    );
    assert_rule(&r, "a disaster for all of us", Rule::Body);
}

#[test]
pub(super) fn outside_article_drops_a_short_line_below_the_article() {
    let r = clean("bridge.txt", &dump("", "", "The weather will be dry."));
    assert_rule(&r, "The weather will be dry", Rule::OutsideArticle);
}

#[test]
pub(super) fn outside_article_leaves_the_same_line_between_paragraphs() {
    let r = clean("bridge.txt", &dump("", "The weather will be dry.", ""));
    assert_rule(&r, "The weather will be dry", Rule::Body);
}

pub(super) const BIO: &str = "Jane Doe is a staff writer at the City Gazette";

#[test]
pub(super) fn author_bio_drops_a_biography_after_the_article() {
    let r = clean(
        "bridge.txt",
        &dump("", "", &format!("{BIO}, where she covers transport.")),
    );
    assert_rule(&r, BIO, Rule::AuthorBio);
}

#[test]
pub(super) fn author_bio_leaves_a_long_paragraph_early_in_the_article() {
    let paragraph = format!(
        "{BIO}, and she has covered the bridge, its cracks, its repairs and the arguments about who should \
         pay for them since the first inspection in the spring."
    );
    // Second of five paragraphs: above the article's middle.
    let (first, rest) = OPENING.split_once("\n\n").unwrap_or((OPENING, ""));
    let r = clean("bridge.txt", &format!("{first}\n\n{paragraph}\n\n{rest}{CLOSING}"));
    assert_rule(&r, BIO, Rule::Body);
}

pub(super) const REPEATED: &str = "Traffic will be diverted through the eastern ring road.";

#[test]
pub(super) fn repeated_on_page_drops_a_paragraph_printed_twice() {
    let r = clean("bridge.txt", &dump("", REPEATED, REPEATED));
    let rules: Vec<Rule> = r
        .segments
        .iter()
        .filter(|s| s.text.as_deref().is_some_and(|t| t.contains(REPEATED)))
        .map(|s| s.rule)
        .collect();
    assert_eq!(rules, [Rule::RepeatedOnPage, Rule::RepeatedOnPage], "{}", ledger(&r));
}

#[test]
pub(super) fn repeated_on_page_leaves_a_paragraph_printed_once() {
    let other = REPEATED.replace("eastern", "western");
    let r = clean("bridge.txt", &dump("", REPEATED, &other));
    assert_rule(&r, REPEATED, Rule::Body);
    assert_rule(&r, &other, Rule::Body);
}
