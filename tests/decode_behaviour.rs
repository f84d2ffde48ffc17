//! Decoding raw bytes: declarations checked against evidence, mixed files, UTF-16,
//! strict mode, and properties on arbitrary bytes.

use std::borrow::Cow;

use encoding_rs::{BIG5, EUC_KR, GBK, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1251};
use proptest::prelude::*;
use textwash::decode::{Decoder, Source};

fn gbk(s: &str) -> Vec<u8> {
    GBK.encode(s).0.into_owned()
}

#[test]
fn clean_utf8_is_borrowed_and_unchanged() {
    let text = "<p>Grüße, 你好, こんにちは</p>";
    let d = textwash::decode(text.as_bytes());
    assert!(matches!(d.text, Cow::Borrowed(_)));
    assert_eq!(d.text, text);
    assert_eq!(d.encoding, UTF_8);
    assert!(d.malformed.is_empty());
}

#[test]
fn a_byte_order_mark_decides_first() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("<meta charset=gbk>正文".as_bytes());
    let d = textwash::decode(&bytes);
    assert_eq!((d.encoding, d.source), (UTF_8, Source::Bom));
    assert_eq!(d.text, "<meta charset=gbk>正文");
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("正文".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(textwash::decode(&le).text, "正文");
}

#[test]
fn a_transport_hint_is_used_when_the_bytes_agree() {
    let bytes = gbk("中国质量新闻网");
    let d = Decoder::new().charset("gb2312").unwrap().decode(&bytes);
    assert_eq!(
        (d.encoding, d.source, d.overridden),
        (GBK, Source::Transport, None)
    );
    assert_eq!(d.text, "中国质量新闻网");
}

#[test]
fn a_meta_declaration_that_lies_about_utf8_is_overridden() {
    let page = "<html><head><meta charset=\"gb2312\"></head><body>福建厦门市深入实施质量强市战略</body></html>";
    let d = textwash::decode(page.as_bytes());
    assert_eq!(d.encoding, UTF_8);
    assert_eq!(d.overridden, Some((Source::Meta, GBK)));
    assert_eq!(d.text, page);
}

#[test]
fn a_utf8_declaration_over_gbk_bytes_is_overridden() {
    let mut page = b"<html><head><meta charset=utf-8></head><body>".to_vec();
    page.extend(gbk(
        "福建厦门市深入实施质量强市战略推动全方位高质量发展综述",
    ));
    page.extend_from_slice(b"</body></html>");
    let d = textwash::decode(&page);
    assert_eq!(d.encoding, GBK);
    assert_eq!(d.overridden, Some((Source::Meta, UTF_8)));
    assert!(d.text.contains("福建厦门市深入实施质量强市战略"));
}

#[test]
fn undeclared_legacy_bytes_are_guessed() {
    let cases = [
        (BIG5, "台灣的天氣很好，我們明天去爬山吧。"),
        (SHIFT_JIS, "この文章は文字化けしていません。"),
        (EUC_KR, "대한민국의 수도는 서울입니다."),
        (WINDOWS_1251, "Москва — столица России, и это правда."),
        (GBK, "新闻"),
    ];
    for (encoding, text) in cases {
        let bytes = encoding.encode(text).0;
        let d = textwash::decode(&bytes);
        assert_eq!(d.text, text, "{}", encoding.name());
        assert_eq!(d.source, Source::Guess);
    }
}

#[test]
fn utf16_without_bom_is_recognised_by_its_zeros() {
    let text = "Plain text in UTF-16, with no byte order mark at all.";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(
        (
            textwash::decode(&le).text.as_ref(),
            textwash::decode(&le).encoding
        ),
        (text, UTF_16LE)
    );
    assert_eq!(
        (
            textwash::decode(&be).text.as_ref(),
            textwash::decode(&be).encoding
        ),
        (text, UTF_16BE)
    );
    // Valid UTF-8 too, but NULs in a UTF-16 pattern are stronger evidence (found by
    // the `decode` fuzz target).
    let both = b"0\x000\x00\x11\x00[}";
    assert_eq!(textwash::decode(both).encoding, UTF_16LE);
}

