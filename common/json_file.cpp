#include "common/json_file.hpp"

#include <cctype>
#include <string_view>
#include <vector>

#include "common/files.hpp"

namespace common {
namespace {

// A minimal scanner over already-valid JSON text that follows a JSON pointer
// and returns the byte offset where the addressed value starts. nlohmann/json
// keeps no source positions, and messages must name a line.
class PointerScanner {
public:
    PointerScanner(std::string_view text, std::vector<std::string> tokens) : s_(text), tokens_(std::move(tokens)) {}

    // Returns the offset of the deepest value on the pointer's path that exists.
    std::size_t find() {
        skip_ws();
        std::size_t best = pos_;
        for (const auto& token : tokens_) {
            skip_ws();
            if (pos_ >= s_.size()) break;
            if (s_[pos_] == '{') {
                if (!enter_member(token)) break;
            } else if (s_[pos_] == '[') {
                if (!enter_element(token)) break;
            } else {
                break;
            }
            skip_ws();
            best = pos_;
        }
        return best;
    }

private:
    void skip_ws() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }

    std::string read_string() {
        std::string out;
        ++pos_;  // opening quote
        while (pos_ < s_.size() && s_[pos_] != '"') {
            if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) {
                out += s_[pos_ + 1];
                pos_ += 2;
            } else {
                out += s_[pos_++];
            }
        }
        ++pos_;  // closing quote
        return out;
    }

    void skip_value() {
        skip_ws();
        if (pos_ >= s_.size()) return;
        const char c = s_[pos_];
        if (c == '"') {
            read_string();
        } else if (c == '{' || c == '[') {
            int depth = 0;
            while (pos_ < s_.size()) {
                const char d = s_[pos_];
                if (d == '"') {
                    read_string();
                    continue;
                }
                if (d == '{' || d == '[') ++depth;
                if (d == '}' || d == ']') {
                    --depth;
                    if (depth == 0) {
                        ++pos_;
                        return;
                    }
                }
                ++pos_;
            }
        } else {
            while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']') ++pos_;
        }
    }

    bool enter_member(const std::string& key) {
        ++pos_;  // '{'
        while (true) {
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != '"') return false;
            const std::string name = read_string();
            skip_ws();
            ++pos_;  // ':'
            skip_ws();
            if (name == key) return true;
            skip_value();
            skip_ws();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            return false;
        }
    }

    bool enter_element(const std::string& index_text) {
        std::size_t index = 0;
        for (char c : index_text) {
            if (!std::isdigit(static_cast<unsigned char>(c))) return false;
            index = index * 10 + static_cast<std::size_t>(c - '0');
        }
        ++pos_;  // '['
        for (std::size_t i = 0;; ++i) {
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] == ']') return false;
            if (i == index) return true;
            skip_value();
            skip_ws();
            if (pos_ < s_.size() && s_[pos_] == ',') ++pos_;
        }
    }

    std::string_view s_;
    std::vector<std::string> tokens_;
    std::size_t pos_ = 0;
};

std::vector<std::string> split_pointer(const std::string& pointer) {
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < pointer.size()) {
        const std::size_t start = i + 1;
        std::size_t end = pointer.find('/', start);
        if (end == std::string::npos) end = pointer.size();
        std::string token = pointer.substr(start, end - start);
        for (std::size_t p = 0; (p = token.find("~1", p)) != std::string::npos; ++p) token.replace(p, 2, "/");
        for (std::size_t p = 0; (p = token.find("~0", p)) != std::string::npos; ++p) token.replace(p, 2, "~");
        tokens.push_back(std::move(token));
        i = end;
    }
    return tokens;
}

const char* type_name(const nlohmann::json& v) { return v.type_name(); }

}  // namespace

LineCol JsonFile::locate(const std::string& pointer) const {
    PointerScanner scanner(text, split_pointer(pointer));
    return line_col_at(text, scanner.find());
}

Diagnostic JsonFile::diagnostic_at(const std::string& pointer, const std::string& message) const {
    const LineCol lc = locate(pointer);
    return Diagnostic{path, lc.line, lc.col, message};
}

void JsonFile::fail_at(const std::string& pointer, const std::string& message) const {
    throw SourceError(diagnostic_at(pointer, message));
}

JsonFile parse_json(std::string text, const std::string& shown_path) {
    JsonFile f;
    f.path = shown_path;
    f.text = std::move(text);
    try {
        f.value = nlohmann::json::parse(f.text);
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const LineCol lc = line_col_at(f.text, offset);
        std::string what = e.what();
        const auto colon = what.find(": ");
        if (colon != std::string::npos) what = what.substr(colon + 2);
        fail(shown_path, lc.line, lc.col, "invalid JSON: " + what);
    }
    return f;
}

JsonFile load_json(const std::filesystem::path& file, const std::string& shown_path) {
    return parse_json(read_file(file, shown_path), shown_path);
}

const nlohmann::json& require(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer,
                              const char* key) {
    if (!obj.is_object()) f.fail_at(pointer, "expected an object here, found " + std::string(type_name(obj)));
    const auto it = obj.find(key);
    if (it == obj.end()) f.fail_at(pointer, std::string("missing required field \"") + key + "\"");
    return *it;
}

std::string require_string(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer,
                           const char* key) {
    const auto& v = require(f, obj, pointer, key);
    if (!v.is_string() || v.get_ref<const std::string&>().empty())
        f.fail_at(pointer + "/" + key, std::string("\"") + key + "\" must be a non-empty string");
    return v.get<std::string>();
}

const nlohmann::json& require_list(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer,
                                   const char* key) {
    const auto& v = require(f, obj, pointer, key);
    if (!v.is_array()) f.fail_at(pointer + "/" + key, std::string("\"") + key + "\" must be a list");
    return v;
}

bool optional_bool(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end()) return false;
    if (!it->is_boolean()) f.fail_at(pointer + "/" + key, std::string("\"") + key + "\" must be true or false");
    return it->get<bool>();
}

std::string optional_string(const JsonFile& f, const nlohmann::json& obj, const std::string& pointer,
                            const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (!it->is_string()) f.fail_at(pointer + "/" + key, std::string("\"") + key + "\" must be a string");
    return it->get<std::string>();
}

std::vector<std::string> string_list(const JsonFile& f, const nlohmann::json& obj, const std::string& ptr, const char* key) {
    std::vector<std::string> out;
    const auto it = obj.find(key);
    if (it == obj.end()) return out;
    if (!it->is_array()) f.fail_at(ptr + "/" + key, std::string("\"") + key + "\" must be a list of strings");
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& v = (*it)[i];
        if (!v.is_string()) f.fail_at(ptr + "/" + key + "/" + std::to_string(i), "expected a string");
        out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace common
