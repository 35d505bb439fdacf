#pragma once
// The review chain's signed-in pages, as rows of the table of pages
// (collector/signed_in_pages.hpp):
//   account/calls/CALL/                         a call's desk; a county POSTs its forwarding here
//   account/versions/FORM/UNIT/vNNNN/           one version; a county or city staff POSTs its act here
//   account/versions/FORM/UNIT/vNNNN/files/F    an upload shown in the browser (PDF inline)
//   account/versions/FORM/UNIT/vNNNN/downloads/F  the same upload, saved
//   account/versions/FORM/UNIT/vNNNN/form.docx  the version as its paper form, filled in
//   account/versions/FORM/UNIT/vNNNN/form.xlsx  the same as a sheet, for a table form (申报汇总表)
// A school sees only its own applications, a county only its schools'
// (never a 市直学校's), city staff all; anyone else is refused, with nothing
// of the application shown. An expert's desk lists their assignments, which
// they open on their own pages (collector/expert_pages.hpp); on an accepted
// version's page city staff find the expert stage: whom to assign, the
// scores together, the 现场考察 notes.

#include <vector>

#include "collector/page_row.hpp"
#include "collector/pages.hpp"
#include "collector/review_chain.hpp"
#include "collector/review_views.hpp"
#include "collector/signed_in_pages.hpp"
#include "collector/staff_accounts.hpp"
#include "collector/submission_store.hpp"

namespace collector {

class ReviewPages {
public:
    // `staff`: the expert accounts city staff assign.
    ReviewPages(const SiteRules& rules, ReviewChain& chain, SubmissionStore& store, Pages& pages, SignedInPages& signed_in,
                const StaffAccounts& staff);
    std::vector<PageRow> rows();

private:
    Reply desk(const PageRequest& r);
    Reply call_act(const PageRequest& r);  // a county forwards, city staff decide
    Reply version(const PageRequest& r);
    Reply act(const PageRequest& r);
    Reply file(const PageRequest& r, bool download);
    Reply filled(const PageRequest& r, const char* name);
    // The version a page's captures name, if it exists and the actor may read it.
    struct Found;
    std::variant<Found, Refusal> find_version(const PageRequest& r);

    const SiteRules& rules_;
    ReviewChain& chain_;
    SubmissionStore& store_;
    Pages& pages_;
    SignedInPages& signed_in_;
    const StaffAccounts& staff_;
};

// A refusal of the chain as a page answers it: its HTTP status by its code.
Refusal refusal_of(const common::ChainRefusal& no);

// The signed-in person as the review views name them.
Viewer viewer_of(const Session& session, const std::string& base);

// A stored upload as the browser gets it: inline or saved, under `shown_name`.
Reply stored_file_reply(const std::filesystem::path& path, const std::string& name, bool download, const std::string& shown_name);

// The calls whose desks a role has, for the home page: {title, url} each.
kainjow::mustache::data desk_links(const SiteRules& rules, const std::string& base);

}  // namespace collector
