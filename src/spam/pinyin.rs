//! Pinyin annotations injected after Han characters: `質(zhì)量`, `我(wǒ )`,
//! `质（zhi）`. Each annotation is checked against the character's readings
//! (Unihan `kMandarin` and `kHanyuPinyin`, `data/pinyin.txt`), and the document is
//! judged as a whole: spam kits annotate a few chosen characters at every
//! occurrence with their first dictionary reading; teaching pages annotate nearly
//! every character with its reading in context, and keep theirs.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// The readings of each character, first (most common) first.
static READINGS: LazyLock<HashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    include_str!("../../data/pinyin.txt")
        .lines()
        .filter_map(|line| {
            let (c, readings) = line.split_once('\t')?;
            let c = c.chars().next()?;
            Some((c, readings.split(' ').collect()))
        })
        .collect()
});

static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han})([(（])[ \t\u{3000}]*([a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿêÊ]{1,7}[1-5]?)[ \t\u{3000}]*([)）])")
        .expect("annotation pattern compiles")
});

/// One annotation: where its bracket starts and ends, the character it follows,
/// and the reading written in it.
#[derive(Debug, Clone)]
pub(crate) struct Annotation {
    /// The bracketed reading, brackets included (what is removed).
    pub span: Range<usize>,
    pub han: char,
    pub reading: String,
}

/// Every bracketed pinyin-looking reading right after a Han character.
pub(crate) fn annotations(text: &str) -> Vec<Annotation> {
    // memchr's searches, not `str::contains` with a set of characters, which
    // decodes every character: most text has no bracket, and costs a scan.
    if memchr::memchr(b'(', text.as_bytes()).is_none()
        && memchr::memmem::find(text.as_bytes(), "（".as_bytes()).is_none()
    {
        return Vec::new();
    }
    ANNOTATION
        .captures_iter(text)
        .filter_map(|c| {
            let han = c[1].chars().next()?;
            let start = c.get(2)?.start();
            let end = c.get(4)?.end();
            Some(Annotation {
                span: start..end,
                han,
                reading: c[3].to_lowercase(),
            })
        })
        .collect()
}

/// Removes tone marks (and a tone number): `zhì`, `zhi4` -> `zhi`; `ü` stays.
fn toneless(reading: &str) -> String {
    reading
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' | 'ê' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'v' => 'ü',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            c => c,
        })
        .collect()
}

/// How an annotation matches the character's readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// Not a reading of the character (jyutping, a word, a wrong reading).
    None,
    /// A reading, but not the first one.
    Other,
    /// The first (most common) dictionary reading.
    First,
}

pub(crate) fn check(a: &Annotation) -> Match {
    let Some(readings) = READINGS.get(&a.han) else {
        return Match::None;
    };
    // `ü` is a letter, not a tone mark: `nü` is toneless.
    let toned = a
        .reading
        .chars()
        .any(|c| !c.is_ascii() && !matches!(c, 'ü' | 'Ü'))
        || a.reading.ends_with(|c: char| c.is_ascii_digit());
    let same = |r: &str| {
        if toned && !a.reading.ends_with(|c: char| c.is_ascii_digit()) {
            r == a.reading
        } else {
            toneless(r) == toneless(&a.reading)
        }
    };
    match readings.iter().position(|r| same(r)) {
        Some(0) => Match::First,
        Some(_) => Match::Other,
        None => Match::None,
    }
}

/// The document-level judgement on its annotations.
#[derive(Debug, Clone, Default)]
pub(crate) struct Verdict {
    pub spam: bool,
    pub evidence: String,
}

