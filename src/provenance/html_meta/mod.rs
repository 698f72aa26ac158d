//! Stage 5, HTML pages: what a page says about itself — JSON-LD, `<meta>` tags,
//! `<link rel=canonical>`, `<html lang>`, byline elements and `<time>` — each value with the
//! evidence (rule and byte range of `source`) it was read from.
//!
//! ```
//! let source = r#"<html lang="en-GB"><head>
//! <meta property="og:site_name" content="The Daily">
//! <link rel="canonical" href="https://example.com/2025/02/13/story">
//! <script type="application/ld+json">
//! {"@type": "NewsArticle", "headline": "A story", "author": {"@type": "Person", "name": "Jane Doe"},
//!  "datePublished": "2025-02-13T14:05:00+0100"}
//! </script></head><body><h1>A story</h1></body></html>"#;
//! let meta = pith::provenance::html_meta::extract(&scraper::Html::parse_document(source), source);
//! assert_eq!(meta.published.unwrap().value, "2025-02-13T14:05:00+01:00");
//! assert_eq!(meta.authors.unwrap().value, vec!["Jane Doe"]);
//! assert_eq!(meta.language.unwrap().value, "en");
//! ```
//!
//! Each field takes the first source, strongest first, that gives a usable value:
//!
//! | field | sources, strongest first |
//! |---|---|
//! | title | JSON-LD `headline` (or `name`) of the article object > `og:title` > `twitter:title` > first `<h1>` > `<title>`; a trailing ` \| Site` / ` - Site` is cut when it names the site or when what precedes it is the page's headline |
//! | authors | JSON-LD `author` > `<meta>` `author`, `article:author`, `parsely-author`, `sailthru.author`, `dc.creator`, `citation_author` (every tag of the first such key, one author or list each; `citation_author`'s `Last, First` turned around) > a preview card's "Written by" pair (`twitter:labelN`/`twitter:dataN`) > the page's byline (below) |
//! | published | the date shown under the headline when it is one of the page's machine dates (below) > JSON-LD `datePublished` > `<meta>` `article:published_time`, `og:published_time`, `[itemprop=datePublished]`, `date`, `dc.date`, `citation_publication_date`, `parsely-pub-date`, `sailthru.date`, … > `<time datetime>` in the article > the date shown under the headline > a date after "Published"/"Posted on" anywhere > the date in the canonical URL > a date under the headline labelled as an update |
//! | modified | JSON-LD `dateModified` > `article:modified_time`, `og:updated_time` |
//! | url | `link[rel=canonical]` > `og:url` > JSON-LD `url`/`mainEntityOfPage`; relative ones resolved against the others; absolute http(s) only; the site's home page only when nothing names a deeper page |
//! | site_name | `og:site_name` > JSON-LD `publisher.name` > `application-name` |
//! | section | JSON-LD `articleSection` (the first) > `article:section` > `parsely-section` |
//! | language | `<html lang>` > `meta[http-equiv=content-language]` > `og:locale`; the primary subtag, lower case |
//! | description | `og:description` > `meta[name=description]` > JSON-LD `description` |
//! | image | `og:image` > JSON-LD `image` (a string, an object's `url`, the first of a list) |
//!
//! **JSON-LD.** Every `<script type=application/ld+json>` (comment and CDATA wrappers, trailing
//! commas and raw line breaks in strings tolerated; invalid ones skipped), top-level arrays,
//! `@graph`s and nested objects. The article object is the one of the most specific type
//! (`ReportageNewsArticle`, … > `NewsArticle` > `BlogPosting`, … > `Article` > `Review`,
//! `HowTo`, … > `WebPage`), the first of equals; a field it lacks comes from the next one.
//! `{"@id": …}` references are followed (authors, publishers).
//!
//! **Authors.** Names are kept as displayed, in page order, without repeats. Every source is
//! cleaned alike: a leading label cut (`By`, `Written by:`, `Author`, `Von`, `Par`, …), the
//! names end at a date, a separator or another credit (`Reviewed by`), `A, B and C` is split,
//! credentials stay with their name (`Jane Doe, MD`), a job title after a name is cut, and each
//! part must read as a name (no URL, no sentence, no control such as "View more posts"). The
//! page's byline, in this order: `[rel=author]`/`[itemprop=author]` near the headline > a "By"
//! line near the headline > an element whose class or id names an author or byline near the
//! headline > the same anywhere (comment sections excepted). A JSON-LD author that is an
//! organisation, or the site itself, gives way to a person named in `<meta>` or the byline; the
//! site's own name from `<meta>` is kept only when nothing else names anyone (a personal site).
//!
//! **Dates.** ISO 8601 as the page gives them: a date stays a date, a time keeps its offset
//! (`+0100` becomes `+01:00`), fractions of a second are dropped. A value that names no real
//! moment (`2025-02-31`, `25:61`, an offset past ±18:00) gives no date, and the next source is
//! asked; `text::date::read_machine_date` checks it, as it checks dates read from text. The date shown next to the
//! headline arbitrates between the machine dates: a page that shows its `dateModified` as its
//! date (a republished guide) is dated by it; a shown date labelled as an update ("Last updated:",
//! class `modified`) is not a publication date and is used only when the page has no other.
//!
//! Evidence rules: `json-ld:<Type>.<key>`, `meta[<attr>=<key>]`, `link[rel=canonical]`,
//! `html[lang]`, `h1`, `title`, `byline-element`, `time[datetime]`, `[itemprop=datePublished]`,
//! `dateline-element`, `dateline-element:updated`, `url-date`. The byte range is the tag, or the
//! value inside the JSON-LD script, or the text on the page, found by searching `source`; a value
//! that cannot be found there is `computed`.
//!
//! One walk over the tree gathers every candidate, each later look is bounded, so the work is
//! linear in the page; no input can make it panic.
//!
//! The modules, in the order the data flows: `harvest` (the one walk over the tree) and `locate`
//! (byte ranges in `source`) below; `json_ld` and `meta_tags`, the page's machine-readable
//! sources; `dates` and `dom_byline`, which weigh those against what the page shows; this module
//! picks each field.

