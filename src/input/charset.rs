//! Which encoding an input's bytes are in, the text they decode to (each malformed run noted,
//! so that `pith restore` can put it back), and the bytes a text encodes back to.

use super::{count_bytes, Replaced};

/// Of the non-ASCII bytes of an input that is not all valid UTF-8, at least this share in valid
/// UTF-8 sequences and it is UTF-8 with a few damaged bytes (a cut character, a pasted Latin-1
/// letter): a page in a legacy encoding has next to none there (a letter followed by exactly the
/// right run of 0x80–0xBF bytes is rare), and reading UTF-8 as one garbles every accent and dash.
const MOSTLY_UTF8_SHARE: f64 = 0.9;

/// Or at least this many valid three- and four-byte UTF-8 characters (dashes, curly quotes,
/// most scripts beyond Latin, emoji) per byte that is not valid UTF-8: text in a legacy
/// encoding forms them only by chance. Measured on text in GB2312, GBK, Big5, EUC-KR,
/// Shift_JIS, EUC-JP, TIS-620 and windows-1252: at most 0.05 of them per invalid byte; a UTF-8
/// text with a few dozen stray bytes (0xFF, emoji written as CESU-8 surrogates) keeps one or
/// more, and was read as windows-1252 when its stray bytes outnumbered its accents.
const LONG_CHARS_PER_INVALID_BYTE: f64 = 0.5;

/// The text [`decode`](super::decode) makes of `bytes` in `encoding`. Decoding keeps a BOM as U+FEFF so that
/// the text, and so the ledger, still covers every byte; a malformed run becomes U+FFFD, and
/// the bytes it replaced are noted.
pub(super) fn decode_text(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> (String, Vec<Replaced>) {
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    if malformed {
        decode_noting_replacements(encoding, bytes)
    } else {
        (text.into_owned(), Vec::new())
    }
}

/// The text [`decode`](super::decode) made of an input's bytes, from the encoding its record names (what an
/// offsets ledger's byte ranges point into); none for an encoding pith does not know.
pub(crate) fn decode_as(encoding_name: &str, bytes: &[u8]) -> Option<String> {
    let encoding = encoding_rs::Encoding::for_label(encoding_name.as_bytes())?;
    Some(decode_text(encoding, bytes).0)
}

/// BOM first, then UTF-16's NUL pattern, then valid UTF-8, then a `<meta charset>` in the first KB, then statistical detection.
pub(super) fn choose_encoding(bytes: &[u8]) -> (&'static encoding_rs::Encoding, &'static str) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return (encoding, "bom");
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding, "utf-16-nul-pattern");
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (encoding_rs::UTF_8, "utf-8");
    }
    let census = Utf8Census::of(bytes);
    if census.share() >= MOSTLY_UTF8_SHARE
        || census.long_chars as f64 >= LONG_CHARS_PER_INVALID_BYTE * census.invalid as f64
    {
        return (encoding_rs::UTF_8, "mostly-utf-8");
    }
    if let Some(encoding) = meta_charset(bytes) {
        return (encoding, "meta-charset");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), "detected")
}

/// How many bytes from the start are looked at for UTF-16's pattern of NULs.
const UTF16_SNIFF_BYTES: usize = 4096;
/// In UTF-16 without a byte-order mark every ASCII character (markup, spaces, digits) puts a
/// NUL in one half of its two bytes and none in the other: at least this share of the code
/// units of the start with a NUL on one side...
const UTF16_NUL_SIDE_SHARE: f64 = 0.3;
/// ...and at most this share with one on the other side (a text of NULs is no text at all).
const UTF16_OTHER_SIDE_SHARE: f64 = 0.02;

/// UTF-16 little- or big-endian told by where its NULs fall, for a text without a BOM (read as
/// binary before, for its NULs).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(UTF16_SNIFF_BYTES))?;
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut low, mut high) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        low += usize::from(pair.first() == Some(&0));
        high += usize::from(pair.get(1) == Some(&0));
    }
    let share = |n: usize| n as f64 / units as f64;
    if share(high) >= UTF16_NUL_SIDE_SHARE && share(low) <= UTF16_OTHER_SIDE_SHARE {
        Some(encoding_rs::UTF_16LE)
    } else if share(low) >= UTF16_NUL_SIDE_SHARE && share(high) <= UTF16_OTHER_SIDE_SHARE {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// How an input that is not all valid UTF-8 reads as UTF-8. A surrogate written in UTF-8's
/// form counts as a long character, not as invalid bytes.
struct Utf8Census {
    /// Non-ASCII bytes inside valid UTF-8 sequences.
    valid: usize,
    /// Bytes that are in none.
    invalid: usize,
    /// Valid characters of three or four bytes.
    long_chars: usize,
}

impl Utf8Census {
    fn of(bytes: &[u8]) -> Self {
        let non_ascii = |b: &[u8]| count_bytes(b, |b| !b.is_ascii());
        // In valid UTF-8 a byte from 0xE0 up opens a three- or four-byte character.
        let long = |b: &[u8]| count_bytes(b, |b| b >= 0xE0);
        let mut census = Utf8Census {
            valid: 0,
            invalid: 0,
            long_chars: 0,
        };
        let mut rest = bytes;
        while !rest.is_empty() {
            let Err(error) = std::str::from_utf8(rest) else {
                census.valid += non_ascii(rest);
                census.long_chars += long(rest);
                break;
            };
            let Some((good, after)) = rest.split_at_checked(error.valid_up_to()) else {
                break;
            };
            census.valid += non_ascii(good);
            census.long_chars += long(good);
            // A surrogate written as UTF-8 (CESU-8, WTF-8: `ED A0..BF 80..BF`, how some
            // software writes an emoji's two halves) is UTF-8's family, not another encoding's.
            if let [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..] = after {
                census.long_chars += 1;
                rest = after.get(3..).unwrap_or_default();
                continue;
            }
            let bad = error.error_len().unwrap_or(after.len());
            census.invalid += bad;
            rest = after.get(bad..).unwrap_or_default();
        }
        census
    }

    /// The share of the non-ASCII bytes that sit in valid UTF-8 sequences (0 when there are
    /// none).
    fn share(&self) -> f64 {
        if self.valid + self.invalid == 0 {
            0.0
        } else {
            self.valid as f64 / (self.valid + self.invalid) as f64
        }
    }
}

/// Decodes with U+FFFD for each malformed run, as `decode_without_bom_handling` does, and notes
/// where each one stands in the text and the bytes it replaced.
fn decode_noting_replacements(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> (String, Vec<Replaced>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut replaced = Vec::new();
    let mut read = 0;
    loop {
        let rest = bytes.get(read..).unwrap_or_default();
        let room = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len());
        text.reserve(room);
        let (result, consumed) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        read += consumed;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                let end = read.saturating_sub(usize::from(after));
                let start = end.saturating_sub(usize::from(bad));
                replaced.push(Replaced {
                    at: text.len(),
                    bytes: bytes.get(start..end).unwrap_or_default().to_vec(),
                });
                text.push('\u{fffd}');
            }
        }
    }
    (text, replaced)
}

fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(2048))?;
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head
        .get(at..)?
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes()).and_then(|e| decodable(e, true))
}

/// A declared encoding as pith decodes with it. WHATWG's "replacement" encoding (the labels of
/// ISO-2022-KR, HZ-GB-2312 and ISO-2022-CN, which browsers refuse to decode) would turn the
/// whole input into one U+FFFD: none, so that the bytes are detected instead. A page whose own
/// markup says UTF-16 was read as ASCII to find that, so it is no UTF-16: UTF-8, as the HTML
/// standard says (a header may say UTF-16 and be right).
pub(super) fn decodable(
    encoding: &'static encoding_rs::Encoding,
    in_markup: bool,
) -> Option<&'static encoding_rs::Encoding> {
    if encoding == encoding_rs::REPLACEMENT {
        None
    } else if in_markup && (encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE) {
        Some(encoding_rs::UTF_8)
    } else {
        Some(encoding)
    }
}

/// Encodes restored text back into the bytes it was decoded from, putting back the bytes that
/// were replaced by U+FFFD. None when the text does not fit the encoding or a replacement is
/// not where it is said to be.
pub fn encode_replaced(text: &str, encoding_name: &str, replaced: &[Replaced]) -> Option<Vec<u8>> {
    if replaced.is_empty() {
        return encode(text, encoding_name);
    }
    let mut out = Vec::with_capacity(text.len());
    let mut cursor = 0;
    for run in replaced {
        let end = run.at.checked_add('\u{fffd}'.len_utf8())?;
        if run.at < cursor || text.get(run.at..end) != Some("\u{fffd}") {
            return None;
        }
        out.extend(encode(text.get(cursor..run.at)?, encoding_name)?);
        out.extend_from_slice(&run.bytes);
        cursor = end;
    }
    out.extend(encode(text.get(cursor..)?, encoding_name)?);
    Some(out)
}

/// Encodes restored text back into the bytes it was decoded from.
fn encode(text: &str, encoding_name: &str) -> Option<Vec<u8>> {
    let encoding = encoding_rs::Encoding::for_label(encoding_name.as_bytes())?;
    if encoding == encoding_rs::UTF_16LE {
        return Some(text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect());
    }
    if encoding == encoding_rs::UTF_16BE {
        return Some(text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect());
    }
    let (bytes, _, unmappable) = encoding.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use crate::input::{decode, ReadOptions};

    /// A declared charset pith cannot honestly decode with is set aside: the "replacement"
    /// labels (a page turned into one U+FFFD) and UTF-16 named in a page's own markup.
    #[test]
    fn a_declared_charset_that_would_destroy_the_text_is_set_aside() {
        let page =
            "<html><head><title>Harbour</title></head><body><p>The harbour reopened on Monday.</p></body></html>";
        for label in ["iso-2022-kr", "hz-gb-2312", "iso-2022-cn"] {
            let options = ReadOptions {
                charset: Some(label.into()),
                ..ReadOptions::default()
            };
            let Ok(source) = decode("page.html", page.as_bytes().to_vec(), &options) else {
                panic!("{label}: decodes");
            };
            assert_eq!(source.text, page, "{label}");
            assert!(source.replaced.is_empty(), "{label}");
        }
        // A stray Latin-1 byte sends the bytes to the page's own label.
        let mut latin = b"<html><head><meta charset=\"utf-16\"></head><body><p>Caf".to_vec();
        latin.extend([0xe9]);
        latin.extend(b" reopened on Monday.</p></body></html>");
        let Ok(source) = decode("latin.html", latin, &ReadOptions::default()) else {
            panic!("decodes");
        };
        assert!(source.text.contains("reopened on Monday."), "{}", source.text);
        assert!(source.text.contains("<meta charset"), "{}", source.text);
    }
}
