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
//! next line that starts with `WARC/`. A record whose Content-Length runs past the end of the
//! input is read again from its block: the first line in it that starts with `WARC/1.` opens
//! the next record (the bytes from there on are kept, at most `max_record_bytes` of them). A
//! gzip member that cannot be unzipped is skipped to the next gzip header that unzips; offsets
//! after it count the bytes that could be unzipped. Both errors say how many bytes were skipped.

use std::io::{self, BufRead, Chain, Cursor, Read};

use flate2::bufread::MultiGzDecoder;
use flate2::read::GzDecoder;

/// A WARC header (all its lines together) longer than this is refused as malformed.
const MAX_HEADER_BYTES: usize = 1 << 20;
/// How much of a line that is not a WARC record is kept to quote in the error.
const QUOTE_BYTES: usize = 40;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// A gzip member header: the magic and the one compression method there is (deflate).
const GZIP_MEMBER: [u8; 3] = [0x1f, 0x8b, 0x08];
/// What a line that opens a record starts with, when looking for one inside a damaged record
/// (`WARC/` alone is too loose there: the block is arbitrary content).
const RECORD_MARK: &[u8] = b"WARC/1.";
/// Bytes read from the input at a time (uncompressed, and compressed for gzip).
const BUFFER_BYTES: usize = 64 * 1024;
/// How much of the compressed input a candidate gzip header is tried on before it is trusted:
/// enough for a header and the first deflate block's code tables; a candidate that runs out of
/// input within it is trusted, so a damaged region costs at most this much work per candidate.
const PROBE_BYTES: usize = 1024;

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
    reader: Buffered<R>,
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
    Gzip(Box<Members<Sniffed<R>>>),
    /// Reading the first bytes failed; the error is handed to the first read.
    Failed(Option<io::Error>),
}

impl<R: Read> Read for Decompressed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.0 {
            Inner::Plain(reader) => reader.read(buf),
            Inner::Gzip(members) => members.read(buf),
            Inner::Failed(error) => error.take().map_or(Ok(0), Err),
        }
    }
}

impl<R: Read> Decompressed<R> {
    /// After a read error in a gzip stream: skips to the next gzip member that unzips. `None`
    /// when there is none (or the input is not gzip), and then nothing more is read.
    fn resync(&mut self) -> Option<Skipped> {
        match &mut self.0 {
            Inner::Gzip(members) => members.resync(),
            Inner::Plain(_) | Inner::Failed(_) => None,
        }
    }
}

/// Compressed bytes passed over to reach the next gzip member.
struct Skipped {
    /// Compressed offset where unzipping failed.
    from: u64,
    /// Compressed offset of the member that reading goes on with.
    to: u64,
}

/// Concatenated gzip members, unzipped as one stream, that can skip a damaged member.
struct Members<R> {
    /// `None` once the input has ended or no member follows a damaged one.
    decoder: Option<MultiGzDecoder<RawBuffer<R>>>,
    /// Compressed offset the current decoder started at, so that a resync always moves on.
    started_at: u64,
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.decoder {
            Some(decoder) => decoder.read(buf),
            None => Ok(0),
        }
    }
}

impl<R: Read> Members<R> {
    fn new(reader: R) -> Self {
        Members {
            decoder: Some(MultiGzDecoder::new(RawBuffer::new(reader))),
            started_at: 0,
        }
    }

    /// Scans the compressed bytes after the damage for a gzip header that unzips and goes on
    /// from there. Every byte is scanned once; each candidate is tried on at most
    /// [`PROBE_BYTES`].
    fn resync(&mut self) -> Option<Skipped> {
        let mut raw = self.decoder.take()?.into_inner();
        let from = raw.offset;
        if from == self.started_at {
            // The decoder failed where it started: move past that header.
            raw.consume(1);
        }
        loop {
            let window = raw.fill_at_least(PROBE_BYTES).ok()?;
            let len = window.len();
            if len < GZIP_MEMBER.len() {
                return None;
            }
            let Some(at) = window.windows(GZIP_MEMBER.len()).position(|w| w == GZIP_MEMBER) else {
                // Keep the last bytes: a header may start in them.
                raw.consume(len + 1 - GZIP_MEMBER.len());
                continue;
            };
            raw.consume(at);
            let window = raw.fill_at_least(PROBE_BYTES).ok()?;
            if unzips(window.get(..PROBE_BYTES).unwrap_or(window)) {
                self.started_at = raw.offset;
                let to = raw.offset;
                self.decoder = Some(MultiGzDecoder::new(raw));
                return Some(Skipped { from, to });
            }
            raw.consume(1);
        }
    }
}

