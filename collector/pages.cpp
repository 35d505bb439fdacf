#include "collector/pages.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;

const std::vector<std::string>& required_templates() {
    static const std::vector<std::string> names = {"collector_layout", "receipt", "refused", "receipt_missing"};
    return names;
}

}  // namespace

Pages::Pages(const std::filesystem::path& site_root, const SiteRules& rules, common::Diagnostics& diags)
    : base_(rules.base_path), theme_(common::load_theme(site_root, rules.theme, required_templates(), diags)), templates_(theme_) {}

std::string Pages::receipt(const Receipt& r) {
    data view;
    view.set("receipt", r.receipt);
    view.set("form_title", r.form_title);
    view.set("unit_name", r.unit_name);
    view.set("version", std::to_string(r.version));
    view.set("received_at", r.received_at);
    view.set("has_files", !r.files.empty());
    data files{data::type::list};
    for (const ReceiptFile& f : r.files) {
        data file("name", f.name);
        file.set("bytes", std::to_string(f.bytes));
        file.set("sha256", f.sha256);
        files.push_back(file);
    }
    view.set("files", files);
    return page("提交回执", "receipt", view);
}

std::string Pages::refused(const std::vector<std::string>& messages) {
    data list{data::type::list};
    for (const std::string& m : messages) list.push_back(data("message", m));
    return page("提交未被受理", "refused", data("messages", list));
}

std::string Pages::receipt_missing() { return page("回执不存在", "receipt_missing", data{}); }

std::string Pages::page(const std::string& title, const std::string& name, const data& view) {
    data layout("title", title);
    layout.set("base", base_);
    const std::lock_guard<std::mutex> lock(mutex_);
    layout.set("content", templates_.render(name, view));
    return templates_.render("collector_layout", layout);
}

}  // namespace collector
