#include "collector/review_chain.hpp"

#include <algorithm>

#include "collector/durable.hpp"
#include "collector/record_commits.hpp"
#include "common/eligibility.hpp"
#include "common/stamped_scan.hpp"

namespace collector {
namespace fs = std::filesystem;

ReviewChain::ReviewChain(const SiteRules& rules, SubmissionStore& store, GitCommitter& git, AuditLog& audit, const Clock& clock)
    : rules_(rules), store_(store), git_(git), audit_(audit), clock_(clock) {}

std::vector<common::Act> ReviewChain::acts_of(const common::Call& call) const {
    common::Diagnostics diags;
    std::vector<common::Act> acts = common::load_acts(store_.layout(), call.key, store_.reader_keys(), diags);
    // An act the collector wrote and cannot read back means the data directory was edited by hand.
    if (!diags.empty()) throw common::SourceError(diags.sorted().front());
    return acts;
}

std::unique_ptr<common::CallReview> ReviewChain::review(const common::Call& call) const {
    // The chain keeps the versions of the call's forms only.
    const std::vector<common::VersionKey> versions = store_.layout().versions(common::kSubmissionRecord);
    if (call.stamped_scan != common::StampedScan::required) return std::make_unique<common::CallReview>(rules_, call, versions, acts_of(call));
    // Which hold their 盖章扫描件 only their records say: read only for a call that requires one.
    std::vector<common::VersionKey> stamped;
    for (const common::VersionKey& key : versions) {
        if (std::find(call.forms.begin(), call.forms.end(), key.form) == call.forms.end()) continue;
        if (common::has_stamped_scan(common::load_stored_version(store_.layout(), key, nullptr)))
            stamped.push_back(key);
    }
    return std::make_unique<common::CallReview>(rules_, call, versions, acts_of(call), &stamped);
}

std::optional<common::ChainRefusal> ReviewChain::unfinished_pilot(const common::Call& call, const std::string& unit) const {
    if (!call.exclude_unfinished_pilots) return std::nullopt;
    // Run at every intake of such a call: only the registry's acts are read,
    // never the stored versions, whose task books 验收 does not depend on.
    std::vector<std::unique_ptr<common::CallReview>> reviews;
    std::vector<const common::CallReview*> task_books;
    for (const common::Call& c : rules_.calls) {
        if (!c.task_books()) continue;
        reviews.push_back(std::make_unique<common::CallReview>(rules_, c, std::vector<common::VersionKey>{}, acts_of(c)));
        task_books.push_back(reviews.back().get());
    }
    return common::unfinished_pilot(rules_, call, unit, task_books);
}

void ReviewChain::hold(const common::Call& call, const std::function<void(const common::CallReview&)>& fn) {
    const std::lock_guard<std::mutex> lock(mutex_);
    fn(*review(call));
}

std::variant<common::Act, common::ChainRefusal> ReviewChain::take(common::Act act, const Before& before) {
    const common::Call* call = rules_.call(act.call);
    if (!call) return common::ChainRefusal{"no_such_call", "", "没有这项申报：" + act.call};
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto chain = review(*call);
    act.at = clock_.now_rfc3339();
    if (auto no = chain->check(act)) return *no;
    act.number = chain->next_number();
    if (before)
        if (auto no = before(act, *chain)) return *no;
    const fs::path file = store_.layout().act_file(act.call, act.number);
    // A new folder's own name must reach the disk too.
    if (fs::create_directories(file.parent_path())) {
        fsync_path(file.parent_path().parent_path());
        fsync_path(store_.layout().root());
    }
    write_durably(file, common::stored_text(act, store_.keys()));
    audit_.append({{"time", act.at}, {"event", std::string("act:") + common::act_name(act.kind)}, {"call", act.call},
                   {"number", act.number}, {"actor", act.actor.role + ":" + act.actor.id}});
    commit(act);
    return act;
}

void ReviewChain::commit(const common::Act& act) {
    git_.note(act_commit(act, rules_));
}

}  // namespace collector
