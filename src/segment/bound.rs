//! Before parsing: bound what hostile markup can make the HTML parser do, and index where every
//! start tag sits, in one linear scan each.
//!
//! The parser (html5ever) is right about HTML but spends time and memory in proportion to what
//! markup asks of it: nesting thousands deep, formatting elements left open by the thousand (each
//! new paragraph re-creates every one of them), elements with 200,000 attributes (a quadratic
//! duplicate check) or one attribute value of 50 MB. The scan blanks (with spaces, so that every
//! byte offset stays where it was) the tags and attributes past each bound, and says how many.
//! A cheap scan, not a parser: comments and script/style bodies are skipped.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;

/// Deeper nesting than this is flattened, as Blink's HTML parser flattens it
/// (`kMaximumHTMLParserDOMTreeDepth`, 512): no page a browser shows is built deeper. The parser
/// walks its stack of open elements for many start tags (to close a `<p>` in button scope), so a
/// tag costs up to this many steps: at 2,000 a page of 200,000 short paragraphs that deep took
/// four times as long. The bench's deepest block is 49 elements down; the tree walks below stay
/// within the stack.
pub const MAX_DEPTH: usize = 512;

/// Formatting elements (`<b>`, `<font>`…) open at once past this are ignored (their text is
/// kept). Each paragraph re-creates all the open ones, so time and memory grow with their
/// product; real pages keep a handful open (the bench's 1,678 pages at most 8), a generated
/// page thousands.
pub const MAX_OPEN_FORMATTING: usize = 16;

/// Attributes on one element past this are ignored: the parser checks each new attribute
/// against all before it. Real elements carry tens.
pub const MAX_ATTRIBUTES: usize = 256;

/// Attribute values longer than this are ignored (inline images as `data:` URLs reach a few
/// hundred KB; no text pith reads lives in an attribute this long).
pub const MAX_ATTRIBUTE_VALUE: usize = 1 << 20;

/// Elements and comments past this many are not made (their tags are blanked, their text kept):
/// each costs the parsed tree and its block about 650 bytes (a page of 400,000 `<li>a` peaked
/// at 263 MB), so a generated page of a few megabytes of tiny elements would take gigabytes.
/// Sixteen times the bench's largest page (15,793 start tags in 1,678 pages); a book or a
/// whole specification on one page stays within it.
pub const MAX_NODES: usize = 250_000;

/// Elements the parser closes by itself: they do not deepen the tree when left open.
const SELF_CLOSING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "tr", "td", "th", "!doctype",
];

/// Formatting elements that pile up when left open (`<a>` and `<nobr>` close their earlier
/// selves, so they cannot).
const FORMATTING: &[&str] = &[
    "b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u",
];

/// How many tags and attributes the scan ignored, per bound.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Bounded {
    pub deep_tags: usize,
    pub formatting_tags: usize,
    pub attributes: usize,
    pub long_values: usize,
    /// Tags and comments past [`MAX_NODES`].
    pub late_tags: usize,
}

impl Bounded {
    /// One line per bound that was reached, for the record's warnings.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.deep_tags > 0 {
            out.push(format!(
                "markup nests deeper than {MAX_DEPTH} elements; {} deeper tags were ignored",
                self.deep_tags
            ));
        }
        if self.formatting_tags > 0 {
            out.push(format!(
                "more than {MAX_OPEN_FORMATTING} formatting elements were open at once; {} more were ignored",
                self.formatting_tags
            ));
        }
        if self.attributes > 0 {
            out.push(format!(
                "an element had more than {MAX_ATTRIBUTES} attributes; {} more were ignored",
                self.attributes
            ));
        }
        if self.long_values > 0 {
            out.push(format!(
                "{} attribute values longer than {MAX_ATTRIBUTE_VALUE} bytes were ignored",
                self.long_values
            ));
        }
        if self.late_tags > 0 {
            out.push(format!(
                "the page has more than {MAX_NODES} elements and comments; {} tags after them were ignored (their text is read)",
                self.late_tags
            ));
        }
        out
    }
}

/// Formatting elements open at once, counted apart inside a table cell: closing the cell
/// closes those opened in it.
#[derive(Default)]
struct OpenFormatting {
    outside: usize,
    cell: usize,
    in_cell: bool,
}

impl OpenFormatting {
    fn total(&self) -> usize {
        self.outside + self.cell
    }

