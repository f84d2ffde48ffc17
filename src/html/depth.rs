//! A guard against pathologically deep markup.
//!
//! html5ever's tree builder checks the stack of open elements for most start
//! tags, which makes 100,000 nested `<div>`s cost quadratic time. Browsers cap the
//! depth they render too. Before parsing, tags nested deeper than [`LIMIT`] are
//! dropped (their text is kept), in one linear pass; markup within the limit is
//! left untouched and borrowed.

use std::borrow::Cow;

/// Nesting deeper than this is flattened.
pub(crate) const LIMIT: usize = 512;

fn void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"td"
            | b"th"
            | b"tr"
            | b"option"
    )
}

/// `html` with start and end tags beyond [`LIMIT`] levels removed.
pub(crate) fn flatten(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut suppressed = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            i = memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |e| at + 4 + e + 3);
            continue;
        }
        let end = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| at + e + 1);
        let closing = rest.get(1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = bytes[name_start..end.min(bytes.len())]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = at + 1;
            continue;
        }
        // Lowercased on the stack: a Vec per tag cost more than the scan. Names
        // longer than any raw-text or void element name match none of them.
        let mut lowered = [0u8; 16];
        let name = &mut lowered[..name_len.min(16)];
        name.copy_from_slice(&bytes[name_start..name_start + name.len()]);
        name.make_ascii_lowercase();
        let name: &[u8] = if name_len > 16 { b"" } else { name };
        // Raw text elements: skip to their end tag.
        if !closing && matches!(name, b"script" | b"style" | b"textarea" | b"title") {
            let mut close = b"</".to_vec();
            close.extend_from_slice(name);
            let lower = &bytes[end..];
            i = find_ci(lower, &close).map_or(bytes.len(), |e| end + e);
            continue;
        }
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        if void(name) || self_closing {
            i = end;
            continue;
        }
        if closing {
            if suppressed > 0 {
                suppressed -= 1;
                cut.push(at..end);
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if depth >= LIMIT {
            suppressed += 1;
            cut.push(at..end);
        } else {
            depth += 1;
        }
        i = end;
    }
    if cut.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for r in cut {
        out.push_str(&html[last..r.start]);
        last = r.end;
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

/// The first case-insensitive occurrence of `needle` (which starts with `</`).
fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&haystack[from..], b"</") {
        let start = from + at;
        if haystack
            .get(start..start + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(start);
        }
        from = start + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_markup_is_borrowed() {
        assert!(matches!(
            flatten("<div><p>text</p></div>"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn deep_markup_is_flattened_keeping_text() {
        let html = "<div>".repeat(2000) + "deep" + &"</div>".repeat(2000);
        let flat = flatten(&html);
        assert_eq!(flat.matches("<div>").count(), LIMIT);
        assert_eq!(flat.matches("</div>").count(), LIMIT);
        assert!(flat.contains("deep"));
    }
}
