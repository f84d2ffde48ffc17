//! Article metadata read from text: datelines, sources, bylines, title suffixes.
//! Shared by the text-dump path (spam) and the HTML path (html).

use std::sync::LazyLock;

use regex::Regex;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    // 2022-09-27 11:06:26, 2022/9/27 11:06, 2022年9月27日 11:06, 2022.09.27
    Regex::new(
        r"(?x)
        (?P<y>(?:19|20)\d{2}) \s* (?:[-/.]|年) \s* (?P<m>\d{1,2}) \s* (?:[-/.]|月) \s* (?P<d>\d{1,2}) \s* 日?
        (?: [\sT]* (?P<H>[0-2]?\d) \s* [:：] \s* (?P<M>[0-5]\d) (?: \s* [:：] \s* (?P<S>[0-5]\d) )? )?",
    )
    .expect("date pattern compiles")
});

static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:来源|來源|稿源|出处|出處|Source)\s*[:：]\s*(?P<s>[^\s|｜　/]{2,30})")
        .expect("source pattern compiles")
});

static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:作者|作\s者|撰文|文|记者|記者|编辑|編輯|责任编辑|責任編輯|通讯员|通訊員|By|by)
        \s*[:：]?\s*
        (?P<a>[\p{Han}·•]{2,4}(?:[\s、,，]+[\p{Han}·•]{2,4}){0,3}|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})",
    )
    .expect("author pattern compiles")
});

/// A date and time found in text, normalized to `YYYY-MM-DD`,
/// `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS`.
///
/// ```ignore
/// assert_eq!(find_date("2022年9月27日 11:06").as_deref(), Some("2022-09-27 11:06"));
/// ```
pub(crate) fn find_date(text: &str) -> Option<String> {
    DATE.captures_iter(text).find_map(|c| {
        let y: u32 = c["y"].parse().ok()?;
        let m: u32 = c["m"].parse().ok()?;
        let d: u32 = c["d"].parse().ok()?;
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let mut out = format!("{y:04}-{m:02}-{d:02}");
        if let (Some(h), Some(min)) = (c.name("H"), c.name("M")) {
            let h: u32 = h.as_str().parse().ok()?;
            if h < 24 {
                out.push_str(&format!(" {h:02}:{}", min.as_str()));
                if let Some(s) = c.name("S") {
                    out.push(':');
                    out.push_str(s.as_str());
                }
            }
        }
        Some(out)
    })
}

/// Where the date of [`find_date`] ends in `text` (byte offset), if there is one.
pub(crate) fn date_end(text: &str) -> Option<usize> {
    DATE.find(text).map(|m| m.end())
}

/// The publisher named by a `来源：` label.
pub(crate) fn find_source(text: &str) -> Option<String> {
    SOURCE
        .captures(text)
        .map(|c| trim_label(&c["s"]).to_owned())
        .filter(|s| !s.is_empty())
}

/// The author named by a byline (`作者：张三`, `记者 李四`, `By Jane Doe`).
pub(crate) fn find_author(text: &str) -> Option<String> {
    const NOT_NAMES: [&str; 10] = [
        "报道",
        "報導",
        "摄影",
        "攝影",
        "摄",
        "攝",
        "综合报道",
        "整理",
        "编译",
        "发自",
    ];
    let names = AUTHOR.captures(text)?;
    let names: Vec<&str> = names["a"]
        .split(|c: char| c.is_whitespace() || "、,，".contains(c))
        .filter(|n| !n.is_empty() && !NOT_NAMES.contains(n))
        .collect();
    (!names.is_empty()).then(|| names.join(" "))
}

/// A dateline: a short line that holds a date and little else (a source, a
/// byline, a view counter). Returns the date and the publisher named after it.
pub(crate) fn dateline(line: &str) -> Option<(String, Option<String>)> {
    let line = line.trim();
    if line.chars().count() > 80 {
        return None;
    }
    let date = find_date(line)?;
    let end = date_end(line)?;
    let source = find_source(line).or_else(|| {
        // `2022-09-27 11:06:26 中国质量报`: the words after the date.
        let rest = trim_label(line[end..].trim());
        let han = rest.chars().filter(|c| is_han(*c)).count();
        (han >= 2 && rest.chars().count() <= 20 && !rest.contains(['：', ':']))
            .then(|| rest.to_owned())
    });
    Some((date, source))
}

/// Strips a site name from a title: `标题――中新网`, `标题 - 新浪新闻`,
/// `标题_中国质量新闻网`, `Title | Site`. The longest part is kept when a
/// separator splits the title into a headline and shorter site parts.
pub(crate) fn strip_site_suffix(title: &str) -> &str {
    // `标题 - 新浪網 - 新聞`: one name at a time, as long as one is left.
    let mut title = title.trim();
    loop {
        let shorter = strip_one_site_suffix(title);
        if shorter.len() == title.len() {
            return title;
        }
        title = shorter;
    }
}

