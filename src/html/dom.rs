//! A small arena DOM built by html5ever's tree builder.
//!
//! Hand-written rather than markup5ever_rcdom because that crate does not track
//! html5ever releases, and an arena of indices is both faster (no reference
//! counting, no allocation per node for its children: the children of all nodes
//! share one array) and easy to walk without recursion, which deep markup
//! (100,000 levels) requires.

use std::borrow::Cow;
use std::cell::{Ref, RefCell, RefMut};
use std::num::NonZeroU32;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};

use super::depth::DepthGuard;
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, local_name, ns};

/// Index of a node in the arena.
pub(crate) type NodeId = usize;

#[derive(Debug, Clone)]
pub(crate) enum Data {
    Document,
    // The tokenizer's tendrils are kept as they come: converting them to
    // `String`s copied every attribute value and text run, and text runs are
    // mostly slices of the input that need no copy at all.
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: kept out of the way.
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub parent: Option<NodeId>,
    /// Where the node's children are in [`Dom::child_ids`], and how many.
    first_child: u32,
    child_count: u32,
    pub data: Data,
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            parent: None,
            first_child: 0,
            child_count: 0,
            data,
        }
    }
}

/// The parsed document.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    /// The children of every node, node after node.
    child_ids: Vec<NodeId>,
}

impl Dom {
    pub(crate) const ROOT: NodeId = 0;

    /// Parses `html` (already decoded).
    pub(crate) fn parse(html: &str) -> Dom {
        // Room for about as many nodes as the input has `<` (an element for a
        // start tag, a text node after it), which spares the arena's vectors
        // most of their regrowth and copies; capped, as `<` in scripts or
        // text make no nodes.
        let likely_nodes = memchr::memchr_iter(b'<', html.as_bytes())
            .count()
            .min(1 << 16)
            + 1;
        let sink = Sink::with_capacity(likely_nodes);
        // Parsed as by a client without scripts (a crawler): `<noscript>` content
        // is markup, not raw text.
        let tree_builder = TreeBuilder::new(
            sink,
            TreeBuilderOpts {
                scripting_enabled: false,
                ..Default::default()
            },
        );
        // What `html5ever::parse_document(..).one(..)` does, with the tokens
        // passing through `TokenFilter`, which needs the input queue.
        let html = StrTendril::from(html);
        let tokenizer = Tokenizer::new(
            TokenFilter {
                tree_builder,
                input: BufferQueue::default(),
                depth: DepthGuard::default(),
                html: html.clone(),
                pending_text: RefCell::new(None),
            },
            TokenizerOpts::default(),
        );
        let input = &tokenizer.sink.input;
        input.push_back(html);
        // A `</script>` suspends the tokenizer (for the script to run): resumed.
        while !matches!(tokenizer.feed(input), TokenizerResult::Done) {}
        tokenizer.end();
        tokenizer.sink.tree_builder.sink.finish()
    }

    /// The children of `id`, in document order.
    pub(crate) fn children(&self, id: NodeId) -> &[NodeId] {
        let node = &self.nodes[id];
        let first = node.first_child as usize;
        &self.child_ids[first..first + node.child_count as usize]
    }

    /// Whether `ancestor` is `id` or one of its ancestors.
    pub(crate) fn is_ancestor(&self, ancestor: NodeId, id: NodeId) -> bool {
        let mut at = Some(id);
        while let Some(a) = at {
            if a == ancestor {
                return true;
            }
            at = self.nodes[a].parent;
        }
        false
    }

    /// Turns every `<noscript>` into a `<div>`; returns whether there was one.
    pub(crate) fn unwrap_noscript(&mut self) -> bool {
        let mut found = false;
        for node in &mut self.nodes {
            if let Data::Element { name, .. } = &mut node.data {
                if name.local == local_name!("noscript") {
                    *name = QualName::new(None, ns!(html), local_name!("div"));
                    found = true;
                }
            }
        }
        found
    }

    /// The local name of element `id` (`None` for other nodes).
    pub(crate) fn name(&self, id: NodeId) -> Option<&LocalName> {
        match &self.nodes[id].data {
            Data::Element { name, .. } if name.ns == ns!(html) || name.ns == ns!() => {
                Some(&name.local)
            }
            _ => None,
        }
    }

    /// Whether `id` is an element named `name`.
    pub(crate) fn is(&self, id: NodeId, name: &LocalName) -> bool {
        self.name(id) == Some(name)
    }

    /// The value of attribute `attr` of element `id`.
    pub(crate) fn attr(&self, id: NodeId, attr: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|a| &*a.name.local == attr)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    /// The attributes of element `id`.
    pub(crate) fn attrs(&self, id: NodeId) -> &[Attribute] {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs,
            _ => &[],
        }
    }

    /// Every node under `id` (itself included), in document order, without
    /// recursion.
    pub(crate) fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            stack: vec![id],
        }
    }

    /// The first element named `name` in the document.
    #[cfg(test)]
    pub(crate) fn find(&self, name: &LocalName) -> Option<NodeId> {
        self.descendants(Self::ROOT).find(|&n| self.is(n, name))
    }

    /// The text under `id`, white space as in the source.
    pub(crate) fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let Data::Text(t) = &self.nodes[n].data {
                out.push_str(t);
            }
        }
        out
    }
}

pub(crate) struct Descendants<'a> {
    dom: &'a Dom,
    stack: Vec<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.stack.pop()?;
        self.stack.extend(self.dom.children(id).iter().rev());
        Some(id)
    }
}

