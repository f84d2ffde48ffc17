//! Finding spans whose bytes, in the codec that misread them, are valid text in
//! the codec they were written in.
//!
//! Every scan is one pass over the characters with a small state machine, so a line
//! costs time linear in its length whatever it holds.

use std::ops::Range;
use std::sync::OnceLock;

use super::codec::{Bytes, Codec, Table};

/// A span that decodes cleanly when its characters are turned back into bytes.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Byte range in the scanned text; starts and ends on non-ASCII characters.
    pub span: Range<usize>,
    /// Characters decoded exactly from multi-byte sequences.
    pub exact: usize,
    /// Characters whose bytes were partly lost (each decoded as one U+FFFD).
    pub lost: usize,
    /// Characters that were U+FFFD already in the written text (`锟斤拷`).
    pub markers: usize,
    /// Whether a space had to be read as the byte 0xA0 it once was.
    pub restored_nbsp: bool,
}

/// The buffers of the scans, kept between them: a line can have a scan for
/// every island of Latin text in it, and clean text must not allocate for it.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The text of the UTF-8 scan's run.
    run: String,
    /// The legacy scan's decoded text, and its buffer for decoding.
    decoded: String,
    decode_buffer: String,
}

/// Per-character unit of a misread byte stream.
#[derive(Clone, Copy)]
enum Unit {
    /// The bytes the character came from.
    Bytes(Bytes),
    /// A character that stands for one lost byte (U+FFFD, or `?` where a
    /// continuation byte was due).
    Wild,
    /// A character the misreading codec cannot have produced.
    Break,
}

/// The UTF-8 state machine over misread bytes, with CESU-8 surrogate pairs and
/// lost bytes.
#[derive(Default, Clone)]
struct Utf8 {
    need: u8,
    cp: u32,
    lo: u8,
    hi: u8,
    lost: bool,
    /// A high surrogate decoded from CESU-8, waiting for its low half.
    high: Option<u32>,
}

enum Step {
    Ok,
    Char(char, bool),
    Err,
}

impl Utf8 {
    fn reset(&mut self) {
        *self = Utf8::default();
    }

    #[inline(always)]
    fn in_sequence(&self) -> bool {
        self.need > 0 || self.high.is_some()
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) -> Step {
        if self.need == 0 {
            if self.high.is_some() && b != 0xED {
                return Step::Err;
            }
            if b.is_ascii() {
                return Step::Char(b as char, false);
            }
            // 0xED admits surrogates: CESU-8 writes astral characters as pairs.
            let Some((need, cp, lo, hi)) = lead(b) else {
                return Step::Err;
            };
            self.need = need;
            self.cp = cp;
            self.lo = lo;
            self.hi = hi;
            self.lost = false;
            return Step::Ok;
        }
        if !(self.lo..=self.hi).contains(&b) {
            return Step::Err;
        }
        self.cp = (self.cp << 6) | u32::from(b & 0x3F);
        self.lo = 0x80;
        self.hi = 0xBF;
        self.need -= 1;
        if self.need > 0 {
            return Step::Ok;
        }
        self.finish()
    }

    /// One byte that was lost: a continuation if one is due, else a lead byte.
    #[inline(always)]
    fn wild(&mut self) -> Step {
        if self.high.is_some() {
            return Step::Err;
        }
        if self.need == 0 {
            return Step::Char('\u{FFFD}', true);
        }
        self.lost = true;
        self.lo = 0x80;
        self.hi = 0xBF;
        self.need -= 1;
        if self.need > 0 {
            return Step::Ok;
        }
        self.finish()
    }

    #[inline(always)]
    fn finish(&mut self) -> Step {
        if self.lost {
            self.high = None;
            return Step::Char('\u{FFFD}', true);
        }
        let cp = self.cp;
        match (self.high.take(), cp) {
            (None, 0xD800..=0xDBFF) => {
                self.high = Some(cp);
                Step::Ok
            }
            (Some(high), 0xDC00..=0xDFFF) => {
                let astral = 0x1_0000 + ((high - 0xD800) << 10) + (cp - 0xDC00);
                char::from_u32(astral).map_or(Step::Err, |c| Step::Char(c, false))
            }
            (Some(_), _) | (None, 0xDC00..=0xDFFF) => Step::Err,
            (None, _) => char::from_u32(cp).map_or(Step::Err, |c| Step::Char(c, false)),
        }
    }
}

/// What UTF-8 lead byte `b` opens: how many continuation bytes it needs, the
/// code point's bits so far, and the range of the first continuation byte
/// (which rules out overlong forms and code points past U+10FFFF). `None` for
/// a byte that is no lead.
#[inline(always)]
fn lead(b: u8) -> Option<(u8, u32, u8, u8)> {
    Some(match b {
        0xC2..=0xDF => (1, u32::from(b & 0x1F), 0x80, 0xBF),
        0xE0 => (2, 0, 0xA0, 0xBF),
        0xE1..=0xEF => (2, u32::from(b & 0x0F), 0x80, 0xBF),
        0xF0 => (3, 0, 0x90, 0xBF),
        0xF1..=0xF3 => (3, u32::from(b & 0x07), 0x80, 0xBF),
        0xF4 => (3, 4, 0x80, 0x8F),
        _ => return None,
    })
}

