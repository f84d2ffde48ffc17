//! What counts as a right repair of damaged text, for the mojibake tests.

use textwash::mojibake::Chain;

/// Whether every step of `chain` undone in reverse gives `original` back: the
/// damage kept every byte, and only an exact repair is right.
pub fn lossless(chain: &Chain, damaged: &str, original: &str) -> bool {
    chain
        .steps()
        .iter()
        .rev()
        .try_fold(damaged.to_owned(), |t, m| {
            m.read.encode(&t).and_then(|b| m.written.decode_strict(&b))
        })
        .as_deref()
        == Some(original)
}

/// `got` has the characters of `original` where they survived, and U+FFFD where
/// they did not (at most a quarter of them).
pub fn lossy_match(original: &str, got: &str) -> bool {
    let a: Vec<char> = original.chars().collect();
    let b: Vec<char> = got.chars().collect();
    let lost = b.iter().filter(|&&c| c == '\u{FFFD}').count();
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| x == y || *y == '\u{FFFD}')
        && lost * 4 <= b.len()
}
