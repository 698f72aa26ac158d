//! Every rule, a pair: a small input where the rule claims a span, and a near-identical one
//! where it does not. Each test names the span by a phrase and reads its rule from the
//! record's ledger (`record.segments`), through the public API only.
//!
//! The classifier's rules are tested with `rules_only` options, so that a test pins the rule
//! and not the block model (which decides only on pages of 20 blocks or more anyway). The rules
//! the classifier does not give are tested where they are made: `markup` and `whitespace` by
//! the ledger, `model` by the block model (a stump model, as in `tests/model.rs`),
//! `repeated-in-outlet` by learned outlet boilerplate (`--learn`), `table` by `--no-tables`.
//! `every_rule_has_a_pair` fails when a rule has no pair, and `pairs` does not compile until a
//! new rule is given one.

use std::sync::Arc;

use pith::rule::Rule;

fn options() -> pith::Options {
    let mut options = pith::Options::default();
    options.rules_only = true;
    options
}

fn source(name: &str, text: &str) -> pith::Source {
    pith::input::decode(name, text.as_bytes().to_vec(), &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn clean(name: &str, text: &str) -> pith::Record {
    clean_with(name, text, &options())
}

fn clean_with(name: &str, text: &str, options: &pith::Options) -> pith::Record {
    pith::clean_with(&source(name, text), options)
}

/// The ledger, one segment a line, for a failing assertion's message.
fn ledger(record: &pith::Record) -> String {
    record
        .segments
        .iter()
        .map(|s| format!("{:>18} {:?}\n", s.rule.id(), visible(s)))
        .collect()
}

/// What a segment shows a reader: an HTML block's text, a dump's own bytes.
fn visible(segment: &pith::Segment) -> &str {
    segment
        .content
        .as_deref()
        .or(segment.text.as_deref())
        .unwrap_or_default()
}

/// The rule of the first segment that holds `phrase`.
fn rule_of(record: &pith::Record, phrase: &str) -> Rule {
    record
        .segments
        .iter()
        .find(|s| visible(s).contains(phrase))
        .map(|s| s.rule)
        .unwrap_or_else(|| panic!("no segment holds {phrase:?}:\n{}", ledger(record)))
}

/// Asserts that the span holding `phrase` is claimed by `rule`.
#[track_caller]
fn assert_rule(record: &pith::Record, phrase: &str, rule: Rule) {
    let found = rule_of(record, phrase);
    assert_eq!(found, rule, "{phrase:?} is {found}, not {rule}:\n{}", ledger(record));
}

/// Asserts that no segment holding `phrase` is claimed by `rule`, and that one holds it.
#[track_caller]
fn assert_not_rule(record: &pith::Record, phrase: &str, rule: Rule) {
    let found = rule_of(record, phrase);
    let any = record
        .segments
        .iter()
        .any(|s| visible(s).contains(phrase) && s.rule == rule);
    assert!(
        !any,
        "{phrase:?} is {found}, and {rule} should not claim it:\n{}",
        ledger(record)
    );
}

#[path = "common/article.rs"]
mod article;
use article::OPENING;

/// A closing paragraph, for inputs where a span sits between paragraphs.
const CLOSING: &str = "The minister said the closure was regrettable but necessary, and promised that buses \
would run more often on the routes that cross the river until the work is finished.\n";

/// An HTML article page: `before` above the article's container, `inside` between its
/// paragraphs, `after` below it.
fn page(before: &str, inside: &str, after: &str) -> String {
    let paragraphs: Vec<String> = OPENING
        .split("\n\n")
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    let (first, rest) = paragraphs.split_first().map_or(("", &[][..]), |(f, r)| (f.as_str(), r));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge to close</title>\
         <meta property=\"og:type\" content=\"article\"><meta property=\"og:site_name\" content=\"City Gazette\"></head>\n<body>\n{before}\n<article>\n\
         <h1>Bridge to close for six weeks of repairs</h1>\n{first}\n{inside}\n{}\n<p>{}</p>\n</article>\n{after}\n</body></html>\n",
        rest.join("\n"),
        CLOSING.trim()
    )
}

/// A dump, one block a paragraph: `before` the article, `inside` between its third and last
/// paragraphs, `after` it.
fn dump(before: &str, inside: &str, after: &str) -> String {
    let block = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!("{s}\n\n")
        }
    };
    let after = if after.is_empty() {
        String::new()
    } else {
        format!("\n{after}\n")
    };
    format!("{}{OPENING}{}{CLOSING}{after}", block(before), block(inside))
}

