//! Mojibake repair: text that was decoded with the wrong encoding upstream.
//!
//! A repair turns the characters of a suspicious span back into the bytes the
//! misreading codec decoded, and decodes those bytes with the codec they were
//! written in. It is applied only where the evidence says the span was broken:
//!
//! - **structure**: the bytes are valid in the written codec (a run of UTF-8
//!   multi-byte sequences is very unlikely by chance), and the whole line is
//!   consistent with one misreading;
//! - **plausibility**: the result is more natural than the input. For CJK this is
//!   the share of common characters (real Chinese is ~99% GB2312 level 1; UTF-8
//!   misread as GBK ~12%); for Latin scripts, unlikely juxtapositions such as `Ã©`
//!   or `â€œ` (ftfy's heuristic).
//!
//! Where the line decides: legacy bytes read as Latin-1 come out as runs of
//! letter soup, split by digits and ASCII (`1989Äê5ÔÂ26ÈÕ`); on a line that is
//! soup of one codec throughout, with a run that stands on its own, its short
//! runs are repaired with it (the `年` and `月` of a date), and so are the short
//! runs of a line misread between GBK and Big5. A soup run alone must be longer
//! and common text, or common words (jieba's list, for GBK).
//!
//! Where bytes were lost upstream (an odd UTF-8 run read as GBK, `?` or U+FFFD put
//! in, a no-break space turned into a space) every character whose bytes survive is
//! recovered and each lost one is marked with one U+FFFD. `锟斤拷` (U+FFFD seen
//! through GBK) collapses to U+FFFD.
//!
//! ```
//! use textwash::fix_text;
//!
//! assert_eq!(fix_text("浣犲ソ锛屼笘鐣�"), "你好，世�");
//! assert_eq!(fix_text("ÄãºÃ£¬ÊÀ½ç"), "你好，世界");
//! assert_eq!(fix_text("1989Äê5ÔÂ26ÈÕÀëÉÛµ½±±¾©"), "1989年5月26日离邵到北京");
//! assert_eq!(fix_text("Ceci est un texte franÃ§ais."), "Ceci est un texte français.");
//! // Clean text is borrowed, not copied.
//! assert!(matches!(fix_text("中文，English, Ελληνικά"), std::borrow::Cow::Borrowed(_)));
//! ```

mod badness;
mod chars;
mod codec;
mod pack;
mod scan;

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::ops::Range;
use std::sync::LazyLock;

pub use codec::Codec;

use crate::normalize::{Normalization, normalize};
use crate::report::{Change, ChangeKind};
use chars::{Class, Cost, class, cost, flag};
use pack::{Packed, Reader};
use scan::{Candidate, Scratch};

/// One misreading: text encoded as `written` and decoded as `read`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Misreading {
    /// The encoding the bytes were written in.
    pub written: Codec,
    /// The encoding they were wrongly read as.
    pub read: Codec,
}

impl Misreading {
    /// Bytes written as `written`, read as `read`.
    pub const fn new(written: Codec, read: Codec) -> Self {
        Misreading { written, read }
    }

    /// The misreadings textwash repairs by default, most common first.
    pub fn defaults() -> Vec<Misreading> {
        use Codec::*;
        let mut all = Vec::new();
        for read in [
            Windows1252,
            Latin1,
            Gbk,
            Big5,
            ShiftJis,
            EucKr,
            Windows1250,
            Iso8859_2,
            Windows1251,
            Windows1253,
            Windows1254,
            Windows1257,
            MacRoman,
            Cp437,
        ] {
            all.push(Misreading::new(Utf8, read));
        }
        // C1 controls are Windows-1252 text read as Latin-1.
        all.push(Misreading::new(Windows1252, Latin1));
        for written in [Gbk, Big5, ShiftJis, EucKr, Windows1251] {
            all.push(Misreading::new(written, Windows1252));
            all.push(Misreading::new(written, Latin1));
        }
        for written in [Gbk, Big5, ShiftJis, EucKr] {
            all.push(Misreading::new(written, Iso8859_15));
        }
        all.push(Misreading::new(Gbk, Iso8859_15Refixed));
        all.push(Misreading::new(Gbk, Big5));
        all.push(Misreading::new(Big5, Gbk));
        all
    }

    /// `text` as this misreading turns it, with encoding_rs's codecs: `None` when
    /// `text` cannot be encoded in the written codec.
    ///
    /// ```
    /// use textwash::mojibake::{Codec, Misreading};
    /// let m = Misreading::new(Codec::Utf8, Codec::Gbk);
    /// assert_eq!(m.damage("你好").as_deref(), Some("浣犲ソ"));
    /// ```
    pub fn damage(&self, text: &str) -> Option<String> {
        let bytes = self.written.encode(text)?;
        Some(self.read.decode(&bytes))
    }
}

impl fmt::Display for Misreading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} read as {}", self.written, self.read)
    }
}

/// The misreadings a span went through, first to last.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Chain(pub Vec<Misreading>);

impl Chain {
    /// A chain of misreadings, first to last.
    pub fn new(steps: impl IntoIterator<Item = Misreading>) -> Self {
        Chain(steps.into_iter().collect())
    }

    /// The same misreading `rounds` times.
    pub fn repeat(m: Misreading, rounds: usize) -> Self {
        Chain(vec![m; rounds])
    }

    /// `text` damaged by every misreading in turn, or `None` if some step cannot
    /// encode it.
    ///
    /// ```
    /// use textwash::mojibake::{Chain, Codec, Misreading};
    /// let twice = Chain::repeat(Misreading::new(Codec::Utf8, Codec::Windows1252), 2);
    /// assert_eq!(twice.damage("é").as_deref(), Some("ÃƒÂ©"));
    /// ```
    pub fn damage(&self, text: &str) -> Option<String> {
        let mut out = text.to_owned();
        for m in &self.0 {
            out = m.damage(&out)?;
        }
        Some(out)
    }

    /// The misreadings, first to last.
    pub fn steps(&self) -> &[Misreading] {
        &self.0
    }
}

impl fmt::Display for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut i = 0;
        let mut first = true;
        while i < self.0.len() {
            let m = self.0[i];
            let n = self.0[i..].iter().take_while(|x| **x == m).count();
            if !first {
                f.write_str(", then ")?;
            }
            first = false;
            write!(f, "{m}")?;
            match n {
                1 => {}
                2 => f.write_str(", twice")?,
                3 => f.write_str(", three times")?,
                n => write!(f, ", {n} times")?,
            }
            i += n;
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
    /// Leave a damaged span with lost characters as it is.
    Keep,
}

/// A reusable, configured mojibake fixer.
///
/// ```
/// use textwash::{Fixer, LostPolicy, Normalization};
/// use textwash::mojibake::Codec;
///
/// let fixer = Fixer::builder()
///     .codecs([Codec::Utf8, Codec::Gbk])
///     .max_rounds(2)
///     .lost(LostPolicy::Drop)
///     .normalization(Normalization::Nfc)
///     .build();
/// assert_eq!(fixer.fix("锟斤拷锟斤拷标题"), "标题");
/// ```
#[derive(Debug, Clone)]
pub struct Fixer {
    misreadings: Vec<Misreading>,
    max_rounds: u8,
    lost: LostPolicy,
    normalization: Normalization,
}

impl Default for Fixer {
    fn default() -> Self {
        Fixer::new()
    }
}

/// Builds a [`Fixer`].
#[derive(Debug, Clone)]
pub struct FixerBuilder {
    fixer: Fixer,
}

impl FixerBuilder {
    /// Considers exactly these misreadings (default: [`Misreading::defaults`]).
    pub fn misreadings(mut self, misreadings: impl IntoIterator<Item = Misreading>) -> Self {
        self.fixer.misreadings = misreadings.into_iter().collect();
        self
    }

    /// Keeps only the misreadings whose two codecs are both in `codecs`.
    pub fn codecs(mut self, codecs: impl IntoIterator<Item = Codec>) -> Self {
        let codecs: Vec<Codec> = codecs.into_iter().collect();
        self.fixer
            .misreadings
            .retain(|m| codecs.contains(&m.written) && codecs.contains(&m.read));
        self
    }

    /// How many rounds of damage to undo on one span (default 3; 0 disables repair).
    pub fn max_rounds(mut self, rounds: u8) -> Self {
        self.fixer.max_rounds = rounds;
        self
    }

    /// What to do with characters lost upstream (default: one U+FFFD each).
    pub fn lost(mut self, policy: LostPolicy) -> Self {
        self.fixer.lost = policy;
        self
    }

    /// Unicode normalization of the output (default none).
    pub fn normalization(mut self, form: Normalization) -> Self {
        self.fixer.normalization = form;
        self
    }

    /// The configured fixer.
    pub fn build(self) -> Fixer {
        self.fixer
    }
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
    /// What the repair would have given.
    pub replacement: String,
    /// Why it was not applied.
    pub reason: String,
}

/// Why a repair was made or doubted: the words its reason starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    SeenThrough,
    C1Control,
    WholeLine,
    Unlikely,
    NothingAround,
    RareBecameCommon,
    HanInLatinWord,
    SmallGainValid,
    SmallGain,
    CyrillicSoup,
    CjkSoup,
    OnlyPrivateUse,
    SoupLine,
}

impl Why {
    /// Every reason, in the order of their numbers in packed records.
    const ALL: [Why; 13] = [
        Why::SeenThrough,
        Why::C1Control,
        Why::WholeLine,
        Why::Unlikely,
        Why::NothingAround,
        Why::RareBecameCommon,
        Why::HanInLatinWord,
        Why::SmallGainValid,
        Why::SmallGain,
        Why::CyrillicSoup,
        Why::CjkSoup,
        Why::OnlyPrivateUse,
        Why::SoupLine,
    ];

    fn words(self) -> &'static str {
        match self {
            Why::SeenThrough => "U+FFFD seen through another codec",
            Why::C1Control => "a C1 control character, meaningful only in Windows-1252",
            Why::WholeLine => "the whole line is consistent with this misreading",
            Why::Unlikely => "unlikely character sequences",
            Why::NothingAround => "valid, but nothing around it says it is broken",
            Why::RareBecameCommon => "rare characters became common ones",
            Why::HanInLatinWord => "a CJK character inside a Latin word",
            Why::SmallGainValid => "valid, but the gain is too small",
            Why::SmallGain => "the gain is too small",
            Why::CyrillicSoup => "Latin-1 letter soup that is Cyrillic in windows-1251",
            Why::CjkSoup => "Latin-1 letter soup that is CJK text",
            Why::OnlyPrivateUse => {
                "only private-use characters were rare, and the repair has rare ones of its own"
            }
            Why::SoupLine => {
                "a short run on a line that is Latin-1 letter soup of CJK text throughout"
            }
        }
    }
}

/// A judged repair of one span: accepted (with its rank) or doubted. Lines hold
/// them packed in [`Entries`].
#[derive(Debug, Clone)]
struct Entry<'a> {
    span: Range<usize>,
    /// What the span is repaired to.
    text: &'a str,
    /// Higher scores are chosen first, once a bonus for the misreading's other
    /// repairs on the line is added (0 for doubts).
    score: i64,
    /// The misreading's position in [`Fixer::misreadings`]: ties go to the
    /// earlier one.
    order: usize,
    /// The candidate's own counts (see [`Candidate`]).
    exact: usize,
    lost: usize,
    markers: usize,
    restored_nbsp: bool,
    why: Why,
    /// The misreadings later rounds undid in the decoded text (see
    /// [`pack_chain`]), and the characters they found lost and marked.
    inner: &'a [u8],
    inner_lost: usize,
    inner_markers: usize,
}

impl<'a> Entry<'a> {
    fn write(&self, out: &mut Packed) {
        out.put_span(&self.span);
        out.put_text(self.text);
        out.put_int(self.score);
        out.put(self.order);
        out.put(self.exact);
        // The reason and which of the counts that are mostly 0 follow, in a
        // byte (the inner rounds' flag, rarely set, last).
        let flags = self.why as usize
            | usize::from(self.restored_nbsp) << 4
            | usize::from(self.lost > 0) << 5
            | usize::from(self.markers > 0) << 6
            | usize::from(!self.inner.is_empty()) << 7;
        out.put(flags);
        if self.lost > 0 {
            out.put(self.lost);
        }
        if self.markers > 0 {
            out.put(self.markers);
        }
        if !self.inner.is_empty() {
            out.put_bytes(self.inner);
            out.put(self.inner_lost);
            out.put(self.inner_markers);
        }
        out.end_record();
    }

    fn read(r: &mut Reader<'a>) -> Entry<'a> {
        let span = r.get_span();
        let text = r.get_text();
        let score = r.get_int();
        let order = r.get();
        let exact = r.get();
        let flags = r.get();
        let lost = if flags & 1 << 5 != 0 { r.get() } else { 0 };
        let markers = if flags & 1 << 6 != 0 { r.get() } else { 0 };
        let (inner, inner_lost, inner_markers) = if flags & 1 << 7 != 0 {
            (r.get_bytes(), r.get(), r.get())
        } else {
            (&[][..], 0, 0)
        };
        Entry {
            span,
            text,
            score,
            order,
            exact,
            lost,
            markers,
            restored_nbsp: flags & 1 << 4 != 0,
            why: Why::ALL[flags & 0xF],
            inner,
            inner_lost,
            inner_markers,
        }
    }

    /// Characters lost upstream, in every round.
    fn all_lost(&self) -> usize {
        self.lost + self.inner_lost
    }

    /// Characters that were U+FFFD already, in every round.
    fn all_markers(&self) -> usize {
        self.markers + self.inner_markers
    }

    /// The misreadings undone, `outer` (this entry's own) first.
    fn chain(&self, outer: Misreading) -> Chain {
        Chain::new(std::iter::once(outer).chain(unpack_chain(self.inner)))
    }

    /// The reason in words, for this repair of `original` by `m`.
    fn reason(&self, m: Misreading, original: &str) -> String {
        if self.why == Why::C1Control {
            return self.why.words().to_owned();
        }
        // Piece by piece into one allocation: a line can have a repair every few
        // characters, and `format!` costs twice as much.
        let nbsp = if self.restored_nbsp {
            ", a space read as the no-break space it was"
        } else {
            ""
        };
        let why = self.why.words();
        let mut out = String::with_capacity(why.len() + nbsp.len() + 120);
        for piece in [
            why,
            ": the bytes decode as ",
            m.written.name(),
            " when read back as ",
            m.read.name(),
            " (",
        ] {
            out.push_str(piece);
        }
        let _ = write!(
            out,
            "{} exact, {} lost{nbsp}; cost {} -> {})",
            self.exact,
            self.lost,
            cost(original),
            cost(self.text)
        );
        out
    }
}

// A codec's index fits a byte of a packed chain.
const _: () = assert!(Codec::ALL.len() <= 256);

/// Misreadings as bytes: the written and the read codec's [`Codec::index`].
fn pack_chain(chain: impl IntoIterator<Item = Misreading>, out: &mut Vec<u8>) {
    for m in chain {
        out.extend([m.written.index() as u8, m.read.index() as u8]);
    }
}

fn unpack_chain(bytes: &[u8]) -> impl Iterator<Item = Misreading> + '_ {
    bytes
        .chunks_exact(2)
        .map(|m| Misreading::new(Codec::ALL[usize::from(m[0])], Codec::ALL[usize::from(m[1])]))
}

