#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace common {

// "YYYY-MM-DD" naming a real day of the Gregorian calendar.
bool is_iso_date(const std::string& s);

// The wall-clock time in Asia/Shanghai at `t`, where the bureau's deadlines fall.
std::tm shanghai_time(std::chrono::system_clock::time_point t);

// "2019-09-01T10:00:00+08:00" -> "2019-09-01 10:00", as pages and printed copies show a moment.
std::string minute(const std::string& rfc3339);

}  // namespace common
