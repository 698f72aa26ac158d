//! Stories: above variant groups, which articles report the same event, the terms that tie them
//! together, and the quotes they share — which outlets carry a quote, who it is attributed to,
//! and how the wordings differ, word by word.
//!
//! ```
//! use pith::stories::{stories, StoryOptions};
//!
//! let read = pith::Options::default().read;
//! let pages = [
//!     ("a.txt", "The harbour authority of Valletta reopened the Grand Harbour on Monday after storm repairs to the breakwater.\n\n\
//!                “We expect the cruise ships to return to Valletta within a fortnight,” said Joseph Camilleri, the harbour master.\n"),
//!     ("b.txt", "Valletta’s Grand Harbour is open again after the breakwater was repaired, the harbour authority announced.\n\n\
//!                “We expect cruise ships to come back to Valletta within two weeks,” harbour master Joseph Camilleri said.\n"),
//! ];
//! let records: Vec<pith::Record> = pages
//!     .iter()
//!     .map(|(name, text)| pith::input::decode(name, text.as_bytes().to_vec(), &read).map(|s| pith::clean(&s)))
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! let groups = pith::group::group(&records, Default::default());
//! let found = stories(&records, &groups, StoryOptions::default());
//! assert_eq!(found.len(), 1);
//! assert!(found[0].terms.iter().any(|t| t == "Valletta"));
//! let quote = &found[0].quotes[0];
//! assert_eq!(quote.speaker.as_deref(), Some("Joseph Camilleri"));
//! assert_eq!(quote.wordings.len(), 2);
//! ```
//!
//! **Clustering.** A story is an event, not a topic: its articles name the same people, places
//! and organisations within a few days. Each article (a variant group, read through its
//! canonical member) is reduced to a set of terms: names (words the body capitalises in
//! mid-sentence in prose — not in a heading, a menu or a list — and runs of them such as "Boris
//! Pistorius") and content words, without function words (English, and the article's language
//! among those pith has cue phrases for). Paragraphs found verbatim in another article are left
//! out first: they are an outlet's furniture that cleaning kept (teasers, footers), and would tie
//! unrelated articles. A term weighs its smoothed inverse document frequency in the corpus, twice
//! as much for a name and three times for a person (someone named in full whom the text quotes or
//! gives a title), and ties articles only when at least two hold it. Candidate pairs come from an
//! inverted index over each article's heaviest terms (rare names first), so the work per article
//! is bounded and clustering grows linearly with the corpus. A pair is one story when the cosine
//! similarity of their weighted term sets reaches 0.2, they share at least
//! [`StoryOptions::min_shared_terms`] terms, and at least three named entities both write as
//! names (a name of several words counting once with its words); when either date is unknown,
//! those names must include a person. Pairs are joined strongest first (union-find), and a join is
//! refused when it would put two known publication dates of a story further apart than
//! [`StoryOptions::max_days_apart`]. A story is explained by the terms its articles share, the
//! heaviest and most prominent first; stories of fewer than [`StoryOptions::min_articles`]
//! articles are left out.
//!
//! **Quotes.** Quoted passages (“…”, "…", «…», „…“, ‘…’) are found with their byte ranges; an
//! inner quote is part of the outer one and an apostrophe (Ukraine’s) never opens or closes one.
//! The speaker is read from the attribution beside the passage ("…,” Pistorius said", "said Kaja
//! Kallas", "she added" → the person named last before the quote). Passages of different
//! articles in a story are aligned when their words match closely (similar's ratio ≥ 0.5 over
//! words, or one passage contained in the other) and they share content words; identical
//! wordings (whitespace, typographic and straight quotes aside) are merged, and a quote is kept
//! when at least two articles carry it. Each other wording is shown against the first as an
//! inline word diff.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;
use similar::{capture_diff_slices, get_diff_ratio, Algorithm, DiffTag};
use xxhash_rust::xxh3::xxh3_64;

use crate::group::Group;
use crate::provenance::date::day_number;
use crate::Record;

/// Cosine similarity of two articles' weighted term sets from which they are one story. On the
/// seeds, articles on one event score 0.23–0.43 when compared alone and 0.33–0.62 among a hundred
/// other news pages (rarer words weigh more in a larger corpus); unrelated articles stay below
/// 0.13, and pages on one topic but not one event (two Alibaba stories, two car launches) around
/// 0.2.
const SIMILARITY: f64 = 0.2;
/// How much more a name weighs than another word: named entities are what ties a story, and
/// among them the people it names most of all.
const NAME_WEIGHT: f64 = 2.0;
const PERSON_WEIGHT: f64 = 3.0;
/// Sentences of at least this many words, three in four capitalised, are lists or menus, not
/// prose (see [`in_prose`]): a sentence of news as capitalised as that is shorter ("Dutch Defense
/// Minister Ruben Brekelmans said.").
const LIST_WORDS: usize = 6;
/// Named entities two articles must share to be one story: names both write capitalised in
/// prose, a multi-word name counting once with its words. One is a coincidence (a city, a
/// company), two can be a topic's (Apple and its MacBook); an event has its people, places and
/// organisations in every report of it.
const MIN_SHARED_NAMES: usize = 3;
/// Lower-case words shorter than this are not terms (they are function words in most languages).
const MIN_WORD_CHARS: usize = 4;
/// Terms kept per article (its heaviest), so that comparing two articles costs a bounded time.
const TERMS_PER_ARTICLE: usize = 256;
/// An article's heaviest terms used to find candidate partners in the inverted index.
const PROBES: usize = 16;
/// Terms found in more articles than this propose no candidates (they still count in the score).
/// With [`PROBES`], this bounds the pairs compared to `PROBES * MAX_POSTING / 2` per article.
const MAX_POSTING: usize = 128;
/// Words from which a paragraph repeated verbatim in another article is furniture (see
/// [`own_paragraphs`]).
const MIN_SHARED_PARAGRAPH_WORDS: usize = 5;
/// Terms shown per story.
const STORY_TERMS: usize = 12;
/// Words a quoted passage needs to be a quote rather than a scare-quoted phrase.
const MIN_QUOTE_WORDS: usize = 4;
/// similar's ratio over the words of two passages from which they are one quote.
const QUOTE_RATIO: f32 = 0.5;
/// …or the share of the shorter passage's words found in the longer one (a partial quote), for
/// passages of at least [`MIN_PARTIAL_WORDS`] words.
const QUOTE_CONTAINED: f32 = 0.8;
const MIN_PARTIAL_WORDS: usize = 6;
/// Content words two passages must share to be compared at all.
const QUOTE_SHARED_WORDS: usize = 2;
/// Words after a closing quote mark, or in the clause before an opening one, searched for the
/// attribution.
const ATTRIBUTION_WORDS: usize = 12;

/// Words that are never terms: English function words, reporting verbs, calendar words.
/// Sorted (a test checks), for binary search.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "according", "across", "actually", "added", "advertisement", "after", "afterwards",
    "again", "against", "ago", "ahead", "all", "almost", "along", "already", "also", "although", "always", "am",
    "among", "an", "and", "another", "any", "anyone", "anything", "april", "are", "around", "as", "asked", "at",
    "august", "away", "back", "be", "became", "because", "become", "been", "before", "behind", "being", "below",
    "beside", "besides", "between", "beyond", "billion", "both", "but", "by", "called", "came", "can", "cannot",
    "click", "come", "comes", "copyright", "could", "day", "days", "december", "did", "do", "does", "doing", "done",
    "down", "during", "each", "early", "eight", "either", "else", "enough", "even", "ever", "every", "everyone",
    "everything", "far", "february", "few", "first", "five", "for", "former", "four", "friday", "from", "further",
    "get", "gets", "getting", "give", "given", "go", "goes", "going", "gone", "got", "had", "has", "have", "having",
    "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "hundred", "i", "if", "image",
    "in", "including", "instead", "into", "is", "it", "its", "itself", "january", "july", "june", "just", "know",
    "known", "last", "later", "latter", "least", "less", "let", "like", "likely", "look", "looking", "made", "make",
    "makes", "many", "march", "may", "me", "meanwhile", "might", "million", "monday", "month", "months", "more",
    "moreover", "most", "mostly", "mr", "mrs", "ms", "much", "must", "my", "myself", "near", "nearly", "neither",
    "never", "nevertheless", "new", "news", "next", "nine", "no", "nobody", "none", "nor", "not", "nothing",
    "november", "now", "october", "of", "off", "often", "on", "once", "one", "only", "onto", "or", "other", "others",
    "otherwise", "our", "ours", "ourselves", "out", "over", "own", "part", "people", "per", "percent", "perhaps",
    "photo", "photos", "place", "put", "quite", "rather", "read", "really", "related", "reuters", "said", "same",
    "saturday", "say", "saying", "says", "second", "see", "seem", "seemed", "seems", "seen", "september", "set",
    "seven", "several", "shall", "share", "she", "should", "show", "shows", "since", "six", "so", "some", "somehow",
    "someone", "something", "sometimes", "still", "subscribe", "such", "sunday", "take", "taken", "takes", "tell",
    "ten", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "thereby", "therefore",
    "these", "they", "thing", "things", "think", "third", "this", "those", "though", "thousand", "three", "through",
    "throughout", "thursday", "thus", "time", "times", "to", "today", "together", "told", "tomorrow", "tonight",
    "too", "took", "toward", "towards", "tuesday", "two", "under", "unless", "until", "up", "upon", "us", "use",
    "used", "using", "very", "via", "video", "want", "wants", "was", "way", "ways", "we", "wednesday", "week",
    "weekend", "weeks", "well", "went", "were", "what", "whatever", "when", "whenever", "where", "whereas", "whether",
    "which", "while", "who", "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without", "would",
    "year", "years", "yesterday", "yet", "you", "your", "yours", "yourself", "yourselves",
];

