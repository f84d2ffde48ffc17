//! Article extraction by behaviour: what is kept, what is dropped, and the pages
//! that must not break it (empty, no article, deep or broken markup, huge pages,
//! frames, `<noscript>`-only content, tables).

use proptest::prelude::*;
use textwash::{Cleaner, Verdict, html::Extractor};

const PARAGRAPH: &str = "厦门市产品质量稳步提升，工业产品、食品、水产品监督抽检合格率均远高于全国平均水平，\
    质量成为这个城市发展中的最美元素。";

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>厦门推动高质量发展 - 中国质量新闻网</title></head>\
         <body><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/news\">新闻</a></div>{body}</body></html>"
    )
}

/// An article container with its headline, `paragraphs` paragraphs and `extra`.
fn article_with(paragraphs: usize, extra: &str) -> String {
    let mut out = String::from("<div class=\"article\"><h1>厦门推动高质量发展</h1>");
    for _ in 0..paragraphs {
        out.push_str("<p>");
        out.push_str(PARAGRAPH);
        out.push_str("</p>");
    }
    out.push_str(extra);
    out.push_str("</div>");
    out
}

fn article(paragraphs: usize) -> String {
    article_with(paragraphs, "")
}

#[test]
fn empty_input_is_junk() {
    for input in ["", "   ", "<html></html>", "<!DOCTYPE html>"] {
        let a = textwash::clean(input.as_bytes());
        assert!(a.text.is_empty(), "{input:?}");
        assert_ne!(a.verdict, Verdict::Clean, "{input:?}");
    }
}

#[test]
fn a_page_of_links_has_no_article() {
    let mut links = String::from("<ul>");
    for i in 0..200 {
        links.push_str(&format!(
            "<li><a href=\"/news/{i}.html\">厦门推动高质量发展第{i}篇报道，质量成为城市发展的元素</a></li>"
        ));
    }
    links.push_str("</ul>");
    let a = Extractor::new().extract(&page(&links));
    assert_eq!(a.verdict, Verdict::Junk);
    assert!(a.text.is_empty());
}

#[test]
fn related_headlines_and_share_links_are_dropped() {
    let body = article_with(
        3,
        "<p>相关新闻：</p>\
         <p>・<a href=\"/1.html\">意大利警方否认找到游轮事故第7具遇难者遗体</a> 2012.01.17</p>\
         <p><a href=\"/2.html\">意大利游轮触礁致6人死亡 漏油严重影响环境</a></p>",
    );
    let a = Extractor::new().extract(&page(&body));
    assert!(a.text.contains("质量成为这个城市"), "{}", a.text);
    assert!(!a.text.contains("遇难者遗体"), "{}", a.text);
    assert!(!a.text.contains("漏油"), "{}", a.text);
    assert!(a.changes.iter().any(|c| c.reason.contains("link lines")));
}

#[test]
fn a_sentence_with_a_link_in_it_stays() {
    let body = article_with(
        3,
        "<p>The Swedish investigation had been shelved in 2017 but was \
         <a href=\"/x\">re-opened earlier this year following his eviction</a>.</p>",
    );
    let a = Extractor::new().extract(&page(&body));
    assert!(a.text.contains("re-opened earlier this year"), "{}", a.text);
}

#[test]
fn an_unclosed_named_anchor_does_not_make_the_article_link_text() {
    // The parser reconstructs the unclosed `<a name>` around everything after it.
    let body = format!(
        "<a name=top1>楼层： 第 1 楼</div><div class=\"floor\">{}</div>",
        "<br>".to_owned() + &PARAGRAPH.repeat(4)
    );
    let a = Extractor::new().extract(&page(&body));
    assert!(a.text.contains("质量成为这个城市"), "{}", a.text);
}

