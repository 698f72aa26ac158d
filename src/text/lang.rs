//! The language registry: the vocabulary pith reads text by (function words, titles,
//! attribution verbs, month and weekday names, byline labels, cue phrases, …), one folder per
//! language, `data/lang/<code>/<list>.txt` (ISO 639-1 code, one entry per line, `#` comments).
//! The files are built into the library (`build.rs` embeds every file of every folder, so adding
//! a language is adding its folder); each list is parsed once, when first asked for.
//!
//! ```
//! use pith::text::lang::{self, List};
//!
//! assert!(lang::words(List::Stop, "de").contains("nicht"));
//! assert!(lang::words(List::AttributionVerbs, "en").contains("Said"));
//! assert!(lang::all(List::Months).any(|month| month.split(' ').any(|name| name == "février")));
//! assert!(lang::words(List::Titles, "xx").is_empty());
//! ```

use std::cmp::Reverse;
use std::sync::OnceLock;

mod embedded {
    // `FILES`: (code, list, text) of every `data/lang/<code>/<list>.txt`, by code and list.
    include!(concat!(env!("OUT_DIR"), "/lang_files.rs"));
}

/// The lists a language folder may hold; each is the file named by [`List::file_name`]. A
/// language has only the lists it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    /// `cues`: boilerplate cue phrases under `[category]` headers (see `data/README.md`).
    Cues,
    /// `stop`: function words, never terms of a story and never part of a name.
    Stop,
    /// `titles`: words of office before a name ("Defence Minister Boris Pistorius").
    Titles,
    /// `title-qualifiers`: titles that qualify an office rather than name it ("Foreign Affairs").
    TitleQualifiers,
    /// `attribution-verbs`: verbs that attribute a quote ("said", "sagte", "according").
    AttributionVerbs,
    /// `inverting-verbs`: attribution verbs whose speaker may follow them anywhere ("said Kallas").
    InvertingVerbs,
    /// `attribution-adverbs`: words between a speaker and the verb ("Hegseth further told").
    AttributionAdverbs,
    /// `auxiliaries`: auxiliary verbs before an attribution verb ("a déclaré", "ha dicho").
    Auxiliaries,
    /// `pronouns`: a speaker's pronouns ("she said"): the person named last.
    Pronouns,
    /// `verb-particles`: words between an attribution verb and the speaker ("according to").
    VerbParticles,
    /// `months`: twelve lines, January to December, each a month's spellings separated by spaces.
    Months,
    /// `weekdays`: weekday names and abbreviations.
    Weekdays,
    /// `byline-labels`: what opens a byline line of a text dump ("By", "Autor:"; `:` allows a colon).
    BylineLabels,
    /// `job-titles`: words that start a job title after a name in a page's byline.
    JobTitles,
    /// `sentence-words`: lower-case words that make a text a sentence rather than a name.
    SentenceWords,
    /// `control-words`: words of controls and labels ("Sign In"): a text with one is not a name.
    ControlWords,
    /// `placeholder-names`: what a site's software writes where no person is named ("admin",
    /// "undefined"): never an author.
    PlaceholderNames,
    /// `name-particles`: words allowed in lower case inside a name ("van", "dos").
    NameParticles,
    /// `conjunctions`: words that join names in a byline ("and", "und").
    Conjunctions,
    /// `byline-prepositions`: the word before the names of a page's byline ("by", "von").
    BylinePrepositions,
    /// `byline-verbs`: words before the byline preposition ("Written by").
    BylineVerbs,
    /// `author-labels`: labels that open a page's byline on their own ("Author:", "Autorin").
    AuthorLabels,
    /// `byline-ends`: words where the names of a page's byline end ("Updated", "Photos by").
    BylineEnds,
    /// `published-labels`: labels before a publication date ("Published", "Veröffentlicht").
    PublishedLabels,
    /// `updated-labels`: labels that make the date after them a revision ("Updated").
    UpdatedLabels,
    /// `date-prepositions`: words between a date label and its date ("on", "am", "le").
    DatePrepositions,
    /// `share-verbs`: the verbs of a share bar ("Share", "Teilen"), beside `data/share-words.txt`.
    ShareVerbs,
    /// `one-letter-words`: letters that are words of their own, never a split drop cap. The one
    /// list that may be empty: a language with none (German).
    OneLetterWords,
}

impl List {
    /// Every list, in the order of the enum.
    pub const ALL: [List; 28] = [
        List::Cues,
        List::Stop,
        List::Titles,
        List::TitleQualifiers,
        List::AttributionVerbs,
        List::InvertingVerbs,
        List::AttributionAdverbs,
        List::Auxiliaries,
        List::Pronouns,
        List::VerbParticles,
        List::Months,
        List::Weekdays,
        List::BylineLabels,
        List::JobTitles,
        List::SentenceWords,
        List::ControlWords,
        List::PlaceholderNames,
        List::NameParticles,
        List::Conjunctions,
        List::BylinePrepositions,
        List::BylineVerbs,
        List::AuthorLabels,
        List::BylineEnds,
        List::PublishedLabels,
        List::UpdatedLabels,
        List::DatePrepositions,
        List::ShareVerbs,
        List::OneLetterWords,
    ];

