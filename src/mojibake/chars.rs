//! What kind of character this is, and how natural a string of them looks.
//!
//! The commonness of Han characters and Hangul syllables comes from the national
//! standards' "level 1" sets, read off encoding_rs's own tables at first use: GB2312
//! level 1 (GBK lead byte 0xB0..=0xD7), Big5's frequent block (0xA440..=0xC67E),
//! JIS X 0208 level 1 (EUC-JP lead byte 0xB0..=0xCF) and KS X 1001 Hangul (EUC-KR lead
//! byte 0xB0..=0xC8). Real Chinese text is about 99% level 1; the same text misread
//! as GBK is about 12%.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::codec::{Bytes, Codec};

/// The classes that matter for telling mojibake from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Class {
    Ascii,
    CommonHan,
    RareHan,
    Kana,
    HalfwidthKana,
    CommonHangul,
    RareHangul,
    CjkPunct,
    LatinLower,
    LatinUpper,
    Letter,
    Mark,
    Punct,
    Symbol,
    Control,
    Private,
    Replacement,
    Other,
}

const CLASSES: [Class; 18] = [
    Class::Ascii,
    Class::CommonHan,
    Class::RareHan,
    Class::Kana,
    Class::HalfwidthKana,
    Class::CommonHangul,
    Class::RareHangul,
    Class::CjkPunct,
    Class::LatinLower,
    Class::LatinUpper,
    Class::Letter,
    Class::Mark,
    Class::Punct,
    Class::Symbol,
    Class::Control,
    Class::Private,
    Class::Replacement,
    Class::Other,
];

impl Class {
    /// Whether the class is CJK text (what a CJK misreading produces or restores).
    pub(crate) fn is_cjk(self) -> bool {
        matches!(
            self,
            Class::CommonHan
                | Class::RareHan
                | Class::Kana
                | Class::HalfwidthKana
                | Class::CommonHangul
                | Class::RareHangul
                | Class::CjkPunct
        )
    }

    /// Whether the class is Han, common or rare.
    pub(crate) fn is_han(self) -> bool {
        matches!(self, Class::CommonHan | Class::RareHan)
    }

    /// How unusual a character of this class is in real text, in tenths.
    fn cost(self) -> i32 {
        match self {
            Class::Ascii | Class::CommonHan => 0,
            Class::Kana | Class::CommonHangul | Class::CjkPunct => 1,
            Class::LatinLower | Class::Letter | Class::Punct => 2,
            Class::LatinUpper => 4,
            Class::Mark => 8,
            Class::Other => 10,
            Class::Symbol => 12,
            Class::RareHan => 16,
            Class::HalfwidthKana | Class::RareHangul => 20,
            // Lost characters are lost before and after a repair alike: neutral.
            Class::Replacement => 0,
            Class::Private => 30,
            Class::Control => 40,
        }
    }
}

/// The class of `c`.
#[inline]
pub(crate) fn class(c: char) -> Class {
    Classifier::get().class(c)
}

/// The class table, fetched once for a loop over many characters.
#[derive(Clone, Copy)]
pub(crate) struct Classifier(&'static [Class]);

impl Classifier {
    /// The table, built at first use.
    #[inline]
    pub(crate) fn get() -> Classifier {
        Classifier(table())
    }

    /// The class of `c`.
    #[inline]
    pub(crate) fn class(self, c: char) -> Class {
        if c.is_ascii() {
            return Class::Ascii;
        }
        match self.0.get(c as usize) {
            Some(&k) => k,
            None => astral_class(c),
        }
    }
}

fn astral_class(c: char) -> Class {
    let cp = c as usize;
    {
        match cp {
            0x2_0000..=0x3_FFFF => Class::RareHan,
            0xF_0000.. => Class::Private,
            _ if c.is_alphabetic() => Class::Letter,
            _ => Class::Other,
        }
    }
}

fn table() -> &'static [Class] {
    static TABLE: OnceLock<Box<[Class]>> = OnceLock::new();
    TABLE.get_or_init(build)
}

