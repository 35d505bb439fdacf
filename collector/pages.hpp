#pragma once
// The pages the collector shows to browsers, rendered from the site's theme
// inside collector_layout.mustache, which wears the site's stylesheet and
// icon: a receipt, a refusal, a receipt not found, and the signed-in pages.
//
// A signed-in page is rendered with signed_in(): its template (list it in
// required_templates() in pages.cpp, so that a theme without it stops the
// collector at start-up) gets the view the handler made plus "base" (the
// site's path, for links) and "csrf", so that each form that changes
// anything carries the session's token by including {{>csrf_field}}; the
// layout adds a bar with who is signed in and the sign-out button.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "collector/refusal.hpp"
#include "collector/sessions.hpp"
#include "collector/site_rules.hpp"
#include "common/diagnostic.hpp"
#include "common/theme.hpp"

namespace collector {

struct ReceiptFile {
    std::string name;
    std::uint64_t bytes = 0;
    std::string sha256;
    int pages = 0;  // a PDF's; 0 for other types
};

struct Receipt {
    std::string receipt, form_title, unit_name, received_at;
    int version = 0;
    std::vector<ReceiptFile> files;
    // When the collector has a receipt key: the signed receipt's link, its
    // statement's fingerprint, the key's id and where its public half is published.
    std::string signed_url, fingerprint, key_id, key_url;
    // The version filled in, to print, stamp and sign: signed-in pages, the unit's own.
    std::string docx_url, pdf_url;
};

// The sign-in page's forms, and what they carry from a page whose POST found
// its session gone.
struct SignInForm {
    std::string notice;            // why the page is shown: 登录已过期…
    std::optional<Refusal> error;  // why the last attempt was refused
    std::string login;             // the staff login typed, shown again (never a code or password)
    FormFields kept;               // the fields of that POST, sent along as hidden inputs
    std::string return_to;         // that page's path, where the sign-in lands
};

class Pages {
public:
    // Every problem of the theme goes to `diags`: the collector must not start with one.
    Pages(const std::filesystem::path& site_root, const SiteRules& rules, common::Diagnostics& diags);
    Pages(const Pages&) = delete;
    Pages& operator=(const Pages&) = delete;

    std::string receipt(const Receipt& r);
    std::string refused(const std::vector<std::string>& messages);
    std::string receipt_missing();

    std::string sign_in(const SignInForm& form);
    std::string signed_in(const Session& session, const std::string& title, const std::string& name, kainjow::mustache::data view);
    // A refusal on the signed-in pages; `session` (or nullptr) for the bar.
    std::string account_refused(const Refusal& refusal, const Session* session);

private:
    std::string page(const std::string& title, const std::string& name, kainjow::mustache::data view, const Session* session = nullptr);

    const std::string base_;
    const common::ThemeSource theme_;
    std::mutex mutex_;  // kainjow's render is not const and the server runs many threads
    common::Templates templates_;
};

}  // namespace collector
