//! Quoted passages of a body and who the text says spoke them.

use std::collections::{BTreeMap, BTreeSet};

use super::lexicon::Lexicon;
use super::words::{capitalised_runs, trailing_name, words, Word};

/// Words a quoted passage needs to be a quote rather than a scare-quoted phrase.
const MIN_QUOTE_WORDS: usize = 4;
/// Words after a closing quote mark, or in the clause before an opening one, searched for the
/// attribution.
const ATTRIBUTION_WORDS: usize = 12;

/// The quotation marks pith knows, by the kind of pair they form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// “…”
    Curly,
    /// "…"
    Straight,
    /// «…»
    Guillemet,
    /// „…“ (German), „…” (Polish, Hungarian) or „…" (typed)
    Low,
    /// ‘…’
    Single,
    /// ‚…‘
    LowSingle,
}

/// How many kinds of [`Mark`] there are.
const MARKS: usize = 6;
const _: () = assert!(Mark::LowSingle as usize + 1 == MARKS);

/// The quotes open on a line, innermost last (each its mark, where it opens and where its words
/// start), with a count of each mark among them, so that whether one is open costs nothing
/// however many are (a line of 80,000 unclosed `“` and as many `»` took seconds).
#[derive(Default)]
struct OpenQuotes {
    stack: Vec<(Mark, usize, usize)>,
    held: [usize; MARKS],
}

impl OpenQuotes {
    fn push(&mut self, quote: (Mark, usize, usize)) {
        if let Some(count) = self.held.get_mut(quote.0 as usize) {
            *count += 1;
        }
        self.stack.push(quote);
    }

    fn holds(&self, mark: Mark) -> bool {
        self.held.get(mark as usize).is_some_and(|n| *n > 0)
    }

    fn top(&self) -> Option<Mark> {
        self.stack.last().map(|&(mark, _, _)| mark)
    }

    /// Closes the quotes from `depth` in.
    fn truncate(&mut self, depth: usize) {
        for (mark, _, _) in self.stack.drain(depth.min(self.stack.len())..) {
            if let Some(count) = self.held.get_mut(mark as usize) {
                *count = count.saturating_sub(1);
            }
        }
    }
}

/// A quoted passage: its words at `start..end`, inside the marks at `open` and ending at `close`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Passage {
    pub(super) open: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) close: usize,
}

