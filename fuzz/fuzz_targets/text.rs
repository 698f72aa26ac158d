//! Text and markdown dumps through the whole pipeline. The first byte picks the name (and so
//! the format): `.txt`, `.md`, or no extension (sniffed); the ledger must restore the rest.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let name = match first % 3 {
        0 => "page.txt",
        1 => "page.md",
        _ => "page",
    };
    pith_fuzz::clean_and_check(name, rest, &pith::Options::default());
});
