//! Where one file per input goes (`pith clean -o DIR`, `pith restore -o DIR`): at a path that
//! mirrors the input's, planned before anything is written so that no two inputs share a file,
//! and never written over later in the same run.
//!
//! Every input keeps its path below the deepest folder that holds all the inputs given (a
//! folder given holds itself, a file given is held by its own folder): one folder given writes
//! its files at their paths inside it, as `-o` always has; `a b` writes `a/x.txt` and
//! `b/x.txt`; `dumps/*.html` writes `x.txt`, `y.txt`. Leading `/` and `..` do not leave DIR.
//! A page's extension (`.html`, `.htm`, `.xhtml`, `.txt`, `.text`, `.md`, `.markdown`, each also
//! with `.gz`, or `.gz` alone) gives way to the output's (`.txt`, `.md`, `.json`, `.csv`, `.xml`, `.html`); any other is
//! kept and the output's added (`page.php` → `page.php.txt`, so that `report.2024` and
//! `report.2025` stay two files). Inputs that would meet in one file (`a.html` and `a.txt`) all
//! keep their whole name (`a.html.txt`, `a.txt.txt`); if two still meet, nothing is written.
//! A WARC file is a folder of its records, each named by its offset
//! (`crawl.warc.gz/1443.txt`); JSONL lines are named by their id.
//!
//! No output is written over one of the run's inputs ([`Inputs`]): `pith clean -o d d` where
//! `d/x.txt` would be cleaned into itself is refused before anything is written, and so are
//! `--learn`, `eval --pred-out` and `restore -o` naming a file the run reads.
//!
//! ```
//! use std::path::{Path, PathBuf};
//! use pith::output::{Kind, OutputDir};
//! let roots = [PathBuf::from("a"), PathBuf::from("b")];
//! let inputs = [PathBuf::from("a/x.txt"), PathBuf::from("b/x.txt"), PathBuf::from("b/y.html")];
//! let out = OutputDir::plan(Path::new("out"), &roots, &inputs, Kind::Markdown).unwrap();
//! assert_eq!(out.target_of(Path::new("a/x.txt")), Some(Path::new("out/a/x.md")));
//! assert_eq!(out.target_of(Path::new("b/x.txt")), Some(Path::new("out/b/x.md")));
//! assert_eq!(out.target_of(Path::new("b/y.html")), Some(Path::new("out/b/y.md")));
//! ```

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// What is written, which gives each output file its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Json,
    Csv,
    Xml,
    Html,
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Text => "txt",
            Kind::Markdown => "md",
            Kind::Json => "json",
            Kind::Csv => "csv",
            Kind::Xml => "xml",
            Kind::Html => "html",
        }
    }
}

/// Extensions of pages that the output's extension replaces.
const PAGE_EXTENSIONS: [&str; 7] = ["html", "htm", "xhtml", "txt", "text", "md", "markdown"];

/// The output folder of one run: the planned file of each input, and what has been written.
#[derive(Debug)]
pub struct OutputDir {
    dir: PathBuf,
    /// The output's extension; `None` keeps each input's own name (`restore`).
    extension: Option<&'static str>,
    planned: HashMap<PathBuf, PathBuf>,
    /// The folder of each WARC file given, which holds a file per record.
    containers: HashMap<PathBuf, PathBuf>,
    /// Every planned file, so that a document named only later (a JSONL line, a WARC record)
    /// does not take one.
    reserved: HashSet<PathBuf>,
    /// Each file written in this run, and the input it holds.
    written: HashMap<PathBuf, String>,
    /// The same, by file identity: on a case-insensitive file system two names are one file.
    identities: HashMap<FileId, String>,
    /// The files the run reads, which no output is written over.
    inputs: Inputs,
    /// The files the run writes besides its outputs ([`OutputDir::also_writes`]), absolute.
    own_files: Vec<PathBuf>,
}

