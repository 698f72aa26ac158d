use super::*;

#[test]
fn a_member_too_far_from_the_canonical_body_for_an_exact_diff_is_marked_coarse() {
    let options = crate::Options::default();
    let page = b"The harbour reopened on Monday after three weeks of repairs to the sea wall.\n";
    let Ok(source) = crate::input::decode("a.txt", page.to_vec(), &options.read) else {
        panic!("decode");
    };
    let record = |text: String| {
        let mut record = crate::clean(&source);
        record.text = text;
        record
    };
    // 30,000 words, and a copy with every other one changed: 30,000 tokens apart. The words
    // left as they were anchor the coarse diff, so each change is found all the same.
    let words: Vec<String> = (0..30_000).map(|i| format!("w{i}")).collect();
    let canonical = record(words.join(" "));
    let changed: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| if i % 2 == 1 { format!("{w}s") } else { w.clone() })
        .collect();
    let far = record(changed.join(" "));
    let near = record(words.join(" ").replacen("w5 ", "w6 ", 1));
    let group = group_of(&[&canonical, &far, &near]);
    let coarse: Vec<bool> = group.members.iter().map(|m| m.coarse).collect();
    assert_eq!(coarse, vec![false, true, false]);
    let Ok(json) = serde_json::to_value(&group) else {
        panic!("serialise");
    };
    let written: Vec<Option<&serde_json::Value>> = (0..3).map(|i| json["members"][i].get("coarse")).collect();
    assert_eq!(written, vec![None, Some(&serde_json::Value::Bool(true)), None]);
    let Some(far) = group.members.get(1) else {
        panic!("three members");
    };
    assert_eq!((far.words_added, far.words_removed), (15_000, 15_000));
}

#[test]
fn identical_texts_have_identical_signatures() {
    let a = signature("The harbour reopened on Monday after three weeks of repairs to the sea wall.");
    let b = signature("The harbour reopened on Monday after three weeks of repairs to the sea wall.");
    assert_eq!(a.similarity(&b), 1.0);
}

#[test]
fn small_edits_stay_similar_and_other_texts_do_not() {
    let base = "The harbour reopened on Monday after three weeks of repairs to the sea wall, the port \
                authority said in a statement. More than forty ships docked by the end of the week, and \
                officials expected traffic to return to normal within a month, they said on Friday.";
    let edited = base.replace("forty", "fifty");
    let other = "The orchestra announced its new season on Friday, with twelve premieres and a tour of \
                 South America planned for the spring, its conductor said at a press conference.";
    let (a, b, c) = (signature(base), signature(&edited), signature(other));
    assert!(
        a.similarity(&b) >= GroupOptions::default().threshold,
        "{}",
        a.similarity(&b)
    );
    assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
    let groups = cluster(&[a, c, b], GroupOptions::default());
    assert_eq!(groups, vec![vec![0, 2], vec![1]]);
}

/// A copy of a Chinese article with one number changed is a copy: its shingles are a few
/// characters each. (Split at whitespace only, each paragraph was one "word", so one changed
/// character changed every shingle that held its paragraph.)
#[test]
fn chinese_copies_with_an_edit_stay_similar() {
    let base = "港口在经过三周的海堤维修后于周一重新开放。港务局在一份声明中表示，到周末已有四十多艘船停靠。\n\n\
                官员们预计交通将在一个月内恢复正常，他们在周五表示。\n\n\
                该港口是该地区最繁忙的港口之一，每年处理数百万吨货物。";
    let edited = base.replace("四十", "五十");
    let other = "管弦乐团周五宣布了新乐季，其中包括十二场首演和春季南美巡演，指挥在新闻发布会上说。";
    let (a, b, c) = (signature(base), signature(&edited), signature(other));
    assert!(a.similarity(&b) > 0.5, "{}", a.similarity(&b));
    assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
    assert_eq!(cluster(&[a, c, b], GroupOptions::default()), vec![vec![0, 2], vec![1]]);
}

/// Words numbered from `from` to `to` of a vocabulary of its own (`tag`), so that two
/// vocabularies share no shingle.
fn numbered(tag: &str, from: usize, to: usize) -> String {
    (from..to).map(|i| format!("{tag}{i}")).collect::<Vec<_>>().join(" ")
}

