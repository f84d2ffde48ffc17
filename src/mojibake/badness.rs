//! Unlikely juxtapositions of the characters that UTF-8 read as a single-byte
//! codec produces (`Ã©`, `â€™`, `Ð¾`, `├╖`).
//!
//! The categories and pair rules follow ftfy's `badness` heuristic (Apache-2.0, see
//! `tests/data/ftfy/NOTICE`), the best-tested knowledge of which sequences are
//! mojibake rather than text: they are facts about the codecs and about real text.
//! The `regex` crate runs the rules in linear time.

use std::sync::LazyLock;

use regex::Regex;

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
const BOX: &str = "│┌┐┘├┤┬┼═-╬▀▄█▌▐░▒▓";
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
        // UTF-8 Cyrillic read as Windows-1251: `РёРІРµ`.
        "[РС][ђ-џЁЂ-Џ°±²³µ¶·№ёєѕіїјљњћќўџ‚„…†‡€‰‹›•–—™«»][РС]".to_owned(),
    ];
    // The rules are fixed: a failure here is a bug caught by every test.
    Regex::new(&rules.join("|")).expect("badness rules compile")
});

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
