//! The named rules. Each is a small function that looks at one block in its context and either
//! claims it (with a rule id and a reason) or passes.

use std::sync::LazyLock;

use super::{Context, Reason, Rule, Signals, Verdict};
use crate::segment::BlockKind;
use crate::text::lang::{self, List};
use crate::text::names::byline_names;
use crate::text::pattern::Pattern;
use crate::text::{date, normalize};

/// Categories whose runs swallow short neighbours and close the article when they end it.
const RUN_CATEGORIES: &[Rule] = &[
    Rule::Appeal,
    Rule::Related,
    Rule::Share,
    Rule::SourceFooter,
    Rule::Legal,
    Rule::Comments,
    Rule::Navigation,
];

/// Runs opened by a cue of link furniture: words an article's own link lines use too ("Read
/// more: …", "Recommended …", "Share"), and what follows them, when it reads as prose, is often
/// the article. An appeal, a legal notice or a source footer opens prose that reads like the
/// article by its form (a donation appeal's paragraphs), and only its cue marks it.
const LINK_FURNITURE: &[Rule] = &[Rule::Related, Rule::Navigation, Rule::Share];

/// A credit at the end of a caption: `Name Name/Agency` or `Name / flickr`.
static CREDIT_TAIL: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    Pattern::new(
        r"(?:^|[.)]\s+|\s)\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}\s?/\s?\p{L}[\p{L}.'’-]*(?:\s[\p{L}.'’-]+){0,3}\.?$",
    )
});

// The rules' thresholds, in one table. Word counts are the block's words (`Signals::words`).
// "Short" differs by rule on purpose: each names the longest block of its kind seen in
// practice, so the values are not interchangeable. None was tuned out of fold; the block
// model, trained on the rules' verdicts, corrects them where it is surer (see `classify::model`).

