//! `pith::input::decode` on arbitrary bytes under each kind of name, then format sniffing; the
//! decoded text (with its replaced bytes) must encode back to the input unless a warning says not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = pith::input::ReadOptions::default();
    for name in ["page.html", "page.txt", "page.md", "page", "page.txt.gz"] {
        let Ok(source) = pith::input::decode(name, data.to_vec(), &options) else {
            continue;
        };
        let sniffed = pith::input::sniff_format(name, &source.text);
        assert_eq!(sniffed, source.format);
        if pith_fuzz::says_not_exact(&source.warnings) || data.starts_with(&[0x1f, 0x8b]) {
            continue;
        }
        let back = pith::input::encode_replaced(&source.text, source.encoding, &source.replaced);
        assert!(
            back.as_deref() == Some(data),
            "{name}: decoded text does not encode back to the input"
        );
    }
    // A transport charset (as a WARC record gives) on the same bytes.
    let mut declared = options;
    declared.charset = Some("windows-1251".into());
    if let Ok(source) = pith::input::decode("page", data.to_vec(), &declared) {
        if !pith_fuzz::says_not_exact(&source.warnings) && !data.starts_with(&[0x1f, 0x8b]) {
            let back = pith::input::encode_replaced(&source.text, source.encoding, &source.replaced);
            assert!(back.as_deref() == Some(data), "declared charset: does not encode back");
        }
    }
});
