//! Blocks out of the walk: the text gathered under the open elements becomes a block with its
//! kind, its start tag's offset, its path and what its containers' hints say.

use super::links::Inline;
use super::stack::{Context, Stack};
use super::whitespace::tidy;
use crate::segment::marks::{move_marks, Figure};
use crate::segment::{Block, BlockMarkdown, Dom};
use crate::text::shown_name;

pub(super) struct Builder {
    pub(super) blocks: Vec<Block>,
    pub(super) buffer: String,
    pub(super) link_chars: usize,
    pub(super) links: usize,
    pub(super) urls: Vec<crate::segment::Url>,
    /// The block's markdown, gathered beside its text when links or images are asked for.
    pub(super) inline: Option<Inline>,
    /// Where the paragraph after a double line break starts in the source (its `<br>`): the
    /// next block starts there rather than at its element's start tag.
    pub(super) break_start: Option<usize>,
    /// What the blocks' paths may still hold.
    pub(super) paths: PathBudget,
}

impl Builder {
    /// A line break (`<br>`) or a cell boundary (`<td>`) in the text gathered so far; a cell
    /// boundary only between cells.
    pub(super) fn push_break(&mut self, c: char) {
        if c == '\n' || !self.buffer.is_empty() {
            self.buffer.push(c);
        }
        if let Some(inline) = &mut self.inline {
            if c == '\n' || !inline.buffer.is_empty() {
                inline.buffer.push(c);
            }
        }
    }

    /// Turns the text gathered so far into a block owned by the innermost open block element.
    pub(super) fn flush(&mut self, stack: &Stack, in_pre: bool) {
        let text = if in_pre {
            self.buffer.trim_matches('\n').to_string()
        } else {
            tidy(&self.buffer)
        };
        let (link_chars, links, urls) = (self.link_chars, self.links, std::mem::take(&mut self.urls));
        // The links and images, laid over the text as it is tidied (none when it cannot be).
        let markdown = self.inline.as_mut().map(|inline| {
            let (markdown, mut marks) = inline.take(in_pre, &self.buffer);
            if !move_marks(&mut marks, &self.buffer, &text) {
                marks.clear();
            }
            (markdown, marks)
        });
        self.buffer.clear();
        self.link_chars = 0;
        self.links = 0;
        if text.trim().is_empty() {
            // Images standing alone (a `<figure>`) go with the block of text before them, when
            // they stand in the same part of the page.
            let figure = markdown.filter(|(m, _)| !m.is_empty());
            if let (Some((figure, marks)), Some(last)) = (figure, self.blocks.last_mut()) {
                let here = stack.context();
                let same_part = last.dom.as_ref().is_some_and(|d| d.in_content == here.in_content);
                // With images asked for, every block has its markdown.
                match &mut last.markdown {
                    Some(markdown) if here.boilerplate.is_none() && same_part => {
                        markdown.figures.push(figure);
                        if !marks.is_empty() {
                            markdown.figure_marks.push(Figure { marks });
                        }
                    }
                    _ => {}
                }
            }
            return;
        }
        let kind = stack.block_kind(in_pre);
        let start = stack.start();
        let start = self.break_start.take().map_or(start, |at| at.max(start));
        self.blocks.push(Block {
            start,
            end: start,
            kind,
            link_chars: link_chars.min(text.chars().count()),
            links,
            urls,
            blank_before: true,
            dom: Some(Box::new(dom_context(stack, &mut self.paths))),
            text,
            markdown: markdown.map(|(text, marks)| {
                Box::new(BlockMarkdown {
                    text,
                    figures: Vec::new(),
                    marks,
                    figure_marks: Vec::new(),
                })
            }),
        });
    }
}

/// A block's path names at most this many of its innermost elements, after `… > ` when there
/// are more: deeper than any bench page's blocks (49 steps), so the block model reads the same
/// paths, while a page nested thousands deep no longer writes thousands of steps per block.
const MAX_PATH_STEPS: usize = 64;

/// A block's path holds at most this many bytes: its innermost steps that fit, after `… > `.
/// Above every bench page's paths (the longest, 1,823 bytes), so the block model reads the same
/// paths; with [`MAX_PATH_STEPS`] and the names cut short ([`shown_name`]) it bounds what every
/// block copies, whatever the page (a page whose element carried a 100 KB id copied it into each
/// of the 20,000 blocks beneath it: 2.1 GB for a 180 KB page).
const MAX_PATH_BYTES: usize = 4096;

/// The paths of a page's blocks together hold at most this many bytes per byte of the page
/// ([`PATH_BUDGET_FLOOR`] for a small page); past it, each further block's path is cut to
/// [`SHORT_PATH_BYTES`]. Twice the most any bench page's blocks hold (2.2 bytes a byte; 0.28
/// over all pages), so the block model reads the same paths; without it, tiny blocks deep
/// under long names each held a path of [`MAX_PATH_BYTES`]: 1.3 MB of markup made 656 MB of
/// paths in memory and in the ledger.
const PATH_BUDGET_PER_BYTE: usize = 4;

/// The least path budget, whatever the page's size: a small page is never cut short.
const PATH_BUDGET_FLOOR: usize = 1 << 20;

/// A path past the budget keeps its innermost steps within this many bytes: the step and its
/// container, which say the most, at about the cost of the ledger entry's rule and reason.
const SHORT_PATH_BYTES: usize = 256;

/// Between two steps of a path.
const STEP_SEPARATOR: &str = " > ";

/// In place of the outer steps a path leaves out.
const ELLIPSIS: &str = "…";

/// How many bytes of path a page's blocks may still hold, and how many paths were cut short
/// because none were left.
pub(super) struct PathBudget {
    left: usize,
    cut: usize,
}

