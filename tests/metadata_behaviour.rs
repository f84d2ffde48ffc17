//! Article metadata from HTML: the headline among the parts of the `<title>`,
//! the published date and the author from datelines, bylines and credits.
//! Short pages written for the rules, in the style of Chinese news pages.

use textwash::html::Extractor;

const BODY: &str = "<p>一城春色半城花，万顷波涛拥海来。在福建厦门，质量成为这个城市发展中的最美元素。</p>\
    <p>厦门市产品质量稳步提升，工业产品、食品、水产品监督抽检合格率均远高于全国平均水平。</p>\
    <p>今年以来，全市各部门围绕质量强市目标，推出一系列措施，企业的质量意识明显增强。</p>";

fn page(title: &str, before_body: &str, body: &str, after_body: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/news/\">新闻中心</a> <a href=\"/s/\">社会</a></div>\
         {before_body}<div class=\"content\">{body}</div>{after_body}\
         <div class=\"footer\">关于我们 | 联系我们 | 版权所有</div></body></html>"
    )
}

fn title_of(html: &str) -> Option<String> {
    Extractor::new().extract(html).title
}

#[test]
fn site_and_section_names_leave_the_title() {
    let html = page(
        "孕婦血液透析7年仍堅持生育 - 新浪網 - 新聞",
        "<div id=\"news_title\">孕婦血液透析7年仍堅持生育</div>",
        BODY,
        "",
    );
    assert_eq!(
        title_of(&html).as_deref(),
        Some("孕婦血液透析7年仍堅持生育")
    );

    let html = page(
        "治公款消费 莫患“茅台焦虑症”-茅台酒,公款消费,人大代表-北方网-新闻中心",
        "<div class=\"title\">治公款消费 莫患“茅台焦虑症”</div>",
        BODY,
        "",
    );
    assert_eq!(
        title_of(&html).as_deref(),
        Some("治公款消费 莫患“茅台焦虑症”")
    );

    let html = page(
        "自由電子報 - 流感再奪2命 累計20死",
        "<span id=\"newtitle\">流感再奪2命 累計20死</span>",
        BODY,
        "",
    );
    assert_eq!(title_of(&html).as_deref(), Some("流感再奪2命 累計20死"));

    // A section name shown as a link is no headline.
    let html = page(
        "厦门推动高质量发展_新闻中心_中国质量新闻网",
        "<div class=\"title\">厦门推动高质量发展</div>",
        BODY,
        "",
    );
    assert_eq!(title_of(&html).as_deref(), Some("厦门推动高质量发展"));
}

#[test]
fn the_shown_headline_beats_a_sidebar_heading() {
    let html = page(
        "中国在复杂形势中持续铁腕治理年关欠薪",
        "<h1>相关新闻</h1><div class=\"z_titlebig\">中国在复杂形势中持续铁腕治理年关欠薪</div>",
        BODY,
        "",
    );
    assert_eq!(
        title_of(&html).as_deref(),
        Some("中国在复杂形势中持续铁腕治理年关欠薪")
    );
}

#[test]
fn a_heading_around_the_headline() {
    // A breadcrumb heading: the headline is the part of it the title holds.
    let html = page(
        "冬天乾眼症發作　暖爐是禍首 - 優活健康網",
        "<h1 class=\"addr\"><a href=\"/\">優活健康網</a> 〉<a href=\"/n\">火線新聞</a> 〉冬天乾眼症發作　暖爐是禍首</h1>",
        BODY,
        "",
    );
    assert_eq!(
        title_of(&html).as_deref(),
        Some("冬天乾眼症發作 暖爐是禍首")
    );
    // A visible headline longer than the title's is the headline.
    let html = page(
        "网友发帖倡议:今年春节不放鞭炮！_呼和浩特新闻_正北方网",
        "<h3>呼和浩特网友发帖倡议:今年春节不放鞭炮！</h3>",
        BODY,
        "",
    );
    assert_eq!(
        title_of(&html).as_deref(),
        Some("呼和浩特网友发帖倡议:今年春节不放鞭炮！")
    );
}

#[test]
fn latin_titles_keep_their_colons_and_dashes() {
    let html = page(
        "Star Wars Jedi: Fallen Order review – shoots for the moon | VG247",
        "<a href=\"/tag/star-wars\">Star Wars</a><h1>Star Wars Jedi: Fallen Order review – shoots for the moon</h1>",
        BODY,
        "",
    );
    assert_eq!(
        title_of(&html).as_deref(),
        Some("Star Wars Jedi: Fallen Order review – shoots for the moon")
    );
}
