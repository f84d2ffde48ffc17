//! The codecs mojibake goes through, as byte <-> character maps.
//!
//! Every map is derived from a real codec at first use: encoding_rs for all but
//! CP437 (which WHATWG, and so encoding_rs, does not have: its table comes from the
//! `oem_cp` crate) and true ISO-8859-1 (the identity on bytes). Nothing is typed in
//! by hand.

use std::fmt;
use std::sync::OnceLock;

use encoding_rs::Encoding;

/// A character encoding as the software that misread the text implements it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Codec {
    /// UTF-8.
    Utf8,
    /// GBK / GB18030 as encoding_rs and browsers decode it.
    Gbk,
    /// Big5 (with the HKSCS extensions browsers use).
    Big5,
    /// Shift_JIS.
    ShiftJis,
    /// EUC-JP.
    EucJp,
    /// EUC-KR (Windows-949, as browsers decode it).
    EucKr,
    /// Windows-1250 (Central European).
    Windows1250,
    /// Windows-1251 (Cyrillic).
    Windows1251,
    /// ISO-8859-2 (Central European).
    Iso8859_2,
    /// Windows-1252 (Western), with C1 controls for its five undefined bytes.
    Windows1252,
    /// ISO-8859-15 (Latin-9: Latin-1 with `€ Š š Ž ž Œ œ Ÿ`), a detector's guess
    /// that turned GBK pages into `Ž¬³€` soup in real corpora.
    Iso8859_15,
    /// Windows-1253 (Greek).
    Windows1253,
    /// Windows-1254 (Turkish).
    Windows1254,
    /// Windows-1257 (Baltic).
    Windows1257,
    /// ISO-8859-1 as a plain byte map (what Python and Java call latin-1).
    Latin1,
    /// Mac OS Roman.
    MacRoman,
    /// IBM code page 437 (the DOS console).
    Cp437,
    /// KOI8-R.
    Koi8R,
    /// ISO-8859-15 text in which a mojibake fixer re-read some runs as UTF-8
    /// misread as Windows-1252: GBK pages in real corpora show `Ê×ϯ֎Ð` for
    /// 首席执 (`CF AF` read as `Ï¯`, then as UTF-8 `ϯ`; `D6 B4` read as `ÖŽ`, then,
    /// with `Ž` as the Windows-1252 byte `8E`, as `֎`). Decoding gives plain
    /// ISO-8859-15; encoding takes such characters back to the original bytes.
    Iso8859_15Refixed,
}

impl Codec {
    /// Every codec, in a stable order.
    pub const ALL: [Codec; 19] = [
        Codec::Utf8,
        Codec::Gbk,
        Codec::Big5,
        Codec::ShiftJis,
        Codec::EucJp,
        Codec::EucKr,
        Codec::Windows1250,
        Codec::Windows1251,
        Codec::Iso8859_2,
        Codec::Windows1252,
        Codec::Iso8859_15,
        Codec::Windows1253,
        Codec::Windows1254,
        Codec::Windows1257,
        Codec::Latin1,
        Codec::MacRoman,
        Codec::Cp437,
        Codec::Koi8R,
        Codec::Iso8859_15Refixed,
    ];

    /// The double-byte codecs, each with its own [`super::chars::flag::live`] bit.
    pub(crate) const DOUBLE_BYTE: [Codec; 5] = [
        Codec::Gbk,
        Codec::Big5,
        Codec::ShiftJis,
        Codec::EucJp,
        Codec::EucKr,
    ];