/// The current run of a UTF-8 scan, and the last point where it could end.
struct Run {
    start: usize,
    decoded: String,
    exact: usize,
    lost: usize,
    markers: usize,
    nbsp: bool,
    safe: Option<(usize, usize, usize, usize, usize, bool)>,
}

impl Run {
    /// A run at `start`, decoding into `buffer` (cleared).
    fn new(start: usize, mut buffer: String) -> Run {
        buffer.clear();
        Run {
            start,
            decoded: buffer,
            exact: 0,
            lost: 0,
            markers: 0,
            nbsp: false,
            safe: None,
        }
    }

    /// Starts over at `start`, keeping the buffer: clean text restarts a run at
    /// almost every character, and must not allocate for it.
    fn reset(&mut self, start: usize) {
        self.start = start;
        self.decoded.clear();
        self.exact = 0;
        self.lost = 0;
        self.markers = 0;
        self.nbsp = false;
        self.safe = None;
    }

    #[inline(always)]
    fn mark_safe(&mut self, end: usize) {
        self.safe = Some((
            end,
            self.decoded.len(),
            self.exact,
            self.lost,
            self.markers,
            self.nbsp,
        ));
    }

    #[inline(always)]
    fn push(&mut self, c: char, lost: bool) {
        self.decoded.push(c);
        if lost {
            self.lost += 1;
        } else if c == '\u{FFFD}' {
            self.markers += 1;
        } else if !c.is_ascii() {
            self.exact += 1;
        }
    }

    /// Reports the run up to its last safe end, trimmed to non-ASCII at both
    /// ends.
    fn emit(&self, text: &str, report: &mut impl FnMut(Candidate, &str)) {
        let Some((end, len, exact, lost, markers, nbsp)) = self.safe else {
            return;
        };
        if exact + lost + markers == 0 {
            return;
        }
        let (bytes, decoded) = (text.as_bytes(), self.decoded.as_bytes());
        let (mut start, mut end) = (self.start, end);
        let (mut from, mut to) = (0, len);
        // ASCII at either end decoded to itself: leave it out of the span. (A
        // byte below 0x80 is a whole character in UTF-8, never part of one.)
        while start < end && from < to && bytes[start].is_ascii() && bytes[start] == decoded[from] {
            start += 1;
            from += 1;
        }
        while start < end
            && from < to
            && bytes[end - 1].is_ascii()
            && bytes[end - 1] == decoded[to - 1]
        {
            end -= 1;
            to -= 1;
        }
        if start < end {
            let cand = Candidate {
                span: start..end,
                exact,
                lost,
                markers,
                restored_nbsp: nbsp,
            };
            report(cand, &self.decoded[from..to]);
        }
    }
}

#[inline(always)]
fn unit(table: &Table, c: char) -> Unit {
    if c.is_ascii() {
        Unit::Bytes(Bytes::One(c as u8))
    } else if c == '\u{FFFD}' {
        Unit::Wild
    } else {
        match table.bytes_of(c) {
            Bytes::None => Unit::Break,
            b => Unit::Bytes(b),
        }
    }
}

/// A set of BMP code points, a bit each.
pub(crate) struct BmpSet(Box<[u64; 0x1_0000 / 64]>);

impl BmpSet {
    /// The non-ASCII BMP characters for which `member` holds.
    fn of(member: impl Fn(char) -> bool) -> BmpSet {
        let mut set = Box::new([0u64; 0x1_0000 / 64]);
        for c in (0x80..0x1_0000u32).filter_map(char::from_u32) {
            if member(c) {
                let cp = c as usize;
                set[cp / 64] |= 1 << (cp % 64);
            }
        }
        BmpSet(set)
    }

    /// The set of `member` for the codec `read`, built at first use into one of
    /// `sets` (a static, one set a codec).
    fn cached(
        sets: &'static [OnceLock<BmpSet>; Codec::ALL.len()],
        read: Codec,
        member: impl Fn(char) -> bool,
    ) -> &'static BmpSet {
        sets[read.index()].get_or_init(|| BmpSet::of(member))
    }

    /// Whether the BMP code point `cp` is in the set.
    #[inline(always)]
    pub(crate) fn contains(&self, cp: u16) -> bool {
        self.0[usize::from(cp / 64)] & (1 << (cp % 64)) != 0
    }

    /// Whether `c` is in the set (never, past the BMP).
    #[inline]
    pub(crate) fn contains_char(&self, c: char) -> bool {
        u16::try_from(c as u32).is_ok_and(|cp| self.contains(cp))
    }
}

