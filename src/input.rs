//! Stage 1: read bytes from files, directories or stdin, decode them to text and sniff the format.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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
pub(crate) const BINARY_CONTROL_SHARE: f64 = 0.05;

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

/// Of the non-ASCII bytes of an input that is not all valid UTF-8, at least this share in valid
/// UTF-8 sequences and it is UTF-8 with a few damaged bytes (a cut character, a pasted Latin-1
/// letter): a page in a legacy encoding has next to none there (a letter followed by exactly the
/// right run of 0x80–0xBF bytes is rare), and reading UTF-8 as one garbles every accent and dash.
pub(crate) const MOSTLY_UTF8_SHARE: f64 = 0.9;

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

/// Expands the paths given on the command line into the list of inputs, in a stable order:
/// files as given, directories walked recursively in sorted order, `-` for stdin.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    expand_paths_except(paths, None, &mut None)
}

/// Expands the paths as [`expand_paths`] does, but a walk leaves out the folder whose canonical
/// path is `except` (the output folder of `-o`) wherever it meets it below a folder given, and
/// sets `skipped` to where it first met it. A path given is always taken.
pub(crate) fn expand_paths_except(
    paths: &[PathBuf],
    except: Option<&Path>,
    skipped: &mut Option<PathBuf>,
) -> Vec<Result<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            out.push(Ok(path.clone()));
        } else {
            walk_dir(path, except, skipped, &mut out);
        }
    }
    out
}

/// Walks a directory in sorted order, leaving out hidden entries and following symlinks, but
/// each real directory only once: a link back to an ancestor is reported as an error and not
/// followed, and a second way into a directory already walked is left (its files are taken once,
/// under the name that sorts first). A directory below `dir` whose canonical path is `except`
/// is left out, and `skipped` says where it was met first.
fn walk_dir(dir: &Path, except: Option<&Path>, skipped: &mut Option<PathBuf>, out: &mut Vec<Result<PathBuf>>) {
    let mut walked = std::collections::HashSet::new();
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_str().is_some_and(|n| n.starts_with('.'));
            if hidden || !entry.file_type().is_dir() {
                return !hidden;
            }
            // A directory that cannot be resolved is walked, and walkdir reports what fails.
            let Ok(real) = std::fs::canonicalize(entry.path()) else {
                return true;
            };
            if entry.depth() > 0 && except == Some(real.as_path()) {
                skipped.get_or_insert_with(|| entry.path().to_path_buf());
                return false;
            }
            walked.insert(real)
        });
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => out.push(Ok(entry.into_path())),
            Err(error) => out.push(Err(walk_error(dir, error))),
        }
    }
}

