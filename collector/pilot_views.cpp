#include "collector/pilot_views.hpp"

#include "common/urls.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;
using common::ActKind;

constexpr ActKind kRegistryActs[] = {ActKind::annual_check, ActKind::midterm, ActKind::acceptance, ActKind::rectify, ActKind::terminate};

// What the registry would take from the viewer now: the chain judges, with
// placeholders where only who and when are asked.
bool allowed(const Viewer& viewer, const common::CallReview& review, const common::Pilot& p, ActKind kind) {
    common::Act probe;
    probe.kind = kind;
    probe.call = review.call().key;
    probe.actor = viewer.actor;
    probe.pilot = p.unit;
    probe.held = p.last_event() ? p.last_event()->held : p.listed;
    probe.year = std::stoi(probe.held.substr(0, 4));
    probe.result = "pass";
    probe.until = "9999-12-31";
    probe.text = "-";
    // A year already checked is not a reason to hide the form.
    while (kind == ActKind::annual_check && review.check(probe) && review.check(probe)->code == "already_recorded") ++probe.year;
    return !review.check(probe);
}

data event_view(const common::Act& a) {
    std::string what = common::act_label(a.kind);
    if (a.kind == ActKind::annual_check) what = std::to_string(a.year) + "年度检查";
    if (!a.result.empty()) what += "：" + std::string(common::result_label(a.result));
    if (a.kind == ActKind::rectify) what += "（整改期限至" + a.until + "）";
    data item("held", a.held);
    item.set("what", what);
    item.set("actor", a.actor.name);
    item.set("at", minute(a.at));
    if (!a.text.empty()) item.set("text", a.text);
    return item;
}

}  // namespace

bool may_read_pilot(const Viewer& viewer, const common::Pilot& p, const common::SiteData& site) { return may_read(viewer, p.unit, site); }

void add_pilots(data& view, const Viewer& viewer, const SiteRules& rules, const common::CallReview& review) {
    data rows{data::type::list};
    for (const common::Pilot& p : review.pilots()) {
        if (!may_read_pilot(viewer, p, rules)) continue;
        data row("unit", p.unit_name);
        row.set("project", p.project);
        row.set("listed", p.listed);
        row.set("stage", p.stage());
        row.set("url", viewer.base + common::review_pilot_url(review.call().key, p.unit));
        rows.push_back(row);
    }
    view.set("has_pilots", !rows.is_empty_list());
    view.set("pilots", rows);
}

data pilot_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review, const common::Pilot& p) {
    data v("unit", p.unit_name);
    v.set("project", p.project);
    v.set("listed", p.listed);
    v.set("stage", p.stage());
    v.set("desk_url", viewer.base + common::review_call_url(review.call().key));
    if (const common::ApprovedList* list = rules.list(p.list)) v.set("list_title", list->title);
    data events{data::type::list};
    if (p.signed_task_book) {
        data signed_off("held", p.signed_task_book->at.substr(0, 10));
        signed_off.set("what", std::string("计划任务书签订"));
        signed_off.set("actor", p.signed_task_book->actor.name);
        signed_off.set("at", minute(p.signed_task_book->at));
        events.push_back(signed_off);
    }
    for (const common::Act* a : p.events) events.push_back(event_view(*a));
    v.set("events", events);
    data kinds{data::type::list};
    for (ActKind k : kRegistryActs) {
        if (!allowed(viewer, review, p, k)) continue;
        data kind("name", std::string(common::act_name(k)));
        kind.set("label", std::string(common::act_label(k)));
        kinds.push_back(kind);
    }
    v.set("may_record", !kinds.is_empty_list());
    v.set("kinds", kinds);
    data results{data::type::list};
    for (const char* r : common::kResults) {
        data result("name", std::string(r));
        result.set("label", std::string(common::result_label(r)));
        results.push_back(result);
    }
    v.set("results", results);
    v.set("act_url", viewer.base + common::review_pilot_url(review.call().key, p.unit));
    return v;
}

}  // namespace collector
