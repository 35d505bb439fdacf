#pragma once
// Every page the generator writes, planned before any is rendered: the
// 网站地图 lists them, links to them are checked against them, and each
// page's 栏目 (ColumnName in its head, 政府网站网页设计规范) is fixed by its kind.

#include <functional>
#include <string>
#include <vector>

#include "generator/site_model.hpp"
#include "generator/views.hpp"

namespace gen {

struct PageKind;

// One page of a kind, as its kind enumerates it from the model.
struct PageInstance {
    std::size_t index;   // into the model's vector for its kind (mode: 0 elder, 1 standard)
    std::string url;     // site-relative URL path
    std::string source;  // shown in messages about this page
    std::string title;   // its <title> and its name on the 网站地图
    const Notice* article = nullptr;  // notice pages: the head's article tags, the date it is listed with
};

struct PageJob : PageInstance {
    const PageKind* kind;
};

// A row of the registry of page kinds (page_kinds.hpp): a new kind is one
// row, one view and one template.
struct PageKind {
    std::string name;
    std::string tmpl;    // the theme's template that renders its content
    std::string column;  // 栏目; empty for pages outside the site's sections
    int map_place = 0;   // the 栏目's place on the 网站地图, which also names its anchor
    bool listed = true;  // on the 网站地图 and in sitemap.xml (the 404 page and the 长者模式 fallbacks are no content)
    bool noindex = false;
    std::string script;  // the page's own script under the site root, if any
    std::function<View(const ViewContext& ctx, const PageJob& job, const std::vector<PageJob>& pages)> view;
    // `theme_dir` ("themes/NAME/templates/") names the source of pages made from a template alone.
    std::function<std::vector<PageInstance>(const Site& site, const std::string& theme_dir)> pages;
    // Each page follows the page of this kind with the same index (an online
    // form after its form) instead of coming after all of them.
    std::string follows;
};

using PageKinds = std::vector<PageKind>;

// Every template the public site's pages render with these kinds: the layout and each kind's.
std::vector<std::string> page_templates(const PageKinds& kinds);
// Those and the internal review site's: a theme must provide them all.
std::vector<std::string> required_templates(const PageKinds& kinds);

// The site's pages: kind by kind in the registry's order, each kind's in its model's order.
std::vector<PageJob> plan_pages(const Site& site, const PageKinds& kinds, const std::string& theme_dir);

}  // namespace gen
