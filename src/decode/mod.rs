//! Raw bytes to text: byte order mark, transport hint, `<meta>` prescan, XML
//! declaration, content guess, per-line decoding of mixed files; then the mojibake
//! repair, so that double encoding inside the bytes is undone too.
//!
//! Declarations lie, so each is checked against the bytes: a page that declares
//! gb2312 but is valid UTF-8 with non-ASCII text is UTF-8; a page that declares
//! UTF-8 but is not valid UTF-8, and decodes cleanly in another encoding, is that
//! encoding. Every override is recorded in [`Decoded::overridden`].
//!
//! ```
//! use textwash::decode::{Decoder, Source};
//!
//! // GBK bytes with no declaration: a content guess.
//! let gbk = encoding_rs::GBK.encode("中国质量新闻网").0;
//! let decoded = textwash::decode(&gbk);
//! assert_eq!(decoded.text, "中国质量新闻网");
//! assert_eq!(decoded.encoding, encoding_rs::GBK);
//! assert_eq!(decoded.source, Source::Guess);
//!
//! // A page that declares gb2312 but is UTF-8.
//! let page = "<meta charset=gb2312><p>你好，世界</p>".as_bytes();
//! let decoded = Decoder::new().decode(page);
//! assert_eq!(decoded.encoding, encoding_rs::UTF_8);
//! assert_eq!(decoded.overridden, Some((Source::Meta, encoding_rs::GBK)));
//! ```

mod sniff;

use std::borrow::Cow;
use std::ops::Range;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    BIG5, DecoderResult, EUC_JP, EUC_KR, Encoding, GBK, SHIFT_JIS, UTF_8, WINDOWS_1251,
    WINDOWS_1252,
};

use crate::error::{Error, line_of};
use crate::mojibake::Fixer;
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
    /// The encoding used (for segmented input, the one of most bytes).
    pub encoding: &'static Encoding,
    /// Where the decision came from.
    pub source: Source,
    /// A declaration (transport, meta, XML) that the evidence overrode, and what it
    /// declared.
    pub overridden: Option<(Source, &'static Encoding)>,
    /// Byte ranges of the input that were malformed and became U+FFFD.
    pub malformed: Vec<Range<usize>>,
    /// The segments, when more than one encoding was used (empty otherwise).
    pub segments: Vec<Segment>,
    /// The mojibake repairs applied after decoding (spans in the decoded text
    /// before repair).
    pub repairs: Vec<Change>,
}

/// A configured byte decoder.
///
/// ```
/// use textwash::Decoder;
/// let decoder = Decoder::new()
///     .charset("gbk")?           // the HTTP Content-Type said so
///     .url("http://news.example.cn/a.html")
///     .repair(true);
/// let bytes = encoding_rs::GBK.encode("新闻").0;
/// assert_eq!(decoder.decode(&bytes).text, "新闻");
/// # Ok::<(), textwash::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Decoder {
    transport: Option<&'static Encoding>,
    tld: Option<Vec<u8>>,
    html: Option<bool>,
    repair: bool,
    fixer: Fixer,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

/// The decision, before decoding.
struct Decision<'a> {
    encoding: &'static Encoding,
    source: Source,
    overridden: Option<(Source, &'static Encoding)>,
    /// Bytes of byte order mark to skip.
    skip: usize,
    /// The input as text, when it is valid UTF-8 (not looked at after a BOM).
    utf8: Option<&'a str>,
}

/// Decodes of the whole input made while deciding (to count its malformed
/// sequences in a declared or guessed encoding), kept so that the encoding
/// decided is not decoded twice.
#[derive(Default)]
struct Reports {
    done: Vec<(&'static Encoding, Report)>,
}

/// Decoded text, and the malformed byte ranges met.
type Report = (String, Vec<Range<usize>>);

impl Reports {
    fn report(
        &mut self,
        encoding: &'static Encoding,
        bytes: &[u8],
    ) -> &(String, Vec<Range<usize>>) {
        let at = match self.done.iter().position(|(e, _)| *e == encoding) {
            Some(at) => at,
            None => {
                self.done
                    .push((encoding, decode_report(encoding, bytes, 0)));
                self.done.len() - 1
            }
        };
        &self.done[at].1
    }

