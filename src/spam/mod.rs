//! Spam-mirror pollution: hijacked titles, injected tags, hidden blocks, pinyin
//! annotations, machine Traditional conversion, invisible characters, homoglyphs,
//! page chrome.
//!
//! Spam mirrors copy real articles and bury them under layers meant to fool
//! search engines and deduplication. textwash restores the article, and says what
//! it removed and why. Every layer is judged on evidence; a page without spam
//! layers costs a scan, not a rewrite.
//!
//! Two phases, so that the HTML extractor and the text-dump path share them:
//! [`Despammer::analyze`] looks at a whole document's text and decides which
//! layers are present; [`Diagnosis::rewrite`] then undoes them in any piece of the
//! document.
//!
//! ```
//! use textwash::spam::Despammer;
//!
//! let page = "在线观看精品国产大片|免费一区二区视频|亚洲аv在线观看\n\
//!             <bdo id=\"glmru\"></bdo>\n<dfn id=\"glmru\"></dfn>\n\
//!             質(zhì)量強(qiáng)市\n\
//!             2022-09-27 11:06:26 中國質(zhì)量報\n\
//!             一城春色半城花，萬頃波濤擁海來。在福建廈門，質(zhì)量成為這個城市發(fā)展中的最美元素。\n\
//!             (責(zé)任編輯:水川)";
//! let article = Despammer::new().clean_text(page);
//! assert_eq!(article.title.as_deref(), Some("质量强市"));
//! assert_eq!(article.published.as_deref(), Some("2022-09-27 11:06:26"));
//! assert_eq!(article.text, "一城春色半城花，万顷波涛拥海来。在福建厦门，质量成为这个城市发展中的最美元素。");
//! ```

mod chrome;
mod hidden;
mod invisible;
mod pinyin;
mod tags;
mod title;
mod traditional;
mod width;

use std::borrow::Cow;
use std::ops::Range;

pub use chrome::Chrome;
pub use hidden::{hidden_by_style, spam_block};
pub use tags::{ElementView, find_injected};
pub use title::{TitleJudgement, judge_title};

use crate::article::Article;
use crate::report::{Change, ChangeKind, Flag, Flags, Verdict, compose};

/// A layer of spam-mirror pollution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layer {
    /// A keyword-stuffed title.
    HijackedTitle,
    /// Empty elements with random attributes.
    InjectedTags,
    /// Hidden keyword or link blocks.
    HiddenBlock,
    /// Pinyin readings after Han characters.
    Pinyin,
    /// Machine conversion to Traditional Chinese.
    MachineTraditional,
    /// C0 controls and zero-width characters.
    Invisible,
    /// Look-alike letters from another script.
    Homoglyph,
    /// ASCII punctuation between Han characters, restored to full width.
    Width,
}

impl Layer {
    /// The stable snake_case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::HijackedTitle => "hijacked_title",
            Layer::InjectedTags => "injected_tags",
            Layer::HiddenBlock => "hidden_block",
            Layer::Pinyin => "pinyin",
            Layer::MachineTraditional => "machine_traditional",
            Layer::Invisible => "invisible",
            Layer::Homoglyph => "homoglyph",
            Layer::Width => "width",
        }
    }
}

/// What to do about Traditional Chinese text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Conversion {
    /// Convert to Simplified only with evidence of machine conversion.
    #[default]
    Auto,
    /// Never convert.
    KeepTraditional,
    /// Always convert Traditional to Simplified.
    ToSimplified,
}

/// A configured spam-layer remover.
#[derive(Debug, Clone, Default)]
pub struct Despammer {
    conversion: Conversion,
    restore_width: bool,
}

impl Despammer {
    /// A despammer with the default settings.
    pub fn new() -> Self {
        Despammer::default()
    }

    /// Sets the Traditional-to-Simplified policy.
    pub fn conversion(mut self, conversion: Conversion) -> Self {
        self.conversion = conversion;
        self
    }

    /// Whether ASCII `, : ; ( ) ! ?` between Han characters become full width.
    pub fn restore_width(mut self, yes: bool) -> Self {
        self.restore_width = yes;
        self
    }

