#include "collector/submission_store.hpp"

#include "common/files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "collector/durable.hpp"

namespace collector {
namespace fs = std::filesystem;

namespace {

// Creates a directory and makes its entry durable in the parent.
void make_dir_durably(const fs::path& dir) {
    if (fs::exists(dir)) return;
    make_dir_durably(dir.parent_path());
    std::error_code ec;
    if (fs::create_directory(dir, ec)) fsync_path(dir.parent_path());
}

}  // namespace

SubmissionStore::SubmissionStore(fs::path data_dir, const fs::path& keys_dir) : layout_(std::move(data_dir)) {
    // Keys inside the repository would be committed beside what they seal.
    if (!keys_dir.empty() && common::is_within(keys_dir, layout_.root()))
        throw std::runtime_error("the key directory " + keys_dir.string() + " lies inside the data directory " + layout_.root().string() +
                                 ": it must lie outside it, where git never takes it");
    if (!keys_dir.empty()) keys_.emplace(keys_dir);
    for (const auto& kind : common::kRecordKinds) make_dir_durably(layout_.records(kind));
    const fs::path lock = layout_.lock_file();
    lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0 || ::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
        throw std::runtime_error("another collector is using " + layout_.root().string());
    // Whatever is here belonged to uploads that never got a receipt, but
    // resumable uploads, which are resumed after a restart too.
    fs::create_directories(layout_.resumable_uploads());
    for (const auto& entry : fs::directory_iterator(layout_.incoming()))
        if (entry.path() != layout_.resumable_uploads()) fs::remove_all(entry.path());
    if (!fs::exists(layout_.gitignore())) write_durably(layout_.gitignore(), common::DataLayout::gitignore_text());
}

common::DataKeys& SubmissionStore::keys() {
    if (!keys_) throw std::logic_error("this store was opened without a key directory");
    return *keys_;
}

SubmissionStore::~SubmissionStore() {
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

Staging::Staging(fs::path dir) : dir_(std::move(dir)) {
    fs::create_directory(dir_);
    fd_ = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("cannot open " + dir_.string() + ": " + std::strerror(errno));
}

Staging::~Staging() {
    if (fd_ >= 0) ::close(fd_);
    if (!published_) {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
}

std::unique_ptr<Staging> SubmissionStore::stage() { return std::unique_ptr<Staging>(new Staging(layout_.incoming() / random_token(12))); }

void SubmissionStore::sync(const Staging& staged) {
    if (::syncfs(staged.fd_) != 0) throw std::runtime_error(std::string("cannot sync the data directory: ") + std::strerror(errno));
}

int SubmissionStore::commit(Staging& staging, common::StoredVersion record) {
    const auto& kind = common::kSubmissionRecord;
    const fs::path& staged = staging.dir_;
    make_dir_durably(layout_.unit_dir(kind, record.form, record.unit));
    const std::vector<int> existing = layout_.versions(kind, record.form, record.unit);
    // Concurrent submissions of one unit race for the next number; the
    // loser's rename fails because the winner's directory is not empty.
    for (record.version = existing.empty() ? 1 : existing.back() + 1;; ++record.version) {
        // The staging directory is private: write in place, then one fsync
        // of the directory makes every entry in it durable before the rename.
        write_unsynced(staged / kind.file, common::stored_text(record, keys()));
        sync(staging);
        const fs::path target = layout_.version_dir(kind, record.key());
        if (std::rename(staged.c_str(), target.c_str()) == 0) {
            staging.published_ = true;
            staging.dir_ = target;
            return record.version;
        }
        if (errno != EEXIST && errno != ENOTEMPTY) throw std::runtime_error("cannot publish " + target.string() + ": " + std::strerror(errno));
    }
}

std::string new_receipt(const std::string& received_at) {
    return received_at.substr(0, 4) + received_at.substr(5, 2) + received_at.substr(8, 2) + "-" + random_token(6);
}

}  // namespace collector
