#![no_main]
//! `decode` never panics; valid UTF-8 comes back as it was unless mojibake was repaired.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = textwash::decode(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if decoded.repairs.is_empty() && !text.starts_with('\u{feff}') {
            assert_eq!(decoded.text, text);
        }
    }
});