fn strip_one_site_suffix(title: &str) -> &str {
    let title = title.trim();
    let separators = [
        " - ", " – ", " — ", "――", "——", "--", " | ", "｜", "_", " :: ", " · ",
    ];
    let mut best = title;
    for sep in separators {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            if !head.is_empty()
                && words(tail) <= 16
                && words(head) > words(tail)
                && head.len() < best.len()
            {
                best = head;
            }
        }
    }
    best
}

/// The length of a text in words: a Han (or kana, hangul) character is one, a
/// run of Latin letters and digits is one. `Taiwan News Online` is shorter than
/// `男子勾結醫師病患詐保`.
pub(crate) fn words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_han(c) || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            n += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
        }
    }
    n
}

/// Whether `c` is written in Chinese or Japanese text, where words are not
/// set apart by spaces: Han, kana, full-width punctuation.
fn is_cjk_text(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3000..=0x30FF | 0xFF00..=0xFFEF)
}

/// Whether `chars[k]` separates parts of a page title: the headline, its
/// section, the site (`标题_新闻中心_中国江门网`, `自由電子報 - 标题`,
/// `标题 | 生活 | 聯合新聞網`, `标题-茅台酒,公款消费-北方网`, `标题 中国快讯 南方网`).
/// In Chinese a space, a hyphen or a colon between parts is one; between Latin
/// words only a spaced dash is (`Jedi: Fallen Order`, `Wday.ru`, `53-летняя`
/// are words of a headline).
fn is_title_separator(chars: &[char], k: usize) -> bool {
    let c = chars[k];
    let cjk_beside = chars[..k]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| is_cjk_text(c))
        || chars[k + 1..]
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|&c| is_cjk_text(c));
    let spaced = k > 0
        && chars[k - 1].is_whitespace()
        && chars.get(k + 1).is_some_and(|c| c.is_whitespace());
    match c {
        '_' | '|' | '｜' | '〉' | '»' | '›' | '>' | '：' | '，' => true,
        '-' | '–' | '—' | '―' | '·' | '•' => spaced || cjk_beside,
        ':' | ',' | '/' => cjk_beside,
        c if c.is_whitespace() => cjk_beside,
        _ => false,
    }
}

/// At most this many parts of a title are looked at (a title stuffed with
/// keywords has dozens).
const MAX_TITLE_PARTS: usize = 40;

/// A page title cut at its separators (see [`is_title_separator`]).
struct TitleParts {
    /// Byte ranges of the parts, and their length in [`words`].
    parts: Vec<(usize, usize, usize)>,
    /// The part the headline holds: the longest part of the longest segment
    /// between strong (not white space) separators. The site and section names
    /// are shorter than the headline.
    core: usize,
    /// The parts of the segment of the core.
    core_segment: std::ops::Range<usize>,
}

fn title_parts(title: &str) -> Option<TitleParts> {
    let mut parts: Vec<(usize, usize, usize)> = Vec::new();
    // The parts of each segment; the first one is open.
    let mut segments: Vec<std::ops::Range<usize>> = Vec::new();
    segments.push(0..0);
    let mut start = None;
    let chars: Vec<char> = title.chars().collect();
    let offsets = title.char_indices().map(|(i, _)| i);
    for (k, i) in offsets.chain(std::iter::once(title.len())).enumerate() {
        let c = chars.get(k).copied().unwrap_or(' ');
        let separator = k == chars.len() || is_title_separator(&chars, k);
        match (start, separator) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                start = None;
                let part = title[s..i].trim();
                if !part.is_empty() {
                    let s = s + (title[s..i].len() - title[s..i].trim_start().len());
                    parts.push((s, s + part.len(), words(part)));
                    if let Some(last) = segments.last_mut() {
                        last.end = parts.len();
                    }
                }
                if parts.len() == MAX_TITLE_PARTS {
                    break;
                }
            }
            _ => {}
        }
        if separator && !c.is_whitespace() && segments.last().is_some_and(|s| !s.is_empty()) {
            segments.push(parts.len()..parts.len());
        }
    }
    let weight = |r: &std::ops::Range<usize>| parts[r.clone()].iter().map(|p| p.2).sum::<usize>();
    // The first of equals.
    let core_segment = segments
        .iter()
        .rev()
        .max_by_key(|r| weight(r))
        .filter(|r| !r.is_empty())?
        .clone();
    let core = core_segment.clone().rev().max_by_key(|&i| parts[i].2)?;
    Some(TitleParts {
        parts,
        core,
        core_segment,
    })
}

/// The candidate headlines in a page title, longest first: every run of
/// consecutive parts that holds the core part (see [`TitleParts`]), as
/// written. Which one is the headline, the page tells by showing it as an
/// element of its own.
pub(crate) fn title_runs(title: &str) -> Vec<&str> {
    let Some(TitleParts { parts, core, .. }) = title_parts(title) else {
        return Vec::new();
    };
    // In Latin script a spaced dash also sets a subtitle apart (`review –
    // shoots for the moon`): a headline there is most of its title.
    let total: usize = parts.iter().map(|p| p.2).sum();
    let latin = !title.chars().any(is_cjk_text);
    let mut runs: Vec<(usize, &str)> = Vec::new();
    for i in 0..=core {
        for j in core..parts.len() {
            let weight: usize = parts[i..=j].iter().map(|p| p.2).sum();
            if latin && weight * 3 < total * 2 {
                continue;
            }
            let run = &title[parts[i].0..parts[j].1];
            runs.push((run.chars().count(), run));
        }
    }
    runs.sort_by_key(|r| std::cmp::Reverse(r.0));
    runs.into_iter().map(|(_, r)| r).collect()
}

