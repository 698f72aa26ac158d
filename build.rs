//! Embeds the language folders in the library: every `data/lang/<code>/<list>.txt` becomes one
//! `(code, list, include_str!(…))` row of `$OUT_DIR/lang_files.rs`, which `src/text/lang.rs`
//! includes. A language is added by adding its folder: nothing lists the files by hand, and
//! nothing is read at run time.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?;
    let root = Path::new(&manifest).join("data").join("lang");
    // A directory is watched whole: a new folder or file reruns this script.
    println!("cargo:rerun-if-changed=data/lang");
    let mut rows = String::from("pub(super) static FILES: &[(&str, &str, &str)] = &[\n");
    for folder in sorted_entries(&root)? {
        if !folder.is_dir() {
            continue;
        }
        let code = file_name(&folder)?;
        for file in sorted_entries(&folder)? {
            let Some(list) = file
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".txt"))
            else {
                continue;
            };
            let path = file.to_str().ok_or_else(|| format!("{}: not UTF-8", file.display()))?;
            writeln!(rows, "    ({code:?}, {list:?}, include_str!({path:?})),")?;
        }
    }
    rows.push_str("];\n");
    let out = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    std::fs::write(Path::new(&out).join("lang_files.rs"), rows)?;
    Ok(())
}

/// The entries of a folder, sorted by name (the order does not depend on the file system).
fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        entries.push(entry?.path());
    }
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> Result<String, Box<dyn Error>> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| format!("{}: not UTF-8", path.display()).into())
}
