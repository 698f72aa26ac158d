//! `pith stories` run as a program: which stories it writes (`--singletons`, `--min-articles`).

use assert_cmd::Command;

const SEEDS: [&str; 5] = [
    "fixtures/000_3cf22583a51e9ceb.txt",
    "fixtures/001_2faf6ce82c38984a.txt",
    "fixtures/002_afc870d9edf609b6.txt",
    "fixtures/003_cfd07240930c966c.txt",
    "fixtures/004_73f6c8b27e53c62e.txt",
];

fn pith() -> Command {
    let mut cmd = Command::cargo_bin("pith").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The exit code and the stories of a `pith stories --jsonl` run.
fn stories(args: &[&str], inputs: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let out = pith()
        .args(["stories", "-q", "--jsonl"])
        .args(args)
        .args(inputs)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stories = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    (out.status.code(), stories)
}

fn sizes(stories: &[serde_json::Value]) -> Vec<usize> {
    stories
        .iter()
        .map(|s| s["articles"].as_array().map_or(0, Vec::len))
        .collect()
}

#[test]
fn single_articles_are_left_out_unless_asked_for() {
    let mut inputs = SEEDS.to_vec();
    inputs.extend(["fixtures/rules/appeal.txt", "fixtures/rules/legal.txt"]);
    // The seeds are one story of four articles (000 and 001 are copies of one); the two rule
    // fixtures report on nothing else.
    assert_eq!(sizes(&stories(&[], &inputs).1), vec![4]);
    let (code, all) = stories(&["--singletons"], &inputs);
    assert_eq!(code, Some(0));
    assert_eq!(sizes(&all), vec![4, 1, 1]);
    assert!(all[1]["terms"].as_array().is_some_and(Vec::is_empty));
    assert_eq!(sizes(&stories(&["--min-articles", "1"], &inputs).1), vec![4, 1, 1]);
    assert_eq!(sizes(&stories(&["--min-articles", "4"], &inputs).1), vec![4]);
    let (code, none) = stories(&["--min-articles", "5"], &inputs);
    assert_eq!((code, none.len()), (Some(0), 0));
}

#[test]
fn every_document_is_named_as_an_article_or_as_an_article_s_copy() {
    let mut inputs = SEEDS.to_vec();
    inputs.extend(["fixtures/rules/appeal.txt", "fixtures/rules/legal.txt"]);
    let (code, all) = stories(&["--singletons"], &inputs);
    assert_eq!(code, Some(0));
    let mut named: Vec<String> = Vec::new();
    for story in &all {
        for article in story["articles"].as_array().into_iter().flatten() {
            named.extend(article.as_str().map(str::to_string));
        }
        for copies in story["copies"].as_object().into_iter().flat_map(|c| c.values()) {
            for copy in copies.as_array().into_iter().flatten() {
                named.extend(copy.as_str().map(str::to_string));
            }
        }
    }
    named.sort();
    let mut expected: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(named, expected);
    // 000 and 001 are two scrapes of one article: one is the story's article, the other its copy.
    let copies = &all[0]["copies"];
    assert_eq!(copies.as_object().map(|c| c.len()), Some(1), "{copies}");
}

#[test]
fn story_sizes_are_checked_before_anything_is_read() {
    for args in [&["--min-articles", "0"][..], &["--singletons", "--min-articles", "2"]] {
        let out = pith()
            .arg("stories")
            .args(args)
            .args(SEEDS)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_summary_counts_the_stories_written() {
    let mut inputs = SEEDS.to_vec();
    inputs.push("fixtures/rules/appeal.txt");
    for (args, note) in [(&[][..], ", 1 stories"), (&["--singletons"][..], ", 2 stories")] {
        let out = pith()
            .arg("stories")
            .args(args)
            .args(&inputs)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(note), "{args:?}: {stderr}");
    }
}

mod common;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn write(path: &std::path::Path, text: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

/// A JSONL line of a document with this id and text.
fn line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string() + "\n"
}

#[test]
fn documents_that_share_an_id_are_both_kept_and_told_apart() {
    let dir = temp();
    let corpus = [
        line("a", &common::report(0)),
        line("b", &common::report(1)),
        line("a", &common::report(2)),
    ]
    .concat();
    write(&dir.path().join("in.jsonl"), corpus);
    let out = pith()
        .current_dir(dir.path())
        .args(["stories", "--jsonl", "--jsonl-in", "in.jsonl"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let story: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(story["articles"], serde_json::json!(["a", "b", "a~2"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pith: a: warning: an earlier document has this source too; stories call this one a~2"),
        "{stderr}"
    );
}

/// A corpus of the seeds, the rule fixtures and twelve reports of one event, in a folder.
fn corpus(dir: &std::path::Path) {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for seed in SEEDS {
        let name = seed.trim_start_matches("fixtures/");
        let text = std::fs::read(fixtures.join(name)).unwrap_or_else(|e| panic!("{e}"));
        write(&dir.join("corpus").join(name), text);
    }
    for entry in std::fs::read_dir(fixtures.join("rules")).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        write(
            &dir.join("corpus/rules").join(path.file_name().unwrap_or_default()),
            text,
        );
    }
    for n in 0..12 {
        write(&dir.join(format!("corpus/reports/{n:02}.txt")), common::report(n * 5));
    }
}

#[test]
fn the_stories_are_the_same_bytes_whatever_the_threads() {
    let dir = temp();
    corpus(dir.path());
    for shape in [&["--jsonl"][..], &["--json"], &[]] {
        let run = |threads: &str| {
            pith()
                .current_dir(dir.path())
                .args(["stories", "-q", "-j", threads])
                .args(shape)
                .arg("corpus")
                .output()
                .unwrap_or_else(|e| panic!("{e}"))
                .stdout
        };
        let one = run("1");
        assert!(String::from_utf8_lossy(&one).contains("Ruben Brekelmans"), "{shape:?}");
        assert_eq!(one, run("2"), "{shape:?}");
        assert_eq!(one, run("3"), "{shape:?}");
    }
}

#[test]
fn stdin_gives_the_stories_a_file_gives() {
    // From a file, a story's documents are cleaned again from their lines; from stdin, which
    // cannot be read twice, their records are kept in a temporary file.
    let dir = temp();
    let corpus: String = (0..6)
        .map(|n| line(&format!("report-{n}"), &common::report(n * 7)))
        .chain(std::iter::once(line("other", "An unrelated note about the weather.")))
        .collect();
    write(&dir.path().join("in.jsonl"), &corpus);
    let from_file = pith()
        .current_dir(dir.path())
        .args(["stories", "-q", "--jsonl", "--jsonl-in", "in.jsonl"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
        .stdout;
    let from_stdin = pith()
        .args(["stories", "-q", "--jsonl", "--jsonl-in", "-"])
        .write_stdin(corpus.clone())
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
        .stdout;
    assert_eq!(from_file, from_stdin);
    let stories: Vec<serde_json::Value> = String::from_utf8_lossy(&from_file)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(sizes(&stories), vec![6]);
    assert!(stories[0]["quotes"].as_array().is_some_and(|q| !q.is_empty()));
}

/// `group` and `stories` print a document's warnings as `clean` does: a JSONL file given
/// without `--jsonl-in` is one text document, and the run says so (it found no story, silently).
#[test]
fn group_and_stories_print_what_clean_warns_of() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("pages.jsonl");
    let lines = "{\"id\": \"a\", \"text\": \"One report.\"}\n{\"id\": \"b\", \"text\": \"Another.\"}\n";
    std::fs::write(&file, lines).unwrap_or_else(|e| panic!("{e}"));
    for command in ["clean", "group", "stories"] {
        let out = pith()
            .args([command, "-q"])
            .arg(&file)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("pages.jsonl: warning: looks like JSONL") && stderr.contains("--jsonl-in"),
            "{command}: {stderr}"
        );
    }
}
