//! Properties of the mojibake repair, checked on generated inputs.

use proptest::prelude::*;
use textwash::mojibake::{Chain, Misreading};
use textwash::{Fixer, fix_text, replay};

/// Real sentences in many scripts (tests/data/mojibake/sentences.txt).
fn sentences() -> Vec<String> {
    include_str!("data/mojibake/sentences.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(_, s)| s.to_owned()))
        .collect()
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Characters mojibake is made of, so that repairs actually run.
        proptest::collection::vec(
            prop_oneof![
                Just("Ã"),
                Just("©"),
                Just("â€"),
                Just("™"),
                Just("浣"),
                Just("犲"),
                Just("ソ"),
                Just("锟斤拷"),
                Just("�"),
                Just(" "),
                Just("?"),
                Just("a"),
                Just("中"),
                Just("Ð"),
                Just("¾"),
                Just("\u{85}"),
                Just("ÄãºÃ"),
            ],
            0..40
        )
        .prop_map(|parts| parts.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_is_idempotent(text in any_text()) {
        let once = fix_text(&text).into_owned();
        let twice = fix_text(&once).into_owned();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn replaying_the_changes_gives_the_output(text in any_text()) {
        let explained = Fixer::new().explain(&text);
        prop_assert_eq!(replay(&text, &explained.changes), explained.text.as_ref());
    }

    #[test]
    fn lossless_damage_is_repaired_exactly(
        index in 0usize..1000,
        which in 0usize..1000,
        rounds in 1usize..=2,
    ) {
        let sentences = sentences();
        let text = &sentences[index % sentences.len()];
        prop_assume!(text.chars().count() >= 4);
        let defaults = Misreading::defaults();
        let m = defaults[which % defaults.len()];
        let chain = Chain::repeat(m, rounds);
        // Only chains that keep every byte, on text the written codec encodes.
        let lossless = |damaged: &str| {
            chain.0.iter().rev().try_fold(damaged.to_owned(), |t, m| {
                m.read.encode(&t).and_then(|b| m.written.decode_strict(&b))
            }).as_deref() == Some(text.as_str())
        };
        if let Some(damaged) = chain.damage(text) {
            if damaged != *text && lossless(&damaged) && native(m, text) {
                prop_assert_eq!(fix_text(&damaged), text.as_str(), "{}", chain);
            }
        }
    }
}

/// Whether `text` is text that would be written in `m.written` in real life.
fn native(m: Misreading, text: &str) -> bool {
    use textwash::mojibake::Codec::*;
    let han = text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let kana = text.chars().any(|c| ('\u{3040}'..='\u{30FF}').contains(&c));
    let hangul = text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let cyrillic = text.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c));
    match m.written {
        // ISO-8859-2 and Windows-1250 share most letters at different bytes: a
        // line misread as one often decodes, differently, as the other, and only a
        // language model could tell `está` from `estå`. Not asserted.
        Utf8 if m.read == Iso8859_2 => false,
        Utf8 => true,
        // Simplified Chinese: GB2312 (every double byte in 0xA1..=0xF7 rows).
        Gbk => {
            han && !kana
                && Gbk.encode(text).is_some_and(|b| {
                    let mut i = 0;
                    let mut ok = true;
                    while i < b.len() {
                        if b[i] < 0x80 {
                            i += 1;
                        } else {
                            ok &= (0xA1..=0xF7).contains(&b[i])
                                && b.get(i + 1).is_some_and(|t| *t >= 0xA1);
                            i += 2;
                        }
                    }
                    ok
                })
        }
        Big5 => han && !kana,
        ShiftJis | EucJp => kana,
        EucKr => hangul,
        Windows1251 => cyrillic,
        _ => true,
    }
}

#[test]
fn clean_sentences_come_back_borrowed() {
    for s in sentences() {
        assert!(matches!(fix_text(&s), std::borrow::Cow::Borrowed(_)), "{s}");
    }
}
