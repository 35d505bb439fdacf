#include "collector/signed_in_pages.hpp"

#include <sodium.h>

#include "collector/multipart.hpp"
#include "common/text.hpp"
#include "common/urls.hpp"

namespace collector {
namespace {

// The text parts of a multipart body, csrf among them; the files are the handler's.
std::optional<Refusal> read_text_parts(const Request& req, FormFields& fields) {
    const auto boundary = multipart_boundary(req.content_type);
    if (!boundary) return Refusal{415, "bad_content_type", "", "此地址只接受带文件的表单提交（multipart/form-data）", {}};
    if (req.body.size() > kUploadBodyBytes) return Refusal{413, "body_too_large", "", "提交内容总量过大", {}};
    std::size_t text_bytes = 0;
    bool in_text = false;
    MultipartParser parser(*boundary, {
        [&](const PartHeader& h) {
            in_text = !h.filename;
            if (in_text) fields.pairs.emplace_back(h.name, "");
            return true;
        },
        [&](const char* data, std::size_t n) {
            if (!in_text) return true;
            text_bytes += n;
            fields.pairs.back().second.append(data, n);
            return text_bytes <= kFormBodyBytes;
        },
        [] { return true; },
    });
    if (!parser.feed(req.body.data(), req.body.size()) || !parser.done())
        return Refusal{400, "bad_multipart", "", "提交内容不完整或格式有误，请重新提交", {}};
    return std::nullopt;
}

std::optional<Refusal> read_form(const Request& req, bool takes_file, FormFields& fields) {
    if (req.method != "POST") return std::nullopt;
    if (takes_file) return read_text_parts(req, fields);
    if (!common::starts_with(req.content_type, "application/x-www-form-urlencoded"))
        return Refusal{415, "bad_content_type", "", "此地址只接受表单提交（application/x-www-form-urlencoded）", {}};
    if (req.body.size() > kFormBodyBytes) return Refusal{413, "body_too_large", "", "提交内容总量过大", {}};
    std::optional<FormFields> parsed = parse_urlencoded(req.body);
    if (!parsed) return Refusal{400, "bad_form", "", "提交的内容无法识别（编码有误）", {}};
    fields = std::move(*parsed);
    return std::nullopt;
}

bool allows(const PageRow& row, Role role) {
    for (Role r : row.roles)
        if (r == role) return true;
    return false;
}

// In constant time: how much of a guess matched must not show in the timing.
bool same_token(const std::string& sent, const std::string& expected) {
    return sent.size() == expected.size() && sodium_memcmp(sent.data(), expected.data(), expected.size()) == 0;
}

std::string cookie_of(const Request& req) {
    const auto it = req.cookies.find(kSessionCookie);
    return it == req.cookies.end() ? "" : it->second;
}

}  // namespace

SignedInPages::SignedInPages(Sessions& sessions, Pages& pages, AccountPages& account)
    : sessions_(sessions), pages_(pages), account_(account) {
    add(account_.rows());
}

void SignedInPages::add(PageRow row) {
    std::regex pattern(row.route);
    rows_.push_back({std::move(row), std::move(pattern)});
}

void SignedInPages::add(std::vector<PageRow> rows) {
    for (PageRow& row : rows) add(std::move(row));
}

Reply SignedInPages::handle(const Request& req) {
    const bool post = req.method == "POST";
    const Match match = find(req.method, req.path);
    FormFields sent;
    if (const auto refusal = read_form(req, match.row && match.row->takes_file, sent)) return refuse(req, nullptr, *refusal);
    if (req.path == "/" + common::sign_in_url())
        return post ? account_.sign_in(req, sent, landing(sent.get("return_to"))) : account_.sign_in_form();
    if (!match.row) return refuse(req, nullptr, {404, "not_found", "", "没有这个页面", {}});
    const std::string token = cookie_of(req);
    const std::optional<Session> session = sessions_.find(token);
    if (!session) return account_.ask(req, sent);
    if (!allows(*match.row, session->actor.role))
        return refuse(req, &*session, {403, "forbidden", "", "您登录的账号（" + std::string(role_title(session->actor.role)) + "）无权打开此页面", {}});
    if (post && !same_token(sent.get("csrf"), session->csrf))
        return refuse(req, &*session, {403, "csrf_failed", "csrf", "页面已失效或来源不明，本次操作未执行；请重新打开页面后再试", {}});
    const PageRequest page{req, *session, match.captures, post ? sent : FormFields{}, post ? FormFields{} : sessions_.take_refill(token, req.path)};
    return match.row->handler(page);
}

Reply SignedInPages::refuse(const Request& req, const Session* session, const Refusal& refusal) {
    return refusal_reply(refusal, req.wants_json, [&] { return pages_.account_refused(refusal, session); });
}

SignedInPages::Match SignedInPages::find(const std::string& method, const std::string& path) const {
    std::smatch m;
    for (const Compiled& c : rows_)
        if (c.row.method == method && std::regex_match(path, m, c.pattern)) {
            Match found{&c.row, {}};
            for (std::size_t i = 1; i < m.size(); ++i) found.captures.push_back(m[i]);
            return found;
        }
    return {};
}

std::string SignedInPages::landing(const std::string& path) const {
    return find("GET", path).row ? path : "/" + common::account_url();
}

}  // namespace collector
