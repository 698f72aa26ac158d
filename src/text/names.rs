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
        if !looks_like_name(part) {
            return if names.is_empty() { None } else { Some(names) };
        }
        names.push(part.to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// One to five words, the first and last capitalised; small particles (`van`, `de`) may be lower case.
fn looks_like_name(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let particle = |w: &str| {
        matches!(
            w,
            "van" | "von" | "de" | "der" | "den" | "da" | "di" | "del" | "la" | "le" | "bin" | "al" | "ibn" | "du"
        )
    };
    words.first().is_some_and(|w| capital(w))
        && words.last().is_some_and(|w| capital(w))
        && words.iter().all(|w| capital(w) || particle(w))
        && words.iter().all(|w| !w.chars().any(|c| c.is_ascii_digit()))
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
    }
}
