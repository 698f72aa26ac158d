//! The WARC reader: responses out of plain and gzipped WARC files, and errors with byte offsets
//! for truncated, malformed and oversize records, after which reading goes on.
//!
//! `fixtures/warc/sample.warc` holds warcinfo, request, response, metadata, response (the second
//! one WARC/1.1, lower-case header names, chunked, windows-1251). `sample.warc.gz` is the same
//! records gzipped one member each (Python `gzip.compress` per record).

use std::io::{Read, Write};
use std::path::Path;

use pith::warc::{responses, Response, WarcError};
use proptest::prelude::*;

/// Where each record of `sample.warc` starts, and where the file ends.
const STARTS: [u64; 6] = [0, 248, 609, 1172, 1443, 2008];
const FIRST_RESPONSE: u64 = 609;
const SECOND_RESPONSE: u64 = 1443;
const LIMIT: u64 = 1 << 20;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/warc").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every item, with a bound so that a reader that never ends fails the test instead of hanging.
fn read_all(bytes: &[u8], limit: u64) -> Vec<Result<Response, WarcError>> {
    let items: Vec<_> = responses(bytes, limit).take(bytes.len() + 3).collect();
    assert!(
        items.len() <= bytes.len() + 2,
        "{} items from {} bytes",
        items.len(),
        bytes.len()
    );
    items
}

fn ok(item: &Result<Response, WarcError>) -> &Response {
    item.as_ref().unwrap_or_else(|e| panic!("expected a response, got {e}"))
}

fn err(item: &Result<Response, WarcError>) -> &WarcError {
    match item {
        Ok(response) => panic!("expected an error, got the response at {}", response.offset),
        Err(e) => e,
    }
}

/// The records of `sample.warc`, one slice each.
fn records(bytes: &[u8]) -> Vec<Vec<u8>> {
    STARTS
        .windows(2)
        .map(|w| bytes.get(w[0] as usize..w[1] as usize).unwrap_or_default().to_vec())
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
    encoder.finish().unwrap_or_else(|e| panic!("{e}"))
}

/// `sample.warc` gzipped one member per record, and where each member starts.
fn gzip_per_record() -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for record in records(&fixture("sample.warc")) {
        starts.push(out.len());
        out.extend(gzip(&record));
    }
    (out, starts)
}

fn first_response() -> Response {
    let html = b"<!doctype html><html><head><title>Harbour reopens</title></head><body>\
<p>The harbour reopened on Monday after three weeks of repairs to the sea wall.</p></body></html>\n";
    Response {
        target_uri: Some("https://news.example.org/2024/03/harbour".into()),
        date: Some("2024-03-04T10:15:00Z".into()),
        record_id: Some("urn:uuid:00000000-0000-4000-8000-000000000003".into()),
        offset: FIRST_RESPONSE,
        content_type: Some("text/html".into()),
        charset: None,
        status: Some(200),
        body: html.to_vec(),
    }
}

fn second_response() -> Response {
    let html = "<html><head><meta charset=\"windows-1251\"><title>Порт</title></head><body>\
<p>Порт снова открылся в понедельник после трёх недель ремонта.</p></body></html>\n";
    let (body, _, unmappable) = encoding_rs::WINDOWS_1251.encode(html);
    assert!(!unmappable);
    Response {
        target_uri: Some("https://news.example.ru/port".into()),
        date: Some("2024-03-04T10:16:30Z".into()),
        record_id: Some("urn:uuid:00000000-0000-4000-8000-000000000005".into()),
        offset: SECOND_RESPONSE,
        content_type: Some("text/html; Charset=\"Windows-1251\"".into()),
        charset: Some("windows-1251".into()),
        status: Some(200),
        body: body.into_owned(),
    }
}

#[test]
fn the_plain_file_gives_its_two_responses() {
    let items = read_all(&fixture("sample.warc"), LIMIT);
    assert_eq!(items, vec![Ok(first_response()), Ok(second_response())]);
}

#[test]
fn gzip_is_told_by_its_magic_bytes_and_gives_the_same_responses() {
    let expected = vec![Ok(first_response()), Ok(second_response())];
    assert_eq!(read_all(&fixture("sample.warc.gz"), LIMIT), expected);
    assert_eq!(read_all(&gzip_per_record().0, LIMIT), expected);
    // One member for the whole file is read the same way.
    assert_eq!(read_all(&gzip(&fixture("sample.warc")), LIMIT), expected);
}

