#pragma once
// Every page the generator writes, planned before any is rendered: the
// 网站地图 lists them, links to them are checked against them, and each
// page's 栏目 (ColumnName in its head, 政府网站网页设计规范) is fixed here.

#include <string>
#include <vector>

#include "generator/site_model.hpp"

namespace gen {

enum class PageKind {
    home, notice_index, notice, quota, topics, list, form, online_form, call_status, search, site_map, not_found, mode
};

struct PageJob {
    PageKind kind;
    std::size_t index;   // into the model's vector for its kind (mode: 0 elder, 1 standard)
    std::string url;     // site-relative URL path
    std::string source;  // shown in messages about this page
    std::string title;   // its <title> and its name on the 网站地图
    std::string column;  // 栏目; empty for pages outside the site's sections
    std::string tmpl;    // the theme's template that renders it
};

// The 栏目 in the order the 网站地图 shows them.
const std::vector<std::string>& site_columns();

// Every template the generator renders; a theme must provide them all.
const std::vector<std::string>& required_templates();

// The site's pages, in a fixed order. `theme_dir` is "themes/NAME/templates/".
std::vector<PageJob> plan_pages(const Site& site, const std::string& theme_dir);

// Whether a page is listed on the 网站地图 and in sitemap.xml: the 404 page
// and the 长者模式 fallbacks are not content.
bool is_listed(const PageJob& job);

}  // namespace gen