// Body and Title: the rules that keep a span (or lift it into provenance).

#[test]
fn body_keeps_a_paragraph_of_prose() {
    let r = clean("bridge.txt", &dump("", "", ""));
    assert_rule(&r, "buses would run more often", Rule::Body);
    assert!(r.text.contains("buses would run more often"), "{}", r.text);
}

#[test]
fn body_does_not_keep_the_same_words_as_a_link_line() {
    let linked = format!("[{}](https://example.com/buses)", CLOSING.trim());
    let r = clean("bridge.md", &format!("{OPENING}{linked}\n"));
    assert_not_rule(&r, "buses would run more often", Rule::Body);
    assert!(!r.text.contains("buses would run more often"), "{}", r.text);
}

#[test]
fn title_lifts_a_short_unpunctuated_line_above_the_article() {
    let r = clean("bridge.txt", &dump("Bridge to close for six weeks of repairs", "", ""));
    assert_rule(&r, "Bridge to close for six weeks", Rule::Title);
    assert_eq!(
        r.provenance.title.as_deref(),
        Some("Bridge to close for six weeks of repairs")
    );
}

#[test]
fn title_lifts_a_top_heading_at_the_start_of_the_body() {
    // A kept standfirst before the headline: the heading is the body's second block.
    let standfirst = "Drivers face long detours across the river while engineers replace the \
                      bearings of the old steel bridge.";
    let md = format!("{standfirst}\n\n# Bridge to close for six weeks of repairs\n\n{OPENING}{CLOSING}");
    let r = clean("bridge.md", &md);
    assert_rule(&r, "Bridge to close for six weeks", Rule::Title);
    assert_eq!(
        r.provenance.title.as_deref(),
        Some("Bridge to close for six weeks of repairs")
    );
}

#[test]
fn title_leaves_a_top_heading_deep_in_the_body() {
    let md = format!("{OPENING}# Bridge to close for six weeks of repairs\n\n{CLOSING}");
    let r = clean("bridge.md", &md);
    assert_not_rule(&r, "Bridge to close for six weeks", Rule::Title);
}

#[test]
fn title_leaves_a_line_that_ends_like_a_sentence() {
    let r = clean("bridge.txt", &dump("Bridge to close for six weeks of repairs.", "", ""));
    assert_not_rule(&r, "Bridge to close for six weeks", Rule::Title);
}

#[test]
fn title_lifts_a_page_headline_from_the_article() {
    let r = clean("bridge.html", &page("", "", ""));
    assert_rule(&r, "Bridge to close for six weeks", Rule::Title);
}

#[test]
fn title_leaves_a_subheading_inside_the_article() {
    let r = clean("bridge.html", &page("", "<h2>Buses across the river</h2>", ""));
    assert_rule(&r, "Bridge to close for six weeks", Rule::Title);
    assert_not_rule(&r, "Buses across the river", Rule::Title);
}

// The named drops: in `rule_pairs/drops.rs`.

#[path = "rule_pairs/drops.rs"]
mod drops;
use drops::*;

// The rules the classifier does not give, where they are made.

/// A note both of the outlet's articles end with.
const HOUSE_NOTE: &str = "The City Gazette is published every weekday by the Gazette Media Group, an \
independent company based in the old town.";

/// Outlet boilerplate learned from two articles of the City Gazette that share a note, kept
/// when seen in at least `min_documents` of them.
fn learned(min_documents: u32) -> pith::boilerplate::Model {
    let note = format!("<p>{HOUSE_NOTE}</p>");
    let other = format!(
        "<html><head><meta property=\"og:site_name\" content=\"City Gazette\"></head><body><article>\
         <h1>Ferry to run every half hour</h1><p>The ferry across the river will run every half hour while \
         the bridge is shut, the operator said on Friday, and tickets will cost half the usual fare.</p>\
         {note}</article></body></html>"
    );
    let mut learner = pith::boilerplate::Learner::default();
    for html in [page("", &note, ""), other] {
        let sample = pith::sample_for_learning(&source("gazette.html", &html), &options());
        learner.add(sample.unwrap_or_else(|| panic!("no outlet in {html}")));
    }
    learner.finish(min_documents)
}

