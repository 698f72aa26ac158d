//! `pith stories`.

use std::io::Write;

use pith::corpus::Listing;
use pith::Record;

use super::args::StoriesArgs;
use super::progress::Progress;
use super::{code, fields_of, options, roots_or_stdin, stdout_error, worker_pool, Run};

/// `pith stories`: variant groups first (one article per group), then stories over them, found
/// from a digest of each document; the bodies of a story's documents are read again when it is
/// written (see [`pith::corpus::stories_inputs`]).
pub fn stories(args: StoriesArgs) -> Run {
    let roots = roots_or_stdin(&args.paths)?;
    let pool = worker_pool(args.jobs)?;
    let listing = Listing::new(&roots, args.input.jsonl_in).max_bytes(args.read.max_bytes);
    let known = listing.count();
    let mut story_options = pith::stories::StoryOptions::default();
    story_options.min_articles = if args.singletons {
        1
    } else {
        usize::try_from(args.min_articles).unwrap_or(usize::MAX)
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

    fn lost(&mut self, error: &pith::Error) {
        self.progress
            .failed(format_args!("{error}; its story is written without its body"));
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
