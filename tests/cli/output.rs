//! Never lose output, stop cleanly (issue 11, section 2).

use super::*;

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
    clean_jsonl_into_out(dir.path(), &lines);
    assert_eq!(read(&dir.path().join("out/same.txt")), PAGE_A);
    assert_eq!(read(&dir.path().join("out/same~2.txt")), PAGE_B);
}

/// Writes `lines` to `in.jsonl` in `dir` and cleans it into `out/` there, successfully.
fn clean_jsonl_into_out(dir: &std::path::Path, lines: &str) {
    write(&dir.join("in.jsonl"), lines);
    pith()
        .current_dir(dir)
        .args(["clean", "--jsonl-in", "-o", "out", "in.jsonl"])
        .assert()
        .code(0);
}

/// A JSONL id names a file below `-o` and nothing else: `..` and `.` are no folders, a dot does
/// not hide the file, a long id is cut short, and a file beside the output is left alone.
#[test]
fn a_jsonl_id_never_names_a_file_outside_the_output_folder() {
    let dir = temp();
    write(&dir.path().join(".txt"), "mine");
    write(&dir.path().join("out/keep"), "");
    let long = "n".repeat(400);
    let lines: String = ["..", ".", "../../up", ".hidden", long.as_str()]
        .iter()
        .map(|id| format!("{}\n", serde_json::json!({"id": id, "text": PAGE_A})))
        .collect();
    clean_jsonl_into_out(dir.path(), &lines);
    assert_eq!(read(&dir.path().join(".txt")), "mine");
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "keep")
        .collect();
    written.sort();
    assert_eq!(written.len(), 5, "{written:?}");
    assert!(
        written.iter().all(|n| !n.starts_with('.') && n.len() <= 210),
        "{written:?}"
    );
    assert!(written.iter().all(|n| read(&dir.path().join("out").join(n)) == PAGE_A));
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

/// Gold ids may hold dots (`story.2024` is `story.2024.txt`); an id with two pages, or a gold
/// body that is no string, is refused rather than scored as whichever came last or as empty.
#[test]
fn eval_matches_dotted_ids_and_refuses_what_it_cannot_score() {
    let dir = temp();
    let gold = |body: serde_json::Value| {
        write(
            &dir.path().join("gold.json"),
            serde_json::json!({"story.2024": {"articleBody": PAGE_A}, "aa": {"articleBody": body}}).to_string(),
        )
    };
    gold(serde_json::json!(PAGE_A));
    write(&dir.path().join("pages/story.2024.txt"), PAGE_A);
    write(&dir.path().join("pages/aa.txt"), PAGE_A);
    let scored = pith()
        .current_dir(dir.path())
        .args(["eval", "--gold", "gold.json", "pages"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&scored.stderr);
    assert_eq!(scored.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("no page"), "{stderr}");
    assert!(String::from_utf8_lossy(&scored.stdout).contains("\"n\":2"));
    write(&dir.path().join("pages/aa.html"), PAGE_A);
    pith()
        .current_dir(dir.path())
        .args(["eval", "--gold", "gold.json", "pages"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two pages").and(predicate::str::contains("aa.html")));
    std::fs::remove_file(dir.path().join("pages/aa.html")).unwrap_or_else(|e| panic!("{e}"));
    gold(serde_json::json!(null));
    pith()
        .current_dir(dir.path())
        .args(["eval", "--gold", "gold.json", "pages"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"aa\" has no \"articleBody\" string"));
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

/// JSONL is restored a line at a time: a line that is not a record is named by its line and
/// the others are restored all the same, each to its own file; blank lines are skipped.
#[test]
fn restore_of_a_jsonl_file_reads_it_a_line_at_a_time_and_names_a_broken_line() {
    let dir = temp();
    write(&dir.path().join("a/x.txt"), PAGE_A);
    write(&dir.path().join("b/x.txt"), PAGE_B);
    write(&dir.path().join("c/y.txt"), format!("Menu\nHome\n\n{PAGE_A}"));
    let records = pith()
        .current_dir(dir.path())
        .args(["clean", "--jsonl", "a/x.txt", "b/x.txt", "c/y.txt"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let lines: Vec<&str> = records.lines().collect();
    assert_eq!(lines.len(), 3);
    let broken = lines[1].replacen("\"source\"", "\"sauce\"", 1);
    write(
        &dir.path().join("records.jsonl"),
        format!("{}\n\n{broken}\n{}\n", lines[0], lines[2]),
    );
    pith()
        .current_dir(dir.path())
        .args(["restore", "records.jsonl", "-o", "back"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("records.jsonl:3: ").and(predicate::str::contains("source")));
    assert_eq!(read(&dir.path().join("back/a/x.txt")), PAGE_A);
    assert_eq!(
        read(&dir.path().join("back/c/y.txt")),
        format!("Menu\nHome\n\n{PAGE_A}")
    );
    assert!(!dir.path().join("back/b/x.txt").exists());
    // Without a folder, the two records are refused, not one restored.
    pith()
        .current_dir(dir.path())
        .args(["restore", "records.jsonl"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("holds 3 records"));
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

/// Two file names that are not UTF-8 and differ only where they are not were both written
/// `bad\u{FFFD}\u{FFFD}.txt`: the batch stopped, nothing written.
#[cfg(unix)]
#[test]
fn output_names_keep_the_bytes_of_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp();
    let names: [&[u8]; 2] = [b"bad\xff\xfe.txt", b"bad\xff\xfd.html"];
    for name in names {
        let path = dir.path().join("nm").join(std::ffi::OsStr::from_bytes(name));
        // Some file systems (APFS) refuse names that are not UTF-8: nothing to test there.
        if std::fs::create_dir_all(dir.path().join("nm"))
            .and_then(|()| std::fs::write(&path, PAGE_A))
            .is_err()
        {
            return;
        }
    }
    pith()
        .current_dir(dir.path())
        .args(["clean", "-q", "-o", "nmo", "nm"])
        .assert()
        .code(0);
    for written in [&b"bad\xff\xfe.txt"[..], b"bad\xff\xfd.txt"] {
        let path = dir.path().join("nmo").join(std::ffi::OsStr::from_bytes(written));
        assert_eq!(read(&path), PAGE_A, "{}", path.display());
    }
}

#[test]
fn the_header_over_each_document_is_one_line_whatever_the_file_is_called() {
    let dir = temp();
    write(&dir.path().join("a\u{1b}[2Jb.txt"), "The council met on Monday.\n");
    write(&dir.path().join("c\nd.txt"), "The budget passed on Tuesday.\n");
    let out = pith()
        .current_dir(dir.path())
        .args(["clean", "-q", "."])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    let headers: Vec<&str> = stdout.lines().filter(|l| l.starts_with("==> ")).collect();
    assert_eq!(
        headers,
        ["==> ./a\\u{1b}[2Jb.txt <==", "==> ./c\\nd.txt <=="],
        "{stdout:?}"
    );
}
