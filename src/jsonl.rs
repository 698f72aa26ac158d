//! JSONL documents in (`pith clean --jsonl-in`): one JSON object per line, with the page in an
//! `html` or `text` field, an `id` and a `url`; every other field is passed through as `extra`.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::input::{self, Format, ReadOptions};
use crate::Record;

/// Which fields of a JSONL line hold what.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: String,
    pub url: String,
    pub html: String,
    pub text: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            url: "url".into(),
            html: "html".into(),
            text: "text".into(),
        }
    }
}

/// Cleans one JSONL line. `origin` names the file and line (`dump.jsonl:17`) for errors and for
/// documents without an id.
pub fn clean_line(line: &str, origin: &str, fields: &Fields, options: &crate::Options) -> Result<Record> {
    let value: Value = serde_json::from_str(line).map_err(|e| Error::Other {
        source_name: origin.to_string(),
        message: format!("not a JSON object: {e}"),
    })?;
    let Value::Object(mut object) = value else {
        return Err(Error::Other {
            source_name: origin.to_string(),
            message: "not a JSON object".into(),
        });
    };
    let id = match object.remove(&fields.id) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let name = id.clone().unwrap_or_else(|| origin.to_string());
    let url = match object.remove(&fields.url) {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        _ => None,
    };
    let (body, format) = match (object.remove(&fields.html), object.remove(&fields.text)) {
        (Some(Value::String(html)), _) => (html, Some(Format::Html)),
        (_, Some(Value::String(text))) => (text, None),
        _ => {
            return Err(Error::Other {
                source_name: name,
                message: format!(
                    "has neither a \"{}\" nor a \"{}\" string field",
                    fields.html, fields.text
                ),
            })
        }
    };
    let read = ReadOptions {
        format: options.read.format.or(format),
        ..options.read.clone()
    };
    let mut source = input::decode(&name, body.into_bytes(), &read)?;
    source.fetched_from = url.map(|u| (u, format!("jsonl:{}", fields.url)));
    let mut record = crate::clean_with(&source, options);
    record.extra = (!object.is_empty()).then_some(object);
    Ok(record)
}

/// A JSONL object's fields other than the ones pith reads.
pub type Extra = Map<String, Value>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_with_html_id_url_and_extra_fields() {
        let line = r#"{"id": "doc-1", "url": "https://www.example.org/a", "html": "<p>The harbour reopened on Monday after three weeks of repairs to the sea wall.</p>", "crawl": 7}"#;
        let record = clean_line(line, "in.jsonl:1", &Fields::default(), &crate::Options::default());
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(record.source, "doc-1");
        assert_eq!(record.format, Format::Html);
        assert_eq!(record.provenance.url.as_deref(), Some("https://www.example.org/a"));
        assert_eq!(record.provenance.host.as_deref(), Some("example.org"));
        assert_eq!(
            record.extra.as_ref().and_then(|e| e.get("crawl")),
            Some(&Value::from(7))
        );
        assert!(record.text.starts_with("The harbour reopened"));
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        for line in ["{not json", "[1, 2]", r#"{"id": "x"}"#] {
            let error = clean_line(line, "in.jsonl:3", &Fields::default(), &crate::Options::default()).err();
            let message = error.map(|e| e.to_string()).unwrap_or_default();
            assert!(message.contains("in.jsonl:3") || message.contains('x'), "{message}");
        }
    }
}