    /// How many malformed sequences decoding `bytes` as `encoding` meets.
    fn malformed(&mut self, encoding: &'static Encoding, bytes: &[u8]) -> usize {
        self.report(encoding, bytes).1.len()
    }

    /// [`decode_report`] of `bytes` (the whole input) with base 0, taken from the
    /// decodes already made when there is one.
    fn decode(&mut self, encoding: &'static Encoding, bytes: &[u8]) -> Report {
        match self.done.iter().position(|(e, _)| *e == encoding) {
            Some(at) => self.done.swap_remove(at).1,
            None => decode_report(encoding, bytes, 0),
        }
    }
}

/// How much of a long input the content guess looks at, at most.
const GUESS_PREFIX: usize = 64 * 1024;

/// How much text chardetng sees: enough for a confident guess, bounded so that
/// long files stay fast (chardetng costs about 2,000 instructions a byte of CJK
/// text). 4 KB and 16 KB give the same decisions on the detection set, cwced,
/// daniel-zh and the mixed files; 4 KB costs a quarter. The
/// window starts at the line of the first non-ASCII byte, so that markup before
/// the text does not use it up.
const GUESS_WINDOW: usize = 4 * 1024;

impl Decoder {
    /// A decoder with no hints that repairs mojibake after decoding.
    pub fn new() -> Self {
        Decoder {
            transport: None,
            tld: None,
            html: None,
            repair: true,
            fixer: Fixer::new(),
        }
    }

    /// Sets the transport hint: the `charset` label of an HTTP `Content-Type`.
    /// Fails on a label neither WHATWG nor textwash knows.
    pub fn charset(mut self, label: &str) -> Result<Self, Error> {
        let encoding = sniff::label(label.trim().as_bytes(), false)
            .ok_or_else(|| Error::UnknownEncoding(label.to_owned()))?;
        self.transport = Some(encoding);
        Ok(self)
    }

