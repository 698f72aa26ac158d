//! Peer harness: run rs-trafilatura 0.2.2 (default options) over SET_DIR/html/<id>.html.gz
//! and write `{id: {"articleBody": "<plain text>"}}` to OUT.json.
//!
//! Usage: peer-rs-trafilatura SET_DIR OUT.json [--jobs N]   (default 2 threads)
//! Any error or panic on a page gives an empty body for that page.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

fn read_gz(path: &Path) -> std::io::Result<Vec<u8>> {
    let f = std::fs::File::open(path)?;
    let mut d = flate2::read::MultiGzDecoder::new(f);
    let mut buf = Vec::new();
    d.read_to_end(&mut buf)?;
    Ok(buf)
}

fn extract_one(path: &Path) -> String {
    let bytes = match read_gz(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: read error: {e}", path.display());
            return String::new();
        }
    };
    match std::panic::catch_unwind(|| rs_trafilatura::extract_bytes(&bytes)) {
        Ok(Ok(r)) => r.content_text,
        Ok(Err(e)) => {
            eprintln!("{}: extract error: {e}", path.display());
            String::new()
        }
        Err(_) => {
            eprintln!("{}: panic", path.display());
            String::new()
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: {} SET_DIR OUT.json [--jobs N]", args[0]);
        std::process::exit(2);
    }
    let set_dir = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    let jobs: usize = match args.iter().position(|a| a == "--jobs") {
        Some(i) => args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(2),
        None => 2,
    }
    .max(1);

    let html_dir = set_dir.join("html");
    let mut pages: Vec<(String, PathBuf)> = std::fs::read_dir(&html_dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", html_dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".html.gz").map(|id| (id.to_string(), e.path()))
        })
        .collect();
    pages.sort();

    // Silence the default panic message; panics are reported per page above.
    std::panic::set_hook(Box::new(|_| {}));

    let next = AtomicUsize::new(0);
    let results: Mutex<BTreeMap<String, String>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((id, path)) = pages.get(i) else { break };
                let body = extract_one(path);
                results.lock().unwrap().insert(id.clone(), body);
            });
        }
    });

    let results = results.into_inner().unwrap();
    let mut obj = serde_json::Map::new();
    for (id, body) in results {
        let mut rec = serde_json::Map::new();
        rec.insert("articleBody".into(), serde_json::Value::String(body));
        obj.insert(id, serde_json::Value::Object(rec));
    }
    if let Some(parent) = out.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let text = serde_json::to_string_pretty(&serde_json::Value::Object(obj)).unwrap();
    std::fs::write(&out, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    eprintln!("wrote {} pages to {}", pages.len(), out.display());
}
