//! Stage 4: put the kept blocks back together without rewriting them: rejoin a paragraph that
//! scraping split mid-sentence, and give each paragraph as plain text and as markdown.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use crate::classify::{Reason, Verdict};
use crate::input::{Format, Source};
use crate::segment::marks::{move_marks, Figure, Mark};
use crate::segment::{Block, BlockKind};
use crate::text::lang::{self, List};
use crate::text::{ends_like_sentence, function_words};

use foldhash::HashSet;

/// One paragraph of the cleaned body: its plain text, its markdown, what kind of block it is
/// (a paragraph, a heading, a list item, a table row…), and the blocks it came from. Both texts
/// borrow the blocks' own where repair did not change them, so that the body is not copied once
/// more on its way into the record.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph<'a> {
    pub text: Cow<'a, str>,
    pub markdown: Cow<'a, str>,
    pub kind: BlockKind,
    /// Indices of the blocks joined into this paragraph (more than one when a split was repaired).
    pub blocks: Vec<usize>,
    /// Links and images over `text` (HTML with links or images asked for), and the images that
    /// stand after it.
    pub marks: Vec<Mark>,
    pub figures: Vec<Figure>,
}

/// Builds the body from the kept blocks, in order. `languages` are the page's languages as far
/// as they are known before repair (ISO 639-1 codes; empty when unknown): a paragraph's split
/// first letter is joined to its word only when it is not a word in them.
pub fn repair<'a>(
    source: &'a Source,
    blocks: &'a [Block],
    verdicts: &[Verdict],
    languages: &[&str],
) -> Vec<Paragraph<'a>> {
    let words = PageWords::new(blocks, verdicts, languages);
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
        let text = without_soft_hyphens(join_drop_cap(text, &words));
        let markdown = without_soft_hyphens(block_markdown(source, block, &words));
        let (marks, figures) = marks_over(block, &text);
        // A drop cap kept as a block of its own ([`keep_drop_caps`]) goes on its word.
        let after_drop_cap = verdict.reason != Reason::DropCap
            && i.checked_sub(1)
                .and_then(|before| verdicts.get(before))
                .is_some_and(|v| v.keep && v.reason == Reason::DropCap);
        let continues = after_drop_cap
            || last_kind == Some(BlockKind::Paragraph)
                && block.kind == BlockKind::Paragraph
                && paragraphs.last().is_some_and(|p| splits_mid_sentence(&p.text, &text));
        let space = if after_drop_cap { "" } else { " " };
        match paragraphs.last_mut() {
            Some(last) if continues => {
                let joined = last.text.to_mut();
                joined.push_str(space);
                let shift = joined.len();
                joined.push_str(&text);
                let joined = last.markdown.to_mut();
                joined.push_str(space);
                joined.push_str(&markdown);
                if after_drop_cap {
                    last.kind = block.kind;
                }
                last.blocks.push(i);
                last.marks.extend(marks.into_iter().map(|mark| mark.shifted(shift)));
                last.figures.extend(figures);
            }
            _ => paragraphs.push(Paragraph {
                text,
                markdown,
                kind: block.kind,
                blocks: vec![i],
                marks,
                figures,
            }),
        }
        last_kind = Some(block.kind);
    }
    paragraphs
}

