#include "generator/import/data_json.hpp"

namespace gen::import {

namespace {

std::string inline_json(const nlohmann::ordered_json& v) {
    if (v.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto& [k, member] : v.items()) {
            out += (first ? "" : ", ") + nlohmann::ordered_json(k).dump() + ": " + inline_json(member);
            first = false;
        }
        return out + "}";
    }
    if (v.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + inline_json(v[i]);
        return out + "]";
    }
    return v.dump();  // UTF-8 kept as it is: ensure_ascii is off by default
}

bool is_list_of_objects(const nlohmann::ordered_json& v) {
    if (!v.is_array() || v.empty()) return false;
    for (const auto& e : v)
        if (!e.is_object()) return false;
    return true;
}

}  // namespace

std::string data_json_text(const nlohmann::ordered_json& top) {
    std::string out = "{\n";
    std::size_t i = 0;
    for (const auto& [k, member] : top.items()) {
        out += "  " + nlohmann::ordered_json(k).dump() + ": ";
        if (is_list_of_objects(member)) {
            out += "[\n";
            for (std::size_t j = 0; j < member.size(); ++j) out += "    " + inline_json(member[j]) + (j + 1 < member.size() ? ",\n" : "\n");
            out += "  ]";
        } else {
            out += inline_json(member);
        }
        out += ++i < top.size() ? ",\n" : "\n";
    }
    return out + "}\n";
}

}  // namespace gen::import