/// A line up to this many words without a sentence end, kept inside the article, is read as a
/// subheading (headlines and section titles run to about a dozen words).
const SUBHEADING_MAX_WORDS: usize = 12;
/// Above this, a block inside the article is a paragraph, and one unanchored cue phrase is not
/// enough to drop it (a notice's phrase inside a sentence is quoted prose).
const CUE_LONG_PARAGRAPH_WORDS: usize = 25;
/// An anchored cue (`^Subscribe to`) drops a paragraph inside the article up to this length:
/// a notice that opens with its phrase, not a paragraph that mentions it.
const ANCHORED_CUE_MAX_WORDS: usize = 40;
/// Unanchored, it takes this many cues of one category to drop a long paragraph inside the
/// article: one stray phrase is quoted prose.
const CUES_FOR_A_LONG_PARAGRAPH: usize = 2;
/// An author biography runs to about this many words (two or three sentences).
const BIO_MAX_WORDS: usize = 80;
/// A byline or dateline cue ("By", "Published") counts only on a line this short: the name
/// or date and little else.
const BYLINE_CUE_MAX_WORDS: usize = 15;
/// A line naming people is a byline up to this many words ("By Jane Doe and John Roe, Reuters").
const BYLINE_MAX_WORDS: usize = 12;
/// A date line is at most this long ("Updated 1:39 am EST, Thu February 13, 2025").
const DATELINE_MAX_WORDS: usize = 14;
/// Up to this many words, a line with a date that is not a sentence is a date line even when
/// the date covers less than half its letters ("Published 3 hours ago by Staff").
const DATELINE_BARE_MAX_WORDS: usize = 8;
/// A photo caption with its credit runs to about this many words.
const CAPTION_MAX_WORDS: usize = 45;
/// A block whose share of link text is at least this is a link line (menus, teaser links).
const LINK_LINE_DENSITY: f32 = 0.6;
/// A link line is at most this long: longer linked text is a paragraph with links.
const LINK_LINE_MAX_WORDS: usize = 25;
/// Outside the prose, this many very short lines in a row are a menu.
const MENU_RUN_MIN_LINES: usize = 3;
/// This many headline-like lines in a row are a teaser list (a subheading stands alone).
const TEASER_RUN_MIN_LINES: usize = 3;
/// A headline candidate above the article is this many words (shorter is a label, longer a
/// sentence) …
const HEADLINE_WORDS: std::ops::RangeInclusive<usize> = 3..=30;
/// … and mostly not link text.
const HEADLINE_MAX_LINK_DENSITY: f32 = 0.5;
/// A comments header ("34 Comments", "Leave a reply") is at most this long.
const COMMENTS_HEADER_MAX_WORDS: usize = 12;
/// The comment section can only start after this many kept words: a header above them is the
/// page's own navigation ("Comments" in a menu), not the end of an article.
const COMMENTS_CUT_MIN_ARTICLE_WORDS: usize = 80;
/// … or after this many, when a dated line follows the header within
/// [`COMMENTS_DATED_WITHIN_BLOCKS`] blocks: a thread under a short post (an open thread, a
/// notice). Out of fold (scrapinghub / WCXB all / WCXB articles): txt 0.9199 / 0.7975 / 0.9209 →
/// 0.9225 / 0.7978 / 0.9209, md 0.9236 / 0.7972 / 0.9232 → 0.9260 / 0.7974 / 0.9232, html
/// unchanged; without the dated line (40 words for all headers) WCXB lost 0.001–0.0015.
const COMMENTS_CUT_MIN_SHORT_ARTICLE_WORDS: usize = 20;
/// How near the header the first dated line of a thread is: its own line and the thread's
/// furniture ("Comments", "Previous Post", "Next Post") come between.
const COMMENTS_DATED_WITHIN_BLOCKS: usize = 6;
/// A comments cue names the section when its words are at least half the line's (failure class 7
/// of issue 9: a subheading that opens with the cue word cut the article after it). Out of fold,
/// against any unpunctuated line with the cue (scrapinghub / WCXB all / WCXB articles): txt
/// 0.9254 / 0.7993 / 0.9197 → 0.9254 / 0.7998 / 0.9202, md 0.9294 / 0.8028 / 0.9270 → 0.9293 /
/// 0.8032 / 0.9275, html unchanged (10 dumps change: 6 up, 4 down).
const COMMENTS_CUE_WORD_SHARE: usize = 2;
/// A block next to a run of boilerplate joins it up to this many words (an address after
/// "Original url:", "Dear readers," after an appeal header) …
const ABSORB_MAX_WORDS: usize = 12;
/// … and, if it is a sentence, up to this many (a longer sentence is prose of its own).
const ABSORB_MAX_SENTENCE_WORDS: usize = 8;
/// A teaser card's linked headline is almost all link text …
const CARD_HEADLINE_LINK_DENSITY: f32 = 0.9;
/// … of this many words (a bare "More" is a link, not a headline; longer is a summary).
const CARD_HEADLINE_WORDS: std::ops::RangeInclusive<usize> = 3..=20;
/// A card's byline or date sits at most this many blocks below its headline.
const CARD_META_MAX_DISTANCE: usize = 3;
/// A card's summary is at most this long.
const CARD_SUMMARY_MAX_WORDS: usize = 80;
/// In a dump, a card's headline and author lines are at most this long.
const DUMPED_CARD_LINE_MAX_WORDS: usize = 15;
/// This many cards back to back are a teaser list (two may be an article's own pair of links).
const CARDS_MIN_IN_A_ROW: usize = 3;
/// In a page that is not an article, a mostly-linked line of at most this many words in the
/// content container is a menu link, not an item's headline.
const MENU_LINK_MAX_WORDS: usize = 3;
/// A share bar is this many words of network names and sharing verbs: a lone `Share` is left
/// to the cue phrases, and a longer line is more than a bar of buttons.
const SHARE_LINE_WORDS: std::ops::RangeInclusive<usize> = 2..=8;
/// A line that is mostly a date: its date covers at least 1/this of its letters (half).
const DATELINE_DATE_SHARE: usize = 2;
/// A cue is most of a block when its phrase is at least 1/this of the block's letters (half):
/// "34 Comments", not "Comments from the minister came late."
const CUE_MOST_OF_SHARE: usize = 2;
/// The run of boilerplate that ends a page opens where at least 1/this of the blocks from
/// there on are boilerplate (half) …
const TAIL_BOILERPLATE_SHARE: usize = 2;
/// … and at most 1/this of the page's kept words lie below it (a third): a notice in the
/// middle of an article does not take the rest of it.
const TAIL_MAX_KEPT_SHARE: usize = 3;
/// In a dump, a card's summary is a sentence of at least this many words (up to
/// `CARD_SUMMARY_MAX_WORDS`): a shorter one is a label or a headline.
const DUMPED_CARD_SUMMARY_MIN_WORDS: usize = 5;
/// In a dump, the walk up from a card's summary takes at most this many short lines (its
/// headline, author, date and a label); past them it would climb a list of short lines.
const DUMPED_CARD_MAX_LINES: usize = 4;

/// The rules in the order they are tried; the first that claims the block decides.
pub fn decide(cx: &Context, i: usize) -> Verdict {
    let rules: [fn(&Context, usize) -> Option<Verdict>; 12] = [
        media_embed,
        cue_phrase,
        share_words,
        repeated_on_page,
        dom_container,
        breadcrumb,
        byline,
        dateline,
        caption_credit,
        link_list,
        outside_region,
        teaser_run,
    ];
    rules
        .iter()
        .find_map(|rule| rule(cx, i))
        .unwrap_or_else(|| keep_reason(cx, i))
}

fn keep_reason(cx: &Context, i: usize) -> Verdict {
    let (Some(block), Some(s)) = (cx.blocks.get(i), cx.signals.get(i)) else {
        return Verdict::keep(Reason::Body);
    };
    match block.kind {
        BlockKind::Heading(_) => Verdict::keep(Reason::Subheading),
        BlockKind::ListItem => Verdict::keep(Reason::ListItem),
        BlockKind::Table => Verdict::keep(Reason::TableInside),
        BlockKind::Code => Verdict::keep(Reason::CodeInside),
        BlockKind::Quote => Verdict::keep(Reason::QuotationInside),
        _ if !s.sentence_end && s.words <= SUBHEADING_MAX_WORDS => Verdict::keep(Reason::ShortLineBetween),
        _ => Verdict::keep(Reason::Prose { words: s.words }),
    }
}

