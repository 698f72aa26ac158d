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
//! | authors | JSON-LD `author` > `<meta>` `author`, `article:author`, `parsely-author`, `sailthru.author`, `dc.creator` > the page's byline (below) |
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
//! asked; `date::read_machine_date` checks it, as it checks dates read from text. The date shown next to the
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

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html};
use serde_json::Value;

use super::{date, Evidence};

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
// Selectors as data
// ---------------------------------------------------------------------------

/// `<meta>` keys (the `name`, `property` or `itemprop`, lower case) per field, strongest first.
const META_TITLE: &[&str] = &["og:title", "twitter:title"];
const META_AUTHOR: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
];
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "article.published",
    "published_date",
    "publish_date",
    "publish-date",
    "publishdate",
    "publication_date",
    "pubdate",
    "published",
];
const META_MODIFIED: &[&str] = &["article:modified_time", "og:updated_time", "datemodified"];
const META_SITE_NAME: &[&str] = &["og:site_name"];
const META_APPLICATION_NAME: &[&str] = &["application-name"];
const META_SECTION: &[&str] = &["article:section", "parsely-section"];
const META_LANGUAGE: &[&str] = &["content-language", "og:locale"];
const META_DESCRIPTION: &[&str] = &["og:description", "description"];
const META_IMAGE: &[&str] = &["og:image", "og:image:url", "og:image:secure_url"];
const META_URL: &[&str] = &["og:url"];

/// JSON-LD types that describe the page's main work, most specific first; a lower rank wins.
const ARTICLE_TYPES: &[(&str, u8)] = &[
    ("ReportageNewsArticle", 0),
    ("AnalysisNewsArticle", 0),
    ("OpinionNewsArticle", 0),
    ("ReviewNewsArticle", 0),
    ("BackgroundNewsArticle", 0),
    ("AskPublicNewsArticle", 0),
    ("NewsArticle", 1),
    ("BlogPosting", 2),
    ("LiveBlogPosting", 2),
    ("TechArticle", 2),
    ("ScholarlyArticle", 2),
    ("MedicalScholarlyArticle", 2),
    ("Report", 2),
    ("SatiricalArticle", 2),
    ("AdvertiserContentArticle", 2),
    ("SocialMediaPosting", 2),
    ("DiscussionForumPosting", 2),
    ("Article", 3),
    ("Review", 4),
    ("Recipe", 4),
    ("HowTo", 4),
    ("WebPage", 5),
    ("ItemPage", 5),
    ("MedicalWebPage", 5),
    ("FAQPage", 5),
    ("QAPage", 5),
];

/// Words in `class`/`id` that mark a date as a revision.
const REVISION_MARKS: &[&str] = &["modified", "updated", "changed", "revised"];

/// Attribute words that mark a byline element (in `class` or `id`).
const BYLINE_MARKS: &[&str] = &["author", "byline"];

/// Words in `class`/`id` that put an element outside the article's own byline.
const NOT_BYLINE_MARKS: &[&str] = &[
    "comment",
    "avatar",
    "photo",
    "image",
    "img",
    "bio",
    "description",
    "related",
];

/// Words in `class`/`id` of an ancestor that place a `<time>` or byline in the article's header.
const ARTICLE_MARKS: &[&str] = &[
    "article", "post", "entry", "story", "byline", "meta", "header", "content",
];

/// A label that opens a byline: `By`, `Written by`, `Author:`, `Von`, `Par`, `Por`, …
static BYLINE_LABEL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:written|posted|published|reported|text|words|story|article|recipe|interview|guide|compiled|authored|created|curated)\s+)?(?:by|von|par|por|di|door|av|af|przez|от)\b\s*:?\s*|^(?:(?:view|see)\s+(?:all\s+)?(?:posts|articles|stories)|more\s+(?:posts|articles|stories)\s+)by\b\s*:?\s*|^(?:author(?:s\b|\(s\)|\b)|contributors?\b|autor(?:in|a|en)?\b|auteur\b|autore\b|автор\b|writer\b|written\b)\s*:?\s*",
    )
    .ok()
});

/// Where a byline's names end: a separator, a date, a "Published"/"Updated" label, another
/// credit ("Reviewed by", "Photos by").
static BYLINE_END: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(?:\||•|·|—|–|\s-\s|\bpublished\b|\bupdated\b|\bposted\b|\blast updated\b|\b(?:medically\s+)?reviewed\b|\bedited by\b|\bfact[- ]checked\b|\bphotos?\s+by\b|\bphotography\s+by\b|\billustrations?\s+by\b|\bon\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}\s+min(?:ute)?s?\s+read\b|\b\d{4}-\d{2}-\d{2})",
    )
    .ok()
});

/// A label that says the date next to it is a revision, not the publication.
static UPDATE_LABEL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:updated|modified|revised|edited|aktualisiert|geändert|mis à jour|modifié|actualizado|modificado|atualizado|aggiornat[oa]|обновлено|изменено)\s*(?:on|at|am|le|el|em|il|в)?[^\p{L}]*$").ok()
});

/// A label that says the date after it is the publication: `Published on`, `Posted:`, ….
static PUBLISHED_LABEL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:originally\s+)?(?:published|posted|publication date|date published|veröffentlicht|publié|publicado|pubblicato|опубликовано)(?:\s+(?:on|am|le|el|em|il|the))?\s*:?\s*",
    )
    .ok()
});

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
// The walk: every candidate in one pass over the tree
// ---------------------------------------------------------------------------

/// One `<meta>` tag: its key attribute (`name`, `property`, `itemprop`, `http-equiv`), the key in
/// lower case, and its `content`.
struct MetaTag<'d> {
    attr: &'static str,
    key: String,
    value: &'d str,
}

/// A heading (`<h1>` level 1, `<h2>`/`<h3>` level 2) and the range of `texts` it covers.
struct Heading {
    level: u8,
    text: String,
    first: usize,
    end: usize,
}

/// An element that may hold a byline: how strongly it says so (0 for `rel`/`itemprop`, 1 for a
/// class or id) and how many text nodes precede it.
struct BylineCandidate<'d> {
    element: ElementRef<'d>,
    strength: u8,
    at: usize,
}

/// What one walk over the tree collects, in document order.
#[derive(Default)]
struct Harvest<'d> {
    html_lang: Option<&'d str>,
    title: Option<String>,
    h1: Option<String>,
    metas: Vec<MetaTag<'d>>,
    canonical: Option<&'d str>,
    json_ld: Vec<String>,
    /// `<time datetime>` and `[itemprop=datePublished]` elements outside `<meta>`.
    times: Vec<ElementRef<'d>>,
    /// Elements that may hold a byline.
    bylines: Vec<BylineCandidate<'d>>,
    /// The visible text nodes, trimmed, in document order, with their parent element.
    texts: Vec<(&'d str, Option<ElementRef<'d>>)>,
    /// Each `<h1>`–`<h3>`, in document order.
    headings: Vec<Heading>,
}

impl<'d> Harvest<'d> {
    fn walk(document: &'d Html) -> Self {
        let mut page = Harvest::default();
        for node in document.tree.root().descendants() {
            if let Some(text) = node.value().as_text() {
                let text = text.trim();
                let parent = node.parent().and_then(ElementRef::wrap);
                let visible = parent.is_none_or(|e| !is_code_element(e.value().name()));
                if !text.is_empty() && visible {
                    page.texts.push((text, parent));
                }
                continue;
            }
            let Some(element) = ElementRef::wrap(node) else {
                continue;
            };
            let value = element.value();
            match value.name() {
                "html" if page.html_lang.is_none() => {
                    page.html_lang = value.attr("lang").or_else(|| value.attr("xml:lang"));
                }
                "title" if page.title.is_none() => {
                    let in_svg = element
                        .ancestors()
                        .filter_map(ElementRef::wrap)
                        .any(|a| a.value().name() == "svg");
                    if !in_svg {
                        page.title = Some(element_text(element, 1000)).filter(|t| !t.is_empty());
                    }
                }
                "h1" | "h2" | "h3" => {
                    let text = element_text(element, 1000);
                    let level = if value.name() == "h1" { 1 } else { 2 };
                    if level == 1 && page.h1.is_none() && !text.is_empty() {
                        page.h1 = Some(text.clone());
                    }
                    // Bounded: headings may nest in broken markup.
                    let count = element
                        .descendants()
                        .take(NODE_BUDGET)
                        .filter(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()))
                        .count();
                    let first = page.texts.len();
                    if !text.is_empty() {
                        page.headings.push(Heading {
                            level,
                            text,
                            first,
                            end: first + count,
                        });
                    }
                }
                "meta" => page.add_meta(element),
                "link" if page.canonical.is_none() && has_token(value.attr("rel"), "canonical") => {
                    page.canonical = value.attr("href").map(str::trim).filter(|h| !h.is_empty());
                }
                "script" => {
                    let kind = value.attr("type").unwrap_or("").trim();
                    if kind.eq_ignore_ascii_case("application/ld+json") {
                        page.json_ld.push(element.text().collect());
                    }
                }
                "time" if value.attr("datetime").is_some() => page.times.push(element),
                _ => {}
            }
            if value.name() != "meta" && has_token(value.attr("itemprop"), "datePublished") {
                page.times.push(element);
            }
            if let Some(strength) = byline_strength(element) {
                page.bylines.push(BylineCandidate {
                    element,
                    strength,
                    at: page.texts.len(),
                });
            }
        }
        page
    }

    fn add_meta(&mut self, element: ElementRef<'d>) {
        let value = element.value();
        let Some(content) = value.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            return;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = value.attr(attr) {
                // `property` may list several keys (`og:title twitter:title`).
                for key in key.split_whitespace() {
                    self.metas.push(MetaTag {
                        attr,
                        key: key.to_ascii_lowercase(),
                        value: content,
                    });
                }
            }
        }
    }

    /// The first `<meta>` with one of `keys` (tried in order) whose content `accept` takes.
    fn meta<T>(&self, keys: &[&str], locate: &Locator, mut accept: impl FnMut(&str) -> Option<T>) -> Option<Field<T>> {
        keys.iter().find_map(|key| {
            self.metas.iter().filter(|m| m.key == *key).find_map(|m| {
                let value = accept(m.value)?;
                let rule = format!("meta[{}={}]", m.attr, m.key);
                Some(Field {
                    value,
                    evidence: locate.tag("meta", key, m.value, rule),
                })
            })
        })
    }

    fn meta_text(&self, keys: &[&str], locate: &Locator) -> Option<Field<String>> {
        self.meta(keys, locate, clean_text)
    }

    fn meta_date(&self, keys: &[&str], locate: &Locator) -> Option<Field<String>> {
        self.meta(keys, locate, normalise_date)
    }
}

