//! Machine conversion to Traditional Chinese, undone with OpenCC's
//! Traditional-to-Simplified tables (`data/opencc_ts_*.txt`, Apache-2.0).
//!
//! Spam kits convert character by character, so the characters that are one
//! Simplified form for several Traditional ones (于 并 后 发) stay as they were:
//! Simplified leftovers in Traditional text. Genuine Traditional text (Taiwan,
//! Hong Kong, classics) has none, and is never converted unless asked.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

struct Tables {
    chars: HashMap<char, char>,
    phrases: HashMap<&'static str, &'static str>,
    longest_phrase: usize,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let entries = |text: &'static str| {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (from, to) = l.split_once('\t')?;
                // The first alternative is OpenCC's default.
                Some((from.trim(), to.split(' ').next()?.trim()))
            })
            .collect::<Vec<_>>()
    };
    let mut chars = HashMap::new();
    for (from, to) in entries(include_str!("../../data/opencc_ts_characters.txt")) {
        let (mut f, mut t) = (from.chars(), to.chars());
        if let (Some(f), None, Some(t), None) = (f.next(), f.next(), t.next(), t.next()) {
            if f != t {
                chars.insert(f, t);
            }
        }
    }
    let phrases: HashMap<&str, &str> = entries(include_str!("../../data/opencc_ts_phrases.txt"))
        .into_iter()
        .collect();
    let longest_phrase = phrases.keys().map(|p| p.chars().count()).max().unwrap_or(1);
    Tables {
        chars,
        phrases,
        longest_phrase,
    }
});

/// Simplified characters that a character-by-character converter leaves alone
/// because each stands for several Traditional ones; Traditional text writes
/// 於 並 後 發 instead.
const LEFTOVERS: [char; 4] = ['于', '并', '后', '发'];

/// Words in which 著 is right in Simplified Chinese too (elsewhere, after a
/// conversion, it was 着: `闪耀着`).
const ZHU_WORDS: [&str; 24] = [
    "著名", "著作", "显著", "名著", "编著", "原著", "土著", "著称", "著述", "著者", "专著", "巨著",
    "论著", "遗著", "译著", "卓著", "昭著", "著书", "合著", "新著", "拙著", "所著", "著录", "著有",
];

/// Counts of what a text holds, for the decision.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Census {
    /// Characters that the tables turn into another (Traditional-only forms).
    pub traditional: usize,
    /// Simplified leftovers (于 并 后 发).
    pub leftovers: usize,
    pub han: usize,
}

pub(crate) fn census(text: &str) -> Census {
    let tables = &*TABLES;
    let mut c = Census::default();
    for ch in text.chars() {
        if !matches!(ch as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF) {
            continue;
        }
        c.han += 1;
        if tables.chars.contains_key(&ch) {
            c.traditional += 1;
        } else if LEFTOVERS.contains(&ch) {
            c.leftovers += 1;
        }
    }
    c
}

impl Census {
    /// Whether the text is mostly Traditional.
    pub(crate) fn traditional(&self) -> bool {
        self.traditional >= 5 && self.traditional * 5 >= self.han
    }
}

/// Converts `text` to Simplified: phrases first (longest match), then characters,
/// then 著 to 着 outside the words where 著 stays. Returns the converted text and
/// the byte spans of `text` that changed, with their replacements.
pub(crate) fn to_simplified(text: &str) -> (Cow<'_, str>, Vec<(std::ops::Range<usize>, String)>) {
    let tables = &*TABLES;
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF) {
            i += 1;
            continue;
        }
        // Longest phrase first.
        let mut matched = false;
        for len in (2..=tables.longest_phrase.min(chars.len() - i)).rev() {
            let end = chars.get(i + len).map_or(text.len(), |&(e, _)| e);
            if let Some(to) = tables.phrases.get(&text[at..end]) {
                if *to != &text[at..end] {
                    edits.push((at..end, (*to).to_owned()));
                }
                i += len;
                matched = true;
                break;
            }
        }
        if matched {
            continue;
        }
        if let Some(&to) = tables.chars.get(&c) {
            edits.push((at..at + c.len_utf8(), to.to_string()));
        } else if c == '著' && !in_zhu_word(text, at) {
            edits.push((at..at + c.len_utf8(), "着".to_owned()));
        }
        i += 1;
    }
    if edits.is_empty() {
        return (Cow::Borrowed(text), edits);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (span, to) in &edits {
        out.push_str(&text[last..span.start]);
        out.push_str(to);
        last = span.end;
    }
    out.push_str(&text[last..]);
    (Cow::Owned(out), edits)
}

/// Whether the 著 at `at` is part of a word where 著 is right (in either form of
/// its neighbour: 顯著 and 显著).
fn in_zhu_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + '著'.len_utf8()..].chars().next();
    let simplify = |c: char| TABLES.chars.get(&c).copied().unwrap_or(c);
    ZHU_WORDS.iter().any(|w| {
        let mut cs = w.chars();
        let (a, b) = (cs.next(), cs.next());
        (a == Some('著') && after.map(simplify) == b)
            || (b == Some('著') && before.map(simplify) == a)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_restores_zhe() {
        let (s, edits) =
            to_simplified("這座“海上花園”處處閃耀著令人矚目的“質量之光”，著名的顯著成就");
        assert_eq!(
            s,
            "这座“海上花园”处处闪耀着令人瞩目的“质量之光”，著名的显著成就"
        );
        assert!(!edits.is_empty());
        assert!(matches!(to_simplified("简体字").0, Cow::Borrowed(_)));
    }

    #[test]
    fn census_sees_leftovers() {
        let c = census("廈門市率先成為全國首批質量強市示範城市，于是并且後來");
        assert!(c.traditional());
        assert_eq!(c.leftovers, 2);
        let taiwan = census("台灣的天氣很好，我們明天去爬山吧。於是我們出發了。");
        assert_eq!(taiwan.leftovers, 0);
    }
}
