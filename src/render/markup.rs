//! The cleaned article as XML (`pith clean --xml`, in trafilatura's shape) and as a minimal HTML
//! page (`pith clean --html`), each paragraph marked up by its kind.
//!
//! Both are written by hand through one escaper rather than by an XML writer: the writers that
//! build on pith's Rust (1.85) escape `<`, `>`, `&` and quotes, but neither replace the
//! characters XML 1.0 forbids outright (most C0 controls, U+FFFE, U+FFFF: a document holding
//! one does not parse) nor keep a line break in an attribute value (a parser reads it as a
//! space), and that is all there is to get right. The tests read every shape back with a strict
//! XML parser and with html5ever.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::repair::Paragraph;
use crate::segment::BlockKind;
use crate::Record;

/// What opens an XML file.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// One document as a `<doc>` element: its provenance as attributes (only those known) —
/// `source`, `title`, `author` (authors joined with `; `), `date` (published), `url`,
/// `hostname`, `sitename` (the outlet), `categories` (the section), `description`, `image`,
/// `language`, `pagetype`, `confidence` — and its body in `<main>`: `<p>`, `<head rend="h2">`,
/// `<list>` of `<item>`, `<quote>`, `<code>`, `<table>` of `<row>` of `<cell>`, line breaks as
/// `<lb/>`.
pub fn xml(record: &Record) -> String {
    let p = &record.provenance;
    let mut out = String::from("<doc");
    let authors = (!p.authors.is_empty()).then(|| p.authors.join("; "));
    let attributes = [
        ("source", Some(&record.source)),
        ("title", p.title.as_ref()),
        ("author", authors.as_ref()),
        ("date", p.published.as_ref()),
        ("url", p.url.as_ref()),
        ("hostname", p.host.as_ref()),
        ("sitename", p.outlet.as_ref()),
        ("categories", p.section.as_ref()),
        ("description", p.description.as_ref()),
        ("image", p.image.as_ref()),
        ("language", p.language.as_ref()),
    ];
    for (name, value) in attributes {
        if let Some(value) = value {
            let _ = write!(out, " {name}=\"{}\"", escape(value, true));
        }
    }
    if let Some(page_type) = record.page_type {
        let _ = write!(out, " pagetype=\"{}\"", page_type.id());
    }
    if let Some(confidence) = record.confidence {
        let _ = write!(out, " confidence=\"{confidence}\"");
    }
    out.push_str(">\n<main>\n");
    for run in runs(&body(record)) {
        match run {
            Run::One(paragraph) => {
                let text = paragraph.text.as_str();
                let _ = match paragraph.kind {
                    BlockKind::Heading(level) => {
                        writeln!(
                            out,
                            "<head rend=\"h{}\">{}</head>",
                            level.clamp(1, 6),
                            lines(text, "<lb/>")
                        )
                    }
                    BlockKind::Quote => writeln!(out, "<quote>{}</quote>", lines(text, "<lb/>")),
                    BlockKind::Code => writeln!(out, "<code>{}</code>", escape(text, false)),
                    _ => writeln!(out, "<p>{}</p>", lines(text, "<lb/>")),
                };
            }
            Run::List(items) => {
                out.push_str("<list>\n");
                for item in items {
                    let _ = writeln!(out, "<item>{}</item>", lines(&item.text, "<lb/>"));
                }
                out.push_str("</list>\n");
            }
            Run::Table(paragraphs) => {
                out.push_str("<table>\n");
                for row in table_rows(record, paragraphs) {
                    out.push_str("<row>");
                    for cell in row.split('\t') {
                        let _ = write!(out, "<cell>{}</cell>", lines(cell, "<lb/>"));
                    }
                    out.push_str("</row>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("</main>\n</doc>\n");
    out
}

/// One document as a page of its own: `<html lang>` (when the language is known), a `<head>`
/// with the charset, the title (the source's name when there is none), the authors, the date
/// and the canonical address, and an `<article>` with the title as `<h1>` and the body: `<p>`,
/// `<h2>`…, `<ul>` of `<li>`, `<blockquote>`, `<pre><code>`, `<table>` of `<tr>` of `<td>`,
/// line breaks as `<br>`.
pub fn html(record: &Record) -> String {
    let p = &record.provenance;
    let mut out = String::from("<!doctype html>\n");
    match &p.language {
        Some(language) => {
            let _ = writeln!(out, "<html lang=\"{}\">", escape(language, true));
        }
        None => out.push_str("<html>\n"),
    }
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    let title = p.title.as_deref().unwrap_or(&record.source);
    let _ = writeln!(out, "<title>{}</title>", escape(&one_line(title), false));
    if !p.authors.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            escape(&p.authors.join("; "), true)
        );
    }
    if let Some(date) = &p.published {
        let _ = writeln!(out, "<meta name=\"dcterms.date\" content=\"{}\">", escape(date, true));
    }
    if let Some(url) = &p.url {
        let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", escape(url, true));
    }
    out.push_str("</head>\n<body>\n<article>\n");
    if let Some(title) = &p.title {
        let _ = writeln!(out, "<h1>{}</h1>", lines(title, "<br>"));
    }
    for run in runs(&body(record)) {
        match run {
            Run::One(paragraph) => {
                let text = paragraph.text.as_str();
                let _ = match paragraph.kind {
                    BlockKind::Heading(level) => {
                        let level = level.clamp(1, 6);
                        writeln!(out, "<h{level}>{}</h{level}>", lines(text, "<br>"))
                    }
                    BlockKind::Quote => writeln!(out, "<blockquote><p>{}</p></blockquote>", lines(text, "<br>")),
                    BlockKind::Code => writeln!(out, "<pre><code>{}</code></pre>", escape(text, false)),
                    _ => writeln!(out, "<p>{}</p>", lines(text, "<br>")),
                };
            }
            Run::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", lines(&item.text, "<br>"));
                }
                out.push_str("</ul>\n");
            }
            Run::Table(paragraphs) => {
                out.push_str("<table>\n");
                for row in table_rows(record, paragraphs) {
                    out.push_str("<tr>");
                    for cell in row.split('\t') {
                        let _ = write!(out, "<td>{}</td>", lines(cell, "<br>"));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

/// The record's paragraphs; for a record read back from JSON, which has none, its text's.
fn body(record: &Record) -> Cow<'_, [Paragraph]> {
    if !record.paragraphs.is_empty() || record.text.trim().is_empty() {
        return Cow::Borrowed(&record.paragraphs);
    }
    let paragraphs = record
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|text| Paragraph {
            text: text.to_string(),
            markdown: String::new(),
            kind: BlockKind::Paragraph,
            blocks: Vec::new(),
        })
        .collect();
    Cow::Owned(paragraphs)
}

/// The rows of a run of table paragraphs, each its cells separated by tabs. An HTML table row
/// is a paragraph of its own (a line break in it is a `<br>` in a cell); a markdown table is
/// one paragraph, a line a row.
fn table_rows<'a>(record: &Record, paragraphs: &'a [Paragraph]) -> Vec<&'a str> {
    if record.format == crate::Format::Markdown {
        paragraphs.iter().flat_map(|p| p.text.lines()).collect()
    } else {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
    }
}

/// A paragraph on its own, or a run of list items or of table rows, which are marked up together.
enum Run<'a> {
    One(&'a Paragraph),
    List(&'a [Paragraph]),
    Table(&'a [Paragraph]),
}

fn runs(paragraphs: &[Paragraph]) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut rest = paragraphs;
    while let Some(first) = rest.first() {
        let together = matches!(first.kind, BlockKind::ListItem | BlockKind::Table);
        let len = if together {
            rest.iter().take_while(|p| p.kind == first.kind).count()
        } else {
            1
        };
        let (run, after) = rest.split_at(len);
        out.push(match first.kind {
            BlockKind::ListItem => Run::List(run),
            BlockKind::Table => Run::Table(run),
            _ => Run::One(first),
        });
        rest = after;
    }
    out
}

/// Escaped text, its line breaks marked up with `br` (`<lb/>`, `<br>`).
fn lines(text: &str, br: &str) -> String {
    let lines: Vec<Cow<str>> = text.trim().lines().map(|l| escape(l.trim(), false)).collect();
    lines.join(br)
}

/// A title for `<title>`, which shows one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for XML or HTML: `&`, `<` and `>` as entities, and in an attribute value (`attribute`)
/// also `"`, and tabs and line breaks as character references, so that attribute-value
/// normalisation does not turn them into spaces; a carriage return always as `&#13;`. A
/// character neither may hold — a C0 control other than tab and line breaks, DEL, a C1
/// control, a noncharacter such as U+FFFE — becomes U+FFFD.
fn escape(text: &str, attribute: bool) -> Cow<'_, str> {
    let special =
        |c: char| matches!(c, '&' | '<' | '>' | '\r') || (attribute && matches!(c, '"' | '\n' | '\t')) || !allowed(c);
    if !text.contains(special) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c if !allowed(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 and HTML both take `c` as text.
fn allowed(c: char) -> bool {
    let code = u32::from(c);
    !(matches!(code, 0..=0x8 | 0xb | 0xc | 0xe..=0x1f | 0x7f..=0x9f | 0xfdd0..=0xfdef) || code & 0xfffe == 0xfffe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_and_forbidden_characters() {
        assert_eq!(escape("plain", true), "plain");
        assert_eq!(escape("a < b & \"c\" > d", false), "a &lt; b &amp; \"c\" &gt; d");
        assert_eq!(escape("a \"c\"\nd\te\r", true), "a &quot;c&quot;&#10;d&#9;e&#13;");
        assert_eq!(
            escape("x\u{0}\u{1b}\u{85}\u{ffff}\u{1fffe}y", false),
            "x\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}y"
        );
        assert_eq!(escape("Привет 🙂", false), "Привет 🙂");
    }

    #[test]
    fn list_items_and_table_rows_are_runs() {
        let p = |kind| Paragraph {
            text: "x".into(),
            markdown: String::new(),
            kind,
            blocks: Vec::new(),
        };
        let body = [
            p(BlockKind::Paragraph),
            p(BlockKind::ListItem),
            p(BlockKind::ListItem),
            p(BlockKind::Table),
            p(BlockKind::Paragraph),
        ];
        let shapes: Vec<&str> = runs(&body)
            .iter()
            .map(|r| match r {
                Run::One(_) => "one",
                Run::List(items) if items.len() == 2 => "list of 2",
                Run::List(_) => "list",
                Run::Table(_) => "table",
            })
            .collect();
        assert_eq!(shapes, ["one", "list of 2", "table", "one"]);
    }
}
