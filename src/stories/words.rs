//! Words of a text with what their surroundings say of them (a sentence's first word, a name's
//! run, a possessive), and the names they form.

use super::lexicon::Lexicon;

/// Sentences of at least this many words, three in four capitalised, are lists or menus, not
/// prose (see [`in_prose`]): a sentence of news as capitalised as that is shorter ("Dutch Defense
/// Minister Ruben Brekelmans said.").
const LIST_WORDS: usize = 6;

/// A word of a text, with what its surroundings say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word<'a> {
    pub(super) start: usize,
    /// Where the word ends in the text, its possessive ’s included.
    pub(super) end: usize,
    /// The word without a possessive ’s.
    pub(super) text: &'a str,
    /// "Ukraine’s", "ministers’": a name run ends here.
    pub(super) possessive: bool,
    /// "doesn’t", "it’s": not a term.
    pub(super) contraction: bool,
    pub(super) capitalised: bool,
    /// First word of a sentence, a paragraph or a quote: its capital says nothing.
    pub(super) sentence_start: bool,
    /// First word of a line.
    pub(super) line_start: bool,
    /// Only a space separates it from the previous word (no punctuation), so a name can go on.
    pub(super) linked: bool,
    /// Only a hyphen separates it from the previous word: the pronoun of a French inversion
    /// ("dit-il", "ajoute-t-elle").
    pub(super) hyphened: bool,
}

pub(super) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The words of a text: runs of letters and digits, with apostrophes between letters.
pub(super) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut previous_end = 0;
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut apostrophe = None;
        while let Some(&(i, next)) = chars.peek() {
            if next.is_alphanumeric() {
                end = i + next.len_utf8();
                chars.next();
            } else if is_apostrophe(next) && apostrophe.is_none() {
                // An apostrophe belongs to the word only with a letter after it.
                let after = text.get(i + next.len_utf8()..).and_then(|s| s.chars().next());
                if !after.is_some_and(char::is_alphanumeric) {
                    break;
                }
                apostrophe = Some((i, next.len_utf8()));
                chars.next();
            } else {
                break;
            }
        }
        let whole = text.get(start..end).unwrap_or("");
        let (word, possessive, contraction) = match apostrophe {
            Some((at, len)) => {
                let base = text.get(start..at).unwrap_or("");
                let suffix = text.get(at + len..end).unwrap_or("");
                if suffix.eq_ignore_ascii_case("s") {
                    (base, true, false)
                } else if suffix.chars().next().is_some_and(char::is_uppercase) {
                    (whole, false, false) // O’Brien
                } else {
                    (whole, false, true)
                }
            }
            None => {
                // "ministers’ meeting": a plural possessive.
                let after = text.get(end..).and_then(|s| s.chars().next());
                (
                    whole,
                    after.is_some_and(is_apostrophe) && whole.ends_with(['s', 'S']),
                    false,
                )
            }
        };
        let gap = text.get(previous_end..start).unwrap_or("");
        let sentence_start = out.is_empty()
            || gap.contains('\n')
            || gap
                .trim_end()
                .chars()
                .last()
                .is_some_and(|c| ".!?:;([—–\"“‘«„‚".contains(c));
        out.push(Word {
            start,
            end,
            text: word,
            possessive,
            contraction,
            capitalised: word.chars().next().is_some_and(char::is_uppercase),
            sentence_start,
            line_start: out.is_empty() || gap.contains('\n'),
            linked: !out.is_empty() && (gap == " " || gap == "\u{a0}"),
            hyphened: !out.is_empty() && gap == "-",
        });
        previous_end = end;
    }
    out
}

/// Whether each word stands in prose, where a capital in mid-sentence marks a name: not in a
/// list or a menu (a sentence of [`LIST_WORDS`] words or more, three in four of them
/// capitalised: a country picker, a row of product names) nor in a heading (a line in title
/// case that ends without a full stop).
pub(super) fn in_prose(text: &str, words: &[Word<'_>]) -> Vec<bool> {
    let mut prose = vec![true; words.len()];
    let title_case = |span: &[Word<'_>]| span.iter().filter(|w| w.capitalised).count() * 4 >= span.len() * 3;
    let mut sentence = 0;
    let mut line = 0;
    for end in 1..=words.len() {
        let next = words.get(end);
        if next.is_none_or(|w| w.sentence_start) {
            let span = words.get(sentence..end).unwrap_or(&[]);
            if span.len() >= LIST_WORDS && title_case(span) {
                prose
                    .get_mut(sentence..end)
                    .into_iter()
                    .flatten()
                    .for_each(|p| *p = false);
            }
            sentence = end;
        }
        if next.is_none_or(|w| w.line_start) {
            let span = words.get(line..end).unwrap_or(&[]);
            let after = span.last().map_or(0, |w| w.end);
            let rest = text.get(after..next.map_or(text.len(), |w| w.start)).unwrap_or("");
            let closing = rest.split('\n').next().unwrap_or("").trim_end();
            let full_stop = closing.ends_with(['.', '!', '?', '…', '"', '”', '’', '»', ')', ':', ';']);
            if span.len() >= 2 && title_case(span) && !full_stop {
                prose.get_mut(line..end).into_iter().flatten().for_each(|p| *p = false);
            }
            line = end;
        }
    }
    prose
}

/// Maximal runs of linked capitalised words, as index ranges into `words`.
pub(super) fn capitalised_runs(words: &[Word<'_>]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (i, word) in words.iter().enumerate() {
        let continues = start.is_some()
            && word.linked
            && word.capitalised
            && i.checked_sub(1)
                .and_then(|p| words.get(p))
                .is_some_and(|p| !p.possessive);
        if continues {
            continue;
        }
        if let Some(s) = start.take() {
            runs.push(s..i);
        }
        if word.capitalised {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        runs.push(s..words.len());
    }
    runs
}

/// The name at the end of a run of capitalised words: the words after the last title or
/// function word ("German Defence Minister Boris Pistorius" → "Boris Pistorius").
pub(super) fn trailing_name<'a>(run: &[Word<'a>], lexicon: &Lexicon) -> Vec<&'a str> {
    let mut name: Vec<&str> = run
        .iter()
        .rev()
        .take_while(|w| w.text.chars().nth(1).is_some() && !lexicon.is_title(w.text) && !lexicon.is_stop(w.text))
        .map(|w| w.text)
        .collect();
    name.reverse();
    name
}
