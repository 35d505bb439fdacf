#pragma once
// The one clock of the collector. Deadlines are judged by it, so tests and
// demos set it (--now) instead of waiting for a date.

#include <chrono>
#include <optional>
#include <string>

namespace collector {

// "2019-09-22T23:59:00+08:00" at any offset; nothing for any other text.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text);
// In Asia/Shanghai, to the second, as records store it.
std::string rfc3339_shanghai(std::chrono::system_clock::time_point t);

class Clock {
public:
    Clock() = default;
    // Starts at `now` (RFC 3339, e.g. 2019-09-22T23:59:00+08:00) and runs on from there.
    static Clock starting_at(const std::string& rfc3339);

    std::chrono::system_clock::time_point now() const;
    std::string now_rfc3339() const;     // in Asia/Shanghai: 2019-09-22T23:59:00+08:00
    std::string today_shanghai() const;  // YYYY-MM-DD

private:
    std::chrono::system_clock::duration offset_{0};
};

}  // namespace collector
