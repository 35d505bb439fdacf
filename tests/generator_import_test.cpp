// generator import: Word files made from the seed notices (by LibreOffice
// from HTML, and by this test with libzip as Word writes them) reproduce the
// bundled notices and their data, and, without their definitions, the
// bundled blank forms; a WPS-style file (its fonts, full-width spaces,
// automatic numbers) imports, a blank form in it as a new definition; an
// unmappable table is reported at its row and nothing is written.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "generator/import/body_markdown.hpp"
#include "generator/import/import_notice.hpp"
#include "generator/import/word_text.hpp"
#include "office/word_numbering.hpp"
#include "support/seed_documents.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;
using gen::import::ImportOptions;
using gen::import::ImportResult;

namespace {

// The bundled site in a temporary directory, without the files an import is to write again.
void copy_bundled_site(const fs::path& to, const std::vector<std::string>& without) {
    for (const char* part : {"config.json", "content", "data", "themes"})
        fs::copy(fs::path(REPO_ROOT) / part, to / part, fs::copy_options::recursive);
    for (const std::string& rel : without) REQUIRE(fs::remove(to / rel));
}

std::string problems_text(const ImportResult& r) {
    std::string out;
    for (const auto& d : r.problems) out += common::format(d) + "\n";
    return out;
}

// What `generator import FILE --site SITE --slug SLUG` is given.
ImportOptions options_for(const fs::path& docx, const fs::path& site, const std::string& slug) {
    ImportOptions o;
    o.docx = docx;
    o.site = site;
    o.slug = slug;
    return o;
}

nlohmann::json json_at(const fs::path& file) { return nlohmann::json::parse(testing::read_file(file)); }

bool has_libreoffice() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }

// HTML or ODT to DOCX with LibreOffice headless, in a private profile so that
// tests running side by side do not collide.
fs::path libreoffice_docx(const fs::path& source, const fs::path& profile) {
    const std::string cmd = "soffice -env:UserInstallation=file://" + profile.string() + " --headless --convert-to 'docx:MS Word 2007 XML' --outdir '" +
                            source.parent_path().string() + "' '" + source.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    fs::path docx = source;
    docx.replace_extension(".docx");
    REQUIRE(fs::exists(docx));
    return docx;
}

// The seed's Word files: always the one written here, and LibreOffice's
// (from HTML, and from ODT with numbered lists) when it is installed.
std::vector<std::pair<std::string, fs::path>> seed_word_files(const std::string& seed, const fs::path& work, const std::string& slug) {
    const auto blocks = testing::parse_seed(testing::read_file(fs::path(SHARED_DIR) / "seeds" / seed));
    std::vector<std::pair<std::string, fs::path>> files;
    const fs::path written = work / "zip" / (slug + ".docx");
    fs::create_directories(written.parent_path());
    common::write_file(written, testing::seed_docx(blocks));
    files.emplace_back("written with libzip", written);
    if (!has_libreoffice()) {
        WARN("LibreOffice (soffice) is not installed: only the DOCX written with libzip is imported; scripts/setup.sh installs it");
        return files;
    }
    const fs::path html = work / "html" / (slug + ".html");
    fs::create_directories(html.parent_path());
    common::write_file(html, testing::seed_html(blocks));
    files.emplace_back("saved by LibreOffice from HTML", libreoffice_docx(html, work / "profile"));
    const fs::path fodt = work / "odt" / (slug + ".fodt");
    fs::create_directories(fodt.parent_path());
    common::write_file(fodt, testing::seed_fodt(blocks));
    files.emplace_back("saved by LibreOffice from ODT with numbered lists", libreoffice_docx(fodt, work / "profile"));
    return files;
}

gen::BuildResult check(const fs::path& site) {
    gen::BuildOptions o;
    o.site = site;
    o.write = false;
    return gen::build_site(o);
}

