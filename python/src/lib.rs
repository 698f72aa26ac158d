//! The Python package `pith`: [`clean`], [`clean_many`], [`group`] and [`restore`] over the
//! pith library.
//!
//! Records and groups cross into Python as the JSON the CLI writes (serde_json, then Python's
//! `json.loads`), so that a dict is the record of `pith clean --json` key for key and value for
//! value; a record to restore comes back the same way (`json.dumps`, then serde_json). pythonize
//! would build the objects directly but widens an `f32` to the `f64` it holds: a group member's
//! `word_similarity` of 0.983 would arrive as 0.9829999804496765. Inputs are taken out of their
//! Python objects with the GIL held, cleaned on a rayon pool with it released, a batch at a
//! time, and handed back in input order.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

use pith::{Error, Favor, Format, LedgerShape, Options, Record};

pyo3::create_exception!(
    pith,
    PithError,
    PyValueError,
    "An input pith cannot clean (binary, too large, a dict that is not a document), or a record it cannot restore; the message starts with the document's name (a record's source)."
);

/// The options of one call, from its keyword arguments, as `pith clean`'s flags make them.
fn options(
    format: Option<&str>,
    favor: Option<&str>,
    max_bytes: Option<u64>,
    url: Option<String>,
    ledger: &str,
) -> PyResult<Options> {
    let format = match format {
        None => None,
        Some(name) => Some(
            [Format::Text, Format::Markdown, Format::Html]
                .into_iter()
                .find(|f| f.name() == name)
                .ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "format must be \"text\", \"markdown\" or \"html\" (or None to sniff it), not {name:?}"
                    ))
                })?,
        ),
    };
    let favor = match favor {
        None => Favor::Balance,
        Some("precision") => Favor::Precision,
        Some("recall") => Favor::Recall,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "favor must be \"precision\" or \"recall\" (or None), not {other:?}"
            )))
        }
    };
    let ledger = match ledger {
        "full" => LedgerShape::Full,
        "offsets" => LedgerShape::Offsets,
        other => {
            return Err(PyValueError::new_err(format!(
                "ledger must be \"full\" or \"offsets\", not {other:?}"
            )))
        }
    };
    if max_bytes == Some(0) {
        return Err(PyValueError::new_err("max_bytes must be at least 1"));
    }
    let mut options = Options::default();
    options.read.format = format;
    if let Some(max_bytes) = max_bytes {
        options.read.max_bytes = max_bytes;
    }
    options.read.url = url;
    options.favor = favor;
    options.ledger = ledger;
    Ok(options)
}

/// A pool of `threads` workers (every core for None).
fn pool(threads: Option<usize>) -> PyResult<rayon::ThreadPool> {
    if threads == Some(0) {
        return Err(PyValueError::new_err(
            "threads must be at least 1 (None uses every core)",
        ));
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start worker threads: {e}")))
}

/// One document of a call, taken out of its Python object while the GIL is held.
enum Item {
    /// The input's bytes (a str as UTF-8), and the name its record's `source` carries.
    Bytes { name: String, bytes: Vec<u8> },
    /// A dict like a line of `pith clean --jsonl-in`, as JSON; `origin` (`doc-3`) names it in
    /// errors, and in its record when it has no `id`.
    Line { origin: String, line: String },
    /// A record `clean` made before (for `group`), as JSON.
    Record { origin: String, json: String },
    /// An input known to be bad before it is cleaned (a str that is not valid Unicode).
    Bad(Error),
}

impl Item {
    fn name(&self) -> &str {
        match self {
            Item::Bytes { name, .. } => name,
            Item::Line { origin, .. } | Item::Record { origin, .. } => origin,
            Item::Bad(_) => "",
        }
    }

    /// Cleans the document (or reads the record back). A panic, which would be a bug in pith,
    /// becomes an error naming the document instead of crossing into Python.
    fn run(self, options: &Options) -> pith::Result<Record> {
        let name = self.name().to_string();
        catch_unwind(AssertUnwindSafe(|| self.run_unguarded(options))).unwrap_or_else(|panic| {
            let cause = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Error::Panicked {
                source_name: name,
                cause,
            })
        })
    }

    fn run_unguarded(self, options: &Options) -> pith::Result<Record> {
        match self {
            Item::Bytes { name, bytes } => {
                pith::input::decode(&name, bytes, &options.read).map(|source| pith::clean_with(&source, options))
            }
            Item::Line { origin, line } => {
                pith::corpus::clean_line(&line, &origin, &pith::jsonl::Fields::default(), options)
            }
            Item::Record { origin, json } => serde_json::from_str(&json).map_err(|e| Error::BadRecord {
                path: origin.into(),
                cause: format!("{e} (expected a record as `pith.clean` returns it)"),
            }),
            Item::Bad(error) => Err(error),
        }
    }
}

