//! Stage 1: read bytes from files, directories or stdin, decode them to text and sniff the format.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

mod charset;
mod gzip;
mod sniff;
mod walk;

pub(crate) use charset::decode_as;
pub use charset::encode_replaced;
use charset::{choose_encoding, decodable, decode_text};
use gzip::{gunzip, GZIP_MAGIC};
pub(crate) use gzip::{gunzipped, gunzipped_sha256};
pub use sniff::sniff_format;
use sniff::{looks_like_jsonl, named_html, MARKUP_SNIFF_BYTES};
pub use walk::expand_paths;
pub(crate) use walk::expand_paths_except;

/// The shape of the input text, which decides how it is cut into blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: paragraphs separated by blank lines, or one per line (a text dump).
    Text,
    /// Markdown (a markdown dump of a page).
    Markdown,
    /// An HTML page.
    Html,
}

impl Format {
    /// The format's name, as records and `--format` write it: `text`, `markdown`, `html`.
    ///
    /// ```
    /// assert_eq!(pith::Format::Markdown.name(), "markdown");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

/// One input document, decoded. Byte offsets elsewhere in pith refer to `text`; for UTF-8 input
/// (the common case) they are also offsets into the original bytes.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given, or `-` for stdin.
    pub name: String,
    /// The format, as given or sniffed.
    pub format: Format,
    /// The encoding the bytes were decoded with (WHATWG name, e.g. `UTF-8`, `windows-1251`).
    pub encoding: &'static str,
    /// How the encoding was chosen: `bom`, `http-charset`, `utf-8`, `meta-charset` or `detected`.
    pub encoding_evidence: &'static str,
    /// SHA-256 of the bytes as read (after gzip is undone).
    pub input_sha256: String,
    /// The decoded text; every block, segment and evidence range is a byte range of it.
    pub text: String,
    /// The input bytes that are not valid in `encoding`, each run replaced by U+FFFD in `text`.
    pub replaced: Vec<Replaced>,
    /// Problems that did not stop pith (lossy decoding, truncated gzip, …).
    pub warnings: Vec<String>,
    /// The address the page was fetched from, when the container says (a JSONL `url` field, a
    /// WARC target URI), with the rule naming where it was read (`jsonl:url`).
    pub fetched_from: Option<(String, String)>,
    /// What a WARC record says about the capture: `(header, value)` pairs such as
    /// `("WARC-Date", "2019-11-20T10:00:00Z")`, copied into provenance with evidence `warc:<header>`.
    pub capture: Vec<(String, String)>,
}

/// More than this share of control bytes and an input is binary, not text with a few stray
/// bytes: text in any ASCII-based encoding has next to none, while compressed data, images and
/// executables have one byte in nine (29 of the 256 values) or more.
const BINARY_CONTROL_SHARE: f64 = 0.05;

/// A byte that text does not hold: a C0 control other than whitespace and escape (which
/// ISO-2022 and terminal captures use), or DEL.
fn is_control_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f)
}

/// A run of input bytes that are not valid in the input's encoding: `text` holds U+FFFD in their
/// place, at byte `at`, and `restore` puts `bytes` back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replaced {
    /// Where the U+FFFD stands in the text (a byte offset).
    pub at: usize,
    /// The input bytes it stands for.
    pub bytes: Vec<u8>,
}

/// Limits and overrides for reading, part of [`Options`](crate::Options). Make one from the
/// default and set its public fields (more may come):
///
/// ```
/// let mut read = pith::input::ReadOptions::default();
/// read.max_bytes = 1 << 20;
/// let source = pith::input::decode("page.txt", b"Some text.".to_vec(), &read)?;
/// assert_eq!(source.format, pith::Format::Text);
/// # Ok::<(), pith::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Force a format instead of sniffing it.
    pub format: Option<Format>,
    /// Refuse inputs larger than this (after gzip is undone).
    pub max_bytes: u64,
    /// The charset the transport declared (an HTTP `Content-Type` in a WARC record): used after
    /// a BOM and before any guess.
    pub charset: Option<String>,
    /// The address the page was fetched from, when the caller knows it (`pith clean --url`):
    /// the record's url when the page gives none, with evidence `cli:url`.
    pub url: Option<String>,
}

/// The evidence of a url given by the caller (`pith clean --url`).
pub(crate) const GIVEN_URL_RULE: &str = "cli:url";

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            max_bytes: 64 * 1024 * 1024,
            charset: None,
            url: None,
        }
    }
}

