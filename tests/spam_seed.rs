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

/// The corpus preset also restores full-width punctuation: its width changes
/// compose with the pinyin and Traditional ones they touch (a comma after a
/// converted character once broke that composition).
#[test]
fn the_seed_in_the_corpus_preset_gets_full_width_punctuation() {
    let page = seed("spam-mirror-page.txt");
    let article = textwash::Cleaner::new()
        .corpus_preset()
        .clean(page.as_bytes());
    assert!(
        article
            .text
            .contains("在福建厦门，质量成为这个城市发展中的最美元素。")
    );
    assert!(!article.text.contains("(zhì)"));
    assert!(article.changes.iter().any(|c| c.reason.contains("; then ")));
}

/// The seed as a spam mirror serves it in HTML: the hijacked `<title>`, the
/// injected tags as elements, a hidden link farm, the article in paragraphs.
fn seed_html() -> String {
    let page = seed("spam-mirror-page.txt");
    let mut lines = page.lines();
    let title = lines.next().unwrap_or_default();
    let mut html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\n\
         <div style=\"position:absolute;left:-9999px\"><a href=\"http://x.example/1\">在线观看精品国产</a>\
         <a href=\"http://x.example/2\">一区二区无码</a><a href=\"http://x.example/3\">亚洲аv激情</a></div>\n<div class=\"content\">\n"
    );
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('<') {
            html.push_str(line);
            html.push('\n');
        } else {
            html.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    html.push_str("</div></body></html>\n");
    html
}

#[test]
fn the_seed_as_html_comes_out_as_its_article() {
    let expected = seed("expected-body.txt");
    let meta: serde_json::Value = serde_json::from_str(&seed("expected.json")).unwrap();
    let article = textwash::clean(seed_html().as_bytes());
    let (p, r, f) = score::f1(&expected, &article.text, true);
    println!("seed as HTML: char-F1 {f:.4} (P {p:.4}, R {r:.4})");
    assert!(f >= 0.97, "char-F1 {f}\n---\n{}", article.text);
    assert_eq!(article.title.as_deref(), meta["title"].as_str());
    assert_eq!(article.published.as_deref(), meta["published"].as_str());
    for s in meta["must_not_contain"].as_array().unwrap() {
        let s = s.as_str().unwrap();
        assert!(!article.text.contains(s), "{s:?} survived");
    }
    for flag in [
        "hijacked_title",
        "injected_tags",
        "hidden_blocks",
        "pinyin_annotations",
        "machine_traditional",
    ] {
        assert!(
            article.flags.iter().any(|f| f.as_str() == flag),
            "{flag} not in {:?}",
            article.flags
        );
    }
}
