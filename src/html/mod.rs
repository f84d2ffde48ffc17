//! Article HTML: parse with html5ever, take the spam layers out, find the article,
//! drop the chrome, emit normalized HTML and plain text.
//!
//! The normalized HTML uses a small fixed set of elements and attributes:
//! `h2`-`h6`, `p`, `ul`/`ol`/`li`, `blockquote`, `pre`, `table`/`tr`/`th`/`td`,
//! `figure`/`figcaption`, `img` (`src`, absolute when a base URL is known, and
//! `alt`), `br`; no scripts, styles, classes or event handlers; white space
//! collapsed, entities resolved. Plain text has one block (paragraph, heading,
//! list item, table row) a line, blank lines between paragraphs; captions stay
//! with their images.
//!
//! ```
//! use textwash::html::Extractor;
//!
//! let page = r#"<html><head><title>厦门推动高质量发展 - 中国质量新闻网</title></head><body>
//!   <div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
//!   <div class="article">
//!     <h1>厦门推动高质量发展</h1>
//!     <p>2022-09-27 11:06:26 来源：中国质量报</p>
//!     <p>一城春色半城花，万顷波涛拥海来。在福建厦门，质量成为这个城市发展中的最美元素。</p>
//!     <p>厦门市产品质量稳步提升，工业产品、食品、水产品监督抽检合格率均远高于全国平均水平。</p>
//!     <p>(责任编辑:水川)</p>
//!   </div></body></html>"#;
//! let article = Extractor::new().base_url("http://www.cqn.com.cn/zgzlb/content/1.htm").extract(page);
//! assert_eq!(article.title.as_deref(), Some("厦门推动高质量发展"));
//! assert_eq!(article.published.as_deref(), Some("2022-09-27 11:06:26"));
//! assert_eq!(article.source.as_deref(), Some("中国质量报"));
//! assert!(article.text.starts_with("一城春色半城花"));
//! assert!(!article.text.contains("责任编辑"));
//! ```

mod depth;
mod dom;
mod extract;
mod metadata;

#[cfg(feature = "fuzzing")]
pub(crate) use dom::token_filter_agrees;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use html5ever::serialize::{Serialize, SerializeOpts, Serializer, TraversalScope, serialize};
use html5ever::{QualName, local_name, ns};

use crate::article::{Article, Image};
use crate::meta::{Byline, Credit};
use crate::report::{Change, ChangeKind, Flag, Flags, Verdict};
use crate::spam::{
    Chrome, Despammer, ElementView, chrome_line, find_injected, hidden_by_style, judge_title,
    spam_block,
};
use dom::{Data, Dom, NodeId};
use metadata::collapse;
use regex::Regex;

/// A configured article extractor.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    base_url: Option<String>,
    despammer: Despammer,
}

/// A block of the article body.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Paragraph(String),
    Heading(u8, String),
    Item { ordered: bool, text: String },
    Quote(String),
    Pre(String),
    Row { header: bool, cells: Vec<String> },
    Image { src: String, alt: Option<String> },
    Caption(String),
}

impl Block {
    fn text(&self) -> Option<&str> {
        match self {
            Block::Paragraph(t)
            | Block::Heading(_, t)
            | Block::Quote(t)
            | Block::Pre(t)
            | Block::Caption(t) => Some(t),
            Block::Item { text, .. } => Some(text),
            _ => None,
        }
    }

    fn text_mut(&mut self) -> Option<&mut String> {
        match self {
            Block::Paragraph(t)
            | Block::Heading(_, t)
            | Block::Quote(t)
            | Block::Pre(t)
            | Block::Caption(t) => Some(t),
            Block::Item { text, .. } => Some(text),
            _ => None,
        }
    }
}

impl Extractor {
    /// An extractor with the default settings.
    pub fn new() -> Self {
        Extractor::default()
    }

    /// The URL of the page, to resolve relative image and link URLs against.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The spam-layer settings used on the page.
    pub fn despammer(mut self, despammer: Despammer) -> Self {
        self.despammer = despammer;
        self
    }

    /// Finds the article in `html` (already decoded). A page with no article (a
    /// home page, a list of links) gives [`Verdict::Junk`] and no text.
    pub fn extract(&self, html: &str) -> Article {
        let mut dom = Dom::parse(html);
        let article = self.extract_dom(html, &dom);
        // Content only in `<noscript>` (scripts render it for browsers) is what a
        // client without scripts, a crawler, sees: looked at when nothing else is.
        if article.verdict == Verdict::Junk && dom.unwrap_noscript() {
            return self.extract_dom(html, &dom);
        }
        article
    }

