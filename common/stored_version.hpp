#pragma once
// A stored version of a submission (submission.json), written by the
// collector and read by the generator: the one definition of its keys.
// Reading is strict: a missing, unknown or mistyped key, or a format this
// program does not know, is a SourceError at its line and column.

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/data_keys.hpp"
#include "common/data_layout.hpp"
#include "common/diagnostic.hpp"
#include "common/json_file.hpp"
#include "common/sealed_members.hpp"

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
    std::map<std::string, std::string> fields;  // personal ones included, as the reader could open them
    std::vector<StoredFile> files;
    // Keys of `fields` that are personal data (FormField::personal): stored
    // sealed under the call's key, and as `sealing` says when read.
    std::set<std::string> personal;
    Sealing sealing = Sealing::none;

    VersionKey key() const { return {form, unit, version}; }
    // A field's value as sent, or "" when the sender left it out.
    std::string field(const std::string& name) const {
        const auto it = fields.find(name);
        return it == fields.end() ? std::string() : it->second;
    }
};

// In the current format (kSubmissionRecord.format), every field in clear:
// the record as a program holds it. What is stored is stored_text().
nlohmann::json to_json(const StoredVersion& record);
// The record as submission.json holds it: its personal fields sealed under its call's key.
std::string stored_text(const StoredVersion& record, DataKeys& keys);

// Format 1 (before sealing) is read as it is, every field in clear. `keys`
// may be null: a reader that must not see personal data (sealed_members.hpp).
StoredVersion read_stored_version(const JsonFile& file, const DataKeys* keys);
StoredVersion load_stored_version(const DataLayout& layout, const VersionKey& key, const DataKeys* keys);

// Every stored submission of the data directory, by form, unit and version.
// A record that cannot be read, or that is not where its own key says it
// belongs (its uploads are found through that key), is reported and left out.
std::vector<StoredVersion> load_stored_versions(const DataLayout& layout, const DataKeys* keys, Diagnostics& diags);

// The keys of `fields` that `form` marks personal, table cells included.
struct Form;
std::set<std::string> personal_keys(const Form& form, const std::map<std::string, std::string>& fields);

}  // namespace common
