//! The WARC reader on arbitrary bytes, plain or (first byte odd) gzipped on the fly; each
//! document response is cleaned as the CLI does, and its ledger must restore the HTTP body.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

/// As the CLI: the read limit bounds a record.
const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let bytes = if first & 1 == 1 {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(rest).unwrap();
        gz.finish().unwrap()
    } else {
        rest.to_vec()
    };
    let options = pith::Options::default();
    for (i, response) in pith::warc::responses(&bytes[..], MAX_RECORD_BYTES).enumerate() {
        assert!(i < 1_000_000, "the reader does not end");
        let Ok(response) = response else {
            continue;
        };
        if !pith::warc::is_document(&response) {
            continue;
        }
        let body = response.body.clone();
        if let Ok(record) = pith::corpus::clean_response("in.warc", response, &options) {
            pith_fuzz::check_restores(&record, &body);
        }
    }
});
