//! Output for people and programs: the record in every shape `pith clean` writes (text,
//! markdown, JSON, CSV, XML, HTML), the `explain` and `diff` views (`explain` and `group` also
//! as HTML pages, in `report/`), groups and stories.

mod markup;
mod metadata;
mod report;
mod table;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use anstyle::{AnsiColor, Color, Style};

use crate::provenance::FieldKind;
use crate::Record;

pub use markup::{write_html, write_xml, XML_DECLARATION};
pub use metadata::{front_matter, yaml_quoted};
pub use report::{
    explain_html, rule_colour, write_explain_html, write_group_html, write_groups_end, write_groups_start,
    write_page_end, write_page_start, GroupIds,
};
pub use table::{write_csv_header, write_csv_row, CSV_COLUMNS};

/// What `pith clean` writes for each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The body as plain text.
    Text,
    /// The body as markdown.
    Markdown,
    /// One pretty JSON record.
    Json,
    /// One compact JSON record a line.
    Jsonl,
    /// One CSV row a document, under a header row.
    Csv,
    /// One `<doc>` element a document (several inside `<docs>`).
    Xml,
    /// One HTML page a document.
    Html,
}

impl Shape {
    /// What a file of this shape is (`-o DIR`), which gives its extension.
    pub fn kind(self) -> crate::output::Kind {
        use crate::output::Kind;
        match self {
            Shape::Text => Kind::Text,
            Shape::Markdown => Kind::Markdown,
            Shape::Json | Shape::Jsonl => Kind::Json,
            Shape::Csv => Kind::Csv,
            Shape::Xml => Kind::Xml,
            Shape::Html => Kind::Html,
        }
    }

    /// Writes one document as a file of its own (`-o DIR`). `with_metadata` puts the
    /// provenance above a text or markdown body as YAML front matter (the other shapes always
    /// carry it).
    pub fn write_file(self, out: &mut impl Write, record: &Record, with_metadata: bool) -> std::io::Result<()> {
        self.write_start(out, false)?;
        self.write_item(out, record, with_metadata, false, 0)?;
        self.write_end(out, false, 1)
    }

