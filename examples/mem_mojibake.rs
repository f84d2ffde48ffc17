//! Peak memory of mojibake repair, on the inputs of `benches/mojibake.rs`.
//!
//! ```sh
//! cargo build --release --example mem_mojibake
//! /usr/bin/time -v target/release/examples/mem_mojibake alternating 10
//! target/release/examples/mem_mojibake --explain dense 10
//! ```
//!
//! Arguments: an input kind (`ascii`, `chinese`, `mixed`, `lines10`, `dense`,
//! `oneline`, `kaoshi`, `alternating`, `twopass`, `dense-latin`, or `all`) and
//! a size in MB (default 10). `--explain` runs [`Fixer::explain`] instead of
//! [`textwash::fix_text`].
//!
//! Prints, per input, the input size, the peak of live heap bytes during the
//! repair alone (input excluded, counted by a global allocator that wraps the
//! system one) and its ratio to the input, and the time taken. The codec tables
//! are built before (by a repair of the first 64 KB): they cost a few MB once
//! per process, whatever the input. For the process's peak resident set, run
//! one kind under `/usr/bin/time -v`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use textwash::Fixer;
use textwash::mojibake::{Chain, Codec, Misreading};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(by: usize) {
    let live = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; the counters only watch.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System`'s.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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

/// The input of one kind, as in `benches/mojibake.rs`.
fn input(kind: &str, size: usize) -> Option<String> {
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

const KINDS: [&str; 10] = [
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

/// Bytes in a megabyte, as the sizes are given.
const MB: f64 = (1 << 20) as f64;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let explain = args.iter().any(|a| a == "--explain");
    args.retain(|a| a != "--explain");
    let kind = args.first().map_or("all", String::as_str);
    let mb: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10.0);
    let size = (mb * MB) as usize;
    let kinds: Vec<&str> = if kind == "all" {
        KINDS.to_vec()
    } else {
        vec![kind]
    };
    let fixer = Fixer::new();
    for kind in kinds {
        let Some(text) = input(kind, size) else {
            eprintln!("unknown input kind {kind:?}; one of {KINDS:?} or all");
            std::process::exit(2);
        };
        // Warm up on a prefix: the codec tables are built at first use (a few
        // MB, once per process), and are not what is measured here.
        let mut cut = text.len().min(64 << 10);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let _ = fixer.explain(&text[..cut]);
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let started = Instant::now();
        let out_len = if explain {
            let e = fixer.explain(&text);
            e.text.len() + e.changes.len()
        } else {
            textwash::fix_text(&text).len()
        };
        let elapsed = started.elapsed();
        let peak = PEAK.load(Relaxed) - base;
        println!(
            "{kind:12} input {:8.2} MB  peak heap {:8.2} MB  ({:5.1}x)  {:7.3} s  (output {out_len})",
            text.len() as f64 / MB,
            peak as f64 / MB,
            peak as f64 / text.len() as f64,
            elapsed.as_secs_f64(),
        );
    }
}