/// Python's `json.dumps` and `json.loads`, looked up once a call.
struct Json<'py> {
    dumps: Bound<'py, PyAny>,
    dumps_options: Bound<'py, PyDict>,
    loads: Bound<'py, PyAny>,
}

impl<'py> Json<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        let json = py.import("json")?;
        let dumps_options = PyDict::new(py);
        dumps_options.set_item("ensure_ascii", false)?;
        dumps_options.set_item("allow_nan", false)?;
        Ok(Json {
            dumps: json.getattr("dumps")?,
            dumps_options,
            loads: json.getattr("loads")?,
        })
    }

    /// A value as Python objects, by way of the JSON the CLI writes.
    fn to_python<T: serde::Serialize>(&self, value: &T) -> PyResult<Bound<'py, PyAny>> {
        let text = serde_json::to_string(value).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        self.loads.call1((text,))
    }

    /// A dict as JSON text; a value JSON does not hold (bytes, a set, NaN) is a `TypeError`
    /// naming the item.
    fn dumps(&self, dict: &Bound<'py, PyDict>, index: usize) -> PyResult<Result<String, Error>> {
        self.dumps_as(dict, &format!("doc-{index}"), |e| {
            format!("item {index}: a dict must hold JSON values (html and text as str): {e}")
        })
    }

    /// A dict as JSON text, whose str values that are not valid Unicode are an error naming
    /// `name`; a value JSON does not hold is a `TypeError` with the message `message` makes.
    fn dumps_as(
        &self,
        dict: &Bound<'py, PyDict>,
        name: &str,
        message: impl FnOnce(PyErr) -> String,
    ) -> PyResult<Result<String, Error>> {
        let text = self
            .dumps
            .call((dict,), Some(&self.dumps_options))
            .map_err(|e| PyTypeError::new_err(message(e)))?;
        Ok(unicode(text.cast::<PyString>()?, name))
    }
}

/// A str as UTF-8; one that is not valid Unicode (a lone surrogate) is an error naming `name`.
fn unicode(text: &Bound<'_, PyString>, name: &str) -> Result<String, Error> {
    text.to_cow().map(|s| s.into_owned()).map_err(|e| Error::NotText {
        source_name: name.to_string(),
        reason: format!("not valid Unicode: {e}"),
    })
}

/// The bytes of `data` (bytes, a bytearray, or a str as UTF-8; a str that is not valid Unicode
/// is an error naming `name`); None for another type.
fn data_bytes(data: &Bound<'_, PyAny>, name: &str) -> Option<Result<Vec<u8>, Error>> {
    if let Ok(bytes) = data.cast::<PyBytes>() {
        Some(Ok(bytes.as_bytes().to_vec()))
    } else if let Ok(bytes) = data.cast::<PyByteArray>() {
        Some(Ok(bytes.to_vec()))
    } else if let Ok(text) = data.cast::<PyString>() {
        Some(unicode(text, name).map(String::into_bytes))
    } else {
        None
    }
}

/// The document in `data` (bytes, a bytearray or a str) named `name`; None for another type.
fn document(data: &Bound<'_, PyAny>, name: String) -> Option<Item> {
    Some(match data_bytes(data, &name)? {
        Ok(bytes) => Item::Bytes { name, bytes },
        Err(error) => Item::Bad(error),
    })
}

/// The type of a Python object, for a message.
fn type_name(object: &Bound<'_, PyAny>) -> String {
    object
        .get_type()
        .name()
        .map_or_else(|_| "an unknown type".to_string(), |n| n.to_string())
}

