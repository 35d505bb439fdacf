#include "generator/downloads.hpp"

#include <cstdio>

#include "common/urls.hpp"
#include "office/form_document.hpp"

namespace gen {
namespace docx = office::docx;
namespace xlsx = office::xlsx;
namespace {

Download csv_download(const std::string& page_url, const std::string& stem, const std::string& title, const xlsx::Sheet& sheet) {
    std::string bytes = xlsx::csv_bytes(sheet);
    std::string text = bytes;
    return Download{page_url + stem + ".csv", title + ".csv", "CSV", std::move(bytes), std::move(text)};
}

Download xlsx_download(const std::string& page_url, const std::string& stem, const xlsx::Workbook& book) {
    return Download{page_url + stem + ".xlsx", book.title + ".xlsx", "XLSX", xlsx::xlsx_bytes(book), xlsx::plain_text(book)};
}

// Office files carry a creation date: the date of the first notice that
// attaches the page, so that rebuilding never changes them.
std::string document_date(const Site& site, const std::string& page_url) {
    const std::string date = citing_date(site, page_url);
    return date.empty() ? site.today.iso() : date;
}

xlsx::Sheet quota_sheet(const QuotaTable& q) {
    using xlsx::RowKind;
    xlsx::Sheet sheet = xlsx::titled_sheet("名额分配", q.heading, q.title);
    sheet.rows.push_back({RowKind::header, {xlsx::text(q.unit_column), xlsx::text(q.quota_column)}, 0});
    for (const auto& r : q.rows) sheet.rows.push_back({RowKind::data, {xlsx::text(r.county_name), xlsx::number(r.quota)}, 0});
    // The total stays a formula, so that a county editing its copy sees it follow.
    xlsx::Cell total = xlsx::number(q.total);
    const std::string column = xlsx::column_name(1);
    total.formula = "=SUM(" + column + "3:" + column + std::to_string(q.rows.size() + 2) + ")";
    sheet.rows.push_back({RowKind::total, {xlsx::text(q.total_label), total}, 0});
    return sheet;
}

xlsx::Sheet list_sheet(const ApprovedList& l) {
    using xlsx::RowKind;
    xlsx::Sheet sheet = xlsx::titled_sheet("名单", l.heading, l.title);
    sheet.rows.push_back({RowKind::header, {xlsx::text(l.unit_label), xlsx::text(l.project_label), xlsx::text(l.leader_label)}, 0});
    for (const auto& e : l.entries)
        sheet.rows.push_back({RowKind::data, {xlsx::text(e.unit), xlsx::text(e.project), xlsx::text(e.leader)}, 0});
    return sheet;
}

}  // namespace

std::string citing_date(const Site& site, const std::string& page_url) {
    std::string date;
    for (const auto& n : site.notices)
        for (const auto& a : n.attachments)
            if (a.page == page_url && (date.empty() || n.date.iso() < date)) date = n.date.iso();
    return date;
}

std::string human_size(unsigned long long bytes) {
    char buf[32];
    if (bytes < 1024) {
        std::snprintf(buf, sizeof buf, "%llu B", bytes);
    } else if (bytes < 1024ULL * 1024) {
        std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    }
    return buf;
}

std::string file_type(const std::string& path) {
    const auto slash = path.rfind('/');
    const auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "FILE";
    std::string ext = path.substr(dot + 1);
    for (char& c : ext)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return ext;
}

std::map<std::string, std::vector<Download>> make_downloads(const Site& site) {
    std::map<std::string, std::vector<Download>> out;
    const std::string& author = site.info.bureau;
    for (const auto& q : site.quotas) {
        const std::string url = common::data_url("quotas", q.key);
        const xlsx::Sheet sheet = quota_sheet(q);
        out[url].push_back(xlsx_download(url, "quota-" + q.key, {q.title, author, document_date(site, url), {sheet}}));
        out[url].push_back(csv_download(url, "quota-" + q.key, q.title, sheet));
    }
    for (const auto& l : site.lists) {
        const std::string url = common::data_url("lists", l.key);
        const xlsx::Sheet sheet = list_sheet(l);
        out[url].push_back(xlsx_download(url, "list-" + l.key, {l.title, author, document_date(site, url), {sheet}}));
        out[url].push_back(csv_download(url, "list-" + l.key, l.title, sheet));
    }
    for (const auto& f : site.forms) {
        const std::string url = common::data_url("forms", f.key);
        const std::string date = document_date(site, url);
        if (!office::is_table_form(f.form)) {
            const docx::Document doc = office::form_document(f.form, author, date);
            out[url].push_back(Download{url + f.key + ".docx", f.form.title + ".docx", "DOCX", docx::docx_bytes(doc), docx::plain_text(doc)});
            continue;
        }
        out[url].push_back(xlsx_download(url, f.key, {f.form.title, author, date, {office::form_sheet(f.form)}}));
        // Each top-level table also as CSV, for those who fill it in by program.
        for (const auto& block : f.form.blocks)
            if (block.type == "table") out[url].push_back(csv_download(url, f.key + "-" + block.name, f.form.title, office::form_table_sheet(block)));
    }
    return out;
}

}  // namespace gen