/// A block as markdown: a markdown input's own source (an emphasised drop cap put back on its
/// word, [`join_marked_drop_cap`]); for HTML and text, the block's text
/// (for HTML, its inline markdown when links or images were asked for) with the markup its kind
/// calls for, and the images that stand after it.
fn block_markdown<'a>(source: &'a Source, block: &'a Block, words: &PageWords) -> Cow<'a, str> {
    let text = block.text.trim();
    match source.format {
        Format::Markdown => {
            let own = source.text.get(block.start..block.end).unwrap_or(text).trim();
            join_marked_drop_cap(own, words)
        }
        Format::Text => text.into(),
        Format::Html => {
            let inline = block.markdown.as_ref().map_or(text, |m| m.text.trim());
            let figures = block.markdown.as_ref().map_or(&[][..], |m| &m.figures);
            let marked: Cow<str> = match block.kind {
                BlockKind::Heading(level) => format!("{} {inline}", "#".repeat(usize::from(level.clamp(1, 6)))).into(),
                BlockKind::ListItem => format!("- {inline}").into(),
                BlockKind::Quote => inline
                    .lines()
                    .map(|l| format!("> {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into(),
                // Code shows its text as written: markdown is not read inside a fence.
                BlockKind::Code => format!("```\n{text}\n```").into(),
                BlockKind::Table => format!("| {} |", inline.replace('|', "\\|").replace('\t', " | ")).into(),
                _ => inline.into(),
            };
            if figures.is_empty() {
                return marked;
            }
            let mut markdown = marked.into_owned();
            for figure in figures {
                markdown.push_str("\n\n");
                markdown.push_str(figure);
            }
            markdown.into()
        }
    }
}

/// A drop cap scraped as a block of its own: one capital letter (in markdown perhaps
/// emphasised, `**T**`) right before a kept paragraph that goes on in lower case ("T", then
/// "he company said…"). The letter is kept, for [`Reason::DropCap`], and [`repair`] puts it
/// back on its word, so that the body has the author's word and the ledger says where its
/// first letter came from. Not when the letter is a word of the page's languages (`words`,
/// asked only when there is a candidate), nor when the paragraph starts with the same letter:
/// an avatar's initial before a user name ("F", "felixen") is no drop cap.
pub fn keep_drop_caps(
    source: &Source,
    blocks: &[Block],
    verdicts: &mut [Verdict],
    words: impl FnOnce(&[Verdict]) -> Vec<char>,
) {
    let candidates: Vec<(usize, char)> = blocks
        .windows(2)
        .zip(verdicts.windows(2))
        .enumerate()
        .filter_map(|(i, (pair, decided))| match (pair, decided) {
            ([letter, word], [_, next]) if next.keep && next.reason != Reason::DropCap => {
                let initial = lone_capital(source, letter)?;
                let first = word.text.trim_start().chars().next()?;
                let same = first.to_uppercase().eq(initial.to_uppercase());
                (word.kind == BlockKind::Paragraph && first.is_lowercase() && !same).then_some((i, initial))
            }
            _ => None,
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    let words = words(verdicts);
    for (i, initial) in candidates {
        if let Some(verdict) = verdicts.get_mut(i).filter(|_| !is_one_letter_word(initial, &words)) {
            *verdict = Verdict::keep(Reason::DropCap);
        }
    }
}

/// The letter of a block that is one capital letter and nothing else (in markdown, perhaps
/// between `*` or `**`, which may close inside a word).
fn lone_capital(source: &Source, block: &Block) -> Option<char> {
    if matches!(block.kind, BlockKind::Code | BlockKind::Table) {
        return None;
    }
    let shown = match source.format {
        Format::Markdown => {
            let own = source.text.get(block.start..block.end)?.trim();
            ["**", "*"]
                .into_iter()
                .find_map(|m| own.strip_prefix(m)?.strip_suffix(m))
                .unwrap_or(own)
        }
        _ => block.text.trim(),
    };
    let mut chars = shown.chars();
    match (chars.next(), chars.next()) {
        (Some(letter), None) if letter.is_uppercase() => Some(letter),
        _ => None,
    }
}

/// An HTML block's links and images (when asked for) over its text as the body gives it, and
/// the images that stand after it. None when that text is not the block's but for whitespace.
fn marks_over(block: &Block, text: &str) -> (Vec<Mark>, Vec<Figure>) {
    let Some(inline) = &block.markdown else {
        return (Vec::new(), Vec::new());
    };
    let mut marks = inline.marks.clone();
    if !move_marks(&mut marks, &block.text, text) {
        marks.clear();
    }
    (marks, inline.figure_marks.clone())
}

/// How many of a page's most frequent words stand for its function words when telling a drop
/// cap from a one-letter word: as many as the block model reads (features.rs), enough for a
/// language's articles, pronouns and copulas and too few for a word split off a drop cap.
const PAGE_FUNCTION_WORDS: usize = 40;

/// What the page's languages say about its words, for telling a split drop cap ("H ong Kong")
/// from a letter that is a word ("R is a language"): the letters that are words on their own,
/// and the page's own function words (its most frequent words, counted only when some kept
/// block could start with a drop cap).
pub(crate) struct PageWords {
    one_letter: Vec<char>,
    function: HashSet<String>,
}

impl PageWords {
    fn new(blocks: &[Block], verdicts: &[Verdict], languages: &[&str]) -> Self {
        let one_letter = one_letter_words(languages);
        // "A house", "I think": a letter that is a word never makes the page count its words.
        let candidate = blocks.iter().zip(verdicts).any(|(block, verdict)| {
            verdict.keep
                && drop_cap_initial(block.text.trim()).is_some_and(|initial| !is_one_letter_word(initial, &one_letter))
        });
        let function = if candidate {
            function_words(blocks.iter().map(|b| b.text.as_str()), PAGE_FUNCTION_WORDS)
        } else {
            HashSet::default()
        };
        PageWords { one_letter, function }
    }

    #[cfg(test)]
    fn of(languages: &[&str], page: &str) -> Self {
        PageWords {
            one_letter: one_letter_words(languages),
            function: function_words([page], PAGE_FUNCTION_WORDS),
        }
    }
}

/// The capital of a text that starts in the shape a split drop cap leaves: a capital, a space,
/// then a lower-case letter, perhaps behind `*` emphasis.
fn drop_cap_initial(text: &str) -> Option<char> {
    let mut chars = text.trim_start_matches('*').chars();
    let initial = chars.next().filter(|c| c.is_uppercase())?;
    let rest = chars.as_str().trim_start_matches('*').strip_prefix(' ')?;
    rest.chars().next().is_some_and(char::is_lowercase).then_some(initial)
}

/// Per language, the letters that are words on their own (the `one-letter-words` lists), and
/// under [`ANY_LANGUAGE`] the letters never joined in any (`data/never-joined-letters.txt`).
static ONE_LETTER_WORDS_BY_LANGUAGE: LazyLock<Vec<(&'static str, Vec<char>)>> = LazyLock::new(|| {
    let letters = |words: &[&str]| words.iter().filter_map(|word| word.chars().next()).collect();
    let never_joined: Vec<&str> = include_str!("../data/never-joined-letters.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    lang::by_language(List::OneLetterWords)
        .map(|(code, words)| (code, letters(words.lines())))
        .chain([(ANY_LANGUAGE, letters(&never_joined))])
        .collect()
});

/// The table's row of letters never joined, whatever the language.
const ANY_LANGUAGE: &str = "*";

/// The letters that are words on their own in any of `languages` (ISO 639-1 codes), and those
/// never joined in any. A language the table does not list, or none at all, takes every letter
/// the table lists: without knowing the language, a split first letter may be a word.
pub fn one_letter_words(languages: &[&str]) -> Vec<char> {
    let table = &*ONE_LETTER_WORDS_BY_LANGUAGE;
    let every = || {
        table
            .iter()
            .flat_map(|(_, letters)| letters.iter().copied())
            .collect::<Vec<_>>()
    };
    if languages.is_empty() {
        return dedup(every());
    }
    let letters = languages
        .iter()
        .chain([&ANY_LANGUAGE])
        .flat_map(|language| match table.iter().find(|(code, _)| code == language) {
            Some((_, letters)) => letters.clone(),
            None => every(),
        })
        .collect();
    dedup(letters)
}

fn dedup(mut letters: Vec<char>) -> Vec<char> {
    letters.sort_unstable();
    letters.dedup();
    letters
}

/// A decorative initial ("drop cap") comes out of a page as its own letter: "H ong Kong is…".
/// Put it back on its word when the rest of the word follows in lower case and the letter is
/// not a word of its own in the page's language (`words`, in lower case): Czech "S blížícím"
/// stays as the author wrote it.
fn join_drop_cap<'t>(text: &'t str, words: &PageWords) -> Cow<'t, str> {
    let mut chars = text.chars();
    let joined = chars.next().and_then(|initial| {
        let rest = chars.as_str().strip_prefix(' ')?;
        join_drop_cap_parts(initial, rest, words).map(|rest| format!("{initial}{rest}"))
    });
    joined.map_or(text.into(), Cow::Owned)
}

/// [`join_drop_cap`] for a markdown paragraph whose drop cap is emphasised: `**H** ong Kong` →
/// `**H**ong Kong` (a reader sees "Hong", its first letter bold). Only `*` emphasis closes
/// inside a word; `__H__ ong` stays as it is. A plain `H ong` stays too: without the emphasis
/// a capital and a word are as often the author's own ("R is a language", "B corp"), which the
/// plain-text join cannot tell apart, and the markdown keeps the input's words.
fn join_marked_drop_cap<'t>(markdown: &'t str, words: &PageWords) -> Cow<'t, str> {
    for marker in ["**", "*"] {
        let Some(rest) = markdown.strip_prefix(marker) else {
            continue;
        };
        let mut chars = rest.chars();
        let joined = chars.next().and_then(|initial| {
            let after = chars.as_str().strip_prefix(marker)?.strip_prefix(' ')?;
            let word = join_drop_cap_parts(initial, after, words)?;
            Some(format!("{marker}{initial}{marker}{word}"))
        });
        return joined.map_or(markdown.into(), Cow::Owned);
    }
    markdown.into()
}

