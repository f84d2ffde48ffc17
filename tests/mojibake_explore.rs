use textwash::mojibake::{Chain, Misreading};
fn lossy_match(orig: &str, got: &str) -> bool {
    let a: Vec<char> = orig.chars().collect();
    let b: Vec<char> = got.chars().collect();
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| x == y || *y == '\u{FFFD}')
        && b.iter().filter(|c| **c == '\u{FFFD}').count() * 4 <= b.len()
}
#[test]
#[ignore]
fn explore() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/mojibake/sentences.txt"
    ))
    .unwrap();
    let lines: Vec<(&str, &str)> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    for (lang, s) in &lines {
        let got = textwash::fix_text(s);
        if got != *s {
            println!("FP {lang}: {s} -> {got}");
        }
    }
    for m in Misreading::defaults() {
        for rounds in [1usize, 2] {
            let chain = Chain::repeat(m, rounds);
            let (mut ok, mut n, mut lok, mut ln) = (0, 0, 0, 0);
            let mut fails = vec![];
            for (lang, s) in &lines {
                let Some(d) = chain.damage(s) else { continue };
                if d == *s {
                    continue;
                }
                let got = textwash::fix_text(&d);
                let lossless = chain
                    .0
                    .iter()
                    .rev()
                    .try_fold(d.clone(), |t, m| {
                        m.read.encode(&t).and_then(|b| m.written.decode_strict(&b))
                    })
                    .as_deref()
                    == Some(*s);
                if lossless {
                    n += 1;
                    if got == *s {
                        ok += 1
                    } else {
                        fails.push(format!("{lang}: {d:?} -> {got:?}"));
                    }
                } else {
                    ln += 1;
                    if lossy_match(s, &got) {
                        lok += 1
                    } else {
                        fails.push(format!("LOSSY {lang}: {d:?} -> {got:?}"));
                    }
                }
            }
            println!("{chain}: exact {ok}/{n} lossy {lok}/{ln}");
            for f in fails.iter().take(4) {
                println!("    {f}");
            }
        }
    }
}
