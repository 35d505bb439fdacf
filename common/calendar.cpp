#include "common/calendar.hpp"

namespace common {

bool is_iso_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= (m == 2 && leap ? 29 : days[m - 1]);
}

std::tm shanghai_time(std::chrono::system_clock::time_point t) {
    // Asia/Shanghai has had no daylight saving since 1991.
    constexpr long kShanghaiOffset = 8 * 3600;
    const std::time_t secs = std::chrono::system_clock::to_time_t(t) + kShanghaiOffset;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return tm;
}

std::string minute(const std::string& rfc3339) {
    return rfc3339.size() >= 16 ? rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5) : rfc3339;
}

}  // namespace common