fn build() -> Box<[Class]> {
    let gbk = Codec::Gbk.table();
    let big5 = Codec::Big5.table();
    let euc_jp = Codec::EucJp.table();
    let euc_kr = Codec::EucKr.table();
    let level1 = |bytes: Bytes, lo: u8, hi: u8| matches!(bytes, Bytes::Two(l, t) if (lo..=hi).contains(&l) && t >= 0xA1);
    let mut out = vec![Class::Other; 0x1_0000].into_boxed_slice();
    for (cp, slot) in out.iter_mut().enumerate() {
        let Some(c) = char::from_u32(cp as u32) else {
            continue;
        };
        let class = match cp {
            0..=0x7F => Class::Ascii,
            0x80..=0x9F => Class::Control,
            0xFFFD => Class::Replacement,
            0xE000..=0xF8FF => Class::Private,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => {
                let big5_frequent = matches!(big5.bytes_of(c), Bytes::Two(l, t)
                    if (0xA440..=0xC67E).contains(&u16::from_be_bytes([l, t])));
                if level1(gbk.bytes_of(c), 0xB0, 0xD7)
                    || big5_frequent
                    || level1(euc_jp.bytes_of(c), 0xB0, 0xCF)
                {
                    Class::CommonHan
                } else {
                    Class::RareHan
                }
            }
            0x3040..=0x30FF | 0x31F0..=0x31FF => Class::Kana,
            0xFF61..=0xFF9F => Class::HalfwidthKana,
            0xAC00..=0xD7A3 => {
                if level1(euc_kr.bytes_of(c), 0xB0, 0xC8) {
                    Class::CommonHangul
                } else {
                    Class::RareHangul
                }
            }
            0x1100..=0x11FF | 0x3130..=0x318F => Class::RareHangul,
            0x3000..=0x303F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFEE | 0xFE30..=0xFE4F => {
                Class::CjkPunct
            }
            // ª º µ are letters to Unicode but symbols in the texts mojibake comes from.
            0xAA | 0xBA | 0xB5 => Class::Symbol,
            0xA0 | 0xA1 | 0xAB | 0xAD | 0xB7 | 0xBB | 0xBF | 0x2010..=0x2027 | 0x2030..=0x205E => {
                Class::Punct
            }
            _ if unicode_normalization::char::is_combining_mark(c) => Class::Mark,
            _ if c.is_alphabetic() => {
                let latin = matches!(cp, 0xC0..=0x24F | 0x1E00..=0x1EFF);
                match (latin, c.is_uppercase()) {
                    (true, true) => Class::LatinUpper,
                    (true, false) => Class::LatinLower,
                    _ => Class::Letter,
                }
            }
            _ if c.is_control() => Class::Control,
            0xD800..=0xDFFF => Class::Control,
            _ if c.is_numeric() => Class::Letter,
            0x2070..=0x209F | 0x2100..=0x2BFF | 0xA2..=0xBF | 0xD7 | 0xF7 => Class::Symbol,
            _ => Class::Symbol,
        };
        *slot = class;
    }
    out
}

/// Whether `c` is a character that a restored no-break space (byte 0xA0) plausibly
/// completed: letters and common text, general punctuation and symbols (`⚠`, the
/// blank U+2800 of social-media posts), emoji; not a stray symbol of another
/// script.
pub(crate) fn nbsp_plausible(c: char) -> bool {
    let letter = matches!(class(c), Class::Letter) && !rare_script(c);
    letter
        || matches!(
            class(c),
            Class::LatinLower
                | Class::LatinUpper
                | Class::CommonHan
                | Class::Kana
                | Class::CommonHangul
                | Class::Punct
                | Class::CjkPunct
        )
        || matches!(c as u32, 0xA0 | 0x2000..=0x2BFF | 0x1_F000..)
}

/// Whether `c` belongs to a script or block so rarely written that a repair
/// producing it is more likely wrong than right (Cyrillic Supplement, Samaritan,
/// Mongolian, Glagolitic...).
pub(crate) fn rare_script(c: char) -> bool {
    matches!(c as u32,
        0x0500..=0x052F
        | 0x0700..=0x08FF
        | 0x1700..=0x18FF
        | 0x1A00..=0x1CFF
        | 0x2C00..=0x2C7F
        | 0x2D00..=0x2DFF
        | 0xA000..=0xA6FF
        | 0xA800..=0xABFF
    )
}

