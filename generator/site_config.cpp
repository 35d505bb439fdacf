#include "generator/site_config.hpp"

#include "common/json_file.hpp"
#include "generator/date.hpp"

namespace gen {

bool split_base_url(const std::string& url, std::string& origin, std::string& path) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return false;
    const std::string scheme = url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") return false;
    const auto path_start = url.find('/', scheme_end + 3);
    if (path_start == scheme_end + 3) return false;
    origin = url.substr(0, path_start);
    path = path_start == std::string::npos ? "/" : url.substr(path_start);
    if (path.find_first_of("?#") != std::string::npos) return false;
    if (path.back() != '/') path += '/';
    return true;
}

Config load_config(const std::filesystem::path& site, const std::string& base_url_override) {
    const common::JsonFile f = common::load_json(site / "config.json", "config.json");
    const auto& j = f.value;
    if (!j.is_object()) f.fail_at("", "config.json must hold an object");
    for (const auto& [key, value] : j.items()) {
        static const char* known[] = {"base_url", "theme", "language", "today", "public_numbers"};
        bool ok = false;
        for (const char* k : known) ok = ok || key == k;
        if (!ok) f.fail_at("/" + key, "unknown setting \"" + key + "\"");
    }
    Config c;
    c.base_url = base_url_override.empty() ? common::require_string(f, j, "", "base_url") : base_url_override;
    if (!split_base_url(c.base_url, c.origin, c.base_path))
        f.fail_at("/base_url", "base_url must be an absolute http(s) URL such as https://example.gov.cn/path/");
    c.base_url = c.origin + c.base_path;
    if (auto theme = common::optional_string(f, j, "", "theme"); !theme.empty()) c.theme = theme;
    if (auto lang = common::optional_string(f, j, "", "language"); !lang.empty()) c.language = lang;
    if (const auto it = j.find("today"); it != j.end() && !it->is_null()) {
        const std::string v = it->is_string() ? it->get<std::string>() : "";
        if (v == "auto") {
            c.today = today_in_shanghai();
        } else if (auto d = parse_date(v); d && v.size() == 10) {
            c.today = d;
        } else {
            f.fail_at("/today", "\"today\" must be null, \"auto\" or a date YYYY-MM-DD");
        }
    }
    if (const auto it = j.find("public_numbers"); it != j.end()) {
        if (!it->is_array()) f.fail_at("/public_numbers", "\"public_numbers\" must be a list of strings");
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string()) f.fail_at("/public_numbers/" + std::to_string(i), "expected a string");
            std::string digits;
            for (char ch : (*it)[i].get<std::string>())
                if ((ch >= '0' && ch <= '9') || ch == 'X' || ch == 'x') digits += static_cast<char>(ch == 'x' ? 'X' : ch);
            c.public_numbers.insert(digits);
        }
    }
    return c;
}

}  // namespace gen