    fn extract_dom(&self, html: &str, dom: &Dom) -> Article {
        let mut article = Article::default();
        let mut flags = Flags::empty();
        let mut changes = Vec::new();
        let mut signals = metadata::read(dom);
        metadata::read_cms_comment(html, &mut signals);
        let base = signals
            .base
            .as_deref()
            .map(|b| metadata::resolve(self.base_url.as_deref(), b))
            .or(self.base_url.clone());

        let removed = self.spam_out(dom, &mut flags, &mut changes);
        let stats = extract::stats(dom, &removed);
        let anchor = extract::headline_anchor(
            dom,
            &removed,
            signals.title.as_deref(),
            signals.og_title.as_deref(),
        );
        let choice = extract::choose(dom, &removed, &stats, anchor);

        // The title: a hijacked <title> is no title.
        let page_title = signals.title.clone().filter(|t| {
            let j = judge_title(t);
            if j.hijacked {
                flags.insert(Flag::HijackedTitle);
                changes.push(Change::new(
                    0..0,
                    "",
                    ChangeKind::Spam(crate::spam::Layer::HijackedTitle),
                    j.reason,
                ));
            }
            !j.hijacked
        });
        let headline = headline(
            dom,
            &removed,
            &stats,
            choice.as_ref(),
            page_title.as_deref(),
            signals.og_title.as_deref(),
        );

        let mut blocks = Vec::new();
        let mut link_lines = Vec::new();
        if let Some(choice) = &choice {
            for &n in &choice.nodes {
                collect_blocks(
                    dom,
                    &removed,
                    n,
                    base.as_deref(),
                    &mut blocks,
                    &mut link_lines,
                );
            }
        }
        if !link_lines.is_empty() {
            changes.push(Change::new(
                0..0,
                "",
                ChangeKind::Chrome,
                format!(
                    "{} link lines (related headlines, share and tag links): {}",
                    link_lines.len(),
                    short(&link_lines[0])
                ),
            ));
        }
        // Metadata in the lines around the headline: the dateline, the source,
        // the byline; they are not body text.
        let header = header_text(
            dom,
            &removed,
            headline.as_ref().and_then(|h| h.0),
            choice.as_ref(),
        );
        // A page titled with its site's name (`公共電視台 新聞網`), which the
        // page does not show as a headline: the headline is the line above the
        // body (and its dateline).
        let headline = match headline {
            Some((None, t)) if site_name_only(&t, signals.site_name.as_deref()) => {
                Some((None, line_above_first_paragraph(&header).unwrap_or(t)))
            }
            other => other,
        };
        article.published = signals
            .published
            .clone()
            .or_else(|| header.lines.iter().find_map(|l| crate::meta::find_date(l)));
        article.source = header
            .lines
            .iter()
            .find_map(|l| crate::meta::find_source(l));
        // Who wrote it: the page's metadata, bylines in the header, a credit at
        // the start of the body; more come from the end of the article below.
        let mut credits: Vec<Byline> = Vec::new();
        let reporter = |names| Byline {
            credit: Credit::Reporter,
            names,
        };
        credits.extend(signals.author.clone().map(|names| Byline {
            credit: Credit::Author,
            names,
        }));
        credits.extend(
            header
                .lines
                .iter()
                .filter(|l| l.chars().count() <= 60)
                .filter_map(|l| crate::meta::find_byline(l)),
        );
        // A line of names right under the headline, or under a short line at
        // the top of the body (the headline again) that does not name them:
        // `胡平`.
        let under_short = header.body.windows(2).take(3).filter_map(|w| {
            (w[0].chars().count() <= 40 && !w[0].contains(w[1].as_str())).then_some(&w[1])
        });
        credits.extend(
            header
                .below
                .first()
                .into_iter()
                .chain(under_short)
                .filter_map(|l| crate::meta::names_line(l))
                .map(reporter),
        );
        // A post's header naming its poster with the time: `ggjjzhzz 发表于
        // 2005-9-15 11:46:00`, on one line or two.
        credits.extend(
            header
                .lines
                .iter()
                .filter(|l| l.chars().count() <= 80)
                .filter_map(|l| crate::meta::find_poster(l))
                .chain(poster_before_date(&header.below))
                .chain(poster_before_date(&header.body))
                .map(reporter),
        );
        credits.extend(
            header
                .lines
                .iter()
                .filter_map(|l| crate::meta::find_credit(l)),
        );
        // Text layers first (pinyin inside `版權(quán)` hides a copyright notice),
        // judged on the article's text with the other layers as evidence, and
        // undone block by block.
        let joined: String = blocks
            .iter()
            .filter_map(Block::text)
            .collect::<Vec<_>>()
            .join("\n");
        let diagnosis = self
            .despammer
            .analyze_with_layers(&joined, !flags.is_empty());
        flags.extend(diagnosis.flags());
        for b in &mut blocks {
            if let Some(t) = b.text_mut() {
                let fixed = diagnosis.rewrite(t, &mut changes).into_owned();
                *t = fixed;
            }
        }
        let mut title = headline.as_ref().map(|h| {
            let mut ignore = Vec::new();
            diagnosis.rewrite(&h.1, &mut ignore).into_owned()
        });
        // The author named so far: a line of only that name ends the header.
        article.author = best_credit(&credits);
        let blocks = self.clean_blocks(blocks, &mut title, &mut article, &mut changes);
        // Credits at the end of the article (`（信报记者 蔡雪婧）`), on an editor
        // line taken out as chrome, in the footer of a post
        // (`本贴由 大卫 于…发表`, `作者:zboygirl 阅读(1660)`).
        let tail: Vec<&str> = blocks
            .iter()
            .rev()
            .filter_map(Block::text)
            .take(5)
            .collect();
        credits.extend(tail.iter().filter_map(|l| crate::meta::find_credit(l)));
        let credited = changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Chrome)
            .map(|c| c.reason.as_str());
        credits.extend(
            tail.iter()
                .copied()
                .chain(credited)
                .chain(header.footer.iter().map(String::as_str))
                .filter(|l| l.chars().count() <= 80)
                .filter_map(crate::meta::find_byline),
        );
        // The line that closes a forum post may be followed by its replies:
        // `本贴由 大卫 于2005年8月12日16:12:21在〖…〗发表`.
        let posted = blocks
            .iter()
            .filter_map(Block::text)
            .find(|l| l.chars().count() <= 80 && crate::meta::find_poster(l).is_some());
        let footer_text = header.footer.join(" ");
        credits.extend(
            tail.iter()
                .copied()
                .chain(posted)
                .chain(std::iter::once(footer_text.as_str()))
                .filter_map(crate::meta::find_poster)
                .chain(poster_before_date(&header.footer))
                .map(reporter),
        );
        article.author = best_credit(&credits);
        // A post's date at its end or in its footer (`发表于 2004年12月27日
        // 12:40`); else a date just above the headline (a newspaper's edition).
        if article.published.is_none() {
            article.published = tail
                .iter()
                .rev()
                .copied()
                .chain(posted)
                .chain(header.footer.iter().map(String::as_str))
                .filter(|l| l.chars().count() <= 120 && POSTED.is_match(l))
                .find_map(crate::meta::find_date)
                .or_else(|| header.above.iter().find_map(|l| crate::meta::find_date(l)));
        }

