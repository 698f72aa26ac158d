use std::io::Read;
fn main() {
    for path in std::env::args().skip(1) {
        let mut bytes = Vec::new();
        let Ok(file) = std::fs::File::open(&path) else { continue };
        if flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes).is_err() {
            continue;
        }
        let Ok(source) = pith::input::decode("x.html", bytes, &pith::input::ReadOptions::default()) else {
            continue;
        };
        let document = scraper::Html::parse_document(&source.text);
        println!(
            "{path}: {:#?}",
            pith::provenance::html_meta::extract(&document, &source.text)
        );
    }
}
