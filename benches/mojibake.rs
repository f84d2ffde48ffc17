//! Mojibake repair throughput, textwash next to plsfix (the Rust port of ftfy) on
//! the same inputs. Run with `cargo bench --bench mojibake`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "common/inputs.rs"]
mod inputs;
use inputs::input;

fn inputs() -> Vec<(&'static str, String)> {
    const MB: usize = 1 << 20;
    [
        ("clean ASCII", "ascii", MB),
        ("clean Chinese", "chinese", MB),
        ("clean mixed languages", "mixed", MB),
        ("10% mojibake lines", "lines10", MB),
        ("dense mojibake", "dense", MB),
        (
            "adversarial: 10 MB one line of mojibake-looking characters",
            "oneline",
            10 * MB,
        ),
        ("adversarial: 锟斤拷 run", "kaoshi", MB),
        (
            "adversarial: alternating clean and broken",
            "alternating",
            MB,
        ),
    ]
    .into_iter()
    .map(|(name, kind, size)| (name, input(kind, size).unwrap_or_default()))
    .collect()
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