/// Per BMP character, whether reading it back as `read` gives bytes that cannot
/// begin UTF-8 (or no bytes): from a closed run, such a character leaves the
/// scan as it was. Most of clean CJK text is such characters, and is skipped at
/// a lookup each.
pub(crate) fn dead_in(read: Codec) -> &'static BmpSet {
    static SETS: [OnceLock<BmpSet>; Codec::ALL.len()] =
        [const { OnceLock::new() }; Codec::ALL.len()];
    let table = read.table();
    BmpSet::cached(&SETS, read, |c| {
        let mut dfa = Utf8::default();
        match unit(table, c) {
            Unit::Break | Unit::Bytes(Bytes::None) => true,
            Unit::Wild => false,
            Unit::Bytes(Bytes::One(b)) => matches!(dfa.byte(b), Step::Err),
            Unit::Bytes(Bytes::Two(a, b)) => match dfa.byte(a) {
                Step::Err => true,
                Step::Ok => matches!(dfa.byte(b), Step::Err),
                Step::Char(..) => false,
            },
        }
    })
}

/// Per BMP character, whether reading it back as some double-byte codec gives
/// bytes that can end a UTF-8 sequence, begun in them or before them, before an
/// ASCII letter: a continuation byte, maybe followed by an ASCII byte, or a
/// two-byte sequence whole. CJK text glued to a Latin word after it is
/// mojibake only if its last character is one of these (`莽ais`, from `ç`).
/// A superset of what the UTF-8 state machine takes, which is the safe side.
pub(crate) fn ends_in_double_byte() -> &'static BmpSet {
    static SET: OnceLock<BmpSet> = OnceLock::new();
    SET.get_or_init(|| {
        let tables = Codec::DOUBLE_BYTE.map(Codec::table);
        let continuation = |b: u8| (0x80..=0xBF).contains(&b);
        BmpSet::of(|c| {
            tables.iter().any(|table| match table.bytes_of(c) {
                Bytes::None => false,
                Bytes::One(b) => continuation(b),
                Bytes::Two(a, b) => {
                    (continuation(a) && (continuation(b) || b.is_ascii()))
                        || ((0xC2..=0xDF).contains(&a) && continuation(b))
                }
            })
        })
    })
}

/// Per BMP character, whether it counts as rare ([`super::rare_class`]) and
/// `read` has bytes for it: a run of `read`'s characters is rare enough for the
/// judge ([`super::rare_enough`]) only with one of these in it.
fn rare_in(read: Codec) -> &'static BmpSet {
    static SETS: [OnceLock<BmpSet>; Codec::ALL.len()] =
        [const { OnceLock::new() }; Codec::ALL.len()];
    let (table, classifier) = (read.table(), super::chars::Classifier::get());
    BmpSet::cached(&SETS, read, |c| {
        !matches!(table.bytes_of(c), Bytes::None) && super::rare_class(classifier.class(c))
    })
}

/// The code point of the three-byte UTF-8 sequence `b0 b1 b2`.
#[inline(always)]
pub(crate) fn three_byte_cp(b0: u8, b1: u8, b2: u8) -> u16 {
    (u16::from(b0 & 0x0F) << 12) | (u16::from(b1 & 0x3F) << 6) | u16::from(b2 & 0x3F)
}

/// The code point and length of the two- or three-byte UTF-8 character that
/// `bytes` starts with.
#[inline(always)]
fn bmp_char(bytes: &[u8]) -> Option<(u16, usize)> {
    match *bytes {
        [b0 @ 0xC0..=0xDF, b1, ..] => Some(((u16::from(b0 & 0x1F) << 6) | u16::from(b1 & 0x3F), 2)),
        [b0 @ 0xE0..=0xEF, b1, b2, ..] => Some((three_byte_cp(b0, b1, b2), 3)),
        _ => None,
    }
}

/// Whether some character of `bytes` (valid UTF-8) is in `set`. A loop of its
/// own: it passes over a whole window at a lookup a character.
fn any_in(bytes: &[u8], set: &BmpSet) -> bool {
    let mut rest = bytes;
    loop {
        // By slice patterns, a width an arm: the walk keeps no index to check.
        rest = match *rest {
            [b0 @ 0xE0..=0xEF, b1, b2, ref tail @ ..] => {
                if set.contains(three_byte_cp(b0, b1, b2)) {
                    return true;
                }
                tail
            }
            [b0 @ 0xC0..=0xDF, b1, ref tail @ ..] => {
                if set.contains((u16::from(b0 & 0x1F) << 6) | u16::from(b1 & 0x3F)) {
                    return true;
                }
                tail
            }
            // ASCII, and astral characters (no double-byte codec has them).
            [b0, ref tail @ ..] if b0 < 0x80 => tail,
            [_, _, _, _, ref tail @ ..] => tail,
            _ => return false,
        };
    }
}

/// How many bytes of two- and three-byte characters in `dead` (see [`dead_in`])
/// `bytes` starts with.
fn dead_run(bytes: &[u8], dead: &BmpSet) -> usize {
    let mut at = 0;
    while let Some((cp, width)) = bmp_char(&bytes[at..]) {
        if !dead.contains(cp) {
            break;
        }
        at += width;
    }
    at
}