    /// The list's file in a language folder, without `.txt`.
    pub fn file_name(self) -> &'static str {
        match self {
            List::Cues => "cues",
            List::Stop => "stop",
            List::Titles => "titles",
            List::TitleQualifiers => "title-qualifiers",
            List::AttributionVerbs => "attribution-verbs",
            List::InvertingVerbs => "inverting-verbs",
            List::AttributionAdverbs => "attribution-adverbs",
            List::Auxiliaries => "auxiliaries",
            List::Pronouns => "pronouns",
            List::VerbParticles => "verb-particles",
            List::Months => "months",
            List::Weekdays => "weekdays",
            List::BylineLabels => "byline-labels",
            List::JobTitles => "job-titles",
            List::SentenceWords => "sentence-words",
            List::ControlWords => "control-words",
            List::PlaceholderNames => "placeholder-names",
            List::NameParticles => "name-particles",
            List::Conjunctions => "conjunctions",
            List::BylinePrepositions => "byline-prepositions",
            List::BylineVerbs => "byline-verbs",
            List::AuthorLabels => "author-labels",
            List::BylineEnds => "byline-ends",
            List::PublishedLabels => "published-labels",
            List::UpdatedLabels => "updated-labels",
            List::DatePrepositions => "date-prepositions",
            List::ShareVerbs => "share-verbs",
            List::OneLetterWords => "one-letter-words",
        }
    }

    /// The list a file name (without `.txt`) names.
    pub fn from_file_name(name: &str) -> Option<List> {
        List::ALL.into_iter().find(|list| list.file_name() == name)
    }
}

/// Languages whose order matters where the lists of several are read together (a cue phrase
/// two languages list is reported under the first): these first, in this order; every other
/// folder after them, by its code.
const FIRST: &[&str] = &["en", "de", "fr", "es", "ru", "it", "pt"];

/// One language's list: its entries in the file's order, and sorted for lookups (on the first
/// lookup: most lists are only read in order).
#[derive(Debug, Default)]
pub struct Words {
    lines: Vec<&'static str>,
    sorted: OnceLock<Vec<&'static str>>,
}

impl Words {
    fn parse(text: &'static str) -> Words {
        let lines = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        Words {
            lines,
            sorted: OnceLock::new(),
        }
    }

    fn sorted(&self) -> &[&'static str] {
        self.sorted.get_or_init(|| {
            let mut sorted = self.lines.clone();
            sorted.sort_unstable();
            sorted.dedup();
            sorted
        })
    }

    /// The list of no entries (what a language without a list has).
    pub fn empty() -> &'static Words {
        &EMPTY
    }

    /// The entries, in the file's order.
    pub fn lines(&self) -> &[&'static str] {
        &self.lines
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Whether the list holds `word`, ignoring case (entries are lower case). Allocates nothing:
    /// it runs for every word of a text.
    pub fn contains(&self, word: &str) -> bool {
        if word.is_ascii() {
            let lower = || word.bytes().map(|b| b.to_ascii_lowercase());
            self.sorted()
                .binary_search_by(|entry| entry.bytes().cmp(lower()))
                .is_ok()
        } else {
            let lower = || word.chars().flat_map(char::to_lowercase);
            self.sorted()
                .binary_search_by(|entry| entry.chars().cmp(lower()))
                .is_ok()
        }
    }

    /// Whether the list holds `word` as it is written (so a capitalised word is not in it).
    pub fn contains_exact(&self, word: &str) -> bool {
        self.sorted().binary_search(&word).is_ok()
    }
}

static EMPTY: Words = Words {
    lines: Vec::new(),
    sorted: OnceLock::new(),
};

/// Each list's languages, parsed on first use, in language order (see [`FIRST`]).
static TABLES: [OnceLock<Vec<(&'static str, Words)>>; List::ALL.len()] = [const { OnceLock::new() }; List::ALL.len()];

fn table(list: List) -> &'static [(&'static str, Words)] {
    TABLES.get(list as usize).map_or(&[], |cell| {
        cell.get_or_init(|| {
            let mut table: Vec<(&'static str, Words)> = embedded::FILES
                .iter()
                .filter(|(_, name, _)| *name == list.file_name())
                .map(|&(code, _, text)| (code, Words::parse(text)))
                .collect();
            table.sort_by_key(|&(code, _)| (FIRST.iter().position(|c| *c == code).unwrap_or(FIRST.len()), code));
            table
        })
    })
}

/// A language's list, or None when its folder has no such file.
pub fn get(list: List, code: &str) -> Option<&'static Words> {
    table(list).iter().find(|(c, _)| *c == code).map(|(_, words)| words)
}

/// A language's list, empty when it has none (or `code` is no language pith has a folder for).
pub fn words(list: List, code: &str) -> &'static Words {
    get(list, code).unwrap_or(&EMPTY)
}

/// Every language that has the list, with its entries, in language order.
pub fn by_language(list: List) -> impl Iterator<Item = (&'static str, &'static Words)> {
    table(list).iter().map(|(code, words)| (*code, words))
}

