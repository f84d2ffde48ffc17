//! Article metadata read from text: datelines, sources, bylines, title suffixes.
//! Shared by the text-dump path (spam) and the HTML path (html).

use std::sync::LazyLock;

use regex::Regex;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    // 2022-09-27 11:06:26, 2022/9/27 11:06, 2022年9月27日 11:06, 2022.09.27;
    // 9/17/2004 5:54:13 AM (month first, as the 12-hour clock tells).
    Regex::new(
        r"(?x)
        (?:
            (?P<y>(?:19|20)\d{2}) \s* (?:[-/.]|年) \s* (?P<m>\d{1,2}) \s* (?:[-/.]|月) \s* (?P<d>\d{1,2}) \s* 日?
          | (?-u:\b) (?P<first>\d{1,2}) / (?P<second>\d{1,2}) / (?P<year>(?:19|20)\d{2})
        )
        (?: [\sT]* (?P<H>[0-2]?\d) \s* [:：] \s* (?P<M>[0-5]\d) (?: \s* [:：] \s* (?P<S>[0-5]\d) )?
            (?: \s* (?P<half>[AaPp])\.?[Mm](?-u:\b) )? )?",
    )
    .expect("date pattern compiles")
});

/// The first date in `text` and its byte range (see [`find_date`]).
fn date_span(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    // Found first without capture groups (a DFA scan), so that the many lines
    // without a date cost little; the groups are read only where one is.
    DATE.find_iter(text).find_map(|m| {
        let c = DATE.captures_at(text, m.start())?;
        let number = |name: &str| c.name(name)?.as_str().parse::<u32>().ok();
        let half = c.name("half").map(|h| h.as_str().to_ascii_lowercase());
        let (y, m, d) = if let Some(y) = number("y") {
            (y, number("m")?, number("d")?)
        } else {
            let (first, second) = (number("first")?, number("second")?);
            // `7/5/2005` is July or May: only a 12-hour clock (American) or a
            // number over 12 tells.
            let month_first = half.is_some() || (second > 12 && first <= 12);
            let day_first = half.is_none() && first > 12 && second <= 12;
            match (month_first, day_first) {
                (true, _) => (number("year")?, first, second),
                (_, true) => (number("year")?, second, first),
                _ => return None,
            }
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let mut out = format!("{y:04}-{m:02}-{d:02}");
        if let (Some(h), Some(min)) = (number("H"), c.name("M")) {
            let h = match half.as_deref() {
                Some("p") if h < 12 => h + 12,
                Some("a") if h == 12 => 0,
                _ => h,
            };
            if h < 24 {
                out.push_str(&format!(" {h:02}:{}", min.as_str()));
                if let Some(s) = c.name("S") {
                    out.push(':');
                    out.push_str(s.as_str());
                }
            }
        }
        let all = c.get(0)?;
        Some((out, all.start()..all.end()))
    })
}

/// A date and time found in text, normalized to `YYYY-MM-DD`,
/// `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS`.
///
/// ```ignore
/// assert_eq!(find_date("2022年9月27日 11:06").as_deref(), Some("2022-09-27 11:06"));
/// ```
pub(crate) fn find_date(text: &str) -> Option<String> {
    date_span(text).map(|(d, _)| d)
}

/// Where the date of [`find_date`] ends in `text` (byte offset), if there is one.
pub(crate) fn date_end(text: &str) -> Option<usize> {
    date_span(text).map(|(_, r)| r.end)
}

/// The publisher named by a `来源：` label.
pub(crate) fn find_source(text: &str) -> Option<String> {
    SOURCE
        .captures(text)
        .map(|c| {
            let s = trim_label(&c["s"]);
            // `中国广播网(北京)`: the publisher, not where it wrote from.
            let publisher = s.split(['(', '（']).next().unwrap_or(s);
            if publisher.chars().count() >= 2 {
                publisher
            } else {
                s
            }
            .to_owned()
        })
        .filter(|s| !s.is_empty())
}

static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:来源|來源|稿源|出处|出處|Source)\s*[:：]\s*(?P<s>[^\s|｜　/]{2,30})")
        .expect("source pattern compiles")
});

/// A byline label and what follows it. Longer labels first: the leftmost
/// alternative wins.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<label>
            作\s*者 | 撰\s*文 | 撰\s*稿 | 执\s*笔\s*人? | 執\s*筆\s*人? | 发文机关 | 發文機關
          | 文\s*/\s*图 | 文\s*/\s*圖 | 图\s*/\s*文 | 圖\s*/\s*文 | 文
          | 特约记者 | 特約記者 | 实习记者 | 實習記者 | 记者 | 記者 | 实习生 | 實習生 | 通讯员 | 通訊員
          | 责任编辑 | 責任編輯 | 责编 | 責編 | 编辑 | 編輯 | 来源 | 來源
          | By | BY | by
        )
        \s* (?P<colon>[:：])? \s*",
    )
    .expect("byline pattern compiles")
});

/// A token that is a byline label itself (`见习编辑`, `实习记者`, `本报记者`).
static LABEL_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{0,4}(?:记者|記者|编辑|編輯|实习生|實習生|通讯员|通訊員)$")
        .expect("pattern compiles")
});

/// `By Jane Doe`, `By Troy L. Smith`, `By TOM KRISHER`.
static BY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s(?:\p{Lu}\.|\p{Lu}\p{Ll}[\p{L}'’-]*)){0,3}|\p{Lu}{2,}(?:\s\p{Lu}{2,}){0,3}\b)",
    )
    .expect("pattern compiles")
});

