//! Measures `provenance::html_meta` against the gold metadata of the development sets.
//!
//!     cargo run --release --example meta_eval [-- --worst N]
//!
//! WCXB (`../shared/bench/wcxb`, article pages): author exact (our authors joined with ", "
//! against the gold author, both normalised), author lenient (the gold's first name against our
//! first author) and date (our published date's first `len(gold)` characters against the gold).
//! scrapinghub (`../shared/bench/scrapinghub`): the canonical URL against the gold URL, both
//! normalised. Prints the figures and the worst misses of each.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use pith::provenance::html_meta::{self, PageMeta};
use rayon::prelude::*;
use serde_json::Value;

const BENCH: &str = "../shared/bench";

fn main() {
    let worst = std::env::args()
        .skip_while(|a| a != "--worst")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(15);
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join(BENCH);
    if let Err(message) = wcxb(&bench.join("wcxb"), worst) {
        eprintln!("meta_eval: wcxb: {message}");
    }
    if let Err(message) = scrapinghub(&bench.join("scrapinghub"), worst) {
        eprintln!("meta_eval: scrapinghub: {message}");
    }
}

/// The page `<dir>/html/<id>.html.gz`, decoded and parsed.
fn read_meta(dir: &Path, id: &str) -> Result<PageMeta, String> {
    let path: PathBuf = dir.join("html").join(format!("{id}.html.gz"));
    let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let name = format!("{id}.html");
    let source = pith::input::decode(&name, bytes, &pith::input::ReadOptions::default())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let document = scraper::Html::parse_document(&source.text);
    Ok(html_meta::extract(&document, &source.text))
}

fn gold(dir: &Path) -> Result<BTreeMap<String, Value>, String> {
    let path = dir.join("ground-truth.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn gold_str<'a>(entry: &'a Value, key: &str) -> Option<&'a str> {
    entry.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

/// Lower case, whitespace collapsed, "A and B" / "A & B" / "A, and B" as "A, B".
fn normalise_authors(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    collapsed
        .replace(", and ", ", ")
        .replace(" and ", ", ")
        .replace(" & ", ", ")
}

/// The first name-part of a normalised author string.
fn first_author(normalised: &str) -> &str {
    normalised.split(", ").next().unwrap_or("").trim()
}

struct Outcome {
    id: String,
    gold_author: Option<String>,
    gold_date: Option<String>,
    ours_author: String,
    ours_author_rule: String,
    ours_date: Option<String>,
    ours_date_rule: String,
    ours_modified: Option<String>,
    url_hit: Option<bool>,
    title_hit: Option<bool>,
    titles: (String, String),
    urls: (String, String),
}

fn wcxb(dir: &Path, worst: usize) -> Result<(), String> {
    let gold = gold(dir)?;
    let articles: Vec<(&String, &Value)> = gold
        .iter()
        .filter(|(_, entry)| entry.get("type").and_then(Value::as_str) == Some("article"))
        .collect();
    let outcomes: Vec<Outcome> = articles
        .par_iter()
        .map(|(id, entry)| {
            let meta = read_meta(dir, id).unwrap_or_else(|e| {
                eprintln!("meta_eval: {e}");
                PageMeta::default()
            });
            Outcome {
                id: (*id).clone(),
                gold_author: gold_str(entry, "author").map(str::to_string),
                gold_date: gold_str(entry, "published").map(str::to_string),
                ours_author: meta.authors.as_ref().map(|f| f.value.join(", ")).unwrap_or_default(),
                ours_author_rule: meta
                    .authors
                    .as_ref()
                    .map(|f| f.evidence.rule.clone())
                    .unwrap_or_default(),
                ours_date: meta.published.as_ref().map(|f| f.value.clone()),
                ours_date_rule: meta
                    .published
                    .as_ref()
                    .map(|f| f.evidence.rule.clone())
                    .unwrap_or_default(),
                ours_modified: meta.modified.as_ref().map(|f| f.value.clone()),
                urls: (
                    gold_str(entry, "url").unwrap_or("-").to_string(),
                    meta.url
                        .as_ref()
                        .map_or(String::new(), |f| format!("{} [{}]", f.value, f.evidence.rule)),
                ),
                titles: (
                    gold_str(entry, "title").unwrap_or("-").to_string(),
                    meta.title
                        .as_ref()
                        .map_or(String::new(), |f| format!("{} [{}]", f.value, f.evidence.rule)),
                ),
                title_hit: gold_str(entry, "title").map(|g| {
                    let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                    norm(g) == norm(meta.title.as_ref().map_or("", |f| f.value.as_str()))
                }),
                url_hit: gold_str(entry, "url")
                    .map(|g| normalise_url(g) == normalise_url(meta.url.as_ref().map_or("", |f| f.value.as_str()))),
            }
        })
        .collect();

    let with_author: Vec<&Outcome> = outcomes.iter().filter(|o| o.gold_author.is_some()).collect();
    let mut exact = 0;
    let mut lenient = 0;
    let mut author_misses = Vec::new();
    for o in &with_author {
        let g = normalise_authors(o.gold_author.as_deref().unwrap_or(""));
        let ours = normalise_authors(&o.ours_author);
        if g == ours {
            exact += 1;
        } else {
            author_misses.push(*o);
        }
        if !ours.is_empty() && first_author(&g) == first_author(&ours) {
            lenient += 1;
        }
    }
    let with_date: Vec<&Outcome> = outcomes.iter().filter(|o| o.gold_date.is_some()).collect();
    let mut dated = 0;
    let mut date_misses = Vec::new();
    for o in &with_date {
        let g = o.gold_date.as_deref().unwrap_or("");
        let ours = o.ours_date.as_deref().unwrap_or("");
        if ours.get(..g.len()) == Some(g) {
            dated += 1;
        } else {
            date_misses.push(*o);
        }
    }
    let latest = with_date
        .iter()
        .filter(|o| {
            let g = o.gold_date.as_deref().unwrap_or("");
            let ours = o.ours_modified.as_deref().or(o.ours_date.as_deref()).unwrap_or("");
            ours.get(..g.len()) == Some(g)
        })
        .count();
    println!("  (diagnostic: modified, else published: {latest})");
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    let no_gold_author_but_ours = outcomes
        .iter()
        .filter(|o| o.gold_author.is_none() && !o.ours_author.is_empty())
        .count();
    let no_gold_date_but_ours = outcomes
        .iter()
        .filter(|o| o.gold_date.is_none() && o.ours_date.is_some())
        .count();
    println!("WCXB dev, {} article pages", outcomes.len());
    println!(
        "  author exact   {:.3}  ({exact}/{})",
        share(exact, with_author.len()),
        with_author.len()
    );
    println!(
        "  author lenient {:.3}  ({lenient}/{})",
        share(lenient, with_author.len()),
        with_author.len()
    );
    println!(
        "  date           {:.3}  ({dated}/{})",
        share(dated, with_date.len()),
        with_date.len()
    );
    let with_title = outcomes.iter().filter(|o| o.title_hit.is_some()).count();
    let title_hits = outcomes.iter().filter(|o| o.title_hit == Some(true)).count();
    println!(
        "  title          {:.3}  ({title_hits}/{with_title})",
        share(title_hits, with_title)
    );
    if std::env::args().any(|a| a == "--titles") {
        for o in outcomes.iter().filter(|o| o.title_hit == Some(false)) {
            println!("  title {}  {:?} | {:?}", o.id, o.titles.0, o.titles.1);
        }
    }
    let with_url = outcomes.iter().filter(|o| o.url_hit.is_some()).count();
    let url_hits = outcomes.iter().filter(|o| o.url_hit == Some(true)).count();
    println!(
        "  url            {:.3}  ({url_hits}/{with_url})",
        share(url_hits, with_url)
    );
    println!("  (pages without gold that got a value: author {no_gold_author_but_ours}, date {no_gold_date_but_ours})");
    if let Some(path) = std::env::args().skip_while(|a| a != "--dump").nth(1) {
        let mut lines = String::new();
        for o in &outcomes {
            lines.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                o.id,
                o.gold_author.as_deref().unwrap_or("-"),
                o.ours_author,
                o.ours_author_rule,
                o.gold_date.as_deref().unwrap_or("-"),
                o.ours_date.as_deref().unwrap_or(""),
                o.ours_date_rule,
                o.urls.0,
                o.urls.1,
                o.ours_modified.as_deref().unwrap_or("")
            ));
        }
        if let Err(e) = std::fs::write(&path, lines) {
            eprintln!("meta_eval: {path}: {e}");
        }
    }
    println!("\nworst author misses (gold | ours [rule]):");
    for o in author_misses.iter().take(worst) {
        println!(
            "  {}  {:?} | {:?} [{}]",
            o.id,
            o.gold_author.as_deref().unwrap_or(""),
            o.ours_author,
            o.ours_author_rule
        );
    }
    println!("\nworst date misses (gold | ours [rule]):");
    for o in date_misses.iter().take(worst) {
        println!(
            "  {}  {:?} | {:?} [{}]",
            o.id,
            o.gold_date.as_deref().unwrap_or(""),
            o.ours_date.as_deref().unwrap_or(""),
            o.ours_date_rule
        );
    }
    Ok(())
}

