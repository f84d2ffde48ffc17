//! The extraction metric of ../shared/tools/score_extraction.py, for one page:
//! 4-token shingles as multisets, with every Han/kana/hangul character a token
//! (char-F1) or `\w+` runs (word-F1).
#![allow(dead_code)]

use std::collections::HashMap;

use regex::Regex;

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x2_0000..=0x2_FA1F)
}

fn tokens(text: &str, cjk: bool) -> Vec<String> {
    let word = Regex::new(r"\w+").unwrap();
    let mut out = Vec::new();
    for w in word.find_iter(text) {
        if !cjk {
            out.push(w.as_str().to_owned());
            continue;
        }
        let mut run = String::new();
        for c in w.as_str().chars() {
            if is_cjk(c) {
                if !run.is_empty() {
                    out.push(std::mem::take(&mut run));
                }
                out.push(c.to_string());
            } else {
                run.push(c);
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

fn shingles(text: &str, cjk: bool) -> HashMap<Vec<String>, usize> {
    let t = tokens(text, cjk);
    let mut out = HashMap::new();
    if t.len() < 4 {
        if !t.is_empty() {
            *out.entry(t).or_default() += 1;
        }
        return out;
    }
    for w in t.windows(4) {
        *out.entry(w.to_vec()).or_default() += 1;
    }
    out
}

/// (precision, recall, F1) of `predicted` against `gold` on one page.
pub fn f1(gold: &str, predicted: &str, cjk: bool) -> (f64, f64, f64) {
    let g = shingles(gold, cjk);
    let p = shingles(predicted, cjk);
    let mut tp = 0usize;
    for (k, n) in &p {
        tp += (*n).min(g.get(k).copied().unwrap_or(0));
    }
    let fp = p.values().sum::<usize>() - tp;
    let fn_ = g.values().sum::<usize>() - tp;
    let precision = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f)
}
