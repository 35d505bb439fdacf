// The bundled site, built from the repository's content/, data/ and themes/,
// checked against the two source notices in shared/seeds/.

#include <catch2/catch.hpp>

#include <regex>

#include "common/text.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;
using testing::read_file;

namespace {

std::string without_whitespace(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (s.compare(i, 3, "\xE3\x80\x80") == 0) {  // ideographic space
            i += 2;
            continue;
        }
        out += s[i];
    }
    return out;
}

// What a reader sees: the text of every page, tags removed, entities decoded.
std::string visible_text(const std::map<std::string, std::string>& files) {
    std::string all;
    for (const auto& [path, bytes] : files) {
        if (!common::ends_with(path, ".html")) continue;
        std::string text = std::regex_replace(bytes, std::regex("<[^>]*>"), "");
        for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
                 {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
            for (std::size_t p = 0; (p = text.find(from, p)) != std::string::npos; ++p) text.replace(p, from.size(), to);
        }
        all += without_whitespace(text) + "\n";
    }
    return all;
}

// Sentences and table cells of a seed, Word residue removed.
std::vector<std::string> seed_fragments(const std::string& seed) {
    std::string text = seed;
    const std::string residue = "[bookmark: _GoBack]";
    for (std::size_t p; (p = text.find(residue)) != std::string::npos;) text.erase(p, residue.size());
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string f = without_whitespace(current);
        current.clear();
        while (!f.empty() && (f.back() == ':' || f.compare(f.size() >= 3 ? f.size() - 3 : 0, 3, "：") == 0))
            f.erase(f.back() == ':' ? f.size() - 1 : f.size() - 3);
        if (f.size() > 3) out.push_back(f);
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            flush();
            continue;
        }
        current += text[i];
        for (const char* stop : {"。", "；", "！", "？"}) {
            const std::string s = stop;
            if (common::ends_with(current, s)) flush();
        }
    }
    flush();
    return out;
}

struct BundledSite {
    testing::TempDir dir;
    gen::BuildResult result;
    std::map<std::string, std::string> files;
    BundledSite() {
        gen::BuildOptions o;
        o.site = REPO_ROOT;
        o.out = dir.path() / "public";
        result = gen::build_site(o);
        if (result.errors.empty()) files = testing::read_tree(o.out);
    }
};

const BundledSite& bundled() {
    static const BundledSite site;
    return site;
}

}  // namespace

TEST_CASE("the bundled site builds without errors") {
    INFO(testing::errors_text(bundled().result));
    REQUIRE(bundled().result.errors.empty());
    CHECK(bundled().files.count("index.html"));
    CHECK(bundled().files.count("404.html"));
    CHECK(bundled().files.count("feed.xml"));
    CHECK(bundled().files.count("sitemap.xml"));
}

TEST_CASE("every sentence of both seed notices is on the site") {
    REQUIRE(bundled().result.errors.empty());
    const std::string site = visible_text(bundled().files);
    // Layout decisions that change the printed text, each on purpose:
    // the per-year pages print their year where the paper form has a blank,
    // and the yearly plan table's corner cell "年份/项目" is replaced by the year.
    const std::vector<std::string> by_design = {"一、教育信息化试点项目建设年度计划（年）", "二、教育信息化试点项目建设经费预算表（年）", "年份", "项目"};
    int checked = 0;
    std::vector<std::string> missing;
    for (const char* seed : {"000_529d38349907b614.txt", "001_212054259da4410f.txt"}) {
        for (const std::string& fragment : seed_fragments(read_file(fs::path(SHARED_DIR) / "seeds" / seed))) {
            ++checked;
            if (site.find(fragment) != std::string::npos) continue;
            if (std::find(by_design.begin(), by_design.end(), fragment) != by_design.end()) continue;
            missing.push_back(fragment);
        }
    }
    std::string report;
    for (const auto& m : missing) report += m + "\n";
    INFO("missing:\n" << report);
    CHECK(checked > 200);
    CHECK(missing.empty());
}

TEST_CASE("the quota table lists 13 units summing to the computed total of 20") {
    const std::string& page = bundled().files.at("quotas/2019/index.html");
    const std::regex row(R"re(<tr id="row-\d+"><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>)re");
    int rows = 0, sum = 0;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), row); it != std::sregex_iterator(); ++it) {
        const std::string unit = (*it)[1];
        const int quota = std::stoi((*it)[2]);
        if (unit == "全市") {
            CHECK(quota == 20);
            continue;
        }
        ++rows;
        sum += quota;
    }
    CHECK(rows == 13);
    CHECK(sum == 20);
    CHECK(page.find("<tfoot><tr><th scope=\"row\">全市</th><td class=\"num\">20</td></tr></tfoot>") != std::string::npos);
    const std::string& csv = bundled().files.at("quotas/2019/quota-2019.csv");
    CHECK(csv.compare(0, 3, "\xEF\xBB\xBF") == 0);
    CHECK(csv.find("平江县,2\r\n") != std::string::npos);
    CHECK(csv.find("全市,20\r\n") != std::string::npos);
}