fn media_embed(cx: &Context, i: usize) -> Option<Verdict> {
    let block = cx.blocks.get(i)?;
    (block.kind == BlockKind::Image).then(|| Verdict::drop(Rule::Media, Reason::ImageEmbed))
}

/// Blocks longer than this are never dropped for a phrase alone. Notices (appeals, legal
/// lines, bios) run to a hundred-odd words. On the bench it changed two WCXB markdown dumps
/// only, both for the better (one from word F1 0.38 to 0.96), and it keeps a page flattened
/// to one line from losing its whole body to one phrase.
const MAX_WORDS_FOR_A_CUE: usize = 200;

/// A cue phrase from the data files. A long paragraph inside the article needs stronger
/// evidence than one stray phrase: an anchored cue, or two cues of the category.
fn cue_phrase(cx: &Context, i: usize) -> Option<Verdict> {
    let s = cx.signals.get(i)?;
    let first = s.cues.first()?;
    let same = s.cues.iter().filter(|c| c.category == first.category).count();
    let anchored = s.cues.iter().any(|c| c.category == first.category && c.anchored);
    let inside = cx.region.contains(&i);
    let long = s.words > CUE_LONG_PARAGRAPH_WORDS;
    // A biography's phrases are specific, but only below (or outside) the article's middle.
    let late = i >= cx.region.start + cx.region.len() / 2 || !inside;
    let bio = first.category == Rule::AuthorBio && s.words <= BIO_MAX_WORDS && late;
    let strong =
        anchored && s.words <= ANCHORED_CUE_MAX_WORDS || same >= CUES_FOR_A_LONG_PARAGRAPH || !long || !inside || bio;
    // A block this long is a text, not a notice: a page flattened to one line holds its
    // appeal and copyright line inside the article, and a phrase must not take the article.
    if !strong || s.words > MAX_WORDS_FOR_A_CUE {
        return None;
    }
    // A comment-section cue names a header ("34 Comments", "Leave a reply"): inside the article
    // a sentence that opens with the word ("Comments from the minister came late.") is prose.
    if first.category == Rule::Comments && inside && !heads_comments(cx, i) {
        return None;
    }
    // A dateline or byline cue ("Published", "By") only counts on a short line.
    if matches!(first.category, Rule::Byline | Rule::Dateline) && s.words > BYLINE_CUE_MAX_WORDS {
        return None;
    }
    Some(Verdict::drop_named(
        first.category,
        Reason::CuePhrase {
            category: first.category,
            language: first.language,
            phrase: first.phrase,
        },
    ))
}

/// Words a share bar is made of, and whether each names a network: the network names of
/// `data/share-words.txt` and the `share-verbs` of every language.
static SHARE_WORDS: LazyLock<std::collections::HashMap<&'static str, bool>> = LazyLock::new(|| {
    let networks = include_str!("../../data/share-words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|network| (network, true));
    let verbs = lang::all(List::ShareVerbs).map(|verb| (verb, false));
    networks.chain(verbs).collect()
});

/// `Whatsapp Facebook Pint Baixar`: a short line made only of network names and sharing verbs.
fn share_words(cx: &Context, i: usize) -> Option<Verdict> {
    let block = cx.blocks.get(i)?;
    let s = cx.signals.get(i)?;
    if !SHARE_LINE_WORDS.contains(&s.words) {
        return None;
    }
    let mut network = false;
    for word in block
        .text
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | '/'))
    {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        if word.is_empty() {
            continue;
        }
        network |= *SHARE_WORDS.get(word.as_str())?;
    }
    network.then(|| Verdict::drop_named(Rule::Share, Reason::ShareLine))
}

/// A paragraph printed twice on one page is a teaser, a gallery caption or a box repeated for
/// another layout, not the article's running text (headings are left to the title rule).
fn repeated_on_page(cx: &Context, i: usize) -> Option<Verdict> {
    let s = cx.signals.get(i)?;
    let block = cx.blocks.get(i)?;
    // Table header rows repeat by design.
    let exempt = matches!(block.kind, BlockKind::Heading(_) | BlockKind::Table);
    if s.copies == 0 || exempt || cx.relaxed || protected(cx, i) {
        return None;
    }
    Some(Verdict::drop(
        Rule::RepeatedOnPage,
        Reason::Repeated { copies: s.copies },
    ))
}

