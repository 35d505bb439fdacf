#pragma once
// How long a call's personal data is kept, as data/privacy.json promises:
// 保存至相关试点项目验收完成后三年. A pilot's data is kept three years past
// its end (验收 passed, or 终止); a unit never listed, until the call ends
// (its deadline, or the last day of its 公示). A call's data is sealed
// under one key (data_keys.hpp), so the call is due when the last of its
// units is: never while one of its pilots still runs.

#include <optional>
#include <string>
#include <vector>

#include "common/review_state.hpp"
#include "common/site_data.hpp"

namespace common {

struct RetentionDue {
    std::string call;
    std::optional<std::string> due;  // YYYY-MM-DD, the first day it may be forgotten; none while a pilot runs
    std::string why;                 // in Chinese: what sets the day
};

// `review`: the call's; `task_books`: the reviews of every task-book call,
// whose registries say when each pilot ended.
RetentionDue retention_of(const SiteData& site, const CallReview& review, const std::vector<const CallReview*>& task_books);

// YYYY-MM-DD plus whole years; 29 February becomes 1 March in a common year.
std::string plus_years(const std::string& date, int years);

}  // namespace common
