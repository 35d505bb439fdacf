#pragma once
// A pilot's page in its task-book call, as a row of the table of pages:
//   account/calls/CALL/pilots/UNIT/   its registry; city staff and its county POST the next event here
// Anyone who may not read the pilot's unit is refused, with nothing shown.

#include <vector>

#include "collector/page_row.hpp"
#include "collector/pages.hpp"
#include "collector/review_chain.hpp"
#include "collector/signed_in_pages.hpp"

namespace collector {

class PilotPages {
public:
    PilotPages(const SiteRules& rules, ReviewChain& chain, Pages& pages, SignedInPages& signed_in);
    std::vector<PageRow> rows();

private:
    Reply page(const PageRequest& r);
    Reply act(const PageRequest& r);

    const SiteRules& rules_;
    ReviewChain& chain_;
    Pages& pages_;
    SignedInPages& signed_in_;
};

}  // namespace collector
