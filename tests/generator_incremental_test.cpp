// The preview's rebuilds (BuildState): after every kind of edit, the output
// updated in place holds exactly what a clean build of the same sources
// writes, file for file and byte for byte.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "generator/build.hpp"
#include "generator/preview/tree_watcher.hpp"

#include "support/tiny_site.hpp"

namespace fs = std::filesystem;
using testing::TinySite;

namespace {

const char* const kSite = R"(-- content/notices/call.md --
---
title: 关于申报试点项目的通知
date: 2020-03-01
category: 通知公告
attachments:
  - title: 名额分配表
    data: quotas/2020.json
  - title: 申请表
    data: forms/apply.json
  - title: 填报说明
    file: /attachments/guide.txt
---

现将有关事项通知如下，详见[旧通知](/notices/old/)。

## 一、申报要求

| 县市区 | 名额 |
| --- | ---: |
| 甲县 | 2 |
-- content/notices/old.md --
---
title: 旧通知
date: 2019-05-01
---
旧通知的正文。
-- content/notices/third.md --
---
title: 第三个通知
date: 2019-06-01
category: 工作动态
---
第三个通知的正文，见[外部网站](https://www.moe.gov.cn/)。
-- content/attachments/guide.txt --
填报说明。
-- data/calls/pilot-2020.json --
{"title": "试点申报", "notice": "call", "deadline": "2020-04-30", "deadline_label": "申报材料", "forms": ["apply"], "quota": "2020"}
-- data/forms/apply.json --
{"title": "申请表", "submitted_by": "school", "blocks": [{"type": "fields", "fields": [
  {"name": "project", "label": "项目名称", "type": "text"}]}]}
-- data/quotas/2020.json --
{"title": "名额分配表", "unit_column": "单位名称", "quota_column": "分配名额",
 "rows": [{"county": "a", "quota": 2}, {"county": "b", "quota": 1}], "total": {"label": "全市"}}
)";

// Every file and directory under dir, by relative path; a directory's
// "bytes" are empty, a file's are its content prefixed so the two never match.
std::map<std::string, std::string> tree_of(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const std::string rel = e.path().lexically_relative(dir).generic_string();
        out[rel] = e.is_directory() ? std::string() : "file:" + testing::read_file(e.path());
    }
    return out;
}

// Each path that `got` lacks, has in excess or holds other bytes for, one a line.
std::string differences(const fs::path& want, const fs::path& got) {
    const auto a = tree_of(want), b = tree_of(got);
    std::ostringstream out;
    for (const auto& [path, bytes] : a) {
        const auto it = b.find(path);
        if (it == b.end()) out << "missing " << path << "\n";
        else if (it->second != bytes) out << "differs " << path << "\n";
    }
    for (const auto& [path, bytes] : b)
        if (!a.count(path)) out << "extra " << path << "\n";
    return out.str();
}

// The site as generator serve sees it: the kernel says what changed
// (inotify, the preview's own watcher), and each build updates one output
// in place from what the last one kept.
class Preview {
public:
    explicit Preview(const TinySite& site) : site_(site), watcher_(site.root()) {}

    // `tell`: pass on what the watcher saw, as the preview does.
    gen::BuildResult rebuild(bool tell = true) {
        const std::set<std::string> changed = watcher_.changes();
        if (tell) state_.forget(changed, site_.root());
        gen::BuildOptions o = site_.options();
        o.out = out();
        return gen::build_site(o, state_);
    }
    fs::path out() const { return dir_.path() / "site"; }

private:
    const TinySite& site_;
    gen::TreeWatcher watcher_;
    gen::BuildState state_;
    testing::TempDir dir_;
};

// Rebuilds in place and cleanly; what differs between the two outputs.
std::string rebuilt_differences(Preview& preview, const TinySite& site) {
    const gen::BuildResult incremental = preview.rebuild();
    INFO(testing::errors_text(incremental));
    REQUIRE(incremental.errors.empty());
    const gen::BuildResult clean = site.build();
    INFO(testing::errors_text(clean));
    REQUIRE(clean.errors.empty());
    return differences(site.out(), preview.out());
}

ino_t inode(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_ino;
}

}  // namespace

