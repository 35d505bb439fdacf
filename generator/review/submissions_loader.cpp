#include "generator/review/submissions_loader.hpp"

#include <unistd.h>

#include "common/data_layout.hpp"
#include "common/data_loader.hpp"
#include "common/files.hpp"
#include "generator/site_config.hpp"
#include "common/review_act.hpp"
#include "common/stored_version.hpp"

namespace gen {
namespace fs = std::filesystem;

void load_submissions(const fs::path& data_dir, Site& site, common::Diagnostics& diags) {
    const common::DataLayout layout(data_dir);
    const auto& kind = common::kSubmissionRecord;
    if (!fs::is_directory(layout.records(kind))) {
        diags.add(data_dir.string(), 0, 0, std::string("not a collector data directory (no ") + kind.folder + "/ folder)");
        return;
    }
    // By form, unit and version, as the views expect.
    for (common::StoredVersion& r : common::load_stored_versions(layout, diags)) {
        std::string source = r.key().shown();
        site.submissions.push_back({std::move(r), std::move(source)});
    }
    for (const Call& call : site.calls) {
        std::vector<common::Act> acts = common::load_acts(layout, call.key, diags);
        if (!acts.empty()) site.acts[call.key] = std::move(acts);
    }
}

const Call* load_call_site(const fs::path& site_dir, const fs::path& data_dir, const std::string& call_key, Site& site,
                           common::Diagnostics& diags) {
    try {
        site.config = load_config(site_dir, "");
    } catch (const common::SourceError& e) {
        diags.add(e.diagnostic());
        return nullptr;
    }
    static_cast<common::SiteData&>(site) = common::load_site_data(site_dir, diags);
    load_submissions(data_dir, site, diags);
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
