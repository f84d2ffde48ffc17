//! Mojibake forms met in real corpora, one behaviour each.

use std::borrow::Cow;

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

#[test]
fn clean_text_with_private_use_characters_is_left_alone() {
    // Private-use characters (icon fonts, vendor characters) between CJK
    // punctuation: as GBK bytes read as Big5 they are `炙`, and the rare
    // characters became common ones (`﹝炙＃＃炙`). But only private-use ones were
    // rare, clean text has them, and the repair has a rare one (`﹝`).
    let text = "。\u{E004}……\u{E004}";
    assert!(matches!(fix_text(text), Cow::Borrowed(_)));
    let explained = Fixer::new().explain(text);
    assert!(explained.changes.is_empty(), "{:?}", explained.changes);
    assert_eq!(explained.doubts.len(), 1, "{:?}", explained.doubts);
    assert!(explained.doubts[0].reason.contains("private-use"));
    // Where the repair is common text they count: GBK reads Big5's `的`
    // (`AA BA`), `告` and `：` as private-use characters.
    for text in ["列印所擁有的處理器數目", "警告："] {
        let damaged = Misreading::new(Codec::Big5, Codec::Gbk)
            .damage(text)
            .unwrap();
        let private = |c: &char| ('\u{E000}'..='\u{F8FF}').contains(c);
        assert!(damaged.chars().any(|c| private(&c)), "{damaged}");
        assert_eq!(fix_text(&damaged), text);
    }
}

#[test]
fn a_span_is_doubted_once_by_the_most_common_misreading() {
    // Windows-1252, Windows-1250 and Windows-1254 all doubt `Ä‚` here.
    let explained = Fixer::new().explain("CHYBNÄ‚ĹĄ");
    assert_eq!(explained.text, "CHYBNÄ‚ĹĄ");
    let mut spans: Vec<_> = explained.doubts.iter().map(|d| d.span.clone()).collect();
    let all = spans.len();
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    assert_eq!(spans.len(), all, "{:?}", explained.doubts);
    let first = explained.doubts.iter().find(|d| d.span == (5..10));
    assert_eq!(
        first.map(|d| d.chain.to_string()).as_deref(),
        Some("utf-8 read as windows-1252")
    );
}

#[test]
fn u_fffd_seen_through_any_double_byte_codec_collapses() {
    for (seen, read) in [
        ("锟斤拷", Codec::Gbk),
        ("嚙踝蕭", Codec::Big5),
        ("占쏙옙", Codec::EucKr),
    ] {
        let m = Misreading::new(Codec::Utf8, read);
        assert_eq!(m.damage("\u{FFFD}\u{FFFD}").as_deref(), Some(seen));
        let text = format!("제목 {seen}{seen} 끝");
        assert_eq!(
            fix_text(&text),
            "제목 \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} 끝",
            "{read}"
        );
    }
    // One among a long line of clean text.
    let long = "이것은 긴 문장입니다. 여기에 占쏙옙 같은 깨진 글자가 있고 문장은 계속됩니다.";
    assert_eq!(
        fix_text(long),
        "이것은 긴 문장입니다. 여기에 \u{FFFD}\u{FFFD} 같은 깨진 글자가 있고 문장은 계속됩니다."
    );
    let long = "这是一个很长的句子，里面有锟斤拷这样的乱码，然后继续写下去直到足够长为止。";
    assert_eq!(
        fix_text(long),
        "这是一个很长的句子，里面有\u{FFFD}\u{FFFD}这样的乱码，然后继续写下去直到足够长为止。"
    );
    // Its characters on their own are text.
    for clean in ["敌军占领了城市。", "쏙 들어갔다", "占い師に聞いた"] {
        assert!(matches!(fix_text(clean), Cow::Borrowed(_)), "{clean}");
    }
}

#[test]
fn no_lone_letter_of_another_script_inside_cjk_text() {
    // UTF-8 read as GBK with bytes lost: `段` survives between lost ones, and a
    // later pass must not read `�段�` as EUC-KR mojibake of `�ӫ�`.
    let damaged = "杩欐槸涓�娈佃��閿欒��瑙ｇ爜鐨勪腑鏂囥��";
    let fixed = fix_text(damaged);
    assert!(fixed.starts_with("这是�段�错�解码"), "{fixed}");
}

