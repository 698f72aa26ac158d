//! The ledger's two shapes (`--ledger full|offsets`): an offsets ledger is the full one without
//! the input's bytes, restores byte for byte from its input, and refuses any other; the full
//! ledger, the default, is written as it always was.

use std::path::{Path, PathBuf};

use pith::{Error, Extractor, LedgerShape, Record};

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    for folder in [root.clone(), root.join("rules"), root.join("html"), root.join("shapes")] {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        files.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

fn extract(shape: LedgerShape, name: &str, bytes: &[u8]) -> Record {
    Extractor::builder()
        .ledger(shape)
        .build()
        .extract(name, bytes)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn error<T: std::fmt::Debug>(result: pith::Result<T>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(e) => e,
    }
}

/// The full record with its segments' bytes and visible text left out: what the offsets
/// ledger of the same page must be.
fn without_bytes(mut record: Record) -> Record {
    record.ledger = LedgerShape::Offsets;
    for segment in &mut record.segments {
        segment.text = None;
        segment.content = None;
    }
    record
}

/// Checks one input both ways: the offsets record is the full one without the bytes, its JSON
/// has no `text` or `content` in any segment and says `"ledger":"offsets"`, it restores from
/// the input (also read back from JSON) and refuses to restore alone.
fn check_both_shapes(name: &str, bytes: &[u8]) -> Record {
    let full = extract(LedgerShape::Full, name, bytes);
    let offsets = extract(LedgerShape::Offsets, name, bytes);
    assert_eq!(full.ledger, LedgerShape::Full);
    assert_eq!(offsets, without_bytes(full.clone()), "{name}");
    let json: serde_json::Value = serde_json::to_value(&offsets).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["ledger"], "offsets", "{name}");
    let segments = json["segments"].as_array().cloned().unwrap_or_default();
    assert_eq!(segments.len(), full.segments.len());
    for segment in &segments {
        assert!(
            segment.get("text").is_none() && segment.get("content").is_none(),
            "{name}: {segment}"
        );
        assert!(
            segment.get("start").is_some() && segment.get("reason").is_some(),
            "{name}: {segment}"
        );
    }
    // Read back from its JSON, it restores from the input what the full record gives alone.
    let back: Record = serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.ledger, LedgerShape::Offsets);
    assert!(back.segments.iter().all(|s| s.text.is_none()));
    let restored = back.restore_from(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        restored,
        full.restore().unwrap_or_else(|e| panic!("{name}: {e}")),
        "{name}"
    );
    let needs = error(back.restore());
    assert!(matches!(needs, Error::NeedsInput { .. }), "{name}: {needs}");
    assert!(needs.to_string().starts_with(&format!("{name}: ")), "{needs}");
    assert!(needs.to_string().contains("--input"), "{needs}");
    offsets_shrinks(name, &full, &offsets);
    full
}

/// An offsets record is smaller than the full one whenever the input has any bytes.
fn offsets_shrinks(name: &str, full: &Record, offsets: &Record) {
    let size = |r: &Record| serde_json::to_string(r).map(|j| j.len()).unwrap_or_default();
    if !full.segments.is_empty() {
        assert!(
            size(offsets) < size(full),
            "{name}: {} vs {}",
            size(offsets),
            size(full)
        );
    }
}

#[test]
fn offsets_records_of_every_fixture_restore_from_their_input_byte_for_byte() {
    let files = fixture_files();
    let mut formats = std::collections::BTreeSet::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.display().to_string();
        let full = check_both_shapes(&name, &bytes);
        assert_eq!(
            extract(LedgerShape::Offsets, &name, &bytes)
                .restore_from(&bytes)
                .ok()
                .as_deref(),
            Some(&bytes[..]),
            "{name}"
        );
        formats.insert(full.format.name());
    }
    // Text, markdown and HTML fixtures were all among them.
    assert_eq!(formats.into_iter().collect::<Vec<_>>(), ["html", "markdown", "text"]);
}

/// Reference definitions are markup that no block holds: their lines sit in the segment before
/// them, and the record still restores the input byte for byte.
#[test]
fn a_markdown_dump_with_reference_definitions_restores_byte_for_byte() {
    let bytes = b"# Minister resigns\n\nThe minister [said][1] on Monday that she would leave office at the end of the month, after a long dispute with the treasury over the budget.\n\nHer deputy, who [declined to comment][], is expected to take over until an election in the spring, officials told reporters on Tuesday.\n\n   [1]: https://example.org/said \"Said\"\n   [declined to comment]: https://example.org/deputy\n\nThe budget vote is set for [next week][1].\n";
    let full = check_both_shapes("refs.md", bytes);
    assert_eq!(full.restore().ok().as_deref(), Some(&bytes[..]));
    assert!(full.text.contains("The minister said on Monday"), "{}", full.text);
    assert!(full.text.contains("who declined to comment, is"), "{}", full.text);
    assert!(
        !full.text.contains("]:") && !full.text.contains("example.org"),
        "{}",
        full.text
    );
}

