#include "collector/actor.hpp"

namespace collector {

namespace {

struct RoleNames {
    Role role;
    const char* key;
    const char* title;
};

constexpr RoleNames kRoles[] = {
    {Role::school, "school", "学校"},
    {Role::county, "county", "县市区教育局"},
    {Role::city, "city", "市教育体育局"},
};

const RoleNames& names_of(Role role) {
    for (const RoleNames& names : kRoles)
        if (names.role == role) return names;
    return kRoles[0];
}

}  // namespace

const char* role_key(Role role) { return names_of(role).key; }

const char* role_title(Role role) { return names_of(role).title; }

std::optional<Actor> unit_actor(const common::Units& units, const std::string& unit) {
    if (const common::School* school = units.school(unit)) return Actor{Role::school, unit, school->name};
    if (const common::County* county = units.county(unit)) return Actor{Role::county, unit, county->name};
    return std::nullopt;
}

std::optional<Actor> staff_actor(const StaffMember& member) {
    if (member.role != role_key(Role::city)) return std::nullopt;
    return Actor{Role::city, member.login, member.name};
}

}  // namespace collector
