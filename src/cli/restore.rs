//! `pith restore`.

use std::io::Write;
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
