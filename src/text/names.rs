//! Person names in bylines (`By Jane Doe and John Roe`): classify drops such lines, provenance
//! reads the authors off them.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::pattern::Pattern;

use super::clean_text;
use super::date::find_date;
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
fn conjunctions_to_commas(text: &str) -> String {
    CONJUNCTIONS.iter().fold(text.to_string(), |text, conjunction| {
        text.replace(conjunction.as_str(), ", ")
    })
}

/// The names in a byline line of the rules (`By Jane Doe and John Roe`), or None when the line is
/// not one: it must open with a `byline-labels` label, and its names are read by [`read_byline`],
/// the one reader of bylines, each capitalised (a line's lower-case word after `By` is prose).
pub(crate) fn byline_names(text: &str) -> Option<Vec<String>> {
    let labels = BYLINE.as_ref()?;
    // Most short lines are not bylines; a look at the first word spares them the regex.
    let first = text.split_whitespace().next()?.to_lowercase();
    if !labels.first_words.contains(&first.trim_end_matches(':')) {
        return None;
    }
    // What follows the label is read as a labelled byline (`Текст: Иван Петров`, whose label is
    // no page byline label, as well as `By Reuters`).
    let rest = labels.regex.groups(text.trim())?.get(1)?.as_str();
    let names: Vec<String> = read_byline(&[rest], true)?
        .into_iter()
        .take_while(|name| looks_like_name(name, false))
        .collect();
    (!names.is_empty()).then_some(names)
}

/// Whether the byline label that opens `text` is one `language` writes (its own `byline-labels`
/// or English's, which pages in every language use): a Dutch "Door" opening an English menu
/// item ("Door Check Gas Springs") is no byline label there. True when the language is unknown.
pub(crate) fn byline_label_of(text: &str, language: Option<&str>) -> bool {
    let Some(code) = language else { return true };
    let code = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    let opening = text.trim_start().to_lowercase();
    // What follows `label` at the start of `text`, when the label ends there as a word.
    fn after<'t>(text: &'t str, label: &str) -> Option<&'t str> {
        text.strip_prefix(label.trim_end_matches(':'))
            .filter(|rest| rest.is_empty() || rest.starts_with(|ch: char| ch.is_whitespace() || ch == ':'))
    }
    [code.as_str(), "en"].iter().any(|c| {
        let words = |list: List| lang::words(list, c).lines();
        let opens = |list: List| words(list).iter().any(|label| after(&opening, label).is_some());
        // `By`, `Written by`; `Author:`, `Contributors:`; a verb and a preposition (`Posted by`).
        opens(List::BylineLabels)
            || opens(List::AuthorLabels)
            || words(List::BylineVerbs).iter().any(|verb| {
                after(&opening, verb).is_some_and(|rest| {
                    let rest = rest.trim_start();
                    words(List::BylinePrepositions)
                        .iter()
                        .any(|preposition| after(rest, preposition).is_some())
                })
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

/// A label that opens a byline: `By`, `Written by`, `Author:`, `Von`, `Par`, `Por`, … (the
/// `byline-verbs`, `byline-prepositions` and `author-labels` lists of every language).
static BYLINE_LABEL: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    let verbs = lang::alternation(lang::all(List::BylineVerbs));
    let prepositions = lang::alternation(lang::all(List::BylinePrepositions));
    // A label that ends in a letter ends at a word's end (`Author` but not `Authority`).
    // Longest first: `Author(s)` whole, not `Author` and then `(s)`.
    let mut labels: Vec<&str> = lang::all(List::AuthorLabels).collect();
    labels.sort_by_key(|label| (Reverse(label.chars().count()), *label));
    labels.dedup();
    let labels: Vec<String> = labels
        .iter()
        .map(|label| {
            if label.ends_with(char::is_alphanumeric) {
                format!(r"{}\b", lang::pattern(label))
            } else {
                lang::pattern(label)
            }
        })
        .collect();
    Pattern::new(&format!(
        r"(?i)^(?:(?:{verbs})\s+)?(?:{prepositions})\b\s*:?\s*|^(?:{})\s*:?\s*",
        labels.join("|")
    ))
});

/// Where a byline's names end: a separator (any symbol or punctuation mark standing alone
/// between spaces, `Jane Doe ⋅ Editor`, `Jane Doe » Tue`, but not a name's own `&` or `.`,
/// nor the `©` of a copyright line, which is no byline), a
/// date, a "Published"/"Updated" label, another credit ("Reviewed by", "Photos by": the
/// `byline-ends` lists), a reading time.
static BYLINE_END: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    let ends = lang::all(List::BylineEnds).map(|end| format!(r"\b{}\b", lang::pattern(end)));
    // English month and weekday abbreviations: "on Mar 3", "on Tuesday", "March 3", "3 Mar".
    let short = |list: List| -> Vec<&str> {
        lang::words(list, "en")
            .lines()
            .iter()
            .flat_map(|line| line.split(' '))
            .filter(|name| name.chars().count() == 3)
            .collect()
    };
    let months = lang::alternation(short(List::Months));
    let days = lang::alternation(short(List::Months).into_iter().chain(short(List::Weekdays)));
    Pattern::new(&format!(
        r"(?i)\s*(?:\||•|·|—|–|\s-\s|\s[\p{{S}}\p{{P}}--[&,.'’()\-\x22“”©]](?:\s|$)|{}|\bon\s+(?:\d|{days})|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b|\b(?:{months})[a-z]*\.?\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})[a-z]*\b|\b\d{{1,2}}\s+min(?:ute)?s?\s+read\b|\b\d{{4}}-\d{{2}}-\d{{2}})",
        ends.collect::<Vec<_>>().join("|")
    ))
});

