//! Features of a block that every page has: length, punctuation, case, links, position, cues.

use super::cues::{self, Cue};
use crate::rule::Rule;
use crate::segment::{Block, BlockKind};
use crate::text::{ends_like_sentence, is_clause_punctuation, normalize, word_count};

/// What pith measures about one block before deciding on it.
#[derive(Debug, Clone)]
pub struct Signals {
    pub words: usize,
    pub link_density: f32,
    /// Ends like a sentence: `.`, `!`, `?`, `…` (closing quotes and brackets allowed after).
    pub sentence_end: bool,
    /// Starts with a lower-case letter (a continuation of the block before, or a fragment).
    pub starts_lower: bool,
    /// Has breadcrumb separators (`/`, `›`, `»`, `>`, `|`) between short parts.
    pub breadcrumb_parts: usize,
    /// Commas and sentence stops inside the text: prose has them, menus do not.
    pub punctuation: usize,
    pub cues: Vec<Cue>,
    /// Other blocks of the page with the same text (after normalisation).
    pub copies: usize,
    /// Hash of the normalised text, for blocks of six words or more (to find copies).
    text_hash: Option<u64>,
    /// Length of the run of very short lines (≤ 4 words, no sentence) this block is in; 0 if it
    /// is not one.
    pub short_run: usize,
    /// Length of the run of headline-like lines (a paragraph or heading of ≤ 15 words without a
    /// sentence end) this block is in; 0 if it is not one.
    pub headline_run: usize,
    /// How much this block looks like article prose; negative for page furniture.
    pub prose_score: f32,
    /// Scored as one short line that is not prose ([`SHORT_LINE`]): a run of them is weighed
    /// again by its length.
    short_line: bool,
}

impl Signals {
    /// Whether the block is a sentence: it ends like one and has at least
    /// [`SENTENCE_MIN_WORDS`] words (shorter punctuated lines are labels). Prose in full for the
    /// prose score; what the page-type, block and confidence features and the article-wrapper
    /// test count as sentences.
    pub fn is_sentence(&self) -> bool {
        self.sentence_end && self.words >= SENTENCE_MIN_WORDS
    }
}

// Signals' thresholds, in one table (word counts are `Signals::words`).
/// A line of at most this many words and no sentence end is short: menus, labels and share
/// bars are runs of such lines (`Signals::short_run`).
const SHORT_RUN_MAX_WORDS: usize = 4;
/// A line of at most this many words and no sentence end may be a headline; a run of them is a
/// teaser list (`Signals::headline_run`). Longer than most headlines, shorter than a sentence.
const HEADLINE_RUN_MAX_WORDS: usize = 15;
/// Blocks of fewer words are not compared for repeats: "Share", "Read more" and dates repeat
/// by design, and the cue rules name them.
const REPEAT_MIN_WORDS: usize = 6;
/// Above this share of its words in links a block is a link list, not prose.
const LINKED_DENSITY: f32 = 0.5;
/// A sentence of at least this many words counts as prose in full.
const SENTENCE_MIN_WORDS: usize = 8;
/// A block of this many words with at least `RUN_ON_MIN_MARKS` punctuation marks but no
/// sentence end (a scraped paragraph cut mid-sentence) counts as prose at half weight.
const RUN_ON_MIN_WORDS: usize = 20;
const RUN_ON_MIN_MARKS: usize = 2;
/// A breadcrumb fits on one short line: longer text with separators is a title or prose.
const BREADCRUMB_MAX_BYTES: usize = 120;
/// Each part of a breadcrumb is a section name of a few words.
const BREADCRUMB_PART_MAX_WORDS: usize = 5;

/// Measures every block; `relaxed` (the retry pass) does not count comment and teaser boxes
/// against a block.
pub fn measure(blocks: &[Block], relaxed: bool) -> Vec<Signals> {
    let mut signals: Vec<Signals> = blocks.iter().map(|b| measure_block(b, relaxed)).collect();
    count_copies(&mut signals);
    let short: Vec<bool> = signals
        .iter()
        .map(|s| s.words <= SHORT_RUN_MAX_WORDS && !s.sentence_end)
        .collect();
    let headline: Vec<bool> = blocks
        .iter()
        .zip(&signals)
        .map(|(b, s)| {
            matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading(_))
                && s.words <= HEADLINE_RUN_MAX_WORDS
                && !s.sentence_end
        })
        .collect();
    for ((s, short), headline) in signals.iter_mut().zip(run_lengths(&short)).zip(run_lengths(&headline)) {
        s.short_run = short;
        s.headline_run = headline;
    }
    weigh_short_runs(&mut signals);
    signals
}