// A form's lists of fields, columns or signatures as the Word file says
// them: a signature's lines without their spaces, as HTML collapses a run
// of them; without the bureau's additions no row of the paper form holds:
// file fields (the 申请表's 工作方案, the 附件5 outline's own document).
nlohmann::json printed_items(const nlohmann::json& block) {
    const char* list = block["type"] == "table" ? "columns" : block["type"] == "fields" ? "fields" : "entries";
    nlohmann::json items = nlohmann::json::array();
    for (nlohmann::json item : block[list]) {
        if (item.value("type", "") == "file") continue;
        if (item.contains("lines"))
            for (auto& line : item["lines"]) line = gen::import::spaceless(line.get<std::string>());
        items.push_back(item);
    }
    return items;
}

// An imported form against the bundled one, part by part: title, heading,
// subtitle, submitted_by, notes; each block's type and, for a table, its
// name and blank_rows; each field and column whole (name, label, type,
// required, personal, wide, names_applicant, max_chars: the names come
// from the import's known labels, the limit from 1000字以内); each
// signature's label and lines. Left out: a table's title (申报学校, the
// export's sheet name), which the Word file does not print.
void same_form(const nlohmann::json& made, const nlohmann::json& bundled) {
    INFO("imported: " << made.dump());
    for (const char* key : {"title", "heading", "subtitle", "submitted_by", "notes"}) {
        INFO(key);
        CHECK(made.value(key, nlohmann::json()) == bundled.value(key, nlohmann::json()));
    }
    REQUIRE(made["blocks"].size() == bundled["blocks"].size());
    for (std::size_t b = 0; b < made["blocks"].size(); ++b) {
        const nlohmann::json &m = made["blocks"][b], &d = bundled["blocks"][b];
        INFO("block " << b);
        REQUIRE(m["type"] == d["type"]);
        if (d["type"] == "table") {
            CHECK(m["name"] == d["name"]);
            CHECK(m["blank_rows"] == d["blank_rows"]);
        }
        const nlohmann::json made_items = printed_items(m), bundled_items = printed_items(d);
        REQUIRE(made_items.size() == bundled_items.size());
        for (std::size_t i = 0; i < made_items.size(); ++i) {
            INFO(bundled_items[i].dump());
            CHECK(made_items[i] == bundled_items[i]);
        }
    }
}

// Imports the seed into a bundled site lacking the notice and the data it
// made, and compares what is written with the bundled files: data files
// whole, forms as same_form does.
void reproduces(const std::string& seed, const std::string& slug, const std::vector<std::string>& data_files,
                const std::vector<std::string>& forms = {}) {
    const testing::TempDir work;
    for (const auto& [made, docx] : seed_word_files(seed, work.path(), slug)) {
        INFO("the DOCX " << made);
        const testing::TempDir site;
        std::vector<std::string> removed{"content/notices/" + slug + ".md"};
        for (const auto& d : data_files) removed.push_back("data/" + d);
        for (const auto& f : forms) removed.push_back("data/" + f);
        copy_bundled_site(site.path(), removed);
        ImportOptions o;
        o.docx = docx;
        o.site = site.path();
        o.category = "通知公告";
        const ImportResult r = gen::import::import_notice(o);
        INFO(problems_text(r));
        REQUIRE(r.problems.empty());
        CHECK(r.written.front() == "content/notices/" + slug + ".md");
        CHECK(testing::read_file(site.path() / removed.front()) == testing::read_file(fs::path(REPO_ROOT) / removed.front()));
        for (const auto& d : data_files) {
            INFO(d);
            CHECK(json_at(site.path() / "data" / d) == json_at(fs::path(REPO_ROOT) / "data" / d));
        }
        for (const auto& f : forms) {
            INFO(f);
            CHECK(std::find(r.written.begin(), r.written.end(), "data/" + f) != r.written.end());
            same_form(json_at(site.path() / "data" / f), json_at(fs::path(REPO_ROOT) / "data" / f));
        }
        CHECK(r.written.size() == 1 + data_files.size() + forms.size());
        const gen::BuildResult checked = check(site.path());
        INFO(testing::errors_text(checked));
        CHECK(checked.errors.empty());
    }
}