/// Inputs that are not UTF-8 restore from an offsets ledger as `restore` gives them back from
/// a full one: decoded with the record's encoding, encoded back, the replaced bytes put back.
#[test]
fn offsets_records_of_other_encodings_and_gzip_restore_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let russian = std::fs::read_to_string(root.join("rules/russian.txt")).unwrap_or_else(|e| panic!("{e}"));
    let (cp1251, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&russian);
    assert!(!unmappable);
    let english = std::fs::read_to_string(root.join("html/byline-element.html")).unwrap_or_else(|e| panic!("{e}"));
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(english.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    // UTF-8 but for two stray Latin-1 bytes: read as UTF-8, the bytes kept in `replaced`.
    let mut damaged = russian.clone().into_bytes();
    damaged.extend([b'x', 0xe9, b' ', 0xfc, b'\n']);
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gzip, english.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let gzipped = gzip.finish().unwrap_or_else(|e| panic!("{e}"));

    let cases: [(&str, &[u8], &str, bool); 4] = [
        ("russian-1251.txt", &cp1251, "windows-1251", false),
        ("byline-utf16.html", &utf16, "UTF-16LE", false),
        ("damaged.txt", &damaged, "UTF-8", true),
        ("byline.html.gz", &gzipped, "UTF-8", false),
    ];
    for (name, bytes, encoding, replaced) in cases {
        let full = check_both_shapes(name, bytes);
        assert_eq!(full.encoding, encoding, "{name}");
        assert_eq!(!full.replaced.is_empty(), replaced, "{name}");
        let offsets = extract(LedgerShape::Offsets, name, bytes);
        assert_eq!(offsets.replaced, full.replaced);
        let restored = offsets.restore_from(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        // As `restore` gives it: the input's own bytes, gzip undone.
        assert_eq!(restored, full.restore().unwrap_or_else(|e| panic!("{e}")), "{name}");
        let expected: &[u8] = if name.ends_with(".gz") {
            english.as_bytes()
        } else {
            bytes
        };
        assert_eq!(restored, expected, "{name}");
    }
}

/// A gzip input that is not the record's is refused, however far an edited ledger says the
/// input went (its `end` sets how far the input is unzipped: hashed first, never held).
#[test]
fn a_gzip_bomb_given_to_an_edited_record_is_refused() {
    let page = b"The harbour reopened on Monday after three weeks of repairs, the council said.\n";
    let mut record = extract(LedgerShape::Offsets, "harbour.txt.gz", &gzip(page));
    if let Some(last) = record.segments.last_mut() {
        last.end = usize::MAX / 8;
    }
    // 64 MiB of zeros in about 64 KB.
    let bomb = gzip(&vec![0u8; 64 << 20]);
    let refused = error(record.restore_from(&bomb));
    assert!(matches!(refused, Error::InputMismatch { .. }), "{refused}");
    // Its own input still restores, edited or not, as far as the hash goes.
    let fresh = extract(LedgerShape::Offsets, "harbour.txt.gz", &gzip(page));
    assert_eq!(fresh.restore_from(&gzip(page)).ok().as_deref(), Some(&page[..]));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gzip, bytes).unwrap_or_else(|e| panic!("{e}"));
    gzip.finish().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_default_ledger_is_the_full_one_written_as_before() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html/related-box.html");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let default = Extractor::builder().build().extract("related-box.html", &bytes[..]);
    let default = default.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(default, extract(LedgerShape::Full, "related-box.html", &bytes));
    assert_eq!(pith::Options::default().ledger, LedgerShape::Full);
    let json = serde_json::to_string(&default).unwrap_or_else(|e| panic!("{e}"));
    assert!(!json.contains("\"ledger\""), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let segments = value["segments"].as_array().cloned().unwrap_or_default();
    assert!(!segments.is_empty());
    // Every segment carries its bytes, last, after its content (HTML) as before.
    for segment in &segments {
        let keys: Vec<&str> = segment
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys.last(), Some(&"text"), "{segment}");
    }
    assert!(segments.iter().any(|s| s.get("content").is_some()));
}