/// Passes the tokens of html5ever's tokenizer on to its tree builder, but for
/// tags nested too deep ([`DepthGuard`]), and takes the text of a `<script>` or
/// `<style>` (often most of a page's bytes) out of the input in one slice where
/// that slice is exactly the text the tokenizer would produce, which it does
/// character run by character run, a token for every line.
///
/// Text between two other tokens goes on as one token, a slice of the input
/// where it is one: the tokenizer gives a line break as a token of its own (a
/// copy), which made every text of several lines a copy. Where a text token
/// ends does not change the tree: html5ever builds the same tree from input
/// that arrives in chunks cut anywhere.
struct TokenFilter {
    tree_builder: TreeBuilder<NodeId, Sink>,
    /// The tokenizer's input.
    input: BufferQueue,
    depth: DepthGuard,
    /// The whole input, which text tokens are slices of.
    html: StrTendril,
    /// Text read since the last other token.
    pending_text: RefCell<Option<StrTendril>>,
}

impl TokenFilter {
    /// The raw text at the front of the input, taken out of it, of an element
    /// whose start tag was just read; `None` (the input untouched) where the
    /// tokenizer has to read it.
    fn take_raw_text(&self, kind: RawKind, end_tag: &[u8]) -> Option<StrTendril> {
        let front = self.input.peek_front_chunk_mut()?;
        let len = raw_text_len(front.as_bytes(), kind, end_tag)?;
        if len == 0 {
            return None;
        }
        let len = u32::try_from(len).ok()?;
        let text = front.subtendril(0, len);
        self.consume_front(front, len);
        Some(normalize_newlines(text))
    }

    /// Takes the first `len` bytes off the input's `front` buffer, as read.
    fn consume_front(&self, mut front: RefMut<'_, StrTendril>, len: u32) {
        front.pop_front(len);
        // The tokenizer expects no empty buffer in its queue.
        let now_empty = front.is_empty();
        drop(front);
        if now_empty {
            self.input.pop_front();
        }
    }

    /// Adds `text` to the pending text.
    fn hold_text(&self, text: StrTendril) {
        let mut pending = self.pending_text.borrow_mut();
        match pending.as_mut() {
            None => *pending = Some(text),
            Some(held) => match self.extended_in_input(held, &text) {
                Some(longer) => *held = longer,
                None => held.push_tendril(&text),
            },
        }
    }

    /// `held` and `text` as one slice of the input, when `held` is a slice of
    /// it and the input goes on with the characters of `text`.
    fn extended_in_input(&self, held: &StrTendril, text: &StrTendril) -> Option<StrTendril> {
        // Addresses only compared, to find where `held` is in the input.
        let start = (held.as_ptr() as usize).checked_sub(self.html.as_ptr() as usize)?;
        let end = start + held.len();
        let rest = self.html.as_bytes().get(end..)?;
        // A slice of the input right after `held` (the same bytes), or a short
        // token (a line break) that the input has there.
        let follows = text.as_ptr() == rest.as_ptr()
            || (text.len() <= 4 && rest.starts_with(text.as_bytes()));
        if !follows || text.len() > rest.len() {
            return None;
        }
        let start = u32::try_from(start).ok()?;
        let len = u32::try_from(held.len() + text.len()).ok()?;
        Some(self.html.subtendril(start, len))
    }

    /// Passes the pending text on to the tree builder.
    fn flush_text(&self, line_number: u64) {
        let pending = self.pending_text.borrow_mut().take();
        if let Some(text) = pending {
            let result = self
                .tree_builder
                .process_token(Token::CharacterTokens(text), line_number);
            debug_assert!(matches!(result, TokenSinkResult::Continue));
        }
    }

    /// Reads text, tags and comments at the front of the input in place of the
    /// tokenizer while they are plain ([`read_plain_text`], [`read_plain_tag`],
    /// [`read_plain_comment`]), which is most of a page: the tokenizer copies
    /// a tag's name, attribute names and values character by character, and
    /// this takes values and text as slices of the input. Called only where
    /// the tokenizer is in its data state with nothing pending, which it stays
    /// in: it goes on with the rest of the input as if it had read this
    /// itself.
    fn read_plain_markup(&self, line_number: u64) {
        loop {
            let Some(front) = self.input.peek_front_chunk_mut() else {
                return;
            };
            let (text, text_len) = read_plain_text(&front);
            let bytes = front.as_bytes();
            let markup = match bytes.get(text_len..text_len + 2) {
                Some(b"<!") => read_plain_comment(&front, text_len),
                Some([b'<', _]) => read_plain_tag(&front, text_len),
                _ => None,
            };
            let markup_len = markup.as_ref().map_or(0, |(_, len)| *len);
            // Lengths within the front buffer, whose length is a u32.
            let Ok(taken) = u32::try_from(text_len + markup_len) else {
                return;
            };
            if taken == 0 {
                return;
            }
            self.consume_front(front, taken);
            if let Some(text) = text {
                self.hold_text(text);
            }
            let token = match markup {
                None => return,
                Some((Token::TagToken(tag), _)) if !self.depth.admits(&tag) => continue,
                Some((token, _)) => token,
            };
            self.flush_text(line_number);
            let result = self.tree_builder.process_token(token, line_number);
            // The names of elements whose content the tokenizer reads in
            // another state are left to it, so the tree builder only goes on
            // (or reports a `<meta charset>`, which changes nothing here).
            debug_assert!(matches!(
                result,
                TokenSinkResult::Continue | TokenSinkResult::EncodingIndicator(_)
            ));
        }
    }
}

/// The length of the raw text at the start of `input` (the text of a
/// `<script>` when `kind` is `ScriptData`, of a `<style>` when `Rawtext`) up to
/// its end tag `</{end_tag}`, when the tokenizer would read it as text to
/// there: `None` when the end tag is missing, when the text has a NUL (which
/// the tokenizer replaces) or, in a script, both `<!--` and `<script` (which
/// can hide the end tag).
fn raw_text_len(input: &[u8], kind: RawKind, end_tag: &[u8]) -> Option<usize> {
    let end = find_tag(input, b"</", end_tag)?;
    let text = &input[..end];
    let escapes = kind == RawKind::ScriptData
        && memchr::memmem::find(text, b"<!--").is_some()
        && find_tag(text, b"<", b"script").is_some();
    (!escapes && memchr::memchr(b'\0', text).is_none()).then_some(end)
}

