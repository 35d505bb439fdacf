#include "generator/review/submissions_loader.hpp"

#include "common/data_layout.hpp"
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

}  // namespace gen
