#include "generator/review/internal_views.hpp"

#include <algorithm>
#include <cstdio>

#include "common/filled_form.hpp"
#include "common/urls.hpp"
#include "office/form_document.hpp"
#include "generator/call_progress.hpp"
#include "generator/review/review_digest.hpp"

namespace gen {

std::string internal_url(const Submission& s) { return s.source + "/"; }
std::string internal_call_url(const Call& call) { return "calls/" + call.key + "/"; }

bool has_versions(const Site& site, const Call& call) {
    return std::any_of(site.submissions.begin(), site.submissions.end(),
                       [&](const Submission& s) { return std::find(call.forms.begin(), call.forms.end(), s.form) != call.forms.end(); });
}

namespace {

std::string form_title(const Site& site, const std::string& form) {
    const FormDef* f = site.form(form);
    return f ? f->form.title : form;
}

List lines(const std::vector<std::string>& items) {
    List out = list();
    for (const std::string& item : items) out << View("line", item);
    return out;
}

View version_row(const Site& s, const common::VersionState& state, const common::CallReview& review) {
    View row("unit", s.units.name_of(state.key.unit));
    row.set("county", county_name(s, state.county));
    row.set("form", form_title(s, state.key.form));
    row.set("version", std::to_string(state.key.version));
    row.set("url", "../../" + state.key.shown() + "/");
    const ReviewDigest d = review_digest(&state, review);
    row.set("stage", d.stage);
    row.set("opinion", d.opinion);
    row.set("leader", d.leader);
    row.set("reason", d.reason);
    if (d.scores) {
        char mean[32];
        std::snprintf(mean, sizeof mean, "%.1f", d.scores->mean);
        row.set("mean", std::string(mean));
        row.set("spread", std::to_string(d.scores->spread));
        row.set("flagged", d.scores->flagged);
    }
    row.set("totals", lines(d.totals));
    row.set("conflicts", lines(d.conflicts));
    row.set("objections", lines(d.objections));
    return row;
}

}  // namespace

View internal_call_view(const ViewContext& ctx, const Call& call) {
    const Site& s = ctx.site;
    const auto review = call_review(s, call);
    View v;
    v.set("title", call.title + " · 审核与评审情况（内部）");
    v.set("index_url", "../../");
    v.set("stylesheet", "../../" + std::string(kInternalStylesheet));
    v.set("expert_review", call.expert_review.has_value());
    List rows = list();
    for (const common::VersionState* state : review->latest()) rows << version_row(s, *state, *review);
    v.set("versions", rows);
    if (const common::Act* decision = review->decision()) {
        View d("starts", decision->starts);
        d.set("ends", decision->ends);
        d.set("count", std::to_string(decision->proposed.size()));
        d.set("by", decision->actor.name);
        d.set("at", decision->at.substr(0, 10));
        v.set("decision", d);
    }
    v.set("task_books", call.task_books());
    List pilots = list();
    for (const PilotDigest& p : pilot_digests(s, *review)) {
        View pv("unit", p.unit);
        pv.set("county", p.county);
        pv.set("project", p.project);
        pv.set("listed", p.listed);
        pv.set("task_book", p.task_book.empty() ? "未签订" : p.task_book);
        pv.set("stage", p.stage);
        pv.set("events", lines(p.events));
        pilots << pv;
    }
    v.set("pilots", pilots);
    return v;
}

View internal_index_view(const ViewContext& ctx) {
    const Site& s = ctx.site;
    View v;
    v.set("title", "提交审阅（内部）");
    v.set("stylesheet", std::string(kInternalStylesheet));
    List items = list();
    for (const auto& sub : s.submissions) {
        View item("url", internal_url(sub));
        item.set("form", form_title(s, sub.form));
        item.set("unit", s.units.name_of(sub.unit));
        item.set("version", std::to_string(sub.version));
        item.set("received_at", sub.received_at);
        item.set("files", std::to_string(sub.files.size()));
        items << item;
    }
    v.set("submissions", items);
    v.set("count", std::to_string(s.submissions.size()));
    List calls = list();
    for (const Call& call : s.calls) {
        if (!has_versions(s, call)) continue;
        View c("title", call.title);
        c.set("url", internal_call_url(call));
        calls << c;
    }
    v.set("has_calls", !calls.is_empty_list());
    v.set("calls", calls);
    return v;
}

View internal_version_view(const ViewContext& ctx, const Submission& sub, const Submission* previous) {
    const Site& s = ctx.site;
    const FormDef* form = s.form(sub.form);
    const common::Form no_form;
    const common::Form& definition = form ? form->form : no_form;
    View v;
    v.set("title", form_title(s, sub.form) + " · " + s.units.name_of(sub.unit) + " · 第" + std::to_string(sub.version) + "版");
    v.set("index_url", "../../../");
    v.set("stylesheet", "../../../" + std::string(kInternalStylesheet));
    v.set("docx_url", std::string(common::kFilledDocx));
    if (form && office::is_table_form(form->form)) v.set("xlsx_url", std::string(common::kFilledXlsx));
    v.set("received_at", sub.received_at);
    List fields = list();
    for (const common::FilledValue& value : common::filled_values(definition, sub)) {
        View f("label", value.label);
        f.set("key", value.key);
        f.set("value", value.value);
        fields << f;
    }
    v.set("fields", fields);
    List files = list();
    for (const auto& f : sub.files) {
        View fv("url", f.name);
        fv.set("original_name", f.original_name);
        fv.set("bytes", std::to_string(f.bytes));
        fv.set("sha256", f.sha256);
        files << fv;
    }
    v.set("files", files);
    v.set("has_previous", previous != nullptr);
    if (previous) {
        v.set("previous_version", std::to_string(previous->version));
        v.set("previous_url", "../" + previous->source.substr(previous->source.rfind('/') + 1) + "/");
        List changes = list();
        for (const common::ValueChange& change : common::value_changes(definition, *previous, sub)) {
            View c("label", change.label);
            c.set("before", change.before);
            c.set("after", change.after);
            changes << c;
        }
        v.set("changes", changes);
        v.set("unchanged", changes.is_empty_list());
    }
    return v;
}

}  // namespace gen