/// Where the first `{open}{name}` is in `input` (the name in any case)
/// followed by a character that ends a tag name.
fn find_tag(input: &[u8], open: &[u8], name: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + memchr::memmem::find(&input[from..], open)?;
        let name_start = at + open.len();
        let name_end = name_start + name.len();
        if input.get(name_start..name_end)?.eq_ignore_ascii_case(name)
            && input
                .get(name_end)
                .is_some_and(|&b| matches!(b, b'/' | b'>') || is_tag_space(b))
        {
            return Some(at);
        }
        from = name_start;
    }
}

/// `text` with its line breaks as the tokenizer gives them: CR LF and CR
/// become LF.
fn normalize_newlines(text: StrTendril) -> StrTendril {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = StrTendril::with_capacity(text.len32());
    let mut rest: &str = &text;
    while let Some(cr) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_slice(&rest[..cr]);
        rest = &rest[cr + 1..];
        // The LF of a CR LF goes with the next run, in one copy.
        if !rest.starts_with('\n') {
            out.push_char('\n');
        }
    }
    out.push_slice(rest);
    out
}

/// The text at the start of `input` as the tokenizer gives it, and the bytes
/// it takes: up to a `<` or NUL (which the tokenizer replaces), its line
/// breaks normalized, its character references decoded when they are all
/// those of [`decode_plain_references`] (else the text stops at the first).
/// A slice of the input where it needs neither.
fn read_plain_text(input: &StrTendril) -> (Option<StrTendril>, usize) {
    let bytes = input.as_bytes();
    let plain_end = memchr::memchr3(b'<', b'&', b'\r', bytes).unwrap_or(bytes.len());
    let (text, len) = if matches!(bytes.get(plain_end), Some(b'<') | None) {
        // Most text: a slice to the next tag.
        let len = memchr::memchr(b'\0', &bytes[..plain_end]).unwrap_or(plain_end);
        (None, len)
    } else {
        let len = memchr::memchr2(b'<', b'\0', bytes).unwrap_or(bytes.len());
        match memchr::memchr(b'&', &bytes[..len]) {
            None => (None, len),
            Some(amp) => match decode_plain_references(&bytes[..len], false) {
                Some(decoded) => (Some(decoded), len),
                None => (None, amp),
            },
        }
    };
    // Within the buffer, whose length is a u32.
    let Ok(len32) = u32::try_from(len) else {
        return (None, 0);
    };
    if len == 0 {
        return (None, 0);
    }
    let text = text.unwrap_or_else(|| input.subtendril(0, len32));
    // A CR at the end is followed by `<`, `&` or NUL, not by a line feed that
    // the tokenizer would drop with it.
    if len > plain_end {
        return (Some(normalize_newlines(text)), len);
    }
    (Some(text), len)
}

/// The comment token at `start` in `input` (at a `<!`) and its length, when
/// it is a plain `<!-- ... -->`: it ends at the first `-->` or `--!>`, the
/// tokenizer's dashes and nested `<!--` notwithstanding. `None` for the
/// comments that end early (`<!-->`, `<!--->`), unclosed comments, comments
/// with a NUL, and anything else (doctypes, CDATA).
fn read_plain_comment(input: &StrTendril, start: usize) -> Option<(Token, usize)> {
    let bytes = input.as_bytes().get(start..)?;
    let body = bytes.strip_prefix(b"<!--")?;
    if body.starts_with(b">") || body.starts_with(b"->") {
        return None;
    }
    let mut from = 0;
    let (text_len, end_len) = loop {
        let dashes = from + memchr::memmem::find(&body[from..], b"--")?;
        match body.get(dashes + 2..)? {
            [b'>', ..] => break (dashes, 3),
            [b'!', b'>', ..] => break (dashes, 4),
            _ => from = dashes + 1,
        }
    };
    if memchr::memchr(b'\0', &body[..text_len]).is_some() {
        return None;
    }
    let text_start = u32::try_from(start + 4).ok()?;
    let text = input.subtendril(text_start, u32::try_from(text_len).ok()?);
    Some((
        Token::CommentToken(normalize_newlines(text)),
        4 + text_len + end_len,
    ))
}

