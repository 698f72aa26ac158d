//! Stage 6: the record — cleaned text, provenance and the ledger of every segment of the input,
//! kept or removed, from which `restore` gives back the input byte for byte.

use serde::{Deserialize, Serialize};

use crate::classify::Verdict;
use crate::error::{Error, Result};
use crate::input::{Format, Source};
use crate::provenance::Provenance;
use crate::segment::Block;

/// The version of the record's JSON shape. It goes up when a field is renamed, removed or
/// changes meaning, so that a consumer can refuse what it does not understand; a new optional
/// field does not move it.
pub const SCHEMA_VERSION: u32 = 1;

fn first_schema_version() -> u32 {
    1
}

/// What each segment of a record's ledger carries (`pith clean --ledger full|offsets`).
///
/// A full ledger holds the input's own bytes in every segment, so that the record alone gives
/// the input back ([`Record::restore`]); the record is then larger than its page. An offsets
/// ledger keeps each segment's byte range, verdict, rule, reason and path but not its `text` (nor
/// an HTML block's `content`): for corpus runs that keep their inputs, which then restore with
/// [`Record::restore_from`].
///
/// ```
/// use pith::{Extractor, LedgerShape};
///
/// let page = b"Menu\n\nThe council passed the budget on Monday after a debate that lasted six hours.\n";
/// let record = Extractor::builder().ledger(LedgerShape::Offsets).build().extract("page.txt", &page[..])?;
/// assert_eq!(record.ledger, LedgerShape::Offsets);
/// assert!(record.segments.iter().all(|s| s.text.is_none()));
/// assert!(record.restore().is_err()); // the record alone cannot give the input back
/// assert_eq!(record.restore_from(page)?, page);
/// # Ok::<(), pith::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum LedgerShape {
    /// Every segment with its `text` (and an HTML block's `content`): the record restores alone.
    /// The default, and the only shape records had before `--ledger`.
    #[default]
    Full,
    /// Byte ranges, verdicts, rules, reasons and paths only; restoring needs the input.
    Offsets,
}

impl LedgerShape {
    /// Whether this is the full ledger (the record's `ledger` field is left out then, so that
    /// records stay as they were before the field existed).
    pub fn is_full(&self) -> bool {
        *self == LedgerShape::Full
    }
}

/// Everything pith knows about one document: what [`Extractor::extract`](crate::Extractor::extract)
/// gives, and what `pith clean --json` writes (serde; `markdown` and `paragraphs` are left out).
///
/// ```
/// let page = b"Home | World | Sport\n\nThe council passed the budget on Monday after a debate that lasted six hours.\n";
/// let record = pith::Extractor::builder().build().extract("page.txt", &page[..])?;
/// assert_eq!(record.format, pith::Format::Text);
/// // The ledger covers the input: what was kept, and what was dropped and why.
/// for segment in &record.segments {
///     println!("{} {} {}", if segment.keep { "KEEP" } else { "DROP" }, segment.rule.id(), segment.reason);
/// }
/// let json = serde_json::to_string(&record).unwrap();
/// let back: pith::Record = serde_json::from_str(&json).unwrap();
/// assert_eq!(back.restore()?, page);
/// # Ok::<(), pith::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The version of this record's shape ([`SCHEMA_VERSION`]). A record read back without one
    /// is of version 1, the first that carried it.
    #[serde(default = "first_schema_version")]
    pub schema_version: u32,
    /// The input's path as given (`-` for stdin).
    pub source: String,
    /// The format the input was read as.
    pub format: Format,
    /// The encoding the input was decoded with; `restore` encodes back with it.
    pub encoding: String,
    /// What kind of page this is (`article`, `forum`, `product`, `collection`, `listing`,
    /// `documentation`, `service`), by the page-type model; `null` without one.
    #[serde(default)]
    pub page_type: Option<crate::classify::page_type::PageType>,
    /// The predicted word F1 of this record's body (0–1), by the confidence model trained on
    /// out-of-fold results; `null` without one.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// The cleaned body as plain text.
    pub text: String,
    /// The cleaned body as markdown (`pith clean --markdown`); not part of the JSON record.
    #[serde(skip)]
    pub markdown: String,
    /// Where each paragraph of the cleaned body lies in `text`, with its kind (headings, list
    /// items, table rows…) and its links and images (`--links`, `--images`), for the shapes
    /// that mark them up (`--xml`, `--html`); not part of
    /// the JSON record (a record read back from JSON has none, and those shapes read its `text`).
    #[serde(skip)]
    pub paragraphs: Vec<crate::repair::Span>,
    /// Where the document came from: title, authors, dates, url, outlet, language, hashes, each
    /// field with its evidence.
    pub provenance: Provenance,
    /// What the ledger's segments carry: absent for a full ledger (`"offsets"` when they hold
    /// byte ranges only, and restoring needs the input: [`Record::restore_from`]).
    #[serde(default, skip_serializing_if = "LedgerShape::is_full")]
    pub ledger: LedgerShape,
    /// The ledger: contiguous segments covering the whole input, in order.
    pub segments: Vec<Segment>,
    /// Input bytes that are not valid in `encoding`: the ledger holds U+FFFD for each run, and
    /// `restore` puts the bytes back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced: Vec<crate::input::Replaced>,
    /// Problems that did not stop pith.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Fields of a JSONL input line that pith does not read, passed through unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
}

