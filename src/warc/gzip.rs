//! Gzipped WARC files: concatenated members unzipped as one stream, told apart (so that a
//! record can be checked against the end of its member), and a damaged member skipped to the
//! next gzip header that unzips.

use std::io::{self, BufRead, Chain, Cursor, Read};

use flate2::bufread::GzDecoder;

use super::buffer::RawBuffer;

pub(super) const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// A gzip member header: the magic and the one compression method there is (deflate).
const GZIP_MEMBER: [u8; 3] = [0x1f, 0x8b, 0x08];
/// How much of the compressed input a candidate gzip header is tried on before it is trusted:
/// enough for a header and the first deflate block's code tables; a candidate that runs out of
/// input within it is trusted, so a damaged region costs at most this much work per candidate.
const PROBE_BYTES: usize = 1024;

/// The bytes of a WARC stream with gzip undone if the stream started with the gzip magic.
pub struct Decompressed<R>(pub(super) Inner<R>);

type Sniffed<R> = Chain<Cursor<Vec<u8>>, R>;

pub(super) enum Inner<R> {
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
    pub(super) fn resync(&mut self) -> Option<Skipped> {
        match &mut self.0 {
            Inner::Gzip(members) => members.resync(),
            Inner::Plain(_) | Inner::Failed(_) => None,
        }
    }

    /// The number of the gzip member (from 0) that the bytes read last came from; `None` for
    /// input that is not gzip. A member's bytes are never handed out with the next one's in one
    /// read, and the next one's only once the member has passed its check (CRC and length).
    pub(super) fn member(&self) -> Option<u64> {
        match &self.0 {
            Inner::Gzip(members) => Some(members.member),
            Inner::Plain(_) | Inner::Failed(_) => None,
        }
    }
}

/// Where reading goes on after a damaged gzip member.
pub(super) struct Skipped {
    /// Compressed offset where unzipping failed.
    pub(super) from: u64,
    /// Compressed offset of the member that reading goes on with: past `from`, or before it
    /// when the damaged member was read on into the members after it.
    pub(super) to: u64,
}

impl std::fmt::Display for Skipped {
    /// How the message of the error the damage is reported with ends.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Skipped { from, to } = *self;
        if to > from {
            write!(
                f,
                "; skipped {} compressed bytes (from compressed byte {from}) to the next gzip member at compressed byte {to}",
                to - from
            )
        } else if to == from {
            write!(
                f,
                "; reading goes on with the next gzip member, at compressed byte {to}"
            )
        } else {
            write!(
                f,
                "; reading goes on with the next gzip member, at compressed byte {to} (the damage showed only at compressed byte {from}, past its start)"
            )
        }
    }
}

/// Concatenated gzip members, unzipped as one stream, one member at a time, that can skip a
/// damaged member.
pub(super) struct Members<R> {
    /// `None` once no member follows a damaged one.
    decoder: Option<GzDecoder<RawBuffer<R>>>,
    /// Compressed offset the current member started at, so that a resync always moves on.
    started_at: u64,
    /// The current member's number, from 0.
    member: u64,
    /// The furthest compressed offset where damage has shown: a resync never goes back before
    /// it, so that no byte is unzipped more than twice however the damage is laid out.
    damage_seen_to: u64,
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(decoder) = &mut self.decoder else {
                return Ok(0);
            };
            let n = decoder.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // The member has ended and passed its check: the next one, if any bytes follow (as
            // MultiGzDecoder reads them; bytes that are no member fail as its header).
            if decoder.get_mut().fill_buf()?.is_empty() {
                return Ok(0);
            }
            let Some(ended) = self.decoder.take() else {
                return Ok(0);
            };
            let raw = ended.into_inner();
            self.started_at = raw.offset;
            self.member += 1;
            self.decoder = Some(GzDecoder::new(raw));
        }
    }
}

impl<R: Read> Members<R> {
    pub(super) fn new(reader: R) -> Self {
        Members {
            decoder: Some(GzDecoder::new(RawBuffer::new(reader))),
            started_at: 0,
            member: 0,
            damage_seen_to: 0,
        }
    }

    /// Scans the compressed bytes after the start of the damaged member for a gzip header that
    /// unzips and goes on from there. The scan starts just after the damaged member's header,
    /// as far back as the buffer still holds and no further back than damage showed before (a
    /// member cut short is read on into the members after it, and the damage shows only there),
    /// else where the damage showed. No byte is scanned or unzipped more than twice; each
    /// candidate is tried on at most [`PROBE_BYTES`].
    pub(super) fn resync(&mut self) -> Option<Skipped> {
        let mut raw = self.decoder.take()?.into_inner();
        let from = raw.offset;
        let back_to = (self.started_at + 1).max(self.damage_seen_to);
        self.damage_seen_to = self.damage_seen_to.max(from);
        if from == self.started_at {
            // The decoder failed where it started: move past that header.
            raw.consume(1);
        } else if back_to < from {
            raw.rewind_to(back_to);
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
                self.member += 1;
                let to = raw.offset;
                self.decoder = Some(GzDecoder::new(raw));
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
