#![no_main]
//! `decode` never panics; valid UTF-8 decoded as UTF-8 comes back as it was unless
//! mojibake was repaired. (Valid UTF-8 full of NULs in a UTF-16 pattern is decoded
//! as UTF-16 by evidence: see `decode_behaviour.rs`.)

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = textwash::decode(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if decoded.encoding == textwash::encoding_rs::UTF_8
            && decoded.repairs.is_empty()
            && !text.starts_with('\u{feff}')
        {
            assert_eq!(decoded.text, text);
        }
    }
});