/// [`Entry`] records, packed: a line can have a repair every few bytes, and
/// four misreadings can repair each of them.
#[derive(Debug, Default)]
struct Entries(Packed);

impl Entries {
    fn push(&mut self, e: &Entry<'_>) {
        e.write(&mut self.0);
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn clear(&mut self) {
        self.0.clear();
    }

    fn iter(&self) -> impl Iterator<Item = Entry<'_>> {
        let mut r = self.0.reader();
        (0..self.0.len()).map(move |_| Entry::read(&mut r))
    }
}

/// The repairs chosen on a line: of the best repair of each span, those that
/// won (marked, not copied: a line can have hundreds of thousands).
#[derive(Debug)]
struct Repairs {
    best: Entries,
    chosen: BitSet,
}

impl Repairs {
    fn none() -> Repairs {
        Repairs {
            best: Entries::default(),
            chosen: BitSet::new(0),
        }
    }

    fn is_empty(&self) -> bool {
        self.best.is_empty()
    }

    /// The chosen repairs, in span order.
    fn iter(&self) -> impl Iterator<Item = Entry<'_>> {
        self.best
            .iter()
            .enumerate()
            .filter(|(i, _)| self.chosen.contains(*i))
            .map(|(_, e)| e)
    }
}

/// What another round made of a decoded text: the text, the misreadings it
/// undid (packed as by [`pack_chain`]), and the characters lost and the markers
/// on the way.
struct Deeper {
    text: String,
    chain: Vec<u8>,
    lost: usize,
    markers: usize,
}

impl Fixer {
    /// A fixer with the default settings: every default misreading, up to 3
    /// rounds, lost characters marked with U+FFFD, no normalization.
    pub fn new() -> Self {
        Fixer {
            misreadings: Misreading::defaults(),
            max_rounds: 3,
            lost: LostPolicy::Replace,
            normalization: Normalization::None,
        }
    }

    /// A builder starting from the default settings.
    pub fn builder() -> FixerBuilder {
        FixerBuilder {
            fixer: Fixer::new(),
        }
    }

    /// Repairs `text`, borrowing it when nothing changed.
    pub fn fix<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.normalization != Normalization::None || self.lost == LostPolicy::Drop {
            // The normalization goes by the changes' spans. So does the text
            // where lost characters are dropped: where an empty replacement ends
            // a later pass's change, `compose` keeps what it removed, and the
            // output has always been the composed changes'.
            return self.explain_with(text, false, false).text;
        }
        if text.is_ascii() || self.max_rounds == 0 {
            return Cow::Borrowed(text);
        }
        // The text alone, line by line: no change records (a line can have a
        // repair every few bytes), and the lines copied only once one changes.
        let mut out: Option<String> = None;
        let mut copied = 0;
        for line in lines(text) {
            let Some(fixed) = self.fix_line_text(&text[line.clone()]) else {
                continue;
            };
            if line.len() == text.len() {
                return Cow::Owned(fixed);
            }
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..line.start]);
            out.push_str(&fixed);
            copied = line.end;
        }
        match out {
            None => Cow::Borrowed(text),
            Some(mut out) => {
                out.push_str(&text[copied..]);
                Cow::Owned(out)
            }
        }
    }

    /// Repairs `text` and reports every change, and every span left alone for
    /// lack of evidence.
    ///
    /// ```
    /// use textwash::{ChangeKind, Fixer, replay};
    /// let input = "标题：浣犲ソ\n正文不变。";
    /// let explained = Fixer::new().explain(input);
    /// assert_eq!(explained.text, "标题：你好\n正文不变。");
    /// let change = &explained.changes[0];
    /// assert_eq!(&input[change.span.clone()], "浣犲ソ");
    /// assert_eq!(change.kind.to_string(), "mojibake: utf-8 read as gbk");
    /// assert_eq!(replay(input, &explained.changes), explained.text);
    /// ```
    pub fn explain<'a>(&self, text: &'a str) -> Explained<'a> {
        self.explain_with(text, true, true)
    }

    /// [`Fixer::explain`] without the doubts: the changes and their reasons
    /// for what [`Fixer::fix`] costs, where finding doubts means looking at
    /// every candidate, not only those a judge can accept.
    pub(crate) fn explain_changes<'a>(&self, text: &'a str) -> Explained<'a> {
        self.explain_with(text, true, false)
    }

    /// [`Fixer::explain`], with the reasons written out only if `reasons` and
    /// the doubts looked for only if `find_doubts`.
    fn explain_with<'a>(&self, text: &'a str, reasons: bool, find_doubts: bool) -> Explained<'a> {
        let mut changes = Vec::new();
        let mut doubts = Vec::new();
        if !text.is_ascii() && self.max_rounds > 0 {
            let mut line_doubts = Vec::new();
            for line in lines(text) {
                let offset = line.start;
                let wanted = find_doubts.then_some(&mut line_doubts);
                let line_changes = self.fix_line(&text[line], reasons, wanted);
                // Most lines have neither: an empty extend still costs a
                // call, and clean text's lines are a hundred bytes or so.
                if !line_changes.is_empty() {
                    changes.extend(line_changes.into_iter().map(|mut c| {
                        c.span = c.span.start + offset..c.span.end + offset;
                        c
                    }));
                }
                if !line_doubts.is_empty() {
                    doubts.extend(line_doubts.drain(..).map(|mut d| {
                        d.span = d.span.start + offset..d.span.end + offset;
                        d
                    }));
                }
            }
        }
        if self.normalization != Normalization::None {
            changes = self.normalize_changes(text, changes);
        }
        let text = if changes.is_empty() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(crate::report::replay(text, &changes))
        };
        Explained {
            text,
            changes,
            doubts,
        }
    }

    /// Repairs one line until nothing more changes (a repair can make the rest of
    /// the line consistent with another misreading), with the changes of every
    /// pass composed into one round on the input line. The doubts of the first
    /// pass go to `doubts`, if given.
    fn fix_line(&self, line: &str, reasons: bool, doubts: Option<&mut Vec<Doubt>>) -> Vec<Change> {
        let repairs = self.repair_with(line, self.max_rounds, None, doubts);
        // Most lines have none (and the early return spares reading back the
        // whole record just written).
        if repairs.is_empty() {
            return Vec::new();
        }
        let mut changes = self.changes(line, &repairs, reasons);
        // Not kept through the later passes.
        drop(repairs);
        if changes.is_empty() {
            return changes;
        }
        let mut current = crate::report::replay(line, &changes);
        // Repairs shrink the text (a repair turns each misread character back into
        // fewer bytes), so this settles fast; the bound is for safety.
        for _ in 1..8 {
            let repairs = self.repair_with(&current, self.max_rounds, None, None);
            let next = self.changes(&current, &repairs, reasons);
            if next.is_empty() {
                break;
            }
            current = crate::report::replay(&current, &next);
            changes = crate::report::compose(line, changes, next);
        }
        changes
    }

    /// [`Fixer::fix_line`] for the repaired line alone (`None` when unchanged).
    fn fix_line_text(&self, line: &str) -> Option<String> {
        let mut current = self.apply(line)?;
        // As in `fix_line`.
        for _ in 1..8 {
            match self.apply(&current) {
                Some(next) => current = next,
                None => break,
            }
        }
        Some(current)
    }

    /// `text` with one pass of repairs applied, or `None` if it has none.
    fn apply(&self, text: &str) -> Option<String> {
        let repairs = self.repair_with(text, self.max_rounds, None, None);
        if repairs.is_empty() {
            return None;
        }
        let mut out: Option<String> = None;
        let mut at = 0;
        for r in repairs.iter() {
            let original = &text[r.span.clone()];
            let Some(replacement) = self.replacement(original, &r) else {
                continue;
            };
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[at..r.span.start]);
            out.push_str(&replacement);
            at = r.span.end;
        }
        let mut out = out?;
        out.push_str(&text[at..]);
        Some(out)
    }

    /// What a repair of `original` turns it into under the lost-character
    /// policy, or `None` if it leaves it alone.
    fn replacement<'a>(&self, original: &str, r: &Entry<'a>) -> Option<Cow<'a, str>> {
        let lost = r.all_lost() + r.all_markers() > 0;
        let text = match (self.lost, lost) {
            (LostPolicy::Keep, true) => return None,
            (LostPolicy::Drop, true) => Cow::Owned(r.text.replace('\u{FFFD}', "")),
            _ => Cow::Borrowed(r.text),
        };
        (original != text).then_some(text)
    }

    /// The changes one pass of `repairs` makes to `text`.
    fn changes(&self, text: &str, repairs: &Repairs, reasons: bool) -> Vec<Change> {
        let mut changes = Vec::new();
        for r in repairs.iter() {
            let original = &text[r.span.clone()];
            let Some(replacement) = self.replacement(original, &r) else {
                continue;
            };
            let m = self.misreadings[r.order];
            let chain = r.chain(m);
            let lost = r.all_lost() + r.all_markers();
            let kind = if r.exact == 0 && r.all_lost() == 0 && r.all_markers() > 0 {
                ChangeKind::LostMarker(chain)
            } else if lost > 0 {
                ChangeKind::LossyMojibake { chain, lost }
            } else {
                ChangeKind::Mojibake(chain)
            };
            // The reason's costs are those of the repair as judged, before the
            // lost policy touched it.
            let reason = if reasons {
                r.reason(m, original)
            } else {
                String::new()
            };
            changes.push(Change::new(
                r.span.clone(),
                replacement.into_owned(),
                kind,
                reason,
            ));
        }
        changes
    }

    /// Normalizes the replacements and the untouched text between them.
    fn normalize_changes(&self, text: &str, changes: Vec<Change>) -> Vec<Change> {
        let form = self.normalization;
        let mut out = Vec::with_capacity(changes.len());
        let mut at = 0;
        let gap = |from: usize, to: usize, out: &mut Vec<Change>| {
            if let Cow::Owned(n) = normalize(&text[from..to], form) {
                out.push(Change::new(
                    from..to,
                    n,
                    ChangeKind::Normalized(form),
                    format!("not in {form}"),
                ));
            }
        };
        for mut c in changes {
            gap(at, c.span.start, &mut out);
            if let Cow::Owned(n) = normalize(&c.replacement, form) {
                c.replacement = n;
            }
            at = c.span.end;
            out.push(c);
        }
        gap(at, text.len(), &mut out);
        out
    }

    /// The repairs of one line (or, with `inner` the codec that misread it, of
    /// what an earlier round decoded, where only UTF-8 can have been misread
    /// again), in span order. The spans left alone for weak evidence go to
    /// `doubts`, if given.
    fn repair_with(
        &self,
        text: &str,
        rounds: u8,
        inner: Option<Codec>,
        doubts: Option<&mut Vec<Doubt>>,
    ) -> Repairs {
        if rounds == 0 || text.is_ascii() {
            return Repairs::none();
        }
        let Some(profile) = Profile::of(text).filter(Profile::any_relevant) else {
            return Repairs::none();
        };
        // The best accepted repair of each span so far, in span order. Once a
        // misreading is judged its scores are final, and of two repairs of the
        // same span only the better-ranked can be chosen: the other is dropped
        // then, not kept to the end (four misreadings can repair each `Ã©`).
        let mut best = Entries::default();
        let mut merged = Entries::default();
        // Each misreading's score bonus: the bytes it repairs on the line (made
        // at the first repair: most lines have none).
        let mut support: Vec<i64> = Vec::new();
        // This misreading's accepted candidates: which, their scores and why.
        let mut fresh = Packed::default();
        let mut pending_doubts = Entries::default();
        let mut scratch = Scratch::default();
        // Per candidate of the misreading in hand, what the first pass made of
        // it (see `assess`).
        let mut judged = Packed::default();
        // The single-byte codecs that have misread the text so far (bits by
        // `Codec::ALL` index).
        let mut read_single: u32 = 0;
        for (order, &m) in self.misreadings.iter().enumerate() {
            // Damage done again is done the same way: UTF-8 misread by the same
            // double-byte codec, or by single-byte codecs.
            let again = |outer: Codec| {
                m.written == Codec::Utf8
                    && (m.read == outer || (outer.is_single_byte() && m.read.is_single_byte()))
            };
            if !profile.relevant(m) || inner.is_some_and(|outer| !again(outer)) {
                continue;
            }
            if m.written == Codec::Utf8 && m.read.is_single_byte() {
                // Where an earlier codec reads the text alike, this one finds the
                // same candidates, judged the same, and loses every tie to it
                // (`merge_best`): Windows-1252 and Latin-1 on most lines.
                let earlier = Codec::ALL
                    .iter()
                    .filter(|k| read_single & (1 << k.index()) != 0)
                    .any(|&k| reads_alike(text, &profile, k, m.read));
                if earlier {
                    continue;
                }
                read_single |= 1 << m.read.index();
            }
            judged.clear();
            let mut first = FirstPass::new(self, text, m, rounds, &mut judged);
            // Without doubts to report, only the candidates a judge can accept
            // are worth finding.
            let wanted = if doubts.is_some() {
                Wanted::All
            } else {
                Wanted::Acceptable
            };
            scan_for(
                text,
                m,
                &profile,
                wanted,
                &mut scratch,
                &mut |cand, decoded| first.take(cand, decoded),
            );
            // Between two double-byte codecs, a line with a run the judge
            // takes on its own is read again whole, every run a candidate:
            // the short ones (`1る9ら`, Big5's 1月9日 read as GBK) count with
            // the line (see `judge_in_line`).
            if first.context.legacy_anchor && legacy_pair(m) {
                judged.clear();
                first = FirstPass::new(self, text, m, rounds, &mut judged);
                first.anchored = true;
                scan::scan_legacy(text, m.written, m.read, false, &mut scratch, &mut |c, d| {
                    first.take(c, d)
                });
            }
            if first.judged.is_empty() {
                // Nothing to repair or doubt, and not every candidate accepted.
                continue;
            }
            let context = first.context(profile.non_ascii);
            let (consistent, count) = (context.consistent, context.count);
            fresh.clear();
            let mut last = 0;
            for (i, a) in assessed(&judged).enumerate() {
                let judgement = match a.verdict {
                    Judgement::Undecided => {
                        judge_in_line(text, m, &a.cand, a.decoded, a.repaired, a.g, &context)
                    }
                    decided => decided,
                };
                match judgement {
                    // (`judge_in_line` decides.)
                    Judgement::Reject | Judgement::Undecided => {}
                    Judgement::Accept(score, why) => {
                        fresh.put(i - last);
                        fresh.put_int(score);
                        fresh.put(why as usize);
                        fresh.end_record();
                        last = i;
                        if support.is_empty() {
                            support.resize(self.misreadings.len(), 0);
                        }
                        support[order] += a.cand.span.len() as i64;
                    }
                    Judgement::Doubt(why) => {
                        if doubts.is_some() {
                            pending_doubts.push(&a.entry(order, 0, why));
                        }
                    }
                }
            }
            // A line is usually misread one way: each repair gains from the bytes
            // its misreading repairs elsewhere on the line.
            let score = |e: &Entry| e.score + 10 * (support[e.order] - e.span.len() as i64);
            let accepted = || accepted(&judged, &fresh, order);
            if merge_changes(&best, accepted(), score) {
                merge_best(&best, accepted(), score, &mut merged);
                std::mem::swap(&mut best, &mut merged);
            }
            // The whole line repaired exactly by one misreading of UTF-8: the
            // less common misreadings after it cannot do better.
            let all_accepted = fresh.len() == count;
            if consistent && all_accepted && m.written == Codec::Utf8 && !m.read.is_single_byte() {
                break;
            }
        }
        // The misreadings' buffers go before the choice makes its own.
        drop(judged);
        drop(fresh);
        drop(merged);
        let mut taken = BitSet::new(if best.is_empty() { 0 } else { text.len() });
        let chosen = choose(
            &best,
            |e| e.score + 10 * (support[e.order] - e.span.len() as i64),
            &mut taken,
        );
        if let Some(doubts) = doubts {
            let mut pending: Vec<Entry<'_>> = pending_doubts
                .iter()
                .filter(|d| taken.is_free(&d.span))
                .collect();
            // One doubt a span, the most common misreading's: the sort is stable.
            pending.sort_by_key(|d| (d.span.start, d.span.end));
            pending.dedup_by(|a, b| a.span == b.span);
            doubts.extend(pending.into_iter().map(|d| {
                let m = self.misreadings[d.order];
                Doubt {
                    span: d.span.clone(),
                    chain: d.chain(m),
                    replacement: d.text.to_owned(),
                    reason: d.reason(m, &text[d.span.clone()]),
                }
            }));
        }
        Repairs { best, chosen }
    }

    /// A decoded span repaired again, for damage done more than once (`None`
    /// when there is nothing to repair).
    fn deeper(&self, decoded: &str, rounds: u8, outer: Codec) -> Option<Deeper> {
        let repairs = self.repair_with(decoded, rounds, Some(outer), None);
        if repairs.is_empty() {
            return None;
        }
        let mut text = String::with_capacity(decoded.len());
        let mut at = 0;
        let mut lost = 0;
        let mut markers = 0;
        for r in repairs.iter() {
            text.push_str(&decoded[at..r.span.start]);
            text.push_str(r.text);
            at = r.span.end;
            lost += r.all_lost();
            markers += r.all_markers();
        }
        text.push_str(&decoded[at..]);
        let mut chain = Vec::new();
        if let Some(r) = repairs.iter().max_by_key(|r| r.span.len()) {
            pack_chain(
                std::iter::once(self.misreadings[r.order]).chain(unpack_chain(r.inner)),
                &mut chain,
            );
        }
        Some(Deeper {
            text,
            chain,
            lost,
            markers,
        })
    }
}