/// The item at `index` of a `clean_many` or `group` call: bytes or str, a `(name, data)` tuple,
/// a dict like a JSONL line, or (when `records`) a record `clean` returned. A wrong type is a
/// `TypeError` naming the index.
fn item(object: &Bound<'_, PyAny>, index: usize, records: bool, json: &Json<'_>) -> PyResult<Item> {
    let origin = format!("doc-{index}");
    if let Some(item) = document(object, origin.clone()) {
        return Ok(item);
    }
    if let Ok(tuple) = object.cast::<PyTuple>() {
        if let (2, Ok(name)) = (tuple.len(), tuple.get_item(0).and_then(|n| n.extract::<String>())) {
            if let Some(item) = document(&tuple.get_item(1)?, name) {
                return Ok(item);
            }
        }
        return Err(PyTypeError::new_err(format!(
            "item {index}: a tuple must be (name: str, data: bytes | str)"
        )));
    }
    if let Ok(dict) = object.cast::<PyDict>() {
        let line = match json.dumps(dict, index)? {
            Ok(line) => line,
            Err(error) => return Ok(Item::Bad(error)),
        };
        return Ok(if records && dict.contains("provenance")? {
            Item::Record { origin, json: line }
        } else {
            Item::Line { origin, line }
        });
    }
    let expected = if records {
        "bytes, str, a (name, data) tuple, a dict like a JSONL line, or a record"
    } else {
        "bytes, str, a (name, data) tuple or a dict like a JSONL line"
    };
    Err(PyTypeError::new_err(format!(
        "item {index}: expected {expected}, got {}",
        type_name(object)
    )))
}

/// Takes the items of `iterable` a batch at a time (GIL held), runs each batch on the pool with
/// the GIL released, and hands each result, in input order, to `each` (GIL held again). A batch
/// is as many items a thread as a `pith clean` run gives it.
fn run_batches<'py>(
    py: Python<'py>,
    iterable: &Bound<'py, PyAny>,
    pool: &rayon::ThreadPool,
    options: &Options,
    records: bool,
    mut each: impl FnMut(&Json<'py>, pith::Result<Record>) -> PyResult<()>,
) -> PyResult<()> {
    let json = Json::new(py)?;
    let batch = pool.current_num_threads().max(1) * pith::corpus::JOBS_PER_THREAD;
    let mut objects = iterable.try_iter()?.enumerate();
    loop {
        let mut chunk = Vec::with_capacity(batch);
        for (index, object) in objects.by_ref().take(batch) {
            chunk.push(item(&object?, index, records, &json)?);
        }
        if chunk.is_empty() {
            return Ok(());
        }
        let done: Vec<pith::Result<Record>> =
            py.detach(|| pool.install(|| chunk.into_par_iter().map(|item| item.run(options)).collect()));
        for result in done {
            each(&json, result)?;
        }
    }
}

/// Cleans one scraped page and returns its record.
///
/// The record is a dict with the keys and values of ``pith clean --json``: ``source``,
/// ``format``, ``encoding``, ``page_type``, ``confidence``, ``text`` (the article),
/// ``provenance`` (title, authors, dates, url, outlet… with evidence) and ``segments`` (the
/// ledger of every stretch of the input, kept or removed, with its rule and reason), and
/// ``warnings`` when there are any (an empty input gives a record with empty text and a warning).
///
/// Args:
///     data: the page, as bytes (any encoding; gzip is undone) or str.
///     url: the address the page was fetched from (``pith clean --url``): the record's url
///         when the page gives none.
///     format: ``"text"``, ``"markdown"`` or ``"html"``; None sniffs it from ``name`` and the
///         content, as the CLI does.
///     name: the record's ``source``, and the name errors carry.
///     favor: ``"precision"`` (less boilerplate, some body lost) or ``"recall"`` (more of the
///         body, more boilerplate); None for neither.
///     max_bytes: the largest input accepted (default 64 MiB).
///     ledger: what each segment carries (``pith clean --ledger``): ``"full"``, its text too,
///         so that the record alone gives the input back; ``"offsets"``, its byte range,
///         verdict, rule, reason and path only (the record then has ``"ledger": "offsets"``, and
///         :func:`restore` needs the input).
///
/// Raises:
///     PithError: (a ValueError) the input is binary or too large; the message starts with
///         ``name``.
///     TypeError: ``data`` is neither bytes nor str.
///
/// The GIL is released while the page is cleaned.
#[pyfunction]
#[pyo3(signature = (data, url=None, format=None, name=String::from("<python>"), favor=None, max_bytes=None, ledger="full"))]
#[allow(clippy::too_many_arguments)] // Python's keyword arguments, each a flag of `pith clean`.
fn clean<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    url: Option<String>,
    format: Option<String>,
    name: String,
    favor: Option<String>,
    max_bytes: Option<u64>,
    ledger: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(format.as_deref(), favor.as_deref(), max_bytes, url, ledger)?;
    let Some(item) = document(data, name) else {
        return Err(PyTypeError::new_err(format!(
            "data must be bytes or str, got {}",
            type_name(data)
        )));
    };
    let record = py
        .detach(|| item.run(&options))
        .map_err(|e| PithError::new_err(e.to_string()))?;
    Json::new(py)?.to_python(&record)
}

