#pragma once

#include <cstddef>
#include <string_view>

namespace common {

bool is_valid_utf8(std::string_view s);
// Number of characters (code points): the unit the notices count in ("1000字以内").
std::size_t utf8_length(std::string_view s);

}  // namespace common
