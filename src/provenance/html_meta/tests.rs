use super::dates::normalise_date;
use super::*;

fn meta_of(source: &str) -> PageMeta {
    extract(&Html::parse_document(source), source)
}

fn value<T: Clone>(field: &Option<Field<T>>) -> Option<T> {
    field.as_ref().map(|f| f.value.clone())
}

fn rule<T>(field: &Option<Field<T>>) -> &str {
    field.as_ref().map_or("", |f| f.evidence.rule.as_str())
}

/// The bytes of `source` a field's evidence points at.
fn evidence_text<'s, T>(source: &'s str, field: &Option<Field<T>>) -> &'s str {
    field
        .as_ref()
        .and_then(|f| source.get(f.evidence.start?..f.evidence.end?))
        .unwrap_or("")
}

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>")
}

fn json_ld(json: &str) -> String {
    format!(r#"<script type="application/ld+json">{json}</script>"#)
}

#[test]
fn json_ld_graph_follows_id_references() {
    let source = page(
        &json_ld(
            r##"{"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage", "@id": "https://ex.com/a/#webpage", "name": "A page - Ex"},
              {"@type": "Article", "@id": "https://ex.com/a/#article", "headline": "The headline",
               "author": {"@id": "https://ex.com/#/schema/person/1"},
               "publisher": {"@id": "https://ex.com/#organization"},
               "datePublished": "2025-02-13T14:05:00+0100", "dateModified": "2025-03-01T08:00:00Z",
               "articleSection": ["Politics", "World"], "mainEntityOfPage": {"@id": "https://ex.com/a/"}},
              {"@type": "Person", "@id": "https://ex.com/#/schema/person/1", "name": "Jane Doe"},
              {"@type": "Organization", "@id": "https://ex.com/#organization", "name": "Example News"}
            ]}"##,
        ),
        "<h1>The headline</h1>",
    );
    let meta = meta_of(&source);
    assert_eq!(value(&meta.title).as_deref(), Some("The headline"));
    assert_eq!(rule(&meta.title), "json-ld:Article.headline");
    assert_eq!(value(&meta.authors), Some(vec!["Jane Doe".to_string()]));
    assert_eq!(rule(&meta.authors), "json-ld:Article.author");
    assert_eq!(evidence_text(&source, &meta.authors), "Jane Doe");
    assert_eq!(value(&meta.published).as_deref(), Some("2025-02-13T14:05:00+01:00"));
    assert_eq!(evidence_text(&source, &meta.published), "2025-02-13T14:05:00+0100");
    assert_eq!(value(&meta.modified).as_deref(), Some("2025-03-01T08:00:00Z"));
    assert_eq!(value(&meta.site_name).as_deref(), Some("Example News"));
    assert_eq!(value(&meta.section).as_deref(), Some("Politics"));
    assert_eq!(value(&meta.url).as_deref(), Some("https://ex.com/a/"));
}

#[test]
fn json_ld_arrays_and_nested_authors() {
    let source = page(
        &json_ld(
            r#"[{"@type": "BreadcrumbList", "itemListElement": []},
                {"@type": ["NewsArticle"], "headline": "Two authors",
                 "author": [{"@type": "Person", "name": "Ana Lima"}, "https://ex.com/staff/x",
                            {"@type": "Person", "name": ""}, {"@type": "Person", "name": "By John Roe"},
                            {"@type": "Person", "givenName": "Mia", "familyName": "Park"},
                            {"@type": "Person", "name": "ana lima"}],
                 "image": [{"@type": "ImageObject", "url": "https://ex.com/i.jpg"}]}]"#,
        ),
        "",
    );
    let meta = meta_of(&source);
    assert_eq!(
        value(&meta.authors),
        Some(vec![
            "Ana Lima".to_string(),
            "John Roe".to_string(),
            "Mia Park".to_string()
        ])
    );
    assert_eq!(value(&meta.image).as_deref(), Some("https://ex.com/i.jpg"));
}