    /// Decides, from a whole document's text, which layers are present.
    ///
    /// `other_layers` says whether other spam layers (a hijacked title, injected
    /// tags, hidden blocks) were found outside the text: one of the kinds of
    /// evidence for machine conversion.
    pub fn analyze(&self, text: &str) -> Diagnosis {
        self.analyze_with(text, false)
    }

    /// [`Despammer::analyze`], knowing whether other layers (a hijacked title,
    /// injected tags, hidden blocks) were found outside the text: one of the
    /// kinds of evidence for machine conversion.
    pub fn analyze_with_layers(&self, text: &str, other_layers: bool) -> Diagnosis {
        self.analyze_with(text, other_layers)
    }

    fn analyze_with(&self, text: &str, other_layers: bool) -> Diagnosis {
        let mut d = Diagnosis {
            restore_width: self.restore_width,
            ..Diagnosis::default()
        };
        let pinyin = pinyin::judge(text);
        if pinyin.spam {
            d.pinyin = Some(pinyin.evidence);
            d.flags.insert(Flag::PinyinAnnotations);
        }
        // Machine conversion needs evidence besides the census (pinyin or other
        // layers): without it, and unless conversion is asked for, the census
        // (a lookup of every Han character) decides nothing.
        let census_decides = match self.conversion {
            Conversion::Auto => d.pinyin.is_some() || other_layers,
            Conversion::KeepTraditional => false,
            Conversion::ToSimplified => true,
        };
        let census = if census_decides {
            traditional::census(text)
        } else {
            traditional::Census::default()
        };
        let machine =
            census.traditional() && (d.pinyin.is_some() || (census.leftovers >= 2 && other_layers));
        let convert = match self.conversion {
            Conversion::Auto => machine,
            Conversion::KeepTraditional => false,
            Conversion::ToSimplified => census.traditional > 0,
        };
        if convert {
            d.simplify = Some(format!(
                "{} of {} Han characters Traditional-only, {} Simplified leftovers (于 并 后 发){}",
                census.traditional,
                census.han,
                census.leftovers,
                match (self.conversion, d.pinyin.is_some()) {
                    (Conversion::ToSimplified, _) => ", conversion requested",
                    (_, true) => ", with injected pinyin",
                    _ => ", with other spam layers",
                }
            ));
            if machine {
                d.flags.insert(Flag::MachineTraditional);
            }
        }
        for (_, _, kind) in invisible::find(text) {
            d.flags.insert(match kind {
                invisible::Kind::Invisible => Flag::InvisibleCharacters,
                invisible::Kind::Homoglyph => Flag::Homoglyphs,
            });
        }
        d
    }

    /// Cleans a text dump of a page (like the seed): drops a hijacked title, the
    /// injected tags, the header and footer chrome; undoes the text layers; reads
    /// the headline, dateline and source; returns the article.
    pub fn clean_text(&self, text: &str) -> Article {
        clean_dump(self, text)
    }
}

/// The layers found in a document, and the evidence.
#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    flags: Flags,
    pinyin: Option<String>,
    simplify: Option<String>,
    restore_width: bool,
}

impl Diagnosis {
    /// The layers found, as document flags.
    pub fn flags(&self) -> Flags {
        self.flags
    }