/// One stretch of the input: a block, or a run of neighbouring blocks with the same verdict, and
/// the line breaks that follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Byte offsets in the decoded input (UTF-8).
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
    /// Whether it is part of the article's body.
    pub keep: bool,
    /// The rule that kept or dropped it; its id is stable.
    pub rule: crate::rule::Rule,
    /// Why, in words a person understands.
    pub reason: String,
    /// Where the block sat in an HTML page (a CSS-like path; every block of a run sits there);
    /// absent for text and markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The block's visible text, for HTML, where `text` is markup; the blocks of a run are
    /// separated by a blank line. Absent in an offsets ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The input's own bytes for this stretch (markup included): what `restore` puts back.
    /// Always there in a full ledger (even when empty); absent (`None`) in an offsets ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Cuts the input into segments at block starts, so that they cover every byte exactly once.
///
/// Neighbouring blocks with the same verdict — both kept or both dropped, by the same rule for
/// the same reason, and in HTML at the same path — share one segment: a run of menu items or
/// of short lines costs the ledger one entry instead of one per line (whose rule, reason and
/// path would outweigh the line itself many times), and no rule, reason or path is lost.
///
/// An offsets ledger (`shape`) copies neither the input's bytes nor the blocks' visible text.
pub(crate) fn ledger(source: &Source, blocks: Vec<Block>, verdicts: &[Verdict], shape: LedgerShape) -> Vec<Segment> {
    let text = &source.text;
    let full = shape.is_full();
    let mut segments = Vec::new();
    // Leading blank lines or markup before the first block belong to a segment of their own.
    let first = blocks.first().map_or(text.len(), |b| b.start);
    if first > 0 {
        segments.push(whitespace_segment(text, 0, first, full));
    }
    let mut run: Option<Run> = None;
    let mut cursor = first;
    // The blocks are consumed as the ledger is built: their text is not held twice.
    let mut blocks = blocks.into_iter().peekable();
    for verdict in verdicts {
        let Some(block) = blocks.next() else { break };
        let end = blocks.peek().map_or(text.len(), |next| next.start);
        match &mut run {
            Some(current) if current.continues(verdict, &block) => current.extend(end, block),
            _ => {
                segments.extend(run.take().map(|r| r.segment(text, full)));
                run = Some(Run::new(cursor, end, verdict, block, full));
            }
        }
        cursor = end;
    }
    segments.extend(run.map(|r| r.segment(text, full)));
    segments
}

/// Blocks gathered into one segment: where they start and end, their verdict and path, and
/// their visible text (HTML, in a full ledger).
struct Run<'a> {
    start: usize,
    end: usize,
    verdict: &'a Verdict,
    path: Option<String>,
    content: Option<String>,
}

impl<'a> Run<'a> {
    fn new(start: usize, end: usize, verdict: &'a Verdict, block: Block, full: bool) -> Self {
        let (path, content) = match block.dom {
            Some(dom) => (Some(dom.path), full.then_some(block.text)),
            None => (None, None),
        };
        Run {
            start,
            end,
            verdict,
            path,
            content,
        }
    }

    fn continues(&self, verdict: &Verdict, block: &Block) -> bool {
        self.verdict.keep == verdict.keep
            && self.verdict.rule == verdict.rule
            && self.verdict.reason.reads_as(&verdict.reason)
            && self.path.as_deref() == block.dom.as_ref().map(|d| d.path.as_str())
    }

    fn extend(&mut self, end: usize, block: Block) {
        self.end = end;
        if let Some(content) = &mut self.content {
            content.push_str("\n\n");
            content.push_str(&block.text);
        }
    }

    fn segment(self, text: &str, full: bool) -> Segment {
        Segment {
            start: self.start,
            end: self.end,
            keep: self.verdict.keep,
            rule: self.verdict.rule,
            reason: self.verdict.reason.to_string(),
            path: self.path,
            content: self.content,
            text: stretch(text, self.start, self.end, full),
        }
    }
}

