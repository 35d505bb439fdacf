#include "generator/gov_views.hpp"

#include <map>

#include "common/urls.hpp"
#include "generator/leave_links.hpp"

namespace gen {
namespace {

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

}  // namespace

void set_government_head(const ViewContext& ctx, View& v, const PageHead& page) {
    const Config& c = ctx.site.config;
    v.set("site_domain", url_host(c.origin));
    if (!c.codes.site_id.empty()) v.set("site_id", c.codes.site_id);
    if (!page.column.empty()) v.set("column", page.column);
    if (const Notice* n = page.article) {
        View a("title", n->title);
        a.set("pub_date", n->published.minute());
        a.set("source", n->issuer);
        if (!n->keywords.empty()) a.set("keywords", joined(n->keywords, ","));
        v.set("article", a);
    }
    if (!page.description.empty()) v.set("description", page.description);
    v.set("noindex", page.noindex);
    v.set("elder_url", href(ctx, common::mode_url(true)));
    v.set("standard_url", href(ctx, common::mode_url(false)));
}

void set_government_footer(const ViewContext& ctx, View& v) {
    const SiteCodes& codes = ctx.site.config.codes;
    v.set("sitemap_url", href(ctx, kSiteMapUrl));
    if (codes.site_id.empty() && codes.icp.empty() && codes.police.empty()) return;
    View c;
    if (!codes.site_id.empty()) c.set("site_id", codes.site_id);
    if (!codes.icp.empty()) {
        c.set("icp", codes.icp);
        c.set("icp_url", kIcpFilingSite);
    }
    if (!codes.police.empty()) {
        c.set("police", codes.police);
        c.set("police_url", kPoliceFilingSite + codes.police_record);
    }
    v.set("site_codes", c);
}

View site_map_view(const ViewContext& ctx, const std::vector<PageJob>& pages) {
    std::map<int, std::pair<std::string, List>> by_place;  // 栏目 by their place on the 网站地图
    for (const PageJob& p : pages) {
        if (!p.kind->listed || p.kind->column.empty()) continue;
        View item("title", p.title);
        item.set("url", href(ctx, p.url));
        if (p.article) {
            item.set("date", p.article->published.zh());
            item.set("date_iso", p.article->published.iso());
        }
        by_place.try_emplace(p.kind->map_place, p.kind->column, list()).first->second.second << item;
    }
    List columns(List::type::list);
    for (const auto& [place, column] : by_place) {
        View col("name", column.first);
        col.set("anchor", common::item_anchor("column", static_cast<std::size_t>(place)));
        col.set("pages", column.second);
        columns << col;
    }
    View v("title", "网站地图");
    v.set("columns", columns);
    return v;
}

View leave_view(const ViewContext& ctx, const std::string& destination) {
    View v("title", "即将离开本站");
    v.set("destination", destination);
    v.set("host", url_host(destination));
    v.set("site_title", ctx.site.info.site_title);
    v.set("host_unit", ctx.site.info.host_unit);
    v.set("home_url", href(ctx, ""));
    return v;
}

View mode_view(const ViewContext& ctx, bool elder) {
    View v("title", elder ? "长者模式" : "标准模式");
    v.set("elder", elder);
    v.set("home_url", href(ctx, ""));
    return v;
}

}  // namespace gen
