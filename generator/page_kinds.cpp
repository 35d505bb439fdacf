#include "generator/page_kinds.hpp"

#include "common/urls.hpp"
#include "generator/call_progress.hpp"
#include "generator/gov_views.hpp"
#include "generator/online_form_view.hpp"

namespace gen {
namespace {

// A page made from a template alone: its source is that template.
auto single(std::string url, std::string title, std::string tmpl) {
    return [=](const Site&, const std::string& theme_dir) {
        return std::vector<PageInstance>{{0, url, theme_dir + tmpl + ".mustache", title}};
    };
}

// One page per data document of the model's vector `docs`, at data_url(kind, key).
template <typename Doc>
auto per_doc(std::vector<Doc> common::SiteData::*docs, const char* kind, const char* title_suffix = "") {
    return [=](const Site& site, const std::string&) {
        std::vector<PageInstance> out;
        for (std::size_t i = 0; i < (site.*docs).size(); ++i) {
            const Doc& d = (site.*docs)[i];
            out.push_back({i, common::data_url(kind, d.key), d.source, d.title + title_suffix});
        }
        return out;
    };
}

std::vector<PageInstance> home_pages(const Site& site, const std::string& theme_dir) {
    return {{0, "", theme_dir + "home.mustache", site.info.site_title}};
}

std::vector<PageInstance> notice_pages(const Site& site, const std::string&) {
    std::vector<PageInstance> out;
    for (std::size_t i = 0; i < site.notices.size(); ++i) {
        const Notice& n = site.notices[i];
        out.push_back({i, common::notice_url(n.slug), n.source, n.title, &n});
    }
    return out;
}

std::vector<PageInstance> form_pages(const Site& site, const std::string&) {
    std::vector<PageInstance> out;
    for (std::size_t i = 0; i < site.forms.size(); ++i)
        out.push_back({i, common::data_url("forms", site.forms[i].key), site.forms[i].source, site.forms[i].form.title});
    return out;
}

std::vector<PageInstance> online_form_pages(const Site& site, const std::string&) {
    std::vector<PageInstance> out;
    for (std::size_t i = 0; i < site.forms.size(); ++i) {
        const FormDef& f = site.forms[i];
        if (site.call_taking(f.key)) out.push_back({i, common::online_form_url(f.key), f.source, "在线填报：" + f.form.title});
    }
    return out;
}

std::vector<PageInstance> call_status_pages(const Site& site, const std::string& theme_dir) {
    if (!site.has_submissions) return {};
    return per_doc(&Site::calls, "calls", "受理情况")(site, theme_dir);
}

std::vector<PageInstance> publicity_pages(const Site& site, const std::string&) {
    std::vector<PageInstance> out;
    for (std::size_t i = 0; i < site.calls.size(); ++i)
        if (decision_of(site, site.calls[i])) out.push_back({i, common::publicity_url(site.calls[i].key), site.calls[i].source,
                                                             site.calls[i].title + "拟立项名单公示"});
    return out;
}

// Where each pilot of a list stands, from its registry: only with the collector's records at hand.
std::vector<PageInstance> pilots_pages(const Site& site, const std::string&) {
    std::vector<PageInstance> out;
    if (!site.has_submissions) return out;
    for (std::size_t i = 0; i < site.lists.size(); ++i) {
        const ApprovedList& l = site.lists[i];
        if (task_book_call(site, l.key)) out.push_back({i, common::pilots_url(l.key), l.source, l.title + "试点项目进展"});
    }
    return out;
}

// One page per URL on another host that a page links to, as the plan found them.
std::vector<PageInstance> leave_pages(const Site& site, const std::string&) {
    std::vector<PageInstance> out;
    for (std::size_t i = 0; i < site.destinations.size(); ++i) {
        const std::string& d = site.destinations[i];
        out.push_back({i, common::leave_url(d), "the notice before leaving for " + d, "即将离开本站"});
    }
    return out;
}

std::vector<PageInstance> mode_pages(const Site&, const std::string& theme_dir) {
    const std::string source = theme_dir + "mode.mustache";
    return {{0, common::mode_url(true), source, "长者模式"}, {1, common::mode_url(false), source, "标准模式"}};
}

}  // namespace

const PageKinds& page_kinds() {
    using Pages = std::vector<PageJob>;
    static const PageKinds kinds = {
        {"home", "home", "首页", 0, true, false, "",
         [](const ViewContext& ctx, const PageJob&, const Pages&) { return home_view(ctx); },
         home_pages, ""},
        {"notice_index", "notice_index", "通知公告", 1, true, false, "",
         [](const ViewContext& ctx, const PageJob&, const Pages&) { return notice_index_view(ctx); },
         single("notices/", "通知公告", "notice_index"), ""},
        {"notice", "notice", "通知公告", 1, true, false, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return notice_view(ctx, *job.article, job.article->html()); },
         notice_pages, ""},
        {"quota", "quota", "名额分配", 3, true, false, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return quota_view(ctx, ctx.site.quotas[job.index]); },
         per_doc(&Site::quotas, "quotas"), ""},
        {"topics", "topics", "选题指南", 2, true, false, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return topics_view(ctx, ctx.site.topics[job.index]); },
         per_doc(&Site::topics, "topics"), ""},
        {"list", "list", "公布名单", 4, true, false, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return list_view(ctx, ctx.site.lists[job.index]); },
         per_doc(&Site::lists, "lists"), ""},
        {"pilots", "pilots", "试点项目进展", 4, true, false, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return pilots_view(ctx, ctx.site.lists[job.index]); },
         pilots_pages, "list"},
        {"form", "form", "申报表格", 5, true, false, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return form_view(ctx, ctx.site.forms[job.index]); },
         form_pages, ""},
        {"online_form", "online_form", "在线填报", 6, true, false, "assets/online-form.js",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) {
             const FormDef& f = ctx.site.forms[job.index];
             return online_form_view(ctx, f, *ctx.site.call_taking(f.key));
         },
         online_form_pages, "form"},
        {"call_status", "call_status", "受理情况", 7, true, false, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return call_status_view(ctx, ctx.site.calls[job.index]); },
         call_status_pages, ""},
        {"publicity", "publicity", "网络公示", 7, true, false, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) {
             const Call& call = ctx.site.calls[job.index];
             return publicity_view(ctx, call, *decision_of(ctx.site, call));
         },
         publicity_pages, "call_status"},
        {"search", "search", "站内搜索", 8, true, false, "assets/search.js",
         [](const ViewContext& ctx, const PageJob&, const Pages&) { return search_view(ctx); },
         single("search/", "站内搜索", "search"), ""},
        {"site_map", "site_map", "网站地图", 9, true, false, "",
         [](const ViewContext& ctx, const PageJob&, const Pages& pages) { return site_map_view(ctx, pages); },
         single(kSiteMapUrl, "网站地图", "site_map"), ""},
        {"not_found", "not_found", "", 0, false, false, "",
         [](const ViewContext& ctx, const PageJob&, const Pages&) { return not_found_view(ctx); },
         single("404.html", "页面未找到", "not_found"), ""},
        {"mode", "mode", "", 0, false, true, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return mode_view(ctx, job.index == 0); },
         mode_pages, ""},
        {"leave", "leave", "", 0, false, true, "",
         [](const ViewContext& ctx, const PageJob& job, const Pages&) { return leave_view(ctx, ctx.site.destinations[job.index]); },
         leave_pages, ""},
    };
    return kinds;
}

}  // namespace gen
