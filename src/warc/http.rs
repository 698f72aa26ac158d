//! The HTTP response in a record's block: its status, the headers pith reads, and the payload,
//! de-chunked and unzipped.

use std::io::Read;

use flate2::read::GzDecoder;

use super::gzip::GZIP_MAGIC;
use super::record::{next_line, split_field, WarcHeader};
use super::{Response, WarcError};

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
