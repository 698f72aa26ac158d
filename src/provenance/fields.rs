//! The provenance fields as one list: each field's name (as the record spells it), its kind, its
//! value and the evidence for it. Every view that walks the fields reads this list — the explain
//! views, `pith diff`, and a group's richness and merge — so that they cannot disagree on which
//! fields there are; each picks the kinds it needs.
//!
//! ```
//! use pith::provenance::{FieldKind, Provenance};
//!
//! let p = Provenance {
//!     title: Some("Harbour reopens".into()),
//!     authors: vec!["Jane Doe".into(), "John Roe".into()],
//!     ..Provenance::default()
//! };
//! let set: Vec<(&str, String)> = p
//!     .fields()
//!     .filter(|f| f.kind == FieldKind::Article)
//!     .filter_map(|f| Some((f.name, f.display()?.into_owned())))
//!     .collect();
//! assert_eq!(set, [("title", "Harbour reopens".into()), ("authors", "Jane Doe; John Roe".into())]);
//! ```

use std::borrow::Cow;

use super::{Evidence, Provenance};

/// What a field tells, which decides where it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Which article this is: title, authors, published, url, host, outlet, section, language.
    /// Compared by `pith diff`, counted by a group's richness, always listed by `pith explain`.
    Article,
    /// What a page's own metadata adds: modified, description, image. Merged over a group's
    /// copies like the article fields, but it does not say which copy is the original.
    Page,
    /// The capture (a WARC record): fetched_at, record_id. Each copy has its own, so they are
    /// never merged, and they are absent from records of other inputs.
    Capture,
}

/// A field's value: one string, or a list (the authors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// A field of one string.
    Text(&'a str),
    /// A list (the authors).
    List(&'a [String]),
}

/// How every view writes a list: names hold commas (`Doe, Jane`), never semicolons.
pub const LIST_SEPARATOR: &str = "; ";

impl<'a> Value<'a> {
    /// The value as one line of text: a list joined with [`LIST_SEPARATOR`].
    pub fn display(&self) -> Cow<'a, str> {
        match self {
            Value::Text(text) => Cow::Borrowed(text),
            Value::List(items) => Cow::Owned(items.join(LIST_SEPARATOR)),
        }
    }
}

/// One field of a [`Provenance`]: its value (None when unknown; an empty list is unknown) and the
/// evidence for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldRef<'a> {
    /// The field's name, as in the record's JSON (`title`, `authors`, …).
    pub name: &'static str,
    /// What the field tells.
    pub kind: FieldKind,
    /// Its value; None when unknown.
    pub value: Option<Value<'a>>,
    /// The evidence for it; None when unknown.
    pub evidence: Option<&'a Evidence>,
}

impl<'a> FieldRef<'a> {
    /// The value as one line of text ([`Value::display`]), or None when unknown.
    pub fn display(&self) -> Option<Cow<'a, str>> {
        self.value.map(|v| v.display())
    }
}

/// How to read a field and how to copy it from one provenance to another.
struct Spec {
    name: &'static str,
    kind: FieldKind,
    get: fn(&Provenance) -> Option<Value<'_>>,
    copy: fn(&mut Provenance, &Provenance),
}

fn text(value: &Option<String>) -> Option<Value<'_>> {
    value.as_deref().map(Value::Text)
}