    /// The position of this codec in [`Codec::ALL`] (which lists the codecs in
    /// the order they are declared).
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The lowercase name used in explanations (`gbk`, `windows-1252`).
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Gbk => "gbk",
            Codec::Big5 => "big5",
            Codec::ShiftJis => "shift_jis",
            Codec::EucJp => "euc-jp",
            Codec::EucKr => "euc-kr",
            Codec::Windows1250 => "windows-1250",
            Codec::Windows1251 => "windows-1251",
            Codec::Iso8859_2 => "iso-8859-2",
            Codec::Windows1252 => "windows-1252",
            Codec::Iso8859_15 => "iso-8859-15",
            Codec::Windows1253 => "windows-1253",
            Codec::Windows1254 => "windows-1254",
            Codec::Windows1257 => "windows-1257",
            Codec::Latin1 => "latin-1",
            Codec::MacRoman => "macroman",
            Codec::Cp437 => "cp437",
            Codec::Koi8R => "koi8-r",
            Codec::Iso8859_15Refixed => "iso-8859-15 partly re-read as utf-8",
        }
    }

    /// The codec named `name` (as [`Codec::name`] spells it, or a WHATWG label).
    pub fn from_name(name: &str) -> Option<Codec> {
        let lower = name.trim().to_ascii_lowercase();
        if let Some(c) = Codec::ALL.iter().find(|c| c.name() == lower) {
            return Some(*c);
        }
        match lower.as_str() {
            "iso-8859-1" | "iso8859-1" | "latin1" => return Some(Codec::Latin1),
            "cp437" | "ibm437" => return Some(Codec::Cp437),
            "gb2312" | "gb18030" => return Some(Codec::Gbk),
            _ => {}
        }
        let encoding = Encoding::for_label(lower.as_bytes())?;
        Codec::ALL
            .iter()
            .find(|c| c.encoding() == Some(encoding))
            .copied()
    }

    /// The encoding_rs encoding behind this codec, if there is one.
    pub fn encoding(self) -> Option<&'static Encoding> {
        use encoding_rs::*;
        Some(match self {
            Codec::Utf8 => UTF_8,
            Codec::Gbk => GBK,
            Codec::Big5 => BIG5,
            Codec::ShiftJis => SHIFT_JIS,
            Codec::EucJp => EUC_JP,
            Codec::EucKr => EUC_KR,
            Codec::Windows1250 => WINDOWS_1250,
            Codec::Windows1251 => WINDOWS_1251,
            Codec::Iso8859_2 => ISO_8859_2,
            Codec::Windows1252 => WINDOWS_1252,
            Codec::Iso8859_15 => ISO_8859_15,
            Codec::Windows1253 => WINDOWS_1253,
            Codec::Windows1254 => WINDOWS_1254,
            Codec::Windows1257 => WINDOWS_1257,
            Codec::MacRoman => MACINTOSH,
            Codec::Koi8R => KOI8_R,
            Codec::Latin1 | Codec::Cp437 | Codec::Iso8859_15Refixed => return None,
        })
    }

    /// Whether every byte is one character.
    pub fn is_single_byte(self) -> bool {
        !matches!(
            self,
            Codec::Utf8
                | Codec::Gbk
                | Codec::Big5
                | Codec::ShiftJis
                | Codec::EucJp
                | Codec::EucKr
                | Codec::Iso8859_15Refixed
        )
    }

    /// Whether legacy bytes read this way come out as Latin letter soup (`ÄãºÃ`):
    /// the single-byte codecs, and ISO-8859-15 partly re-read as UTF-8.
    pub(crate) fn reads_as_soup(self) -> bool {
        self.is_single_byte() || self == Codec::Iso8859_15Refixed
    }

    /// The ISO-8859-15 bytes `c` came from, where a fixer re-read them as UTF-8
    /// through Windows-1252: each UTF-8 byte of `c` as the Windows-1252 character
    /// it is, back to its ISO-8859-15 byte (the byte itself where there is none).
    pub(crate) fn refixed_bytes(c: char, mut push: impl FnMut(u8)) {
        let latin9 = Codec::Iso8859_15.table();
        if let Some(b) = latin9.byte_of(c) {
            return push(b);
        }
        let windows_1252 = Codec::Windows1252.table();
        for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
            let back = windows_1252
                .char_of(b)
                .and_then(|ch| latin9.byte_of(ch))
                .unwrap_or(b);
            push(back);
        }
    }

    /// Encodes `text`, or `None` if some character has no encoding here.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Codec::Utf8 => Some(text.as_bytes().to_vec()),
            Codec::Iso8859_15Refixed => {
                let mut out = Vec::with_capacity(text.len());
                for c in text.chars() {
                    if c.is_ascii() {
                        out.push(c as u8);
                    } else {
                        Self::refixed_bytes(c, |b| out.push(b));
                    }
                }
                Some(out)
            }
            _ if self.is_single_byte() => {
                let table = self.table();
                text.chars()
                    .map(|c| {
                        if c.is_ascii() {
                            Some(c as u8)
                        } else {
                            table.byte_of(c)
                        }
                    })
                    .collect()
            }
            _ => {
                let encoding = self.encoding()?;
                let mut encoder = encoding.new_encoder();
                let mut out = Vec::with_capacity(
                    encoder.max_buffer_length_from_utf8_without_replacement(text.len())?,
                );
                // `encode()` would write `&#NNNN;` for unmappable characters; the
                // version without replacement says so instead.
                let (result, _) =
                    encoder.encode_from_utf8_to_vec_without_replacement(text, &mut out, true);
                match result {
                    encoding_rs::EncoderResult::InputEmpty => Some(out),
                    _ => None,
                }
            }
        }
    }

    /// Decodes `bytes` as this codec would, with U+FFFD for malformed sequences
    /// (the way browsers decode).
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Codec::Latin1 => bytes.iter().map(|&b| b as char).collect(),
            Codec::Iso8859_15Refixed => Codec::Iso8859_15.decode(bytes),
            Codec::Cp437 => bytes
                .iter()
                .map(|&b| {
                    if b < 0x80 {
                        b as char
                    } else {
                        oem_cp::code_table::DECODING_TABLE_CP437[usize::from(b - 0x80)]
                    }
                })
                .collect(),
            _ => match self.encoding() {
                Some(e) => e.decode_without_bom_handling(bytes).0.into_owned(),
                None => String::from_utf8_lossy(bytes).into_owned(),
            },
        }
    }

    /// Decodes `bytes`, or `None` if any sequence is malformed.
    pub fn decode_strict(self, bytes: &[u8]) -> Option<String> {
        let mut out = String::new();
        self.decode_strict_into(bytes, &mut out, &mut String::new())
            .then_some(out)
    }

    /// Appends `bytes` decoded to `out` and says so, or leaves `out` as it was if
    /// any sequence is malformed: [`Codec::decode_strict`] without a new
    /// string for each decode. `scratch` is a buffer to reuse between calls.
    pub(crate) fn decode_strict_into(
        self,
        bytes: &[u8],
        out: &mut String,
        scratch: &mut String,
    ) -> bool {
        let encoding = match self {
            // Every byte is a character.
            Codec::Latin1 | Codec::Cp437 | Codec::Iso8859_15Refixed => {
                out.push_str(&self.decode(bytes));
                return true;
            }
            // A single-byte codec's table, character by character: a run of soup
            // is a few bytes, and a new string for each costs more than it.
            _ if self.is_single_byte() => {
                let table = self.table();
                let len = out.len();
                for &b in bytes {
                    match if b < 0x80 {
                        Some(char::from(b))
                    } else {
                        table.char_of(b)
                    } {
                        Some(c) => out.push(c),
                        None => {
                            out.truncate(len);
                            return false;
                        }
                    }
                }
                return true;
            }
            _ => match self.encoding() {
                Some(e) => e,
                None => return false,
            },
        };
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let Some(needed) = decoder.max_utf8_buffer_length_without_replacement(bytes.len()) else {
            return false;
        };
        // Into a string of its own, not into `out`: encoding_rs touches every
        // page of the spare capacity of a `String` it decodes into, and `out`
        // grows with the whole line. So does `scratch` if a long run came
        // before: then it starts over, at the size needed.
        if scratch.capacity() > (4 * needed).max(1 << 14) {
            *scratch = String::new();
        }
        scratch.clear();
        scratch.reserve(needed);
        let (result, _) = decoder.decode_to_string_without_replacement(bytes, scratch, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => {
                out.push_str(scratch);
                true
            }
            _ => false,
        }
    }

    /// What this double-byte codec makes of two U+FFFD written in UTF-8
    /// (`锟斤拷` in GBK, `嚙踝蕭` in Big5, `占쏙옙` in EUC-KR), where it reads them
    /// as three characters of two bytes each; else empty.
    pub(crate) fn seen_through(self) -> &'static str {
        static TEXTS: [OnceLock<String>; Codec::ALL.len()] =
            [const { OnceLock::new() }; Codec::ALL.len()];
        TEXTS[self.index()].get_or_init(|| {
            if self.is_single_byte() || self == Codec::Utf8 || self.encoding().is_none() {
                return String::new();
            }
            let text = self.decode(&[0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD]);
            let pairs = [[0xEF, 0xBF], [0xBD, 0xEF], [0xBF, 0xBD]];
            let exact = text.chars().count() == 3
                && text.chars().zip(pairs).all(|(c, pair)| {
                    u16::try_from(c as u32)
                        .is_ok_and(|cp| self.table().two_bytes_of(cp) == Some(pair))
                });
            if exact { text } else { String::new() }
        })
    }

    /// The byte <-> character table of this codec, built at first use.
    pub(crate) fn table(self) -> &'static Table {
        static TABLES: [OnceLock<Table>; Codec::ALL.len()] =
            [const { OnceLock::new() }; Codec::ALL.len()];
        let index = self.index();
        TABLES[index].get_or_init(|| Table::build(self))
    }
}

