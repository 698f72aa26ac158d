//! Links and images in XML and HTML (issue 11, section 3).

use super::*;

#[test]
fn xml_and_html_carry_links_and_images_on_request_over_the_record_text() {
    let plain = stdout_of(&["clean", "--xml", MARKS]);
    assert!(!plain.contains("<ref") && !plain.contains("<graphic"), "{plain}");
    let marked = stdout_of(&["clean", "--xml", "--links", "--images", MARKS]);
    let doc = parse(&marked);
    let refs: Vec<(&str, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("ref"))
        .map(|n| {
            let text: String = n
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            (n.attribute("target").unwrap_or_default(), text)
        })
        .collect();
    let expected: Vec<(&str, String)> = [
        // Escaped in the attribute, read back as the URL standard wrote it; the spaces around
        // the link's text stay outside it.
        ("https://example.org/q?a=1&b=%22x%22&c=%3Cy%3E", "with a late amendment"),
        ("https://coast.example.com/news/votes/12", "harbour budget"),
        ("https://coast.example.com/maps", ""),
        ("https://coast.example.com/quay", "new quay"),
        ("https://coast.example.com/timetable", "until the new timetable"),
        ("https://coast.example.com/pier/1", "North pier"),
        ("https://coast.example.com/mayor", "the mayor"),
        ("https://coast.example.com/port", "port authority"),
        ("https://coast.example.com/port/news", "its website"),
    ]
    .into_iter()
    .map(|(target, text)| (target, text.to_string()))
    .collect();
    // Relative targets against `<base href>`; `javascript:` is left as its text.
    assert_eq!(refs, expected, "{marked}");
    let graphics: Vec<(&str, &str, Option<&str>)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("graphic"))
        .map(|n| {
            let parent = n.parent_element().map(|p| p.tag_name().name());
            (
                n.attribute("src").unwrap_or_default(),
                n.attribute("alt").unwrap_or_default(),
                parent,
            )
        })
        .collect();
    assert_eq!(
        graphics,
        [
            (
                "https://coast.example.com/news/img/map.png",
                "Map of \"the\" harbour & <quay>",
                Some("p")
            ),
            ("https://coast.example.com/news/img/icon.png", "maps", Some("ref")),
            (
                "https://coast.example.com/news/img/slipway.jpg",
                "The slipway",
                Some("item")
            ),
        ],
        "{marked}"
    );
    // The heading's link is in the heading; the link after a line break follows it.
    assert!(
        marked.contains("<head rend=\"h2\">What the <ref target=\"https://coast.example.com/news/votes/12\">"),
        "{marked}"
    );
    assert!(marked.contains("during the work<lb/><ref target="), "{marked}");
    // The markup lies over the record's text: the text below <main> is the same without it.
    assert_eq!(main_text(&doc), main_text(&parse(&plain)));
    let record = record_of(&[MARKS]);
    let text = record["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("The town council") && text.contains("statement after"),
        "{text}"
    );
    // Each flag alone.
    let links = stdout_of(&["clean", "--xml", "--links", MARKS]);
    assert!(links.contains("<ref ") && !links.contains("<graphic"), "{links}");
    let images = stdout_of(&["clean", "--xml", "--images", MARKS]);
    assert!(!images.contains("<ref") && images.contains("<graphic "), "{images}");
    assert_eq!(main_text(&parse(&images)), main_text(&parse(&plain)));

    // HTML: the same links and images, in a page html5ever reads without an error.
    let page = stdout_of(&["clean", "--html", "--links", "--images", MARKS]);
    let parsed = scraper::Html::parse_document(&page);
    assert!(parsed.errors.is_empty(), "{:?}\n{page}", parsed.errors);
    let select = |css: &str| scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{e}"));
    let anchors: Vec<(&str, String)> = parsed
        .select(&select("article a"))
        .map(|a| (a.attr("href").unwrap_or_default(), a.text().collect::<String>()))
        .collect();
    assert_eq!(anchors, expected, "{page}");
    let images: Vec<(&str, &str)> = parsed
        .select(&select("article img"))
        .map(|i| (i.attr("src").unwrap_or_default(), i.attr("alt").unwrap_or_default()))
        .collect();
    assert_eq!(
        images,
        [
            (
                "https://coast.example.com/news/img/map.png",
                "Map of \"the\" harbour & <quay>"
            ),
            ("https://coast.example.com/news/img/icon.png", "maps"),
            ("https://coast.example.com/news/img/slipway.jpg", "The slipway"),
        ]
    );
    assert_eq!(parsed.select(&select("article a > img")).count(), 1);
    let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
    let body: String = parsed
        .select(&select("article > :not(h1)"))
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" ");
    // Word for word the record's text (the image stands between two words, not inside one).
    assert_eq!(words(&body.replace('\t', " ")), words(text), "{page}");
    // An image standing alone after a paragraph is a figure of its own.
    let figure = stdout_of(&["clean", "--html", "--images", LINKS]);
    assert!(
        figure.contains("said in a statement.</p>\n<figure><img src=\"https://news.example.com/city/img/bridge%20(dawn).jpg\" alt=\"The bridge [at dawn]\"></figure>\n"),
        "{figure}"
    );
    // Text, JSON and CSV have no place for them: refused, before anything is read.
    for shape in ["--json", "--csv", "--jsonl"] {
        pith()
            .args(["clean", shape, "--images", MARKS])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("--markdown|--xml|--html"));
    }
}

/// A target whose scheme runs code is not written, however the page hides its scheme: the URL
/// standard drops tabs, line breaks and leading control characters, so `java&#x09;script:` is
/// `javascript:` to a browser (an HTML output with such a link would run it).
#[test]
fn a_scheme_that_runs_code_is_never_written_however_it_is_spelled() {
    let dir = temp();
    let page = dir.path().join("js.html");
    write(
        &page,
        "<html><body><article><p>The harbour reopened on Monday after three weeks of repairs, \
         <a href=\"java&#x09;script:alert(1)\">tab</a>, <a href=\"java&#x0A;script:alert(2)\">newline</a>, \
         <a href=\"&#x01;javascript:alert(3)\">control</a>, <a href=\"https://example.org/port\">port</a>, \
         officials said in a statement on the day.</p><p>More than forty ships docked by the end of the \
         week, and officials expected traffic to return to normal within a month. \
         <img src=\"data&#x09;:text/html,x\" alt=\"pic\"><img src=\"java&#x09;script:alert(5)\" alt=\"pic2\">\
         <img src=\"https://example.org/ship.jpg\" alt=\"ship\"></p></article></body></html>",
    );
    let Some(name) = page.to_str() else {
        panic!("a temporary path is UTF-8");
    };
    for shape in ["--html", "--xml", "--markdown"] {
        let out = stdout_of(&["clean", shape, "--links", "--images", name]);
        let lower = out.to_ascii_lowercase();
        assert!(
            !lower.contains("alert(") && !lower.contains("text/html"),
            "{shape}: {out}"
        );
        assert!(
            out.contains("https://example.org/port") && out.contains("ship.jpg"),
            "{shape}: {out}"
        );
        assert!(
            out.contains("tab") && out.contains("newline"),
            "{shape}: the links' text stays: {out}"
        );
    }
}
