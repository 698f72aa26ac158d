//! The commands of `pith`, one module each, and what they share: how a command stops early, the
//! options and worker pool built from flags, and the exit code.

pub mod args;
pub mod clean;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod group;
mod progress;
pub mod restore;
pub mod stories;

use std::path::PathBuf;
use std::process::ExitCode;

use args::{FormatArg, JsonlInArgs, ReadArgs, UrlArgs};
use pith::exit::Tally;
use pith::{Format, Options};

/// Why a command ended early: stdout was closed (`pith … | head`: quiet, exit 0), or an
/// error that stops it (printed as `pith: message`, exit 2).
pub enum Stop {
    Closed,
    Fatal(String),
}

impl From<String> for Stop {
    fn from(message: String) -> Self {
        Stop::Fatal(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Self {
        Stop::Fatal(message.to_string())
    }
}

impl From<pith::Error> for Stop {
    fn from(error: pith::Error) -> Self {
        if error.is_closed_pipe() {
            Stop::Closed
        } else {
            Stop::Fatal(error.to_string())
        }
    }
}

/// A failed write to stdout: a closed pipe stops quietly, anything else is fatal.
pub fn stdout_error(cause: std::io::Error) -> Stop {
    Stop::from(pith::Error::Write {
        target: "stdout".into(),
        cause,
    })
}

pub type Run = Result<ExitCode, Stop>;

pub fn code(tally: Tally) -> ExitCode {
    ExitCode::from(tally.code())
}

pub fn options(read: &ReadArgs) -> Options {
    let models = read
        .models
        .as_ref()
        .map(|dir| match pith::classify::model::Models::from_dir(dir) {
            Ok(m) => std::sync::Arc::new(m),
            Err(e) => {
                say(format_args!("{e}"));
                std::process::exit(pith::exit::FAILED.into());
            }
        });
    let format = read.format.map(|f| match f {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
    });
    let mut options = Options::default();
    options.read.format = format;
    options.read.max_bytes = read.max_bytes;
    options.models = models;
    options.rules_only = read.rules_only;
    options.favor = if read.favor_precision {
        pith::Favor::Precision
    } else if read.favor_recall {
        pith::Favor::Recall
    } else {
        pith::Favor::Balance
    };
    options
}

/// `--url`, which names one page: refused (exit 2, before anything is read) for a run of
/// several documents (`known`: their number when known up front, as [`Listing::count`]).
pub fn page_url(url: &UrlArgs, known: Option<u64>, jsonl_in: bool) -> Result<Option<String>, Stop> {
    match &url.url {
        Some(url) if known.is_none_or(|n| n > 1) => Err(format!(
            "--url {url} names the address of one page, but {} given; give one file or stdin (a JSONL line carries its own url, a WARC record its target URI)",
            inputs_given(known, jsonl_in)
        )
        .into()),
        url => Ok(url.clone()),
    }
}

/// A pool of `jobs` worker threads (all cores when not given).
pub fn worker_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))
}

/// Prints `pith: MESSAGE` on stderr, the message made safe for a terminal (a file name or a
/// page's words cannot carry escape sequences into it).
pub fn say(message: impl std::fmt::Display) {
    eprintln!("pith: {}", pith::render::for_terminal(&message.to_string()));
}

/// The paths given, or stdin when none are; stdin (`-`) given twice is refused: it gives its
/// bytes once, and the second would be an empty document.
pub fn roots_or_stdin(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if paths.is_empty() {
        return Ok(vec![PathBuf::from("-")]);
    }
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(STDIN_TWICE.into());
    }
    Ok(paths.to_vec())
}

/// Why `-` can be given once.
pub const STDIN_TWICE: &str = "stdin (-) is given twice, but it can be read only once";

pub fn fields_of(input: &JsonlInArgs) -> pith::jsonl::Fields {
    pith::jsonl::Fields {
        id: input.id_field.clone(),
        url: input.url_field.clone(),
        html: input.html_field.clone(),
        text: input.text_field.clone(),
    }
}

/// How many inputs a run was given, for a message: `3 inputs are`, or what holds an unknown number.
pub fn inputs_given(known: Option<u64>, jsonl_in: bool) -> String {
    match known {
        Some(n) => format!("{n} inputs are"),
        None if jsonl_in => "JSONL input (a document a line) is".into(),
        None => "a WARC file (a document a record) is".into(),
    }
}

/// Stdout for text that `color` says may hold ANSI styles (on Windows, a console that does not
/// read them gets them as console calls).
pub fn colored_stdout(color: bool) -> anstream::AutoStream<std::io::StdoutLock<'static>> {
    let choice = if color {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    };
    anstream::AutoStream::new(std::io::stdout().lock(), choice)
}
