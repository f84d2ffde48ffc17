//! Repair rates on real text in 22 languages (tests/data/text, from Debian's
//! gettext catalogs; see its LICENSES.md), damaged by every chain the repair
//! handles, with encoding_rs and with CPython's codecs
//! (tests/data/damaged/python, made by scripts/gen_text_corpus.py).
//!
//! `cargo test --release --test mojibake_corpus -- --nocapture` prints the table
//! the README reports.

mod common;

use common::damage::{Rate, lossless, lossy_match};

use std::collections::BTreeMap;

use textwash::fix_text;
use textwash::mojibake::{Chain, Codec, Misreading};

fn corpus() -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(common::test_data("text"))
        .unwrap()
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let lang = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            out.insert(lang, text.lines().map(str::to_owned).collect());
        }
    }
    out
}

/// The languages a legacy codec is written in, in real life.
fn native(written: Codec, lang: &str) -> bool {
    match written {
        Codec::Gbk => lang == "zh_CN",
        Codec::Big5 => lang == "zh_TW",
        Codec::ShiftJis | Codec::EucJp => lang == "ja",
        Codec::EucKr => lang == "ko",
        Codec::Windows1251 => matches!(lang, "ru" | "uk" | "bg"),
        _ => true,
    }
}

#[test]
fn clean_text_in_every_language_is_untouched() {
    let corpus = corpus();
    assert!(corpus.len() >= 15);
    let mut changed = Vec::new();
    let mut total = 0;
    for (lang, lines) in &corpus {
        for line in lines {
            total += 1;
            if !matches!(fix_text(line), std::borrow::Cow::Borrowed(_)) {
                changed.push(format!("{lang}: {line:?} -> {:?}", fix_text(line)));
            }
        }
    }
    println!(
        "false positives: {} of {total} clean strings in {} languages",
        changed.len(),
        corpus.len()
    );
    assert!(changed.is_empty(), "{changed:#?}");
}

#[test]
fn repair_rates_per_chain() {
    let corpus = corpus();
    let mut rows = Vec::new();
    let mut worst = 100.0f64;
    for m in Misreading::defaults() {
        for rounds in [1usize, 2] {
            // Twice only where it keeps the bytes: UTF-8 misread as a single-byte
            // codec, or as GBK.
            if rounds == 2
                && !(m.written == Codec::Utf8 && (m.read.is_single_byte() || m.read == Codec::Gbk))
            {
                continue;
            }
            let chain = Chain::repeat(m, rounds);
            let mut rate = Rate::default();
            for (lang, lines) in &corpus {
                if !native(m.written, lang) {
                    continue;
                }
                for line in lines {
                    let Some(damaged) = chain.damage(line) else {
                        continue;
                    };
                    if damaged == *line {
                        continue;
                    }
                    let got = fix_text(&damaged);
                    if lossless(&chain, &damaged, line) {
                        rate.exact_of += 1;
                        rate.exact += usize::from(got == *line);
                    } else {
                        rate.lossy_of += 1;
                        rate.lossy += usize::from(lossy_match(line, &got));
                    }
                }
            }
            if rate.exact_of >= 20 && m.written == Codec::Utf8 && m.read.is_single_byte() {
                worst = worst.min(100.0 * rate.exact as f64 / rate.exact_of as f64);
            }
            rows.push(format!("| {chain} | encoding_rs | {} |", rate.cell()));
        }
    }
    // CPython's codecs, with the damaged strings made by scripts/gen_text_corpus.py.
    let dir = common::test_data("damaged/python");
    for path in common::files_in(&dir) {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut rate = Rate::default();
        for row in std::fs::read_to_string(&path).unwrap().lines() {
            let Some((original, damaged)) = row.split_once('\t') else {
                continue;
            };
            let got = fix_text(damaged);
            if damaged.contains('\u{FFFD}') {
                rate.lossy_of += 1;
                rate.lossy += usize::from(got == original || lossy_match(original, &got));
            } else {
                rate.exact_of += 1;
                rate.exact += usize::from(got == original);
            }
        }
        rows.push(format!("| {name} | CPython | {} |", rate.cell()));
    }
    println!("| chain | damaged by | repaired |\n|---|---|---|");
    for r in &rows {
        println!("{r}");
    }
    // The Latin misreadings, ftfy's ground, are repaired nearly always.
    assert!(worst >= 80.0, "worst single-byte chain: {worst:.1}%");
}

/// The seed article (real 2022 news text, tests/data/spam/seed) line by line,
/// damaged by the chains Chinese pages suffer: the in-repo guard for what
/// `tests/mojibake_eval.rs` measures on ../shared's 8,244 lines. (GBK read as
/// Windows-1252 was 14 of 21 before line support for soup: dates, names.)
#[test]
fn real_news_lines_under_chinese_chains() {
    let body = std::fs::read_to_string(common::test_data("spam/seed/expected-body.txt")).unwrap();
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for line in &lines {
        assert_eq!(fix_text(line), *line, "clean line changed");
    }
    for (m, want) in [
        (Misreading::new(Codec::Utf8, Codec::Gbk), 0.95),
        (Misreading::new(Codec::Utf8, Codec::Windows1252), 1.0),
        (Misreading::new(Codec::Gbk, Codec::Windows1252), 0.95),
        (Misreading::new(Codec::Gbk, Codec::Latin1), 0.95),
    ] {
        let chain = Chain::new([m]);
        let (mut right, mut of) = (0, 0);
        for line in &lines {
            let Some(damaged) = chain.damage(line) else {
                continue;
            };
            if damaged == *line {
                continue;
            }
            // Exact where the damage kept every byte, else each lost character
            // marked (UTF-8 read as GBK loses a byte of most lines).
            let got = fix_text(&damaged);
            of += 1;
            right += usize::from(if lossless(&chain, &damaged, line) {
                got == *line
            } else {
                lossy_match(line, &got)
            });
        }
        let rate = right as f64 / of as f64;
        println!("seed lines, {chain}: {right} of {of} right");
        assert!(of >= 20 && rate >= want, "{chain}: {right} of {of}");
    }
}
