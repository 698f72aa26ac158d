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

use crate::segment::marks::{leads_nowhere, Figure, Image, Mark};
use crate::segment::BlockKind;
use crate::Record;

/// What opens an XML file.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// One document as a `<doc>` element: its provenance as attributes (only those known) —
/// `source`, `title`, `author` (authors joined with `; `), `date` (published), `url`,
/// `hostname`, `sitename` (the outlet), `categories` (the section), `description`, `image`,
/// `language`, `pagetype`, `confidence` — and its body in `<main>`: `<p>`, `<head rend="h2">`,
/// `<list>` of `<item>`, `<quote>`, `<code>`, `<table>` of `<row>` of `<cell>`, line breaks as
/// `<lb/>`; with `--links`, `<ref target="URL">text</ref>`, and with `--images`, `<graphic
/// src="URL" alt="text"/>` (one standing alone after a paragraph on its own line). Written as it
/// is made: the body is never copied whole.
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
/// line breaks as `<br>`; with `--links`, `<a href="URL">text</a>`, and with `--images`, `<img
/// src="URL" alt="text">` (one standing alone after a paragraph in a `<figure>`). Written as it
/// is made: the body is never copied whole.
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
    // An address given beside the page (a JSONL `url`, `--url`) is taken as given; one that
    // would run code when followed is not written as a link, as a page's own such links are not.
    if let Some(url) = p.url.as_deref().filter(|url| !leads_nowhere(url)) {
        writeln!(out, "<link rel=\"canonical\" href=\"{}\">", escape(url, true))?;
    }
    out.write_all(b"</head>\n<body>\n<article>\n")?;
    if let Some(title) = &p.title {
        out.write_all(b"<h1>")?;
        write_marked(out, title, 0..title.len(), &[], &HTML_TAGS)?;
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
    /// A link: before its target, after it, and the closing tag.
    link: (&'static str, &'static str, &'static str),
    /// An image: before its source, between it and the alt text, after that.
    image: (&'static str, &'static str, &'static str),
    /// Around an image that stands alone after a paragraph.
    figure: (&'static str, &'static str),
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
    link: ("<ref target=\"", "\">", "</ref>"),
    image: ("<graphic src=\"", "\" alt=\"", "\"/>"),
    figure: ("", ""),
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
    link: ("<a href=\"", "\">", "</a>"),
    image: ("<img src=\"", "\" alt=\"", "\">"),
    figure: ("<figure>", "</figure>"),
};

/// The body, paragraph by paragraph, in `tags`: runs of list items as one list, of table rows
/// as one table.
fn write_body(out: &mut impl Write, record: &Record, tags: &Tags) -> std::io::Result<()> {
    for run in runs(&body(record)) {
        match run {
            Run::One(paragraph) => {
                let (open, close) = match paragraph.kind {
                    BlockKind::Heading(level) => {
                        let level = level.clamp(1, 6).to_string();
                        (
                            tags.heading.0.replace("{}", &level),
                            tags.heading.1.replace("{}", &level),
                        )
                    }
                    BlockKind::Quote => (tags.quote.0.to_string(), tags.quote.1.to_string()),
                    BlockKind::Code => (tags.code.0.to_string(), tags.code.1.to_string()),
                    _ => (tags.paragraph.0.to_string(), tags.paragraph.1.to_string()),
                };
                out.write_all(open.as_bytes())?;
                if paragraph.kind == BlockKind::Code {
                    // Code as written: its line breaks and spaces are its own.
                    out.write_all(escape(paragraph.text, false).as_bytes())?;
                } else {
                    write_marked(out, paragraph.text, 0..paragraph.text.len(), paragraph.marks, tags)?;
                }
                writeln!(out, "{close}")?;
                for figure in paragraph.figures {
                    out.write_all(tags.figure.0.as_bytes())?;
                    write_marked(out, "", 0..0, &figure.marks, tags)?;
                    writeln!(out, "{}", tags.figure.1)?;
                }
            }
            Run::List(items) => {
                writeln!(out, "{}", tags.list.0)?;
                for item in items {
                    out.write_all(tags.item.0.as_bytes())?;
                    write_marked(out, item.text, 0..item.text.len(), item.marks, tags)?;
                    write_figures(out, item.figures, tags)?;
                    writeln!(out, "{}", tags.item.1)?;
                }
                writeln!(out, "{}", tags.list.1)?;
            }
            Run::Table(paragraphs) => {
                writeln!(out, "{}", tags.table.0)?;
                for row in table_rows(record, paragraphs) {
                    out.write_all(tags.row.0.as_bytes())?;
                    let mut start = 0;
                    let cells = row.text.split('\t').count();
                    for (i, cell) in row.text.split('\t').enumerate() {
                        out.write_all(tags.cell.0.as_bytes())?;
                        write_marked(out, row.text, start..start + cell.len(), row.marks, tags)?;
                        if i + 1 == cells {
                            write_figures(out, row.figures, tags)?;
                        }
                        out.write_all(tags.cell.1.as_bytes())?;
                        start += cell.len() + 1;
                    }
                    writeln!(out, "{}", tags.row.1)?;
                }
                writeln!(out, "{}", tags.table.1)?;
            }
        }
    }
    Ok(())
}

/// One paragraph of the body as the shapes read it: its text, what kind of block it is, and its
/// links and images (offsets of its text) with the images that stand after it.
#[derive(Debug, Clone, Copy)]
struct Piece<'a> {
    kind: BlockKind,
    text: &'a str,
    marks: &'a [Mark],
    figures: &'a [Figure],
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
                marks: &span.marks,
                figures: &span.figures,
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
            marks: &[],
            figures: &[],
        })
        .collect()
}

