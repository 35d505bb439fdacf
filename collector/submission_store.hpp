#pragma once
// The versioned data directory. Each accepted submission becomes a new,
// never-overwritten directory submissions/<form>/<unit>/v<N>/ holding its
// files and submission.json. A version is assembled under .incoming/ and
// renamed into place only when every byte is on disk, so a crash leaves
// the complete version or nothing visible.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace collector {

class SubmissionStore {
public:
    // Takes the data directory for this process alone (throws if another
    // collector holds it), creates the layout if missing and sweeps debris
    // of interrupted uploads.
    explicit SubmissionStore(std::filesystem::path data_dir);
    ~SubmissionStore();
    SubmissionStore(const SubmissionStore&) = delete;
    SubmissionStore& operator=(const SubmissionStore&) = delete;

    const std::filesystem::path& root() const { return root_; }

    // A fresh private directory for one upload in progress.
    std::filesystem::path stage();
    void discard(const std::filesystem::path& staged);

    // Writes `meta` (with "version" filled in) as submission.json, makes the
    // staged files durable and renames the directory into place as the next
    // version of form/unit. Returns the version number. The rename itself is
    // durable only after sync(): call it before acknowledging, so that one
    // journal commit also covers the audit line written in between.
    int commit(const std::filesystem::path& staged, const std::string& form, const std::string& unit, nlohmann::json meta);
    void sync();

    // Directory of a published version.
    std::filesystem::path version_dir(const std::string& form, const std::string& unit, int version) const;

private:
    int lock_fd_ = -1;  // flock on <data>/.collector.lock: one collector per data directory
    std::filesystem::path root_;
    std::filesystem::path incoming_;
};

std::string version_name(int version);  // 3 -> "v0003"

}  // namespace collector
