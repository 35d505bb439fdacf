#include "collector/staff_accounts.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "collector/access_codes.hpp"
#include "collector/durable.hpp"
#include "common/json_file.hpp"
#include "common/utf8.hpp"

namespace collector {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kPasswordGroups = 4;  // 80 random bits

}  // namespace

bool is_valid_login(const std::string& login) { return is_valid_unit_id(login); }

bool is_valid_person_name(const std::string& name) {
    if (!common::is_valid_utf8(name)) return false;
    const std::size_t length = common::utf8_length(name);
    if (length < 1 || length > 20) return false;
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

std::optional<PlaceProblem> place_expert(const common::Units& units, const std::string& unit, std::string& county) {
    if (!unit.empty() && !units.school(unit) && !units.county(unit)) return PlaceProblem{"unknown_unit", "unit", "所在单位不在单位名单中：" + unit};
    if (!county.empty() && !units.county(county)) return PlaceProblem{"unknown_county", "county", "所在县市区不在单位名单中：" + county};
    if (unit.empty()) return std::nullopt;
    const std::string of_unit = units.county(unit) ? unit : units.county_of(unit);
    if (county.empty()) county = of_unit;
    else if (county != of_unit)
        return PlaceProblem{"unit_not_in_county", "county", units.name_of(unit) + "属于" + units.name_of(of_unit) + "，不属于" + units.name_of(county)};
    return std::nullopt;
}

StaffAccounts::StaffAccounts(fs::path data_dir, SecretHasher& hasher) : layout_(std::move(data_dir)), hasher_(hasher) {}

std::string StaffAccounts::add(const std::string& login, const std::string& name) { return issue({login, name, "city", "", ""}); }

std::string StaffAccounts::add_expert(const std::string& login, const std::string& name, const std::string& unit, const std::string& county) {
    return issue({login, name, "expert", unit, county});
}

std::string StaffAccounts::issue(const StaffMember& m) {
    if (!is_valid_login(m.login)) throw std::invalid_argument("invalid login (lower-case letters, digits and hyphens): " + m.login);
    if (!is_valid_person_name(m.name)) throw std::invalid_argument("invalid name (1 to 20 characters): " + m.name);
    const std::string password = make_secret(kPasswordGroups);
    fs::create_directories(layout_.staff_accounts());
    json account = {{"login", m.login}, {"name", m.name}, {"role", m.role}, {"hash", hasher_.hash(normalise_code(password))}};
    if (m.role == "expert") account.update({{"unit", m.unit}, {"county", m.county}});
    write_durably(layout_.staff_account(m.login), account.dump() + "\n");
    return password;
}

StaffMember StaffAccounts::read(const fs::path& file, std::string* hash) const {
    const common::JsonFile f = common::load_json(file, file.string());
    if (hash) *hash = common::require_string(f, f.value, "", "hash");
    return {common::require_string(f, f.value, "", "login"), common::require_string(f, f.value, "", "name"),
            common::require_string(f, f.value, "", "role"), common::optional_string(f, f.value, "", "unit"),
            common::optional_string(f, f.value, "", "county")};
}

std::optional<StaffMember> StaffAccounts::verify(const std::string& login, const std::string& password) {
    const fs::path file = layout_.staff_account(login);
    if (!is_valid_login(login) || !fs::exists(file)) return std::nullopt;
    std::string hash;
    StaffMember member = read(file, &hash);
    if (!hasher_.verify(hash, normalise_code(password))) return std::nullopt;
    return member;
}

bool StaffAccounts::exists(const std::string& login) const { return is_valid_login(login) && fs::exists(layout_.staff_account(login)); }

std::vector<StaffMember> StaffAccounts::experts() const {
    std::vector<StaffMember> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(layout_.staff_accounts(), ec)) {
        if (e.path().extension() != ".json" || !is_valid_login(e.path().stem().string())) continue;
        StaffMember m = read(e.path());
        if (m.role == "expert") out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [](const StaffMember& a, const StaffMember& b) { return a.login < b.login; });
    return out;
}

}  // namespace collector