/// The outermost quoted passages of a text, in order. A passage does not cross a line break,
/// except by the convention that a quote running into the next paragraph reopens it there.
fn passages(text: &str) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut offset = 0;
    let lines: Vec<&str> = text.split('\n').collect();
    for (n, line) in lines.iter().enumerate() {
        let chars: Vec<(usize, char)> = line.char_indices().map(|(i, c)| (i + offset, c)).collect();
        let mut stack = OpenQuotes::default();
        for (k, &(at, c)) in chars.iter().enumerate() {
            let previous = k.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
            let next = chars.get(k + 1).map(|&(_, c)| c);
            let opens = next.is_some_and(|c| !c.is_whitespace());
            let after = at + c.len_utf8();
            let top = stack.top();
            let holds = |mark: Mark| stack.holds(mark);
            let closing = match c {
                '“' if top == Some(Mark::Low) => Some(Mark::Low),
                '“' => {
                    if opens {
                        stack.push((Mark::Curly, at, after));
                    }
                    None
                }
                '”' if holds(Mark::Curly) => Some(Mark::Curly),
                '”' if holds(Mark::Low) => Some(Mark::Low),
                // French typography puts a space inside guillemets: « Non ».
                '„' | '«' | '‚' => {
                    if opens || (c == '«' && next.is_some()) {
                        let mark = match c {
                            '„' => Mark::Low,
                            '«' => Mark::Guillemet,
                            _ => Mark::LowSingle,
                        };
                        stack.push((mark, at, after));
                    }
                    None
                }
                '»' if holds(Mark::Guillemet) => Some(Mark::Guillemet),
                '‘' if top == Some(Mark::LowSingle) => Some(Mark::LowSingle),
                '‘' => {
                    if opens && !previous.is_some_and(char::is_alphanumeric) {
                        stack.push((Mark::Single, at, after));
                    }
                    None
                }
                // Between letters it is an apostrophe (Ukraine’s), never a quote.
                '’' if previous.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric) => None,
                '’' if holds(Mark::Single) => Some(Mark::Single),
                '"' if holds(Mark::Straight) => Some(Mark::Straight),
                // „…" typed with a straight closing mark.
                '"' if holds(Mark::Low) => Some(Mark::Low),
                '"' => {
                    let boundary = previous.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
                    if opens && boundary {
                        stack.push((Mark::Straight, at, after));
                    }
                    None
                }
                _ => None,
            };
            let Some(mark) = closing else { continue };
            // Close the innermost open passage of this kind; inner ones left open close with it.
            let Some(depth) = stack.stack.iter().rposition(|&(m, _, _)| m == mark) else {
                continue;
            };
            if depth == 0 {
                if let Some(&(_, open, start)) = stack.stack.first() {
                    out.push(Passage {
                        open,
                        start,
                        end: at,
                        close: after,
                    });
                }
            }
            stack.truncate(depth);
        }
        // A quote left open at the end of a paragraph counts when the next paragraph reopens it.
        if let Some(&(_, open, start)) = stack.stack.first() {
            let opener = text.get(open..start).unwrap_or("");
            let reopened = lines
                .iter()
                .skip(n + 1)
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| !opener.is_empty() && l.trim_start().starts_with(opener));
            let end = offset + line.len();
            if reopened && end > start {
                out.push(Passage {
                    open,
                    start,
                    end,
                    close: end,
                });
            }
        }
        offset += line.len() + 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Speakers

/// Who an attribution names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Said {
    Name(String),
    /// "she said": the person named last.
    Pronoun,
}

