#include "collector/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "common/json_file.hpp"
#include "common/sealed_members.hpp"

namespace collector {
namespace {

// Not a call's key (those never start with "_"): the audit log's own.
const char* const kAuditKey = "_audit";
const char* const kSealed[] = {"/remote"};

// Each line's box is bound to its own time and event.
std::string line_name(const nlohmann::json& entry) { return "audit.log " + entry.value("time", "") + " " + entry.value("event", ""); }

}  // namespace

AuditLog::AuditLog(std::filesystem::path file, common::DataKeys& keys) : keys_(keys) {
    fd_ = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error("cannot open " + file.string() + ": " + std::strerror(errno));
}

AuditLog::~AuditLog() {
    if (fd_ >= 0) ::close(fd_);
}

void AuditLog::append(const nlohmann::json& entry, bool sync) {
    nlohmann::json sealed = entry;
    common::seal_members(sealed, {std::begin(kSealed), std::end(kSealed)}, keys_, kAuditKey, line_name(entry));
    const std::string line = sealed.dump() + "\n";
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

void print_audit_log(const std::filesystem::path& file, const common::DataKeys& keys, std::ostream& out) {
    std::ifstream in(file);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const common::JsonFile sealed = common::parse_json(line, file.string() + ":" + std::to_string(number));
        const std::string name = sealed.value.is_object() ? line_name(sealed.value) : "";
        out << common::unseal_members(sealed, &keys, kAuditKey, name).file.value.dump() << '\n';
    }
}

}  // namespace collector
