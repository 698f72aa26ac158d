//! Stages import in one direction: every `crate::` path in `src/` names a module ranked below
//! the one it is written in. `cargo test --test layers -- --nocapture` prints the listing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each library module and its rank; a module may import only modules of a lower rank.
/// Modules of one rank are peers and do not import each other.
const RANKS: &[(&str, u32)] = &[
    // The leaves: errors, rule ids, and the text utilities several stages share.
    ("error", 0),
    ("rule", 1),
    ("text", 1),
    // Input, and the readers that yield `Source`s from JSONL lines and WARC records.
    ("input", 2),
    ("jsonl", 3),
    ("warc", 3),
    // The pipeline, in the order the data flows.
    ("segment", 4),
    ("classify", 5),
    ("repair", 6),
    ("provenance", 7),
    ("boilerplate", 8),
    ("record", 9),
    // The crate root: `Options`, `analyse`, `clean`, `clean_with`, … (`src/lib.rs`).
    ("lib", 10),
    // Above the pipeline: scoring, diffs, corpus features, batch running, writing output.
    ("exit", 11),
    ("eval", 11),
    ("diff", 12),
    ("group", 13),
    ("stories", 14),
    ("corpus", 15),
    ("output", 16),
    ("render", 17),
];

/// Items the crate root re-exports, by the module that defines them.
const ROOT_REEXPORTS: &[(&str, &str)] = &[
    ("Favor", "classify"),
    ("Error", "error"),
    ("Result", "error"),
    ("Format", "input"),
    ("Source", "input"),
    ("Record", "record"),
    ("Segment", "record"),
];

fn rank(module: &str) -> Option<u32> {
    RANKS.iter().find(|(m, _)| *m == module).map(|&(_, r)| r)
}

/// The module a file belongs to: `src/classify/rules.rs` → `classify`, `src/render.rs` →
/// `render`, `src/lib.rs` → `lib`. None for the binary (`main.rs`, `cli/`), which sits above
/// the whole library and reaches it as `pith::`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "main" && name != "cli").then(|| name.to_string())
}

/// An identifier at the start of `text`.
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first segment of each path in a `{a::b, c, d::{e, f}}` group that opens `text`.
fn group_heads(text: &str) -> Vec<&str> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut item_start = 1;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' | ',' if depth == 1 => {
                heads.push(ident(text[item_start..].trim_start()));
                item_start = i + 1;
                if c == '}' {
                    break;
                }
            }
            '}' => depth -= 1,
            _ => {}
        }
    }
    heads.retain(|h| !h.is_empty() && *h != "self");
    heads
}

/// The module a path's first segment after `crate::` lies in.
fn target(head: &str) -> String {
    if rank(head).is_some() {
        return head.to_string();
    }
    ROOT_REEXPORTS
        .iter()
        .find(|(item, _)| *item == head)
        .map_or("lib", |&(_, module)| module)
        .to_string()
}

/// The modules one file's code names: every `crate::` path, and in `lib.rs` every path that
/// starts with a module's name. Comment lines are skipped.
fn imports(module: &str, code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if rest.starts_with('{') {
            out.extend(group_heads(rest).into_iter().map(target));
        } else if !ident(rest).is_empty() {
            out.insert(target(ident(rest)));
        }
    }
    if module == "lib" {
        for (at, _) in code.match_indices("::") {
            let before = &code[..at];
            let start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let head = &before[start..];
            let qualified = before[..start].ends_with("::");
            if !qualified && rank(head).is_some() {
                out.insert(head.to_string());
            }
        }
    }
    out.remove(module);
    out
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// Module → the modules it imports, over every file of the library.
fn listing() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut listing: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let code = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let found = imports(&module, &code);
        listing.entry(module).or_default().extend(found);
    }
    listing
}

#[test]
fn every_module_imports_only_modules_ranked_below_it() {
    let listing = listing();
    let mut wrong = Vec::new();
    for (module, imported) in &listing {
        let Some(own) = rank(module) else {
            wrong.push(format!("{module} has no rank: add it to RANKS"));
            continue;
        };
        println!("{module} → {}", imported.iter().cloned().collect::<Vec<_>>().join(", "));
        for other in imported {
            match rank(other) {
                Some(r) if r < own => {}
                _ => wrong.push(format!(
                    "{module} (rank {own}) imports {other} (rank {:?})",
                    rank(other)
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the stage order:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_listing_sees_imports() {
    assert_eq!(
        imports(
            "repair",
            "use crate::segment::{Block, BlockKind};\nuse crate::{\n    classify,\n    text::normalize,\n};"
        ),
        ["classify", "segment", "text"].map(String::from).into()
    );
    assert_eq!(
        imports(
            "corpus",
            "// crate::render in a comment\nlet r: crate::Record = crate::clean(&s);"
        ),
        ["lib", "record"].map(String::from).into()
    );
    assert_eq!(
        imports(
            "lib",
            "let p = provenance::html_meta::extract(d);\npub use error::{Error, Result};"
        ),
        ["error", "provenance"].map(String::from).into()
    );
    let listing = listing();
    assert!(listing.get("record").is_some_and(|m| m.contains("provenance")));
    assert!(listing.get("text").is_some_and(BTreeSet::is_empty));
}
