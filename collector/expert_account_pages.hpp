#pragma once
// City staff's page of expert accounts, as rows of the table of pages
// (collector/signed_in_pages.hpp):
//   account/experts/   every expert with their unit and county; city staff
//                      POST here to open an account or to give one a new password
// The password is shown once, in the reply to that POST, as the command
// line prints it; only its hash is kept (collector/staff_accounts.hpp).
// Each opening is one commit under the staff member who opened it, and a
// line of the audit log.

#include <mutex>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "collector/audit_log.hpp"
#include "collector/clock.hpp"
#include "collector/git_committer.hpp"
#include "collector/page_row.hpp"
#include "collector/pages.hpp"
#include "collector/signed_in_pages.hpp"
#include "collector/site_rules.hpp"
#include "collector/staff_accounts.hpp"

namespace collector {

class ExpertAccountPages {
public:
    ExpertAccountPages(const SiteRules& rules, StaffAccounts& staff, GitCommitter& git, AuditLog& audit, const Clock& clock, Pages& pages,
                       SignedInPages& signed_in);
    std::vector<PageRow> rows();

private:
    // A password just issued, to show once.
    struct Issued {
        std::string login, password;
        bool reissued = false;
    };

    Reply page(const PageRequest& r);
    Reply act(const PageRequest& r);
    Reply open_account(const PageRequest& r);
    Reply reissue(const PageRequest& r);
    Reply show(const PageRequest& r, const Issued* issued);
    // `reissued`: a new password for an existing account, not a new account.
    void record(const PageRequest& r, const StaffMember& expert, bool reissued);

    const SiteRules& rules_;
    StaffAccounts& staff_;
    GitCommitter& git_;
    AuditLog& audit_;
    const Clock& clock_;
    Pages& pages_;
    SignedInPages& signed_in_;
    std::mutex mutex_;  // one account at a time: two tabs cannot both take a login
};

}  // namespace collector
