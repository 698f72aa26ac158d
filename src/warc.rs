//! Input containers: a streaming reader for WARC files (WARC/1.0 and 1.1, plain or gzipped one
//! member per record, as Common Crawl publishes them) that yields the HTTP responses inside.
//!
//! ```
//! let warc = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n\
//! Content-Length: 56\r\n\r\n\
//! HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hello</p>\r\n\r\n";
//! let mut responses = pith::warc::responses(&warc[..], 1 << 20);
//! let response = responses.next().unwrap().unwrap();
//! assert_eq!(response.target_uri.as_deref(), Some("https://example.org/a"));
//! assert_eq!(response.status, Some(200));
//! assert_eq!(response.body, b"<p>Hello</p>");
//! assert!(responses.next().is_none());
//! ```
//!
//! One record is held in memory at a time. A record that is truncated or malformed comes out as
//! a [`WarcError`] carrying the byte offset where the record starts, and reading goes on at the
//! next line that starts with `WARC/`.

use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};

use flate2::read::{GzDecoder, MultiGzDecoder};

/// A WARC header (all its lines together) longer than this is refused as malformed.
const MAX_HEADER_BYTES: usize = 1 << 20;
/// How much of a line that is not a WARC record is kept to quote in the error.
const QUOTE_BYTES: usize = 40;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// One HTTP response captured in a WARC file.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// `WARC-Date`.
    pub date: Option<String>,
    /// `WARC-Record-ID`, angle brackets stripped.
    pub record_id: Option<String>,
    /// Byte offset of the record in the (uncompressed) stream.
    pub offset: u64,
    /// The HTTP `Content-Type`, e.g. `text/html; charset=windows-1251`.
    pub content_type: Option<String>,
    /// The charset parameter of the HTTP `Content-Type`, lower-cased.
    pub charset: Option<String>,
    /// The HTTP status code; `None` when the record does not hold an HTTP response.
    pub status: Option<u16>,
    /// The HTTP payload after the HTTP headers: de-chunked if `Transfer-Encoding: chunked`,
    /// gunzipped if `Content-Encoding: gzip`, otherwise as captured.
    pub body: Vec<u8>,
}

/// A problem with one record; reading goes on with the next record where possible.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcError {
    /// Byte offset, in the (uncompressed) stream, of the record or line at fault.
    pub offset: u64,
    pub message: String,
}

impl std::fmt::Display for WarcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for WarcError {}

/// Iterates the `response` records of a WARC stream. Other record types (warcinfo, request,
/// metadata, revisit, …) are skipped silently. Made by [`responses`].
pub struct Responses<R> {
    reader: BufReader<R>,
    /// Bytes consumed so far from the uncompressed stream.
    pos: u64,
    max_record_bytes: u64,
    /// After a malformed record: skip lines until one starts with `WARC/`.
    resync: bool,
    done: bool,
}

/// The bytes of a WARC stream with gzip undone if the stream started with the gzip magic.
pub struct Decompressed<R>(Inner<R>);

type Sniffed<R> = Chain<Cursor<Vec<u8>>, R>;

enum Inner<R> {
    Plain(Sniffed<R>),
    Gzip(MultiGzDecoder<Sniffed<R>>),
    /// Reading the first bytes failed; the error is handed to the first read.
    Failed(Option<io::Error>),
}

impl<R: Read> Read for Decompressed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.0 {
            Inner::Plain(reader) => reader.read(buf),
            Inner::Gzip(reader) => reader.read(buf),
            Inner::Failed(error) => error.take().map_or(Ok(0), Err),
        }
    }
}

/// Reads the `response` records of a WARC stream, plain or gzipped (told by the first two bytes,
/// not by the name). A response record whose Content-Length exceeds `max_record_bytes` is refused
/// with an error and skipped; the same limit bounds a gzipped HTTP body once unzipped.
pub fn responses<R: Read>(mut reader: R, max_record_bytes: u64) -> Responses<Decompressed<R>> {
    let mut head = [0u8; 2];
    let mut got = 0;
    let mut failed = None;
    while let Some(rest) = head.get_mut(got..).filter(|rest| !rest.is_empty()) {
        match reader.read(rest) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let sniffed = Cursor::new(head.get(..got).unwrap_or_default().to_vec()).chain(reader);
    let inner = match failed {
        Some(e) => Inner::Failed(Some(e)),
        None if got == 2 && head == GZIP_MAGIC => Inner::Gzip(MultiGzDecoder::new(sniffed)),
        None => Inner::Plain(sniffed),
    };
    Responses {
        reader: BufReader::with_capacity(64 * 1024, Decompressed(inner)),
        pos: 0,
        max_record_bytes,
        resync: false,
        done: false,
    }
}

impl<R: Read> Iterator for Responses<R> {
    type Item = Result<Response, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        // Every pass consumes at least one byte or ends the iteration, so this loop terminates.
        while !self.done {
            match self.read_record() {
                Ok(Some(response)) => return Some(Ok(response)),
                Ok(None) => {}
                Err(error) => return Some(Err(error)),
            }
        }
        None
    }
}

