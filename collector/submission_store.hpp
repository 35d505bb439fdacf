#pragma once
// Writing the versioned data directory (common/data_layout.hpp). Each
// accepted submission becomes a new, never-overwritten version directory
// holding its files and its record. A version is assembled under .incoming/
// and renamed into place only when every byte is on disk, so a crash leaves
// the complete version or nothing visible.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "common/data_keys.hpp"
#include "common/data_layout.hpp"
#include "common/stored_version.hpp"

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
    // of interrupted uploads. Personal data is sealed with the keys of
    // `keys_dir` (common/data_keys.hpp), which must lie outside it. Without
    // a key directory (empty: a command that stores nothing), keys() throws.
    SubmissionStore(std::filesystem::path data_dir, const std::filesystem::path& keys_dir);
    ~SubmissionStore();
    SubmissionStore(const SubmissionStore&) = delete;
    SubmissionStore& operator=(const SubmissionStore&) = delete;

    const common::DataLayout& layout() const { return layout_; }
    common::DataKeys& keys();
    // For readers that show personal data; those that do not pass nullptr.
    const common::DataKeys* reader_keys() const { return keys_ ? &*keys_ : nullptr; }

    std::unique_ptr<Staging> stage();

    // Writes `record` (with its version filled in) into the staging
    // directory, makes the staged files durable and renames the directory
    // into place as the next version of its form and unit. Returns the
    // version number. The rename itself is
    // durable only after sync(): call it before acknowledging, so that one
    // journal commit also covers the audit line written in between.
    int commit(Staging& staged, common::StoredVersion record);
    void sync(const Staging& staged);

private:
    int lock_fd_ = -1;  // flock on the lock file: one collector per data directory
    common::DataLayout layout_;
    std::optional<common::DataKeys> keys_;
};

// A receipt number: the day received and a random part, "20190920-a1b2c3d4e5f6".
std::string new_receipt(const std::string& received_at);

}  // namespace collector
