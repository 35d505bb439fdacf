#include "collector/sign_in.hpp"

#include <vector>

#include "common/form_validation.hpp"

namespace collector {

SignIn::SignIn(AccessCodes& codes, StaffAccounts& staff, FailureLimit limit) : codes_(codes), staff_(staff), failures_(limit) {}

template <typename Who, typename Check>
SignInResult<Who> SignIn::limited(const std::string& account, const std::string& client, const std::string& field, Check check) {
    std::vector<std::string> keys = {"client " + client};
    if (!account.empty()) keys.push_back(account);
    if (const int wait = failures_.refused_for(keys)) {
        const std::string minutes = std::to_string((wait + 59) / 60);
        return {std::nullopt, {429, "too_many_failures", field, "登录失败次数过多，请" + minutes + "分钟后再试", {}, wait}};
    }
    SignInResult<Who> result = check();
    if (!result.who) failures_.failed(keys);
    else if (!account.empty()) failures_.forget(account);
    return result;
}

SignInResult<std::string> SignIn::by_code(const std::string& code, const std::string& client) {
    if (code.empty()) return {std::nullopt, {401, "missing_access_code", "access_code", common::message("missing_access_code", {}), {}}};
    const std::string id = lookup_id(code);
    return limited<std::string>(id.empty() ? "" : "code " + id, client, "access_code", [&]() -> SignInResult<std::string> {
        if (auto unit = codes_.unit_of(code)) return {std::move(unit), {}};
        return {std::nullopt, {403, "bad_access_code", "access_code", "访问码不正确，请核对后重新输入", {}}};
    });
}

SignInResult<StaffMember> SignIn::by_login(const std::string& login, const std::string& password, const std::string& client) {
    if (login.empty()) return {std::nullopt, {401, "missing_login", "login", "请填写账号", {}}};
    if (password.empty()) return {std::nullopt, {401, "missing_password", "password", "请填写密码", {}}};
    // Only a login of the right shape is an account to count: any other text would be a key of any size.
    return limited<StaffMember>(is_valid_login(login) ? "login " + login : "", client, "login", [&]() -> SignInResult<StaffMember> {
        if (auto member = staff_.verify(login, password)) return {std::move(member), {}};
        return {std::nullopt, {403, "bad_password", "password", "账号或密码不正确", {}}};
    });
}

}  // namespace collector
