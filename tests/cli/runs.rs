//! What a corpus run shows on stderr, -q, --color, explain --url (issue 11, section 3).

use super::*;

#[test]
fn clean_group_and_stories_end_with_one_summary_line_and_draw_no_bar_off_a_terminal() {
    for (command, note) in [("clean", ""), ("group", r", \d+ groups"), ("stories", r", \d+ stories")] {
        let (code, stdout, stderr) = run(pith().args([command, "fixtures/rules"]));
        assert_eq!(code, Some(0), "{command}: {stderr}");
        // On stderr, once; the bar (carriage returns, erase-line escapes) not at all.
        assert_eq!(summary_line(note).find_iter(&stderr).count(), 1, "{command}: {stderr}");
        let documents = std::fs::read_dir("fixtures/rules").map_or(0, |dir| dir.count());
        assert!(
            stderr.starts_with(&format!("pith: {documents} documents")),
            "{command}: {stderr}"
        );
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

/// What a page or a file name holds reaches a terminal as text, never as a control sequence:
/// explain, diff, group and stories, coloured or not, and pith's messages on stderr keep only
/// pith's own styles (a title could retitle the terminal, clear it, or hide text).
#[test]
fn a_page_cannot_send_escape_sequences_to_the_terminal() {
    let dir = temp();
    let page = "Harbour \u{1b}]0;PWNED\u{7} \u{1b}[2J reopens\n\nThe harbour reopened on Monday after three weeks of repairs, \u{1b}[8mhidden\u{1b}[0m the council said on Tuesday in a statement.\n\nFerries will run to the old timetable from Tuesday, and the fish market reopens on Wednesday morning as planned.\n";
    let name = "esc\u{1b}[31m.txt";
    write(&dir.path().join(name), page);
    write(
        &dir.path().join("copy.txt"),
        format!("{page}\nThe ferry company said on Friday that it would add two boats for the summer.\n"),
    );
    for (args, styled) in [
        (vec!["explain", "--color", "always", name], true),
        (vec!["explain", "--color", "never", name], false),
        (vec!["diff", "--color", "always", name, "copy.txt"], true),
        (vec!["group", name, "copy.txt"], false),
        (vec!["stories", "--singletons", name, "copy.txt"], false),
        (vec!["clean", "--max-bytes", "10", name], false),
    ] {
        let out = pith()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            // Every escape left is one of pith's styles: `ESC [ digits ; m`.
            let wild = text.match_indices('\u{1b}').any(|(at, _)| {
                !text[at..].starts_with("\u{1b}[")
                    || !text[at + 2..]
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ';')
                        .starts_with('m')
            });
            assert!(!wild, "{args:?}: {text:?}");
            assert!(!text.contains('\u{7}'), "{args:?}: {text:?}");
            assert!(
                !text.contains("\u{1b}[8m") && !text.contains("\u{1b}[2J") && !text.contains("\u{1b}[31m.txt"),
                "{args:?}: {text:?}"
            );
        }
        let all = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        if !matches!(args[0], "clean" | "stories") {
            assert!(
                all.contains("\\u{1b}"),
                "{args:?}: the escape is shown as text: {all:?}"
            );
        }
        if styled {
            assert!(all.contains("\u{1b}["), "{args:?}: pith's own styles stay");
        }
    }
}