/// 0 for `[rel=author]` and `[itemprop=author]`, 1 for a class or id naming an author or byline.
fn byline_strength(element: ElementRef) -> Option<u8> {
    let value = element.value();
    if matches!(
        value.name(),
        "meta" | "link" | "script" | "style" | "img" | "body" | "html"
    ) {
        return None;
    }
    if has_token(value.attr("rel"), "author") || has_token(value.attr("itemprop"), "author") {
        return Some(0);
    }
    if value.name() == "a"
        && value
            .attr("href")
            .is_some_and(|h| h.contains("/author/") || h.contains("/authors/"))
    {
        return Some(1);
    }
    let marks = |text: &str| {
        let lower = text.to_ascii_lowercase();
        BYLINE_MARKS.iter().any(|m| lower.contains(m)) && !NOT_BYLINE_MARKS.iter().any(|m| lower.contains(m))
    };
    let class = value.attr("class").unwrap_or("");
    let id = value.attr("id").unwrap_or("");
    (marks(class) || marks(id)).then_some(1)
}

/// How many nodes below one element a look at it visits: a byline or headline is small, and
/// nested candidates on a hostile page must not make the work quadratic.
const NODE_BUDGET: usize = 2048;

/// Elements whose text a reader does not see as text.
fn is_code_element(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "title" | "textarea"
    )
}

/// Whether the element's class or id contains one of `marks` (lower case).
fn attr_marks(element: ElementRef, marks: &[&str]) -> bool {
    let value = element.value();
    [value.attr("class"), value.attr("id")]
        .into_iter()
        .flatten()
        .any(|attr| {
            let lower = attr.to_ascii_lowercase();
            marks.iter().any(|m| lower.contains(m))
        })
}

