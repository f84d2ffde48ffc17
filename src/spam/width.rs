//! Width artefacts: NFKC turned the full-width `，：；（）！？` of Chinese text into
//! ASCII. Between two Han characters they are restored (an option: off by default,
//! on in the corpus preset).

use std::ops::Range;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x2_0000..=0x3_FFFF)
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        '!' => '！',
        '?' => '？',
        _ => return None,
    })
}

/// ASCII punctuation with Han on both sides (`质量,发展`), and its full-width
/// form. Brackets need Han only on their inner side (`（厦门）`).
pub(crate) fn find(text: &str) -> Vec<(Range<usize>, char)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let Some(wide) = full_width(c) else { continue };
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let han = |x: Option<char>| x.is_some_and(is_han);
        let ok = match c {
            '(' => han(next) && (han(prev) || prev.is_none()),
            ')' => han(prev) && (han(next) || next.is_none_or(|n| !n.is_ascii_alphanumeric())),
            _ => han(prev) && han(next),
        };
        if ok {
            out.push((at..at + 1, wide));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_between_han() {
        let spans: Vec<char> = find("一城春色半城花,万顷波涛。Hello, world (ok).")
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        assert_eq!(spans, ['，']);
    }
}
