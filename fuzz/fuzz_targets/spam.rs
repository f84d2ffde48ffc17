#![no_main]
//! The spam pass never panics, and cleaning its own output changes nothing more.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let despammer = textwash::spam::Despammer::new();
        let once = despammer.clean_text(text).text;
        let twice = despammer.clean_text(&once).text;
        assert_eq!(once, twice, "the spam pass is not idempotent");
    }
});