// WordprocessingML as WPS writes it: every run in 仿宋_GB2312 (titles in
// 方正小标宋简体), paragraphs indented with full-width spaces, numbers automatic.
std::string wps_run(const std::string& text, const char* font = "仿宋_GB2312") {
    return std::string("<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\" w:ascii=\"") + font + "\" w:hAnsi=\"" + font + "\" w:eastAsia=\"" + font +
           "\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">" + testing::xml_text(text) + "</w:t></w:r>";
}
std::string wps_p(const std::string& runs, const std::string& props = "") { return "<w:p><w:pPr>" + props + "</w:pPr>" + runs + "</w:p>"; }
std::string wps_text(const std::string& text) { return wps_p(wps_run(text)); }
std::string wps_title(const std::string& text) { return wps_p(wps_run(text, "方正小标宋简体"), "<w:jc w:val=\"center\"/>"); }
std::string wps_numbered(int level, const std::string& text) {
    return wps_p(wps_run(text, "黑体"), "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"1\"/></w:numPr>");
}
std::string wps_cell(const std::string& runs) { return "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>" + wps_p(runs) + "</w:tc>"; }
std::string wps_row(const std::string& a, const std::string& b) { return "<w:tr>" + wps_cell(a) + wps_cell(b) + "</w:tr>"; }

// 一、 then （一）, as WPS defines its 多级编号.
const char* const kWpsNumbering =
    "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";

// A notice of the 2022 quota with the 2019 申请表, as WPS saves it; the
// quota table's rows are given, so that a test can spoil one.
std::string wps_notice(const std::string& rows, const std::string& below_quota = "") {
    const std::string br = "<w:r><w:br/></w:r>";
    std::string body;
    body += wps_title("岳阳市教育体育局");
    body += wps_text("岳教体通〔2022〕3号");
    // The 版头's red line, a shape WPS draws: no words, and not the body's.
    body += wps_p("<w:r><w:pict><v:line xmlns:v=\"urn:schemas-microsoft-com:vml\" from=\"0,0\" to=\"440pt,0\" strokecolor=\"red\"/></w:pict></w:r>");
    body += wps_p(wps_run("关于分配2022年岳阳市教育信息化", "方正小标宋简体") + br + wps_run("创新试点项目申报名额的通知  ", "方正小标宋简体"));
    body += wps_p("");
    body += wps_text("各县市区教育（体）局，市直各学校：");
    body += wps_text("　　为做好2022年试点项目申报工作，现将有关事项通知如下。  ");
    body += wps_numbered(0, "名额分配");
    body += wps_text("　　各单位申报名额见附件1。");
    body += wps_numbered(1, "申报方式");
    body += wps_text("　　申报单位填写申请表（附件2），报市教科院。");
    body += wps_numbered(0, "工作要求");
    // A deleted revision WPS keeps with 修订 on: not what the reader sees.
    body += wps_p(wps_run("　　请按时报送") + "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>或不报</w:delText></w:r></w:del>" + wps_run("。"));
    body += wps_p("");
    body += wps_text("附件：1.2022年岳阳市教育信息化创新试点项目申报名额分配表");
    body += wps_text("　　　2.2019年岳阳市教育信息化创新试点项目申请表");
    body += wps_p("");
    body += wps_p(wps_run("岳阳市教育体育局"), "<w:jc w:val=\"right\"/>");
    body += wps_p(wps_run("二〇二二年三月一日"), "<w:jc w:val=\"right\"/>");
    body += wps_p("<w:r><w:br w:type=\"page\"/></w:r>");
    body += wps_text("附件1");
    body += wps_title("2022年岳阳市教育信息化创新试点项目");
    body += wps_title("申　报　名　额　分　配　表");
    body += "<w:tbl>" + wps_row(wps_run("单位名称"), wps_run("分配名额")) + rows + "</w:tbl>" + below_quota;
    body += wps_p("<w:r><w:br w:type=\"page\"/></w:r>");
    body += wps_text("附件2");
    body += wps_title("2019年岳阳市教育信息化创新试点项目");
    body += wps_title("申　请　表");
    body += "<w:tbl>" + wps_row(wps_run("负责人"), "") + "</w:tbl>";
    // The 版记 closes the printed copy, in a table as WPS's template has it.
    body += wps_p("");
    body += "<w:tbl>" + wps_row(wps_run("抄送：市教科院。"), "") + wps_row(wps_run("岳阳市教育体育局办公室"), wps_run("2022年3月1日印发")) + "</w:tbl>";
    return testing::docx_package(body, kWpsNumbering);
}

