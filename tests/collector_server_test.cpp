// The real collector on loopback, with a real git data directory.

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/collector_fixture.hpp"
#include "support/git_history.hpp"
#include "support/pdf_maker.hpp"
#include "support/upload_files.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;
using nlohmann::json;
using testing::FormPart;
using testing::RunningCollector;
namespace fs = std::filesystem;

namespace {

const char* const kBeforeTaskBookDeadline = "2021-01-10T10:00:00+08:00";
const char* const kBeforeApplicationDeadline = "2019-09-01T09:00:00+08:00";
// The collector's pages wear the site's stylesheet (the fixture's site has no base path).
const char* const kThemeStylesheet = "<link rel=\"stylesheet\" href=\"/assets/style.css\">";

json body_of(const testing::HttpReply& r) {
    INFO(r.body);
    return json::parse(r.body);
}

std::vector<FormPart> with(std::vector<FormPart> parts, const std::string& name, const std::string& value) {
    for (auto& p : parts)
        if (p.name == name) {
            p.value = value;
            return parts;
        }
    parts.push_back({name, value});
    return parts;
}

const common::RecordKind& kSubmission = common::kSubmissionRecord;

}  // namespace

TEST_CASE("a complete task book is stored as version 1, acknowledged, committed to git") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto r = c.post("task-book-2020", testing::task_book_parts(c.code("miluo-zhengze")));
    REQUIRE(r.status == 201);
    const json j = body_of(r);
    CHECK(j["form"] == "task-book-2020");
    CHECK(j["unit"] == "miluo-zhengze");
    CHECK(j["version"] == 1);
    // The collector's clock starts at --now and runs on: a slow machine may be a second or two past it.
    CHECK_THAT(j["received_at"].get<std::string>(), StartsWith("2021-01-10T10:00:") && EndsWith("+08:00"));
    const common::StoredVersion meta = c.stored("task-book-2020", "miluo-zhengze", 1);
    CHECK(meta.receipt == j["receipt"]);
    CHECK(meta.fields.at("budget_total.2022") == "30.5");
    c.flush_git();
    const auto commits = testing::record_commits(c.data());
    REQUIRE(commits.size() == 1);
    // The unit is the author, at the time of its receipt; the collector commits.
    CHECK(commits[0].author == "汨罗市正则学校 <miluo-zhengze@units.invalid>");
    CHECK(commits[0].author_date == j["received_at"]);
    CHECK(commits[0].committer == "collector <collector@collector.invalid>");
    CHECK(commits[0].subject == "收到 task-book-2020 汨罗市正则学校 (miluo-zhengze) v0001");
    CHECK(commits[0].record == "submission");
    CHECK(commits[0].version == "task-book-2020/miluo-zhengze/v0001");
    CHECK(commits[0].paths == std::vector<std::string>{"submissions/task-book-2020/miluo-zhengze/v0001/submission.json"});
    CHECK(c.git("status --porcelain").empty());
    // The commit message names form, unit and version, never personal data.
    CHECK_THAT(c.git("log --format=%B"), !Contains("何发意"));
}

TEST_CASE("no submission is taken without the current privacy notice agreed to, and its version is stored") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const std::string code = c.code("miluo-zhengze");
    auto parts = testing::task_book_parts(code);
    parts.erase(std::remove_if(parts.begin(), parts.end(), [](const FormPart& p) { return p.name == "privacy_notice"; }), parts.end());
    const auto refused = c.post("task-book-2020", parts);
    CHECK(refused.status == 422);
    CHECK(body_of(refused)["error"]["code"] == "privacy_notice_required");
    CHECK(body_of(refused)["error"]["field"] == "privacy_notice");
    CHECK_THAT(body_of(refused)["error"]["message"].get<std::string>(), Contains("个人信息保护说明"));
    CHECK_FALSE(fs::exists(c.layout().unit_dir(kSubmission, "task-book-2020", "miluo-zhengze")));
    REQUIRE(c.post("task-book-2020", testing::task_book_parts(code)).status == 201);
    CHECK(c.stored("task-book-2020", "miluo-zhengze", 1).privacy_notice == testing::privacy_version());
}

TEST_CASE("a revision becomes version 2 and version 1 stays") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const std::string code = c.code("miluo-zhengze");
    REQUIRE(c.post("task-book-2020", testing::task_book_parts(code)).status == 201);
    const auto r = c.post("task-book-2020", with(testing::task_book_parts(code), "content.2021", "修订后的内容"));
    REQUIRE(r.status == 201);
    CHECK(body_of(r)["version"] == 2);
    CHECK(c.stored("task-book-2020", "miluo-zhengze", 1).fields.at("content.2021") == "2021年建设智慧课堂");
    CHECK(c.stored("task-book-2020", "miluo-zhengze", 2).fields.at("content.2021") == "修订后的内容");
}

