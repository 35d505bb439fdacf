#include "collector/staff_accounts.hpp"

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
constexpr const char* kCityRole = "city";

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

StaffAccounts::StaffAccounts(fs::path data_dir, SecretHasher& hasher) : layout_(std::move(data_dir)), hasher_(hasher) {}

std::string StaffAccounts::add(const std::string& login, const std::string& name) {
    if (!is_valid_login(login)) throw std::invalid_argument("invalid login (lower-case letters, digits and hyphens): " + login);
    if (!is_valid_person_name(name)) throw std::invalid_argument("invalid name (1 to 20 characters): " + name);
    const std::string password = make_secret(kPasswordGroups);
    fs::create_directories(layout_.staff_accounts());
    const json account = {{"login", login}, {"name", name}, {"role", kCityRole}, {"hash", hasher_.hash(normalise_code(password))}};
    write_durably(layout_.staff_account(login), account.dump() + "\n");
    return password;
}

std::optional<StaffMember> StaffAccounts::verify(const std::string& login, const std::string& password) {
    const fs::path file = layout_.staff_account(login);
    if (!is_valid_login(login) || !fs::exists(file)) return std::nullopt;
    const common::JsonFile f = common::load_json(file, file.string());
    if (!hasher_.verify(common::require_string(f, f.value, "", "hash"), normalise_code(password))) return std::nullopt;
    return StaffMember{login, common::require_string(f, f.value, "", "name"), common::require_string(f, f.value, "", "role")};
}

}  // namespace collector
