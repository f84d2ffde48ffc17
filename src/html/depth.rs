//! A guard against pathologically deep markup.
//!
//! html5ever's tree builder checks the stack of open elements for most start
//! tags, which makes 100,000 nested `<div>`s cost quadratic time. Browsers cap the
//! depth they render too. Tags nested deeper than [`LIMIT`] are dropped (their
//! text is kept) on their way from the tokenizer to the tree builder: the guard
//! counts the tags the tokenizer reads, with no pass over the input of its own.

use std::cell::Cell;

use html5ever::tokenizer::{EndTag, StartTag, Tag};
use html5ever::{LocalName, local_name};

/// Nesting deeper than this is flattened.
pub(crate) const LIMIT: usize = 512;

/// Elements that do not nest: void elements, and those whose end tag is
/// optional and implied by the next one of their kind.
fn void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("p")
            | local_name!("li")
            | local_name!("td")
            | local_name!("th")
            | local_name!("tr")
            | local_name!("option")
    )
}

/// Elements of raw text: never dropped, as the tokenizer reads their text as
/// text only when the tree builder has seen their start tag.
fn raw_text(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
    )
}

/// The nesting of the tags seen so far.
#[derive(Debug, Default)]
pub(crate) struct DepthGuard {
    depth: Cell<usize>,
    /// Start tags dropped and not yet matched by a dropped end tag.
    suppressed: Cell<usize>,
}

impl DepthGuard {
    /// Whether `tag` goes on to the tree builder; counts it.
    pub(crate) fn admits(&self, tag: &Tag) -> bool {
        if tag.self_closing || void(&tag.name) || raw_text(&tag.name) {
            return true;
        }
        let (depth, suppressed) = (self.depth.get(), self.suppressed.get());
        match tag.kind {
            EndTag if suppressed > 0 => {
                self.suppressed.set(suppressed - 1);
                false
            }
            EndTag => {
                self.depth.set(depth.saturating_sub(1));
                true
            }
            StartTag if depth >= LIMIT => {
                self.suppressed.set(suppressed + 1);
                false
            }
            StartTag => {
                self.depth.set(depth + 1);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::dom::Dom;
    use super::*;

    fn count(dom: &Dom, name: &LocalName) -> usize {
        dom.descendants(Dom::ROOT)
            .filter(|&n| dom.is(n, name))
            .count()
    }

    #[test]
    fn shallow_markup_is_untouched() {
        let dom = Dom::parse(&("<div>".repeat(100) + "text" + &"</div>".repeat(100)));
        assert_eq!(count(&dom, &local_name!("div")), 100);
    }

    #[test]
    fn deep_markup_is_flattened_keeping_text() {
        let html = "<div>".repeat(2000) + "deep" + &"</div>".repeat(2000) + "<p>after";
        let dom = Dom::parse(&html);
        // The implied `<html>` and `<body>` are no tags: not counted.
        assert_eq!(count(&dom, &local_name!("div")), LIMIT);
        assert_eq!(dom.text(Dom::ROOT), "deepafter");
        let p = dom.find(&local_name!("p")).unwrap();
        let body = dom.find(&local_name!("body")).unwrap();
        assert_eq!(dom.nodes[p].parent, Some(body));
    }
}
