#include "generator/site_config.hpp"

#include <algorithm>

#include "common/urls.hpp"
#include "common/json_file.hpp"
#include "generator/date.hpp"

namespace gen {
namespace {

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "site_codes": each number null until issued; a value is checked for the
// shape the footer and its links rely on.
SiteCodes read_site_codes(const common::JsonFile& f, const nlohmann::json& j) {
    SiteCodes codes;
    const auto it = j.find("site_codes");
    if (it == j.end() || it->is_null()) return codes;
    if (!it->is_object()) f.fail_at("/site_codes", "\"site_codes\" must be an object with \"site_id\", \"icp\" and \"police\"");
    auto value = [&](const std::string& key) -> std::string {
        const auto v = it->find(key);
        if (v == it->end() || v->is_null()) return {};
        if (!v->is_string() || v->get<std::string>().empty())
            f.fail_at("/site_codes/" + key, "\"" + key + "\" must be a string as printed, or null until it is issued");
        return v->get<std::string>();
    };
    for (const auto& [key, v] : it->items())
        if (key != "site_id" && key != "icp" && key != "police") f.fail_at("/site_codes/" + key, "unknown site code \"" + key + "\" (known: site_id, icp, police)");
    codes.site_id = value("site_id");
    if (!codes.site_id.empty() && (codes.site_id.size() != 10 || !std::all_of(codes.site_id.begin(), codes.site_id.end(), is_ascii_alnum)))
        f.fail_at("/site_codes/site_id", "a 网站标识码 is 10 letters and digits, such as 4306000001");
    codes.icp = value("icp");
    if (!codes.icp.empty() && (codes.icp.find("ICP备") == std::string::npos || codes.icp.find("号") == std::string::npos))
        f.fail_at("/site_codes/icp", "an ICP备案编号 reads like 湘ICP备12345678号");
    codes.police = value("police");
    for (char c : codes.police)
        if (c >= '0' && c <= '9') codes.police_record += c;
    if (!codes.police.empty() && (codes.police.find("公网安备") == std::string::npos || codes.police_record.empty()))
        f.fail_at("/site_codes/police", "a 公安机关备案号 reads like 湘公网安备43060202000123号");
    return codes;
}

}  // namespace

Config load_config(const std::filesystem::path& site, const std::string& base_url_override) {
    const common::JsonFile f = common::load_json(site / "config.json", "config.json");
    const auto& j = f.value;
    if (!j.is_object()) f.fail_at("", "config.json must hold an object");
    for (const auto& [key, value] : j.items()) {
        static const char* known[] = {"base_url", "theme", "language", "today", "public_numbers", "site_codes"};
        bool ok = false;
        for (const char* k : known) ok = ok || key == k;
        if (!ok) f.fail_at("/" + key, "unknown setting \"" + key + "\"");
    }
    Config c;
    c.base_url = base_url_override.empty() ? common::require_string(f, j, "", "base_url") : base_url_override;
    if (!common::split_base_url(c.base_url, c.origin, c.base_path))
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
    c.codes = read_site_codes(f, j);
    return c;
}

}  // namespace gen
