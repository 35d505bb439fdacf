#pragma once
// Who may apply to a call that excludes unfinished pilots (the 2019 call:
// "已承担…试点项目、尚未完成验收的单位不纳入本次申报范围"), judged from the
// pilot registry as it stood on the day the call opened: a pilot listed by
// then and not yet through 验收 bars its unit.

#include <optional>
#include <string>
#include <vector>

#include "common/review_state.hpp"

namespace common {

// Why `unit` may not apply to `call`; nothing when it may, or when the call
// excludes no one. `task_book_reviews`: the chains of the task-book calls,
// whose acts hold their lists' registry; a list without one has pilots with
// no event, never accepted.
std::optional<ChainRefusal> unfinished_pilot(const SiteData& site, const Call& call, const std::string& unit,
                                             const std::vector<const CallReview*>& task_book_reviews);

}  // namespace common
