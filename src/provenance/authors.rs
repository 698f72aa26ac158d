//! Authors read off the classified blocks, when the page's metadata names none: a byline line
//! (`By Jane Doe`, `Written by:` over `Jane Doe`), else, on an article, the name line a page
//! prints between its headline and its date (`Jane Doe` / `March 3, 2025`).

use foldhash::HashSet;

use super::Evidence;
use crate::classify::page_type::PageType;
use crate::classify::{Rule, Verdict};
use crate::segment::{markdown_links, Block};
use crate::text::date;
use crate::text::lang::{self, List};
use crate::text::names::{
    after_separators, before_byline_end, byline_label_of, is_author_page, linked_authors, looks_like_name,
    opens_with_byline_label, read_byline, unglued,
};

/// How many blocks after a byline's label its names may stand in (`Written by` / `Jane Doe`):
/// the label's block and the next two.
const BYLINE_BLOCKS: usize = 3;
/// At most this many lines of them, as many as `read_byline` reads.
const BYLINE_LINES: usize = 12;
/// A name line stands this close under the headline: headline, name, date is the common header;
/// a kicker or a share bar may come between.
const NAME_AFTER_TITLE: usize = 4;
/// Or this close above the body's first kept block: name and date close the header.
const NAME_ABOVE_BODY: usize = 4;
/// Or right above the headline, beside its date (date, name, headline; name, date, headline).
const NAME_ABOVE_TITLE: usize = 2;
/// A name line holds two to four words: one capitalised word is as likely a category
/// (`Lifestyle`), five are a phrase.
const NAME_LINE_WORDS: std::ops::RangeInclusive<usize> = 2..=4;
/// At most this many byline lines are read, in page order.
const MAX_BYLINES: usize = 64;
/// Rules that drop a block for where it stands, not for what it says: a byline among them is
/// still read for its names.
const HIDE_BYLINES: &[Rule] = &[Rule::OutsideArticle];
/// The most words of the label before a byline's date (`Published`, `Posted on`, `Last updated
/// on`): a sentence that holds a date and then "by" has more before its date.
const DATE_LABEL_WORDS: usize = 3;
/// A date line next to a name line is short: a date, a reading time, a label.
const DATE_LINE_MAX_WORDS: usize = 12;

/// The authors the blocks of `text` name and the evidence, or None.
pub(super) fn from_blocks(
    text: &str,
    blocks: &[Block],
    verdicts: &[Verdict],
    language: Option<&str>,
    page_type: Option<PageType>,
) -> Option<(Vec<String>, Evidence)> {
    let mut lower_case = LowerCase::new(blocks);
    from_byline(blocks, verdicts, language, &mut lower_case)
        .or_else(|| author_link(text, blocks, verdicts))
        .or_else(|| dated_byline(blocks, verdicts, &mut lower_case))
        .or_else(|| {
            // On a forum or a listing the line under the heading names a category or a poster.
            (page_type == Some(PageType::Article))
                .then(|| name_line(blocks, verdicts, &mut lower_case))
                .flatten()
        })
}

/// The first byline (a line, or a label alone over the names: the rules drop both as `byline`)
/// that names people.
fn from_byline(
    blocks: &[Block],
    verdicts: &[Verdict],
    language: Option<&str>,
    lower_case: &mut LowerCase,
) -> Option<(Vec<String>, Evidence)> {
    blocks
        .iter()
        .zip(verdicts)
        .enumerate()
        .filter(|(_, (b, v))| is_byline(b, v, language))
        // The byline is in the header: a page of thousands of `By …` lines is a listing.
        .take(MAX_BYLINES)
        .find_map(|(i, (b, _))| {
            // A dump's "By" also opens menu lines (`By industry`, `by phone`): its names must be
            // capitalised, as a byline element's need not be.
            let names: Vec<String> = read_byline(&byline_lines(&blocks[i..]), false)?
                .iter()
                .map(|n| unglued(n).to_string())
                .collect();
            if !names.iter().all(|n| looks_like_name(n, false)) {
                return None;
            }
            // Words the page writes in lower case are no name: a menu's `By Industry` is no
            // byline, a role after the names (`Jane Doe, Dietitian`) no author.
            if lower_case.all_common(names.first()?) {
                return None;
            }
            let names = names.into_iter().filter(|n| !lower_case.all_common(n)).collect();
            Some((names, Evidence::at("byline", b.start, b.end)))
        })
}