/// Whether an input gives the same bytes when it is read again: a regular file (or a link to
/// one). Stdin, a FIFO, a character device or a process substitution (`<(…)`, a pipe under
/// `/dev/fd`) gives its bytes once; a run that reads its inputs twice (`pith group`, `pith
/// stories`) keeps the record it made of them at the first read instead.
pub fn reads_again(path: &Path) -> bool {
    path.as_os_str() != "-" && std::fs::metadata(path).is_ok_and(|meta| meta.is_file())
}

/// Reads one path (or stdin for `-`) and decodes it.
pub fn read_path(path: &Path, options: &ReadOptions) -> Result<Source> {
    let name = path.display().to_string();
    // A file's size is known before reading: refuse it at once, naming its real size.
    if let Ok(meta) = std::fs::metadata(path) {
        let gzipped = name.to_ascii_lowercase().ends_with(".gz");
        if meta.is_file() && meta.len() > options.max_bytes && !gzipped {
            return Err(Error::TooLarge {
                source_name: name,
                size: meta.len(),
                limit: options.max_bytes,
            });
        }
    }
    let bytes = read_upto(path, options.max_bytes)?;
    decode(&name, bytes, options)
}

/// The bytes of a path (stdin for `-`), up to `limit` and one past it (so that a caller can tell
/// an input over the limit without holding more of it).
fn read_upto(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
    };
    read.map_err(|cause| Error::Read {
        source_name: path.display().to_string(),
        cause,
    })?;
    Ok(bytes)
}

/// A file that is not a document — `what`: a gold file, a model, a record's input — read
/// whole, but never more than `limit` bytes: a larger one (or `/dev/zero` given by mistake) is
/// an error that says so, not a run that fills memory.
pub fn read_within(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let bytes = read_upto(path, limit)?;
    if bytes.len() as u64 > limit {
        return Err(Error::Read {
            source_name: path.display().to_string(),
            cause: std::io::Error::other(format!("more than {limit} bytes, too large for {what}")),
        });
    }
    Ok(bytes)
}

/// [`read_within`], as UTF-8 text.
pub fn read_text_within(path: &Path, limit: u64, what: &str) -> Result<String> {
    String::from_utf8(read_within(path, limit, what)?).map_err(|e| Error::Read {
        source_name: path.display().to_string(),
        cause: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
    })
}

