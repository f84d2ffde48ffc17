//! What textwash changed, where, and why.
//!
//! Every stage reports its edits as [`Change`]s. A change's `span` is a byte range in
//! the text that stage was given; the changes of one call are sorted and do not
//! overlap, so [`replay`] on that input gives the stage's output.

use std::fmt;
use std::ops::Range;

use crate::mojibake::Chain;
use crate::normalize::Normalization;
use crate::spam::Layer;

/// One edit: `input[span]` became `replacement`, for the reason given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// Byte range in the input of the stage that made the change.
    pub span: Range<usize>,
    /// What the span became (empty for a removal).
    pub replacement: String,
    /// Which kind of damage was undone.
    pub kind: ChangeKind,
    /// The evidence, in words: why the span was judged broken.
    pub reason: String,
}

impl Change {
    /// A change of `span` into `replacement`.
    pub fn new(
        span: Range<usize>,
        replacement: impl Into<String>,
        kind: ChangeKind,
        reason: impl Into<String>,
    ) -> Self {
        Change {
            span,
            replacement: replacement.into(),
            kind,
            reason: reason.into(),
        }
    }
}

/// The kind of damage a [`Change`] undid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeKind {
    /// Mojibake repaired exactly: the chain of misreadings that was undone.
    Mojibake(Chain),
    /// Mojibake repaired as far as the bytes survived; some characters were lost
    /// upstream and are marked (or dropped, as configured).
    LossyMojibake {
        /// The chain of misreadings that was undone.
        chain: Chain,
        /// How many characters were lost.
        lost: usize,
    },
    /// Characters that mark text lost upstream (`锟斤拷` is U+FFFD seen through GBK).
    LostMarker(Chain),
    /// Unicode normalization.
    Normalized(Normalization),
    /// A spam-mirror layer removed or undone.
    Spam(Layer),
    /// Page chrome (breadcrumbs, editor lines, copyright notices...) removed.
    Chrome,
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeKind::Mojibake(chain) => write!(f, "mojibake: {chain}"),
            ChangeKind::LossyMojibake { chain, lost } => {
                write!(f, "mojibake: {chain}, {lost} character(s) lost")
            }
            ChangeKind::LostMarker(chain) => write!(f, "lost-character marker: {chain}"),
            ChangeKind::Normalized(form) => write!(f, "normalized: {form}"),
            ChangeKind::Spam(layer) => write!(f, "spam: {}", layer.as_str()),
            ChangeKind::Chrome => f.write_str("chrome"),
        }
    }
}

/// Applies `changes` to `input`, giving the output of the stage that made them.
///
/// The changes must be sorted by span and must not overlap, as every stage reports
/// them. Spans outside `input` or not on character boundaries are skipped.
///
/// ```
/// let fixed = textwash::Fixer::new().explain("浣犲ソ, world");
/// assert_eq!(textwash::replay("浣犲ソ, world", &fixed.changes), fixed.text);
/// ```
pub fn replay(input: &str, changes: &[Change]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut at = 0;
    for c in changes {
        let ok = c.span.start >= at
            && c.span.end <= input.len()
            && input.is_char_boundary(c.span.start)
            && input.is_char_boundary(c.span.end);
        if !ok {
            continue;
        }
        out.push_str(&input[at..c.span.start]);
        out.push_str(&c.replacement);
        at = c.span.end;
    }
    out.push_str(&input[at..]);
    out
}

/// Composes two rounds of changes into one round on the original input.
///
/// `first` turns `input` into `mid`; `second` turns `mid` into the output. The
/// result turns `input` into the output directly: a change of `second` that
/// touches text `first` had changed absorbs that change (its span grows to cover
/// it, and its reason tells both).
pub(crate) fn compose(input: &str, first: Vec<Change>, second: Vec<Change>) -> Vec<Change> {
    if second.is_empty() {
        return first;
    }
    if first.is_empty() {
        return second;
    }
    let mid = replay(input, &first);
    // Where each first change sits in `mid`. Both rounds are in order, so every
    // search below moves forward only: the whole is linear in the changes (a
    // line can have hundreds of thousands).
    let mut placed = Vec::with_capacity(first.len());
    let mut shift: isize = 0;
    for c in &first {
        let start = (c.span.start as isize + shift) as usize;
        placed.push(start..start + c.replacement.len());
        shift += c.replacement.len() as isize - c.span.len() as isize;
    }
    // Group the second changes (runs of consecutive ones) with the first changes
    // they touch.
    let mut groups: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    // The first placed change that can touch the current second one: those
    // before end before it (an empty one where it starts touches it).
    let mut next = 0;
    for (i, d) in second.iter().enumerate() {
        let mut span = d.span.clone();
        while placed
            .get(next)
            .is_some_and(|p| p.end < span.start || (p.end == span.start && !p.is_empty()))
        {
            next += 1;
        }
        // The ones that touch follow each other; past them none does.
        for p in &placed[next..] {
            let touches = p.start < span.end && span.start < p.end
                || (p.is_empty() && span.start <= p.start && p.start <= span.end);
            if !touches {
                break;
            }
            span = span.start.min(p.start)..span.end.max(p.end);
        }
        match groups.last_mut() {
            Some((g, members)) if span.start < g.end => {
                g.end = g.end.max(span.end);
                members.end = i + 1;
            }
            _ => groups.push((span, i..i + 1)),
        }
    }
    // `mid` offset to `input` offset, for offsets outside any first change, asked
    // in increasing order: the shift of the first changes placed before it (an
    // empty one placed right there is not).
    let mut before = 0;
    let mut shift: isize = 0;
    let mut to_input = |b: usize| -> usize {
        while placed
            .get(before)
            .is_some_and(|p| p.end < b || (p.end == b && !p.is_empty()))
        {
            let c = &first[before];
            shift += c.replacement.len() as isize - c.span.len() as isize;
            before += 1;
        }
        (b as isize - shift) as usize
    };
    let mut out: Vec<Change> = Vec::with_capacity(groups.len());
    let mut absorbed = vec![false; first.len()];
    // The first placed change that can be inside the current group.
    let mut inside = 0;
    for (g, members) in groups {
        while placed.get(inside).is_some_and(|p| p.start < g.start) {
            inside += 1;
        }
        let mut end = inside;
        while placed.get(end).is_some_and(|p| p.end <= g.end) {
            absorbed[end] = true;
            end += 1;
        }
        let members = &second[members];
        let mut text = String::new();
        let mut at = g.start;
        for d in members {
            text.push_str(&mid[at..d.span.start]);
            text.push_str(&d.replacement);
            at = d.span.end;
        }
        text.push_str(&mid[at..g.end]);
        let main = members
            .iter()
            .max_by_key(|d| d.span.len())
            .unwrap_or(&members[0]);
        let earlier: Vec<&str> = first[inside..end]
            .iter()
            .map(|c| c.reason.as_str())
            .collect();
        let reason = if earlier.is_empty() {
            main.reason.clone()
        } else {
            format!("{}; then {}", earlier.join("; "), main.reason)
        };
        out.push(Change::new(
            to_input(g.start)..to_input(g.end),
            text,
            main.kind.clone(),
            reason,
        ));
    }
    out.extend(
        first
            .into_iter()
            .zip(absorbed)
            .filter(|(_, a)| !a)
            .map(|(c, _)| c),
    );
    // Two runs in order: the sort merges them.
    out.sort_by_key(|c| c.span.start);
    out
}