/// The entries of every language's list, in language order (an entry two languages list comes
/// twice).
pub fn all(list: List) -> impl Iterator<Item = &'static str> {
    table(list).iter().flat_map(|(_, words)| words.lines.iter().copied())
}

/// The lists of every language as one: for words that mean the same in any text (the particles
/// of a name, "and" between names). Parsed once, on first use.
pub fn union(list: List) -> &'static Words {
    static UNIONS: [OnceLock<Words>; List::ALL.len()] = [const { OnceLock::new() }; List::ALL.len()];
    UNIONS.get(list as usize).map_or(&EMPTY, |cell| {
        cell.get_or_init(|| Words {
            lines: all(list).collect(),
            sorted: OnceLock::new(),
        })
    })
}

/// A regex alternation of phrases: each escaped, a space standing for any run of whitespace, each
/// once, a longer word before a shorter one (so a short form never shadows a longer one) and the
/// phrases that start with one word under it (`updated(?:\s+(?:at|on))?`: a list's regex costs
/// about as much to build as one written by hand).
pub fn alternation<'a>(phrases: impl IntoIterator<Item = &'a str>) -> String {
    let mut phrases: Vec<&str> = phrases.into_iter().collect();
    phrases.sort_unstable();
    phrases.dedup();
    grouped(&phrases)
}

/// `phrases` sorted, so the phrases of one first word are next to each other (a space sorts
/// before every other character of a phrase).
fn grouped(phrases: &[&str]) -> String {
    // Each first word, whether it is a phrase of its own, and the rests of the phrases it starts.
    let mut groups: Vec<(&str, bool, Vec<&str>)> = Vec::new();
    for phrase in phrases {
        let (first, rest) = match phrase.split_once(' ') {
            Some((first, rest)) => (first, Some(rest)),
            None => (*phrase, None),
        };
        match groups.last_mut() {
            Some((word, whole, rests)) if *word == first => {
                *whole |= rest.is_none();
                rests.extend(rest);
            }
            _ => groups.push((first, rest.is_none(), rest.into_iter().collect())),
        }
    }
    groups.sort_by_key(|(word, _, _)| (Reverse(word.chars().count()), *word));
    groups
        .iter()
        .map(|(first, whole, rests)| {
            let word = regex_syntax::escape(first);
            match (rests.is_empty(), whole) {
                (true, _) => word,
                (false, true) => format!(r"{word}(?:\s+(?:{}))?", grouped(rests)),
                (false, false) => format!(r"{word}\s+(?:{})", grouped(rests)),
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// The regex of one phrase: escaped, a space standing for any run of whitespace.
pub fn pattern(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(regex_syntax::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_a_known_list_of_a_language() {
        for &(code, name, _) in embedded::FILES {
            assert!(
                List::from_file_name(name).is_some(),
                "data/lang/{code}/{name}.txt: no list is called {name:?} (see List in src/text/lang.rs)"
            );
            assert!(
                code.len() == 2 && isolang::Language::from_639_1(code).is_some(),
                "data/lang/{code}: not an ISO 639-1 code"
            );
        }
        for code in FIRST {
            assert!(
                embedded::FILES.iter().any(|(c, _, _)| c == code),
                "{code} has no folder"
            );
        }
    }

    #[test]
    fn no_list_is_empty_and_entries_are_lower_case() {
        for &(code, name, text) in embedded::FILES {
            let words = Words::parse(text);
            if List::from_file_name(name) != Some(List::OneLetterWords) {
                assert!(!words.is_empty(), "data/lang/{code}/{name}.txt is empty");
            }
            for line in words.lines() {
                assert_eq!(
                    *line,
                    line.to_lowercase(),
                    "data/lang/{code}/{name}.txt: not lower case"
                );
            }
            assert!(
                text.lines().next().is_some_and(|l| l.starts_with("# ")),
                "data/lang/{code}/{name}.txt: no header line saying what the list is for"
            );
        }
    }

    #[test]
    fn months_are_twelve_lines() {
        for (code, months) in by_language(List::Months) {
            assert_eq!(months.lines().len(), 12, "data/lang/{code}/months.txt");
        }
    }

    #[test]
    fn lookups() {
        assert!(words(List::Stop, "en").contains("The"));
        assert!(words(List::Stop, "de").contains("Über"));
        assert!(!words(List::Stop, "en").contains_exact("The"));
        assert!(words(List::NameParticles, "en").contains("St."));
        assert!(get(List::OneLetterWords, "de").is_some_and(Words::is_empty));
        assert!(get(List::OneLetterWords, "xx").is_none());
        assert!(union(List::NameParticles).contains("dos") && union(List::NameParticles).contains("van"));
        assert_eq!(by_language(List::Cues).next().map(|(code, _)| code), Some("en"));
        assert_eq!(alternation(["a", "mis à jour", "a"]), r"mis\s+(?:à\s+(?:jour))|a");
        assert_eq!(
            alternation(["updated on", "jan", "updated", "january", "updated at"]),
            r"january|updated(?:\s+(?:at|on))?|jan"
        );
    }
}