std::string wps_row_of(const std::vector<std::string>& cells) {
    std::string row = "<w:tr>";
    for (const std::string& c : cells) row += wps_cell(c.empty() ? "" : wps_run(c));
    return row + "</w:tr>";
}

// A notice whose one attachment is a blank form as WPS saves it: its
// title's lines centred, full-width spaces in 申　请　表 and in a label,
// a table of labels and blanks (`rows`), and `below` under it.
std::string wps_form_notice(const std::string& rows, const std::string& below = "") {
    return testing::docx_package(wps_text("岳阳市教育体育局") + wps_text("关于申报2019年智慧校园建设项目的通知") + wps_text("各学校：") +
                                 wps_text("请填写附件，报市教科院。") + wps_text("附件：1.2019年岳阳市智慧校园建设项目申请表") +
                                 wps_text("岳阳市教育体育局") + wps_text("2022年3月1日") + wps_text("附件1") +
                                 wps_title("2019年岳阳市智慧校园建设项目") + wps_title("申　请　表") + wps_title("（中小学校）") + "<w:tbl>" +
                                 rows + "</w:tbl>" + below);
}

// 县（市区）教育局意见 with its signing lines in its cell, as a paper form has them.
const std::string kOpinionRow = "<w:tr><w:tc>" + wps_p(wps_run("县（市区）教育局意见：")) + wps_p("") + wps_p(wps_run("负责人：　　　　盖章：")) +
                                wps_p(wps_run("　　　　年　　月　　日")) + "</w:tc></w:tr>";

const std::string kGoodRows = wps_row(wps_run("平江县 "), wps_run("2")) + wps_row(wps_run("屈原") + "<w:r><w:br/></w:r>" + wps_run("管理区"), wps_run("1")) +
                              wps_row(wps_run("全　市"), wps_run("3"));

}  // namespace

TEST_CASE("generator import: a Word file of the 2020 list's seed notice imports as the bundled notice and list") {
    reproduces("000_529d38349907b614.txt", "2021-pilot-list-2020", {"lists/2020.json"});
}

TEST_CASE("generator import: a Word file of the 2019 call's seed notice imports as the bundled notice, quota table and topic guide") {
    reproduces("001_212054259da4410f.txt", "2019-pilot-call", {"quotas/2019.json", "topics/2019.json"});
}

TEST_CASE("generator import: the 2019 call's blank forms (申报汇总表, 申请表) import as definitions like the bundled ones when data/forms/ has none") {
    reproduces("001_212054259da4410f.txt", "2019-pilot-call", {"quotas/2019.json", "topics/2019.json"},
               {"forms/summary-2019.json", "forms/application-2019.json"});
}

