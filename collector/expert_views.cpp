#include "collector/expert_views.hpp"

#include <cstdio>

#include "common/urls.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;

data list() { return data{data::type::list}; }

std::string one_decimal(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", x);
    return buf;
}

const common::ExpertRubric& rubric_of(const common::CallReview& review) { return *review.call().expert_review; }

std::string part_status(const common::ExpertPart& p, const common::ExpertRubric& rubric) {
    if (p.conflict) return "已声明利益冲突（" + p.conflict->text + "）";
    if (p.submitted) return "已提交，总分" + std::to_string(common::total_of(*p.submitted, rubric));
    return p.draft ? "评分草稿已保存" : "未评分";
}

data summary_view(const common::VersionState& state, const common::ExpertRubric& rubric) {
    data v("max_total", std::to_string(rubric.max_total()));
    const auto s = common::summarise(state.experts, rubric);
    if (!s) return v;
    v.set("count", std::to_string(s->count));
    v.set("mean", one_decimal(s->mean));
    v.set("median", one_decimal(s->median));
    v.set("spread", std::to_string(s->spread));
    v.set("flagged", s->flagged);
    v.set("threshold", std::to_string(rubric.spread_threshold));
    return v;
}

// The rubric's criteria, each with the points of `score` when given.
data criteria_view(const common::ExpertRubric& rubric, const common::Act* score) {
    data items = list();
    for (const common::Criterion& c : rubric.criteria) {
        data item("key", c.key);
        item.set("title", c.title);
        item.set("max", std::to_string(c.max));
        if (c.weight != 1) item.set("weight", std::to_string(c.weight));
        if (score)
            for (const common::Score& s : score->scores)
                if (s.criterion == c.key) item.set("points", std::to_string(s.points));
        items.push_back(item);
    }
    return items;
}

}  // namespace

std::string assignment_file_name(const common::ExpertRubric& rubric, const common::StoredFile& file, std::size_t index) {
    return rubric.anonymous ? "附件" + std::to_string(index + 1) + file.name.substr(file.name.rfind('.')) : file.original_name;
}

std::string assignment_title(const SiteRules& rules, const common::VersionState& state) {
    const common::FormDef* form = rules.form(state.key.form);
    return "受理第" + std::to_string(state.decision->number) + "号" + (form ? "：" + form->form.title : "");
}

void add_expert_panel(data& v, const Viewer& viewer, const SiteRules& rules, const common::CallReview& review, const common::VersionState& state,
                      const std::vector<common::Expert>& experts) {
    const bool open = state.stage == common::Stage::accepted;
    if (!review.call().expert_review || !(open || state.stage == common::Stage::proposed || state.stage == common::Stage::not_proposed)) return;
    const common::ExpertRubric& rubric = rubric_of(review);
    v.set("expert_stage", true);
    data parts = list();
    for (const common::ExpertPart& p : state.experts) {
        data item("name", p.expert.name);
        if (!p.expert.unit.empty()) item.set("unit", rules.units.name_of(p.expert.unit));
        item.set("status", part_status(p, rubric));
        parts.push_back(item);
    }
    v.set("expert_parts", parts);
    v.set("has_expert_parts", !parts.is_empty_list());
    v.set("score_summary", summary_view(state, rubric));
    v.set("scores_url", viewer.base + common::assignment_scores_url(review.call().key, state.decision->number));
    // Whom the city may still assign: conflicts of interest are left out, and said why.
    data choices = list(), excluded = list();
    for (const common::Expert& e : experts) {
        if (state.part_of(e.login) && !state.part_of(e.login)->conflict) continue;
        const auto why = state.part_of(e.login) ? std::optional<std::string>(e.name + "已声明利益冲突")
                                                 : common::conflict_of(e, state.key.unit, state.county, rubric, rules);
        data item("login", e.login);
        item.set("name", e.name);
        if (why) item.set("why", *why);
        (why ? excluded : choices).push_back(item);
    }
    v.set("expert_choices", choices);
    v.set("may_assign", open && !choices.is_empty_list());
    v.set("expert_excluded", excluded);
    v.set("has_expert_excluded", !excluded.is_empty_list());
    data visits = list();
    for (const common::Act* a : state.visits) {
        data item("at", minute(a->at));
        item.set("actor", a->actor.name);
        item.set("text", a->text);
        visits.push_back(item);
    }
    v.set("visits", visits);
    v.set("has_visits", !visits.is_empty_list());
    v.set("may_visit", open);
}

