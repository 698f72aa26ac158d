//! No command writes over a file it reads or writes: `-o`, `--learn`, `--pred-out` and `restore -o` that
//! name one of the run's inputs (for `-o`, also `--boilerplate`'s model or the one `--learn` writes)
//! are refused before anything is written (exit 2, naming both).

use super::*;

/// A page whose cleaned text is not its bytes: a run that wrote over it would show.
const NAVIGATION_PAGE: &str =
    "Home | News\n\nThe harbour reopened on Monday after three weeks of repairs, the council said.\n\nCopyright 2024\n";

/// Runs `pith ARGS` in `dir` and checks it refused, naming `target` and `input`, and wrote nothing.
fn refused(dir: &std::path::Path, args: &[&str], target: &str, input: &str) {
    let out = pith()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(
        stderr.contains(&format!("{target}: is {input}, an input of this run"))
            && stderr.contains("nothing was written"),
        "{args:?}: {stderr}"
    );
}

#[test]
fn clean_o_refuses_an_output_file_that_is_one_of_its_inputs() {
    let dir = temp();
    let d = dir.path().join("d");
    write(&d.join("b.txt"), NAVIGATION_PAGE);
    write(&d.join("a.html"), format!("<p>{PAGE_A}</p>"));
    // `b.txt` would be cleaned into itself; `a.html` (→ `a.txt`) is not written either.
    refused(dir.path(), &["clean", "-o", "d", "d"], "d/b.txt", "d/b.txt");
    refused(dir.path(), &["clean", "-o", "d", "d/b.txt"], "d/b.txt", "d/b.txt");
    refused(&d, &["clean", "-o", ".", "b.txt"], "./b.txt", "b.txt");
    assert_eq!(read(&d.join("b.txt")), NAVIGATION_PAGE);
    assert!(!d.join("a.txt").exists());
    // Another name of the same file (a hard link) is the same file.
    #[cfg(unix)]
    {
        std::fs::create_dir(dir.path().join("e")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::hard_link(d.join("b.txt"), dir.path().join("e/b.txt")).unwrap_or_else(|e| panic!("{e}"));
        refused(dir.path(), &["clean", "-o", "e", "d/b.txt"], "e/b.txt", "d/b.txt");
        assert_eq!(read(&d.join("b.txt")), NAVIGATION_PAGE);
    }
    // An output folder whose files are not the inputs is written as before.
    pith()
        .current_dir(dir.path())
        .args(["clean", "-q", "-o", "out", "d"])
        .assert()
        .code(0);
    assert!(read(&dir.path().join("out/b.txt")).starts_with("The harbour reopened"));
}

#[test]
fn clean_learn_refuses_a_model_file_that_is_one_of_its_inputs() {
    let dir = temp();
    write(&dir.path().join("lt/a.txt"), PAGE_A);
    write(&dir.path().join("lt/b.txt"), NAVIGATION_PAGE);
    refused(
        dir.path(),
        &["clean", "--jsonl", "--learn", "lt/b.txt", "lt"],
        "lt/b.txt",
        "lt/b.txt",
    );
    assert_eq!(read(&dir.path().join("lt/b.txt")), NAVIGATION_PAGE);
}

#[test]
fn clean_o_refuses_to_write_its_outputs_over_the_boilerplate_model_it_reads_or_writes() {
    let dir = temp();
    write(&dir.path().join("in/a.txt"), PAGE_A);
    write(&dir.path().join("in/b.txt"), NAVIGATION_PAGE);
    // The model learned (--learn) where -o plans b's output: one would be written over the other.
    let out = pith()
        .current_dir(dir.path())
        .args(["clean", "--learn", "./out/b.txt", "-o", "out", "in"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("out/b.txt: both in/b.txt and the boilerplate model (--learn) would be written here"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
    // The model read (--boilerplate) where -o plans b's output: refused before it is overwritten.
    let model = r#"{"outlets":{},"min_documents":2}"#;
    write(&dir.path().join("out/b.txt"), model);
    refused(
        dir.path(),
        &["clean", "--boilerplate", "out/b.txt", "-o", "out", "in"],
        "out/b.txt",
        "out/b.txt",
    );
    assert_eq!(read(&dir.path().join("out/b.txt")), model);
    assert!(!dir.path().join("out/a.txt").exists(), "nothing written");
    // Elsewhere in the output folder both are fine, and the model is not taken by an output.
    let out = pith()
        .current_dir(dir.path())
        .args(["clean", "--learn", "out/model.json", "-o", "out", "in"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(read(&dir.path().join("out/model.json")).contains("outlets"));
    assert!(read(&dir.path().join("out/a.txt")).contains("harbour reopened"));
}

#[test]
fn eval_pred_out_refuses_the_gold_file_and_the_pages() {
    let dir = temp();
    let gold = serde_json::json!({"b": {"articleBody": PAGE_A}}).to_string();
    write(&dir.path().join("gold.json"), &gold);
    write(&dir.path().join("pages/b.txt"), NAVIGATION_PAGE);
    let eval = |pred_out: &str| ["eval", "--gold", "gold.json", "--pred-out", pred_out, "pages"].map(String::from);
    let args = eval("gold.json");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refused(dir.path(), &args, "gold.json", "gold.json");
    let args = eval("./pages/b.txt");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refused(dir.path(), &args, "./pages/b.txt", "pages/b.txt");
    assert_eq!(read(&dir.path().join("gold.json")), gold);
    assert_eq!(read(&dir.path().join("pages/b.txt")), NAVIGATION_PAGE);
}

#[test]
fn restore_refuses_to_write_over_its_record_or_its_input() {
    let dir = temp();
    write(&dir.path().join("a/x.txt"), PAGE_A);
    write(&dir.path().join("b/x.txt"), NAVIGATION_PAGE);
    let records = |flag: &str, paths: &[&str]| {
        pith()
            .current_dir(dir.path())
            .args(["clean", flag])
            .args(paths)
            .output()
            .map(|o| o.stdout)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let one = records("--json", &["b/x.txt"]);
    write(&dir.path().join("r.json"), &one);
    refused(dir.path(), &["restore", "r.json", "-o", "r.json"], "r.json", "r.json");
    refused(
        dir.path(),
        &["restore", "r.json", "-o", "./r.json"],
        "./r.json",
        "r.json",
    );
    refused(
        dir.path(),
        &["restore", "r.json", "--input", "b/x.txt", "-o", "b/x.txt"],
        "b/x.txt",
        "b/x.txt",
    );
    assert_eq!(read(&dir.path().join("r.json")).as_bytes(), one.as_slice());
    // Several records below `-o DIR`, one of whose files would be the record file itself.
    let two = records("--jsonl", &["a/x.txt", "b/x.txt"]);
    write(&dir.path().join("out/a/x.txt"), &two);
    refused(
        dir.path(),
        &["restore", "out/a/x.txt", "-o", "out"],
        "out/a/x.txt",
        "out/a/x.txt",
    );
    assert_eq!(read(&dir.path().join("out/a/x.txt")).as_bytes(), two.as_slice());
    assert!(!dir.path().join("out/b/x.txt").exists());
}

#[test]
fn clean_o_does_not_read_its_output_folder_inside_a_folder_given() {
    let dir = temp();
    write(&dir.path().join("tree/a.html"), format!("<p>{PAGE_A}</p>"));
    write(&dir.path().join("tree/sub/b.txt"), NAVIGATION_PAGE);
    let run = |quiet: bool| {
        let mut cmd = pith();
        cmd.current_dir(dir.path()).args(["clean", "-o", "tree/out", "tree"]);
        if quiet {
            cmd.arg("-q");
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let note = "tree/out: the output folder (-o), left out of the folders read";
    // The first run makes the folder: there is nothing to leave out yet.
    assert!(!run(false).contains(note));
    // The second run cleans the same two inputs again, not the first run's outputs.
    let stderr = run(false);
    assert_eq!(stderr.matches(note).count(), 1, "{stderr}");
    assert!(stderr.contains("2 documents"), "{stderr}");
    assert!(!run(true).contains(note));
    assert!(!dir.path().join("tree/out/out").exists());
    let mut written: Vec<String> = walk(&dir.path().join("tree/out"));
    written.sort();
    assert_eq!(written, ["a.txt", "sub/b.txt"]);
}

/// The files below `dir`, as paths relative to it.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                files.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    files
}