        article.title = title;
        article.site_name = signals.site_name.clone();
        article.language = signals.language.clone().or_else(|| guess_language(&joined));
        article.canonical_url = signals
            .canonical
            .as_deref()
            .map(|c| metadata::resolve(base.as_deref(), c));
        article.text = render_text(&blocks);
        article.html = render_html(&blocks);
        article.images = blocks
            .iter()
            .zip(blocks.iter().skip(1).map(Some).chain(std::iter::once(None)))
            .filter_map(|(b, next)| match b {
                Block::Image { src, alt } => Some(Image {
                    src: src.clone(),
                    alt: alt.clone(),
                    caption: match next {
                        Some(Block::Caption(c)) => Some(c.clone()),
                        _ => None,
                    },
                }),
                _ => None,
            })
            .collect();
        let body_chars = article.text.chars().filter(|c| !c.is_whitespace()).count();
        article.verdict = if body_chars < 40 {
            article.text.clear();
            article.html.clear();
            Verdict::Junk
        } else if flags.is_empty() {
            Verdict::Clean
        } else {
            Verdict::Repaired
        };
        article.flags = flags;
        article.changes = changes;
        article
    }

    /// Marks the spam layers of the markup for removal: hidden blocks of spam,
    /// injected empty tags. Invisible elements that are not spam are dropped from
    /// the article too, without a flag.
    fn spam_out(&self, dom: &Dom, flags: &mut Flags, changes: &mut Vec<Change>) -> Vec<bool> {
        let mut removed = vec![false; dom.nodes.len()];
        let mut empties: Vec<(NodeId, ElementView<'_>)> = Vec::new();
        let mut stack = vec![Dom::ROOT];
        while let Some(id) = stack.pop() {
            let Some(name) = dom.name(id) else {
                stack.extend(dom.children(id).iter().copied());
                continue;
            };
            let style = dom.attr(id, "style").unwrap_or("");
            let hidden = hidden_by_style(style)
                || dom.attr(id, "hidden").is_some()
                || *name == local_name!("marquee");
            if hidden {
                let text = dom.text(id);
                let links = dom
                    .descendants(id)
                    .filter(|&n| dom.is(n, &local_name!("a")))
                    .count();
                let link_text: usize = dom
                    .descendants(id)
                    .filter(|&n| dom.is(n, &local_name!("a")))
                    .map(|n| dom.text(n).chars().filter(|c| !c.is_whitespace()).count())
                    .sum();
                let off_screen_only =
                    !style.to_ascii_lowercase().contains("none") && !style.contains("hidden");
                let spam = spam_block(&text, link_text, links) && !text.trim().is_empty();
                if spam {
                    flags.insert(Flag::HiddenBlocks);
                    changes.push(Change::new(
                        0..0,
                        "",
                        ChangeKind::Spam(crate::spam::Layer::HiddenBlock),
                        format!(
                            "a hidden <{name}> of {} links and {} characters",
                            links,
                            text.chars().count()
                        ),
                    ));
                }
                // Off-screen text that is not spam may be for screen readers: keep.
                if spam || !off_screen_only || *name == local_name!("marquee") {
                    removed[id] = true;
                    continue;
                }
            }
            if dom.children(id).is_empty()
                && !matches!(
                    *name,
                    local_name!("img") | local_name!("br") | local_name!("hr")
                )
            {
                let attrs = dom
                    .attrs(id)
                    .iter()
                    .map(|a| (&*a.name.local, &*a.value))
                    .collect();
                empties.push((
                    id,
                    ElementView {
                        name,
                        attrs,
                        empty: true,
                    },
                ));
            }
            stack.extend(dom.children(id).iter().copied());
        }
        let views: Vec<ElementView<'_>> = empties.iter().map(|(_, v)| v.clone()).collect();
        let (found, reason) = find_injected(&views);
        if !found.is_empty() {
            flags.insert(Flag::InjectedTags);
            changes.push(Change::new(
                0..0,
                "",
                ChangeKind::Spam(crate::spam::Layer::InjectedTags),
                reason,
            ));
            for i in found {
                removed[empties[i].0] = true;
            }
        }
        removed
    }

    /// Drops chrome blocks, the headline and header lines repeated in the body.
    /// When the page gave no title (or a hijacked one), the headline found in
    /// the header of the body becomes the title.
    fn clean_blocks(
        &self,
        blocks: Vec<Block>,
        title: &mut Option<String>,
        article: &mut Article,
        changes: &mut Vec<Change>,
    ) -> Vec<Block> {
        let body_from = self.header_end(&blocks, title, article, changes);
        let title = title.as_deref();
        let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
        let mut in_widget = false;
        let mut seen_text = false;
        for (i, block) in blocks.into_iter().enumerate() {
            if i < body_from && block.text().is_some() {
                continue;
            }
            // A table row is judged on its cells together.
            let joined;
            let text = match (&block, block.text()) {
                (_, Some(text)) => text,
                (Block::Row { cells, .. }, None) => {
                    joined = cells.join(" ");
                    joined.as_str()
                }
                _ => {
                    if !in_widget {
                        out.push(block);
                    }
                    continue;
                }
            };
            if in_widget && matches!(block, Block::Item { .. }) {
                continue;
            }
            in_widget = false;
            // The headline again at the top of the body.
            if !seen_text && title.is_some_and(|t| collapse(t) == collapse(text)) {
                continue;
            }
            // Datelines and bylines at the top of the body are metadata.
            if !seen_text && text.chars().count() <= 80 {
                if let Some((date, source)) = crate::meta::dateline(text) {
                    article.published.get_or_insert(date);
                    if article.source.is_none() {
                        article.source = source.or_else(|| crate::meta::find_source(text));
                    }
                    continue;
                }
            }
            if let Some(kind) = chrome_line(text) {
                changes.push(Change::new(
                    0..0,
                    "",
                    ChangeKind::Chrome,
                    format!("{}: {}", kind.as_str(), short(text)),
                ));
                in_widget = kind == Chrome::Widget;
                continue;
            }
            seen_text = true;
            out.push(block);
        }
        // Trailing signature and editor lines.
        while out.last().and_then(Block::text).is_some_and(|t| {
            let t = t.trim();
            t.starts_with('《') && t.ends_with('》') && t.chars().count() <= 14
        }) {
            out.pop();
        }
        out
    }
}

