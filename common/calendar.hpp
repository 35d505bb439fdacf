#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace common {

// "YYYY-MM-DD" naming a real day of the Gregorian calendar.
bool is_iso_date(const std::string& s);

// The wall-clock time in Asia/Shanghai at `t`, where the bureau's deadlines fall.
std::tm shanghai_time(std::chrono::system_clock::time_point t);

}  // namespace common