#[test]
fn a_meta_key_written_once_per_author_gives_every_author() {
    // Google Scholar's tags on a journal page, surname first; the first tag is the evidence.
    let source = page(
        r#"<meta name="citation_author" content="Roy, Aniruddha">
           <meta name="citation_author" content="Patel, Jyoti">
           <meta name="citation_author" content="Mia Park">"#,
        "",
    );
    let meta = meta_of(&source);
    assert_eq!(
        value(&meta.authors),
        Some(vec![
            "Aniruddha Roy".to_string(),
            "Jyoti Patel".to_string(),
            "Mia Park".to_string()
        ])
    );
    assert_eq!(rule(&meta.authors), "meta[name=citation_author]");
    assert!(evidence_text(&source, &meta.authors).contains("\"Roy, Aniruddha\""));
    // Microdata describes its own item (a teaser card's author): the first only.
    let source = page(
        "",
        r#"<div itemscope><meta itemprop="author" content="Ana Lima"></div>
           <div itemscope><meta itemprop="author" content="John Roe"></div>"#,
    );
    assert_eq!(value(&meta_of(&source).authors), Some(vec!["Ana Lima".to_string()]));
    // Open Graph's array: one `article:author` per author.
    let source = page(
        r#"<meta property="article:author" content="Ana Lima">
           <meta property="article:author" content="John Roe">"#,
        "",
    );
    assert_eq!(
        value(&meta_of(&source).authors),
        Some(vec!["Ana Lima".to_string(), "John Roe".to_string()])
    );
}

#[test]
fn a_placeholder_is_no_author() {
    let source = page(
        &format!(
            r#"<meta name="author" content="admin">{}"#,
            json_ld(r#"{"@type": "NewsArticle", "author": {"@type": "Person", "name": "undefined"}}"#)
        ),
        "",
    );
    assert_eq!(value(&meta_of(&source).authors), None);
    let source = page(
        r#"<meta name="author" content="Webmaster"><meta name="author" content="Ana Lima">"#,
        "",
    );
    assert_eq!(value(&meta_of(&source).authors), Some(vec!["Ana Lima".to_string()]));
}

#[test]
fn the_most_specific_type_is_the_article() {
    let source = page(
        &format!(
            "{}{}",
            json_ld(r#"{"@type": "WebPage", "name": "Page name", "datePublished": "2020-01-01"}"#),
            json_ld(
                r#"{"@type": "WebSite", "name": "Site", "mainEntity": {"@type": "ReportageNewsArticle",
                    "headline": "Report", "datePublished": "2025-05-02"}}"#
            )
        ),
        "",
    );
    let meta = meta_of(&source);
    assert_eq!(value(&meta.title).as_deref(), Some("Report"));
    assert_eq!(value(&meta.published).as_deref(), Some("2025-05-02"));
    assert_eq!(rule(&meta.published), "json-ld:ReportageNewsArticle.datePublished");
}

#[test]
fn broken_json_ld_is_repaired_cheaply_or_skipped() {
    let wrapped = json_ld(
        "<!--\n//<![CDATA[\n{\"@type\": \"BlogPosting\", \"headline\": \"Line\nbreak\", \"author\": \"Kim Lee\",}\n//]]>\n-->",
    );
    let invalid = json_ld("{\"@type\": \"NewsArticle\", \"headline\": ");
    let meta = meta_of(&page(&format!("{invalid}{wrapped}"), ""));
    assert_eq!(value(&meta.title).as_deref(), Some("Line break"));
    assert_eq!(value(&meta.authors), Some(vec!["Kim Lee".to_string()]));
}

#[test]
fn half_an_emoji_does_not_cost_the_json_ld() {
    // A lone high surrogate, a lone low one, a proper pair and an escaped backslash before a
    // `u` that is text, not an escape.
    let script = json_ld(
        r#"{"@type":"NewsArticle","headline":"Real \ud83d\ude00 Headline","author":{"name":"Pyotr Kozlov"},
            "datePublished":"2025-02-13","description":"cut \ud83d here \udc00 and C:\\ud83d"}"#,
    );
    let meta = meta_of(&page(&script, ""));
    assert_eq!(value(&meta.title).as_deref(), Some("Real 😀 Headline"));
    assert_eq!(value(&meta.authors), Some(vec!["Pyotr Kozlov".to_string()]));
    assert_eq!(value(&meta.published).as_deref(), Some("2025-02-13"));
    assert_eq!(
        value(&meta.description).as_deref(),
        Some("cut \u{fffd} here \u{fffd} and C:\\ud83d")
    );
}

#[test]
fn every_html5_entity_is_decoded() {
    // Double-escaped values: any named reference, numeric ones, and a bare `&` left alone.
    let source = page(
        r#"<meta property="og:title" content="Caf&eacute; &amp; Bar &ndash; &Eacute;t&eacute; &frac12; &#8217;s &#x2019; AT&T &nosuch;">"#,
        "",
    );
    let meta = meta_of(&source);
    assert_eq!(
        value(&meta.title).as_deref(),
        Some("Café & Bar – Été ½ ’s ’ AT&T &nosuch;")
    );
}