/// Function words of the other languages pith has cue phrases for, by ISO 639-1 code; applied
/// with [`STOPWORDS`] to an article detected as that language. Each list sorted.
#[rustfmt::skip]
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    ("de", &[
        "aber", "alle", "allem", "allen", "aller", "alles", "also", "andere", "anderen", "anderer", "auch", "auf",
        "aus", "bei", "beiden", "beim", "bereits", "bis", "bisher", "dabei", "dadurch", "dafür", "dagegen", "daher",
        "damit", "dann", "darauf", "darum", "dass", "davon", "dazu", "denen", "denn", "dennoch", "deren", "derer",
        "dessen", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort", "durch", "eine", "einem", "einen",
        "einer", "eines", "einige", "einigen", "etwa", "etwas", "euch", "euer", "ganz", "gegen", "geht", "gewesen",
        "gibt", "habe", "haben", "hat", "hatte", "hatten", "heute", "hier", "hinter", "ihnen", "ihr", "ihre", "ihrem",
        "ihren", "ihrer", "immer", "ist", "jedoch", "jetzt", "kann", "kein", "keine", "keinen", "können", "könnte",
        "laut", "machen", "mehr", "mein", "meine", "mich", "muss", "müssen", "nach", "nicht", "nichts", "noch", "nun",
        "nur", "oder", "ohne", "sagt", "sagte", "schon", "sehr", "seid", "sein", "seine", "seinem", "seinen",
        "seiner", "seit", "selbst", "sich", "sie", "sind", "soll", "sollen", "sollte", "sondern", "sowie", "sowohl",
        "unser", "unsere", "unter", "viel", "viele", "vom", "von", "vor", "wann", "war", "waren", "warum", "weil",
        "weiter", "welche", "welchem", "welchen", "welcher", "wenn", "werde", "werden", "wie", "wieder", "will",
        "wird", "wurde", "wurden", "würde", "zum", "zur", "zwar", "zwei", "zwischen", "über",
    ]),
    ("es", &[
        "ahora", "algo", "algunos", "ante", "antes", "aquí", "así", "aunque", "años", "cada", "como", "con", "contra",
        "cual", "cuando", "desde", "dijo", "donde", "durante", "ella", "ellas", "ello", "ellos", "entre", "era",
        "eran", "esa", "esas", "ese", "eso", "esos", "esta", "estas", "este", "esto", "estos", "está", "están", "fue",
        "fueron", "había", "hace", "hacia", "han", "hasta", "hay", "las", "les", "los", "mientras", "muy", "más",
        "nada", "nos", "nosotros", "otra", "otras", "otro", "otros", "para", "pero", "poco", "por", "porque", "puede",
        "pues", "que", "quien", "sea", "según", "ser", "será", "sido", "siempre", "sin", "sobre", "son", "también",
        "tan", "tanto", "tiene", "tienen", "todo", "todos", "tras", "una", "unas", "uno", "unos", "usted",
    ]),
    ("fr", &[
        "ainsi", "alors", "ans", "après", "aussi", "autre", "autres", "avait", "avant", "avec", "avez", "avoir",
        "avons", "cela", "celle", "celles", "celui", "cependant", "ces", "cette", "ceux", "chez", "comme", "comment",
        "contre", "dans", "depuis", "des", "deux", "dit", "donc", "dont", "déjà", "elle", "elles", "encore", "entre",
        "est", "faire", "fait", "faut", "leur", "leurs", "lors", "lorsque", "mais", "moins", "même", "notre", "nous",
        "ont", "par", "parce", "pas", "pendant", "peu", "peut", "plus", "pour", "pourquoi", "quand", "que", "quel",
        "quelle", "quelque", "qui", "sans", "selon", "sera", "serait", "seront", "ses", "son", "sont", "sous", "sur",
        "tous", "tout", "toute", "toutes", "très", "une", "vers", "vos", "votre", "vous", "était", "été", "être",
    ]),
    ("it", &[
        "alla", "alle", "allo", "anche", "ancora", "anni", "avere", "aveva", "che", "chi", "come", "con", "cosa",
        "così", "cui", "dal", "dalla", "dalle", "degli", "dei", "del", "della", "delle", "dello", "detto", "dopo",
        "due", "era", "essere", "fare", "gli", "hanno", "lei", "loro", "lui", "molto", "nel", "nella", "nelle",
        "nello", "non", "nostro", "ogni", "oltre", "per", "perché", "più", "poi", "prima", "quale", "quando",
        "quello", "questa", "queste", "questi", "questo", "sarà", "senza", "sia", "sono", "sopra", "sotto", "stato",
        "sua", "sue", "sui", "sul", "sulla", "suo", "tra", "tutti", "tutto", "una", "uno", "verso",
    ]),
    ("pt", &[
        "ainda", "além", "anos", "antes", "aos", "apenas", "após", "aqui", "assim", "até", "cada", "com", "como",
        "contra", "das", "desde", "disse", "dos", "ela", "elas", "ele", "eles", "entre", "era", "essa", "esse",
        "esta", "este", "está", "estão", "foi", "foram", "havia", "isso", "isto", "lhe", "mais", "mas", "mesmo",
        "muito", "nas", "nem", "nos", "num", "numa", "não", "onde", "para", "pela", "pelas", "pelo", "pelos", "pode",
        "porque", "quando", "que", "quem", "sem", "ser", "será", "seu", "sobre", "sua", "são", "também", "tem",
        "todo", "todos", "têm", "uma", "umas", "uns", "você",
    ]),
    ("ru", &[
        "без", "более", "больше", "будет", "будут", "был", "была", "были", "было", "быть", "вам", "вас", "весь",
        "вот", "все", "всего", "всех", "где", "года", "году", "даже", "для", "его", "ее", "если", "есть", "еще",
        "ещё", "её", "здесь", "или", "как", "когда", "кто", "лет", "либо", "между", "меня", "мне", "может", "можно",
        "над", "надо", "например", "нас", "него", "нее", "нет", "неё", "них", "однако", "она", "они", "оно", "очень",
        "пока", "после", "потому", "почему", "при", "про", "раз", "сам", "свой", "себе", "себя", "сказал", "так",
        "также", "такой", "там", "тем", "того", "тоже", "только", "том", "тот", "тут", "уже", "хотя", "чего", "чем",
        "что", "чтобы", "эта", "эти", "это", "этого", "этой", "этом", "этот",
    ]),
];

/// Words of office before a name ("German Defence Minister Boris Pistorius"): they end a name
/// when read backwards from the surname, and are not terms. Sorted, for binary search.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "admiral", "ambassador", "archbishop", "bishop", "captain", "cardinal", "ceo", "cfo", "chair", "chairman",
    "chairwoman", "chancellor", "chief", "coach", "colonel", "commander", "commissioner", "congressman",
    "congresswoman", "councillor", "councilman", "dame", "defence", "defense", "deputy", "director", "doctor", "dr",
    "emir", "envoy", "executive", "foreign", "founder", "general", "governor", "judge", "justice", "king", "lady",
    "lawmaker", "leader", "lieutenant", "lord", "lt", "major", "mayor", "minister", "mp", "officer", "pope",
    "premier", "president", "prince", "princess", "prof", "professor", "queen", "rabbi", "rep", "representative",
    "secretary", "sen", "senator", "sergeant", "sheikh", "sir", "speaker", "spokesman", "spokesperson", "spokeswoman",
    "sultan",
];

/// Words of [`TITLES`] that qualify an office rather than name it ("Foreign Affairs"): a name
/// after them is not necessarily a person.
const QUALIFIERS: &[&str] = &["chief", "defence", "defense", "deputy", "foreign"];

/// Verbs that attribute words to a speaker ("said", "told", "according [to]"). Sorted.
#[rustfmt::skip]
const ATTRIBUTION_VERBS: &[&str] = &[
    "according", "acknowledged", "added", "adding", "adds", "admitted", "announced", "argued", "argues", "arguing",
    "asked", "asking", "asks", "cautioned", "claimed", "commented", "conceded", "confirmed", "continued", "declared",
    "emphasised", "emphasized", "explained", "explains", "insisted", "insisting", "insists", "noted", "notes",
    "noting", "observed", "posted", "predicted", "recalled", "remarked", "replied", "responded", "said", "say",
    "saying", "says", "stated", "stressed", "stresses", "stressing", "suggested", "telling", "tells", "told",
    "tweeted", "urged", "warned", "warning", "warns", "writes", "writing", "wrote",
];

