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
