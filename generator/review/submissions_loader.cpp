#include "generator/review/submissions_loader.hpp"

#include "common/data_layout.hpp"
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
    for (const common::VersionKey& key : layout.versions(kind)) {
        const fs::path file = layout.record_file(kind, key);
        try {
            const common::JsonFile f = common::load_json(file, file.string());
            Submission s{common::read_stored_version(f), key.form + "/" + key.unit + "/" + common::version_name(key.version)};
            // The uploads are found through the record's key: it must be where it is.
            if (s.form != key.form || s.unit != key.unit || s.version != key.version)
                f.fail_at("", "the record is of " + s.form + "/" + s.unit + "/" + common::version_name(s.version) + ", but it is stored as " +
                                  s.source);
            site.submissions.push_back(std::move(s));
        } catch (const common::SourceError& e) {
            diags.add(e.diagnostic());
        }
    }
}

}  // namespace gen
