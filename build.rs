//! Prepares the data built into the library:
//! - the language folders: every `data/lang/<code>/<list>.txt` becomes one
//!   `(code, list, include_str!(…))` row of `$OUT_DIR/lang_files.rs`, which `src/text/lang.rs`
//!   includes. A language is added by adding its folder: nothing lists the files by hand, and
//!   nothing is read at run time;
//! - the models: every `data/model/NAME.json` (the files `train/train.py` writes, the source of
//!   truth) is checked and stored as `$OUT_DIR/model/NAME.postcard`, the same [`ForestFile`] in
//!   postcard's binary form, which `src/classify/model/mod.rs` includes: a start reads numbers
//!   as bytes instead of parsing the JSON's decimals (most of a one-page run's instructions).

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/classify/model/file.rs"]
mod model_file;

use model_file::ForestFile;

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?;
    let out = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    languages(Path::new(&manifest), Path::new(&out))?;
    models(Path::new(&manifest), Path::new(&out))
}

/// `$OUT_DIR/model/NAME.postcard` for every `data/model/NAME.json` (not the cross-validation
/// models under `data/model/cv`, which are read from their folder at run time).
fn models(manifest: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    // A directory is watched whole: a new or retrained model reruns this script.
    println!("cargo:rerun-if-changed=data/model");
    println!("cargo:rerun-if-changed=src/classify/model/file.rs");
    let root = manifest.join("data").join("model");
    let dir = out.join("model");
    std::fs::create_dir_all(&dir)?;
    for path in sorted_entries(&root)? {
        let Some(name) = stem_with(&path, ".json") else {
            continue;
        };
        let json = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let forest: ForestFile = serde_json::from_str(&json).map_err(|e| format!("{}: {e}", path.display()))?;
        let bytes = postcard::to_allocvec(&forest).map_err(|e| format!("{}: {e}", path.display()))?;
        std::fs::write(dir.join(format!("{name}.postcard")), bytes)?;
    }
    Ok(())
}

/// `$OUT_DIR/lang_files.rs`: a row per language list.
fn languages(manifest: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    let root = manifest.join("data").join("lang");
    // A directory is watched whole: a new folder or file reruns this script.
    println!("cargo:rerun-if-changed=data/lang");
    let mut rows = String::from("pub(super) static FILES: &[(&str, &str, &str)] = &[\n");
    for folder in sorted_entries(&root)? {
        if !folder.is_dir() {
            continue;
        }
        let code = file_name(&folder)?;
        for file in sorted_entries(&folder)? {
            let Some(list) = stem_with(&file, ".txt") else {
                continue;
            };
            let path = file.to_str().ok_or_else(|| format!("{}: not UTF-8", file.display()))?;
            writeln!(rows, "    ({code:?}, {list:?}, include_str!({path:?})),")?;
        }
    }
    rows.push_str("];\n");
    std::fs::write(out.join("lang_files.rs"), rows)?;
    Ok(())
}

/// A file's name without `suffix`, for a file whose name ends in it.
fn stem_with<'p>(path: &'p Path, suffix: &str) -> Option<&'p str> {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(suffix))
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
