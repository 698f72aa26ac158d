//! Markdown dumps: one block per line, except fenced code and tables, which stay whole.

use super::inline::{definition, flatten_with, References};
use super::{lines, Block, BlockKind};

pub fn segment(text: &str) -> Vec<Block> {
    let references = references(text);
    let mut blocks: Vec<Block> = Vec::new();
    let mut blank_before = true;
    let mut fence: Option<usize> = None; // index of the open code block
    for (start, line) in lines(text) {
        let trimmed = line.trim();
        let content_start = start + (line.len() - line.trim_start().len());
        let content_end = start + line.trim_end().len();
        if let Some(open) = fence {
            if let Some(block) = blocks.get_mut(open) {
                block.end = content_end.max(block.end);
                if !trimmed.is_empty() || block.text.ends_with('\n') {
                    block.text.push('\n');
                }
                block.text.push_str(line);
            }
            if is_fence(trimmed) {
                if let Some(block) = blocks.get_mut(open) {
                    block.text = strip_fences(&block.text);
                }
                fence = None;
            }
            continue;
        }
        if trimmed.is_empty() || trimmed == "\u{feff}" {
            blank_before = true;
            continue;
        }
        // A reference definition is markup: the links that name it carry its address. Its
        // line is no block, and joins the ledger segment before it, as a blank line does.
        if !references.is_empty() && definition(trimmed).is_some() {
            continue;
        }
        if is_fence(trimmed) {
            fence = Some(blocks.len());
            blocks.push(plain_block(
                content_start,
                content_end,
                BlockKind::Code,
                trimmed,
                blank_before,
            ));
            blank_before = false;
            continue;
        }
        let is_table_row = trimmed.starts_with('|') && trimmed.len() > 1;
        if is_table_row {
            if let Some(last) = blocks.last_mut() {
                if last.kind == BlockKind::Table && !blank_before {
                    last.end = content_end;
                    append_table_row(last, trimmed, &references);
                    continue;
                }
            }
            let mut block = plain_block(content_start, content_end, BlockKind::Table, "", blank_before);
            append_table_row(&mut block, trimmed, &references);
            blocks.push(block);
            blank_before = false;
            continue;
        }
        let (kind, body) = classify_line(trimmed);
        let flat = flatten_with(body, &references);
        let kind = if kind == BlockKind::Paragraph && flat.images > 0 && flat.text.trim().is_empty() {
            BlockKind::Image
        } else {
            kind
        };
        blocks.push(Block {
            start: content_start,
            end: content_end,
            kind,
            text: flat.text.trim().to_string(),
            link_chars: flat.link_chars,
            links: flat.links,
            urls: flat.urls,
            blank_before,
            dom: None,
            markdown: None,
        });
        blank_before = false;
    }
    blocks
}

/// The document's link reference definitions, outside fenced code.
fn references(text: &str) -> References {
    let mut references = References::default();
    if !holds_a_definition(text) {
        return references;
    }
    let mut in_fence = false;
    for (_, line) in lines(text) {
        let trimmed = line.trim();
        if is_fence(trimmed) {
            in_fence = !in_fence;
        } else if let Some((label, destination)) = definition(trimmed).filter(|_| !in_fence) {
            references.insert(label, destination);
        }
    }
    references
}

/// Whether a line of `text` reads as a reference definition (fences aside). Most dumps define
/// nothing: only the lines that hold `]:` are looked at, each once, and a dump without a
/// definition is not read a line at a time.
fn holds_a_definition(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = bytes.get(from..).and_then(|rest| memchr::memmem::find(rest, b"]:")) {
        let at = from + at;
        let start = bytes
            .get(from..at)
            .and_then(|b| memchr::memrchr(b'\n', b))
            .map_or(from, |i| from + i + 1);
        let end = bytes
            .get(at..)
            .and_then(|b| memchr::memchr(b'\n', b))
            .map_or(bytes.len(), |i| at + i);
        if text
            .get(start..end)
            .is_some_and(|line| definition(line.trim()).is_some())
        {
            return true;
        }
        from = end + 1;
    }
    false
}

/// A line that opens or closes fenced code.
fn is_fence(trimmed: &str) -> bool {
    trimmed.starts_with("```") || trimmed.starts_with("~~~")
}