/// In a page, a block inside a boilerplate container (`<nav>`, `<aside>`, a share bar, a
/// comments box) is that boilerplate. The headline is left to the title rule.
fn dom_container(cx: &Context, i: usize) -> Option<Verdict> {
    let block = cx.blocks.get(i)?;
    let (category, why) = block.dom.as_ref()?.boilerplate.as_ref()?;
    if block.kind == BlockKind::Heading(1) || cx.relaxed && super::signals::is_relaxable(*category) {
        return None;
    }
    // The wrapper of the article, whatever its class says (`holding_the_prose`).
    if cx.holds_the_prose.get(i).copied().unwrap_or(false) {
        return None;
    }
    let reason = Reason::InsideContainer { what: why.clone() };
    // A container the page names as its comment section is what it says: letting the block
    // model keep comments it found article-like cost out of fold (named against not,
    // scrapinghub / WCXB all / WCXB articles): html 0.9737 / 0.8502 / 0.9487 → 0.9760 /
    // 0.8506 / 0.9486.
    Some(if *category == Rule::Comments {
        Verdict::drop_named(*category, reason)
    } else {
        Verdict::drop(*category, reason)
    })
}

/// `News / EU`, `Home › World › Europe`: short parts joined by separators, outside the prose.
fn breadcrumb(cx: &Context, i: usize) -> Option<Verdict> {
    let s = cx.signals.get(i)?;
    let outside = i < cx.region.start || i >= cx.region.end;
    (outside && s.breadcrumb_parts >= 2 && !s.sentence_end).then(|| {
        Verdict::drop(
            Rule::Navigation,
            Reason::Breadcrumb {
                parts: s.breadcrumb_parts,
            },
        )
    })
}

/// `By Jane Doe`, `By [Jane Doe](…) and John Roe`: a short line naming people.
fn byline(cx: &Context, i: usize) -> Option<Verdict> {
    let block = cx.blocks.get(i)?;
    let s = cx.signals.get(i)?;
    if s.words > BYLINE_MAX_WORDS || s.sentence_end {
        return None;
    }
    byline_names(&block.text).map(|_| Verdict::drop_named(Rule::Byline, Reason::Byline))
}

/// A short line that is mostly a date (`February 13, 2025`, `Updated 1:39 am EST, …`).
fn dateline(cx: &Context, i: usize) -> Option<Verdict> {
    let block = cx.blocks.get(i)?;
    let s = cx.signals.get(i)?;
    if s.words > DATELINE_MAX_WORDS {
        return None;
    }
    let found = date::find_date(&block.text)?;
    let covered = found.end.saturating_sub(found.start);
    let letters = block.text.chars().filter(|c| c.is_alphanumeric()).count().max(1);
    (covered * DATELINE_DATE_SHARE >= letters || s.words <= DATELINE_BARE_MAX_WORDS && !s.sentence_end)
        .then(|| Verdict::drop_named(Rule::Dateline, Reason::Dateline { iso: found.iso }))
}

/// A photo caption: a short block that ends in a credit (`Doug Mills/The New York Times`,
/// a trailing link such as `[European Parliament / flickr](#)`).
fn caption_credit(cx: &Context, i: usize) -> Option<Verdict> {
    let block = cx.blocks.get(i)?;
    let s = cx.signals.get(i)?;
    if s.words > CAPTION_MAX_WORDS || block.kind == BlockKind::Heading(1) {
        return None;
    }
    let credit = block.text.contains('/') && CREDIT_TAIL.as_ref().is_some_and(|re| re.is_match(block.text.trim()));
    credit.then(|| Verdict::drop_named(Rule::Media, Reason::PhotoCredit))
}

/// Lines that are mostly links: menus outside the article, teaser links inside it.
fn link_list(cx: &Context, i: usize) -> Option<Verdict> {
    let block = cx.blocks.get(i)?;
    let s = cx.signals.get(i)?;
    if s.link_density < LINK_LINE_DENSITY || block.links == 0 || s.words > LINK_LINE_MAX_WORDS {
        return None;
    }
    let inside = cx.region.contains(&i);
    let rule = if inside { Rule::Related } else { Rule::Navigation };
    Some(Verdict::drop_weak(
        rule,
        Reason::LinkLine {
            inside,
            link_density: s.link_density,
        },
    ))
}

/// A block inside the container only article bodies use (`itemprop=articleBody`, `story-body`)
/// is not dropped for its position or shape alone, only by a named rule.
fn protected(cx: &Context, i: usize) -> bool {
    cx.blocks
        .get(i)
        .and_then(|b| b.dom.as_ref())
        .is_some_and(|d| d.in_strong_content)
}

fn outside_region(cx: &Context, i: usize) -> Option<Verdict> {
    if cx.region.contains(&i) || protected(cx, i) {
        return None;
    }
    let menu_run = short_run_around(cx, i);
    if menu_run >= MENU_RUN_MIN_LINES {
        return Some(Verdict::drop_weak(Rule::Navigation, Reason::MenuItem { run: menu_run }));
    }
    let verdict = Verdict::drop_weak(
        Rule::OutsideArticle,
        Reason::OutsideRun {
            before: i < cx.region.start,
            first: cx.region.start + 1,
            last: cx.region.end,
        },
    );
    // Above the headline that repeats a dump's title line, the page itself says the article
    // has not begun: the block model leaves these be.
    let above_headline = cx.headline.as_ref().and_then(|h| h.block).is_some_and(|h| i < h);
    Some(Verdict {
        named: above_headline,
        ..verdict
    })
}

