//! Inline markdown → plain text: links and images become their text, emphasis and escapes go.

/// The plain text of one line of inline markdown, with link statistics.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Flattened {
    pub text: String,
    pub link_chars: usize,
    pub links: usize,
    pub urls: Vec<String>,
    /// Image embeds (`![alt](src)`) seen on the line.
    pub images: usize,
}

/// Renders inline markdown as plain text. Unbalanced markup is kept as written.
pub fn flatten_inline(line: &str) -> Flattened {
    let mut out = Flattened::default();
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut plain_from = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let image = b == b'!' && bytes.get(i + 1) == Some(&b'[');
        if b == b'[' || image {
            let open = if image { i + 1 } else { i };
            if let Some((label_end, url_start, url_end)) = link_at(line, open) {
                push_plain(&mut out.text, &line[plain_from..i]);
                let label = flatten_inline(&line[open + 1..label_end]);
                let url = line[url_start..url_end].split_whitespace().next().unwrap_or("");
                if image {
                    out.images += 1;
                    // An image's alt text is not part of the prose; keep a marker-free text.
                } else {
                    out.link_chars += label.text.chars().count();
                    out.links += 1 + label.links;
                    out.text.push_str(&label.text);
                }
                if !url.is_empty() {
                    out.urls.push(url.to_string());
                }
                out.urls.extend(label.urls);
                out.images += label.images;
                i = url_end + 1;
                plain_from = i;
                continue;
            }
        }
        if b == b'<' {
            let mut cap = line.len().min(i + MAX_URL);
            while !line.is_char_boundary(cap) {
                cap -= 1;
            }
            let window = line.get(i..cap).unwrap_or("");
            if let Some(close) = window.find('>') {
                let inner = &line[i + 1..i + close];
                if inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with("mailto:") {
                    push_plain(&mut out.text, &line[plain_from..i]);
                    out.text.push_str(inner);
                    out.link_chars += inner.chars().count();
                    out.links += 1;
                    out.urls.push(inner.to_string());
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

/// Finds `[label](url)` starting at the `[` at `open`: returns the end of the label and the url span.
fn link_at(line: &str, open: usize) -> Option<(usize, usize, usize)> {
    let end = line.len().min(open + MAX_LABEL + MAX_URL);
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
                    return Some((label_end, url_start, k));
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
        assert_eq!(f.urls, vec!["https://example.org/a".to_string()]);
    }

    #[test]
    fn unbalanced_markup_is_kept() {
        assert_eq!(flatten_inline("a [b c").text, "a [b c");
        assert_eq!(flatten_inline("[a](b").text, "[a](b");
    }
}
