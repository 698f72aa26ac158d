//! The `pith` command: parses flags (cli.rs), runs the library, prints, sets the exit code.

mod cli;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use cli::{CleanArgs, Cli, Command, FormatArg, JsonlInArgs, ReadArgs};
use pith::{Format, Options, Record};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean(args),
        Command::Explain { path, read } => explain(&path, &read),
        Command::Diff { a, b, words, read } => diff(&a, &b, words, &read),
        Command::Restore { record, output } => restore(&record, output.as_deref()),
        Command::Stories {
            paths,
            jsonl,
            json,
            jobs,
            input,
            read,
        } => stories(&paths, jsonl, json, jobs, &input, &read),
        Command::Group {
            paths,
            jsonl,
            json,
            threshold,
            jobs,
            input,
            read,
        } => group(&paths, jsonl, json, threshold, jobs, &input, &read),
        Command::Eval {
            gold,
            dir,
            words,
            per_doc,
            pred_out,
            read,
        } => eval(&gold, &dir, words, per_doc, pred_out, &read),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("pith: {message}");
            ExitCode::from(2)
        }
    }
}

fn options(read: &ReadArgs) -> Options {
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
        },
        boilerplate: None,
    }
}

/// One unit of work for `clean`: a file (with the root it was found under) or a JSONL line.
enum Job {
    Path(PathBuf, pith::Result<PathBuf>),
    /// A JSONL line, named `file:line`, and where it starts in its file (None for stdin).
    Line(String, std::io::Result<String>, Option<(PathBuf, u64)>),
    /// A response record of a WARC file, named `file#offset`.
    Warc(String, Result<pith::warc::Response, pith::warc::WarcError>),
}

impl Job {
    /// How to find this input again for a second pass (None for stdin).
    fn locator(&self) -> Option<Locator> {
        match self {
            Job::Path(root, Ok(path)) => Some(Locator::Path(root.clone(), path.clone())),
            Job::Path(_, Err(_)) => None,
            Job::Line(origin, _, at) => at
                .as_ref()
                .map(|(file, offset)| Locator::Line(origin.clone(), file.clone(), *offset)),
            // WARC records are not read back: their bodies stay in memory for `group`.
            Job::Warc(..) => None,
        }
    }
}

/// Where an input can be read again: a file, or a line at a byte offset of a JSONL file.
#[derive(Clone)]
enum Locator {
    Path(PathBuf, PathBuf),
    Line(String, PathBuf, u64),
}

impl Locator {
    fn job(&self) -> Job {
        match self {
            Locator::Path(root, path) => Job::Path(root.clone(), Ok(path.clone())),
            Locator::Line(origin, file, offset) => {
                let line = read_line_at(file, *offset);
                Job::Line(origin.clone(), line, None)
            }
        }
    }
}

fn read_line_at(file: &Path, offset: u64) -> std::io::Result<String> {
    use std::io::{BufRead, Seek};
    let mut reader = std::io::BufReader::new(std::fs::File::open(file)?);
    reader.seek(std::io::SeekFrom::Start(offset))?;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    Ok(line)
}

/// A cleaned job: the record, and where to mirror it for `-o` (None for JSONL lines).
type Done = pith::Result<(Option<(PathBuf, PathBuf)>, Record)>;

fn run_job(job: Job, options: &Options, fields: &pith::jsonl::Fields) -> Done {
    match job {
        Job::Path(root, path) => {
            let path = path?;
            let record = pith::clean_path(&path, options)?;
            Ok((Some((root, path)), record))
        }
        Job::Line(origin, line, _) => {
            let line = line.map_err(|e| pith::Error::Other {
                source_name: origin.clone(),
                message: e.to_string(),
            })?;
            Ok((None, pith::jsonl::clean_line(&line, &origin, fields, options)?))
        }
        Job::Warc(origin, response) => {
            let response = response.map_err(|e| pith::Error::Other {
                source_name: origin.clone(),
                message: e.to_string(),
            })?;
            Ok((None, pith::warc::clean_response(&origin, response, options)?))
        }
    }
}