fn walk_error(dir: &Path, error: walkdir::Error) -> Error {
    let source_name = error.path().unwrap_or(dir).display().to_string();
    if let Some(ancestor) = error.loop_ancestor() {
        return Error::Loop {
            source_name,
            ancestor: ancestor.display().to_string(),
        };
    }
    Error::Read {
        source_name,
        cause: error
            .into_io_error()
            .unwrap_or_else(|| std::io::Error::other("cannot walk the directory")),
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

/// The first two bytes of a gzip stream: an input that starts with them is decompressed.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

fn gunzip(name: &str, bytes: &[u8], limit: u64, warnings: &mut Vec<String>) -> Result<Vec<u8>> {
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

/// The bytes [`decode`] reads from an input that starts as gzip does (none for one that does
/// not), up to `limit` and one past it: what `Record::restore_from` compares with the
/// record's `input_sha256`.
pub(crate) fn gunzipped(bytes: &[u8], limit: u64) -> Option<Vec<u8>> {
    bytes.starts_with(&GZIP_MAGIC).then(|| gunzip_upto(bytes, limit).0)
}

/// The text [`decode`] makes of `bytes` in `encoding`. Decoding keeps a BOM as U+FEFF so that
/// the text, and so the ledger, still covers every byte; a malformed run becomes U+FFFD, and
/// the bytes it replaced are noted.
fn decode_text(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> (String, Vec<Replaced>) {
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    if malformed {
        decode_noting_replacements(encoding, bytes)
    } else {
        (text.into_owned(), Vec::new())
    }
}

/// The text [`decode`] made of an input's bytes, from the encoding its record names (what an
/// offsets ledger's byte ranges point into); none for an encoding pith does not know.
pub(crate) fn decode_as(encoding_name: &str, bytes: &[u8]) -> Option<String> {
    let encoding = encoding_rs::Encoding::for_label(encoding_name.as_bytes())?;
    Some(decode_text(encoding, bytes).0)
}

/// BOM first, then valid UTF-8, then a `<meta charset>` in the first KB, then statistical detection.
fn choose_encoding(bytes: &[u8]) -> (&'static encoding_rs::Encoding, &'static str) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return (encoding, "bom");
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (encoding_rs::UTF_8, "utf-8");
    }
    if utf8_share(bytes) >= MOSTLY_UTF8_SHARE {
        return (encoding_rs::UTF_8, "mostly-utf-8");
    }
    if let Some(encoding) = meta_charset(bytes) {
        return (encoding, "meta-charset");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), "detected")
}

/// The share of the non-ASCII bytes that sit in valid UTF-8 sequences (0 when there are none).
fn utf8_share(bytes: &[u8]) -> f64 {
    let non_ascii = |b: &[u8]| count_bytes(b, |b| !b.is_ascii());
    let (mut valid, mut invalid) = (0, 0);
    let mut rest = bytes;
    while !rest.is_empty() {
        let Err(error) = std::str::from_utf8(rest) else {
            valid += non_ascii(rest);
            break;
        };
        let Some((good, after)) = rest.split_at_checked(error.valid_up_to()) else {
            break;
        };
        valid += non_ascii(good);
        let bad = error.error_len().unwrap_or(after.len());
        invalid += bad;
        rest = after.get(bad..).unwrap_or_default();
    }
    if valid + invalid == 0 {
        0.0
    } else {
        valid as f64 / (valid + invalid) as f64
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
fn decodable(encoding: &'static encoding_rs::Encoding, in_markup: bool) -> Option<&'static encoding_rs::Encoding> {
    if encoding == encoding_rs::REPLACEMENT {
        None
    } else if in_markup && (encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE) {
        Some(encoding_rs::UTF_8)
    } else {
        Some(encoding)
    }
}

/// How far into a file named as HTML pith looks for a tag before believing the name.
const MARKUP_SNIFF_BYTES: usize = 64 << 10;

/// Whether the file's name says HTML (`.html`, `.htm`, `.xhtml`, also gzipped).
fn named_html(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml")
}

/// Lines of a text read to tell JSONL: two JSON objects in a row are no prose.
const JSONL_SNIFF_LINES: usize = 2;

/// Whether a text is JSON Lines: its first non-blank lines (up to [`JSONL_SNIFF_LINES`]) are
/// each a JSON object, or the text is one object on a line of its own. Only the start of each
/// line is looked at beyond the first [`MARKUP_SNIFF_BYTES`] bytes, so this costs a page nothing.
fn looks_like_jsonl(text: &str) -> bool {
    let head = crate::text::prefix_within(text, MARKUP_SNIFF_BYTES);
    let checked: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(JSONL_SNIFF_LINES)
        .collect();
    if checked.is_empty() {
        return false;
    }
    let object = |line: &str| {
        line.starts_with('{')
            && line.ends_with('}')
            && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line).is_ok()
    };
    // A last line cut by the window counts only by its start.
    let cut = head.len() < text.len();
    let last = checked.len().saturating_sub(1);
    checked.iter().enumerate().all(|(i, line)| {
        if cut && i == last && !head.ends_with('\n') {
            line.starts_with("{\"")
        } else {
            object(line)
        }
    })
}

/// Whether the start of a text holds a tag (`<p`, `</div`, `<!DOCTYPE`, `<!--`).
fn holds_markup(text: &str) -> bool {
    let head = text.as_bytes();
    let head = head.get(..MARKUP_SNIFF_BYTES).unwrap_or(head);
    head.windows(2).any(|w| {
        w.first() == Some(&b'<')
            && w.get(1)
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!'))
    })
}

/// Decides text, markdown or HTML from the name and the first few KB of content. The name
/// wins only when the content agrees: a file named `.html` that holds no tag is text.
pub fn sniff_format(name: &str, text: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if named_html(name) && holds_markup(text) {
        return Format::Html;
    }
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return Format::Markdown;
    }
    let head: String = text.chars().take(4096).collect();
    let head_lower = head.trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
    if head_lower.starts_with("<!doctype html")
        || head_lower.starts_with("<html")
        || (head_lower.starts_with('<') && head_lower.contains("<body"))
    {
        return Format::Html;
    }
    if markdown_score(text) >= 2 {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Counts distinct markdown constructs: a text that uses two or more kinds, on two or more
/// lines, is markdown (one pasted image embed does not make a text file markdown).
fn markdown_score(text: &str) -> usize {
    let (mut heading, mut link, mut emphasis, mut list, mut image) = (false, false, false, false, false);
    let mut marked_lines = 0;
    for line in text.lines().take(2000) {
        let t = line.trim_start();
        let is_heading = t.starts_with("# ") || t.starts_with("## ") || t.starts_with("### ");
        let is_image = t.contains("![") && t.contains("](");
        let is_link = !is_image && (t.contains("](") || t.starts_with("<http"));
        let is_emphasis = t.contains("**") || t.contains("__");
        let is_list = t.starts_with("* [") || t.starts_with("- [");
        heading |= is_heading;
        image |= is_image;
        link |= is_link;
        emphasis |= is_emphasis;
        list |= is_list;
        marked_lines += usize::from(is_heading || is_image || is_link || is_emphasis || is_list);
    }
    let kinds = [heading, link, emphasis, list, image].iter().filter(|b| **b).count();
    if marked_lines >= 2 {
        kinds
    } else {
        0
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
pub(crate) fn encode(text: &str, encoding_name: &str) -> Option<Vec<u8>> {
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

    /// A JSONL file cleaned as one document is almost never what was meant: the record says so
    /// and names the flag; prose, pretty JSON and markdown do not get the warning.
    #[test]
    fn a_jsonl_file_read_as_text_says_so() {
        let warned = |name: &str, text: &str| {
            let Ok(source) = decode(name, text.as_bytes().to_vec(), &ReadOptions::default()) else {
                panic!("{name} decodes");
            };
            source.warnings.iter().any(|w| w.contains("--jsonl-in"))
        };
        let lines = "{\"id\": \"a\", \"text\": \"One story.\"}\n\n{\"id\": \"b\", \"text\": \"Another.\"}\n";
        assert!(warned("dump.jsonl", lines));
        assert!(warned("dump.txt", lines));
        // A first line longer than the window is judged by its start.
        let long = format!("{{\"id\": \"a\", \"html\": \"{}\"}}\n", "<p>x</p>".repeat(20_000));
        assert!(warned("long.jsonl", &long));
        for (name, text) in [
            ("story.txt", "A story about {braces} and more.\nSecond line.\n"),
            ("pretty.json", "{\n  \"id\": \"a\"\n}\n"),
            ("half.txt", "{\"id\": 1}\nThen prose follows.\n"),
            ("empty.txt", ""),
        ] {
            assert!(!warned(name, text), "{name}");
        }
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
