//! The HTTP response in a record's block: its status, the headers pith reads, and the payload,
//! de-chunked and unzipped.

use std::io::Read;

use flate2::read::GzDecoder;

use super::gzip::GZIP_MAGIC;
use super::record::{next_line, WarcHeader};
use super::{Response, WarcError};

/// How many header fields an HTTP response head may have: far more than any real one (a head
/// with more is read as one httparse cannot read).
const MAX_HTTP_HEADERS: usize = 256;

/// The version a head of another version is read as.
const HTTP1: &[u8] = b"HTTP/1.1";

/// Turns a response record's block into a [`Response`]. A block that is not an HTTP message
/// (`dns:` records, for one) is kept whole as the body, with no status.
pub(super) fn parse_response(
    header: WarcHeader,
    block: Vec<u8>,
    offset: u64,
    limit: u64,
) -> Result<Response, WarcError> {
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
    let (at, chunked, gzipped) = match read_head(&block, true) {
        Some(head) => {
            response.status = head.status;
            response.charset = head.content_type.as_deref().and_then(charset);
            response.content_type = head.content_type;
            (head.len, head.chunked, head.gzipped)
        }
        // A head httparse cannot read (not HTTP/1.x, a status that is not three digits): no
        // status and no headers are taken from it, and the payload starts after its blank line.
        None => (head_end(&block), false, false),
    };
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

/// What pith takes from an HTTP response head.
struct Head {
    /// The head's length in bytes: the payload starts there.
    len: usize,
    status: Option<u16>,
    /// The last `Content-Type` given.
    content_type: Option<String>,
    /// `Transfer-Encoding` names `chunked`.
    chunked: bool,
    /// `Content-Encoding` is `gzip`.
    gzipped: bool,
}

/// Reads the HTTP head at the start of `block` with httparse; `None` when it cannot. Crawlers
/// keep what servers sent, so the parser is as lenient as it can be about responses: folded
/// header lines, spaces after a header's name, several spaces in the status line, and header
/// lines that are not fields (skipped). A head that the block ends in (a response with no
/// payload, no blank line after it) is the whole block, when `to_end` allows it.
fn read_head(block: &[u8], to_end: bool) -> Option<Head> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
    let mut parsed = httparse::Response::new(&mut fields);
    let mut config = httparse::ParserConfig::default();
    config
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true);
    let len = match config.parse_response(&mut parsed, block) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) if to_end => {
            let mut ended = block.to_vec();
            ended.extend_from_slice(b"\r\n\r\n");
            let head = read_head(&ended, false)?;
            return Some(Head {
                len: block.len(),
                ..head
            });
        }
        Err(httparse::Error::Version) => {
            // A version httparse does not read (`HTTP/2 200`, as some crawlers record HTTP/2
            // responses; `http/1.1`): the head is read as HTTP/1.1's, which it is but for that.
            let version_end = block.iter().take_while(|&&b| b != b'\n').position(|&b| b == b' ')?;
            let mut as_http1 = HTTP1.to_vec();
            as_http1.extend_from_slice(block.get(version_end..)?);
            let head = read_head(&as_http1, to_end)?;
            return Some(Head {
                len: (head.len + version_end).checked_sub(HTTP1.len())?,
                ..head
            });
        }
        Ok(httparse::Status::Partial) | Err(_) => return None,
    };
    let mut head = Head {
        len,
        status: parsed.code,
        content_type: None,
        chunked: false,
        gzipped: false,
    };
    for field in parsed.headers.iter() {
        let value = header_value(field.value);
        match field.name.to_ascii_lowercase().as_str() {
            "content-type" => head.content_type = Some(value),
            "transfer-encoding" => {
                head.chunked = value
                    .split(',')
                    .any(|coding| coding.trim().eq_ignore_ascii_case("chunked"));
            }
            "content-encoding" => {
                head.gzipped = matches!(value.to_ascii_lowercase().as_str(), "gzip" | "x-gzip");
            }
            _ => {}
        }
    }
    Some(head)
}

/// Where the head ends when httparse cannot read it: after its first blank line, or at the end.
fn head_end(block: &[u8]) -> usize {
    let mut at = 0;
    while let Some((line, next)) = next_line(block, at) {
        at = next;
        if line.iter().all(u8::is_ascii_whitespace) {
            break;
        }
    }
    at
}

/// A header field's value as text, trimmed; a folded value's line breaks are spaces.
fn header_value(raw: &[u8]) -> String {
    let value = String::from_utf8_lossy(raw);
    if value.contains(['\r', '\n']) {
        let lines: Vec<&str> = value
            .split(['\r', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        return lines.join(" ");
    }
    value.trim().to_string()
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
