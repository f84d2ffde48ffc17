#![no_main]
//! The whole `clean` pipeline never panics on arbitrary bytes.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = textwash::clean(data);
});
