//! Article extraction throughput on real pages, textwash next to dom_smoothie
//! (a Rust port of Mozilla Readability) in the same run, one thread. The pages
//! are read from ../shared/corpora; the bench says so and skips when it is absent.
//! Run with `cargo bench --bench extract`.

use std::hint::black_box;
use std::io::Read;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "common/corpus.rs"]
mod corpus;

/// The pages of a corpus, decoded to UTF-8 (both extractors get the same text).
fn pages(dir: &str) -> Vec<String> {
    corpus::files(dir)
        .into_iter()
        .map(|p| {
            let mut bytes = std::fs::read(&p).unwrap_or_default();
            if p.extension().is_some_and(|e| e == "gz") {
                let mut out = Vec::new();
                let _ = flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out);
                bytes = out;
            }
            textwash::decode(&bytes).text.into_owned()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(5));
    for corpus in ["scrapinghub/html", "daniel-zh/html"] {
        let pages = pages(corpus);
        if pages.is_empty() {
            continue;
        }
        let bytes: usize = pages.iter().map(String::len).sum();
        let name = corpus.split('/').next().unwrap_or(corpus);
        println!(
            "{name}: {} pages, {:.1} MB",
            pages.len(),
            bytes as f64 / 1e6
        );
        group.throughput(Throughput::Elements(pages.len() as u64));
        group.bench_function(format!("textwash/{name} (pages)"), |b| {
            b.iter(|| {
                for p in &pages {
                    black_box(textwash::html::Extractor::new().extract(p).text.len());
                }
            })
        });
        group.bench_function(format!("dom_smoothie/{name} (pages)"), |b| {
            b.iter(|| {
                for p in &pages {
                    let mut r = dom_smoothie::Readability::new(p.as_str(), None, None)
                        .expect("readability");
                    black_box(r.parse().map(|a| a.text_content.len()).unwrap_or(0));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
