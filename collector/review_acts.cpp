#include "collector/review_acts.hpp"

#include <algorithm>

#include "collector/store_from_files.hpp"
#include "common/form_validation.hpp"
#include "common/text.hpp"
#include "common/urls.hpp"

namespace collector {
namespace {

common::ChainRefusal bad(const char* code, const char* field, std::string message) { return {code, field, std::move(message)}; }

// A whole number as typed, of at most `digits` digits; nothing for anything else.
std::optional<int> typed_number(const std::string& typed, std::size_t digits) {
    if (typed.empty() || typed.size() > digits || !std::all_of(typed.begin(), typed.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoi(typed);
}

// "application-2019/pj-a/v0001" -> its key; nothing for anything else.
std::optional<common::VersionKey> parse_key(const std::string& text) {
    const auto a = text.find('/'), b = text.rfind('/');
    if (a == std::string::npos || a == b) return std::nullopt;
    const auto version = common::parse_version_name(text.substr(b + 1));
    if (!version) return std::nullopt;
    return common::VersionKey{text.substr(0, a), text.substr(a + 1, b - a - 1), *version};
}

std::optional<common::ActKind> kind_of(const std::string& name) {
    using common::ActKind;
    for (ActKind k : {ActKind::opinion, ActKind::revise, ActKind::refuse, ActKind::accept, ActKind::assign, ActKind::conflict, ActKind::score,
                      ActKind::visit, ActKind::confirm, ActKind::sign})
        if (name == common::act_name(k)) return k;
    return std::nullopt;
}

// An expert's scores as typed: score.KEY per criterion, in the rubric's
// order; a criterion left empty is left out (a draft may lack some).
std::optional<common::ChainRefusal> read_scores(const common::Call& call, const FormFields& fields, common::Act& act) {
    if (!call.expert_review) return std::nullopt;
    for (const common::Criterion& c : call.expert_review->criteria) {
        const std::string field = "score." + c.key, typed = common::trimmed(fields.get(field));
        if (typed.empty()) continue;
        const auto points = typed_number(typed, 4);
        if (!points) return bad("bad_number", field.c_str(), "“" + c.title + "”请填写0到" + std::to_string(c.max) + "之间的整数");
        act.scores.push_back({c.key, *points});
    }
    act.final = fields.get("final") == "yes";
    return std::nullopt;
}

const common::FormDef* county_form(const SiteRules& rules, const common::Call& call) {
    for (const std::string& key : call.forms)
        if (const common::FormDef* f = rules.form(key); f && f->form.submitted_by == "county") return f;
    return nullptr;
}

ActOutcome outcome(const std::variant<common::Act, common::ChainRefusal>& taken, std::string next) {
    if (const auto* no = std::get_if<common::ChainRefusal>(&taken)) return {*no, {}};
    return {std::nullopt, std::move(next)};
}

}  // namespace

ActOutcome take_version_act(ReviewChain& chain, const SiteRules& rules, const Viewer& viewer, const common::Call& call,
                            const common::VersionKey& target, const FormFields& fields, const ExpertDirectory& experts) {
    const auto kind = kind_of(fields.get("act"));
    if (!kind) return {bad("required", "act", "请选择审核结果"), {}};
    common::Act act;
    act.kind = *kind;
    act.call = call.key;
    act.actor = viewer.actor;
    act.target = target;
    // A person's reason and name, as typed, but without the spaces around them.
    act.text = common::trimmed(fields.get("text"));
    if (act.kind == common::ActKind::opinion) {
        const std::string recommend = fields.get("recommend");
        if (recommend != "yes" && recommend != "no") return {bad("required", "recommend", "请选择推荐或不推荐"), {}};
        act.recommend = recommend == "yes";
        act.leader = common::trimmed(fields.get("leader"));
    }
    if (act.kind == common::ActKind::assign) {
        const auto expert = experts ? experts(fields.get("expert")) : std::nullopt;
        if (!expert) return {bad("required", "expert", "请选择评审专家"), {}};
        act.expert = *expert;
    }
    if (act.kind == common::ActKind::score)
        if (auto no = read_scores(call, fields, act)) return {no, {}};
    // An expert's reach is the chain's to judge: their assignments.
    if (viewer.actor.role != "expert" && !may_read(viewer, act.target.unit, rules))
        return {bad("not_your_school", "", "您无权处理这个单位的申报材料"), {}};
    const auto taken = chain.take(act);
    return outcome(taken, common::review_version_url(target.form, target.unit, common::version_name(target.version)));
}

ActOutcome forward_summary(ReviewChain& chain, SubmissionStore& store, const SiteRules& rules, const Viewer& viewer,
                           const common::Call& call, const FormFields& fields) {
    const common::FormDef* summary = county_form(rules, call);
    if (!summary) return {bad("no_summary_form", "", "这项申报没有县市区汇总表"), {}};
    common::Act act;
    act.kind = common::ActKind::forward;
    act.call = call.key;
    act.actor = viewer.actor;
    act.county = viewer.actor.id;
    common::FormValues values{{"county_bureau", rules.units.name_of(viewer.actor.id)},
                              {"county_leader", common::trimmed(fields.get("county_leader"))},
                              {"county_leader_mobile", common::trimmed(fields.get("county_leader_mobile"))}};
    const std::string rows = common::row_prefix("schools", 0);
    for (int i = 0; i < common::kMaxTableRows && fields.has("selection." + std::to_string(i)); ++i) {
        const std::string n = std::to_string(i);
        const auto key = parse_key(fields.get("selection." + n));
        if (!key) return {bad("no_such_version", "selection", "汇总表中有一项不是申报材料的版本"), {}};
        act.selection.push_back(*key);
        values[common::cell_key(rows, i, "unit")] = rules.units.name_of(key->unit);
        values[common::cell_key(rows, i, "category")] = common::trimmed(fields.get("category." + n));
        values[common::cell_key(rows, i, "furong_school")] = common::trimmed(fields.get("furong_school." + n));
    }
    const auto errors = common::validate_form(summary->form, values);
    if (!errors.empty()) return {bad(errors[0].code.c_str(), errors[0].field.c_str(), errors[0].message), {}};

    const auto taken = chain.take(act, [&](common::Act& a, const common::CallReview& review) -> std::optional<common::ChainRefusal> {
        // Exactly the versions waiting to be forwarded: a stale page would forward too few or too many.
        std::vector<common::VersionKey> waiting;
        for (const common::VersionState* v : review.latest_of_county(a.county))
            if (v->stage == common::Stage::recommended) waiting.push_back(v->key);
        bool match = waiting.size() == a.selection.size();
        for (const auto& k : a.selection) match = match && std::find(waiting.begin(), waiting.end(), k) != waiting.end();
        if (!match) return bad("stale_page", "selection", "推荐项目已有变化，请刷新页面后重新确认汇总表");
        for (std::size_t i = 0; i < a.selection.size(); ++i) {
            const auto record = common::load_stored_version(store.layout(), a.selection[i], nullptr);
            values[common::cell_key(rows, static_cast<int>(i), "project")] = record.field("project_name");
        }
        common::StoredVersion record{new_receipt(a.at), summary->key, call.key, a.county, 0, a.at, rules.privacy.version, values, {},
                                     common::personal_keys(summary->form, values), common::Sealing::none};
        a.summary = {summary->key, a.county, store_from_files(store, record, {})};
        return std::nullopt;
    });
    return outcome(taken, common::review_call_url(call.key));
}

ActOutcome decide_call(ReviewChain& chain, SubmissionStore& store, const SiteRules& rules, const Viewer& viewer, const common::Call& call,
                       const FormFields& fields) {
    common::Act act;
    act.kind = common::ActKind::decide;
    act.call = call.key;
    act.actor = viewer.actor;
    act.starts = common::trimmed(fields.get("starts"));
    act.ends = common::trimmed(fields.get("ends"));
    act.text = common::trimmed(fields.get("text"));
    for (const auto& [name, value] : fields.pairs) {
        if (!common::starts_with(name, "proposed.")) continue;
        const auto key = parse_key(value);
        if (!key) return {bad("no_such_version", "proposed", "拟立项名单中有一项不是申报材料的版本"), {}};
        act.proposed.push_back({*key, rules.units.name_of(key->unit), ""});
    }
    // The chain has checked that each is an accepted version, which is on disk.
    const auto taken = chain.take(act, [&](common::Act& a, const common::CallReview&) -> std::optional<common::ChainRefusal> {
        for (common::Proposal& p : a.proposed) {
            p.project = common::load_stored_version(store.layout(), p.version, nullptr).field("project_name");
        }
        return std::nullopt;
    });
    return outcome(taken, common::review_call_url(call.key));
}

ActOutcome take_objection_act(ReviewChain& chain, const Viewer& viewer, const common::Call& call, const FormFields& fields) {
    common::Act act;
    act.call = call.key;
    act.actor = viewer.actor;
    act.text = common::trimmed(fields.get("text"));
    if (fields.get("act") == common::act_name(common::ActKind::settle)) {
        act.kind = common::ActKind::settle;
        const auto number = typed_number(fields.get("objection"), 6);
        const std::string upheld = fields.get("upheld");
        if (!number) return {bad("no_such_objection", "objection", "没有这条异议"), {}};
        if (upheld != "yes" && upheld != "no") return {bad("required", "upheld", "请选择异议是否成立"), {}};
        act.objection = *number;
        act.upheld = upheld == "yes";
    } else {
        act.kind = common::ActKind::object;
        const auto key = parse_key(fields.get("target"));
        if (!key) return {bad("required", "target", "请选择异议针对的拟立项项目"), {}};
        act.target = *key;
        act.objector = {common::trimmed(fields.get("objector_kind")), common::trimmed(fields.get("objector_name")),
                        common::trimmed(fields.get("objector_contact")), fields.get("objector_sealed") == "yes",
                        common::trimmed(fields.get("objector_received"))};
    }
    return outcome(chain.take(act), common::review_call_url(call.key));
}

ActOutcome take_registry_act(ReviewChain& chain, const Viewer& viewer, const common::Call& call, const std::string& unit, const FormFields& fields) {
    using common::ActKind;
    common::Act act;
    act.call = call.key;
    act.actor = viewer.actor;
    act.pilot = unit;
    bool known = false;
    for (ActKind k : common::kRegistryActs)
        if (fields.get("act") == common::act_name(k)) {
            act.kind = k;
            known = true;
        }
    if (!known) return {bad("required", "act", "请选择登记事项"), {}};
    act.held = common::trimmed(fields.get("held"));
    act.text = common::trimmed(fields.get("text"));
    if (act.kind == ActKind::annual_check) {
        const auto year = typed_number(common::trimmed(fields.get("year")), 4);
        if (!year) return {bad("bad_year", "year", "请填写检查的年度，如2021"), {}};
        act.year = *year;
    }
    if (act.kind == ActKind::annual_check || act.kind == ActKind::midterm) act.result = fields.get("result");
    if (act.kind == ActKind::rectify) act.until = common::trimmed(fields.get("until"));
    return outcome(chain.take(act), common::review_pilot_url(call.key, unit));
}

}  // namespace collector
