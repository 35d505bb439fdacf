// What a built site contains: sub-path deployment, feed, sitemap, calls,
// determinism.

#include <catch2/catch.hpp>

#include "common/data_layout.hpp"
#include "common/review_act.hpp"

#include "support/collector_fixture.hpp"
#include "support/stored_submissions.hpp"
#include "support/tiny_site.hpp"

using testing::TinySite;

namespace {

const char* const kSite = R"(-- content/notices/call.md --
---
title: 关于申报试点项目的通知
date: 2020-03-01
category: 通知公告
addressees: 各县市区教育局
attachments:
  - title: 名额分配表
    data: quotas/2020.json
  - title: 填报说明
    file: /attachments/guide.txt
---

现将有关事项通知如下。

## 一、申报要求

详见[上一通知](/notices/old/)和[名额](../../quotas/2020/)。

| 县市区 | 名额 |
| --- | ---: |
| 甲县 | 2 |
-- content/notices/old.md --
---
title: 旧通知
date: 2019-05-01
---
正文。
-- content/attachments/guide.txt --
填报说明。
-- data/calls/pilot-2020.json --
{"title": "试点申报", "notice": "call", "deadline": "2020-04-30", "deadline_label": "申报材料", "forms": [], "quota": "2020"}
-- data/quotas/2020.json --
{"title": "名额分配表", "unit_column": "单位名称", "quota_column": "分配名额",
 "rows": [{"county": "a", "quota": 2}, {"county": "b", "quota": 1}], "total": {"label": "全市"}}
)";

}  // namespace

TEST_CASE("every link, the feed and the sitemap honour a base URL with a path") {
    TinySite site(kSite);
    const auto r = site.build();
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    const std::string page = site.read("notices/call/index.html");
    CHECK(page.find("href=\"/xxh/notices/old/\"") != std::string::npos);
    CHECK(page.find("href=\"../../quotas/2020/\"") != std::string::npos);
    CHECK(page.find("href=\"/xxh/assets/style.css\"") != std::string::npos);
    CHECK(page.find("<a href=\"/xxh/attachments/guide.txt\">填报说明</a>") != std::string::npos);
    CHECK(page.find("下载（TXT，16 B）") != std::string::npos);
    CHECK(page.find("href=\"/notices") == std::string::npos);
    const std::string feed = site.read("feed.xml");
    CHECK(feed.find("<id>https://jyj.example.gov.cn/xxh/notices/call/</id>") != std::string::npos);
    CHECK(feed.find("<updated>2020-03-01T00:00:00+08:00</updated>") != std::string::npos);
    const std::string sitemap = site.read("sitemap.xml");
    CHECK(sitemap.find("<loc>https://jyj.example.gov.cn/xxh/notices/old/</loc><lastmod>2019-05-01</lastmod>") != std::string::npos);
    CHECK(sitemap.find("<loc>https://jyj.example.gov.cn/xxh/quotas/2020/</loc>") != std::string::npos);
    CHECK(sitemap.find("404") == std::string::npos);
}

TEST_CASE("tables get header scopes and the quota total is computed") {
    TinySite site(kSite);
    REQUIRE(site.build().errors.empty());
    CHECK(site.read("notices/call/index.html").find("<th scope=\"col\">县市区</th>") != std::string::npos);
    const std::string quota = site.read("quotas/2020/index.html");
    CHECK(quota.find("<tfoot><tr><th scope=\"row\">全市</th><td class=\"num\">3</td></tr></tfoot>") != std::string::npos);
    CHECK(quota.find("本页为《<a href=\"/xxh/notices/call/\">关于申报试点项目的通知</a>》（2020年3月1日）附件1。") != std::string::npos);
}

TEST_CASE("a call is open until its deadline, inclusive, as of the configured day") {
    TinySite site(kSite);
    REQUIRE(site.build("2020-04-30").errors.empty());
    std::string home = site.read("index.html");
    CHECK(testing::in_order(home, "正在受理", "关于申报试点项目的通知"));
    CHECK(testing::in_order(home, "关于申报试点项目的通知", "id=\"closed-calls\""));
    CHECK(site.read("notices/call/index.html").find("（正在受理）") != std::string::npos);

    REQUIRE(site.build("2020-05-01").errors.empty());
    home = site.read("index.html");
    CHECK(home.find("关于申报试点项目的通知") > home.find("id=\"closed-calls\""));
    CHECK(site.read("notices/call/index.html").find("（已截止）") != std::string::npos);
}

