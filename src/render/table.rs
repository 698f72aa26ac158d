//! Records as CSV rows (`pith clean --csv`): one row per document under one header row.
//! Quoting is the `csv` crate's: a field holding a comma, a quote or a line break is quoted,
//! its quotes doubled; rows end in `\n`.

use std::io::Write;

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

/// Writes the header row.
pub fn write_csv_header(out: &mut impl Write) -> std::io::Result<()> {
    write_csv_line(out, &CSV_COLUMNS)
}

/// Writes one document as a row of [`CSV_COLUMNS`], its body straight from the record.
pub fn write_csv_row(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    let p = &record.provenance;
    fn known(value: &Option<String>) -> &str {
        value.as_deref().unwrap_or_default()
    }
    let authors = p.authors.join("; ");
    let page_type = record.page_type.map(|t| t.id().to_string()).unwrap_or_default();
    let confidence = record.confidence.map(|c| c.to_string()).unwrap_or_default();
    let row: [&str; 12] = [
        &record.source,
        known(&p.title),
        &authors,
        known(&p.published),
        known(&p.url),
        known(&p.host),
        known(&p.outlet),
        known(&p.section),
        known(&p.language),
        &page_type,
        &confidence,
        &record.text,
    ];
    write_csv_line(out, &row)
}

fn write_csv_line<S: AsRef<[u8]>>(out: &mut impl Write, fields: &[S]) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(fields)?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(fields: &[&str]) -> String {
        let mut out = Vec::new();
        assert!(write_csv_line(&mut out, fields).is_ok());
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn fields_with_commas_quotes_and_breaks_are_quoted() {
        assert_eq!(
            line(&["a", "b,c", "say \"hi\"", "two\nlines", ""]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\n"
        );
        assert_eq!(line(&CSV_COLUMNS).lines().count(), 1);
    }
}