/// The names in one byline text: a leading label (`By`, `Written by`) cut, everything from a
/// date, separator or "Reviewed by" on cut, `A, B and C` split, each part checked as a name.
pub(crate) fn names_in(text: &str, lenient: bool) -> Vec<String> {
    let mut text = text.trim();
    if let Some(m) = BYLINE_LABEL.as_ref().and_then(|re| re.find(text)) {
        text = text.get(m.end()..).unwrap_or(text);
    }
    let (part, _) = cut_byline_end(text);
    split_names(part, lenient, false)
}

/// Whether a text opens with a byline label (`By …`, `Written by: …`, `Author: …`) at its first
/// byte (give it trimmed).
pub(crate) fn opens_with_byline_label(text: &str) -> bool {
    BYLINE_LABEL.as_ref().is_some_and(|re| re.is_match(text))
}

/// Whether a text is a byline label and nothing else ("Written by", "Author:", "Geschrieben von").
pub(crate) fn is_byline_label(text: &str) -> bool {
    let text = text.trim();
    BYLINE_LABEL
        .as_ref()
        .and_then(|re| re.find(text))
        .is_some_and(|m| m.end() == text.len() && !text.is_empty())
}

/// A `byline-ends` word glued to the name before it, as a scrape writes a link's text and the
/// label after it (`[Jane Doe](…)Published:` → `Jane DoePublished:`): a lower-case letter, then
/// the word with a capital. The names end after the lower-case letter.
static GLUED_BYLINE_END: LazyLock<Option<Pattern>> = LazyLock::new(|| {
    let ends = lang::all(List::BylineEnds).filter_map(|end| {
        let mut chars = end.chars();
        let first = chars.next()?;
        let rest: String = chars.collect();
        Some(format!("{}(?i:{})", first.to_uppercase(), lang::pattern(&rest)))
    });
    Pattern::new(&format!(r"\p{{Ll}}(?:{})\b", ends.collect::<Vec<_>>().join("|")))
});

/// The text before where a byline's names would end (a separator, a date, a reading time: see
/// [`cut_byline_end`]), when something ends them: `Jane Doe • Oct 20, 2025` → `Jane Doe`.
pub(crate) fn before_byline_end(text: &str) -> Option<&str> {
    let (part, ended) = cut_byline_end(text);
    ended.then_some(part)
}

