//! Gzip undone within a limit: a damaged stream gives what came before the damage.

use std::io::Read;

use crate::error::{Error, Result};

/// The first two bytes of a gzip stream: an input that starts with them is decompressed.
pub(super) const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

pub(super) fn gunzip(name: &str, bytes: &[u8], limit: u64, warnings: &mut Vec<String>) -> Result<Vec<u8>> {
    let (out, damage) = gunzip_upto(bytes, limit);
    if let Some(e) = damage {
        if out.is_empty() {
            return Err(Error::NotText {
                source_name: name.to_string(),
                reason: format!("it looks gzip-compressed but cannot be decompressed: {e}"),
            });
        }
        warnings.push(format!(
            "gzip stream is damaged ({e}); using the {} bytes before the damage",
            out.len()
        ));
    }
    Ok(out)
}

/// Decompresses up to `limit + 1` bytes (one past the limit tells an input over it), and the
/// error that stopped it early, if any (a damaged stream: the bytes before the damage are kept).
fn gunzip_upto(bytes: &[u8], limit: u64) -> (Vec<u8>, Option<std::io::Error>) {
    let mut out = Vec::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    let damage = decoder.read_to_end(&mut out).err();
    (out, damage)
}

/// The SHA-256 (as [`crate::text::sha256_hex`]) of the bytes [`gunzipped`] gives, found without
/// holding them: none for an input that is not gzip or that is damaged.
pub(crate) fn gunzipped_sha256(bytes: &[u8], limit: u64) -> Option<String> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return None;
    }
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    crate::text::sha256_hex_of(&mut decoder).ok()
}

/// The bytes [`decode`](super::decode) reads from an input that starts as gzip does (none for one that does
/// not), up to `limit` and one past it: what `Record::restore_from` compares with the
/// record's `input_sha256`.
pub(crate) fn gunzipped(bytes: &[u8], limit: u64) -> Option<Vec<u8>> {
    bytes.starts_with(&GZIP_MAGIC).then(|| gunzip_upto(bytes, limit).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash of a gzip input's bytes, found without holding them, is the hash of the bytes.
    #[test]
    fn gunzipped_sha256_hashes_what_gunzipped_holds() {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gzip, b"The harbour reopened on Monday.").unwrap_or_else(|e| panic!("{e}"));
        let bytes = gzip.finish().unwrap_or_else(|e| panic!("{e}"));
        let held = gunzipped(&bytes, 1 << 20).unwrap_or_default();
        assert_eq!(held, b"The harbour reopened on Monday.");
        assert_eq!(gunzipped_sha256(&bytes, 1 << 20), Some(crate::text::sha256_hex(&held)));
        // Cut at the limit and one past it, as `gunzipped` is.
        let cut = gunzipped(&bytes, 4).unwrap_or_default();
        assert_eq!(cut.len(), 5);
        assert_eq!(gunzipped_sha256(&bytes, 4), Some(crate::text::sha256_hex(&cut)));
        assert_eq!(gunzipped_sha256(b"plain text", 1 << 20), None);
    }
}
