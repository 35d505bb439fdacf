#pragma once
// Strict reading of a record's objects: every key taken once, by type; a
// key left over is unknown to the format. Shared by every record kind.

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "common/json_file.hpp"

namespace common {

std::string escape_pointer_token(const std::string& key);

class Members {
public:
    Members(const JsonFile& f, const nlohmann::json& obj, std::string pointer);

    const nlohmann::json& take(const char* key, bool (nlohmann::json::*is)() const, const char* expected);
    std::string string(const char* key);
    long long count(const char* key);  // a whole number, not negative
    std::string at(const std::string& key) const;  // the JSON pointer of a key of this object
    bool has(const char* key) const { return obj_.contains(key); }
    void no_others(const char* what) const;

private:
    const JsonFile& f_;
    const nlohmann::json& obj_;
    std::string pointer_;
    std::set<std::string> taken_;
};

// A member of a record not yet read strictly (which says what is wrong
// with it later): its string, or its whole number, or nothing. The sealed
// members' associated data is named by these before the record is read.
std::string peek_string(const nlohmann::json& record, const char* key);
long long peek_count(const nlohmann::json& record, const char* key);

// A record's "format", read first because another format may have other
// keys: one from `oldest` to `current`, returned.
int check_format(const JsonFile& f, Members& m, const char* record, int oldest, int current);

}  // namespace common
