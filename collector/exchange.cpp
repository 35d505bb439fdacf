#include "collector/exchange.hpp"

#include <nlohmann/json.hpp>

#include "common/utf8.hpp"

namespace collector {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> form_decode(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%') {
            const int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1, lo = hi < 0 ? -1 : hex_value(s[i + 2]);
            if (lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    if (!common::is_valid_utf8(out)) return std::nullopt;
    return out;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

}  // namespace

bool FormFields::has(const std::string& name) const {
    for (const auto& [n, v] : pairs)
        if (n == name) return true;
    return false;
}

std::string FormFields::get(const std::string& name) const {
    for (const auto& [n, v] : pairs)
        if (n == name) return v;
    return "";
}

Reply json_error(int status, const std::string& code, const std::string& field, const std::string& message) {
    const nlohmann::json j = {{"error", {{"code", code}, {"field", field}, {"message", message}}}};
    return Reply{status, "application/json; charset=utf-8", j.dump() + "\n", "", {}, {}};
}

Reply html_reply(int status, std::string page) { return Reply{status, "text/html; charset=utf-8", std::move(page), "", {}, {}}; }

Reply see_other(std::string location) { return Reply{303, "text/plain; charset=utf-8", "", std::move(location), {}, {}}; }

std::map<std::string, std::string> parse_cookies(const std::string& header) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= header.size()) {
        const std::size_t end = std::min(header.find(';', start), header.size());
        const std::string pair = header.substr(start, end - start);
        const auto eq = pair.find('=');
        if (eq != std::string::npos) out.emplace(trimmed(pair.substr(0, eq)), trimmed(pair.substr(eq + 1)));
        start = end + 1;
    }
    return out;
}

std::optional<FormFields> parse_urlencoded(const std::string& body) {
    FormFields fields;
    std::size_t start = 0;
    while (start < body.size()) {
        const std::size_t end = std::min(body.find('&', start), body.size());
        const std::string pair = body.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        const auto name = form_decode(pair.substr(0, eq));
        const auto value = form_decode(eq == std::string::npos ? "" : pair.substr(eq + 1));
        if (!name || !value) return std::nullopt;
        fields.pairs.emplace_back(*name, *value);
    }
    return fields;
}

std::string client_address(const std::string& peer, const std::string& forwarded_for, const std::string& trusted_proxy) {
    return peer == trusted_proxy && !forwarded_for.empty() ? forwarded_for : peer;
}

}  // namespace collector
