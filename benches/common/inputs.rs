//! The inputs of the mojibake bench, shared with `examples/mem_mojibake.rs` (which
//! measures peak memory on the same inputs). Included with `#[path]`: a file
//! directly in `benches/` would be taken for a bench of its own.

#![allow(dead_code)]

use textwash::mojibake::{Chain, Codec, Misreading};

const CHINESE: &str = include_str!("../../tests/data/spam/seed/expected-body.txt");
const SENTENCES: &str = include_str!("../../tests/data/mojibake/sentences.txt");

/// `unit` repeated up to about `size` bytes.
fn repeat(unit: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + unit.len());
    while out.len() < size {
        out.push_str(unit);
    }
    out
}

/// Chinese lines, every `every`-th one UTF-8 misread as GBK.
fn mojibake_lines(size: usize, every: usize) -> String {
    let gbk = Misreading::new(Codec::Utf8, Codec::Gbk);
    let lines: Vec<String> = CHINESE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| match i % every {
            0 => gbk.damage(l).unwrap_or_else(|| l.to_owned()),
            _ => l.to_owned(),
        })
        .collect();
    repeat(&(lines.join("\n") + "\n"), size)
}

/// The input of one kind, `size` bytes or a little more.
pub fn input(kind: &str, size: usize) -> Option<String> {
    let gbk = Misreading::new(Codec::Utf8, Codec::Gbk);
    Some(match kind {
        "ascii" => repeat(
            "The quick brown fox jumps over the lazy dog, again and again; \
             textwash leaves clean ASCII exactly as it is.\n",
            size,
        ),
        "chinese" => repeat(CHINESE, size),
        "mixed" => {
            let text: Vec<&str> = SENTENCES
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t').map(|(_, s)| s))
                .collect();
            repeat(&(text.join("\n") + "\n"), size)
        }
        "lines10" => mojibake_lines(size, 10),
        "dense" => mojibake_lines(size, 1),
        "oneline" => repeat(&gbk.damage("质量新闻网")?, size),
        "kaoshi" => repeat("锟斤拷", size),
        "alternating" => repeat("中Ã©文Ã", size),
        // A repair whose result needs another pass: GBK mojibake misread again
        // as Windows-1252, between clean characters.
        "twopass" => {
            let twice = Chain::new([gbk, Misreading::new(Codec::Utf8, Codec::Windows1252)]);
            repeat(&format!("中{}文", twice.damage("你好")?), size)
        }
        // Single characters of Latin mojibake, as dense as they come.
        "dense-latin" => repeat("Ã©ā", size),
        _ => return None,
    })
}

pub const KINDS: [&str; 10] = [
    "ascii",
    "chinese",
    "mixed",
    "lines10",
    "dense",
    "oneline",
    "kaoshi",
    "alternating",
    "twopass",
    "dense-latin",
];
