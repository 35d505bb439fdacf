#include "generator/review/submissions_loader.hpp"

#include <unistd.h>

#include <optional>

#include "common/data_keys.hpp"
#include "common/data_layout.hpp"
#include "common/data_loader.hpp"
#include "common/files.hpp"
#include "generator/site_config.hpp"
#include "common/review_act.hpp"
#include "common/stored_version.hpp"

namespace gen {
namespace fs = std::filesystem;

void load_submissions(const fs::path& data_dir, const fs::path& keys_dir, Site& site, common::Diagnostics& diags) {
    const common::DataLayout layout(data_dir);
    std::optional<common::DataKeys> keys;
    try {
        if (!keys_dir.empty()) keys.emplace(keys_dir, common::DataKeys::existing);
    } catch (const std::runtime_error& e) {
        diags.add(keys_dir.string(), 0, 0, e.what());
        return;
    }
    const auto& kind = common::kSubmissionRecord;
    if (!fs::is_directory(layout.records(kind))) {
        diags.add(data_dir.string(), 0, 0, std::string("not a collector data directory (no ") + kind.folder + "/ folder)");
        return;
    }
    // By form, unit and version, as the views expect.
    for (common::StoredVersion& r : common::load_stored_versions(layout, keys ? &*keys : nullptr, diags)) {
        std::string source = r.key().shown();
        site.submissions.push_back({std::move(r), std::move(source)});
    }
    for (const Call& call : site.calls) {
        std::vector<common::Act> acts = common::load_acts(layout, call.key, keys ? &*keys : nullptr, diags);
        if (!acts.empty()) site.acts[call.key] = std::move(acts);
    }
}

const Call* load_call_site(const CallFiles& files, Site& site, common::Diagnostics& diags) {
    const fs::path& site_dir = files.site;
    const std::string& call_key = files.call;
    try {
        site.config = load_config(site_dir, "");
    } catch (const common::SourceError& e) {
        diags.add(e.diagnostic());
        return nullptr;
    }
    static_cast<common::SiteData&>(site) = common::load_site_data(site_dir, diags);
    load_submissions(files.data, files.keys, site, diags);
    const Call* call = site.call(call_key);
    if (!call) diags.add("--call", 0, 0, "no call \"" + call_key + "\" in data/calls/");
    return diags.empty() ? call : nullptr;
}

void write_whole(const fs::path& path, const std::string& bytes) {
    const fs::path temp = path.string() + ".tmp-" + std::to_string(::getpid());
    try {
        common::write_file(temp, bytes);
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
    fs::rename(temp, path);
}

}  // namespace gen
