#pragma once

#include <optional>
#include <string>

#include "generator/site_model.hpp"

namespace gen {

// "YYYY-MM-DD", or with a time "YYYY-MM-DDTHH:MM:SS+08:00"; nullopt if malformed.
std::optional<Date> parse_date(const std::string& text);

// Today's date in Asia/Shanghai (UTC+8, no daylight saving).
Date today_in_shanghai();

}  // namespace gen
