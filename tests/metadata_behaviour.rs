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

fn extract(html: &str) -> textwash::Article {
    Extractor::new().extract(html)
}

#[test]
fn a_dateline_under_the_headline_before_related_links() {
    let related: String = (1..=14)
        .map(|i| format!("<tr><td><a href=\"/r{i}.html\">相关新闻第{i}条</a></td></tr>"))
        .collect();
    let html = page(
        "民间资本路在何方-某某财经",
        &format!(
            "<table><tr><td class=\"c_title\"><b>民间资本路在何方</b></td></tr></table>\
             <table><tr><td>时间：2004年10月21日14:18&nbsp;&nbsp;作者：郭励弘</td></tr></table>\
             <table>{related}</table>"
        ),
        BODY,
        "",
    );
    let a = extract(&html);
    assert_eq!(a.title.as_deref(), Some("民间资本路在何方"));
    assert_eq!(a.published.as_deref(), Some("2004-10-21 14:18"));
    assert_eq!(a.author.as_deref(), Some("郭励弘"));
}

#[test]
fn credits_at_the_end_beat_a_site_named_as_author() {
    let html = page(
        "绿色制造名单公布_云南网",
        "<meta name=\"author\" content=\"云南网\"><h1>绿色制造名单公布</h1>",
        &format!("{BODY}<p>推动云南工业高质量发展。（记者 胡晓蓉）</p>"),
        "<div>责任编辑：孙重远</div>",
    );
    assert_eq!(extract(&html).author.as_deref(), Some("胡晓蓉"));

    // A reporter before the editor.
    let html = page(
        "出狱第一晚",
        "<h1>出狱第一晚</h1>",
        &format!("{BODY}<p>新京报记者 彭冲 山东冠县报道</p><p>【编辑:刘欢】</p>"),
        "",
    );
    assert_eq!(extract(&html).author.as_deref(), Some("彭冲"));
}

#[test]
fn words_after_a_label_are_no_author() {
    let html = page(
        "车祸致香港游客受伤",
        "<h1>车祸致香港游客受伤</h1><p>2011-12-09 08:14 来源：新华网</p>",
        &format!(
            "<p>记者采访了解到，事故发生在当天上午。</p>{BODY}\
             <p>免责声明：本文仅代表作者个人观点，与本网无关。</p>"
        ),
        "",
    );
    let a = extract(&html);
    assert_eq!(a.author, None);
    assert_eq!(a.published.as_deref(), Some("2011-12-09 08:14"));
}

#[test]
fn a_post_names_its_poster_and_time_in_its_footer() {
    // A blog post: the footer after the body.
    let html = page(
        "过早性行为的隐患 - 天极博客",
        "<h2>过早性行为的隐患</h2>",
        BODY,
        "<div class=\"postfoot\">作者:zboygirl 阅读(1660) 评论(5) 发表于:2005-07-31 12:30</div>",
    );
    let a = extract(&html);
    assert_eq!(a.author.as_deref(), Some("zboygirl"));
    assert_eq!(a.published.as_deref(), Some("2005-07-31 12:30"));

    // A forum post followed by its replies.
    let html = page(
        "演讲精选",
        "<h1>演讲精选</h1>",
        &format!(
            "{BODY}<p><center>本贴由<b>大卫</b>于2005年8月12日16:12:21在〖心灵体操〗发表.</center></p>\
             <ul><li>回复一 小虫 22:19:04 8/25/05</li><li>回复二 馨语 09:02:51 5/23/06</li></ul>"
        ),
        "",
    );
    let a = extract(&html);
    assert_eq!(a.author.as_deref(), Some("大卫"));
    assert_eq!(a.published.as_deref(), Some("2005-08-12 16:12:21"));
}

#[test]
fn a_name_under_the_headline_and_an_american_date() {
    // The page's own title says nothing; the body opens with its header.
    let html = page(
        "显示",
        "<p>发布日期： 9/17/2004 5:54:13 PM</p>",
        &format!(
            "<p align=\"center\"><strong>犬儒病(上)</strong></p><p>胡平<br><br>——当代中国的精神危机</p>{BODY}"
        ),
        "",
    );
    let a = extract(&html);
    assert_eq!(a.author.as_deref(), Some("胡平"));
    assert_eq!(a.published.as_deref(), Some("2004-09-17 17:54:13"));
}

#[test]
fn the_news_system_comment_fills_in_the_metadata() {
    let html = format!(
        "<!--enpproperty <date>2011-12-08</date><author>记者 武彩霞</author>\
         <title>中国iPad商标侵权纠纷案一审审结 苹果败诉</title> /enpproperty-->{}",
        page(
            "经济参考网",
            "<div class=\"black18\">中国iPad商标侵权纠纷案一审审结 苹果败诉</div>",
            BODY,
            "",
        )
    );
    let a = extract(&html);
    assert_eq!(a.published.as_deref(), Some("2011-12-08"));
    assert_eq!(a.author.as_deref(), Some("武彩霞"));
    assert_eq!(
        a.title.as_deref(),
        Some("中国iPad商标侵权纠纷案一审审结 苹果败诉")
    );
}

#[test]
fn a_title_naming_only_the_site_gives_way_to_the_line_above_the_body() {
    let html = page(
        "公共電視台 新聞網",
        "<table><tr><td><b><a href=\"index.html\">公視新聞網</a> / 醫療</b></td></tr>\
         <tr><td>B型流感添四死 2歲女童喪命</td></tr></table>",
        BODY,
        "",
    );
    assert_eq!(
        title_of(&html).as_deref(),
        Some("B型流感添四死 2歲女童喪命")
    );
    // Past the dateline; not a list of links.
    let html = page(
        "中國廣播公司全球資訊網",
        "<div>大掃除 清潔劑千萬別混用</div><div>【2012/01/11 15:05 報導 】</div>",
        BODY,
        "",
    );
    assert_eq!(title_of(&html).as_deref(), Some("大掃除 清潔劑千萬別混用"));
    let html = page(
        "世紀在線中國藝術網",
        "<div>第一章│第二章│第三章</div>",
        BODY,
        "",
    );
    assert_eq!(title_of(&html).as_deref(), Some("世紀在線中國藝術網"));
}

#[test]
fn header_lines_at_the_top_of_the_body_are_not_body_text() {
    // The headline, its author's name alone and a subtitle.
    let html = page(
        "显示",
        "",
        &format!("<p><strong>犬儒病(上)</strong></p><p>胡平</p><p>——当代中国的精神危机</p>{BODY}"),
        "",
    );
    let a = extract(&html);
    assert_eq!(a.author.as_deref(), Some("胡平"));
    assert!(a.text.starts_with("一城春色半城花"), "{}", a.text);

    // The headline a republished article first had; a report dated by month.
    let html = page(
        "江苏多地要求师生暂不返校",
        "",
        &format!("<p>原标题：春季学期开学，织密返校疫情防控网</p>{BODY}"),
        "",
    );
    assert!(extract(&html).text.starts_with("一城春色半城花"));
    let html = page(
        "心理素质调查",
        "",
        &format!(
            "<p>北京市儿童心理素质发展现状调查研究报告</p><p>调研课题组</p><p>2003年5月</p>{BODY}"
        ),
        "",
    );
    assert!(extract(&html).text.starts_with("一城春色半城花"));

    // A labelled byline stays: it is part of the text.
    let html = page(
        "中材国际签订合同",
        "",
        &format!("<p>本报记者 李香才</p>{BODY}"),
        "",
    );
    let a = extract(&html);
    assert_eq!(a.author.as_deref(), Some("李香才"));
    assert!(a.text.starts_with("本报记者 李香才"));
}