impl Extractor {
    /// Where the body starts when the chosen container holds the page header
    /// too (site name, breadcrumb, headline, dateline), as on pages whose markup
    /// has no article element: the block after a dateline among the first short
    /// blocks, else the block after the headline. Returns 0 when there is no
    /// such header. The dateline fills in the date and source; the line before
    /// it is the headline, and the title when there was none.
    fn header_end(
        &self,
        blocks: &[Block],
        title: &mut Option<String>,
        article: &mut Article,
        changes: &mut Vec<Change>,
    ) -> usize {
        const HEADER_BLOCKS: usize = 15;
        let texts: Vec<(usize, &str)> = blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.text().map(|t| (i, t)))
            .take(HEADER_BLOCKS)
            .collect();
        // A line that is only the author's name (`胡平`; not a labelled
        // byline, which is part of the text), and a subtitle under it
        // (`——当代中国的精神危机`).
        let author = article.author.clone();
        let name_line = |text: &str| {
            author
                .as_deref()
                .is_some_and(|a| crate::meta::names_line(text).is_some_and(|n| n == a))
        };
        let subtitle = |text: &str| text.starts_with('—') && text.chars().count() <= 60;
        for (k, &(i, text)) in texts.iter().enumerate() {
            // A header is short lines only; a paragraph means the body began.
            if text.chars().count() > 80 {
                break;
            }
            if let Some((date, source)) = crate::meta::dateline(text) {
                article.published.get_or_insert(date);
                if article.source.is_none() {
                    article.source = source.or_else(|| crate::meta::find_source(text));
                }
            } else {
                let header_line = MONTH_LINE.is_match(text)
                    || ORIGINAL_TITLE.is_match(text)
                    || (k < 4 && name_line(text));
                if !header_line {
                    continue;
                }
            }
            let headline = texts[..k]
                .iter()
                .rev()
                .map(|&(_, t)| crate::spam::strip_list_marker(t.trim()))
                .find(|t| chrome_line(t).is_none() && t.chars().count() >= 4);
            if title.is_none() {
                if let Some(h) = headline {
                    *title = Some(crate::meta::strip_site_suffix(h).to_owned());
                }
            }
            changes.push(Change::new(
                0..0,
                "",
                ChangeKind::Chrome,
                format!("page header ending in the dateline: {}", short(text)),
            ));
            return match texts.get(k + 1) {
                Some(&(j, next)) if subtitle(next) => j + 1,
                _ => i + 1,
            };
        }
        // No dateline: the headline repeated near the top ends the header, when
        // short lines (and a caption) come before it, not the body with a link
        // to itself.
        let Some(t) = title.as_deref().map(collapse) else {
            return 0;
        };
        let mut long_lines = 0;
        texts
            .iter()
            .take(8)
            .take_while(|(_, text)| {
                long_lines += usize::from(text.chars().count() > 80);
                long_lines <= 1
            })
            .find(|(_, text)| collapse(crate::spam::strip_list_marker(text.trim())) == t)
            .map_or(0, |&(i, _)| i + 1)
    }
}

fn short(text: &str) -> String {
    text.chars().take(30).collect()
}

/// The headline: the part of the page `<title>` that the page also shows as an
/// element of its own (the site and section names around it in the title are
/// not), else the `<h1>` (or a heading) near the article that agrees with the
/// `<title>`, else the `<title>` without its site name. Returns its node, if it
/// is one, and its text.
fn headline(
    dom: &Dom,
    removed: &[bool],
    stats: &[extract::Stats],
    choice: Option<&extract::Choice>,
    title: Option<&str>,
    og_title: Option<&str>,
) -> Option<(Option<NodeId>, String)> {
    for t in [title, og_title].into_iter().flatten() {
        if let Some((id, text)) = shown_title(dom, removed, stats, choice, t) {
            return Some((Some(id), text));
        }
    }
    let reference = og_title.or(title).map(collapse);
    let runs = reference
        .as_deref()
        .map(crate::meta::title_runs)
        .unwrap_or_default();
    let core = reference.as_deref().and_then(crate::meta::title_core);
    let mut best: Option<(NodeId, String, usize)> = None;
    for id in dom.descendants(Dom::ROOT) {
        if removed[id] {
            continue;
        }
        let Some(name) = dom.name(id) else { continue };
        let rank = match &**name {
            "h1" => 3,
            "h2" => 2,
            "h3" => 1,
            _ => continue,
        };
        let text = collapse(&dom.text(id));
        let len = text.chars().count();
        if !(4..=120).contains(&len) {
            continue;
        }
        // The heading is the title without its site name; or it holds a
        // headline of the title and more (a breadcrumb, a column label, a time).
        let within = reference.as_deref().is_some_and(|r| r.contains(&text));
        let around = runs
            .iter()
            .find(|r| !within && r.chars().count() >= 4 && text.contains(**r));
        // The visible headline may be worded a little apart from the <title>
        // (`内蒙古9部门：确保…` for `内蒙古确保…`): it is the one readers see.
        let similar = core.is_some_and(|c| similarity(c, &text) >= 0.6);
        let agrees = within || around.is_some() || similar;
        let score =
            rank + if agrees { 10 } else { 0 } + if inside(dom, choice, id) { 2 } else { 0 };
        if (rank == 3 || agrees) && best.as_ref().is_none_or(|b| score > b.2) {
            let text = match around {
                Some(r) if set_apart(&text, r) => (*r).to_owned(),
                _ => text,
            };
            best = Some((id, text, score));
        }
    }
    if let Some((id, text, _)) = best {
        return Some((Some(id), text));
    }
    let t = title.or(og_title)?;
    Some((None, crate::meta::strip_site_suffix(t).to_owned()))
}

/// Whether `part` stands apart in `text`, as a headline does among a
/// breadcrumb, a column label or a time (`首页 〉 标题`, `【即时播报】标题`,
/// `标题 【16:15】`), rather than being part of a longer headline
/// (`呼和浩特网友发帖倡议` for `网友发帖倡议`).
fn set_apart(text: &str, part: &str) -> bool {
    let Some(at) = text.find(part) else {
        return false;
    };
    let apart = |c: Option<char>| {
        c.is_none_or(|c| {
            c.is_whitespace() || "-–—―_|｜:：,，〉>»·•/【】[]()（）「」《》〈〉<>".contains(c)
        })
    };
    apart(text[..at].chars().next_back()) && apart(text[at + part.len()..].chars().next())
}

/// Whether the links of `id` lead to a home page (`/`, `index.html`,
/// `default.asp`): the site name in a logo or a breadcrumb, not a headline.
fn home_link(dom: &Dom, id: NodeId) -> bool {
    dom.descendants(id)
        .filter(|&n| dom.is(n, &local_name!("a")))
        .filter_map(|n| dom.attr(n, "href"))
        .any(|href| {
            let path = href.split(['?', '#']).next().unwrap_or("");
            let path = path
                .split_once("://")
                .map_or(path, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
            let file = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
            file.is_empty()
                || ["index", "default", "home"]
                    .iter()
                    .any(|h| file.starts_with(h))
        })
}

/// `class` and `id` words of a headline element.
static HEADLINE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)title|headline|biaoti|subject|topic|heading").expect("pattern compiles")
});