mod dates;
mod dom_byline;
mod harvest;
mod json_ld;
mod locate;
mod meta_tags;
#[cfg(test)]
mod tests;

use scraper::Html;

use super::Evidence;
use crate::text::names::{dedupe, is_byline_label, names_in, surname_first};
use dates::published;
use dom_byline::byline;
pub(crate) use harvest::PROSE_LEN;
use harvest::{article_heading, clean_text, Harvest};
use locate::Locator;
use meta_tags::{
    META_APPLICATION_NAME, META_AUTHOR, META_DESCRIPTION, META_IMAGE, META_LANGUAGE, META_MODIFIED, META_ONE_AUTHOR,
    META_SECTION, META_SITE_NAME, META_TITLE, META_URL,
};

/// One metadata value and where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    pub value: T,
    pub evidence: Evidence,
}

/// What the page says about itself. `None` where the page does not say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<Field<String>>,
    pub authors: Option<Field<Vec<String>>>,
    /// ISO 8601 date or date-time.
    pub published: Option<Field<String>>,
    pub modified: Option<Field<String>>,
    /// The canonical URL (absolute).
    pub url: Option<Field<String>>,
    /// The outlet's name as the page gives it (og:site_name, publisher.name, …).
    pub site_name: Option<Field<String>>,
    pub section: Option<Field<String>>,
    /// A language tag as the page gives it, lower-cased primary subtag (`en`, `de`, `pt`).
    pub language: Option<Field<String>>,
    pub description: Option<Field<String>>,
    pub image: Option<Field<String>>,
    /// The page says it is an article: `og:type` `article`, or a JSON-LD article type.
    pub declares_article: bool,
    /// What the page says it is: every JSON-LD `@type` and the `og:type` (as `og:<value>`),
    /// for the page-type model.
    pub declared_types: Vec<String>,
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/// Reads the metadata of a parsed page. `source` is the page's text, for byte-range evidence.
pub fn extract(document: &Html, source: &str) -> PageMeta {
    let page = Harvest::walk(document);
    let locate = Locator::new(source, &page.json_ld);
    let parsed = json_ld::Graph::parse(&page.json_ld);
    let graph = parsed.view();

    let site_name = site_name(&page, &graph, &locate);
    let url = canonical_url(&page, &graph, &locate);
    let title = title(&page, &graph, &locate, site_name.as_ref().map(|f| f.value.as_str()));
    let authors = authors(&page, &graph, &locate, site_name.as_ref().map(|f| f.value.as_str()));
    let published = published(&page, &graph, &locate, url.as_ref().map(|f| f.value.as_str()));
    let modified = graph
        .date("dateModified", &locate)
        .or_else(|| page.meta_date(META_MODIFIED, &locate));
    let section = graph
        .text("articleSection", &locate)
        .or_else(|| page.meta_text(META_SECTION, &locate));
    let language = language(&page, &locate);
    let description = page
        .meta_text(META_DESCRIPTION, &locate)
        .or_else(|| graph.text("description", &locate));
    let base = url.as_ref().map(|f| f.value.as_str());
    let image = page
        .meta_text(META_IMAGE, &locate)
        .or_else(|| graph.image(&locate))
        .and_then(|f| resolve_field(f, base));

    let declares_article = graph.candidates.iter().any(|c| c.rank <= 3)
        || page
            .metas
            .iter()
            .any(|m| m.key == "og:type" && m.value.trim().eq_ignore_ascii_case("article"));

    let mut declared_types: Vec<String> = graph.types.iter().map(|t| t.to_string()).collect();
    declared_types.extend(
        page.metas
            .iter()
            .filter(|m| m.key == "og:type")
            .map(|m| format!("og:{}", m.value.trim().to_ascii_lowercase())),
    );

    PageMeta {
        declares_article,
        declared_types,
        title,
        authors,
        published,
        modified,
        url,
        site_name,
        section,
        language,
        description,
        image,
    }
}

