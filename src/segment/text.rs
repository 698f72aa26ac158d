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
pub(crate) fn bare_urls(text: &str) -> (usize, Vec<super::Url>) {
    if !may_hold_url(text.as_bytes()) {
        return (0, Vec::new());
    }
    scan_urls(text)
}

/// [`bare_urls`] word by word, with no prefilter.
fn scan_urls(text: &str) -> (usize, Vec<super::Url>) {
    let mut chars = 0;
    let mut urls = Vec::new();
    for word in text.split_whitespace() {
        let w = word.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | '"' | ',' | ';'));
        let starts = |prefix: &str| w.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
        if starts("http://") || starts("https://") || starts("www.") {
            chars += w.chars().count();
            urls.push(w.into());
        }
    }
    (chars, urls)
}

/// Whether `bytes` hold `://` or `www.` (in any case): every address [`bare_urls`] counts starts
/// with one of them, and most lines of prose hold neither, so they skip the word-by-word scan
/// (it was 2% of a text dump's run).
fn may_hold_url(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"://").is_some()
        || memchr::memchr_iter(b'.', bytes)
            .any(|dot| dot >= 3 && bytes.get(dot - 3..dot).is_some_and(|w| w.eq_ignore_ascii_case(b"www")))
}

/// A dump of more lines than any page pith has learned from (a flattened table, a word list, a
/// damaged file) read coarsely: one block per paragraph (lines joined at blank lines), and
/// consecutive paragraphs grouped so that there are at most `max_blocks` blocks. What each line
/// would cost on its own (a block, its signals and verdict, a ledger segment) would otherwise
/// grow to a hundred times the input.
pub fn segment_coarse(text: &str, max_blocks: usize) -> Vec<Block> {
    let paragraphs = paragraph_spans(text).count();
    let per_block = paragraphs.div_ceil(max_blocks.max(1)).max(1);
    let mut blocks = Vec::with_capacity(paragraphs.div_ceil(per_block));
    let mut group: Option<(usize, usize)> = None;
    let mut in_group = 0;
    let mut blank_before = true;
    let mut flush = |group: &mut Option<(usize, usize)>, blank_before: &mut bool| {
        if let Some((start, end)) = group.take() {
            let body = text.get(start..end).unwrap_or("");
            let (link_chars, urls) = bare_urls(body);
            blocks.push(Block {
                start,
                end,
                kind: BlockKind::Paragraph,
                text: body.to_string(),
                link_chars,
                links: urls.len(),
                urls,
                blank_before: *blank_before,
                dom: None,
                markdown: None,
            });
            *blank_before = true;
        }
    };
    for (start, end) in paragraph_spans(text) {
        group = Some(group.map_or((start, end), |(s, _)| (s, end)));
        in_group += 1;
        if in_group == per_block {
            flush(&mut group, &mut blank_before);
            in_group = 0;
        }
    }
    flush(&mut group, &mut blank_before);
    blocks
}

/// Byte spans of the runs of non-blank lines, from the first line's first visible character to
/// the last line's last.
fn paragraph_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut current: Option<(usize, usize)> = None;
    lines(text)
        .map(Some)
        .chain(std::iter::once(None))
        .filter_map(move |line| {
            let visible = line.and_then(|(start, line)| {
                let trimmed = line.trim().trim_matches('\u{feff}');
                (!trimmed.is_empty()).then(|| {
                    let lead = line.len() - line.trim_start().len();
                    (start + lead, start + line.trim_end().len())
                })
            });
            match (visible, current) {
                (Some((s, e)), None) => {
                    current = Some((s, e));
                    None
                }
                (Some((_, e)), Some((s, _))) => {
                    current = Some((s, e));
                    None
                }
                (None, Some(span)) => {
                    current = None;
                    Some(span)
                }
                (None, None) => None,
            }
        })
}

/// How many lines hold something: what [`segment`] would make blocks of.
pub fn count_nonblank_lines(text: &str) -> usize {
    lines(text)
        .filter(|(_, line)| !line.trim().trim_matches('\u{feff}').is_empty())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_finds_addresses_in_any_case_and_skips_prose() {
        for (text, expected) in [
            ("See (https://example.com/a), then WWW.Example.org.", 2),
            ("<HTTP://x.y> and Www.z.w; done", 2),
            ("Visit www example. The dot. No address: here://", 0),
            ("A plain sentence. Another one, with a comma.", 0),
            ("wwww.example.com counts as no address", 0),
            ("", 0),
        ] {
            let (_, urls) = bare_urls(text);
            assert_eq!(urls.len(), expected, "{text}");
            assert_eq!(urls.len(), scan_urls(text).1.len(), "{text}");
        }
    }

    proptest::proptest! {
        /// The prefilter never hides an address the word scan finds.
        #[test]
        fn bare_urls_agrees_with_the_word_scan(text in "([a-zA-Z:/.()<> ,;\"]|www\\.|WwW\\.|https?://){0,40}") {
            proptest::prop_assert_eq!(bare_urls(&text), scan_urls(&text));
        }
    }
}