/// Whether the tokenizer treats `byte` as white space within a tag (a CR
/// becomes a line feed).
fn is_tag_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The tag token at `start` in `input` (at a `<`) and its length, read as the
/// tokenizer would from its data state, when the tag is plain: a name of
/// ASCII letters, digits and `-_:.`, attribute values with no NUL or CR and
/// only the character references of [`decode_plain_references`], and
/// complete. `None` for anything else, and for the elements after whose
/// start tag the tokenizer changes state (`<script>`, `<title>`, ...): the
/// tokenizer reads those.
fn read_plain_tag(input: &StrTendril, start: usize) -> Option<(Token, usize)> {
    let bytes = input.as_bytes().get(start..)?;
    let (kind, mut at) = match bytes.get(1) {
        Some(b'/') => (EndTag, 2),
        _ => (StartTag, 1),
    };
    let name_start = at;
    if !bytes.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    while matches!(
        bytes.get(at)?,
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b':' | b'.'
    ) {
        at += 1;
    }
    if !matches!(bytes[at], b'/' | b'>') && !is_tag_space(bytes[at]) {
        return None;
    }
    let name = lowercase_atom(&bytes[name_start..at])?;
    if changes_tokenizer_state(&name) {
        return None;
    }
    let mut attrs: Vec<Attribute> = Vec::new();
    let mut had_duplicate_attributes = false;
    let self_closing = loop {
        match *bytes.get(at)? {
            byte if is_tag_space(byte) => at += 1,
            b'>' => {
                at += 1;
                break false;
            }
            // A `/` not before the `>` counts as white space.
            b'/' => {
                at += 1;
                if bytes.get(at) == Some(&b'>') {
                    at += 1;
                    break true;
                }
            }
            b'\0' | b'=' => return None,
            _ => {
                let name_start = at;
                loop {
                    match *bytes.get(at)? {
                        b'/' | b'>' | b'=' => break,
                        b'\0' => return None,
                        byte if is_tag_space(byte) => break,
                        _ => at += 1,
                    }
                }
                let name = lowercase_atom(&bytes[name_start..at])?;
                while is_tag_space(*bytes.get(at)?) {
                    at += 1;
                }
                let mut value = at..at;
                if bytes[at] == b'=' {
                    at += 1;
                    while is_tag_space(*bytes.get(at)?) {
                        at += 1;
                    }
                    match bytes[at] {
                        quote @ (b'"' | b'\'') => {
                            let value_start = at + 1;
                            let end = value_start + memchr::memchr(quote, &bytes[value_start..])?;
                            value = value_start..end;
                            at = end + 1;
                        }
                        // `<a b=>`: an empty value, and the end of the tag.
                        b'>' => {}
                        _ => {
                            let value_start = at;
                            while bytes.get(at)? != &b'>' && !is_tag_space(bytes[at]) {
                                at += 1;
                            }
                            value = value_start..at;
                        }
                    }
                }
                // The tokenizer keeps the first of attributes of a name.
                if attrs.iter().any(|a| a.name.local == name) {
                    had_duplicate_attributes = true;
                    continue;
                }
                let raw = &bytes[value.clone()];
                if memchr::memchr2(b'\0', b'\r', raw).is_some() {
                    return None;
                }
                let value = if memchr::memchr(b'&', raw).is_some() {
                    decode_plain_references(raw, true)?
                } else {
                    // Within the buffer, whose length is a u32.
                    let value_start = u32::try_from(start + value.start).ok()?;
                    input.subtendril(value_start, u32::try_from(value.len()).ok()?)
                };
                attrs.push(Attribute {
                    name: QualName::new(None, ns!(), name),
                    value,
                });
            }
        }
    };
    let tag = Tag {
        kind,
        name,
        self_closing,
        attrs,
        had_duplicate_attributes,
    };
    Some((TagToken(tag), at))
}

/// `value` with its character references replaced as the tokenizer does,
/// when each `&` is one it reads without looking further: a named reference
/// with its `;`, a numeric one to a printable
/// character, an `&` before neither a letter, digit nor `#` (which stays),
/// or, in an attribute value (`in_attribute`), an `&` before letters and
/// digits and a `=` (which stays, as in `?a=1&b=2`: no reference decoded
/// there is followed by `=` or a letter or digit). `None` for any other `&`,
/// and for a `&NewLine;` right after a CR.
fn decode_plain_references(value: &[u8], in_attribute: bool) -> Option<StrTendril> {
    let mut out = StrTendril::with_capacity(u32::try_from(value.len()).ok()?);
    let mut rest = value;
    while let Some(amp) = memchr::memchr(b'&', rest) {
        out.push_slice(std::str::from_utf8(&rest[..amp]).ok()?);
        let reference = &rest[amp + 1..];
        let name_len = reference
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let ((decoded, second), len) = match reference.get(name_len) {
            _ if name_len == 0 && reference.first() == Some(&b'#') => {
                let semicolon = memchr::memchr(b';', &reference[..reference.len().min(10)])?;
                let number = match &reference[1..semicolon] {
                    [b'x' | b'X', hex @ ..] => printable(hex, 16)?,
                    decimal => printable(decimal, 10)?,
                };
                ((number, None), semicolon + 1)
            }
            _ if name_len == 0 => (('&', None), 0),
            Some(b';') => (named_reference(&reference[..=name_len])?, name_len + 1),
            Some(b'=') if in_attribute => (('&', None), 0),
            _ => return None,
        };
        // `&NewLine;` right after a CR: the tokenizer gives two line feeds
        // (the CR's and the reference's), where normalizing the decoded text
        // would join them as a CR LF into one (attribute values with a CR are
        // not read here).
        if decoded == '\n' && out.ends_with('\r') {
            return None;
        }
        out.push_char(decoded);
        if let Some(second) = second {
            out.push_char(second);
        }
        rest = &reference[len..];
    }
    out.push_slice(std::str::from_utf8(rest).ok()?);
    Some(out)
}

/// The characters (one or two) of the named reference `name;`, from
/// html5ever's own table: with the `;` read, no longer name can match.
fn named_reference(name_and_semicolon: &[u8]) -> Option<(char, Option<char>)> {
    let key = std::str::from_utf8(name_and_semicolon).ok()?;
    match html5ever::data::NAMED_ENTITIES.get(key) {
        // Prefixes of names are in the table too, with no character.
        Some(&(0, _)) | None => None,
        Some(&(first, second)) => {
            let second = match second {
                0 => None,
                second => Some(char::from_u32(second)?),
            };
            Some((char::from_u32(first)?, second))
        }
    }
}

/// The character of the number in `digits` (at most 6, in base `radix`) when
/// it is printable and no code point that the tokenizer replaces or reports.
fn printable(digits: &[u8], radix: u32) -> Option<char> {
    let is_digit = |d: &u8| (*d as char).is_digit(radix);
    if digits.is_empty() || digits.len() > 6 || !digits.iter().all(is_digit) {
        return None;
    }
    let number = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
    match number {
        0x20..=0x7E | 0xA0..=0xD7FF => char::from_u32(number),
        _ => None,
    }
}

