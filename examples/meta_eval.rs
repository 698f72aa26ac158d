//! Measures `provenance::html_meta` against the gold metadata of the development sets.
//!
//!     cargo run --release --example meta_eval [-- --worst N] [--dump FILE] [--bench DIR]
//!
//! `--bench DIR` reads another copy of the bench (`bench/cipher.py --bare`'s: the pages without
//! their metadata).
//!
//! WCXB (`../shared/bench/wcxb`, the pages of type `article`):
//! - author exact: our authors joined with ", " equal the gold author, both lower-cased, with
//!   whitespace collapsed and " and " / " & " / ", and " read as ", ";
//! - author lenient: the gold's first name equals our first author;
//! - date: our published date's first `len(gold)` characters equal the gold date.
//!
//! scrapinghub (`../shared/bench/scrapinghub`): url, ours equals the gold URL when both have a
//! lower-case scheme and host, no `www.`, no fragment and no trailing slash (the query stays).
//!
//! Also printed, for orientation: title and url on WCXB, the date figure had we reported the
//! modified date where there is one, and how many pages without a gold author or date got one.
//! Then the worst misses (a wrong value before a missing one). `--dump FILE` writes one
//! tab-separated line per WCXB article: id, field, gold, ours, rule.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use pith::provenance::html_meta::{self, Field, PageMeta};
use rayon::prelude::*;
use serde_json::Value;

const BENCH: &str = "../shared/bench";

fn main() {
    let option = |name: &str| std::env::args().skip_while(|a| a != name).nth(1);
    let worst = option("--worst").and_then(|n| n.parse().ok()).unwrap_or(15);
    let dump = option("--dump");
    let bench = option("--bench").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(BENCH),
        std::path::PathBuf::from,
    );
    if let Err(message) = wcxb(&bench.join("wcxb"), worst, dump.as_deref()) {
        eprintln!("meta_eval: wcxb: {message}");
    }
    if let Err(message) = scrapinghub(&bench.join("scrapinghub"), worst) {
        eprintln!("meta_eval: scrapinghub: {message}");
    }
}

/// The page `<dir>/html/<id>.html.gz`, decoded (charset detection included) and read.
fn read_meta(dir: &Path, id: &str) -> Result<PageMeta, String> {
    let path = dir.join("html").join(format!("{id}.html.gz"));
    let failed = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let file = std::fs::File::open(&path).map_err(|e| failed(&e))?;
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| failed(&e))?;
    let source = pith::input::decode(&format!("{id}.html"), bytes, &pith::input::ReadOptions::default())
        .map_err(|e| failed(&e))?;
    let document = scraper::Html::parse_document(&source.text);
    Ok(html_meta::extract(&document, &source.text))
}

/// Every page's metadata, in id order; a page that cannot be read counts as saying nothing.
fn read_all(dir: &Path, ids: &[&String]) -> Vec<PageMeta> {
    ids.par_iter()
        .map(|id| {
            read_meta(dir, id).unwrap_or_else(|message| {
                eprintln!("meta_eval: {message}");
                PageMeta::default()
            })
        })
        .collect()
}

