#pragma once

#include <string>
#include <vector>

#include "generator/site_model.hpp"

namespace gen {

struct SitemapEntry {
    std::string url;      // relative to the site root
    std::string lastmod;  // YYYY-MM-DD or empty
};

std::string make_sitemap(const Site& site, const std::vector<SitemapEntry>& pages);

}  // namespace gen