/// A segment of a full ledger whose bytes are legitimately none (a byline block that starts
/// where the next one does) still writes `"text":""`: the key's absence means an offsets
/// ledger, never an empty stretch.
#[test]
fn an_empty_stretch_of_a_full_ledger_keeps_its_text_key() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html/byline-element.html");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let record = extract(LedgerShape::Full, "byline-element.html", &bytes);
    let empty = record.segments.iter().position(|s| s.start == s.end);
    let Some(empty) = empty else {
        panic!("no empty segment in {:?}", record.segments)
    };
    assert_eq!(record.segments[empty].text.as_deref(), Some(""));
    let json: serde_json::Value = serde_json::to_value(&record).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["segments"][empty]["text"], "");
    let back: Record = serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.segments, record.segments);
    assert_eq!(back.ledger, LedgerShape::Full);
    assert_eq!(back.restore().ok().as_deref(), Some(&bytes[..]));
    let offsets = extract(LedgerShape::Offsets, "byline-element.html", &bytes);
    assert_eq!(offsets.segments[empty].text, None);
}

/// Records written before `--ledger` existed (the snapshots of `tests/snapshots.rs`) read back
/// as full ledgers and restore alone, as they always did.
#[test]
fn records_written_before_the_ledger_field_read_back_as_full() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let snap = std::fs::read_to_string(root.join("snapshots/record@001_2faf6ce82c38984a.txt.snap"))
        .unwrap_or_else(|e| panic!("{e}"));
    // The snapshot's header (`---`, its fields, `---`) comes first; the record follows.
    let json = snap.split("\n---\n").nth(1).unwrap_or_default();
    let record: Record = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(record.ledger, LedgerShape::Full);
    assert!(record.segments.iter().all(|s| s.text.is_some()));
    let input = std::fs::read(root.join("fixtures/001_2faf6ce82c38984a.txt")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(record.restore().ok().as_deref(), Some(&input[..]));
    assert_eq!(record.restore_from(&input).ok().as_deref(), Some(&input[..]));
}

#[test]
fn a_wrong_input_or_a_ledger_that_does_not_cover_it_is_refused() {
    let page = b"Menu\nHome\n\nThe council passed the budget on Monday after a debate that lasted six hours.\n";
    let record = extract(LedgerShape::Offsets, "budget.txt", page);
    assert!(record.segments.len() >= 2, "{:?}", record.segments);

    let other = b"Menu\nHome\n\nThe council passed the budget on Friday after a debate that lasted six hours.\n";
    let mismatch = error(record.restore_from(other));
    let Error::InputMismatch {
        source_name,
        expected,
        actual,
    } = &mismatch
    else {
        panic!("{mismatch}")
    };
    assert_eq!(source_name, "budget.txt");
    assert_eq!(expected, &record.provenance.input_sha256);
    let other_sha: String = sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(other))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(actual, &other_sha);
    assert!(mismatch
        .to_string()
        .starts_with("budget.txt: the input given is not the one this record was made from"));
    // A full record checks its input too.
    let full = extract(LedgerShape::Full, "budget.txt", page);
    assert!(matches!(error(full.restore_from(other)), Error::InputMismatch { .. }));
    // Broken gzip is not the input either.
    assert!(matches!(
        error(record.restore_from(&[0x1f, 0x8b, 0, 1])),
        Error::InputMismatch { .. }
    ));

    // A ledger cut short of the input's end, one with a gap, one with an overlap.
    let mut cut = record.clone();
    let last = cut.segments.pop().map(|s| s.start).unwrap_or_default();
    assert!(matches!(error(cut.restore_from(page)), Error::LedgerGap { at, .. } if at == last));
    let mut gap = record.clone();
    gap.segments[1].start += 1;
    let at = gap.segments[1].start;
    assert!(matches!(error(gap.restore_from(page)), Error::LedgerGap { at: a, .. } if a == at));
    let mut overlap = record.clone();
    overlap.segments[0].end += 1;
    assert!(matches!(error(overlap.restore_from(page)), Error::LedgerGap { .. }));
    let mut past = record.clone();
    if let Some(segment) = past.segments.last_mut() {
        segment.end += 5;
    }
    assert!(matches!(error(past.restore_from(page)), Error::LedgerGap { .. }));
    // The record's claimed encoding is what decodes the input: a wrong one does not restore.
    let mut latin = record.clone();
    latin.encoding = "no-such-encoding".into();
    assert!(matches!(error(latin.restore_from(page)), Error::NotEncodable { .. }));
}

/// The shape of an offsets record, reviewable: an HTML page's segments with their paths but
/// without bytes or visible text.
#[test]
fn offsets_record_snapshot() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html/byline-element.html");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let record = extract(LedgerShape::Offsets, "fixtures/html/byline-element.html", &bytes);
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_json_snapshot!("record-offsets-byline-element", record, {
            ".provenance.pith_version" => "[version]",
        });
    });
}