/// For each position, the length of the run of `true` it belongs to (0 for `false`), in one pass.
fn run_lengths(flags: &[bool]) -> Vec<usize> {
    let mut out = vec![0; flags.len()];
    let mut start = 0;
    for i in 0..=flags.len() {
        let on = flags.get(i).copied().unwrap_or(false);
        if !on {
            for slot in out.iter_mut().take(i).skip(start) {
                *slot = i - start;
            }
            start = i + 1;
        }
    }
    out
}

/// How many other blocks of the page say the same thing (sentences of six words or more only).
fn count_copies(signals: &mut [Signals]) {
    let mut counts: foldhash::HashMap<u64, usize> = foldhash::HashMap::default();
    for key in signals.iter().filter_map(|s| s.text_hash) {
        *counts.entry(key).or_insert(0) += 1;
    }
    for s in signals.iter_mut() {
        s.copies = s
            .text_hash
            .and_then(|k| counts.get(&k))
            .map_or(0, |n| n.saturating_sub(1));
    }
}

/// A lone short line between paragraphs is a subheading and costs little; a run of them is a
/// menu or a teaser list, and each line of the run costs more the longer the run.
fn weigh_short_runs(signals: &mut [Signals]) {
    let mut i = 0;
    while i < signals.len() {
        let run = signals
            .get(i..)
            .map_or(0, |rest| rest.iter().take_while(|s| s.short_line).count());
        let factor = run.min(6) as f32;
        for s in signals.iter_mut().skip(i).take(run) {
            s.prose_score = SHORT_LINE * factor;
        }
        i += run.max(1);
    }
}

fn measure_block(block: &Block, relaxed: bool) -> Signals {
    let text = block.text.trim();
    let words = word_count(text);
    let link_density = block.link_density();
    let sentence_end = ends_like_sentence(text);
    let starts_lower = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let punctuation = text.chars().filter(|c| is_clause_punctuation(*c)).count();
    let norm = normalize(text);
    let cues = cues::find_in_normalized(&norm);
    let text_hash = (words >= REPEAT_MIN_WORDS).then(|| xxhash_rust::xxh3::xxh3_64(norm.as_bytes()));
    let breadcrumb_parts = breadcrumb_parts(text);
    let mut signals = Signals {
        words,
        link_density,
        sentence_end,
        starts_lower,
        breadcrumb_parts,
        punctuation,
        cues,
        copies: 0,
        text_hash,
        short_run: 0,
        headline_run: 0,
        prose_score: 0.0,
        short_line: false,
    };
    (signals.prose_score, signals.short_line) = prose_score(block, &signals, relaxed);
    signals
}

/// Prose is long, punctuated and not made of links; menus, teasers and labels are short,
/// bare or linked. The score is in "words of evidence", so long paragraphs weigh more. With it,
/// whether it is the cost of one short line ([`SHORT_LINE`]), which its run weighs again.
fn prose_score(block: &Block, s: &Signals, relaxed: bool) -> (f32, bool) {
    if matches!(block.kind, BlockKind::Image | BlockKind::Rule) {
        return (IMAGE_SCORE, false);
    }
    // Code has no sentences, yet inside the article's container it is content. Tables stay
    // neutral: on pages they are as often layout or data boxes as part of the story.
    if matches!(block.kind, BlockKind::Code | BlockKind::Table) {
        let inside = block.kind == BlockKind::Code
            && block
                .dom
                .as_ref()
                .is_some_and(|d| d.in_content && d.boilerplate.is_none());
        return (if inside { CODE_IN_CONTENT_SCORE } else { 0.0 }, false);
    }
    let words = s.words as f32;
    // In a page, a boilerplate container (nav, share bar, comments) outweighs fluent prose.
    if let Some(dom) = &block.dom {
        let counts = dom
            .boilerplate
            .as_ref()
            .is_some_and(|(c, _)| !(relaxed && is_relaxable(*c)));
        if counts && block.kind != BlockKind::Heading(1) {
            return (-IN_BOILERPLATE.0 - words * IN_BOILERPLATE.1, false);
        }
    }
    // Cookie notices, appeals and footers are often fluent prose: a cue phrase outweighs that.
    if !s.cues.is_empty() {
        return (-CUED.0 - words * CUED.1, false);
    }
    let score = text_prose_score(s, words);
    match (&block.dom, score) {
        // Inside the article's own container, labels and list items are content too.
        (Some(dom), _) if dom.in_strong_content => match score {
            Some(score) if score > 0.0 => (score * STRONG_CONTENT.0 + STRONG_CONTENT.1, false),
            _ => (STRONG_CONTENT_SHORT_LINE, false),
        },
        (Some(dom), Some(score)) if dom.in_content && score > 0.0 => (score + CONTENT_BONUS, false),
        (_, Some(score)) => (score, false),
        (_, None) => (SHORT_LINE, true),
    }
}