/// Hands out one byte per read, as a slow pipe might.
struct OneByte<R>(R);

impl<R: Read> Read for OneByte<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match buf.first_mut() {
            Some(first) => self.0.read(std::slice::from_mut(first)),
            None => Ok(0),
        }
    }
}

#[test]
fn short_reads_do_not_confuse_the_gzip_sniffing() {
    let expected = vec![Ok(first_response()), Ok(second_response())];
    for bytes in [fixture("sample.warc"), fixture("sample.warc.gz")] {
        let items: Vec<_> = responses(OneByte(bytes.as_slice()), LIMIT).take(10).collect();
        assert_eq!(items, expected);
    }
}

#[test]
fn empty_and_blank_inputs_give_nothing() {
    for bytes in [&b""[..], b"\r\n", b"\n\n\r\n", b"\x1f"] {
        let items = read_all(bytes, LIMIT);
        assert!(
            items.iter().all(Result::is_err) && items.len() <= 1,
            "{bytes:?}: {items:?}"
        );
        if bytes.iter().all(u8::is_ascii_whitespace) {
            assert!(items.is_empty());
        }
    }
}

#[test]
fn a_truncated_last_record_comes_out_as_an_error_at_its_start() {
    let bytes = fixture("sample.warc");
    // Cut inside the block, inside the WARC header, and right after the version line.
    for cut in [SECOND_RESPONSE + 300, SECOND_RESPONSE + 40, SECOND_RESPONSE + 10] {
        let items = read_all(bytes.get(..cut as usize).unwrap_or_default(), LIMIT);
        assert_eq!(items.len(), 2, "cut at {cut}: {items:?}");
        assert_eq!(ok(&items[0]), &first_response());
        assert_eq!(err(&items[1]).offset, SECOND_RESPONSE, "cut at {cut}");
        assert!(err(&items[1]).message.contains("truncated"), "{:?}", items[1]);
    }
    // The line ends after the last block are optional at the end of the input.
    let items = read_all(bytes.get(..bytes.len() - 4).unwrap_or_default(), LIMIT);
    assert_eq!(items, vec![Ok(first_response()), Ok(second_response())]);
}

#[test]
fn a_truncated_gzip_member_comes_out_as_an_error_at_the_record_start() {
    let (gz, members) = gzip_per_record();
    let last = members[4];
    for cut in [last + 5, last + 20, last + (gz.len() - last) / 2] {
        let items = read_all(gz.get(..cut).unwrap_or_default(), LIMIT);
        assert_eq!(items.len(), 2, "cut at {cut}: {items:?}");
        assert_eq!(ok(&items[0]), &first_response());
        assert_eq!(err(&items[1]).offset, SECOND_RESPONSE, "cut at {cut}");
    }
    // Cut in the gzip trailer: the record's bytes are all there, but its member cannot be
    // checked, so the record is an error at its start (not at the end of the file).
    let items = read_all(gz.get(..gz.len() - 3).unwrap_or_default(), LIMIT);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(ok(&items[0]), &first_response());
    assert_eq!(err(&items[1]).offset, SECOND_RESPONSE);
}

/// The items of `sample.warc` gzipped one member per record, with member `member` changed by
/// `damage`, and the second response's offset set to its own (the damage may shift it).
fn with_damaged_member(member: usize, damage: impl Fn(&mut Vec<u8>)) -> Vec<Result<Response, WarcError>> {
    let records = records(&fixture("sample.warc"));
    let mut gz = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let mut piece = gzip(record);
        if i == member {
            damage(&mut piece);
        }
        gz.extend(piece);
    }
    read_all(&gz, LIMIT)
        .into_iter()
        .map(|item| {
            item.map(|r| Response {
                offset: if r.target_uri == second_response().target_uri {
                    SECOND_RESPONSE
                } else {
                    r.offset
                },
                ..r
            })
        })
        .collect()
}

