//! Mojibake forms met in real corpora, one behaviour each.

use textwash::mojibake::{Codec, Misreading};
use textwash::{ChangeKind, Fixer, fix_text};

#[test]
fn gbk_read_as_latin_9_is_repaired() {
    // A detector's ISO-8859-15 guess on GBK pages: `Ž¬³€` for 船长 (`B4` is `Ž`
    // in Latin-9, `´` in Latin-1).
    let text = "船长被游轮公司认定责任";
    let soup = Misreading::new(Codec::Gbk, Codec::Iso8859_15)
        .damage(text)
        .unwrap();
    assert_eq!(soup, "Ž¬³€±»ÓÎÂÖ¹«ËŸÈÏ¶šÔðÈÎ");
    assert_eq!(fix_text(&soup), text);
}

#[test]
fn latin_9_soup_partly_re_read_as_utf8_is_repaired() {
    // From a real page: a fixer took some pairs of the soup for UTF-8 misread as
    // Windows-1252 (`Ï¯` became `ϯ`, `ÖŽ` became `֎`).
    let soup = "ÓÎÂÖ¹«ËŸÊ×ϯ֎Ðйٞ£Ë¹»ù16ÈÕÈ϶š";
    let explained = Fixer::new().explain(soup);
    assert_eq!(explained.text, "游轮公司首席执行官福斯基16日认定");
    assert!(explained.changes.iter().all(|c| matches!(
        &c.kind,
        ChangeKind::Mojibake(chain) if chain.steps()[0]
            == Misreading::new(Codec::Gbk, Codec::Iso8859_15Refixed)
    )));
}

#[test]
fn soup_next_to_digits_is_repaired_but_not_soup_inside_latin_words() {
    let soup = Misreading::new(Codec::Gbk, Codec::Windows1252)
        .damage("福斯基")
        .unwrap();
    assert_eq!(fix_text(&format!("{soup}16")), "福斯基16");
    // The same letters glued to an ASCII word are a word of some Latin language.
    let glued = format!("abc{soup}");
    assert_eq!(fix_text(&glued), glued);
}
