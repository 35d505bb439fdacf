#include "collector/expert_pages.hpp"

#include "collector/expert_views.hpp"
#include "collector/review_acts.hpp"
#include "collector/review_pages.hpp"
#include "common/urls.hpp"

namespace collector {

struct ExpertPages::Found {
    std::unique_ptr<common::CallReview> review;
    const common::VersionState* state;
    common::StoredVersion record;
};

using kainjow::mustache::data;

ExpertPages::ExpertPages(const SiteRules& rules, ReviewChain& chain, SubmissionStore& store, Pages& pages, SignedInPages& signed_in)
    : rules_(rules), chain_(chain), store_(store), pages_(pages), signed_in_(signed_in) {}

std::vector<PageRow> ExpertPages::rows() {
    return {
        {"GET", common::assignment_route(), {Role::expert}, [this](const PageRequest& r) { return assignment(r); }},
        {"POST", common::assignment_route(), {Role::expert}, [this](const PageRequest& r) { return act(r); }},
        {"GET", common::assignment_file_route(), {Role::expert}, [this](const PageRequest& r) { return file(r); }},
        {"GET", common::assignment_scores_route(), {Role::expert, Role::city}, [this](const PageRequest& r) { return scores(r); }},
    };
}

std::variant<ExpertPages::Found, Refusal> ExpertPages::find(const PageRequest& r) {
    const common::Call* call = rules_.call(r.captures[0]);
    const Refusal missing{404, "no_such_assignment", "", "没有这份评审材料", {}};
    if (!call || !call->expert_review) return missing;
    Found found{chain_.review(*call), nullptr, {}};
    found.state = found.review->accepted_by(std::stoi(r.captures[1]));
    if (!found.state) return missing;
    if (r.session.actor.role == Role::expert) {
        const common::ExpertPart* part = found.state->part_of(r.session.actor.id);
        // The same answer whether or not the application exists: nothing is told of others'.
        if (!part || part->conflict) return Refusal{403, "not_assigned", "", "您没有被分配评审这份申报材料", {}};
    }
    const common::DataLayout& layout = store_.layout();
    found.record = common::load_stored_version(layout, found.state->key, store_.reader_keys());
    return found;
}

Reply ExpertPages::assignment(const PageRequest& r) {
    auto found = find(r);
    if (const auto* no = std::get_if<Refusal>(&found)) return signed_in_.refuse(r.http, &r.session, *no);
    const Found& f = std::get<Found>(found);
    data view = assignment_view(viewer_of(r.session, rules_.base_path), rules_, *f.review, *f.state, f.record);
    // Typed before a sign-in on expiry: shown again, never sent.
    for (const auto& [name, value] : r.refill.pairs) view.set("refill_" + name, value);
    return html_reply(200, pages_.signed_in(r.session, assignment_title(rules_, *f.state), "review_assignment", view));
}

Reply ExpertPages::act(const PageRequest& r) {
    auto found = find(r);
    if (const auto* no = std::get_if<Refusal>(&found)) return signed_in_.refuse(r.http, &r.session, *no);
    const Found& f = std::get<Found>(found);
    const ActOutcome out = take_version_act(chain_, rules_, viewer_of(r.session, rules_.base_path), f.review->call(), f.state->key, r.form);
    if (out.refusal) return signed_in_.refuse(r.http, &r.session, refusal_of(*out.refusal));
    return see_other("/" + common::assignment_url(f.review->call().key, f.state->decision->number));
}

Reply ExpertPages::file(const PageRequest& r) {
    auto found = find(r);
    if (const auto* no = std::get_if<Refusal>(&found)) return signed_in_.refuse(r.http, &r.session, *no);
    const Found& f = std::get<Found>(found);
    const std::size_t index = std::stoul(r.captures[2]) - 1;
    if (index >= f.record.files.size()) return signed_in_.refuse(r.http, &r.session, {404, "no_such_file", "", "没有这个附件", {}});
    const common::StoredFile& stored = f.record.files[index];
    return stored_file_reply(store_.layout().upload(f.record.key(), stored.name), stored.name, false,
                             assignment_file_name(*f.review->call().expert_review, stored, index));
}

Reply ExpertPages::scores(const PageRequest& r) {
    auto found = find(r);
    if (const auto* no = std::get_if<Refusal>(&found)) return signed_in_.refuse(r.http, &r.session, *no);
    const Found& f = std::get<Found>(found);
    if (r.session.actor.role == Role::expert && !f.state->part_of(r.session.actor.id)->submitted)
        return signed_in_.refuse(r.http, &r.session, {403, "scores_hidden", "", "提交本人的评分后，才能查看其他专家的评分", {}});
    const data view = scores_view(viewer_of(r.session, rules_.base_path), *f.review, *f.state);
    return html_reply(200, pages_.signed_in(r.session, assignment_title(rules_, *f.state) + " · 专家评分", "review_scores", view));
}

std::vector<common::Expert> expert_directory(const StaffAccounts& staff) {
    std::vector<common::Expert> out;
    for (const StaffMember& m : staff.experts()) out.push_back({m.login, m.name, m.unit, m.county});
    return out;
}

}  // namespace collector
