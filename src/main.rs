//! The `pith` command: parses flags (cli.rs), runs the library, prints, sets the exit code.

mod cli;
mod progress;

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use cli::{CleanArgs, Cli, Command, FormatArg, GroupArgs, JsonlInArgs, ReadArgs, StoriesArgs, UrlArgs};
use pith::corpus::{for_each_cleaned, for_each_job, job_source, jobs_for, run_job, Listing};
use pith::exit::Tally;
use pith::output::OutputDir;
use pith::render::Shape;
use pith::{Format, Options, Record};
use progress::Progress;

/// Why a command ended early: stdout was closed (`pith … | head`: quiet, exit 0), or an
/// error that stops it (printed as `pith: message`, exit 2).
enum Stop {
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
fn stdout_error(cause: std::io::Error) -> Stop {
    Stop::from(pith::Error::Write {
        target: "stdout".into(),
        cause,
    })
}

type Run = Result<ExitCode, Stop>;

fn code(tally: Tally) -> ExitCode {
    ExitCode::from(tally.code())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    let result = match cli.command {
        Command::Clean(args) => clean(args),
        Command::Explain { path, html, url, read } => explain(&path, &url, html, color.paints_stdout(), &read),
        Command::Diff { a, b, words, read } => diff(&a, &b, words, color.paints_stdout(), &read),
        Command::Restore { record, output } => restore(&record, output.as_deref()),
        Command::Stories(args) => stories(args),
        Command::Group(args) => group(args),
        Command::Eval {
            gold,
            dir,
            words,
            per_doc,
            pred_out,
            cv,
            cv_models,
            set,
            read,
        } => eval(
            &gold,
            &dir,
            words,
            per_doc,
            pred_out,
            cv.map(|f| (f, cv_models, set)),
            &read,
        ),
        Command::TrainData {
            gold,
            set,
            dir,
            out,
            cv,
            cv_models,
            read,
        } => train_data(&gold, &set, &dir, &out, cv.map(|f| (f, cv_models)), &read),
    };
    match result {
        Ok(code) => code,
        Err(Stop::Closed) => ExitCode::from(pith::exit::OK),
        Err(Stop::Fatal(message)) => {
            eprintln!("pith: {message}");
            ExitCode::from(pith::exit::FAILED)
        }
    }
}

fn options(read: &ReadArgs) -> Options {
    let models = read
        .models
        .as_ref()
        .map(|dir| match pith::classify::model::Models::from_dir(dir) {
            Ok(m) => std::sync::Arc::new(m),
            Err(e) => {
                eprintln!("pith: {e}");
                std::process::exit(pith::exit::FAILED.into());
            }
        });
    let format = read.format.map(|f| match f {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
    });
    Options {
        read: pith::input::ReadOptions {
            format,
            max_bytes: read.max_bytes,
            charset: None,
            url: None,
        },
        boilerplate: None,
        models,
        rules_only: read.rules_only,
        favor: if read.favor_precision {
            pith::classify::Favor::Precision
        } else if read.favor_recall {
            pith::classify::Favor::Recall
        } else {
            pith::classify::Favor::Balance
        },
        body: pith::BodyOptions::default(),
    }
}

fn clean(args: CleanArgs) -> Run {
    let mut options = options(&args.read);
    options.body = pith::BodyOptions {
        links: args.links,
        images: args.images,
        no_tables: args.no_tables,
    };
    let fields = fields_of(&args.input);
    let roots = roots_or_stdin(&args.paths);
    if let Some(model_path) = &args.boilerplate {
        let raw =
            std::fs::read_to_string(model_path).map_err(|e| format!("{}: cannot read: {e}", model_path.display()))?;
        let model: pith::boilerplate::Model = serde_json::from_str(&raw)
            .map_err(|e| format!("{}: not a boilerplate model: {e}", model_path.display()))?;
        options.boilerplate = Some(std::sync::Arc::new(model));
    }
    // Files are listed once, up front: for the progress bar, and for `-o`, whose files are all
    // planned before anything is written (two inputs never meet in one file).
    let listing = Listing::new(&roots, args.input.jsonl_in);
    let known = listing.count();
    let several = known.is_none_or(|n| n > 1);
    options.read.url = page_url(&args.url, known, args.input.jsonl_in)?;
    let shape = args.shape();
    if shape == Shape::Html && several && args.output.is_none() {
        return Err(format!(
            "--html writes one page per document, but {} given; give -o DIR to write each to its own .html file",
            inputs_given(known, args.input.jsonl_in)
        )
        .into());
    }
    let kind = shape.kind();
    let mut output_dir = match &args.output {
        Some(dir) => {
            let files: Vec<PathBuf> = listing
                .files
                .iter()
                .flatten()
                .filter_map(|(_, p)| p.as_ref().ok().cloned())
                .collect();
            Some(OutputDir::plan(dir, &roots, &files, kind)?)
        }
        None => None,
    };
    if let Some(model_path) = &args.learn {
        if roots.iter().any(|r| r.as_os_str() == "-") {
            return Err("--learn reads the inputs twice, so it needs files, not stdin".into());
        }
        let model = learn(&args, &roots, known, &options, &fields)?;
        let json = serde_json::to_string_pretty(&model).map_err(|e| e.to_string())?;
        std::fs::write(model_path, json).map_err(|e| format!("{}: cannot write: {e}", model_path.display()))?;
        options.boilerplate = Some(std::sync::Arc::new(model));
    }
    // Files were listed above already: the directories are not walked a second time.
    let jobs = listing.jobs()?;
    let mut progress = Progress::start(known, args.progress.quiet);
    let mut unsure = 0u64;
    // Documents written to stdout so far (a JSON array's items are told apart by it).
    let mut written = 0;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let pool = worker_pool(args.jobs)?;
    if args.output.is_none() {
        shape.write_start(&mut out, several).map_err(stdout_error)?;
    }
    // Inputs are cleaned in parallel a batch at a time and written in input order, so the
    // output is the same bytes whatever the number of threads, and memory stays bounded. A
    // failed write to stdout (a closed pipe) stops the run: no further input is cleaned.
    let mut stdout_failed: Option<std::io::Error> = None;
    for_each_cleaned(jobs, &pool, &options, &fields, |_, done| {
        progress.advance();
        let (place, record) = match done {
            Ok(done) => done,
            Err(e) => {
                progress.failed(e);
                return ControlFlow::Continue(());
            }
        };
        progress.cleaned(&record);
        for warning in &record.warnings {
            progress.say(format_args!("{}: warning: {warning}", record.source));
        }
        let below = |min: f64| record.confidence.is_some_and(|c| c < min);
        if args.min_confidence.is_some_and(below) {
            unsure += 1;
            progress.done();
            return ControlFlow::Continue(());
        }
        if let Some(output_dir) = &mut output_dir {
            let planned = place.as_ref().and_then(|(_, path)| output_dir.target_of(path));
            let target = match planned {
                Some(target) => target.to_path_buf(),
                None => output_dir.target_of_document(&record.source),
            };
            // Written as it is rendered, never held whole.
            let file = output_dir.write_with(&target, &record.source, |file| {
                shape.write_file(file, &record, args.with_metadata)
            });
            match file {
                Ok(()) => progress.done(),
                Err(e) => progress.failed(e),
            }
            return ControlFlow::Continue(());
        }
        progress.done();
        // Records are written as they come, never gathered: a corpus's output is never in memory.
        let item = shape.write_item(&mut out, &record, args.with_metadata, several, written);
        written += 1;
        match item {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                stdout_failed = Some(e);
                ControlFlow::Break(())
            }
        }
    });
    if let Some(e) = stdout_failed {
        return Err(stdout_error(e));
    }
    // Several JSON records make an array (however many were written); one input that gave no
    // record makes an empty one.
    if args.output.is_none() {
        shape.write_end(&mut out, several, written).map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    let left_out = match args.min_confidence {
        Some(min) if several => format!(", {unsure} below confidence {min} left out"),
        Some(min) if unsure > 0 && !args.progress.quiet => {
            progress.say(format_args!("left out 1 record with confidence below {min}"));
            String::new()
        }
        _ => String::new(),
    };
    Ok(code(progress.finish(&left_out)))
}

/// `--url`, which names one page: refused (exit 2, before anything is read) for a run of
/// several documents (`known`: their number when known up front, as [`Listing::count`]).
fn page_url(url: &UrlArgs, known: Option<u64>, jsonl_in: bool) -> Result<Option<String>, Stop> {
    match &url.url {
        Some(url) if known.is_none_or(|n| n > 1) => Err(format!(
            "--url {url} names the address of one page, but {} given; give one file or stdin (a JSONL line carries its own url, a WARC record its target URI)",
            inputs_given(known, jsonl_in)
        )
        .into()),
        url => Ok(url.clone()),
    }
}

/// The learning pass of `--learn`: clean every input and count each outlet's blocks.
fn learn(
    args: &CleanArgs,
    roots: &[PathBuf],
    known: Option<u64>,
    options: &Options,
    fields: &pith::jsonl::Fields,
) -> Result<pith::boilerplate::Model, String> {
    let pool = worker_pool(args.jobs)?;
    let mut learner = pith::boilerplate::Learner::default();
    let progress = Progress::start(known, args.progress.quiet);
    progress.label("learning: ");
    // Errors are reported by the cleaning pass that follows.
    for_each_job(
        jobs_for(roots, args.input.jsonl_in).map_err(|e| e.to_string())?,
        &pool,
        |job| {
            let (_, source, _) = job_source(job, options, fields).ok()?;
            pith::sample_for_learning(&source, options)
        },
        |_, sample| {
            progress.advance();
            if let Some(sample) = sample {
                learner.add(sample);
            }
            ControlFlow::Continue(())
        },
    );
    Ok(learner.finish(args.min_repeats))
}

/// A pool of `jobs` worker threads (all cores when not given).
fn worker_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))
}

