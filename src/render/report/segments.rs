//! The ledger's segments on the explain page: kept text plain, dropped segments tinted by
//! rule, and the evidence marked in the bytes it names.

use std::io::Write;

use super::{Ids, Span};
use crate::input::Format;
use crate::record::Segment;
use crate::render::markup::escape;
use crate::rule::Rule;
use crate::text::floor_boundary;

/// How many bytes of markup an excerpt shows on each side of the evidence it holds.
const EXCERPT_CONTEXT: usize = 60;

/// One segment of the ledger. Kept text is plain; a dropped segment is tinted with its rule's
/// colour and labelled with it; both carry the rule and reason as a `title`. An HTML block
/// shows its visible text, and where evidence lies in its bytes, an excerpt of its markup with
/// the evidence marked; a page's markup and blank space are a small marker. A dropped segment
/// right after one dropped by the same rule joins it, without a label of its own (a menu of
/// forty items is one grey box, not forty labelled ones).
pub(super) fn write_segment(
    out: &mut impl Write,
    format: Format,
    segment: &Segment,
    previous: Option<&Segment>,
    index: usize,
    evidence: &[Span],
    ids: Ids,
) -> std::io::Result<()> {
    let rule = segment.rule;
    // A page's markup and blank space outside blocks: a small marker (in a dump, text before
    // the first block is text and is shown).
    let structural = !segment.keep
        && segment.content.is_none()
        && (rule == Rule::Whitespace || (rule == Rule::Markup && format == Format::Html));
    let joins = !segment.keep && !structural && previous.is_some_and(|p| !p.keep && p.rule == rule);
    let class = match (segment.keep, structural, rule) {
        (true, ..) => "seg keep",
        (false, true, Rule::Whitespace) => "seg drop tiny ws",
        (false, true, _) => "seg drop tiny",
        (false, false, _) if joins => "seg drop joins",
        (false, false, _) => "seg drop",
    };
    let label = !segment.keep && !joins;
    let mut title = format!("{}: {}", rule.id(), segment.reason);
    if let Some(path) = &segment.path {
        title.push_str("\n@ ");
        title.push_str(path);
    }
    title.push_str(&format!("\nbytes {}..{}", segment.start, segment.end));
    write!(
        out,
        "<div class=\"{class} r-{}\" id=\"{}\" data-start=\"{}\" data-end=\"{}\" data-rule=\"{}\" title=\"{}\">",
        rule.id(),
        ids.segment(index),
        segment.start,
        segment.end,
        rule.id(),
        escape(&title, true)
    )?;
    let marks = marks_in(segment, evidence);
    let shows_markup = format == Format::Html || segment.content.is_some();
    if structural {
        if rule == Rule::Markup || !marks.is_empty() {
            write!(
                out,
                "<span class=\"tag\">{}</span>{} bytes",
                rule.id(),
                segment.end.saturating_sub(segment.start)
            )?;
        }
        if !marks.is_empty() {
            write_excerpts(out, segment, &marks, ids)?;
        }
    } else if shows_markup {
        if label {
            write!(out, "<span class=\"tag\">{}</span>", rule.id())?;
        }
        // The blocks of a run (and a table's rows) stand apart as paragraphs, closer together
        // than segments.
        out.write_all(b"<div class=\"txt\">")?;
        let content = segment.content.as_deref().unwrap_or_default();
        for block in content.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
            write!(out, "<p>{}</p>", escape(block, false))?;
        }
        out.write_all(b"</div>")?;
        if !marks.is_empty() {
            write_excerpts(out, segment, &marks, ids)?;
        }
    } else {
        if label {
            write!(out, "<span class=\"tag\">{}</span>", rule.id())?;
        }
        // Trailing line breaks are the space between blocks, which the page's layout gives.
        // Evidence in them is marked where they start.
        let own = segment.text.as_deref().unwrap_or_default();
        let shown = own.trim_end().len();
        let marks: Vec<Mark> = marks
            .iter()
            .map(|m| Mark {
                start: m.start.min(shown),
                end: m.end.min(shown),
                ..*m
            })
            .collect();
        out.write_all(b"<div class=\"txt\">")?;
        write_marked(out, own, segment.start, 0..shown, &marks, ids)?;
        out.write_all(b"</div>")?;
    }
    out.write_all(b"</div>\n")
}

