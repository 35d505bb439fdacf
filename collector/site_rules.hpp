#pragma once
// What the collector knows of the site: forms, calls, units, quotas and
// published lists, read from the same data/ the generator publishes.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/form_schema.hpp"
#include "common/site_data.hpp"

namespace collector {

struct SiteRules {
    std::map<std::string, common::Form> forms;
    std::vector<common::Call> calls;  // by key
    common::Units units;
    std::map<std::string, common::QuotaTable> quotas;
    std::map<std::string, common::ApprovedList> lists;
    common::PrivacyNotice privacy;  // every submission must name its version
    std::string base_path = "/";    // the site's path (config.json's base_url), where its pages link to
    std::string theme = "default";  // config.json's theme, which the collector's pages wear too

    // The quota of a county in a quota table; -1 if it has none.
    int quota_of(const std::string& table, const std::string& county) const;
};

// Throws common::SourceError naming the file and line of a problem.
SiteRules load_site_rules(const std::filesystem::path& site_root);

}  // namespace collector