/// Verbs whose speaker may follow them anywhere ("said Kaja Kallas", "according to Reuters");
/// other verbs take a name after them only right after a quote ("…,” warned Lecornu), since
/// elsewhere the name is their object ("warning Europe", "told Reuters"). Sorted.
const INVERTING_VERBS: &[&str] = &["according", "added", "asked", "said", "says", "wrote"];

/// Words allowed between a speaker and the verb ("Hegseth further told reporters").
const ADVERBS: &[&str] = &["also", "further", "later", "then"];

/// Pronouns that point back to the person named last.
const PRONOUNS: &[&str] = &["he", "she"];

/// Words that may stand between an attribution verb and the name ("according to X", "said by X").
const VERB_PARTICLES: &[&str] = &["by", "to"];

/// Whether a sorted lower-case list holds `word`, ignoring ASCII case (no allocation: this runs
/// for every word).
fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search_by(|probe| probe.bytes().cmp(word.bytes().map(|b| b.to_ascii_lowercase())))
        .is_ok()
}

/// The function words of a language, besides English.
fn function_words(language: Option<&str>) -> &'static [&'static str] {
    FUNCTION_WORDS
        .iter()
        .find(|(code, _)| Some(*code) == language)
        .map_or(&[], |(_, list)| *list)
}

/// Options for [`stories`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryOptions {
    /// Terms two articles must share, besides a cosine similarity of 0.2. Three keeps two short
    /// items that happen to share a name and a place apart, while articles on one event share
    /// dozens.
    pub min_shared_terms: usize,
    /// The most days between the known publication dates of a story's articles. Three covers an
    /// event's news cycle (a weekend, time zones, the follow-up the day after) while keeping a
    /// recurring topic's separate episodes — this week's talks and last month's — apart.
    pub max_days_apart: i64,
    /// Articles a story needs to be returned. Two by default: an article no other one reports
    /// on is not a story across outlets; 1 returns every article (`--singletons`).
    pub min_articles: usize,
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            min_shared_terms: 3,
            max_days_apart: 3,
            min_articles: 2,
        }
    }
}

/// One wording of a quote and the sources (records' `source`) that carry it, in input order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wording {
    pub text: String,
    pub sources: Vec<String>,
}

/// A quote carried by at least two articles of a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Who the text attributes the quote to, where it says (the name most carriers give).
    pub speaker: Option<String>,
    /// The first wording is the first article's; identical wordings are listed once.
    pub wordings: Vec<Wording>,
    /// Word-level differences between the first wording and each other one, as an inline diff
    /// ("… better to [-discuss-]{+talk about+} Ukraine’s …").
    pub differences: Vec<String>,
}

/// Articles on one event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The `source` of each variant group's canonical member, in input order.
    pub articles: Vec<String>,
    /// The terms that tie the articles together, heaviest first (empty for a lone article).
    pub terms: Vec<String>,
    pub quotes: Vec<Quote>,
}

/// Clusters articles into stories and aligns their quotes.
///
/// `groups` are the variant groups ([`crate::group::group`]) of `records`; each group is one
/// article, represented by its canonical member. Stories are returned in the order of their
/// first article; articles within a story in input order. Stories of fewer than
/// [`StoryOptions::min_articles`] articles are left out.
pub fn stories(records: &[Record], groups: &[Group], options: StoryOptions) -> Vec<Story> {
    let articles = articles(records, groups);
    let corpus = Corpus::build(&articles);
    cluster(&articles, &corpus, options)
        .into_iter()
        .filter(|members| members.len() >= options.min_articles)
        .map(|members| Story {
            articles: members
                .iter()
                .filter_map(|&a| articles.get(a))
                .map(|a| a.canonical.source.clone())
                .collect(),
            terms: explain(&corpus, &members),
            quotes: align(&articles, &members),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Articles

/// One variant group, read through its canonical member.
struct Article<'a> {
    canonical: &'a Record,
    /// Every member's record, in input order.
    members: Vec<(usize, &'a Record)>,
    /// Days since 1970-01-01 of the publication date, when known.
    day: Option<i64>,
}

fn articles<'a>(records: &'a [Record], groups: &[Group]) -> Vec<Article<'a>> {
    let mut by_source: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        by_source.entry(record.source.as_str()).or_insert(i);
    }
    groups
        .iter()
        .filter_map(|group| {
            let canonical = by_source.get(group.canonical.as_str()).and_then(|&i| records.get(i))?;
            let mut members: Vec<(usize, &Record)> = group
                .members
                .iter()
                .filter_map(|m| by_source.get(m.source.as_str()))
                .filter_map(|&i| records.get(i).map(|r| (i, r)))
                .collect();
            members.sort_by_key(|(i, _)| *i);
            members.dedup_by_key(|(i, _)| *i);
            let published = canonical
                .provenance
                .published
                .as_deref()
                .or(group.provenance.published.as_deref());
            Some(Article {
                canonical,
                members,
                day: published.and_then(day_number),
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Words

/// A word of a text, with what its surroundings say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word<'a> {
    start: usize,
    /// Where the word ends in the text, its possessive ’s included.
    end: usize,
    /// The word without a possessive ’s.
    text: &'a str,
    /// "Ukraine’s", "ministers’": a name run ends here.
    possessive: bool,
    /// "doesn’t", "it’s": not a term.
    contraction: bool,
    capitalised: bool,
    /// First word of a sentence, a paragraph or a quote: its capital says nothing.
    sentence_start: bool,
    /// First word of a line.
    line_start: bool,
    /// Only a space separates it from the previous word (no punctuation), so a name can go on.
    linked: bool,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The words of a text: runs of letters and digits, with apostrophes between letters.
fn words(text: &str) -> Vec<Word<'_>> {
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
        });
        previous_end = end;
    }
    out
}

/// Whether each word stands in prose, where a capital in mid-sentence marks a name: not in a
/// list or a menu (a sentence of [`LIST_WORDS`] words or more, three in four of them
/// capitalised: a country picker, a row of product names) nor in a heading (a line in title
/// case that ends without a full stop).
fn in_prose(text: &str, words: &[Word<'_>]) -> Vec<bool> {
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
fn capitalised_runs(words: &[Word<'_>]) -> Vec<std::ops::Range<usize>> {
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
fn trailing_name<'a>(run: &[Word<'a>]) -> Vec<&'a str> {
    let mut name: Vec<&str> = run
        .iter()
        .rev()
        .take_while(|w| w.text.chars().nth(1).is_some() && !listed(TITLES, w.text) && !listed(STOPWORDS, w.text))
        .map(|w| w.text)
        .collect();
    name.reverse();
    name
}

// ---------------------------------------------------------------------------------------------
// Terms and clustering

/// A term of one article.
#[derive(Debug, Clone)]
struct Term {
    /// Capitalised in mid-sentence in this article.
    name: bool,
    /// A person the article names (see [`people`]), or their surname.
    person: bool,
    surface: String,
    /// Occurrences.
    count: u32,
    /// Occurrences capitalised in mid-sentence in the body.
    mid_caps: u32,
    /// Occurrences as part of a longer name ("Boris", "Pistorius" in "Boris Pistorius").
    in_names: u32,
}

/// Names and content words of an article's title and body, keyed by their lower-case form. The
/// outlet's own name is left out: it ties an outlet's articles to each other, not to a story.
fn article_terms(
    title: Option<&str>,
    body: &str,
    outlet: Option<&str>,
    language: Option<&str>,
) -> HashMap<String, Term> {
    let function_words = function_words(language);
    let body_words = words(body);
    // A word is a name when the body capitalises it in mid-sentence, in prose.
    let prose = in_prose(body, &body_words);
    let proper: HashSet<String> = body_words
        .iter()
        .zip(&prose)
        .filter(|(w, &prose)| prose && w.capitalised && !w.sentence_start)
        .map(|(w, _)| w.text.to_lowercase())
        .collect();
    let outlet_words: BTreeSet<String> = outlet
        .map(|o| words(o).iter().map(|w| w.text.to_lowercase()).collect())
        .unwrap_or_default();
    let outlet_name = outlet.map(str::to_lowercase);
    // A person is named in full somewhere ("Kallas stressed" counts where "Kaja Kallas" is
    // written too), in words that are names in prose, never lower-case in the body and not in
    // capitals: what stands before "said" is as often a company, a product or a place ("AI
    // suggested tasks", "Apple Pencil Pro adds", "College Essay Writing").
    let full = full_names(&body_words);
    let lower: HashSet<String> = body_words
        .iter()
        .filter(|w| !w.capitalised)
        .map(|w| w.text.to_lowercase())
        .collect();
    let personal = |name: &str| {
        name.contains(' ')
            && name.split(' ').all(|w| {
                let key = w.to_lowercase();
                proper.contains(&key) && !lower.contains(&key) && w.chars().any(char::is_lowercase)
            })
    };
    let persons: HashSet<String> = people(&body_words, true)
        .into_iter()
        .filter_map(|p| match full.get(&p.to_lowercase()) {
            _ if p.contains(' ') => Some(p),
            Some(names) if names.len() == 1 => names.first().cloned(),
            _ => None,
        })
        .filter(|p| personal(p))
        .flat_map(|p| [p.to_lowercase(), p.rsplit(' ').next().unwrap_or(&p).to_lowercase()])
        .collect();
    let mut terms: HashMap<String, Term> = HashMap::new();
    let mut add = |key: &str, name: bool, surface: &str, mid_caps: bool| {
        if !terms.contains_key(key) {
            let term = Term {
                name,
                person: persons.contains(key),
                surface: surface.to_string(),
                count: 0,
                mid_caps: 0,
                in_names: 0,
            };
            terms.insert(key.to_string(), term);
        }
        let Some(term) = terms.get_mut(key) else { return };
        term.count = term.count.saturating_add(1);
        term.mid_caps = term.mid_caps.saturating_add(u32::from(mid_caps));
        // Shown as capitalised, and as "Brussels" rather than a dateline's "BRUSSELS".
        let shouting = |s: &str| s.chars().count() > 4 && !s.chars().any(char::is_lowercase);
        let better = surface.starts_with(char::is_uppercase)
            && (!term.surface.starts_with(char::is_uppercase) || shouting(&term.surface) && !shouting(surface));
        if name && better {
            term.surface = surface.to_string();
        }
    };
    let title_words = title.map(words).unwrap_or_default();
    let all = title_words
        .iter()
        .map(|w| (w, false))
        .chain(body_words.iter().map(|w| (w, true)));
    let mut key = String::new();
    for (word, in_body) in all {
        if word.contraction || !word.text.chars().any(char::is_alphabetic) {
            continue;
        }
        key.clear();
        key.extend(word.text.chars().flat_map(char::to_lowercase));
        let ignored = listed(STOPWORDS, &key) || listed(function_words, &key) || listed(TITLES, &key);
        if ignored || outlet_words.contains(&key) {
            continue;
        }
        let name = proper.contains(&key);
        let min_chars = if name { 2 } else { MIN_WORD_CHARS };
        if key.chars().nth(min_chars - 1).is_none() {
            continue;
        }
        let surface = if name && word.capitalised {
            word.text
        } else {
            key.as_str()
        };
        add(&key, name, surface, in_body && word.capitalised && !word.sentence_start);
    }
    let mut in_names: Vec<String> = Vec::new();
    for run in capitalised_runs(&body_words) {
        let Some(run) = body_words.get(run) else { continue };
        // Every word of a multi-word name must be a name in its own right.
        let mut name = trailing_name(run);
        let own = name
            .iter()
            .rev()
            .take_while(|w| proper.contains(&w.to_lowercase()))
            .count();
        name.drain(..name.len().saturating_sub(own));
        if name.len() < 2 {
            continue;
        }
        let surface = name.join(" ");
        let key = surface.to_lowercase();
        if outlet_name.as_deref() == Some(key.as_str()) || outlet_name.as_deref() == Some(&format!("the {key}")) {
            continue;
        }
        in_names.extend(name.iter().map(|w| w.to_lowercase()));
        add(&key, true, &surface, false);
    }
    for key in in_names {
        if let Some(term) = terms.get_mut(&key) {
            term.in_names = term.in_names.saturating_add(1);
        }
    }
    terms
}

/// The corpus' view of the terms: document frequencies, weights, each article's weighted terms.
struct Corpus {
    /// Display form by term id (ids follow the keys' order).
    display: Vec<String>,
    weight: Vec<f64>,
    /// Whether a word only ever appears inside longer names ("Kaja", "States"): the longer name
    /// explains a story better.
    only_in_names: Vec<bool>,
    /// Each article's terms found in at least two articles, by id.
    vectors: Vec<Vec<Held>>,
    /// For a name of several words, the ids of its words that are terms ("Boris", "Pistorius"
    /// for "Boris Pistorius"): a shared name counts once with its words.
    parts: BTreeMap<usize, Vec<usize>>,
    /// Each article's norm over all its terms.
    norms: Vec<f64>,
    /// Term id → the articles holding it, for terms proposing candidates.
    postings: BTreeMap<usize, Vec<usize>>,
}

/// A term as one article holds it.
#[derive(Debug, Clone, Copy)]
struct Held {
    id: usize,
    /// Occurrences.
    count: u32,
    /// The article writes it as a name (capitalised in mid-sentence, in prose).
    name: bool,
    /// The article names this person (in full, or by the surname of a full name it gives).
    person: bool,
}

/// What two articles have in common.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Tie {
    /// Terms both hold.
    shared: usize,
    /// Cosine similarity of their weighted term sets.
    similarity: f64,
    /// Named entities both write as names, a name of several words counting once with its words.
    names: usize,
    /// Whether one of those names is a person one of them names.
    person: bool,
}

/// What the corpus knows of one term while it is being built.
#[derive(Default)]
struct TermStats<'a> {
    articles: usize,
    as_name: usize,
    as_person: usize,
    only_in_names: usize,
    in_names: u32,
    surfaces: BTreeMap<&'a str, usize>,
}

