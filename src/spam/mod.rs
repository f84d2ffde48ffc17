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
