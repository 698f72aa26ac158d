//! Corpus runs: inputs as a stream of jobs (files, JSONL lines, WARC records), cleaned in
//! parallel batches and handed on in input order, and variant grouping and stories over a whole
//! corpus in two passes with bounded memory (`two_pass.rs`).

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Result;
use crate::jsonl::Fields;
use crate::{Options, Record};

/// One unit of work: a file (with the root it was found under), a JSONL line or a WARC record.
pub enum Job {
    Path(PathBuf, crate::Result<PathBuf>),
    /// A JSONL line, named `file:line`, and where it is in its file (None for stdin).
    Line(String, std::io::Result<String>, Option<LineAt>),
    /// A response record of a WARC file, named `file#offset`.
    Warc(String, Result<crate::warc::Response, crate::warc::WarcError>),
}

impl Job {
    /// How to find this input again for a second pass: None for an input that gives its bytes
    /// once (stdin, a FIFO, a process substitution: [`crate::input::reads_again`]) and for a WARC
    /// record; `group` and `stories` spool the records of those to a temporary file instead.
    pub fn locator(&self) -> Option<Locator> {
        match self {
            Job::Path(root, Ok(path)) => {
                crate::input::reads_again(path).then(|| Locator::Path(root.clone(), path.clone()))
            }
            Job::Path(_, Err(_)) => None,
            Job::Line(_, _, at) => at.clone().map(Locator::Line),
            Job::Warc(..) => None,
        }
    }

    /// The input's name as errors give it: its path, `file:line` or `file#offset`.
    pub(crate) fn origin(&self) -> String {
        match self {
            Job::Path(_, Ok(path)) => path.display().to_string(),
            Job::Path(root, Err(_)) => root.display().to_string(),
            Job::Line(origin, ..) | Job::Warc(origin, _) => origin.clone(),
        }
    }
}

/// Where an input can be read again: a file, or a line at a byte offset of a JSONL file.
#[derive(Clone)]
pub enum Locator {
    Path(PathBuf, PathBuf),
    Line(LineAt),
}

/// A line of a JSONL file: the file (shared by all its lines, so that a corpus of millions of
/// lines holds one copy of its name), the line's number and its byte offset.
#[derive(Clone)]
pub struct LineAt {
    pub file: std::sync::Arc<PathBuf>,
    pub number: usize,
    pub offset: u64,
}