/// The element that shows a headline of `title` (see [`crate::meta::title_runs`])
/// as all of its text, and that text. The longest such headline wins; among
/// elements showing it, a heading or an element classed as a title, before or
/// inside the article, rather than a link in a list of related articles.
fn shown_title(
    dom: &Dom,
    removed: &[bool],
    stats: &[extract::Stats],
    choice: Option<&extract::Choice>,
    title: &str,
) -> Option<(NodeId, String)> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    // Squashed run -> its rank (0 for the longest).
    let mut wanted: HashMap<String, usize> = HashMap::new();
    for (i, run) in crate::meta::title_runs(title).into_iter().enumerate() {
        let key = squash(run);
        if key.chars().count() >= 4 {
            wanted.entry(key).or_insert(i);
        }
    }
    let lengths: HashSet<u32> = wanted.keys().map(|k| k.chars().count() as u32).collect();
    let first_body = choice.and_then(|c| c.nodes.first().copied());
    let mut seen_body = false;
    // (run rank, element rank, node): the lowest run rank, then the highest
    // element rank, then the first in document order.
    let mut best: Option<(usize, i32, NodeId)> = None;
    let mut stack = vec![Dom::ROOT];
    while let Some(id) = stack.pop() {
        if removed[id] {
            continue;
        }
        if Some(id) == first_body {
            seen_body = true;
        }
        let Some(name) = dom.name(id) else {
            stack.extend(dom.children(id).iter().rev().copied());
            continue;
        };
        // A `<title>` misplaced into the body by the parser is not shown.
        if extract::skipped(name) || *name == local_name!("title") {
            continue;
        }
        let s = stats[id];
        // A wrapper around a single element shows what that one shows: the
        // text is read once, at the bottom of a chain (which may be deep).
        if lengths.contains(&s.chars) && sole_child(dom, stats, id).is_none() {
            let text = squash(&visible_text(dom, removed, id));
            // The site name linking home is no headline.
            let home = s.link_chars >= s.chars && home_link(dom, id);
            if let Some(&run) = wanted.get(&text).filter(|_| !home) {
                // The chain of wrappers up from here shows it: its outermost
                // element is the headline's, ranked by all of them.
                let mut top = id;
                while let Some(p) = dom.nodes[top].parent {
                    if removed[p] || sole_child(dom, stats, p) != Some(top) {
                        break;
                    }
                    top = p;
                }
                let mut chain = vec![id];
                let mut at = id;
                while at != top {
                    at = dom.nodes[at].parent.unwrap_or(top);
                    chain.push(at);
                }
                let heading = chain
                    .iter()
                    .filter_map(|&n| match dom.name(n).map(|n| &**n) {
                        Some("h1" | "h2" | "h3") => Some(3),
                        Some("h4" | "h5" | "h6") => Some(1),
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0);
                let classed = chain.iter().any(|&n| {
                    [dom.attr(n, "class"), dom.attr(n, "id")]
                        .into_iter()
                        .flatten()
                        .any(|v| HEADLINE_CLASS.is_match(v))
                });
                let mut rank = heading + if classed { 2 } else { 0 };
                if s.link_chars >= s.chars {
                    rank -= 3;
                }
                if !seen_body || inside(dom, choice, top) {
                    rank += 1;
                }
                if best.is_none_or(|(r, k, _)| run < r || (run == r && rank > k)) {
                    best = Some((run, rank, top));
                }
                // What is inside shows the same text.
                continue;
            }
        }
        stack.extend(dom.children(id).iter().rev().copied());
    }
    let (_, _, id) = best?;
    Some((id, collapse(&visible_text(dom, removed, id))))
}

/// The only child of `id` that holds text, when it is an element that holds
/// all of it: `id` then wraps it.
fn sole_child(dom: &Dom, stats: &[extract::Stats], id: NodeId) -> Option<NodeId> {
    let mut with_text = dom
        .children(id)
        .iter()
        .copied()
        .filter(|&c| stats[c].chars > 0);
    let child = with_text.next()?;
    (with_text.next().is_none()
        && dom.name(child).is_some()
        && stats[child].chars == stats[id].chars)
        .then_some(child)
}

/// Whether `id` is inside the chosen article (an ancestor is a chosen node).
fn inside(dom: &Dom, choice: Option<&extract::Choice>, id: NodeId) -> bool {
    choice.is_some_and(|c| {
        let mut at = Some(id);
        while let Some(a) = at {
            if c.nodes.contains(&a) {
                return true;
            }
            at = dom.nodes[a].parent;
        }
        false
    })
}

/// The text under `id` that the article could show: without removed nodes,
/// without scripts, styles, form controls, and without a `<title>` that the
/// parser moved into the body.
fn visible_text(dom: &Dom, removed: &[bool], id: NodeId) -> String {
    let mut out = String::new();
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        if removed[n] {
            continue;
        }
        match &dom.nodes[n].data {
            Data::Text(t) => out.push_str(t),
            Data::Element { .. }
                if dom.name(n).is_some_and(|name| {
                    extract::skipped(name) || *name == local_name!("title")
                }) => {}
            _ => stack.extend(dom.children(n).iter().rev().copied()),
        }
    }
    out
}

/// How alike two short texts are: the Dice coefficient of their character
/// bigrams (white space left out), 0 to 1.
fn similarity(a: &str, b: &str) -> f32 {
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut v: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    // Multiset intersection of two sorted lists.
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (x.len() + y.len()) as f32
}

/// Short lines of text around the article, where datelines, sources and
/// bylines sit.
#[derive(Debug, Default)]
struct Header {
    /// Around the start of the article, nearest first: the text just before
    /// the body, the text just after the headline, then the first lines of
    /// the body.
    lines: Vec<String>,
    /// The lines before the body (after the headline), nearest first.
    before: Vec<String>,
    /// The lines under the headline, in order.
    below: Vec<String>,
    /// The first lines of the body, in order.
    body: Vec<String>,
    /// The lines just above the headline, nearest first.
    above: Vec<String>,
    /// The short lines just after the body: a post's footer.
    footer: Vec<String>,
}

/// Whether a title names only a site (`中國廣播公司全球資訊網`, `公視新聞網`).
fn site_name_only(title: &str, site_name: Option<&str>) -> bool {
    let title = crate::meta::strip_site_suffix(title);
    site_name.is_some_and(|s| collapse(s) == collapse(title))
        || (title.chars().count() <= 16
            && title.ends_with(['网', '網', '台', '站'])
            && !title.contains(['：', ':', '，', ',']))
}

