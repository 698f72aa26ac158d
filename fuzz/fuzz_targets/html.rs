//! HTML through the whole pipeline (segmenting, metadata, classification, repair, provenance):
//! decoded as `.html`, cleaned, and the ledger must restore the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    pith_fuzz::clean_and_check("page.html", data, &pith::Options::default());
});
