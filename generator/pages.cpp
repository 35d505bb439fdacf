#include "generator/pages.hpp"

#include "common/urls.hpp"
#include "generator/online_form_view.hpp"
#include "generator/routes.hpp"

namespace gen {

const std::vector<std::string>& site_columns() {
    static const std::vector<std::string> columns = {"首页", "通知公告", "选题指南", "名额分配", "公布名单",
                                                     "申报表格", "在线填报", "受理情况", "站内搜索", "网站地图"};
    return columns;
}

const std::vector<std::string>& required_templates() {
    static const std::vector<std::string> names = {"layout", "home", "notice", "notice_index", "quota", "topics", "list", "form",
                                                   "online_form", "not_found", "call_status", "search", "site_map", "leave", "mode",
                                                   "internal_index", "internal_version"};
    return names;
}

std::vector<PageJob> plan_pages(const Site& site, const std::string& theme_dir) {
    std::vector<PageJob> jobs;
    auto page = [&](PageKind kind, std::size_t index, std::string url, std::string source, std::string title, const char* column,
                    const char* tmpl) {
        jobs.push_back({kind, index, std::move(url), std::move(source), std::move(title), column, tmpl});
    };
    page(PageKind::home, 0, "", theme_dir + "home.mustache", site.info.site_title, "首页", "home");
    page(PageKind::notice_index, 0, "notices/", theme_dir + "notice_index.mustache", "通知公告", "通知公告", "notice_index");
    for (std::size_t i = 0; i < site.notices.size(); ++i) {
        const Notice& n = site.notices[i];
        page(PageKind::notice, i, common::notice_url(n.slug), n.source, n.title, "通知公告", "notice");
    }
    for (std::size_t i = 0; i < site.quotas.size(); ++i)
        page(PageKind::quota, i, common::data_url("quotas", site.quotas[i].key), site.quotas[i].source, site.quotas[i].title, "名额分配", "quota");
    for (std::size_t i = 0; i < site.topics.size(); ++i)
        page(PageKind::topics, i, common::data_url("topics", site.topics[i].key), site.topics[i].source, site.topics[i].title, "选题指南", "topics");
    for (std::size_t i = 0; i < site.lists.size(); ++i)
        page(PageKind::list, i, common::data_url("lists", site.lists[i].key), site.lists[i].source, site.lists[i].title, "公布名单", "list");
    for (std::size_t i = 0; i < site.forms.size(); ++i) {
        const FormPage& f = site.forms[i];
        page(PageKind::form, i, common::data_url("forms", f.key), f.source, f.form.title, "申报表格", "form");
        if (call_taking(site, f.key))
            page(PageKind::online_form, i, common::online_form_url(f.key), f.source, "在线填报：" + f.form.title, "在线填报", "online_form");
    }
    if (site.has_submissions)
        for (std::size_t i = 0; i < site.calls.size(); ++i)
            page(PageKind::call_status, i, common::data_url("calls", site.calls[i].key), site.calls[i].source, site.calls[i].title + "受理情况",
                 "受理情况", "call_status");
    page(PageKind::search, 0, "search/", theme_dir + "search.mustache", "站内搜索", "站内搜索", "search");
    page(PageKind::site_map, 0, "sitemap/", theme_dir + "site_map.mustache", "网站地图", "网站地图", "site_map");
    page(PageKind::not_found, 0, "404.html", theme_dir + "not_found.mustache", "页面未找到", "", "not_found");
    page(PageKind::mode, 0, common::mode_url(true), theme_dir + "mode.mustache", "长者模式", "", "mode");
    page(PageKind::mode, 1, common::mode_url(false), theme_dir + "mode.mustache", "标准模式", "", "mode");
    return jobs;
}

bool is_listed(const PageJob& job) { return job.kind != PageKind::not_found && job.kind != PageKind::mode; }

}  // namespace gen