/// Whether `c` is a common character of text written in `codec`: level 1 of its
/// national standard (or kana, or punctuation).
pub(crate) fn common_in(codec: Codec, c: char) -> bool {
    let class = class(c);
    if matches!(class, Class::CjkPunct | Class::Punct) {
        return true;
    }
    let bytes = |k: Codec| codec_bytes(k, c);
    match codec {
        Codec::Gbk => matches!(bytes(Codec::Gbk), Some((0xB0..=0xD7, 0xA1..))),
        Codec::Big5 => {
            matches!(bytes(Codec::Big5), Some((l, t)) if (0xA440..=0xC67E).contains(&u16::from_be_bytes([l, t])))
        }
        Codec::ShiftJis | Codec::EucJp => {
            class == Class::Kana || matches!(bytes(Codec::EucJp), Some((0xB0..=0xCF, 0xA1..)))
        }
        Codec::EucKr => class == Class::CommonHangul,
        _ => class != Class::Symbol && class != Class::Control,
    }
}

/// Whether `c` is in the main repertoire of the national standard behind
/// `codec`, beyond its common level ([`common_in`]): GB2312's two levels and
/// symbol rows, Big5's frequent and less frequent characters, JIS X 0208, KS X
/// 1001's Hangul. Names and terms need the second levels (`刘骁纯`: 骁 is
/// GB2312 level 2); the vendor and extension rows (GBK's, HKSCS's) are what
/// chance decodings are made of.
pub(crate) fn standard_in(codec: Codec, c: char) -> bool {
    if common_in(codec, c) {
        return true;
    }
    match codec {
        Codec::Gbk => matches!(codec_bytes(Codec::Gbk, c), Some((0xA1..=0xF7, 0xA1..))),
        Codec::Big5 => matches!(codec_bytes(Codec::Big5, c),
            Some((l, t)) if matches!(u16::from_be_bytes([l, t]), 0xA140..=0xC67E | 0xC940..=0xF9D5)),
        Codec::ShiftJis | Codec::EucJp => {
            matches!(codec_bytes(Codec::EucJp, c), Some((0xA1..=0xF4, 0xA1..)))
        }
        _ => false,
    }
}

/// How many Han characters of `text` are in a common two-character word of
/// Simplified Chinese, and how many Han characters it has. The words are
/// jieba's (`data/zh_words2.txt`, see data/LICENSES.md): two characters of
/// GB2312 seen 100 times or more in its corpus, 23,629 of them.
pub(crate) fn word_cover(text: &str) -> (usize, usize) {
    static WORDS: OnceLock<HashSet<(char, char)>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        include_str!("../../data/zh_words2.txt")
            .lines()
            .filter_map(|w| {
                let mut c = w.chars();
                Some((c.next()?, c.next()?))
            })
            .collect()
    });
    let (mut han, mut covered) = (0, 0);
    // The Han character before, and whether a word covers it already.
    let mut prev: Option<(char, bool)> = None;
    for c in text.chars() {
        if !class(c).is_han() {
            prev = None;
            continue;
        }
        han += 1;
        match prev {
            Some((p, p_covered)) if words.contains(&(p, c)) => {
                covered += 1 + usize::from(!p_covered);
                prev = Some((c, true));
            }
            _ => prev = Some((c, false)),
        }
    }
    (covered, han)
}

fn codec_bytes(codec: Codec, c: char) -> Option<(u8, u8)> {
    match codec.table().bytes_of(c) {
        Bytes::Two(a, b) => Some((a, b)),
        _ => None,
    }
}

/// How unnatural `text` looks, in tenths of a "bad character": the sum of its
/// characters' costs and of unlikely neighbours (a script change inside a word, an
/// uppercase letter after a lowercase one, a symbol glued to a letter).
pub(crate) fn cost(text: &str) -> i32 {
    Cost::of(text).total
}

/// The [`cost`] of a text, with its first and last characters, so that the cost
/// of the text between two neighbours follows without counting it again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cost {
    pub(crate) total: i32,
    ends: Option<((char, Class), (char, Class))>,
}

impl Cost {
    pub(crate) fn of(text: &str) -> Cost {
        Cost::of_each(text, |_, _| {})
    }

    /// [`Cost::of`], with `each` called on every character and its class: what
    /// else a caller asks of the text, in the same pass.
    #[inline(always)]
    pub(crate) fn of_each(text: &str, mut each: impl FnMut(char, Class)) -> Cost {
        let classifier = Classifier::get();
        let pairs = class_pair_costs();
        let mut total = 0;
        let mut chars = text.chars();
        let Some(first) = chars.next() else {
            return Cost { total, ends: None };
        };
        let first = (first, classifier.class(first));
        each(first.0, first.1);
        total += first.1.cost();
        let mut prev = first;
        for c in chars {
            let class = classifier.class(c);
            each(c, class);
            total += class.cost() + pairs.cost(prev, (c, class));
            prev = (c, class);
        }
        Cost {
            total,
            ends: Some((first, prev)),
        }
    }