TEST_CASE("after every kind of edit the preview's output is byte-identical to a clean build") {
    TinySite site(kSite);
    Preview preview(site);
    CHECK(rebuilt_differences(preview, site) == "");

    SECTION("notices edited, added, renamed and deleted") {
        site.write("-- content/notices/old.md --\n---\ntitle: 旧通知\ndate: 2019-05-01\n---\n旧通知的正文，已修改。\n");
        CHECK(rebuilt_differences(preview, site) == "");
        // Now the newest: first on the home page and in the index, and the day the site shows.
        site.write("-- content/notices/old.md --\n---\ntitle: 改名的通知\ndate: 2020-05-01\n---\n旧通知的正文，已修改。\n");
        CHECK(rebuilt_differences(preview, site) == "");
        site.write("-- content/notices/new.md --\n---\ntitle: 新通知\ndate: 2020-02-01\n---\n见[旧通知](/notices/old/)和[教育部](https://www.example.cn/)。\n");
        CHECK(rebuilt_differences(preview, site) == "");
        fs::rename(site.root() / "content/notices/third.md", site.root() / "content/notices/renamed.md");
        CHECK(rebuilt_differences(preview, site) == "");
        fs::remove(site.root() / "content/notices/renamed.md");
        CHECK(rebuilt_differences(preview, site) == "");
        // The whole folder at once, as a move in a file manager.
        fs::rename(site.root() / "content/notices", site.root() / "content/moved");
        fs::create_directory(site.root() / "content/notices");
        fs::rename(site.root() / "content/moved/call.md", site.root() / "content/notices/call.md");
        fs::rename(site.root() / "content/moved/old.md", site.root() / "content/notices/old.md");
        fs::remove_all(site.root() / "content/moved");
        CHECK(rebuilt_differences(preview, site) == "");
    }
    SECTION("attached files edited, added and deleted") {
        site.write("-- content/attachments/guide.txt --\n填报说明，已补充更多的内容。\n");
        CHECK(rebuilt_differences(preview, site) == "");
        site.write("-- content/attachments/more/extra.txt --\n另一个文件。\n");
        CHECK(rebuilt_differences(preview, site) == "");
        fs::remove_all(site.root() / "content/attachments/more");
        CHECK(rebuilt_differences(preview, site) == "");
    }
    SECTION("data files edited: the quota table, the units, a form and the call") {
        site.write(R"(-- data/quotas/2020.json --
{"title": "名额分配表", "unit_column": "单位名称", "quota_column": "分配名额",
 "rows": [{"county": "a", "quota": 3}, {"county": "b", "quota": 1}], "total": {"label": "全市"}}
)");
        CHECK(rebuilt_differences(preview, site) == "");
        site.write(R"(-- data/units.json --
{"counties": [{"id": "a", "name": "甲县"}, {"id": "b", "name": "乙县"}], "schools": []}
)");
        CHECK(rebuilt_differences(preview, site) == "");
        site.write(R"(-- data/forms/apply.json --
{"title": "试点申请表", "submitted_by": "school", "blocks": [{"type": "fields", "fields": [
  {"name": "project", "label": "试点项目名称", "type": "text"}]}]}
)");
        CHECK(rebuilt_differences(preview, site) == "");
        site.write(R"(-- data/calls/pilot-2020.json --
{"title": "试点申报", "notice": "call", "deadline": "2020-03-10", "deadline_label": "申报材料", "forms": ["apply"], "quota": "2020"}
)");
        CHECK(rebuilt_differences(preview, site) == "");
        site.write(R"(-- data/site.json --
{"bureau": "示例市教育局", "site_title": "示例试点项目", "contacts": []}
)");
        CHECK(rebuilt_differences(preview, site) == "");
    }
    SECTION("a template and config.json edited") {
        const fs::path tmpl = site.root() / "themes/default/templates/notice.mustache";
        std::string text = testing::read_file(tmpl);
        const std::string from = "<caption>文件信息</caption>";
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), "<caption>公文信息</caption>");
        std::ofstream(tmpl, std::ios::binary) << text;
        CHECK(rebuilt_differences(preview, site) == "");
        site.write(R"(-- config.json --
{"base_url": "https://jyj.example.gov.cn/xxh/", "theme": "default", "language": "zh-CN", "today": "2020-03-15", "public_numbers": [],
 "site_codes": {"site_id": "4306000001", "icp": null, "police": null}}
)");
        CHECK(rebuilt_differences(preview, site) == "");
    }
    SECTION("a broken edit changes nothing, and its fix is built as cleanly") {
        const auto before = tree_of(preview.out());
        site.write("-- content/notices/old.md --\n---\ntitle: [旧通知\ndate: 2019-05-01\n---\n正文。\n");
        CHECK_FALSE(preview.rebuild().errors.empty());
        CHECK(tree_of(preview.out()) == before);
        site.write("-- content/notices/old.md --\n---\ntitle: 旧通知\ndate: 2019-05-01\n---\n修好的正文。\n");
        CHECK(rebuilt_differences(preview, site) == "");
    }
}