fn clean(args: CleanArgs) -> Result<ExitCode, String> {
    let mut options = options(&args.read);
    let fields = pith::jsonl::Fields {
        id: args.input.id_field.clone(),
        url: args.input.url_field.clone(),
        html: args.input.html_field.clone(),
        text: args.input.text_field.clone(),
    };
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    if let Some(model_path) = &args.boilerplate {
        let raw =
            std::fs::read_to_string(model_path).map_err(|e| format!("{}: cannot read: {e}", model_path.display()))?;
        let model: pith::boilerplate::Model = serde_json::from_str(&raw)
            .map_err(|e| format!("{}: not a boilerplate model: {e}", model_path.display()))?;
        options.boilerplate = Some(std::sync::Arc::new(model));
    }
    if let Some(model_path) = &args.learn {
        if roots.iter().any(|r| r.as_os_str() == "-") {
            return Err("--learn reads the inputs twice, so it needs files, not stdin".into());
        }
        let model = learn(&args, &roots, &options, &fields)?;
        let json = serde_json::to_string_pretty(&model).map_err(|e| e.to_string())?;
        std::fs::write(model_path, json).map_err(|e| format!("{}: cannot write: {e}", model_path.display()))?;
        options.boilerplate = Some(std::sync::Arc::new(model));
    }
    // The number of inputs is known up front for plain files (for the progress bar).
    let plain_files = (!args.input.jsonl_in)
        .then(|| expand_with_roots(&roots))
        .filter(|inputs| {
            !inputs
                .iter()
                .any(|(_, p)| p.as_ref().is_ok_and(|p| pith::warc::is_warc_name(p)))
        });
    let known = plain_files.map(|inputs| inputs.len() as u64);
    let jobs = jobs_for(&roots, args.input.jsonl_in)?;
    let several = known.is_none_or(|n| n > 1);
    let progress = progress_bar(known);
    let started = std::time::Instant::now();
    let (mut documents, mut errors, mut bytes) = (0u64, 0u64, 0u64);
    let mut records = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    // Inputs are cleaned in parallel a batch at a time and written in input order, so the
    // output is the same bytes whatever the number of threads, and memory stays bounded.
    let batch = pool.current_num_threads().max(1) * 4;
    let mut pending = jobs.peekable();
    while pending.peek().is_some() {
        let chunk: Vec<Job> = pending.by_ref().take(batch).collect();
        let cleaned: Vec<Done> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|job| run_job(job, &options, &fields))
                .collect()
        });
        for done in cleaned {
            progress.inc(1);
            let (place, record) = match done {
                Ok(done) => done,
                Err(e) => {
                    progress.suspend(|| eprintln!("pith: {e}"));
                    errors += 1;
                    continue;
                }
            };
            documents += 1;
            bytes += record.segments.last().map_or(0, |s| s.end) as u64;
            for warning in &record.warnings {
                progress.suspend(|| eprintln!("pith: {}: warning: {warning}", record.source));
            }
            if let Some(dir) = &args.output {
                let ext = if args.json || args.jsonl {
                    "json"
                } else if args.markdown {
                    "md"
                } else {
                    "txt"
                };
                let target = match &place {
                    Some((root, path)) => mirror_path(dir, root, path, ext),
                    None => dir.join(format!("{}.{ext}", safe_name(&record.source))),
                };
                let written = target
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|_| std::fs::write(&target, render_one(&record, &args)));
                if let Err(e) = written {
                    eprintln!("pith: {}: cannot write: {e}", target.display());
                    errors += 1;
                }
                continue;
            }
            if args.json {
                records.push(record);
                continue;
            }
            let text = render_one(&record, &args);
            let write = if several && !args.jsonl {
                write!(out, "==> {} <==\n{}\n", record.source, text)
            } else {
                out.write_all(text.as_bytes())
            };
            write.map_err(|e| format!("cannot write to stdout: {e}"))?;
        }
    }
    progress.finish_and_clear();
    if args.json && args.output.is_none() {
        let json = if records.len() == 1 && !several {
            records.first().map(pith::render::json_pretty).unwrap_or_default()
        } else {
            serde_json::to_string_pretty(&records).map_err(|e| e.to_string())?
        };
        writeln!(out, "{json}").map_err(|e| format!("cannot write to stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write to stdout: {e}"))?;
    if several {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "pith: {documents} documents, {bytes} bytes, {errors} errors, {seconds:.2} s, {:.1} MB/s",
            bytes as f64 / 1e6 / seconds.max(1e-9)
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The learning pass of `--learn`: clean every input and count each outlet's blocks.
fn learn(
    args: &CleanArgs,
    roots: &[PathBuf],
    options: &Options,
    fields: &pith::jsonl::Fields,
) -> Result<pith::boilerplate::Model, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let mut learner = pith::boilerplate::Learner::default();
    // Errors are reported by the cleaning pass that follows.
    for_each_cleaned(
        jobs_for(roots, args.input.jsonl_in)?,
        &pool,
        options,
        fields,
        |_, done| {
            if let Ok((_, record)) = done {
                learner.add(&record);
            }
        },
    );
    Ok(learner.finish(args.min_repeats))
}

/// The lines of the JSONL inputs, each named `file:line` (`-:line` for stdin).
fn jsonl_jobs(roots: &[PathBuf]) -> Result<impl Iterator<Item = Job>, String> {
    let mut readers: Vec<(PathBuf, std::io::BufReader<Box<dyn std::io::Read>>)> = Vec::new();
    for root in roots {
        let reader: Box<dyn std::io::Read> = if root.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(root).map_err(|e| format!("{}: cannot read: {e}", root.display()))?)
        };
        readers.push((root.clone(), std::io::BufReader::new(reader)));
    }
    Ok(readers.into_iter().flat_map(|(root, reader)| JsonlLines {
        root,
        reader,
        line: 0,
        offset: 0,
        done: false,
    }))
}

