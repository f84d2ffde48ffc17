#![no_main]
//! `Fixer::explain` never panics, and replaying its changes gives its text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let explained = textwash::Fixer::new().explain(text);
        assert_eq!(textwash::replay(text, &explained.changes), explained.text);
    }
});
