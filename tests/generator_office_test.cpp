// The office files beside the pages (DOCX, XLSX, CSV), the bureau's export
// and the 受理情况 chart. Where LibreOffice is installed, every generated
// file is opened by it and the text it reads back is checked.

#include <catch2/catch.hpp>

#include "common/data_layout.hpp"
#include "common/review_act.hpp"

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "common/form_schema.hpp"
#include "common/json_file.hpp"
#include "common/text.hpp"
#include "generator/review/export.hpp"
#include "support/collector_fixture.hpp"
#include "support/stored_submissions.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;

namespace {

// One member of a zip archive, read with libzip; empty if it is missing.
std::string zip_member(const std::string& archive, const std::string& name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
    if (!za) {
        if (src) zip_source_free(src);
        return {};
    }
    std::string out;
    zip_stat_t st;
    if (zip_stat(za, name.c_str(), 0, &st) == 0) {
        zip_file_t* f = zip_fopen(za, name.c_str(), 0);
        out.resize(static_cast<std::size_t>(st.size));
        if (f) {
            zip_fread(f, out.data(), st.size);
            zip_fclose(f);
        }
    }
    zip_close(za);
    return out;
}

// Without any whitespace: PDF text extraction breaks and spaces lines freely.
std::string squeezed(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '"') continue;
        if (s.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000, the ideographic space
            i += 2;
            continue;
        }
        out += s[i];
    }
    return out;
}

struct BundledBuild {
    testing::TempDir dir;
    gen::BuildResult result;
    fs::path out() const { return dir.path() / "public"; }
    explicit BundledBuild(const std::string& name = "public") {
        gen::BuildOptions o;
        o.site = REPO_ROOT;
        o.out = dir.path() / name;
        result = gen::build_site(o);
    }
};

std::vector<common::Form> bundled_forms() {
    std::vector<common::Form> forms;
    for (const auto& entry : fs::directory_iterator(fs::path(REPO_ROOT) / "data/forms")) {
        const auto file = common::load_json(entry.path(), entry.path().string());
        forms.push_back(common::parse_form(file, entry.path().stem().string()));
    }
    return forms;
}

bool has_libreoffice() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }

// Converts files with LibreOffice headless into `to` ("pdf" or CSV in UTF-8),
// in a private profile so that tests running side by side do not collide.
void convert(const std::vector<fs::path>& files, const std::string& to, const fs::path& out_dir, const fs::path& profile) {
    std::string cmd = "soffice -env:UserInstallation=file://" + profile.string() + " --headless --convert-to '" + to + "' --outdir '" +
                      out_dir.string() + "'";
    for (const auto& f : files) cmd += " '" + f.string() + "'";
    cmd += " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
}

const char* const kCsvUtf8 = "csv:Text - txt - csv (StarCalc):44,34,76,1";

std::string pdf_text(const fs::path& pdf) {
    const fs::path txt = pdf.string() + ".txt";
    const std::string cmd = "pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return testing::read_file(txt);
}

}  // namespace

TEST_CASE("every form, the quota table and the list come as office files beside their pages") {
    BundledBuild site;
    INFO(testing::errors_text(site.result));
    REQUIRE(site.result.errors.empty());
    for (const char* path : {"forms/application-2019/application-2019.docx", "forms/work-plan-2019/work-plan-2019.docx",
                             "forms/task-book-2020/task-book-2020.docx", "forms/summary-2019/summary-2019.xlsx",
                             "forms/summary-2019/summary-2019-schools.csv", "quotas/2019/quota-2019.xlsx", "quotas/2019/quota-2019.csv",
                             "lists/2020/list-2020.xlsx", "lists/2020/list-2020.csv"}) {
        INFO(path);
        REQUIRE(fs::exists(site.out() / path));
    }
    const std::string page = testing::read_file(site.out() / "forms/application-2019/index.html");
    CHECK(page.find("href=\"/jytyj/xxh/forms/application-2019/application-2019.docx\" download=\"2019年岳阳市教育信息化创新试点项目申请表.docx\">下载（DOCX，") !=
          std::string::npos);
    const std::string notice = testing::read_file(site.out() / "notices/2019-pilot-call/index.html");
    CHECK(notice.find("quota-2019.xlsx") != std::string::npos);
    CHECK(notice.find("summary-2019.xlsx") != std::string::npos);
}