/// The lines of `text`, each with its `\n`: `split_inclusive('\n')` with the
/// memchr crate's vectorized search (on clean text the lines cost little else).
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|at| at + 1)
        .chain((!text.ends_with('\n')).then_some(text.len()))
        .map(move |end| {
            let line = start..end;
            start = end;
            line
        })
}

/// Writes `judged`'s record of a candidate not rejected, its decoded text, and
/// what the first pass made of it: read back by [`assessed`].
fn assess(
    judged: &mut Packed,
    cand: &Candidate,
    decoded: &str,
    g: i32,
    deeper: Option<Deeper>,
    verdict: Judgement,
) {
    judged.put_span(&cand.span);
    judged.put_text(decoded);
    // The counts that are mostly 0, and what another round made of the text,
    // follow only where there is something.
    judged.put(
        cand.exact << 4
            | usize::from(deeper.is_some()) << 3
            | usize::from(cand.markers > 0) << 2
            | usize::from(cand.lost > 0) << 1
            | usize::from(cand.restored_nbsp),
    );
    if cand.lost > 0 {
        judged.put(cand.lost);
    }
    if cand.markers > 0 {
        judged.put(cand.markers);
    }
    judged.put_int(g.into());
    match verdict {
        Judgement::Accept(score, why) => {
            judged.put(1 | (why as usize) << 2);
            judged.put_int(score);
        }
        Judgement::Doubt(why) => judged.put(2 | (why as usize) << 2),
        Judgement::Undecided | Judgement::Reject => judged.put(0),
    }
    if let Some(d) = deeper {
        judged.put_bytes(&d.chain);
        judged.put_text(&d.text);
        judged.put(d.lost);
        judged.put(d.markers);
    }
    judged.end_record();
}

/// A candidate with what the first pass over a misreading's candidates made of
/// it.
struct Assessed<'a> {
    cand: Candidate,
    decoded: &'a str,
    /// What the span would be repaired to: `decoded`, or what another round
    /// made of it.
    repaired: &'a str,
    g: i32,
    /// The judgement without the line's context: `Undecided` if it needs it.
    verdict: Judgement,
    /// What another round undid (see [`Entry::inner`]).
    inner: &'a [u8],
    inner_lost: usize,
    inner_markers: usize,
}

impl<'a> Assessed<'a> {
    fn entry(&self, order: usize, score: i64, why: Why) -> Entry<'a> {
        Entry {
            span: self.cand.span.clone(),
            text: self.repaired,
            score,
            order,
            exact: self.cand.exact,
            lost: self.cand.lost,
            markers: self.cand.markers,
            restored_nbsp: self.cand.restored_nbsp,
            why,
            inner: self.inner,
            inner_lost: self.inner_lost,
            inner_markers: self.inner_markers,
        }
    }
}

/// The candidates [`assess`] wrote to `judged`, in order.
fn assessed(judged: &Packed) -> impl Iterator<Item = Assessed<'_>> {
    let mut r = judged.reader();
    (0..judged.len()).map(move |_| {
        let span = r.get_span();
        let decoded = r.get_text();
        let counts = r.get();
        let lost = if counts & 2 != 0 { r.get() } else { 0 };
        let markers = if counts & 4 != 0 { r.get() } else { 0 };
        let cand = Candidate {
            span,
            exact: counts >> 4,
            lost,
            markers,
            restored_nbsp: counts & 1 != 0,
        };
        let g = r.get_int() as i32;
        let verdict = match r.get() {
            0 => Judgement::Undecided,
            v if v & 3 == 1 => Judgement::Accept(r.get_int(), Why::ALL[v >> 2]),
            v => Judgement::Doubt(Why::ALL[v >> 2]),
        };
        let (inner, repaired, inner_lost, inner_markers) = if counts & 8 != 0 {
            (r.get_bytes(), r.get_text(), r.get(), r.get())
        } else {
            (&[][..], decoded, 0, 0)
        };
        Assessed {
            cand,
            decoded,
            repaired,
            g,
            verdict,
            inner,
            inner_lost,
            inner_markers,
        }
    })
}

/// The repairs of misreading `order` that `fresh` lists (by candidate, with their
/// scores and reasons), in span order.
fn accepted<'a>(
    judged: &'a Packed,
    fresh: &'a Packed,
    order: usize,
) -> impl Iterator<Item = Entry<'a>> {
    let mut all = assessed(judged);
    let mut r = fresh.reader();
    (0..fresh.len()).map(move |k| {
        // The first candidate is `all`'s next; each later one, how far past
        // the one before.
        let skip = r.get() - usize::from(k > 0);
        let a = all.nth(skip).expect("fresh lists judged candidates");
        let score = r.get_int();
        let why = Why::ALL[r.get()];
        a.entry(order, score, why)
    })
}

/// Whether merging a misreading's `fresh` repairs (in span order) into `best`
/// changes it: a new span, or a higher `score` for one (`best`'s come from
/// earlier misreadings, so they win ties). Most do not, where several
/// misreadings read the same bytes the same way (Latin-1, Windows-1252).
fn merge_changes<'a>(
    best: &Entries,
    fresh: impl Iterator<Item = Entry<'a>>,
    score: impl Fn(&Entry) -> i64,
) -> bool {
    let mut old = best.iter().peekable();
    for new in fresh {
        let key = (new.span.start, new.span.end);
        while old.next_if(|o| (o.span.start, o.span.end) < key).is_some() {}
        match old.next_if(|o| o.span == new.span) {
            Some(o) if score(&o) >= score(&new) => {}
            _ => return true,
        }
    }
    false
}

/// `best` and a misreading's `fresh` repairs (both in span order) merged into
/// `out` in span order, keeping of two repairs of the same span the one ranked
/// first by `score` (`best`'s on ties).
fn merge_best<'a>(
    best: &Entries,
    fresh: impl Iterator<Item = Entry<'a>>,
    score: impl Fn(&Entry) -> i64,
    out: &mut Entries,
) {
    out.clear();
    let mut old = best.iter().peekable();
    let mut last = None;
    for new in fresh {
        let key = (new.span.start, new.span.end);
        debug_assert!(last < Some(key), "a misreading's repairs are in span order");
        last = Some(key);
        while let Some(o) = old.next_if(|o| (o.span.start, o.span.end) < key) {
            out.push(&o);
        }
        match old.next_if(|o| o.span == new.span) {
            Some(o) if score(&o) >= score(&new) => out.push(&o),
            _ => out.push(&new),
        }
    }
    for o in old {
        out.push(&o);
    }
}

/// Chooses from `best` (in span order) the repairs that do not overlap a
/// better-ranked one: their positions in `best`. Their bytes are marked in
/// `taken`. The best rank goes to the highest `score`, then to the longer span,
/// then to the more common misreading, then to the earlier span. Only repairs
/// that overlap compete, so the ranking is settled within each run of
/// overlapping ones: no sort of the whole line.
fn choose(best: &Entries, score: impl Fn(&Entry) -> i64, taken: &mut BitSet) -> BitSet {
    let mut chosen = BitSet::new(best.0.len());
    // A run of overlapping repairs, with their positions.
    let mut group: Vec<(usize, Entry<'_>)> = Vec::new();
    let mut settle = |group: &mut Vec<(usize, Entry<'_>)>, taken: &mut BitSet| {
        if group.len() > 1 {
            group.sort_unstable_by_key(|(_, e)| {
                (
                    std::cmp::Reverse(score(e)),
                    std::cmp::Reverse(e.span.len()),
                    e.order,
                    e.span.start,
                )
            });
        }
        for (i, e) in group.drain(..) {
            if taken.is_free(&e.span) {
                taken.insert(&e.span);
                chosen.insert(&(i..i + 1));
            }
        }
    };
    let mut end = 0;
    for (i, e) in best.iter().enumerate() {
        if !group.is_empty() && e.span.start >= end {
            settle(&mut group, taken);
        }
        end = if group.is_empty() {
            e.span.end
        } else {
            end.max(e.span.end)
        };
        group.push((i, e));
    }
    settle(&mut group, taken);
    chosen
}

/// How many bytes of `bytes` begin a multi-byte UTF-8 sequence. In chunks
/// of byte-sized counts, which the compiler vectorizes: a candidate can be a
/// whole long line.
fn count_leads(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let n: u8 = chunk.iter().map(|&b| u8::from(b >= 0xC0)).sum();
            usize::from(n)
        })
        .sum()
}

/// Whether decoded text still holds characters mojibake is made of: worth
/// another round.
fn looks_broken(decoded: &str) -> bool {
    let classifier = chars::Classifier::get();
    let bytes = decoded.as_bytes();
    let mut at = 0;
    // By hand rather than with `chars()`: ASCII and U+FFFD (lost bytes, which
    // come in long runs) are passed over without decoding or a lookup.
    while at < bytes.len() {
        if bytes[at].is_ascii() {
            at += 1;
            continue;
        }
        if bytes[at..].starts_with(scan::REPLACEMENT) {
            at += scan::REPLACEMENT.len();
            continue;
        }
        let (c, width) = scan::char_at(bytes, at);
        if broken_class(classifier.class(c)) {
            return true;
        }
        at += width;
    }
    false
}

/// The classes of non-ASCII characters that make decoded text look broken.
#[inline]
fn broken_class(class: Class) -> bool {
    matches!(
        class,
        Class::RareHan
            | Class::HalfwidthKana
            | Class::RareHangul
            | Class::LatinUpper
            | Class::LatinLower
            | Class::Letter
            | Class::Symbol
            | Class::Control
            | Class::Private
    )
}

