//! Page chrome of Chinese news sites: breadcrumbs, editor and source lines,
//! comment, share and related-news widgets, copyright and reprint notices, ICP
//! numbers, previous/next links. Matched on Simplified text (the caller converts
//! first, or passes both forms).

use std::sync::LazyLock;

use regex::Regex;

/// Which kind of chrome a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Chrome {
    /// `您当前位置：新闻中心>>`.
    Breadcrumb,
    /// `(责任编辑:水川)`, `编辑：张三`.
    Editor,
    /// `来源：中国质量报` on a line of its own.
    Source,
    /// `最新评论`, `相关新闻`, `分享到`: a widget's heading.
    Widget,
    /// `声明：`, `版权所有`, `转载请注明`.
    Copyright,
    /// `京ICP备12345678号`.
    Icp,
    /// `上一篇`, `下一篇`, `返回顶部`.
    Navigation,
    /// `• 北京市计量院对全市大型连锁眼镜商户 ...`: a truncated headline of a list.
    TruncatedHeadline,
    /// `Photo: Hau Dinh, AP`, `(Image credit: NASA)`: an image credit on its own line.
    Credit,
}

impl Chrome {
    /// A short name, for explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Chrome::Breadcrumb => "breadcrumb",
            Chrome::Editor => "editor line",
            Chrome::Source => "source line",
            Chrome::Widget => "widget",
            Chrome::Copyright => "copyright notice",
            Chrome::Icp => "ICP number",
            Chrome::Navigation => "navigation",
            Chrome::TruncatedHeadline => "truncated headline",
            Chrome::Credit => "image credit",
        }
    }

    /// Whether what follows this line on the page is chrome too (comments,
    /// related lists, notices come after the article).
    pub fn ends_article(self) -> bool {
        matches!(self, Chrome::Editor | Chrome::Widget | Chrome::Copyright)
    }
}

static RULES: LazyLock<Vec<(Chrome, Regex)>> = LazyLock::new(|| {
    let rules: [(Chrome, &str); 10] = [
        (
            Chrome::Breadcrumb,
            r"^(?:您|你)?(?:当前|目前|现在)?(?:的)?(?:位置|所在位置)\s*[:：>]|^首页\s*(?:>|＞|»|/)|(?:>>|＞＞|»).*(?:>>|＞＞|»)",
        ),
        (
            Chrome::Editor,
            r"^[(（\[【]?\s*(?:责任编辑|责编|编辑|校对|审核|值班编辑|实习编辑)\s*[:：]\s*\S{1,12}\s*[)）\]】]?$",
        ),
        (
            Chrome::Source,
            r"^[(（\[【]?\s*(?:来源|稿源|出处)\s*[:：]\s*\S{1,20}\s*[)）\]】]?$",
        ),
        (
            Chrome::Widget,
            r"^[【\[]?\s*(?:最新评论|网友评论|发表评论|我要评论|相关新闻|相关阅读|相关文章|相关报道|相关链接|延伸阅读|推荐阅读|热门推荐|热点新闻|热门新闻|图片新闻|最新新闻|最新资讯|精彩推荐|猜你喜欢|分享到|一键分享|打印本页|关闭窗口|收藏本页|更多新闻|更多>>)\s*[】\]]?\s*[:：]?\s*$",
        ),
        // The same widgets on English (and other Latin-script) pages: a label
        // alone on its line.
        (
            Chrome::Widget,
            concat!(
                r"(?i)^(?:advertisement|advert|sponsored|comments?|caption|close|share(?: this(?: article| story)?)?",
                r"|sharing is caring!?|related(?: articles| stories| posts| content| news| links)?|trending(?: now)?",
                r"|you (?:may|might) also like\W*|more:|don'?t miss|topics|tags:?|like this:|like loading\W*",
                r"|read more\W*|see also:?|recommended(?: for you)?|most (?:read|popular|viewed)(?: in [\w ]{1,30})?",
                r"|iklan|terkait|suka memuat\W*)$",
            ),
        ),
        // Image credits and the captions that carry them (news agencies write
        // captions as `In this Nov. 10, 2019, photo, …` and end them with the
        // credit); slideshow counters.
        (
            Chrome::Credit,
            concat!(
                r"(?i)^\(?(?:photo|image|picture|credit|photograph)(?: credit)?\s*:\s*[^.!?]{1,60}\)?$",
                r"|(?i)\((?:photo|image|picture|credit)s?(?: by)?\s*:?\s*[^()]{1,40}\)\s*$|\(AP Photo[^()]{0,60}\)\s*$",
                r"|(?i)^in (?:this|these|an?) (?:[\w.,]+ ){0,8}(?:photo|photograph|image|picture)s?(?:,| made| taken| provided| released)",
                r"|(?i)^(?:image|photo|slide|picture) \d+ (?:of|/) \d+$",
            ),
        ),
        (
            Chrome::Copyright,
            concat!(
                r"^(?:免责)?声明\s*[:：]|版权所有|版权均属于?|转载请注明|Copyright\s*(?:©|\(c\))|^©\s*\d{4}",
                // A site's disclaimer, not someone quoted saying something is not
                // their position: the site itself is named.
                r"|(?:本网|本站|网站|频道|本报).{0,12}不代表|不代表.{0,4}(?:本网|本站|网站|本报)",
                r"|^\p{Han}{0,4}声明\s*[:：].{0,60}(?:本网|本站|网站|频道|本文|作者)",
                r"|未经.{0,8}(?:授权|许可|同意).{0,6}(?:不得|禁止|严禁|谢绝).{0,4}(?:转载|复制|摘编|使用|镜像)",
                r"|(?:刊用|转载|使用)本(?:网|站|网站)(?:稿件|作品|内容)",
            ),
        ),
        (
            Chrome::Icp,
            r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]?ICP(?:备|证)|公网安备",
        ),
        (
            Chrome::Navigation,
            r"^(?:上一篇|下一篇|上一页|下一页|返回顶部|返回首页)\s*[:：]?",
        ),
        (
            Chrome::TruncatedHeadline,
            r"^[•·●◆■□▪\-]\s*\S.{2,40}(?:\.\.\.|…|\s\.\.\.)\s*$",
        ),
    ];
    rules
        .into_iter()
        .map(|(kind, pattern)| (kind, Regex::new(pattern).expect("chrome pattern compiles")))
        .collect()
});

