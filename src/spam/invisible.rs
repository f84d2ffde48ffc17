//! Invisible characters injected to defeat deduplication and keyword filters, and
//! look-alike letters from other scripts inside Latin words.

use std::ops::Range;

use super::title::latin_lookalike;

/// What an invisible or look-alike character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Invisible,
    Homoglyph,
}

/// Scripts where zero-width joiners and non-joiners are part of the writing
/// (emoji sequences, Indic conjuncts, Arabic and Persian shaping).
fn joins(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0900..=0x0DFF | 0x0F00..=0x0FFF | 0x1780..=0x17FF
        | 0x2600..=0x27BF | 0xFE0F | 0x1_F000..=0x1_FAFF | 0xE_0020..=0xE_007F)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x2_0000..=0x3_FFFF)
}

/// The spans to remove or replace: C0 controls anywhere (but tab and line ends);
/// zero-width characters inside Han runs and words (not between emoji or in
/// scripts that join); soft hyphens next to CJK; Cyrillic and Greek look-alikes
/// inside Latin words (`аv` becomes `av`).
pub(crate) fn find(text: &str) -> Vec<(Range<usize>, Option<char>, Kind)> {
    let mut out = Vec::new();
    let quick = text
        .bytes()
        .any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        || text.contains([
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
        ])
        || has_lookalike(text);
    if !quick {
        return out;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let span = at..at + c.len_utf8();
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|&(_, n)| n);
        match c {
            '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}' => {
                out.push((span, None, Kind::Invisible));
            }
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
                let joined = prev.is_some_and(joins) || next.is_some_and(joins);
                let inside = |x: Option<char>| x.is_some_and(|x| is_cjk(x) || x.is_alphanumeric());
                if !joined && (inside(prev) || inside(next)) {
                    out.push((span, None, Kind::Invisible));
                }
            }
            '\u{AD}' if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) => {
                out.push((span, None, Kind::Invisible));
            }
            _ => {}
        }
    }
    // Look-alikes: a word of Latin letters with Cyrillic or Greek ones mixed in,
    // all of which have a Latin twin.
    let mut start = 0;
    while start < chars.len() {
        if !chars[start].1.is_alphabetic() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && chars[end].1.is_alphabetic() && !is_cjk(chars[end].1) {
            end += 1;
        }
        let word = &chars[start..end];
        let latin = word.iter().filter(|(_, c)| c.is_ascii_alphabetic()).count();
        let twins: Vec<(usize, char, char)> = word
            .iter()
            .filter(|(_, c)| !c.is_ascii())
            .filter_map(|&(at, c)| latin_lookalike(c).map(|l| (at, c, l)))
            .collect();
        let foreign = word.iter().filter(|(_, c)| !c.is_ascii()).count();
        if latin > 0 && !twins.is_empty() && twins.len() == foreign {
            for (at, c, l) in twins {
                out.push((at..at + c.len_utf8(), Some(l), Kind::Homoglyph));
            }
        }
        start = end.max(start + 1);
    }
    out.sort_by_key(|(span, ..)| span.start);
    out
}

/// Whether a look-alike letter sits next to a Latin one somewhere in `text`.
fn has_lookalike(text: &str) -> bool {
    let mut prev = ' ';
    for c in text.chars() {
        let twin = |x: char| !x.is_ascii() && latin_lookalike(x).is_some();
        if (prev.is_ascii_alphabetic() && twin(c)) || (twin(prev) && c.is_ascii_alphabetic()) {
            return true;
        }
        prev = c;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (span, with, _) in find(text) {
            out.push_str(&text[at..span.start]);
            out.extend(with);
            at = span.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn invisible_characters_go_and_joiners_stay() {
        assert_eq!(apply("质\u{5}量，\u{6}发\u{200B}展"), "质量，发展");
        assert_eq!(apply("👨\u{200D}👩\u{200D}👧"), "👨\u{200D}👩\u{200D}👧");
        assert_eq!(apply("क्\u{200D}ष"), "क्\u{200D}ष");
        assert_eq!(apply("line\tone\r\n"), "line\tone\r\n");
    }

    #[test]
    fn lookalikes_inside_latin_words() {
        assert_eq!(apply("亚洲аv在线"), "亚洲av在线");
        assert_eq!(apply("Привет, мир"), "Привет, мир");
        assert_eq!(apply("pаypal"), "paypal");
    }
}
