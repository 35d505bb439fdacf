#pragma once
// A school's 盖章扫描件, as a row of the table of pages
// (collector/signed_in_pages.hpp):
//   account/versions/FORM/UNIT/vNNNN/stamped-scan   POST (multipart): the scan
//       of that version's filled-in copy, printed, stamped and signed
// The scan becomes the unit's next version: the same fields and uploads,
// carried over without retyping, and the scan beside them, so that what the
// county and the city act on stays one immutable version whose scan shows
// what it stamps (docs/records.md). Only the school's own newest version,
// while it may still send one, and only a PDF or an image.

#include <vector>

#include "collector/audit_log.hpp"
#include "collector/clock.hpp"
#include "collector/git_committer.hpp"
#include "collector/page_row.hpp"
#include "collector/review_chain.hpp"
#include "collector/signed_in_pages.hpp"
#include "collector/site_rules.hpp"
#include "collector/submission_store.hpp"

namespace collector {

class StampedScanPage {
public:
    StampedScanPage(const SiteRules& rules, ReviewChain& chain, SubmissionStore& store, GitCommitter& git, AuditLog& audit, const Clock& clock,
                    SignedInPages& signed_in);
    std::vector<PageRow> rows();

private:
    Reply upload(const PageRequest& r);

    const SiteRules& rules_;
    ReviewChain& chain_;
    SubmissionStore& store_;
    GitCommitter& git_;
    AuditLog& audit_;
    const Clock& clock_;
    SignedInPages& signed_in_;
};

}  // namespace collector