fn clean_with_learned(min_documents: u32) -> pith::Record {
    let mut options = options();
    options.boilerplate = Some(Arc::new(learned(min_documents)));
    clean_with("gazette.html", &page("", &format!("<p>{HOUSE_NOTE}</p>"), ""), &options)
}

#[test]
fn repeated_in_outlet_drops_a_note_seen_in_as_many_articles_as_asked() {
    let r = clean_with_learned(2);
    assert_rule(&r, "Gazette Media Group", Rule::RepeatedInOutlet);
    assert_rule(&r, "buses would run more often", Rule::Body);
}

#[test]
fn repeated_in_outlet_leaves_a_note_seen_in_fewer() {
    let r = clean_with_learned(3);
    assert_rule(&r, "Gazette Media Group", Rule::Body);
}

/// A one-split block model, as in `tests/model.rs`: blocks of more than about a dozen words get
/// p = 0.95, shorter ones 0.05.
fn stump_model() -> Arc<pith::classify::model::Models> {
    let names = pith::classify::features::names();
    let words = names.iter().position(|n| n == "log_words").unwrap_or(0) as i64;
    let json = serde_json::json!({
        "objective": "binary",
        "features": names,
        "trees": [{"feature": [words, -1, -1], "threshold": [2.5, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.0, -3.0, 3.0]}],
    });
    let forest =
        pith::classify::model::Forest::from_json("stump", &json.to_string(), names).unwrap_or_else(|e| panic!("{e}"));
    Arc::new(pith::classify::model::Models {
        text: Some(forest),
        ..Default::default()
    })
}

/// A dump of `blocks` paragraphs, each of them different, with a short sentence among them.
fn long_dump(blocks: usize) -> String {
    let places = [
        "north bank",
        "south bank",
        "old town",
        "harbour",
        "station",
        "market",
        "university",
    ];
    let times = ["morning", "afternoon", "evening"];
    let mut paragraphs: Vec<String> = places
        .iter()
        .flat_map(|place| {
            times.iter().map(move |time| {
                format!("Buses from the {place} will leave every ten minutes in the {time}, the operator said, while the bridge is closed for its repairs.")
            })
        })
        .take(blocks - 1)
        .collect();
    paragraphs.insert(blocks / 2, "The ferry is free.".to_string());
    paragraphs.join("\n\n") + "\n"
}

fn clean_with_stump(blocks: usize) -> pith::Record {
    let text = long_dump(blocks);
    let mut options = pith::Options::default();
    options.models = Some(stump_model());
    let analysed = pith::analyse(&source("buses.txt", &text), &options).blocks.len();
    assert_eq!(analysed, blocks, "{text}");
    clean_with("buses.txt", &text, &options)
}

#[test]
fn model_drops_what_it_doubts_on_a_page_as_long_as_it_learned_from() {
    let r = clean_with_stump(pith::MIN_BLOCKS_FOR_MODEL);
    assert_rule(&r, "The ferry is free", Rule::Model);
    assert_rule(&r, "in the morning", Rule::Body);
}

#[test]
fn model_leaves_a_page_one_block_shorter_to_the_rules() {
    let r = clean_with_stump(pith::MIN_BLOCKS_FOR_MODEL - 1);
    assert_rule(&r, "The ferry is free", Rule::Body);
}

const TABLE: &str = "<table><tr><th>Week</th><th>Lanes open</th></tr><tr><td>1</td><td>none</td></tr>\
<tr><td>2</td><td>one</td></tr></table>";

#[test]
fn table_leaves_out_a_table_with_no_tables() {
    let mut options = options();
    options.body.no_tables = true;
    let r = clean_with("bridge.html", &page("", TABLE, ""), &options);
    assert_rule(&r, "Lanes open", Rule::Table);
    assert!(!r.text.contains("Lanes open"), "{}", r.text);
}

#[test]
fn table_keeps_a_table_by_default() {
    let r = clean("bridge.html", &page("", TABLE, ""));
    assert_rule(&r, "Lanes open", Rule::Body);
    assert!(r.text.contains("Lanes open"), "{}", r.text);
}

/// The article's paragraphs as an HTML fragment, with nothing before the first.
fn fragment() -> String {
    OPENING
        .split("\n\n")
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{p}</p>\n"))
        .collect()
}

