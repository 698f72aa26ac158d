//! Reading inputs: directory walks with symlink loops, stray control bytes, binary files, and
//! UTF-8 with a few invalid bytes — each restored byte for byte.

use assert_cmd::Command;

fn pith() -> Command {
    let mut cmd = Command::cargo_bin("pith").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

fn decode(name: &str, bytes: &[u8]) -> pith::Result<pith::Source> {
    pith::input::decode(name, bytes.to_vec(), &pith::Options::default().read)
}

/// Bytes that look like compressed data: a fixed linear congruential sequence (no randomness
/// between runs).
fn noise(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect()
}

/// `pith clean --jsonl` over a folder (within a minute: a hang is a failure): the records'
/// sources in order, and what it printed on stderr.
fn clean_folder(root: &std::path::Path) -> (Vec<String>, String) {
    let out = pith()
        .args(["clean", "--jsonl", "-j1"])
        .arg(root)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let sources = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|r| r["source"].as_str().map(str::to_string))
        .collect();
    (sources, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(root.join("sub")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        root.join("a.txt"),
        "The harbour reopened on Monday after three weeks of repairs to the sea wall.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        root.join("sub/b.txt"),
        "The bridge will be closed for repairs from Monday, the city said on Friday.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap_or_else(|e| panic!("{e}"));
    let (sources, stderr) = clean_folder(&root);
    let expected = [root.join("a.txt"), root.join("sub/b.txt")].map(|p| p.display().to_string());
    assert_eq!(sources, expected, "{stderr}");
    // The loop is reported once, by its path, and not followed.
    let loop_path = root.join("sub/loop").display().to_string();
    assert_eq!(stderr.matches(&loop_path).count(), 1, "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
    assert!(stderr.contains("1 errors"), "{stderr}");
    // The library walk says the same.
    let listed = pith::input::expand_paths(std::slice::from_ref(&root));
    assert_eq!(listed.iter().filter(|p| p.is_ok()).count(), 2);
    assert_eq!(listed.iter().filter(|p| p.is_err()).count(), 1);
}

/// A FIFO inside a folder given is named and left out: reading it would wait for ever for a
/// writer. The folder's files are cleaned, and a FIFO named on its own is read as given.
#[cfg(unix)]
#[test]
fn a_fifo_inside_a_folder_is_named_and_not_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().join("in");
    std::fs::create_dir(&root).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        root.join("a.txt"),
        "The harbour reopened on Monday after three weeks of repairs, the port authority said.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let fifo = root.join("b.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success());
    let (sources, stderr) = clean_folder(&root);
    assert_eq!(sources, [root.join("a.txt").display().to_string()], "{stderr}");
    let named = format!("{}: a FIFO inside a folder given", fifo.display());
    assert!(stderr.contains(&named), "{stderr}");
    let listed = pith::input::expand_paths(std::slice::from_ref(&root));
    assert!(
        matches!(
            listed.as_slice(),
            [Ok(_), Err(pith::Error::NotAFile { kind: "FIFO", .. })]
        ),
        "{listed:?}"
    );
    // Named on its own, a FIFO is read as given (here, from a writer that sends one line).
    let writer = std::thread::spawn({
        let fifo = fifo.clone();
        move || std::fs::write(&fifo, "The ferry left on time in the evening, the port said.\n")
    });
    let out = pith()
        .args(["clean", "--jsonl", "-j1"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(writer.join(), Ok(Ok(()))));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("ferry left on time"),
        "{out:?}"
    );
}

#[test]
fn stray_nul_bytes_do_not_refuse_a_page() {
    let nuls = "\0".repeat(22);
    let paragraph =
        "The harbour reopened on Monday after three weeks of repairs to the sea wall, the port authority said.";
    let second = "Ships waiting off the coast were let in one by one, and the first ferry left on time in the evening.";
    // A page of a few KB, as real pages are (22 NUL bytes in 190 KB in the page that showed it).
    let more: Vec<String> = (1..12)
        .map(|i| format!("In the {i}th week of the works, crews rebuilt another stretch of the wall, and traffic on the quay was diverted."))
        .collect();
    let html = format!(
        "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>\
         <p>{paragraph}</p><img src=\"https://cdn.example.org/img/harbour{nuls}.jpg\"><p>{second}</p><p>{}</p>\
         </article></body></html>\n",
        more.join("</p><p>")
    );
    let markdown = format!(
        "# Harbour reopens\n\n{paragraph}\n\n![The harbour](https://cdn.example.org/img/harbour{nuls}.jpg)\n\n{second}\n\n{}\n",
        more.join("\n\n")
    );
    // In a text dump the NUL bytes sit inside a paragraph that is kept, and on a line of their own.
    let text = format!(
        "Harbour reopens\n\n{paragraph}\n\n{nuls}\n\nShips waiting off the coast{nuls} were let in one by one, and the first ferry left on time in the evening.\n\n{}\n",
        more.join("\n\n")
    );
    for (name, page, count) in [
        ("page.html", html, 22),
        ("page.md", markdown, 22),
        ("page.txt", text, 44),
    ] {
        let bytes = page.into_bytes();
        let source = decode(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let record = pith::clean(&source);
        assert!(
            record.text.contains(paragraph) && record.text.contains(second),
            "{name}: {}",
            record.text
        );
        assert!(!record.text.contains('\0'), "{name}: {:?}", record.text);
        assert!(
            record
                .warnings
                .iter()
                .any(|w| w.contains(&format!("{count} NUL bytes"))),
            "{name}: {:?}",
            record.warnings
        );
        assert_eq!(record.restore().ok(), Some(bytes), "{name}");
    }
}

#[test]
fn binary_is_still_refused_by_name() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(noise(4000));
    let mut gzip = Vec::new();
    {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(&mut gzip, flate2::Compression::default());
        encoder.write_all(&noise(4000)).unwrap_or_else(|e| panic!("{e}"));
        encoder.finish().unwrap_or_else(|e| panic!("{e}"));
    }
    for (name, bytes) in [
        ("photo.html", png),
        ("noise.txt.gz", gzip),
        ("noise.md", noise(4000)),
        ("short.txt", noise(64)),
    ] {
        match decode(name, &bytes) {
            Ok(source) => panic!("{name} was read as {} text", source.encoding),
            Err(error) => {
                let message = error.to_string();
                assert!(message.starts_with(name) && message.contains("not text"), "{message}");
            }
        }
    }
}

#[test]
fn a_few_bad_bytes_in_utf8_do_not_garble_the_page() {
    let good = "Der Bürgermeister sagte am Montag — nach drei Wochen —, der Hafen sei wieder geöffnet. \
                Les ferries reprennent leur service à l’heure prévue, a précisé la capitainerie.\n\n";
    // Three stray sequences (four bytes): a lone Latin-1 'é', a cut-off three-byte sequence and a 0xFF.
    let mut bytes = good.as_bytes().to_vec();
    bytes.extend(b"Caf\xE9 ");
    bytes.extend(good.as_bytes());
    bytes.extend(b"\xE2\x80 cut\n\n");
    bytes.extend(good.repeat(2).as_bytes());
    bytes.extend(b"x\xFF\n");
    let source = decode("page.txt", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(source.encoding, "UTF-8");
    assert!(
        source.text.contains("Bürgermeister") && source.text.contains("l’heure"),
        "{}",
        source.text
    );
    assert_eq!(source.text.matches('\u{fffd}').count(), 3, "{}", source.text);
    let record = pith::clean(&source);
    assert!(
        record
            .warnings
            .iter()
            .any(|w| w.contains("4 bytes") && w.contains("UTF-8")),
        "{:?}",
        record.warnings
    );
    assert_eq!(record.restore().ok(), Some(bytes));
}

#[test]
fn stray_bytes_that_outnumber_the_accents_do_not_garble_the_page() {
    // English with a few dashes and curly quotes, then thirty stray 0xFF bytes and five emoji
    // written as CESU-8 surrogate halves: more bad bytes than valid non-ASCII ones.
    let good = "The harbour reopened on Monday \u{2014} after three weeks \u{2014} and the ferry\u{2019}s \
                first crossing left on time, the port authority said in a statement.\n\n";
    let mut bytes = good.repeat(2).into_bytes();
    for _ in 0..30 {
        bytes.extend(b" \xFF ");
    }
    for _ in 0..5 {
        bytes.extend(b" \xED\xA0\xBD\xED\xB8\x80 ");
    }
    bytes.extend(good.as_bytes());
    let source = decode("page.txt", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(source.encoding, "UTF-8");
    assert!(
        source.text.contains("ferry\u{2019}s") && !source.text.contains("â€"),
        "{}",
        source.text
    );
    assert!(
        source.warnings.iter().any(|w| w.contains("not valid UTF-8")),
        "{:?}",
        source.warnings
    );
    assert_eq!(pith::clean(&source).restore().ok(), Some(bytes));
}

#[test]
fn chinese_and_korean_in_their_legacy_encodings_stay_in_them() {
    // Their double-byte characters form a valid two-byte UTF-8 sequence now and then, a valid
    // three-byte one hardly ever.
    let chinese = "港口周一重新开放，渡轮按时恢复服务。港务局在声明中表示，维修工作已经完成，\
                   所有航线将在本周内恢复正常运营。市长表示，这是城市交通的重要一天。\n";
    let chinese = chinese.repeat(3);
    let (bytes, _, _) = encoding_rs::GBK.encode(&chinese);
    let source = decode("page.txt", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((source.encoding, source.text.as_str()), ("GBK", chinese.as_str()));
    let korean = "항구가 월요일에 다시 문을 열었고 여객선은 제시간에 운항을 재개했습니다. 항만 당국은 \
                  성명에서 수리 작업이 끝났으며 모든 노선이 이번 주 안에 정상 운영될 것이라고 밝혔습니다.\n";
    let korean = korean.repeat(3);
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(&korean);
    let source = decode("page.txt", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((source.encoding, source.text.as_str()), ("EUC-KR", korean.as_str()));
}

#[test]
fn a_declared_utf_16_that_the_bytes_are_not_in_is_set_aside_with_a_warning() {
    let page = "<html><body><p>The harbour reopened on Monday \u{2014} the ferry\u{2019}s first crossing left on time.</p></body></html>";
    let declared = |charset: &str, bytes: Vec<u8>| {
        pith::Extractor::builder()
            .charset(charset)
            .build()
            .extract("page.html", bytes)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let record = declared("utf-16", page.as_bytes().to_vec());
    assert_eq!(record.encoding, "UTF-8");
    assert!(record.text.contains("ferry\u{2019}s"), "{}", record.text);
    assert!(
        record.warnings.iter().any(|w| w.contains("does not fit")),
        "{:?}",
        record.warnings
    );
    // Bytes that are UTF-16 are read as the header says.
    let utf16: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let record = declared("utf-16le", utf16);
    assert_eq!(record.encoding, "UTF-16LE");
    assert!(record.text.contains("ferry\u{2019}s"), "{}", record.text);
}

#[test]
fn utf_16_without_a_byte_order_mark_is_told_by_its_nuls() {
    let text = "<p>Der Bürgermeister sagte am Montag, der Hafen sei wieder geöffnet.</p>\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
        let source = decode("page.html", &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((source.encoding, source.text.as_str()), (name, text));
    }
    // NULs on both sides are a binary file's, not UTF-16's.
    let error = decode("blob.bin", &[0u8; 4096])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("not text"), "{error}");
}

#[test]
fn a_windows_1252_page_is_still_read_as_windows_1252() {
    let text = "Der Bürgermeister sagte am Montag, der Hafen sei wieder geöffnet. Les ferries reprennent \
                leur service à l'heure prévue, a précisé la capitainerie du port.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let source = decode("page.txt", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(source.encoding, "windows-1252");
    assert_eq!(source.text, text);
    assert!(source.warnings.is_empty(), "{:?}", source.warnings);
}

#[test]
fn a_file_named_html_that_holds_plain_text_is_read_as_text() {
    let options = pith::Options::default();
    let text = "The harbour reopened on Monday.\n\nThe port authority said repairs had finished.\n";
    let source =
        pith::input::decode("page.html", text.as_bytes().to_vec(), &options.read).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(source.format, pith::input::Format::Text);
    assert!(
        source.warnings.iter().any(|w| w.contains("named as HTML")),
        "{:?}",
        source.warnings
    );
    let html = pith::input::decode("page.html", b"<p>The harbour reopened.</p>".to_vec(), &options.read)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(html.format, pith::input::Format::Html);
    assert!(html.warnings.is_empty());
}