TEST_CASE("the notice index groups notices by year, newest first") {
    TinySite site(kSite);
    REQUIRE(site.build().errors.empty());
    const std::string index = site.read("notices/index.html");
    CHECK(testing::in_order(index, "<h2 id=\"year-2020\">2020年</h2>", "<h2 id=\"year-2019\">2019年</h2>"));
    CHECK(testing::in_order(index, "关于申报试点项目的通知", "旧通知"));
}

TEST_CASE("the same input gives byte-identical output") {
    TinySite site(kSite);
    REQUIRE(site.build().errors.empty());
    const auto first = testing::read_tree(site.out());
    REQUIRE(site.build().errors.empty());
    CHECK(testing::read_tree(site.out()) == first);

    // A copy of the site elsewhere builds to the same bytes.
    TinySite copy(kSite);
    REQUIRE(copy.build().errors.empty());
    CHECK(testing::read_tree(copy.out()) == first);
}

TEST_CASE("Markdown raw HTML and javascript: links are not passed through") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---

<script>alert(1)</script>

[点我](javascript:alert(1))
)");
    REQUIRE(site.build().errors.empty());
    const std::string page = site.read("notices/a/index.html");
    CHECK(page.find("<script>") == std::string::npos);
    CHECK(page.find("javascript:") == std::string::npos);
}

TEST_CASE("with the collector's data, each call gets a 受理情况 page of counts without personal data") {
    TinySite site(std::string(kSite) + R"(-- data/forms/apply.json --
{"title": "申请表", "submitted_by": "school", "blocks": [{"type": "fields", "fields": [
  {"name": "leader", "label": "负责人", "type": "text", "personal": true},
  {"name": "leader_mobile", "label": "手机号码", "type": "mobile", "personal": true}]}]}
-- data/forms/summary.json --
{"title": "汇总表", "submitted_by": "county", "blocks": [{"type": "table", "name": "schools", "columns": [
  {"name": "unit", "label": "单位名称", "type": "text"}]}]}
-- data/units.json --
{"counties": [{"id": "a", "name": "甲县"}, {"id": "b", "name": "乙区"}],
 "schools": [{"id": "a1", "name": "甲县一中", "county": "a"}, {"id": "a2", "name": "甲县二中", "county": "a"},
             {"id": "a3", "name": "甲县三中", "county": "a"}]}
-- data/calls/pilot-2020.json --
{"title": "试点申报", "notice": "call", "deadline": "2020-04-30", "forms": ["apply", "summary"], "quota": "2020"}
)");
    gen::BuildOptions o = site.options();
    o.submissions = site.root() / "collector";
    testing::write_submission(o.submissions, testing::submission("apply", "a1", "2020-04-01T09:00:00+08:00", {{"leader", "王某某"}, {"leader_mobile", "13912345678"}}));
    testing::write_submission(o.submissions, testing::submission("apply", "a1", "2020-04-02T09:00:00+08:00", {{"leader", "王某某"}, {"leader_mobile", "13712345678"}}),
                              {{"plan", "方案.pdf", testing::tiny_pdf()}});
    testing::write_submission(o.submissions, testing::submission("apply", "a2", "2020-04-03T10:30:00+08:00", {{"leader", "李某某"}, {"leader_mobile", "13812345678"}}));
    testing::write_submission(o.submissions, testing::submission("apply", "a3", "2020-04-03T11:00:00+08:00"));
    testing::write_submission(o.submissions, testing::submission("summary", "a", "2020-04-03T08:00:00+08:00"));
    const auto r = gen::build_site(o);
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    const std::string page = site.read("calls/pilot-2020/index.html");
    CHECK(page.find("<tr><th scope=\"row\">甲县</th><td class=\"num\">2</td><td class=\"num\">3（超出名额）</td><td class=\"num\">已报送</td></tr>") !=
          std::string::npos);
    CHECK(page.find("<tr><th scope=\"row\">乙区</th><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">—</td></tr>") !=
          std::string::npos);
    CHECK(page.find("统计截至2020-04-03 11:00。") != std::string::npos);
    // The chart: a bar pair per county, its numbers written out, so it reads without colour.
    const auto chart = page.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"progress-chart\"");
    REQUIRE(chart != std::string::npos);
    const std::string svg = page.substr(chart, page.find("</svg>", chart) - chart);
    CHECK(svg.find("<desc id=\"chart-desc\">甲县：已收到3，分配名额2；乙区：已收到0，分配名额1；</desc>") != std::string::npos);
    CHECK(svg.find(">3 / 2 超出</text>") != std::string::npos);
    CHECK(svg.find(">0 / 1</text>") != std::string::npos);
    CHECK(svg.find("stroke-dasharray") != std::string::npos);
    CHECK(site.read("notices/call/index.html").find("查看受理情况") != std::string::npos);
    for (const auto& [path, bytes] : testing::read_tree(site.out())) {
        INFO(path);
        CHECK(bytes.find("王某某") == std::string::npos);
        CHECK(bytes.find("13912345678") == std::string::npos);
    }
}