/// A credit in brackets closing a paragraph (`（记者 胡晓蓉）`, `（姚峰 上海报道）`)
/// or after the dispatch of a news agency (`新华社拉萨电（记者 格桑边觉）`).
static CREDIT_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(]\s*(?P<inner>[^（）()]{2,40}?)\s*[）)]\s*[。.]?\s*$")
        .expect("pattern compiles")
});
static CREDIT_AFTER_DISPATCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^（）()]{0,40}?电\s*[（(]\s*(?P<inner>[^（）()]{2,40}?)\s*[）)]")
        .expect("pattern compiles")
});

/// A poster named in a forum or blog footer: `本贴由 大卫 于2005年8月12日…发表`,
/// `由海姑娘张贴 @ 2005-06-14`.
static POSTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"由\s*(?P<name>[^\s，。,、:：@（）()]{2,20}?)\s*(?:于|於|张贴|張貼|发表|發表|发布|發佈|@)",
    )
    .expect("pattern compiles")
});

/// A blog's poster before the time of the post: `ggjjzhzz 发表于 2005-9-15`.
static POSTER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<name>[^\s，。,、:：@（）()]{2,20})\s*(?:发表于|發表於|posted)")
        .expect("pattern compiles")
});

/// How surely a byline names the author: an author label, a reporter, an
/// editor (named when nobody else is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Credit {
    Editor,
    Reporter,
    Author,
}

/// Names credited for an article and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Byline {
    pub credit: Credit,
    pub names: String,
}

/// The most common Chinese family names, simplified and traditional, without
/// the ones that are common words too (`文`, `和`, `明`, `原`, `单`). A name
/// without a label is taken only when it starts with one.
const SURNAMES: &str = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵钱錢严嚴覃武戴莫孔汤湯常温溫康施牛樊葛邢乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿兰蘭焦俞左柳甘祝包宁寧符舒阮柯纪紀梅童凌毕畢季裴霍涂苗谷盛翁冉骆駱蓝藍游辛靳柴蒙鲍鮑喻祁蒲房滕屈饶饒牟艾尤穆卓缪繆简簡项項芦蘆麦麥褚娄婁窦竇戚岑党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂佟臧闵閔苟邬鄔卞姬仇栾欒隋刁巫寇桑郎甄仲虞敖巩鞏佘池麻苑迟遲邝鄺谈談匡鞠荆荊冀郁胥班储儲栗燕楚鄢谌諶奚皮粟冼蔺藺娄闻聞厉厲伊仝郜阚闞帅帥屠朴练練廉禹漆卿狄宣晋晉扈晁芮阙闕浦戈鹿薄邸雍辜裘亓邰赫杭况況诸諸慕嵇湛戎茅揭尉檀衣昝智";

/// Two-character family names.
const COMPOUND_SURNAMES: [&str; 14] = [
    "欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "令狐", "司徒",
    "慕容", "公孙",
];

/// Words that follow a byline label but name nobody.
const NOT_NAMES: [&str; 64] = [
    "单位",
    "單位",
    "简介",
    "簡介",
    "信息",
    "介绍",
    "介紹",
    "联系",
    "聯繫",
    "聯系",
    "来源",
    "來源",
    "出处",
    "出處",
    "出自",
    "阅读",
    "閱讀",
    "评论",
    "評論",
    "编辑",
    "編輯",
    "发表",
    "發表",
    "时间",
    "時間",
    "日期",
    "点击",
    "點擊",
    "浏览",
    "瀏覽",
    "字号",
    "字號",
    "分享",
    "打印",
    "列印",
    "关闭",
    "關閉",
    "收藏",
    "推荐",
    "推薦",
    "本人",
    "自己",
    "博客",
    "文章",
    "专栏",
    "專欄",
    "首页",
    "首頁",
    "登录",
    "注册",
    "註冊",
    "投稿",
    "原创",
    "转载",
    "轉載",
    "匿名",
    "佚名",
    "不详",
    "未知",
    "网友",
    "管理",
    "评论管理",
    "手机版",
    "手機版",
];

/// Words closing a Chinese byline (`记者张三报道`, `马俊峰/文`, `张三 摄`).
const BYLINE_ENDS: [&str; 14] = [
    "综合报道",
    "报道",
    "報導",
    "报导",
    "摄影",
    "攝影",
    "摄",
    "攝",
    "整理",
    "编译",
    "編譯",
    "采写",
    "供图",
    "发自",
];

