#pragma once
// Small text encodings used on both sides.

#include <string>
#include <string_view>

namespace common {

// Escapes & < > " ' for HTML and XML text and attribute values.
std::string escape_markup(std::string_view s);

// Lower-case hexadecimal of raw bytes.
std::string to_hex(const unsigned char* bytes, std::size_t size);

}  // namespace common