/// Whether a gzip member starting at `probe[0]` unzips as far as `probe` goes.
fn unzips(probe: &[u8]) -> bool {
    let mut out = [0u8; 64];
    match flate2::bufread::GzDecoder::new(probe).read(&mut out) {
        // Some bytes unzipped, or none because the member is empty: both are a member.
        Ok(0) | Ok(_) => true,
        // The probe ended before the header or the first block did: nothing says it is wrong.
        Err(e) => e.kind() == io::ErrorKind::UnexpectedEof,
    }
}

/// A buffered reader of the compressed input that knows its offset and can be asked for a
/// window of at least some bytes (to scan for and try a gzip header across read boundaries).
struct RawBuffer<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Compressed bytes consumed so far.
    offset: u64,
}

impl<R: Read> RawBuffer<R> {
    fn new(inner: R) -> Self {
        RawBuffer {
            inner,
            buf: vec![0; BUFFER_BYTES],
            start: 0,
            end: 0,
            offset: 0,
        }
    }

    /// The unconsumed bytes, at least `min` of them unless the input ends first.
    fn fill_at_least(&mut self, min: usize) -> io::Result<&[u8]> {
        if self.end - self.start < min {
            // Moves at most `min` bytes, so the scan stays linear.
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            while self.end < min.min(self.buf.len()) {
                let Some(free) = self.buf.get_mut(self.end..) else {
                    break;
                };
                match self.inner.read(free) {
                    Ok(0) => break,
                    Ok(n) => self.end += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(self.buf.get(self.start..self.end).unwrap_or_default())
    }
}

impl<R: Read> Read for RawBuffer<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            if let (Some(to), Some(from)) = (out.get_mut(..n), available.get(..n)) {
                to.copy_from_slice(from);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for RawBuffer<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.fill_at_least(1)
    }

    fn consume(&mut self, amount: usize) {
        let amount = amount.min(self.end - self.start);
        self.start += amount;
        self.offset += amount as u64;
    }
}

/// The uncompressed stream, buffered, with a way to put bytes back in front: after a record
/// that runs past the end of the input, the records inside its block are read from memory.
struct Buffered<R> {
    inner: R,
    /// `buf[at..end]` is what is buffered and not consumed yet.
    buf: Vec<u8>,
    at: usize,
    end: usize,
    /// The inner reader has ended: all that is left is `buf[at..end]`.
    ended: bool,
}

impl<R: Read> Buffered<R> {
    fn new(inner: R) -> Self {
        Buffered {
            inner,
            buf: Vec::new(),
            at: 0,
            end: 0,
            ended: false,
        }
    }

    /// What is buffered and not consumed yet.
    fn left(&self) -> &[u8] {
        self.buf.get(self.at..self.end).unwrap_or_default()
    }

    /// Puts `bytes` back in front of what is left to read.
    fn unread(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(self.left());
        self.end = bytes.len();
        self.buf = bytes;
        self.at = 0;
    }

    /// How many bytes are left, once the inner reader has ended.
    fn known_remaining(&self) -> Option<u64> {
        self.ended.then(|| self.left().len() as u64)
    }
}

impl<R: Read> Read for Buffered<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            if let (Some(to), Some(from)) = (out.get_mut(..n), available.get(..n)) {
                to.copy_from_slice(from);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Buffered<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at >= self.end && !self.ended {
            if self.buf.len() != BUFFER_BYTES {
                // First read, or bytes put back were all read (their memory goes back).
                self.buf = vec![0; BUFFER_BYTES];
            }
            self.at = 0;
            self.end = 0;
            self.end = self.inner.read(&mut self.buf)?.min(self.buf.len());
            self.ended = self.end == 0;
        }
        Ok(self.left())
    }

    fn consume(&mut self, amount: usize) {
        self.at = self.at.saturating_add(amount).min(self.end);
    }
}

/// Finds the first line that opens a WARC record ([`RECORD_MARK`]) in bytes fed piece by piece.
struct RecordScan {
    /// How much of the mark the current line has matched so far; `None` once it cannot match.
    matched: Option<usize>,
}

impl RecordScan {
    /// A scan that starts at the start of a line.
    fn new() -> Self {
        RecordScan { matched: Some(0) }
    }

