#pragma once
// The versioned data directory. Each accepted submission becomes a new,
// never-overwritten directory submissions/<form>/<unit>/v<N>/ holding its
// files and submission.json. A version is assembled under .incoming/ and
// renamed into place only when every byte is on disk, so a crash leaves
// the complete version or nothing visible.

#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace collector {

// One upload in progress: a private directory under .incoming/, removed
// unless it is published.
class Staging {
public:
    ~Staging();
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;
    const std::filesystem::path& dir() const { return dir_; }

private:
    friend class SubmissionStore;
    explicit Staging(std::filesystem::path dir);
    std::filesystem::path dir_;
    // Opened before the first byte of the upload is written: syncfs on it
    // reports every write-back error since, including background write-back
    // of a large upload while it was still arriving.
    int fd_ = -1;
    bool published_ = false;
};

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

    std::unique_ptr<Staging> stage();

    // Writes `meta` (with "version" filled in) as submission.json, makes the
    // staged files durable and renames the directory into place as the next
    // version of form/unit. Returns the version number. The rename itself is
    // durable only after sync(): call it before acknowledging, so that one
    // journal commit also covers the audit line written in between.
    int commit(Staging& staged, const std::string& form, const std::string& unit, nlohmann::json meta);
    void sync(const Staging& staged);

    // Directory of a published version.
    std::filesystem::path version_dir(const std::string& form, const std::string& unit, int version) const;

private:
    int lock_fd_ = -1;  // flock on <data>/.collector.lock: one collector per data directory
    std::filesystem::path root_;
    std::filesystem::path incoming_;
};

std::string version_name(int version);  // 3 -> "v0003"

}  // namespace collector
