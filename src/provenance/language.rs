//! The body's language, by whatlang's trigram detector, as an ISO 639-1 code where one exists.

/// Languages whatlang names by an ISO 639-3 code of their own where ISO 639-1 has a code only for
/// the macrolanguage they belong to: Mandarin is written `zh`, Iranian Persian `fa`.
const MACROLANGUAGE_CODES: &[(&str, &str)] = &[("cmn", "zh"), ("pes", "fa")];

/// How much of a text the detector reads: a KB decides the language as well as the whole text,
/// at a fraction of the cost.
pub const SAMPLE_BYTES: usize = 1024;

/// The language of `text`, or None when the detector is not confident (short or mixed text).
pub fn detect(text: &str) -> Option<&'static str> {
    let sample = text.get(..floor_char_boundary(text, SAMPLE_BYTES)).unwrap_or(text);
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

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

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