/// A piece of evidence within one segment, in the segment's own byte offsets; `anchor` when
/// the evidence starts here (its link goes to this mark).
#[derive(Clone, Copy)]
struct Mark<'a> {
    field: &'a str,
    start: usize,
    end: usize,
    anchor: bool,
}

/// The evidence that lies in `segment`, cut to it, in the segment's offsets, each start and
/// end on a character boundary.
fn marks_in<'a>(segment: &Segment, evidence: &[Span<'a>]) -> Vec<Mark<'a>> {
    let (lo, hi) = (segment.start, segment.end);
    let own = segment.text.as_deref().unwrap_or_default();
    evidence
        .iter()
        // Evidence that reaches into it, or that starts in it (evidence of no bytes).
        .filter(|s| s.start < hi && (s.end > lo || s.start >= lo))
        .map(|s| Mark {
            field: s.field,
            start: floor_boundary(own, s.start.max(lo) - lo),
            end: floor_boundary(own, s.end.min(hi) - lo),
            anchor: lo <= s.start && s.start < hi,
        })
        .collect()
}

/// The smallest character boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The bytes of a segment's markup around its evidence, marked: at most `EXCERPT_CONTEXT`
/// bytes each side, within the evidence's line and the line before and after it (a blank one
/// left out), joined where they meet; a cut one is shown with `…`.
fn write_excerpts(out: &mut impl Write, segment: &Segment, marks: &[Mark], ids: Ids) -> std::io::Result<()> {
    let text = segment.text.as_deref().unwrap_or_default();
    let mut windows: Vec<(usize, usize)> = marks.iter().map(|m| excerpt(text, m.start, m.end)).collect();
    windows.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in windows {
        match merged.last_mut() {
            Some((_, last)) if start <= *last => *last = (*last).max(end),
            _ => merged.push((start, end)),
        }
    }
    for (start, end) in merged {
        // A parser drops a line break right after `<pre>`: this one, not the excerpt's own.
        out.write_all(b"<pre class=\"src\">\n")?;
        if start > 0 {
            out.write_all("…".as_bytes())?;
        }
        write_marked(out, text, segment.start, start..end, marks, ids)?;
        if end < text.len() {
            out.write_all("…".as_bytes())?;
        }
        out.write_all(b"</pre>")?;
    }
    Ok(())
}

/// Where the excerpt around `text[start..end]` begins and ends.
fn excerpt(text: &str, start: usize, end: usize) -> (usize, usize) {
    let from = floor_boundary(text, start.saturating_sub(EXCERPT_CONTEXT));
    let to = ceil_boundary(text, end.saturating_add(EXCERPT_CONTEXT));
    let before = text.get(from..start).unwrap_or_default();
    // This line's start, or the line before's when that one is not blank.
    let mut lines = before.rmatch_indices('\n').map(|(at, _)| from + at + 1);
    let blank = |a: usize, b: usize| text.get(a..b).is_none_or(|l| l.trim().is_empty());
    let from = match lines.next() {
        Some(line) => {
            let previous = lines.next().unwrap_or(from);
            if blank(previous, line) {
                line
            } else {
                previous
            }
        }
        None => from,
    };
    let after = text.get(end..to).unwrap_or_default();
    let mut breaks = after.match_indices('\n').map(|(at, _)| end + at);
    let to = match breaks.next() {
        Some(line) => {
            let next = breaks.next().unwrap_or(to);
            if blank(line, next) {
                line
            } else {
                next
            }
        }
        None => to,
    };
    (from, to)
}

