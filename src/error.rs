//! Typed errors of the library; every error names the input it is about.

use std::path::PathBuf;

/// What went wrong with one input. The CLI prints it as `pith: SOURCE: message`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{source_name}: cannot read: {cause}")]
    Read {
        source_name: String,
        #[source]
        cause: std::io::Error,
    },
    /// A directory symlink that leads back to one of its own ancestors: not followed.
    #[error("{source_name}: a symlink loop back to {ancestor}; not followed")]
    Loop { source_name: String, ancestor: String },
    #[error("{source_name}: not text: {reason}")]
    NotText { source_name: String, reason: String },
    #[error(
        "{source_name}: input is over the limit of {limit} bytes (at least {size} bytes); raise it with --max-bytes"
    )]
    TooLarge { source_name: String, size: u64, limit: u64 },
    /// A record whose ledger does not give back the input it was made from.
    #[error(
        "{source_name}: the restored bytes do not match the record's input_sha256 (expected {expected}, got {actual}): the record was edited or cut, or its encoding is wrong"
    )]
    NotRestored {
        source_name: String,
        expected: String,
        actual: String,
    },
    #[error("{path}: not a pith record: {cause}")]
    BadRecord { path: PathBuf, cause: String },
    /// A learned model file that cannot be used (unreadable, malformed, or trained on other features).
    #[error("{name}: not a usable model: {message}")]
    Model { name: String, message: String },
    /// Two inputs whose outputs would be one file (`-o DIR`): refused before anything is written.
    #[error("{target}: both {first} and {second} would be written here; nothing was written")]
    OutputClash {
        target: PathBuf,
        first: String,
        second: String,
    },
    /// A file already written in this run (a case-insensitive file system can make two names one).
    #[error("{target}: already written in this run (by {by}); not written over with {source_name}")]
    Overwrite {
        target: PathBuf,
        by: String,
        source_name: String,
    },
    /// Output that cannot be written: a file, or stdout (named `-`).
    #[error("{target}: cannot write: {cause}")]
    Write {
        target: String,
        #[source]
        cause: std::io::Error,
    },
    /// `pith eval` with a gold file none of whose ids has a page in the folder.
    #[error("{gold}: none of its {ids} ids has a page in {dir} (pages are named `<id>.<ext>`); nothing to score")]
    NoPages { gold: PathBuf, dir: PathBuf, ids: usize },
    #[error("{source_name}: {message}")]
    Other { source_name: String, message: String },
}

impl Error {
    /// Whether this is a write to a pipe whose reader has gone (`pith … | head`): the run
    /// stops at once and quietly, with exit code 0.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Write { cause, .. } if cause.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
