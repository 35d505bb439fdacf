#include "collector/submission_store.hpp"

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

std::string version_name(int version) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "v%04d", version);
    return buf;
}

namespace {

// Creates a directory and makes its entry durable in the parent.
void make_dir_durably(const fs::path& dir) {
    if (fs::exists(dir)) return;
    make_dir_durably(dir.parent_path());
    std::error_code ec;
    if (fs::create_directory(dir, ec)) fsync_path(dir.parent_path());
}

int highest_version(const fs::path& unit_dir) {
    int highest = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(unit_dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() == 5 && name[0] == 'v') highest = std::max(highest, std::atoi(name.c_str() + 1));
    }
    return highest;
}

}  // namespace

SubmissionStore::SubmissionStore(fs::path data_dir) : root_(std::move(data_dir)), incoming_(root_ / ".incoming") {
    make_dir_durably(root_ / "submissions");
    const fs::path lock = root_ / ".collector.lock";
    lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0 || ::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
        throw std::runtime_error("another collector is using " + root_.string());
    // Whatever is here belonged to uploads that never got a receipt.
    fs::remove_all(incoming_);
    fs::create_directories(incoming_);
    if (!fs::exists(root_ / ".gitignore")) write_durably(root_ / ".gitignore", ".incoming/\n.*.tmp-*\n.collector.lock\n");
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

std::unique_ptr<Staging> SubmissionStore::stage() { return std::unique_ptr<Staging>(new Staging(incoming_ / random_token(12))); }

void SubmissionStore::sync(const Staging& staged) {
    if (::syncfs(staged.fd_) != 0) throw std::runtime_error(std::string("cannot sync the data directory: ") + std::strerror(errno));
}

fs::path SubmissionStore::version_dir(const std::string& form, const std::string& unit, int version) const {
    return root_ / "submissions" / form / unit / version_name(version);
}

int SubmissionStore::commit(Staging& staging, const std::string& form, const std::string& unit, nlohmann::json meta) {
    const fs::path& staged = staging.dir_;
    const fs::path unit_dir = root_ / "submissions" / form / unit;
    make_dir_durably(unit_dir);
    // Concurrent submissions of one unit race for the next number; the
    // loser's rename fails because the winner's directory is not empty.
    for (int version = highest_version(unit_dir) + 1;; ++version) {
        meta["version"] = version;
        // The staging directory is private: write in place, then one fsync
        // of the directory makes every entry in it durable before the rename.
        write_unsynced(staged / "submission.json", meta.dump(2) + "\n");
        sync(staging);
        const fs::path target = unit_dir / version_name(version);
        if (std::rename(staged.c_str(), target.c_str()) == 0) {
            staging.published_ = true;
            staging.dir_ = target;
            return version;
        }
        if (errno != EEXIST && errno != ENOTEMPTY) throw std::runtime_error("cannot publish " + target.string() + ": " + std::strerror(errno));
    }
}

}  // namespace collector
