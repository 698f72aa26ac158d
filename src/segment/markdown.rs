//! Markdown dumps: one block per line, except fenced code and tables, which stay whole.

use super::inline::flatten_inline;
use super::{lines, Block, BlockKind};

pub fn segment(text: &str) -> Vec<Block> {
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
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
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
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
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
                    append_table_row(last, trimmed);
                    continue;
                }
            }
            let mut block = plain_block(content_start, content_end, BlockKind::Table, "", blank_before);
            append_table_row(&mut block, trimmed);
            blocks.push(block);
            blank_before = false;
            continue;
        }
        let (kind, body) = classify_line(trimmed);
        let flat = flatten_inline(body);
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
fn append_table_row(block: &mut Block, row: &str) {
    let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
    if cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
        return;
    }
    let mut rendered = Vec::with_capacity(cells.len());
    for cell in cells {
        let flat = flatten_inline(cell);
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