fn is_surname_start(name: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
        || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// Whether `token` is a Chinese personal name: two to four Han characters, and
/// unless `labelled`, a family name first and at most three characters (four
/// with a two-character family name).
fn is_chinese_name(token: &str, labelled: bool) -> bool {
    let n = token.chars().count();
    if !token.chars().all(is_han) || !(2..=4).contains(&n) || NOT_NAMES.contains(&token) {
        return false;
    }
    // `金羊网`, `新华社`: organisations; `与自己妻`, `还说`: words of a sentence.
    if token.ends_with(|c: char| "网網报報社台站刊部局院厅廳委办辦".contains(c))
        || token.starts_with(|c: char| {
            "与與和在从從对對为為被把向的了是这這那其该該本此各每由据據于於将將并並及或也都就还還又再已正".contains(c)
        })
    {
        return false;
    }
    labelled
        || (is_surname_start(token)
            && (n <= 3 || COMPOUND_SURNAMES.iter().any(|s| token.starts_with(s))))
}

/// Whether `token` is a user name of a forum or a blog (`zboygirl`,
/// `放飞&心情`): no space, some letters, nothing of markup.
fn is_handle(token: &str) -> bool {
    let n = token.chars().count();
    (2..=20).contains(&n)
        && token.chars().any(char::is_alphabetic)
        && token
            .chars()
            .any(|c| c.is_ascii_alphanumeric() || "_.&-~".contains(c))
        && token
            .chars()
            .all(|c| c.is_alphanumeric() || "_.&-~".contains(c))
        && !NOT_NAMES.contains(&token)
}

/// The names at the start of `text`, after a byline label: `宋怡 杨志华`,
/// `伊琳 李清芬`, `赵延东、风笑天`. `labelled` when a label said names follow
/// (only the first name is then taken without a family name);
/// `handles` when user names are allowed (after `作者：`).
fn names_at(text: &str, labelled: bool, handles: bool) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    // Names padded to the width of three characters: `赵  培`.
    let mut pending_single: Option<char> = None;
    while names.len() < 6 {
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || "、,，".contains(c));
        let listed = trimmed.len() < rest.len() || names.is_empty();
        if !listed {
            break;
        }
        rest = trimmed;
        let end = rest
            .find(|c: char| {
                c.is_whitespace()
                    || "、,，;；|/／╱\\()（）【】[]<>《》「」\"“”:：·•—…。！？!?".contains(c)
            })
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        let mut token = &rest[..end];
        rest = &rest[end..];
        // `作者： 见习编辑 李琼皙`: the label of the one named next.
        if names.is_empty() && LABEL_WORD.is_match(token) {
            continue;
        }
        let mut closes = false;
        if token.chars().all(is_han) {
            // `罗科苏盈发自北京`.
            if let Some(at) = token.find("发自").or_else(|| token.find("發自")) {
                token = &token[..at];
                closes = true;
            } else if let Some(end_word) = BYLINE_ENDS.iter().find(|w| token.ends_with(**w)) {
                token = &token[..token.len() - end_word.len()];
                closes = true;
                // `林宜靜台北報導`: a name of three and the place, glued.
                if token.chars().count() == 5 && end_word.starts_with(['报', '報']) {
                    let three = token.char_indices().nth(3).map_or(token.len(), |(i, _)| i);
                    token = &token[..three];
                }
                // `张三 上海报道`: the place the report came from.
                if !names.is_empty() {
                    break;
                }
            }
        }
        if token.chars().count() == 1 && token.chars().all(is_han) {
            match pending_single.take() {
                Some(first) => {
                    let joined: String = [first, token.chars().next().unwrap_or(first)]
                        .iter()
                        .collect();
                    if !is_chinese_name(&joined, false) {
                        break;
                    }
                    names.push(joined);
                }
                None => pending_single = token.chars().next(),
            }
        } else if pending_single.is_some() {
            break;
        } else if is_chinese_name(token, labelled && names.is_empty())
            // `罗科苏盈发自北京`: a byline's closing word vouches for a long name.
            || (closes && is_surname_start(token) && is_chinese_name(token, true))
        {
            names.push(token.to_owned());
        } else if handles && names.is_empty() && is_handle(token) {
            names.push(token.to_owned());
            break;
        } else {
            break;
        }
        if closes {
            break;
        }
    }
    (!names.is_empty()).then(|| names.join(" "))
}

/// The byline in `text` that most surely names the author
/// (`作者：宋怡 杨志华`, `新京报记者 彭冲`, `责任编辑：苏亮`, `By Jane Doe`).
pub(crate) fn find_byline(text: &str) -> Option<Byline> {
    byline_in(text, false)
}

/// [`find_byline`]; `credited` in a credit (in brackets after an article),
/// where what follows a label is surely a name, with a family name or not.
fn byline_in(text: &str, credited: bool) -> Option<Byline> {
    let mut best: Option<Byline> = None;
    for c in BYLINE.captures_iter(text) {
        let label: String = c["label"].chars().filter(|c| !c.is_whitespace()).collect();
        let colon = c.name("colon").is_some();
        let all = c.get(0)?;
        let rest = &text[all.end()..];
        let credit = match label.as_str() {
            "记者" | "記者" | "特约记者" | "特約記者" | "实习记者" | "實習記者" | "实习生"
            | "實習生" | "通讯员" | "通訊員" => Credit::Reporter,
            "责任编辑" | "責任編輯" | "责编" | "責編" | "编辑" | "編輯" | "来源" | "來源" => {
                Credit::Editor
            }
            _ => Credit::Author,
        };
        let names = match label.as_str() {
            // `Powered by Discuz!` credits software.
            "By" | "BY" | "by"
                if text[..all.start()]
                    .trim_end()
                    .to_ascii_lowercase()
                    .ends_with("powered") =>
            {
                None
            }
            "By" | "BY" | "by" => {
                // An English byline opens its line (`By Jane Doe`); `by` in a
                // sentence is no byline. `22:36:13 by duscha` in a forum's
                // dateline names a user.
                let before = text[..all.start()].trim_end();
                let last_word = before
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let after_time = before.ends_with(|c: char| c.is_ascii_digit());
                // `By Jane Doe`, `Tested by: Jane Doe`, `Posted by Jane Doe`,
                // `October 9, 2018 by Jane Doe`.
                let byline = before.chars().all(|c| !c.is_alphanumeric())
                    || colon
                    || after_time
                    || ["posted", "written", "words", "story", "text", "article"]
                        .contains(&last_word.as_str());
                let name = BY_NAME
                    .find(rest)
                    .map(|m| m.as_str().trim_end_matches(['.', '-']).to_owned())
                    .filter(|_| byline);
                name.or_else(|| {
                    let handle = rest.split_whitespace().next()?;
                    (after_time && is_handle(handle)).then(|| handle.to_owned())
                })
            }
            // An organisation issues a government document.
            "发文机关" | "發文機關" => rest
                .split_whitespace()
                .next()
                .filter(|o| o.chars().all(is_han) && (2..=20).contains(&o.chars().count()))
                .map(str::to_owned),
            // A source that is a person (`来源: 尹娟`), not a publisher.
            "来源" | "來源" => names_at(rest, false, false).filter(|n| !n.contains(' ')),
            // `文` alone is a label only before a colon and after no word
            // (`文：张三`; not `文化`, `原文：`, `蔡英文：`).
            "文" if !colon || text[..all.start()].chars().next_back().is_some_and(is_han) => None,
            // A reporter's name has a family name (`记者：春运初始，…` opens
            // an interview's question); after an author's or an editor's
            // label and a colon, any name (`作者：芊草凡凡`, `编辑：山石`).
            _ => names_at(
                rest,
                credited || (colon && credit != Credit::Reporter),
                credit == Credit::Author && colon,
            ),
        };
        if let Some(names) = names {
            // `（記者鄭名娟攝）` credits a photograph, not the text.
            let near: String = rest.chars().take(names.chars().count() + 4).collect();
            let credit = if credit == Credit::Reporter && near.contains(['摄', '攝']) {
                Credit::Editor
            } else {
                credit
            };
            if best.as_ref().is_none_or(|b| credit > b.credit) {
                best = Some(Byline { credit, names });
            }
        }
    }
    // `2004年7月16日08:19 [ 黄宇 ] 来源：…`: a reporter in brackets after the
    // time of a dateline.
    if best.as_ref().is_none_or(|b| b.credit < Credit::Reporter) {
        let bracketed = date_span(text).and_then(|(_, span)| {
            let rest = text[span.end..].trim_start();
            let inner = rest.strip_prefix('[').or_else(|| rest.strip_prefix('【'))?;
            let name = inner[..inner.find([']', '】'])?].trim();
            is_chinese_name(name, false).then(|| name.to_owned())
        });
        if let Some(names) = bracketed {
            best = Some(Byline {
                credit: Credit::Reporter,
                names,
            });
        }
    }
    best
}

