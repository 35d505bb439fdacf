#pragma once
// The 名单 of a call from the city's decision, once its 公示 is over: in the
// format of data/lists/ (a file the bureau commits, so that git shows the
// list as a reviewable diff), whose page, XLSX and CSV the site then builds
// as for any list. The leaders' names come from the applications: the
// published 名单 names each project's 负责人, as the bureau's notices do.

#include <filesystem>
#include <string>
#include <vector>

#include "common/diagnostic.hpp"
#include "generator/review/submissions_loader.hpp"
#include "generator/site_model.hpp"

namespace gen {

// out: e.g. data/lists/2019.json.
struct ListOptions : CallFiles {
    std::string today;  // YYYY-MM-DD: the list comes only after the 公示's last day
    std::string title;  // of the list; by default the call's, as a 名单
};

// The list as data/lists/ holds it; errors in diags when the call has no
// decision, its 公示 is not over, or an objection is not settled.
std::string decided_list_json(const Site& site, const Call& call, const ListOptions& options, common::Diagnostics& diags);

// Loads, checks and writes; the errors, if any (nothing is written then).
std::vector<common::Diagnostic> write_decided_list(const ListOptions& options);

}  // namespace gen
