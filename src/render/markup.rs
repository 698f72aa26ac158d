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
use std::io::Write;

use crate::segment::BlockKind;
use crate::Record;

/// What opens an XML file.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// One document as a `<doc>` element: its provenance as attributes (only those known) —
/// `source`, `title`, `author` (authors joined with `; `), `date` (published), `url`,
/// `hostname`, `sitename` (the outlet), `categories` (the section), `description`, `image`,
/// `language`, `pagetype`, `confidence` — and its body in `<main>`: `<p>`, `<head rend="h2">`,
/// `<list>` of `<item>`, `<quote>`, `<code>`, `<table>` of `<row>` of `<cell>`, line breaks as
/// `<lb/>`. Written as it is made: the body is never copied whole.
pub fn write_xml(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    let p = &record.provenance;
    out.write_all(b"<doc")?;
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
            write!(out, " {name}=\"{}\"", escape(value, true))?;
        }
    }
    if let Some(page_type) = record.page_type {
        write!(out, " pagetype=\"{}\"", page_type.id())?;
    }
    if let Some(confidence) = record.confidence {
        write!(out, " confidence=\"{confidence}\"")?;
    }
    out.write_all(b">\n<main>\n")?;
    write_body(out, record, &XML_TAGS)?;
    out.write_all(b"</main>\n</doc>\n")
}

/// One document as a page of its own: `<html lang>` (when the language is known), a `<head>`
/// with the charset, the title (the source's name when there is none), the authors, the date
/// and the canonical address, and an `<article>` with the title as `<h1>` and the body: `<p>`,
/// `<h2>`…, `<ul>` of `<li>`, `<blockquote>`, `<pre><code>`, `<table>` of `<tr>` of `<td>`,
/// line breaks as `<br>`. Written as it is made: the body is never copied whole.
pub fn write_html(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    let p = &record.provenance;
    out.write_all(b"<!doctype html>\n")?;
    match &p.language {
        Some(language) => writeln!(out, "<html lang=\"{}\">", escape(language, true))?,
        None => out.write_all(b"<html>\n")?,
    }
    out.write_all(b"<head>\n<meta charset=\"utf-8\">\n")?;
    let title = p.title.as_deref().unwrap_or(&record.source);
    writeln!(out, "<title>{}</title>", escape(&one_line(title), false))?;
    if !p.authors.is_empty() {
        writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            escape(&p.authors.join("; "), true)
        )?;
    }
    if let Some(date) = &p.published {
        writeln!(out, "<meta name=\"dcterms.date\" content=\"{}\">", escape(date, true))?;
    }
    if let Some(url) = &p.url {
        writeln!(out, "<link rel=\"canonical\" href=\"{}\">", escape(url, true))?;
    }
    out.write_all(b"</head>\n<body>\n<article>\n")?;
    if let Some(title) = &p.title {
        out.write_all(b"<h1>")?;
        write_lines(out, title, "<br>")?;
        out.write_all(b"</h1>\n")?;
    }
    write_body(out, record, &HTML_TAGS)?;
    out.write_all(b"</article>\n</body>\n</html>\n")
}

/// The markup a body is written in: XML (trafilatura's vocabulary) or HTML. Each pair is an
/// opening and a closing tag; a heading's `{}` is its level.
struct Tags {
    heading: (&'static str, &'static str),
    quote: (&'static str, &'static str),
    code: (&'static str, &'static str),
    paragraph: (&'static str, &'static str),
    list: (&'static str, &'static str),
    item: (&'static str, &'static str),
    table: (&'static str, &'static str),
    row: (&'static str, &'static str),
    cell: (&'static str, &'static str),
    line_break: &'static str,
}

const XML_TAGS: Tags = Tags {
    heading: ("<head rend=\"h{}\">", "</head>"),
    quote: ("<quote>", "</quote>"),
    code: ("<code>", "</code>"),
    paragraph: ("<p>", "</p>"),
    list: ("<list>", "</list>"),
    item: ("<item>", "</item>"),
    table: ("<table>", "</table>"),
    row: ("<row>", "</row>"),
    cell: ("<cell>", "</cell>"),
    line_break: "<lb/>",
};

const HTML_TAGS: Tags = Tags {
    heading: ("<h{}>", "</h{}>"),
    quote: ("<blockquote><p>", "</p></blockquote>"),
    code: ("<pre><code>", "</code></pre>"),
    paragraph: ("<p>", "</p>"),
    list: ("<ul>", "</ul>"),
    item: ("<li>", "</li>"),
    table: ("<table>", "</table>"),
    row: ("<tr>", "</tr>"),
    cell: ("<td>", "</td>"),
    line_break: "<br>",
};

