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
    let title = title.trim();
    let separators = [
        " - ", " – ", " — ", "――", "——", " | ", "｜", "_", " :: ", " · ",
    ];
    let mut best = title;
    for sep in separators {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            if !head.is_empty()
                && tail.chars().count() <= 16
                && head.chars().count() > tail.chars().count()
                && head.chars().count() < best.chars().count()
            {
                best = head;
            }
        }
    }
    best
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
    }
}
