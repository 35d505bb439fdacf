// Signing in to the real collector on loopback: by access code alone, by a
// staff login; limits on failures; the session's cookie, CSRF token, idle
// timeout and sign-out; the role each page allows.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/urls.hpp"
#include "support/collector_fixture.hpp"
#include "support/git_history.hpp"
#include "support/pdf_maker.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using collector::PageRequest;
using collector::Role;
using testing::HttpReply;
using testing::RunningCollector;

namespace {

const char* const kOpen = "2019-09-01T09:00:00+08:00";
const char* const kSchool = "pingjiang-test";
const char* const kCounty = "pingjiang";
// What nginx sends for a client it took over TLS (deploy/nginx/site.conf.in).
std::string forwarded(const std::string& client, const std::string& scheme = "http") {
    return "X-Real-IP: " + client + "\r\nX-Forwarded-Proto: " + scheme + "\r\n";
}

using Fields = std::vector<std::pair<std::string, std::string>>;

HttpReply sign_in(const RunningCollector& c, const Fields& fields, const std::string& headers = "", const std::string& source = "127.0.0.1") {
    return testing::raw_request(c.port(), testing::form_request("/account/sign-in/", fields, headers), source);
}

// "yueyang_session=TOKEN" of a reply that set it.
std::string session_of(const HttpReply& r) {
    const auto it = r.headers.find("set-cookie");
    REQUIRE(it != r.headers.end());
    return it->second.substr(0, it->second.find(';'));
}

HttpReply get(const RunningCollector& c, const std::string& path, const std::string& cookie, const std::string& headers = "") {
    return testing::raw_request(c.port(), testing::get_request(path, (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") + headers));
}

HttpReply post(const RunningCollector& c, const std::string& path, const std::string& cookie, const Fields& fields,
               const std::string& headers = "") {
    return testing::raw_request(c.port(), testing::form_request(path, fields, (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") + headers));
}

// The CSRF token a signed-in page carries in its forms.
std::string csrf_of(const HttpReply& page) {
    std::smatch m;
    REQUIRE(std::regex_search(page.body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
    return m[1];
}

// A test page that acts on a POST: `acted` counts how often it did.
collector::PageRow counted_post(std::atomic<int>& acted) {
    return {"POST", common::account_route("notes/"), collector::kEveryRole, [&acted](const PageRequest&) {
                ++acted;
                return collector::see_other("/account/notes/");
            }};
}

nlohmann::json json_of(const HttpReply& r) {
    INFO(r.body);
    return nlohmann::json::parse(r.body);
}

}  // namespace

TEST_CASE("a school and a county sign in with their access code alone and land on their home page") {
    RunningCollector c(kOpen);
    for (const auto& [unit, name, role] : {std::tuple{kSchool, "平江县测试学校", "学校"}, std::tuple{kCounty, "平江县", "县市区教育局"}}) {
        const HttpReply r = sign_in(c, {{"access_code", c.code(unit)}});
        REQUIRE(r.status == 303);
        CHECK(r.headers.at("location") == "/account/");
        const HttpReply home = get(c, "/account/", session_of(r));
        CHECK(home.status == 200);
        CHECK_THAT(home.body, Contains("<h1>我的首页</h1>") && Contains(std::string("已登录：") + name + "（" + role + "）"));
        CHECK_THAT(home.body, Contains("退出登录"));
        CHECK_THAT(c.audit_log(), Contains("\"event\":\"signed_in\"") && Contains(std::string("\"unit\":\"") + unit + "\""));
    }
    CHECK_THAT(get(c, "/account/", session_of(sign_in(c, {{"access_code", c.code(kCounty)}}))).body, Contains("本县市区可以办理"));
}

TEST_CASE("city staff sign in with login and password, and neither password nor code reaches the audit log") {
    RunningCollector c(kOpen);
    const std::string password = c.add_staff("li-ming", "李明");
    const HttpReply wrong = sign_in(c, {{"login", "li-ming"}, {"password", "AAAA-BBBB-CCCC-DDDD"}});
    CHECK(wrong.status == 403);
    CHECK_THAT(wrong.body, Contains("账号或密码不正确") && Contains("aria-invalid=\"true\"") && Contains("value=\"li-ming\""));
    const HttpReply r = sign_in(c, {{"login", "li-ming"}, {"password", password}});
    REQUIRE(r.status == 303);
    CHECK_THAT(get(c, "/account/", session_of(r)).body, Contains("已登录：李明（市教育体育局）") && Contains("市教育体育局可以办理"));
    const std::string log = c.audit_log();
    CHECK_THAT(log, Contains("\"event\":\"sign_in_refused\"") && Contains("\"code\":\"bad_password\"") && Contains("\"login\":\"li-ming\""));
    CHECK_THAT(log, Contains("\"role\":\"city\""));
    CHECK_THAT(log, !Contains(password) && !Contains("AAAA-BBBB") && !Contains("李明"));
    // The name is the account's alone: the only copy is its file.
    CHECK_THAT(testing::read_file(c.layout().staff_account("li-ming")), Contains("李明") && !Contains(password));
}

TEST_CASE("a wrong access code is refused with a page naming the field, or with JSON, and logged by its lookup id only") {
    RunningCollector c(kOpen);
    const std::string code = c.code(kSchool);
    const std::string wrong = code.substr(0, 5) + "AAAA-BBBB-CCCC-DDDD";
    const HttpReply page = sign_in(c, {{"access_code", wrong}});
    CHECK(page.status == 403);
    CHECK_THAT(page.body, StartsWith("<!DOCTYPE html>") && Contains("访问码不正确，请核对后重新输入") && Contains("bad_access_code"));
    CHECK_THAT(page.body, Contains("<span class=\"field-error\" id=\"e-f-access_code\">访问码不正确"));
    CHECK(page.headers.count("set-cookie") == 0);
    const HttpReply api = sign_in(c, {{"access_code", wrong}}, "Accept: application/json\r\n");
    CHECK(json_of(api)["error"]["code"] == "bad_access_code");
    CHECK(json_of(api)["error"]["field"] == "access_code");
    CHECK(json_of(sign_in(c, {{"access_code", ""}}, "Accept: application/json\r\n"))["error"]["code"] == "missing_access_code");
    const std::string log = c.audit_log();
    CHECK_THAT(log, Contains("\"code_id\":\"" + code.substr(0, 4) + "\"") && Contains("\"code\":\"bad_access_code\""));
    CHECK_THAT(log, !Contains("AAAABBBB") && !Contains("AAAA-BBBB"));
}

TEST_CASE("five failures for one code, from any addresses, refuse it for a while with 429, on the page and in the API") {
    RunningCollector c(kOpen);
    const std::string code = c.code(kSchool);
    const std::string wrong = code.substr(0, 5) + "AAAA-BBBB-CCCC-DDDD";
    for (int i = 1; i <= 5; ++i) CHECK(sign_in(c, {{"access_code", wrong}}, forwarded("203.0.113." + std::to_string(i))).status == 403);
    const HttpReply refused = sign_in(c, {{"access_code", code}}, forwarded("198.51.100.1"));
    CHECK(refused.status == 429);
    CHECK_THAT(refused.body, Contains("登录失败次数过多，请15分钟后再试") && Contains("too_many_failures"));
    CHECK(std::stoi(refused.headers.at("retry-after")) > 890);
    const auto api = c.post("application-2019", testing::application_parts(code, "方案.pdf", testing::tiny_pdf()), forwarded("198.51.100.2"));
    CHECK(api.status == 429);
    CHECK(json_of(api)["error"]["code"] == "too_many_failures");
    // Another unit is not held up by it.
    CHECK(sign_in(c, {{"access_code", c.code(kCounty)}}, forwarded("198.51.100.3")).status == 303);
}

TEST_CASE("five failures from one address refuse every sign-in from it for a while, and other addresses go on") {
    RunningCollector c(kOpen);
    const std::string code = c.code(kSchool);
    const std::string password = c.add_staff("li-ming", "李明");
    for (const char* guess : {"AAAA", "BBBB", "CCCC", "DDDD", "EEEE"})
        CHECK(sign_in(c, {{"access_code", std::string(guess) + "-AAAA-BBBB-CCCC-DDDD"}}, forwarded("203.0.113.7")).status == 403);
    const HttpReply refused = sign_in(c, {{"login", "li-ming"}, {"password", password}}, forwarded("203.0.113.7"));
    CHECK(refused.status == 429);
    CHECK_THAT(refused.body, Contains("登录失败次数过多"));
    CHECK(sign_in(c, {{"access_code", code}}, forwarded("203.0.113.8")).status == 303);
    // A client talking to the collector directly is counted by its own address: its X-Real-IP is not believed.
    for (const char* guess : {"FFFF", "GGGG", "HHHH", "JJJJ", "KKKK"})
        CHECK(sign_in(c, {{"access_code", std::string(guess) + "-AAAA-BBBB-CCCC-DDDD"}}, forwarded("203.0.113.9"), "127.0.0.2").status == 403);
    CHECK(sign_in(c, {{"access_code", code}}, forwarded("203.0.113.10"), "127.0.0.2").status == 429);
    CHECK(sign_in(c, {{"access_code", code}}, forwarded("203.0.113.9")).status == 303);
}

TEST_CASE("the session cookie is HttpOnly, SameSite=Strict, under the base path, and Secure only when nginx took the request over TLS") {
    RunningCollector c(kOpen);
    const std::string code = c.code(kSchool);
    const std::string plain = sign_in(c, {{"access_code", code}}).headers.at("set-cookie");
    CHECK_THAT(plain, StartsWith("yueyang_session=") && Contains("; Path=/;") && Contains("; HttpOnly") && Contains("; SameSite=Strict"));
    CHECK_THAT(plain, !Contains("Secure") && !Contains("Max-Age") && !Contains("Expires"));
    CHECK_THAT(sign_in(c, {{"access_code", code}}, forwarded("203.0.113.5", "https")).headers.at("set-cookie"), Contains("; Secure"));
    // Only the proxy's word counts: the same header straight from another client does not make a cookie Secure.
    CHECK_THAT(sign_in(c, {{"access_code", code}}, forwarded("203.0.113.5", "https"), "127.0.0.2").headers.at("set-cookie"), !Contains("Secure"));
}

TEST_CASE("signing out ends the session, and its cookie signs nobody in afterwards") {
    RunningCollector c(kOpen);
    const std::string cookie = session_of(sign_in(c, {{"access_code", c.code(kSchool)}}));
    const HttpReply home = get(c, "/account/", cookie);
    const HttpReply out = post(c, "/account/sign-out/", cookie, {{"csrf", csrf_of(home)}});
    CHECK(out.status == 303);
    CHECK(out.headers.at("location") == "/account/sign-in/");
    CHECK_THAT(out.headers.at("set-cookie"), StartsWith("yueyang_session=;") && Contains("Max-Age=0"));
    const HttpReply after = get(c, "/account/", cookie);
    CHECK(after.status == 401);
    CHECK_THAT(after.body, Contains("<h1>登录</h1>") && Contains("登录已过期，请重新登录"));
    CHECK_THAT(c.audit_log(), Contains("\"event\":\"signed_out\""));
    CHECK(json_of(get(c, "/account/", "", "Accept: application/json\r\n"))["error"]["code"] == "not_signed_in");
}

TEST_CASE("a POST without the session's CSRF token, or with a stale one, is refused and does nothing") {
    std::atomic<int> acted{0};
    testing::AccountSetup setup;
    setup.rows.push_back(counted_post(acted));
    RunningCollector c(kOpen, {}, {}, setup);
    const std::string code = c.code(kSchool);
    const std::string first = session_of(sign_in(c, {{"access_code", code}}));
    const std::string stale = csrf_of(get(c, "/account/", first));
    const std::string cookie = session_of(sign_in(c, {{"access_code", code}}));
    const std::string current = csrf_of(get(c, "/account/", cookie));
    CHECK(stale != current);
    for (const Fields& fields : {Fields{}, Fields{{"csrf", stale}}, Fields{{"csrf", current.substr(1)}}}) {
        const HttpReply r = post(c, "/account/notes/", cookie, fields);
        CHECK(r.status == 403);
        CHECK_THAT(r.body, Contains("页面已失效或来源不明，本次操作未执行") && Contains("csrf_failed"));
        CHECK(post(c, "/account/sign-out/", cookie, fields).status == 403);
    }
    CHECK(acted == 0);
    CHECK(get(c, "/account/", cookie).status == 200);
    CHECK(json_of(post(c, "/account/notes/", cookie, {}, "Accept: application/json\r\n"))["error"]["field"] == "csrf");
    CHECK(post(c, "/account/notes/", cookie, {{"csrf", current}}).status == 303);
    CHECK(acted == 1);
}

TEST_CASE("after the idle timeout a POST does nothing but asks to sign in again, keeping what was typed for the form") {
    std::atomic<int> acted{0};
    testing::AccountSetup setup;
    setup.idle = std::chrono::seconds(1);
    setup.rows.push_back({"GET", common::account_route("notes/"), collector::kEveryRole,
                          [](const PageRequest& r) { return collector::html_reply(200, "refilled:" + r.refill.get("note") + "|" + r.refill.get("score")); }});
    setup.rows.push_back(counted_post(acted));
    RunningCollector c(kOpen, {}, {}, setup);
    const std::string code = c.code(kCounty);
    const std::string cookie = session_of(sign_in(c, {{"access_code", code}}));
    const std::string csrf = csrf_of(get(c, "/account/", cookie));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const HttpReply expired = post(c, "/account/notes/", cookie, {{"csrf", csrf}, {"note", "推荐 <理由> \"充分\""}, {"score", "90"}});
    CHECK(expired.status == 401);
    CHECK_THAT(expired.body, Contains("登录已过期，请重新登录；您填写的内容已保留"));
    CHECK_THAT(expired.body, Contains("<input type=\"hidden\" name=\"kept.note\" value=\"推荐 &lt;理由&gt; &quot;充分&quot;\">"));
    CHECK_THAT(expired.body, Contains("name=\"return_to\" value=\"/account/notes/\"") && !Contains(csrf));
    CHECK(acted == 0);
    CHECK(json_of(post(c, "/account/notes/", cookie, {{"csrf", csrf}}, "Accept: application/json\r\n"))["error"]["code"] == "session_expired");

    // Signing in from that form lands on the form, refilled once, and nothing is applied.
    const HttpReply again = sign_in(c, {{"kept.note", "推荐 <理由> \"充分\""}, {"kept.score", "90"}, {"return_to", "/account/notes/"}, {"access_code", code}});
    REQUIRE(again.status == 303);
    CHECK(again.headers.at("location") == "/account/notes/");
    const std::string fresh = session_of(again);
    CHECK(get(c, "/account/notes/", fresh).body == "refilled:推荐 <理由> \"充分\"|90");
    CHECK(get(c, "/account/notes/", fresh).body == "refilled:|");
    CHECK(acted == 0);
}

TEST_CASE("a failed sign-in from the expired form keeps the typed fields for the next try") {
    RunningCollector c(kOpen);
    const HttpReply r = sign_in(c, {{"kept.note", "意见"}, {"return_to", "/account/"}, {"access_code", "AAAA-AAAA-AAAA-AAAA-AAAA"}});
    CHECK(r.status == 403);
    CHECK_THAT(r.body, Contains("name=\"kept.note\" value=\"意见\"") && Contains("name=\"return_to\" value=\"/account/\""));
}

TEST_CASE("a sign-in lands only on a signed-in page, whatever return_to says") {
    RunningCollector c(kOpen);
    const std::string code = c.code(kSchool);
    for (const char* elsewhere : {"//evil.example/", "https://evil.example/account/", "/api/health", "/account/no-such-page/", ""})
        CHECK(sign_in(c, {{"return_to", elsewhere}, {"access_code", code}}).headers.at("location") == "/account/");
}

TEST_CASE("a school is refused a city page with 403, on a page naming its role, and the city opens it") {
    testing::AccountSetup setup;
    setup.rows.push_back({"GET", common::account_route("city-only/"), {Role::city},
                          [](const PageRequest&) { return collector::html_reply(200, "for the city"); }});
    RunningCollector c(kOpen, {}, {}, setup);
    const std::string school = session_of(sign_in(c, {{"access_code", c.code(kSchool)}}));
    const HttpReply refused = get(c, "/account/city-only/", school);
    CHECK(refused.status == 403);
    CHECK_THAT(refused.body, Contains("<h1>请求未被处理</h1>") && Contains("您登录的账号（学校）无权打开此页面") && Contains("forbidden"));
    CHECK_THAT(refused.body, Contains("已登录：平江县测试学校（学校）"));
    CHECK(json_of(get(c, "/account/city-only/", school, "Accept: application/json\r\n"))["error"]["code"] == "forbidden");
    const std::string city = session_of(sign_in(c, {{"login", "li-ming"}, {"password", c.add_staff("li-ming", "李明")}}));
    CHECK(get(c, "/account/city-only/", city).body == "for the city");
    CHECK(get(c, "/account/no-such-page/", city).status == 404);
}

TEST_CASE("the signed-in pages take only small urlencoded bodies that state their length") {
    RunningCollector c(kOpen);
    const std::string big = testing::form_request("/account/sign-in/", {{"access_code", std::string(70 * 1024, 'A')}});
    CHECK(json_of(testing::raw_request(c.port(), big))["error"]["code"] == "body_too_large");
    const auto chunked = testing::raw_request(c.port(), "POST /account/sign-in/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                                        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                        "5\r\na=b&c\r\n0\r\n\r\n");
    CHECK(chunked.status == 411);
    CHECK(json_of(chunked)["error"]["code"] == "length_required");
    const auto multipart = testing::raw_request(c.port(), testing::multipart_request("/account/sign-in/", {{"access_code", c.code(kSchool)}}));
    CHECK(multipart.status == 415);
    const std::string broken = "access_code=%ZZ";
    const auto bad = testing::raw_request(c.port(), "POST /account/sign-in/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept: application/json\r\n"
                                                    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                                                        std::to_string(broken.size()) + "\r\n\r\n" + broken);
    CHECK(json_of(bad)["error"]["code"] == "bad_form");
    CHECK(get(c, "/account/sign-in/", "").status == 200);
}

TEST_CASE("a school opens its upload in the browser and saves it, byte for byte, and another school is refused it") {
    RunningCollector c(kOpen);
    // Larger than the 64 KiB pieces the collector sends a stored file in.
    testing::PdfSpec spec;
    for (int i = 0; spec.padding.size() < 300 * 1024; ++i) spec.padding += "line " + std::to_string(i) + " of a long PDF\n";
    const std::string pdf = testing::make_pdf(spec);
    REQUIRE(c.post("application-2019", testing::application_parts(c.code(kSchool), "工作方案.pdf", pdf)).status == 201);
    const std::string page = "/account/versions/application-2019/" + std::string(kSchool) + "/v0001/";
    const std::string own = session_of(sign_in(c, {{"access_code", c.code(kSchool)}}));

    const HttpReply shown = get(c, page + "files/work_plan.pdf", own);
    CHECK(shown.status == 200);
    CHECK(shown.headers.at("content-type") == "application/pdf");
    CHECK(shown.headers.at("content-disposition") == "inline; filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E6%96%B9%E6%A1%88.pdf");
    CHECK(shown.headers.at("content-length") == std::to_string(pdf.size()));
    CHECK(shown.body == pdf);
    const HttpReply saved = get(c, page + "downloads/work_plan.pdf", own);
    CHECK(saved.headers.at("content-disposition").rfind("attachment; ", 0) == 0);
    CHECK(saved.body == pdf);
    CHECK(get(c, page + "files/other.pdf", own).status == 404);

    const std::string other = session_of(sign_in(c, {{"access_code", c.code("pingjiang-guihua")}}));
    const HttpReply refused = get(c, page + "files/work_plan.pdf", other);
    CHECK(refused.status == 403);
    CHECK(refused.body.find("%PDF") == std::string::npos);
}

TEST_CASE("city staff open an expert account on their page: the password shown once works, one commit under them, refusals write nothing") {
    RunningCollector c(kOpen);
    const std::string staff = session_of(sign_in(c, {{"login", "li-ming"}, {"password", c.add_staff("li-ming", "李明")}}));
    CHECK_THAT(get(c, "/account/", staff).body, Contains("href=\"/account/experts/\""));
    const HttpReply page = get(c, "/account/experts/", staff);
    REQUIRE(page.status == 200);
    CHECK_THAT(page.body, Contains("尚未开通评审专家账号") && Contains("<option value=\"pingjiang-test\">平江县测试学校</option>"));
    const std::string csrf = csrf_of(page);

    // Each refusal names its field, and no account file is written.
    const std::vector<std::tuple<Fields, int, std::string, std::string>> refused = {
        {{{"login", "Zhang Wei"}, {"name", "张伟"}}, 422, "bad_login", "login"},
        {{{"login", "zhang"}, {"name", ""}}, 422, "bad_name", "name"},
        {{{"login", "zhang"}, {"name", "张伟"}, {"unit", "nowhere"}}, 422, "unknown_unit", "unit"},
        {{{"login", "zhang"}, {"name", "张伟"}, {"unit", "pingjiang-test"}, {"county", "huarong"}}, 422, "unit_not_in_county", "county"},
        {{{"login", "li-ming"}, {"name", "张伟"}}, 409, "login_taken", "login"},
    };
    for (const auto& [fields, status, code, field] : refused) {
        Fields sent = fields;
        sent.insert(sent.begin(), {{"csrf", csrf}, {"act", "open"}});
        const HttpReply r = post(c, "/account/experts/", staff, sent, "Accept: application/json\r\n");
        INFO(code);
        CHECK(r.status == status);
        CHECK(json_of(r)["error"]["code"] == code);
        CHECK(json_of(r)["error"]["field"] == field);
    }
    CHECK_FALSE(std::filesystem::exists(c.layout().staff_account("zhang")));

    const HttpReply opened = post(c, "/account/experts/", staff, {{"csrf", csrf}, {"act", "open"}, {"login", "zhang"}, {"name", "张伟"}, {"unit", "pingjiang-test"}});
    REQUIRE(opened.status == 200);
    std::smatch m;
    REQUIRE(std::regex_search(opened.body, m, std::regex("<code class=\"secret\">([A-Z0-9-]+)</code>")));
    const std::string password = m[1];
    CHECK_THAT(opened.body, Contains("专家账号“zhang”已开通") && Contains("<td>张伟</td><td>平江县测试学校</td><td>平江县</td>"));
    // Shown once: the list afterwards holds the account, never its password.
    CHECK_THAT(get(c, "/account/experts/", staff).body, Contains("<th scope=\"row\">zhang</th>") && !Contains(password));
    const std::string expert = session_of(sign_in(c, {{"login", "zhang"}, {"password", password}}));
    CHECK_THAT(get(c, "/account/", expert).body, Contains("已登录：张伟（评审专家）"));
    CHECK(get(c, "/account/experts/", expert).status == 403);

    const HttpReply reissued = post(c, "/account/experts/", staff, {{"csrf", csrf}, {"act", "reissue"}, {"login", "zhang"}});
    REQUIRE(reissued.status == 200);
    CHECK_THAT(reissued.body, Contains("已为专家账号“zhang”重设密码"));
    CHECK(sign_in(c, {{"login", "zhang"}, {"password", password}}).status == 403);
    CHECK(json_of(post(c, "/account/experts/", staff, {{"csrf", csrf}, {"act", "reissue"}, {"login", "li-ming"}}, "Accept: application/json\r\n"))["error"]["code"] ==
          "no_such_expert");

    c.flush_git();
    std::vector<testing::LoggedCommit> accounts;
    for (const auto& commit : testing::record_commits(c.data()))
        if (commit.record == "account") accounts.push_back(commit);
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[0].author == "李明 <li-ming@staff.invalid>");
    CHECK(accounts[0].subject == "开通专家账号 zhang（平江县测试学校，平江县）");
    CHECK(accounts[1].subject == "重设专家账号密码 zhang（平江县测试学校，平江县）");
    CHECK(accounts[0].paths == std::vector<std::string>{"access/staff/zhang.json"});
    const std::string log = c.audit_log();
    CHECK_THAT(log, Contains("\"event\":\"expert_opened\"") && Contains("\"by\":\"li-ming\"") && !Contains(password) && !Contains("张伟"));
}