/// The body, paragraph by paragraph, in `tags`: runs of list items as one list, of table rows
/// as one table.
fn write_body(out: &mut impl Write, record: &Record, tags: &Tags) -> std::io::Result<()> {
    let br = tags.line_break;
    for run in runs(&body(record)) {
        match run {
            Run::One(paragraph) => {
                let (open, close) = match paragraph.kind {
                    BlockKind::Heading(level) => {
                        let level = level.clamp(1, 6).to_string();
                        let open = tags.heading.0.replace("{}", &level);
                        out.write_all(open.as_bytes())?;
                        write_lines(out, paragraph.text, br)?;
                        writeln!(out, "{}", tags.heading.1.replace("{}", &level))?;
                        continue;
                    }
                    BlockKind::Quote => tags.quote,
                    BlockKind::Code => {
                        let (open, close) = tags.code;
                        writeln!(out, "{open}{}{close}", escape(paragraph.text, false))?;
                        continue;
                    }
                    _ => tags.paragraph,
                };
                out.write_all(open.as_bytes())?;
                write_lines(out, paragraph.text, br)?;
                writeln!(out, "{close}")?;
            }
            Run::List(items) => {
                writeln!(out, "{}", tags.list.0)?;
                for item in items {
                    out.write_all(tags.item.0.as_bytes())?;
                    write_lines(out, item.text, br)?;
                    writeln!(out, "{}", tags.item.1)?;
                }
                writeln!(out, "{}", tags.list.1)?;
            }
            Run::Table(paragraphs) => {
                writeln!(out, "{}", tags.table.0)?;
                for row in table_rows(record, paragraphs) {
                    out.write_all(tags.row.0.as_bytes())?;
                    for cell in row.split('\t') {
                        out.write_all(tags.cell.0.as_bytes())?;
                        write_lines(out, cell, br)?;
                        out.write_all(tags.cell.1.as_bytes())?;
                    }
                    writeln!(out, "{}", tags.row.1)?;
                }
                writeln!(out, "{}", tags.table.1)?;
            }
        }
    }
    Ok(())
}

/// One paragraph of the body as the shapes read it: its text and what kind of block it is.
#[derive(Debug, Clone, Copy)]
struct Piece<'a> {
    kind: BlockKind,
    text: &'a str,
}

/// The record's paragraphs, read from its text where the record places them; for a record read
/// back from JSON, which does not, its text's blank-line-separated parts.
fn body(record: &Record) -> Vec<Piece<'_>> {
    if !record.paragraphs.is_empty() {
        return record
            .paragraphs
            .iter()
            .map(|span| Piece {
                kind: span.kind,
                text: record.text.get(span.range.clone()).unwrap_or_default(),
            })
            .collect();
    }
    record
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|text| Piece {
            kind: BlockKind::Paragraph,
            text,
        })
        .collect()
}

/// The rows of a run of table paragraphs, each its cells separated by tabs. An HTML table row
/// is a paragraph of its own (a line break in it is a `<br>` in a cell); a markdown table is
/// one paragraph, a line a row.
fn table_rows<'a>(record: &Record, paragraphs: &[Piece<'a>]) -> Vec<&'a str> {
    if record.format == crate::Format::Markdown {
        paragraphs.iter().flat_map(|p| p.text.lines()).collect()
    } else {
        paragraphs.iter().map(|p| p.text).collect()
    }
}

/// A paragraph on its own, or a run of list items or of table rows, which are marked up together.
enum Run<'p, 'a> {
    One(&'p Piece<'a>),
    List(&'p [Piece<'a>]),
    Table(&'p [Piece<'a>]),
}

fn runs<'p, 'a>(paragraphs: &'p [Piece<'a>]) -> Vec<Run<'p, 'a>> {
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

/// Writes escaped text, its line breaks marked up with `br` (`<lb/>`, `<br>`).
fn write_lines(out: &mut impl Write, text: &str, br: &str) -> std::io::Result<()> {
    for (i, line) in text.trim().lines().enumerate() {
        if i > 0 {
            out.write_all(br.as_bytes())?;
        }
        out.write_all(escape(line.trim(), false).as_bytes())?;
    }
    Ok(())
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
        let p = |kind| Piece { kind, text: "x" };
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
