//! Gzipped WARC files: concatenated members unzipped as one stream, and a damaged member
//! skipped to the next gzip header that unzips.

use std::io::{self, BufRead, Chain, Cursor, Read};

use flate2::bufread::MultiGzDecoder;

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
}

/// Compressed bytes passed over to reach the next gzip member.
pub(super) struct Skipped {
    /// Compressed offset where unzipping failed.
    pub(super) from: u64,
    /// Compressed offset of the member that reading goes on with.
    pub(super) to: u64,
}

/// Concatenated gzip members, unzipped as one stream, that can skip a damaged member.
pub(super) struct Members<R> {
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
    pub(super) fn new(reader: R) -> Self {
        Members {
            decoder: Some(MultiGzDecoder::new(RawBuffer::new(reader))),
            started_at: 0,
        }
    }

    /// Scans the compressed bytes after the damage for a gzip header that unzips and goes on
    /// from there. Every byte is scanned once; each candidate is tried on at most
    /// [`PROBE_BYTES`].
    pub(super) fn resync(&mut self) -> Option<Skipped> {
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
