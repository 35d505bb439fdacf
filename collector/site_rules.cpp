#include "collector/site_rules.hpp"

#include "common/files.hpp"
#include "common/text.hpp"
#include "common/urls.hpp"

namespace collector {
namespace fs = std::filesystem;

int SiteRules::quota_of(const std::string& table, const std::string& county) const {
    const auto it = quotas.find(table);
    if (it == quotas.end()) return -1;
    for (const auto& row : it->second.rows)
        if (row.county_id == county) return row.quota;
    return -1;
}

SiteRules load_site_rules(const fs::path& site_root) {
    const fs::path data = site_root / "data";
    SiteRules r;
    r.units = common::read_units(common::load_json(data / "units.json", "data/units.json"));
    // The site's path and theme, for the collector's own pages.
    if (fs::exists(site_root / "config.json")) {
        const auto config = common::load_json(site_root / "config.json", "config.json");
        std::string origin;
        if (!common::split_base_url(common::require_string(config, config.value, "", "base_url"), origin, r.base_path))
            config.fail_at("/base_url", "base_url must be an absolute http(s) URL such as https://example.gov.cn/path/");
        if (auto theme = common::optional_string(config, config.value, "", "theme"); !theme.empty()) r.theme = theme;
    }
    r.privacy = common::read_privacy(common::load_json(data / "privacy.json", "data/privacy.json"));
    auto each = [&](const std::string& folder, auto&& read) {
        for (const std::string& rel : common::list_files(data / folder)) {
            if (rel.size() < 6 || !common::ends_with(rel, ".json") || rel.find('/') != std::string::npos) continue;
            const std::string key = rel.substr(0, rel.size() - 5);
            read(common::load_json(data / folder / rel, "data/" + folder + "/" + rel), key);
        }
    };
    each("forms", [&](const common::JsonFile& f, const std::string& key) { r.forms.emplace(key, common::parse_form(f, key)); });
    each("calls", [&](const common::JsonFile& f, const std::string& key) { r.calls.push_back(common::read_call(f, key)); });
    each("quotas", [&](const common::JsonFile& f, const std::string& key) { r.quotas.emplace(key, common::read_quota(f, key, r.units)); });
    each("lists", [&](const common::JsonFile& f, const std::string& key) { r.lists.emplace(key, common::read_list(f, key)); });
    return r;
}

}  // namespace collector
