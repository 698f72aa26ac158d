//! Every page of every bench folder is read (none refused), and its ledger restores it byte
//! for byte. Needs `../shared/bench`: `cargo test --release --features bench --test
//! bench_restore` (`.ci/bench-check`).
#![cfg(feature = "bench")]

use std::path::PathBuf;

use rayon::prelude::*;

#[test]
fn every_bench_page_is_read_and_restored_exactly() {
    let bench = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench");
    assert!(
        bench.join("scrapinghub").exists(),
        "the benchmark pages are expected at {} (read-only data beside the checkout)",
        bench.display()
    );
    let options = pith::Options::default();
    let mut paths = Vec::new();
    for set in ["scrapinghub", "wcxb"] {
        for format in ["html", "txt", "md"] {
            let dir = bench.join(set).join(format);
            let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            paths.extend(entries.flatten().map(|e| e.path()));
        }
    }
    paths.sort();
    assert!(paths.len() >= 5_000, "{} bench pages", paths.len());
    let failures: Vec<String> = paths
        .par_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let record = match pith::clean_path(path, &options) {
                Ok(record) => record,
                Err(e) => return Some(format!("{}: refused: {e}", path.display())),
            };
            // Gzipped pages restore to what was inside the gzip.
            let input = if path.extension().is_some_and(|e| e == "gz") {
                use std::io::Read;
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(bytes.as_slice())
                    .read_to_end(&mut out)
                    .ok()?;
                out
            } else {
                bytes
            };
            match record.restore() {
                Ok(restored) if restored == input => None,
                Ok(_) => Some(format!("{}: restores to other bytes", path.display())),
                Err(e) => Some(format!("{}: {e}", path.display())),
            }
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} pages:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