fn gold(dir: &Path) -> Result<BTreeMap<String, Value>, String> {
    let path = dir.join("ground-truth.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn gold_str<'a>(entry: &'a Value, key: &str) -> Option<&'a str> {
    entry.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

/// A field's value as text, and the rule that gave it.
fn shown<T>(field: &Option<Field<T>>, text: impl Fn(&T) -> String) -> (String, String) {
    field.as_ref().map_or((String::new(), String::new()), |f| {
        (text(&f.value), f.evidence.rule.clone())
    })
}

/// Lower case, whitespace collapsed, "A and B" / "A & B" / "A, and B" as "A, B".
fn normalise_authors(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    collapsed
        .replace(", and ", ", ")
        .replace(" and ", ", ")
        .replace(" & ", ", ")
}

/// The first name of a normalised author string.
fn first_author(normalised: &str) -> &str {
    normalised.split(", ").next().unwrap_or("").trim()
}

/// Lower-case scheme and host, no `www.`, no fragment, no trailing slash; the query stays.
fn normalise_url(text: &str) -> String {
    let Ok(parsed) = url::Url::parse(text.trim()) else {
        return text.trim().trim_end_matches('/').to_string();
    };
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = parsed.path().trim_end_matches('/');
    let query = parsed.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{}://{host}{path}{query}", parsed.scheme())
}

/// The date agrees when ours starts with the gold (a gold date matches our date-time).
fn same_date(gold: &str, ours: &str) -> bool {
    ours.get(..gold.len()) == Some(gold)
}

fn same_title(gold: &str, ours: &str) -> bool {
    let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(gold) == norm(ours)
}

/// One field of one page: the gold, ours, the rule that gave ours, whether they agree.
struct Judged {
    id: String,
    gold: String,
    ours: String,
    rule: String,
    hit: bool,
}

/// Scores one field over the pages that have a gold value for it.
struct Score {
    name: &'static str,
    judged: Vec<Judged>,
}

impl Score {
    fn hits(&self) -> usize {
        self.judged.iter().filter(|j| j.hit).count()
    }

    fn print(&self) {
        let of = self.judged.len();
        let hits = self.hits();
        let share = if of == 0 { 0.0 } else { hits as f64 / of as f64 };
        println!("  {:<17}{share:.3}  ({hits}/{of})", self.name);
    }

    /// The misses, a wrong value before a missing one.
    fn print_misses(&self, worst: usize) {
        println!("\n{} misses (gold | ours [rule]):", self.name);
        let misses = self.judged.iter().filter(|j| !j.hit);
        let (wrong, missing): (Vec<&Judged>, Vec<&Judged>) = misses.partition(|j| !j.ours.is_empty());
        for j in wrong.into_iter().chain(missing).take(worst) {
            println!("  {:.12}  {:?} | {:?} [{}]", j.id, j.gold, j.ours, j.rule);
        }
    }
}

fn wcxb(dir: &Path, worst: usize, dump: Option<&str>) -> Result<(), String> {
    let gold = gold(dir)?;
    let articles: Vec<(&String, &Value)> = gold
        .iter()
        .filter(|(_, entry)| entry.get("type").and_then(Value::as_str) == Some("article"))
        .collect();
    let ids: Vec<&String> = articles.iter().map(|(id, _)| *id).collect();
    let metas = read_all(dir, &ids);

    let judge = |name: &'static str,
                 key: &str,
                 ours_of: &dyn Fn(&PageMeta) -> (String, String),
                 agree: &dyn Fn(&str, &str) -> bool| Score {
        name,
        judged: articles
            .iter()
            .zip(&metas)
            .filter_map(|((id, entry), meta)| {
                let gold = gold_str(entry, key)?.to_string();
                let (ours, rule) = ours_of(meta);
                Some(Judged {
                    id: (*id).clone(),
                    hit: agree(&gold, &ours),
                    gold,
                    ours,
                    rule,
                })
            })
            .collect(),
    };
    let authors = |m: &PageMeta| shown(&m.authors, |names: &Vec<String>| names.join(", "));
    let published = |m: &PageMeta| shown(&m.published, String::clone);
    let author_exact = judge("author exact", "author", &authors, &|g, o| {
        normalise_authors(g) == normalise_authors(o)
    });
    let author_lenient = judge("author lenient", "author", &authors, &|g, o| {
        !o.is_empty() && first_author(&normalise_authors(g)) == first_author(&normalise_authors(o))
    });
    let date = judge("date", "published", &published, &same_date);
    let latest = judge(
        "date if modified",
        "published",
        &|m| match &m.modified {
            Some(_) => shown(&m.modified, String::clone),
            None => published(m),
        },
        &same_date,
    );
    let title = judge("title", "title", &|m| shown(&m.title, String::clone), &same_title);
    let url = judge("url", "url", &|m| shown(&m.url, String::clone), &|g, o| {
        normalise_url(g) == normalise_url(o)
    });

    println!("WCXB dev, {} article pages", articles.len());
    for score in [&author_exact, &author_lenient, &date] {
        score.print();
    }
    println!("  for orientation:");
    for score in [&latest, &title, &url] {
        score.print();
    }
    let unsupported = |key: &str, said: &dyn Fn(&PageMeta) -> bool| {
        articles
            .iter()
            .zip(&metas)
            .filter(|((_, entry), meta)| gold_str(entry, key).is_none() && said(meta))
            .count()
    };
    println!(
        "  pages without a gold author / date that got one: {} / {}",
        unsupported("author", &|m| m.authors.is_some()),
        unsupported("published", &|m| m.published.is_some())
    );

    if let Some(path) = dump {
        let mut lines = String::new();
        for score in [&author_exact, &date, &title, &url] {
            for j in &score.judged {
                lines.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    j.id, score.name, j.gold, j.ours, j.rule
                ));
            }
        }
        std::fs::write(path, lines).map_err(|e| format!("{path}: {e}"))?;
    }
    author_exact.print_misses(worst);
    date.print_misses(worst);
    Ok(())
}

fn scrapinghub(dir: &Path, worst: usize) -> Result<(), String> {
    let gold = gold(dir)?;
    let pages: Vec<(&String, &str)> = gold
        .iter()
        .filter_map(|(id, entry)| Some((id, gold_str(entry, "url")?)))
        .collect();
    let ids: Vec<&String> = pages.iter().map(|(id, _)| *id).collect();
    let metas = read_all(dir, &ids);
    let url = Score {
        name: "url",
        judged: pages
            .iter()
            .zip(&metas)
            .map(|((id, gold), meta)| {
                let (ours, rule) = shown(&meta.url, String::clone);
                Judged {
                    id: (*id).clone(),
                    hit: normalise_url(gold) == normalise_url(&ours),
                    gold: gold.to_string(),
                    ours,
                    rule,
                }
            })
            .collect(),
    };
    println!("\nscrapinghub, {} pages", pages.len());
    url.print();
    url.print_misses(worst);
    Ok(())
}