/// Decodes bytes that came from `name`: undoes gzip, refuses binary, picks the encoding and the format.
pub fn decode(name: &str, bytes: Vec<u8>, options: &ReadOptions) -> Result<Source> {
    let mut warnings = Vec::new();
    let bytes = if bytes.starts_with(&GZIP_MAGIC) {
        gunzip(name, &bytes, options.max_bytes, &mut warnings)?
    } else {
        bytes
    };
    if bytes.len() as u64 > options.max_bytes {
        return Err(Error::TooLarge {
            source_name: name.to_string(),
            size: bytes.len() as u64,
            limit: options.max_bytes,
        });
    }
    let input_sha256 = crate::text::sha256_hex(&bytes);
    let declared = options
        .charset
        .as_deref()
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
        .and_then(|e| decodable(e, false));
    // UTF-16 puts a NUL beside every ASCII character (markup, spaces, digits): a text without
    // one is not in it, whatever the HTTP header says.
    let declared = match declared {
        Some(e)
            if (e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE) && memchr::memchr(0, &bytes).is_none() =>
        {
            warnings.push(format!(
                "the declared charset {} does not fit the bytes (no NUL byte); the encoding is read from the bytes instead",
                e.name()
            ));
            None
        }
        other => other,
    };
    let (encoding, encoding_evidence) = match (encoding_rs::Encoding::for_bom(&bytes), declared) {
        (None, Some(declared)) => (declared, "http-charset"),
        _ => choose_encoding(&bytes),
    };
    let is_utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
    // In UTF-16 every other byte of Latin text is NUL: only the decoded text tells there.
    let controls = if is_utf16 {
        0
    } else {
        count_bytes(&bytes, is_control_byte)
    };
    if controls as f64 > BINARY_CONTROL_SHARE * bytes.len() as f64 {
        return Err(Error::NotText {
            source_name: name.to_string(),
            reason: format!(
                "{controls} of its {} bytes are control bytes such as NUL (a binary file?)",
                bytes.len()
            ),
        });
    }
    let (text, replaced) = decode_text(encoding, &bytes);
    if !replaced.is_empty() {
        let invalid: usize = replaced.iter().map(|r| r.bytes.len()).sum();
        warnings.push(format!(
            "{invalid} bytes are not valid {}; the text has U+FFFD in their place and the record keeps them for `pith restore`",
            encoding.name()
        ));
    }
    // Some legacy encodings have several byte sequences for one character.
    let exact = (encoding == encoding_rs::UTF_8 && replaced.is_empty())
        || encode_replaced(&text, encoding.name(), &replaced).as_deref() == Some(&bytes[..]);
    if !exact {
        warnings.push(format!(
            "the bytes do not re-encode identically in {}; `pith restore` will not give them back exactly",
            encoding.name()
        ));
    }
    let Census { chars, nuls, controls } = census(&text);
    if nuls > 0 {
        warnings.push(format!(
            "{nuls} NUL bytes in the text; they are left out of the body and kept in the ledger"
        ));
    }
    if controls * 10 > chars.max(1) {
        return Err(Error::NotText {
            source_name: name.to_string(),
            reason: "more than a tenth of it is control characters".into(),
        });
    }
    let format = options.format.unwrap_or_else(|| {
        let sniffed = sniff_format(name, &text);
        if sniffed != Format::Html && named_html(name) {
            warnings.push(format!(
                "named as HTML but holds no markup in its first {MARKUP_SNIFF_BYTES} bytes: read as {}",
                if sniffed == Format::Markdown {
                    "markdown"
                } else {
                    "text"
                }
            ));
        }
        if sniffed != Format::Html && looks_like_jsonl(&text) {
            warnings.push(
                "looks like JSONL (a JSON object on each line): cleaned as one text document; to clean each line as a document, read it as JSONL (`--jsonl-in`)"
                    .into(),
            );
        }
        sniffed
    });
    Ok(Source {
        name: name.to_string(),
        format,
        encoding: encoding.name(),
        encoding_evidence,
        input_sha256,
        text,
        replaced,
        warnings,
        fetched_from: options.url.clone().map(|url| (url, GIVEN_URL_RULE.to_string())),
        capture: Vec::new(),
    })
}

/// Characters, NULs and control characters (other than line breaks, tabs and form feeds) in
/// a text, counted in one pass over its bytes.
struct Census {
    chars: usize,
    nuls: usize,
    controls: usize,
}

/// [`Census`] of `text`: a character starts at every byte that is not a UTF-8 continuation;
/// the control characters (`char::is_control`, Unicode's Cc) are C0 and DEL, one byte each,
/// and C1, U+0080–U+009F, written `C2 80`–`C2 9F`. Each count is its own pass over the bytes
/// ([`count_bytes`]), which the compiler turns into vector code.
fn census(text: &str) -> Census {
    let bytes = text.as_bytes();
    let c0 = |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F;
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    Census {
        chars: count_bytes(bytes, |b| b & 0xC0 != 0x80),
        nuls: count_bytes(bytes, |b| b == 0),
        controls: count_bytes(bytes, c0) + c1,
    }
}

/// How many bytes `matches`: counted in a byte per lane over runs of 255 bytes (a count that
/// cannot overflow), which vector code does 16 or 32 at a time; a `usize` count per byte
/// widens every lane to 64 bits and ran 4 bytes a step (5% of a whole HTML run).
fn count_bytes(bytes: &[u8], matches: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|run| usize::from(run.iter().fold(0u8, |n, &b| n.wrapping_add(u8::from(matches(b))))))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn byte_counts_hold_past_a_run_of_255() {
        let bytes = vec![0u8; 1_000];
        assert_eq!(count_bytes(&bytes, |b| b == 0), 1_000);
        assert_eq!(count_bytes(&bytes[..255], |b| b == 0), 255);
        assert_eq!(count_bytes(&bytes[..256], |b| b == 0), 256);
        assert_eq!(count_bytes(&bytes, |b| b != 0), 0);
        assert_eq!(count_bytes(b"", |_| true), 0);
    }

    proptest! {
        /// The one-pass byte census counts what the character iterators count.
        #[test]
        fn census_counts_as_chars_do(text in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{a0}-\\u{ff}])*") {
            let census = census(&text);
            prop_assert_eq!(census.chars, text.chars().count());
            prop_assert_eq!(census.nuls, text.bytes().filter(|b| *b == 0).count());
            let controls = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
                .count();
            prop_assert_eq!(census.controls, controls);
        }
    }
}