/// Inside the article, three or more headline-like lines in a row are a teaser list, not
/// subheadings (a subheading stands alone between paragraphs).
fn teaser_run(cx: &Context, i: usize) -> Option<Verdict> {
    let run = cx.signals.get(i)?.headline_run;
    if run == 0 || protected(cx, i) || cx.relaxed {
        return None;
    }
    (run >= TEASER_RUN_MIN_LINES).then(|| Verdict::drop_weak(Rule::Related, Reason::TeaserRun { run }))
}

/// A comments header ("34 Comments", "Leave a reply") after the article ends it: everything
/// from there on is the comment section.
pub fn cut_at_comments(cx: &Context, verdicts: &mut [Verdict]) {
    let mut kept_words = 0;
    let mut cut = None;
    for (i, v) in verdicts.iter().enumerate() {
        let Some(s) = cx.signals.get(i) else { continue };
        // A line that only opens with the cue word (a subheading such as "Comment engagement
        // score") heads a thread only when the thread's dated lines follow.
        let header = s.words <= COMMENTS_HEADER_MAX_WORDS
            && heads_comments(cx, i)
            && (names_comments(s) || dated_line_follows(verdicts, i));
        // Below a short article, the header of a thread is told by the thread: a dated line
        // (`Jane on May 3, 2024 at 9:12 am said:`) right after it. A comment count linked under
        // the first paragraph has article prose after it instead.
        let short_thread = || kept_words >= COMMENTS_CUT_MIN_SHORT_ARTICLE_WORDS && dated_line_follows(verdicts, i);
        if header && (kept_words >= COMMENTS_CUT_MIN_ARTICLE_WORDS || short_thread()) {
            cut = Some(i);
            break;
        }
        if v.keep {
            kept_words += s.words;
        }
    }
    let Some(start) = cut else { return };
    // Named: the header says what follows. Letting the block model bring back comments it
    // found article-like cost out of fold (scrapinghub / WCXB articles, named against not):
    // html 0.9737 / 0.9487 → 0.9760 / 0.9486, txt 0.9162 / 0.9187 → 0.9199 / 0.9209, md
    // 0.9187 / 0.9204 → 0.9236 / 0.9232; WCXB's forum dumps lose a little (all types −0.001).
    for (i, v) in verdicts.iter_mut().enumerate().skip(start) {
        if (v.keep || v.weak || i == start) && !protected(cx, i) {
            *v = Verdict::drop_named(Rule::Comments, Reason::CommentSection);
        }
    }
}

/// Whether a comments cue of the block names a comment section, not the opening word of a line
/// that goes on: a count ("34 Comments"; digits fold to `0` in cue phrases) or at least
/// 1/[`COMMENTS_CUE_WORD_SHARE`] of the line's words ("Comments Restacks", "Leave a reply").
fn names_comments(s: &Signals) -> bool {
    s.cues.iter().any(|c| {
        c.category == Rule::Comments
            && (c.phrase.contains('0') || c.phrase.split_whitespace().count() * COMMENTS_CUE_WORD_SHARE >= s.words)
    })
}

/// Whether one of the [`COMMENTS_DATED_WITHIN_BLOCKS`] blocks after block `i` is a dated line.
fn dated_line_follows(verdicts: &[Verdict], i: usize) -> bool {
    verdicts
        .iter()
        .skip(i + 1)
        .take(COMMENTS_DATED_WITHIN_BLOCKS)
        .any(|v| v.rule == Rule::Dateline)
}

/// Whether block `i` heads a comment section: a comments cue on a line that is not a sentence
/// ("Permalink 34 Comments Feed for comments"), or that the cue is most of ("Leave a reply.").
fn heads_comments(cx: &Context, i: usize) -> bool {
    let Some(s) = cx.signals.get(i) else { return false };
    s.cues.iter().any(|c| c.category == Rule::Comments) && (!s.sentence_end || cue_is_most_of(cx, i, Rule::Comments))
}

/// Whether a cue of `category` is most of block `i` ("34 Comments", "Leave a reply"), not the
/// opening of a sentence that goes on ("Comments from the minister came late.").
fn cue_is_most_of(cx: &Context, i: usize, category: Rule) -> bool {
    let (Some(s), Some(block)) = (cx.signals.get(i), cx.blocks.get(i)) else {
        return false;
    };
    let longest = s
        .cues
        .iter()
        .filter(|c| c.category == category)
        .map(|c| c.phrase.trim_matches(['^', '$']).chars().count())
        .max();
    let Some(longest) = longest else { return false };
    let letters = normalize(&block.text).chars().count();
    longest * CUE_MOST_OF_SHARE >= letters
}

/// The length of the run of very short lines (≤ 4 words, no sentence) that block `i` is in.
fn short_run_around(cx: &Context, i: usize) -> usize {
    cx.signals.get(i).map_or(0, |s| s.short_run)
}

