#pragma once
// The collector's data directory, the only contract between the collector
// and the generator besides the records themselves. Every path under it is
// built here:
//
//   submissions/<form>/<unit>/vNNNN/submission.json   a stored version, beside its uploads
//   acts/<call>/NNNNNN.json                           an act of the review chain, numbered in order
//   .incoming/                                        uploads being assembled (not in git)
//   .incoming/uploads/<ID>.part  <ID>.json            a resumable upload (tus) and who may use it, kept across
//                                                     restarts until a submission takes it or it expires
//   .collector.lock  .gitignore  audit.log
//   access/codes/<ID>.json                            a unit's access code: its unit and the Argon2id hash of its
//                                                     secret, named by the code's public lookup id
//   access/staff/<login>.json                         a city staff account: login, name (personal data,
//                                                     never read by the generator), role, password hash

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace common {

// A kind of record stored in versions: where it lives and which format this
// program writes. A review record (a county's 意见, an expert's scores) is
// one more row; a change to a record's keys raises `format` and reads the
// older formats through a migration.
struct RecordKind {
    const char* name;    // as messages name it
    const char* folder;  // under the data directory
    const char* file;    // in each version's directory; empty when each record is a file of its own
    int format;          // the current format
};

inline constexpr RecordKind kRecordKinds[] = {
    {"submission", "submissions", "submission.json", 2},
    {"act", "acts", "", 2},
};
inline constexpr const RecordKind& kSubmissionRecord = kRecordKinds[0];
inline constexpr const RecordKind& kActRecord = kRecordKinds[1];

std::string version_name(int version);                       // 3 -> "v0003"
std::optional<int> parse_version_name(const std::string& name);  // "v0003" -> 3; nothing for any other name

// One stored version of a record of some kind.
struct VersionKey {
    std::string form, unit;
    int version = 0;

    std::string shown() const;  // "application-2019/pingjiang-yi/v0003", as people and messages name it
    bool operator==(const VersionKey& o) const { return form == o.form && unit == o.unit && version == o.version; }
    bool operator!=(const VersionKey& o) const { return !(*this == o); }
};

// A stored version with the kind of its record.
struct RecordVersion {
    const RecordKind* kind;
    VersionKey key;
};

// One act of a call's review chain.
struct ActKey {
    std::string call;
    int number = 0;
};

class DataLayout {
public:
    explicit DataLayout(std::filesystem::path root) : root_(std::move(root)) {}
    const std::filesystem::path& root() const { return root_; }

    std::filesystem::path records(const RecordKind& kind) const { return root_ / kind.folder; }
    std::filesystem::path unit_dir(const RecordKind& kind, const std::string& form, const std::string& unit) const;
    std::filesystem::path version_dir(const RecordKind& kind, const VersionKey& key) const;
    std::filesystem::path record_file(const RecordKind& kind, const VersionKey& key) const;
    // An upload stored with a submission, under the name the collector chose.
    std::filesystem::path upload(const VersionKey& key, const std::string& name) const;

    // The acts of a call, one file each, numbered from 1 in the order they were taken.
    std::filesystem::path acts_dir(const std::string& call) const { return records(kActRecord) / call; }
    std::filesystem::path act_file(const std::string& call, int number) const;
    static std::string act_repo_path(const std::string& call, int number);
    std::vector<int> act_numbers(const std::string& call) const;  // ascending

    std::filesystem::path incoming() const { return root_ / ".incoming"; }
    // Inside incoming(), so ignored by git as it is, but kept when a restart clears the rest.
    std::filesystem::path resumable_uploads() const { return incoming() / "uploads"; }
    std::filesystem::path resumable_part(const std::string& id) const { return resumable_uploads() / (id + ".part"); }
    std::filesystem::path resumable_info(const std::string& id) const { return resumable_uploads() / (id + ".json"); }
    std::filesystem::path lock_file() const { return root_ / ".collector.lock"; }
    std::filesystem::path gitignore() const { return root_ / ".gitignore"; }
    std::filesystem::path audit_log() const { return root_ / kAuditLog; }
    std::filesystem::path access_dir() const { return root_ / kAccessDir; }
    std::filesystem::path access_codes() const { return access_dir() / "codes"; }
    std::filesystem::path access_code(const std::string& lookup_id) const { return access_codes() / (lookup_id + ".json"); }
    std::filesystem::path staff_accounts() const { return access_dir() / "staff"; }
    std::filesystem::path staff_account(const std::string& login) const { return root_ / staff_account_repo_path(login); }
    static std::string staff_account_repo_path(const std::string& login) { return std::string(kAccessDir) + "/staff/" + login + ".json"; }

    // What git must never hold: uploads in progress, temporary files, the lock.
    static const char* gitignore_text() { return ".incoming/\n.*.tmp-*\n.collector.lock\n"; }
    // Paths relative to the root, as git stages them.
    static constexpr const char* kAuditLog = "audit.log";
    static constexpr const char* kAccessDir = "access";
    static std::string repo_path(const RecordKind& kind, const VersionKey& key);
    // The version a path relative to the root lies in (its directory or a
    // file under it: "submissions/a/u/v0002/plan.pdf"), or nothing.
    static std::optional<RecordVersion> version_at(const std::string& repo_path);
    // The act a path relative to the root is ("acts/pilot-2019/000003.json"), or nothing.
    static std::optional<ActKey> act_at(const std::string& repo_path);
    // The record a path relative to the root belongs to, named by its
    // version's directory or its act's file; nothing outside the records.
    static std::optional<std::string> record_at(const std::string& repo_path);

    // The versions of one form and unit, ascending; other names are ignored.
    std::vector<int> versions(const RecordKind& kind, const std::string& form, const std::string& unit) const;
    // Every stored version of a kind, by form, unit and version.
    std::vector<VersionKey> versions(const RecordKind& kind) const;

private:
    std::filesystem::path root_;
};

}  // namespace common
