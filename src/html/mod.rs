//! Article HTML: parse with html5ever, find the article, drop the chrome, emit
//! normalized HTML and plain text.
//!
//! STUB: being written.
