#include "common/review_state.hpp"

#include <algorithm>

#include "common/calendar.hpp"
#include "common/enum_names.hpp"

namespace common {
namespace {

constexpr EnumName<Stage> kStageRows[] = {
    {Stage::received, "received", "已收到"},
    {Stage::recommended, "recommended", "县级意见：推荐"},
    {Stage::not_recommended, "not_recommended", "县级意见：不推荐"},
    {Stage::forwarded, "forwarded", "已报送市局"},
    {Stage::accepted, "accepted", "受理"},
    {Stage::revise, "revise", "退回修改"},
    {Stage::refused, "refused", "不予受理"},
    {Stage::proposed, "proposed", "拟立项"},
    {Stage::not_proposed, "not_proposed", "未立项"},
    {Stage::confirmed, "confirmed", "乙方已确认"},
    {Stage::signed_off, "signed", "已签订"},
};

ChainRefusal refusal(const char* code, const char* field, std::string message) { return {code, field, std::move(message)}; }

bool decided(Stage s) {
    return s == Stage::accepted || s == Stage::revise || s == Stage::refused || s == Stage::proposed || s == Stage::not_proposed;
}

// Accepted, and perhaps decided on since: its expert stage stands.
bool was_accepted(const VersionState& v) { return v.decision && v.decision->kind == ActKind::accept; }

bool expert_stage(ActKind k) { return k == ActKind::assign || k == ActKind::conflict || k == ActKind::score || k == ActKind::visit; }

// The acts of a task-book call: the task book's own and the registry's; revise is in both chains.
bool task_book_act(ActKind k) { return k == ActKind::confirm || k == ActKind::sign || registry_act(k); }

ExpertPart* part_in(VersionState& v, const std::string& login) { return const_cast<ExpertPart*>(v.part_of(login)); }

}  // namespace

// Refused while the call requires the 盖章扫描件 and the version has none.
ChainRefusal CallReview::scan_missing(const VersionState& v) const {
    return refusal("scan_missing", "stamped_scan",
                   site_.units.name_of(v.key.unit) + "的申报材料待上传盖章扫描件：须由学校打印本版填好的表格，盖章、签字后扫描上传，才能报送或受理");
}

const ExpertPart* VersionState::part_of(const std::string& login) const {
    // The newest part: an expert whose conflict ended an assignment has no other.
    for (auto it = experts.rbegin(); it != experts.rend(); ++it)
        if (it->expert.login == login) return &*it;
    return nullptr;
}

const char* stage_name(Stage stage) { return name_of(kStageRows, stage).key; }
const char* stage_label(Stage stage) { return name_of(kStageRows, stage).label; }

const std::vector<Stage>& chain_stages(const Call& call) {
    static const std::vector<Stage> applications = {Stage::received, Stage::recommended, Stage::not_recommended, Stage::forwarded, Stage::accepted,
                                                    Stage::revise,   Stage::refused,     Stage::proposed,        Stage::not_proposed};
    static const std::vector<Stage> task_books = {Stage::received, Stage::confirmed, Stage::signed_off, Stage::revise};
    return call.task_books() ? task_books : applications;
}

CallReview::CallReview(const SiteData& site, const Call& call, const std::vector<VersionKey>& versions, std::vector<Act> acts,
                       const std::vector<VersionKey>* stamped)
    : site_(site), call_(call), acts_(std::move(acts)) {
    for (const VersionKey& key : versions) {
        const FormDef* form = site_.form(key.form);
        if (!form || form->form.submitted_by != "school") continue;
        if (std::find(call_.forms.begin(), call_.forms.end(), key.form) == call_.forms.end()) continue;
        VersionState& v = versions_[key.form][key.unit][key.version];
        v.key = key;
        v.county = site_.units.county_of(key.unit);
        v.awaiting_scan = stamped && call_.stamped_scan == StampedScan::required && std::find(stamped->begin(), stamped->end(), key) == stamped->end();
    }
    for (auto& [form, units] : versions_)
        for (auto& [unit, by_version] : units) by_version.rbegin()->second.latest = true;
    if (const ApprovedList* list = call_.task_books() ? site_.list(call_.list) : nullptr) pilots_ = pilots_of(*list, site_.units);
    for (const Act& a : acts_) apply(a);
}

const Pilot* CallReview::pilot(const std::string& unit) const {
    for (const Pilot& p : pilots_)
        if (p.unit == unit) return &p;
    return nullptr;
}

const VersionState* CallReview::state(const VersionKey& key) const {
    const auto f = versions_.find(key.form);
    if (f == versions_.end()) return nullptr;
    const auto u = f->second.find(key.unit);
    if (u == f->second.end()) return nullptr;
    const auto v = u->second.find(key.version);
    return v == u->second.end() ? nullptr : &v->second;
}

std::vector<const VersionState*> CallReview::latest() const {
    std::vector<const VersionState*> out;
    for (const auto& [form, units] : versions_)
        for (const auto& [unit, by_version] : units) out.push_back(&by_version.rbegin()->second);
    return out;
}

std::vector<const VersionState*> CallReview::latest_of_county(const std::string& county) const {
    std::vector<const VersionState*> out;
    for (const VersionState* v : latest())
        if (v->county == county) out.push_back(v);
    return out;
}

int CallReview::recommended(const std::string& county) const {
    int n = 0;
    for (const VersionState* v : latest_of_county(county))
        n += v->opinion && v->opinion->recommend && v->stage != Stage::refused ? 1 : 0;
    return n;
}

const VersionState* CallReview::accepted_by(int number) const {
    for (const VersionState* v : latest())
        if (was_accepted(*v) && v->decision->number == number) return v;
    return nullptr;
}

std::vector<const VersionState*> CallReview::assigned_to(const std::string& login) const {
    std::vector<const VersionState*> out;
    for (const VersionState* v : latest())
        if (was_accepted(*v) && v->part_of(login) && !v->part_of(login)->conflict) out.push_back(v);
    std::sort(out.begin(), out.end(), [](const VersionState* a, const VersionState* b) { return a->decision->number < b->decision->number; });
    return out;
}

int CallReview::quota(const std::string& county) const { return call_.quota.empty() ? -1 : site_.quota_of(call_.quota, county); }

void CallReview::apply(const Act& a) {
    auto at = [&](const VersionKey& key) { return const_cast<VersionState*>(state(key)); };
    if (registry_act(a.kind)) {
        if (Pilot* p = const_cast<Pilot*>(pilot(a.pilot))) p->events.push_back(&a);
        return;
    }
    if (a.kind == ActKind::settle) {
        for (Objection& o : objections_)
            if (o.raised->number == a.objection) {
                o.settled = &a;
                VersionState* v = at(o.raised->target);
                if (a.upheld && v) v->stage = Stage::not_proposed;
            }
        return;
    }
    if (a.kind == ActKind::object) {
        objections_.push_back({&a, nullptr});
        return;
    }
    if (a.kind == ActKind::decide) {
        decision_ = &a;
        for (const VersionState* s : latest()) {
            if (s->stage != Stage::accepted) continue;
            VersionState* v = at(s->key);
            const bool yes = std::any_of(a.proposed.begin(), a.proposed.end(), [&](const Proposal& p) { return p.version == v->key; });
            v->stage = yes ? Stage::proposed : Stage::not_proposed;
            v->history.push_back(&a);
        }
        return;
    }
    if (a.kind == ActKind::forward) {
        for (const VersionKey& key : a.selection)
            if (VersionState* v = at(key)) {
                v->stage = Stage::forwarded;
                v->history.push_back(&a);
            }
        return;
    }
    VersionState* v = at(a.target);
    if (!v) return;
    if (expert_stage(a.kind)) return apply_expert(a, *v);
    v->history.push_back(&a);
    if (a.kind == ActKind::confirm || a.kind == ActKind::sign) {
        v->stage = a.kind == ActKind::confirm ? Stage::confirmed : Stage::signed_off;
        Pilot* p = const_cast<Pilot*>(pilot(v->key.unit));
        if (p && a.kind == ActKind::sign) p->signed_task_book = &a;
        return;
    }
    if (a.kind == ActKind::opinion) {
        v->opinion = &a;
        v->stage = a.recommend ? Stage::recommended : Stage::not_recommended;
        return;
    }
    v->decision = &a;
    v->stage = a.kind == ActKind::accept ? Stage::accepted : a.kind == ActKind::revise ? Stage::revise : Stage::refused;
}

void CallReview::apply_expert(const Act& a, VersionState& v) {
    if (a.kind == ActKind::assign) {
        v.experts.push_back({a.expert, &a, nullptr, nullptr, nullptr});
        return;
    }
    if (a.kind == ActKind::visit) {
        v.visits.push_back(&a);
        return;
    }
    ExpertPart* part = part_in(v, a.actor.id);
    if (!part) return;
    if (a.kind == ActKind::conflict) part->conflict = &a;
    else (a.final ? part->submitted : part->draft) = &a;
}

std::optional<ChainRefusal> CallReview::check_new_version(const std::string& form, const std::string& unit) const {
    const auto f = versions_.find(form);
    if (f == versions_.end() || !f->second.count(unit)) return std::nullopt;
    const VersionState& v = f->second.at(unit).rbegin()->second;
    if (v.stage == Stage::forwarded) return refusal("stage_closed", "", "申报材料已由县市区教育局报送市局，不能再修改；如需修改，请联系县市区教育局");
    if (v.stage == Stage::confirmed || v.stage == Stage::signed_off)
        return refusal("stage_closed", "", std::string("计划任务书") + stage_label(v.stage) + "，不能再修改；如需修改，请联系" +
                                               (v.stage == Stage::confirmed ? "县市区教育局" : "市局"));
    if (decided(v.stage) && v.stage != Stage::revise)
        return refusal("stage_closed", "", std::string("申报材料已") + stage_label(v.stage) + "，不能再修改");
    return std::nullopt;
}

std::optional<ChainRefusal> CallReview::check(const Act& a) const {
    if (a.kind != ActKind::revise && call_.task_books() != task_book_act(a.kind))
        return refusal("not_in_this_call", "act", std::string(act_label(a.kind)) + "不属于" + call_.title + "的办理环节");
    if (registry_act(a.kind)) return check_registry(a, pilot(a.pilot), site_);
    if (a.kind == ActKind::forward) return check_forward(a);
    if (a.kind == ActKind::decide) return check_decide(a);
    if (a.kind == ActKind::object) return check_objection(a);
    if (a.kind == ActKind::settle) return check_settle(a);
    const VersionState* v = state(a.target);
    if (!v) return refusal("no_such_version", "version", "没有这一版申报材料：" + a.target.shown());
    if (!v->latest) return refusal("not_latest", "version", "这不是该单位最新的一版申报材料，请刷新页面后查看最新一版");
    if (call_.task_books()) return check_task_book(a, *v);
    if (a.kind == ActKind::opinion) return check_opinion(a, *v);
    if (expert_stage(a.kind)) return check_expert_stage(a, *v);
    return check_decision(a, *v);
}

std::optional<ChainRefusal> CallReview::check_opinion(const Act& a, const VersionState& v) const {
    const County* county = site_.units.county(v.county);
    if (a.actor.role != "county") return refusal("wrong_role", "", "县级意见由县市区教育局填写");
    if (a.actor.id != v.county) return refusal("not_your_school", "", "这所学校不属于本县市区，不能填写意见");
    if (county && county->applies_to_city) return refusal("no_county_stage", "", "市直学校直接向市局申报，不经县级意见");
    if (v.stage != Stage::received && v.stage != Stage::recommended && v.stage != Stage::not_recommended)
        return refusal("stage_closed", "", std::string("这份申报材料已") + stage_label(v.stage) + "，县级意见不能再修改");
    if (a.text.empty()) return refusal("required", "text", "请填写县级意见");
    if (a.leader.empty()) return refusal("required", "leader", "请填写负责人姓名");
    const bool counted = v.opinion && v.opinion->recommend;
    const int limit = quota(v.county);
    if (a.recommend && !counted && limit >= 0 && recommended(v.county) >= limit)
        return refusal("beyond_quota", "recommend",
                       "本县市区的申报名额为" + std::to_string(limit) + "个，已推荐" + std::to_string(recommended(v.county)) +
                           "个；如要推荐这一所，请先把另一所改为不推荐");
    return std::nullopt;
}

std::optional<ChainRefusal> CallReview::check_forward(const Act& a) const {
    if (a.actor.role != "county" || a.actor.id != a.county) return refusal("wrong_role", "", "申报汇总表由县市区教育局报送");
    int waiting = 0;
    for (const VersionState* v : latest_of_county(a.county)) {
        if (v->stage == Stage::received)
            return refusal("opinion_missing", "", site_.units.name_of(v->key.unit) + "的申报材料还没有县级意见，请先填写");
        if (v->stage == Stage::recommended && v->awaiting_scan) return scan_missing(*v);
        waiting += v->stage == Stage::recommended ? 1 : 0;
    }
    if (waiting == 0) return refusal("nothing_to_forward", "", "没有待报送的推荐项目");
    return std::nullopt;
}

std::optional<ChainRefusal> CallReview::check_county_return(const Act& a, const VersionState& v) const {
    const County* county = site_.units.county(v.county);
    if (a.actor.id != v.county) return refusal("not_your_school", "", "这所学校不属于本县市区，不能退回");
    if (county && county->applies_to_city) return refusal("no_county_stage", "", "市直学校直接向市局申报，不经县级审核");
    if (v.stage != Stage::received && v.stage != Stage::recommended && v.stage != Stage::not_recommended)
        return refusal("stage_closed", "", std::string("这份申报材料已") + stage_label(v.stage) + "，县市区教育局不能再退回");
    if (a.text.empty()) return refusal("required", "text", "请填写退回修改的理由");
    return std::nullopt;
}

std::optional<ChainRefusal> CallReview::check_decision(const Act& a, const VersionState& v) const {
    // 退回修改 at each level: a county may return its own school's version before forwarding it.
    if (a.kind == ActKind::revise && a.actor.role == "county") return check_county_return(a, v);
    if (a.actor.role != "city") return refusal("wrong_role", "", "只有市局工作人员可以受理、退回或不予受理");
    const County* county = site_.units.county(v.county);
    const bool direct = county && county->applies_to_city;
    if (decided(v.stage)) return refusal("stage_closed", "", std::string("这份申报材料已") + stage_label(v.stage));
    if (!direct && v.stage != Stage::forwarded) return refusal("not_forwarded", "", "县市区教育局还没有报送这份申报材料");
    if (a.kind == ActKind::accept && v.awaiting_scan) return scan_missing(v);
    if (a.kind != ActKind::accept && a.text.empty()) return refusal("required", "text", std::string("请填写") + act_label(a.kind) + "的理由");
    return std::nullopt;
}

std::optional<ChainRefusal> CallReview::check_expert_stage(const Act& a, const VersionState& v) const {
    if (!call_.expert_review) return refusal("no_expert_review", "", "这项申报没有专家评审环节");
    const bool by_city = a.kind == ActKind::assign || a.kind == ActKind::visit;
    if (by_city && a.actor.role != "city") return refusal("wrong_role", "", std::string(act_label(a.kind)) + "由市局工作人员办理");
    if (!by_city && a.actor.role != "expert") return refusal("wrong_role", "", std::string(act_label(a.kind)) + "由评审专家本人办理");
    if (v.stage == Stage::proposed || v.stage == Stage::not_proposed) return refusal("stage_closed", "", "这项申报已作出立项决定，专家评审已经结束");
    if (v.stage != Stage::accepted) return refusal("not_accepted", "", "这份申报材料还没有受理，不能进入专家评审");
    const ExpertPart* part = v.part_of(by_city ? a.expert.login : a.actor.id);
    if (a.kind == ActKind::visit) return a.text.empty() ? refusal("required", "text", "请填写现场考察情况") : std::optional<ChainRefusal>();
    if (a.kind == ActKind::score) return check_score(a, part);
    if (a.kind == ActKind::conflict) {
        if (!part || part->conflict) return refusal("not_assigned", "", "您没有被分配评审这份申报材料");
        if (part->submitted) return refusal("already_submitted", "", "您已提交评分，不能再声明利益冲突；请与市局联系");
        if (a.text.empty()) return refusal("required", "text", "请说明利益冲突的情况");
        return std::nullopt;
    }
    if (a.expert.login.empty()) return refusal("required", "expert", "请选择评审专家");
    if (part && part->conflict) return refusal("conflict_of_interest", "expert", a.expert.name + "已声明与这份申报材料有利益冲突，须回避");
    if (part) return refusal("already_assigned", "expert", a.expert.name + "已被分配评审这份申报材料");
    if (const auto why = conflict_of(a.expert, v.key.unit, v.county, *call_.expert_review, site_)) return refusal("conflict_of_interest", "expert", *why);
    return std::nullopt;
}

std::optional<ChainRefusal> CallReview::check_score(const Act& a, const ExpertPart* part) const {
    if (!part) return refusal("not_assigned", "", "您没有被分配评审这份申报材料，不能评分");
    if (part->conflict) return refusal("conflict_of_interest", "", "您已声明与这份申报材料有利益冲突，不能评分");
    if (part->submitted) return refusal("already_submitted", "", "您已提交这份申报材料的评分，不能再修改");
    const ExpertRubric& rubric = *call_.expert_review;
    for (const Score& s : a.scores) {
        const Criterion* c = rubric.criterion(s.criterion);
        if (!c) return refusal("bad_criterion", "score", "评分标准中没有这一项：" + s.criterion);
        if (s.points > c->max)
            return refusal("above_maximum", ("score." + c->key).c_str(),
                           c->title + "最高" + std::to_string(c->max) + "分，不能评" + std::to_string(s.points) + "分");
    }
    if (!a.final) return std::nullopt;
    for (const Criterion& c : rubric.criteria) {
        const bool given = std::any_of(a.scores.begin(), a.scores.end(), [&](const Score& s) { return s.criterion == c.key; });
        if (!given) return refusal("required", ("score." + c.key).c_str(), "请为“" + c.title + "”评分");
    }
    if (a.text.empty()) return refusal("required", "text", "请填写评审意见");
    return std::nullopt;
}

// One decision for the whole call, once every expert has scored or stood
// aside: the 公示 then names the proposals, which no later act may change.
std::optional<ChainRefusal> CallReview::check_decide(const Act& a) const {
    if (a.actor.role != "city") return refusal("wrong_role", "", "立项决定由市局工作人员作出");
    if (decision_) return refusal("stage_closed", "", "这项申报已作出立项决定并公示");
    int accepted = 0;
    for (const VersionState* v : latest()) {
        if (v->stage != Stage::accepted) continue;
        ++accepted;
        if (!call_.expert_review) continue;
        const bool scored = std::any_of(v->experts.begin(), v->experts.end(), [](const ExpertPart& p) { return p.submitted; });
        const bool open = std::any_of(v->experts.begin(), v->experts.end(), [](const ExpertPart& p) { return !p.submitted && !p.conflict; });
        if (!scored || open)
            return refusal("review_open", "", "受理第" + std::to_string(v->decision->number) + "号的专家评审还没有结束：" +
                                                 (scored ? "有专家尚未提交评分" : "还没有专家提交评分"));
    }
    if (accepted == 0) return refusal("nothing_to_decide", "", "没有受理的申报材料");
    for (const Proposal& p : a.proposed) {
        const VersionState* v = state(p.version);
        if (!v || !v->latest || v->stage != Stage::accepted) return refusal("not_accepted", "proposed", "拟立项的只能是已受理的申报材料：" + p.version.shown());
    }
    if (!is_iso_date(a.starts)) return refusal("bad_date", "starts", "请填写公示开始日期，格式如2019-11-01");
    if (!is_iso_date(a.ends)) return refusal("bad_date", "ends", "请填写公示结束日期，格式如2019-11-07");
    if (a.ends < a.starts) return refusal("bad_period", "ends", "公示结束日期不能早于开始日期");
    if (a.text.empty()) return refusal("required", "text", "请填写公示期间提出异议的方式");
    return std::nullopt;
}

// 丙方 has submitted; 乙方, the school's county, confirms it or returns it;
// 甲方, the city, signs or returns it. A 市直学校's goes to the city at once.
std::optional<ChainRefusal> CallReview::check_task_book(const Act& a, const VersionState& v) const {
    const County* county = site_.units.county(v.county);
    const bool direct = county && county->applies_to_city;
    if (a.actor.role == "county") {
        if (a.kind == ActKind::sign) return refusal("wrong_role", "", "计划任务书由市局签订（甲方）");
        if (a.actor.id != v.county) return refusal("not_your_school", "", "这所学校不属于本县市区，不能确认或退回其计划任务书");
        if (direct) return refusal("no_county_stage", "", "市直学校的计划任务书直接由市局签订，不经县市区确认");
        if (v.stage != Stage::received) return refusal("stage_closed", "", std::string("这份计划任务书") + stage_label(v.stage) + "，县市区教育局不能再确认或退回");
    } else if (a.actor.role == "city") {
        if (a.kind == ActKind::confirm) return refusal("wrong_role", "", "计划任务书由学校所在县市区教育局确认（乙方）");
        const Stage ready = direct ? Stage::received : Stage::confirmed;
        if (v.stage == Stage::received && !direct) return refusal("not_confirmed", "", "县市区教育局还没有确认这份计划任务书（乙方）");
        if (v.stage != ready) return refusal("stage_closed", "", std::string("这份计划任务书") + stage_label(v.stage));
    } else {
        return refusal("wrong_role", "", "计划任务书由县市区教育局确认、市局签订");
    }
    if (a.kind == ActKind::revise && a.text.empty()) return refusal("required", "text", "请填写退回修改的理由");
    if (a.kind != ActKind::revise && v.awaiting_scan) return scan_missing(v);
    return std::nullopt;
}

std::vector<Proposal> CallReview::listed() const {
    std::vector<Proposal> out;
    if (!decision_) return out;
    for (const Proposal& p : decision_->proposed)
        if (const VersionState* v = state(p.version); v && v->stage == Stage::proposed) out.push_back(p);
    return out;
}

// As the 公示 says: in writing within the period, a unit's under its seal, a
// person's under their real name, with a contact; otherwise 不予受理.
std::optional<ChainRefusal> CallReview::check_objection(const Act& a) const {
    if (a.actor.role != "city") return refusal("wrong_role", "", "公示异议由市局工作人员登记");
    if (!decision_) return refusal("not_decided", "", "还没有立项决定和公示");
    const bool proposed = std::any_of(decision_->proposed.begin(), decision_->proposed.end(), [&](const Proposal& p) { return p.version == a.target; });
    if (!proposed) return refusal("not_proposed", "target", "异议针对的须是公示中的拟立项项目");
    const Objector& o = a.objector;
    if (o.kind != "unit" && o.kind != "person") return refusal("required", "objector_kind", "请选择异议由单位还是个人提出");
    if (o.name.empty()) return refusal("required", "objector_name", o.kind == "unit" ? "请填写提出异议的单位名称" : "请填写提出异议者的真实姓名");
    if (o.contact.empty()) return refusal("required", "objector_contact", "请填写提出异议者的联系方式");
    if (o.kind == "unit" && !o.sealed) return refusal("required", "objector_sealed", "单位提出的异议须加盖公章，否则不予受理");
    if (!is_iso_date(o.received)) return refusal("bad_date", "objector_received", "请填写收到异议的日期，格式如2019-10-10");
    if (o.received < decision_->starts || o.received > decision_->ends)
        return refusal("outside_period", "objector_received", "异议须在公示期内（" + decision_->starts + "至" + decision_->ends + "）提出，逾期不予受理");
    if (a.text.empty()) return refusal("required", "text", "请填写异议的内容");
    return std::nullopt;
}

std::optional<ChainRefusal> CallReview::check_settle(const Act& a) const {
    if (a.actor.role != "city") return refusal("wrong_role", "", "公示异议由市局工作人员处理");
    for (const Objection& o : objections_) {
        if (o.raised->number != a.objection) continue;
        if (o.settled) return refusal("already_settled", "", "这条异议已经处理");
        if (a.text.empty()) return refusal("required", "text", "请填写异议的处理情况");
        return std::nullopt;
    }
    return refusal("no_such_objection", "objection", "没有这条异议");
}

}  // namespace common
