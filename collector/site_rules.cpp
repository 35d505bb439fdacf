#include "collector/site_rules.hpp"

#include "common/data_loader.hpp"
#include "common/urls.hpp"

namespace collector {
namespace fs = std::filesystem;

namespace {

// The site's path and theme, for the collector's own pages.
void read_place(const fs::path& site_root, SiteRules& r) {
    if (!fs::exists(site_root / "config.json")) return;
    const auto config = common::load_json(site_root / "config.json", "config.json");
    std::string origin;
    if (!common::split_base_url(common::require_string(config, config.value, "", "base_url"), origin, r.base_path))
        config.fail_at("/base_url", "base_url must be an absolute http(s) URL such as https://example.gov.cn/path/");
    if (auto theme = common::optional_string(config, config.value, "", "theme"); !theme.empty()) r.theme = theme;
}

}  // namespace

SiteRules load_site_rules(const fs::path& site_root, common::Diagnostics& diags) {
    SiteRules r;
    static_cast<common::SiteData&>(r) = common::load_site_data(site_root, diags);
    // Every submission must name the version of the notice it was shown.
    if (r.privacy.version.empty()) diags.add("data/privacy.json", 0, 0, "the collector needs a privacy notice: data/privacy.json is missing");
    try {
        read_place(site_root, r);
    } catch (const common::SourceError& e) {
        diags.add(e.diagnostic());
    }
    return r;
}

}  // namespace collector
