//! Stories: above variant groups, which articles report the same event, the terms that tie them
//! together, and the quotes they share — which outlets carry a quote, who it is attributed to,
//! and how the wordings differ, word by word.
//!
//! ```
//! use pith::stories::{stories, StoryOptions};
//!
//! let extractor = pith::Extractor::builder().build();
//! let pages = [
//!     ("a.txt", "The harbour authority of Valletta reopened the Grand Harbour on Monday after storm repairs to the breakwater.\n\n\
//!                “We expect the cruise ships to return to Valletta within a fortnight,” said Joseph Camilleri, the harbour master.\n"),
//!     ("b.txt", "Valletta’s Grand Harbour is open again after the breakwater was repaired, the harbour authority announced.\n\n\
//!                “We expect cruise ships to come back to Valletta within two weeks,” harbour master Joseph Camilleri said.\n"),
//! ];
//! let records: Vec<pith::Record> = pages
//!     .iter()
//!     .map(|(name, text)| extractor.extract(name, *text))
//!     .collect::<pith::Result<_>>()?;
//! let groups = pith::group::group(&records, Default::default());
//! let found = stories(&records, &groups, StoryOptions::default());
//! assert_eq!(found.len(), 1);
//! assert!(found[0].terms.iter().any(|t| t == "Valletta"));
//! let quote = &found[0].quotes[0];
//! assert_eq!(quote.speaker.as_deref(), Some("Joseph Camilleri"));
//! assert_eq!(quote.wordings.len(), 2);
//! # Ok::<(), pith::Error>(())
//! ```
//!
//! **Clustering.** A story is an event, not a topic: its articles name the same people, places
//! and organisations within a few days. Each article (a variant group, read through its
//! canonical member) is reduced to a set of terms: names (words the body capitalises in
//! mid-sentence in prose — not in a heading, a menu or a list — and runs of them such as "Boris
//! Pistorius") and content words, without function words (English's and those of the article's
//! language, `data/lang/<code>/`). A person is someone the text names in full and quotes or gives
//! a title, read with English's titles and attribution verbs and the article's language's
//! ("Bundeskanzler Olaf Scholz", "sagte Pistorius"). Paragraphs found verbatim in another article are left
//! out first: they are an outlet's furniture that cleaning kept (teasers, footers), and would tie
//! unrelated articles. A term weighs its smoothed inverse document frequency in the corpus, twice
//! as much for a name and three times for a person (someone named in full whom the text quotes or
//! gives a title), and ties articles only when at least two hold it. Candidate pairs come from an
//! inverted index over each article's heaviest terms (rare names first, each held by at most 128
//! articles), and from MinHash bands over its names, which bring together the articles of an
//! event however many report it (each compared with the next few in its band's bucket); the work
//! per article is bounded, so clustering grows linearly with the corpus. A pair is one story when the cosine
//! similarity of their weighted term sets reaches 0.2, they share at least
//! [`StoryOptions::min_shared_terms`] terms, and at least three named entities both write as
//! names (a name of several words counting once with its words), and those names are what both
//! are about: the cosine of their name profiles (each name's occurrences times its weight)
//! reaches 0.45, as the reports of an event repeat the same protagonists while pages on a topic
//! name the same cast, each about someone else. Two pages of one outlet are not joined directly (a
//! story is told by several outlets). When either date is unknown, or either page is not an
//! article by its page type, those names must include a person. Pairs are joined strongest first
//! (union-find), and a join is
//! refused when it would put two known publication dates of a story further apart than
//! [`StoryOptions::max_days_apart`]. A story is explained by the terms its articles share, the
//! heaviest and most prominent first; stories of fewer than [`StoryOptions::min_articles`]
//! articles are left out.
//!
//! **Scale.** A document is reduced to a digest once it is cleaned (at most 384 terms of 12
//! bytes, the hashes of its lines), and a plan finds the stories from the digests alone: the
//! pairs it compares are bounded per article, so the work grows linearly with the corpus. Only a
//! story of several articles needs the bodies of its documents again, to show its terms as they
//! are written and to align its quotes. Pairs are compared, and stories built, in parallel; what
//! the stories hold and the order they come in do not depend on the threads.
//!
//! **Quotes.** Quoted passages (“…”, "…", «…», „…“, ‘…’) are found with their byte ranges; an
//! inner quote is part of the outer one and an apostrophe (Ukraine’s) never opens or closes one.
//! The speaker is read from the attribution beside the passage ("…,” Pistorius said", "said Kaja
//! Kallas", "she added" → the person named last before the quote), with English's attribution
//! verbs, pronouns and titles and those of the body's language (`data/lang/<code>/`: „…“, sagte
//! Olaf Scholz; « … », a déclaré Emmanuel Macron; «…», dijo Pedro Sánchez). Passages of different
//! articles in a story are aligned when their words match closely (similar's ratio ≥ 0.5 over
//! words, or one passage contained in the other) and they share content words; identical
//! wordings (whitespace, typographic and straight quotes aside) are merged, and a quote is kept
//! when at least two articles carry it. Each other wording is shown against the first as an
//! inline word diff.

