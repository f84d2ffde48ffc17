//! Unlikely juxtapositions of the characters that UTF-8 read as a single-byte
//! codec produces (`Ã©`, `â€™`, `Ð¾`, `├╖`).
//!
//! The categories and pair rules follow ftfy's `badness` heuristic (Apache-2.0, see
//! `tests/data/ftfy/NOTICE`), the best-tested knowledge of which sequences are
//! mojibake rather than text: they are facts about the codecs and about real text.
//! The `regex` crate runs the rules in linear time.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::codec::Codec;

const C1: &str = "\u{80}-\u{9f}";
const BAD: &str = "¦¤¨¬¯¶§¸ƒˆˇ˘˛˜†‡‰⌐◊�ªº";
const CURRENCY: &str = "¢£¥₧€";
const OPENING: &str = "¡«¿©΄΅‘‚“„•‹\u{f8ff}";
const CLOSING: &str = "®»˝”›™";
const NUMERIC: &str = "²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№";
const KAOMOJI: &str = "Ò-ÖÙ-Üò-öø-üŐ°";
const UPPER_ACCENTED: &str = "À-ÑØÜÝĂĄĆČĎĐĘĚĞİĹĽŁŃŇŒŘŚŞŠŢŤŮŰŸŹŻŽҐ";
const LOWER_ACCENTED: &str = "ßà-ñăąćčďđęěğĺľłœŕśşšťüźżžґﬁﬂ";
const UPPER_COMMON: &str = "ÞΑ-ΩΆΈΉΊΌΎΏΪΫЁ-Я";
const LOWER_COMMON: &str = "α-ωάέήίΰа-џ";
const BOX: &str = "─-╿▀▄█▌▐░▒▓";
const COMMON: &str = "\u{a0}\u{ad}·´–—―…’";

static RULES: LazyLock<Regex> = LazyLock::new(|| {
    let rules = [
        format!("[{C1}]"),
        format!(
            "[{BAD}{LOWER_ACCENTED}{UPPER_ACCENTED}{BOX}{OPENING}{CLOSING}{CURRENCY}{NUMERIC}][{BAD}]"
        ),
        format!("[a-zA-Z][{LOWER_COMMON}{UPPER_COMMON}][{BAD}]"),
        format!(
            "[{BAD}][{LOWER_ACCENTED}{UPPER_ACCENTED}{BOX}{OPENING}{CLOSING}{CURRENCY}{NUMERIC}]"
        ),
        format!(
            "[{LOWER_ACCENTED}{LOWER_COMMON}{BOX}{CLOSING}{CURRENCY}{NUMERIC}][{UPPER_ACCENTED}]"
        ),
        format!("[{BOX}{CLOSING}{CURRENCY}{NUMERIC}][{LOWER_ACCENTED}]"),
        format!("[{LOWER_ACCENTED}{BOX}{CLOSING}][{CURRENCY}]"),
        format!("\\s[{UPPER_ACCENTED}][{CURRENCY}]"),
        format!("[{UPPER_ACCENTED}{BOX}][{NUMERIC}]"),
        format!("[{LOWER_ACCENTED}{UPPER_ACCENTED}{BOX}{CURRENCY}{CLOSING}][{OPENING}][{NUMERIC}]"),
        format!("[{LOWER_ACCENTED}{UPPER_ACCENTED}{CURRENCY}{NUMERIC}{BOX}][{CLOSING}][{OPENING}]"),
        format!("[{CURRENCY}{NUMERIC}{BOX}][{OPENING}]"),
        format!("[a-z][{UPPER_ACCENTED}][{OPENING}{CURRENCY}]"),
        format!("[{BOX}][{KAOMOJI}]"),
        format!("[{LOWER_ACCENTED}{UPPER_ACCENTED}{CURRENCY}{NUMERIC}{OPENING}{CLOSING}][{BOX}]"),
        format!("[{BOX}][{CLOSING}]"),
        format!("[{LOWER_ACCENTED}{UPPER_ACCENTED}][{CLOSING}]\\w"),
        "[Œœ][^A-Za-z]".to_owned(),
        format!("[ÂÃÎÐ][€Šš¢£Ÿž\u{a0}\u{ad}®©°·»{OPENING}{CLOSING}–—´]"),
        "×[²³]".to_owned(),
        format!(
            "[ØÙ][{COMMON}{CURRENCY}{BAD}{NUMERIC}{OPENING}ŸŠ®°µ»][ØÙ][{COMMON}{CURRENCY}{BAD}{NUMERIC}{OPENING}ŸŠ®°µ»]"
        ),
        "à[²µ¹¼½¾]".to_owned(),
        "√[±∂†≠®™´≤≥¥µø]".to_owned(),
        "≈[°¢]".to_owned(),
        "‚Ä[ìîïòôúùû†°¢π]".to_owned(),
        "‚[âó][àä°ê]".to_owned(),
        "вЂ".to_owned(),
        format!("[ВГРС][{C1}{BAD}{OPENING}{CLOSING}{CURRENCY}°µ][ВГРС]"),
        "ГўВЂВ.[A-Za-z ]".to_owned(),
        "Ã[\u{a0}¡]".to_owned(),
        "[a-z]\\s?[ÃÂ]\\s".to_owned(),
        "^[ÃÂ]\\s".to_owned(),
        format!("[a-z.,?!{CLOSING}]Â[ {OPENING}{CLOSING}]"),
        "β€[™\u{a0}Ά\u{ad}®°]".to_owned(),
        format!("[ΒΓΞΟ][{C1}{BAD}{OPENING}{CLOSING}{CURRENCY}°][ΒΓΞΟ]"),
        // textwash's own: a two-byte sequence inside a word (`Ä°stanbul`,
        // `ZURÃœCK`, `RÄ«ga`); curly quotes are left out, since `É’s` is real.
        format!("[Â-ß][{C1}€‚ƒ„…†‡ˆ‰Š‹ŒŽšœžŸ¡-¿][A-Za-z]"),
        // UTF-8 Cyrillic read as MacRoman: `–ü—Ä–∏`.
        "[–—][ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø][–—][ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø]".to_owned(),
        // UTF-8 Cyrillic read as Windows-1251: `РёРІРµ`.
        "[РС][ђ-џЁЂ-Џ°±²³µ¶·№ёєѕіїјљњћќўџ‚„…†‡€‰‹›•–—™«»][РС]".to_owned(),
    ];
    // The rules are fixed: a failure here is a bug caught by every test.
    Regex::new(&rules.join("|")).expect("badness rules compile")
});

