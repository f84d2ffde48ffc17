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
    /// The characters `chars` converts, as a bitset of the Basic Multilingual
    /// Plane: the census and the conversion ask it of every Han character, most
    /// of which do not convert, and a bit test is far cheaper than hashing.
    converts: Vec<u64>,
    /// The characters phrases start with, as a bitset like `converts`.
    starts_phrase: Vec<u64>,
    /// The characters the conversion may change or start a phrase at: those of
    /// `converts` and `starts_phrase`, and 著. One test skips all others.
    may_change: Vec<u64>,
    /// The phrases of two or more characters and their conversions, grouped by
    /// their first character (sorted), longest first within a group: the first
    /// one the text starts with is the longest match, found without hashing.
    phrases: Vec<(char, Vec<(&'static str, &'static str)>)>,
}

/// An empty bitset of the Basic Multilingual Plane.
fn bmp_set() -> Vec<u64> {
    vec![0; 0x1_0000 / 64]
}

fn insert(set: &mut [u64], c: char) {
    let i = c as usize;
    if let Some(word) = set.get_mut(i / 64) {
        *word |= 1 << (i % 64);
    }
}

/// Whether `c` is in `set`; always false outside the Basic Multilingual Plane,
/// which is why the sets are only asked about Han characters of its blocks.
fn contains(set: &[u64], c: char) -> bool {
    let i = c as usize;
    set.get(i / 64)
        .is_some_and(|word| word >> (i % 64) & 1 == 1)
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
    let mut converts = bmp_set();
    for &c in chars.keys() {
        insert(&mut converts, c);
    }
    // Later entries win, as they would in a map.
    let phrases: HashMap<&str, &str> = entries(include_str!("../../data/opencc_ts_phrases.txt"))
        .into_iter()
        .collect();
    let mut starts_phrase = bmp_set();
    let mut grouped: HashMap<char, Vec<(&'static str, &'static str)>> = HashMap::new();
    for (&from, &to) in &phrases {
        // Only phrases of two characters or more are looked for.
        let mut cs = from.chars();
        let (Some(first), Some(_)) = (cs.next(), cs.next()) else {
            continue;
        };
        insert(&mut starts_phrase, first);
        grouped.entry(first).or_default().push((from, to));
    }
    let mut may_change: Vec<u64> = converts
        .iter()
        .zip(&starts_phrase)
        .map(|(a, b)| a | b)
        .collect();
    insert(&mut may_change, '著');
    let mut phrases: Vec<(char, Vec<(&'static str, &'static str)>)> = grouped.into_iter().collect();
    phrases.sort_unstable_by_key(|&(c, _)| c);
    for (_, group) in &mut phrases {
        group.sort_unstable_by_key(|&(from, _)| std::cmp::Reverse(from.chars().count()));
    }
    Tables {
        chars,
        converts,
        starts_phrase,
        may_change,
        phrases,
    }
});

/// The phrases (and their conversions) that start with `c`, longest first.
fn phrases_from(tables: &Tables, c: char) -> &[(&'static str, &'static str)] {
    if !contains(&tables.starts_phrase, c) {
        return &[];
    }
    match tables.phrases.binary_search_by_key(&c, |&(first, _)| first) {
        Ok(at) => &tables.phrases[at].1,
        Err(_) => &[],
    }
}

/// The Han blocks of the Basic Multilingual Plane the conversion looks at.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF)
}

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
        if !is_han(ch) {
            continue;
        }
        c.han += 1;
        if contains(&tables.converts, ch) {
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
    // Where the phrase last matched ends: its characters are done.
    let mut done = 0;
    for (at, c) in text.char_indices() {
        if at < done || !is_han(c) || !contains(&tables.may_change, c) {
            continue;
        }
        // Longest phrase first.
        if let Some(&(from, to)) = phrases_from(tables, c)
            .iter()
            .find(|(from, _)| text[at..].starts_with(from))
        {
            if to != from {
                edits.push((at..at + from.len(), to.to_owned()));
            }
            done = at + from.len();
            continue;
        }
        if contains(&tables.converts, c) {
            edits.push((at..at + c.len_utf8(), tables.chars[&c].to_string()));
        } else if c == '著' && !in_zhu_word(text, at) {
            edits.push((at..at + c.len_utf8(), "着".to_owned()));
        }
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

    /// The conversion as first written (every Han character decoded, every
    /// phrase length hashed), which the tables and scans above must agree with.
    fn to_simplified_reference(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
        let tables = &*TABLES;
        let phrases: std::collections::HashMap<&str, &str> = tables
            .phrases
            .iter()
            .flat_map(|(_, group)| group.iter().copied())
            .collect();
        let longest = phrases.keys().map(|p| p.chars().count()).max().unwrap_or(1);
        let mut edits = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if !is_han(c) {
                i += 1;
                continue;
            }
            let mut matched = false;
            for len in (2..=longest.min(chars.len() - i)).rev() {
                let end = chars.get(i + len).map_or(text.len(), |&(e, _)| e);
                if let Some(to) = phrases.get(&text[at..end]) {
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
        edits
    }

    /// Pieces to build test text from: phrases and their first characters,
    /// Traditional characters and their Simplified forms, 著 and its words, the
    /// leftovers, CJK punctuation, kana, Latin.
    fn pieces() -> Vec<String> {
        let tables = &*TABLES;
        let mut pieces: Vec<String> = Vec::new();
        for (first, group) in tables.phrases.iter().step_by(3) {
            pieces.push(first.to_string());
            for (from, to) in group.iter().take(3) {
                pieces.push((*from).to_owned());
                pieces.push((*to).to_owned());
                pieces.push(from.chars().take(2).collect());
            }
        }
        let mut chars: Vec<(&char, &char)> = tables.chars.iter().collect();
        chars.sort_unstable();
        for (from, to) in chars.into_iter().step_by(40) {
            pieces.push(from.to_string());
            pieces.push(to.to_string());
        }
        for w in ZHU_WORDS {
            pieces.push(w.to_owned());
        }
        for p in [
            "著", "顯", "于", "并", "后", "发", "，", "。", "“", "あ", "a", " ", "\n", "𠀀",
        ] {
            pieces.push(p.to_owned());
        }
        pieces
    }

    proptest::proptest! {
        #[test]
        fn tables_and_scans_agree_with_the_plain_conversion(
            picks in proptest::collection::vec(proptest::sample::select(pieces()), 0..40)
        ) {
            let text: String = picks.concat();
            let (converted, edits) = to_simplified(&text);
            proptest::prop_assert_eq!(&edits, &to_simplified_reference(&text));
            proptest::prop_assert_eq!(matches!(converted, Cow::Borrowed(_)), edits.is_empty());
            let c = census(&text);
            let han = text.chars().filter(|&c| is_han(c)).count();
            let traditional = text
                .chars()
                .filter(|c| is_han(*c) && TABLES.chars.contains_key(c))
                .count();
            proptest::prop_assert_eq!((c.han, c.traditional), (han, traditional));
        }
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
