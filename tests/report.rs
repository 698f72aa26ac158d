//! The HTML views (`pith explain --html`, `pith group --html`), as a browser reads them: every
//! segment of the ledger is on the page, the page parses without errors and fetches nothing,
//! input is text and never markup, evidence links land on its bytes, and copies show their
//! word diffs.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use scraper::{ElementRef, Html, Selector};

fn pith() -> Command {
    let mut cmd = Command::cargo_bin("pith").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

/// Runs pith and returns its stdout; it must succeed.
fn stdout(args: &[&str]) -> String {
    let out = pith().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "pith {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("pith {args:?}: not UTF-8: {e}"))
}

fn record(path: &str) -> serde_json::Value {
    serde_json::from_str(&stdout(&["clean", "--json", path])).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn select<'a>(page: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap_or_else(|e| panic!("{selector}: {e:?}"));
    page.select(&selector).collect()
}

fn text(element: &ElementRef) -> String {
    element.text().collect()
}

/// The page parses without an error html5ever reports, holds nothing that fetches or runs
/// (scripts, links to stylesheets, images, frames, `url(…)` or `@import` in its style), links
/// only within itself, and gives no two elements one id.
fn assert_self_contained(name: &str, html: &str) -> Html {
    let page = Html::parse_document(html);
    assert!(page.errors.is_empty(), "{name}: parse errors {:?}", page.errors);
    assert!(html.starts_with("<!doctype html>\n"), "{name}");
    for tag in [
        "script",
        "link",
        "img",
        "iframe",
        "object",
        "embed",
        "base",
        "meta[http-equiv]",
    ] {
        assert!(select(&page, tag).is_empty(), "{name}: has <{tag}>");
    }
    let style: String = select(&page, "style").iter().map(text).collect();
    assert!(!style.contains("url(") && !style.contains("@import"), "{name}");
    for link in select(&page, "[href]") {
        let href = link.value().attr("href").unwrap_or_default();
        assert!(href.starts_with('#'), "{name}: links out: {href}");
    }
    let mut ids = BTreeSet::new();
    for element in select(&page, "[id]") {
        let id = element.value().attr("id").unwrap_or_default();
        assert!(ids.insert(id.to_string()), "{name}: id {id} twice");
    }
    page
}

const PAGES: [&str; 6] = [
    "fixtures/html/related-box.html",
    "fixtures/html/json-ld-authors.html",
    "fixtures/html/cookie-banner.html",
    "fixtures/003_cfd07240930c966c.txt",
    "fixtures/rules/byline.txt",
    "fixtures/rules/media.md",
];

#[test]
fn every_segment_of_the_ledger_is_on_the_page_in_order() {
    for path in PAGES {
        let record = record(path);
        let html = stdout(&["explain", "--html", path]);
        let page = assert_self_contained(path, &html);
        let shown: Vec<(String, String, String)> = select(&page, "[data-start]")
            .iter()
            .map(|e| {
                let attr = |name| e.value().attr(name).unwrap_or_default().to_string();
                (attr("data-start"), attr("data-end"), attr("data-rule"))
            })
            .collect();
        let ledger: Vec<(String, String, String)> = record["segments"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                (
                    s["start"].to_string(),
                    s["end"].to_string(),
                    s["rule"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        assert!(!ledger.is_empty(), "{path}");
        assert_eq!(shown, ledger, "{path}");
    }
}

#[test]
fn kept_text_is_plain_and_dropped_segments_carry_their_rule_and_reason() {
    let path = "fixtures/html/related-box.html";
    let record = record(path);
    let page = Html::parse_document(&stdout(&["explain", "--html", path]));
    let segments = select(&page, "[data-start]");
    for (element, segment) in segments.iter().zip(record["segments"].as_array().into_iter().flatten()) {
        let class = element.value().attr("class").unwrap_or_default();
        let title = element.value().attr("title").unwrap_or_default();
        let rule = segment["rule"].as_str().unwrap_or_default();
        let reason = segment["reason"].as_str().unwrap_or_default();
        assert!(title.starts_with(&format!("{rule}: {reason}")), "{title}");
        if segment["keep"] == true {
            assert!(class.contains("keep") && !class.contains("drop"), "{class}");
            // An HTML block shows its visible text, not its markup.
            let content = segment["content"].as_str().unwrap_or_default();
            let shown = element.text().collect::<Vec<_>>().join(" ");
            assert_eq!(
                shown.split_whitespace().collect::<Vec<_>>(),
                content.split_whitespace().collect::<Vec<_>>()
            );
        } else {
            assert!(
                class.contains("drop") && class.contains(&format!("r-{rule}")),
                "{class}"
            );
        }
    }
    // The legend counts each rule in its colour: related dropped 4 segments here.
    let legend = select(&page, ".legend tbody tr.r-related");
    let cells: Vec<String> = legend
        .iter()
        .flat_map(|row| row.child_elements().map(|c| text(&c)))
        .collect();
    assert_eq!(
        cells.get(1..3),
        Some(&["related".to_string(), "4".to_string()][..]),
        "{cells:?}"
    );
    let style: String = select(&page, "style").iter().map(text).collect();
    assert!(style.contains(&format!(
        ".r-related{{--c:{};",
        pith::render::rule_colour(pith::rule::Rule::Related)
    )));
}

/// Each provenance field whose evidence names bytes links to a mark on exactly those bytes.
#[test]
fn evidence_links_land_on_the_bytes_they_name() {
    for path in PAGES {
        let record = record(path);
        let input = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_default();
        let page = Html::parse_document(&stdout(&["explain", "--html", path]));
        let mut linked = 0;
        for (field, evidence) in record["provenance"]["evidence"].as_object().into_iter().flatten() {
            let (Some(start), Some(end)) = (evidence["start"].as_u64(), evidence["end"].as_u64()) else {
                continue;
            };
            let id = format!("d0-ev-{field}");
            let links = select(&page, &format!(".prov a[href='#{id}']"));
            assert_eq!(links.len(), 1, "{path}: {field}");
            assert_eq!(text(&links[0]), format!("{start}..{end}"));
            let marks = select(&page, &format!("mark#{id}"));
            let [mark] = marks.as_slice() else {
                panic!("{path}: no mark for {field}")
            };
            let bytes = input.get(start as usize..end as usize).unwrap_or_default();
            assert_eq!(text(mark), bytes, "{path}: {field}");
            linked += 1;
        }
        assert!(linked > 0 || path.ends_with(".md"), "{path}: no evidence with bytes");
    }
}

#[test]
fn input_is_shown_as_text_never_as_markup() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dump = dir.path().join("<b>x & y.txt");
    std::fs::write(
        &dump,
        "Home\nNews\n\nThe council said on Monday that <script>alert(1)</script> would not run on its \
         pages, and that \"quotes\" & ampersands stay as they are in the text it publishes.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let page_path = dir.path().join("page.html");
    std::fs::write(
        &page_path,
        "<html><head><title>A &lt;b&gt; title</title><script>alert(2)</script></head><body><article>\
         <h1>Council &lt;script&gt; story</h1><p>The council said on Monday that &lt;script&gt;alert(1)&lt;/script&gt; \
         would not run on its pages, and that the text stays text whatever it holds.</p></article></body></html>",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for path in [&dump, &page_path] {
        let name = path.display().to_string();
        let html = stdout(&["explain", "--html", &name]);
        let page = assert_self_contained(&name, &html);
        let body: String = select(&page, ".ledger").iter().map(text).collect();
        assert!(body.contains("<script>alert(1)</script>"), "{name}: {body}");
        assert!(!html.contains("<script>alert"), "{name}");
        let heading: String = select(&page, "h1").iter().map(text).collect();
        assert_eq!(heading, name);
    }
    let html = stdout(&["explain", "--html", &page_path.display().to_string()]);
    let page = Html::parse_document(&html);
    let title: String = select(&page, ".prov td.v").iter().take(1).map(text).collect();
    assert_eq!(title, "Council <script> story");
}

#[test]
fn an_empty_input_is_a_page_with_its_warning() {
    let path = "fixtures/bad/empty.txt";
    let page = assert_self_contained(path, &stdout(&["explain", "--html", path]));
    assert!(select(&page, "[data-start]").is_empty());
    let warnings: String = select(&page, ".warnings").iter().map(text).collect();
    assert!(warnings.contains("empty input"), "{warnings}");
}

#[test]
fn the_page_is_the_same_bytes_every_time() {
    let path = "fixtures/html/json-ld-authors.html";
    assert_eq!(
        stdout(&["explain", "--html", path]),
        stdout(&["explain", "--html", path])
    );
}

/// A WARC file is one page with a section a record, each with anchors of its own.
#[test]
fn a_warc_file_is_one_page_of_sections() {
    let path = "fixtures/warc/sample.warc";
    let html = stdout(&["explain", "--html", path]);
    let page = assert_self_contained(path, &html);
    let sections = select(&page, "section.doc");
    let records = stdout(&["clean", "--jsonl", path]).lines().count();
    assert!(records > 1);
    assert_eq!(sections.len(), records);
}

#[test]
fn group_html_sets_copies_side_by_side_with_their_word_diff() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let seed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/002_afc870d9edf609b6.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(seed.contains("German minister"));
    std::fs::write(dir.path().join("a.txt"), &seed).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("b.txt"),
        seed.replacen("German minister", "Austrian minister", 1),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let name = dir.path().display().to_string();
    let html = stdout(&["group", "-q", "--html", &name]);
    let page = assert_self_contained(&name, &html);
    let members: Vec<String> = select(&page, "section.group .member h3").iter().map(text).collect();
    let (a, b) = (format!("{name}/a.txt"), format!("{name}/b.txt"));
    assert_eq!(members.iter().collect::<BTreeSet<_>>(), [&a, &b].into_iter().collect());
    let removed: Vec<String> = select(&page, ".member .body del").iter().map(text).collect();
    let added: Vec<String> = select(&page, ".member .body ins").iter().map(text).collect();
    // The second member is marked against the canonical first.
    let (old, new) = if members.first() == Some(&a) {
        ("German", "Austrian")
    } else {
        ("Austrian", "German")
    };
    assert_eq!((removed, added), (vec![old.to_string()], vec![new.to_string()]));
}

/// Two JSONL inputs may both hold an `a.html` (two shards of one crawl): their groups share a
/// source name, and so the id that names it, yet every element id on the page is its own.
#[test]
fn group_html_ids_are_unique_when_sources_share_a_name() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut lines = String::new();
    for fixture in [
        "001_2faf6ce82c38984a.txt",
        "002_afc870d9edf609b6.txt",
        "003_cfd07240930c966c.txt",
    ] {
        let text = std::fs::read_to_string(root.join(fixture)).unwrap_or_else(|e| panic!("{e}"));
        lines.push_str(&serde_json::json!({"id": "a.html", "text": text}).to_string());
        lines.push('\n');
    }
    let input = dir.path().join("shards.jsonl");
    std::fs::write(&input, lines).unwrap_or_else(|e| panic!("{e}"));
    let name = input.display().to_string();
    let html = stdout(&["group", "-q", "--html", "--jsonl-in", &name]);
    let page = assert_self_contained(&name, &html);
    let ids: Vec<String> = select(&page, "[id]")
        .iter()
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect();
    let sections = select(&page, "section[id]").len();
    assert_eq!(sections, 3, "{ids:?}");
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "{ids:?}");
    // The first keeps the group's own id, so links to it from `--jsonl` output still land.
    let first_group: serde_json::Value = serde_json::from_str(
        stdout(&["group", "-q", "--jsonl", "--jsonl-in", &name])
            .lines()
            .next()
            .unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids.first().map(String::as_str), first_group["id"].as_str());
    assert_eq!(html, stdout(&["group", "-q", "--html", "--jsonl-in", &name]));
}

#[test]
fn group_html_refuses_json_beside_it() {
    pith()
        .args(["group", "--html", "--json", "fixtures/rules"])
        .assert()
        .code(2);
}

/// The pages of two fixtures and of the seeds' groups, from `<body>` on (the stylesheet is
/// the same on every page), as reviewable snapshots.
#[test]
fn report_snapshots() {
    let body = |html: String| {
        html.split_once("<body>\n")
            .map(|(_, body)| body.to_string())
            .unwrap_or(html)
    };
    let seeds = [
        "fixtures/000_3cf22583a51e9ceb.txt",
        "fixtures/001_2faf6ce82c38984a.txt",
        "fixtures/002_afc870d9edf609b6.txt",
        "fixtures/003_cfd07240930c966c.txt",
        "fixtures/004_73f6c8b27e53c62e.txt",
    ];
    let mut group = vec!["group", "-q", "--html"];
    group.extend(seeds);
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("explain-html-related-box", body(stdout(&["explain", "--html", "fixtures/html/related-box.html"])));
        insta::assert_snapshot!("explain-html-byline", body(stdout(&["explain", "--html", "fixtures/rules/byline.txt"])));
        insta::assert_snapshot!("group-seeds-html", body(stdout(&group)));
    });
}
