// What a Chinese government site shows: the head's meta tags, the footer's
// registration numbers, the 网站地图, the notice before a link leaves the
// site, and the 长者模式 switch as the pages carry it.

#include <catch2/catch.hpp>

#include <regex>

#include "common/urls.hpp"
#include "support/tiny_site.hpp"

using Catch::Matchers::Contains;
using testing::TinySite;

namespace {

const char* const kNotices = R"(-- content/notices/call.md --
---
title: 关于申报试点项目的通知
date: 2020-03-01
published: 2020-03-02T09:30:00+08:00
issuer: 示例市教育体育局办公室
keywords: [试点, 申报]
attachments:
  - title: 名额分配表
    data: quotas/2020.json
---

现将有关事项通知如下。详见[教育部网站](https://www.moe.gov.cn/jyb_xxgk/)和[本站首页](/)，
或写信至<mailto:xxh@example.gov.cn>；主站页面 <https://jyj.example.gov.cn/other/> 不算离开。
-- content/notices/old.md --
---
title: 旧通知
date: 2019-05-01
---
也可访问 https://www.moe.gov.cn/jyb_xxgk/ 。
-- data/quotas/2020.json --
{"title": "名额分配表", "unit_column": "单位名称", "quota_column": "分配名额",
 "rows": [{"county": "a", "quota": 2}, {"county": "b", "quota": 1}], "total": {"label": "全市"}}
)";

const char* const kCodes = R"(-- config.json --
{"base_url": "https://jyj.example.gov.cn/xxh/", "theme": "default", "language": "zh-CN", "today": null, "public_numbers": [],
 "site_codes": {"site_id": "4306000099", "icp": "湘ICP备12345678号", "police": "湘公网安备 43060202000123号"}}
)";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The href of the link whose text is `text`, as the page writes it.
std::string href_of(const std::string& page, const std::string& text) {
    const auto end = page.find(">" + text + "</a>");
    if (end == std::string::npos) return {};
    const auto start = page.rfind("href=\"", end);
    return page.substr(start + 6, page.find('"', start + 6) - start - 6);
}

// "/xxh/leave/…/" -> "leave/…/index.html"
std::string page_file(const std::string& href) { return href.substr(std::string("/xxh/").size()) + "index.html"; }

// Builds the site; a failure shows every diagnostic.
void build_ok(const TinySite& site) {
    const auto r = site.build();
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
}

}  // namespace

TEST_CASE("a notice's head names the site, its column, title, publication time and issuer") {
    TinySite site(kNotices);
    build_ok(site);
    const std::string page = site.read("notices/call/index.html");
    const std::pair<const char*, const char*> expected[] = {
        {"SiteName", "示例试点项目\""}, {"SiteDomain", "jyj.example.gov.cn\""}, {"ColumnName", "通知公告\""},
        {"ArticleTitle", "关于申报试点项目的通知\""}, {"PubDate", "2020-03-02 09:30\""},
        {"ContentSource", "示例市教育体育局办公室\""}, {"Keywords", "试点,申报\""}, {"Description", "现将有关事项通知如下。"}};
    for (const auto& [name, content] : expected) {
        INFO(name);
        CHECK(has(page, std::string("<meta name=\"") + name + "\" content=\"" + content));
    }
    CHECK_FALSE(has(page, "SiteIDCode"));  // none configured
    // A date without a time: the day, at 00:00; no keywords, no tag.
    const std::string old = site.read("notices/old/index.html");
    CHECK(has(old, "<meta name=\"PubDate\" content=\"2019-05-01 00:00\">"));
    CHECK(has(old, "<meta name=\"ContentSource\" content=\"示例市教育体育局\">"));
    CHECK_FALSE(has(old, "name=\"Keywords\""));
    // Other pages name their column and no article.
    const std::string quota = site.read("quotas/2020/index.html");
    CHECK(has(quota, "<meta name=\"ColumnName\" content=\"名额分配\">"));
    CHECK_FALSE(has(quota, "ArticleTitle"));
    CHECK(has(site.read("index.html"), "<meta name=\"ColumnName\" content=\"首页\">"));
    CHECK(has(site.read("search/index.html"), "<meta name=\"ColumnName\" content=\"站内搜索\">"));
}

TEST_CASE("site codes show in every footer only when set, and the numbers link to the filing systems") {
    TinySite plain(kNotices);
    build_ok(plain);
    const std::string bare = plain.read("index.html");
    CHECK(has(bare, "主办单位：示例市教育体育局"));
    CHECK_FALSE(has(bare, "网站标识码"));
    CHECK_FALSE(has(bare, "ICP"));
    CHECK_FALSE(has(bare, "公网安备"));

    TinySite site(std::string(kNotices) + kCodes);
    build_ok(site);
    for (const char* path : {"index.html", "notices/call/index.html", "404.html"}) {
        INFO(path);
        const std::string page = site.read(path);
        CHECK(has(page, "<meta name=\"SiteIDCode\" content=\"4306000099\">"));
        CHECK(has(page, "<span>网站标识码：4306000099</span>"));
        CHECK(has(page, ">湘ICP备12345678号</a>"));
        CHECK(has(page, ">湘公网安备 43060202000123号</a>"));
    }
    // The filing numbers link straight to the filing systems, as the MIIT and
    // the public security filing rules require, without the leave notice.
    const std::string home = site.read("index.html");
    CHECK(href_of(home, "湘ICP备12345678号") == "https://beian.miit.gov.cn/");
    CHECK(href_of(home, "湘公网安备 43060202000123号") == "https://beian.mps.gov.cn/#/query/webSearch?code=43060202000123");
}