/// A set of offsets, one bit each: the bytes of a line that chosen repairs
/// cover, or the entries of a list that were chosen. Overlap checks cost a word
/// per 64 bytes of span, whatever the number of repairs (a line can have
/// hundreds of thousands). Hand-written: no bit-set crate is a dependency, and
/// this needs few operations.
#[derive(Debug)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(len: usize) -> BitSet {
        BitSet(vec![0; len.div_ceil(64)])
    }

    /// The words a non-empty span touches, each with the mask of its bits there.
    fn words(span: &Range<usize>) -> impl Iterator<Item = (usize, u64)> {
        let (first, last) = (span.start / 64, (span.end - 1) / 64);
        (first..=last).map(move |w| {
            let from = if w == first { span.start % 64 } else { 0 };
            let to = if w == last { (span.end - 1) % 64 } else { 63 };
            (w, (u64::MAX >> (63 - to)) & (u64::MAX << from))
        })
    }

    fn contains(&self, at: usize) -> bool {
        self.0
            .get(at / 64)
            .is_some_and(|&bits| bits & (1 << (at % 64)) != 0)
    }

    /// Whether no offset of `span` is in the set.
    fn is_free(&self, span: &Range<usize>) -> bool {
        span.is_empty()
            || BitSet::words(span)
                .all(|(w, mask)| self.0.get(w).is_none_or(|&bits| bits & mask == 0))
    }

    fn insert(&mut self, span: &Range<usize>) {
        if span.is_empty() {
            return;
        }
        for (w, mask) in BitSet::words(span) {
            self.0[w] |= mask;
        }
    }
}

/// What a line holds: which misreadings can apply, and where. This is the fast
/// path that keeps clean text cheap: one pass with table lookups.
struct Profile {
    non_ascii: usize,
    /// Single-byte codecs (by [`Codec::ALL`] index) for which some character is a
    /// UTF-8 lead byte followed by a continuation byte (or by a space, `?` or
    /// U+FFFD that may stand for one).
    single_byte: u32,
    /// Byte ranges worth a scan by the CJK misreadings: around rare characters
    /// that come in clusters (mojibake is dense in them, clean text is not), and
    /// around CJK glued to a Latin word.
    windows: Vec<Range<usize>>,
    c1: bool,
    /// Four Latin-1-high characters in a row: what legacy bytes read as Latin-1 give.
    soup: bool,
    /// The [`flag::live`] bits of the line's characters, together.
    live: u8,
    /// Runs of characters a single-byte codec can have produced, when needed:
    /// packed, as a line can have one every few bytes (`中Ã©文Ã`).
    islands: Packed,
}

/// How far (in characters) around a trigger the CJK scans look.
const WINDOW: usize = 8;

impl Profile {
    fn of(text: &str) -> Option<Profile> {
        let pairs = chars::lead_continuation();
        let flags = chars::line_flags();
        let windows_1252 = Codec::Windows1252.table();
        let ends_in_double_byte = scan::ends_in_double_byte();
        let mut p = Profile {
            non_ascii: 0,
            single_byte: 0,
            windows: Vec::new(),
            c1: false,
            soup: false,
            live: 0,
            islands: Packed::default(),
        };
        let mut last_marker: Option<(usize, usize)> = None;
        let mut markers = 0;
        let mut replacements = 0;
        // Whether the line is dense in markers whatever its rest holds (each
        // character left is at least two bytes): it is scanned whole, and its
        // windows need not be kept.
        let mut whole_line = false;
        // The previous character, where it is, its flags (0 for ASCII) and the
        // codecs for which it is a UTF-8 lead byte.
        let mut prev = '\0';
        let mut prev_at = 0;
        let mut prev_flags = 0;
        let mut prev_lead = 0;
        // Length of the current run of Latin-1-high characters.
        let mut high_run = 0usize;
        let bytes = text.as_bytes();
        let mut at = 0;
        // Index of the current character.
        let mut i = 0;
        // Moves past a run of CJK text (a `CjkRun`): its characters only
        // count, and the last is `prev`.
        macro_rules! pass_run {
            ($run:expr) => {
                let run: CjkRun = $run;
                markers += run.markers;
                replacements += run.replacements;
                p.live |= run.flags;
                if run.chars() > 0 {
                    at += run.bytes();
                    p.non_ascii += run.three_byte;
                    i += run.chars();
                    high_run = 0;
                    if bytes[at - 1].is_ascii() {
                        prev_at = at - 1;
                        prev = char::from(bytes[prev_at]);
                        prev_flags = 0;
                    } else {
                        prev_at = at - 3;
                        let index = chars::LineFlags::three_byte_index(
                            bytes[at - 3],
                            bytes[at - 2],
                            bytes[at - 1],
                        );
                        prev = chars::LineFlags::char_at(index);
                        prev_flags = flags.at_index(index);
                    }
                }
            };
        }
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii() {
                let c = char::from(b);
                if prev_lead != 0 {
                    p.single_byte |= pairs.pair(prev, c);
                }
                // CJK glued to a Latin word after it, where it can end a
                // sequence: `莽ais`.
                if c.is_ascii_alphabetic()
                    && prev_flags & flag::CJK != 0
                    && !whole_line
                    && ends_in_double_byte.contains_char(prev)
                {
                    add_window(&mut p.windows, text, prev_at, prev_at);
                }
                // An ASCII trail byte of a double-byte character (`Ã¼Ãa`) does
                // not end a run of soup.
                if !(high_run > 0 && (0x40..=0x7E).contains(&b) && !prev.is_ascii()) {
                    high_run = 0;
                }
                prev = c;
                prev_at = at;
                prev_flags = 0;
                prev_lead = 0;
                at += 1;
                i += 1;
                // The rest of an ASCII run only moves on: an ASCII character is
                // no codec's lead byte, and two in a row end any run of soup.
                let run = bytes[at..]
                    .iter()
                    .position(|b| !b.is_ascii())
                    .unwrap_or(bytes.len() - at);
                if run > 0 {
                    high_run = 0;
                    prev = char::from(bytes[at + run - 1]);
                    prev_at = at + run - 1;
                    at += run;
                    i += run;
                }
                // Then CJK text not glued to a Latin word: a plain run goes on
                // as it would after the general loop took its first character
                // (text with ASCII punctuation comes back here every few
                // characters).
                let cjk_next = bytes.get(at).is_some_and(|b| b & 0xF0 == 0xE0);
                if cjk_next && !prev.is_ascii_alphabetic() && !whole_line {
                    pass_run!(cjk_run::<false>(&bytes[at..], flags));
                }
                continue;
            }
            let (c, width) = scan::char_at(bytes, at);
            let f = flags.of(c);
            p.live |= f;
            if prev_lead != 0 {
                p.single_byte |= pairs.pair(prev, c);
            }
            p.non_ascii += 1;
            if f & flag::LATIN != 0 {
                let cp = c as u32;
                p.c1 |= (0x80..=0x9F).contains(&cp);
                // What Latin-1 or Windows-1252 make of a high byte.
                let high = (0x80..=0xFF).contains(&cp)
                    || (matches!(cp, 0x152..=0x2122) && windows_1252.byte_of(c).is_some());
                high_run = if high { high_run + 1 } else { 0 };
                // Legacy soup worth a scan: two CJK characters' worth of bytes in
                // a row (a shorter run is repaired only with support from a
                // longer one).
                p.soup |= high_run >= 4;
            } else {
                high_run = 0;
            }
            if f & flag::MARKER != 0 {
                markers += 1;
                replacements += usize::from(c == '\u{FFFD}');
                whole_line |= markers * 10 >= p.non_ascii + (bytes.len() - at) / 2;
                if let Some((_, lat)) = last_marker.filter(|&(l, _)| i - l <= 4 && !whole_line) {
                    add_window(&mut p.windows, text, lat, at);
                }
                last_marker = Some((i, at));
            }
            // CJK glued to a Latin word before it, where it can begin a
            // sequence: `fran莽`.
            if f & flag::CJK != 0
                && f & flag::LIVE_DOUBLE_BYTE != 0
                && prev.is_ascii_alphabetic()
                && !whole_line
            {
                add_window(&mut p.windows, text, at, at);
            }
            prev = c;
            prev_at = at;
            prev_flags = f;
            prev_lead = if f & flag::LATIN != 0 {
                pairs.lead(c)
            } else {
                0
            };
            at += width;
            i += 1;
            if c == '\u{FFFD}' {
                // The rest of a run of U+FFFD at once: markers each within reach
                // of the one before, whose windows make one.
                let more = bytes[at..]
                    .chunks_exact(3)
                    .take_while(|ch| *ch == scan::REPLACEMENT)
                    .count();
                if more > 0 {
                    let last_at = at + 3 * (more - 1);
                    if !whole_line {
                        add_window(&mut p.windows, text, prev_at, last_at);
                    }
                    markers += more;
                    replacements += more;
                    p.non_ascii += more;
                    i += more;
                    last_marker = Some((i - 1, last_at));
                    prev_at = last_at;
                    at = last_at + 3;
                }
                continue;
            }
            if prev_lead != 0 {
                continue;
            }
            // Then a run of three-byte characters that are neither markers nor
            // single-byte codecs' (the bulk of CJK text) only moves on and
            // counts: none is glued to ASCII or a lead byte's continuation.
            // On a line dense in markers, markers need no window: they too only
            // move on, and count.
            pass_run!(if whole_line {
                cjk_run::<true>(&bytes[at..], flags)
            } else {
                cjk_run::<false>(&bytes[at..], flags)
            });
        }
        // Nothing but ASCII and U+FFFD (what runs of `锟斤拷` are repaired to):
        // every scan decodes it to itself, and no misreading has anything to do.
        if p.non_ascii == replacements {
            return None;
        }
        if p.single_byte != 0 || p.soup || p.c1 {
            for island in islands(text) {
                p.islands.put_span(&island);
                p.islands
                    .put(island_leads(&text[island.clone()], pairs) as usize);
                p.islands.end_record();
            }
        }
        // A short string with any rare character is scanned whole (titles), and
        // so is a line dense in them (clean Chinese has ~1%, mojibake most).
        if markers > 0 && (p.non_ascii <= 2 * WINDOW || markers * 10 >= p.non_ascii) {
            p.windows.clear();
            p.windows.push(0..text.len());
            return Some(p);
        }
        // The windows that meet are one (the triggers came almost in order).
        p.windows.sort_unstable_by_key(|w| w.start);
        p.windows.dedup_by(|next, w| {
            let meet = next.start <= w.end;
            if meet {
                w.end = w.end.max(next.end);
            }
            meet
        });
        Some(p)
    }

    /// The islands, in order.
    fn islands(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.islands_with_leads().map(|(span, _)| span)
    }

    /// The islands, in order, each with [`island_leads`] of it.
    fn islands_with_leads(&self) -> impl Iterator<Item = (Range<usize>, u32)> + '_ {
        let mut r = self.islands.reader();
        (0..self.islands.len()).map(move |_| {
            let span = r.get_span();
            (span, r.get() as u32)
        })
    }

    /// Whether some misreading can be [`Profile::relevant`].
    fn any_relevant(&self) -> bool {
        self.single_byte != 0 || self.c1 || self.soup || !self.windows.is_empty()
    }

    fn relevant(&self, m: Misreading) -> bool {
        match (m.written, m.read) {
            (Codec::Windows1252, Codec::Latin1) => self.c1,
            (Codec::Utf8, read) if read.is_single_byte() => {
                self.single_byte & (1 << read.index()) != 0
            }
            (_, read) if read.reads_as_soup() => self.soup,
            // Without a character that can take part in a sequence, every span
            // the scan finds decodes to itself: such a line repaired, where
            // lost bytes left a U+FFFD every few characters, among them.
            (Codec::Utf8, read) => !self.windows.is_empty() && self.live & flag::live(read) != 0,
            _ => !self.windows.is_empty(),
        }
    }
}

/// Adds to `windows` the window of a trigger at bytes `a` to `b`: WINDOW
/// characters either way, counted in bytes of at most 4 each. It joins the last
/// window where they meet, so that a line dense in triggers keeps few windows;
/// [`Profile::of`] joins the rest.
fn add_window(windows: &mut Vec<Range<usize>>, text: &str, a: usize, b: usize) {
    let reach = 4 * WINDOW;
    let from = floor_boundary(text, a.saturating_sub(reach));
    let to = ceil_boundary(text, (b + reach).min(text.len()));
    match windows.last_mut() {
        Some(w) if from <= w.end && w.start <= to => {
            w.start = w.start.min(from);
            w.end = w.end.max(to);
        }
        _ => windows.push(from..to),
    }
}

/// A run of CJK text: three-byte characters that are not single-byte codecs'
/// (the bulk of CJK text) and the ASCII between them other than letters
/// (digits, spaces, punctuation). None is glued to a Latin word or follows a
/// lead byte, and none but markers can start a window.
struct CjkRun {
    /// Its three-byte characters, and its ASCII.
    three_byte: usize,
    ascii: usize,
    /// The flags of its three-byte characters, together.
    flags: u8,
    markers: usize,
    replacements: usize,
}

impl CjkRun {
    fn chars(&self) -> usize {
        self.three_byte + self.ascii
    }

    fn bytes(&self) -> usize {
        3 * self.three_byte + self.ascii
    }
}

/// The run `bytes` starts with, up to the first marker unless `WITH_MARKERS`
/// (on a line known to be scanned whole, where markers start no window). It
/// starts with a three-byte character, or is empty: after one that is not, an
/// ASCII character can matter (a trail byte that does not end a run of soup).
/// Its own function, so that the loop keeps its few variables in registers.
#[inline(never)]
fn cjk_run<const WITH_MARKERS: bool>(bytes: &[u8], flags: &chars::LineFlags) -> CjkRun {
    let stop = if WITH_MARKERS {
        flag::LATIN
    } else {
        flag::LATIN | flag::MARKER
    };
    // Locals, not the result's fields, so that they stay in registers; only
    // the ASCII is counted as it goes, the three-byte characters are the rest
    // of the bytes.
    let (mut seen, mut markers, mut replacements, mut ascii) = (0, 0, 0, 0);
    let mut rest = bytes;
    loop {
        match *rest {
            [b0, b1, b2, ref tail @ ..] if b0 & 0xF0 == 0xE0 => {
                let at = chars::LineFlags::three_byte_index(b0, b1, b2);
                let f = flags.at_index(at);
                // (On a line scanned whole, the marks can as well stop the run.)
                if f & stop != 0
                    && (WITH_MARKERS
                        || f & flag::MARKER != 0
                        || rest.len() == bytes.len()
                        || !lone_mark(at, tail))
                {
                    break;
                }
                seen |= f;
                if WITH_MARKERS {
                    markers += usize::from(f & flag::MARKER != 0);
                    replacements += usize::from(at == chars::LineFlags::REPLACEMENT_INDEX);
                }
                rest = tail;
            }
            [b, ref tail @ ..]
                if b.is_ascii() && !b.is_ascii_alphabetic() && rest.len() < bytes.len() =>
            {
                ascii += 1;
                rest = tail;
            }
            _ => break,
        }
    }
    CjkRun {
        three_byte: (bytes.len() - rest.len() - ascii) / 3,
        ascii,
        flags: seen,
        markers,
        replacements,
    }
}

