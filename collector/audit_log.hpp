#pragma once
// An append-only record of every acceptance and refusal (no personal data).

#include <filesystem>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace collector {

class AuditLog {
public:
    explicit AuditLog(std::filesystem::path file);
    ~AuditLog();
    void append(const nlohmann::json& entry);  // one line, fsynced

private:
    std::mutex mutex_;
    int fd_ = -1;
};

}  // namespace collector
