// Every kind of problem in content, data or themes is reported as
// path:line:col, all in one run, and nothing is written.

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

#include "office/office_zip.hpp"
#include "support/pdf_maker.hpp"
#include "support/tiny_site.hpp"

using Catch::Matchers::Contains;
using testing::TinySite;

namespace {

const char* const kNotice = R"(-- content/notices/a.md --
---
title: 关于测试的通知
date: 2020-03-01
---

正文第一段。
)";

void write_bytes(const std::filesystem::path& p, const std::string& bytes) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
}

// What the collector keeps of one submission: its record, as the bureau's
// staff might copy it, labelled, and the uploaded work plan.
void write_collector_files(const std::filesystem::path& dir) {
    write_bytes(dir / "submission.json",
                "{\"fields\": {\"联系人\": \"王小明\",\n  \"电话\": \"0730-8812345\",\n  \"身份证\": \"430602198001010010\"}}\n");
    write_bytes(dir / "work_plan.pdf", testing::make_pdf(std::vector<std::string>{"实施方案\n项目负责人：李四", "手机 13912345678"}));
}

// Builds and returns the printed diagnostics; the build must fail.
std::string failing_build(const TinySite& site) {
    const auto r = site.build();
    REQUIRE_FALSE(r.errors.empty());
    CHECK_FALSE(site.exists("index.html"));
    return testing::errors_text(r);
}

}  // namespace

TEST_CASE("malformed front matter names the file, line and column") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 关于测试的通知
date: [2020-03-01
---
正文。
)");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("content/notices/a.md:4:"));
    CHECK_THAT(e, Contains("invalid front matter"));
}

TEST_CASE("a missing required front matter field is named") {
    TinySite site(R"(-- content/notices/a.md --
---
date: 2020-03-01
---
正文。
)");
    CHECK_THAT(failing_build(site), Contains("content/notices/a.md:2:1: error: missing required front matter field \"title\""));
}

TEST_CASE("an unknown front matter field and a bad date are reported at their lines") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-13-01
---
正文。
-- content/notices/b.md --
---
title: 通知
date: 2020-03-01
titel: 错别字
---
正文。
)");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("content/notices/a.md:3:7: error: \"date\" must be a date"));
    CHECK_THAT(e, Contains("content/notices/b.md:4:1: error: unknown front matter field \"titel\""));
}

TEST_CASE("malformed JSON names the file, line and column") {
    TinySite site(R"(-- data/site.json --
{
  "bureau": "示例局",
  "site_title": "示例"
  "contacts": []
}
)");
    CHECK_THAT(failing_build(site), Contains("data/site.json:4:12: error: invalid JSON"));
}

TEST_CASE("a missing required data field is reported where its object starts") {
    TinySite site(R"(-- data/lists/2020.json --
{
  "title": "名单",
  "date": "2021-01-05",
  "columns": {"unit": "单位名称", "project": "项目名称", "leader": "项目负责人"},
  "entries": [
    {"unit": "甲校", "project": "项目"}
  ]
}
)");
    CHECK_THAT(failing_build(site), Contains("data/lists/2020.json:6:5: error: missing required field \"leader\""));
}

TEST_CASE("a quota total that differs from the rows is a build error naming the file and line") {
    TinySite site(R"(-- data/quotas/2019.json --
{
  "title": "名额分配表",
  "unit_column": "单位名称",
  "quota_column": "分配名额",
  "rows": [
    {"county": "a", "quota": 2},
    {"county": "b", "quota": 1}
  ],
  "total": {"label": "全市", "quota": 4}
}
)");
    CHECK_THAT(failing_build(site), Contains("data/quotas/2019.json:9:37: error: declared total 4 differs from the sum of the rows, 3"));
}

TEST_CASE("a call naming a notice, form or quota table that does not exist is reported") {
    TinySite site(std::string(kNotice) + R"(-- data/calls/c.json --
{"title": "申报", "notice": "no-such-notice", "deadline": "2020-04-31", "forms": []}
-- data/calls/d.json --
{"title": "申报", "notice": "a", "deadline": "2020-04-30", "forms": ["no-such-form"], "quota": "1999"}
)");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("data/calls/c.json:1:57: error: \"deadline\" must be a date YYYY-MM-DD, found \"2020-04-31\""));
    CHECK_THAT(e, Contains("data/calls/d.json: error: call names form \"no-such-form\", but there is no data/forms/no-such-form.json"));
    CHECK_THAT(e, Contains("data/calls/d.json: error: call names quota table \"1999\", but there is no data/quotas/1999.json"));
}

TEST_CASE("an unknown or missing partial is reported at its tag") {
    TinySite site;
    site.write(R"(-- themes/default/templates/home.mustache --
<h1>{{title}}</h1>
  {{>no_such_partial}}
)");
    CHECK_THAT(failing_build(site), Contains("themes/default/templates/home.mustache:2:3: error: unknown partial \"no_such_partial\""));
}