// ---------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------

fn site_name(page: &Harvest, graph: &json_ld::View, locate: &Locator) -> Option<Field<String>> {
    page.meta_text(META_SITE_NAME, locate)
        .or_else(|| graph.publisher_name(locate))
        .or_else(|| page.meta_text(META_APPLICATION_NAME, locate))
}

fn canonical_url(page: &Harvest, graph: &json_ld::View, locate: &Locator) -> Option<Field<String>> {
    let canonical = page.canonical.map(|href| Field {
        value: href.to_string(),
        evidence: locate.tag("link", "canonical", href, "link[rel=canonical]".to_string()),
    });
    let og = page.meta(META_URL, locate, |v| Some(v.trim().to_string()));
    let json = graph.url(locate);
    let absolute = |f: &Option<Field<String>>| {
        f.as_ref()
            .and_then(|f| url::Url::parse(&f.value).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
    };
    let base = absolute(&canonical)
        .or_else(|| absolute(&og))
        .or_else(|| absolute(&json));
    let base = base.as_ref().map(url::Url::as_str);
    let canonical = canonical.and_then(|f| resolve_field(f, base));
    let og = og.and_then(|f| resolve_field(f, base));
    let json = json.and_then(|f| resolve_field(f, base));
    // A page that names the site's home page as its address says nothing about itself, unless
    // nothing else names a deeper page.
    let candidates = [canonical, og, json];
    let is_root = |f: &Field<String>| url::Url::parse(&f.value).is_ok_and(|u| u.path() == "/" && u.query().is_none());
    let deeper = candidates.iter().flatten().any(|f| !is_root(f));
    candidates.into_iter().flatten().find(|f| !deeper || !is_root(f))
}

/// The field's URL made absolute against `base`; None unless it is http(s).
fn resolve_field(field: Field<String>, base: Option<&str>) -> Option<Field<String>> {
    let raw = field.value.trim();
    let parsed = match url::Url::parse(raw) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => url::Url::parse(base?).ok()?.join(raw).ok()?,
        Err(_) => return None,
    };
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(|h| !h.contains('.')) {
        return None;
    }
    Some(Field {
        value: parsed.to_string(),
        evidence: field.evidence,
    })
}