TEST_CASE("generator import: a WPS-style notice imports: its fonts and full-width spaces gone, automatic numbers as headings, its form linked by title") {
    const testing::TempDir site;
    copy_bundled_site(site.path(), {});
    const fs::path docx = site.path() / "wps.docx";
    common::write_file(docx, wps_notice(kGoodRows));
    ImportOptions o = options_for(docx, site.path(), "2022-quota");
    const ImportResult r = gen::import::import_notice(o);
    INFO(problems_text(r));
    REQUIRE(r.problems.empty());
    CHECK(r.written == std::vector<std::string>{"content/notices/2022-quota.md", "data/quotas/2022.json"});
    CHECK(testing::read_file(site.path() / "content/notices/2022-quota.md") ==
          "---\n"
          "title: 关于分配2022年岳阳市教育信息化创新试点项目申报名额的通知\n"
          "issuer: 岳阳市教育体育局\n"
          "date: 2022-03-01\n"
          "doc_no: 岳教体通〔2022〕3号\n"
          "addressees: 各县市区教育（体）局，市直各学校\n"
          "signature: 岳阳市教育体育局\n"
          "attachments:\n"
          "  - title: 2022年岳阳市教育信息化创新试点项目申报名额分配表\n"
          "    data: quotas/2022.json\n"
          "  - title: 2019年岳阳市教育信息化创新试点项目申请表\n"
          "    data: forms/application-2019.json\n"
          "---\n\n"
          "为做好2022年试点项目申报工作，现将有关事项通知如下。\n\n"
          "## 一、名额分配\n\n"
          "各单位申报名额见附件1。\n\n"
          "### （一）申报方式\n\n"
          "申报单位填写申请表（附件2），报市教科院。\n\n"
          "## 二、工作要求\n\n"
          "请按时报送。\n");
    const nlohmann::json quota = json_at(site.path() / "data/quotas/2022.json");
    CHECK(quota["heading"] == nlohmann::json::array({"2022年岳阳市教育信息化创新试点项目", "申　报　名　额　分　配　表"}));
    CHECK(quota["quota_column"] == "分配名额");
    CHECK(quota["rows"] == nlohmann::json::parse(R"([{"county": "pingjiang", "quota": 2}, {"county": "quyuan", "quota": 1}])"));
    CHECK(quota["total"] == nlohmann::json::parse(R"({"label": "全市", "quota": 3})"));
    const gen::BuildResult checked = check(site.path());
    INFO(testing::errors_text(checked));
    CHECK(checked.errors.empty());

    // Again: the files exist now, and only --force replaces them.
    const ImportResult again = gen::import::import_notice(o);
    CHECK(again.written.empty());
    CHECK(problems_text(again).find("content/notices/2022-quota.md exists already: --force replaces it") != std::string::npos);
}

// Named application-2019-2: application-2019 is the bundled 申请表's, of another title.
TEST_CASE("generator import: a WPS-style blank form without a definition becomes data/forms/application-2019-2.json, linked from the notice") {
    const testing::TempDir site;
    copy_bundled_site(site.path(), {});
    const fs::path docx = site.path() / "form.docx";
    const std::string rows = wps_row_of({"学校名称（盖章）："}) + wps_row_of({"项目负责人", "", "手机号码", ""}) +
                             wps_row_of({"联　系　电　话", "", "申报日期", ""}) + wps_row_of({"建设起止时间", "", "项目预算（万元）", ""}) +
                             wps_row_of({"建设内容（500字以内）："}) + wps_row_of({""}) + kOpinionRow;
    SECTION("its note below the table") { common::write_file(docx, wps_form_notice(rows, wps_p("") + wps_text("注：本表一式两份。"))); }
    SECTION("its note in the table's last row") { common::write_file(docx, wps_form_notice(rows + wps_row_of({"注：本表一式两份。"}))); }
    ImportOptions o = options_for(docx, site.path(), "2019-smart-campus");
    const ImportResult r = gen::import::import_notice(o);
    INFO(problems_text(r));
    REQUIRE(r.problems.empty());
    CHECK(r.written == std::vector<std::string>{"content/notices/2019-smart-campus.md", "data/forms/application-2019-2.json"});
    CHECK(testing::read_file(site.path() / "content/notices/2019-smart-campus.md").find("  - title: 2019年岳阳市智慧校园建设项目申请表\n"
                                                                                       "    data: forms/application-2019-2.json\n") !=
          std::string::npos);
    CHECK(testing::read_file(site.path() / "data/forms/application-2019-2.json") == R"({
  "title": "2019年岳阳市智慧校园建设项目申请表",
  "heading": ["2019年岳阳市智慧校园建设项目", "申　请　表"],
  "subtitle": "（中小学校）",
  "submitted_by": "school",
  "blocks": [
    {"type": "fields", "fields": [
      {"name": "unit_name", "label": "学校名称（盖章）", "type": "text", "required": true, "names_applicant": true, "wide": true},
      {"name": "leader", "label": "项目负责人", "type": "text", "required": true, "personal": true},
      {"name": "leader_mobile", "label": "手机号码", "type": "mobile", "required": true, "personal": true},
      {"name": "leader_phone", "label": "联　系　电　话", "type": "phone", "required": true, "personal": true},
      {"name": "field_1", "label": "申报日期", "type": "date", "required": true},
      {"name": "field_2", "label": "建设起止时间", "type": "period", "required": true},
      {"name": "field_3", "label": "项目预算（万元）", "type": "money", "required": true},
      {"name": "field_4", "label": "建设内容（500字以内）", "type": "textarea", "required": true, "max_chars": 500, "wide": true}
    ]},
    {"type": "signatures", "entries": [
      {"label": "县（市区）教育局意见：", "lines": ["负责人：　　　　盖章：", "年　　月　　日"]}
    ]}
  ],
  "notes": ["注：本表一式两份。"]
}
)");
    const gen::BuildResult checked = check(site.path());
    INFO(testing::errors_text(checked));
    CHECK(checked.errors.empty());
}