TEST_CASE("a Mustache syntax error names the template and line") {
    TinySite site;
    site.write(R"(-- themes/default/templates/not_found.mustache --
<h1>{{title}}</h1>
{{#open}}
<p>never closed</p>
)");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("themes/default/templates/not_found.mustache:2:1: error: Mustache syntax: Unclosed section \"open\""));
}

TEST_CASE("a missing template is named") {
    TinySite site;
    std::filesystem::remove(site.root() / "themes/default/templates/quota.mustache");
    CHECK_THAT(failing_build(site), Contains("themes/default/templates/: error: missing template quota.mustache"));
}

TEST_CASE("an internal link that resolves to nothing is reported at its Markdown line and column") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---

第一段。

详见[另一通知](/notices/missing/)和[附件](../../attachments/x.pdf)。
)");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("content/notices/a.md:8:3: error: link to /notices/missing/ resolves to nothing"));
    CHECK_THAT(e, Contains("content/notices/a.md:8:29: error: link to /attachments/x.pdf resolves to nothing"));
}

TEST_CASE("generator check reports a notice's broken link before any page is rendered") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---
详见[另一通知](/notices/missing/)。
)");
    // Without the notice template no page is rendered at all.
    std::filesystem::remove(site.root() / "themes/default/templates/notice.mustache");
    const std::string e = testing::errors_text(site.check());
    CHECK_THAT(e, Contains("content/notices/a.md:5:3: error: link to /notices/missing/ resolves to nothing"));
}

TEST_CASE("an attachment that resolves to nothing is reported at its front matter line") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
attachments:
  - title: 名额分配表
    data: quotas/1999.json
  - title: 说明
    file: /attachments/missing.pdf
---
正文。
)");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("content/notices/a.md:6:11: error: attachment \"名额分配表\" refers to data/quotas/1999.json, which does not exist"));
    CHECK_THAT(e, Contains("content/notices/a.md:8:11: error: attachment file /attachments/missing.pdf does not exist"));
}

TEST_CASE("two sources for one output path are an error") {
    TinySite site(std::string(kNotice) + R"(-- content/notices/a/index.html --
<p>collides with the notice page</p>
)");
    CHECK_THAT(failing_build(site), Contains("error: output path public/notices/a/index.html is also produced by"));
}

TEST_CASE("a mobile number about to be published is reported where it is written") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---

联系人：张老师，手机13912345678。
)");
    CHECK_THAT(failing_build(site), Contains("content/notices/a.md:6:11: error: personal data: mobile number 13912345678 would be published"));
}

TEST_CASE("an ID-card number in data or an attachment file is reported") {
    TinySite site(R"(-- data/lists/2020.json --
{"title": "名单", "date": "2021-01-05", "columns": {"unit": "单位名称", "project": "项目名称", "leader": "项目负责人"},
 "entries": [{"unit": "甲校", "project": "项目", "leader": "李某 11010519491231002X"}]}
-- content/attachments/roster.csv --
姓名,手机
王某,139-1234-5678
)");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("data/lists/2020.json:2:60: error: personal data: ID-card number 11010519491231002X"));
    CHECK_THAT(e, Contains("content/attachments/roster.csv:2:4: error: personal data: mobile number 13912345678"));
}

TEST_CASE("a symbolic link under content/ data/ or the theme that leads outside the site is an error and nothing is published") {
    TinySite site(kNotice);
    REQUIRE(site.build().errors.empty());
    const auto before = testing::read_tree(site.out());
    testing::TempDir outside;
    write_collector_files(outside.path() / "collector-data");
    namespace fs = std::filesystem;
    fs::create_directory_symlink(outside.path() / "collector-data", site.root() / "content/leak");
    fs::create_directories(site.root() / "data/lists");
    fs::create_symlink(outside.path() / "collector-data/submission.json", site.root() / "data/lists/2020.json");
    fs::create_symlink(outside.path() / "collector-data/work_plan.pdf", site.root() / "themes/default/static/plan.pdf");
    fs::create_symlink(site.root() / "no-such-file", site.root() / "content/dangling.txt");
    // A link that stays inside the site is the site's own file.
    fs::create_symlink(site.root() / "content/notices/a.md", site.root() / "content/a-copy.txt");
    const auto r = site.build();
    const std::string e = testing::errors_text(r);
    CHECK_THAT(e, Contains("content/leak: error: symbolic link to " + fs::canonical(outside.path()).string() + "/collector-data, outside the site"));
    CHECK_THAT(e, Contains("data/lists/2020.json: error: symbolic link to "));
    CHECK_THAT(e, Contains("themes/default/static/plan.pdf: error: symbolic link to "));
    CHECK_THAT(e, Contains("content/dangling.txt: error: symbolic link that leads nowhere"));
    CHECK_THAT(e, !Contains("a-copy.txt"));
    // What lies behind the links is never read, so never reported either.
    CHECK_THAT(e, !Contains("personal data"));
    CHECK(r.errors.size() == 4);
    CHECK(testing::read_tree(site.out()) == before);
}