    /// Undoes the text layers (invisible characters, homoglyphs, pinyin,
    /// Traditional conversion, width) in `text`, a piece of the analyzed
    /// document. Changes are appended with spans relative to `text`.
    ///
    /// ```
    /// use textwash::spam::Despammer;
    /// let doc = "質(zhì)量是發(fā)展的基礎(chǔ)。提高質(zhì)量，發(fā)展經(jīng)濟，質(zhì)量第一。";
    /// let diagnosis = Despammer::new().analyze(doc);
    /// let mut changes = Vec::new();
    /// assert_eq!(diagnosis.rewrite(doc, &mut changes), "质量是发展的基础。提高质量，发展经济，质量第一。");
    /// assert!(!changes.is_empty());
    /// ```
    pub fn rewrite<'a>(&self, text: &'a str, changes: &mut Vec<Change>) -> Cow<'a, str> {
        let mut current: Cow<'a, str> = Cow::Borrowed(text);
        let mut all: Vec<Change> = Vec::new();
        let mut step = |current: &mut Cow<'a, str>, edits: Vec<Change>| {
            if edits.is_empty() {
                return;
            }
            let next = crate::report::replay(current, &edits);
            let base = std::mem::take(&mut all);
            all = if base.is_empty() {
                edits
            } else {
                compose(text, base, edits)
            };
            *current = Cow::Owned(next);
        };
        // Invisible characters and look-alikes: always, they never belong.
        let edits = invisible::find(&current)
            .into_iter()
            .map(|(span, with, kind)| {
                let (layer, why) = match kind {
                    invisible::Kind::Invisible => {
                        (Layer::Invisible, "an invisible character inside text")
                    }
                    invisible::Kind::Homoglyph => {
                        (Layer::Homoglyph, "a look-alike letter inside a Latin word")
                    }
                };
                Change::new(
                    span,
                    with.map(String::from).unwrap_or_default(),
                    ChangeKind::Spam(layer),
                    why,
                )
            })
            .collect();
        step(&mut current, edits);
        if let Some(evidence) = &self.pinyin {
            let edits = pinyin::annotations(&current)
                .into_iter()
                .filter(|a| pinyin::check(a) != pinyin::Match::None)
                .map(|a| {
                    Change::new(
                        a.span,
                        "",
                        ChangeKind::Spam(Layer::Pinyin),
                        format!("injected reading of {}: {}", a.han, evidence),
                    )
                })
                .collect();
            step(&mut current, edits);
        }
        if let Some(evidence) = &self.simplify {
            let (_, spans) = traditional::to_simplified(&current);
            let edits = spans
                .into_iter()
                .map(|(span, to)| {
                    Change::new(
                        span,
                        to,
                        ChangeKind::Spam(Layer::MachineTraditional),
                        evidence.clone(),
                    )
                })
                .collect();
            step(&mut current, edits);
        }
        if self.restore_width {
            let edits = width::find(&current)
                .into_iter()
                .map(|(span, wide)| {
                    Change::new(
                        span,
                        wide.to_string(),
                        ChangeKind::Spam(Layer::Width),
                        "ASCII punctuation between Han characters",
                    )
                })
                .collect();
            step(&mut current, edits);
        }
        changes.extend(all);
        current
    }
}

/// Whether a line (or a block's text) is page chrome, and which kind. Matches
/// Simplified text; Traditional lines are converted for the test.
///
/// ```
/// use textwash::spam::{chrome_line, Chrome};
/// assert_eq!(chrome_line("(責任編輯:水川)"), Some(Chrome::Editor));
/// assert_eq!(chrome_line("本网注明“来源:中国质量新闻网”的所有作品,版权均属于中国质量新闻网"), Some(Chrome::Copyright));
/// assert_eq!(chrome_line("厦门市产品质量稳步提升。"), None);
/// ```
pub fn chrome_line(line: &str) -> Option<Chrome> {
    chrome::classify(line).or_else(|| {
        let (simplified, edits) = traditional::to_simplified(line);
        (!edits.is_empty())
            .then(|| chrome::classify(&simplified))
            .flatten()
    })
}

/// One line of a text dump, with where it sits in the input.
struct Line<'a> {
    span: Range<usize>,
    text: Cow<'a, str>,
}