#[test]
fn meta_tags_when_there_is_no_json_ld() {
    let source = page(
        r#"<title>Ignored title</title>
        <meta property="og:site_name" content="The Daily">
        <meta property="og:title" content="Budget passes | The Daily">
        <meta name="author" content="Jane Doe, John Roe">
        <meta property="article:author" content="https://facebook.com/thedaily">
        <meta property="article:published_time" content="2025-02-13T14:05:00.123Z">
        <meta property="article:modified_time" content="2025-02-14">
        <meta property="article:section" content="Politics">
        <meta property="og:locale" content="en_US">
        <meta property="og:description" content="What happened.">
        <meta property="og:image" content="/img/lead.jpg">
        <meta property="og:url" content="https://thedaily.example/politics/budget">"#,
        "<h1>Budget passes</h1>",
    );
    let meta = meta_of(&source);
    assert_eq!(value(&meta.title).as_deref(), Some("Budget passes"));
    assert_eq!(rule(&meta.title), "meta[property=og:title]");
    assert!(evidence_text(&source, &meta.title).starts_with("<meta property=\"og:title\""));
    assert_eq!(
        value(&meta.authors),
        Some(vec!["Jane Doe".to_string(), "John Roe".to_string()])
    );
    assert_eq!(rule(&meta.authors), "meta[name=author]");
    assert_eq!(value(&meta.published).as_deref(), Some("2025-02-13T14:05:00Z"));
    assert_eq!(value(&meta.modified).as_deref(), Some("2025-02-14"));
    assert_eq!(value(&meta.site_name).as_deref(), Some("The Daily"));
    assert_eq!(value(&meta.section).as_deref(), Some("Politics"));
    assert_eq!(value(&meta.language).as_deref(), Some("en"));
    assert_eq!(value(&meta.description).as_deref(), Some("What happened."));
    assert_eq!(
        value(&meta.image).as_deref(),
        Some("https://thedaily.example/img/lead.jpg")
    );
    assert_eq!(
        value(&meta.url).as_deref(),
        Some("https://thedaily.example/politics/budget")
    );
}

#[test]
fn a_url_author_is_not_a_name() {
    let meta = meta_of(&page(
        r#"<meta property="article:author" content="https://www.facebook.com/someone">"#,
        "",
    ));
    assert_eq!(meta.authors, None);
}

#[test]
fn relative_canonical_resolves_against_og_url() {
    let meta = meta_of(&page(
        r#"<link rel="Canonical" href="/news/2025/03/04/story/">
           <meta property="og:url" content="https://www.example.com/amp/story">"#,
        "",
    ));
    assert_eq!(
        value(&meta.url).as_deref(),
        Some("https://www.example.com/news/2025/03/04/story/")
    );
    assert_eq!(rule(&meta.url), "link[rel=canonical]");
    // No other date on the page: the canonical URL's.
    assert_eq!(value(&meta.published).as_deref(), Some("2025-03-04"));
    assert_eq!(rule(&meta.published), "url-date");
}