/// A short block next to a run of boilerplate joins the run: the bare address after
/// `Original url:`, an app name after `Share this article`, `Dear readers,` after an appeal header.
pub fn absorb_runs(cx: &Context, verdicts: &mut [Verdict]) {
    let n = verdicts.len();
    for pass in 0..2 {
        for step in 0..n {
            let i = if pass == 0 { step } else { n - 1 - step };
            let absorbable = verdicts.get(i).is_some_and(|v| v.keep || v.weak);
            let short = cx.signals.get(i).is_some_and(|s| {
                s.words <= ABSORB_MAX_WORDS && !(s.sentence_end && s.words > ABSORB_MAX_SENTENCE_WORDS)
            });
            if !absorbable || !short || protected(cx, i) {
                continue;
            }
            let neighbour = if pass == 0 { i.checked_sub(1) } else { Some(i + 1) };
            let Some(rule) = neighbour
                .and_then(|j| verdicts.get(j))
                .filter(|v| !v.keep)
                .map(|v| v.rule)
            else {
                continue;
            };
            // A breadcrumb or menu does not pull in the headline below it.
            if !RUN_CATEGORIES.contains(&rule) || rule == Rule::Navigation {
                continue;
            }
            // Inside the article only link-bearing or bare lines join; outside, any short block.
            let inside = cx.region.contains(&i) && verdicts.get(i).is_some_and(|v| v.keep);
            let linked = cx.blocks.get(i).is_some_and(|b| b.links > 0 || !b.urls.is_empty());
            if inside && !linked {
                continue;
            }
            if let Some(v) = verdicts.get_mut(i) {
                *v = Verdict {
                    absorbed: true,
                    ..Verdict::drop(rule, Reason::NextToRun { rule })
                };
            }
        }
    }
}

/// When a boilerplate block near the end opens a stretch that is mostly boilerplate, the rest
/// of the page is that boilerplate too (a donation appeal's paragraphs, a footer's lines).
pub fn close_tail(cx: &Context, verdicts: &mut [Verdict]) {
    let n = verdicts.len();
    let words_total: usize = cx
        .signals
        .iter()
        .zip(verdicts.iter())
        .filter(|(_, v)| v.keep)
        .map(|(s, _)| s.words)
        .sum();
    let mut words_after = 0usize;
    let mut boilerplate_after = 0usize;
    let mut opener: Option<(usize, Rule)> = None;
    for i in (0..n).rev() {
        let Some(v) = verdicts.get(i) else { continue };
        let Some(s) = cx.signals.get(i) else { continue };
        // A kept paragraph that carries a cue phrase still counts as evidence of the run.
        let cue_category = s.cues.iter().map(|c| c.category).find(|c| RUN_CATEGORIES.contains(c));
        if v.keep && cue_category.is_none() {
            words_after += s.words;
        }
        if !v.keep || cue_category.is_some() {
            boilerplate_after += 1;
        }
        let opens = !v.keep && RUN_CATEGORIES.contains(&v.rule) && cue_category == Some(v.rule);
        if opens
            && boilerplate_after * TAIL_BOILERPLATE_SHARE >= n - i
            && words_after * TAIL_MAX_KEPT_SHARE <= words_total
        {
            opener = Some((i, v.rule));
        }
    }
    let Some((start, rule)) = opener else { return };
    for (i, v) in verdicts.iter_mut().enumerate().skip(start + 1) {
        // In a page, the article's container marks where it ends better than a run of cues.
        let in_content = cx
            .blocks
            .get(i)
            .and_then(|b| b.dom.as_ref())
            .is_some_and(|d| d.in_content);
        if v.keep && !protected(cx, i) && !in_content {
            // In a page, claimed by the cue that opens the run, so the block model leaves it be
            // (letting the model overrule it measured +0.0004 on WCXB html, within fold noise,
            // and brought donation appeals back). In a dump a link-furniture cue near the end
            // ("Read more: …" inside the story) often opens a third of the article, and nothing
            // but the cue marks the run: there the model may keep what reads as the article.
            // Out of fold, dump models retrained (scrapinghub / WCXB all / WCXB articles): txt
            // 0.9254 / 0.7993 / 0.9197 → 0.9267 / 0.8000 / 0.9222, md 0.9294 / 0.8028 / 0.9270 →
            // 0.9302 / 0.8047 / 0.9312; every run overrulable measured about the same (txt
            // 0.9248 / 0.8015 / 0.9230, md 0.9316 / 0.8042 / 0.9306) and kept appeals.
            let dump = cx.blocks.get(i).is_some_and(|b| b.dom.is_none());
            *v = if dump && LINK_FURNITURE.contains(&rule) {
                Verdict::drop_weak(rule, Reason::EndRun { rule })
            } else {
                Verdict::drop_named(rule, Reason::EndRun { rule })
            };
        }
    }
}

/// How many blocks into the body a top-level heading may stand and still be the headline.
const TITLE_IN_BODY: usize = 3;