TEST_CASE("a late submission is refused with 逾期不予受理, logged, and not stored") {
    RunningCollector c("2021-01-19T00:00:01+08:00");
    const auto r = c.post("task-book-2020", testing::task_book_parts(c.code("miluo-zhengze")));
    CHECK(r.status == 403);
    const json j = body_of(r);
    CHECK(j["error"]["code"] == "deadline_passed");
    CHECK_THAT(j["error"]["message"].get<std::string>(), Contains("逾期不予受理"));
    CHECK(c.layout().versions(kSubmission).empty());
    CHECK_THAT(c.audit_log(), Contains("\"code\":\"deadline_passed\""));
}

TEST_CASE("the last day of a call is still open") {
    RunningCollector c("2021-01-18T23:59:00+08:00");
    CHECK(c.post("task-book-2020", testing::task_book_parts(c.code("miluo-zhengze"))).status == 201);
}

TEST_CASE("a 2020 pilot may apply to the 2019 call which opened before its list was published") {
    // Eligibility is judged from the registry as of the call's opening day (2019-06-20): the
    // 2020 pilots were 立项 on 2021-01-05. Refusals of unfinished pilots: common_review_test, and the review chain's e2e test.
    RunningCollector c(kBeforeApplicationDeadline);
    const auto r = c.post("application-2019", testing::application_parts(c.code("miluo-zhengze"), "方案.pdf", testing::tiny_pdf()));
    CHECK(r.status == 201);
}

TEST_CASE("a task book comes only from a unit on the published list") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto r = c.post("task-book-2020", testing::task_book_parts(c.code("pingjiang-test")));
    CHECK(r.status == 403);
    CHECK(body_of(r)["error"]["code"] == "not_on_list");
}

TEST_CASE("the access code alone names the unit, and a wrong code or a unit other than the code's is refused") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const std::string code = c.code("miluo-zhengze");
    CHECK(code.size() == 24);
    CHECK(code[4] == '-');
    // Read aloud and typed again: lower case, spaces instead of hyphens.
    std::string typed = code;
    for (char& ch : typed) ch = ch == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto ok = c.post("task-book-2020", testing::task_book_parts(typed));
    REQUIRE(ok.status == 201);
    CHECK(body_of(ok)["unit"] == "miluo-zhengze");
    const auto wrong = c.post("task-book-2020", testing::task_book_parts(code.substr(0, 5) + "AAAA-BBBB-CCCC-DDDD"));
    CHECK(wrong.status == 403);
    CHECK(body_of(wrong)["error"]["code"] == "bad_access_code");
    CHECK(body_of(wrong)["error"]["field"] == "access_code");
    const auto mismatch = c.post("task-book-2020", with(testing::task_book_parts(code), "unit", "huarong-jiaoshi-jinxiu"));
    CHECK(mismatch.status == 403);
    CHECK(body_of(mismatch)["error"]["code"] == "unit_mismatch");
    CHECK(body_of(mismatch)["error"]["field"] == "unit");
    CHECK(body_of(mismatch)["error"]["message"] == "所填单位代码与访问码所属的单位不一致");
    CHECK(c.post("task-book-2020", with(testing::task_book_parts(code), "unit", "miluo-zhengze")).status == 201);
    CHECK(c.layout().versions(kSubmission, "task-book-2020", "miluo-zhengze").size() == 2);
    CHECK_FALSE(fs::exists(c.layout().unit_dir(kSubmission, "task-book-2020", "huarong-jiaoshi-jinxiu")));
}

TEST_CASE("only the Argon2id hash of a code's secret is stored, under its lookup id, and a new code withdraws the old") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const std::string first = c.code("miluo-zhengze");
    const std::string id = first.substr(0, 4);
    const std::string stored = testing::read_file(c.layout().access_code(id));
    CHECK_THAT(stored, Contains("\"unit\":\"miluo-zhengze\"") && Contains("$argon2id$"));
    CHECK_THAT(stored, !Contains(collector::normalise_code(first).substr(4)));
    const std::string second = c.reissue_code("miluo-zhengze");
    CHECK_FALSE(fs::exists(c.layout().access_code(id)));
    CHECK(c.post("task-book-2020", testing::task_book_parts(first)).status == 403);
    CHECK(c.post("task-book-2020", testing::task_book_parts(second)).status == 201);
}

