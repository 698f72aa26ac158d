//! Checks shared by the fuzz targets.

/// A warning that says the ledger will not give the input back byte for byte.
pub fn says_not_exact(warnings: &[String]) -> bool {
    warnings.iter().any(|w| w.contains("not give them back exactly"))
}

/// The invariant: the record's ledger restores `input` exactly, unless a warning says it cannot.
/// `input` is the bytes `decode` was given; when they were gzip, only the check against the
/// record's own SHA-256 (inside `restore`) applies.
pub fn check_restores(record: &pith::Record, input: &[u8]) {
    if says_not_exact(&record.warnings) {
        return;
    }
    let restored = match record.restore() {
        Ok(bytes) => bytes,
        Err(e) => panic!(
            "restore failed without a warning saying so: {e}; warnings: {:?}",
            record.warnings
        ),
    };
    if !input.starts_with(&[0x1f, 0x8b]) {
        assert!(
            restored == input,
            "restore differs from the input ({} vs {} bytes)",
            restored.len(),
            input.len()
        );
    }
}

/// Decodes and cleans one input under `name`, checking the ledger.
pub fn clean_and_check(name: &str, bytes: &[u8], options: &pith::Options) {
    let Ok(source) = pith::input::decode(name, bytes.to_vec(), &options.read) else {
        return;
    };
    let record = pith::clean_with(&source, options);
    let mut covered = 0;
    for segment in &record.segments {
        assert_eq!(segment.start, covered, "gap or overlap in the ledger");
        covered = segment.end;
    }
    assert_eq!(covered, source.text.len(), "the ledger does not cover the text");
    check_restores(&record, bytes);
}
