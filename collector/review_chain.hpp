#pragma once
// The collector's side of the review chain (common/review_state.hpp): acts
// are checked against the chain as it stands and stored one at a time, so
// that a check and the act it allows see the same chain (two tabs, two
// counties, a school revising while its county forwards). Each act is a
// durable file before the reply, then a git commit under its actor.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>

#include "collector/audit_log.hpp"
#include "collector/clock.hpp"
#include "collector/git_committer.hpp"
#include "collector/site_rules.hpp"
#include "collector/submission_store.hpp"
#include "common/review_state.hpp"

namespace collector {

class ReviewChain {
public:
    ReviewChain(const SiteRules& rules, SubmissionStore& store, GitCommitter& git, AuditLog& audit, const Clock& clock);

    // The chain of `call` as it stands now, for pages.
    std::unique_ptr<common::CallReview> review(const common::Call& call) const;

    // Takes `act` (number and time filled in here) if the chain allows it.
    // `before`, when given, runs under the same lock once the act is allowed,
    // with the chain the act was checked against (a forward stores its
    // 申报汇总表 there), and may refuse it in turn.
    using Before = std::function<std::optional<common::ChainRefusal>(common::Act&, const common::CallReview&)>;
    std::variant<common::Act, common::ChainRefusal> take(common::Act act, const Before& before = {});

    // Why `unit` may not apply to `call`, from the registry of every task-book call (common/eligibility.hpp).
    std::optional<common::ChainRefusal> unfinished_pilot(const common::Call& call, const std::string& unit) const;

    // Runs `fn` with the chain of `call` held still: the intake stores a new
    // version inside it, so that no act slips in between its check and its store.
    void hold(const common::Call& call, const std::function<void(const common::CallReview&)>& fn);

private:
    std::vector<common::Act> acts_of(const common::Call& call) const;
    void commit(const common::Act& act);

    const SiteRules& rules_;
    SubmissionStore& store_;
    GitCommitter& git_;
    AuditLog& audit_;
    const Clock& clock_;
    std::mutex mutex_;
};

}  // namespace collector
