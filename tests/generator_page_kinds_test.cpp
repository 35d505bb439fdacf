// A page kind is one row of the registry, one view and one template: added
// here through the registry alone, it is rendered, listed and link-checked.

#include <catch2/catch.hpp>

#include "generator/page_kinds.hpp"
#include "support/tiny_site.hpp"

using testing::TinySite;

namespace {

const char* const kReportTemplate = R"(-- themes/default/templates/report.mustache --
<h1>{{title}}</h1>
<p><a href="{{link}}">相关页面</a></p>
)";

// The site's kinds and a 工作报告 page linking to `link`, listed or not.
gen::PageKinds with_report(const std::string& link, bool listed) {
    gen::PageKinds kinds = gen::page_kinds();
    gen::PageKind report;
    report.name = report.tmpl = "report";
    report.column = "工作报告";
    report.map_place = 10;
    report.listed = listed;
    report.view = [link](const gen::ViewContext& ctx, const gen::PageJob& job, const std::vector<gen::PageJob>&) {
        gen::View v("title", job.title);
        v.set("link", gen::href(ctx, link));
        return v;
    };
    report.pages = [](const gen::Site&, const std::string& theme_dir) {
        return std::vector<gen::PageInstance>{{0, "reports/2020/", theme_dir + "report.mustache", "2020年工作报告"}};
    };
    kinds.push_back(report);
    return kinds;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a page kind added through the registry is rendered, listed in both site maps and link-checked") {
    TinySite site(kReportTemplate);

    SECTION("listed") {
        const auto r = gen::build_site(site.options(), with_report("notices/", true));
        INFO(testing::errors_text(r));
        REQUIRE(r.errors.empty());
        const std::string page = site.read("reports/2020/index.html");
        CHECK(has(page, "<h1>2020年工作报告</h1>"));
        CHECK(has(page, "<a href=\"/xxh/notices/\">相关页面</a>"));
        CHECK(has(page, "工作报告"));  // its 栏目, in the head
        CHECK(has(site.read("sitemap.xml"), "<loc>https://jyj.example.gov.cn/xxh/reports/2020/</loc>"));
        const std::string site_map = site.read("sitemap/index.html");
        CHECK(has(site_map, "工作报告"));
        CHECK(has(site_map, "href=\"/xxh/reports/2020/\""));
    }
    SECTION("not listed") {
        const auto r = gen::build_site(site.options(), with_report("notices/", false));
        INFO(testing::errors_text(r));
        REQUIRE(r.errors.empty());
        CHECK(site.exists("reports/2020/index.html"));
        CHECK_FALSE(has(site.read("sitemap.xml"), "reports/2020/"));
        CHECK_FALSE(has(site.read("sitemap/index.html"), "reports/2020/"));
    }
    SECTION("its links are checked against the plan") {
        const auto r = gen::build_site(site.options(), with_report("reports/2019/", true));
        CHECK(has(testing::errors_text(r), "link /xxh/reports/2019/ in public/reports/2020/index.html resolves to nothing on the site"));
        CHECK(has(testing::errors_text(r), "report.mustache"));
    }
}

TEST_CASE("a link to another host that the plan did not foresee is an internal error") {
    TinySite site(kReportTemplate);
    gen::PageKinds kinds = with_report("notices/", true);
    // Made by the view's code, the link is in no source the plan reads.
    kinds.back().view = [](const gen::ViewContext&, const gen::PageJob& job, const std::vector<gen::PageJob>&) {
        gen::View v("title", job.title);
        v.set("link", "https://www.gov.cn/");
        return v;
    };
    const std::string errors = testing::errors_text(gen::build_site(site.options(), kinds));
    CHECK(has(errors, "themes/default/templates/report.mustache: error: internal error: the plan has no leave page for the link to "
                      "https://www.gov.cn/ in public/reports/2020/index.html"));
    CHECK_FALSE(site.exists("reports/2020/index.html"));
}
