//! HTML pages: the same record as text, with page metadata, and no panic or hang on bad markup.

use pith::rule::Rule;
use std::path::PathBuf;

fn clean(name: &str) -> pith::Record {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/html")
        .join(name);
    pith::clean_path(&path, &pith::Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn clean_str(name: &str, html: &str) -> pith::Record {
    let options = pith::Options::default();
    let source = pith::input::decode(name, html.as_bytes().to_vec(), &options.read).unwrap_or_else(|e| panic!("{e}"));
    pith::clean(&source)
}

#[test]
fn byline_element_and_page_furniture() {
    let r = clean("byline-element.html");
    assert!(r.text.starts_with("The harbour reopened on Monday"), "{}", r.text);
    for gone in [
        "Home",
        "Harbour reopens after repairs",
        "All rights reserved",
        "4 March 2024",
    ] {
        assert!(!r.text.contains(gone), "{gone:?} stayed");
    }
    let p = &r.provenance;
    assert_eq!(p.title.as_deref(), Some("Harbour reopens after repairs"));
    assert!(p.authors.contains(&"Maria Gonzalez".to_string()), "{:?}", p.authors);
    assert_eq!(p.published.as_deref().map(|d| &d[..10]), Some("2024-03-04"));
    assert_eq!(p.language.as_deref(), Some("en"));
}

#[test]
fn a_layout_box_named_sidebar_around_the_headline_is_not_a_sidebar() {
    // `class="layout-w-sidebar"` wraps the article and its sidebar: the class word says
    // sidebar, but a box around the page's only <h1> holding a good share of its text is layout.
    let r = clean("layout-sidebar.html");
    assert!(r.text.starts_with("The harbour bridge reopened"), "{}", r.text);
    assert!(r.text.contains("corroded cables"), "{}", r.text);
    assert!(
        !r.text.contains("everyone is reading"),
        "the real sidebar stayed: {}",
        r.text
    );
    assert!(!r.text.contains("desk"), "{}", r.text);
}

#[test]
fn a_menu_is_one_segment_that_names_every_item() {
    // Neighbouring blocks with one verdict at one path share a segment of the ledger, whose
    // content lists every item; the sidebar, at another path, has its own.
    let r = clean("layout-sidebar.html");
    let at = |path: &str| {
        r.segments
            .iter()
            .filter(|s| s.path.as_deref() == Some(path))
            .collect::<Vec<_>>()
    };
    let menu = at("body > nav.mega-menu > ul > li");
    assert_eq!(menu.len(), 1, "{menu:#?}");
    let content = menu.first().and_then(|s| s.content.as_deref()).unwrap_or_default();
    assert!(
        content.starts_with("World news and features\n\nBusiness news and features\n\n"),
        "{content}"
    );
    assert_eq!(content.matches("news and features").count(), 40, "{content}");
    let sidebar = at("body > div#page-content.layout-w-sidebar > div.sidebar > ul > li");
    assert_eq!(sidebar.len(), 1);
    assert!(sidebar.iter().all(|s| !s.keep && s.reason.contains("sidebar")));
}

#[test]
fn teaser_cards_below_the_article_go_with_their_bylines() {
    // Cards of other stories: a linked headline, an author, a date, a summary. The summaries
    // are prose, but they are not the article, and the cards' authors and dates are not its.
    let r = clean("teaser-cards.html");
    assert!(r.text.starts_with("The harbour bridge reopened"), "{}", r.text);
    assert!(r.text.contains("corroded cables"), "{}", r.text);
    for gone in ["ferry company", "reading room", "festival", "two routes"] {
        assert!(!r.text.contains(gone), "{gone:?} stayed: {}", r.text);
    }
    // Four cards, each its linked headline and its summary.
    let cards = r
        .segments
        .iter()
        .filter(|s| s.reason.starts_with("teaser card"))
        .count();
    assert_eq!(cards, 8);
    assert!(!r.text.contains("Ferry fares rise"), "{}", r.text);
    assert!(r.provenance.authors.is_empty(), "{:?}", r.provenance.authors);
    assert_eq!(r.provenance.published, None);
}

#[test]
fn a_page_that_is_not_an_article_keeps_its_content_container() {
    // `og:type` website: a section front. Its stories' headlines and summaries are the content
    // (the article mode would keep one run of summaries and drop the linked headlines).
    let r = clean("listing.html");
    for kept in [
        "Ferry fares rise",
        "ferry company",
        "Council approves the new sea wall",
        "sea wall starts",
    ] {
        assert!(r.text.contains(kept), "{kept:?} went: {}", r.text);
    }
    for gone in ["Weather", "All rights reserved", "Privacy policy"] {
        assert!(!r.text.contains(gone), "{gone:?} stayed: {}", r.text);
    }
}

/// A blog post whose page says nothing of what it is (no `og:type`, no JSON-LD) is not thereby
/// "not an article": its comment thread and its sidebar stay out, as on a page that says so.
/// Read as another type, the comments were kept as the content container's.
#[test]
fn a_page_that_declares_no_type_is_not_read_as_a_non_article() {
    let html = r#"<!doctype html><html lang="en"><head><title>Open thread</title></head><body>
<main><article><h1>Open thread</h1>
<p>Our goal with these open threads is to give readers a place to ask about our research, and to share what we have learned since the last one.</p>
<p>We read every question and answer as many as we can; the answers we give here also shape what we write about in the months after.</p>
<p>You can read the answers to the questions from the last thread on our research page, with links to the reports they cite.</p></article>
<div id="comments" class="comments-area"><h3 class="comments-title">10 comments</h3>
<ol class="comment-list"><li class="comment"><div class="comment-body"><div class="comment-author">Milan on 12 September said:</div>
<p>Any update on how the follow-up paper will affect your recommendation of the program this year?</p></div></li>
<li class="comment"><div class="comment-body"><div class="comment-author">Alex on 17 September said:</div>
<p>I skimmed your report and did not see any analysis of the effect on travel times for the passengers.</p></div></li></ol></div></main>
<aside class="widget-area"><h2>Recent posts</h2><ul><li><a href="/a">Why we match donations</a></li><li><a href="/b">What standout charities are</a></li></ul></aside>
</body></html>"#;
    let r = clean_str("open-thread.html", html);
    assert!(r.text.contains("shape what we write about"), "{}", r.text);
    for gone in [
        "follow-up paper",
        "travel times",
        "Recent posts",
        "Why we match donations",
    ] {
        assert!(!r.text.contains(gone), "{gone:?} stayed: {}", r.text);
    }
}

#[test]
fn a_page_whose_content_is_in_noscript_is_read_without_scripts() {
    // A forum that renders with JavaScript and gives crawlers its posts in <noscript>.
    let r = clean("noscript-forum.html");
    for kept in [
        "stuck on the loading screen",
        "Rolling back",
        "migration that never finishes",
    ] {
        assert!(r.text.contains(kept), "{kept:?} went: {}", r.text);
    }
    assert!(!r.text.contains("Loading…"), "{}", r.text);
    assert!(!r.text.contains("Powered by"), "{}", r.text);
    assert_eq!(
        r.restore().ok(),
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/html/noscript-forum.html")).ok()
    );
}

#[test]
fn an_article_body_class_inside_the_footer_is_still_footer() {
    let html = r#"<!doctype html><html lang="en"><head><meta property="og:type" content="article"><title>Bridge reopens</title></head><body>
<article><h1>Bridge reopens</h1>
<p>The harbour bridge reopened to traffic on Monday morning, two years after engineers closed it because of cracks found in its main supports.</p>
<p>Hundreds of residents walked across the span before the first cars were allowed on, and the mayor thanked the workers who repaired it.</p>
<p>The repairs cost more than the city had planned, officials said, because corroded cables had to be replaced along the whole length of the bridge.</p>
<p>Buses will return to their old routes over the bridge from next week, and the temporary ferry service will end on Friday after its last crossing.</p></article>
<footer><div class="rich-text"><p>You have the right to request a copy of the personal information that we have collected about you, subject to certain exceptions and limits.</p>
<p>You have the right to request deletion of the personal information that we have collected about you, subject to certain exceptions.</p></div></footer>
</body></html>"#;
    let r = clean_str("footer-rich-text.html", html);
    assert!(r.text.contains("thanked the workers"), "{}", r.text);
    assert!(!r.text.contains("personal information"), "{}", r.text);
}

#[test]
fn json_ld_graph_with_author_list() {
    let p = clean("json-ld-authors.html").provenance;
    assert_eq!(p.authors, vec!["Anna Schmidt".to_string(), "Jonas Weber".to_string()]);
    assert_eq!(p.title.as_deref(), Some("Stadt eröffnet neuen Hafen"));
    assert_eq!(p.published.as_deref(), Some("2024-03-04T09:30:00+01:00"));
    assert_eq!(p.modified.as_deref(), Some("2024-03-05T10:00:00+01:00"));
    assert_eq!(
        p.url.as_deref(),
        Some("https://www.beispiel-zeitung.de/lokal/2024/03/hafen-eroeffnet")
    );
    assert_eq!(p.host.as_deref(), Some("beispiel-zeitung.de"));
    assert_eq!(p.outlet.as_deref(), Some("Beispiel Zeitung"));
    assert_eq!(p.section.as_deref(), Some("Lokales"));
    assert_eq!(p.language.as_deref(), Some("de"));
    assert!(p
        .evidence
        .get("published")
        .is_some_and(|e| e.rule.starts_with("json-ld:")));
}

#[test]
fn related_box_goes_and_table_stays() {
    let r = clean("related-box.html");
    for gone in [
        "Museum attendance hits a record high",
        "City budget approved",
        "More stories",
        "Five things to do",
    ] {
        assert!(!r.text.contains(gone), "{gone:?} stayed");
    }
    assert!(r.text.contains("2023\t455,000"), "{}", r.text);
    assert!(r.text.contains("The works include a new roof"));
    let related: Vec<_> = r.segments.iter().filter(|s| s.rule == Rule::Related).collect();
    assert!(related.iter().all(|s| s
        .path
        .as_deref()
        .is_some_and(|p| p.contains("aside") || p.contains("more-stories"))));
}

#[test]
fn share_bar_goes_and_quote_stays() {
    let r = clean("share-bar.html");
    assert!(!r.text.contains("Share this article") && !r.text.contains("Twitter") && !r.text.contains("Follow us"));
    assert!(r
        .text
        .contains("“This is the most ambitious programme in our history,” the conductor said."));
    assert!(r.markdown.contains("> “This is the most ambitious"), "{}", r.markdown);
}

#[test]
fn cookie_banner_scripts_and_styles_go_and_code_stays() {
    let r = clean("cookie-banner.html");
    assert!(!r.text.contains("We use cookies") && !r.text.contains("not content") && !r.text.contains("color: red"));
    assert!(r.text.contains("Set-Cookie: id=a3fWa"));
    assert!(r.markdown.contains("```\nSet-Cookie"));
}

#[test]
fn html_ledger_restores_the_page_and_names_paths() {
    for name in [
        "byline-element.html",
        "json-ld-authors.html",
        "related-box.html",
        "share-bar.html",
        "cookie-banner.html",
        "unclosed.html",
    ] {
        let r = clean(name);
        let original = std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/html")
                .join(name),
        )
        .unwrap_or_default();
        assert_eq!(r.restore().ok(), Some(original), "{name}");
        assert!(r
            .segments
            .iter()
            .filter(|s| s.rule != Rule::Markup)
            .all(|s| s.path.is_some() && s.content.is_some()));
    }
}

#[test]
fn deeply_nested_page_does_not_overflow() {
    let html = format!(
        "<html><body>{}<p>Deep text inside many divs, long enough to count as a sentence here.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let r = clean_str("deep.html", &html);
    assert_eq!(r.restore().ok(), Some(html.into_bytes()));
}

#[test]
fn unclosed_tags_and_junk_do_not_panic() {
    for html in [
        "<p>open <b>bold <i>both",
        "<<<>>><//p>&&&;;",
        "<table><tr><td><table><td>x",
        "<html><head><title>t</title>",
        "",
    ] {
        let r = clean_str("junk.html", html);
        assert_eq!(r.restore().ok(), Some(html.as_bytes().to_vec()));
    }
}

#[test]
fn binary_with_an_html_name_is_refused() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad/binary.html");
    let error = pith::clean_path(&path, &pith::Options::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("binary.html") && error.contains("not text"), "{error}");
}

#[test]
fn large_page_is_cleaned_in_one_pass() {
    // 8 MB of paragraphs: linear work, no quadratic blow-up (a timing-free check: it finishes).
    // Numbered, so that no paragraph is a copy of another (copies are boilerplate).
    let paragraphs: String = (0..75_000)
        .map(|i| format!("<p>In section {i}, the harbour reopened on Monday after three weeks of repairs to the sea wall, the port authority said.</p>\n"))
        .collect();
    assert!(paragraphs.len() > 8_000_000);
    let html = format!("<html><body><article>{paragraphs}</article></body></html>");
    let r = clean_str("big.html", &html);
    assert!(r.text.len() > 7_000_000, "{}", r.text.len());
}

/// The nodes the parser builds for a page: the work and memory parsing it took.
fn parsed_nodes(html: &str) -> usize {
    pith::segment::html::parse(html).document.tree.nodes().count()
}

#[test]
fn formatting_elements_left_open_cost_linear_work() {
    // `<b id=N><p>w` repeated: each paragraph re-creates every formatting element still open,
    // so without a bound the tree grows with the square of the page (12 s and 1.25 GB at 63 KB).
    let page = |n: usize| (0..n).map(|i| format!("<b id={i}><p>w")).collect::<String>();
    let (small, large) = (parsed_nodes(&page(2_000)), parsed_nodes(&page(4_000)));
    assert!(large <= small * 5 / 2, "{small} nodes, then {large} for twice the page");
    assert!(large < 4_000 * 40, "{large} nodes for 4,000 paragraphs");
    let r = clean_str("formatting.html", &page(4_000));
    assert!(
        r.warnings.iter().any(|w| w.contains("formatting elements")),
        "{:?}",
        r.warnings
    );
    // No text is lost: every paragraph is still a block.
    let blocks = pith::segment::html::segment(&page(4_000));
    assert_eq!(blocks.iter().filter(|b| b.text == "w").count(), 4_000);
}

#[test]
fn attributes_past_the_bound_are_ignored_with_a_warning() {
    let many: Vec<String> = (0..200_000).map(|i| format!("a{i}=1")).collect();
    let page = format!(
        "<html><body><div {}><p>The text of the page.</p></div></body></html>",
        many.join(" ")
    );
    let parsed = pith::segment::html::parse(&page);
    let most = parsed
        .document
        .tree
        .nodes()
        .filter_map(|n| n.value().as_element().map(|e| e.attrs().count()))
        .max();
    assert!(most.is_some_and(|m| m <= 256), "{most:?}");
    let r = clean_str("attributes.html", &page);
    assert!(r.text.contains("The text of the page."));
    assert!(r.warnings.iter().any(|w| w.contains("attributes")), "{:?}", r.warnings);
    let restored = r.restore().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(restored, page.as_bytes());
}

#[test]
fn a_huge_attribute_value_is_ignored_with_a_warning() {
    let page = format!(
        "<html><body><img src=\"data:{}\"><p>The text of the page.</p></body></html>",
        "x".repeat(3 << 20)
    );
    let parsed = pith::segment::html::parse(&page);
    let longest = parsed
        .document
        .tree
        .nodes()
        .filter_map(|n| n.value().as_element())
        .flat_map(|e| e.attrs().map(|(_, v)| v.len()))
        .max()
        .unwrap_or(0);
    assert!(longest <= 1 << 20, "{longest}");
    let r = clean_str("huge-attribute.html", &page);
    assert!(r.text.contains("The text of the page."));
    assert!(
        r.warnings.iter().any(|w| w.contains("attribute values longer")),
        "{:?}",
        r.warnings
    );
}

/// The path of the record's segment whose content is `content` (empty when none is).
fn path_of(record: &pith::Record, content: &str) -> String {
    record
        .segments
        .iter()
        .find(|s| s.content.as_deref() == Some(content))
        .and_then(|s| s.path.clone())
        .unwrap_or_default()
}

#[test]
fn paths_of_deep_blocks_name_their_innermost_steps() {
    let page = format!("{}<p>Deep text.</p>", "<div class=c>".repeat(1_500));
    let path = path_of(&clean_str("deep.html", &page), "Deep text.");
    assert!(path.starts_with("… > "), "{path}");
    assert!(path.matches(" > ").count() <= 65, "{path}");
    assert!(path.ends_with("div.c > p"), "{path}");
}

/// A page may make an id, a class name or a tag any length: every block below it would copy it
/// into its path (a 180 KB page of this shape took 2.1 GB). A path shows each at most 128
/// bytes, and holds at most 4,096 bytes: its innermost steps, after `… > `.
#[test]
fn long_names_are_cut_short_in_every_blocks_path() {
    let long = "x".repeat(100_000);
    let items: String = (0..2_000).map(|i| format!("<p>Item {i} of the list.</p>")).collect();
    let page = format!("<div id=\"{long}\" class=\"{long}\">{items}</div>");
    let blocks = pith::segment::html::segment(&page);
    let paths: Vec<&str> = blocks
        .iter()
        .filter_map(|b| b.dom.as_ref())
        .map(|d| d.path.as_str())
        .collect();
    assert!(paths.len() >= 2_000, "{} paths", paths.len());
    let cut = format!("div#{x}….{x}… > p", x = "x".repeat(128));
    let longest = paths.iter().map(|p| p.len()).max().unwrap_or(0);
    assert!(paths.iter().all(|p| p.ends_with(&cut)), "a path of {longest} bytes");
    let deep = format!(
        "{}<p>Deep text.</p>",
        format!("<section id=\"{}\" class=\"a{long} b{long}\">", "i".repeat(500)).repeat(60)
    );
    let path = path_of(&clean_str("deep-long.html", &deep), "Deep text.");
    assert!(path.len() <= 4_096 + "… > ".len(), "{} bytes", path.len());
    assert!(
        path.starts_with("… > ") && path.ends_with(" > p"),
        "{}",
        path.get(..40).unwrap_or(&path)
    );
}

/// Tiny blocks deep under long names each held a path of 4,096 bytes: 1.3 MB of markup made
/// 656 MB of paths, in memory and in the ledger. A page's paths together hold at most four
/// bytes per byte of the page (at least 1 MB); past that, each path keeps its innermost 256
/// bytes, and the record says how many were cut. An ordinary page is never cut.
#[test]
fn a_pages_paths_stay_within_a_budget_of_its_size() {
    let nest = format!("<{}>", "a".repeat(128)).repeat(30);
    let page = format!("<html><body>{nest}{}</body></html>", "<p>x</p><i>y</i>".repeat(60_000));
    let r = clean_str("deep-tiny.html", &page);
    let paths: usize = r.segments.iter().filter_map(|s| s.path.as_ref()).map(String::len).sum();
    let pieces = r.segments.len();
    assert!(pieces >= 100_000, "{pieces} segments");
    // Without the budget: every segment's path near 4,096 bytes (490 MB).
    assert!(
        paths <= 4 * page.len() + pieces * (256 + "… > ".len()),
        "{paths} bytes of paths for a page of {}",
        page.len()
    );
    let warning = r.warnings.iter().find(|w| w.contains("paths were cut"));
    assert!(warning.is_some(), "{:?}", r.warnings);
    // The innermost steps stay: the element that holds the block.
    let Some(last) = r.segments.iter().rev().find(|s| s.content.as_deref() == Some("x")) else {
        panic!("the last paragraph has a segment");
    };
    let last = last.path.as_deref().unwrap_or_default();
    assert!(last.starts_with("… > ") && last.ends_with(" > p"), "{last}");
    assert!(last.len() <= 256 + "… > ".len(), "{} bytes", last.len());
    let ordinary = clean_str("deep-long.html", &format!("{nest}<p>Some text.</p>"));
    assert!(ordinary.warnings.iter().all(|w| !w.contains("paths were cut")));
}

/// A boilerplate class word inside a long class name names the box in the reason of every block
/// it drops: the name is shown cut short, as in paths (a 685 KB page of this shape wrote 1 GB).
#[test]
fn a_long_class_name_is_cut_short_in_every_reason() {
    let long = "a".repeat(100_000);
    let prose: String = (0..400)
        .map(|i| {
            format!("<p>Paragraph {i} of the story says enough in its words to be read as the body of the article.</p>")
        })
        .collect();
    let side: String = (0..200).map(|i| format!("<p>Note {i}.</p><i>Item {i}.</i>")).collect();
    let page =
        format!("<html><body><article>{prose}</article><div class=\"sidebar-{long}\">{side}</div></body></html>");
    let r = clean_str("sidebar.html", &page);
    let reasons: Vec<&str> = r
        .segments
        .iter()
        .filter(|s| !s.keep)
        .map(|s| s.reason.as_str())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("sidebar-aaa")),
        "{:?}",
        reasons.first()
    );
    let longest = reasons.iter().map(|r| r.len()).max().unwrap_or(0);
    assert!(longest < 400, "a reason of {longest} bytes");
}