/// Lower-case scheme and host, no `www.`, no fragment, no trailing slash; the query stays.
fn normalise_url(text: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(text.trim()) else {
        return text.trim().trim_end_matches('/').to_string();
    };
    parsed.set_fragment(None);
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let path = parsed.path().trim_end_matches('/');
    let query = parsed.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{}://{host}{path}{query}", parsed.scheme())
}

fn scrapinghub(dir: &Path, worst: usize) -> Result<(), String> {
    let gold = gold(dir)?;
    let results: Vec<(String, String, String, String)> = gold
        .par_iter()
        .filter_map(|(id, entry)| {
            let gold_url = gold_str(entry, "url")?.to_string();
            let meta = read_meta(dir, id).unwrap_or_else(|e| {
                eprintln!("meta_eval: {e}");
                PageMeta::default()
            });
            let ours = meta.url.as_ref().map(|f| f.value.clone()).unwrap_or_default();
            let rule = meta.url.as_ref().map(|f| f.evidence.rule.clone()).unwrap_or_default();
            Some((id.clone(), gold_url, ours, rule))
        })
        .collect();
    let hits = results
        .iter()
        .filter(|(_, g, ours, _)| normalise_url(g) == normalise_url(ours))
        .count();
    let share = if results.is_empty() {
        0.0
    } else {
        hits as f64 / results.len() as f64
    };
    println!("\nscrapinghub, {} pages", results.len());
    println!("  url            {share:.3}  ({hits}/{})", results.len());
    println!("\nurl misses (gold | ours [rule]):");
    for (id, g, ours, rule) in results
        .iter()
        .filter(|(_, g, ours, _)| normalise_url(g) != normalise_url(ours))
        .take(worst)
    {
        println!("  {id:.12}  {g} | {ours} [{rule}]");
    }
    Ok(())
}