    /// The cost of `before`, the text, then `after`.
    pub(crate) fn between(&self, before: Option<char>, after: Option<char>) -> i32 {
        let classifier = Classifier::get();
        let pairs = class_pair_costs();
        let before = before.map(|c| (c, classifier.class(c)));
        let after = after.map(|c| (c, classifier.class(c)));
        let mut total = self.total;
        total += before.map_or(0, |b| b.1.cost()) + after.map_or(0, |a| a.1.cost());
        match (self.ends, before, after) {
            (Some((first, last)), b, a) => {
                total += b.map_or(0, |b| pairs.cost(b, first));
                total += a.map_or(0, |a| pairs.cost(last, a));
            }
            (None, Some(b), Some(a)) => total += pairs.cost(b, a),
            (None, ..) => {}
        }
        total
    }
}

/// [`pair_cost`] by classes where the characters do not matter (most pairs).
struct ClassPairCosts([[i8; CLASSES.len()]; CLASSES.len()]);

impl ClassPairCosts {
    #[inline(always)]
    fn cost(&self, (p, pc): (char, Class), (c, cc): (char, Class)) -> i32 {
        match self.0[pc as usize][cc as usize] {
            // The characters decide.
            -1 => pair_cost(p, pc, c, cc),
            known => i32::from(known),
        }
    }
}

fn class_pair_costs() -> &'static ClassPairCosts {
    static COSTS: OnceLock<ClassPairCosts> = OnceLock::new();
    COSTS.get_or_init(|| {
        let mut out = [[0i8; CLASSES.len()]; CLASSES.len()];
        for (a, row) in CLASSES.iter().zip(out.iter_mut()) {
            for (b, slot) in CLASSES.iter().zip(row.iter_mut()) {
                *slot = class_pair_cost(*a, *b).unwrap_or(-1);
            }
        }
        ClassPairCosts(out)
    })
}

/// [`pair_cost`] of two classes, where no arm of it that looks at the characters
/// can match them.
fn class_pair_cost(a: Class, b: Class) -> Option<i8> {
    use Class::*;
    let letter = |k: Class| matches!(k, LatinLower | LatinUpper | Letter);
    let by_chars = matches!((a, b), (LatinLower | Letter, LatinUpper | Letter))
        || matches!((a, b), (Ascii, LatinUpper | Letter));
    if by_chars {
        return None;
    }
    if a.is_cjk() != b.is_cjk() && a != Ascii && b != Ascii && a != Punct && b != Punct {
        return Some(10);
    }
    if (letter(a) && letter(b)) || (a == Ascii && b.is_cjk()) || (a.is_cjk() && b == Ascii) {
        return None;
    }
    if (b == Symbol && letter(a)) || (a == Symbol && letter(b)) {
        return Some(4);
    }
    if matches!((a, b), (RareHan, Kana) | (Kana, RareHan)) {
        return Some(6);
    }
    Some(0)
}

#[inline(never)]
fn pair_cost(p: char, pc: Class, c: char, cc: Class) -> i32 {
    use Class::*;
    let letter = |k: Class| matches!(k, LatinLower | LatinUpper | Letter);
    match (pc, cc) {
        // Case flipping inside a word: `РґРѕ`, `Ã©tÃ©`.
        (LatinLower | Letter, LatinUpper | Letter) if p.is_lowercase() && c.is_uppercase() => 8,
        (Ascii, LatinUpper | Letter) if p.is_ascii_lowercase() && c.is_uppercase() => 8,
        // A script change with no space: Latin-1 letters glued to CJK.
        (a, b)
            if a.is_cjk() != b.is_cjk() && a != Ascii && b != Ascii && a != Punct && b != Punct =>
        {
            10
        }
        (a, b) if letter(a) && letter(b) && block(p) != block(c) => 6,
        // CJK glued to a Latin word: `fran莽ais`.
        (Ascii, b) if b.is_cjk() && p.is_ascii_alphabetic() => 5,
        (a, Ascii) if a.is_cjk() && c.is_ascii_alphabetic() => 5,
        (a, Symbol) | (Symbol, a) if letter(a) => 4,
        (RareHan, Kana) | (Kana, RareHan) => 6,
        _ => 0,
    }
}