mod align;
mod cluster;
mod lexicon;
mod quotes;
mod terms;
mod words;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use rayon::prelude::*;
use serde::Serialize;

use align::align;
use cluster::{cluster, explain, Article, Corpus};
pub(crate) use terms::Digest;

use crate::group::Group;
use crate::Record;

/// Options for [`stories`]: make them from the default and set the fields (more may come).
///
/// ```
/// let mut options = pith::stories::StoryOptions::default();
/// options.min_articles = 1;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
    /// The quote's text in this wording.
    pub text: String,
    /// The `source` of each record that carries it.
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
    /// Whether a wording was too long and too different from the first to align in
    /// [`crate::diff::DIFF_WORK`]: then its difference shows some changed stretches whole.
    /// Written only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub coarse: bool,
}

/// Articles on one event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The `source` of each variant group's canonical member, in input order.
    pub articles: Vec<String>,
    /// The other members of an article's variant group (its copies: the same article fetched
    /// twice, or syndicated), by the article's `source`, in input order; only articles that
    /// have copies. Every document of a story is named in `articles` or here. Written only when
    /// some article has copies.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub copies: BTreeMap<String, Vec<String>>,
    /// The terms that tie the articles together, heaviest first (empty for a lone article).
    pub terms: Vec<String>,
    /// The quotes two or more of its articles carry.
    pub quotes: Vec<Quote>,
}

/// Clusters articles into stories and aligns their quotes, with every record in memory (the
/// CLI reads a corpus in two passes instead: a digest of each document, then the bodies of one
/// story at a time). The module's docs have an example.
///
/// `groups` are the variant groups ([`crate::group::group`]) of `records`; each group is one
/// article, represented by its canonical member. Groups name their members by `source`: records
/// that share one are matched to the groups in input order, and each is kept (its stories call
/// the second `SOURCE~2`). Stories are returned in the order of their first article; articles
/// within a story in input order. Stories of fewer than [`StoryOptions::min_articles`] articles
/// are left out.
pub fn stories(records: &[Record], groups: &[Group], options: StoryOptions) -> Vec<Story> {
    let digests: Vec<Digest> = records.par_iter().map(Digest::of).collect();
    let plan = Plan::new(digests, &member_indices(records, groups), options);
    (0..plan.len())
        .into_par_iter()
        .map(|story| {
            let readings: HashMap<usize, Reading> = plan
                .documents(story)
                .into_par_iter()
                .filter_map(|document| Some((document, plan.read(document, records.get(document)?))))
                .collect();
            plan.story(story, |document| readings.get(&document))
        })
        .collect()
}

/// Variant groups as record indices, canonical member first; a source several records share
/// names them in input order.
fn member_indices(records: &[Record], groups: &[Group]) -> Vec<Vec<usize>> {
    let mut by_source: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        by_source.entry(record.source.as_str()).or_default().push_back(i);
    }
    groups
        .iter()
        .map(|group| {
            group
                .members
                .iter()
                .filter_map(|m| by_source.get_mut(m.source.as_str())?.pop_front())
                .collect::<Vec<usize>>()
        })
        .filter(|members| !members.is_empty())
        .collect()
}

