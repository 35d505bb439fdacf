#pragma once
// JSON files whose problems can be reported at a line and column.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace common {

struct JsonFile {
    std::string path;  // as shown in messages (relative to the site)
    std::string text;
    nlohmann::json value;

    // Where the value at `pointer` (e.g. "/rows/3/quota") starts in the text;
    // falls back to the nearest ancestor that can be found, then to 1:1.
    LineCol locate(const std::string& pointer) const;
    [[noreturn]] void fail_at(const std::string& pointer, const std::string& message) const;
    Diagnostic diagnostic_at(const std::string& pointer, const std::string& message) const;
};

// Throws SourceError with the line and column of a syntax error.
JsonFile load_json(const std::filesystem::path& file, const std::string& shown_path);
JsonFile parse_json(std::string text, const std::string& shown_path);

// Typed access that reports a missing or mistyped member at its place.
const nlohmann::json& require(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer,
                              const char* key);
std::string require_string(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer,
                           const char* key);
const nlohmann::json& require_list(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer,
                                   const char* key);
// "/rows" and 3 -> "/rows/3"
inline std::string pointer_at(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }
// A list of strings; empty when absent.
std::vector<std::string> string_list(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer, const char* key);
bool optional_bool(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer, const char* key);  // false when absent
std::string optional_string(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer,
                            const char* key);

}  // namespace common
