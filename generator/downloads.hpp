#pragma once
// Files generated from data/ for people to download beside its pages.

#include <map>
#include <string>
#include <vector>

#include "generator/site_model.hpp"

namespace gen {

// Keyed by the URL path of the page they belong to.
std::map<std::string, std::vector<Download>> make_downloads(const Site& site);

// 成文日期 (YYYY-MM-DD) of the earliest notice attaching the page, empty if none does.
std::string citing_date(const Site& site, const std::string& page_url);

// "12 B", "3.4 KB", "1.2 MB": sizes as the download links show them.
std::string human_size(unsigned long long bytes);

// Upper-case extension of a path, "FILE" if it has none: the type shown on links.
std::string file_type(const std::string& path);

}  // namespace gen
