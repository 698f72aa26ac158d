//! Person names in bylines (`By Jane Doe and John Roe`): classify drops such lines, provenance
//! reads the authors off them.

use std::sync::LazyLock;

use crate::text::pattern::Pattern;

use super::lang::{self, List};

/// A byline line of a text dump: its labels (the `byline-labels` lists: `By`, `Written by`,
/// `Von`, `Autor:`; a label written with a colon may take one), and the first words of those
/// labels, which spare most lines the regex.
struct BylineLabels {
    regex: Pattern,
    first_words: Vec<&'static str>,
}

static BYLINE: LazyLock<Option<BylineLabels>> = LazyLock::new(|| {
    let mut labels: Vec<&str> = lang::all(List::BylineLabels).collect();
    labels.sort_unstable();
    labels.dedup();
    let alternatives: Vec<String> = labels
        .iter()
        .map(|label| match label.strip_suffix(':') {
            Some(word) => format!("{}:?", lang::pattern(word)),
            None => lang::pattern(label),
        })
        .collect();
    let regex = Pattern::new(&format!(r"(?i)^\s*(?:{})\s+(.+)$", alternatives.join("|")))?;
    let mut first_words: Vec<&str> = labels
        .iter()
        .filter_map(|label| label.split(' ').next())
        .map(|word| word.trim_end_matches(':'))
        .collect();
    first_words.sort_unstable();
    first_words.dedup();
    Some(BylineLabels { regex, first_words })
});

/// What joins two names in a byline, spaced: `&` and the `conjunctions` of every language.
static CONJUNCTIONS: LazyLock<Vec<String>> = LazyLock::new(|| {
    std::iter::once("&")
        .chain(lang::union(List::Conjunctions).lines().iter().copied())
        .map(|word| format!(" {word} "))
        .collect()
});

/// `A and B` → `A, B`, in any language (`A und B`, `A & B`).
pub(crate) fn conjunctions_to_commas(text: &str) -> String {
    CONJUNCTIONS.iter().fold(text.to_string(), |text, conjunction| {
        text.replace(conjunction.as_str(), ", ")
    })
}

/// The names in a byline (`By Jane Doe and John Roe`), or None when the line is not one.
pub(crate) fn byline_names(text: &str) -> Option<Vec<String>> {
    let labels = BYLINE.as_ref()?;
    // Most short lines are not bylines; a look at the first word spares them the regex.
    let first = text.split_whitespace().next()?.to_lowercase();
    if !labels.first_words.contains(&first.trim_end_matches(':')) {
        return None;
    }
    let rest = labels.regex.groups(text.trim())?.get(1)?.as_str();
    let rest = rest.split(['|', '•', '—', '–']).next().unwrap_or(rest);
    let mut names = Vec::new();
    let normalized = conjunctions_to_commas(rest);
    for part in normalized.split([',', ';']) {
        let part = part.trim().trim_end_matches('.');
        if part.is_empty() {
            continue;
        }
        if part
            .split_whitespace()
            .any(|w| lang::union(List::BylineRoles).contains(w))
        {
            break;
        }
        if !looks_like_name(part, false) {
            return if names.is_empty() { None } else { Some(names) };
        }
        names.push(part.to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// Whether the byline label that opens `text` is one `language` writes (its own `byline-labels`
/// or English's, which pages in every language use): a Dutch "Door" opening an English menu
/// item ("Door Check Gas Springs") is no byline label there. True when the language is unknown.
pub(crate) fn byline_label_of(text: &str, language: Option<&str>) -> bool {
    let Some(code) = language else { return true };
    let code = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    let opening = text.trim_start().to_lowercase();
    [code.as_str(), "en"].iter().any(|c| {
        lang::words(List::BylineLabels, c).lines().iter().any(|label| {
            let word = label.trim_end_matches(':');
            opening
                .strip_prefix(word)
                .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_whitespace() || ch == ':'))
        })
    })
}

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
    // Sentence words count in lower case only; control words in any case (`Sign In`).
    let sentence_words = lang::union(List::SentenceWords);
    let control_words = lang::union(List::ControlWords);
    let sentence = bare.iter().any(|w| sentence_words.contains_exact(w));
    let control = bare.iter().any(|w| control_words.contains(w));
    if sentence || control {
        return false;
    }
    let capitalised = |w: &str| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    let identifier_parts = text.split(['.', '_']).any(|w| control_words.contains(w));
    if identifier_parts {
        return false;
    }
    if lenient {
        // A user name (`jsteinhardt`, `annette thurmon`) but not a phrase.
        return words.len() <= 2 || words.iter().any(|w| capitalised(w));
    }
    let particles = lang::union(List::NameParticles);
    words.iter().all(|w| capitalised(w) || particles.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_label_counts_in_its_own_language_and_english() {
        // Dutch "door" (by) opening an English menu item is no byline there.
        assert!(!byline_label_of("Door Check Gas Springs", Some("en")));
        assert!(byline_label_of("Door Jan de Vries", Some("nl")));
        assert!(byline_label_of("door: Jan de Vries", Some("nl-NL")));
        // English labels are read on pages in any language; an unknown language reads them all.
        assert!(byline_label_of("By Jana Schmidt", Some("de")));
        assert!(byline_label_of("Von Jana Schmidt", Some("de")));
        assert!(!byline_label_of("Von Jana Schmidt", Some("en")));
        assert!(byline_label_of("Door Check Gas Springs", None));
        // A word that only begins with a label is not it.
        assert!(!byline_label_of("Doorbell Repairs", Some("nl")));
    }

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
