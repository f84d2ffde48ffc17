//! The cleaned article: what [`crate::clean`] returns.

use crate::report::{Change, Flags, Verdict};

/// An article found in a page or text dump, with its metadata.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Article {
    /// The headline, without the site suffix and without a hijacked spam title.
    pub title: Option<String>,
    /// Publication time, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS`.
    pub published: Option<String>,
    /// The original publisher (`来源：中国质量报`).
    pub source: Option<String>,
    /// The byline (`记者 张三`, `作者：`).
    pub author: Option<String>,
    /// The name of the site the page came from.
    pub site_name: Option<String>,
    /// The language of the text (BCP 47, from the page or a guess).
    pub language: Option<String>,
    /// The canonical URL of the page.
    pub canonical_url: Option<String>,
    /// Plain text: one paragraph a block, separated by blank lines; headings,
    /// list items and table rows on lines of their own.
    /// Image captions are not in it: they stay with their images ([`Article::images`])
    /// and in [`Article::html`].
    pub text: String,
    /// Normalized HTML of the body (empty for text input).
    pub html: String,
    /// The images of the body.
    pub images: Vec<Image>,
    /// What was found in the document.
    pub flags: Flags,
    /// What is left of it.
    pub verdict: Verdict,
    /// What was changed, stage by stage.
    pub changes: Vec<Change>,
}

/// An image of an article body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Image {
    /// Absolute URL where a base URL was known, else as written.
    pub src: String,
    /// The `alt` text.
    pub alt: Option<String>,
    /// The caption (`<figcaption>` or the paragraph under the image).
    pub caption: Option<String>,
}
