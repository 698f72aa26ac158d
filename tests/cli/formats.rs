//! What a trafilatura user expects (issue 11, section 3).

use super::*;

#[test]
fn with_metadata_puts_the_provenance_above_text_and_markdown_as_yaml_that_reads_back_exactly() {
    let record = record_of(&[AWKWARD]);
    let p = &record["provenance"];
    assert_eq!(p["outlet"], ": x");
    assert!(p["title"]
        .as_str()
        .is_some_and(|t| t.contains("\"Jerry\" <win>") && t.contains('&')));
    for (shape, body) in [("", &record["text"]), ("--markdown", &serde_json::Value::Null)] {
        let mut args = vec!["clean", "--with-metadata", AWKWARD];
        if !shape.is_empty() {
            args.push(shape);
        }
        let (yaml, below) = front_matter(&stdout_of(&args));
        // Every value reads back as the string the record holds: `yes` is not true, `: x` no key.
        assert_eq!(yaml["title"].as_str(), p["title"].as_str(), "{shape}");
        assert_eq!(yaml["date"].as_str(), p["published"].as_str());
        assert_eq!(yaml["outlet"].as_str(), Some(": x"));
        assert_eq!(yaml["language"].as_str(), p["language"].as_str());
        let authors: Vec<&str> = yaml["authors"]
            .as_vec()
            .map_or(Vec::new(), |v| v.iter().filter_map(|a| a.as_str()).collect());
        let expected: Vec<&str> = p["authors"]
            .as_array()
            .map_or(Vec::new(), |v| v.iter().filter_map(|a| a.as_str()).collect());
        assert_eq!(authors, expected);
        assert!(authors.contains(&"yes"), "{authors:?}");
        // Only known fields: this page gives no url.
        assert!(p["url"].is_null() && yaml["url"].is_badvalue(), "{shape}");
        if let Some(text) = body.as_str() {
            assert_eq!(below, text);
        } else {
            assert_eq!(below, stdout_of(&["clean", "--markdown", AWKWARD]));
        }
    }
    // Without the flag, nothing changes.
    assert_eq!(
        stdout_of(&["clean", AWKWARD]),
        record["text"].as_str().unwrap_or_default()
    );
}

#[test]
fn url_is_the_url_of_a_page_that_gives_none_and_is_refused_for_several_inputs() {
    let page = "The council approved the new harbour budget on Monday after a long debate, officials said.\n";
    let out = pith()
        .args(["clean", "--json", "--url", "https://News.Example.com/harbour?id=1"])
        .write_stdin(page)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let p = &record["provenance"];
    assert_eq!(p["url"], "https://news.example.com/harbour?id=1");
    assert_eq!(p["host"], "news.example.com");
    assert_eq!(p["evidence"]["url"]["rule"], "cli:url");
    // A page that gives its own url keeps it; `--url` still says where its links point from.
    let record = record_of(&["--url", "https://mirror.example.net/copies/bridge.html", LINKS]);
    assert_eq!(
        record["provenance"]["url"],
        "https://news.example.com/city/2024/05/bridge-reopens"
    );
    let markdown = stdout_of(&[
        "clean",
        "--markdown",
        "--links",
        "--url",
        "https://mirror.example.net/copies/bridge.html",
        LINKS,
    ]);
    assert!(
        markdown.contains("[Old Town bridge](https://mirror.example.net/city/old-town-bridge)"),
        "{markdown}"
    );
    // Several inputs, a WARC file (many records) or JSONL lines (each with its own url): refused.
    for args in [
        &["clean", "--url", "https://example.com/", AWKWARD, LINKS][..],
        &["clean", "--url", "https://example.com/", "fixtures/shapes"],
        &["clean", "--url", "https://example.com/", "fixtures/warc/sample.warc"],
        &["clean", "--url", "https://example.com/", "--jsonl-in", "-"],
    ] {
        pith()
            .args(args)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "--url https://example.com/ names the address of one page",
            ));
    }
    pith()
        .args(["clean", "--url", "not a url", AWKWARD])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an absolute URL"));
}