/// Whether `text` holds, in the characters of codec `read`, a two-byte UTF-8
/// sequence glued inside a word: a character of a lead byte (0xC2..=0xDF), one of
/// a continuation byte (0x80..=0xBF, not a space, quote or dash), then an ASCII
/// letter (`DĂłnde` in ISO-8859-2, `ZURÃœCK` in Windows-1252). The rule is built
/// from the codec's own table, so it holds for every single-byte codec alike.
pub(crate) fn in_word_sequence(read: Codec, text: &str) -> bool {
    static RULES: [OnceLock<Option<Regex>>; Codec::ALL.len()] =
        [const { OnceLock::new() }; Codec::ALL.len()];
    let index = read.index();
    let rule = RULES[index].get_or_init(|| {
        let table = read.table();
        let class = |bytes: std::ops::RangeInclusive<u8>, skip: &[char], letters: bool| {
            let mut out = String::new();
            for b in bytes {
                if let Some(c) = table.char_of(b) {
                    if !skip.contains(&c) && !c.is_whitespace() && (!letters || c.is_alphabetic()) {
                        out.push_str(&regex::escape(&c.to_string()));
                    }
                }
            }
            out
        };
        // Only letters lead: in MacRoman and CP437 most lead bytes are punctuation
        // or box drawing, which stand for themselves next to words.
        let leads = class(0xC2..=0xDF, &[], true);
        // A continuation that is a capital letter reads as the word going on in
        // capitals (`HÅØYA`): only symbols and small letters count.
        let conts: String = class(
            0x80..=0xBF,
            &['‘', '’', '“', '”', '–', '—', '…', '\u{AD}'],
            false,
        )
        .chars()
        .filter(|c| !c.is_uppercase())
        .collect();
        if leads.is_empty() || conts.is_empty() {
            return None;
        }
        Regex::new(&format!("[{leads}][{conts}][A-Za-z]")).ok()
    });
    rule.as_ref().is_some_and(|r| r.is_match(text))
}

/// How many unlikely juxtapositions `text` holds.
pub(crate) fn badness(text: &str) -> usize {
    RULES.find_iter(text).count()
}

/// Whether `text` holds any unlikely juxtaposition.
pub(crate) fn is_bad(text: &str) -> bool {
    RULES.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_bad_and_text_is_not() {
        assert!(is_bad("cafÃ©"));
        assert!(is_bad("â€œquotedâ€"));
        assert!(!is_bad("café"));
        assert!(!is_bad("“quoted”"));
        assert!(!is_bad("Grüße aus Köln"));
        assert_eq!(badness(""), 0);
    }
}