/// The line just above the first paragraph of the article (the body may
/// hold its header), past its dateline: a headline when it is short, not
/// chrome, not a list of links, and names no one.
fn line_above_first_paragraph(header: &Header) -> Option<String> {
    let top: Vec<&String> = header
        .before
        .iter()
        .take(3)
        .rev()
        .chain(header.body.iter().take(4))
        .collect();
    let first_paragraph = top
        .iter()
        .position(|l| l.chars().count() > 60)
        .unwrap_or(top.len());
    // Past the dateline and a lead sentence.
    let line = top[..first_paragraph]
        .iter()
        .rev()
        .find(|l| crate::meta::find_date(l).is_none() && !l.ends_with('。'))?;
    let n = line.chars().count();
    ((4..=60).contains(&n)
        && chrome_line(line).is_none()
        && crate::meta::find_byline(line).is_none()
        && !line.ends_with(['：', ':'])
        && !line.contains(['│', '|', '｜', '/', '>', '»']))
    .then(|| (*line).clone())
}

/// The surest credit's names; the first of equals.
fn best_credit(credits: &[Byline]) -> Option<String> {
    credits
        .iter()
        .rev()
        .max_by_key(|b| b.credit)
        .map(|b| b.names.clone())
}

/// The headline a republished article first had (`原标题：…`): its header.
static ORIGINAL_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[（(【\[]?\s*原[标標][题題]\s*[:：]").expect("pattern compiles")
});

/// A line that only dates a report to its month (`2003年5月`): the end of its
/// header, though no day to publish.
static MONTH_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*$").expect("pattern compiles")
});

/// A label of the time a post was made.
static POSTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)发表|發表|发布|發佈|发帖|發帖|时间|時間|日期|posted|于\s*(?:19|20)\d\d|於\s*(?:19|20)\d\d")
        .expect("pattern compiles")
});

/// A blog's footer line naming its poster before the time:
/// `ggjjzhzz` `发表于 2005-9-15 11:46:00`.
fn poster_before_date(footer: &[String]) -> Option<String> {
    footer.windows(2).find_map(|w| {
        let label = ["发表于", "發表於", "发表于:", "posted", "Posted"];
        let name = w[0].trim();
        (label.iter().any(|l| w[1].trim_start().starts_with(l))
            && crate::meta::find_date(&w[1]).is_some()
            && !name.contains(char::is_whitespace)
            && (2..=20).contains(&name.chars().count())
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || "_.&-~".contains(c)))
        .then(|| name.to_owned())
    })
}

/// At most this many lines of each part of the [`Header`] are looked at.
const HEADER_LINES: usize = 12;

fn header_text(
    dom: &Dom,
    removed: &[bool],
    headline: Option<NodeId>,
    choice: Option<&extract::Choice>,
) -> Header {
    enum Step {
        Enter(NodeId),
        /// Leaving a block: its line ends.
        EndLine,
        /// Leaving a chosen node of the body.
        EndBody,
    }
    #[derive(PartialEq, Clone, Copy)]
    enum Where {
        Before,
        Body,
        After,
    }
    /// The lines of the page as read, by where they are.
    #[derive(Default)]
    struct Lines {
        before: Vec<String>,
        below: Vec<String>,
        body: Vec<String>,
        footer: Vec<String>,
    }
    impl Lines {
        /// Ends the line in `current`.
        fn end(&mut self, current: &mut String, at: Where, past_headline: bool) {
            // Only the first lines of the body are kept: past them a line is
            // dropped without the cost of collapsing it.
            if matches!(at, Where::Body) && self.body.len() >= 6 {
                current.clear();
                return;
            }
            // White space only (most ends of lines between blocks) collapses and
            // trims to nothing: no need to build that.
            if current.chars().all(char::is_whitespace) {
                current.clear();
                return;
            }
            let mut line = collapse(current);
            current.clear();
            // Ideographic spaces survive the collapse; a copy only where they are.
            let trimmed = line.trim();
            if trimmed.len() != line.len() {
                line = trimmed.to_owned();
            }
            if line.is_empty() {
                return;
            }
            let short = line.chars().count() <= 120;
            match at {
                Where::Before if short => {
                    if past_headline && self.below.len() < 6 {
                        self.below.push(line.clone());
                    }
                    self.before.push(line);
                }
                Where::Body if self.body.len() < 6 => {
                    self.body.push(line.chars().take(200).collect())
                }
                Where::After if short => self.footer.push(line),
                _ => {}
            }
        }
    }
    let chosen: &[NodeId] = choice.map_or(&[], |c| &c.nodes);
    let mut at = Where::Before;
    let mut lines = Lines::default();
    let mut current = String::new();
    let mut above: Vec<String> = Vec::new();
    let mut past_headline = false;
    let mut stack = vec![Step::Enter(Dom::ROOT)];
    while let Some(step) = stack.pop() {
        let id = match step {
            Step::Enter(id) => id,
            Step::EndLine => {
                lines.end(&mut current, at, past_headline);
                continue;
            }
            Step::EndBody => {
                lines.end(&mut current, at, past_headline);
                at = Where::After;
                if lines.footer.len() >= HEADER_LINES && lines.body.len() >= 6 {
                    break;
                }
                continue;
            }
        };
        if removed[id] {
            continue;
        }
        if Some(id) == headline && at == Where::Before {
            lines.end(&mut current, at, past_headline);
            above = lines.before.iter().rev().take(3).cloned().collect();
            lines.before.clear();
            past_headline = true;
            continue;
        }
        if chosen.contains(&id) {
            lines.end(&mut current, at, past_headline);
            at = Where::Body;
            lines.footer.clear();
            stack.push(Step::EndBody);
        }
        match &dom.nodes[id].data {
            Data::Text(t) => current.push_str(t),
            Data::Element { .. } | Data::Document => {
                let name = dom.name(id);
                if name.is_some_and(extract::skipped) {
                    continue;
                }
                if name.is_some_and(|n| *n == local_name!("br")) {
                    lines.end(&mut current, at, past_headline);
                    continue;
                }
                if name.is_some_and(is_block) {
                    lines.end(&mut current, at, past_headline);
                    stack.push(Step::EndLine);
                }
                stack.extend(dom.children(id).iter().rev().map(|&c| Step::Enter(c)));
            }
            _ => {}
        }
    }
    lines.end(&mut current, at, past_headline);
    let Lines {
        before,
        below,
        body,
        mut footer,
    } = lines;
    footer.truncate(HEADER_LINES);
    let before: Vec<String> = before.into_iter().rev().take(HEADER_LINES).collect();
    // The lines one by one; a label and its value in cells of their own
    // (`发文机关：` `吉林省人民政府`, `本报记者` `王燕平 方云凤`); lines that make
    // a dateline together (`2022-09-27` `来源：`); then the body.
    let pair = |label: &String, value: &String| {
        (label.chars().count() <= 12).then(|| format!("{label} {value}"))
    };
    let before_pairs = before.windows(2).filter_map(|w| pair(&w[1], &w[0]));
    let below_pairs = below.windows(2).filter_map(|w| pair(&w[0], &w[1]));
    let body_pairs = body.windows(2).filter_map(|w| pair(&w[0], &w[1]));
    let mut lines: Vec<String> = before.iter().chain(&below).cloned().collect();
    lines.extend(before_pairs.chain(below_pairs).chain(body_pairs));
    let mut near: Vec<String> = before.iter().take(4).cloned().collect();
    near.reverse();
    lines.push(near.join(" "));
    lines.push(below.iter().take(4).cloned().collect::<Vec<_>>().join(" "));
    lines.extend(body.iter().cloned());
    lines.push(body.iter().take(3).cloned().collect::<Vec<_>>().join(" "));
    Header {
        lines,
        before,
        below,
        body,
        above,
        footer,
    }
}

