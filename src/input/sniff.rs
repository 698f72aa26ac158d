//! Which format a decoded input is in — HTML, markdown or text — and whether it is JSON Lines
//! read by mistake as one document.

use super::Format;

/// How far into a file named as HTML pith looks for a tag before believing the name.
pub(super) const MARKUP_SNIFF_BYTES: usize = 64 << 10;

/// Whether the file's name says HTML (`.html`, `.htm`, `.xhtml`, also gzipped).
pub(super) fn named_html(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml")
}

/// How much of a text's start, after blank space, is read for a declaration of HTML
/// (`<!DOCTYPE html`, `<html`, a `<body` after a first tag).
const SNIFF_HEAD_CHARS: usize = 4096;

/// Lines of a text read to tell JSONL: two JSON objects in a row are no prose.
const JSONL_SNIFF_LINES: usize = 2;

/// Whether a text is JSON Lines: its first non-blank lines (up to [`JSONL_SNIFF_LINES`]) are
/// each a JSON object, or the text is one object on a line of its own. Only the start of each
/// line is looked at beyond the first [`MARKUP_SNIFF_BYTES`] bytes, so this costs a page nothing.
pub(super) fn looks_like_jsonl(text: &str) -> bool {
    let text = after_blank_start(text);
    let head = crate::text::prefix_within(text, MARKUP_SNIFF_BYTES);
    let checked: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(JSONL_SNIFF_LINES)
        .collect();
    if checked.is_empty() {
        return false;
    }
    let parses = |line: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line).is_ok();
    let object = |line: &str| {
        line.starts_with('{')
            && line.ends_with('}')
            && (parses(line) || parses(&crate::text::lone_surrogates_replaced(line)))
    };
    // A last line cut by the window counts only by its start.
    let cut = head.len() < text.len();
    let last = checked.len().saturating_sub(1);
    checked.iter().enumerate().all(|(i, line)| {
        if cut && i == last && !head.ends_with('\n') {
            line.starts_with("{\"")
        } else {
            object(line)
        }
    })
}

/// A text's start after a byte-order mark and blank space: where every window of a sniff
/// starts, so that a page behind a megabyte of blank lines is still told by its first tag.
fn after_blank_start(text: &str) -> &str {
    text.trim_start_matches('\u{feff}').trim_start()
}

/// Whether the start of a text holds a tag (`<p`, `</div`, `<!DOCTYPE`, `<!--`).
fn holds_markup(text: &str) -> bool {
    let head = after_blank_start(text).as_bytes();
    let head = head.get(..MARKUP_SNIFF_BYTES).unwrap_or(head);
    head.windows(2).any(|w| {
        w.first() == Some(&b'<')
            && w.get(1)
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!'))
    })
}