TEST_CASE("generator import: what cannot be mapped (a table, a picture) is reported with its place, and nothing is written unless --force") {
    const testing::TempDir site;
    copy_bundled_site(site.path(), {});
    const auto before = testing::read_tree(site.path());
    const fs::path docx = site.path() / ".." / (site.path().filename().string() + "-bad.docx");
    ImportOptions o = options_for(docx, site.path(), "2022-quota");

    SECTION("a county the site does not know") {
        common::write_file(docx, wps_notice(wps_row(wps_run("平江县"), wps_run("2")) + wps_row(wps_run("某某县"), wps_run("1")) +
                                            wps_row(wps_run("全市"), wps_run("3"))));
        const ImportResult r = gen::import::import_notice(o);
        CHECK(problems_text(r) == docx.string() + ": 附件1 table 1 row 3: error: \"某某县\" is no county of data/units.json\n");
        CHECK(r.written.empty());
        CHECK(testing::read_tree(site.path()) == before);

        // --force writes the notice without the table it could not map.
        o.force = true;
        const ImportResult forced = gen::import::import_notice(o);
        CHECK(forced.written == std::vector<std::string>{"content/notices/2022-quota.md"});
        const std::string notice = testing::read_file(site.path() / "content/notices/2022-quota.md");
        CHECK(notice.find("quotas/2022.json") == std::string::npos);
        CHECK(notice.find("forms/application-2019.json") != std::string::npos);
        CHECK(!fs::exists(site.path() / "data/quotas/2022.json"));
    }
    SECTION("a table that is neither a quota table nor a list") {
        common::write_file(docx, testing::docx_package(
                                     wps_text("岳阳市教育体育局") + wps_text("关于报送人员信息的通知") + wps_text("各学校：") + wps_text("请填报附件。") +
                                     wps_text("附件：1.2022年人员信息表") + wps_text("岳阳市教育体育局") + wps_text("2022年3月1日") + wps_text("附件1") +
                                     wps_text("2022年人员信息表") + "<w:tbl>" + wps_row(wps_run("姓名"), wps_run("性别")) +
                                     wps_row(wps_run("张三"), wps_run("男")) + "</w:tbl>"));
        const ImportResult r = gen::import::import_notice(o);
        const std::string text = problems_text(r);
        CHECK(text == docx.string() + ": 附件1 table 1 row 1: error: columns \"姓名, 性别\" are neither a quota table (单位名称, 名额 as whole "
                                      "numbers) nor a list (单位名称, 项目名称, 项目负责人) nor a blank form (labels beside or above empty cells)\n");
        CHECK(r.written.empty());
        CHECK(testing::read_tree(site.path()) == before);
    }
    SECTION("a blank form with a blank filled in") {
        common::write_file(docx, wps_form_notice(wps_row_of({"学校名称（盖章）："}) + wps_row_of({"项目负责人", "张三", "手机号码", ""}) + kOpinionRow));
        const ImportResult r = gen::import::import_notice(o);
        CHECK(problems_text(r) == docx.string() + ": 附件1 table 1 row 2: error: \"张三\" fills the blank beside \"项目负责人\": a blank form's "
                                                  "blanks are empty\n");
        CHECK(r.written.empty());
        CHECK(testing::read_tree(site.path()) == before);
    }
    SECTION("a blank form with a cell merged down, which it cannot read row by row") {
        const std::string merged = "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" + wps_p(wps_run("项目负责人")) + "</w:tc>" +
                                   wps_cell("") + "</w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>" + wps_p("") + "</w:tc>" + wps_cell("") + "</w:tr>";
        common::write_file(docx, wps_form_notice(wps_row_of({"学校名称（盖章）："}) + merged));
        const ImportResult r = gen::import::import_notice(o);
        CHECK(problems_text(r) == docx.string() + ": 附件1 table 1 row 3: error: a cell merged with the one above it: a blank form's rows are "
                                                  "read one by one, so split it in Word\n");
        CHECK(r.written.empty());
        CHECK(testing::read_tree(site.path()) == before);
    }
    SECTION("a note below a quota table, which its data file has no place for") {
        common::write_file(docx, wps_notice(kGoodRows, wps_text("注：市本级含市直学校。")));
        const ImportResult r = gen::import::import_notice(o);
        CHECK(problems_text(r) == docx.string() + ": 附件1: error: text below the table, \"注：市本级含市直学校。\", which a quota table or a list "
                                                  "does not hold\n");
        CHECK(r.written.empty());
        CHECK(testing::read_tree(site.path()) == before);
    }
    SECTION("a picture in the body") {
        common::write_file(docx, testing::docx_package(wps_text("岳阳市教育体育局") + wps_text("关于报送材料的通知") + wps_text("各学校：") +
                                                       wps_p(wps_run("流程如下图。") + "<w:r><w:drawing/></w:r>") + wps_text("岳阳市教育体育局") +
                                                       wps_text("2022年3月1日")));
        const ImportResult r = gen::import::import_notice(o);
        CHECK(problems_text(r) == docx.string() + ": error: a picture or text box in the body, at \"流程如下图。\", which the import leaves out: "
                                                  "put it under content/attachments/ and link it\n");
        CHECK(r.written.empty());
        CHECK(testing::read_tree(site.path()) == before);
    }
    fs::remove(docx);
}

