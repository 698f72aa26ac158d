//! Evidence: where a value was read from, as a byte range of the page's text.

use crate::provenance::Evidence;
use crate::text::{floor_boundary, prefix_within};

/// How many JSON-LD scripts get byte ranges; values from later ones are `computed`.
const MAX_LOCATED_SCRIPTS: usize = 32;

/// Finds where a value was read from in the page's text.
pub(super) struct Locator<'s> {
    pub(super) source: &'s str,
    /// Where `<body` starts (0 when there is none): DOM values are searched from here.
    pub(super) body: usize,
    /// The byte range of each JSON-LD script's text, in document order.
    pub(super) scripts: Vec<Option<(usize, usize)>>,
}

impl<'s> Locator<'s> {
    pub(super) fn new(source: &'s str, json_ld: &[String]) -> Self {
        let body = find_ascii_ci(source, "<body", 0).unwrap_or(0);
        let mut scripts = Vec::with_capacity(json_ld.len());
        let mut cursor = 0;
        // Each search may scan the rest of the page: only the first scripts are located.
        for (index, text) in json_ld.iter().enumerate() {
            if index >= MAX_LOCATED_SCRIPTS {
                scripts.push(None);
                continue;
            }
            let trimmed = text.trim_start();
            // The first line of the script, which the parser leaves alone (it folds CRLF).
            let head = trimmed.lines().next().unwrap_or("");
            let head = prefix_within(head, 64);
            let range = if head.is_empty() {
                None
            } else {
                source.get(cursor..).and_then(|rest| find(rest, head)).map(|at| {
                    let start = cursor + at;
                    let end = find_ascii_ci(source, "</script", start).unwrap_or(source.len());
                    (start, end)
                })
            };
            if let Some((_, end)) = range {
                cursor = end;
            }
            scripts.push(range);
        }
        Locator { source, body, scripts }
    }

    /// The `<tag …>` carrying `key` and `value`; else where `value` occurs; else computed.
    pub(super) fn tag(&self, tag: &str, key: &str, value: &str, rule: String) -> Evidence {
        let probe = prefix_within(value, 32);
        let mut from = 0;
        // The first such tag, should none show the value as written (entities, case).
        let mut first_tag = None;
        for _ in 0..64 {
            let Some(at) = find_ascii_ci(self.source, key, from) else {
                break;
            };
            from = at + key.len().max(1);
            let Some((start, end)) = self.enclosing_tag(at) else {
                continue;
            };
            let Some(text) = self.source.get(start..end) else {
                continue;
            };
            let opens = text
                .get(1..=tag.len())
                .is_some_and(|name| name.eq_ignore_ascii_case(tag));
            if !opens {
                continue;
            }
            if probe.is_empty() || text.contains(probe) {
                return Evidence::at(rule, start, end);
            }
            first_tag = first_tag.or(Some((start, end)));
        }
        match first_tag {
            Some((start, end)) => Evidence::at(rule, start, end),
            None => self.text(value, 0, rule),
        }
    }

    /// Where `value` occurs after the first `marker` (`<title`), else anywhere, else computed.
    pub(super) fn after(&self, marker: &str, value: &str, rule: String) -> Evidence {
        let from = find_ascii_ci(self.source, marker, 0).unwrap_or(0);
        let found = self.text(value, from, rule.clone());
        if found.start.is_some() {
            found
        } else {
            self.text(value, 0, rule)
        }
    }

    /// The `<…>` around byte `at`, if `at` is inside a tag of reasonable size.
    fn enclosing_tag(&self, at: usize) -> Option<(usize, usize)> {
        let window = floor_boundary(self.source, at.saturating_sub(4096));
        let before = self.source.get(window..at)?;
        let open = window + before.rfind('<')?;
        if before.get(open - window..)?.contains('>') {
            return None;
        }
        let close = at + self.source.get(at..)?.find('>')? + 1;
        (close - open <= 8192).then_some((open, close))
    }

    /// Where `value` first occurs at or after `from`, else computed.
    fn text(&self, value: &str, from: usize, rule: String) -> Evidence {
        let from = floor_boundary(self.source, from);
        match (!value.is_empty())
            .then(|| find(self.source.get(from..)?, value))
            .flatten()
        {
            Some(at) => Evidence::at(rule, from + at, from + at + value.len()),
            None => Evidence::computed(rule),
        }
    }

    /// A value in the page's body.
    pub(super) fn in_body(&self, value: &str, rule: String) -> Evidence {
        let found = self.text(value, self.body, rule.clone());
        if found.start.is_some() {
            found
        } else {
            self.text(value, 0, rule)
        }
    }

    /// A string value of JSON-LD script `script`, or its `"key"` when the value is escaped.
    pub(super) fn json(&self, script: usize, key: &str, value: &str, rule: String) -> Evidence {
        let Some(&Some((start, end))) = self.scripts.get(script) else {
            return self.text(value, 0, rule);
        };
        let Some(text) = self.source.get(start..end) else {
            return Evidence::computed(rule);
        };
        let slashed = value.replace('/', "\\/");
        for needle in [value, slashed.as_str()] {
            if let Some(at) = (!needle.is_empty()).then(|| find(text, needle)).flatten() {
                return Evidence::at(rule, start + at, start + at + needle.len());
            }
        }
        let quoted = format!("\"{key}\"");
        match find(text, &quoted) {
            Some(at) => Evidence::at(rule, start + at, start + at + quoted.len()),
            None => Evidence::computed(rule),
        }
    }
}

/// The first occurrence of `needle` (as `str::find`, by memchr's vectorised substring search:
/// these searches run over the whole page, several times a page).
fn find(haystack: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes())
}

/// The first occurrence of ASCII `needle` at or after `from`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let needle = needle.as_bytes();
    let first = needle.first()?;
    let mut at = from;
    while at + needle.len() <= bytes.len() {
        let rest = bytes.get(at..)?;
        let offset = memchr::memchr2(first.to_ascii_lowercase(), first.to_ascii_uppercase(), rest)?;
        at += offset;
        if bytes.get(at..at + needle.len())?.eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        at += 1;
    }
    None
}
