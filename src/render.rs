//! Output for people and programs: the record in every shape `pith clean` writes (text,
//! markdown, JSON, CSV, XML, HTML), the `explain` view, groups and stories.

mod markup;
mod metadata;
mod table;

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::Record;

pub use markup::{html, xml, XML_DECLARATION};
pub use metadata::{front_matter, yaml_quoted};
pub use table::{csv_header, csv_row, CSV_COLUMNS};

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

    /// One document as a file of its own (`-o DIR`, or stdout for a single input).
    /// `with_metadata` puts the provenance above a text or markdown body as YAML front matter
    /// (the other shapes always carry it).
    pub fn file(self, record: &Record, with_metadata: bool) -> String {
        format!(
            "{}{}{}",
            self.start(false),
            self.item(record, with_metadata, false),
            self.end(false)
        )
    }

    /// What opens the output of a run (`several`: of more than one document, or of a number
    /// not known in advance): the CSV header row; the XML declaration and, for several, `<docs>`.
    pub fn start(self, several: bool) -> String {
        match self {
            Shape::Csv => csv_header(),
            Shape::Xml if several => format!("{XML_DECLARATION}<docs>\n"),
            Shape::Xml => XML_DECLARATION.to_string(),
            _ => String::new(),
        }
    }

    /// One document in the output of a run. Text and markdown of several documents each open
    /// with `==> SOURCE <==` and end with a blank line.
    pub fn item(self, record: &Record, with_metadata: bool, several: bool) -> String {
        let header = || {
            if with_metadata {
                front_matter(record)
            } else {
                String::new()
            }
        };
        let body = match self {
            Shape::Text => format!("{}{}", header(), record.text),
            Shape::Markdown => format!("{}{}", header(), record.markdown),
            Shape::Json => return format!("{}\n", json_pretty(record)),
            Shape::Jsonl => return format!("{}\n", json_line(record)),
            Shape::Csv => return csv_row(record),
            Shape::Xml => return xml(record),
            Shape::Html => return html(record),
        };
        if several {
            format!("==> {} <==\n{body}\n", record.source)
        } else {
            body
        }
    }

    /// What closes the output of a run: `</docs>` for several XML documents.
    pub fn end(self, several: bool) -> &'static str {
        match self {
            Shape::Xml if several => "</docs>\n",
            _ => "",
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

/// Every block with KEEP/DROP, its rule and reason, then the provenance found. `color` adds
/// ANSI styles (the CLI decides, honouring NO_COLOR and whether stdout is a terminal).
pub fn explain(record: &Record, color: bool) -> String {
    let keep = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
    let drop = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let dim = Style::new().dimmed();
    let paint = |style: Style, text: &str| {
        if color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}, {})", record.source, record.format.name(), record.encoding);
    let page_type = record.page_type.map_or("unknown", |t| t.id());
    let confidence = record
        .confidence
        .map_or("unknown".to_string(), |c| format!("{c:.2} (predicted F1)"));
    let _ = writeln!(out, "page type: {page_type}; confidence: {confidence}");
    for warning in &record.warnings {
        let _ = writeln!(out, "warning: {warning}");
    }
    for segment in &record.segments {
        if segment.text.trim().is_empty() {
            continue;
        }
        let verdict = if segment.keep {
            paint(keep, "KEEP")
        } else {
            paint(drop, "DROP")
        };
        let text = preview(segment.content.as_deref().unwrap_or(&segment.text).trim(), 100);
        let _ = writeln!(out, "{verdict} {:<15} {}", segment.rule, text);
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
    let fields: [(&str, Option<String>); 8] = [
        ("title", p.title.clone()),
        ("authors", (!p.authors.is_empty()).then(|| p.authors.join("; "))),
        ("published", p.published.clone()),
        ("url", p.url.clone()),
        ("host", p.host.clone()),
        ("outlet", p.outlet.clone()),
        ("section", p.section.clone()),
        ("language", p.language.clone()),
    ];
    for (name, value) in fields {
        let evidence = p.evidence.get(name).map(|e| match (e.start, e.end) {
            (Some(s), Some(t)) => format!("  [{} @ {s}..{t}]", e.rule),
            _ => format!("  [{}]", e.rule),
        });
        let _ = writeln!(
            out,
            "  {name:<10} {}{}",
            value.unwrap_or_else(|| "null".into()),
            paint(dim, &evidence.unwrap_or_default())
        );
    }
    let _ = writeln!(out, "  {:<10} {}", "input", p.input_sha256);
    let _ = writeln!(out, "  {:<10} {}", "text", p.text_sha256);
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
                    "  - {}  similarity {:.3}, +{} -{} words{}",
                    member.source,
                    member.similarity,
                    member.words_added,
                    member.words_removed,
                    if member.diff.is_empty() { ", identical body" } else { "" }
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
    out
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
        }
    }
    out
}