    /// The URL the bytes came from: its top-level domain informs the guess (`.cn`
    /// favours GBK, `.tw` Big5, `.jp` Shift_JIS).
    pub fn url(mut self, url: &str) -> Self {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(url)
            .split(['/', '?', '#', ':'])
            .next()
            .unwrap_or("");
        self.tld = host
            .rsplit('.')
            .next()
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric()))
            .map(|t| t.to_ascii_lowercase().into_bytes());
        self
    }

    /// Whether the bytes are HTML (default: sniffed from the first tag).
    pub fn html(mut self, html: bool) -> Self {
        self.html = Some(html);
        self
    }

    /// Whether to repair mojibake in the decoded text (default yes).
    pub fn repair(mut self, repair: bool) -> Self {
        self.repair = repair;
        self
    }

    /// The fixer used for the repair.
    pub fn fixer(mut self, fixer: Fixer) -> Self {
        self.fixer = fixer;
        self
    }

    /// Decodes `bytes`, replacing malformed sequences with U+FFFD and reporting
    /// where they were.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> Decoded<'a> {
        let mut reports = Reports::default();
        let mut decoded = match self.decide(bytes, &mut reports) {
            Some(decision) => self.decode_as(bytes, decision, &mut reports),
            // No declaration and not UTF-8: a mixed file is decoded line by line
            // whatever the guess for the whole file says, so that guess (chardetng
            // on up to 64 KB) is made only for a file that is not mixed.
            None => self.segmented(bytes, None).unwrap_or_else(|| {
                let decision = Decision {
                    encoding: self.guess(bytes),
                    source: Source::Guess,
                    overridden: None,
                    skip: 0,
                    utf8: None,
                };
                let (text, malformed) = reports.decode(decision.encoding, bytes);
                self.finish(Cow::Owned(text), decision, malformed)
            }),
        };
        decoded.malformed.sort_by_key(|r| r.start);
        decoded
    }

    /// Decodes `bytes` as decided: valid UTF-8 borrowed, a file of mixed lines
    /// segment by segment, anything else with the encoding decided.
    fn decode_as<'a>(
        &self,
        bytes: &'a [u8],
        decision: Decision<'a>,
        reports: &mut Reports,
    ) -> Decoded<'a> {
        let body = &bytes[decision.skip..];
        if decision.source == Source::Bom {
            let (text, malformed) = decode_report(decision.encoding, body, decision.skip);
            return self.finish(Cow::Owned(text), decision, malformed);
        }
        // Without a byte order mark nothing is skipped: `body` is `bytes`, and the
        // decodes made while deciding are decodes of it.
        if decision.encoding == UTF_8 {
            if let Some(text) = decision.utf8 {
                return self.finish(Cow::Borrowed(text), decision, Vec::new());
            }
            return match self.segmented(body, None) {
                Some(decoded) => decoded,
                None => {
                    let (text, malformed) = reports.decode(UTF_8, body);
                    self.finish(Cow::Owned(text), decision, malformed)
                }
            };
        }
        if !is_utf16(decision.encoding) {
            // A declared encoding holds for the lines that are not UTF-8; a guess
            // made over the whole mixed file does not.
            let declared = (decision.source != Source::Guess).then_some(decision.encoding);
            if let Some(mut decoded) = self.segmented(body, declared) {
                decoded.overridden = decision.overridden.or(decoded.overridden);
                return decoded;
            }
        }
        let (text, malformed) = reports.decode(decision.encoding, body);
        self.finish(Cow::Owned(text), decision, malformed)
    }

    /// Decodes `bytes`, failing with the offset and line of the first malformed
    /// sequence.
    ///
    /// ```
    /// let err = textwash::Decoder::new().charset("utf-8")?.decode_strict(b"ok\n\xff").unwrap_err();
    /// assert!(err.to_string().contains("byte offset 3 (line 2)"), "{err}");
    /// # Ok::<(), textwash::Error>(())
    /// ```
    pub fn decode_strict<'a>(&self, bytes: &'a [u8]) -> Result<Decoded<'a>, Error> {
        let decoded = self.decode(bytes);
        if let Some(first) = decoded.malformed.first() {
            let encoding = decoded
                .segments
                .iter()
                .find(|s| s.bytes.contains(&first.start))
                .map_or(decoded.encoding, |s| s.encoding);
            return Err(Error::Malformed {
                encoding: encoding.name(),
                offset: first.start,
                line: line_of(bytes, first.start),
            });
        }
        Ok(decoded)
    }

    fn finish<'a>(
        &self,
        text: Cow<'a, str>,
        d: Decision<'_>,
        malformed: Vec<Range<usize>>,
    ) -> Decoded<'a> {
        let (text, repairs) = self.repaired(text);
        Decoded {
            text,
            encoding: d.encoding,
            source: d.source,
            overridden: d.overridden,
            malformed,
            segments: Vec::new(),
            repairs,
        }
    }

    fn repaired<'a>(&self, text: Cow<'a, str>) -> (Cow<'a, str>, Vec<Change>) {
        if !self.repair {
            return (text, Vec::new());
        }
        // The doubts are not part of a decode's report: without them, only
        // candidates a judge can accept are looked at.
        let explained = self.fixer.explain_changes(&text);
        if explained.changes.is_empty() {
            return (text, Vec::new());
        }
        let fixed = explained.text.into_owned();
        (Cow::Owned(fixed), explained.changes)
    }

    /// Chooses the encoding: BOM, then declarations checked against the bytes,
    /// then a guess. `None` when nothing is declared and the bytes are neither
    /// UTF-8 nor UTF-16: the caller tries them as a mixed file before guessing.
    /// Whole-input decodes made to weigh a declaration are kept in `reports`.
    fn decide<'a>(&self, bytes: &'a [u8], reports: &mut Reports) -> Option<Decision<'a>> {
        if let Some((encoding, skip)) = sniff::bom(bytes) {
            return Some(Decision {
                encoding,
                source: Source::Bom,
                overridden: None,
                skip,
                utf8: None,
            });
        }
        let html = self.html.unwrap_or_else(|| sniff::looks_like_html(bytes));
        let declared = self
            .transport
            .map(|e| (e, Source::Transport))
            .or_else(|| {
                html.then(|| sniff::meta_prescan(bytes))
                    .flatten()
                    .map(|e| (e, Source::Meta))
            })
            .or_else(|| sniff::xml_declaration(bytes).map(|e| (e, Source::XmlDeclaration)));
        // Validated once: the decision and the decoding both need it.
        let utf8 = valid_utf8(bytes);
        let Some((declared, source)) = declared else {
            // Zeros are valid UTF-8 too: UTF-16 goes first.
            let encoding = if let Some(utf16) = sniff::utf16_by_zeros(bytes) {
                utf16
            } else if utf8.is_some() {
                UTF_8
            } else {
                return None;
            };
            return Some(Decision {
                encoding,
                source: Source::Guess,
                overridden: None,
                skip: 0,
                utf8,
            });
        };
        let keep = Decision {
            encoding: declared,
            source,
            overridden: None,
            skip: 0,
            utf8,
        };
        let overrule = |encoding| Decision {
            encoding,
            source: Source::Guess,
            overridden: Some((source, declared)),
            skip: 0,
            utf8,
        };
        if declared == UTF_8 {
            if utf8.is_some() {
                return Some(keep);
            }
            // Overrule a UTF-8 declaration only on real evidence: several bytes
            // that decode cleanly as something else.
            let guess = self.guess(bytes);
            let worse = reports.malformed(UTF_8, bytes);
            let non_ascii = count_non_ascii(bytes);
            return Some(
                if guess != UTF_8
                    && non_ascii >= 4
                    && reports.malformed(guess, bytes) * 4 < worse.max(1)
                {
                    overrule(guess)
                } else {
                    keep
                },
            );
        }
        if is_utf16(declared) {
            return Some(keep);
        }
        // Random legacy bytes are almost never valid UTF-8 with multi-byte
        // sequences in them: such bytes are UTF-8, whatever they declare.
        if utf8.is_some_and(|text| !text.is_ascii()) {
            return Some(overrule(UTF_8));
        }
        // Real pages have a few bad bytes (a truncated character, a stray byte):
        // a declaration is overruled only when it fails often, and the guess
        // reads both cleaner and more natural.
        let errors = reports.malformed(declared, bytes);
        let non_ascii = count_non_ascii(bytes);
        if errors * 50 <= non_ascii {
            return Some(keep);
        }
        let guess = self.guess(bytes);
        Some(
            if guess != declared
                && reports.malformed(guess, bytes) * 4 < errors
                && share_uncommon(guess, bytes) < share_uncommon(declared, bytes)
            {
                overrule(guess)
            } else {
                keep
            },
        )
    }

    /// chardetng on a bounded prefix, with a plausibility vote for short inputs.
    fn guess(&self, bytes: &[u8]) -> &'static Encoding {
        self.guess_with(bytes, Utf8Detection::Allow)
    }

    /// Looks at no more of `bytes` than its first [`GUESS_PREFIX`] bytes and
    /// whether there are more (all of them when 256 or fewer): `non_utf8_lines`
    /// relies on it.
    fn guess_with(&self, bytes: &[u8], utf8: Utf8Detection) -> &'static Encoding {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        let prefix = &bytes[..bytes.len().min(GUESS_PREFIX)];
        // A sample of the text, not of the markup before it.
        let sample = non_ascii_sample(prefix, GUESS_WINDOW);
        let last = sample.as_ptr_range().end == bytes.as_ptr_range().end;
        detector.feed(sample, last);
        let guess = detector.guess(self.tld.as_deref(), utf8);
        if bytes.len() <= 256 {
            return short_guess(bytes, guess);
        }
        // chardetng sometimes calls a CJK page a Western one (markup-heavy pages
        // with little text); check the CJK encodings on the sample: nearly
        // error-free, and far more common text.
        if !is_cjk(guess) && guess != UTF_8 {
            let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
            let uncommon = share_uncommon(guess, sample);
            for cjk in [GBK, BIG5, SHIFT_JIS, EUC_KR] {
                if malformed_count(cjk, sample) * 50 <= non_ascii
                    && share_uncommon(cjk, sample) * 3 < uncommon
                {
                    return cjk;
                }
            }
        }
        guess
    }

    /// A file with lines in different encodings (UTF-8 with GBK lines, say),
    /// decoded line by line; `None` unless both kinds of line are there.
    fn segmented<'a>(
        &self,
        bytes: &'a [u8],
        legacy: Option<&'static Encoding>,
    ) -> Option<Decoded<'a>> {
        let mut utf8_lines = false;
        let mut other_lines = false;
        for line in lines(bytes) {
            if line.is_ascii() {
                continue;
            }
            match valid_utf8(line) {
                Some(s) => utf8_lines |= s.chars().filter(|c| !c.is_ascii()).nth(1).is_some(),
                None => other_lines = true,
            }
            if utf8_lines && other_lines {
                break;
            }
        }
        if !(utf8_lines && other_lines) {
            return None;
        }
        // The encoding already decided for the file, or a guess from its
        // non-UTF-8 lines alone.
        let legacy = match legacy {
            Some(legacy) => legacy,
            None => {
                let others = non_utf8_lines(bytes);
                let guess = self.guess_with(&others, Utf8Detection::Deny);
                chinese_like_its_utf8_lines(bytes, &others, guess)
            }
        };
        let mut text = String::with_capacity(bytes.len());
        let mut malformed = Vec::new();
        let mut segments: Vec<Segment> = Vec::new();
        let mut at = 0;
        // A line is UTF-8 when it is valid UTF-8 and reads at least as naturally
        // so as in the legacy encoding: a short legacy line can be valid UTF-8 by
        // chance, and then reads as rare characters.
        let utf8_line = |s: &str, line: &[u8]| {
            s.is_ascii()
                || legacy
                    .decode_without_bom_handling_and_without_replacement(line)
                    .is_none_or(|l| {
                        let (r8, n8) = crate::mojibake::uncommon_in(UTF_8, s);
                        let (rl, nl) = crate::mojibake::uncommon_in(legacy, &l);
                        r8 * nl.max(1) <= rl * n8.max(1)
                    })
        };
        let mut utf8_segments = 0;
        for line in lines(bytes) {
            let utf8 = valid_utf8(line).filter(|s| utf8_line(s, line));
            let encoding = match utf8 {
                Some(s) => {
                    text.push_str(s);
                    if line.is_ascii() {
                        segments.last().map_or(UTF_8, |s| s.encoding)
                    } else {
                        UTF_8
                    }
                }
                None => {
                    let (s, bad) = decode_report(legacy, line, at);
                    text.push_str(&s);
                    malformed.extend(bad);
                    legacy
                }
            };
            match segments.last_mut() {
                Some(s) if s.encoding == encoding => s.bytes.end = at + line.len(),
                _ => {
                    utf8_segments += usize::from(encoding == UTF_8 && !line.is_ascii());
                    segments.push(Segment {
                        bytes: at..at + line.len(),
                        encoding,
                    })
                }
            }
            at += line.len();
        }
        if utf8_segments == 0 || segments.iter().all(|s| s.encoding == UTF_8) {
            return None;
        }
        let main = {
            let utf8: usize = segments
                .iter()
                .filter(|s| s.encoding == UTF_8)
                .map(|s| s.bytes.len())
                .sum();
            if utf8 * 2 >= bytes.len() {
                UTF_8
            } else {
                legacy
            }
        };
        let (text, repairs) = self.repaired(Cow::Owned(text));
        Some(Decoded {
            text,
            encoding: main,
            source: Source::Segments,
            overridden: None,
            malformed,
            segments,
            repairs,
        })
    }
}

