//! Evaluations of `decode` on the real pages of ../shared/corpora (read in place):
//! run by `scripts/evaluate`, skipped when ../shared is absent.

mod common;

use std::fs;

use regex::Regex;

/// Text of a page: scripts, styles and tags out, a few entities resolved, white
/// space removed (the gold lines are compared without it).
fn visible(html: &str) -> String {
    let blocks = Regex::new(r"(?is)<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->").unwrap();
    let tags = Regex::new(r"(?s)<[^>]*>").unwrap();
    let text = blocks.replace_all(html, "");
    let text = tags.replace_all(&text, "");
    let entities = Regex::new(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);").unwrap();
    let text = entities.replace_all(&text, |c: &regex::Captures| {
        let name = &c[1];
        let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok()
        } else if let Some(dec) = name.strip_prefix('#') {
            dec.parse().ok()
        } else {
            match name {
                "nbsp" => Some(0xA0),
                "amp" => Some(u32::from(b'&')),
                "lt" => Some(u32::from(b'<')),
                "gt" => Some(u32::from(b'>')),
                "quot" => Some(u32::from(b'"')),
                "apos" => Some(u32::from(b'\'')),
                "middot" => Some(0xB7),
                "ldquo" => Some(0x201C),
                "rdquo" => Some(0x201D),
                "mdash" => Some(0x2014),
                "hellip" => Some(0x2026),
                _ => None,
            }
        };
        code.and_then(char::from_u32)
            .map_or_else(|| c[0].to_owned(), |ch| ch.to_string())
    });
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn gold_lines(gold: &str) -> Vec<String> {
    gold.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| l.chars().count() >= 10)
        .collect()
}

/// What a caller gets from a plain GB18030-or-UTF-8 decode: the baseline.
fn baseline(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

#[test]
#[ignore]
fn eval_decode_cwced() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = shared.join("corpora/cwced");
    let mut pages = 0;
    let (mut found, mut found_base, mut total) = (0usize, 0usize, 0usize);
    let mut replacement_pages = Vec::new();
    let mut overridden = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir.join("original"))
        .unwrap()
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Ok(gold) = fs::read_to_string(dir.join("cleaned").join(format!("{stem}.txt"))) else {
            continue;
        };
        let bytes = fs::read(&path).unwrap();
        pages += 1;
        let decoded = textwash::decode(&bytes);
        let clean_bytes = std::str::from_utf8(&bytes).is_ok()
            || encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .is_some();
        if clean_bytes && decoded.text.contains('\u{FFFD}') {
            replacement_pages.push(stem.clone());
        }
        if let Some((source, declared)) = decoded.overridden {
            overridden.push(format!(
                "{stem}: {} {} -> {}",
                source.as_str(),
                declared.name(),
                decoded.encoding.name()
            ));
        }
        let ours = visible(&decoded.text);
        let base = visible(&baseline(&bytes));
        let (mut page_ours, mut page_base) = (0, 0);
        for line in gold_lines(&gold) {
            total += 1;
            page_ours += usize::from(ours.contains(&line));
            page_base += usize::from(base.contains(&line));
            if std::env::var_os("SHOW_MISSED").is_some() && !ours.contains(&line) {
                println!("    missed {stem}: {line}");
            }
        }
        if page_ours < page_base {
            println!(
                "  {stem}: {page_ours} < {page_base} ({} via {})",
                decoded.encoding.name(),
                decoded.source.as_str()
            );
        }
        found += page_ours;
        found_base += page_base;
    }
    let rate = found as f64 / total.max(1) as f64;
    let base_rate = found_base as f64 / total.max(1) as f64;
    println!("cwced: {pages} pages, {total} gold lines");
    println!(
        "  textwash::decode: {:.1}% of gold lines verbatim",
        100.0 * rate
    );
    println!(
        "  GB18030-or-UTF-8: {:.1}% of gold lines verbatim",
        100.0 * base_rate
    );
    println!("  overridden declarations: {overridden:?}");
    assert!(
        replacement_pages.is_empty(),
        "U+FFFD on clean pages: {replacement_pages:?}"
    );
    assert!(
        rate >= 0.98 && rate >= base_rate,
        "{rate} < max(0.98, {base_rate})"
    );
}

#[test]
#[ignore]
fn eval_decode_daniel_zh_mislabelled_pages() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = shared.join("corpora/daniel-zh/html");
    let declares = Regex::new(r#"(?i)<meta[^>]*charset\s*=\s*["']?(gb2312|gbk)"#).unwrap();
    let mut checked = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let bytes = fs::read(entry.path()).unwrap();
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).into_owned();
        if declares.is_match(&head) {
            let decoded = textwash::decode(&bytes);
            assert_eq!(
                decoded.encoding,
                encoding_rs::UTF_8,
                "{}",
                entry.path().display()
            );
            assert!(
                decoded.overridden.is_some(),
                "{}: {:?}",
                entry.path().display(),
                decoded.source
            );
            checked.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    println!(
        "daniel-zh pages declaring gb2312/gbk, decoded as UTF-8: {}",
        checked.len()
    );
    assert_eq!(checked.len(), 3, "{checked:?}");
}
