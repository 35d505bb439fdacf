#include "collector/pilot_pages.hpp"

#include "collector/pilot_views.hpp"
#include "collector/review_acts.hpp"
#include "collector/review_pages.hpp"
#include "common/urls.hpp"

namespace collector {
namespace {

const Refusal kMissing{404, "not_a_pilot", "", "没有这个试点项目", {}};

}  // namespace

PilotPages::PilotPages(const SiteRules& rules, ReviewChain& chain, Pages& pages, SignedInPages& signed_in)
    : rules_(rules), chain_(chain), pages_(pages), signed_in_(signed_in) {}

std::vector<PageRow> PilotPages::rows() {
    return {
        {"GET", common::review_pilot_route(), {Role::school, Role::county, Role::city}, [this](const PageRequest& r) { return page(r); }},
        {"POST", common::review_pilot_route(), {Role::county, Role::city}, [this](const PageRequest& r) { return act(r); }},
    };
}

Reply PilotPages::page(const PageRequest& r) {
    const common::Call* call = rules_.call(r.captures[0]);
    if (!call || !call->task_books()) return signed_in_.refuse(r.http, &r.session, kMissing);
    const Viewer viewer = viewer_of(r.session, rules_.base_path);
    // Refused before the chain is read, so that a refusal says nothing of what exists.
    if (!may_read(viewer, r.captures[1], rules_)) return signed_in_.refuse(r.http, &r.session, {403, "not_your_pilot", "", "您无权查看这个试点项目", {}});
    const auto review = chain_.review(*call);
    const common::Pilot* pilot = review->pilot(r.captures[1]);
    if (!pilot) return signed_in_.refuse(r.http, &r.session, kMissing);
    auto view = pilot_view(viewer, rules_, *review, *pilot);
    for (const auto& [name, value] : r.refill.pairs) view.set("refill_" + name, value);
    return html_reply(200, pages_.signed_in(r.session, pilot->unit_name + " · 试点项目", "review_pilot", view));
}

Reply PilotPages::act(const PageRequest& r) {
    const common::Call* call = rules_.call(r.captures[0]);
    if (!call || !call->task_books()) return signed_in_.refuse(r.http, &r.session, kMissing);
    const ActOutcome out = take_registry_act(chain_, viewer_of(r.session, rules_.base_path), *call, r.captures[1], r.form);
    if (out.refusal) return signed_in_.refuse(r.http, &r.session, refusal_of(*out.refusal));
    return see_other("/" + out.next);
}

}  // namespace collector