/// The byline up to where its names end, and whether it ended there.
fn cut_byline_end(text: &str) -> (&str, bool) {
    let end = BYLINE_END.as_ref().and_then(|re| re.find(text)).map(|m| m.start());
    let glued = GLUED_BYLINE_END
        .as_ref()
        .and_then(|re| re.find(text))
        .and_then(|m| text.get(m.start()..)?.chars().next().map(|c| m.start() + c.len_utf8()));
    match end.into_iter().chain(glued).min() {
        Some(at) => (text.get(..at).unwrap_or(text), true),
        None => (text, false),
    }
}

/// Reads names from the text nodes of a byline: an optional label (`By`, `Written by:`), then a
/// name, and more names while connectors (`,`, `and`, `&`) join them. `labelled` says the
/// context already marks these as authors (`rel=author`), which admits lower-case user names.
pub(crate) fn read_byline(texts: &[&str], labelled: bool) -> Option<Vec<String>> {
    let mut labelled = labelled;
    let mut names: Vec<String> = Vec::new();
    let mut more = false;
    for text in texts.iter().take(12) {
        let mut text = text.trim();
        if let Some(m) = BYLINE_LABEL.as_ref().and_then(|re| re.find(text)) {
            if !names.is_empty() {
                break;
            }
            let label = m.as_str();
            text = text.get(m.end()..).unwrap_or("").trim();
            // A label written twice, the page's and the text's (`Written by by Jane Doe`).
            if let Some(again) = BYLINE_LABEL.as_ref().and_then(|re| re.find(text)) {
                text = text.get(again.end()..).unwrap_or("").trim();
            }
            // `By leveraging new tools …` opens a sentence, not a byline (`by ibby` does).
            if text.chars().next().is_some_and(char::is_lowercase) && text.split_whitespace().count() > 2 {
                break;
            }
            // A noun label (`Author`, `Writer`) with no colon stands alone over the names: with
            // words after it, it is a heading or a job title (`Author information`, `Written
            // Communication`, `Writer, Hardware`); `Author: ibby` and `by ibby` are bylines.
            if !text.is_empty() && !label.contains(':') && !ends_with_preposition(label) {
                break;
            }
            labelled = true;
        }
        if text.is_empty() {
            continue;
        }
        if is_connector(text) {
            more = !names.is_empty();
            continue;
        }
        let joined = starts_with_connector(text);
        if !names.is_empty() && !more && !joined {
            break;
        }
        // An avatar's initials (`CM`) before the name.
        if names.is_empty() && text.chars().count() <= 3 && text.chars().all(char::is_uppercase) {
            continue;
        }
        // A date before the name in the same text (`Dec 17, 2025 · Jane Doe`).
        if names.is_empty() {
            text = after_leading_date(text);
        }
        let (part, ended) = cut_byline_end(text);
        // A date or separator before the name (`Dec 17, 2025` `·` `Jane Doe`).
        if names.is_empty() && part.trim().is_empty() {
            continue;
        }
        // A text joined on by a comma continues the names before it: a job title there ends
        // them (`Jane Doe` `, Senior Director, Marketing`), as it would in one text.
        let mut found = split_names(part, labelled, joined && !names.is_empty());
        // Without a label, one capitalised word is as likely a category (`Lifestyle`) as a name.
        if !labelled && found.iter().any(|n| !n.contains(' ')) {
            found.clear();
        }
        if found.is_empty() && !part.trim().is_empty() {
            break;
        }
        names.extend(found);
        more = ends_with_connector(part);
        if ended {
            break;
        }
    }
    (!names.is_empty()).then_some(names)
}

/// Whether a byline label ends with its preposition (`by`, `Written by`, `von`), not a noun.
fn ends_with_preposition(label: &str) -> bool {
    label
        .split_whitespace()
        .next_back()
        .is_some_and(|word| lang::union(List::BylinePrepositions).contains(word))
}

/// The text after a date it opens with and the separators that follow it (`March 3, 2025 ·
/// Jane Doe` → `Jane Doe`); the text itself when it does not open with a date.
fn after_leading_date(text: &str) -> &str {
    let Some(found) = find_date(text) else {
        return text;
    };
    let opens = text
        .get(..found.start)
        .is_some_and(|before| !before.chars().any(char::is_alphanumeric));
    match text.get(found.end..) {
        Some(rest) if opens => after_separators(rest),
        _ => text,
    }
}

