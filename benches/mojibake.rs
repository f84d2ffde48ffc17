//! Mojibake repair throughput, textwash next to plsfix (the Rust port of ftfy) on
//! the same inputs. Run with `cargo bench --bench mojibake`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textwash::mojibake::{Codec, Misreading};

const CHINESE: &str = include_str!("../tests/data/spam/seed/expected-body.txt");
const SENTENCES: &str = include_str!("../tests/data/mojibake/sentences.txt");

/// `unit` repeated up to about `size` bytes.
fn repeat(unit: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + unit.len());
    while out.len() < size {
        out.push_str(unit);
    }
    out
}

fn clean_ascii(size: usize) -> String {
    repeat(
        "The quick brown fox jumps over the lazy dog, again and again; \
         textwash leaves clean ASCII exactly as it is.\n",
        size,
    )
}

fn clean_chinese(size: usize) -> String {
    repeat(CHINESE, size)
}

fn clean_mixed(size: usize) -> String {
    let text: String = SENTENCES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(_, s)| s))
        .collect::<Vec<_>>()
        .join("\n");
    repeat(&(text + "\n"), size)
}

/// Chinese lines, every `every`-th one UTF-8 misread as GBK.
fn mojibake_lines(size: usize, every: usize) -> String {
    let gbk = Misreading::new(Codec::Utf8, Codec::Gbk);
    let lines: Vec<String> = CHINESE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            if i % every == 0 {
                gbk.damage(l).unwrap_or_else(|| l.to_owned())
            } else {
                l.to_owned()
            }
        })
        .collect();
    repeat(&(lines.join("\n") + "\n"), size)
}

fn inputs() -> Vec<(&'static str, String)> {
    const MB: usize = 1 << 20;
    let gbk = Misreading::new(Codec::Utf8, Codec::Gbk);
    vec![
        ("clean ASCII", clean_ascii(MB)),
        ("clean Chinese", clean_chinese(MB)),
        ("clean mixed languages", clean_mixed(MB)),
        ("10% mojibake lines", mojibake_lines(MB, 10)),
        ("dense mojibake", mojibake_lines(MB, 1)),
        (
            "adversarial: 10 MB one line of mojibake-looking characters",
            repeat(&gbk.damage("质量新闻网").unwrap_or_default(), 10 * MB),
        ),
        ("adversarial: 锟斤拷 run", repeat("锟斤拷", MB)),
        (
            "adversarial: alternating clean and broken",
            repeat("中Ã©文Ã", MB),
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("mojibake");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for (name, input) in inputs() {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(format!("textwash/{name}"), |b| {
            b.iter(|| textwash::fix_text(black_box(&input)).len())
        });
        // plsfix runs at about 1 MB/s on mojibake: the 10 MB input is cut to its
        // first megabyte for it (throughput is per byte, so the figures compare).
        // plsfix also splits a line longer than its `max_decode_length` (10^6
        // bytes) at a byte offset and panics inside a character: one-line inputs
        // are cut below that.
        let plsfix_limit = 1_000_000;
        let long_line = input.lines().any(|l| l.len() > plsfix_limit);
        let cut = if input.len() > 2 << 20 || long_line {
            let mut end = plsfix_limit.min(input.len());
            while !input.is_char_boundary(end) {
                end -= 1;
            }
            &input[..end]
        } else {
            &input[..]
        };
        group.throughput(Throughput::Bytes(cut.len() as u64));
        group.bench_function(format!("plsfix/{name}"), |b| {
            b.iter(|| plsfix::fix_text(black_box(cut), None).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
