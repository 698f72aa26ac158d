//! Output for people and programs: the record as JSON, the `explain` view.

use std::fmt::Write as _;
use std::io::Write;

use anstyle::{AnsiColor, Style};

use crate::Record;

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
