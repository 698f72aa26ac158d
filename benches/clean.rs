//! Throughput of the whole pipeline (`pith::clean`) over the benchmark's text, markdown and HTML
//! dumps, single-threaded, input already in memory. Run: `cargo bench --bench clean`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

// The allocator the `pith` command runs with (src/main.rs), so the figure is the command's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load(folder: &str) -> Vec<pith::Source> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/bench/scrapinghub")
        .join(folder);
    let options = pith::Options::default();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| pith::input::read_path(p, &options.read).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    for folder in ["txt", "md", "html"] {
        let sources = load(folder);
        let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
        let mut group = c.benchmark_group(format!("clean/{folder}"));
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("all pages", |b| {
            b.iter(|| sources.iter().map(|s| pith::clean(s).text.len()).sum::<usize>())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
