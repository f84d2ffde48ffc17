//! Mixed-encoding files, as concatenated exports make them: real Chinese lines
//! (Debian's translations, `tests/data/text/zh_CN.txt`), each written in UTF-8 or
//! GBK at random, with ASCII lines among them. Every line must come back right.

mod common;

use encoding_rs::GBK;

/// A small deterministic generator (xorshift), so that every run checks the same
/// files and a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn lines() -> Vec<String> {
    std::fs::read_to_string(common::test_data("text/zh_CN.txt"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        // Lines GBK can write (all of these) and that hold Chinese text.
        .filter(|l| !GBK.encode(l).2 && l.chars().any(|c| c as u32 >= 0x4E00))
        .collect()
}

#[test]
fn generated_utf8_gbk_interleavings_decode_line_by_line() {
    let lines = lines();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut files, mut checked, mut wrong) = (0, 0, Vec::new());
    for file in 0..200 {
        let count = 2 + rng.below(12);
        let mut bytes = Vec::new();
        let mut expected = String::new();
        let mut gbk_lines = 0;
        for _ in 0..count {
            let line = if rng.below(6) == 0 {
                format!("line {} of an export, plain ASCII", rng.below(1000))
            } else {
                lines[rng.below(lines.len())].clone()
            };
            if !line.is_ascii() && rng.below(2) == 0 {
                bytes.extend_from_slice(&GBK.encode(&line).0);
                gbk_lines += 1;
            } else {
                bytes.extend_from_slice(line.as_bytes());
            }
            bytes.push(b'\n');
            expected.push_str(&line);
            expected.push('\n');
        }
        if gbk_lines == 0 {
            continue;
        }
        files += 1;
        let decoded = textwash::decode(&bytes);
        for (got, want) in decoded.text.lines().zip(expected.lines()) {
            checked += 1;
            if got != want {
                wrong.push(format!("file {file}: {got:?} for {want:?}"));
            }
        }
        assert_eq!(
            decoded.text.lines().count(),
            expected.lines().count(),
            "file {file}"
        );
    }
    println!(
        "mixed UTF-8/GBK files: {files}, lines {checked}, wrong {}",
        wrong.len()
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}