/// The non-blank lines of one JSONL input, with their numbers and byte offsets.
struct JsonlLines {
    root: PathBuf,
    reader: std::io::BufReader<Box<dyn std::io::Read>>,
    line: usize,
    offset: u64,
    done: bool,
}

impl Iterator for JsonlLines {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        use std::io::BufRead;
        while !self.done {
            let mut buf = Vec::new();
            let start = self.offset;
            let read = self.reader.read_until(b'\n', &mut buf);
            self.line += 1;
            let origin = format!("{}:{}", self.root.display(), self.line);
            let seekable = (self.root.as_os_str() != "-").then(|| (self.root.clone(), start));
            match read {
                Ok(0) => self.done = true,
                Ok(n) => {
                    self.offset += n as u64;
                    let line = String::from_utf8(buf)
                        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "line is not UTF-8"));
                    if line.as_ref().is_ok_and(|l| l.trim().is_empty()) {
                        continue;
                    }
                    return Some(Job::Line(origin, line, seekable));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Job::Line(origin, Err(e), None));
                }
            }
        }
        None
    }
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(total: Option<u64>) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    let style = indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} documents {per_sec} [{elapsed}]");
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

/// A document id as a file name: path separators and other awkward characters become `_`.
fn safe_name(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The jobs for a set of roots: JSONL lines, or files — a WARC file (`.warc`, `.warc.gz`)
/// gives one job per HTML or text response record.
fn jobs_for(roots: &[PathBuf], jsonl_in: bool) -> Result<Box<dyn Iterator<Item = Job>>, String> {
    Ok(if jsonl_in {
        Box::new(jsonl_jobs(roots)?)
    } else {
        Box::new(
            expand_with_roots(roots)
                .into_iter()
                .flat_map(|(root, path)| -> Box<dyn Iterator<Item = Job>> {
                    match &path {
                        Ok(file) if pith::warc::is_warc_name(file) => Box::new(warc_jobs(file.clone())),
                        _ => Box::new(std::iter::once(Job::Path(root, path))),
                    }
                }),
        )
    })
}

/// The response records of one WARC file as jobs; an unreadable file is one failing job.
fn warc_jobs(file: PathBuf) -> Box<dyn Iterator<Item = Job>> {
    let name = file.display().to_string();
    match std::fs::File::open(&file) {
        Ok(f) => Box::new(
            pith::warc::responses(f, pith::input::ReadOptions::default().max_bytes)
                .filter(|r| r.as_ref().map_or(true, pith::warc::is_document))
                .map(move |r| {
                    let offset = match &r {
                        Ok(response) => response.offset,
                        Err(e) => e.offset,
                    };
                    Job::Warc(format!("{name}#{offset}"), r)
                }),
        ),
        Err(cause) => Box::new(std::iter::once(Job::Path(
            file,
            Err(pith::Error::Read {
                source_name: name,
                cause,
            }),
        ))),
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

/// Cleans jobs in parallel batches and hands each result, in input order, to `each`.
fn for_each_cleaned(
    jobs: impl Iterator<Item = Job>,
    pool: &rayon::ThreadPool,
    options: &Options,
    fields: &pith::jsonl::Fields,
    mut each: impl FnMut(usize, Done),
) {
    let batch = pool.current_num_threads().max(1) * 4;
    let mut pending = jobs.enumerate().peekable();
    while pending.peek().is_some() {
        let chunk: Vec<(usize, Job)> = pending.by_ref().take(batch).collect();
        let cleaned: Vec<(usize, Done)> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|(i, job)| (i, run_job(job, options, fields)))
                .collect()
        });
        for (i, done) in cleaned {
            each(i, done);
        }
    }
}