/// U+FFFD in UTF-8.
pub(crate) const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// How many bytes of three-byte characters that a double-byte codec writes in
/// two bytes `bytes` starts with, as far as their bytes go on with the open run
/// at `offset` in the text: those bytes go through `dfa` into `run`. The bulk of
/// CJK mojibake, taken without the general loop's cases (ASCII, lost bytes,
/// spaces, CESU-8 surrogates): each character here is what that loop would make
/// of it, and it stops where that loop must decide.
#[inline(never)]
fn two_byte_stretch(
    bytes: &[u8],
    read: Codec,
    table: &Table,
    dfa: &mut Utf8,
    run: &mut Run,
    offset: usize,
) -> usize {
    // A sequence with a byte lost in it is the general loop's (its end is one
    // U+FFFD); once it ended, `lost` only waits for the next lead byte.
    if dfa.high.is_some() || (dfa.lost && dfa.need > 0) {
        return 0;
    }
    // The state machine's fields, in registers.
    let (mut need, mut cp, mut lo, mut hi) = (dfa.need, dfa.cp, dfa.lo, dfa.hi);
    let mut lost = dfa.lost;
    let mut at = 0;
    let seen_through = read.seen_through().as_bytes();
    // Its first character's bytes, compared before the whole of it.
    let seen_first = match *seen_through {
        [a, b, c, ..] => [a, b, c],
        _ => [0; 3],
    };
    while let [b0 @ 0xE0..=0xEF, b1, b2, ..] = *bytes.get(at..).unwrap_or_default() {
        // Runs of `锟斤拷` (two U+FFFD, misread) at once: each gives two markers
        // and ends where a character ends.
        if need == 0 && [b0, b1, b2] == seen_first && bytes[at..].starts_with(seen_through) {
            let n = bytes[at..]
                .chunks_exact(seen_through.len())
                .take_while(|c| *c == seen_through)
                .count();
            run.decoded.extend(std::iter::repeat_n('\u{FFFD}', 2 * n));
            run.markers += 2 * n;
            at += n * seen_through.len();
            run.mark_safe(offset + at);
            continue;
        }
        // A U+FFFD where one continuation byte is due: the byte lost, the
        // sequence ended as one U+FFFD (what `Utf8::wild` does). A mojibake
        // line with bytes lost has one every few characters.
        if need == 1 && [b0, b1, b2] == [0xEF, 0xBF, 0xBD] {
            run.push('\u{FFFD}', true);
            (need, lo, hi) = (0, 0x80, 0xBF);
            lost = true;
            at += 3;
            run.mark_safe(offset + at);
            continue;
        }
        let Some(pair) = table.two_bytes_of(three_byte_cp(b0, b1, b2)) else {
            break;
        };
        // Both bytes on a copy of the state; the characters they complete.
        let (mut n, mut c, mut l, mut h) = (need, cp, lo, hi);
        let mut done = [0u32; 2];
        let mut count = 0;
        let mut failed = false;
        let mut opened_any = false;
        for b in pair {
            if n == 0 {
                if b.is_ascii() {
                    done[count] = u32::from(b);
                    count += 1;
                    continue;
                }
                let Some(opened) = lead(b) else {
                    failed = true;
                    break;
                };
                (n, c, l, h) = opened;
                opened_any = true;
                // Surrogates (CESU-8) are the general loop's.
                if b == 0xED {
                    h = 0x9F;
                }
                continue;
            }
            if !(l..=h).contains(&b) {
                failed = true;
                break;
            }
            c = (c << 6) | u32::from(b & 0x3F);
            (l, h) = (0x80, 0xBF);
            n -= 1;
            if n == 0 {
                // A surrogate, from a sequence the general loop began.
                if (0xD800..=0xDFFF).contains(&c) {
                    failed = true;
                    break;
                }
                done[count] = c;
                count += 1;
            }
        }
        if failed {
            break;
        }
        // A lead byte starts a sequence with nothing lost.
        lost &= !opened_any;
        (need, cp, lo, hi) = (n, c, l, h);
        for &d in &done[..count] {
            // Valid by the ranges and the check above.
            let ch = char::from_u32(d).unwrap_or('\u{FFFD}');
            run.push(ch, false);
        }
        at += 3;
        if need == 0 {
            run.mark_safe(offset + at);
        }
    }
    (dfa.need, dfa.cp, dfa.lo, dfa.hi, dfa.lost) = (need, cp, lo, hi, lost);
    at
}

