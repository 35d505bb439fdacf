#pragma once

#include <string>
#include <vector>

namespace gen {

struct PageLink {
    std::string url;     // as written in the page (entities decoded)
    std::string target;  // site-relative path, or empty when it leaves the site
    bool outside_base = false;  // root-relative but not under the base path
};

// Undoes the entities our templates and cmark write in attribute values.
std::string decode_entities(std::string s);

// Every href and src of an HTML page, resolved against the page's URL path.
std::vector<PageLink> page_links(const std::string& html, const std::string& page_url, const std::string& base_path);

}  // namespace gen