/// The fields of a WARC header that pith uses.
#[derive(Default)]
struct WarcHeader {
    kind: Option<String>,
    content_length: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
}

/// One line as read: the first bytes of it (up to the limit asked for) and how many bytes it took.
struct Line {
    kept: Vec<u8>,
    len: u64,
    /// Whether the line ended in `\n` (rather than at the end of the input).
    ended: bool,
}

impl<R: Read> Responses<R> {
    /// Reads one record: `Ok(None)` when it was skipped or the input ended.
    fn read_record(&mut self) -> Result<Option<Response>, WarcError> {
        let Some(start) = self.find_record()? else {
            self.done = true;
            return Ok(None);
        };
        let header = self.read_header(start)?;
        let Some(length) = header.content_length.as_deref() else {
            return Err(self.malformed(start, "the WARC header has no Content-Length".into()));
        };
        let Ok(length) = length.parse::<u64>() else {
            let message = format!("the WARC Content-Length `{length}` is not a number");
            return Err(self.malformed(start, message));
        };
        let is_response = header
            .kind
            .as_deref()
            .is_some_and(|kind| kind.eq_ignore_ascii_case("response"));
        if !is_response || length > self.max_record_bytes {
            let skipped = self.skip(start, length)?;
            if skipped < length {
                return Err(self.truncated(start, length, skipped));
            }
            if !is_response {
                return Ok(None);
            }
            return Err(WarcError {
                offset: start,
                message: format!(
                    "response record of {length} bytes is over the limit of {} bytes; skipped",
                    self.max_record_bytes
                ),
            });
        }
        let mut block = Vec::new();
        let read = (&mut self.reader).take(length).read_to_end(&mut block);
        self.pos += block.len() as u64;
        if let Err(e) = read {
            return Err(self.broken(start, &e));
        }
        if (block.len() as u64) < length {
            return Err(self.truncated(start, length, block.len() as u64));
        }
        // The two line ends after the block are skipped as blank lines by `find_record`.
        parse_response(header, block, start, self.max_record_bytes).map(Some)
    }

    /// Finds the `WARC/…` line that opens the next record and returns its offset; `None` at the end
    /// of the input. Blank lines are skipped; after an error so is everything else.
    fn find_record(&mut self) -> Result<Option<u64>, WarcError> {
        loop {
            let start = self.pos;
            let line = self.read_line(QUOTE_BYTES).map_err(|e| self.broken(start, &e))?;
            if line.len == 0 {
                return Ok(None);
            }
            if line.kept.starts_with(b"WARC/") {
                self.resync = false;
                return Ok(Some(start));
            }
            let blank = line.len == line.kept.len() as u64 && line.kept.iter().all(u8::is_ascii_whitespace);
            if self.resync || blank {
                continue;
            }
            let quoted = String::from_utf8_lossy(&line.kept);
            let more = if line.len > line.kept.len() as u64 { "…" } else { "" };
            let message = format!(
                "expected a WARC record (a line starting with `WARC/`), found `{}{more}`",
                quoted.trim_end().escape_debug()
            );
            return Err(self.malformed(start, message));
        }
    }