/// The capitalised run ending at `end` (exclusive) and its trailing name, at least one word of
/// two letters or more.
fn name_before(words: &[Word<'_>], end: usize, lexicon: &Lexicon) -> Option<String> {
    let mut start = end;
    while let Some(word) = start.checked_sub(1).and_then(|i| words.get(i)) {
        if !word.capitalised {
            break;
        }
        start -= 1;
        if !word.linked {
            break;
        }
    }
    let name = trailing_name(words.get(start..end)?, lexicon);
    (!name.is_empty()).then(|| name.join(" "))
}

/// The capitalised run starting at `start` and its trailing name.
fn name_after(words: &[Word<'_>], start: usize, lexicon: &Lexicon) -> Option<String> {
    let first = words.get(start).filter(|w| w.capitalised)?;
    let mut end = start + 1;
    if !first.possessive {
        while let Some(word) = words.get(end) {
            if !(word.capitalised && word.linked) {
                break;
            }
            end += 1;
            if word.possessive {
                break;
            }
        }
    }
    let name = trailing_name(words.get(start..end)?, lexicon);
    (!name.is_empty()).then(|| name.join(" "))
}

/// The speaker an attribution verb at `verb` names: "Pistorius said", "she added", "said Kaja
/// Kallas", "according to Reuters", "a déclaré Emmanuel Macron".
fn speaker_at(words: &[Word<'_>], verb: usize, after_quote: bool, lexicon: &Lexicon) -> Option<Said> {
    let mut subject = verb;
    if let Some(adverb) = subject.checked_sub(1).and_then(|i| words.get(i)) {
        if lexicon.is_between(adverb.text) && adverb.linked {
            subject -= 1;
        }
    }
    let verb_linked = words.get(subject).is_some_and(|w| w.linked);
    if let Some(before) = subject.checked_sub(1).and_then(|i| words.get(i)) {
        if verb_linked && lexicon.is_pronoun(before.text) {
            return Some(Said::Pronoun);
        }
        // "Am Montag sagte Scholz": a day or a month before the verb is when, not who.
        if verb_linked && before.capitalised && !before.possessive && !lexicon.is_date_name(before.text) {
            if let Some(name) = name_before(words, subject, lexicon) {
                return Some(Said::Name(name));
            }
        }
    }
    let inverts = after_quote || words.get(verb).is_some_and(|w| lexicon.is_inverting(w.text));
    if !inverts {
        return None;
    }
    let mut object = verb + 1;
    // French inversion: the pronoun hangs on the verb by a hyphen, perhaps after the "t" said
    // between two vowels ("dit-il", "ajoute-t-elle").
    if words.get(object).is_some_and(|w| w.hyphened && w.text == "t") {
        object += 1;
    }
    if let Some(hyphened) = words.get(object).filter(|w| w.hyphened) {
        return lexicon.is_pronoun(hyphened.text).then_some(Said::Pronoun);
    }
    if words.get(object).is_some_and(|w| lexicon.is_particle(w.text)) {
        object += 1;
    }
    let next = words.get(object)?;
    if !next.linked {
        return None;
    }
    if lexicon.is_pronoun(next.text) {
        return Some(Said::Pronoun);
    }
    name_after(words, object, lexicon).map(Said::Name)
}

/// The attribution of a passage: right after its closing mark ("…,” Pistorius said"), else in
/// the clause before its opening mark ("Hegseth said before the meeting, adding: “…”").
fn attribution(
    text: &str,
    passage: &Passage,
    previous_close: usize,
    next_open: usize,
    lexicon: &Lexicon,
) -> Option<Said> {
    let line_end = text
        .get(passage.close..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| passage.close + i);
    let after = text.get(passage.close..next_open.min(line_end)).unwrap_or("");
    let after = after.get(..sentence_end(after)).unwrap_or(after);
    let after_words = words(after);
    // The attribution starts the text after the quote: a verb (perhaps after its auxiliary: "a
    // déclaré"), a pronoun or a name first.
    let anchored = after_words
        .iter()
        .take(ATTRIBUTION_WORDS)
        .position(|w| lexicon.is_verb(w.text))
        .filter(|&verb| {
            verb == 0
                || after_words.iter().take(verb).all(|w| lexicon.is_auxiliary(w.text))
                || after_words
                    .first()
                    .is_some_and(|w| lexicon.is_pronoun(w.text) || w.capitalised)
                    && after_words.iter().take(verb).skip(1).all(|w| w.linked)
        });
    if let Some(said) = anchored.and_then(|verb| speaker_at(&after_words, verb, true, lexicon)) {
        return Some(said);
    }
    let line_start = text
        .get(..passage.open)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let before = text.get(previous_close.max(line_start)..passage.open).unwrap_or("");
    let clause = if words(before).len() <= ATTRIBUTION_WORDS {
        before
    } else {
        last_sentence(before)
    };
    let before_words = words(clause);
    (0..before_words.len())
        .filter(|&i| before_words.get(i).is_some_and(|w| lexicon.is_verb(w.text)))
        .find_map(|verb| speaker_at(&before_words, verb, false, lexicon))
}

/// Where the first sentence of `text` ends (after its ". ", "? " or "! ").
fn sentence_end(text: &str) -> usize {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | ';') && chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
            return i;
        }
    }
    text.len()
}

/// The last sentence of `text` (ignoring its own final punctuation).
fn last_sentence(text: &str) -> &str {
    let trimmed = text.trim_end().trim_end_matches(['.', '!', '?', ':', ',', ';']);
    let mut start = 0;
    let mut chars = trimmed.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
            start = i + c.len_utf8();
        }
    }
    text.get(start..).unwrap_or(text)
}