TEST_CASE("office files are byte-identical from build to build, whatever the time zone") {
    BundledBuild first("a");
    ::setenv("TZ", "America/New_York", 1);
    BundledBuild second("b");
    ::unsetenv("TZ");
    REQUIRE(first.result.errors.empty());
    REQUIRE(second.result.errors.empty());
    const auto a = testing::read_tree(first.dir.path() / "a"), b = testing::read_tree(second.dir.path() / "b");
    int office = 0;
    for (const auto& [path, bytes] : a) {
        if (!common::ends_with(path, ".docx") && !common::ends_with(path, ".xlsx")) continue;
        INFO(path);
        ++office;
        CHECK(b.at(path) == bytes);
    }
    CHECK(office == 6);
}

TEST_CASE("a form's DOCX holds every label, on A4, in the fonts of official documents") {
    BundledBuild site;
    REQUIRE(site.result.errors.empty());
    const std::string docx = testing::read_file(site.out() / "forms/task-book-2020/task-book-2020.docx");
    REQUIRE(docx.compare(0, 2, "PK") == 0);
    CHECK(zip_member(docx, "[Content_Types].xml").find("wordprocessingml.document.main+xml") != std::string::npos);
    const std::string body = zip_member(docx, "word/document.xml");
    CHECK(body.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>") != std::string::npos);
    for (const char* label : {"单位名称（盖章）", "试点工作内容", "预期试点成果", "工作措施与保障手段", "经费总数（万元）", "所需经费（万元）",
                              "一、教育信息化试点项目建设年度计划（2021年）", "二、教育信息化试点项目建设经费预算表（2023年）",
                              "试点项目承担单位（丙方）："}) {
        INFO(label);
        CHECK(body.find(label) != std::string::npos);
    }
    // Each year's plan starts a page of its own.
    std::size_t breaks = 0;
    for (std::size_t p = 0; (p = body.find("<w:pageBreakBefore/>", p)) != std::string::npos; ++p) ++breaks;
    CHECK(breaks == 3);
    const std::string styles = zip_member(docx, "word/styles.xml");
    CHECK(styles.find("w:eastAsia=\"仿宋_GB2312\"") != std::string::npos);
    CHECK(styles.find("w:eastAsia=\"方正小标宋简体\"") != std::string::npos);
    const std::string fonts = zip_member(docx, "word/fontTable.xml");
    CHECK(fonts.find("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>") != std::string::npos);
    CHECK(zip_member(docx, "docProps/core.xml").find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-01-05T00:00:00Z</dcterms:created>") !=
          std::string::npos);
}

TEST_CASE("the quota spreadsheet holds every row and a total that is a live formula") {
    BundledBuild site;
    REQUIRE(site.result.errors.empty());
    const std::string xlsx = testing::read_file(site.out() / "quotas/2019/quota-2019.xlsx");
    const std::string sheet = zip_member(xlsx, "xl/worksheets/sheet1.xml");
    CHECK(sheet.find("<f>SUM(B3:B15)</f><v>20</v>") != std::string::npos);
    CHECK(zip_member(xlsx, "xl/workbook.xml").find("name=\"名额分配\"") != std::string::npos);
    const std::string strings = zip_member(xlsx, "xl/sharedStrings.xml");
    for (const char* county : {"平江县", "岳阳经济技术开发区", "市本级", "全市"}) CHECK(strings.find(county) != std::string::npos);
    CHECK(testing::read_file(site.out() / "quotas/2019/quota-2019.csv").find("\xEF\xBB\xBF单位名称,市级教育信息化试点分配名额\r\n平江县,2\r\n") == 0);
}

TEST_CASE("LibreOffice opens every generated DOCX and XLSX and reads back each label and row") {
    if (!has_libreoffice()) {
        WARN("LibreOffice (soffice) is not installed: conversions skipped; scripts/setup.sh installs it where apt can");
        return;
    }
    BundledBuild site;
    REQUIRE(site.result.errors.empty());
    std::vector<fs::path> docx, xlsx;
    for (const auto& entry : fs::recursive_directory_iterator(site.out())) {
        if (entry.path().extension() == ".docx") docx.push_back(entry.path());
        if (entry.path().extension() == ".xlsx") xlsx.push_back(entry.path());
    }
    REQUIRE(docx.size() == 3);
    REQUIRE(xlsx.size() == 3);
    const fs::path pdf_dir = site.dir.path() / "pdf", csv_dir = site.dir.path() / "csv", profile = site.dir.path() / "profile";
    convert(docx, "pdf", pdf_dir, profile);
    convert(xlsx, kCsvUtf8, csv_dir, profile);

    std::set<std::string> labels_seen;
    for (const auto& form : bundled_forms()) {
        const bool spreadsheet = fs::exists(csv_dir / (form.id + ".csv"));
        const std::string text = squeezed(spreadsheet ? testing::read_file(csv_dir / (form.id + ".csv")) : pdf_text(pdf_dir / (form.id + ".pdf")));
        INFO(form.id);
        for (const auto& line : form.heading) CHECK(text.find(squeezed(line)) != std::string::npos);
        for (const auto* field : common::all_fields(form)) {
            INFO(field->label);
            CHECK(text.find(squeezed(field->label)) != std::string::npos);
        }
        for (const auto& b : form.blocks)
            for (const auto& entry : b.entries) CHECK(text.find(squeezed(entry.label)) != std::string::npos);
        labels_seen.insert(form.id);
    }
    CHECK(labels_seen.size() == 4);

    const std::string quota = testing::read_file(csv_dir / "quota-2019.csv");
    const auto units = common::load_json(fs::path(REPO_ROOT) / "data/units.json", "units");
    std::map<std::string, std::string> county_names;
    for (const auto& c : units.value.at("counties")) county_names[c.at("id").get<std::string>()] = c.at("name").get<std::string>();
    const auto quota_json = common::load_json(fs::path(REPO_ROOT) / "data/quotas/2019.json", "quota");
    int rows = 0;
    for (const auto& row : quota_json.value.at("rows")) {
        const std::string line = "\"" + county_names.at(row.at("county").get<std::string>()) + "\"," + std::to_string(row.at("quota").get<int>());
        INFO(line);
        CHECK(quota.find(line) != std::string::npos);
        ++rows;
    }
    CHECK(rows == 13);
    CHECK(quota.find("\"全市\",20") != std::string::npos);
    const std::string list = testing::read_file(csv_dir / "list-2020.csv");
    CHECK(list.find("\"汨罗市正则学校\",\"智慧教育实践与探究\"") != std::string::npos);
    CHECK(list.find("\"岳阳市第十四中学\",\"依托智慧校园实现精细教学的应用研究\"") != std::string::npos);
}

namespace {

// Two counties, three schools, a quota call and a task-book call; several
// versions for some units.
const char* const kExportSite = R"(-- data/units.json --
{"counties": [{"id": "a", "name": "甲县"}, {"id": "b", "name": "乙区"}],
 "schools": [{"id": "a1", "name": "甲县一中", "county": "a"}, {"id": "a2", "name": "甲县二中", "county": "a"},
             {"id": "b1", "name": "乙区实验小学", "county": "b"}]}
-- data/quotas/2020.json --
{"title": "名额分配表", "unit_column": "单位名称", "quota_column": "分配名额",
 "rows": [{"county": "a", "quota": 2}, {"county": "b", "quota": 1}], "total": {"label": "全市"}}
-- data/lists/2020.json --
{"title": "名单", "date": "2021-01-05", "columns": {"unit": "单位名称", "project": "项目名称", "leader": "项目负责人"},
 "entries": [{"unit": "甲县一中", "school": "a1", "project": "智慧课堂", "leader": "王某"}]}
-- data/forms/apply.json --
{"title": "申请表", "submitted_by": "school", "blocks": [{"type": "fields", "fields": [
  {"name": "project", "label": "项目名称", "type": "text"},
  {"name": "leader_mobile", "label": "手机号码", "type": "mobile", "personal": true}]}]}
-- data/forms/summary.json --
{"title": "汇总表", "submitted_by": "county", "blocks": [{"type": "table", "name": "schools", "title": "申报学校", "columns": [
  {"name": "unit", "label": "单位名称", "type": "text"}]}]}
-- data/forms/task.json --
{"title": "任务书", "submitted_by": "school", "blocks": [{"type": "per_year", "years": [2021, 2022], "blocks": [
  {"type": "fields", "fields": [{"name": "budget_total", "label": "经费总数（万元）", "type": "money"}]},
  {"type": "table", "name": "budget_items", "title": "经费预算", "columns": [
    {"name": "item", "label": "建设内容", "type": "text"}, {"name": "cost", "label": "所需经费（万元）", "type": "money"}]}]}]}
-- data/calls/pilot.json --
{"title": "试点申报", "notice": "call", "deadline": "2020-04-30", "forms": ["apply", "summary"], "quota": "2020"}
-- data/calls/tasks.json --
{"title": "任务书报送", "notice": "call", "deadline": "2021-01-18", "forms": ["task"], "list": "2020"}
)";

// The export site's collector data: several versions of some units, a county's summary, a per-year task book.
void write_export_submissions(const testing::TinySite& site) {
    const auto data = site.root() / "collector";
    using testing::submission;
    testing::write_submission(data, submission("apply", "a1", "2020-04-01T09:00:00+08:00", {{"project", "旧题目"}, {"leader_mobile", "13912345678"}}));
    testing::write_submission(data, submission("apply", "a1", "2020-04-02T09:00:00+08:00", {{"project", "新题目"}, {"leader_mobile", "13712345678"}}),
                              {{"plan", "方案.pdf", testing::tiny_pdf()}});
    testing::write_submission(data, submission("apply", "a2", "2020-04-03T10:30:00+08:00", {{"project", "二中题目"}}));
    testing::write_submission(data, submission("apply", "b1", "2020-04-03T11:00:00+08:00", {{"project", "乙区第一版"}}));
    testing::write_submission(data, submission("apply", "b1", "2020-04-04T11:00:00+08:00", {{"project", "乙区第二版"}}));
    testing::write_submission(data, submission("apply", "b1", "2020-04-05T11:00:00+08:00", {{"project", "乙区第三版"}}));
    testing::write_submission(data, submission("summary", "a", "2020-04-03T08:00:00+08:00", {{"schools.0.unit", "甲县一中"}, {"schools.1.unit", "甲县二中"}}));
    testing::write_submission(data, submission("task", "a1", "2021-01-10T08:00:00+08:00",
                                               {{"budget_total.2021", "9.00"}, {"budget_items.2021.0.item", "旧平台"}, {"budget_items.2021.0.cost", "9.00"}}));
    testing::write_submission(data, submission("task", "a1", "2021-01-11T08:00:00+08:00",
                                               {{"budget_total.2021", "12.50"}, {"budget_items.2021.0.item", "平台"}, {"budget_items.2021.0.cost", "10.00"},
                                                {"budget_items.2021.1.item", "培训"}, {"budget_items.2021.1.cost", "2.50"},
                                                {"budget_total.2022", "3.00"}, {"budget_items.2022.0.item", "运维"}, {"budget_items.2022.0.cost", "3.00"}}));
}

gen::ExportOptions export_options(const testing::TinySite& site, const std::string& call) {
    gen::ExportOptions o;
    o.site = site.root();
    o.data = site.root() / "collector";
    o.call = call;
    o.out = site.root() / (call + ".xlsx");
    o.csv = site.root() / (call + "-csv");
    return o;
}

// The export site built whole, each call announced by a notice of its own.
std::string archive_site() {
    return std::string(kExportSite) + "-- content/notices/call.md --\n---\ntitle: 关于申报试点项目的通知\ndate: 2020-03-01\n"
                                      "category: 通知公告\naddressees: 各县市区教育局\n---\n\n现将有关事项通知如下。\n"
                                      "-- content/notices/tasks.md --\n---\ntitle: 关于报送任务书的通知\ndate: 2020-12-01\n"
                                      "category: 通知公告\naddressees: 各县市区教育局\n---\n\n请报送。\n"
                                      "-- data/calls/tasks.json --\n{\"title\": \"任务书报送\", \"notice\": \"tasks\", "
                                      "\"deadline\": \"2021-01-18\", \"forms\": [\"task\"], \"list\": \"2020\"}\n";
}

}  // namespace

