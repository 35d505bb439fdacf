#pragma once
// Checking who signs in, for the sign-in page and for the API's access code
// alike: the same refusals and the same limits on failures (per account and
// per client address, collector/sign_in_limits.hpp). Callers write the
// audit log, which then holds each attempt once with what it was for.

#include <optional>
#include <string>

#include "collector/access_codes.hpp"
#include "collector/refusal.hpp"
#include "collector/sign_in_limits.hpp"
#include "collector/staff_accounts.hpp"

namespace collector {

// Who signed in, or the refusal that says why not.
template <typename Who>
struct SignInResult {
    std::optional<Who> who;
    Refusal refusal{};
};

class SignIn {
public:
    SignIn(AccessCodes& codes, StaffAccounts& staff, FailureLimit limit = {});

    // The unit whose access code is `code`.
    SignInResult<std::string> by_code(const std::string& code, const std::string& client);
    SignInResult<StaffMember> by_login(const std::string& login, const std::string& password, const std::string& client);

private:
    // The checks both ways share: refused while the client or the account
    // (a key, or empty when the text names none) is over its limit, a
    // failure counted against both, a success forgetting the account's.
    template <typename Who, typename Check>
    SignInResult<Who> limited(const std::string& account, const std::string& client, const std::string& field, Check check);

    AccessCodes& codes_;
    StaffAccounts& staff_;
    FailureCounter failures_;
};

}  // namespace collector