fn clean_dump(despammer: &Despammer, input: &str) -> Article {
    let mut article = Article::default();
    let mut changes: Vec<Change> = Vec::new();
    let mut flags = Flags::empty();
    let mut removed = vec![false; 0];
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut at = 0;
    for raw in input.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        lines.push(Line {
            span: at..at + body.len(),
            text: Cow::Borrowed(body),
        });
        at += raw.len();
    }
    removed.resize(lines.len(), false);
    // Where each line sits in the input (without its line end), kept apart from
    // `lines`, whose text changes below.
    let spans: Vec<Range<usize>> = lines.iter().map(|l| l.span.clone()).collect();
    let drop = |i: usize,
                kind: ChangeKind,
                why: String,
                removed: &mut Vec<bool>,
                changes: &mut Vec<Change>| {
        if !removed[i] {
            removed[i] = true;
            changes.push(Change::new(spans[i].clone(), "", kind, why));
        }
    };

    // 1. A hijacked title on the first line with something visible on it, judged
    // as it reads (controls and zero-width characters are removed later anyway).
    // Lines judged the same way right under it go too: a title can take several
    // lines of a dump, and the line left first must not read as a title the next
    // time the dump is cleaned; so does one under a chrome line.
    let visible = |line: &str| -> String {
        line.chars()
            .filter(|&c| {
                !c.is_control() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
            })
            .collect()
    };
    let shown_lines = lines
        .iter()
        .map(|l| visible(&l.text))
        .enumerate()
        .filter(|(_, v)| !v.trim().is_empty());
    for (i, shown) in shown_lines {
        let judgement = judge_title(shown.trim());
        if !judgement.hijacked {
            // A chrome line (a breadcrumb) goes below: a title under it is the
            // first line next time.
            if chrome_line(shown.trim()).is_some() {
                continue;
            }
            break;
        }
        flags.insert(Flag::HijackedTitle);
        drop(
            i,
            ChangeKind::Spam(Layer::HijackedTitle),
            judgement.reason,
            &mut removed,
            &mut changes,
        );
    }

    // 2. Injected tags, written out as text, judged as a cluster.
    let literal = tags::literal_empty_tags(input);
    if !literal.is_empty() {
        let owned: Vec<(String, Vec<(String, String)>)> = literal
            .iter()
            .map(|(_, n, a)| (n.clone(), a.clone()))
            .collect();
        let views: Vec<ElementView<'_>> = owned
            .iter()
            .map(|(name, attrs)| ElementView {
                name,
                attrs: attrs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
                empty: true,
            })
            .collect();
        let (found, reason) = find_injected(&views);
        if !found.is_empty() {
            flags.insert(Flag::InjectedTags);
        }
        for i in found {
            let span = literal[i].0.clone();
            let line = lines
                .iter()
                .position(|l| l.span.start <= span.start && span.end <= l.span.end + 1);
            if let Some(li) = line {
                let rest: String = {
                    let l = &input[lines[li].span.clone()];
                    let local = span.start - lines[li].span.start..span.end - lines[li].span.start;
                    format!("{}{}", &l[..local.start], &l[local.end.min(l.len())..])
                };
                if rest.trim().is_empty() {
                    drop(
                        li,
                        ChangeKind::Spam(Layer::InjectedTags),
                        reason.clone(),
                        &mut removed,
                        &mut changes,
                    );
                    continue;
                }
                lines[li].text = Cow::Owned(rest);
            }
            changes.push(Change::new(
                span,
                "",
                ChangeKind::Spam(Layer::InjectedTags),
                reason.clone(),
            ));
        }
    }

    // 3. The text layers, decided on the whole remaining text.
    let remaining: String = lines
        .iter()
        .zip(&removed)
        .filter(|(_, r)| !**r)
        .map(|(l, _)| l.text.as_ref())
        .collect::<Vec<_>>()
        .join("\n");
    let diagnosis = despammer.analyze_with(&remaining, !flags.is_empty());
    flags.extend(diagnosis.flags());
    for (i, line) in lines.iter_mut().enumerate() {
        if removed[i] {
            continue;
        }
        let mut local = Vec::new();
        let rewritten = diagnosis.rewrite(&line.text, &mut local);
        if !local.is_empty() {
            let rewritten = rewritten.into_owned();
            let base = line.span.start;
            // Spans are relative to the line as it was in the input, when it was
            // not cut by a tag removal; otherwise they are approximate.
            changes.extend(local.into_iter().map(|mut c| {
                c.span = c.span.start + base..c.span.end + base;
                c
            }));
            line.text = Cow::Owned(rewritten);
        }
    }

    // 4. The header: site name, breadcrumb, headline, dateline.
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| !removed[i] && !lines[i].text.trim().is_empty())
        .collect();
    // A header is short lines only: a paragraph means the body began (a
    // sentence that opens with a date is not a dateline).
    let mut body_from = 0;
    let dateline = kept
        .iter()
        .take(15)
        .take_while(|&&i| lines[i].text.trim().chars().count() <= HEADER_LINE_MAX)
        .enumerate()
        .filter(|&(_, &i)| !is_sentence(&lines[i].text))
        .find_map(|(k, &i)| crate::meta::dateline(&lines[i].text).map(|d| (k, d)));
    // The line above the dateline (chrome aside) is the headline; a header
    // needs one that reads as a title, or none at all (the dump opens with the
    // dateline). A label and its value (`标  题：	…`) is a table, not a header.
    let headline = dateline.as_ref().and_then(|(k, _)| {
        kept[..*k]
            .iter()
            .rev()
            .find(|&&i| chrome_line(&lines[i].text).is_none())
            .copied()
    });
    let header = headline.is_none_or(|h| is_title_like(&lines[h].text));
    if let Some((k, (date, source))) = dateline.filter(|_| header) {
        article.published = Some(date);
        article.source = source;
        if let Some(h) = headline {
            let title = strip_list_marker(lines[h].text.trim());
            article.title = Some(crate::meta::strip_site_suffix(title).to_owned());
        }
        for &i in &kept[..=k] {
            let why = if Some(i) == headline {
                "the headline, kept as the title"
            } else if i == kept[k] {
                "the dateline, kept as metadata"
            } else {
                "page header before the headline"
            };
            drop(
                i,
                ChangeKind::Chrome,
                why.to_owned(),
                &mut removed,
                &mut changes,
            );
        }
        body_from = k + 1;
    }

    // 5. The body, without chrome; everything after a closing widget is chrome.
    let mut body: Vec<String> = Vec::new();
    let mut tail = false;
    for &i in &kept[body_from..] {
        let text = lines[i].text.trim();
        if tail {
            drop(
                i,
                ChangeKind::Chrome,
                "after the end of the article".to_owned(),
                &mut removed,
                &mut changes,
            );
            continue;
        }
        if let Some(kind) = chrome_line(text) {
            tail = kind.ends_article() && !body.is_empty();
            drop(
                i,
                ChangeKind::Chrome,
                kind.as_str().to_owned(),
                &mut removed,
                &mut changes,
            );
            continue;
        }
        if article.author.is_none() {
            article.author = byline(text);
        }
        body.push(text.to_owned());
    }
    // A source signature closing the article: `《中国质量报》`.
    while body
        .last()
        .is_some_and(|l| is_signature(l, article.source.as_deref()))
    {
        body.pop();
    }
    article.text = body.join("\n\n");
    changes.sort_by_key(|c| c.span.start);
    let body_chars = article.text.chars().filter(|c| !c.is_whitespace()).count();
    article.verdict = if body_chars < 10 {
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

/// Whether a line is a sentence (a comma and a full stop), not a dateline.
fn is_sentence(line: &str) -> bool {
    line.contains(['，', ',']) && line.trim_end().ends_with(['。', '！', '？', '.', '!', '?'])
}

/// Whether a line reads as a headline: short, not a sentence, not a label with
/// its value.
fn is_title_like(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 60 && !line.contains('。') && !line.contains('\t')
}

/// The longest line a text dump's header (site name, breadcrumb, headline,
/// dateline) has; the HTML path uses the same bound.
const HEADER_LINE_MAX: usize = 80;

/// `1. 中国质量新闻网` in a text dump of a list: the list marker is not the text.
pub(crate) fn strip_list_marker(line: &str) -> &str {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < line.len() {
        if let Some(r) = rest.strip_prefix(". ") {
            return r.trim();
        }
    }
    line
}

/// A short byline line: `记者 张三`, `作者：李四`, `□ 江 岱 廖 媛`.
fn byline(line: &str) -> Option<String> {
    if line.chars().count() > 30 {
        return None;
    }
    crate::meta::find_author(line)
}

/// A line that only names the source: `《中国质量报》`.
fn is_signature(line: &str, source: Option<&str>) -> bool {
    let inner = line.trim().trim_start_matches('《').trim_end_matches('》');
    line.trim().starts_with('《')
        && line.trim().ends_with('》')
        && (source == Some(inner) || inner.chars().count() <= 10)
}