/// The stories of a corpus, found from its documents' digests: which articles each holds and what
/// ties them. Building a story's terms and quotes needs the bodies of its documents again
/// ([`Plan::documents`]), one story at a time.
pub(crate) struct Plan {
    /// Each document's source, told apart from any other with the same (`SOURCE~2`).
    sources: Vec<String>,
    /// The documents renamed so: (document, the source they share).
    renamed: Vec<(usize, String)>,
    articles: Vec<Article>,
    corpus: Corpus,
    /// Each story's articles, in the order of their first article.
    stories: Vec<Vec<usize>>,
    /// The canonical members of the articles of stories of several articles: the documents whose
    /// terms as written a story shows.
    canonical: HashSet<usize>,
}

impl Plan {
    /// Finds the stories of the documents whose digests are given, in input order; `groups` are
    /// their variant groups as indices into `digests`, canonical member first (see
    /// [`crate::group::cluster`]). Only stories of [`StoryOptions::min_articles`] articles or
    /// more are kept.
    pub fn new(mut digests: Vec<Digest>, groups: &[Vec<usize>], options: StoryOptions) -> Plan {
        let (sources, renamed) = unique_sources(digests.iter_mut().map(|d| std::mem::take(&mut d.source)).collect());
        let articles = cluster::articles(&digests, groups);
        let corpus = Corpus::build(&mut digests, &articles);
        drop(digests);
        let stories = cluster(&articles, &corpus, options)
            .into_iter()
            .filter(|members| members.len() >= options.min_articles.max(1))
            .collect::<Vec<Vec<usize>>>();
        let canonical = stories
            .iter()
            .filter(|members| members.len() >= 2)
            .flatten()
            .filter_map(|&a| articles.get(a).map(|a| a.canonical))
            .collect();
        Plan {
            sources,
            renamed,
            articles,
            corpus,
            stories,
            canonical,
        }
    }

    /// How many stories there are.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// Documents whose source another, earlier document has too, with that source: their
    /// stories call them `SOURCE~2`, `SOURCE~3`….
    pub fn renamed(&self) -> impl Iterator<Item = (&str, &str)> {
        self.renamed
            .iter()
            .map(|(document, source)| (source.as_str(), self.sources.get(*document).map_or("", String::as_str)))
    }

    /// The documents whose bodies story `story` is built from, in input order: every member of
    /// its articles, or none for a story of one article (which has no terms or quotes).
    pub fn documents(&self, story: usize) -> Vec<usize> {
        let members = self.stories.get(story).map_or(&[][..], Vec::as_slice);
        if members.len() < 2 {
            return Vec::new();
        }
        let mut documents: Vec<usize> = members
            .iter()
            .filter_map(|&a| self.articles.get(a))
            .flat_map(|a| a.members.iter().copied())
            .collect();
        documents.sort_unstable();
        documents
    }

    /// What story building keeps of `document` once its record is read again (see
    /// [`Reading`]): its quotes, and, for an article's canonical member, its terms as written.
    /// The record can be let go once this returns.
    pub fn read(&self, document: usize, record: &Record) -> Reading {
        let language = record.provenance.language.as_deref();
        let written = if self.canonical.contains(&document) {
            let p = &record.provenance;
            terms::article_terms(p.title.as_deref(), &record.text, p.outlet.as_deref(), language)
                .into_iter()
                .map(|(key, term)| {
                    let surface = term.name.then_some(term.surface);
                    (key, surface)
                })
                .collect()
        } else {
            Vec::new()
        };
        Reading {
            written,
            quotes: quotes::quotes(&record.text, language),
        }
    }

