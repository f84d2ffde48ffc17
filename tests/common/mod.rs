//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod damage;
pub mod score;

use std::path::PathBuf;

/// `../shared` beside the clone (or `$TEXTWASH_SHARED`), if it is there.
///
/// Tests that read it are `#[ignore]`d `eval_*` tests, run by `scripts/evaluate`;
/// they return early, saying so, when it is absent.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TEXTWASH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("{} is absent: skipped", dir.display());
        None
    }
}

/// A file of the repo's own test data, `tests/data/<rel>`.
pub fn test_data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// The files of `dir`, sorted by path.
pub fn files_in(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}