TEST_CASE("generator import: a file that is no Word document is reported, and nothing is written") {
    const testing::TempDir site;
    copy_bundled_site(site.path(), {});
    common::write_file(site.path() / "notice.docx", "not a zip");
    const auto before = testing::read_tree(site.path());
    ImportOptions o;
    o.docx = site.path() / "notice.docx";
    o.site = site.path();
    const ImportResult r = gen::import::import_notice(o);
    CHECK(problems_text(r).find("notice.docx: error: cannot be read as a Word file (DOCX): not a readable zip") != std::string::npos);
    CHECK(r.written.empty());
    CHECK(testing::read_tree(site.path()) == before);
}

TEST_CASE("generator import: a site the imported notice leaves failing generator check gets nothing, and is told why") {
    const testing::TempDir work;
    const fs::path docx = work.path() / "2021-pilot-list-2020.docx";
    common::write_file(docx, testing::seed_docx(testing::parse_seed(testing::read_file(fs::path(SHARED_DIR) / "seeds" / "000_529d38349907b614.txt"))));
    const testing::TempDir site;
    // Without the 2019 notice its call names nothing, which check refuses.
    copy_bundled_site(site.path(), {"content/notices/2021-pilot-list-2020.md", "data/lists/2020.json", "content/notices/2019-pilot-call.md"});
    const auto before = testing::read_tree(site.path());
    ImportOptions o;
    o.docx = docx;
    o.site = site.path();
    o.force = true;  // which does not override check
    const ImportResult r = gen::import::import_notice(o);
    CHECK(problems_text(r) == "data/calls/pilot-2019.json: error: call names notice \"2019-pilot-call\", but there is no "
                              "content/notices/2019-pilot-call.md\n" +
                                  docx.string() + ": error: the site with the imported notice fails generator check (above): nothing was written\n");
    CHECK(r.written.empty());
    CHECK(testing::read_tree(site.path()) == before);
}

