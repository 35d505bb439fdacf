#include "collector/clock.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "common/calendar.hpp"

namespace collector {

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& s) {
    int y, mo, d, h, mi, sec, oh, om;
    char sign;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &y, &mo, &d, &h, &mi, &sec, &sign, &oh, &om) != 9 ||
        (sign != '+' && sign != '-'))
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    const long offset = (oh * 3600 + om * 60) * (sign == '+' ? 1 : -1);
    return std::chrono::system_clock::from_time_t(timegm(&tm) - offset);
}

std::string rfc3339_shanghai(std::chrono::system_clock::time_point t) {
    const std::tm tm = common::shanghai_time(t);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec);
    return buf;
}

Clock Clock::starting_at(const std::string& s) {
    const auto wanted = parse_rfc3339(s);
    if (!wanted) throw std::invalid_argument("--now must look like 2019-09-22T23:59:00+08:00");
    Clock c;
    c.offset_ = *wanted - std::chrono::system_clock::now();
    return c;
}

std::chrono::system_clock::time_point Clock::now() const { return std::chrono::system_clock::now() + offset_; }

std::string Clock::now_rfc3339() const { return rfc3339_shanghai(now()); }

std::string Clock::today_shanghai() const { return now_rfc3339().substr(0, 10); }

}  // namespace collector