impl OutputDir {
    /// Plans the file of every input found under `roots` (files, folders, `-` for stdin,
    /// which is written as `stdin.EXT`), and the folder of every WARC file. Refuses, naming
    /// both, when two inputs would share a file, or when a file planned is one of the inputs
    /// or roots (`pith clean -o d d` cleaning `d/x.txt` into itself).
    pub fn plan(dir: &Path, roots: &[PathBuf], inputs: &[PathBuf], kind: Kind) -> Result<OutputDir> {
        let base = common_folder(roots.iter().filter(|r| !is_stdin(r)).map(|root| {
            let path = lexical(root);
            if root.is_dir() {
                path
            } else {
                path.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        }));
        let entries: Vec<(String, PathBuf)> = inputs
            .iter()
            .map(|input| {
                let relative = if is_stdin(input) {
                    PathBuf::from("stdin")
                } else {
                    below(&base, &lexical(input), false)
                };
                (input.display().to_string(), relative)
            })
            .collect();
        let mut out = OutputDir::empty(dir, Some(kind.extension()));
        out.inputs = Inputs::of(roots.iter().chain(inputs).map(PathBuf::as_path));
        let warc = |input: &PathBuf| crate::warc::is_warc_name(input);
        let targets = out.assign(&entries, &inputs.iter().map(warc).collect::<Vec<_>>())?;
        for (input, target) in inputs.iter().zip(targets) {
            if warc(input) {
                out.containers.insert(input.clone(), target);
            } else {
                out.reserved.insert(target.clone());
                out.planned.insert(input.clone(), target);
            }
        }
        Ok(out)
    }

    /// Plans one file per record for `pith restore -o DIR`, from each record's `source`, below
    /// the deepest folder that holds them all, under its own name (the input's bytes come back,
    /// so its extension stays). Characters that some file systems refuse become `_`. The files
    /// come back in the order of `sources`. Refuses a file planned that is one of `inputs` (the
    /// record file, the input given with `--input`).
    pub fn plan_restore(dir: &Path, sources: &[&str], inputs: &[&Path]) -> Result<(OutputDir, Vec<PathBuf>)> {
        let paths: Vec<PathBuf> = sources.iter().map(|s| lexical(Path::new(s))).collect();
        let base = common_folder(
            sources
                .iter()
                .zip(&paths)
                .filter(|(s, _)| **s != "-")
                .map(|(_, p)| p.parent().map(Path::to_path_buf).unwrap_or_default()),
        );
        let entries: Vec<(String, PathBuf)> = sources
            .iter()
            .zip(&paths)
            .map(|(source, path)| {
                let relative = if *source == "-" {
                    PathBuf::from("stdin")
                } else {
                    below(&base, path, true)
                };
                (source.to_string(), relative)
            })
            .collect();
        let mut out = OutputDir::empty(dir, None);
        out.inputs = Inputs::of(inputs.iter().copied());
        let targets = out.assign(&entries, &[])?;
        out.reserved = targets.iter().cloned().collect();
        Ok((out, targets))
    }

    fn empty(dir: &Path, extension: Option<&'static str>) -> OutputDir {
        OutputDir {
            dir: dir.to_path_buf(),
            extension,
            planned: HashMap::new(),
            containers: HashMap::new(),
            reserved: HashSet::new(),
            written: HashMap::new(),
            identities: HashMap::new(),
            inputs: Inputs::default(),
            own_files: Vec::new(),
        }
    }

    /// The file of each entry (`(name shown in errors, path below DIR)`): its name with the
    /// output's extension, or, where two meet, its whole name with the extension added. A
    /// container (`folders[i]`, a WARC file) keeps its whole name, as a folder. Refuses two
    /// entries of one file, and a file that is one of the run's inputs.
    fn assign(&self, entries: &[(String, PathBuf)], folders: &[bool]) -> Result<Vec<PathBuf>> {
        let folder = |i: usize| folders.get(i).copied().unwrap_or(false);
        let primary: Vec<PathBuf> = entries
            .iter()
            .enumerate()
            .map(|(i, (_, relative))| {
                if folder(i) {
                    self.dir.join(relative)
                } else {
                    self.dir.join(self.renamed(relative))
                }
            })
            .collect();
        let mut meeting: HashMap<&Path, usize> = HashMap::new();
        for target in &primary {
            *meeting.entry(target).or_default() += 1;
        }
        let targets: Vec<PathBuf> = entries
            .iter()
            .zip(&primary)
            .enumerate()
            .map(|(i, ((_, relative), target))| {
                if !folder(i) && meeting.get(target.as_path()).is_some_and(|n| *n > 1) {
                    self.dir.join(self.whole(relative))
                } else {
                    target.clone()
                }
            })
            .collect();
        let mut taken: HashMap<&Path, &str> = HashMap::new();
        for ((name, _), target) in entries.iter().zip(&targets) {
            if let Some(first) = taken.insert(target, name) {
                return Err(Error::OutputClash {
                    target: target.clone(),
                    first: first.to_string(),
                    second: name.clone(),
                });
            }
        }
        for target in &targets {
            self.inputs.refuse(target)?;
        }
        Ok(targets)
    }

    /// Adds `path`, a file the run reads besides its documents (`--boilerplate FILE`), to the
    /// files no output is written over. Refuses, naming both, when an input's file is planned
    /// over it.
    pub fn also_reads(&mut self, path: &Path) -> Result<()> {
        let read = Inputs::of([path]);
        for target in &self.reserved {
            read.refuse(target)?;
        }
        if let Some(id) = identity(path) {
            self.inputs
                .files
                .entry(id)
                .or_insert_with(|| path.display().to_string());
        }
        Ok(())
    }

    /// Keeps `path`, a file the run writes besides its outputs (`what`: `--learn`'s model), for
    /// it: refuses, naming both, when an input's file is planned there, and no document named
    /// later (a JSONL line, a WARC record) takes it.
    pub fn also_writes(&mut self, path: &Path, what: &str) -> Result<()> {
        // Compared as absolute paths (the file may not exist yet), and by identity when it does.
        let own = absolute(path);
        let id = identity(path);
        let clash = self
            .planned
            .iter()
            .find(|(_, target)| absolute(target) == own || id.is_some() && identity(target) == id);
        if let Some((input, target)) = clash {
            return Err(Error::OutputClash {
                target: target.clone(),
                first: input.display().to_string(),
                second: what.to_string(),
            });
        }
        self.own_files.push(own);
        Ok(())
    }

    /// `page.html` → `page.txt`; `page.php` → `page.php.txt`; unchanged without an extension.
    fn renamed(&self, relative: &Path) -> PathBuf {
        let Some(extension) = self.extension else {
            return relative.to_path_buf();
        };
        let name = relative.file_name().unwrap_or_default();
        relative.with_file_name(with_extension(name, true, extension))
    }

    /// `page.html` → `page.html.txt`.
    fn whole(&self, relative: &Path) -> PathBuf {
        let Some(extension) = self.extension else {
            return relative.to_path_buf();
        };
        let name = relative.file_name().unwrap_or_default();
        relative.with_file_name(with_extension(name, false, extension))
    }

    /// The planned file of an input file (None for one not planned).
    pub fn target_of(&self, input: &Path) -> Option<&Path> {
        self.planned.get(input).map(PathBuf::as_path)
    }

    /// The file of a document that is not a file of its own, named from its source: a WARC
    /// record (`FILE#OFFSET`) as `OFFSET.EXT` in its file's folder, a JSONL line by its id
    /// (awkward characters as `_`); the first of `NAME.EXT`, `NAME~2.EXT`, … that no other
    /// input of this run has or will have, and that is not one of its inputs.
    pub fn target_of_document(&self, source: &str) -> PathBuf {
        let in_container = source.rsplit_once('#').and_then(|(file, offset)| {
            let folder = self.containers.get(Path::new(file))?;
            offset.bytes().all(|b| b.is_ascii_digit()).then(|| folder.join(offset))
        });
        let first = match in_container {
            Some(path) => self.renamed(&path),
            None => self.dir.join(self.renamed(Path::new(&safe_name(source)))),
        };
        let free = |p: &PathBuf| {
            !self.reserved.contains(p)
                && !self.written.contains_key(p)
                && self.inputs.held(p).is_none()
                && !self.own_files.contains(&absolute(p))
        };
        if free(&first) {
            return first;
        }
        let stem = first.file_stem().unwrap_or_default();
        let extension = self.extension.map(|e| format!(".{e}")).unwrap_or_default();
        (2..)
            .map(|n| {
                let mut name = stem.to_os_string();
                name.push(format!("~{n}{extension}"));
                first.with_file_name(name)
            })
            .find(free)
            .unwrap_or(first)
    }

    /// Writes `bytes` to `target` (making its folder) for the input `source`, unless a file of
    /// this run is there already, or `target` is one of the run's inputs.
    pub fn write(&mut self, target: &Path, source: &str, bytes: &[u8]) -> Result<()> {
        self.write_with(target, source, |file| file.write_all(bytes))
    }

    /// Writes to `target` (making its folder) what `write` writes into it, for the input
    /// `source`, unless a file of this run is there already or `target` is one of the run's
    /// inputs: the output goes to the file as it is made, never held whole.
    pub fn write_with(
        &mut self,
        target: &Path,
        source: &str,
        write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
    ) -> Result<()> {
        let clash = |by: &String| Error::Overwrite {
            target: target.to_path_buf(),
            by: by.clone(),
            source_name: source.to_string(),
        };
        if let Some(by) = self.written.get(target) {
            return Err(clash(by));
        }
        if let Some(by) = identity(target).and_then(|id| self.identities.get(&id)) {
            return Err(clash(by));
        }
        self.inputs.refuse(target)?;
        let failed = |cause| Error::Write {
            target: target.display().to_string(),
            cause,
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(failed)?;
        }
        let mut file = std::io::BufWriter::new(std::fs::File::create(target).map_err(failed)?);
        write(&mut file).and_then(|()| file.flush()).map_err(failed)?;
        self.written.insert(target.to_path_buf(), source.to_string());
        if let Some(id) = identity(target) {
            self.identities.insert(id, source.to_string());
        }
        Ok(())
    }
}

/// What makes a file one file: its device and inode on unix, so that two names of it (`x` and
/// `./x`, a symlink, a hard link, two spellings on a case-insensitive file system) are one.
#[cfg(unix)]
type FileId = (u64, u64);
/// Elsewhere, its canonical path.
#[cfg(not(unix))]
type FileId = PathBuf;

/// The identity of the file at `path` (None when there is none, or it cannot be looked at).
fn identity(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok()
    }
}

