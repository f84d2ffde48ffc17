//! Finding the article in a page: scores for blocks of text, by density,
//! punctuation (CJK `，。、；：！？` counts as sentence evidence: comma counting
//! undercounts Chinese) and links; the best container with its related siblings.

use std::sync::LazyLock;

use html5ever::{LocalName, local_name};
use regex::Regex;

use super::dom::{Data, Dom, NodeId};

/// `class` and `id` words of containers that hold an article.
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|zhengwen|正文|内容|newstext|news_txt|artic|cont(?:[^a]|$)")
        .expect("pattern compiles")
});

/// `class` and `id` values that name an article's body outright.
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)entry-content|post-content|article-body|article-content|article__body|articlebody|story-body|post-body|content-body|body-text|articletext|article_content|post_text|text_con|txtcont|article-text|news-content|news_content|content_text|tpl_content|cont_article")
        .expect("pattern compiles")
});

/// Readability's "unlikely candidates": `class` and `id` words of comments,
/// sidebars and footers, unless an article word is there too.
static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)-ad-|banner|breadcrumbs|combx|comment|community|disqus|footer|gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|pinglun|xiangguan|tuijian")
        .expect("pattern compiles")
});
static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)and|article|body|column|content|main|shadow").expect("pattern compiles")
});

fn unlikely(dom: &Dom, id: NodeId) -> bool {
    let names = [dom.attr(id, "class"), dom.attr(id, "id")];
    names.iter().flatten().any(|v| UNLIKELY.is_match(v))
        && !names.iter().flatten().any(|v| MAYBE.is_match(v))
}

/// Whether a node's `class` or `id` names a comment (`comment-body`, `reply`).
fn is_comment(dom: &Dom, id: NodeId) -> bool {
    [dom.attr(id, "class"), dom.attr(id, "id")]
        .iter()
        .flatten()
        .any(|v| COMMENT.is_match(v))
}

static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)comment|reply|replies|pinglun").expect("pattern compiles"));

/// `class` and `id` words of page chrome.
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)hidden|^hid$|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|relate|recommend|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|breadcrumb|crumb|copyright|pager|pagination|advert|^ad-|-ad-|_ad_|adsense|nav|menu|login|subscribe|social|rank|hotnews|hot_|hotlist|jiathis|bdshare|weibo|qrcode|erweima|editor_|reply|pinglun|xiangguan|tuijian")
        .expect("pattern compiles")
});

/// Elements that never hold article text. (`<form>` is not one: ASP.NET pages
/// wrap their whole body in one.)
pub(crate) fn skipped(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("svg")
            | local_name!("canvas")
            | local_name!("button")
            | local_name!("select")
            | local_name!("input")
            | local_name!("textarea")
            | local_name!("nav")
            | local_name!("head")
            | local_name!("marquee")
            | local_name!("noscript")
            | local_name!("map")
            | local_name!("audio")
            | local_name!("video")
    )
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// `char::is_alphabetic`, without its table lookup for the characters most
/// of the text of the pages is in: ASCII, Latin-1 and Cyrillic letters, the
/// CJK Unified Ideographs (all letters), typographic punctuation (none).
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphabetic(),
        '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{FF}' | '\u{410}'..='\u{44F}' | '\u{4E00}'..='\u{9FFF}' => true,
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// The visible characters of `text` (not white space), and of them how many
/// are sentence punctuation and how many CJK. ASCII, most of the text of many
/// pages, takes a shorter path than the Unicode checks.
fn visible_counts(text: &str) -> (u32, u32, u32) {
    let (mut chars, mut punct, mut cjk) = (0u32, 0u32, 0u32);
    for c in text.chars() {
        if c.is_ascii() {
            if !matches!(c, ' ' | '\t'..='\r') {
                chars += 1;
                punct += u32::from(matches!(c, ',' | '.' | ';' | '!' | '?'));
            }
        } else if !c.is_whitespace() {
            chars += 1;
            punct += u32::from(is_punct(c));
            cjk += u32::from(is_cjk(c));
        }
    }
    (chars, punct, cjk)
}

/// Sentence punctuation, Chinese and Western.
fn is_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '！' | '？' | ',' | '.' | ';' | '!' | '?'
    )
}