#[test]
fn a_copyright_notice_does_not_outscore_a_short_article() {
    let body = "<div class=\"text\"><h1>大熊猫幼仔开始群体生活</h1>\
        <p>中国成都大熊猫繁育研究基地的12只大熊猫幼仔近日告别母亲开始群体生活。</p>\
        <p>2011年，中国共成功繁育了21只大熊猫，圈养大熊猫数量达到328只。</p></div>\
        <div class=\"pagebottom\"><p>本网站所刊载信息，不代表中新社和中新网观点。刊用本网站稿件，务经书面授权。</p>\
        <p>未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。</p></div>";
    let a = Extractor::new().extract(&page(body));
    assert!(a.text.contains("大熊猫幼仔近日告别母亲"), "{}", a.text);
    assert!(!a.text.contains("不代表"), "{}", a.text);
}

#[test]
fn deeply_nested_markup_is_handled() {
    let html = page(&("<div>".repeat(100_000) + &article(3) + &"</div>".repeat(100_000)));
    let a = Extractor::new().extract(&html);
    assert!(a.text.contains("质量成为这个城市"));
    let broken = page(&("<p><b><i><span>".repeat(30_000) + PARAGRAPH));
    let _ = Extractor::new().extract(&broken);
}

#[test]
fn a_50_mb_page_is_handled() {
    let mut body = article(3);
    let filler = "<div class=\"nav\"><a href=\"/x\">链接</a> <a href=\"/y\">链接</a></div>\n";
    while body.len() < 50 << 20 {
        body.push_str(filler);
    }
    let a = Cleaner::new().clean(page(&body).as_bytes());
    assert!(a.text.contains("质量成为这个城市"));
}

#[test]
fn a_frameset_has_no_article() {
    let html = "<html><head><title>首页</title></head><frameset cols=\"20%,80%\">\
        <frame src=\"menu.html\"><frame src=\"main.html\"></frameset></html>";
    let a = Extractor::new().extract(html);
    assert_eq!(a.verdict, Verdict::Junk);
}

#[test]
fn noscript_only_content_is_found() {
    let body = format!(
        "<script>render()</script><noscript>{}</noscript>",
        article(3)
    );
    let a = Extractor::new().extract(&page(&body));
    assert!(a.text.contains("质量成为这个城市"), "{:?}", a.text);
}

#[test]
fn pages_with_all_text_in_tables() {
    let mut body = String::from("<table><tr><td><a href=\"/\">首页</a></td></tr><tr><td>");
    for _ in 0..3 {
        body.push_str(PARAGRAPH);
        body.push_str("<br><br>");
    }
    body.push_str("</td></tr></table>");
    let a = Extractor::new().extract(&page(&body));
    assert!(a.text.contains("质量成为这个城市"), "{}", a.text);
    // A data table inside an article stays a table.
    let data = article_with(
        3,
        "<table><tr><th>项目</th><th>合格率</th></tr><tr><td>食品</td><td>98%</td></tr></table>",
    );
    let a = Extractor::new().extract(&page(&data));
    assert!(a.html.contains("<td>食品</td>"), "{}", a.html);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The whole pipeline never panics on arbitrary bytes, and its text is valid
    /// UTF-8 without NUL bytes.
    #[test]
    fn clean_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let a = textwash::clean(&bytes);
        prop_assert!(!a.text.contains('\0'));
    }

    /// Nor on markup-shaped input.
    #[test]
    fn clean_never_panics_on_markup(parts in proptest::collection::vec(
        prop_oneof![
            Just("<div>"), Just("</div>"), Just("<p>"), Just("</p>"), Just("<a href=x>"),
            Just("</a>"), Just("<table><tr><td>"), Just("</td></tr></table>"), Just("<br>"),
            Just("<script>"), Just("</script>"), Just("<noscript>"), Just("<h1>"), Just("</h1>"),
            Just("质量成为这个城市发展中的最美元素，"), Just("The quick brown fox. "),
            Just("<bdo id=\"glmru\"></bdo>"), Just("来源：中国质量报"), Just("2022-09-27 11:06"),
        ],
        0..200,
    )) {
        let html = parts.concat();
        let _ = textwash::clean(html.as_bytes());
    }
}