// The test above could pass with a state that keeps nothing: here what it
// keeps is seen to be used, and the comparison to catch a stale page.
TEST_CASE("a notice edited without telling the state keeps its stale page and the comparison names it") {
    TinySite site(kSite);
    Preview preview(site);
    REQUIRE(preview.rebuild().errors.empty());
    site.write("-- content/notices/old.md --\n---\ntitle: 旧通知\ndate: 2019-05-01\n---\n没有告知的修改。\n");
    REQUIRE(preview.rebuild(false).errors.empty());
    REQUIRE(site.build().errors.empty());
    const std::string found = differences(site.out(), preview.out());
    CHECK(found.find("differs notices/old/index.html\n") != std::string::npos);
    CHECK(found.find("notices/call/") == std::string::npos);
}

TEST_CASE("a body edited renders its notice's page alone and a title edited the pages that list notices too") {
    TinySite site(kSite);
    Preview preview(site);
    const gen::BuildResult first = preview.rebuild();
    REQUIRE(first.errors.empty());
    CHECK(first.rendered == first.pages);

    site.write("-- content/notices/old.md --\n---\ntitle: 旧通知\ndate: 2019-05-01\n---\n只改了正文。\n");
    const gen::BuildResult body = preview.rebuild();
    REQUIRE(body.errors.empty());
    CHECK(body.rendered == 1);
    CHECK(testing::read_file(preview.out() / "notices/old/index.html").find("只改了正文。") != std::string::npos);

    // The notice's page, and every page that lists notices or stands alone.
    site.write("-- content/notices/old.md --\n---\ntitle: 改了标题的通知\ndate: 2019-05-01\n---\n只改了正文。\n");
    const gen::BuildResult title = preview.rebuild();
    REQUIRE(title.errors.empty());
    CHECK(title.rendered == title.pages - 2);  // the two other notices' pages kept
    CHECK(testing::read_file(preview.out() / "notices/index.html").find("改了标题的通知") != std::string::npos);
}

// Links are checked again only when the planned paths changed: a kept
// notice's link to a page now gone is still found.
TEST_CASE("a notice removed breaks the link a kept notice has to it and the rebuild says so") {
    TinySite site(kSite);
    Preview preview(site);
    REQUIRE(preview.rebuild().errors.empty());
    fs::remove(site.root() / "content/notices/old.md");
    const gen::BuildResult broken = preview.rebuild();
    REQUIRE(broken.errors.size() == 1);
    CHECK(broken.errors[0].path == "content/notices/call.md");
    CHECK(broken.errors[0].message == "link to /notices/old/ resolves to nothing on the site");
}

TEST_CASE("an edit rewrites only the files whose bytes changed and removes those no longer made") {
    TinySite site(kSite);
    Preview preview(site);
    REQUIRE(preview.rebuild().errors.empty());
    const fs::path call_page = preview.out() / "notices/call/index.html", old_page = preview.out() / "notices/old/index.html";
    const ino_t call_before = inode(call_page), old_before = inode(old_page);
    site.write("-- content/notices/old.md --\n---\ntitle: 旧通知\ndate: 2019-05-01\n---\n旧通知的正文，已修改。\n");
    REQUIRE(preview.rebuild().errors.empty());
    CHECK(inode(call_page) == call_before);
    CHECK(inode(old_page) != old_before);
    CHECK(testing::read_file(old_page).find("已修改") != std::string::npos);

    fs::remove(site.root() / "content/notices/third.md");
    REQUIRE(preview.rebuild().errors.empty());
    CHECK_FALSE(fs::exists(preview.out() / "notices/third"));
    CHECK(inode(call_page) == call_before);
}

// The preview builds at once when a save's events leave every file whole,
// and waits for more when they do not.
TEST_CASE("the watcher is settled once every file created is closed and every file moved away is back") {
    TinySite site(kSite);
    gen::TreeWatcher watcher(site.root());
    const fs::path notice = site.root() / "content/notices/old.md";

    std::ofstream(notice, std::ios::binary) << "---\ntitle: 旧通知\ndate: 2019-05-01\n---\n改写。\n";
    CHECK(watcher.changes() == std::set<std::string>{"content/notices/old.md"});
    CHECK(watcher.settled());

    // vim's way: the old file moved to a backup, the new one written, the backup removed.
    fs::rename(notice, site.root() / "content/notices/old.md~");
    watcher.changes();
    CHECK_FALSE(watcher.settled());
    {
        std::ofstream out(notice, std::ios::binary);
        out << "---\ntitle: 旧通知\n";
        out.flush();
        watcher.changes();
        CHECK_FALSE(watcher.settled());  // created, not yet closed
        out << "date: 2019-05-01\n---\n再改。\n";
    }
    watcher.changes();
    CHECK(watcher.settled());
    fs::remove(site.root() / "content/notices/old.md~");
    watcher.changes();
    CHECK_FALSE(watcher.settled());
    watcher.built();
    CHECK(watcher.settled());
}