/// The headline: a short unpunctuated line (or top heading) before the first body block. It
/// leaves the body and becomes `provenance.title`.
pub fn lift_title(cx: &Context, verdicts: &mut [Verdict]) {
    if let Some(headline) = &cx.headline {
        if let Some(v) = verdicts.first_mut() {
            *v = Verdict::drop(Rule::TitleLine, Reason::TitleLine);
        }
        let lifted = headline.block.and_then(|i| verdicts.get_mut(i));
        if let Some(v) = lifted {
            *v = Verdict::drop(Rule::Title, Reason::HeadlineRepeatsTitle);
            return;
        }
    }
    let Some(first_body) = verdicts.iter().position(|v| v.keep) else {
        return;
    };
    let mut candidates = Vec::new();
    for i in 0..first_body.max(cx.region.start.min(verdicts.len())) {
        if let Some(h) = title_candidate(cx, verdicts, i) {
            candidates.push((i, h));
        }
    }
    // A top-level heading wins; otherwise the candidate nearest the body.
    let pick = candidates
        .iter()
        .find(|(_, level)| *level == Some(1))
        .or_else(|| candidates.last())
        .map(|(i, _)| *i)
        // None above the body: a top-level heading at its very start is the headline (a kept
        // hero caption or standfirst came first).
        .or_else(|| {
            (first_body..verdicts.len().min(first_body + TITLE_IN_BODY))
                .find(|&i| title_candidate(cx, verdicts, i) == Some(Some(1)))
        });
    if let Some(v) = pick.and_then(|i| verdicts.get_mut(i)) {
        *v = Verdict::drop(Rule::Title, Reason::HeadlineAbove);
    }
}

/// Some(heading level or None) when block `i` could be the headline.
fn title_candidate(cx: &Context, verdicts: &[Verdict], i: usize) -> Option<Option<u8>> {
    let block = cx.blocks.get(i)?;
    let s = cx.signals.get(i)?;
    let v = verdicts.get(i)?;
    let weak = v.keep || v.weak;
    let level = match block.kind {
        BlockKind::Heading(level) => Some(level),
        // A page marks its headline up as a heading; a paragraph there is something else.
        BlockKind::Paragraph if block.dom.is_none() => None,
        _ => return None,
    };
    let shaped = HEADLINE_WORDS.contains(&s.words)
        && s.link_density < HEADLINE_MAX_LINK_DENSITY
        && !block.text.trim_end().ends_with(['.', ':', ',']);
    let starts_upper = block
        .text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| !c.is_lowercase());
    (weak && shaped && starts_upper && s.cues.is_empty()).then_some(level)
}

/// Teaser cards beside or below the article: a linked headline, a byline or a date, then a
/// one-paragraph summary, three or more in a row. Not inside the article body's own container.
pub fn drop_teaser_cards(cx: &Context, verdicts: &mut [Verdict]) {
    if cx.relaxed {
        return;
    }
    if cx.blocks.first().is_some_and(|b| b.dom.is_none()) {
        drop_dumped_cards(cx, verdicts);
        return;
    }
    // (first, last) block of each card: its linked headline to its summary.
    let mut cards: Vec<(usize, usize)> = Vec::new();
    let mut headline: Option<usize> = None;
    for i in 0..verdicts.len() {
        let (Some(block), Some(s), Some(v)) = (cx.blocks.get(i), cx.signals.get(i), verdicts.get(i)) else {
            continue;
        };
        if block.links > 0 && s.link_density >= CARD_HEADLINE_LINK_DENSITY && CARD_HEADLINE_WORDS.contains(&s.words) {
            headline = Some(i);
            continue;
        }
        if !v.keep {
            continue;
        }
        let outside = block.dom.is_some() && !protected(cx, i);
        // A card says who wrote it or when between its headline and its summary; an FAQ's
        // question or a listicle's linked item name does not.
        let card_meta = |h: usize| {
            i - h <= CARD_META_MAX_DISTANCE
                && verdicts
                    .get(h + 1..i)
                    .is_some_and(|between| between.iter().any(|v| matches!(v.rule, Rule::Byline | Rule::Dateline)))
        };
        if let Some(h) = headline.filter(|h| outside && s.words <= CARD_SUMMARY_MAX_WORDS && card_meta(*h)) {
            cards.push((h, i));
        } else {
            mark_card_spans(&cards, LINKED_CARD, verdicts);
            cards.clear();
        }
        headline = None;
    }
    mark_card_spans(&cards, LINKED_CARD, verdicts);
}

const LINKED_CARD: &str = "teaser card: a linked headline, then its summary";
const DUMPED_CARD: &str = "teaser card: a headline, a date or byline, a summary";