/// The longest title taken, in characters: four times the longest headline of the bench pages
/// (257); a longer value is a description, an article body or a generator's junk (a JSON-LD
/// `headline` of two megabytes), and the next source is asked.
const MAX_TITLE_CHARS: usize = 1_000;

/// Whether a title is short enough to be one ([`MAX_TITLE_CHARS`]), counted no further.
fn title_sized(title: &str) -> bool {
    title.chars().take(MAX_TITLE_CHARS + 1).count() <= MAX_TITLE_CHARS
}

fn title(page: &Harvest, graph: &json_ld::View, locate: &Locator, site: Option<&str>) -> Option<Field<String>> {
    let sized = |field: &Field<String>| title_sized(&field.value);
    let from_json = graph.text("headline", locate).filter(sized).or_else(|| {
        // `name` only of an article-like object: a WebPage's name is its <title>.
        graph
            .text("name", locate)
            .filter(|f| !f.evidence.rule.contains("Page.") && sized(f))
    });
    let metadata =
        from_json.or_else(|| page.meta(META_TITLE, locate, |raw| clean_text(raw).filter(|t| title_sized(t))));
    let heading = article_heading(page).map(|h| h.text.as_str());
    if let Some(printed) = printed_headline(page, metadata.as_ref(), site, heading).filter(|p| title_sized(p)) {
        return Some(Field {
            value: printed.to_string(),
            evidence: locate.in_body(printed, "h1".to_string()),
        });
    }
    let found = metadata
        .or_else(|| {
            page.h1.as_ref().filter(|h1| title_sized(h1)).map(|h1| Field {
                value: h1.clone(),
                evidence: locate.in_body(h1, "h1".to_string()),
            })
        })
        .or_else(|| {
            page.title.as_ref().filter(|t| title_sized(t)).map(|t| Field {
                value: t.clone(),
                evidence: locate.after("<title", t, "title".to_string()),
            })
        })?;
    Some(Field {
        value: strip_site_suffix(&found.value, site, heading),
        evidence: found.evidence,
    })
}

/// The headline the page prints, when it is the article's: the page's only `<h1>`, not the
/// site's name, sharing a word that is not a function word with the metadata's title (its site
/// suffix left out). The metadata's title is often a search-engine variant of the printed one
/// ("Health And Nutrition Trends For 2026" above "Top 10 Health and Nutrition Trends to Watch"),
/// and a JSON-LD `headline` is sometimes a one-line description; a lone `<h1>` that shares no
/// word with the title names the site or the section, not the article. (WCXB articles, the
/// title as the gold gives it, `examples/meta_eval.rs`: 600 → 657 of 793 pages.) None when the
/// two say the same.
fn printed_headline<'p>(
    page: &'p Harvest,
    metadata: Option<&Field<String>>,
    site: Option<&str>,
    heading: Option<&str>,
) -> Option<&'p str> {
    let mut h1s = page.headings.iter().filter(|h| h.level == 1);
    let only = h1s.next()?.text.as_str();
    if h1s.next().is_some() || site.is_some_and(|s| is_outlet(only, s)) {
        return None;
    }
    let metadata = strip_site_suffix(&metadata?.value, site, heading);
    if metadata == only {
        return None; // The same words: the metadata's field stands, with its evidence.
    }
    crate::text::shares_content_word(only, &metadata).then_some(only)
}

