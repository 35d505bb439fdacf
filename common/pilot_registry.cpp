#include "common/pilot_registry.hpp"

#include <algorithm>

#include "common/calendar.hpp"

namespace common {
namespace {

ChainRefusal refusal(const char* code, const char* field, std::string message) { return {code, field, std::move(message)}; }

bool ends(const Act* a) { return a && (a->kind == ActKind::acceptance || a->kind == ActKind::terminate); }

std::optional<ChainRefusal> check_actor(const Act& a, const Pilot& p, const SiteData& site) {
    const std::string label = act_label(a.kind);
    if (a.actor.role == "city") return std::nullopt;
    if (a.kind != ActKind::annual_check || a.actor.role != "county") return refusal("wrong_role", "", label + "由市局工作人员登记");
    const County* county = site.units.county(p.county);
    if (county && county->applies_to_city) return refusal("not_your_pilot", "", "市直学校的年度检查由市局登记");
    if (a.actor.id != p.county) return refusal("not_your_pilot", "", "这个试点项目不属于本县市区，不能登记其年度检查");
    return std::nullopt;
}

// The order of a pilot's life: 立项, task book, checks, then 验收 (perhaps
// after 限期整改) or 终止, each on a day no earlier than the one before.
std::optional<ChainRefusal> check_order(const Act& a, const Pilot& p) {
    const std::string label = act_label(a.kind);
    const std::string today = a.at.substr(0, 10);
    if (!is_iso_date(a.held)) return refusal("bad_date", "held", "请填写" + label + "的日期，格式如2021-12-20");
    if (!today.empty() && a.held > today) return refusal("bad_date", "held", label + "的日期不能晚于今天");
    if (const Act* end = p.end())
        return refusal("stage_closed", "", std::string("该试点项目已") + (end->kind == ActKind::acceptance ? "通过验收" : "终止") + "，不能再登记");
    if (a.held < p.listed) return refusal("out_of_order", "held", label + "不能早于立项（" + p.listed + "）");
    if (!p.signed_task_book && a.kind != ActKind::terminate) return refusal("out_of_order", "", "计划任务书尚未签订，不能登记" + label);
    const Act* last = p.last_event();
    if (last && a.held < last->held)
        return refusal("out_of_order", "held", label + "的日期不能早于上一次登记的" + act_label(last->kind) + "（" + last->held + "）");
    const bool rectifying = last && last->kind == ActKind::rectify;
    if (rectifying && (a.kind == ActKind::annual_check || a.kind == ActKind::midterm))
        return refusal("out_of_order", "", "该试点项目已进入验收后的限期整改，不能再登记" + label);
    return std::nullopt;
}

std::optional<ChainRefusal> check_content(const Act& a, const Pilot& p) {
    const auto recorded = [&](ActKind kind, int year) {
        return std::any_of(p.events.begin(), p.events.end(), [&](const Act* e) { return e->kind == kind && e->year == year; });
    };
    if (a.kind == ActKind::annual_check || a.kind == ActKind::midterm) {
        if (!*result_label(a.result)) return refusal("required", "result", "请选择" + std::string(act_label(a.kind)) + "的结果");
    }
    if (a.kind == ActKind::annual_check) {
        const int first = std::stoi(p.listed.substr(0, 4)), last = std::stoi(a.held.substr(0, 4));
        if (a.year < first || a.year > last)
            return refusal("bad_year", "year", "检查年度须在" + std::to_string(first) + "年至" + std::to_string(last) + "年之间");
        if (recorded(ActKind::annual_check, a.year)) return refusal("already_recorded", "year", std::to_string(a.year) + "年度检查已经登记");
    }
    if (a.kind == ActKind::midterm && recorded(ActKind::midterm, 0)) return refusal("already_recorded", "", "中期评估已经登记");
    if (a.kind == ActKind::rectify) {
        if (!is_iso_date(a.until)) return refusal("bad_date", "until", "请填写整改期限，格式如2023-06-30");
        if (a.until <= a.held) return refusal("bad_date", "until", "整改期限须晚于验收日期（" + a.held + "）");
        if (a.text.empty()) return refusal("required", "text", "请写明整改要求");
    }
    if (a.kind == ActKind::terminate && a.text.empty()) return refusal("required", "text", "请写明终止试点的原因");
    return std::nullopt;
}

}  // namespace

const Act* Pilot::end() const { return ends(last_event()) ? last_event() : nullptr; }

bool Pilot::accepted_by(const std::string& date) const {
    return std::any_of(events.begin(), events.end(), [&](const Act* e) { return e->kind == ActKind::acceptance && e->held <= date; });
}

std::string Pilot::stage() const {
    const Act* last = last_event();
    if (!last) return signed_task_book ? "计划任务书已签订" : "已立项（" + listed + "）";
    switch (last->kind) {
        case ActKind::acceptance: return "已通过验收（" + last->held + "）";
        case ActKind::terminate: return "已终止（" + last->held + "）";
        case ActKind::rectify: return "验收未通过，限期整改（至" + last->until + "）";
        default: return event_text(*last);
    }
}

std::string event_text(const Act& e) {
    std::string what = e.kind == ActKind::annual_check ? std::to_string(e.year) + "年度检查" : act_label(e.kind);
    if (!e.result.empty()) what += std::string("：") + result_label(e.result);
    if (e.kind == ActKind::rectify) what += "（整改期限至" + e.until + "）";
    return what;
}

std::vector<Pilot> pilots_of(const ApprovedList& list, const Units& units) {
    std::vector<Pilot> out;
    for (const ListEntry& e : list.entries)
        if (!e.school.empty()) out.push_back({e.school, e.unit, e.project, units.county_of(e.school), list.key, list.date, nullptr, {}});
    return out;
}

const char* result_label(const std::string& result) {
    static const char* const labels[] = {"优秀", "良好", "合格", "不合格"};
    for (std::size_t i = 0; i < std::size(kResults); ++i)
        if (result == kResults[i]) return labels[i];
    return "";
}

std::optional<ChainRefusal> check_registry(const Act& a, const Pilot* p, const SiteData& site) {
    if (!p) return refusal("not_a_pilot", "pilot", "这个单位不在本批试点项目名单中");
    if (auto no = check_actor(a, *p, site)) return no;
    if (auto no = check_order(a, *p)) return no;
    return check_content(a, *p);
}

}  // namespace common
