#include "collector/review_views.hpp"

#include <map>
#include <set>

#include "collector/expert_views.hpp"
#include "collector/pilot_views.hpp"
#include "common/filled_form.hpp"
#include "common/form_validation.hpp"
#include "common/stamped_scan.hpp"
#include "common/task_book.hpp"
#include "common/urls.hpp"
#include "office/form_document.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;
using common::Stage;

data list() { return data{data::type::list}; }


bool direct(const common::SiteData& site, const std::string& unit) {
    const common::County* c = site.units.county(site.units.county_of(unit));
    return c && c->applies_to_city;
}

data version_link(const Viewer& viewer, const SiteRules& rules, const common::VersionState& state) {
    const common::VersionKey& k = state.key;
    data row("url", viewer.base + common::review_version_url(k.form, k.unit, common::version_name(k.version)));
    row.set("unit", rules.units.name_of(k.unit));
    row.set("form", rules.form(k.form) ? rules.form(k.form)->form.title : k.form);
    row.set("version", std::to_string(k.version));
    row.set("stage", std::string(common::stage_label(state.stage)));
    row.set("stage_name", std::string(common::stage_name(state.stage)));
    row.set("awaiting_scan", state.awaiting_scan);
    // What the school most needs to read: why it was returned or refused.
    if (state.decision && !state.decision->text.empty()) row.set("reason", state.decision->text);
    return row;
}

data history_view(const common::VersionState& state) {
    data items = list();
    for (const common::Act* a : state.history) {
        data item("at", minute(a->at));
        item.set("act", std::string(common::act_label(a->kind)));
        item.set("actor", a->actor.name);
        if (a->kind == common::ActKind::opinion) item.set("verdict", std::string(a->recommend ? "推荐" : "不推荐"));
        if (!a->text.empty()) item.set("text", a->text);
        if (!a->leader.empty()) item.set("leader", a->leader);
        items.push_back(item);
    }
    return items;
}

// The forms the viewer may use on this version now; the chain decides, as
// it will again when the form comes back.
void add_actions(data& v, const Viewer& viewer, const common::CallReview& review, const common::VersionState& state) {
    auto allowed = [&](common::ActKind kind) {
        common::Act probe;
        probe.kind = kind;
        probe.call = review.call().key;
        probe.actor = viewer.actor;
        probe.target = state.key;
        // Placeholders: only who may act, and when, is asked here.
        probe.text = probe.leader = "-";
        return !review.check(probe);
    };
    const bool opinion = allowed(common::ActKind::opinion);
    v.set("may_give_opinion", opinion);
    if (opinion && state.opinion) {
        v.set("opinion_recommend", state.opinion->recommend);
        v.set("opinion_text", state.opinion->text);
        v.set("opinion_leader", state.opinion->leader);
    }
    v.set("may_decide", allowed(common::ActKind::accept));
    // A county returns its school's version before forwarding; city staff return within may_decide,
    // but for a task book, which has no decision to take besides signing.
    v.set("may_return", (viewer.actor.role == "county" || review.call().task_books()) && allowed(common::ActKind::revise));
    v.set("may_confirm", allowed(common::ActKind::confirm));
    v.set("may_sign", allowed(common::ActKind::sign));
    // Posted back to this page: after a sign-in on expiry its sender lands here again.
    v.set("act_url", viewer.base + common::review_version_url(state.key.form, state.key.unit, common::version_name(state.key.version)));
}

data signatures_view(const SiteRules& rules, const common::VersionState& state, const common::StoredVersion& version) {
    data items = list();
    for (const common::Signature& s : common::task_book_signatures(rules, state, version.received_at)) {
        data item("label", s.label);
        item.set("signer", s.skipped ? std::string("—") : s.signer);
        item.set("status", s.skipped ? std::string("市直学校不经县市区确认") : s.at.empty() ? std::string("待") + s.verb : minute(s.at) + "在线" + s.verb);
        items.push_back(item);
    }
    return items;
}