/// Whether a space-separated attribute (`rel`, `itemprop`) holds `token`.
fn has_token(attr: Option<&str>, token: &str) -> bool {
    attr.is_some_and(|a| a.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

/// The element's text, whitespace collapsed, at most about `limit` bytes, scripts and styles
/// skipped. Text nodes are joined with a space: `<span>Jane</span><span>Doe</span>` is two words.
fn element_text(element: ElementRef, limit: usize) -> String {
    let mut out = String::new();
    for node in element.descendants().take(NODE_BUDGET) {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let in_code = node
            .parent()
            .and_then(|p| {
                p.value()
                    .as_element()
                    .map(|e| matches!(e.name(), "script" | "style" | "noscript"))
            })
            .unwrap_or(false);
        if in_code {
            continue;
        }
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        if out.len() > limit {
            break;
        }
    }
    out
}

/// Trimmed, whitespace collapsed, entities decoded; None when empty.
fn clean_text(text: &str) -> Option<String> {
    let decoded = decode_entities(text);
    let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// The few entities that JSON-LD and double-escaped attributes carry.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let end = tail.get(..floor_boundary(tail, 12)).and_then(|head| head.find(';'));
        let decoded = end.and_then(|end| {
            let name = tail.get(1..end)?;
            let c = match name {
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "lt" => '<',
                "gt" => '>',
                "nbsp" => ' ',
                "rsquo" => '’',
                "lsquo" => '‘',
                "ndash" => '–',
                "mdash" => '—',
                "rdquo" => '”',
                "ldquo" => '“',
                "bull" => '•',
                "middot" => '·',
                "hellip" => '…',
                "laquo" => '«',
                "raquo" => '»',
                "copy" => '©',
                "reg" => '®',
                "trade" => '™',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// Evidence: byte ranges in the source
// ---------------------------------------------------------------------------

/// How many JSON-LD scripts get byte ranges; values from later ones are `computed`.
const MAX_LOCATED_SCRIPTS: usize = 32;

/// Finds where a value was read from in the page's text.
struct Locator<'s> {
    source: &'s str,
    /// Where `<body` starts (0 when there is none): DOM values are searched from here.
    body: usize,
    /// The byte range of each JSON-LD script's text, in document order.
    scripts: Vec<Option<(usize, usize)>>,
}

impl<'s> Locator<'s> {
    fn new(source: &'s str, json_ld: &[String]) -> Self {
        let body = find_ascii_ci(source, "<body", 0).unwrap_or(0);
        let mut scripts = Vec::with_capacity(json_ld.len());
        let mut cursor = 0;
        // Each search may scan the rest of the page: only the first scripts are located.
        for (index, text) in json_ld.iter().enumerate() {
            if index >= MAX_LOCATED_SCRIPTS {
                scripts.push(None);
                continue;
            }
            let trimmed = text.trim_start();
            // The first line of the script, which the parser leaves alone (it folds CRLF).
            let head = trimmed.lines().next().unwrap_or("");
            let head = prefix_at_most(head, 64);
            let range = if head.is_empty() {
                None
            } else {
                source.get(cursor..).and_then(|rest| rest.find(head)).map(|at| {
                    let start = cursor + at;
                    let end = find_ascii_ci(source, "</script", start).unwrap_or(source.len());
                    (start, end)
                })
            };
            if let Some((_, end)) = range {
                cursor = end;
            }
            scripts.push(range);
        }
        Locator { source, body, scripts }
    }

    /// The `<tag …>` carrying `key` and `value`; else where `value` occurs; else computed.
    fn tag(&self, tag: &str, key: &str, value: &str, rule: String) -> Evidence {
        let probe = prefix_at_most(value, 32);
        let mut from = 0;
        // The first such tag, should none show the value as written (entities, case).
        let mut first_tag = None;
        for _ in 0..64 {
            let Some(at) = find_ascii_ci(self.source, key, from) else {
                break;
            };
            from = at + key.len().max(1);
            let Some((start, end)) = self.enclosing_tag(at) else {
                continue;
            };
            let Some(text) = self.source.get(start..end) else {
                continue;
            };
            let opens = text
                .get(1..=tag.len())
                .is_some_and(|name| name.eq_ignore_ascii_case(tag));
            if !opens {
                continue;
            }
            if probe.is_empty() || text.contains(probe) {
                return Evidence::at(rule, start, end);
            }
            first_tag = first_tag.or(Some((start, end)));
        }
        match first_tag {
            Some((start, end)) => Evidence::at(rule, start, end),
            None => self.text(value, 0, rule),
        }
    }

    /// Where `value` occurs after the first `marker` (`<title`), else anywhere, else computed.
    fn after(&self, marker: &str, value: &str, rule: String) -> Evidence {
        let from = find_ascii_ci(self.source, marker, 0).unwrap_or(0);
        let found = self.text(value, from, rule.clone());
        if found.start.is_some() {
            found
        } else {
            self.text(value, 0, rule)
        }
    }

    /// The `<…>` around byte `at`, if `at` is inside a tag of reasonable size.
    fn enclosing_tag(&self, at: usize) -> Option<(usize, usize)> {
        let window = floor_boundary(self.source, at.saturating_sub(4096));
        let before = self.source.get(window..at)?;
        let open = window + before.rfind('<')?;
        if before.get(open - window..)?.contains('>') {
            return None;
        }
        let close = at + self.source.get(at..)?.find('>')? + 1;
        (close - open <= 8192).then_some((open, close))
    }

    /// Where `value` first occurs at or after `from`, else computed.
    fn text(&self, value: &str, from: usize, rule: String) -> Evidence {
        let from = floor_boundary(self.source, from);
        match (!value.is_empty())
            .then(|| self.source.get(from..)?.find(value))
            .flatten()
        {
            Some(at) => Evidence::at(rule, from + at, from + at + value.len()),
            None => Evidence::computed(rule),
        }
    }

    /// A value in the page's body.
    fn in_body(&self, value: &str, rule: String) -> Evidence {
        let found = self.text(value, self.body, rule.clone());
        if found.start.is_some() {
            found
        } else {
            self.text(value, 0, rule)
        }
    }

    /// A string value of JSON-LD script `script`, or its `"key"` when the value is escaped.
    fn json(&self, script: usize, key: &str, value: &str, rule: String) -> Evidence {
        let Some(&Some((start, end))) = self.scripts.get(script) else {
            return self.text(value, 0, rule);
        };
        let Some(text) = self.source.get(start..end) else {
            return Evidence::computed(rule);
        };
        let slashed = value.replace('/', "\\/");
        for needle in [value, slashed.as_str()] {
            if let Some(at) = (!needle.is_empty()).then(|| text.find(needle)).flatten() {
                return Evidence::at(rule, start + at, start + at + needle.len());
            }
        }
        let quoted = format!("\"{key}\"");
        match text.find(&quoted) {
            Some(at) => Evidence::at(rule, start + at, start + at + quoted.len()),
            None => Evidence::computed(rule),
        }
    }
}

/// The first occurrence of ASCII `needle` at or after `from`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let needle = needle.as_bytes();
    let first = needle.first()?;
    let mut at = from;
    while at + needle.len() <= bytes.len() {
        let rest = bytes.get(at..)?;
        let offset = rest.iter().position(|b| b.eq_ignore_ascii_case(first))?;
        at += offset;
        if bytes.get(at..at + needle.len())?.eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// The largest char boundary at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// At most `max` bytes of `text`, cut at a char boundary.
fn prefix_at_most(text: &str, max: usize) -> &str {
    text.get(..floor_boundary(text, max)).unwrap_or("")
}

// ---------------------------------------------------------------------------
// JSON-LD
// ---------------------------------------------------------------------------

mod json_ld {
    //! The page's JSON-LD objects: every `<script type=application/ld+json>`, top-level arrays,
    //! `@graph`s and nested objects, with the article object picked by its type.

    use std::collections::HashMap;

    use serde_json::{Map, Value};

    use super::{Field, Locator, ARTICLE_TYPES};

    /// How deep into nested objects the search for typed objects goes.
    const MAX_DEPTH: usize = 12;
    /// How many objects are kept per page: enough for any real page, bounded for hostile ones.
    const MAX_OBJECTS: usize = 4096;
    /// JSON-LD types kept for the page-type model: enough for any real page's graph.
    pub(super) const MAX_TYPES: usize = 64;

    pub(super) struct Graph {
        /// The parsed scripts, each with its index among the page's scripts.
        roots: Vec<(usize, Value)>,
    }

    /// An object that may be the page's article: its rank (lower is better), the type name that
    /// gave it, the script it came from.
    pub(super) struct Candidate<'g> {
        pub rank: u8,
        pub type_name: String,
        pub script: usize,
        pub object: &'g Map<String, Value>,
    }

    pub(super) struct View<'g> {
        /// Article candidates, best first.
        pub candidates: Vec<Candidate<'g>>,
        /// Every `@type` named in the page's JSON-LD, in order (at most [`MAX_TYPES`]).
        pub types: Vec<&'g str>,
        /// Objects by `@id`, for references (`"author": {"@id": "…#person"}`).
        pub by_id: HashMap<&'g str, &'g Map<String, Value>>,
    }

    impl Graph {
        pub fn parse(scripts: &[String]) -> Self {
            let mut roots = Vec::new();
            for (index, script) in scripts.iter().enumerate() {
                for value in parse_script(script) {
                    roots.push((index, value));
                }
            }
            Graph { roots }
        }

        pub fn view(&self) -> View<'_> {
            let mut view = View {
                candidates: Vec::new(),
                types: Vec::new(),
                by_id: HashMap::new(),
            };
            let mut budget = MAX_OBJECTS;
            for (script, root) in &self.roots {
                collect(root, *script, 0, &mut budget, &mut view);
            }
            // Stable: the first of equal rank stays first.
            view.candidates.sort_by_key(|c| c.rank);
            view
        }
    }

    fn collect<'g>(value: &'g Value, script: usize, depth: usize, budget: &mut usize, view: &mut View<'g>) {
        if depth > MAX_DEPTH || *budget == 0 {
            return;
        }
        match value {
            Value::Array(items) => {
                for item in items {
                    collect(item, script, depth + 1, budget, view);
                }
            }
            Value::Object(object) => {
                *budget -= 1;
                match object.get("@type") {
                    Some(Value::String(t)) if view.types.len() < MAX_TYPES => view.types.push(t),
                    Some(Value::Array(ts)) => {
                        for t in ts.iter().filter_map(Value::as_str) {
                            if view.types.len() < MAX_TYPES {
                                view.types.push(t);
                            }
                        }
                    }
                    _ => {}
                }
                if let Some(id) = object.get("@id").and_then(Value::as_str) {
                    // A bare reference (`{"@id": …}`) must not shadow the object it points to.
                    if object.len() > 1 {
                        view.by_id.entry(id).or_insert(object);
                    }
                }
                if let Some((type_name, rank)) = article_type(object) {
                    view.candidates.push(Candidate {
                        rank,
                        type_name,
                        script,
                        object,
                    });
                }
                for (key, child) in object {
                    // Authors, publishers and images are not the page's article.
                    if matches!(key.as_str(), "author" | "publisher" | "creator" | "image" | "logo") {
                        continue;
                    }
                    if matches!(child, Value::Array(_) | Value::Object(_)) {
                        collect(child, script, depth + 1, budget, view);
                    }
                }
            }
            _ => {}
        }
    }

    /// The object's types (`"NewsArticle"`, `["Article", "NewsArticle"]`, `"schema:Article"`).
    pub(super) fn types(object: &Map<String, Value>) -> Vec<&str> {
        match object.get("@type") {
            Some(Value::String(t)) => vec![last_segment(t)],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(last_segment).collect(),
            _ => Vec::new(),
        }
    }

    fn last_segment(t: &str) -> &str {
        t.rsplit(['/', ':', '#']).next().unwrap_or(t).trim()
    }

    fn article_type(object: &Map<String, Value>) -> Option<(String, u8)> {
        types(object)
            .into_iter()
            .filter_map(|t| {
                ARTICLE_TYPES
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(t))
                    .map(|(name, rank)| (name.to_string(), *rank))
            })
            .min_by_key(|(_, rank)| *rank)
    }

    /// Every JSON value in one script, tolerating comment and CDATA wrappers, trailing commas,
    /// raw line breaks inside strings and several values in a row. Invalid scripts give nothing.
    fn parse_script(script: &str) -> Vec<Value> {
        let mut text = script.trim();
        loop {
            let before = text.len();
            for prefix in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
                text = text.strip_prefix(prefix).unwrap_or(text).trim_start();
            }
            for suffix in ["-->", "//]]>", "/*]]>*/", "]]>"] {
                text = text.strip_suffix(suffix).unwrap_or(text).trim_end();
            }
            if text.len() == before {
                break;
            }
        }
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            return vec![value];
        }
        let repaired = repair(text);
        serde_json::Deserializer::from_str(&repaired)
            .into_iter::<Value>()
            .map_while(Result::ok)
            .collect()
    }

    /// One pass: control characters inside strings become spaces, commas before `}`/`]` go.
    fn repair(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut in_string = false;
        let mut escaped = false;
        for (at, c) in text.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                out.push(if c.is_control() { ' ' } else { c });
                continue;
            }
            match c {
                '"' => in_string = true,
                ',' => {
                    let next = text.get(at + 1..).and_then(|rest| rest.trim_start().chars().next());
                    if matches!(next, Some('}' | ']')) {
                        continue;
                    }
                }
                _ => {}
            }
            out.push(c);
        }
        out
    }

    /// A string out of a JSON-LD value: a string, the first usable item of a list, `@value`.
    pub(super) fn as_text(value: &Value) -> Option<&str> {
        match value {
            Value::String(s) => Some(s.as_str()).filter(|s| !s.trim().is_empty()),
            Value::Array(items) => items.iter().find_map(as_text),
            Value::Object(object) => object.get("@value").and_then(as_text),
            _ => None,
        }
    }

    impl View<'_> {
        /// The first candidate, best first, with a value under `key` that `accept` takes.
        pub fn field<T>(
            &self,
            key: &str,
            locate: &Locator,
            mut accept: impl FnMut(&Value, &Self) -> Option<(T, String)>,
        ) -> Option<Field<T>> {
            self.candidates.iter().find_map(|candidate| {
                let raw = candidate.object.get(key)?;
                let (value, found_text) = accept(raw, self)?;
                let rule = format!("json-ld:{}.{key}", candidate.type_name);
                Some(Field {
                    value,
                    evidence: locate.json(candidate.script, key, &found_text, rule),
                })
            })
        }

        /// Follows an `{"@id": …}` reference to the object it names.
        pub fn resolve<'v>(&'v self, object: &'v Map<String, Value>) -> &'v Map<String, Value> {
            if object.get("name").is_some() {
                return object;
            }
            object
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| self.by_id.get(id).copied())
                .unwrap_or(object)
        }
    }
}

impl json_ld::View<'_> {
    /// A text field of the article object (`articleSection`, `description`, `headline`).
    fn text(&self, key: &str, locate: &Locator) -> Option<Field<String>> {
        self.field(key, locate, |value, _| {
            let raw = json_ld::as_text(value)?;
            Some((clean_text(raw)?, raw.to_string()))
        })
    }

    fn date(&self, key: &str, locate: &Locator) -> Option<Field<String>> {
        self.date_where(key, locate, |iso| Some(iso.to_string()))
    }

    /// The first date under `key` that `keep` takes (and maybe rewrites).
    fn date_where(&self, key: &str, locate: &Locator, keep: impl Fn(&str) -> Option<String>) -> Option<Field<String>> {
        self.field(key, locate, |value, _| {
            let raw = json_ld::as_text(value)?;
            Some((keep(&normalise_date(raw)?)?, raw.to_string()))
        })
    }

    fn image(&self, locate: &Locator) -> Option<Field<String>> {
        fn url_of(value: &Value) -> Option<&str> {
            match value {
                Value::String(s) => Some(s.as_str()),
                Value::Array(items) => items.iter().find_map(url_of),
                Value::Object(object) => object
                    .get("url")
                    .or_else(|| object.get("contentUrl"))
                    .or_else(|| object.get("@id"))
                    .and_then(url_of),
                _ => None,
            }
        }
        self.field("image", locate, |value, _| {
            let raw = url_of(value)?.trim();
            (!raw.is_empty()).then(|| (raw.to_string(), raw.to_string()))
        })
    }

    /// `url`, else `mainEntityOfPage` (a string or an object's `@id`/`url`).
    fn url(&self, locate: &Locator) -> Option<Field<String>> {
        fn url_of(value: &Value) -> Option<&str> {
            match value {
                Value::String(s) => Some(s.as_str()),
                Value::Array(items) => items.iter().find_map(url_of),
                Value::Object(object) => object.get("@id").or_else(|| object.get("url")).and_then(url_of),
                _ => None,
            }
        }
        ["url", "mainEntityOfPage"].iter().find_map(|key| {
            self.field(key, locate, |value, _| {
                let raw = url_of(value)?.trim();
                (!raw.is_empty()).then(|| (raw.to_string(), raw.to_string()))
            })
        })
    }

    /// The publisher's name (`publisher` may be a reference into the graph).
    fn publisher_name(&self, locate: &Locator) -> Option<Field<String>> {
        let found = self.field("publisher", locate, |value, view| {
            let object = match value {
                Value::Object(object) => object,
                Value::Array(items) => items.iter().find_map(Value::as_object)?,
                _ => return None,
            };
            let raw = json_ld::as_text(view.resolve(object).get("name")?)?;
            Some((clean_text(raw)?, raw.to_string()))
        })?;
        Some(Field {
            evidence: Evidence {
                rule: format!("{}.name", found.evidence.rule),
                ..found.evidence
            },
            value: found.value,
        })
    }

    /// The authors' names in order, each with whether it is an organisation.
    fn authors(&self, locate: &Locator) -> Option<Field<Vec<(String, bool)>>> {
        self.field("author", locate, |value, view| {
            let mut names = Vec::new();
            author_names(value, view, 0, &mut names);
            let first = names.first()?.0.clone();
            Some((names, first))
        })
    }
}

