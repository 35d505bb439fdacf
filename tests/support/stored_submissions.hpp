#pragma once
// Collector data directories for tests, written with the collector's own
// store: records come out with exactly the keys and format it writes.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/review_act.hpp"
#include "common/stored_version.hpp"

namespace testing {

// The key directory write_submission uses for a data directory: beside it, never in it.
inline std::filesystem::path keys_beside(const std::filesystem::path& data_dir) { return data_dir.string() + ".keys"; }

struct Upload {
    std::string field, original_name, bytes;
};

// A record of form and unit; receipt, call and privacy notice are
// placeholders that no generator page shows.
common::StoredVersion submission(const std::string& form, const std::string& unit, const std::string& received_at,
                                 std::map<std::string, std::string> fields = {});

// Stores `record` as the next version of its form and unit in data_dir;
// returns that version.
int write_submission(const std::filesystem::path& data_dir, const common::StoredVersion& record, const std::vector<Upload>& uploads = {});

// A county's recommending opinion on `target`, as act `number` of `call`.
common::Act county_opinion(const std::string& call, const common::Actor& county, const common::VersionKey& target, const std::string& leader,
                           int number = 1);
// Writes `act` where the collector keeps it, in its format.
void write_act(const std::filesystem::path& data_dir, const common::Act& act);

}  // namespace testing
