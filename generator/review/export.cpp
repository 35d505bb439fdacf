#include "generator/review/export.hpp"

#include <algorithm>
#include <set>
#include <unistd.h>

#include "common/data_loader.hpp"
#include "common/files.hpp"
#include "common/form_validation.hpp"
#include "generator/call_progress.hpp"
#include "generator/site_config.hpp"
#include "generator/review/review_digest.hpp"
#include "generator/review/submissions_loader.hpp"

namespace gen {
namespace fs = std::filesystem;
namespace xlsx = office::xlsx;
namespace {

using xlsx::RowKind;

xlsx::Row row(RowKind kind, std::vector<xlsx::Cell> cells) { return xlsx::Row{kind, std::move(cells), 0}; }

// A money field as a number with two places, so that Excel can add it up;
// anything else (or money that does not parse) as the text received.
xlsx::Cell value_cell(const common::FormField& field, const std::string& value) {
    long long hundredths = 0;
    if (field.type == "money" && common::parse_money(value, hundredths)) return xlsx::number(static_cast<double>(hundredths) / 100.0, 2);
    return xlsx::text(value);
}

// SUM over a column of data rows, with the value Excel would compute.
xlsx::Cell column_total(int column, std::size_t first_row, std::size_t last_row, double value, int decimals) {
    xlsx::Cell c = xlsx::number(value, decimals);
    const std::string name = xlsx::column_name(column);
    c.formula = "=SUM(" + name + std::to_string(first_row + 1) + ":" + name + std::to_string(last_row + 1) + ")";
    return c;
}

xlsx::Sheet summary_sheet(const Call& call, const CallProgress& p) {
    xlsx::Sheet sheet{"汇总", {}, false};
    sheet.rows.push_back(row(RowKind::title, {xlsx::text(call.title + "受理汇总")}));
    sheet.rows.push_back(row(RowKind::note, {xlsx::text(p.as_of.empty() ? "尚未收到提交。"
                                                                         : "统计截至" + p.as_of.substr(0, 10) + " " + p.as_of.substr(11, 5) +
                                                                               "；每个单位以最新版本计一次。")}));
    std::vector<xlsx::Cell> header = {xlsx::text("县市区"), xlsx::text(p.expected_label), xlsx::text("已收到"), xlsx::text("超出（+）/不足（-）")};
    if (p.has_summary_form) header.push_back(xlsx::text("申报汇总表"));
    sheet.rows.push_back(row(RowKind::header, header));
    const std::size_t first = sheet.rows.size();
    for (const auto& r : p.rows) {
        std::vector<xlsx::Cell> cells = {xlsx::text(r.county_name), xlsx::number(r.expected), xlsx::number(r.received),
                                         xlsx::number(r.received - r.expected)};
        if (p.has_summary_form) cells.push_back(xlsx::text(r.summary ? "已报送" : "未报送"));
        sheet.rows.push_back(row(RowKind::data, cells));
    }
    if (!p.rows.empty()) {
        const std::size_t last = sheet.rows.size() - 1;
        sheet.rows.push_back(row(RowKind::total, {xlsx::text("合计"), column_total(1, first, last, p.total_expected, 0),
                                                   column_total(2, first, last, p.total_received, 0),
                                                   column_total(3, first, last, p.total_received - p.total_expected, 0)}));
    }
    return sheet;
}

// The fields of a form outside its tables, each a column.
std::vector<common::FieldKey> scalar_keys(const common::Form& form) {
    std::vector<common::FieldKey> keys;
    for (auto& k : common::form_keys(form, 0))
        if (!k.in_table) keys.push_back(std::move(k));
    return keys;
}

const char* const kReviewColumns[] = {"审核状态", "县级意见", "县级意见负责人", "退回或不予受理的理由"};
const char* const kExpertColumns[] = {"专家评分（平均）", "最高分与最低分之差", "各专家总分", "利益冲突回避", "公示异议"};

std::string lines(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : "\n") + item;
    return out;
}

// Where the version stands and what each level said of it: a school's forms only.
void add_review_cells(std::vector<xlsx::Cell>& cells, const common::VersionState* state, const common::CallReview& review) {
    const ReviewDigest d = review_digest(state, review);
    for (const std::string* text : {&d.stage, &d.opinion, &d.leader, &d.reason}) cells.push_back(xlsx::text(*text));
    if (!review.call().expert_review) return;
    if (!state) {
        cells.resize(cells.size() + std::size(kExpertColumns));
        return;
    }
    cells.push_back(d.scores ? xlsx::number(d.scores->mean, 1) : xlsx::Cell{});
    cells.push_back(d.scores ? xlsx::number(d.scores->spread) : xlsx::Cell{});
    for (const auto* items : {&d.totals, &d.conflicts, &d.objections}) cells.push_back(xlsx::text(lines(*items)));
}

void add_form_section(xlsx::Sheet& sheet, const Site& site, const FormDef& form, const std::vector<const Submission*>& subs,
                      const common::CallReview& review) {
    const auto keys = scalar_keys(form.form);
    const bool reviewed = form.form.submitted_by == "school";
    if (!sheet.rows.empty()) sheet.rows.push_back(row(RowKind::gap, {}));
    sheet.rows.push_back(row(RowKind::title, {xlsx::text(form.form.title)}));
    std::vector<xlsx::Cell> header = {xlsx::text("单位"), xlsx::text("版本"), xlsx::text("提交时间")};
    for (const auto& k : keys) header.push_back(xlsx::text(k.label));
    header.push_back(xlsx::text("上传文件"));
    if (reviewed) {
        for (const char* h : kReviewColumns) header.push_back(xlsx::text(h));
        if (review.call().expert_review)
            for (const char* h : kExpertColumns) header.push_back(xlsx::text(h));
    }
    sheet.rows.push_back(row(RowKind::header, header));
    for (const Submission* s : subs) {
        std::vector<xlsx::Cell> cells = {xlsx::text(site.units.name_of(s->unit)), xlsx::number(s->version),
                                         xlsx::text(s->received_at.substr(0, 10) + " " + s->received_at.substr(11, 8))};
        for (const auto& k : keys) {
            const auto it = s->fields.find(k.key);
            cells.push_back(it == s->fields.end() ? xlsx::Cell{} : value_cell(*k.field, it->second));
        }
        std::string files;
        for (const auto& f : s->files) files += (files.empty() ? "" : "\n") + f.original_name + "（" + f.name + "）";
        cells.push_back(xlsx::text(files));
        if (reviewed) add_review_cells(cells, review.state(s->key()), review);
        sheet.rows.push_back(row(RowKind::data, cells));
    }
}

struct TableRef {
    const common::FormBlock* block;
    std::vector<int> years;  // empty: a table at the top level
};

void find_tables(const std::vector<common::FormBlock>& blocks, const std::vector<int>& years, std::vector<TableRef>& out) {
    for (const auto& b : blocks) {
        if (b.type == "table") out.push_back({&b, years});
        if (b.type == "per_year") find_tables(b.blocks, b.years, out);
    }
}

xlsx::Sheet table_sheet(const std::string& name, const Site& site, const TableRef& t, const std::vector<const Submission*>& subs) {
    const common::FormBlock& b = *t.block;
    xlsx::Sheet sheet{name, {}, true};
    std::vector<xlsx::Cell> header = {xlsx::text("县市区"), xlsx::text("单位")};
    if (!t.years.empty()) header.push_back(xlsx::text("年度"));
    const int first_column = static_cast<int>(header.size());
    for (const auto& c : b.fields) header.push_back(xlsx::text(c.label));
    sheet.rows.push_back(row(RowKind::header, header));
    const std::size_t first = sheet.rows.size();
    std::vector<long long> totals(b.fields.size(), 0);
    const std::vector<int> years = t.years.empty() ? std::vector<int>{0} : t.years;
    for (const Submission* s : subs) {
        for (int year : years) {
            const std::string prefix = common::row_prefix(b.name, year);
            for (int r = 0; r < common::kMaxTableRows; ++r) {
                std::vector<xlsx::Cell> cells = {xlsx::text(county_name(site, site.units.county_of(s->unit))), xlsx::text(site.units.name_of(s->unit))};
                if (year) cells.push_back(xlsx::number(year));
                bool used = false;
                for (std::size_t c = 0; c < b.fields.size(); ++c) {
                    const auto it = s->fields.find(common::cell_key(prefix, r, b.fields[c].name));
                    if (it == s->fields.end()) {
                        cells.push_back({});
                        continue;
                    }
                    used = true;
                    cells.push_back(value_cell(b.fields[c], it->second));
                    long long hundredths = 0;
                    if (b.fields[c].type == "money" && common::parse_money(it->second, hundredths)) totals[c] += hundredths;
                }
                if (used) sheet.rows.push_back(row(RowKind::data, cells));
            }
        }
    }
    const std::size_t last = sheet.rows.size() - 1;
    if (last >= first && std::any_of(b.fields.begin(), b.fields.end(), [](const common::FormField& f) { return f.type == "money"; })) {
        std::vector<xlsx::Cell> total(static_cast<std::size_t>(first_column));
        total[0] = xlsx::text("合计");
        for (std::size_t c = 0; c < b.fields.size(); ++c)
            total.push_back(b.fields[c].type == "money"
                                ? column_total(first_column + static_cast<int>(c), first, last, static_cast<double>(totals[c]) / 100.0, 2)
                                : xlsx::Cell{});
        sheet.rows.push_back(row(RowKind::total, total));
    }
    return sheet;
}

// A task-book call's pilots, one row each: 立项, the task book's signing, and every later event.
xlsx::Sheet registry_sheet(const Site& site, const common::CallReview& review) {
    xlsx::Sheet sheet{"试点项目登记", {}, true};
    std::vector<xlsx::Cell> header;
    for (const char* h : {"单位", "县市区", "项目名称", "立项日期", "计划任务书签订", "进展", "登记记录"}) header.push_back(xlsx::text(h));
    sheet.rows.push_back(row(RowKind::header, header));
    for (const PilotDigest& p : pilot_digests(site, review))
        sheet.rows.push_back(row(RowKind::data, {xlsx::text(p.unit), xlsx::text(p.county), xlsx::text(p.project), xlsx::text(p.listed),
                                                 xlsx::text(p.task_book), xlsx::text(p.stage), xlsx::text(lines(p.events))}));
    return sheet;
}

}  // namespace