/// A gzip member that fails its check (its CRC, or data that unzips to something else, or a
/// member cut short) makes its record an error at the record's start, naming it: the record is
/// not handed out before its member has been read to its end, and the damage is not blamed on
/// the next record. The next record still comes out.
#[test]
fn a_damaged_gzip_member_is_the_error_of_its_own_record() {
    let first = 2;
    type Damage = fn(&mut Vec<u8>);
    let damages: [(&str, Damage); 4] = [
        ("crc", |m| {
            let at = m.len() - 8;
            m[at] ^= 0xff;
        }),
        ("length", |m| {
            let at = m.len() - 2;
            m[at] ^= 0x01;
        }),
        ("data", |m| {
            let at = m.len() / 2;
            m[at] ^= 0xff;
        }),
        ("cut", |m| m.truncate(m.len() / 2)),
    ];
    for (what, damage) in damages {
        let items = with_damaged_member(first, damage);
        assert_eq!(items.len(), 2, "{what}: {items:?}");
        let error = err(&items[0]);
        assert_eq!(error.offset, FIRST_RESPONSE, "{what}: {error}");
        // Damage that shows only at the member's end names the member; damage inside the
        // block, where the block is read.
        let named = "the gzip member that holds the record <urn:uuid:00000000-0000-4000-8000-000000000003> is damaged";
        if what == "crc" || what == "length" {
            assert!(error.message.contains(named), "{what}: {error}");
        }
        assert!(
            error.message.contains(named) || error.message.contains("cannot read the input"),
            "{what}: {error}"
        );
        assert_eq!(ok(&items[1]), &second_response(), "{what}");
    }
    // The request (no document) before it: its own error, and both responses come out.
    let items = with_damaged_member(1, |m| {
        let at = m.len() - 8;
        m[at] ^= 0xff;
    });
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(err(&items[0]).offset, STARTS[1]);
    assert_eq!(ok(&items[1]), &first_response());
    assert_eq!(ok(&items[2]), &second_response());
}

/// A line after a record's block, in a gzip member that checks out, is reported after the
/// record, as in a plain file.
#[test]
fn a_stray_line_after_a_block_in_its_gzip_member_is_reported_after_the_record() {
    let records = records(&fixture("sample.warc"));
    let mut gz = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let mut record = record.clone();
        if i == 2 {
            record.extend(b"a stray line\r\n");
        }
        gz.extend(gzip(&record));
    }
    let items = read_all(&gz, LIMIT);
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(ok(&items[0]), &first_response());
    let error = err(&items[1]);
    assert_eq!(error.offset, STARTS[3]);
    assert!(error.message.contains("found `a stray line`"), "{error}");
    assert_eq!(ok(&items[2]).target_uri, second_response().target_uri);
}

#[test]
fn garbage_between_records_is_reported_then_skipped() {
    let bytes = fixture("sample.warc");
    let garbage = b"<html><body>a stray page\r\nWARC-Type: response\r\n\r\n\x00\xff binary\n";
    let mut damaged = bytes.get(..SECOND_RESPONSE as usize).unwrap_or_default().to_vec();
    damaged.extend_from_slice(garbage);
    damaged.extend_from_slice(bytes.get(SECOND_RESPONSE as usize..).unwrap_or_default());
    junk_before_the_second_response_is_skipped(&damaged, garbage.len() as u64, "a stray page");
}

/// `damaged` is the sample with `skipped` bytes of junk before its second response: the first
/// response reads, the junk is one error at its offset (its message holding `says`), and the
/// second response reads where it moved to.
fn junk_before_the_second_response_is_skipped(damaged: &[u8], skipped: u64, says: &str) {
    let items = read_all(damaged, LIMIT);
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(ok(&items[0]), &first_response());
    let error = err(&items[1]);
    assert_eq!(error.offset, SECOND_RESPONSE);
    assert!(error.message.contains(says), "{}", error.message);
    let moved = Response {
        offset: SECOND_RESPONSE + skipped,
        ..second_response()
    };
    assert_eq!(ok(&items[2]), &moved);
}

#[test]
fn a_record_that_begins_inside_a_line_of_junk_is_still_read() {
    // NUL padding before the second response's `WARC/1.0`, on the same line.
    let bytes = fixture("sample.warc");
    let (before, after) = bytes.split_at(SECOND_RESPONSE as usize);
    let damaged = [before, &[0u8; 10][..], after].concat();
    junk_before_the_second_response_is_skipped(&damaged, 10, "10 bytes skipped");
}

