#include "generator/import/attachment_data.hpp"

#include "generator/import/attachment_kinds.hpp"
#include "generator/import/word_text.hpp"

namespace gen::import {

Grid grid_of(const office::WordTable& table) {
    Grid grid;
    for (const office::WordRow& row : table.rows) {
        std::vector<std::string> cells;
        for (const office::WordCell& cell : row.cells) {
            std::string text;
            // A cell's paragraphs are lines broken by hand, like its line breaks.
            for (const std::string& p : cell.paragraphs) text += one_line(p);
            cells.push_back(cell.continues_above ? "" : text);
        }
        grid.push_back(std::move(cells));
    }
    return grid;
}

std::string row_where(const std::string& where, std::size_t index) { return where + " row " + std::to_string(index + 1); }

std::string year_of_title(const std::string& title) {
    for (std::size_t i = 0; i + 4 < title.size(); ++i) {
        bool digits = true;
        for (std::size_t k = 0; k < 4; ++k) digits = digits && title[i + k] >= '0' && title[i + k] <= '9';
        if (digits && title.compare(i + 4, std::string("年").size(), "年") == 0 && (i == 0 || title[i - 1] < '0' || title[i - 1] > '9'))
            return title.substr(i, 4);
    }
    return "";
}

std::optional<MappedAttachment> map_attachment(const std::string& where, const std::string& title, const AttachmentPart& part,
                                               const SiteSources& site, Problems& problems) {
    // A form data/forms/ defines already: the bureau's definition, with the
    // names and limits it chose, is kept over one read from the Word file.
    if (const auto form = site.forms.find(spaceless(title)); form != site.forms.end()) return MappedAttachment{form->second, std::nullopt};

    std::vector<std::string> before_table;  // the heading lines, or the whole text of a text attachment
    std::vector<const office::WordTable*> tables;
    std::string after_table;  // the first words below the table, which a quota table or a list does not hold
    for (const office::WordBlock& b : part.blocks) {
        if (const auto* t = std::get_if<office::WordTable>(&b)) {
            tables.push_back(t);
        } else if (tables.empty()) {
            // Line by line: a heading's lines and a guide's items end with Enter or Shift+Enter alike.
            for (std::string& line : lines_of(std::get<office::WordParagraph>(b).text)) before_table.push_back(std::move(line));
        } else if (after_table.empty()) {
            after_table = one_line(std::get<office::WordParagraph>(b).text);
        }
    }
    if (tables.empty()) {
        if (looks_like_topic_guide(before_table))
            if (auto file = topic_guide_file(where, title, before_table, problems)) return MappedAttachment{file->path, file};
        problems.push_back({where, "text that is no topic guide (一、 topics with 试点条件 and 试点方向): attach the file itself "
                                   "under content/attachments/ instead"});
        return std::nullopt;
    }
    const Grid grid = grid_of(*tables.front());
    const bool list = looks_like_list(grid), quota = !list && looks_like_quota_table(grid);
    if ((list || quota) && !after_table.empty())
        problems.push_back({where, "text below the table, \"" + after_table + "\", which a quota table or a list does not hold"});
    for (std::size_t i = 1; (list || quota) && i < tables.size(); ++i)
        problems.push_back({where + " table " + std::to_string(i + 1), "a second table: a quota table or a list is one table"});
    std::optional<DataFile> file;
    if (list) file = list_file(where + " table 1", title, grid, site, problems);
    else if (quota) file = quota_table_file(where + " table 1", title, before_table, grid, site.units, problems);
    else if (looks_like_blank_form(grid)) file = blank_form_file(where, title, before_table, part.blocks, site, problems);
    else {
        std::string columns;
        for (const std::string& c : grid.empty() ? std::vector<std::string>{} : grid.front()) columns += (columns.empty() ? "" : ", ") + c;
        problems.push_back({where + " table 1 row 1", "columns \"" + columns + "\" are neither a quota table (单位名称, 名额 as whole numbers) "
                                                      "nor a list (单位名称, 项目名称, 项目负责人) nor a blank form (labels beside or "
                                                      "above empty cells)"});
    }
    if (!file || ((list || quota) && (tables.size() > 1 || !after_table.empty()))) return std::nullopt;
    return MappedAttachment{file->path, file};
}

}  // namespace gen::import