TEST_CASE("generator import: the body becomes Markdown: short numbered lines and Heading styles as headings that never skip, marks escaped, a table as GFM") {
    using office::WordParagraph;
    auto cell = [](std::vector<std::string> paragraphs, int span = 1) {
        office::WordCell c;
        c.paragraphs = std::move(paragraphs);
        c.span = span;
        return c;
    };
    office::WordTable table;
    table.rows.push_back({{cell({"单位"}), cell({"名额"})}});
    table.rows.push_back({{cell({"平江县", "（含|县直）"}), cell({"2"})}});  // two paragraphs in a cell are one line
    table.rows.push_back({{cell({"合计"}, 2)}});
    const std::vector<office::WordBlock> body{
        WordParagraph{"一、总体要求", ""},
        WordParagraph{"1．工作目标", ""},  // right under 一、: the next level, not two down
        WordParagraph{"1．各单位要按时报送材料，逾期不予受理。", ""},
        WordParagraph{"（一）组织领导", ""},
        WordParagraph{"评审安排", "Heading2"},
        WordParagraph{"*注意* 文件见 [附件] <b>加粗</b> & 其他", ""},
        WordParagraph{"# 不是标题\n- 不是列表  \n2019. 不是编号", ""},
        table,
    };
    CHECK(gen::import::body_markdown(body) ==
          "## 一、总体要求\n\n"
          "### 1．工作目标\n\n"
          "1．各单位要按时报送材料，逾期不予受理。\n\n"
          "### （一）组织领导\n\n"
          "### 评审安排\n\n"
          "\\*注意\\* 文件见 \\[附件\\] \\<b>加粗\\</b> & 其他\n\n"
          "\\# 不是标题\\\n\\- 不是列表\\\n2019\\. 不是编号\n\n"
          "| 单位 | 名额 |\n| --- | --- |\n| 平江县（含\\|县直） | 2 |\n| 合计 |  |\n");
}

TEST_CASE("generator import: automatic numbers are written as Word and WPS show them") {
    CHECK(office::format_counter(1, "chineseCounting") == "一");
    CHECK(office::format_counter(10, "chineseCountingThousand") == "十");
    CHECK(office::format_counter(11, "chineseCounting") == "十一");
    CHECK(office::format_counter(24, "chineseCounting") == "二十四");
    CHECK(office::format_counter(3, "decimalEnclosedCircle") == "③");
    CHECK(office::format_counter(12, "decimalFullWidth") == "１２");
    CHECK(office::format_counter(4, "upperRoman") == "IV");
    CHECK(office::format_counter(28, "lowerLetter") == "bb");
    CHECK(office::format_counter(7, "decimal") == "7");

    office::WordNumbering numbering(
        "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:abstractNum w:abstractNumId=\"3\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2．\"/></w:lvl>"
        "</w:abstractNum>"
        "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"3\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:num>"
        "</w:numbering>");
    CHECK(numbering.next(5, 0) == "三、");
    CHECK(numbering.next(5, 1) == "1．");
    CHECK(numbering.next(5, 1) == "2．");
    CHECK(numbering.next(5, 0) == "四、");
    CHECK(numbering.next(5, 1) == "1．");  // a deeper level starts again under each new number
    CHECK(numbering.next(9, 0).empty());  // a list the part does not define
}
