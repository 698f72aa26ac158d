//! Corpus runs: inputs as a stream of jobs (files, JSONL lines, WARC records), cleaned in
//! parallel batches and handed on in input order, and variant grouping and stories over a whole
//! corpus in two passes with bounded memory.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::group::{Group, GroupOptions, Signature};
use crate::jsonl::Fields;
use crate::stories::{Digest, Plan, Story, StoryOptions};
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
    fn origin(&self) -> String {
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

/// What a `pith group` run tells its caller as it goes.
pub trait GroupSink {
    /// An input of the first pass was cleaned (its record, whole), or why it failed.
    fn seen(&mut self, result: std::result::Result<&Record, &Error>);
    /// A member of a group of two or more could not be read again for the group's diffs (it was
    /// removed or changed since the first pass, or reading it failed): it is left out of its
    /// group, which is written without it.
    fn lost(&mut self, error: &Error);
    /// The next group, in the order of its first member, with its members' records in member
    /// order (their bodies are there for groups of two or more; a singleton's may be empty).
    fn group(&mut self, group: &Group, members: &[&Record]) -> std::io::Result<()>;
}

/// Groups the documents of `jobs` (`pith group`) and hands each group to `sink` as soon as it is
/// built. The first pass keeps only a signature per document in memory and spools each record's
/// provenance to a temporary file (with its body, for an input that cannot be read again: stdin,
/// a FIFO, a WARC record); the second reads the spool back a few groups at a time and cleans
/// again only the members of groups of two or more whose bodies were not spooled (for their
/// diffs). A member that cannot be read again, or whose bytes changed, goes to
/// [`GroupSink::lost`]. An error from [`GroupSink::group`] ends the run at once, as
/// [`Error::Write`] (a closed pipe: [`Error::is_closed_pipe`]).
pub fn group_inputs(
    jobs: impl Iterator<Item = Job>,
    fields: &Fields,
    options: &Options,
    pool: &rayon::ThreadPool,
    group_options: GroupOptions,
    sink: &mut impl GroupSink,
) -> Result<()> {
    use std::io::{BufRead, Seek, Write};
    let spool_error = |cause: std::io::Error| Error::TempFile {
        command: "pith group".into(),
        cause,
    };
    let mut spool = std::io::BufWriter::new(tempfile::tempfile().map_err(spool_error)?);
    let mut spooled: Vec<u64> = Vec::new();
    let mut spool_at = 0u64;
    let mut spool_failed: Option<std::io::Error> = None;
    let mut signatures = Vec::new();
    // Filled as jobs are read, looked at as they are done (never at the same time).
    let locators: std::cell::RefCell<Vec<Option<Locator>>> = std::cell::RefCell::new(Vec::new());
    let mut job_of_record: Vec<usize> = Vec::new();
    let first_pass = jobs.inspect(|job| locators.borrow_mut().push(job.locator()));
    for_each_cleaned(first_pass, pool, options, fields, |job, done| {
        match done {
            Ok((_, mut record)) => {
                sink.seen(Ok(&record));
                signatures.push(crate::group::signature(&record.text));
                record.segments = Vec::new();
                // A body that can be read again is not kept; others (stdin, FIFOs, WARC) are spooled.
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
            Err(e) => sink.seen(Err(&e)),
        }
        ControlFlow::Continue(())
    });
    if let Some(e) = spool_failed {
        return Err(spool_error(e));
    }
    let clusters = crate::group::cluster(&signatures, group_options);
    drop(signatures);
    let locators = locators.into_inner();
    let mut spool = std::io::BufReader::new(spool.into_inner().map_err(|e| spool_error(e.into_error()))?);
    let mut load = |at: u64| -> Result<Record> {
        spool.seek(std::io::SeekFrom::Start(at)).map_err(spool_error)?;
        let mut line = String::new();
        spool.read_line(&mut line).map_err(spool_error)?;
        serde_json::from_str(&line).map_err(|e| spool_error(std::io::Error::other(e)))
    };
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
            loaded.push(records.collect::<Result<Vec<Record>>>()?);
        }
        // Copies need their bodies back, for the diffs.
        let reread: Vec<((usize, usize), Job, u64)> = chunk
            .iter()
            .enumerate()
            .filter(|(_, members)| members.len() > 1)
            .flat_map(|(g, members)| members.iter().enumerate().map(move |(m, r)| ((g, m), *r)))
            .filter_map(|((g, m), r)| {
                let record = loaded.get(g)?.get(m).filter(|record| record.text.is_empty())?;
                let job = locators.get(*job_of_record.get(r)?)?.as_ref()?.job();
                Some(((g, m), job, bytes_key(&record.provenance.input_sha256)))
            })
            .collect();
        let bodies: Vec<((usize, usize), Result<String>)> = pool.install(|| {
            reread
                .into_par_iter()
                .map(|(at, job, first)| (at, read_again(job, first, options, fields).map(|record| record.text)))
                .collect()
        });
        let mut lost: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
        for ((g, m), body) in bodies {
            match body {
                Ok(text) => {
                    if let Some(record) = loaded.get_mut(g).and_then(|l| l.get_mut(m)) {
                        record.text = text;
                    }
                }
                Err(e) => {
                    sink.lost(&e);
                    lost.insert((g, m));
                }
            }
        }
        for (g, records) in loaded.into_iter().enumerate() {
            let records: Vec<Record> = records
                .into_iter()
                .enumerate()
                .filter(|(m, _)| !lost.contains(&(g, *m)))
                .map(|(_, record)| record)
                .collect();
            if records.is_empty() {
                continue;
            }
            let all: Vec<usize> = (0..records.len()).collect();
            let members = crate::group::in_member_order(&records, &all);
            let group = crate::group::group_of(&members);
            sink.group(&group, &members).map_err(|cause| Error::Write {
                target: "stdout".into(),
                cause,
            })?;
        }
    }
    Ok(())
}