/// Decides text, markdown or HTML from the name and the first few KB of content. The name
/// wins only when the content agrees: a file named `.html` that holds no tag is text.
pub fn sniff_format(name: &str, text: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if named_html(name) && holds_markup(text) {
        return Format::Html;
    }
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return Format::Markdown;
    }
    let start = after_blank_start(text);
    let head = start
        .char_indices()
        .nth(SNIFF_HEAD_CHARS)
        .and_then(|(end, _)| start.get(..end))
        .unwrap_or(start);
    let head_lower = head.to_ascii_lowercase();
    if head_lower.starts_with("<!doctype html")
        || head_lower.starts_with("<html")
        || (head_lower.starts_with('<') && head_lower.contains("<body"))
    {
        return Format::Html;
    }
    if markdown_score(text) >= 2 {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Counts distinct markdown constructs: a text that uses two or more kinds, on two or more
/// lines, is markdown (one pasted image embed does not make a text file markdown).
fn markdown_score(text: &str) -> usize {
    let (mut heading, mut link, mut emphasis, mut list, mut image) = (false, false, false, false, false);
    let mut marked_lines = 0;
    for (_, line) in crate::text::lines(text).take(2000) {
        // Every construct below has one of these bytes: a line with none is plain.
        if !line
            .bytes()
            .any(|b| matches!(b, b'#' | b'[' | b']' | b'*' | b'_' | b'<'))
        {
            continue;
        }
        let t = line.trim_start();
        let is_heading = t.starts_with("# ") || t.starts_with("## ") || t.starts_with("### ");
        let is_image = t.contains("![") && t.contains("](");
        let is_link = !is_image && (t.contains("](") || t.starts_with("<http"));
        let is_emphasis = t.contains("**") || t.contains("__");
        let is_list = t.starts_with("* [") || t.starts_with("- [");
        heading |= is_heading;
        image |= is_image;
        link |= is_link;
        emphasis |= is_emphasis;
        list |= is_list;
        marked_lines += usize::from(is_heading || is_image || is_link || is_emphasis || is_list);
    }
    let kinds = [heading, link, emphasis, list, image].iter().filter(|b| **b).count();
    if marked_lines >= 2 {
        kinds
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use crate::input::{decode, ReadOptions};

    /// A JSONL file cleaned as one document is almost never what was meant: the record says so
    /// and names the flag; prose, pretty JSON and markdown do not get the warning.
    #[test]
    fn a_jsonl_file_read_as_text_says_so() {
        let warned = |name: &str, text: &str| {
            let Ok(source) = decode(name, text.as_bytes().to_vec(), &ReadOptions::default()) else {
                panic!("{name} decodes");
            };
            source.warnings.iter().any(|w| w.contains("--jsonl-in"))
        };
        let lines = "{\"id\": \"a\", \"text\": \"One story.\"}\n\n{\"id\": \"b\", \"text\": \"Another.\"}\n";
        assert!(warned("dump.jsonl", lines));
        assert!(warned("dump.txt", lines));
        // A first line longer than the window is judged by its start.
        let long = format!("{{\"id\": \"a\", \"html\": \"{}\"}}\n", "<p>x</p>".repeat(20_000));
        assert!(warned("long.jsonl", &long));
        for (name, text) in [
            ("story.txt", "A story about {braces} and more.\nSecond line.\n"),
            ("pretty.json", "{\n  \"id\": \"a\"\n}\n"),
            ("half.txt", "{\"id\": 1}\nThen prose follows.\n"),
            ("empty.txt", ""),
        ] {
            assert!(!warned(name, text), "{name}");
        }
    }

    /// Blank space before a page's first tag, however long, does not hide the tag: the windows
    /// the format is told from start after it.
    #[test]
    fn a_page_behind_blank_space_is_still_html() {
        let page = "<!DOCTYPE html><html><body><p>The harbour reopened on Monday.</p></body></html>";
        for blank in [
            " ".repeat(5_000),
            "\n".repeat(70_000),
            format!("\u{feff}{}", "\t".repeat(70_000)),
        ] {
            let text = format!("{blank}{page}");
            assert_eq!(super::sniff_format("page.html", &text), crate::Format::Html);
            assert_eq!(super::sniff_format("page.txt", &text), crate::Format::Html);
        }
        let jsonl = format!("{}{{\"id\": \"a\"}}\n{{\"id\": \"b\"}}\n", "\n".repeat(70_000));
        assert!(super::looks_like_jsonl(&jsonl));
    }

    /// A text file written in markdown is read as markdown when it uses two kinds of markup on
    /// two lines; one kind, one line, or none leaves it text.
    #[test]
    fn a_text_file_in_markdown_is_markdown() {
        let format = |text: &str| super::sniff_format("dump.txt", text);
        let plain = "The harbour reopened on Monday.\nShips came in - slowly.\n";
        assert_eq!(format(plain), crate::Format::Text);
        let marked = [
            "# The harbour reopens\nShips came in.\nRead [the notice](https://example.org/n).\n",
            "  ## Indented heading\nText with **bold** words.\n",
            "- [Home](/)\n* [News](/news)\nA line.\n",
            "![Ships](ships.jpg)\nSee <https://example.org> and __this__.\n",
        ];
        for text in marked {
            assert_eq!(format(text), crate::Format::Markdown, "{text}");
        }
        for text in [
            "![Ships](ships.jpg)\nThe harbour reopened.\n",
            "# Heading\n## Another heading\nText.\n",
            "Read [the notice](https://example.org/n) and **act**.\n",
        ] {
            assert_eq!(format(text), crate::Format::Text, "{text}");
        }
    }
}
