//! What an element says about the blocks inside it: its tag (`nav`, `aside`, `article`) and its
//! class/id words, read against the word lists of `data/html-hints.txt`.

use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

use crate::rule::Rule;

pub(super) static HINTS: &str = include_str!("../../../data/html-hints.txt");

/// What a section of the hints file says its class/id words mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HintWord {
    /// `[content]`: the article's container.
    Content,
    /// `[content-strong]`: a container only the article body uses.
    StrongContent,
    /// `[embedded]`: an embed (a tweet, a video) that is content wherever it sits.
    Embedded,
    /// A boilerplate box, named by the rule that drops it (`[share]`, `[related]`, …).
    Boilerplate(Rule),
}

impl std::str::FromStr for HintWord {
    type Err = crate::rule::UnknownRule;

    fn from_str(header: &str) -> Result<Self, Self::Err> {
        Ok(match header {
            "content" => HintWord::Content,
            "content-strong" => HintWord::StrongContent,
            "embedded" => HintWord::Embedded,
            rule => HintWord::Boilerplate(rule.parse()?),
        })
    }
}

/// Class/id words per category, from the data file. A section header that names neither a
/// rule nor a content mark leaves its words out (a test checks there is none).
static HINT_TABLE: LazyLock<HashMap<&'static str, HintWord>> = LazyLock::new(|| {
    let mut table = HashMap::new();
    let mut category = None;
    for line in HINTS.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            category = name.parse::<HintWord>().ok();
        } else if let Some(category) = category {
            table.entry(line).or_insert(category);
        }
    }
    table
});

/// What an element says about the blocks inside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Hint {
    StrongContent,
    Content,
    Boilerplate(Rule),
}

impl Hint {
    /// Which of two hints on one element wins: a boilerplate word over the body's over content.
    fn rank(&self) -> u8 {
        match self {
            Hint::Boilerplate(_) => 3,
            Hint::StrongContent => 2,
            Hint::Content => 1,
        }
    }
}

/// The attributes the segmenter reads from an element, in one pass over them compared as
/// strings (`Element::attr` interns its argument on every call, and `Element::classes` interns
/// every class token into a global set: together a third of the walk's time).
pub(super) struct Words<'a> {
    pub id: Option<&'a str>,
    /// The class tokens, sorted and without repeats, as `Element::classes` gives them.
    pub classes: Vec<&'a str>,
    itemprop: Option<&'a str>,
    role: Option<&'a str>,
}