#[test]
fn a_content_length_a_few_bytes_too_long_does_not_cost_the_next_record() {
    // The first response's block says 6, 12 and 30 bytes more than it has: it runs into the
    // record after it (the two line ends first), whose `WARC/1.0` line is then split or eaten.
    let bytes = fixture("sample.warc");
    let (before, after) = bytes.split_at(FIRST_RESPONSE as usize);
    let from = "Content-Length: 270\r\n";
    let at = after.windows(from.len()).position(|w| w == from.as_bytes());
    let at = at.unwrap_or_else(|| panic!("{from:?} not in the fixture"));
    for more in [6, 12, 30] {
        let to = format!("Content-Length: {}\r\n", 270 + more);
        let damaged = [before, &after[..at], to.as_bytes(), &after[at + from.len()..]].concat();
        let items = read_all(&damaged, LIMIT);
        let shift = (to.len() - from.len()) as u64;
        let next = STARTS[3] + shift;
        let error = items
            .iter()
            .find_map(|i| i.as_ref().err())
            .unwrap_or_else(|| panic!("no error: {items:?}"));
        assert_eq!(error.offset, next, "{error}");
        assert!(error.message.contains("Content-Length says more"), "{error}");
        let second = Response {
            offset: SECOND_RESPONSE + shift,
            ..second_response()
        };
        assert!(
            items.iter().any(|i| i.as_ref().ok() == Some(&second)),
            "{more}: {items:?}"
        );
    }
}

#[test]
fn a_record_without_a_usable_content_length_is_reported_then_skipped() {
    let bytes = fixture("sample.warc");
    let (before, after) = bytes.split_at(FIRST_RESPONSE as usize);
    for (from, to) in [
        ("Content-Length: 270\r\n", ""),
        ("Content-Length: 270", "Content-Length: 2x0"),
    ] {
        // The fixture is not UTF-8 throughout, so the edit is made on bytes.
        let at = after.windows(from.len()).position(|w| w == from.as_bytes());
        let at = at.unwrap_or_else(|| panic!("{from:?} not in the fixture"));
        let damaged = [before, &after[..at], to.as_bytes(), &after[at + from.len()..]].concat();
        let items = read_all(&damaged, LIMIT);
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(err(&items[0]).offset, FIRST_RESPONSE);
        assert!(err(&items[0]).message.contains("Content-Length"));
        let moved = Response {
            offset: SECOND_RESPONSE - (from.len() - to.len()) as u64,
            ..second_response()
        };
        assert_eq!(ok(&items[1]), &moved);
    }
}

#[test]
fn an_oversize_response_is_refused_and_skipped() {
    let records = records(&fixture("sample.warc"));
    // The second response (312 bytes of block) first, then the first (270 bytes).
    let reordered = [records[4].clone(), records[3].clone(), records[2].clone()].concat();
    let items = read_all(&reordered, 300);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(err(&items[0]).offset, 0);
    assert!(
        err(&items[0]).message.contains("over the limit of 300"),
        "{:?}",
        items[0]
    );
    let moved = Response {
        offset: (records[4].len() + records[3].len()) as u64,
        ..first_response()
    };
    assert_eq!(ok(&items[1]), &moved);
    // Records that are not responses are never held, so the limit does not apply to them.
    let items = read_all(&fixture("sample.warc"), 100);
    let offsets: Vec<u64> = items.iter().map(|item| err(item).offset).collect();
    assert_eq!(offsets, vec![FIRST_RESPONSE, SECOND_RESPONSE]);
}

/// A response record with the given WARC header lines and HTTP message, lines ending in `eol`.
fn response_record(warc_fields: &str, http: &[u8], eol: &str) -> Vec<u8> {
    let mut out = format!("WARC/1.0{eol}WARC-Type: response{eol}").into_bytes();
    for field in warc_fields.lines() {
        out.extend(format!("{field}{eol}").bytes());
    }
    out.extend(format!("Content-Length: {}{eol}{eol}", http.len()).bytes());
    out.extend_from_slice(http);
    out
}

#[test]
fn bare_line_feeds_and_a_gzipped_body_are_read() {
    let html = b"<p>The council voted on Tuesday to keep the night ferry running through the winter.</p>".repeat(40);
    let mut http = b"HTTP/1.0 200 OK\nContent-Type: text/html;charset=ISO-8859-1\nContent-Encoding: gzip\n\n".to_vec();
    http.extend(gzip(&html));
    // No line ends after the block: the input simply stops.
    let record = response_record("WARC-Target-URI: http://example.com/ferry", &http, "\n");
    let items = read_all(&record, LIMIT);
    assert_eq!(items.len(), 1, "{items:?}");
    let response = ok(&items[0]);
    assert_eq!(response.target_uri.as_deref(), Some("http://example.com/ferry"));
    assert_eq!(response.charset.as_deref(), Some("iso-8859-1"));
    assert_eq!(response.body, html);
    // A gzipped body that unzips past the limit is refused.
    assert!(record.len() < 1000 && html.len() > 1000);
    let items = read_all(&record, 1000);
    assert!(err(&items[0]).message.contains("unzips to more than"), "{items:?}");
}