/// Whether the three-byte character at flag index `at`, not a marker, in a run
/// and followed by `tail`, is a dash or quotation mark of windows-1252's (`“`,
/// `—`, U+2013 to U+2026) before a plain three-byte character with which it
/// makes no lead and continuation byte (`“` is a lead byte in MacRoman). Chinese
/// text has them every few sentences; one high character alone starts no run
/// of soup, so the profile pass would only count such a mark (and its flags,
/// for `Profile::live`).
#[inline]
fn lone_mark(at: u16, tail: &[u8]) -> bool {
    let flags = chars::line_flags();
    if !(0x2013..=0x2026).contains(&chars::LineFlags::code_point_at(at)) {
        return false;
    }
    let [c0, c1, c2, ..] = *tail else {
        return false;
    };
    let next = chars::LineFlags::three_byte_index(c0, c1, c2);
    c0 & 0xF0 == 0xE0
        && flags.at_index(next) & (flag::LATIN | flag::MARKER) == 0
        && chars::lead_continuation().pair(
            chars::LineFlags::char_at(at),
            chars::LineFlags::char_at(next),
        ) == 0
}

/// The largest character boundary of `text` at or below `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest character boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Which candidates a scan reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// Every one: the judge's doubts are reported too.
    All,
    /// Those the judge can accept; a scan may leave out others.
    Acceptable,
}

/// Candidates of misreading `m` in `text`. Single-byte codecs cannot have produced
/// CJK characters, so their scans skip over CJK runs: clean Chinese costs a lookup
/// a character, not a decode.
fn scan_for(
    text: &str,
    m: Misreading,
    profile: &Profile,
    wanted: Wanted,
    scratch: &mut Scratch,
    report: &mut impl FnMut(Candidate, &str),
) {
    match (m.written, m.read) {
        (Codec::Utf8, read) if read.is_single_byte() => {
            let bit = 1 << read.index();
            for (r, leads) in profile.islands_with_leads() {
                // No sequence can start and complete in this island: the scan
                // would find nothing (a line can have an island every few bytes).
                if leads & bit == 0 {
                    continue;
                }
                scan::scan_utf8(&text[r.clone()], read, scratch, &mut from(r.start, report));
            }
        }
        (Codec::Windows1252, Codec::Latin1) => c1_controls(text, report),
        // The re-read characters can lie outside the islands (`ﹺ`, from `ï¹º`);
        // the scan itself stops at CJK text.
        (written, Codec::Iso8859_15Refixed) => scan::scan_legacy(
            text,
            written,
            Codec::Iso8859_15Refixed,
            false,
            scratch,
            report,
        ),
        (written, read) if read.reads_as_soup() => {
            for r in profile.islands() {
                scan::scan_legacy(
                    &text[r.clone()],
                    written,
                    read,
                    false,
                    scratch,
                    &mut from(r.start, report),
                );
            }
        }
        (written, read) => {
            // Between two double-byte codecs the judge accepts only runs rare
            // enough (see `judge`); most runs of clean CJK text are not.
            let rare_runs_only = wanted == Wanted::Acceptable;
            for w in &profile.windows {
                let window = &text[w.clone()];
                let report = &mut from(w.start, report);
                if written == Codec::Utf8 {
                    scan::scan_utf8(window, read, scratch, report);
                } else {
                    scan::scan_legacy(window, written, read, rare_runs_only, scratch, report);
                }
            }
        }
    }
}

/// `report` for a scan of the part of the line from byte `start` on: its spans
/// are moved into the line.
fn from<F: FnMut(Candidate, &str)>(start: usize, report: &mut F) -> impl FnMut(Candidate, &str) {
    move |mut c, decoded| {
        c.span = c.span.start + start..c.span.end + start;
        report(c, decoded);
    }
}

/// Whether `c` is a character that a UTF-8 continuation byte gives in a Western,
/// Central European, Cyrillic, Greek, Turkish or Baltic codepage, and that does
/// not usually stand for itself next to mojibake (spaces, dashes, quotes and
/// ellipses do).
fn continuation_like(c: char) -> bool {
    use Codec::*;
    if matches!(
        c,
        '\u{A0}' | '–' | '—' | '―' | '‘' | '’' | '‚' | '“' | '”' | '„' | '…'
    ) {
        return false;
    }
    [
        Latin1,
        Windows1252,
        Windows1250,
        Windows1251,
        Windows1253,
        Windows1254,
        Windows1257,
    ]
    .iter()
    .any(|k| matches!(k.table().byte_of(c), Some(0x80..=0xBF)))
}

/// The single-byte codecs (bits by [`Codec::ALL`] index) in which a UTF-8 scan
/// of `island` can find something: those with a lead byte before its last
/// character, and all of them if it holds U+FFFD (a lost byte the scan takes on
/// its own). Elsewhere no sequence both starts and completes.
fn island_leads(island: &str, pairs: &chars::LeadContinuation) -> u32 {
    let mut leads = 0;
    let mut chars = island.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{FFFD}' {
            return u32::MAX;
        }
        if chars.peek().is_some() {
            leads |= pairs.lead(c);
        }
    }
    leads
}

/// The single-byte codecs that misread UTF-8 rarely: the judge asks more of
/// them.
fn rare_single_byte(read: Codec) -> bool {
    matches!(read, Codec::MacRoman | Codec::Cp437)
}

/// Whether single-byte codecs `a` and `b` read UTF-8 alike in `text`: every
/// character of its islands (the rest is in neither) has the same byte in both,
/// or none in both, the judge asks the same of both, and both read the byte
/// 0xA0 as a no-break space or neither does (see `scan_utf8`). What either
/// makes of the bytes is then the same text.
fn reads_alike(text: &str, profile: &Profile, a: Codec, b: Codec) -> bool {
    let (ta, tb) = (a.table(), b.table());
    let nbsp = |t: &codec::Table| t.char_of(0xA0) == Some('\u{A0}');
    rare_single_byte(a) == rare_single_byte(b)
        && nbsp(ta) == nbsp(tb)
        && profile.islands().all(|r| {
            text[r]
                .chars()
                .all(|c| c.is_ascii() || ta.bytes_of(c) == tb.bytes_of(c))
        })
}

/// Maximal runs of characters a single-byte codec can have produced.
fn islands(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let single =
        |c: char| (c as u32) < 0x3000 || matches!(c as u32, 0xFFFD | 0xF8FF | 0xFB01 | 0xFB02);
    let mut rest = 0;
    std::iter::from_fn(move || {
        let tail = &text[rest..];
        let skip = tail.find(single)?;
        let start = rest + skip;
        let len = text[start..]
            .find(|c| !single(c))
            .unwrap_or(text.len() - start);
        rest = start + len;
        Some(start..start + len)
    })
}

/// C1 controls that Windows-1252 gives meaning to (`\x85` for `…`).
fn c1_controls(text: &str, report: &mut impl FnMut(Candidate, &str)) {
    for (at, c) in text.char_indices() {
        if ('\u{80}'..='\u{9F}').contains(&c) {
            let decoded = Codec::Windows1252.decode(&[c as u8]);
            if !decoded.chars().all(|d| ('\u{80}'..='\u{9F}').contains(&d)) {
                let cand = Candidate {
                    span: at..at + c.len_utf8(),
                    exact: 1,
                    lost: 0,
                    markers: 0,
                    restored_nbsp: false,
                };
                report(cand, &decoded);
            }
        }
    }
}

/// The first pass over a misreading's candidates, as the scan finds them: what
/// they say together, and each one judged as far as it can be on its own. Only
/// those not rejected yet are kept, in `judged` (see [`assess`]): most of a
/// line of clean text is rejected here.
struct FirstPass<'a> {
    fixer: &'a Fixer,
    text: &'a str,
    m: Misreading,
    rounds: u8,
    judged: &'a mut Packed,
    /// Non-ASCII characters in candidates, counted by their first bytes.
    covered: usize,
    /// What the line's candidates say, but for what needs the whole line.
    context: Context,
    /// Between two double-byte codecs: the line has a run the judge takes on
    /// its own, and is read again whole (see `Fixer::repair_with`).
    anchored: bool,
}

impl<'a> FirstPass<'a> {
    fn new(
        fixer: &'a Fixer,
        text: &'a str,
        m: Misreading,
        rounds: u8,
        judged: &'a mut Packed,
    ) -> Self {
        FirstPass {
            fixer,
            text,
            m,
            rounds,
            judged,
            covered: 0,
            context: Context {
                consistent: false,
                line_bad: false,
                line_gain: 0,
                all_gain: true,
                all_plausible: true,
                count: 0,
                line_exact: 0,
                anchor: false,
                soup_common: 0,
                soup_second: 0,
                soup_pair: false,
                soup_hangul_rows: true,
                legacy_anchor: false,
            },
            anchored: false,
        }
    }

    /// One candidate, with the text its bytes decode to. Not inlined into the
    /// scans: they report candidates from several places.
    #[inline(never)]
    fn take(&mut self, cand: Candidate, decoded: &str) {
        let (text, m, ctx) = (self.text, self.m, &mut self.context);
        self.covered += count_leads(&text.as_bytes()[cand.span.clone()]);
        // For legacy soup (only: the judge asks nothing of the others): does
        // every candidate read as the written codec's text, and is one of them
        // long enough to stand on its own?
        if m.read.reads_as_soup() {
            if ctx.soup_hangul_rows && Codec::DOUBLE_BYTE.contains(&m.written) {
                ctx.soup_hangul_rows = original_lead_rows(decoded, m.written);
            }
            match soup_letters(m.written, decoded) {
                // Soup whose bytes are also UTF-8 letters (`Ã¼`, ü) is no
                // evidence for the legacy codec.
                // (Not asked of soup inside other garble, which is rejected
                // whatever it is: twice-damaged text is full of it.)
                Some(_)
                    if Codec::DOUBLE_BYTE.contains(&m.written)
                        && !glued_to_other_text(text, &cand.span)
                        && utf8_letters(m.read, &text[cand.span.clone()]).any() => {}
                Some(n) => {
                    ctx.anchor |= n.common >= 4 && (m.written != Codec::Windows1251 || n.word);
                    ctx.soup_common += n.common;
                    ctx.soup_pair |= n.common >= 2;
                    ctx.soup_second += n.second + 2 * n.rare;
                }
                None => ctx.all_plausible = false,
            }
        }
        ctx.line_exact += cand.exact;
        ctx.count += 1;
        // Soup glued to other text is rejected whatever it decodes to (see
        // `judge`), and the line's context asks nothing of soup's gains: no
        // need to measure them. Twice-damaged text is full of such runs.
        if judged_as_soup(m) && glued_to_other_text(text, &cand.span) {
            return;
        }
        let measured = gain(text, &cand.span, decoded, m);
        // Another round only where the decoded text still looks broken.
        let deeper = if self.rounds > 1 && m.written == Codec::Utf8 && measured.looks_broken {
            self.fixer.deeper(decoded, self.rounds - 1, m.read)
        } else {
            None
        };
        let repaired = deeper.as_ref().map_or(decoded, |d| d.text.as_str());
        let Measured {
            gain: g,
            costs,
            traits,
            ..
        } = match deeper {
            Some(ref d) => gain(text, &cand.span, &d.text, m),
            None => measured,
        };
        ctx.line_gain += g;
        ctx.all_gain &= g > 0;
        let verdict = judge(text, m, &cand, (repaired, costs, traits), g, self.anchored);
        ctx.legacy_anchor |= matches!(verdict, Judgement::Accept(..));
        if verdict != Judgement::Reject {
            assess(self.judged, &cand, decoded, g, deeper, verdict);
        }
    }

    /// What the line's candidates say, on a line of `non_ascii` non-ASCII
    /// characters.
    fn context(self, non_ascii: usize) -> Context {
        let (text, m) = (self.text, self.m);
        let consistent = self.covered == non_ascii;
        let line_bad = consistent
            && m.written == Codec::Utf8
            && m.read.is_single_byte()
            && (badness::is_bad(text) || badness::in_word_sequence(m.read, text));
        Context {
            consistent,
            line_bad,
            ..self.context
        }
    }
}

/// What the other candidates of the same misreading on the line say.
struct Context {
    /// Every non-ASCII character of the line is in a candidate.
    consistent: bool,
    /// The line is consistent and shows unlikely sequences somewhere.
    line_bad: bool,
    /// The summed gain of the line's candidates.
    line_gain: i32,
    /// Every candidate of the line gains.
    all_gain: bool,
    /// Legacy soup: every candidate decodes to plausible text of the codec.
    all_plausible: bool,
    /// Legacy soup: some candidate has at least four plausible letters (for
    /// Windows-1251, that read as a word: no case flips).
    anchor: bool,
    /// Legacy soup: the letters of the line's candidates that are common text
    /// of the written codec, and those only in its standard's second level
    /// (those beyond it count twice).
    soup_common: usize,
    soup_second: usize,
    /// Legacy soup: some candidate has two common letters or more (four
    /// letters in all, one run of two among them, anchor a line as one run of
    /// four does: `12ÔÂ11ÈÕÉÏÎç ¿ªÄ»Ê½`; runs of one alone do not, as UTF-8's
    /// Latin letters misread are such runs: `BÃ¼yÃ¼`).
    soup_pair: bool,
    /// Legacy soup of a double-byte codec: every candidate decodes to
    /// characters whose lead bytes fall in the rows EUC-KR gives Hangul (see
    /// [`original_lead_rows`]).
    soup_hangul_rows: bool,
    /// Between two double-byte codecs: some candidate is taken on its own.
    legacy_anchor: bool,
    /// How many candidates the line has.
    count: usize,
    /// How many characters the line's candidates decode exactly.
    line_exact: usize,
}

