#pragma once

#include <string>

namespace common {

// "YYYY-MM-DD" naming a real day of the Gregorian calendar.
bool is_iso_date(const std::string& s);

}  // namespace common
