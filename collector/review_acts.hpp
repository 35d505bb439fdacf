#pragma once
// The review pages' forms as acts of the chain: the fields a county or city
// staff member sent become one Act, which the chain takes or refuses. A
// county's forwarding also stores its 申报汇总表 as a version of the call's
// county form, produced from the versions it recommended, not retyped.

#include <functional>
#include <optional>
#include <string>

#include "collector/exchange.hpp"
#include "collector/review_chain.hpp"
#include "collector/review_views.hpp"

namespace collector {

struct ActOutcome {
    std::optional<common::ChainRefusal> refusal;  // nothing was written
    std::string next;  // where the person goes after an act taken, relative to the site root
};

// The expert of a login, as an assignment names them; nothing for no expert.
using ExpertDirectory = std::function<std::optional<common::Expert>(const std::string& login)>;

// An act on the version `target`, the page's own: an opinion (county), a
// return (county or city), a decision, an assignment of `expert` or
// 现场考察 notes (city); a conflict of interest or a score (the expert):
// act, and recommend / text / leader / expert / score.KEY / final as the act needs.
ActOutcome take_version_act(ReviewChain& chain, const SiteRules& rules, const Viewer& viewer, const common::Call& call,
                            const common::VersionKey& target, const FormFields& fields, const ExpertDirectory& experts = {});

// A county forwards: county_leader, county_leader_mobile, and per recommended
// version selection.N ("form/unit/vNNNN"), category.N, furong_school.N.
ActOutcome forward_summary(ReviewChain& chain, SubmissionStore& store, const SiteRules& rules, const Viewer& viewer,
                           const common::Call& call, const FormFields& fields);

// City staff decide 立项 for the whole call and open the 公示: proposed.N
// ("form/unit/vNNNN") for each version proposed, starts and ends (the
// period), text (how to object). Each proposal takes the unit's and the
// project's names from its version, for the public 公示 page.
ActOutcome decide_call(ReviewChain& chain, SubmissionStore& store, const SiteRules& rules, const Viewer& viewer, const common::Call& call,
                       const FormFields& fields);

// City staff during the 公示: act "object" records an objection to the
// proposal target ("form/unit/vNNNN") with objector_kind (unit, person),
// objector_name, objector_contact, objector_sealed ("yes"), objector_received
// and text; act "settle" settles the objection number `objection`, upheld
// ("yes" or "no"), with text.
ActOutcome take_objection_act(ReviewChain& chain, const Viewer& viewer, const common::Call& call, const FormFields& fields);

// A registry act on the pilot `unit` of a task-book call (common/pilot_registry.hpp):
// act (annual_check, midterm, acceptance, rectify, terminate), held, and as
// the act needs year, result, until; text.
ActOutcome take_registry_act(ReviewChain& chain, const Viewer& viewer, const common::Call& call, const std::string& unit, const FormFields& fields);

}  // namespace collector