/// The same cards in a text or markdown dump, where the headline's link may be gone: short
/// lines (the headline, the author's name) with a date or byline among them, then a summary.
/// Three cards back to back, each starting where the last one's summary ended, are a teaser
/// list; every kept line of them goes.
fn drop_dumped_cards(cx: &Context, verdicts: &mut [Verdict]) {
    let short = |i: usize| cx.signals.get(i).is_some_and(|s| s.words <= DUMPED_CARD_LINE_MAX_WORDS);
    let meta: Vec<bool> = verdicts
        .iter()
        .map(|v| matches!(v.rule, Rule::Byline | Rule::Dateline))
        .collect();
    let is_meta = |i: usize| meta.get(i).copied().unwrap_or(false);
    let links_kept = cx.blocks.iter().any(|b| b.links > 0);
    // Runs of (first block, summary) of cards back to back.
    let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
    for i in 1..verdicts.len() {
        let (Some(s), Some(v)) = (cx.signals.get(i), verdicts.get(i)) else {
            continue;
        };
        let summary =
            v.keep && s.sentence_end && (DUMPED_CARD_SUMMARY_MIN_WORDS..=CARD_SUMMARY_MAX_WORDS).contains(&s.words);
        if !summary {
            continue;
        }
        let last_end = runs.last().and_then(|r| r.last()).map(|&(_, end)| end);
        // Walk up over the card's short lines, not into the previous card.
        let mut first = i;
        while first > 0
            && i - first < DUMPED_CARD_MAX_LINES
            && short(first - 1)
            && last_end.is_none_or(|end| first - 1 > end)
        {
            first -= 1;
        }
        // A date or byline among them, and a headline above it.
        let dated = (first..i).any(is_meta);
        let headed = (first..i).take_while(|&j| !is_meta(j)).count() >= 1;
        // Where the dump kept its links (markdown), a card's headline is one: a review's or a
        // comment's title is not.
        let linked = !links_kept || (first..i).any(|j| cx.blocks.get(j).is_some_and(|b| b.links > 0));
        let card = dated && headed && linked;
        let follows = last_end.is_some_and(|end| end + 1 == first);
        if !card && short(i) {
            // A headline that ends like a sentence ("What made it so popular?") is not a
            // summary; it does not break the run.
            continue;
        }
        if !(card && follows) {
            runs.push(Vec::new());
        }
        if card {
            if let Some(run) = runs.last_mut() {
                run.push((first, i));
            }
        }
    }
    // Below an article, not a listing's own items: the article's text comes first.
    for run in &runs {
        let Some(&(first, _)) = run.first() else { continue };
        let above: usize = (0..first)
            .filter(|&j| verdicts.get(j).is_some_and(|v| v.keep))
            .filter_map(|j| cx.signals.get(j))
            .map(|s| s.words)
            .sum();
        if above >= ARTICLE_ABOVE_CARDS {
            mark_card_spans(run, DUMPED_CARD, verdicts);
        }
    }
}

/// Kept words above a run of teaser cards in a dump for it to be below an article.
const ARTICLE_ABOVE_CARDS: usize = 150;

/// Drops the kept lines of a run of three or more cards, each given as (first, last) block.
fn mark_card_spans(cards: &[(usize, usize)], what: &'static str, verdicts: &mut [Verdict]) {
    if cards.len() < CARDS_MIN_IN_A_ROW {
        return;
    }
    for &(first, last) in cards {
        for v in verdicts
            .iter_mut()
            .take(last + 1)
            .skip(first)
            .filter(|v| v.keep || v.weak || v.absorbed)
        {
            // Claimed by the cards' shape, which the block model leaves be (out of fold: html
            // +0.0014 on scrapinghub, txt +0.001, the rest unchanged).
            *v = Verdict::drop_named(
                Rule::Related,
                Reason::Cards {
                    what,
                    count: cards.len(),
                },
            );
        }
    }
}

/// On a page that is not an article, a block in the content container (`<main>`, a content
/// class) that no boilerplate container or cue phrase claims is content, wherever the main run
/// of prose lies: a listing's teasers, a product's specifications, a thread's posts.
pub fn keep_content_container(blocks: &[crate::segment::Block], signals: &[super::Signals], verdicts: &mut [Verdict]) {
    // A page without a content container (a table layout) is its own container.
    let any_container = blocks.iter().any(|b| b.dom.as_ref().is_some_and(|d| d.in_content));
    for ((block, s), v) in blocks.iter().zip(signals).zip(verdicts.iter_mut()) {
        let contained = block
            .dom
            .as_ref()
            .is_some_and(|d| (d.in_content || !any_container) && d.boilerplate.is_none());
        // A menu's links are a word or two; an item's headline is longer.
        let menu_link = s.link_density >= LINK_LINE_DENSITY && s.words <= MENU_LINK_MAX_WORDS;
        // Footers stay footers: a short line next to a copyright notice is the footer's.
        let positional =
            v.weak || v.absorbed && v.rule != Rule::Legal || matches!(v.rule, Rule::Related | Rule::Navigation);
        // Without a container, only an item list's own lines (links, their neighbours) come back,
        // not everything outside the prose.
        let item = any_container || v.absorbed || v.rule == Rule::Related;
        if contained && s.cues.is_empty() && !menu_link && !v.keep && positional && item {
            *v = Verdict::keep(Reason::ContentContainer);
        }
    }
}