TEST_CASE("a county may not forward more schools than its quota") {
    RunningCollector c(kBeforeApplicationDeadline);
    std::vector<FormPart> parts = {{"unit", "pingjiang"}, {"access_code", c.code("pingjiang")}, {"privacy_notice", testing::privacy_version()},
                                   {"county_bureau", "平江县教育局"},
                                   {"county_leader", "张某"}, {"county_leader_mobile", "13912345678"}};
    for (int row = 0; row < 3; ++row) {
        parts.push_back({"schools." + std::to_string(row) + ".unit", "学校" + std::to_string(row)});
        parts.push_back({"schools." + std::to_string(row) + ".project", "项目"});
    }
    const auto over = c.post("summary-2019", parts);
    CHECK(over.status == 422);
    const json j = body_of(over);
    CHECK(j["error"]["code"] == "over_quota");
    CHECK(j["error"]["message"] == "申报数量超过分配名额：本地名额2个，填报3个");
    parts.erase(parts.end() - 2, parts.end());
    CHECK(c.post("summary-2019", parts).status == 201);
}

TEST_CASE("a budget that does not add up names the failing field") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto r = c.post("task-book-2020", with(testing::task_book_parts(c.code("miluo-zhengze")), "budget_self.2023", "20"));
    CHECK(r.status == 422);
    const json j = body_of(r);
    CHECK(j["error"]["code"] == "sum_mismatch");
    CHECK(j["error"]["field"] == "budget_total.2023");
    CHECK(j["errors"].size() == 1);
}

TEST_CASE("an uploaded file is streamed to a server-chosen name with its hash, and a traversal name stays metadata") {
    RunningCollector c(kBeforeApplicationDeadline);
    const std::string pdf = testing::tiny_pdf();
    const auto r = c.post("application-2019", testing::application_parts(c.code("pingjiang-test"), "../../../etc/方案.pdf", pdf));
    REQUIRE(r.status == 201);
    const json j = body_of(r);
    CHECK(j["files"][0]["name"] == "../../../etc/方案.pdf");
    CHECK(j["files"][0]["bytes"] == pdf.size());
    CHECK(j["files"][0]["sha256"].get<std::string>().size() == 64);
    CHECK(testing::read_file(c.layout().upload({"application-2019", "pingjiang-test", 1}, "work_plan.pdf")) == pdf);
    CHECK_FALSE(fs::exists(c.data() / "etc"));
}

TEST_CASE("disguised, empty and oversized files are refused and nothing is kept") {
    collector::IntakeLimits limits;
    limits.file_bytes = 64 * 1024;
    RunningCollector c(kBeforeApplicationDeadline, limits);
    const std::string code = c.code("pingjiang-test");
    const auto exe = c.post("application-2019", testing::application_parts(code, "方案.pdf", "MZ\x90\x00 not a pdf"));
    CHECK(exe.status == 422);
    CHECK(body_of(exe)["error"]["code"] == "bad_file_type");
    CHECK(body_of(exe)["error"]["field"] == "work_plan");
    const auto big = c.post("application-2019", testing::application_parts(code, "方案.pdf", "%PDF-" + std::string(70000, 'x')));
    CHECK(big.status == 413);
    CHECK(body_of(big)["error"]["code"] == "file_too_large");
    CHECK(c.layout().versions(kSubmission).empty());
    CHECK(c.nothing_staged());
}

TEST_CASE("a DOCX and an ODT are accepted by their parts, a zip bomb a plain zip and a DOCX with broken XML are refused") {
    RunningCollector c(kBeforeApplicationDeadline);
    const std::string code = c.code("pingjiang-test");
    const std::vector<std::pair<std::string, std::string>> docx = {
        {"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", "<Relationships/>"}, {"word/document.xml", "<w:document xmlns:w=\"w\"/>"}};
    const auto ok = c.post("application-2019", testing::application_parts(code, "方案.pdf", testing::stored_zip(docx)));
    REQUIRE(ok.status == 201);
    CHECK(fs::exists(c.layout().upload({"application-2019", "pingjiang-test", 1}, "work_plan.docx")));
    CHECK_FALSE(body_of(ok)["files"][0].contains("pages"));
    const auto odt = c.post("application-2019", testing::application_parts(code, "方案.odt", testing::stored_zip({
        {"mimetype", "application/vnd.oasis.opendocument.text"},
        {"content.xml", "<office:document-content xmlns:office=\"o\"/>"},
        {"META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"m\"/>"}})));
    CHECK(odt.status == 201);
    const auto bomb = c.post("application-2019",
                             testing::application_parts(code, "方案.docx", testing::stored_zip(docx, 500ul * 1024 * 1024)));
    CHECK(bomb.status == 422);
    CHECK(body_of(bomb)["error"]["code"] == "zip_bomb");
    const auto zip = c.post("application-2019",
                            testing::application_parts(code, "方案.docx", testing::stored_zip({{"a.txt", "hello"}})));
    CHECK(zip.status == 422);
    CHECK(body_of(zip)["error"]["code"] == "bad_file_type");
    for (const auto& broken : {std::vector<std::pair<std::string, std::string>>{docx[0], docx[1], {"word/document.xml", "<w:document><w:body>"}},
                               std::vector<std::pair<std::string, std::string>>{docx[0], docx[2]},  // no relationships
                               std::vector<std::pair<std::string, std::string>>{docx[0], docx[1], docx[2], {"word/styles.xml", "<a></b>"}}}) {
        const auto r = c.post("application-2019", testing::application_parts(code, "方案.docx", testing::stored_zip(broken)));
        CHECK(r.status == 422);
        CHECK(body_of(r)["error"]["code"] == "damaged_file");
        CHECK(body_of(r)["error"]["field"] == "work_plan");
    }
    CHECK(c.layout().versions(kSubmission).size() == 2);
}