impl Context {
    /// Legacy soup of a CJK codec throughout the line: every non-ASCII
    /// character in a candidate, every candidate plausible text of the
    /// codec, enough of them (see `anchor` and `soup_pair`), and few
    /// characters outside the common level (real Chinese has ~1%).
    fn soup_supported(&self) -> bool {
        self.consistent
            && self.all_plausible
            && (self.anchor || (self.soup_common >= 4 && self.soup_pair))
            && self.soup_second * 5 <= self.soup_common
    }
}

/// What the judge makes of a candidate: accepted (with its score), doubted, or
/// rejected; or, judged on its own, that it needs the line's context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judgement {
    Accept(i64, Why),
    Doubt(Why),
    Reject,
    Undecided,
}

/// The characters around `span`, for judging it in context.
fn neighbours(text: &str, span: &Range<usize>) -> (Option<char>, Option<char>) {
    (
        text[..span.start].chars().next_back(),
        text[span.end..].chars().next(),
    )
}

/// Whether every Han character of `span` touches an ASCII letter, inside a
/// Latin word (`d茅bray茅`, débrayé read as GBK; `succ猫s`).
fn han_in_latin_words(text: &str, span: &Range<usize>) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let mut any = false;
    for (at, c) in text[span.clone()].char_indices() {
        if !class(c).is_han() {
            continue;
        }
        let at = span.start + at;
        let before = text[..at].chars().next_back();
        let after = text[at + c.len_utf8()..].chars().next();
        if !letter(before) && !letter(after) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether the non-ASCII characters of `repaired` are Latin letters: what a
/// Han character inside a Latin word stood for (`茅` is `é`; `DELETE句`, a
/// Japanese SQL clause, is not `DELETEϣ`).
fn latin_letters(repaired: &str) -> bool {
    repaired
        .chars()
        .filter(|c| !c.is_ascii())
        .all(|c| matches!(class(c), Class::LatinLower | Class::LatinUpper))
}

/// Whether `span` has ASCII letters right before and right after it.
fn sandwiched(text: &str, span: &Range<usize>) -> bool {
    let (before, after) = neighbours(text, span);
    before.is_some_and(|c| c.is_ascii_alphabetic())
        && after.is_some_and(|c| c.is_ascii_alphabetic())
}

/// How much more natural the repaired span is than the original, in context,
/// the costs of the two on their own (0 when they are the same text: the judge
/// rejects such a repair), and what else the judge and another round ask of
/// the repaired text, as far as misreading `m`'s do (see [`Measured`]).
fn gain(text: &str, span: &Range<usize>, repaired: &str, m: Misreading) -> Measured {
    let original = &text[span.clone()];
    // Only repairs of UTF-8 can go another round, and only CJK misreadings'
    // must be CJK text.
    let ask_broken = m.written == Codec::Utf8;
    let ask_cjk = ask_broken && !m.read.is_single_byte();
    let mut traits = Traits {
        unwanted: false,
        cjk_text: true,
    };
    // The same characters cost the same: no need to add them up (a lost byte
    // marked lost stays U+FFFD).
    if original == repaired {
        return Measured {
            gain: 0,
            costs: (0, 0),
            traits,
            looks_broken: ask_broken && looks_broken(repaired),
        };
    }
    let (before, after) = neighbours(text, span);
    let original_cost = Cost::of(original);
    // The judge's questions about the repaired text, and `looks_broken`'s, in
    // the pass that costs it (a line can be one span of megabytes): a loop for
    // each set of questions.
    let mut broken = false;
    let fixed = match (ask_cjk, ask_broken) {
        (true, _) => cost_and_traits::<true, true>(repaired, original, &mut traits, &mut broken),
        (false, true) => {
            cost_and_traits::<false, true>(repaired, original, &mut traits, &mut broken)
        }
        (false, false) => {
            cost_and_traits::<false, false>(repaired, original, &mut traits, &mut broken)
        }
    };
    let g = original_cost.between(before, after) - fixed.between(before, after);
    Measured {
        gain: g,
        costs: (original_cost.total, fixed.total),
        traits,
        looks_broken: broken,
    }
}

/// The cost of `repaired`, with its [`Traits`] (the CJK one only if `CJK`)
/// and, if `BROKEN`, whether it looks broken.
fn cost_and_traits<const CJK: bool, const BROKEN: bool>(
    repaired: &str,
    original: &str,
    traits: &mut Traits,
    broken: &mut bool,
) -> Cost {
    Cost::of_each(repaired, |c, class| {
        traits.unwanted |= unwanted(c, class) && !holds(original, c);
        if CJK {
            // Rare Han characters too: names and terms have them (`颜建晔`,
            // `辍学`); the cost weighs them.
            traits.cjk_text &= c.is_ascii()
                || c == '\u{FFFD}'
                || plain_letter_of(c, class)
                || class == Class::RareHan
                || cjk_symbol(c)
                || (c as u32) >= 0x1_F000;
        }
        if BROKEN {
            *broken |= !c.is_ascii() && c != '\u{FFFD}' && broken_class(class);
        }
    })
}

/// Whether `repaired` has a phonetic letter or modifier (IPA, U+0250 to
/// U+02FF, but the apostrophes `ʻ` `ʼ`, and rare combining marks) that
/// `original` has not: what a pair
/// of some other soup gives as UTF-8 (`Ê±` is `ʱ`, `Ë¹` is `˹`, in GBK read as
/// Windows-1252), seldom text. Unlikely sequences alone do not make such a
/// repair; a whole line consistent with the misreading does.
fn phonetic(repaired: &str, original: &str) -> bool {
    repaired.chars().any(|c| {
        // (With the combining marks text seldom has: overlays, arrows below,
        // from U+0334 on; decomposed text has the accents before them.)
        matches!(c as u32, 0x250..=0x2BA | 0x2BD..=0x2FF | 0x334..=0x36F) && !original.contains(c)
    })
}

/// Whether the line has, outside `span`, a Latin letter no Latin-1 or
/// Windows-1252 misreading gives (`ả`, `đ`, `ł`): text decoded right. A
/// no-break space restored there is the line's own letter and space
/// (Vietnamese `MÃ ` is not `Mà`).
fn clean_latin_beside(text: &str, span: &Range<usize>) -> bool {
    let latin_extended = |c: char| matches!(c as u32, 0x100..=0x24F | 0x1E00..=0x1EFF);
    text[..span.start].chars().any(latin_extended) || text[span.end..].chars().any(latin_extended)
}

/// Symbols CJK text uses as bullets, marks and frames (`□`, `★`, `①`, `→`,
/// `└─`): the national standards have them all.
fn cjk_symbol(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x21FF | 0x2460..=0x24FF | 0x2500..=0x27BF)
}

/// What [`gain`] finds of a repaired span.
struct Measured {
    /// How much more natural it is than the original, in context.
    gain: i32,
    /// The costs of the original and of the repaired text on their own.
    costs: (i32, i32),
    traits: Traits,
    /// [`looks_broken`] of the repaired text.
    looks_broken: bool,
}

/// Whether `text` holds `c`: out of the per-character loop that asks it of
/// the few characters it must.
#[cold]
#[inline(never)]
fn holds(text: &str, c: char) -> bool {
    text.contains(c)
}

/// What [`judge`] asks of a repaired span besides its cost.
#[derive(Debug, Clone, Copy)]
struct Traits {
    /// It has a character no repair gives ([`unwanted`]) that the original
    /// does not have.
    unwanted: bool,
    /// Every character is what a CJK misreading hides: ASCII, a lost byte, a
    /// letter of a common script ([`plain_letter`]) or an emoji.
    cjk_text: bool,
}

/// Control and private-use characters (and noncharacters) never come out of a
/// repair: that would mean the bytes were not text in the written codec.
fn unwanted(c: char, class: Class) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(class, Class::Private)
        || matches!(c as u32, 0xFDD0..=0xFDEF)
        || (c as u32) & 0xFFFE == 0xFFFE
}

/// Whether legacy soup at `span` is glued to other text: the soup must be a
/// word of its own, not glued to ASCII letters, not inside other garble.
/// Digits may touch it (`福斯基16日`).
fn glued_soup(text: &str, span: &Range<usize>) -> bool {
    touches(text, span, |c| !c.is_ascii() || c.is_ascii_alphabetic())
}

/// Whether legacy soup at `span` is glued to non-ASCII text: inside other
/// garble, whatever the line says (twice-damaged text is full of such runs).
/// Soup glued only to a Latin word is judged with the line ([`glued_soup`]).
fn glued_to_other_text(text: &str, span: &Range<usize>) -> bool {
    touches(text, span, |c| !c.is_ascii())
}

/// Whether a character right before or right after `span` is one `glue` holds.
fn touches(text: &str, span: &Range<usize>, glue: impl Fn(char) -> bool) -> bool {
    let (before, after) = neighbours(text, span);
    before.is_some_and(&glue) || after.is_some_and(&glue)
}

/// Whether [`judge`] takes `m` for legacy soup (after the misreadings of UTF-8
/// and Windows-1252's C1 controls, which it judges first).
fn judged_as_soup(m: Misreading) -> bool {
    m.written != Codec::Utf8
        && (m.written, m.read) != (Codec::Windows1252, Codec::Latin1)
        && m.read.reads_as_soup()
}

/// Whether `a` and `b` are the same but for spaces.
fn only_spaces_differ(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|&c| c != ' ')
        .eq(b.chars().filter(|&c| c != ' '))
}

/// GBK read as Big5 or the reverse: two double-byte codecs of Chinese.
fn legacy_pair(m: Misreading) -> bool {
    matches!(
        (m.written, m.read),
        (Codec::Gbk, Codec::Big5) | (Codec::Big5, Codec::Gbk)
    )
}

/// Whether the character before `span` is one a continuation byte gives: the
/// span is then the tail of a longer garble, not a whole sequence.
fn after_continuation(text: &str, span: &Range<usize>) -> bool {
    text[..span.start]
        .chars()
        .next_back()
        .is_some_and(continuation_like)
}

/// The judgement of a candidate on its own: `Undecided` where it needs what
/// the line's other candidates say ([`judge_in_line`]). Most candidates of
/// clean text are rejected here, and need not be kept.
fn judge(
    text: &str,
    m: Misreading,
    cand: &Candidate,
    (repaired, (cost_original, cost_repaired), traits): (&str, (i32, i32), Traits),
    g: i32,
    anchored: bool,
) -> Judgement {
    let original = &text[cand.span.clone()];
    // A repair that only drops spaces (`Р ` read back from Windows-1251 with
    // the space as a lost no-break space is `Р` again) repairs nothing, and
    // would eat one more space a pass.
    if repaired == original
        || traits.unwanted
        || (cand.restored_nbsp && only_spaces_differ(repaired, original))
    {
        return Judgement::Reject;
    }
    let n_orig = original.chars().count();
    // `锟斤拷` and `ï¿½`: U+FFFD itself, misread.
    if cand.exact == 0 && cand.lost == 0 && cand.markers > 0 {
        return if n_orig >= 2 && m.written == Codec::Utf8 {
            Judgement::Accept(i64::from(g.max(1)), Why::SeenThrough)
        } else {
            Judgement::Reject
        };
    }
    // Nothing recovered, only characters marked lost: that needs more than one
    // character of evidence (`â€�`), or a lone lead byte eats its neighbours.
    if cand.exact == 0 && cand.markers == 0 && cand.lost > 0 {
        let evidence = original
            .chars()
            .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
            .count();
        if evidence < 2 && !sandwiched(text, &cand.span) {
            return Judgement::Reject;
        }
    }
    match (m.written, m.read) {
        (Codec::Windows1252, Codec::Latin1) => Judgement::Accept(1, Why::C1Control),
        (Codec::Utf8, read) if read.is_single_byte() => {
            // Nothing but C1 controls, which are not text: a repair to them
            // would only peel a lead byte off one, and make the character
            // before it the next candidate (`ĀĀĀ\u{9a}`, one `Ā` a pass).
            let c1 = |c: char| ('\u{80}'..='\u{9F}').contains(&c);
            if repaired.chars().all(c1) || repaired.chars().any(chars::rare_script) {
                Judgement::Reject
            } else {
                Judgement::Undecided
            }
        }
        (Codec::Utf8, _) => {
            // What a CJK misreading hides is text: letters of common scripts,
            // punctuation, emoji; never IPA or stray symbols of rare scripts.
            if !traits.cjk_text {
                return Judgement::Reject;
            }
            // One letter recovered among lost bytes, between CJK characters: a
            // letter of another script does not stand alone inside CJK text
            // (`是�段�错`, where bytes were lost around a right character, is not
            // `是�ӫ�错`).
            if cand.exact <= 1 && cand.lost > 0 {
                let (before, after) = neighbours(text, &cand.span);
                let cjk = |c: Option<char>| c.is_some_and(|c| class(c).is_cjk());
                let foreign = repaired
                    .chars()
                    .any(|c| c.is_alphabetic() && !class(c).is_cjk());
                if foreign && (cjk(before) || cjk(after)) {
                    return Judgement::Reject;
                }
            }
            let threshold = if n_orig <= 2 { 30 } else { 15 };
            if g >= threshold && cost_repaired * 2 <= cost_original {
                Judgement::Accept(i64::from(g), Why::RareBecameCommon)
            } else {
                Judgement::Undecided
            }
        }
        (_, read) if read.reads_as_soup() => {
            if glued_to_other_text(text, &cand.span) {
                Judgement::Reject
            } else {
                Judgement::Undecided
            }
        }
        _ => {
            // GBK read as Big5 and the reverse: both sides are Han, so only the
            // share of common characters can tell. Private-use characters count
            // as rare (GBK reads Big5's commonest characters, `的` among them,
            // as its user-defined ones), but clean text has them too (icon
            // fonts, vendor characters): where they are the only rare ones, the
            // repair must have none (`。……` is not `﹝＃＃`).
            // The repair is text of the codec that wrote it, and rare there
            // is what that codec's readers seldom write (`唬詖麾乖` has two
            // characters outside GB2312's first level, common as they are in
            // Big5: no repair of `誨唴欏墊`). The original's rarity is the
            // scan's (`rare_runs_only`).
            let (rare_o, n_o) = rare_share(original);
            let (rare_r, n_r) = rare_share_in(m.written, repaired);
            let private = || {
                original
                    .chars()
                    .filter(|&c| class(c) == Class::Private)
                    .count()
            };
            let rarer = n_r >= 3 && rare_r * 5 <= n_r && rare_enough(rare_o, n_o) && g >= 30;
            if rarer && (rare_r == 0 || rare_o > private()) {
                Judgement::Accept(i64::from(g), Why::RareBecameCommon)
            } else if anchored && rare_r == 0 && g > 0 {
                // Common text of the writer, on a line with a run taken on
                // its own: the line decides (`judge_in_line`).
                Judgement::Undecided
            } else if rarer {
                Judgement::Doubt(Why::OnlyPrivateUse)
            } else if g > 0 {
                Judgement::Doubt(Why::SmallGain)
            } else {
                Judgement::Reject
            }
        }
    }
}