/// Per-node text statistics, summed bottom-up.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Stats {
    /// Visible characters (no white space).
    pub chars: u32,
    /// Of which inside links.
    pub link_chars: u32,
    pub punct: u32,
    /// Of which inside links.
    pub link_punct: u32,
    pub links: u32,
    /// CJK characters.
    pub cjk: u32,
    /// `<p>` and `<br>` under the node.
    pub paragraphs: u32,
    /// `<article>` and `itemprop=articleBody` elements under the node, itself
    /// included, that are not comments.
    pub articles: u32,
}

impl Stats {
    pub(crate) fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Whether a node is a link: an `<a>` with an `href`. A named anchor (`<a
/// name=top>`) is not, and an unclosed one is reconstructed by the HTML parser
/// around everything after it, so counting it would make a whole article link text.
pub(crate) fn is_link(dom: &Dom, id: NodeId) -> bool {
    dom.is(id, &local_name!("a")) && dom.attr(id, "href").is_some() && !is_prose(dom, id)
}

/// Whether the text under a link is prose: paragraphs of sentences (a video
/// page's whole transcript linking to its text version), not a headline.
/// Looks no further than it needs to.
fn is_prose(dom: &Dom, id: NodeId) -> bool {
    const PROSE_CHARS: u32 = 200;
    const PROSE_SENTENCES: u32 = 3;
    let (mut chars, mut sentences) = (0u32, 0u32);
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        match &dom.nodes[n].data {
            Data::Text(t) => {
                for c in t.chars().filter(|c| !c.is_whitespace()) {
                    chars += 1;
                    sentences += u32::from(matches!(c, '。' | '！' | '？' | '.' | '!' | '?'));
                }
                if chars >= PROSE_CHARS && sentences >= PROSE_SENTENCES {
                    return true;
                }
            }
            _ => stack.extend(dom.children(n).iter().copied()),
        }
    }
    false
}

/// Statistics of every node, computed in one bottom-up pass (children come after
/// their parent in the arena only mostly, so the order is taken from a
/// traversal). `removed` nodes count for nothing.
pub(crate) fn stats(dom: &Dom, removed: &[bool]) -> Vec<Stats> {
    let mut order: Vec<NodeId> = Vec::with_capacity(dom.nodes.len());
    let mut stack = vec![Dom::ROOT];
    while let Some(id) = stack.pop() {
        if removed[id] {
            continue;
        }
        order.push(id);
        // Scripts and styles are often most of a page's bytes: not text.
        if dom.name(id).is_some_and(skipped) {
            continue;
        }
        stack.extend(dom.children(id).iter().copied());
    }
    let mut stats = vec![Stats::default(); dom.nodes.len()];
    let mut link = vec![false; dom.nodes.len()];
    let mut in_link = vec![false; dom.nodes.len()];
    for &id in &order {
        link[id] = is_link(dom, id);
        let parent_linked = dom.nodes[id].parent.is_some_and(|p| in_link[p]);
        in_link[id] = link[id] || parent_linked;
    }
    for &id in order.iter().rev() {
        let mut s = Stats::default();
        match &dom.nodes[id].data {
            Data::Text(t) => {
                (s.chars, s.punct, s.cjk) = visible_counts(t);
                if in_link[id] {
                    s.link_chars = s.chars;
                    s.link_punct = s.punct;
                }
            }
            Data::Element { .. } => {
                if let Some(name) = dom.name(id) {
                    if skipped(name) {
                        stats[id] = s;
                        continue;
                    }
                    s.links += u32::from(link[id]);
                    s.paragraphs +=
                        u32::from(matches!(*name, local_name!("p") | local_name!("br")));
                    // A comment is an `<article>` too.
                    s.articles += u32::from(
                        (*name == local_name!("article")
                            || dom.attr(id, "itemprop") == Some("articleBody"))
                            && !is_comment(dom, id),
                    );
                }
                for &c in dom.children(id) {
                    let cs = stats[c];
                    s.chars += cs.chars;
                    s.link_chars += cs.link_chars;
                    s.punct += cs.punct;
                    s.link_punct += cs.link_punct;
                    s.links += cs.links;
                    s.cjk += cs.cjk;
                    s.paragraphs += cs.paragraphs;
                    s.articles += cs.articles;
                }
            }
            _ => {}
        }
        stats[id] = s;
    }
    stats
}