    /// One document as a file of its own, in memory.
    pub fn file(self, record: &Record, with_metadata: bool) -> String {
        let mut out = Vec::new();
        // Writing into memory does not fail.
        let _ = self.write_file(&mut out, record, with_metadata);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Writes what opens the output of a run (`several`: of more than one document, or of a
    /// number not known in advance): the CSV header row; the XML declaration and, for several,
    /// `<docs>`.
    pub fn write_start(self, out: &mut impl Write, several: bool) -> std::io::Result<()> {
        match self {
            Shape::Csv => write_csv_header(out),
            Shape::Xml if several => writeln!(out, "{XML_DECLARATION}<docs>"),
            Shape::Xml => out.write_all(XML_DECLARATION.as_bytes()),
            _ => Ok(()),
        }
    }

    /// Writes one document of the output of a run, the `index`th written (from 0), straight
    /// from the record: its body is never copied into the output first. Text and markdown of
    /// several documents each open with `==> SOURCE <==` and end with a blank line; JSON of
    /// several documents is one array, an item at a time.
    pub fn write_item(
        self,
        out: &mut impl Write,
        record: &Record,
        with_metadata: bool,
        several: bool,
        index: usize,
    ) -> std::io::Result<()> {
        let body = match self {
            Shape::Text => &record.text,
            Shape::Markdown => &record.markdown,
            Shape::Json if several => return write_json_array_item(out, index, record),
            Shape::Json => return write_json_pretty(out, record).and_then(|()| writeln!(out)),
            Shape::Jsonl => return write_json_line(out, record).and_then(|()| writeln!(out)),
            Shape::Csv => return write_csv_row(out, record),
            Shape::Xml => return write_xml(out, record),
            Shape::Html => return write_html(out, record),
        };
        if several {
            // The header is pith's framing, on one line (the body after it is the document's
            // own text).
            writeln!(out, "==> {} <==", on_one_line(&record.source))?;
        }
        if with_metadata {
            out.write_all(front_matter(record).as_bytes())?;
        }
        out.write_all(body.as_bytes())?;
        if several {
            writeln!(out)?;
        }
        Ok(())
    }

    /// Writes what closes the output of a run of `count` documents: `</docs>` for several XML
    /// documents, an empty `<docs/>` when one input gave no record (a declaration alone is no
    /// XML document); for JSON, the end of the array of several, or an empty array when one
    /// input gave no record.
    pub fn write_end(self, out: &mut impl Write, several: bool, count: usize) -> std::io::Result<()> {
        match self {
            Shape::Xml if several => out.write_all(b"</docs>\n"),
            Shape::Xml if count == 0 => out.write_all(b"<docs/>\n"),
            Shape::Json if several || count == 0 => write_json_array_end(out, count).and_then(|()| writeln!(out)),
            _ => Ok(()),
        }
    }
}

/// The record as one pretty JSON document.
pub fn json_pretty(record: &Record) -> String {
    serde_json::to_string_pretty(record).unwrap_or_default()
}

/// The record as one line of JSON (for JSONL).
pub fn json_line(record: &Record) -> String {
    serde_json::to_string(record).unwrap_or_default()
}

/// Writes the record as one pretty JSON document, without holding the JSON in memory (a
/// ledger's JSON is larger than the record it comes from).
pub fn write_json_pretty(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    Ok(serde_json::to_writer_pretty(out, record)?)
}

/// Writes the record as one line of JSON (for JSONL), without holding the JSON in memory.
pub fn write_json_line(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    Ok(serde_json::to_writer(out, record)?)
}

/// Writes the record at `index` of a pretty JSON array of records: the same bytes as the whole
/// array serialized at once, one record at a time. [`write_json_array_end`] closes the array.
pub fn write_json_array_item(out: &mut impl Write, index: usize, record: &Record) -> std::io::Result<()> {
    out.write_all(if index == 0 { b"[\n  " } else { b",\n  " })?;
    Ok(serde_json::to_writer_pretty(Indented(out), record)?)
}

/// Closes a pretty JSON array of `count` records written by [`write_json_array_item`].
pub fn write_json_array_end(out: &mut impl Write, count: usize) -> std::io::Result<()> {
    out.write_all(if count == 0 { b"[]" } else { b"\n]" })
}

/// Indents pretty JSON one level: a line break in it is always layout, since JSON strings
/// escape theirs.
struct Indented<W>(W);

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for line in buf.split_inclusive(|&b| b == b'\n') {
            self.0.write_all(line)?;
            if line.ends_with(b"\n") {
                self.0.write_all(b"  ")?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

// The styles pith paints what it writes for people with (`explain`, `diff`).
const KEEP: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Green))).bold();
const DROP: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Red))).bold();
const DIM: Style = Style::new().dimmed();
const REMOVED: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Red)));
const ADDED: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Green)));
const HEAD: Style = Style::new().bold();
const HUNK: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Cyan)));

/// Text for a terminal: every control character other than a line end or a tab is written as
/// its escape (`\u{1b}`), so that a page, a title or a file name cannot move the cursor, clear
/// or retitle the terminal, colour or hide text. pith's own styles go around text made so.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c.is_control() && c != '\n' && c != '\t')
}

/// `text` with every control character escaped, line breaks and tabs too: a name in a line of
/// pith's own (`==> NAME <==`) stays on that line.
pub(crate) fn on_one_line(text: &str) -> Cow<'_, str> {
    escaped(text, char::is_control)
}