#[test]
fn markdown_from_html_keeps_links_and_images_resolved_against_the_page_address_on_request() {
    let plain = stdout_of(&["clean", "--markdown", LINKS]);
    assert!(
        !plain.contains("](") && plain.contains("The Old Town bridge reopened"),
        "{plain}"
    );
    let links = stdout_of(&["clean", "--markdown", "--links", LINKS]);
    // Relative to the page's canonical address; an absolute one as it is (`&amp;` read as `&`).
    assert!(
        links.contains("The [Old Town bridge](https://news.example.com/city/old-town-bridge) reopened"),
        "{links}"
    );
    assert!(
        links.contains("[city's works department](https://works.example.org/notices?id=7&lang=en)"),
        "{links}"
    );
    // A link that leads nowhere (`javascript:`) is its text; navigation stays out.
    assert!(
        links.contains("river path open. Share\n") && !links.contains("Home"),
        "{links}"
    );
    assert!(!links.contains("!["), "{links}");
    let images = stdout_of(&["clean", "--markdown", "--links", "--images", LINKS]);
    // The figure's image after the paragraph before it; brackets in its alt text and the
    // parentheses and space of its address escaped.
    assert!(
        images.contains("said in a statement.\n\n![The bridge \\[at dawn\\]](https://news.example.com/city/img/bridge%20\\(dawn\\).jpg)\n\nEngineers"),
        "{images}"
    );
    // The record does not change (its text, its ledger): tests/html.rs checks it on every page.
    // --links and --images are for markdown, XML and HTML.
    pith()
        .args(["clean", "--links", LINKS])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--markdown"));
}

#[test]
fn no_tables_leaves_tables_out_of_the_body_and_names_them_in_the_ledger() {
    let with = record_of(&[LINKS]);
    let without = record_of(&["--no-tables", LINKS]);
    let text = |r: &serde_json::Value| r["text"].as_str().unwrap_or_default().to_string();
    assert!(text(&with).contains("Monday\t12,400"), "{}", text(&with));
    assert!(!text(&without).contains("12,400") && !text(&without).contains("Vehicles"));
    assert!(text(&without).contains("Traffic counts for the first two days"));
    let rules = |r: &serde_json::Value| -> Vec<String> {
        r["segments"].as_array().map_or(Vec::new(), |s| {
            s.iter().filter_map(|s| s["rule"].as_str().map(String::from)).collect()
        })
    };
    // The three rows sit at one path with one verdict: the ledger gives them one segment.
    assert_eq!(rules(&without).iter().filter(|r| *r == "table").count(), 1);
    let tables: Vec<&str> = without["segments"].as_array().map_or(Vec::new(), |s| {
        s.iter()
            .filter(|s| s["rule"] == "table")
            .filter_map(|s| s["content"].as_str())
            .collect()
    });
    assert_eq!(tables, ["Day\tVehicles\n\nMonday\t12,400\n\nTuesday\t13,100"]);
    // Kept, an HTML table is one markdown table, its first row the header.
    let markdown = stdout_of(&["clean", "--markdown", LINKS]);
    assert!(
        markdown.contains("\n\n| Day | Vehicles |\n| --- | --- |\n| Monday | 12,400 |\n| Tuesday | 13,100 |\n\n"),
        "{markdown}"
    );
    assert!(!rules(&with).iter().any(|r| r == "table"));
    for shape in ["--markdown", "--csv", "--xml", "--html"] {
        let out = stdout_of(&["clean", shape, "--no-tables", LINKS]);
        assert!(
            !out.contains("12,400") && out.contains("Traffic counts"),
            "{shape}: {out}"
        );
    }
}

