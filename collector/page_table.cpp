#include "collector/page_table.hpp"

namespace collector {

PageTable::PageTable(const SiteRules& rules, ReviewChain& chain, SubmissionStore& store, StaffAccounts& staff, GitCommitter& git, AuditLog& audit,
                     const Clock& clock, Pages& pages, SignedInPages& signed_in)
    : review_(rules, chain, store, pages, signed_in, staff),
      experts_(rules, chain, store, pages, signed_in),
      pilots_(rules, chain, pages, signed_in),
      expert_accounts_(rules, staff, git, audit, clock, pages, signed_in),
      stamped_scan_(rules, chain, store, git, audit, clock, signed_in) {
    signed_in.add(review_.rows());
    signed_in.add(experts_.rows());
    signed_in.add(pilots_.rows());
    signed_in.add(expert_accounts_.rows());
    signed_in.add(stamped_scan_.rows());
}

}  // namespace collector