#[test]
fn a_word_hashes_alike_in_any_case_and_unlike_another_word() {
    assert_eq!(word_hash("Word"), word_hash("word"));
    assert_eq!(word_hash("WORD"), word_hash("word"));
    assert_ne!(word_hash("word"), word_hash("words"));
    assert_eq!(word_hash("Über"), word_hash("über"));
    assert_ne!(word_hash("über"), word_hash("uber"));
    // A capital sigma ending a word is a final sigma, as `str::to_lowercase` spells it.
    assert_eq!(word_hash("ΟΔΟΣ"), word_hash("οδος"));
    assert_ne!(word_hash("ΟΔΟΣ"), word_hash("οδοσ"));
    assert_eq!(word_hash("ΣΟΦΙΑ"), word_hash("σοφια"));
    // İ lower-cases to two characters (i and a combining dot).
    assert_eq!(word_hash("İstanbul"), word_hash("i\u{307}stanbul"));
}

/// Per word [`signature`] once lower-cased every word into a String; the word hash must
/// hash the same bytes.
#[test]
fn word_hash_reads_the_bytes_to_lowercase_makes() {
    let reference = |w: &str| mix(fnv1a(FNV_OFFSET, w.to_lowercase().as_bytes()));
    for word in [
        "a", "Word", "ǅemal", "ẞ", "ΌΣΟΣ", "ΣΣ", "Σ", "AΣ", "ΑΣ_1", "東京", "ﬁre", "K",
    ] {
        assert_eq!(word_hash(word), reference(word), "{word}");
    }
    proptest::proptest!(|(word in "\\PC{0,12}")| {
        proptest::prop_assert_eq!(word_hash(&word), reference(&word));
    });
}

#[test]
fn short_and_empty_texts_are_signed_as_before() {
    // Fewer words than a shingle: one shingle of them all, in any case.
    let short = signature("Budget passed today");
    assert_eq!(short.similarity(&signature("budget PASSED Today")), 1.0);
    assert_eq!(short.similarity(&signature("Budget failed today")), 0.0);
    assert!(short.slots.iter().all(|v| *v != EMPTY));
    // No words: every slot empty, in no band, like no other body.
    for empty in ["", " \n\t ", "— … !"] {
        let sig = signature(empty);
        assert_eq!(sig.slots, vec![EMPTY; HASHES], "{empty:?}");
        assert!((0..BANDS).all(|band| sig.band_key(band).is_none()));
        assert_eq!(sig.similarity(&sig), 0.0);
    }
}

/// One permutation leaves most slots of a short body empty; densification fills them all.
#[test]
fn densified_signatures_have_no_empty_slot() {
    for words in [1, 4, 5, 6, 12, 50, 127, 128, 400, 3000] {
        let sig = signature(&numbered("w", 0, words));
        assert_eq!(sig.slots.len(), HASHES);
        assert!(sig.slots.iter().all(|v| *v != EMPTY), "{words} words");
    }
}

/// An empty slot copies a slot a shingle reached, never another empty one; the slots that
/// were reached keep their values.
#[test]
fn densification_copies_reached_slots_only() {
    let mut slots = [EMPTY; HASHES];
    slots[3] = 30;
    slots[77] = 770;
    densify(&mut slots);
    assert_eq!((slots[3], slots[77]), (30, 770));
    assert!(slots.iter().all(|v| *v == 30 || *v == 770));
    // Each slot probes in an order of its own, so both values are copied.
    let copies_of_30 = slots.iter().filter(|v| **v == 30).count();
    assert!((20..=108).contains(&copies_of_30), "{copies_of_30}");
    let mut again = [EMPTY; HASHES];
    again[3] = 30;
    again[77] = 770;
    densify(&mut again);
    assert_eq!(slots, again);
}

/// The estimate is unbiased whether a body fills most slots or few: over pairs of known
/// Jaccard similarity, the mean estimate is close to the mean truth, and no pair far off.
#[test]
fn estimates_follow_jaccard_similarity() {
    for (length, tolerance) in [(40, 0.25), (200, 0.2), (2000, 0.15)] {
        let (mut truth, mut estimate) = (0.0, 0.0);
        let pairs = 40;
        for pair in 0..pairs {
            let tag = format!("p{pair}x");
            let shift = length * pair / (2 * pairs);
            let a = signature(&numbered(&tag, 0, length));
            let b = signature(&numbered(&tag, shift, length + shift));
            let shingles = (length - SHINGLE + 1) as f32;
            let shared = shingles - shift as f32;
            let jaccard = shared / (2.0 * shingles - shared);
            let estimated = a.similarity(&b);
            assert!(
                (estimated - jaccard).abs() < tolerance,
                "{length} {shift}: {estimated} vs {jaccard}"
            );
            truth += jaccard;
            estimate += estimated;
        }
        let bias = (estimate - truth) / pairs as f32;
        assert!(bias.abs() < 0.03, "{length} words: mean error {bias}");
    }
}