TEST_CASE("the 受理情况 page counts each county's schools by stage of the review chain, naming nobody") {
    TinySite site(std::string(kSite) + R"(-- data/forms/apply.json --
{"title": "申请表", "submitted_by": "school", "blocks": [{"type": "fields", "fields": [{"name": "p", "label": "项目", "type": "text"}]}]}
-- data/units.json --
{"counties": [{"id": "a", "name": "甲县"}, {"id": "b", "name": "乙区"}],
 "schools": [{"id": "a1", "name": "甲县一中", "county": "a"}, {"id": "a2", "name": "甲县二中", "county": "a"}]}
-- data/calls/pilot-2020.json --
{"title": "试点申报", "notice": "call", "deadline": "2020-04-30", "forms": ["apply"], "quota": "2020"}
)");
    gen::BuildOptions o = site.options();
    o.submissions = site.root() / "collector";
    testing::write_submission(o.submissions, testing::submission("apply", "a1", "2020-04-01T09:00:00+08:00"));
    testing::write_submission(o.submissions, testing::submission("apply", "a2", "2020-04-02T09:00:00+08:00"));
    testing::write_act(o.submissions, testing::county_opinion("pilot-2020", {"county", "a", "甲县教育局"}, {"apply", "a1", 1}, "赵某某"));
    const auto r = gen::build_site(o);
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    const std::string page = site.read("calls/pilot-2020/index.html");
    CHECK(testing::in_order(page, "<caption>各县市区审核进度", "<th scope=\"col\">已收到</th><th scope=\"col\">县级意见：推荐</th>"));
    // 甲县: a2 received, a1 recommended; nothing further.
    CHECK(page.find("<tr><th scope=\"row\">甲县</th><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td>") != std::string::npos);
    for (const auto& [path, bytes] : testing::read_tree(site.out())) {
        INFO(path);
        CHECK(bytes.find("赵某某") == std::string::npos);
        CHECK(bytes.find("同意推荐") == std::string::npos);
    }
}

TEST_CASE("the internal review site lists every version with its changes, outside public/") {
    TinySite site(R"(-- data/forms/apply.json --
{"title": "申请表", "submitted_by": "school", "blocks": [{"type": "fields", "fields": [
  {"name": "leader_mobile", "label": "手机号码", "type": "mobile", "personal": true},
  {"name": "plan", "label": "工作方案", "type": "file"}]}]}
-- content/notices/call.md --
---
title: 通知
date: 2020-03-01
---
正文。
-- data/calls/c.json --
{"title": "申报", "notice": "call", "deadline": "2020-04-30", "forms": ["apply"]}
)");
    gen::BuildOptions o = site.options();
    o.submissions = site.root() / "collector";
    testing::write_submission(o.submissions, testing::submission("apply", "a", "2020-04-01T09:00:00+08:00", {{"leader_mobile", "13912345678"}}));
    testing::write_submission(o.submissions, testing::submission("apply", "a", "2020-04-02T09:00:00+08:00", {{"leader_mobile", "13712345678"}}),
                              {{"plan", "方案.pdf", testing::tiny_pdf()}});
    o.internal = site.root() / "internal";
    const auto r = gen::build_site(o);
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    const std::string index = testing::read_file(o.internal / "index.html");
    CHECK(index.find("共2个版本") != std::string::npos);
    const std::string v2 = testing::read_file(o.internal / "apply/a/v0002/index.html");
    CHECK(v2.find("<tr><th scope=\"row\">手机号码</th><td><del>13912345678</del></td><td><ins>13712345678</ins></td></tr>") != std::string::npos);
    CHECK(v2.find("<a href=\"plan.pdf\">方案.pdf</a>") != std::string::npos);
    CHECK(testing::read_file(o.internal / "apply/a/v0002/plan.pdf") == testing::tiny_pdf());
    for (const auto& [path, bytes] : testing::read_tree(site.out())) {
        INFO(path);
        CHECK(bytes.find("13712345678") == std::string::npos);
    }

    o.internal = site.out() / "review";
    const auto inside = gen::build_site(o);
    REQUIRE(inside.errors.size() == 1);
    CHECK(inside.errors[0].message.find("must not be inside the public output") != std::string::npos);
}