#[test]
fn chunked_bodies_that_are_not_chunked_or_cut_short_keep_what_there_is() {
    let cases: [(&[u8], &[u8]); 3] = [
        // The crawler joined the chunks but kept the header.
        (b"<p>already joined</p>", b"<p>already joined</p>"),
        // A capture cut off in the middle of a chunk.
        (b"5\r\nhello\r\n10\r\nwor", b"hellowor"),
        // Bare line feeds and a chunk extension.
        (b"3;x=y\nabc\n2\nde\n0\n\n", b"abcde"),
    ];
    for (chunked, body) in cases {
        let mut http = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        http.extend_from_slice(chunked);
        let items = read_all(&response_record("", &http, "\r\n"), LIMIT);
        assert_eq!(ok(&items[0]).body, body);
        assert_eq!(ok(&items[0]).content_type, None);
    }
}

#[test]
fn a_block_that_is_not_http_is_kept_whole_without_a_status() {
    let block = b"20240304101500\nnews.example.org. 300 IN A 192.0.2.7\n";
    let record = response_record("WARC-Target-URI: dns:news.example.org", block, "\r\n");
    let items = read_all(&record, LIMIT);
    assert_eq!(ok(&items[0]).status, None);
    assert_eq!(ok(&items[0]).body, block);
    // A header-only HTTP response has an empty body.
    let record = response_record("", b"HTTP/1.1 304 Not Modified\r\nETag: \"x\"", "\r\n");
    let items = read_all(&record, LIMIT);
    assert_eq!((ok(&items[0]).status, ok(&items[0]).body.len()), (Some(304), 0));
}

/// Fails every read.
struct Broken;

impl Read for Broken {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk on fire"))
    }
}

#[test]
fn a_read_error_is_reported_once_and_ends_the_iteration() {
    let items: Vec<_> = responses(Broken, LIMIT).take(5).collect();
    assert_eq!(items.len(), 1);
    assert_eq!(err(&items[0]).offset, 0);
    assert!(err(&items[0]).message.contains("disk on fire"));
    // A damaged gzip member: what came before it still comes out.
    let (mut gz, members) = gzip_per_record();
    for byte in gz.iter_mut().skip(members[4] + 12).take(40) {
        *byte ^= 0x55;
    }
    let items = read_all(&gz, LIMIT);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(ok(&items[0]), &first_response());
    assert_eq!(err(&items[1]).offset, SECOND_RESPONSE);
}

#[test]
fn every_cut_of_the_file_gives_the_responses_before_it_then_at_most_one_error() {
    let full = [first_response(), second_response()];
    let bytes = fixture("sample.warc");
    for cut in 0..=bytes.len() {
        let items = read_all(&bytes[..cut], LIMIT);
        let responses: Vec<&Response> = items.iter().filter_map(|item| item.as_ref().ok()).collect();
        assert!(responses.iter().zip(&full).all(|(a, b)| *a == b), "cut at {cut}");
        // A cut strictly inside a record (not in the line ends after its block) is an error at
        // its start, and the last item; anywhere else there is no error.
        let at = cut as u64;
        let inside = STARTS.windows(2).find(|w| w[0] < at && at < w[1] - 4).map(|w| w[0]);
        let errors: Vec<u64> = items
            .iter()
            .filter_map(|item| item.as_ref().err())
            .map(|e| e.offset)
            .collect();
        match inside {
            Some(start) => {
                assert_eq!(errors, vec![start], "cut at {cut}");
                assert!(items.last().is_some_and(Result::is_err), "cut at {cut}");
            }
            None => assert!(errors.is_empty(), "cut at {cut}: {errors:?}"),
        }
    }
    let (gz, mut members) = gzip_per_record();
    members.push(gz.len());
    for cut in 0..=gz.len() {
        let items = read_all(&gz[..cut], LIMIT);
        let responses: Vec<&Response> = items.iter().filter_map(|item| item.as_ref().ok()).collect();
        assert!(responses.iter().zip(&full).all(|(a, b)| *a == b), "gzip cut at {cut}");
        let errors = items.iter().filter(|item| item.is_err()).count();
        assert!(errors <= 1 && (errors == 0 || items.last().is_some_and(Result::is_err)));
        // A cut between members leaves a shorter but sound file.
        assert_eq!(errors == 0, members.contains(&cut), "gzip cut at {cut}: {items:?}");
    }
}

