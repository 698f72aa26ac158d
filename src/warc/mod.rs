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
//! next line that starts with `WARC/`. A record that begins inside a line of other bytes (NUL
//! padding) is read from its `WARC/1.` mark, the bytes before it reported as skipped; a block
//! whose Content-Length says up to 64 bytes too many, so that it ran into the next record's
//! first line, gives that record back from where it begins (reported too). A record whose
//! Content-Length runs past the end of the input is read again from its block: the first line
//! in it that starts with `WARC/1.` opens the next record (the bytes from there on are kept, at
//! most `max_record_bytes` of them).
//! A gzip member that cannot be unzipped is skipped to the next gzip header that unzips; offsets
//! after it count the bytes that could be unzipped. Both errors say how many bytes were skipped.
//! In a file gzipped one member per record, a record comes out only once its member has been
//! read to its end and passed its check (CRC and length): a member that fails it is the error
//! of its own record (the record skipped), never blamed on the next one, and a member cut short
//! is searched for the next member's header from just after its own. Records that share a
//! member come out as they are read, and damage in it is the error of the record being read
//! where it shows.
//!
//! The modules, from the bytes up: `gzip` (members unzipped as one stream, told apart, damage
//! skipped), `buffer` (the buffers over the compressed and the unzipped bytes), `record` (the
//! WARC framing: records, headers, blocks and the rest of their gzip members, resync after
//! damage), `http` (the HTTP response in a record's block: status, headers, payload).

mod buffer;
mod gzip;
mod http;
mod record;

use std::io::{self, Cursor, Read};

use buffer::Buffered;
pub use gzip::Decompressed;
use gzip::{Inner, Members, GZIP_MAGIC};

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
    /// Errors found after a record was read, to report after it (`read_tail`).
    pending: std::collections::VecDeque<WarcError>,
    /// A record whose `WARC/` line was read with the record before it (`read_tail`).
    next_start: Option<u64>,
    /// The last bytes of the block just read: where the next record begins when the block's
    /// Content-Length said a few bytes too many.
    block_end: Vec<u8>,
    done: bool,
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
        pending: std::collections::VecDeque::new(),
        next_start: None,
        block_end: Vec::new(),
        done: false,
    }
}

impl<R: Read> Iterator for Responses<Decompressed<R>> {
    type Item = Result<Response, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        // Every pass consumes at least one byte or ends the iteration, so this loop terminates.
        loop {
            if let Some(error) = self.pending.pop_front() {
                return Some(Err(error));
            }
            if self.done {
                return None;
            }
            match self.read_record() {
                Ok(Some(response)) => return Some(Ok(response)),
                Ok(None) => {}
                Err(error) => return Some(Err(error)),
            }
        }
    }
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

/// Decodes the body of one response record, with what the record says about the capture.
pub(crate) fn response_source(
    origin: &str,
    response: Response,
    options: &crate::input::ReadOptions,
) -> Result<crate::Source, crate::Error> {
    let html = response
        .content_type
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    let read = crate::input::ReadOptions {
        format: options.format.or(html.then_some(crate::input::Format::Html)),
        charset: response.charset.clone(),
        ..options.clone()
    };
    let mut source = crate::input::decode(origin, response.body, &read)?;
    source.fetched_from = response.target_uri.map(|u| (u, "warc:WARC-Target-URI".to_string()));
    source.capture = [("WARC-Date", response.date), ("WARC-Record-ID", response.record_id)]
        .into_iter()
        .filter_map(|(header, value)| value.map(|v| (header.to_string(), v)))
        .collect();
    Ok(source)
}