    fn open(&mut self) {
        if self.in_cell {
            self.cell += 1;
        } else {
            self.outside += 1;
        }
    }

    fn close(&mut self) {
        if self.in_cell && self.cell > 0 {
            self.cell -= 1;
        } else {
            self.outside = self.outside.saturating_sub(1);
        }
    }

    fn cell_boundary(&mut self, opens_cell: bool) {
        self.cell = 0;
        self.in_cell = opens_cell;
    }
}

/// What the scan before parsing gives: the bounded markup, what it blanked, and the byte ranges
/// of the script and style bodies no stage reads (see [`Bound::parser_input`]).
pub struct Bound<'a> {
    /// The markup with every tag and attribute past a bound blanked (same length as the input).
    pub markup: Cow<'a, str>,
    pub bounded: Bounded,
    /// Script and style bodies, in order, that the parser need not see.
    skippable: Vec<(usize, usize)>,
}

impl Bound<'_> {
    /// The text to give the parser: the markup without the script and style bodies no stage
    /// reads. Half of a typical news page's bytes are such bodies (54% of the scrapinghub
    /// pages'), and the parser reads them a character at a time only to keep them as text
    /// nodes under elements that are never content. The DOM keeps every element (an emptied
    /// `<script>` is still there) in the same order, so the segmenter, which finds each
    /// element's start tag in the full markup, gives the same offsets.
    pub fn parser_input(&self) -> Cow<'_, str> {
        if self.skippable.is_empty() {
            return Cow::Borrowed(&self.markup);
        }
        let markup: &str = &self.markup;
        let skipped: usize = self.skippable.iter().map(|(start, end)| end - start).sum();
        let mut out = String::with_capacity(markup.len() - skipped);
        let mut at = 0;
        for &(start, end) in &self.skippable {
            // Each range starts after a tag's `>` and ends before a `<`: both ASCII, so both
            // are character boundaries.
            out.push_str(markup.get(at..start).unwrap_or_default());
            at = end;
        }
        out.push_str(markup.get(at..).unwrap_or_default());
        Cow::Owned(out)
    }
}

