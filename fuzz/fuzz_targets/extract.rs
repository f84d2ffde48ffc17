#![no_main]
//! Article extraction never panics on any markup.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = textwash::html::Extractor::new().base_url("http://example.com/a/b.html").extract(&html);
});