/// The block kind a line's leading markup announces, and the line without that markup.
fn classify_line(line: &str) -> (BlockKind, &str) {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && line.as_bytes().get(hashes).is_none_or(|b| *b == b' ') {
        let rest = line[hashes..].trim().trim_end_matches('#').trim_end();
        return (BlockKind::Heading(hashes as u8), rest);
    }
    if is_rule(line) {
        return (BlockKind::Rule, "");
    }
    for bullet in ["* ", "- ", "+ ", "• "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (BlockKind::ListItem, rest.trim_start());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return (BlockKind::ListItem, rest.trim_start());
        }
    }
    if let Some(rest) = line.strip_prefix('>') {
        return (BlockKind::Quote, rest.trim_start_matches(['>', ' ']));
    }
    (BlockKind::Paragraph, line)
}

fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-') || compact.chars().all(|c| c == '*') || compact.chars().all(|c| c == '_'))
}

fn plain_block(start: usize, end: usize, kind: BlockKind, text: &str, blank_before: bool) -> Block {
    Block {
        start,
        end,
        kind,
        text: text.to_string(),
        link_chars: 0,
        links: 0,
        urls: Vec::new(),
        blank_before,
        dom: None,
        markdown: None,
    }
}

fn strip_fences(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines
        .first()
        .is_some_and(|l| l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~"))
    {
        lines.remove(0);
    }
    if lines
        .last()
        .is_some_and(|l| l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~"))
    {
        lines.pop();
    }
    lines.join("\n")
}

/// Adds a table row as tab-separated cells; separator rows (`|---|---|`) add nothing.
fn append_table_row(block: &mut Block, row: &str, references: &References) {
    let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
    if cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
        return;
    }
    let mut rendered = Vec::with_capacity(cells.len());
    for cell in cells {
        let flat = flatten_with(cell, references);
        block.link_chars += flat.link_chars;
        block.links += flat.links;
        block.urls.extend(flat.urls);
        rendered.push(flat.text);
    }
    if !block.text.is_empty() {
        block.text.push('\n');
    }
    block.text.push_str(&rendered.join("\t"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_links_resolve_and_definitions_are_no_text() {
        let text = "# [Headline][home]\n\nThe minister [said][1] on Monday.\n\n- [Budget]\n\n| [a][1] | b |\n\n   [1]: https://example.org/said \"Said\"\n[home]: /\n[budget]: <https://example.org/budget>\n";
        let blocks = segment(text);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Headline", "The minister said on Monday.", "Budget", "a\tb"]);
        assert_eq!(blocks.iter().map(|b| b.links).collect::<Vec<_>>(), [1, 1, 1, 1]);
        let urls = |i: usize| blocks[i].urls.iter().map(|u| &**u).collect::<Vec<&str>>();
        assert_eq!(urls(1), ["https://example.org/said"]);
        assert_eq!(urls(2), ["https://example.org/budget"]);
        // The definitions' lines belong to the block before them, as blank lines do.
        assert!(blocks.iter().all(|b| !text[b.start..b.end].contains("]:")));
    }

    #[test]
    fn without_a_definition_reference_links_stay_literal() {
        let text = "The minister [said][1] and [Budget].\n\n```\n[1]: https://example.org/in-code\n```\n";
        let blocks = segment(text);
        assert_eq!(blocks[0].text, "The minister [said][1] and [Budget].");
        assert_eq!(blocks[0].links, 0);
        assert_eq!(blocks[1].text, "[1]: https://example.org/in-code");
    }

    #[test]
    fn only_a_definition_line_makes_a_document_read_twice() {
        assert!(!holds_a_definition(
            "a]: b c\n[x]: one two\n\n*[RSS]: Really Simple Syndication"
        ));
        assert!(holds_a_definition("text ]: here\n\n   [1]: https://example.org/\n"));
        assert!(holds_a_definition("[1]: /a"));
    }

    #[test]
    fn a_definition_like_line_of_prose_is_text() {
        let text = "[Update]: The company said it would appeal.\n\n[Update] follows.\n";
        let texts: Vec<String> = segment(text).into_iter().map(|b| b.text).collect();
        assert_eq!(
            texts,
            ["[Update]: The company said it would appeal.", "[Update] follows."]
        );
    }
}
