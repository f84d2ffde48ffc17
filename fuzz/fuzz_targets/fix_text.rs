#![no_main]
//! `fix_text` never panics, and is idempotent.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let once = textwash::fix_text(text);
        let twice = textwash::fix_text(&once);
        assert_eq!(once, twice, "fix_text is not idempotent");
    }
});