/// The author named by a byline (`作者：张三`, `记者 李四`, `By Jane Doe`).
pub(crate) fn find_author(text: &str) -> Option<String> {
    find_byline(text).map(|b| b.names)
}

/// A credit in brackets at the end of a paragraph (`（记者 胡晓蓉）`,
/// `(信报记者 蔡雪婧)`, `（常书香 马丹阳）`, `（姚峰 上海报道）`) or after a news
/// agency's dispatch at its start (`新华社拉萨电（记者 格桑边觉）`).
pub(crate) fn find_credit(paragraph: &str) -> Option<Byline> {
    let paragraph = paragraph.trim();
    let inner = CREDIT_AT_END
        .captures(paragraph)
        .or_else(|| CREDIT_AFTER_DISPATCH.captures(paragraph))?
        .name("inner")?
        .as_str();
    // With a label, after at most a newspaper's name (`信报记者`).
    if let Some(byline) = BYLINE
        .find(inner)
        .filter(|m| m.start() <= 12 && inner[..m.start()].chars().all(is_han))
        .and_then(|_| byline_in(inner, true))
    {
        return Some(byline);
    }
    // Names only: each with a family name, and nothing else but a place; after
    // the end of a sentence or alone (not `…(组图)(房产)`).
    let open = paragraph.rfind(['（', '(']).unwrap_or(0);
    let before = paragraph[..open].trim_end();
    if !(before.is_empty() || before.ends_with(['。', '！', '？', '”', '」', '.', '!', '?']))
    {
        return None;
    }
    let names = names_at(inner, false, false)?;
    let rest = inner.replace(char::is_whitespace, "");
    let covered = names.replace(' ', "");
    let place = rest.strip_prefix(covered.as_str())?;
    let place = place.trim_start_matches(['、', ',', '，']);
    (place.is_empty() || (place.ends_with("报道") && place.chars().all(is_han))).then_some(Byline {
        credit: Credit::Reporter,
        names,
    })
}

/// A line that only names people (`胡平`, `赵延东、风笑天`): a byline without a
/// label, as under a headline.
pub(crate) fn names_line(line: &str) -> Option<String> {
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "、,，".contains(c))
        .filter(|t| !t.is_empty())
        .collect();
    // Names the family-name list does not know stay out, but they may be
    // listed: nothing else is on the line.
    let all_names = (1..=4).contains(&tokens.len())
        && tokens.iter().all(|t| {
            t.chars().all(is_han) && (2..=4).contains(&t.chars().count()) && !LABEL_WORD.is_match(t)
        });
    all_names.then(|| names_at(line.trim(), false, false))?
}

/// The poster of a forum or blog post named in its footer
/// (`本贴由 大卫 于2005年8月12日…发表`, `由海姑娘张贴 @ 2005-06-14`).
pub(crate) fn find_poster(line: &str) -> Option<String> {
    // With the time of the post: not `由山东省消协…发布的报告`.
    date_span(line)?;
    let name = POSTED_BY
        .captures(line)
        .or_else(|| POSTER_FIRST.captures(line))?
        .name("name")?
        .as_str();
    (is_handle(name) || name.chars().all(is_han) && (2..=12).contains(&name.chars().count()))
        .then(|| name.to_owned())
        .filter(|n| !NOT_NAMES.contains(&n.as_str()))
}