TEST_CASE("the offline archive holds each version as its paper form filled in: DOCX and for a table form XLSX") {
    testing::TinySite site(archive_site());
    write_export_submissions(site);
    gen::BuildOptions o = site.options();
    o.submissions = site.root() / "collector";
    o.internal = site.root() / "internal";
    const auto r = gen::build_site(o);
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    // The 汇总表 as the county forwarded it: its rows in the table, as many as it used.
    const std::string summary_xlsx = testing::read_file(o.internal / "summary/a/v0001/form.xlsx");
    CHECK(zip_member(summary_xlsx, "xl/sharedStrings.xml").find("甲县二中") != std::string::npos);
    const std::string summary_docx = testing::read_file(o.internal / "summary/a/v0001/form.docx");
    CHECK(testing::in_order(zip_member(summary_docx, "word/document.xml"), "甲县一中", "甲县二中"));
    // A per-year task book: each year's values on its own page.
    const std::string task = zip_member(testing::read_file(o.internal / "task/a1/v0002/form.docx"), "word/document.xml");
    CHECK(testing::in_order(task, "12.50", "运维"));
    CHECK(!fs::exists(o.internal / "task/a1/v0002/form.xlsx"));  // not a table form
    CHECK(testing::read_file(o.internal / "summary/a/v0001/index.html").find("<a href=\"form.xlsx\">XLSX</a>") != std::string::npos);
}