    /// Story `story`, from the [`Plan::read`]ings of its [`Plan::documents`] (`reading` gives a
    /// document's; one it does not give counts as an empty body).
    pub fn story<'r>(&self, story: usize, reading: impl Fn(usize) -> Option<&'r Reading> + Sync) -> Story {
        let members = self.stories.get(story).map_or(&[][..], Vec::as_slice);
        let articles: Vec<&Article> = members.iter().filter_map(|&a| self.articles.get(a)).collect();
        let source = |document: usize| self.sources.get(document).map_or("", String::as_str);
        let names = articles.iter().map(|a| source(a.canonical).to_string()).collect();
        let copies: BTreeMap<String, Vec<String>> = articles
            .iter()
            .filter(|a| a.members.len() > 1)
            .map(|a| {
                let others = a.members.iter().filter(|&&m| m != a.canonical);
                (
                    source(a.canonical).to_string(),
                    others.map(|&m| source(m).to_string()).collect(),
                )
            })
            .collect();
        if articles.len() < 2 {
            return Story {
                articles: names,
                copies,
                terms: Vec::new(),
                quotes: Vec::new(),
            };
        }
        // How the articles write their terms, for showing them.
        let mut surfaces = cluster::Surfaces::new();
        for article in &articles {
            let written = reading(article.canonical).map_or(&[][..], |r| r.written.as_slice());
            for (key, surface) in written {
                let (_, forms) = surfaces
                    .entry(terms::term_key(key))
                    .or_insert_with(|| (key.clone(), BTreeMap::new()));
                if let Some(surface) = surface {
                    *forms.entry(surface.clone()).or_default() += 1;
                }
            }
        }
        let carriers: Vec<align::Carrier<'_>> = articles
            .iter()
            .enumerate()
            .flat_map(|(position, a)| a.members.iter().map(move |&document| (position, document)))
            .map(|(position, document)| align::Carrier {
                position,
                document,
                source: source(document),
                quotes: reading(document).map_or(&[][..], |r| r.quotes.as_slice()),
            })
            .collect();
        Story {
            articles: names,
            copies,
            terms: explain(&self.corpus, members, &surfaces),
            quotes: align(&carriers),
        }
    }
}

/// What building a story needs of one of its documents, read from its body once and kept in
/// place of the body: its quotes with their speakers, and, for an article's canonical member,
/// the terms it writes (each term's key, and how the body writes it when it is a name). A few
/// kilobytes where the record is tens, so that a story of thousands of reports holds its
/// readings, never its bodies.
pub(crate) struct Reading {
    written: Vec<(String, Option<String>)>,
    quotes: Vec<quotes::Quoted>,
}

