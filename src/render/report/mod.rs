//! The explain and group views as pages a person looks at (`pith explain --html`, `pith group
//! --html`): one self-contained HTML page each — inline CSS, no script, nothing fetched.
//!
//! The explain page lays the record's ledger out in input order (kept text plain, dropped
//! segments greyed and coloured by rule, the rule and reason on hover), a legend of the rules
//! with their counts, and the provenance table, whose byte spans link to the bytes they name,
//! marked where they lie in the page (CSS `:target` lights them up). The group page sets each
//! group's copies side by side, each marked with its word diff against the canonical copy
//! ([`crate::diff::word_changes`]). Colours come from one palette keyed by rule
//! ([`rule_colour`]); every piece of input goes through the one escaper of `markup.rs`.
//!
//! ```
//! let options = pith::Options::default();
//! let page = b"Home | News\n\nThe harbour reopened on Monday after three weeks of repairs <for real>.\n";
//! let record = pith::clean(&pith::input::decode("page.txt", page.to_vec(), &options.read)?);
//! let html = pith::render::explain_html(&record);
//! assert!(html.starts_with("<!doctype html>") && html.contains("data-start=\"0\""));
//! assert!(html.contains("repairs &lt;for real&gt;."));
//! # Ok::<(), pith::Error>(())
//! ```
//!
//! The modules: this one lays the pages out (stylesheet and palette, the explain page's
//! header, provenance table and legend); `segments` writes the ledger's segments with the
//! evidence marked in them; `group` writes the group page.

mod group;
mod segments;

use std::collections::BTreeMap;
use std::io::Write;

use super::markup::escape;
use crate::input::Format;
use crate::record::Segment;
use crate::rule::Rule;
use crate::Record;
pub use group::{write_group_html, write_groups_end, write_groups_start, GroupIds};
use segments::write_segment;

/// The bytes column of a field whose evidence names none.
const NO_BYTES: &str = "<span class=\"computed\" title=\"this evidence names no bytes of the input \
                        (computed, or read from outside the page)\">—</span>";
/// How many characters of a provenance value the table shows before the rest is folded away.
const LONG_VALUE: usize = 240;
/// How much of a rule's colour tints the background of its dropped segments (the rest is white).
const TINT: u32 = 14;

/// The colour of each rule, the one home of the page's palette: dropped segments are tinted
/// with it, their border and the legend's swatch are it. Neighbouring rules that often sit
/// side by side on a page (related and navigation, byline and dateline) get distinct hues.
pub const fn rule_colour(rule: Rule) -> &'static str {
    match rule {
        Rule::Body => "#59a14f",
        Rule::Title => "#4e79a7",
        Rule::TitleLine => "#7fa8d1",
        Rule::Appeal => "#d37295",
        Rule::Byline => "#499894",
        Rule::Dateline => "#9467bd",
        Rule::Related => "#f28e2b",
        Rule::Media => "#b07aa1",
        Rule::Navigation => "#79706e",
        Rule::Share => "#e15759",
        Rule::SourceFooter => "#9d7660",
        Rule::Legal => "#b6992d",
        Rule::Comments => "#ff9d9a",
        Rule::OutsideArticle => "#a9a29d",
        Rule::AuthorBio => "#8cd17d",
        Rule::RepeatedOnPage => "#d4a6c8",
        Rule::RepeatedInOutlet => "#e377c2",
        Rule::Model => "#ffbe7d",
        Rule::Table => "#86bcb6",
        Rule::Markup => "#c7c7c7",
        Rule::Whitespace => "#e5e5e5",
    }
}

/// `colour` (`#rrggbb`) mixed with white, `TINT` percent of it.
fn tint(colour: &str) -> String {
    let channel = |at: usize| {
        let value = colour
            .get(at..at + 2)
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .unwrap_or(255);
        (value * TINT + 255 * (100 - TINT) + 50) / 100
    };
    format!("#{:02x}{:02x}{:02x}", channel(1), channel(3), channel(5))
}

