//! The Rust API: `Extractor` gives the records the free functions and the CLI give, its builder
//! sets the options the CLI's flags set, and errors are typed and name their input.

use std::path::Path;

use pith::{Error, Extractor, Favor, Format};

/// The error of a call that must fail.
fn error<T: std::fmt::Debug>(result: pith::Result<T>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error,
    }
}

/// Every seed and HTML fixture: one call from bytes is the record `clean_path` makes.
#[test]
fn extract_from_bytes_is_clean_path() {
    let extractor = Extractor::builder().build();
    let mut paths: Vec<_> = std::fs::read_dir("fixtures/html")
        .unwrap_or_else(|e| panic!("{e}"))
        .chain(std::fs::read_dir("fixtures").unwrap_or_else(|e| panic!("{e}")))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    assert!(paths.len() >= 15, "{paths:?}");
    for path in paths {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let from_bytes = extractor.extract(&name, bytes).unwrap_or_else(|e| panic!("{e}"));
        let from_path = pith::clean_path(&path, &pith::Options::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(from_bytes, from_path, "{name}");
        assert_eq!(
            extractor.extract_path(&path).unwrap_or_else(|e| panic!("{e}")),
            from_path
        );
    }
}

/// Each builder method sets the option its CLI flag sets.
#[test]
fn builder_sets_the_options() {
    let extractor = Extractor::builder()
        .format(Format::Markdown)
        .url("https://example.com/a")
        .charset("windows-1251")
        .max_bytes(1000)
        .favor(Favor::Recall)
        .rules_only(true)
        .links(true)
        .images(true)
        .no_tables(true)
        .build();
    let options = extractor.options();
    assert_eq!(options.read.format, Some(Format::Markdown));
    assert_eq!(options.read.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(options.read.charset.as_deref(), Some("windows-1251"));
    assert_eq!(options.read.max_bytes, 1000);
    assert_eq!(options.favor, Favor::Recall);
    assert!(options.rules_only && options.body.links && options.body.images && options.body.no_tables);
    // `options` starts from a whole value; the methods after it change it further.
    let mut base = pith::Options::default();
    base.rules_only = true;
    let extractor = Extractor::builder().options(base).max_bytes(5).build();
    assert!(extractor.options().rules_only);
    assert_eq!(extractor.options().read.max_bytes, 5);
}

/// The format hint and the url reach the record; links and images reach its markdown.
#[test]
fn builder_options_reach_the_record() {
    let page = std::fs::read("fixtures/html/related-box.html").unwrap_or_else(|e| panic!("{e}"));
    let sniffed = Extractor::builder().build().extract("page", page.clone());
    assert_eq!(sniffed.unwrap_or_else(|e| panic!("{e}")).format, Format::Html);
    let as_text = Extractor::builder()
        .format(Format::Text)
        .build()
        .extract("page", page.clone());
    assert_eq!(as_text.unwrap_or_else(|e| panic!("{e}")).format, Format::Text);
    let text = b"The council passed the budget on Monday after a debate that lasted six hours.\n";
    let record = Extractor::builder()
        .url("https://news.example.com/budget")
        .build()
        .extract("budget.txt", &text[..])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        record.provenance.url.as_deref(),
        Some("https://news.example.com/budget")
    );
    assert_eq!(record.provenance.evidence["url"].rule, "cli:url");
}

#[test]
fn errors_name_the_input() {
    let extractor = Extractor::builder().build();
    let binary = error(extractor.extract("image.png", vec![0u8; 100]));
    assert!(matches!(binary, Error::NotText { ref source_name, .. } if source_name == "image.png"));
    assert!(binary.to_string().starts_with("image.png: not text: "), "{binary}");
    let missing = error(extractor.extract_path(Path::new("fixtures/no-such-file.html")));
    assert!(matches!(missing, Error::Read { .. }), "{missing}");
    assert!(
        missing
            .to_string()
            .starts_with("fixtures/no-such-file.html: cannot read: "),
        "{missing}"
    );
}

/// The errors that were `Error::Other`: each a variant of its own, with the same message.
#[test]
fn named_variants_keep_their_messages() {
    let options = pith::Options::default();
    let fields = pith::jsonl::Fields::default();
    let line = error(pith::corpus::clean_line("[1, 2]", "in.jsonl:3", &fields, &options));
    assert!(matches!(line, Error::BadLine { .. }));
    assert_eq!(line.to_string(), "in.jsonl:3: not a JSON object");
    let no_page = error(pith::corpus::clean_line(
        r#"{"id": "a"}"#,
        "in.jsonl:4",
        &fields,
        &options,
    ));
    assert_eq!(
        no_page.to_string(),
        r#"in.jsonl:4: has neither a "html" nor a "text" string field"#
    );

    let input = "Menu\n\nThe council passed the budget on Monday after a debate that lasted six hours.\n";
    let record = Extractor::builder()
        .build()
        .extract("page.txt", input)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut gap = record.clone();
    gap.segments[0].end += 1;
    let gap_error = error(gap.restore());
    assert!(matches!(gap_error, Error::LedgerGap { at: 0, .. }), "{gap_error}");
    assert_eq!(
        gap_error.to_string(),
        "page.txt: the ledger has a gap or overlap at byte 0"
    );
    let mut latin = record.clone();
    latin.encoding = "windows-1252".into();
    latin.segments[0].text = Some("Меню\n\n".into());
    latin.segments[0].end = latin.segments[0].start + "Меню\n\n".len();
    latin.segments.truncate(1);
    let encode_error = error(latin.restore());
    assert!(matches!(encode_error, Error::NotEncodable { .. }), "{encode_error}");
    assert!(encode_error
        .to_string()
        .starts_with("page.txt: the text cannot be encoded back into windows-1252"));
}

#[test]
fn extractor_is_shared_across_threads() {
    fn shared<T: Send + Sync + Clone>() {}
    shared::<Extractor>();
}

/// The record says which version of its shape it is, first thing; a record written before the
/// field existed reads back as version 1 and still restores.
#[test]
fn a_record_carries_its_schema_version_and_old_records_read_as_version_one() {
    let page = b"Home | World\n\nThe council passed the budget on Monday after a debate that lasted six hours.\n";
    let record = error_free(Extractor::builder().build().extract("budget.txt", &page[..]));
    assert_eq!(record.schema_version, pith::SCHEMA_VERSION);
    let json = serde_json::to_string(&record).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        json.starts_with(&format!("{{\"schema_version\":{},", pith::SCHEMA_VERSION)),
        "{json}"
    );
    let old = json.replacen(&format!("\"schema_version\":{},", pith::SCHEMA_VERSION), "", 1);
    assert!(!old.contains("schema_version"));
    let back: pith::Record = serde_json::from_str(&old).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.schema_version, 1);
    assert_eq!(error_free(back.restore()), page);
}

fn error_free<T>(result: pith::Result<T>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}