#[test]
fn fuzz_finds_are_idempotent() {
    // Each repair of `Ā\u{9a}` (UTF-8 for U+009A read as Windows-1257) gave the
    // line before it the same shape, one `Ā` a pass, past the bound on passes.
    let text = "%\0\0\0ĀĀĀĀĀĀĀĀĀ\u{9a}";
    let once = fix_text(text);
    assert_eq!(fix_text(&once), once, "{text:?}");
    // `Р ` read back from Windows-1251 with the space as a lost no-break space
    // is UTF-8 for `Р` again: each pass ate a space, eight passes eight.
    let text = "�#+���5d$�#\t�0\u{2}\0\0 wwww \0\0\u{f}TT�\0\0\u{10}TTTР        \u{11}";
    assert_eq!(fix_text(text), text);
}

#[test]
fn the_short_runs_of_a_line_of_soup_are_repaired_with_it() {
    // Real news lines (cwced) as GBK read as Windows-1252. On a line that is
    // soup throughout, the runs of one character count too: `月` and `日`
    // between the digits of a date, a run glued to a Latin word (卡拉OK), and
    // names with characters of GB2312's second level (骁, 虬, 泓).
    for text in [
        "周某某于1989年5月26日离邵到北京了解动乱",
        "12月10日 代表注册",
        "昨日8时40分许，她在长春市某医院生下一名女婴。",
        "还有垂钓台、花园、卡拉OK包房等休闲娱乐设施。",
        "04现代艺术理论\t刘骁纯",
        "正式投资建设他的农民休闲山庄——\"虬泓山庄\"，定位为农业生态旅游观光地。",
    ] {
        let soup = Misreading::new(Codec::Gbk, Codec::Windows1252)
            .damage(text)
            .unwrap();
        assert_eq!(fix_text(&soup), text, "{soup}");
    }
    // Alone, one character of soup is too little evidence.
    assert_eq!(fix_text("5ÔÂ"), "5ÔÂ");
}

#[test]
fn soup_whose_bytes_are_utf8_letters_is_utf8_misread() {
    // `Ð½Ð¾Ð´Ð¾Ð²` is also GBK read as Windows-1252 (`薪芯写芯胁`, five common
    // characters of one row); UTF-8's sequences seldom come about by chance.
    assert_eq!(fix_text("Ð½Ð¾Ð´Ð¾Ð²"), "нодов");
    assert_eq!(fix_text("IÐ½Ð¾Ð´Ð¾Ð²"), "Iнодов");
    // Genuine GBK soup is not UTF-8 (`Ê±`, 时, is UTF-8 only for `ʱ`, which is
    // no plain letter).
    assert_eq!(
        fix_text("×òÈÕ8Ê±40·ÖÐí£¬ËýÔÚ³¤´ºÊÐ"),
        "昨日8时40分许，她在长春市"
    );
}

#[test]
fn big5_characters_that_hkscs_repeats_are_common_big5() {
    // 起 is B0 5F in Big5 and again 8F FE in the HKSCS rows; text has the
    // first. Read as GBK, the line is repaired whole.
    let text = "--reflink 只能與 --sparse=auto 一起用";
    let damaged = Misreading::new(Codec::Big5, Codec::Gbk)
        .damage(text)
        .unwrap();
    assert_eq!(fix_text(&damaged), text);
}

#[test]
fn a_repair_between_double_byte_codecs_is_common_text_of_the_writer() {
    // From a real page (a comment of garble): as GBK read as Big5 it would
    // become `唬詖麾乖`, two of whose characters are outside GB2312's first
    // level. Doubted, not repaired.
    let explained = Fixer::new().explain("誨唴欏墊");
    assert_eq!(explained.text, "誨唴欏墊");
    assert_eq!(explained.doubts.len(), 1, "{:?}", explained.doubts);
}

#[test]
fn utf8_read_as_gbk_with_rare_characters_in_it_is_repaired() {
    // Real news lines: a name (晔, GB2312 level 2) or a word (辍学) with a
    // rare character in it, and 学 whose bytes GBK reads as a private-use
    // character.
    for text in [
        "颜建晔（北京大学）中国生育政策实际效力的实证分析",
        "她已辍学与男友很早就相识",
    ] {
        let damaged = Misreading::new(Codec::Utf8, Codec::Gbk)
            .damage(text)
            .unwrap();
        assert_eq!(fix_text(&damaged), text, "{damaged}");
    }
}

#[test]
fn words_in_capitals_on_a_line_of_cyrillic_soup_are_repaired() {
    // Windows-1251 read as Windows-1252: `ÔÀÉË` (ФАЙЛ) is also GBK's `岳伤`, and
    // has no lowercase letter to show it is a word; the line's other runs do.
    let text = "-i, --ignore-file=ФАЙЛ         ФАЙЛ с думи, които да се пренебрегват";
    let soup = Misreading::new(Codec::Windows1251, Codec::Windows1252)
        .damage(text)
        .unwrap();
    assert_eq!(fix_text(&soup), text);
}