/// Whether `initial`, then a space, then `rest` is a drop cap split from its word; `rest` when so.
/// Not when the letter is a word of the language, nor when the word after it is one of the
/// page's function words and the joined word is not: "R is" stays, "T he" becomes "The".
fn join_drop_cap_parts<'r>(initial: char, rest: &'r str, words: &PageWords) -> Option<&'r str> {
    let next = rest.chars().next()?;
    if !(initial.is_uppercase() && next.is_lowercase()) || is_one_letter_word(initial, &words.one_letter) {
        return None;
    }
    let after: &str = rest
        .split_whitespace()
        .next()?
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let two_words = words.function.contains(after) && {
        let joined: String = initial.to_lowercase().chain(after.chars()).collect();
        !words.function.contains(joined.as_str())
    };
    (!two_words).then_some(rest)
}

/// Whether `letter`, in either case, is one of `words` (lower case).
fn is_one_letter_word(letter: char, words: &[char]) -> bool {
    let mut lower = letter.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(lower), None) => words.contains(&lower),
        _ => false,
    }
}

/// A soft hyphen (U+00AD) only says where a word may break across lines: it is invisible, so a
/// reader sees the word whole, and the body says it whole (the ledger keeps the input's bytes).
fn without_soft_hyphens(text: Cow<'_, str>) -> Cow<'_, str> {
    const SOFT_HYPHEN: char = '\u{ad}';
    if text.contains(SOFT_HYPHEN) {
        text.replace(SOFT_HYPHEN, "").into()
    } else {
        text
    }
}

/// A block that ends without sentence punctuation, followed by one starting in lower case,
/// is one paragraph that a scraper cut in two.
fn splits_mid_sentence(before: &str, after: &str) -> bool {
    let open_end = !ends_like_sentence(before) && !before.ends_with([':', ';']);
    let first = after.chars().next();
    open_end && first.is_some_and(char::is_lowercase)
}

/// Where one paragraph lies in the body's plain text, and what kind of block it is: what the
/// shapes that mark paragraphs up (`--xml`, `--html`) read, without a second copy of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub kind: BlockKind,
    /// Byte offsets in the body's `text`.
    pub range: Range<usize>,
    /// Links and images over the paragraph (offsets from its start), with `--links`,
    /// `--images`; and the images that stand after it.
    pub marks: Vec<Mark>,
    pub figures: Vec<Figure>,
}

