//! The files of a corpus under ../shared/corpora, for the benches that run on
//! real pages (extract, decode). Included with `#[path]`, as `inputs.rs` is.

use std::path::PathBuf;

/// The files of `../shared/corpora/{dir}`, sorted; none, with a note, where
/// ../shared is not beside the clone.
pub fn files(dir: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(dir);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} is absent: skipped", dir.display());
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    paths
}
