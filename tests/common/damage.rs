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

/// Exact repairs of lossless damage and right lossy ones, each of how many.
#[derive(Default)]
pub struct Rate {
    pub exact: usize,
    pub exact_of: usize,
    pub lossy: usize,
    pub lossy_of: usize,
}

impl Rate {
    /// `a` of `b` as a percentage (`-` of none).
    pub fn pct(a: usize, b: usize) -> String {
        if b == 0 {
            "-".to_owned()
        } else {
            format!("{:.1}%", 100.0 * a as f64 / b as f64)
        }
    }

    /// `… of … exact, … of … lossy`.
    pub fn cell(&self) -> String {
        format!(
            "{} of {} exact, {} of {} lossy",
            Self::pct(self.exact, self.exact_of),
            self.exact_of,
            Self::pct(self.lossy, self.lossy_of),
            self.lossy_of
        )
    }
}
