#pragma once
// Who is signed in: a school or a county bureau (by its access code), a
// member of the city bureau's staff or an expert the city has engaged (by a
// named account), and the role that
// decides which signed-in pages they may open.

#include <optional>
#include <string>

#include "collector/staff_accounts.hpp"
#include "common/site_data.hpp"

namespace collector {

enum class Role { school, county, city, expert };

struct Actor {
    Role role;
    std::string id;    // the unit's id, or the staff member's login
    std::string name;  // the unit's name, or the staff member's: personal data, shown only to them
};

const char* role_key(Role role);    // "school", "county", "city", "expert": as templates and the audit log name roles
const char* role_title(Role role);  // 学校, 县市区教育局, 市教育体育局, 评审专家: as pages name them
bool by_account(Role role);         // signs in with a login and password, not a unit's code

// A unit signed in by its code; nothing for a unit data/units.json does not
// hold (a code issued for a unit since removed).
std::optional<Actor> unit_actor(const common::Units& units, const std::string& unit);
// A staff member signed in; nothing for a role this collector does not know.
std::optional<Actor> staff_actor(const StaffMember& member);

}  // namespace collector