/// The warning a record with an empty body carries, so that an empty result is never silent:
/// the input was empty, blank, or had nothing pith kept.
pub(crate) fn empty_body(input: &str, body: &str) -> Option<String> {
    if !body.trim().is_empty() {
        return None;
    }
    let blank = |c: char| c.is_whitespace() || c == '\u{feff}';
    Some(if input.is_empty() {
        "empty input: there is nothing to clean; the text is empty".into()
    } else if input.chars().all(blank) {
        "empty input: nothing but whitespace; the text is empty".into()
    } else {
        "no text: nothing in the input was kept as the article body".into()
    })
}

/// The input's own bytes from `start` to `end`, which a full ledger carries and an offsets
/// ledger leaves out.
fn stretch(text: &str, start: usize, end: usize, full: bool) -> Option<String> {
    full.then(|| text.get(start..end).unwrap_or("").to_string())
}

fn whitespace_segment(text: &str, start: usize, end: usize, full: bool) -> Segment {
    let slice = text.get(start..end).unwrap_or("");
    let (rule, reason) = if slice.trim().is_empty() {
        (crate::rule::Rule::Whitespace, "blank space outside any block")
    } else {
        (
            crate::rule::Rule::Markup,
            "page markup before the first block (head, scripts, styles)",
        )
    };
    Segment {
        start,
        end,
        keep: false,
        rule,
        reason: reason.into(),
        path: None,
        content: None,
        text: stretch(text, start, end, full),
    }
}

/// The records in the output of `pith clean` read from `name`: one JSON record, an array of
/// them (`--json` with several inputs) or JSONL (one a line). A record that cannot be read is
/// an error naming where it is (`name:LINE` in JSONL, `name[INDEX]` in an array); the others
/// are still read. JSONL too large to hold whole reads a line at a time with
/// [`parse_record_line`].
pub fn parse_records(name: &str, raw: &str) -> Vec<Result<Record>> {
    let text = raw.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Vec::new();
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| serde_json::from_value(item).map_err(|e| bad_record(format!("{name}[{i}]"), e)))
            .collect(),
        Ok(value) => vec![serde_json::from_value(value).map_err(|e| bad_record(name.to_string(), e))],
        // JSONL, when its first line is JSON on its own; otherwise one document that is not JSON.
        Err(e) => {
            let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
            let first_is_json = lines
                .next()
                .is_some_and(|(_, l)| serde_json::from_str::<serde_json::Value>(l).is_ok());
            if !first_is_json {
                return vec![Err(bad_record(name.to_string(), e))];
            }
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, line)| parse_record_line(name, i + 1, line))
                .collect()
        }
    }
}

/// The record on line `line_number` (from 1) of JSONL read from `name`, as [`parse_records`]
/// reads it; an error names `name:LINE`.
pub fn parse_record_line(name: &str, line_number: usize, line: &str) -> Result<Record> {
    serde_json::from_str(line).map_err(|e| bad_record(format!("{name}:{line_number}"), e))
}

fn bad_record(at: String, cause: serde_json::Error) -> Error {
    Error::BadRecord {
        path: at.into(),
        cause: format!("{cause} (expected the JSON of `pith clean --json` or `--jsonl`)"),
    }
}

impl Record {
    /// The original input bytes, from the ledger alone, checked against the input's SHA-256
    /// (`pith restore`). Errors: [`Error::NeedsInput`] — an offsets ledger, which restores only
    /// with its input ([`Record::restore_from`]); [`Error::LedgerGap`] (also a segment of a
    /// full ledger without its `text`), [`Error::NotEncodable`], [`Error::NotRestored`] — the
    /// record was edited or cut, or its encoding is wrong.
    ///
    /// ```
    /// let input = "Menu\n\nThe council passed the budget on Monday after a debate that lasted six hours.\n";
    /// let mut record = pith::Extractor::builder().build().extract("page.txt", input)?;
    /// assert_eq!(record.restore()?, input.as_bytes());
    /// if let Some(text) = &mut record.segments[0].text {
    ///     text.push('!');
    /// }
    /// assert!(record.restore().is_err());
    /// # Ok::<(), pith::Error>(())
    /// ```
    pub fn restore(&self) -> Result<Vec<u8>> {
        if !self.ledger.is_full() {
            return Err(Error::NeedsInput {
                source_name: self.source.clone(),
            });
        }
        let text = self.ledger_text(|segment| segment.text.as_deref())?;
        self.encode_back(&text)
    }

