//! The `pith` command: parses flags (cli.rs), runs the library, prints, sets the exit code.

mod cli;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use cli::{CleanArgs, Cli, Command, FormatArg, JsonlInArgs, ReadArgs};
use pith::corpus::{expand_with_roots, for_each_cleaned, for_each_job, job_source, jobs_for, run_job, Job};
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
        Err(message) => {
            eprintln!("pith: {message}");
            ExitCode::from(2)
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
                std::process::exit(2);
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
        },
        boilerplate: None,
        models,
        rules_only: read.rules_only,
    }
}

fn clean(args: CleanArgs) -> Result<ExitCode, String> {
    let mut options = options(&args.read);
    let fields = fields_of(&args.input);
    let roots = roots_or_stdin(&args.paths);
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
    let known = plain_files.as_ref().map(|inputs| inputs.len() as u64);
    // Plain files were listed above already: do not walk the directories a second time.
    let jobs: Box<dyn Iterator<Item = Job>> = match plain_files {
        Some(inputs) => Box::new(inputs.into_iter().map(|(root, path)| Job::Path(root, path))),
        None => jobs_for(&roots, args.input.jsonl_in).map_err(|e| e.to_string())?,
    };
    let several = known.is_none_or(|n| n > 1);
    let progress = progress_bar(known);
    let started = std::time::Instant::now();
    let (mut documents, mut errors, mut bytes, mut unsure) = (0u64, 0u64, 0u64, 0u64);
    let mut json_items = 0;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let pool = worker_pool(args.jobs)?;
    // Inputs are cleaned in parallel a batch at a time and written in input order, so the
    // output is the same bytes whatever the number of threads, and memory stays bounded.
    let mut stdout_failed: Option<std::io::Error> = None;
    for_each_cleaned(jobs, &pool, &options, &fields, |_, done| {
        progress.inc(1);
        let (place, record) = match done {
            Ok(done) => done,
            Err(e) => {
                progress.suspend(|| eprintln!("pith: {e}"));
                errors += 1;
                return;
            }
        };
        documents += 1;
        bytes += record.segments.last().map_or(0, |s| s.end) as u64;
        for warning in &record.warnings {
            progress.suspend(|| eprintln!("pith: {}: warning: {warning}", record.source));
        }
        let below = |min: f64| record.confidence.is_some_and(|c| c < min);
        if args.min_confidence.is_some_and(below) {
            unsure += 1;
            return;
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
            let written = target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|_| {
                let mut file = std::io::BufWriter::new(std::fs::File::create(&target)?);
                write_one(&mut file, &record, &args)?;
                file.flush()
            });
            if let Err(e) = written {
                eprintln!("pith: {}: cannot write: {e}", target.display());
                errors += 1;
            }
            return;
        }
        if stdout_failed.is_some() {
            return;
        }
        // Records are written as they come, never gathered: a corpus's JSON is never in memory.
        let write = if args.json && several {
            json_items += 1;
            pith::render::write_json_array_item(&mut out, json_items - 1, &record)
        } else if args.json {
            json_items += 1;
            write_one(&mut out, &record, &args)
        } else if several && !args.jsonl {
            writeln!(out, "==> {} <==", record.source)
                .and_then(|_| write_one(&mut out, &record, &args))
                .and_then(|_| writeln!(out))
        } else {
            write_one(&mut out, &record, &args)
        };
        if let Err(e) = write {
            stdout_failed = Some(e);
        }
    });
    if let Some(e) = stdout_failed {
        return Err(format!("cannot write to stdout: {e}"));
    }
    progress.finish_and_clear();
    // Several inputs make an array (however many were written); one input that gave no record
    // makes an empty one.
    if args.json && args.output.is_none() && (several || json_items == 0) {
        pith::render::write_json_array_end(&mut out, json_items)
            .and_then(|_| writeln!(out))
            .map_err(|e| format!("cannot write to stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write to stdout: {e}"))?;
    if let Some(min) = args.min_confidence.filter(|_| unsure > 0 && !several) {
        eprintln!("pith: left out 1 record with confidence below {min}");
    }
    if several {
        let seconds = started.elapsed().as_secs_f64();
        let left_out = args
            .min_confidence
            .map(|min| format!(", {unsure} below confidence {min} left out"))
            .unwrap_or_default();
        eprintln!(
            "pith: {documents} documents{left_out}, {bytes} bytes, {errors} errors, {seconds:.2} s, {:.1} MB/s",
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
    let pool = worker_pool(args.jobs)?;
    let mut learner = pith::boilerplate::Learner::default();
    // Errors are reported by the cleaning pass that follows.
    for_each_job(
        jobs_for(roots, args.input.jsonl_in).map_err(|e| e.to_string())?,
        &pool,
        |job| {
            let (_, source, _) = job_source(job, options, fields).ok()?;
            pith::sample_for_learning(&source, options)
        },
        |_, sample| {
            if let Some(sample) = sample {
                learner.add(sample);
            }
        },
    );
    Ok(learner.finish(args.min_repeats))
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
fn group(
    paths: &[PathBuf],
    jsonl: bool,
    json: bool,
    threshold: f32,
    jobs: Option<usize>,
    input: &JsonlInArgs,
    read: &ReadArgs,
) -> Result<ExitCode, String> {
    let roots = roots_or_stdin(paths);
    let pool = worker_pool(jobs)?;
    let mut failed = false;
    let mut first = true;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let fields = fields_of(input);
    let inputs = pith::corpus::Inputs {
        roots: &roots,
        jsonl_in: input.jsonl_in,
        fields: &fields,
    };
    pith::corpus::group_inputs(
        &inputs,
        &options(read),
        &pool,
        pith::group::GroupOptions { threshold },
        |e| {
            eprintln!("pith: {e}");
            failed = true;
        },
        |group| {
            let written = if jsonl {
                writeln!(out, "{}", serde_json::to_string(group).unwrap_or_default())
            } else if json {
                let sep = if first { "[\n" } else { ",\n" };
                write!(out, "{sep}{}", serde_json::to_string_pretty(group).unwrap_or_default())
            } else {
                write!(out, "{}", pith::render::groups(std::slice::from_ref(group)))
            };
            first = false;
            written
        },
    )
    .map_err(|e| e.to_string())?;
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
    let roots = roots_or_stdin(paths);
    let pool = worker_pool(jobs)?;
    let mut failed = false;
    let mut records = Vec::new();
    for_each_cleaned(
        jobs_for(&roots, input.jsonl_in).map_err(|e| e.to_string())?,
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

/// Writes one record as the flags ask: JSON, a JSON line, markdown or plain text.
fn write_one(out: &mut impl Write, record: &Record, args: &CleanArgs) -> std::io::Result<()> {
    if args.jsonl {
        pith::render::write_json_line(out, record)?;
        writeln!(out)
    } else if args.json {
        pith::render::write_json_pretty(out, record)?;
        writeln!(out)
    } else if args.markdown {
        out.write_all(record.markdown.as_bytes())
    } else {
        out.write_all(record.text.as_bytes())
    }
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
    let options = options(read);
    let mut out = anstream::stdout();
    let color = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    // A WARC file holds many documents: explain each response in turn.
    if pith::warc::is_warc_name(path) {
        let mut failed = false;
        let fields = pith::jsonl::Fields::default();
        for job in jobs_for(&[path.to_path_buf()], false).map_err(|e| e.to_string())? {
            match run_job(job, &options, &fields) {
                Ok((_, record)) => {
                    writeln!(out, "{}", pith::render::explain(&record, color)).map_err(|e| e.to_string())?
                }
                Err(e) => {
                    eprintln!("pith: {e}");
                    failed = true;
                }
            }
        }
        return Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let record = pith::clean_path(path, &options).map_err(|e| e.to_string())?;
    write!(out, "{}", pith::render::explain(&record, color)).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

fn diff(a: &Path, b: &Path, words: bool, read: &ReadArgs) -> Result<ExitCode, String> {
    if let Some(warc) = [a, b].into_iter().find(|p| pith::warc::is_warc_name(p)) {
        return Err(format!(
            "{}: a WARC file holds many documents; `pith diff` compares two (try `pith group`)",
            warc.display()
        ));
    }
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
    let bytes = record
        .restore()
        .map_err(|e| format!("{}: cannot restore: {e}", path.display()))?;
    match output {
        Some(target) => {
            std::fs::write(target, bytes).map_err(|e| format!("{}: cannot write: {e}", target.display()))?
        }
        None => std::io::stdout().lock().write_all(&bytes).map_err(|e| e.to_string())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The gold file and the page of each gold id in DIR (`<id>.*`).
type GoldAndPages = (BTreeMap<String, serde_json::Value>, BTreeMap<String, PathBuf>);

fn gold_and_pages(gold_path: &Path, dir: &Path) -> Result<GoldAndPages, String> {
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
    Ok((gold, files))
}

fn gold_body<'a>(gold: &'a BTreeMap<String, serde_json::Value>, id: &str) -> &'a str {
    gold.get(id)
        .and_then(|v| v.get("articleBody"))
        .and_then(|v| v.as_str())
        .unwrap_or("")
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
) -> Result<ExitCode, String> {
    let (gold, files) = gold_and_pages(gold_path, dir)?;
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
    let ids: Vec<&String> = gold.keys().collect();
    let predictions: Vec<(String, String)> = ids
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
            let text = match files.get(*id) {
                Some(path) => match pith::clean_path(path, options) {
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
        .map(|(id, text)| (id.clone(), (gold_body(&gold, id).to_string(), text.clone())))
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
) -> Result<ExitCode, String> {
    let (gold, files) = gold_and_pages(gold_path, dir)?;
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
            let labels = pith::eval::block_labels(gold_body(&gold, id), &analysis.blocks);
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
                [((*id).clone(), (gold_body(&gold, id).to_string(), text))].into();
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
