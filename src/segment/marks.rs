//! Links and images over a block's plain text, for the shapes that mark them up (`--xml`,
//! `--html` with `--links`, `--images`): events at byte offsets of the text, in document order,
//! so that the text stays the record's text and the markup is laid over it.

/// URL schemes whose target runs code or carries a document of its own rather than leading
/// somewhere: a link or image with one is not written (in an HTML output it would run).
const LEADS_NOWHERE: &[&str] = &["javascript", "vbscript", "data"];

/// Whether a link's target or an image's source leads nowhere a reader can go: empty, or of a
/// scheme in [`LEADS_NOWHERE`] as a browser reads it (the URL standard drops tabs, line breaks
/// and leading control characters, so `java&#x09;script:` is `javascript:`).
pub(crate) fn leads_nowhere(target: &str) -> bool {
    target.trim().is_empty() || url::Url::parse(target).is_ok_and(|url| runs_code(&url))
}

/// Whether a parsed address is of a scheme in [`LEADS_NOWHERE`].
pub(crate) fn runs_code(url: &url::Url) -> bool {
    LEADS_NOWHERE.contains(&url.scheme())
}

/// One event in a block's text. Offsets never decrease along a block's marks; a link's start
/// and end come in pairs, and links do not nest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// A link's text starts here; its target, resolved against the page's address.
    LinkStart { at: usize, target: String },
    /// The link's text ends here.
    LinkEnd { at: usize },
    /// An image stands here.
    Image { at: usize, image: Image },
}

impl Mark {
    /// The byte offset in the text where the event stands.
    pub fn at(&self) -> usize {
        match self {
            Mark::LinkStart { at, .. } | Mark::LinkEnd { at } | Mark::Image { at, .. } => *at,
        }
    }

    fn at_mut(&mut self) -> &mut usize {
        match self {
            Mark::LinkStart { at, .. } | Mark::LinkEnd { at } | Mark::Image { at, .. } => at,
        }
    }

    /// The same event `by` bytes further on (a paragraph that joins two blocks).
    pub(crate) fn shifted(mut self, by: usize) -> Mark {
        *self.at_mut() += by;
        self
    }
}

/// Images that stand alone after a block of text (a `<figure>`), with a link around them when
/// they have one: marks over no text, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub marks: Vec<Mark>,
}

/// An image: its source, resolved against the page's address, and its alt text (on one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

/// Moves the marks from offsets of `from` to offsets of `to`, a copy of `from` that differs
/// only in whitespace and soft hyphens (trimmed, runs of spaces collapsed, a drop cap joined to
/// its word, soft hyphens left out): each mark lands between the same two visible characters.
/// Returns false, leaving the marks as they were, when `to` holds other changes: then nothing
/// should be laid over it.
pub(crate) fn move_marks(marks: &mut [Mark], from: &str, to: &str) -> bool {
    let skippable = |c: char| c.is_whitespace() || c == '\u{ad}';
    let mut moved = Vec::with_capacity(marks.len());
    let mut pending = marks.iter().map(Mark::at).peekable();
    let mut to_chars = to.char_indices().peekable();
    let mut to_at = 0;
    for (from_at, c) in from.char_indices() {
        while let Some(at) = pending.next_if(|at| *at <= from_at) {
            moved.push((at, to_at));
        }
        if skippable(c) {
            // Whitespace of `to` here stands for this whitespace.
            if to_chars
                .next_if(|(_, t)| t.is_whitespace() && c.is_whitespace())
                .is_some()
            {
                to_at = to_chars.peek().map_or(to.len(), |(i, _)| *i);
            }
            continue;
        }
        // Whitespace `to` has and `from` has not (none is expected) is passed over.
        while to_chars.next_if(|(_, t)| skippable(*t)).is_some() {}
        match to_chars.next() {
            Some((_, t)) if t == c => to_at = to_chars.peek().map_or(to.len(), |(i, _)| *i),
            _ => return false,
        }
    }
    if to_chars.any(|(_, t)| !skippable(t)) {
        return false;
    }
    moved.extend(pending.map(|at| (at, to_at)));
    for (mark, (_, at)) in marks.iter_mut().zip(moved) {
        *mark.at_mut() = at;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(start: usize, end: usize) -> Vec<Mark> {
        vec![
            Mark::LinkStart {
                at: start,
                target: "t".into(),
            },
            Mark::LinkEnd { at: end },
        ]
    }

    fn ats(marks: &[Mark]) -> Vec<usize> {
        marks.iter().map(Mark::at).collect()
    }

    #[test]
    fn marks_keep_their_place_between_visible_characters() {
        // "  The  Old Town\n" tidied to "The Old Town": the link over "Old Town".
        let mut marks = link(7, 15);
        assert!(move_marks(&mut marks, "  The  Old Town\n", "The Old Town"));
        assert_eq!(ats(&marks), [4, 12]);
        // A drop cap joined ("H ong Kong" → "Hong Kong") and a soft hyphen left out.
        let mut marks = link(6, 12);
        assert!(move_marks(&mut marks, "H ong Ko\u{ad}ng", "Hong Kong"));
        assert_eq!(&"Hong Kong"[5..9], "Kong");
        assert_eq!(ats(&marks), [5, 9]);
    }

    #[test]
    fn marks_at_the_end_stay_at_the_end() {
        let mut marks = link(0, 5);
        assert!(move_marks(&mut marks, "word \n", "word"));
        assert_eq!(ats(&marks), [0, 4]);
    }

    #[test]
    fn a_copy_with_other_changes_takes_no_marks() {
        let mut marks = link(0, 3);
        assert!(!move_marks(&mut marks, "abc", "abd"));
        assert!(!move_marks(&mut marks, "abc", "abcd"));
        assert_eq!(ats(&marks), [0, 3]);
    }
}
