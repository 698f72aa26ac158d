//! `pith restore`.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

use pith::exit::Tally;
use pith::output::{Inputs, OutputDir};
use pith::Record;

use super::{code, stdout_error, Run};

/// `pith restore`: one record back to stdout or a file; several (an array, JSONL) each to its
/// own file below `-o DIR`, or refused. With `--input FILE` (one record), the record restores
/// from that input, as a record of `--ledger offsets` needs.
pub fn restore(path: &Path, output: Option<&Path>, input: Option<&Path>) -> Run {
    use std::io::Read;
    let name = path.display().to_string();
    if path.as_os_str() == "-" && input.is_some_and(|i| i.as_os_str() == "-") {
        return Err("the record and --input cannot both be read from stdin (-)".into());
    }
    // What the run reads, which no file it writes replaces (`restore r.json -o r.json`).
    let inputs: Vec<&Path> = std::iter::once(path).chain(input).collect();
    if let Some(target) = output.filter(|o| !o.is_dir()) {
        Inputs::of(inputs.iter().copied()).refuse(target)?;
    }
    let mut file = if path.as_os_str() == "-" {
        // Stdin is read once: spooled to a temporary file, so that JSONL of any length streams.
        let mut spool = tempfile::tempfile().map_err(|e| format!("-: cannot spool stdin to a temporary file: {e}"))?;
        std::io::copy(&mut std::io::stdin().lock(), &mut spool)
            .and_then(|_| std::io::Seek::rewind(&mut spool))
            .map_err(|e| format!("-: cannot read: {e}"))?;
        spool
    } else {
        std::fs::File::open(path).map_err(|e| format!("{name}: cannot read: {e}"))?
    };
    if input.is_none() && is_jsonl(&mut file).map_err(|e| format!("{name}: cannot read: {e}"))? {
        return restore_jsonl(&name, file, output, &inputs);
    }
    let mut raw = String::new();
    file.read_to_string(&mut raw)
        .map_err(|e| format!("{name}: cannot read: {e}"))?;
    let records = pith::record::parse_records(&name, &raw);
    if input.is_some() && records.len() > 1 {
        return Err(format!(
            "{name}: holds {} records; --input gives the input of one record",
            records.len()
        )
        .into());
    }
    // The input is read no further than the record's input can be long (its encoding takes at
    // most four times the bytes of the text the ledger covers), nor less than a document can be.
    let limit = records
        .iter()
        .flatten()
        .map(|record| record.segments.last().map_or(0, |s| s.end) as u64)
        .max()
        .unwrap_or(0)
        .saturating_mul(4)
        .max(pith::input::ReadOptions::default().max_bytes);
    let input = match input {
        Some(path) => Some(Given {
            name: path.display().to_string(),
            bytes: pith::input::read_within(path, limit, "the input of this record")?,
        }),
        None => None,
    };
    // Like `cp`: into a folder when there are several, or when the path is a folder already.
    let into = output.filter(|o| records.len() > 1 || o.is_dir());
    if let Some(dir) = into {
        return restore_each(&name, records, dir, &inputs, input.as_ref());
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
    let bytes = restored(&name, &record, input.as_ref())?;
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

/// Records of JSONL one a line, as many as there are: restored a line at a time, so that memory
/// holds one record and the sources, never the whole file. The first pass reads every record
/// (a line that is not one is reported there) and keeps its source; the targets are planned from
/// them, as for an array, before the first is written; the second pass reads each record again
/// and writes it.
fn restore_jsonl(name: &str, file: std::fs::File, output: Option<&Path>, inputs: &[&Path]) -> Run {
    use std::io::Seek;
    let mut reader = std::io::BufReader::new(file);
    let read_error = |e: std::io::Error| format!("{name}: cannot read: {e}");
    let Some(dir) = output else {
        // Refused: the lines are only counted, for the message.
        let mut lines = 0usize;
        for_each_line(&mut reader, |_, _| {
            lines += 1;
            ControlFlow::Continue(())
        })
        .map_err(read_error)?;
        return Err(format!(
            "{name}: holds {lines} records; give -o DIR to restore each to its own file in DIR (named from its source)"
        )
        .into());
    };
    let mut tally = Tally::default();
    // Each line's source, or None for a line that is not a record (reported once, here).
    let mut sources: Vec<Option<String>> = Vec::new();
    for_each_line(&mut reader, |number, line| {
        let source = match pith::record::parse_record_line(name, number, line) {
            Ok(record) => Some(record.source),
            Err(e) => {
                super::say(format_args!("{e}"));
                tally.failed += 1;
                None
            }
        };
        sources.push(source);
        ControlFlow::Continue(())
    })
    .map_err(read_error)?;
    let planned: Vec<&str> = sources.iter().flatten().map(String::as_str).collect();
    let (mut output_dir, targets) = OutputDir::plan_restore(dir, &planned, inputs)?;
    let mut targets = targets.into_iter();
    let mut sources = sources.into_iter();
    reader.rewind().map_err(read_error)?;
    for_each_line(&mut reader, |number, line| {
        let Some(Some(_)) = sources.next() else {
            return ControlFlow::Continue(());
        };
        let Some(target) = targets.next() else {
            return ControlFlow::Continue(());
        };
        let written = pith::record::parse_record_line(name, number, line)
            .map_err(|e| e.to_string())
            .and_then(|record| Ok((restored(name, &record, None)?, record.source)))
            .and_then(|(bytes, source)| output_dir.write(&target, &source, &bytes).map_err(|e| e.to_string()));
        match written {
            Ok(()) => tally.done += 1,
            Err(message) => {
                super::say(format_args!("{message}"));
                tally.failed += 1;
            }
        }
        ControlFlow::Continue(())
    })
    .map_err(read_error)?;
    Ok(code(tally))
}

/// Calls `each` with every non-blank line's number (from 1) and text, one line in memory at a
/// time, until it breaks.
fn for_each_line(
    reader: &mut impl std::io::BufRead,
    mut each: impl FnMut(usize, &str) -> ControlFlow<()>,
) -> std::io::Result<()> {
    let mut line = String::new();
    let mut number = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        number += 1;
        let text = if number == 1 {
            line.trim_start_matches('\u{feff}')
        } else {
            &line
        };
        if !text.trim().is_empty() && each(number, text.trim_end_matches(['\n', '\r'])).is_break() {
            return Ok(());
        }
    }
}

/// Whether `file` is JSONL of two or more records (its first non-blank line a JSON value on its
/// own, and another line after it), read no further than its second non-blank line; anything
/// else (one record, an array, a pretty-printed record) is read whole. Leaves the file at its
/// start.
fn is_jsonl(file: &mut std::fs::File) -> std::io::Result<bool> {
    use std::io::Seek;
    file.rewind()?;
    let mut reader = std::io::BufReader::new(&mut *file);
    let mut lines = 0usize;
    let mut first_is_json = false;
    for_each_line(&mut reader, |_, line| {
        lines += 1;
        if lines == 1 {
            first_is_json = serde_json::from_str::<serde::de::IgnoredAny>(line).is_ok();
        }
        if first_is_json && lines < 2 {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    })?;
    drop(reader);
    file.rewind()?;
    Ok(first_is_json && lines >= 2)
}

/// Each record to its own file below `dir`, named from its source; all files are planned
/// before the first is written.
fn restore_each(
    name: &str,
    records: Vec<pith::Result<Record>>,
    dir: &Path,
    inputs: &[&Path],
    input: Option<&Given>,
) -> Run {
    let mut tally = Tally::default();
    let records: Vec<Record> = records
        .into_iter()
        .filter_map(|record| {
            record
                .map_err(|e| {
                    super::say(format_args!("{e}"));
                    tally.failed += 1;
                })
                .ok()
        })
        .collect();
    let sources: Vec<&str> = records.iter().map(|r| r.source.as_str()).collect();
    let (mut output_dir, targets) = OutputDir::plan_restore(dir, &sources, inputs)?;
    for (record, target) in records.iter().zip(&targets) {
        let bytes = match restored(name, record, input) {
            Ok(bytes) => bytes,
            Err(message) => {
                super::say(format_args!("{message}"));
                tally.failed += 1;
                continue;
            }
        };
        match output_dir.write(target, &record.source, &bytes) {
            Ok(()) => tally.done += 1,
            Err(e) => {
                super::say(format_args!("{e}"));
                tally.failed += 1;
            }
        }
    }
    Ok(code(tally))
}

/// The input given with `--input`: its name, for messages, and its bytes.
struct Given {
    name: String,
    bytes: Vec<u8>,
}

/// The record's input bytes, from the record alone or from the input given; the message of a
/// failure names the record file (and the input).
fn restored(name: &str, record: &Record, input: Option<&Given>) -> Result<Vec<u8>, String> {
    match input {
        Some(input) => record
            .restore_from(&input.bytes)
            .map_err(|e| format!("{name}: cannot restore from {}: {e}", input.name)),
        None => record.restore().map_err(|e| format!("{name}: cannot restore: {e}")),
    }
}