impl fmt::Display for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How one character is written in a codec: no way, one byte, or two bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bytes {
    None,
    One(u8),
    Two(u8, u8),
}

/// A codec's map from characters to the bytes that decode to them, and back for
/// single-byte codecs. Only non-ASCII characters of the BMP are in it: mojibake is
/// made of those.
pub(crate) struct Table {
    /// Per BMP code point: 0 = not encodable; < 0x100 = one byte; else two bytes.
    encode: Box<[u16]>,
    /// For single-byte codecs: the character of each high byte (None if unmapped).
    decode: [Option<char>; 128],
}

impl Table {
    fn build(codec: Codec) -> Table {
        let mut encode = vec![0u16; 0x1_0000].into_boxed_slice();
        let mut decode = [None; 128];
        // Big5's duplicates: HKSCS rows (leads below 0xA1) repeat characters
        // of Big5 proper, whose code is the one encoders write and text has
        // (`起` is B0 5F, not 8F FE).
        let hkscs = |code: u16| codec == Codec::Big5 && code < 0xA100;
        let mut set = |c: char, code: u16| {
            // First wins: for duplicated codes the lower one is the common one
            // (but Big5's). Astral characters (Big5-HKSCS has some) stay out:
            // mojibake runs are made of BMP characters.
            if let Some(slot) = encode.get_mut(c as usize) {
                if !c.is_ascii() && (*slot == 0 || (hkscs(*slot) && !hkscs(code))) {
                    *slot = code;
                }
            }
        };
        if codec.is_single_byte() {
            for b in 0x80u8..=0xFF {
                let decoded = codec.decode(&[b]);
                let mut chars = decoded.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    if c != '\u{FFFD}' {
                        decode[usize::from(b - 0x80)] = Some(c);
                        set(c, u16::from(b));
                    }
                }
            }
        } else if let Some(encoding) = codec.encoding().filter(|_| codec != Codec::Utf8) {
            for b in 0x80u8..=0xFF {
                if let Some(s) = encoding.decode_without_bom_handling_and_without_replacement(&[b])
                {
                    if let Some(c) = single_char(&s) {
                        set(c, u16::from(b));
                    }
                }
            }
            for lead in 0x81u8..=0xFE {
                for trail in 0x40u8..=0xFE {
                    let pair = [lead, trail];
                    if let Some(s) =
                        encoding.decode_without_bom_handling_and_without_replacement(&pair)
                    {
                        if let Some(c) = single_char(&s) {
                            set(c, u16::from_be_bytes(pair));
                        }
                    }
                }
            }
        }
        Table { encode, decode }
    }

    /// The bytes of `c`, if it is a non-ASCII BMP character of this codec.
    #[inline]
    pub(crate) fn bytes_of(&self, c: char) -> Bytes {
        match self.encode.get(c as usize).copied().unwrap_or(0) {
            0 => Bytes::None,
            code if code < 0x100 => Bytes::One(code as u8),
            code => {
                let [a, b] = code.to_be_bytes();
                Bytes::Two(a, b)
            }
        }
    }

    /// The two bytes of the BMP character `cp` in a double-byte codec, if it has
    /// two (the bulk of CJK mojibake); [`Table::bytes_of`] without the match.
    #[inline(always)]
    pub(crate) fn two_bytes_of(&self, cp: u16) -> Option<[u8; 2]> {
        let code = self.encode[usize::from(cp)];
        (code >= 0x100).then(|| code.to_be_bytes())
    }

    /// The single byte of `c`, for single-byte codecs.
    #[inline]
    pub(crate) fn byte_of(&self, c: char) -> Option<u8> {
        match self.bytes_of(c) {
            Bytes::One(b) => Some(b),
            _ => None,
        }
    }

    /// The character of high byte `b`, for single-byte codecs.
    #[inline]
    pub(crate) fn char_of(&self, b: u8) -> Option<char> {
        b.checked_sub(0x80)
            .and_then(|i| self.decode[usize::from(i)])
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c != '\u{FFFD}' => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_invert_their_codecs() {
        assert_eq!(Codec::Gbk.table().bytes_of('浣'), Bytes::Two(0xE4, 0xBD));
        assert_eq!(Codec::Gbk.table().bytes_of('€'), Bytes::One(0x80));
        assert_eq!(Codec::Windows1252.table().byte_of('€'), Some(0x80));
        assert_eq!(Codec::Windows1252.table().byte_of('\u{81}'), Some(0x81));
        assert_eq!(Codec::Latin1.table().byte_of('\u{81}'), Some(0x81));
        assert_eq!(Codec::Cp437.table().byte_of('╖'), Some(0xB7));
        assert_eq!(Codec::MacRoman.table().byte_of('◊'), Some(0xD7));
        assert_eq!(
            Codec::ShiftJis.table().bytes_of('ｓ'),
            Bytes::Two(0x82, 0x93)
        );
        assert_eq!(Codec::Windows1252.table().bytes_of('你'), Bytes::None);
        assert_eq!(Codec::ShiftJis.table().bytes_of('ｱ'), Bytes::One(0xB1));
    }

    #[test]
    fn encode_refuses_what_it_cannot_encode() {
        assert_eq!(Codec::Windows1252.encode("é"), Some(vec![0xE9]));
        assert_eq!(Codec::Windows1252.encode("你"), None);
        assert_eq!(Codec::Gbk.encode("你"), Some(vec![0xC4, 0xE3]));
        assert_eq!(Codec::EucKr.encode("你😀"), None);
    }

    #[test]
    fn indexes_are_positions_in_all() {
        for (i, c) in Codec::ALL.iter().enumerate() {
            assert_eq!(c.index(), i, "{c}");
        }
    }

    #[test]
    fn names_round_trip() {
        for c in Codec::ALL {
            assert_eq!(Codec::from_name(c.name()), Some(c), "{c}");
        }
        assert_eq!(Codec::from_name("x-gbk"), Some(Codec::Gbk));
    }
}