TEST_CASE("a malformed site code is reported at its place in config.json") {
    TinySite site(R"(-- config.json --
{"base_url": "https://jyj.example.gov.cn/xxh/",
 "site_codes": {"site_id": "43060",
                "icp": null}}
)");
    const auto r = site.build();
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(testing::errors_text(r), Contains("config.json:2:28: error: a 网站标识码 is 10 letters and digits"));

    site.write(R"(-- config.json --
{"base_url": "https://jyj.example.gov.cn/xxh/", "site_codes": {"icp": "12345678", "beian": "x"}}
)");
    CHECK_THAT(testing::errors_text(site.build()), Contains("config.json:1:92: error: unknown site code \"beian\""));
    site.write(R"(-- config.json --
{"base_url": "https://jyj.example.gov.cn/xxh/", "site_codes": {"police": "湘公网安备号"}}
)");
    CHECK_THAT(testing::errors_text(site.build()), Contains("error: a 公安机关备案号 reads like 湘公网安备43060202000123号"));
}

TEST_CASE("the 网站地图 lists every page of sitemap.xml by column and every footer links to it") {
    TinySite site(kNotices);
    build_ok(site);
    const std::string page = site.read("sitemap/index.html");
    const std::string map = page.substr(page.find("<main"), page.find("</main>") - page.find("<main"));
    const std::string xml = site.read("sitemap.xml");
    const std::regex loc("<loc>https://jyj\\.example\\.gov\\.cn(/xxh/[^<]*)</loc>");
    int listed = 0;
    for (std::sregex_iterator it(xml.begin(), xml.end(), loc), end; it != end; ++it, ++listed) {
        INFO((*it)[1].str());
        CHECK(has(map, "<a href=\"" + (*it)[1].str() + "\">"));
    }
    CHECK(listed == 7);  // home, notice index, 2 notices, quota, search, 网站地图 itself
    CHECK(has(xml, "<loc>https://jyj.example.gov.cn/xxh/sitemap/</loc>"));
    CHECK(testing::in_order(map, "<h2 id=\"column-2\">通知公告</h2>", "<h2 id=\"column-4\">名额分配</h2>"));
    CHECK(has(map, "<a href=\"/xxh/notices/call/\">关于申报试点项目的通知</a> <time datetime=\"2020-03-02\">2020年3月2日</time>"));
    CHECK(has(page, "<meta name=\"ColumnName\" content=\"网站地图\">"));
    for (const char* path : {"index.html", "notices/call/index.html", "404.html", "sitemap/index.html"}) {
        INFO(path);
        CHECK(has(site.read(path), "<a href=\"/xxh/sitemap/\">网站地图</a>"));
    }
    CHECK(has(site.read("search/index.html"), "或在<a href=\"/xxh/sitemap/\">网站地图</a>中找到本站的每一个页面"));
    // Neither the leave notices nor the 长者模式 pages are content.
    CHECK_FALSE(has(xml, "/leave/"));
    CHECK_FALSE(has(xml, "/mode/"));
    CHECK_FALSE(has(map, "/leave/"));
    CHECK_FALSE(has(map, "/mode/"));
}

TEST_CASE("a link to another host passes a generated notice before leaving the site") {
    TinySite site(kNotices);
    build_ok(site);
    const std::string page = site.read("notices/call/index.html");
    CHECK_FALSE(has(page, "href=\"https://www.moe.gov.cn/"));
    const std::string leave = href_of(page, "教育部网站");
    REQUIRE_THAT(leave, Catch::Matchers::Matches("/xxh/leave/[0-9a-f]{16}/"));
    // The same destination elsewhere (a bare URL the autolink extension found) shares the page.
    CHECK(href_of(site.read("notices/old/index.html"), "https://www.moe.gov.cn/jyb_xxgk/") == leave);
    // Mail, the site itself and the main site on its host stay as written.
    CHECK(has(page, "href=\"/xxh/\">本站首页</a>"));
    CHECK(has(page, "href=\"mailto:xxh@example.gov.cn\""));
    CHECK(has(page, "href=\"https://jyj.example.gov.cn/other/\""));

    const std::string notice = site.read(page_file(leave));
    CHECK(has(notice, "<h1>即将离开本站</h1>"));
    CHECK(has(notice, "您即将离开示例试点项目（示例市教育体育局主办），前往另一网站 www.moe.gov.cn："));
    CHECK(has(notice, "<p class=\"leave-destination\">https://www.moe.gov.cn/jyb_xxgk/</p>"));
    CHECK(has(notice, "<a class=\"leave-continue\" rel=\"external\" href=\"https://www.moe.gov.cn/jyb_xxgk/\">继续访问</a>"));
    CHECK(has(notice, "<a href=\"/xxh/\">返回首页</a>"));
    CHECK(has(notice, "<meta name=\"robots\" content=\"noindex\">"));

    // The leave pages are part of the same bytes for the same input.
    const auto first = testing::read_tree(site.out());
    REQUIRE(site.build().errors.empty());
    CHECK(testing::read_tree(site.out()) == first);
}

