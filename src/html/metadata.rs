//! Article metadata from the page's own signals: `<meta>` tags, OpenGraph,
//! JSON-LD, `<time>`, `<link rel=canonical>`, `<html lang>`.

use std::sync::LazyLock;

use html5ever::local_name;
use regex::Regex;

use super::dom::{Dom, NodeId};

/// What the head and the markup say about the article.
#[derive(Debug, Clone, Default)]
pub(crate) struct Signals {
    pub title: Option<String>,
    pub og_title: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub canonical: Option<String>,
    pub base: Option<String>,
    pub description: Option<String>,
}

/// JSON-LD fields read with patterns rather than a JSON parser: three string
/// fields do not justify a JSON dependency in the library, and broken JSON-LD is
/// common enough that a lenient read is the better one.
static LD_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"([^"]+)""#).expect("pattern compiles"));
static LD_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""author"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*"([^"]+)"|"([^"]+)")"#)
        .expect("pattern compiles")
});
static LD_HEADLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""headline"\s*:\s*"([^"]+)""#).expect("pattern compiles"));

pub(crate) fn read(dom: &Dom) -> Signals {
    let mut s = Signals::default();
    let mut ld_headline = None;
    for id in dom.descendants(Dom::ROOT) {
        let Some(name) = dom.name(id) else { continue };
        match *name {
            local_name!("html") => {
                s.language = dom
                    .attr(id, "lang")
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty());
            }
            local_name!("title") if s.title.is_none() => {
                let t = collapse(&dom.text(id));
                if !t.is_empty() {
                    s.title = Some(t);
                }
            }
            local_name!("base") if s.base.is_none() => {
                s.base = dom.attr(id, "href").map(str::to_owned)
            }
            local_name!("link") => {
                let rel = dom.attr(id, "rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    s.canonical = dom.attr(id, "href").map(str::to_owned);
                }
            }
            local_name!("meta") => meta(dom, id, &mut s),
            local_name!("time") if s.published.is_none() => {
                if let Some(d) = dom.attr(id, "datetime").and_then(crate::meta::find_date) {
                    s.published = Some(d);
                }
            }
            local_name!("script")
                if dom.attr(id, "type").is_some_and(|t| t.contains("ld+json")) =>
            {
                let json = dom.text(id);
                if s.published.is_none() {
                    s.published = LD_DATE
                        .captures(&json)
                        .and_then(|c| crate::meta::find_date(&c[1]));
                }
                if s.author.is_none() {
                    s.author = LD_AUTHOR
                        .captures(&json)
                        .and_then(|c| c.get(1).or(c.get(2)))
                        .and_then(|m| crate::meta::person_name(&unescape_json(m.as_str())));
                }
                if ld_headline.is_none() {
                    ld_headline = LD_HEADLINE.captures(&json).map(|c| unescape_json(&c[1]));
                }
            }
            _ => {}
        }
        // `itemprop` microdata anywhere in the page.
        if let Some(prop) = dom.attr(id, "itemprop") {
            // Only where it is read: an `itemprop=articleBody` holds the article.
            let value = || {
                dom.attr(id, "content")
                    .or_else(|| dom.attr(id, "datetime"))
                    .map(str::to_owned)
                    .unwrap_or_else(|| collapse(&dom.text(id)))
            };
            match prop {
                "datePublished" if s.published.is_none() => {
                    s.published = crate::meta::find_date(&value())
                }
                "author" if s.author.is_none() => {
                    let value = value();
                    if value.chars().count() <= 40 {
                        s.author = crate::meta::person_name(&value)
                    }
                }
                _ => {}
            }
        }
    }
    if s.og_title.is_none() {
        s.og_title = ld_headline;
    }
    s
}

fn meta(dom: &Dom, id: NodeId, s: &mut Signals) {
    let key = dom
        .attr(id, "property")
        .or_else(|| dom.attr(id, "name"))
        .or_else(|| dom.attr(id, "itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = dom
        .attr(id, "content")
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    else {
        return;
    };
    match key.as_str() {
        "og:title" | "twitter:title" if s.og_title.is_none() => {
            s.og_title = Some(collapse(content))
        }
        "og:site_name" | "application-name" if s.site_name.is_none() => {
            s.site_name = Some(content.to_owned())
        }
        "description" | "og:description" if s.description.is_none() => {
            s.description = Some(content.to_owned())
        }
        "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
        | "parsely-author"
            if s.author.is_none() =>
        {
            s.author = crate::meta::person_name(content)
        }
        "article:published_time"
        | "og:published_time"
        | "pubdate"
        | "publishdate"
        | "publish_date"
        | "publish-date"
        | "publish_time"
        | "publishtime"
        | "datepublished"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
        | "pub_date"
        | "created"
        | "weibo: article:create_at"
            if s.published.is_none() =>
        {
            s.published = crate::meta::find_date(content)
        }
        _ => {}
    }
    if dom
        .attr(id, "http-equiv")
        .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
        && s.language.is_none()
    {
        s.language = Some(content.to_owned());
    }
}

/// The fields of a comment some Chinese news systems (Founder's ENP) put at the
/// top of an article page: `<!--enpproperty <date>2011-12-08</date><author>记者
/// 张三</author><title>标题</title>… /enpproperty-->`. Fills in what the markup
/// did not say.
pub(crate) fn read_cms_comment(html: &str, s: &mut Signals) {
    // memchr's SIMD search: every page is searched, few have the comment.
    let Some(start) = memchr::memmem::find(html.as_bytes(), b"<!--enpproperty") else {
        return;
    };
    let rest = &html[start..];
    let comment = &rest[..rest.find("-->").unwrap_or(rest.len())];
    let field = |name: &str| {
        let open = format!("<{name}>");
        let from = comment.find(&open)? + open.len();
        let to = from + comment[from..].find("</")?;
        Some(comment[from..to].trim()).filter(|v| !v.is_empty())
    };
    if s.published.is_none() {
        s.published = field("date").and_then(crate::meta::find_date);
    }
    if s.author.is_none() {
        s.author = field("author").and_then(crate::meta::person_name);
    }
    if s.og_title.is_none() {
        s.og_title = field("title").map(collapse);
    }
}

/// A JSON string's escapes resolved (`\u5b89` is `安`), leniently: what is not
/// an escape stays as written.
fn unescape_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let hex4 = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
        let digits: String = chars.by_ref().take(4).collect();
        u32::from_str_radix(&digits, 16)
            .ok()
            .filter(|_| digits.len() == 4)
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let Some(unit) = hex4(&mut chars) else {
                    continue;
                };
                let code = if (0xD800..0xDC00).contains(&unit) {
                    // A surrogate pair: `\ud83d\ude00`.
                    let low = (chars.next() == Some('\\') && chars.next() == Some('u'))
                        .then(|| hex4(&mut chars))
                        .flatten()
                        .unwrap_or(0);
                    0x10000 + ((unit - 0xD800) << 10) + low.wrapping_sub(0xDC00)
                } else {
                    unit
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// White space collapsed to single spaces, trimmed.
///
/// White space is HTML's (ASCII space, tab, line ends, form feed) and the
/// no-break space of `&nbsp;`; the ideographic space U+3000 is text (Chinese
/// writes it between a dateline and the story, and to indent) and stays.
pub(crate) fn collapse(text: &str) -> String {
    // Scanned as bytes: the spaces are ASCII or U+00A0 (C2 A0, whose lead byte
    // is never inside another character), so words are cut at char boundaries.
    let mut out = String::with_capacity(text.len());
    let word = |start: usize, end: usize, out: &mut String| {
        if start < end {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&text[start..end]);
        }
    };
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let space = match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\x0C' | b'\r' => 1,
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => 2,
            _ => {
                i += 1;
                continue;
            }
        };
        word(start, i, &mut out);
        i += space;
        start = i;
    }
    word(start, bytes.len(), &mut out);
    out
}

/// `href` resolved against `base`.
///
/// Hand-written rather than the `url` crate: resolving links for display needs
/// only the scheme, host and directory of the base, and `url` would bring IDNA
/// and Unicode tables into the library's dependencies.
pub(crate) fn resolve(base: Option<&str>, href: &str) -> String {
    let href = href.trim();
    if href.is_empty()
        || href.contains("://")
        || href.starts_with("data:")
        || href.starts_with("mailto:")
    {
        return href.to_owned();
    }
    let Some(base) = base.filter(|b| b.contains("://")) else {
        return href.to_owned();
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
    if let Some(protocol_relative) = href.strip_prefix("//") {
        return format!("{scheme}://{protocol_relative}");
    }
    let host_end = rest.find('/').unwrap_or(rest.len());
    let host = &rest[..host_end];
    if href.starts_with('/') {
        return format!("{scheme}://{host}{href}");
    }
    let path = rest[host_end..].split(['?', '#']).next().unwrap_or("");
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for part in href.split('/') {
        match part {
            "." => {}
            ".." => {
                segments.pop();
            }
            p => segments.push(p),
        }
    }
    format!("{scheme}://{host}/{}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn collapse_is_split_on_spaces_and_join() {
        let by_words = |text: &str| {
            text.split(|c: char| c.is_ascii_whitespace() || c == '\u{A0}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for text in [
            "",
            " ",
            "a",
            "  a \t b\n\r\x0C c  ",
            "\u{A0}x\u{A0}\u{A0}y\u{A0}",
            "中\u{3000}文 \u{A0} 字\x0B!",
            "é\u{A0}ü  \u{2003}ñ",
        ] {
            assert_eq!(super::collapse(text), by_words(text), "{text:?}");
        }
    }

    use super::*;

    #[test]
    fn reads_the_cms_comment() {
        let html = "<!--enpproperty <date>2011-12-14 18:10:52.0</date><author>记者 傅大伟</author>\
            <title>地铁故障演练</title><keyword></keyword>/enpproperty--><html></html>";
        let mut s = Signals::default();
        read_cms_comment(html, &mut s);
        assert_eq!(s.published.as_deref(), Some("2011-12-14 18:10:52"));
        assert_eq!(s.author.as_deref(), Some("傅大伟"));
        assert_eq!(s.og_title.as_deref(), Some("地铁故障演练"));
        assert_eq!(unescape_json(r#"\ud83d\ude00 \"x\" \u00"#), "😀 \"x\" ");
    }

    #[test]
    fn resolves_relative_urls() {
        let base = Some("http://news.example.cn/a/b/page.html?x=1");
        assert_eq!(
            resolve(base, "img/1.jpg"),
            "http://news.example.cn/a/b/img/1.jpg"
        );
        assert_eq!(resolve(base, "../1.jpg"), "http://news.example.cn/a/1.jpg");
        assert_eq!(resolve(base, "/1.jpg"), "http://news.example.cn/1.jpg");
        assert_eq!(
            resolve(base, "//cdn.example.cn/1.jpg"),
            "http://cdn.example.cn/1.jpg"
        );
        assert_eq!(resolve(base, "https://x.cn/1.jpg"), "https://x.cn/1.jpg");
        assert_eq!(resolve(None, "1.jpg"), "1.jpg");
    }

    #[test]
    fn reads_head_signals() {
        let dom = Dom::parse(
            r#"<html lang="zh-CN"><head><title>标题 - 新浪新闻</title>
            <meta property="og:site_name" content="新浪新闻">
            <meta name="author" content="张三">
            <meta property="article:published_time" content="2022-09-27T11:06:26+08:00">
            <link rel="canonical" href="https://news.sina.com.cn/a.html"></head><body></body></html>"#,
        );
        let s = read(&dom);
        assert_eq!(s.title.as_deref(), Some("标题 - 新浪新闻"));
        assert_eq!(s.site_name.as_deref(), Some("新浪新闻"));
        assert_eq!(s.author.as_deref(), Some("张三"));
        assert_eq!(s.published.as_deref(), Some("2022-09-27 11:06:26"));
        assert_eq!(s.language.as_deref(), Some("zh-CN"));
        let dom = Dom::parse(
            r#"<html><head><meta name="author" content="网易">
            <script type="application/ld+json">{"author": {"@type": "Person", "name": "\u5b89\u4e1c\u5c3c"}}</script>
            </head><body></body></html>"#,
        );
        assert_eq!(read(&dom).author.as_deref(), Some("安东尼"));
        assert_eq!(
            s.canonical.as_deref(),
            Some("https://news.sina.com.cn/a.html")
        );
    }
}
