//! Spam-mirror pollution: hijacked titles, injected tags, hidden blocks, pinyin
//! annotations, machine Traditional conversion, invisible characters, page chrome.
//!
//! STUB: the skeleton of the public API; the layers are being written.

/// A layer of spam-mirror pollution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layer {
    /// A keyword-stuffed title.
    HijackedTitle,
    /// Empty elements with random attributes.
    InjectedTags,
    /// Hidden keyword or link blocks.
    HiddenBlock,
    /// Pinyin readings after Han characters.
    Pinyin,
    /// Machine conversion to Traditional Chinese.
    MachineTraditional,
    /// C0 controls and zero-width characters.
    Invisible,
    /// Look-alike letters from another script.
    Homoglyph,
    /// ASCII punctuation between Han characters, restored to full width.
    Width,
}

impl Layer {
    /// The stable snake_case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::HijackedTitle => "hijacked_title",
            Layer::InjectedTags => "injected_tags",
            Layer::HiddenBlock => "hidden_block",
            Layer::Pinyin => "pinyin",
            Layer::MachineTraditional => "machine_traditional",
            Layer::Invisible => "invisible",
            Layer::Homoglyph => "homoglyph",
            Layer::Width => "width",
        }
    }
}

use std::borrow::Cow;

use crate::article::Article;
use crate::report::{Change, Flags};

/// What to do about Traditional Chinese text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Conversion {
    /// Convert to Simplified only with evidence of machine conversion.
    #[default]
    Auto,
    /// Never convert.
    KeepTraditional,
    /// Always convert Traditional to Simplified.
    ToSimplified,
}

/// A configured spam-layer remover.
///
/// Works in two phases so that the HTML extractor can share it: [`Despammer::analyze`]
/// looks at a whole document's text and decides which layers are present;
/// [`Diagnosis::rewrite`] then undoes them in any piece of that document.
#[derive(Debug, Clone, Default)]
pub struct Despammer {
    conversion: Conversion,
    restore_width: bool,
}

impl Despammer {
    /// A despammer with the default settings.
    pub fn new() -> Self {
        Despammer::default()
    }

    /// Sets the Traditional-to-Simplified policy.
    pub fn conversion(mut self, conversion: Conversion) -> Self {
        self.conversion = conversion;
        self
    }

    /// Whether ASCII `, : ; ( ) ! ?` between Han characters become full width.
    pub fn restore_width(mut self, yes: bool) -> Self {
        self.restore_width = yes;
        self
    }

    /// Decides, from a whole document's text, which layers are present.
    pub fn analyze(&self, text: &str) -> Diagnosis {
        let _ = (text, self.conversion, self.restore_width);
        Diagnosis {
            flags: Flags::empty(),
        }
    }

    /// Cleans a text dump (like the seed page): title, metadata, body.
    pub fn clean_text(&self, text: &str) -> Article {
        Article {
            text: text.to_owned(),
            ..Article::default()
        }
    }
}

/// The layers found in a document, and the evidence.
#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    flags: Flags,
}

impl Diagnosis {
    /// The layers found, as document flags.
    pub fn flags(&self) -> Flags {
        self.flags
    }

    /// Undoes the text layers (invisible characters, pinyin, Traditional conversion,
    /// width) in `text`, a piece of the analyzed document. Changes are appended with
    /// spans relative to `text`.
    pub fn rewrite<'a>(&self, text: &'a str, changes: &mut Vec<Change>) -> Cow<'a, str> {
        let _ = changes;
        Cow::Borrowed(text)
    }
}

/// The judgement on a title.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TitleJudgement {
    /// Whether the title was hijacked by spam vocabulary.
    pub hijacked: bool,
    /// The evidence, in words.
    pub reason: String,
}

/// Judges whether `title` is a hijacked, keyword-stuffed spam title.
pub fn judge_title(title: &str) -> TitleJudgement {
    let _ = title;
    TitleJudgement {
        hijacked: false,
        reason: String::new(),
    }
}

/// An element as the injected-tag detector sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementView<'a> {
    /// Lowercase tag name.
    pub name: &'a str,
    /// Attributes, in source order.
    pub attrs: Vec<(&'a str, &'a str)>,
    /// Whether the element has no children and no text.
    pub empty: bool,
}

/// Given the empty elements of a document in order, returns the indices of those
/// judged injected (as a cluster, never one element alone) and the evidence.
pub fn find_injected(elements: &[ElementView<'_>]) -> (Vec<usize>, String) {
    let _ = elements;
    (Vec::new(), String::new())
}

/// Whether an inline `style` hides its element (off-screen, `display:none`...).
pub fn hidden_by_style(style: &str) -> bool {
    let _ = style;
    false
}

/// Whether a line (or a block's text) is page chrome, and which kind.
pub fn chrome_line(line: &str) -> Option<&'static str> {
    let _ = line;
    None
}
