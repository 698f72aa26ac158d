//! `<meta>` tags: the keys read per field, strongest first, and the lookup over the harvest.

use super::harvest::{clean_text, Harvest};
use super::locate::Locator;
use super::Field;

/// `<meta>` keys (the `name`, `property` or `itemprop`, lower case) per field, strongest first.
pub(super) const META_TITLE: &[&str] = &["og:title", "twitter:title"];
pub(super) const META_AUTHOR: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
];
/// The `<meta>` author keys that name one person per tag, written `Last, First` as often as
/// `First Last` (Google Scholar's `citation_author`): a comma there turns the name around
/// instead of joining two.
pub(super) const META_ONE_AUTHOR: &[&str] = &["citation_author"];
pub(super) const META_PUBLISHED: &[&str] = &[
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
pub(super) const META_MODIFIED: &[&str] = &["article:modified_time", "og:updated_time", "datemodified"];
pub(super) const META_SITE_NAME: &[&str] = &["og:site_name"];
pub(super) const META_APPLICATION_NAME: &[&str] = &["application-name"];
pub(super) const META_SECTION: &[&str] = &["article:section", "parsely-section"];
pub(super) const META_LANGUAGE: &[&str] = &["content-language", "og:locale"];
pub(super) const META_DESCRIPTION: &[&str] = &["og:description", "description"];
pub(super) const META_IMAGE: &[&str] = &["og:image", "og:image:url", "og:image:secure_url"];
pub(super) const META_URL: &[&str] = &["og:url"];

impl Harvest<'_> {
    /// The first `<meta>` with one of `keys` (tried in order) whose content `accept` takes.
    pub(super) fn meta<T>(
        &self,
        keys: &[&str],
        locate: &Locator,
        mut accept: impl FnMut(&str) -> Option<T>,
    ) -> Option<Field<T>> {
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

    /// Every value of the first of `keys` (tried in order) that has one `accept` takes, in page
    /// order: a key written once per value (`article:author` is an array in Open Graph, and
    /// `citation_author` is written once per author); of `itemprop` tags, the first only. The
    /// evidence is the first such tag.
    pub(super) fn meta_each<T>(
        &self,
        keys: &[&str],
        locate: &Locator,
        mut accept: impl FnMut(&str, &str) -> Option<Vec<T>>,
    ) -> Option<Field<Vec<T>>> {
        keys.iter().find_map(|key| {
            let mut first = None;
            let mut values = Vec::new();
            for m in self.metas.iter().filter(|m| m.key == *key) {
                // Microdata (`itemprop`) describes the item it sits in, often a teaser card of
                // another article: only the first counts.
                if first.is_some() && m.attr == "itemprop" {
                    continue;
                }
                if let Some(more) = accept(key, m.value) {
                    first.get_or_insert(m);
                    values.extend(more);
                }
            }
            let m = first?;
            let rule = format!("meta[{}={}]", m.attr, m.key);
            Some(Field {
                value: values,
                evidence: locate.tag("meta", key, m.value, rule),
            })
        })
    }

    pub(super) fn meta_text(&self, keys: &[&str], locate: &Locator) -> Option<Field<String>> {
        self.meta(keys, locate, clean_text)
    }

    /// The value of a labelled pair (`twitter:label1` "Written by", `twitter:data1` "Jane
    /// Doe": how Yoast, Ghost and other CMSs show the author of record in link previews)
    /// whose label `is_label` takes and whose value `accept` takes; the first such pair.
    pub(super) fn labelled<T>(
        &self,
        locate: &Locator,
        is_label: impl Fn(&str) -> bool,
        mut accept: impl FnMut(&str) -> Option<T>,
    ) -> Option<Field<T>> {
        self.metas.iter().find_map(|label| {
            let n = label.key.strip_prefix(LABEL_KEY)?;
            if n.is_empty() || !is_label(label.value) {
                return None;
            }
            let key = format!("{DATA_KEY}{n}");
            let data = self.metas.iter().find(|m| m.key == key)?;
            let value = accept(data.value)?;
            let rule = format!("meta[{}={key}]", data.attr);
            Some(Field {
                value,
                evidence: locate.tag("meta", &key, data.value, rule),
            })
        })
    }
}

/// The keys of a labelled pair, each followed by the pair's number.
const LABEL_KEY: &str = "twitter:label";
const DATA_KEY: &str = "twitter:data";
