#pragma once
// The pilot registry: each pilot from its 立项 to its end. A pilot is a
// unit on a published list (data/lists/), 立项 on the list's date; the acts
// of the list's task-book call then record its task book and, in order, its
// 年度检查, its 中期评估 and its end: 验收 passed, or 限期整改 (which another
// 验收 or a 终止 follows), or 终止. Whether a unit may apply to a call that
// excludes unfinished pilots is judged from here (eligibility.hpp).

#include <optional>
#include <string>
#include <vector>

#include "common/review_act.hpp"
#include "common/site_data.hpp"

namespace common {

struct Pilot {
    std::string unit, unit_name, project, county;
    std::string list, listed;        // the list's key and date: 立项
    const Act* signed_task_book = nullptr;  // the city's signing (甲方) of its task book
    std::vector<const Act*> events;  // the registry's acts on this pilot, in order

    const Act* last_event() const { return events.empty() ? nullptr : events.back(); }
    // The act that ended it: 验收 passed or 终止; nullptr while it runs.
    const Act* end() const;
    // 验收 passed on or before `date`.
    bool accepted_by(const std::string& date) const;
    // Where it stands, as the public registry page and the desks read it.
    std::string stage() const;
};

// The pilots of a list, in its order, with no event yet: entries naming a school only.
std::vector<Pilot> pilots_of(const ApprovedList& list, const Units& units);

// One event as the registry's pages list it: 2021年度检查：合格, 中期评估：良好, 限期整改（整改期限至2023-06-30）, 验收通过.
std::string event_text(const Act& event);

// A result of a 年度检查 or 中期评估 as people read it: 优秀, 良好, 合格, 不合格; empty for none other.
const char* result_label(const std::string& result);
inline constexpr const char* kResults[] = {"excellent", "good", "pass", "fail"};

// Whether the registry act `act` may be recorded on `pilot` (nullptr: the
// unit has no pilot on the call's list) by its actor, on the day of act.at.
std::optional<ChainRefusal> check_registry(const Act& act, const Pilot* pilot, const SiteData& site);

}  // namespace common
