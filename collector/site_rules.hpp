#pragma once
// What the collector knows of the site: forms, calls, units, quotas and
// published lists, read from the same data/ the generator publishes.

#include <filesystem>
#include <string>

#include "common/diagnostic.hpp"
#include "common/site_data.hpp"

namespace collector {

struct SiteRules : common::SiteData {
    std::string base_path = "/";    // the site's path (config.json's base_url), where its pages link to
    std::string theme = "default";  // config.json's theme, which the collector's pages wear too
};

// Every problem goes to diags, naming the file and line; the collector must
// not start with any.
SiteRules load_site_rules(const std::filesystem::path& site_root, common::Diagnostics& diags);

}  // namespace collector
