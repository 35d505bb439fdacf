#include "generator/sitemap.hpp"

#include "common/text.hpp"

namespace gen {

std::string make_sitemap(const Site& site, const std::vector<SitemapEntry>& pages) {
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const auto& p : pages) {
        x += "  <url><loc>" + common::escape_markup(site.config.base_url + p.url) + "</loc>";
        if (!p.lastmod.empty()) x += "<lastmod>" + p.lastmod + "</lastmod>";
        x += "</url>\n";
    }
    x += "</urlset>\n";
    return x;
}

}  // namespace gen