    /// Feeds the next bytes; when a line in them starts with the mark, the index in `bytes`
    /// just after the mark (the mark itself may have begun in earlier pieces).
    fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut i = 0;
        while let Some(&byte) = bytes.get(i) {
            match self.matched {
                None => {
                    // Nothing to match before the next line: jump to it.
                    let newline = bytes.get(i..)?.iter().position(|&b| b == b'\n')?;
                    i += newline + 1;
                    self.matched = Some(0);
                    continue;
                }
                Some(_) if byte == b'\n' => self.matched = Some(0),
                Some(k) if RECORD_MARK.get(k) == Some(&byte) => {
                    if k + 1 == RECORD_MARK.len() {
                        self.matched = None;
                        return Some(i + 1);
                    }
                    self.matched = Some(k + 1);
                }
                Some(_) => self.matched = None,
            }
            i += 1;
        }
        None
    }
}

/// What was consumed of a record's block.
struct Block {
    /// The bytes, when they were asked for.
    bytes: Vec<u8>,
    /// How many bytes there were (fewer than the Content-Length when the input ended first).
    len: u64,
    /// When the block was not kept: the bytes from the first line in it that opens a record,
    /// and that line's offset. `None` when there was no such line.
    tail: Option<(u64, Vec<u8>)>,
    /// The tail would have been longer than the limit, so it was dropped.
    tail_dropped: bool,
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
        None if got == 2 && head == GZIP_MAGIC => Inner::Gzip(Box::new(Members::new(sniffed))),
        None => Inner::Plain(sniffed),
    };
    Responses {
        reader: Buffered::new(Decompressed(inner)),
        pos: 0,
        max_record_bytes,
        resync: false,
        done: false,
    }
}

impl<R: Read> Iterator for Responses<Decompressed<R>> {
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

impl<R: Read> Responses<Decompressed<R>> {
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
        if let Some(remaining) = self.reader.known_remaining().filter(|&left| left < length) {
            // What is left is all in memory: no need to read it to learn the record is cut off.
            return Err(self.truncated_in_memory(start, length, remaining));
        }
        let over_limit = is_response && length > self.max_record_bytes;
        let block = self.consume_block(start, length, is_response && !over_limit)?;
        if block.len < length {
            return Err(self.truncated(start, length, block));
        }
        if over_limit {
            return Err(WarcError {
                offset: start,
                message: format!(
                    "response record of {length} bytes is over the limit of {} bytes; skipped",
                    self.max_record_bytes
                ),
            });
        }
        if !is_response {
            return Ok(None);
        }
        // The two line ends after the block are skipped as blank lines by `find_record`.
        parse_response(header, block.bytes, start, self.max_record_bytes).map(Some)
    }

