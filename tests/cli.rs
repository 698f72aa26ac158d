//! The `pith` binary as users run it: exit codes, batches with bad files, restore, help.

use assert_cmd::Command;
use predicates::prelude::*;

fn pith() -> Command {
    let mut cmd = Command::cargo_bin("pith").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

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

#[test]
fn jsonl_in_streams_records_and_reports_bad_lines_by_number() {
    let input = concat!(
        r#"{"id":"a","html":"<p>The harbour reopened on Monday after three weeks of repairs to the sea wall.</p>","crawl":7}"#,
        "\n{bad json\n",
        r#"{"id":"b","url":"https://www.example.org/2024/05/01/bridge","text":"The bridge will be closed for repairs from Monday, the city said on Friday."}"#,
        "\n"
    );
    let out = pith()
        .args(["clean", "--jsonl-in", "--jsonl", "-"])
        .write_stdin(input)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("pith: -:2: not a JSON object"), "{stderr}");
    assert!(
        stderr.contains("2 documents") && stderr.contains("1 errors"),
        "{stderr}"
    );
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
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

/// Four pages of one outlet, as `ext` files: a story each, then the outlet's two standing
/// lines (in one segment of the ledger, as they share a verdict), which markdown writes with a
/// link: the learner must read them block by block, as the rules do, not by segment.
fn outlet_pages(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let stories = [
        "The harbour reopened on Monday after three weeks of repairs to the sea wall, the port authority said.",
        "The orchestra announced its new season on Friday, with twelve premieres and a tour planned for spring.",
        "The museum will close for renovation in June, its director said, and reopen in the autumn of next year.",
        "The bridge will be closed for repairs from Monday, the city said, with traffic diverted for six weeks.",
    ];
    let askers = ["reporters", "residents", "visitors", "drivers"];
    let (gazette, url) = match ext {
        "md" => (
            "[The Weekly Harbour Gazette](https://www.harbour-gazette.example/)",
            "<{}>",
        ),
        _ => ("The Weekly Harbour Gazette", "{}"),
    };
    let mut paths = Vec::new();
    for (i, (story, asker)) in stories.iter().zip(askers).enumerate() {
        let address = url.replace(
            "{}",
            &format!("https://www.harbour-gazette.example/2024/05/0{i}/story-{i}"),
        );
        let page = format!(
            "{story}\n\nOfficials gave no further details on the plans when {asker} asked about them on the day.\n\n\
             {gazette} is printed on recycled paper at our plant in Portsmouth every Thursday.\n\n\
             Letters to the editor may be shortened and are printed with the writer's name and town.\n\n\
             Original url:\n\n{address}\n"
        );
        let path = dir.join(format!("page{i}.{ext}"));
        std::fs::write(&path, page).unwrap_or_else(|e| panic!("{e}"));
        paths.push(path);
    }
    paths
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

/// Runs `pith ARGS FILE` and returns (exit code, stdout records, stderr).
fn run_on(args: &[&str], file: &std::path::Path) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let out = pith().args(args).arg(file).output().unwrap_or_else(|e| panic!("{e}"));
    let records = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    (
        out.status.code(),
        records,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const HARBOUR_LINE: &str =
    r#"{"id":"a","html":"<p>The harbour reopened on Monday after three weeks of repairs to the sea wall.</p>"}"#;
const BRIDGE_LINE: &str =
    r#"{"id":"b","text":"The bridge will be closed for repairs from Monday, the city said on Friday."}"#;

#[test]
fn jsonl_lines_without_a_body_are_reported_by_file_and_line_and_stray_nul_is_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("in.jsonl");
    let lines = [
        HARBOUR_LINE,
        r#"{"id":"no-body","url":"https://www.example.org/a"}"#,
        r#"{"id":"nul","text":"The bridge \u0000 will be closed."}"#,
        BRIDGE_LINE,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let (code, records, stderr) = run_on(&["clean", "--jsonl-in", "--jsonl"], &file);
    assert_eq!(code, Some(1));
    // A stray NUL is a few bad bytes in a text, not a binary: the line is read, with a warning.
    assert_eq!(records.len(), 3, "{stderr}");
    let name = file.display();
    assert!(stderr.contains(&format!("pith: {name}:2: has neither")), "{stderr}");
    assert!(stderr.contains("1 NUL bytes"), "{stderr}");
    assert!(!stderr.contains("pith: no-body"), "{stderr}");
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

// ---- Never lose output, stop cleanly (issue 11, section 2) ----

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn write(path: &std::path::Path, text: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A news page whose words are its own (so that no two are grouped as copies).
fn page(i: usize) -> String {
    // Made-up words of letters, five syllables each, numbered as in base 8.
    let word = |mut n: usize| {
        let mut w = String::new();
        for _ in 0..5 {
            w.push_str(["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo"][n % 8]);
            n /= 8;
        }
        w
    };
    let mut text = String::new();
    for p in 0..3 {
        let words: Vec<String> = (0..24).map(|j| word(i * 80 + p * 24 + j)).collect();
        text.push_str(&format!(
            "The council said on Monday that the {} plan would cost more than expected.\n\n",
            words.join(" ")
        ));
    }
    text
}

const PAGE_A: &str =
    "The harbour reopened on Monday after three weeks of repairs to the sea wall, the port authority said.\n";
const PAGE_B: &str =
    "The bridge will be closed for repairs from Monday, the city said, with traffic diverted for six weeks.\n";

#[test]
fn output_dir_mirrors_each_root_so_that_files_of_one_name_are_not_lost() {
    let dir = temp();
    write(&dir.path().join("a/x.txt"), PAGE_A);
    write(&dir.path().join("b/x.txt"), PAGE_B);
    let out = pith()
        .current_dir(dir.path())
        .args(["clean", "-o", "out", "a", "b"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("2 documents"), "{stderr}");
    assert_eq!(read(&dir.path().join("out/a/x.txt")), PAGE_A);
    assert_eq!(read(&dir.path().join("out/b/x.txt")), PAGE_B);
}

#[test]
fn output_files_take_the_extension_of_the_output_format_and_pages_that_meet_keep_their_names() {
    let dir = temp();
    let html = format!("<html><body><article><p>{}</p></article></body></html>", PAGE_A.trim());
    write(&dir.path().join("in/page.html"), &html);
    write(&dir.path().join("in/note.md"), PAGE_B);
    write(&dir.path().join("in/same.html"), &html);
    write(&dir.path().join("in/same.txt"), PAGE_B);
    let run = |flag: &str, out: &str| {
        let mut cmd = pith();
        cmd.current_dir(dir.path()).args(["clean", "-o", out, "in"]);
        if !flag.is_empty() {
            cmd.arg(flag);
        }
        cmd.assert().code(0);
        dir.path().join(out)
    };
    let out = run("", "text");
    assert_eq!(read(&out.join("page.txt")), PAGE_A);
    assert_eq!(read(&out.join("note.txt")), PAGE_B);
    // `same.html` and `same.txt` would both be `same.txt`: each keeps its whole name instead.
    assert!(!out.join("same.txt").exists());
    assert_eq!(read(&out.join("same.html.txt")), PAGE_A);
    assert_eq!(read(&out.join("same.txt.txt")), PAGE_B);
    // A WARC file is a folder of its records, named by their offsets.
    write(
        &dir.path().join("warc/crawl.warc"),
        std::fs::read("fixtures/warc/sample.warc").unwrap_or_default(),
    );
    pith()
        .current_dir(dir.path())
        .args(["clean", "-o", "from-warc", "warc", "in/note.md"])
        .assert()
        .code(0);
    assert!(dir.path().join("from-warc/warc/crawl.warc/609.txt").exists());
    assert!(dir.path().join("from-warc/warc/crawl.warc/1443.txt").exists());
    assert_eq!(read(&dir.path().join("from-warc/in/note.txt")), PAGE_B);
    let out = run("--markdown", "markdown");
    assert!(out.join("page.md").exists() && out.join("note.md").exists());
    let out = run("--jsonl", "jsonl");
    let record: serde_json::Value = serde_json::from_str(&read(&out.join("note.json"))).unwrap_or_default();
    assert_eq!(record["source"], "in/note.md");
    assert!(out.join("page.json").exists() && !out.join("page.html.json").exists());
}

#[test]
fn output_dir_refuses_inputs_that_would_meet_in_one_file_before_writing_anything() {
    let dir = temp();
    write(&dir.path().join("a/x.txt"), PAGE_A);
    pith()
        .current_dir(dir.path())
        .args(["clean", "-o", "out", "a", "a"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("both a/x.txt and a/x.txt").and(predicate::str::contains("nothing was written")),
        );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn output_dir_never_writes_over_a_document_of_the_same_run() {
    let dir = temp();
    // Two JSONL lines with one id: named as they come, the second must not replace the first.
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "same", "text": PAGE_A}),
        serde_json::json!({"id": "same", "text": PAGE_B})
    );
    write(&dir.path().join("in.jsonl"), lines);
    pith()
        .current_dir(dir.path())
        .args(["clean", "--jsonl-in", "-o", "out", "in.jsonl"])
        .assert()
        .code(0);
    assert_eq!(read(&dir.path().join("out/same.txt")), PAGE_A);
    assert_eq!(read(&dir.path().join("out/same~2.txt")), PAGE_B);
}

/// Runs the real binary with its stdout closed before it writes (as `| head` does once it has
/// read enough) and returns its exit code and stderr.
fn with_stdout_closed(dir: &std::path::Path, args: &[&str], stdin: Option<&[u8]>) -> (Option<i32>, String) {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take());
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.unwrap_or_default()).unwrap_or_default();
    }
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        err.read_to_string(&mut stderr).unwrap_or_default();
    }
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    (status.code(), stderr)
}

#[test]
fn a_closed_stdout_stops_every_command_at_once_and_quietly() {
    let dir = temp();
    for i in 0..60 {
        write(&dir.path().join(format!("corpus/{i:03}.txt")), page(i));
    }
    // Sorted last: a run that went on through the corpus would report it.
    write(&dir.path().join("late/binary.txt"), b"\0\0\0\0\0\0 late \0\0\0\0\0\0");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let seed = |n: &str| fixtures.join(n).display().to_string();
    let (seed0, seed1) = (seed("000_3cf22583a51e9ceb.txt"), seed("001_2faf6ce82c38984a.txt"));
    write(
        &dir.path().join("gold.json"),
        serde_json::json!({"000": {"articleBody": "x"}}).to_string(),
    );
    write(&dir.path().join("pages/000.txt"), page(0));
    let record = pith()
        .args(["clean", "--json", "fixtures/001_2faf6ce82c38984a.txt"])
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    write(&dir.path().join("record.json"), &record);
    let runs: [&[&str]; 9] = [
        &["clean", "--jsonl", "-j", "1", "corpus", "late"],
        &["clean", "-j", "1", "corpus", "late"],
        &["clean", "--json", "corpus"],
        &["group", "--jsonl", "corpus"],
        // Unrelated pages: only single articles, which `--singletons` writes.
        &["stories", "--singletons", "corpus"],
        &["explain", &seed0],
        &["diff", &seed0, &seed1],
        &["eval", "--per-doc", "--gold", "gold.json", "pages"],
        &["restore", "record.json"],
    ];
    for args in runs {
        let (code, stderr) = with_stdout_closed(dir.path(), args, None);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("cannot write"),
            "{args:?}: {stderr}"
        );
        assert!(
            !stderr.contains("late/binary.txt"),
            "{args:?} went on after stdout closed: {stderr}"
        );
        assert!(!stderr.contains("documents,"), "{args:?} printed a summary: {stderr}");
    }
    let (code, stderr) = with_stdout_closed(dir.path(), &["restore", "-"], Some(&record));
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn eval_with_no_page_for_any_gold_id_is_an_error_naming_the_gold_file_and_folder() {
    let dir = temp();
    write(
        &dir.path().join("gold.json"),
        serde_json::json!({"zz": {"articleBody": "x"}}).to_string(),
    );
    write(&dir.path().join("pages/aa.txt"), PAGE_A);
    pith()
        .current_dir(dir.path())
        .args(["eval", "--gold", "gold.json", "pages"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("gold.json").and(predicate::str::contains("in pages")));
}

#[test]
fn restore_reads_a_record_from_stdin() {
    let record = pith()
        .args(["clean", "--json", "fixtures/001_2faf6ce82c38984a.txt"])
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    let original = std::fs::read("fixtures/001_2faf6ce82c38984a.txt").unwrap_or_default();
    pith()
        .args(["restore", "-"])
        .write_stdin(record)
        .assert()
        .code(0)
        .stdout(original);
}

#[test]
fn restore_of_several_records_writes_each_to_its_file_or_refuses() {
    let dir = temp();
    write(&dir.path().join("a/x.txt"), PAGE_A);
    write(&dir.path().join("b/x.txt"), format!("Menu\nHome\n\n{PAGE_B}"));
    let records = |flag: &str| {
        pith()
            .current_dir(dir.path())
            .args(["clean", flag, "a/x.txt", "b/x.txt"])
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default()
    };
    for (flag, form) in [("--jsonl", "jsonl"), ("--json", "array")] {
        let records = records(flag);
        // Without a folder to write to, restoring only the first would lose the others.
        pith()
            .current_dir(dir.path())
            .args(["restore", "-"])
            .write_stdin(records.clone())
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("holds 2 records").and(predicate::str::contains("-o DIR")));
        let out = format!("restored-{form}");
        pith()
            .current_dir(dir.path())
            .args(["restore", "-", "-o", &out])
            .write_stdin(records)
            .assert()
            .code(0);
        assert_eq!(read(&dir.path().join(&out).join("a/x.txt")), PAGE_A, "{form}");
        assert_eq!(
            read(&dir.path().join(&out).join("b/x.txt")),
            format!("Menu\nHome\n\n{PAGE_B}"),
            "{form}"
        );
    }
}

#[test]
fn the_same_unreadable_file_gives_the_same_exit_code_in_every_command() {
    let dir = temp();
    write(&dir.path().join("bad.txt"), b"\0\0\0\0\0\0 bad \0\0\0\0\0\0");
    write(&dir.path().join("good.txt"), PAGE_A);
    write(
        &dir.path().join("gold.json"),
        serde_json::json!({"bad": {"articleBody": "x"}, "good": {"articleBody": PAGE_A}}).to_string(),
    );
    write(&dir.path().join("pages/bad.txt"), b"\0\0\0\0\0\0 bad \0\0\0\0\0\0");
    write(&dir.path().join("only-bad/bad.txt"), b"\0\0\0\0\0\0 bad \0\0\0\0\0\0");
    write(&dir.path().join("pages/good.txt"), PAGE_A);
    // Alone, every input failed: 2. Beside a good one, the good one was processed: 1.
    let runs: [(&[&str], i32); 11] = [
        (&["clean", "bad.txt"], 2),
        (&["group", "bad.txt"], 2),
        (&["stories", "bad.txt"], 2),
        (&["explain", "bad.txt"], 2),
        (&["diff", "bad.txt", "good.txt"], 2),
        (&["eval", "--gold", "gold.json", "only-bad"], 2),
        (&["clean", "bad.txt", "good.txt"], 1),
        (&["group", "bad.txt", "good.txt"], 1),
        (&["stories", "bad.txt", "good.txt"], 1),
        (&["eval", "--gold", "gold.json", "pages"], 1),
        (&["clean", "good.txt"], 0),
    ];
    for (args, code) in runs {
        let out = pith()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        if code > 0 {
            assert!(
                stderr.contains("pith: ") && stderr.contains("bad"),
                "{args:?}: {stderr}"
            );
        }
    }
}

#[test]
fn empty_and_blank_inputs_give_a_record_with_empty_text_and_a_warning_in_every_mode() {
    let dir = temp();
    write(&dir.path().join("in/empty.txt"), "");
    write(&dir.path().join("in/blank.txt"), " \n\n\t\n");
    write(
        &dir.path().join("in/no-text.html"),
        "<html><body><nav><a href=/>Home</a></nav></body></html>",
    );
    for (file, warning) in [
        ("in/empty.txt", "empty input"),
        ("in/blank.txt", "empty input"),
        ("in/no-text.html", "no text"),
    ] {
        for flag in ["", "--markdown", "--json", "--jsonl"] {
            let out = pith()
                .current_dir(dir.path())
                .arg("clean")
                .args(Some(flag).filter(|f| !f.is_empty()))
                .arg(file)
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{file} {flag}: {stderr}");
            assert!(
                stderr.contains(&format!("pith: {file}: warning: {warning}")),
                "{file} {flag}: {stderr}"
            );
            if flag.starts_with("--json") {
                let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
                assert_eq!(record["text"], "", "{file} {flag}");
                assert!(
                    record["warnings"][0].as_str().is_some_and(|w| w.starts_with(warning)),
                    "{file} {flag}: {record}"
                );
            }
        }
        pith()
            .current_dir(dir.path())
            .args(["explain", file])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(format!("warning: {warning}")));
    }
    // Output files too, and stdin.
    pith()
        .current_dir(dir.path())
        .args(["clean", "-o", "out", "in"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("in/empty.txt: warning: empty input"));
    assert_eq!(read(&dir.path().join("out/empty.txt")), "");
    pith()
        .args(["clean", "--jsonl"])
        .write_stdin("")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""text":"""#))
        .stderr(predicate::str::contains("pith: -: warning: empty input"));
}

// ---- What a trafilatura user expects (issue 11, section 3) ----

/// A page whose title, authors and outlet hold `"`, `<`, `&`, `#` and YAML words (`yes`, `: x`).
const AWKWARD: &str = "fixtures/shapes/awkward-metadata.html";
/// A page with relative links, an image in a `<figure>` and a table.
const LINKS: &str = "fixtures/shapes/links-images-table.html";

/// stdout of a run that must succeed.
fn stdout_of(args: &[&str]) -> String {
    let out = pith().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// The JSON record of one input.
fn record_of(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["clean", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout_of(&all)).unwrap_or_else(|e| panic!("{e}"))
}

/// The YAML front matter at the top of `text`, read by a YAML 1.2 parser, and the body below it.
fn front_matter(text: &str) -> (yaml_rust2::Yaml, String) {
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("no front matter: {text}"));
    let (yaml, body) = rest
        .split_once("---\n")
        .unwrap_or_else(|| panic!("no end of front matter: {text}"));
    let docs = yaml_rust2::YamlLoader::load_from_str(yaml).unwrap_or_else(|e| panic!("{e}: {yaml}"));
    (
        docs.into_iter().next().unwrap_or(yaml_rust2::Yaml::Null),
        body.to_string(),
    )
}

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

/// The attributes of an XML element, by name.
fn attributes(node: roxmltree::Node) -> std::collections::BTreeMap<String, String> {
    node.attributes()
        .map(|a| (a.name().to_string(), a.value().to_string()))
        .collect()
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

// ---- Links and images in XML and HTML (issue 11, section 3) ----

/// A page whose links and images stand everywhere: in a heading, a list, a table, a quote,
/// after a line break, around an image, across a paragraph that scraping split, after a drop
/// cap and in text with a soft hyphen; targets and alt texts holding `"`, `&`, `<`.
const MARKS: &str = "fixtures/shapes/inline-marks.html";

fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}: {xml}"))
}