/// The body, built from its paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts {
    /// Plain text: paragraphs a blank line apart, ending in a newline.
    pub text: String,
    /// Markdown, from the input's own markup where it had any. The rows of an HTML table, a
    /// paragraph each, make one table: on consecutive lines, the first row its header.
    pub markdown: String,
    /// Each paragraph's place in `text`, and its kind.
    pub spans: Vec<Span>,
}

/// The body as plain text and as markdown, and where each paragraph lies in the text. Each
/// paragraph is freed once copied, and each text is sized once, so that the body is not held
/// twice over (or in a doubled buffer) while it is built.
pub fn into_texts(paragraphs: Vec<Paragraph>, format: Format) -> Texts {
    let is_row = |p: &Paragraph| format == Format::Html && p.kind == BlockKind::Table;
    let breaks = 2 * paragraphs.len().saturating_sub(1) + usize::from(!paragraphs.is_empty());
    let text_len: usize = paragraphs.iter().map(|p| p.text.len()).sum();
    // A table's first row is followed by the line that makes it the header.
    let mut markdown_len = 0;
    let mut after_row = false;
    for p in &paragraphs {
        let row = is_row(p);
        markdown_len += p.markdown.len() + if row && !after_row { header_rule_len(p) } else { 0 };
        after_row = row;
    }
    let mut text = String::with_capacity(text_len + breaks);
    let mut markdown = String::with_capacity(markdown_len + breaks);
    let mut spans = Vec::with_capacity(paragraphs.len());
    let mut in_table = false;
    for paragraph in paragraphs {
        let row = is_row(&paragraph);
        let Paragraph {
            text: part,
            markdown: marked,
            kind,
            marks,
            figures,
            ..
        } = paragraph;
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&part);
        spans.push(Span {
            kind,
            range: start..text.len(),
            marks,
            figures,
        });
        if row && in_table {
            markdown.push('\n');
            markdown.push_str(&marked);
        } else {
            if !markdown.is_empty() {
                markdown.push_str("\n\n");
            }
            markdown.push_str(&marked);
            if row {
                markdown.push_str("\n|");
                for _ in 0..columns(&part) {
                    markdown.push_str(" --- |");
                }
            }
        }
        in_table = row;
    }
    for out in [&mut text, &mut markdown] {
        if !out.is_empty() {
            out.push('\n');
        }
    }
    Texts { text, markdown, spans }
}