TEST_CASE("leave pages are planned with the other pages, before any page is rendered") {
    // Notices' links are checked against the plan before rendering: a link to
    // the leave page of another notice's destination resolves.
    const std::string leave = common::leave_url("https://www.moe.gov.cn/jyb_xxgk/");
    TinySite site(std::string(kNotices) + "-- content/notices/see.md --\n---\ntitle: 提示\ndate: 2019-04-01\n---\n"
                  "见[离开本站的提示](/" + leave + ")。\n");
    const auto checked = site.check();
    INFO(testing::errors_text(checked));
    CHECK(checked.errors.empty());
    build_ok(site);
    CHECK(has(site.read(common::output_path(leave)), "<p class=\"leave-destination\">https://www.moe.gov.cn/jyb_xxgk/</p>"));
}

TEST_CASE("the theme's own links to other hosts are planned: those its templates write and those its chrome makes of the data") {
    // Unlike the default theme, this one sends the filing number through a
    // leave page, and its 404 page links to another site.
    TinySite site(std::string(kNotices) + kCodes + R"(-- themes/default/partials/footer.mustache --
<footer class="site-footer">
<p class="footer-links"><a href="{{sitemap_url}}">网站地图</a></p>
{{#site_codes}}<p>{{#icp}}<a href="{{icp_url}}">{{icp}}</a>{{/icp}}</p>{{/site_codes}}
</footer>
-- themes/default/templates/not_found.mustache --
<div class="wrap">
<h1>{{title}}</h1>
<p><a href="https://www.gov.cn/">中国政府网</a></p>
</div>
)");
    build_ok(site);
    const std::string icp = href_of(site.read("index.html"), "湘ICP备12345678号");
    REQUIRE_THAT(icp, Catch::Matchers::Matches("/xxh/leave/[0-9a-f]{16}/"));
    CHECK(has(site.read(page_file(icp)), "<p class=\"leave-destination\">https://beian.miit.gov.cn/</p>"));
    const std::string gov = href_of(site.read("404.html"), "中国政府网");
    REQUIRE_THAT(gov, Catch::Matchers::Matches("/xxh/leave/[0-9a-f]{16}/"));
    CHECK(has(site.read(page_file(gov)), "<p class=\"leave-destination\">https://www.gov.cn/</p>"));
}

TEST_CASE("every page offers 长者模式 through assets/mode.css, which the generator leaves plain") {
    TinySite site(kNotices);
    build_ok(site);
    for (const char* path : {"index.html", "notices/call/index.html", "sitemap/index.html", "mode/elder/index.html"}) {
        INFO(path);
        const std::string page = site.read(path);
        const auto style = page.find("<link rel=\"stylesheet\" href=\"/xxh/assets/style.css\">");
        const auto mode = page.find("<link rel=\"stylesheet\" href=\"/xxh/assets/mode.css\">");
        REQUIRE(mode != std::string::npos);
        CHECK(style < mode);  // its rules win over the standard ones
        CHECK(has(page, "<a class=\"to-elder\" href=\"/xxh/mode/elder/\">长者模式</a>"));
        CHECK(has(page, "<a class=\"to-standard\" href=\"/xxh/mode/standard/\">标准模式</a>"));
    }
    // Served without nginx, mode.css holds no rule and the switch explains itself.
    CHECK_FALSE(has(site.read("assets/mode.css"), "{"));
    const std::string elder = site.read("mode/elder/index.html");
    CHECK(has(elder, "<h1>长者模式</h1>"));
    CHECK(has(elder, "没有开启这项切换"));
    CHECK(has(elder, "<meta name=\"robots\" content=\"noindex\">"));
    CHECK(has(site.read("mode/standard/index.html"), "<h1>标准模式</h1>"));
    // What nginx serves instead: larger text, line spacing of at least 1.3,
    // the standard link shown, for the screen only.
    const std::string css = site.read("assets/elder.css");
    CHECK(has(css, "@media screen {"));
    CHECK(has(css, "html { font-size: 125%; }"));
    CHECK(has(css, "body { line-height: 1.9; }"));
    CHECK(has(css, ".to-standard { display: inline; }"));
    CHECK(has(site.read("assets/style.css"), "@media (prefers-contrast: more)"));
}