/// Every text node below `<main>`, in order.
fn main_text(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .filter(|n| n.has_tag_name("main"))
        .flat_map(|main| main.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()))
        .collect()
}

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

// ---- What a corpus run shows on stderr, -q, --color, explain --url (issue 11, section 3) ----

/// Exit code, stdout and stderr of a run.
fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The one-line summary of a run: documents, what the command adds, bytes, errors, seconds, MB/s.
fn summary_line(note: &str) -> regex::Regex {
    regex::Regex::new(&format!(
        r"(?m)^pith: \d+ documents{note}, \d+ bytes, \d+ errors, \d+\.\d\d s, \d+\.\d MB/s$"
    ))
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn clean_group_and_stories_end_with_one_summary_line_and_draw_no_bar_off_a_terminal() {
    for (command, note) in [("clean", ""), ("group", r", \d+ groups"), ("stories", r", \d+ stories")] {
        let (code, stdout, stderr) = run(pith().args([command, "fixtures/rules"]));
        assert_eq!(code, Some(0), "{command}: {stderr}");
        // On stderr, once; the bar (carriage returns, erase-line escapes) not at all.
        assert_eq!(summary_line(note).find_iter(&stderr).count(), 1, "{command}: {stderr}");
        assert!(stderr.starts_with("pith: 17 documents"), "{command}: {stderr}");
        assert!(
            !stderr.contains('\r') && !stderr.contains('\u{1b}'),
            "{command}: {stderr:?}"
        );
        assert!(
            !stdout.contains("documents,") && !stdout.contains('\r'),
            "{command}: {stdout}"
        );
        // -q: nothing on stderr for a run without errors or warnings; stdout unchanged.
        let (code, quiet, stderr) = run(pith().args([command, "-q", "fixtures/rules"]));
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{command}");
        assert_eq!(quiet, stdout, "{command}");
        let (_, _, stderr) = run(pith().args([command, "--quiet", "fixtures/rules"]));
        assert_eq!(stderr, "", "{command}");
    }
    // Documents of a number not known up front (JSONL on stdin): the same line.
    let lines =
        "{\"id\":\"a\",\"text\":\"The council approved the new harbour budget on Monday after a long debate.\"}\n";
    let (code, _, stderr) = run(pith().args(["clean", "--jsonl-in", "--jsonl"]).write_stdin(lines));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        summary_line("").is_match(&stderr) && stderr.starts_with("pith: 1 documents"),
        "{stderr}"
    );
    // One input: its output says it all.
    let (_, _, stderr) = run(pith().args(["clean", "fixtures/rules/appeal.txt"]));
    assert_eq!(stderr, "");
}