TEST_CASE("a PDF must open: random bytes behind its header and damaged encrypted or page-less ones are refused naming the field") {
    RunningCollector c(kBeforeApplicationDeadline);
    const std::string code = c.code("pingjiang-test");
    std::mt19937_64 random(15);
    std::string noise = "%PDF-1.7\n";
    while (noise.size() < 60u * 1024 * 1024) {
        const std::uint64_t word = random();
        noise.append(reinterpret_cast<const char*>(&word), sizeof word);
    }
    noise.resize(60u * 1024 * 1024);
    const std::string pdf = testing::make_pdf(testing::PdfSpec{});
    std::string cut_xref = pdf.substr(0, pdf.rfind("xref"));
    std::string shifted = pdf;
    shifted.insert(pdf.find("1 0 obj"), "% shifted\n");  // every offset in the table now wrong
    testing::PdfSpec encrypted;
    encrypted.encrypted = true;
    const struct {
        const char* what;
        std::string bytes;
        const char* code;
        const char* says;
    } cases[] = {
        {"60 MiB of random bytes", noise, "damaged_file", "工作方案：文件已损坏，无法打开"},
        {"no cross-reference table", cut_xref, "damaged_file", "工作方案：文件已损坏，无法打开"},
        {"offsets that are wrong", shifted, "damaged_file", "工作方案：文件已损坏，无法打开"},
        {"encrypted", testing::make_pdf(encrypted), "protected_file", "工作方案：文件设有密码或加密保护，无法打开"},
        {"no pages", testing::make_pdf(std::vector<std::string>{}), "damaged_file", "工作方案：文件已损坏，无法打开：PDF中没有页面"},
    };
    for (const auto& k : cases) {
        INFO(k.what);
        const auto started = std::chrono::steady_clock::now();
        const auto r = c.post("application-2019", testing::application_parts(code, "方案.pdf", k.bytes));
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
        CHECK(r.status == 422);
        const json j = body_of(r);
        CHECK(j["error"]["code"] == k.code);
        CHECK(j["error"]["field"] == "work_plan");
        CHECK_THAT(j["error"]["message"].get<std::string>(), StartsWith(k.says));
    }
    CHECK(c.layout().versions(kSubmission).empty());
    CHECK(c.nothing_staged());
    // A browser is told the same on a page.
    std::string request = testing::multipart_request("/api/submissions/application-2019", testing::application_parts(code, "方案.pdf", cut_xref));
    request.replace(request.find("Accept: application/json\r\n"), 26, "Accept: text/html\r\n");
    const auto page = testing::raw_request(c.port(), request);
    CHECK(page.status == 422);
    CHECK_THAT(page.body, Contains("<li>工作方案：文件已损坏，无法打开"));
}