impl Corpus {
    fn build(articles: &[Article<'_>]) -> Corpus {
        let bodies = own_paragraphs(articles);
        let per_article: Vec<HashMap<String, Term>> = articles
            .iter()
            .zip(&bodies)
            .map(|(a, body)| {
                let p = &a.canonical.provenance;
                article_terms(p.title.as_deref(), body, p.outlet.as_deref(), p.language.as_deref())
            })
            .collect();
        let mut stats: HashMap<&str, TermStats<'_>> = HashMap::new();
        for terms in &per_article {
            for (key, term) in terms {
                let entry = stats.entry(key.as_str()).or_default();
                entry.articles += 1;
                entry.as_name += usize::from(term.name);
                entry.as_person += usize::from(term.person);
                entry.only_in_names += usize::from(term.in_names >= term.mid_caps);
                entry.in_names = entry.in_names.saturating_add(term.in_names);
                if term.name {
                    *entry.surfaces.entry(term.surface.as_str()).or_default() += 1;
                }
            }
        }
        let n = articles.len() as f64;
        let idf = |df: usize| ((1.0 + n) / (1.0 + df as f64)).ln() + 1.0;
        let boost = |t: &TermStats<'_>| {
            if t.as_person > 0 {
                PERSON_WEIGHT
            } else if t.as_name * 2 > t.articles {
                NAME_WEIGHT
            } else {
                1.0
            }
        };
        // An article's norm counts every term, those no other article has too: what an article
        // says that the other does not makes them less alike.
        let norms: Vec<f64> = per_article
            .iter()
            .map(|terms| {
                terms
                    .keys()
                    .filter_map(|k| stats.get(k.as_str()))
                    .map(|t| (idf(t.articles) * boost(t)).powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .collect();
        // Ids in the keys' order, so that nothing depends on hash map order.
        let mut keys: Vec<(&str, &TermStats<'_>)> = stats.iter().map(|(k, t)| (*k, t)).collect();
        keys.sort_unstable_by_key(|(k, _)| *k);
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let (mut display, mut weight, mut only_in_names, mut frequency) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (key, term) in keys {
            if term.articles < 2 {
                continue;
            }
            ids.insert(key, display.len());
            // A name where most articles holding it capitalise it, shown as they most often write it.
            let name = term.as_name * 2 > term.articles;
            let surface = term
                .surfaces
                .iter()
                .filter(|(s, _)| !name || s.starts_with(char::is_uppercase))
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map_or(key, |(s, _)| *s);
            display.push(if name { surface } else { key }.to_string());
            // Smoothed IDF: a term every article shares still weighs something in a small corpus.
            weight.push(idf(term.articles) * boost(term));
            only_in_names.push(term.only_in_names == term.articles && term.in_names > 0);
            frequency.push(term.articles);
        }
        let weight_of = |id: usize| weight.get(id).copied().unwrap_or(0.0);
        let mut parts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (key, &id) in &ids {
            if key.contains(' ') {
                let words: Vec<usize> = key.split(' ').filter_map(|w| ids.get(w).copied()).collect();
                parts.insert(id, words);
            }
        }
        let mut vectors = Vec::with_capacity(per_article.len());
        let mut postings: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (article, terms) in per_article.iter().enumerate() {
            let mut vector: Vec<Held> = terms
                .iter()
                .filter_map(|(k, t)| {
                    ids.get(k.as_str()).map(|&id| Held {
                        id,
                        count: t.count,
                        name: t.name,
                        person: t.person,
                    })
                })
                .collect();
            vector.sort_by(|a, b| weight_of(b.id).total_cmp(&weight_of(a.id)).then(a.id.cmp(&b.id)));
            vector.truncate(TERMS_PER_ARTICLE);
            // The heaviest terms (rare names first) propose partners; a term in too many articles
            // is a topic, not a tie.
            let probes = vector
                .iter()
                .map(|held| held.id)
                .filter(|&id| frequency.get(id).is_some_and(|&df| df <= MAX_POSTING));
            for id in probes.take(PROBES) {
                postings.entry(id).or_default().push(article);
            }
            vector.sort_unstable_by_key(|held| held.id);
            vectors.push(vector);
        }
        Corpus {
            display,
            weight,
            only_in_names,
            vectors,
            parts,
            norms,
            postings,
        }
    }

    fn weight(&self, id: usize) -> f64 {
        self.weight.get(id).copied().unwrap_or(0.0)
    }

    /// What two articles have in common: shared terms, the cosine similarity of their weighted
    /// term sets, and the named entities they share.
    fn tie(&self, a: usize, b: usize) -> Tie {
        let (va, vb) = (
            self.vectors.get(a).map_or(&[][..], Vec::as_slice),
            self.vectors.get(b).map_or(&[][..], Vec::as_slice),
        );
        let (mut i, mut j, mut shared, mut dot) = (0, 0, 0, 0.0);
        let mut names: Vec<usize> = Vec::new();
        let mut person = false;
        while let (Some(x), Some(y)) = (va.get(i), vb.get(j)) {
            match x.id.cmp(&y.id) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    dot += self.weight(x.id).powi(2);
                    if x.name && y.name {
                        names.push(x.id);
                        person |= x.person || y.person;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        // "Boris Pistorius", "Boris" and "Pistorius" are one entity.
        let within: BTreeSet<usize> = names
            .iter()
            .filter_map(|id| self.parts.get(id))
            .flatten()
            .copied()
            .collect();
        let norm = |i: usize| self.norms.get(i).copied().unwrap_or(0.0);
        let denominator = norm(a) * norm(b);
        Tie {
            shared,
            similarity: if denominator > 0.0 { dot / denominator } else { 0.0 },
            names: names.iter().filter(|id| !within.contains(id)).count(),
            person,
        }
    }
}

/// Each article's body without the paragraphs another article of the corpus also has: a block
/// repeated verbatim across articles is an outlet's furniture (teasers, footers, appeals) that
/// cleaning left in, and would tie unrelated articles. Copies of one text are one variant group,
/// so an article keeps what is its own.
fn own_paragraphs(articles: &[Article<'_>]) -> Vec<String> {
    let mut buffer = String::new();
    let keyed: Vec<Vec<(&str, Option<u64>)>> = articles
        .iter()
        .map(|a| {
            a.canonical
                .text
                .split('\n')
                .map(|p| (p, paragraph_key(p, &mut buffer)))
                .collect()
        })
        .collect();
    // Paragraph key → the first article holding it, and whether another one does too.
    let mut seen: HashMap<u64, (usize, bool)> = HashMap::new();
    for (i, paragraphs) in keyed.iter().enumerate() {
        for key in paragraphs.iter().filter_map(|(_, key)| *key) {
            let entry = seen.entry(key).or_insert((i, false));
            entry.1 |= entry.0 != i;
        }
    }
    keyed
        .iter()
        .map(|paragraphs| {
            let mut body = String::new();
            for (paragraph, key) in paragraphs {
                if !key.and_then(|k| seen.get(&k)).is_some_and(|&(_, shared)| shared) {
                    body.push_str(paragraph);
                    body.push('\n');
                }
            }
            body
        })
        .collect()
}

/// A hash of a paragraph's lower-cased words, for a paragraph long enough to be furniture rather
/// than a common phrase.
fn paragraph_key(paragraph: &str, buffer: &mut String) -> Option<u64> {
    buffer.clear();
    let mut count = 0;
    for word in paragraph.split_whitespace() {
        buffer.extend(word.chars().flat_map(char::to_lowercase));
        buffer.push(' ');
        count += 1;
    }
    (count >= MIN_SHARED_PARAGRAPH_WORDS).then(|| xxh3_64(buffer.as_bytes()))
}

/// Union-find over articles that keeps, for each set, the span of its known dates.
struct Forest {
    parent: Vec<usize>,
    days: Vec<Option<(i64, i64)>>,
}

impl Forest {
    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }

    /// Joins the sets of `a` and `b` unless their dates would span more than `max_days` days.
    fn union(&mut self, a: usize, b: usize, max_days: i64) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let da = self.days.get(ra).copied().flatten();
        let db = self.days.get(rb).copied().flatten();
        let span = match (da, db) {
            (Some((lo1, hi1)), Some((lo2, hi2))) => Some((lo1.min(lo2), hi1.max(hi2))),
            (one, other) => one.or(other),
        };
        if span.is_some_and(|(lo, hi)| hi.saturating_sub(lo) > max_days) {
            return;
        }
        // The smaller index becomes the root, so roots are first articles.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(child) {
            *slot = root;
        }
        if let Some(slot) = self.days.get_mut(root) {
            *slot = span;
        }
    }
}

/// Whether two articles are one story: they are alike in their terms and share named entities
/// (at least [`MIN_SHARED_NAMES`]). When one of them has no known date, nothing places the two
/// in the same days, and a topic's pages share names as well as an event's reports (two guides
/// to business schools name the same schools): the names must then include a person, as the
/// reports of an event name the people in it. Dates that are known are checked as the story
/// grows ([`Forest::union`]).
fn joins(tie: &Tie, both_dated: bool, options: StoryOptions) -> bool {
    tie.shared >= options.min_shared_terms.max(1)
        && tie.similarity >= SIMILARITY
        && tie.names >= MIN_SHARED_NAMES
        && (both_dated || tie.person)
}

/// Stories as lists of article indices, in the order of their first article.
fn cluster(articles: &[Article<'_>], corpus: &Corpus, options: StoryOptions) -> Vec<Vec<usize>> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for members in corpus.postings.values() {
        for (k, &a) in members.iter().enumerate() {
            pairs.extend(members.iter().skip(k + 1).map(|&b| (a.min(b), a.max(b))));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut links: Vec<(f64, usize, usize)> = pairs
        .into_iter()
        .filter_map(|(a, b)| {
            let tie = corpus.tie(a, b);
            let dated = |i: usize| articles.get(i).and_then(|a| a.day).is_some();
            joins(&tie, dated(a) && dated(b), options).then_some((tie.similarity, a, b))
        })
        .collect();
    // Strongest links first, so that the date limit refuses the weakest joins.
    links.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut forest = Forest {
        parent: (0..articles.len()).collect(),
        days: articles.iter().map(|a| a.day.map(|d| (d, d))).collect(),
    };
    for (_, a, b) in links {
        forest.union(a, b, options.max_days_apart);
    }
    let mut stories: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..articles.len() {
        let root = forest.find(i);
        stories.entry(root).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = stories.into_values().collect();
    out.sort_by_key(|members| members.first().copied().unwrap_or(usize::MAX));
    out
}

/// The terms shared by at least two of a story's articles, heaviest first: a term's weight
/// times its prominence in the articles holding it (1 + ln of its occurrences in each), then
/// alphabetically. A word only ever part of longer names ("Kaja") is left out, and so is a
/// multi-word name whose last word ("Pistorius" for "Boris Pistorius") is shown and holds at
/// least as many of the articles.
fn explain(corpus: &Corpus, members: &[usize]) -> Vec<String> {
    if members.len() < 2 {
        return Vec::new();
    }
    let mut support: BTreeMap<usize, (usize, f64)> = BTreeMap::new();
    for &article in members {
        for held in corpus.vectors.get(article).map_or(&[][..], Vec::as_slice) {
            let entry = support.entry(held.id).or_default();
            entry.0 += 1;
            entry.1 += 1.0 + f64::from(held.count.max(1)).ln();
        }
    }
    let display = |id: usize| corpus.display.get(id).map_or("", String::as_str);
    let hidden = |id: usize| corpus.only_in_names.get(id).copied().unwrap_or(false);
    let articles_of: BTreeMap<String, usize> = support
        .iter()
        .filter(|(&id, _)| !hidden(id))
        .map(|(&id, &(articles, _))| (display(id).to_lowercase(), articles))
        .collect();
    let mut ranked: Vec<(f64, &str)> = support
        .iter()
        .filter(|(&id, &(articles, _))| articles >= 2 && !hidden(id))
        .filter(|(&id, &(articles, _))| {
            let term = display(id);
            let last = term.rsplit(' ').next().unwrap_or(term).to_lowercase();
            !term.contains(' ') || articles_of.get(&last).is_none_or(|&a| a < articles)
        })
        .map(|(&id, &(_, prominence))| (corpus.weight(id) * prominence, display(id)))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    ranked
        .into_iter()
        .take(STORY_TERMS)
        .map(|(_, term)| term.to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Quoted passages

/// The quotation marks pith knows, by the kind of pair they form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// “…”
    Curly,
    /// "…"
    Straight,
    /// «…»
    Guillemet,
    /// „…“ (German) or „…” (Polish, Hungarian)
    Low,
    /// ‘…’
    Single,
    /// ‚…‘
    LowSingle,
}

/// A quoted passage: its words at `start..end`, inside the marks at `open` and ending at `close`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Passage {
    open: usize,
    start: usize,
    end: usize,
    close: usize,
}

/// The outermost quoted passages of a text, in order. A passage does not cross a line break,
/// except by the convention that a quote running into the next paragraph reopens it there.
fn passages(text: &str) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut offset = 0;
    let lines: Vec<&str> = text.split('\n').collect();
    for (n, line) in lines.iter().enumerate() {
        let chars: Vec<(usize, char)> = line.char_indices().map(|(i, c)| (i + offset, c)).collect();
        let mut stack: Vec<(Mark, usize, usize)> = Vec::new();
        for (k, &(at, c)) in chars.iter().enumerate() {
            let previous = k.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
            let next = chars.get(k + 1).map(|&(_, c)| c);
            let opens = next.is_some_and(|c| !c.is_whitespace());
            let after = at + c.len_utf8();
            let top = stack.last().map(|&(mark, _, _)| mark);
            let holds = |mark: Mark| stack.iter().any(|&(m, _, _)| m == mark);
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
            let Some(depth) = stack.iter().rposition(|&(m, _, _)| m == mark) else {
                continue;
            };
            if depth == 0 {
                if let Some(&(_, open, start)) = stack.first() {
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
        if let Some(&(_, open, start)) = stack.first() {
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

fn is_verb(word: &Word<'_>) -> bool {
    listed(ATTRIBUTION_VERBS, word.text)
}

fn is_pronoun(word: &Word<'_>) -> bool {
    listed(PRONOUNS, word.text)
}

/// The capitalised run ending at `end` (exclusive) and its trailing name, at least one word of
/// two letters or more.
fn name_before(words: &[Word<'_>], end: usize) -> Option<String> {
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
    let name = trailing_name(words.get(start..end)?);
    (!name.is_empty()).then(|| name.join(" "))
}

/// The capitalised run starting at `start` and its trailing name.
fn name_after(words: &[Word<'_>], start: usize) -> Option<String> {
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
    let name = trailing_name(words.get(start..end)?);
    (!name.is_empty()).then(|| name.join(" "))
}

/// The speaker an attribution verb at `verb` names: "Pistorius said", "she added", "said Kaja
/// Kallas", "according to Reuters".
fn speaker_at(words: &[Word<'_>], verb: usize, after_quote: bool) -> Option<Said> {
    let mut subject = verb;
    if let Some(adverb) = subject.checked_sub(1).and_then(|i| words.get(i)) {
        if listed(ADVERBS, adverb.text) && adverb.linked {
            subject -= 1;
        }
    }
    let verb_linked = words.get(subject).is_some_and(|w| w.linked);
    if let Some(before) = subject.checked_sub(1).and_then(|i| words.get(i)) {
        if verb_linked && is_pronoun(before) {
            return Some(Said::Pronoun);
        }
        if verb_linked && before.capitalised && !before.possessive {
            if let Some(name) = name_before(words, subject) {
                return Some(Said::Name(name));
            }
        }
    }
    let inverts = after_quote || words.get(verb).is_some_and(|w| listed(INVERTING_VERBS, w.text));
    if !inverts {
        return None;
    }
    let mut object = verb + 1;
    if words.get(object).is_some_and(|w| listed(VERB_PARTICLES, w.text)) {
        object += 1;
    }
    let next = words.get(object)?;
    if !next.linked {
        return None;
    }
    if is_pronoun(next) {
        return Some(Said::Pronoun);
    }
    name_after(words, object).map(Said::Name)
}

/// The attribution of a passage: right after its closing mark ("…,” Pistorius said"), else in
/// the clause before its opening mark ("Hegseth said before the meeting, adding: “…”").
fn attribution(text: &str, passage: &Passage, previous_close: usize, next_open: usize) -> Option<Said> {
    let line_end = text
        .get(passage.close..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| passage.close + i);
    let after = text.get(passage.close..next_open.min(line_end)).unwrap_or("");
    let after = after.get(..sentence_end(after)).unwrap_or(after);
    let after_words = words(after);
    // The attribution starts the text after the quote: a verb, a pronoun or a name first.
    let anchored = after_words
        .iter()
        .take(ATTRIBUTION_WORDS)
        .position(is_verb)
        .filter(|&verb| {
            verb == 0
                || after_words.first().is_some_and(|w| is_pronoun(w) || w.capitalised)
                    && after_words.iter().take(verb).skip(1).all(|w| w.linked)
        });
    if let Some(said) = anchored.and_then(|verb| speaker_at(&after_words, verb, true)) {
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
        .filter(|&i| before_words.get(i).is_some_and(is_verb))
        .find_map(|verb| speaker_at(&before_words, verb, false))
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
fn people(words: &[Word<'_>], singular: bool) -> BTreeSet<String> {
    let mut people: BTreeSet<String> = BTreeSet::new();
    for (i, word) in words.iter().enumerate() {
        if is_verb(word) && !(singular && word.text.eq_ignore_ascii_case("say")) {
            if let Some(Said::Name(name)) = speaker_at(words, i, false) {
                people.insert(name);
            }
        }
    }
    for run in capitalised_runs(words) {
        let Some(run) = words.get(run) else { continue };
        let name = trailing_name(run);
        let titled = run
            .len()
            .checked_sub(name.len() + 1)
            .and_then(|i| run.get(i))
            .is_some_and(|w| listed(TITLES, w.text) && !listed(QUALIFIERS, w.text));
        if titled && !name.is_empty() {
            people.insert(name.join(" "));
        }
    }
    people
}

/// Names of two words or more in a body, by their lower-case last word.
fn full_names(words: &[Word<'_>]) -> BTreeMap<String, BTreeSet<String>> {
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for run in capitalised_runs(words) {
        let Some(run) = words.get(run) else { continue };
        let name = trailing_name(run);
        if let (true, Some(last)) = (name.len() >= 2, name.last()) {
            names.entry(last.to_lowercase()).or_default().insert(name.join(" "));
        }
    }
    names
}

/// A quoted passage of a record, with its speaker resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Quoted {
    passage: Passage,
    text: String,
    speaker: Option<String>,
}

/// The quotes of a body with their speakers. A pronoun is the person named last before the quote
/// (anyone the body attributes words to or names with a title); a surname is completed from the
/// body ("Pistorius" → "Boris Pistorius") when only one full name ends with it.
fn quotes(text: &str) -> Vec<Quoted> {
    let found = passages(text);
    let all_words = words(text);
    let mut people = people(&all_words, false);
    let said: Vec<Option<Said>> = found
        .iter()
        .enumerate()
        .map(|(k, passage)| {
            let previous_close = k.checked_sub(1).and_then(|p| found.get(p)).map_or(0, |p| p.close);
            let next_open = found.get(k + 1).map_or(text.len(), |p| p.open);
            attribution(text, passage, previous_close, next_open)
        })
        .collect();
    for s in said.iter().flatten() {
        if let Said::Name(name) = s {
            people.insert(name.clone());
        }
    }
    let full_names = full_names(&all_words);
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

// ---------------------------------------------------------------------------------------------
// Aligning quotes

/// A token of a wording: a word or a punctuation mark, and whether a space precedes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token<'a> {
    text: &'a str,
    /// Typographic and straight quotes and apostrophes compare equal.
    key: String,
    space_before: bool,
}

fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '’' | '‘' | '‚' | '`' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            '–' | '—' => '-',
            other => other,
        })
        .collect()
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, next)) = chars.peek() {
                let joins = is_apostrophe(next) || next == '-';
                let continues = joins
                    && text
                        .get(i + next.len_utf8()..)
                        .and_then(|s| s.chars().next())
                        .is_some_and(char::is_alphanumeric);
                if !(next.is_alphanumeric() || continues) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
        }
        let piece = text.get(start..end).unwrap_or("");
        out.push(Token {
            text: piece,
            key: normalise(piece),
            space_before: space && !out.is_empty(),
        });
        space = false;
    }
    out
}

/// Lower-case word keys of a wording, for matching.
fn word_keys(tokens: &[Token<'_>]) -> Vec<String> {
    tokens
        .iter()
        .filter(|t| t.text.chars().any(char::is_alphanumeric))
        .map(|t| t.key.to_lowercase())
        .collect()
}

fn content_words(words: &[String]) -> BTreeSet<&str> {
    words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= MIN_WORD_CHARS && !listed(STOPWORDS, w))
        .collect()
}

/// How closely two wordings match when they are one quote (close in their words, or one
/// contained in the other): similar's ratio over their words, or the contained share.
fn same_quote(a: &[String], b: &[String]) -> Option<f32> {
    let (ca, cb) = (content_words(a), content_words(b));
    if ca.intersection(&cb).count() < QUOTE_SHARED_WORDS {
        return None;
    }
    let ops = capture_diff_slices(Algorithm::Myers, a, b);
    let ratio = get_diff_ratio(&ops, a.len(), b.len());
    if ratio >= QUOTE_RATIO {
        return Some(ratio);
    }
    let matched: usize = ops
        .iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum();
    let shorter = a.len().min(b.len());
    let contained = matched as f32 / shorter.max(1) as f32;
    (shorter >= MIN_PARTIAL_WORDS && contained >= QUOTE_CONTAINED).then_some(contained)
}

/// One distinct wording in a story.
struct Distinct {
    text: String,
    words: Vec<String>,
    /// Record indices carrying it.
    records: BTreeSet<usize>,
    /// Story positions of the articles carrying it.
    articles: BTreeSet<usize>,
    /// (article position, record index, byte offset) of its first occurrence.
    first: (usize, usize, usize),
    speakers: Vec<String>,
}

/// The quotes carried by at least two of a story's articles.
fn align(articles: &[Article<'_>], members: &[usize]) -> Vec<Quote> {
    if members.len() < 2 {
        return Vec::new();
    }
    let mut distinct: Vec<Distinct> = Vec::new();
    let mut by_key: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut sources: BTreeMap<usize, &str> = BTreeMap::new();
    for (position, article) in members.iter().filter_map(|&a| articles.get(a)).enumerate() {
        for &(record_index, record) in &article.members {
            sources.insert(record_index, record.source.as_str());
            for quoted in quotes(&record.text) {
                let toks = tokens(&quoted.text);
                let key: Vec<String> = toks.iter().map(|t| t.key.clone()).collect();
                let at = match by_key.get(&key) {
                    Some(&at) => at,
                    None => {
                        by_key.insert(key, distinct.len());
                        distinct.push(Distinct {
                            words: word_keys(&toks),
                            text: quoted.text.clone(),
                            records: BTreeSet::new(),
                            articles: BTreeSet::new(),
                            first: (position, record_index, quoted.passage.start),
                            speakers: Vec::new(),
                        });
                        distinct.len() - 1
                    }
                };
                if let Some(d) = distinct.get_mut(at) {
                    d.records.insert(record_index);
                    d.articles.insert(position);
                    d.speakers.extend(quoted.speaker);
                }
            }
        }
    }
    // Candidate pairs share a content word; an inverted index keeps this from comparing all pairs.
    let mut index: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in distinct.iter().enumerate() {
        for word in content_words(&d.words) {
            index.entry(word).or_default().push(i);
        }
    }
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    for list in index.values().filter(|l| l.len() <= MAX_POSTING) {
        for (k, &a) in list.iter().enumerate() {
            for &b in list.iter().skip(k + 1) {
                candidates.insert((a, b));
            }
        }
    }
    let mut matches: Vec<(f32, usize, usize)> = candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let (da, db) = (distinct.get(a)?, distinct.get(b)?);
            same_quote(&da.words, &db.words).map(|score| (score, a, b))
        })
        .collect();
    // Closest matches first; a quote never takes two passages of one record, so that a long
    // passage quoting two of another article's passages joins only the closer one.
    matches.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut parent: Vec<usize> = (0..distinct.len()).collect();
    let mut held: Vec<BTreeSet<usize>> = distinct.iter().map(|d| d.records.clone()).collect();
    for (_, a, b) in matches {
        let (ra, rb) = (root(&parent, a), root(&parent, b));
        let (Some(ha), Some(hb)) = (held.get(ra), held.get(rb)) else {
            continue;
        };
        if ra == rb || !ha.is_disjoint(hb) {
            continue;
        }
        let (keep, child) = (ra.min(rb), ra.max(rb));
        let moved = held.get_mut(child).map(std::mem::take).unwrap_or_default();
        if let (Some(slot), Some(records)) = (parent.get_mut(child), held.get_mut(keep)) {
            *slot = keep;
            records.extend(moved);
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..distinct.len() {
        clusters.entry(root(&parent, i)).or_default().push(i);
    }
    let mut found: Vec<((usize, usize, usize), Quote)> = clusters
        .into_values()
        .filter_map(|mut cluster| {
            let carriers: BTreeSet<usize> = cluster
                .iter()
                .filter_map(|&i| distinct.get(i))
                .flat_map(|d| d.articles.iter().copied())
                .collect();
            if carriers.len() < 2 {
                return None;
            }
            cluster.sort_by_key(|&i| distinct.get(i).map(|d| d.first));
            let wordings: Vec<&Distinct> = cluster.iter().filter_map(|&i| distinct.get(i)).collect();
            let first = wordings.first()?;
            let base = tokens(&first.text);
            let differences = wordings
                .iter()
                .skip(1)
                .map(|w| inline_diff(&base, &tokens(&w.text)))
                .collect();
            let speakers: Vec<&str> = wordings
                .iter()
                .flat_map(|w| w.speakers.iter().map(String::as_str))
                .collect();
            Some((
                first.first,
                Quote {
                    speaker: vote(&speakers),
                    wordings: wordings
                        .iter()
                        .map(|w| Wording {
                            text: w.text.clone(),
                            sources: w
                                .records
                                .iter()
                                .filter_map(|r| sources.get(r))
                                .map(|s| s.to_string())
                                .collect(),
                        })
                        .collect(),
                    differences,
                },
            ))
        })
        .collect();
    found.sort_by_key(|(first, _)| *first);
    found.into_iter().map(|(_, quote)| quote).collect()
}

fn root(parent: &[usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        i = p;
    }
    i
}

/// The speaker most carriers name; a surname counts for the full name that ends with it. Among
/// equals the longer name, then the first alphabetically.
fn vote(speakers: &[&str]) -> Option<String> {
    let full = |name: &str| -> String {
        speakers
            .iter()
            .filter(|other| other.len() > name.len() && other.ends_with(&format!(" {name}")))
            .max_by(|a, b| a.len().cmp(&b.len()).then(b.cmp(a)))
            .map_or_else(|| name.to_string(), |s| s.to_string())
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for name in speakers {
        *counts.entry(full(name)).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.len().cmp(&b.0.len())).then(b.0.cmp(&a.0)))
        .map(|(name, _)| name)
}

/// A stretch of a word diff: the same tokens, or old tokens replaced by new ones.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hunk {
    Same(std::ops::Range<usize>),
    Change(std::ops::Range<usize>, std::ops::Range<usize>),
}

/// An inline word diff, removed words as `[-…-]` and added as `{+…+}` (as `pith diff --words`).
/// A word or two left equal between two changes joins them, so that a rephrasing reads whole:
/// "[-rule it out-]{+take it off the table+}" rather than "[-rule-]{+take+} it [-out-]{+off …+}".
fn inline_diff(old: &[Token<'_>], new: &[Token<'_>]) -> String {
    let old_keys: Vec<&str> = old.iter().map(|t| t.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| t.key.as_str()).collect();
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, o, n) = op.as_tag_tuple();
        let hunk = if tag == DiffTag::Equal {
            Hunk::Same(o)
        } else {
            Hunk::Change(o, n)
        };
        // Adjacent changes become one.
        match (hunks.last_mut(), hunk) {
            (Some(Hunk::Change(po, pn)), Hunk::Change(o, n)) => {
                po.end = o.end;
                pn.end = n.end;
            }
            (_, hunk) => hunks.push(hunk),
        }
    }
    let size = |h: Option<&Hunk>| match h {
        Some(Hunk::Change(o, n)) => Some(o.len().max(n.len())),
        _ => None,
    };
    let mut merged: Vec<Hunk> = Vec::new();
    let mut k = 0;
    while let Some(hunk) = hunks.get(k) {
        // An equal stretch no longer than the changes on both sides is absorbed into them.
        if let (Hunk::Same(same), Some(left), Some(right)) = (hunk, size(merged.last()), size(hunks.get(k + 1))) {
            if same.len() <= left.min(right) {
                if let (Some(Hunk::Change(po, pn)), Some(Hunk::Change(o, n))) = (merged.last_mut(), hunks.get(k + 1)) {
                    po.end = o.end;
                    pn.end = n.end;
                    k += 2;
                    continue;
                }
            }
        }
        merged.push(hunk.clone());
        k += 1;
    }
    let mut out = String::new();
    let render = |out: &mut String, tokens: &[Token<'_>], skip_first_space: bool| {
        for (i, token) in tokens.iter().enumerate() {
            if token.space_before && !(i == 0 && skip_first_space) {
                out.push(' ');
            }
            out.push_str(token.text);
        }
    };
    for hunk in merged {
        match hunk {
            Hunk::Same(range) => {
                let at_start = out.is_empty();
                render(&mut out, old.get(range).unwrap_or(&[]), at_start);
            }
            Hunk::Change(o, n) => {
                let (removed, added) = (old.get(o).unwrap_or(&[]), new.get(n).unwrap_or(&[]));
                // A space both sides start with goes outside the markers.
                let outside = removed.iter().chain(added).take(1).count() > 0
                    && removed.first().is_none_or(|t| t.space_before)
                    && added.first().is_none_or(|t| t.space_before);
                if outside && !out.is_empty() {
                    out.push(' ');
                }
                if !removed.is_empty() {
                    out.push_str("[-");
                    render(&mut out, removed, outside);
                    out.push_str("-]");
                }
                if !added.is_empty() {
                    out.push_str("{+");
                    render(&mut out, added, outside);
                    out.push_str("+}");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        passages(text).iter().filter_map(|p| text.get(p.start..p.end)).collect()
    }

    #[test]
    fn tables_are_sorted() {
        let languages = FUNCTION_WORDS.iter().map(|(_, list)| *list);
        let english = [
            STOPWORDS,
            TITLES,
            QUALIFIERS,
            ATTRIBUTION_VERBS,
            INVERTING_VERBS,
            ADVERBS,
            PRONOUNS,
            VERB_PARTICLES,
        ];
        for table in english.into_iter().chain(languages) {
            assert!(
                table.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                table.windows(2).find(|w| w[0] >= w[1])
            );
        }
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
        let found: Vec<(String, Option<String>)> = quotes(text).into_iter().map(|q| (q.text, q.speaker)).collect();
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

    #[test]
    fn short_scare_quotes_are_not_quotes() {
        assert!(quotes("The plan was “unrealistic,” he said, and “no longer tolerable.”").is_empty());
    }

    #[test]
    fn the_inline_diff_joins_a_rephrasing() {
        let old = tokens("better to discuss it at the table, not to rule it out beforehand");
        let new = tokens("better to talk about it at the table and not to take it off the table beforehand");
        assert_eq!(
            inline_diff(&old, &new),
            "better to [-discuss-]{+talk about+} it at the table[-,-]{+ and+} not to [-rule it out-]{+take it off the \
             table+} beforehand"
        );
    }

    #[test]
    fn typographic_and_straight_apostrophes_compare_equal() {
        let a: Vec<String> = tokens("Ukraine’s “possible” membership")
            .into_iter()
            .map(|t| t.key)
            .collect();
        let b: Vec<String> = tokens("Ukraine's \"possible\" membership")
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(a, b);
    }

    proptest::proptest! {
        #[test]
        fn quotes_and_diffs_never_panic(text in "([A-Za-z’' ,.:\n]|[“”„‘’‚«»\"]|said|she|Pistorius|\\PC){0,200}") {
            for quoted in quotes(&text) {
                let p = quoted.passage;
                proptest::prop_assert!(p.open <= p.start && p.start <= p.end && p.end <= p.close);
                proptest::prop_assert!(text.get(p.start..p.end).is_some());
            }
            let reversed: String = text.chars().rev().collect();
            let _ = inline_diff(&tokens(&text), &tokens(&reversed));
        }
    }

    #[test]
    fn dates_become_day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2025-02-13T10:00:00Z"), Some(20_132));
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("13 Feb"), None);
    }

    fn records(pages: &[(&str, &str)]) -> Vec<Record> {
        let read = crate::Options::default().read;
        pages
            .iter()
            .filter_map(|(name, text)| crate::input::decode(name, text.as_bytes().to_vec(), &read).ok())
            .map(|s| crate::clean(&s))
            .collect()
    }

    #[test]
    fn unrelated_articles_are_two_stories() {
        let records = records(&[
            (
                "harbour.txt",
                "The harbour of Valletta reopened on Monday after three weeks of repairs to the breakwater, the \
                 Maltese port authority said in a statement. More than forty ships docked by the end of the week, \
                 and officials expected traffic to return to normal within a month.\n\n“The breakwater held through \
                 the worst storm in a decade,” said harbour master Joseph Camilleri.\n",
            ),
            (
                "orchestra.txt",
                "The Vienna Philharmonic announced its new season on Friday, with twelve premieres and a tour of \
                 South America planned for the spring, its conductor said at a press conference in the Musikverein. \
                 Tickets go on sale next month.\n\n“We wanted a season that travels,” said conductor Anna Hofer.\n",
            ),
        ]);
        let groups = crate::group::group(&records, Default::default());
        assert!(stories(&records, &groups, StoryOptions::default()).is_empty());
        let found = stories(&records, &groups, SINGLETONS);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|s| s.terms.is_empty() && s.quotes.is_empty()));
    }

    const SINGLETONS: StoryOptions = StoryOptions {
        min_shared_terms: 3,
        max_days_apart: 3,
        min_articles: 1,
    };

    /// Two reports of one event: the same people, places and organisations, told in other words.
    const REPORT_A: &str = "Dutch Defence Minister Ruben Brekelmans met Estonian Prime Minister Kristen Michal in \
        Tallinn on Tuesday to sign a contract for the Baltic Air Policing mission, under which four \
        Dutch fighter jets will patrol from Ämari Air Base until the spring.\n\n“The Baltic states can \
        count on us,” said Ruben Brekelmans after the ceremony at Ämari Air Base.\n";
    const REPORT_B: &str = "Four Dutch fighter jets will guard Baltic skies from Ämari Air Base, after Ruben \
        Brekelmans and Kristen Michal signed the Baltic Air Policing contract in Tallinn, officials \
        said.\n\nBrekelmans told reporters in Tallinn that the jets would arrive at Ämari Air Base within \
        a week and stay until the spring.\n";

    fn found(pages: &[(&str, &str)], days: &[Option<&str>]) -> Vec<Story> {
        let mut records = records(pages);
        for (record, day) in records.iter_mut().zip(days) {
            record.provenance.published = day.map(str::to_string);
        }
        let groups = crate::group::group(&records, Default::default());
        stories(&records, &groups, StoryOptions::default())
    }

    #[test]
    fn articles_sharing_named_entities_are_one_story() {
        let found = found(&[("a.txt", REPORT_A), ("b.txt", REPORT_B)], &[None, None]);
        assert_eq!(found.len(), 1, "{found:#?}");
        for name in ["Ruben Brekelmans", "Kristen Michal", "Tallinn", "Ämari Air Base"] {
            assert!(
                found[0].terms.iter().any(|t| t == name),
                "{name} not in {:?}",
                found[0].terms
            );
        }
        // Known dates a day apart: the same news cycle.
        let found = found_dated(&[Some("2025-03-04"), Some("2025-03-05")]);
        assert_eq!(found.len(), 1);
    }

    fn found_dated(days: &[Option<&str>]) -> Vec<Story> {
        found(&[("a.txt", REPORT_A), ("b.txt", REPORT_B)], days)
    }

    #[test]
    fn articles_ten_days_apart_are_not_one_story() {
        assert!(found_dated(&[Some("2025-03-04"), Some("2025-03-14")]).is_empty());
        // One date unknown: the people they share tie them.
        assert_eq!(found_dated(&[Some("2025-03-04"), None]).len(), 1);
    }

    #[test]
    fn the_same_topic_without_shared_named_entities_is_not_one_story() {
        // Two recipes: flour, butter, sugar, oven and baking in both, but not one name in common.
        let a = "Cream the butter and sugar until pale, then beat in the eggs one at a time. Fold in \
                 the flour, baking powder and a pinch of salt, pour the batter into the buttered tin and \
                 bake in a hot oven for forty minutes, until a skewer comes out clean. Grandmother Rosa \
                 Bianchi baked this sponge in Naples every Sunday.\n";
        let b = "Melt the butter, whisk it with the sugar and the eggs, then sift in the flour and the \
                 baking powder with a pinch of salt. Pour the batter into a buttered tin and bake in a \
                 hot oven for forty minutes; a skewer should come out clean. Chef Tom Hartley serves it \
                 at his bakery in Leeds.\n";
        let found = found(&[("a.txt", a), ("b.txt", b)], &[None, None]);
        assert!(found.is_empty(), "{found:#?}");
        // …even when their dates are the same day.
        let found = self::found(&[("a.txt", a), ("b.txt", b)], &[Some("2025-03-04"), Some("2025-03-04")]);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn without_dates_shared_names_need_a_person() {
        // Two guides naming the same business schools, undated: a topic, not an event.
        let a = "Applicants compare Wharton, Kellogg, Booth and Stanford before they apply. Wharton and \
                 Kellogg ask for two essays, Booth for one, and Stanford for a short video, while Columbia \
                 takes applications all year.\n";
        let b = "Among the schools most applicants shortlist are Stanford, Wharton, Booth and Kellogg, \
                 with Columbia close behind. Booth and Kellogg publish their deadlines in June, Wharton \
                 and Stanford in July.\n";
        assert!(found(&[("a.txt", a), ("b.txt", b)], &[None, None]).is_empty());
    }

    #[test]
    fn dates_too_far_apart_keep_articles_apart() {
        let body = "Kaja Kallas and Boris Pistorius met Pete Hegseth in Brussels to discuss Ukraine, NATO \
                    membership and security guarantees before negotiations with Vladimir Putin begin.\n";
        let mut records = records(&[("a.txt", body), ("b.txt", &body.replace("begin", "start"))]);
        records[0].provenance.published = Some("2025-02-13".into());
        records[1].provenance.published = Some("2025-02-14".into());
        let groups = [
            crate::group::group(&records[..1], Default::default()),
            crate::group::group(&records[1..], Default::default()),
        ]
        .concat();
        assert_eq!(stories(&records, &groups, SINGLETONS).len(), 1);
        records[0].provenance.published = Some("2025-02-13".into());
        records[1].provenance.published = Some("2025-03-20".into());
        assert_eq!(stories(&records, &groups, SINGLETONS).len(), 2);
    }
}
