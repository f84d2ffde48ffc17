//! Reading what bytes say about their own encoding: byte order marks, the WHATWG
//! `<meta>` prescan, XML declarations, and the zero-byte pattern of UTF-16.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// The encoding a byte order mark names, and the mark's length.
pub(crate) fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Resolves an encoding label the way browsers do: WHATWG's table (`gb2312`, `gbk`
/// and `x-gbk` all decode as GB18030, `iso-8859-1` as windows-1252), and, for a
/// label found inside the document, UTF-16 meaning UTF-8 (bytes that could be read
/// as ASCII to find the label are not UTF-16) and x-user-defined meaning
/// windows-1252.
pub(crate) fn label(label: &[u8], in_document: bool) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label)?;
    if in_document && (encoding == UTF_16LE || encoding == UTF_16BE) {
        return Some(UTF_8);
    }
    if in_document && encoding == X_USER_DEFINED {
        return Some(WINDOWS_1252);
    }
    Some(encoding)
}

/// The WHATWG prescan of the first 1,024 bytes for a `<meta>` declaration.
///
/// Hand-written because no crate does it: encoding_rs leaves it to its callers,
/// and HTML parsers run it inside their own byte streams. It follows the spec's
/// algorithm: comments are skipped, every `<meta>` is parsed for `charset`, or for
/// `http-equiv="content-type"` with a `content` that carries `charset=`; other tags
/// are skipped with their attributes, so that a `>` inside a quoted value does not
/// end them.
pub(crate) fn meta_prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let input = &bytes[..bytes.len().min(1024)];
    let mut i = 0;
    while i < input.len() {
        let rest = &input[i..];
        if rest.starts_with(b"<!--") {
            i += 4 + find(&rest[4..], b"-->").map_or(rest.len(), |e| e + 3);
        } else if starts_with_ci(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            i += 5;
            let (found, end) = meta_tag(input, i);
            if found.is_some() {
                return found;
            }
            i = end;
        } else if rest.len() >= 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another tag: skip its name and attributes.
            i += 1;
            while i < input.len() && !is_space(input[i]) && input[i] != b'>' {
                i += 1;
            }
            while let Some((_, _, next)) = attribute(input, i) {
                i = next;
            }
            i += 1;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i += find(rest, b">").map_or(rest.len(), |e| e + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// Parses the attributes of a `<meta>` from `at`; returns the encoding it declares
/// and where the tag ends.
fn meta_tag(input: &[u8], mut at: usize) -> (Option<&'static Encoding>, usize) {
    let mut http_equiv_content_type = false;
    let mut content_charset: Option<&'static Encoding> = None;
    let mut charset: Option<&'static Encoding> = None;
    let mut seen_charset = false;
    while let Some((name, value, next)) = attribute(input, at) {
        at = next;
        match name.as_slice() {
            b"http-equiv" => http_equiv_content_type = value.eq_ignore_ascii_case(b"content-type"),
            b"content" if content_charset.is_none() => {
                content_charset = charset_from_content(&value)
            }
            b"charset" if !seen_charset => {
                seen_charset = true;
                charset = label(&value, true);
            }
            _ => {}
        }
    }
    let found = if seen_charset {
        charset
    } else if http_equiv_content_type {
        content_charset
    } else {
        None
    };
    (found, at + 1)
}

/// One attribute at `at`: its lowercase name, its value, and where the next
/// attribute starts. `None` at `>` or at the end.
fn attribute(input: &[u8], mut at: usize) -> Option<(Vec<u8>, Vec<u8>, usize)> {
    while at < input.len() && (is_space(input[at]) || input[at] == b'/') {
        at += 1;
    }
    if at >= input.len() || input[at] == b'>' {
        return None;
    }
    let mut name = Vec::new();
    while at < input.len() {
        let b = input[at];
        if b == b'=' && !name.is_empty() {
            break;
        }
        if is_space(b) || b == b'/' || b == b'>' {
            break;
        }
        name.push(b.to_ascii_lowercase());
        at += 1;
    }
    while at < input.len() && is_space(input[at]) {
        at += 1;
    }
    if at >= input.len() || input[at] != b'=' {
        return Some((name, Vec::new(), at));
    }
    at += 1;
    while at < input.len() && is_space(input[at]) {
        at += 1;
    }
    let mut value = Vec::new();
    match input.get(at) {
        Some(&q) if q == b'"' || q == b'\'' => {
            at += 1;
            while at < input.len() && input[at] != q {
                value.push(input[at].to_ascii_lowercase());
                at += 1;
            }
            at += 1;
        }
        _ => {
            while at < input.len() && !is_space(input[at]) && input[at] != b'>' {
                value.push(input[at].to_ascii_lowercase());
                at += 1;
            }
        }
    }
    Some((name, value, at))
}

/// The `charset=` of a `content` attribute (`text/html; charset=gb2312`).
fn charset_from_content(content: &[u8]) -> Option<&'static Encoding> {
    let at = find(content, b"charset")?;
    let mut rest = &content[at + 7..];
    while rest.first().is_some_and(|&b| is_space(b)) {
        rest = &rest[1..];
    }
    rest = rest.strip_prefix(b"=")?;
    while rest.first().is_some_and(|&b| is_space(b)) {
        rest = &rest[1..];
    }
    let value: Vec<u8> = match rest.first() {
        Some(&q) if q == b'"' || q == b'\'' => {
            rest[1..].iter().take_while(|&&b| b != q).copied().collect()
        }
        _ => rest
            .iter()
            .take_while(|&&b| !is_space(b) && b != b';')
            .copied()
            .collect(),
    };
    label(&value, true)
}

/// The encoding of an XML declaration (`<?xml version="1.0" encoding="GBK"?>`).
pub(crate) fn xml_declaration(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = find(head, b"?>")?;
    let decl = &head[..end];
    let at = find(decl, b"encoding")?;
    let rest = &decl[at + 8..];
    let rest = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\'')
        .map(|q| &rest[q..])?;
    let quote = rest[0];
    let value: Vec<u8> = rest[1..]
        .iter()
        .take_while(|&&b| b != quote)
        .copied()
        .collect();
    label(&value, true)
}

