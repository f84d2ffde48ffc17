//! textwash turns broken scraped text into clean text.
//!
//! Text scraped from the web, above all from Chinese pages, arrives broken in three
//! ways, and textwash has one stage for each, plus the stages around them:
//!
//! | stage | module | entry point |
//! |---|---|---|
//! | bytes of any encoding to text | [`decode`](mod@decode) | [`decode()`](decode::decode), [`Decoder`] |
//! | mojibake (text decoded wrongly upstream) | [`mojibake`] | [`fix_text`], [`Fixer`] |
//! | spam-mirror pollution | [`spam`] | [`spam::Despammer`], [`spam::judge_title`] |
//! | article extraction from HTML | [`html`] | [`html::Extractor`] |
//! | Unicode normalization | [`normalize`](mod@normalize) | [`normalize()`](normalize::normalize) |
//! | all of them, composed | | [`clean`], [`Cleaner`] |
//!
//! Every stage is precise first: clean input comes back unchanged (and borrowed
//! where the API returns a `Cow`), and every change is reported with its span,
//! what it undid and why ([`Change`]).
//!
//! ```
//! use textwash::fix_text;
//! // Clean text in any language is returned as it is, without a copy.
//! assert!(matches!(fix_text("Grüße, 你好, こんにちは"), std::borrow::Cow::Borrowed(_)));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod article;
pub mod decode;
mod error;
pub mod html;
pub(crate) mod meta;
pub mod mojibake;
pub mod normalize;
mod pipeline;
mod report;
pub mod spam;

/// Checks of internals for the fuzz targets (`fuzz/`), which alone turn the
/// `fuzzing` feature on: not part of the API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod __fuzz {
    /// `Ok` when the HTML parser's token filter builds the same tree from
    /// `html` as html5ever's tokenizer and tree builder alone; else where the
    /// trees first differ.
    pub fn token_filter_agrees(html: &str) -> Result<(), String> {
        crate::html::token_filter_agrees(html)
    }
}

/// The encoding crate whose `Encoding` values appear in this API ([`Decoded::encoding`]).
pub use encoding_rs;

pub use article::{Article, Image};
pub use decode::{Decoded, Decoder, decode};
pub use error::{Error, from_utf8};
pub use mojibake::{Explained, Fixer, FixerBuilder, LostPolicy, fix_text};
pub use normalize::{Normalization, normalize};
pub use pipeline::{Cleaner, clean};
pub use report::{Change, ChangeKind, Flag, Flags, Verdict, replay};
