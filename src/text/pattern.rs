//! Patterns pith runs on short texts: datelines, bylines, labels, captions, URLs, the lines an
//! outlet names itself in.
//!
//! These patterns are long (the word lists of every language, case-insensitive) and the texts
//! they search are short, so what they cost is compiling them, once a process, not searching.
//! The `regex` crate's defaults spend most of a compile extracting literals for prefilters,
//! which pay off only on long texts: the five text date formats took about 98 M instructions
//! to compile that way, 54 M without (a one-page run of `pith clean` spent 30% of its
//! instructions there). So a [`Pattern`] is regex-automata's meta regex — the engine under
//! `regex`: the same syntax, the same leftmost-first matches — with its prefilters off. The lazy
//! DFA stays: it keeps a search linear in the text however long a hostile one is.

use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::{Input, Span};

/// A compiled pattern (see the module's documentation).
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: meta::Regex,
}

impl Pattern {
    /// Compiles `pattern` (the `regex` crate's syntax); None when it does not compile. pith's
    /// patterns are built from constants and word lists, so a failure is a bug the tests catch;
    /// at run time the caller goes on without the pattern rather than panicking.
    pub fn new(pattern: &str) -> Option<Pattern> {
        let regex = meta::Regex::builder()
            .configure(meta::Config::new().auto_prefilter(false))
            .build(pattern)
            .ok()?;
        Some(Pattern { regex })
    }

    /// Whether the pattern matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.regex.is_match(haystack)
    }

    /// The leftmost-first match in `haystack`.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Group<'h>> {
        let span = self.regex.find(haystack)?.span();
        Group::of(haystack, span)
    }

    /// The leftmost-first match in `haystack`, with its groups.
    pub fn groups<'h>(&self, haystack: &'h str) -> Option<Groups<'h>> {
        self.groups_at(haystack, 0)
    }

    /// The leftmost-first match in `haystack[from..]`, with its groups; what comes before `from`
    /// still counts for `\b` and `^` (as `regex::Regex::captures_at`).
    pub fn groups_at<'h>(&self, haystack: &'h str, from: usize) -> Option<Groups<'h>> {
        let mut caps = self.regex.create_captures();
        self.regex
            .search_captures(&Input::new(haystack).range(from..), &mut caps);
        caps.is_match().then_some(Groups { caps, haystack })
    }
}

/// The groups of one match of a [`Pattern`].
#[derive(Debug)]
pub struct Groups<'h> {
    caps: Captures,
    haystack: &'h str,
}

impl<'h> Groups<'h> {
    /// The whole match.
    pub fn whole(&self) -> Option<Group<'h>> {
        Group::of(self.haystack, self.caps.get_match()?.span())
    }

    /// Group `index` (0 is the whole match); None when it took no part in the match.
    pub fn get(&self, index: usize) -> Option<Group<'h>> {
        Group::of(self.haystack, self.caps.get_group(index)?)
    }

    /// The group called `name`; None when it took no part in the match.
    pub fn name(&self, name: &str) -> Option<Group<'h>> {
        Group::of(self.haystack, self.caps.get_group_by_name(name)?)
    }
}

/// A match, or one group of it: where it is in the searched text, and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'h> {
    start: usize,
    end: usize,
    text: &'h str,
}

impl<'h> Group<'h> {
    fn of(haystack: &'h str, span: Span) -> Option<Group<'h>> {
        Some(Group {
            start: span.start,
            end: span.end,
            text: haystack.get(span.range())?,
        })
    }

    /// Where it starts in the searched text (a byte offset).
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where it ends in the searched text (a byte offset, exclusive).
    pub fn end(&self) -> usize {
        self.end
    }

    /// Its text.
    pub fn as_str(&self) -> &'h str {
        self.text
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::Pattern;

    #[test]
    fn a_pattern_finds_what_the_regex_crate_finds() {
        let cases: &[(&str, &str)] = &[
            (r"(?i)\b(?:by|von)\s+(\p{Lu}\w+)", "Story von Anna and by Bob"),
            (
                r"(?i)(?:updated|aktualisiert)\s*(?:on|am)?[^\p{L}]*$",
                "Zuletzt Aktualisiert am: ",
            ),
            (r"(?-u:\b)(?P<y>[0-9]{4})-(?P<m>[0-9]{2})", "x 2025-02 and 2026-03"),
            (r"a|ab", "xab"),
        ];
        for (pattern, text) in cases {
            let ours = Pattern::new(pattern).expect("compiles");
            let theirs = regex::Regex::new(pattern).expect("compiles");
            assert_eq!(ours.is_match(text), theirs.is_match(text), "{pattern}");
            let found = ours.find(text).map(|m| (m.start(), m.end(), m.as_str()));
            let expected = theirs.find(text).map(|m| (m.start(), m.end(), m.as_str()));
            assert_eq!(found, expected, "{pattern}");
            let groups = theirs.captures_len();
            for from in (0..=text.len()).filter(|&from| text.is_char_boundary(from)) {
                let ours = ours.groups_at(text, from);
                let theirs = theirs.captures_at(text, from);
                let found: Vec<_> = (0..groups)
                    .map(|i| ours.as_ref().and_then(|g| g.get(i)).map(|m| (m.start(), m.end())))
                    .collect();
                let expected: Vec<_> = (0..groups)
                    .map(|i| theirs.as_ref().and_then(|c| c.get(i)).map(|m| (m.start(), m.end())))
                    .collect();
                assert_eq!(found, expected, "{pattern} from {from}");
            }
        }
    }

    #[test]
    fn a_named_group_reads_by_its_name_and_a_broken_pattern_is_none() {
        let pattern = Pattern::new(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})(?P<d>-[0-9]{2})?").expect("compiles");
        let groups = pattern.groups("on 2025-02").expect("a match");
        assert_eq!(groups.name("y").map(|g| g.as_str()), Some("2025"));
        assert_eq!(groups.name("m").map(|g| (g.start(), g.end())), Some((8, 10)));
        assert!(groups.name("d").is_none(), "a group that took no part");
        assert!(groups.name("nope").is_none());
        assert!(Pattern::new(r"(unclosed").is_none());
    }
}