#[test]
fn quiet_leaves_errors_and_warnings_on_stderr() {
    let (code, _, stderr) = run(pith().args([
        "clean",
        "-q",
        "fixtures/bad/binary.txt",
        "fixtures/bad/empty.txt",
        "fixtures/002_afc870d9edf609b6.txt",
    ]));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("pith: fixtures/bad/binary.txt: not text"), "{stderr}");
    assert!(
        stderr.contains("pith: fixtures/bad/empty.txt: warning: empty input"),
        "{stderr}"
    );
    assert!(!summary_line("").is_match(&stderr), "{stderr}");
    let (code, _, stderr) = run(pith().args(["group", "-q", "fixtures/bad/binary.txt", "fixtures/rules"]));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("pith: fixtures/bad/binary.txt: not text") && !stderr.contains("documents,"),
        "{stderr}"
    );
    // Without -q the same run counts the error in its summary.
    let (_, _, stderr) = run(pith().args(["stories", "fixtures/bad/binary.txt", "fixtures/rules"]));
    assert!(summary_line(r", \d+ stories").is_match(&stderr), "{stderr}");
    assert!(stderr.contains(" bytes, 1 errors, "), "{stderr}");
}

/// Text without its ANSI styles.
fn unstyled(text: &str) -> String {
    regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .map(|re| re.replace_all(text, "").into_owned())
        .unwrap_or_default()
}

