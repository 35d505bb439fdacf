#pragma once
// What city staff and experts see of the expert stage (common/expert_stage.hpp),
// as data for the theme's templates: on a version's page, city staff's panel
// (who is assigned, where each stands, the scores together, whom they may
// still assign, the 现场考察 notes); for an expert, their assignments, each
// without the applicant's name when the call is anonymous, and the others'
// scores once their own is in.

#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "collector/review_views.hpp"

namespace collector {

// Adds city staff's panel to a version's view; `experts`: every expert account.
void add_expert_panel(kainjow::mustache::data& view, const Viewer& viewer, const SiteRules& rules, const common::CallReview& review,
                      const common::VersionState& state, const std::vector<common::Expert>& experts);

// Adds to city staff's desk the decision on 立项: every accepted version
// with its scores together, to propose or not, and the 公示's period and
// how to object; once taken, what was decided.
void add_decision_panel(kainjow::mustache::data& view, const Viewer& viewer, const SiteRules& rules, const common::CallReview& review);

// An expert's desk: the applications assigned to them.
kainjow::mustache::data assignments_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review);

// One application as its expert reads and scores it.
kainjow::mustache::data assignment_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review,
                                        const common::VersionState& state, const common::StoredVersion& version);

// Every final score of a version: by name for city staff, for an expert
// their own and the others' by number.
kainjow::mustache::data scores_view(const Viewer& viewer, const common::CallReview& review, const common::VersionState& state);

// How an expert's pages name the `index`-th (from 0) file of an application:
// 附件1.pdf when the call is anonymous, else as its sender named it.
std::string assignment_file_name(const common::ExpertRubric& rubric, const common::StoredFile& file, std::size_t index);

// How an expert's pages name an application: 受理第N号.
std::string assignment_title(const SiteRules& rules, const common::VersionState& state);

}  // namespace collector