xlsx::Workbook call_workbook(const Site& site, const Call& call) {
    const CallProgress progress = call_progress(site, call);
    xlsx::Workbook book{call.title + "受理汇总", site.info.bureau, progress.as_of.substr(0, 10), {}};
    book.sheets.push_back(summary_sheet(call, progress));

    const auto latest = latest_submissions(site, call);
    const auto review = call_review(site, call);
    // Counties in the order of the summary, then any other a submission names.
    std::vector<std::string> counties;
    for (const auto& r : progress.rows) counties.push_back(r.county_id);
    for (const auto& c : site.units.counties)
        for (const Submission* s : latest)
            if (site.units.county_of(s->unit) == c.id && std::find(counties.begin(), counties.end(), c.id) == counties.end()) counties.push_back(c.id);
    for (const auto& county : counties) {
        xlsx::Sheet sheet{county_name(site, county), {}, true};
        for (const auto& key : call.forms) {
            const FormDef* form = site.form(key);
            std::vector<const Submission*> subs;
            for (const Submission* s : latest)
                if (s->form == key && site.units.county_of(s->unit) == county) subs.push_back(s);
            if (form && !subs.empty()) add_form_section(sheet, site, *form, subs, *review);
        }
        if (sheet.rows.empty()) sheet.rows.push_back(row(RowKind::note, {xlsx::text("尚未收到提交。")}));
        book.sheets.push_back(std::move(sheet));
    }

    if (call.task_books()) book.sheets.push_back(registry_sheet(site, *review));
    std::set<std::string> names;
    for (const auto& s : book.sheets) names.insert(s.name);
    for (const auto& key : call.forms) {
        const FormDef* form = site.form(key);
        if (!form) continue;
        std::vector<const Submission*> subs;
        for (const auto& county : counties)
            for (const Submission* s : latest)
                if (s->form == key && site.units.county_of(s->unit) == county) subs.push_back(s);
        std::vector<TableRef> tables;
        find_tables(form->form.blocks, {}, tables);
        for (const auto& t : tables) {
            std::string name = t.block->title.empty() ? t.block->name : t.block->title;
            if (names.count(name)) name += "（" + key + "）";
            names.insert(name);
            book.sheets.push_back(table_sheet(name, site, t, subs));
        }
    }
    return book;
}

std::vector<common::Diagnostic> export_call(const ExportOptions& o) {
    common::Diagnostics diags;
    if (o.data.empty() || o.call.empty() || o.out.empty()) return {{"export", 0, 0, "needs --data DIR, --call KEY and --out FILE.xlsx"}};
    for (const fs::path& target : {o.out, o.csv})
        if (!target.empty() && common::is_within(target, o.site / "public"))
            return {{target.string(), 0, 0, "the export holds personal data and must not be written into the public site"}};
    Site site;
    const Call* call = load_call_site(o, site, diags);
    if (!call) return diags.sorted();

    try {
        const xlsx::Workbook book = call_workbook(site, *call);
        write_whole(o.out, xlsx::xlsx_bytes(book));
        if (!o.csv.empty()) {
            fs::create_directories(o.csv);
            for (const auto& sheet : book.sheets) write_whole(o.csv / (sheet.name + ".csv"), xlsx::csv_bytes(sheet));
        }
    } catch (const std::exception& e) {
        return {{o.out.string(), 0, 0, e.what()}};
    }
    return {};
}

}  // namespace gen