    /// Consumes a record's block of `length` bytes, keeping it when `keep`. When not kept, the
    /// bytes from the first line in it that opens a record are kept (up to the record limit),
    /// so that if the block turns out to run past the end of the input they can be read again.
    fn consume_block(&mut self, start: u64, length: u64, keep: bool) -> Result<Block, WarcError> {
        let mut block = Block {
            bytes: Vec::new(),
            len: 0,
            tail: None,
            tail_dropped: false,
        };
        let mut scan = RecordScan::new();
        while block.len < length {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.broken(start, &e)),
            };
            let want = usize::try_from(length - block.len).unwrap_or(usize::MAX);
            let piece = buf.get(..want.min(buf.len())).unwrap_or_default();
            if piece.is_empty() {
                break;
            }
            if keep {
                block.bytes.extend_from_slice(piece);
            } else if let Some((_, tail)) = &mut block.tail {
                if (tail.len() + piece.len()) as u64 > self.max_record_bytes {
                    block.tail = None;
                    block.tail_dropped = true;
                } else {
                    tail.extend_from_slice(piece);
                }
            } else if !block.tail_dropped {
                if let Some(end) = scan.feed(piece) {
                    let offset = self.pos + end as u64 - RECORD_MARK.len() as u64;
                    let mut tail = RECORD_MARK.to_vec();
                    tail.extend_from_slice(piece.get(end..).unwrap_or_default());
                    if tail.len() as u64 > self.max_record_bytes {
                        block.tail_dropped = true;
                    } else {
                        block.tail = Some((offset, tail));
                    }
                }
            }
            let used = piece.len();
            self.reader.consume(used);
            self.pos += used as u64;
            block.len += used as u64;
        }
        Ok(block)
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

    /// A record that does not parse: report it and look for the next one.
    fn malformed(&mut self, offset: u64, message: String) -> WarcError {
        self.resync = true;
        WarcError { offset, message }
    }

    /// A record cut short by the end of the input. Reading goes on with the first line in its
    /// block that opens a record: the records a wrong Content-Length swallowed come out.
    fn truncated(&mut self, offset: u64, length: u64, block: Block) -> WarcError {
        let found = block.len;
        let tail = match block.tail {
            Some(tail) => Some(tail),
            None if block.tail_dropped => None,
            None => {
                let mut bytes = block.bytes;
                RecordScan::new().feed(&bytes).map(|end| {
                    let at = end - RECORD_MARK.len();
                    let tail = bytes.split_off(at);
                    (self.pos - tail.len() as u64, tail)
                })
            }
        };
        let mut message =
            format!("the record is truncated: Content-Length says {length} bytes but only {found} follow");
        match tail {
            Some((next, tail)) => {
                self.pos = next;
                self.reader.unread(tail);
                message += &format!("; skipped {} bytes to the next record at byte {next}", next - offset);
            }
            None => {
                self.done = true;
                if block.tail_dropped {
                    message += &format!(
                        "; the records in it are lost (more than the limit of {} bytes to hold)",
                        self.max_record_bytes
                    );
                }
            }
        }
        WarcError { offset, message }
    }

    /// A record cut short by the end of the input when what is left is already in memory (the
    /// block of an earlier truncated record): skips to the next line that opens a record
    /// without copying.
    fn truncated_in_memory(&mut self, offset: u64, length: u64, remaining: u64) -> WarcError {
        let left = self.reader.left();
        let next = RecordScan::new().feed(left).map(|end| end - RECORD_MARK.len());
        let skip = next.unwrap_or(left.len());
        self.reader.consume(skip);
        self.pos += skip as u64;
        let mut message =
            format!("the record is truncated: Content-Length says {length} bytes but only {remaining} follow");
        if next.is_some() {
            message += &format!(
                "; skipped {} bytes to the next record at byte {}",
                self.pos - offset,
                self.pos
            );
        } else {
            self.done = true;
        }
        WarcError { offset, message }
    }

    /// The input itself cannot be read (a damaged gzip member, an I/O error). In a gzip stream
    /// reading goes on at the next member that unzips; otherwise nothing after it can be
    /// trusted, so reading ends.
    fn broken(&mut self, offset: u64, error: &io::Error) -> WarcError {
        let mut message = if offset == self.pos {
            format!("cannot read the input: {error}")
        } else {
            format!("cannot read the input at byte {}: {error}", self.pos)
        };
        match self.reader.inner.resync() {
            Some(Skipped { from, to }) => {
                self.resync = true;
                message += &format!(
                    "; skipped {} compressed bytes (from compressed byte {from}) to the next gzip member at compressed byte {to}",
                    to - from
                );
            }
            None => self.done = true,
        }
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
    let source = response_source(origin, response, options)?;
    Ok(crate::clean_with(&source, options))
}

/// Decodes the body of one response record, with what the record says about the capture.
pub fn response_source(
    origin: &str,
    response: Response,
    options: &crate::Options,
) -> Result<crate::Source, crate::Error> {
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
    Ok(source)
}