#[test]
fn the_short_runs_of_a_line_misread_between_gbk_and_big5_are_repaired_with_it() {
    // A real line (daniel-zh) written in Big5 and read as GBK: `月` and `日`
    // between digits come out as kana (`1る9ら`), no rarer than the text
    // around them, and are repaired with the line's longer runs.
    let text = "福州新聞網訊 1月9日，本報報道了福州現代醫院播放雷人廣告";
    let damaged = Misreading::new(Codec::Big5, Codec::Gbk)
        .damage(text)
        .unwrap();
    assert!(damaged.contains("1る9ら"), "{damaged}");
    assert_eq!(fix_text(&damaged), text);
}

#[test]
fn clean_lines_of_the_system_catalogs_are_left_alone() {
    // False positives found in the machine's gettext catalogs
    // (`tests/mojibake_eval.rs`, `eval_mojibake_system_catalogs`): a Swedish
    // date placeholder (GBK's `排排`), Bulgarian words (GBK read as Latin-9
    // partly re-read as UTF-8), a Czech word in capitals (a rare combining
    // mark as UTF-8 read as Windows-1250), Vietnamese `MÃ` before spaces (a
    // no-break space "restored" to `Mà`).
    for text in [
        "Utlöpsdatum för kontot (ÅÅÅÅ-MM-DD)",
        "Hozzáférés elévülési dátum (ÉÉÉÉ-HH-NN)",
        "полска — дворак, «„”» при «1»",
        "použít %s nebo PROHLÍŽEČ k zobrazení výstupu v HTML",
        "      --from-code=MÃ         bảng mã ký tự của tập tin đầu vào",
    ] {
        assert!(
            matches!(fix_text(text), Cow::Borrowed(_)),
            "{text} -> {}",
            fix_text(text)
        );
    }
    // The catalogs' real mojibake is still repaired.
    assert_eq!(
        fix_text("Er is al een nieuwere versie geÃ¯nstalleerd"),
        "Er is al een nieuwere versie geïnstalleerd"
    );
}

#[test]
fn short_soup_that_reads_as_chinese_words_is_not_korean() {
    // GBK read as Windows-1252, every character in the rows EUC-KR gives
    // Hangul (`更多精彩内容` was `뫘뜩쑹꽈코휭`): its GBK reading is words.
    for text in ["更多精彩内容", "环境保护", "信息来源： 内蒙古日报"] {
        let soup = Misreading::new(Codec::Gbk, Codec::Windows1252)
            .damage(text)
            .unwrap();
        assert_eq!(fix_text(&soup), text, "{soup}");
    }
    // Korean soup stays Korean.
    let text = "이 파일을 찾을 수 없습니다";
    let soup = Misreading::new(Codec::EucKr, Codec::Windows1252)
        .damage(text)
        .unwrap();
    assert_eq!(fix_text(&soup), text, "{soup}");
}

#[test]
fn han_characters_inside_latin_words_are_utf8_misread() {
    // French read as GBK and as Big5: each accented letter became one Han
    // character inside a word (`d茅bray茅`).
    for (read, text) in [
        (Codec::Gbk, "(débrayé par -a ou -A)"),
        (Codec::Gbk, "le code d'état indique le succès"),
        (Codec::Big5, "le code d'état indique le succès"),
    ] {
        let damaged = Misreading::new(Codec::Utf8, read).damage(text).unwrap();
        assert_eq!(fix_text(&damaged), text, "{damaged}");
    }
    // A Han character after a Latin word in Japanese is text (`DELETE句`).
    assert_eq!(fix_text("DELETE句"), "DELETE句");
}

#[test]
fn short_soup_alone_is_repaired_where_it_reads_as_words() {
    // GBK read as Windows-1252, a word alone: `Ò»Ð©` (一些) is UTF-8 `һЩ` as
    // well, but no text has a capital after a small letter, nor Old Church
    // Slavonic's `ѧ` (`Ñ§Ð£`, 学校); `ÉîÛÚ` (深圳) has a character of GB2312's
    // second level, and is a word.
    for text in ["一些", "学校", "小学", "深圳", "社稷"] {
        let soup = Misreading::new(Codec::Gbk, Codec::Windows1252)
            .damage(text)
            .unwrap();
        assert_eq!(fix_text(&soup), text, "{soup}");
    }
}