/// Cleans many pages in parallel and returns their records, in input order.
///
/// Each item is one of:
///
/// - bytes or str: named ``doc-N`` by its index N;
/// - a ``(name, data)`` tuple: ``name`` is the record's ``source``;
/// - a dict like a line of ``pith clean --jsonl-in``: the page in ``"html"`` (read as HTML) or
///   ``"text"`` (sniffed), the record's ``source`` in ``"id"`` and the page's address in
///   ``"url"``; other keys come back under the record's ``"extra"``.
///
/// The records are the same whatever ``threads`` is. Items are taken from the iterable a batch
/// at a time (four per thread) and each batch is cleaned with the GIL released.
///
/// Args:
///     items: an iterable of the items above (a generator is read as it goes).
///     threads: worker threads; None uses every core.
///     format, favor, max_bytes, ledger: as for :func:`clean`, for every item.
///     return_exceptions: put a failed item's :class:`PithError` in its place in the list
///         instead of raising it (as ``asyncio.gather`` does).
///
/// Raises:
///     PithError: an item cannot be cleaned (the first in input order); the message starts
///         with its name (``doc-3``, the tuple's name, or for a dict ``doc-3`` whatever its id).
///     TypeError: an item is of none of the types above; the message gives its index.
#[pyfunction]
#[pyo3(signature = (items, threads=None, format=None, favor=None, max_bytes=None, return_exceptions=false, ledger="full"))]
#[allow(clippy::too_many_arguments)] // Python's keyword arguments, each a flag of `pith clean`.
fn clean_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    threads: Option<usize>,
    format: Option<String>,
    favor: Option<String>,
    max_bytes: Option<u64>,
    return_exceptions: bool,
    ledger: &str,
) -> PyResult<Bound<'py, PyList>> {
    let options = options(format.as_deref(), favor.as_deref(), max_bytes, None, ledger)?;
    let pool = pool(threads)?;
    let out = PyList::empty(py);
    run_batches(py, items, &pool, &options, false, |json, result| match result {
        Ok(record) => out.append(json.to_python(&record)?),
        Err(error) if return_exceptions => out.append(PithError::new_err(error.to_string()).into_value(py)),
        Err(error) => Err(PithError::new_err(error.to_string())),
    })?;
    Ok(out)
}

/// Finds the copies of one article among records or pages: ``pith group --json``.
///
/// Returns one group per article, in the order of each group's first member, singletons
/// included: ``id``, ``canonical`` (the ``source`` of the member with the richest provenance),
/// ``members`` (each with its ``word_similarity`` to the canonical body, words added and
/// removed, and a line diff) and the merged ``provenance``.
///
/// Args:
///     items: records as :func:`clean` returns them (a dict with a ``"provenance"`` key), or
///         pages in any form :func:`clean_many` takes, which are cleaned first.
///     threshold: the estimated Jaccard similarity of word 5-shingles from which two bodies
///         are copies (``pith group --threshold``).
///     containment: the estimated share of a shorter body's shingles held in a longer one from
///         which the shorter is a copy too (``pith group --containment``); ``None`` joins by
///         ``threshold`` only (``--no-containment``).
///     threads, format, favor, max_bytes: as for :func:`clean_many`, for the pages.
///
/// There is no ``ledger``: grouping reads bodies and provenance, never the ledger, and returns
/// groups, not records; records of either ledger are read alike.
///
/// Raises:
///     PithError: a page cannot be cleaned, or a record cannot be read back.
///     TypeError: an item is of none of the types above; the message gives its index.
///
/// The GIL is released while pages are cleaned and grouped.
#[pyfunction]
#[pyo3(signature = (items, threshold=0.5, containment=Some(0.8), threads=None, format=None, favor=None, max_bytes=None))]
#[allow(clippy::too_many_arguments)] // One per keyword argument of `pith.group`.
fn group<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    threshold: f32,
    containment: Option<f32>,
    threads: Option<usize>,
    format: Option<String>,
    favor: Option<String>,
    max_bytes: Option<u64>,
) -> PyResult<Bound<'py, PyList>> {
    for (name, share) in [("threshold", Some(threshold)), ("containment", containment)] {
        if let Some(share) = share.filter(|x| !(0.0..=1.0).contains(x)) {
            return Err(PyValueError::new_err(format!(
                "{name} must be between 0 and 1, not {share}"
            )));
        }
    }
    let options = options(format.as_deref(), favor.as_deref(), max_bytes, None, "full")?;
    let pool = pool(threads)?;
    let mut records = Vec::new();
    run_batches(py, items, &pool, &options, true, |_, result| {
        let mut record = result.map_err(|e| PithError::new_err(e.to_string()))?;
        // Grouping reads bodies and provenance only.
        record.segments = Vec::new();
        records.push(record);
        Ok(())
    })?;
    let grouping = pith::group::GroupOptions::with_threshold(threshold).containment(containment);
    let groups = py.detach(|| pith::group::group(&records, grouping));
    let json = Json::new(py)?;
    let out = PyList::empty(py);
    for group in &groups {
        out.append(json.to_python(group)?)?;
    }
    Ok(out)
}

