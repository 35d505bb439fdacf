#include "collector/actor.hpp"

#include "common/enum_names.hpp"

namespace collector {

namespace {

constexpr common::EnumName<Role> kRoles[] = {
    {Role::school, "school", "学校"},
    {Role::county, "county", "县市区教育局"},
    {Role::city, "city", "市教育体育局"},
};

}  // namespace

const char* role_key(Role role) { return common::name_of(kRoles, role).key; }

const char* role_title(Role role) { return common::name_of(kRoles, role).label; }

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
