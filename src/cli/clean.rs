//! `pith clean`: every input cleaned and written in input order, to stdout or below `-o DIR`;
//! `--learn` first learns the outlets' boilerplate from the same inputs.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;

use pith::corpus::{for_each_cleaned, for_each_job, job_source, Listing};
use pith::output::{Inputs, OutputDir};
use pith::render::Shape;
use pith::Options;

use super::args::CleanArgs;
use super::progress::Progress;
use super::{code, fields_of, inputs_given, options, page_url, roots_or_stdin, stdout_error, worker_pool, Run};

/// The largest boilerplate model read (`--boilerplate`): a model keeps a few hashed blocks per
/// outlet, a few MB for a large crawl; a file past this is none (and would be held whole).
const MAX_BOILERPLATE_BYTES: u64 = 256 << 20;

pub fn clean(args: CleanArgs) -> Run {
    let mut options = options(&args.read);
    options.body.links = args.links;
    options.body.images = args.images;
    options.body.no_tables = args.no_tables;
    options.ledger = args.ledger.shape();
    let fields = fields_of(&args.input);
    let roots = roots_or_stdin(&args.paths)?;
    if let Some(model_path) = &args.boilerplate {
        let raw = pith::input::read_text_within(model_path, MAX_BOILERPLATE_BYTES, "a boilerplate model")?;
        let model: pith::boilerplate::Model = serde_json::from_str(&raw)
            .map_err(|e| format!("{}: not a boilerplate model: {e}", model_path.display()))?;
        options.boilerplate = Some(std::sync::Arc::new(model));
    }
    // Files are listed once, up front: for the progress bar, and for `-o`, whose files are all
    // planned before anything is written (two inputs never meet in one file).
    let listing = listing(&args, &roots);
    if let Some(folder) = listing.skipped.as_ref().filter(|_| !args.progress.quiet) {
        eprintln!(
            "pith: {}: the output folder (-o), left out of the folders read",
            folder.display()
        );
    }
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
    let files: Vec<PathBuf> = listing
        .files
        .iter()
        .flatten()
        .filter_map(|(_, p)| p.as_ref().ok().cloned())
        .collect();
    let mut output_dir = match &args.output {
        Some(dir) => Some(OutputDir::plan(dir, &roots, &files, kind)?),
        None => None,
    };
    if let Some(output_dir) = &mut output_dir {
        // The model read and the model written are files of the run too: no output goes over
        // either.
        if let Some(read) = &args.boilerplate {
            output_dir.also_reads(read)?;
        }
        if let Some(written) = &args.learn {
            output_dir.also_writes(written, "the boilerplate model (--learn)")?;
        }
    }
    if let Some(model_path) = &args.learn {
        if roots.iter().any(|r| r.as_os_str() == "-") {
            return Err("--learn reads the inputs twice, so it needs files, not stdin".into());
        }
        // Refused before the first pass: the model is written before the second reads the inputs.
        Inputs::of(roots.iter().chain(&files).map(PathBuf::as_path)).refuse(model_path)?;
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
        listing(args, roots).jobs().map_err(|e| e.to_string())?,
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

/// The inputs of a run, listed: with `-o DIR`, the folder DIR is not read where a folder given
/// holds it (the outputs of an earlier run are not cleaned again).
fn listing(args: &CleanArgs, roots: &[PathBuf]) -> Listing {
    Listing::except(roots, args.input.jsonl_in, args.output.as_deref()).max_bytes(args.read.max_bytes)
}
