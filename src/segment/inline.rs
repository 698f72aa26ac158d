//! Inline markdown → plain text: links and images become their text, emphasis and escapes go;
//! reference links resolve against the document's definitions.
//!
//! Own code, not pulldown-cmark: the dumps are html-to-markdown output, which writes link
//! targets with spaces in them (`[Copy]( "Click to copy")`, `![x](a.jpg 1000w, b.jpg 2000w)`)
//! that CommonMark reads as text; measured in README, Dependencies.

use std::collections::BTreeMap;

use super::Url;

/// The plain text of one line of inline markdown, with link statistics.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Flattened {
    pub text: String,
    pub link_chars: usize,
    pub links: usize,
    pub urls: Vec<Url>,
    /// Image embeds (`![alt](src)`) seen on the line.
    pub images: usize,
}

/// A document's link reference definitions (`[1]: https://…`), which its reference links
/// (`[text][1]`, `[text][]`, `[1]`) resolve against. Labels match as CommonMark matches them:
/// without case (Unicode lower case, where CommonMark folds: `ẞ` and `SS` do not match) and with
/// runs of whitespace as one space. The first definition of a label wins.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct References {
    targets: BTreeMap<String, Url>,
}

impl References {
    pub(crate) fn insert(&mut self, label: &str, destination: &str) {
        self.targets
            .entry(normalize_label(label))
            .or_insert_with(|| destination.into());
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    fn resolve(&self, label: &str) -> Option<&Url> {
        if self.targets.is_empty() || label.len() > MAX_REFERENCE_LABEL {
            return None;
        }
        self.targets.get(&normalize_label(label))
    }
}

/// CommonMark's longest link label (999 characters; in bytes here, which only ever allows less).
const MAX_REFERENCE_LABEL: usize = 999;

fn normalize_label(label: &str) -> String {
    let mut key = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// A link reference definition on a line of its own (`[label]: destination "title"`, trimmed):
/// its label and destination. As in CommonMark, the label holds no unescaped bracket and not
/// only whitespace, the destination is one word or `<…>`, and a title is quoted or in
/// parentheses; anything else after the destination (`[Update]: The company said`) makes the
/// line text. Unlike CommonMark, a definition is read on one line, and also right under a line
/// of text (this reader sees a line at a time).
pub(crate) fn definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('[')?;
    let label_end = reference_label_end(rest)?;
    let label = rest.get(..label_end)?;
    let after = rest.get(label_end + 1..)?.strip_prefix(':')?.trim_start();
    let (destination, title) = if let Some(angled) = after.strip_prefix('<') {
        let close = angled.find(['>', '<'])?;
        (angled.get(..close)?, angled.get(close..)?.strip_prefix('>')?)
    } else {
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        (after.get(..end)?, after.get(end..)?)
    };
    if destination.is_empty() && !after.starts_with('<') {
        return None;
    }
    // A title is set off from the destination by whitespace.
    let spaced = title.starts_with(char::is_whitespace);
    let title = title.trim();
    let quoted = [('"', '"'), ('\'', '\''), ('(', ')')]
        .iter()
        .any(|(open, close)| title.len() >= 2 && title.starts_with(*open) && title.ends_with(*close));
    (title.is_empty() || spaced && quoted).then_some((label, destination))
}

/// Where the `]` that closes a reference label is, in `rest` (the text after its `[`): `None`
/// for an unescaped `[` inside, a label of only whitespace or longer than CommonMark's longest.
fn reference_label_end(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut j = 0;
    while j <= MAX_REFERENCE_LABEL {
        match bytes.get(j)? {
            b'\\' => j += 1,
            b'[' => return None,
            b']' => return rest.get(..j).is_some_and(|l| !l.trim().is_empty()).then_some(j),
            _ => {}
        }
        j += 1;
    }
    None
}

/// Renders inline markdown as plain text. Unbalanced markup, and reference links (no
/// definitions are known), are kept as written.
pub fn flatten_inline(line: &str) -> Flattened {
    flatten_with(line, &References::default())
}

/// [`flatten_inline`], with the reference links whose label `references` defines read as links;
/// the others are kept as written.
pub(crate) fn flatten_with(line: &str, references: &References) -> Flattened {
    let mut out = Flattened::default();
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut plain_from = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let image = b == b'!' && bytes.get(i + 1) == Some(&b'[');
        if b == b'[' || image {
            let open = if image { i + 1 } else { i };
            if let Some((label_end, url, resume)) = link_at(line, open, references) {
                push_plain(&mut out.text, &line[plain_from..i]);
                let label = flatten_with(&line[open + 1..label_end], references);
                if image {
                    out.images += 1;
                    // An image's alt text is not part of the prose; keep a marker-free text.
                } else {
                    out.link_chars += label.text.chars().count();
                    out.links += 1 + label.links;
                    out.text.push_str(&label.text);
                }
                if !url.as_str().is_empty() {
                    out.urls.push(url.shared());
                }
                out.urls.extend(label.urls);
                out.images += label.images;
                i = resume;
                plain_from = i;
                continue;
            }
        }
        if b == b'<' {
            let window = line
                .get(i..)
                .map_or("", |rest| crate::text::prefix_within(rest, MAX_URL));
            if let Some(close) = window.find('>') {
                let inner = &line[i + 1..i + close];
                if inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with("mailto:") {
                    push_plain(&mut out.text, &line[plain_from..i]);
                    out.text.push_str(inner);
                    out.link_chars += inner.chars().count();
                    out.links += 1;
                    out.urls.push(inner.into());
                    i += close + 1;
                    plain_from = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    push_plain(&mut out.text, &line[plain_from..]);
    out
}

/// Longest link label and address looked for: a `[` or `<` without its closer must not make a
/// line cost its length squared.
const MAX_LABEL: usize = 1_000;
const MAX_URL: usize = 4_000;

/// A link's target: written in the link, or defined once for the document.
enum Target<'a> {
    Written(&'a str),
    Defined(&'a Url),
}

impl Target<'_> {
    fn as_str(&self) -> &str {
        match self {
            Target::Written(url) => url,
            Target::Defined(url) => url,
        }
    }

    /// The target as a block holds it: a defined one is the document's copy, not a new one.
    fn shared(&self) -> Url {
        match self {
            Target::Written(url) => (*url).into(),
            Target::Defined(url) => Url::clone(url),
        }
    }
}

/// Finds a link starting at the `[` at `open`: `[label](url)`, or a reference link whose label
/// `references` defines (`[label][ref]`, `[label][]`, `[label]`). Returns the end of the label,
/// the link's target and where the text after the link starts.
fn link_at<'a>(line: &'a str, open: usize, references: &'a References) -> Option<(usize, Target<'a>, usize)> {
    let label_end = label_end_at(line, open)?;
    if let Some((url_start, url_end)) = inline_url_at(line, open, label_end) {
        let url = line[url_start..url_end].split_whitespace().next().unwrap_or("");
        return Some((label_end, Target::Written(url), url_end + 1));
    }
    if references.is_empty() {
        return None;
    }
    let label = line.get(open + 1..label_end)?;
    let after = line.get(label_end + 1..)?;
    // `[label][ref]` and `[label][]`; a label followed by `[ref]` that the document does not
    // define is no link (CommonMark), though `[ref]` itself may be one.
    if let Some(rest) = after.strip_prefix('[') {
        if let Some(ref_end) = reference_label_end(rest).or_else(|| rest.starts_with(']').then_some(0)) {
            let reference = rest.get(..ref_end)?;
            let key = if reference.is_empty() { label } else { reference };
            let target = references.resolve(key)?;
            return Some((label_end, Target::Defined(target), label_end + 1 + 1 + ref_end + 1));
        }
    }
    let target = references.resolve(label)?;
    Some((label_end, Target::Defined(target), label_end + 1))
}

/// The end of the label of a link whose `[` is at `open` (brackets balanced, escapes skipped).
fn label_end_at(line: &str, open: usize) -> Option<usize> {
    let end = line.len().min(open + MAX_LABEL + 1);
    let bytes = line.as_bytes().get(..end)?;
    let mut depth = 0usize;
    let mut j = open;
    let label_end = loop {
        if j > open + MAX_LABEL {
            return None;
        }
        match bytes.get(j)? {
            b'\\' => j += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break j;
                }
            }
            _ => {}
        }
        j += 1;
    };
    Some(label_end)
}

/// The url span of `(url)` right after the `]` at `label_end` (of the label opened at `open`).
fn inline_url_at(line: &str, open: usize, label_end: usize) -> Option<(usize, usize)> {
    let end = line.len().min(open + MAX_LABEL + MAX_URL);
    let bytes = line.as_bytes().get(..end)?;
    if bytes.get(label_end + 1) != Some(&b'(') {
        return None;
    }
    let url_start = label_end + 2;
    let mut parens = 1usize;
    let mut k = url_start;
    loop {
        match bytes.get(k)? {
            b'(' => parens += 1,
            b')' => {
                parens -= 1;
                if parens == 0 {
                    return Some((url_start, k));
                }
            }
            _ => {}
        }
        k += 1;
    }
}

/// Appends text outside links, dropping emphasis markers and backslash escapes.
fn push_plain(out: &mut String, s: &str) {
    let mut chars = s.chars().peekable();
    let mut prev: Option<char> = out.chars().last();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(&next) = chars.peek() {
                    if next.is_ascii_punctuation() {
                        out.push(next);
                        prev = Some(next);
                        chars.next();
                        continue;
                    }
                }
                out.push(c);
            }
            '*' => {
                // Emphasis asterisks hug a word; a lone ` * ` is kept.
                let next = chars.peek().copied();
                let hugs = next.is_some_and(|n| !n.is_whitespace()) || prev.is_some_and(|p| !p.is_whitespace());
                if !hugs {
                    out.push(c);
                }
            }
            '_' => {
                // Underscores inside words (snake_case, URLs) are text, at word edges emphasis.
                let next = chars.peek().copied();
                let inner = prev.is_some_and(|p| p.is_alphanumeric()) && next.is_some_and(|n| n.is_alphanumeric());
                let edge = prev.is_none_or(|p| !p.is_alphanumeric() && p != '_')
                    || next.is_none_or(|n| !n.is_alphanumeric() && n != '_');
                if inner || !edge {
                    out.push(c);
                }
            }
            '`' => {}
            _ => out.push(c),
        }
        prev = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(urls: &[Url]) -> Vec<&str> {
        urls.iter().map(|u| &**u).collect()
    }

    /// A defined target is the document's one copy, however often links use it: a long target
    /// used thousands of times was copied into every use (416 KB of markdown took 1.6 GB).
    #[test]
    fn every_use_of_a_reference_shares_its_target() {
        let target = format!("https://example.org/{}", "u".repeat(10_000));
        let references = refs(&[("a", &target)]);
        let f = flatten_with(&"[a] ".repeat(1_000), &references);
        assert_eq!(f.urls.len(), 1_000);
        assert!(f.urls.iter().all(|u| **u == *target));
        assert!(f.urls.windows(2).all(|w| Url::ptr_eq(&w[0], &w[1])), "one copy, shared");
    }

    #[test]
    fn links_become_their_text() {
        let f = flatten_inline("a surprise [phone call](#) between");
        assert_eq!(f.text, "a surprise phone call between");
        assert_eq!(f.links, 1);
        assert_eq!(f.link_chars, 10);
    }

    #[test]
    fn emphasis_and_escapes_go() {
        assert_eq!(flatten_inline("**Related article: [x](y)**").text, "Related article: x");
        assert_eq!(flatten_inline(r"5 \* 3 and snake_case").text, "5 * 3 and snake_case");
        assert_eq!(flatten_inline("_italic_ word").text, "italic word");
    }

    #[test]
    fn images_and_autolinks() {
        let f = flatten_inline("![alt](http://x/y.png)");
        assert_eq!((f.text.as_str(), f.images), ("", 1));
        let f = flatten_inline("<https://example.org/a>");
        assert_eq!(f.text, "https://example.org/a");
        assert_eq!(strs(&f.urls), ["https://example.org/a"]);
    }

    #[test]
    fn nested_markup_in_links() {
        let f = flatten_inline(r"**[a *b* \[c\]](u)** and [![logo](i.png)](home)");
        assert_eq!(f.text, "a b [c] and ");
        assert_eq!((f.links, f.link_chars, f.images), (2, 7, 1));
        assert_eq!(strs(&f.urls), ["u", "home", "i.png"]);
    }

    fn refs(definitions: &[(&str, &str)]) -> References {
        let mut references = References::default();
        for (label, destination) in definitions {
            references.insert(label, destination);
        }
        references
    }

    #[test]
    fn reference_links_resolve_with_a_definition() {
        let r = refs(&[("1", "http://a.example/"), ("Big  Label", "http://b.example/")]);
        let f = flatten_with("see [the report][1], [big label][] and [BIG LABEL] now", &r);
        assert_eq!(f.text, "see the report, big label and BIG LABEL now");
        assert_eq!((f.links, f.link_chars), (3, 28));
        assert_eq!(
            strs(&f.urls),
            ["http://a.example/", "http://b.example/", "http://b.example/"]
        );
        let f = flatten_with("![chart][1] *[x]*", &r);
        assert_eq!((f.text.trim(), f.images, f.links), ("[x]", 1, 0));
    }

    #[test]
    fn reference_links_stay_literal_without_one() {
        let line = "see [the report][1], [big label][] and [2]";
        let f = flatten_inline(line);
        assert_eq!((f.text.as_str(), f.links), (line, 0));
        let r = refs(&[("3", "http://c.example/")]);
        assert_eq!(flatten_with(line, &r).text, line);
        // An undefined `[ref]` after a label: no link there, but `[ref]` may open one (CommonMark
        // reads `[foo][bar][baz]` so).
        let f = flatten_with("[text][nope][3]", &r);
        assert_eq!((f.text.as_str(), f.links), ("[text]nope", 1));
    }

    #[test]
    fn definitions_are_read_as_commonmark_writes_them() {
        assert_eq!(definition("[1]: http://a.example/x"), Some(("1", "http://a.example/x")));
        assert_eq!(
            definition(r#"[Big label]: <http://a.example/a b> "Title""#),
            Some(("Big label", "http://a.example/a b"))
        );
        assert_eq!(definition("[x]: /url 'Title'"), Some(("x", "/url")));
        assert_eq!(definition("[Update]: The company said it would appeal."), None);
        assert_eq!(definition("[x]:"), None);
        assert_eq!(definition("[ ]: /url"), None);
        assert_eq!(definition("[a[b]]: /url"), None);
        assert_eq!(definition("[x] : /url"), None);
    }

    #[test]
    fn unbalanced_markup_is_kept() {
        assert_eq!(flatten_inline("a [b c").text, "a [b c");
        assert_eq!(flatten_inline("[a](b").text, "[a](b");
    }
}
