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
    collector::SubmissionStore store(data_dir, keys_beside(data_dir));
    return collector::store_from_files(store, record, local);
}

common::Act county_opinion(const std::string& call, const common::Actor& county, const common::VersionKey& target, const std::string& leader,
                           int number) {
    common::Act a;
    a.number = number;
    a.call = call;
    a.at = "2020-04-06T09:00:00+08:00";
    a.actor = county;
    a.target = target;
    a.recommend = true;
    a.text = "同意推荐";
    a.leader = leader;
    return a;
}

void write_act(const std::filesystem::path& data_dir, const common::Act& act) {
    const common::DataLayout layout(data_dir);
    std::filesystem::create_directories(layout.acts_dir(act.call));
    std::ofstream(layout.act_file(act.call, act.number)) << common::to_json(act).dump(2) << "\n";
}

}  // namespace testing
