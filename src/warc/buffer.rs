//! The buffers under the reader: over the compressed input (its offset known, a window of it
//! on demand) and over the unzipped stream (bytes can be put back in front).

use std::io::{self, BufRead, Read};

use super::gzip::Decompressed;

/// Bytes read from the input at a time (uncompressed, and compressed for gzip).
pub(super) const BUFFER_BYTES: usize = 64 * 1024;

/// A buffered reader of the compressed input that knows its offset and can be asked for a
/// window of at least some bytes (to scan for and try a gzip header across read boundaries).
pub(super) struct RawBuffer<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Compressed bytes consumed so far.
    pub(super) offset: u64,
}

impl<R: Read> RawBuffer<R> {
    pub(super) fn new(inner: R) -> Self {
        RawBuffer {
            inner,
            buf: vec![0; BUFFER_BYTES],
            start: 0,
            end: 0,
            offset: 0,
        }
    }

    /// The unconsumed bytes, at least `min` of them unless the input ends first.
    pub(super) fn fill_at_least(&mut self, min: usize) -> io::Result<&[u8]> {
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

    /// Goes back to `offset`, or as near it as the buffer still holds (the bytes consumed since
    /// it was last filled are still in it).
    pub(super) fn rewind_to(&mut self, offset: u64) {
        let back = usize::try_from(self.offset.saturating_sub(offset)).unwrap_or(usize::MAX);
        let back = back.min(self.start);
        self.start -= back;
        self.offset -= back as u64;
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
pub(super) struct Buffered<R> {
    pub(super) inner: R,
    /// `buf[at..end]` is what is buffered and not consumed yet.
    buf: Vec<u8>,
    at: usize,
    end: usize,
    /// The inner reader has ended: all that is left is `buf[at..end]`.
    ended: bool,
    /// `buf` holds bytes put back ([`Buffered::unread`]) rather than the inner reader's last read.
    put_back: bool,
}

impl<R: Read> Buffered<R> {
    pub(super) fn new(inner: R) -> Self {
        Buffered {
            inner,
            buf: Vec::new(),
            at: 0,
            end: 0,
            ended: false,
            put_back: false,
        }
    }

    /// What is buffered and not consumed yet.
    pub(super) fn left(&self) -> &[u8] {
        self.buf.get(self.at..self.end).unwrap_or_default()
    }

    /// Puts `bytes` back in front of what is left to read.
    pub(super) fn unread(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(self.left());
        self.end = bytes.len();
        self.buf = bytes;
        self.at = 0;
        self.put_back = true;
    }

    /// How many bytes are left, once the inner reader has ended.
    pub(super) fn known_remaining(&self) -> Option<u64> {
        self.ended.then(|| self.left().len() as u64)
    }
}

impl<R: Read> Buffered<Decompressed<R>> {
    /// The gzip member ([`Decompressed::member`]) the bytes buffered came from; `None` for
    /// input that is not gzip, and for bytes put back, which may have come from any.
    pub(super) fn member(&self) -> Option<u64> {
        if self.put_back {
            None
        } else {
            self.inner.member()
        }
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
            self.put_back = false;
            self.end = self.inner.read(&mut self.buf)?.min(self.buf.len());
            self.ended = self.end == 0;
        }
        Ok(self.left())
    }

    fn consume(&mut self, amount: usize) {
        self.at = self.at.saturating_add(amount).min(self.end);
    }
}
