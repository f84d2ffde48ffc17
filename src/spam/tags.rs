//! Injected tags: empty elements with random ids, classes or other attributes,
//! rare or invented tag names, one random value shared across many tags.
//!
//! The cluster is judged, never one element: real pages have empty placeholders
//! (`<span id="total"></span>`) and real `<bdo dir="rtl">` text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// An element as the injected-tag detector sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementView<'a> {
    /// Lowercase tag name.
    pub name: &'a str,
    /// Attributes, in source order.
    pub attrs: Vec<(&'a str, &'a str)>,
    /// Whether the element has no children and no text.
    pub empty: bool,
}

/// Tags a page uses for layout and placeholders: empty ones are ordinary.
fn ordinary_empty(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "span"
            | "p"
            | "a"
            | "i"
            | "td"
            | "th"
            | "tr"
            | "li"
            | "ul"
            | "script"
            | "style"
            | "iframe"
            | "canvas"
            | "svg"
            | "br"
            | "hr"
            | "img"
            | "input"
            | "meta"
            | "link"
            | "textarea"
            | "select"
            | "option"
            | "button"
            | "label"
            | "section"
            | "ins"
            | "video"
            | "audio"
            | "source"
            | "param"
            | "embed"
            | "object"
            | "noscript"
            | "em"
            | "strong"
            | "b"
            | "font"
            | "center"
            | "table"
            | "tbody"
            | "form"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "article"
            | "aside"
            | "figure"
            | "picture"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// Whether an attribute value looks generated: short runs of lowercase letters
/// with few vowels (`glmru`), or letters and digits mixed (`x7k2p9`), and not a
/// value the attribute legitimately takes.
pub(crate) fn random_value(attr: &str, value: &str) -> bool {
    // Kits put their noise in these attributes; `name`, `href`, `src` carry
    // meaning (`<a name="ref1">` anchors).
    if !matches!(
        attr,
        "id" | "class" | "lang" | "dir" | "draggable" | "title"
    ) {
        return false;
    }
    let legit = match attr {
        "dir" => matches!(value, "rtl" | "ltr" | "auto"),
        "draggable" => matches!(value, "true" | "false" | "auto"),
        "lang" => value.len() <= 3 || value.contains('-'),
        _ => false,
    };
    if legit || !(4..=12).contains(&value.len()) {
        return false;
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return false;
    }
    let letters = value.bytes().filter(u8::is_ascii_lowercase).count();
    let vowels = value.bytes().filter(|b| b"aeiouy".contains(b)).count();
    // Digits between letters (`x7k2p9`), not a counter at the end (`ref1`, `p12`).
    let interleaved = value
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .bytes()
        .any(|b| b.is_ascii_digit())
        && letters >= 2;
    // Five or more letters with at most one vowel (`glmru`, `xkcdq`).
    let unpronounceable = letters == value.len() && letters >= 5 && vowels <= 1;
    interleaved || unpronounceable
}

/// Given the empty elements of a document in order, returns the indices of those
/// judged injected, and the evidence. A value shared by two or more elements with
/// random-looking values, or three or more empty rare elements with random
/// values, make a cluster.
///
/// ```
/// use textwash::spam::{ElementView, find_injected};
/// let e = |name, id| ElementView { name, attrs: vec![("id", id)], empty: true };
/// let (found, _) = find_injected(&[e("bdo", "glmru"), e("dfn", "glmru"), e("span", "total")]);
/// assert_eq!(found, [0, 1]);
/// let (found, _) = find_injected(&[e("span", "total")]);
/// assert!(found.is_empty());
/// ```
pub fn find_injected(elements: &[ElementView<'_>]) -> (Vec<usize>, String) {
    let mut by_value: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut suspects = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        // Kits inject empty phrasing noise; elements that load something (ad
        // iframes share random ids too) or link somewhere are not that.
        let loads = e
            .attrs
            .iter()
            .any(|(k, _)| matches!(*k, "src" | "href" | "data-src"));
        let embedded = matches!(
            e.name,
            "iframe"
                | "script"
                | "img"
                | "embed"
                | "object"
                | "video"
                | "audio"
                | "source"
                | "link"
                | "meta"
                | "input"
                | "canvas"
                | "a"
                | "param"
                | "track"
        );
        if !e.empty || loads || embedded {
            continue;
        }
        let random: Vec<(&str, &str)> = e
            .attrs
            .iter()
            .filter(|(k, v)| random_value(k, v))
            .map(|(k, v)| (*k, *v))
            .collect();
        if random.is_empty() {
            continue;
        }
        for (k, v) in &random {
            // A class shared by many elements is what classes are for; an id
            // (or a lang, dir, draggable) shared by several is not, and neither
            // is a random class on rare elements.
            if *k != "class" || !ordinary_empty(e.name) {
                by_value.entry(v).or_default().push(i);
            }
        }
        if !ordinary_empty(e.name) || e.attrs.len() == random.len() {
            suspects.push(i);
        }
    }
    let mut found: Vec<usize> = Vec::new();
    let mut shared: Vec<&str> = Vec::new();
    for (value, members) in &by_value {
        if members.len() >= 2 {
            found.extend(members);
            shared.push(value);
        }
    }
    let rare_names = suspects
        .iter()
        .filter(|&&i| !ordinary_empty(elements[i].name))
        .count();
    if rare_names >= 3 {
        found.extend(&suspects);
    }
    found.sort_unstable();
    found.dedup();
    let reason = if found.is_empty() {
        String::new()
    } else {
        shared.sort_unstable();
        format!(
            "{} empty elements with random attribute values{}{}",
            found.len(),
            if shared.is_empty() { "" } else { ", shared: " },
            shared.join(", ")
        )
    };
    (found, reason)
}

static EMPTY_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s<>"']+))*)\s*>\s*</([a-zA-Z][a-zA-Z0-9]*)\s*>"#)
        .expect("tag pattern compiles")
});