TEST_CASE("the topic guide has its 4 topics with conditions and directions") {
    const std::string& page = bundled().files.at("topics/2019/index.html");
    for (const char* t : {"一、数字校园建设与创新应用探索", "二、智慧教育实践与探究", "三、人工智能在教育教学中的创新应用探索",
                          "四、网络学习空间促进师生信息素养提升策略研究"})
        CHECK(page.find(std::string("<h2>") + t + "</h2>") != std::string::npos);
    const std::regex conditions("<p>试点条件：");
    CHECK(std::distance(std::sregex_iterator(page.begin(), page.end(), conditions), std::sregex_iterator()) == 4);
    CHECK(page.find("申报对象：学校") != std::string::npos);
}

TEST_CASE("the published list has its 10 units") {
    const std::string& page = bundled().files.at("lists/2020/index.html");
    const std::regex unit(R"re(<tr id="entry-\d+"><th scope="row">([^<]+)</th><td>)re");
    CHECK(std::distance(std::sregex_iterator(page.begin(), page.end(), unit), std::sregex_iterator()) == 10);
    CHECK(page.find("<tr id=\"entry-1\"><th scope=\"row\">汨罗市正则学校</th><td>智慧教育实践与探究</td><td>何发意</td></tr>") != std::string::npos);
    CHECK(page.find("数字校园环境下学校智慧教育平台综合应用探索与实践") != std::string::npos);
}

TEST_CASE("each notice lists its attachments under the names of its 附件说明, each leading to a page") {
    const auto& files = bundled().files;
    const std::string& call = files.at("notices/2019-pilot-call/index.html");
    const std::string& list = files.at("notices/2021-pilot-list-2020/index.html");
    const std::regex link(R"re(<li value="(\d)"><span class="att-number">\d\.</span><a href="/jytyj/xxh/([^"]+)">([^<]+)</a>)re");
    auto attachments = [&](const std::string& page) {
        std::vector<std::pair<std::string, std::string>> out;
        for (auto it = std::sregex_iterator(page.begin(), page.end(), link); it != std::sregex_iterator(); ++it)
            out.emplace_back((*it)[2], (*it)[3]);
        return out;
    };
    const auto a = attachments(call);
    REQUIRE(a.size() == 5);
    CHECK(a[0].second == "2019年岳阳市教育信息化创新试点项目申报名额分配表");
    CHECK(a[4].second == "2019年XXXX教育信息化创新试点工作方案（提纲）");
    const auto b = attachments(list);
    REQUIRE(b.size() == 2);
    CHECK(b[0].second == "2020年度岳阳市教育信息化试点项目单位名单");
    CHECK(b[1].second == "岳阳市教育信息化试点项目计划任务书");
    for (const auto& [url, title] : a) CHECK(files.count(url + "index.html"));
    for (const auto& [url, title] : b) CHECK(files.count(url + "index.html"));
    // Downloads show their type and size.
    CHECK(call.find("下载（CSV，") != std::string::npos);
}

TEST_CASE("notice pages carry the official structure and metadata") {
    const std::string& call = bundled().files.at("notices/2019-pilot-call/index.html");
    CHECK(call.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(call.find("<p class=\"issuer\">岳阳市教育体育局</p>") != std::string::npos);
    CHECK(call.find("<h1 class=\"doc-title\">关于申报2019年岳阳市教育信息化创新试点项目的通知</h1>") != std::string::npos);
    CHECK(call.find("<h2>一、申报范围</h2>") != std::string::npos);
    CHECK(call.find("<th scope=\"row\">发文字号</th><td>—</td>") != std::string::npos);
    CHECK(call.find("<th scope=\"row\">成文日期</th><td>2019年6月20日</td>") != std::string::npos);
    CHECK(call.find("<p class=\"doc-date\"><time datetime=\"2019-06-20\">2019年6月20日</time></p>") != std::string::npos);
}

TEST_CASE("the home page shows the task-book call open and the 2019 call closed as of the newest notice") {
    const std::string& home = bundled().files.at("index.html");
    const auto open = home.find("id=\"open-calls\"");
    const auto closed = home.find("id=\"closed-calls\"");
    const auto task_book = home.find("关于公布2020年度“岳阳市教育信息化试点项目”名单的通知");
    const auto call = home.find("关于申报2019年岳阳市教育信息化创新试点项目的通知", closed);
    REQUIRE(open != std::string::npos);
    CHECK(task_book > open);
    CHECK(task_book < closed);
    CHECK(call != std::string::npos);
    CHECK(home.find("2021年1月18日") != std::string::npos);
}

TEST_CASE("every form is a printable page with its labels") {
    const auto& files = bundled().files;
    const std::string& application = files.at("forms/application-2019/index.html");
    CHECK(application.find("试点实施方案要点（1000字以内，可另附页）") != std::string::npos);
    const std::string& task_book = files.at("forms/task-book-2020/index.html");
    for (const char* year : {"2021", "2022", "2023"})
        CHECK(task_book.find(std::string("一、教育信息化试点项目建设年度计划（") + year + "年）") != std::string::npos);
    CHECK(task_book.find("所需经费（万元）") != std::string::npos);
    CHECK(files.count("forms/work-plan-2019/index.html"));
    CHECK(files.count("forms/summary-2019/index.html"));
    CHECK(files.at("404.html").find("页面未找到") != std::string::npos);
}

TEST_CASE("no mobile number or personal contact reaches the bundled site") {
    const std::regex mobile(R"re((^|[^0-9])1[3-9][0-9]{9}([^0-9]|$))re");
    for (const auto& [path, bytes] : bundled().files) {
        INFO(path);
        CHECK_FALSE(std::regex_search(bytes, mobile));
    }
}
