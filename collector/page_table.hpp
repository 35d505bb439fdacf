#pragma once
// Every signed-in page of the collector beyond signing in and the home page,
// added to the dispatcher in one place, so that the server and the tests'
// collector serve the same table: the review chain's pages, an expert's,
// a pilot's, city staff's expert accounts, and a school's 盖章扫描件.

#include "collector/audit_log.hpp"
#include "collector/clock.hpp"
#include "collector/expert_account_pages.hpp"
#include "collector/expert_pages.hpp"
#include "collector/git_committer.hpp"
#include "collector/pilot_pages.hpp"
#include "collector/review_chain.hpp"
#include "collector/review_pages.hpp"
#include "collector/signed_in_pages.hpp"
#include "collector/stamped_scan_page.hpp"
#include "collector/staff_accounts.hpp"
#include "collector/submission_store.hpp"

namespace collector {

// Lives as long as `signed_in` serves: its rows call into it.
class PageTable {
public:
    PageTable(const SiteRules& rules, ReviewChain& chain, SubmissionStore& store, StaffAccounts& staff, GitCommitter& git, AuditLog& audit,
              const Clock& clock, Pages& pages, SignedInPages& signed_in);

private:
    ReviewPages review_;
    ExpertPages experts_;
    PilotPages pilots_;
    ExpertAccountPages expert_accounts_;
    StampedScanPage stamped_scan_;
};

}  // namespace collector