#[test]
fn color_always_colours_a_pipe_and_never_or_no_color_do_not() {
    const PAGE: &str = "fixtures/rules/appeal.txt";
    const ESC: &str = "\u{1b}[";
    let explain = |args: &[&str], env: &[(&str, &str)]| -> String {
        let mut cmd = pith();
        cmd.env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let (code, stdout, stderr) = run(cmd.args(args));
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        stdout
    };
    let always = explain(&["explain", "--color", "always", PAGE], &[]);
    assert!(always.contains(ESC), "{always}");
    // The flag is global (before the command too), and a flag beats the environment.
    assert_eq!(
        explain(&["--color", "always", "explain", PAGE], &[("NO_COLOR", "1")]),
        always
    );
    let never = explain(&["explain", "--color", "never", PAGE], &[("CLICOLOR_FORCE", "1")]);
    assert!(!never.contains(ESC), "{never}");
    assert_eq!(unstyled(&always), never);
    // auto (the default): no colour into a pipe; CLICOLOR_FORCE asks for it, NO_COLOR wins.
    assert_eq!(explain(&["explain", PAGE], &[]), never);
    assert_eq!(
        explain(&["explain", "--color", "auto", PAGE], &[("CLICOLOR_FORCE", "1")]),
        always
    );
    assert_eq!(
        explain(&["explain", PAGE], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        never
    );
    // diff colours removals red and additions green, a line or a word at a time.
    let a = "fixtures/000_3cf22583a51e9ceb.txt";
    let b = "fixtures/002_afc870d9edf609b6.txt";
    for words in [false, true] {
        let mut args = vec!["diff", a, b];
        if words {
            args.push("--words");
        }
        let (code, plain, _) = run(pith().args(&args).args(["--color", "never"]));
        assert_eq!(code, Some(1));
        assert!(!plain.contains(ESC));
        let (code, coloured, _) = run(pith().args(&args).args(["--color", "always"]));
        assert_eq!(code, Some(1));
        let (removed, added) = if words {
            ("\u{1b}[31m[-", "\u{1b}[32m{+")
        } else {
            ("\u{1b}[31m-", "\u{1b}[32m+")
        };
        assert!(coloured.contains(removed) && coloured.contains(added), "{coloured}");
        assert_eq!(unstyled(&coloured), plain);
    }
    pith()
        .args(["--color", "sometimes", "explain", PAGE])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("auto").and(predicate::str::contains("always")));
}