/// The paths given, or stdin when none are.
fn roots_or_stdin(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    }
}

fn fields_of(input: &JsonlInArgs) -> pith::jsonl::Fields {
    pith::jsonl::Fields {
        id: input.id_field.clone(),
        url: input.url_field.clone(),
        html: input.html_field.clone(),
        text: input.text_field.clone(),
    }
}

/// `pith group`: groups written as they are built, in the order of their first member.
fn group(args: GroupArgs) -> Run {
    let GroupArgs {
        jsonl,
        json,
        html,
        threshold,
        ..
    } = args;
    let roots = roots_or_stdin(&args.paths);
    let pool = worker_pool(args.jobs)?;
    let listing = Listing::new(&roots, args.input.jsonl_in);
    let known = listing.count();
    // Both closures below count on it: the first while cleaning, the second after.
    let progress = std::cell::RefCell::new(Progress::start(known, args.progress.quiet));
    let mut groups = 0u64;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let fields = fields_of(&args.input);
    if html {
        pith::render::write_page_start(&mut out, "pith group")
            .and_then(|()| pith::render::write_groups_start(&mut out))
            .map_err(stdout_error)?;
    }
    pith::corpus::group_inputs(
        listing.jobs()?,
        &fields,
        &options(&args.read),
        &pool,
        pith::group::GroupOptions { threshold },
        |seen| {
            let mut progress = progress.borrow_mut();
            progress.advance();
            match seen {
                Ok(record) => {
                    progress.cleaned(record);
                    progress.done();
                }
                Err(e) => progress.failed(e),
            }
        },
        |group, members| {
            let mut progress = progress.borrow_mut();
            if groups == 0 {
                progress.stage("groups written");
            }
            progress.advance();
            let written = if jsonl {
                writeln!(out, "{}", serde_json::to_string(group).unwrap_or_default())
            } else if html {
                pith::render::write_group_html(&mut out, group, members)
            } else if json {
                let sep = if groups == 0 { "[\n" } else { ",\n" };
                write!(out, "{sep}{}", serde_json::to_string_pretty(group).unwrap_or_default())
            } else {
                write!(out, "{}", pith::render::groups(std::slice::from_ref(group)))
            };
            groups += 1;
            written
        },
    )?;
    if json {
        writeln!(out, "{}", if groups == 0 { "[]" } else { "\n]" }).map_err(stdout_error)?;
    }
    if html {
        pith::render::write_groups_end(&mut out, groups)
            .and_then(|()| pith::render::write_page_end(&mut out))
            .map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(code(progress.into_inner().finish(&format!(", {groups} groups"))))
}

/// `pith stories`: variant groups first (one article per group), then stories over them, found
/// from a digest of each document; the bodies of a story's documents are read again when it is
/// written (see [`pith::corpus::stories_inputs`]).
fn stories(args: StoriesArgs) -> Run {
    let roots = roots_or_stdin(&args.paths);
    let pool = worker_pool(args.jobs)?;
    let listing = Listing::new(&roots, args.input.jsonl_in);
    let known = listing.count();
    let story_options = pith::stories::StoryOptions {
        min_articles: if args.singletons {
            1
        } else {
            usize::try_from(args.min_articles).unwrap_or(usize::MAX)
        },
        ..Default::default()
    };
    let mut sink = StoriesOut {
        progress: Progress::start(known, args.progress.quiet),
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        stories: 0,
        jsonl: args.jsonl,
        json: args.json,
    };
    pith::corpus::stories_inputs(
        listing.jobs()?,
        &fields_of(&args.input),
        &options(&args.read),
        &pool,
        story_options,
        &mut sink,
    )?;
    let StoriesOut {
        progress,
        mut out,
        stories,
        json,
        ..
    } = sink;
    if json {
        writeln!(out, "{}", if stories == 0 { "[]" } else { "\n]" }).map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(code(progress.finish(&format!(", {stories} stories"))))
}

/// Where `pith stories` writes: the progress bar and messages on stderr, the stories on stdout.
struct StoriesOut<W: Write> {
    progress: Progress,
    out: W,
    /// Stories written so far.
    stories: u64,
    jsonl: bool,
    json: bool,
}

impl<W: Write> pith::corpus::StoriesSink for StoriesOut<W> {
    fn seen(&mut self, result: Result<&Record, &pith::Error>) {
        self.progress.advance();
        match result {
            Ok(record) => {
                self.progress.cleaned(record);
                self.progress.done();
            }
            Err(e) => self.progress.failed(e),
        }
    }

    fn finding(&mut self, documents: usize) {
        self.progress.busy(format!("finding stories in {documents} documents"));
    }

    fn renamed(&mut self, source: &str, name: &str) {
        self.progress.say(format!(
            "{source}: warning: an earlier document has this source too; stories call this one {name}"
        ));
    }

    fn story(&mut self, story: &pith::stories::Story) -> std::io::Result<()> {
        if self.stories == 0 {
            self.progress.stage("stories written");
        }
        self.stories += 1;
        if self.jsonl {
            writeln!(self.out, "{}", serde_json::to_string(story).unwrap_or_default())
        } else if self.json {
            let sep = if self.stories == 1 { "[\n" } else { ",\n" };
            write!(
                self.out,
                "{sep}{}",
                serde_json::to_string_pretty(story).unwrap_or_default()
            )
        } else {
            // The report numbers the stories it is given from 1; this one is the `stories`th.
            let report = pith::render::stories(std::slice::from_ref(story));
            let numbered = report.replacen("story 1 (", &format!("story {} (", self.stories), 1);
            write!(self.out, "{numbered}")
        }
    }
}

/// How many inputs a run was given, for a message: `3 inputs are`, or what holds an unknown number.
fn inputs_given(known: Option<u64>, jsonl_in: bool) -> String {
    match known {
        Some(n) => format!("{n} inputs are"),
        None if jsonl_in => "JSONL input (a document a line) is".into(),
        None => "a WARC file (a document a record) is".into(),
    }
}

/// `pith explain`: every block of one input with its verdict, coloured when `color`, or as one
/// HTML page (`html`); each response of a WARC file in turn.
fn explain(path: &Path, url: &UrlArgs, html: bool, color: bool, read: &ReadArgs) -> Run {
    let mut options = options(read);
    let warc = pith::warc::is_warc_name(path);
    options.read.url = page_url(url, (!warc).then_some(1), false)?;
    let mut out = colored_stdout(color && !html);
    if html {
        pith::render::write_page_start(&mut out, &format!("pith explain: {}", path.display())).map_err(stdout_error)?;
    }
    let mut tally = Tally::default();
    if warc {
        let fields = pith::jsonl::Fields::default();
        for job in jobs_for(&[path.to_path_buf()], false)? {
            match run_job(job, &options, &fields) {
                Ok((_, record)) => {
                    if html {
                        pith::render::write_explain_html(&mut out, &record, tally.done as usize)
                    } else {
                        writeln!(out, "{}", pith::render::explain(&record, color))
                    }
                    .map_err(stdout_error)?;
                    tally.done += 1;
                }
                Err(e) => {
                    eprintln!("pith: {e}");
                    tally.failed += 1;
                }
            }
        }
    } else {
        let record = pith::clean_path(path, &options)?;
        if html {
            pith::render::write_explain_html(&mut out, &record, 0)
        } else {
            write!(out, "{}", pith::render::explain(&record, color))
        }
        .map_err(stdout_error)?;
        tally.done += 1;
    }
    if html {
        pith::render::write_page_end(&mut out).map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(code(tally))
}

/// Stdout for text that `color` says may hold ANSI styles (on Windows, a console that does not
/// read them gets them as console calls).
fn colored_stdout(color: bool) -> anstream::AutoStream<std::io::StdoutLock<'static>> {
    let choice = if color {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    };
    anstream::AutoStream::new(std::io::stdout().lock(), choice)
}

/// `pith diff`: the two cleaned bodies compared; exit 0 when identical, 1 when they differ.
fn diff(a: &Path, b: &Path, words: bool, color: bool, read: &ReadArgs) -> Run {
    if let Some(warc) = [a, b].into_iter().find(|p| pith::warc::is_warc_name(p)) {
        return Err(format!(
            "{}: a WARC file holds many documents; `pith diff` compares two (try `pith group`)",
            warc.display()
        )
        .into());
    }
    let options = options(read);
    // Without both bodies there is no diff: an input that fails ends the command (exit 2).
    let left = pith::clean_path(a, &options)?;
    let right = pith::clean_path(b, &options)?;
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

/// `pith restore`: one record back to stdout or a file; several (an array, JSONL) each to its
/// own file below `-o DIR`, or refused.
fn restore(path: &Path, output: Option<&Path>) -> Run {
    use std::io::Read;
    let name = path.display().to_string();
    let raw = if path.as_os_str() == "-" {
        let mut raw = String::new();
        std::io::stdin()
            .lock()
            .read_to_string(&mut raw)
            .map_err(|e| format!("-: cannot read: {e}"))?;
        raw
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?
    };
    let records = pith::record::parse_records(&name, &raw);
    // Like `cp`: into a folder when there are several, or when the path is a folder already.
    let into = output.filter(|o| records.len() > 1 || o.is_dir());
    if let Some(dir) = into {
        return restore_each(&name, records, dir);
    }
    let record = match <[_; 1]>::try_from(records) {
        Ok([record]) => record?,
        Err(records) if records.is_empty() => {
            return Err(
                format!("{name}: holds no record (expected the JSON of `pith clean --json` or `--jsonl`)").into(),
            )
        }
        Err(records) => {
            return Err(format!(
                "{name}: holds {} records; give -o DIR to restore each to its own file in DIR (named from its source)",
                records.len()
            )
            .into())
        }
    };
    let bytes = record.restore().map_err(|e| format!("{name}: cannot restore: {e}"))?;
    match output {
        Some(target) => {
            std::fs::write(target, bytes).map_err(|e| format!("{}: cannot write: {e}", target.display()))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).map_err(stdout_error)?;
            out.flush().map_err(stdout_error)?;
        }
    }
    Ok(code(Tally { done: 1, failed: 0 }))
}

/// Each record to its own file below `dir`, named from its source; all files are planned
/// before the first is written.
fn restore_each(name: &str, records: Vec<pith::Result<Record>>, dir: &Path) -> Run {
    let mut tally = Tally::default();
    let records: Vec<Record> = records
        .into_iter()
        .filter_map(|record| {
            record
                .map_err(|e| {
                    eprintln!("pith: {e}");
                    tally.failed += 1;
                })
                .ok()
        })
        .collect();
    let sources: Vec<&str> = records.iter().map(|r| r.source.as_str()).collect();
    let (mut output_dir, targets) = OutputDir::plan_restore(dir, &sources)?;
    for (record, target) in records.iter().zip(&targets) {
        let bytes = match record.restore() {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("pith: {name}: cannot restore: {e}");
                tally.failed += 1;
                continue;
            }
        };
        match output_dir.write(target, &record.source, &bytes) {
            Ok(()) => tally.done += 1,
            Err(e) => {
                eprintln!("pith: {e}");
                tally.failed += 1;
            }
        }
    }
    Ok(code(tally))
}

/// Each id's fold, and per fold the options that clean with that fold's models.
type FoldOptions = (BTreeMap<String, usize>, BTreeMap<usize, Options>);

/// For `eval --cv`: each id's fold, and the options that clean with that fold's models.
fn fold_options(folds_path: &Path, models_dir: &Path, set: &str, base: &Options) -> Result<FoldOptions, String> {
    let raw = std::fs::read_to_string(folds_path).map_err(|e| format!("{}: cannot read: {e}", folds_path.display()))?;
    let mut folds = BTreeMap::new();
    for line in raw.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if let [row_set, id, _, fold] = cols.as_slice() {
            if *row_set == set {
                let fold: usize = fold
                    .parse()
                    .map_err(|_| format!("{}: bad fold in line {line:?}", folds_path.display()))?;
                folds.insert(id.to_string(), fold);
            }
        }
    }
    if folds.is_empty() {
        return Err(format!("{}: no rows for set {set:?}", folds_path.display()));
    }
    let mut options = BTreeMap::new();
    for fold in folds.values().copied().collect::<std::collections::BTreeSet<_>>() {
        let dir = models_dir.join(format!("fold{fold}"));
        let models = pith::classify::model::Models::from_dir(&dir).map_err(|e| e.to_string())?;
        options.insert(
            fold,
            Options {
                models: Some(std::sync::Arc::new(models)),
                ..base.clone()
            },
        );
    }
    Ok((folds, options))
}

