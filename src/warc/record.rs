//! The WARC framing: finding a record, reading its header and its block (and, gzipped, the rest
//! of its gzip member, checked), and going on after a record that is truncated or malformed.

use std::io::{self, BufRead, Read};

use super::gzip::Decompressed;
use super::http::parse_response;
use super::{Response, Responses, WarcError};

/// A WARC header (all its lines together) longer than this is refused as malformed.
const MAX_HEADER_BYTES: usize = 1 << 20;
/// How much of a line that is not a WARC record is kept to quote in the error.
const QUOTE_BYTES: usize = 40;
/// How many bytes too many a record's Content-Length may say and the next record still be
/// found where it begins (inside the block read): a writer that miscounted line ends.
const OVERSTATED_BYTES: usize = 64;
/// How much of a line that is not a WARC record is searched for one beginning inside it.
const JUNK_LINE_BYTES: usize = 1 << 16;
/// What a line that opens a record starts with, when looking for one inside a damaged record
/// (`WARC/` alone is too loose there: the block is arbitrary content).
const RECORD_MARK: &[u8] = b"WARC/1.";

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
    /// Its last [`OVERSTATED_BYTES`] bytes (all of them when it is shorter).
    last: Vec<u8>,
}

/// The fields of a WARC header that pith uses.
#[derive(Default)]
pub(super) struct WarcHeader {
    pub(super) kind: Option<String>,
    pub(super) content_length: Option<String>,
    pub(super) target_uri: Option<String>,
    pub(super) date: Option<String>,
    pub(super) record_id: Option<String>,
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
    pub(super) fn read_record(&mut self) -> Result<Option<Response>, WarcError> {
        let Some(start) = self.find_record()? else {
            self.done = true;
            return Ok(None);
        };
        let header = self.read_header(start)?;
        let record_id = header.record_id.as_deref();
        let Some(length) = header.content_length.as_deref() else {
            let message = "the WARC header has no Content-Length".into();
            return Err(self.malformed_record(start, record_id, message));
        };
        let Ok(length) = length.parse::<u64>() else {
            let message = format!("the WARC Content-Length `{length}` is not a number");
            return Err(self.malformed_record(start, record_id, message));
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
        self.block_end = block.last;
        self.read_tail(start, header.record_id.as_deref(), true)?;
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
        // The two line ends after the block are skipped as blank lines by `read_tail` (gzip) or
        // `find_record`.
        parse_response(header, block.bytes, start, self.max_record_bytes).map(Some)
    }

    /// In a gzipped stream, reads what follows a record's block in the gzip member the block
    /// ended in (its two line ends, in a file gzipped one member per record) to the member's
    /// end, where the member's CRC and length are checked: damage anywhere in the member is
    /// this record's error (`Err`, the record skipped), not the next record's, and a record
    /// comes out only once its member has checked out. Reading stops early at a line that
    /// opens a record (several records share the member; it is checked where it ends). Other
    /// lines are reported after the record (when `strays`), as `find_record` reports them; so
    /// is damage that shows in the members after this one. Plain input is left to `find_record`.
    fn read_tail(&mut self, start: u64, record_id: Option<&str>, strays: bool) -> Result<(), WarcError> {
        let Some(member) = self.reader.member() else {
            return Ok(());
        };
        let mut stray = None;
        loop {
            let at = self.pos;
            let line = match self.read_line_within(QUOTE_BYTES, Some(member)) {
                Ok(line) => line,
                Err(e) if self.reader.member() == Some(member) => return Err(self.damaged(start, record_id, &e)),
                Err(e) => {
                    // This record's member checked out; the next one is damaged.
                    self.pending.extend(stray);
                    let error = self.broken(self.pos, &e);
                    self.pending.push_back(error);
                    return Ok(());
                }
            };
            if line.len == 0 {
                // The member (or the input) has ended, and so the member has checked out.
                break;
            }
            let whole = line.len == line.kept.len() as u64;
            if !line.ended && whole && (b"WARC/".starts_with(&line.kept) || line.kept.starts_with(b"WARC/")) {
                // A line that may open a record runs on into the next member (a file gzipped in
                // pieces of a fixed size): put back whole, for `find_record`.
                self.pos -= line.len;
                self.reader.unread(line.kept);
                break;
            }
            if line.kept.starts_with(b"WARC/") {
                self.next_start = Some(at);
                break;
            }
            let blank = whole && line.kept.iter().all(u8::is_ascii_whitespace);
            if strays && !blank && stray.is_none() {
                stray = Some(self.malformed(at, not_a_record(&line)));
            }
        }
        self.pending.extend(stray);
        Ok(())
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
            last: Vec::new(),
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
            block.last.extend_from_slice(
                piece
                    .get(piece.len().saturating_sub(OVERSTATED_BYTES)..)
                    .unwrap_or_default(),
            );
            let excess = block.last.len().saturating_sub(OVERSTATED_BYTES);
            block.last.drain(..excess);
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
        let block_end = std::mem::take(&mut self.block_end);
        if let Some(start) = self.next_start.take() {
            // Its `WARC/` line was read by `read_tail`.
            self.resync = false;
            return Ok(Some(start));
        }
        let mut first = true;
        loop {
            let start = self.pos;
            // While skipping a damaged record's lines only their start is looked at.
            let keep = if self.resync { QUOTE_BYTES } else { JUNK_LINE_BYTES };
            let line = self.read_line(keep).map_err(|e| self.broken(start, &e))?;
            let after_block = std::mem::replace(&mut first, false);
            if line.len == 0 {
                return Ok(None);
            }
            if line.kept.starts_with(b"WARC/") {
                self.resync = false;
                return Ok(Some(start));
            }
            let whole = line.len == line.kept.len() as u64;
            // The first line after a block (blank or not) that completes a record mark begun in
            // the block: its Content-Length said a few bytes too many.
            if let Some(k) = (after_block && whole)
                .then(|| overstated_by(&block_end, &line.kept))
                .flatten()
            {
                let mut record = block_end.get(block_end.len() - k..).unwrap_or_default().to_vec();
                record.extend_from_slice(&line.kept);
                self.pos = start - k as u64;
                self.reader.unread(record);
                let message = format!(
                    "the record before this one ran {k} bytes into it (its Content-Length says more bytes than it has); read from its `WARC/` line"
                );
                return Err(self.malformed(self.pos, message));
            }
            let blank = whole && line.kept.iter().all(u8::is_ascii_whitespace);
            if self.resync || blank {
                continue;
            }
            // A record that begins inside a line of other bytes (NUL padding, the end of a
            // record cut short run into the next): the bytes before it are skipped and said so,
            // and the record is read from its mark.
            if let Some(at) = memchr::memmem::find(&line.kept, RECORD_MARK).filter(|_| whole) {
                let junk = Line {
                    kept: line.kept.get(..at.min(QUOTE_BYTES)).unwrap_or_default().to_vec(),
                    len: at as u64,
                    ended: false,
                };
                let record = line.kept.get(at..).unwrap_or_default().to_vec();
                self.pos -= record.len() as u64;
                self.reader.unread(record);
                let message = format!(
                    "{}; {at} bytes skipped to the record that begins in that line",
                    not_a_record(&junk)
                );
                return Err(self.malformed(start, message));
            }
            return Err(self.malformed(start, not_a_record(&quoted(line))));
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
                return Err(self.malformed_record(start, header.record_id.as_deref(), message));
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
        self.read_line_within(keep, None)
    }

    /// [`Self::read_line`], ending the line where the bytes of gzip member `member` end, when
    /// given (an empty line once they have).
    fn read_line_within(&mut self, keep: usize, member: Option<u64>) -> io::Result<Line> {
        let mut line = Line {
            kept: Vec::new(),
            len: 0,
            ended: false,
        };
        while !line.ended {
            match self.reader.fill_buf() {
                Ok([]) => break,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            if member.is_some() && self.reader.member() != member {
                break;
            }
            let buf = self.reader.left();
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

    /// A record whose header does not parse. In a gzipped stream the rest of its gzip member is
    /// read first (`read_tail`, its lines unreported): damage in the member, which would
    /// explain the header, is the record's error instead.
    fn malformed_record(&mut self, offset: u64, record_id: Option<&str>, message: String) -> WarcError {
        let error = self.malformed(offset, message);
        match self.read_tail(offset, record_id, false) {
            Ok(()) => error,
            Err(damaged) => damaged,
        }
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
        message += &self.skip_damage();
        WarcError { offset, message }
    }

    /// A record read whole whose gzip member then failed its check (or could not be read to
    /// its end): none of the record's bytes can be trusted, so it is skipped.
    fn damaged(&mut self, offset: u64, record_id: Option<&str>, error: &io::Error) -> WarcError {
        let record = record_id.map(|id| format!(" {id}")).unwrap_or_default();
        let mut message =
            format!("the gzip member that holds the record{record} is damaged ({error}): the record is skipped");
        message += &self.skip_damage();
        WarcError { offset, message }
    }

    /// After a read error: in a gzip stream, goes on at the next member that unzips, and says
    /// where (the end of the error's message); otherwise reading ends.
    fn skip_damage(&mut self) -> String {
        match self.reader.inner.resync() {
            Some(skipped) => {
                self.resync = true;
                skipped.to_string()
            }
            None => {
                self.done = true;
                String::new()
            }
        }
    }
}

/// How many of a block's last bytes (`end`) open a record whose mark the line after the block
/// completes: a `WARC/1.` split between the two, starting a line.
fn overstated_by(end: &[u8], line: &[u8]) -> Option<usize> {
    (1..=end.len()).find(|&k| {
        let Some(head) = end.get(end.len() - k..) else {
            return false;
        };
        let starts_line = k == end.len() || end.get(end.len() - k - 1) == Some(&b'\n');
        let joined = head.iter().chain(line).take(RECORD_MARK.len());
        starts_line && joined.eq(RECORD_MARK.iter())
    })
}

/// The first [`QUOTE_BYTES`] of a line read with more kept.
fn quoted(mut line: Line) -> Line {
    line.kept.truncate(QUOTE_BYTES);
    line
}

/// The message for a line where a record should start and does not.
fn not_a_record(line: &Line) -> String {
    let quoted = String::from_utf8_lossy(&line.kept);
    let more = if line.len > line.kept.len() as u64 { "…" } else { "" };
    format!(
        "expected a WARC record (a line starting with `WARC/`), found `{}{more}`",
        quoted.trim_end().escape_debug()
    )
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
pub(super) fn next_line(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let rest = bytes.get(at..).filter(|rest| !rest.is_empty())?;
    match rest.iter().position(|&b| b == b'\n') {
        Some(end) => Some((trim_line_end(rest.get(..=end).unwrap_or(rest)), at + end + 1)),
        None => Some((trim_line_end(rest), bytes.len())),
    }
}
