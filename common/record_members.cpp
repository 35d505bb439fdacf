#include "common/record_members.hpp"

namespace common {
using nlohmann::json;

std::string escape_pointer_token(const std::string& key) {
    std::string out;
    for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
}

Members::Members(const JsonFile& f, const json& obj, std::string pointer) : f_(f), obj_(obj), pointer_(std::move(pointer)) {
    if (!obj.is_object()) f.fail_at(pointer_, std::string("expected an object here, found ") + obj.type_name());
}

const json& Members::take(const char* key, bool (json::*is)() const, const char* expected) {
    const json& v = require(f_, obj_, pointer_, key);
    taken_.insert(key);
    if (!(v.*is)()) f_.fail_at(at(key), std::string("\"") + key + "\" must be " + expected);
    return v;
}

std::string Members::string(const char* key) { return take(key, &json::is_string, "a string").get<std::string>(); }

long long Members::count(const char* key) {
    const json& v = take(key, &json::is_number_integer, "a whole number");
    if (v.get<long long>() < 0) f_.fail_at(at(key), std::string("\"") + key + "\" must not be negative");
    return v.get<long long>();
}

std::string Members::at(const std::string& key) const { return pointer_ + "/" + escape_pointer_token(key); }

void Members::no_others(const char* what) const {
    for (const auto& [key, value] : obj_.items())
        if (!taken_.count(key)) f_.fail_at(at(key), "unknown key \"" + key + "\" in " + what);
}

std::string peek_string(const nlohmann::json& record, const char* key) {
    return record.is_object() && record.contains(key) && record.at(key).is_string() ? record.at(key).get<std::string>() : std::string();
}

long long peek_count(const nlohmann::json& record, const char* key) {
    return record.is_object() && record.contains(key) && record.at(key).is_number_integer() ? record.at(key).get<long long>() : 0;
}

int check_format(const JsonFile& f, Members& m, const char* record, int oldest, int current) {
    const long long found = m.count("format");
    if (found < oldest || found > current)
        f.fail_at("/format", std::string("a ") + record + " record of format " + std::to_string(found) + ", which this program does not read (it reads format " +
                                 (oldest == current ? "" : std::to_string(oldest) + " to ") + std::to_string(current) + ")");
    return static_cast<int>(found);
}

}  // namespace common