/// The prose score of a block's text; `None` for a short line that is not prose.
fn text_prose_score(s: &Signals, words: f32) -> Option<f32> {
    let unlinked = words * (1.0 - s.link_density);
    if s.link_density > LINKED_DENSITY {
        return Some(-LINKED.0 - words * LINKED.1);
    }
    if s.is_sentence() {
        return Some(unlinked);
    }
    if s.words >= RUN_ON_MIN_WORDS && s.punctuation >= RUN_ON_MIN_MARKS {
        return Some(unlinked * RUN_ON_WEIGHT);
    }
    None
}

/// The cost of one short line that is not prose (a label, a menu item, a headline).
const SHORT_LINE: f32 = -1.5;

// The prose score's weights, in words of evidence. `(base, per word)` pairs are costs: the
// score is `-base - words * per_word`, so a longer block of that kind weighs more against.
/// An image or a rule: a little less than a short line against — a picture in the run of prose
/// should not end it.
const IMAGE_SCORE: f32 = -1.0;
/// Code inside the article's own container: content without sentences, worth a short sentence.
const CODE_IN_CONTENT_SCORE: f32 = 2.0;
/// Inside a boilerplate container (nav, share bar, comments): more against than the same
/// words of prose are for, so fluent text in a comment thread stays out.
const IN_BOILERPLATE: (f32, f32) = (3.0, 0.3);
/// With a cue phrase (cookie notice, appeal, footer): against, a little less than a container,
/// since a cue can sit in a sentence of the article.
const CUED: (f32, f32) = (2.0, 0.25);
/// Mostly link text (over [`LINKED_DENSITY`]): against, the longer the more (a list of links).
const LINKED: (f32, f32) = (2.0, 0.2);
/// Prose inside the article's own container: half again its words and 3 more, so the run of
/// prose holds to it; a short line there (a label, a list item) costs next to nothing.
const STRONG_CONTENT: (f32, f32) = (1.5, 3.0);
const STRONG_CONTENT_SHORT_LINE: f32 = -0.2;
/// Prose inside a content container: one word of evidence more.
const CONTENT_BONUS: f32 = 1.0;
/// A long run-on block without sentence ends (a caption, a transcript): half its unlinked words.
const RUN_ON_WEIGHT: f32 = 0.5;

/// The number of parts when a short line is split on breadcrumb separators; 0 if it is not one.
fn breadcrumb_parts(text: &str) -> usize {
    if text.len() > BREADCRUMB_MAX_BYTES {
        return 0;
    }
    for sep in [" / ", " › ", " » ", " > ", " | ", " → ", " :: "] {
        if text.contains(sep) {
            let parts: Vec<&str> = text.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
            let short = parts.iter().all(|p| word_count(p) <= BREADCRUMB_PART_MAX_WORDS);
            if parts.len() >= 2 && short {
                return parts.len();
            }
        }
    }
    0
}

/// Boilerplate containers that the retry pass reads as content (forum threads, listings).
pub fn is_relaxable(category: Rule) -> bool {
    matches!(category, Rule::Comments | Rule::Related)
}

#[cfg(test)]
mod tests {
    use super::run_lengths;

    #[test]
    fn runs_are_measured_in_one_pass() {
        assert_eq!(
            run_lengths(&[true, true, false, true, false, false, true, true, true]),
            vec![2, 2, 0, 1, 0, 0, 3, 3, 3]
        );
        assert_eq!(run_lengths(&[]), Vec::<usize>::new());
    }
}