/// Sources made unique: a source an earlier document has too becomes `SOURCE~2`, `SOURCE~3`…
/// (as `-o` names the files of clashing sources), a name no document has. Also returns the
/// documents renamed, with their source.
fn unique_sources(mut sources: Vec<String>) -> (Vec<String>, Vec<(usize, String)>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut again: Vec<(usize, usize)> = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let count = seen.entry(source.as_str()).or_default();
        *count += 1;
        if *count > 1 {
            again.push((i, *count));
        }
    }
    drop(seen);
    if again.is_empty() {
        return (sources, Vec::new());
    }
    let mut taken: HashSet<String> = sources.iter().cloned().collect();
    let mut renamed = Vec::new();
    for (i, mut n) in again {
        let Some(source) = sources.get(i).cloned() else {
            continue;
        };
        let name = loop {
            let name = format!("{source}~{n}");
            if !taken.contains(&name) {
                break name;
            }
            n += 1;
        };
        taken.insert(name.clone());
        if let Some(slot) = sources.get_mut(i) {
            *slot = name;
        }
        renamed.push((i, source));
    }
    (sources, renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_day_numbers() {
        use crate::text::date::day_number;
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

    /// A mayoral candidate's campaign launch, and another candidate's: the same city, party and
    /// rivals, each about someone else.
    const LAUNCH_LINDQVIST: &str = "Maria Lindqvist opened her campaign for mayor of Uppsala on Monday with a \
        rally in the town square, where Lindqvist promised cheaper buses and more housing for students.\n\n\
        Lindqvist, who has led the Social Democrats in the city council since 2019, said the race against \
        Erik Sandberg would be decided on housing. “The city needs homes it can afford,” said Maria \
        Lindqvist.\n\nLindqvist will hold further rallies before the vote, and her campaign says Lindqvist \
        has raised more money than any candidate.\n";
    const LAUNCH_SANDBERG: &str = "Erik Sandberg opened his campaign for mayor of Uppsala on Monday with a \
        speech at the university, where Sandberg promised lower taxes and more buses for commuters.\n\n\
        Sandberg, who challenges Maria Lindqvist and the Social Democrats in the city council, said the race \
        would be decided on taxes. “The city deserves a council that listens,” said Erik Sandberg.\n\n\
        Sandberg will hold further speeches before the vote, and his campaign says Sandberg has raised more \
        money than any candidate.\n";
    /// Another outlet's report of Lindqvist's launch.
    const LAUNCH_REPORT: &str = "Promising cheaper buses and student housing, Maria Lindqvist launched her \
        bid to become mayor of Uppsala at a rally on Monday.\n\nLindqvist, the Social Democrats leader in \
        the city council, told the crowd that housing would decide her race against Erik Sandberg. \
        Lindqvist said her campaign has raised more money than any other candidate.\n\nSupporters of \
        Lindqvist expect further rallies before the vote.\n";

    #[test]
    fn articles_about_different_people_of_one_cast_are_not_one_story() {
        let apart = found(
            &[("a.txt", LAUNCH_LINDQVIST), ("b.txt", LAUNCH_SANDBERG)],
            &[None, None],
        );
        assert!(apart.is_empty(), "{apart:#?}");
        let one = found(&[("a.txt", LAUNCH_LINDQVIST), ("b.txt", LAUNCH_REPORT)], &[None, None]);
        assert_eq!(one.len(), 1, "{one:#?}");
    }

    fn found_with(outlets: [&str; 2], types: [crate::classify::page_type::PageType; 2], pages: [&str; 2]) -> usize {
        let mut records = records(&[("a.txt", pages[0]), ("b.txt", pages[1])]);
        for (i, record) in records.iter_mut().enumerate() {
            record.provenance.published = Some("2025-03-04".into());
            record.provenance.outlet = Some(outlets[i].into());
            record.page_type = Some(types[i]);
        }
        let groups = crate::group::group(&records, Default::default());
        stories(&records, &groups, StoryOptions::default()).len()
    }

    use crate::classify::page_type::PageType::{Article as ARTICLE, Product as PRODUCT};

    #[test]
    fn pages_of_one_outlet_are_not_one_story() {
        assert_eq!(found_with(["Delfi", "ERR"], [ARTICLE; 2], [REPORT_A, REPORT_B]), 1);
        assert_eq!(found_with(["ERR", "err "], [ARTICLE; 2], [REPORT_A, REPORT_B]), 0);
    }

    /// Two reports of one event that name no person (no one is quoted or given a title).
    const NO_PERSON_A: &str = "Four fighter jets of the Dutch air force arrived at Ämari Air Base on Tuesday \
        for the Baltic Air Policing mission, after the contract was signed in Tallinn. The jets will patrol \
        the skies over Estonia from Ämari Air Base until the spring, alongside the Estonian Air Force.\n";
    const NO_PERSON_B: &str = "The Baltic Air Policing mission has four more fighter jets: those of the Dutch \
        air force landed at Ämari Air Base on Tuesday, officials in Tallinn announced. Until the spring the \
        jets will guard the skies over Estonia from Ämari Air Base with the Estonian Air Force.\n";

    #[test]
    fn a_page_that_is_not_a_report_needs_a_shared_person() {
        let pages = [NO_PERSON_A, NO_PERSON_B];
        assert_eq!(found_with(["Delfi", "ERR"], [ARTICLE; 2], pages), 1);
        assert_eq!(found_with(["Delfi", "ERR"], [ARTICLE, PRODUCT], pages), 0);
        // With a person in common, a page of another type is still one of the story's.
        assert_eq!(
            found_with(["Delfi", "ERR"], [ARTICLE, PRODUCT], [REPORT_A, REPORT_B]),
            1
        );
    }

    #[test]
    fn dates_too_far_apart_keep_articles_apart() {
        let body = "Kaja Kallas and Boris Pistorius met Pete Hegseth in Brussels to discuss Ukraine, NATO \
                    membership and security guarantees before negotiations with Vladimir Putin begin.\n";
        let mut records = records(&[("a.txt", body), ("b.txt", &body.replace("begin", "start"))]);
        records[0].provenance.published = Some("2025-02-13".into());
        records[1].provenance.published = Some("2025-02-14".into());
        // Reports: a page of one sentence is no type the model can tell (it says forum), and a
        // page that is not a report would need a person in common, which these quote none of.
        for record in &mut records {
            record.page_type = Some(crate::classify::page_type::PageType::Article);
        }
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