void add_decision_panel(data& v, const Viewer& viewer, const SiteRules& rules, const common::CallReview& review) {
    if (const common::Act* d = review.decision()) {
        data taken("count", std::to_string(d->proposed.size()));
        taken.set("starts", d->starts);
        taken.set("ends", d->ends);
        taken.set("publicity_url", viewer.base + common::publicity_url(review.call().key));
        data proposals = list();
        for (const common::Proposal& p : d->proposed) {
            data item("key", p.version.shown());
            item.set("unit", p.unit_name);
            item.set("project", p.project);
            const common::VersionState* s = review.state(p.version);
            item.set("struck", s && s->stage == common::Stage::not_proposed);
            proposals.push_back(item);
        }
        taken.set("proposals", proposals);
        data objections = list();
        for (const common::Objection& o : review.objections()) {
            const common::Act& a = *o.raised;
            data item("number", std::to_string(a.number));
            item.set("unit", rules.units.name_of(a.target.unit));
            item.set("objector", a.objector.name + (a.objector.kind == "unit" ? "（单位，已盖章）" : "（个人）") + "，" + a.objector.contact);
            item.set("received", a.objector.received);
            item.set("text", a.text);
            if (o.settled) item.set("outcome", std::string(o.settled->upheld ? "异议成立，该项目不列入名单：" : "异议不成立：") + o.settled->text);
            objections.push_back(item);
        }
        taken.set("objections", objections);
        taken.set("has_objections", !objections.is_empty_list());
        taken.set("act_url", viewer.base + common::review_call_url(review.call().key));
        v.set("decision", taken);
        return;
    }
    data rows = list();
    for (const common::VersionState* s : review.latest()) {
        if (s->stage != common::Stage::accepted) continue;
        data row("key", s->key.shown());
        row.set("index", std::to_string(rows.list_value().size()));
        row.set("unit", rules.units.name_of(s->key.unit));
        row.set("url", viewer.base + common::review_version_url(s->key.form, s->key.unit, common::version_name(s->key.version)));
        if (review.call().expert_review) row.set("summary", summary_view(*s, rubric_of(review)));
        rows.push_back(row);
    }
    v.set("to_decide", rows);
    v.set("decide_url", viewer.base + common::review_call_url(review.call().key));
    v.set("may_decide_call", !rows.is_empty_list());
}

data assignments_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review) {
    data rows = list();
    for (const common::VersionState* s : review.assigned_to(viewer.actor.id)) {
        data row("url", viewer.base + common::assignment_url(review.call().key, s->decision->number));
        row.set("title", assignment_title(rules, *s));
        row.set("status", part_status(*s->part_of(viewer.actor.id), rubric_of(review)));
        rows.push_back(row);
    }
    data v("assignments", rows);
    v.set("has_assignments", !rows.is_empty_list());
    return v;
}

data assignment_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review, const common::VersionState& state,
                     const common::StoredVersion& version) {
    const common::ExpertRubric& rubric = rubric_of(review);
    const common::ExpertPart& part = *state.part_of(viewer.actor.id);
    const int number = state.decision->number;
    const std::string page = viewer.base + common::assignment_url(review.call().key, number);
    const common::FormDef* form = rules.form(version.form);
    const common::Form none;
    data v("title", assignment_title(rules, state));
    v.set("desk_url", viewer.base + common::review_call_url(review.call().key));
    v.set("act_url", page);
    v.set("anonymous", rubric.anonymous);
    v.set("values", values_view(form ? form->form : none, version, rubric.anonymous));
    data files = list();
    for (std::size_t i = 0; i < version.files.size(); ++i) {
        const common::StoredFile& f = version.files[i];
        data item("url", viewer.base + common::assignment_file_url(review.call().key, number, i));
        item.set("name", assignment_file_name(rubric, f, i));
        item.set("bytes", std::to_string(f.bytes));
        files.push_back(item);
    }
    v.set("files", files);
    v.set("has_files", !files.is_empty_list());
    const common::Act* shown = part.submitted ? part.submitted : part.draft;
    v.set("criteria", criteria_view(rubric, shown));
    v.set("max_total", std::to_string(rubric.max_total()));
    if (shown) v.set("comment", shown->text);
    v.set("submitted", part.submitted != nullptr);
    if (part.submitted) {
        v.set("total", std::to_string(common::total_of(*part.submitted, rubric)));
        v.set("scores_url", page + "scores/");
    }
    v.set("has_draft", part.draft != nullptr && !part.submitted);
    return v;
}

data scores_view(const Viewer& viewer, const common::CallReview& review, const common::VersionState& state) {
    const common::ExpertRubric& rubric = rubric_of(review);
    const bool city = viewer.actor.role == "city";
    data rows = list();
    int others = 0;
    for (const common::ExpertPart& p : state.experts) {
        if (!p.submitted) continue;
        const bool own = p.expert.login == viewer.actor.id;
        data row("expert", city ? p.expert.name : own ? std::string("本人") : "其他专家" + std::to_string(++others));
        data points = list();
        for (const common::Criterion& c : rubric.criteria)
            for (const common::Score& s : p.submitted->scores)
                if (s.criterion == c.key) points.push_back(data("points", std::to_string(s.points)));
        row.set("points", points);
        row.set("total", std::to_string(common::total_of(*p.submitted, rubric)));
        row.set("comment", p.submitted->text);
        rows.push_back(row);
    }
    data v("rows", rows);
    v.set("criteria", criteria_view(rubric, nullptr));
    v.set("summary", summary_view(state, rubric));
    v.set("back_url", viewer.base + (city ? common::review_version_url(state.key.form, state.key.unit, common::version_name(state.key.version))
                                          : common::assignment_url(review.call().key, state.decision->number)));
    return v;
}

}  // namespace collector