/// Appends the names in a JSON-LD `author` value: strings, objects (following `@id`), lists.
fn author_names(value: &Value, view: &json_ld::View, depth: usize, out: &mut Vec<(String, bool)>) {
    if depth > 4 {
        return;
    }
    match value {
        Value::String(s) => {
            if let Some(name) = person_name(s) {
                out.push((name, false));
            }
        }
        Value::Array(items) => {
            for item in items {
                author_names(item, view, depth + 1, out);
            }
        }
        Value::Object(object) => {
            let object = view.resolve(object);
            let organisation = json_ld::types(object)
                .iter()
                .any(|t| !t.eq_ignore_ascii_case("Person") && !t.is_empty());
            let name = match object.get("name") {
                Some(Value::Array(items)) => {
                    for item in items {
                        author_names(item, view, depth + 1, out);
                    }
                    return;
                }
                Some(name) => json_ld::as_text(name).map(str::to_string),
                None => {
                    let given = object.get("givenName").and_then(json_ld::as_text).unwrap_or("");
                    let family = object.get("familyName").and_then(json_ld::as_text).unwrap_or("");
                    Some(format!("{given} {family}"))
                }
            };
            if let Some(name) = name.as_deref().and_then(person_name) {
                out.push((name, organisation));
            }
        }
        _ => {}
    }
}

/// A display name as given, or None for URLs, e-mail-only and empty values.
fn person_name(raw: &str) -> Option<String> {
    let text = clean_text(raw)?;
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with('/')
    {
        return None;
    }
    if text.contains('@') && !text.contains(' ') {
        return None;
    }
    if !text.chars().any(char::is_alphabetic) || text.chars().count() > 120 {
        return None;
    }
    Some(text)
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

fn title(page: &Harvest, graph: &json_ld::View, locate: &Locator, site: Option<&str>) -> Option<Field<String>> {
    let from_json = graph.text("headline", locate).or_else(|| {
        // `name` only of an article-like object: a WebPage's name is its <title>.
        graph
            .text("name", locate)
            .filter(|f| !f.evidence.rule.contains("Page."))
    });
    let found = from_json
        .or_else(|| page.meta_text(META_TITLE, locate))
        .or_else(|| {
            page.h1.as_ref().map(|h1| Field {
                value: h1.clone(),
                evidence: locate.in_body(h1, "h1".to_string()),
            })
        })
        .or_else(|| {
            page.title.as_ref().map(|t| Field {
                value: t.clone(),
                evidence: locate.after("<title", t, "title".to_string()),
            })
        })?;
    let heading = article_heading(page).map(|h| h.text.as_str());
    Some(Field {
        value: strip_site_suffix(&found.value, site, heading),
        evidence: found.evidence,
    })
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
// Dates
// ---------------------------------------------------------------------------

fn published(page: &Harvest, graph: &json_ld::View, locate: &Locator, url: Option<&str>) -> Option<Field<String>> {
    let shown = shown_dates(page, locate);
    let (revisions, dates): (Vec<ShownDate>, Vec<ShownDate>) = shown.into_iter().partition(|s| s.updated);
    let shown = dates.into_iter().next().map(|s| s.field);
    let revision = revisions.into_iter().next().map(|s| s.field);
    if let Some(agreeing) = shown
        .as_ref()
        .and_then(|s| machine_date_on(page, graph, locate, &s.value))
    {
        return Some(agreeing);
    }
    graph
        .date("datePublished", locate)
        .or_else(|| page.meta_date(META_PUBLISHED, locate))
        .or_else(|| time_element(page, locate, true, |iso| Some(iso.to_string())))
        .or(shown)
        .or_else(|| labelled_date(page, locate))
        .or_else(|| {
            let url = url?;
            let found = date::find_date_in_url(url)?;
            let evidence = match locate.source.find(url) {
                Some(at) => Evidence::at("url-date", at + found.start, at + found.end),
                None => Evidence::computed("url-date"),
            };
            Some(Field {
                value: found.iso,
                evidence,
            })
        })
        .or(revision.map(|f| Field {
            value: f.value,
            evidence: Evidence {
                rule: "dateline-element:updated".to_string(),
                ..f.evidence
            },
        }))
}

/// The page's own machine-readable date (published or modified, JSON-LD, `<meta>` or `<time>`)
/// that falls on the day `shown` under the headline: a page that shows its `dateModified`,
/// unlabelled, as its date (a republished guide) is dated by it. A date-time a day off is the
/// same moment seen from another time zone.
fn machine_date_on(page: &Harvest, graph: &json_ld::View, locate: &Locator, shown: &str) -> Option<Field<String>> {
    let shown_day = date::day_number(shown)?;
    let on_day = |iso: &str| -> Option<String> {
        let day = date::day_number(iso)?;
        if day == shown_day {
            Some(iso.to_string())
        } else if iso.contains('T') && day.abs_diff(shown_day) == 1 {
            // The same moment seen from another time zone.
            Some(iso.to_string())
        } else {
            None
        }
    };
    graph
        .date_where("datePublished", locate, on_day)
        .or_else(|| graph.date_where("dateModified", locate, on_day))
        .or_else(|| page.meta(META_PUBLISHED, locate, |raw| on_day(&normalise_date(raw)?)))
        .or_else(|| page.meta(META_MODIFIED, locate, |raw| on_day(&normalise_date(raw)?)))
        .or_else(|| time_element(page, locate, false, on_day))
}

/// Whether a date element is marked as a revision: `itemprop=dateModified`, a class or id with
/// `modified`/`updated`/`changed` (its own or its parents'), or an "Updated" label just before it.
fn is_revision(element: ElementRef) -> bool {
    if has_token(element.value().attr("itemprop"), "dateModified") {
        return true;
    }
    let classed = std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .take(3)
        .any(|e| attr_marks(e, REVISION_MARKS));
    classed
        || UPDATE_LABEL
            .as_ref()
            .is_some_and(|re| re.is_match(&label_before(element)))
}

/// The text just before an element within its parent (and the parent's own preceding text).
fn label_before(element: ElementRef) -> String {
    let mut label = String::new();
    let mut node = Some(*element);
    for _ in 0..2 {
        let Some(current) = node else {
            break;
        };
        for sibling in current.prev_siblings().take(4) {
            let text: String = match ElementRef::wrap(sibling) {
                Some(e) => element_text(e, 60),
                // The label ends the text before the element.
                None => sibling.value().as_text().map_or(String::new(), |t| {
                    let at = floor_boundary(t, t.len().saturating_sub(80));
                    t.get(at..).unwrap_or("").to_string()
                }),
            };
            label.insert_str(0, &text);
            label.insert(0, ' ');
        }
        if !label.trim().is_empty() {
            break;
        }
        node = current.parent();
    }
    label
}

/// The first `<time datetime>` (or `[itemprop=datePublished]`) that `keep` takes, those marked
/// `datePublished` first; with `in_article`, only those inside the article or its header.
fn time_element(
    page: &Harvest,
    locate: &Locator,
    in_article: bool,
    keep: impl Fn(&str) -> Option<String>,
) -> Option<Field<String>> {
    let read = |element: &ElementRef| -> Option<(String, String, &'static str)> {
        let value = element.value();
        let itemprop = has_token(value.attr("itemprop"), "datePublished");
        let raw = value
            .attr("datetime")
            .or_else(|| value.attr("content"))
            .map(str::to_string)
            .or_else(|| itemprop.then(|| element_text(*element, 200)))?;
        let iso = keep(&normalise_date(&raw)?)?;
        let rule = if itemprop {
            "[itemprop=datePublished]"
        } else {
            "time[datetime]"
        };
        Some((iso, raw, rule))
    };
    let inside = |element: &&ElementRef| {
        !in_article
            || element
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take(40)
                .any(|a| matches!(a.value().name(), "article" | "main" | "header") || attr_marks(a, ARTICLE_MARKS))
    };
    let (iso, raw, rule) = page
        .times
        .iter()
        .filter(|e| has_token(e.value().attr("itemprop"), "datePublished"))
        .chain(page.times.iter().filter(inside).filter(|e| !is_revision(**e)))
        .find_map(read)?;
    Some(Field {
        value: iso,
        evidence: locate.in_body(&raw, rule.to_string()),
    })
}

/// How many text nodes after the heading may still belong to its header.
const HEADER_AFTER: usize = 40;
/// How many text nodes before the heading (a date or byline above the headline).
const HEADER_BEFORE: usize = 12;
/// A text node this long is prose: the header has ended.
const PROSE_LEN: usize = 200;

/// A date shown next to the article's heading, and whether the page labels it as an update.
struct ShownDate {
    field: Field<String>,
    updated: bool,
}

/// The dates shown next to the article's heading, nearest first: those after it, in the short
/// lines before the first paragraph of prose, then those just above it.
fn shown_dates(page: &Harvest, locate: &Locator) -> Vec<ShownDate> {
    let Some(heading) = article_heading(page) else {
        return Vec::new();
    };
    let (first, end) = (heading.first, heading.end);
    // After the heading: short lines up to the second paragraph of prose (a standfirst may
    // come before the byline); before it: short lines only.
    let mut prose = 0;
    let after = (end..page.texts.len()).take(HEADER_AFTER).take_while(|&i| {
        if page.texts.get(i).is_some_and(|(t, _)| t.len() >= PROSE_LEN) {
            prose += 1;
        }
        prose < 2
    });
    let before = (first.saturating_sub(HEADER_BEFORE)..first)
        .rev()
        .take_while(|&i| page.texts.get(i).is_some_and(|(t, _)| t.len() < PROSE_LEN));
    let mut shown = Vec::new();
    for i in after.chain(before) {
        let Some(&(text, parent)) = page.texts.get(i) else {
            continue;
        };
        if text.len() >= PROSE_LEN {
            continue;
        }
        let Some(found) = date::find_date(text) else {
            continue;
        };
        if parent.is_some_and(|p| in_other_card(p, &heading.text)) {
            continue;
        }
        // The label is in the same line (`Updated May 2, 2025`) or the lines before (`Last
        // updated:`), or in the element's class (`entry-modified-time`).
        let own_label = text.get(..found.start).unwrap_or("");
        let label = if own_label.trim().is_empty() {
            let previous = |back: usize| i.checked_sub(back).and_then(|j| page.texts.get(j)).map_or("", |t| t.0);
            format!("{} {}", previous(2), previous(1))
        } else {
            own_label.to_string()
        };
        let labelled = UPDATE_LABEL.as_ref().is_some_and(|re| re.is_match(&label));
        let classed = parent.is_some_and(|p| {
            std::iter::once(p)
                .chain(p.ancestors().filter_map(ElementRef::wrap))
                .take(3)
                .any(|e| attr_marks(e, REVISION_MARKS))
        });
        let updated = labelled || classed;
        let matched = text.get(found.start..found.end).unwrap_or(text);
        shown.push(ShownDate {
            field: Field {
                value: found.iso,
                evidence: locate.in_body(matched, "dateline-element".to_string()),
            },
            updated,
        });
        if shown.len() >= 4 {
            break;
        }
    }
    shown
}

/// A date anywhere on the page after an explicit publication label (`Published on May 2, 2025`,
/// `Posted on`, `Veröffentlicht am`), in the label's line or the next.
fn labelled_date(page: &Harvest, locate: &Locator) -> Option<Field<String>> {
    let label = PUBLISHED_LABEL.as_ref()?;
    page.texts.iter().enumerate().find_map(|(i, (text, _))| {
        if text.len() >= PROSE_LEN {
            return None;
        }
        let m = label.find(text)?;
        let rest = text.get(m.end()..).unwrap_or("");
        let (line, found) = match date::find_date(rest) {
            Some(found) if found.start <= 4 => (rest, found),
            _ if rest.trim().is_empty() => {
                let (next, _) = page.texts.get(i + 1)?;
                (*next, date::find_date(next).filter(|f| f.start <= 4)?)
            }
            _ => return None,
        };
        let matched = line.get(found.start..found.end).unwrap_or(line);
        Some(Field {
            value: found.iso,
            evidence: locate.in_body(matched, "dateline-element".to_string()),
        })
    })
}

/// The heading that carries the page's title: an `<h1>` whose text is in `<title>` (or
/// `og:title`), else such an `<h2>`/`<h3>`, else the first `<h1>`.
fn article_heading<'h>(page: &'h Harvest) -> Option<&'h Heading> {
    let titles: Vec<String> = page
        .title
        .iter()
        .map(String::as_str)
        .chain(page.metas.iter().filter(|m| m.key == "og:title").map(|m| m.value))
        .map(str::to_lowercase)
        .collect();
    let in_title = |heading: &&Heading| {
        let text = heading.text.to_lowercase();
        text.chars().count() >= 4 && titles.iter().any(|t| t.contains(&text))
    };
    let by_level = |level: u8| page.headings.iter().filter(move |h| h.level == level);
    // The longest: a logo `<h1>` with the site's name is in the title too.
    let longest = |level: u8| by_level(level).filter(in_title).rev().max_by_key(|h| h.text.len());
    longest(1).or_else(|| longest(2)).or_else(|| by_level(1).next())
}