/// The rows of a run of table paragraphs, each its cells separated by tabs. An HTML table row
/// is a paragraph of its own (a line break in it is a `<br>` in a cell); a markdown table is
/// one paragraph, a line a row.
fn table_rows<'a>(record: &Record, paragraphs: &[Piece<'a>]) -> Vec<Piece<'a>> {
    if record.format == crate::Format::Markdown {
        paragraphs
            .iter()
            .flat_map(|p| p.text.lines())
            .map(|text| Piece {
                kind: BlockKind::Table,
                text,
                marks: &[],
                figures: &[],
            })
            .collect()
    } else {
        paragraphs.to_vec()
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

/// Writes `text[range]` escaped, trimmed and each line trimmed, its line breaks as
/// `tags.line_break`, and the links and images of `marks` (offsets of `text`; those outside
/// `range` are passed over) at their places, in `tags`. A mark in the whitespace a line is
/// trimmed of goes to the edge of the line's text; a link still open at the end is closed.
fn write_marked(
    out: &mut impl Write,
    text: &str,
    range: std::ops::Range<usize>,
    marks: &[Mark],
    tags: &Tags,
) -> std::io::Result<()> {
    let part = text.get(range.clone()).unwrap_or_default();
    let mut pending = marks
        .iter()
        .filter(|m| range.contains(&m.at()) || m.at() == range.end)
        .peekable();
    let mut open = false;
    let mut mark = |out: &mut dyn Write, mark: &Mark| -> std::io::Result<()> {
        match mark {
            // A record read back may carry any target: one that would run is not written.
            Mark::LinkStart { target, .. } if !open && !leads_nowhere(target) => {
                open = true;
                write!(out, "{}{}{}", tags.link.0, escape(target, true), tags.link.1)
            }
            Mark::LinkEnd { .. } if open => {
                open = false;
                out.write_all(tags.link.2.as_bytes())
            }
            Mark::Image { image, .. } => write_image(out, image, tags),
            _ => Ok(()),
        }
    };
    let lead = part.len() - part.trim_start().len();
    let mut line_start = range.start + lead;
    for (i, line) in part.trim().split('\n').enumerate() {
        let line_end = line_start + line.len();
        if i > 0 {
            out.write_all(tags.line_break.as_bytes())?;
        }
        let from = line_start + (line.len() - line.trim_start().len());
        let to = from + line.trim().len();
        // Marks in the whitespace before the line's text (the previous line's end included).
        while let Some(m) = pending.next_if(|m| m.at() <= from) {
            mark(out, m)?;
        }
        let mut at = from;
        while let Some(m) = pending.next_if(|m| m.at() < to) {
            out.write_all(escape(text.get(at..m.at()).unwrap_or_default(), false).as_bytes())?;
            at = m.at();
            mark(out, m)?;
        }
        out.write_all(escape(text.get(at..to).unwrap_or_default(), false).as_bytes())?;
        while let Some(m) = pending.next_if(|m| m.at() <= line_end) {
            mark(out, m)?;
        }
        line_start = line_end + 1;
    }
    for m in pending {
        mark(out, m)?;
    }
    if open {
        out.write_all(tags.link.2.as_bytes())?;
    }
    Ok(())
}

/// An image in `tags`, its source and alt text escaped as attribute values.
fn write_image(out: &mut dyn Write, image: &Image, tags: &Tags) -> std::io::Result<()> {
    if leads_nowhere(&image.src) {
        return Ok(());
    }
    let (before, between, after) = tags.image;
    write!(
        out,
        "{before}{}{between}{}{after}",
        escape(&image.src, true),
        escape(&image.alt, true)
    )
}

/// Figures one after another, inside a list item or a table row's last cell that they follow.
fn write_figures(out: &mut impl Write, figures: &[Figure], tags: &Tags) -> std::io::Result<()> {
    for figure in figures {
        write_marked(out, "", 0..0, &figure.marks, tags)?;
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
pub(super) fn escape(text: &str, attribute: bool) -> Cow<'_, str> {
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
        let p = |kind| Piece {
            kind,
            text: "x",
            marks: &[],
            figures: &[],
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

    #[test]
    fn marks_lie_over_the_text_line_by_line_and_links_always_close() {
        let link = |at, target: &str| Mark::LinkStart {
            at,
            target: target.into(),
        };
        let image = |at| Mark::Image {
            at,
            image: Image {
                src: "s?a=1&b=\"2\"".into(),
                alt: "a & b".into(),
            },
        };
        let write = |text: &str, range: std::ops::Range<usize>, marks: &[Mark], tags: &Tags| {
            let mut out = Vec::new();
            let written = write_marked(&mut out, text, range, marks, tags);
            assert!(written.is_ok());
            String::from_utf8(out).unwrap_or_default()
        };
        // A link across a line break; an image in the whitespace the text is trimmed of goes to
        // the edge of its text.
        let text = " a b \n c d ";
        let marks = [image(0), link(3, "x"), Mark::LinkEnd { at: 8 }];
        assert_eq!(
            write(text, 0..text.len(), &marks, &XML_TAGS),
            "<graphic src=\"s?a=1&amp;b=&quot;2&quot;\" alt=\"a &amp; b\"/>a <ref target=\"x\">b<lb/>c</ref> d"
        );
        assert_eq!(
            write(text, 0..text.len(), &marks, &HTML_TAGS),
            "<img src=\"s?a=1&amp;b=&quot;2&quot;\" alt=\"a &amp; b\">a <a href=\"x\">b<br>c</a> d"
        );
        // An end without a start is passed over, a start without an end closed at the end.
        assert_eq!(
            write("x < y", 0..5, &[Mark::LinkEnd { at: 1 }, link(4, "t")], &XML_TAGS),
            "x &lt; <ref target=\"t\">y</ref>"
        );
        // A table cell takes the marks within it: a link from the cell before ends with it.
        let row = "a\tb c";
        let marks = [link(0, "t"), Mark::LinkEnd { at: 4 }];
        assert_eq!(write(row, 0..1, &marks, &XML_TAGS), "<ref target=\"t\">a</ref>");
        assert_eq!(write(row, 2..5, &marks, &XML_TAGS), "b c");
    }
}