// The 申报汇总表 each forwarding stored, as the viewer may read them: a
// county its own, city staff every county's.
data forwarded_summaries(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review) {
    data items = list();
    for (const common::Act& a : review.acts()) {
        if (a.kind != common::ActKind::forward || (viewer.actor.role == "county" && a.county != viewer.actor.id)) continue;
        const common::VersionKey& k = a.summary;
        const std::string page = viewer.base + common::review_version_url(k.form, k.unit, common::version_name(k.version));
        data item("url", page);
        item.set("county", rules.units.name_of(a.county));
        item.set("at", minute(a.at));
        item.set("schools", std::to_string(a.selection.size()));
        item.set("docx_url", page + common::kFilledDocx);
        item.set("xlsx_url", page + common::kFilledXlsx);
        items.push_back(item);
    }
    return items;
}

// The 盖章扫描件: whether this version has it, and for the school's newest
// version, while it may send another, the form that uploads it.
void add_scan(data& v, const Viewer& viewer, const common::CallReview& review, const common::VersionState* state, const common::StoredVersion& version) {
    if (review.call().stamped_scan == common::StampedScan::none) return;
    v.set("takes_scan", true);
    v.set("has_scan", common::has_stamped_scan(version));
    v.set("scan_required", review.call().stamped_scan == common::StampedScan::required);
    v.set("awaiting_scan", state && state->awaiting_scan);
    if (viewer.actor.role == "school" && state && state->latest && !review.check_new_version(version.form, version.unit))
        v.set("scan_url", viewer.base + common::stamped_scan_url(version.form, version.unit, common::version_name(version.version)));
}

}  // namespace

data values_view(const common::Form& form, const common::StoredVersion& version, bool anonymous) {
    std::set<std::string> hidden;
    if (anonymous)
        for (const common::FieldKey& k : common::form_keys(form, common::kMaxTableRows))
            if (k.field->personal || k.field->names_applicant || k.field->type == "file") hidden.insert(k.key);
    std::vector<common::FilledValue> filled;
    for (common::FilledValue& value : common::filled_values(form, version))
        if (!hidden.count(value.key)) filled.push_back(std::move(value));
    // The forms ask 手机号码 after both the 负责人 and the 联系人: a label
    // given twice is named by the field before it, so that each entry of the
    // list (and what a screen reader reads out) says whose it is.
    std::map<std::string, int> uses;
    for (const common::FilledValue& value : filled) ++uses[value.label];
    data values = list();
    for (std::size_t i = 0; i < filled.size(); ++i) {
        const common::FilledValue& value = filled[i];
        const bool repeated = uses[value.label] > 1 && i > 0;
        data item("label", repeated ? value.label + "（" + filled[i - 1].label + "）" : value.label);
        item.set("value", value.value);
        values.push_back(item);
    }
    return values;
}

bool may_read(const Viewer& viewer, const std::string& unit, const common::SiteData& site) {
    if (viewer.actor.role == "city") return true;
    if (viewer.actor.role == "county") return site.units.county_of(unit) == viewer.actor.id && !direct(site, unit);
    return unit == viewer.actor.id;
}

