//! `group` and `stories` read their inputs in two passes: an input that gives its bytes once
//! (stdin, a FIFO, a process substitution) is kept from the first read, and an input that
//! cannot be read again, or changed, is reported by name, never cleaned again to an empty body.

use std::path::{Path, PathBuf};

use pith::corpus::{GroupSink, StoriesSink};
use pith::group::Group;
use pith::stories::Story;
use pith::Record;

use super::*;

#[path = "../common/mod.rs"]
mod common;

/// How long a run may take before it is taken to be waiting for a second read that never comes
/// (a FIFO opened again blocks until a writer opens it).
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// A page and a copy of it (as a second scrape would give it).
const COPIED: &str = "The harbour reopened on Monday after three weeks of repairs to the sea wall, \
the port authority said. The mayor thanked the workers who had laboured through two storms to \
finish the wall before the fishing season opens.\n\nFerries will run to the old timetable from \
Tuesday, and the fish market reopens on Wednesday morning.\n";

/// The members of the groups of a `pith group --jsonl` run's stdout.
fn members(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .flat_map(|group| group["members"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Every member of one group, with its body compared to the canonical's: an identical copy.
fn assert_one_group_of_identical_copies(out: &std::process::Output, sources: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(lines, 1, "one group: {}", String::from_utf8_lossy(&out.stdout));
    let members = members(&out.stdout);
    let mut found: Vec<&str> = members.iter().filter_map(|m| m["source"].as_str()).collect();
    found.sort_unstable();
    assert_eq!(found, sources);
    for member in &members {
        assert_eq!(member["word_similarity"], 1.0, "{member}");
        assert_eq!(member["diff"], "", "{member}");
    }
}

#[test]
fn group_keeps_what_it_read_from_stdin_for_the_diffs() {
    let dir = temp();
    write(&dir.path().join("b.txt"), COPIED);
    let out = pith()
        .current_dir(dir.path())
        .args(["group", "-q", "--jsonl", "-", "b.txt"])
        .write_stdin(COPIED)
        .timeout(PATIENCE)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_one_group_of_identical_copies(&out, &["-", "b.txt"]);
}

/// A FIFO at `dir/name` that gives `bytes` to the first reader that opens it, and nothing more.
#[cfg(unix)]
fn fifo(dir: &Path, name: &str, bytes: impl Into<Vec<u8>>) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success(), "mkfifo {}", path.display());
    let writer = path.clone();
    let bytes = bytes.into();
    // Opening a FIFO to write waits for a reader: the thread ends once pith has read it.
    std::thread::spawn(move || std::fs::write(writer, bytes));
    path
}

#[cfg(unix)]
#[test]
fn group_keeps_what_it_read_from_a_fifo_for_the_diffs() {
    let dir = temp();
    write(&dir.path().join("b.txt"), COPIED);
    fifo(dir.path(), "a.fifo", COPIED);
    let out = pith()
        .current_dir(dir.path())
        .args(["group", "-q", "--jsonl", "a.fifo", "b.txt"])
        .timeout(PATIENCE)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_one_group_of_identical_copies(&out, &["a.fifo", "b.txt"]);
}

/// JSONL lines from a FIFO are kept from the first read too: never read again at their offsets.
#[cfg(unix)]
#[test]
fn group_keeps_the_jsonl_lines_it_read_from_a_fifo() {
    let dir = temp();
    let line = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string() + "\n";
    let lines = line("first", COPIED) + &line("second", &COPIED.replace("Monday", "Tuesday"));
    fifo(dir.path(), "lines.fifo", lines);
    let out = pith()
        .current_dir(dir.path())
        .args(["group", "-q", "--jsonl", "--jsonl-in", "lines.fifo"])
        .timeout(PATIENCE)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let members = members(&out.stdout);
    let diffs: Vec<&str> = members.iter().filter_map(|m| m["diff"].as_str()).collect();
    assert_eq!(members.len(), 2, "{members:?}");
    assert!(diffs.iter().any(|d| d.contains("Tuesday")), "{members:?}");
}

/// A story's articles given as files, or with the first one as a FIFO: the same story (its
/// terms and quotes read from the FIFO's body as kept from the first pass).
#[cfg(unix)]
#[test]
fn stories_keep_what_they_read_from_a_fifo() {
    let dir = temp();
    let names: Vec<String> = (0..6).map(|n| format!("r{n}.txt")).collect();
    for (n, name) in names.iter().enumerate() {
        write(&dir.path().join(name), common::report(n * 7));
    }
    let run = |inputs: &[String]| {
        let out = pith()
            .current_dir(dir.path())
            .args(["stories", "-q", "--jsonl"])
            .args(inputs)
            .timeout(PATIENCE)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let from_files = run(&names);
    assert!(from_files.contains("\"quotes\":[{"), "{from_files}");
    fifo(dir.path(), "r0.fifo", common::report(0));
    let mut inputs = names.clone();
    inputs[0] = "r0.fifo".into();
    assert_eq!(run(&inputs).replace("r0.fifo", "r0.txt"), from_files);
}

/// What a run told its sink: the errors of the second pass, and what it wrote.
#[derive(Default)]
struct Told {
    lost: Vec<String>,
    groups: Vec<Group>,
    stories: Vec<Story>,
    /// Done to an input's file once the first pass has read it.
    after_first_read: Vec<(String, Option<String>)>,
    /// The sink reads no member's body but the canonical one ([`GroupSink::wants_bodies`]).
    streamed: bool,
    /// The length of each member's body, per group, as handed to the sink.
    bodies: Vec<Vec<usize>>,
}

impl Told {
    /// Once the first pass has cleaned `record`, its file is written over or removed.
    fn meddle(&mut self, record: &Record) {
        let Some(at) = self
            .after_first_read
            .iter()
            .position(|(name, _)| *name == record.source)
        else {
            return;
        };
        let (name, new) = self.after_first_read.swap_remove(at);
        match new {
            Some(text) => std::fs::write(&name, text).unwrap_or_else(|e| panic!("{name}: {e}")),
            None => std::fs::remove_file(&name).unwrap_or_else(|e| panic!("{name}: {e}")),
        }
    }
}

impl GroupSink for Told {
    fn seen(&mut self, result: Result<&Record, &pith::Error>) {
        let Ok(record) = result else {
            panic!("the first pass reads every input");
        };
        self.meddle(record);
    }

    fn lost(&mut self, error: &pith::Error) {
        self.lost.push(error.to_string());
    }

    fn group(&mut self, group: &Group, members: &[&Record]) -> std::io::Result<()> {
        self.groups.push(group.clone());
        self.bodies.push(members.iter().map(|m| m.text.len()).collect());
        Ok(())
    }

    fn wants_bodies(&self) -> bool {
        !self.streamed
    }
}

impl StoriesSink for Told {
    fn seen(&mut self, result: Result<&Record, &pith::Error>) {
        let Ok(record) = result else {
            panic!("the first pass reads every input");
        };
        self.meddle(record);
    }

    fn finding(&mut self, _: usize) {}

    fn renamed(&mut self, _: &str, _: &str) {}

    fn lost(&mut self, error: &pith::Error) {
        self.lost.push(error.to_string());
    }

    fn story(&mut self, story: &Story) -> std::io::Result<()> {
        self.stories.push(story.clone());
        Ok(())
    }
}

fn one_thread() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn jobs(paths: &[PathBuf]) -> Box<dyn Iterator<Item = pith::corpus::Job>> {
    pith::corpus::jobs_for(paths, false).unwrap_or_else(|e| panic!("{e}"))
}

/// Finds the stories of `paths` on one thread with default options, telling `told`; the run
/// succeeds.
fn stories_into(paths: &[PathBuf], told: &mut Told) {
    let result = pith::corpus::stories_inputs(
        jobs(paths),
        &pith::jsonl::Fields::default(),
        &pith::Options::default(),
        &one_thread(),
        pith::stories::StoryOptions::default(),
        told,
    );
    assert!(result.is_ok(), "{result:?}");
}

/// The records of `paths`, cleaned with default options, in order.
fn cleaned(paths: &[PathBuf]) -> Vec<Record> {
    let options = pith::Options::default();
    paths
        .iter()
        .map(|p| {
            let source = pith::input::read_path(p, &options.read).unwrap_or_else(|e| panic!("{e}"));
            pith::clean_with(&source, &options)
        })
        .collect()
}

/// Groups `paths` on one thread with default options, telling `told`; the run succeeds.
fn group_into(paths: &[PathBuf], told: &mut Told) {
    let result = pith::corpus::group_inputs(
        jobs(paths),
        &pith::jsonl::Fields::default(),
        &pith::Options::default(),
        &one_thread(),
        pith::group::GroupOptions::default(),
        told,
    );
    assert!(result.is_ok(), "{result:?}");
}

/// Three copies; between the passes one is written over and one removed: each is reported by
/// name and left out, and the group holds the copy that is still there — whether the sink reads
/// every member's body or only the canonical one.
#[test]
fn a_copy_changed_or_removed_between_the_passes_is_reported_and_left_out_of_its_group() {
    for streamed in [false, true] {
        a_copy_changed_or_removed_is_left_out(streamed);
    }
}

fn a_copy_changed_or_removed_is_left_out(streamed: bool) {
    let dir = temp();
    let paths: Vec<PathBuf> = ["a.txt", "b.txt", "c.txt"].iter().map(|n| dir.path().join(n)).collect();
    for path in &paths {
        write(path, COPIED);
    }
    let name = |i: usize| paths[i].display().to_string();
    let mut told = Told {
        after_first_read: vec![(name(0), Some("Something else entirely.\n".into())), (name(1), None)],
        streamed,
        ..Told::default()
    };
    group_into(&paths, &mut told);
    assert_eq!(told.lost.len(), 2, "{:?}", told.lost);
    assert!(
        told.lost[0].starts_with(&format!("{}: changed between the two passes", name(0))),
        "{:?}",
        told.lost
    );
    assert!(
        told.lost[1].starts_with(&format!("{}: cannot read", name(1))),
        "{:?}",
        told.lost
    );
    let groups: Vec<Vec<&str>> = told
        .groups
        .iter()
        .map(|g| g.members.iter().map(|m| m.source.as_str()).collect())
        .collect();
    assert_eq!(groups, vec![vec![name(2).as_str()]]);
}

/// Twenty variants of one article in one group, compared with the canonical body a batch at
/// a time (one thread: batches of eight): the same group (canonical, member order, diffs,
/// merged provenance) as the library's `group` makes from all twenty records at once. The sink
/// gets the canonical body, and the bodies of the members that differ from it only when it
/// asks for them.
#[test]
fn a_group_compared_a_batch_at_a_time_is_the_group_compared_whole() {
    let dir = temp();
    let paths: Vec<PathBuf> = (0..20).map(|n| dir.path().join(format!("v{n:02}.txt"))).collect();
    for (n, path) in paths.iter().enumerate() {
        let mut text = COPIED.replace("Monday", if n % 3 == 0 { "Sunday" } else { "Monday" });
        if n % 4 == 1 {
            text.push_str("\nThe council will meet on Friday.\n");
        }
        // v13 is the longest, and v17 its exact copy.
        if n == 13 || n == 17 {
            text.push_str("\nBoats may moor at the new pier from next month, the harbour master said.\n");
        }
        write(path, text);
    }
    let records = cleaned(&paths);
    let whole = pith::group::group(&records, pith::group::GroupOptions::default());
    assert_eq!(whole.len(), 1, "one group of twenty");
    assert_eq!(whole[0].members.len(), 20);
    assert!(
        whole[0].canonical.ends_with("v13.txt"),
        "the longest copy is canonical: {}",
        whole[0].canonical
    );
    assert!(
        whole[0]
            .members
            .iter()
            .any(|m| m.diff.is_empty() && m.source.ends_with("v17.txt")),
        "v17 is the canonical body word for word"
    );
    let json = |groups: &[Group]| serde_json::to_string(groups).unwrap_or_else(|e| panic!("{e}"));
    for streamed in [false, true] {
        let mut told = Told {
            streamed,
            ..Told::default()
        };
        group_into(&paths, &mut told);
        assert!(told.lost.is_empty(), "{:?}", told.lost);
        assert_eq!(json(&whole), json(&told.groups), "streamed: {streamed}");
        let bodies = &told.bodies[0];
        assert!(bodies[0] > 0, "the canonical body: {bodies:?}");
        for (member, &length) in whole[0].members.iter().zip(bodies).skip(1) {
            let wanted = !streamed && !member.diff.is_empty();
            assert_eq!(length > 0, wanted, "{}: {bodies:?}", member.source);
        }
    }
}

/// A story's article removed between the passes: reported by name, and the story is written.
#[test]
fn a_story_article_removed_between_the_passes_is_reported() {
    let dir = temp();
    let paths: Vec<PathBuf> = (0..6).map(|n| dir.path().join(format!("r{n}.txt"))).collect();
    for (n, path) in paths.iter().enumerate() {
        write(path, common::report(n * 7));
    }
    let gone = paths[2].display().to_string();
    let mut told = Told {
        after_first_read: vec![(gone.clone(), None)],
        ..Told::default()
    };
    stories_into(&paths, &mut told);
    assert_eq!(told.lost.len(), 1, "{:?}", told.lost);
    assert!(
        told.lost[0].starts_with(&format!("{gone}: cannot read")),
        "{:?}",
        told.lost
    );
    assert_eq!(told.stories.len(), 1);
    assert_eq!(told.stories[0].articles.len(), 6);
}

/// A story of more reports than one thread reads again in a batch (thirty-two), one of them
/// scraped twice: read a document at a time, each reduced to its quotes and terms before the
/// next, it is the story the library's `stories` makes with every record in memory — the
/// same articles, terms, quotes, wordings and speakers.
#[test]
fn a_story_read_a_document_at_a_time_is_the_story_read_whole() {
    let dir = temp();
    let mut paths: Vec<PathBuf> = (0..40).map(|n| dir.path().join(format!("r{n:02}.txt"))).collect();
    for (n, path) in paths.iter().enumerate() {
        write(path, common::report(n * 7));
    }
    let copy = dir.path().join("r05-again.txt");
    write(&copy, common::report(5 * 7));
    paths.push(copy);
    let records = cleaned(&paths);
    let groups = pith::group::group(&records, pith::group::GroupOptions::default());
    let whole = pith::stories::stories(&records, &groups, pith::stories::StoryOptions::default());
    assert_eq!(whole.len(), 1, "one story");
    assert_eq!(whole[0].articles.len(), 40, "the copy is a member of its article");
    assert!(
        !whole[0].terms.is_empty() && !whole[0].quotes.is_empty(),
        "{:?}",
        whole[0]
    );
    assert!(
        whole[0].quotes[0]
            .wordings
            .iter()
            .any(|w| w.sources.iter().any(|s| s.ends_with("r05-again.txt"))),
        "the copy carries its quote: {:?}",
        whole[0].quotes
    );
    let mut told = Told::default();
    stories_into(&paths, &mut told);
    assert!(told.lost.is_empty(), "{:?}", told.lost);
    let json = |stories: &[Story]| serde_json::to_string(stories).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json(&told.stories), json(&whole));
}
