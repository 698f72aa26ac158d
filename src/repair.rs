//! Stage 4: put the kept blocks back together without rewriting them: rejoin a paragraph that
//! scraping split mid-sentence, and give each paragraph as plain text and as markdown.

use crate::classify::signals::ends_like_sentence;
use crate::classify::Verdict;
use crate::input::{Format, Source};
use crate::segment::{Block, BlockKind};

/// One paragraph of the cleaned body: its plain text, its markdown, and the blocks it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub markdown: String,
    /// Indices of the blocks joined into this paragraph (more than one when a split was repaired).
    pub blocks: Vec<usize>,
}

/// Builds the body from the kept blocks, in order.
pub fn repair(source: &Source, blocks: &[Block], verdicts: &[Verdict]) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut last_kind: Option<BlockKind> = None;
    for (i, (block, verdict)) in blocks.iter().zip(verdicts).enumerate() {
        if !verdict.keep {
            continue;
        }
        let text = block.text.trim();
        if text.is_empty() {
            continue;
        }
        let text = join_drop_cap(text);
        let text = without_soft_hyphens(&text);
        let text = text.as_ref();
        let markdown = block_markdown(source, block);
        let markdown = without_soft_hyphens(&markdown);
        let markdown = markdown.as_ref();
        let continues = last_kind == Some(BlockKind::Paragraph)
            && block.kind == BlockKind::Paragraph
            && paragraphs.last().is_some_and(|p| splits_mid_sentence(&p.text, text));
        match paragraphs.last_mut() {
            Some(last) if continues => {
                last.text.push(' ');
                last.text.push_str(text);
                last.markdown.push(' ');
                last.markdown.push_str(markdown);
                last.blocks.push(i);
            }
            _ => paragraphs.push(Paragraph {
                text: text.to_string(),
                markdown: markdown.to_string(),
                blocks: vec![i],
            }),
        }
        last_kind = Some(block.kind);
    }
    paragraphs
}

/// A block as markdown: a markdown input's own source; for HTML and text, the block's text
/// with the markup its kind calls for.
fn block_markdown(source: &Source, block: &Block) -> String {
    let text = block.text.trim();
    match source.format {
        Format::Markdown => source
            .text
            .get(block.start..block.end)
            .unwrap_or(text)
            .trim()
            .to_string(),
        Format::Text => text.to_string(),
        Format::Html => match block.kind {
            BlockKind::Heading(level) => format!("{} {text}", "#".repeat(usize::from(level.clamp(1, 6)))),
            BlockKind::ListItem => format!("- {text}"),
            BlockKind::Quote => text.lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n"),
            BlockKind::Code => format!("```\n{text}\n```"),
            BlockKind::Table => format!("| {} |", text.replace('\t', " | ")),
            _ => text.to_string(),
        },
    }
}

/// Letters that are words on their own in the languages pith reads ("A", "I", "O", "Y", "E",
/// "À"…): a paragraph starting with one of them and a space is not a split drop cap.
const ONE_LETTER_WORDS: &[char] = &[
    'A', 'I', 'O', 'Y', 'E', 'U', 'À', 'Á', 'Ó', 'Е', 'И', 'О', 'У', 'Я', 'В', 'К', 'С',
];

/// A decorative initial ("drop cap") comes out of a page as its own letter: "H ong Kong is…".
/// Put it back on its word when the rest of the word follows in lower case.
fn join_drop_cap(text: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = text.chars();
    let (Some(initial), Some(' '), Some(next)) = (chars.next(), chars.next(), chars.next()) else {
        return text.into();
    };
    if !initial.is_uppercase() || !next.is_lowercase() || ONE_LETTER_WORDS.contains(&initial) {
        return text.into();
    }
    let split = initial.len_utf8();
    format!("{initial}{}", text.get(split + 1..).unwrap_or("")).into()
}

/// A soft hyphen (U+00AD) only says where a word may break across lines: it is invisible, so a
/// reader sees the word whole, and the body says it whole (the ledger keeps the input's bytes).
fn without_soft_hyphens(text: &str) -> std::borrow::Cow<'_, str> {
    const SOFT_HYPHEN: char = '\u{ad}';
    if text.contains(SOFT_HYPHEN) {
        text.replace(SOFT_HYPHEN, "").into()
    } else {
        text.into()
    }
}

/// A block that ends without sentence punctuation, followed by one starting in lower case,
/// is one paragraph that a scraper cut in two.
fn splits_mid_sentence(before: &str, after: &str) -> bool {
    let open_end = !ends_like_sentence(before) && !before.ends_with([':', ';']);
    let first = after.chars().next();
    open_end && first.is_some_and(char::is_lowercase)
}

/// The body as plain text: paragraphs separated by one blank line, ending in a newline.
pub fn plain_text(paragraphs: &[Paragraph]) -> String {
    join(paragraphs.iter().map(|p| p.text.as_str()))
}

/// The body as markdown, from the input's own markup where it had any.
pub fn markdown(paragraphs: &[Paragraph]) -> String {
    join(paragraphs.iter().map(|p| p.markdown.as_str()))
}

fn join<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(part);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_caps_rejoin_their_word() {
        assert_eq!(join_drop_cap("H ong Kong is burning."), "Hong Kong is burning.");
        assert_eq!(join_drop_cap("W hile Anglophiles watched"), "While Anglophiles watched");
        assert_eq!(join_drop_cap("A house stood there."), "A house stood there.");
        assert_eq!(join_drop_cap("I am here."), "I am here.");
        assert_eq!(join_drop_cap("B. Smith said"), "B. Smith said");
    }

    #[test]
    fn soft_hyphens_leave_the_word_whole() {
        assert_eq!(without_soft_hyphens("Donau\u{ad}dampf\u{ad}schiff"), "Donaudampfschiff");
        assert!(matches!(
            without_soft_hyphens("plain-hyphen"),
            std::borrow::Cow::Borrowed("plain-hyphen")
        ));
    }

    #[test]
    fn split_detection() {
        assert!(splits_mid_sentence("concerns that Kyiv", "may be sidelined."));
        assert!(!splits_mid_sentence("It ended.", "then it began"));
        assert!(!splits_mid_sentence("Allied Response", "During the campaign"));
    }
}
