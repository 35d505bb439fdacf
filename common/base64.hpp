#pragma once
// Base64 (the original alphabet, padded), as JSON carries bytes.

#include <optional>
#include <string>
#include <string_view>

namespace common {

std::string to_base64(std::string_view bytes);
// Nothing when `text` is not base64.
std::optional<std::string> from_base64(std::string_view text);

}  // namespace common
