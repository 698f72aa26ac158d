//! `pith group`.

use std::io::Write;

use pith::corpus::Listing;
use pith::group::Group;
use pith::Record;

use super::args::GroupArgs;
use super::progress::Progress;
use super::{code, fields_of, options, roots_or_stdin, stdout_error, worker_pool, Run};

/// `pith group`: groups written as they are built, in the order of their first member.
pub fn group(args: GroupArgs) -> Run {
    let roots = roots_or_stdin(&args.paths)?;
    let pool = worker_pool(args.jobs)?;
    let listing = Listing::new(&roots, args.input.jsonl_in).max_bytes(args.read.max_bytes);
    let known = listing.count();
    let mut sink = GroupsOut {
        progress: Progress::start(known, args.progress.quiet),
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        groups: 0,
        jsonl: args.jsonl,
        json: args.json,
        html: args.html,
        page_ids: pith::render::GroupIds::default(),
    };
    if sink.html {
        pith::render::write_page_start(&mut sink.out, "pith group")
            .and_then(|()| pith::render::write_groups_start(&mut sink.out))
            .map_err(stdout_error)?;
    }
    pith::corpus::group_inputs(
        listing.jobs()?,
        &fields_of(&args.input),
        &options(&args.read),
        &pool,
        pith::group::GroupOptions::with_threshold(args.threshold)
            .containment((!args.no_containment).then_some(args.containment)),
        &mut sink,
    )?;
    let GroupsOut {
        progress,
        mut out,
        groups,
        json,
        html,
        ..
    } = sink;
    if json {
        writeln!(out, "{}", if groups == 0 { "[]" } else { "\n]" }).map_err(stdout_error)?;
    }
    if html {
        pith::render::write_groups_end(&mut out, groups)
            .and_then(|()| pith::render::write_page_end(&mut out))
            .map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(code(progress.finish(&format!(", {groups} groups"))))
}

/// Where `pith group` writes: the progress bar and messages on stderr, the groups on stdout.
struct GroupsOut<W: Write> {
    progress: Progress,
    out: W,
    /// Groups written so far.
    groups: u64,
    jsonl: bool,
    json: bool,
    html: bool,
    page_ids: pith::render::GroupIds,
}

impl<W: Write> pith::corpus::GroupSink for GroupsOut<W> {
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

    fn lost(&mut self, error: &pith::Error) {
        self.progress.failed(format_args!("{error}; left out of its group"));
    }

    fn wants_bodies(&self) -> bool {
        // Only the side-by-side page shows the members' bodies; the other outputs carry diffs.
        self.html
    }

    fn group(&mut self, group: &Group, members: &[&Record]) -> std::io::Result<()> {
        if self.groups == 0 {
            self.progress.stage("groups written");
        }
        self.progress.advance();
        let written = if self.jsonl {
            writeln!(self.out, "{}", serde_json::to_string(group).unwrap_or_default())
        } else if self.html {
            pith::render::write_group_html(&mut self.out, group, members, &mut self.page_ids)
        } else if self.json {
            let sep = if self.groups == 0 { "[\n" } else { ",\n" };
            write!(
                self.out,
                "{sep}{}",
                serde_json::to_string_pretty(group).unwrap_or_default()
            )
        } else {
            write!(self.out, "{}", pith::render::groups(std::slice::from_ref(group)))
        };
        self.groups += 1;
        written
    }
}
