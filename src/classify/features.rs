//! The block model's inputs: one fixed-length vector of numbers per block, from signals every
//! page has (length, punctuation, links, position, the page's structure, hashed class and id
//! tokens) and from what the named rules decided. The same code feeds training (`pith
//! train-data`) and inference, so the two cannot drift apart.

use foldhash::{HashMap, HashMapExt};

use super::{Decision, Signals, Verdict};
use crate::rule::Rule;
use crate::segment::{Block, BlockKind};
use crate::text::{lower, most_frequent};

/// Buckets for hashed class/id tokens of the block's own element and its two nearest ancestors.
const NEAR_BUCKETS: usize = 32;
/// Buckets for hashed class/id tokens of the farther ancestors.
const FAR_BUCKETS: usize = 32;
/// How many of a page's most frequent words stand for its function words (its stop words, in
/// whatever language it is written): the share of them in a block tells prose from labels.
const FUNCTION_WORDS: usize = 40;
/// Neighbours read on each side of a block.
const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];
/// `window_prose` and `window_keep` read this many blocks on each side of a block (and the
/// block): the stretch a paragraph's neighbourhood spans, wider than the named neighbours.
const WINDOW: usize = 5;
/// The block's own element and its nearest ancestors up to this many steps are "near" (their
/// tokens go to the near buckets): the element and its two nearest ancestors.
const NEAR_STEPS: usize = 3;
/// The prose score enters features clamped to this range: a page flattened to one block
/// scores its thousands of words, and one such block must not stretch the feature's scale.
const PROSE_SCORE_MIN: f32 = -50.0;
const PROSE_SCORE_MAX: f32 = 200.0;
/// Counts are capped: past these a block's links, its copies on the page and the runs it is
/// in say nothing more, and a page of thousands of menu lines stays in the range learned.
const LINKS_CAP: usize = 50;
const COPIES_CAP: usize = 5;
const RUN_CAP: usize = 20;

/// Rule ids the rules can give, in a fixed order (a one-hot feature each).
pub const RULES: &[Rule] = &[
    Rule::Body,
    Rule::Title,
    Rule::TitleLine,
    Rule::Appeal,
    Rule::Byline,
    Rule::Dateline,
    Rule::Related,
    Rule::Media,
    Rule::Navigation,
    Rule::Share,
    Rule::SourceFooter,
    Rule::Legal,
    Rule::Comments,
    Rule::OutsideArticle,
    Rule::AuthorBio,
    Rule::RepeatedOnPage,
];

/// Cue categories (the sections of `data/lang/<code>/cues.txt`).
const CUE_CATEGORIES: &[Rule] = &[
    Rule::Appeal,
    Rule::AuthorBio,
    Rule::Byline,
    Rule::Comments,
    Rule::Dateline,
    Rule::Legal,
    Rule::Media,
    Rule::Navigation,
    Rule::Related,
    Rule::Share,
    Rule::SourceFooter,
];

/// Boilerplate categories an HTML container can suggest.
const CONTAINER_CATEGORIES: &[Rule] = &[
    Rule::Navigation,
    Rule::Related,
    Rule::Media,
    Rule::Share,
    Rule::Comments,
    Rule::Legal,
    Rule::Appeal,
];

/// The block's own element, by tag.
const OWN_TAGS: &[&[&str]] = &[
    &["p"],
    &["li", "dd", "dt"],
    &["td", "th", "tr", "table"],
    &["h1"],
    &["h2", "h3"],
    &["h4", "h5", "h6"],
    &["div"],
    &["span", "a", "em", "strong", "b", "i"],
    &["blockquote", "pre", "code"],
    &["figure", "figcaption"],
];

/// Ancestor tags whose presence is telling.
const ANCESTOR_TAGS: &[&str] = &[
    "article",
    "main",
    "aside",
    "nav",
    "footer",
    "header",
    "section",
    "form",
    "table",
    "ul",
    "ol",
    "li",
    "figure",
    "a",
    "blockquote",
];

/// What is known of the page as a whole, from outside the blocks.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageContext {
    /// The page's metadata declares an article (`og:type`, JSON-LD).
    pub declares_article: bool,
    /// The page is HTML (dumps have no DOM features).
    pub html: bool,
    /// The page type the page-type model gave (none without a model).
    pub page_type: Option<super::page_type::PageType>,
}

