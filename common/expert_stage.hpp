#pragma once
// The expert stage of an accepted application, folded from its acts: who is
// assigned, who declared a conflict of interest, each expert's draft and
// final score, and what the final scores say together.

#include <optional>
#include <string>
#include <vector>

#include "common/review_act.hpp"
#include "common/site_data.hpp"

namespace common {

// One expert's part in the review of one version.
struct ExpertPart {
    Expert expert;
    const Act* assigned = nullptr;
    const Act* conflict = nullptr;   // declared: the assignment has ended
    const Act* draft = nullptr;      // the latest draft, until the final score
    const Act* submitted = nullptr;  // the final score
};

// The weighted total of a score act under the rubric.
int total_of(const Act& score, const ExpertRubric& rubric);

// The final totals of a version: their mean, median and spread (highest
// minus lowest), flagged when the spread is above the call's threshold.
struct ScoreSummary {
    int count = 0;
    double mean = 0, median = 0;
    int spread = 0;
    bool flagged = false;
};
std::optional<ScoreSummary> summarise(const std::vector<ExpertPart>& parts, const ExpertRubric& rubric);

// Why `expert` may not review an application of `unit` in `county`, in
// Chinese; nothing when they may. Their own unit always conflicts, their
// county when the call says so.
std::optional<std::string> conflict_of(const Expert& expert, const std::string& unit, const std::string& county, const ExpertRubric& rubric,
                                       const SiteData& site);

}  // namespace common