#[test]
fn unusable_urls_are_skipped() {
    let relative_only = meta_of(&page(r#"<link rel="canonical" href="/story">"#, ""));
    assert_eq!(relative_only.url, None);
    let not_http = meta_of(&page(
        r#"<link rel="canonical" href="javascript:void(0)">
           <meta property="og:url" content="https://ex.com/story">"#,
        "",
    ));
    assert_eq!(value(&not_http.url).as_deref(), Some("https://ex.com/story"));
    let home = meta_of(&page(
        r#"<link rel="canonical" href="https://ex.com/">
           <meta property="og:url" content="https://ex.com/2025/story">"#,
        "",
    ));
    assert_eq!(value(&home.url).as_deref(), Some("https://ex.com/2025/story"));
}

#[test]
fn byline_elements_lose_their_by() {
    let source = page(
        "",
        r#"<article><h1>Storm hits coast</h1>
           <div class="article-byline">By Jane Doe and John van der Berg | March 3, 2025</div>
           <p>The storm ...</p></article>"#,
    );
    let meta = meta_of(&source);
    assert_eq!(
        value(&meta.authors),
        Some(vec!["Jane Doe".to_string(), "John van der Berg".to_string()])
    );
    assert_eq!(rule(&meta.authors), "byline-element");
    assert_eq!(evidence_text(&source, &meta.authors), "Jane Doe");
}

#[test]
fn a_byline_of_author_links_names_each_linked_author() {
    let authors = |body: &str| value(&meta_of(&page("", body)).authors);
    // Each name is followed by a description its text runs into: the links name both.
    assert_eq!(
        authors(
            r#"<div class="article-byline"><strong>Written by</strong><br>
               <a href="/authors/ana-lima">Ana Lima</a>, 4+ years covering laptops and science<br>
               <a href="/authors/bo-chen">Bo Chen</a>, senior editor with 5+ years testing hardware.</div>"#
        ),
        Some(vec!["Ana Lima".to_string(), "Bo Chen".to_string()])
    );
    // One link: the text is read as before (the name after it is not linked).
    assert_eq!(
        authors(r#"<p class="byline">By <a href="/author/a">Ana Lima</a> and Bo Chen</p>"#),
        Some(vec!["Ana Lima".to_string(), "Bo Chen".to_string()])
    );
}

#[test]
fn a_job_title_after_a_linked_name_ends_the_byline() {
    let authors = |body: &str| value(&meta_of(&page("", body)).authors);
    assert_eq!(
        authors(
            r#"<div class="content_authors">by <span class="author"><a href="/about/#ana">Ana Lima</a>, Senior Director, Content &amp; Marketing, Acme Institute</span></div>"#
        ),
        Some(vec!["Ana Lima".to_string()])
    );
    // A title in brackets goes whole, not up to its first word.
    assert_eq!(
        authors(r#"<div class="author-box"><h4 class="author-box__name">Ana Lima (Content Manager)</h4></div>"#),
        Some(vec!["Ana Lima".to_string()])
    );
}

#[test]
fn byline_forms() {
    let authors = |body: &str| value(&meta_of(&page("", body)).authors);
    let names = |list: &[&str]| Some(list.iter().map(|n| n.to_string()).collect::<Vec<_>>());
    assert_eq!(
        authors(r#"<span class="author">Written by: Ana Lima, MD</span>"#),
        names(&["Ana Lima, MD"])
    );
    assert_eq!(
        authors(
            r#"<p class="byline">By <a href="/author/a">Ana Lima</a>, <a href="/author/b">Bo Chen</a> and <a href="/author/c">Cy Diaz</a></p>"#
        ),
        names(&["Ana Lima", "Bo Chen", "Cy Diaz"])
    );
    assert_eq!(
        authors(
            r#"<div class="author-box"><span class="author-name">Keith Barry</span> <span>Senior Reporter</span></div>"#
        ),
        names(&["Keith Barry"])
    );
    assert_eq!(
        authors(r#"<span itemprop="author" itemscope><span itemprop="name">Ask the Doctors</span></span>"#),
        names(&["Ask the Doctors"])
    );
    // Comment authors, controls and categories are not bylines.
    assert_eq!(
        authors(r#"<div class="comments"><span class="comment-author">Troll King</span></div>"#),
        None
    );
    assert_eq!(authors(r#"<a class="author-link">View more posts</a>"#), None);
    assert_eq!(authors(r#"<span class="byline-category">Lifestyle</span>"#), None);
    assert_eq!(
        authors("<h1>Budget passes</h1><p>By leveraging new tools the council saved money.</p>"),
        None
    );
}

#[test]
fn a_by_line_under_the_headline() {
    let meta = meta_of(&page(
        "<title>Budget passes – The Daily</title>",
        "<nav>Home</nav><h1>Budget passes</h1><div><span>By</span> <span>Ana Lima</span></div><p>Text.</p>",
    ));
    assert_eq!(value(&meta.authors), Some(vec!["Ana Lima".to_string()]));
}

#[test]
fn the_site_is_not_the_author_when_a_person_is_named() {
    let json =
        json_ld(r#"{"@type": "Article", "headline": "H", "author": {"@type": "Organization", "name": "The Daily"}}"#);
    let head = format!(r#"{json}<meta property="og:site_name" content="The Daily">"#);
    let with_person = meta_of(&page(&head, r#"<span class="author-name">Jane Doe</span>"#));
    assert_eq!(value(&with_person.authors), Some(vec!["Jane Doe".to_string()]));
    let alone = meta_of(&page(&head, ""));
    assert_eq!(value(&alone.authors), Some(vec!["The Daily".to_string()]));
}

#[test]
fn the_shown_date_picks_between_machine_dates() {
    let head = json_ld(
        r#"{"@type": "Article", "headline": "Guide", "datePublished": "2021-08-12T19:35:44+00:00",
            "dateModified": "2025-02-22T22:13:14+00:00"}"#,
    );
    // The page presents its revision date as its date.
    let shown = meta_of(&page(
        &head,
        "<h1>Guide</h1><div class=\"date\">February 22, 2025</div><p>x</p>",
    ));
    assert_eq!(value(&shown.published).as_deref(), Some("2025-02-22T22:13:14+00:00"));
    assert_eq!(rule(&shown.published), "json-ld:Article.dateModified");
    // A date labelled as an update is not the publication.
    let updated = meta_of(&page(&head, "<h1>Guide</h1><div>Last updated: February 22, 2025</div>"));
    assert_eq!(value(&updated.published).as_deref(), Some("2021-08-12T19:35:44+00:00"));
}

#[test]
fn dates_from_the_page_when_metadata_has_none() {
    let time = meta_of(&page(
        "",
        r#"<article><h1>T</h1><time datetime="2024-05-31T10:00:00-04:00">May 31</time></article>"#,
    ));
    assert_eq!(value(&time.published).as_deref(), Some("2024-05-31T10:00:00-04:00"));
    assert_eq!(rule(&time.published), "time[datetime]");
    let shown = meta_of(&page("", "<h1>Storm</h1><p>Jane Doe · 12 March 2025</p><p>Body.</p>"));
    assert_eq!(value(&shown.published).as_deref(), Some("2025-03-12"));
    assert_eq!(rule(&shown.published), "dateline-element");
    let labelled = meta_of(&page(
        "",
        "<h1>Storm</h1><p>Body.</p><footer>Posted on April 13, 2023</footer>",
    ));
    assert_eq!(value(&labelled.published).as_deref(), Some("2023-04-13"));
    let revision = meta_of(&page("", "<h1>Storm</h1><p>Updated: Dec 12, 2025</p>"));
    assert_eq!(value(&revision.published).as_deref(), Some("2025-12-12"));
    assert_eq!(rule(&revision.published), "dateline-element:updated");
}

#[test]
fn language_and_title_fallbacks() {
    let meta = meta_of(
        "<html lang=\"pt-BR\"><head><title>Notícia | Jornal</title>\
         <meta property=\"og:site_name\" content=\"Jornal\"></head><body></body></html>",
    );
    assert_eq!(value(&meta.language).as_deref(), Some("pt"));
    assert_eq!(rule(&meta.language), "html[lang]");
    assert_eq!(value(&meta.title).as_deref(), Some("Notícia"));
    assert_eq!(rule(&meta.title), "title");
}

#[test]
fn dates_normalise_to_iso_8601() {
    assert_eq!(normalise_date("2025-02-13").as_deref(), Some("2025-02-13"));
    assert_eq!(normalise_date(" 2025-2-3 ").as_deref(), Some("2025-02-03"));
    assert_eq!(
        normalise_date("2025-02-13T14:05:00+0100").as_deref(),
        Some("2025-02-13T14:05:00+01:00")
    );
    assert_eq!(
        normalise_date("2025-02-13 14:05").as_deref(),
        Some("2025-02-13T14:05:00")
    );
    assert_eq!(
        normalise_date("2025-02-13T14:05:00.5-05").as_deref(),
        Some("2025-02-13T14:05:00-05:00")
    );
    assert_eq!(
        normalise_date("2025-02-13T14:05:00 UTC").as_deref(),
        Some("2025-02-13T14:05:00Z")
    );
    assert_eq!(normalise_date("February 13, 2025").as_deref(), Some("2025-02-13"));
    assert_eq!(normalise_date("0000-00-00"), None);
    assert_eq!(normalise_date("soon"), None);
}

#[test]
fn impossible_machine_dates_give_no_date() {
    for raw in [
        "2025-02-31T25:61:00+0100",
        "2025-02-31",
        "2023-02-29",
        "2025-04-31T10:00:00Z",
        "2025-02-13T24:00:00",
        "2025-02-13T14:60",
        "2025-02-13T14:05:61Z",
        "2025-02-13T14:05:00+1801",
        "2025-02-13T14:05:00-2500",
        "2025-02-13T14:05:00+0160",
    ] {
        assert_eq!(normalise_date(raw), None, "{raw}");
    }
    assert_eq!(normalise_date("2024-02-29").as_deref(), Some("2024-02-29"));
    assert_eq!(
        normalise_date("2016-12-31T23:59:60Z").as_deref(),
        Some("2016-12-31T23:59:60Z")
    );
    assert_eq!(
        normalise_date("2025-02-13T14:05:00+1800").as_deref(),
        Some("2025-02-13T14:05:00+18:00")
    );
}

#[test]
fn garbage_does_not_panic() {
    let nested = "<div class=\"author\">".repeat(3000);
    let inputs = [
        String::new(),
        "<".to_string(),
        "<html lang=\"\"><head><meta content><meta name=\"author\" content=\"\">".to_string(),
        json_ld("{\"@graph\": [[[[{\"@id\": \"x\", \"author\": {\"@id\": \"x\"}}]]]], \"@type\": 5}"),
        json_ld(
            "[{\"@type\": \"Article\", \"author\": {\"@id\": \"a\"}}, {\"@id\": \"a\", \"author\": {\"@id\": \"a\"}}]",
        ),
        json_ld(&format!("{}1{}", "[".repeat(500), "]".repeat(500))),
        json_ld("\u{feff}{\"@type\":\"Article\",\"datePublished\":\"2025-13-45T99:99\",\"headline\":\"é\"}"),
        format!("<h1>Ünïcödé</h1>{nested}By ééé &amp &#x110000; &#99999999; &;"),
        "<meta property=\"og:url\" content=\"https://[::1\"><link rel=canonical href=\"//\">".to_string(),
        "<time datetime=\"2025-02-30T25:61\">x</time><h1>x</h1><p>Updated</p><p>31/02/2025</p>".to_string(),
        "é".repeat(5000) + "<meta name=\"date\" content=\"2025-01-01T00:00:00+9\">",
    ];
    for input in inputs {
        let _ = meta_of(&input);
    }
}

/// Pieces of pages, the kinds that the rules look at, shuffled into any order.
const FRAGMENTS: &[&str] = &[
    "<html lang=\"en-GB\">",
    "<h1>Headline here</h1>",
    "<h2>",
    "</div>",
    "<div class=\"byline author\">",
    "By ",
    "Jane Doe",
    " and ",
    ", ",
    "Updated ",
    "Posted on ",
    "March 3, 2025",
    "<time datetime=\"2025-03-03T10:00:00+0100\">",
    "<meta property=\"article:published_time\" content=\"2025-03-03\">",
    "<meta name=\"author\" content=\"Ana Lima\">",
    "<link rel=\"canonical\" href=\"/a/b\">",
    "<meta property=\"og:url\" content=\"https://ex.com/\">",
    "<script type=\"application/ld+json\">",
    "</script>",
    "{\"@type\": \"NewsArticle\", \"author\": ",
    "{\"@id\": \"#p\"}",
    "[\"é\", {\"name\": \"Ünï\"}]",
    "\"datePublished\": \"2025-02-30T25:00\",",
    "}",
    "&amp;&#x27;&",
    "<!--",
    "-->",
];

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_pages_do_not_panic(
        pieces in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
                any::<String>(),
            ],
            0..60,
        )
    ) {
        let _ = meta_of(&pieces.concat());
    }
}

#[test]
fn the_headline_the_page_prints_is_the_title_when_it_is_the_articles() {
    let head = r#"<meta property="og:site_name" content="The Daily">
        <meta property="og:title" content="Health And Nutrition Trends For 2026 | The Daily">"#;
    let title = |head: &str, body: &str| {
        let source = page(head, body);
        let meta = meta_of(&source);
        (value(&meta.title), rule(&meta.title).to_string())
    };
    // The one <h1> is a variant of the metadata's title: the page prints it.
    assert_eq!(
        title(head, "<h1>Top 10 Health and Nutrition Trends to Watch</h1><p>Text.</p>"),
        (
            Some("Top 10 Health and Nutrition Trends to Watch".to_string()),
            "h1".to_string()
        )
    );
    // A JSON-LD headline that is a one-line description.
    let described = json_ld(
        r#"{"@type": "Article", "headline": "The Nutrition 2025 meeting brought together leading experts in Orlando. I compiled five trends that stood out."}"#,
    );
    assert_eq!(
        title(&described, "<h1>5 Trends from Nutrition 2025</h1>").0.as_deref(),
        Some("5 Trends from Nutrition 2025")
    );
    // The <h1> names the site or the section, or shares only a function word: the metadata's.
    let seo = Some("Health And Nutrition Trends For 2026".to_string());
    assert_eq!(title(head, "<h1>The Daily</h1>").0, seo);
    assert_eq!(title(head, "<h1>For the Record</h1>").0, seo);
    // Two <h1>: which one the article's is, the page does not say.
    assert_eq!(
        title(head, "<h1>Nutrition news</h1><h1>Top 10 Nutrition Trends</h1>").0,
        seo
    );
    // Saying the same words, the metadata's field keeps its evidence.
    assert_eq!(
        title(head, "<h1>Health And Nutrition Trends For 2026</h1>"),
        (seo, "meta[property=og:title]".to_string())
    );
}

#[test]
fn a_preview_cards_written_by_pair_names_the_author() {
    let card = r#"<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="4 minutes">
        <meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Andrew Liptak">"#;
    let source = page(card, "<h1>A story</h1><p>Text.</p>");
    let meta = meta_of(&source);
    assert_eq!(value(&meta.authors), Some(vec!["Andrew Liptak".to_string()]));
    assert_eq!(rule(&meta.authors), "meta[name=twitter:data2]");
    assert!(evidence_text(&source, &meta.authors).contains("Andrew Liptak"));
    // Another language's label reads the same; a label that is not a byline names nobody.
    let german = page(
        r#"<meta name="twitter:label1" content="Geschrieben von"><meta name="twitter:data1" content="Jana Weber">"#,
        "",
    );
    assert_eq!(value(&meta_of(&german).authors), Some(vec!["Jana Weber".to_string()]));
    let price = page(
        r#"<meta name="twitter:label1" content="Price"><meta name="twitter:data1" content="Jane Doe">"#,
        "",
    );
    assert_eq!(value(&meta_of(&price).authors), None);
    // A `<meta>` author stands before the card.
    let both = page(&format!(r#"<meta name="author" content="Jane Doe">{card}"#), "");
    assert_eq!(value(&meta_of(&both).authors), Some(vec!["Jane Doe".to_string()]));
}

#[test]
fn a_date_before_the_name_in_one_byline_text_is_passed_over() {
    let body = |byline: &str| {
        format!(
            "<h1>Buses return to the bridge</h1><div class=\"post-byline\">{byline}</div><p>The bridge reopened.</p>"
        )
    };
    for byline in [
        "March 3, 2025 · Jane Doe",
        "3 March 2025 | Jane Doe",
        "2025-03-03 — Jane Doe",
    ] {
        let meta = meta_of(&page("", &body(byline)));
        assert_eq!(value(&meta.authors), Some(vec!["Jane Doe".to_string()]), "{byline}");
    }
    // A date after the name ends the byline, as before; a date inside a sentence is no byline.
    let after = meta_of(&page("", &body("Jane Doe · March 3, 2025")));
    assert_eq!(value(&after.authors), Some(vec!["Jane Doe".to_string()]));
    let sentence = meta_of(&page("", &body("On March 3, 2025 the council voted to reopen it")));
    assert_eq!(value(&sentence.authors), None);
}

#[test]
fn a_title_longer_than_any_headline_gives_way_to_the_next_source() {
    let huge = "Word ".repeat(2_000);
    let ld = json_ld(&format!(r#"{{"@type": "NewsArticle", "headline": "{huge}"}}"#));
    let source = page(&ld, "<article><h1>Storm hits coast</h1><p>The storm ...</p></article>");
    let meta = meta_of(&source);
    assert_eq!(value(&meta.title).as_deref(), Some("Storm hits coast"));
    assert_eq!(rule(&meta.title), "h1");
    // The same from `og:title`, and a headline just under the bound is still one.
    let source = page(
        &format!(r#"<meta property="og:title" content="{huge}">"#),
        "<h1>Storm hits coast</h1>",
    );
    assert_eq!(value(&meta_of(&source).title).as_deref(), Some("Storm hits coast"));
    let long = "Word ".repeat(190);
    let ld = json_ld(&format!(r#"{{"@type": "NewsArticle", "headline": "{long}"}}"#));
    assert_eq!(value(&meta_of(&page(&ld, "")).title), Some(long.trim().to_string()));
}
