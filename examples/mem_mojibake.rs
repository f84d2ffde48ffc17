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

#[path = "../benches/common/inputs.rs"]
mod inputs;
use inputs::{KINDS, input};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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