/// `bytes` with the first `from` at or after `after` replaced by `to` (on bytes: the fixture is
/// not UTF-8 throughout).
fn replace_after(bytes: &[u8], after: u64, from: &str, to: &str) -> Vec<u8> {
    let tail = bytes.get(after as usize..).unwrap_or_default();
    let at = tail.windows(from.len()).position(|w| w == from.as_bytes());
    let at = after as usize + at.unwrap_or_else(|| panic!("{from:?} not after byte {after}"));
    [&bytes[..at], to.as_bytes(), &bytes[at + from.len()..]].concat()
}

#[test]
fn a_content_length_past_the_end_resyncs_to_the_records_inside_it() {
    let bytes = fixture("sample.warc");
    // The request record (skipped unread), the first response (read whole), the first response
    // with a length over the limit (skipped unread): each runs to the end of the file.
    for (record, from, to) in [
        (STARTS[1], "Content-Length: 99\r", "Content-Length: 99099\r"),
        (FIRST_RESPONSE, "Content-Length: 270", "Content-Length: 99270"),
        (FIRST_RESPONSE, "Content-Length: 270", "Content-Length: 99999999270"),
    ] {
        let damaged = replace_after(&bytes, record, from, to);
        let shift = (to.len() - from.len()) as u64;
        let items = read_all(&damaged, LIMIT);
        let errors: Vec<&WarcError> = items.iter().filter_map(|item| item.as_ref().err()).collect();
        assert_eq!(errors.len(), 1, "{to}: {items:?}");
        assert_eq!(errors[0].offset, record);
        let next = STARTS[STARTS.iter().position(|&s| s == record).unwrap_or_default() + 1] + shift;
        let skipped = format!("skipped {} bytes to the next record at byte {next}", next - record);
        assert!(errors[0].message.contains(&skipped), "{to}: {}", errors[0].message);
        let last = Response {
            offset: SECOND_RESPONSE + shift,
            ..second_response()
        };
        assert_eq!(items.last(), Some(&Ok(last)), "{to}");
        if record != FIRST_RESPONSE {
            assert_eq!(
                ok(&items[1]),
                &Response {
                    offset: FIRST_RESPONSE + shift,
                    ..first_response()
                }
            );
        }
        // The same damage in a file gzipped one member per record.
        let mut gz = Vec::new();
        for (i, piece) in records(&bytes).into_iter().enumerate() {
            let piece = if STARTS[i] == record {
                replace_after(&piece, 0, from, to)
            } else {
                piece
            };
            gz.extend(gzip(&piece));
        }
        assert_eq!(read_all(&gz, LIMIT), items, "{to} gzipped");
    }
    // Two records in a row that run to the end: both reported, and what follows them still read.
    let damaged = replace_after(&bytes, STARTS[1], "Content-Length: 99\r", "Content-Length: 9099\r");
    let damaged = replace_after(
        &damaged,
        FIRST_RESPONSE + 2,
        "Content-Length: 270",
        "Content-Length: 9270",
    );
    let items = read_all(&damaged, LIMIT);
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(err(&items[0]).offset, STARTS[1]);
    assert_eq!(err(&items[1]).offset, FIRST_RESPONSE + 2);
    assert!(err(&items[1]).message.contains("skipped"), "{:?}", items[1]);
    assert_eq!(
        ok(&items[2]),
        &Response {
            offset: SECOND_RESPONSE + 3,
            ..second_response()
        }
    );
}

