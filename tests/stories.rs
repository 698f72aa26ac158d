//! Stories on the seeds: the five pages are one story, tied by its names, and the Pistorius
//! quote is carried in two wordings whose word differences pith shows.

use std::path::{Path, PathBuf};

use pith::stories::{stories, Quote, Story, StoryOptions};
use pith::Record;

mod common;
use common::report;

const SEEDS: [&str; 5] = [
    "000_3cf22583a51e9ceb.txt",
    "001_2faf6ce82c38984a.txt",
    "002_afc870d9edf609b6.txt",
    "003_cfd07240930c966c.txt",
    "004_73f6c8b27e53c62e.txt",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

fn records(names: &[&str]) -> Vec<Record> {
    names
        .iter()
        .map(|name| {
            pith::clean_path(&fixture(name), &pith::Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
        })
        .collect()
}

fn stories_of(records: &[Record]) -> Vec<Story> {
    let groups = pith::group::group(records, Default::default());
    stories(records, &groups, StoryOptions::default())
}

fn seed_stories() -> Vec<Story> {
    stories_of(&records(&SEEDS))
}

/// The seed a source names ("001" for ".../fixtures/001_2faf6ce82c38984a.txt").
fn seed(source: &str) -> &str {
    let file = source.rsplit(['/', '\\']).next().unwrap_or(source);
    file.get(..3).unwrap_or(file)
}

fn carriers(quote: &Quote) -> Vec<Vec<&str>> {
    quote
        .wordings
        .iter()
        .map(|w| w.sources.iter().map(|s| seed(s)).collect())
        .collect()
}

#[test]
fn all_five_seeds_are_one_story() {
    let found = seed_stories();
    assert_eq!(found.len(), 1, "{found:#?}");
    // 000 and 001 are two scrapes of one article (a variant group); 001 is its canonical copy.
    let articles: Vec<&str> = found[0].articles.iter().map(|a| seed(a)).collect();
    assert_eq!(articles, vec!["001", "002", "003", "004"]);
}

#[test]
fn the_story_is_explained_by_its_names() {
    let found = seed_stories();
    let terms = &found[0].terms;
    for name in ["Pistorius", "Kallas", "Hegseth", "NATO"] {
        assert!(terms.iter().any(|t| t == name), "{name} not in {terms:?}");
    }
    assert!(terms.len() <= 12, "{terms:?}");
}

#[test]
fn the_pistorius_quote_shows_who_carries_each_wording_and_how_they_differ() {
    let found = seed_stories();
    let quote = found[0]
        .quotes
        .iter()
        .find(|q| q.wordings.iter().any(|w| w.text.contains("negotiating table")))
        .unwrap_or_else(|| panic!("no Pistorius quote in {:#?}", found[0].quotes));
    assert!(
        quote.speaker.as_deref().is_some_and(|s| s.ends_with("Pistorius")),
        "{:?}",
        quote.speaker
    );
    assert_eq!(carriers(quote), vec![vec!["000", "001"], vec!["002"]]);
    assert!(quote.wordings[0]
        .text
        .contains("better to discuss Ukraine’s possible NATO membership"));
    assert!(quote.wordings[0].text.contains("not to rule it out beforehand"));
    assert!(quote.wordings[1]
        .text
        .contains("better to talk about Ukraine’s possible NATO membership"));
    assert!(quote.wordings[1]
        .text
        .contains("not to take it off the table beforehand"));
    assert_eq!(quote.differences.len(), 1);
    let diff = &quote.differences[0];
    assert!(diff.contains("[-discuss-]{+talk about+}"), "{diff}");
    assert!(diff.contains("[-rule it out-]{+take it off the table+}"), "{diff}");
    // Only those changes (and the comma that became "and"): the rest of the wording is shared.
    assert_eq!(diff.matches("[-").count(), 3, "{diff}");
    assert!(diff.contains("table[-,-]{+ and+} not to"), "{diff}");
}

#[test]
fn every_quote_is_carried_by_two_articles_or_more() {
    let records = records(&SEEDS);
    let groups = pith::group::group(&records, Default::default());
    let group_of = |source: &str| groups.iter().position(|g| g.members.iter().any(|m| m.source == source));
    for story in stories(&records, &groups, StoryOptions::default()) {
        for quote in &story.quotes {
            let mut articles: Vec<usize> = quote
                .wordings
                .iter()
                .flat_map(|w| &w.sources)
                .filter_map(|s| group_of(s))
                .collect();
            articles.sort_unstable();
            articles.dedup();
            assert!(articles.len() >= 2, "{quote:#?}");
            assert_eq!(quote.differences.len(), quote.wordings.len() - 1);
        }
    }
}

#[test]
fn the_kallas_quote_is_aligned_across_outlets() {
    let found = seed_stories();
    let quote = found[0]
        .quotes
        .iter()
        .find(|q| q.wordings.iter().any(|w| w.text.starts_with("Why are we giving them")))
        .unwrap_or_else(|| panic!("no Kallas quote in {:#?}", found[0].quotes));
    assert_eq!(quote.speaker.as_deref(), Some("Kaja Kallas"));
    assert_eq!(carriers(quote), vec![vec!["000", "001"], vec!["003"]]);
}

#[test]
fn unrelated_articles_stay_out_of_the_story() {
    let mut names: Vec<&str> = SEEDS.to_vec();
    let others = [
        "rules/appeal.txt",
        "rules/byline.txt",
        "rules/comments.txt",
        "rules/dateline.txt",
        "rules/legal.txt",
        "rules/navigation.txt",
        "rules/share.txt",
        "rules/subheadings.txt",
    ];
    names.extend(others);
    let found = stories_of(&records(&names));
    let seed_story = found
        .iter()
        .find(|s| s.articles.iter().any(|a| a.ends_with("001_2faf6ce82c38984a.txt")))
        .unwrap_or_else(|| panic!("{found:#?}"));
    let articles: Vec<&str> = seed_story.articles.iter().map(|a| seed(a)).collect();
    assert_eq!(articles, vec!["001", "002", "003", "004"]);
    // Each rule fixture is an unrelated short article: no story but the seeds'…
    assert_eq!(found.len(), 1, "{found:#?}");
    // …and each a story of its own when single articles are asked for.
    let records = records(&names);
    let groups = pith::group::group(&records, Default::default());
    let mut options = StoryOptions::default();
    options.min_articles = 1;
    assert_eq!(stories(&records, &groups, options).len(), 1 + others.len());
}

#[test]
fn output_is_deterministic() {
    let (a, b) = (seed_stories(), seed_stories());
    assert_eq!(a, b);
    let json = |s: &[Story]| serde_json::to_string(s).unwrap_or_default();
    assert_eq!(json(&a), json(&b));
    // Input order decides the order of stories and articles, not hash maps.
    let mut reversed: Vec<&str> = SEEDS.to_vec();
    reversed.reverse();
    let found = stories_of(&records(&reversed));
    assert_eq!(found.len(), 1);
    let articles: Vec<&str> = found[0].articles.iter().map(|a| seed(a)).collect();
    assert_eq!(articles, vec!["004", "003", "002", "001"]);
}

/// The records of made-up pages, each named by its file name.
fn extract_pages(pages: &[(&str, String)]) -> Vec<Record> {
    let extractor = pith::Extractor::builder().build();
    pages
        .iter()
        .map(|(name, html)| {
            extractor
                .extract(name, html.as_str())
                .unwrap_or_else(|e| panic!("{name}: {e}"))
        })
        .collect()
}

/// A German news page of an outlet, published on `day` of February 2025.
fn german_page(outlet: &str, day: u32, title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"{outlet}\">\
         <meta property=\"article:published_time\" content=\"2025-02-{day:02}T10:00:00+01:00\"></head>\
         <body><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

#[test]
fn a_german_quote_gets_its_speaker() {
    let pages = [
        (
            "rundschau.html",
            german_page(
                "Berliner Rundschau",
                13,
                "Scholz sichert Kiew weitere Hilfe zu",
                &[
                    "Bundeskanzler Olaf Scholz hat der Ukraine bei einem Treffen mit Präsident Wolodymyr Selenskyj \
                     in Berlin weitere militärische Unterstützung zugesagt. Das Paket umfasst nach Angaben der \
                     Bundesregierung Luftabwehrsysteme vom Typ Iris-T und Munition im Wert von mehreren hundert \
                     Millionen Euro.",
                    "„Deutschland wird die Ukraine so lange unterstützen, wie es nötig ist“, sagte Olaf Scholz nach \
                     dem Gespräch im Kanzleramt.",
                    "Selenskyj dankte Scholz für die Hilfe und forderte zugleich mehr Tempo bei den Lieferungen. Auch \
                     Verteidigungsminister Boris Pistorius nahm an dem Treffen teil.",
                ],
            ),
        ),
        (
            "anzeiger.html",
            german_page(
                "Kölner Anzeiger",
                14,
                "Selenskyj in Berlin: Kanzler verspricht Luftabwehr",
                &[
                    "Der ukrainische Präsident Wolodymyr Selenskyj ist in Berlin von Bundeskanzler Olaf Scholz \
                     empfangen worden. Scholz kündigte weitere Luftabwehrsysteme vom Typ Iris-T für die Ukraine an, \
                     wie die Bundesregierung mitteilte.",
                    "„Deutschland wird die Ukraine so lange unterstützen, wie das nötig ist\", sagte Scholz.",
                    "Verteidigungsminister Boris Pistorius sagte, die Systeme sollten noch in diesem Frühjahr \
                     geliefert werden. Selenskyj bedankte sich für die Unterstützung aus Deutschland und bat um \
                     weitere Munition.",
                ],
            ),
        ),
    ];
    let records = extract_pages(&pages);
    assert!(records.iter().all(|r| r.provenance.language.as_deref() == Some("de")));
    let found = stories_of(&records);
    assert_eq!(found.len(), 1, "{found:#?}");
    let quote = found[0]
        .quotes
        .iter()
        .find(|q| q.wordings.iter().any(|w| w.text.contains("so lange unterstützen")))
        .unwrap_or_else(|| panic!("{:#?}", found[0].quotes));
    assert_eq!(quote.wordings.len(), 2);
    assert_eq!(quote.speaker.as_deref(), Some("Olaf Scholz"));
}

/// Two German reports of one meeting, neither dated: nothing places them in the same days, so
/// they are one story only if they name a person in common, and the people of a German text are
/// found with German titles and verbs ("Bundeskanzler Olaf Scholz", "sagte Pistorius").
#[test]
fn undated_german_reports_join_through_the_people_they_name() {
    let undated = |outlet: &str, title: &str, paragraphs: &[&str]| {
        german_page(outlet, 1, title, paragraphs).replace(
            "<meta property=\"article:published_time\" content=\"2025-02-01T10:00:00+01:00\">",
            "",
        )
    };
    let pages = [
        (
            "rundschau.html",
            undated(
                "Berliner Rundschau",
                "Pistorius besucht Truppe in Litauen",
                &[
                    "Verteidigungsminister Boris Pistorius hat die deutsche Brigade in Litauen besucht und den \
                     Soldaten für ihren Einsatz an der Ostflanke der Nato gedankt. Die Brigade soll bis 2027 \
                     auf rund 4800 Soldatinnen und Soldaten anwachsen.",
                    "„Die Sicherheit Litauens ist unsere Sicherheit“, sagte Pistorius in Vilnius. Litauens \
                     Präsident Gitanas Nausėda begrüßte den Besuch.",
                    "Pistorius kündigte an, die Ausrüstung der Brigade schneller zu liefern als geplant.",
                ],
            ),
        ),
        (
            "anzeiger.html",
            undated(
                "Kölner Anzeiger",
                "Minister in Vilnius: Brigade wächst schneller",
                &[
                    "Bei seinem Besuch in Litauen hat Verteidigungsminister Boris Pistorius eine schnellere \
                     Ausrüstung der deutschen Brigade zugesagt. Präsident Gitanas Nausėda empfing den Minister \
                     in Vilnius.",
                    "„Die Sicherheit Litauens ist unsere Sicherheit“, betonte Pistorius vor Soldaten der Brigade.",
                    "Die Brigade an der Ostflanke der Nato soll bis 2027 rund 4800 Soldatinnen und Soldaten \
                     zählen.",
                ],
            ),
        ),
    ];
    let records = extract_pages(&pages);
    assert!(
        records.iter().all(|r| r.provenance.published.is_none()),
        "the pages are undated"
    );
    let found = stories_of(&records);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].articles.len(), 2);
}

#[test]
fn an_event_two_thousand_articles_report_is_one_story() {
    // Every name of the event is in more articles than an inverted index pairs up (128).
    let read = pith::Options::default().read;
    let records: Vec<Record> = (0..2048)
        .map(|n| {
            let source = pith::input::decode(&format!("report-{n}.txt"), report(n).into_bytes(), &read);
            pith::clean(&source.unwrap_or_else(|e| panic!("{e}")))
        })
        .collect();
    let groups = pith::group::group(&records, Default::default());
    assert_eq!(groups.len(), 2048, "the reports are not copies of each other");
    let found = stories(&records, &groups, StoryOptions::default());
    assert_eq!(
        found.len(),
        1,
        "{:?}",
        found.iter().map(|s| s.articles.len()).collect::<Vec<_>>()
    );
    assert_eq!(found[0].articles.len(), 2048);
    assert!(
        found[0].terms.iter().any(|t| t == "Ruben Brekelmans"),
        "{:?}",
        found[0].terms
    );
    // The quote every report carries, in its two wordings.
    let quote = found[0]
        .quotes
        .iter()
        .find(|q| q.wordings.iter().any(|w| w.text.contains("count on us")))
        .unwrap_or_else(|| panic!("{:#?}", found[0].quotes));
    assert_eq!(quote.wordings.len(), 2);
    assert_eq!(quote.wordings.iter().map(|w| w.sources.len()).sum::<usize>(), 2048);
    assert_eq!(quote.speaker.as_deref(), Some("Ruben Brekelmans"));
}

#[test]
fn documents_that_share_a_source_are_both_kept() {
    let read = pith::Options::default().read;
    let page = |name: &str, n: usize| {
        let source = pith::input::decode(name, report(n).into_bytes(), &read);
        pith::clean(&source.unwrap_or_else(|e| panic!("{e}")))
    };
    let records = vec![page("a.txt", 0), page("b.txt", 1), page("a.txt", 2)];
    let groups = pith::group::group(&records, Default::default());
    let found = stories(&records, &groups, StoryOptions::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].articles, vec!["a.txt", "b.txt", "a.txt~2"]);
    let sources: Vec<&str> = found[0]
        .quotes
        .iter()
        .flat_map(|q| q.wordings.iter().flat_map(|w| w.sources.iter().map(String::as_str)))
        .collect();
    assert!(sources.contains(&"a.txt~2"), "{sources:?}");
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Bodies made of names, words, quotation marks of every kind, apostrophes and line breaks.
    fn body() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "(Pistorius|Kallas|Kaja|Boris|NATO|Ukraine|Rutte|Brussels|Minister|Secretary)",
            "(said|told|added|she|he|according|to|the|a|peace|talks|table|discuss)",
            "[“”„‘’‚«»\"'`]",
            "[a-zA-Z’']{1,12}",
            "[,.;:!?—–() ]",
            "(\n|\n\n| )",
            "[\\PC]{0,3}",
        ];
        prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.join(" "))
    }

    fn day() -> impl Strategy<Value = Option<String>> {
        prop_oneof![
            Just(None),
            "20[0-9]{2}-[01][0-9]-[0-3][0-9]".prop_map(Some),
            "[0-9T:-]{0,12}".prop_map(Some),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn stories_never_panic_and_hold_every_article_once(
            pages in prop::collection::vec((body(), day()), 1..6)
        ) {
            let template = records(&SEEDS[..1]).pop();
            let Some(template) = template else { return Ok(()) };
            let records: Vec<Record> = pages
                .into_iter()
                .enumerate()
                .map(|(i, (text, published))| {
                    let mut record = template.clone();
                    record.source = format!("page-{i}.txt");
                    record.text = text;
                    record.provenance.published = published;
                    record
                })
                .collect();
            let groups = pith::group::group(&records, Default::default());
            let mut options = StoryOptions::default();
            options.min_articles = 1;
            let found = stories(&records, &groups, options);
            let mut articles: Vec<&str> = found.iter().flat_map(|s| s.articles.iter().map(String::as_str)).collect();
            articles.sort_unstable();
            let mut canonical: Vec<&str> = groups.iter().map(|g| g.canonical.as_str()).collect();
            canonical.sort_unstable();
            prop_assert_eq!(articles, canonical);
            for story in &found {
                for quote in &story.quotes {
                    prop_assert_eq!(quote.differences.len() + 1, quote.wordings.len());
                }
            }
            prop_assert_eq!(found, stories(&records, &groups, options));
        }
    }
}
