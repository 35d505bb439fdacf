#include "generator/import/data_json.hpp"

namespace gen::import {

namespace {

bool is_list_of_objects(const nlohmann::ordered_json& v) {
    if (!v.is_array() || v.empty()) return false;
    for (const auto& e : v)
        if (!e.is_object()) return false;
    return true;
}

// `v` as it goes on a line that starts with `indent`.
std::string json_text(const nlohmann::ordered_json& v, const std::string& indent) {
    if (is_list_of_objects(v)) {
        const std::string inner = indent + "  ";
        std::string out = "[\n";
        for (std::size_t j = 0; j < v.size(); ++j) out += inner + json_text(v[j], inner) + (j + 1 < v.size() ? ",\n" : "\n");
        return out + indent + "]";
    }
    if (v.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto& [k, member] : v.items()) {
            out += (first ? "" : ", ") + nlohmann::ordered_json(k).dump() + ": " + json_text(member, indent);
            first = false;
        }
        return out + "}";
    }
    if (v.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + json_text(v[i], indent);
        return out + "]";
    }
    return v.dump();  // UTF-8 kept as it is: ensure_ascii is off by default
}

}  // namespace

std::string data_json_text(const nlohmann::ordered_json& top) {
    std::string out = "{\n";
    std::size_t i = 0;
    for (const auto& [k, member] : top.items()) {
        out += "  " + nlohmann::ordered_json(k).dump() + ": " + json_text(member, "  ");
        out += ++i < top.size() ? ",\n" : "\n";
    }
    return out + "}\n";
}

}  // namespace gen::import