#[test]
fn explain_takes_url_as_clean_does() {
    let page = "The council approved the new harbour budget on Monday after a long debate, officials said.\n";
    let (code, stdout, stderr) = run(pith()
        .args(["explain", "--url", "https://News.Example.com/harbour?id=1", "-"])
        .write_stdin(page));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("url        https://news.example.com/harbour?id=1  [cli:url]"),
        "{stdout}"
    );
    let (_, stdout, _) = run(pith().args(["explain", "-"]).write_stdin(page));
    assert!(stdout.contains("url        null"), "{stdout}");
    // A WARC file holds many pages; a relative address is no address.
    pith()
        .args(["explain", "--url", "https://example.com/", "fixtures/warc/sample.warc"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--url https://example.com/ names the address of one page, but a WARC file",
        ));
    pith()
        .args(["explain", "--url", "/harbour", "-"])
        .write_stdin(page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an absolute URL"));
}

/// `--ledger offsets`: records without the input's bytes, which `pith restore` gives back only
/// with `--input`, the input they were made from (gzipped as it was given, or not).
#[test]
fn an_offsets_record_restores_with_its_input_and_only_with_it() {
    let dir = temp();
    let page = std::fs::read("fixtures/html/related-box.html").unwrap_or_else(|e| panic!("{e}"));
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gzip, &page).unwrap_or_else(|e| panic!("{e}"));
    write(
        &dir.path().join("page.html.gz"),
        gzip.finish().unwrap_or_else(|e| panic!("{e}")),
    );
    write(&dir.path().join("other.txt"), PAGE_A);
    let out = pith()
        .current_dir(dir.path())
        .args(["clean", "--json", "--ledger", "offsets", "page.html.gz"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(record["ledger"], "offsets");
    let segments = record["segments"].as_array().cloned().unwrap_or_default();
    assert!(segments.len() > 3);
    assert!(segments
        .iter()
        .all(|s| s.get("text").is_none() && s.get("content").is_none() && s.get("end").is_some()));
    write(&dir.path().join("r.json"), &out.stdout);

    // Alone, the record cannot give the input back: it says what it needs.
    pith()
        .current_dir(dir.path())
        .args(["restore", "r.json"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::starts_with("pith: r.json: cannot restore: page.html.gz: ")
                .and(predicate::str::contains("--input FILE")),
        );
    // With its input (gzipped as it was given): the bytes pith read, byte for byte.
    pith()
        .current_dir(dir.path())
        .args(["restore", "r.json", "--input", "page.html.gz"])
        .assert()
        .code(0)
        .stdout(page.clone());
    pith()
        .current_dir(dir.path())
        .args(["restore", "-", "--input", "page.html.gz", "-o", "back.html"])
        .write_stdin(out.stdout.clone())
        .assert()
        .code(0);
    assert_eq!(std::fs::read(dir.path().join("back.html")).unwrap_or_default(), page);
    // Another input, or one that cannot be read: refused, naming both files.
    pith()
        .current_dir(dir.path())
        .args(["restore", "r.json", "--input", "other.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::starts_with("pith: r.json: cannot restore from other.txt: page.html.gz: ")
                .and(predicate::str::contains("not the one this record was made from")),
        );
    pith()
        .current_dir(dir.path())
        .args(["restore", "r.json", "--input", "missing.html"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("pith: missing.html: cannot read"));
    pith()
        .current_dir(dir.path())
        .args(["restore", "-", "--input", "-"])
        .write_stdin(out.stdout)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot both be read from stdin"));
}

/// `--ledger full` is the default, byte for byte; `--input` also checks a full record's input.
#[test]
fn the_full_ledger_is_the_default_and_checks_an_input_given() {
    let run = |args: &[&str]| {
        pith()
            .args(args)
            .output()
            .map(|o| o.stdout)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let inputs = ["fixtures/001_2faf6ce82c38984a.txt", "fixtures/rules", "fixtures/html"];
    let default = run(&[&["clean", "-q", "--jsonl"][..], &inputs].concat());
    let full = run(&[&["clean", "-q", "--jsonl", "--ledger", "full"][..], &inputs].concat());
    let offsets = run(&[&["clean", "-q", "--jsonl", "--ledger", "offsets"][..], &inputs].concat());
    assert!(!default.is_empty());
    assert_eq!(default, full);
    // The full ledger carries every input byte once more (JSON-escaped, so at least as many).
    let size = |path: std::path::PathBuf| std::fs::metadata(path).map_or(0, |m| m.len());
    let files = ["fixtures/rules", "fixtures/html"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).into_iter().flatten().flatten())
        .map(|entry| entry.path());
    let input_bytes: u64 = size(inputs[0].into()) + files.map(size).sum::<u64>();
    assert!(input_bytes > 10_000, "{input_bytes}");
    assert!(
        (full.len() - offsets.len()) as u64 >= input_bytes,
        "{} vs {} for {input_bytes} input bytes",
        offsets.len(),
        full.len()
    );
    assert!(!String::from_utf8_lossy(&default).contains("\"ledger\""));

    let dir = temp();
    let record = dir.path().join("r.json");
    write(&record, run(&["clean", "--json", "fixtures/001_2faf6ce82c38984a.txt"]));
    let original = std::fs::read("fixtures/001_2faf6ce82c38984a.txt").unwrap_or_default();
    pith()
        .arg("restore")
        .arg(&record)
        .args(["--input", "fixtures/001_2faf6ce82c38984a.txt"])
        .assert()
        .code(0)
        .stdout(original);
    pith()
        .arg("restore")
        .arg(&record)
        .args(["--input", "fixtures/002_afc870d9edf609b6.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot restore from fixtures/002_afc870d9edf609b6.txt",
        ));
}

/// `--input` is one record's input; a file of offsets records restored to `-o DIR` without it
/// fails record by record.
#[test]
fn several_offsets_records_need_their_inputs() {
    let dir = temp();
    write(&dir.path().join("a.txt"), PAGE_A);
    write(&dir.path().join("b.txt"), PAGE_B);
    let records = pith()
        .current_dir(dir.path())
        .args(["clean", "-q", "--jsonl", "--ledger", "offsets", "a.txt", "b.txt"])
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    write(&dir.path().join("r.jsonl"), &records);
    pith()
        .current_dir(dir.path())
        .args(["restore", "r.jsonl", "-o", "out", "--input", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "holds 2 records; --input gives the input of one record",
        ));
    pith()
        .current_dir(dir.path())
        .args(["restore", "r.jsonl", "-o", "out"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("pith: r.jsonl: cannot restore: a.txt: ")
                .and(predicate::str::contains("pith: r.jsonl: cannot restore: b.txt: ")),
        );
    assert!(!dir.path().join("out/a.txt").exists());
}