/// A header line that gives the date first and the byline after it (`Published August 7, 2023
/// by Jane Doe`, `Posted on July 1, 2024 by Jane Doe - 5 Comments`): the date's label is short,
/// and the names are read as a byline's, capitalised, none a word the page writes in lower case.
fn dated_byline(blocks: &[Block], verdicts: &[Verdict], lower_case: &mut LowerCase) -> Option<(Vec<String>, Evidence)> {
    let (names, block) = blocks
        .iter()
        .zip(verdicts)
        .take(crate::provenance::header_end(verdicts))
        .find_map(|(block, verdict)| Some((byline_after_date(block, verdict)?, block)))?;
    if lower_case.all_common(names.first()?) {
        return None;
    }
    Some((names, Evidence::at("byline", block.start, block.end)))
}

/// The names of a dropped line that gives the date first and the byline after it
/// ([`dated_byline`]); None for any other block.
pub(super) fn byline_after_date(block: &Block, verdict: &Verdict) -> Option<Vec<String>> {
    if verdict.keep {
        return None;
    }
    let line = block.text.lines().next()?;
    let found = date::find_date(line)?;
    if line.get(..found.start)?.split_whitespace().count() > DATE_LABEL_WORDS {
        return None;
    }
    let rest = after_separators(line.get(found.end..)?);
    if !opens_with_byline_label(rest) {
        return None;
    }
    let names: Vec<String> = read_byline(&[rest], false)?
        .iter()
        .map(|n| unglued(n).to_string())
        .collect();
    names.iter().all(|n| looks_like_name(n, false)).then_some(names)
}

/// The name of a dropped line that gives a name and its date (`Jane Doe • Oct 20, 2025`, `Jane
/// Doe July 3, 2025`): the name ends where a byline's would, and a date follows; None for any
/// other block.
pub(super) fn name_before_date<'b>(block: &'b Block, verdict: &Verdict) -> Option<&'b str> {
    if verdict.keep {
        return None;
    }
    let first = block.text.lines().next()?;
    // The date first: most lines have none, and its test is cheaper than the byline's end.
    date::find_date(first)?;
    let name = before_byline_end(first)?;
    first.get(name.len()..).and_then(date::find_date)?;
    let name = unglued(name.split(',').next()?).trim();
    line_names_someone(name).then_some(name)
}

/// Whether a line's text reads as a name line's name: two to four words written as a name, none
/// a weekday's name (`Almanac Saturday`, `Released Wednesday` are a site's date line).
fn line_names_someone(name: &str) -> bool {
    let weekdays = lang::union(List::Weekdays);
    NAME_LINE_WORDS.contains(&name.split_whitespace().count())
        && looks_like_name(name, false)
        && !name_words(name).any(|w| weekdays.contains(w))
}

/// A markdown dump's header line that links to an author's page (`[Jane Doe](/author/jane/)`,
/// `By [Jane Doe](…) | May 3, 2025`): the link's text is the author's name, as a page's `<a
/// href="/author/…">` marks a byline element's. The first such line in the header: a reviewer
/// or fact-checker is linked after the author (`Reviewed by [Dr Ann Lee](/author/ann-lee/)`).
fn author_link(text: &str, blocks: &[Block], verdicts: &[Verdict]) -> Option<(Vec<String>, Evidence)> {
    let read = |(i, (block, verdict)): (usize, (&Block, &Verdict))| {
        if verdict.keep || block.dom.is_some() || !block.urls.iter().any(|u| is_author_page(u)) {
            return None;
        }
        let line = text.get(block.start..block.end)?;
        let links = markdown_links(line);
        let names = linked_authors(
            links
                .iter()
                .filter(|(_, url)| is_author_page(url))
                .map(|(label, _)| label.as_str()),
        )?;
        Some((i, (names, Evidence::at("author-link", block.start, block.end))))
    };
    blocks
        .iter()
        .zip(verdicts)
        .take(crate::provenance::header_end(verdicts))
        .enumerate()
        .find_map(read)
        .map(|(_, named)| named)
}