/// A property of a whole document that a corpus pipeline can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Flag {
    /// Mojibake was found and repaired.
    Mojibake,
    /// Characters had been lost upstream (`锟斤拷`, odd runs).
    LostCharacters,
    /// The title was hijacked by spam vocabulary.
    HijackedTitle,
    /// Empty elements with random attributes had been injected.
    InjectedTags,
    /// Hidden keyword or link-farm blocks were present.
    HiddenBlocks,
    /// Pinyin readings had been injected after Han characters.
    PinyinAnnotations,
    /// The text had been machine-converted to Traditional Chinese.
    MachineTraditional,
    /// Invisible characters (C0 controls, zero-width characters) had been injected.
    InvisibleCharacters,
    /// Homoglyphs (look-alike letters from another script) had been injected.
    Homoglyphs,
    /// The declared encoding of the bytes was wrong.
    MislabelledEncoding,
}

impl Flag {
    /// All flags, in a stable order.
    pub const ALL: [Flag; 10] = [
        Flag::Mojibake,
        Flag::LostCharacters,
        Flag::HijackedTitle,
        Flag::InjectedTags,
        Flag::HiddenBlocks,
        Flag::PinyinAnnotations,
        Flag::MachineTraditional,
        Flag::InvisibleCharacters,
        Flag::Homoglyphs,
        Flag::MislabelledEncoding,
    ];

    /// The stable snake_case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Mojibake => "mojibake",
            Flag::LostCharacters => "lost_characters",
            Flag::HijackedTitle => "hijacked_title",
            Flag::InjectedTags => "injected_tags",
            Flag::HiddenBlocks => "hidden_blocks",
            Flag::PinyinAnnotations => "pinyin_annotations",
            Flag::MachineTraditional => "machine_traditional",
            Flag::InvisibleCharacters => "invisible_characters",
            Flag::Homoglyphs => "homoglyphs",
            Flag::MislabelledEncoding => "mislabelled_encoding",
        }
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A set of [`Flag`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u32);

impl Flags {
    /// The empty set.
    pub const fn empty() -> Self {
        Flags(0)
    }
    /// Adds `flag`.
    pub fn insert(&mut self, flag: Flag) {
        self.0 |= flag.bit();
    }
    /// Whether `flag` is set.
    pub fn contains(self, flag: Flag) -> bool {
        self.0 & flag.bit() != 0
    }
    /// Whether no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Adds every flag of `other`.
    pub fn extend(&mut self, other: Flags) {
        self.0 |= other.0;
    }
    /// The flags that are set, in [`Flag::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<I: IntoIterator<Item = Flag>>(iter: I) -> Self {
        let mut flags = Flags::empty();
        for f in iter {
            flags.insert(f);
        }
        flags
    }
}

/// What is left of a document after cleaning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Verdict {
    /// Nothing needed repair.
    #[default]
    Clean,
    /// Damage was found and undone; an article remains.
    Repaired,
    /// Nothing of an article is left (a spam page, a list page, an empty page).
    Junk,
}

impl Verdict {
    /// The stable lowercase name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clean => "clean",
            Verdict::Repaired => "repaired",
            Verdict::Junk => "junk",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(span: Range<usize>, to: &str) -> Change {
        Change::new(span, to, ChangeKind::Chrome, "r")
    }

    #[test]
    fn composed_changes_replay_to_the_final_text() {
        let input = "aXbYc";
        let first = vec![c(1..2, "11"), c(3..4, "")];
        let mid = replay(input, &first);
        assert_eq!(mid, "a11bc");
        let second = vec![c(2..4, "Z"), c(4..5, "C")];
        let out = replay(&mid, &second);
        let composed = compose(input, first, second);
        assert_eq!(replay(input, &composed), out);
    }
}