/// `pith group`. The first pass keeps only a signature per document in memory and spools each
/// record's provenance to a temporary file; the second reads the spool back a few groups at a
/// time, cleans again only the members of groups of two or more (for their diffs; from stdin
/// the bodies are spooled instead) and writes each group as soon as it is built.
fn group(
    paths: &[PathBuf],
    jsonl: bool,
    json: bool,
    threshold: f32,
    jobs: Option<usize>,
    input: &JsonlInArgs,
    read: &ReadArgs,
) -> Result<ExitCode, String> {
    use std::io::{BufRead, Seek};
    let options = options(read);
    let fields = fields_of(input);
    let roots = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let spool_error = |e: std::io::Error| format!("cannot use a temporary file: {e}");
    let mut spool = std::io::BufWriter::new(tempfile::tempfile().map_err(spool_error)?);
    let mut spooled: Vec<u64> = Vec::new();
    let mut spool_at = 0u64;
    let mut spool_failed: Option<std::io::Error> = None;
    let mut failed = false;
    let mut signatures = Vec::new();
    // Filled as jobs are read, looked at as they are done (never at the same time).
    let locators: std::cell::RefCell<Vec<Option<Locator>>> = std::cell::RefCell::new(Vec::new());
    let mut job_of_record: Vec<usize> = Vec::new();
    let first_pass = jobs_for(&roots, input.jsonl_in)?.inspect(|job| locators.borrow_mut().push(job.locator()));
    for_each_cleaned(first_pass, &pool, &options, &fields, |job, done| match done {
        Ok((_, mut record)) => {
            signatures.push(pith::group::signature(&record.text));
            record.segments = Vec::new();
            // A body that can be read again is not kept; others (stdin, WARC) are spooled.
            if locators.borrow().get(job).is_some_and(Option::is_some) {
                record.text = String::new();
            }
            let line = serde_json::to_string(&record).unwrap_or_default() + "\n";
            if let Err(e) = spool.write_all(line.as_bytes()) {
                spool_failed.get_or_insert(e);
            }
            spooled.push(spool_at);
            spool_at += line.len() as u64;
            job_of_record.push(job);
        }
        Err(e) => {
            eprintln!("pith: {e}");
            failed = true;
        }
    });
    if let Some(e) = spool_failed {
        return Err(spool_error(e));
    }
    let clusters = pith::group::cluster(&signatures, pith::group::GroupOptions { threshold });
    drop(signatures);
    let locators = locators.into_inner();
    let mut spool = std::io::BufReader::new(spool.into_inner().map_err(|e| spool_error(e.into_error()))?);
    let mut load = |at: u64| -> Result<Record, String> {
        spool.seek(std::io::SeekFrom::Start(at)).map_err(spool_error)?;
        let mut line = String::new();
        spool.read_line(&mut line).map_err(spool_error)?;
        serde_json::from_str(&line).map_err(|e| format!("temporary file damaged: {e}"))
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut first = true;
    let batch = pool.current_num_threads().max(1) * 8;
    let mut pending = clusters.iter().peekable();
    while pending.peek().is_some() {
        // A few groups at a time: their members are all that is held.
        let mut chunk = Vec::new();
        let mut size = 0;
        while let Some(members) = pending.peek() {
            if size > 0 && size + members.len() > batch {
                break;
            }
            size += members.len();
            chunk.extend(pending.next());
        }
        let mut loaded: Vec<Vec<Record>> = Vec::with_capacity(chunk.len());
        for members in &chunk {
            let records = members.iter().filter_map(|r| spooled.get(*r)).map(|at| load(*at));
            loaded.push(records.collect::<Result<Vec<Record>, String>>()?);
        }
        // Copies need their bodies back, for the diffs.
        let reread: Vec<((usize, usize), Job)> = chunk
            .iter()
            .enumerate()
            .filter(|(_, members)| members.len() > 1)
            .flat_map(|(g, members)| members.iter().enumerate().map(move |(m, r)| ((g, m), *r)))
            .filter(|((g, m), _)| {
                loaded
                    .get(*g)
                    .and_then(|l| l.get(*m))
                    .is_some_and(|r| r.text.is_empty())
            })
            .filter_map(|(at, r)| Some((at, locators.get(*job_of_record.get(r)?)?.as_ref()?.job())))
            .collect();
        let bodies: Vec<((usize, usize), String)> = pool.install(|| {
            reread
                .into_par_iter()
                .map(|(at, job)| {
                    (
                        at,
                        run_job(job, &options, &fields)
                            .map(|(_, rec)| rec.text)
                            .unwrap_or_default(),
                    )
                })
                .collect()
        });
        for ((g, m), text) in bodies {
            if let Some(record) = loaded.get_mut(g).and_then(|l| l.get_mut(m)) {
                record.text = text;
            }
        }
        for records in loaded {
            let all: Vec<usize> = (0..records.len()).collect();
            let group = pith::group::build_group(&records, &all);
            let written = if jsonl {
                writeln!(out, "{}", serde_json::to_string(&group).unwrap_or_default())
            } else if json {
                let sep = if first { "[\n" } else { ",\n" };
                write!(out, "{sep}{}", serde_json::to_string_pretty(&group).unwrap_or_default())
            } else {
                write!(out, "{}", pith::render::groups(std::slice::from_ref(&group)))
            };
            first = false;
            written.map_err(|e| format!("cannot write to stdout: {e}"))?;
        }
    }
    if json {
        writeln!(out, "{}", if first { "[]" } else { "\n]" }).map_err(|e| format!("cannot write to stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write to stdout: {e}"))?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `pith stories`: variant groups first (one article per group), then stories over them. The
/// bodies are held in memory: quotes are compared across a story's articles.
fn stories(
    paths: &[PathBuf],
    jsonl: bool,
    json: bool,
    jobs: Option<usize>,
    input: &JsonlInArgs,
    read: &ReadArgs,
) -> Result<ExitCode, String> {
    let options = options(read);
    let fields = fields_of(input);
    let roots = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let mut failed = false;
    let mut records = Vec::new();
    for_each_cleaned(
        jobs_for(&roots, input.jsonl_in)?,
        &pool,
        &options,
        &fields,
        |_, done| match done {
            Ok((_, mut record)) => {
                record.segments = Vec::new();
                record.markdown = String::new();
                records.push(record);
            }
            Err(e) => {
                eprintln!("pith: {e}");
                failed = true;
            }
        },
    );
    let groups = pith::group::group(&records, pith::group::GroupOptions::default());
    let stories = pith::stories::stories(&records, &groups, pith::stories::StoryOptions::default());
    let text = if jsonl {
        stories
            .iter()
            .map(|s| serde_json::to_string(s).unwrap_or_default() + "\n")
            .collect::<String>()
    } else if json {
        serde_json::to_string_pretty(&stories).map_err(|e| e.to_string())? + "\n"
    } else {
        pith::render::stories(&stories)
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    out.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    out.flush().map_err(|e| format!("cannot write to stdout: {e}"))?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn render_one(record: &Record, args: &CleanArgs) -> String {
    if args.jsonl {
        format!("{}\n", pith::render::json_line(record))
    } else if args.json {
        format!("{}\n", pith::render::json_pretty(record))
    } else if args.markdown {
        record.markdown.clone()
    } else {
        record.text.clone()
    }
}

/// Each input with the root it was found under, so `-o` can mirror names below that root.
fn expand_with_roots(roots: &[PathBuf]) -> Vec<(PathBuf, pith::Result<PathBuf>)> {
    roots
        .iter()
        .flat_map(|root| {
            pith::input::expand_paths(std::slice::from_ref(root))
                .into_iter()
                .map(move |p| (root.clone(), p))
        })
        .collect()
}

fn mirror_path(dir: &Path, root: &Path, path: &Path, ext: &str) -> PathBuf {
    if path.as_os_str() == "-" {
        return dir.join(format!("stdin.{ext}"));
    }
    let relative = if root.is_dir() {
        path.strip_prefix(root).unwrap_or(path)
    } else {
        Path::new(path.file_name().unwrap_or_default())
    };
    let mut target = dir.join(relative);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.set_file_name(format!("{name}.{ext}"));
    target
}

fn explain(path: &Path, read: &ReadArgs) -> Result<ExitCode, String> {
    let record = pith::clean_path(path, &options(read)).map_err(|e| e.to_string())?;
    let mut out = anstream::stdout();
    let color = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    write!(out, "{}", pith::render::explain(&record, color)).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

fn diff(a: &Path, b: &Path, words: bool, read: &ReadArgs) -> Result<ExitCode, String> {
    let options = options(read);
    let left = pith::clean_path(a, &options).map_err(|e| e.to_string())?;
    let right = pith::clean_path(b, &options).map_err(|e| e.to_string())?;
    let d = pith::diff::diff(&left, &right, words);
    let mut out = std::io::stdout().lock();
    let mut text = d.rendered.clone();
    if !d.provenance.is_empty() {
        text.push_str("\nprovenance:\n");
        for (field, x, y) in &d.provenance {
            text.push_str(&format!("  {field}: {x} → {y}\n"));
        }
    }
    text.push_str(&format!("similarity: {:.3}\n", d.ratio));
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(if d.identical {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn restore(path: &Path, output: Option<&Path>) -> Result<ExitCode, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let record: Record = serde_json::from_str(raw.trim())
        .or_else(|_| {
            // A file of several records (an array) restores its first; JSONL its first line.
            serde_json::from_str::<Vec<Record>>(raw.trim())
                .ok()
                .and_then(|v| v.into_iter().next())
                .or_else(|| raw.lines().next().and_then(|l| serde_json::from_str(l).ok()))
                .ok_or(())
        })
        .map_err(|_| {
            format!(
                "{}: not a pith record (expected the JSON of `pith clean --json`)",
                path.display()
            )
        })?;
    let bytes = record.restore().map_err(|e| e.to_string())?;
    match output {
        Some(target) => {
            std::fs::write(target, bytes).map_err(|e| format!("{}: cannot write: {e}", target.display()))?
        }
        None => std::io::stdout().lock().write_all(&bytes).map_err(|e| e.to_string())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn eval(
    gold_path: &Path,
    dir: &Path,
    words: bool,
    per_doc: Option<usize>,
    pred_out: Option<PathBuf>,
    read: &ReadArgs,
) -> Result<ExitCode, String> {
    let raw = std::fs::read_to_string(gold_path).map_err(|e| format!("{}: cannot read: {e}", gold_path.display()))?;
    let gold: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&raw).map_err(|e| format!("{}: not a gold file: {e}", gold_path.display()))?;
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: cannot read: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((id, _)) = name.split_once('.') {
            files.insert(id.to_string(), entry.path());
        }
    }
    let options = options(read);
    let ids: Vec<&String> = gold.keys().collect();
    let predictions: Vec<(String, String)> = ids
        .par_iter()
        .map(|id| {
            let text = match files.get(*id) {
                Some(path) => match pith::clean_path(path, &options) {
                    Ok(record) => record.text,
                    Err(e) => {
                        eprintln!("pith: {e}");
                        String::new()
                    }
                },
                None => {
                    eprintln!("pith: {}: no page for gold id {id}", dir.display());
                    String::new()
                }
            };
            ((*id).clone(), text)
        })
        .collect();
    let docs: BTreeMap<String, (String, String)> = predictions
        .iter()
        .map(|(id, text)| {
            let g = gold
                .get(id)
                .and_then(|v| v.get("articleBody"))
                .and_then(|v| v.as_str())
                .unwrap_or("");
            (id.clone(), (g.to_string(), text.clone()))
        })
        .collect();
    if let Some(target) = pred_out {
        let map: BTreeMap<&String, serde_json::Value> = predictions
            .iter()
            .map(|(id, text)| (id, serde_json::json!({ "articleBody": text })))
            .collect();
        let json = serde_json::to_string(&map).map_err(|e| e.to_string())?;
        std::fs::write(&target, json).map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    }
    let (summary, mut rows) = if words {
        pith::eval::score_words(&docs)
    } else {
        pith::eval::score_shingles(&docs)
    };
    if let Some(n) = per_doc {
        rows.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
        for row in rows.iter().take(n) {
            println!(
                "{}\tP={:.3}\tR={:.3}\tF1={:.3}",
                row.id, row.precision, row.recall, row.f1
            );
        }
    }
    println!("{}", serde_json::to_string(&summary).map_err(|e| e.to_string())?);
    Ok(ExitCode::SUCCESS)
}
