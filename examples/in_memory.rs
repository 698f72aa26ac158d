//! One pass of the whole pipeline (`pith::clean`) over a folder's pages held in memory, on one
//! thread, with the allocator the `pith` command uses: the figure to count instructions on.
//!
//!     cargo build --release --example in_memory
//!     valgrind --tool=callgrind --toggle-collect='in_memory::run' \
//!         target/release/examples/in_memory ../shared/bench/scrapinghub/html
//!
//! Reading and decoding the files, and the first page (which builds the cue automaton, the
//! date patterns and the models), stay outside `run`. Without valgrind it prints MiB/s, which on
//! a shared machine only compares two builds run one after the other.

use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: in_memory DIR");
        return ExitCode::from(2);
    };
    let options = pith::Options::default();
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    paths.sort();
    let sources: Vec<pith::Source> = paths
        .iter()
        .filter_map(|p| pith::input::read_path(p, &options.read).ok())
        .collect();
    let Some(first) = sources.first() else {
        eprintln!("{}: no page", dir.display());
        return ExitCode::from(2);
    };
    let _ = pith::clean(first);
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let start = std::time::Instant::now();
    let kept = run(&sources);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{} pages, {bytes} bytes, {kept} bytes of body, {:.1} MiB/s",
        sources.len(),
        bytes as f64 / seconds / 1_048_576.0
    );
    ExitCode::SUCCESS
}

#[inline(never)]
fn run(sources: &[pith::Source]) -> usize {
    sources.iter().map(|s| pith::clean(s).text.len()).sum()
}
