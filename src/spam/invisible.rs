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

/// The characters [`find`] may remove: C0 controls (but tab and line ends),
/// zero-width characters and soft hyphens.
fn may_vanish(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'
        | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}')
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
    if !suspect(text) {
        return out;
    }
    // Neighbours are judged past the characters this pass may remove, so that
    // what it keeps is judged the same once they are gone (the pass is
    // idempotent): `a\0\u{200B}` loses both, `n\0р` is the word `nр`.
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| !may_vanish(c))
        .collect();
    let mut seen: usize = 0;
    for (at, c) in text.char_indices() {
        if !may_vanish(c) {
            seen += 1;
            continue;
        }
        let span = at..at + c.len_utf8();
        let prev = seen.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(seen).map(|&(_, n)| n);
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
                let joined = prev.is_some_and(joins) || next.is_some_and(joins);
                let inside = |x: Option<char>| x.is_some_and(|x| is_cjk(x) || x.is_alphanumeric());
                if !joined && (inside(prev) || inside(next)) {
                    out.push((span, None, Kind::Invisible));
                }
            }
            '\u{AD}' => {
                if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) {
                    out.push((span, None, Kind::Invisible));
                }
            }
            _ => out.push((span, None, Kind::Invisible)),
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

/// Whether `text` holds anything [`find`] might remove or replace: a C0 control
/// (but tab and line ends), a zero-width character or soft hyphen, or a
/// look-alike letter next to a Latin one.
///
/// Clean text must cost a scan, not a decode of every character (std's
/// `str::contains` with a set of characters decodes them all): the bytes are
/// tested a chunk at a time with branch-free tests that the compiler turns into
/// SIMD, and only a chunk with a candidate is looked at byte by byte.
fn suspect(text: &str) -> bool {
    const CHUNK: usize = 64;
    let bytes = text.as_bytes();
    // Positions with two bytes after them; the last two are looked at one by one.
    let n = bytes.len().saturating_sub(2);
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        let flagged = bytes[start..end]
            .iter()
            .zip(&bytes[start + 1..end + 1])
            .zip(&bytes[start + 2..end + 2])
            .fold(false, |any, ((&x, &y), &z)| any | candidate(x, y, z));
        if flagged
            && (start..end)
                .any(|i| candidate(bytes[i], bytes[i + 1], bytes[i + 2]) && suspect_at(text, i))
        {
            return true;
        }
        start = end;
    }
    (n..bytes.len()).any(|i| suspect_at(text, i))
}

/// A cheap superset of [`suspect_at`] on the byte `x` and the two after it,
/// without branches: a control, the bytes of a zero-width character or soft
/// hyphen, or a Latin letter next to a byte of another character.
fn candidate(x: u8, y: u8, z: u8) -> bool {
    let letter = |b: u8| (b | 0x20).wrapping_sub(b'a') < 26;
    let control = (x < 0x20) & (x != b'\t') & (x != b'\n') & (x != b'\r');
    let soft_hyphen = (x == 0xC2) & (y == 0xAD);
    let zero_width =
        (x == 0xE2) & (((y == 0x80) & (z.wrapping_sub(0x8B) < 3)) | ((y == 0x81) & (z == 0xA0)));
    let bom = (x == 0xEF) & (y == 0xBB) & (z == 0xBF);
    let next_to_letter = (letter(x) & (y >= 0x80)) | ((x >= 0x80) & letter(y));
    control | soft_hyphen | zero_width | bom | next_to_letter
}

/// Whether the byte at `at` starts a control, a zero-width character or a soft
/// hyphen, or is a Latin letter next to a look-alike, or the last byte of a
/// look-alike before a Latin letter.
fn suspect_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let x = bytes[at];
    let y = bytes.get(at + 1).copied().unwrap_or(0);
    let z = bytes.get(at + 2).copied().unwrap_or(0);
    // Bytes from 0xC0 only ever start a character in UTF-8: the sequences below
    // are whole characters (U+00AD, U+200B..=U+200D, U+2060, U+FEFF).
    if (x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r'))
        || (x, y) == (0xC2, 0xAD)
        || matches!((x, y, z), (0xE2, 0x80, 0x8B..=0x8D) | (0xE2, 0x81, 0xA0))
        || (x, y, z) == (0xEF, 0xBB, 0xBF)
    {
        return true;
    }
    let twin = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && latin_lookalike(c).is_some());
    (x.is_ascii_alphabetic() && twin(text[at + 1..].chars().next()))
        || (y.is_ascii_alphabetic() && !x.is_ascii() && twin(text[..at + 1].chars().next_back()))
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

    /// The plain definition `suspect` stands for.
    fn suspect_reference(text: &str) -> bool {
        let twin = |x: char| !x.is_ascii() && latin_lookalike(x).is_some();
        let mut prev = ' ';
        text.bytes()
            .any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || text.contains([
                '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
            ])
            || text.chars().any(|c| {
                let next_to = (prev.is_ascii_alphabetic() && twin(c))
                    || (twin(prev) && c.is_ascii_alphabetic());
                prev = c;
                next_to
            })
    }

    /// Text of `ordinary` characters with, now and then, one of `rare`.
    fn text_of(
        ordinary: &str,
        rare: &str,
    ) -> impl proptest::strategy::Strategy<Value = String> + use<> {
        use proptest::strategy::Strategy;
        let ordinary: Vec<char> = ordinary.chars().collect();
        let rare: Vec<char> = rare.chars().collect();
        proptest::collection::vec(
            proptest::prop_oneof![
                300 => proptest::sample::select(ordinary),
                1 => proptest::sample::select(rare),
            ],
            0..400,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    const INVISIBLE: &str =
        "\u{0}\u{1}\u{b}\u{1f}\u{7f}\u{ad}\u{200b}\u{200c}\u{200d}\u{200e}\u{2060}\u{feff}";

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1000))]

        // Chinese text without Latin letters: only the invisible characters
        // make it suspect.
        #[test]
        fn suspect_is_its_plain_definition_in_chinese(
            text in text_of("019 .,\t\r\n質量中文，“”—…あ😀\u{fffe}яжλ", INVISIBLE)
        ) {
            proptest::prop_assert_eq!(suspect(&text), suspect_reference(&text));
        }

        // Latin, Cyrillic and Greek letters with and without Latin twins, and
        // a few look-alike symbols, next to each other.
        #[test]
        fn suspect_is_its_plain_definition_in_mixed_scripts(
            text in text_of("abcxyzABCXYZ019 .,\t\nаеорсхуяжνα∨ϲѕλ質量，“—あ😀", INVISIBLE)
        ) {
            proptest::prop_assert_eq!(suspect(&text), suspect_reference(&text));
        }
    }

    #[test]
    fn lookalikes_inside_latin_words() {
        assert_eq!(apply("亚洲аv在线"), "亚洲av在线");
        assert_eq!(apply("Привет, мир"), "Привет, мир");
        assert_eq!(apply("pаypal"), "paypal");
    }

    #[test]
    fn neighbours_are_judged_past_what_goes() {
        // Found by fuzzing: the look-alike is inside a word once the control goes.
        assert_eq!(apply("《$\0n\0р("), "《$np(");
        assert_eq!(apply("a\0\u{200B}"), "a");
        assert_eq!(apply("中\u{200B}\u{200B}"), "中");
        for text in ["《$\0n\0р(", "a\u{AD}\0中", "x\u{200D}\u{1F600}"] {
            assert_eq!(apply(&apply(text)), apply(text));
        }
    }
}