/// The people a body names: whoever an attribution verb names ("Kallas stressed", "said Kaja
/// Kallas") and names with a title before them ("Dutch Defense Minister Ruben Brekelmans").
/// `singular`: one person, so not what "say" attributes to ("many in San Diego say").
pub(super) fn people(words: &[Word<'_>], singular: bool, lexicon: &Lexicon) -> BTreeSet<String> {
    let mut people: BTreeSet<String> = BTreeSet::new();
    for (i, word) in words.iter().enumerate() {
        if lexicon.is_verb(word.text) && !(singular && word.text.eq_ignore_ascii_case("say")) {
            if let Some(Said::Name(name)) = speaker_at(words, i, false, lexicon) {
                people.insert(name);
            }
        }
    }
    for run in capitalised_runs(words) {
        let Some(run) = words.get(run) else { continue };
        let name = trailing_name(run, lexicon);
        let titled = run
            .len()
            .checked_sub(name.len() + 1)
            .and_then(|i| run.get(i))
            .is_some_and(|w| lexicon.is_title(w.text) && !lexicon.is_qualifier(w.text));
        if titled && !name.is_empty() {
            people.insert(name.join(" "));
        }
    }
    people
}

/// Names of two words or more in a body, by their lower-case last word.
pub(super) fn full_names(words: &[Word<'_>], lexicon: &Lexicon) -> BTreeMap<String, BTreeSet<String>> {
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for run in capitalised_runs(words) {
        let Some(run) = words.get(run) else { continue };
        let name = trailing_name(run, lexicon);
        if let (true, Some(last)) = (name.len() >= 2, name.last()) {
            names.entry(last.to_lowercase()).or_default().insert(name.join(" "));
        }
    }
    names
}

/// A quoted passage of a record, with its speaker resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Quoted {
    pub(super) passage: Passage,
    pub(super) text: String,
    pub(super) speaker: Option<String>,
}

/// The quotes of a body with their speakers. A pronoun is the person named last before the quote
/// (anyone the body attributes words to or names with a title); a surname is completed from the
/// body ("Pistorius" → "Boris Pistorius") when only one full name ends with it. `language`: the
/// body's (ISO 639-1), whose attribution verbs, pronouns and titles count besides English's.
pub(super) fn quotes(text: &str, language: Option<&str>) -> Vec<Quoted> {
    let lexicon = Lexicon::of(language);
    let found = passages(text);
    let all_words = words(text);
    let mut people = people(&all_words, false, &lexicon);
    let said: Vec<Option<Said>> = found
        .iter()
        .enumerate()
        .map(|(k, passage)| {
            let previous_close = k.checked_sub(1).and_then(|p| found.get(p)).map_or(0, |p| p.close);
            let next_open = found.get(k + 1).map_or(text.len(), |p| p.open);
            attribution(text, passage, previous_close, next_open, &lexicon)
        })
        .collect();
    for s in said.iter().flatten() {
        if let Said::Name(name) = s {
            people.insert(name.clone());
        }
    }
    let full_names = full_names(&all_words, &lexicon);
    let surnames: BTreeSet<String> = people
        .iter()
        .filter_map(|p| p.rsplit(' ').next())
        .map(str::to_lowercase)
        .collect();
    // Where a person is named, in order.
    let mentions: Vec<&Word<'_>> = all_words
        .iter()
        .filter(|w| w.capitalised && surnames.contains(&w.text.to_lowercase()))
        .collect();
    let complete = |name: &str| -> String {
        if name.contains(' ') {
            return name.to_string();
        }
        match full_names.get(&name.to_lowercase()) {
            Some(names) if names.len() == 1 => names.first().cloned().unwrap_or_else(|| name.to_string()),
            _ => name.to_string(),
        }
    };
    found
        .iter()
        .zip(said)
        .filter_map(|(passage, said)| {
            let inner = text.get(passage.start..passage.end)?;
            if words(inner).len() < MIN_QUOTE_WORDS {
                return None;
            }
            let speaker = match said {
                Some(Said::Name(name)) => Some(complete(&name)),
                Some(Said::Pronoun) => {
                    let before = mentions.partition_point(|w| w.start < passage.open);
                    before
                        .checked_sub(1)
                        .and_then(|i| mentions.get(i))
                        .map(|w| complete(w.text))
                }
                None => None,
            };
            Some(Quoted {
                passage: *passage,
                text: wording_text(inner),
                speaker,
            })
        })
        .collect()
}

/// A passage as shown: whitespace collapsed, without the comma or full stop the attribution
/// leaves at its end ("…beforehand,” Pistorius said").
fn wording_text(inner: &str) -> String {
    let collapsed = inner.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = collapsed.trim_end_matches([',', ';', ':']).to_string();
    // A final full stop, unless it ends an ellipsis or an abbreviation ("U.S.").
    let last_word = text.rsplit(' ').next().unwrap_or("");
    if text.ends_with('.') && !text.ends_with("..") && last_word.matches('.').count() == 1 {
        text.pop();
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        passages(text).iter().filter_map(|p| text.get(p.start..p.end)).collect()
    }

    #[test]
    fn apostrophes_do_not_open_or_close_quotes() {
        let text = "Ukraine’s allies met at the ministers’ meeting. “It’s Russia’s war, not Europe’s,” she said.";
        assert_eq!(texts(text), vec!["It’s Russia’s war, not Europe’s,"]);
        assert!(texts("The country’s leaders didn’t say what Kyiv’s allies’ plans were.").is_empty());
    }

    #[test]
    fn inner_quotes_are_part_of_the_outer_one() {
        let text = "“Somebody agrees and everybody else has to say, ‘OK, you have agreed, but we will not follow \
                    this.’ Ukrainians will resist,” Kallas added. “Uncle Sam into 'Uncle Sucker,'” he said.";
        assert_eq!(
            texts(text),
            vec![
                "Somebody agrees and everybody else has to say, ‘OK, you have agreed, but we will not follow this.’ \
                 Ukrainians will resist,",
                "Uncle Sam into 'Uncle Sucker,'",
            ]
        );
    }

    #[test]
    fn guillemets_low_quotes_single_and_straight_quotes() {
        assert_eq!(
            texts("Il a dit : « Nous ne céderons pas, jamais » hier."),
            vec![" Nous ne céderons pas, jamais "]
        );
        assert_eq!(
            texts("Er sagte: „Wir werden das ‚so‘ nicht hinnehmen.“ Dann ging er."),
            vec!["Wir werden das ‚so‘ nicht hinnehmen."]
        );
        assert_eq!(texts("Powiedział „nie będzie zgody”."), vec!["nie będzie zgody"]);
        assert_eq!(texts("„So geht es nicht\", sagte er."), vec!["So geht es nicht"]);
        assert_eq!(
            texts("‘Peace through weakness is no peace,’ he said."),
            vec!["Peace through weakness is no peace,"]
        );
        assert_eq!(
            texts("He called it \"a dirty deal\" and left; the 5'10\" guard \"stayed\"."),
            vec!["a dirty deal", "stayed"]
        );
    }

    #[test]
    fn an_unclosed_quote_ends_at_the_paragraph_unless_the_next_one_reopens_it() {
        assert!(texts("“This never closes, he said.\n\nA new paragraph.").is_empty());
        let text = "“The first paragraph of a long quote.\n\n“And its second,” she said.";
        assert_eq!(
            texts(text),
            vec!["The first paragraph of a long quote.", "And its second,"]
        );
    }

    #[test]
    fn speakers_are_read_from_the_attribution() {
        let text = "German Defence Minister Boris Pistorius spoke first.\n\n\
                    “It would have been better to discuss it at the table,” Pistorius said in Brussels.\n\n\
                    “There is no option to not be at the table,” said Dutch Defense Minister Ruben Brekelmans.\n\n\
                    Kallas stressed that the deal was doomed.\n\n\
                    “There’s an agreement being made behind our backs,” she said. “It will not work at all.”\n\n\
                    “Some words without anyone saying them here.”";
        let found: Vec<(String, Option<String>)> =
            quotes(text, None).into_iter().map(|q| (q.text, q.speaker)).collect();
        assert_eq!(
            found,
            vec![
                (
                    "It would have been better to discuss it at the table".to_string(),
                    Some("Boris Pistorius".to_string())
                ),
                (
                    "There is no option to not be at the table".to_string(),
                    Some("Ruben Brekelmans".to_string())
                ),
                (
                    "There’s an agreement being made behind our backs".to_string(),
                    Some("Kallas".to_string())
                ),
                ("It will not work at all".to_string(), Some("Kallas".to_string())),
                ("Some words without anyone saying them here".to_string(), None),
            ]
        );
    }

    fn speakers(text: &str, language: &str) -> Vec<Option<String>> {
        quotes(text, Some(language)).into_iter().map(|q| q.speaker).collect()
    }

    #[test]
    fn german_attributions_name_the_speaker() {
        let text = "Bundeskanzler Olaf Scholz reiste am Montag nach Brüssel.\n\n\
                    „Wir werden die Ukraine weiter unterstützen“, sagte Olaf Scholz.\n\n\
                    „Das ist keine Frage des Geldes allein\", sagte Scholz am Abend.\n\n\
                    „Europa muss jetzt zusammenstehen und handeln“, betonte er.\n\n\
                    Scholz sagte: „Wir haben keine Zeit mehr zu verlieren.“";
        let scholz = Some("Olaf Scholz".to_string());
        assert_eq!(
            speakers(text, "de"),
            vec![scholz.clone(), scholz.clone(), scholz.clone(), scholz]
        );
        // Read as English, the German verbs attribute nothing.
        assert!(quotes(text, None).iter().all(|q| q.speaker.is_none()));
    }

    #[test]
    fn french_attributions_name_the_speaker() {
        let text = "Le président Emmanuel Macron était à Berlin mardi.\n\n\
                    « Nous ne céderons rien sur ce point », a déclaré Emmanuel Macron.\n\n\
                    « La France tiendra ses engagements jusqu’au bout », a ajouté Macron.\n\n\
                    Selon Macron, « il faut agir vite et ensemble en Europe ».\n\n\
                    Macron a expliqué : « Nous devons investir davantage dans la défense. »";
        let macron = Some("Emmanuel Macron".to_string());
        assert_eq!(
            speakers(text, "fr"),
            vec![macron.clone(), macron.clone(), macron.clone(), macron]
        );
    }

    #[test]
    fn a_french_inverted_pronoun_points_to_the_speaker_named_last() {
        let text = "Le président Emmanuel Macron était à Berlin mardi.\n\n\
                    « Nous ne céderons rien sur ce point », a déclaré Emmanuel Macron.\n\n\
                    « La France tiendra ses engagements jusqu’au bout », ajoute-t-il.\n\n\
                    « Il faut agir vite et ensemble en Europe », dit-il.\n\n\
                    « C’est la fin d’une époque pour toute la ville », dit-on à Paris.";
        let macron = Some("Emmanuel Macron".to_string());
        // "dit-on" ("they say") names nobody, not the person named last.
        assert_eq!(speakers(text, "fr"), vec![macron.clone(), macron.clone(), macron, None]);
    }

    #[test]
    fn a_day_before_a_german_verb_is_when_not_who() {
        let text = "Bundeskanzler Olaf Scholz reiste nach Brüssel.\n\n\
                    Am Montag sagte Scholz: „Wir werden die Ukraine weiter unterstützen.“\n\n\
                    Im März sagte er: „Europa muss jetzt zusammenstehen und handeln.“";
        let scholz = Some("Olaf Scholz".to_string());
        assert_eq!(speakers(text, "de"), vec![scholz.clone(), scholz]);
    }

    #[test]
    fn spanish_attributions_name_the_speaker() {
        let text = "El presidente Pedro Sánchez viajó a Bruselas el lunes.\n\n\
                    «La economía española crece más que la media europea», dijo Pedro Sánchez.\n\n\
                    \"Seguiremos trabajando por el empleo en todo el país\", afirmó Sánchez.\n\n\
                    «No vamos a subir los impuestos este año», ha dicho él.";
        let sanchez = Some("Pedro Sánchez".to_string());
        assert_eq!(speakers(text, "es"), vec![sanchez.clone(), sanchez.clone(), sanchez]);
    }

    #[test]
    fn short_scare_quotes_are_not_quotes() {
        assert!(quotes("The plan was “unrealistic,” he said, and “no longer tolerable.”", None).is_empty());
    }
}
