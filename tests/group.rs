//! Variant groups on the seeds: the two Moscow Times scrapes are one article.

use assert_cmd::Command;

fn groups_of_seeds() -> Vec<serde_json::Value> {
    let out = Command::cargo_bin("pith")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "group",
            "--jsonl",
            "fixtures/000_3cf22583a51e9ceb.txt",
            "fixtures/001_2faf6ce82c38984a.txt",
        ])
        .args([
            "fixtures/002_afc870d9edf609b6.txt",
            "fixtures/003_cfd07240930c966c.txt",
            "fixtures/004_73f6c8b27e53c62e.txt",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

#[test]
fn the_two_moscow_times_scrapes_form_one_group_with_an_empty_diff() {
    let groups = groups_of_seeds();
    assert_eq!(groups.len(), 4, "000+001, then 002, 003, 004 alone");
    let first = &groups[0];
    let sources: Vec<&str> = first["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["source"].as_str())
        .collect();
    assert_eq!(
        sources,
        vec!["fixtures/001_2faf6ce82c38984a.txt", "fixtures/000_3cf22583a51e9ceb.txt"]
    );
    assert_eq!(first["canonical"], "fixtures/001_2faf6ce82c38984a.txt");
    assert!(first["members"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|m| m["diff"] == "" && m["word_similarity"] == 1.0));
    for (i, source) in ["002", "003", "004"].iter().enumerate() {
        let members = groups[i + 1]["members"].as_array().map(Vec::len);
        assert_eq!(members, Some(1));
        assert!(groups[i + 1]["canonical"].as_str().is_some_and(|s| s.contains(source)));
    }
}

#[test]
fn merged_provenance_takes_each_field_from_the_best_evidence() {
    let groups = groups_of_seeds();
    let p = &groups[0]["provenance"];
    assert_eq!(p["authors"][0], "Pyotr Kozlov");
    assert_eq!(p["published"], "2025-02-13");
    assert!(p["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("‘Why Are We Handing Russia")));
    assert!(p["url"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://www.themoscowtimes.com/2025/02/13/")));
    for field in ["title", "authors", "published", "url"] {
        assert_eq!(
            p["evidence"][field]["member"], "fixtures/001_2faf6ce82c38984a.txt",
            "{field}"
        );
    }
    assert_eq!(p["outlet"], "The Moscow Times");
    assert_eq!(p["evidence"]["outlet"]["member"], "fixtures/000_3cf22583a51e9ceb.txt");
    assert_eq!(p["evidence"]["outlet"]["rule"], "outlet-self-naming");
}

#[test]
fn group_ids_are_stable_and_output_is_deterministic() {
    assert_eq!(groups_of_seeds(), groups_of_seeds());
}