/// A coarse script block, for telling Greek from Cyrillic from Latin.
fn block(c: char) -> u32 {
    let cp = c as u32;
    match cp {
        0..=0x24F | 0x1E00..=0x1EFF => 0,
        _ if cp < 0x800 => cp >> 7,
        _ => cp >> 8,
    }
}

/// Per character, which single-byte codecs (bits by [`Codec::ALL`] index) give it
/// for a UTF-8 lead byte, and which for a continuation byte.
pub(crate) struct LeadContinuation {
    lead: Box<[u32]>,
    cont: Box<[u32]>,
    /// Per character, the codecs in which it is one of the lead bytes after
    /// which a space or `?` often stands for a lost byte.
    space_lead: Box<[u32]>,
}

/// The single-byte codecs' repertoire lies in the BMP.
const PAIR_LIMIT: usize = 0x1_0000;

impl LeadContinuation {
    /// The codecs for which `c` is a lead byte.
    #[inline]
    pub(crate) fn lead(&self, c: char) -> u32 {
        // CJK text never touches the tables: no codec here has its characters.
        if (c as u32) >= 0x2600 && !matches!(c as u32, 0xF8FF | 0xFB01 | 0xFB02) {
            return 0;
        }
        self.lead.get(c as usize).copied().unwrap_or(0)
    }

    /// The codecs for which `prev` then `c` may be a UTF-8 lead byte and what
    /// follows it: a continuation byte, U+FFFD for a lost one, or a space or `?`
    /// standing for a lost byte after the leads where that is common (`Ã ` for
    /// à, `Â ` for a no-break space, `â€?`); clean French has `à ` at every turn.
    #[inline]
    pub(crate) fn pair(&self, prev: char, c: char) -> u32 {
        let lead = self.lead(prev);
        if lead == 0 {
            return 0;
        }
        match c {
            '\u{FFFD}' => lead,
            ' ' | '?' => self.space_lead.get(prev as usize).copied().unwrap_or(0),
            _ => lead & self.cont.get(c as usize).copied().unwrap_or(0),
        }
    }
}

pub(crate) fn lead_continuation() -> &'static LeadContinuation {
    static PAIRS: OnceLock<LeadContinuation> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut lead = vec![0u32; PAIR_LIMIT].into_boxed_slice();
        let mut cont = vec![0u32; PAIR_LIMIT].into_boxed_slice();
        let mut space_lead = vec![0u32; PAIR_LIMIT].into_boxed_slice();
        for (i, codec) in Codec::ALL.iter().enumerate() {
            if !codec.is_single_byte() {
                continue;
            }
            let table = codec.table();
            for b in 0x80u8..=0xFF {
                let Some(c) = table.char_of(b) else { continue };
                let slot = c as usize;
                if slot >= PAIR_LIMIT {
                    continue;
                }
                match b {
                    0x80..=0xBF => cont[slot] |= 1 << i,
                    0xC2..=0xF4 => lead[slot] |= 1 << i,
                    _ => {}
                }
                if matches!(b, 0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9 | 0xE0..=0xE3) {
                    space_lead[slot] |= 1 << i;
                }
            }
        }
        LeadContinuation {
            lead,
            cont,
            space_lead,
        }
    })
}

/// What the profile pass over a line needs to know of one character, as bits of
/// a byte (see [`line_flags`]).
pub(crate) mod flag {
    /// A character rare in real text and common in mojibake (rare Han or Hangul,
    /// halfwidth kana, private use, U+FFFD).
    pub(crate) const MARKER: u8 = 1;
    /// A CJK character ([`super::Class::is_cjk`]).
    pub(crate) const CJK: u8 = 2;
    /// A character a single-byte codec gives for a high byte that matters on its
    /// own: a UTF-8 lead byte, a C1 control, or a byte of Latin-1 or
    /// Windows-1252 soup. Characters without it (CJK text, most symbols) need no
    /// more than the two bits above.
    pub(crate) const LATIN: u8 = 4;

