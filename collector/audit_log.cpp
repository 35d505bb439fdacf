#include "collector/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace collector {

AuditLog::AuditLog(std::filesystem::path file) {
    fd_ = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error("cannot open " + file.string() + ": " + std::strerror(errno));
}

AuditLog::~AuditLog() {
    if (fd_ >= 0) ::close(fd_);
}

void AuditLog::append(const nlohmann::json& entry, bool sync) {
    const std::string line = entry.dump() + "\n";
    std::unique_lock<std::mutex> lock(mutex_);
    // O_APPEND: one write per line, so lines never interleave.
    if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
        throw std::runtime_error(std::string("cannot append to the audit log: ") + std::strerror(errno));
    const unsigned long long mine = ++written_;
    while (sync && synced_ < mine) {
        if (syncing_) {
            synced_cv_.wait(lock);
            continue;
        }
        syncing_ = true;
        const unsigned long long covered = written_;
        lock.unlock();
        const int rc = ::fdatasync(fd_);
        lock.lock();
        syncing_ = false;
        if (rc == 0) synced_ = covered;
        synced_cv_.notify_all();
        if (rc != 0) throw std::runtime_error(std::string("cannot sync the audit log: ") + std::strerror(errno));
    }
}

}  // namespace collector
