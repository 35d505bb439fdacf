#include "generator/review/internal_views.hpp"

#include "common/filled_form.hpp"
#include "common/urls.hpp"
#include "office/form_document.hpp"
#include "generator/call_progress.hpp"

namespace gen {

std::string internal_url(const Submission& s) { return s.source + "/"; }

namespace {

std::string form_title(const Site& site, const std::string& form) {
    const FormDef* f = site.form(form);
    return f ? f->form.title : form;
}

}  // namespace

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
