#include "common/retention.hpp"

#include <algorithm>

namespace common {
namespace {

constexpr int kYearsKept = 3;

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// The pilot `unit` became on a list published after `call` closed, if any.
const Pilot* pilot_from(const Call& call, const std::string& unit, const std::vector<const CallReview*>& task_books, const SiteData& site) {
    for (const CallReview* r : task_books) {
        const ApprovedList* list = site.list(r->call().list);
        if (list && list->date >= call.deadline)
            if (const Pilot* p = r->pilot(unit)) return p;
    }
    return nullptr;
}

// The end of a call for a unit never listed: its deadline, or its 公示's last day.
std::string call_end(const CallReview& review) {
    const Act* decision = review.decision();
    return decision ? std::max(review.call().deadline, decision->ends) : review.call().deadline;
}

}  // namespace

std::string plus_years(const std::string& date, int years) {
    const int year = std::stoi(date.substr(0, 4)) + years;
    if (date.substr(5) == "02-29" && !leap(year)) return std::to_string(year) + "-03-01";
    return std::to_string(year) + date.substr(4);
}

RetentionDue retention_of(const SiteData& site, const CallReview& review, const std::vector<const CallReview*>& task_books) {
    const Call& call = review.call();
    RetentionDue out{call.key, call_end(review), "申报截止或公示结束（" + call_end(review) + "）"};
    std::vector<const Pilot*> pilots;
    for (const Pilot& p : review.pilots()) pilots.push_back(&p);
    for (const VersionState* v : review.latest())
        if (const Pilot* p = pilot_from(call, v->key.unit, task_books, site)) pilots.push_back(p);
    for (const Pilot* p : pilots) {
        const Act* end = p->end();
        if (!end) return {call.key, std::nullopt, p->unit_name + "的试点项目尚未验收或终止"};
        const std::string kept = plus_years(end->held, kYearsKept);
        if (kept > *out.due) out = {call.key, kept, p->unit_name + "的试点项目于" + end->held + "结束，保存三年"};
    }
    return out;
}

}  // namespace common
