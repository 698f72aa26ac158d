//! The JSONL reader on arbitrary bytes, as `pith clean --jsonl-in` reads a file (gzip told by
//! its magic, lines, a BOM, the fields); each record's ledger must restore its `html`/`text` field.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One scratch file per fuzzing process, rewritten for every input.
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        dir.join(format!("pith-fuzz-jsonl-{}.jsonl", std::process::id()))
    })
}

/// The body field of a line as `clean_line` reads it.
fn body(line: &str, fields: &pith::jsonl::Fields) -> Option<String> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let serde_json::Value::Object(object) = serde_json::from_str(line).ok()? else {
        return None;
    };
    match (object.get(&fields.html), object.get(&fields.text)) {
        (Some(serde_json::Value::String(s)), _) => Some(s.clone()),
        (_, Some(serde_json::Value::String(s))) => Some(s.clone()),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(path, data).unwrap();
    let options = pith::Options::default();
    let fields = pith::jsonl::Fields::default();
    let Ok(jobs) = pith::corpus::jsonl_jobs(std::slice::from_ref(path)) else {
        return;
    };
    for job in jobs {
        let expected = match &job {
            pith::corpus::Job::Line(_, Ok(line), _) => body(line, &fields),
            _ => None,
        };
        if let Ok((_, record)) = pith::corpus::run_job(job, &options, &fields) {
            let expected = expected.expect("a record from a line whose body field this target cannot read");
            pith_fuzz::check_restores(&record, expected.as_bytes());
        }
    }
});