#[test]
fn a_corrupt_gzip_member_is_skipped_to_the_next_member() {
    let (gz, members) = gzip_per_record();
    // Damage the request (before the first response) and then the first response itself.
    for (member, record) in [(1, STARTS[1]), (2, FIRST_RESPONSE)] {
        let mut damaged = gz.clone();
        for byte in damaged.iter_mut().skip(members[member] + 12).take(40) {
            *byte ^= 0x55;
        }
        let items = read_all(&damaged, LIMIT);
        let errors: Vec<&WarcError> = items.iter().filter_map(|item| item.as_ref().err()).collect();
        assert_eq!(errors.len(), 1, "member {member}: {items:?}");
        assert_eq!(errors[0].offset, record);
        let skipped = format!("to the next gzip member at compressed byte {}", members[member + 1]);
        assert!(errors[0].message.contains(&skipped), "{}", errors[0].message);
        assert!(errors[0].message.contains("skipped"), "{}", errors[0].message);
        // Offsets after the damage count only the bytes that could be unzipped.
        let responses: Vec<Response> = items
            .iter()
            .filter_map(|item| item.as_ref().ok())
            .map(|r| Response { offset: 0, ..r.clone() })
            .collect();
        let mut expected = vec![Response {
            offset: 0,
            ..second_response()
        }];
        if record < FIRST_RESPONSE {
            expected.insert(
                0,
                Response {
                    offset: 0,
                    ..first_response()
                },
            );
        }
        assert_eq!(responses, expected, "member {member}");
    }
    // Bytes that are not gzip between two members: skipped the same way.
    let mut damaged = gz[..members[2]].to_vec();
    damaged.extend(b"\x1f\x8b\x08 not a member \x1f\x8b");
    damaged.extend(&gz[members[2]..]);
    let items = read_all(&damaged, LIMIT);
    assert_eq!(items.iter().filter(|item| item.is_err()).count(), 1, "{items:?}");
    assert_eq!(items.iter().filter(|item| item.is_ok()).count(), 2, "{items:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_bytes_end_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        read_all(&bytes, LIMIT);
        read_all(&bytes, 64);
    }

    #[test]
    fn a_damaged_file_ends_without_panic(
        edits in prop::collection::vec((0..2008usize, any::<u8>()), 1..20),
        cut in 0..2008usize,
    ) {
        for (bytes, limit) in [(fixture("sample.warc"), LIMIT), (fixture("sample.warc.gz"), 300)] {
            let mut bytes = bytes;
            for (at, value) in &edits {
                let len = bytes.len();
                if let Some(byte) = bytes.get_mut(at % len) {
                    *byte = *value;
                }
            }
            read_all(&bytes, limit);
            read_all(bytes.get(..cut.min(bytes.len())).unwrap_or_default(), limit);
        }
    }

    /// In a file gzipped one member per record, what comes out is a response as it was written
    /// or an error: damage never garbles a record, since each member is checked before its
    /// record comes out.
    #[test]
    fn damage_to_a_member_per_record_file_never_garbles_a_response(
        edits in prop::collection::vec((any::<usize>(), 1..=255u8), 1..4),
    ) {
        let (mut gz, _) = gzip_per_record();
        for (at, flip) in &edits {
            let len = gz.len();
            if let Some(byte) = gz.get_mut(at % len) {
                *byte ^= flip;
            }
        }
        let written = [first_response(), second_response()].map(|r| Response { offset: 0, ..r });
        for response in read_all(&gz, LIMIT).into_iter().flatten() {
            let response = Response { offset: 0, ..response };
            prop_assert!(written.contains(&response), "{response:?}");
        }
    }
}

#[test]
fn http_heads_of_other_versions_and_folded_fields_are_read() {
    // An HTTP/2 response as some crawlers record it: its status and fields are read all the same.
    let block = b"HTTP/2 200 \r\ncontent-type: text/html; charset=windows-1251\r\n\r\n<p>x</p>";
    let record = response_record("", block, "\r\n");
    let items = read_all(&record, LIMIT);
    let response = ok(&items[0]);
    assert_eq!(response.status, Some(200));
    assert_eq!(response.charset.as_deref(), Some("windows-1251"));
    assert_eq!(response.body, b"<p>x</p>");
    // A folded field is one value; a line that is not a field is skipped.
    let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=\"ISO-8859-1\"\r\nnot a field\r\n\r\nbody";
    let record = response_record("", block, "\r\n");
    let items = read_all(&record, LIMIT);
    let response = ok(&items[0]);
    assert_eq!(
        response.content_type.as_deref(),
        Some("text/html; charset=\"ISO-8859-1\"")
    );
    assert_eq!(response.charset.as_deref(), Some("iso-8859-1"));
    assert_eq!(response.body, b"body");
}
