//! The body's language, by whatlang's trigram detector, as an ISO 639-1 code where one exists.

/// ISO 639-3 (whatlang) → ISO 639-1, for the languages that have a two-letter code.
const TWO_LETTER: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
    ("sqi", "sq"),
    ("bos", "bs"),
    ("eus", "eu"),
    ("glg", "gl"),
    ("isl", "is"),
    ("gle", "ga"),
    ("cym", "cy"),
    ("mlt", "mt"),
    ("kaz", "kk"),
    ("kir", "ky"),
    ("tgk", "tg"),
    ("mon", "mn"),
    ("som", "so"),
    ("swa", "sw"),
    ("hau", "ha"),
    ("yor", "yo"),
    ("ibo", "ig"),
    ("xho", "xh"),
    ("lug", "lg"),
    ("kin", "rw"),
];

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
    Some(
        TWO_LETTER
            .iter()
            .find(|(three, _)| *three == code)
            .map_or(code, |(_, two)| *two),
    )
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0)
}