/// Whether `text` read back as the single-byte codec of `table` may hold what
/// [`scan_utf8`] reports: a U+FFFD (a lost byte), or a lead byte followed by as
/// many units as it needs, each a continuation byte or a stand-in for a lost
/// one (`?`, U+FFFD, a space where byte 0xA0 is a no-break space; after a
/// two-byte lead, only where the character it gives can stand before one).
/// A superset of what the scan decodes, at a lookup a character where the scan
/// costs some hundred: clean Cyrillic, Greek and accented Latin text has lead
/// bytes at every turn (`а` is 0xE0 in windows-1251) and seldom what they need.
fn may_hold_sequence(text: &str, table: &Table, nbsp_byte: bool) -> bool {
    // Continuation units still due, and the code point bits of a two-byte
    // lead just read (`None` past the first unit, or after a longer lead).
    let (mut need, mut two_byte) = (0u8, None);
    for c in text.chars() {
        if c == '\u{FFFD}' {
            return true;
        }
        let byte = if c.is_ascii() {
            Some(c as u8)
        } else {
            table.byte_of(c)
        };
        if need > 0 {
            let fits = match c {
                '?' => true,
                ' ' => {
                    nbsp_byte
                        && two_byte.is_none_or(|bits: u32| {
                            char::from_u32((bits << 6) | 0x20)
                                .is_some_and(super::chars::nbsp_plausible)
                        })
                }
                _ => byte.is_some_and(|b| (0x80..=0xBF).contains(&b)),
            };
            if fits {
                need -= 1;
                if need == 0 {
                    return true;
                }
                two_byte = None;
                continue;
            }
        }
        (need, two_byte) = match byte.and_then(lead) {
            Some((need, bits, ..)) => (need, (need == 1).then_some(bits)),
            None => (0, None),
        };
    }
    false
}

/// Spans of `text` that are UTF-8 misread as `read`, reported in order with the
/// text they decode to.
pub(crate) fn scan_utf8(
    text: &str,
    read: Codec,
    scratch: &mut Scratch,
    report: &mut impl FnMut(Candidate, &str),
) {
    let table = read.table();
    let single = read.is_single_byte();
    // Single-byte codecs scan islands of Latin text, with few such characters.
    let dead = (!single).then(|| dead_in(read));
    let nbsp_byte = single && table.char_of(0xA0) == Some('\u{A0}');
    // (A short island costs the scan little more than the check: `Ã©`.)
    if single && text.len() > 16 && !may_hold_sequence(text, table, nbsp_byte) {
        return;
    }
    let bytes_of_text = text.as_bytes();
    let mut dfa = Utf8::default();
    let mut run = Run::new(0, std::mem::take(&mut scratch.run));
    let mut active = false;
    let mut at = 0;
    while at < bytes_of_text.len() {
        // ASCII where no sequence is open decodes to itself and only extends the
        // run: a whole stretch of it at once.
        if bytes_of_text[at].is_ascii() && dfa.need == 0 && dfa.high.is_none() {
            let len = bytes_of_text[at..]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(bytes_of_text.len() - at);
            if !active {
                run.reset(at);
                active = true;
            }
            run.decoded.push_str(&text[at..at + len]);
            at += len;
            run.mark_safe(at);
            continue;
        }
        // So does U+FFFD, each a byte lost where no sequence is open.
        if bytes_of_text[at..].starts_with(REPLACEMENT) && dfa.need == 0 && dfa.high.is_none() {
            let len = bytes_of_text[at..]
                .chunks_exact(3)
                .take_while(|c| *c == REPLACEMENT)
                .count();
            if !active {
                run.reset(at);
                active = true;
            }
            // Each is a lost byte: `Run::push` of U+FFFD, all at once.
            run.decoded.push_str(&text[at..at + 3 * len]);
            run.lost += len;
            at += 3 * len;
            run.mark_safe(at);
            continue;
        }
        if active && !single {
            let stretch =
                two_byte_stretch(&bytes_of_text[at..], read, table, &mut dfa, &mut run, at);
            if stretch > 0 {
                at += stretch;
                continue;
            }
        }
        if let Some(dead) = dead.filter(|_| !active && dfa.need == 0 && dfa.high.is_none()) {
            let skip = dead_run(&bytes_of_text[at..], dead);
            if skip > 0 {
                at += skip;
                continue;
            }
        }
        let (c, width) = char_at(bytes_of_text, at);
        let end = at + width;
        let mut u = unit(table, c);
        let mut keep_space = false;
        let mut converted_space = false;
        if dfa.need > 0 {
            match c {
                // A byte 0xA0 (no-break space) that became a space on the way.
                // Only where byte 0xA0 reads as a no-break space: in MacRoman it
                // is `†`, and `– ` is an en dash and a space.
                ' ' if nbsp_byte => {
                    u = Unit::Bytes(Bytes::One(0xA0));
                    converted_space = true;
                    // `Ã ` + word: the à of French and Portuguese lost its NBSP
                    // but the space after it is real.
                    keep_space = dfa.cp == 0x03 && dfa.need == 1 && !crasis(&text[end..]);
                }
                '?' => u = Unit::Wild,
                _ => {}
            }
        }
        let mut bytes: [Option<u8>; 2] = match u {
            Unit::Break | Unit::Bytes(Bytes::None) => {
                if active {
                    run.emit(text, report);
                    active = false;
                }
                dfa.reset();
                at = end;
                continue;
            }
            Unit::Wild => [None, None],
            Unit::Bytes(Bytes::One(b)) => [Some(b), None],
            Unit::Bytes(Bytes::Two(a, b)) => [Some(a), Some(b)],
        };
        let mut steps = if bytes[1].is_some() { 2 } else { 1 };
        // In a double-byte codec a U+FFFD may stand for two lost bytes (a lead
        // and a trail the decoder swallowed): take two when the next character
        // only fits after two.
        if matches!(u, Unit::Wild) && !single && dfa.need >= 2 {
            let next =
                (end < bytes_of_text.len()).then(|| unit(table, char_at(bytes_of_text, end).0));
            let next_fits = |wilds: usize| {
                let mut probe = dfa.clone();
                for _ in 0..wilds {
                    if matches!(probe.wild(), Step::Err) {
                        return false;
                    }
                }
                match next {
                    Some(Unit::Bytes(Bytes::One(b) | Bytes::Two(b, _))) => {
                        !matches!(probe.byte(b), Step::Err)
                    }
                    _ => true,
                }
            };
            if !next_fits(1) && next_fits(2) {
                steps = 2;
                bytes = [None, None];
            }
        }
        if !active {
            run.reset(at);
            active = true;
        }
        let mut failed_at = None;
        for (i, &b) in bytes[..steps].iter().enumerate() {
            let step = match b {
                Some(b) => dfa.byte(b),
                None => dfa.wild(),
            };
            match step {
                Step::Ok => {}
                // A space read back as 0xA0 must give a character that such
                // text holds, not a stray symbol of another script.
                Step::Char(ch, _) if converted_space && !super::chars::nbsp_plausible(ch) => {
                    failed_at = Some(i);
                    break;
                }
                Step::Char(ch, lost) => run.push(ch, lost),
                Step::Err => {
                    failed_at = Some(i);
                    break;
                }
            }
        }
        match failed_at {
            None => {
                if keep_space {
                    run.push(' ', false);
                }
                run.nbsp |= converted_space;
                if !dfa.in_sequence() {
                    run.mark_safe(end);
                }
            }
            Some(i) => {
                run.emit(text, report);
                active = false;
                dfa.reset();
                // The character may start the next run if its first byte failed
                // only because it interrupted a sequence.
                if i == 0 && !matches!(u, Unit::Wild) && !converted_space && c != '?' {
                    run.reset(at);
                    active = true;
                    for b in bytes.iter().take(steps).flatten() {
                        match dfa.byte(*b) {
                            Step::Ok => {}
                            Step::Char(ch, lost) => run.push(ch, lost),
                            Step::Err => {
                                active = false;
                                break;
                            }
                        }
                    }
                    if !active {
                        dfa.reset();
                    } else if !dfa.in_sequence() {
                        run.mark_safe(end);
                    }
                }
            }
        }
        at = end;
    }
    if active {
        run.emit(text, report);
    }
    scratch.run = run.decoded;
}