impl Locator {
    pub fn job(&self) -> Job {
        match self {
            Locator::Path(root, path) => Job::Path(root.clone(), Ok(path.clone())),
            Locator::Line(at) => {
                let line = read_line_at(&at.file, at.offset);
                Job::Line(format!("{}:{}", at.file.display(), at.number), line, None)
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
pub type Done = crate::Result<(Option<(PathBuf, PathBuf)>, Record)>;

pub fn run_job(job: Job, options: &Options, fields: &crate::jsonl::Fields) -> Done {
    let (place, source, extra) = job_source(job, options, fields)?;
    let mut record = crate::clean_with(&source, options);
    record.extra = extra;
    Ok((place, record))
}

/// Cleans one JSONL line. `origin` names the file and line (`dump.jsonl:17`) for errors and for
/// documents without an id; errors always name the line, never the id.
pub fn clean_line(line: &str, origin: &str, fields: &Fields, options: &Options) -> Result<Record> {
    let (source, extra) = crate::jsonl::read_line(line, origin, fields, &options.read)?;
    let mut record = crate::clean_with(&source, options);
    record.extra = extra;
    Ok(record)
}

/// Cleans one WARC response: the transport's charset and content type decide the decoding and
/// the format; the target URI, date and record id go into provenance with evidence
/// `warc:<header>`.
pub fn clean_response(origin: &str, response: crate::warc::Response, options: &Options) -> Result<Record> {
    let source = crate::warc::response_source(origin, response, &options.read)?;
    Ok(crate::clean_with(&source, options))
}

/// A decoded job: where to mirror it for `-o` (None for JSONL lines and WARC records), its
/// source, and the fields of a JSONL line that pith does not read.
pub type Decoded = (
    Option<(PathBuf, PathBuf)>,
    crate::Source,
    Option<serde_json::Map<String, serde_json::Value>>,
);

/// Reads and decodes one job's input.
pub fn job_source(job: Job, options: &Options, fields: &crate::jsonl::Fields) -> Result<Decoded> {
    match job {
        Job::Path(root, path) => {
            let path = path?;
            let source = crate::input::read_path(&path, &options.read)?;
            Ok((Some((root, path)), source, None))
        }
        Job::Line(origin, line, _) => {
            let line = line.map_err(|cause| crate::Error::Read {
                source_name: origin.clone(),
                cause,
            })?;
            let (source, extra) = crate::jsonl::read_line(&line, &origin, fields, &options.read)?;
            Ok((None, source, extra))
        }
        Job::Warc(origin, response) => {
            let response = response.map_err(|e| crate::Error::BadWarc {
                source_name: origin.clone(),
                offset: e.offset,
                reason: e.message,
            })?;
            Ok((
                None,
                crate::warc::response_source(&origin, response, &options.read)?,
                None,
            ))
        }
    }
}

type LineReader = std::io::BufReader<Box<dyn std::io::Read>>;

/// The lines of the JSONL inputs, each named `file:line` (`-:line` for stdin).
pub fn jsonl_jobs(roots: &[PathBuf]) -> Result<impl Iterator<Item = Job>> {
    jsonl_lines(roots, crate::input::ReadOptions::default().max_bytes)
}

/// A JSONL line may be this many times `--max-bytes` long: JSON writes a character outside
/// ASCII as `\uXXXX` when asked to (Python's default), up to four times its UTF-8 bytes.
const JSONL_ESCAPE_ALLOWANCE: u64 = 4;

/// [`jsonl_jobs`], each line read up to [`JSONL_ESCAPE_ALLOWANCE`] times `max_bytes`; a longer
/// one is skipped (read through, not held) and reported as its line's error.
fn jsonl_lines(roots: &[PathBuf], max_bytes: u64) -> Result<impl Iterator<Item = Job>> {
    let mut readers: Vec<(std::sync::Arc<PathBuf>, LineReader, bool)> = Vec::new();
    for root in roots {
        let opened = crate::jsonl::open(root)?;
        let reader = std::io::BufReader::new(opened.reader);
        readers.push((std::sync::Arc::new(root.clone()), reader, opened.seekable));
    }
    let max_line = max_bytes.saturating_mul(JSONL_ESCAPE_ALLOWANCE);
    Ok(readers
        .into_iter()
        .flat_map(move |(root, reader, seekable)| JsonlLines {
            root,
            reader,
            seekable,
            line: 0,
            offset: 0,
            done: false,
            max_line,
        }))
}

/// The non-blank lines of one JSONL input, with their numbers and byte offsets.
struct JsonlLines {
    root: std::sync::Arc<PathBuf>,
    reader: LineReader,
    /// Whether a line can be read again at its offset (a plain file).
    seekable: bool,
    line: usize,
    offset: u64,
    done: bool,
    /// The longest line held ([`jsonl_lines`]).
    max_line: u64,
}

impl Iterator for JsonlLines {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        use std::io::{BufRead, Read};
        while !self.done {
            let mut buf = Vec::new();
            let start = self.offset;
            let read = (&mut self.reader)
                .take(self.max_line.saturating_add(1))
                .read_until(b'\n', &mut buf);
            self.line += 1;
            let origin = format!("{}:{}", self.root.display(), self.line);
            let seekable = self.seekable.then(|| LineAt {
                file: self.root.clone(),
                number: self.line,
                offset: start,
            });
            match read {
                Ok(0) => self.done = true,
                Ok(n) if n as u64 > self.max_line && !buf.ends_with(b"\n") => {
                    drop(buf);
                    let rest = skip_line(&mut self.reader);
                    self.offset += n as u64 + rest.as_ref().map_or(0, |r| *r);
                    let cause = match rest {
                        Ok(_) => std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            format!(
                                "line of more than {} bytes: over {JSONL_ESCAPE_ALLOWANCE} times the limit of one document (--max-bytes); skipped",
                                self.max_line
                            ),
                        ),
                        Err(e) => {
                            self.done = true;
                            e
                        }
                    };
                    return Some(Job::Line(origin, Err(cause), None));
                }
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

/// Reads through the rest of a line (to its `\n` or the end), holding none of it; how many
/// bytes that was.
fn skip_line(reader: &mut impl std::io::BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(skipped);
        }
        let (used, ends) = match memchr::memchr(b'\n', chunk) {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        reader.consume(used);
        skipped += used as u64;
        if ends {
            return Ok(skipped);
        }
    }
}

/// The jobs for a set of roots: JSONL lines, or files — a WARC file (`.warc`, `.warc.gz`)
/// gives one job per HTML or text response record.
pub fn jobs_for(roots: &[PathBuf], jsonl_in: bool) -> Result<Box<dyn Iterator<Item = Job>>> {
    Listing::new(roots, jsonl_in).jobs()
}

/// The jobs for inputs already listed (by [`expand_with_roots`]): one per file, one per
/// response record of a WARC file (records read up to `max_bytes`).
fn jobs_from(inputs: Vec<(PathBuf, crate::Result<PathBuf>)>, max_bytes: u64) -> Box<dyn Iterator<Item = Job>> {
    Box::new(
        inputs
            .into_iter()
            .flat_map(move |(root, path)| -> Box<dyn Iterator<Item = Job>> {
                match &path {
                    Ok(file) if crate::warc::is_warc_name(file) => Box::new(warc_jobs(file.clone(), max_bytes)),
                    _ => Box::new(std::iter::once(Job::Path(root, path))),
                }
            }),
    )
}

/// The response records of one WARC file as jobs; an unreadable file is one failing job.
pub(crate) fn warc_jobs(file: PathBuf, max_bytes: u64) -> Box<dyn Iterator<Item = Job>> {
    let name = file.display().to_string();
    match std::fs::File::open(&file) {
        Ok(f) => Box::new(
            crate::warc::responses(f, max_bytes)
                .filter(|r| r.as_ref().map_or(true, crate::warc::is_document))
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
            Err(crate::Error::Read {
                source_name: name,
                cause,
            }),
        ))),
    }
}

/// Cleans jobs in parallel batches and hands each result, in input order, to `each`. When
/// `each` breaks (its output was closed), no further job is started: the run stops with the
/// batch in hand (four jobs a thread).
pub fn for_each_cleaned(
    jobs: impl Iterator<Item = Job>,
    pool: &rayon::ThreadPool,
    options: &Options,
    fields: &crate::jsonl::Fields,
    each: impl FnMut(usize, Done) -> ControlFlow<()>,
) {
    for_each_job(jobs, pool, |job| run_job(job, options, fields), each);
}

/// Jobs a thread is given in one batch of a corpus run: a few, so that documents of different
/// sizes even out across threads, and no more, so that a batch's records stay few in memory.
pub const JOBS_PER_THREAD: usize = 4;

/// Runs `work` on jobs in parallel batches and hands each result, in input order, to `each`;
/// a batch is [`JOBS_PER_THREAD`] jobs per thread, so that memory stays bounded however many
/// jobs there are. When `each` breaks (its output was closed), no further job is started: the
/// run stops with the batch in hand.
pub fn for_each_job<T: Send>(
    jobs: impl Iterator<Item = Job>,
    pool: &rayon::ThreadPool,
    work: impl Fn(Job) -> T + Sync,
    mut each: impl FnMut(usize, T) -> ControlFlow<()>,
) {
    let batch = pool.current_num_threads().max(1) * JOBS_PER_THREAD;
    let mut pending = jobs.enumerate().peekable();
    while pending.peek().is_some() {
        let chunk: Vec<(usize, Job)> = pending.by_ref().take(batch).collect();
        let done: Vec<(usize, T)> = pool.install(|| chunk.into_par_iter().map(|(i, job)| (i, work(job))).collect());
        for (i, result) in done {
            if each(i, result).is_break() {
                return;
            }
        }
    }
}

/// Each input with the root it was found under, so `-o` can mirror names below that root; a
/// walk leaves out the folder whose canonical path is `except`, and `skipped` says where it was
/// met ([`crate::input::expand_paths_except`]).
pub(crate) fn expand_with_roots(
    roots: &[PathBuf],
    except: Option<&Path>,
    skipped: &mut Option<PathBuf>,
) -> Vec<(PathBuf, crate::Result<PathBuf>)> {
    let mut out = Vec::new();
    for root in roots {
        let found = crate::input::expand_paths_except(std::slice::from_ref(root), except, skipped);
        out.extend(found.into_iter().map(|p| (root.clone(), p)));
    }
    out
}

/// The inputs of a run, listed before it starts where they can be: the files under the roots
/// given (each with the root it was found under), for a progress bar that knows how many there
/// are and for `-o`, which plans every file before writing one; JSONL is read a line at a time.
pub struct Listing {
    roots: Vec<PathBuf>,
    /// The files, or `None` for JSONL input.
    pub files: Option<Vec<(PathBuf, crate::Result<PathBuf>)>>,
    /// The largest document read ([`crate::input::ReadOptions::max_bytes`]): a WARC record or a
    /// JSONL line past it is refused before it is held whole.
    max_bytes: u64,
    /// Where a walk met the output folder left out ([`Listing::except`]), if it did.
    pub skipped: Option<PathBuf>,
}

impl Listing {
    /// Walks the roots (files, folders, `-` for stdin); JSONL input (`jsonl_in`) is not listed.
    pub fn new(roots: &[PathBuf], jsonl_in: bool) -> Listing {
        Listing::except(roots, jsonl_in, None)
    }

    /// Walks the roots as [`Listing::new`] does, but leaves out the folder `output` (`-o DIR`)
    /// wherever a walk meets it below a folder given (by its canonical path), so that a run
    /// does not read again what an earlier one wrote there; [`Listing::skipped`] says where.
    /// A folder or file given is taken as given, inside `output` or not.
    pub fn except(roots: &[PathBuf], jsonl_in: bool, output: Option<&Path>) -> Listing {
        let except = output.and_then(|o| std::fs::canonicalize(o).ok());
        let mut skipped = None;
        let files = (!jsonl_in).then(|| expand_with_roots(roots, except.as_deref(), &mut skipped));
        Listing {
            roots: roots.to_vec(),
            files,
            max_bytes: crate::input::ReadOptions::default().max_bytes,
            skipped,
        }
    }

    /// Reads documents up to `max_bytes` (`--max-bytes`) from WARC records and JSONL lines too.
    #[must_use]
    pub fn max_bytes(mut self, max_bytes: u64) -> Listing {
        self.max_bytes = max_bytes;
        self
    }

    /// How many documents the run holds, when that is known before it starts: one a file given
    /// or found, unless a WARC file (a document a record) is among them, or the input is JSONL
    /// (a document a line).
    pub fn count(&self) -> Option<u64> {
        let files = self.files.as_ref()?;
        let warc = |p: &crate::Result<PathBuf>| p.as_ref().is_ok_and(|p| crate::warc::is_warc_name(p));
        (!files.iter().any(|(_, p)| warc(p))).then_some(files.len() as u64)
    }

    /// The run's jobs, without walking the folders again.
    pub fn jobs(self) -> Result<Box<dyn Iterator<Item = Job>>> {
        match self.files {
            Some(files) => Ok(jobs_from(files, self.max_bytes)),
            None => Ok(Box::new(jsonl_lines(&self.roots, self.max_bytes)?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::input::Format;

    #[test]
    fn a_line_with_html_id_url_and_extra_fields() {
        let line = r#"{"id": "doc-1", "url": "https://www.example.org/a", "html": "<p>The harbour reopened on Monday after three weeks of repairs to the sea wall.</p>", "crawl": 7}"#;
        let record = clean_line(line, "in.jsonl:1", &Fields::default(), &Options::default());
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(record.source, "doc-1");
        assert_eq!(record.format, Format::Html);
        assert_eq!(record.provenance.url.as_deref(), Some("https://www.example.org/a"));
        assert_eq!(record.provenance.host.as_deref(), Some("example.org"));
        assert_eq!(
            record.extra.as_ref().and_then(|e| e.get("crawl")),
            Some(&Value::from(7))
        );
        assert!(record.text.starts_with("The harbour reopened"));
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let lines = [
            "{not json",
            "[1, 2]",
            r#"{"id": "x"}"#,
            r#"{"id": "x", "text": "a NUL \u0000 in the body"}"#,
        ];
        for line in lines {
            let error = clean_line(line, "in.jsonl:3", &Fields::default(), &Options::default()).err();
            let message = error.map(|e| e.to_string()).unwrap_or_default();
            assert!(message.starts_with("in.jsonl:3: "), "{message}");
        }
    }

    #[test]
    fn a_byte_order_mark_before_the_object_is_read_past() {
        let line = "\u{feff}{\"id\": \"bom\", \"text\": \"The bridge will be closed for repairs from Monday.\"}";
        let record = clean_line(line, "in.jsonl:1", &Fields::default(), &Options::default());
        assert_eq!(record.map(|r| r.source).ok().as_deref(), Some("bom"));
    }
}

mod two_pass;
pub use two_pass::{group_inputs, stories_inputs, GroupSink, StoriesSink};