/// A page's date as ISO 8601: machine dates as given (offset as `+hh:mm`), else any date
/// `find_date` reads (`13 February 2025`, `Feb 13, 2025 2:05 PM`).
fn normalise_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    // A machine date that names no real moment is broken: no date, rather than a guess from it.
    date::read_machine_date(raw).unwrap_or_else(|| date::find_date(raw).map(|found| found.iso))
}

// ---------------------------------------------------------------------------
// Authors
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
    let meta_all = page.meta(META_AUTHOR, locate, |v| {
        Some(names_in(v, true)).filter(|n| !n.is_empty())
    });
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

/// The names in one byline text: a leading label (`By`, `Written by`) cut, everything from a
/// date, separator or "Reviewed by" on cut, `A, B and C` split, each part checked as a name.
fn names_in(text: &str, lenient: bool) -> Vec<String> {
    let mut text = text.trim();
    if let Some(m) = BYLINE_LABEL.as_ref().and_then(|re| re.find(text)) {
        text = text.get(m.end()..).unwrap_or(text);
    }
    let (part, _) = cut_byline_end(text);
    split_names(part, lenient)
}

/// The byline up to where its names end, and whether it ended there.
fn cut_byline_end(text: &str) -> (&str, bool) {
    match BYLINE_END.as_ref().and_then(|re| re.find(text)) {
        Some(m) => (text.get(..m.start()).unwrap_or(text), true),
        None => (text, false),
    }
}

/// The byline the page shows: `[rel=author]`/`[itemprop=author]` elements and a "By …" line near
/// the headline first, then elements whose class or id names an author or byline, those near the
/// headline first.
fn byline(page: &Harvest, locate: &Locator) -> Option<Field<Vec<String>>> {
    let window = article_heading(page).map(|h| (h.first.saturating_sub(HEADER_BEFORE * 2), h.end + HEADER_AFTER * 2));
    let near = |at: usize| window.is_some_and(|(from, to)| (from..to).contains(&at));
    let heading = article_heading(page).map(|h| h.text.as_str());
    let read = |candidate: &BylineCandidate| -> Option<Vec<String>> {
        if in_comments(candidate.element) || heading.is_some_and(|h| in_other_card(candidate.element, h)) {
            return None;
        }
        let value = candidate.element.value();
        if let Some(content) = value.attr("content").filter(|_| value.name() == "meta") {
            return Some(names_in(content, true)).filter(|n| !n.is_empty());
        }
        // `[itemprop=author]` often wraps `[itemprop=name]` next to a job title.
        let named = candidate
            .element
            .descendants()
            .filter_map(ElementRef::wrap)
            .take(64)
            .find(|e| has_token(e.value().attr("itemprop"), "name"));
        if let Some(named) = named {
            // Trusted markup: the name as given, if it is short.
            let text = element_text(named, 200);
            let names = names_in(&text, true);
            if !names.is_empty() {
                return Some(names);
            }
            return clean_text(&text)
                .filter(|t| t.split_whitespace().count() <= 6)
                .map(|t| vec![t]);
        }
        let element = candidate.element;
        // A name element (`author-name`) or a link to an author page marks its text as a name.
        let marked = candidate.strength == 0
            || attr_marks(element, &["name"])
            || std::iter::once(element)
                .chain(element.descendants().filter_map(ElementRef::wrap).take(32))
                .any(|e| e.value().name() == "a" && e.value().attr("href").is_some_and(|h| h.contains("/author")));
        read_byline(&visible_texts(element, 24), marked)
    };
    let first_read = |keep: &dyn Fn(&BylineCandidate) -> bool| {
        page.bylines
            .iter()
            .filter(|c| keep(c))
            .take(MAX_BYLINE_CANDIDATES)
            .find_map(read)
    };
    let found = first_read(&|c| c.strength == 0 && near(c.at))
        .or_else(|| header_byline(page))
        .or_else(|| first_read(&|c| near(c.at)))
        .or_else(|| first_read(&|c| c.strength == 0))
        .or_else(|| first_read(&|_| true))?;
    let first = found.first().cloned().unwrap_or_default();
    Some(Field {
        evidence: locate.in_body(&first, "byline-element".to_string()),
        value: found,
    })
}

/// How many byline candidates each pass reads, at most.
const MAX_BYLINE_CANDIDATES: usize = 256;

/// Whether an element sits in a comment section (its authors are commenters).
fn in_comments(element: ElementRef) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(40)
        .any(|a| attr_marks(a, &["comment"]))
}

/// Whether an element sits in another story's card (a teaser's byline or date): the nearest
/// box around it that holds a heading holds only headings other than the article's, and one
/// of them is a link.
fn in_other_card(element: ElementRef, article_heading: &str) -> bool {
    let wanted = article_heading
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let boxes = std::iter::once(element).chain(element.ancestors().filter_map(ElementRef::wrap));
    for ancestor in boxes.take(6) {
        let headings: Vec<ElementRef> = ancestor
            .descendants()
            .take(NODE_BUDGET)
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            .take(8)
            .collect();
        if headings.is_empty() {
            continue;
        }
        let text = |h: &ElementRef| {
            element_text(*h, 300)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        // A teaser's headline links to its story.
        let linked = |h: &ElementRef| {
            h.ancestors()
                .take(3)
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "a")
                || h.descendants()
                    .filter_map(ElementRef::wrap)
                    .take(32)
                    .any(|a| a.value().name() == "a")
        };
        // A teaser's headline links to its story and reads like one; an author box's linked
        // name (`<h3><a>Jane Doe</a></h3>`) is not a headline.
        let headline = |h: &ElementRef| linked(h) && text(h).split_whitespace().count() >= 4;
        let article = |h: &ElementRef| {
            let t = text(h);
            !t.is_empty() && (t.contains(&wanted) || wanted.contains(&t))
        };
        return !headings.iter().any(article) && headings.iter().any(headline);
    }
    false
}