/// Cleans a document of the first pass again, for the second: an error when it cannot be read
/// again or its bytes are no longer those the first pass read (`first`, their [`bytes_key`]).
fn read_again(job: Job, first: u64, options: &Options, fields: &Fields) -> Result<Record> {
    let origin = job.origin();
    let (_, record) = run_job(job, options, fields)?;
    if bytes_key(&record.provenance.input_sha256) != first {
        return Err(Error::Changed { source_name: origin });
    }
    Ok(record)
}

/// What the second pass checks a document's bytes against: a hash of their SHA-256, 8 bytes a
/// document held through the run (not the 64 of its hex digits).
fn bytes_key(input_sha256: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(input_sha256.as_bytes())
}

/// What a `pith stories` run tells its caller as it goes.
pub trait StoriesSink {
    /// An input of the first pass was cleaned (its record, whole), or why it failed.
    fn seen(&mut self, result: std::result::Result<&Record, &Error>);
    /// The first pass is over; the stories of these many documents are being found.
    fn finding(&mut self, documents: usize);
    /// A document has a source an earlier one has too; its stories call it `name`.
    fn renamed(&mut self, source: &str, name: &str);
    /// A document of a story of several articles could not be read again for the story's terms
    /// and quotes (it was removed or changed since the first pass, or reading it failed): the
    /// story is written without its body.
    fn lost(&mut self, error: &Error);
    /// The next story, in the order of its first article.
    fn story(&mut self, story: &Story) -> std::io::Result<()>;
}

