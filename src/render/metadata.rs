//! The record's provenance as YAML front matter above a text or markdown body
//! (`pith clean --with-metadata`), as trafilatura writes it for both.
//!
//! ```
//! assert_eq!(pith::render::yaml_quoted("yes: no"), r#""yes: no""#);
//! assert_eq!(pith::render::yaml_quoted("a \"b\"\nc"), r#""a \"b\"\nc""#);
//! ```

use std::fmt::Write as _;

use crate::Record;

/// `---`, the known fields among `title`, `authors` (a list), `date` (the record's
/// `published`), `url`, `outlet` and `language`, in that order, and `---`. Every value is a
/// double-quoted YAML scalar (see [`yaml_quoted`]).
pub fn front_matter(record: &Record) -> String {
    let p = &record.provenance;
    let mut out = String::from("---\n");
    if let Some(title) = &p.title {
        let _ = writeln!(out, "title: {}", yaml_quoted(title));
    }
    if !p.authors.is_empty() {
        let authors: Vec<String> = p.authors.iter().map(|a| yaml_quoted(a)).collect();
        let _ = writeln!(out, "authors: [{}]", authors.join(", "));
    }
    let fields = [
        ("date", &p.published),
        ("url", &p.url),
        ("outlet", &p.outlet),
        ("language", &p.language),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            let _ = writeln!(out, "{name}: {}", yaml_quoted(value));
        }
    }
    out.push_str("---\n");
    out
}

/// `value` as a YAML double-quoted scalar, which every YAML parser (1.1 and 1.2) reads back as
/// exactly that string: never a boolean (`yes`, `no`, `on`), a number, a date or null, whatever
/// it says, and whatever it holds. `\` and `"` are escaped, and so is every character a YAML
/// stream may not carry as it is or that a YAML 1.1 parser reads as a line break (C0 and C1
/// controls, DEL, NEL, U+2028, U+2029, the BOM, U+FFFE, U+FFFF).
pub fn yaml_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) => {
                let _ = write!(out, "\\x{:02X}", u32::from(c));
            }
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_a_parser_would_read_as_something_else_stay_strings() {
        for (value, quoted) in [
            ("yes", r#""yes""#),
            ("no", r#""no""#),
            ("null", r#""null""#),
            ("2024-03-04", r#""2024-03-04""#),
            (": x", r#"": x""#),
            ("- item", r#""- item""#),
            ("# not a comment", r##""# not a comment""##),
            ("'single'", r#""'single'""#),
            ("", r#""""#),
            ("  spaced  ", r#""  spaced  ""#),
        ] {
            assert_eq!(yaml_quoted(value), quoted);
        }
    }

    #[test]
    fn quotes_backslashes_breaks_and_controls_are_escaped() {
        assert_eq!(yaml_quoted("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(yaml_quoted("one\ntwo\r\tthree"), r#""one\ntwo\r\tthree""#);
        assert_eq!(yaml_quoted("\0\u{1}\u{7f}\u{85}\u{9f}"), r#""\0\x01\x7F\N\x9F""#);
        assert_eq!(yaml_quoted("\u{2028}\u{2029}\u{feff}\u{ffff}"), r#""\L\P\uFEFF\uFFFF""#);
        assert_eq!(yaml_quoted("Привет, 世界 🙂"), "\"Привет, 世界 🙂\"");
    }
}
