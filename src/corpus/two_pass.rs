//! The corpus runs that read their inputs twice — variant grouping and stories — with bounded
//! memory: a first pass keeps a signature (and a digest) per document, a second reads again only
//! the documents of groups and stories of several.

use std::collections::HashMap;
use std::ops::ControlFlow;

use rayon::prelude::*;

use super::{for_each_cleaned, for_each_job, run_job, Job, Locator};
use crate::error::{Error, Result};
use crate::group::{Group, GroupOptions, Signature};
use crate::jsonl::Fields;
use crate::stories::{Digest, Plan, Reading, Story, StoryOptions};
use crate::{Options, Record};

/// Members a thread reads again and compares with their group's canonical body at a time, in
/// `pith group`'s second pass: the bodies held at once are this many a thread, however large
/// a group.
const GROUP_MEMBERS_PER_THREAD: usize = 8;

/// Documents a thread reads again for each batch of stories of `pith stories`. What is kept of
/// a document is its reading (a few kilobytes), so a batch can be larger than `group`'s; it
/// bounds the readings held besides a story larger than the batch, and a batch is the unit
/// whose threads wait for each other.
const STORY_DOCUMENTS_PER_THREAD: usize = 32;

/// What a `pith group` run tells its caller as it goes.
pub trait GroupSink {
    /// An input of the first pass was cleaned (its record, whole), or why it failed.
    fn seen(&mut self, result: std::result::Result<&Record, &Error>);
    /// A member of a group of two or more could not be read again for the group's diffs (it was
    /// removed or changed since the first pass, or reading it failed): it is left out of its
    /// group, which is written without it.
    fn lost(&mut self, error: &Error);
    /// The next group, in the order of its first member, with its members' records in member
    /// order: the canonical member's body is there for a group of two or more, and, when
    /// [`GroupSink::wants_bodies`], the body of every member that differs from it (a member
    /// with the canonical body word for word has an empty one: its empty diff says it all); a
    /// singleton's may be empty.
    fn group(&mut self, group: &Group, members: &[&Record]) -> std::io::Result<()>;
    /// Whether [`GroupSink::group`] reads the bodies of the members that differ from the
    /// canonical copy (a side-by-side page shows their word changes). Members are compared
    /// with the canonical body a batch at a time and let go unless this asks for them, so a
    /// group of thousands of copies holds a batch of bodies, not the group.
    fn wants_bodies(&self) -> bool {
        true
    }
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
    use std::io::Write;
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
    // Each record's body length (the canonical copy is the longest among the richest).
    let mut lengths: Vec<usize> = Vec::new();
    let first_pass = jobs.inspect(|job| locators.borrow_mut().push(job.locator()));
    for_each_cleaned(first_pass, pool, options, fields, |job, done| {
        match done {
            Ok((_, mut record)) => {
                sink.seen(Ok(&record));
                signatures.push(crate::group::signature(&record.text));
                lengths.push(record.text.len());
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
    let mut load = |at: u64| read_spooled(&mut spool, at).map_err(spool_error);
    let batch = pool.current_num_threads().max(1) * GROUP_MEMBERS_PER_THREAD;
    let keep_bodies = sink.wants_bodies();
    let mut pending = clusters.iter().peekable();
    while pending.peek().is_some() {
        if pending.peek().is_some_and(|members| members.len() > 1) {
            let members = pending.next().map(Vec::as_slice).unwrap_or_default();
            let mut records = Vec::with_capacity(members.len());
            for r in members {
                let mut record = load(*spooled.get(*r).unwrap_or(&0))?;
                // Only provenance is held; a body comes back when its member is compared.
                record.text = String::new();
                records.push(record);
            }
            // Where each member's body is read again: its input (and the bytes key the first
            // pass saw), or the spool.
            let again: Vec<Option<(&Locator, u64)>> = members
                .iter()
                .zip(&records)
                .map(|(r, record)| {
                    let locator = locators.get(*job_of_record.get(*r)?)?.as_ref()?;
                    Some((locator, bytes_key(&record.provenance.input_sha256)))
                })
                .collect();
            let mut bodies = |positions: &[usize]| -> Vec<Result<String>> {
                let mut out: Vec<Option<Result<String>>> = positions
                    .iter()
                    .map(|&i| match again.get(i) {
                        Some(Some(_)) => None,
                        _ => {
                            Some(load(*members.get(i).and_then(|r| spooled.get(*r)).unwrap_or(&0)).map(|rec| rec.text))
                        }
                    })
                    .collect();
                let reread: Vec<(usize, Job, u64)> = positions
                    .iter()
                    .enumerate()
                    .filter_map(|(k, &i)| again.get(i)?.map(|(locator, key)| (k, locator.job(), key)))
                    .collect();
                let read: Vec<(usize, Result<String>)> = pool.install(|| {
                    reread
                        .into_par_iter()
                        .map(|(k, job, key)| (k, read_again(job, key, options, fields).map(|record| record.text)))
                        .collect()
                });
                for (k, body) in read {
                    if let Some(slot) = out.get_mut(k) {
                        *slot = Some(body);
                    }
                }
                out.into_iter()
                    .map(|b| b.unwrap_or_else(|| Ok(String::new())))
                    .collect()
            };
            // The canonical copy: richest provenance, then longest body, then input order;
            // one that cannot be read again is lost, and the next is tried.
            let mut alive: Vec<usize> = (0..members.len()).collect();
            let mut canonical = None;
            while canonical.is_none() && !alive.is_empty() {
                let best = crate::group::canonical_position(alive.iter().copied(), |i| {
                    let length = members.get(i).and_then(|r| lengths.get(*r)).copied().unwrap_or(0);
                    (records.get(i).map(crate::group::richness), length)
                })
                .unwrap_or(0);
                alive.retain(|&i| i != best);
                match bodies(&[best]).pop() {
                    Some(Ok(text)) => canonical = Some((best, text)),
                    Some(Err(e)) => sink.lost(&e),
                    None => {}
                }
            }
            let Some((canonical, canonical_text)) = canonical else {
                continue;
            };
            let mut order = vec![canonical];
            let mut reports = Vec::with_capacity(members.len());
            for part in alive.chunks(batch) {
                for (&i, body) in part.iter().zip(bodies(part)) {
                    match body {
                        Ok(text) => {
                            let record = &mut records[i];
                            record.text = text;
                            reports.push(crate::group::compare(&canonical_text, record));
                            if !keep_bodies || record.text == canonical_text {
                                record.text = String::new();
                            }
                            order.push(i);
                        }
                        Err(e) => sink.lost(&e),
                    }
                }
            }
            records[canonical].text = canonical_text;
            reports.insert(0, crate::group::compare(&records[canonical].text, &records[canonical]));
            let ordered: Vec<&Record> = order.iter().filter_map(|&i| records.get(i)).collect();
            let group = crate::group::assemble(&ordered, reports);
            sink.group(&group, &ordered).map_err(|cause| Error::Write {
                target: "stdout".into(),
                cause,
            })?;
            continue;
        }
        // A run of single documents: each group is its one record, as the first pass kept it.
        while let Some(members) = pending.next_if(|members| members.len() < 2) {
            let Some(at) = members.first().and_then(|r| spooled.get(*r)) else {
                continue;
            };
            let record = load(*at)?;
            let group = crate::group::group_of(&[&record]);
            sink.group(&group, &[&record]).map_err(|cause| Error::Write {
                target: "stdout".into(),
                cause,
            })?;
        }
    }
    Ok(())
}

/// The record spooled at byte `at` of the first pass's temporary file: one JSON line.
fn read_spooled(spool: &mut std::io::BufReader<std::fs::File>, at: u64) -> std::io::Result<Record> {
    use std::io::{BufRead, Seek};
    spool.seek(std::io::SeekFrom::Start(at))?;
    let mut line = String::new();
    spool.read_line(&mut line)?;
    serde_json::from_str(&line).map_err(std::io::Error::other)
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
/// documents of stories of several articles, a few stories at a time, keeps of each only its
/// [`Reading`] (its quotes, and its terms as written if it is an article's canonical copy) and
/// lets its record go, so that a story of thousands of reports never holds their bodies; it hands
/// on each story as soon as it is built (a document that cannot be read again, or whose bytes changed, goes to
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
    use std::io::Write;
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
    let mut load = |at: u64| {
        spool
            .as_mut()
            .ok_or_else(|| std::io::Error::other("no spool"))
            .and_then(|spool| read_spooled(spool, at))
            .map_err(spool_error)
    };
    // A few stories at a time. Each document is read again, reduced to what its story needs
    // (its quotes, and its terms as written if it is an article's canonical member) and let go:
    // the bodies in memory are those being read, one a thread, however large a story.
    let budget = pool.current_num_threads().max(1) * STORY_DOCUMENTS_PER_THREAD;
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
        let mut readings: HashMap<usize, Reading> = HashMap::new();
        let mut spooled: Vec<(usize, u64)> = Vec::new();
        let mut reread: Vec<(usize, Job, u64)> = Vec::new();
        for document in documents {
            match again.get(document) {
                Some(Again::Spool(at)) => spooled.push((document, *at)),
                Some(Again::Job(locator, first)) => reread.push((document, locator.job(), *first)),
                None => {}
            }
        }
        // Spooled records are read one after the other from the one file, and read for their
        // stories on the pool, a budget of them at a time.
        for chunk in spooled.chunks(budget) {
            let loaded = chunk
                .iter()
                .map(|&(document, at)| Ok((document, load(at)?)))
                .collect::<Result<Vec<(usize, Record)>>>()?;
            let read: Vec<(usize, Reading)> = pool.install(|| {
                loaded
                    .into_par_iter()
                    .map(|(document, record)| (document, plan.read(document, &record)))
                    .collect()
            });
            readings.extend(read);
        }
        let cleaned: Vec<(usize, Result<Reading>)> = pool.install(|| {
            reread
                .into_par_iter()
                .map(|(document, job, first)| {
                    let reading = read_again(job, first, options, fields).map(|record| plan.read(document, &record));
                    (document, reading)
                })
                .collect()
        });
        for (document, reading) in cleaned {
            match reading {
                Ok(reading) => {
                    readings.insert(document, reading);
                }
                Err(e) => sink.lost(&e),
            }
        }
        let stories: Vec<Story> = pool.install(|| {
            batch
                .par_iter()
                .map(|&story| plan.story(story, |document| readings.get(&document)))
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
            let rank = |i: usize| members.get(i).and_then(|d| digests.get(*d)).map(|d| d.canonical_rank());
            if let Some(at) = crate::group::canonical_position(0..members.len(), rank) {
                let canonical = members.remove(at);
                members.insert(0, canonical);
            }
            members
        })
        .collect()
}