/// The weight of a node's `class` and `id`: +25 for article words, -25 for
/// chrome words.
pub(crate) fn class_weight(dom: &Dom, id: NodeId) -> f32 {
    let mut w = 0.0;
    for attr in ["class", "id"] {
        if let Some(v) = dom.attr(id, attr) {
            if NEGATIVE.is_match(v) {
                w -= 25.0;
            }
            if POSITIVE.is_match(v) {
                w += 25.0;
            }
        }
    }
    w
}

/// Whether a node's `class` or `id` names chrome, and no article word.
pub(crate) fn chrome_class(dom: &Dom, id: NodeId) -> bool {
    let names = [dom.attr(id, "class"), dom.attr(id, "id")];
    let neg = names.iter().flatten().any(|v| NEGATIVE.is_match(v));
    let pos = names.iter().flatten().any(|v| POSITIVE.is_match(v));
    neg && !pos
}

/// The text of a node's own text children (not of its child elements).
fn own_text_chars(dom: &Dom, id: NodeId) -> u32 {
    dom.children(id)
        .iter()
        .filter_map(|&c| match &dom.nodes[c].data {
            Data::Text(t) => Some(t.chars().filter(|c| !c.is_whitespace()).count() as u32),
            _ => None,
        })
        .sum()
}

/// How much a candidate that holds the headline or starts right after it
/// weighs more: on a page with a short article, teasers and notices elsewhere
/// can score as high.
const HEADLINE_BONUS: f32 = 1.5;

/// How many characters of text (a dateline, a source) may sit between the
/// headline and the start of the article.
const HEADLINE_GAP: u32 = 200;

/// Where the page's headline is, in characters of text from the start of the
/// page.
pub(crate) struct Near {
    /// Visible characters before each node, in document order.
    start: Vec<u32>,
    headline: NodeId,
}

impl Near {
    fn new(dom: &Dom, removed: &[bool], headline: NodeId) -> Near {
        let mut start = vec![0u32; dom.nodes.len()];
        let mut at = 0u32;
        let mut stack = vec![Dom::ROOT];
        while let Some(id) = stack.pop() {
            if removed[id] {
                continue;
            }
            start[id] = at;
            match &dom.nodes[id].data {
                Data::Text(t) => {
                    at += t.chars().filter(|c| !c.is_whitespace()).count() as u32;
                }
                _ if dom.name(id).is_some_and(skipped) => {}
                _ => stack.extend(dom.children(id).iter().rev().copied()),
            }
        }
        Near { start, headline }
    }

    /// Whether `id` starts within [`HEADLINE_GAP`] characters after the headline.
    fn follows(&self, id: NodeId, stats: &[Stats]) -> bool {
        let headline_end = self.start[self.headline] + stats[self.headline].chars;
        let start = self.start[id];
        start >= headline_end && start - headline_end <= HEADLINE_GAP
    }
}

/// The page's headline element: the first `<h1>` (else `<h2>`, `<h3>`) whose
/// words are mostly words of the page title: an SEO title can reword the
/// headline (`Chasing Instagram Analytics, My Friend Became a Grocery Store`
/// over `Why My Friend Became a Grocery Store on Instagram`) and add the site
/// name.
pub(crate) fn headline_anchor(
    dom: &Dom,
    removed: &[bool],
    title: Option<&str>,
    og_title: Option<&str>,
) -> Option<NodeId> {
    let titles: Vec<Vec<String>> = [og_title, title]
        .into_iter()
        .flatten()
        .map(title_words)
        .filter(|w| w.len() >= 3)
        .collect();
    if titles.is_empty() {
        return None;
    }
    let mut best: Option<(NodeId, u8)> = None;
    for id in dom.descendants(Dom::ROOT) {
        let rank = match dom.name(id) {
            Some(&local_name!("h1")) => 3,
            Some(&local_name!("h2")) => 2,
            Some(&local_name!("h3")) => 1,
            _ => continue,
        };
        if removed[id] || best.is_some_and(|(_, r)| r >= rank) {
            continue;
        }
        let text = dom.text(id);
        if text.chars().count() > 200 {
            continue;
        }
        let words = title_words(&text);
        if words.len() < 3 {
            continue;
        }
        let agrees = titles.iter().any(|t| {
            let shared = words.iter().filter(|w| t.contains(w)).count();
            shared * 10 >= words.len() * 7
        });
        if agrees {
            best = Some((id, rank));
        }
    }
    best.map(|(id, _)| id)
}

