//! Plain-text dumps: one block per non-blank line; bullets make list items; bare URLs count as links.

use super::{lines, Block, BlockKind};

pub fn segment(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut blank_before = true;
    for (start, line) in lines(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed == "\u{feff}" {
            blank_before = true;
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let content_start = start + lead;
        let content_end = start + line.trim_end().len();
        let (kind, body) = match strip_bullet(trimmed) {
            Some(rest) => (BlockKind::ListItem, rest),
            None => (BlockKind::Paragraph, trimmed),
        };
        let body = body.trim_start_matches('\u{feff}');
        let (link_chars, urls) = bare_urls(body);
        blocks.push(Block {
            start: content_start,
            end: content_end,
            kind,
            text: body.to_string(),
            link_chars,
            links: urls.len(),
            urls,
            blank_before,
            dom: None,
            markdown: None,
        });
        blank_before = false;
    }
    blocks
}

fn strip_bullet(line: &str) -> Option<&str> {
    for bullet in ["• ", "· ", "* ", "- ", "– ", "▪ ", "◦ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest.trim_start());
        }
    }
    None
}

/// Bare `http(s)://` and `www.` addresses, counted as link text.
pub(crate) fn bare_urls(text: &str) -> (usize, Vec<String>) {
    let mut chars = 0;
    let mut urls = Vec::new();
    for word in text.split_whitespace() {
        let w = word.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | '"' | ',' | ';'));
        let starts = |prefix: &str| w.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
        if starts("http://") || starts("https://") || starts("www.") {
            chars += w.chars().count();
            urls.push(w.to_string());
        }
    }
    (chars, urls)
}