/// The files a run reads, by identity, so that none of its outputs is written over one of
/// them: the one check of every command that writes files (`clean -o` and `--learn`, `eval
/// --pred-out`, `restore -o`), made before anything is written.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let page = dir.path().join("b.txt");
/// std::fs::write(&page, "The harbour reopened.")?;
/// let inputs = pith::output::Inputs::of([page.as_path()]);
/// let again = dir.path().join(".").join("b.txt");
/// assert!(matches!(inputs.refuse(&again), Err(pith::Error::OutputIsInput { .. })));
/// assert!(inputs.refuse(&dir.path().join("c.txt")).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct Inputs {
    /// Each input file, and its name as given (the first name, for a file given twice).
    files: HashMap<FileId, String>,
}

impl Inputs {
    /// The inputs among `paths` that are files (or folders) now: stdin (`-`) and paths that name
    /// nothing are left out, as nothing can be written over them.
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Inputs {
        let mut files = HashMap::new();
        for path in paths.into_iter().filter(|p| !is_stdin(p)) {
            if let Some(id) = identity(path) {
                files.entry(id).or_insert_with(|| path.display().to_string());
            }
        }
        Inputs { files }
    }

    /// The input that `target` is (by identity), if it is one.
    fn held(&self, target: &Path) -> Option<&str> {
        if self.files.is_empty() {
            return None;
        }
        identity(target).and_then(|id| self.files.get(&id)).map(String::as_str)
    }

