#include "collector/actor.hpp"

#include "common/enum_names.hpp"

namespace collector {

namespace {

constexpr common::EnumName<Role> kRoles[] = {
    {Role::school, "school", "学校"},
    {Role::county, "county", "县市区教育局"},
    {Role::city, "city", "市教育体育局"},
    {Role::expert, "expert", "评审专家"},
};

}  // namespace

const char* role_key(Role role) { return common::name_of(kRoles, role).key; }

const char* role_title(Role role) { return common::name_of(kRoles, role).label; }

bool by_account(Role role) { return role == Role::city || role == Role::expert; }

std::optional<Actor> unit_actor(const common::Units& units, const std::string& unit) {
    if (const common::School* school = units.school(unit)) return Actor{Role::school, unit, school->name};
    if (const common::County* county = units.county(unit)) return Actor{Role::county, unit, county->name};
    return std::nullopt;
}

std::optional<Actor> staff_actor(const StaffMember& member) {
    for (Role role : {Role::city, Role::expert})
        if (member.role == role_key(role)) return Actor{role, member.login, member.name};
    return std::nullopt;
}

}  // namespace collector