/// The longest segment of a page title between strong separators: the
/// headline, or most of it (`内蒙古确保两节前农牧民工工资基本无拖欠` of
/// `内蒙古确保两节前农牧民工工资基本无拖欠_要闻_正北方网`).
pub(crate) fn title_core(title: &str) -> Option<&str> {
    let TitleParts {
        parts,
        core_segment,
        ..
    } = title_parts(title)?;
    Some(&title[parts[core_segment.start].0..parts[core_segment.end - 1].1])
}

fn trim_label(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "【】[]()（）《》<>\"'“”:：,，。|".contains(c))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x2_0000..=0x3_FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_many_forms() {
        assert_eq!(
            find_date("2022-09-27 11:06:26 中国质量报").as_deref(),
            Some("2022-09-27 11:06:26")
        );
        assert_eq!(
            find_date("发布时间：2022年9月27日 11:06").as_deref(),
            Some("2022-09-27 11:06")
        );
        assert_eq!(find_date("2011/12/9").as_deref(), Some("2011-12-09"));
        assert_eq!(find_date("2011.12.09 来源").as_deref(), Some("2011-12-09"));
        assert_eq!(find_date("共2022人 13月45日"), None);
    }

    #[test]
    fn datelines_sources_and_authors() {
        assert_eq!(
            dateline("2022-09-27 11:06:26 中国质量报"),
            Some((
                "2022-09-27 11:06:26".to_owned(),
                Some("中国质量报".to_owned())
            ))
        );
        assert_eq!(
            dateline("2011年12月09日 08:14  来源：新华网 作者：张三"),
            Some(("2011-12-09 08:14".to_owned(), Some("新华网".to_owned())))
        );
        assert_eq!(
            find_author("记者 张三 李四 报道").as_deref(),
            Some("张三 李四")
        );
        assert_eq!(find_author("作者：王五").as_deref(), Some("王五"));
        assert_eq!(
            find_source("来源：《中国质量报》").as_deref(),
            Some("中国质量报")
        );
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            strip_site_suffix("厦门推动高质量发展――中新网"),
            "厦门推动高质量发展"
        );
        assert_eq!(
            strip_site_suffix("厦门推动高质量发展 - 新浪新闻"),
            "厦门推动高质量发展"
        );
        assert_eq!(
            strip_site_suffix("厦门推动高质量发展_中国质量新闻网"),
            "厦门推动高质量发展"
        );
        assert_eq!(strip_site_suffix("短标题"), "短标题");
        assert_eq!(
            strip_site_suffix("孕婦血液透析7年 - 新浪網 - 新聞"),
            "孕婦血液透析7年"
        );
        assert_eq!(
            strip_site_suffix("乘客下载7部电影全部看完--国内频道"),
            "乘客下载7部电影全部看完"
        );
    }

    #[test]
    fn title_runs_hold_the_headline() {
        let runs = title_runs("北京工商局抽检出14种不合格食品 满记甜品上榜-《财经网》");
        assert!(runs.contains(&"北京工商局抽检出14种不合格食品 满记甜品上榜"));
        assert!(!runs.contains(&"《财经网》"));
        let runs = title_runs("自由電子報 - 流感再奪2命 累計20死");
        assert!(runs.contains(&"流感再奪2命 累計20死"));
        assert!(!runs.contains(&"自由電子報"));
        // The site name is as long as the first word of the headline.
        let runs = title_runs("女大掃除肌腱斷裂\u{3000}手酸軟舉不起來 - uho優活健康網");
        assert_eq!(runs[1], "女大掃除肌腱斷裂\u{3000}手酸軟舉不起來");
        assert!(!runs.contains(&"uho優活健康網"));
        let runs = title_runs("勾結醫師病患詐保險金  男遭訴 - Taiwan News Online");
        assert!(runs.contains(&"勾結醫師病患詐保險金  男遭訴"));
        assert!(!runs.contains(&"Taiwan News Online"));
        assert_eq!(
            title_core("内蒙古确保两节前农牧民工工资基本无拖欠_要闻_正北方网"),
            Some("内蒙古确保两节前农牧民工工资基本无拖欠")
        );
        let runs = title_runs("Star Wars Jedi: Fallen Order review – shoots for the moon | VG247");
        assert_eq!(
            runs[1..],
            ["Star Wars Jedi: Fallen Order review – shoots for the moon"]
        );
        let runs = title_runs("新概念作文否认韩寒“拼爹”说法 中国快讯 南方网");
        assert!(runs.contains(&"新概念作文否认韩寒“拼爹”说法"));
        assert!(title_runs(" - ").is_empty());
    }
}
