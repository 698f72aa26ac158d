//! How a run ended: one table of exit codes for every command (README.md, "Exit codes").
//!
//! ```
//! use pith::exit::{Tally, FAILED, OK, PARTIAL};
//! assert_eq!(Tally { done: 3, failed: 0 }.code(), OK);
//! assert_eq!(Tally { done: 2, failed: 1 }.code(), PARTIAL);
//! assert_eq!(Tally { done: 0, failed: 1 }.code(), FAILED);
//! ```

/// Every input was processed (`diff`: the two bodies are identical). Also a run that stopped
/// because stdout was closed (`pith … | head`).
pub const OK: u8 = 0;
/// Some inputs failed, each reported as `pith: PATH: message`, and the others were processed
/// and written (`diff`: the two bodies differ).
pub const PARTIAL: u8 = 1;
/// Nothing was done: a usage error, a fatal error (output that cannot be written, a gold file
/// that matches no page, `-o` outputs that would clash), or every input failed.
pub const FAILED: u8 = 2;

/// Inputs processed and inputs that failed, counted over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub done: u64,
    pub failed: u64,
}

impl Tally {
    /// The exit code for what was counted: a run with no input at all is not a failure.
    pub fn code(&self) -> u8 {
        match (self.done, self.failed) {
            (_, 0) => OK,
            (0, _) => FAILED,
            _ => PARTIAL,
        }
    }
}
