//! `pith explain`.

use std::io::Write;
use std::path::Path;

use pith::corpus::{jobs_for, run_job};
use pith::exit::Tally;

use super::args::{ReadArgs, UrlArgs};
use super::{code, colored_stdout, options, page_url, stdout_error, Run};

/// `pith explain`: every block of one input with its verdict, coloured when `color`, or as one
/// HTML page (`html`); each response of a WARC file in turn.
pub fn explain(path: &Path, url: &UrlArgs, html: bool, color: bool, read: &ReadArgs) -> Run {
    let mut options = options(read);
    let warc = pith::warc::is_warc_name(path);
    options.read.url = page_url(url, (!warc).then_some(1), false)?;
    let mut out = colored_stdout(color && !html);
    if html {
        pith::render::write_page_start(&mut out, &format!("pith explain: {}", path.display())).map_err(stdout_error)?;
    }
    let mut tally = Tally::default();
    if warc {
        let fields = pith::jsonl::Fields::default();
        for job in jobs_for(&[path.to_path_buf()], false)? {
            match run_job(job, &options, &fields) {
                Ok((_, record)) => {
                    if html {
                        pith::render::write_explain_html(&mut out, &record, tally.done as usize)
                    } else {
                        writeln!(out, "{}", pith::render::explain(&record, color))
                    }
                    .map_err(stdout_error)?;
                    tally.done += 1;
                }
                Err(e) => {
                    super::say(format_args!("{e}"));
                    tally.failed += 1;
                }
            }
        }
    } else {
        let record = pith::clean_path(path, &options)?;
        if html {
            pith::render::write_explain_html(&mut out, &record, 0)
        } else {
            write!(out, "{}", pith::render::explain(&record, color))
        }
        .map_err(stdout_error)?;
        tally.done += 1;
    }
    if html {
        pith::render::write_page_end(&mut out).map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(code(tally))
}
