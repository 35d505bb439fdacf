// A school's own filled-in copy, to print, stamp and sign, downloaded from
// the real collector on loopback: every value it sent, its receipt number,
// version and time of receipt, read back from the DOCX through LibreOffice
// and from the PDF through pdftotext and poppler.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "common/calendar.hpp"
#include "office/document_pdf.hpp"
#include "office/pdf_check.hpp"
#include "office/pdf_text.hpp"
#include "office/pdf_writer.hpp"
#include "support/collector_fixture.hpp"
#include "support/pdf_maker.hpp"
#include "support/upload_files.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using testing::FormPart;
using testing::HttpReply;
using testing::RunningCollector;

namespace {

const char* const kOpen = "2019-09-01T09:00:00+08:00";
const char* const kSchool = "pingjiang-test";

std::string session_of(RunningCollector& c, const std::string& unit) {
    const HttpReply r = testing::raw_request(c.port(), testing::form_request("/account/sign-in/", {{"access_code", c.code(unit)}}));
    const auto it = r.headers.find("set-cookie");
    REQUIRE(it != r.headers.end());
    return it->second.substr(0, it->second.find(';'));
}

HttpReply get(const RunningCollector& c, const std::string& path, const std::string& cookie) {
    return testing::raw_request(c.port(), testing::get_request(path, cookie.empty() ? "" : "Cookie: " + cookie + "\r\n"));
}

// Without any white space: both readers break lines and pad cells where they like.
std::string squeezed(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') continue;
        if (text.compare(i, 3, "\u3000") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

bool has_libreoffice() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }
bool has_pdftotext() { return std::system("command -v pdftotext >/dev/null 2>&1") == 0; }

std::string run_text(const std::string& cmd, const fs::path& out) {
    REQUIRE(std::system((cmd + " >/dev/null 2>&1").c_str()) == 0);
    std::ifstream in(out, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void save(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// The text a reader gets from each copy: the DOCX as LibreOffice prints it, the PDF as it is.
struct CopyTexts {
    std::string docx, pdf;
};

CopyTexts copy_texts(const HttpReply& docx, const HttpReply& pdf, const fs::path& work) {
    CopyTexts texts;
    save(work / "copy.pdf", pdf.body);
    const office::PdfCheck check = office::check_pdf(work / "copy.pdf");
    CHECK(check.verdict == office::PdfVerdict::ok);
    CHECK(check.pages >= 1);
    if (has_pdftotext()) {
        texts.pdf = run_text("pdftotext -enc UTF-8 '" + (work / "copy.pdf").string() + "' '" + (work / "copy.txt").string() + "'", work / "copy.txt");
    } else {
        WARN("pdftotext (poppler-utils) is not installed: the PDF is read with poppler's library only");
        for (const std::string& page : office::pdf_page_texts(work / "copy.pdf")) texts.pdf += page;
    }
    if (!has_libreoffice()) {
        WARN("LibreOffice (soffice) is not installed: the DOCX is not converted; scripts/setup.sh installs it where apt can");
        return texts;
    }
    fs::create_directories(work / "docx");
    save(work / "docx/copy.docx", docx.body);
    // As text, paragraph by paragraph and cell by cell: a PDF of it would
    // leave the reading order to pdftotext's guess at columns.
    texts.docx = run_text("soffice -env:UserInstallation=file://" + (work / "profile").string() +
                              " --headless --convert-to 'txt:Text (encoded):UTF8' --outdir '" + (work / "docx").string() + "' '" +
                              (work / "docx/copy.docx").string() + "'",
                          work / "docx/copy.txt");
    return texts;
}

}  // namespace

TEST_CASE("the PDF writer measures full-width characters as one em and ASCII as half and wraps by that width") {
    CHECK(office::pdf::text_width("申报ab", 10) == Approx(30));
    const auto lines = office::pdf::wrap("一二三四五abcd六\n七", 10, 40);
    CHECK(lines == std::vector<std::string>{"一二三四", "五abcd六", "七"});
    office::pdf::Writer w;
    w.text(10, 20, 12, "第1版");
    w.line(10, 30, 100, 30);
    CHECK(w.bytes("表") == w.bytes("表"));  // deterministic
    CHECK_THAT(w.bytes("表"), Contains("/Encoding /UniGB-UTF16-H") && Contains("/BaseFont /STSong-Light") && Contains("<7B2C00317248> Tj"));
}

TEST_CASE("a table cell taller than a page is cut across pages and every character of it is printed") {
    std::string text;
    for (int i = 1; i <= 120; ++i) text += "第" + std::to_string(i) + "段：试点实施方案要点。";
    office::docx::Document doc{"表", "局", "2019-09-01", {}};
    office::docx::Table table{{1, 4}, {}};
    // No label: one centred beside the text would be read in the middle of it.
    table.rows.push_back({{{"", true, 1}, {text, false, 1}}, 70, false});
    doc.blocks.emplace_back(std::in_place_type<office::docx::Table>, table);
    testing::TempDir work;
    save(work.path() / "long.pdf", office::document_pdf(doc));
    const office::PdfCheck check = office::check_pdf(work.path() / "long.pdf");
    CHECK(check.verdict == office::PdfVerdict::ok);
    CHECK(check.pages >= 2);
    std::string read;
    for (const std::string& page : office::pdf_page_texts(work.path() / "long.pdf")) read += page;
    CHECK_THAT(squeezed(read), Contains(squeezed(text)));
}

TEST_CASE("a school downloads its own filled-in copy as DOCX and PDF with every value and its receipt number and version") {
    RunningCollector c(kOpen);
    std::vector<FormPart> parts = testing::application_parts(c.code(kSchool), "工作方案.pdf", testing::tiny_pdf());
    // Many lines of a cell: the PDF wraps them, losing nothing.
    std::string summary;
    for (int i = 1; i <= 30; ++i) summary += "第" + std::to_string(i) + "项：建设数字校园，推进课堂教学与信息技术深度融合。";
    for (FormPart& p : parts)
        if (p.name == "plan_summary") p.value = summary;
    REQUIRE(c.post("application-2019", parts).status == 201);
    REQUIRE(c.post("application-2019", parts).status == 201);
    const common::StoredVersion stored = c.stored("application-2019", kSchool, 2);
    const std::string page = "/account/versions/application-2019/" + std::string(kSchool) + "/v0002/";

    const std::string own = session_of(c, kSchool);
    const HttpReply version = get(c, page, own);
    REQUIRE(version.status == 200);
    CHECK_THAT(version.body, Contains("href=\"/account/versions/application-2019/pingjiang-test/v0002/form.pdf\""));
    const HttpReply docx = get(c, page + "form.docx", own);
    const HttpReply pdf = get(c, page + "form.pdf", own);
    REQUIRE(docx.status == 200);
    REQUIRE(pdf.status == 200);
    CHECK(pdf.headers.at("content-type") == "application/pdf");
    CHECK_THAT(pdf.headers.at("content-disposition"), Contains("attachment; ") && Contains(".pdf"));
    CHECK(get(c, page + "form.pdf", own).body == pdf.body);  // the same bytes each time

    // Another school, and nobody signed in, get nothing of it.
    const HttpReply other = get(c, page + "form.pdf", session_of(c, "pingjiang-guihua"));
    CHECK(other.status == 403);
    CHECK(other.body.find("%PDF") == std::string::npos);
    CHECK(get(c, page + "form.pdf", "").body.find("%PDF") == std::string::npos);

    testing::TempDir work;
    const CopyTexts texts = copy_texts(docx, pdf, work.path());
    REQUIRE_FALSE(texts.pdf.empty());
    if (has_libreoffice()) REQUIRE_FALSE(texts.docx.empty());
    const std::vector<std::string> marks = {"回执号：" + stored.receipt, "版本：第2版", "收到时间：" + common::minute(stored.received_at)};
    for (const auto& [name, text] : {std::pair<const char*, const std::string&>{"PDF", texts.pdf}, {"DOCX", texts.docx}}) {
        if (text.empty()) continue;
        INFO(name << ": " << text);
        const std::string read = squeezed(text);
        for (const std::string& mark : marks) CHECK_THAT(read, Contains(squeezed(mark)));
        for (const auto& [key, value] : stored.fields) {
            INFO(key);
            CHECK_THAT(read, Contains(squeezed(value)));
        }
        // The lines for ink stay blank, beside what was typed.
        CHECK_THAT(read, Contains("申报单位（盖章）：负责人（签字）：年月日"));
    }
}

TEST_CASE("the receipt page links the school's filled-in copy on its signed-in pages") {
    RunningCollector c(kOpen);
    REQUIRE(c.post("application-2019", testing::application_parts(c.code(kSchool), "方案.pdf", testing::tiny_pdf())).status == 201);
    const std::string receipt = c.stored("application-2019", kSchool, 1).receipt;
    const HttpReply shown = get(c, "/api/submissions/application-2019/pingjiang-test/v0001/receipt?id=" + receipt, "");
    REQUIRE(shown.status == 200);
    CHECK_THAT(shown.body, Contains("href=\"/account/versions/application-2019/pingjiang-test/v0001/form.docx\"") &&
                               Contains("href=\"/account/versions/application-2019/pingjiang-test/v0001/form.pdf\""));
}

namespace {

// The bundled 2019 call, requiring the 盖章扫描件.
std::string call_requiring_scan() {
    auto call = nlohmann::json::parse(testing::read_file(fs::path(REPO_ROOT) / "data/calls/pilot-2019.json"));
    call["stamped_scan"] = "required";
    return "-- data/calls/pilot-2019.json --\n" + call.dump(2);
}

// The CSRF token a signed-in page carries in its forms.
std::string csrf_of(const HttpReply& page) {
    std::smatch m;
    REQUIRE(std::regex_search(page.body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
    return m[1];
}

// A signed-in person's POST of an urlencoded form, from the page at `path`; JSON back when refused.
HttpReply act(const RunningCollector& c, const std::string& path, const std::string& cookie, std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("csrf", csrf_of(get(c, path, cookie)));
    return testing::raw_request(c.port(), testing::form_request(path, fields, "Cookie: " + cookie + "\r\nAccept: application/json\r\n"));
}

HttpReply upload_scan(const RunningCollector& c, const std::string& version_page, const std::string& cookie, const std::string& name,
                      const std::string& bytes) {
    const std::vector<FormPart> parts = {{"csrf", csrf_of(get(c, version_page, cookie))}, {"stamped_scan", bytes, name, "application/pdf"}};
    return testing::raw_request(c.port(), testing::multipart_request(version_page + "stamped-scan", parts, "Cookie: " + cookie + "\r\n"));
}

std::string error_code(const HttpReply& r) {
    INFO(r.status << " " << r.body);
    return nlohmann::json::parse(r.body)["error"]["code"];
}

}  // namespace

TEST_CASE("a call's stamped_scan must be required or optional and is reported at its line") {
    testing::TempDir dir;
    fs::copy(fs::path(REPO_ROOT) / "data", dir.path() / "data", fs::copy_options::recursive);
    testing::write_tree(dir.path(), "-- data/calls/pilot-2019.json --\n{\"title\": \"t\", \"notice\": \"2019-pilot-call\", \"deadline\": \"2019-09-22\",\n"
                                    " \"forms\": [\"application-2019\"],\n \"stamped_scan\": \"yes\"}\n");
    common::Diagnostics diags;
    collector::load_site_rules(dir.path(), diags);
    REQUIRE(!diags.empty());
    CHECK_THAT(common::format(diags.sorted().front()),
               Contains("data/calls/pilot-2019.json:3:") && Contains("error: \"stamped_scan\" must be \"required\" or \"optional\", found \"yes\""));
}

TEST_CASE("without its required stamped scan a version is neither forwarded by its county nor accepted by the city and after the upload it is") {
    RunningCollector c(kOpen, {}, {}, {}, call_requiring_scan());
    REQUIRE(c.post("application-2019", testing::application_parts(c.code(kSchool), "工作方案.pdf", testing::tiny_pdf())).status == 201);
    const std::string v1 = "/account/versions/application-2019/pingjiang-test/v0001/";
    const std::string school = session_of(c, kSchool);
    const HttpReply own = get(c, v1, school);
    CHECK_THAT(own.body, Contains("待上传盖章扫描件") && Contains("action=\"/account/versions/application-2019/pingjiang-test/v0001/stamped-scan\""));

    // The county sees it incomplete, may give its opinion, and cannot forward it.
    const std::string county = session_of(c, "pingjiang");
    CHECK_THAT(get(c, "/account/calls/pilot-2019/", county).body, Contains("待上传盖章扫描件"));
    const std::vector<std::pair<std::string, std::string>> opinion = {{"act", "opinion"}, {"recommend", "yes"}, {"text", "同意"}, {"leader", "王五"}};
    REQUIRE(act(c, v1, county, opinion).status == 303);
    const auto forward = [&](const std::string& version) {
        return act(c, "/account/calls/pilot-2019/", county,
                   {{"county_leader", "赵六"}, {"county_leader_mobile", "13912345678"}, {"selection.0", "application-2019/pingjiang-test/" + version},
                    {"category.0", "智慧校园"}});
    };
    const HttpReply refused = forward("v0001");
    CHECK(refused.status == 409);
    CHECK(error_code(refused) == "scan_missing");
    CHECK_THAT(refused.body, Contains("平江县测试学校的申报材料待上传盖章扫描件"));

    // Nobody but the school uploads it, and only as a PDF or an image.
    CHECK(upload_scan(c, v1, session_of(c, "pingjiang-guihua"), "盖章.pdf", testing::tiny_pdf()).status == 403);
    const HttpReply docx = upload_scan(c, v1, school, "盖章.docx", testing::stored_zip({{"[Content_Types].xml", "<Types/>"}}));
    CHECK(docx.status == 422);
    CHECK(c.layout().versions(common::kSubmissionRecord, "application-2019", kSchool).size() == 1);

    // The scan is the next version: the same fields and uploads, and the scan.
    const HttpReply scanned = upload_scan(c, v1, school, "盖章扫描件.pdf", testing::tiny_pdf());
    REQUIRE(scanned.status == 303);
    CHECK(scanned.headers.at("location") == "/account/versions/application-2019/pingjiang-test/v0002/");
    const common::StoredVersion first = c.stored("application-2019", kSchool, 1), second = c.stored("application-2019", kSchool, 2);
    CHECK(second.fields == first.fields);
    REQUIRE(second.files.size() == 2);
    CHECK(second.files[0].sha256 == first.files[0].sha256);
    CHECK(second.files[1].field == "stamped_scan");
    CHECK(second.files[1].original_name == "盖章扫描件.pdf");
    CHECK(second.receipt != first.receipt);
    CHECK(get(c, v1, school).body.find("stamped-scan\"") == std::string::npos);  // only the newest version takes one
    c.flush_git();
    // One commit, authored by the school, as for any version it sends.
    CHECK_THAT(c.git("log --format=%an:%s"), Contains("平江县测试学校:收到 application-2019 平江县测试学校 (pingjiang-test) v0002"));

    // The new version starts the chain again: an opinion, then the forwarding goes through.
    const std::string v2 = "/account/versions/application-2019/pingjiang-test/v0002/";
    CHECK(get(c, v2, county).body.find("待上传盖章扫描件") == std::string::npos);
    REQUIRE(act(c, v2, county, opinion).status == 303);
    CHECK(forward("v0002").status == 303);

    // A 市直学校 goes to the city at once: city staff cannot accept it without the scan, then can.
    REQUIRE(c.post("application-2019", testing::application_parts(c.code("city-test"), "工作方案.pdf", testing::tiny_pdf())).status == 201);
    const std::string direct = "/account/versions/application-2019/city-test/v0001/";
    const HttpReply signed_in = testing::raw_request(
        c.port(), testing::form_request("/account/sign-in/", {{"login", "li-ming"}, {"password", c.add_staff("li-ming", "李明")}}));
    const std::string city = signed_in.headers.at("set-cookie").substr(0, signed_in.headers.at("set-cookie").find(';'));
    CHECK_THAT(get(c, direct, city).body, Contains("待上传盖章扫描件"));
    const HttpReply not_yet = act(c, direct, city, {{"act", "accept"}});
    CHECK(not_yet.status == 409);
    CHECK(error_code(not_yet) == "scan_missing");
    REQUIRE(upload_scan(c, direct, session_of(c, "city-test"), "scan.png", testing::tiny_png()).status == 303);
    CHECK(act(c, "/account/versions/application-2019/city-test/v0002/", city, {{"act", "accept"}}).status == 303);
}