/// Whether a block is a byline: dropped by the byline rule, or by a rule that drops it for
/// where it stands ([`HIDE_BYLINES`]: before the article's main run of prose, a byline too long
/// for the byline cue) while it opens with a byline's label; and not a menu's link.
pub(super) fn is_byline(block: &Block, verdict: &Verdict, language: Option<&str>) -> bool {
    let labelled = if verdict.rule == Rule::Byline {
        byline_label_of(&block.text, language)
    } else {
        // The cue did not read this block: its label is read here, in the page's language or
        // English.
        !verdict.keep
            && HIDE_BYLINES.contains(&verdict.rule)
            && byline_label_of(&block.text, Some(language.unwrap_or("en")))
    };
    labelled && !all_link_text(block)
}

/// Whether a page's block is link text from end to end, its label too (`<a
/// href="/categories">By Category</a>`): a menu's item, where a byline links its names, not its
/// label (`By <a href="/author/jane">Jane Doe</a>`). Only a page's element says where its link
/// begins: a markdown dump counts a line's URLs as link text too.
fn all_link_text(block: &Block) -> bool {
    let chars = block.text.chars().filter(|c| !c.is_whitespace()).count();
    block.dom.is_some() && block.links > 0 && block.link_chars >= chars
}

/// A byline's lines and the lines after it, where its names may go on.
fn byline_lines(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .take(BYLINE_BLOCKS)
        .flat_map(|b| b.text.lines())
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(BYLINE_LINES)
        .collect()
}

/// A dropped line of two to four capitalised words just under the headline and next to a date
/// line, none of whose words the page writes in lower case elsewhere: a person's name, not a
/// section label (`Key Takeaways`: the page writes "takeaways"), which is what tells them apart
/// without a list of names.
fn name_line(blocks: &[Block], verdicts: &[Verdict], lower_case: &mut LowerCase) -> Option<(Vec<String>, Evidence)> {
    let title = verdicts.iter().position(|v| v.rule == Rule::Title);
    let dated = |i: usize| {
        Some(i) != title
            && blocks.get(i).is_some_and(|b| {
                verdicts.get(i).is_some_and(|v| v.rule == Rule::Dateline)
                    || (b.text.split_whitespace().count() <= DATE_LINE_MAX_WORDS && date::find_date(&b.text).is_some())
            })
    };
    let mut name_at = |i: usize| {
        let (block, verdict) = (blocks.get(i)?, verdicts.get(i)?);
        // The name and its date on one line, or the name alone; what follows a comma is a role,
        // an outlet or a place (`Jane Doe, Reuters`).
        let self_dated = name_before_date(block, verdict);
        let line = match self_dated {
            Some(name) => name,
            None => unglued(block.text.lines().next()?.split(',').next()?).trim(),
        };
        if verdict.keep || !line_names_someone(line) {
            return None;
        }
        let self_dated = self_dated.is_some();
        if !(self_dated || dated(i + 1) || (i > 0 && dated(i - 1))) {
            return None;
        }
        (!lower_case.any_common(line)).then(|| {
            (
                vec![line.to_string()],
                Evidence::at("name-line", block.start, block.end),
            )
        })
    };
    // Under the headline; else, when no headline was found (or the wrong one), just above the
    // body's first kept block, where the header ends; else just above the headline (date,
    // name, headline).
    let under_title = title.map_or(0..0, |t| t + 1..blocks.len().min(t + 1 + NAME_AFTER_TITLE));
    let first_kept = verdicts.iter().position(|v| v.keep).unwrap_or(0);
    let above_body = first_kept.saturating_sub(NAME_ABOVE_BODY)..first_kept;
    let above_title = title.map_or(0..0, |t| t.saturating_sub(NAME_ABOVE_TITLE)..t);
    under_title
        .chain(above_body)
        .chain(above_title.rev())
        .find_map(&mut name_at)
}

