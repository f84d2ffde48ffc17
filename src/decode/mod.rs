//! Raw bytes to text: BOM, transport hint, `<meta>` prescan, content guess,
//! per-segment decoding of mixed files; then the mojibake repair.
//!
//! STUB: the skeleton of the public API; the decision logic is being written.

use std::borrow::Cow;
use std::ops::Range;

use encoding_rs::{Encoding, UTF_8};

use crate::error::Error;
use crate::report::Change;

/// Where the decision on the encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// A byte order mark.
    Bom,
    /// The transport hint (an HTTP `Content-Type` charset).
    Transport,
    /// An HTML `<meta charset>` or `http-equiv` declaration.
    Meta,
    /// An XML declaration.
    XmlDeclaration,
    /// A guess from the content.
    Guess,
    /// Different segments of the input were decoded differently.
    Segments,
}

impl Source {
    /// The stable lowercase name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Bom => "bom",
            Source::Transport => "transport",
            Source::Meta => "meta",
            Source::XmlDeclaration => "xml-declaration",
            Source::Guess => "guess",
            Source::Segments => "segments",
        }
    }
}

/// A run of the input decoded with one encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Segment {
    /// Byte range in the input.
    pub bytes: Range<usize>,
    /// The encoding used for it.
    pub encoding: &'static Encoding,
}

/// Decoded text and how it was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Decoded<'a> {
    /// The text: borrowed when the input was clean UTF-8 that needed no repair.
    pub text: Cow<'a, str>,
    /// The encoding used (for segmented input, the main one).
    pub encoding: &'static Encoding,
    /// Where the decision came from.
    pub source: Source,
    /// A declaration (transport, meta, XML) that the evidence overrode.
    pub overridden: Option<(Source, &'static Encoding)>,
    /// Byte ranges of the input that were malformed and became U+FFFD.
    pub malformed: Vec<Range<usize>>,
    /// The segments, when more than one encoding was used.
    pub segments: Vec<Segment>,
    /// The mojibake repairs applied after decoding (spans in the decoded text).
    pub repairs: Vec<Change>,
}

/// A configured byte decoder.
#[derive(Debug, Clone)]
pub struct Decoder {
    transport: Option<&'static Encoding>,
    repair: bool,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder with no hints that repairs mojibake after decoding.
    pub fn new() -> Self {
        Decoder {
            transport: None,
            repair: true,
        }
    }

    /// Sets the transport hint: the `charset` label of an HTTP `Content-Type`.
    pub fn charset(mut self, label: &str) -> Result<Self, Error> {
        let encoding = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Error::UnknownEncoding(label.to_owned()))?;
        self.transport = Some(encoding);
        Ok(self)
    }

    /// Decodes `bytes`, replacing malformed sequences with U+FFFD.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> Decoded<'a> {
        let _ = (self.transport, self.repair);
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        Decoded {
            text,
            encoding: UTF_8,
            source: Source::Guess,
            overridden: None,
            malformed: Vec::new(),
            segments: Vec::new(),
            repairs: Vec::new(),
        }
    }

    /// Decodes `bytes`, failing at the first malformed sequence.
    pub fn decode_strict<'a>(&self, bytes: &'a [u8]) -> Result<Decoded<'a>, Error> {
        crate::error::from_utf8(bytes)?;
        Ok(self.decode(bytes))
    }
}

/// Decodes `bytes` of any encoding with the default settings.
///
/// ```
/// let d = textwash::decode("你好".as_bytes());
/// assert_eq!(d.text, "你好");
/// ```
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    Decoder::new().decode(bytes)
}
