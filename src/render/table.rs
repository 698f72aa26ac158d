//! Records as CSV rows (`pith clean --csv`): one row per document under one header row.
//! Quoting is the `csv` crate's: a field holding a comma, a quote or a line break is quoted,
//! its quotes doubled; rows end in `\n`.

use crate::Record;

/// The columns, in order. `authors` are joined with `; `; a field that is not known is empty.
pub const CSV_COLUMNS: [&str; 12] = [
    "source",
    "title",
    "authors",
    "published",
    "url",
    "host",
    "outlet",
    "section",
    "language",
    "page_type",
    "confidence",
    "text",
];

/// The header row.
pub fn csv_header() -> String {
    csv_line(&CSV_COLUMNS)
}

/// One document as a row of [`CSV_COLUMNS`].
pub fn csv_row(record: &Record) -> String {
    let p = &record.provenance;
    let known = |value: &Option<String>| value.clone().unwrap_or_default();
    let row: [String; 12] = [
        record.source.clone(),
        known(&p.title),
        p.authors.join("; "),
        known(&p.published),
        known(&p.url),
        known(&p.host),
        known(&p.outlet),
        known(&p.section),
        known(&p.language),
        record.page_type.map(|t| t.id().to_string()).unwrap_or_default(),
        record.confidence.map(|c| c.to_string()).unwrap_or_default(),
        record.text.clone(),
    ];
    csv_line(&row)
}

fn csv_line<S: AsRef<[u8]>>(fields: &[S]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into memory does not fail.
    let _ = writer.write_record(fields);
    writer
        .into_inner()
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_breaks_are_quoted() {
        assert_eq!(
            csv_line(&["a", "b,c", "say \"hi\"", "two\nlines", ""]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\n"
        );
        assert_eq!(csv_header().lines().count(), 1);
    }
}
