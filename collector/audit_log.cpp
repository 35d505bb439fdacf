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

void AuditLog::append(const nlohmann::json& entry) {
    const std::string line = entry.dump() + "\n";
    std::lock_guard<std::mutex> lock(mutex_);
    // O_APPEND: one write per line, so lines never interleave.
    if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()) || ::fdatasync(fd_) != 0)
        throw std::runtime_error(std::string("cannot append to the audit log: ") + std::strerror(errno));
}

}  // namespace collector