/// The fields, in the order of the record's JSON.
const FIELDS: [Spec; 13] = [
    Spec {
        name: "title",
        kind: FieldKind::Article,
        get: |p| text(&p.title),
        copy: |to, from| to.title.clone_from(&from.title),
    },
    Spec {
        name: "authors",
        kind: FieldKind::Article,
        get: |p| (!p.authors.is_empty()).then_some(Value::List(&p.authors)),
        copy: |to, from| to.authors.clone_from(&from.authors),
    },
    Spec {
        name: "published",
        kind: FieldKind::Article,
        get: |p| text(&p.published),
        copy: |to, from| to.published.clone_from(&from.published),
    },
    Spec {
        name: "modified",
        kind: FieldKind::Page,
        get: |p| text(&p.modified),
        copy: |to, from| to.modified.clone_from(&from.modified),
    },
    Spec {
        name: "url",
        kind: FieldKind::Article,
        get: |p| text(&p.url),
        copy: |to, from| to.url.clone_from(&from.url),
    },
    Spec {
        name: "host",
        kind: FieldKind::Article,
        get: |p| text(&p.host),
        copy: |to, from| to.host.clone_from(&from.host),
    },
    Spec {
        name: "outlet",
        kind: FieldKind::Article,
        get: |p| text(&p.outlet),
        copy: |to, from| to.outlet.clone_from(&from.outlet),
    },
    Spec {
        name: "section",
        kind: FieldKind::Article,
        get: |p| text(&p.section),
        copy: |to, from| to.section.clone_from(&from.section),
    },
    Spec {
        name: "language",
        kind: FieldKind::Article,
        get: |p| text(&p.language),
        copy: |to, from| to.language.clone_from(&from.language),
    },
    Spec {
        name: "description",
        kind: FieldKind::Page,
        get: |p| text(&p.description),
        copy: |to, from| to.description.clone_from(&from.description),
    },
    Spec {
        name: "image",
        kind: FieldKind::Page,
        get: |p| text(&p.image),
        copy: |to, from| to.image.clone_from(&from.image),
    },
    Spec {
        name: "fetched_at",
        kind: FieldKind::Capture,
        get: |p| text(&p.fetched_at),
        copy: |to, from| to.fetched_at.clone_from(&from.fetched_at),
    },
    Spec {
        name: "record_id",
        kind: FieldKind::Capture,
        get: |p| text(&p.record_id),
        copy: |to, from| to.record_id.clone_from(&from.record_id),
    },
];

impl Provenance {
    /// Every field, in the order of the record's JSON, set or not (the hashes, the version and
    /// the evidence map are not fields).
    pub fn fields(&self) -> impl Iterator<Item = FieldRef<'_>> + '_ {
        FIELDS.iter().map(move |spec| self.field_of(spec))
    }

    /// The field called `name`, or None when there is no such field.
    pub fn field(&self, name: &str) -> Option<FieldRef<'_>> {
        FIELDS
            .iter()
            .find(|spec| spec.name == name)
            .map(|spec| self.field_of(spec))
    }

    /// Sets the field called `name` to `from`'s value (its evidence is the caller's to record).
    pub fn copy_field(&mut self, name: &str, from: &Provenance) {
        if let Some(spec) = FIELDS.iter().find(|spec| spec.name == name) {
            (spec.copy)(self, from);
        }
    }

    fn field_of(&self, spec: &Spec) -> FieldRef<'_> {
        FieldRef {
            name: spec.name,
            kind: spec.kind,
            value: (spec.get)(self),
            evidence: self.evidence.get(spec.name),
        }
    }
}

/// The names of the fields of `kinds`, in record order.
pub fn field_names(kinds: &[FieldKind]) -> impl Iterator<Item = &'static str> + '_ {
    FIELDS
        .iter()
        .filter(|spec| kinds.contains(&spec.kind))
        .map(|spec| spec.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_names_every_value_field_of_the_json_record_in_its_order() {
        let p = Provenance {
            authors: vec!["A".into()],
            fetched_at: Some("t".into()),
            record_id: Some("r".into()),
            ..Provenance::default()
        };
        let json = serde_json::to_value(&p).unwrap_or_default();
        let keys: Vec<&str> = json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let not_fields = ["input_sha256", "text_sha256", "pith_version", "evidence"];
        let expected: Vec<&str> = keys.into_iter().filter(|k| !not_fields.contains(k)).collect();
        let listed: Vec<&str> = p.fields().map(|f| f.name).collect();
        assert_eq!(listed, expected);
    }

    #[test]
    fn copy_field_copies_exactly_the_named_field() {
        let from = Provenance {
            title: Some("T".into()),
            authors: vec!["A".into(), "B".into()],
            url: Some("u".into()),
            ..Provenance::default()
        };
        let mut to = Provenance::default();
        for name in field_names(&[FieldKind::Article, FieldKind::Page, FieldKind::Capture]) {
            to.copy_field(name, &from);
            assert_eq!(
                to.field(name).map(|f| f.value),
                from.field(name).map(|f| f.value),
                "{name}"
            );
        }
        assert_eq!(to, from);
        assert_eq!(from.field("authors").and_then(|f| f.display()).as_deref(), Some("A; B"));
        assert_eq!(from.field("host").and_then(|f| f.value), None);
    }
}
