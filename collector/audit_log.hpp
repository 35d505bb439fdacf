#pragma once
// An append-only record of every acceptance and refusal (no personal data):
// time, event, subject and result, kept with the repository (so for at least
// the six months 网络安全法 Art. 21 asks). The client's address, which
// identifies a person, is sealed under the key directory's audit key
// (common/sealed_members.hpp): the repository and its remotes never hold it
// in clear; print_audit_log() opens it for whoever holds the keys.

#include <filesystem>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "common/data_keys.hpp"

namespace collector {

class AuditLog {
public:
    AuditLog(std::filesystem::path file, common::DataKeys& keys);
    ~AuditLog();
    // One line; with `sync`, returns once it is on disk. Concurrent appends
    // share one fdatasync (group commit): whoever syncs covers every line
    // written before. Without, the caller makes it durable (syncfs).
    void append(const nlohmann::json& entry, bool sync = true);

private:
    common::DataKeys& keys_;
    std::mutex mutex_;
    std::condition_variable synced_cv_;
    int fd_ = -1;
    unsigned long long written_ = 0;  // lines written
    unsigned long long synced_ = 0;   // lines known to be on disk
    bool syncing_ = false;
};

// The log as JSON lines with the client addresses opened. A line that does
// not read or open throws common::SourceError at its line.
void print_audit_log(const std::filesystem::path& file, const common::DataKeys& keys, std::ostream& out);

}  // namespace collector