    /// The original input bytes from the ledger and the input it was made from (`pith restore
    /// RECORD --input FILE`): what restores an offsets ledger ([`LedgerShape::Offsets`]), whose
    /// segments hold byte ranges only. `input` is the input as it was given to pith (gzip is
    /// undone as [`Extractor::extract`](crate::Extractor::extract) undoes it); it must be the
    /// one the record was made from, by its SHA-256. Each segment without its `text` takes its
    /// stretch of the input, decoded with the record's `encoding`; the segments must follow
    /// each other and cover the whole input; the text is then encoded back as
    /// [`Record::restore`] does and checked against the input's SHA-256 again. A full ledger
    /// restores from its own text, as [`Record::restore`] does, once the input is checked.
    ///
    /// Errors: [`Error::InputMismatch`] (not the record's input), [`Error::LedgerGap`] (the
    /// segments leave a gap, overlap, split a character or stop short of the input's end), and
    /// those of [`Record::restore`].
    ///
    /// ```
    /// use pith::{Extractor, LedgerShape};
    ///
    /// let page = "Menu\n\nThe council passed the budget on Monday after a debate that lasted six hours.\n";
    /// let record = Extractor::builder().ledger(LedgerShape::Offsets).build().extract("page.txt", page)?;
    /// assert_eq!(record.restore_from(page.as_bytes())?, page.as_bytes());
    /// let other = page.replace("Monday", "Friday");
    /// assert!(matches!(record.restore_from(other.as_bytes()), Err(pith::Error::InputMismatch { .. })));
    /// # Ok::<(), pith::Error>(())
    /// ```
    pub fn restore_from(&self, input: &[u8]) -> Result<Vec<u8>> {
        let input = self.checked_input(input)?;
        let decoded = crate::input::decode_as(&self.encoding, &input).ok_or_else(|| self.not_encodable())?;
        let text = self.ledger_text(|segment| match &segment.text {
            Some(text) => Some(text.as_str()),
            None => decoded.get(segment.start..segment.end),
        })?;
        if text.len() != decoded.len() {
            return Err(Error::LedgerGap {
                source_name: self.source.clone(),
                at: text.len(),
            });
        }
        self.encode_back(&text)
    }

    /// The input given to [`Record::restore_from`] as the record hashed it (gzip undone), or
    /// [`Error::InputMismatch`] when it is not the record's input.
    fn checked_input<'i>(&self, input: &'i [u8]) -> Result<std::borrow::Cow<'i, [u8]>> {
        let given = crate::text::sha256_hex(input);
        if given == self.provenance.input_sha256 {
            return Ok(std::borrow::Cow::Borrowed(input));
        }
        // Decompressed no further than the input can have been (its encoding takes at most
        // twice the bytes of the decoded text, as UTF-16 does ASCII; four times leaves room),
        // so that a gzip bomb given by mistake stops early; and hashed before it is held, so
        // that a record whose `end` was edited cannot make a bomb fill memory: only the bytes
        // that are the record's input, which pith read once, are ever held.
        let decoded_len = self.segments.last().map_or(0, |s| s.end);
        let limit = (decoded_len as u64)
            .saturating_mul(4)
            .max(crate::input::ReadOptions::default().max_bytes);
        let matches = crate::input::gunzipped_sha256(input, limit).is_some_and(|h| h == self.provenance.input_sha256);
        match matches.then(|| crate::input::gunzipped(input, limit)).flatten() {
            Some(bytes) => Ok(std::borrow::Cow::Owned(bytes)),
            None => Err(Error::InputMismatch {
                source_name: self.source.clone(),
                expected: self.provenance.input_sha256.clone(),
                actual: given,
            }),
        }
    }

    /// The decoded text the ledger holds, segment by segment (`piece` gives each one's text),
    /// checking that each starts where the one before ended and is as long as it says.
    fn ledger_text<'t>(&'t self, piece: impl Fn(&'t Segment) -> Option<&'t str>) -> Result<String> {
        let mut expected = 0;
        let mut text = String::new();
        for segment in &self.segments {
            let stretch = piece(segment).filter(|t| Some(t.len()) == segment.end.checked_sub(segment.start));
            match stretch {
                Some(stretch) if segment.start == expected => text.push_str(stretch),
                _ => {
                    return Err(Error::LedgerGap {
                        source_name: self.source.clone(),
                        at: segment.start,
                    })
                }
            }
            expected = segment.end;
        }
        Ok(text)
    }

    /// The ledger's text encoded back into the input's bytes, with the bytes `replaced` put
    /// back, and checked against the input's SHA-256.
    fn encode_back(&self, text: &str) -> Result<Vec<u8>> {
        let bytes =
            crate::input::encode_replaced(text, &self.encoding, &self.replaced).ok_or_else(|| self.not_encodable())?;
        let actual = crate::text::sha256_hex(&bytes);
        if actual != self.provenance.input_sha256 {
            return Err(Error::NotRestored {
                source_name: self.source.clone(),
                expected: self.provenance.input_sha256.clone(),
                actual,
            });
        }
        Ok(bytes)
    }

    fn not_encodable(&self) -> Error {
        Error::NotEncodable {
            source_name: self.source.clone(),
            encoding: self.encoding.clone(),
        }
    }
}