impl PathBudget {
    /// The budget of a page of `len` bytes.
    pub(super) fn for_page(len: usize) -> Self {
        PathBudget {
            left: len.saturating_mul(PATH_BUDGET_PER_BYTE).max(PATH_BUDGET_FLOOR),
            cut: 0,
        }
    }

    /// The warning a page whose paths were cut short carries.
    pub(super) fn warning(&self) -> Option<String> {
        (self.cut > 0).then(|| {
            format!(
                "the blocks' paths outgrew {PATH_BUDGET_PER_BYTE} bytes per byte of the page; {} paths were cut to their innermost {SHORT_PATH_BYTES} bytes",
                self.cut
            )
        })
    }

    /// The path of a block under `stack`, within what is left of the budget.
    fn path(&mut self, stack: &Stack) -> String {
        let max_bytes = if self.left > 0 {
            MAX_PATH_BYTES
        } else {
            SHORT_PATH_BYTES
        };
        let (path, shortened) = path(stack, max_bytes);
        if self.left == 0 && shortened {
            self.cut += 1;
        }
        self.left = self.left.saturating_sub(path.len());
        path
    }
}

/// The path of a block under `stack`: its innermost steps within [`MAX_PATH_STEPS`] and
/// `max_bytes`, after `… > ` when some are left out (the second value says so). Only the steps
/// shown are read, however deep the stack.
pub(super) fn path(stack: &Stack, max_bytes: usize) -> (String, bool) {
    // The innermost steps that fit both caps, innermost first.
    let mut shown = [""; MAX_PATH_STEPS];
    let (mut taken, mut bytes, mut shortened) = (0, 0, false);
    for step in stack.steps_inward() {
        let more = bytes + step.len() + STEP_SEPARATOR.len();
        if taken >= MAX_PATH_STEPS || more > max_bytes {
            shortened = true;
            break;
        }
        if let Some(slot) = shown.get_mut(taken) {
            *slot = step;
        }
        bytes = more;
        taken += 1;
    }
    let shown = shown.get(..taken).unwrap_or_default();
    // Its exact length: blocks keep their paths, and a byte more can take a larger allocation.
    let len = bytes.saturating_sub(STEP_SEPARATOR.len())
        + if shortened {
            ELLIPSIS.len() + STEP_SEPARATOR.len()
        } else {
            0
        };
    let mut path = String::with_capacity(len);
    if shortened {
        path.push_str(ELLIPSIS);
        path.push_str(STEP_SEPARATOR);
    }
    for (i, step) in shown.iter().rev().enumerate() {
        if i > 0 {
            path.push_str(STEP_SEPARATOR);
        }
        path.push_str(step);
    }
    (path, shortened)
}

/// The path and hints of the innermost open elements.
fn dom_context(stack: &Stack, budget: &mut PathBudget) -> Dom {
    let Context {
        in_content,
        in_strong_content,
        boilerplate,
    } = stack.context();
    Dom {
        path: budget.path(stack),
        in_content,
        in_strong_content,
        boilerplate,
    }
}

/// `div#main.story-body` style label of one element, each part a [`shown_name`].
pub(super) fn label(tag: &str, words: &super::hints::Words) -> String {
    let mut label = shown_name(tag).into_owned();
    if let Some(id) = words.id {
        label.push('#');
        label.push_str(&shown_name(id));
    }
    for class in words.classes.iter().take(2) {
        label.push('.');
        label.push_str(&shown_name(class));
    }
    label
}

/// Byte offsets must rise through the document for the ledger; a block whose start tag was not
/// found (or was found too early) starts where the block before it starts.
pub(super) fn make_monotonic(blocks: &mut [Block], len: usize) {
    let mut floor = 0;
    for block in blocks.iter_mut() {
        block.start = block.start.clamp(floor, len);
        floor = block.start;
    }
    let starts: Vec<usize> = blocks.iter().map(|b| b.start).collect();
    for (i, block) in blocks.iter_mut().enumerate() {
        block.end = starts.get(i + 1).copied().unwrap_or(len).max(block.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::html::stack::tests::{replay, walks};
    use crate::segment::html::stack::Open;

    /// The path as it was built before the stack kept its steps: every step's label collected,
    /// then the innermost that fit kept. The reference [`path`] must equal.
    fn scanned_reference(stack: &[Open], max_bytes: usize) -> (String, bool) {
        let steps: Vec<&str> = stack
            .iter()
            .filter(|o| o.tag != "html")
            .map(|o| o.label.as_str())
            .collect();
        let mut first = steps.len();
        let mut bytes = 0;
        while let Some(step) = first.checked_sub(1).and_then(|i| steps.get(i)) {
            bytes += step.len() + STEP_SEPARATOR.len();
            if steps.len() - first >= MAX_PATH_STEPS || bytes > max_bytes {
                break;
            }
            first -= 1;
        }
        let shown = steps.get(first..).unwrap_or(&[]);
        let shortened = shown.len() < steps.len();
        let mut path = if shortened {
            format!("…{STEP_SEPARATOR}")
        } else {
            String::new()
        };
        path.push_str(&shown.join(STEP_SEPARATOR));
        (path, shortened)
    }

    proptest::proptest! {
        #[test]
        fn a_path_is_what_the_whole_stack_s_steps_gave(walk in walks()) {
            replay(walk, |stack| {
                for max_bytes in [0, 3, 40, SHORT_PATH_BYTES, 1000, MAX_PATH_BYTES] {
                    proptest::prop_assert_eq!(
                        path(stack, max_bytes),
                        scanned_reference(stack.elements(), max_bytes)
                    );
                }
                Ok(())
            })?;
        }
    }
}
