//! Whitespace as a reader sees it, one rule for a block's text and its markdown.

/// Appends text with runs of whitespace collapsed to one space.
pub(super) fn push_collapsed(out: &mut String, text: &str) {
    let mut space = out.ends_with(' ') || out.ends_with('\n') || out.is_empty();
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

/// Trims each line of the gathered text and drops empty lines.
pub(super) fn tidy(buffer: &str) -> String {
    buffer
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