/// Judges the annotations of a whole document (`text`).
pub(crate) fn judge(text: &str) -> Verdict {
    let found = annotations(text);
    if found.len() < 3 {
        return Verdict::default();
    }
    let mut valid = 0;
    let mut first = 0;
    let mut annotated: HashMap<char, usize> = HashMap::new();
    for a in &found {
        match check(a) {
            Match::None => continue,
            Match::Other => valid += 1,
            Match::First => {
                valid += 1;
                first += 1;
            }
        }
        *annotated.entry(a.han).or_default() += 1;
    }
    let han = text.chars().filter(|&c| is_han(c)).count().max(1);
    // Of the annotated characters, how many of their occurrences are annotated.
    let mut occurrences: HashMap<char, usize> = annotated.keys().map(|&c| (c, 0)).collect();
    for c in text.chars() {
        if let Some(n) = occurrences.get_mut(&c) {
            *n += 1;
        }
    }
    let covered: usize = annotated.values().sum();
    let total: usize = occurrences.values().sum::<usize>().max(1);
    let density = found.len() as f64 / han as f64;
    let valid_share = valid as f64 / found.len() as f64;
    let first_share = first as f64 / valid.max(1) as f64;
    let coverage = covered as f64 / total as f64;
    // Teaching pages annotate (nearly) every character; spam a chosen few, each
    // at every occurrence, with its dictionary-first reading. In a short text the
    // chosen few can be half its characters: above that, only with all the marks
    // of the machine (every occurrence, the first reading, many annotations).
    let machine_marks = valid >= 30 && first_share >= 0.95 && coverage >= 0.95;
    let spam = valid >= 3
        && valid_share >= 0.8
        && (density < 0.5 || (density < 0.75 && machine_marks))
        && (first_share >= 0.8 || coverage >= 0.8);
    Verdict {
        spam,
        evidence: format!(
            "{} annotations on {} characters, {:.0}% valid readings, {:.0}% dictionary-first, \
             {:.0}% of their occurrences annotated, {:.1}% of the text's Han characters",
            found.len(),
            annotated.len(),
            100.0 * valid_share,
            100.0 * first_share,
            100.0 * coverage,
            100.0 * density
        ),
    }
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x2_0000..=0x3_FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toneless_u_umlaut_is_a_reading() {
        let a = |han, reading: &str| Annotation {
            han,
            reading: reading.to_owned(),
            span: 0..0,
        };
        assert_eq!(check(&a('女', "nü")), Match::First);
        assert_eq!(check(&a('律', "lv")), Match::First);
        assert_eq!(check(&a('女', "nǚ")), Match::First);
    }

    #[test]
    fn annotations_in_their_variants() {
        let found = annotations("質(zhì)量 我(wǒ ) 质（zhi） 廣(gwong2) 好(hǎo)");
        let readings: Vec<&str> = found.iter().map(|a| a.reading.as_str()).collect();
        assert_eq!(readings, ["zhì", "wǒ", "zhi", "gwong2", "hǎo"]);
        assert_eq!(check(&found[0]), Match::First);
        assert_eq!(check(&found[2]), Match::First);
        assert_eq!(check(&found[3]), Match::None);
    }

    #[test]
    fn spam_pattern_and_teaching_pages() {
        let spam = "質(zhì)量是發(fā)展的基礎(chǔ)。質(zhì)量工作要抓好。提高質(zhì)量，發(fā)展經(jīng)濟。\
                    這是一段很長的正文，只有少數(shù)字被標(biāo)注了拼音，其他字都沒有。";
        assert!(judge(spam).spam, "{}", judge(spam).evidence);
        let teaching = "我(wǒ)们(men)一(yì)起(qǐ)学(xué)习(xí)汉(hàn)语(yǔ)。";
        assert!(!judge(teaching).spam, "{}", judge(teaching).evidence);
        let jyutping = "廣(gwong2)東(dung1)話(waa2)好(hou2)難(naan4)學(hok6)。";
        assert!(!judge(jyutping).spam);
    }

    #[test]
    fn a_short_text_with_half_its_characters_annotated_by_the_machine() {
        // 4 of 7 characters annotated, every occurrence, dictionary-first readings.
        let spam = "質(zhì)量與發(fā)展並重。".repeat(10);
        assert!(judge(&spam).spam, "{}", judge(&spam).evidence);
        // The same density with readings in context (tone sandhi) is teaching.
        let teaching = "一(yí)个(gè)人(rén)不(bú)要(yào)去。".repeat(10);
        assert!(!judge(&teaching).spam, "{}", judge(&teaching).evidence);
    }
}