    /// Refuses `target`, naming it and the input, when it is one of the inputs.
    pub fn refuse(&self, target: &Path) -> Result<()> {
        match self.held(target) {
            Some(input) => Err(Error::OutputIsInput {
                target: target.to_path_buf(),
                input: input.to_string(),
            }),
            None => Ok(()),
        }
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The longest file name made from a document id, in bytes: file systems allow 255, and the
/// extension and a `~N` to tell two documents apart go after it.
const MAX_NAME_BYTES: usize = 200;

/// A document id as a file name: path separators and other awkward characters become `_`; a
/// name that starts with a dot (`.`, `..`, a hidden file) gets a `_` before it, so that no id
/// names a folder above the output or hides its file; a long id is cut to
/// [`MAX_NAME_BYTES`] (two ids cut alike are told apart as any two of one name are).
pub(crate) fn safe_name(id: &str) -> String {
    let mut name: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with('.') {
        name.insert(0, '_');
    }
    name.truncate(crate::text::floor_boundary(&name, MAX_NAME_BYTES));
    name
}

/// An input's file name as an output's: its page extension left out (`stem`) or not, and
/// `.EXTENSION` added. The name's own bytes are kept (on unix: elsewhere a name that is not
/// Unicode is read lossily), so that two names that are not UTF-8 (`bad\xff.txt`,
/// `bad\xfe.txt`) stay two files instead of meeting as `bad\u{FFFD}.txt`.
fn with_extension(name: &OsStr, stem: bool, extension: &str) -> OsString {
    #[cfg(unix)]
    let mut out = {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let bytes = name.as_bytes();
        OsString::from_vec(if stem { page_stem(bytes) } else { bytes }.to_vec())
    };
    #[cfg(not(unix))]
    let mut out = {
        let name = name.to_string_lossy();
        let kept = if stem {
            page_stem(name.as_bytes())
        } else {
            name.as_bytes()
        };
        // A stem ends before an ASCII `.`, so it is UTF-8 as the name is.
        OsString::from(std::str::from_utf8(kept).unwrap_or(&name))
    };
    out.push(".");
    out.push(extension);
    out
}

/// A file name's bytes without its page extension (`x.html.gz` → `x`); a name that would be
/// left empty (`.md`) stays whole. Only ASCII is compared, so any bytes go in.
fn page_stem(name: &[u8]) -> &[u8] {
    // The length of `name` without `tail` (compared without case), if it ends with it.
    let before = |name: &[u8], tail: &str| {
        let at = name.len().checked_sub(tail.len())?;
        let end = name.get(at..)?;
        end.eq_ignore_ascii_case(tail.as_bytes()).then_some(at)
    };
    let mut end = before(name, ".gz").unwrap_or(name.len());
    let head = name.get(..end).unwrap_or_default();
    // `.EXT` after at least one byte of name.
    if let Some(dot) = PAGE_EXTENSIONS.iter().find_map(|e| {
        let at = before(head, e)?.checked_sub(1)?;
        (at > 0 && head.get(at) == Some(&b'.')).then_some(at)
    }) {
        end = dot;
    }
    match name.get(..end) {
        Some(stem) if !stem.is_empty() => stem,
        _ => name,
    }
}

/// `path` made absolute from the working folder, lexically (it may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).map_or_else(|_| lexical(path), |a| lexical(&a))
}

/// The path with `.` left out and `dir/..` folded, by its text alone (symlinks are not looked at).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The deepest folder that all of `folders` are in (empty when they share none).
fn common_folder(folders: impl Iterator<Item = PathBuf>) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for folder in folders {
        common = Some(match common {
            None => folder,
            Some(common) => common
                .components()
                .zip(folder.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    common.unwrap_or_default()
}

/// The path below `base`, as plain names only, so that it cannot leave the output folder;
/// `sanitise` also replaces characters some file systems refuse.
fn below(base: &Path, path: &Path, sanitise: bool) -> PathBuf {
    let relative = path.strip_prefix(base).unwrap_or(path);
    let names: PathBuf = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) if sanitise => Some(PathBuf::from(file_name_safe(&name.to_string_lossy()))),
            Component::Normal(name) => Some(PathBuf::from(name)),
            _ => None,
        })
        .collect();
    if names.as_os_str().is_empty() {
        PathBuf::from("unnamed")
    } else {
        names
    }
}

/// A name any file system takes: control characters and `\ : * ? " < > |` become `_`.
fn file_name_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn plan(roots: &[&str], inputs: &[&str], kind: Kind) -> Result<Vec<PathBuf>> {
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
        let out = OutputDir::plan(Path::new("out"), &roots, &inputs, kind)?;
        Ok(inputs
            .iter()
            .map(|i| out.target_of(i).map(Path::to_path_buf).unwrap_or_default())
            .collect())
    }

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn page_extensions_give_way_to_the_output_s() {
        assert_eq!(page_stem(b"x.txt"), b"x");
        assert_eq!(page_stem(b"x.HTML.gz"), b"x");
        assert_eq!(page_stem(b"x.gz"), b"x");
        assert_eq!(page_stem(b"x.markdown"), b"x");
        assert_eq!(page_stem(b"x.php"), b"x.php");
        assert_eq!(page_stem(b".md"), b".md");
        assert_eq!(page_stem(b"..md"), b".");
        assert_eq!(page_stem(b"README"), b"README");
        assert_eq!(page_stem(b"bad\xff\xfe.txt"), b"bad\xff\xfe");
        assert_eq!(page_stem(b"txt"), b"txt");
    }

