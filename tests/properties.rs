//! Invariants on random input: pith never panics, and the ledger always restores the input.

use proptest::prelude::*;

fn check(name: &str, bytes: Vec<u8>) {
    let options = pith::Options::default();
    let Ok(source) = pith::input::decode(name, bytes.clone(), &options.read) else {
        return;
    };
    let record = pith::clean(&source);
    let mut covered = 0;
    for segment in &record.segments {
        assert_eq!(segment.start, covered, "gap or overlap in the ledger");
        covered = segment.end;
    }
    assert_eq!(covered, source.text.len());
    // Only a legacy encoding with several byte sequences for one character keeps restore from
    // being exact, and then a warning says so.
    if !source.warnings.iter().any(|w| w.contains("not give them back exactly")) {
        assert_eq!(record.restore().ok(), Some(bytes));
    }
}

/// Lines that look like pages: words, links, markdown, bullets, dates, blank lines.
fn page_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[A-Za-z ,.]{0,120}",
        "(By|Read more:|Share|©|# |\\* \\[|> |Original url:) ?[A-Za-z ]{0,30}",
        "\\[[a-z ]{0,10}\\]\\(https?://[a-z./]{0,20}\\)",
        "[0-9]{1,2} (February|März|февраля) 20[0-9]{2}",
        "(```|\\|[a-z]\\||---|\\s{0,4})",
        "[\\PC\\n\\r\\t]{0,40}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

/// Markup-like text: tags (closed, unclosed, stray), attributes, comments, entities and words.
fn html_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "<(p|div|b|i|a|font|td|tr|table|li|ul|h1|article|nav|span)( [a-z]{1,6}=\"[a-z <>]{0,8}\")?( class=[a-z-]{1,10})?>",
        "</(p|div|b|i|a|font|td|tr|table|li|ul|h1|article|nav|span)>",
        "[A-Za-z ,.]{0,60}",
        "(<!--[a-z ]{0,10}-->|&amp;|&nbsp;|<br>|<script>[a-z<>]{0,10}</script>|<)",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn html_like_markup_restores(html in html_like()) {
        check("random.html", html.into_bytes());
    }

    #[test]
    fn page_like_text_restores(text in page_like()) {
        check("random.txt", text.clone().into_bytes());
        check("random.md", text.into_bytes());
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check("random.txt", bytes.clone());
        check("random.md", bytes);
    }
}

/// Inputs built to make a careless scan quadratic: unclosed brackets, endless menus, a wall of
/// headline-like lines, deep lists. Each must be cleaned (in linear time; a regression shows as a
/// test run that does not end).
#[test]
fn pathological_inputs_are_cleaned() {
    let menu: String = (0..50_000)
        .map(|i| format!("Item {}\n", ["alpha", "beta", "gamma"][i % 3]))
        .collect();
    let cases = [
        ("brackets.md", "[".repeat(200_000)),
        ("links.md", "[a](".repeat(50_000)),
        ("angles.md", "<".repeat(200_000)),
        (
            "menu.txt",
            format!("The article is a long enough sentence to count as prose for the region.\n{menu}"),
        ),
        ("bullets.md", "* [x](y)\n".repeat(50_000)),
        // Formatting elements left open, each with its own attributes (the parser re-creates
        // every open one in each new paragraph).
        (
            "formatting.html",
            (0..20_000).map(|i| format!("<b id={i}><p>w")).collect(),
        ),
        // One element with 200,000 attributes (the parser checks each against all before it).
        (
            "attributes.html",
            format!(
                "<div {}>text</div>",
                (0..200_000).map(|i| format!("a{i}=1")).collect::<Vec<_>>().join(" ")
            ),
        ),
        // Stray end tags: the parser makes a paragraph for each, with no start tag of its own.
        ("stray.html", format!("<body>{}<p>end</p>", "</p>".repeat(40_000))),
        // Nesting as deep as the bound allows, with many blocks at the bottom.
        (
            "deep.html",
            format!("{}{}", "<div class=c>".repeat(1_990), "<p>para</p>".repeat(2_000)),
        ),
    ];
    for (name, text) in cases {
        check(name, text.into_bytes());
    }
}