/// `name` in ASCII lower case, interned as the tokenizer does (the most
/// common names without hashing them).
fn lowercase_atom(name: &[u8]) -> Option<LocalName> {
    if name.iter().any(u8::is_ascii_uppercase) {
        let lower = name.to_ascii_lowercase();
        return Some(LocalName::from(std::str::from_utf8(&lower).ok()?));
    }
    Some(match name {
        b"a" => local_name!("a"),
        b"b" => local_name!("b"),
        b"i" => local_name!("i"),
        b"p" => local_name!("p"),
        b"br" => local_name!("br"),
        b"li" => local_name!("li"),
        b"ul" => local_name!("ul"),
        b"td" => local_name!("td"),
        b"tr" => local_name!("tr"),
        b"em" => local_name!("em"),
        b"div" => local_name!("div"),
        b"img" => local_name!("img"),
        b"span" => local_name!("span"),
        b"link" => local_name!("link"),
        b"meta" => local_name!("meta"),
        b"path" => local_name!("path"),
        b"strong" => local_name!("strong"),
        b"section" => local_name!("section"),
        b"id" => local_name!("id"),
        b"alt" => local_name!("alt"),
        b"rel" => local_name!("rel"),
        b"src" => local_name!("src"),
        b"href" => local_name!("href"),
        b"name" => local_name!("name"),
        b"role" => local_name!("role"),
        b"type" => local_name!("type"),
        b"class" => local_name!("class"),
        b"style" => local_name!("style"),
        b"title" => local_name!("title"),
        b"width" => local_name!("width"),
        b"height" => local_name!("height"),
        b"target" => local_name!("target"),
        b"content" => local_name!("content"),
        b"property" => local_name!("property"),
        _ => LocalName::from(std::str::from_utf8(name).ok()?),
    })
}

/// Whether the tree builder can switch the tokenizer to another state on a
/// tag of this name (raw text, RCDATA, plain text, a script to run).
fn changes_tokenizer_state(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("title")
            | local_name!("textarea")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
    )
}

impl TokenSink for TokenFilter {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        let token = match token {
            Token::CharacterTokens(text) => {
                self.hold_text(text);
                return TokenSinkResult::Continue;
            }
            other => other,
        };
        self.flush_text(line_number);
        let end_tag: Option<&[u8]> = match &token {
            TagToken(tag) if !self.depth.admits(tag) => {
                self.read_plain_markup(line_number);
                return TokenSinkResult::Continue;
            }
            TagToken(Tag {
                kind: StartTag,
                name,
                ..
            }) => match *name {
                local_name!("script") => Some(b"script"),
                local_name!("style") => Some(b"style"),
                _ => None,
            },
            _ => None,
        };
        let reads_on = matches!(
            token,
            TagToken(_) | Token::CommentToken(_) | Token::DoctypeToken(_)
        );
        let result = self.tree_builder.process_token(token, line_number);
        // The tree builder asks for raw text only where the element is one
        // (not in SVG, not in a `<title>`); it then takes text as it comes.
        if let (Some(end_tag), TokenSinkResult::RawData(kind)) = (end_tag, &result) {
            if let Some(text) = self.take_raw_text(*kind, end_tag) {
                let more = self
                    .tree_builder
                    .process_token(Token::CharacterTokens(text), line_number);
                debug_assert!(matches!(more, TokenSinkResult::Continue));
            }
        }
        // After a tag, comment or doctype that leaves the tokenizer in its data
        // state, with nothing of its own pending (its `>` was the last
        // character the tokenizer read; at the end of the input there is
        // nothing left to read).
        if reads_on && matches!(result, TokenSinkResult::Continue) {
            self.read_plain_markup(line_number);
        }
        result
    }

    fn end(&self) {
        self.flush_text(0);
        self.tree_builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        // Text can change the current node (it opens a `<body>`).
        self.flush_text(0);
        self.tree_builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Where a node is in the tree while it is built. html5ever moves nodes around
/// (foster parenting, the adoption agency), which linked lists do in place; the
/// lists become [`Dom::child_ids`] when the tree is done.
#[derive(Debug, Clone, Copy, Default)]
struct Links {
    first_child: Link,
    last_child: Link,
    previous_sibling: Link,
    next_sibling: Link,
}

/// A node in [`Links`], compact: the document (node 0) is nobody's child or
/// sibling, so 0 is free to mean none.
type Link = Option<NonZeroU32>;

fn link_to(id: NodeId) -> Link {
    // Nodes are fewer than the bytes of the input, which tendrils keep below 4 GiB.
    NonZeroU32::new(id as u32)
}

fn linked(link: Link) -> Option<NodeId> {
    link.map(|l| l.get() as NodeId)
}

/// The tree under construction: nodes, and their links by the same index.
#[derive(Debug)]
struct Tree {
    nodes: Vec<Node>,
    links: Vec<Links>,
    /// The name of nodes that are not elements.
    neutral_name: QualName,
}

impl Tree {
    fn push(&mut self, data: Data) -> NodeId {
        self.nodes.push(Node::new(data));
        self.links.push(Links::default());
        self.nodes.len() - 1
    }

    /// Takes `id` out of its parent's children.
    fn detach(&mut self, id: NodeId) {
        let Some(parent) = self.nodes[id].parent.take() else {
            return;
        };
        let links = &mut self.links[id];
        let previous_sibling = links.previous_sibling.take();
        let next_sibling = links.next_sibling.take();
        match linked(previous_sibling) {
            Some(p) => self.links[p].next_sibling = next_sibling,
            None => self.links[parent].first_child = next_sibling,
        }
        match linked(next_sibling) {
            Some(n) => self.links[n].previous_sibling = previous_sibling,
            None => self.links[parent].last_child = previous_sibling,
        }
    }

    /// Makes the detached `id` a child of `parent`, before its child `before`
    /// (the last child if `None`).
    fn link(&mut self, parent: NodeId, id: NodeId, before: Option<NodeId>) {
        let previous = match before {
            Some(b) => self.links[b].previous_sibling,
            None => self.links[parent].last_child,
        };
        self.nodes[id].parent = Some(parent);
        self.links[id].previous_sibling = previous;
        self.links[id].next_sibling = before.and_then(link_to);
        match linked(previous) {
            Some(p) => self.links[p].next_sibling = link_to(id),
            None => self.links[parent].first_child = link_to(id),
        }
        match before {
            Some(b) => self.links[b].previous_sibling = link_to(id),
            None => self.links[parent].last_child = link_to(id),
        }
    }

    /// Inserts `child` under `parent` before its child `before` (at the end if
    /// `None`), joining text to a text node right before.
    fn insert(&mut self, parent: NodeId, before: Option<NodeId>, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendText(text) => {
                let previous = match before {
                    Some(b) => self.links[b].previous_sibling,
                    None => self.links[parent].last_child,
                };
                if let Some(previous) = linked(previous) {
                    if let Data::Text(t) = &mut self.nodes[previous].data {
                        // Consecutive slices of the input are joined without a copy.
                        t.push_tendril(&text);
                        return;
                    }
                }
                let id = self.push(Data::Text(text));
                self.link(parent, id, before);
            }
            NodeOrText::AppendNode(id) => {
                self.detach(id);
                self.link(parent, id, before);
            }
        }
    }

    /// The finished document: the children lists flattened into one array.
    fn into_dom(self) -> Dom {
        let Tree {
            mut nodes, links, ..
        } = self;
        let mut child_ids = Vec::with_capacity(nodes.len());
        for (node, node_links) in nodes.iter_mut().zip(&links) {
            // Offsets fit in u32 as the input's do (tendrils are u32-sized).
            node.first_child = child_ids.len() as u32;
            let mut child = linked(node_links.first_child);
            while let Some(c) = child {
                child_ids.push(c);
                child = linked(links[c].next_sibling);
            }
            node.child_count = child_ids.len() as u32 - node.first_child;
        }
        Dom { nodes, child_ids }
    }
}

