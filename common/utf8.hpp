#pragma once

#include <cstddef>
#include <string_view>

namespace common {

bool is_valid_utf8(std::string_view s);
// Number of characters (code points): the unit the notices count in ("1000字以内").
std::size_t utf8_length(std::string_view s);

// Decodes the code point at i and moves i past it. For text already checked
// as UTF-8: no validation here.
char32_t next_code_point(std::string_view s, std::size_t& i);

// A Han character (CJK ideographs, their extensions and compatibility forms, 〇).
bool is_han(char32_t cp);

}  // namespace common
