//! Mojibake repair: text that was decoded with the wrong encoding upstream.
//!
//! STUB: the skeleton of the public API; the repair itself is being written.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use crate::normalize::Normalization;
use crate::report::Change;

/// A character encoding as some software implements it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Codec {
    /// UTF-8.
    Utf8,
    /// GBK / GB18030 as encoding_rs (and browsers) decode it.
    Gbk,
    /// Big5 as encoding_rs decodes it.
    Big5,
    /// Shift_JIS as encoding_rs decodes it.
    ShiftJis,
    /// EUC-KR as encoding_rs decodes it.
    EucKr,
    /// Windows-1252 as WHATWG defines it.
    Windows1252,
    /// ISO-8859-1 as a plain byte map.
    Latin1,
}

impl Codec {
    /// The lowercase name used in explanations (`gbk`, `windows-1252`).
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Gbk => "gbk",
            Codec::Big5 => "big5",
            Codec::ShiftJis => "shift_jis",
            Codec::EucKr => "euc-kr",
            Codec::Windows1252 => "windows-1252",
            Codec::Latin1 => "latin-1",
        }
    }
}

/// One misreading: text encoded as `written` and decoded as `read`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Misreading {
    /// The encoding the bytes were written in.
    pub written: Codec,
    /// The encoding they were wrongly read as.
    pub read: Codec,
}

/// The misreadings a span went through, first to last.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Chain(pub Vec<Misreading>);

impl fmt::Display for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, m) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", then ")?;
            }
            write!(f, "{} read as {}", m.written.name(), m.read.name())?;
        }
        Ok(())
    }
}

/// What to do with characters that were lost upstream and cannot be recovered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LostPolicy {
    /// Mark each lost character with one U+FFFD.
    #[default]
    Replace,
    /// Remove them.
    Drop,
    /// Leave the damaged span as it is.
    Keep,
}

/// A reusable, configured mojibake fixer.
#[derive(Debug, Clone, Default)]
pub struct Fixer {
    lost: LostPolicy,
    normalization: Normalization,
    max_rounds: u8,
}

/// The output of [`Fixer::explain`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explained<'a> {
    /// The repaired text.
    pub text: Cow<'a, str>,
    /// What was changed; [`crate::replay`] on the input gives `text`.
    pub changes: Vec<Change>,
    /// Spans that looked damaged but were left alone, and why.
    pub doubts: Vec<Doubt>,
}

/// A span left alone because the evidence was weak.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Doubt {
    /// Byte range in the input.
    pub span: Range<usize>,
    /// The repair that was considered.
    pub chain: Chain,
    /// Why it was not applied.
    pub reason: String,
}

impl Fixer {
    /// A fixer with the default settings.
    pub fn new() -> Self {
        Fixer {
            lost: LostPolicy::Replace,
            normalization: Normalization::None,
            max_rounds: 3,
        }
    }

    /// Repairs `text`, borrowing it when nothing changed.
    pub fn fix<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.explain(text).text
    }

    /// Repairs `text` and reports every change.
    pub fn explain<'a>(&self, text: &'a str) -> Explained<'a> {
        let _ = (self.lost, self.normalization, self.max_rounds);
        Explained {
            text: Cow::Borrowed(text),
            changes: Vec::new(),
            doubts: Vec::new(),
        }
    }
}

static DEFAULT_FIXER: LazyLock<Fixer> = LazyLock::new(Fixer::new);

/// Repairs mojibake in `text` with the default settings.
///
/// ```
/// use textwash::fix_text;
/// assert_eq!(fix_text("clean text"), "clean text");
/// ```
pub fn fix_text(text: &str) -> Cow<'_, str> {
    DEFAULT_FIXER.fix(text)
}
