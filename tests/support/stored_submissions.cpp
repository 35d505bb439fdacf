#include "support/stored_submissions.hpp"

#include <fstream>

#include "collector/store_from_files.hpp"
#include "support/tiny_site.hpp"

namespace testing {

common::StoredVersion submission(const std::string& form, const std::string& unit, const std::string& received_at,
                                 std::map<std::string, std::string> fields) {
    common::StoredVersion r;
    r.receipt = "20200101-test00";
    r.form = form;
    r.call = "test-call";
    r.unit = unit;
    r.received_at = received_at;
    r.privacy_notice = "test-notice";
    r.fields = std::move(fields);
    return r;
}

int write_submission(const std::filesystem::path& data_dir, const common::StoredVersion& record, const std::vector<Upload>& uploads) {
    const TempDir scratch;
    std::vector<collector::LocalUpload> local;
    for (const Upload& u : uploads) {
        local.push_back({u.field, u.original_name, scratch.path() / u.field});
        std::ofstream(local.back().path, std::ios::binary) << u.bytes;
    }
    collector::SubmissionStore store(data_dir);
    return collector::store_from_files(store, record, local);
}

}  // namespace testing
