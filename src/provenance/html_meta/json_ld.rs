//! The page's JSON-LD objects: every `<script type=application/ld+json>`, top-level arrays,
//! `@graph`s and nested objects, with the article object picked by its type.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::harvest::clean_text;
use super::locate::Locator;
use super::Field;
use crate::provenance::Evidence;
use crate::text::names::person_name;

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
/// raw line breaks inside strings, half an emoji (`\ud83d` alone) and several values in a row.
/// Invalid scripts give nothing.
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
    let repaired = repair(&crate::text::lone_surrogates_replaced(text));
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

impl View<'_> {
    /// A text field of the article object (`articleSection`, `description`, `headline`).
    pub(super) fn text(&self, key: &str, locate: &Locator) -> Option<Field<String>> {
        self.field(key, locate, |value, _| {
            let raw = as_text(value)?;
            Some((clean_text(raw)?, raw.to_string()))
        })
    }

    pub(super) fn image(&self, locate: &Locator) -> Option<Field<String>> {
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
    pub(super) fn url(&self, locate: &Locator) -> Option<Field<String>> {
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
    pub(super) fn publisher_name(&self, locate: &Locator) -> Option<Field<String>> {
        let found = self.field("publisher", locate, |value, view| {
            let object = match value {
                Value::Object(object) => object,
                Value::Array(items) => items.iter().find_map(Value::as_object)?,
                _ => return None,
            };
            let raw = as_text(view.resolve(object).get("name")?)?;
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
    pub(super) fn authors(&self, locate: &Locator) -> Option<Field<Vec<(String, bool)>>> {
        self.field("author", locate, |value, view| {
            let mut names = Vec::new();
            author_names(value, view, 0, &mut names);
            let first = names.first()?.0.clone();
            Some((names, first))
        })
    }
}

/// Appends the names in a JSON-LD `author` value: strings, objects (following `@id`), lists.
fn author_names(value: &Value, view: &View, depth: usize, out: &mut Vec<(String, bool)>) {
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
            let organisation = types(object)
                .iter()
                .any(|t| !t.eq_ignore_ascii_case("Person") && !t.is_empty());
            let name = match object.get("name") {
                Some(Value::Array(items)) => {
                    for item in items {
                        author_names(item, view, depth + 1, out);
                    }
                    return;
                }
                Some(name) => as_text(name).map(str::to_string),
                None => {
                    let given = object.get("givenName").and_then(as_text).unwrap_or("");
                    let family = object.get("familyName").and_then(as_text).unwrap_or("");
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