static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([a-zA-Z-]+)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s<>"']+))"#)
        .expect("attribute pattern compiles")
});

/// An empty element written out as text: its span, lowercase name, attributes.
pub(crate) type LiteralTag = (Range<usize>, String, Vec<(String, String)>);

/// Empty elements written out as text (`<bdo id="glmru"></bdo>`): byte spans in
/// `text`, and each one's lowercase name and attributes.
pub(crate) fn literal_empty_tags(text: &str) -> Vec<LiteralTag> {
    if !text.contains("</") {
        return Vec::new();
    }
    EMPTY_TAG
        .captures_iter(text)
        .filter(|c| c[1].eq_ignore_ascii_case(&c[3]))
        .filter_map(|c| {
            let whole = c.get(0)?;
            let attrs = ATTR
                .captures_iter(&c[2])
                .map(|a| {
                    let v = a
                        .get(2)
                        .or(a.get(3))
                        .or(a.get(4))
                        .map_or("", |m| m.as_str());
                    (a[1].to_ascii_lowercase(), v.to_owned())
                })
                .collect();
            Some((whole.range(), c[1].to_ascii_lowercase(), attrs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_values() {
        assert!(random_value("id", "glmru"));
        assert!(random_value("class", "x7k2p9"));
        assert!(!random_value("id", "ref1"));
        assert!(!random_value("class", "text"));
        assert!(!random_value("name", "glmru"));
        assert!(!random_value("id", "total"));
        assert!(!random_value("id", "content"));
        assert!(!random_value("dir", "rtl"));
        assert!(!random_value("lang", "zh-cn"));
    }

    #[test]
    fn literal_tags_are_found() {
        let tags = literal_empty_tags("<bdo id=\"glmru\"></bdo>\n正文<dfn id='glmru'></dfn>");
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].1, "bdo");
        assert_eq!(tags[1].2, [("id".to_owned(), "glmru".to_owned())]);
    }

    #[test]
    fn real_rtl_text_and_placeholders_stay() {
        let e = |name, attrs: Vec<(&'static str, &'static str)>, empty| ElementView {
            name,
            attrs,
            empty,
        };
        let elements = [
            e("bdo", vec![("dir", "rtl")], false),
            e("span", vec![("id", "total")], true),
            e("div", vec![("class", "clear")], true),
        ];
        assert!(find_injected(&elements).0.is_empty());
        // Ad iframes share a random id and are not injected noise.
        let ads = [
            e(
                "iframe",
                vec![("id", "aec0bb85"), ("src", "http://ads.example.com/a")],
                true,
            ),
            e(
                "iframe",
                vec![("id", "aec0bb85"), ("src", "http://ads.example.com/b")],
                true,
            ),
        ];
        assert!(find_injected(&ads).0.is_empty());
    }
}