/// The character starting at byte `at` of valid UTF-8 `bytes`, and its length.
/// By hand rather than with `str::chars`: slicing the text at every character to
/// decode one costs as much as the rest of a scan or of the profile pass.
#[inline(always)]
pub(crate) fn char_at(bytes: &[u8], at: usize) -> (char, usize) {
    let lead = u32::from(bytes[at]);
    let cont = |k: usize| u32::from(bytes[at + k] & 0x3F);
    let (cp, width) = match lead {
        0x00..=0x7F => (lead, 1),
        0x80..=0xDF => (((lead & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => (((lead & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            ((lead & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    };
    // Valid UTF-8 decodes to a valid scalar value.
    (char::from_u32(cp).unwrap_or('\u{FFFD}'), width)
}

/// Whether the text after `Ã ` continues a Portuguese crasis (`às`, `àquele`),
/// where the space was the no-break space itself; elsewhere (`voilà le`) the
/// space after the à is real.
fn crasis(rest: &str) -> bool {
    let word_end = |s: &str| s.chars().next().is_none_or(|c| !c.is_alphanumeric());
    if rest.starts_with(' ') {
        return true;
    }
    rest == "s"
        || rest.starts_with("s ")
        || ["quele", "quela", "quilo", "queles", "quelas"]
            .iter()
            .any(|w| rest.strip_prefix(w).is_some_and(word_end))
}

/// Spans of `text` that are `written` bytes (a legacy codec) misread as `read`:
/// maximal runs of characters with high bytes in `read`, decoded strictly;
/// reported in order with the text they decode to.
pub(crate) fn scan_legacy(
    text: &str,
    written: Codec,
    read: Codec,
    rare_runs_only: bool,
    scratch: &mut Scratch,
    report: &mut impl FnMut(Candidate, &str),
) {
    // Latin-9 soup with runs a fixer re-read as UTF-8 (`Ê×ϯ֎`).
    let refixed = read == Codec::Iso8859_15Refixed;
    let table = if refixed {
        Codec::Iso8859_15.table()
    } else {
        read.table()
    };
    // Without a rare character of `read` no run is rare enough: where only
    // such runs are wanted, a repaired line (whose lost bytes, U+FFFD, are
    // markers that make it a window whole) is passed over at a lookup each.
    if rare_runs_only && !refixed && !any_in(text.as_bytes(), rare_in(read)) {
        return;
    }
    let double_byte = !written.is_single_byte();
    let is_lead = |b: u8| match written {
        Codec::ShiftJis => matches!(b, 0x81..=0x9F | 0xE0..=0xFC),
        _ => (0x81..=0xFE).contains(&b),
    };
    // The run's bytes. Where only rare runs are wanted, most runs are not: their
    // bytes are only counted, and written out once a run turns out wanted.
    let keep_bytes = !rare_runs_only;
    let mut bytes: Vec<u8> = Vec::new();
    let mut run_len = 0;
    let mut start = 0;
    let mut end = 0;
    // The run's non-ASCII characters, and how many of them are rare (counted
    // only where only rare runs are wanted).
    let classifier = super::chars::Classifier::get();
    let (mut rare, mut non_ascii) = (0usize, 0usize);
    // Whether the bytes so far end with a lead byte still waiting for its trail.
    let mut open = false;
    let push = |bytes: &mut Vec<u8>, run_len: &mut usize, b: u8, open: &mut bool| {
        if keep_bytes {
            bytes.push(b);
        }
        *run_len += 1;
        *open = double_byte && !*open && is_lead(b);
    };
    let mut flush = |bytes: &mut Vec<u8>, start: usize, end: usize, rare: usize, n: usize| {
        let wanted = !rare_runs_only || super::rare_enough(rare, n);
        if wanted && !keep_bytes {
            // The bytes of a run with no re-read soup: each character's own.
            for c in text[start..end].chars() {
                match table.bytes_of(c) {
                    _ if c.is_ascii() => bytes.push(c as u8),
                    Bytes::One(b) => bytes.push(b),
                    Bytes::Two(a, b) => bytes.extend([a, b]),
                    Bytes::None => {}
                }
            }
        }
        // One high byte is a whole character only in a single-byte codec (a
        // one-letter word); the judge asks for support from the line then.
        let high = bytes.iter().filter(|b| **b >= 0x80).count();
        if wanted && (high >= 2 || (high == 1 && !double_byte)) {
            let decoded = &mut scratch.decoded;
            decoded.clear();
            if written.decode_strict_into(bytes, decoded, &mut scratch.decode_buffer) {
                let cand = Candidate {
                    span: start..end,
                    exact: decoded.chars().filter(|c| !c.is_ascii()).count(),
                    lost: 0,
                    markers: 0,
                    restored_nbsp: false,
                };
                report(cand, decoded);
            }
        }
        bytes.clear();
    };
    let text_bytes = text.as_bytes();
    let mut next = 0;
    while next < text_bytes.len() {
        // Between runs, ASCII and characters `read` has no bytes for start
        // nothing (outside the re-read soup): pass over them at a lookup each.
        if run_len == 0 && !refixed {
            while let Some(&b) = text_bytes.get(next) {
                if b.is_ascii() {
                    next += 1;
                } else {
                    let (c, width) = char_at(text_bytes, next);
                    if !matches!(table.bytes_of(c), Bytes::None) {
                        break;
                    }
                    next += width;
                }
            }
            if next == text_bytes.len() {
                break;
            }
        }
        let at = next;
        let (c, width) = char_at(text_bytes, at);
        next = at + width;
        let unit = if c.is_ascii() {
            // An ASCII trail byte completes a double-byte character (`\x81@`).
            if open && (0x40..=0x7E).contains(&(c as u8)) {
                push(&mut bytes, &mut run_len, c as u8, &mut open);
                end = at + 1;
                continue;
            }
            Bytes::None
        } else {
            table.bytes_of(c)
        };
        if run_len == 0 {
            start = at;
            open = false;
            (rare, non_ascii) = (0, 0);
        }
        // What the fixer made of the bytes can be any character, but CJK text
        // around the soup is text, not more of it.
        let cjk = matches!(c as u32, 0x3000..=0x303F | 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF);
        if refixed && matches!(unit, Bytes::None) && !c.is_ascii() && !cjk {
            Codec::refixed_bytes(c, |b| push(&mut bytes, &mut run_len, b, &mut open));
            end = at + c.len_utf8();
            continue;
        }
        match unit {
            Bytes::One(b) => push(&mut bytes, &mut run_len, b, &mut open),
            Bytes::Two(a, b) => {
                push(&mut bytes, &mut run_len, a, &mut open);
                push(&mut bytes, &mut run_len, b, &mut open);
            }
            Bytes::None => {
                if run_len > 0 {
                    flush(&mut bytes, start, end, rare, non_ascii);
                }
                run_len = 0;
                open = false;
                continue;
            }
        }
        if rare_runs_only {
            non_ascii += 1;
            rare += usize::from(super::rare_class(classifier.class(c)));
        }
        end = at + c.len_utf8();
    }
    if run_len > 0 {
        flush(&mut bytes, start, end, rare, non_ascii);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_latin_cyrillic_and_greek_hold_no_sequence_to_scan() {
        let holds = |text: &str, read: Codec| {
            let table = read.table();
            may_hold_sequence(text, table, table.char_of(0xA0) == Some('\u{A0}'))
        };
        // Lead bytes at every turn (ó, ł, ś are 0xF3, 0xB3, 0x9C), none with
        // the continuation bytes it needs.
        assert!(!holds(
            "Zażółć gęślą jaźń, proszę bardzo.",
            Codec::Windows1250
        ));
        assert!(!holds(
            "Ceci est un texte français très abîmé.",
            Codec::Windows1252
        ));
        assert!(!holds("Αθήνα είναι η πρωτεύουσα", Codec::Windows1253));
        // Mojibake, whole or with a byte lost.
        assert!(holds("franÃ§ais", Codec::Windows1252));
        assert!(holds("Ã  bientôt", Codec::Windows1252));
        assert!(holds("â€?", Codec::Windows1252));
        assert!(holds("Ð\u{FFFD}", Codec::Windows1251));
        // A space for a no-break space only where it can give a letter: D0 A0
        // is `Р`, D6 A0 a Hebrew accent.
        assert!(holds("Р ", Codec::Windows1251));
        assert!(!holds("Ц ", Codec::Windows1251));
    }

    fn utf8(text: &str, read: Codec) -> Vec<(String, String)> {
        let mut out = Vec::new();
        scan_utf8(text, read, &mut Scratch::default(), &mut |c, decoded| {
            out.push((text[c.span].to_owned(), decoded.to_owned()))
        });
        out
    }

    #[test]
    fn finds_utf8_read_as_gbk_inside_clean_text() {
        let found = utf8("标题：浣犲ソ，世界", Codec::Gbk);
        assert!(
            found.contains(&("浣犲ソ".to_owned(), "你好".to_owned())),
            "{found:?}"
        );
    }

    #[test]
    fn finds_utf8_read_as_windows_1252() {
        assert_eq!(
            utf8("the cafÃ© is open", Codec::Windows1252),
            [("Ã©".to_owned(), "é".to_owned())]
        );
        assert_eq!(
            utf8("ä½ å¥½", Codec::Windows1252),
            [("ä½ å¥½".to_owned(), "你好".to_owned())]
        );
    }

    #[test]
    fn lost_bytes_become_one_replacement_each() {
        let found = utf8("涓� ", Codec::Gbk);
        assert_eq!(found, [("涓�".to_owned(), "\u{FFFD}".to_owned())]);
        let found = utf8("â€œlossy decodingâ€�", Codec::Windows1252);
        assert_eq!(found[0].1, "“lossy decoding\u{FFFD}");
    }

    #[test]
    fn a_line_with_a_byte_lost_every_few_characters_is_one_span() {
        // `质量新闻网` misread as GBK loses its last byte; three in a row are one
        // span, each lost character one U+FFFD.
        let block = "璐ㄩ噺鏂伴椈缃\u{FFFD}";
        let line = block.repeat(3);
        let mut found = Vec::new();
        scan_utf8(&line, Codec::Gbk, &mut Scratch::default(), &mut |c, d| {
            found.push((c.span, c.exact, c.lost, d.to_owned()))
        });
        let decoded = "质量新闻\u{FFFD}".repeat(3);
        assert_eq!(found, [(0..line.len(), 12, 3, decoded)]);
    }

    #[test]
    fn cesu8_pairs_decode_to_astral_characters() {
        let mojibake: String = [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]
            .iter()
            .map(|&b| Codec::Windows1252.table().char_of(b).unwrap_or('?'))
            .collect();
        assert_eq!(utf8(&mojibake, Codec::Windows1252)[0].1, "😀");
    }

    #[test]
    fn runs_without_a_rare_character_are_not_wanted() {
        let rare_runs = |text: &str| {
            let mut out = Vec::new();
            let mut report = |_, decoded: &str| out.push(decoded.to_owned());
            scan_legacy(
                text,
                Codec::Gbk,
                Codec::Big5,
                true,
                &mut Scratch::default(),
                &mut report,
            );
            out
        };
        // Common characters only (and U+FFFD, which Big5 has no bytes for).
        assert!(!any_in("量新\u{FFFD}量新".as_bytes(), rare_in(Codec::Big5)));
        assert!(rare_runs("量新\u{FFFD}量新").is_empty());
        // GBK bytes read as Big5: rare characters of Big5's text.
        let misread = "窐講陔恓厙楷票腔涴う恅梒";
        assert!(any_in(misread.as_bytes(), rare_in(Codec::Big5)));
        let found = rare_runs(misread);
        assert!(
            found.len() == 1 && found[0].starts_with("质量新闻网"),
            "{found:?}"
        );
    }

    #[test]
    fn finds_gbk_read_as_latin1() {
        let mut out = Vec::new();
        let mut report = |_, decoded: &str| out.push(decoded.to_owned());
        scan_legacy(
            "ÄãºÃ",
            Codec::Gbk,
            Codec::Latin1,
            false,
            &mut Scratch::default(),
            &mut report,
        );
        assert_eq!(out, ["你好"]);
    }
}
