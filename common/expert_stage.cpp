#include "common/expert_stage.hpp"

#include <algorithm>

namespace common {

int total_of(const Act& score, const ExpertRubric& rubric) {
    int total = 0;
    for (const Score& s : score.scores)
        if (const Criterion* c = rubric.criterion(s.criterion)) total += s.points * c->weight;
    return total;
}

std::optional<ScoreSummary> summarise(const std::vector<ExpertPart>& parts, const ExpertRubric& rubric) {
    std::vector<int> totals;
    for (const ExpertPart& p : parts)
        if (p.submitted) totals.push_back(total_of(*p.submitted, rubric));
    if (totals.empty()) return std::nullopt;
    std::sort(totals.begin(), totals.end());
    ScoreSummary s;
    s.count = static_cast<int>(totals.size());
    for (int t : totals) s.mean += t;
    s.mean /= s.count;
    const std::size_t mid = totals.size() / 2;
    s.median = totals.size() % 2 ? totals[mid] : (totals[mid - 1] + totals[mid]) / 2.0;
    s.spread = totals.back() - totals.front();
    s.flagged = rubric.spread_threshold > 0 && s.spread > rubric.spread_threshold;
    return s;
}

std::optional<std::string> conflict_of(const Expert& expert, const std::string& unit, const std::string& county, const ExpertRubric& rubric,
                                       const SiteData& site) {
    if (!expert.unit.empty() && expert.unit == unit) return expert.name + "是申报单位" + site.units.name_of(unit) + "的人员，须回避";
    if (rubric.county_conflict && !expert.county.empty() && expert.county == county)
        return expert.name + "与申报单位同属" + site.units.name_of(county) + "，本项申报要求回避";
    return std::nullopt;
}

}  // namespace common
