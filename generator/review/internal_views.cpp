#include "generator/review/internal_views.hpp"

#include <algorithm>
#include <set>

#include "common/form_validation.hpp"
#include "generator/call_progress.hpp"

namespace gen {

std::string internal_url(const Submission& s) { return s.source + "/"; }

namespace {

// Labels of a form's submission keys ("budget_total.2021" -> "经费总数（万元）（2021年）").
std::map<std::string, std::string> key_labels(const Site& site, const std::string& form) {
    std::map<std::string, std::string> out;
    if (const FormDef* f = site.form(form))
        for (const auto& k : common::form_keys(f->form, common::kMaxTableRows)) out[k.key] = k.label;
    return out;
}

std::string form_title(const Site& site, const std::string& form) {
    const FormDef* f = site.form(form);
    return f ? f->form.title : form;
}

}  // namespace

View internal_index_view(const ViewContext& ctx) {
    const Site& s = ctx.site;
    View v;
    v.set("title", "提交审阅（内部）");
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
    const auto labels = key_labels(s, sub.form);
    auto label_of = [&](const std::string& key) {
        const auto it = labels.find(key);
        return it == labels.end() ? key : it->second;
    };
    View v;
    v.set("title", form_title(s, sub.form) + " · " + s.units.name_of(sub.unit) + " · 第" + std::to_string(sub.version) + "版");
    v.set("index_url", "../../../");
    v.set("received_at", sub.received_at);
    List fields = list();
    for (const auto& [key, value] : sub.fields) {
        View f("label", label_of(key));
        f.set("key", key);
        f.set("value", value);
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
        std::set<std::string> keys;
        for (const auto& [k, _] : sub.fields) keys.insert(k);
        for (const auto& [k, _] : previous->fields) keys.insert(k);
        for (const auto& k : keys) {
            const auto before = previous->fields.count(k) ? previous->fields.at(k) : std::string();
            const auto after = sub.fields.count(k) ? sub.fields.at(k) : std::string();
            if (before == after) continue;
            View c("label", label_of(k));
            c.set("before", before.empty() ? std::string("（空）") : before);
            c.set("after", after.empty() ? std::string("（空）") : after);
            changes << c;
        }
        for (const auto& f : sub.files) {
            const auto same = std::find_if(previous->files.begin(), previous->files.end(),
                                           [&](const SubmittedFile& p) { return p.field == f.field && p.sha256 == f.sha256; });
            if (same == previous->files.end()) {
                View c("label", label_of(f.field));
                c.set("before", "（文件）");
                c.set("after", "新文件 " + f.original_name);
                changes << c;
            }
        }
        v.set("changes", changes);
        v.set("unchanged", changes.is_empty_list());
    }
    return v;
}

}  // namespace gen