TEST_CASE("the offline archive's page of each call tells every newest version's review, and a task-book call's registry") {
    testing::TinySite site(archive_site());
    write_export_submissions(site);
    const auto data = site.root() / "collector";
    testing::write_act(data, testing::county_opinion("pilot", {"county", "a", "甲县教育局"}, {"apply", "a1", 2}, "赵某"));
    common::Act accepted;
    accepted.number = 1;
    accepted.kind = common::ActKind::acceptance;
    accepted.call = "tasks";
    accepted.at = "2021-06-21T09:00:00+08:00";
    accepted.actor = {"city", "li", "李明"};
    accepted.pilot = "a1";
    accepted.held = "2021-06-20";
    accepted.text = "达到任务书目标";
    testing::write_act(data, accepted);
    gen::BuildOptions o = site.options();
    o.submissions = data;
    o.internal = site.root() / "internal";
    const auto r = gen::build_site(o);
    INFO(testing::errors_text(r));
    REQUIRE(r.errors.empty());
    const std::string index = testing::read_file(o.internal / "index.html");
    CHECK(testing::in_order(index, "<a href=\"calls/pilot/\">试点申报</a>", "<a href=\"calls/tasks/\">任务书报送</a>"));
    const std::string pilot = testing::read_file(o.internal / "calls/pilot/index.html");
    // The newest version only, linked, with its county's 意见 and who signed it; the others as received.
    CHECK(pilot.find("<a href=\"../../apply/a1/v0002/\">甲县一中</a>") != std::string::npos);
    CHECK(pilot.find("apply/a1/v0001/") == std::string::npos);
    CHECK(pilot.find("<td>推荐：同意推荐<span class=\"hint\">负责人：赵某</span></td>") != std::string::npos);
    CHECK(pilot.find("乙区实验小学</a><span class=\"hint\">申请表</span></th><td>乙区</td><td class=\"num\">第3版</td><td>已收到</td>") != std::string::npos);
    const std::string tasks = testing::read_file(o.internal / "calls/tasks/index.html");
    CHECK(testing::in_order(tasks, "<caption>试点项目登记</caption>",
                            "<th scope=\"row\">甲县一中</th><td>甲县</td><td>智慧课堂</td><td>2021-01-05</td><td>未签订</td><td>已通过验收（2021-06-20）</td>"
                            "<td><span class=\"hint\">2021-06-20 验收通过；达到任务书目标（李明登记）</span></td>"));
}

