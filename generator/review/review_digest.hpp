#pragma once
// A call's review in words, as the bureau's reviewers read it offline: for
// each version where it stands and what each level said of it, the expert
// stage together (the mean and spread of the final totals, each expert's
// total, who stood aside and why, the 公示's objections with their outcome),
// and for a task-book call each pilot's line in the registry. The export's
// columns and the internal archive's call page are both made from these, so
// that the two never tell a version's story differently. Personal data
// (the 负责人, experts' and objectors' names) is in them: only the review
// part reads them.

#include <optional>
#include <string>
#include <vector>

#include "common/review_state.hpp"
#include "generator/site_model.hpp"

namespace gen {

struct ReviewDigest {
    std::string stage;    // as stage_label gives it; empty without a state
    std::string opinion;  // 推荐：… or 不推荐：…, the county's 意见
    std::string leader;   // who signed the 意见
    std::string reason;   // of a 退回修改 or 不予受理
    // The expert stage, when the call has one and the version reached it.
    std::optional<common::ScoreSummary> scores;
    std::vector<std::string> totals;      // "张专家：88", final scores only
    std::vector<std::string> conflicts;   // "陈专家：reason"
    std::vector<std::string> objections;  // "objector：text（成立：how）", "…（未处理）"
};

ReviewDigest review_digest(const common::VersionState* state, const common::CallReview& review);

struct PilotDigest {
    std::string unit, county, project, listed;
    std::string task_book;  // the day the city signed it, or empty
    std::string stage;
    std::vector<std::string> events;  // "2020-12-20 年度检查（2020年度）：合格；text（刘某登记）", in order
};

std::vector<PilotDigest> pilot_digests(const Site& site, const common::CallReview& review);

// A county's name, or 未归属县市区 for a unit without one.
std::string county_name(const Site& site, const std::string& county);

}  // namespace gen