/// `text` with the characters `wild` takes written as Rust escapes (`\u{1b}`).
fn escaped(text: &str, wild: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.contains(&wild) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if wild(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Every block with KEEP/DROP, its rule and reason, then the provenance found. `color` adds
/// ANSI styles (the CLI decides, honouring NO_COLOR and whether stdout is a terminal).
pub fn explain(record: &Record, color: bool) -> String {
    let (keep, drop, dim) = (KEEP, DROP, DIM);
    // What the input gives (its name, words, class names, metadata) is made safe for a terminal
    // piece by piece, before pith's own styles go around it.
    let safe = |text: &str| for_terminal(text).into_owned();
    let paint = |style: Style, text: &str| {
        if color {
            format!("{style}{}{style:#}", safe(text))
        } else {
            safe(text)
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, {})",
        safe(&record.source),
        record.format.name(),
        record.encoding
    );
    let page_type = record.page_type.map_or("unknown", |t| t.id());
    let confidence = record
        .confidence
        .map_or("unknown".to_string(), |c| format!("{c:.2} (predicted F1)"));
    let _ = writeln!(out, "page type: {page_type}; confidence: {confidence}");
    for warning in &record.warnings {
        let _ = writeln!(out, "warning: {}", safe(warning));
    }
    for segment in &record.segments {
        let own = segment.text.as_deref().unwrap_or_default();
        if own.trim().is_empty() {
            continue;
        }
        let verdict = if segment.keep {
            paint(keep, "KEEP")
        } else {
            paint(drop, "DROP")
        };
        let text = preview(segment.content.as_deref().unwrap_or(own).trim(), 100);
        let _ = writeln!(out, "{verdict} {:<15} {}", segment.rule, safe(&text));
        let place = segment.path.as_deref().map(|p| format!(" @ {p}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "     {}",
            paint(
                dim,
                &format!("{}..{}: {}{place}", segment.start, segment.end, segment.reason)
            )
        );
    }
    let p = &record.provenance;
    let _ = writeln!(out, "\nprovenance:");
    for field in p.fields().filter(|f| f.kind == FieldKind::Article) {
        let evidence = field.evidence.map(|e| match (e.start, e.end) {
            (Some(s), Some(t)) => format!("  [{} @ {s}..{t}]", e.rule),
            _ => format!("  [{}]", e.rule),
        });
        let _ = writeln!(
            out,
            "  {:<10} {}{}",
            field.name,
            safe(&field.display().unwrap_or(Cow::Borrowed("null"))),
            paint(dim, &evidence.unwrap_or_default())
        );
    }
    let _ = writeln!(out, "  {:<10} {}", "input", p.input_sha256);
    let _ = writeln!(out, "  {:<10} {}", "text", p.text_sha256);
    out
}

/// `pith diff` for a person: the bodies' diff (unified, or inline words), the provenance fields
/// that differ, and the word similarity. `color` paints removals red and additions green (and a
/// unified diff's file and hunk heads), as `git diff` does.
pub fn diff(d: &crate::diff::BodyDiff, color: bool) -> String {
    // The bodies' words made safe for a terminal before pith's own styles go around them.
    let rendered = for_terminal(&d.rendered);
    let mut out = if color {
        paint_diff(&rendered)
    } else {
        rendered.into_owned()
    };
    if !d.provenance.is_empty() {
        out.push_str("\nprovenance:\n");
        for (field, x, y) in &d.provenance {
            let _ = writeln!(out, "  {field}: {} → {}", for_terminal(x), for_terminal(y));
        }
    }
    let _ = writeln!(out, "word similarity: {:.3}", d.ratio);
    if d.coarse {
        let _ = writeln!(out, "{COARSE_NOTE}");
    }
    out
}

/// Said under a coarse diff ([`crate::diff::DIFF_WORK`]).
const COARSE_NOTE: &str = "coarse: the bodies are too long and too different to diff exactly within pith's bound on \
                           work; some changed stretches are shown whole, and the similarity is a lower bound";

/// A rendered diff with ANSI styles: a unified diff by the first character of each line, an
/// inline word diff by its `[-…-]` and `{+…+}` marks.
fn paint_diff(rendered: &str) -> String {
    let (removed, added, head, hunk) = (REMOVED, ADDED, HEAD, HUNK);
    let mut out = String::with_capacity(rendered.len() + rendered.len() / 8);
    let unified = rendered.starts_with("--- ");
    if unified {
        for line in rendered.split_inclusive('\n') {
            let (text, end) = line.strip_suffix('\n').map_or((line, ""), |t| (t, "\n"));
            let style = if text.starts_with("--- ") || text.starts_with("+++ ") {
                Some(head)
            } else if text.starts_with("@@") {
                Some(hunk)
            } else if text.starts_with('-') {
                Some(removed)
            } else if text.starts_with('+') {
                Some(added)
            } else {
                None
            };
            match style {
                Some(style) => {
                    let _ = write!(out, "{style}{text}{style:#}{end}");
                }
                None => out.push_str(line),
            }
        }
        return out;
    }
    let mut rest = rendered;
    loop {
        let next = [("[-", "-]", removed), ("{+", "+}", added)]
            .into_iter()
            .filter_map(|(open, close, style)| Some((rest.find(open)?, open, close, style)))
            .min_by_key(|(at, ..)| *at);
        let Some((at, open, close, style)) = next else { break };
        let Some(len) = rest.get(at + open.len()..).and_then(|after| after.find(close)) else {
            break;
        };
        let end = at + open.len() + len + close.len();
        out.push_str(rest.get(..at).unwrap_or_default());
        let _ = write!(out, "{style}{}{style:#}", rest.get(at..end).unwrap_or_default());
        rest = rest.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

fn preview(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// Variant groups for a person: each group with its canonical member, the other copies with
/// their similarity and word changes, and the merged provenance.
pub fn groups(groups: &[crate::group::Group]) -> String {
    let mut out = String::new();
    for group in groups {
        let _ = writeln!(
            out,
            "{} ({} member{})",
            group.id,
            group.members.len(),
            if group.members.len() == 1 { "" } else { "s" }
        );
        for (i, member) in group.members.iter().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "  * {} (canonical)", member.source);
            } else {
                let _ = writeln!(
                    out,
                    "  - {}  word similarity {:.3}, +{} -{} words{}{}",
                    member.source,
                    member.word_similarity,
                    member.words_added,
                    member.words_removed,
                    if member.diff.is_empty() { ", identical body" } else { "" },
                    if member.coarse { " (coarse diff)" } else { "" }
                );
            }
        }
        let p = &group.provenance;
        let fields = [
            ("title", p.title.clone()),
            ("published", p.published.clone()),
            ("url", p.url.clone()),
            ("outlet", p.outlet.clone()),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                let from = p
                    .evidence
                    .get(name)
                    .map(|e| format!("  [{} from {}]", e.evidence.rule, e.member))
                    .unwrap_or_default();
                let _ = writeln!(out, "    {name}: {value}{from}");
            }
        }
        if !p.authors.is_empty() {
            let _ = writeln!(out, "    authors: {}", p.authors.join("; "));
        }
    }
    for_terminal(&out).into_owned()
}

/// Stories for a person: the articles, the terms that tie them, and each shared quote with who
/// carries which wording and how the wordings differ.
pub fn stories(stories: &[crate::stories::Story]) -> String {
    let mut out = String::new();
    for (n, story) in stories.iter().enumerate() {
        let _ = writeln!(
            out,
            "story {} ({} article{}): {}",
            n + 1,
            story.articles.len(),
            if story.articles.len() == 1 { "" } else { "s" },
            story.terms.join(", ")
        );
        for article in &story.articles {
            let _ = writeln!(out, "  - {article}");
            if let Some(copies) = story.copies.get(article) {
                let _ = writeln!(out, "    copies: {}", copies.join(", "));
            }
        }
        for quote in &story.quotes {
            let _ = writeln!(
                out,
                "  quote{}:",
                quote.speaker.as_deref().map(|s| format!(" by {s}")).unwrap_or_default()
            );
            for wording in &quote.wordings {
                let _ = writeln!(out, "    “{}”\n      in {}", wording.text, wording.sources.join(", "));
            }
            for difference in &quote.differences {
                let _ = writeln!(out, "    differs: {difference}");
            }
            if quote.coarse {
                let _ = writeln!(out, "    (coarse: a wording too long and too different to align word for word; some changes shown whole)");
            }
        }
    }
    for_terminal(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coarse_diff_says_so_under_the_similarity() {
        let mut d = crate::diff::BodyDiff {
            identical: false,
            ratio: 0.5,
            rendered: "[-a-]{+b+}\n".into(),
            provenance: Vec::new(),
            coarse: false,
        };
        assert_eq!(diff(&d, false), "[-a-]{+b+}\nword similarity: 0.500\n");
        d.coarse = true;
        assert_eq!(
            diff(&d, false),
            format!("[-a-]{{+b+}}\nword similarity: 0.500\n{COARSE_NOTE}\n")
        );
    }
}
