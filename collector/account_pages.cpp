#include "collector/account_pages.hpp"

#include <nlohmann/json.hpp>

#include "collector/review_pages.hpp"

#include "common/text.hpp"
#include "common/urls.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;

// The sign-in form sends a page's fields back under this prefix, apart from its own.
const std::string kKept = "kept.";

// What the sign-in form carried from a page whose POST found no session.
SignInForm carried(const FormFields& fields) {
    SignInForm form;
    for (const auto& [name, value] : fields.pairs)
        if (common::starts_with(name, kKept)) form.kept.pairs.emplace_back(name.substr(kKept.size()), value);
    form.return_to = fields.get("return_to");
    return form;
}

}  // namespace

AccountPages::AccountPages(const SiteRules& rules, SignIn& sign_in, Sessions& sessions, Pages& pages, AuditLog& audit, const Clock& clock)
    : rules_(rules), sign_in_(sign_in), sessions_(sessions), pages_(pages), audit_(audit), clock_(clock) {}

std::vector<PageRow> AccountPages::rows() {
    return {
        {"GET", common::account_route(""), kEveryRole, [this](const PageRequest& r) { return home(r); }},
        {"POST", "/" + common::sign_out_url(), kEveryRole, [this](const PageRequest& r) { return sign_out(r); }},
    };
}

Reply AccountPages::sign_in_form() { return html_reply(200, pages_.sign_in({})); }

Reply AccountPages::sign_in(const Request& req, const FormFields& fields, const std::string& landing) {
    const SignInResult<Actor> result = check(req, fields);
    log(req, result.who ? "signed_in" : "sign_in_refused", fields, result);
    SignInForm form = carried(fields);
    if (!result.who) {
        form.error = result.refusal;
        form.login = fields.get("login");
        return refusal_reply(result.refusal, req.wants_json, [&] { return pages_.sign_in(form); });
    }
    // A new token at every sign-in: whoever knew the old one learns nothing of the new.
    if (const auto old = req.cookies.find(kSessionCookie); old != req.cookies.end()) sessions_.close(old->second);
    std::optional<Refill> refill;
    if (!form.kept.pairs.empty()) refill = Refill{landing, form.kept};
    const Session session = sessions_.open(*result.who, std::move(refill));
    Reply reply = see_other(landing);
    reply.headers.emplace_back("Set-Cookie", session_cookie(session.token, rules_.base_path, req.over_tls));
    return reply;
}

Reply AccountPages::ask(const Request& req, const FormFields& sent) {
    SignInForm form;
    for (const auto& [name, value] : sent.pairs)
        if (name != "csrf") form.kept.pairs.emplace_back(name, value);
    form.return_to = req.path;
    const bool had_session = req.cookies.count(kSessionCookie) > 0;
    form.notice = !had_session ? "请先登录" : form.kept.pairs.empty() ? "登录已过期，请重新登录" : "登录已过期，请重新登录；您填写的内容已保留";
    const Refusal refusal{401, had_session ? "session_expired" : "not_signed_in", "", form.notice, {}};
    return refusal_reply(refusal, req.wants_json, [&] { return pages_.sign_in(form); });
}

// A staff form sends "login"; the access code form does not.
SignInResult<Actor> AccountPages::check(const Request& req, const FormFields& fields) {
    if (fields.has("login")) {
        const SignInResult<StaffMember> staff = sign_in_.by_login(fields.get("login"), fields.get("password"), req.client);
        if (!staff.who) return {std::nullopt, staff.refusal};
        if (auto actor = staff_actor(*staff.who)) return {std::move(actor), {}};
        return {std::nullopt, {403, "unknown_role", "login", "此账号的角色不在本系统之列，请与管理员联系", {}}};
    }
    const SignInResult<std::string> unit = sign_in_.by_code(fields.get("access_code"), req.client);
    if (!unit.who) return {std::nullopt, unit.refusal};
    if (auto actor = unit_actor(rules_.units, *unit.who)) return {std::move(actor), {}};
    return {std::nullopt, {403, "unknown_unit", "access_code", "此访问码所属的单位不在单位名单中，请与市教育体育局联系", {}}};
}

// Which account was tried is in the log; what was typed as its secret never is.
void AccountPages::log(const Request& req, const std::string& event, const FormFields& fields, const SignInResult<Actor>& result) {
    nlohmann::json entry = {{"time", clock_.now_rfc3339()}, {"event", event}, {"remote", req.client}};
    if (fields.has("login")) {
        if (is_valid_login(fields.get("login"))) entry["login"] = fields.get("login");
    } else if (const std::string id = lookup_id(fields.get("access_code")); !id.empty()) {
        entry["code_id"] = id;
    }
    if (result.who) {
        entry["role"] = role_key(result.who->role);
        if (!by_account(result.who->role)) entry["unit"] = result.who->id;
    } else {
        entry["code"] = result.refusal.code;
    }
    audit_.append(entry);
}

Reply AccountPages::home(const PageRequest& r) {
    const Actor& actor = r.session.actor;
    data view("name", actor.name);
    view.set("role_title", std::string(role_title(actor.role)));
    view.set(role_key(actor.role), true);
    view.set("desks", desk_links(rules_, rules_.base_path));
    if (actor.role == Role::city) view.set("experts_url", rules_.base_path + common::experts_url());
    return html_reply(200, pages_.signed_in(r.session, "我的首页", "account_home", view));
}

Reply AccountPages::sign_out(const PageRequest& r) {
    sessions_.close(r.session.token);
    const Actor& actor = r.session.actor;
    audit_.append({{"time", clock_.now_rfc3339()}, {"event", "signed_out"}, {"role", role_key(actor.role)},
                   {by_account(actor.role) ? "login" : "unit", actor.id}, {"remote", r.http.client}});
    Reply reply = see_other("/" + common::sign_in_url());
    reply.headers.emplace_back("Set-Cookie", cleared_session_cookie(rules_.base_path, r.http.over_tls));
    return reply;
}

}  // namespace collector