TEST_CASE("the export shows where each application stands and what its county said") {
    testing::TinySite site(kExportSite);
    write_export_submissions(site);
    testing::write_act(site.root() / "collector", testing::county_opinion("pilot", {"county", "a", "甲县教育局"}, {"apply", "a1", 2}, "赵某"));
    const auto o = export_options(site, "pilot");
    const auto errors = gen::export_call(o);
    INFO((errors.empty() ? std::string() : common::format(errors[0])));
    REQUIRE(errors.empty());
    const std::string a = testing::read_file(o.csv / "甲县.csv");
    CHECK(a.find(",审核状态,县级意见,县级意见负责人,退回或不予受理的理由\r\n") != std::string::npos);
    CHECK(a.find("方案.pdf（plan.pdf）,县级意见：推荐,推荐：同意推荐,赵某,\r\n") != std::string::npos);
}

TEST_CASE("the export holds the newest version of each unit, per county, with totals that match the quota") {
    testing::TinySite site(kExportSite);
    write_export_submissions(site);
    const auto o = export_options(site, "pilot");
    const auto errors = gen::export_call(o);
    INFO((errors.empty() ? std::string() : common::format(errors[0])));
    REQUIRE(errors.empty());
    REQUIRE(fs::exists(o.out));

    const std::string summary = testing::read_file(o.csv / "汇总.csv");
    CHECK(summary == "\xEF\xBB\xBF县市区,分配名额,已收到,超出（+）/不足（-）,申报汇总表\r\n"
                     "甲县,2,2,0,已报送\r\n"
                     "乙区,1,1,0,未报送\r\n"
                     "合计,3,3,0\r\n");
    const std::string a = testing::read_file(o.csv / "甲县.csv");
    CHECK(a.find("甲县一中,2,2020-04-02 09:00:00,新题目,13712345678,方案.pdf（plan.pdf）,已收到,,,\r\n") != std::string::npos);
    CHECK(a.find("甲县二中,1,2020-04-03 10:30:00,二中题目,,,已收到,,,\r\n") != std::string::npos);
    CHECK(a.find("旧题目") == std::string::npos);
    const std::string b = testing::read_file(o.csv / "乙区.csv");
    CHECK(b.find("乙区第三版") != std::string::npos);
    CHECK(b.find("乙区第一版") == std::string::npos);
    CHECK(b.find("乙区第二版") == std::string::npos);
    CHECK(testing::read_file(o.csv / "申报学校.csv") == "\xEF\xBB\xBF县市区,单位,单位名称\r\n甲县,甲县,甲县一中\r\n甲县,甲县,甲县二中\r\n");

    const std::string xlsx = testing::read_file(o.out);
    CHECK(zip_member(xlsx, "xl/workbook.xml").find("<sheet name=\"汇总\" sheetId=\"1\"") != std::string::npos);
    CHECK(zip_member(xlsx, "xl/worksheets/sheet1.xml").find("<f>SUM(B4:B5)</f><v>3</v>") != std::string::npos);

    if (!has_libreoffice()) {
        WARN("LibreOffice (soffice) is not installed: the export's conversion is skipped");
        return;
    }
    const fs::path converted = site.root() / "converted";
    convert({o.out}, kCsvUtf8, converted, site.root() / "profile");
    const std::string read_back = testing::read_file(converted / "pilot.csv");
    CHECK(read_back.find("\"甲县\",2,2,0,\"已报送\"") != std::string::npos);
    CHECK(read_back.find("\"合计\",3,3,0") != std::string::npos);
}

