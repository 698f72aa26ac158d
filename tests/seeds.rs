//! The acceptance checks on the five seed articles.

use std::path::PathBuf;

fn clean(name: &str) -> pith::Record {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name);
    match pith::clean_path(&path, &pith::Options::default()) {
        Ok(record) => record,
        Err(e) => panic!("{e}"),
    }
}

const MT_TEXT: &str = "000_3cf22583a51e9ceb.txt";
const MT_MARKDOWN: &str = "001_2faf6ce82c38984a.txt";

#[test]
fn both_moscow_times_scrapes_give_the_same_body() {
    assert_eq!(clean(MT_TEXT).text, clean(MT_MARKDOWN).text);
}

#[test]
fn donation_appeal_is_gone() {
    let body = clean(MT_TEXT).text;
    for gone in [
        "A Message from The Moscow Times",
        "Dear readers",
        "unprecedented challenges",
        "Your support",
        "Remind me later",
        "paiment",
    ] {
        assert!(!body.contains(gone), "{gone:?} stayed in the body");
    }
    assert!(body
        .trim_end()
        .ends_with("“On that, there is clear agreement,” he said."));
}

#[test]
fn markdown_scrape_loses_its_furniture() {
    let record = clean(MT_MARKDOWN);
    let body = &record.text;
    for gone in [
        "Why Are We Handing",
        "Pyotr Kozlov",
        "February 13, 2025",
        "flickr",
        "Related article",
        "Original url",
        "themoscowtimes.com",
    ] {
        assert!(!body.contains(gone), "{gone:?} stayed in the body");
    }
    assert!(
        body.contains("raised concerns that Kyiv may be sidelined"),
        "the split paragraph was not rejoined"
    );
    assert!(
        body.contains("a surprise phone call between"),
        "inline link markup was not flattened"
    );
}

#[test]
fn markdown_scrape_provenance() {
    let p = clean(MT_MARKDOWN).provenance;
    assert_eq!(
        p.title.as_deref(),
        Some("‘Why Are We Handing Russia What It Wants?’: EU’s Chief Diplomat Blasts U.S. Over Ukraine")
    );
    assert_eq!(p.authors, vec!["Pyotr Kozlov".to_string()]);
    assert_eq!(p.published.as_deref(), Some("2025-02-13"));
    assert_eq!(
        p.url.as_deref(),
        Some("https://www.themoscowtimes.com/2025/02/13/why-are-we-handing-russia-what-it-wants-eus-chief-diplomat-blasts-us-over-ukraine-a87993")
    );
    assert_eq!(p.host.as_deref(), Some("themoscowtimes.com"));
    assert_eq!(p.outlet.as_deref(), Some("The Moscow Times"));
    for field in ["title", "authors", "published", "url", "host", "outlet"] {
        assert!(p.evidence.contains_key(field), "no evidence for {field}");
    }
}

#[test]
fn text_scrape_names_its_outlet() {
    let p = clean(MT_TEXT).provenance;
    assert_eq!(p.outlet.as_deref(), Some("The Moscow Times"));
    assert_eq!(
        p.evidence.get("outlet").map(|e| e.rule.as_str()),
        Some("outlet-self-naming")
    );
    assert_eq!(p.title, None);
    assert_eq!(p.published, None);
}

#[test]
fn press_tv_furniture_is_gone() {
    let record = clean("003_cfd07240930c966c.txt");
    for gone in [
        "News   /   EU",
        "European leaders warn US against",
        "(Photo by Reuters)",
        "alternate addresses",
        "www.presstv.co.uk",
        "SHARE THIS ARTICLE",
        "Press TV News Roku",
    ] {
        assert!(!record.text.contains(gone), "{gone:?} stayed in the body");
    }
    let p = record.provenance;
    assert_eq!(
        p.title.as_deref(),
        Some("European leaders warn US against Ukraine deal with Russia 'behind our backs'")
    );
    assert_eq!(p.outlet.as_deref(), Some("Press TV"));
    assert_eq!(p.section.as_deref(), Some("EU"));
}

#[test]
fn clean_articles_lose_nothing() {
    for name in ["002_afc870d9edf609b6.txt", "004_73f6c8b27e53c62e.txt"] {
        let record = clean(name);
        assert!(
            record.segments.iter().all(|s| s.keep),
            "{name} lost a block: {:?}",
            record.segments.iter().find(|s| !s.keep)
        );
    }
    let body = clean("004_73f6c8b27e53c62e.txt").text;
    assert!(body.contains("\n\nRutte, a Man of Profile\n\n") && body.contains("\n\nAllied Response\n\n"));
}

#[test]
fn every_fixture_restores_byte_for_byte() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for sub in ["", "rules", "bad"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                continue;
            }
            let Ok(record) = pith::clean_path(&path, &pith::Options::default()) else {
                continue;
            };
            let json = serde_json::to_string(&record).unwrap_or_default();
            let back: pith::Record = match serde_json::from_str(&json) {
                Ok(r) => r,
                Err(e) => panic!("{}: record does not read back: {e}", path.display()),
            };
            let original = std::fs::read(&path).unwrap_or_default();
            assert_eq!(
                back.restore().ok(),
                Some(original),
                "{} does not restore",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} fixtures checked");
}