/// The judgement of a candidate [`judge`] left undecided, with what the line's
/// candidates of the same misreading say.
fn judge_in_line(
    text: &str,
    m: Misreading,
    cand: &Candidate,
    decoded: &str,
    repaired: &str,
    g: i32,
    ctx: &Context,
) -> Judgement {
    let original = &text[cand.span.clone()];
    match (m.written, m.read) {
        (Codec::Utf8, read) if read.is_single_byte() => {
            // MacRoman and CP437 are rare misreadings: only a whole line counts.
            let rare_codec = rare_single_byte(read);
            // CJK out of Latin-looking text: two common characters, or one that
            // stands apart from any Latin word (`Brontë…”` is not `Bront녔`).
            let (before, after) = neighbours(text, &cand.span);
            let in_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let common = common_cjk(repaired);
            let cjk_result = common >= 2 || (common == 1 && !in_word(before) && !in_word(after));
            // A whole line that decodes, and reads much better for it.
            // Needs several decoded letters: one symbol pair (`∆°`, `5×£`) decodes
            // to some letter by chance.
            let strong_line = !rare_codec
                && ctx.all_gain
                && ctx.line_gain >= 8 * ctx.count as i32
                && ctx.line_exact >= 3
                && repaired.chars().all(|c| c.is_ascii() || plain_letter(c));
            if ctx.consistent && (ctx.line_bad || (cjk_result && ctx.all_gain) || strong_line) {
                Judgement::Accept(10_000 + i64::from(g), Why::WholeLine)
            } else if let Some(bad) = (!after_continuation(text, &cand.span)
                && !rare_codec
                && !phonetic(repaired, original)
                && (!cand.restored_nbsp || !clean_latin_beside(text, &cand.span)))
            .then(|| badness::badness(original))
            .filter(|&bad| bad > 0)
            {
                Judgement::Accept(100 * bad as i64 + i64::from(g), Why::Unlikely)
            } else if cand.exact >= 1 && g > 0 {
                Judgement::Doubt(Why::NothingAround)
            } else {
                Judgement::Reject
            }
        }
        (Codec::Utf8, _) => {
            if ctx.consistent && ctx.all_gain && ctx.line_gain >= 15 {
                Judgement::Accept(i64::from(g), Why::WholeLine)
            } else if ctx.consistent
                && ctx.all_gain
                && (sandwiched(text, &cand.span)
                    || (han_in_latin_words(text, &cand.span) && latin_letters(repaired)))
            {
                // Real Chinese never puts a Han character inside a Latin word.
                Judgement::Accept(i64::from(g), Why::HanInLatinWord)
            } else if g > 0 && cand.exact >= 1 {
                Judgement::Doubt(Why::SmallGainValid)
            } else {
                Judgement::Reject
            }
        }
        (written, read) if read.reads_as_soup() => legacy_as_latin(
            text,
            &cand.span,
            decoded,
            Misreading::new(written, read),
            g,
            ctx,
        ),
        // A short run between two double-byte codecs (`judge` leaves only
        // those undecided): taken where every non-ASCII character of the line
        // is in a run of the misreading.
        _ if legacy_pair(m) && ctx.consistent => Judgement::Accept(i64::from(g), Why::WholeLine),
        _ if legacy_pair(m) => Judgement::Doubt(Why::SmallGain),
        // `judge` decides the others on their own.
        _ => Judgement::Reject,
    }
}

/// Legacy bytes (GBK, Big5, Shift_JIS, EUC-KR, Windows-1251) read as Latin-1 or
/// Windows-1252: `ÄãºÃ`, `Ïðèâåò`. `decoded` is the first-round result: the
/// written codec's own text must be common text of it.
fn legacy_as_latin(
    text: &str,
    span: &Range<usize>,
    decoded: &str,
    m: Misreading,
    g: i32,
    ctx: &Context,
) -> Judgement {
    let written = m.written;
    let original = &text[span.clone()];
    let letters = decoded.chars().filter(|c| !c.is_ascii()).count();
    // A whole line of soup that decodes is stronger evidence than one word.
    let score = if ctx.consistent { 10_000 } else { 1_000 } + i64::from(g);
    if written == Codec::Windows1251 {
        let cyrillic = decoded.chars().filter(|&c| russian_letter(c)).count();
        let lower = decoded.chars().filter(|c| c.is_lowercase()).count();
        let supported = ctx.consistent && ctx.all_plausible && ctx.anchor;
        let min = if supported { 1 } else { 4 };
        // Latin-1 letters and Cyrillic ones cost the same: the soup's evidence is
        // its length and its case pattern, not a gain.
        let gains = g >= 0;
        return if cyrillic >= min
            && cyrillic == letters
            && !case_flip(decoded)
            // A word in capitals counts on a line of Cyrillic soup (`ÔÀÉË`,
            // ФАЙЛ, is GBK's `岳伤` too), and so does a capital alone (`Ñ`).
            && (lower > 0 || supported)
            && gains
            && !glued_soup(text, span)
        {
            Judgement::Accept(score, Why::CyrillicSoup)
        } else {
            Judgement::Reject
        };
    }
    // Common characters, characters of the standard, and of them the letters
    // of the script (Han, kana, Hangul) and those common.
    let (mut common, mut other, mut script, mut script_common) = (0, 0, 0, 0);
    for c in decoded.chars().filter(|c| !c.is_ascii()) {
        let is_common = chars::common_in(written, c);
        common += usize::from(is_common);
        if script_letter(c) {
            script += 1;
            script_common += usize::from(is_common);
        } else if !is_common && !chars::standard_in(written, c) {
            other += 1;
        }
    }
    // On a line that is soup of this codec throughout (with a run long enough
    // to stand on its own), the shortest runs count too: the `月` and `日` of a
    // date between digits (`4ÔÂ23ÈÕ`), a run glued to a Latin word (`¿¨À\u{ad}OK`,
    // 卡拉OK), and names with characters of the standard's second level
    // (`Áõæç´¿`, 刘骁纯). Elsewhere a run must be two characters, four where it
    // absorbed ASCII trail bytes (real text rarely has them, chance decodings
    // often do), and common text.
    let supported = ctx.soup_supported();
    let absorbed_ascii = original.bytes().any(|b| b.is_ascii());
    // A trail byte taken off a Latin word splits it (`Ë¾£ºSynnara`, where
    // `£º` is `：` and `ºS` no character of the text), where the standard's
    // characters have no ASCII trail bytes (GB2312's and KS X 1001's; Big5's
    // and Shift_JIS's have, `¦bApple` is 在Apple).
    let splits_word = matches!(written, Codec::Gbk | Codec::EucKr)
        && original.ends_with(|c: char| c.is_ascii_alphabetic())
        && text[span.end..].starts_with(|c: char| c.is_ascii_alphabetic());
    if splits_word {
        return Judgement::Reject;
    }
    // Latin-9 soup partly re-read as UTF-8 shows it by a character neither
    // Latin-9, Latin-1 nor Windows-1252 has (`ϯ`, `֎`; not U+FFFD, which any
    // lossy soup has): without one, the plain misreadings read the soup
    // (`¹¤Òµ`, where `¤` is Latin-1's, is 工业, not `孤ひ德`). And it is soup:
    // most of its characters are Latin-9's own, re-read ones only here and
    // there (clean Cyrillic is all "re-read": `дворак` is not `写胁芯绚邪泻`).
    if m.read == Codec::Iso8859_15Refixed {
        let latin = [Codec::Iso8859_15, Codec::Latin1, Codec::Windows1252];
        let (mut re_read, mut soup) = (0, 0);
        for c in original
            .chars()
            .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        {
            if latin.iter().all(|k| k.table().byte_of(c).is_none()) {
                re_read += 1;
            } else {
                soup += 1;
            }
        }
        if re_read == 0 || re_read > soup {
            return Judgement::Reject;
        }
    }
    // One Latin letter over and over is a placeholder of a Latin language
    // (`ÅÅÅÅ-MM-DD`, Swedish for YYYY-MM-DD), not two characters of soup.
    let mut chars = original.chars();
    let first = chars.next();
    if !supported && first.is_some_and(|f| chars.all(|c| c == f)) {
        return Judgement::Reject;
    }
    // On a line of soup: any run of the standard's characters, half its
    // letters common. The standard's symbols and letters of other scripts
    // (`¡ï`, ★; `Orl¨¦an`) count for the line, not against it.
    let glued = glued_soup(text, span);
    let on_line = supported && letters >= 1 && other == 0 && script_common * 2 >= script;
    // Alone: two characters (four where it absorbed ASCII trail bytes), common
    // text or common words (`ÉîÛÚ`, 深圳: 圳 is GB2312's second level), and not
    // glued to a Latin word unless it stands on its own (`³µBentley`, 车Bentley).
    let common_enough = || {
        common * 5 >= letters * 4 || {
            let (covered, han) = chars::word_cover(decoded);
            written == Codec::Gbk && han >= 2 && covered == han
        }
    };
    let alone = letters >= if absorbed_ascii { 4 } else { 2 }
        && (common >= 4 || !glued)
        && g > 0
        && common_enough();
    // EUC-KR Hangul and GB2312 level 1 share their byte range: text whose lead
    // bytes all fall in Hangul's rows (0xB0..=0xC8) is more likely Korean the
    // longer it is (real Chinese has ~38% of its characters above them).
    // Judged on the whole line: one run of Chinese in those rows, among
    // others above them, is no sign of Korean (`¼ÖÀÚÀÚ`, 贾磊磊, after
    // `ÖÐ¹úµçÓ°Ê·`, 中国电影史).
    // But bytes whose GBK reading is Chinese words (`¸ü¶à¾«²ÊÄÚÈÝ`, 更多精彩内容,
    // all in those rows) are Chinese, however short.
    let hangul_rows = ctx.soup_hangul_rows
        && original_lead_rows(decoded, written)
        && !reads_as_chinese_words(m, original, decoded);
    let score = match (written, hangul_rows && (letters >= 4 || supported)) {
        (Codec::EucKr, true) => score + 500,
        (Codec::Gbk, true) => score - 500,
        _ => score,
    };
    // On the line, a run glued to a Latin word pays for the script change in
    // context (`cool²»cool`, cool不cool): its gain is its own.
    let on_line = on_line && (g > 0 || (glued && chars::cost(original) > chars::cost(decoded)));
    let taken = if supported { on_line } else { alone };
    if taken && !utf8_letters(m.read, original).two() {
        // Said so where the line was needed.
        Judgement::Accept(score, if alone { Why::CjkSoup } else { Why::SoupLine })
    } else {
        Judgement::Reject
    }
}

/// Whether the bytes of soup `original` (which `m` decodes to `decoded`) read
/// as GBK are Chinese words: common two-character words cover at least half
/// of the Han characters ([`chars::word_cover`]).
fn reads_as_chinese_words(m: Misreading, original: &str, decoded: &str) -> bool {
    let gbk = match m.written {
        Codec::Gbk => Cow::Borrowed(decoded),
        Codec::EucKr => match m
            .read
            .encode(original)
            .and_then(|b| Codec::Gbk.decode_strict(&b))
        {
            Some(text) => Cow::Owned(text),
            None => return false,
        },
        _ => return false,
    };
    let (covered, han) = chars::word_cover(&gbk);
    han >= 2 && covered * 2 >= han
}

/// What the bytes `read` gives for `original` are as UTF-8, if they are UTF-8
/// of nothing but plain letters of one script and Latin-1's signs: how many
/// letters and how many signs (else none). From two on, the soup is
/// UTF-8 misread (`Ð½Ð¾Ð´Ð¾Ð²`, нодов, whose bytes are also GBK's `薪芯写芯胁`,
/// five characters of one row): UTF-8's sequences seldom come about by chance,
/// legacy double bytes often do. (Soup that a fixer partly re-read is asked as
/// Windows-1252's or Latin-1's bytes.)
fn utf8_letters(read: Codec, original: &str) -> Utf8Letters {
    let as_utf8 = |codec: Codec| {
        let none = Utf8Letters::default();
        let Some(bytes) = codec.encode(original) else {
            return none;
        };
        let Ok(s) = std::str::from_utf8(&bytes) else {
            return none;
        };
        let mut n = Utf8Letters::default();
        let mut script = None;
        // Text's letters: no capital after a small letter inside a word
        // (`Ò»Ð©`, 一些, is UTF-8 `һЩ` too), no Cyrillic beyond the letters of
        // Russian and Ukrainian (`Ñ§Ð£`, 学校, is `ѧУ`), no Hebrew final
        // letter before another letter (`×¥×¡`, 抓住, is `ץס`).
        let final_inside = s
            .chars()
            .zip(s.chars().skip(1))
            .any(|(a, b)| matches!(a, 'ך' | 'ם' | 'ן' | 'ף' | 'ץ') && b.is_alphabetic());
        if case_flip(s) || final_inside {
            return none;
        }
        for c in s.chars().filter(|c| !c.is_ascii()) {
            if matches!(c as u32, 0x460..=0x48F | 0x492..=0x52F) {
                return none;
            }
            // Latin-1's signs too: UTF-8 misread twice is UTF-8 of them
            // (`Ã¡ÂºÂ·` is `áº·`, which is ặ).
            if ('\u{A0}'..='\u{BF}').contains(&c) {
                n.signs += 1;
                continue;
            }
            // (`Ŀ`, Catalan's, is as good as never written: `Ä¿ÂŒ` is 目录.)
            if !plain_letter(c) || class(c) == Class::Mark || matches!(c, 'Ŀ' | 'ŀ') {
                return none;
            }
            // Of one script: `Ö°Òµ` (职业) is UTF-8 too, but of a Hebrew point
            // and a Cyrillic letter.
            let block = utf8_script(c);
            if script.is_some_and(|s| s != block) {
                return none;
            }
            script = Some(block);
            n.letters += 1;
        }
        n
    };
    if read.is_single_byte() {
        as_utf8(read)
    } else {
        let (a, b) = (as_utf8(Codec::Windows1252), as_utf8(Codec::Latin1));
        if (a.letters, a.signs) >= (b.letters, b.signs) {
            a
        } else {
            b
        }
    }
}