/// A "By …" line in the short lines around the headline.
fn header_byline(page: &Harvest) -> Option<Vec<String>> {
    let heading = article_heading(page)?;
    let after = heading.end..(heading.end + HEADER_AFTER).min(page.texts.len());
    let before = heading.first.saturating_sub(HEADER_BEFORE)..heading.first;
    after.chain(before).find_map(|i| {
        let (text, _) = page.texts.get(i)?;
        if text.len() >= PROSE_LEN || !BYLINE_LABEL.as_ref()?.is_match(text) {
            return None;
        }
        let following: Vec<&str> = page.texts.get(i..)?.iter().take(12).map(|(t, _)| *t).collect();
        read_byline(&following, true)
    })
}

/// The visible text nodes of an element, at most `limit`.
fn visible_texts<'d>(element: ElementRef<'d>, limit: usize) -> Vec<&'d str> {
    element
        .descendants()
        .take(NODE_BUDGET)
        .filter(|node| {
            node.parent()
                .and_then(ElementRef::wrap)
                .is_none_or(|p| !is_code_element(p.value().name()))
        })
        .filter_map(|node| node.value().as_text().map(|t| t.trim()))
        .filter(|t| !t.is_empty())
        .take(limit)
        .collect()
}

/// Reads names from the text nodes of a byline: an optional label (`By`, `Written by:`), then a
/// name, and more names while connectors (`,`, `and`, `&`) join them. `labelled` says the
/// context already marks these as authors (`rel=author`), which admits lower-case user names.
fn read_byline(texts: &[&str], labelled: bool) -> Option<Vec<String>> {
    let mut labelled = labelled;
    let mut names: Vec<String> = Vec::new();
    let mut more = false;
    for text in texts.iter().take(12) {
        let mut text = text.trim();
        if let Some(m) = BYLINE_LABEL.as_ref().and_then(|re| re.find(text)) {
            if !names.is_empty() {
                break;
            }
            text = text.get(m.end()..).unwrap_or("").trim();
            // `By leveraging new tools …` opens a sentence, not a byline (`by ibby` does).
            if text.chars().next().is_some_and(char::is_lowercase) && text.split_whitespace().count() > 2 {
                break;
            }
            labelled = true;
        }
        if text.is_empty() {
            continue;
        }
        if is_connector(text) {
            more = !names.is_empty();
            continue;
        }
        let joined = starts_with_connector(text);
        if !names.is_empty() && !more && !joined {
            break;
        }
        // An avatar's initials (`CM`) before the name.
        if names.is_empty() && text.chars().count() <= 3 && text.chars().all(char::is_uppercase) {
            continue;
        }
        let (part, ended) = cut_byline_end(text);
        // A date or separator before the name (`Dec 17, 2025` `·` `Jane Doe`).
        if names.is_empty() && part.trim().is_empty() {
            continue;
        }
        let mut found = split_names(part, labelled);
        // Without a label, one capitalised word is as likely a category (`Lifestyle`) as a name.
        if !labelled && found.iter().any(|n| !n.contains(' ')) {
            found.clear();
        }
        if found.is_empty() && !part.trim().is_empty() {
            break;
        }
        names.extend(found);
        more = ends_with_connector(part);
        if ended {
            break;
        }
    }
    (!names.is_empty()).then_some(names)
}

const CONNECTORS: &[&str] = &["and", "&", "und", "et", "y", "e", "и", "ve", "og", "en"];

fn is_connector(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c == ',' || c.is_whitespace());
    text.is_empty() || CONNECTORS.iter().any(|c| text.eq_ignore_ascii_case(c))
}

fn starts_with_connector(text: &str) -> bool {
    text.starts_with(',') || text.split_whitespace().next().is_some_and(|w| CONNECTORS.contains(&w))
}

fn ends_with_connector(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with(',') || text.split_whitespace().last().is_some_and(|w| CONNECTORS.contains(&w))
}

/// `A, B and C` → [A, B, C], up to the first part that is not a name; credentials after a
/// comma stay with their name (`Jane Doe, MD`); a job title after a name is cut
/// (`Jane Doe Senior Reporter`).
fn split_names(text: &str, lenient: bool) -> Vec<String> {
    let Some(text) = clean_text(text) else {
        return Vec::new();
    };
    let text = text
        .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
        .trim_end_matches(|c: char| matches!(c, ',' | ';' | ':' | '-' | '*') || c.is_whitespace());
    let text = text.trim_matches(|c| matches!(c, '"' | '“' | '”' | '\''));
    if text.is_empty() {
        return Vec::new();
    }
    let mut names: Vec<String> = Vec::new();
    for part in text
        .split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" et "))
        .flat_map(|p| p.split(" y "))
        .flat_map(|p| p.split(" и "))
    {
        let part = part.trim();
        let part = part.strip_prefix("and ").unwrap_or(part).trim();
        if part.is_empty() {
            continue;
        }
        match names.last_mut() {
            Some(last) if is_credential(part) => {
                last.push_str(", ");
                last.push_str(part);
            }
            // `Jane Doe, Senior Editor`: the title ends the names.
            Some(_) if title_at(part).is_some() => break,
            _ => match person_name(&cut_job_title(part)).filter(|n| looks_like_name(n, lenient)) {
                Some(name) => names.push(name),
                None => break,
            },
        }
    }
    names
}

/// Words that start a job title after a name.
const TITLE_WORDS: &[&str] = &[
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "staff",
    "expert",
    "founder",
    "co-founder",
    "cofounder",
    "director",
    "manager",
    "ceo",
    "cto",
    "cfo",
    "head",
    "senior",
    "former",
    "chief",
    "deputy",
    "executive",
    "managing",
    "associate",
    "contributing",
    "lead",
    "principal",
    "freelance",
    "journalist",
    "producer",
    "analyst",
    "specialist",
    "consultant",
    "coordinator",
    "president",
    "vice",
    "partner",
    "owner",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "journaliste",
    "rédacteur",
    "rédactrice",
    "redactor",
    "redactora",
    "periodista",
    "corresponsal",
    "giornalista",
    "корреспондент",
    "журналист",
];

/// The index of the first word of a job title in `part`, if any.
fn title_at(part: &str) -> Option<usize> {
    part.split_whitespace().position(|w| {
        let lower = w.to_lowercase();
        TITLE_WORDS.contains(&lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
    })
}

/// `Jane Doe Senior Reporter` → `Jane Doe`; `Podium Staff` stays.
fn cut_job_title(part: &str) -> String {
    match title_at(part) {
        Some(at) if at >= 2 => part.split_whitespace().take(at).collect::<Vec<_>>().join(" "),
        _ => part.to_string(),
    }
}

/// Words that, in lower case, make a sentence rather than a name.
const SENTENCE_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "for", "with", "is", "are", "was", "this", "that", "our", "your", "we",
    "you", "it", "has", "have", "from", "at", "as", "or", "by", "be", "will", "can", "how", "what", "why", "such",
    "not", "all", "its", "their", "into", "using",
];

/// Words of controls and labels, in any case: `Sign In`, `View more posts`, `The Author`.
const CONTROL_WORDS: &[&str] = &[
    "read",
    "more",
    "view",
    "posts",
    "sign",
    "login",
    "log",
    "subscribe",
    "menu",
    "search",
    "share",
    "follow",
    "profile",
    "comments",
    "comment",
    "click",
    "here",
    "about",
    "contact",
    "home",
    "privacy",
    "cookies",
    "newsletter",
    "reply",
    "author",
    "authors",
    "min",
    "minutes",
];

/// Words allowed in lower case inside a name (`Ludwig van Beethoven`).
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "do", "bin", "al",
    "ibn", "ten", "ter", "y", "zu", "st.",
];

