#pragma once
// A stored version of a submission (submission.json), written by the
// collector and read by the generator: the one definition of its keys.
// Reading is strict: a missing, unknown or mistyped key, or a format this
// program does not know, is a SourceError at its line and column.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/data_layout.hpp"
#include "common/diagnostic.hpp"
#include "common/json_file.hpp"

namespace common {

struct StoredFile {
    std::string field;          // the form's file field
    std::string name;           // in the version's directory, chosen by the collector
    std::string original_name;  // as the sender named it; never used as a path
    std::string sha256;
    unsigned long long bytes = 0;
};

// Holds personal data: only the generator's views decide what is published.
struct StoredVersion {
    std::string receipt, form, call, unit;
    int version = 0;
    std::string received_at;     // RFC 3339, Asia/Shanghai
    std::string privacy_notice;  // the version of data/privacy.json the sender agreed to
    std::map<std::string, std::string> fields;
    std::vector<StoredFile> files;

    VersionKey key() const { return {form, unit, version}; }
    // A field's value as sent, or "" when the sender left it out.
    std::string field(const std::string& name) const {
        const auto it = fields.find(name);
        return it == fields.end() ? std::string() : it->second;
    }
};

// In the current format (kSubmissionRecord.format).
nlohmann::json to_json(const StoredVersion& record);
StoredVersion read_stored_version(const JsonFile& file);
StoredVersion load_stored_version(const std::filesystem::path& file, const std::string& shown_path);

// Every stored submission of the data directory, by form, unit and version.
// A record that cannot be read, or that is not where its own key says it
// belongs (its uploads are found through that key), is reported and left out.
std::vector<StoredVersion> load_stored_versions(const DataLayout& layout, Diagnostics& diags);

}  // namespace common