/// What [`utf8_letters`] finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Utf8Letters {
    letters: usize,
    signs: usize,
}

impl Utf8Letters {
    /// Any UTF-8 at all: no evidence for a legacy codec.
    fn any(self) -> bool {
        self.letters + self.signs > 0
    }

    /// Two characters or more: the soup is UTF-8 misread (`Â¿Â¿`, ¿¿).
    fn two(self) -> bool {
        self.letters + self.signs >= 2
    }
}

/// The script of a letter, as far as [`utf8_letters`] tells them apart: Latin,
/// Greek, Cyrillic, Armenian, Hebrew, Arabic, CJK, or other (by block). (The
/// cost's `chars::block` is finer: it parts CJK and Greek by code blocks.)
fn utf8_script(c: char) -> u32 {
    match c as u32 {
        0..=0x24F | 0x1E00..=0x1EFF => 0,
        0x370..=0x3FF | 0x1F00..=0x1FFF => 1,
        0x400..=0x52F => 2,
        0x530..=0x58F => 3,
        0x590..=0x5FF => 4,
        0x600..=0x6FF => 5,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF => 6,
        cp => 0x100 + (cp >> 7),
    }
}

/// Whether every double-byte character of `decoded`, written in `written`, has
/// its lead byte in the rows EUC-KR gives Hangul (0xB0..=0xC8).
fn original_lead_rows(decoded: &str, written: Codec) -> bool {
    let table = written.table();
    decoded
        .chars()
        .filter(|c| !c.is_ascii())
        .all(|c| matches!(table.bytes_of(c), codec::Bytes::Two(0xB0..=0xC8, _)))
}

/// The letters of `decoded` that are plausible text of the legacy codec
/// `written`, or `None` when some character is not.
#[derive(Debug, Clone, Copy, Default)]
struct SoupLetters {
    /// Common text of the codec ([`chars::common_in`]; for Windows-1251,
    /// Russian, Ukrainian and Bulgarian letters).
    common: usize,
    /// Characters only in the second level of the codec's standard
    /// ([`chars::standard_in`]): names and terms have some.
    second: usize,
    /// Letters of the script beyond the standard (the codec's extensions).
    rare: usize,
    /// For Windows-1251: the letters read as words do (no lowercase letter
    /// before an uppercase one, and some lowercase).
    word: bool,
}

fn soup_letters(written: Codec, decoded: &str) -> Option<SoupLetters> {
    let mut n = SoupLetters {
        word: true,
        ..SoupLetters::default()
    };
    if written == Codec::Utf8 {
        // Every character is a letter: count the non-ASCII ones by their first
        // bytes.
        n.common = decoded.bytes().filter(|&b| b >= 0xC0).count();
        return Some(n);
    }
    for c in decoded.chars().filter(|c| !c.is_ascii()) {
        if written == Codec::Windows1251 {
            if russian_letter(c) {
                n.common += 1;
            } else if class(c) != Class::Punct {
                return None;
            }
        } else if chars::common_in(written, c) {
            n.common += 1;
        } else if chars::standard_in(written, c) {
            // Only the script's own letters: the standard's symbols are
            // neither common nor rare (`●`, `①`).
            n.second += usize::from(script_letter(c));
        } else if script_letter(c) && matches!(written, Codec::Gbk | Codec::Big5) {
            // Beyond the standard: a name's character now and then (`玆`,
            // GBK's `«R`; 镕, 喆). Not so Hangul beyond KS X 1001's, which
            // Korean text all but never needs.
            n.rare += 1;
        } else if class(c) != Class::Punct {
            return None;
        }
    }
    if written == Codec::Windows1251 {
        n.word = !case_flip(decoded) && decoded.chars().any(char::is_lowercase);
    }
    Some(n)
}

/// Whether a capital follows a small letter somewhere in `s`: not inside a
/// word of text.
fn case_flip(s: &str) -> bool {
    s.chars()
        .zip(s.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

/// A letter of the CJK scripts: Han, kana, Hangul (CJK text but its
/// punctuation).
fn script_letter(c: char) -> bool {
    let class = class(c);
    class.is_cjk() && class != Class::CjkPunct
}

/// A letter of Russian, Ukrainian or Bulgarian; the rest of the Cyrillic block
/// is rare enough to be a sign of something else.
fn russian_letter(c: char) -> bool {
    matches!(
        c,
        'А'..='я' | 'ё' | 'Ё' | 'і' | 'І' | 'ї' | 'Ї' | 'є' | 'Є' | 'ґ' | 'Ґ'
    )
}

/// A letter of a commonly written script (not IPA, not a phonetic extension, not
/// a rare script), or common CJK.
fn plain_letter(c: char) -> bool {
    plain_letter_of(c, class(c))
}

/// [`plain_letter`] of `c`, whose class is `class`.
#[inline]
fn plain_letter_of(c: char, class: Class) -> bool {
    let cp = c as u32;
    // Scripts whose own punctuation sits in their block (`،`, `।`, `׃`).
    if matches!(cp, 0x0590..=0x06FF | 0x0900..=0x0DFF | 0x0E00..=0x0E7F) {
        return true;
    }
    !matches!(cp, 0x138 | 0x149 | 0x17F | 0x180..=0x2FF | 0x1D00..=0x1DBF)
        && !chars::rare_script(c)
        && matches!(
            class,
            Class::LatinLower
                | Class::LatinUpper
                | Class::Letter
                | Class::CommonHan
                | Class::Kana
                | Class::CommonHangul
                | Class::Punct
                | Class::CjkPunct
        )
}

/// How many common CJK characters `s` holds.
fn common_cjk(s: &str) -> usize {
    s.chars()
        .filter(|&c| {
            matches!(
                class(c),
                Class::CommonHan | Class::Kana | Class::CommonHangul
            )
        })
        .count()
}

/// How many of the non-ASCII characters of `s` are rare, and how many there are.
fn rare_share(s: &str) -> (usize, usize) {
    rare_share_by(s, |c| rare_class(class(c)))
}

/// [`rare_share`] for text written in the double-byte codec `codec`: rare
/// is what is not common text of it ([`chars::common_in`]).
fn rare_share_in(codec: Codec, s: &str) -> (usize, usize) {
    rare_share_by(s, |c| !chars::common_in(codec, c))
}

/// How many of the non-ASCII characters of `s` are `rare`, and how many there
/// are.
fn rare_share_by(s: &str, rare: impl Fn(char) -> bool) -> (usize, usize) {
    let (mut n, mut count) = (0, 0);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        n += 1;
        count += usize::from(rare(c));
    }
    (count, n)
}

/// Whether a non-ASCII character of `class` counts as rare in [`rare_share`].
#[inline]
pub(crate) fn rare_class(class: Class) -> bool {
    !matches!(
        class,
        Class::CommonHan | Class::Kana | Class::CommonHangul | Class::CjkPunct | Class::Punct
    )
}

/// Whether `rare` rare characters of `n` are enough for a span to be legacy
/// text misread by another double-byte codec (clean text has few).
#[inline]
pub(crate) fn rare_enough(rare: usize, n: usize) -> bool {
    rare * 3 >= n
}

/// How unnatural `text` looks (0 for ASCII and common CJK; symbols, rare
/// characters and script changes inside words cost more): the measure the repair
/// uses, for the decoder's guesses on short inputs.
pub(crate) fn naturalness(text: &str) -> i32 {
    cost(text)
}

/// How many of the non-ASCII characters of `text` are not common text of
/// `encoding` (outside level 1 of its national standard, for CJK), and how many
/// non-ASCII characters there are.
pub(crate) fn uncommon_in(encoding: &'static encoding_rs::Encoding, text: &str) -> (usize, usize) {
    let codec = Codec::ALL
        .iter()
        .copied()
        .find(|c| c.encoding() == Some(encoding))
        .unwrap_or(Codec::Utf8);
    let mut rare = 0;
    let mut n = 0;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        n += 1;
        let common = match codec {
            Codec::Gbk | Codec::Big5 | Codec::ShiftJis | Codec::EucJp | Codec::EucKr => {
                chars::common_in(codec, c)
            }
            _ => plain_letter(c) || class(c) == Class::Punct,
        };
        rare += usize::from(!common);
    }
    (rare, n)
}

static DEFAULT_FIXER: LazyLock<Fixer> = LazyLock::new(Fixer::new);

/// Repairs mojibake in `text` with the default settings, borrowing `text` when
/// nothing needed repair.
///
/// ```
/// use textwash::fix_text;
/// assert_eq!(fix_text("clean text"), "clean text");
/// assert_eq!(fix_text("ä½ å¥½"), "你好");
/// ```
pub fn fix_text(text: &str) -> Cow<'_, str> {
    DEFAULT_FIXER.fix(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_back_from_their_numbers() {
        for (i, why) in Why::ALL.into_iter().enumerate() {
            assert_eq!(why as usize, i, "{why:?}");
        }
    }

    #[test]
    fn a_repaired_line_with_lost_bytes_needs_no_cjk_scan() {
        // `质量新闻网` misread as GBK with its last byte lost, and repaired: none
        // of its characters can take part in a UTF-8 sequence read back as any
        // CJK codec, and none is rare, so no CJK misreading has a span to try.
        let line = "质量新闻\u{FFFD}".repeat(50);
        let profile = Profile::of(&line).unwrap();
        assert_eq!(profile.windows.len(), 1);
        assert_eq!(profile.windows[0], 0..line.len());
        for read in [Codec::Gbk, Codec::Big5, Codec::ShiftJis, Codec::EucKr] {
            assert!(
                !profile.relevant(Misreading::new(Codec::Utf8, read)),
                "{read:?}"
            );
        }
        assert!(matches!(fix_text(&line), Cow::Borrowed(_)));
        // A character that can begin a sequence (`浣`, E4 in GBK's bytes) makes
        // the scan worth its while.
        let profile = Profile::of("质量新闻\u{FFFD}浣").unwrap();
        assert!(profile.relevant(Misreading::new(Codec::Utf8, Codec::Gbk)));
    }

    #[test]
    fn cjk_glued_to_latin_opens_a_window_only_where_it_can_be_a_sequence() {
        let gbk = Misreading::new(Codec::Utf8, Codec::Gbk);
        let clean = "厦门市再次获评最高等次，并已连续六年获评，近年来厦门市注重顶层设计";
        // `A级`: 级 is BC B6 in GBK, a continuation byte first; it is in no
        // other double-byte codec, so it can begin no sequence.
        let line = format!("{clean}获评A级，{clean}");
        assert!(Profile::of(&line).unwrap().windows.is_empty());
        // Latin words with a letter misread, glued to the Latin on either
        // side: each still has its window.
        for word in ["français", "café", "Éric", "Zürich"] {
            let damaged = gbk.damage(word).unwrap();
            let line = format!("{clean}：{damaged}，{clean}");
            assert!(!Profile::of(&line).unwrap().windows.is_empty(), "{damaged}");
        }
    }

    #[test]
    fn dashes_and_quotation_marks_only_count_in_the_profile() {
        // What `lone_mark` relies on: none is a marker, so that the profile
        // pass only counts it (as a high character, alone), where the pair it
        // makes with the next character is none.
        let flags = chars::line_flags();
        for c in '\u{2013}'..='\u{2026}' {
            assert_eq!(flags.of(c) & flag::MARKER, 0, "{c:?}");
        }
        let line = "他说：“这是一个测试——真的。”然后离开了，留下很长很长的一段话。".repeat(3);
        let profile = Profile::of(&line).unwrap();
        assert!(!profile.any_relevant());
        assert!(matches!(fix_text(&line), Cow::Borrowed(_)));
        // Between Latin-1 soup they still count: `Ã“â€”` is mojibake.
        assert_ne!(fix_text("Ã“â€”Ã©"), "Ã“â€”Ã©");
    }

    #[test]
    fn three_byte_characters_index_the_flags_by_their_bytes() {
        let flags = chars::line_flags();
        let index = |c: char| {
            let mut utf8 = [0; 3];
            let &[b0, b1, b2] = c.encode_utf8(&mut utf8).as_bytes() else {
                unreachable!("{c:?} is not three bytes")
            };
            chars::LineFlags::three_byte_index(b0, b1, b2)
        };
        for c in (0x800..=0xFFFF).filter_map(char::from_u32) {
            // The code point with the continuation bytes' tags left in.
            assert_eq!(index(c), c as u16 ^ 0x2080, "{c:?}");
            assert_eq!(flags.at_index(index(c)), flags.bmp(c as u16), "{c:?}");
            assert_eq!(
                index(c) == chars::LineFlags::REPLACEMENT_INDEX,
                c == '\u{FFFD}'
            );
        }
        assert_eq!(
            flags.at_index(index('浣')) & (flag::MARKER | flag::CJK),
            flag::MARKER | flag::CJK
        );
        assert_eq!(
            flags.at_index(index('的')) & (flag::MARKER | flag::CJK),
            flag::CJK
        );
        assert_ne!(flags.at_index(index('€')) & flag::LATIN, 0);
    }

    #[test]
    fn byte_sets_agree_with_a_byte_per_byte_check() {
        let len = 200;
        let mut taken = BitSet::new(len);
        let mut naive = vec![false; len];
        // Spans of every length at every offset, across word boundaries.
        let mut seed = 12345u64;
        for _ in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let start = (seed >> 33) as usize % len;
            let end = start + 1 + (seed >> 13) as usize % (len - start);
            let span = start..end;
            let free = naive[span.clone()].iter().all(|t| !t);
            assert_eq!(taken.is_free(&span), free, "{span:?}");
            if free && seed % 3 == 0 {
                taken.insert(&span);
                naive[span].iter_mut().for_each(|t| *t = true);
            }
        }
        for (at, &covered) in naive.iter().enumerate() {
            assert_eq!(taken.contains(at), covered, "{at}");
        }
    }
}