/// How much of a block's text is link text. A block that is mostly links is a
/// link line (a related-news headline, a share button, a tag list), unless the
/// text outside its links has [`LinkShare::OWN_LETTERS`] letters: a sentence
/// with a link in it (`… was <a>re-opened earlier this year</a>.`) rather than
/// a headline with a date after it.
#[derive(Debug, Default, Clone, Copy)]
struct LinkShare {
    visible: usize,
    linked: usize,
    letters: usize,
    linked_letters: usize,
}

impl LinkShare {
    const OWN_LETTERS: usize = 20;

    fn add(&mut self, text: &str, in_link: bool) {
        // A URL written out as a link's text is content (a source, a product
        // link), not a headline of another page.
        let t = text.trim_start();
        let in_link = in_link && !(t.starts_with("http") || t.starts_with("www."));
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            let letter = extract::is_letter(c);
            self.visible += 1;
            self.letters += usize::from(letter);
            if in_link {
                self.linked += 1;
                self.linked_letters += usize::from(letter);
            }
        }
    }

    fn is_link_line(&self) -> bool {
        self.linked_letters * 2 >= self.letters.max(1)
            && self.letters - self.linked_letters < Self::OWN_LETTERS
    }

    /// The share of the text under `id` (a table row).
    fn of(dom: &Dom, removed: &[bool], id: NodeId) -> LinkShare {
        let mut share = LinkShare::default();
        let mut stack = vec![(id, false)];
        while let Some((n, in_link)) = stack.pop() {
            if removed[n] {
                continue;
            }
            match &dom.nodes[n].data {
                Data::Text(t) => share.add(t, in_link),
                Data::Element { .. } if !dom.name(n).is_some_and(extract::skipped) => {
                    let in_link = in_link || extract::is_link(dom, n);
                    stack.extend(dom.children(n).iter().map(|&c| (c, in_link)));
                }
                _ => {}
            }
        }
        share
    }
}

/// The blocks of the subtree at `root`, in order, without recursion. Link lines
/// ([`LinkShare`]) are left out and their text put in `links`.
fn collect_blocks(
    dom: &Dom,
    removed: &[bool],
    root: NodeId,
    base: Option<&str>,
    out: &mut Vec<Block>,
    links: &mut Vec<String>,
) {
    enum Step {
        Enter(NodeId),
        Exit(NodeId),
    }
    /// The text of the block being gathered.
    #[derive(Default)]
    struct Current {
        text: String,
        share: LinkShare,
    }
    let mut current = Current::default();
    let mut in_link = 0usize;
    let mut ordered: Vec<bool> = Vec::new();
    let mut stack = vec![Step::Enter(root)];
    let flush = |current: &mut Current,
                 kind: Option<(&str, bool)>,
                 out: &mut Vec<Block>,
                 links: &mut Vec<String>| {
        let text = collapse(&current.text);
        let linked = current.share.is_link_line();
        current.text.clear();
        current.share = LinkShare::default();
        if text.trim().is_empty() {
            return;
        }
        if linked {
            links.push(text);
            return;
        }
        out.push(match kind {
            Some(("h", _)) => Block::Heading(2, text),
            Some(("li", ordered)) => Block::Item { ordered, text },
            Some(("blockquote", _)) => Block::Quote(text),
            Some(("figcaption", _)) => Block::Caption(text),
            _ => Block::Paragraph(text),
        });
    };
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(id) => {
                if removed[id] {
                    continue;
                }
                match &dom.nodes[id].data {
                    Data::Text(t) => {
                        current.text.push_str(t);
                        current.share.add(t, in_link > 0);
                        continue;
                    }
                    Data::Element { .. } => {}
                    _ => continue,
                }
                let Some(name) = dom.name(id) else { continue };
                if extract::skipped(name)
                    || (id != root && extract::chrome_class(dom, id) && !holds_most(dom, id))
                {
                    continue;
                }
                match &**name {
                    "br" => {
                        flush(&mut current, None, out, links);
                        continue;
                    }
                    "img" => {
                        flush(&mut current, None, out, links);
                        let src = dom
                            .attr(id, "data-src")
                            .or_else(|| dom.attr(id, "data-original"))
                            .or_else(|| dom.attr(id, "src"))
                            .unwrap_or("");
                        if !src.is_empty() && !src.starts_with("data:") {
                            out.push(Block::Image {
                                src: metadata::resolve(base, src),
                                alt: dom.attr(id, "alt").map(collapse).filter(|a| !a.is_empty()),
                            });
                        }
                        continue;
                    }
                    "pre" => {
                        flush(&mut current, None, out, links);
                        let text = dom.text(id);
                        if !text.trim().is_empty() {
                            out.push(Block::Pre(text.trim_matches('\n').to_owned()));
                        }
                        continue;
                    }
                    "tr" => {
                        flush(&mut current, None, out, links);
                        let cells: Vec<NodeId> = dom
                            .children(id)
                            .iter()
                            .copied()
                            .filter(|&c| {
                                matches!(dom.name(c).map(|n| &**n), Some("td") | Some("th"))
                            })
                            .collect();
                        let texts: Vec<String> =
                            cells.iter().map(|&c| collapse(&dom.text(c))).collect();
                        // A layout table holds paragraphs in its cells: walk them.
                        let layout =
                            texts.iter().any(|t| t.chars().count() > 200) || cells.len() < 2;
                        if layout {
                            stack.push(Step::Exit(id));
                            stack.extend(dom.children(id).iter().rev().map(|&c| Step::Enter(c)));
                        } else if LinkShare::of(dom, removed, id).is_link_line() {
                            links.push(texts.join(" "));
                        } else if texts.iter().any(|t| !t.trim().is_empty()) {
                            let header = cells.iter().all(|&c| dom.is(c, &local_name!("th")));
                            out.push(Block::Row {
                                header,
                                cells: texts,
                            });
                        }
                        continue;
                    }
                    "ol" | "ul" => ordered.push(&**name == "ol"),
                    _ => {}
                }
                if extract::is_link(dom, id) {
                    in_link += 1;
                }
                if is_block(name) {
                    flush(&mut current, None, out, links);
                }
                stack.push(Step::Exit(id));
                stack.extend(dom.children(id).iter().rev().map(|&c| Step::Enter(c)));
            }
            Step::Exit(id) => {
                let Some(name) = dom.name(id) else { continue };
                if extract::is_link(dom, id) {
                    in_link -= 1;
                }
                let kind = match &**name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(("h", false)),
                    "li" => Some(("li", ordered.last().copied().unwrap_or(false))),
                    "blockquote" => Some(("blockquote", false)),
                    "figcaption" => Some(("figcaption", false)),
                    "ol" | "ul" => {
                        ordered.pop();
                        None
                    }
                    _ => None,
                };
                if is_block(name) {
                    flush(&mut current, kind, out, links);
                }
            }
        }
    }
    flush(&mut current, None, out, links);
}

