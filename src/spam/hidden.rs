//! Hidden blocks: keyword and link farms that a page hides with CSS (off-screen
//! positioning, `display:none`, `visibility:hidden`, `font-size:0`) or puts in a
//! `<marquee>`. Screen-reader text and script-driven menus are hidden too, so the
//! content is judged as well: spam blocks are link-dense, keyword-stuffed or
//! nothing but tags.

/// Whether an inline `style` hides its element.
///
/// ```
/// use textwash::spam::hidden_by_style;
/// assert!(hidden_by_style("position:absolute; left:-9000px"));
/// assert!(hidden_by_style("DISPLAY: none"));
/// assert!(hidden_by_style("font-size:0px;line-height:0"));
/// assert!(!hidden_by_style("display:block; margin-left:-10px"));
/// ```
pub fn hidden_by_style(style: &str) -> bool {
    // Asked of every element, most without a style.
    if style.is_empty() {
        return false;
    }
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let declarations = style.split(';').filter_map(|d| d.split_once(':'));
    let mut off_screen = false;
    for (property, value) in declarations {
        let value = value.trim_end_matches("!important");
        match property {
            "display" if value == "none" => return true,
            "visibility" if value == "hidden" => return true,
            "font-size" if is_zero(value) => return true,
            "left" | "top" | "text-indent" | "margin-left" | "margin-top" => {
                if let Some(n) = value.strip_suffix("px").and_then(|v| v.parse::<f64>().ok()) {
                    off_screen |= n <= -999.0;
                }
            }
            _ => {}
        }
    }
    off_screen
}

fn is_zero(value: &str) -> bool {
    let number = value.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
    number.parse::<f64>().is_ok_and(|n| n == 0.0)
}

/// Whether the content of a hidden block is spam rather than accessible text or
/// a script-driven menu: spam vocabulary (a hijacked-title-like run of it, or strong
/// terms stuffed densely), or nothing but empty tags. Link density alone is not evidence:
/// hidden menus are all links too.
///
/// `text` is the block's text, `link_text` how much of it is inside links, and
/// `links` how many links it holds.
pub fn spam_block(text: &str, link_text: usize, links: usize) -> bool {
    let _ = (link_text, links);
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    if chars == 0 {
        return false;
    }
    // Stuffed: at least three strong terms, one or more every hundred characters
    // (a hidden list of real headlines may hold one or two by chance).
    let terms = super::title::strong_terms(text);
    (chars <= 120 && super::title::judge_title(text).hijacked)
        || (terms >= 3 && chars <= 100 * terms)
}