TEST_CASE("a symbolic link that stays inside the site is published as the file it leads to") {
    TinySite site(kNotice);
    namespace fs = std::filesystem;
    fs::create_directories(site.root() / "content/attachments");
    testing::write_tree(site.root(), "-- shared/plan.txt --\n实施方案\n");
    fs::create_symlink(site.root() / "shared/plan.txt", site.root() / "content/attachments/plan.txt");
    const auto r = site.build();
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    CHECK(fs::is_regular_file(fs::symlink_status(site.out() / "attachments/plan.txt")));
    CHECK(site.read("attachments/plan.txt") == "实施方案\n");
}

TEST_CASE("a fifo or a socket under content/ is an error and nothing is published") {
    TinySite site(kNotice);
    REQUIRE(::mkfifo((site.root() / "content/pipe").c_str(), 0600) == 0);
    CHECK_THAT(failing_build(site), Contains("content/pipe: error: a fifo is not a file: only the site's own files are published"));
    CHECK_FALSE(std::filesystem::exists(site.out()));
}

TEST_CASE("the collector's files copied into content/ are reported for each name number and page") {
    TinySite site(kNotice);
    write_collector_files(site.root() / "content/leak");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("content/leak/submission.json:1:21: error: personal data: name 王小明 after 联系人 would be published"));
    CHECK_THAT(e, Contains("content/leak/submission.json:2:10: error: personal data: landline number 07308812345 would be published"));
    CHECK_THAT(e, Contains("content/leak/submission.json:3:11: error: personal data: ID-card number with a wrong checksum 430602198001010010"));
    CHECK_THAT(e, Contains("content/leak/work_plan.pdf: error: personal data in page 1, line 2: name 李四 after 负责人 would be published"));
    CHECK_THAT(e, Contains("content/leak/work_plan.pdf: error: personal data in page 2, line 1: mobile number 13912345678 would be published"));
    CHECK_FALSE(std::filesystem::exists(site.out()));
}

