//! Decoding throughput: textwash's `decode` next to chardetng + encoding_rs alone
//! on the same inputs: generated pages, and real ones from ../shared/corpora
//! where it is beside the clone (skipped, with a note, where not). Run with
//! `cargo bench --bench decode`.

use std::hint::black_box;
use std::time::Duration;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};

#[path = "common/corpus.rs"]
mod corpus;

const CHINESE: &str = include_str!("../tests/data/spam/seed/expected-body.txt");

fn page(body: &str, size: usize) -> String {
    let mut out = String::from("<html><head><title>t</title></head><body>\n");
    while out.len() < size {
        for para in body.split("\n\n") {
            out.push_str("<p>");
            out.push_str(para);
            out.push_str(
                "</p>\n<div class=\"nav\"><a href=\"/a\">link</a> <a href=\"/b\">link</a></div>\n",
            );
        }
    }
    out.push_str("</body></html>\n");
    out
}

fn baseline(bytes: &[u8]) -> usize {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(
        &bytes[..bytes.len().min(64 * 1024)],
        bytes.len() <= 64 * 1024,
    );
    let encoding = detector.guess(None, Utf8Detection::Allow);
    encoding.decode_without_bom_handling(bytes).0.len()
}

fn bench(c: &mut Criterion) {
    const MB: usize = 1 << 20;
    let utf8 = page(CHINESE, MB).into_bytes();
    let ascii = page(
        "The quick brown fox jumps over the lazy dog, again and again.",
        MB,
    )
    .into_bytes();
    let gbk = encoding_rs::GBK.encode(&page(CHINESE, MB)).0.into_owned();
    // As most real GBK pages come: declared in a <meta>, which decode checks
    // against the bytes before it believes it.
    let declared = encoding_rs::GBK
        .encode(&page(CHINESE, MB).replacen("<head>", "<head><meta charset=\"gbk\">", 1))
        .0
        .into_owned();
    let mut mixed = Vec::new();
    for (i, line) in String::from_utf8_lossy(&utf8).lines().enumerate() {
        if i % 2 == 0 {
            mixed.extend_from_slice(line.as_bytes());
        } else {
            mixed.extend_from_slice(&encoding_rs::GBK.encode(line).0);
        }
        mixed.push(b'\n');
    }
    let mut group = c.benchmark_group("decode");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for (name, input) in [
        ("clean UTF-8 HTML, ASCII text", ascii),
        ("clean UTF-8 HTML, Chinese text", utf8),
        ("GBK page", gbk),
        ("GBK page declaring gbk", declared),
        ("mixed UTF-8/GBK lines", mixed),
    ] {
        bench_pages(&mut group, name, &[input]);
    }
    // Real pages, raw bytes as crawled, decoded one by one, where ../shared
    // is beside the clone: daniel-zh's Chinese news pages (UTF-8, three of
    // them labelled gb2312 or gbk, some text in them already mojibake) and
    // cwced's (GB2312 and GBK most, twelve undeclared).
    for (name, dir) in [
        ("daniel-zh pages", "daniel-zh/html"),
        ("cwced pages", "cwced/original"),
    ] {
        let pages: Vec<Vec<u8>> = corpus::files(dir)
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .collect();
        if !pages.is_empty() {
            bench_pages(&mut group, name, &pages);
        }
    }
    group.finish();
}

/// Decoding `pages` one by one: textwash with and without the repair, and
/// chardetng + encoding_rs.
fn bench_pages(group: &mut BenchmarkGroup<'_, WallTime>, name: &str, pages: &[Vec<u8>]) {
    let bytes: usize = pages.iter().map(Vec::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    for (label, decoder) in [
        ("textwash", textwash::Decoder::new()),
        (
            "textwash, no repair",
            textwash::Decoder::new().repair(false),
        ),
    ] {
        group.bench_function(format!("{label}/{name}"), |b| {
            b.iter(|| {
                let decoded = pages
                    .iter()
                    .map(|p| decoder.decode(black_box(p)).text.len());
                decoded.sum::<usize>()
            })
        });
    }
    group.bench_function(format!("chardetng+encoding_rs/{name}"), |b| {
        b.iter(|| pages.iter().map(|p| baseline(black_box(p))).sum::<usize>())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
