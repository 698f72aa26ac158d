//! Typed errors of the library; every error names the input it is about.

use std::path::PathBuf;

/// What went wrong with one input. Every variant names the input (a path, a JSONL `FILE:LINE`,
/// a WARC `FILE#OFFSET`, or the name given to [`Extractor::extract`](crate::Extractor::extract)),
/// and its message starts with that name; the CLI prints it as `pith: SOURCE: message` and goes
/// on with the next input.
///
/// ```
/// let extractor = pith::Extractor::builder().max_bytes(8).build();
/// let error = extractor.extract("big.txt", b"more than eight bytes").unwrap_err();
/// assert!(matches!(error, pith::Error::TooLarge { size: 21, limit: 8, .. }));
/// assert!(error.to_string().starts_with("big.txt: input is over the limit of 8 bytes"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input that cannot be read (a missing file, a folder that cannot be listed, a JSONL
    /// line that is not UTF-8).
    #[error("{source_name}: cannot read: {cause}")]
    Read {
        /// The input.
        source_name: String,
        /// Why it cannot be read.
        #[source]
        cause: std::io::Error,
    },
    /// A directory symlink that leads back to one of its own ancestors: not followed.
    #[error("{source_name}: a symlink loop back to {ancestor}; not followed")]
    Loop {
        /// The symlink.
        source_name: String,
        /// The folder it leads back to.
        ancestor: String,
    },
    /// Something inside a folder given that is not a file: a FIFO, a socket or a device, whose
    /// reading could block for ever or never end. Not read; named alone, it is read as given.
    #[error("{source_name}: a {kind} inside a folder given, not a file; not read (name it on its own to read it)")]
    NotAFile {
        /// The entry.
        source_name: String,
        /// What it is (`FIFO`, `socket`, `device`).
        kind: &'static str,
    },
    /// An input that is binary (over 5% control bytes such as NUL), or a str that is not valid
    /// Unicode.
    #[error("{source_name}: not text: {reason}")]
    NotText {
        /// The input.
        source_name: String,
        /// What makes it binary.
        reason: String,
    },
    /// An input over the size limit ([`ReadOptions::max_bytes`](crate::input::ReadOptions::max_bytes)).
    #[error(
        "{source_name}: input is over the limit of {limit} bytes (at least {size} bytes); raise it with --max-bytes"
    )]
    TooLarge {
        /// The input.
        source_name: String,
        /// Its size, or as much of it as was read before the limit was passed.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A record whose ledger does not give back the input it was made from.
    #[error(
        "{source_name}: the restored bytes do not match the record's input_sha256 (expected {expected}, got {actual}): the record was edited or cut, or its encoding is wrong"
    )]
    NotRestored {
        /// The record's `source`.
        source_name: String,
        /// The record's `input_sha256`.
        expected: String,
        /// The SHA-256 of the bytes restored.
        actual: String,
    },
    /// A record whose ledger holds byte ranges only (`pith clean --ledger offsets`): it restores
    /// only with the input it was made from ([`Record::restore_from`](crate::Record::restore_from)).
    #[error(
        "{source_name}: the record's ledger holds byte offsets only (`--ledger offsets`): restoring needs the input it was made from (`pith restore RECORD --input FILE`)"
    )]
    NeedsInput {
        /// The record's `source`.
        source_name: String,
    },
    /// An input given to [`Record::restore_from`](crate::Record::restore_from) that is not the
    /// one the record was made from: its SHA-256 (after gzip is undone) is not the record's
    /// `input_sha256`.
    #[error(
        "{source_name}: the input given is not the one this record was made from (its SHA-256 is {actual}, the record's input_sha256 is {expected})"
    )]
    InputMismatch {
        /// The record's `source`.
        source_name: String,
        /// The record's `input_sha256`.
        expected: String,
        /// The SHA-256 of the input given, as given.
        actual: String,
    },
    /// A record whose ledger segments do not follow each other byte for byte (or, restored
    /// from its input, do not cover all of it): it cannot be restored.
    #[error("{source_name}: the ledger has a gap or overlap at byte {at}")]
    LedgerGap {
        /// The record's `source`.
        source_name: String,
        /// Where the segment that does not follow its predecessor starts.
        at: usize,
    },
    /// A record whose text cannot be written in its `encoding` (or whose replaced bytes are not
    /// where it says): it cannot be restored.
    #[error(
        "{source_name}: the text cannot be encoded back into {encoding} (or a replaced byte is not where the record says)"
    )]
    NotEncodable {
        /// The record's `source`.
        source_name: String,
        /// The record's `encoding`.
        encoding: String,
    },
    /// A file that is not a record, nor an array or lines of records.
    #[error("{path}: not a pith record: {cause}")]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// What the JSON parser says.
        cause: String,
    },
    /// A JSONL input line that is not a JSON object, or holds no page.
    #[error("{source_name}: {reason}")]
    BadLine {
        /// The line, as `FILE:LINE`.
        source_name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A truncated or malformed WARC record; reading goes on with the next one.
    #[error("{source_name}: byte {offset}: {reason}")]
    BadWarc {
        /// The WARC file and the record's offset, as `FILE#OFFSET`.
        source_name: String,
        /// The byte offset, in the uncompressed stream, of the record or line at fault.
        offset: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// A learned model file that cannot be used (unreadable, malformed, or trained on other features).
    #[error("{name}: not a usable model: {message}")]
    Model {
        /// The model file, or the built-in model's name.
        name: String,
        /// Why it cannot be used.
        message: String,
    },
    /// A gold file for `pith eval` that is not a JSON object of ids.
    #[error("{path}: not a gold file: {cause}")]
    BadGold {
        /// The gold file.
        path: PathBuf,
        /// What the JSON parser says.
        cause: String,
    },
    /// Two inputs whose outputs would be one file (`-o DIR`): refused before anything is written.
    #[error("{target}: both {first} and {second} would be written here; nothing was written")]
    OutputClash {
        /// The output file.
        target: PathBuf,
        /// The first input that would write it.
        first: String,
        /// The second.
        second: String,
    },
    /// An output file that is one of the run's inputs (the same path, or the same file by
    /// another name: a symlink, a hard link): refused before anything is written.
    #[error("{target}: is {input}, an input of this run; not written over it, nothing was written")]
    OutputIsInput {
        /// The output file.
        target: PathBuf,
        /// The input it is, as given.
        input: String,
    },
    /// A file already written in this run (a case-insensitive file system can make two names one).
    #[error("{target}: already written in this run (by {by}); not written over with {source_name}")]
    Overwrite {
        /// The output file.
        target: PathBuf,
        /// The input that wrote it.
        by: String,
        /// The input that would write it again.
        source_name: String,
    },
    /// Output that cannot be written: a file, or stdout (named `-`).
    #[error("{target}: cannot write: {cause}")]
    Write {
        /// The output file, or `-`.
        target: String,
        /// Why it cannot be written.
        #[source]
        cause: std::io::Error,
    },
    /// A temporary file (where `pith group` and `pith stories` keep records between their two
    /// passes) that cannot be made, written or read back.
    #[error("{command}: cannot use a temporary file: {cause}")]
    TempFile {
        /// The command (`pith group`, `pith stories`).
        command: String,
        /// Why the file cannot be used.
        #[source]
        cause: std::io::Error,
    },
    /// An input of a run that reads its inputs twice (`pith group`, `pith stories`) whose bytes
    /// were not the same the second time.
    #[error("{source_name}: changed between the two passes of the run (its SHA-256 is not the one first read)")]
    Changed {
        /// The input.
        source_name: String,
    },
    /// `pith eval` with a gold file none of whose ids has a page in the folder.
    #[error("{gold}: none of its {ids} ids has a page in {dir} (pages are named `<id>.<ext>`); nothing to score")]
    NoPages {
        /// The gold file.
        gold: PathBuf,
        /// The folder of pages.
        dir: PathBuf,
        /// How many ids the gold file holds.
        ids: usize,
    },
    /// pith panicked on this input (the Python bindings catch it): a bug to report.
    #[error("{source_name}: pith failed on this input, a bug to report: {cause}")]
    Panicked {
        /// The input.
        source_name: String,
        /// The panic's message.
        cause: String,
    },
}

impl Error {
    /// Whether this is a write to a pipe whose reader has gone (`pith … | head`): the run
    /// stops at once and quietly, with exit code 0.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Write { cause, .. } if cause.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// A result whose error is pith's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
