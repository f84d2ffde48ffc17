//! Article HTML: parse with html5ever, find the article, drop the chrome, emit
//! normalized HTML and plain text.
//!
//! STUB: the skeleton of the public API; extraction is being written.

use crate::article::Article;
use crate::spam::Despammer;

/// A configured article extractor.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    base_url: Option<String>,
    despammer: Despammer,
}

impl Extractor {
    /// An extractor with the default settings.
    pub fn new() -> Self {
        Extractor::default()
    }

    /// The URL of the page, to resolve relative image and link URLs against.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The spam-layer settings used on the page.
    pub fn despammer(mut self, despammer: Despammer) -> Self {
        self.despammer = despammer;
        self
    }

    /// Finds the article in `html` (already decoded).
    pub fn extract(&self, html: &str) -> Article {
        let _ = (&self.base_url, &self.despammer);
        Article {
            text: html.to_owned(),
            ..Article::default()
        }
    }
}