const STYLE: &str = r#":root{color-scheme:light;--fg:#1f2328;--muted:#6a6f76;--line:#e2e4e8;--ev:#fff3b0;--ev-edge:#d9a800;--hit:#ffd93d}
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:var(--fg);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
h1{font-size:20px;margin:0 0 6px;overflow-wrap:anywhere}
h2{font-size:15px;margin:22px 0 8px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.doc,.groups{max-width:1440px;margin:0 auto;padding:22px 28px 40px}
.doc+.doc{border-top:3px solid var(--line)}
.kicker{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0}
.facts{display:flex;flex-wrap:wrap;gap:4px 22px;margin:6px 0 0;padding:0}
.facts div{display:flex;gap:6px}
.facts dt{color:var(--muted)}
.facts dd{margin:0;font-weight:600}
.warnings{margin:12px 0 0;padding:6px 12px;list-style:none;background:#fff4e0;border-left:4px solid #e8a000;border-radius:4px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 290px;gap:28px;align-items:start}
.card{background:#fff;border:1px solid var(--line);border-radius:8px}
.prov{width:100%;border-collapse:collapse;font-size:14px}
.prov th,.prov td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
.prov tbody tr:last-child>*{border-bottom:0}
.prov thead th{font-size:12px;color:var(--muted);font-weight:600}
.prov tbody th{font-weight:600;white-space:nowrap}
.prov .v{overflow-wrap:anywhere}
.prov .computed{color:var(--muted)}
.prov code{white-space:nowrap;font-size:13px}
.prov summary{cursor:pointer}
.note{color:var(--muted);font-size:13px;margin:6px 2px}
.hashes{color:var(--muted);font-size:12px;margin:6px 2px;overflow-wrap:anywhere}
.ledger{padding:16px 20px}
.seg{margin:0 0 10px;overflow-wrap:anywhere}
.seg:target{outline:2px solid #1a73e8;outline-offset:3px}
.seg.drop{color:#5f6368;background:var(--t);border-left:4px solid var(--c);border-radius:0 4px 4px 0;padding:4px 10px;font-size:14px}
.seg.joins{margin-top:-8px}
.seg.tiny{font-size:12px;padding:1px 10px;margin-bottom:6px}
.seg.ws{margin:0}
.txt{white-space:pre-wrap}
.txt p{margin:0}
.txt p+p{margin-top:4px}
.tag{float:right;margin:1px 0 2px 12px;padding:0 6px;border:1px solid var(--c);border-radius:9px;background:#fff;color:#3c4043;font:600 11px/16px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.tiny .tag{float:none;margin:0 6px 0 0}
mark.ev{background:var(--ev);color:inherit;border-bottom:2px solid var(--ev-edge);padding:0}
mark.ev:target,mark.ev:target mark.ev{background:var(--hit);outline:2px solid #1f2328}
pre.src{white-space:pre-wrap;overflow-wrap:anywhere;margin:6px 0 2px;padding:6px 8px;font-size:12px;line-height:1.5;background:#f6f8fa;border:1px solid var(--line);border-radius:4px;color:#3c4043}
.legend{position:sticky;top:14px;padding:12px 14px;font-size:13px}
.legend h2{margin-top:0}
.legend table{width:100%;border-collapse:collapse}
.legend td,.legend th{padding:3px 4px;text-align:left}
.legend td.n,.legend th.n{text-align:right;font-variant-numeric:tabular-nums}
.legend thead th{color:var(--muted);font-weight:600;font-size:12px}
.legend tfoot td{border-top:1px solid var(--line);color:var(--muted)}
.legend a{color:inherit;text-decoration:none}
.legend a:hover{text-decoration:underline}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;background:var(--c);vertical-align:-2px}
.sw.kept{background:#fff;border:2px solid var(--c)}
.group{padding:14px 18px;margin:0 0 16px}
.group h2{margin:0 0 6px;text-transform:none;letter-spacing:0;color:var(--fg);font-size:16px}
.group h2 small{color:var(--muted);font-weight:400}
.merged{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 14px;margin:0 0 12px;font-size:14px}
.merged dt{color:var(--muted)}
.merged dd{margin:0;overflow-wrap:anywhere}
.merged .from{color:var(--muted);font-size:12px}
.members{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(340px,1fr);gap:14px;overflow-x:auto;align-items:start}
.member{border:1px solid var(--line);border-radius:6px;padding:10px 12px;min-width:0}
.member.canonical{border-color:#9bb8d6;background:#fbfdff}
.member h3{margin:0;font-size:14px;overflow-wrap:anywhere}
.member .meta{margin:0 0 8px;color:var(--muted);font-size:13px}
.body{white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px}
.same{color:var(--muted);font-style:italic}
del{background:#ffd7d5;color:#82071e;text-decoration:line-through;padding:0 1px}
ins{background:#ccf2d6;color:#055d20;text-decoration:none;padding:0 1px}
.single{padding:8px 18px;margin:0 0 8px;font-size:14px}
.single p{margin:0;overflow-wrap:anywhere}
.single .gid{color:var(--muted);font-size:12px;margin-right:8px}
@media (max-width:900px){.layout{grid-template-columns:1fr}.legend{position:static}}
"#;

/// Writes what opens a page: the doctype, a head with the title and the whole stylesheet (the
/// palette included), and `<body>`.
pub fn write_page_start(out: &mut impl Write, title: &str) -> std::io::Result<()> {
    out.write_all(b"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")?;
    out.write_all(b"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")?;
    writeln!(out, "<title>{}</title>", escape(title, false))?;
    out.write_all(b"<style>\n")?;
    out.write_all(STYLE.as_bytes())?;
    for rule in Rule::ALL {
        let colour = rule_colour(rule);
        writeln!(out, ".r-{}{{--c:{colour};--t:{}}}", rule.id(), tint(colour))?;
    }
    out.write_all(b"</style>\n</head>\n<body>\n")
}

/// Writes what closes a page.
pub fn write_page_end(out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(b"</body>\n</html>\n")
}

/// The explain page of one record, whole.
pub fn explain_html(record: &Record) -> String {
    let mut out = Vec::new();
    // Writing into memory does not fail.
    let _ = write_page_start(&mut out, &format!("pith explain: {}", record.source))
        .and_then(|()| write_explain_html(&mut out, record, 0))
        .and_then(|()| write_page_end(&mut out));
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the explain view of one record as a `<section>` of a page (between
/// [`write_page_start`] and [`write_page_end`]): the header (source, format, encoding, page
/// type, confidence, warnings), the provenance table, every segment of the ledger in input
/// order as an element with `data-start` and `data-end`, and the legend. `doc` numbers the
/// records of one page (a WARC file's), so that their anchors differ.
pub fn write_explain_html(out: &mut impl Write, record: &Record, doc: usize) -> std::io::Result<()> {
    let ids = Ids(doc);
    let evidence = evidence_spans(record);
    writeln!(out, "<section class=\"doc\" id=\"{}\">", ids.doc())?;
    write_header(out, record)?;
    out.write_all(b"<div class=\"layout\">\n<div>\n<h2>Provenance</h2>\n")?;
    write_provenance(out, record, &evidence, ids)?;
    out.write_all(b"<h2>The input, segment by segment</h2>\n<div class=\"card ledger\">\n")?;
    if record.segments.is_empty() {
        out.write_all(b"<p class=\"note\">The input is empty: its ledger has no segments.</p>\n")?;
    }
    let mut previous = None;
    for (index, segment) in record.segments.iter().enumerate() {
        write_segment(out, record.format, segment, previous, index, &evidence, ids)?;
        previous = Some(segment);
    }
    out.write_all(b"</div>\n</div>\n")?;
    write_legend(out, record, ids)?;
    out.write_all(b"</div>\n</section>\n")
}

/// The anchors of the `doc`th record of a page: `d0-s3` (a segment), `d0-ev-title` (evidence).
#[derive(Clone, Copy)]
pub(super) struct Ids(pub(super) usize);

impl Ids {
    fn doc(self) -> String {
        format!("d{}", self.0)
    }

    pub(super) fn segment(self, index: usize) -> String {
        format!("d{}-s{index}", self.0)
    }

    pub(super) fn evidence(self, field: &str) -> String {
        format!("d{}-ev-{}", self.0, slug(field))
    }
}

/// A field name as it may stand in an id or a class: ASCII letters, digits, `-` and `_`.
fn slug(field: &str) -> String {
    field
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' })
        .collect()
}

/// A provenance field's evidence that names bytes of the input.
pub(super) struct Span<'a> {
    pub(super) field: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Every evidence with a byte span that lies in the input, by field name.
fn evidence_spans(record: &Record) -> Vec<Span<'_>> {
    let len = record.segments.last().map_or(0, |s| s.end);
    record
        .provenance
        .evidence
        .iter()
        .filter_map(|(field, e)| match (e.start, e.end) {
            (Some(start), Some(end)) if start <= end && end <= len && start < len.max(1) => {
                Some(Span { field, start, end })
            }
            _ => None,
        })
        .collect()
}

fn write_header(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    out.write_all(b"<header>\n<p class=\"kicker\">pith explain</p>\n")?;
    writeln!(out, "<h1>{}</h1>", escape(&record.source, false))?;
    let (kept, all) = record.segments.iter().fold((0, 0), |(kept, all), s| {
        let words = words(record.format, s);
        (kept + if s.keep { words } else { 0 }, all + words)
    });
    let page_type = record.page_type.map_or("unknown", |t| t.id());
    let confidence = record
        .confidence
        .map_or("unknown".to_string(), |c| format!("{c:.2} (predicted F1)"));
    let facts = [
        ("format", record.format.name().to_string()),
        ("encoding", record.encoding.clone()),
        ("page type", page_type.to_string()),
        ("confidence", confidence),
        ("kept", format!("{kept} of {all} words")),
    ];
    out.write_all(b"<dl class=\"facts\">")?;
    for (name, value) in facts {
        write!(out, "<div><dt>{name}</dt><dd>{}</dd></div>", escape(&value, false))?;
    }
    out.write_all(b"</dl>\n")?;
    if !record.warnings.is_empty() {
        out.write_all(b"<ul class=\"warnings\">")?;
        for warning in &record.warnings {
            write!(out, "<li>warning: {}</li>", escape(warning, false))?;
        }
        out.write_all(b"</ul>\n")?;
    }
    out.write_all(b"</header>\n")
}

/// The provenance table: each field found with its value, the rule that found it and, where
/// the evidence names bytes, a link to them; then the fields not found and the hashes.
fn write_provenance(out: &mut impl Write, record: &Record, evidence: &[Span], ids: Ids) -> std::io::Result<()> {
    let p = &record.provenance;
    let (found, missing): (Vec<_>, Vec<_>) = p.fields().partition(|f| f.value.is_some());
    if !found.is_empty() {
        out.write_all(b"<div class=\"card\"><table class=\"prov\">\n")?;
        out.write_all(
            b"<thead><tr><th>field</th><th>value</th><th>evidence</th><th>bytes</th></tr></thead>\n<tbody>\n",
        )?;
    }
    for field in &found {
        let (name, value) = (field.name, field.display().unwrap_or_default());
        let rule = field.evidence.map_or("", |e| e.rule.as_str());
        let bytes = match evidence.iter().find(|s| s.field == name) {
            Some(span) => format!("<a href=\"#{}\">{}..{}</a>", ids.evidence(name), span.start, span.end),
            None => NO_BYTES.to_string(),
        };
        write!(out, "<tr><th>{name}</th><td class=\"v\">")?;
        write_value(out, &value)?;
        writeln!(
            out,
            "</td><td><code>{}</code></td><td>{bytes}</td></tr>",
            escape(rule, false)
        )?;
    }
    if !found.is_empty() {
        out.write_all(b"</tbody>\n</table></div>\n")?;
    }
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|f| f.name).collect();
        writeln!(out, "<p class=\"note\">not found: {}</p>", names.join(", "))?;
    }
    writeln!(
        out,
        "<p class=\"hashes\">input sha256 <span class=\"mono\">{}</span><br>text sha256 <span class=\"mono\">{}</span></p>",
        escape(&p.input_sha256, false),
        escape(&p.text_sha256, false)
    )
}

/// A provenance value; a long one (a description that is the whole article) as its first
/// words, which open onto the rest.
fn write_value(out: &mut impl Write, value: &str) -> std::io::Result<()> {
    match value.char_indices().nth(LONG_VALUE) {
        Some((cut, _)) => write!(
            out,
            "<details><summary>{}…</summary>{}</details>",
            escape(value.get(..cut).unwrap_or_default(), false),
            escape(value.get(cut..).unwrap_or_default(), false)
        ),
        None => out.write_all(escape(value, false).as_bytes()),
    }
}

/// The words a person sees in a segment: an HTML block's visible text, a dump's text; none in
/// a page's markup or blank space.
fn words(format: Format, segment: &Segment) -> usize {
    match (&segment.content, format) {
        (Some(content), _) => crate::eval::tokens(content).len(),
        (None, Format::Html) => 0,
        (None, _) => crate::eval::tokens(segment.text.as_deref().unwrap_or_default()).len(),
    }
}

/// The legend: per rule (kept ones first) a swatch in its colour, how many segments and words
/// it has, linked to its first segment; then the totals kept and dropped.
fn write_legend(out: &mut impl Write, record: &Record, ids: Ids) -> std::io::Result<()> {
    // (dropped, rule) → (first segment, segments, words): kept rules sort first.
    let mut rows: BTreeMap<(bool, Rule), (usize, usize, usize)> = BTreeMap::new();
    for (index, segment) in record.segments.iter().enumerate() {
        let row = rows.entry((!segment.keep, segment.rule)).or_insert((index, 0, 0));
        row.1 += 1;
        row.2 += words(record.format, segment);
    }
    out.write_all(b"<aside class=\"card legend\">\n<h2>Rules</h2>\n<table>\n")?;
    out.write_all(b"<thead><tr><th></th><th>rule</th><th class=\"n\">segments</th><th class=\"n\">words</th></tr></thead>\n<tbody>\n")?;
    let mut totals = [(0, 0); 2];
    for ((dropped, rule), (first, segments, words)) in &rows {
        let swatch = if *dropped { "sw" } else { "sw kept" };
        let verdict = if *dropped { "" } else { " (kept)" };
        writeln!(
            out,
            "<tr class=\"r-{id}\"><td><span class=\"{swatch}\"></span></td><td><a href=\"#{}\">{id}</a>{verdict}</td><td class=\"n\">{segments}</td><td class=\"n\">{words}</td></tr>",
            ids.segment(*first),
            id = rule.id(),
        )?;
        if let Some(total) = totals.get_mut(usize::from(*dropped)) {
            total.0 += segments;
            total.1 += words;
        }
    }
    out.write_all(b"</tbody>\n<tfoot>\n")?;
    for ((segments, words), name) in totals.iter().zip(["kept", "dropped"]) {
        writeln!(
            out,
            "<tr><td></td><td>{name}</td><td class=\"n\">{segments}</td><td class=\"n\">{words}</td></tr>"
        )?;
    }
    out.write_all(b"</tfoot>\n</table>\n")?;
    out.write_all(b"<p class=\"note\">Hover a segment for its rule and reason; a byte range in the provenance table jumps to the bytes it names.</p>\n</aside>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_colour_and_tints_are_light() {
        for rule in Rule::ALL {
            let colour = rule_colour(rule);
            assert!(colour.len() == 7 && colour.starts_with('#'), "{rule}");
            assert!(u32::from_str_radix(&tint(colour)[1..], 16).is_ok());
        }
        assert_eq!(tint("#000000"), "#dbdbdb");
        assert_eq!(tint("#ffffff"), "#ffffff");
    }
}
