#pragma once

#include <cstddef>
#include <string_view>

namespace common {

bool is_valid_utf8(std::string_view s);
// Number of characters (code points): the unit the notices count in ("1000字以内").
std::size_t utf8_length(std::string_view s);

// Decodes the code point at i and moves i past it. For text already checked
// as UTF-8: no validation here. Inline, as is_han: the search index calls
// both for every character of every notice.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i++]);
    if (c < 0x80) return c;
    const int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    char32_t cp = c & (0x3F >> extra);
    for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    return cp;
}

// A Han character (CJK ideographs, their extensions and compatibility forms, 〇).
inline bool is_han(char32_t cp) {
    return cp == 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

}  // namespace common