/// The cells of a table row's text (tab-separated).
fn columns(row: &str) -> usize {
    row.split('\t').count()
}

/// The length of the line that makes a table's first row its header: `\n|` and ` --- |` a column.
fn header_rule_len(row: &Paragraph) -> usize {
    2 + " --- |".len() * columns(&row.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a page in `languages` with no text to count function words in.
    fn page_words(languages: &[&str]) -> PageWords {
        PageWords::of(languages, "")
    }

    #[test]
    fn a_capital_before_one_of_the_pages_function_words_is_a_word_of_its_own() {
        let page = "R is a language. It is used for statistics, and it is free. The data is in the tables, \
                    and the tables are in the data.";
        let words = PageWords::of(&["en"], page);
        assert_eq!(
            join_drop_cap("R is a programming language", &words),
            "R is a programming language"
        );
        assert_eq!(
            join_marked_drop_cap("**R** is a language", &words),
            "**R** is a language"
        );
        // The joined word a function word too: the drop cap of "The".
        assert_eq!(
            join_drop_cap("T he tables are in the data.", &words),
            "The tables are in the data."
        );
        // A word part no page repeats is joined as before.
        assert_eq!(join_drop_cap("H ong Kong is a city.", &words), "Hong Kong is a city.");
        // Without the page's words, the letter and its word would be joined: the page decides.
        assert_eq!(join_drop_cap("R is a language", &page_words(&["en"])), "Ris a language");
    }

    #[test]
    fn the_drop_cap_shape_is_a_capital_a_space_and_lower_case() {
        for (text, initial) in [
            ("H ong Kong", 'H'),
            ("**H** ong", 'H'),
            ("*W* hile", 'W'),
            ("R is", 'R'),
        ] {
            assert_eq!(drop_cap_initial(text), Some(initial), "{text}");
        }
        for text in ["Hong Kong", "H. Smith", "AB cd", "H Ong", "h ong", ""] {
            assert_eq!(drop_cap_initial(text), None, "{text}");
        }
    }

    #[test]
    fn drop_caps_rejoin_their_word() {
        let english = page_words(&["en"]);
        let join = |text| join_drop_cap(text, &english);
        assert_eq!(join("H ong Kong is burning."), "Hong Kong is burning.");
        assert_eq!(join("W hile Anglophiles watched"), "While Anglophiles watched");
        // A lone vowel is left alone in every language: "E for Everyone" is a label.
        assert_eq!(join("E for Everyone"), "E for Everyone");
        assert_eq!(join("A house stood there."), "A house stood there.");
        assert_eq!(join("I am here."), "I am here.");
        assert_eq!(join("O brother"), "O brother");
        assert_eq!(join("B. Smith said"), "B. Smith said");
    }

    #[test]
    fn a_one_letter_word_of_the_language_is_never_joined() {
        for (language, text) in [
            ("cs", "S blížícím se koncem roku"),
            ("cs", "K tomu se přidávají"),
            ("cs", "V roce 2024"),
            ("sk", "Z domu odišiel"),
            ("pl", "W piątek rano"),
            ("sl", "V ponedeljek"),
            ("ru", "В Москве"),
            ("ru", "С понедельника"),
            ("uk", "У Києві"),
            ("fr", "À partir de lundi"),
            ("fr", "Y compris"),
            ("es", "Y luego"),
            ("es", "E incluso"),
            ("it", "E poi"),
            ("pt", "E depois"),
            ("en", "A house"),
        ] {
            let words = page_words(&[language]);
            assert_eq!(join_drop_cap(text, &words), text, "{language}");
        }
        // The same letter is a drop cap where it is not a word.
        assert_eq!(join_drop_cap("S ome roads", &page_words(&["en"])), "Some roads");
        assert_eq!(join_drop_cap("V ery well", &page_words(&["en"])), "Very well");
    }

    #[test]
    fn an_unknown_language_takes_every_languages_one_letter_words() {
        for languages in [&[][..], &["xx"], &["en", "xx"]] {
            let words = page_words(languages);
            for text in ["S blížícím", "W piątek", "В Москве", "Y luego", "A house", "À partir"] {
                assert_eq!(join_drop_cap(text, &words), text, "{languages:?}");
            }
            assert_eq!(join_drop_cap("H ong Kong", &words), "Hong Kong");
        }
        // Two known languages: a word in either is a word.
        let words = page_words(&["en", "cs"]);
        assert_eq!(join_drop_cap("S blížícím", &words), "S blížícím");
        assert_eq!(join_drop_cap("W hile", &words), "W hile");
        assert_eq!(join_drop_cap("H ong Kong", &words), "Hong Kong");
    }

    #[test]
    fn markdown_drop_caps_rejoin_their_word_and_keep_their_emphasis() {
        let english = page_words(&["en"]);
        let join = |markdown| join_marked_drop_cap(markdown, &english);
        assert_eq!(join("**H** ong Kong is burning."), "**H**ong Kong is burning.");
        assert_eq!(join("*W* hile they watched"), "*W*hile they watched");
        assert_eq!(join("**H**ong Kong"), "**H**ong Kong");
        assert_eq!(join("R is a language"), "R is a language");
        // A word of the language, and `_` emphasis (which cannot close inside a word), stay.
        assert_eq!(join("**A** s you can see"), "**A** s you can see");
        assert_eq!(join("**I** f you are"), "**I** f you are");
        assert_eq!(join("__H__ ong Kong"), "__H__ ong Kong");
        assert_eq!(join("**Bold** words"), "**Bold** words");
        assert_eq!(join("**"), "**");
    }

    #[test]
    fn soft_hyphens_leave_the_word_whole() {
        assert_eq!(
            without_soft_hyphens("Donau\u{ad}dampf\u{ad}schiff".into()),
            "Donaudampfschiff"
        );
        assert!(matches!(
            without_soft_hyphens("plain-hyphen".into()),
            Cow::Borrowed("plain-hyphen")
        ));
    }

    #[test]
    fn the_body_places_each_paragraph_and_makes_table_rows_one_table() {
        let p = |text: &'static str, markdown: &'static str, kind| Paragraph {
            text: text.into(),
            markdown: markdown.into(),
            kind,
            blocks: Vec::new(),
            marks: Vec::new(),
            figures: Vec::new(),
        };
        let paragraphs = vec![
            p("Counts", "## Counts", BlockKind::Heading(2)),
            p("Day\tCars", "| Day | Cars |", BlockKind::Table),
            p("Monday\t12", "| Monday | 12 |", BlockKind::Table),
            p(
                "Code\n\nwith a blank line",
                "```\nCode\n\nwith a blank line\n```",
                BlockKind::Code,
            ),
        ];
        let texts = into_texts(paragraphs.clone(), Format::Html);
        assert_eq!(
            texts.text,
            "Counts\n\nDay\tCars\n\nMonday\t12\n\nCode\n\nwith a blank line\n"
        );
        assert_eq!(
            texts.markdown,
            "## Counts\n\n| Day | Cars |\n| --- | --- |\n| Monday | 12 |\n\n```\nCode\n\nwith a blank line\n```\n"
        );
        let placed: Vec<(&str, BlockKind)> = texts
            .spans
            .iter()
            .map(|s| (texts.text.get(s.range.clone()).unwrap_or_default(), s.kind))
            .collect();
        let expected: Vec<(&str, BlockKind)> = paragraphs.iter().map(|p| (p.text.as_ref(), p.kind)).collect();
        assert_eq!(placed, expected);
        // Rows make a table in markdown from HTML only; other inputs keep their own markup.
        let texts = into_texts(paragraphs, Format::Text);
        assert!(texts.markdown.contains("| Day | Cars |\n\n| Monday | 12 |"));
        assert_eq!(into_texts(Vec::new(), Format::Html), Texts::default());
    }

    #[test]
    fn split_detection() {
        assert!(splits_mid_sentence("concerns that Kyiv", "may be sidelined."));
        assert!(!splits_mid_sentence("It ended.", "then it began"));
        assert!(!splits_mid_sentence("Allied Response", "During the campaign"));
    }
}
