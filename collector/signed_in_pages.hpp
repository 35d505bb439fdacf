#pragma once
// The collector's signed-in pages (under account/): a table of rows
// (collector/page_row.hpp: method, URL pattern, roles, handler) and the one
// dispatcher every request to them passes. In order, it
//   1. reads a POST's body: urlencoded, at most kFormBodyBytes;
//   2. answers the sign-in page and its POST (collector/account_pages.hpp);
//   3. finds the row, or answers the 404 page;
//   4. finds the session of the cookie, or shows the sign-in form in the
//      page's place, carrying what a POST had typed (登录已过期…);
//   5. checks the row allows the actor's role (the 403 page);
//   6. for a POST, checks the session's CSRF token came back as "csrf"
//      (the 403 page, nothing done);
//   7. calls the handler.
// A row that takes a file (PageRow::takes_file) reads a multipart body in
// step 1 instead, its text parts only.
// Every refusal is a page in the site's style (code, Chinese message,
// field) for browsers and {"error": {...}} for Accept: application/json.
//
// A new page: its URL in common/urls.hpp, its template in the theme (named in
// pages.cpp's required_templates), and a row added at start-up, e.g.
//
//   signed_in.add({"GET", common::account_route("reviews/{name}/"), {Role::county, Role::city},
//                  [&](const PageRequest& r) {
//                      kainjow::mustache::data view("form", r.captures[0]);
//                      return html_reply(200, pages.signed_in(r.session, "申报材料", "review", view));
//                  }});
//
// A form posts to its own page's URL (a GET and a POST row on one pattern):
// after a sign-in on expiry its sender lands on that GET, whose handler gets
// the typed fields in PageRequest::refill. A POST answers with a 303 to a
// page, or with refuse() when it will not act.

#include <regex>
#include <string>
#include <vector>

#include "collector/account_pages.hpp"
#include "collector/page_row.hpp"
#include "collector/pages.hpp"
#include "collector/sessions.hpp"

namespace collector {

// The largest form body a signed-in page takes: typed text, no uploads.
inline constexpr std::size_t kFormBodyBytes = 64 * 1024;
// A page that takes a file (PageRow::takes_file): a scan of a few pages.
// Held in memory whole, as httplib reads it, hence well below an upload's limit.
inline constexpr std::size_t kUploadBodyBytes = 20 * 1024 * 1024;

class SignedInPages {
public:
    SignedInPages(Sessions& sessions, Pages& pages, AccountPages& account);

    void add(PageRow row);
    void add(std::vector<PageRow> rows);
    Reply handle(const Request& req);
    // A refusal as a page (with the signed-in bar when `session` is set) or as JSON.
    Reply refuse(const Request& req, const Session* session, const Refusal& refusal);

private:
    struct Compiled {
        PageRow row;
        std::regex pattern;
    };
    struct Match {
        const PageRow* row = nullptr;
        std::vector<std::string> captures;
    };
    Match find(const std::string& method, const std::string& path) const;
    // `path` if it is a page to GET, else the home page: where a sign-in may land.
    std::string landing(const std::string& path) const;

    Sessions& sessions_;
    Pages& pages_;
    AccountPages& account_;
    std::vector<Compiled> rows_;
};

}  // namespace collector
