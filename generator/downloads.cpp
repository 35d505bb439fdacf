#include "generator/downloads.hpp"

#include <cstdio>

#include "generator/routes.hpp"

namespace gen {
namespace {

// Excel opens UTF-8 CSV correctly only with a byte-order mark; rows end in CRLF.
class Csv {
public:
    Csv() : text_("\xEF\xBB\xBF") {}
    Csv& row(const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) text_ += ',';
            const std::string& c = cells[i];
            if (c.find_first_of(",\"\r\n") == std::string::npos) {
                text_ += c;
            } else {
                text_ += '"';
                for (char ch : c) {
                    if (ch == '"') text_ += '"';
                    text_ += ch;
                }
                text_ += '"';
            }
        }
        text_ += "\r\n";
        return *this;
    }
    std::string str() const { return text_; }

private:
    std::string text_;
};

Download csv_download(const std::string& page_url, const std::string& stem, const std::string& title, const Csv& csv) {
    return Download{page_url + stem + ".csv", title + ".csv", "CSV", csv.str()};
}

}  // namespace

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
    for (const auto& q : site.quotas) {
        Csv csv;
        csv.row({q.unit_column, q.quota_column});
        for (const auto& r : q.rows) csv.row({r.county_name, std::to_string(r.quota)});
        csv.row({q.total_label, std::to_string(q.total)});
        const std::string url = data_url("quotas", q.key);
        out[url].push_back(csv_download(url, "quota-" + q.key, q.title, csv));
    }
    for (const auto& l : site.lists) {
        Csv csv;
        csv.row({l.unit_label, l.project_label, l.leader_label});
        for (const auto& e : l.entries) csv.row({e.unit, e.project, e.leader});
        const std::string url = data_url("lists", l.key);
        out[url].push_back(csv_download(url, "list-" + l.key, l.title, csv));
    }
    // A form's top-level tables, as blank sheets to fill in.
    for (const auto& f : site.forms) {
        for (const auto& block : f.form.blocks) {
            if (block.type != "table") continue;
            Csv csv;
            std::vector<std::string> header;
            for (const auto& c : block.fields) header.push_back(c.label);
            csv.row(header);
            for (int i = 0; i < block.blank_rows; ++i) csv.row(std::vector<std::string>(header.size()));
            const std::string url = data_url("forms", f.key);
            out[url].push_back(csv_download(url, f.key + "-" + block.name, f.form.title, csv));
        }
    }
    return out;
}

}  // namespace gen
