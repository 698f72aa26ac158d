//! The words stories read by: function words per language, titles before names, the verbs that
//! attribute a quote. Each list sorted, for binary search.

/// Words that are never terms: English function words, reporting verbs, calendar words.
/// Sorted (a test checks), for binary search.
#[rustfmt::skip]
pub(super) const STOPWORDS: &[&str] = &[
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
pub(super) const FUNCTION_WORDS: &[(&str, &[&str])] = &[
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
pub(super) const TITLES: &[&str] = &[
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
pub(super) const QUALIFIERS: &[&str] = &["chief", "defence", "defense", "deputy", "foreign"];

/// Verbs that attribute words to a speaker ("said", "told", "according [to]"). Sorted.
#[rustfmt::skip]
pub(super) const ATTRIBUTION_VERBS: &[&str] = &[
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
pub(super) const INVERTING_VERBS: &[&str] = &["according", "added", "asked", "said", "says", "wrote"];

/// Words allowed between a speaker and the verb ("Hegseth further told reporters").
pub(super) const ADVERBS: &[&str] = &["also", "further", "later", "then"];

/// Pronouns that point back to the person named last.
pub(super) const PRONOUNS: &[&str] = &["he", "she"];

/// Words that may stand between an attribution verb and the name ("according to X", "said by X").
pub(super) const VERB_PARTICLES: &[&str] = &["by", "to"];

/// Whether a sorted lower-case list holds `word`, ignoring ASCII case (no allocation: this runs
/// for every word).
pub(super) fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search_by(|probe| probe.bytes().cmp(word.bytes().map(|b| b.to_ascii_lowercase())))
        .is_ok()
}

/// The function words of a language, besides English.
pub(super) fn function_words(language: Option<&str>) -> &'static [&'static str] {
    FUNCTION_WORDS
        .iter()
        .find(|(code, _)| Some(*code) == language)
        .map_or(&[], |(_, list)| *list)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
