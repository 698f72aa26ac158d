//! `pith group`.

use std::io::Write;

use pith::corpus::Listing;

use super::args::GroupArgs;
use super::progress::Progress;
use super::{code, fields_of, options, roots_or_stdin, stdout_error, worker_pool, Run};

/// `pith group`: groups written as they are built, in the order of their first member.
pub fn group(args: GroupArgs) -> Run {
    let GroupArgs {
        jsonl,
        json,
        html,
        threshold,
        ..
    } = args;
    let roots = roots_or_stdin(&args.paths);
    let pool = worker_pool(args.jobs)?;
    let listing = Listing::new(&roots, args.input.jsonl_in).max_bytes(args.read.max_bytes);
    let known = listing.count();
    // Both closures below count on it: the first while cleaning, the second after.
    let progress = std::cell::RefCell::new(Progress::start(known, args.progress.quiet));
    let mut groups = 0u64;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let fields = fields_of(&args.input);
    let mut page_ids = pith::render::GroupIds::default();
    if html {
        pith::render::write_page_start(&mut out, "pith group")
            .and_then(|()| pith::render::write_groups_start(&mut out))
            .map_err(stdout_error)?;
    }
    pith::corpus::group_inputs(
        listing.jobs()?,
        &fields,
        &options(&args.read),
        &pool,
        pith::group::GroupOptions::with_threshold(threshold),
        |seen| {
            let mut progress = progress.borrow_mut();
            progress.advance();
            match seen {
                Ok(record) => {
                    progress.cleaned(record);
                    progress.done();
                }
                Err(e) => progress.failed(e),
            }
        },
        |group, members| {
            let mut progress = progress.borrow_mut();
            if groups == 0 {
                progress.stage("groups written");
            }
            progress.advance();
            let written = if jsonl {
                writeln!(out, "{}", serde_json::to_string(group).unwrap_or_default())
            } else if html {
                pith::render::write_group_html(&mut out, group, members, &mut page_ids)
            } else if json {
                let sep = if groups == 0 { "[\n" } else { ",\n" };
                write!(out, "{sep}{}", serde_json::to_string_pretty(group).unwrap_or_default())
            } else {
                write!(out, "{}", pith::render::groups(std::slice::from_ref(group)))
            };
            groups += 1;
            written
        },
    )?;
    if json {
        writeln!(out, "{}", if groups == 0 { "[]" } else { "\n]" }).map_err(stdout_error)?;
    }
    if html {
        pith::render::write_groups_end(&mut out, groups)
            .and_then(|()| pith::render::write_page_end(&mut out))
            .map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(code(progress.into_inner().finish(&format!(", {groups} groups"))))
}
