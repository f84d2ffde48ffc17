//! The spam pass: clean Chinese text must cost a scan, not a rewrite; the seed is
//! the real polluted page. Run with `cargo bench --bench spam`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textwash::spam::Despammer;

const CLEAN: &str = include_str!("../tests/data/spam/seed/expected-body.txt");
const SEED: &str = include_str!("../tests/data/spam/seed/spam-mirror-page.txt");

fn bench(c: &mut Criterion) {
    let mut clean = String::new();
    while clean.len() < 1 << 20 {
        clean.push_str(CLEAN);
    }
    let mut group = c.benchmark_group("spam");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let despammer = Despammer::new();
    group.throughput(Throughput::Bytes(clean.len() as u64));
    group.bench_function("analyze + rewrite, clean Chinese text", |b| {
        b.iter(|| {
            let d = despammer.analyze(black_box(&clean));
            let mut changes = Vec::new();
            d.rewrite(&clean, &mut changes).len()
        })
    });
    group.bench_function("clean_text, clean Chinese text", |b| {
        b.iter(|| despammer.clean_text(black_box(&clean)).text.len())
    });
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("clean_text, the seed page", |b| {
        b.iter(|| despammer.clean_text(black_box(SEED)).text.len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
