//! Hijacked titles: several segments joined by `|`, `_`, `丨`, each stuffed with
//! porn, gambling or SEO vocabulary, often with look-alike letters (`аv` with a
//! Cyrillic `а`).

use std::sync::LazyLock;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The judgement on a title.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TitleJudgement {
    /// Whether the title was hijacked by spam vocabulary.
    pub hijacked: bool,
    /// The evidence, in words.
    pub reason: String,
}

struct Lexicon {
    strong: Vec<String>,
    weak: Vec<String>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon {
        strong: Vec::new(),
        weak: Vec::new(),
    };
    for line in include_str!("../../data/spam_lexicon.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        match line.split_once('\t') {
            Some(("strong", term)) => lexicon.strong.push(fold(term)),
            Some(("weak", term)) => lexicon.weak.push(fold(term)),
            _ => {}
        }
    }
    lexicon
});

/// Folds `text` for matching: NFKC (full-width letters, `ⅴ`), lowercase, letters
/// of other scripts that look Latin folded to Latin (`аv`, `a∨`), and invisible
/// characters and spaces dropped.
pub(crate) fn fold(text: &str) -> String {
    // Most text is in NFKC already, which the quick check tells far faster
    // than normalizing would.
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        fold_normalized(text.chars())
    } else {
        fold_normalized(text.nfkc())
    }
}

fn fold_normalized(text: impl Iterator<Item = char>) -> String {
    text.flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => None,
            c if c.is_whitespace() => None,
            c => Some(latin_lookalike(c).unwrap_or(c)),
        })
        .collect()
}

/// The Latin letter a Cyrillic or Greek letter (or a symbol) is made to look
/// like, for the look-alikes spam kits use.
pub(crate) fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'в' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'н' | 'η' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' | '∨' | 'ѵ' => 'v',
        'ш' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        _ => return None,
    })
}

/// The separators spam kits join their segments with (and that real titles join
/// a headline and a site name with).
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '|' | '｜'
            | '丨'
            | '_'
            | '＿'
            | '-'
            | '－'
            | '—'
            | '–'
            | '/'
            | ','
            | '，'
            | '、'
            | '·'
            | '•'
    )
}

/// Judges whether `title` is a hijacked, keyword-stuffed spam title.
///
/// A title is hijacked when at least two of its segments carry strong spam
/// vocabulary, or one does among three or more segments and another carries weak
/// vocabulary. Pipes alone are not evidence, and neither is one weak word
/// (`在线观看`, `免费`, `视频`) in a real title.
///
/// ```
/// use textwash::spam::judge_title;
/// assert!(judge_title("在线观看精品国产大片|免费一区二区视频|亚洲аv在线观看").hijacked);
/// assert!(!judge_title("新闻中心 | 中国质量新闻网").hijacked);
/// assert!(!judge_title("《流浪地球》在线观看 - 央视网").hijacked);
/// ```
pub fn judge_title(title: &str) -> TitleJudgement {
    let lexicon = &*LEXICON;
    let segments: Vec<String> = title
        .split(is_separator)
        .map(fold)
        .filter(|s| !s.is_empty())
        .collect();
    let mut strong = Vec::new();
    let mut weak = 0;
    for segment in &segments {
        let hits: Vec<&str> = lexicon
            .strong
            .iter()
            .filter(|t| contains_term(segment, t))
            .map(String::as_str)
            .collect();
        if !hits.is_empty() {
            strong.push(hits.join("+"));
        } else if lexicon.weak.iter().any(|t| segment.contains(t.as_str())) {
            weak += 1;
        }
    }
    let hijacked = strong.len() >= 2 || (strong.len() == 1 && weak >= 1 && segments.len() >= 3);
    let reason = if strong.is_empty() {
        String::new()
    } else {
        format!(
            "{} of {} title segments carry spam vocabulary ({}), {} more weak",
            strong.len(),
            segments.len(),
            strong.join(", "),
            weak
        )
    };
    TitleJudgement { hijacked, reason }
}

/// How many distinct strong spam terms `text` holds.
pub(crate) fn strong_terms(text: &str) -> usize {
    let folded = fold(text);
    LEXICON
        .strong
        .iter()
        .filter(|t| contains_term(&folded, t))
        .count()
}

/// Whether `segment` holds `term`; a Latin term must stand as its own word
/// (`av` in `аv在线`, not in `java` or `avenue`).
fn contains_term(segment: &str, term: &str) -> bool {
    if !term.is_ascii() {
        return segment.contains(term);
    }
    segment.match_indices(term).any(|(at, _)| {
        let before = segment[..at].chars().next_back();
        let after = segment[at + term.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_title_is_hijacked() {
        let j =
            judge_title("在线观看精品国产大片|免费一区二区视频|亚洲аv在线观看|欧美在线激情性受");
        assert!(j.hijacked, "{j:?}");
        assert!(j.reason.contains("av"));
    }

    #[test]
    fn real_titles_stay() {
        for t in [
            "新闻中心 | 中国质量新闻网",
            "免费领取！国庆假期高速公路免费通行",
            "高清视频：嫦娥五号发射 - 新华网",
            "Java 17 released | InfoQ",
            "欧美股市收盘涨跌不一_财经频道_东方财富网",
            "一篇关于网络色情的调查报告",
        ] {
            assert!(!judge_title(t).hijacked, "{t}");
        }
    }

    #[test]
    fn folding_defeats_lookalikes() {
        assert_eq!(fold("Ａ∨ 在线"), "av在线");
        assert_eq!(fold("аv"), "av");
    }
}