/// The lines of `bytes`, each with its line end: `split_inclusive` on `\n`, found
/// with memchr rather than byte by byte.
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |at| at + 1);
        let (line, after) = rest.split_at(end);
        rest = after;
        Some(line)
    })
}

/// The lines of `bytes` that are not valid UTF-8, joined, as far as
/// [`Decoder::guess_with`] looks at them: its prefix and one byte more, which
/// tells it that there is more.
fn non_utf8_lines(bytes: &[u8]) -> Vec<u8> {
    let limit = GUESS_PREFIX + 1;
    let mut out = Vec::new();
    for line in lines(bytes) {
        if out.len() == limit {
            break;
        }
        if !line.is_ascii() && valid_utf8(line).is_none() {
            out.extend_from_slice(&line[..line.len().min(limit - out.len())]);
        }
    }
    out
}

/// The legacy lines of a file whose UTF-8 lines are Chinese are Chinese too,
/// when they read as such: a few short GBK lines are valid EUC-KR or Shift_JIS
/// as well, and then a guess from them alone is a coin toss (`模板过多` is also
/// `친겼법뜩`). GBK or Big5, whichever reads as more common text, replaces a
/// Korean or Japanese guess when it decodes the lines without an error.
fn chinese_like_its_utf8_lines(
    bytes: &[u8],
    others: &[u8],
    guess: &'static Encoding,
) -> &'static Encoding {
    if ![EUC_KR, SHIFT_JIS, EUC_JP].contains(&guess) {
        return guess;
    }
    let (mut han, mut other_cjk) = (0usize, 0usize);
    for line in lines(bytes) {
        if let Some(text) = valid_utf8(line).filter(|_| !line.is_ascii()) {
            for c in text.chars() {
                match c as u32 {
                    0x4E00..=0x9FFF => han += 1,
                    0x3040..=0x30FF | 0xAC00..=0xD7AF => other_cjk += 1,
                    _ => {}
                }
            }
        }
    }
    if han < 4 || other_cjk * 10 > han {
        return guess;
    }
    [GBK, BIG5]
        .into_iter()
        .filter(|e| malformed_count(e, others) == 0)
        .min_by_key(|&e| share_uncommon(e, others))
        .filter(|&e| share_uncommon(e, others) <= share_uncommon(guess, others))
        .unwrap_or(guess)
}