/// A `<base href>` longer than any real address is ignored: it would be written into every link
/// it resolves (100 KB over 2,000 links: 200 MB of body).
#[test]
fn a_base_longer_than_any_address_resolves_no_link() {
    let links: String = (0..2_000).map(|i| format!("<a href=\"p{i}\">link {i}</a> ")).collect();
    let page = |base: &str| {
        format!("<html><head><base href=\"https://example.org/{base}/\"></head><body><article><p>{links}</p></article></body></html>")
    };
    let mut options = pith::Options::default();
    options.body.links = true;
    let clean = |html: String| {
        let source =
            pith::input::decode("links.html", html.into_bytes(), &options.read).unwrap_or_else(|e| panic!("{e}"));
        pith::clean_with(&source, &options).markdown
    };
    let short = clean(page("docs"));
    assert!(
        short.contains("(https://example.org/docs/p7)"),
        "{}",
        short.get(..200).unwrap_or(&short)
    );
    let long = clean(page(&"x".repeat(100_000)));
    assert!(long.len() < 200_000, "{} bytes of markdown", long.len());
    assert!(long.contains("[link 7](p7)"), "{}", long.get(..200).unwrap_or(&long));
}

#[test]
fn an_impossible_machine_date_gives_no_date_and_the_next_source_speaks() {
    // 31 February at 25:61: no such moment. JSON-LD is the first source; it says nothing, so
    // the `<meta>` date after it dates the page, and nothing is made up from the broken one.
    let body = "<article><h1>Harbour reopens</h1><p>The harbour reopened on Monday after months of repairs to the old sea wall and its cranes.</p></article>";
    let page = |head: &str| format!("<html><head>{head}</head><body>{body}</body></html>");
    let json = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour reopens","datePublished":"2025-02-31T25:61:00+0100"}</script>"#;
    let alone = clean_str("impossible.html", &page(json));
    assert_eq!(alone.provenance.published, None);
    let meta = r#"<meta property="article:published_time" content="2025-02-13T14:05:00+0100">"#;
    let both = clean_str("impossible.html", &page(&format!("{json}{meta}")));
    assert_eq!(both.provenance.published.as_deref(), Some("2025-02-13T14:05:00+01:00"));
    // A real date with an impossible time or offset is a broken value too.
    for broken in [
        "2025-02-13T25:00:00Z",
        "2025-02-13T14:61:00Z",
        "2025-02-13T14:05:00+1900",
    ] {
        let time = format!(r#"<meta property="article:published_time" content="{broken}">"#);
        let r = clean_str("impossible.html", &page(&time));
        assert_eq!(r.provenance.published, None, "{broken}");
    }
    // A leap second is a real second.
    let leap = r#"<meta property="article:published_time" content="2016-12-31T23:59:60Z">"#;
    let r = clean_str("leap.html", &page(leap));
    assert_eq!(r.provenance.published.as_deref(), Some("2016-12-31T23:59:60Z"));
}

#[test]
fn links_and_images_in_markdown_leave_the_record_as_it_is() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut pages: Vec<PathBuf> = ["html", "shapes"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten())
        .map(|entry| entry.path())
        .collect();
    pages.sort();
    assert!(pages.len() >= 12, "{pages:?}");
    let mut rich = pith::Options::default();
    rich.body.links = true;
    rich.body.images = true;
    for path in pages {
        let plain = pith::clean_path(&path, &pith::Options::default()).unwrap_or_else(|e| panic!("{e}"));
        let with = pith::clean_path(&path, &rich).unwrap_or_else(|e| panic!("{e}"));
        // The JSON record (text, provenance, ledger) is the same bytes; only markdown gains.
        let json = |r: &pith::Record| serde_json::to_string(r).unwrap_or_default();
        assert_eq!(json(&plain), json(&with), "{}", path.display());
        assert!(!plain.markdown.contains("]("), "{}", path.display());
    }
}

