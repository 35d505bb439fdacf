#pragma once
// Named accounts of the city bureau's staff (role "city") and of the experts
// it engages (role "expert", with their unit and county, by which conflicts
// of interest are judged), one file each under the data directory
// (common/data_layout.hpp: access/staff/<login>.json).
// The collector makes the password and shows it once; only its Argon2id hash
// is kept. The name is personal data: it is shown to its owner when signed
// in and never reaches anything the generator reads.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "collector/secret_hash.hpp"
#include "common/data_layout.hpp"
#include "common/site_data.hpp"

namespace collector {

struct StaffMember {
    std::string login, name, role;
    std::string unit, county;  // an expert's: a unit id of units.json (or empty) and a county id (or empty)
};

class StaffAccounts {
public:
    StaffAccounts(std::filesystem::path data_dir, SecretHasher& hasher);

    // Issues the account `login` for the person `name` and returns its
    // password. Issued again, it gets a new password and the old one stops working.
    std::string add(const std::string& login, const std::string& name);
    // The same for an expert: `unit` and `county` as StaffMember holds them.
    std::string add_expert(const std::string& login, const std::string& name, const std::string& unit, const std::string& county);

    // The account, if `password` is its password.
    std::optional<StaffMember> verify(const std::string& login, const std::string& password);

    // Every expert, by login: whom city staff may assign.
    std::vector<StaffMember> experts() const;
    // Whether `login` names an account of any role.
    bool exists(const std::string& login) const;

private:
    std::string issue(const StaffMember& member);
    StaffMember read(const std::filesystem::path& file, std::string* hash = nullptr) const;

    common::DataLayout layout_;
    SecretHasher& hasher_;
};

// Logins follow the rule of unit ids, so that they can name files.
bool is_valid_login(const std::string& login);
// A person's name as the account holds it: 1 to 20 characters, no control characters.
bool is_valid_person_name(const std::string& name);

// Where an expert works, checked against data/units.json: `unit` a school
// or a county bureau (or empty, for a unit outside the list), `county` a
// county (or empty). A unit names its county when `county` is empty, and
// must lie in it when not: conflicts of interest are judged by both.
struct PlaceProblem {
    std::string code, field, message;
};
std::optional<PlaceProblem> place_expert(const common::Units& units, const std::string& unit, std::string& county);

}  // namespace collector
