//! The page textwash was created from, as a spam mirror served it
//! (tests/data/spam/seed, see its SOURCE.md), comes out as its article.

mod common;

use common::score;

fn seed(name: &str) -> String {
    std::fs::read_to_string(common::test_data(&format!("spam/seed/{name}"))).unwrap()
}

#[test]
fn the_seed_comes_out_as_its_article() {
    let page = seed("spam-mirror-page.txt");
    let expected = seed("expected-body.txt");
    let meta: serde_json::Value = serde_json::from_str(&seed("expected.json")).unwrap();
    let article = textwash::clean(page.as_bytes());

    let (p, r, f) = score::f1(&expected, &article.text, true);
    println!("seed char-F1 {f:.4} (P {p:.4}, R {r:.4})");
    assert!(f >= 0.99, "char-F1 {f}\n---\n{}", article.text);
    assert_eq!(article.title.as_deref(), meta["title"].as_str());
    assert_eq!(article.published.as_deref(), meta["published"].as_str());
    assert_eq!(article.source.as_deref(), meta["source"].as_str());
    for s in meta["must_not_contain"].as_array().unwrap() {
        let s = s.as_str().unwrap();
        assert!(!article.text.contains(s), "{s:?} survived");
        assert!(
            !article.title.as_deref().unwrap_or("").contains(s),
            "{s:?} in the title"
        );
    }
    let flags: Vec<&str> = article.flags.iter().map(|f| f.as_str()).collect();
    for flag in [
        "hijacked_title",
        "injected_tags",
        "pinyin_annotations",
        "machine_traditional",
    ] {
        assert!(flags.contains(&flag), "{flag} not in {flags:?}");
    }
    assert_eq!(article.verdict, textwash::Verdict::Repaired);
}