/// A page laid out before CSS: a menu cell beside the article's cell, paragraphs parted by two
/// line breaks. The article's paragraphs are the text; the menu, headline, byline, story links
/// and copyright line are not (before, the menu and the article were one table row, kept whole).
#[test]
fn a_page_laid_out_in_a_table_gives_its_article() {
    let r = clean("table-layout.html");
    assert!(r.text.starts_with("The committee met on Tuesday"), "{}", r.text);
    assert_eq!(r.text.matches("\n\n").count(), 5, "six paragraphs: {}", r.text);
    for gone in ["Section 3", "The Town Gazette", "Previous story", "Copyright 2003"] {
        assert!(!r.text.contains(gone), "{gone:?} stayed");
    }
    assert_eq!(r.provenance.title.as_deref(), Some("Zoning plan draws crowd"));
}

/// Forum software writes each post's body inside a form of hidden inputs (old Reddit's
/// `usertext`, Invision's post forms): such a form is content. A form with a field to type in
/// (a sign-up, a search, a comment box) stays out, whatever it says.
#[test]
fn a_form_of_prose_without_fields_is_read_and_a_sign_up_form_is_not() {
    let post = "The follicles grew in the dish for three weeks, and every one of them produced hair that \
        looked and behaved like the real thing, the team reported in the journal.";
    let pitch = "Get the best of our reporting in your inbox every morning, free of charge, from our editors.";
    // Replies around the post, so that the sign-up form is a small part of the page (a form
    // holding most of a page's text is the page's wrapper, as on ASP.NET sites).
    let more: String = (0..6)
        .map(|i| {
            format!("<p>Reply {i}: the study used mouse cells, and the authors say human trials are years away.</p>")
        })
        .collect();
    let page = format!(
        "<html><body><main><h1>Hair follicles grown in the lab</h1>\
         <form action=\"#\" class=\"usertext\"><input type=\"hidden\" name=\"thing_id\" value=\"t1\">\
         <div class=\"md\"><p>{post}</p></div></form>{more}\
         <form action=\"/subscribe\"><p>{pitch}</p><input type=\"email\" name=\"email\">\
         <input type=\"submit\" value=\"Sign up\"></form></main></body></html>"
    );
    let r = clean_str("form-post.html", &page);
    let read: Vec<&str> = r.segments.iter().filter_map(|s| s.content.as_deref()).collect();
    assert!(read.iter().any(|c| c.contains("three weeks")), "{read:?}");
    assert!(r.text.contains("three weeks"), "{}", r.text);
    assert!(!read.iter().any(|c| c.contains("inbox")), "{read:?}");
}

/// A menu item that opens with a byline label (`<a href="/categories">By Category</a>`) is link
/// text label and all: no byline, whatever its word. A byline links its names, not its label.
#[test]
fn a_menu_link_that_opens_with_by_is_no_byline() {
    let prose = "The council approved the new harbour plan on Monday evening after a long debate, \
                 and officials said the first works would begin in the spring once funds arrive.";
    let page = |byline: &str| {
        format!(
            "<html><head><title>Harbour plan approved</title></head><body>\
             <nav><ul><li><a href=\"/categories/\">By Category</a></li><li><a href=\"/venues\">By State</a></li></ul></nav>\
             <main><h1>Harbour plan approved</h1>{byline}<p>{prose}</p><p>{prose}</p><p>{prose}</p></main></body></html>"
        )
    };
    let menu_only = clean_str("menu.html", &page(""));
    assert!(
        menu_only.provenance.authors.is_empty(),
        "{:?}",
        menu_only.provenance.authors
    );
    let linked_name = clean_str(
        "story.html",
        &page("<p>By <a href=\"/author/jane-doe\">Jane Doe</a></p>"),
    );
    assert_eq!(linked_name.provenance.authors, vec!["Jane Doe".to_string()]);
}
