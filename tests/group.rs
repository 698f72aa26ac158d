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

/// A copy that kept only the first part of an article (a truncated syndication) joins the
/// article's group by containment; `--no-containment` leaves it apart, as Jaccard alone does.
#[test]
fn a_truncated_copy_joins_its_article_unless_containment_is_off() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let article = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/003_cfd07240930c966c.txt"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let paragraphs: Vec<&str> = article.split("\n\n").collect();
    let kept = paragraphs.len() * 2 / 5;
    let truncated = paragraphs[..kept].join("\n\n") + "\n";
    std::fs::write(dir.path().join("a-article.txt"), &article).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("b-truncated.txt"), truncated).unwrap_or_else(|e| panic!("{e}"));
    let groups = |flags: &[&str]| -> Vec<usize> {
        let out = Command::cargo_bin("pith")
            .unwrap_or_else(|e| panic!("{e}"))
            .args(["group", "--jsonl", "-q"])
            .args(flags)
            .arg(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|g| g["members"].as_array().map_or(0, Vec::len))
            .collect()
    };
    assert_eq!(groups(&[]), vec![2]);
    assert_eq!(groups(&["--no-containment"]), vec![1, 1]);
    let both = Command::cargo_bin("pith")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["group", "--containment", "0.9", "--no-containment"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(both.status.code(), Some(2), "the two flags contradict each other");
}