/// A dump of more lines than any page pith learned from is read as paragraphs (lines joined at
/// blank lines, at most `MAX_LINES_AS_BLOCKS` blocks), with a warning, and restores exactly.
#[test]
fn a_dump_of_endless_lines_is_read_as_paragraphs() {
    let lines = pith::segment::MAX_LINES_AS_BLOCKS + 10;
    for (name, text) in [
        ("letters.txt", "a\n".repeat(lines)),
        ("bullets.md", "- a\n".repeat(lines)),
        ("paragraphs.txt", "a\n\n".repeat(lines * 2)),
    ] {
        let options = pith::Options::default();
        let source =
            pith::input::decode(name, text.clone().into_bytes(), &options.read).unwrap_or_else(|e| panic!("{e}"));
        let blocks = pith::segment::segment(&source, None);
        assert!(
            blocks.len() <= pith::segment::MAX_LINES_AS_BLOCKS,
            "{name}: {} blocks",
            blocks.len()
        );
        let record = pith::clean(&source);
        assert!(
            record.warnings.iter().any(|w| w.contains("read as paragraphs")),
            "{name}: {:?}",
            record.warnings
        );
        assert_eq!(
            record.restore().unwrap_or_else(|e| panic!("{e}")),
            text.as_bytes(),
            "{name}"
        );
    }
    // One line fewer than the bound: a block a line, as always, and no warning.
    let text = "a\n".repeat(1_000);
    let options = pith::Options::default();
    let source = pith::input::decode("short.txt", text.into_bytes(), &options.read).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pith::segment::segment(&source, None).len(), 1_000);
    assert!(pith::clean(&source)
        .warnings
        .iter()
        .all(|w| !w.contains("read as paragraphs")));
}

/// Cleans `text` as a file called `name`; the record, and the size of its JSON (as
/// `pith clean --json` writes it).
fn record_and_json_size(name: &str, text: &str) -> (pith::Record, usize) {
    let options = pith::Options::default();
    let source =
        pith::input::decode(name, text.as_bytes().to_vec(), &options.read).unwrap_or_else(|e| panic!("{name}: {e}"));
    let record = pith::clean(&source);
    let json = serde_json::to_string_pretty(&record).unwrap_or_else(|e| panic!("{name}: {e}"));
    (record, json.len())
}

/// A run of short lines with one verdict is one segment of the ledger, not one per line (2 MB
/// of one-letter lines once made 129 MB of JSON), and the ledger still restores the input.
#[test]
fn a_run_of_short_lines_is_one_segment() {
    let cases = [
        ("lines.txt", "a\n".repeat(100_000)),
        ("bullets.md", "- a\n".repeat(50_000)),
        (
            "paragraphs.html",
            format!("<html><body>{}</body></html>", "<p>a</p>\n".repeat(20_000)),
        ),
    ];
    for (name, text) in cases {
        let (record, json) = record_and_json_size(name, &text);
        assert!(
            record.segments.len() <= 3,
            "{name}: {} segments for {} lines",
            record.segments.len(),
            text.lines().count()
        );
        assert_eq!(record.restore().ok().as_deref(), Some(text.as_bytes()), "{name}");
        // The input twice (the body and the ledger), escaped (a line break is two bytes in JSON,
        // so one-letter lines escape to 1.5 times their size), and a little more.
        assert!(
            json * 2 <= 7 * text.len(),
            "{name}: {json} bytes of JSON for {} of input",
            text.len()
        );
    }
}

/// Output grows linearly with the input: doubling a pathological input (short lines, runs that
/// cannot be merged, deep nesting) gives at most ~2.5 times the JSON record. Sizes are counted,
/// never timed.
#[test]
fn the_record_grows_linearly_with_the_input() {
    const PROSE: &str = "The council met on Tuesday to discuss the budget for the coming year.";
    type Make = fn(usize) -> String;
    let cases: [(&str, Make); 7] = [
        ("one-letter.txt", |n| "a\n".repeat(n)),
        ("distinct.txt", |n| (0..n).map(|i| format!("line {i}\n")).collect()),
        // Verdicts that alternate line by line: no two neighbours share a segment.
        ("alternating.txt", |n| {
            (0..n)
                .map(|i| {
                    if i % 2 == 0 {
                        "Share this\n".to_string()
                    } else {
                        format!("{PROSE}\n")
                    }
                })
                .collect()
        }),
        ("bullets.md", |n| "* [x](y)\n".repeat(n)),
        ("paragraphs.html", |n| {
            format!("<html><body>{}</body></html>", "<p>a</p>\n".repeat(n))
        }),
        // Every block at a path of its own: nothing to merge.
        ("classes.html", |n| {
            (0..n).map(|i| format!("<div class=c{i}><p>w</p></div>\n")).collect()
        }),
        ("deep.html", |n| {
            format!("{}{}", "<div class=c>".repeat(n / 10), "<p>para</p>".repeat(n / 4))
        }),
    ];
    for (name, make) in cases {
        let (_, small) = record_and_json_size(name, &make(5_000));
        let (_, large) = record_and_json_size(name, &make(10_000));
        assert!(
            large as f64 <= 2.5 * small as f64,
            "{name}: {small} bytes of JSON for the input, {large} for it doubled"
        );
    }
}