    /// Reads the header lines after the version line, up to and including the blank line.
    fn read_header(&mut self, start: u64) -> Result<WarcHeader, WarcError> {
        let mut header = WarcHeader::default();
        let mut budget = MAX_HEADER_BYTES;
        loop {
            let line = self.read_line(budget).map_err(|e| self.broken(start, &e))?;
            if line.len > line.kept.len() as u64 {
                let message = format!("the WARC header is longer than {MAX_HEADER_BYTES} bytes");
                return Err(self.malformed(start, message));
            }
            if !line.ended {
                self.done = true;
                let message = format!("the WARC header is cut off at byte {} (truncated input?)", self.pos);
                return Err(WarcError { offset: start, message });
            }
            budget = budget.saturating_sub(line.kept.len());
            let text = trim_line_end(&line.kept);
            if text.is_empty() {
                return Ok(header);
            }
            let Some((name, value)) = split_field(text) else {
                continue;
            };
            let slot = match name.to_ascii_lowercase().as_str() {
                "warc-type" => &mut header.kind,
                "content-length" => &mut header.content_length,
                "warc-target-uri" => &mut header.target_uri,
                "warc-date" => &mut header.date,
                "warc-record-id" => &mut header.record_id,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
    }

    /// Reads one line, keeping at most `keep` bytes of it; the rest of the line is consumed too.
    fn read_line(&mut self, keep: usize) -> io::Result<Line> {
        let mut line = Line {
            kept: Vec::new(),
            len: 0,
            ended: false,
        };
        while !line.ended {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            let (piece, ended) = match buf.iter().position(|&b| b == b'\n') {
                Some(at) => (buf.get(..=at).unwrap_or(buf), true),
                None => (buf, false),
            };
            let room = keep.saturating_sub(line.kept.len());
            line.kept.extend(piece.iter().take(room));
            let used = piece.len();
            line.ended = ended;
            self.reader.consume(used);
            self.pos += used as u64;
            line.len += used as u64;
        }
        Ok(line)
    }

    /// Consumes up to `length` bytes without keeping them; returns how many there were.
    fn skip(&mut self, start: u64, length: u64) -> Result<u64, WarcError> {
        match io::copy(&mut (&mut self.reader).take(length), &mut io::sink()) {
            Ok(skipped) => {
                self.pos += skipped;
                Ok(skipped)
            }
            Err(e) => Err(self.broken(start, &e)),
        }
    }

    /// A record that does not parse: report it and look for the next one.
    fn malformed(&mut self, offset: u64, message: String) -> WarcError {
        self.resync = true;
        WarcError { offset, message }
    }

    /// A record cut short by the end of the input.
    fn truncated(&mut self, offset: u64, length: u64, found: u64) -> WarcError {
        self.done = true;
        WarcError {
            offset,
            message: format!("the record is truncated: Content-Length says {length} bytes but only {found} follow"),
        }
    }

    /// The input itself cannot be read (a damaged gzip stream, an I/O error): nothing after it can
    /// be trusted, so reading ends.
    fn broken(&mut self, offset: u64, error: &io::Error) -> WarcError {
        self.done = true;
        let message = if offset == self.pos {
            format!("cannot read the input: {error}")
        } else {
            format!("cannot read the input at byte {}: {error}", self.pos)
        };
        WarcError { offset, message }
    }
}

/// Splits a `Name: value` line; `None` for a line without a colon.
fn split_field(line: &[u8]) -> Option<(String, String)> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = line.split_at_checked(colon)?;
    let value = value.get(1..).unwrap_or_default();
    let name = String::from_utf8_lossy(name).trim().to_string();
    let value = String::from_utf8_lossy(value).trim().to_string();
    Some((name, value))
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The next line of `bytes` from `at` (without its line end) and where the line after it starts.
fn next_line(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let rest = bytes.get(at..).filter(|rest| !rest.is_empty())?;
    match rest.iter().position(|&b| b == b'\n') {
        Some(end) => Some((trim_line_end(rest.get(..=end).unwrap_or(rest)), at + end + 1)),
        None => Some((trim_line_end(rest), bytes.len())),
    }
}

/// Turns a response record's block into a [`Response`]. A block that is not an HTTP message
/// (`dns:` records, for one) is kept whole as the body, with no status.
fn parse_response(header: WarcHeader, block: Vec<u8>, offset: u64, limit: u64) -> Result<Response, WarcError> {
    let mut response = Response {
        target_uri: header.target_uri,
        date: header.date,
        record_id: header
            .record_id
            .map(|id| id.trim_start_matches('<').trim_end_matches('>').to_string()),
        offset,
        content_type: None,
        charset: None,
        status: None,
        body: Vec::new(),
    };
    let is_http = block.get(..5).is_some_and(|head| head.eq_ignore_ascii_case(b"HTTP/"));
    if !is_http {
        response.body = block;
        return Ok(response);
    }
    let (mut chunked, mut gzipped) = (false, false);
    let mut at = 0;
    let mut status_line = true;
    while let Some((line, next)) = next_line(&block, at) {
        at = next;
        if status_line {
            status_line = false;
            let code = String::from_utf8_lossy(line)
                .split_ascii_whitespace()
                .nth(1)
                .map(str::to_string);
            response.status = code.and_then(|code| code.parse().ok());
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        let Some((name, value)) = split_field(line) else {
            continue;
        };
        match name.to_ascii_lowercase().as_str() {
            "content-type" => {
                response.charset = charset(&value);
                response.content_type = Some(value);
            }
            "transfer-encoding" => {
                chunked = value
                    .split(',')
                    .any(|coding| coding.trim().eq_ignore_ascii_case("chunked"));
            }
            "content-encoding" => {
                gzipped = matches!(value.to_ascii_lowercase().as_str(), "gzip" | "x-gzip");
            }
            _ => {}
        }
    }
    let mut body = block.get(at..).unwrap_or_default().to_vec();
    if chunked {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    if gzipped && body.starts_with(&GZIP_MAGIC) {
        let mut unzipped = Vec::new();
        // A damaged or cut-off stream keeps what came out before the damage.
        let read = GzDecoder::new(body.as_slice())
            .take(limit.saturating_add(1))
            .read_to_end(&mut unzipped);
        if unzipped.len() as u64 > limit {
            let message = format!("the gzipped HTTP body unzips to more than the limit of {limit} bytes");
            return Err(WarcError { offset, message });
        }
        if read.is_ok() || !unzipped.is_empty() {
            body = unzipped;
        }
    }
    response.body = body;
    Ok(response)
}

/// Joins the chunks of a chunked HTTP body. `None` when the body does not open with a chunk size
/// (the header lied, or the crawler already joined it); chunks cut off by a truncated capture are
/// kept as far as they go.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut first = true;
    while let Some((line, next)) = next_line(body, at) {
        let size = line.split(|&b| b == b';').next().unwrap_or_default();
        let size = String::from_utf8_lossy(size);
        let size = size.trim();
        let parsed = (!size.is_empty() && size.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u64::from_str_radix(size, 16).ok())
            .flatten();
        let Some(size) = parsed else {
            if first {
                return None;
            }
            break;
        };
        first = false;
        if size == 0 {
            break;
        }
        let rest = body.get(next..).unwrap_or_default();
        let size = usize::try_from(size).unwrap_or(usize::MAX).min(rest.len());
        out.extend_from_slice(rest.get(..size).unwrap_or(rest));
        at = next + size;
        let after = body.get(at..).unwrap_or_default();
        if after.starts_with(b"\r\n") {
            at += 2;
        } else if after.starts_with(b"\n") {
            at += 1;
        }
    }
    Some(out)
}

/// The `charset` parameter of a Content-Type value, lower-cased and unquoted.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(['"', '\'']).trim().to_ascii_lowercase();
        (!value.is_empty()).then_some(value)
    })
}

/// Whether a file name says WARC (`.warc`, `.warc.gz`).
pub fn is_warc_name(path: &std::path::Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Whether a response holds a document pith reads: HTML or text (or no declared type).
pub fn is_document(response: &Response) -> bool {
    response.content_type.as_deref().is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("html") || t.starts_with("text/")
    })
}

/// Cleans one response: the transport's charset and content type decide the decoding and the
/// format; the target URI, date and record id go into provenance with evidence `warc:<header>`.
pub fn clean_response(
    origin: &str,
    response: Response,
    options: &crate::Options,
) -> Result<crate::Record, crate::Error> {
    let html = response
        .content_type
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    let read = crate::input::ReadOptions {
        format: options.read.format.or(html.then_some(crate::input::Format::Html)),
        charset: response.charset.clone(),
        ..options.read.clone()
    };
    let mut source = crate::input::decode(origin, response.body, &read)?;
    source.fetched_from = response.target_uri.map(|u| (u, "warc:WARC-Target-URI".to_string()));
    source.capture = [("WARC-Date", response.date), ("WARC-Record-ID", response.record_id)]
        .into_iter()
        .filter_map(|(header, value)| value.map(|v| (header.to_string(), v)))
        .collect();
    Ok(crate::clean_with(&source, options))
}
