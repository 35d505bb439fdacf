#include "common/eligibility.hpp"

namespace common {

std::optional<ChainRefusal> unfinished_pilot(const SiteData& site, const Call& call, const std::string& unit,
                                             const std::vector<const CallReview*>& task_book_reviews) {
    if (!call.exclude_unfinished_pilots) return std::nullopt;
    for (const ApprovedList& list : site.lists) {
        if (list.date > call.opens) continue;
        const CallReview* review = nullptr;
        for (const CallReview* r : task_book_reviews) review = r->call().list == list.key ? r : review;
        const std::vector<Pilot> bare = review ? std::vector<Pilot>() : pilots_of(list, site.units);
        const Pilot* pilot = review ? review->pilot(unit) : nullptr;
        for (const Pilot& p : bare) pilot = p.unit == unit ? &p : pilot;
        if (pilot && !pilot->accepted_by(call.opens))
            return ChainRefusal{"ineligible", "unit", "本单位承担的" + list.title + "中的“" + pilot->project +
                                                          "”尚未完成验收，按通知要求不纳入本次申报范围"};
    }
    return std::nullopt;
}

}  // namespace common