impl<'a> Words<'a> {
    pub fn of(element: &'a scraper::node::Element) -> Words<'a> {
        let mut words = Words {
            id: None,
            classes: Vec::new(),
            itemprop: None,
            role: None,
        };
        for (name, value) in element.attrs() {
            match name {
                "id" if words.id.is_none() => words.id = Some(value),
                "class" => words.classes.extend(value.split_ascii_whitespace()),
                "itemprop" if words.itemprop.is_none() => words.itemprop = Some(value),
                "role" if words.role.is_none() => words.role = Some(value),
                _ => {}
            }
        }
        words.classes.sort_unstable();
        words.classes.dedup();
        words
    }
}

/// What a tag and its class/id words say: the tag first (`nav`, `footer`, `aside`, `figcaption`,
/// `article`, `main`), then the words. A boilerplate word beats a content word on one element.
pub(super) fn hint_of(tag: &str, words: &Words, tokens: &mut TokenHints) -> Option<(Hint, String)> {
    if words.itemprop.is_some_and(|v| v.eq_ignore_ascii_case("articleBody")) {
        return Some((Hint::StrongContent, "itemprop=articleBody".into()));
    }
    let by_tag = match tag {
        "nav" => Some(Hint::Boilerplate(Rule::Navigation)),
        "footer" => Some(Hint::Boilerplate(Rule::Navigation)),
        "aside" => Some(Hint::Boilerplate(Rule::Related)),
        "figcaption" => Some(Hint::Boilerplate(Rule::Media)),
        "article" | "main" => Some(Hint::Content),
        "body" | "html" => return None,
        _ => None,
    };
    if words.role.is_some_and(|r| r.eq_ignore_ascii_case("main")) {
        return Some((Hint::Content, "role=main".into()));
    }
    let mut best: Option<(Hint, &str)> = None;
    for &token in words.id.iter().chain(&words.classes) {
        // Pages repeat their class names on many elements: each token is read once a page.
        let hint = match tokens.get(token) {
            Some(hint) => *hint,
            None => {
                let hint = token_hint(token);
                tokens.insert(token.to_string(), hint);
                hint
            }
        };
        if let Some(hint) = hint {
            if best.as_ref().is_none_or(|(b, _)| hint.rank() > b.rank()) {
                best = Some((hint, token));
            }
        }
    }
    match best {
        Some((hint, token)) => Some((hint, format!("{tag} class/id \"{}\"", crate::text::shown_name(token)))),
        None => by_tag.map(|h| (h, format!("<{tag}>"))),
    }
}

/// First parts of a class token that make the rest a modifier (BEM, WordPress and utility
/// conventions: `has-sidebar`, `no-sidebar`, `with-comments`, `without-header`). Such tokens
/// are on 233+ bench pages (`has-post…`, `has-children`, `no-sidebar` on 31). Out of fold
/// (failure class 2), WCXB html all / articles 0.8554 / 0.9500 → 0.8561 / 0.9511 (6 pages
/// change: 3 up, 2 down by ≤ 0.03), scrapinghub unchanged.
const MODIFIERS: &[&str] = &["has", "no", "with", "without"];

/// Characters that make a class token CSS rather than a name: utility frameworks put a value
/// (`top-[var(--nav-height)]`, `w-1/2`, `grid-cols-[1fr_auto]`), a state or breakpoint
/// (`md:hidden`, `hover:underline`) or an importance mark (`!mt-0`) into their class names, and
/// the words inside a value or beside a state (`nav` in a CSS variable's name) say nothing of
/// what the element holds. Names made to be read (BEM, WordPress) use letters, digits, `-` and
/// `_` only. Out of fold no change to speak of (WCXB html all 0.8574 either way, 8 pages move by
/// at most 0.02; scrapinghub and the ciphered copy unchanged): it is here for the unseen pages
/// built with such frameworks, where a `nav` inside a value dropped a product's specs.
const UTILITY_MARKS: &[char] = &[
    '[', ']', '(', ')', ':', '/', '!', '@', '%', '.', '#', '&', '>', '{', '}',
];

/// What each class or id token seen on a page says (`None`: nothing), read once a page.
pub(super) type TokenHints = HashMap<String, Option<Hint>>;

/// What one class or id token says: the strongest of its categories, the token whole, its
/// parts and its two-part words (a boilerplate category over the body's over content).
fn token_hint(token: &str) -> Option<Hint> {
    if token.contains(UTILITY_MARKS) {
        return None;
    }
    let lower = token.to_ascii_lowercase();
    let whole = HINT_TABLE.get(lower.as_str()).copied();
    let split = parts(&lower, token);
    // `has-sidebar`, `no-sidebar`, `with-comments`: a modifier says what the element holds or
    // lacks, not what it is.
    if whole.is_none() && split.first().is_some_and(|p| MODIFIERS.contains(&p.as_str())) {
        return None;
    }
    // Two-part words (`post-content`) also count inside longer tokens (`js_post-content`).
    let mut pair = String::new();
    let pairs = split.windows(2).filter_map(move |w| match w {
        [a, b] => {
            pair.clear();
            pair.push_str(a);
            pair.push('-');
            pair.push_str(b);
            HINT_TABLE.get(pair.as_str()).copied()
        }
        _ => None,
    });
    let categories: Vec<HintWord> = whole
        .into_iter()
        .chain(split.iter().filter_map(|p| HINT_TABLE.get(p.as_str()).copied()))
        .chain(pairs)
        .collect();
    // An embed (a tweet, a video) inside the article is content, whatever else the token says.
    if categories.contains(&HintWord::Embedded) {
        return None;
    }
    // A token naming the article body (`entry-content-read-more`) is the body.
    if categories.contains(&HintWord::StrongContent) {
        return Some(Hint::StrongContent);
    }
    let mut best: Option<Hint> = None;
    for category in categories {
        let hint = match category {
            HintWord::Content => Hint::Content,
            HintWord::Boilerplate(rule) => Hint::Boilerplate(rule),
            HintWord::StrongContent | HintWord::Embedded => continue,
        };
        if best.as_ref().is_none_or(|b| hint.rank() > b.rank()) {
            best = Some(hint);
        }
    }
    best
}

/// Splits a class token on `-`, `_` and camelCase boundaries (`shareBar` → `share`, `bar`).
pub(super) fn parts(lower: &str, original: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for (c, lc) in original.chars().zip(lower.chars()) {
        if c == '-' || c == '_' || c == ' ' {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(lc);
        prev_lower = c.is_lowercase();
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_modifier_token_names_what_its_element_holds_not_what_it_is() {
        assert_eq!(token_hint("sidebar"), Some(Hint::Boilerplate(Rule::Navigation)));
        assert_eq!(token_hint("left-sidebar"), Some(Hint::Boilerplate(Rule::Navigation)));
        for modifier in [
            "has-rail-right",
            "no-sidebar",
            "with-comments",
            "without-sidebar",
            "hasSidebar",
        ] {
            assert_eq!(token_hint(modifier), None, "{modifier}");
        }
        // A whole token the hints list names keeps its meaning.
        assert_eq!(token_hint("comments"), Some(Hint::Boilerplate(Rule::Comments)));
    }

    /// Failure class 2 of issue 9: a utility class's value or state is not a name.
    #[test]
    fn a_utility_class_says_nothing_of_what_its_element_holds() {
        assert_eq!(token_hint("nav-height"), Some(Hint::Boilerplate(Rule::Navigation)));
        for utility in [
            "top-[var(--nav-height)]",
            "md:sidebar",
            "w-1/2",
            "!share-0",
            "[&>nav]:hidden",
        ] {
            assert_eq!(token_hint(utility), None, "{utility}");
        }
    }
}
