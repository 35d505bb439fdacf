#include "collector/record_check.hpp"

#include <fstream>

#include "collector/file_sink.hpp"
#include "common/stored_version.hpp"

namespace collector {
namespace fs = std::filesystem;

namespace {

// Empty when the upload is as its record says; else what differs.
std::string upload_problem(const fs::path& file, const common::StoredFile& expected) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) return "missing upload " + expected.name;
    if (size != expected.bytes) return "upload " + expected.name + " has " + std::to_string(size) + " bytes, its record says " + std::to_string(expected.bytes);
    if (sha256_of_file(file) != expected.sha256) return "upload " + expected.name + " does not match its SHA-256";
    return {};
}

}  // namespace

void list_records(const common::DataLayout& layout, const common::DataKeys* keys, bool verify, std::ostream& out, common::Diagnostics& diags) {
    for (const common::StoredVersion& r : common::load_stored_versions(layout, keys, diags)) {
        const fs::path record = layout.record_file(common::kSubmissionRecord, r.key());
        bool sound = true;
        for (const common::StoredFile& f : verify ? r.files : std::vector<common::StoredFile>{}) {
            const std::string problem = upload_problem(layout.upload(r.key(), f.name), f);
            if (!problem.empty()) diags.add(record.string(), 0, 0, problem);
            sound = sound && problem.empty();
        }
        if (!sound) continue;
        nlohmann::json line = common::to_json(r);
        line["dir"] = record.parent_path().string();
        out << line.dump() << '\n';
    }
}

}  // namespace collector