/// A name's words without their punctuation, particles (`van`, `dos`) left out.
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    let particles = lang::union(List::NameParticles);
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(move |w| !w.is_empty() && !particles.contains(w))
}

/// The words a page writes in lower case, asked word by word. The first few are looked up in
/// the text (memchr's SIMD substring search: a page has a candidate name or two, and many
/// thousand words); from then on the page's words are put in a set once, so that a page of many
/// candidates stays linear in its length.
struct LowerCase<'b> {
    blocks: &'b [Block],
    lookups: usize,
    set: Option<HashSet<&'b str>>,
}

/// How many words are looked up in the text before the page's words go into a set.
const LOOKUPS_BEFORE_SET: usize = 8;

impl<'b> LowerCase<'b> {
    fn new(blocks: &'b [Block]) -> Self {
        LowerCase {
            blocks,
            lookups: 0,
            set: None,
        }
    }

    /// Whether every word of a name (particles aside) is one the page writes in lower case.
    fn all_common(&mut self, name: &str) -> bool {
        name_words(name).all(|w| self.written(&w.to_lowercase()))
    }

    /// Whether any word of a name (particles aside) is one the page writes in lower case.
    fn any_common(&mut self, name: &str) -> bool {
        name_words(name).any(|w| self.written(&w.to_lowercase()))
    }

    /// Whether the page writes `word` (given in lower case) as a word of its own, in lower case:
    /// the whitespace-separated token, its end punctuation aside, is the word (`maria,` is;
    /// `maria@example.com` and `/author/maria-lopez` are not).
    fn written(&mut self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        self.lookups += 1;
        if self.lookups > LOOKUPS_BEFORE_SET {
            let blocks = self.blocks;
            let set = self.set.get_or_insert_with(|| {
                blocks
                    .iter()
                    .flat_map(|b| b.text.split_whitespace())
                    .map(|token| token.trim_matches(|c: char| !c.is_alphanumeric()))
                    .filter(|token| token.chars().next().is_some_and(char::is_lowercase))
                    .collect()
            });
            return set.contains(word);
        }
        let finder = memchr::memmem::Finder::new(word);
        let alone = |text: &str, at: usize| {
            let start = text
                .get(..at)
                .and_then(|t| t.rfind(char::is_whitespace))
                .map_or(0, |i| i + 1);
            let end = text
                .get(at..)
                .and_then(|t| t.find(char::is_whitespace))
                .map_or(text.len(), |i| at + i);
            text.get(start..end)
                .is_some_and(|token| token.trim_matches(|c: char| !c.is_alphanumeric()) == word)
        };
        self.blocks
            .iter()
            .any(|b| finder.find_iter(b.text.as_bytes()).any(|at| alone(&b.text, at)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{BlockKind, Dom};

    fn block(text: &str, link_chars: usize, page: bool) -> Block {
        Block {
            start: 0,
            end: text.len(),
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            link_chars,
            links: usize::from(link_chars > 0),
            urls: Vec::new(),
            blank_before: true,
            dom: page.then(|| {
                Box::new(Dom {
                    path: "body > nav > ul > li".to_string(),
                    in_content: false,
                    in_strong_content: false,
                    boilerplate: None,
                })
            }),
            markdown: None,
        }
    }

    /// A page's menu link `By Category` is link text label and all; `By <a>Jane Doe</a>` links
    /// only its name; a markdown dump's link count says nothing of where a link begins.
    #[test]
    fn a_byline_whose_label_is_link_text_is_a_menu_item() {
        assert!(all_link_text(&block("By Category", 11, true)));
        assert!(!all_link_text(&block("By Jane Doe", 8, true)));
        assert!(!all_link_text(&block("By Category", 0, true)));
        assert!(!all_link_text(&block("By Jane Doe", 11, false)));
    }
}