#[test]
fn csv_is_one_header_and_one_quoted_row_per_document() {
    let dir = temp();
    // A name holding a quote, a comma and a line break: the `source` column must carry it whole.
    let odd = dir.path().join("odd \"name\", with\nbreak.html");
    write(&odd, read(std::path::Path::new(AWKWARD)));
    let odd_name = odd.display().to_string();
    let out = pith()
        .args(["clean", "--csv", AWKWARD, LINKS, &odd_name])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(String::from).collect())
        .unwrap_or_default();
    assert_eq!(
        header,
        [
            "source",
            "title",
            "authors",
            "published",
            "url",
            "host",
            "outlet",
            "section",
            "language",
            "page_type",
            "confidence",
            "text"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(rows.len(), 3);
    for (row, path) in rows.iter().zip([AWKWARD, LINKS, &odd_name]) {
        let record = record_of(&[path]);
        let p = &record["provenance"];
        let field = |name: &str| {
            row.get(header.iter().position(|h| h == name).unwrap_or(usize::MAX))
                .unwrap_or("<none>")
        };
        assert_eq!(field("source"), path);
        assert_eq!(field("title"), p["title"].as_str().unwrap_or(""));
        let authors: Vec<&str> = p["authors"]
            .as_array()
            .map_or(Vec::new(), |a| a.iter().filter_map(|a| a.as_str()).collect());
        assert_eq!(field("authors"), authors.join("; "));
        assert_eq!(field("url"), p["url"].as_str().unwrap_or(""));
        assert_eq!(field("outlet"), p["outlet"].as_str().unwrap_or(""));
        assert_eq!(field("page_type"), record["page_type"].as_str().unwrap_or(""));
        assert_eq!(
            field("confidence"),
            record["confidence"].as_f64().map(|c| c.to_string()).unwrap_or_default()
        );
        assert_eq!(field("text"), record["text"].as_str().unwrap_or(""));
    }
    // One input: the header and its row. With -o, a .csv file each.
    assert_eq!(
        stdout_of(&["clean", "--csv", AWKWARD]).lines().next(),
        Some(header.join(",").as_str())
    );
    pith()
        .args(["clean", "--csv", "-o"])
        .arg(dir.path().join("out"))
        .args([AWKWARD, LINKS])
        .assert()
        .code(0);
    let file = read(&dir.path().join("out/awkward-metadata.csv"));
    assert!(
        file.starts_with("source,title,") && file.contains("\"Tom & \"\"Jerry\"\" <win> yes: no\""),
        "{file}"
    );
}

/// A run that gives no record still writes an XML document (a root, empty), as JSON writes `[]`:
/// an empty folder, and one input that cannot be read.
#[test]
fn xml_of_no_records_is_still_a_document() {
    let dir = temp();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| panic!("{e}"));
    let none = pith()
        .args(["clean", "--xml"])
        .arg(&empty)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let bad = pith()
        .args(["clean", "--xml", "fixtures/bad/binary.txt"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    for out in [&none, &bad] {
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<docs/>\n"
        );
    }
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn xml_is_well_formed_with_provenance_as_attributes_that_read_back_exactly() {
    let dir = temp();
    let odd = dir.path().join("odd \"<name>\" & \tmore\nlines.html");
    write(&odd, read(std::path::Path::new(AWKWARD)));
    let odd_name = odd.display().to_string();
    let one = stdout_of(&["clean", "--xml", &odd_name]);
    assert!(
        one.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<doc "),
        "{one}"
    );
    let doc = roxmltree::Document::parse(&one).unwrap_or_else(|e| panic!("{e}: {one}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "doc");
    let record = record_of(&[&odd_name]);
    let p = &record["provenance"];
    let attrs = attributes(root);
    // A tab and a line break in a value survive attribute normalisation.
    assert_eq!(attrs.get("source").map(String::as_str), Some(odd_name.as_str()));
    assert_eq!(attrs.get("title").map(String::as_str), p["title"].as_str());
    assert_eq!(attrs.get("author").map(String::as_str), Some("yes; #Null"));
    assert_eq!(attrs.get("date").map(String::as_str), Some("2024-05-06"));
    assert_eq!(attrs.get("sitename").map(String::as_str), Some(": x"));
    assert_eq!(attrs.get("language").map(String::as_str), Some("en"));
    assert_eq!(attrs.get("pagetype").map(String::as_str), Some("article"));
    assert!(!attrs.contains_key("url"), "only known fields: {attrs:?}");
    // The body: paragraphs (a line break as <lb/>), then the list.
    let main = root
        .children()
        .find(|n| n.has_tag_name("main"))
        .unwrap_or_else(|| panic!("no <main>: {one}"));
    let children: Vec<&str> = main
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(children, ["p", "p", "list"]);
    let first = main
        .children()
        .find(|n| n.has_tag_name("p"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(first.contains("5 < 6 > 4 by \"critics\""), "{first}");
    assert_eq!(main.descendants().filter(|n| n.has_tag_name("lb")).count(), 1);
    assert_eq!(main.descendants().filter(|n| n.has_tag_name("item")).count(), 2);
    // Several: one <docs> with one <doc> each, in input order; a table as rows of cells.
    let several = stdout_of(&["clean", "--xml", AWKWARD, LINKS]);
    let docs = roxmltree::Document::parse(&several).unwrap_or_else(|e| panic!("{e}: {several}"));
    assert_eq!(docs.root_element().tag_name().name(), "docs");
    let sources: Vec<&str> = docs
        .root_element()
        .children()
        .filter_map(|n| n.attribute("source"))
        .collect();
    assert_eq!(sources, [AWKWARD, LINKS]);
    let cells: Vec<&str> = docs
        .descendants()
        .filter(|n| n.has_tag_name("cell"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(cells, ["Day", "Vehicles", "Monday", "12,400", "Tuesday", "13,100"]);
    // A markdown table is one block, a line a row.
    let dump = "The council approved the new harbour budget on Monday after a long debate, officials said.\n\n| Day | Ships |\n|---|---|\n| Monday | 40 |\n\nThe harbour master said traffic would return to normal within a month, the statement said.\n";
    let out = pith()
        .args(["clean", "--xml", "--format", "markdown"])
        .write_stdin(dump)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let xml = String::from_utf8_lossy(&out.stdout);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let rows: Vec<Vec<&str>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("row"))
        .map(|row| row.children().filter_map(|c| c.text()).collect())
        .collect();
    assert_eq!(rows, [["Day", "Ships"], ["Monday", "40"]], "{xml}");
    // With -o, one file per input, each a document of its own.
    pith()
        .args(["clean", "--xml", "-o"])
        .arg(dir.path().join("out"))
        .args([AWKWARD, LINKS])
        .assert()
        .code(0);
    for name in ["awkward-metadata.xml", "links-images-table.xml"] {
        let file = read(&dir.path().join("out").join(name));
        let doc = roxmltree::Document::parse(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), "doc");
    }
}

#[test]
fn html_is_one_valid_escaped_page_and_several_need_an_output_dir() {
    let page = stdout_of(&["clean", "--html", AWKWARD]);
    assert!(
        page.starts_with("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"),
        "{page}"
    );
    // html5ever reports every parse error of a page (as it does for a stray end tag).
    assert!(
        !scraper::Html::parse_document("<!doctype html><title>t</title><p>a</b>")
            .errors
            .is_empty()
    );
    let parsed = scraper::Html::parse_document(&page);
    assert!(parsed.errors.is_empty(), "{:?}\n{page}", parsed.errors);
    let select = |css: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{e}"));
        parsed
            .select(&selector)
            .map(|e| e.text().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let record = record_of(&[AWKWARD]);
    let title = record["provenance"]["title"].as_str().unwrap_or_default();
    assert_eq!(select("head > title"), [title]);
    assert_eq!(select("article > h1"), [title]);
    let author = scraper::Selector::parse("meta[name=author]").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        parsed
            .select(&author)
            .filter_map(|e| e.attr("content"))
            .collect::<Vec<_>>(),
        ["yes; #Null"]
    );
    let paragraphs = select("article > p");
    assert_eq!(paragraphs.len(), 2);
    assert!(
        paragraphs
            .first()
            .is_some_and(|p| p.contains("5 < 6 > 4 by \"critics\"")),
        "{paragraphs:?}"
    );
    assert_eq!(select("article > ul > li"), ["Best duo", "Best chase, 1940–1958"]);
    // The page's text is the record's.
    let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
    let body: String = select("article > :not(h1)").join(" ");
    assert_eq!(words(&body), words(record["text"].as_str().unwrap_or_default()));
    // Several pages cannot be one stream: refused without -o, one file each with it.
    pith()
        .args(["clean", "--html", AWKWARD, LINKS])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--html writes one page per document, but 2 inputs are given",
        ));
    let dir = temp();
    pith()
        .args(["clean", "--html", "-o"])
        .arg(dir.path())
        .args([AWKWARD, LINKS])
        .assert()
        .code(0);
    let table = read(&dir.path().join("links-images-table.html"));
    assert!(
        table.contains("<table>\n<tr><td>Day</td><td>Vehicles</td></tr>\n"),
        "{table}"
    );
    assert!(scraper::Html::parse_document(&table).errors.is_empty());
    assert!(dir.path().join("awkward-metadata.html").exists());
}

#[test]
fn html_writes_no_canonical_link_that_would_run_code() {
    let dir = temp();
    let text = "The council met on Monday to approve the budget for the next two years.\n";
    for (url, link) in [
        ("javascript:alert(1)", None),
        (
            "https://news.example.com/budget",
            Some("https://news.example.com/budget"),
        ),
    ] {
        let line = serde_json::json!({"id": "x", "text": text, "url": url}).to_string() + "\n";
        write(&dir.path().join("in.jsonl"), line);
        let _ = std::fs::remove_dir_all(dir.path().join("out"));
        pith()
            .current_dir(dir.path())
            .args(["clean", "-q", "--html", "--jsonl-in", "in.jsonl", "-o", "out"])
            .assert()
            .success();
        let page = std::fs::read_to_string(dir.path().join("out/x.html")).unwrap_or_else(|e| panic!("{e}"));
        let canonical = match link {
            Some(link) => page.contains(&format!("<link rel=\"canonical\" href=\"{link}\">")),
            None => !page.contains("rel=\"canonical\"") && !page.contains("javascript"),
        };
        assert!(canonical, "{page}");
    }
}
