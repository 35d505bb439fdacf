#include "collector/pilot_views.hpp"

#include "common/urls.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;
using common::ActKind;

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
    auto no = review.check(probe);
    for (; kind == ActKind::annual_check && no && no->code == "already_recorded"; no = review.check(probe)) ++probe.year;
    return !no;
}

data event_view(const common::Act& a) {
    data item("held", a.held);
    item.set("what", common::event_text(a));
    item.set("actor", a.actor.name);
    item.set("at", minute(a.at));
    if (!a.text.empty()) item.set("text", a.text);
    return item;
}

}  // namespace

void add_pilots(data& view, const Viewer& viewer, const SiteRules& rules, const common::CallReview& review) {
    data rows{data::type::list};
    for (const common::Pilot& p : review.pilots()) {
        if (!may_read(viewer, p.unit, rules)) continue;
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
    for (ActKind k : common::kRegistryActs) {
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