#[test]
fn a_short_article_under_its_headline_beats_teasers_elsewhere() {
    let teaser = "<div class=\"content\"><p>（综合报道）消费者电子产品展周二在美国拉斯维加斯揭幕，各家电子厂商纷纷展出新产品，\
        吸引大批观众，场面热闹。</p></div>";
    let body = format!(
        "<div class=\"side\">{teaser}{teaser}</div><div class=\"main\"><h1>港铁农历新年加强服务</h1>\
         <div class=\"art-content\"><p>为方便乘客于农历新年期间外出，港铁列车服务和部分轻铁路线于大除夕通宵行驶。荃湾线和观塘线特别于周六下午开始加密班次。</p></div></div>"
    );
    let html = format!(
        "<html><head><title>港铁农历新年加强服务 - 雅虎新闻</title></head><body>{body}</body></html>"
    );
    let a = Extractor::new().extract(&html);
    assert!(a.text.contains("通宵行驶"), "{}", a.text);
    assert!(!a.text.contains("拉斯维加斯"), "{}", a.text);
}

/// A post of a blog or forum page: a title row with a date, then the body.
fn post(title: &str, body: &str) -> String {
    format!(
        "<table class=\"post\"><tr><td class=\"post-title\">{title}</td><td>2005-06-14 03:25:55</td></tr>\
         <tr><td class=\"post-body\">{body}</td></tr></table>"
    )
}

#[test]
fn the_first_post_of_a_blog_page_is_the_article() {
    let first = "湘菜粤菜兵分两路，新鲜的是，湘菜浓妆淡抹，粤菜却是明艳照人。虽然湖南人喜欢吃辣，\
        但碍于广东的炎热气候，不得不多吃清淡的菜肴，家乡炖的老鸡汤香味浓郁，清润有益，成为主打新菜之一。";
    let second = "<p>我真的累了。</p><p>当斑竹半年来，没有功劳也有苦劳，而一切都怪我太认真。</p>\
        <p>当斑竹的好处，也许是一个，就是查IP，但是知道IP后往往更气，因为往往伤害我的都是我信任的人。</p>\
        <p>我爱写文章，我的性格也太露，尽管我很负责，但是却造成了小部分马甲攻击我的原因。</p>";
    let html = format!(
        "<html><head><title>海姑娘 | 博客</title></head><body>{}{}</body></html>",
        post("湘菜粤菜 兵分两路", first),
        post("澳坛真的累了", second)
    );
    let a = Extractor::new().extract(&html);
    assert!(a.text.contains("湘菜浓妆淡抹"), "{}", a.text);
    assert!(!a.text.contains("我真的累了"), "{}", a.text);
}

#[test]
fn an_article_in_chunks_under_its_headline_is_whole() {
    let chunk = |text: &str| {
        format!(
            "<div class=\"grid\"><div class=\"article__body\"><p>{text}</p><p>{text}</p></div>\
             <div class=\"ad-rail\"></div></div>"
        )
    };
    let html = format!(
        "<html><head><title>Why My Friend Became a Grocery Store on Instagram | WIRED</title></head><body>\
         <h1>Why My Friend Became a Grocery Store on Instagram</h1><div class=\"chunks\">{}{}</div></body></html>",
        chunk(
            "Instagram began testing hiding public like counts globally on Thursday, after experimenting with the change in several countries."
        ),
        chunk(
            "I learned that over a dozen people tapped on the profile of a coworker after I tagged us eating lunch together, and more."
        )
    );
    let a = Extractor::new().extract(&html);
    assert!(a.text.contains("hiding public like counts"), "{}", a.text);
    assert!(a.text.contains("over a dozen people"), "{}", a.text);
}

#[test]
fn an_article_written_inside_a_link_is_found() {
    // A video page whose transcript links to the text version of the story.
    let mut transcript = String::new();
    for _ in 0..4 {
        transcript.push_str(PARAGRAPH);
        transcript.push_str("<br><br>");
    }
    let body = format!(
        "<div class=\"intr\"><dl><a href=\"/text/644768.html\">{transcript}</a></dl></div>\
         <div class=\"foot\"><p>新唐人简介 收看指南 广告服务 免责声明</p></div>"
    );
    let a = Extractor::new().extract(&page(&body));
    assert!(a.text.contains("质量成为这个城市"), "{}", a.text);
}
