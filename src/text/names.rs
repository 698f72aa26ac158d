//! Person names in bylines (`By Jane Doe and John Roe`): classify drops such lines, provenance
//! reads the authors off them.

use std::sync::LazyLock;

use regex::Regex;

static BYLINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:by|written by|words by|von|par|por|di|door|av|autor(?:a)?:?|автор:?|текст:?)\s+(.+)$").ok()
});

/// Words that end the name list in a byline (`By Jane Doe, Staff Writer`).
const ROLE_WORDS: &[&str] = &[
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "staff",
    "contributor",
    "columnist",
    "news",
    "bureau",
    "updated",
    "published",
    "redakteur",
    "korrespondent",
    "journaliste",
    "rédaction",
    "redacción",
    "corresponsal",
    "корреспондент",
];

/// The names in a byline (`By Jane Doe and John Roe`), or None when the line is not one.
pub(crate) fn byline_names(text: &str) -> Option<Vec<String>> {
    // Most short lines are not bylines; a look at the first word spares them the regex.
    let first = text.split_whitespace().next()?.to_lowercase();
    let opener = [
        "by",
        "written",
        "words",
        "von",
        "par",
        "por",
        "di",
        "door",
        "av",
        "autor",
        "autora",
        "автор",
        "текст",
    ];
    if !opener.iter().any(|w| first.trim_end_matches(':') == *w) {
        return None;
    }
    let re = BYLINE.as_ref()?;
    let rest = re.captures(text.trim())?.get(1)?.as_str();
    let rest = rest.split(['|', '•', '—', '–']).next().unwrap_or(rest);
    let mut names = Vec::new();
    let normalized = rest
        .replace(" and ", ", ")
        .replace(" & ", ", ")
        .replace(" und ", ", ")
        .replace(" et ", ", ")
        .replace(" y ", ", ")
        .replace(" и ", ", ");
    for part in normalized.split([',', ';']) {
        let part = part.trim().trim_end_matches('.');
        if part.is_empty() {
            continue;
        }
        let lower = part.to_lowercase();
        if ROLE_WORDS.iter().any(|w| lower.split_whitespace().any(|x| x == *w)) {
            break;
        }
        if !looks_like_name(part, false) {
            return if names.is_empty() { None } else { Some(names) };
        }
        names.push(part.to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// Words that, in lower case, make a sentence rather than a name.
const SENTENCE_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "for", "with", "is", "are", "was", "this", "that", "our", "your", "we",
    "you", "it", "has", "have", "from", "at", "as", "or", "by", "be", "will", "can", "how", "what", "why", "such",
    "not", "all", "its", "their", "into", "using",
];

/// Words of controls and labels, in any case: `Sign In`, `View more posts`, `The Author`.
const CONTROL_WORDS: &[&str] = &[
    "read",
    "more",
    "view",
    "posts",
    "sign",
    "login",
    "log",
    "subscribe",
    "menu",
    "search",
    "share",
    "follow",
    "profile",
    "comments",
    "comment",
    "click",
    "here",
    "about",
    "contact",
    "home",
    "privacy",
    "cookies",
    "newsletter",
    "reply",
    "author",
    "authors",
    "min",
    "minutes",
];

/// Words allowed in lower case inside a name (`Ludwig van Beethoven`).
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "do", "bin", "al",
    "ibn", "ten", "ter", "y", "zu", "st.",
];

/// Whether `text` reads as a person's or organisation's display name: one to six words, no
/// digits, no sentence words; unless `lenient`, capitalised (particles aside). The one name
/// check of pith: a byline line of a dump and a byline element of a page are read alike
/// (`By Maria dos Santos` names her in both).
pub(crate) fn looks_like_name(text: &str, lenient: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || text.chars().count() > 60 {
        return false;
    }
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, ':' | '|' | '?' | '!' | '=' | '{' | '}' | '<' | '>'))
    {
        return false;
    }
    // A word's brackets and punctuation aside: `(Author)` is the control word it holds.
    let bare: Vec<&str> = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let sentence = bare.iter().any(|w| SENTENCE_WORDS.contains(w));
    let control = bare.iter().any(|w| CONTROL_WORDS.contains(&w.to_lowercase().as_str()));
    if sentence || control {
        return false;
    }
    let capitalised = |w: &str| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    let identifier_parts = text
        .split(['.', '_'])
        .any(|w| CONTROL_WORDS.contains(&w.to_lowercase().as_str()));
    if identifier_parts {
        return false;
    }
    if lenient {
        // A user name (`jsteinhardt`, `annette thurmon`) but not a phrase.
        return words.len() <= 2 || words.iter().any(|w| capitalised(w));
    }
    words
        .iter()
        .all(|w| capitalised(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(byline_names("By Pyotr Kozlov"), Some(vec!["Pyotr Kozlov".to_string()]));
        assert_eq!(
            byline_names("By Jane Doe and John van der Berg"),
            Some(vec!["Jane Doe".to_string(), "John van der Berg".to_string()])
        );
        assert_eq!(
            byline_names("By Jane Doe, Staff Writer"),
            Some(vec!["Jane Doe".to_string()])
        );
        assert_eq!(byline_names("by the way, this is not a byline"), None);
        assert_eq!(byline_names("By 2025 the plan will be done"), None);
        assert_eq!(
            byline_names("By Maria dos Santos"),
            Some(vec!["Maria dos Santos".to_string()])
        );
    }

    #[test]
    fn one_name_check_for_every_stage() {
        assert!(looks_like_name("Maria dos Santos", false));
        assert!(looks_like_name("Ludwig van Beethoven", false));
        // A control word in brackets is still a control word; a label is not a name.
        assert!(!looks_like_name("James Clear (Author)", false));
        assert!(!looks_like_name("Contact Form: Click Here", false));
        assert!(!looks_like_name("Read more posts", false));
        assert!(!looks_like_name("jane doe", false));
        assert!(looks_like_name("jsteinhardt", true));
        assert!(!looks_like_name("One Two Three Four Five Six Seven", false));
    }
}
