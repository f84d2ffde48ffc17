//! ftfy's mojibake cases (tests/data/ftfy, Apache-2.0, see its NOTICE): every case
//! ftfy passes must give its encoding-only target, every negative case must come
//! back unchanged, and the known ftfy failures are counted.

mod common;

use serde_json::Value;

struct Case {
    file: &'static str,
    label: String,
    original: String,
    target: String,
    expect_pass: bool,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for file in [
        "in-the-wild.json",
        "language-names.json",
        "negative.json",
        "synthetic.json",
        "known-failures.json",
    ] {
        let text = std::fs::read_to_string(common::test_data(&format!("ftfy/{file}"))).unwrap();
        let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
        for c in cases {
            let target = c
                .get("fixed-encoding")
                .or_else(|| c.get("fixed"))
                .and_then(Value::as_str)
                .unwrap()
                .to_owned();
            out.push(Case {
                file,
                label: c["label"].as_str().unwrap_or_default().to_owned(),
                original: c["original"].as_str().unwrap().to_owned(),
                target,
                expect_pass: c["expect"] == "pass",
            });
        }
    }
    out
}

#[test]
fn ftfy_cases() {
    let mut failures = Vec::new();
    let mut known_right = 0;
    let mut known = 0;
    for case in cases() {
        let got = textwash::fix_text(&case.original);
        if case.expect_pass {
            if got != case.target {
                failures.push(format!(
                    "{} / {}\n  input:    {:?}\n  expected: {:?}\n  got:      {:?}",
                    case.file, case.label, case.original, case.target, got
                ));
            }
        } else {
            known += 1;
            if got == case.target {
                known_right += 1;
            }
        }
    }
    println!("ftfy known failures right: {known_right} of {known}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn explanations_replay_to_the_fixed_text() {
    for case in cases() {
        let explained = textwash::Fixer::new().explain(&case.original);
        assert_eq!(
            textwash::replay(&case.original, &explained.changes),
            explained.text
        );
    }
}
