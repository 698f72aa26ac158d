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
    #[error("{source_name}: {message}")]
    Other { source_name: String, message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