/// The author a page's metadata names (`<meta name="author">`, JSON-LD, a CMS
/// comment), when it is a person: `张三`, `Jane Doe`, `记者 张三`. Site names
/// (`网易`, `chinanews`, `正北方网`), ids (`L_104485`), domains, keyword lists and
/// software credits (`Discuz! Team`) are not.
pub(crate) fn person_name(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw
        .strip_prefix("By ")
        .or_else(|| raw.strip_prefix("by "))
        .unwrap_or(raw)
        .trim();
    if raw.is_empty()
        || raw.chars().count() > 80
        || raw.contains(|c: char| c.is_ascii_digit() || "@!<>".contains(c))
        || raw.contains("www.")
        || raw.contains("://")
    {
        return None;
    }
    // Latin script: as the page says it (`Troy L. Smith, Cleveland.com`,
    // `Reuters`), but not a site's or a user's lower-case name (`chinanews`,
    // `admin`).
    if !raw.chars().any(is_cjk_text) {
        let lower_word = !raw.contains(' ') && !raw.starts_with(char::is_uppercase);
        return (!lower_word).then(|| raw.to_owned());
    }
    if let Some(byline) = find_byline(raw) {
        return Some(byline.names);
    }
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    // `赵  培`: a two-character name padded to the width of three.
    if tokens.len() > 1
        && tokens
            .iter()
            .all(|t| t.chars().count() == 1 && t.chars().all(is_han))
    {
        return Some(tokens.concat()).filter(|n| is_chinese_name(n, true));
    }
    let han_name = |t: &&str| {
        let parts: Vec<&str> = t.split(['·', '•']).collect();
        !t.chars().any(|c| "网網报報频頻社站台".contains(c))
            && if parts.len() > 1 {
                parts.iter().all(|p| p.chars().all(is_han) && !p.is_empty())
            } else {
                is_chinese_name(t, true)
            }
    };
    let person = (1..=3).contains(&tokens.len()) && tokens.iter().all(han_name);
    person.then(|| tokens.join(" "))
}

/// A dateline: a short line that holds a date and little else (a source, a
/// byline, a view counter). Returns the date and the publisher named after it.
pub(crate) fn dateline(line: &str) -> Option<(String, Option<String>)> {
    let line = line.trim();
    if line.chars().count() > 80 {
        return None;
    }
    let date = find_date(line)?;
    let end = date_end(line)?;
    let source = find_source(line).or_else(|| {
        // `2022-09-27 11:06:26 中国质量报`: the words after the date.
        let rest = trim_label(line[end..].trim());
        let han = rest.chars().filter(|c| is_han(*c)).count();
        (han >= 2 && rest.chars().count() <= 20 && !rest.contains(['：', ':']))
            .then(|| rest.to_owned())
    });
    Some((date, source))
}

/// Strips a site name from a title: `标题――中新网`, `标题 - 新浪新闻`,
/// `标题_中国质量新闻网`, `Title | Site`. The longest part is kept when a
/// separator splits the title into a headline and shorter site parts.
pub(crate) fn strip_site_suffix(title: &str) -> &str {
    // `标题 - 新浪網 - 新聞`: one name at a time, as long as one is left.
    let mut title = title.trim();
    loop {
        let shorter = strip_one_site_suffix(title);
        if shorter.len() == title.len() {
            return title;
        }
        title = shorter;
    }
}

fn strip_one_site_suffix(title: &str) -> &str {
    let title = title.trim();
    let separators = [
        " - ", " – ", " — ", "――", "——", "--", " | ", "｜", "_", " :: ", " · ",
    ];
    let mut best = title;
    for sep in separators {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            if !head.is_empty()
                && words(tail) <= 16
                && words(head) > words(tail)
                && head.len() < best.len()
            {
                best = head;
            }
        }
    }
    best
}

/// The length of a text in words: a Han (or kana, hangul) character is one, a
/// run of Latin letters and digits is one. `Taiwan News Online` is shorter than
/// `男子勾結醫師病患詐保`.
pub(crate) fn words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_han(c) || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            n += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
        }
    }
    n
}

/// Whether `c` is written in Chinese or Japanese text, where words are not
/// set apart by spaces: Han, kana, full-width punctuation.
fn is_cjk_text(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3000..=0x30FF | 0xFF00..=0xFFEF)
}

/// Whether `chars[k]` separates parts of a page title: the headline, its
/// section, the site (`标题_新闻中心_中国江门网`, `自由電子報 - 标题`,
/// `标题 | 生活 | 聯合新聞網`, `标题-茅台酒,公款消费-北方网`, `标题 中国快讯 南方网`).
/// In Chinese a space, a hyphen or a colon between parts is one; between Latin
/// words only a spaced dash is (`Jedi: Fallen Order`, `Wday.ru`, `53-летняя`
/// are words of a headline).
fn is_title_separator(chars: &[char], k: usize) -> bool {
    let c = chars[k];
    let cjk_beside = chars[..k]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| is_cjk_text(c))
        || chars[k + 1..]
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|&c| is_cjk_text(c));
    let spaced = k > 0
        && chars[k - 1].is_whitespace()
        && chars.get(k + 1).is_some_and(|c| c.is_whitespace());
    match c {
        '_' | '|' | '｜' | '〉' | '»' | '›' | '>' | '：' | '，' => true,
        '-' | '–' | '—' | '―' | '·' | '•' => spaced || cjk_beside,
        ':' | ',' | '/' => cjk_beside,
        c if c.is_whitespace() => cjk_beside,
        _ => false,
    }
}

/// At most this many parts of a title are looked at (a title stuffed with
/// keywords has dozens).
const MAX_TITLE_PARTS: usize = 24;

/// A page title cut at its separators (see [`is_title_separator`]).
struct TitleParts {
    /// Byte ranges of the parts, and their length in [`words`].
    parts: Vec<(usize, usize, usize)>,
    /// The part the headline holds: the longest part of the longest segment
    /// between strong (not white space) separators. The site and section names
    /// are shorter than the headline.
    core: usize,
    /// The parts of the segment of the core.
    core_segment: std::ops::Range<usize>,
}

