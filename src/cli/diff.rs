//! `pith diff`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::args::ReadArgs;
use super::{colored_stdout, options, stdout_error, Run};

/// `pith diff`: the two cleaned bodies compared; exit 0 when identical, 1 when they differ.
pub fn diff(a: &Path, b: &Path, words: bool, color: bool, read: &ReadArgs) -> Run {
    if let Some(warc) = [a, b].into_iter().find(|p| pith::warc::is_warc_name(p)) {
        return Err(format!(
            "{}: a WARC file holds many documents; `pith diff` compares two (try `pith group`)",
            warc.display()
        )
        .into());
    }
    if a.as_os_str() == "-" && b.as_os_str() == "-" {
        return Err(super::STDIN_TWICE.into());
    }
    let options = options(read);
    // Without both bodies there is no diff: an input that fails ends the command (exit 2).
    let left = pith::clean_path(a, &options)?;
    let right = pith::clean_path(b, &options)?;
    // What `clean` would say of either input, said here too.
    for record in [&left, &right] {
        for warning in &record.warnings {
            super::say(format_args!("{}: warning: {warning}", record.source));
        }
    }
    let d = pith::diff::diff(&left, &right, words);
    let mut out = colored_stdout(color);
    out.write_all(pith::render::diff(&d, color).as_bytes())
        .map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(if d.identical {
        ExitCode::from(pith::exit::OK)
    } else {
        ExitCode::from(pith::exit::PARTIAL)
    })
}
