#![no_main]
//! The HTML parser's token filter (src/html/dom.rs), which reads plain text,
//! tags, comments and character references in place of html5ever's tokenizer,
//! builds exactly the tree that html5ever's tokenizer and tree builder build
//! alone, from any input.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Lossy rather than skipping invalid UTF-8: every input is then tested (the
    // mutator makes invalid bytes all the time), the same bytes always give the
    // same text, and U+FFFD is one more multi-byte character next to markup.
    let html = String::from_utf8_lossy(data);
    if let Err(difference) = textwash::__fuzz::token_filter_agrees(&html) {
        panic!("the token filter builds another tree from {html:?}\n{difference}");
    }
});
