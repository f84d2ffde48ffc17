//! Mojibake repair on real Chinese news text (../shared/corpora, read in place):
//! the gold bodies of cwced and the references of daniel-zh, line by line,
//! damaged by the chains Chinese pages suffer. Clean lines must come back
//! untouched; damaged ones are scored exact (where the damage kept every byte)
//! or lossy. Run by `scripts/evaluate`; skipped when ../shared is absent.
//!
//! The gettext strings of `mojibake_corpus` are short software messages; news
//! text has what they lack: dates (`4月23日`), names, numbers, quotes and Latin
//! words between Han characters.

mod common;

use common::damage::{Rate, lossless, lossy_match};

use std::fs;
use std::path::Path;

use textwash::fix_text;
use textwash::mojibake::{Chain, Codec, Misreading};

/// The non-empty lines of the gold texts, white space at their ends trimmed.
fn lines(shared: &Path) -> Vec<String> {
    let tag = regex::Regex::new(r"<[^>]*>").unwrap();
    let mut out = Vec::new();
    for (dir, html) in [
        ("corpora/cwced/cleaned", false),
        ("corpora/daniel-zh/reference", true),
    ] {
        for path in common::files_in(&shared.join(dir)) {
            let text = fs::read_to_string(&path).unwrap();
            let text = if html {
                tag.replace_all(&text.replace("</p>", "\n"), "")
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
            } else {
                text
            };
            out.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    out
}

/// Whether GB2312 encodes `line` (Simplified Chinese as mainland pages write
/// it): every double-byte character in its rows (0xA1..=0xF7, 0xA1..=0xFE).
fn gb2312(line: &str) -> bool {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(line);
    if unmappable {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0xA1..=0xF7).contains(&bytes[i]) && t >= 0xA1 => i += 2,
            _ => return false,
        }
    }
    true
}

/// Whether Big5 encodes `line` (Traditional Chinese as Taiwan and Hong Kong pages
/// write it).
fn big5(line: &str) -> bool {
    !encoding_rs::BIG5.encode(line).2
}

#[test]
#[ignore]
fn eval_mojibake_real_chinese_text() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let lines = lines(&shared);
    let simplified: Vec<&String> = lines
        .iter()
        .filter(|l| !l.is_ascii() && gb2312(l))
        .collect();
    let traditional: Vec<&String> = lines
        .iter()
        .filter(|l| !l.is_ascii() && !gb2312(l) && big5(l))
        .collect();
    // Clean text first: nothing may change.
    let changed: Vec<String> = lines
        .iter()
        .filter(|l| fix_text(l) != l.as_str())
        .map(|l| format!("{l:?} -> {:?}", fix_text(l)))
        .collect();
    println!(
        "real Chinese lines: {} ({} Simplified in GB2312, {} Traditional in Big5); \
         false positives: {}",
        lines.len(),
        simplified.len(),
        traditional.len(),
        changed.len()
    );
    for c in changed.iter().take(20) {
        println!("  {c}");
    }
    let chains = [
        (Codec::Utf8, Codec::Gbk, &simplified),
        (Codec::Utf8, Codec::Big5, &traditional),
        (Codec::Utf8, Codec::Windows1252, &simplified),
        (Codec::Gbk, Codec::Windows1252, &simplified),
        (Codec::Gbk, Codec::Latin1, &simplified),
        (Codec::Big5, Codec::Windows1252, &traditional),
        (Codec::Gbk, Codec::Big5, &simplified),
        (Codec::Big5, Codec::Gbk, &traditional),
    ];
    let show = std::env::var("SHOW_MISSES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    println!("| chain | lines | exact | lossy |\n|---|---|---|---|");
    for (written, read, set) in chains {
        let chain = Chain::new([Misreading::new(written, read)]);
        let mut rate = Rate::default();
        let mut shown = 0;
        for line in set.iter() {
            let Some(damaged) = chain.damage(line) else {
                continue;
            };
            if damaged == **line {
                continue;
            }
            let got = fix_text(&damaged);
            let ok = if lossless(&chain, &damaged, line) {
                rate.exact_of += 1;
                rate.exact += usize::from(got == line.as_str());
                got == line.as_str()
            } else {
                rate.lossy_of += 1;
                let ok = lossy_match(line, &got);
                rate.lossy += usize::from(ok);
                ok
            };
            if !ok && shown < show {
                shown += 1;
                println!("  miss {line:?}\n    damaged {damaged:?}\n    got     {got:?}");
            }
        }
        println!(
            "| {chain} | {} | {} of {} | {} of {} |",
            set.len(),
            Rate::pct(rate.exact, rate.exact_of),
            rate.exact_of,
            Rate::pct(rate.lossy, rate.lossy_of),
            rate.lossy_of
        );
    }
    assert!(changed.is_empty(), "false positives on real text");
}

/// The machine's own gettext catalogs (`/usr/share/locale/*/LC_MESSAGES/*.mo`,
/// read in place where the machine has them): every distinct non-ASCII line of
/// every translation, in all the languages installed. Clean text but for the
/// few lines a translator saved as mojibake.
#[test]
#[ignore]
fn eval_mojibake_system_catalogs() {
    let root = std::path::Path::new("/usr/share/locale");
    if !root.is_dir() {
        eprintln!("{} is absent: skipped", root.display());
        return;
    }
    let mut languages = std::collections::BTreeMap::<String, usize>::new();
    let mut seen = std::collections::HashSet::new();
    let mut changed = Vec::new();
    for lang in fs::read_dir(root).unwrap().flatten() {
        let Ok(files) = fs::read_dir(lang.path().join("LC_MESSAGES")) else {
            continue;
        };
        let name = lang.file_name().to_string_lossy().into_owned();
        for file in files.flatten() {
            let Ok(bytes) = fs::read(file.path()) else {
                continue;
            };
            for message in mo_translations(&bytes) {
                for line in message.split(['\n', '\0']) {
                    if line.is_ascii() || !seen.insert(line.to_owned()) {
                        continue;
                    }
                    *languages.entry(name.clone()).or_default() += 1;
                    let fixed = fix_text(line);
                    if fixed != line {
                        changed.push(format!("{name}: {line:?} -> {fixed:?}"));
                    }
                }
            }
        }
    }
    let lines: usize = languages.values().sum();
    println!(
        "system catalogs: {} of {lines} distinct non-ASCII lines in {} languages changed",
        changed.len(),
        languages.len()
    );
    for c in &changed {
        println!("  {c}");
    }
    // 3 of them are mojibake a translator saved; the rest, alphabet samples.
    assert!(changed.len() * 100_000 <= lines, "{changed:#?}");
}

/// The translations of a gettext `.mo` file, as UTF-8 (others skipped).
fn mo_translations(bytes: &[u8]) -> Vec<&str> {
    let word = |at: usize, little: bool| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        } as usize)
    };
    let little = bytes.starts_with(&[0xde, 0x12, 0x04, 0x95]);
    let (Some(n), Some(table)) = (word(8, little), word(16, little)) else {
        return Vec::new();
    };
    (0..n)
        .filter_map(|i| {
            let len = word(table + 8 * i, little)?;
            let at = word(table + 8 * i + 4, little)?;
            std::str::from_utf8(bytes.get(at..at + len)?).ok()
        })
        .collect()
}
