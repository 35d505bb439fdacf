#include "collector/expert_account_pages.hpp"

#include <algorithm>

#include "collector/record_commits.hpp"
#include "common/urls.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;

Refusal refused(int status, const std::string& code, const std::string& field, const std::string& message) { return {status, code, field, message, {}}; }

std::string place_name(const common::Units& units, const std::string& id) { return id.empty() ? "名单外单位" : units.name_of(id); }

// The units an expert may belong to, by county, for the form's choice.
data unit_choices(const common::Units& units, const FormFields& refill) {
    data counties{data::type::list};
    for (const common::County& c : units.counties) {
        data group("name", c.name);
        data options{data::type::list};
        data own("id", c.id);
        own.set("name", c.name + "（教育局）");
        own.set("selected", refill.get("unit") == c.id);
        options.push_back(own);
        for (const common::School& s : units.schools) {
            if (s.county != c.id) continue;
            data option("id", s.id);
            option.set("name", s.name);
            option.set("selected", refill.get("unit") == s.id);
            options.push_back(option);
        }
        group.set("units", options);
        counties.push_back(group);
    }
    return counties;
}

data county_choices(const common::Units& units, const FormFields& refill) {
    data out{data::type::list};
    for (const common::County& c : units.counties) {
        data option("id", c.id);
        option.set("name", c.name);
        option.set("selected", refill.get("county") == c.id);
        out.push_back(option);
    }
    return out;
}

}  // namespace

ExpertAccountPages::ExpertAccountPages(const SiteRules& rules, StaffAccounts& staff, GitCommitter& git, AuditLog& audit, const Clock& clock,
                                       Pages& pages, SignedInPages& signed_in)
    : rules_(rules), staff_(staff), git_(git), audit_(audit), clock_(clock), pages_(pages), signed_in_(signed_in) {}

std::vector<PageRow> ExpertAccountPages::rows() {
    return {
        {"GET", common::experts_route(), {Role::city}, [this](const PageRequest& r) { return page(r); }},
        {"POST", common::experts_route(), {Role::city}, [this](const PageRequest& r) { return act(r); }},
    };
}

Reply ExpertAccountPages::page(const PageRequest& r) { return show(r, nullptr); }

Reply ExpertAccountPages::act(const PageRequest& r) {
    const std::string what = r.form.get("act");
    if (what == "open") return open_account(r);
    if (what == "reissue") return reissue(r);
    return signed_in_.refuse(r.http, &r.session, refused(422, "bad_act", "act", "请选择要办理的事项"));
}

Reply ExpertAccountPages::open_account(const PageRequest& r) {
    const std::string login = r.form.get("login"), name = r.form.get("name"), unit = r.form.get("unit");
    std::string county = r.form.get("county");
    if (!is_valid_login(login))
        return signed_in_.refuse(r.http, &r.session, refused(422, "bad_login", "login", "登录名只能由小写字母、数字和连字符组成，以字母或数字开头"));
    if (!is_valid_person_name(name)) return signed_in_.refuse(r.http, &r.session, refused(422, "bad_name", "name", "请填写专家姓名（1至20个字）"));
    if (const auto problem = place_expert(rules_.units, unit, county))
        return signed_in_.refuse(r.http, &r.session, refused(422, problem->code, problem->field, problem->message));
    std::lock_guard<std::mutex> lock(mutex_);
    if (staff_.exists(login)) return signed_in_.refuse(r.http, &r.session, refused(409, "login_taken", "login", "登录名“" + login + "”已被使用，请换一个"));
    const Issued issued{login, staff_.add_expert(login, name, unit, county)};
    record(r, {login, name, "expert", unit, county}, false);
    return show(r, &issued);
}

Reply ExpertAccountPages::reissue(const PageRequest& r) {
    const std::string login = r.form.get("login");
    std::lock_guard<std::mutex> lock(mutex_);
    const std::vector<StaffMember> experts = staff_.experts();
    const auto found = std::find_if(experts.begin(), experts.end(), [&](const StaffMember& m) { return m.login == login; });
    if (found == experts.end()) return signed_in_.refuse(r.http, &r.session, refused(404, "no_such_expert", "login", "没有这个专家账号"));
    const Issued issued{login, staff_.add_expert(found->login, found->name, found->unit, found->county), true};
    record(r, *found, true);
    return show(r, &issued);
}

// After the account's file is durable: the audit line, then its commit.
void ExpertAccountPages::record(const PageRequest& r, const StaffMember& expert, bool reissued) {
    const Actor& by = r.session.actor;
    audit_.append({{"time", clock_.now_rfc3339()}, {"event", reissued ? "expert_reissued" : "expert_opened"}, {"login", expert.login}, {"by", by.id},
                   {"remote", r.http.client}});
    git_.note(account_commit(expert, reissued, by, rules_, clock_.now()));
}

Reply ExpertAccountPages::show(const PageRequest& r, const Issued* issued) {
    data view;
    data experts{data::type::list};
    for (const StaffMember& m : staff_.experts()) {
        data row("login", m.login);
        row.set("name", m.name);
        row.set("unit", place_name(rules_.units, m.unit));
        row.set("county", m.county.empty() ? "—" : rules_.units.name_of(m.county));
        experts.push_back(row);
    }
    view.set("has_experts", !experts.is_empty_list());
    view.set("experts", experts);
    view.set("act_url", rules_.base_path + common::experts_url());
    view.set("unit_groups", unit_choices(rules_.units, r.refill));
    view.set("counties", county_choices(rules_.units, r.refill));
    for (const char* field : {"login", "name"}) view.set(std::string("refill_") + field, r.refill.get(field));
    if (issued) {
        view.set("issued_login", issued->login);
        view.set("issued_password", issued->password);
        view.set("reissued", issued->reissued);
        view.set("has_issued", true);
    }
    return html_reply(200, pages_.signed_in(r.session, "评审专家账号", "review_experts", view));
}

}  // namespace collector
