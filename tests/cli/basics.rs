//! Exit codes, batches with bad files, restore, help, JSONL and WARC input.

use super::*;

#[test]
fn diff_of_the_two_moscow_times_scrapes_is_empty() {
    pith()
        .args([
            "diff",
            "fixtures/000_3cf22583a51e9ceb.txt",
            "fixtures/001_2faf6ce82c38984a.txt",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("word similarity: 1.000"));
}

#[test]
fn diff_of_different_articles_exits_1_and_shows_words() {
    pith()
        .args([
            "diff",
            "--words",
            "fixtures/000_3cf22583a51e9ceb.txt",
            "fixtures/002_afc870d9edf609b6.txt",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("[-").and(predicate::str::contains("{+")));
}

/// The similarity counts words, not whitespace: an English text and its Russian translation
/// share none (over whitespace-split tokens they scored 0.42), and a copy with one word changed
/// stays close.
#[test]
fn diff_similarity_compares_words() {
    let english = "The council met on Tuesday and voted to change the rules for parking in the centre of the town.";
    let russian = "Совет собрался во вторник и проголосовал за изменение правил парковки в центре города.";
    assert_eq!(pith::diff::word_similarity(english, russian), 0.0);
    let edited = english.replace("Tuesday", "Monday");
    let close = pith::diff::word_similarity(english, &edited);
    assert!(close > 0.9 && close < 1.0, "{close}");
    assert_eq!(pith::diff::word_similarity(english, english), 1.0);
}

#[test]
fn diff_of_a_missing_file_exits_2() {
    pith()
        .args(["diff", "fixtures/nope.txt", "fixtures/002_afc870d9edf609b6.txt"])
        .assert()
        .code(2);
}

#[test]
fn a_bad_file_does_not_stop_the_batch() {
    pith()
        .args([
            "clean",
            "--jsonl",
            "fixtures/bad/binary.txt",
            "fixtures/002_afc870d9edf609b6.txt",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pith: fixtures/bad/binary.txt: not text"))
        .stdout(predicate::str::contains(
            "\"source\":\"fixtures/002_afc870d9edf609b6.txt\"",
        ));
}

#[test]
fn clean_reads_stdin() {
    pith()
        .arg("clean")
        .write_stdin(
            "Home\nNews\nSport\n\nThe bridge will be closed for repairs from Monday, the city said on Friday.\n",
        )
        .assert()
        .success()
        .stdout("The bridge will be closed for repairs from Monday, the city said on Friday.\n");
}

#[test]
fn clean_json_record_restores_the_input() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let record = dir.path().join("r.json");
    let out = pith()
        .args(["clean", "--json", "fixtures/001_2faf6ce82c38984a.txt"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    std::fs::write(&record, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let original = std::fs::read("fixtures/001_2faf6ce82c38984a.txt").unwrap_or_default();
    pith().arg("restore").arg(&record).assert().success().stdout(original);
}

#[test]
fn output_dir_mirrors_input_names() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    pith()
        .arg("clean")
        .arg("-o")
        .arg(dir.path())
        .arg("fixtures/rules")
        .assert()
        .success();
    // One folder given: its files at their paths inside it, with the output's extension.
    assert!(dir.path().join("appeal.txt").exists());
    assert!(dir.path().join("related.txt").exists());
    assert!(!dir.path().join("appeal.txt.txt").exists());
}

#[test]
fn several_inputs_as_json_are_an_array() {
    let out = pith()
        .args([
            "clean",
            "--json",
            "fixtures/002_afc870d9edf609b6.txt",
            "fixtures/004_73f6c8b27e53c62e.txt",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(value.as_array().map(Vec::len), Some(2));
    // Written a record at a time, the array is the same bytes as one written whole.
    let whole = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    assert_eq!(String::from_utf8_lossy(&out.stdout), whole);
}

#[test]
fn explain_shows_verdicts_without_colour_under_no_color() {
    pith()
        .args(["explain", "fixtures/003_cfd07240930c966c.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("DROP navigation").and(predicate::str::contains("\u{1b}[").not()));
}

#[test]
fn every_command_has_help_with_examples() {
    for command in ["clean", "explain", "diff", "restore", "eval"] {
        pith()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn too_large_input_is_refused_by_name() {
    pith()
        .args(["clean", "--max-bytes", "100", "fixtures/002_afc870d9edf609b6.txt"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("fixtures/002_afc870d9edf609b6.txt").and(predicate::str::contains("--max-bytes")),
        );
}

#[test]
fn output_is_the_same_bytes_on_any_thread_count() {
    let run = |jobs: &str| {
        pith()
            .args(["clean", "--jsonl", "-j", jobs, "fixtures"])
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default()
    };
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("3"));
}

/// Values that would run wild or mean nothing are refused before anything is read: thread
/// counts past any machine (10,000 threads took 87 s to start and stop), a grouping threshold
/// outside 0–1 or NaN, and a boilerplate count below two (every block seen once became
/// boilerplate). 0 threads is all cores, as not giving it.
#[test]
fn option_values_that_would_run_wild_are_refused() {
    for args in [
        &["clean", "-j", "5000", "fixtures/002_afc870d9edf609b6.txt"][..],
        &["group", "-j", "99999999999", "fixtures"],
        &["group", "--threshold", "nan", "fixtures"],
        &["group", "--threshold", "5", "fixtures"],
        &["clean", "--learn", "model.json", "--min-repeats", "1", "fixtures"],
    ] {
        pith()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("invalid value"));
    }
    pith()
        .args(["clean", "-q", "-j", "0", "fixtures/002_afc870d9edf609b6.txt"])
        .assert()
        .success();
}

/// `diff` says what `clean` says of its inputs (a damaged gzip, an empty file), and stdin given
/// twice is refused by every command that takes inputs (it gives its bytes once: the second
/// `-` was an empty document).
#[test]
fn diff_prints_its_inputs_warnings_and_stdin_is_read_once() {
    pith()
        .args(["diff", "fixtures/bad/empty.txt", "fixtures/002_afc870d9edf609b6.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "pith: fixtures/bad/empty.txt: warning: empty input",
        ));
    for args in [
        &["diff", "-", "-"][..],
        &["clean", "-", "-"],
        &["group", "-", "fixtures/rules", "-"],
        &["stories", "-", "-"],
    ] {
        pith()
            .args(args)
            .write_stdin("The harbour reopened on Monday after three weeks of repairs.")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("stdin (-) is given twice"));
    }
}

#[test]
fn jsonl_in_streams_records_and_reports_bad_lines_by_number() {
    let input = concat!(
        r#"{"id":"a","html":"<p>The harbour reopened on Monday after three weeks of repairs to the sea wall.</p>","crawl":7}"#,
        "\n{bad json\n",
        r#"{"id":"b","url":"https://www.example.org/2024/05/01/bridge","text":"The bridge will be closed for repairs from Monday, the city said on Friday."}"#,
        "\n"
    );
    let (code, records, stderr) = jsonl_in(input);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("pith: -:2: not a JSON object"), "{stderr}");
    assert!(
        stderr.contains("2 documents") && stderr.contains("1 errors"),
        "{stderr}"
    );
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["source"], "a");
    assert_eq!(records[0]["extra"]["crawl"], 7);
    assert_eq!(
        records[1]["provenance"]["url"],
        "https://www.example.org/2024/05/01/bridge"
    );
    assert_eq!(records[1]["provenance"]["evidence"]["url"]["rule"], "jsonl:url");
    assert_eq!(records[1]["provenance"]["published"], "2024-05-01");
}

#[test]
fn a_jsonl_line_with_half_an_emoji_is_read_with_a_warning() {
    let input = concat!(
        r#"{"id":"a","text":"The harbour reopened \ud83d on Monday after three weeks of repairs to the sea wall."}"#,
        "\n",
        r#"{"id":"b","text":"The bridge will be closed for repairs from Monday, the city said \ud83d\ude00."}"#,
        "\n"
    );
    let (code, records, stderr) = jsonl_in(input);
    assert_eq!(code, Some(0));
    assert!(
        stderr.contains("pith: a: warning: the line holds half a surrogate pair"),
        "{stderr}"
    );
    assert!(!stderr.contains("pith: b: warning"), "{stderr}");
    assert_eq!(records.len(), 2);
    let text = records[0]["text"].as_str().unwrap_or_default();
    assert!(text.contains("reopened \u{fffd} on Monday"), "{text}");
    let text = records[1]["text"].as_str().unwrap_or_default();
    assert!(text.contains("said \u{1f600}."), "{text}");
}

#[test]
fn learned_outlet_boilerplate_drops_a_paragraph_every_page_repeats() {
    for ext in ["txt", "md"] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let pages = outlet_pages(dir.path(), ext);
        let model = dir.path().join("model.json");
        let out = pith()
            .args(["clean", "--jsonl", "--learn"])
            .arg(&model)
            .args(&pages)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        assert_eq!(records.len(), 4, "{ext}");
        for record in &records {
            let text = record["text"].as_str().unwrap_or_default();
            assert!(!text.contains("recycled paper"), "{ext}: {text}");
            assert!(!text.contains("Letters to the editor"), "{ext}: {text}");
            assert!(text.contains("Officials gave no further details"), "{ext}: {text}");
            let repeated = record["segments"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|s| s["rule"] == "repeated-in-outlet");
            assert!(
                repeated.is_some_and(|s| s["reason"].as_str().is_some_and(|r| r.contains("4 documents"))),
                "{ext}: {record}"
            );
        }
        // The saved model cleans the same way on a second run.
        let again = pith()
            .args(["clean", "--boilerplate"])
            .arg(&model)
            .args(pages.first())
            .output();
        let again = again
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        assert!(
            again.starts_with("The harbour reopened") && !again.contains("recycled paper"),
            "{ext}: {again}"
        );
    }
}

#[test]
fn warc_responses_are_cleaned_with_capture_provenance_and_a_truncated_record_is_reported() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let whole = std::fs::read("fixtures/warc/sample.warc").unwrap_or_default();
    let cut = dir.path().join("cut.warc");
    // Cut inside the last record (which starts at byte 1443): the first response still comes out.
    std::fs::write(&cut, &whole[..1600]).unwrap_or_else(|e| panic!("{e}"));
    let out = pith()
        .args(["clean", "--jsonl"])
        .arg(&cut)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cut.warc#1443") && stderr.contains("byte 1443"),
        "{stderr}"
    );
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(records.len(), 1);
    let p = &records[0]["provenance"];
    assert_eq!(p["url"], "https://news.example.org/2024/03/harbour");
    assert_eq!(p["evidence"]["url"]["rule"], "warc:WARC-Target-URI");
    assert_eq!(p["fetched_at"], "2024-03-04T10:15:00Z");
    assert_eq!(p["evidence"]["fetched_at"]["rule"], "warc:WARC-Date");
    assert!(p["record_id"].as_str().is_some_and(|id| id.starts_with("urn:uuid:")));
    // The gzip file as Common Crawl ships it: both responses, the second decoded with its HTTP charset.
    let out = pith()
        .args(["clean", "--jsonl", "fixtures/warc/sample.warc.gz"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["encoding"], "windows-1251");
    assert!(records[1]["text"].as_str().is_some_and(|t| t.contains("Порт")));
}

#[test]
fn restore_refuses_a_record_that_does_not_give_back_its_input() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = pith()
        .args(["clean", "--json", "fixtures/001_2faf6ce82c38984a.txt"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    type Edit = fn(&mut serde_json::Value);
    let edits: [(&str, Edit); 3] = [
        ("last segment removed", |r| {
            if let Some(segments) = r["segments"].as_array_mut() {
                segments.pop();
            }
        }),
        ("segment edited", |r| {
            let text = r["segments"][1]["text"]
                .as_str()
                .unwrap_or_default()
                .replacen('e', "a", 1);
            r["segments"][1]["text"] = text.into();
        }),
        ("wrong encoding", |r| r["encoding"] = "windows-1252".into()),
    ];
    for (what, edit) in edits {
        let mut changed = record.clone();
        edit(&mut changed);
        assert_ne!(changed, record, "{what}");
        let path = dir.path().join("r.json");
        std::fs::write(&path, changed.to_string()).unwrap_or_else(|e| panic!("{e}"));
        pith()
            .arg("restore")
            .arg(&path)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("r.json").and(predicate::str::contains("input_sha256")));
    }
}

/// A `.warc.gz` gzipped one member per record whose first response's member fails its CRC:
/// that record is the error, named by the file, its offset and its record id (not the record
/// after it), and the other response is cleaned.
#[test]
fn a_damaged_gzip_member_is_reported_as_its_own_records_error() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let whole = std::fs::read("fixtures/warc/sample.warc").unwrap_or_default();
    let starts = [0, 248, 609, 1172, 1443, whole.len()];
    let mut gz = Vec::new();
    for (i, bounds) in starts.windows(2).enumerate() {
        let record = whole.get(bounds[0]..bounds[1]).unwrap_or_default();
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(record).unwrap_or_else(|e| panic!("{e}"));
        let mut member = encoder.finish().unwrap_or_else(|e| panic!("{e}"));
        if i == 2 {
            let crc = member.len() - 8;
            member[crc] ^= 0xff;
        }
        gz.extend(member);
    }
    let file = dir.path().join("damaged.warc.gz");
    std::fs::write(&file, gz).unwrap_or_else(|e| panic!("{e}"));
    let out = pith()
        .args(["clean", "-q", "--jsonl"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("damaged.warc.gz#609: byte 609: the gzip member that holds the record <urn:uuid:00000000-0000-4000-8000-000000000003> is damaged"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let sources: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|r| r["source"].as_str().map(String::from))
        .collect();
    assert_eq!(sources, vec![format!("{}#1443", file.display())]);
}

#[test]
fn a_warc_record_running_past_the_end_is_reported_and_the_records_after_it_are_cleaned() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let whole = std::fs::read("fixtures/warc/sample.warc").unwrap_or_default();
    // The request record at byte 248 claims far more bytes than the file holds.
    let from = b"Content-Length: 99\r";
    let at = whole.windows(from.len()).position(|w| w == from).unwrap_or_default();
    let damaged = [&whole[..at], b"Content-Length: 99099\r", &whole[at + from.len()..]].concat();
    let bad = dir.path().join("bad.warc");
    std::fs::write(&bad, damaged).unwrap_or_else(|e| panic!("{e}"));
    let out = pith()
        .args(["clean", "--jsonl"])
        .arg(&bad)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.warc#248: byte 248: ")
            && stderr.contains("skipped 364 bytes to the next record at byte 612"),
        "{stderr}"
    );
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(records.len(), 2, "{stderr}");
    assert_eq!(records[0]["source"], format!("{}#612", bad.display()));
}

#[test]
fn a_jsonl_file_that_opens_with_a_bom_reads_its_first_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("bom.jsonl");
    let copy = HARBOUR_LINE.replace("\"a\"", "\"c\"").replace("sea wall", "wall");
    let text = format!("\u{feff}{HARBOUR_LINE}\n{BRIDGE_LINE}\n{copy}\n");
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    let (code, records, stderr) = run_on(&["clean", "--jsonl-in", "--jsonl"], &file);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["source"], "a");
    // `group` reads line 1 again from offset 0 for its diff, and so meets the BOM again.
    let (code, groups, stderr) = run_on(&["group", "--jsonl-in", "--jsonl"], &file);
    assert_eq!((code, groups.len()), (Some(0), 2), "{stderr}");
    assert!(
        groups[0]["members"][1]["diff"]
            .as_str()
            .is_some_and(|d| d.contains("-The harbour")),
        "{groups:?}"
    );
}

#[test]
fn a_gzipped_jsonl_file_is_read_unzipped() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // A copy of the first document one word shorter, so that `group` (which reads the lines of
    // a group again for its diffs) has a diff to make.
    let copy = HARBOUR_LINE.replace("\"a\"", "\"c\"").replace("sea wall", "wall");
    let text = format!("{HARBOUR_LINE}\n{BRIDGE_LINE}\n{copy}\n");
    let plain = dir.path().join("in.jsonl");
    std::fs::write(&plain, &text).unwrap_or_else(|e| panic!("{e}"));
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let gz = encoder.finish().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("in.jsonl.gz");
    std::fs::write(&file, gz).unwrap_or_else(|e| panic!("{e}"));
    let (code, records, stderr) = run_on(&["clean", "--jsonl-in", "--jsonl"], &file);
    assert_eq!(code, Some(0), "{stderr}");
    let sources: Vec<&str> = records.iter().filter_map(|r| r["source"].as_str()).collect();
    assert_eq!(sources, ["a", "b", "c"]);
    let (code, groups, stderr) = run_on(&["group", "--jsonl-in", "--jsonl"], &file);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(
        groups[0]["members"][1]["diff"]
            .as_str()
            .is_some_and(|d| d.contains("-The harbour")),
        "{groups:?}"
    );
    assert_eq!(groups, run_on(&["group", "--jsonl-in", "--jsonl"], &plain).1);
}