/// The words of a title, lowercased: runs of letters and digits, and each Han,
/// kana or Hangul character on its own.
fn title_words(title: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in title.chars() {
        if is_cjk(c) || !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if is_cjk(c) {
                words.push(c.to_string());
            }
        } else {
            word.extend(c.to_lowercase());
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The candidates with the same element name and class as `top`, not nested
/// with it, that score at least a quarter as high, in document order. On a
/// blog page or a forum thread, `top` is one of several posts; in an article
/// between ad rails, one of several chunks.
fn repeated(
    dom: &Dom,
    candidates: &[NodeId],
    score: &[f32],
    order: &[u32],
    top: NodeId,
) -> Vec<NodeId> {
    let Some(class) = dom.attr(top, "class").filter(|c| !c.trim().is_empty()) else {
        return Vec::new();
    };
    let name = dom.name(top);
    let mut found: Vec<NodeId> = candidates
        .iter()
        .copied()
        .filter(|&c| {
            c != top
                && score[c] * 4.0 >= score[top]
                && dom.name(c) == name
                && dom.attr(c, "class") == Some(class)
                && !dom.is_ancestor(c, top)
                && !dom.is_ancestor(top, c)
        })
        .collect();
    found.sort_by_key(|&c| order[c]);
    found
}

/// The element that holds `top` and the `chunks` of the same kind, when it
/// holds little else: an article split into chunks between ad rails.
fn chunks_wrapper(dom: &Dom, stats: &[Stats], top: NodeId, chunks: &[NodeId]) -> Option<NodeId> {
    if chunks.is_empty() {
        return None;
    }
    let mut wrapper = dom.nodes[top].parent?;
    while !chunks.iter().all(|&c| dom.is_ancestor(wrapper, c)) {
        wrapper = dom.nodes[wrapper].parent?;
    }
    let text = |n: NodeId| stats[n].chars - stats[n].link_chars.min(stats[n].chars);
    let chunked: u32 = chunks.iter().map(|&c| text(c)).sum::<u32>() + text(top);
    (text(wrapper) * 2 <= chunked * 3).then_some(wrapper)
}

/// The position of every node in document order.
fn preorder(dom: &Dom) -> Vec<u32> {
    let mut order = vec![0u32; dom.nodes.len()];
    let mut stack = vec![Dom::ROOT];
    let mut at = 0u32;
    while let Some(id) = stack.pop() {
        order[id] = at;
        at += 1;
        stack.extend(dom.children(id).iter().rev().copied());
    }
    order
}

/// The chosen article: the top container and the siblings that belong with it.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub nodes: Vec<NodeId>,
}

/// Text in an article shorter than this (visible characters outside links) makes
/// the first pass suspect: the unlikely-candidate filter may have hidden the
/// article (a `Page-ad-margins` wrapper around a whole page).
const SHORT_ARTICLE: u32 = 250;

/// Scores the paragraphs of the page into their ancestors and picks the best
/// container. `None` when nothing on the page reads like an article.
///
/// Like Readability, a first pass skips unlikely candidates (comments,
/// sidebars); when that leaves less than [`SHORT_ARTICLE`] of text, a second
/// pass without the filter is taken if it finds more.
pub(crate) fn choose(
    dom: &Dom,
    removed: &[bool],
    stats: &[Stats],
    headline: Option<NodeId>,
) -> Option<Choice> {
    let near = headline.map(|h| Near::new(dom, removed, h));
    let text = |c: &Choice| -> u32 {
        c.nodes
            .iter()
            .map(|&n| stats[n].chars - stats[n].link_chars.min(stats[n].chars))
            .sum()
    };
    let strict = choose_with(dom, removed, stats, near.as_ref(), true);
    let found = strict.as_ref().map_or(0, text);
    if found >= SHORT_ARTICLE {
        return strict;
    }
    match choose_with(dom, removed, stats, near.as_ref(), false) {
        Some(lenient) if text(&lenient) > found.max(1) * 2 => Some(lenient),
        _ => strict,
    }
}

fn choose_with(
    dom: &Dom,
    removed: &[bool],
    stats: &[Stats],
    near: Option<&Near>,
    skip_unlikely: bool,
) -> Option<Choice> {
    let mut score = vec![0.0f32; dom.nodes.len()];
    let mut initialized = vec![false; dom.nodes.len()];
    let mut candidates: Vec<NodeId> = Vec::new();
    let init = |id: NodeId,
                score: &mut Vec<f32>,
                initialized: &mut Vec<bool>,
                candidates: &mut Vec<NodeId>| {
        if initialized[id] {
            return;
        }
        initialized[id] = true;
        candidates.push(id);
        // Names matched as atoms: one comparison each, no string compare.
        let base = match dom.name(id) {
            Some(
                &(local_name!("div")
                | local_name!("article")
                | local_name!("section")
                | local_name!("main")),
            ) => 5.0,
            Some(&(local_name!("pre") | local_name!("td") | local_name!("blockquote"))) => 3.0,
            Some(
                &(local_name!("address")
                | local_name!("ol")
                | local_name!("ul")
                | local_name!("dl")
                | local_name!("dd")
                | local_name!("dt")
                | local_name!("li")),
            ) => -3.0,
            Some(
                &(local_name!("h1")
                | local_name!("h2")
                | local_name!("h3")
                | local_name!("h4")
                | local_name!("h5")
                | local_name!("h6")
                | local_name!("th")),
            ) => -5.0,
            _ => 0.0,
        };
        let body = dom.attr(id, "itemprop").is_some_and(|p| p == "articleBody")
            || [dom.attr(id, "class"), dom.attr(id, "id")]
                .iter()
                .flatten()
                .any(|v| BODY.is_match(v));
        score[id] += base + class_weight(dom, id) + if body { 15.0 } else { 0.0 };
    };
    let mut stack = vec![Dom::ROOT];
    while let Some(id) = stack.pop() {
        if removed[id] {
            continue;
        }
        let Some(name) = dom.name(id) else {
            stack.extend(dom.children(id).iter().copied());
            continue;
        };
        // Comments, sidebars, footers and the like are not scored at all (unless
        // they also carry an article word): their text can outweigh a short
        // article (Readability's "unlikely candidates").
        // A node that holds the page's article element is no sidebar, whatever
        // its class says (`container penci_sidebar` around a whole post).
        if skipped(name)
            || (skip_unlikely
                && !matches!(
                    *name,
                    local_name!("body")
                        | local_name!("html")
                        | local_name!("article")
                        | local_name!("main")
                )
                && stats[id].articles == 0
                && unlikely(dom, id))
        {
            continue;
        }
        stack.extend(dom.children(id).iter().copied());
        // Paragraph-like nodes: <p>, <pre>, <td>, and containers with their own
        // text (Chinese pages often put text in <div>s with <br>s).
        // Counted once, where needed.
        let mut own_text = None;
        let mut own_chars = || *own_text.get_or_insert_with(|| own_text_chars(dom, id));
        let paragraph = match *name {
            local_name!("p")
            | local_name!("pre")
            | local_name!("td")
            | local_name!("blockquote") => true,
            local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("font")
            | local_name!("span")
            | local_name!("center")
            | local_name!("dl")
            | local_name!("dd")
            | local_name!("a") => own_chars() >= 20,
            _ => false,
        };
        if !paragraph {
            continue;
        }
        let s = stats[id];
        let text = s.chars - s.link_chars.min(s.chars);
        if text < 20 {
            continue;
        }
        // Copyright notices, disclaimers, share and comment prompts read like
        // sentences; on a page with a short article they would outscore it.
        if s.chars <= 200 && crate::spam::chrome_line(&dom.text(id)).is_some() {
            continue;
        }
        // Sentences in link text are headlines of other articles.
        let punct = s.punct - s.link_punct.min(s.punct);
        let gain = 1.0 + (punct.min(40) as f32) + (text as f32 / 100.0).min(3.0);
        let mut ancestor = dom.nodes[id].parent;
        let mut level = 0;
        // The paragraph itself counts too, when it is a container.
        if !matches!(*name, local_name!("p") | local_name!("li")) && own_chars() >= 20 {
            init(id, &mut score, &mut initialized, &mut candidates);
            score[id] += gain;
        }
        while let Some(a) = ancestor {
            if level >= 3 || dom.name(a).is_none() {
                break;
            }
            init(a, &mut score, &mut initialized, &mut candidates);
            score[a] += gain / [1.0, 2.0, 3.0][level];
            level += 1;
            ancestor = dom.nodes[a].parent;
        }
    }
    let mut best: Option<(NodeId, f32)> = None;
    let mut best_near: Option<(NodeId, f32)> = None;
    for &c in &candidates {
        let s = score[c] * (1.0 - stats[c].link_density());
        score[c] = s;
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
        let s = if near.is_some_and(|n| n.follows(c, stats)) {
            s * HEADLINE_BONUS
        } else {
            s
        };
        if best_near.is_none_or(|(_, b)| s > b) {
            best_near = Some((c, s));
        }
    }
    // The bonus decides between rivals in different places of the page, not
    // between an article and the wrapper around it (which starts earlier).
    let (mut top, mut top_score) = best?;
    if let Some((n, _)) = best_near {
        if !dom.is_ancestor(n, top) && !dom.is_ancestor(top, n) {
            (top, top_score) = (n, score[n]);
        }
    }
    // Posts of a blog page or a forum thread repeat one structure: the first
    // (scoring at least half as high) is the article, the topic; the rest are
    // older posts or replies. Under a headline that names the page, repeated
    // blocks are chunks of one article.
    let order = preorder(dom);
    let repeated = repeated(dom, &candidates, &score, &order, top);
    if near.is_none() {
        if let Some(&first) = repeated
            .iter()
            .find(|&&f| score[f] * 2.0 >= score[top])
            .filter(|&&f| order[f] < order[top])
        {
            (top, top_score) = (first, score[first]);
        }
    } else if let Some(wrapper) = chunks_wrapper(dom, stats, top, &repeated) {
        (top, top_score) = (wrapper, score[wrapper]);
    }
    // Climb while the parent holds much more text of the same kind: articles split
    // into several scored blocks share one container.
    if let Some(parent) = dom.nodes[top].parent {
        if dom
            .name(parent)
            .is_some_and(|n| !matches!(*n, local_name!("body") | local_name!("html")))
            && score[parent] > top_score * 0.9
            && stats[parent].link_density() < 0.3
        {
            top = parent;
        }
    }
    let threshold = (top_score * 0.35).max(10.0);
    let mut nodes = Vec::new();
    match dom.nodes[top].parent {
        Some(parent) => {
            for &sib in dom.children(parent) {
                if removed[sib] {
                    continue;
                }
                if sib == top {
                    nodes.push(sib);
                    continue;
                }
                let s = stats[sib];
                let related = (initialized[sib] && score[sib] >= threshold)
                    || (dom.is(sib, &local_name!("p"))
                        && ((s.chars > 80 && s.link_density() < 0.25)
                            || (s.chars > 0 && s.link_chars == 0 && s.punct > 0)));
                if related && !chrome_class(dom, sib) {
                    nodes.push(sib);
                }
            }
        }
        None => nodes.push(top),
    }
    Some(Choice { nodes })
}

#[cfg(test)]
mod tests {
    #[test]
    fn visible_counts_agree_with_the_unicode_checks() {
        let text = "Hello, world! \t\n\x0B\x0C\r 中文，。、；：！？ é\u{A0}\u{3000}x.?;ｱ";
        let visible: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let expected = (
            visible.len() as u32,
            visible.iter().filter(|&&c| super::is_punct(c)).count() as u32,
            visible.iter().filter(|&&c| super::is_cjk(c)).count() as u32,
        );
        assert_eq!(super::visible_counts(text), expected);
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
