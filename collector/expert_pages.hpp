#pragma once
// An expert's signed-in pages, as rows of the table of pages
// (collector/signed_in_pages.hpp), each naming an application by the act
// that accepted it, never by its unit:
//   account/reviews/CALL/N/          the application to read and score; the expert POSTs a draft,
//                                    a final score or a conflict of interest here
//   account/reviews/CALL/N/files/K   its K-th file, shown in the browser
//   account/reviews/CALL/N/scores/   every final score: for city staff, and for
//                                    an expert once their own is in
// An expert reaches only what is assigned to them and not ended by a
// conflict; anyone else is refused, with nothing of the application shown.

#include <memory>
#include <variant>
#include <vector>

#include "collector/page_row.hpp"
#include "collector/pages.hpp"
#include "collector/review_chain.hpp"
#include "collector/signed_in_pages.hpp"
#include "collector/staff_accounts.hpp"
#include "collector/submission_store.hpp"

namespace collector {

class ExpertPages {
public:
    ExpertPages(const SiteRules& rules, ReviewChain& chain, SubmissionStore& store, Pages& pages, SignedInPages& signed_in);
    std::vector<PageRow> rows();

private:
    struct Found;
    std::variant<Found, Refusal> find(const PageRequest& r);
    Reply assignment(const PageRequest& r);
    Reply act(const PageRequest& r);
    Reply file(const PageRequest& r);
    Reply scores(const PageRequest& r);

    const SiteRules& rules_;
    ReviewChain& chain_;
    SubmissionStore& store_;
    Pages& pages_;
    SignedInPages& signed_in_;
};

// Every expert account as assignments name them, for city staff's choices.
std::vector<common::Expert> expert_directory(const StaffAccounts& staff);

}  // namespace collector
