#pragma once
// Small text encodings used on both sides.

#include <string>
#include <string_view>

namespace common {

// Escapes & < > " ' for HTML and XML text and attribute values.
std::string escape_markup(std::string_view s);

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
inline bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Without the spaces people type around a name or a reason: ASCII white
// space and the full-width space (U+3000) at either end.
std::string trimmed(std::string_view s);

// A file name's extension after its last dot, in lower case ("PDF" -> "pdf"),
// or empty.
std::string lower_extension(std::string_view name);

// Lower-case hexadecimal of raw bytes.
std::string to_hex(const unsigned char* bytes, std::size_t size);

}  // namespace common
