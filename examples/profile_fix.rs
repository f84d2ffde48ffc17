//! Profiling driver (not part of the CLI): repairs a file N times.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("path");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let text = std::fs::read_to_string(path).expect("read");
    let mut total = 0;
    for _ in 0..n {
        total += textwash::fix_text(&text).len();
    }
    println!("{total}");
}
