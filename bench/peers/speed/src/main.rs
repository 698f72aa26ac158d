//! Speed reference: single-thread throughput of pith's whole pipeline (`Extractor::extract`,
//! bytes in, record out) beside dom_smoothie 0.18 (`Readability::new` + `parse`: parse and
//! extract), over the same pages held in memory, in one process, alternating rounds so that
//! machine noise falls on both alike.
//!
//! Usage: peer-speed DIR [ROUNDS] [pith]   (DIR holds `*.html` or `*.html.gz`; default 3 rounds;
//! `pith` times pith alone, for a profiler)
//! Prints MB/s (10^6 bytes of decompressed HTML a second) per tool and round, and the median.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(raw.as_slice()).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: peer-speed DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let pith_only = args.get(3).is_some_and(|a| a == "pith");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html") || p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let pages: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                read_page(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            )
        })
        .collect();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    eprintln!(
        "{} pages, {:.1} MB of HTML, {rounds} rounds, one thread",
        pages.len(),
        bytes as f64 / 1e6
    );
    let extractor = pith::Extractor::builder().build();
    let (mut pith_mbs, mut smoothie_mbs) = (Vec::new(), Vec::new());
    let mut sink = 0usize;
    for round in 0..rounds {
        let start = Instant::now();
        for (name, page) in &pages {
            if let Ok(record) = extractor.extract(name, page.clone()) {
                sink += record.text.len();
            }
        }
        let p = bytes as f64 / 1e6 / start.elapsed().as_secs_f64();
        if pith_only {
            println!("round {round}: pith {p:.1} MB/s");
            pith_mbs.push(p);
            continue;
        }
        let start = Instant::now();
        for (_, page) in &pages {
            let html = String::from_utf8_lossy(page);
            if let Ok(mut readability) = dom_smoothie::Readability::new(html.as_ref(), None, None) {
                if let Ok(article) = readability.parse() {
                    sink += article.text_content.len();
                }
            }
        }
        let s = bytes as f64 / 1e6 / start.elapsed().as_secs_f64();
        println!("round {round}: pith {p:.1} MB/s, dom_smoothie {s:.1} MB/s");
        pith_mbs.push(p);
        smoothie_mbs.push(s);
    }
    if pith_only {
        println!("median: pith {:.1} MB/s", median(pith_mbs));
        eprintln!("({sink} bytes of text out)");
        return;
    }
    let (p, s) = (median(pith_mbs), median(smoothie_mbs));
    println!(
        "median: pith {p:.1} MB/s, dom_smoothie {s:.1} MB/s, pith / dom_smoothie {:.2}",
        p / s
    );
    eprintln!("({sink} bytes of text out)");
}
