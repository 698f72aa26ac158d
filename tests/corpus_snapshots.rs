//! Snapshots of the corpus reports on the seeds: variant groups and stories with their quotes.

use assert_cmd::Command;

const SEEDS: [&str; 5] = [
    "fixtures/000_3cf22583a51e9ceb.txt",
    "fixtures/001_2faf6ce82c38984a.txt",
    "fixtures/002_afc870d9edf609b6.txt",
    "fixtures/003_cfd07240930c966c.txt",
    "fixtures/004_73f6c8b27e53c62e.txt",
];

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("pith")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .args(SEEDS)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn seed_reports() {
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("group-seeds-report", run(&["group"]));
        insta::assert_snapshot!("group-seeds-jsonl", run(&["group", "--jsonl"]));
        insta::assert_snapshot!("stories-seeds-report", run(&["stories"]));
        insta::assert_snapshot!("stories-seeds-jsonl", run(&["stories", "--jsonl"]));
    });
}
