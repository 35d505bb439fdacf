#pragma once
// The pages the collector shows to browsers (a receipt, a refusal, a
// receipt not found), rendered from the site's theme inside
// collector_layout.mustache, which wears the site's stylesheet and icon.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "collector/site_rules.hpp"
#include "common/diagnostic.hpp"
#include "common/theme.hpp"

namespace collector {

struct ReceiptFile {
    std::string name;
    std::uint64_t bytes = 0;
    std::string sha256;
};

struct Receipt {
    std::string receipt, form_title, unit_name, received_at;
    int version = 0;
    std::vector<ReceiptFile> files;
};

class Pages {
public:
    // Every problem of the theme goes to `diags`: the collector must not start with one.
    Pages(const std::filesystem::path& site_root, const SiteRules& rules, common::Diagnostics& diags);
    Pages(const Pages&) = delete;
    Pages& operator=(const Pages&) = delete;

    std::string receipt(const Receipt& r);
    std::string refused(const std::vector<std::string>& messages);
    std::string receipt_missing();

private:
    std::string page(const std::string& title, const std::string& name, const kainjow::mustache::data& view);

    const std::string base_;
    const common::ThemeSource theme_;
    std::mutex mutex_;  // kainjow's render is not const and the server runs many threads
    common::Templates templates_;
};

}  // namespace collector