    /// A character that can take part in a UTF-8 sequence when read back as
    /// bytes of the double-byte codec `read`: neither ASCII, nor U+FFFD, nor
    /// one that breaks a sequence from the start (`scan::dead_in`). A line with
    /// none has nothing but U+FFFD and ASCII to show for UTF-8 misread as
    /// `read`, which decode to themselves. One bit for each double-byte codec;
    /// all bits (no line goes without) for the others.
    pub(crate) const fn live(read: super::Codec) -> u8 {
        use super::Codec;
        match read {
            Codec::Gbk => 8,
            Codec::Big5 => 16,
            Codec::ShiftJis => 32,
            Codec::EucJp => 64,
            Codec::EucKr => 128,
            _ => !0,
        }
    }

    /// The [`live`] bits of all double-byte codecs: a character without any
    /// can begin no UTF-8 sequence read back as any of them.
    pub(crate) const LIVE_DOUBLE_BYTE: u8 = !(MARKER | CJK | LATIN);
    const _: () = {
        let (mut all, mut i) = (0, 0);
        while i < super::Codec::DOUBLE_BYTE.len() {
            all |= live(super::Codec::DOUBLE_BYTE[i]);
            i += 1;
        }
        assert!(all == LIVE_DOUBLE_BYTE);
    };
}

/// Per BMP character, its [`flag`] bits.
pub(crate) struct LineFlags(Box<[u8; 0x1_0000]>);

impl LineFlags {
    /// The [`flag`] bits of non-ASCII `c`.
    #[inline]
    pub(crate) fn of(&self, c: char) -> u8 {
        match u16::try_from(c as u32) {
            Ok(bmp) => self.bmp(bmp),
            // Astral characters are never a single-byte codec's.
            Err(_) => class_flags(Classifier::get().class(c)),
        }
    }

    /// The [`flag`] bits of BMP code point `cp`.
    #[inline]
    pub(crate) fn bmp(&self, cp: u16) -> u8 {
        self.0[usize::from(cp ^ THREE_BYTE_TAGS)]
    }

    /// Where the table keeps the [`flag`] bits of the three-byte UTF-8
    /// character `b0 b1 b2`: the bytes shifted into place without masking off
    /// their tag bits, which is the code point XOR [`THREE_BYTE_TAGS`]. The
    /// table is kept in that order as CJK text looks one up a character.
    #[inline]
    pub(crate) fn three_byte_index(b0: u8, b1: u8, b2: u8) -> u16 {
        // In 16 bits the lead byte's tag (0b1110) falls off the top.
        (u16::from(b0) << 12) ^ (u16::from(b1) << 6) ^ u16::from(b2)
    }

    /// The code point at [`LineFlags::three_byte_index`] `at`.
    #[inline]
    pub(crate) fn code_point_at(at: u16) -> u16 {
        at ^ THREE_BYTE_TAGS
    }

    /// The character at [`LineFlags::three_byte_index`] `at` (U+FFFD for a
    /// surrogate, which valid UTF-8 does not hold).
    #[inline]
    pub(crate) fn char_at(at: u16) -> char {
        char::from_u32(u32::from(Self::code_point_at(at))).unwrap_or('\u{FFFD}')
    }

    /// [`LineFlags::three_byte_index`] of U+FFFD.
    pub(crate) const REPLACEMENT_INDEX: u16 = 0xFFFD ^ THREE_BYTE_TAGS;

    /// The [`flag`] bits at [`LineFlags::three_byte_index`] `at`.
    #[inline]
    pub(crate) fn at_index(&self, at: u16) -> u8 {
        self.0[usize::from(at)]
    }
}

/// The tag bits (0b10) of a three-byte character's continuation bytes, where
/// [`LineFlags::three_byte_index`] leaves them in its index.
const THREE_BYTE_TAGS: u16 = (0x80 << 6) | 0x80;

fn class_flags(class: Class) -> u8 {
    let marker = matches!(
        class,
        Class::RareHan
            | Class::HalfwidthKana
            | Class::RareHangul
            | Class::Private
            | Class::Replacement
    );
    u8::from(marker) * flag::MARKER + u8::from(class.is_cjk()) * flag::CJK
}