/// Names of the features, in vector order (for the training script and for reasons).
pub fn names() -> &'static [String] {
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(build_names);
    &NAMES
}

fn build_names() -> Vec<String> {
    let mut n: Vec<String> = [
        "log_words",
        "log_chars",
        "link_density",
        "links",
        "sentence_end",
        "starts_lower",
        "punct_per_word",
        "breadcrumb_parts",
        "copies",
        "short_run",
        "headline_run",
        "prose_score",
        "digit_share",
        "capital_share",
        "mean_word_len",
        "function_word_share",
        "cue_count",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    n.extend(CUE_CATEGORIES.iter().map(|c| format!("cue:{c}")));
    for kind in [
        "paragraph",
        "heading",
        "list_item",
        "image",
        "quote",
        "code",
        "table",
        "rule",
    ] {
        n.push(format!("kind:{kind}"));
    }
    n.push("heading_level".into());
    n.extend(
        [
            "rel_index",
            "words_before_share",
            "words_after_share",
            "in_region",
            "blocks_to_region",
            "region_words_share",
            "rule_keep",
            "rule_weak",
            "rule_absorbed",
            "relaxed",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    n.extend(RULES.iter().map(|r| format!("rule:{r}")));
    for d in NEIGHBOURS {
        for f in ["log_words", "link_density", "prose_score", "rule_keep", "in_region"] {
            n.push(format!("n{d:+}:{f}"));
        }
    }
    n.extend(
        [
            "window_prose",
            "window_keep",
            "depth",
            "in_content",
            "in_strong_content",
            "container_boilerplate",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    n.extend(CONTAINER_CATEGORIES.iter().map(|c| format!("container:{c}")));
    n.extend(
        OWN_TAGS
            .iter()
            .map(|t| format!("tag:{}", t.first().copied().unwrap_or("?"))),
    );
    n.extend(ANCESTOR_TAGS.iter().map(|t| format!("ancestor:{t}")));
    // In the order `block_features` writes them: the element's class/id tokens
    // (`dom_features`), then its containers' aggregates (`ContainerStats::features`).
    n.extend((0..NEAR_BUCKETS).map(|b| format!("near_token:{b}")));
    n.extend((0..FAR_BUCKETS).map(|b| format!("far_token:{b}")));
    for level in ["parent", "grandparent"] {
        for f in [
            "blocks",
            "words_share",
            "link_density",
            "prose_mean",
            "keep_share",
            "sentence_share",
        ] {
            n.push(format!("{level}:{f}"));
        }
    }
    n.extend(
        [
            "page:log_blocks",
            "page:log_words",
            "page:link_density",
            "page:declares_article",
            "page:kept_share",
            "page:region_share",
            "page:html",
            "page:sentence_share",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    n.extend(
        super::page_type::PageType::ALL
            .iter()
            .map(|t| format!("type:{}", t.id())),
    );
    n
}

/// What a block's DOM features depend on: its path and its container's hints.
type DomKey<'a> = (&'a str, bool, bool, Option<Rule>);

/// One feature vector per block, in block order.
pub fn block_features(blocks: &[Block], decision: &Decision, page: PageContext) -> Vec<Vec<f32>> {
    let signals = &decision.signals;
    let verdicts = &decision.verdicts;
    let n = blocks.len();
    let words: Vec<f32> = signals.iter().map(|s| s.words as f32).collect();
    let total_words: f32 = words.iter().sum::<f32>().max(1.0);
    // Each block's words on a log scale, once: its neighbours read it again.
    let log_words: Vec<f32> = words.iter().map(|w| w.ln_1p()).collect();
    let page_words = PageWords::read(blocks);
    let containers = ContainerStats::new(blocks, signals, verdicts);
    let region = &decision.region;
    let region_words: f32 = words.get(region.clone()).map_or(0.0, |w| w.iter().sum());
    let kept_words: f32 = words
        .iter()
        .zip(verdicts)
        .filter(|(_, v)| v.keep)
        .map(|(w, _)| *w)
        .sum();
    let links: f32 = blocks.iter().map(|b| b.link_chars as f32).sum();
    let chars: f32 = blocks
        .iter()
        .map(|b| b.text.chars().count() as f32)
        .sum::<f32>()
        .max(1.0);
    let sentences = signals.iter().filter(|s| s.is_sentence()).count() as f32;
    let page_values = [
        (n as f32).ln_1p(),
        total_words.ln_1p(),
        links / chars,
        flag(page.declares_article),
        kept_words / total_words,
        region_words / total_words,
        flag(page.html),
        sentences / (n.max(1) as f32),
    ];
    // The type the model gave, one-hot. Its seven probabilities instead (so the block model
    // reads how sure the type is) measured worse out of fold after retraining on them,
    // scrapinghub / WCXB all / articles 0.9784 / 0.8506 / 0.9491 → 0.9771 / 0.8490 / 0.9472.
    let types = super::page_type::PageType::ALL.map(|t| flag(page.page_type == Some(t)));
    let mut before = 0.0f32;
    let mut dom_cache: HashMap<DomKey, Vec<f32>> = HashMap::new();
    let mut out = Vec::with_capacity(n);
    for (i, (((block, s), v), block_words)) in blocks
        .iter()
        .zip(signals)
        .zip(verdicts)
        .zip(&page_words.blocks)
        .enumerate()
    {
        let mut f = Vec::with_capacity(names().len());
        text_features(&mut f, block, block_words, &page_words, s);
        kind_features(&mut f, block.kind);
        let w = words.get(i).copied().unwrap_or(0.0);
        let to_region = if region.contains(&i) {
            0.0
        } else if i < region.start {
            (region.start - i) as f32
        } else {
            (i + 1).saturating_sub(region.end) as f32
        };
        f.extend([
            i as f32 / n.max(1) as f32,
            before / total_words,
            (total_words - before - w).max(0.0) / total_words,
            flag(region.contains(&i)),
            to_region.ln_1p(),
            region_words / total_words,
            flag(v.keep),
            flag(v.weak),
            flag(v.absorbed),
            flag(decision.relaxed),
        ]);
        before += w;
        f.extend(RULES.iter().map(|r| flag(v.rule == *r)));
        for d in NEIGHBOURS {
            let j = i as isize + d;
            let at = usize::try_from(j).ok().filter(|j| *j < n);
            match at.and_then(|j| Some((signals.get(j)?, verdicts.get(j)?, log_words.get(j)?, j))) {
                Some((ns, nv, &log_words, j)) => f.extend([
                    log_words,
                    ns.link_density,
                    ns.prose_score.clamp(PROSE_SCORE_MIN, PROSE_SCORE_MAX),
                    flag(nv.keep),
                    flag(region.contains(&j)),
                ]),
                None => f.extend([0.0, 0.0, 0.0, -1.0, -1.0]),
            }
        }
        let lo = i.saturating_sub(WINDOW);
        let hi = (i + WINDOW + 1).min(n);
        let window = signals.get(lo..hi).unwrap_or(&[]);
        let window_keep = verdicts.get(lo..hi).unwrap_or(&[]);
        f.push(
            window
                .iter()
                .map(|s| s.prose_score.clamp(PROSE_SCORE_MIN, PROSE_SCORE_MAX))
                .sum::<f32>()
                / window.len().max(1) as f32,
        );
        f.push(window_keep.iter().filter(|v| v.keep).count() as f32 / window_keep.len().max(1) as f32);
        // Blocks of one container share their path: its features are measured once.
        // The key holds everything dom_features reads.
        let key = block.dom.as_ref().map(|d| {
            let category = d.boilerplate.as_ref().map(|(c, _)| *c);
            (d.path.as_str(), d.in_content, d.in_strong_content, category)
        });
        match key.and_then(|k| dom_cache.get(&k)) {
            Some(cached) => f.extend_from_slice(cached),
            None => {
                let at = f.len();
                dom_features(&mut f, block);
                if let (Some(k), Some(values)) = (key, f.get(at..)) {
                    dom_cache.insert(k, values.to_vec());
                }
            }
        }
        containers.features(&mut f, i);
        f.extend(page_values);
        f.extend(types);
        out.push(f);
    }
    out
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// A page's words as the text features read them, read once: what each block's words add up
/// to, and each word as the number of its lower-cased form in the page's vocabulary (four bytes
/// a word: a word kept whole, with its lower-cased copy, held the page's text several times
/// over, 168 MB for a 15 MB dump).
struct PageWords {
    /// Per block, in order.
    blocks: Vec<BlockWords>,
    /// Every block's words as vocabulary numbers, block after block (`BlockWords::ids`).
    ids: Vec<u32>,
    /// Per vocabulary number: whether the word is one of the page's [`FUNCTION_WORDS`] most
    /// frequent words.
    function: Vec<bool>,
}

/// What one block's words add up to.
struct BlockWords {
    /// Where its words are in [`PageWords::ids`].
    ids: std::ops::Range<usize>,
    /// Words that start with a capital.
    capitals: usize,
    /// Characters in its words.
    chars: usize,
}

impl PageWords {
    fn read(blocks: &[Block]) -> PageWords {
        let mut vocabulary: HashMap<std::borrow::Cow<'_, str>, u32> = HashMap::new();
        let mut counts: Vec<usize> = Vec::new();
        let mut ids: Vec<u32> = Vec::new();
        let mut per_block = Vec::with_capacity(blocks.len());
        for block in blocks {
            let start = ids.len();
            let (mut capitals, mut chars) = (0, 0);
            for word in crate::text::words(&block.text) {
                let next = counts.len() as u32;
                let id = *vocabulary.entry(lower(word)).or_insert(next);
                if id == next {
                    counts.push(0);
                }
                if let Some(count) = counts.get_mut(id as usize) {
                    *count += 1;
                }
                ids.push(id);
                capitals += usize::from(word.chars().next().is_some_and(char::is_uppercase));
                chars += word.chars().count();
            }
            per_block.push(BlockWords {
                ids: start..ids.len(),
                capitals,
                chars,
            });
        }
        let counted = vocabulary.iter().map(|(word, &id)| {
            (
                std::borrow::Cow::Borrowed(word.as_ref()),
                counts.get(id as usize).copied().unwrap_or(0),
            )
        });
        let function_words = most_frequent(counted, FUNCTION_WORDS);
        let mut function = vec![false; counts.len()];
        for (word, &id) in &vocabulary {
            if let Some(flag) = function.get_mut(id as usize) {
                *flag = function_words.contains(word.as_ref());
            }
        }
        PageWords {
            blocks: per_block,
            ids,
            function,
        }
    }
}

fn text_features(f: &mut Vec<f32>, block: &Block, words: &BlockWords, page: &PageWords, s: &Signals) {
    let text = block.text.trim();
    let chars = text.chars().count();
    let mut digits = 0usize;
    let ids = page.ids.get(words.ids.clone()).unwrap_or(&[]);
    let tokens = ids.len();
    let capitals = words.capitals;
    let token_chars = words.chars;
    let function = ids
        .iter()
        .filter(|&&id| page.function.get(id as usize).copied().unwrap_or(false))
        .count();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        }
    }
    let per_token = |x: usize| x as f32 / tokens.max(1) as f32;
    f.extend([
        (s.words as f32).ln_1p(),
        (chars as f32).ln_1p(),
        s.link_density,
        (block.links.min(LINKS_CAP)) as f32,
        flag(s.sentence_end),
        flag(s.starts_lower),
        per_token(s.punctuation),
        s.breadcrumb_parts as f32,
        s.copies.min(COPIES_CAP) as f32,
        s.short_run.min(RUN_CAP) as f32,
        s.headline_run.min(RUN_CAP) as f32,
        s.prose_score.clamp(PROSE_SCORE_MIN, PROSE_SCORE_MAX),
        digits as f32 / chars.max(1) as f32,
        per_token(capitals),
        per_token(token_chars),
        per_token(function),
        s.cues.len() as f32,
    ]);
    f.extend(
        CUE_CATEGORIES
            .iter()
            .map(|c| flag(s.cues.iter().any(|cue| cue.category == *c))),
    );
}

fn kind_features(f: &mut Vec<f32>, kind: BlockKind) {
    let index = match kind {
        BlockKind::Paragraph => 0,
        BlockKind::Heading(_) => 1,
        BlockKind::ListItem => 2,
        BlockKind::Image => 3,
        BlockKind::Quote => 4,
        BlockKind::Code => 5,
        BlockKind::Table => 6,
        BlockKind::Rule => 7,
    };
    f.extend((0..8).map(|k| flag(k == index)));
    f.push(match kind {
        BlockKind::Heading(level) => f32::from(level),
        _ => 0.0,
    });
}

/// One step of a block's path: `div#main.story-body` → tag, id, classes.
pub(super) fn steps(path: &str) -> impl Iterator<Item = &str> {
    path.split(" > ")
}

pub(super) fn step_tag(step: &str) -> &str {
    step.split(['#', '.']).next().unwrap_or(step)
}

/// Class and id tokens of one step, whole (never matched as parts of other words).
fn step_tokens(step: &str) -> impl Iterator<Item = &str> {
    let tag_len = step_tag(step).len();
    step.get(tag_len..)
        .unwrap_or("")
        .split(['#', '.'])
        .filter(|t| !t.is_empty())
}

fn bucket(token: &str, buckets: usize) -> usize {
    // Lower-cased on the stack: class tokens are short, and this runs for every ancestor of
    // every block.
    let mut buffer = [0u8; 64];
    let hash = match buffer.get_mut(..token.len()) {
        Some(slot) => {
            slot.copy_from_slice(token.as_bytes());
            slot.make_ascii_lowercase();
            xxhash_rust::xxh3::xxh3_64(slot)
        }
        None => xxhash_rust::xxh3::xxh3_64(token.to_ascii_lowercase().as_bytes()),
    };
    (hash % buckets as u64) as usize
}

fn dom_features(f: &mut Vec<f32>, block: &Block) {
    let Some(dom) = &block.dom else {
        // Dumps: no structure. Depth −1 marks "unknown" apart from a shallow element.
        f.extend([-1.0, 0.0, 0.0, 0.0]);
        f.extend(CONTAINER_CATEGORIES.iter().map(|_| 0.0));
        f.extend(OWN_TAGS.iter().map(|_| 0.0));
        f.extend(ANCESTOR_TAGS.iter().map(|_| 0.0));
        f.extend((0..NEAR_BUCKETS + FAR_BUCKETS).map(|_| 0.0));
        return;
    };
    let all: Vec<&str> = steps(&dom.path).collect();
    f.extend([
        all.len() as f32,
        flag(dom.in_content),
        flag(dom.in_strong_content),
        flag(dom.boilerplate.is_some()),
    ]);
    let category = dom.boilerplate.as_ref().map(|(c, _)| *c);
    f.extend(CONTAINER_CATEGORIES.iter().map(|c| flag(category == Some(*c))));
    let own = all.last().map(|s| step_tag(s)).unwrap_or("");
    f.extend(OWN_TAGS.iter().map(|tags| flag(tags.contains(&own))));
    let ancestors = all.get(..all.len().saturating_sub(1)).unwrap_or(&[]);
    f.extend(
        ANCESTOR_TAGS
            .iter()
            .map(|t| flag(ancestors.iter().any(|s| step_tag(s) == *t))),
    );
    let mut near = [0.0f32; NEAR_BUCKETS];
    let mut far = [0.0f32; FAR_BUCKETS];
    let split = all.len().saturating_sub(NEAR_STEPS);
    for (depth, step) in all.iter().enumerate() {
        for token in step_tokens(step) {
            if depth >= split {
                if let Some(slot) = near.get_mut(bucket(token, NEAR_BUCKETS)) {
                    *slot += 1.0;
                }
            } else if let Some(slot) = far.get_mut(bucket(token, FAR_BUCKETS)) {
                *slot += 1.0;
            }
        }
    }
    f.extend(near);
    f.extend(far);
}

/// Aggregates over the blocks that share a block's parent (and grandparent) element: a
/// container of prose reads differently from a container of links.
struct ContainerStats {
    /// Per block: index into `groups` for parent and grandparent.
    membership: Vec<[Option<usize>; 2]>,
    groups: Vec<[f32; 6]>,
}

impl ContainerStats {
    fn new(blocks: &[Block], signals: &[Signals], verdicts: &[Verdict]) -> Self {
        let total_words: f32 = signals.iter().map(|s| s.words as f32).sum::<f32>().max(1.0);
        let mut index: HashMap<(usize, &str), usize> = HashMap::new();
        // blocks, words, link chars, chars, prose sum, kept, sentences
        let mut sums: Vec<[f32; 7]> = Vec::new();
        let mut membership = Vec::with_capacity(blocks.len());
        for ((block, s), v) in blocks.iter().zip(signals).zip(verdicts) {
            let mut slots = [None, None];
            if let Some(dom) = &block.dom {
                for (level, slot) in slots.iter_mut().enumerate() {
                    let mut key = dom.path.as_str();
                    for _ in 0..=level {
                        key = key.rsplit_once(" > ").map_or("", |(head, _)| head);
                    }
                    if key.is_empty() {
                        continue;
                    }
                    let next = sums.len();
                    let g = *index.entry((level, key)).or_insert(next);
                    if g == next {
                        sums.push([0.0; 7]);
                    }
                    if let Some(acc) = sums.get_mut(g) {
                        acc[0] += 1.0;
                        acc[1] += s.words as f32;
                        acc[2] += block.link_chars as f32;
                        acc[3] += block.text.chars().count() as f32;
                        acc[4] += s.prose_score.clamp(PROSE_SCORE_MIN, PROSE_SCORE_MAX);
                        acc[5] += flag(v.keep);
                        acc[6] += flag(s.is_sentence());
                    }
                    *slot = Some(g);
                }
            }
            membership.push(slots);
        }
        let groups = sums
            .iter()
            .map(|a| {
                let count = a[0].max(1.0);
                [
                    a[0].ln_1p(),
                    a[1] / total_words,
                    a[2] / a[3].max(1.0),
                    a[4] / count,
                    a[5] / count,
                    a[6] / count,
                ]
            })
            .collect();
        ContainerStats { membership, groups }
    }

    fn features(&self, f: &mut Vec<f32>, i: usize) {
        for level in 0..2 {
            let g = self
                .membership
                .get(i)
                .and_then(|m| m.get(level).copied().flatten())
                .and_then(|g| self.groups.get(g));
            match g {
                Some(values) => f.extend(values),
                None => f.extend([-1.0; 6]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::input::Format;

    /// A page's words read once: each block's words, capitals and characters, and its function
    /// words (the page's most frequent, whatever their case) as a token-by-token count gives them.
    #[test]
    fn page_words_count_each_block_and_the_page_s_function_words() {
        let block = |text: &str| crate::segment::Block {
            start: 0,
            end: text.len(),
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            link_chars: 0,
            links: 0,
            urls: Vec::new(),
            blank_before: true,
            dom: None,
            markdown: None,
        };
        let mut texts = vec![
            "The cat and THE dog".to_string(),
            "".to_string(),
            "Ünïcode the Éclair".to_string(),
        ];
        // Past FUNCTION_WORDS distinct words, so that the rarest are no function words.
        texts.push(
            (0..FUNCTION_WORDS + 5)
                .map(|i| format!("w{i}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
        let blocks: Vec<_> = texts.iter().map(|t| block(t)).collect();
        let page = PageWords::read(&blocks);
        let tokens: Vec<Vec<&str>> = texts.iter().map(|t| crate::text::words(t).collect()).collect();
        let mut counts: HashMap<std::borrow::Cow<'_, str>, usize> = HashMap::new();
        for word in tokens.iter().flatten() {
            *counts.entry(lower(word)).or_insert(0) += 1;
        }
        let function_words = most_frequent(counts, FUNCTION_WORDS);
        assert!(function_words.contains("the"));
        for (words, tokens) in page.blocks.iter().zip(&tokens) {
            let read = page.ids.get(words.ids.clone()).unwrap();
            assert_eq!(read.len(), tokens.len());
            assert_eq!(
                words.capitals,
                tokens
                    .iter()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .count()
            );
            assert_eq!(words.chars, tokens.iter().map(|w| w.chars().count()).sum::<usize>());
            let function = read.iter().filter(|&&id| page.function[id as usize]).count();
            assert_eq!(
                function,
                tokens
                    .iter()
                    .filter(|w| function_words.contains(lower(w).as_ref()))
                    .count()
            );
        }
        // "The" and "THE" are one word of the vocabulary.
        assert_eq!(page.ids[0], page.ids[3]);
    }

    #[test]
    fn every_block_gets_one_value_per_name() {
        let text = "Menu\nHome\n\nThe first sentence of the article is long enough to count as prose here.\n\nShare\n";
        let source = crate::input::decode("t.txt", text.as_bytes().to_vec(), &Default::default()).unwrap();
        let blocks = crate::segment::segment(&source, None);
        let decision = super::super::classify(&blocks, Format::Text, super::super::PageKind::Unknown);
        let features = block_features(&blocks, &decision, PageContext::default());
        assert_eq!(features.len(), blocks.len());
        for row in &features {
            assert_eq!(row.len(), names().len());
            assert!(row.iter().all(|x| x.is_finite()));
        }
    }

    #[test]
    fn class_tokens_are_whole_words() {
        assert_eq!(
            step_tokens("div#main.story-body.x").collect::<Vec<_>>(),
            ["main", "story-body", "x"]
        );
        assert_eq!(step_tag("div#main.story-body"), "div");
    }
}
