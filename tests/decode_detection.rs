//! Encoding detection on a labelled set made from real text (tests/data/text) in
//! 13 encodings, at lengths from 8 bytes to 100 KB: `decode` next to plain
//! chardetng + encoding_rs on the same bytes. A guess is right when the decoded
//! text is the original text.
//!
//! `cargo test --release --test decode_detection -- --nocapture` prints the
//! table the README reports.

mod common;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, KOI8_R, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE,
    WINDOWS_1250, WINDOWS_1251, WINDOWS_1252,
};

fn lines(lang: &str) -> Vec<String> {
    std::fs::read_to_string(common::test_data(&format!("text/{lang}.txt")))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn encode(encoding: &'static Encoding, text: &str) -> Option<Vec<u8>> {
    if encoding == UTF_16LE {
        return Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect());
    }
    if encoding == UTF_16BE {
        return Some(text.encode_utf16().flat_map(u16::to_be_bytes).collect());
    }
    let (bytes, _, unmappable) = encoding.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

/// Samples of about `len` bytes in `encoding`: text from `langs`, whole
/// characters, starting at different lines.
fn samples(
    encoding: &'static Encoding,
    langs: &[&str],
    len: usize,
    count: usize,
) -> Vec<(String, Vec<u8>)> {
    let mut text_lines: Vec<String> = Vec::new();
    for lang in langs {
        text_lines.extend(
            lines(lang)
                .into_iter()
                .filter(|l| encode(encoding, l).is_some()),
        );
    }
    if encoding == GB18030 {
        // Characters only GB18030's four-byte sequences hold.
        for l in &mut text_lines {
            l.push_str("𠀀€");
        }
    }
    let mut out = Vec::new();
    for start in 0..count {
        let mut text = String::new();
        let mut bytes = Vec::new();
        let mut i = start * 7;
        'fill: while bytes.len() < len && i < start * 7 + 100_000 {
            let line = &text_lines[i % text_lines.len()];
            for c in line.chars().chain(std::iter::once(' ')) {
                let mut buf = [0u8; 4];
                let Some(b) = encode(encoding, c.encode_utf8(&mut buf)) else {
                    continue;
                };
                if bytes.len() + b.len() > len && !bytes.is_empty() {
                    break 'fill;
                }
                bytes.extend(b);
                text.push(c);
            }
            i += 1;
        }
        out.push((text, bytes));
    }
    out
}

fn chardetng(bytes: &[u8]) -> String {
    let mut d = EncodingDetector::new(Iso2022JpDetection::Deny);
    d.feed(bytes, true);
    d.guess(None, Utf8Detection::Allow)
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

#[test]
fn detection_accuracy_per_encoding_and_length() {
    let sets: [(&str, &'static Encoding, &[&str]); 13] = [
        ("GBK", GBK, &["zh_CN"]),
        ("GB18030 4-byte", GB18030, &["zh_CN"]),
        ("Big5", BIG5, &["zh_TW"]),
        ("Shift_JIS", SHIFT_JIS, &["ja"]),
        ("EUC-JP", EUC_JP, &["ja"]),
        ("EUC-KR", EUC_KR, &["ko"]),
        ("UTF-8", UTF_8, &["zh_CN", "ru", "fr", "ar", "ja"]),
        ("UTF-16LE", UTF_16LE, &["fr", "de", "es"]),
        ("UTF-16BE", UTF_16BE, &["fr", "de", "es"]),
        ("windows-1251", WINDOWS_1251, &["ru", "uk", "bg"]),
        ("windows-1252", WINDOWS_1252, &["fr", "de", "es", "pt"]),
        ("windows-1250", WINDOWS_1250, &["pl", "cs", "sk", "hu"]),
        ("KOI8-R", KOI8_R, &["ru"]),
    ];
    let lengths = [8usize, 16, 32, 64, 256, 1024, 100 * 1024];
    println!(
        "| encoding | {} |",
        lengths
            .map(|l| if l >= 1024 {
                format!("{} KB", l / 1024)
            } else {
                format!("{l} B")
            })
            .join(" | ")
    );
    println!("|---|{}", "---|".repeat(lengths.len()));
    let mut worse = Vec::new();
    let (mut ours_total, mut theirs_total, mut n_total) = (0, 0, 0);
    for (name, encoding, langs) in sets {
        let mut cells = Vec::new();
        for &len in &lengths {
            let count = if len > 10_000 { 3 } else { 20 };
            let (mut ours, mut theirs, mut n) = (0, 0, 0);
            for (text, bytes) in samples(encoding, langs, len, count) {
                n += 1;
                let decoded = textwash::Decoder::new().repair(false).decode(&bytes);
                ours += usize::from(decoded.text == text);
                theirs += usize::from(chardetng(&bytes) == text);
            }
            ours_total += ours;
            theirs_total += theirs;
            n_total += n;
            if ours < theirs {
                worse.push(format!("{name} at {len} bytes: {ours}/{n} < {theirs}/{n}"));
            }
            cells.push(format!(
                "{}% ({}%)",
                100 * ours / n.max(1),
                100 * theirs / n.max(1)
            ));
        }
        println!("| {name} | {} |", cells.join(" | "));
    }
    println!(
        "textwash {:.1}%, chardetng {:.1}% over {n_total} samples (chardetng in brackets)",
        100.0 * ours_total as f64 / n_total as f64,
        100.0 * theirs_total as f64 / n_total as f64
    );
    for w in &worse {
        println!("  below chardetng: {w}");
    }
    assert!(ours_total >= theirs_total);
}
