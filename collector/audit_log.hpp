#pragma once
// An append-only record of every acceptance and refusal (no personal data).

#include <filesystem>
#include <condition_variable>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace collector {

class AuditLog {
public:
    explicit AuditLog(std::filesystem::path file);
    ~AuditLog();
    // One line; with `sync`, returns once it is on disk. Concurrent appends
    // share one fdatasync (group commit): whoever syncs covers every line
    // written before. Without, the caller makes it durable (syncfs).
    void append(const nlohmann::json& entry, bool sync = true);

private:
    std::mutex mutex_;
    std::condition_variable synced_cv_;
    int fd_ = -1;
    unsigned long long written_ = 0;  // lines written
    unsigned long long synced_ = 0;   // lines known to be on disk
    bool syncing_ = false;
};

}  // namespace collector