fn eval(
    gold_path: &Path,
    dir: &Path,
    words: bool,
    per_doc: Option<usize>,
    pred_out: Option<PathBuf>,
    cv: Option<(PathBuf, PathBuf, Option<String>)>,
    read: &ReadArgs,
) -> Run {
    let gold_set = pith::eval::GoldSet::read(gold_path, dir)?;
    let options = options(read);
    let (folds, fold_options) = match &cv {
        Some((folds_path, models_dir, set)) => {
            let set = set.clone().unwrap_or_else(|| {
                gold_path
                    .parent()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            fold_options(folds_path, models_dir, &set, &options)?
        }
        None => (BTreeMap::new(), BTreeMap::new()),
    };
    let ids: Vec<&String> = gold_set.gold.keys().collect();
    // Each id's prediction, and whether its page was cleaned (a missing or failing page is
    // scored as an empty prediction, and counted for the exit code).
    let predictions: Vec<(String, String, Option<pith::classify::page_type::PageType>, bool)> = ids
        .par_iter()
        .map(|id| {
            let options = match folds.get(*id) {
                Some(fold) => fold_options.get(fold).unwrap_or(&options),
                None if cv.is_some() => {
                    eprintln!("pith: {id}: not in the folds file; cleaned with the built-in models");
                    &options
                }
                None => &options,
            };
            let (text, page_type, cleaned) = match gold_set.pages.get(*id) {
                Some(path) => match pith::clean_path(path, options) {
                    Ok(record) => (record.text, record.page_type, true),
                    Err(e) => {
                        eprintln!("pith: {e}");
                        (String::new(), None, false)
                    }
                },
                None => {
                    eprintln!("pith: {}: no page for gold id {id}", dir.display());
                    (String::new(), None, false)
                }
            };
            ((*id).clone(), text, page_type, cleaned)
        })
        .collect();
    let cleaned = predictions.iter().filter(|(_, _, _, cleaned)| *cleaned).count() as u64;
    let tally = Tally {
        done: cleaned,
        failed: predictions.len() as u64 - cleaned,
    };
    let docs: BTreeMap<String, (String, String)> = predictions
        .iter()
        .map(|(id, text, _, _)| (id.clone(), (gold_set.body(id).to_string(), text.clone())))
        .collect();
    if let Some(target) = pred_out {
        let map: BTreeMap<&String, serde_json::Value> = predictions
            .iter()
            .map(|(id, text, page_type, _)| (id, serde_json::json!({ "articleBody": text, "page_type": page_type })))
            .collect();
        let json = serde_json::to_string(&map).map_err(|e| e.to_string())?;
        std::fs::write(&target, json).map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    }
    let (summary, mut rows) = if words {
        pith::eval::score_words(&docs)
    } else {
        pith::eval::score_shingles(&docs)
    };
    let mut out = std::io::stdout().lock();
    if let Some(n) = per_doc {
        rows.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
        for row in rows.iter().take(n) {
            writeln!(
                out,
                "{}\tP={:.3}\tR={:.3}\tF1={:.3}",
                row.id, row.precision, row.recall, row.f1
            )
            .map_err(stdout_error)?;
        }
    }
    let summary = serde_json::to_string(&summary).map_err(|e| e.to_string())?;
    writeln!(out, "{summary}").map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(code(tally))
}

/// One page's rows for training.
struct PageRows {
    id: String,
    features: Vec<Vec<f32>>,
    labels: Vec<f32>,
    words: Vec<usize>,
    page: Vec<f32>,
    /// The gold page type.
    kind: String,
    /// The confidence model's features, and the word F1 the extraction reached.
    confidence: Vec<f32>,
    f1: f64,
}

/// `pith train-data`: every block's features and label, and every page's features and type,
/// for `train/train.py`.
fn train_data(
    gold_path: &Path,
    set: &str,
    dir: &Path,
    out: &Path,
    cv: Option<(PathBuf, PathBuf)>,
    read: &ReadArgs,
) -> Run {
    let gold_set = pith::eval::GoldSet::read(gold_path, dir)?;
    let (gold, files) = (&gold_set.gold, &gold_set.pages);
    let options = options(read);
    let (folds, fold_options) = match &cv {
        Some((folds_path, models_dir)) => fold_options(folds_path, models_dir, set, &options)?,
        None => (BTreeMap::new(), BTreeMap::new()),
    };
    let ids: Vec<&String> = gold.keys().collect();
    let pages: Vec<PageRows> = ids
        .par_iter()
        .filter_map(|id| {
            let path = files.get(*id)?;
            let options = folds.get(*id).and_then(|f| fold_options.get(f)).unwrap_or(&options);
            let source = match pith::input::read_path(path, &options.read) {
                Ok(source) => source,
                Err(e) => {
                    eprintln!("pith: {e}");
                    return None;
                }
            };
            let mut analysis = pith::analyse(&source, options);
            let labels = pith::eval::block_labels(gold_set.body(id), &analysis.blocks);
            let words = analysis.decision.signals.iter().map(|s| s.words).collect();
            let page = analysis.page_features.clone();
            // Pages of the news benchmark are all articles.
            let kind = gold
                .get(*id)
                .and_then(|v| v.get("type"))
                .and_then(|v| v.as_str())
                .unwrap_or("article")
                .to_string();
            let decided = pith::decide(&analysis, source.format, options);
            let confidence = decided.confidence_features.clone();
            let features = std::mem::take(&mut analysis.features);
            let text = pith::finish(&source, analysis, decided, options).text;
            let one: BTreeMap<String, (String, String)> =
                [((*id).clone(), (gold_set.body(id).to_string(), text))].into();
            let f1 = pith::eval::score_words(&one).0.f1;
            Some(PageRows {
                id: (*id).clone(),
                features,
                labels,
                words,
                page,
                kind,
                confidence,
                f1,
            })
        })
        .collect();
    let with_ext = |ext: &str| {
        let mut name = out.as_os_str().to_owned();
        name.push(ext);
        PathBuf::from(name)
    };
    let create = |ext: &str| -> Result<std::io::BufWriter<std::fs::File>, String> {
        let path = with_ext(ext);
        std::fs::File::create(&path)
            .map(std::io::BufWriter::new)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    };
    let mut matrix = create(".f32")?;
    let mut page_matrix = create(".pages.f32")?;
    let mut confidence_matrix = create(".conf.f32")?;
    let mut rows = String::from("set\tid\tblock\tlabel\twords\n");
    let mut page_rows = String::from("set\tid\ttype\tf1\n");
    for PageRows {
        id,
        features,
        labels,
        words,
        page,
        kind,
        confidence,
        f1,
    } in &pages
    {
        for (i, (x, label)) in features.iter().zip(labels).enumerate() {
            for v in x {
                matrix.write_all(&v.to_le_bytes()).map_err(|e| e.to_string())?;
            }
            let w = words.get(i).copied().unwrap_or(0);
            rows.push_str(&format!("{set}\t{id}\t{i}\t{label:.4}\t{w}\n"));
        }
        for v in page {
            page_matrix.write_all(&v.to_le_bytes()).map_err(|e| e.to_string())?;
        }
        for v in confidence {
            confidence_matrix
                .write_all(&v.to_le_bytes())
                .map_err(|e| e.to_string())?;
        }
        page_rows.push_str(&format!("{set}\t{id}\t{kind}\t{f1:.4}\n"));
    }
    for m in [&mut matrix, &mut page_matrix, &mut confidence_matrix] {
        m.flush().map_err(|e| e.to_string())?;
    }
    let write = |ext: &str, text: String| std::fs::write(with_ext(ext), text).map_err(|e| e.to_string());
    write(".tsv", rows)?;
    write(".pages.tsv", page_rows)?;
    write(".names", pith::classify::features::names().join("\n") + "\n")?;
    write(".pages.names", pith::classify::page_type::names().join("\n") + "\n")?;
    write(".conf.names", pith::classify::confidence::names().join("\n") + "\n")?;
    eprintln!("pith: {set}: {} pages", pages.len());
    Ok(ExitCode::SUCCESS)
}
