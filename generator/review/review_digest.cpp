#include "generator/review/review_digest.hpp"

namespace gen {
namespace {

void add_expert_stage(ReviewDigest& d, const common::VersionState& state, const common::CallReview& review) {
    const common::ExpertRubric& rubric = *review.call().expert_review;
    d.scores = common::summarise(state.experts, rubric);
    for (const common::ExpertPart& p : state.experts) {
        if (p.submitted) d.totals.push_back(p.expert.name + "：" + std::to_string(common::total_of(*p.submitted, rubric)));
        if (p.conflict) d.conflicts.push_back(p.expert.name + "：" + p.conflict->text);
    }
    for (const common::Objection& o : review.objections()) {
        if (o.raised->target != state.key) continue;
        d.objections.push_back(o.raised->objector.name + "：" + o.raised->text +
                               (o.settled ? std::string(o.settled->upheld ? "（成立：" : "（不成立：") + o.settled->text + "）" : "（未处理）"));
    }
}

std::string event_line(const common::Act& e) {
    std::string line = e.held + " " + common::act_label(e.kind);
    if (e.kind == common::ActKind::annual_check) line += "（" + std::to_string(e.year) + "年度）";
    if (!e.result.empty()) line += "：" + std::string(common::result_label(e.result));
    if (!e.until.empty()) line += "，整改至" + e.until;
    if (!e.text.empty()) line += "；" + e.text;
    return line + "（" + e.actor.name + "登记）";
}

}  // namespace

std::string county_name(const Site& site, const std::string& county) { return county.empty() ? "未归属县市区" : site.units.name_of(county); }

ReviewDigest review_digest(const common::VersionState* state, const common::CallReview& review) {
    ReviewDigest d;
    if (!state) return d;
    d.stage = common::stage_label(state->stage);
    if (const common::Act* opinion = state->opinion) {
        d.opinion = std::string(opinion->recommend ? "推荐：" : "不推荐：") + opinion->text;
        d.leader = opinion->leader;
    }
    if (state->decision) d.reason = state->decision->text;
    if (review.call().expert_review) add_expert_stage(d, *state, review);
    return d;
}

std::vector<PilotDigest> pilot_digests(const Site& site, const common::CallReview& review) {
    std::vector<PilotDigest> out;
    for (const common::Pilot& p : review.pilots()) {
        PilotDigest d{p.unit_name, county_name(site, p.county), p.project, p.listed,
                      p.signed_task_book ? p.signed_task_book->at.substr(0, 10) : "", p.stage(), {}};
        for (const common::Act* e : p.events) d.events.push_back(event_line(*e));
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace gen
