//! JSONL documents in (`pith clean --jsonl-in`): one JSON object per line, with the page in an
//! `html` or `text` field, an `id` and a `url`; every other field is passed through as `extra`.
//! A file may be gzipped (told by its first bytes) and may open with a UTF-8 byte order mark.

use std::io::Read;
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::input::{self, Format, ReadOptions};

/// Which fields of a JSONL line hold what.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: String,
    pub url: String,
    pub html: String,
    pub text: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            url: "url".into(),
            html: "html".into(),
            text: "text".into(),
        }
    }
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A JSONL input opened for reading lines: gzip undone when the bytes start with its magic.
pub struct Opened {
    pub reader: Box<dyn Read>,
    /// Whether a line can be read again from its byte offset in the file (a regular file, as
    /// [`input::reads_again`] tells; not stdin or a FIFO, not gzip, whose offsets are in the
    /// unzipped stream).
    pub seekable: bool,
}

/// Opens a JSONL input (`-` for stdin).
pub fn open(path: &Path) -> Result<Opened> {
    let name = path.display().to_string();
    let stdin = path.as_os_str() == "-";
    let mut reader: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(path).map_err(|cause| Error::Read {
            source_name: name.clone(),
            cause,
        })?;
        Box::new(file)
    };
    let mut head = [0u8; 2];
    let mut got = 0;
    while let Some(rest) = head.get_mut(got..).filter(|rest| !rest.is_empty()) {
        match reader.read(rest) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(cause) => {
                return Err(Error::Read {
                    source_name: name,
                    cause,
                })
            }
        }
    }
    let gzipped = got == head.len() && head == GZIP_MAGIC;
    let sniffed = std::io::Cursor::new(head.get(..got).unwrap_or_default().to_vec()).chain(reader);
    Ok(if gzipped {
        Opened {
            reader: Box::new(flate2::read::MultiGzDecoder::new(sniffed)),
            seekable: false,
        }
    } else {
        Opened {
            reader: Box::new(sniffed),
            seekable: input::reads_again(path),
        }
    })
}

/// Decodes the document of one JSONL line, with the fields pith does not read (None when there
/// are none).
pub(crate) fn read_line(
    line: &str,
    origin: &str,
    fields: &Fields,
    options: &ReadOptions,
) -> Result<(input::Source, Option<Map<String, Value>>)> {
    // A byte order mark opens a file (and so its first line, or a line where files were joined).
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    // Half an emoji (a lone `\ud83d`) makes the line invalid JSON: read as U+FFFD, and said.
    let (value, halves): (Value, bool) = match serde_json::from_str(line) {
        Ok(value) => (value, false),
        Err(e) => {
            let repaired = crate::text::lone_surrogates_replaced(line);
            match (repaired != line).then(|| serde_json::from_str(&repaired)) {
                Some(Ok(value)) => (value, true),
                _ => {
                    return Err(Error::BadLine {
                        source_name: origin.to_string(),
                        reason: format!("not a JSON object: {e}"),
                    })
                }
            }
        }
    };
    let Value::Object(mut object) = value else {
        return Err(Error::BadLine {
            source_name: origin.to_string(),
            reason: "not a JSON object".into(),
        });
    };
    // A field is taken out only when it is read: an `id` that is neither a string nor a number,
    // an empty `url`, or a `text` beside the `html` that is read stay in `extra`, as given.
    let id = match object.get(&fields.id) {
        Some(Value::String(_) | Value::Number(_)) => match object.shift_remove(&fields.id) {
            Some(Value::String(s)) => Some(s),
            // Written as the line wrote it (serde_json's arbitrary_precision): a long numeric id
            // is not rounded into another's.
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        },
        _ => None,
    };
    let name = id.clone().unwrap_or_else(|| origin.to_string());
    let url = match object.get(&fields.url) {
        Some(Value::String(s)) if !s.is_empty() => match object.shift_remove(&fields.url) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    };
    let read_as = |key: &str| matches!(object.get(key), Some(Value::String(_)));
    let (key, format) = if read_as(&fields.html) {
        (&fields.html, Some(Format::Html))
    } else if read_as(&fields.text) {
        (&fields.text, None)
    } else {
        return Err(Error::BadLine {
            source_name: origin.to_string(),
            reason: format!(
                "has neither a \"{}\" nor a \"{}\" string field",
                fields.html, fields.text
            ),
        });
    };
    let Some(Value::String(body)) = object.shift_remove(key) else {
        return Err(Error::BadLine {
            source_name: origin.to_string(),
            reason: format!("its \"{key}\" field is not a string"),
        });
    };
    let read = ReadOptions {
        format: options.format.or(format),
        ..options.clone()
    };
    let mut source = input::decode(&name, body.into_bytes(), &read).map_err(|e| at_line(e, origin))?;
    source.fetched_from = url.map(|u| (u, format!("jsonl:{}", fields.url)));
    if halves {
        source
            .warnings
            .push("the line holds half a surrogate pair (`\\ud83d` alone, half an emoji); read as U+FFFD".into());
    }
    Ok((source, (!object.is_empty()).then_some(object)))
}

/// An error about a document, renamed from its id to its file and line.
fn at_line(error: Error, origin: &str) -> Error {
    let source_name = origin.to_string();
    match error {
        Error::NotText { reason, .. } => Error::NotText { source_name, reason },
        Error::TooLarge { size, limit, .. } => Error::TooLarge {
            source_name,
            size,
            limit,
        },
        Error::Read { cause, .. } => Error::Read { source_name, cause },
        other => other,
    }
}

/// A JSONL object's fields other than the ones pith reads.
pub type Extra = Map<String, Value>;