    #[test]
    fn files_given_one_by_one_are_named_below_their_common_folder() {
        let targets = plan(&["d/a.txt", "d/b.html"], &["d/a.txt", "d/b.html"], Kind::Json).unwrap();
        assert_eq!(targets, paths(&["out/a.json", "out/b.json"]));
        let targets = plan(&["x/a.txt", "y/a.txt"], &["x/a.txt", "y/a.txt"], Kind::Text).unwrap();
        assert_eq!(targets, paths(&["out/x/a.txt", "out/y/a.txt"]));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let path = |bytes: &[u8]| PathBuf::from(std::ffi::OsStr::from_bytes(bytes));
        let inputs = [
            path(b"d/a\xff.html"),
            path(b"d/a\xfe.html"),
            path(b"d/b\xff.txt"),
            path(b"d/b\xff.md"),
        ];
        let out = OutputDir::plan(Path::new("out"), &inputs, &inputs, Kind::Text).unwrap();
        let targets: Vec<Option<&Path>> = inputs.iter().map(|i| out.target_of(i)).collect();
        let expected = [
            path(b"out/a\xff.txt"),
            path(b"out/a\xfe.txt"),
            path(b"out/b\xff.txt.txt"),
            path(b"out/b\xff.md.txt"),
        ];
        assert_eq!(targets, expected.iter().map(|p| Some(p.as_path())).collect::<Vec<_>>());
    }

