//! The inputs a command line names: files as given, folders walked in a stable order.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Expands the paths given on the command line into the list of inputs, in a stable order:
/// files as given, directories walked recursively in sorted order, `-` for stdin.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    expand_paths_except(paths, None, &mut None)
}

/// Expands the paths as [`expand_paths`] does, but a walk leaves out the folder whose canonical
/// path is `except` (the output folder of `-o`) wherever it meets it below a folder given, and
/// sets `skipped` to where it first met it. A path given is always taken.
pub(crate) fn expand_paths_except(
    paths: &[PathBuf],
    except: Option<&Path>,
    skipped: &mut Option<PathBuf>,
) -> Vec<Result<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            out.push(Ok(path.clone()));
        } else {
            walk_dir(path, except, skipped, &mut out);
        }
    }
    out
}

/// Walks a directory in sorted order, leaving out hidden entries and following symlinks, but
/// each real directory only once: a link back to an ancestor is reported as an error and not
/// followed, and a second way into a directory already walked is left (its files are taken once,
/// under the name that sorts first). A directory below `dir` whose canonical path is `except`
/// is left out, and `skipped` says where it was met first. An entry that is neither a file nor
/// a folder (a FIFO, a socket, a device) is an error that names it ([`Error::NotAFile`]).
fn walk_dir(dir: &Path, except: Option<&Path>, skipped: &mut Option<PathBuf>, out: &mut Vec<Result<PathBuf>>) {
    let mut walked = std::collections::HashSet::new();
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_str().is_some_and(|n| n.starts_with('.'));
            if hidden || !entry.file_type().is_dir() {
                return !hidden;
            }
            // A directory that cannot be resolved is walked, and walkdir reports what fails.
            let Ok(real) = std::fs::canonicalize(entry.path()) else {
                return true;
            };
            if entry.depth() > 0 && except == Some(real.as_path()) {
                skipped.get_or_insert_with(|| entry.path().to_path_buf());
                return false;
            }
            walked.insert(real)
        });
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => out.push(match special_kind(&entry.file_type()) {
                Some(kind) => Err(Error::NotAFile {
                    source_name: entry.path().display().to_string(),
                    kind,
                }),
                None => Ok(entry.into_path()),
            }),
            Err(error) => out.push(Err(walk_error(dir, error))),
        }
    }
}

/// What an entry that is neither a file nor a folder is (a FIFO, a socket, a device): a walk
/// leaves it out, since reading a FIFO nobody writes to waits for ever and a device may never
/// end; none for a file.
fn special_kind(file_type: &std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("FIFO");
        }
        if file_type.is_socket() {
            return Some("socket");
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Some("device");
        }
    }
    Some("special file")
}

fn walk_error(dir: &Path, error: walkdir::Error) -> Error {
    let source_name = error.path().unwrap_or(dir).display().to_string();
    if let Some(ancestor) = error.loop_ancestor() {
        return Error::Loop {
            source_name,
            ancestor: ancestor.display().to_string(),
        };
    }
    Error::Read {
        source_name,
        cause: error
            .into_io_error()
            .unwrap_or_else(|| std::io::Error::other("cannot walk the directory")),
    }
}