/// `Headline - Site` / `Headline | Site` → `Headline` when `Site` is the site's name (or its
/// words are), or when `Headline` is what the page's heading says.
fn strip_site_suffix(title: &str, site: Option<&str>, heading: Option<&str>) -> String {
    let same = |a: &str, b: &str| {
        let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        norm(a) == norm(b)
    };
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " : "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let (head, tail) = (head.trim(), tail.trim());
            if head.is_empty() {
                continue;
            }
            let is_site = site.is_some_and(|s| same(tail, s) || is_outlet(tail, s) || is_outlet(s, tail));
            if is_site || heading.is_some_and(|h| same(head, h)) {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

fn language(page: &Harvest, locate: &Locator) -> Option<Field<String>> {
    if let Some(code) = page.html_lang.and_then(primary_subtag) {
        let raw = page.html_lang.unwrap_or("");
        return Some(Field {
            value: code,
            evidence: locate.tag("html", "lang", raw, "html[lang]".to_string()),
        });
    }
    page.meta(META_LANGUAGE, locate, primary_subtag)
}

/// `en-US`, `en_US`, `EN` → `en`; None for anything that is not a language tag.
fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_', ',', ';']).next()?.trim();
    let valid = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    valid.then(|| primary.to_ascii_lowercase())
}

// ---------------------------------------------------------------------------
// Authors: JSON-LD, <meta> and the byline
// ---------------------------------------------------------------------------

fn authors(page: &Harvest, graph: &json_ld::View, locate: &Locator, site: Option<&str>) -> Option<Field<Vec<String>>> {
    let outlet = |name: &str| site.is_some_and(|s| is_outlet(name, s));
    // JSON-LD names are cleaned like any byline (`By Jane Doe - Staff`, `A and B, The Outlet`).
    let json = graph.authors(locate).map(|field| Field {
        value: field
            .value
            .into_iter()
            .flat_map(|(name, organisation)| {
                let names = names_in(&name, true);
                let names = if names.is_empty() { vec![name] } else { names };
                names.into_iter().map(move |n| (n, organisation))
            })
            .collect::<Vec<_>>(),
        evidence: field.evidence,
    });
    // A `<meta>` author (every tag of a key written once per author), else a preview card's
    // "Written by" pair (the author of record as well).
    let read = |v: &str| Some(names_in(v, true)).filter(|n| !n.is_empty());
    let read_tag = |key: &str, v: &str| {
        let turned = META_ONE_AUTHOR.contains(&key).then(|| surname_first(v)).flatten();
        read(turned.as_deref().unwrap_or(v))
    };
    let meta_all = page
        .meta_each(META_AUTHOR, locate, read_tag)
        .or_else(|| page.labelled(locate, is_byline_label, read));
    let meta = meta_all.clone().and_then(|field| {
        let people: Vec<String> = field.value.into_iter().filter(|n| !outlet(n)).collect();
        (!people.is_empty()).then_some(Field {
            value: people,
            evidence: field.evidence,
        })
    });
    let dom = byline(page, locate);

    if let Some(json) = json {
        let people: Vec<String> = json
            .value
            .iter()
            .filter(|(name, organisation)| !*organisation && !outlet(name))
            .map(|(name, _)| name.clone())
            .collect();
        if !people.is_empty() {
            return Some(Field {
                value: dedupe(people),
                evidence: json.evidence,
            });
        }
        // Only organisations (often the site itself): a person named elsewhere wins.
        if meta.is_none() && dom.is_none() {
            let all = json.value.into_iter().map(|(name, _)| name).collect();
            return Some(Field {
                value: dedupe(all),
                evidence: json.evidence,
            });
        }
    }
    // A personal site's author is the site: its name is the only signal left.
    meta.or(dom).or(meta_all).map(|field| Field {
        value: dedupe(field.value),
        evidence: field.evidence,
    })
}

/// Whether a name is the outlet itself: its words (but `the`) are all in the site's name.
fn is_outlet(name: &str, site: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
            .map(str::to_lowercase)
            .collect()
    };
    let site_words = words(site);
    let name_words = words(name);
    !name_words.is_empty() && name_words.iter().all(|w| site_words.contains(w))
}