/// A text without the spaces and separators it opens with (`· `, `| `, `— `, `, `, `/ `): what
/// stands between a date and the byline after it.
pub(crate) fn after_separators(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '·' | '•' | '|' | '—' | '–' | '-' | ',' | '/'))
}

/// `and`, `&`, `und`, … between two names (the `conjunctions` of every language); `exact`: as
/// written, else in any case.
fn is_conjunction(word: &str, exact: bool) -> bool {
    let conjunctions = lang::union(List::Conjunctions);
    word == "&"
        || if exact {
            conjunctions.contains_exact(word)
        } else {
            conjunctions.contains(word)
        }
}

fn is_connector(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c == ',' || c.is_whitespace());
    text.is_empty() || is_conjunction(text, false)
}

fn starts_with_connector(text: &str) -> bool {
    text.starts_with(',') || text.split_whitespace().next().is_some_and(|w| is_conjunction(w, true))
}

fn ends_with_connector(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with(',') || text.split_whitespace().last().is_some_and(|w| is_conjunction(w, true))
}

/// `A, B and C` → [A, B, C], up to the first part that is not a name; credentials after a
/// comma stay with their name (`Jane Doe, MD`); a job title after a name is cut
/// (`Jane Doe Senior Reporter`). `after_name`: the text continues a byline that has named
/// someone already, so a job title first in it ends the names as one after a name would.
fn split_names(text: &str, lenient: bool, after_name: bool) -> Vec<String> {
    let Some(text) = clean_text(text) else {
        return Vec::new();
    };
    let text = text
        .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
        .trim_end_matches(|c: char| matches!(c, ',' | ';' | ':' | '-' | '*') || c.is_whitespace());
    let text = text.trim_matches(|c| matches!(c, '"' | '“' | '”' | '\''));
    if text.is_empty() {
        return Vec::new();
    }
    let mut names: Vec<String> = Vec::new();
    for part in conjunctions_to_commas(text).split([',', ';']) {
        let part = part.trim();
        let part = part.strip_prefix("and ").unwrap_or(part).trim();
        let part = undoubled(without_closing_dots(part));
        if part.is_empty() {
            continue;
        }
        match names.last_mut() {
            Some(last) if is_credential(part) => {
                last.push_str(", ");
                last.push_str(part);
            }
            // `Jane Doe, Senior Editor`: the title ends the names.
            Some(_) if title_at(part).is_some() => break,
            None if after_name && title_at(part).is_some() => break,
            // Leniently read, the first name only: a later part in lower case describes the
            // names before it (`Jane Doe and John Roe, Extension horticulture educators`).
            _ => match person_name(&cut_job_title(part))
                .filter(|n| looks_like_name(n, lenient && names.is_empty() && !after_name))
            {
                Some(name) => names.push(name),
                None => break,
            },
        }
    }
    names
}

/// A word this short before a name's last full stop is an abbreviation that owns the stop
/// (`Q.`, `Jr.`, `Dr.`, `Inc.`, `Ltd.`); a longer one (`Cobb.`) ends a sentence.
const ABBREVIATION_MAX_LETTERS: usize = 3;

/// A name without the full stop or ellipsis that ends the sentence it closes (`Jeff Cobb.`,
/// `MD...`); an initial's, an abbreviation's or dotted letters' own stop stays (`John Q.`,
/// `Jr.`, `Inc.`, `Ph.D.`).
fn without_closing_dots(part: &str) -> &str {
    let part = part.trim_end_matches(['…']).trim_end();
    if let Some(bare) = part.strip_suffix("...") {
        return bare.trim_end();
    }
    let Some(bare) = part.strip_suffix('.') else {
        return part;
    };
    let last = bare.rsplit(char::is_whitespace).next().unwrap_or(bare);
    if last.contains('.') || last.chars().filter(|c| c.is_alphabetic()).count() <= ABBREVIATION_MAX_LETTERS {
        part
    } else {
        bare
    }
}

/// A name written twice in a row (an avatar's text and the name: `Colin Gray Colin Gray`), once.
fn undoubled(part: &str) -> &str {
    let words: Vec<&str> = part.split_whitespace().collect();
    let half = words.len() / 2;
    if half == 0 || words.len() % 2 != 0 || words[..half] != words[half..] {
        return part;
    }
    // The first half ends where its last word does (words are slices of `part`).
    let last = words[half - 1];
    let end = last.as_ptr() as usize - part.as_ptr() as usize + last.len();
    part.get(..end).unwrap_or(part)
}

