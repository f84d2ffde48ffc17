//! A small arena DOM built by html5ever's tree builder.
//!
//! Hand-written rather than markup5ever_rcdom because that crate does not track
//! html5ever releases, and an arena of indices is both faster (no reference
//! counting, no per-node allocation of children lists beyond a `Vec`) and easy to
//! walk without recursion, which deep markup (100,000 levels) requires.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, Namespace, QualName, TokenizerResult, local_name, ns};

/// Index of a node in the arena.
pub(crate) type NodeId = usize;

#[derive(Debug, Clone)]
pub(crate) enum Data {
    Document,
    // The tokenizer's tendrils are kept as they come: converting them to
    // `String`s copied every attribute value and text run, and text runs are
    // mostly slices of the input that need no copy at all.
    Element {
        name: Rc<QualName>,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: kept out of the way.
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    pub data: Data,
}

/// The parsed document.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    pub(crate) const ROOT: NodeId = 0;

    /// Parses `html` (already decoded).
    pub(crate) fn parse(html: &str) -> Dom {
        let sink = Sink {
            nodes: RefCell::new(vec![Node {
                parent: None,
                children: Vec::new(),
                data: Data::Document,
            }]),
        };
        let html = super::depth::flatten(html);
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
        // passing through `RawTextShortcut`, which needs the input queue.
        let tokenizer = Tokenizer::new(
            RawTextShortcut {
                tree_builder,
                input: BufferQueue::default(),
            },
            TokenizerOpts::default(),
        );
        let input = &tokenizer.sink.input;
        input.push_back(StrTendril::from(html.as_ref()));
        // A `</script>` suspends the tokenizer (for the script to run): resumed.
        while !matches!(tokenizer.feed(input), TokenizerResult::Done) {}
        tokenizer.end();
        tokenizer.sink.tree_builder.sink.finish()
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
        let div = Rc::new(QualName::new(None, ns!(html), local_name!("div")));
        let mut found = false;
        for node in &mut self.nodes {
            if let Data::Element { name, .. } = &mut node.data {
                if name.local == local_name!("noscript") {
                    *name = div.clone();
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
        self.stack.extend(self.dom.nodes[id].children.iter().rev());
        Some(id)
    }
}

/// Passes the tokens of html5ever's tokenizer on to its tree builder, but takes
/// the text of a `<script>` or `<style>` (often most of a page's bytes) out of
/// the input in one slice where that slice is exactly the text the tokenizer
/// would produce, which it does character run by character run, a token for
/// every line.
struct RawTextShortcut {
    tree_builder: TreeBuilder<NodeId, Sink>,
    /// The tokenizer's input.
    input: BufferQueue,
}

impl RawTextShortcut {
    /// The raw text at the front of the input, taken out of it, of an element
    /// whose start tag was just read; `None` (the input untouched) where the
    /// tokenizer has to read it.
    fn take_raw_text(&self, kind: RawKind, end_tag: &[u8]) -> Option<StrTendril> {
        let mut front = self.input.peek_front_chunk_mut()?;
        let len = raw_text_len(front.as_bytes(), kind, end_tag)?;
        if len == 0 {
            return None;
        }
        let len = u32::try_from(len).ok()?;
        let text = front.subtendril(0, len);
        front.pop_front(len);
        // The tokenizer expects no empty buffer in its queue.
        let now_empty = front.is_empty();
        drop(front);
        if now_empty {
            self.input.pop_front();
        }
        Some(normalize_newlines(text))
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
            && matches!(
                input.get(name_end),
                Some(b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>')
            )
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
        out.push_char('\n');
        rest = &rest[cr + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_slice(rest);
    out
}

impl TokenSink for RawTextShortcut {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        let end_tag: Option<&[u8]> = match &token {
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
        result
    }

    fn end(&self) {
        self.tree_builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.tree_builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
}

/// An element's name, shared with the tree builder.
#[derive(Debug)]
pub(crate) struct Name(Rc<QualName>);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl Sink {
    fn push(&self, data: Data) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            parent: None,
            children: Vec::new(),
            data,
        });
        nodes.len() - 1
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        if let Some(parent) = nodes[id].parent.take() {
            nodes[parent].children.retain(|&c| c != id);
        }
    }

    /// Appends `child` under `parent` at `position` (the end if `None`), merging
    /// adjacent text.
    fn insert(&self, parent: NodeId, position: Option<usize>, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        let at = position.unwrap_or(nodes[parent].children.len());
        match child {
            NodeOrText::AppendText(text) => {
                let before = at.checked_sub(1).map(|i| nodes[parent].children[i]);
                if let Some(prev) = before {
                    if let Data::Text(t) = &mut nodes[prev].data {
                        // Consecutive slices of the input are joined without a copy.
                        t.push_tendril(&text);
                        return;
                    }
                }
                nodes.push(Node {
                    parent: Some(parent),
                    children: Vec::new(),
                    data: Data::Text(text),
                });
                let id = nodes.len() - 1;
                nodes[parent].children.insert(at, id);
            }
            NodeOrText::AppendNode(id) => {
                Self::detach(&mut nodes, id);
                let at = at.min(nodes[parent].children.len());
                nodes[id].parent = Some(parent);
                nodes[parent].children.insert(at, id);
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Name;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        Dom::ROOT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name {
        match &self.nodes.borrow()[*target].data {
            Data::Element { name, .. } => Name(Rc::clone(name)),
            // The tree builder asks only about elements; a neutral name otherwise.
            _ => Name(Rc::new(QualName::new(None, ns!(html), local_name!("span")))),
        }
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        _flags: ElementFlags,
    ) -> NodeId {
        self.push(Data::Element {
            name: Rc::new(name),
            attrs,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.insert(*parent, None, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if self.nodes.borrow()[*element].parent.is_some() {
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
        let (parent, position) = {
            let nodes = self.nodes.borrow();
            let Some(parent) = nodes[*sibling].parent else {
                return;
            };
            let position = nodes[parent].children.iter().position(|c| c == sibling);
            (parent, position)
        };
        if let NodeOrText::AppendNode(id) = &child {
            // Detaching may shift the sibling's position.
            let mut nodes = self.nodes.borrow_mut();
            Self::detach(&mut nodes, *id);
        }
        let position = {
            let nodes = self.nodes.borrow();
            nodes[parent]
                .children
                .iter()
                .position(|c| c == sibling)
                .or(position)
        };
        self.insert(parent, position, child);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if let Data::Element {
            attrs: existing, ..
        } = &mut self.nodes.borrow_mut()[*target].data
        {
            for a in attrs {
                if !existing.iter().any(|e| e.name.local == a.name.local) {
                    existing.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let children = std::mem::take(&mut nodes[*node].children);
        for &c in &children {
            nodes[c].parent = Some(*new_parent);
        }
        nodes[*new_parent].children.extend(children);
    }
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
    fn parse_without_shortcut(html: &str) -> Dom {
        use html5ever::tendril::TendrilSink;
        let sink = Sink {
            nodes: RefCell::new(vec![Node {
                parent: None,
                children: Vec::new(),
                data: Data::Document,
            }]),
        };
        let opts = html5ever::ParseOpts {
            tree_builder: TreeBuilderOpts {
                scripting_enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        html5ever::parse_document(sink, opts).one(html)
    }

    /// Every node: its parent, children, and name, attributes or text.
    fn outline(dom: &Dom) -> Vec<String> {
        dom.nodes
            .iter()
            .map(|n| {
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
                format!("{:?} {:?} {data}", n.parent, n.children)
            })
            .collect()
    }

    #[test]
    fn raw_text_shortcut_builds_the_same_tree() {
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
        ];
        for page in pages {
            assert_eq!(
                outline(&Dom::parse(page)),
                outline(&parse_without_shortcut(page)),
                "{page:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let dom = Dom::parse(&html);
        assert_eq!(dom.text(Dom::ROOT), "deep");
    }
}