/// A copy that kept the first two fifths of the article (a truncated syndication, a dump
/// that lost the end) is held in it whole at Jaccard similarity 0.4: below the threshold, it
/// joins by containment, and only then.
#[test]
fn a_truncated_copy_joins_the_article_that_holds_it() {
    let article = signature(&numbered("a", 0, 500));
    let truncated = signature(&numbered("a", 0, 200));
    let other = signature(&numbered("b", 0, 500));
    assert!(
        article.similarity(&truncated) < 0.5,
        "{}",
        article.similarity(&truncated)
    );
    let signatures = [article, other, truncated];
    assert_eq!(cluster(&signatures, GroupOptions::default()), vec![vec![0, 2], vec![1]]);
    let jaccard_only = GroupOptions::default().containment(None);
    assert_eq!(cluster(&signatures, jaccard_only), vec![vec![0], vec![1], vec![2]]);
}

/// A body of fewer than CONTAINMENT_MIN_SHINGLES shingles held whole in a longer one (a
/// shipping note on a product page) stays apart, and so does a body held in a body only a
/// few times its length (an excerpt quoted in another text).
#[test]
fn a_short_line_or_an_excerpt_does_not_join_by_containment() {
    let page = signature(&numbered("a", 0, 120));
    let note = signature(&numbered("a", 0, 40));
    assert!(note.shingles < CONTAINMENT_MIN_SHINGLES);
    assert!(
        note.similarity(&page) >= CONTAINMENT_MIN_JACCARD,
        "{}",
        note.similarity(&page)
    );
    assert_eq!(cluster(&[page, note], GroupOptions::default()), vec![vec![0], vec![1]]);
    let long = signature(&numbered("c", 0, 3000));
    let excerpt = signature(&numbered("c", 1000, 1200));
    assert_eq!(
        cluster(&[long, excerpt], GroupOptions::default()),
        vec![vec![0], vec![1]]
    );
}

/// A body held in two articles that are not copies of each other (text both quote, lines a
/// site repeats) joins neither, so it never bridges them into one group.
#[test]
fn a_body_held_in_two_articles_joins_neither() {
    let shared = numbered("p", 0, 100);
    let first = signature(&format!("{} {shared}", numbered("x", 0, 150)));
    let second = signature(&format!("{shared} {}", numbered("y", 0, 150)));
    let held = signature(&shared);
    let signatures = [first, second, held];
    assert_eq!(
        cluster(&signatures, GroupOptions::default()),
        vec![vec![0], vec![1], vec![2]]
    );
    // Held in one of them only, it joins that one.
    let alone = [
        signatures[0].clone(),
        signature(&numbered("z", 0, 250)),
        signatures[2].clone(),
    ];
    assert_eq!(cluster(&alone, GroupOptions::default()), vec![vec![0, 2], vec![1]]);
}

/// A body held in a body held in a third joins both: the longer held body is placed first.
#[test]
fn copies_held_one_in_another_form_one_group() {
    let signatures = [
        signature(&numbered("a", 0, 120)),
        signature(&numbered("a", 0, 1000)),
        signature(&numbered("a", 0, 400)),
    ];
    assert_eq!(cluster(&signatures, GroupOptions::default()), vec![vec![0, 1, 2]]);
}

/// The distinct shingles of a body: repeated ones count once.
#[test]
fn a_signature_counts_distinct_shingles() {
    assert_eq!(signature(&numbered("a", 0, 100)).shingles, 96);
    let twice = format!("{} {}", numbered("a", 0, 100), numbered("a", 0, 100));
    assert_eq!(signature(&twice).shingles, 96 + 4);
    assert_eq!(signature("three short words").shingles, 1);
    assert_eq!(signature("").shingles, 0);
}

#[test]
fn empty_bodies_do_not_group() {
    let groups = cluster(&[signature(""), signature("")], GroupOptions::default());
    assert_eq!(groups.len(), 2);
}