TEST_CASE("the export of task books lists every budget row of the newest versions, with their sum") {
    testing::TinySite site(kExportSite);
    write_export_submissions(site);
    const auto o = export_options(site, "tasks");
    REQUIRE(gen::export_call(o).empty());
    CHECK(testing::read_file(o.csv / "经费预算.csv") == "\xEF\xBB\xBF县市区,单位,年度,建设内容,所需经费（万元）\r\n"
                                                       "甲县,甲县一中,2021,平台,10.00\r\n"
                                                       "甲县,甲县一中,2021,培训,2.50\r\n"
                                                       "甲县,甲县一中,2022,运维,3.00\r\n"
                                                       "合计,,,,15.50\r\n");
    CHECK(testing::read_file(o.csv / "甲县.csv").find("甲县一中,2,2021-01-11 08:00:00,12.50,3.00,,已收到,,,\r\n") != std::string::npos);
}

TEST_CASE("the export refuses to write into the public site, and names a call that does not exist") {
    testing::TinySite site(kExportSite);
    write_export_submissions(site);
    auto o = export_options(site, "pilot");
    o.out = site.out() / "export.xlsx";
    auto errors = gen::export_call(o);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("must not be written into the public site") != std::string::npos);
    CHECK_FALSE(fs::exists(o.out));
    o = export_options(site, "nope");
    errors = gen::export_call(o);
    REQUIRE(errors.size() == 1);
    CHECK(common::format(errors[0]) == "--call: error: no call \"nope\" in data/calls/");
    CHECK_FALSE(fs::exists(o.out));
}
