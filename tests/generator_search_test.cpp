// The search index and page: what a query's pieces lead to on the bundled
// site, that the index is stable, and that submissions never reach it.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "generator/han_table.hpp"
#include "generator/personal_check.hpp"
#include "generator/search_postings.hpp"
#include "generator/search_tokens.hpp"
#include "support/collector_fixture.hpp"
#include "support/stored_submissions.hpp"
#include "support/tiny_site.hpp"

using nlohmann::json;
using testing::TinySite;

namespace {

struct Index {
    json raw;
    // Titles of the documents holding every token, in index order.
    std::vector<std::string> titles_with(const std::vector<std::string>& tokens) const {
        std::vector<std::string> out;
        for (std::size_t id = 0; id < raw["docs"].size(); ++id) {
            bool all = true;
            for (const auto& t : tokens) all = all && holds(t, id);
            if (all) out.push_back(raw["docs"][id][1]);
        }
        return out;
    }
    bool holds(const std::string& token, std::size_t id) const {
        if (!raw["postings"].contains(token)) return false;
        std::size_t current = 0;
        for (const auto& gap : raw["postings"][token]) {
            current += gap.get<std::size_t>();
            if (current == id) return true;
        }
        return false;
    }
    const json* doc_titled(const std::string& title) const {
        for (const auto& d : raw["docs"])
            if (d[1] == title) return &d;
        return nullptr;
    }
};

struct BundledIndex {
    testing::TempDir dir;
    gen::BuildResult result;
    std::string bytes;
    Index index;
    BundledIndex() {
        gen::BuildOptions o;
        o.site = REPO_ROOT;
        o.out = dir.path() / "public";
        result = gen::build_site(o);
        if (!result.errors.empty()) return;
        bytes = testing::read_file(o.out / "search/index.json");
        index.raw = json::parse(bytes);
    }
};

const BundledIndex& bundled() {
    static const BundledIndex site;
    return site;
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("Han text is cut into overlapping pairs, Latin and digits into lower-case words") {
    using V = std::vector<std::string>;
    CHECK(gen::search_tokens("智慧教育") == V{"智慧", "慧教", "教育"});
    CHECK(gen::search_tokens("汨罗市，正") == V{"汨罗", "罗市", "正"});
    CHECK(gen::search_tokens("2019年XXXX教育") == V{"2019", "年", "xxxx", "教育"});
    // Full-width forms from Chinese input methods count as ASCII.
    CHECK(gen::search_tokens("２０１９ＸＸ　ab") == V{"2019xx", "ab"});
    CHECK(gen::search_tokens("（）、—…《》").empty());
    CHECK(gen::search_tokens("（一）") == V{"一"});
    // A lone character between words, and pairs between them, in text order.
    CHECK(gen::search_tokens("甲1乙") == V{"甲", "1", "乙"});
    CHECK(gen::search_tokens("ab甲乙丙c丁") == V{"ab", "甲乙", "乙丙", "c", "丁"});
    // White space counts as one character.
    CHECK(gen::collapsed_prefix("  甲  乙\n丙丁戊", 5) == "甲 乙 丙…");
    CHECK(gen::collapsed_prefix("甲乙", 2) == "甲乙");
}

TEST_CASE("the bundled site's index finds notices, topics, units, quota rows, forms and files by two-character pieces") {
    INFO(testing::errors_text(bundled().result));
    REQUIRE(bundled().result.errors.empty());
    const Index& index = bundled().index;

    const auto wisdom = index.titles_with({"智慧"});
    CHECK(contains(wisdom, "关于申报2019年岳阳市教育信息化创新试点项目的通知"));
    CHECK(contains(wisdom, "二、智慧教育实践与探究"));
    CHECK(contains(wisdom, "汨罗市正则学校"));  // by its project, 智慧教育实践与探究

    const auto miluo = index.titles_with({"汨罗"});
    CHECK(contains(miluo, "汨罗市正则学校"));
    CHECK(contains(miluo, "汨罗市"));
    CHECK(contains(miluo, "关于公布2020年度“岳阳市教育信息化试点项目”名单的通知"));
    CHECK_FALSE(contains(miluo, "平江县"));

    const auto task_book = index.titles_with({"任务", "务书"});
    CHECK(contains(task_book, "岳阳市教育信息化试点项目计划任务书"));
    CHECK(contains(task_book, "岳阳市教育信息化试点项目计划任务书.docx"));
    CHECK(contains(task_book, "关于公布2020年度“岳阳市教育信息化试点项目”名单的通知"));

    const auto latin = index.titles_with({"xxxx"});
    CHECK(contains(latin, "2019年XXXX教育信息化创新试点工作方案（提纲）"));
    CHECK(contains(latin, "2019年XXXX教育信息化创新试点工作方案（提纲）.docx"));

    // Each document leads somewhere on the site, relative to the base path.
    const json* unit = index.doc_titled("汨罗市正则学校");
    REQUIRE(unit);
    CHECK((*unit)[0] == "unit");
    CHECK((*unit)[2] == "lists/2020/#entry-1");
    CHECK((*unit)[3] == "2021-01-05");
    const json* docx = index.doc_titled("岳阳市教育信息化试点项目计划任务书.docx");
    REQUIRE(docx);
    CHECK((*docx)[2] == "forms/task-book-2020/task-book-2020.docx");
    CHECK(index.raw["kinds"]["file"] == "附件");
    const json* notice = index.doc_titled("关于申报2019年岳阳市教育信息化创新试点项目的通知");
    REQUIRE(notice);
    CHECK((*notice)[2] == "notices/2019-pilot-call/");
    CHECK((*notice)[4].get<std::string>().rfind("为落实省教育厅", 0) == 0);
}

TEST_CASE("the bundled site's index leaves out the list's 项目负责人") {
    REQUIRE(bundled().result.errors.empty());
    CHECK(bundled().index.titles_with({"何发", "发意"}).empty());
    CHECK(bundled().bytes.find("何发意") == std::string::npos);
}

TEST_CASE("the search page is a plain GET form that the script enhances, linked from every page and the sitemap") {
    TinySite site;
    REQUIRE(site.build().errors.empty());
    const std::string page = site.read("search/index.html");
    CHECK(page.find("<form role=\"search\" class=\"search-form\" action=\"/xxh/search/\" method=\"get\">") != std::string::npos);
    CHECK(page.find("<label for=\"search-q\">") != std::string::npos);
    CHECK(page.find("<input type=\"search\" id=\"search-q\" name=\"q\"") != std::string::npos);
    CHECK(page.find("aria-live=\"polite\" data-index=\"/xxh/search/index.json\" data-base=\"/xxh/\"") != std::string::npos);
    CHECK(page.find("<script src=\"/xxh/assets/search.js\" defer></script>") != std::string::npos);
    // Without JavaScript the page says so and offers the notice index.
    CHECK(page.find("站内搜索需要在浏览器中启用JavaScript。也可以浏览<a href=\"/xxh/notices/\">全部通知公告</a>") != std::string::npos);
    CHECK(site.exists("assets/search.js"));
    CHECK(site.read("index.html").find("<a href=\"/xxh/search/\">站内搜索</a>") != std::string::npos);
    CHECK(site.read("sitemap.xml").find("<loc>https://jyj.example.gov.cn/xxh/search/</loc>") != std::string::npos);
}

TEST_CASE("the same site gives the same index bytes") {
    const char* files = R"(-- content/notices/b.md --
---
title: 乙通知
date: 2020-03-01
---
智慧校园。
-- content/notices/a.md --
---
title: 甲通知
date: 2020-03-01
---
智慧课堂。
)";
    TinySite site(files), copy(files);
    REQUIRE(site.build().errors.empty());
    const std::string first = site.read("search/index.json");
    REQUIRE(site.build().errors.empty());
    CHECK(site.read("search/index.json") == first);
    REQUIRE(copy.build().errors.empty());
    CHECK(copy.read("search/index.json") == first);
    // Same date: ordered by slug, as the notice index orders them.
    const json index = json::parse(first);
    CHECK(index["docs"][0][1] == "甲通知");
    CHECK(index["postings"]["智慧"] == json::array({0, 1}));
}

TEST_CASE("with the collector's data, nothing submitted reaches the search index") {
    TinySite site(R"(-- content/notices/call.md --
---
title: 关于申报试点项目的通知
date: 2020-03-01
---
请各校申报。

<div>隐藏标记内容</div>
-- data/forms/apply.json --
{"title": "申请表", "submitted_by": "school", "blocks": [{"type": "fields", "fields": [
  {"name": "project_name", "label": "项目名称", "type": "text"},
  {"name": "leader", "label": "负责人", "type": "text", "personal": true},
  {"name": "leader_mobile", "label": "手机号码", "type": "mobile", "personal": true}]}]}
-- data/units.json --
{"counties": [{"id": "a", "name": "甲县"}], "schools": [{"id": "a1", "name": "甲县一中", "county": "a"}]}
-- data/calls/c.json --
{"title": "试点申报", "notice": "call", "deadline": "2020-04-30", "forms": ["apply"]}
)");
    gen::BuildOptions o = site.options();
    o.submissions = site.root() / "collector";
    testing::write_submission(o.submissions,
                              testing::submission("apply", "a1", "2020-04-01T09:00:00+08:00",
                                                  {{"project_name", "鲲鹏翱翔计划"}, {"leader", "欧阳某某"}, {"leader_mobile", "13912345678"}}),
                              {{"plan", "秘密方案.pdf", testing::tiny_pdf()}});
    const auto r = gen::build_site(o);
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    REQUIRE(site.exists("calls/c/index.html"));
    const std::string bytes = site.read("search/index.json");
    const json index = json::parse(bytes);
    for (const char* secret : {"鲲鹏", "翱翔", "欧阳", "某某", "13912345678", "秘密", "隐藏"}) {
        INFO(secret);
        CHECK(bytes.find(secret) == std::string::npos);
    }
    for (const auto& d : index["docs"]) CHECK(d[2].get<std::string>().rfind("calls/", 0) != 0);
    // What is published is there: the notice, the form and its labels.
    CHECK(index["postings"].contains("申报"));
    CHECK(index["postings"].contains("项目"));
}

TEST_CASE("a file attached to a notice is found by its title and its type, once") {
    TinySite site(R"(-- content/notices/a.md --
---
title: 甲通知
date: 2020-03-01
attachments:
  - title: 填报说明
    file: /attachments/guide.txt
---
正文。
-- content/notices/b.md --
---
title: 乙通知
date: 2020-02-01
attachments:
  - title: 另一个名字
    file: /attachments/guide.txt
---
正文。
-- content/attachments/guide.txt --
填报说明。
)");
    REQUIRE(site.build().errors.empty());
    const Index index{json::parse(site.read("search/index.json"))};
    // The notice holds its attachments' titles as printed on it.
    CHECK(index.titles_with({"填报", "说明"}) == std::vector<std::string>{"甲通知", "填报说明"});
    CHECK(index.titles_with({"txt"}) == std::vector<std::string>{"填报说明"});
    CHECK(index.titles_with({"另一"}) == std::vector<std::string>{"乙通知"});
    const json* file = index.doc_titled("填报说明");
    REQUIRE(file);
    CHECK((*file)[0] == "file");
    CHECK((*file)[2] == "attachments/guide.txt");
    CHECK((*file)[4] == "TXT，16 B，《甲通知》附件1");
}

TEST_CASE("a posting list gives back its ids, and index.json's gaps, across parts and 7-bit groups") {
    // Ids around each group boundary: 127/128, 16383/16384, and one beyond 2^28.
    const std::vector<std::uint32_t> first = {0, 5, 127, 128, 300}, second = {16383, 16384, 16384, 300000000};
    gen::PostingList a, b;
    for (const std::uint32_t id : first) a.add(id);
    a.add(300);  // the same document again is one posting
    for (const std::uint32_t id : second) b.add(id);
    a.append(b);
    std::vector<std::uint32_t> ids;
    a.each_id([&](std::uint32_t id) { ids.push_back(id); });
    CHECK(ids == std::vector<std::uint32_t>{0, 5, 127, 128, 300, 16383, 16384, 300000000});
    CHECK(a.size() == 8);
    std::string kept, plain;
    gen::append_gaps(kept, a);
    gen::append_gaps(plain, ids);
    CHECK(kept == "[0,5,122,1,172,16083,1,299983616]");
    CHECK(kept == plain);
}

TEST_CASE("a table of Han keys finds each key it holds, and no other, as it grows and once moved") {
    gen::HanTable<int> table;
    // Keys that share their first character or their second, past several growths.
    for (char32_t first = 0x4E00; first < 0x4E00 + 60; ++first)
        for (char32_t second = 0; second < 60; ++second) table[gen::han_key(first, second ? 0x4E00 + second : 0)] = static_cast<int>(first * 100 + second);
    CHECK(table.size() == 3600);
    gen::HanTable<int> moved;
    moved = std::move(table);
    ++moved[gen::han_key(0x4E00, 0)];
    CHECK(moved.size() == 3600);
    bool all = true;
    for (char32_t first = 0x4E00; first < 0x4E00 + 60; ++first)
        for (char32_t second = 1; second < 60; ++second) {
            const int* v = moved.find(gen::han_key(first, 0x4E00 + second));
            all = all && v && *v == static_cast<int>(first * 100 + second);
        }
    CHECK(all);
    CHECK(*moved.find(gen::han_key(0x4E00, 0)) == 0x4E00 * 100 + 1);
    CHECK(moved.find(gen::han_key(0x4E00 + 60, 0)) == nullptr);
    std::size_t visited = 0;
    moved.each([&](std::uint64_t, const int&) { ++visited; });
    CHECK(visited == 3600);
}

TEST_CASE("a number in a file written in pieces is reported at its line and column in the file") {
    const std::set<std::string> none;
    common::Diagnostics diags;
    gen::PersonalDataCheck check(none, diags);
    common::LineCol at;
    at = check.scan_output_piece("search/index.json", "{\"docs\":[[\"甲乙\"]", at);
    CHECK(at.line == 1);
    CHECK(at.col == 16);  // the next piece starts after its 15 characters
    at = check.scan_output_piece("search/index.json", ",[\"丙 13912345678\"]\n,[\"0730-8805708\"]", at);
    CHECK(at.line == 2);
    const auto found = diags.sorted();
    REQUIRE(found.size() == 2);
    CHECK(found[0].path == "public/search/index.json");
    CHECK(found[0].line == 1);
    CHECK(found[0].col == 21);  // where a scan of the whole file puts it: after 15 + 5 characters
    CHECK(found[0].message.find("mobile number 13912345678") != std::string::npos);
    CHECK(found[1].line == 2);
    CHECK(found[1].col == 4);
}