fn title_parts(title: &str) -> Option<TitleParts> {
    let mut parts: Vec<(usize, usize, usize)> = Vec::new();
    // The parts of each segment; the first one is open.
    let mut segments: Vec<std::ops::Range<usize>> = Vec::new();
    segments.push(0..0);
    let mut start = None;
    let chars: Vec<char> = title.chars().collect();
    let offsets = title.char_indices().map(|(i, _)| i);
    for (k, i) in offsets.chain(std::iter::once(title.len())).enumerate() {
        let c = chars.get(k).copied().unwrap_or(' ');
        let separator = k == chars.len() || is_title_separator(&chars, k);
        match (start, separator) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                start = None;
                let part = title[s..i].trim();
                if !part.is_empty() {
                    let s = s + (title[s..i].len() - title[s..i].trim_start().len());
                    parts.push((s, s + part.len(), words(part)));
                    if let Some(last) = segments.last_mut() {
                        last.end = parts.len();
                    }
                }
                if parts.len() == MAX_TITLE_PARTS {
                    break;
                }
            }
            _ => {}
        }
        if separator && !c.is_whitespace() && segments.last().is_some_and(|s| !s.is_empty()) {
            segments.push(parts.len()..parts.len());
        }
    }
    let weight = |r: &std::ops::Range<usize>| parts[r.clone()].iter().map(|p| p.2).sum::<usize>();
    // The first of equals.
    let core_segment = segments
        .iter()
        .rev()
        .max_by_key(|r| weight(r))
        .filter(|r| !r.is_empty())?
        .clone();
    let core = core_segment.clone().rev().max_by_key(|&i| parts[i].2)?;
    Some(TitleParts {
        parts,
        core,
        core_segment,
    })
}

/// The candidate headlines in a page title, longest first: every run of
/// consecutive parts that holds the core part (see [`TitleParts`]), as
/// written. Which one is the headline, the page tells by showing it as an
/// element of its own.
pub(crate) fn title_runs(title: &str) -> Vec<&str> {
    let Some(TitleParts { parts, core, .. }) = title_parts(title) else {
        return Vec::new();
    };
    // In Latin script a spaced dash also sets a subtitle apart (`review –
    // shoots for the moon`): a headline there is most of its title.
    let total: usize = parts.iter().map(|p| p.2).sum();
    let latin = !title.chars().any(is_cjk_text);
    let mut runs: Vec<(usize, &str)> = Vec::new();
    for i in 0..=core {
        for j in core..parts.len() {
            let weight: usize = parts[i..=j].iter().map(|p| p.2).sum();
            if latin && weight * 3 < total * 2 {
                continue;
            }
            let run = &title[parts[i].0..parts[j].1];
            runs.push((run.chars().count(), run));
        }
    }
    runs.sort_by_key(|r| std::cmp::Reverse(r.0));
    runs.into_iter().map(|(_, r)| r).collect()
}

/// The longest segment of a page title between strong separators: the
/// headline, or most of it (`内蒙古确保两节前农牧民工工资基本无拖欠` of
/// `内蒙古确保两节前农牧民工工资基本无拖欠_要闻_正北方网`).
pub(crate) fn title_core(title: &str) -> Option<&str> {
    let TitleParts {
        parts,
        core_segment,
        ..
    } = title_parts(title)?;
    Some(&title[parts[core_segment.start].0..parts[core_segment.end - 1].1])
}

