//! Page metadata from HTML: JSON-LD, `<meta>` tags, `<link rel=canonical>`, `<html lang>` and
//! byline elements, each value with its evidence. (Stub: being written.)

use super::Evidence;

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
}

/// Reads the metadata of a parsed page. `source` is the page's text, for byte-range evidence.
pub fn extract(_document: &scraper::Html, _source: &str) -> PageMeta {
    PageMeta::default()
}
