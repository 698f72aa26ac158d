//! The words stories read by: function words, titles before names, the verbs that attribute a
//! quote. They are lists of the language registry (`data/lang/<code>/`); English applies to every
//! text, and a text's own language adds its lists.

use crate::text::lang::{self, List, Words};

/// The vocabulary of one text: each list English's and, when the text is in another language,
/// that language's (looked up once, as the lists are asked for every word).
#[derive(Debug, Clone, Copy)]
pub(super) struct Lexicon {
    stop: [&'static Words; 2],
    titles: [&'static Words; 2],
    qualifiers: [&'static Words; 2],
    verbs: [&'static Words; 2],
    inverting: [&'static Words; 2],
    adverbs: [&'static Words; 2],
    auxiliaries: [&'static Words; 2],
    pronouns: [&'static Words; 2],
    particles: [&'static Words; 2],
    weekdays: [&'static Words; 2],
    /// The text's own language's months, English's not: "May", "June" and "April" are names
    /// as often as months in English prose.
    months: &'static Words,
}

fn has(lists: &[&Words; 2], word: &str) -> bool {
    lists.iter().any(|list| list.contains(word))
}

impl Lexicon {
    /// English and the text's language (an ISO 639-1 code, as provenance gives it; a language
    /// without a folder adds nothing).
    pub(super) fn of(language: Option<&str>) -> Lexicon {
        let own = language.filter(|code| *code != "en");
        let lists = |list: List| {
            [
                lang::words(list, "en"),
                own.map_or(Words::empty(), |code| lang::words(list, code)),
            ]
        };
        Lexicon {
            stop: lists(List::Stop),
            titles: lists(List::Titles),
            qualifiers: lists(List::TitleQualifiers),
            verbs: lists(List::AttributionVerbs),
            inverting: lists(List::InvertingVerbs),
            adverbs: lists(List::AttributionAdverbs),
            auxiliaries: lists(List::Auxiliaries),
            pronouns: lists(List::Pronouns),
            particles: lists(List::VerbParticles),
            weekdays: lists(List::Weekdays),
            months: own.map_or(Words::empty(), |code| lang::words(List::Months, code)),
        }
    }

    /// A function word ("the", "und"): never a term, never part of a name.
    pub(super) fn is_stop(&self, word: &str) -> bool {
        has(&self.stop, word)
    }

    /// A word of office before a name ("Minister", "Bundeskanzler").
    pub(super) fn is_title(&self, word: &str) -> bool {
        has(&self.titles, word)
    }

    /// A title that qualifies an office rather than names it ("Foreign"): a name after it is
    /// not necessarily a person.
    pub(super) fn is_qualifier(&self, word: &str) -> bool {
        has(&self.qualifiers, word)
    }

    /// A verb that attributes words to a speaker ("said", "sagte", "according").
    pub(super) fn is_verb(&self, word: &str) -> bool {
        has(&self.verbs, word)
    }

    /// A verb whose speaker may follow it anywhere ("said Kaja Kallas", "according to Reuters");
    /// other verbs take a name after them only right after a quote ("…,” warned Lecornu), since
    /// elsewhere the name is their object ("warning Europe", "told Reuters").
    pub(super) fn is_inverting(&self, word: &str) -> bool {
        has(&self.inverting, word)
    }

    /// A word allowed between a speaker and the verb: an adverb ("Hegseth further told
    /// reporters") or an auxiliary ("Macron a déclaré").
    pub(super) fn is_between(&self, word: &str) -> bool {
        has(&self.adverbs, word) || self.is_auxiliary(word)
    }

    /// An auxiliary verb ("a" in "a déclaré", "ha" in "ha dicho").
    pub(super) fn is_auxiliary(&self, word: &str) -> bool {
        has(&self.auxiliaries, word)
    }

    /// A pronoun that points back to the person named last ("she", "er").
    pub(super) fn is_pronoun(&self, word: &str) -> bool {
        has(&self.pronouns, word)
    }

    /// A weekday ("Monday", "Montag") or, in a text not in English, a month of its language
    /// ("Juni"): a capitalised word that says when, never who.
    pub(super) fn is_date_name(&self, word: &str) -> bool {
        has(&self.weekdays, word)
            || self.months.lines().iter().any(|month| {
                // A month's line is its spellings separated by spaces (see `data/lang`).
                month
                    .split(' ')
                    .any(|name| name.chars().eq(word.chars().flat_map(char::to_lowercase)))
            })
    }

    /// A word that may stand between an attribution verb and the name ("according to X").
    pub(super) fn is_particle(&self, word: &str) -> bool {
        has(&self.particles, word)
    }
}

/// The function words of one language (English's for "en"; none for None).
pub(super) fn stop_words(language: Option<&str>) -> &'static Words {
    language.map_or(Words::empty(), |code| lang::words(List::Stop, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_read_with_english_and_its_own_language() {
        let german = Lexicon::of(Some("de"));
        assert!(german.is_stop("The") && german.is_stop("nicht") && german.is_verb("said"));
        let english = Lexicon::of(Some("en"));
        assert!(english.is_stop("the") && !english.is_stop("nicht"));
        assert!(!Lexicon::of(Some("xx")).is_stop("nicht"));
        assert!(german.is_verb("Sagte") && german.is_pronoun("er") && german.is_title("Bundeskanzler"));
        assert!(!english.is_verb("sagte") && !Lexicon::of(Some("xx")).is_verb("sagte"));
        assert!(Lexicon::of(Some("fr")).is_auxiliary("a") && !Lexicon::of(None).is_auxiliary("a"));
        assert!(Lexicon::of(Some("es")).is_pronoun("Él"));
        assert!(german.is_date_name("Montag") && german.is_date_name("Monday") && german.is_date_name("März"));
        assert!(!english.is_date_name("May") && english.is_date_name("Tuesday") && !german.is_date_name("Scholz"));
        assert!(stop_words(Some("de")).contains("über") && stop_words(None).is_empty());
    }
}