fn is_cjk(e: &'static Encoding) -> bool {
    [GBK, encoding_rs::GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR].contains(&e)
}

/// About `limit` bytes around the first non-ASCII bytes of `bytes`, cut at line
/// ends: a sample of the text, not of the markup before it.
fn non_ascii_sample(bytes: &[u8], limit: usize) -> &[u8] {
    let first = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let start = bytes[..first]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = (start + limit).min(bytes.len());
    let end = bytes[..end]
        .iter()
        .rposition(|&b| b == b'\n')
        .filter(|&i| i > start)
        .map_or(end, |i| i + 1);
    &bytes[start..end]
}

fn is_utf16(e: &'static Encoding) -> bool {
    e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE
}

/// For short inputs, where statistics say little: among the encodings that decode
/// the bytes without error, the one whose text is most natural (common CJK
/// characters, not symbol soup); chardetng's guess wins ties.
fn short_guess(bytes: &[u8], guess: &'static Encoding) -> &'static Encoding {
    let score = |encoding: &'static Encoding| -> Option<(usize, i64)> {
        let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
        let (rare, n) = crate::mojibake::uncommon_in(encoding, &text);
        let natural = i64::from(crate::mojibake::naturalness(&text)) * 100 / n.max(1) as i64;
        Some((rare * 1000 / n.max(1), natural))
    };
    // chardetng's guess stands unless it fails or reads as mostly uncommon text.
    let guessed = score(guess);
    // Two or three characters' worth of bytes that are all common CJK characters
    // (新闻) are that, rather than a single-byte guess (пбне): chardetng has
    // too little to go on. Longer, its language model knows better (KOI8-R
    // Russian is common GBK too).
    if !is_cjk(guess) && bytes.len() <= 6 {
        for encoding in [GBK, BIG5, SHIFT_JIS, EUC_KR] {
            let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
            else {
                continue;
            };
            let (rare, n) = crate::mojibake::uncommon_in(encoding, &text);
            if rare == 0 && n >= 2 {
                return if encoding == GBK && hangul_rows(bytes) >= 4 {
                    EUC_KR
                } else {
                    encoding
                };
            }
        }
    }
    if guessed.is_some_and(|(rare, _)| rare <= 200 || (is_cjk(guess) && rare <= 500)) {
        return guess;
    }
    let mut best = (guessed.unwrap_or((usize::MAX, i64::MAX)), guess);
    for encoding in [
        GBK,
        BIG5,
        SHIFT_JIS,
        EUC_JP,
        EUC_KR,
        WINDOWS_1251,
        WINDOWS_1252,
    ] {
        if let Some(s) = score(encoding) {
            // Another reading must be clearly better: half the uncommon share.
            let clearly = best.1 != guess || s.0.saturating_mul(2) < best.0.0;
            if s < best.0 && clearly {
                best = (s, encoding);
            }
        }
    }
    // EUC-KR Hangul and GB2312 level 1 share their bytes; Korean keeps every lead
    // byte in Hangul's rows (0xB0..=0xC8), real Chinese has a third above them.
    if best.1 == GBK && hangul_rows(bytes) >= 4 {
        return EUC_KR;
    }
    best.1
}