/// Whether a `<script>` or `<style>` body (from the end of its start tag `tag` to `body_end`,
/// where `</script` or `</style` starts) can be left out of the parse without changing the
/// DOM's elements: the tokenizer must end it exactly there (the end tag's name is followed by
/// a space, `/` or `>`, and a script holds no `<!--`, which opens the escaped states where a
/// nested `<script>` hides the end tag), and no stage reads its text (JSON-LD and other JSON
/// data blocks are read; a start tag that says `json` anywhere keeps its body).
fn code_body_is_skippable(bytes: &[u8], name: &str, tag: (usize, usize), body_end: usize) -> bool {
    if !matches!(name, "script" | "style") || body_end <= tag.1 {
        return false;
    }
    let after_name = bytes.get(tag.0 + 1 + name.len()).copied();
    let name_ends = matches!(after_name, Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'));
    let end_name_ends = matches!(
        bytes.get(body_end + 2 + name.len()),
        Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
    );
    let start_tag = bytes.get(tag.0..tag.1).unwrap_or_default();
    let says_json = start_tag.windows(4).any(|w| w.eq_ignore_ascii_case(b"json"));
    let escaped = name == "script" && find_bytes(bytes.get(..body_end).unwrap_or_default(), b"<!--", tag.1).is_some();
    let self_closed = start_tag.ends_with(b"/>");
    name_ends && end_name_ends && !says_json && !escaped && !self_closed
}

/// The scan before parsing: bounds, blanking, and the code bodies the parser need not see.
pub fn bound(text: &str) -> Bound<'_> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut formatting = OpenFormatting::default();
    let mut bounded = Bounded::default();
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut attributes: Vec<Attribute> = Vec::new();
    let mut skippable: Vec<(usize, usize)> = Vec::new();
    // Elements and comments the parser will make so far.
    let mut nodes = 0usize;
    let mut at = 0;
    while let Some(offset) = bytes.get(at..).and_then(|r| memchr::memchr(b'<', r)) {
        let start = at + offset;
        let rest = bytes.get(start..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            at = find_bytes(bytes, b"-->", start).map_or(bytes.len(), |e| e + 3);
            if nodes >= MAX_NODES {
                bounded.late_tags += 1;
                blank.push((start, at));
            } else {
                nodes += 1;
            }
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
            .count();
        // Names this scan compares are short: 16 lower-cased bytes on the stack.
        let mut name_buf = [0u8; 16];
        let shown = name_len.min(name_buf.len());
        for (to, from) in name_buf
            .iter_mut()
            .zip(bytes.get(name_start..name_start + shown).unwrap_or_default())
        {
            *to = from.to_ascii_lowercase();
        }
        let name = std::str::from_utf8(name_buf.get(..shown).unwrap_or_default()).unwrap_or("");
        attributes.clear();
        let end = if closing {
            bytes
                .get(start..)
                .and_then(|r| memchr::memchr(b'>', r))
                .map_or(bytes.len(), |e| start + e + 1)
        } else {
            start_tag(bytes, name_start + name_len, &mut attributes)
        };
        let self_closed = bytes.get(end.saturating_sub(2)) == Some(&b'/');
        // Past the budget every tag is blanked, end tags too (the parser closes what is open
        // at the end of the page), and a script's or style's body reads as text.
        if nodes >= MAX_NODES && name_len > 0 {
            bounded.late_tags += 1;
            blank.push((start, end));
            at = end.max(start + 1);
            continue;
        }
        if !closing && name_len > 0 {
            nodes += 1;
        }
        if !closing {
            for (n, attribute) in attributes.iter().enumerate() {
                if n >= MAX_ATTRIBUTES {
                    bounded.attributes += 1;
                    blank.push((attribute.start, attribute.end));
                } else if attribute.value_len > MAX_ATTRIBUTE_VALUE {
                    bounded.long_values += 1;
                    blank.push((attribute.start, attribute.end));
                }
            }
        }
        if name.is_empty() {
            at = end.max(start + 1);
            continue;
        }
        match (closing, name) {
            (false, "td" | "th" | "caption") => formatting.cell_boundary(true),
            (true, "td" | "th" | "caption" | "tr" | "table") => formatting.cell_boundary(false),
            (false, n) if FORMATTING.contains(&n) && !self_closed => {
                if formatting.total() >= MAX_OPEN_FORMATTING {
                    bounded.formatting_tags += 1;
                    blank.push((start, end));
                    at = end.max(start + 1);
                    continue;
                }
                formatting.open();
            }
            (true, n) if FORMATTING.contains(&n) => formatting.close(),
            _ => {}
        }
        if SELF_CLOSING.contains(&name) || self_closed {
            at = end.max(start + 1);
            continue;
        }
        if !closing && matches!(name, "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let body_end = find_bytes_ci(bytes, close.as_bytes(), end);
            if let Some(body_end) = body_end {
                if code_body_is_skippable(bytes, name, (start, end), body_end) {
                    skippable.push((end, body_end));
                }
            }
            at = body_end.unwrap_or(bytes.len());
            continue;
        }
        if closing {
            if depth > MAX_DEPTH {
                bounded.deep_tags += 1;
                blank.push((start, end));
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > MAX_DEPTH {
                bounded.deep_tags += 1;
                blank.push((start, end));
            }
        }
        at = end.max(start + 1);
    }
    if blank.is_empty() {
        return Bound {
            markup: Cow::Borrowed(text),
            bounded,
            skippable,
        };
    }
    let mut out = bytes.to_vec();
    for (start, end) in &blank {
        if let Some(span) = out.get_mut(*start..*end) {
            span.fill(b' ');
        }
    }
    // Every blanked range starts and ends on ASCII (a tag's `<`, `>`, an attribute's name, a
    // quote or a space), so blanking it keeps the text valid UTF-8.
    let flat = String::from_utf8(out).map_or(Cow::Borrowed(text), Cow::Owned);
    Bound {
        markup: flat,
        bounded,
        skippable,
    }
}

/// One attribute of a start tag: its bytes (name through value) and its value's length.
struct Attribute {
    start: usize,
    end: usize,
    value_len: usize,
}

/// Reads a start tag's attributes from just after its name, as the HTML tokenizer does (quotes
/// hide `>`); returns where the tag ends (after its `>`, or the end of the text).
fn start_tag(bytes: &[u8], from: usize, attributes: &mut Vec<Attribute>) -> usize {
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let len = bytes.len();
    let at = |i: usize| bytes.get(i).copied();
    let mut i = from;
    loop {
        while at(i).is_some_and(|b| space(b) || b == b'/') {
            i += 1;
        }
        match at(i) {
            None => return len,
            Some(b'>') => return i + 1,
            Some(_) => {}
        }
        let start = i;
        // The first character may be anything but space, `/` or `>` (even `=`).
        i += 1;
        while at(i).is_some_and(|b| !space(b) && !matches!(b, b'/' | b'>' | b'=')) {
            i += 1;
        }
        let mut j = i;
        while at(j).is_some_and(space) {
            j += 1;
        }
        let mut value_len = 0;
        if at(j) == Some(b'=') {
            j += 1;
            while at(j).is_some_and(space) {
                j += 1;
            }
            match at(j) {
                Some(quote @ (b'"' | b'\'')) => {
                    let value_start = j + 1;
                    let value_end = bytes
                        .get(value_start..)
                        .and_then(|r| memchr::memchr(quote, r))
                        .map_or(len, |e| value_start + e);
                    value_len = value_end - value_start;
                    i = (value_end + 1).min(len);
                }
                _ => {
                    let value_start = j;
                    while at(j).is_some_and(|b| !space(b) && b != b'>') {
                        j += 1;
                    }
                    value_len = j - value_start;
                    i = j;
                }
            }
        }
        attributes.push(Attribute {
            start,
            end: i,
            value_len,
        });
    }
}

fn find_bytes(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(haystack.get(from..)?, needle).map(|p| from + p)
}

/// The first `needle` (which starts with a byte that has no case, as `</script` does) at or
/// after `from`, ignoring ASCII case: each occurrence of its first byte is a candidate.
fn find_bytes_ci(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let rest = haystack.get(from..)?;
    memchr::memchr_iter(first, rest)
        .find(|&p| {
            rest.get(p..p + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        })
        .map(|p| from + p)
}

/// Tag names longer than this are not indexed (HTML's own and custom elements are far
/// shorter); reading a name stops here, so a run of `<` without a name stays linear.
const MAX_INDEXED_NAME: usize = 64;

/// Where each `<name` (followed by a space, `>`, `/` or the end) sits in the markup, by
/// lower-case name, in order: the segmenter finds an element's start tag by a binary search
/// from its cursor instead of scanning ahead (an element the parser made up, as for a stray
/// `</p>`, has no tag of its own, and a scan for one ran to the end of the page every time).
pub struct TagIndex {
    offsets: HashMap<Vec<u8>, Vec<usize>>,
}

impl TagIndex {
    pub fn new(text: &str) -> TagIndex {
        let bytes = text.as_bytes();
        let mut offsets: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        // One buffer for the lower-cased name: no allocation per tag.
        let mut lower: Vec<u8> = Vec::with_capacity(MAX_INDEXED_NAME);
        let delimiter = |b: u8| matches!(b, b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r');
        let mut at = 0;
        while let Some(offset) = bytes.get(at..).and_then(|r| memchr::memchr(b'<', r)) {
            let start = at + offset;
            at = start + 1;
            let name: &[u8] = bytes
                .get(start + 1..(start + 2 + MAX_INDEXED_NAME).min(bytes.len()))
                .unwrap_or_default();
            let len = name.iter().position(|b| delimiter(*b)).unwrap_or(name.len());
            let ends = len < name.len() || start + 1 + len == bytes.len();
            if len == 0 || len > MAX_INDEXED_NAME || !ends {
                continue;
            }
            let Some(name) = name.get(..len) else { continue };
            lower.clear();
            lower.extend(name.iter().map(u8::to_ascii_lowercase));
            match offsets.get_mut(&lower) {
                Some(list) => list.push(start),
                None => {
                    offsets.insert(lower.clone(), vec![start]);
                }
            }
        }
        TagIndex { offsets }
    }

    /// The first `<tag` at or after `from`.
    pub fn find(&self, tag: &str, from: usize) -> Option<usize> {
        let list = self.offsets.get(tag.to_ascii_lowercase().as_bytes())?;
        list.get(list.partition_point(|o| *o < from)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_formatting_elements_are_bounded() {
        let page = "<b id=1><p>w".repeat(MAX_OPEN_FORMATTING + 10);
        let Bound { markup, bounded, .. } = bound(&page);
        assert_eq!(bounded.formatting_tags, 10);
        assert_eq!(markup.len(), page.len());
        // Closed ones, and ones closed with their table cell, do not count.
        let closed = "<b>x</b><p>w".repeat(500) + &"<td><font>x".repeat(500);
        assert_eq!(bound(&closed).bounded, Bounded::default());
    }

    #[test]
    fn attributes_past_the_bound_and_huge_values_are_blanked() {
        let many: String = (0..MAX_ATTRIBUTES + 5).map(|i| format!(" a{i}=\"v\"")).collect();
        let page = format!(
            "<div{many}>text</div><img alt='x' src=\"{}\">",
            "d".repeat(MAX_ATTRIBUTE_VALUE + 1)
        );
        let Bound { markup, bounded, .. } = bound(&page);
        assert_eq!((bounded.attributes, bounded.long_values), (5, 1));
        assert_eq!(markup.len(), page.len());
        assert!(markup.contains("alt='x'") && markup.contains(">text</div>"));
        assert!(!markup.contains("ddd"));
    }

    #[test]
    fn the_parser_does_not_see_code_bodies_no_stage_reads() {
        let page = concat!(
            "<style>p{color:red}</style><script>var a = 1 < 2;</script>",
            r#"<script type="application/ld+json">{"a":1}</script>"#,
            "<script><!-- <script>x</script> --></script><SCRIPT>upper</SCRIPT >",
            "<scripts>k</scripts><script src=x />y</script><style>unclosed"
        );
        let bound = bound(page);
        let input = bound.parser_input();
        assert_eq!(bound.markup.len(), page.len());
        for gone in ["color:red", "1 < 2", "upper"] {
            assert!(!input.contains(gone), "{gone} is left out");
        }
        // JSON is read; an escaped script's end is the tokenizer's to find; a self-closed or
        // unclosed start tag and a longer name keep their text.
        for kept in [r#"{"a":1}"#, "<!-- <script>x</script> -->", ">k<", ">y<", "unclosed"] {
            assert!(input.contains(kept), "{kept} is kept");
        }
        assert!(input.contains("<style></style><script></script>"));
    }

    #[test]
    fn elements_and_comments_past_the_node_budget_are_blanked_and_their_text_kept() {
        let page = format!(
            "<html><body>{}<!--c--><p>tail</p></body></html>",
            "<li>a".repeat(MAX_NODES)
        );
        let Bound { markup, bounded, .. } = bound(&page);
        // `<html>`, `<body>` and the items use up the budget: the last two items, the comment
        // and every tag after it are blanked.
        assert_eq!(bounded.late_tags, 2 + 1 + 4);
        assert_eq!(markup.len(), page.len());
        let tail = format!("<li>a    a    a{}tail{}", " ".repeat(11), " ".repeat(18));
        assert!(
            markup.ends_with(&tail),
            "{}",
            markup.get(markup.len() - 60..).unwrap_or_default()
        );
        // Comments count as the nodes they make.
        let comments = "<!---->".repeat(MAX_NODES + 3);
        assert_eq!(bound(&comments).bounded.late_tags, 3);
        let within = "<li>a".repeat(MAX_NODES - 2);
        assert_eq!(bound(&within).bounded, Bounded::default());
    }

    #[test]
    fn a_quoted_gt_does_not_end_a_tag() {
        let mut attributes = Vec::new();
        let page = b"<a title=\"1 > 0\" href=x>link</a>";
        let end = start_tag(page, 2, &mut attributes);
        assert_eq!(page.get(end..end + 4), Some(&b"link"[..]));
        assert_eq!(attributes.len(), 2);
    }

    #[test]
    fn the_tag_index_finds_what_a_scan_finds() {
        let page = "<P class=x>a</p><pre>b</pre><p>c<p\n>d <<<< <p";
        let index = TagIndex::new(page);
        let scan = |from: usize| {
            (from..page.len()).find(|&i| {
                let rest = &page.as_bytes()[i..];
                rest.len() > 1
                    && rest[0] == b'<'
                    && rest[1].eq_ignore_ascii_case(&b'p')
                    && matches!(rest.get(2), Some(b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r') | None)
            })
        };
        for from in 0..=page.len() {
            assert_eq!(index.find("p", from), scan(from), "from {from}");
        }
        assert_eq!(index.find("pre", 0), Some(16));
    }
}
