#pragma once
// The review pages' forms as acts of the chain: the fields a county or city
// staff member sent become one Act, which the chain takes or refuses. A
// county's forwarding also stores its 申报汇总表 as a version of the call's
// county form, produced from the versions it recommended, not retyped.

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

// An opinion (county), a return (county or city) or a decision (city) on
// the version `target`, the page's own: act, and recommend / text / leader
// as the act needs.
ActOutcome take_version_act(ReviewChain& chain, const SiteRules& rules, const Viewer& viewer, const common::Call& call,
                            const common::VersionKey& target, const FormFields& fields);

// A county forwards: county_leader, county_leader_mobile, and per recommended
// version selection.N ("form/unit/vNNNN"), category.N, furong_school.N.
ActOutcome forward_summary(ReviewChain& chain, SubmissionStore& store, const SiteRules& rules, const Viewer& viewer,
                           const common::Call& call, const FormFields& fields);

}  // namespace collector