/// Whether `text` reads as a person's or organisation's display name: one to six words, no
/// digits, no sentence words; unless `lenient`, capitalised (particles aside).
fn looks_like_name(text: &str, lenient: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || text.chars().count() > 60 {
        return false;
    }
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, ':' | '|' | '?' | '!' | '=' | '{' | '}' | '<' | '>'))
    {
        return false;
    }
    let sentence = words.iter().any(|w| SENTENCE_WORDS.contains(w));
    let control = words.iter().any(|w| CONTROL_WORDS.contains(&w.to_lowercase().as_str()));
    if sentence || control {
        return false;
    }
    let capitalised = |w: &str| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    let identifier_parts = text
        .split(['.', '_'])
        .any(|w| CONTROL_WORDS.contains(&w.to_lowercase().as_str()));
    if identifier_parts {
        return false;
    }
    if lenient {
        // A user name (`jsteinhardt`, `annette thurmon`) but not a phrase.
        return words.len() <= 2 || words.iter().any(|w| capitalised(w));
    }
    words
        .iter()
        .all(|w| capitalised(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
}

/// Post-nominal letters: `MD`, `Ph.D.`, `RD`, `MSc`, `CFA`, `E-RYT 200`.
fn is_credential(part: &str) -> bool {
    let letters: String = part.chars().filter(|c| c.is_alphabetic()).collect();
    let words = part.split_whitespace().count();
    if letters.is_empty() || words > 2 || letters.chars().count() > 6 {
        return false;
    }
    let upper = letters.chars().filter(|c| c.is_uppercase()).count();
    let dotted = part.contains('.') && upper >= 1;
    upper * 2 > letters.chars().count() || dotted
}

/// Drops repeated names (ignoring case and whitespace), keeping the first.
fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, ()> = HashMap::new();
    names
        .into_iter()
        .filter(|n| {
            let key = n.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            seen.insert(key, ()).is_none()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(source: &str) -> PageMeta {
        extract(&Html::parse_document(source), source)
    }

    fn value<T: Clone>(field: &Option<Field<T>>) -> Option<T> {
        field.as_ref().map(|f| f.value.clone())
    }

    fn rule<T>(field: &Option<Field<T>>) -> &str {
        field.as_ref().map_or("", |f| f.evidence.rule.as_str())
    }

    /// The bytes of `source` a field's evidence points at.
    fn evidence_text<'s, T>(source: &'s str, field: &Option<Field<T>>) -> &'s str {
        field
            .as_ref()
            .and_then(|f| source.get(f.evidence.start?..f.evidence.end?))
            .unwrap_or("")
    }

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>")
    }

    fn json_ld(json: &str) -> String {
        format!(r#"<script type="application/ld+json">{json}</script>"#)
    }

    #[test]
    fn json_ld_graph_follows_id_references() {
        let source = page(
            &json_ld(
                r##"{"@context": "https://schema.org", "@graph": [
                  {"@type": "WebPage", "@id": "https://ex.com/a/#webpage", "name": "A page - Ex"},
                  {"@type": "Article", "@id": "https://ex.com/a/#article", "headline": "The headline",
                   "author": {"@id": "https://ex.com/#/schema/person/1"},
                   "publisher": {"@id": "https://ex.com/#organization"},
                   "datePublished": "2025-02-13T14:05:00+0100", "dateModified": "2025-03-01T08:00:00Z",
                   "articleSection": ["Politics", "World"], "mainEntityOfPage": {"@id": "https://ex.com/a/"}},
                  {"@type": "Person", "@id": "https://ex.com/#/schema/person/1", "name": "Jane Doe"},
                  {"@type": "Organization", "@id": "https://ex.com/#organization", "name": "Example News"}
                ]}"##,
            ),
            "<h1>The headline</h1>",
        );
        let meta = meta_of(&source);
        assert_eq!(value(&meta.title).as_deref(), Some("The headline"));
        assert_eq!(rule(&meta.title), "json-ld:Article.headline");
        assert_eq!(value(&meta.authors), Some(vec!["Jane Doe".to_string()]));
        assert_eq!(rule(&meta.authors), "json-ld:Article.author");
        assert_eq!(evidence_text(&source, &meta.authors), "Jane Doe");
        assert_eq!(value(&meta.published).as_deref(), Some("2025-02-13T14:05:00+01:00"));
        assert_eq!(evidence_text(&source, &meta.published), "2025-02-13T14:05:00+0100");
        assert_eq!(value(&meta.modified).as_deref(), Some("2025-03-01T08:00:00Z"));
        assert_eq!(value(&meta.site_name).as_deref(), Some("Example News"));
        assert_eq!(value(&meta.section).as_deref(), Some("Politics"));
        assert_eq!(value(&meta.url).as_deref(), Some("https://ex.com/a/"));
    }

    #[test]
    fn json_ld_arrays_and_nested_authors() {
        let source = page(
            &json_ld(
                r#"[{"@type": "BreadcrumbList", "itemListElement": []},
                    {"@type": ["NewsArticle"], "headline": "Two authors",
                     "author": [{"@type": "Person", "name": "Ana Lima"}, "https://ex.com/staff/x",
                                {"@type": "Person", "name": ""}, {"@type": "Person", "name": "By John Roe"},
                                {"@type": "Person", "givenName": "Mia", "familyName": "Park"},
                                {"@type": "Person", "name": "ana lima"}],
                     "image": [{"@type": "ImageObject", "url": "https://ex.com/i.jpg"}]}]"#,
            ),
            "",
        );
        let meta = meta_of(&source);
        assert_eq!(
            value(&meta.authors),
            Some(vec![
                "Ana Lima".to_string(),
                "John Roe".to_string(),
                "Mia Park".to_string()
            ])
        );
        assert_eq!(value(&meta.image).as_deref(), Some("https://ex.com/i.jpg"));
    }

    #[test]
    fn the_most_specific_type_is_the_article() {
        let source = page(
            &format!(
                "{}{}",
                json_ld(r#"{"@type": "WebPage", "name": "Page name", "datePublished": "2020-01-01"}"#),
                json_ld(
                    r#"{"@type": "WebSite", "name": "Site", "mainEntity": {"@type": "ReportageNewsArticle",
                        "headline": "Report", "datePublished": "2025-05-02"}}"#
                )
            ),
            "",
        );
        let meta = meta_of(&source);
        assert_eq!(value(&meta.title).as_deref(), Some("Report"));
        assert_eq!(value(&meta.published).as_deref(), Some("2025-05-02"));
        assert_eq!(rule(&meta.published), "json-ld:ReportageNewsArticle.datePublished");
    }

    #[test]
    fn broken_json_ld_is_repaired_cheaply_or_skipped() {
        let wrapped = json_ld(
            "<!--\n//<![CDATA[\n{\"@type\": \"BlogPosting\", \"headline\": \"Line\nbreak\", \"author\": \"Kim Lee\",}\n//]]>\n-->",
        );
        let invalid = json_ld("{\"@type\": \"NewsArticle\", \"headline\": ");
        let meta = meta_of(&page(&format!("{invalid}{wrapped}"), ""));
        assert_eq!(value(&meta.title).as_deref(), Some("Line break"));
        assert_eq!(value(&meta.authors), Some(vec!["Kim Lee".to_string()]));
    }

    #[test]
    fn meta_tags_when_there_is_no_json_ld() {
        let source = page(
            r#"<title>Ignored title</title>
            <meta property="og:site_name" content="The Daily">
            <meta property="og:title" content="Budget passes | The Daily">
            <meta name="author" content="Jane Doe, John Roe">
            <meta property="article:author" content="https://facebook.com/thedaily">
            <meta property="article:published_time" content="2025-02-13T14:05:00.123Z">
            <meta property="article:modified_time" content="2025-02-14">
            <meta property="article:section" content="Politics">
            <meta property="og:locale" content="en_US">
            <meta property="og:description" content="What happened.">
            <meta property="og:image" content="/img/lead.jpg">
            <meta property="og:url" content="https://thedaily.example/politics/budget">"#,
            "<h1>Budget passes</h1>",
        );
        let meta = meta_of(&source);
        assert_eq!(value(&meta.title).as_deref(), Some("Budget passes"));
        assert_eq!(rule(&meta.title), "meta[property=og:title]");
        assert!(evidence_text(&source, &meta.title).starts_with("<meta property=\"og:title\""));
        assert_eq!(
            value(&meta.authors),
            Some(vec!["Jane Doe".to_string(), "John Roe".to_string()])
        );
        assert_eq!(rule(&meta.authors), "meta[name=author]");
        assert_eq!(value(&meta.published).as_deref(), Some("2025-02-13T14:05:00Z"));
        assert_eq!(value(&meta.modified).as_deref(), Some("2025-02-14"));
        assert_eq!(value(&meta.site_name).as_deref(), Some("The Daily"));
        assert_eq!(value(&meta.section).as_deref(), Some("Politics"));
        assert_eq!(value(&meta.language).as_deref(), Some("en"));
        assert_eq!(value(&meta.description).as_deref(), Some("What happened."));
        assert_eq!(
            value(&meta.image).as_deref(),
            Some("https://thedaily.example/img/lead.jpg")
        );
        assert_eq!(
            value(&meta.url).as_deref(),
            Some("https://thedaily.example/politics/budget")
        );
    }

    #[test]
    fn a_url_author_is_not_a_name() {
        let meta = meta_of(&page(
            r#"<meta property="article:author" content="https://www.facebook.com/someone">"#,
            "",
        ));
        assert_eq!(meta.authors, None);
    }

    #[test]
    fn relative_canonical_resolves_against_og_url() {
        let meta = meta_of(&page(
            r#"<link rel="Canonical" href="/news/2025/03/04/story/">
               <meta property="og:url" content="https://www.example.com/amp/story">"#,
            "",
        ));
        assert_eq!(
            value(&meta.url).as_deref(),
            Some("https://www.example.com/news/2025/03/04/story/")
        );
        assert_eq!(rule(&meta.url), "link[rel=canonical]");
        // No other date on the page: the canonical URL's.
        assert_eq!(value(&meta.published).as_deref(), Some("2025-03-04"));
        assert_eq!(rule(&meta.published), "url-date");
    }

    #[test]
    fn unusable_urls_are_skipped() {
        let relative_only = meta_of(&page(r#"<link rel="canonical" href="/story">"#, ""));
        assert_eq!(relative_only.url, None);
        let not_http = meta_of(&page(
            r#"<link rel="canonical" href="javascript:void(0)">
               <meta property="og:url" content="https://ex.com/story">"#,
            "",
        ));
        assert_eq!(value(&not_http.url).as_deref(), Some("https://ex.com/story"));
        let home = meta_of(&page(
            r#"<link rel="canonical" href="https://ex.com/">
               <meta property="og:url" content="https://ex.com/2025/story">"#,
            "",
        ));
        assert_eq!(value(&home.url).as_deref(), Some("https://ex.com/2025/story"));
    }

    #[test]
    fn byline_elements_lose_their_by() {
        let source = page(
            "",
            r#"<article><h1>Storm hits coast</h1>
               <div class="article-byline">By Jane Doe and John van der Berg | March 3, 2025</div>
               <p>The storm ...</p></article>"#,
        );
        let meta = meta_of(&source);
        assert_eq!(
            value(&meta.authors),
            Some(vec!["Jane Doe".to_string(), "John van der Berg".to_string()])
        );
        assert_eq!(rule(&meta.authors), "byline-element");
        assert_eq!(evidence_text(&source, &meta.authors), "Jane Doe");
    }

    #[test]
    fn byline_forms() {
        let authors = |body: &str| value(&meta_of(&page("", body)).authors);
        let names = |list: &[&str]| Some(list.iter().map(|n| n.to_string()).collect::<Vec<_>>());
        assert_eq!(
            authors(r#"<span class="author">Written by: Ana Lima, MD</span>"#),
            names(&["Ana Lima, MD"])
        );
        assert_eq!(
            authors(
                r#"<p class="byline">By <a href="/author/a">Ana Lima</a>, <a href="/author/b">Bo Chen</a> and <a href="/author/c">Cy Diaz</a></p>"#
            ),
            names(&["Ana Lima", "Bo Chen", "Cy Diaz"])
        );
        assert_eq!(
            authors(
                r#"<div class="author-box"><span class="author-name">Keith Barry</span> <span>Senior Reporter</span></div>"#
            ),
            names(&["Keith Barry"])
        );
        assert_eq!(
            authors(r#"<span itemprop="author" itemscope><span itemprop="name">Ask the Doctors</span></span>"#),
            names(&["Ask the Doctors"])
        );
        // Comment authors, controls and categories are not bylines.
        assert_eq!(
            authors(r#"<div class="comments"><span class="comment-author">Troll King</span></div>"#),
            None
        );
        assert_eq!(authors(r#"<a class="author-link">View more posts</a>"#), None);
        assert_eq!(authors(r#"<span class="byline-category">Lifestyle</span>"#), None);
        assert_eq!(
            authors("<h1>Budget passes</h1><p>By leveraging new tools the council saved money.</p>"),
            None
        );
    }

    #[test]
    fn a_by_line_under_the_headline() {
        let meta = meta_of(&page(
            "<title>Budget passes – The Daily</title>",
            "<nav>Home</nav><h1>Budget passes</h1><div><span>By</span> <span>Ana Lima</span></div><p>Text.</p>",
        ));
        assert_eq!(value(&meta.authors), Some(vec!["Ana Lima".to_string()]));
    }

    #[test]
    fn the_site_is_not_the_author_when_a_person_is_named() {
        let json = json_ld(
            r#"{"@type": "Article", "headline": "H", "author": {"@type": "Organization", "name": "The Daily"}}"#,
        );
        let head = format!(r#"{json}<meta property="og:site_name" content="The Daily">"#);
        let with_person = meta_of(&page(&head, r#"<span class="author-name">Jane Doe</span>"#));
        assert_eq!(value(&with_person.authors), Some(vec!["Jane Doe".to_string()]));
        let alone = meta_of(&page(&head, ""));
        assert_eq!(value(&alone.authors), Some(vec!["The Daily".to_string()]));
    }

    #[test]
    fn the_shown_date_picks_between_machine_dates() {
        let head = json_ld(
            r#"{"@type": "Article", "headline": "Guide", "datePublished": "2021-08-12T19:35:44+00:00",
                "dateModified": "2025-02-22T22:13:14+00:00"}"#,
        );
        // The page presents its revision date as its date.
        let shown = meta_of(&page(
            &head,
            "<h1>Guide</h1><div class=\"date\">February 22, 2025</div><p>x</p>",
        ));
        assert_eq!(value(&shown.published).as_deref(), Some("2025-02-22T22:13:14+00:00"));
        assert_eq!(rule(&shown.published), "json-ld:Article.dateModified");
        // A date labelled as an update is not the publication.
        let updated = meta_of(&page(&head, "<h1>Guide</h1><div>Last updated: February 22, 2025</div>"));
        assert_eq!(value(&updated.published).as_deref(), Some("2021-08-12T19:35:44+00:00"));
    }

    #[test]
    fn dates_from_the_page_when_metadata_has_none() {
        let time = meta_of(&page(
            "",
            r#"<article><h1>T</h1><time datetime="2024-05-31T10:00:00-04:00">May 31</time></article>"#,
        ));
        assert_eq!(value(&time.published).as_deref(), Some("2024-05-31T10:00:00-04:00"));
        assert_eq!(rule(&time.published), "time[datetime]");
        let shown = meta_of(&page("", "<h1>Storm</h1><p>Jane Doe · 12 March 2025</p><p>Body.</p>"));
        assert_eq!(value(&shown.published).as_deref(), Some("2025-03-12"));
        assert_eq!(rule(&shown.published), "dateline-element");
        let labelled = meta_of(&page(
            "",
            "<h1>Storm</h1><p>Body.</p><footer>Posted on April 13, 2023</footer>",
        ));
        assert_eq!(value(&labelled.published).as_deref(), Some("2023-04-13"));
        let revision = meta_of(&page("", "<h1>Storm</h1><p>Updated: Dec 12, 2025</p>"));
        assert_eq!(value(&revision.published).as_deref(), Some("2025-12-12"));
        assert_eq!(rule(&revision.published), "dateline-element:updated");
    }

    #[test]
    fn language_and_title_fallbacks() {
        let meta = meta_of(
            "<html lang=\"pt-BR\"><head><title>Notícia | Jornal</title>\
             <meta property=\"og:site_name\" content=\"Jornal\"></head><body></body></html>",
        );
        assert_eq!(value(&meta.language).as_deref(), Some("pt"));
        assert_eq!(rule(&meta.language), "html[lang]");
        assert_eq!(value(&meta.title).as_deref(), Some("Notícia"));
        assert_eq!(rule(&meta.title), "title");
    }

    #[test]
    fn dates_normalise_to_iso_8601() {
        assert_eq!(normalise_date("2025-02-13").as_deref(), Some("2025-02-13"));
        assert_eq!(normalise_date(" 2025-2-3 ").as_deref(), Some("2025-02-03"));
        assert_eq!(
            normalise_date("2025-02-13T14:05:00+0100").as_deref(),
            Some("2025-02-13T14:05:00+01:00")
        );
        assert_eq!(
            normalise_date("2025-02-13 14:05").as_deref(),
            Some("2025-02-13T14:05:00")
        );
        assert_eq!(
            normalise_date("2025-02-13T14:05:00.5-05").as_deref(),
            Some("2025-02-13T14:05:00-05:00")
        );
        assert_eq!(
            normalise_date("2025-02-13T14:05:00 UTC").as_deref(),
            Some("2025-02-13T14:05:00Z")
        );
        assert_eq!(normalise_date("February 13, 2025").as_deref(), Some("2025-02-13"));
        assert_eq!(normalise_date("0000-00-00"), None);
        assert_eq!(normalise_date("soon"), None);
    }

    #[test]
    fn impossible_machine_dates_give_no_date() {
        for raw in [
            "2025-02-31T25:61:00+0100",
            "2025-02-31",
            "2023-02-29",
            "2025-04-31T10:00:00Z",
            "2025-02-13T24:00:00",
            "2025-02-13T14:60",
            "2025-02-13T14:05:61Z",
            "2025-02-13T14:05:00+1801",
            "2025-02-13T14:05:00-2500",
            "2025-02-13T14:05:00+0160",
        ] {
            assert_eq!(normalise_date(raw), None, "{raw}");
        }
        assert_eq!(normalise_date("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(
            normalise_date("2016-12-31T23:59:60Z").as_deref(),
            Some("2016-12-31T23:59:60Z")
        );
        assert_eq!(
            normalise_date("2025-02-13T14:05:00+1800").as_deref(),
            Some("2025-02-13T14:05:00+18:00")
        );
    }

    #[test]
    fn garbage_does_not_panic() {
        let nested = "<div class=\"author\">".repeat(3000);
        let inputs = [
            String::new(),
            "<".to_string(),
            "<html lang=\"\"><head><meta content><meta name=\"author\" content=\"\">".to_string(),
            json_ld("{\"@graph\": [[[[{\"@id\": \"x\", \"author\": {\"@id\": \"x\"}}]]]], \"@type\": 5}"),
            json_ld("[{\"@type\": \"Article\", \"author\": {\"@id\": \"a\"}}, {\"@id\": \"a\", \"author\": {\"@id\": \"a\"}}]"),
            json_ld(&format!("{}1{}", "[".repeat(500), "]".repeat(500))),
            json_ld("\u{feff}{\"@type\":\"Article\",\"datePublished\":\"2025-13-45T99:99\",\"headline\":\"é\"}"),
            format!("<h1>Ünïcödé</h1>{nested}By ééé &amp &#x110000; &#99999999; &;"),
            "<meta property=\"og:url\" content=\"https://[::1\"><link rel=canonical href=\"//\">".to_string(),
            "<time datetime=\"2025-02-30T25:61\">x</time><h1>x</h1><p>Updated</p><p>31/02/2025</p>".to_string(),
            "é".repeat(5000) + "<meta name=\"date\" content=\"2025-01-01T00:00:00+9\">",
        ];
        for input in inputs {
            let _ = meta_of(&input);
        }
    }

    /// Pieces of pages, the kinds that the rules look at, shuffled into any order.
    const FRAGMENTS: &[&str] = &[
        "<html lang=\"en-GB\">",
        "<h1>Headline here</h1>",
        "<h2>",
        "</div>",
        "<div class=\"byline author\">",
        "By ",
        "Jane Doe",
        " and ",
        ", ",
        "Updated ",
        "Posted on ",
        "March 3, 2025",
        "<time datetime=\"2025-03-03T10:00:00+0100\">",
        "<meta property=\"article:published_time\" content=\"2025-03-03\">",
        "<meta name=\"author\" content=\"Ana Lima\">",
        "<link rel=\"canonical\" href=\"/a/b\">",
        "<meta property=\"og:url\" content=\"https://ex.com/\">",
        "<script type=\"application/ld+json\">",
        "</script>",
        "{\"@type\": \"NewsArticle\", \"author\": ",
        "{\"@id\": \"#p\"}",
        "[\"é\", {\"name\": \"Ünï\"}]",
        "\"datePublished\": \"2025-02-30T25:00\",",
        "}",
        "&amp;&#x27;&",
        "<!--",
        "-->",
    ];

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn arbitrary_pages_do_not_panic(
            pieces in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
                    any::<String>(),
                ],
                0..60,
            )
        ) {
            let _ = meta_of(&pieces.concat());
        }
    }
}
