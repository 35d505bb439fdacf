#pragma once
// Model -> Mustache data. Only public fields are copied: nothing marked
// personal, and no field a template does not need.

#include <map>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "generator/site_model.hpp"

namespace gen {

using View = kainjow::mustache::data;
using List = kainjow::mustache::data;

// An empty Mustache list, to append items to with <<.
inline List list() { return List(List::type::list); }

struct ViewContext {
    const Site& site;
    const std::map<std::string, std::vector<Download>>& downloads;  // by page URL
    std::map<std::string, std::vector<const Notice*>> cited_by;     // page URL -> notices attaching it
};

// A site-relative URL as the pages link it: under the base path.
inline std::string href(const ViewContext& ctx, const std::string& url) { return ctx.site.config.base_path + url; }

ViewContext make_view_context(const Site& site, const std::map<std::string, std::vector<Download>>& downloads);

// What the head says about a page beyond its title (政府网站网页设计规范).
struct PageHead {
    std::string url;     // site-relative
    std::string title;
    std::string column;  // 栏目 (ColumnName); empty outside the site's sections
    const Notice* article = nullptr;  // notice pages: ArticleTitle, PubDate, ContentSource, Keywords
    std::string description;          // notice pages: the start of the body
    bool noindex = false;             // pages that are no content of their own
};

// What the layout needs around any page's content.
View layout_view(const ViewContext& ctx, const PageHead& page, const std::string& content);

View home_view(const ViewContext& ctx);
View notice_view(const ViewContext& ctx, const Notice& n, const std::string& body_html);
View notice_index_view(const ViewContext& ctx);
View quota_view(const ViewContext& ctx, const QuotaTable& q);
View topics_view(const ViewContext& ctx, const TopicGuide& g);
View list_view(const ViewContext& ctx, const ApprovedList& l);
View form_view(const ViewContext& ctx, const FormDef& f);
View not_found_view(const ViewContext& ctx);
// The search page: a form that works as a plain GET, and what its script needs.
View search_view(const ViewContext& ctx);
// 受理情况 of a call: counts per county against its quota or list; no names
// of people, no contact details.
View call_status_view(const ViewContext& ctx, const Call& call);
// The 公示 of a call's 拟立项 list, from the city's decision (`decision` is
// that act): units and projects only, the period, how to object.
View publicity_view(const ViewContext& ctx, const Call& call, const common::Act& decision);
// Each pilot of a list and where it stands (立项, task book, checks, 验收): no score, no person.
View pilots_view(const ViewContext& ctx, const ApprovedList& list);

}  // namespace gen
