// The two tables data/ holds as tables: a quota table (单位名称, 名额) and
// a published list (单位名称, 项目名称, 项目负责人).

#include "generator/import/attachment_kinds.hpp"
#include "generator/import/data_json.hpp"
#include "generator/import/word_text.hpp"

namespace gen::import {

namespace {

std::optional<int> whole_number(const std::string& cell) {
    std::size_t bytes = 0;
    const int n = leading_number(cell, bytes);
    if (n < 0 || bytes != cell.size()) return std::nullopt;
    return n;
}

bool is_total_label(const std::string& s) { return s == "全市" || s == "合计" || s == "总计" || s == "总数"; }

// The column whose header holds `word`, or -1.
int column_with(const std::vector<std::string>& header, const char* word) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (spaceless(header[i]).find(word) != std::string::npos) return static_cast<int>(i);
    return -1;
}

}  // namespace

bool looks_like_quota_table(const Grid& grid) {
    if (grid.size() < 2 || grid.front().size() != 2) return false;
    if (spaceless(grid.front()[1]).find("名额") != std::string::npos) return true;
    std::size_t numbers = 0;
    for (std::size_t r = 1; r < grid.size(); ++r) numbers += grid[r].size() == 2 && whole_number(grid[r][1]) ? 1 : 0;
    return numbers * 2 >= grid.size() - 1;
}

bool looks_like_list(const Grid& grid) {
    return !grid.empty() && column_with(grid.front(), "单位") >= 0 && column_with(grid.front(), "项目名称") >= 0 &&
           column_with(grid.front(), "负责人") >= 0;
}

std::optional<DataFile> quota_table_file(const std::string& where, const std::string& title, const std::vector<std::string>& heading,
                                         const Grid& grid, const common::Units& units, Problems& problems) {
    const std::size_t before = problems.size();
    const std::string year = year_of_title(title);
    if (year.empty()) problems.push_back({where, "no year (2019年) in the title \"" + title + "\" to name data/quotas/YEAR.json"});
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    std::string total_label = "全市";
    std::optional<int> declared;
    int sum = 0;
    for (std::size_t r = 1; r < grid.size(); ++r) {
        const std::vector<std::string>& row = grid[r];
        if (row.size() != 2) {
            problems.push_back({row_where(where, r), std::to_string(row.size()) + " cells where the quota table has 2 (单位名称, 名额)"});
            continue;
        }
        const std::optional<int> quota = whole_number(row[1]);
        if (!quota) {
            problems.push_back({row_where(where, r), "名额 \"" + row[1] + "\" is no whole number"});
            continue;
        }
        const std::string name = spaceless(row[0]);
        if (is_total_label(name) && r + 1 == grid.size()) {
            total_label = name;
            declared = quota;
            continue;
        }
        const common::County* county = nullptr;
        for (const common::County& c : units.counties)
            if (spaceless(c.name) == name) county = &c;
        if (!county) {
            problems.push_back({row_where(where, r), "\"" + row[0] + "\" is no county of data/units.json"});
            continue;
        }
        rows.push_back({{"county", county->id}, {"quota", *quota}});
        sum += *quota;
    }
    // A sum short of a row already reported would only repeat that report.
    if (declared && *declared != sum && problems.size() == before)
        problems.push_back({row_where(where, grid.size() - 1),
                            total_label + " " + std::to_string(*declared) + " differs from the sum of the rows, " + std::to_string(sum)});
    if (problems.size() != before) return std::nullopt;
    nlohmann::ordered_json doc;
    doc["title"] = title;
    doc["heading"] = heading.empty() ? std::vector<std::string>{title} : heading;
    doc["unit_column"] = spaceless(grid.front()[0]);
    doc["quota_column"] = spaceless(grid.front()[1]);
    doc["rows"] = rows;
    doc["total"] = {{"label", total_label}, {"quota", sum}};
    return DataFile{"quotas/" + year + ".json", data_json_text(doc)};
}

std::optional<DataFile> list_file(const std::string& where, const std::string& title, const Grid& grid, const SiteSources& site,
                                  Problems& problems) {
    const std::size_t before = problems.size();
    const std::string year = year_of_title(title);
    if (year.empty()) problems.push_back({where, "no year (2020年) in the title \"" + title + "\" to name data/lists/YEAR.json"});
    const std::vector<std::string>& header = grid.front();
    const int unit = column_with(header, "单位"), project = column_with(header, "项目名称"), leader = column_with(header, "负责人");
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (std::size_t r = 1; r < grid.size(); ++r) {
        const std::vector<std::string>& row = grid[r];
        if (row.size() != header.size()) {
            problems.push_back({row_where(where, r), std::to_string(row.size()) + " cells where the header row has " + std::to_string(header.size())});
            continue;
        }
        const std::string& name = row[static_cast<std::size_t>(unit)];
        if (name.empty()) {
            problems.push_back({row_where(where, r), "no 单位名称"});
            continue;
        }
        // A listed school is a pilot of the registry: it must be a school the site knows.
        const common::School* school = nullptr;
        for (const common::School& s : site.units.schools)
            if (spaceless(s.name) == spaceless(name)) school = &s;
        if (!school) {
            problems.push_back({row_where(where, r), "\"" + name + "\" is no school of data/units.json: add it there first"});
            continue;
        }
        entries.push_back({{"unit", name},
                           {"school", school->id},
                           {"project", row[static_cast<std::size_t>(project)]},
                           {"leader", row[static_cast<std::size_t>(leader)]}});
    }
    if (problems.size() != before) return std::nullopt;
    nlohmann::ordered_json doc;
    doc["title"] = title;
    doc["date"] = site.date;
    doc["columns"] = {{"unit", spaceless(header[static_cast<std::size_t>(unit)])},
                      {"project", spaceless(header[static_cast<std::size_t>(project)])},
                      {"leader", spaceless(header[static_cast<std::size_t>(leader)])}};
    doc["entries"] = entries;
    return DataFile{"lists/" + year + ".json", data_json_text(doc)};
}

}  // namespace gen::import