/// How many double-byte characters `bytes` hold if every lead byte is in the rows
/// of EUC-KR Hangul (0 if any is not).
fn hangul_rows(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        if !(0xB0..=0xC8).contains(&bytes[i]) || bytes.get(i + 1).is_none_or(|t| *t < 0xA1) {
            return 0;
        }
        n += 1;
        i += 2;
    }
    n
}

/// The share (in thousandths) of the non-ASCII characters of `bytes` decoded as
/// `encoding` that are not its common text.
fn share_uncommon(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let prefix = &bytes[..bytes.len().min(GUESS_PREFIX)];
    let (text, _) = encoding.decode_without_bom_handling(prefix);
    let (rare, n) = crate::mojibake::uncommon_in(encoding, &text);
    rare * 1000 / n.max(1)
}

/// `bytes` as text if they are valid UTF-8. encoding_rs validates with SIMD
/// (simdutf8) where the CPU has it, several times faster than
/// `std::str::from_utf8` on CJK text, and lends the text without a second check.
fn valid_utf8(bytes: &[u8]) -> Option<&str> {
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes)? {
        Cow::Borrowed(text) => Some(text),
        // Not reached: valid UTF-8 is always lent.
        Cow::Owned(_) => std::str::from_utf8(bytes).ok(),
    }
}

/// How many bytes of `bytes` are not ASCII.
fn count_non_ascii(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| !b.is_ascii()).count()
}

/// How many malformed sequences decoding `bytes` as `encoding` meets.
fn malformed_count(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    decode_report(encoding, bytes, 0).1.len()
}

/// Decodes `bytes` with U+FFFD for malformed sequences, and where they were (byte
/// ranges, shifted by `base`).
fn decode_report(
    encoding: &'static Encoding,
    bytes: &[u8],
    base: usize,
) -> (String, Vec<Range<usize>>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let mut malformed = Vec::new();
    let mut at = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[at..], &mut out, true);
        at += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => out.reserve(bytes.len() - at + 16),
            DecoderResult::Malformed(len, after) => {
                let end = at - usize::from(after);
                let start = end.saturating_sub(usize::from(len));
                malformed.push(base + start..base + end);
                out.push('\u{FFFD}');
            }
        }
    }
    (out, malformed)
}

/// Decodes `bytes` of any encoding with the default settings.
///
/// ```
/// let d = textwash::decode("你好".as_bytes());
/// assert_eq!(d.text, "你好");
/// assert!(matches!(d.text, std::borrow::Cow::Borrowed(_)));
/// ```
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    Decoder::new().decode(bytes)
}