TEST_CASE("a hostile PDF is checked in bounded time: 100000 objects and arrays or a page tree nested 100000 deep") {
    RunningCollector c(kBeforeApplicationDeadline);
    const std::string code = c.code("pingjiang-test");
    const auto timed = [&](const std::string& bytes) {
        const auto started = std::chrono::steady_clock::now();
        const auto r = c.post("application-2019", testing::application_parts(code, "方案.pdf", bytes));
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
        return r;
    };
    const auto many = timed(testing::make_pdf(std::vector<std::string>(50000, "页")));
    CHECK(many.status == 201);
    CHECK(body_of(many)["files"][0]["pages"] == 50000);
    testing::PdfSpec nested;
    nested.nesting = 100000;
    const auto deep = timed(testing::make_pdf(nested));
    CHECK(deep.status == 422);
    CHECK(body_of(deep)["error"]["code"] == "damaged_file");
    // qpdf would walk this tree recursively, out of the worker's stack.
    testing::PdfSpec tall;
    tall.tree_depth = 100000;
    const auto tree = timed(testing::make_pdf(tall));
    CHECK(tree.status == 422);
    CHECK(body_of(tree)["error"]["code"] == "damaged_file");
    CHECK(testing::raw_request(c.port(), "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status == 200);
}

TEST_CASE("scans must decode and Word 97 files must be sound compound files") {
    RunningCollector c(kBeforeApplicationDeadline);
    const std::string code = c.code("pingjiang-test");
    const auto upload = [&](const std::string& name, const std::string& bytes) {
        return c.post("application-2019", testing::application_parts(code, name, bytes));
    };
    const std::string jpeg = testing::tiny_jpeg(), png = testing::tiny_png();
    CHECK(upload("扫描件.jpg", jpeg).status == 201);
    CHECK(upload("扫描件.png", png).status == 201);
    CHECK(upload("方案.doc", testing::compound_file({"WordDocument"})).status == 201);
    CHECK(upload("方案.wps", testing::compound_file({"WordDocument"})).status == 201);
    CHECK(fs::exists(c.layout().upload({"application-2019", "pingjiang-test", 4}, "work_plan.wps")));
    std::string png_flipped = png;
    png_flipped[png.size() / 2] = static_cast<char>(png_flipped[png.size() / 2] ^ 0x55);
    const struct {
        const char* name;
        std::string bytes;
        const char* code;
    } refused[] = {
        {"半张.jpg", jpeg.substr(0, jpeg.size() / 2), "damaged_file"},
        {"半张.png", png.substr(0, png.size() / 2), "damaged_file"},
        {"改过.png", png_flipped, "damaged_file"},
        {"巨幅.png", testing::tiny_png(8000, 6000), "image_too_large"},
        {"环.doc", testing::compound_file({"WordDocument"}, true), "damaged_file"},
        {"截断.doc", testing::compound_file({"WordDocument"}).substr(0, 1000), "damaged_file"},
        {"加密.docx", testing::compound_file({"EncryptionInfo", "EncryptedPackage"}), "protected_file"},
    };
    for (const auto& k : refused) {
        INFO(k.name);
        const auto r = upload(k.name, k.bytes);
        CHECK(r.status == 422);
        CHECK(body_of(r)["error"]["code"] == k.code);
        CHECK(body_of(r)["error"]["field"] == "work_plan");
    }
    CHECK(c.layout().versions(kSubmission).size() == 4);
}

TEST_CASE("the receipt lists the page count of each PDF as JSON and on its page") {
    RunningCollector c(kBeforeApplicationDeadline);
    const auto r = c.post("application-2019", testing::application_parts(c.code("pingjiang-test"), "方案.pdf", testing::make_pdf(std::vector<std::string>{"一", "二", "三"})));
    REQUIRE(r.status == 201);
    const json j = body_of(r);
    CHECK(j["files"][0]["pages"] == 3);
    const std::string receipt = "/api/submissions/application-2019/pingjiang-test/v0001/receipt?id=" + j["receipt"].get<std::string>();
    const auto page = testing::raw_request(c.port(), "GET " + receipt + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(page.status == 200);
    CHECK_THAT(page.body, Contains("<th scope=\"col\">页数</th>") && Contains("<td>方案.pdf</td><td>3</td>"));
}

TEST_CASE("a browser gets a 303 to a receipt page in Chinese, and a wrong receipt id finds nothing") {
    RunningCollector c(kBeforeTaskBookDeadline);
    std::string request = testing::multipart_request("/api/submissions/task-book-2020", testing::task_book_parts(c.code("miluo-zhengze")));
    request.replace(request.find("Accept: application/json\r\n"), 26, "Accept: text/html\r\n");
    const auto r = testing::raw_request(c.port(), request);
    REQUIRE(r.status == 303);
    const std::string location = r.headers.at("location");
    CHECK_THAT(location, Contains("/api/submissions/task-book-2020/miluo-zhengze/v0001/receipt?id="));
    const auto page = testing::raw_request(c.port(), "GET " + location + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(page.status == 200);
    CHECK_THAT(page.body, Contains("<h1>提交回执</h1>"));
    CHECK_THAT(page.body, Contains("<dd>汨罗市正则学校</dd>"));
    CHECK_THAT(page.body, !Contains("何发意"));
    CHECK_THAT(page.body, Contains(kThemeStylesheet));
    const auto wrong = testing::raw_request(c.port(), "GET /api/submissions/task-book-2020/miluo-zhengze/v0001/receipt?id=nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(wrong.status == 404);
    CHECK_THAT(wrong.body, Contains("<h1>回执不存在</h1>") && Contains("没有找到这份回执。") && Contains(kThemeStylesheet));
}

TEST_CASE("a browser is refused with the theme's page listing every problem") {
    RunningCollector c(kBeforeTaskBookDeadline);
    std::string request = testing::multipart_request(
        "/api/submissions/task-book-2020", with(testing::task_book_parts(c.code("miluo-zhengze")), "project_name", ""));
    request.replace(request.find("Accept: application/json\r\n"), 26, "Accept: text/html\r\n");
    const auto r = testing::raw_request(c.port(), request);
    CHECK(r.status == 422);
    CHECK_THAT(r.body, StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    CHECK_THAT(r.body, Contains("<h1>提交未被受理</h1>") && Contains("<li>") && Contains(kThemeStylesheet));
    CHECK_THAT(r.body, Contains("请用浏览器的“后退”返回表单，修改后重新提交。"));
}

TEST_CASE("a broken collector template stops the collector from starting, naming its line and column") {
    const testing::TempDir dir;
    fs::copy(fs::path(REPO_ROOT) / "data", dir.path() / "data", fs::copy_options::recursive);
    fs::copy(fs::path(REPO_ROOT) / "themes", dir.path() / "themes", fs::copy_options::recursive);
    testing::write_tree(dir.path(), "-- themes/default/templates/receipt.mustache --\n<dl>\n  {{#files}}\n</dl>\n");
    const std::string cmd = std::string(COLLECTOR_BIN) + " serve --site '" + dir.path().string() + "' --data '" + (dir.path() / "out").string() +
                            "' --keys '" + (dir.path() / "keys").string() + "' --listen 127.0.0.1:0 2>&1";
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    const int status = ::pclose(p);
    CHECK(WEXITSTATUS(status) == 1);
    CHECK_THAT(out, Contains("themes/default/templates/receipt.mustache:2:3: error: Mustache syntax"));
    CHECK_THAT(out, !Contains("listening"));
}

TEST_CASE("the same valid upload succeeds with every header block length from 3,900 to 4,200 bytes") {
    RunningCollector c(kBeforeApplicationDeadline);
    const auto parts = testing::application_parts(c.code("pingjiang-test"), "方案.pdf", testing::tiny_pdf());
    const std::string plain = testing::multipart_request("/api/submissions/application-2019", parts);
    const std::size_t base = plain.find("\r\n\r\n") + 4;
    const std::size_t pad_overhead = std::string("X-Pad: \r\n").size();
    int failures = 0;
    for (std::size_t target = 3900; target <= 4200; ++target) {
        const std::string pad = "X-Pad: " + std::string(target - base - pad_overhead, 'a') + "\r\n";
        const std::string request = testing::multipart_request("/api/submissions/application-2019", parts, pad);
        REQUIRE(request.find("\r\n\r\n") + 4 == target);
        if (testing::raw_request(c.port(), request).status != 201) ++failures;
    }
    CHECK(failures == 0);
    CHECK(c.layout().versions(kSubmission, "application-2019", "pingjiang-test").size() == 301);
}

TEST_CASE("a boundary with a charset parameter is accepted") {
    RunningCollector c(kBeforeTaskBookDeadline);
    std::string request = testing::multipart_request("/api/submissions/task-book-2020", testing::task_book_parts(c.code("miluo-zhengze")));
    const std::string type = "boundary=----testboundary42";
    request.replace(request.find(type), type.size(), type + "; charset=UTF-8");
    CHECK(testing::raw_request(c.port(), request).status == 201);
}

TEST_CASE("only the submission route accepts a body") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto r = testing::raw_request(c.port(), "POST /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                  "5\r\nhello\r\n0\r\n\r\n");
    CHECK(r.status == 413);
    CHECK(body_of(r)["error"]["code"] == "body_not_allowed");
}

TEST_CASE("a refusal after the upload was staged leaves nothing in .incoming") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto r = c.post("task-book-2020", with(testing::task_book_parts(c.code("miluo-zhengze")), "privacy_notice", "2019-1"));
    CHECK(r.status == 422);
    CHECK(body_of(r)["error"]["code"] == "privacy_notice_outdated");
    CHECK(c.nothing_staged());
}

TEST_CASE("many empty parts count against the field limit") {
    RunningCollector c(kBeforeTaskBookDeadline);
    std::vector<FormPart> parts;
    for (int i = 0; i < 5000; ++i) parts.push_back({"p" + std::to_string(i), ""});
    const auto r = c.post("task-book-2020", parts);
    CHECK(r.status == 413);
    CHECK(body_of(r)["error"]["code"] == "field_too_large");
    CHECK(c.nothing_staged());
}

TEST_CASE("compressed bodies are refused and a spoofed REMOTE_ADDR is not believed") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto parts = testing::task_book_parts(c.code("miluo-zhengze"));
    const auto gz = c.post("task-book-2020", parts, "Content-Encoding: gzip\r\n");
    CHECK(gz.status == 415);
    CHECK(body_of(gz)["error"]["code"] == "unsupported_encoding");
    REQUIRE(c.post("task-book-2020", parts, "REMOTE_ADDR: 203.0.113.9\r\n").status == 201);
    CHECK_THAT(c.audit_log(), Contains("\"remote\":\"127.0.0.1\""));
    CHECK_THAT(c.audit_log(), !Contains("203.0.113.9"));
    // As stored and committed, the address is sealed.
    CHECK_THAT(testing::read_file(c.layout().audit_log()), !Contains("127.0.0.1") && Contains("\"sealed\""));
}

TEST_CASE("an urlencoded body over 8 KiB gets our refusal, not httplib's 413") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const std::string body = "unit=miluo-zhengze&plan=" + std::string(10000, 'a');
    const auto r = testing::raw_request(c.port(), "POST /api/submissions/task-book-2020 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                                  "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                                  "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    CHECK(r.status == 415);
    CHECK(body_of(r)["error"]["code"] == "bad_content_type");
}

TEST_CASE("32 slow clients do not starve a normal request") {
    RunningCollector c(kBeforeTaskBookDeadline);
    std::vector<int> slow;
    for (int i = 0; i < 32; ++i) slow.push_back(testing::open_slow_connection(c.port(), "POST /api/submissions/task-book-2020 HTTP/1.1\r\nHost: x\r\n"));
    const auto start = std::chrono::steady_clock::now();
    const auto r = c.post("task-book-2020", testing::task_book_parts(c.code("miluo-zhengze")));
    const auto waited = std::chrono::steady_clock::now() - start;
    CHECK(r.status == 201);
    CHECK(waited < std::chrono::seconds(5));
    for (int fd : slow) testing::close_connection(fd);
}

TEST_CASE("an exception in a handler does not leak its text") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto health = testing::raw_request(c.port(), "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(health.status == 200);
    CHECK(health.body == "{\"status\":\"ok\"}\n");
    // Without its staging directory the store throws a filesystem_error naming paths.
    fs::remove_all(c.layout().incoming());
    const auto r = c.post("task-book-2020", testing::task_book_parts(c.code("miluo-zhengze")));
    CHECK(r.status == 500);
    CHECK(body_of(r)["error"]["code"] == "internal_error");
    CHECK_THAT(r.body, !Contains(".incoming"));
    for (const auto& [name, value] : r.headers) {
        CHECK(name != "exception_what");
        CHECK(value.find(".incoming") == std::string::npos);
    }
}

TEST_CASE("a chunked body is counted as it streams and refused past the limit") {
    collector::IntakeLimits limits;
    limits.body_bytes = 64 * 1024;
    RunningCollector c(kBeforeTaskBookDeadline, limits);
    std::string request = testing::multipart_request("/api/submissions/task-book-2020",
                                                     with(testing::task_book_parts(c.code("miluo-zhengze")), "content.2021",
                                                          std::string(60000, 'a')));
    // Same body, sent in chunks of 4 KiB, twice over: beyond the 64 KiB limit without any Content-Length.
    const auto head_end = request.find("\r\n\r\n");
    std::string head = request.substr(0, head_end + 2);
    const std::string body = request.substr(head_end + 4);
    head.replace(head.find("Content-Length: "), head.find("\r\n", head.find("Content-Length: ")) - head.find("Content-Length: ") + 2, "");
    std::string chunked = head + "Transfer-Encoding: chunked\r\n\r\n";
    const std::string doubled = body + body;
    for (std::size_t i = 0; i < doubled.size(); i += 4096) {
        const std::string piece = doubled.substr(i, 4096);
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
        chunked += size + piece + "\r\n";
    }
    chunked += "0\r\n\r\n";
    const auto r = testing::raw_request(c.port(), chunked);
    CHECK(r.status == 413);
    CHECK(body_of(r)["error"]["code"] == "body_too_large");
    CHECK(c.layout().versions(kSubmission).empty());
}

TEST_CASE("50 concurrent submissions from one unit become 50 versions, none lost") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto parts = testing::task_book_parts(c.code("miluo-zhengze"));
    std::atomic<int> created{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 50; ++i)
        clients.emplace_back([&] {
            if (c.post("task-book-2020", parts).status == 201) ++created;
        });
    for (auto& t : clients) t.join();
    CHECK(created == 50);
    CHECK(c.layout().versions(kSubmission, "task-book-2020", "miluo-zhengze").size() == 50);
    CHECK(c.stored("task-book-2020", "miluo-zhengze", 50).version == 50);
    c.flush_git();
    CHECK(c.git("status --porcelain").empty());
}

TEST_CASE("concurrent submissions of four units get one commit each, by their unit, holding only their own paths") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const std::map<std::string, std::string> names = {{"miluo-zhengze", "汨罗市正则学校"}, {"xiangyin-sizhong", "湘阴县第四中学"},
                                                      {"pingjiang-guihua", "平江县桂花学校"}, {"yueyang-shibazhong", "岳阳市第十八中学"}};
    std::map<std::string, std::vector<FormPart>> parts;
    for (const auto& [unit, name] : names) parts[unit] = testing::task_book_parts(c.code(unit));
    std::atomic<int> created{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 40; ++i)
        clients.emplace_back([&, i] {
            if (c.post("task-book-2020", parts[std::next(names.begin(), i % 4)->first]).status == 201) ++created;
        });
    for (auto& t : clients) t.join();
    REQUIRE(created == 40);
    c.flush_git();

    std::set<std::string> committed;
    for (const auto& commit : testing::record_commits(c.data())) {
        INFO(commit.subject);
        const auto version = common::DataLayout::version_at("submissions/" + commit.version);
        REQUIRE(version);
        const std::string& unit = version->key.unit;
        CHECK(commit.record == "submission");
        CHECK(commit.author == names.at(unit) + " <" + unit + "@units.invalid>");
        CHECK(commit.subject == "收到 task-book-2020 " + names.at(unit) + " (" + unit + ") " + common::version_name(version->key.version));
        CHECK(commit.paths == std::vector<std::string>{"submissions/" + commit.version + "/submission.json"});
        CHECK(committed.insert(commit.version).second);
    }
    CHECK(committed.size() == 40);
    // The rest is the collector's own: its audit log and the access codes' hashes, never a record's file.
    for (const auto& commit : testing::git_history(c.data()))
        if (commit.record.empty()) {
            CHECK(commit.author == "collector <collector@collector.invalid>");
            for (const auto& path : commit.paths) CHECK_THAT(path, !StartsWith("submissions/"));
        }
    CHECK(c.git("status --porcelain").empty());
}

TEST_CASE("commits keep the order of the receipts") {
    RunningCollector c(kBeforeTaskBookDeadline);
    const auto a = testing::task_book_parts(c.code("miluo-zhengze"));
    const auto b = testing::task_book_parts(c.code("xiangyin-sizhong"));
    std::vector<std::string> receipts;
    for (int i = 0; i < 8; ++i) {
        const json j = body_of(c.post("task-book-2020", i % 3 == 0 ? b : a));
        receipts.push_back("task-book-2020/" + j["unit"].get<std::string>() + "/" + common::version_name(j["version"].get<int>()));
    }
    c.flush_git();
    std::vector<std::string> committed;
    for (const auto& commit : testing::record_commits(c.data())) committed.push_back(commit.version);
    CHECK(committed == receipts);
}

TEST_CASE("commits are pushed to a configured remote") {
    testing::TempDir remote;
    REQUIRE(std::system(("git init -q --bare '" + remote.path().string() + "'").c_str()) == 0);
    {
        RunningCollector c(kBeforeTaskBookDeadline, {}, {remote.path().string()});
        REQUIRE(c.post("task-book-2020", testing::task_book_parts(c.code("miluo-zhengze"))).status == 201);
        c.flush_git();
    }
    FILE* p = ::popen(("git -C '" + remote.path().string() + "' log --format=%s main 2>&1").c_str(), "r");
    char buf[4096] = {};
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, p);
    ::pclose(p);
    CHECK_THAT(std::string(buf, n), Contains("收到 task-book-2020 汨罗市正则学校 (miluo-zhengze) v0001"));
}

TEST_CASE("a failed push is tried again with backoff and the remote catches up without a new submission") {
    testing::TempDir dir;
    const fs::path remote = dir.path() / "remote.git";
    const auto remote_log = [&] {
        FILE* p = ::popen(("git -C '" + remote.string() + "' log --format=%s main 2>/dev/null").c_str(), "r");
        char buf[4096] = {};
        const std::size_t n = std::fread(buf, 1, sizeof buf - 1, p);
        ::pclose(p);
        return std::string(buf, n);
    };
    collector::GitOptions git{remote.string(), std::chrono::seconds(5), std::chrono::seconds(1), std::chrono::seconds(2)};
    RunningCollector c(kBeforeTaskBookDeadline, {}, git);
    REQUIRE(c.post("task-book-2020", testing::task_book_parts(c.code("miluo-zhengze"))).status == 201);
    c.flush_git();  // committed; its push failed, there being no remote yet
    CHECK(remote_log().empty());
    REQUIRE(std::system(("git init -q --bare '" + remote.string() + "'").c_str()) == 0);
    std::string pushed;
    for (int i = 0; i < 100 && pushed.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        pushed = remote_log();
    }
    CHECK_THAT(pushed, Contains("收到 task-book-2020 汨罗市正则学校 (miluo-zhengze) v0001"));
}

TEST_CASE("a remote that accepts and never answers holds up no commit") {
    // A listener whose connections the kernel accepts and nobody serves.
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listener, 16) == 0);
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const std::string remote = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/data.git";
    {
        RunningCollector c(kBeforeTaskBookDeadline, {}, {remote, std::chrono::seconds(1)});
        const auto parts = testing::task_book_parts(c.code("miluo-zhengze"));
        REQUIRE(c.post("task-book-2020", parts).status == 201);
        c.flush_git();  // returns once the push is given up
        REQUIRE(c.post("task-book-2020", parts).status == 201);
        c.flush_git();
        CHECK(testing::record_commits(c.data()).size() == 2);
        CHECK(c.git("status --porcelain").empty());
    }
    ::close(listener);
}
