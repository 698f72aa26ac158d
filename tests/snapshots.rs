//! Snapshot tests: the JSON record and the explain view of every fixture, kept in `snapshots/`.

use std::path::Path;

fn record_for(path: &Path) -> Result<pith::Record, pith::Error> {
    let mut record = pith::clean_path(path, &pith::Options::default())?;
    // Snapshots name fixtures relative to the fixtures folder, wherever the tests run from.
    record.source = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    Ok(record)
}

fn snapshot_all(pattern: &str) {
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("../fixtures", pattern, |path| {
            match record_for(path) {
                Ok(record) => {
                    insta::assert_json_snapshot!("record", record, {
                        ".provenance.pith_version" => "[version]",
                    });
                    insta::assert_snapshot!("explain", pith::render::explain(&record, false));
                }
                Err(error) => insta::assert_snapshot!("error", error.to_string().replace(concat!(env!("CARGO_MANIFEST_DIR"), "/"), "")),
            }
        });
    });
}

#[test]
fn seeds() {
    snapshot_all("0*.txt");
}

#[test]
fn rules() {
    snapshot_all("rules/*");
}

#[test]
fn bad_inputs() {
    snapshot_all("bad/*");
}

#[test]
fn html_pages() {
    snapshot_all("html/*.html");
}

/// Every shape `pith clean` writes, for the pages made to test them (`fixtures/shapes/`): the
/// markdown with front matter, links and images, the CSV, the XML and the HTML page.
#[test]
fn output_shapes() {
    use pith::render::Shape;
    let mut options = pith::Options::default();
    options.body.links = true;
    options.body.images = true;
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("../fixtures", "shapes/*.html", |path| {
            let mut record = pith::clean_path(path, &options).unwrap_or_else(|e| panic!("{e}"));
            record.source = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(path)
                .display()
                .to_string();
            let shapes = [
                ("markdown --with-metadata --links --images", Shape::Markdown),
                ("csv", Shape::Csv),
                ("xml", Shape::Xml),
                ("html", Shape::Html),
            ];
            let all: String = shapes
                .iter()
                .map(|(name, shape)| format!("==> {name} <==\n{}\n", shape.file(&record, true)))
                .collect();
            insta::assert_snapshot!("shapes", all);
        });
    });
}