#[test]
fn mixed_files_are_decoded_line_by_line() {
    let mut bytes = "第一行是UTF-8。\n".as_bytes().to_vec();
    bytes.extend(gbk("第二行是GBK编码的中文。\n"));
    bytes.extend_from_slice("third line, ASCII\n".as_bytes());
    bytes.extend_from_slice("第四行又是UTF-8。\n".as_bytes());
    bytes.extend(gbk("第五行还是GBK。\n"));
    let d = textwash::decode(&bytes);
    assert_eq!(d.source, Source::Segments);
    assert_eq!(
        d.text,
        "第一行是UTF-8。\n第二行是GBK编码的中文。\nthird line, ASCII\n第四行又是UTF-8。\n第五行还是GBK。\n"
    );
    let encodings: Vec<&str> = d.segments.iter().map(|s| s.encoding.name()).collect();
    assert_eq!(encodings, ["UTF-8", "GBK", "UTF-8", "GBK"]);
    assert_eq!(d.segments.last().unwrap().bytes.end, bytes.len());
}

#[test]
fn malformed_bytes_are_reported_and_strict_mode_fails_at_the_first() {
    let bytes = b"valid line\nbad \xff\xfe here\n";
    let d = Decoder::new().charset("utf-8").unwrap().decode(bytes);
    assert_eq!(d.malformed, [15..16, 16..17]);
    assert_eq!(d.text, "valid line\nbad \u{FFFD}\u{FFFD} here\n");
    let err = Decoder::new()
        .charset("utf-8")
        .unwrap()
        .decode_strict(bytes)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed UTF-8 at byte offset 15 (line 2)"
    );
}

#[test]
fn double_encoding_inside_the_bytes_is_repaired() {
    // UTF-8 text misread as GBK, then saved as UTF-8.
    let bytes = "标题：浣犲ソ".as_bytes();
    let d = textwash::decode(bytes);
    assert_eq!(d.text, "标题：你好");
    assert_eq!(d.repairs.len(), 1);
    let raw = Decoder::new().repair(false).decode(bytes);
    assert_eq!(raw.text, "标题：浣犲ソ");
}

#[test]
fn repairs_are_the_changes_explain_reports() {
    // decode skips the doubts (it does not report them), not the changes or
    // their reasons: a broken title, a broken word in a clean sentence, a
    // repair that needs two rounds, `锟斤拷`, and Latin mojibake.
    let text = "标题：浣犲ソ\n正文里有一个坏词：鏂伴椈，其余不变。\n\
                娴ｇ姴銈絔n锟斤拷锟斤拷\nCafÃ© au lait, naÃ¯ve.\n";
    let d = textwash::decode(text.as_bytes());
    let explained = textwash::Fixer::new().explain(text);
    assert!(explained.changes.len() >= 4, "{:?}", explained.changes);
    assert_eq!(d.repairs, explained.changes);
    assert_eq!(d.text, explained.text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let d = textwash::decode(&bytes);
        for r in &d.malformed {
            prop_assert!(r.start < r.end && r.end <= bytes.len());
        }
    }

    #[test]
    fn utf8_is_returned_unchanged(text in any::<String>()) {
        let d = Decoder::new().repair(false).decode(text.as_bytes());
        if !text.starts_with('\u{feff}') {
            prop_assert!(matches!(d.text, Cow::Borrowed(_)));
            prop_assert_eq!(d.text.as_ref(), text.as_str());
        }
    }

    #[test]
    fn legacy_text_round_trips(index in 0usize..64) {
        let samples = [
            (GBK, "福建厦门市深入实施质量强市战略，推动全方位高质量发展。"),
            (BIG5, "香港特別行政區政府新聞公報，台灣的天氣很好。"),
            (SHIFT_JIS, "コンピュータのソフトウェアを更新しました。"),
            (EUC_KR, "안녕하세요, 만나서 반갑습니다. 대한민국의 수도는 서울입니다."),
            (WINDOWS_1251, "Привет, как дела? Это проверка декодера."),
        ];
        let (encoding, text) = samples[index % samples.len()];
        let bytes = encoding.encode(text).0;
        let decoded = textwash::decode(&bytes);
        prop_assert_eq!(decoded.text.as_ref(), text);
    }
}
