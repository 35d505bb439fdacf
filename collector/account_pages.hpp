#pragma once
// Signing in and out, and the home page every role lands on. Schools and
// county bureaus sign in with their access code alone, city staff with login
// and password; both through SignIn's limits, each attempt in the audit log
// (the code's lookup id or the login, never a code or a password). A success
// opens a new session and lands the person where they were going; if they
// had typed into a page whose session had gone, that page shows it again.

#include <string>
#include <vector>

#include "collector/audit_log.hpp"
#include "collector/clock.hpp"
#include "collector/page_row.hpp"
#include "collector/pages.hpp"
#include "collector/sessions.hpp"
#include "collector/sign_in.hpp"
#include "collector/site_rules.hpp"

namespace collector {

class AccountPages {
public:
    AccountPages(const SiteRules& rules, SignIn& sign_in, Sessions& sessions, Pages& pages, AuditLog& audit, const Clock& clock);

    // The rows every role has: the home page and signing out.
    std::vector<PageRow> rows();

    Reply sign_in_form();
    // The sign-in POST; `landing` is the signed-in page to go to (the
    // dispatcher has checked the path the form carried).
    Reply sign_in(const Request& req, const FormFields& fields, const std::string& landing);
    // In place of a signed-in page when the request has no live session:
    // the sign-in form (401), carrying the fields a POST had sent.
    Reply ask(const Request& req, const FormFields& sent);

private:
    SignInResult<Actor> check(const Request& req, const FormFields& fields);
    void log(const Request& req, const std::string& event, const FormFields& fields, const SignInResult<Actor>& result);
    Reply home(const PageRequest& r);
    Reply sign_out(const PageRequest& r);

    const SiteRules& rules_;
    SignIn& sign_in_;
    Sessions& sessions_;
    Pages& pages_;
    AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace collector
