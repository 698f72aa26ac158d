//! The body's language, by whatlang's trigram detector, as an ISO 639-1 code where one exists.

/// Languages whatlang names by an ISO 639-3 code of their own where ISO 639-1 has a code only for
/// the macrolanguage they belong to: Mandarin is written `zh`, Iranian Persian `fa`.
const MACROLANGUAGE_CODES: &[(&str, &str)] = &[("cmn", "zh"), ("pes", "fa")];

/// How much of a text the detector reads: a KB decides the language as well as the whole text,
/// at a fraction of the cost.
pub const SAMPLE_BYTES: usize = 1024;

/// The language of `text`, or None when the detector is not confident (short or mixed text).
pub fn detect(text: &str) -> Option<&'static str> {
    detect_sample(sample(text))
}

/// What the detector reads of `text`: its first [`SAMPLE_BYTES`].
fn sample(text: &str) -> &str {
    crate::text::prefix_within(text, SAMPLE_BYTES)
}

/// A detection and the sample it read. The kept text is read before repair (which needs its
/// language) and the body after it; most bodies begin with the same kilobyte (157 of 181
/// scrapinghub text dumps), and the detector is the costliest step of a dump's provenance.
#[derive(Debug, Clone)]
pub struct Detection {
    sample: String,
    /// The language read, as [`detect`] gives it.
    pub language: Option<&'static str>,
}

impl Detection {
    /// Detects the language of `text`, keeping the sample read.
    pub fn of(text: &str) -> Detection {
        let sample = sample(text);
        Detection {
            sample: sample.to_string(),
            language: detect_sample(sample),
        }
    }

    /// The language of `text`, as [`detect`] gives it: this detection's when `text` begins with
    /// the same sample. ASCII white space at either end does not count: whatlang reads it as
    /// the space between words that the ends already are (its trigrams, scripts and alphabets
    /// skip it), and a body differs from the text read before repair by its final line break.
    pub fn again(&self, text: &str) -> Option<&'static str> {
        let sample = sample(text);
        if sample.trim_ascii() == self.sample.trim_ascii() {
            self.language
        } else {
            detect_sample(sample)
        }
    }
}

fn detect_sample(sample: &str) -> Option<&'static str> {
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    Some(two_letter(code).unwrap_or(code))
}

/// The ISO 639-1 code of an ISO 639-3 one (whatlang's), where ISO 639-1 has one.
fn two_letter(code: &str) -> Option<&'static str> {
    isolang::Language::from_639_3(code)
        .and_then(|language| language.to_639_1())
        .or_else(|| {
            MACROLANGUAGE_CODES
                .iter()
                .find(|(three, _)| *three == code)
                .map(|(_, two)| *two)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detection_is_reused_only_for_the_same_sample() {
        let english = "The council passed the budget on Monday after a debate that lasted six hours, \
                       and the members who voted against it asked for more time to read it. "
            .repeat(12);
        let german = "Der Rat hat den Haushalt am Montag nach einer Debatte von sechs Stunden \
                      beschlossen, und die Mitglieder, die dagegen stimmten, wollten mehr Zeit. "
            .repeat(12);
        let before = Detection::of(&english);
        assert_eq!(before.language, Some("en"));
        // The same first kilobyte, whatever follows: the same answer as a detection of its own.
        let longer = format!("{english}{german}");
        assert_eq!(before.again(&longer), detect(&longer));
        // White space at the ends is not read: a short body with its final line break is the
        // text read before repair.
        let short = Detection::of("The council met on Monday to approve the budget, officials said.");
        for body in [
            "The council met on Monday to approve the budget, officials said.\n",
            " \r\n\t",
        ] {
            assert_eq!(short.again(body), detect(body), "{body:?}");
        }
        // Another text is read again, not answered from the first.
        assert_eq!(before.again(&german), Some("de"));
        assert_eq!(before.again(""), None);
    }

    #[test]
    fn whatlang_codes_become_two_letter_codes_where_there_is_one() {
        let pairs: Vec<(&str, Option<&str>)> = ["eng", "deu", "nob", "cmn", "pes", "uzb", "aka", "tuk", "epo"]
            .into_iter()
            .map(|code| (code, two_letter(code)))
            .collect();
        assert_eq!(
            pairs,
            [
                ("eng", Some("en")),
                ("deu", Some("de")),
                ("nob", Some("nb")),
                ("cmn", Some("zh")),
                ("pes", Some("fa")),
                ("uzb", Some("uz")),
                ("aka", Some("ak")),
                ("tuk", Some("tk")),
                ("epo", Some("eo")),
            ]
        );
        // Every language whatlang detects has a two-letter code.
        for lang in whatlang::Lang::all() {
            assert!(two_letter(lang.code()).is_some(), "{}", lang.code());
        }
    }
}
