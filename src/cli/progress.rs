//! What a corpus run (`clean`, `group`, `stories`) tells a person on stderr: a progress bar
//! while it runs, the errors and warnings printed without garbling it, and a one-line summary
//! at the end. The bar is drawn only when stderr is a terminal — a bar with an ETA when the
//! number of documents is known up front (files), else a spinner with the count and the rate
//! (stdin, JSONL, WARC records) — and never reaches stdout. `-q` leaves out the bar and the
//! summary; errors and warnings always print.

use std::fmt::Display;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};
use pith::exit::Tally;
use pith::Record;

/// How often a spinner turns while nothing finishes (a large page, a slow group).
const TICK: Duration = Duration::from_millis(120);

/// A run's progress: the bar, and what the summary counts.
pub struct Progress {
    bar: ProgressBar,
    /// Whether the run ends with the summary: not with `-q`, nor for one document (its output
    /// says it all).
    summary: bool,
    started: Instant,
    /// Documents cleaned, and the bytes of their decoded input.
    documents: u64,
    bytes: u64,
    /// Inputs done and failed, for the exit code; the failures are the summary's errors.
    tally: Tally,
}

impl Progress {
    /// Starts a run of `total` documents (`None`: not known up front). `quiet` (`-q`) leaves
    /// out the bar and the summary.
    pub fn start(total: Option<u64>, quiet: bool) -> Progress {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            drawn(total, style(total.is_some(), "documents"), "")
        };
        Progress {
            bar,
            summary: !quiet && total.is_none_or(|n| n > 1),
            started: Instant::now(),
            documents: 0,
            bytes: 0,
            tally: Tally::default(),
        }
    }

    /// Names what the bar counts before the count (`learning: `): a pass that is not the run's
    /// last.
    pub fn label(&self, label: &'static str) {
        self.bar.set_message(label);
    }

    /// Starts counting something else of unknown number (`group`, after cleaning: the groups
    /// written), with a spinner.
    pub fn stage(&mut self, noun: &str) {
        self.replace(style(false, noun), String::new());
    }

    /// Work on what was read, whose end cannot be told (`stories`, after cleaning): a spinner
    /// with `what` and the time it takes.
    pub fn busy(&mut self, what: String) {
        self.replace(spinner_only(), what);
    }

    /// A new bar in place of the one drawn (none if none is), so that no frame mixes the two.
    fn replace(&mut self, style: ProgressStyle, message: String) {
        if !self.bar.is_hidden() {
            self.bar.finish_and_clear();
            self.bar = drawn(None, style, message);
        }
    }

    /// One input is through (cleaned or failed): the bar moves on.
    pub fn advance(&self) {
        self.bar.inc(1);
    }

    /// A document was cleaned: counted with its input's bytes; its warnings printed (every
    /// command that cleans says what `clean` says of a document).
    pub fn cleaned(&mut self, record: &Record) {
        self.documents += 1;
        self.bytes += record.segments.last().map_or(0, |s| s.end) as u64;
        for warning in &record.warnings {
            self.say(format_args!("{}: warning: {warning}", record.source));
        }
    }

    /// An input was processed and written.
    pub fn done(&mut self) {
        self.tally.done += 1;
    }

    /// An input failed: printed as `pith: MESSAGE`, counted.
    pub fn failed(&mut self, error: impl Display) {
        self.say(error);
        self.tally.failed += 1;
    }

    /// A line on stderr, `pith: MESSAGE`, above the bar.
    pub fn say(&self, message: impl Display) {
        let message = message.to_string();
        self.bar
            .suspend(|| eprintln!("pith: {}", pith::render::for_terminal(&message)));
    }

    /// Clears the bar and, for a run of several documents (more than one, or a number not known
    /// up front) and without `-q`, prints the summary: documents (and `note`, such as `, 3
    /// groups`), bytes, errors, seconds and MB/s. Returns the tally, for the exit code.
    pub fn finish(self, note: &str) -> Tally {
        self.bar.finish_and_clear();
        if self.summary {
            let seconds = self.started.elapsed().as_secs_f64();
            eprintln!(
                "pith: {}",
                summary(self.documents, note, self.bytes, self.tally.failed, seconds)
            );
        }
        self.tally
    }
}

/// A bar drawn on stderr, turning while nothing moves it, cleared whenever the run ends (by an
/// error or a closed stdout too).
fn drawn(total: Option<u64>, style: ProgressStyle, message: impl Into<std::borrow::Cow<'static, str>>) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(total, indicatif::ProgressDrawTarget::stderr())
        .with_finish(ProgressFinish::AndClear)
        .with_style(style)
        .with_message(message);
    bar.enable_steady_tick(TICK);
    bar
}

/// The bar's look: a bar with the count, the rate and an ETA when the total is known, else a
/// spinner with the count and the rate.
fn style(known: bool, noun: &str) -> ProgressStyle {
    // The templates are fixed (a test parses both); a plain spinner is what a bad one would cost.
    ProgressStyle::with_template(&template(known, noun))
        .map(|style| style.progress_chars("=> ").with_key("rate", rate))
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// How many a second, to a tenth below ten (indicatif's `per_sec` shows four decimals).
fn rate(state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write) {
    let rate = state.per_sec();
    let _ = if rate < 10.0 {
        write!(out, "{rate:.1}/s")
    } else {
        write!(out, "{rate:.0}/s")
    };
}

/// A spinner, what is being done and how long it has taken.
fn spinner_only() -> ProgressStyle {
    ProgressStyle::with_template(SPINNER_ONLY).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

const SPINNER_ONLY: &str = "{spinner} {msg}, {elapsed}";

fn template(known: bool, noun: &str) -> String {
    if known {
        format!("{{msg}}[{{bar:30}}] {{pos}}/{{len}} {noun}, {{rate}}, {{elapsed}} elapsed, ETA {{eta}}")
    } else {
        format!("{{msg}}{{spinner}} {{pos}} {noun}, {{rate}}, {{elapsed}} elapsed")
    }
}

/// The one-line summary of a run (without `pith: `).
fn summary(documents: u64, note: &str, bytes: u64, errors: u64, seconds: f64) -> String {
    format!(
        "{documents} documents{note}, {bytes} bytes, {errors} errors, {seconds:.2} s, {:.1} MB/s",
        bytes as f64 / 1e6 / seconds.max(1e-9)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_documents_bytes_errors_and_speed() {
        assert_eq!(
            summary(3, ", 2 groups", 2_500_000, 1, 0.5),
            "3 documents, 2 groups, 2500000 bytes, 1 errors, 0.50 s, 5.0 MB/s"
        );
    }

    #[test]
    fn a_known_total_has_a_bar_and_an_eta_and_an_unknown_one_a_spinner_with_the_rate() {
        let known = template(true, "documents");
        assert!(known.contains("{bar:30}") && known.contains("{eta}") && known.contains("{len}"));
        let unknown = template(false, "groups");
        assert!(unknown.contains("{spinner}") && unknown.contains("{rate}") && !unknown.contains("{len}"));
        for template in [known, unknown, SPINNER_ONLY.to_string()] {
            assert!(ProgressStyle::with_template(&template).is_ok(), "{template}");
        }
    }
}