fn trim_label(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "【】[]()（）《》<>\"'“”:：,，。|".contains(c))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x2_0000..=0x3_FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Any text, of the scripts and marks the rules look at: no panic
        // (slices at character boundaries).
        #[test]
        fn no_panics(text in "[ a-zA-Z0-9:：/（）()【】\\[\\]_|-—·、，。记者作者编辑由于发表张王李网报年月日摄报道发自\u{3000}]{0,60}") {
            let _ = find_date(&text);
            let _ = find_byline(&text);
            let _ = find_credit(&text);
            let _ = names_line(&text);
            let _ = find_poster(&text);
            let _ = person_name(&text);
            let _ = title_runs(&text);
            let _ = title_core(&text);
            let _ = strip_site_suffix(&text);
            let _ = dateline(&text);
        }
    }

    #[test]
    fn dates_in_many_forms() {
        assert_eq!(
            find_date("2022-09-27 11:06:26 中国质量报").as_deref(),
            Some("2022-09-27 11:06:26")
        );
        assert_eq!(
            find_date("发布时间：2022年9月27日 11:06").as_deref(),
            Some("2022-09-27 11:06")
        );
        assert_eq!(find_date("2011/12/9").as_deref(), Some("2011-12-09"));
        assert_eq!(find_date("2011.12.09 来源").as_deref(), Some("2011-12-09"));
        assert_eq!(find_date("共2022人 13月45日"), None);
        assert_eq!(
            find_date("发布日期： 9/17/2004 5:54:13 PM").as_deref(),
            Some("2004-09-17 17:54:13")
        );
        assert_eq!(find_date("17/9/2004").as_deref(), Some("2004-09-17"));
        // Day and month cannot be told apart.
        assert_eq!(find_date("06/02/2022 - 13:48"), None);
    }

    #[test]
    fn datelines_sources_and_authors() {
        assert_eq!(
            dateline("2022-09-27 11:06:26 中国质量报"),
            Some((
                "2022-09-27 11:06:26".to_owned(),
                Some("中国质量报".to_owned())
            ))
        );
        assert_eq!(
            dateline("2011年12月09日 08:14  来源：新华网 作者：张三"),
            Some(("2011-12-09 08:14".to_owned(), Some("新华网".to_owned())))
        );
        assert_eq!(
            find_author("记者 张三 李四 报道").as_deref(),
            Some("张三 李四")
        );
        assert_eq!(find_author("作者：王五").as_deref(), Some("王五"));
        assert_eq!(
            find_source("来源：《中国质量报》").as_deref(),
            Some("中国质量报")
        );
        assert_eq!(
            find_source("来源：中国广播网(北京)").as_deref(),
            Some("中国广播网")
        );
    }

    #[test]
    fn bylines_name_people_not_words() {
        let author = |t: &str| find_author(t);
        assert_eq!(author("作者：宋怡 杨志华").as_deref(), Some("宋怡 杨志华"));
        assert_eq!(
            author("河南商报记者马俊峰/文 受访者供图").as_deref(),
            Some("马俊峰")
        );
        assert_eq!(
            author("新京报记者 彭冲 山东冠县报道").as_deref(),
            Some("彭冲")
        );
        assert_eq!(author("记者张三报道").as_deref(), Some("张三"));
        assert_eq!(
            author("【台灣醒報記者林宜靜台北報導】").as_deref(),
            Some("林宜靜")
        );
        assert_eq!(
            author("【聯合報╱記者張嘉芳／台北報導】").as_deref(),
            Some("張嘉芳")
        );
        assert_eq!(
            author("作者:zboygirl 阅读(1660)").as_deref(),
            Some("zboygirl")
        );
        assert_eq!(author("作者： 放飞&心情").as_deref(), Some("放飞&心情"));
        assert_eq!(
            author("作者： 周思博 (Joel Spolsky)").as_deref(),
            Some("周思博")
        );
        assert_eq!(
            author("执笔人：闵乐夫 赵兰波 刘韬").as_deref(),
            Some("闵乐夫 赵兰波 刘韬")
        );
        assert_eq!(author("By Jane Doe and staff").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("By TOM KRISHER, AP Auto Writer").as_deref(),
            Some("TOM KRISHER")
        );
        assert_eq!(
            author("By Sandee LaMotte, CNN").as_deref(),
            Some("Sandee LaMotte")
        );
        assert_eq!(author("The story, as reported by Daily Mail"), None);
        assert_eq!(
            author("Tested by: John Milbank RRP: £23.99").as_deref(),
            Some("John Milbank")
        );
        assert_eq!(
            author("发布时间 2005/03/15 22:36:13 by duscha").as_deref(),
            Some("duscha")
        );
        assert_eq!(
            author("□ 本报记者 江 岱 廖 媛").as_deref(),
            Some("江岱 廖媛")
        );
        // Words after a label, not names.
        assert_eq!(author("记者采访了解到，骏威客车"), None);
        assert_eq!(author("与作者联系（英文）"), None);
        assert_eq!(author("文化与旅游"), None);
        assert_eq!(author("发文字号：吉政明电〔2022〕1号"), None);
        assert_eq!(author("作者单位：北京大学"), None);
        assert_eq!(author("Produced By 大汉网络"), None);
        assert_eq!(author("by the way"), None);
        assert_eq!(author("本文仅代表作者个人观点"), None);
        assert_eq!(author("近日，記者趕赴現場"), None);
        assert_eq!(author("记者：春运初始，南方出现雨雪天气"), None);
        assert_eq!(author("蔡英文：台灣越民主"), None);
        assert_eq!(author("范冰冰发布微博原文：看到新闻"), None);
        assert_eq!(author("作者： 半月谈记者谭飞王艳明闫鹃"), None);
        assert_eq!(author("作者： 见习编辑 李琼皙").as_deref(), Some("李琼皙"));
        assert_eq!(author("作者：实习记者 王璐").as_deref(), Some("王璐"));
        // The author before the editor.
        assert_eq!(
            find_byline("编辑： 金金 来源： 21世纪经济报道 作者：宋怡 杨志华"),
            Some(Byline {
                credit: Credit::Author,
                names: "宋怡 杨志华".to_owned()
            })
        );
        assert_eq!(
            find_byline("【编辑:刘欢】").map(|b| b.credit),
            Some(Credit::Editor)
        );
        assert_eq!(
            author("发文机关： 吉林省人民政府").as_deref(),
            Some("吉林省人民政府")
        );
        assert_eq!(
            author("2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]").as_deref(),
            Some("黄宇")
        );
        assert_eq!(author("来源: 尹娟").as_deref(), Some("尹娟"));
        assert_eq!(
            find_byline("（記者鄭名娟攝）").map(|b| b.credit),
            Some(Credit::Editor)
        );
        assert_eq!(author("来源：金羊网"), None);
        assert_eq!(author("来源：新华社"), None);
    }

    #[test]
    fn people_in_metadata() {
        assert_eq!(person_name(" 傅大伟").as_deref(), Some("傅大伟"));
        assert_eq!(person_name("赵  培").as_deref(), Some("赵培"));
        assert_eq!(person_name("记者 武彩霞").as_deref(), Some("武彩霞"));
        assert_eq!(person_name("By Meg James").as_deref(), Some("Meg James"));
        assert_eq!(person_name("Reuters").as_deref(), Some("Reuters"));
        assert_eq!(
            person_name("Troy L. Smith, Cleveland.com").as_deref(),
            Some("Troy L. Smith, Cleveland.com")
        );
        assert_eq!(person_name("马克·吐温").as_deref(), Some("马克·吐温"));
        for site in [
            "chinanews",
            "网易",
            "正北方网",
            "L_104485",
            "3038",
            "51offer.com",
            "Discuz! Team and Comsenz UI Team",
            "www.yunnan.cn,云南日报报业集团,云南网",
            "中国经济网 财经频道",
            "寒冬裡如何保持水嫩肌膚 醫師來教你",
            "大汉网络",
            "与自己妻",
            "Page published at 2012-01-12 16:56:29 by loyaa system v4.0 www.loyaa.com",
        ] {
            assert_eq!(person_name(site), None, "{site}");
        }
    }

    #[test]
    fn credits_in_brackets() {
        let credit = |t: &str| find_credit(t).map(|b| b.names);
        let author = |t: &str| find_author(t);
        assert_eq!(
            credit("推动云南工业高质量发展。（记者 胡晓蓉）").as_deref(),
            Some("胡晓蓉")
        );
        assert_eq!(
            credit("组委会还成立了俱乐部。(信报记者 蔡雪婧)").as_deref(),
            Some("蔡雪婧")
        );
        assert_eq!(
            credit("过一个廉洁的新春佳节。（常书香 马丹阳 ）").as_deref(),
            Some("常书香 马丹阳")
        );
        assert_eq!(
            credit("这样的说法没有道理。”（姚峰 上海报道）").as_deref(),
            Some("姚峰")
        );
        assert_eq!(credit("（袁源）").as_deref(), Some("袁源"));
        assert_eq!(
            credit("据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区农业农村厅了解到，")
                .as_deref(),
            Some("格桑边觉")
        );
        assert_eq!(credit("他们走进了会场。（完）"), None);
        assert_eq!(credit("或许可以归纳为一种围观行为。(金羊网)"), None);
        assert_eq!(credit("歌坛“大哥大”刘欢的家(组图) (房产)"), None);
        assert_eq!(
            author("本报记者罗科苏盈发自北京").as_deref(),
            Some("罗科苏盈")
        );
        assert_eq!(credit("他们走进了会场（资料图）"), None);
        assert_eq!(credit("产品通过了检测（图片来源：网络）"), None);
        assert_eq!(credit("改革开放以来（1978年）"), None);
    }

    #[test]
    fn name_lines_and_posters() {
        assert_eq!(names_line("胡平").as_deref(), Some("胡平"));
        assert_eq!(names_line("赵延东、风笑天").as_deref(), Some("赵延东"));
        assert_eq!(names_line("——当代中国的精神危机"), None);
        assert_eq!(names_line("高速公路"), None);
        assert_eq!(names_line("本报记者 李香才"), None);
        assert_eq!(
            find_poster("本贴由 大卫 于2005年8月12日16:12:21在〖心灵体操〗发表.").as_deref(),
            Some("大卫")
        );
        assert_eq!(
            find_poster("由海姑娘张贴 @ 2005-06-14 03:25:55").as_deref(),
            Some("海姑娘")
        );
        assert_eq!(
            find_poster("ggjjzhzz 发表于 2005-9-15 11:46:00").as_deref(),
            Some("ggjjzhzz")
        );
        assert_eq!(find_author("Powered by Discuz! Archiver"), None);
        assert_eq!(
            find_poster("近日，由山东省消协联合行业协会最新发布的报告显示"),
            None
        );
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            strip_site_suffix("厦门推动高质量发展――中新网"),
            "厦门推动高质量发展"
        );
        assert_eq!(
            strip_site_suffix("厦门推动高质量发展 - 新浪新闻"),
            "厦门推动高质量发展"
        );
        assert_eq!(
            strip_site_suffix("厦门推动高质量发展_中国质量新闻网"),
            "厦门推动高质量发展"
        );
        assert_eq!(strip_site_suffix("短标题"), "短标题");
        assert_eq!(
            strip_site_suffix("孕婦血液透析7年 - 新浪網 - 新聞"),
            "孕婦血液透析7年"
        );
        assert_eq!(
            strip_site_suffix("乘客下载7部电影全部看完--国内频道"),
            "乘客下载7部电影全部看完"
        );
    }

    #[test]
    fn title_runs_hold_the_headline() {
        let runs = title_runs("北京工商局抽检出14种不合格食品 满记甜品上榜-《财经网》");
        assert!(runs.contains(&"北京工商局抽检出14种不合格食品 满记甜品上榜"));
        assert!(!runs.contains(&"《财经网》"));
        let runs = title_runs("自由電子報 - 流感再奪2命 累計20死");
        assert!(runs.contains(&"流感再奪2命 累計20死"));
        assert!(!runs.contains(&"自由電子報"));
        // The site name is as long as the first word of the headline.
        let runs = title_runs("女大掃除肌腱斷裂\u{3000}手酸軟舉不起來 - uho優活健康網");
        assert_eq!(runs[1], "女大掃除肌腱斷裂\u{3000}手酸軟舉不起來");
        assert!(!runs.contains(&"uho優活健康網"));
        let runs = title_runs("勾結醫師病患詐保險金  男遭訴 - Taiwan News Online");
        assert!(runs.contains(&"勾結醫師病患詐保險金  男遭訴"));
        assert!(!runs.contains(&"Taiwan News Online"));
        assert_eq!(
            title_core("内蒙古确保两节前农牧民工工资基本无拖欠_要闻_正北方网"),
            Some("内蒙古确保两节前农牧民工工资基本无拖欠")
        );
        let runs = title_runs("Star Wars Jedi: Fallen Order review – shoots for the moon | VG247");
        assert_eq!(
            runs[1..],
            ["Star Wars Jedi: Fallen Order review – shoots for the moon"]
        );
        let runs = title_runs("新概念作文否认韩寒“拼爹”说法 中国快讯 南方网");
        assert!(runs.contains(&"新概念作文否认韩寒“拼爹”说法"));
        assert!(title_runs(" - ").is_empty());
    }
}
