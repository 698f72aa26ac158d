//! The `pith` binary as users run it: exit codes, batches with bad files, restore, help.

use assert_cmd::Command;

use predicates::prelude::*;

fn pith() -> Command {
    let mut cmd = Command::cargo_bin("pith").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
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

/// Runs `pith ARGS FILE` and returns (exit code, stdout records, stderr).
fn run_on(args: &[&str], file: &std::path::Path) -> (Option<i32>, Vec<serde_json::Value>, String) {
    results(pith().args(args).arg(file))
}

/// Runs `pith clean --jsonl-in --jsonl -` on `input` and returns (exit code, stdout records,
/// stderr).
fn jsonl_in(input: &str) -> (Option<i32>, Vec<serde_json::Value>, String) {
    results(pith().args(["clean", "--jsonl-in", "--jsonl", "-"]).write_stdin(input))
}

/// A run's (exit code, stdout records, stderr).
fn results(cmd: &mut Command) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
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

/// A JSONL line is read up to four times `--max-bytes` (JSON escapes lengthen a page), and no
/// further: a longer one (a gzip bomb unzips to one line of gigabytes) is read through, not
/// held, and reported by its line; the lines after it are read.
#[test]
fn a_jsonl_line_past_the_limit_is_skipped_not_held() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("in.jsonl");
    let big = serde_json::json!({"id": "big", "text": "x".repeat(5_000)}).to_string();
    std::fs::write(&file, [big.as_str(), HARBOUR_LINE, BRIDGE_LINE].join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let (code, records, stderr) = run_on(&["clean", "--jsonl-in", "--jsonl", "--max-bytes", "1000"], &file);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(records.len(), 2, "{stderr}");
    let name = file.display();
    assert!(
        stderr.contains(&format!("pith: {name}:1: cannot read: line of more than 4000 bytes")),
        "{stderr}"
    );
    // The same line is read when the limit allows it.
    let (code, records, stderr) = run_on(&["clean", "--jsonl-in", "--jsonl", "--max-bytes", "10000"], &file);
    assert_eq!((code, records.len()), (Some(0), 3), "{stderr}");
}

/// The fields of a JSONL line that pith does not read come back in the order they came in, the
/// ones it reads taken out from among them.
#[test]
fn jsonl_fields_pith_does_not_read_keep_their_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("in.jsonl");
    let line = r#"{"z":1,"id":"a","b":"two","url":"https://www.example.org/a","m":[3],"text":"The harbour reopened on Monday after three weeks of repairs.","c":null}"#;
    std::fs::write(&file, line).unwrap_or_else(|e| panic!("{e}"));
    let out = pith()
        .args(["clean", "--jsonl-in", "--jsonl"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(r#""extra":{"z":1,"b":"two","m":[3],"c":null}"#),
        "{stdout}"
    );
}

/// What a JSONL line gives is given back as it was: long numbers keep every digit (two ids
/// 1 apart were rounded into one source), and a field beside the one read (a `text` beside the
/// `html`, an `id` that is an object) stays in `extra` instead of vanishing.
#[test]
fn jsonl_numbers_and_fields_not_read_come_back_as_given() {
    let dir = temp();
    let file = dir.path().join("in.jsonl");
    let body = "<p>The harbour reopened on Monday after three weeks of repairs.</p>";
    let lines = [
        format!(
            r#"{{"id":12345678901234567890123,"html":"{body}","text":"the scraper's text","big":98765432109876543210,"f":1.10}}"#
        ),
        format!(r#"{{"id":12345678901234567890124,"html":"{body}"}}"#),
        format!(r#"{{"id":{{"k":1}},"text":"{body}","html":null}}"#),
    ];
    write(&file, lines.join("\n"));
    let out = pith()
        .args(["clean", "-q", "--jsonl-in", "--jsonl"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let records: Vec<&str> = stdout.lines().collect();
    assert_eq!(records.len(), 3, "{stdout}");
    assert!(records[0].contains(r#""source":"12345678901234567890123""#), "{stdout}");
    assert!(records[1].contains(r#""source":"12345678901234567890124""#), "{stdout}");
    assert!(
        records[0].contains(r#""extra":{"text":"the scraper's text","big":98765432109876543210,"f":1.10}"#),
        "{stdout}"
    );
    assert!(records[2].contains(r#""extra":{"id":{"k":1},"html":null}"#), "{stdout}");
}

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

/// The attributes of an XML element, by name.
fn attributes(node: roxmltree::Node) -> std::collections::BTreeMap<String, String> {
    node.attributes()
        .map(|a| (a.name().to_string(), a.value().to_string()))
        .collect()
}

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

/// Text without its ANSI styles.
fn unstyled(text: &str) -> String {
    regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .map(|re| re.replace_all(text, "").into_owned())
        .unwrap_or_default()
}

mod basics;
mod formats;
mod marks;
mod output;
mod own_inputs;
mod runs;
mod two_passes;