#[test]
fn markup_names_the_head_before_the_first_block() {
    let html = format!(
        "<html><head><title>Bridge to close</title></head><body>\n{}</body></html>\n",
        fragment()
    );
    let r = clean("bridge.html", &html);
    let first = r
        .segments
        .first()
        .map(|s| (s.rule, s.text.as_deref().unwrap_or_default()));
    assert_eq!(
        first,
        Some((
            Rule::Markup,
            "<html><head><title>Bridge to close</title></head><body>\n"
        )),
        "{}",
        ledger(&r)
    );
}

#[test]
fn markup_is_not_named_where_the_first_block_starts_the_input() {
    let r = clean("bridge.html", &fragment());
    assert!(r.segments.iter().all(|s| s.rule != Rule::Markup), "{}", ledger(&r));
    assert_eq!(r.segments.first().map(|s| s.start), Some(0));
}

#[test]
fn whitespace_names_blank_lines_before_the_first_block() {
    let r = clean("bridge.txt", &format!("\n\n\n{OPENING}"));
    let first = r
        .segments
        .first()
        .map(|s| (s.rule, s.text.as_deref().unwrap_or_default()));
    assert_eq!(first, Some((Rule::Whitespace, "\n\n\n")), "{}", ledger(&r));
}

#[test]
fn whitespace_is_not_named_where_the_first_block_starts_the_input() {
    let r = clean("bridge.txt", OPENING);
    assert!(r.segments.iter().all(|s| s.rule != Rule::Whitespace), "{}", ledger(&r));
}

// Every rule has its pairs.