/// Whether a chrome-classed node still holds most of the text under its parent
/// (then the class is a false alarm: `class="content-share-wrapper"` around the
/// article).
fn holds_most(dom: &Dom, id: NodeId) -> bool {
    let Some(parent) = dom.nodes[id].parent else {
        return true;
    };
    let own = dom.text(id).chars().filter(|c| !c.is_whitespace()).count();
    let all = dom
        .text(parent)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    own > 200 && own * 10 >= all * 7
}

fn is_block(name: &html5ever::LocalName) -> bool {
    matches!(
        &**name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "figure"
            | "figcaption"
            | "center"
            | "address"
            | "hr"
            | "caption"
    )
}

/// Plain text: a blank line between blocks, list items and table rows each on a
/// line of their own, as in a text dump.
fn render_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for b in blocks {
        let line = match b {
            Block::Row { cells, .. } => cells.join("\t"),
            Block::Image { .. } | Block::Caption(_) => continue,
            other => match other.text() {
                Some(t) => t.to_owned(),
                None => continue,
            },
        };
        if let Some(p) = previous {
            let same_list = matches!((p, b), (Block::Item { .. }, Block::Item { .. }))
                || matches!((p, b), (Block::Row { .. }, Block::Row { .. }));
            out.push_str(if same_list { "\n" } else { "\n\n" });
        }
        out.push_str(&line);
        previous = Some(b);
    }
    out
}

/// The blocks as normalized HTML, written by html5ever's serializer.
fn render_html(blocks: &[Block]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = serialize(
        &mut out,
        &Blocks(blocks),
        SerializeOpts {
            traversal_scope: TraversalScope::ChildrenOnly(None),
            ..Default::default()
        },
    );
    String::from_utf8(out).unwrap_or_default()
}

struct Blocks<'a>(&'a [Block]);

fn qual(local: &str) -> QualName {
    QualName::new(None, ns!(html), html5ever::LocalName::from(local))
}

impl Serialize for Blocks<'_> {
    fn serialize<S: Serializer>(&self, s: &mut S, _scope: TraversalScope) -> std::io::Result<()> {
        let mut list: Option<&str> = None;
        let mut table = false;
        for b in self.0 {
            let want_list = match b {
                Block::Item { ordered, .. } => Some(if *ordered { "ol" } else { "ul" }),
                _ => None,
            };
            if list != want_list {
                if let Some(l) = list {
                    s.end_elem(qual(l))?;
                }
                if let Some(l) = want_list {
                    s.start_elem(qual(l), std::iter::empty())?;
                }
                list = want_list;
            }
            let want_table = matches!(b, Block::Row { .. });
            if table != want_table {
                if table {
                    s.end_elem(qual("table"))?;
                } else {
                    s.start_elem(qual("table"), std::iter::empty())?;
                }
                table = want_table;
            }
            let element = |s: &mut S, name: &str, text: &str| -> std::io::Result<()> {
                s.start_elem(qual(name), std::iter::empty())?;
                s.write_text(text)?;
                s.end_elem(qual(name))
            };
            match b {
                Block::Paragraph(t) => element(s, "p", t)?,
                Block::Heading(level, t) => element(s, &format!("h{}", level.clamp(&2, &6)), t)?,
                Block::Item { text, .. } => element(s, "li", text)?,
                Block::Quote(t) => element(s, "blockquote", t)?,
                Block::Pre(t) => element(s, "pre", t)?,
                Block::Caption(t) => element(s, "figcaption", t)?,
                Block::Row { header, cells } => {
                    s.start_elem(qual("tr"), std::iter::empty())?;
                    for c in cells {
                        element(s, if *header { "th" } else { "td" }, c)?;
                    }
                    s.end_elem(qual("tr"))?;
                }
                Block::Image { src, alt } => {
                    let src_name = qual("src");
                    let alt_name = qual("alt");
                    let mut attrs = vec![(&src_name, src.as_str())];
                    if let Some(a) = alt {
                        attrs.push((&alt_name, a.as_str()));
                    }
                    s.start_elem(qual("img"), attrs.into_iter())?;
                    s.end_elem(qual("img"))?;
                }
            }
        }
        if let Some(l) = list {
            s.end_elem(qual(l))?;
        }
        if table {
            s.end_elem(qual("table"))?;
        }
        Ok(())
    }
}

/// `zh` when the text is mostly Han, `ja` with kana, `ko` with Hangul.
fn guess_language(text: &str) -> Option<String> {
    let mut han = 0;
    let mut kana = 0;
    let mut hangul = 0;
    let mut letters = 0;
    for c in text.chars().take(2000) {
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF => hangul += 1,
            0x4E00..=0x9FFF => han += 1,
            _ if c.is_alphabetic() => letters += 1,
            _ => {}
        }
    }
    let total = han + kana + hangul + letters;
    if total < 20 {
        return None;
    }
    Some(
        if kana * 10 > total {
            "ja"
        } else if hangul * 3 > total {
            "ko"
        } else if han * 2 > total {
            "zh"
        } else {
            return None;
        }
        .to_owned(),
    )
}
