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
    flatten_part(line, references, None, None)
}

/// Each link of one line of inline markdown (not its images), as its plain text and its
/// target, in order: what [`flatten_inline`] reads, with the text each target goes with.
pub(crate) fn links(line: &str) -> Vec<(String, Url)> {
    let mut links = Vec::new();
    flatten_part(line, &References::default(), None, Some(&mut links));
    links
}

/// [`flatten_with`] on `line`: a whole line (`part` is `None`: its closers are found at its first
/// `[`), or the label of a link in one, which `part` places among the line's closers.
/// Each link's text and target go to `links` when it is given.
fn flatten_part(
    line: &str,
    references: &References,
    part: Option<LinePart<'_>>,
    mut links: Option<&mut Vec<(String, Url)>>,
) -> Flattened {
    let mut out = Flattened::default();
    let bytes = line.as_bytes();
    let mut found: Option<Closers> = None;
    // The first `>` at or after the last `<` that looked for one (the line's length: none). A
    // `<` before it finds it again without looking: a line of `<` looks once, not once a byte.
    let mut next_angle: Option<usize> = None;
    let mut i = 0;
    let mut plain_from = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let image = b == b'!' && bytes.get(i + 1) == Some(&b'[');
        if b == b'[' || image {
            let open = if image { i + 1 } else { i };
            let closers = match part {
                Some(part) => part,
                None => LinePart::whole(found.get_or_insert_with(|| Closers::new(bytes, open)), bytes.len()),
            };
            if let Some((label_end, url, resume)) = link_at(line, closers, open, references) {
                push_plain(&mut out.text, &line[plain_from..i]);
                let label = flatten_part(
                    &line[open + 1..label_end],
                    references,
                    Some(closers.inner(open + 1, label_end)),
                    None,
                );
                if image {
                    out.images += 1;
                    // An image's alt text is not part of the prose; keep a marker-free text.
                } else {
                    out.link_chars += label.text.chars().count();
                    out.links += 1 + label.links;
                    out.text.push_str(&label.text);
                }
                if !url.as_str().is_empty() {
                    if let (Some(links), false) = (links.as_deref_mut(), image) {
                        links.push((label.text.clone(), url.shared()));
                    }
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
            let close = match next_angle {
                Some(close) if close > i => close,
                _ => {
                    let close = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |at| i + at);
                    next_angle = Some(close);
                    close
                }
            };
            // Within the MAX_URL bytes from the `<`: `>` is one byte, so cutting them
            // between characters never cuts one off.
            if close < bytes.len() && close - i < MAX_URL {
                let inner = &line[i + 1..close];
                if inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with("mailto:") {
                    push_plain(&mut out.text, &line[plain_from..i]);
                    out.text.push_str(inner);
                    out.link_chars += inner.chars().count();
                    out.links += 1;
                    out.urls.push(inner.into());
                    i = close + 1;
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

/// Longest link label and address read as one: a closer farther on is none. They bounded the
/// look from each `[` and `<` for its closer; the closers are now found once a line
/// ([`Closers`], the next `>`), and the windows kept so that links are what they were.
const MAX_LABEL: usize = 1_000;
const MAX_URL: usize = 4_000;

/// The closers' table holds the distance from a `(` to its `)`, at most MAX_LABEL + MAX_URL.
const _: () = assert!(MAX_LABEL + MAX_URL < u16::MAX as usize);

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
fn link_at<'a>(
    line: &'a str,
    closers: LinePart<'_>,
    open: usize,
    references: &'a References,
) -> Option<(usize, Target<'a>, usize)> {
    let label_end = label_end_at(closers, open)?;
    if let Some((url_start, url_end)) = inline_url_at(line, closers, open, label_end) {
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

/// The end of the label of a link whose `[` is at `open` (brackets balanced, escapes skipped),
/// if at most [`MAX_LABEL`] bytes on.
fn label_end_at(closers: LinePart<'_>, open: usize) -> Option<usize> {
    closers.close_of(open).filter(|end| end - open <= MAX_LABEL)
}

/// The url span of `(url)` right after the `]` at `label_end` (of the label opened at `open`),
/// if its `)` is less than [`MAX_LABEL`] + [`MAX_URL`] bytes after the `[`.
fn inline_url_at(line: &str, closers: LinePart<'_>, open: usize, label_end: usize) -> Option<(usize, usize)> {
    let paren = label_end + 1;
    if line.as_bytes().get(paren) != Some(&b'(') {
        return None;
    }
    let close = closers
        .close_of(paren)
        .filter(|close| *close < open + MAX_LABEL + MAX_URL)?;
    Some((paren + 1, close))
}

/// Where each `[` and `(` of a line closes, found for all of them in a pass over the line (one for
/// the brackets, one for the parentheses): looking from each `[` for its `]` and from each `(` for
/// its `)` cost up to the windows' length a byte (a line of `[a](` took 11,000 instructions a
/// byte, 0.63 s a megabyte).
///
/// A `[` closes at the first `]` after it where the brackets since it balance less one, counting
/// neither escaped brackets nor the escaped bytes themselves (a `\` escapes the next byte; the
/// `[` itself counts, escaped or not, as it opens the look): after a `[`, which is no `\`, each
/// run of `\` pairs up the same whichever `[` the look starts from, so one pass pairs them for
/// all. A `(` closes at the first `)` after it where the parentheses since it balance less one,
/// escapes or not (a url is read as written).
struct Closers {
    /// Where the line's first `[` is: nothing before it opens a link.
    from: usize,
    /// For each byte from `from` on: at a `[`, how many bytes on the `]` that closes it is; at a
    /// `(`, its `)`; 0 where nothing closes it within the windows.
    distance: Vec<u16>,
}

impl Closers {
    fn new(bytes: &[u8], from: usize) -> Closers {
        let mut distance = vec![0u16; bytes.len().saturating_sub(from)];
        let rest = bytes.get(from..).unwrap_or_default();
        let mut set = |open: usize, close: usize| {
            if let (Some(slot), Ok(far)) = (distance.get_mut(open), u16::try_from(close - open)) {
                *slot = far;
            }
        };
        // The `[`s not closed yet (offsets from `from`), each with the depth (unescaped `[` less
        // `]` since `from`) whose return closes it; later ones wait for no lower depth, so a `]`
        // that lowers the depth closes the ones on top that wait for it.
        let mut brackets = Openers::default();
        let mut depth = 0isize;
        // The byte the last `\` not itself escaped escapes.
        let mut escaped = None;
        for at in memchr::memchr3_iter(b'[', b']', b'\\', rest) {
            let b = rest.get(at).copied().unwrap_or_default();
            if escaped == Some(at) {
                // An escaped `[` still opens a look from it; it closes where the depth falls
                // below what it is here.
                if b == b'[' {
                    brackets.push((at, depth - 1), at, MAX_LABEL);
                }
                continue;
            }
            match b {
                b'\\' => escaped = Some(at + 1),
                b'[' => {
                    brackets.push((at, depth), at, MAX_LABEL);
                    depth += 1;
                }
                b']' => {
                    depth -= 1;
                    while let Some(&(open, closing)) = brackets.open.last() {
                        if closing != depth {
                            break;
                        }
                        brackets.open.pop();
                        if at - open <= MAX_LABEL {
                            set(open, at);
                        }
                    }
                }
                _ => {}
            }
        }
        let mut parens = Openers::default();
        for at in memchr::memchr2_iter(b'(', b')', rest) {
            if rest.get(at) == Some(&b'(') {
                parens.push((at, 0), at, MAX_LABEL + MAX_URL);
            } else if let Some((open, _)) = parens.open.pop() {
                if at - open < MAX_LABEL + MAX_URL {
                    set(open, at);
                }
            }
        }
        Closers { from, distance }
    }
}

/// Openers not closed yet, in the order they opened: the last closes first.
#[derive(Default)]
struct Openers {
    /// Each opener's offset, and what it waits for (a `[`, the depth whose return closes it; a
    /// `(`, nothing: the next `)` not taken closes it).
    open: Vec<(usize, isize)>,
}

impl Openers {
    /// Adds an opener at `at`; those more than `window` bytes back, which nothing within their
    /// window can close any more, go now and then, so the open ones number at most twice the
    /// window and a line of `[` does not keep one per byte.
    fn push(&mut self, opener: (usize, isize), at: usize, window: usize) {
        if self.open.len() >= 2 * window {
            let stale = self.open.partition_point(|&(open, _)| at - open > window);
            self.open.drain(..stale);
        }
        self.open.push(opener);
    }
}

/// A line's [`Closers`] as a part of the line sees them: the whole line, or a link's label in it,
/// `len` bytes from `base`. A label is read as a line of its own, and what closes inside it
/// closes there as in the line (it starts after a `[`, so its escapes pair as in the line); what
/// closes only past its end closes nothing in it.
#[derive(Clone, Copy)]
struct LinePart<'a> {
    closers: &'a Closers,
    base: usize,
    len: usize,
}

impl<'a> LinePart<'a> {
    fn whole(closers: &'a Closers, len: usize) -> LinePart<'a> {
        LinePart { closers, base: 0, len }
    }

    /// The part of this part from `start` to `end`.
    fn inner(self, start: usize, end: usize) -> LinePart<'a> {
        LinePart {
            closers: self.closers,
            base: self.base + start,
            len: end - start,
        }
    }

    /// Where the `]` or `)` that closes the `[` or `(` at `at` is, if in this part.
    fn close_of(self, at: usize) -> Option<usize> {
        let index = (self.base + at).checked_sub(self.closers.from)?;
        let distance = usize::from(*self.closers.distance.get(index)?);
        let close = at + distance;
        (distance > 0 && close < self.len).then_some(close)
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
    use proptest::prelude::*;

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
    fn each_link_gives_its_text_and_target() {
        let links = links("By [**Jane** Doe](/author/jane/ \"Posts\") and [![x](i.png) Bo](b) ![img](c.png)");
        let pairs: Vec<(&str, &str)> = links.iter().map(|(t, u)| (t.as_str(), &**u)).collect();
        assert_eq!(pairs, [("Jane Doe", "/author/jane/"), (" Bo", "b")]);
        assert!(super::links("no links [here]").is_empty());
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

    /// The former `flatten_with`, kept to pin that the closers found in one pass give what it
    /// gave: it looked from each `[` for its `]` and `(…)`, and from each `<` for its `>`, up to
    /// the windows' length a byte.
    mod windowed_reference {
        use super::super::{push_plain, reference_label_end, Flattened, References, Target, MAX_LABEL, MAX_URL};

        pub(super) fn flatten_with(line: &str, references: &References) -> Flattened {
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
                        if inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with("mailto:")
                        {
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
    }

    /// The closers found once for a line give what looking from each opener gave, also where a
    /// closer lies just inside or just past a window, behind a character of several bytes, or
    /// past the end of the label a link nests in.
    #[test]
    fn windows_keep_their_meaning() {
        let r = refs(&[("a", "http://a.example/"), ("\\[b", "http://b.example/")]);
        let mut lines = Vec::new();
        for n in MAX_LABEL - 4..MAX_LABEL + 4 {
            lines.push(format!("x [{}](u) y", "a".repeat(n)));
            lines.push(format!("[{}é](u)", "a".repeat(n - 2)));
            lines.push(format!("\\[{}]", "a".repeat(n)));
            lines.push(format!("[[{}]", "\\]".repeat(n / 2)));
        }
        for n in MAX_LABEL + MAX_URL - 8..MAX_LABEL + MAX_URL + 4 {
            lines.push(format!("[a]({})", "h".repeat(n - 4)));
            lines.push(format!("[{}]({}(x))", "a".repeat(900), "h".repeat(n - 910)));
        }
        for n in MAX_URL - 4..MAX_URL + 4 {
            lines.push(format!("<http://{}>", "h".repeat(n - 8)));
            lines.push(format!("<http://{}中>", "h".repeat(n - 10)));
            lines.push(format!("<<http://{}>", "h".repeat(n - 8)));
        }
        lines.push(format!("{}a{}(x)", "[".repeat(500), "]".repeat(500)));
        lines.push(format!("{}a{}", "[".repeat(200), "](x)".repeat(200)));
        lines.push(format!("{}a]", "\\[".repeat(600)));
        lines.push(format!("[x \\[b]\\[b] [[a] \\[a]](u) {}", "[a](".repeat(3_000)));
        for line in &lines {
            for references in [&References::default(), &r] {
                assert_eq!(
                    flatten_with(line, references),
                    windowed_reference::flatten_with(line, references),
                    "{line}"
                );
            }
        }
    }

    /// A line of markup, mostly the bytes links are made of, now and then a run long enough to
    /// cross a window.
    fn markup(pieces: std::ops::Range<usize>) -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            24 => "[\\[\\]()<>!\\\\ ahtp:/é中]",
            3 => "\\\\[\\[\\]\\\\]",
            2 => Just("](".to_string()),
            2 => Just("[a](".to_string()),
            2 => Just("http://".to_string()),
            1 => Just("<https://x>".to_string()),
            1 => Just("mailto:".to_string()),
            1 => Just("\t".to_string()),
            1 => "[ah ]{50,400}",
            1 => "[a中]{200,900}",
        ];
        proptest::collection::vec(piece, pieces).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        /// The closers found in one pass flatten a line as looking from each opener did.
        #[test]
        fn closers_found_once_flatten_as_windows_did(
            line in prop_oneof![3 => markup(0..60), 1 => markup(30..150)],
            labels in proptest::collection::vec("[\\[\\]\\\\ aé]{1,4}|a", 0..3),
        ) {
            let mut references = References::default();
            for label in &labels {
                references.insert(label, "http://defined.example/");
            }
            for references in [&References::default(), &references] {
                prop_assert_eq!(
                    flatten_with(&line, references),
                    windowed_reference::flatten_with(&line, references)
                );
            }
        }
    }
}
