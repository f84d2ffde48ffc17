//! The one place that composes the stages: decode, mojibake, spam, extract, normalize.

use crate::article::Article;
use crate::decode::Decoder;
use crate::error::Error;
use crate::html::Extractor;
use crate::spam::{Conversion, Despammer};

/// Cleans pages and text dumps into [`Article`]s: decode the bytes (repairing
/// mojibake), then, for HTML, find the article with the spam layers out, or, for a
/// text dump, undo the spam layers line by line.
///
/// ```
/// use textwash::{Cleaner, spam::Conversion};
/// let cleaner = Cleaner::new().conversion(Conversion::KeepTraditional);
/// let article = cleaner.clean("一段正文。".as_bytes());
/// assert_eq!(article.text, "一段正文。");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    decoder: Decoder,
    despammer: Despammer,
    url: Option<String>,
}

impl Cleaner {
    /// A cleaner with the default settings.
    pub fn new() -> Self {
        Cleaner::default()
    }

    /// The page's URL: resolves relative links and images.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The transport charset hint (the `charset` of an HTTP `Content-Type`).
    pub fn charset(mut self, label: &str) -> Result<Self, Error> {
        self.decoder = self.decoder.charset(label)?;
        Ok(self)
    }

    /// The Traditional-to-Simplified policy (default: only on evidence of machine
    /// conversion).
    pub fn conversion(mut self, conversion: Conversion) -> Self {
        self.despammer = self.despammer.conversion(conversion);
        self
    }

    /// Whether ASCII `, : ; ( ) ! ?` between Han characters are restored to full width.
    pub fn restore_width(mut self, yes: bool) -> Self {
        self.despammer = self.despammer.restore_width(yes);
        self
    }

    /// The settings for building a text corpus: width restoration on.
    pub fn corpus_preset(self) -> Self {
        self.restore_width(true)
    }

    /// Decodes, repairs and cleans `bytes` (HTML or text) into an article.
    pub fn clean(&self, bytes: &[u8]) -> Article {
        let decoded = self.decoder.decode(bytes);
        let mut article = if looks_like_html(&decoded.text) {
            let mut extractor = Extractor::new().despammer(self.despammer.clone());
            if let Some(url) = &self.url {
                extractor = extractor.base_url(url.clone());
            }
            extractor.extract(&decoded.text)
        } else {
            self.despammer.clean_text(&decoded.text)
        };
        if !decoded.repairs.is_empty() {
            article.flags.insert(crate::Flag::Mojibake);
            if article.verdict == crate::Verdict::Clean {
                article.verdict = crate::Verdict::Repaired;
            }
        }
        if decoded.overridden.is_some() {
            article.flags.insert(crate::Flag::MislabelledEncoding);
        }
        let mut changes = decoded.repairs;
        changes.append(&mut article.changes);
        article.changes = changes;
        article
    }
}

/// Whether decoded text is an HTML document rather than a text dump: it starts
/// (after white space and a BOM) with a tag, a comment or a doctype, and has
/// document structure (`<html>`, `<body>`, `<div>`, `<p>`, `<table>`) early on. A
/// text dump that opens with an injected `<bdo>` line is not HTML.
fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let bytes = head.as_bytes();
    if bytes.first() != Some(&b'<')
        || !bytes
            .get(1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'!' || b == b'?')
    {
        return false;
    }
    let mut end = head.len().min(8192);
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    let lower = head[..end].to_ascii_lowercase();
    [
        "<html",
        "<body",
        "<head",
        "<div",
        "<p>",
        "<p ",
        "<table",
        "<!doctype",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
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

#[cfg(test)]
mod tests {
    use super::looks_like_html;

    #[test]
    fn html_is_told_from_text_dumps() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("\u{feff}\n  <html lang=zh>"));
        assert!(!looks_like_html(
            "在线观看|免费\n\n<bdo id=\"glmru\"></bdo>"
        ));
        assert!(!looks_like_html("<bdo id=\"glmru\"></bdo>\n正文"));
        assert!(!looks_like_html(""));
    }
}