/// The index of the first word of a job title in `part`, if any.
fn title_at(part: &str) -> Option<usize> {
    part.split_whitespace()
        .position(|w| lang::union(List::JobTitles).contains(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')))
}

/// `Jane Doe Senior Reporter` → `Jane Doe`; `Podium Staff` stays. A title in brackets goes
/// with its brackets (`Jane Doe (Content Manager)` → `Jane Doe`, not `Jane Doe (Content`).
fn cut_job_title(part: &str) -> String {
    match title_at(part) {
        Some(at) if at >= 2 => {
            let kept: Vec<&str> = part.split_whitespace().take(at).collect();
            // The words before an opening bracket the cut would leave unclosed.
            let open = kept
                .iter()
                .rposition(|w| w.contains('(') && !w.contains(')'))
                .unwrap_or(kept.len());
            kept.get(..open).unwrap_or(&kept).join(" ")
        }
        _ => part.to_string(),
    }
}

/// Post-nominal letters: `MD`, `Ph.D.`, `RD`, `MSc`, `CFA`, `E-RYT 200`.
fn is_credential(part: &str) -> bool {
    let letters: String = part.chars().filter(|c| c.is_alphabetic()).collect();
    let words = part.split_whitespace().count();
    if letters.is_empty() || words > 2 || letters.chars().count() > 6 {
        return false;
    }
    let upper = letters.chars().filter(|c| c.is_uppercase()).count();
    let dotted = part.contains('.') && upper >= 1;
    upper * 2 > letters.chars().count() || dotted
}

/// A name written surname first, turned around (`Roy, Aniruddha` → `Aniruddha Roy`, `Berger,
/// Emery D.` → `Emery D. Berger`, `van der Berg, J. Q.`); None for any other text (`Jane Doe`,
/// `Jane Doe, PhD`, `A, B, C`): after the comma must come a given name or an initial. Only
/// where a tag holds one person (`citation_author`): elsewhere a comma joins two names.
pub(crate) fn surname_first(text: &str) -> Option<String> {
    let (surname, given) = text.split_once(',')?;
    let (surname, given) = (surname.trim(), given.trim());
    let words = |part: &str| part.split_whitespace().count();
    let fits = |part: &str| (1..=SURNAME_FIRST_MAX_WORDS).contains(&words(part)) && !part.contains(',');
    // `Jeff`, `J.`: a capital, then lower-case letters or the initial's stop (not `PhD`, `MSc`).
    let given_name = |word: &str| {
        let rest: Vec<char> = word.chars().skip(1).collect();
        word.chars().next().is_some_and(char::is_uppercase)
            && (rest == ['.'] || (!rest.is_empty() && rest.iter().all(|c| c.is_lowercase() || *c == '-')))
    };
    let opens_with_given = given.split_whitespace().next().is_some_and(given_name);
    (fits(surname) && fits(given) && opens_with_given).then(|| format!("{given} {surname}"))
}

/// The most words on either side of a surname-first name's comma (`de la Cruz, Maria Luisa`).
const SURNAME_FIRST_MAX_WORDS: usize = 3;

/// Drops repeated names (ignoring case and whitespace), keeping the first.
pub(crate) fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, ()> = HashMap::new();
    names
        .into_iter()
        .filter(|n| {
            let key = n.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            seen.insert(key, ()).is_none()
        })
        .collect()
}

/// A run of this many lower-case letters running into a capital is two words a scrape glued
/// (`Meg JamesStaff`, `Nicoletta RichardsonTrending`); a name's own inner capital comes sooner
/// (`McDonald`, `MacFarlane`, `FitzGerald`).
const GLUED_AFTER_LOWER: usize = 4;

/// Whether a link's target is an author's page, as CMSs write it (`/author/jane-doe/`,
/// `/authors/jane`): the link's text is then that author's name.
pub(crate) fn is_author_page(href: &str) -> bool {
    href.contains("/author/") || href.contains("/authors/")
}

/// A name without what a scrape glued to it: a handle (`Chris Pokorny@DawgsByNature`) or the
/// next word run into its last word (`Michael HiltzikBusiness` → `Michael Hiltzik`). A name of
/// one word keeps its inner capitals (`CottageCare`, `ShawnHymel`).
pub(crate) fn unglued(name: &str) -> &str {
    let mut lower_run = 0;
    for (at, c) in name.char_indices() {
        let spaced = name
            .get(..at)
            .is_some_and(|before| before.trim().contains(char::is_whitespace));
        if c == '@' || (c.is_uppercase() && lower_run >= GLUED_AFTER_LOWER && spaced) {
            return name.get(..at).unwrap_or(name).trim_end();
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    name
}

/// More links to author pages than a byline holds: a list of a site's authors, not one
/// article's.
pub(crate) const MAX_LINKED_AUTHORS: usize = 64;

/// The authors named by the texts of links to their pages (`<a href="/authors/jane-doe">`,
/// `[Jane Doe](/author/jane/)`), each read as a labelled byline (a link's text may hold the
/// label too: `By Jane Doe`), in order, once each; None when one is no name or there are more
/// than [`MAX_LINKED_AUTHORS`].
pub(crate) fn linked_authors<'t>(labels: impl IntoIterator<Item = &'t str>) -> Option<Vec<String>> {
    let labels: Vec<&str> = labels.into_iter().take(MAX_LINKED_AUTHORS + 1).collect();
    if labels.len() > MAX_LINKED_AUTHORS {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    for label in labels {
        for name in read_byline(&[label], true)? {
            let name = unglued(&name).to_string();
            if !looks_like_name(&name, true) {
                return None;
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    (!names.is_empty()).then_some(names)
}

/// A display name as given, or None for URLs, e-mail-only and empty values.
pub(crate) fn person_name(raw: &str) -> Option<String> {
    let text = clean_text(raw)?;
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with('/')
    {
        return None;
    }
    if text.contains('@') && !text.contains(' ') {
        return None;
    }
    if !text.chars().any(char::is_alphabetic) || text.chars().count() > 120 {
        return None;
    }
    // `admin`, `undefined`: a CMS's default account or a template's empty value.
    if lang::union(List::PlaceholderNames).contains(text.trim()) {
        return None;
    }
    Some(text)
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
        // An author label and a verb with its preposition are labels too.
        assert!(byline_label_of("Author: Jane Doe", Some("en")));
        assert!(byline_label_of("Contributors: Jane Doe", Some("en")));
        assert!(byline_label_of("Posted by Jane Doe on March 3, 2025", Some("en")));
        assert!(!byline_label_of("Authority figures", Some("en")));
    }

    #[test]
    fn a_noun_label_with_no_colon_and_words_after_it_is_no_byline() {
        assert_eq!(read_byline(&["Author information"], false), None);
        assert_eq!(read_byline(&["Author stats"], false), None);
        assert_eq!(read_byline(&["Written Communication"], false), None);
        assert_eq!(read_byline(&["Writer, Hardware"], false), None);
        assert_eq!(read_byline(&["Author: ibby"], false), Some(vec!["ibby".to_string()]));
        assert_eq!(read_byline(&["by ibby"], false), Some(vec!["ibby".to_string()]));
        assert_eq!(
            read_byline(&["Author", "Jane Doe"], false),
            Some(vec!["Jane Doe".to_string()])
        );
    }

    #[test]
    fn only_a_bylines_first_name_may_be_in_lower_case() {
        // `Authors:` admits a user name first; a phrase after the names describes them.
        assert_eq!(
            read_byline(&["Authors: Jane Doe and John Roe, Extension garden educators"], false),
            Some(vec!["Jane Doe".to_string(), "John Roe".to_string()])
        );
        assert_eq!(
            read_byline(&["Author: annette thurmon"], false),
            Some(vec!["annette thurmon".to_string()])
        );
    }

    #[test]
    fn a_dump_byline_line_is_read_after_its_own_label() {
        assert_eq!(
            byline_names("Текст: Иван Петров"),
            Some(vec!["Иван Петров".to_string()])
        );
        assert_eq!(byline_names("By Reuters"), Some(vec!["Reuters".to_string()]));
        assert_eq!(byline_names("By leveraging new tools"), None);
        assert_eq!(
            byline_names("Written by by Jane Doe | May 3, 2024"),
            Some(vec!["Jane Doe".to_string()])
        );
    }

    #[test]
    fn a_surname_first_name_is_turned_around() {
        assert_eq!(surname_first("Roy, Aniruddha").as_deref(), Some("Aniruddha Roy"));
        assert_eq!(surname_first("Berger, Emery D.").as_deref(), Some("Emery D. Berger"));
        assert_eq!(
            surname_first("van der Berg, J. Q.").as_deref(),
            Some("J. Q. van der Berg")
        );
        assert_eq!(surname_first("Doe, Jane, PhD"), None);
        assert_eq!(surname_first("Jane Doe, PhD"), None);
        assert_eq!(surname_first("Jane Doe"), None);
        assert_eq!(surname_first("Jane Doe, MD"), None);
        assert_eq!(surname_first("Jane Doe, John Roe, Max Mustermann"), None);
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

    #[test]
    fn a_byline_s_names_end_where_a_scrape_glued_or_spaced_something_after_them() {
        let read = |texts: &[&str]| read_byline(texts, false).unwrap_or_default();
        // A label glued to the link text before it, a symbol standing between spaces.
        assert_eq!(read(&["By Korin MillerPublished: Jan 29, 2025"]), ["Korin Miller"]);
        assert_eq!(
            read(&["By Chris McNamara ⋅ Editor-in-Chief ⋅ Dec 3, 2025"]),
            ["Chris McNamara"]
        );
        assert_eq!(read(&["By Jane Doe » Tue Dec 2"]), ["Jane Doe"]);
        // `&` joins two names; a copyright line is no byline.
        assert_eq!(read(&["By Jane Doe & John Roe"]), ["Jane Doe", "John Roe"]);
        assert!(names_in("The Pennsylvania State University © 2025", false).is_empty());
        // A label alone over the names, a label written twice, a label with a colon.
        assert_eq!(
            read(&["Written by", "Edzel Tabing", "Table of contents"]),
            ["Edzel Tabing"]
        );
        assert_eq!(read(&["Written by by Rebecca MacFarlane"]), ["Rebecca MacFarlane"]);
        assert_eq!(read(&["By: Saru Yeknom"]), ["Saru Yeknom"]);
        assert!(byline_label_of("By", Some("en")));
    }

    #[test]
    fn a_name_loses_a_closing_stop_and_a_doubled_copy_but_keeps_an_abbreviation_s_stop() {
        assert_eq!(without_closing_dots("Jeff Cobb."), "Jeff Cobb");
        assert_eq!(without_closing_dots("MD..."), "MD");
        assert_eq!(without_closing_dots("John Q."), "John Q.");
        assert_eq!(without_closing_dots("Cerebral Inc."), "Cerebral Inc.");
        assert_eq!(without_closing_dots("Ph.D."), "Ph.D.");
        assert_eq!(undoubled("Colin Gray Colin Gray"), "Colin Gray");
        assert_eq!(undoubled("Anna Ann Anna Ann"), "Anna Ann");
        assert_eq!(undoubled("Jane Doe"), "Jane Doe");
        assert_eq!(undoubled("Ann Ann Bob"), "Ann Ann Bob");
    }

    #[test]
    fn unglued_cuts_a_handle_and_a_word_run_into_a_name_but_not_a_one_word_name() {
        assert_eq!(unglued("Chris Pokorny@DawgsByNature"), "Chris Pokorny");
        assert_eq!(unglued("Michael HiltzikBusiness"), "Michael Hiltzik");
        assert_eq!(unglued("Nicoletta RichardsonTrending Editor"), "Nicoletta Richardson");
        assert_eq!(unglued("Rebecca MacFarlane"), "Rebecca MacFarlane");
        assert_eq!(unglued("Ronald McDonald"), "Ronald McDonald");
        assert_eq!(unglued("CottageCare"), "CottageCare");
        assert_eq!(unglued("ShawnHymel"), "ShawnHymel");
    }
}