/// Finds the stories of the documents of `jobs` (`pith stories`) and hands them to `sink`. The
/// first pass keeps a [`Digest`] and a grouping signature per document, never its body (a record
/// read from an input that cannot be read again, such as stdin or a WARC file, is spooled to a
/// temporary file); the stories are found from those; the second pass cleans again only the
/// documents of stories of several articles, a few stories at a time, and hands on each story as
/// soon as it is built (a document that cannot be read again, or whose bytes changed, goes to
/// [`StoriesSink::lost`]). The work is spread over `pool`, and the stories are the same whatever
/// its size. An error from [`StoriesSink::story`] ends the run at once, as [`Error::Write`].
pub fn stories_inputs(
    jobs: impl Iterator<Item = Job>,
    fields: &Fields,
    options: &Options,
    pool: &rayon::ThreadPool,
    story_options: StoryOptions,
    sink: &mut impl StoriesSink,
) -> Result<()> {
    use std::io::{BufRead, Seek, Write};
    let spool_error = |cause: std::io::Error| Error::TempFile {
        command: "pith stories".into(),
        cause,
    };
    let mut spool: Option<std::io::BufWriter<std::fs::File>> = None;
    let mut spool_at = 0u64;
    let mut spool_failed: Option<std::io::Error> = None;
    let mut digests: Vec<Digest> = Vec::new();
    let mut signatures: Vec<Signature> = Vec::new();
    // Where each document can be read again: its job, or its place in the spool.
    let mut again: Vec<Again> = Vec::new();
    // Filled as jobs are read, looked at as they are done (never at the same time).
    let locators: std::cell::RefCell<Vec<Option<Locator>>> = std::cell::RefCell::new(Vec::new());
    let first_pass = jobs.inspect(|job| locators.borrow_mut().push(job.locator()));
    let digest = |job: Job| {
        run_job(job, options, fields).map(|(_, record)| {
            let signature = crate::group::signature(&record.text);
            (Digest::of(&record), signature, record)
        })
    };
    for_each_job(first_pass, pool, digest, |job, done| {
        match done {
            Ok((digest, signature, mut record)) => {
                sink.seen(Ok(&record));
                digests.push(digest);
                signatures.push(signature);
                match locators.borrow_mut().get_mut(job).and_then(Option::take) {
                    Some(locator) => again.push(Again::Job(locator, bytes_key(&record.provenance.input_sha256))),
                    None => {
                        // Stdin, FIFOs and WARC records cannot be read again: their records are spooled.
                        record.segments = Vec::new();
                        record.markdown = String::new();
                        record.paragraphs = Vec::new();
                        let line = serde_json::to_string(&record).unwrap_or_default() + "\n";
                        let written = match &mut spool {
                            Some(spool) => spool.write_all(line.as_bytes()),
                            None => tempfile::tempfile().and_then(|file| {
                                let mut writer = std::io::BufWriter::new(file);
                                writer.write_all(line.as_bytes())?;
                                spool = Some(writer);
                                Ok(())
                            }),
                        };
                        if let Err(e) = written {
                            spool_failed.get_or_insert(e);
                        }
                        again.push(Again::Spool(spool_at));
                        spool_at += line.len() as u64;
                    }
                }
            }
            Err(e) => sink.seen(Err(&e)),
        }
        ControlFlow::Continue(())
    });
    drop(locators);
    sink.finding(digests.len());
    if let Some(e) = spool_failed {
        return Err(spool_error(e));
    }
    let plan = pool.install(|| {
        let groups = canonical_first(crate::group::cluster(&signatures, GroupOptions::default()), &digests);
        drop(std::mem::take(&mut signatures));
        Plan::new(std::mem::take(&mut digests), &groups, story_options)
    });
    for (source, name) in plan.renamed() {
        sink.renamed(source, name);
    }
    let mut spool = match spool {
        Some(writer) => Some(std::io::BufReader::new(
            writer.into_inner().map_err(|e| spool_error(e.into_error()))?,
        )),
        None => None,
    };
    let mut load = |at: u64| -> Result<Record> {
        let spool = spool
            .as_mut()
            .ok_or_else(|| spool_error(std::io::Error::other("no spool")))?;
        spool.seek(std::io::SeekFrom::Start(at)).map_err(spool_error)?;
        let mut line = String::new();
        spool.read_line(&mut line).map_err(spool_error)?;
        serde_json::from_str(&line).map_err(|e| spool_error(std::io::Error::other(e)))
    };
    // A few stories at a time: the bodies of their documents are all that is held.
    let budget = pool.current_num_threads().max(1) * 8;
    let mut next = 0;
    while next < plan.len() {
        let mut batch: Vec<usize> = Vec::new();
        let mut documents: Vec<usize> = Vec::new();
        while next < plan.len() {
            let needed = plan.documents(next);
            if !batch.is_empty() && documents.len() + needed.len() > budget {
                break;
            }
            batch.push(next);
            documents.extend(needed);
            next += 1;
        }
        let mut records: HashMap<usize, Record> = HashMap::new();
        let mut reread: Vec<(usize, Job, u64)> = Vec::new();
        for document in documents {
            match again.get(document) {
                Some(Again::Spool(at)) => {
                    records.insert(document, load(*at)?);
                }
                Some(Again::Job(locator, first)) => reread.push((document, locator.job(), *first)),
                None => {}
            }
        }
        let cleaned: Vec<(usize, Result<Record>)> = pool.install(|| {
            reread
                .into_par_iter()
                .map(|(document, job, first)| (document, read_again(job, first, options, fields)))
                .collect()
        });
        for (document, record) in cleaned {
            match record {
                Ok(record) => {
                    records.insert(document, record);
                }
                Err(e) => sink.lost(&e),
            }
        }
        let stories: Vec<Story> = pool.install(|| {
            batch
                .par_iter()
                .map(|&story| plan.story(story, |document| records.get(&document)))
                .collect()
        });
        for story in &stories {
            sink.story(story).map_err(|cause| Error::Write {
                target: "stdout".into(),
                cause,
            })?;
        }
    }
    Ok(())
}

/// Where a document of `pith stories` is read again: cleaned again from its input (the
/// [`bytes_key`] of what the first pass read), or its record read back from the spool at this
/// offset.
enum Again {
    Job(Locator, u64),
    Spool(u64),
}

/// Variant groups with their canonical member first, chosen as `pith group` chooses it: the
/// richest provenance, then the longest body, then the first in input order.
fn canonical_first(groups: Vec<Vec<usize>>, digests: &[Digest]) -> Vec<Vec<usize>> {
    groups
        .into_iter()
        .map(|mut members| {
            let rank = |&i: &usize| digests.get(i).map(|d| d.canonical_rank());
            if let Some(at) = (0..members.len()).max_by(|&a, &b| {
                let (x, y) = (members.get(a).and_then(rank), members.get(b).and_then(rank));
                x.cmp(&y).then(b.cmp(&a))
            }) {
                let canonical = members.remove(at);
                members.insert(0, canonical);
            }
            members
        })
        .collect()
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