/// Writes `text[range]` escaped, with each mark that reaches into the range as a `<mark>` (an
/// empty one at its place for a mark of no bytes). Marks are nested as they lie; one that
/// overlaps another's end is split there, its first part keeping the anchor. `base` is where
/// `text` starts in the input, for the titles.
fn write_marked(
    out: &mut impl Write,
    text: &str,
    base: usize,
    range: std::ops::Range<usize>,
    marks: &[Mark],
    ids: Ids,
) -> std::io::Result<()> {
    let (lo, hi) = (range.start, range.end.max(range.start));
    // Pending marks, cut to the range, the next to open last: by start, the longest first.
    let mut pending: Vec<Mark> = marks
        .iter()
        .filter(|m| (m.start < hi && m.end > lo) || (m.start == m.end && lo <= m.start && m.start <= hi))
        .map(|m| Mark {
            start: m.start.clamp(lo, hi),
            end: m.end.clamp(lo, hi),
            ..*m
        })
        .collect();
    let order =
        |pending: &mut Vec<Mark>| pending.sort_by(|a, b| (b.start, a.end, b.field).cmp(&(a.start, b.end, a.field)));
    order(&mut pending);
    let piece = |out: &mut dyn Write, from: usize, to: usize| -> std::io::Result<()> {
        out.write_all(escape(text.get(from..to).unwrap_or_default(), false).as_bytes())
    };
    let mut open: Vec<usize> = Vec::new();
    let mut at = lo;
    while let Some(mut mark) = pending.pop() {
        while let Some(&end) = open.last().filter(|&&end| end <= mark.start) {
            piece(out, at, end)?;
            out.write_all(b"</mark>")?;
            at = end;
            open.pop();
        }
        piece(out, at, mark.start)?;
        at = mark.start;
        if let Some(&outer) = open.last().filter(|&&outer| mark.end > outer) {
            pending.push(Mark {
                start: outer,
                anchor: false,
                ..mark
            });
            order(&mut pending);
            mark.end = outer;
        }
        let id = if mark.anchor {
            format!(" id=\"{}\"", ids.evidence(mark.field))
        } else {
            String::new()
        };
        write!(
            out,
            "<mark class=\"ev\"{id} title=\"{}\">",
            escape(
                &format!(
                    "evidence for {} (bytes {}..{})",
                    mark.field,
                    base + mark.start,
                    base + mark.end
                ),
                true
            )
        )?;
        open.push(mark.end);
    }
    while let Some(end) = open.pop() {
        piece(out, at, end)?;
        out.write_all(b"</mark>")?;
        at = end;
    }
    piece(out, at, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, marks: &[Mark]) -> String {
        let mut out = Vec::new();
        let _ = write_marked(&mut out, text, 0, 0..text.len(), marks, Ids(0));
        String::from_utf8_lossy(&out)
            .replace('\n', "")
            .split(" title=\"")
            .map(|part| {
                part.split_once("\">")
                    .map_or(part.to_string(), |(_, rest)| format!(">{rest}"))
            })
            .collect()
    }

    fn mark(field: &str, start: usize, end: usize) -> Mark<'_> {
        Mark {
            field,
            start,
            end,
            anchor: true,
        }
    }

    #[test]
    fn marks_nest_and_overlaps_split() {
        assert_eq!(
            marked("a <b> c", &[mark("x", 2, 5)]),
            "a <mark class=\"ev\" id=\"d0-ev-x\">&lt;b&gt;</mark> c"
        );
        // The same span for two fields: nested, the longer (then by name) outside.
        assert_eq!(
            marked("abcdef", &[mark("b", 1, 3), mark("a", 1, 5)]),
            "a<mark class=\"ev\" id=\"d0-ev-a\"><mark class=\"ev\" id=\"d0-ev-b\">bc</mark>de</mark>f"
        );
        // Overlapping: the second is split where the first ends; its rest has no anchor.
        assert_eq!(
            marked("abcdef", &[mark("a", 0, 3), mark("b", 2, 5)]),
            "<mark class=\"ev\" id=\"d0-ev-a\">ab<mark class=\"ev\" id=\"d0-ev-b\">c</mark></mark><mark class=\"ev\">de</mark>f"
        );
    }
}