    #[test]
    fn pages_that_would_meet_keep_their_whole_names() {
        let targets = plan(&["a.html", "a.txt", "b.md"], &["a.html", "a.txt", "b.md"], Kind::Text).unwrap();
        assert_eq!(targets, paths(&["out/a.html.txt", "out/a.txt.txt", "out/b.txt"]));
    }

    #[test]
    fn an_input_given_twice_is_refused() {
        let e = plan(&["a.txt", "./a.txt"], &["a.txt", "./a.txt"], Kind::Text).unwrap_err();
        assert!(matches!(e, Error::OutputClash { .. }), "{e}");
        assert!(e.to_string().contains("out/a.txt.txt: both a.txt and ./a.txt"), "{e}");
    }

    #[test]
    fn parent_and_root_components_stay_inside_the_output_folder() {
        let targets = plan(&["../x/a.txt", "/abs/b.txt"], &["../x/a.txt", "/abs/b.txt"], Kind::Text).unwrap();
        assert_eq!(targets, paths(&["out/x/a.txt", "out/abs/b.txt"]));
        let (_, targets) =
            OutputDir::plan_restore(Path::new("out"), &["../../etc/passwd", "-", "f.jsonl:3"], &[]).unwrap();
        assert_eq!(targets, paths(&["out/etc/passwd", "out/stdin", "out/f.jsonl_3"]));
    }

    #[test]
    fn a_warc_file_is_a_folder_of_its_records() {
        let inputs = paths(&["in/crawl.warc.gz", "in/x.html"]);
        let out = OutputDir::plan(Path::new("out"), &inputs, &inputs, Kind::Json).unwrap();
        assert_eq!(out.target_of(Path::new("in/x.html")), Some(Path::new("out/x.json")));
        let record = out.target_of_document("in/crawl.warc.gz#1443");
        assert_eq!(record, PathBuf::from("out/crawl.warc.gz/1443.json"));
        assert_eq!(
            out.target_of_document("other.warc#12"),
            PathBuf::from("out/other.warc_12.json")
        );
    }

    #[test]
    fn documents_named_later_do_not_take_a_planned_file() {
        let out = OutputDir::plan(Path::new("out"), &paths(&["a.txt"]), &paths(&["a.txt"]), Kind::Text).unwrap();
        assert_eq!(out.target_of_document("a.txt"), PathBuf::from("out/a~2.txt"));
        assert_eq!(out.target_of_document("b"), PathBuf::from("out/b.txt"));
    }
}
