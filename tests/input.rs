//! Reading inputs: directory walks with symlink loops.

use assert_cmd::Command;

fn pith() -> Command {
    let mut cmd = Command::cargo_bin("pith").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
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
    let out = pith()
        .args(["clean", "--jsonl", "-j1"])
        .arg(&root)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let sources: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|r| r["source"].as_str().map(str::to_string))
        .collect();
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