/// The kind of chrome `line` (Simplified) is, if it is chrome.
pub(crate) fn classify(line: &str) -> Option<Chrome> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 200 {
        return None;
    }
    RULES
        .iter()
        .find(|(_, rule)| rule.is_match(line))
        .map(|(kind, _)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_chrome() {
        assert_eq!(
            classify("您当前位置: 新闻中心>>中国质量报>>第三版>>"),
            Some(Chrome::Breadcrumb)
        );
        assert_eq!(classify("(责任编辑:水川)"), Some(Chrome::Editor));
        assert_eq!(classify("最新评论"), Some(Chrome::Widget));
        assert_eq!(classify("声明:"), Some(Chrome::Copyright));
        assert_eq!(
            classify(
                "本网注明“来源:中国质量新闻网”的所有作品,版权均属于中国质量新闻网,未经本网授权不得转"
            ),
            Some(Chrome::Copyright)
        );
        assert_eq!(classify("图片新闻"), Some(Chrome::Widget));
        assert_eq!(
            classify("• 北京市计量院对全市大型连锁眼镜商户 ..."),
            Some(Chrome::TruncatedHeadline)
        );
        assert_eq!(classify("京ICP备12345678号"), Some(Chrome::Icp));
        for label in [
            "Advertisement",
            "Related articles",
            "You may also like...",
            "Most read in world news",
        ] {
            assert_eq!(classify(label), Some(Chrome::Widget), "{label}");
        }
        for credit in [
            "Photo: Hau Dinh, AP",
            "(Image credit: Future/SpaceX/Blue Origin, Sierra Nevada)",
        ] {
            assert_eq!(classify(credit), Some(Chrome::Credit), "{credit}");
        }
        for notice in [
            "本网站所刊载信息，不代表中新社和中新网观点。 刊用本网站稿件，务经书面授权。",
            "未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。",
            "腾讯声明：频道所载文章、数据等内容纯属作者个人观点，仅供投资者参考",
            "免责声明：本文仅代表作者个人观点，与凤凰网无关。",
        ] {
            assert_eq!(classify(notice), Some(Chrome::Copyright), "{notice}");
        }
    }

    #[test]
    fn article_text_is_not_chrome() {
        for line in [
            "——质量共治体系更加健全",
            "□ 江 岱 廖 媛",
            "在福建省通报的2021年市级政府质量工作评议结果中,厦门市再次获评最高等次A级。",
            "他说：“声明已经发出。”",
            "来源于生活的艺术作品往往更打动人心，这是编辑们的共识。",
            "他表示，这一言论不代表公司的立场。",
            "外交部发表声明：中方坚决反对。",
            "未经允许不得进入施工现场。",
            "Close the door when you leave.",
            "Photo: the moment the rocket left the pad was captured by dozens of cameras. It was loud.",
            "Comments from the minister were brief.",
            "In this country, photographs of officials are rare (and closely watched).",
            "He said the picture was clear (and it was).",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }
}