/// One test, by name.
type Case = (&'static str, fn());

macro_rules! case {
    ($name:ident) => {
        (stringify!($name), $name as fn())
    };
}

/// The tests that show `rule` firing and not firing, as (fires, does not fire) pairs. No
/// wildcard: a new rule does not compile until it has its pair.
fn pairs(rule: Rule) -> Vec<[Case; 2]> {
    match rule {
        Rule::Body => vec![[
            case!(body_keeps_a_paragraph_of_prose),
            case!(body_does_not_keep_the_same_words_as_a_link_line),
        ]],
        Rule::Title => vec![
            [
                case!(title_lifts_a_short_unpunctuated_line_above_the_article),
                case!(title_leaves_a_line_that_ends_like_a_sentence),
            ],
            [
                case!(title_lifts_a_top_heading_at_the_start_of_the_body),
                case!(title_leaves_a_top_heading_deep_in_the_body),
            ],
            [
                case!(title_lifts_a_page_headline_from_the_article),
                case!(title_leaves_a_subheading_inside_the_article),
            ],
        ],
        Rule::TitleLine => vec![[
            case!(title_line_drops_a_dumps_first_line_with_the_site_name),
            case!(title_line_leaves_a_first_line_without_the_site_name_or_a_repeat),
        ]],
        Rule::Appeal => vec![[
            case!(appeal_drops_a_donation_line_after_the_article),
            case!(appeal_leaves_a_long_paragraph_that_uses_the_words),
        ]],
        Rule::Byline => vec![[
            case!(byline_drops_a_line_naming_the_authors),
            case!(byline_leaves_a_sentence_that_opens_with_by),
        ]],
        Rule::Dateline => vec![[
            case!(dateline_drops_a_line_that_is_a_date),
            case!(dateline_leaves_a_sentence_that_holds_a_date),
        ]],
        Rule::Related => vec![
            [
                case!(related_drops_a_link_line_inside_the_article),
                case!(related_leaves_the_same_line_without_its_link),
            ],
            [
                case!(related_drops_three_headlines_in_a_row),
                case!(related_leaves_two_headlines_in_a_row),
            ],
            [
                case!(related_drops_a_box_the_page_names_related),
                case!(related_leaves_the_same_box_named_as_the_story),
            ],
        ],
        Rule::Media => vec![
            [
                case!(media_drops_a_caption_that_ends_in_a_photo_credit),
                case!(media_leaves_a_sentence_that_names_the_photographer),
            ],
            [
                case!(media_drops_a_figure_caption),
                case!(media_leaves_the_same_words_as_a_paragraph),
            ],
        ],
        Rule::Navigation => vec![
            [
                case!(navigation_drops_three_short_lines_above_the_article),
                case!(navigation_leaves_two_short_lines_above_the_article),
            ],
            [
                case!(navigation_drops_a_breadcrumb_above_the_article),
                case!(navigation_leaves_a_sentence_with_slashes),
            ],
            [
                case!(navigation_drops_a_nav_element),
                case!(navigation_leaves_the_same_links_outside_a_nav_element),
            ],
            [
                case!(navigation_drops_a_box_whose_class_reads_as_furniture),
                case!(navigation_leaves_the_article_whose_wrapper_class_reads_as_furniture),
            ],
        ],
        Rule::Share => vec![[
            case!(share_drops_a_line_of_network_names),
            case!(share_leaves_a_sentence_that_names_networks),
        ]],
        Rule::SourceFooter => vec![[
            case!(source_footer_drops_where_the_story_first_appeared),
            case!(source_footer_leaves_a_paragraph_that_tells_where_it_appeared),
        ]],
        Rule::Legal => vec![[
            case!(legal_drops_a_copyright_line),
            case!(legal_leaves_a_paragraph_that_uses_the_words),
        ]],
        Rule::Comments => vec![
            [
                case!(comments_drops_the_section_below_its_header),
                case!(comments_leaves_a_sentence_that_opens_with_the_word),
            ],
            [
                case!(comments_drops_a_dated_thread_under_a_short_post),
                case!(comments_leaves_prose_after_a_comment_count_under_a_short_opening),
            ],
            [
                case!(comments_drops_the_section_below_a_header_that_is_the_cue),
                case!(comments_leaves_the_article_after_a_subheading_that_opens_with_the_word),
            ],
            [
                case!(comments_drops_a_box_the_page_names_comments),
                case!(comments_leaves_the_same_words_quoted_in_the_article),
            ],
        ],
        Rule::OutsideArticle => vec![[
            case!(outside_article_drops_a_short_line_below_the_article),
            case!(outside_article_leaves_the_same_line_between_paragraphs),
        ]],
        Rule::AuthorBio => vec![[
            case!(author_bio_drops_a_biography_after_the_article),
            case!(author_bio_leaves_a_long_paragraph_early_in_the_article),
        ]],
        Rule::RepeatedOnPage => vec![[
            case!(repeated_on_page_drops_a_paragraph_printed_twice),
            case!(repeated_on_page_leaves_a_paragraph_printed_once),
        ]],
        Rule::RepeatedInOutlet => vec![[
            case!(repeated_in_outlet_drops_a_note_seen_in_as_many_articles_as_asked),
            case!(repeated_in_outlet_leaves_a_note_seen_in_fewer),
        ]],
        Rule::Model => vec![[
            case!(model_drops_what_it_doubts_on_a_page_as_long_as_it_learned_from),
            case!(model_leaves_a_page_one_block_shorter_to_the_rules),
        ]],
        Rule::Table => vec![[
            case!(table_leaves_out_a_table_with_no_tables),
            case!(table_keeps_a_table_by_default),
        ]],
        Rule::Markup => vec![[
            case!(markup_names_the_head_before_the_first_block),
            case!(markup_is_not_named_where_the_first_block_starts_the_input),
        ]],
        Rule::Whitespace => vec![[
            case!(whitespace_names_blank_lines_before_the_first_block),
            case!(whitespace_is_not_named_where_the_first_block_starts_the_input),
        ]],
    }
}

#[test]
fn every_rule_has_a_pair() {
    let mut names = std::collections::BTreeSet::new();
    for rule in Rule::ALL {
        let pairs = pairs(rule);
        assert!(!pairs.is_empty(), "{rule} has no fires / does-not-fire pair");
        for [(fires, _), (holds, _)] in pairs {
            assert_ne!(fires, holds, "{rule}: one test cannot be both halves of a pair");
            names.insert(fires);
            names.insert(holds);
        }
    }
    // Every test of this file and its module but this one is half of some pair.
    let sources = [include_str!("rule_pairs.rs"), include_str!("rule_pairs/drops.rs")];
    let tests: Vec<&str> = sources
        .iter()
        .flat_map(|source| source.split("#[test]\n").skip(1))
        .filter_map(|rest| rest.trim_start_matches("pub(super) ").strip_prefix("fn "))
        .filter_map(|rest| rest.split('(').next())
        .filter(|name| *name != "every_rule_has_a_pair")
        .collect();
    let unlisted: Vec<&&str> = tests.iter().filter(|t| !names.contains(**t)).collect();
    assert!(unlisted.is_empty(), "tests in no pair: {unlisted:?}");
    assert!(tests.len() >= 2 * Rule::ALL.len());
}