struct Sink {
    tree: RefCell<Tree>,
}

impl Default for Sink {
    fn default() -> Sink {
        Sink::with_capacity(1)
    }
}

impl Sink {
    fn push(&self, data: Data) -> NodeId {
        self.tree.borrow_mut().push(data)
    }

    /// A sink with room for `nodes` nodes, the document included.
    fn with_capacity(nodes: usize) -> Sink {
        let mut tree = Tree {
            nodes: Vec::with_capacity(nodes),
            links: Vec::with_capacity(nodes),
            neutral_name: QualName::new(None, ns!(html), local_name!("span")),
        };
        tree.push(Data::Document);
        Sink {
            tree: RefCell::new(tree),
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    // A borrow of the tree (markup5ever's `ElemName` for `Ref<QualName>`): the
    // tree builder only looks at a name before it changes the tree again.
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.tree.into_inner().into_dom()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        Dom::ROOT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.tree.borrow(), |tree| match &tree.nodes[*target].data {
            Data::Element { name, .. } => name,
            // The tree builder asks only about elements; a neutral name otherwise.
            _ => &tree.neutral_name,
        })
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        _flags: ElementFlags,
    ) -> NodeId {
        self.push(Data::Element { name, attrs })
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.tree.borrow_mut().insert(*parent, None, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.tree.borrow().nodes[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // Template contents stay under the template: they are not rendered, and
        // the extractor drops templates whole.
        *target
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        if let Some(parent) = tree.nodes[*sibling].parent {
            tree.insert(parent, Some(*sibling), child);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if let Data::Element {
            attrs: existing, ..
        } = &mut self.tree.borrow_mut().nodes[*target].data
        {
            for a in attrs {
                if !existing.iter().any(|e| e.name.local == a.name.local) {
                    existing.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.tree.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut tree = self.tree.borrow_mut();
        while let Some(child) = linked(tree.links[*node].first_child) {
            tree.detach(child);
            tree.link(*new_parent, child, None);
        }
    }
}

/// The tree as html5ever's tokenizer and tree builder build it with the same
/// sink and options, the tokens passing from one to the other as they come but
/// for the [`DepthGuard`] (which the token filter applies too): what
/// [`Dom::parse`] builds without the token filter's shortcuts.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn parse_without_shortcut(html: &str) -> Dom {
    /// html5ever's tree builder behind the depth guard alone.
    struct Unfiltered {
        tree_builder: TreeBuilder<NodeId, Sink>,
        depth: DepthGuard,
    }

    impl TokenSink for Unfiltered {
        type Handle = NodeId;

        fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
            match &token {
                TagToken(tag) if !self.depth.admits(tag) => TokenSinkResult::Continue,
                _ => self.tree_builder.process_token(token, line_number),
            }
        }

        fn end(&self) {
            self.tree_builder.end();
        }

        fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
            self.tree_builder
                .adjusted_current_node_present_but_not_in_html_namespace()
        }
    }

    let tree_builder = TreeBuilder::new(
        Sink::default(),
        TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
    );
    let tokenizer = Tokenizer::new(
        Unfiltered {
            tree_builder,
            depth: DepthGuard::default(),
        },
        TokenizerOpts::default(),
    );
    // As html5ever's own driver (`parse_document(..).one(..)`) feeds it.
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.tree_builder.sink.finish()
}

/// Every node of `dom`, a line each: its parent, its children, and its name
/// and attributes or its text (comments, doctypes and processing instructions
/// are `Other`, as the sink keeps nothing of them).
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn outline(dom: &Dom) -> Vec<String> {
    dom.nodes
        .iter()
        .enumerate()
        .map(|(id, n)| {
            let data = match &n.data {
                Data::Element { name, attrs } => format!(
                    "<{}> {:?}",
                    name.local,
                    attrs
                        .iter()
                        .map(|a| (&*a.name.local, &*a.value))
                        .collect::<Vec<_>>()
                ),
                Data::Text(t) => format!("{:?}", &**t),
                other => format!("{other:?}"),
            };
            format!("{:?} {:?} {data}", n.parent, dom.children(id))
        })
        .collect()
}

/// `Ok` when [`Dom::parse`] (with the token filter) builds the same tree from
/// `html` as [`parse_without_shortcut`]; else the first node whose
/// [`outline`] line differs, both ways.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn token_filter_agrees(html: &str) -> Result<(), String> {
    let filtered = outline(&Dom::parse(html));
    let unfiltered = outline(&parse_without_shortcut(html));
    if filtered == unfiltered {
        return Ok(());
    }
    let missing = "(no such node)".to_string();
    let at = filtered
        .iter()
        .zip(&unfiltered)
        .position(|(a, b)| a != b)
        .unwrap_or(filtered.len().min(unfiltered.len()));
    Err(format!(
        "node {at} of {} (token filter) / {} (html5ever):\n  token filter: {}\n  html5ever:    {}",
        filtered.len(),
        unfiltered.len(),
        filtered.get(at).unwrap_or(&missing),
        unfiltered.get(at).unwrap_or(&missing),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_into_an_arena() {
        let dom = Dom::parse("<p id=a>Hello <b>world</b></p><p>second");
        let p = dom.find(&local_name!("p")).unwrap();
        assert_eq!(dom.attr(p, "id"), Some("a"));
        assert_eq!(dom.text(p), "Hello world");
        assert_eq!(dom.text(Dom::ROOT), "Hello worldsecond");
    }

    /// The tree as html5ever's own driver builds it with the same sink.
    fn parse_document(html: &str) -> Dom {
        use html5ever::tendril::TendrilSink;
        let opts = html5ever::ParseOpts {
            tree_builder: TreeBuilderOpts {
                scripting_enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        html5ever::parse_document(Sink::default(), opts).one(html)
    }

    #[test]
    fn token_filter_builds_the_same_tree() {
        let pages = [
            "<script>var a = 1;\nif (a<2) { b = '</div>'; }</script><p>text",
            "<SCRIPT type=x>a</scriptx>b</Script >c</script><p>after",
            "<style>\r\np { color: red }\r\n\r</style\r\n><p>crlf",
            "<script><!-- document.write('<script>x()</script>'); --></script><p>escaped",
            "<script><!-- hidden --></script><p>comment only",
            "<script>a\0b</script><p>nul",
            "<script>unclosed <p>at the end",
            "<style></style><script></script><p>empty",
            "<svg><script>var x = '<b>';</script><style>a{}</style></svg><p>foreign",
            "<title><script>not a script</script></title><textarea><style></textarea>",
            "<table><script>in table</script><tr><td>cell</table>",
            "<script>tail</script",
            "<script>a</script/><style>b</style/x>",
            // Text joined across line breaks, character references, CR LF.
            "<p>one\ntwo\n  three &amp; four&lt;\r\nfive\rsix\n</p>\n\n<div>\n  x\n</div>",
            "<pre>\n\nkept</pre><textarea>\nt</textarea><listing>\nl</listing>",
            "<table>\n  <tr>\n <td>a</td> x \n</tr>\n</table>",
            "<svg><![CDATA[c\nd]]>\n<desc><![CDATA[e]]></desc></svg><math>\n<mi><![CDATA[f]]></mi></math>",
            "\n\n<!-- c -->\n<html>\n<head>\n<title>\nt\n</title>\n</head>\n<body>\na\0b\n</body>\n</html>\n\n",
            "<frameset>\n<frame>\n</frameset>\n x",
            "<select>\n<option>a\n<option>b</select>",
            // Tags the token filter reads itself, and some it leaves.
            "<p><DIV Class=\"a b\" ID='x' data-x=1 hidden>t</DiV ><br/><img src=a.png/>",
            "<p><a href=\"?a=1&amp;b=2\" title='&lt;'>x</a><a b=\"c\rd\" e='\0'>y</a>",
            "<p><a b=1 b=2 B=3 c c=4>dup</a><a x = \"1\"y='2'z=3/>sp</a><a / b / >s</a>",
            "<p><a b=>e</a><a =b>e</a><a \"q'=1 <c>w</a><a b=\"\">x</a><a\r\nb\r=\r1\r>",
            "<p><a b=\"unclosed>x</p>",
            "<p><a b=c",
            "<p><a\0b>x</a><a b\0c=1>y</a><ä>z</ä><a ä=1 Ä=2>w</a><a-b:c.d_e>v</a-b:c.d_e>",
            "<p>x &amp; y\r\nz\0w <b>1</b> < 2 <3 </ 4 </> <!-- c --> <?p?>ok</p>",
            "<p><TITLE>t</TITLE><Textarea>\nx</textarea><XMP><b></xmp><iframe><b></iframe>",
            "<p><noembed><b></noembed><noframes><b></noframes><plaintext><b>",
            "<svg><path d=\"M0 0\"/><foreignObject><p>f</p></foreignObject></svg><math><mi>x</mi></math>",
            // Comments and character references the token filter reads itself.
            "<p><!-- a --><!----><!-- b --!><!--c--d--><!-- <!-- e --><!-- f --->x<!-- <!--> y -->",
            "<p><!--><!--->z<!-- g --!-- h --><!--\r\ni\r--><!-- \0 --><!-- unclosed",
            "<p><!-- --!x --><!-- <!- -> --><b>b</b><!x><!DOCTYPE html><? pi ?>w<!-- j",
            "<p><a t=\"&amp;&quot;&apos;&lt;&gt;&nbsp;&#39;&#x27;&#X41;&#65;\">1</a><a t='&amp'>2</a>",
            "<p><a t=\"&#0;&#128;&#x110000;&#xD800;&#9999999;&#+39;&#x;&#;&copy;&copy=&amp\">3</a>",
            "<p><a t=&amp;b&#38;c>4</a><a t=\"x&amp;\">5</a><a t=\"&nbsp\">6</a><a t=\"&notin;\">7</a>",
            // Text with line breaks and references the token filter reads itself.
            "<p>a\r\n&amp;\r\n&nbsp;b&#x41;\r<b>c&copy;d&#10;e\r</b>f\r&lt;\r\ng&gt\r\0h\r\n",
            "<div>\r\n\t<p>x&amp;y&#65;\r\n</p>\r\n</div>\r\n<table>\r\n<tr>\r\n<td>&nbsp;</td>\r</tr></table>\r",
            "<p><a href=\"?a=1&b=2&not=3&copy=4&amp=5&notin=6&x\" t='& &&# &#; &=' u=a&b=c&>1</a>",
            "<p><a t=\"&not;&notin;&copy;&copysr;&ldquo;q&rdquo;&hellip;&NotANamedRef;&amp\">2</a><a t=&not>3</a>",
            "<p>&copy=1 &not=2 & x &# &; &ldquo;q&rdquo; &mdash;&trade;&bull;&x=1&notit;<b>&copy",
            // Found by fuzz/fuzz_targets/token_filter.rs.
            "<r>\r&NewLine;",
            "<head><meta charset=utf-8><meta http-equiv=Content-Type content=\"text/html; charset=koi8-r\"><link rel=x></head><p>m",
        ];
        for page in pages {
            assert_eq!(token_filter_agrees(page), Ok(()), "{page:?}");
            // The reference is html5ever's own driver where the depth guard
            // drops nothing.
            assert_eq!(
                outline(&parse_without_shortcut(page)),
                outline(&parse_document(page)),
                "{page:?}"
            );
        }
        // Nesting deeper than the depth guard's limit, in tags that the token
        // filter reads and tags that it leaves to the tokenizer.
        let deep = "<div a=1><b>".repeat(400) + "x<xmp>y</xmp><p>z" + &"</b></div>".repeat(400);
        assert_eq!(token_filter_agrees(&deep), Ok(()));
    }

    #[test]
    fn token_filter_builds_the_same_tree_from_tag_soup() {
        let tags = [
            "table",
            "tr",
            "td",
            "tbody",
            "caption",
            "b",
            "i",
            "a href=x",
            "A HREF='y' Class=\"c d\"",
            "img src=x.png alt=\"\" /",
            "b c=1 c=2 d",
            "i title=\"a&amp;b\"",
            "u t='&lt;&#39;&#x3C;&nbsp;&copy'",
            "a href=?a=1&b=2&copy=3&not=4 title=\"&ldquo;&rdquo;&#;& \"",
            "svg viewBox=\"0 0 1 1\"",
            "span\nid=s\r\nclass=t",
            "p",
            "div",
            "svg",
            "math",
            "mi",
            "desc",
            "foreignObject",
            "template",
            "select",
            "option",
            "frameset",
            "form",
            "li",
            "dd",
            "nobr",
            "button",
            "h1",
            "font",
            "pre",
            "listing",
            "textarea",
            "title",
            "script",
            "style",
            "xmp",
            "iframe",
            "noscript",
            "plaintext",
            "head",
            "body",
            "html",
            "br",
            "img",
            "ruby",
            "rt",
        ];
        let texts = [
            "text",
            " ",
            "\n",
            "\r\n",
            "\r",
            "<!-- c -->",
            "<!--",
            "-->",
            "&amp;",
            "&",
            "<",
            ">",
            "</",
            "<!DOCTYPE html>",
            "\0",
            "<![CDATA[x]]>",
            "<?pi?>",
            "文字",
            "</script",
            "<!---->",
            "<!--->",
            "--!>",
            "<!-- x --!>",
            "&lt;&#39;",
            "a&amp;\r\nb",
            "&copy=&b=&mdash;&",
            "\r\n\t",
        ];
        // xorshift: the same pages on every run.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let mut page = String::new();
            for _ in 0..1 + next(80) {
                match next(4) {
                    0 => page.push_str(texts[next(texts.len())]),
                    1 => {
                        let tag = tags[next(tags.len())];
                        page.push_str(&format!(
                            "</{}>",
                            tag.split([' ', '\n']).next().unwrap_or(tag)
                        ));
                    }
                    _ => page.push_str(&format!("<{}>", tags[next(tags.len())])),
                }
            }
            assert_eq!(token_filter_agrees(&page), Ok(()), "{page:?}");
        }
    }

    /// The tree under `id` in brackets: `b(1)p(b(2)3)`.
    fn shape(dom: &Dom, id: NodeId) -> String {
        let inner: String = dom.children(id).iter().map(|&c| shape(dom, c)).collect();
        match &dom.nodes[id].data {
            Data::Element { name, .. } => format!("{}({inner})", name.local),
            Data::Text(t) => t.to_string(),
            _ => inner,
        }
    }

    #[test]
    fn moves_of_the_tree_builder_keep_the_tree_whole() {
        let cases = [
            // Foster parenting: text and elements in a table go before it.
            (
                "<table><tr><td>a</td></tr>b<i>c</table>",
                "body(bi(c)table(tbody(tr(td(a)))))",
            ),
            // The adoption agency: misnested formatting elements.
            ("<b>1<p>2</b>3</p>", "body(b(1)p(b(2)3))"),
            ("<a href=x>1<div>2</a>3</div>", "body(a(1)div(a(2)3))"),
            ("<b><i>1</b>2</i>3", "body(b(i(1))i(2)3)"),
        ];
        for (page, expected) in cases {
            let dom = Dom::parse(page);
            let body = dom.find(&local_name!("body")).unwrap();
            assert_eq!(shape(&dom, body), expected, "{page}");
            for (id, node) in dom.nodes.iter().enumerate() {
                for &c in dom.children(id) {
                    assert_eq!(dom.nodes[c].parent, Some(id), "{page}");
                }
                if let Some(p) = node.parent {
                    assert!(dom.children(p).contains(&id), "{page}");
                }
            }
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let dom = Dom::parse(&html);
        assert_eq!(dom.text(Dom::ROOT), "deep");
    }
}
