#include "collector/pages.hpp"

#include "common/urls.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;

const std::vector<std::string>& required_templates() {
    static const std::vector<std::string> names = {"collector_layout", "receipt", "refused", "receipt_missing",
                                                   "sign_in", "account_home", "account_refused",
                                                   "review_desk", "review_version", "review_assignment", "review_scores", "review_pilot", "review_experts"};
    return names;
}

// kainjow renders a section for an empty string too: optional texts are set only when there is one.
void set_if_any(data& view, const std::string& name, const std::string& text) {
    if (!text.empty()) view.set(name, text);
}

data refusal_view(const Refusal& r) {
    data view("message", r.message);
    view.set("code", r.code);
    set_if_any(view, "field", r.field);
    return view;
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
        file.set("pages", f.pages > 0 ? std::to_string(f.pages) : "—");
        files.push_back(file);
    }
    view.set("files", files);
    if (!r.signed_url.empty()) {
        data signed_receipt("url", r.signed_url);
        signed_receipt.set("fingerprint", r.fingerprint);
        signed_receipt.set("key_id", r.key_id);
        signed_receipt.set("key_url", r.key_url);
        view.set("signed", signed_receipt);
    }
    view.set("docx_url", r.docx_url);
    view.set("pdf_url", r.pdf_url);
    return page("提交回执", "receipt", view);
}

std::string Pages::refused(const std::vector<std::string>& messages) {
    data list{data::type::list};
    for (const std::string& m : messages) list.push_back(data("message", m));
    return page("提交未被受理", "refused", data("messages", list));
}

std::string Pages::receipt_missing() { return page("回执不存在", "receipt_missing", data{}); }

// The field in error is marked beside its input ("access_code_error", ...).
std::string Pages::sign_in(const SignInForm& form) {
    data view("action", base_ + common::sign_in_url());
    set_if_any(view, "notice", form.notice);
    view.set("login", form.login);
    set_if_any(view, "return_to", form.return_to);
    data kept{data::type::list};
    for (const auto& [name, value] : form.kept.pairs) {
        data field("name", name);
        field.set("value", value);
        kept.push_back(field);
    }
    view.set("kept", kept);
    if (form.error) {
        view.set("error", refusal_view(*form.error));
        if (!form.error->field.empty()) view.set(form.error->field + "_error", form.error->message);
    }
    return page("登录", "sign_in", view);
}

std::string Pages::signed_in(const Session& session, const std::string& title, const std::string& name, data view) {
    return page(title, name, std::move(view), &session);
}

std::string Pages::account_refused(const Refusal& refusal, const Session* session) {
    data view = refusal_view(refusal);
    view.set("home", base_ + common::account_url());
    view.set("sign_in", base_ + common::sign_in_url());
    return page("请求未被处理", "account_refused", view, session);
}

std::string Pages::page(const std::string& title, const std::string& name, data view, const Session* session) {
    data layout("title", title);
    layout.set("base", base_);
    layout.set("elder_url", base_ + common::mode_url(true));
    layout.set("standard_url", base_ + common::mode_url(false));
    view.set("base", base_);
    if (session) {
        view.set("csrf", session->csrf);
        data bar("name", session->actor.name);
        bar.set("role_title", std::string(role_title(session->actor.role)));
        bar.set("home", base_ + common::account_url());
        bar.set("sign_out", base_ + common::sign_out_url());
        bar.set("csrf", session->csrf);
        layout.set("signed_in", bar);
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    layout.set("content", templates_.render(name, view));
    return templates_.render("collector_layout", layout);
}

}  // namespace collector