data desk_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review, const common::DataLayout& layout) {
    const common::Call& call = review.call();
    // The call's title is the page's h1 (collector_layout): not repeated here.
    data v("role_" + viewer.actor.role, true);
    data rows = list();
    std::vector<const common::VersionState*> forwardable;
    for (const common::VersionState* s : review.latest()) {
        if (!may_read(viewer, s->key.unit, rules)) continue;
        rows.push_back(version_link(viewer, rules, *s));
        if (s->stage == Stage::recommended) forwardable.push_back(s);
    }
    v.set("rows", rows);
    v.set("has_rows", !rows.is_empty_list());
    if (viewer.actor.role != "school") {
        const data summaries = forwarded_summaries(viewer, rules, review);
        v.set("summaries", summaries);
        v.set("has_summaries", !summaries.is_empty_list());
    }
    if (viewer.actor.role == "city") add_decision_panel(v, viewer, rules, review);
    if (call.task_books()) {
        v.set("task_books", true);
        add_pilots(v, viewer, rules, review);
        return v;
    }
    if (viewer.actor.role != "county") return v;

    const int quota = review.quota(viewer.actor.id);
    v.set("recommended", std::to_string(review.recommended(viewer.actor.id)));
    if (quota >= 0) v.set("quota", std::to_string(quota));
    // The 申报汇总表 comes from the recommended versions: the county adds
    // only what the applications do not say.
    data selection = list();
    for (const common::VersionState* s : forwardable) {
        const common::StoredVersion record = common::load_stored_version(layout, s->key, nullptr);
        data row("unit", rules.units.name_of(s->key.unit));
        row.set("project", record.field("project_name"));
        row.set("key", s->key.shown());
        row.set("index", std::to_string(selection.list_value().size()));
        selection.push_back(row);
    }
    v.set("selection", selection);
    v.set("may_forward", !selection.is_empty_list());
    v.set("forward_url", viewer.base + common::review_call_url(call.key));
    v.set("county_name", rules.units.name_of(viewer.actor.id));
    return v;
}

data version_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review, const common::StoredVersion& version,
                  const common::StoredVersion* previous) {
    const common::FormDef* form = rules.form(version.form);
    const common::Form none;
    const common::Form& definition = form ? form->form : none;
    const common::VersionState* state = review.state(version.key());
    const std::string vname = common::version_name(version.version);
    data v("title", definition.title + " · " + rules.units.name_of(version.unit) + " · 第" + std::to_string(version.version) + "版");
    v.set("received_at", minute(version.received_at));
    v.set("desk_url", viewer.base + common::review_call_url(review.call().key));
    add_scan(v, viewer, review, state, version);
    if (state) {
        v.set("has_stage", true);
        v.set("stage", std::string(common::stage_label(state->stage)));
        v.set("latest", state->latest);
        v.set("history", history_view(*state));
        v.set("has_history", !state->history.empty());
        add_actions(v, viewer, review, *state);
        if (review.call().task_books()) {
            v.set("has_signatures", true);
            v.set("signatures", signatures_view(rules, *state, version));
        }
    }
    // A 申报汇总表 is not reviewed itself: it stands as its forwarding left it.
    for (const common::Act& a : review.acts())
        if (a.kind == common::ActKind::forward && a.summary == version.key()) {
            v.set("has_stage", true);
            v.set("stage", std::string(common::stage_label(Stage::forwarded)) + "（" + minute(a.at) + "）");
            v.set("latest", true);
        }
    v.set("values", values_view(definition, version, false));
    v.set("docx_url", viewer.base + common::review_version_url(version.form, version.unit, vname) + common::kFilledDocx);
    v.set("pdf_url", viewer.base + common::review_version_url(version.form, version.unit, vname) + common::kFilledPdf);
    if (form && office::is_table_form(form->form))
        v.set("xlsx_url", viewer.base + common::review_version_url(version.form, version.unit, vname) + common::kFilledXlsx);
    data files = list();
    for (const common::StoredFile& f : version.files) {
        const std::string url = viewer.base + common::review_file_url(version.form, version.unit, vname, f.name);
        data item("url", url);
        item.set("download_url", viewer.base + common::review_download_url(version.form, version.unit, vname, f.name));
        item.set("original_name", f.original_name);
        item.set("bytes", std::to_string(f.bytes));
        item.set("sha256", f.sha256);
        files.push_back(item);
    }
    v.set("files", files);
    v.set("has_files", !files.is_empty_list());
    if (previous) {
        v.set("previous_version", std::to_string(previous->version));
        v.set("previous_url", viewer.base + common::review_version_url(version.form, version.unit, common::version_name(previous->version)));
        data changes = list();
        for (const common::ValueChange& c : common::value_changes(definition, *previous, version)) {
            data item("label", c.label);
            item.set("before", c.before);
            item.set("after", c.after);
            changes.push_back(item);
        }
        v.set("changes", changes);
        v.set("unchanged", changes.is_empty_list());
    }
    return v;
}

}  // namespace collector
