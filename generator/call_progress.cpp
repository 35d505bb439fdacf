#include "generator/call_progress.hpp"

#include <algorithm>
#include <set>

namespace gen {
namespace {

bool takes(const Call& call, const std::string& form) {
    return std::find(call.forms.begin(), call.forms.end(), form) != call.forms.end();
}

}  // namespace

std::vector<const Submission*> latest_submissions(const Site& site, const Call& call) {
    // Submissions are sorted by form, unit, version: the last of a run is the newest.
    std::vector<const Submission*> out;
    for (std::size_t i = 0; i < site.submissions.size(); ++i) {
        const Submission& s = site.submissions[i];
        if (!takes(call, s.form)) continue;
        const bool newest = i + 1 == site.submissions.size() || site.submissions[i + 1].form != s.form || site.submissions[i + 1].unit != s.unit;
        if (newest) out.push_back(&s);
    }
    return out;
}

std::unique_ptr<common::CallReview> call_review(const Site& site, const Call& call) {
    const auto acts = site.acts.find(call.key);
    std::vector<common::VersionKey> versions;
    for (const Submission& s : site.submissions) versions.push_back(s.key());
    return std::make_unique<common::CallReview>(site, call, versions, acts == site.acts.end() ? std::vector<common::Act>{} : acts->second);
}

const common::Act* decision_of(const Site& site, const Call& call) {
    const auto acts = site.acts.find(call.key);
    if (acts == site.acts.end()) return nullptr;
    for (const common::Act& a : acts->second)
        if (a.kind == common::ActKind::decide) return &a;
    return nullptr;
}

const Call* task_book_call(const Site& site, const std::string& list) {
    for (const Call& c : site.calls)
        if (c.list == list) return &c;
    return nullptr;
}

CallProgress call_progress(const Site& site, const Call& call) {
    CallProgress p;
    std::set<std::string> school_units, county_units;
    for (const Submission* s : latest_submissions(site, call)) {
        const FormDef* f = site.form(s->form);
        if (!f) continue;
        (f->form.submitted_by == "county" ? county_units : school_units).insert(s->unit);
        p.as_of = std::max(p.as_of, s->received_at);
    }
    for (const auto& key : call.forms)
        if (const FormDef* f = site.form(key); f && f->form.submitted_by == "county") p.has_summary_form = true;

    p.reviewed = site.acts.count(call.key) > 0;
    const auto review = call_review(site, call);

    auto add_row = [&](const County& county, int expected) {
        CountyProgress row{county.id, county.name, expected, 0, county_units.count(county.id) > 0, {}};
        for (const auto& unit : school_units) row.received += site.units.county_of(unit) == county.id ? 1 : 0;
        for (const common::VersionState* v : review->latest_of_county(county.id)) ++row.stages[v->stage];
        p.total_expected += row.expected;
        p.total_received += row.received;
        p.rows.push_back(std::move(row));
    };
    if (!call.quota.empty()) {
        p.expected_label = "分配名额";
        for (const auto& q : site.quotas)
            if (q.key == call.quota)
                for (const auto& r : q.rows)
                    for (const auto& c : site.units.counties)
                        if (c.id == r.county_id) add_row(c, r.quota);
    } else if (!call.list.empty()) {
        p.expected_label = "名单内单位";
        for (const auto& c : site.units.counties) {
            int listed = 0;
            for (const auto& l : site.lists)
                if (l.key == call.list)
                    for (const auto& e : l.entries) listed += site.units.county_of(e.school) == c.id ? 1 : 0;
            if (listed > 0) add_row(c, listed);
        }
    }
    return p;
}

}  // namespace gen