/// Gives back the input a record was made from, byte for byte: ``pith restore``.
///
/// A record of a full ledger (the default) holds every byte of its input, and restores alone;
/// one of an offsets ledger (``ledger="offsets"``) holds byte ranges only, and restores with
/// ``input``, the page as it was given to :func:`clean` (``pith restore RECORD --input FILE``).
/// Either way the bytes are checked against the record's ``input_sha256``.
///
/// Args:
///     record: a record as :func:`clean` returns it (or ``json.loads`` of ``pith clean --json``).
///     input: the page the record was made from (bytes, or a str as UTF-8, as :func:`clean`
///         reads it; gzip is undone); needed for an offsets ledger, checked for a full one.
///
/// Raises:
///     PithError: (a ValueError) the record cannot be restored: an offsets ledger without
///         ``input``, an ``input`` that is not the record's (by its SHA-256), a record that was
///         edited or cut, or a dict that is not a record; the message starts with the
///         record's ``source``.
///     TypeError: ``record`` is not a dict of JSON values, or ``input`` is neither bytes nor
///         str.
///
/// The GIL is released while the record is read and restored.
#[pyfunction]
#[pyo3(signature = (record, input=None))]
fn restore<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
    input: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let Ok(dict) = record.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "record must be a dict as pith.clean returns it, got {}",
            type_name(record)
        )));
    };
    // Errors name the record by its source, as pith's restore errors do ("record" without one).
    let origin = match dict.get_item("source")? {
        Some(source) => source.extract::<String>().unwrap_or_else(|_| "record".to_string()),
        None => "record".to_string(),
    };
    let json = Json::new(py)?
        .dumps_as(dict, &origin, |e| format!("record must hold JSON values: {e}"))?
        .map_err(|e| PithError::new_err(e.to_string()))?;
    let input = match input {
        None => None,
        Some(data) => Some(
            data_bytes(data, &origin)
                .ok_or_else(|| PyTypeError::new_err(format!("input must be bytes or str, got {}", type_name(data))))?
                .map_err(|e| PithError::new_err(e.to_string()))?,
        ),
    };
    let restored = py.detach(|| {
        let record: Record = serde_json::from_str(&json).map_err(|e| Error::BadRecord {
            path: origin.into(),
            cause: format!("{e} (expected a record as `pith.clean` returns it)"),
        })?;
        match &input {
            Some(input) => record.restore_from(input),
            None => record.restore(),
        }
    });
    let bytes = restored.map_err(|e| PithError::new_err(e.to_string()))?;
    Ok(PyBytes::new(py, &bytes))
}

/// pith: scraped news pages (HTML, text, markdown) → the article, where it came from, and a
/// ledger of everything removed and why.
///
/// ``clean`` cleans one page, ``clean_many`` many in parallel, ``group`` finds the copies of one
/// article, ``restore`` gives back the page a record was made from. Records are dicts with the
/// keys and values of ``pith clean --json``.
#[pymodule(name = "pith")]
mod python {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{clean, clean_many, group, restore, PithError};

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