/// The [`flag`] table, built at first use.
pub(crate) fn line_flags() -> &'static LineFlags {
    static FLAGS: OnceLock<LineFlags> = OnceLock::new();
    FLAGS.get_or_init(|| {
        let classifier = Classifier::get();
        let pairs = lead_continuation();
        let windows_1252 = Codec::Windows1252.table();
        let mut out = Box::new([0u8; 0x1_0000]);
        for (cp, slot) in out.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else {
                continue;
            };
            let cp = cp as u32;
            // The same tests as the profile's, for the characters that pass them.
            let high = (0x80..=0xFF).contains(&cp)
                || (matches!(cp, 0x152..=0x2122) && windows_1252.byte_of(c).is_some());
            let latin = pairs.lead(c) != 0 || high || (0x80..=0x9F).contains(&cp);
            *slot = class_flags(classifier.class(c)) + u8::from(latin) * flag::LATIN;
        }
        for codec in Codec::DOUBLE_BYTE {
            let dead = super::scan::dead_in(codec);
            for (cp, slot) in out.iter_mut().enumerate().skip(0x80) {
                if cp != 0xFFFD && !dead.contains(cp as u16) {
                    *slot |= flag::live(codec);
                }
            }
        }
        // U+FFFD seen through a double-byte codec (`占쏙옙`) is mojibake however
        // common its characters are in the codec's own text.
        for codec in Codec::ALL {
            for c in codec.seen_through().chars() {
                if let Some(slot) = out.get_mut(c as usize) {
                    *slot |= flag::MARKER;
                }
            }
        }
        let mut ordered = Box::new([0u8; 0x1_0000]);
        for (cp, &f) in out.iter().enumerate() {
            ordered[cp ^ usize::from(THREE_BYTE_TAGS)] = f;
        }
        LineFlags(ordered)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_real_characters() {
        assert_eq!(class('的'), Class::CommonHan);
        assert_eq!(class('國'), Class::CommonHan);
        assert_eq!(class('浣'), Class::RareHan);
        assert_eq!(class('犲'), Class::RareHan);
        assert_eq!(class('ソ'), Class::Kana);
        assert_eq!(class('ｓ'), Class::CjkPunct);
        assert_eq!(class('ｱ'), Class::HalfwidthKana);
        assert_eq!(class('한'), Class::CommonHangul);
        assert_eq!(class('é'), Class::LatinLower);
        assert_eq!(class('Ã'), Class::LatinUpper);
        assert_eq!(class('©'), Class::Symbol);
        assert_eq!(class('д'), Class::Letter);
        assert_eq!(class('\u{85}'), Class::Control);
        assert_eq!(class('，'), Class::CjkPunct);
    }

    #[test]
    fn no_single_byte_codec_gives_ascii_for_a_high_byte() {
        // The profile pass relies on it: an ASCII character is never a lead or a
        // continuation byte.
        let pairs = lead_continuation();
        for c in (0u8..0x80).map(char::from) {
            assert_eq!(pairs.lead(c), 0, "{c:?}");
            assert_eq!(pairs.cont[c as usize], 0, "{c:?}");
            assert_eq!(pairs.space_lead[c as usize], 0, "{c:?}");
        }
    }

    #[test]
    fn pair_costs_by_class_are_the_pair_costs() {
        // Characters of every class, and the letters and cases that matter.
        let mut sample: Vec<char> = (0..0x3_0000u32)
            .step_by(61)
            .filter_map(char::from_u32)
            .collect();
        sample.extend("aZ1 ?éÉдДαΑ©\u{85}浣你ソｱ한\u{FFFD}\u{E000}".chars());
        let classifier = Classifier::get();
        let costs = class_pair_costs();
        for &p in &sample {
            for &c in &sample {
                let (pc, cc) = (classifier.class(p), classifier.class(c));
                assert_eq!(
                    costs.cost((p, pc), (c, cc)),
                    pair_cost(p, pc, c, cc),
                    "{p:?} {c:?}"
                );
            }
        }
    }

    #[test]
    fn cost_between_neighbours_is_the_cost_of_the_whole() {
        let texts = ["", "a", "Ã©", "浣犲ソ", "fran莽ais", "РґРѕ", "\u{FFFD}x"];
        for before in [None, Some('a'), Some('Ã'), Some('中')] {
            for after in [None, Some('b'), Some('©'), Some('ソ')] {
                for t in texts {
                    let whole: String = before.into_iter().chain(t.chars()).chain(after).collect();
                    assert_eq!(
                        Cost::of(t).between(before, after),
                        cost(&whole),
                        "{whole:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn mojibake_costs_more_than_text() {
        assert!(cost("浣犲ソ") > cost("你好") + 30);
        assert!(cost("Ã©tÃ©") > cost("été"));
        assert!(cost("РґРѕСЂРѕРіРµ") > cost("дороге"));
        assert_eq!(cost("hello"), 0);
    }
}
