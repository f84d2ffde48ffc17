//! Article metadata read from text: datelines, sources, bylines, title suffixes.
//! Shared by the text-dump path (spam) and the HTML path (html).
//!
//! STUB: being written.