TEST_CASE("the text of DOCX and XLSX attachments is checked and an unreadable one is an error") {
    TinySite site(kNotice);
    write_bytes(site.root() / "content/attachments/form.docx",
                office::zip_package({{"[Content_Types].xml", "<Types/>"},
                                     {"word/document.xml",
                                      "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>填表人：</w:t></w:r><w:r><w:t>赵六</w:t></w:r></w:p></w:body></w:document>"}}));
    write_bytes(site.root() / "content/attachments/roster.xlsx",
                office::zip_package({{"[Content_Types].xml", "<Types/>"},
                                     {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1</v></c><c><v>13812345678</v></c></row></sheetData></worksheet>"}}));
    // Nested beyond any stack a recursive reader would have.
    std::string nested = "<w:document>";
    for (int i = 0; i < 100000; ++i) nested += "<a>";
    nested += "<w:p><w:t>联系人：钱七</w:t></w:p>";
    for (int i = 0; i < 100000; ++i) nested += "</a>";
    nested += "</w:document>";
    write_bytes(site.root() / "content/attachments/deep.docx",
                office::zip_package({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", nested}}));
    write_bytes(site.root() / "content/attachments/broken.pdf", "%PDF-1.4\nnot really\n");
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("content/attachments/form.docx: error: personal data in word/document.xml, line 1: name 赵六 after 填表人"));
    CHECK_THAT(e, Contains("content/attachments/roster.xlsx: error: personal data in xl/worksheets/sheet1.xml, line 2: mobile number 13812345678"));
    CHECK_THAT(e, Contains("content/attachments/deep.docx: error: personal data in word/document.xml, line 1: name 钱七 after 联系人"));
    CHECK_THAT(e, Contains("content/attachments/broken.pdf: error: cannot read its text to check it for personal data"));
}

TEST_CASE("a DOCX part is read whole however large, and one that inflates past 64 MiB is an error") {
    TinySite site(kNotice);
    // The number is the part's last text, a megabyte in.
    const std::string long_text = "<w:document><w:p><w:t>" + std::string(1 << 20, 'a') + " 13812345678</w:t></w:p></w:document>";
    write_bytes(site.root() / "content/attachments/long.docx", office::zip_package({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", long_text}}));
    const std::string bomb = "<w:document><w:p><w:t>" + std::string(64u << 20, 'a') + "</w:t></w:p></w:document>";
    write_bytes(site.root() / "content/attachments/bomb.docx", office::zip_package({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", bomb}}));
    const std::string e = failing_build(site);
    CHECK_THAT(e, Contains("content/attachments/long.docx: error: personal data in word/document.xml, line 1: mobile number 13812345678"));
    CHECK_THAT(e, Contains("content/attachments/bomb.docx: error: cannot read its text to check it for personal data: word/document.xml: inflates to more than the limit"));
}

TEST_CASE("the site's own contact numbers may be published with their area code but other landlines may not") {
    TinySite site(R"(-- data/site.json --
{"bureau": "示例局", "site_title": "示例", "contacts": [{"unit": "信息中心", "phone": "8805708"}, {"unit": "办公室", "phone": "0730-8812000"}]}
-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---
咨询电话：0730-8805708、0730-8812000。
)");
    const auto r = site.build();
    INFO(testing::errors_text(r));
    CHECK(r.errors.empty());
    CHECK_THAT(site.read("notices/a/index.html"), Contains("0730-8805708"));
    site.write(R"(-- content/notices/b.md --
---
title: 通知
date: 2020-03-02
---
张老师电话：0730-8805709。
)");
    const auto before = testing::read_tree(site.out());
    const auto failed = site.build();
    CHECK_THAT(testing::errors_text(failed), Contains("content/notices/b.md:5:7: error: personal data: landline number 07308805709 would be published"));
    CHECK(failed.errors.size() == 1);
    CHECK(testing::read_tree(site.out()) == before);
}

TEST_CASE("hidden files and editor backups under content/ are never published") {
    TinySite site(std::string(kNotice) + R"(-- content/notices/a.md~ --
联系人手机13812345678
-- content/notices/.a.md.swp --
13812345678
)");
    const auto r = site.build();
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    CHECK_FALSE(site.exists("notices/a.md~"));
    CHECK_FALSE(site.exists("notices/.a.md.swp"));
}

TEST_CASE("numbers listed in public_numbers may be published") {
    TinySite site(R"(-- config.json --
{"base_url": "https://jyj.example.gov.cn/", "public_numbers": ["139 1234 5678"]}
-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---
监督电话：13912345678。
)");
    const auto r = site.build();
    INFO(testing::errors_text(r));
    CHECK(r.errors.empty());
    CHECK_THAT(site.read("notices/a/index.html"), Contains("13912345678"));
}

TEST_CASE("a heading that skips a level is reported") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---

## 一、总体要求

#### 1．细则
)");
    CHECK_THAT(failing_build(site), Contains("content/notices/a.md:8:1: error: heading level 4 skips level 3"));
}

TEST_CASE("headings follow the official numbering order 一、（一）1.（1）") {
    TinySite good(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---

## 一、总体要求

### （一）目标

#### 1．细则

##### （1）条款

## 二、工作要求

### 1．要求
)");
    const auto ok = good.build();
    INFO(testing::errors_text(ok));
    CHECK(ok.errors.empty());
    TinySite bad(R"(-- content/notices/a.md --
---
title: 通知
date: 2020-03-01
---

## 1．细则

### 一、总体要求
)");
    CHECK_THAT(failing_build(bad), Contains("content/notices/a.md:8:1: error: heading \"一、总体要求\" sits under \"1．细则\""));
}

TEST_CASE("all problems of a run are reported together") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 通知
---
-- data/units.json --
{"counties": [}
-- content/notices/b.md --
no front matter
)");
    const auto r = site.build();
    CHECK(r.errors.size() >= 3);
    const std::string e = testing::errors_text(r);
    CHECK_THAT(e, Contains("content/notices/a.md"));
    CHECK_THAT(e, Contains("data/units.json:1:15"));
    CHECK_THAT(e, Contains("content/notices/b.md:1:1"));
}

TEST_CASE("a failed build leaves the previous output untouched and no staging directory behind") {
    TinySite site(kNotice);
    REQUIRE(site.build().errors.empty());
    const auto before = testing::read_tree(site.out());
    site.write(R"(-- content/notices/b.md --
---
title: 坏通知
date: 2020-02-30
---
)");
    REQUIRE_FALSE(site.build().errors.empty());
    CHECK(testing::read_tree(site.out()) == before);
    for (const auto& entry : std::filesystem::directory_iterator(site.root()))
        CHECK(entry.path().filename().string().find("staging") == std::string::npos);
}

TEST_CASE("check validates without writing anything") {
    TinySite site(kNotice);
    const auto r = site.check();
    INFO(testing::errors_text(r));
    CHECK(r.errors.empty());
    CHECK_FALSE(std::filesystem::exists(site.out()));
    site.write(R"(-- data/units.json --
{"counties": 3}
)");
    CHECK_FALSE(site.check().errors.empty());
}