/// UTF-16 without a byte order mark, when the zero bytes say so unmistakably:
/// text that is mostly ASCII or Latin has a zero in every other byte.
pub(crate) fn utf16_by_zeros(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // At least 40% zeros on one side and almost none on the other.
    if odd * 5 >= pairs * 2 && even * 50 <= pairs {
        Some(UTF_16LE)
    } else if even * 5 >= pairs * 2 && odd * 50 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether `bytes` look like HTML: the first non-space byte opens a tag, a
/// comment or a doctype.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|&b| !is_space(b))
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 256)];
    // A tag, a comment, a doctype or a processing instruction: pages in the wild
    // start with any of them (`<DIV style=display:none>` included).
    head.first() == Some(&b'<')
        && head
            .get(1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'!' || b == b'?')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

fn starts_with_ci(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GBK, SHIFT_JIS};

    #[test]
    fn prescan_finds_meta_charset_and_http_equiv() {
        assert_eq!(
            meta_prescan(b"<html><head><meta charset=\"gb2312\">"),
            Some(GBK)
        );
        assert_eq!(
            meta_prescan(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
            ),
            Some(SHIFT_JIS)
        );
        assert_eq!(
            meta_prescan(b"<meta content='text/html; charset=gbk' http-equiv=content-type>"),
            Some(GBK)
        );
        assert_eq!(meta_prescan(b"<!-- <meta charset=gbk> --><p>"), None);
        assert_eq!(meta_prescan(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(meta_prescan(b"<meta content=\"charset=gbk\">"), None);
        assert_eq!(
            meta_prescan(b"<div title='a>b'><meta charset=iso-8859-1>"),
            Some(WINDOWS_1252)
        );
    }

    #[test]
    fn xml_declaration_and_utf16_zeros() {
        assert_eq!(
            xml_declaration(b"<?xml version=\"1.0\" encoding=\"GBK\"?><a/>"),
            Some(GBK)
        );
        let le: Vec<u8> = "hello world, plain text"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16_by_zeros(&le), Some(UTF_16LE));
        let be: Vec<u8> = "hello world, plain text"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_by_zeros(&be), Some(UTF_16BE));
        assert_eq!(utf16_by_zeros(b"plain ascii text here"), None);
    }
}
